/*
 * The reports screen (issue 12): three panes switched by Tab or 1/2/3 —
 * the allegations as horizontal bars by one field over a range of whole
 * years, then the timeliness and follow-up tables (view_reports_table.c).
 * The numbers are the engine's, as `docket report` prints them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "docket/i18n.h"
#include "docket/report.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "view_reports.h"

#define FIRST_YEAR_MIN 1900 /* [ stops here: no mission reported before */
#define CHART_STEP 10       /* rows Page Down moves */
#define NHINTS(h) ((int)(sizeof(h) / sizeof((h)[0])))

enum pane { PANE_ALLEGATIONS, PANE_TIMELINESS, PANE_FOLLOW_UP, NPANES };

static const char *const pane_names[NPANES] = {N_("Allegations"), N_("Timeliness"),
                                               N_("Follow-up")};

/* The allegations, by one field, reported in whole years [first_year, last_year]. */
struct allegations {
	size_t field; /* index in dk_app_report_fields("allegations") */
	int first_year, last_year;
	struct dk_report *r;
	struct dk_chart_row *rows;
	int nrows;
	int sel, top;
	bool loaded;
	char why[256];
};

struct reports {
	enum pane pane;
	bool ascii; /* '#' bars: decided once, when the screen opens */
	struct allegations a;
	struct dk_reports_table tables[2]; /* timeliness, follow-up */
	char title[256];
};

static const struct dk_hint chart_hints[] = {
    {DK_ACT_REPORT_NEXT, N_("next report")},         {DK_ACT_REPORT_FIELD, N_("field")},
    {DK_ACT_FIRST_YEAR_EARLIER, N_("first year -")}, {DK_ACT_FIRST_YEAR_LATER, N_("first year +")},
    {DK_ACT_LAST_YEAR_EARLIER, N_("last year -")},   {DK_ACT_LAST_YEAR_LATER, N_("last year +")},
};

static const struct dk_hint table_hints[] = {
    {DK_ACT_REPORT_NEXT, N_("next report")},
    {DK_ACT_COLUMN_RIGHT, N_("next count")},
    {DK_ACT_REPORT_CASES, N_("the cases behind it")},
};

static const char *
field_name(const struct allegations *a)
{
	size_t n;
	const char *const *fields = dk_app_report_fields("allegations", &n);

	return fields != NULL && a->field < n ? fields[a->field] : "";
}

static void
allegations_clear(struct allegations *a)
{
	dk_report_free(a->r);
	a->r = NULL;
	free(a->rows);
	a->rows = NULL;
	a->nrows = 0;
	a->loaded = false;
	a->why[0] = '\0';
}

/* The report's rows as bars: its keys ("-" for a field not set) and counts. */
static void
chart_rows(struct allegations *a)
{
	int n = (int)dk_report_rows(a->r);

	a->rows = dk_xcalloc((size_t)(n > 0 ? n : 1), sizeof(*a->rows));
	for (int i = 0; i < n; i++) {
		const struct dk_report_cell *c = dk_report_cell(a->r, (size_t)i, 0);
		const char *key = dk_report_key(a->r, (size_t)i, 0);

		a->rows[i].label = key[0] != '\0' ? key : "-";
		a->rows[i].value = (long)c->value;
		a->rows[i].suppressed =
		    c->state == DK_REPORT_SMALL || c->state == DK_REPORT_WITHHELD;
	}
	a->nrows = n;
}

/* The pane's query: by its field (*by points at it), over its years. */
static struct dk_report_query
allegations_query(const struct allegations *a, const char **by)
{
	*by = field_name(a);
	return (struct dk_report_query){.by = by,
	                                .nby = 1,
	                                .from = dk_date_from_ymd(a->first_year, 1, 1),
	                                .to = dk_date_from_ymd(a->last_year, 12, 31)};
}

static void
allegations_load(struct dk_tui *t, struct allegations *a)
{
	const char *by;
	const struct dk_report_query q = allegations_query(a, &by);

	allegations_clear(a);
	a->loaded = true;
	if (dk_app_report(t->app, "allegations", &q, &a->r) != DK_OK) {
		snprintf(a->why, sizeof(a->why), _("Not available: %s"), dk_app_errmsg(t->app));
		return;
	}
	chart_rows(a);
	if (a->sel >= a->nrows)
		a->sel = a->nrows > 0 ? a->nrows - 1 : 0;
}

/*
 * The first years shown: from the year of the earliest case reported to
 * this year, so the screen opens on every allegation.
 */
static void
allegations_years(struct dk_tui *t, struct allegations *a)
{
	static const char *const by_year[] = {"year"};
	const struct dk_report_query q = {
	    .by = by_year, .nby = 1, .from = DK_DATE_NONE, .to = DK_DATE_NONE};
	struct dk_report *r = NULL;
	int day, month;

	dk_date_to_ymd(dk_app_today(t->app), &a->last_year, &month, &day);
	a->first_year = a->last_year;
	if (dk_app_report(t->app, "allegations", &q, &r) == DK_OK && dk_report_rows(r) > 0)
		a->first_year = atoi(dk_report_key(r, 0, 0));
	if (a->first_year < FIRST_YEAR_MIN || a->first_year > a->last_year)
		a->first_year = a->last_year;
	dk_report_free(r);
}

static struct dk_reports_table *
table_of(struct reports *s)
{
	return s->pane == PANE_ALLEGATIONS ? NULL : &s->tables[s->pane - PANE_TIMELINESS];
}

/* The current pane's report, read when first shown (or after a reload). */
static void
load_pane(struct dk_tui *t, struct reports *s)
{
	struct dk_reports_table *p = table_of(s);

	if (p == NULL && !s->a.loaded)
		allegations_load(t, &s->a);
	else if (p != NULL && !p->loaded)
		dk_reports_table_load(t, p);
}

static const char *
reports_title(struct dk_view *v)
{
	struct reports *s = v->data;

	if (s->pane == PANE_ALLEGATIONS)
		/* TRANSLATORS: a field id (kept in English) and the first and last years. */
		snprintf(s->title, sizeof(s->title),
		         _("docket — reports — allegations by %s, %d–%d"), field_name(&s->a),
		         s->a.first_year, s->a.last_year);
	else
		snprintf(s->title, sizeof(s->title), _("docket — reports — %s by nationality"),
		         table_of(s)->name);
	return s->title;
}

/* "[1 Allegations]  2 Timeliness  3 Follow-up": the pane shown in reverse video. */
static void
draw_tabs(struct reports *s, int y, int cols)
{
	int x = 1;

	for (int i = 0; i < NPANES && x < cols - 1; i++) {
		char tab[64];
		int w;

		snprintf(tab, sizeof(tab), " %d %s ", i + 1, _(pane_names[i]));
		w = dk_text_width(tab);
		w = w < cols - 1 - x ? w : cols - 1 - x;
		dk_tui_put(y, x, w, tab, i == (int)s->pane ? A_REVERSE | A_BOLD : A_NORMAL);
		x += w + 1;
	}
}

static void
draw_allegations(struct reports *s, int top, int rows, int cols)
{
	struct allegations *a = &s->a;
	char title[160];
	struct dk_chart c = {title, a->rows, a->nrows, s->ascii};
	char total[DK_REPORT_CELL_TEXT] = "0";
	int shown = rows - 1;

	if (a->r == NULL) {
		dk_tui_put(top, 1, cols - 2, a->why, A_NORMAL);
		return;
	}
	dk_report_cell_text(dk_report_cell(a->r, DK_REPORT_TOTAL, 0), total);
	/* TRANSLATORS: a field id (kept in English), two years, the number of allegations. */
	snprintf(title, sizeof(title), _("Allegations by %s, reported %d–%d: %s in all"),
	         field_name(a), a->first_year, a->last_year, total);
	if (a->sel < a->top)
		a->top = a->sel;
	if (shown > 0 && a->sel >= a->top + shown)
		a->top = a->sel - shown + 1;
	dk_chart_draw(&c, top, 1, rows, cols - 2, a->top, a->nrows > 0 ? a->sel : -1);
	if (a->nrows == 0)
		dk_tui_put(top + 1, 1, cols - 2, _("No allegation reported in these years."),
		           A_NORMAL);
}

static void
reports_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct reports *s = v->data;
	struct dk_reports_table *p = table_of(s);

	draw_tabs(s, top, cols);
	if (p == NULL)
		draw_allegations(s, top + 2, rows - 3, cols);
	else
		dk_reports_table_draw(t, p, top + 2, rows - 3, cols);
	dk_tui_put(top + rows - 1, 1, cols - 2,
	           p == NULL ? dk_tui_hints(t, DK_VIEW_REPORTS, chart_hints, NHINTS(chart_hints))
	                     : dk_tui_hints(t, DK_VIEW_REPORTS, table_hints, NHINTS(table_hints)),
	           A_DIM);
}

/* f and F: the next (or previous) field the allegations report is by. */
static void
next_field(struct allegations *a, int step)
{
	size_t n;

	dk_app_report_fields("allegations", &n);
	if (n > 0)
		a->field = (size_t)(((int)a->field + step + (int)n) % (int)n);
}

/* The index of a field of the allegations report (0 when it has none of that name). */
static size_t
field_index(const char *name)
{
	size_t n;
	const char *const *fields = dk_app_report_fields("allegations", &n);

	for (size_t i = 0; fields != NULL && i < n; i++)
		if (strcmp(fields[i], name) == 0)
			return i;
	return 0;
}

/* [ ] { }: moves a year of the range by step, the first never after the last. */
static bool
move_year(struct dk_tui *t, struct allegations *a, int *year, int step)
{
	int y = *year + step, this_year, month, day;

	dk_date_to_ymd(dk_app_today(t->app), &this_year, &month, &day);
	if (y < FIRST_YEAR_MIN || y > this_year ||
	    (year == &a->first_year ? y > a->last_year : y < a->first_year))
		return false;
	*year = y;
	return true;
}

/* Enter on a bar: the cases it counts, as the report's window and field find them. */
static void
list_bar_cases(struct dk_tui *t, const struct allegations *a)
{
	const char *by;
	const struct dk_report_query q = allegations_query(a, &by);

	if (a->nrows > 0)
		dk_reports_list_cases(t, "allegations", &q, dk_report_key(a->r, (size_t)a->sel, 0),
		                      0, dk_report_measure(a->r, 0)->name);
}

/* What the allegations pane does with a key; true when its report must be read again. */
static bool
allegations_action(struct dk_tui *t, struct allegations *a, enum dk_tui_action act)
{
	if (dk_tui_move_selection(t, act, &a->sel, a->nrows, CHART_STEP))
		return false;
	switch (act) {
	case DK_ACT_REPORT_FIELD:
	case DK_ACT_REPORT_FIELD_BACK:
		next_field(a, act == DK_ACT_REPORT_FIELD ? 1 : -1);
		a->sel = a->top = 0;
		return true;
	case DK_ACT_FIRST_YEAR_EARLIER:
	case DK_ACT_FIRST_YEAR_LATER:
		return move_year(t, a, &a->first_year, act == DK_ACT_FIRST_YEAR_LATER ? 1 : -1);
	case DK_ACT_LAST_YEAR_EARLIER:
	case DK_ACT_LAST_YEAR_LATER:
		return move_year(t, a, &a->last_year, act == DK_ACT_LAST_YEAR_LATER ? 1 : -1);
	case DK_ACT_REPORT_CASES:
		list_bar_cases(t, a);
		return false;
	default:
		return false;
	}
}

static void
reports_reload(struct dk_tui *t, struct dk_view *v)
{
	struct reports *s = v->data;

	s->a.loaded = s->tables[0].loaded = s->tables[1].loaded = false;
	load_pane(t, s);
}

static void
reports_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct reports *s = v->data;
	struct dk_reports_table *p = table_of(s);

	switch (a) {
	case DK_ACT_REPORT_NEXT:
		s->pane = (s->pane + 1) % NPANES;
		break;
	case DK_ACT_REPORT_ALLEGATIONS:
	case DK_ACT_REPORT_TIMELINESS:
	case DK_ACT_REPORT_FOLLOW_UP:
		s->pane = (enum pane)(a - DK_ACT_REPORT_ALLEGATIONS);
		break;
	case DK_ACT_REFRESH:
		reports_reload(t, v);
		clearok(curscr, TRUE);
		return;
	default:
		if (p != NULL)
			dk_reports_table_action(t, p, a);
		else if (allegations_action(t, &s->a, a))
			allegations_load(t, &s->a);
		return;
	}
	load_pane(t, s);
}

static void
reports_free(struct dk_view *v)
{
	struct reports *s = v->data;

	allegations_clear(&s->a);
	dk_reports_table_clear(&s->tables[0]);
	dk_reports_table_clear(&s->tables[1]);
	free(s);
	free(v);
}

static const struct dk_view_ops reports_ops = {
    .kind = DK_VIEW_REPORTS,
    .title = reports_title,
    .draw = reports_draw,
    .action = reports_action,
    .reload = reports_reload,
    .free = reports_free,
};

struct dk_view *
dk_view_reports_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct reports *s = dk_xcalloc(1, sizeof(*s));

	v->ops = &reports_ops;
	v->data = s;
	s->ascii = !dk_chart_locale_utf8();
	s->a.field = field_index("year");
	/* Timeliness: the slowest first; follow-up: in the keys' order. */
	s->tables[0] = (struct dk_reports_table){
	    .name = "timeliness", .sort_by = "median_days_to_conclude", .marked = "missed"};
	s->tables[1] = (struct dk_reports_table){.name = "follow-up"};
	allegations_years(t, &s->a);
	load_pane(t, s);
	return v;
}
