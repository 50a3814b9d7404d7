/* The help screen, written from the key table (keys.c) for the keys the role is offered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

static const char *
help_title(struct dk_view *v)
{
	(void)v;
	return _("docket — help (Esc to go back)");
}

static void
help_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	(void)t;
	dk_page_draw(v->data, top, rows, cols);
}

static void
help_free(struct dk_view *v)
{
	dk_page_free(v->data);
	free(v->data);
	free(v);
}

/*
 * Help: written from the binding table, one block per screen, with only
 * the keys the role is offered. A screen shows when the role is offered
 * one of the actions that open it (DK_ACT_NONE: every role sees it).
 */
static const struct {
	unsigned kind;
	const char *name;
	enum dk_tui_action opened_by[6];
} help_sections[] = {
    {DK_VIEW_DASHBOARD, N_("Dashboard"), {DK_ACT_NONE}},
    {DK_VIEW_LIST, N_("Case list"), {DK_ACT_NONE}},
    {DK_VIEW_DETAIL, N_("Case"), {DK_ACT_NONE}},
    {DK_VIEW_TIMELINE, N_("Timeline"), {DK_ACT_NONE}},
    {DK_VIEW_VICTIMS, N_("Victims"), {DK_ACT_VICTIMS, DK_ACT_COUNT}},
    {DK_VIEW_VICTIM, N_("Victim"), {DK_ACT_VICTIMS, DK_ACT_COUNT}},
    {DK_VIEW_ACCOUNTS, N_("Accounts"), {DK_ACT_ACCOUNTS, DK_ACT_COUNT}},
    {DK_VIEW_AUDIT, N_("Audit log"), {DK_ACT_AUDIT, DK_ACT_COUNT}},
    {DK_VIEW_VET, N_("Vetting"), {DK_ACT_VET, DK_ACT_COUNT}},
    {DK_VIEW_REPORTS, N_("Reports"), {DK_ACT_REPORTS, DK_ACT_COUNT}},
    {DK_VIEW_CONFLICTS, N_("Conflicts between offices"), {DK_ACT_CONFLICTS, DK_ACT_COUNT}},
    {DK_VIEW_OFFICES, N_("Offices"), {DK_ACT_OFFICES, DK_ACT_COUNT}},
    {DK_VIEW_FORM,
     N_("Forms"),
     {DK_ACT_NEW_CASE, DK_ACT_MOVE, DK_ACT_SET_FIELD, DK_ACT_VICTIM_ADD, DK_ACT_INFORM,
      DK_ACT_COUNT}},
};

/* Whether the role is offered the section's screen. */
static bool
section_offered(struct dk_tui *t, size_t s)
{
	const enum dk_tui_action *by = help_sections[s].opened_by;

	if (by[0] == DK_ACT_NONE)
		return true;
	for (int i = 0; i < 6 && by[i] != DK_ACT_COUNT; i++)
		if (dk_tui_may(t, by[i]))
			return true;
	return false;
}

/* Whether name is already in the comma-separated list (Enter has two key codes). */
static bool
listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

static void
help_reload(struct dk_tui *t, struct dk_view *v)
{
	struct dk_page *pg = v->data;

	dk_page_clear(pg);
	for (size_t s = 0; s < sizeof(help_sections) / sizeof(help_sections[0]); s++) {
		bool done[DK_ACT_COUNT] = {false};

		if (!section_offered(t, s))
			continue;
		dk_page_add(pg, A_BOLD, "%s", _(help_sections[s].name));
		for (int i = 0; i < dk_nbindings; i++) {
			struct dk_buf keys = DK_BUF_INIT;
			enum dk_tui_action a = dk_bindings[i].action;

			if (!(dk_bindings[i].views & help_sections[s].kind) || done[a] ||
			    !dk_tui_may(t, a))
				continue;
			done[a] = true;
			for (int j = i; j < dk_nbindings; j++) {
				if ((dk_bindings[j].views & help_sections[s].kind) &&
				    dk_bindings[j].action == a &&
				    !listed(dk_buf_str(&keys), dk_bindings[j].name))
					dk_buf_printf(&keys, "%s%s", keys.len ? ", " : "",
					              dk_bindings[j].name);
			}
			dk_page_add(pg, A_NORMAL, "  %-22s %s", dk_buf_str(&keys),
			            _(dk_tui_action_help(a)));
			dk_buf_free(&keys);
		}
		if (help_sections[s].kind == DK_VIEW_FORM) {
			dk_page_add(pg, A_NORMAL, "  %-22s %s", "Tab, Down", _("next field"));
			dk_page_add(pg, A_NORMAL, "  %-22s %s", "Shift-Tab, Up",
			            _("previous field"));
			dk_page_add(pg, A_NORMAL, "  %-22s %s", "Left, Right",
			            _("change a choice"));
			dk_page_add(pg, A_NORMAL, "  %-22s %s", "Enter",
			            _("new line in a text box, next field (or the list of choices) "
			              "elsewhere, save on [ Save ]"));
			dk_page_add(pg, A_NORMAL, "  %-22s %s", "Ctrl-S, F2", _("save"));
		}
		dk_page_add(pg, A_NORMAL, "%s", "");
	}
}

static void
help_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	dk_page_scroll(t, v->data, a);
}

static const struct dk_view_ops help_ops = {
    .kind = DK_VIEW_HELP,
    .title = help_title,
    .draw = help_draw,
    .action = help_action,
    .reload = help_reload,
    .free = help_free,
};

struct dk_view *
dk_view_help_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));

	v->ops = &help_ops;
	v->data = dk_xcalloc(1, sizeof(struct dk_page));
	help_reload(t, v);
	return v;
}
