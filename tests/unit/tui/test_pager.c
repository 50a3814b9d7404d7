/* The keyset pager the case list and the audit log share, over a source of numbered rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "tui/tui_internal.h"

#define SOURCE_ROWS 25 /* rows 0 to 24 */
#define PAGE 10

static int fetches;

/* Rows after from (or before it, nearest first), as a keyset query gives them. */
static int
fetch(struct dk_tui *t, void *ctx, const void *from, bool backward, void *out, int max)
{
	int *rows = out, n = 0, at;

	(void)t;
	(void)ctx;
	fetches++;
	if (backward) {
		at = from != NULL ? *(const int *)from - 1 : SOURCE_ROWS - 1;
		while (n < max && at >= 0)
			rows[n++] = at--;
	} else {
		at = from != NULL ? *(const int *)from + 1 : 0;
		while (n < max && at < SOURCE_ROWS)
			rows[n++] = at++;
	}
	return n;
}

static void
clear_row(void *row)
{
	*(int *)row = -1;
}

struct fixture {
	struct dk_tui t;
	int rows[64];
	struct dk_pager pg;
};

static int
setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.pg = (struct dk_pager){.rows = f.rows,
	                         .size = sizeof(f.rows[0]),
	                         .cap = 64,
	                         .page = PAGE,
	                         .fetch = fetch,
	                         .clear_row = clear_row};
	assert_true(dk_pager_first(&f.t, &f.pg));
	*state = &f;
	return 0;
}

static void
pager__first__reads_one_page(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(f->pg.nrows, PAGE);
	assert_int_equal(f->rows[0], 0);
	assert_int_equal(f->rows[PAGE - 1], PAGE - 1);
	assert_int_equal(f->pg.sel, 0);
}

static void
pager__down_past_the_window__slides_it_by_one(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < PAGE; i++)
		assert_true(dk_pager_move(&f->t, &f->pg, DK_ACT_DOWN));
	assert_int_equal(f->rows[0], 1);
	assert_int_equal(f->rows[f->pg.sel], PAGE);
	assert_true(f->t.dirty & DK_DIRTY_BODY);
}

static void
pager__bottom__is_a_backward_page_from_the_end(void **state)
{
	struct fixture *f = *state;

	fetches = 0;
	dk_pager_move(&f->t, &f->pg, DK_ACT_BOTTOM);
	assert_int_equal(fetches, 1);
	assert_int_equal(f->pg.nrows, PAGE);
	assert_int_equal(f->rows[0], SOURCE_ROWS - PAGE);
	assert_int_equal(f->rows[f->pg.sel], SOURCE_ROWS - 1);
}

static void
pager__down_at_the_last_row__changes_nothing(void **state)
{
	struct fixture *f = *state;

	dk_pager_move(&f->t, &f->pg, DK_ACT_BOTTOM);
	f->t.dirty = 0;
	assert_true(dk_pager_move(&f->t, &f->pg, DK_ACT_DOWN));
	assert_int_equal(f->rows[f->pg.sel], SOURCE_ROWS - 1);
	assert_int_equal(f->t.dirty, 0);
}

static void
pager__page_up_from_the_end__shows_the_rows_before(void **state)
{
	struct fixture *f = *state;

	dk_pager_move(&f->t, &f->pg, DK_ACT_BOTTOM);
	dk_pager_move(&f->t, &f->pg, DK_ACT_PAGE_UP);
	assert_int_equal(f->pg.nrows, PAGE);
	assert_int_equal(f->rows[0], SOURCE_ROWS - 2 * PAGE);
	assert_int_equal(f->rows[PAGE - 1], SOURCE_ROWS - PAGE - 1);
}

static void
pager__other_actions__are_not_movements(void **state)
{
	struct fixture *f = *state;

	assert_false(dk_pager_move(&f->t, &f->pg, DK_ACT_OPEN));
}

static void
pager__fit__grows_and_shrinks_the_window(void **state)
{
	struct fixture *f = *state;

	dk_pager_fit(&f->t, &f->pg, 15);
	assert_int_equal(f->pg.nrows, 15);
	assert_int_equal(f->rows[14], 14);
	dk_pager_fit(&f->t, &f->pg, 5);
	assert_int_equal(f->pg.nrows, 5);
	assert_int_equal(f->rows[5], -1); /* cleared */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(pager__first__reads_one_page, setup),
	    cmocka_unit_test_setup(pager__down_past_the_window__slides_it_by_one, setup),
	    cmocka_unit_test_setup(pager__bottom__is_a_backward_page_from_the_end, setup),
	    cmocka_unit_test_setup(pager__down_at_the_last_row__changes_nothing, setup),
	    cmocka_unit_test_setup(pager__page_up_from_the_end__shows_the_rows_before, setup),
	    cmocka_unit_test_setup(pager__other_actions__are_not_movements, setup),
	    cmocka_unit_test_setup(pager__fit__grows_and_shrinks_the_window, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
