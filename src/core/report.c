/* A report table: observations aggregated into ordered rows, totals, statistics, suppression. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/report.h"
#include "docket/xmalloc.h"

const char dk_report_public_rule[] =
    N_("Counts of 1 or 2 are shown as <3, and so is any total from which such a count could be "
       "worked out by subtraction; medians, percentiles and maxima over fewer than 3 cases are "
       "blank.");

/* The day counts a statistic cell is over, in the order added until finish sorts them. */
/*
 * A statistic's day counts as a histogram: distinct values in ascending order
 * with how often each came. Days take few distinct values, so a million cases
 * cost kilobytes, and the median and p90 stay exact.
 */
struct day_count {
	int64_t value;
	size_t count;
};

struct days {
	struct day_count *v;
	size_t distinct, cap;
	size_t n; /* values added */
};

struct row {
	char **keys;
	struct dk_report_cell *cells;
	struct days *days; /* one per measure; only statistics use theirs */
};

/* A declared relation: in every row, measure total = the sum of the parts. */
struct sum {
	size_t total;
	const size_t *parts;
	size_t nparts;
};

struct dk_report {
	const char **key_names; /* a copy of the caller's array (the strings are theirs) */
	size_t nkeys;
	const struct dk_report_measure *measures;
	size_t nmeasures;
	struct row **rows; /* always ordered by keys */
	size_t nrows, cap;
	struct row total;
	struct sum *sums;
	size_t nsums;
};

static void
row_init(struct row *row, const struct dk_report *r, const char *const *keys)
{
	row->keys = NULL;
	if (keys != NULL && r->nkeys > 0) {
		row->keys = dk_xcalloc(r->nkeys, sizeof(*row->keys));
		for (size_t k = 0; k < r->nkeys; k++)
			row->keys[k] = dk_xstrdup(keys[k]);
	}
	row->cells = dk_xcalloc(r->nmeasures, sizeof(*row->cells));
	row->days = dk_xcalloc(r->nmeasures, sizeof(*row->days));
}

static void
row_clear(struct row *row, const struct dk_report *r)
{
	for (size_t k = 0; row->keys != NULL && k < r->nkeys; k++)
		dk_xfree_wiped(&row->keys[k]);
	free(row->keys);
	for (size_t m = 0; m < r->nmeasures; m++)
		dk_xfree_wiped_n(row->days[m].v, row->days[m].cap * sizeof(struct day_count));
	free(row->days);
	free(row->cells);
}

struct dk_report *
dk_report_new(const char *const *key_names, size_t nkeys, const struct dk_report_measure *measures,
              size_t nmeasures)
{
	struct dk_report *r = dk_xcalloc(1, sizeof(*r));

	r->key_names = dk_xcalloc(nkeys + 1, sizeof(*r->key_names));
	for (size_t k = 0; k < nkeys; k++)
		r->key_names[k] = key_names[k];
	r->nkeys = nkeys;
	r->measures = measures;
	r->nmeasures = nmeasures;
	row_init(&r->total, r, NULL);
	return r;
}

void
dk_report_free(struct dk_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nrows; i++) {
		row_clear(r->rows[i], r);
		free(r->rows[i]);
	}
	free(r->rows);
	row_clear(&r->total, r);
	free(r->sums);
	free(r->key_names);
	free(r);
}

/* Key by key, byte-wise. */
static int
keys_cmp(const struct dk_report *r, const char *const *a, char *const *b)
{
	for (size_t k = 0; k < r->nkeys; k++) {
		int c = strcmp(a[k], b[k]);
		if (c != 0)
			return c;
	}
	return 0;
}

/* The row of keys, made in its place when first seen. */
static struct row *
row_for(struct dk_report *r, const char *const *keys)
{
	size_t lo = 0, hi = r->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = keys_cmp(r, keys, r->rows[mid]->keys);
		if (c == 0)
			return r->rows[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (r->nrows == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->rows = dk_xrealloc(r->rows, r->cap * sizeof(*r->rows));
	}
	memmove(&r->rows[lo + 1], &r->rows[lo], (r->nrows - lo) * sizeof(*r->rows));
	r->rows[lo] = dk_xmalloc(sizeof(**r->rows));
	row_init(r->rows[lo], r, keys);
	r->nrows++;
	return r->rows[lo];
}

static void
days_push(struct days *d, int64_t v)
{
	size_t lo = 0, hi = d->distinct;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->v[mid].value < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	d->n++;
	if (lo < d->distinct && d->v[lo].value == v) {
		d->v[lo].count++;
		return;
	}
	if (d->distinct == d->cap) {
		d->cap = d->cap == 0 ? 8 : d->cap * 2;
		d->v = dk_xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	memmove(&d->v[lo + 1], &d->v[lo], (d->distinct - lo) * sizeof(*d->v));
	d->v[lo] = (struct day_count){v, 1};
	d->distinct++;
}

/* The value of rank k (0-based) among the values added, in ascending order. */
static int64_t
days_nth(const struct days *d, size_t k)
{
	size_t i = 0;

	while (k >= d->v[i].count) {
		k -= d->v[i].count;
		i++;
	}
	return d->v[i].value;
}

static void
row_add(struct row *row, const struct dk_report *r, const int64_t *values)
{
	for (size_t m = 0; m < r->nmeasures; m++) {
		if (r->measures[m].kind == DK_REPORT_COUNT)
			row->cells[m].value += values[m];
		else if (values[m] != DK_REPORT_NONE)
			days_push(&row->days[m], values[m]);
	}
}

void
dk_report_add(struct dk_report *r, const char *const *keys, const int64_t *values)
{
	row_add(row_for(r, keys), r, values);
	row_add(&r->total, r, values);
}

void
dk_report_add_sum(struct dk_report *r, size_t total, const size_t *parts, size_t nparts)
{
	r->sums = dk_xrealloc(r->sums, (r->nsums + 1) * sizeof(*r->sums));
	r->sums[r->nsums++] = (struct sum){.total = total, .parts = parts, .nparts = nparts};
}

/* Floor of (a + b) / 2 without overflow, and whether a .5 is left over. */
static void
mean_of_two(int64_t a, int64_t b, struct dk_report_cell *c)
{
	int64_t q = a / 2 + b / 2, ra = a % 2, rb = b % 2, rest = ra + rb; /* rest in -2..2 */

	if (rest == 2 || rest == -2)
		q += rest / 2, rest = 0;
	if (rest < 0) /* -0.5 from q: q - 1 + 0.5 */
		q -= 1;
	c->value = q;
	c->half = rest != 0;
}

/* A statistic's cell from its day counts. */
static void
statistic(enum dk_report_kind kind, const struct days *d, struct dk_report_cell *c)
{
	c->cases = d->n;
	c->half = false;
	if (d->n == 0) {
		c->state = DK_REPORT_BLANK;
		return;
	}
	if (kind == DK_REPORT_P90) {
		size_t rank = (9 * d->n + 9) / 10; /* ceil(0.9 n) */
		c->value = days_nth(d, rank - 1);
	} else if (kind == DK_REPORT_MAX) {
		c->value = d->v[d->distinct - 1].value;
	} else if (d->n % 2 == 1) {
		c->value = days_nth(d, d->n / 2);
	} else {
		mean_of_two(days_nth(d, d->n / 2 - 1), days_nth(d, d->n / 2), c);
	}
}

static void
row_finish(struct row *row, const struct dk_report *r)
{
	for (size_t m = 0; m < r->nmeasures; m++) {
		if (r->measures[m].kind == DK_REPORT_COUNT)
			continue;
		statistic(r->measures[m].kind, &row->days[m], &row->cells[m]);
	}
}

void
dk_report_finish(struct dk_report *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		row_finish(r->rows[i], r);
	row_finish(&r->total, r);
}

static bool
hidden(const struct dk_report_cell *c)
{
	return c->state == DK_REPORT_SMALL || c->state == DK_REPORT_WITHHELD;
}

/* Withholds a sum one of whose parts is hidden; true when that changed it. */
static bool
withhold(struct dk_report_cell *sum, bool part_hidden)
{
	if (!part_hidden || sum->state == DK_REPORT_WITHHELD)
		return false;
	sum->state = DK_REPORT_WITHHELD;
	return true;
}

/* The row sums declared with dk_report_add_sum, in one row. */
static bool
protect_row(const struct dk_report *r, struct row *row)
{
	bool changed = false;

	for (size_t s = 0; s < r->nsums; s++) {
		const struct sum *sum = &r->sums[s];
		bool part_hidden = false;
		for (size_t i = 0; i < sum->nparts; i++)
			part_hidden |= hidden(&row->cells[sum->parts[i]]);
		changed |= withhold(&row->cells[sum->total], part_hidden);
	}
	return changed;
}

/* Every count column: the total row is the sum of the rows. */
static bool
protect_columns(struct dk_report *r)
{
	bool changed = false;

	for (size_t m = 0; m < r->nmeasures; m++) {
		if (r->measures[m].kind != DK_REPORT_COUNT)
			continue;
		bool part_hidden = false;
		for (size_t i = 0; i < r->nrows; i++)
			part_hidden |= hidden(&r->rows[i]->cells[m]);
		changed |= withhold(&r->total.cells[m], part_hidden);
	}
	return changed;
}

static void
suppress_small(const struct dk_report *r, struct row *row)
{
	for (size_t m = 0; m < r->nmeasures; m++) {
		struct dk_report_cell *c = &row->cells[m];
		if (r->measures[m].kind == DK_REPORT_COUNT) {
			if (c->value == 1 || c->value == 2)
				c->state = DK_REPORT_SMALL;
		} else if (c->cases < 3) {
			c->state = DK_REPORT_BLANK;
		}
	}
}

void
dk_report_suppress(struct dk_report *r)
{
	bool changed = true;

	for (size_t i = 0; i < r->nrows; i++)
		suppress_small(r, r->rows[i]);
	suppress_small(r, &r->total);
	/* Each pass withholds at least one more cell, so this ends. */
	while (changed) {
		changed = protect_columns(r);
		for (size_t i = 0; i < r->nrows; i++)
			changed |= protect_row(r, r->rows[i]);
		changed |= protect_row(r, &r->total);
	}
}

size_t
dk_report_nkeys(const struct dk_report *r)
{
	return r->nkeys;
}

size_t
dk_report_nmeasures(const struct dk_report *r)
{
	return r->nmeasures;
}

const char *
dk_report_key_name(const struct dk_report *r, size_t k)
{
	return r->key_names[k];
}

const struct dk_report_measure *
dk_report_measure(const struct dk_report *r, size_t m)
{
	return &r->measures[m];
}

size_t
dk_report_rows(const struct dk_report *r)
{
	return r->nrows;
}

static const struct row *
row_at(const struct dk_report *r, size_t row)
{
	return row == DK_REPORT_TOTAL ? &r->total : r->rows[row];
}

const char *
dk_report_key(const struct dk_report *r, size_t row, size_t k)
{
	return row == DK_REPORT_TOTAL ? NULL : r->rows[row]->keys[k];
}

const struct dk_report_cell *
dk_report_cell(const struct dk_report *r, size_t row, size_t m)
{
	return &row_at(r, row)->cells[m];
}

const char *
dk_report_cell_text(const struct dk_report_cell *c, char out[DK_REPORT_CELL_TEXT])
{
	static const char *const fixed[] = {
	    [DK_REPORT_BLANK] = "",
	    [DK_REPORT_SMALL] = "<3",
	    [DK_REPORT_WITHHELD] = "<3", /* the issue: a revealing total prints as a small one */
	};

	if (c->state != DK_REPORT_SHOWN)
		snprintf(out, DK_REPORT_CELL_TEXT, "%s", fixed[c->state]);
	else if (!c->half)
		snprintf(out, DK_REPORT_CELL_TEXT, "%" PRId64, c->value);
	else if (c->value >= 0)
		snprintf(out, DK_REPORT_CELL_TEXT, "%" PRId64 ".5", c->value);
	else /* value + 0.5 with value < 0 is -(-value - 1).5: -2 + 0.5 = -1.5 */
		snprintf(out, DK_REPORT_CELL_TEXT, "-%" PRIu64 ".5", (uint64_t)(-(c->value + 1)));
	return out;
}

/* Year (0-9999, the range dk_date accepts) and month of d. */
static void
year_month(dk_date d, unsigned *year, unsigned *month)
{
	int y, m, day;

	dk_date_to_ymd(d, &y, &m, &day);
	*year = (unsigned)y % 10000u;
	*month = (unsigned)(m - 1) % 12u + 1u;
}

void
dk_report_year(dk_date d, char out[DK_REPORT_BUCKET_LEN])
{
	unsigned y, m;

	year_month(d, &y, &m);
	snprintf(out, DK_REPORT_BUCKET_LEN, "%04u", y);
}

void
dk_report_quarter(dk_date d, char out[DK_REPORT_BUCKET_LEN])
{
	unsigned y, m;

	year_month(d, &y, &m);
	snprintf(out, DK_REPORT_BUCKET_LEN, "%04u-Q%u", y, (m - 1) / 3 + 1);
}

void
dk_report_month(dk_date d, char out[DK_REPORT_BUCKET_LEN])
{
	unsigned y, m;

	year_month(d, &y, &m);
	snprintf(out, DK_REPORT_BUCKET_LEN, "%04u-%02u", y, m);
}
