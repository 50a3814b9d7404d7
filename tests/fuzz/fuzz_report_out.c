/*
 * libFuzzer target: the report writers (src/cli/report_out.c) in CSV, JSON
 * and table form, on a report built from the input: column ids (the real
 * ones or any bytes), measure kinds, key cells (any bytes: invalid UTF-8,
 * controls, quotes, formula prefixes), values, --public, the scope line.
 * Properties: the JSON parses (a strict RFC 8259 parser here), has the
 * documented shape, and its strings decode to the cells (each invalid byte
 * as U+FFFD); the CSV parses as RFC 4180 with the header and one record of
 * ncols fields per row, cells coming back whole; no format writes anything
 * a terminal acts on (ESC, C0 but LF, DEL, C1) outside a quoted CSV field,
 * and every byte is valid UTF-8.
 */
#define _GNU_SOURCE /* open_memstream */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/report.h"
#include "src/cli/cli.h"

#define FUZZ_UTF8_LOCALE /* widths need one, as the real program runs in */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_KEYS 3
#define MAX_MEASURES 4
#define MAX_COLS (MAX_KEYS + MAX_MEASURES)
#define MAX_OBS 48

/* ---- the input, read as a report ---- */

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned
byte(struct input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* A string up to the next 0x00 byte (or the end), at most 40 bytes. */
static char *
text(struct input *in)
{
	size_t len = 0;
	char *s;

	while (len < in->n && len < 40 && in->p[len] != 0)
		len++;
	s = malloc(len + 1);
	CHECK(s != NULL);
	memcpy(s, in->p, len);
	s[len] = '\0';
	in->p += len;
	in->n -= len;
	if (in->n > 0 && in->p[0] == 0) {
		in->p++;
		in->n--;
	}
	return s;
}

static const char *const ids[] = {"mission", "year",      "quarter",  "month",   "category",
                                  "type",    "personnel", "state",    "outcome", "urgent",
                                  "sex",     "age",       "kind",     "status",  "victims",
                                  "claims",  "missed",    "concluded"};

struct fixture {
	char *names[MAX_COLS];
	struct dk_report_measure measures[MAX_MEASURES];
	size_t nkeys, nmeasures;
	bool public, sum;
	bool any_id; /* a column id made of input bytes, not one of ids[] */
	char *scope;
	size_t parts[MAX_MEASURES];
	struct dk_report *r;
};

/* A column id: a real one, or (bytes 0xf0 and up) any text from the input. */
static char *
column_id(struct fixture *f, struct input *in)
{
	unsigned b = byte(in);

	if (b >= 0xf0) {
		f->any_id = true;
		return text(in);
	}
	return strdup(ids[b % (sizeof(ids) / sizeof(ids[0]))]);
}

static bool
names_distinct(const struct fixture *f)
{
	size_t n = f->nkeys + f->nmeasures;

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(f->names[i], f->names[j]) == 0)
				return false;
	return true;
}

/* One observation: its keys from the input, then a value per measure. */
static void
observe(struct fixture *f, struct input *in)
{
	char *keys[MAX_KEYS];
	int64_t values[MAX_MEASURES], sum = 0;

	for (size_t k = 0; k < f->nkeys; k++)
		keys[k] = byte(in) < 0x80 ? strdup(ids[in->n % 5]) : text(in);
	for (size_t m = 0; m < f->nmeasures; m++) {
		unsigned b = byte(in);

		if (f->measures[m].kind == DK_REPORT_COUNT)
			values[m] = b % 4;
		else
			values[m] = b == 0xff ? DK_REPORT_NONE : (int64_t)(int8_t)b * (b % 7 + 1);
		if (m > 0 && f->sum)
			sum += values[m];
	}
	if (f->sum)
		values[0] = sum; /* measure 0 is the sum of the others, as add_sum declares */
	dk_report_add(f->r, (const char *const *)keys, values);
	for (size_t k = 0; k < f->nkeys; k++)
		free(keys[k]);
}

static bool
build(struct fixture *f, struct input *in)
{
	unsigned flags = byte(in);

	f->nkeys = flags % (MAX_KEYS + 1);
	f->nmeasures = 1 + (flags >> 2) % MAX_MEASURES;
	f->public = flags & 0x10;
	f->sum = (flags & 0x20) && f->nmeasures >= 2;
	for (size_t i = 0; i < f->nkeys + f->nmeasures; i++)
		f->names[i] = column_id(f, in);
	for (size_t m = 0; m < f->nmeasures; m++) {
		f->measures[m].name = f->names[f->nkeys + m];
		f->measures[m].kind =
		    f->sum ? DK_REPORT_COUNT : (enum dk_report_kind)(byte(in) % 4);
	}
	f->scope = (flags & 0x40) ? text(in) : NULL;
	if (!names_distinct(f))
		return false;
	f->r = dk_report_new((const char *const *)f->names, f->nkeys, f->measures, f->nmeasures);
	for (size_t i = 1; i < f->nmeasures; i++)
		f->parts[i - 1] = i;
	if (f->sum)
		dk_report_add_sum(f->r, 0, f->parts, f->nmeasures - 1);
	for (int i = 0; i < MAX_OBS && in->n > 0; i++)
		observe(f, in);
	dk_report_finish(f->r);
	if (f->public)
		dk_report_suppress(f->r);
	return true;
}

static void
fixture_free(struct fixture *f)
{
	dk_report_free(f->r);
	for (size_t i = 0; i < MAX_COLS; i++)
		free(f->names[i]);
	free(f->scope);
}

static bool
terminal_acts_on(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* Valid UTF-8 with nothing a terminal acts on; in CSV, TAB, CR and LF only inside quotes. */
static void
check_terminal_safe(const char *s, size_t len, bool csv)
{
	bool quoted = false;
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = ref_decode((const unsigned char *)s + i, len - i, &cp);
		CHECK(n > 0);
		if (csv && cp == '"')
			quoted = !quoted;
		if (csv && cp == '\t')
			continue;
		if (csv && quoted && cp == '\r')
			continue;
		CHECK(!terminal_acts_on(cp));
	}
}

/* What a JSON string of s decodes to: s, each byte of an invalid sequence as U+FFFD. */
static void
json_expect(struct dk_buf *b, const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = ref_decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0) {
			dk_buf_puts(b, "\xef\xbf\xbd");
			n = 1;
		} else {
			dk_buf_append(b, s + i, n);
		}
	}
}

/* ---- a strict JSON parser into a small tree ---- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype type;
	bool b;
	struct dk_buf s; /* a string's decoded bytes, a number's text */
	struct jval *items;
	char **names; /* an object's member names, decoded */
	size_t n;
};

struct jp {
	const char *p, *end;
	int depth;
};

static void
ws(struct jp *j)
{
	while (j->p < j->end && strchr(" \t\n\r", *j->p) != NULL && *j->p != '\0')
		j->p++;
}

static bool
lit(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static int
hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static void
put_utf8(struct dk_buf *b, uint32_t cp)
{
	if (cp < 0x80) {
		dk_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		dk_buf_putc(b, (char)(0xc0 | cp >> 6));
		dk_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		dk_buf_putc(b, (char)(0xe0 | cp >> 12));
		dk_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		dk_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A string after its opening quote; escapes as RFC 8259 (no surrogates: we never write them). */
static bool
jstring(struct jp *j, struct dk_buf *out)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	uint32_t cp;
	size_t n;

	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;
		const char *e;
		int v;

		if (c < 0x20)
			return false;
		if (c != '\\') {
			n = ref_decode((const unsigned char *)j->p, (size_t)(j->end - j->p), &cp);
			if (n == 0)
				return false;
			dk_buf_append(out, j->p, n);
			j->p += n;
			continue;
		}
		if (++j->p >= j->end || *j->p == '\0')
			return false;
		if (*j->p == 'u') {
			if (j->end - j->p < 5 || (v = hex4(j->p + 1)) < 0 ||
			    (v >= 0xd800 && v <= 0xdfff))
				return false;
			put_utf8(out, (uint32_t)v);
			j->p += 5;
			continue;
		}
		if ((e = strchr(esc_in, *j->p)) == NULL)
			return false;
		dk_buf_putc(out, esc_out[e - esc_in]);
		j->p++;
	}
	if (j->p >= j->end)
		return false;
	j->p++;
	return true;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
jnumber(struct jp *j, struct dk_buf *out)
{
	const char *s = j->p;

#define DIGIT (j->p < j->end && *j->p >= '0' && *j->p <= '9')
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (!DIGIT)
		return false;
	if (*j->p == '0')
		j->p++;
	else
		while (DIGIT)
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!DIGIT)
			return false;
		while (DIGIT)
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!DIGIT)
			return false;
		while (DIGIT)
			j->p++;
	}
#undef DIGIT
	dk_buf_append(out, s, (size_t)(j->p - s));
	return true;
}

static bool jvalue(struct jp *j, struct jval *v);

/* An array or object after its opening bracket. */
static bool
jcontainer(struct jp *j, struct jval *v, bool object)
{
	char close = object ? '}' : ']';

	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return true;
	}
	for (;;) {
		struct dk_buf name = DK_BUF_INIT;

		v->items = realloc(v->items, (v->n + 1) * sizeof(*v->items));
		v->names = realloc(v->names, (v->n + 1) * sizeof(*v->names));
		CHECK(v->items != NULL && v->names != NULL);
		v->names[v->n] = NULL;
		memset(&v->items[v->n], 0, sizeof(*v->items));
		v->n++;
		if (object) {
			ws(j);
			if (!lit(j, "\"") || !jstring(j, &name)) {
				dk_buf_free(&name);
				return false;
			}
			v->names[v->n - 1] = strdup(dk_buf_str(&name));
			dk_buf_free(&name);
			ws(j);
			if (!lit(j, ":"))
				return false;
		}
		if (!jvalue(j, &v->items[v->n - 1]))
			return false;
		ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return true;
		}
		if (!lit(j, ","))
			return false;
	}
}

static bool
jvalue(struct jp *j, struct jval *v)
{
	bool ok;

	ws(j);
	if (j->p >= j->end || ++j->depth > 16)
		return false;
	if (lit(j, "null"))
		ok = (v->type = J_NULL, true);
	else if (lit(j, "true") || lit(j, "false"))
		ok = (v->type = J_BOOL, v->b = j->p[-1] == 'e' && j->p[-2] == 'u', true);
	else if (lit(j, "\""))
		ok = (v->type = J_STR, jstring(j, &v->s));
	else if (lit(j, "["))
		ok = (v->type = J_ARR, jcontainer(j, v, false));
	else if (lit(j, "{"))
		ok = (v->type = J_OBJ, jcontainer(j, v, true));
	else
		ok = (v->type = J_NUM, jnumber(j, &v->s));
	j->depth--;
	return ok;
}

static void
jfree(struct jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jfree(&v->items[i]);
		free(v->names[i]);
	}
	free(v->items);
	free(v->names);
	dk_buf_free(&v->s);
}

/* The whole document is one value, then only white space. */
static void
jparse(const char *s, size_t len, struct jval *v)
{
	struct jp j = {s, s + len, 0};

	memset(v, 0, sizeof(*v));
	CHECK(jvalue(&j, v));
	ws(&j);
	CHECK(j.p == j.end);
}

/* ---- the JSON report against the table ---- */

static void
check_jstring(const struct jval *v, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	if (want == NULL) {
		CHECK(v->type == J_NULL);
		return;
	}
	json_expect(&b, want);
	CHECK(v->type == J_STR && v->s.len == b.len &&
	      memcmp(dk_buf_str(&v->s), dk_buf_str(&b), b.len) == 0);
	dk_buf_free(&b);
}

static void
check_jname(const struct jval *obj, size_t i, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	json_expect(&b, want);
	CHECK(i < obj->n && strcmp(obj->names[i], dk_buf_str(&b)) == 0);
	dk_buf_free(&b);
}

/* A row object: its keys (none in the total) then its measures, each as its cell prints. */
static void
check_jrow(const struct fixture *f, const struct jval *o, size_t row)
{
	size_t nkeys = row == DK_REPORT_TOTAL ? 0 : f->nkeys;
	char text[DK_REPORT_CELL_TEXT];

	CHECK(o->type == J_OBJ && o->n == nkeys + f->nmeasures);
	for (size_t k = 0; k < nkeys; k++) {
		const char *key = dk_report_key(f->r, row, k);

		check_jname(o, k, f->names[k]);
		check_jstring(&o->items[k], key[0] != '\0' ? key : NULL);
	}
	for (size_t m = 0; m < f->nmeasures; m++) {
		const struct dk_report_cell *c = dk_report_cell(f->r, row, m);
		const struct jval *v = &o->items[nkeys + m];

		check_jname(o, nkeys + m, f->names[f->nkeys + m]);
		dk_report_cell_text(c, text);
		if (text[0] == '\0')
			CHECK(v->type == J_NULL);
		else if (c->state == DK_REPORT_SHOWN)
			CHECK(v->type == J_NUM && strcmp(dk_buf_str(&v->s), text) == 0);
		else
			CHECK(v->type == J_STR && strcmp(dk_buf_str(&v->s), "<3") == 0);
	}
}

static void
check_jreport(const struct fixture *f, const struct jval *o)
{
	static const char *const members[] = {"scope", "public", "rule", "rows", "total"};
	size_t nrows = f->nkeys > 0 ? dk_report_rows(f->r) : 0;

	CHECK(o->type == J_OBJ && o->n == 5);
	for (size_t i = 0; i < 5; i++)
		CHECK(strcmp(o->names[i], members[i]) == 0);
	check_jstring(&o->items[0], f->scope);
	CHECK(o->items[1].type == J_BOOL && o->items[1].b == f->public);
	check_jstring(&o->items[2], f->public ? dk_report_public_rule : NULL);
	CHECK(o->items[3].type == J_ARR && o->items[3].n == nrows);
	for (size_t row = 0; row < nrows; row++)
		check_jrow(f, &o->items[3].items[row], row);
	check_jrow(f, &o->items[4], DK_REPORT_TOTAL);
}

/* ---- CSV ---- */

/* One RFC 4180 record from *p: its fields (quotes undone) into fields; false at the end. */
static bool
csv_record(const char **p, const char *end, struct dk_buf *fields, size_t max, size_t *n)
{
	*n = 0;
	if (*p >= end)
		return false;
	for (;;) {
		CHECK(*n < max);
		dk_buf_reset(&fields[*n]);
		if (**p == '"') {
			for ((*p)++;; (*p)++) {
				CHECK(*p < end);
				if (**p == '"' && (*p + 1 >= end || (*p)[1] != '"'))
					break;
				if (**p == '"')
					(*p)++;
				dk_buf_putc(&fields[*n], **p);
			}
			(*p)++;
		} else {
			while (*p < end && **p != ',' && **p != '\n') {
				CHECK(**p != '"' && **p != '\r');
				dk_buf_putc(&fields[*n], *(*p)++);
			}
		}
		(*n)++;
		CHECK(*p < end); /* every record ends with a line feed */
		if (*(*p)++ == '\n')
			return true;
		CHECK((*p)[-1] == ',');
	}
}

static bool
csv_clean(const char *s)
{
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = ref_decode((const unsigned char *)s + i, len - i, &cp);
		if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f))
			return false;
	}
	return true;
}

/* A field is the cell, less the formula guard; checked whole for cells without controls. */
static void
check_field(const struct dk_buf *field, const char *cell)
{
	const char *got = dk_buf_str(field);

	if (cell[0] != '\0' && strchr("=+-@\t\r", cell[0]) != NULL && got[0] == '\'')
		got++;
	if (csv_clean(cell))
		CHECK(strcmp(got, cell) == 0);
}

static void
check_csv(const struct fixture *f, const char *s, size_t len)
{
	size_t ncols = f->nkeys + f->nmeasures, n, nrows = f->nkeys > 0 ? dk_report_rows(f->r) : 0;
	struct dk_buf fields[MAX_COLS + 1] = {0};
	char text[DK_REPORT_CELL_TEXT];
	const char *p = s, *end = s + len;

	CHECK(csv_record(&p, end, fields, MAX_COLS + 1, &n) && n == ncols);
	for (size_t i = 0; i < ncols; i++)
		check_field(&fields[i], f->names[i]);
	for (size_t row = 0; row <= nrows; row++) {
		size_t r = row < nrows ? row : DK_REPORT_TOTAL;

		CHECK(csv_record(&p, end, fields, MAX_COLS + 1, &n) && n == ncols);
		for (size_t k = 0; k < f->nkeys; k++)
			check_field(&fields[k], r != DK_REPORT_TOTAL ? dk_report_key(f->r, r, k)
			                        : k == 0             ? "total"
			                                             : "");
		for (size_t m = 0; m < f->nmeasures; m++)
			check_field(&fields[f->nkeys + m],
			            dk_report_cell_text(dk_report_cell(f->r, r, m), text));
	}
	CHECK(p == end);
	for (size_t i = 0; i <= MAX_COLS; i++)
		dk_buf_free(&fields[i]);
}

/* ---- running the writers ---- */

struct captured {
	char *data;
	size_t len;
};

static void
run_print(const struct fixture *f, enum dk_format format, bool parts, struct captured *out)
{
	FILE *saved = stdout;
	const struct dk_cli_report_part two[] = {{"victims", f->r}, {"assistance", f->r}};

	stdout = open_memstream(&out->data, &out->len);
	CHECK(stdout != NULL);
	if (parts)
		dk_cli_print_report_parts(two, 2, format, f->public, f->scope);
	else
		dk_cli_print_report(f->r, format, f->public, f->scope);
	CHECK(fclose(stdout) == 0);
	stdout = saved;
}

static void
check_outputs(const struct fixture *f)
{
	struct captured c;
	struct jval v;

	run_print(f, DK_FORMAT_JSON, false, &c);
	check_terminal_safe(c.data, c.len, false);
	jparse(c.data, c.len, &v);
	check_jreport(f, &v);
	jfree(&v);
	free(c.data);

	run_print(f, DK_FORMAT_JSON, true, &c);
	check_terminal_safe(c.data, c.len, false);
	jparse(c.data, c.len, &v);
	CHECK(v.type == J_OBJ && v.n == 2 && strcmp(v.names[0], "victims") == 0 &&
	      strcmp(v.names[1], "assistance") == 0);
	check_jreport(f, &v.items[0]);
	check_jreport(f, &v.items[1]);
	jfree(&v);
	free(c.data);

	run_print(f, DK_FORMAT_CSV, false, &c);
	check_terminal_safe(c.data, c.len, true);
	check_csv(f, c.data, c.len);
	free(c.data);

	run_print(f, DK_FORMAT_CSV, true, &c);
	check_terminal_safe(c.data, c.len, true);
	free(c.data);

	/*
	 * A table's headers are the program's own labels (an id not in
	 * report_out.c's headers[] prints as itself), not sanitized: only the
	 * real ids go there. Its cells and the scope line are any bytes.
	 */
	if (!f->any_id) {
		run_print(f, DK_FORMAT_TABLE, false, &c);
		check_terminal_safe(c.data, c.len, false);
		free(c.data);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {data, size};
	struct fixture f;

	memset(&f, 0, sizeof(f));
	if (build(&f, &in))
		check_outputs(&f);
	fixture_free(&f);
	return 0;
}
