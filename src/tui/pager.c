/*
 * A window of rows onto a keyset-paged source (the case list, the audit log):
 * only a screenful is ever read; G reads a backward page from the end, so
 * it costs what g costs.
 */
#include <string.h>

#include "docket/xmalloc.h"
#include "tui_internal.h"

static void *
row(const struct dk_pager *p, void *rows, int i)
{
	return (char *)rows + (size_t)i * p->size;
}

/* Up to max rows next to from (NULL: from an end) into a new block; how many, -1 on error. */
static int
fetch(struct dk_tui *t, struct dk_pager *p, const void *from, bool backward, void **out, int max)
{
	int n;

	*out = dk_xcalloc((size_t)(max > 0 ? max : 1), p->size);
	n = max > 0 ? p->fetch(t, p->ctx, from, backward, *out, max) : 0;
	return n;
}

/* Frees a block fetch filled (its rows moved into the window or cleared). */
static void
drop(struct dk_pager *p, void **block, int max)
{
	dk_xfree_wiped_n(*block, (size_t)(max > 0 ? max : 1) * p->size);
	*block = NULL;
}

static void
clear_from(struct dk_pager *p, int first)
{
	for (int i = first; i < p->nrows; i++)
		p->clear_row(row(p, p->rows, i));
	if (first < p->nrows)
		p->nrows = first;
}

void
dk_pager_clear(struct dk_pager *p)
{
	clear_from(p, 0);
}

bool
dk_pager_first(struct dk_tui *t, struct dk_pager *p)
{
	int n;

	dk_pager_clear(p);
	n = p->page > 0 ? p->fetch(t, p->ctx, NULL, false, p->rows, p->page) : 0;
	p->nrows = n > 0 ? n : 0;
	p->sel = 0;
	p->generation++;
	return n >= 0;
}

/* The last page: read backward from the end, shown in order. */
static void
load_last(struct dk_tui *t, struct dk_pager *p)
{
	void *tmp;
	int n = fetch(t, p, NULL, true, &tmp, p->page);

	if (n >= 0) {
		dk_pager_clear(p);
		for (int i = 0; i < n; i++)
			memcpy(row(p, p->rows, i), row(p, tmp, n - 1 - i), p->size);
		p->nrows = n;
		p->sel = n > 0 ? n - 1 : 0;
		p->generation++;
	}
	drop(p, &tmp, p->page);
}

/* Rows after the window: it slides down by what came in. */
static void
page_down(struct dk_tui *t, struct dk_pager *p, int step)
{
	void *tmp;
	int n, keep;

	if (p->nrows == 0)
		return;
	n = fetch(t, p, row(p, p->rows, p->nrows - 1), false, &tmp, step);
	if (n <= 0) {
		p->sel = p->nrows - 1;
		drop(p, &tmp, step);
		return;
	}
	keep = p->nrows - n > 0 ? p->nrows - n : 0;
	for (int i = 0; i < p->nrows - keep; i++)
		p->clear_row(row(p, p->rows, i));
	memmove(p->rows, row(p, p->rows, p->nrows - keep), (size_t)keep * p->size);
	memcpy(row(p, p->rows, keep), tmp, (size_t)n * p->size);
	p->nrows = keep + n;
	p->generation++;
	if (step == 1)
		p->sel = p->nrows - 1;
	drop(p, &tmp, step);
}

/* Rows before the window: they come nearest first. */
static void
page_up(struct dk_tui *t, struct dk_pager *p, int step)
{
	void *tmp;
	int n, keep;

	if (p->nrows == 0)
		return;
	n = fetch(t, p, p->rows, true, &tmp, step);
	if (n <= 0) {
		p->sel = 0;
		drop(p, &tmp, step);
		return;
	}
	keep = p->page - n < p->nrows ? p->page - n : p->nrows;
	if (keep < 0)
		keep = 0;
	clear_from(p, keep);
	memmove(row(p, p->rows, n), p->rows, (size_t)keep * p->size);
	for (int i = 0; i < n; i++)
		memcpy(row(p, p->rows, i), row(p, tmp, n - 1 - i), p->size);
	p->nrows = keep + n;
	p->generation++;
	if (step == 1)
		p->sel = 0;
	drop(p, &tmp, step);
}

/* What a movement action does to the window; false for any other action. */
static bool
shift(struct dk_tui *t, struct dk_pager *p, enum dk_tui_action a)
{
	switch (a) {
	case DK_ACT_DOWN:
		if (p->sel + 1 < p->nrows)
			p->sel++;
		else
			page_down(t, p, 1);
		return true;
	case DK_ACT_UP:
		if (p->sel > 0)
			p->sel--;
		else
			page_up(t, p, 1);
		return true;
	case DK_ACT_PAGE_DOWN:
		page_down(t, p, p->page);
		return true;
	case DK_ACT_PAGE_UP:
		page_up(t, p, p->page);
		return true;
	case DK_ACT_TOP:
		dk_pager_first(t, p);
		return true;
	case DK_ACT_BOTTOM:
		load_last(t, p);
		return true;
	default:
		return false;
	}
}

bool
dk_pager_move(struct dk_tui *t, struct dk_pager *p, enum dk_tui_action a)
{
	unsigned long generation = p->generation;
	int sel = p->sel;

	if (!shift(t, p, a))
		return false;
	/* Down at the last row reads nothing new and moves nothing: nothing to draw. */
	if (p->sel != sel || p->generation != generation)
		dk_tui_dirty(t, DK_DIRTY_BODY);
	return true;
}

void
dk_pager_reload(struct dk_tui *t, struct dk_pager *p)
{
	int sel = p->sel;

	dk_pager_first(t, p);
	p->sel = sel < p->nrows ? sel : (p->nrows > 0 ? p->nrows - 1 : 0);
}

void
dk_pager_size(struct dk_pager *p, int page)
{
	p->page = page < 1 ? 1 : (page < p->cap ? page : p->cap);
}

void
dk_pager_fit(struct dk_tui *t, struct dk_pager *p, int page)
{
	int before = p->page;

	dk_pager_size(p, page);
	if (p->page == before)
		return;
	if (p->nrows > p->page) {
		clear_from(p, p->page);
	} else if (p->nrows > 0 && p->nrows < p->page) {
		int n = p->fetch(t, p->ctx, row(p, p->rows, p->nrows - 1), false,
		                 row(p, p->rows, p->nrows), p->page - p->nrows);

		p->nrows += n > 0 ? n : 0;
	} else if (p->nrows == 0) {
		dk_pager_first(t, p);
	}
	if (p->sel >= p->nrows)
		p->sel = p->nrows > 0 ? p->nrows - 1 : 0;
}
