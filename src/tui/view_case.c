/* One case: its fields and deadlines (with their arithmetic), its timeline, and the help. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

/* A scrolling page of lines: what detail, timeline and help share. */
struct page {
	char ref[DK_REF_MAX];
	char title[128];
	char **lines;
	attr_t *attrs;
	int n, cap;
	int top;
	/* detail only */
	struct dk_case c;
	char live_rules[8][32];
	int nlive;
	int wrap_indent; /* where continuation rows of a long line start */
};

static void
page_add(struct page *p, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
page_add(struct page *p, attr_t attr, const char *fmt, ...)
{
	struct dk_buf b = DK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dk_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = dk_xrealloc(p->lines, (size_t)p->cap * sizeof(*p->lines));
		p->attrs = dk_xrealloc(p->attrs, (size_t)p->cap * sizeof(*p->attrs));
	}
	p->lines[p->n] = dk_xstrdup(dk_buf_str(&b));
	p->attrs[p->n++] = attr;
	dk_buf_free(&b);
}

/* Splits multi-line text into indented lines (sanitizing happens when drawn). */
static void
page_add_text(struct page *p, const char *indent, const char *text)
{
	const char *s = text;

	while (s != NULL && *s != '\0') {
		const char *nl = strchr(s, '\n');
		int len = nl != NULL ? (int)(nl - s) : (int)strlen(s);

		page_add(p, A_NORMAL, "%s%.*s", indent, len, s);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

static void
page_forget(struct dk_view *v)
{
	struct page *p = v->data;

	for (int i = 0; i < p->n; i++) {
		explicit_bzero(p->lines[i], strlen(p->lines[i]));
		free(p->lines[i]);
	}
	p->n = 0;
	dk_case_clear(&p->c);
	p->nlive = 0;
}

static void
page_free(struct dk_view *v)
{
	struct page *p = v->data;

	page_forget(v);
	free(p->lines);
	free(p->attrs);
	free(p);
	free(v);
}

static const char *
page_title(struct dk_view *v)
{
	return ((struct page *)v->data)->title;
}

/* Long lines wrap onto indented continuation rows, so no note is ever cut off. */
static void
page_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct page *p = v->data;
	struct dk_buf safe = DK_BUF_INIT;
	int width = cols - 2, y = 0;

	(void)t;
	if (p->top > p->n - 1)
		p->top = p->n > 0 ? p->n - 1 : 0;
	for (int i = p->top; i < p->n && y < rows; i++) {
		const char *rest;
		int indent = 0;

		dk_buf_reset(&safe);
		dk_text_sanitize(&safe, p->lines[i], DK_SANITIZE_LINE);
		rest = dk_buf_str(&safe);
		do {
			size_t n = dk_tui_prefix(rest, width - indent);
			char *part;

			if (n == 0 && *rest != '\0')
				n = strlen(rest); /* cannot happen with width > 0; never loop */
			part = dk_xstrndup(rest, n);
			dk_tui_put(top + y, 1 + indent, width - indent, part, p->attrs[i]);
			free(part);
			rest += n;
			y++;
			indent = p->wrap_indent < width / 2 ? p->wrap_indent : 4;
		} while (*rest != '\0' && y < rows);
	}
	dk_buf_free(&safe);
}

static bool
page_scroll(struct page *p, enum dk_tui_action a)
{
	int step = LINES - 4;

	switch (a) {
	case DK_ACT_DOWN:
		p->top++;
		return true;
	case DK_ACT_UP:
		p->top = p->top > 0 ? p->top - 1 : 0;
		return true;
	case DK_ACT_PAGE_DOWN:
		p->top += step;
		return true;
	case DK_ACT_PAGE_UP:
		p->top = p->top > step ? p->top - step : 0;
		return true;
	case DK_ACT_TOP:
		p->top = 0;
		return true;
	case DK_ACT_BOTTOM:
		p->top = p->n - step > 0 ? p->n - step : 0;
		return true;
	default:
		return false;
	}
}

/* "Label                  value", the label padded by display width. */
static void
page_field(struct page *p, const char *label, const char *value)
{
	static const int widths[] = {22, 0};
	const char *cells[] = {label, value};

	page_add(p, A_NORMAL, "%s", dk_tui_columns(widths, cells, 2));
}

/* A vocabulary value by its translated label, or "-". */
static const char *
label_of(enum dk_vocab_kind kind, const char *id)
{
	const struct dk_vocab *v = dk_vocab_get(kind);
	int i = dk_vocab_find(kind, id);

	if (id == NULL || id[0] == '\0')
		return "-";
	return i >= 0 ? _(v->entries[i].label) : id;
}

static bool
detail_deadline(const struct dk_deadline_view *d, void *ctx)
{
	struct page *p = ctx;
	bool live = d->met_on == DK_DATE_NONE;
	char due[DK_DATE_STRLEN], orig[DK_DATE_STRLEN], met[DK_DATE_STRLEN];

	dk_date_format(d->due, due);
	dk_date_format(d->original_due, orig);
	if (live) {
		page_add(p, A_BOLD, "  %-2s %-18s %s %s  %d %s  (%s)", dk_tui_due_mark(d->days_left, true),
			 d->rule, _("due"), due, d->days_left, _("days left"), d->status);
		if (p->nlive < 8)
			snprintf(p->live_rules[p->nlive++], sizeof(p->live_rules[0]), "%s", d->rule);
	} else {
		dk_date_format(d->met_on, met);
		page_add(p, A_NORMAL, "     %-18s %s %s  %s %s  (%s)", d->rule, _("due"), due, _("met on"),
			 met, d->status);
	}
	page_add(p, A_DIM, "        %s", d->explanation != NULL ? d->explanation : "");
	if (d->extensions > 0)
		page_add(p, A_DIM, "        %s %s", _("original due date:"), orig);
	return true;
}

/* The keys under a case, as far as the role is offered them. */
static const struct dk_hint detail_hints[] = {
	{DK_ACT_MOVE, N_("move")},	   {DK_ACT_SET_FIELD, N_("change a field")},
	{DK_ACT_EXTEND, N_("extend")},	   {DK_ACT_NOTE, N_("note")},
	{DK_ACT_TIMELINE, N_("timeline")}, {DK_ACT_BACK, N_("back")},
};

#define NHINTS ((int)(sizeof(detail_hints) / sizeof(detail_hints[0])))

static void
detail_reload(struct dk_tui *t, struct dk_view *v)
{
	struct page *p = v->data;
	const struct dk_case *c = &p->c;
	char reported[DK_DATE_STRLEN], incident[DK_DATE_STRLEN] = "-", since[DK_DATE_STRLEN];
	enum dk_rc rc;

	page_forget(v);
	rc = dk_app_case_get(t->app, p->ref, &p->c, detail_deadline, p);
	if (rc != DK_OK) {
		page_forget(v);
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	/* The deadlines were added first by the callback: move them below the fields. */
	{
		int ndl = p->n;
		char **dl = p->lines;
		attr_t *da = p->attrs;

		p->lines = NULL;
		p->attrs = NULL;
		p->n = p->cap = 0;
		dk_date_format(c->reported, reported);
		dk_date_format(c->state_since, since);
		if (c->incident != DK_DATE_NONE)
			dk_date_format(c->incident, incident);
		page_add(p, A_BOLD, "%s   %s  %s", c->ref, _(dk_state_label(c->state)),
			 c->urgent ? _("URGENT") : "");
		page_add(p, A_NORMAL, "%s", "");
		page_field(p, _("Mission"), c->mission);
		{
			char state[160];

			snprintf(state, sizeof(state), "%s (%s %s)", _(dk_state_label(c->state)),
				 _("since"), since);
			page_field(p, _("State"), state);
		}
		page_field(p, _("Category"), label_of(DK_VOCAB_CATEGORY, c->category));
		page_field(p, _("Type"), label_of(DK_VOCAB_TYPE, c->type));
		page_field(p, _("Reported"), reported);
		page_field(p, _("Incident"), incident);
		page_field(p, _("Personnel"), label_of(DK_VOCAB_PERSONNEL, c->personnel));
		page_field(p, _("Nationality"), c->nationality[0] ? c->nationality : "-");
		page_field(p, _("Source"), label_of(DK_VOCAB_SOURCE, c->source));
		page_field(p, _("Investigating entity"), label_of(DK_VOCAB_ENTITY, c->entity));
		page_field(p, _("Outcome"), label_of(DK_VOCAB_OUTCOME, c->outcome));
		page_field(p, _("Closure"), label_of(DK_VOCAB_CLOSURE, c->closure));
		page_add(p, A_NORMAL, "%s", "");
		page_add(p, A_BOLD, "%s", _("Summary"));
		if (c->summary != NULL)
			page_add_text(p, "  ", c->summary);
		else
			page_add(p, A_NORMAL, "  -");
		page_add(p, A_NORMAL, "%s", "");
		page_add(p, A_BOLD, "%s", _("Deadlines"));
		if (ndl == 0)
			page_add(p, A_NORMAL, "  %s", _("none"));
		for (int i = 0; i < ndl; i++) {
			if (p->n == p->cap) {
				p->cap = p->cap ? p->cap * 2 : 64;
				p->lines = dk_xrealloc(p->lines, (size_t)p->cap * sizeof(*p->lines));
				p->attrs = dk_xrealloc(p->attrs, (size_t)p->cap * sizeof(*p->attrs));
			}
			p->lines[p->n] = dl[i];
			p->attrs[p->n++] = da[i];
		}
		free(dl);
		free(da);
		page_add(p, A_NORMAL, "%s", "");
		page_add(p, A_BOLD, "%s", _("Victims and subjects"));
		page_add(p, A_NORMAL, "  %s", _("none recorded"));
		page_add(p, A_NORMAL, "%s", "");
		page_add(p, A_DIM, "%s", dk_tui_hints(t, DK_VIEW_DETAIL, detail_hints, NHINTS));
	}
	snprintf(p->title, sizeof(p->title), "%s — %s", _("docket — case"), p->ref);
}

static void
detail_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct page *p = v->data;
	const char *rules[8];

	if (page_scroll(p, a))
		return;
	switch (a) {
	case DK_ACT_MOVE:
		dk_tui_push(t, dk_form_move_new(t, &p->c));
		break;
	case DK_ACT_SET_FIELD:
		dk_tui_push(t, dk_form_set_new(t, p->ref));
		break;
	case DK_ACT_EXTEND:
		if (p->nlive == 0) {
			dk_tui_say(t, true, _("%s has no live deadline to extend"), p->ref);
			break;
		}
		for (int i = 0; i < p->nlive; i++)
			rules[i] = p->live_rules[i];
		dk_tui_push(t, dk_form_extend_new(t, p->ref, rules, p->nlive));
		break;
	case DK_ACT_NOTE:
		dk_tui_push(t, dk_form_note_new(t, p->ref));
		break;
	case DK_ACT_TIMELINE:
		dk_tui_push(t, dk_view_timeline_new(t, p->ref));
		break;
	case DK_ACT_REFRESH:
		detail_reload(t, v);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static const struct dk_view_ops detail_ops = {
	DK_VIEW_DETAIL, page_title, page_draw, detail_action, NULL, detail_reload, page_forget, page_free,
};

struct dk_view *
dk_view_detail_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct page *p = dk_xcalloc(1, sizeof(*p));

	v->ops = &detail_ops;
	v->data = p;
	p->wrap_indent = 8;
	snprintf(p->ref, sizeof(p->ref), "%s", ref);
	detail_reload(t, v);
	return v;
}

static bool
timeline_entry(const struct dk_timeline_entry *e, void *ctx)
{
	struct page *p = ctx;
	char date[DK_DATE_STRLEN];

	static const int widths[] = {10, 9, 14, 0};
	const char *cells[4] = {date, e->kind, e->actor, e->detail};

	dk_date_format(e->on, date);
	page_add(p, A_NORMAL, "%s", dk_tui_columns(widths, cells, 4));
	return true;
}

static void
timeline_reload(struct dk_tui *t, struct dk_view *v)
{
	struct page *p = v->data;

	page_forget(v);
	{
		static const int widths[] = {10, 9, 14, 0};
		const char *head[] = {_("DATE"), _("KIND"), _("ACTOR"), _("DETAIL")};

		page_add(p, A_BOLD, "%s", dk_tui_columns(widths, head, 4));
	}
	if (dk_app_timeline(t->app, p->ref, timeline_entry, p) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	snprintf(p->title, sizeof(p->title), "%s — %s", _("docket — timeline"), p->ref);
}

static void
timeline_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct page *p = v->data;
	struct dk_case c;

	if (page_scroll(p, a))
		return;
	switch (a) {
	case DK_ACT_MOVE:
		memset(&c, 0, sizeof(c));
		if (dk_app_case_get(t->app, p->ref, &c, NULL, NULL) == DK_OK)
			dk_tui_push(t, dk_form_move_new(t, &c));
		dk_case_clear(&c);
		break;
	case DK_ACT_SET_FIELD:
		dk_tui_push(t, dk_form_set_new(t, p->ref));
		break;
	case DK_ACT_NOTE:
		dk_tui_push(t, dk_form_note_new(t, p->ref));
		break;
	case DK_ACT_REFRESH:
		timeline_reload(t, v);
		break;
	default:
		break;
	}
}

static const struct dk_view_ops timeline_ops = {
	DK_VIEW_TIMELINE, page_title, page_draw, timeline_action, NULL, timeline_reload, page_forget, page_free,
};

struct dk_view *
dk_view_timeline_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct page *p = dk_xcalloc(1, sizeof(*p));

	v->ops = &timeline_ops;
	v->data = p;
	p->wrap_indent = 36; /* under the detail column */
	snprintf(p->ref, sizeof(p->ref), "%s", ref);
	timeline_reload(t, v);
	return v;
}

/*
 * Help: written from the binding table, one block per screen, with only
 * the keys the role is offered. A screen shows when the role is offered
 * one of the actions that open it (DK_ACT_NONE: every role sees it).
 */
static const struct {
	unsigned kind;
	const char *name;
	enum dk_tui_action opened_by[4];
} help_sections[] = {
	{DK_VIEW_DASHBOARD, N_("Dashboard"), {DK_ACT_NONE}},
	{DK_VIEW_LIST, N_("Case list"), {DK_ACT_NONE}},
	{DK_VIEW_DETAIL, N_("Case"), {DK_ACT_NONE}},
	{DK_VIEW_TIMELINE, N_("Timeline"), {DK_ACT_NONE}},
	{DK_VIEW_ACCOUNTS, N_("Accounts"), {DK_ACT_ACCOUNTS, DK_ACT_COUNT}},
	{DK_VIEW_AUDIT, N_("Audit log"), {DK_ACT_AUDIT, DK_ACT_COUNT}},
	{DK_VIEW_FORM, N_("Forms"), {DK_ACT_NEW_CASE, DK_ACT_MOVE, DK_ACT_SET_FIELD, DK_ACT_COUNT}},
};

/* Whether the role is offered the section's screen. */
static bool
section_offered(struct dk_tui *t, size_t s)
{
	const enum dk_tui_action *by = help_sections[s].opened_by;

	if (by[0] == DK_ACT_NONE)
		return true;
	for (int i = 0; i < 4 && by[i] != DK_ACT_COUNT; i++)
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
	struct page *p = v->data;

	page_forget(v);
	for (size_t s = 0; s < sizeof(help_sections) / sizeof(help_sections[0]); s++) {
		bool done[DK_ACT_COUNT] = {false};

		if (!section_offered(t, s))
			continue;
		page_add(p, A_BOLD, "%s", _(help_sections[s].name));
		for (int i = 0; i < dk_nbindings; i++) {
			struct dk_buf keys = DK_BUF_INIT;
			enum dk_tui_action a = dk_bindings[i].action;

			if (!(dk_bindings[i].views & help_sections[s].kind) || done[a] ||
			    !dk_tui_may(t, a))
				continue;
			done[a] = true;
			for (int j = i; j < dk_nbindings; j++) {
				if ((dk_bindings[j].views & help_sections[s].kind) && dk_bindings[j].action == a &&
				    !listed(dk_buf_str(&keys), dk_bindings[j].name))
					dk_buf_printf(&keys, "%s%s", keys.len ? ", " : "", dk_bindings[j].name);
			}
			page_add(p, A_NORMAL, "  %-22s %s", dk_buf_str(&keys), _(dk_tui_action_help(a)));
			dk_buf_free(&keys);
		}
		if (help_sections[s].kind == DK_VIEW_FORM) {
			page_add(p, A_NORMAL, "  %-22s %s", "Tab, Down", _("next field"));
			page_add(p, A_NORMAL, "  %-22s %s", "Shift-Tab, Up", _("previous field"));
			page_add(p, A_NORMAL, "  %-22s %s", "Left, Right", _("change a choice"));
			page_add(p, A_NORMAL, "  %-22s %s", "Enter",
				 _("new line in a text box, next field (or the list of choices) "
				   "elsewhere, save on [ Save ]"));
			page_add(p, A_NORMAL, "  %-22s %s", "Ctrl-S, F2", _("save"));
		}
		page_add(p, A_NORMAL, "%s", "");
	}
	snprintf(p->title, sizeof(p->title), "%s", _("docket — help (Esc to go back)"));
}

static void
help_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	(void)t;
	page_scroll(v->data, a);
}

static const struct dk_view_ops help_ops = {
	DK_VIEW_HELP, page_title, page_draw, help_action, NULL, help_reload, page_forget, page_free,
};

struct dk_view *
dk_view_help_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));

	v->ops = &help_ops;
	v->data = dk_xcalloc(1, sizeof(struct page));
	help_reload(t, v);
	return v;
}
