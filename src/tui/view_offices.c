/*
 * The offices screen (issue 13, OFFICE_READ): this office and its peers,
 * their trust and fingerprints, the audit head each last showed, and a
 * peer whose audit log was rewritten or cut, with the two heads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

struct office_row {
	char name[DK_OFFICE_NAME_MAX + 1];
	char trust[16];
	char fingerprint[DK_FINGERPRINT_LEN];
	char head[48]; /* "41:abcd1234", "" when none */
	char chain[128];
	bool broken;
};

struct offices {
	struct office_row *rows;
	int n, sel;
};

static bool
keep_office(const struct dk_office_view *o, void *ctx)
{
	struct offices *s = ctx;
	struct office_row *r;

	s->rows = dk_xrealloc(s->rows, (size_t)(s->n + 1) * sizeof(*s->rows));
	r = &s->rows[s->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", o->name);
	/* The trust word stays an identifier, as the CLI prints it. */
	snprintf(r->trust, sizeof(r->trust), "%s", o->trust);
	snprintf(r->fingerprint, sizeof(r->fingerprint), "%s", o->fingerprint);
	if (o->head_id > 0)
		snprintf(r->head, sizeof(r->head), "%lld:%.8s", o->head_id, o->head_hash);
	r->broken = o->broken[0] != '\0';
	snprintf(r->chain, sizeof(r->chain), "%s", r->broken ? o->broken : "ok");
	return true;
}

static void
offices_reload(struct dk_tui *t, struct dk_view *v)
{
	struct offices *s = v->data;

	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	if (dk_app_office_list(t->app, keep_office, s) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
}

static const char *
offices_title(struct dk_view *v)
{
	(void)v;
	return _("docket — offices");
}

static void
offices_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct offices *s = v->data;
	const int widths[] = {16, 7, 19, 13, 0};
	const char *head[] = {_("NAME"), _("TRUST"), _("FINGERPRINT"), _("AUDIT HEAD"), _("CHAIN")};
	int first = s->sel >= rows - 2 ? s->sel - (rows - 3) : 0;

	dk_tui_put(top, 3, cols - 3, dk_tui_columns(widths, head, 5), A_BOLD);
	if (s->n == 0)
		dk_tui_put(top + 2, 3, cols - 4, _("This database has no office yet."), A_NORMAL);
	for (int r = 0; first + r < s->n && r < rows - 2; r++) {
		const struct office_row *o = &s->rows[first + r];
		const char *cells[] = {o->name, o->trust, o->fingerprint, o->head, o->chain};
		attr_t sel = first + r == s->sel ? A_REVERSE : A_NORMAL;
		/* A rewritten or cut log is drawn as an overdue deadline is: "!!" and its colour.
		 */
		attr_t cue = o->broken ? dk_tui_due_attr(t, "overdue") : A_NORMAL;

		dk_tui_put(top + 1 + r, 0, 3, o->broken ? "!!" : "", sel | cue);
		dk_tui_put(top + 1 + r, 3, cols - 3, dk_tui_columns(widths, cells, 5), sel | cue);
	}
	dk_tui_put(top + rows - 1, 3, cols - 3,
	           _("Compare a fingerprint with the other office's own before trusting it."),
	           A_NORMAL);
}

static void
offices_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct offices *s = v->data;

	if (dk_tui_move_selection(t, a, &s->sel, s->n, 10))
		return;
	if (a == DK_ACT_REFRESH)
		offices_reload(t, v);
}

static void
offices_free(struct dk_view *v)
{
	struct offices *s = v->data;

	free(s->rows);
	free(s);
	free(v);
}

static const struct dk_view_ops offices_ops = {
    .kind = DK_VIEW_OFFICES,
    .title = offices_title,
    .draw = offices_draw,
    .action = offices_action,
    .reload = offices_reload,
    .free = offices_free,
};

struct dk_view *
dk_view_offices_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));

	v->ops = &offices_ops;
	v->data = dk_xcalloc(1, sizeof(struct offices));
	offices_reload(t, v);
	return v;
}
