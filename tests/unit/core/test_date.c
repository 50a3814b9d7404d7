/* Unit tests for civil dates: parsing, deadlines.md worked examples, calendar properties. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/date.h"

/* Parses a date the test itself wrote; a failure here is a broken test or parser. */
static dk_date
day(const char *s)
{
	dk_date d = 0;

	if (!dk_date_parse(s, &d))
		fail_msg("test date '%s' did not parse", s);
	return d;
}

static void
assert_date(dk_date got, const char *want)
{
	char buf[DK_DATE_STRLEN];

	dk_date_format(got, buf);
	assert_string_equal(buf, want);
}

/* deadlines.md "Worked examples" and "Date arithmetic": each must hold exactly. */

static void
date_add_months__keeps_day__when_target_has_it(void **state)
{
	(void)state;
	assert_date(dk_date_add_months(day("2026-01-15"), 6), "2026-07-15");
}

static void
date_add_months__clamps__month_end(void **state)
{
	(void)state;
	assert_date(dk_date_add_months(day("2026-12-31"), 6), "2027-06-30");
	assert_date(dk_date_add_months(day("2026-03-31"), 6), "2026-09-30");
	assert_date(dk_date_add_months(day("2026-08-31"), 6), "2027-02-28");
}

static void
date_add_months__clamps__to_leap_day(void **state)
{
	(void)state;
	assert_date(dk_date_add_months(day("2027-08-31"), 6), "2028-02-29");
	assert_date(dk_date_add_months(day("2024-02-29"), 12), "2025-02-28");
	assert_date(dk_date_add_months(day("2024-02-29"), 48), "2028-02-29");
}

static void
date_add_months__negative__borrows_a_year(void **state)
{
	(void)state;
	assert_date(dk_date_add_months(day("2026-01-31"), -1), "2025-12-31");
	assert_date(dk_date_add_months(day("2026-03-31"), -1), "2026-02-28");
	assert_date(dk_date_add_months(day("2024-03-30"), -1), "2024-02-29");
	assert_date(dk_date_add_months(day("2026-01-15"), -13), "2024-12-15");
	assert_date(dk_date_add_months(day("2026-01-15"), -24), "2024-01-15");
	assert_date(dk_date_add_months(day("2026-05-20"), 0), "2026-05-20");
}

static void
date_add_months__before_year_zero__borrows_a_year(void **state)
{
	int y, m, d;

	(void)state;
	/* Far outside the accepted range, but the arithmetic must still floor, not truncate. */
	dk_date_to_ymd(dk_date_add_months(day("1900-01-15"), -1900 * 12 - 1), &y, &m, &d);
	assert_int_equal(y, -1);
	assert_int_equal(m, 12);
	assert_int_equal(d, 15);
	dk_date_to_ymd(dk_date_add_months(day("1900-03-31"), -1900 * 12 - 1 - 12), &y, &m, &d);
	assert_int_equal(y, -1);
	assert_int_equal(m, 2);
	assert_int_equal(d, 28);
}

static void
date_add_days__crosses_months_and_years(void **state)
{
	(void)state;
	assert_date(dk_date_add_days(day("2026-01-15"), 90), "2026-04-15");
	assert_date(dk_date_add_days(day("2026-12-31"), 90), "2027-03-31");
	assert_date(dk_date_add_days(day("2024-02-28"), 1), "2024-02-29");
	assert_date(dk_date_add_days(day("2026-03-01"), -1), "2026-02-28");
}

static void
date_add_working_days__skips__weekend(void **state)
{
	(void)state;
	/* Thursday + 5: Fri, (Sat, Sun), Mon, Tue, Wed. */
	assert_date(dk_date_add_working_days(day("2026-01-15"), 5, NULL, 0), "2026-01-22");
	assert_date(dk_date_add_working_days(day("2026-01-16"), 1, NULL, 0), "2026-01-19");
	/* From a Saturday the count starts on the Monday. */
	assert_date(dk_date_add_working_days(day("2026-01-17"), 1, NULL, 0), "2026-01-19");
}

static void
date_add_working_days__zero__returns_start(void **state)
{
	(void)state;
	/* Even when start is not a working day itself. */
	assert_date(dk_date_add_working_days(day("2026-01-17"), 0, NULL, 0), "2026-01-17");
	assert_date(dk_date_add_working_days(day("2026-01-15"), 0, NULL, 0), "2026-01-15");
}

static void
date_add_working_days__skips__holidays_across_year_end(void **state)
{
	const dk_date hol[] = {
	    day("2025-12-25"), day("2025-12-26"), day("2025-12-26"), /* duplicate on purpose */
	    day("2026-01-01"), day("2026-01-02"),
	};
	const size_t n = sizeof(hol) / sizeof(hol[0]);

	(void)state;
	/* Wed 24 Dec: Thu/Fri are holidays, then the weekend. */
	assert_date(dk_date_add_working_days(day("2025-12-24"), 1, hol, n), "2025-12-29");
	assert_date(dk_date_add_working_days(day("2025-12-24"), 3, hol, n), "2025-12-31");
	assert_date(dk_date_add_working_days(day("2025-12-24"), 4, hol, n), "2026-01-05");
	/* Without the holidays the same count lands elsewhere. */
	assert_date(dk_date_add_working_days(day("2025-12-24"), 4, NULL, 0), "2025-12-30");
}

static void
date_add_working_days__holiday_on_weekend__not_counted_twice(void **state)
{
	const dk_date hol[] = {day("2026-01-17")}; /* a Saturday */

	(void)state;
	assert_date(dk_date_add_working_days(day("2026-01-15"), 5, hol, 1), "2026-01-22");
}

static void
date_parse__refuses__malformed_and_unreal_dates(void **state)
{
	static const char *const bad[] = {
	    "2026-02-30",
	    "2026-13-01",
	    "2026-00-10",
	    "2026-01-00",
	    "2026-01-32",
	    "2026-04-31",
	    "2026-1-01",
	    "2026-01-1",
	    " 2026-01-01",
	    "2026-01-01 ",
	    "2026-01-01x",
	    "2025-02-29",
	    "1900-02-29",
	    "1899-12-31",
	    "10000-01-01",
	    "0000-01-01",
	    "",
	    "2026/01/01",
	    "+026-01-01",
	    "-026-01-01",
	    "2026-+1-01",
	    "2026-01-+1",
	    "20260101",
	    "2026-01",
	    "\357\274\222026-01-01" /* fullwidth 2 */,
	    "2026-01-0\x01",
	    "2026 01 01",
	    /* Non-digits just past '9' and before '0' that naive arithmetic would read as a real
	       date. */
	    "2026-01-0:",
	    "2026-01-1/",
	    "202:-01-01",
	    "2026-0:-01",
	};
	dk_date d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = 12345;
		if (dk_date_parse(bad[i], &d))
			fail_msg("'%s' was accepted", bad[i]);
		/* A refusal leaves *out alone. */
		assert_int_equal(d, 12345);
	}
	assert_false(dk_date_parse(NULL, &d));
}

static void
date_parse__accepts__range_ends_and_leap_day(void **state)
{
	dk_date d;

	(void)state;
	assert_true(dk_date_parse("1900-01-01", &d));
	assert_int_equal(d, -25567);
	assert_true(dk_date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(dk_date_parse("2024-02-29", &d));
	assert_int_equal(d, 19782);
	assert_true(dk_date_parse("2000-02-29", &d));
	assert_int_equal(d, 11016);
	assert_true(dk_date_parse("9999-12-31", &d));
	assert_int_equal(d, 2932896);
}

static void
date_format__round_trips__parse(void **state)
{
	static const char *const good[] = {
	    "1900-01-01", "1969-12-31", "1970-01-01", "2000-02-29",
	    "2026-01-15", "2026-12-31", "2028-02-29", "9999-12-31",
	};
	char buf[DK_DATE_STRLEN];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		dk_date_format(day(good[i]), buf);
		assert_string_equal(buf, good[i]);
	}
}

static void
date_format__out_of_range__is_not_a_date(void **state)
{
	char buf[DK_DATE_STRLEN];

	(void)state;
	/* Far past 9999: fixed width kept, and no digits that could be mistaken for a date. */
	dk_date_format(INT32_MAX, buf);
	assert_int_equal(strlen(buf), DK_DATE_STRLEN - 1);
	assert_null(strpbrk(buf, "0123456789"));
	dk_date_format(INT32_MIN, buf);
	assert_null(strpbrk(buf, "0123456789"));
}

static void
date_is_leap_year__follows__gregorian_rules(void **state)
{
	(void)state;
	assert_true(dk_date_is_leap_year(2000));
	assert_false(dk_date_is_leap_year(1900));
	assert_true(dk_date_is_leap_year(2024));
	assert_false(dk_date_is_leap_year(2100));
	assert_false(dk_date_is_leap_year(2026));
	assert_true(dk_date_is_leap_year(2400));
}

static void
date_days_in_month__knows__february(void **state)
{
	(void)state;
	assert_int_equal(dk_date_days_in_month(2024, 2), 29);
	assert_int_equal(dk_date_days_in_month(2026, 2), 28);
	assert_int_equal(dk_date_days_in_month(1900, 2), 28);
	assert_int_equal(dk_date_days_in_month(2000, 2), 29);
	assert_int_equal(dk_date_days_in_month(2026, 1), 31);
	assert_int_equal(dk_date_days_in_month(2026, 4), 30);
	assert_int_equal(dk_date_days_in_month(2026, 12), 31);
}

static void
date_valid_ymd__refuses__out_of_range(void **state)
{
	(void)state;
	assert_true(dk_date_valid_ymd(1900, 1, 1));
	assert_true(dk_date_valid_ymd(9999, 12, 31));
	assert_false(dk_date_valid_ymd(1899, 12, 31));
	assert_false(dk_date_valid_ymd(10000, 1, 1));
	assert_false(dk_date_valid_ymd(2026, 0, 1));
	assert_false(dk_date_valid_ymd(2026, 13, 1));
	assert_false(dk_date_valid_ymd(2026, 2, 29));
	assert_false(dk_date_valid_ymd(2026, 1, 0));
	assert_false(dk_date_valid_ymd(2026, 1, -1));
}

static void
date_weekday__matches__known_days(void **state)
{
	(void)state;
	assert_int_equal(dk_date_weekday(day("1970-01-01")), 4);
	assert_int_equal(dk_date_weekday(day("1969-12-31")), 3);
	assert_int_equal(dk_date_weekday(day("1900-01-01")), 1);
	assert_int_equal(dk_date_weekday(day("2000-01-01")), 6);
	assert_int_equal(dk_date_weekday(day("2026-01-15")), 4);
	assert_int_equal(dk_date_weekday(day("2026-01-18")), 7);
}

static void
date_diff__is_signed_days(void **state)
{
	(void)state;
	/* deadlines.md: referred 2026-01-15, due 2026-07-15, seen on 2026-06-20: 25 days left. */
	assert_int_equal(dk_date_diff(day("2026-07-15"), day("2026-06-20")), 25);
	assert_int_equal(dk_date_diff(day("2026-06-20"), day("2026-07-15")), -25);
	assert_int_equal(dk_date_diff(day("2027-01-01"), day("2026-01-01")), 365);
	assert_int_equal(dk_date_diff(day("2025-01-01"), day("2024-01-01")), 366);
	assert_int_equal(dk_date_diff(day("2026-01-15"), day("2026-01-15")), 0);
}

/* Properties over every day of 2000-01-01 .. 2100-12-31 (crosses 2000 and 2100). */

static void
date_every_day__ymd__round_trips_and_counts_up(void **state)
{
	dk_date expect = day("2000-01-01");
	int y, m, d, gy, gm, gd;

	(void)state;
	/* Walk the calendar independently and check each day is the next day number. */
	for (y = 2000; y <= 2100; y++) {
		for (m = 1; m <= 12; m++) {
			for (d = 1; d <= dk_date_days_in_month(y, m); d++) {
				dk_date got = dk_date_from_ymd(y, m, d);

				if (got != expect)
					fail_msg("%04d-%02d-%02d is day %d, want %d", y, m, d,
					         (int)got, (int)expect);
				dk_date_to_ymd(got, &gy, &gm, &gd);
				if (gy != y || gm != m || gd != d)
					fail_msg("%04d-%02d-%02d came back as %04d-%02d-%02d", y, m,
					         d, gy, gm, gd);
				expect++;
			}
		}
	}
	assert_int_equal(expect, day("2101-01-01"));
}

static void
date_every_day__weekday__cycles(void **state)
{
	dk_date first = day("2000-01-01"), last = day("2100-12-31");
	int prev = dk_date_weekday(first - 1);

	(void)state;
	for (dk_date d = first; d <= last; d++) {
		int w = dk_date_weekday(d);

		if (w != prev % 7 + 1)
			fail_msg("day %d: weekday %d after %d", (int)d, w, prev);
		prev = w;
	}
}

static void
date_every_day__add_months__lands_in_target_month(void **state)
{
	static const int steps[] = {1, 6, -1, 12};
	dk_date first = day("2000-01-01"), last = day("2100-12-31");
	char from[DK_DATE_STRLEN], to[DK_DATE_STRLEN];

	(void)state;
	for (dk_date d = first; d <= last; d++) {
		int y, m, dd;

		dk_date_to_ymd(d, &y, &m, &dd);
		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
			int k = steps[i];
			int idx = (m - 1) + k;
			int ty = y + (idx >= 0 ? idx / 12 : -((-idx + 11) / 12));
			int tm = idx - (ty - y) * 12 + 1;
			int tlast = dk_date_days_in_month(ty, tm);
			int ry, rm, rd;
			dk_date r = dk_date_add_months(d, k);

			dk_date_to_ymd(r, &ry, &rm, &rd);
			dk_date_format(d, from);
			dk_date_format(r, to);
			if (ry != ty || rm != tm)
				fail_msg("%s %+d months = %s, not in %04d-%02d", from, k, to, ty,
				         tm);
			if (rd > tlast)
				fail_msg("%s %+d months = %s, past the month's end", from, k, to);
			/* Clamped exactly when the start day does not exist there. */
			if (rd != (dd <= tlast ? dd : tlast))
				fail_msg("%s %+d months = %s, wrong day", from, k, to);
		}
	}
}

/* The reference the working-day tests compare against: linear, no cleverness. */
static bool
is_working_day(dk_date d, const dk_date *hol, size_t n)
{
	if (dk_date_weekday(d) >= 6)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (hol[i] == d)
			return false;
	}
	return true;
}

static void
check_working_days(dk_date start, int n, const dk_date *hol, size_t nhol)
{
	dk_date r = dk_date_add_working_days(start, n, hol, nhol);
	char s[DK_DATE_STRLEN], rs[DK_DATE_STRLEN];
	int count = 0;

	dk_date_format(start, s);
	dk_date_format(r, rs);
	if (n == 0) {
		if (r != start)
			fail_msg("%s + 0 working days = %s", s, rs);
		return;
	}
	if (r <= start)
		fail_msg("%s + %d working days = %s, not later", s, n, rs);
	if (!is_working_day(r, hol, nhol))
		fail_msg("%s + %d working days = %s, not a working day", s, n, rs);
	for (dk_date d = start + 1; d <= r; d++)
		count += is_working_day(d, hol, nhol);
	if (count != n)
		fail_msg("%s + %d working days = %s, which is %d working days on", s, n, rs, count);
}

static void
date_add_working_days__counts_exactly_n__every_start_2020_2030(void **state)
{
	const dk_date hol[] = {
	    day("2025-12-25"),
	    day("2025-12-26"),
	    day("2026-01-01"),
	    day("2026-01-02"),
	};
	dk_date first = day("2020-01-01"), last = day("2030-12-31");

	(void)state;
	for (dk_date d = first; d <= last; d++) {
		for (int n = 0; n <= 10; n++)
			check_working_days(d, n, hol, sizeof(hol) / sizeof(hol[0]));
	}
}

static void
date_add_working_days__many_holidays__match_linear_reference(void **state)
{
	/* Every Wednesday of 2026 and some Fridays, with duplicates, to stress the search. */
	dk_date hol[120];
	size_t n = 0;
	dk_date first = day("2025-12-01"), last = day("2027-01-31");

	(void)state;
	for (dk_date d = day("2026-01-01"); d <= day("2026-12-31"); d++) {
		if (dk_date_weekday(d) == 3)
			hol[n++] = d;
		if (dk_date_weekday(d) == 5 && d % 3 == 0) {
			hol[n++] = d;
			hol[n++] = d;
		}
		if (n + 3 > sizeof(hol) / sizeof(hol[0]))
			break;
	}
	for (dk_date d = first; d <= last; d++) {
		for (int k = 0; k <= 25; k++)
			check_working_days(d, k, hol, n);
	}
}

/* Display dates (dk_date_format_as, dk_date_show): the locale's D_FMT, years widened. */
static const char *
as(const char *fmt, int y, int m, int d)
{
	static char out[DK_DATE_STRLEN];

	dk_date_format_as(dk_date_from_ymd(y, m, d), fmt, out);
	return out;
}

static void
date_format_as__locale_formats__day_month_year_in_their_order(void **state)
{
	(void)state;
	assert_string_equal(as("%d/%m/%Y", 2026, 3, 7), "07/03/2026");   /* fr_FR */
	assert_string_equal(as("%m/%d/%Y", 2026, 3, 7), "03/07/2026");   /* en_US */
	assert_string_equal(as("%d.%m.%Y", 2026, 12, 31), "31.12.2026"); /* de_DE */
	assert_string_equal(as("%Y-%m-%d", 2026, 12, 31), "2026-12-31"); /* sv_SE */
	assert_string_equal(as("%F", 2026, 1, 2), "2026-01-02");
	assert_string_equal(as("%e/%m/%Y", 2026, 1, 2), " 2/01/2026");
	assert_string_equal(as("%d%%%m", 2026, 1, 2), "02%01");
}

static void
date_format_as__two_digit_year__is_widened_to_four(void **state)
{
	(void)state;
	assert_string_equal(as("%d/%m/%y", 2026, 3, 7), "07/03/2026"); /* en_GB, fr_CA's %y */
	assert_string_equal(as("%D", 1999, 12, 31), "12/31/1999");
}

static void
date_format_as__anything_else__is_iso(void **state)
{
	(void)state;
	assert_string_equal(as(NULL, 2026, 3, 7), "2026-03-07");
	assert_string_equal(as("", 2026, 3, 7), "2026-03-07");
	assert_string_equal(as("%b %d %Y", 2026, 3, 7), "2026-03-07");       /* month names: no */
	assert_string_equal(as("%d/%m/%Y%", 2026, 3, 7), "2026-03-07");      /* a lone % */
	assert_string_equal(as("%d/%m/%Y (UTC)", 2026, 3, 7), "2026-03-07"); /* too long */
	assert_string_equal(as("%Y年%m月%d日", 2026, 3, 7), "2026-03-07");   /* too many bytes */
}

static void
date_show__follows_the_display_format_until_reset(void **state)
{
	char out[DK_DATE_STRLEN];
	dk_date d = dk_date_from_ymd(2026, 11, 27);

	(void)state;
	dk_date_show(d, out);
	assert_string_equal(out, "2026-11-27");
	dk_date_set_display_format("%d/%m/%Y");
	dk_date_show(d, out);
	assert_string_equal(out, "27/11/2026");
	dk_date_format(d, out);
	assert_string_equal(out, "2026-11-27"); /* files and arguments stay ISO */
	dk_date_set_display_format(NULL);
	dk_date_show(d, out);
	assert_string_equal(out, "2026-11-27");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(date_add_months__keeps_day__when_target_has_it),
	    cmocka_unit_test(date_add_months__clamps__month_end),
	    cmocka_unit_test(date_add_months__clamps__to_leap_day),
	    cmocka_unit_test(date_add_months__negative__borrows_a_year),
	    cmocka_unit_test(date_add_months__before_year_zero__borrows_a_year),
	    cmocka_unit_test(date_add_days__crosses_months_and_years),
	    cmocka_unit_test(date_add_working_days__skips__weekend),
	    cmocka_unit_test(date_add_working_days__zero__returns_start),
	    cmocka_unit_test(date_add_working_days__skips__holidays_across_year_end),
	    cmocka_unit_test(date_add_working_days__holiday_on_weekend__not_counted_twice),
	    cmocka_unit_test(date_parse__refuses__malformed_and_unreal_dates),
	    cmocka_unit_test(date_parse__accepts__range_ends_and_leap_day),
	    cmocka_unit_test(date_format__round_trips__parse),
	    cmocka_unit_test(date_format__out_of_range__is_not_a_date),
	    cmocka_unit_test(date_is_leap_year__follows__gregorian_rules),
	    cmocka_unit_test(date_days_in_month__knows__february),
	    cmocka_unit_test(date_valid_ymd__refuses__out_of_range),
	    cmocka_unit_test(date_weekday__matches__known_days),
	    cmocka_unit_test(date_diff__is_signed_days),
	    cmocka_unit_test(date_every_day__ymd__round_trips_and_counts_up),
	    cmocka_unit_test(date_every_day__weekday__cycles),
	    cmocka_unit_test(date_every_day__add_months__lands_in_target_month),
	    cmocka_unit_test(date_add_working_days__counts_exactly_n__every_start_2020_2030),
	    cmocka_unit_test(date_add_working_days__many_holidays__match_linear_reference),
	    cmocka_unit_test(date_format_as__locale_formats__day_month_year_in_their_order),
	    cmocka_unit_test(date_format_as__two_digit_year__is_widened_to_four),
	    cmocka_unit_test(date_format_as__anything_else__is_iso),
	    cmocka_unit_test(date_show__follows_the_display_format_until_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
