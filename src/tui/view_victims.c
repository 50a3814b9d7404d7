/*
 * The victims (every role that reads cases): the list, all of them or only
 * those awaiting an update, read a page at a time as the selection moves down.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define NHINTS(h) ((int)(sizeof(h) / sizeof((h)[0])))

static char *
dup_or_empty(const char *s)
{
	return dk_xstrdup(s != NULL ? s : "");
}

struct victim_row {
	char *code;
	char *refs;
	char *sex;
	char *age;
	char *status; /* "" when no live deadline */
	char *assistance;
	char *paternity; /* "" when no claim */
	dk_date last_informed;
	dk_date update_due;
	int days_left;
};

struct victims {
	struct victim_row *rows;
	int n, cap;
	int sel, top;
	bool awaiting;                  /* only those awaiting an update */
	bool by_code;                   /* by code instead of the most overdue update first */
	char search[DK_REF_MAX];        /* a code or reference prefix; wiped with the view */
	struct dk_victim_cursor cursor; /* after the last victim read */
	bool more;                      /* victims after the last row loaded */
	char title[192];
};

static const struct dk_hint list_hints[] = {
    {DK_ACT_OPEN_VICTIM, N_("open")}, {DK_ACT_FILTER_AWAITING, N_("awaiting an update only")},
    {DK_ACT_FIND_VICTIM, N_("find")}, {DK_ACT_VICTIM_ORDER, N_("sort")},
    {DK_ACT_BACK, N_("back")},
};

static const struct dk_hint awaiting_hints[] = {
    {DK_ACT_OPEN_VICTIM, N_("open")}, {DK_ACT_FILTER_AWAITING, N_("every victim")},
    {DK_ACT_FIND_VICTIM, N_("find")}, {DK_ACT_VICTIM_ORDER, N_("sort")},
    {DK_ACT_BACK, N_("back")},
};

static void
victims_forget(struct dk_view *v)
{
	struct victims *l = v->data;

	for (int i = 0; i < l->n; i++) {
		struct victim_row *r = &l->rows[i];

		dk_xfree_wiped(&r->code);
		dk_xfree_wiped(&r->refs);
		dk_xfree_wiped(&r->sex);
		dk_xfree_wiped(&r->age);
		dk_xfree_wiped(&r->status);
		dk_xfree_wiped(&r->assistance);
		dk_xfree_wiped(&r->paternity);
	}
	l->n = 0;
}

static bool
collect(const struct dk_victim_view *in, void *ctx)
{
	struct victims *l = ctx;
	struct victim_row *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->rows = dk_xrealloc(l->rows, (size_t)l->cap * sizeof(*l->rows));
	}
	r = &l->rows[l->n++];
	r->code = dup_or_empty(in->code);
	r->refs = dup_or_empty(in->refs);
	r->sex = dup_or_empty(in->sex);
	r->age = dup_or_empty(in->age);
	r->status = dup_or_empty(in->status);
	r->assistance = dup_or_empty(in->assistance);
	r->paternity = dup_or_empty(in->paternity);
	r->last_informed = in->last_informed;
	r->update_due = in->update_due;
	r->days_left = in->days_left;
	return true;
}

#define VICTIMS_PAGE 200 /* rows read at a time, as the selection moves down */

/* Reads pages after the last row until `want` rows are loaded or there are no more. */
static void
load_more(struct dk_tui *t, struct victims *l, int want)
{
	struct dk_victim_query q = {!l->by_code, l->awaiting, l->search};

	while (l->more && l->n < want) {
		if (dk_app_victim_page(t->app, &q, &l->cursor, VICTIMS_PAGE, collect, l,
		                       &l->more) != DK_OK) {
			dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
			l->more = false;
		}
	}
}

/* Reads the list again, keeping the selected victim selected when it is still listed. */
static void
victims_reload(struct dk_tui *t, struct dk_view *v)
{
	struct victims *l = v->data;
	char code[DK_CODE_MAX] = "";
	int want = l->sel + 1 > VICTIMS_PAGE ? l->sel + 1 : VICTIMS_PAGE;

	if (l->sel < l->n)
		snprintf(code, sizeof(code), "%s", l->rows[l->sel].code);
	victims_forget(v);
	memset(&l->cursor, 0, sizeof(l->cursor));
	l->more = true;
	load_more(t, l, want);
	for (int i = 0; code[0] != '\0' && i < l->n; i++)
		if (strcmp(l->rows[i].code, code) == 0)
			l->sel = i;
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
}

static const char *
victims_title(struct dk_view *v)
{
	struct victims *l = v->data;

	/* The default order (most overdue update first) goes unsaid, like every victim. */
	snprintf(l->title, sizeof(l->title), "%s%s%s%s%s%s%s", _("docket — victims"),
	         l->awaiting ? " — " : "", l->awaiting ? _("awaiting an update") : "",
	         l->by_code ? " — " : "", l->by_code ? _("by code") : "",
	         l->search[0] != '\0' ? " — /" : "", l->search);
	return l->title;
}

/* Where each column starts and how wide it is at this terminal width. */
enum {
	COL_MARK,
	COL_CODE,
	COL_CASES,
	COL_SEX,
	COL_AGE,
	COL_INFORMED,
	COL_DUE,
	COL_DAYS,
	COL_STATUS,
	COL_ASSISTANCE,
	COL_PATERNITY,
	NCOLS
};

static const int fixed_widths[COL_ASSISTANCE] = {2, 12, 17, 7, 7, 10, 10, 5, 9};

/*
 * Assistance takes what is left; the paternity claim has its own column
 * when there is room for both (both are on the line under the list
 * anyway). On a narrow terminal the status goes (the mark and the days
 * left tell it), then the cases narrow (they are under the list too).
 */
static void
layout(int cols, int *widths)
{
	int used = 1, rest;

	for (int i = 0; i < COL_ASSISTANCE; i++) {
		widths[i] = fixed_widths[i];
		used += widths[i] + 1;
	}
	if (used > cols - 1) {
		used -= widths[COL_STATUS] + 1;
		widths[COL_STATUS] = 0;
	}
	if (used > cols - 1) {
		int cut = used - (cols - 1) < widths[COL_CASES] - 8 ? used - (cols - 1)
		                                                    : widths[COL_CASES] - 8;

		widths[COL_CASES] -= cut;
		used -= cut;
	}
	rest = cols - 1 - used;
	if (rest >= 30) {
		widths[COL_PATERNITY] = 15;
		widths[COL_ASSISTANCE] = rest - 16;
	} else {
		widths[COL_PATERNITY] = 0;
		widths[COL_ASSISTANCE] = rest > 0 ? rest : 0;
	}
}

/* Cell by cell, each sanitized and fitted by dk_tui_put: none shifts the next. */
static void
draw_cells(int y, const int *widths, const char *const *cells, const attr_t *attrs)
{
	int x = 1;

	for (int i = 0; i < NCOLS; i++) {
		if (widths[i] <= 0)
			continue;
		dk_tui_put(y, x, widths[i], cells[i], attrs[i]);
		dk_tui_put(y, x + widths[i], 1, "", attrs[i]);
		x += widths[i] + 1;
	}
}

static void
victims_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct victims *l = v->data;
	int widths[NCOLS], list_rows = rows - 3; /* header; the selected row's detail, the hints */
	const char *head[NCOLS] = {"",          _("CODE"),       _("CASES"),    _("SEX"),
	                           _("AGE"),    _("INFORMED"),   _("NEXT DUE"), _("DAYS"),
	                           _("STATUS"), _("ASSISTANCE"), _("PATERNITY")};
	attr_t bold[NCOLS];

	layout(cols, widths);
	for (int i = 0; i < NCOLS; i++)
		bold[i] = A_BOLD;
	draw_cells(top, widths, head, bold);
	if (l->sel < l->top)
		l->top = l->sel;
	if (list_rows > 0 && l->sel >= l->top + list_rows)
		l->top = l->sel - list_rows + 1;
	if (l->n == 0)
		dk_tui_put(top + 2, 3, cols - 4,
		           l->awaiting ? _("No victim awaits an update. w lists every victim.")
		                       : _("No victim is named in the cases you may see."),
		           A_NORMAL);
	for (int r = 0; r < list_rows && l->top + r < l->n; r++) {
		const struct victim_row *row = &l->rows[l->top + r];
		bool live = row->update_due != DK_DATE_NONE;
		char informed[DK_DATE_STRLEN] = "-", due[DK_DATE_STRLEN] = "-", days[16] = "";
		attr_t sel = l->top + r == l->sel ? A_REVERSE : A_NORMAL;
		attr_t due_attr = sel | dk_tui_due_attr(t, row->status);
		const char *cells[NCOLS] = {
		    dk_tui_due_mark(row->status),
		    row->code,
		    row->refs,
		    dk_tui_label(DK_LABEL_SEX, row->sex),
		    dk_tui_label(DK_LABEL_AGE, row->age),
		    informed,
		    due,
		    days,
		    dk_tui_label(DK_LABEL_STATUS, row->status),
		    row->assistance[0] ? row->assistance : "-",
		    dk_tui_label(DK_LABEL_PATERNITY, row->paternity),
		};
		attr_t attrs[NCOLS];

		if (row->last_informed != DK_DATE_NONE)
			dk_date_show(row->last_informed, informed);
		if (live) {
			dk_date_show(row->update_due, due);
			snprintf(days, sizeof(days), "%5d", row->days_left);
		} else {
			snprintf(days, sizeof(days), "%5s", "-");
		}
		for (int i = 0; i < NCOLS; i++)
			attrs[i] = sel;
		attrs[COL_MARK] = attrs[COL_DUE] = attrs[COL_DAYS] = attrs[COL_STATUS] = due_attr;
		draw_cells(top + 1 + r, widths, cells, attrs);
	}
	if (l->n > 0) {
		const struct victim_row *row = &l->rows[l->sel];
		struct dk_buf b = DK_BUF_INIT;

		dk_buf_printf(&b, "%s: %s   %s: %s   %s: %s", _("Cases"), row->refs,
		              _("Assistance"), row->assistance[0] ? row->assistance : "-",
		              _("Paternity claim"),
		              dk_tui_label(DK_LABEL_PATERNITY, row->paternity));
		dk_tui_put(top + rows - 2, 1, cols - 2, dk_buf_str(&b), A_NORMAL);
		dk_buf_free(&b);
	}
	dk_tui_put(top + rows - 1, 1, cols - 2,
	           l->awaiting
	               ? dk_tui_hints(t, DK_VIEW_VICTIMS, awaiting_hints, NHINTS(awaiting_hints))
	               : dk_tui_hints(t, DK_VIEW_VICTIMS, list_hints, NHINTS(list_hints)),
	           A_DIM);
}

/* Narrows the list to the victims whose code or a case's reference starts with what is typed. */
static void
victims_find(struct dk_tui *t, struct dk_view *v)
{
	struct victims *l = v->data;
	char buf[DK_REF_MAX];

	snprintf(buf, sizeof(buf), "%s", l->search);
	if (dk_tui_prompt(t, _("Find (victim code or case reference):"), buf, sizeof(buf))) {
		snprintf(l->search, sizeof(l->search), "%s", buf);
		l->sel = l->top = 0;
		victims_reload(t, v);
		if (l->n == 0 && l->search[0] != '\0')
			dk_tui_say(t, false, _("Nothing found for '%s'."), l->search);
	}
	explicit_bzero(buf, sizeof(buf));
}

static void
victims_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct victims *l = v->data;
	int step = LINES - 7 > 1 ? LINES - 7 : 1;

	int loaded = l->n;

	/* Moving down reads the next page when the selection would leave the loaded rows. */
	if (a == DK_ACT_DOWN || a == DK_ACT_PAGE_DOWN)
		load_more(t, l, l->sel + (a == DK_ACT_DOWN ? 1 : step) + 1);
	else if (a == DK_ACT_BOTTOM)
		load_more(t, l, INT_MAX);
	if (l->n != loaded)
		dk_tui_dirty(t, DK_DIRTY_BODY);
	if (dk_tui_move_selection(t, a, &l->sel, l->n, step))
		return;
	switch (a) {
	case DK_ACT_OPEN_VICTIM:
		if (l->n > 0)
			dk_tui_open_id(t, DK_OPEN_VICTIM, l->rows[l->sel].code);
		break;
	case DK_ACT_FILTER_AWAITING:
		l->awaiting = !l->awaiting;
		victims_reload(t, v);
		break;
	case DK_ACT_VICTIM_ORDER:
		l->by_code = !l->by_code;
		victims_reload(t, v);
		break;
	case DK_ACT_FIND_VICTIM:
		victims_find(t, v);
		break;
	case DK_ACT_REFRESH:
		victims_reload(t, v);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
victims_free(struct dk_view *v)
{
	struct victims *l = v->data;

	victims_forget(v);
	free(l->rows);
	dk_xfree_wiped_n(l, sizeof(*l)); /* the search may name a case */
	free(v);
}

static const struct dk_view_ops victims_ops = {
    .kind = DK_VIEW_VICTIMS,
    .title = victims_title,
    .draw = victims_draw,
    .action = victims_action,
    .reload = victims_reload,
    .free = victims_free,
};

struct dk_view *
dk_view_victims_new(struct dk_tui *t, bool awaiting)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct victims *l = dk_xcalloc(1, sizeof(*l));

	v->ops = &victims_ops;
	v->data = l;
	l->awaiting = awaiting;
	victims_reload(t, v);
	return v;
}
