/*
 * Vetting (administrators and officers): the cases, in the account's
 * missions, that name a person, found by name (whatever the case, accents
 * and spacing) or by index number, as `docket vet` finds them.
 *
 * The query names a person: it lives only in the buffer it is typed into,
 * wiped once the one dk_app_vet call is made, and never reaches the title,
 * the status bar or the message line. The app audits each search (the count,
 * never the query). Only the rows found are kept, and the lock wipes them;
 * nothing searches again but the user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define NHINTS(h) ((int)(sizeof(h) / sizeof((h)[0])))

struct vet_row {
	char *ref;
	char *subject;
	char *personnel;
	char *nationality; /* "" when not recorded */
	char *state;
	char *outcome; /* "" when none */
};

struct vet {
	struct vet_row *rows;
	int n, cap;
	int sel, top;
	bool searched; /* rows from a search (maybe none): not before one, nor since a lock */
	bool opened;   /* just opened: no prompt yet (giving up the first one goes back) */
};

static const struct dk_hint hints[] = {
    {DK_ACT_VET_AGAIN, N_("search")},
    {DK_ACT_OPEN, N_("open the case")},
    {DK_ACT_BACK, N_("back")},
};

static char *
dup_or_empty(const char *s)
{
	return dk_xstrdup(s != NULL ? s : "");
}

static void
vet_forget(struct dk_view *v)
{
	struct vet *l = v->data;

	for (int i = 0; i < l->n; i++) {
		struct vet_row *r = &l->rows[i];

		dk_xfree_wiped(&r->ref);
		dk_xfree_wiped(&r->subject);
		dk_xfree_wiped(&r->personnel);
		dk_xfree_wiped(&r->nationality);
		dk_xfree_wiped(&r->state);
		dk_xfree_wiped(&r->outcome);
	}
	l->n = l->sel = l->top = 0;
	l->searched = false;
}

static bool
collect(const struct dk_vet_view *in, void *ctx)
{
	struct vet *l = ctx;
	struct vet_row *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->rows = dk_xrealloc(l->rows, (size_t)l->cap * sizeof(*l->rows));
	}
	r = &l->rows[l->n++];
	r->ref = dup_or_empty(in->ref);
	r->subject = dup_or_empty(in->subject);
	r->personnel = dup_or_empty(in->personnel);
	r->nationality = dup_or_empty(in->nationality);
	r->state = dup_or_empty(in->state);
	r->outcome = dup_or_empty(in->outcome);
	return true;
}

/*
 * Asks for a name or an index number and searches once. Giving up (Esc, or
 * Enter on nothing) keeps the rows on screen; on a screen just opened, it
 * goes back to where F was pressed. Returns false when the view was closed.
 */
static bool
search(struct dk_tui *t, struct dk_view *v)
{
	struct vet *l = v->data;
	char query[DK_LINE_MAX_TUI] = "";
	bool asked, opened = l->opened;
	enum dk_rc rc;

	l->opened = false;
	dk_tui_draw(t); /* this screen under the prompt, also when F has just opened it */
	asked =
	    dk_tui_prompt(t, _("Name or index number:"), query, sizeof(query)) && query[0] != '\0';
	if (!asked) {
		explicit_bzero(query, sizeof(query));
		if (opened && !t->quit && !t->lock_requested) {
			dk_tui_pop(t);
			return false;
		}
		return true;
	}
	vet_forget(v);
	rc = dk_app_vet(t->app, query, collect, l);
	explicit_bzero(query, sizeof(query));
	if (rc != DK_OK) {
		vet_forget(v);
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return true;
	}
	l->searched = true;
	return true;
}

static const char *
vet_title(struct dk_view *v)
{
	(void)v;
	return _("docket — vetting");
}

enum { COL_REF, COL_SUBJECT, COL_PERSONNEL, COL_NATIONALITY, COL_STATE, COL_OUTCOME, NCOLS };

#define OUTCOME_MIN 17 /* "Not substantiated" */

/*
 * The outcome takes what is left. On a narrow terminal the nationality (a
 * three-letter code under a long title) narrows first, then the reference
 * (to what a seven-letter mission's takes), then the personnel.
 */
static void
layout(int cols, int *widths)
{
	/* Room for the display names: "Military contingent member", "Enquête en cours". */
	static const int fixed[COL_OUTCOME] = {20, 12, 27, 11, 16};
	static const int least[COL_OUTCOME] = {17, 12, 9, 4, 13};
	static const int shrink[] = {COL_NATIONALITY, COL_REF, COL_PERSONNEL};
	int used = 1, rest;

	for (int i = 0; i < COL_OUTCOME; i++) {
		widths[i] = fixed[i];
		used += widths[i] + 1;
	}
	for (size_t k = 0; k < sizeof(shrink) / sizeof(shrink[0]); k++) {
		int c = shrink[k], over = used + OUTCOME_MIN - (cols - 1), cut;

		if (over <= 0)
			break;
		cut = over < widths[c] - least[c] ? over : widths[c] - least[c];
		widths[c] -= cut;
		used -= cut;
	}
	rest = cols - 1 - used;
	widths[COL_OUTCOME] = rest > 0 ? rest : 0;
}

/* Cell by cell, each sanitized and fitted by dk_tui_put: none shifts the next. */
static void
draw_cells(int y, const int *widths, const char *const *cells, attr_t attr)
{
	int x = 1;

	for (int i = 0; i < NCOLS; i++) {
		if (widths[i] <= 0)
			continue;
		dk_tui_put(y, x, widths[i], cells[i], attr);
		dk_tui_put(y, x + widths[i], 1, "", attr);
		x += widths[i] + 1;
	}
}

static void
vet_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct vet *l = v->data;
	int widths[NCOLS], list_rows = rows - 2; /* the header, the hints */
	const char *head[NCOLS] = {_("REF"),         _("SUBJECT"), _("PERSONNEL"),
	                           _("NATIONALITY"), _("STATE"),   _("OUTCOME")};

	layout(cols, widths);
	draw_cells(top, widths, head, A_BOLD);
	if (l->sel < l->top)
		l->top = l->sel;
	if (list_rows > 0 && l->sel >= l->top + list_rows)
		l->top = l->sel - list_rows + 1;
	if (!l->searched) {
		char line[256];
		const char *key = dk_tui_key_name(DK_VIEW_VET, DK_ACT_VET_AGAIN);

		snprintf(line, sizeof(line), _("Press %s to find the cases that name a person."),
		         key != NULL ? key : "/");
		dk_tui_put(top + 2, 3, cols - 4, line, A_NORMAL);
	} else if (l->n == 0) {
		dk_tui_put(top + 2, 3, cols - 4, _("No case names this person."), A_NORMAL);
	}
	for (int r = 0; r < list_rows && l->top + r < l->n; r++) {
		const struct vet_row *row = &l->rows[l->top + r];
		const char *cells[NCOLS] = {
		    row->ref,
		    row->subject,
		    dk_tui_label(DK_LABEL_PERSONNEL, row->personnel),
		    row->nationality[0] ? row->nationality : "-",
		    dk_tui_label(DK_LABEL_STATE, row->state),
		    dk_tui_label(DK_LABEL_OUTCOME, row->outcome),
		};

		draw_cells(top + 1 + r, widths, cells, l->top + r == l->sel ? A_REVERSE : A_NORMAL);
	}
	dk_tui_put(top + rows - 1, 1, cols - 2, dk_tui_hints(t, DK_VIEW_VET, hints, NHINTS(hints)),
	           A_DIM);
}

static void
vet_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct vet *l = v->data;
	int step = LINES - 6 > 1 ? LINES - 6 : 1;

	if (dk_tui_move_selection(t, a, &l->sel, l->n, step))
		return;
	switch (a) {
	case DK_ACT_OPEN:
		if (l->n > 0)
			dk_tui_open_id(t, DK_OPEN_DETAIL, l->rows[l->sel].ref);
		break;
	case DK_ACT_VET_AGAIN:
		search(t, v); /* may close the view: nothing may follow */
		break;
	case DK_ACT_REFRESH:
		/* Nothing to read again without the query, which is not kept: repaint. */
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
vet_free(struct dk_view *v)
{
	struct vet *l = v->data;

	vet_forget(v);
	free(l->rows);
	free(l);
	free(v);
}

/*
 * After an unlock or a screen above closed: nothing is read again (that
 * would be a search the user did not make); the rows stay, or stay wiped.
 */
static void
vet_reload(struct dk_tui *t, struct dk_view *v)
{
	(void)t;
	(void)v;
}

static const struct dk_view_ops vet_ops = {
    .kind = DK_VIEW_VET,
    .title = vet_title,
    .draw = vet_draw,
    .action = vet_action,
    .reload = vet_reload,
    .free = vet_free,
};

struct dk_view *
dk_view_vet_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct vet *l = dk_xcalloc(1, sizeof(*l));

	(void)t;
	v->ops = &vet_ops;
	v->data = l;
	l->opened = true;
	return v;
}
