/*
 * One victim's page: the identity (for the roles the app shows it to),
 * assistance, the paternity claim and the timeline, and the keys that record them.
 */
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
static const int timeline_widths[] = {10, 20, 17, 12, 0};

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

	p->refs = dk_xstrdup(vv->refs != NULL ? vv->refs : "");
	dk_date_show(vv->added_on, added);
	dk_page_add(&p->pg, A_BOLD, "%s   %s", vv->code,
	            live && vv->days_left < 0 ? _("awaiting an update") : "");
	dk_page_add(&p->pg, A_NORMAL, "%s", "");
	field(&p->pg, _("Cases"), vv->refs != NULL && vv->refs[0] ? vv->refs : "-", A_NORMAL);
	field(&p->pg, _("Sex"), dk_tui_vocab_label(DK_VOCAB_SEX, vv->sex), A_NORMAL);
	field(&p->pg, _("Age"), dk_tui_vocab_label(DK_VOCAB_AGE, vv->age), A_NORMAL);
	field(&p->pg, _("Named on"), added, A_NORMAL);
	if (vv->last_informed != DK_DATE_NONE)
		dk_date_show(vv->last_informed, informed);
	field(&p->pg, _("Last informed"), vv->last_informed != DK_DATE_NONE ? informed : _("never"),
	      A_NORMAL);
	if (live) {
		const char *mark = dk_tui_due_mark(vv->status);

		dk_date_show(vv->update_due, due);
		dk_buf_printf(&b, "%s%s%s  %d %s  (%s)", mark, mark[0] ? " " : "", due,
		              vv->days_left, _("days left"),
		              dk_tui_label(DK_LABEL_STATUS, vv->status));
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

	dk_date_show(a->on, on);
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
	const char *cells[5] = {date, dk_tui_label(DK_LABEL_EVENT, e->kind),
	                        e->ref != NULL && e->ref[0] ? e->ref : "-", e->actor, e->detail};

	dk_date_show(e->on, date);
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
