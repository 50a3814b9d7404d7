/*
 * `report allegations` at the app layer (issue 12): a fixed small data set,
 * answers computed by hand. One database for the suite (Argon2id is slow).
 *
 * Today is 2026-11-27. The cases:
 *   A MINUSCA reported 2025-03-10 sexual_abuse: victims adult + child (2025-03-11),
 *     one subject (2025-03-12)
 *   B MINUSCA reported 2026-02-01 sexual_exploitation: victim adult (2026-02-02),
 *     moved to assessment on 2026-09-15
 *   C MONUSCO reported 2026-05-20 sexual_abuse: victim child (2026-09-01),
 *     one subject (2026-09-02)
 *   D MONUSCO reported 2026-10-05 sexual_abuse
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/app.h"
#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/xmalloc.h"
#include "report_world.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

static struct report_world w; /* w.officer: olga, MINUSCA only */

static int
add_case(const char *mission, const char *reported, const char *category, char ref[DK_REF_MAX])
{
	struct dk_case_input in = {
	    .mission = mission, .reported = reported, .category = category, .summary = "x"};

	return dk_app_case_add(w.admin, &in, ref) == DK_OK ? 0 : -1;
}

static int
add_victim(const char *ref, const char *age, const char *on)
{
	struct dk_victim_input v = {.ref = ref, .age = age, .on = on};
	char code[DK_CODE_MAX];

	return dk_app_victim_add(w.admin, &v, code) == DK_OK ? 0 : -1;
}

static int
add_subject(const char *ref, const char *on)
{
	struct dk_subject_input s = {.ref = ref, .personnel = "military_mc", .on = on};
	char code[DK_CODE_MAX];

	return dk_app_subject_add(w.admin, &s, code) == DK_OK ? 0 : -1;
}

static int
add_data(void)
{
	char a[DK_REF_MAX], b[DK_REF_MAX], c[DK_REF_MAX], d[DK_REF_MAX];
	struct dk_move_input mv = {.state = "assessment", .on = "2026-09-15"};

	if (add_case("MINUSCA", "2025-03-10", "sexual_abuse", a) ||
	    add_victim(a, "adult", "2025-03-11") || add_victim(a, "child", "2025-03-11") ||
	    add_subject(a, "2025-03-12") ||
	    add_case("MINUSCA", "2026-02-01", "sexual_exploitation", b) ||
	    add_victim(b, "adult", "2026-02-02") ||
	    add_case("MONUSCO", "2026-05-20", "sexual_abuse", c) ||
	    add_victim(c, "child", "2026-09-01") || add_subject(c, "2026-09-02") ||
	    add_case("MONUSCO", "2026-10-05", "sexual_abuse", d))
		return -1;
	mv.ref = b;
	return dk_app_case_move(w.admin, &mv) == DK_OK ? 0 : -1;
}

static int
setup(void **state)
{
	(void)state;
	if (report_world_open(&w, "report") != 0)
		return -1;
	return add_data() != 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return report_world_close(&w);
}

/* The table as lines "key key: allegations victims child_victims subjects", total last. */
static char *
table_text(const struct dk_report *r)
{
	struct dk_buf b = DK_BUF_INIT;
	char cell[DK_REPORT_CELL_TEXT];
	size_t rows = dk_report_rows(r);

	for (size_t row = 0; row <= rows; row++) {
		size_t at = row == rows ? DK_REPORT_TOTAL : row;

		for (size_t k = 0; k < dk_report_nkeys(r); k++)
			dk_buf_printf(&b, "%s%s", k > 0 ? " " : "",
			              at == DK_REPORT_TOTAL ? "total" : dk_report_key(r, at, k));
		if (dk_report_nkeys(r) == 0 && at == DK_REPORT_TOTAL)
			dk_buf_printf(&b, "total");
		dk_buf_printf(&b, ":");
		for (size_t m = 0; m < dk_report_nmeasures(r); m++)
			dk_buf_printf(&b, " %s",
			              dk_report_cell_text(dk_report_cell(r, at, m), cell));
		dk_buf_printf(&b, "\n");
	}
	char *text = dk_xstrdup(dk_buf_str(&b));

	dk_buf_free(&b);
	return text;
}

/* Runs the report on app and compares its text with want. */
static void
check_report(struct dk_app *app, const char *by, const char *from, const char *to,
             const char *mission, bool public, const char *want)
{
	char list[128], *save = NULL;
	const char *fields[12];
	struct dk_report_query q = {fields, 0, DK_DATE_NONE, DK_DATE_NONE, mission, public};
	struct dk_report *r = NULL;
	char *text;

	snprintf(list, sizeof(list), "%s", by);
	for (char *f = strtok_r(list, ",", &save); f != NULL; f = strtok_r(NULL, ",", &save))
		fields[q.nby++] = f;
	if (from != NULL)
		assert_true(dk_date_parse(from, &q.from));
	if (to != NULL)
		assert_true(dk_date_parse(to, &q.to));
	assert_rc(dk_app_report(app, "allegations", &q, &r), DK_OK);
	text = table_text(r);
	assert_string_equal(text, want);
	free(text);
	dk_report_free(r);
}

static void
test_by_mission_counts_cases_victims_children_and_subjects(void **state)
{
	(void)state;
	check_report(w.admin, "mission", NULL, NULL, NULL, false,
	             "MINUSCA: 2 3 1 1\n"
	             "MONUSCO: 2 1 1 1\n"
	             "total: 4 4 2 2\n");
}

static void
test_no_fields_is_one_row_equal_to_the_total(void **state)
{
	(void)state;
	check_report(w.admin, "", NULL, NULL, NULL, false, ": 4 4 2 2\ntotal: 4 4 2 2\n");
}

static void
test_by_year_and_category_orders_by_keys(void **state)
{
	(void)state;
	check_report(w.admin, "year,category", NULL, NULL, NULL, false,
	             "2025 sexual_abuse: 1 2 1 1\n"
	             "2026 sexual_abuse: 2 1 1 1\n"
	             "2026 sexual_exploitation: 1 1 0 0\n"
	             "total total: 4 4 2 2\n");
}

static void
test_by_quarter_month_and_state(void **state)
{
	(void)state;
	check_report(w.admin, "quarter", NULL, NULL, NULL, false,
	             "2025-Q1: 1 2 1 1\n"
	             "2026-Q1: 1 1 0 0\n"
	             "2026-Q2: 1 1 1 1\n"
	             "2026-Q4: 1 0 0 0\n"
	             "total: 4 4 2 2\n");
	check_report(w.admin, "state,month", NULL, NULL, NULL, false,
	             "assessment 2026-02: 1 1 0 0\n"
	             "received 2025-03: 1 2 1 1\n"
	             "received 2026-05: 1 1 1 1\n"
	             "received 2026-10: 1 0 0 0\n"
	             "total total: 4 4 2 2\n");
}

static void
test_unset_field_is_an_empty_key(void **state)
{
	(void)state;
	check_report(w.admin, "type", NULL, NULL, NULL, false,
	             ": 4 4 2 2\n"
	             "total: 4 4 2 2\n");
}

static void
test_window_keeps_cases_reported_in_it(void **state)
{
	(void)state;
	check_report(w.admin, "mission", "2026-01-01", "2026-05-20", NULL, false,
	             "MINUSCA: 1 1 0 0\n"
	             "MONUSCO: 1 1 1 1\n"
	             "total: 2 2 1 1\n");
	check_report(w.admin, "mission", NULL, NULL, "monusco", false,
	             "MONUSCO: 2 1 1 1\n"
	             "total: 2 1 1 1\n");
}

static void
test_today_in_the_past_replays_cases_and_counts(void **state)
{
	dk_date past;

	(void)state;
	dk_date_parse("2026-08-01", &past);
	dk_app_set_today(w.admin, past);
	/* D reported later is absent; B not yet moved; C's victim and subject came later. */
	check_report(w.admin, "mission,state", NULL, NULL, NULL, false,
	             "MINUSCA received: 2 3 1 1\n"
	             "MONUSCO received: 1 0 0 0\n"
	             "total total: 3 3 1 1\n");
	dk_app_set_today(w.admin, w.today);
}

static void
test_officer_counts_own_missions_only(void **state)
{
	char scope[128];
	struct dk_report_query q = {NULL, 0, DK_DATE_NONE, DK_DATE_NONE, NULL, false};

	(void)state;
	check_report(w.officer, "mission", NULL, NULL, NULL, false,
	             "MINUSCA: 2 3 1 1\n"
	             "total: 2 3 1 1\n");
	check_report(w.officer, "mission", NULL, NULL, "MONUSCO", false, "total: 0 0 0 0\n");
	assert_string_equal(dk_app_report_scope(w.officer, &q, scope, sizeof(scope)),
	                    "scope: your missions (MINUSCA)");
	assert_string_equal(dk_app_report_scope(w.admin, &q, scope, sizeof(scope)),
	                    "scope: all missions");
	q.mission = "monusco";
	assert_string_equal(dk_app_report_scope(w.officer, &q, scope, sizeof(scope)),
	                    "scope: none (mission MONUSCO is not one of yours)");
	assert_string_equal(dk_app_report_scope(w.admin, &q, scope, sizeof(scope)),
	                    "scope: mission MONUSCO");
}

static void
test_public_hides_small_counts_and_the_totals_revealing_them(void **state)
{
	(void)state;
	check_report(w.admin, "mission", NULL, NULL, NULL, true,
	             "MINUSCA: <3 3 <3 <3\n"
	             "MONUSCO: <3 <3 <3 <3\n"
	             "total: <3 <3 <3 <3\n");
}

static void
test_unknown_or_repeated_field_is_refused(void **state)
{
	const char *typo[] = {"nationalty"}, *twice[] = {"year", "year"};
	struct dk_report_query q = {typo, 1, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	struct dk_report *r = NULL;

	(void)state;
	assert_rc(dk_app_report(w.admin, "allegations", &q, &r), DK_INVALID);
	assert_null(r);
	assert_string_equal(dk_app_errmsg(w.admin),
	                    "--by: unknown value 'nationalty' (did you mean nationality?)");
	typo[0] = "zzzzzzzz";
	assert_rc(dk_app_report(w.admin, "allegations", &q, &r), DK_INVALID);
	assert_string_equal(
	    dk_app_errmsg(w.admin),
	    "--by: unknown value 'zzzzzzzz' (expected one of: mission, year, quarter, "
	    "month, category, type, personnel, nationality, entity, state, outcome, "
	    "source)");
	q.by = twice;
	q.nby = 2;
	assert_rc(dk_app_report(w.admin, "allegations", &q, &r), DK_INVALID);
	assert_string_equal(dk_app_errmsg(w.admin), "--by: field 'year' given twice");
	q.nby = 0;
	q.mission = "NOWHERE";
	assert_rc(dk_app_report(w.admin, "allegations", &q, &r), DK_INVALID);
	assert_null(r);
}

/* Last: adds a case E, MONUSCO reported 2026-03-01, put under MINUSCA on 2026-10-01. */
static void
test_relocated_case_counts_under_its_mission_of_the_day(void **state)
{
	char e[DK_REF_MAX];
	dk_date past;

	(void)state;
	assert_int_equal(add_case("MONUSCO", "2026-03-01", "sexual_abuse", e), 0);
	assert_rc(dk_app_case_set(w.admin, e, "mission", "MINUSCA", "2026-10-01"), DK_OK);
	check_report(w.officer, "mission", NULL, NULL, NULL, false,
	             "MINUSCA: 3 3 1 1\n"
	             "total: 3 3 1 1\n");
	dk_date_parse("2026-08-01", &past);
	dk_app_set_today(w.admin, past);
	check_report(w.admin, "mission", NULL, NULL, "MONUSCO", false,
	             "MONUSCO: 2 0 0 0\n"
	             "total: 2 0 0 0\n");
	dk_app_set_today(w.officer, past);
	check_report(w.officer, "mission", NULL, NULL, NULL, false,
	             "MINUSCA: 2 3 1 1\n"
	             "total: 2 3 1 1\n");
	dk_app_set_today(w.officer, w.today);
	dk_app_set_today(w.admin, w.today);
}

static void
reports_together__one_refused__gives_no_table_at_all(void **state)
{
	const char *names[] = {"allegations", "allegatons"};
	struct dk_report_query q = {NULL, 0, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	const struct dk_report_query *qs[] = {&q, &q};
	struct dk_report *out[2] = {NULL, NULL};

	(void)state;
	assert_rc(dk_app_reports(w.admin, names, qs, 2, out), DK_INVALID);
	assert_null(out[0]);
	assert_null(out[1]);
	assert_string_equal(dk_app_errmsg(w.admin),
	                    "report: unknown value 'allegatons' (did you mean allegations?)");
}

static void
reports_together__each_table_is_its_report_alone(void **state)
{
	const char *names[] = {"allegations", "allegations"}, *by_year[] = {"year"};
	struct dk_report_query all = {NULL, 0, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	struct dk_report_query yearly = {by_year, 1, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	const struct dk_report_query *qs[] = {&all, &yearly};
	struct dk_report *out[2], *alone[2];
	char *got, *want;

	(void)state;
	assert_rc(dk_app_reports(w.admin, names, qs, 2, out), DK_OK);
	for (size_t i = 0; i < 2; i++) {
		assert_rc(dk_app_report(w.admin, names[i], qs[i], &alone[i]), DK_OK);
		got = table_text(out[i]);
		want = table_text(alone[i]);
		assert_string_equal(got, want);
		free(got);
		free(want);
		dk_report_free(out[i]);
		dk_report_free(alone[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_mission_counts_cases_victims_children_and_subjects),
	    cmocka_unit_test(test_no_fields_is_one_row_equal_to_the_total),
	    cmocka_unit_test(test_by_year_and_category_orders_by_keys),
	    cmocka_unit_test(test_by_quarter_month_and_state),
	    cmocka_unit_test(test_unset_field_is_an_empty_key),
	    cmocka_unit_test(test_window_keeps_cases_reported_in_it),
	    cmocka_unit_test(test_today_in_the_past_replays_cases_and_counts),
	    cmocka_unit_test(test_officer_counts_own_missions_only),
	    cmocka_unit_test(test_public_hides_small_counts_and_the_totals_revealing_them),
	    cmocka_unit_test(test_unknown_or_repeated_field_is_refused),
	    cmocka_unit_test(test_relocated_case_counts_under_its_mission_of_the_day),
	    cmocka_unit_test(reports_together__one_refused__gives_no_table_at_all),
	    cmocka_unit_test(reports_together__each_table_is_its_report_alone),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
