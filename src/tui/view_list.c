/* The case list: keyset pages through the database, so its cost does not depend on its length. */
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
	int nrows;
	int sel;
	int page; /* rows the screen holds */
	char title[512];
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

static void
clear_rows(struct list *l)
{
	for (int i = 0; i < l->nrows; i++)
		dk_case_clear(&l->rows[i]);
	l->nrows = 0;
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

static void
load_first(struct dk_tui *t, struct list *l)
{
	int n;

	clear_rows(l);
	n = fetch(t, l, NULL, false, l->rows, l->page);
	l->nrows = n > 0 ? n : 0;
	l->sel = 0;
}

static void
load_last(struct dk_tui *t, struct list *l)
{
	struct dk_case tmp[LIST_MAX_ROWS];
	int n = fetch(t, l, NULL, true, tmp, l->page);

	if (n < 0)
		return;
	clear_rows(l);
	for (int i = 0; i < n; i++)
		l->rows[i] = tmp[n - 1 - i];
	l->nrows = n;
	l->sel = n > 0 ? n - 1 : 0;
}

static void
page_down(struct dk_tui *t, struct list *l, int step)
{
	struct dk_case tmp[LIST_MAX_ROWS];
	int n, keep;

	if (l->nrows == 0)
		return;
	n = fetch(t, l, &l->rows[l->nrows - 1], false, tmp, step);
	if (n <= 0) {
		l->sel = l->nrows - 1;
		return;
	}
	/* Slide the window by n rows: the first n go, the new ones come in at the end. */
	keep = l->nrows - n > 0 ? l->nrows - n : 0;
	for (int i = 0; i < l->nrows - keep; i++)
		dk_case_clear(&l->rows[i]);
	memmove(l->rows, &l->rows[l->nrows - keep], (size_t)keep * sizeof(l->rows[0]));
	memcpy(&l->rows[keep], tmp, (size_t)n * sizeof(tmp[0]));
	l->nrows = keep + n;
	if (step == 1)
		l->sel = l->nrows - 1;
}

static void
page_up(struct dk_tui *t, struct list *l, int step)
{
	struct dk_case tmp[LIST_MAX_ROWS];
	int n, keep;

	if (l->nrows == 0)
		return;
	n = fetch(t, l, &l->rows[0], true, tmp, step);
	if (n <= 0) {
		l->sel = 0;
		return;
	}
	keep = l->page - n < l->nrows ? l->page - n : l->nrows;
	if (keep < 0)
		keep = 0;
	for (int i = keep; i < l->nrows; i++)
		dk_case_clear(&l->rows[i]);
	memmove(&l->rows[n], l->rows, (size_t)keep * sizeof(l->rows[0]));
	for (int i = 0; i < n; i++)
		l->rows[i] = tmp[n - 1 - i];
	l->nrows = keep + n;
	if (step == 1)
		l->sel = 0;
}

static const char *
list_title(struct dk_view *v)
{
	struct list *l = v->data;
	const char *order = "";

	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		if (orders[i].order == l->order)
			order = _(orders[i].name);
	snprintf(l->title, sizeof(l->title), "%s — %s%s%s%s%s%s%s%s%s%s%s", _("docket — cases"),
	         order, l->mission[0] ? "  " : "", l->mission, l->state[0] ? "  " : "", l->state,
	         l->category[0] ? "  " : "", l->category,
	         l->urgent == 1   ? _("  urgent")
	         : l->urgent == 0 ? _("  not urgent")
	                          : "",
	         l->overdue ? _("  overdue") : "", l->text[0] ? "  /" : "", l->text);
	return l->title;
}

/*
 * Column widths at this terminal width: references take up to 22 columns;
 * the mission (already in the reference) shows from 100 columns on; the
 * category takes what is left.
 */
static void
list_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct list *l = v->data;
	int mission = cols >= 100 ? 13 : 0;
	int cat = cols - 3 - 23 - mission - 14 - 4 - 11 - 7 - 1;
	dk_date today = dk_app_today(t->app);
	char line[512];

	if (rows - 1 != l->page) {
		/* Resized: refill the window from its first row. */
		l->page = rows - 1 < LIST_MAX_ROWS ? rows - 1 : LIST_MAX_ROWS;
		if (l->nrows > l->page) {
			for (int i = l->page; i < l->nrows; i++)
				dk_case_clear(&l->rows[i]);
			l->nrows = l->page;
		} else if (l->nrows > 0 && l->nrows < l->page) {
			int n = fetch(t, l, &l->rows[l->nrows - 1], false, &l->rows[l->nrows],
			              l->page - l->nrows);

			l->nrows += n > 0 ? n : 0;
		} else if (l->nrows == 0) {
			load_first(t, l);
		}
		if (l->sel >= l->nrows)
			l->sel = l->nrows > 0 ? l->nrows - 1 : 0;
	}
	if (cat < 8)
		cat = 8;
	{
		const int widths[] = {2, 22, mission > 0 ? 12 : -1, cat, 13, 3, 10, 6};
		const char *head[] = {"",         _("REF"), _("MISSION"),  _("CATEGORY"),
		                      _("STATE"), _("URG"), _("NEXT DUE"), _("DAYS")};
		int x = 0;

		for (int i = 0; i < 8; i++) {
			if (widths[i] < 0)
				continue;
			dk_tui_put(top, x, widths[i] + 1, head[i], A_BOLD);
			x += widths[i] + 1;
		}
	}
	if (l->nrows == 0)
		dk_tui_put(top + 2, 3, cols - 4, _("No case matches. X clears the filters."),
		           A_NORMAL);
	for (int r = 0; r < l->nrows && r < rows - 1; r++) {
		const struct dk_case *c = &l->rows[r];
		bool live = c->next_due != DK_DATE_NONE;
		int left = live ? (int)dk_date_diff(c->next_due, today) : 0;
		char due[DK_DATE_STRLEN] = "-", days[16] = "";
		int y = top + 1 + r, x = 0;

		if (live) {
			dk_date_format(c->next_due, due);
			snprintf(days, sizeof(days), "%d", left);
		}
		attr_t sel = r == l->sel ? A_REVERSE : A_NORMAL;
		attr_t due_attr = dk_tui_due_attr(t, c->next_status);

		dk_tui_put(y, x, 3, dk_tui_due_mark(c->next_status), sel | due_attr);
		x += 3;
		dk_tui_put(y, x, 23, c->ref, sel); /* each cell keeps one blank column after it */
		x += 23;
		if (mission > 0) {
			dk_tui_put(y, x, mission, c->mission, sel);
			x += mission;
		}
		dk_tui_put(y, x, cat, c->category, sel);
		dk_tui_put(y, x + cat, 1, "", sel);
		x += cat + 1;
		dk_tui_put(y, x, 14, dk_state_id(c->state), sel);
		x += 14;
		dk_tui_put(y, x, 4, c->urgent ? "U" : "", sel);
		x += 4;
		dk_tui_put(y, x, 11, due, sel | due_attr);
		x += 11;
		snprintf(line, sizeof(line), "%6s", days);
		dk_tui_put(y, x, cols - x, line, sel | due_attr);
	}
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

void
dk_view_list_search(struct dk_tui *t, struct dk_view *v, const char *text)
{
	struct list *l = v->data;

	snprintf(l->text, sizeof(l->text), "%s", text);
	load_first(t, l);
	if (l->nrows == 0)
		dk_tui_say(t, false, _("Nothing found for '%s'."), text);
}

static void
list_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct list *l = v->data;
	char buf[DK_LINE_MAX_TUI];
	bool refilter = false;

	switch (a) {
	case DK_ACT_DOWN:
		if (l->sel + 1 < l->nrows)
			l->sel++;
		else
			page_down(t, l, 1);
		break;
	case DK_ACT_UP:
		if (l->sel > 0)
			l->sel--;
		else
			page_up(t, l, 1);
		break;
	case DK_ACT_PAGE_DOWN:
		page_down(t, l, l->page);
		break;
	case DK_ACT_PAGE_UP:
		page_up(t, l, l->page);
		break;
	case DK_ACT_TOP:
		load_first(t, l);
		break;
	case DK_ACT_BOTTOM:
		load_last(t, l);
		break;
	case DK_ACT_OPEN:
		if (l->nrows > 0)
			dk_tui_push(t, dk_view_detail_new(t, l->rows[l->sel].ref));
		break;
	case DK_ACT_CASES:
		l->mission[0] = l->state[0] = l->category[0] = l->text[0] = '\0';
		l->urgent = -1;
		l->overdue = false;
		refilter = true;
		break;
	case DK_ACT_OVERDUE:
		l->overdue = true;
		refilter = true;
		break;
	case DK_ACT_NEW_CASE:
		dk_tui_push(t, dk_form_intake_new(t));
		break;
	case DK_ACT_SEARCH:
		snprintf(buf, sizeof(buf), "%s", l->text);
		if (dk_tui_prompt(t, _("Find (reference or text):"), buf, sizeof(buf))) {
			dk_view_list_search(t, v, buf);
		}
		break;
	case DK_ACT_SORT:
		for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
			if (orders[i].order == l->order) {
				l->order =
				    orders[(i + 1) % (sizeof(orders) / sizeof(orders[0]))].order;
				break;
			}
		}
		refilter = true;
		break;
	case DK_ACT_FILTER_MISSION:
		snprintf(buf, sizeof(buf), "%s", l->mission);
		if (dk_tui_prompt(t, _("Mission (empty for all):"), buf, sizeof(buf))) {
			char norm[DK_MISSION_MAX + 1] = "";

			if (buf[0] != '\0' && dk_validate_mission(buf, norm, NULL) != DK_OK) {
				dk_tui_say(t, true, _("'%s' is not a mission code"), buf);
				break;
			}
			snprintf(l->mission, sizeof(l->mission), "%s", norm);
			refilter = true;
		}
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
	case DK_ACT_FILTER_CLEAR:
		l->mission[0] = l->state[0] = l->category[0] = l->text[0] = '\0';
		l->urgent = -1;
		l->overdue = false;
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
		load_first(t, l);
}

/* After a change below (a move, a new case): the same window, read again. */
static void
list_reload(struct dk_tui *t, struct dk_view *v)
{
	struct list *l = v->data;
	int sel = l->sel;

	load_first(t, l);
	l->sel = sel < l->nrows ? sel : (l->nrows > 0 ? l->nrows - 1 : 0);
}

static void
list_forget(struct dk_view *v)
{
	clear_rows(v->data);
}

static void
list_free(struct dk_view *v)
{
	list_forget(v);
	explicit_bzero(v->data, sizeof(struct list));
	free(v->data);
	free(v);
}

static const struct dk_view_ops list_ops = {
    DK_VIEW_LIST, list_title, list_draw, list_action, NULL, list_reload, list_free,
};

struct dk_view *
dk_view_list_new(struct dk_tui *t, bool overdue_only)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct list *l = dk_xcalloc(1, sizeof(*l));

	v->ops = &list_ops;
	v->data = l;
	l->urgent = -1;
	l->overdue = overdue_only;
	l->order = DK_ORDER_DUE;
	l->page = LINES - 4 > 1 ? (LINES - 4 < LIST_MAX_ROWS ? LINES - 4 : LIST_MAX_ROWS) : 1;
	load_first(t, l);
	return v;
}
