/* Unit tests for the CLI's report printing (table, CSV, JSON) and the --by parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "docket/report.h"
#include "cli/cli.h"

#define NONE DK_REPORT_NONE

static const char *const by_mission_year[] = {"mission", "year"};
static const struct dk_report_measure measures[] = {
    {"allegations", DK_REPORT_COUNT},
    {"victims", DK_REPORT_COUNT},
    {"median_days", DK_REPORT_MEDIAN},
};

/* What a descriptor received between begin_capture and end_capture. */
static char captured[8192];
static FILE *capture_file;
static int saved_fd;

static void
begin_capture(int fd)
{
	fflush(stdout);
	capture_file = tmpfile();
	assert_non_null(capture_file);
	saved_fd = dup(fd);
	dup2(fileno(capture_file), fd);
}

static const char *
end_capture(int fd)
{
	size_t n;

	fflush(stdout);
	dup2(saved_fd, fd);
	close(saved_fd);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

/*
 * Three rows: MONUSCO 2026 with 4 allegations, 4 victims, days 10..40;
 * MINUSCA 2025 with 1, 1, day 7; a hostile key (ESC, a comma, a quote) with
 * 1, 3 and no days.
 */
static struct dk_report *
sample(bool public)
{
	static const struct {
		const char *keys[2];
		int64_t values[3];
	} obs[] = {
	    {{"MONUSCO", "2026"}, {1, 2, 10}}, {{"MONUSCO", "2026"}, {1, 1, 20}},
	    {{"MONUSCO", "2026"}, {1, 0, 30}}, {{"MONUSCO", "2026"}, {1, 1, 40}},
	    {{"MINUSCA", "2025"}, {1, 1, 7}},  {{"UN\x1b[2J\"X\", Y", "2026"}, {1, 3, NONE}},
	};
	struct dk_report *r = dk_report_new(by_mission_year, 2, measures, 3);

	for (size_t i = 0; i < sizeof(obs) / sizeof(obs[0]); i++)
		dk_report_add(r, obs[i].keys, obs[i].values);
	dk_report_finish(r);
	if (public)
		dk_report_suppress(r);
	return r;
}

static const char *
print(bool public, enum dk_format format, const char *scope)
{
	struct dk_report *r = sample(public);

	begin_capture(STDOUT_FILENO);
	dk_cli_print_report(r, format, public, scope);
	dk_report_free(r);
	return end_capture(STDOUT_FILENO);
}

/* The hostile key as the sanitizer shows it: ESC as U+241B. */
#define HOSTILE_TABLE "UN\xe2\x90\x9b[2J\"X\", Y"

static void
test_table(void **state)
{
	(void)state;
	assert_string_equal(print(false, DK_FORMAT_TABLE, NULL),
	                    "MISSION       YEAR  ALLEGATIONS  VICTIMS  median_days\n"
	                    "MINUSCA       2025  1            1        7\n"
	                    "MONUSCO       2026  4            4        25\n" HOSTILE_TABLE
	                    "  2026  1            3        \n"
	                    "total               6            8        20\n");
}

static void
test_table_public(void **state)
{
	(void)state;
	assert_string_equal(print(true, DK_FORMAT_TABLE, "scope: your missions (MINUSCA,MONUSCO)"),
	                    "MISSION       YEAR  ALLEGATIONS  VICTIMS  median_days\n"
	                    "MINUSCA       2025  <3           <3       \n"
	                    "MONUSCO       2026  4            4        25\n" HOSTILE_TABLE
	                    "  2026  <3           3        \n"
	                    "total               <3           <3       20\n"
	                    "Counts of 1 or 2 are shown as <3, and so is any total from which such "
	                    "a count could be worked out by subtraction; medians, percentiles and "
	                    "maxima over fewer than 3 cases are blank.\n"
	                    "scope: your missions (MINUSCA,MONUSCO)\n");
}

static void
test_csv(void **state)
{
	(void)state;
	assert_string_equal(print(false, DK_FORMAT_CSV, "scope: mission MONUSCO"),
	                    "mission,year,allegations,victims,median_days\n"
	                    "MINUSCA,2025,1,1,7\n"
	                    "MONUSCO,2026,4,4,25\n"
	                    "\"UN\xe2\x90\x9b[2J\"\"X\"\", Y\",2026,1,3,\n"
	                    "total,,6,8,20\n");
}

/* Neither the rule nor the scope travel in CSV. */
static void
test_csv_public(void **state)
{
	(void)state;
	assert_string_equal(print(true, DK_FORMAT_CSV, "scope: your missions (MINUSCA,MONUSCO)"),
	                    "mission,year,allegations,victims,median_days\n"
	                    "MINUSCA,2025,<3,<3,\n"
	                    "MONUSCO,2026,4,4,25\n"
	                    "\"UN\xe2\x90\x9b[2J\"\"X\"\", Y\",2026,<3,3,\n"
	                    "total,,<3,<3,20\n");
}

/* A report's JSON object up to its rows, not public and without a scope. */
#define JSON_PRIVATE_HEAD                                                                          \
	"{\n"                                                                                      \
	"  \"scope\": null,\n"                                                                     \
	"  \"public\": false,\n"                                                                   \
	"  \"rule\": null,\n"

/* The one row public suppression leaves as it is, in JSON. */
#define JSON_MONUSCO_ROW                                                                           \
	"    {\n"                                                                                  \
	"      \"mission\": \"MONUSCO\",\n"                                                        \
	"      \"year\": \"2026\",\n"                                                              \
	"      \"allegations\": 4,\n"                                                              \
	"      \"victims\": 4,\n"                                                                  \
	"      \"median_days\": 25\n"                                                              \
	"    },\n"

static void
test_json(void **state)
{
	(void)state;
	assert_string_equal(print(false, DK_FORMAT_JSON, NULL),
	                    JSON_PRIVATE_HEAD "  \"rows\": [\n"
	                                      "    {\n"
	                                      "      \"mission\": \"MINUSCA\",\n"
	                                      "      \"year\": \"2025\",\n"
	                                      "      \"allegations\": 1,\n"
	                                      "      \"victims\": 1,\n"
	                                      "      \"median_days\": 7\n"
	                                      "    },\n" JSON_MONUSCO_ROW "    {\n"
	                                      "      \"mission\": \"UN\\u001b[2J\\\"X\\\", Y\",\n"
	                                      "      \"year\": \"2026\",\n"
	                                      "      \"allegations\": 1,\n"
	                                      "      \"victims\": 3,\n"
	                                      "      \"median_days\": null\n"
	                                      "    }\n"
	                                      "  ],\n"
	                                      "  \"total\": {\n"
	                                      "    \"allegations\": 6,\n"
	                                      "    \"victims\": 8,\n"
	                                      "    \"median_days\": 20\n"
	                                      "  }\n"
	                                      "}\n");
}

static void
test_json_public(void **state)
{
	(void)state;
	assert_string_equal(
	    print(true, DK_FORMAT_JSON, "scope: your missions (MINUSCA,MONUSCO)"),
	    "{\n"
	    "  \"scope\": \"scope: your missions (MINUSCA,MONUSCO)\",\n"
	    "  \"public\": true,\n"
	    "  \"rule\": \"Counts of 1 or 2 are shown as <3, and so is any total from which such a "
	    "count could be worked out by subtraction; medians, percentiles and maxima over fewer "
	    "than 3 cases are blank.\",\n"
	    "  \"rows\": [\n"
	    "    {\n"
	    "      \"mission\": \"MINUSCA\",\n"
	    "      \"year\": \"2025\",\n"
	    "      \"allegations\": \"<3\",\n"
	    "      \"victims\": \"<3\",\n"
	    "      \"median_days\": null\n"
	    "    },\n" JSON_MONUSCO_ROW "    {\n"
	    "      \"mission\": \"UN\\u001b[2J\\\"X\\\", Y\",\n"
	    "      \"year\": \"2026\",\n"
	    "      \"allegations\": \"<3\",\n"
	    "      \"victims\": 3,\n"
	    "      \"median_days\": null\n"
	    "    }\n"
	    "  ],\n"
	    "  \"total\": {\n"
	    "    \"allegations\": \"<3\",\n"
	    "    \"victims\": \"<3\",\n"
	    "    \"median_days\": 20\n"
	    "  }\n"
	    "}\n");
}

/* r printed in format, freed. */
static const char *
print_free(struct dk_report *r, enum dk_format format)
{
	begin_capture(STDOUT_FILENO);
	dk_cli_print_report(r, format, false, NULL);
	dk_report_free(r);
	return end_capture(STDOUT_FILENO);
}

/* A table without keys (two observations): only its total, in every format. */
static struct dk_report *
keyless(void)
{
	struct dk_report *r = dk_report_new(NULL, 0, measures, 3);
	const int64_t v[] = {2, 1, 5};

	dk_report_add(r, NULL, v);
	dk_report_add(r, NULL, v);
	dk_report_finish(r);
	return r;
}

static void
test_without_keys(void **state)
{
	(void)state;
	assert_string_equal(print_free(keyless(), DK_FORMAT_TABLE),
	                    "ALLEGATIONS  VICTIMS  median_days\n"
	                    "4            2        5\n");
	assert_string_equal(print_free(keyless(), DK_FORMAT_CSV),
	                    "allegations,victims,median_days\n"
	                    "4,2,5\n");
	assert_string_equal(print_free(keyless(), DK_FORMAT_JSON),
	                    JSON_PRIVATE_HEAD "  \"rows\": [],\n"
	                                      "  \"total\": {\n"
	                                      "    \"allegations\": 4,\n"
	                                      "    \"victims\": 2,\n"
	                                      "    \"median_days\": 5\n"
	                                      "  }\n"
	                                      "}\n");
}

/* No cases: the header and a total of zeros, a blank median. */
static void
test_empty(void **state)
{
	struct dk_report *r;

	(void)state;
	r = dk_report_new(by_mission_year, 1, measures, 3);
	dk_report_finish(r);
	assert_string_equal(print_free(r, DK_FORMAT_TABLE),
	                    "MISSION  ALLEGATIONS  VICTIMS  median_days\n"
	                    "total    0            0        \n");
}

/* Two rows by nationality: one not set (""), one "BGD"; allegations only. */
static const struct dk_report_measure allegations_only[] = {{"allegations", DK_REPORT_COUNT}};
static const char *const by_nationality[] = {"nationality"};

static struct dk_report *
with_unset_key(void)
{
	struct dk_report *r = dk_report_new(by_nationality, 1, allegations_only, 1);
	const char *unset[] = {""}, *bgd[] = {"BGD"};
	const int64_t one = 1;

	dk_report_add(r, unset, &one);
	dk_report_add(r, bgd, &one);
	dk_report_add(r, bgd, &one);
	dk_report_finish(r);
	return r;
}

static void
report_table__key_not_set__prints_dash(void **state)
{
	(void)state;
	assert_string_equal(print_free(with_unset_key(), DK_FORMAT_TABLE),
	                    "NATIONALITY  ALLEGATIONS\n"
	                    "-            1\n"
	                    "BGD          2\n"
	                    "total        3\n");
}

static void
report_csv__key_not_set__is_empty(void **state)
{
	(void)state;
	assert_string_equal(print_free(with_unset_key(), DK_FORMAT_CSV), "nationality,allegations\n"
	                                                                 ",1\n"
	                                                                 "BGD,2\n"
	                                                                 "total,3\n");
}

static void
report_json__key_not_set__is_null(void **state)
{
	(void)state;
	assert_string_equal(print_free(with_unset_key(), DK_FORMAT_JSON),
	                    JSON_PRIVATE_HEAD "  \"rows\": [\n"
	                                      "    {\n"
	                                      "      \"nationality\": null,\n"
	                                      "      \"allegations\": 1\n"
	                                      "    },\n"
	                                      "    {\n"
	                                      "      \"nationality\": \"BGD\",\n"
	                                      "      \"allegations\": 2\n"
	                                      "    }\n"
	                                      "  ],\n"
	                                      "  \"total\": {\n"
	                                      "    \"allegations\": 3\n"
	                                      "  }\n"
	                                      "}\n");
}

/*
 * The victims report's three parts, small: victims by sex (female 1), lines
 * by kind (medical 2), claims without keys (none).
 */
static const struct dk_report_measure victims_m[] = {{"victims", DK_REPORT_COUNT}};
static const struct dk_report_measure lines_m[] = {{"lines", DK_REPORT_COUNT}};
static const struct dk_report_measure claims_m[] = {{"claims", DK_REPORT_COUNT}};
static const char *const by_sex[] = {"sex"}, *const by_kind[] = {"kind"};

static const char *
print_parts(enum dk_format format, bool public)
{
	const char *female[] = {"female"}, *medical[] = {"medical"};
	const int64_t one = 1;
	struct dk_report *v = dk_report_new(by_sex, 1, victims_m, 1);
	struct dk_report *a = dk_report_new(by_kind, 1, lines_m, 1);
	struct dk_report *p = dk_report_new(NULL, 0, claims_m, 1);
	const struct dk_cli_report_part parts[] = {
	    {"victims", v}, {"assistance", a}, {"paternity", p}};

	dk_report_add(v, female, &one);
	dk_report_add(a, medical, &one);
	dk_report_add(a, medical, &one);
	dk_report_finish(v);
	dk_report_finish(a);
	dk_report_finish(p);
	begin_capture(STDOUT_FILENO);
	dk_cli_print_report_parts(parts, 3, format, public, "scope: all missions");
	dk_report_free(v);
	dk_report_free(a);
	dk_report_free(p);
	return end_capture(STDOUT_FILENO);
}

/* The keys by their display names: a table is for people (CSV and JSON keep the ids). */
static void
report_parts_table__titles_blank_lines_then_scope_once(void **state)
{
	(void)state;
	assert_string_equal(print_parts(DK_FORMAT_TABLE, false), "Victims\n"
	                                                         "SEX     VICTIMS\n"
	                                                         "Female  1\n"
	                                                         "total   1\n"
	                                                         "\n"
	                                                         "Assistance\n"
	                                                         "ASSISTANCE KIND  LINES\n"
	                                                         "Medical care     2\n"
	                                                         "total            2\n"
	                                                         "\n"
	                                                         "Paternity claims\n"
	                                                         "CLAIMS\n"
	                                                         "0\n"
	                                                         "scope: all missions\n");
}

static void
report_parts_csv__tables_separated_by_one_empty_line(void **state)
{
	(void)state;
	assert_string_equal(print_parts(DK_FORMAT_CSV, true), "sex,victims\n"
	                                                      "female,1\n"
	                                                      "total,1\n"
	                                                      "\n"
	                                                      "kind,lines\n"
	                                                      "medical,2\n"
	                                                      "total,2\n"
	                                                      "\n"
	                                                      "claims\n"
	                                                      "0\n");
}

static void
report_parts_json__one_object_member_per_part(void **state)
{
	(void)state;
	assert_string_equal(print_parts(DK_FORMAT_JSON, false),
	                    "{\n"
	                    "  \"victims\": {\n"
	                    "    \"scope\": \"scope: all missions\",\n"
	                    "    \"public\": false,\n"
	                    "    \"rule\": null,\n"
	                    "    \"rows\": [\n"
	                    "      {\n"
	                    "        \"sex\": \"female\",\n"
	                    "        \"victims\": 1\n"
	                    "      }\n"
	                    "    ],\n"
	                    "    \"total\": {\n"
	                    "      \"victims\": 1\n"
	                    "    }\n"
	                    "  },\n"
	                    "  \"assistance\": {\n"
	                    "    \"scope\": \"scope: all missions\",\n"
	                    "    \"public\": false,\n"
	                    "    \"rule\": null,\n"
	                    "    \"rows\": [\n"
	                    "      {\n"
	                    "        \"kind\": \"medical\",\n"
	                    "        \"lines\": 2\n"
	                    "      }\n"
	                    "    ],\n"
	                    "    \"total\": {\n"
	                    "      \"lines\": 2\n"
	                    "    }\n"
	                    "  },\n"
	                    "  \"paternity\": {\n"
	                    "    \"scope\": \"scope: all missions\",\n"
	                    "    \"public\": false,\n"
	                    "    \"rule\": null,\n"
	                    "    \"rows\": [],\n"
	                    "    \"total\": {\n"
	                    "      \"claims\": 0\n"
	                    "    }\n"
	                    "  }\n"
	                    "}\n");
}

static const char *const fields[] = {"mission", "year", "quarter", "category"};

/* --by value parsed: its status, the fields as "i,j,", stderr in *err. */
static int
parse_by(const char *value, char *out, size_t size, const char **err)
{
	size_t idx[4], n = 99, len = 0;
	int status;

	begin_capture(STDERR_FILENO);
	status = dk_cli_parse_by(value, fields, 4, idx, &n);
	*err = end_capture(STDERR_FILENO);
	out[0] = '\0';
	for (size_t i = 0; status == 0 && i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%zu,", idx[i]);
	return status;
}

static void
test_by(void **state)
{
	char got[64];
	const char *err;

	(void)state;
	assert_int_equal(parse_by("category,mission", got, sizeof(got), &err), 0);
	assert_string_equal(got, "3,0,");
	assert_string_equal(err, "");
	assert_int_equal(parse_by("year", got, sizeof(got), &err), 0);
	assert_string_equal(got, "1,");
}

static void
test_by_refusals(void **state)
{
	static const struct {
		const char *value, *message;
	} cases[] = {
	    {"", "docket: --by: an empty field in ''\n"},
	    {"mission,,year", "docket: --by: an empty field in 'mission,,year'\n"},
	    {"mission,", "docket: --by: an empty field in 'mission,'\n"},
	    {"year,mission,year", "docket: --by: 'year' is given twice\n"},
	    {"mission,quartre",
	     "docket: --by: unknown field 'quartre' (did you mean 'quarter'?)\n"},
	    {"Mission", "docket: --by: unknown field 'Mission' (did you mean 'mission'?)\n"},
	    {"victim", "docket: --by: unknown field 'victim' (fields: mission, year, quarter, "
	               "category)\n"},
	    {"year,\x1b[2J", "docket: --by: unknown field '\xe2\x90\x9b[2J' (fields: mission, "
	                     "year, quarter, category)\n"},
	};
	char got[64];
	const char *err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse_by(cases[i].value, got, sizeof(got), &err), 1);
		assert_string_equal(err, cases[i].message);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_table_public),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_csv_public),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_json_public),
	    cmocka_unit_test(test_without_keys),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_by),
	    cmocka_unit_test(test_by_refusals),
	    cmocka_unit_test(report_table__key_not_set__prints_dash),
	    cmocka_unit_test(report_csv__key_not_set__is_empty),
	    cmocka_unit_test(report_json__key_not_set__is_null),
	    cmocka_unit_test(report_parts_table__titles_blank_lines_then_scope_once),
	    cmocka_unit_test(report_parts_csv__tables_separated_by_one_empty_line),
	    cmocka_unit_test(report_parts_json__one_object_member_per_part),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
