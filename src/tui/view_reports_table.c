/*
 * A report as a table on the reports screen (timeliness, follow-up): by
 * nationality, sorted, one count column marked, a selected cell whose cases
 * Enter lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/report.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "view_reports.h"

#define KEY_WIDTH 6    /* the nationality column: ISO codes, "total" */
#define CELL_MIN 6     /* a count column's width, at least */
#define CELL_MAX 12    /* ... and at most */
#define TABLE_STEP 10  /* rows Page Down moves */
#define CASES_MAX 5000 /* cases a count lists: more than any screenful needs */

/* The tables are by nationality (the committee reads them by troop-contributing country). */
static const char *const by_nationality[] = {"nationality"};
static const struct dk_report_query nationality_query = {
    .by = by_nationality, .nby = 1, .from = DK_DATE_NONE, .to = DK_DATE_NONE};

/*
 * Short headers for the report columns: timeliness has eleven, and ten
 * columns' ids would not fit a terminal's width. The line under the table
 * names the selected column by its id, as the CLI prints it.
 */
static const struct {
	const char *measure;
	const char *header;
} headers[] = {
    {"referred", N_("CASES")},
    {"nio_appointed", N_("NIO")},
    {"median_days_to_nio", N_("NIO MED")},
    {"concluded", N_("CONCL")},
    {"median_days_to_conclude", N_("MEDIAN")},
    {"p90_days_to_conclude", N_("P90")},
    {"met_original", N_("MET")},
    {"met_extended", N_("MET EXT")},
    {"missed", N_("MISSED")},
    {"open_overdue", N_("OVERDUE")},
    {"open_on_track", N_("ON TIME")},
    {"nio_overdue", N_("NIO LATE")},
    {"investigation_overdue", N_("INV LATE")},
    {"action_pending", N_("ACTION")},
    {"paternity_pending", N_("PATERNITY")},
    {"nio_overdue_days", N_("DAYS")},
    {"investigation_overdue_days", N_("DAYS")},
    {"action_pending_days", N_("DAYS")},
    {"paternity_pending_days", N_("DAYS")},
};

static const char *
header_of(const char *measure)
{
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		if (strcmp(headers[i].measure, measure) == 0)
			return _(headers[i].header);
	return measure;
}

/* The measure named name, or the number of measures. */
static size_t
measure_named(const struct dk_report *r, const char *name)
{
	size_t m = 0;

	while (name != NULL && m < dk_report_nmeasures(r) &&
	       strcmp(dk_report_measure(r, m)->name, name) != 0)
		m++;
	return name != NULL ? m : dk_report_nmeasures(r);
}

/* Whether row a comes after row b: the larger statistic first, blanks last, else key order. */
static bool
after(const struct dk_report *r, size_t m, size_t a, size_t b)
{
	const struct dk_report_cell *x = dk_report_cell(r, a, m), *y = dk_report_cell(r, b, m);
	bool xblank = x->state != DK_REPORT_SHOWN, yblank = y->state != DK_REPORT_SHOWN;

	if (xblank != yblank)
		return xblank;
	if (!xblank && (x->value != y->value || x->half != y->half))
		return x->value < y->value || (x->value == y->value && !x->half);
	return a > b;
}

/* The rows in the pane's order (insertion sort: a row per nationality), the total last. */
static void
sort_rows(struct dk_reports_table *p)
{
	size_t n = dk_report_rows(p->r), m = measure_named(p->r, p->sort_by);

	p->order = dk_xcalloc(n + 1, sizeof(*p->order));
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && m < dk_report_nmeasures(p->r) &&
		       after(p->r, m, p->order[j - 1], i)) {
			p->order[j] = p->order[j - 1];
			j--;
		}
		p->order[j] = i;
	}
	p->order[n] = DK_REPORT_TOTAL;
	p->norder = (int)n + 1;
}

/* The next count column from m going by step (+1, -1); m when there is none. */
static size_t
next_count(const struct dk_report *r, size_t m, int step)
{
	for (size_t i = m + (size_t)step; i < dk_report_nmeasures(r); i += (size_t)step)
		if (dk_report_measure(r, i)->kind == DK_REPORT_COUNT)
			return i;
	return m;
}

void
dk_reports_table_clear(struct dk_reports_table *p)
{
	dk_report_free(p->r);
	p->r = NULL;
	free(p->order);
	p->order = NULL;
	p->norder = 0;
	p->loaded = false;
	p->why[0] = '\0';
}

void
dk_reports_table_load(struct dk_tui *t, struct dk_reports_table *p)
{
	dk_reports_table_clear(p);
	p->loaded = true;
	if (dk_app_report(t->app, p->name, &nationality_query, &p->r) != DK_OK) {
		/* The report may not be there yet (an older engine): the pane says so, in one line.
		 */
		snprintf(p->why, sizeof(p->why), _("Not available: %s"), dk_app_errmsg(t->app));
		return;
	}
	sort_rows(p);
	if (p->sel >= p->norder)
		p->sel = p->norder - 1;
	if (p->col >= dk_report_nmeasures(p->r) ||
	    dk_report_measure(p->r, p->col)->kind != DK_REPORT_COUNT)
		p->col = dk_report_measure(p->r, 0)->kind == DK_REPORT_COUNT
		             ? 0
		             : next_count(p->r, 0, 1);
}

/* A count column's width at this terminal width. */
static int
cell_width(const struct dk_reports_table *p, int cols)
{
	int w = (cols - 1 - KEY_WIDTH) / (int)dk_report_nmeasures(p->r);

	return w < CELL_MIN ? CELL_MIN : w > CELL_MAX ? CELL_MAX : w;
}

static void
draw_header(const struct dk_reports_table *p, int y, int cols)
{
	int w = cell_width(p, cols), x = 1 + KEY_WIDTH;

	dk_tui_put(y, 1, KEY_WIDTH, _("NAT"), A_BOLD);
	for (size_t m = 0; m < dk_report_nmeasures(p->r) && x < cols; m++, x += w) {
		char head[64];
		int pad;

		/* Cut without an ellipsis (narrow terminals), then right-aligned by display width.
		 */
		snprintf(head, sizeof(head), "%s", header_of(dk_report_measure(p->r, m)->name));
		head[dk_tui_prefix(head, w - 1)] = '\0';
		pad = w - 1 - dk_text_width(head);
		if (x + pad < cols)
			dk_tui_put(y, x + pad,
			           w - 1 - pad < cols - x - pad ? w - 1 - pad : cols - x - pad,
			           head, A_BOLD);
	}
}

/* One row: its key, then its cells; the selected row's key and count in reverse video. */
static void
draw_row(struct dk_tui *t, const struct dk_reports_table *p, int i, int y, int cols)
{
	size_t row = p->order[i], marked = measure_named(p->r, p->marked);
	const char *key = row == DK_REPORT_TOTAL
	                      ? _("total")
	                      : dk_tui_label(dk_label_kind_of_field(dk_report_key_name(p->r, 0)),
	                                     dk_report_key(p->r, row, 0));
	attr_t base = row == DK_REPORT_TOTAL ? A_BOLD : A_NORMAL;
	int w = cell_width(p, cols), x = 1 + KEY_WIDTH;

	dk_tui_put(y, 1, KEY_WIDTH, key[0] != '\0' ? key : "-",
	           base | (i == p->sel ? A_REVERSE : 0));
	for (size_t m = 0; m < dk_report_nmeasures(p->r) && x < cols; m++, x += w) {
		const struct dk_report_cell *c = dk_report_cell(p->r, row, m);
		char text[DK_REPORT_CELL_TEXT], cell[64];
		attr_t attr = base;

		if (m == marked && c->state != DK_REPORT_BLANK && c->value > 0)
			attr |=
			    A_BOLD | dk_tui_due_attr(t, dk_deadline_status_id(DK_STATUS_OVERDUE));
		if (i == p->sel && m == p->col)
			attr |= A_REVERSE;
		snprintf(cell, sizeof(cell), "%*s", w - 1, dk_report_cell_text(c, text));
		dk_tui_put(y, x, w - 1 < cols - x ? w - 1 : cols - x, cell, attr);
	}
}

void
dk_reports_table_draw(struct dk_tui *t, struct dk_reports_table *p, int top, int rows, int cols)
{
	int shown = rows - 3;
	char selected[160];

	if (p->r == NULL) {
		dk_tui_put(top, 1, cols - 2, p->why, A_NORMAL);
		return;
	}
	draw_header(p, top, cols);
	if (p->sel < p->top)
		p->top = p->sel;
	if (shown > 0 && p->sel >= p->top + shown)
		p->top = p->sel - shown + 1;
	if (p->norder == 1)
		dk_tui_put(top + 1, 1, cols - 2, _("Nothing to count."), A_NORMAL);
	for (int r = 0; r < shown && p->top + r < p->norder; r++)
		draw_row(t, p, p->top + r, top + 1 + r, cols);
	/* TRANSLATORS: a report's column id, kept in English (docket report prints it). */
	snprintf(selected, sizeof(selected), _("Selected: %s"),
	         dk_report_measure(p->r, p->col)->name);
	dk_tui_put(top + rows - 1, 1, cols - 2, selected, A_DIM);
}

struct refs {
	char **refs;
	int n, cap;
};

static bool
collect_ref(const char *ref, void *ctx)
{
	struct refs *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->refs = dk_xrealloc(c->refs, (size_t)c->cap * sizeof(*c->refs));
	}
	c->refs[c->n++] = dk_xstrdup(ref);
	return c->n < CASES_MAX;
}

void
dk_reports_list_cases(struct dk_tui *t, const char *name, const struct dk_report_query *q,
                      const char *key, size_t measure, const char *measure_name)
{
	struct refs c = {NULL, 0, 0};
	char title[256];

	if (dk_app_report_cases(t->app, name, q, key != NULL ? &key : NULL, measure, collect_ref,
	                        &c) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	else if (c.n == 0)
		dk_tui_say(t, false, "%s", _("No case stands behind this count."));
	if (c.n > 0) {
		if (key != NULL)
			/* TRANSLATORS: a report, its column and its field (ids kept in English),
			 * the row's key, the number of cases. */
			snprintf(title, sizeof(title), _("docket — %s: %s, %s %s (%d)"), name,
			         measure_name, q->by[0], key[0] != '\0' ? key : "-", c.n);
		else
			snprintf(title, sizeof(title), _("docket — %s: %s, in all (%d)"), name,
			         measure_name, c.n);
		dk_tui_open(t, DK_OPEN_LIST,
		            &(struct dk_open_arg){
		                .refs = (const char *const *)c.refs, .nrefs = c.n, .title = title});
	}
	for (int i = 0; i < c.n; i++)
		dk_xfree_wiped(&c.refs[i]);
	free(c.refs);
}

/* The selected row's key; NULL for the total row. */
static const char *
row_key(const struct dk_reports_table *p)
{
	size_t row = p->order[p->sel];

	return row != DK_REPORT_TOTAL ? dk_report_key(p->r, row, 0) : NULL;
}

bool
dk_reports_table_action(struct dk_tui *t, struct dk_reports_table *p, enum dk_tui_action a)
{
	if (p->r == NULL)
		return false;
	if (dk_tui_move_selection(t, a, &p->sel, p->norder, TABLE_STEP))
		return true;
	switch (a) {
	case DK_ACT_COLUMN_LEFT:
	case DK_ACT_COLUMN_RIGHT:
		p->col = next_count(p->r, p->col, a == DK_ACT_COLUMN_LEFT ? -1 : 1);
		return true;
	case DK_ACT_REPORT_CASES:
		dk_reports_list_cases(t, p->name, &nationality_query, row_key(p), p->col,
		                      dk_report_measure(p->r, p->col)->name);
		return true;
	default:
		return false;
	}
}
