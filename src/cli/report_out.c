/*
 * A finished report table (docket/report.h) on stdout: aligned text through
 * output.c's table writer, CSV through the same writer, JSON as one object
 * (a report is more than rows: its total, its public rule, its scope). Every
 * cell is dk_report_cell_text's; key and measure names are the stable
 * identifiers in every format.
 */
#include <stdio.h>
#include <stdlib.h>

#include "docket/i18n.h"
#include "docket/report.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

/* The total row's first key in CSV, the last row of the file. */
#define CSV_TOTAL "total"

/* r's columns for output.c: its keys (text), then its measures (numbers or "<3"). */
static struct dk_col *
report_cols(const struct dk_report *r)
{
	size_t nkeys = dk_report_nkeys(r), n = nkeys + dk_report_nmeasures(r);
	struct dk_col *cols = dk_xcalloc(n, sizeof(*cols));

	for (size_t i = 0; i < n; i++) {
		cols[i].key =
		    i < nkeys ? dk_report_key_name(r, i) : dk_report_measure(r, i - nkeys)->name;
		cols[i].label = cols[i].key;
		cols[i].type = i < nkeys ? DK_COL_TEXT : DK_COL_INT;
	}
	return cols;
}

/*
 * Row's values (the total row's keys: total_label, then blanks); texts holds
 * a cell buffer per measure.
 */
static void
row_values(const struct dk_report *r, size_t row, const char *total_label, const char **values,
           char (*texts)[DK_REPORT_CELL_TEXT])
{
	size_t nkeys = dk_report_nkeys(r);

	for (size_t k = 0; k < nkeys; k++)
		values[k] =
		    row != DK_REPORT_TOTAL ? dk_report_key(r, row, k) : (k == 0 ? total_label : "");
	for (size_t m = 0; m < dk_report_nmeasures(r); m++)
		values[nkeys + m] = dk_report_cell_text(dk_report_cell(r, row, m), texts[m]);
}

/* The rows, then the total row, through output.c. Without keys the one row is the total. */
static void
print_rows(const struct dk_report *r, enum dk_format format, const char *total_label)
{
	size_t nkeys = dk_report_nkeys(r), ncols = nkeys + dk_report_nmeasures(r);
	struct dk_col *cols = report_cols(r);
	const char **values = dk_xcalloc(ncols, sizeof(*values));
	char(*texts)[DK_REPORT_CELL_TEXT] = dk_xcalloc(dk_report_nmeasures(r), sizeof(*texts));
	struct dk_table *t = dk_table_new(format, cols, (int)ncols, false);

	for (size_t row = 0; nkeys > 0 && row < dk_report_rows(r); row++) {
		row_values(r, row, total_label, values, texts);
		dk_table_row(t, values);
	}
	row_values(r, DK_REPORT_TOTAL, total_label, values, texts);
	dk_table_row(t, values);
	dk_table_end(&t);
	free(texts);
	free(values);
	free(cols);
}

/* The lines under a table: the public rule, the missions the report covers. */
static void
print_notes(bool public, const char *scope)
{
	struct dk_buf safe = DK_BUF_INIT;

	if (public)
		printf("%s\n", _(dk_report_public_rule));
	if (scope != NULL) {
		dk_text_sanitize(&safe, scope, DK_SANITIZE_LINE);
		printf(_("Scope: missions %s\n"), dk_buf_str(&safe));
	}
	dk_buf_free(&safe);
}

/* A cell as a JSON value: a number as it prints, blank as null, "<3" as a string. */
static void
json_cell(struct dk_buf *b, const struct dk_report_cell *c)
{
	char text[DK_REPORT_CELL_TEXT];

	dk_report_cell_text(c, text);
	if (text[0] == '\0')
		dk_buf_puts(b, "null");
	else if (c->state == DK_REPORT_SHOWN)
		dk_buf_puts(b, text);
	else
		dk_text_json_string(b, text);
}

/* "name": indented, after the previous member's separator. */
static void
json_name(struct dk_buf *b, bool first, int indent, const char *name)
{
	dk_buf_printf(b, "%s%*s", first ? "\n" : ",\n", indent, "");
	dk_text_json_string(b, name);
	dk_buf_puts(b, ": ");
}

/* One row (the total row: without keys) as an object, its members indented by indent. */
static void
json_row(struct dk_buf *b, const struct dk_report *r, size_t row, int indent)
{
	size_t nkeys = row != DK_REPORT_TOTAL ? dk_report_nkeys(r) : 0;

	dk_buf_puts(b, "{");
	for (size_t k = 0; k < nkeys; k++) {
		json_name(b, k == 0, indent, dk_report_key_name(r, k));
		dk_text_json_string(b, dk_report_key(r, row, k));
	}
	for (size_t m = 0; m < dk_report_nmeasures(r); m++) {
		json_name(b, nkeys + m == 0, indent, dk_report_measure(r, m)->name);
		json_cell(b, dk_report_cell(r, row, m));
	}
	dk_buf_printf(b, "\n%*s}", indent - 2, "");
}

/*
 * {"scope", "public", "rule", "rows": [...], "total": {...}}: the rule
 * untranslated (the same bytes in every locale), null when not public; the
 * scope null when the report covers every mission. Without keys, no rows.
 */
static void
print_json(const struct dk_report *r, bool public, const char *scope)
{
	struct dk_buf b = DK_BUF_INIT;
	size_t nrows = dk_report_nkeys(r) > 0 ? dk_report_rows(r) : 0;

	dk_buf_puts(&b, "{");
	json_name(&b, true, 2, "scope");
	dk_text_json_string(&b, scope);
	json_name(&b, false, 2, "public");
	dk_buf_puts(&b, public ? "true" : "false");
	json_name(&b, false, 2, "rule");
	dk_text_json_string(&b, public ? dk_report_public_rule : NULL);
	json_name(&b, false, 2, "rows");
	dk_buf_puts(&b, "[");
	for (size_t row = 0; row < nrows; row++) {
		dk_buf_puts(&b, row > 0 ? ",\n    " : "\n    ");
		json_row(&b, r, row, 6);
	}
	dk_buf_puts(&b, nrows > 0 ? "\n  ]" : "]");
	json_name(&b, false, 2, "total");
	json_row(&b, r, DK_REPORT_TOTAL, 4);
	dk_buf_puts(&b, "\n}\n");
	fwrite(dk_buf_str(&b), 1, b.len, stdout);
	dk_buf_free(&b);
}

void
dk_cli_print_report(const struct dk_report *r, enum dk_format format, bool public,
                    const char *scope)
{
	if (format == DK_FORMAT_JSON) {
		print_json(r, public, scope);
	} else if (format == DK_FORMAT_CSV) {
		print_rows(r, format, CSV_TOTAL);
	} else {
		print_rows(r, format, _("total"));
		print_notes(public, scope);
	}
}
