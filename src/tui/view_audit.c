/* The audit log (administrators, auditors): newest first, in keyset pages by id; verify. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/ref.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define AUDIT_MAX_ROWS 256

struct audit_row {
	long long id;
	char *at;
	char *account;
	char *action;
	char *ref;
	char *detail;
};

struct audit {
	/* The filters as the user set them. */
	char user[DK_NAME_MAX + 1];
	char ref[DK_REF_MAX];
	/* The rows on screen, newest first: a window onto the log. */
	struct audit_row rows[AUDIT_MAX_ROWS];
	struct dk_pager pg;
	char title[256];
};

/* The keys at the foot of the screen. */
static const struct dk_hint hints[] = {
    {DK_ACT_AUDIT_VERIFY, N_("verify")}, {DK_ACT_FILTER_ACCOUNT, N_("account")},
    {DK_ACT_FILTER_CASE, N_("case")},    {DK_ACT_FILTER_CLEAR, N_("clear filters")},
    {DK_ACT_OPEN, N_("open the case")},  {DK_ACT_BACK, N_("back")},
};

#define NHINTS ((int)(sizeof(hints) / sizeof(hints[0])))

static void
row_clear(void *row)
{
	struct audit_row *r = row;

	dk_xfree_wiped(&r->at);
	dk_xfree_wiped(&r->account);
	dk_xfree_wiped(&r->action);
	dk_xfree_wiped(&r->ref);
	dk_xfree_wiped(&r->detail);
	r->id = 0;
}

struct fetch {
	struct audit_row *out;
	int n;
	int max;
};

static char *
dup_or_empty(const char *s)
{
	return dk_xstrdup(s != NULL ? s : "");
}

static bool
collect(const struct dk_audit_view *e, void *ctx)
{
	struct fetch *f = ctx;
	struct audit_row *r = &f->out[f->n];

	r->id = e->id;
	r->at = dup_or_empty(e->at);
	r->account = dup_or_empty(e->account);
	r->action = dup_or_empty(e->action);
	r->ref = dup_or_empty(e->ref);
	r->detail = dup_or_empty(e->detail);
	return ++f->n < f->max;
}

/*
 * Up to max entries after from_id in the given direction (newest_first:
 * older ones) into out; how many, or -1 (the error said) on failure.
 */
static int
fetch(struct dk_tui *t, struct audit *a, long long from_id, bool newest_first,
      struct audit_row *out, int max)
{
	struct dk_audit_filter f;
	struct fetch c = {out, 0, max};

	if (max <= 0)
		return 0;
	memset(&f, 0, sizeof(f));
	f.user = a->user[0] ? a->user : NULL;
	f.ref = a->ref[0] ? a->ref : NULL;
	f.from_id = from_id;
	f.limit = max;
	f.newest_first = newest_first;
	if (dk_app_audit_log(t->app, &f, collect, &c) != DK_OK) {
		for (int i = 0; i < c.n; i++)
			row_clear(&out[i]);
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return -1;
	}
	return c.n;
}

/* The pager's reading: older entries forward (newest first), newer ones backward. */
static int
audit_fetch(struct dk_tui *t, void *ctx, const void *from, bool backward, void *out, int max)
{
	long long from_id = from != NULL ? ((const struct audit_row *)from)->id : 0;

	return fetch(t, ctx, from_id, !backward, out, max);
}

static const char *
audit_title(struct dk_view *v)
{
	struct audit *a = v->data;

	snprintf(a->title, sizeof(a->title), "%s%s%s%s%s", _("docket — audit log"),
	         a->user[0] ? _("  account ") : "", a->user, a->ref[0] ? _("  case ") : "", a->ref);
	return a->title;
}

/* ID, AT, ACCOUNT, ACTION, REF, then DETAIL to the edge; a blank after each. */
static const int audit_widths[] = {6, 20, 12, 13, 22, 0};
#define NCOLUMNS ((int)(sizeof(audit_widths) / sizeof(audit_widths[0])))

static void
audit_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct audit *a = v->data;
	char line[DK_LINE_MAX_TUI + 64];

	/* A header, the rows, the selected entry's whole detail and the key hints. */
	dk_pager_fit(t, &a->pg, rows - 3);
	{
		const char *head[] = {_("ID"),     _("AT"),  _("ACCOUNT"),
		                      _("ACTION"), _("REF"), _("DETAIL")};

		dk_tui_put(top, 1, cols - 2, dk_tui_columns(audit_widths, head, NCOLUMNS), A_BOLD);
	}
	if (a->pg.nrows == 0)
		dk_tui_put(top + 2, 3, cols - 4,
		           a->user[0] || a->ref[0] ? _("No entry matches. X clears the filters.")
		                                   : _("The audit log is empty."),
		           A_NORMAL);
	for (int r = 0; r < a->pg.nrows && r < a->pg.page; r++) {
		const struct audit_row *e = &a->rows[r];
		attr_t attr = r == a->pg.sel ? A_REVERSE : A_NORMAL;
		char id[24];
		const char *cells[NCOLUMNS] = {id, e->at, e->account, e->action, e->ref, e->detail};
		int x = 1;

		snprintf(id, sizeof(id), "%6lld", e->id);
		/*
		 * Cell by cell, each sanitized and fitted by dk_tui_put (none shifts
		 * the next), then the blank that keeps it from touching the next.
		 */
		for (int i = 0; i < NCOLUMNS && x < cols - 1; i++) {
			int w = audit_widths[i] > 0 ? audit_widths[i] : cols - 1 - x;

			w = w < cols - 1 - x ? w : cols - 1 - x;
			dk_tui_put(top + 1 + r, x, w, cells[i], attr);
			if (x + w < cols - 1)
				dk_tui_put(top + 1 + r, x + w, 1, "", attr);
			x += w + 1;
		}
	}
	if (a->pg.nrows > 0 && a->rows[a->pg.sel].detail[0] != '\0') {
		snprintf(line, sizeof(line), "%s %.*s", _("Detail:"), DK_LINE_MAX_TUI,
		         a->rows[a->pg.sel].detail);
		dk_tui_put(top + rows - 2, 1, cols - 2, line, A_NORMAL);
	}
	dk_tui_put(top + rows - 1, 1, cols - 2, dk_tui_hints(t, DK_VIEW_AUDIT, hints, NHINTS),
	           A_DIM);
}

/* Sets a filter from what the user typed; the old one comes back when the app refuses it. */
static void
refilter(struct dk_tui *t, struct audit *a, char *filter, size_t size, const char *typed)
{
	char old[DK_LINE_MAX_TUI];

	if (strlen(typed) >= size) {
		dk_tui_say(t, true, _("'%s' is too long to be one."), typed);
		return;
	}
	snprintf(old, sizeof(old), "%s", filter);
	memcpy(filter, typed, strlen(typed) + 1);
	if (!dk_pager_first(t, &a->pg)) {
		memcpy(filter, old, strlen(old) + 1);
		dk_pager_first(t, &a->pg);
	}
}

static void
verify(struct dk_tui *t)
{
	long entries = 0;

	if (dk_app_audit_verify(t->app, &entries) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	dk_tui_say(t, false, _("The audit log verifies: %ld entries, the chain unbroken."),
	           entries);
}

static void
audit_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action act)
{
	struct audit *a = v->data;
	char buf[DK_LINE_MAX_TUI];

	if (dk_pager_move(t, &a->pg, act))
		return;
	switch (act) {
	case DK_ACT_OPEN:
		if (a->pg.nrows == 0)
			break;
		if (a->rows[a->pg.sel].ref[0] == '\0')
			dk_tui_say(t, false, _("This entry names no case."));
		else
			dk_tui_open_id(t, DK_OPEN_DETAIL, a->rows[a->pg.sel].ref);
		break;
	case DK_ACT_AUDIT_VERIFY:
		verify(t);
		break;
	case DK_ACT_FILTER_ACCOUNT:
		snprintf(buf, sizeof(buf), "%s", a->user);
		if (dk_tui_prompt(t, _("Account (empty for all):"), buf, sizeof(buf)))
			refilter(t, a, a->user, sizeof(a->user), buf);
		break;
	case DK_ACT_FILTER_CASE:
		snprintf(buf, sizeof(buf), "%s", a->ref);
		if (dk_tui_prompt(t, _("Case reference (empty for all):"), buf, sizeof(buf))) {
			/* References are upper case; typing them in lower case finds them too. */
			for (char *p = buf; *p != '\0'; p++)
				*p = (char)toupper((unsigned char)*p);
			refilter(t, a, a->ref, sizeof(a->ref), buf);
		}
		break;
	case DK_ACT_FILTER_CLEAR:
		a->user[0] = a->ref[0] = '\0';
		dk_pager_first(t, &a->pg);
		break;
	case DK_ACT_REFRESH:
		dk_pager_first(t, &a->pg);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

/* After an unlock or a screen above closed: the newest entries again, the selection kept. */
static void
audit_reload(struct dk_tui *t, struct dk_view *v)
{
	dk_pager_reload(t, &((struct audit *)v->data)->pg);
}

static void
audit_forget(struct dk_view *v)
{
	dk_pager_clear(&((struct audit *)v->data)->pg);
}

static void
audit_free(struct dk_view *v)
{
	audit_forget(v);
	dk_xfree_wiped_n(v->data, sizeof(struct audit));
	free(v);
}

static const struct dk_view_ops audit_ops = {
    .kind = DK_VIEW_AUDIT,
    .title = audit_title,
    .draw = audit_draw,
    .action = audit_action,
    .reload = audit_reload,
    .free = audit_free,
};

struct dk_view *
dk_view_audit_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct audit *a = dk_xcalloc(1, sizeof(*a));

	v->ops = &audit_ops;
	v->data = a;
	a->pg = (struct dk_pager){.rows = a->rows,
	                          .size = sizeof(a->rows[0]),
	                          .cap = AUDIT_MAX_ROWS,
	                          .fetch = audit_fetch,
	                          .clear_row = row_clear,
	                          .ctx = a};
	dk_pager_size(&a->pg, LINES - 6);
	dk_pager_first(t, &a->pg);
	return v;
}
