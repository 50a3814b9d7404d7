/*
 * A report table (issue 12): rows keyed by the --by fields, measure columns
 * (counts, medians and 90th percentiles of day counts), a total row, and the
 * suppression --public applies. Pure: the app feeds observations, the front
 * ends print the cells (dk_report_cell_text).
 *
 * The rules, fixed so the same data gives the same bytes:
 * - Rows are ordered by their keys, key by key, byte-wise (strcmp), keys as
 *   given (identifiers as stored, "2026-Q1", ...).
 * - Counts add up; the total row's count is the sum of the rows'.
 * - Median: of the sorted day counts, the middle one when their number is
 *   odd, the exact mean of the two middle ones when even (it may end in .5,
 *   never rounded: {3, 4} gives 3.5).
 * - Maximum: the largest day count (follow-up's oldest days outstanding).
 * - 90th percentile, nearest rank: the value at rank ceil(0.9 n) of the n
 *   sorted day counts (n = 1: the value; 2: the larger; 10: the 9th; 11: the 10th).
 * - A statistic with no day counts is blank. The total row's statistics are
 *   over all the day counts of the table, not the rows' statistics.
 */
#ifndef DOCKET_REPORT_H
#define DOCKET_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "docket/date.h"

enum dk_report_kind {
	DK_REPORT_COUNT,  /* an observation adds its value (an increment, >= 0) */
	DK_REPORT_MEDIAN, /* an observation adds one day count */
	DK_REPORT_P90,    /* an observation adds one day count */
	DK_REPORT_MAX,    /* an observation adds one day count; the cell is the largest */
};

/* An observation's value for a statistic column it does not contribute to. */
#define DK_REPORT_NONE INT64_MIN

struct dk_report_measure {
	const char *name; /* the column's stable name ("allegations", "median_days_to_nio") */
	enum dk_report_kind kind;
};

enum dk_report_state {
	DK_REPORT_SHOWN,    /* value as it is */
	DK_REPORT_BLANK,    /* a statistic with no values, or (public) fewer than 3 */
	DK_REPORT_SMALL,    /* public: a count of 1 or 2, printed "<3" */
	DK_REPORT_WITHHELD, /* public: a total that would reveal a small cell, printed "<3" too */
};

struct dk_report_cell {
	enum dk_report_state state;
	int64_t value; /* the count, or the statistic's whole days (rounded down) */
	bool half;     /* a median ending in .5: the statistic is value + 0.5 */
	size_t cases;  /* the day counts a statistic is over (0 for counts) */
};

struct dk_report;

/* The row index of the total row for dk_report_key and dk_report_cell. */
#define DK_REPORT_TOTAL SIZE_MAX

/* Room for any cell's text: "<3", "", "-9223372036854775808.5". */
#define DK_REPORT_CELL_TEXT 24

/* The rule --public output states (translate with _() when printing). */
extern const char dk_report_public_rule[];

/*
 * An empty table: key columns named key_names (nkeys of them, may be 0),
 * measure columns measures (nmeasures >= 1). The key_names array is copied
 * (a --by list built per call); its strings and the measures must outlive
 * the table (static tables).
 */
struct dk_report *dk_report_new(const char *const *key_names, size_t nkeys,
                                const struct dk_report_measure *measures, size_t nmeasures);

/* Frees the table, its rows and their values; accepts NULL. */
void dk_report_free(struct dk_report *r);

/*
 * Adds one observation to the row of keys (nkeys strings, copied), made
 * when first seen: values[m] is, for a count, what it adds; for a statistic,
 * a day count or DK_REPORT_NONE. Only before dk_report_finish.
 */
void dk_report_add(struct dk_report *r, const char *const *keys, const int64_t *values);

/*
 * Declares that in every row measure `total` is the sum of the measures
 * parts[0..nparts) (all counts), e.g. concluded = met_original +
 * met_extended + missed; the public suppression then keeps it from
 * revealing a part. parts must outlive the table. Before dk_report_finish.
 */
void dk_report_add_sum(struct dk_report *r, size_t total, const size_t *parts, size_t nparts);

/* Computes the total row and the statistics. Once, after the last observation. */
void dk_report_finish(struct dk_report *r);

/*
 * Public suppression, on a finished table (once):
 * - a count of 1 or 2 becomes SMALL ("<3"); 0 stays 0;
 * - a statistic over fewer than 3 day counts becomes BLANK;
 * - complementary: in each sum the table holds (every count column: the
 *   total row = the sum of the rows; every dk_report_add_sum in every row,
 *   the total row included), when a part is SMALL or WITHHELD, the sum is
 *   WITHHELD (even a SMALL sum: "<3" = "<3" + "<3" reveals 2 = 1 + 1);
 *   repeated until nothing changes.
 * Why the sum and not another part: with the sum hidden no equation is left,
 * so a reader learns of a small cell only that it is 1 or 2. Hiding a second
 * part instead leaks by bounds (a "<3" and a 3 shown as x with a difference
 * of 4: the "<3" is 1) and two "<3" with a difference of 2 or 4 are both
 * known. It hides one cell per sum that needs it, the least any rule can.
 */
void dk_report_suppress(struct dk_report *r);

size_t dk_report_nkeys(const struct dk_report *r);
size_t dk_report_nmeasures(const struct dk_report *r);
const char *dk_report_key_name(const struct dk_report *r, size_t k);
const struct dk_report_measure *dk_report_measure(const struct dk_report *r, size_t m);

/* Data rows (the total row is apart, DK_REPORT_TOTAL). */
size_t dk_report_rows(const struct dk_report *r);

/* Row's key k; NULL for the total row. */
const char *dk_report_key(const struct dk_report *r, size_t row, size_t k);

/* Row's (or DK_REPORT_TOTAL's) cell of measure m, after dk_report_finish. */
const struct dk_report_cell *dk_report_cell(const struct dk_report *r, size_t row, size_t m);

/* What a cell prints: "12", "3.5", "" (blank), "<3" (small or withheld). Returns out. */
const char *dk_report_cell_text(const struct dk_report_cell *c, char out[DK_REPORT_CELL_TEXT]);

/* The --by buckets of a date: "2026", "2026-Q1", "2026-03". */
#define DK_REPORT_BUCKET_LEN 24 /* "YYYY-Qn"; room for any unsigned, which -O2 checks */
void dk_report_year(dk_date d, char out[DK_REPORT_BUCKET_LEN]);
void dk_report_quarter(dk_date d, char out[DK_REPORT_BUCKET_LEN]);
void dk_report_month(dk_date d, char out[DK_REPORT_BUCKET_LEN]);

#endif
