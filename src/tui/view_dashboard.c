/*
 * Home: deadline counts per rule, the victims awaiting an update (w lists
 * them) and the most urgent deadlines, Enter opens the case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define DASHBOARD_PAGE_STEP 10 /* rows Page Down and Page Up move the selection */

struct dashboard {
	struct dk_dashboard db;
	bool loaded;
	struct dk_data_version version; /* what db was loaded from (taken just before) */
	int sel;
	int top;
};

static const char *
dashboard_title(struct dk_view *v)
{
	(void)v;
	return _("docket — dashboard");
}

/*
 * Loads the counts, unless nothing they depend on moved since the last load
 * (dk_app_data_version: the database, the day, the session, the office
 * filter): returning to the dashboard then only redraws. The token is taken
 * before loading, so a change committed meanwhile shows at the next return.
 */
static void
dashboard_load(struct dk_tui *t, struct dk_view *v, bool force)
{
	struct dashboard *d = v->data;
	struct dk_data_version now, after;
	enum dk_rc rc;

	if (dk_app_data_version(t->app, &now) == DK_OK && !force && d->loaded &&
	    dk_app_data_version_same(&now, &d->version))
		return;
	rc = dk_app_dashboard(t->app, &d->db);
	/* No other connection committed meanwhile: what moved was the load's own unlock entry. */
	if (rc == DK_OK && dk_app_data_version(t->app, &after) == DK_OK &&
	    after.others == now.others)
		now = after;
	d->version = now;
	d->loaded = rc == DK_OK;
	if (rc != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	if (d->sel >= d->db.nurgent)
		d->sel = d->db.nurgent > 0 ? d->db.nurgent - 1 : 0;
}

static void
dashboard_reload(struct dk_tui *t, struct dk_view *v)
{
	dashboard_load(t, v, false);
}

/* The most urgent deadlines' columns: a victim's update names the victim. */
static const int urgent_widths[] = {2, 19, 23, 10, 9, 15, 0};

/* Beside the count of victims awaiting an update. */
static const struct dk_hint victim_hints[] = {
    {DK_ACT_AWAITING, N_("lists them")},
    {DK_ACT_VICTIMS, N_("every victim")},
};

static void
dashboard_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct dashboard *d = v->data;
	const char *overdue = dk_deadline_status_id(DK_STATUS_OVERDUE);
	char line[256];
	int y = top + 1, list_rows;

	if (!d->loaded)
		return;
	static const int count_widths[] = {24, 14, 14, 14};
	const char *head[] = {_("DEADLINE RULE"), _("OVERDUE"), _("WITHIN 7 DAYS"),
	                      _("WITHIN 30 DAYS")};

	dk_tui_put(y++, 1, cols - 2, dk_tui_columns(count_widths, head, 4), A_BOLD);
	for (int i = 0; i < d->db.nrules; i++) {
		char n[3][24];
		const char *cells[4] = {dk_tui_label(DK_LABEL_RULE, d->db.rules[i].rule), n[0],
		                        n[1], n[2]};

		snprintf(n[0], sizeof(n[0]), "%14ld", d->db.rules[i].overdue);
		snprintf(n[1], sizeof(n[1]), "%14ld", d->db.rules[i].within_7);
		snprintf(n[2], sizeof(n[2]), "%14ld", d->db.rules[i].within_30);
		dk_tui_put(y++, 1, cols - 2, dk_tui_columns(count_widths, cells, 4),
		           d->db.rules[i].overdue > 0 ? dk_tui_due_attr(t, overdue) : A_NORMAL);
	}
	snprintf(line, sizeof(line), _("Victims awaiting an update: %ld"),
	         d->db.victims_awaiting_update);
	y++;
	dk_tui_put(y, 1, cols - 2, line,
	           d->db.victims_awaiting_update > 0 ? dk_tui_due_attr(t, overdue) : A_NORMAL);
	{
		int x = 1 + dk_text_width(line) + 3;

		if (x < cols - 2)
			dk_tui_put(
			    y, x, cols - 1 - x,
			    dk_tui_hints(t, DK_VIEW_DASHBOARD, victim_hints,
			                 (int)(sizeof(victim_hints) / sizeof(victim_hints[0]))),
			    A_DIM);
	}
	y += 2;
	dk_tui_put(y++, 1, cols - 2, _("Most urgent deadlines (Enter opens the case)"), A_BOLD);
	{
		const char *titles[] = {
		    "", _("REF"), _("RULE"), _("DUE"), _("DAYS LEFT"), _("STATUS"), _("VICTIM")};

		dk_tui_put(y++, 1, cols - 2, dk_tui_columns(urgent_widths, titles, 7), A_BOLD);
	}
	list_rows = top + rows - y;
	if (d->sel < d->top)
		d->top = d->sel;
	if (list_rows > 0 && d->sel >= d->top + list_rows)
		d->top = d->sel - list_rows + 1;
	if (d->db.nurgent == 0)
		dk_tui_put(y, 4, cols - 5,
		           dk_tui_may(t, DK_ACT_NEW_CASE)
		               ? _("Nothing is due. Press l for every case, n to record one.")
		               : _("Nothing is due. Press l for every case."),
		           A_NORMAL);
	for (int r = 0; r < list_rows && d->top + r < d->db.nurgent; r++) {
		int i = d->top + r;
		char due[DK_DATE_STRLEN];

		char left[16];
		const char *cells[7] = {dk_tui_due_mark(d->db.urgent[i].status),
		                        d->db.urgent[i].ref,
		                        dk_tui_label(DK_LABEL_RULE, d->db.urgent[i].rule),
		                        due,
		                        left,
		                        dk_tui_label(DK_LABEL_STATUS, d->db.urgent[i].status),
		                        d->db.urgent[i].victim};

		dk_date_show(d->db.urgent[i].due, due);
		snprintf(left, sizeof(left), "%8d", d->db.urgent[i].days_left);
		dk_tui_put(y + r, 1, cols - 2, dk_tui_columns(urgent_widths, cells, 7),
		           (i == d->sel ? A_REVERSE : A_NORMAL) |
		               dk_tui_due_attr(t, d->db.urgent[i].status));
	}
}

static void
open_search(struct dk_tui *t)
{
	char text[DK_LINE_MAX_TUI] = "";

	if (!dk_tui_prompt(t, _("Find (reference or text):"), text, sizeof(text)) ||
	    text[0] == '\0')
		return;
	dk_tui_open_id(t, DK_OPEN_LIST, text);
}

static void
dashboard_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct dashboard *d = v->data;

	if (dk_tui_move_selection(t, a, &d->sel, d->db.nurgent, DASHBOARD_PAGE_STEP))
		return;
	switch (a) {
	case DK_ACT_OPEN:
		if (d->db.nurgent > 0)
			dk_tui_open_id(t, DK_OPEN_DETAIL, d->db.urgent[d->sel].ref);
		break;
	case DK_ACT_CASES:
		dk_tui_open(t, DK_OPEN_LIST, NULL);
		break;
	case DK_ACT_OVERDUE:
		dk_tui_open(t, DK_OPEN_LIST, &(struct dk_open_arg){.only = true});
		break;
	case DK_ACT_AWAITING:
		dk_tui_open(t, DK_OPEN_VICTIMS, &(struct dk_open_arg){.only = true});
		break;
	case DK_ACT_NEW_CASE:
		dk_tui_open(t, DK_OPEN_FORM_INTAKE, NULL);
		break;
	case DK_ACT_SEARCH:
		open_search(t);
		break;
	case DK_ACT_REFRESH: /* asked for: loaded again whatever the token says */
		dashboard_load(t, v, true);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
dashboard_forget(struct dk_view *v)
{
	struct dashboard *d = v->data;

	explicit_bzero(&d->db, sizeof(d->db));
	d->loaded = false;
}

static void
dashboard_free(struct dk_view *v)
{
	dashboard_forget(v);
	free(v->data);
	free(v);
}

static const struct dk_view_ops dashboard_ops = {
    .kind = DK_VIEW_DASHBOARD,
    .title = dashboard_title,
    .draw = dashboard_draw,
    .action = dashboard_action,
    .reload = dashboard_reload,
    .free = dashboard_free,
};

struct dk_view *
dk_view_dashboard_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));

	v->ops = &dashboard_ops;
	v->data = dk_xcalloc(1, sizeof(struct dashboard));
	dashboard_reload(t, v);
	return v;
}
