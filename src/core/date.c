/* Civil date arithmetic on day numbers: parsing, months, working days (deadlines.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "docket/date.h"

/* Days from 0000-03-01 to 1970-01-01 in Hinnant's March-based eras. */
#define DAYS_0000_03_01_TO_EPOCH 719468
/* 400 Gregorian years repeat exactly: 146097 days. */
#define DAYS_PER_ERA 146097

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/*
 * Where each character of "YYYY-MM-DD" must be a digit; the rest are '-'.
 * Checking positions rather than scanning numbers refuses signs, spaces and
 * short fields that strtol would accept.
 */
static const char date_shape[] = "dddd-dd-dd";

/*
 * Hinnant's days_from_civil: counting years from March puts the leap day at
 * the end of the year, so day-of-year is a closed formula. 64-bit so that
 * any int year (add_months on a far date) cannot overflow.
 */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - DAYS_0000_03_01_TO_EPOCH;
}

/* Hinnant's civil_from_days, the inverse of days_from_civil. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += DAYS_0000_03_01_TO_EPOCH;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool
leap_year64(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month64(int64_t y, int m)
{
	if (m < 1 || m > 12)
		return 0;
	return month_days[m - 1] + (m == 2 && leap_year64(y));
}

bool
dk_date_is_leap_year(int y)
{
	return leap_year64(y);
}

int
dk_date_days_in_month(int y, int m)
{
	return days_in_month64(y, m);
}

bool
dk_date_valid_ymd(int y, int m, int d)
{
	if (y < DK_DATE_MIN_YEAR || y > DK_DATE_MAX_YEAR)
		return false;
	if (m < 1 || m > 12)
		return false;
	return d >= 1 && d <= dk_date_days_in_month(y, m);
}

dk_date
dk_date_from_ymd(int y, int m, int d)
{
	return (dk_date)days_from_civil(y, m, d);
}

void
dk_date_to_ymd(dk_date d, int *y, int *m, int *day)
{
	int64_t yy;

	/* Every int32 day number lands within about +-5.9 million years: fits in int. */
	civil_from_days(d, &yy, m, day);
	*y = (int)yy;
}

bool
dk_date_parse(const char *s, dk_date *out)
{
	int field[3] = {0, 0, 0};
	int f = 0;
	size_t i;

	if (s == NULL)
		return false;
	/* A NUL inside the first ten fails the shape test, so short strings stop here. */
	for (i = 0; i < sizeof(date_shape) - 1; i++) {
		if (date_shape[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return false;
			field[f] = field[f] * 10 + (s[i] - '0');
		} else {
			if (s[i] != '-')
				return false;
			f++;
		}
	}
	if (s[i] != '\0')
		return false;
	if (!dk_date_valid_ymd(field[0], field[1], field[2]))
		return false;
	*out = dk_date_from_ymd(field[0], field[1], field[2]);
	return true;
}

static void
put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
dk_date_format(dk_date d, char out[DK_DATE_STRLEN])
{
	int y, m, day;

	dk_date_to_ymd(d, &y, &m, &day);
	/*
	 * Only years 0000-9999 fit the fixed form; anything beyond (arithmetic
	 * past the accepted range) is shown as plainly not a date rather than
	 * as a wrong one.
	 */
	if (y < 0 || y > 9999) {
		/* Escaped: "??-" would be a trigraph in strict C11. */
		memcpy(out, "\?\?\?\?-\?\?-\?\?", DK_DATE_STRLEN);
		return;
	}
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, day, 2);
	out[10] = '\0';
}

int
dk_date_weekday(dk_date d)
{
	/* 1970-01-01 was a Thursday (ISO 4); C's % keeps the sign, hence the +7. */
	return (d % 7 + 7 + 3) % 7 + 1;
}

dk_date
dk_date_add_months(dk_date d, int n)
{
	int y, m, day, last;
	int64_t months, ny;
	int nm;

	dk_date_to_ymd(d, &y, &m, &day);
	months = (int64_t)y * 12 + (m - 1) + n;
	/* Floor division so that negative month counts borrow a year correctly. */
	ny = months >= 0 ? months / 12 : -((-months + 11) / 12);
	nm = (int)(months - ny * 12) + 1;
	last = days_in_month64(ny, nm);
	if (day > last)
		day = last;
	return (dk_date)days_from_civil(ny, nm, day);
}

dk_date
dk_date_add_days(dk_date d, int n)
{
	return (dk_date)((int64_t)d + n);
}

/* Sorted holidays with duplicates: a plain lower-bound search finds any copy. */
static bool
is_holiday(dk_date d, const dk_date *holidays, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (holidays[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && holidays[lo] == d;
}

dk_date
dk_date_add_working_days(dk_date start, int n, const dk_date *holidays, size_t nholidays)
{
	dk_date d = start;

	if (holidays == NULL)
		nholidays = 0;
	while (n > 0) {
		d = dk_date_add_days(d, 1);
		if (dk_date_weekday(d) >= 6 || is_holiday(d, holidays, nholidays))
			continue;
		n--;
	}
	return d;
}

int32_t
dk_date_diff(dk_date a, dk_date b)
{
	return (int32_t)((int64_t)a - b);
}

/* The display format, set once by main from the locale; "" for ISO. */
static char display_format[32];

/* Appends the conversion c of d's y-m-d to out[*n]; false when unknown or too long. */
static bool
put_conversion(char c, int y, int m, int day, char *out, size_t *n)
{
	char part[16];
	int len;

	switch (c) {
	case 'd':
		len = snprintf(part, sizeof(part), "%02d", day);
		break;
	case 'e':
		len = snprintf(part, sizeof(part), "%2d", day);
		break;
	case 'm':
		len = snprintf(part, sizeof(part), "%02d", m);
		break;
	case 'Y':
	case 'y':
		len = snprintf(part, sizeof(part), "%04d", y);
		break;
	case 'D':
		len = snprintf(part, sizeof(part), "%02d/%02d/%04d", m, day, y);
		break;
	case 'F':
		len = snprintf(part, sizeof(part), "%04d-%02d-%02d", y, m, day);
		break;
	case '%':
		len = snprintf(part, sizeof(part), "%%");
		break;
	default:
		return false;
	}
	if (len < 0 || *n + (size_t)len >= DK_DATE_STRLEN)
		return false;
	memcpy(out + *n, part, (size_t)len);
	*n += (size_t)len;
	return true;
}

void
dk_date_format_as(dk_date d, const char *fmt, char out[DK_DATE_STRLEN])
{
	char buf[DK_DATE_STRLEN];
	size_t n = 0;
	int y, m, day;
	const char *p = fmt;

	dk_date_to_ymd(d, &y, &m, &day);
	if (fmt == NULL || fmt[0] == '\0' || y < 0 || y > 9999) {
		dk_date_format(d, out);
		return;
	}
	for (; *p != '\0'; p++) {
		if (*p != '%') {
			if (n + 1 >= DK_DATE_STRLEN)
				break;
			buf[n++] = *p;
		} else if (p[1] == '\0' || !put_conversion(*++p, y, m, day, buf, &n)) {
			break;
		}
	}
	if (*p != '\0') { /* stopped early: not a format this can follow */
		dk_date_format(d, out);
		return;
	}
	buf[n] = '\0';
	memcpy(out, buf, n + 1);
}

void
dk_date_set_display_format(const char *fmt)
{
	size_t len = fmt != NULL ? strlen(fmt) : 0;

	display_format[0] = '\0';
	if (len > 0 && len < sizeof(display_format))
		memcpy(display_format, fmt, len + 1);
}

void
dk_date_show(dk_date d, char out[DK_DATE_STRLEN])
{
	dk_date_format_as(d, display_format[0] != '\0' ? display_format : NULL, out);
}
