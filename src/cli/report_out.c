/*
 * A finished report table (docket/report.h) on stdout: aligned text through
 * output.c's table writer, CSV through the same writer, JSON as one object
 * (a report is more than rows: its total, its public rule, its scope). Every
 * cell is dk_report_cell_text's; key and measure names are the stable
 * identifiers in CSV and JSON, translated headers in a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/report.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

/* The total row's first key in CSV, the last row of the file. */
#define CSV_TOTAL "total"

/*
 * The table header of every column id the reports use: their --by fields,
 * then their measures (i12_spec.md). An id missing here prints as itself.
 */
static const struct {
	const char *id, *label;
} headers[] = {
    {"mission", N_("MISSION")},
    {"year", N_("YEAR")},
    {"quarter", N_("QUARTER")},
    {"month", N_("MONTH")},
    {"category", N_("CATEGORY")},
    {"type", N_("TYPE")},
    {"personnel", N_("PERSONNEL")},
    {"nationality", N_("NATIONALITY")},
    {"entity", N_("ENTITY")},
    {"state", N_("STATE")},
    {"outcome", N_("OUTCOME")},
    {"source", N_("SOURCE")},
    {"urgent", N_("URGENT")},
    {"sex", N_("SEX")},
    {"age", N_("AGE")},
    {"kind", N_("ASSISTANCE KIND")},
    {"status", N_("STATUS")},
    {"step", N_("STEP")},
    {"action", N_("ACTION")},
    {"allegations", N_("ALLEGATIONS")},
    {"victims", N_("VICTIMS")},
    {"child_victims", N_("CHILD VICTIMS")},
    {"subjects", N_("SUBJECTS")},
    {"referred", N_("REFERRED")},
    {"nio_appointed", N_("NIO APPOINTED")},
    {"median_days_to_nio", N_("MEDIAN DAYS TO NIO")},
    {"concluded", N_("CONCLUDED")},
    {"median_days_to_conclude", N_("MEDIAN DAYS TO CONCLUDE")},
    {"p90_days_to_conclude", N_("P90 DAYS TO CONCLUDE")},
    {"met_original", N_("MET ORIGINAL")},
    {"met_extended", N_("MET EXTENDED")},
    {"missed", N_("MISSED")},
    {"open_overdue", N_("OPEN OVERDUE")},
    {"open_on_track", N_("OPEN ON TRACK")},
    {"nio_overdue", N_("NIO OVERDUE")},
    {"nio_overdue_days", N_("NIO OVERDUE DAYS")},
    {"investigation_overdue", N_("INVESTIGATION OVERDUE")},
    {"investigation_overdue_days", N_("INVESTIGATION OVERDUE DAYS")},
    {"action_pending", N_("ACTION PENDING")},
    {"action_pending_days", N_("ACTION PENDING DAYS")},
    {"paternity_pending", N_("PATERNITY PENDING")},
    {"paternity_pending_days", N_("PATERNITY PENDING DAYS")},
    {"lines", N_("LINES")},
    {"claims", N_("CLAIMS")},
    {"interim", N_("INTERIM")},
    {"final", N_("FINAL")},
};

/* The titles of the parts of a report printed in several (report victims). */
static const struct {
	const char *name, *title;
} part_titles[] = {
    {"victims", N_("Victims")},
    {"assistance", N_("Assistance")},
    {"paternity", N_("Paternity claims")},
};

/* id's table header, untranslated (output.c translates labels). */
static const char *
header_of(const char *id)
{
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		if (strcmp(headers[i].id, id) == 0)
			return headers[i].label;
	return id;
}

/* r's columns for output.c: its keys (text), then its measures (numbers or "<3"). */
static struct dk_col *
report_cols(const struct dk_report *r)
{
	size_t nkeys = dk_report_nkeys(r), n = nkeys + dk_report_nmeasures(r);
	struct dk_col *cols = dk_xcalloc(n, sizeof(*cols));

	for (size_t i = 0; i < n; i++) {
		cols[i].key =
		    i < nkeys ? dk_report_key_name(r, i) : dk_report_measure(r, i - nkeys)->name;
		cols[i].label = header_of(cols[i].key);
		cols[i].type = i < nkeys ? DK_COL_TEXT : DK_COL_INT;
		cols[i].ids = i < nkeys ? dk_label_kind_of_field(cols[i].key) : DK_LABEL_NONE;
	}
	return cols;
}

/*
 * Row's values (the total row's keys: total_label, then blanks); a key not
 * set ("") is NULL, which a table prints "-" and CSV as an empty field.
 * texts holds a cell buffer per measure.
 */
static void
row_values(const struct dk_report *r, size_t row, const char *total_label, const char **values,
           char (*texts)[DK_REPORT_CELL_TEXT])
{
	size_t nkeys = dk_report_nkeys(r);

	for (size_t k = 0; k < nkeys; k++) {
		const char *key = row != DK_REPORT_TOTAL ? dk_report_key(r, row, k) : NULL;

		values[k] =
		    key != NULL ? (key[0] != '\0' ? key : NULL) : (k == 0 ? total_label : "");
	}
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

/* The lines under a table: the public rule, the scope line. */
static void
print_notes(bool public, const char *scope)
{
	struct dk_buf safe = DK_BUF_INIT;

	if (public)
		printf("%s\n", _(dk_report_public_rule));
	if (scope != NULL) {
		dk_text_sanitize(&safe, scope, DK_SANITIZE_LINE);
		printf("%s\n", dk_buf_str(&safe));
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
		const char *key = dk_report_key(r, row, k);

		json_name(b, k == 0, indent, dk_report_key_name(r, k));
		dk_text_json_string(b, key[0] != '\0' ? key : NULL);
	}
	for (size_t m = 0; m < dk_report_nmeasures(r); m++) {
		json_name(b, nkeys + m == 0, indent, dk_report_measure(r, m)->name);
		json_cell(b, dk_report_cell(r, row, m));
	}
	dk_buf_printf(b, "\n%*s}", indent - 2, "");
}

/*
 * {"scope", "public", "rule", "rows": [...], "total": {...}} into b, its
 * members indented by at + 2: the rule untranslated (the same bytes in
 * every locale), null when not public; the scope line as the app words it.
 * Without keys, no rows.
 */
static void
json_report(struct dk_buf *b, const struct dk_report *r, bool public, const char *scope, int at)
{
	size_t nrows = dk_report_nkeys(r) > 0 ? dk_report_rows(r) : 0;

	dk_buf_puts(b, "{");
	json_name(b, true, at + 2, "scope");
	dk_text_json_string(b, scope);
	json_name(b, false, at + 2, "public");
	dk_buf_puts(b, public ? "true" : "false");
	json_name(b, false, at + 2, "rule");
	dk_text_json_string(b, public ? dk_report_public_rule : NULL);
	json_name(b, false, at + 2, "rows");
	dk_buf_puts(b, "[");
	for (size_t row = 0; row < nrows; row++) {
		dk_buf_printf(b, "%s%*s", row > 0 ? ",\n" : "\n", at + 4, "");
		json_row(b, r, row, at + 6);
	}
	if (nrows > 0)
		dk_buf_printf(b, "\n%*s", at + 2, "");
	dk_buf_puts(b, "]");
	json_name(b, false, at + 2, "total");
	json_row(b, r, DK_REPORT_TOTAL, at + 4);
	dk_buf_printf(b, "\n%*s}", at, "");
}

static void
print_buf(struct dk_buf *b)
{
	fwrite(dk_buf_str(b), 1, b->len, stdout);
	dk_buf_free(b);
}

void
dk_cli_print_report(const struct dk_report *r, enum dk_format format, bool public,
                    const char *scope)
{
	struct dk_buf b = DK_BUF_INIT;

	if (format == DK_FORMAT_JSON) {
		json_report(&b, r, public, scope, 0);
		dk_buf_putc(&b, '\n');
		print_buf(&b);
	} else if (format == DK_FORMAT_CSV) {
		print_rows(r, format, CSV_TOTAL);
	} else {
		print_rows(r, format, _("total"));
		print_notes(public, scope);
	}
}

/* A part's title line (table format): translated, the name itself when it has none. */
static const char *
part_title(const char *name)
{
	for (size_t i = 0; i < sizeof(part_titles) / sizeof(part_titles[0]); i++)
		if (strcmp(part_titles[i].name, name) == 0)
			return _(part_titles[i].title);
	return name;
}

void
dk_cli_print_report_parts(const struct dk_cli_report_part *parts, size_t nparts,
                          enum dk_format format, bool public, const char *scope)
{
	struct dk_buf b = DK_BUF_INIT;

	if (format == DK_FORMAT_JSON) {
		dk_buf_putc(&b, '{');
		for (size_t i = 0; i < nparts; i++) {
			json_name(&b, i == 0, 2, parts[i].name);
			json_report(&b, parts[i].table, public, scope, 2);
		}
		dk_buf_puts(&b, "\n}\n");
		print_buf(&b);
		return;
	}
	for (size_t i = 0; i < nparts; i++) {
		if (i > 0)
			putchar('\n');
		if (format == DK_FORMAT_TABLE)
			printf("%s\n", part_title(parts[i].name));
		print_rows(parts[i].table, format,
		           format == DK_FORMAT_CSV ? CSV_TOTAL : _("total"));
	}
	if (format == DK_FORMAT_TABLE)
		print_notes(public, scope);
}
