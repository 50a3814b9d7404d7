/* The bar chart's geometry: bars computed by hand, in eighth blocks and in '#', and its rows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docket/buf.h"
#include "tui/chart.h"

#define FULL "\xe2\x96\x88" /* U+2588 */
#define E7 "\xe2\x96\x89"   /* U+2589, seven eighths */
#define E6 "\xe2\x96\x8a"   /* U+258A */
#define E5 "\xe2\x96\x8b"   /* U+258B */
#define E4 "\xe2\x96\x8c"   /* U+258C, a half */
#define E3 "\xe2\x96\x8d"   /* U+258D */
#define E2 "\xe2\x96\x8e"   /* U+258E */
#define E1 "\xe2\x96\x8f"   /* U+258F, one eighth */
#define FULL4 FULL FULL FULL FULL
#define FULL12 FULL4 FULL4 FULL4
#define FULL18 FULL12 FULL4 FULL FULL
#define FULL24 FULL12 FULL12
#define FULL36 FULL24 FULL12
#define HASH10 "##########"
#define HASH37 HASH10 HASH10 HASH10 "#######"

/* Checks the bar of value out of max in width cells: its text and the cells it takes. */
static void
check_bar(long value, long max, int width, bool ascii, const char *want, int cells)
{
	struct dk_buf out = DK_BUF_INIT;

	assert_int_equal(dk_chart_bar(&out, value, max, width, ascii), cells);
	assert_string_equal(dk_buf_str(&out), want);
	dk_buf_free(&out);
}

static void
chart_bar__zero__shows_nothing(void **state)
{
	(void)state;
	check_bar(0, 10, 10, false, "", 0);
	check_bar(0, 100, 37, true, "", 0);
}

static void
chart_bar__largest__fills_the_width_exactly(void **state)
{
	(void)state;
	check_bar(1, 1, 1, false, FULL, 1);
	check_bar(10, 10, 10, false, FULL4 FULL4 FULL FULL, 10);
	check_bar(100, 100, 37, false, FULL36 FULL, 37);
	check_bar(3, 3, 37, true, HASH37, 37);
}

static void
chart_bar__smallest_nonzero__shows_one_eighth(void **state)
{
	(void)state;
	/* 1/100 of 8 eighths is 0.08, rounded to 0: lifted to one eighth. */
	check_bar(1, 100, 1, false, E1, 1);
	check_bar(6, 100, 1, false, E1, 1); /* 0.48 */
	check_bar(7, 100, 1, false, E1, 1); /* 0.56 */
}

static void
chart_bar__one_of_ten_in_ten_cells__is_one_full_block(void **state)
{
	(void)state;
	check_bar(1, 10, 10, false, FULL, 1);              /* 8 eighths */
	check_bar(9, 10, 10, false, FULL4 FULL4 FULL, 9);  /* 72 */
	check_bar(5, 8, 10, false, FULL4 FULL FULL E2, 7); /* 50 eighths: 6 cells and 2/8 */
}

static void
chart_bar__partial_cell__is_rounded_to_the_nearest_eighth(void **state)
{
	(void)state;
	check_bar(19, 100, 1, false, E2, 1); /* 1.52 */
	check_bar(50, 100, 1, false, E4, 1); /* 4 */
	check_bar(3, 16, 1, false, E2, 1);   /* 1.5: halves go up */
	check_bar(5, 8, 1, false, E5, 1);
	check_bar(6, 8, 1, false, E6, 1);
	check_bar(7, 8, 1, false, E7, 1);
}

static void
chart_bar__one_short_of_the_largest__may_round_to_full(void **state)
{
	(void)state;
	check_bar(99, 100, 1, false, FULL, 1);        /* 7.92 eighths */
	check_bar(9, 10, 1, false, E7, 1);            /* 7.2 */
	check_bar(99, 100, 37, false, FULL36 E5, 37); /* 293.04 = 36 cells and 5/8 */
	check_bar(99, 100, 37, true, HASH37, 37);     /* 36.63 */
}

static void
chart_bar__width_37__hand_computed(void **state)
{
	(void)state;
	check_bar(1, 100, 37, false, E3, 1);          /* 2.96 eighths */
	check_bar(50, 100, 37, false, FULL18 E4, 19); /* 148 */
	check_bar(1, 3, 37, false, FULL12 E3, 13);    /* 98.67 -> 99 */
	check_bar(2, 3, 37, false, FULL24 E5, 25);    /* 197.33 -> 197 */
}

static void
chart_bar__ascii__one_hash_per_cell_rounded(void **state)
{
	(void)state;
	check_bar(1, 3, 10, true, "###", 3);                  /* 3.33 */
	check_bar(2, 3, 10, true, "#######", 7);              /* 6.67 */
	check_bar(50, 100, 37, true, HASH10 "#########", 19); /* 18.5: halves go up */
}

static void
chart_bar__ascii_smallest_nonzero__shows_one_hash(void **state)
{
	(void)state;
	check_bar(1, 100, 37, true, "#", 1); /* 0.37 */
	check_bar(1, 100, 1, true, "#", 1);
}

static void
chart_bar__nothing_to_scale__shows_nothing(void **state)
{
	(void)state;
	check_bar(5, 0, 10, false, "", 0);   /* no largest value */
	check_bar(5, 10, 0, false, "", 0);   /* no room */
	check_bar(-1, 10, 10, false, "", 0); /* not a count */
}

static void
chart_bar__above_the_largest__stops_at_the_width(void **state)
{
	(void)state;
	check_bar(20, 10, 10, true, HASH10, 10);
}

static void
chart_bar__huge_counts__keep_their_ratio(void **state)
{
	(void)state;
	check_bar(LONG_MAX, LONG_MAX, 10, true, HASH10, 10);
	check_bar(LONG_MAX / 2, LONG_MAX, 1, false, E4, 1);
}

/* MINUSCA 12, MONUSCO 3, UNMISS suppressed (its hidden 99 must not set the scale). */
static const struct dk_chart_row missions[] = {
    {"MINUSCA", 12, false},
    {"MONUSCO", 3, false},
    {"UNMISS", 99, true},
};

static const struct dk_chart missions_chart = {"Allegations by mission", missions, 3, false};

static void
chart_layout__columns__widest_label_and_value_and_the_rest_for_bars(void **state)
{
	struct dk_chart_layout l = dk_chart_layout(&missions_chart, 40);

	(void)state;
	assert_int_equal(l.max, 12);
	assert_int_equal(l.label, 7);
	assert_int_equal(l.value, 2);
	assert_int_equal(l.bar, 40 - 7 - 2 - 2 * DK_CHART_GAP); /* 27 */
}

static void
chart_layout__long_labels__take_two_fifths_at_most(void **state)
{
	const struct dk_chart_row rows[] = {{"Democratic Republic of the Congo (the)", 4, false}};
	const struct dk_chart c = {"", rows, 1, false};
	struct dk_chart_layout l = dk_chart_layout(&c, 80);

	(void)state;
	assert_int_equal(l.label, 32);
	assert_int_equal(l.bar, 80 - 32 - 1 - 4);
}

static void
chart_layout__no_rows__scale_zero(void **state)
{
	const struct dk_chart c = {"", NULL, 0, false};
	struct dk_chart_layout l = dk_chart_layout(&c, 80);

	(void)state;
	assert_int_equal(l.max, 0);
	assert_int_equal(l.label, 0);
	assert_int_equal(l.bar, 80 - 4);
}

static void
check_line(const struct dk_chart *c, int cols, int i, const char *want)
{
	struct dk_chart_layout l = dk_chart_layout(c, cols);
	struct dk_buf out = DK_BUF_INIT;

	dk_chart_line(&out, c, &l, i);
	assert_string_equal(dk_buf_str(&out), want);
	dk_buf_free(&out);
}

static void
chart_line__largest__bar_fills_and_value_right_aligned(void **state)
{
	(void)state;
	check_line(&missions_chart, 40, 0, "MINUSCA  " FULL24 FULL FULL FULL "  12");
}

static void
chart_line__smaller__bar_then_blanks_to_the_value(void **state)
{
	(void)state;
	/* 3/12 of 27 cells is 54 eighths: 6 cells and 6/8, then 20 blanks. */
	check_line(&missions_chart, 40, 1,
	           "MONUSCO  " FULL4 FULL FULL E6 "                    "
	           "   3");
}

static void
chart_line__suppressed__no_bar_and_says_less_than_3(void **state)
{
	(void)state;
	check_line(&missions_chart, 40, 2,
	           "UNMISS   "
	           "                           "
	           "  <3");
}

static void
chart_line__ascii__hashes(void **state)
{
	const struct dk_chart c = {"", missions, 3, true};

	(void)state;
	check_line(&c, 40, 1,
	           "MONUSCO  #######"
	           "                    "
	           "   3"); /* 6.75 */
}

static void
chart_line__long_label__cut_by_display_width(void **state)
{
	const struct dk_chart_row rows[] = {{"Democratic Republic of the Congo (the)", 4, false}};
	const struct dk_chart c = {"", rows, 1, true};

	(void)state;
	check_line(&c, 80, 0, "Democratic Republic of the Cong\xe2\x80\xa6  " HASH37 "######  4");
}

static void
chart_line__wide_characters__measured_in_columns(void **state)
{
	/* Two CJK characters take four columns: the label column is 4 wide. */
	const struct dk_chart_row rows[] = {{"\xe6\x97\xa5\xe6\x9c\xac", 1, false},
	                                    {"ab", 1, false}};
	const struct dk_chart c = {"", rows, 2, true};

	(void)state;
	check_line(&c, 20, 1, "ab    ###########  1");
}

static void
chart_line__control_characters__shown_inert(void **state)
{
	const struct dk_chart_row rows[] = {{"A\x1b[31mB", 1, false}};
	const struct dk_chart c = {"", rows, 1, true};
	struct dk_chart_layout l = dk_chart_layout(&c, 40);
	struct dk_buf out = DK_BUF_INIT;

	(void)state;
	dk_chart_line(&out, &c, &l, 0);
	assert_null(strchr(dk_buf_str(&out), '\x1b'));
	assert_non_null(strstr(dk_buf_str(&out), "\xe2\x90\x9b[31mB")); /* U+241B */
	dk_buf_free(&out);
}

static void
chart_locale__utf8_shows_blocks_and_c_does_not(void **state)
{
	(void)state;
	assert_true(dk_chart_locale_utf8());
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_false(dk_chart_locale_utf8());
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(chart_bar__zero__shows_nothing),
	    cmocka_unit_test(chart_bar__largest__fills_the_width_exactly),
	    cmocka_unit_test(chart_bar__smallest_nonzero__shows_one_eighth),
	    cmocka_unit_test(chart_bar__one_of_ten_in_ten_cells__is_one_full_block),
	    cmocka_unit_test(chart_bar__partial_cell__is_rounded_to_the_nearest_eighth),
	    cmocka_unit_test(chart_bar__one_short_of_the_largest__may_round_to_full),
	    cmocka_unit_test(chart_bar__width_37__hand_computed),
	    cmocka_unit_test(chart_bar__ascii__one_hash_per_cell_rounded),
	    cmocka_unit_test(chart_bar__ascii_smallest_nonzero__shows_one_hash),
	    cmocka_unit_test(chart_bar__nothing_to_scale__shows_nothing),
	    cmocka_unit_test(chart_bar__above_the_largest__stops_at_the_width),
	    cmocka_unit_test(chart_bar__huge_counts__keep_their_ratio),
	    cmocka_unit_test(chart_layout__columns__widest_label_and_value_and_the_rest_for_bars),
	    cmocka_unit_test(chart_layout__long_labels__take_two_fifths_at_most),
	    cmocka_unit_test(chart_layout__no_rows__scale_zero),
	    cmocka_unit_test(chart_line__largest__bar_fills_and_value_right_aligned),
	    cmocka_unit_test(chart_line__smaller__bar_then_blanks_to_the_value),
	    cmocka_unit_test(chart_line__suppressed__no_bar_and_says_less_than_3),
	    cmocka_unit_test(chart_line__ascii__hashes),
	    cmocka_unit_test(chart_line__long_label__cut_by_display_width),
	    cmocka_unit_test(chart_line__wide_characters__measured_in_columns),
	    cmocka_unit_test(chart_line__control_characters__shown_inert),
	    cmocka_unit_test(chart_locale__utf8_shows_blocks_and_c_does_not),
	};

	/* Widths depend on the locale's wcwidth(). */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_chart: the C.UTF-8 locale is needed\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
