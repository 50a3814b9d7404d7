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
	                    "mission       year  allegations  victims  median_days\n"
	                    "MINUSCA       2025  1            1        7\n"
	                    "MONUSCO       2026  4            4        25\n" HOSTILE_TABLE
	                    "  2026  1            3        \n"
	                    "total               6            8        20\n");
}

static void
test_table_public(void **state)
{
	(void)state;
	assert_string_equal(print(true, DK_FORMAT_TABLE, "MINUSCA, MONUSCO"),
	                    "mission       year  allegations  victims  median_days\n"
	                    "MINUSCA       2025  <3           <3       \n"
	                    "MONUSCO       2026  4            4        25\n" HOSTILE_TABLE
	                    "  2026  <3           3        \n"
	                    "total               <3           <3       20\n"
	                    "Counts of 1 or 2 are shown as <3, and so is any total from which such "
	                    "a count could be worked out by subtraction; medians, percentiles and "
	                    "maxima over fewer than 3 cases are blank.\n"
	                    "Scope: missions MINUSCA, MONUSCO\n");
}

static void
test_csv(void **state)
{
	(void)state;
	assert_string_equal(print(false, DK_FORMAT_CSV, "MONUSCO"),
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
	assert_string_equal(print(true, DK_FORMAT_CSV, "MINUSCA, MONUSCO"),
	                    "mission,year,allegations,victims,median_days\n"
	                    "MINUSCA,2025,<3,<3,\n"
	                    "MONUSCO,2026,4,4,25\n"
	                    "\"UN\xe2\x90\x9b[2J\"\"X\"\", Y\",2026,<3,3,\n"
	                    "total,,<3,<3,20\n");
}

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
	                    "{\n"
	                    "  \"scope\": null,\n"
	                    "  \"public\": false,\n"
	                    "  \"rule\": null,\n"
	                    "  \"rows\": [\n"
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
	    print(true, DK_FORMAT_JSON, "MINUSCA, MONUSCO"),
	    "{\n"
	    "  \"scope\": \"MINUSCA, MONUSCO\",\n"
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
	                    "allegations  victims  median_days\n"
	                    "4            2        5\n");
	assert_string_equal(print_free(keyless(), DK_FORMAT_CSV),
	                    "allegations,victims,median_days\n"
	                    "4,2,5\n");
	assert_string_equal(print_free(keyless(), DK_FORMAT_JSON), "{\n"
	                                                           "  \"scope\": null,\n"
	                                                           "  \"public\": false,\n"
	                                                           "  \"rule\": null,\n"
	                                                           "  \"rows\": [],\n"
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
	                    "mission  allegations  victims  median_days\n"
	                    "total    0            0        \n");
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
		assert_int_equal(parse_by(cases[i].value, got, sizeof(got), &err), 2);
		assert_string_equal(err, cases[i].message);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),        cmocka_unit_test(test_table_public),
	    cmocka_unit_test(test_csv),          cmocka_unit_test(test_csv_public),
	    cmocka_unit_test(test_json),         cmocka_unit_test(test_json_public),
	    cmocka_unit_test(test_without_keys), cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_by),           cmocka_unit_test(test_by_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
