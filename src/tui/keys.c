/* The key bindings: one table, which also writes the help screen. */
#include "docket/i18n.h"
#include "tui_internal.h"

#define CTRL(c) ((c)&0x1f)
#define LISTS (DK_VIEW_DASHBOARD | DK_VIEW_LIST | DK_VIEW_TIMELINE | DK_VIEW_HELP | DK_VIEW_DETAIL)
#define CASE_VIEWS (DK_VIEW_DETAIL | DK_VIEW_TIMELINE)

const struct dk_binding dk_bindings[] = {
	{DK_VIEW_ANY & ~DK_VIEW_FORM, '?', "?", DK_ACT_HELP},
	{DK_VIEW_DASHBOARD, 'q', "q", DK_ACT_QUIT},
	{DK_VIEW_ANY & ~DK_VIEW_FORM & ~DK_VIEW_DASHBOARD, 'q', "q", DK_ACT_BACK},
	{DK_VIEW_ANY, 27, "Esc", DK_ACT_BACK},
	{DK_VIEW_ANY, CTRL('c'), "Ctrl-C", DK_ACT_QUIT},
	{LISTS, 'j', "j", DK_ACT_DOWN},
	{LISTS, KEY_DOWN, "Down", DK_ACT_DOWN},
	{LISTS, 'k', "k", DK_ACT_UP},
	{LISTS, KEY_UP, "Up", DK_ACT_UP},
	{LISTS, KEY_NPAGE, "PgDn", DK_ACT_PAGE_DOWN},
	{LISTS, ' ', "Space", DK_ACT_PAGE_DOWN},
	{LISTS, KEY_PPAGE, "PgUp", DK_ACT_PAGE_UP},
	{LISTS, 'g', "g", DK_ACT_TOP},
	{LISTS, KEY_HOME, "Home", DK_ACT_TOP},
	{LISTS, 'G', "G", DK_ACT_BOTTOM},
	{LISTS, KEY_END, "End", DK_ACT_BOTTOM},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, '\n', "Enter", DK_ACT_OPEN},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, KEY_ENTER, "Enter", DK_ACT_OPEN},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, 'l', "l", DK_ACT_CASES},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, 'o', "o", DK_ACT_OVERDUE},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, 'n', "n", DK_ACT_NEW_CASE},
	{DK_VIEW_DASHBOARD | DK_VIEW_LIST, '/', "/", DK_ACT_SEARCH},
	{DK_VIEW_LIST, 's', "s", DK_ACT_SORT},
	{DK_VIEW_LIST, 'M', "M", DK_ACT_FILTER_MISSION},
	{DK_VIEW_LIST, 'S', "S", DK_ACT_FILTER_STATE},
	{DK_VIEW_LIST, 'C', "C", DK_ACT_FILTER_CATEGORY},
	{DK_VIEW_LIST, 'U', "U", DK_ACT_FILTER_URGENT},
	{DK_VIEW_LIST, 'O', "O", DK_ACT_FILTER_OVERDUE},
	{DK_VIEW_LIST, 'X', "X", DK_ACT_FILTER_CLEAR},
	{CASE_VIEWS, 'm', "m", DK_ACT_MOVE},
	{CASE_VIEWS, 'e', "e", DK_ACT_SET_FIELD},
	{DK_VIEW_DETAIL, 'x', "x", DK_ACT_EXTEND},
	{CASE_VIEWS, 'a', "a", DK_ACT_NOTE},
	{DK_VIEW_DETAIL, 't', "t", DK_ACT_TIMELINE},
	{DK_VIEW_ANY & ~DK_VIEW_FORM, 'r', "r", DK_ACT_REFRESH},
	{DK_VIEW_ANY & ~DK_VIEW_FORM, CTRL('l'), "Ctrl-L", DK_ACT_REFRESH},
	{DK_VIEW_ANY & ~DK_VIEW_FORM, 'L', "L", DK_ACT_LOCK},
};

const int dk_nbindings = (int)(sizeof(dk_bindings) / sizeof(dk_bindings[0]));

static const char *const action_help[DK_ACT_COUNT] = {
#define DK_ACTION_HELP(name, help) [DK_ACT_##name] = help,
	DK_ACTION_LIST(DK_ACTION_HELP)
#undef DK_ACTION_HELP
};

enum dk_action
dk_tui_action_for(unsigned view, int key)
{
	if (key == '\r')
		key = '\n';
	for (int i = 0; i < dk_nbindings; i++)
		if ((dk_bindings[i].views & view) && dk_bindings[i].key == key)
			return dk_bindings[i].action;
	return DK_ACT_NONE;
}

const char *
dk_tui_action_help(enum dk_action a)
{
	return (unsigned)a < DK_ACT_COUNT ? action_help[a] : "";
}
