/* One writer for every listing: aligned table for people, CSV and JSON for programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

/* Rows measured before the table's column widths are fixed; the rest stream. */
#define TABLE_SAMPLE_ROWS 256
#define TABLE_MAX_WIDTH 48
#define TABLE_GAP "  "

struct dk_table {
	enum dk_format format;
	const struct dk_col *cols;
	int ncols;
	bool show;
	long rows;      /* rows written or buffered so far */
	char **pending; /* table mode: sanitized cells of buffered rows */
	int npending;
	int *widths; /* fixed once the first rows are flushed */
	bool widths_fixed;
	struct dk_buf out;
};

const char *
dk_cli_int(char *buf, size_t size, long v)
{
	snprintf(buf, size, "%ld", v);
	return buf;
}

const char *
dk_cli_date(char *buf, dk_date d)
{
	if (d == DK_DATE_NONE)
		return NULL;
	dk_date_format(d, buf);
	return buf;
}

struct dk_table *
dk_table_new(enum dk_format format, const struct dk_col *cols, int ncols, bool show)
{
	struct dk_table *t = dk_xcalloc(1, sizeof(*t));

	t->format = format;
	t->cols = cols;
	t->ncols = ncols;
	t->show = show;
	t->widths = dk_xcalloc((size_t)ncols, sizeof(*t->widths));
	t->pending = dk_xcalloc((size_t)(TABLE_SAMPLE_ROWS * ncols), sizeof(*t->pending));
	return t;
}

static void
flush_out(struct dk_table *t)
{
	if (t->out.len > 0)
		fwrite(t->out.data, 1, t->out.len, stdout);
	dk_buf_reset(&t->out);
}

/* Booleans travel as "yes"/"no" in text and as true/false in JSON. */
static bool
is_yes(const char *v)
{
	return v != NULL && strcmp(v, "yes") == 0;
}

static bool
is_integer(const char *v)
{
	char *end;

	if (v == NULL || *v == '\0')
		return false;
	(void)strtol(v, &end, 10);
	return *end == '\0';
}

static void
json_value(struct dk_buf *b, const struct dk_col *col, const char *v)
{
	if (v == NULL) {
		dk_buf_puts(b, "null");
		return;
	}
	switch (col->type) {
	case DK_COL_INT:
		dk_buf_puts(b, is_integer(v) ? v : "null");
		break;
	case DK_COL_BOOL:
		dk_buf_puts(b, is_yes(v) ? "true" : "false");
		break;
	case DK_COL_TEXT:
	case DK_COL_DATE:
		dk_text_json_string(b, v);
		break;
	}
}

/* One object's members (no braces), each on its own line at indent. */
static void
json_members(struct dk_buf *b, const struct dk_col *cols, int ncols, const char *const *values,
             const char *indent)
{
	for (int i = 0; i < ncols; i++) {
		dk_buf_printf(b, "%s\"%s\": ", indent, cols[i].key);
		json_value(b, &cols[i], values[i]);
		dk_buf_puts(b, i + 1 < ncols ? ",\n" : "");
	}
}

/* A show object stays open until dk_table_end, so sections can join it. */
static void
json_row(struct dk_table *t, const char *const *values)
{
	if (t->show) {
		dk_buf_puts(&t->out, "{\n");
		json_members(&t->out, t->cols, t->ncols, values, "  ");
		return;
	}
	dk_buf_puts(&t->out, t->rows == 0 ? "[\n  {\n" : ",\n  {\n");
	json_members(&t->out, t->cols, t->ncols, values, "    ");
	dk_buf_puts(&t->out, "\n  }");
}

static void
csv_header(struct dk_table *t)
{
	for (int i = 0; i < t->ncols; i++) {
		dk_buf_puts(&t->out, i ? "," : "");
		dk_text_csv_field(&t->out, t->cols[i].key);
	}
	dk_buf_putc(&t->out, '\n');
}

static void
csv_row(struct dk_table *t, const char *const *values)
{
	if (t->rows == 0)
		csv_header(t);
	for (int i = 0; i < t->ncols; i++) {
		dk_buf_puts(&t->out, i ? "," : "");
		/* A number such as -12 days left is data, not a formula: no guard for it. */
		if (t->cols[i].type == DK_COL_INT && is_integer(values[i]))
			dk_buf_puts(&t->out, values[i]);
		else
			dk_text_csv_field(&t->out, values[i] != NULL ? values[i] : "");
	}
	dk_buf_putc(&t->out, '\n');
}

/*
 * What the table format shows of a value of col: an identifier's display name, a date in
 * the locale's format (valid until the next call), yes or no in the language.
 */
static const char *
shown(const struct dk_col *col, const char *v)
{
	static char date[DK_DATE_STRLEN];
	dk_date d;

	if (col->type == DK_COL_DATE && dk_date_parse(v, &d)) {
		dk_date_show(d, date);
		return date;
	}
	if (col->type == DK_COL_BOOL && (is_yes(v) || strcmp(v, "no") == 0))
		return is_yes(v) ? _("yes") : _("no");
	return col->ids != DK_LABEL_NONE ? dk_label_show(col->ids, v) : v;
}

/* "label   value" lines; continuation lines of multi-line text are indented. */
static void
show_row(struct dk_table *t, const char *const *values)
{
	struct dk_buf safe = DK_BUF_INIT;
	int label_width = 0;

	for (int i = 0; i < t->ncols; i++) {
		int w = dk_text_width(_(t->cols[i].label));
		label_width = w > label_width ? w : label_width;
	}
	for (int i = 0; i < t->ncols; i++) {
		if (values[i] == NULL)
			continue;
		dk_buf_reset(&safe);
		dk_text_sanitize(&safe, shown(&t->cols[i], values[i]), DK_SANITIZE_MULTILINE);
		dk_text_fit(&t->out, _(t->cols[i].label), label_width, true);
		dk_buf_puts(&t->out, TABLE_GAP);
		for (const char *p = dk_buf_str(&safe); *p != '\0'; p++) {
			dk_buf_putc(&t->out, *p);
			if (*p == '\n')
				dk_buf_printf(&t->out, "%*s" TABLE_GAP, label_width, "");
		}
		dk_buf_putc(&t->out, '\n');
	}
	dk_buf_free(&safe);
}

static void
table_line(struct dk_table *t, char *const *cells)
{
	for (int i = 0; i < t->ncols; i++) {
		bool last = i + 1 == t->ncols;

		dk_text_fit(&t->out, cells[i], t->widths[i], !last);
		dk_buf_puts(&t->out, last ? "\n" : TABLE_GAP);
	}
}

/* Fixes the widths from the header and the sampled rows, then writes them. */
static void
table_flush(struct dk_table *t)
{
	char **header = dk_xcalloc((size_t)t->ncols, sizeof(*header));

	if (!t->widths_fixed) {
		for (int i = 0; i < t->ncols; i++) {
			header[i] = (char *)_(t->cols[i].label);
			t->widths[i] = dk_text_width(header[i]);
			for (int r = 0; r < t->npending; r++) {
				int w = dk_text_width(t->pending[r * t->ncols + i]);
				t->widths[i] = w > t->widths[i] ? w : t->widths[i];
			}
			if (t->widths[i] > TABLE_MAX_WIDTH)
				t->widths[i] = TABLE_MAX_WIDTH;
		}
		table_line(t, header);
		t->widths_fixed = true;
	}
	for (int r = 0; r < t->npending; r++) {
		table_line(t, &t->pending[r * t->ncols]);
		for (int i = 0; i < t->ncols; i++)
			dk_xfree_wiped(&t->pending[r * t->ncols + i]);
	}
	t->npending = 0;
	free(header);
}

static void
table_row(struct dk_table *t, const char *const *values)
{
	struct dk_buf safe = DK_BUF_INIT;

	for (int i = 0; i < t->ncols; i++) {
		dk_buf_reset(&safe);
		dk_text_sanitize(&safe, values[i] != NULL ? shown(&t->cols[i], values[i]) : "-",
		                 DK_SANITIZE_LINE);
		t->pending[t->npending * t->ncols + i] = dk_xstrdup(dk_buf_str(&safe));
	}
	dk_buf_free(&safe);
	if (++t->npending == TABLE_SAMPLE_ROWS || t->widths_fixed)
		table_flush(t);
}

void
dk_table_row(struct dk_table *t, const char *const *values)
{
	if (t->format == DK_FORMAT_JSON)
		json_row(t, values);
	else if (t->format == DK_FORMAT_CSV)
		csv_row(t, values);
	else if (t->show)
		show_row(t, values);
	else
		table_row(t, values);
	t->rows++;
	flush_out(t);
}

static void
table_free(struct dk_table *t)
{
	for (int i = 0; i < t->npending * t->ncols; i++)
		dk_xfree_wiped(&t->pending[i]);
	dk_buf_free(&t->out);
	free(t->widths);
	free(t->pending);
	free(t);
}

void
dk_table_discard(struct dk_table **tp)
{
	if (*tp != NULL)
		table_free(*tp);
	*tp = NULL;
}

static const char *
section_cell(const struct dk_col *col, const char *v)
{
	return v != NULL ? shown(col, v) : "-";
}

/* Aligned rows under a heading, for the table form of a show section. */
static void
section_table(struct dk_table *t, const char *label, const struct dk_col *cols, int ncols,
              const char *const *values, int nrows)
{
	struct dk_buf safe = DK_BUF_INIT;
	int *widths = dk_xcalloc((size_t)ncols, sizeof(*widths));

	dk_buf_printf(&t->out, "\n%s\n", _(label));
	for (int i = 0; i < ncols; i++)
		widths[i] = dk_text_width(_(cols[i].label));
	for (int r = 0; r < nrows; r++) {
		for (int i = 0; i < ncols; i++) {
			int w;

			dk_buf_reset(&safe);
			dk_text_sanitize(&safe, section_cell(&cols[i], values[r * ncols + i]),
			                 DK_SANITIZE_LINE);
			w = dk_text_width(dk_buf_str(&safe));
			widths[i] = w > widths[i] ? w : widths[i];
		}
	}
	if (nrows > 0) {
		dk_buf_puts(&t->out, TABLE_GAP);
		for (int i = 0; i < ncols; i++) {
			dk_text_fit(&t->out, _(cols[i].label), widths[i], i + 1 < ncols);
			dk_buf_puts(&t->out, i + 1 < ncols ? TABLE_GAP : "\n");
		}
	}
	for (int r = 0; r < nrows; r++) {
		dk_buf_puts(&t->out, TABLE_GAP);
		for (int i = 0; i < ncols; i++) {
			dk_buf_reset(&safe);
			dk_text_sanitize(&safe, section_cell(&cols[i], values[r * ncols + i]),
			                 DK_SANITIZE_LINE);
			dk_text_fit(&t->out, dk_buf_str(&safe), widths[i], i + 1 < ncols);
			dk_buf_puts(&t->out, i + 1 < ncols ? TABLE_GAP : "\n");
		}
	}
	if (nrows == 0)
		dk_buf_printf(&t->out, "%s%s\n", TABLE_GAP, _("(none)"));
	dk_buf_free(&safe);
	free(widths);
}

void
dk_table_section(struct dk_table *t, const char *key, const char *label, const struct dk_col *cols,
                 int ncols, const char *const *values, int nrows)
{
	if (!t->show || t->rows == 0)
		return;
	if (t->format == DK_FORMAT_JSON) {
		dk_buf_printf(&t->out, ",\n  \"%s\": [", key);
		for (int r = 0; r < nrows; r++) {
			dk_buf_puts(&t->out, r ? ",\n    {\n" : "\n    {\n");
			json_members(&t->out, cols, ncols, &values[r * ncols], "      ");
			dk_buf_puts(&t->out, "\n    }");
		}
		dk_buf_puts(&t->out, nrows ? "\n  ]" : "]");
	} else if (t->format == DK_FORMAT_TABLE) {
		section_table(t, label, cols, ncols, values, nrows);
	}
	flush_out(t);
}

void
dk_table_end(struct dk_table **tp)
{
	struct dk_table *t = *tp;

	if (t == NULL)
		return;
	if (t->format == DK_FORMAT_JSON && t->show && t->rows > 0)
		dk_buf_puts(&t->out, "\n}\n");
	if (t->format == DK_FORMAT_JSON && !t->show)
		dk_buf_puts(&t->out, t->rows == 0 ? "[]\n" : "\n]\n");
	else if (t->format == DK_FORMAT_CSV && t->rows == 0)
		csv_header(t);
	else if (t->format == DK_FORMAT_TABLE && !t->show && (t->npending > 0 || t->rows == 0))
		table_flush(t);
	flush_out(t);
	table_free(t);
	*tp = NULL;
}

void
dk_cells_add(struct dk_cells *c, const char *const *values)
{
	if (c->nrows == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->cells =
		    dk_xrealloc(c->cells, (size_t)c->cap * (size_t)c->ncols * sizeof(*c->cells));
	}
	for (int i = 0; i < c->ncols; i++)
		c->cells[c->nrows * c->ncols + i] =
		    values[i] != NULL ? dk_xstrdup(values[i]) : NULL;
	c->nrows++;
}

void
dk_cells_free(struct dk_cells *c)
{
	for (int i = 0; i < c->nrows * c->ncols; i++)
		dk_xfree_wiped(&c->cells[i]);
	free(c->cells);
	c->cells = NULL;
	c->nrows = c->cap = 0;
}
