/* Unit tests for the report table: order, totals, buckets, statistics, public suppression. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docket/report.h"

#define NONE DK_REPORT_NONE

static const char *const by_mission[] = {"mission"};
static const char *const by_mission_year[] = {"mission", "year"};
static const struct dk_report_measure counts2[] = {
    {"allegations", DK_REPORT_COUNT},
    {"victims", DK_REPORT_COUNT},
};
static const struct dk_report_measure days2[] = {
    {"median_days", DK_REPORT_MEDIAN},
    {"p90_days", DK_REPORT_P90},
    {"max_days", DK_REPORT_MAX},
};

/* The text of row's (or the total's) cell m. */
static const char *
text(const struct dk_report *r, size_t row, size_t m)
{
	static char out[DK_REPORT_CELL_TEXT];

	return dk_report_cell_text(dk_report_cell(r, row, m), out);
}

/* Every key and cell of a table as one string. */
static void
dump(const struct dk_report *r, char *out, size_t size)
{
	char cell[DK_REPORT_CELL_TEXT];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i <= dk_report_rows(r); i++) {
		size_t row = i == dk_report_rows(r) ? DK_REPORT_TOTAL : i;
		for (size_t k = 0; row != DK_REPORT_TOTAL && k < dk_report_nkeys(r); k++)
			len += (size_t)snprintf(out + len, size - len, "%s,",
			                        dk_report_key(r, row, k));
		for (size_t m = 0; m < dk_report_nmeasures(r); m++)
			len +=
			    (size_t)snprintf(out + len, size - len, "%s,",
			                     dk_report_cell_text(dk_report_cell(r, row, m), cell));
		len += (size_t)snprintf(out + len, size - len, ";");
	}
}

/* A one-count table, one row per count keyed "A", "B", ..., made public and dumped. */
static void
public_column(const int64_t *counts, size_t n, char *out, size_t size)
{
	static const struct dk_report_measure one[] = {{"allegations", DK_REPORT_COUNT}};
	static const char *const keys[] = {"A", "B", "C", "D"};
	struct dk_report *r = dk_report_new(by_mission, 1, one, 1);

	for (size_t i = 0; i < n; i++)
		dk_report_add(r, &keys[i], &counts[i]);
	dk_report_finish(r);
	dk_report_suppress(r);
	dump(r, out, size);
	dk_report_free(r);
}

enum { MEDIAN, P90, MAX };

/* Measure m (MEDIAN, P90 or MAX) over the n day counts v, public or not, as printed. */
static const char *
statistic_of(const int64_t *v, size_t n, size_t m, bool public, char out[DK_REPORT_CELL_TEXT])
{
	struct dk_report *r = dk_report_new(by_mission, 1, days2, 3);
	const char *key[] = {"M"};

	for (size_t i = 0; i < n; i++) {
		int64_t values[] = {v[i], v[i], v[i]};
		dk_report_add(r, key, values);
	}
	dk_report_finish(r);
	assert_int_equal(dk_report_cell(r, 0, m)->cases, n);
	if (public)
		dk_report_suppress(r);
	dk_report_cell_text(dk_report_cell(r, 0, m), out);
	dk_report_free(r);
	return out;
}

static void
report_rows__any_input_order__are_ordered_by_keys_bytewise(void **state)
{
	struct dk_report *r = dk_report_new(by_mission_year, 2, counts2, 2);
	const char *obs[][2] = {{"UNMISS", "2026"},  {"MONUSCO", "2026"}, {"UNMISS", "2025"},
	                        {"MINUSCA", "2026"}, {"MONUSCO", "2025"}, {"Minusca", "2026"}};
	int64_t one[] = {1, 2};

	(void)state;
	for (size_t i = 0; i < 6; i++)
		dk_report_add(r, obs[i], one);
	dk_report_finish(r);
	assert_int_equal(dk_report_rows(r), 6);
	const char *want[][2] = {{"MINUSCA", "2026"}, {"MONUSCO", "2025"}, {"MONUSCO", "2026"},
	                         {"Minusca", "2026"}, {"UNMISS", "2025"},  {"UNMISS", "2026"}};
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(dk_report_key(r, i, 0), want[i][0]);
		assert_string_equal(dk_report_key(r, i, 1), want[i][1]);
	}
	assert_null(dk_report_key(r, DK_REPORT_TOTAL, 0));
	assert_string_equal(dk_report_key_name(r, 1), "year");
	assert_string_equal(dk_report_measure(r, 1)->name, "victims");
	dk_report_free(r);
}

static void
report_total__counts__are_the_sums_of_the_rows(void **state)
{
	struct dk_report *r = dk_report_new(by_mission, 1, counts2, 2);
	const char *a[] = {"A"}, *b[] = {"B"};
	int64_t v1[] = {1, 3}, v2[] = {1, 0}, v3[] = {1, 2};

	(void)state;
	dk_report_add(r, a, v1);
	dk_report_add(r, b, v2);
	dk_report_add(r, a, v3);
	dk_report_finish(r);
	assert_int_equal(dk_report_rows(r), 2);
	assert_string_equal(text(r, 0, 0), "2");
	assert_string_equal(text(r, 0, 1), "5");
	assert_string_equal(text(r, 1, 0), "1");
	assert_string_equal(text(r, 1, 1), "0");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 0), "3");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "5");
	dk_report_free(r);
}

static void
report_total__statistics__are_over_all_values_not_the_rows_medians(void **state)
{
	struct dk_report *r = dk_report_new(by_mission, 1, days2, 2);
	const char *a[] = {"A"}, *b[] = {"B"};
	int64_t v[] = {1, 2, 3, 100, 200};

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		int64_t values[] = {v[i], v[i]};
		dk_report_add(r, i < 3 ? a : b, values);
	}
	dk_report_finish(r);
	assert_string_equal(text(r, 0, 0), "2");
	assert_string_equal(text(r, 1, 0), "150");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 0), "3");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "200");
	dk_report_free(r);
}

static void
report_buckets__month_ends_and_q4__name_their_period(void **state)
{
	static const struct {
		void (*bucket)(dk_date, char *);
		int y, m, d;
		const char *want;
	} cases[] = {
	    {dk_report_year, 2026, 12, 31, "2026"},
	    {dk_report_quarter, 2026, 3, 31, "2026-Q1"},
	    {dk_report_quarter, 2026, 4, 1, "2026-Q2"},
	    {dk_report_quarter, 2026, 9, 30, "2026-Q3"},
	    {dk_report_quarter, 2026, 10, 1, "2026-Q4"},
	    {dk_report_quarter, 2026, 12, 31, "2026-Q4"},
	    {dk_report_month, 2024, 2, 29, "2024-02"},
	    {dk_report_month, 2027, 1, 1, "2027-01"},
	    {dk_report_month, 1999, 12, 31, "1999-12"},
	};
	char out[DK_REPORT_BUCKET_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cases[i].bucket(dk_date_from_ymd(cases[i].y, cases[i].m, cases[i].d), out);
		assert_string_equal(out, cases[i].want);
	}
}

static void
report_median__odd_count__is_the_middle_value(void **state)
{
	const int64_t v[] = {40, 10, 30, 20, 50};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(statistic_of(v, 5, MEDIAN, false, out), "30");
}

static void
report_median__even_count__is_the_exact_mean_of_the_two_middle(void **state)
{
	const int64_t odd_sum[] = {4, 1, 3, 10};
	const int64_t even_sum[] = {2, 6, 1, 100};
	const int64_t negative[] = {-3, 0};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(statistic_of(odd_sum, 4, MEDIAN, false, out), "3.5");
	assert_string_equal(statistic_of(even_sum, 4, MEDIAN, false, out), "4");
	assert_string_equal(statistic_of(negative, 2, MEDIAN, false, out), "-1.5");
}

static void
report_p90__nearest_rank__on_1_2_10_and_11_values(void **state)
{
	const int64_t v[] = {11, 3, 7, 1, 9, 5, 2, 10, 4, 8, 6}; /* 1..11 shuffled */
	const int64_t ten[] = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(statistic_of(v, 1, P90, false, out), "11");
	/* {11, 3}: rank ceil(1.8) = 2 */
	assert_string_equal(statistic_of(v, 2, P90, false, out), "11");
	/* rank ceil(9) = 9 of 1..10 */
	assert_string_equal(statistic_of(ten, 10, P90, false, out), "9");
	/* rank ceil(9.9) = 10 of 1..11 */
	assert_string_equal(statistic_of(v, 11, P90, false, out), "10");
	assert_string_equal(statistic_of(v, 11, MEDIAN, false, out), "6");
}

/* Repeated values are counted, not kept one by one: ranks still fall inside the runs. */
static void
report_statistics__repeated_days__ranks_count_every_value(void **state)
{
	int64_t v[1000];
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	/* 600 x 5 days, 300 x 40, 99 x 90, one 365, shuffled by a stride coprime to 1000 */
	for (size_t i = 0; i < 1000; i++) {
		size_t k = (i * 7) % 1000;

		v[k] = i < 600 ? 5 : i < 900 ? 40 : i < 999 ? 90 : 365;
	}
	assert_string_equal(statistic_of(v, 1000, MEDIAN, false, out), "5");
	/* rank 900 is the last 40; 901 would be the first 90 */
	assert_string_equal(statistic_of(v, 1000, P90, false, out), "40");
	assert_string_equal(statistic_of(v, 1000, MAX, false, out), "365");
	/* 500 fives, 500 forties: the median is the mean of ranks 500 and 501 */
	for (size_t i = 0; i < 1000; i++)
		v[(i * 7) % 1000] = i < 500 ? 5 : 40;
	assert_string_equal(statistic_of(v, 1000, MEDIAN, false, out), "22.5");
}

static void
report_max__is_the_largest_day_count__blank_public_under_3(void **state)
{
	const int64_t v[] = {7, 41, 3, 12};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(statistic_of(v, 1, MAX, false, out), "7");
	assert_string_equal(statistic_of(v, 4, MAX, false, out), "41");
	assert_string_equal(statistic_of(v, 2, MAX, true, out), "");
	assert_string_equal(statistic_of(v, 3, MAX, true, out), "41");
}

static void
report_statistics__no_values__are_blank(void **state)
{
	struct dk_report *r = dk_report_new(by_mission, 1, days2, 2);
	const char *a[] = {"A"};
	int64_t none[] = {NONE, NONE};

	(void)state;
	dk_report_add(r, a, none);
	dk_report_finish(r);
	assert_int_equal(dk_report_cell(r, 0, 0)->state, DK_REPORT_BLANK);
	assert_string_equal(text(r, 0, 0), "");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "");
	dk_report_free(r);
}

static void
report_suppress__no_small_cell__shows_everything(void **state)
{
	const int64_t counts[] = {3, 0, 10};
	char out[128];

	(void)state;
	public_column(counts, 3, out, sizeof(out));
	assert_string_equal(out, "A,3,;B,0,;C,10,;13,;");
}

static void
report_suppress__single_small_cell__withholds_the_column_total(void **state)
{
	const int64_t counts[] = {5, 1, 7};
	char out[128];

	(void)state;
	public_column(counts, 3, out, sizeof(out));
	assert_string_equal(out, "A,5,;B,<3,;C,7,;<3,;");
}

static void
report_suppress__two_small_cells__withhold_the_total_too(void **state)
{
	/* Shown, 7 - 5 = 2 = 1 + 1 would give both away. */
	const int64_t counts[] = {1, 5, 1, 0};
	char out[128];

	(void)state;
	public_column(counts, 4, out, sizeof(out));
	assert_string_equal(out, "A,<3,;B,5,;C,<3,;D,0,;<3,;");
}

static void
report_suppress__small_total_of_small_cells__is_withheld(void **state)
{
	const int64_t counts[] = {1, 1};
	char out[128];

	(void)state;
	public_column(counts, 2, out, sizeof(out));
	assert_string_equal(out, "A,<3,;B,<3,;<3,;");
}

static void
report_suppress__row_whose_only_nonzero_cell_is_small__hides_it_and_its_column_total(void **state)
{
	struct dk_report *r = dk_report_new(by_mission, 1, counts2, 2);
	const char *a[] = {"A"}, *b[] = {"B"};
	int64_t va[] = {0, 2}, vb[] = {4, 5};

	(void)state;
	dk_report_add(r, a, va);
	dk_report_add(r, b, vb);
	dk_report_finish(r);
	dk_report_suppress(r);
	assert_string_equal(text(r, 0, 0), "0");
	assert_string_equal(text(r, 0, 1), "<3");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 0), "4");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "<3");
	dk_report_free(r);
}

/* concluded (0) = met (1) + missed (2), in every row. */
static const struct dk_report_measure timeliness[] = {
    {"concluded", DK_REPORT_COUNT},
    {"met", DK_REPORT_COUNT},
    {"missed", DK_REPORT_COUNT},
};
static const size_t concluded_parts[] = {1, 2};

static void
report_suppress__declared_row_sum__withholds_the_rows_sum_and_its_column(void **state)
{
	struct dk_report *r = dk_report_new(by_mission, 1, timeliness, 3);
	const char *a[] = {"A"}, *b[] = {"B"};
	int64_t met[] = {1, 1, 0}, missed[] = {1, 0, 1};

	(void)state;
	dk_report_add_sum(r, 0, concluded_parts, 2);
	for (int i = 0; i < 9; i++)
		dk_report_add(r, a, i < 5 ? met : missed); /* A: 9 = 5 + 4 */
	for (int i = 0; i < 4; i++)
		dk_report_add(r, b, i < 3 ? met : missed); /* B: 4 = 3 + 1 */
	dk_report_finish(r);
	dk_report_suppress(r);
	assert_string_equal(text(r, 0, 0), "9");
	assert_string_equal(text(r, 0, 1), "5");
	assert_string_equal(text(r, 0, 2), "4");
	assert_string_equal(text(r, 1, 0), "<3");
	assert_string_equal(text(r, 1, 1), "3");
	assert_string_equal(text(r, 1, 2), "<3");
	/* The column sums of concluded and missed, then the total row's own sum. */
	assert_string_equal(text(r, DK_REPORT_TOTAL, 0), "<3");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "8");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 2), "<3");
	dk_report_free(r);
}

static void
report_suppress__statistic_over_fewer_than_3__is_blank(void **state)
{
	const int64_t v[] = {10, 20, 30};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(statistic_of(v, 2, MEDIAN, true, out), "");
	assert_string_equal(statistic_of(v, 2, P90, true, out), "");
	assert_string_equal(statistic_of(v, 3, MEDIAN, true, out), "20");
	assert_string_equal(statistic_of(v, 3, P90, true, out), "30");
}

static void
report__same_observations_in_another_order__give_the_same_table(void **state)
{
	static const struct dk_report_measure mixed[] = {
	    {"n", DK_REPORT_COUNT}, {"median", DK_REPORT_MEDIAN}, {"p90", DK_REPORT_P90}};
	const char *keys[] = {"B", "A", "C", "A", "B", "A", "C"};
	const int64_t days[] = {5, 8, 1, 2, 9, 4, 7};
	char first[512], second[512];

	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		struct dk_report *r = dk_report_new(by_mission, 1, mixed, 3);
		for (size_t j = 0; j < 7; j++) {
			size_t i = pass == 0 ? j : 6 - j;
			int64_t values[] = {1, days[i], days[i]};
			dk_report_add(r, &keys[i], values);
		}
		dk_report_finish(r);
		dk_report_suppress(r);
		dump(r, pass == 0 ? first : second, sizeof(first));
		dk_report_free(r);
	}
	assert_string_equal(first, second);
	assert_string_equal(first, "A,3,4,8,;B,<3,,,;C,<3,,,;<3,5,9,;");
}

static void
report_rows__no_keys__make_one_row_equal_to_the_total(void **state)
{
	struct dk_report *r = dk_report_new(NULL, 0, counts2, 2);
	int64_t v[] = {1, 4};

	(void)state;
	dk_report_add(r, NULL, v);
	dk_report_add(r, NULL, v);
	dk_report_finish(r);
	assert_int_equal(dk_report_rows(r), 1);
	assert_string_equal(text(r, 0, 1), "8");
	assert_string_equal(text(r, DK_REPORT_TOTAL, 1), "8");
	dk_report_free(r);
}

static void
report_cell_text__shown_counts__print_as_integers(void **state)
{
	struct dk_report_cell c = {.state = DK_REPORT_SHOWN, .value = 0};
	char out[DK_REPORT_CELL_TEXT];

	(void)state;
	assert_string_equal(dk_report_cell_text(&c, out), "0");
	c.value = 123456;
	assert_string_equal(dk_report_cell_text(&c, out), "123456");
	c.value = -1, c.half = true;
	assert_string_equal(dk_report_cell_text(&c, out), "-0.5");
	assert_non_null(strstr(dk_report_public_rule, "<3"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(report_rows__any_input_order__are_ordered_by_keys_bytewise),
	    cmocka_unit_test(report_total__counts__are_the_sums_of_the_rows),
	    cmocka_unit_test(report_total__statistics__are_over_all_values_not_the_rows_medians),
	    cmocka_unit_test(report_buckets__month_ends_and_q4__name_their_period),
	    cmocka_unit_test(report_median__odd_count__is_the_middle_value),
	    cmocka_unit_test(report_median__even_count__is_the_exact_mean_of_the_two_middle),
	    cmocka_unit_test(report_p90__nearest_rank__on_1_2_10_and_11_values),
	    cmocka_unit_test(report_statistics__repeated_days__ranks_count_every_value),
	    cmocka_unit_test(report_max__is_the_largest_day_count__blank_public_under_3),
	    cmocka_unit_test(report_statistics__no_values__are_blank),
	    cmocka_unit_test(report_suppress__no_small_cell__shows_everything),
	    cmocka_unit_test(report_suppress__single_small_cell__withholds_the_column_total),
	    cmocka_unit_test(report_suppress__two_small_cells__withhold_the_total_too),
	    cmocka_unit_test(report_suppress__small_total_of_small_cells__is_withheld),
	    cmocka_unit_test(
	        report_suppress__row_whose_only_nonzero_cell_is_small__hides_it_and_its_column_total),
	    cmocka_unit_test(
	        report_suppress__declared_row_sum__withholds_the_rows_sum_and_its_column),
	    cmocka_unit_test(report_suppress__statistic_over_fewer_than_3__is_blank),
	    cmocka_unit_test(report__same_observations_in_another_order__give_the_same_table),
	    cmocka_unit_test(report_rows__no_keys__make_one_row_equal_to_the_total),
	    cmocka_unit_test(report_cell_text__shown_counts__print_as_integers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
