/* A case's timeline: every event, dated, by whom, in the order it happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

struct timeline {
	struct dk_page pg;
	char ref[DK_TUI_ADDR_MAX]; /* as the app names it: REF or REF@OFFICE */
	char title[128];
};

static void
timeline_free(struct dk_view *v)
{
	struct timeline *p = v->data;

	dk_page_free(&p->pg);
	free(p);
	free(v);
}

static const char *
timeline_title(struct dk_view *v)
{
	return ((struct timeline *)v->data)->title;
}

static void
timeline_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	(void)t;
	dk_page_draw(&((struct timeline *)v->data)->pg, top, rows, cols);
}

/* The timeline's columns (every kind's name fits in 20); a long detail wraps under its own. */
static const int timeline_widths[] = {10, 20, 12, 0};

static bool
timeline_entry(const struct dk_timeline_entry *e, void *ctx)
{
	struct timeline *p = ctx;
	char date[DK_DATE_STRLEN];
	const char *cells[4] = {date, dk_tui_label(DK_LABEL_EVENT, e->kind), e->actor, e->detail};

	dk_date_show(e->on, date);
	dk_page_add(&p->pg, A_NORMAL, "%s", dk_tui_columns(timeline_widths, cells, 4));
	return true;
}

static void
timeline_reload(struct dk_tui *t, struct dk_view *v)
{
	struct timeline *p = v->data;
	const char *head[] = {_("DATE"), _("KIND"), _("ACTOR"), _("DETAIL")};

	dk_page_clear(&p->pg);
	dk_page_add(&p->pg, A_BOLD, "%s", dk_tui_columns(timeline_widths, head, 4));
	if (dk_app_timeline(t->app, p->ref, timeline_entry, p) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	snprintf(p->title, sizeof(p->title), "%s — %s", _("docket — timeline"), p->ref);
}

static void
timeline_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct timeline *p = v->data;
	struct dk_case c;

	if (dk_page_scroll(t, &p->pg, a))
		return;
	switch (a) {
	case DK_ACT_MOVE:
		memset(&c, 0, sizeof(c));
		if (dk_app_case_get(t->app, p->ref, &c, NULL, NULL) == DK_OK)
			dk_tui_open(t, DK_OPEN_FORM_MOVE,
			            &(struct dk_open_arg){.id = p->ref, .c = &c});
		dk_case_clear(&c);
		break;
	case DK_ACT_SET_FIELD:
		dk_tui_open_id(t, DK_OPEN_FORM_SET, p->ref);
		break;
	case DK_ACT_NOTE:
		dk_tui_open_id(t, DK_OPEN_FORM_NOTE, p->ref);
		break;
	case DK_ACT_REFRESH:
		timeline_reload(t, v);
		break;
	default:
		break;
	}
}

static const struct dk_view_ops timeline_ops = {
    .kind = DK_VIEW_TIMELINE,
    .title = timeline_title,
    .draw = timeline_draw,
    .action = timeline_action,
    .reload = timeline_reload,
    .free = timeline_free,
};

struct dk_view *
dk_view_timeline_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct timeline *p = dk_xcalloc(1, sizeof(*p));

	v->ops = &timeline_ops;
	v->data = p;
	p->pg.wrap_indent = 10 + 1 + 17 + 1 + 12 + 1; /* under the detail column */
	snprintf(p->ref, sizeof(p->ref), "%s", ref);
	timeline_reload(t, v);
	return v;
}
