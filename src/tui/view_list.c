/*
 * The case list: keyset pages through the database, so its cost does not
 * depend on its length; or only the cases given by reference (the cases
 * behind a report's count), each row loaded as it comes into the window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/workflow.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define LIST_MAX_ROWS 256

struct list {
	/* The filter as the user set it; the strings live here. */
	char mission[DK_MISSION_MAX + 1];
	char state[DK_IDENT_MAX];
	char category[DK_IDENT_MAX];
	char text[DK_LINE_MAX_TUI];
	int urgent; /* -1 any */
	bool overdue;
	enum dk_case_order order;
	/* The rows on screen: a window onto the database. */
	struct dk_case rows[LIST_MAX_ROWS];
	struct dk_pager pg;
	char title[512];
	/* Only these cases, in this order (NULL: the database through the filter). */
	char (*refs)[DK_REF_MAX];
	int nrefs;
	char refs_title[256];
	struct dk_tui *t; /* for the title: the office filter */
	/* The gids of the flagged cases (dk_app_conflicts), read with each first page. */
	unsigned char (*flagged)[DK_GID_LEN];
	size_t nflagged;
};

/* Order names in the title and the order `s` cycles through. */
static const struct {
	enum dk_case_order order;
	const char *name;
} orders[] = {
    {DK_ORDER_DUE, N_("by due date")},
    {DK_ORDER_REF, N_("by reference")},
    {DK_ORDER_REPORTED, N_("by date reported")},
};

static void
filter_of(const struct list *l, struct dk_case_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->mission = l->mission[0] ? l->mission : NULL;
	f->state = l->state[0] ? l->state : NULL;
	f->category = l->category[0] ? l->category : NULL;
	f->text = l->text[0] ? l->text : NULL;
	f->urgent = l->urgent;
	f->overdue = l->overdue;
	f->order = l->order;
}

struct fetch {
	struct dk_case *out;
	int n;
	int max;
};

static bool
collect(const struct dk_case *c, void *ctx)
{
	struct fetch *f = ctx;

	f->out[f->n] = *c;
	f->out[f->n].summary = NULL; /* the list never shows it: do not keep it */
	return ++f->n < f->max;
}

/* Fetches up to max cases after (or before) `after` into out; returns how many, -1 on error. */
static int
fetch(struct dk_tui *t, struct list *l, const struct dk_case *after, bool backward,
      struct dk_case *out, int max)
{
	struct dk_case_page p;
	struct fetch f = {out, 0, max};
	enum dk_rc rc;

	if (max <= 0)
		return 0;
	filter_of(l, &p.filter);
	p.after = after;
	p.backward = backward;
	p.limit = max;
	rc = dk_app_case_page(t->app, &p, collect, &f);
	if (rc != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return -1;
	}
	return f.n;
}

/* The earliest live deadline of a case and its worst status, as a page of the list has them. */
struct next_due {
	dk_date due;
	int worst; /* index in next_statuses; -1: none */
};

static const char *const next_statuses[] = {"on_track", "due_soon", "overdue"};

static bool
next_deadline(const struct dk_deadline_view *d, void *ctx)
{
	struct next_due *next = ctx;

	if (d->met_on != DK_DATE_NONE || d->ended_on != DK_DATE_NONE)
		return true;
	if (next->due == DK_DATE_NONE || d->due < next->due)
		next->due = d->due;
	for (int i = next->worst + 1; i < 3; i++)
		if (strcmp(d->status, next_statuses[i]) == 0)
			next->worst = i;
	return true;
}

/* Up to max of the list's refs next to from, each case loaded on its own; -1 on error. */
static int
fetch_refs(struct dk_tui *t, struct list *l, const struct dk_case *from, bool backward,
           struct dk_case *out, int max)
{
	int i = backward ? l->nrefs - 1 : 0, step = backward ? -1 : 1, n = 0;

	if (from != NULL) {
		for (i = 0; i < l->nrefs && strcmp(l->refs[i], from->ref) != 0; i++)
			;
		i += step;
	}
	for (; n < max && i >= 0 && i < l->nrefs; i += step, n++) {
		struct next_due next = {DK_DATE_NONE, -1};

		if (dk_app_case_get(t->app, l->refs[i], &out[n], next_deadline, &next) != DK_OK) {
			dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
			dk_case_clear(&out[n]);
			return -1;
		}
		dk_xfree_wiped(&out[n].summary); /* the list never shows it */
		out[n].next_due = next.due;
		snprintf(out[n].next_status, sizeof(out[n].next_status), "%s",
		         next.worst >= 0 ? next_statuses[next.worst] : "");
	}
	return n;
}

static bool
keep_flagged(const struct dk_conflict_view *cv, void *ctx)
{
	struct list *l = ctx;

	l->flagged = dk_xrealloc(l->flagged, (l->nflagged + 1) * sizeof(*l->flagged));
	memcpy(l->flagged[l->nflagged++], cv->c->gid, DK_GID_LEN);
	return true;
}

/*
 * What the rows are drawn with beyond themselves, read again with each
 * first page (few: the flagged cases, whether other offices' cases are here).
 */
static void
read_marks(struct dk_tui *t, struct list *l)
{
	l->nflagged = 0;
	dk_tui_offices_refresh(t);
	if (dk_app_conflicts(t->app, keep_flagged, l) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
}

static bool
is_flagged(const struct list *l, const struct dk_case *c)
{
	for (size_t i = 0; i < l->nflagged; i++)
		if (memcmp(l->flagged[i], c->gid, DK_GID_LEN) == 0)
			return true;
	return false;
}

/* The pager's reading: fetch with the list's filter, or the list's refs. */
static int
list_fetch(struct dk_tui *t, void *ctx, const void *from, bool backward, void *out, int max)
{
	struct list *l = ctx;

	if (from == NULL)
		read_marks(t, l);
	if (l->refs != NULL)
		return fetch_refs(t, l, from, backward, out, max);
	return fetch(t, ctx, from, backward, out, max);
}

static void
row_clear(void *row)
{
	dk_case_clear(row);
}

/* The state filter in the title: a state's display name, or the open cases'. */
static const char *
state_title(const char *state)
{
	return strcmp(state, DK_STATE_FILTER_OPEN) == 0 ? _("Open (all but closed)")
	                                                : dk_tui_label(DK_LABEL_STATE, state);
}

static const char *
list_title(struct dk_view *v)
{
	struct list *l = v->data;
	const char *order = "";

	if (l->refs != NULL)
		return l->refs_title;
	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		if (orders[i].order == l->order)
			order = _(orders[i].name);
	snprintf(l->title, sizeof(l->title), "%s — %s%s%s%s%s%s%s%s%s%s%s%s", _("docket — cases"),
	         order, dk_tui_office_title(l->t), l->mission[0] ? "  " : "", l->mission,
	         l->state[0] ? "  " : "", l->state[0] ? state_title(l->state) : "",
	         l->category[0] ? "  " : "",
	         l->category[0] ? dk_tui_label(DK_LABEL_CATEGORY, l->category) : "",
	         l->urgent == 1   ? _("  urgent")
	         : l->urgent == 0 ? _("  not urgent")
	                          : "",
	         l->overdue ? _("  overdue") : "", l->text[0] ? "  /" : "", l->text);
	return l->title;
}

/* The columns of the list, in order; a width of 0 hides one at this terminal width. */
enum {
	COL_MARK,
	COL_REF,
	COL_FLAG,
	COL_OFFICE,
	COL_MISSION,
	COL_CAT,
	COL_STATE,
	COL_URG,
	COL_DUE,
	COL_DAYS,
	NCOLS
};

/*
 * Column widths at this terminal width, each with its blank column:
 * references take up to 22 columns; the conflict mark shows while a case
 * is flagged and the office once the database holds another office's
 * cases; the mission (already in the reference) and a wider state from 100
 * columns on; the category takes what is left.
 */
static void
list_widths(const struct dk_tui *t, const struct list *l, int cols, int w[NCOLS])
{
	const int fixed[NCOLS] = {3, 23, 0, 0, 0, 0, 14, 4, 11, 7};

	memcpy(w, fixed, sizeof(fixed));
	w[COL_STATE] = cols >= 100 ? 17 : 14; /* room for a state's longer names */
	w[COL_FLAG] = l->nflagged > 0 ? 2 : 0;
	w[COL_OFFICE] = t->many_offices ? (cols >= 100 ? 11 : 7) : 0;
	w[COL_MISSION] = cols >= 100 ? 13 : 0;
	w[COL_CAT] = cols;
	for (int i = 0; i < NCOLS; i++)
		if (i != COL_CAT)
			w[COL_CAT] -= w[i];
	if (w[COL_CAT] < 9)
		w[COL_CAT] = 9;
}

static void
list_head(int top, const int w[NCOLS])
{
	const char *head[NCOLS] = {
	    "",       _("REF"),      "",       _("OFFICE"), _("MISSION"), _("CATEGORY"), _("STATE"),
	    _("URG"), _("NEXT DUE"), _("DAYS")};

	for (int i = 0, x = 0; i < NCOLS; x += w[i], i++)
		if (w[i] > 0)
			dk_tui_put(top, x, w[i], head[i], A_BOLD);
}

/* One case's row: each cell keeps one blank column after it. */
static void
list_row(struct dk_tui *t, const struct list *l, int r, int y, const int w[NCOLS], int cols)
{
	const struct dk_case *c = &l->rows[r];
	bool live = c->next_due != DK_DATE_NONE;
	char due[DK_DATE_STRLEN] = "-", days[16] = "";
	attr_t sel = r == l->pg.sel ? A_REVERSE : A_NORMAL;
	attr_t due_attr = dk_tui_due_attr(t, c->next_status);
	const char *cells[NCOLS] = {dk_tui_due_mark(c->next_status),
	                            c->ref,
	                            is_flagged(l, c) ? "≠" : "",
	                            c->office_name,
	                            c->mission,
	                            dk_tui_label(DK_LABEL_CATEGORY, c->category),
	                            _(dk_state_label(c->state)),
	                            c->urgent ? "U" : "",
	                            due,
	                            days};

	if (live) {
		dk_date_show(c->next_due, due);
		snprintf(days, sizeof(days), "%6d",
		         (int)dk_date_diff(c->next_due, dk_app_today(t->app)));
	}
	for (int i = 0, x = 0; i < NCOLS; x += w[i], i++) {
		attr_t a = sel;

		if (w[i] == 0)
			continue;
		if (i == COL_MARK || i == COL_DUE || i == COL_DAYS)
			a |= due_attr;
		if (i == COL_FLAG)
			a |= A_BOLD;
		if (i == COL_DAYS) {
			dk_tui_put(y, x, cols - x, cells[i], a);
			break;
		}
		/* The text never takes the blank column: long categories stay apart from states. */
		dk_tui_put(y, x, w[i] - 1, cells[i], a);
		dk_tui_put(y, x + w[i] - 1, 1, "", sel);
	}
}

static void
list_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct list *l = v->data;
	int w[NCOLS];

	dk_pager_fit(t, &l->pg, rows - 1); /* resized: the window refilled from its first row */
	list_widths(t, l, cols, w);
	list_head(top, w);
	if (l->pg.nrows == 0)
		dk_tui_put(top + 2, 3, cols - 4, _("No case matches. X clears the filters."),
		           A_NORMAL);
	for (int r = 0; r < l->pg.nrows && r < rows - 1; r++)
		list_row(t, l, r, top + 1 + r, w, cols);
}

/* Picks one identifier of a list by its translated label; "" (any) comes first. */
static bool
choose_ident(struct dk_tui *t, const char *title, enum dk_vocab_kind kind, char *out, size_t size)
{
	const struct dk_vocab *voc = dk_vocab_get(kind);
	const char *labels[32];
	int n = 0, k;

	labels[n++] = _("(any)");
	for (size_t i = 0; i < voc->count && n < 32; i++)
		labels[n++] = _(voc->entries[i].label);
	if ((k = dk_tui_choose(t, title, labels, n)) < 0)
		return false;
	snprintf(out, size, "%s", k == 0 ? "" : voc->entries[k - 1].id);
	return true;
}

static bool
choose_state(struct dk_tui *t, char *out, size_t size)
{
	const char *labels[DK_STATE_COUNT + 2];
	int k;

	labels[0] = _("(any)");
	labels[1] = _("Open (all but closed)");
	for (int i = 0; i < DK_STATE_COUNT; i++)
		labels[i + 2] = _(dk_state_label((enum dk_state)i));
	if ((k = dk_tui_choose(t, _("Filter by state"), labels, DK_STATE_COUNT + 2)) < 0)
		return false;
	snprintf(out, size, "%s",
	         k == 0   ? ""
	         : k == 1 ? DK_STATE_FILTER_OPEN
	                  : dk_state_id((enum dk_state)(k - 2)));
	return true;
}

/* Shows the cases found by a reference prefix or text in the summaries. */
static void
search(struct dk_tui *t, struct list *l, const char *text)
{
	snprintf(l->text, sizeof(l->text), "%s", text);
	dk_pager_first(t, &l->pg);
	if (l->pg.nrows == 0)
		dk_tui_say(t, false, _("Nothing found for '%s'."), text);
}

static void
clear_filters(struct list *l)
{
	l->mission[0] = l->state[0] = l->category[0] = l->text[0] = '\0';
	l->urgent = -1;
	l->overdue = false;
}

/* The order after this one, as `s` cycles through them. */
static enum dk_case_order
next_order(enum dk_case_order order)
{
	size_t n = sizeof(orders) / sizeof(orders[0]);

	for (size_t i = 0; i < n; i++)
		if (orders[i].order == order)
			return orders[(i + 1) % n].order;
	return order;
}

/* Asks for a mission to filter by; true when the filter changed to a valid one (or none). */
static bool
ask_mission(struct dk_tui *t, struct list *l)
{
	char buf[DK_LINE_MAX_TUI], norm[DK_MISSION_MAX + 1] = "";

	snprintf(buf, sizeof(buf), "%s", l->mission);
	if (!dk_tui_prompt(t, _("Mission (empty for all):"), buf, sizeof(buf)))
		return false;
	if (buf[0] != '\0' && dk_validate_mission(buf, norm, NULL) != DK_OK) {
		dk_tui_say(t, true, _("'%s' is not a mission code"), buf);
		return false;
	}
	snprintf(l->mission, sizeof(l->mission), "%s", norm);
	return true;
}

static void
list_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct list *l = v->data;
	char buf[DK_LINE_MAX_TUI];
	bool refilter = false;

	if (dk_pager_move(t, &l->pg, a))
		return;
	if (l->refs != NULL && a != DK_ACT_OPEN && a != DK_ACT_NEW_CASE && a != DK_ACT_REFRESH) {
		/* The cases behind a count are a fixed set: l and o leave it for the whole list. */
		if (a == DK_ACT_CASES || a == DK_ACT_OVERDUE)
			dk_tui_open(t, DK_OPEN_LIST,
			            &(struct dk_open_arg){.only = a == DK_ACT_OVERDUE});
		else
			dk_tui_say(t, false, "%s",
			           _("These are the cases behind a report's count: no filter or "
			             "order applies."));
		return;
	}
	switch (a) {
	case DK_ACT_OPEN:
		if (l->pg.nrows > 0) {
			char addr[DK_TUI_ADDR_MAX];

			dk_tui_case_address(&l->rows[l->pg.sel], t->many_offices, addr,
			                    sizeof(addr));
			dk_tui_open_id(t, DK_OPEN_DETAIL, addr);
		}
		break;
	case DK_ACT_CASES:
	case DK_ACT_FILTER_CLEAR:
		clear_filters(l);
		refilter = true;
		break;
	case DK_ACT_OVERDUE:
		l->overdue = true;
		refilter = true;
		break;
	case DK_ACT_NEW_CASE:
		dk_tui_open(t, DK_OPEN_FORM_INTAKE, NULL);
		break;
	case DK_ACT_SEARCH:
		snprintf(buf, sizeof(buf), "%s", l->text);
		if (dk_tui_prompt(t, _("Find (reference or text):"), buf, sizeof(buf))) {
			search(t, l, buf);
		}
		break;
	case DK_ACT_SORT:
		l->order = next_order(l->order);
		refilter = true;
		break;
	case DK_ACT_FILTER_MISSION:
		refilter = ask_mission(t, l);
		break;
	case DK_ACT_FILTER_STATE:
		refilter = choose_state(t, l->state, sizeof(l->state));
		break;
	case DK_ACT_FILTER_CATEGORY:
		refilter = choose_ident(t, _("Filter by category"), DK_VOCAB_CATEGORY, l->category,
		                        sizeof(l->category));
		break;
	case DK_ACT_FILTER_URGENT:
		l->urgent = l->urgent == -1 ? 1 : l->urgent == 1 ? 0 : -1;
		refilter = true;
		break;
	case DK_ACT_FILTER_OVERDUE:
		l->overdue = !l->overdue;
		refilter = true;
		break;
	case DK_ACT_REFRESH:
		refilter = true;
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	if (refilter)
		dk_pager_first(t, &l->pg);
}

/* After a change below (a move, a new case): the same window, read again. */
static void
list_reload(struct dk_tui *t, struct dk_view *v)
{
	dk_pager_reload(t, &((struct list *)v->data)->pg);
}

static void
list_forget(struct dk_view *v)
{
	dk_pager_clear(&((struct list *)v->data)->pg);
}

static void
list_free(struct dk_view *v)
{
	struct list *l = v->data;

	list_forget(v);
	free(l->flagged);
	if (l->refs != NULL)
		dk_xfree_wiped_n(l->refs, (size_t)(l->nrefs > 0 ? l->nrefs : 1) * sizeof(*l->refs));
	dk_xfree_wiped_n(v->data, sizeof(struct list));
	free(v);
}

static const struct dk_view_ops list_ops = {
    .kind = DK_VIEW_LIST,
    .title = list_title,
    .draw = list_draw,
    .action = list_action,
    .reload = list_reload,
    .free = list_free,
};

/* A list with no filter and no rows yet. */
static struct dk_view *
list_new(struct dk_tui *t, struct list **out)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct list *l = dk_xcalloc(1, sizeof(*l));

	l->t = t;
	v->ops = &list_ops;
	v->data = l;
	l->urgent = -1;
	l->order = DK_ORDER_DUE;
	l->pg = (struct dk_pager){.rows = l->rows,
	                          .size = sizeof(l->rows[0]),
	                          .cap = LIST_MAX_ROWS,
	                          .fetch = list_fetch,
	                          .clear_row = row_clear,
	                          .ctx = l};
	dk_pager_size(&l->pg, LINES - 4);
	*out = l;
	return v;
}

struct dk_view *
dk_view_list_refs_new(struct dk_tui *t, const char *title, const char *const *refs, int n)
{
	struct list *l;
	struct dk_view *v = list_new(t, &l);

	l->nrefs = n > 0 ? n : 0;
	l->refs = dk_xcalloc((size_t)(l->nrefs > 0 ? l->nrefs : 1), sizeof(*l->refs));
	for (int i = 0; i < l->nrefs; i++)
		snprintf(l->refs[i], sizeof(l->refs[i]), "%s", refs[i]);
	snprintf(l->refs_title, sizeof(l->refs_title), "%s", title != NULL ? title : "");
	dk_pager_first(t, &l->pg);
	return v;
}

struct dk_view *
dk_view_list_new(struct dk_tui *t, bool overdue_only, const char *text)
{
	struct list *l;
	struct dk_view *v = list_new(t, &l);

	l->overdue = overdue_only;
	if (text != NULL)
		search(t, l, text);
	else
		dk_pager_first(t, &l->pg);
	return v;
}
