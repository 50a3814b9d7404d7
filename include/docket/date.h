/* Civil dates (proleptic Gregorian, no time of day) and their arithmetic. */
#ifndef DOCKET_DATE_H
#define DOCKET_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A date as the number of days since 1970-01-01 (negative before it). */
typedef int32_t dk_date;

/* The range docket accepts: years 1900 to 9999. */
#define DK_DATE_MIN_YEAR 1900
#define DK_DATE_MAX_YEAR 9999

/* Length of "YYYY-MM-DD" plus the NUL. */
#define DK_DATE_STRLEN 11

/*
 * Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year in
 * range, real month and day: 2026-02-30 fails). No surrounding spaces, no
 * signs, no other forms. Returns false and leaves *out alone on failure.
 */
bool dk_date_parse(const char *s, dk_date *out);

/* Writes d as "YYYY-MM-DD" into out. */
void dk_date_format(dk_date d, char out[DK_DATE_STRLEN]);

/*
 * Writes d for display in the format fmt, a locale's date format as nl_langinfo(D_FMT)
 * gives it: %d, %e, %m, %Y, %y (widened to four digits: a two-digit year is ambiguous
 * beside a case's history), %D (%m/%d/%Y), %F (ISO), %% and literal characters. A NULL
 * fmt, any other conversion or a result longer than "YYYY-MM-DD" gives ISO, as
 * dk_date_format does. Files, CSV, JSON and arguments always use dk_date_format.
 */
void dk_date_format_as(dk_date d, const char *fmt, char out[DK_DATE_STRLEN]);

/*
 * The format dk_date_show uses (copied; NULL or one longer than 31 bytes: ISO). main sets
 * it from the locale's LC_TIME when that is a real locale, not C, POSIX or C.UTF-8.
 */
void dk_date_set_display_format(const char *fmt);

/* d for people (tables, screens): dk_date_format_as with the display format. */
void dk_date_show(dk_date d, char out[DK_DATE_STRLEN]);

/* True when y-m-d names a real day in the accepted range. */
bool dk_date_valid_ymd(int y, int m, int d);

/* Days in month m (1-12) of year y. */
int dk_date_days_in_month(int y, int m);

bool dk_date_is_leap_year(int y);

/* The date of a valid y-m-d (check with dk_date_valid_ymd first). */
dk_date dk_date_from_ymd(int y, int m, int d);

/* Splits d into year, month (1-12) and day (1-31). */
void dk_date_to_ymd(dk_date d, int *y, int *m, int *day);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int dk_date_weekday(dk_date d);

/*
 * Same day number n calendar months later (n may be negative); when the
 * target month is shorter, its last day: 2026-08-31 + 6 = 2027-02-28.
 */
dk_date dk_date_add_months(dk_date d, int n);

/* Plain calendar days. */
dk_date dk_date_add_days(dk_date d, int n);

/*
 * n (>= 0) working days after start: Monday to Friday, skipping every date
 * in holidays (sorted ascending, duplicates allowed). Counting starts the
 * day after start; n == 0 returns start.
 * 2026-01-15 (Thu) + 5 = 2026-01-22.
 */
dk_date dk_date_add_working_days(dk_date start, int n, const dk_date *holidays, size_t nholidays);

/* a - b in days. */
int32_t dk_date_diff(dk_date a, dk_date b);

#endif
