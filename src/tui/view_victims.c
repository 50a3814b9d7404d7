/*
 * The victims (every role that reads cases): the list, all of them or only
 * those awaiting an update, and one victim's page with its identity (for
 * the roles the app shows it to), assistance, paternity claim and timeline.
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

/* ---- The list ---- */

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
		    row->sex,
		    row->age,
		    informed,
		    due,
		    days,
		    row->status[0] ? row->status : "-",
		    row->assistance[0] ? row->assistance : "-",
		    row->paternity[0] ? row->paternity : "-",
		};
		attr_t attrs[NCOLS];

		if (row->last_informed != DK_DATE_NONE)
			dk_date_format(row->last_informed, informed);
		if (live) {
			dk_date_format(row->update_due, due);
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
		              _("Paternity claim"), row->paternity[0] ? row->paternity : "-");
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

/* ---- One victim ---- */

struct victim {
	struct dk_page pg;
	char code[DK_CODE_MAX];
	char title[128];
	char *refs; /* the cases it is named in that the account may see, comma-separated */
	/* Filled by the show callbacks, then placed under the fields. */
	struct dk_page assistance;
	struct dk_page paternity;
	bool free_text; /* the role reads free text (providers, notes) */
	/*
	 * Read when the page opens and again only after a change to a victim,
	 * a refresh or an unlock: the app audits every reading of an identity.
	 */
	bool loaded;
	unsigned long loaded_at; /* t->victim_changes when read */
	struct dk_tui *t;
};

static const struct dk_hint victim_hints[] = {
    {DK_ACT_INFORM, N_("informed")},
    {DK_ACT_ASSIST, N_("assistance")},
    {DK_ACT_PATERNITY, N_("paternity claim")},
    {DK_ACT_VICTIM_CASE, N_("open the case")},
    {DK_ACT_BACK, N_("back")},
};

/* The columns of the assistance lines, the paternity steps and the timeline. */
static const int assistance_widths[] = {22, 22, 10, 8, 0};
static const int paternity_widths[] = {10, 0};
static const int timeline_widths[] = {10, 17, 17, 12, 0};

static void
victim_forget(struct dk_view *v)
{
	struct victim *p = v->data;

	dk_page_clear(&p->pg);
	dk_page_clear(&p->assistance);
	dk_page_clear(&p->paternity);
	dk_xfree_wiped(&p->refs);
	p->loaded = false;
}

static void
victim_free(struct dk_view *v)
{
	struct victim *p = v->data;

	victim_forget(v);
	dk_page_free(&p->pg);
	dk_page_free(&p->assistance);
	dk_page_free(&p->paternity);
	free(p);
	free(v);
}

static const char *
victim_title(struct dk_view *v)
{
	return ((struct victim *)v->data)->title;
}

/* The page, and the victim's keys on the last row, whatever the scroll. */
static void
victim_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	dk_page_draw(&((struct victim *)v->data)->pg, top, rows - 1, cols);
	dk_tui_put(top + rows - 1, 1, cols - 2,
	           dk_tui_hints(t, DK_VIEW_VICTIM, victim_hints, NHINTS(victim_hints)), A_DIM);
}

/*
 * "Label                  value" in the attribute given (the due date's
 * colour), built in a buffer wiped when freed: identities pass here, and
 * dk_tui_columns' buffer lives on.
 */
static void
field(struct dk_page *pg, const char *label, const char *value, attr_t attr)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_fit(&b, label, 22, true);
	dk_buf_putc(&b, ' ');
	dk_buf_puts(&b, value);
	dk_page_add(pg, attr, "%s", dk_buf_str(&b));
	dk_buf_free(&b);
}

static bool
on_victim(const struct dk_victim_view *vv, void *ctx)
{
	struct victim *p = ctx;
	bool live = vv->update_due != DK_DATE_NONE;
	char added[DK_DATE_STRLEN], informed[DK_DATE_STRLEN], due[DK_DATE_STRLEN];
	struct dk_buf b = DK_BUF_INIT;

	p->refs = dup_or_empty(vv->refs);
	dk_date_format(vv->added_on, added);
	dk_page_add(&p->pg, A_BOLD, "%s   %s", vv->code,
	            live && vv->days_left < 0 ? _("awaiting an update") : "");
	dk_page_add(&p->pg, A_NORMAL, "%s", "");
	field(&p->pg, _("Cases"), vv->refs != NULL && vv->refs[0] ? vv->refs : "-", A_NORMAL);
	field(&p->pg, _("Sex"), dk_tui_vocab_label(DK_VOCAB_SEX, vv->sex), A_NORMAL);
	field(&p->pg, _("Age"), dk_tui_vocab_label(DK_VOCAB_AGE, vv->age), A_NORMAL);
	field(&p->pg, _("Named on"), added, A_NORMAL);
	if (vv->last_informed != DK_DATE_NONE)
		dk_date_format(vv->last_informed, informed);
	field(&p->pg, _("Last informed"), vv->last_informed != DK_DATE_NONE ? informed : _("never"),
	      A_NORMAL);
	if (live) {
		const char *mark = dk_tui_due_mark(vv->status);

		dk_date_format(vv->update_due, due);
		dk_buf_printf(&b, "%s%s%s  %d %s  (%s)", mark, mark[0] ? " " : "", due,
		              vv->days_left, _("days left"), vv->status != NULL ? vv->status : "");
	}
	field(&p->pg, _("Next update due"), live ? dk_buf_str(&b) : "-",
	      dk_tui_due_attr(p->t, vv->status));
	dk_buf_free(&b);
	/* The identity only as the app returned it: it withholds it from the roles that may not. */
	if (vv->name != NULL)
		field(&p->pg, _("Name"), vv->name, A_NORMAL);
	if (vv->contact != NULL)
		field(&p->pg, _("Contact"), vv->contact, A_NORMAL);
	return true;
}

static bool
on_line(const struct dk_assistance_view *a, void *ctx)
{
	struct victim *p = ctx;
	char on[DK_DATE_STRLEN];

	dk_date_format(a->on, on);
	if (strcmp(a->kind, DK_PATERNITY_CLAIM) == 0) {
		const char *cells[] = {on, dk_tui_vocab_label(DK_VOCAB_PATERNITY, a->status)};

		dk_page_add(&p->paternity, A_NORMAL, "  %s",
		            dk_tui_columns(paternity_widths, cells, 2));
	} else {
		const char *consent = "-", *provider = a->provider;
		const char *cells[5];

		if (a->consent != NULL)
			consent = strcmp(a->consent, "yes") == 0 ? _("yes") : _("no");
		/* The app gives no provider to a role without free text: say why there is none. */
		if (provider == NULL)
			provider = p->free_text ? "-" : _("[provider withheld from your role]");
		cells[0] = dk_tui_vocab_label(DK_VOCAB_ASSISTANCE, a->kind);
		cells[1] = dk_tui_vocab_label(DK_VOCAB_ASSISTANCE_STATUS, a->status);
		cells[2] = on;
		cells[3] = consent;
		cells[4] = provider;

		dk_page_add(&p->assistance, A_NORMAL, "  %s",
		            dk_tui_columns(assistance_widths, cells, 5));
	}
	return true;
}

static bool
on_event(const struct dk_timeline_entry *e, void *ctx)
{
	struct victim *p = ctx;
	char date[DK_DATE_STRLEN];
	const char *cells[5] = {date, e->kind, e->ref != NULL && e->ref[0] ? e->ref : "-", e->actor,
	                        e->detail};

	dk_date_format(e->on, date);
	dk_page_add(&p->pg, A_NORMAL, "  %s", dk_tui_columns(timeline_widths, cells, 5));
	return true;
}

/* A section: its title, its column titles and lines, or "none". */
static void
section(struct dk_page *pg, const char *title, const char *head, const struct dk_page *lines)
{
	dk_page_add(pg, A_NORMAL, "%s", "");
	dk_page_add(pg, A_BOLD, "%s", title);
	if (lines->n == 0) {
		dk_page_add(pg, A_NORMAL, "  %s", _("none"));
		return;
	}
	dk_page_add(pg, A_BOLD, "  %s", head);
	dk_page_append(pg, lines);
}

static void
victim_load(struct dk_tui *t, struct dk_view *v)
{
	struct victim *p = v->data;
	const char *ahead[] = {_("KIND"), _("STATUS"), _("ON"), _("CONSENT"), _("PROVIDER")};
	const char *phead[] = {_("ON"), _("STATUS")};
	const char *thead[] = {_("DATE"), _("KIND"), _("CASE"), _("ACTOR"), _("DETAIL")};
	struct dk_buf head = DK_BUF_INIT;

	victim_forget(v);
	p->t = t;
	p->pg.wrap_indent = 0;
	p->assistance.wrap_indent = 2 + 22 + 1 + 22 + 1 + 10 + 1 + 8 + 1; /* under the provider */
	p->free_text = dk_app_may(t->app, DK_ACTION_FREE_TEXT_READ);
	snprintf(p->title, sizeof(p->title), "%s — %s", _("docket — victim"), p->code);
	p->loaded = true;
	p->loaded_at = t->victim_changes;
	if (dk_app_victim_show(t->app, p->code, on_victim, on_line, p) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		victim_forget(v);
		p->loaded = true; /* r tries again; no other reload does */
		return;
	}
	dk_buf_puts(&head, dk_tui_columns(assistance_widths, ahead, 5));
	section(&p->pg, _("Assistance"), dk_buf_str(&head), &p->assistance);
	dk_buf_reset(&head);
	dk_buf_puts(&head, dk_tui_columns(paternity_widths, phead, 2));
	section(&p->pg, _("Paternity claim"), dk_buf_str(&head), &p->paternity);
	dk_buf_free(&head);
	dk_page_clear(&p->assistance);
	dk_page_clear(&p->paternity);
	dk_page_add(&p->pg, A_NORMAL, "%s", "");
	dk_page_add(&p->pg, A_BOLD, "%s", _("Timeline"));
	dk_page_add(&p->pg, A_BOLD, "  %s", dk_tui_columns(timeline_widths, thead, 5));
	p->pg.wrap_indent = 2 + 10 + 1 + 17 + 1 + 17 + 1 + 12 + 1; /* under the detail column */
	if (dk_app_victim_timeline(t->app, p->code, on_event, p) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	p->pg.wrap_indent = 0;
}

/* After a screen above closed: read again only what a change may have changed. */
static void
victim_reload(struct dk_tui *t, struct dk_view *v)
{
	struct victim *p = v->data;

	if (!p->loaded || p->loaded_at != t->victim_changes)
		victim_load(t, v);
}

/* Opens the case the victim is named in (one of them, chosen, when there are several). */
static void
open_case(struct dk_tui *t, struct victim *p)
{
	char *refs, *save = NULL;
	const char *labels[DK_TUI_MAX_CODES];
	int n = 0, k = 0;

	if (p->refs == NULL || p->refs[0] == '\0') {
		dk_tui_say(t, true, _("%s is named in no case you may see."), p->code);
		return;
	}
	refs = dk_xstrdup(p->refs);
	for (char *r = strtok_r(refs, ",", &save); r != NULL && n < DK_TUI_MAX_CODES;
	     r = strtok_r(NULL, ",", &save))
		labels[n++] = r;
	if (n > 1)
		k = dk_tui_choose(t, _("Open which case?"), labels, n);
	if (k >= 0 && n > 0)
		dk_tui_open_id(t, DK_OPEN_DETAIL, labels[k]);
	free(refs);
}

static void
victim_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct victim *p = v->data;

	if (dk_page_scroll(t, &p->pg, a))
		return;
	switch (a) {
	case DK_ACT_INFORM:
		dk_tui_open_id(t, DK_OPEN_FORM_INFORM, p->code);
		break;
	case DK_ACT_ASSIST:
		dk_tui_open_id(t, DK_OPEN_FORM_ASSIST, p->code);
		break;
	case DK_ACT_PATERNITY:
		dk_tui_open_id(t, DK_OPEN_FORM_PATERNITY, p->code);
		break;
	case DK_ACT_VICTIM_CASE:
		open_case(t, p);
		break;
	case DK_ACT_REFRESH:
		victim_load(t, v);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static const struct dk_view_ops victim_ops = {
    .kind = DK_VIEW_VICTIM,
    .title = victim_title,
    .draw = victim_draw,
    .action = victim_action,
    .reload = victim_reload,
    .free = victim_free,
};

struct dk_view *
dk_view_victim_new(struct dk_tui *t, const char *code)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct victim *p = dk_xcalloc(1, sizeof(*p));

	v->ops = &victim_ops;
	v->data = p;
	snprintf(p->code, sizeof(p->code), "%s", code);
	victim_load(t, v);
	return v;
}
