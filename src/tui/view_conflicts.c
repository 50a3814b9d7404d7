/*
 * The conflicts screen (issue 13): the cases two offices moved apart, each
 * with the moves that did not see each other. A move of the case (from its
 * page) follows every head and clears the flag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

struct flagged {
	char addr[DK_TUI_ADDR_MAX]; /* how the app names the case */
	char ref[DK_REF_MAX];
	char office[DK_OFFICE_NAME_MAX + 1];
	char state[DK_IDENT_MAX];
	char *moves; /* "limited_info@GOMA on 2026-11-25, referred@HQ on 2026-11-25" */
};

struct conflicts {
	struct flagged *rows;
	int n, sel;
	char title[256];
	struct dk_tui *t;
};

static void
conflicts_clear(struct conflicts *c)
{
	for (int i = 0; i < c->n; i++)
		dk_xfree_wiped(&c->rows[i].moves);
	free(c->rows);
	c->rows = NULL;
	c->n = 0;
}

static bool
keep_conflict(const struct dk_conflict_view *v, void *ctx)
{
	struct conflicts *c = ctx;
	struct flagged *f;
	struct dk_buf moves = DK_BUF_INIT;
	char on[DK_DATE_STRLEN];
	struct dk_case named = *v->c;

	c->rows = dk_xrealloc(c->rows, (size_t)(c->n + 1) * sizeof(*c->rows));
	f = &c->rows[c->n++];
	memset(f, 0, sizeof(*f));
	/* The office the view names is the case's: REF@OFFICE whatever the list's many says. */
	snprintf(named.office_name, sizeof(named.office_name), "%s", v->office);
	dk_tui_case_address(&named, c->t->many_offices, f->addr, sizeof(f->addr));
	snprintf(f->ref, sizeof(f->ref), "%s", v->c->ref);
	snprintf(f->office, sizeof(f->office), "%s", v->office);
	snprintf(f->state, sizeof(f->state), "%s", _(dk_state_label(v->c->state)));
	for (size_t i = 0; i < v->nmoves; i++) {
		dk_date_show(v->moves[i].on, on);
		/* TRANSLATORS: one move of a conflict: "referred@GOMA on 2026-03-01". */
		dk_buf_printf(&moves, _("%s%s@%s on %s"), i > 0 ? ", " : "", v->moves[i].state,
		              v->moves[i].office, on);
	}
	f->moves = dk_xstrdup(dk_buf_str(&moves));
	dk_buf_free(&moves);
	return true;
}

static void
conflicts_reload(struct dk_tui *t, struct dk_view *v)
{
	struct conflicts *c = v->data;

	conflicts_clear(c);
	dk_tui_offices_refresh(t);
	if (dk_app_conflicts(t->app, keep_conflict, c) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	if (c->sel >= c->n)
		c->sel = c->n > 0 ? c->n - 1 : 0;
}

static const char *
conflicts_title(struct dk_view *v)
{
	struct conflicts *c = v->data;

	snprintf(c->title, sizeof(c->title), "%s%s", _("docket — conflicts (≠ in the case list)"),
	         dk_tui_office_title(c->t));
	return c->title;
}

/* Each case takes two rows: the case, then its moves (they may be long). */
static void
conflicts_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct conflicts *c = v->data;
	const int widths[] = {22, 12, 0};
	const char *head[] = {_("REF"), _("OFFICE"), _("STATE")};
	int fit = (rows - 2) / 2;
	int first = c->sel >= fit ? c->sel - fit + 1 : 0;

	(void)t;
	dk_tui_put(top, 1, cols - 1, dk_tui_columns(widths, head, 3), A_BOLD);
	if (c->n == 0) {
		dk_tui_put(top + 2, 3, cols - 4,
		           _("No case is flagged: every office's moves followed each other."),
		           A_NORMAL);
		return;
	}
	for (int r = 0; first + r < c->n && r < fit; r++) {
		const struct flagged *f = &c->rows[first + r];
		const char *cells[] = {f->ref, f->office, f->state};
		attr_t sel = first + r == c->sel ? A_REVERSE : A_NORMAL;

		dk_tui_put(top + 1 + 2 * r, 0, 1, "", sel);
		dk_tui_put(top + 1 + 2 * r, 1, cols - 1, dk_tui_columns(widths, cells, 3), sel);
		dk_tui_put(top + 2 + 2 * r, 0, 5, "", A_NORMAL);
		dk_tui_put(top + 2 + 2 * r, 5, cols - 5, f->moves, A_NORMAL);
	}
	dk_tui_put(top + rows - 1, 1, cols - 1, _("Enter opens the case; a move clears its flag."),
	           A_NORMAL);
}

static void
conflicts_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct conflicts *c = v->data;

	if (dk_tui_move_selection(t, a, &c->sel, c->n, 10))
		return;
	if (a == DK_ACT_OPEN && c->n > 0)
		dk_tui_open_id(t, DK_OPEN_DETAIL, c->rows[c->sel].addr);
	else if (a == DK_ACT_REFRESH)
		conflicts_reload(t, v);
}

static void
conflicts_free(struct dk_view *v)
{
	conflicts_clear(v->data);
	dk_xfree_wiped_n(v->data, sizeof(struct conflicts));
	free(v);
}

static const struct dk_view_ops conflicts_ops = {
    .kind = DK_VIEW_CONFLICTS,
    .title = conflicts_title,
    .draw = conflicts_draw,
    .action = conflicts_action,
    .reload = conflicts_reload,
    .free = conflicts_free,
};

struct dk_view *
dk_view_conflicts_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct conflicts *c = dk_xcalloc(1, sizeof(*c));

	c->t = t;
	v->ops = &conflicts_ops;
	v->data = c;
	conflicts_reload(t, v);
	return v;
}
