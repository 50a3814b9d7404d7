/*
 * The key bindings, one table (view_help.c writes the help screen from it),
 * and the screens a key opens from anywhere.
 */
#include "docket/i18n.h"
#include "tui_internal.h"

#define CTRL(c) ((c)&0x1f)
#define LISTS                                                                                      \
	(DK_VIEW_DASHBOARD | DK_VIEW_LIST | DK_VIEW_TIMELINE | DK_VIEW_HELP | DK_VIEW_DETAIL |     \
	 DK_VIEW_ACCOUNTS | DK_VIEW_AUDIT | DK_VIEW_VICTIMS | DK_VIEW_VICTIM | DK_VIEW_VET |       \
	 DK_VIEW_REPORTS | DK_VIEW_CONFLICTS | DK_VIEW_OFFICES)
#define CASE_VIEWS (DK_VIEW_DETAIL | DK_VIEW_TIMELINE)
#define SCREENS (DK_VIEW_ANY & ~DK_VIEW_FORM) /* where the keys opening a screen work */

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
    {DK_VIEW_DASHBOARD | DK_VIEW_LIST | DK_VIEW_AUDIT | DK_VIEW_VET | DK_VIEW_CONFLICTS, '\n',
     "Enter", DK_ACT_OPEN},
    {DK_VIEW_DASHBOARD | DK_VIEW_LIST | DK_VIEW_AUDIT | DK_VIEW_VET | DK_VIEW_CONFLICTS, KEY_ENTER,
     "Enter", DK_ACT_OPEN},
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
    {DK_VIEW_LIST | DK_VIEW_AUDIT, 'X', "X", DK_ACT_FILTER_CLEAR},
    {CASE_VIEWS, 'm', "m", DK_ACT_MOVE},
    {CASE_VIEWS, 'e', "e", DK_ACT_SET_FIELD},
    {DK_VIEW_DETAIL, 'x', "x", DK_ACT_EXTEND},
    {CASE_VIEWS, 'a', "a", DK_ACT_NOTE},
    {DK_VIEW_DETAIL, 't', "t", DK_ACT_TIMELINE},
    {SCREENS, 'A', "A", DK_ACT_ACCOUNTS},
    {SCREENS, 'T', "T", DK_ACT_AUDIT},
    {DK_VIEW_ACCOUNTS, 'a', "a", DK_ACT_ACCOUNT_ADD},
    {DK_VIEW_ACCOUNTS, 'd', "d", DK_ACT_ACCOUNT_REMOVE},
    {DK_VIEW_ACCOUNTS, 'p', "p", DK_ACT_ACCOUNT_PASSWD},
    {DK_VIEW_ACCOUNTS, 'r', "r", DK_ACT_SHOW_REMOVED},
    {DK_VIEW_ACCOUNTS, 'P', "P", DK_ACT_PRUNE_SLOTS},
    {DK_VIEW_AUDIT, 'v', "v", DK_ACT_AUDIT_VERIFY},
    {DK_VIEW_AUDIT, '/', "/", DK_ACT_FILTER_ACCOUNT},
    {DK_VIEW_AUDIT, 'c', "c", DK_ACT_FILTER_CASE},
    {SCREENS, 'V', "V", DK_ACT_VICTIMS},
    {DK_VIEW_DASHBOARD, 'w', "w", DK_ACT_AWAITING},
    {DK_VIEW_VICTIMS, 'w', "w", DK_ACT_FILTER_AWAITING},
    {DK_VIEW_VICTIMS, 's', "s", DK_ACT_VICTIM_ORDER},
    {DK_VIEW_VICTIMS, '/', "/", DK_ACT_FIND_VICTIM},
    {DK_VIEW_VICTIMS, '\n', "Enter", DK_ACT_OPEN_VICTIM},
    {DK_VIEW_VICTIMS, KEY_ENTER, "Enter", DK_ACT_OPEN_VICTIM},
    {DK_VIEW_DETAIL, '\n', "Enter", DK_ACT_CASE_VICTIM},
    {DK_VIEW_DETAIL, KEY_ENTER, "Enter", DK_ACT_CASE_VICTIM},
    {DK_VIEW_VICTIM, '\n', "Enter", DK_ACT_VICTIM_CASE},
    {DK_VIEW_VICTIM, KEY_ENTER, "Enter", DK_ACT_VICTIM_CASE},
    {DK_VIEW_DETAIL, 'v', "v", DK_ACT_VICTIM_ADD},
    {DK_VIEW_DETAIL, 'b', "b", DK_ACT_SUBJECT_ADD},
    {DK_VIEW_DETAIL, 's', "s", DK_ACT_SUBJECT_ACTION},
    {DK_VIEW_VICTIM, 'i', "i", DK_ACT_INFORM},
    {DK_VIEW_VICTIM, 'a', "a", DK_ACT_ASSIST},
    {DK_VIEW_VICTIM, 'p', "p", DK_ACT_PATERNITY},
    /* F finds a person from anywhere; on the vetting screen, F (or /) searches again. */
    {SCREENS & ~DK_VIEW_VET & ~DK_VIEW_REPORTS, 'F', "F", DK_ACT_VET},
    {DK_VIEW_VET, '/', "/", DK_ACT_VET_AGAIN},
    {DK_VIEW_VET, 'F', "F", DK_ACT_VET_AGAIN},
    {DK_VIEW_DASHBOARD | DK_VIEW_LIST, 'R', "R", DK_ACT_REPORTS},
    {DK_VIEW_REPORTS, '\t', "Tab", DK_ACT_REPORT_NEXT},
    {DK_VIEW_REPORTS, '1', "1", DK_ACT_REPORT_ALLEGATIONS},
    {DK_VIEW_REPORTS, '2', "2", DK_ACT_REPORT_TIMELINESS},
    {DK_VIEW_REPORTS, '3', "3", DK_ACT_REPORT_FOLLOW_UP},
    {DK_VIEW_REPORTS, 'f', "f", DK_ACT_REPORT_FIELD},
    {DK_VIEW_REPORTS, 'F', "F", DK_ACT_REPORT_FIELD_BACK},
    {DK_VIEW_REPORTS, '[', "[", DK_ACT_FIRST_YEAR_EARLIER},
    {DK_VIEW_REPORTS, ']', "]", DK_ACT_FIRST_YEAR_LATER},
    {DK_VIEW_REPORTS, '{', "{", DK_ACT_LAST_YEAR_EARLIER},
    {DK_VIEW_REPORTS, '}', "}", DK_ACT_LAST_YEAR_LATER},
    {DK_VIEW_REPORTS, KEY_LEFT, "Left", DK_ACT_COLUMN_LEFT},
    {DK_VIEW_REPORTS, KEY_RIGHT, "Right", DK_ACT_COLUMN_RIGHT},
    {DK_VIEW_REPORTS, '\n', "Enter", DK_ACT_REPORT_CASES},
    {DK_VIEW_REPORTS, KEY_ENTER, "Enter", DK_ACT_REPORT_CASES},
    /* Exchange between offices: K and E open their screens from anywhere; f filters. */
    {SCREENS, 'K', "K", DK_ACT_CONFLICTS},
    {DK_VIEW_DASHBOARD | DK_VIEW_LIST | DK_VIEW_CONFLICTS, 'f', "f", DK_ACT_FILTER_OFFICE},
    {SCREENS, 'E', "E", DK_ACT_OFFICES},
    /* Vetting keeps no query to search with again: r has nothing to reload there. */
    {SCREENS & ~DK_VIEW_ACCOUNTS & ~DK_VIEW_VET, 'r', "r", DK_ACT_REFRESH},
    {DK_VIEW_ANY & ~DK_VIEW_FORM, CTRL('l'), "Ctrl-L", DK_ACT_REFRESH},
    {DK_VIEW_ANY & ~DK_VIEW_FORM, 'L', "L", DK_ACT_LOCK},
};

const int dk_nbindings = (int)(sizeof(dk_bindings) / sizeof(dk_bindings[0]));

static const char *const action_help[DK_ACT_COUNT] = {
#define DK_TUI_ACTION_HELP(name, help, needs) [DK_ACT_##name] = help,
    DK_TUI_ACTION_LIST(DK_TUI_ACTION_HELP)
#undef DK_TUI_ACTION_HELP
};

static const enum dk_action action_needs[DK_ACT_COUNT] = {
#define DK_TUI_ACTION_NEEDS(name, help, needs) [DK_ACT_##name] = DK_ACTION_##needs,
    DK_TUI_ACTION_LIST(DK_TUI_ACTION_NEEDS)
#undef DK_TUI_ACTION_NEEDS
};

enum dk_tui_action
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
dk_tui_action_help(enum dk_tui_action a)
{
	return (unsigned)a < DK_ACT_COUNT ? action_help[a] : "";
}

const char *
dk_tui_key_name(unsigned view, enum dk_tui_action a)
{
	for (int i = 0; i < dk_nbindings; i++)
		if ((dk_bindings[i].views & view) && dk_bindings[i].action == a)
			return dk_bindings[i].name;
	return NULL;
}

enum dk_action
dk_tui_action_needs(enum dk_tui_action a)
{
	return (unsigned)a < DK_ACT_COUNT ? action_needs[a] : DK_ACTION_ANYONE;
}

bool
dk_tui_role_may(const char *role, enum dk_tui_action a)
{
	enum dk_action need = dk_tui_action_needs(a);

	return need == DK_ACTION_ANYONE || dk_role_may(role, need);
}

bool
dk_tui_may(const struct dk_tui *t, enum dk_tui_action a)
{
	enum dk_action need = dk_tui_action_needs(a);

	return need == DK_ACTION_ANYONE || dk_app_may(t->app, need);
}

const struct dk_tui_screen dk_tui_screens[] = {
    {.action = DK_ACT_VICTIMS,
     .kind = DK_VIEW_VICTIMS,
     .what = DK_OPEN_VICTIMS,
     .then = DK_ACT_NONE},
    {.action = DK_ACT_ACCOUNTS,
     .kind = DK_VIEW_ACCOUNTS,
     .what = DK_OPEN_ACCOUNTS,
     .hint = N_("accounts"),
     .then = DK_ACT_NONE},
    {.action = DK_ACT_AUDIT,
     .kind = DK_VIEW_AUDIT,
     .what = DK_OPEN_AUDIT,
     .hint = N_("audit"),
     .then = DK_ACT_NONE},
    {.action = DK_ACT_VET, .kind = DK_VIEW_VET, .what = DK_OPEN_VET, .then = DK_ACT_VET_AGAIN},
    {.action = DK_ACT_REPORTS,
     .kind = DK_VIEW_REPORTS,
     .what = DK_OPEN_REPORTS,
     .then = DK_ACT_NONE},
    {.action = DK_ACT_CONFLICTS,
     .kind = DK_VIEW_CONFLICTS,
     .what = DK_OPEN_CONFLICTS,
     .then = DK_ACT_NONE},
    {.action = DK_ACT_OFFICES,
     .kind = DK_VIEW_OFFICES,
     .what = DK_OPEN_OFFICES,
     .then = DK_ACT_NONE},
};

const int dk_tui_nscreens = (int)(sizeof(dk_tui_screens) / sizeof(dk_tui_screens[0]));
