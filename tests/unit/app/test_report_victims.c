/*
 * `report victims`, `assistance`, `paternity` and `actions` at the app layer
 * (issue 12): a fixed small data set, answers computed by hand. One database
 * for the suite (Argon2id is slow). Today is 2026-11-27; the past day D used
 * below is 2026-08-01. In the order recorded:
 *
 *   A MINUSCA reported 2025-03-10: V1 female adult and V2 female child named
 *     2025-03-11; subject SA1 military_mc 2025-03-12; assessment 2025-04-01,
 *     referred (tcc) 2025-04-02, investigating 2025-05-01, concluded
 *     substantiated 2026-09-20 (after D)
 *   B MINUSCA reported 2026-02-01: V1 named again 2026-02-02; subject SB1
 *     military_mc 2026-02-05; V4 (sex unknown) adult named 2026-10-10 (after D)
 *   F MONUSCO reported 2026-04-01: V5 male adult 2026-04-02; subject SF1
 *     civilian_int 2026-04-03
 *   C MONUSCO reported 2026-05-20: V3 male child 2026-05-21; subject SC1
 *     military_mo 2026-06-01; put under MINUSCA 2026-10-01 (after D)
 *   subject SA2 police_fpu added to A 2026-09-10 (after D)
 *
 * Assistance: V1 legal referred 2025-04-01; V2 medical declined 2025-05-01;
 * V1 medical referred 2026-03-01 then provided 2026-09-01; V5 medical
 * provided 2026-04-05; V3 psychosocial provided 2026-06-01.
 * Paternity: V2 claimed 2026-01-10, dna_pending 2026-09-01; V1 claimed 2026-03-01.
 * Actions: SA1 interim payments_suspended 2025-04-10, final dismissal
 * 2026-07-01; SB1 interim administrative_leave 2026-03-01, final reprimand
 * 2026-10-01; SF1 final none 2026-06-01; SC1 interim placed_on_hold
 * 2026-06-15; SA2 interim repatriated 2026-09-15.
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
static dk_date past;

/* The victims' and subjects' codes, V[1..5] and S[0..4] (SA1 SA2 SB1 SC1 SF1). */
static char V[6][DK_CODE_MAX];
enum { SA1, SA2, SB1, SC1, SF1, NSUBJECTS };
static char S[NSUBJECTS][DK_CODE_MAX];
static char A[DK_REF_MAX], B[DK_REF_MAX], C[DK_REF_MAX], F[DK_REF_MAX];

static int
ok(enum dk_rc rc)
{
	if (rc != DK_OK)
		fprintf(stderr, "setup: %s\n", dk_app_errmsg(w.admin));
	return rc == DK_OK ? 0 : -1;
}

static int
add_case(const char *mission, const char *reported, char ref[DK_REF_MAX])
{
	struct dk_case_input in = {
	    .mission = mission, .reported = reported, .category = "sexual_abuse", .summary = "x"};

	return ok(dk_app_case_add(w.admin, &in, ref));
}

/* Names victim v in ref: a new one with sex and age, or (sex NULL) V[v] again. */
static int
name_victim(int v, const char *ref, const char *sex, const char *age, const char *on)
{
	struct dk_victim_input in = {.ref = ref, .sex = sex, .age = age, .on = on};

	if (sex == NULL)
		in.code = V[v];
	return ok(dk_app_victim_add(w.admin, &in, V[v]));
}

static int
add_subject(int s, const char *ref, const char *personnel, const char *on)
{
	struct dk_subject_input in = {.ref = ref, .personnel = personnel, .on = on};

	return ok(dk_app_subject_add(w.admin, &in, S[s]));
}

static int
assist(int v, const char *kind, const char *status, const char *on)
{
	struct dk_assistance_input in = {.code = V[v], .kind = kind, .on = on, .status = status};

	return ok(dk_app_victim_assist(w.admin, &in));
}

static int
move(const char *ref, const char *state, const char *on, const char *entity, const char *outcome)
{
	struct dk_move_input mv = {
	    .ref = ref, .state = state, .on = on, .entity = entity, .outcome = outcome};

	return ok(dk_app_case_move(w.admin, &mv));
}

static int
add_2025(void)
{
	return add_case("MINUSCA", "2025-03-10", A) ||
	       name_victim(1, A, "female", "adult", "2025-03-11") ||
	       name_victim(2, A, "female", "child", "2025-03-11") ||
	       add_subject(SA1, A, "military_mc", "2025-03-12") ||
	       move(A, "assessment", "2025-04-01", NULL, NULL) ||
	       assist(1, "legal", "referred", "2025-04-01") ||
	       move(A, "referred", "2025-04-02", "tcc", NULL) ||
	       ok(dk_app_subject_action(w.admin, S[SA1], "payments_suspended", "2025-04-10",
	                                true)) ||
	       move(A, "investigating", "2025-05-01", NULL, NULL) ||
	       assist(2, "medical", "declined", "2025-05-01");
}

static int
add_2026_to_july(void)
{
	return ok(dk_app_victim_paternity(w.admin, V[2], "claimed", "2026-01-10")) ||
	       add_case("MINUSCA", "2026-02-01", B) ||
	       name_victim(1, B, NULL, NULL, "2026-02-02") ||
	       add_subject(SB1, B, "military_mc", "2026-02-05") ||
	       ok(dk_app_subject_action(w.admin, S[SB1], "administrative_leave", "2026-03-01",
	                                true)) ||
	       assist(1, "medical", "referred", "2026-03-01") ||
	       ok(dk_app_victim_paternity(w.admin, V[1], "claimed", "2026-03-01")) ||
	       add_case("MONUSCO", "2026-04-01", F) ||
	       name_victim(5, F, "male", "adult", "2026-04-02") ||
	       add_subject(SF1, F, "civilian_int", "2026-04-03") ||
	       assist(5, "medical", "provided", "2026-04-05") ||
	       add_case("MONUSCO", "2026-05-20", C) ||
	       name_victim(3, C, "male", "child", "2026-05-21") ||
	       add_subject(SC1, C, "military_mo", "2026-06-01") ||
	       ok(dk_app_subject_action(w.admin, S[SF1], "none", "2026-06-01", false)) ||
	       assist(3, "psychosocial", "provided", "2026-06-01") ||
	       ok(dk_app_subject_action(w.admin, S[SC1], "placed_on_hold", "2026-06-15", true)) ||
	       ok(dk_app_subject_action(w.admin, S[SA1], "dismissal", "2026-07-01", false));
}

/* Everything after D. */
static int
add_after_past(void)
{
	return assist(1, "medical", "provided", "2026-09-01") ||
	       ok(dk_app_victim_paternity(w.admin, V[2], "dna_pending", "2026-09-01")) ||
	       add_subject(SA2, A, "police_fpu", "2026-09-10") ||
	       ok(dk_app_subject_action(w.admin, S[SA2], "repatriated", "2026-09-15", true)) ||
	       move(A, "concluded", "2026-09-20", NULL, "substantiated") ||
	       ok(dk_app_case_set(w.admin, C, "mission", "MINUSCA", "2026-10-01")) ||
	       ok(dk_app_subject_action(w.admin, S[SB1], "reprimand", "2026-10-01", false)) ||
	       name_victim(4, B, "unknown", "adult", "2026-10-10");
}

static int
setup(void **state)
{
	(void)state;
	dk_date_parse("2026-08-01", &past);
	if (report_world_open(&w, "report-victims") != 0)
		return -1;
	return add_2025() != 0 || add_2026_to_july() != 0 || add_after_past() != 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return report_world_close(&w);
}

/* The table as lines "key key: value value", a key not set as "-", the total last. */
static char *
table_text(const struct dk_report *r)
{
	struct dk_buf b = DK_BUF_INIT;
	char cell[DK_REPORT_CELL_TEXT];
	size_t rows = dk_report_rows(r);

	for (size_t row = 0; row <= rows; row++) {
		size_t at = row == rows ? DK_REPORT_TOTAL : row;

		if (at == DK_REPORT_TOTAL)
			dk_buf_printf(&b, "total");
		for (size_t k = 0; at != DK_REPORT_TOTAL && k < dk_report_nkeys(r); k++) {
			const char *key = dk_report_key(r, at, k);

			dk_buf_printf(&b, "%s%s", k > 0 ? " " : "", key[0] != '\0' ? key : "-");
		}
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

/* What a check runs: the report, its --by ("" default), window and --public. */
struct run {
	const char *name;
	const char *by;
	const char *from, *to;
	bool public;
};

/* Runs the report on app, as of day, and compares its text with want. */
static void
check(struct dk_app *app, dk_date day, const struct run *run, const char *want)
{
	char list[128], *save = NULL;
	const char *fields[8];
	struct dk_report_query q = {fields, 0, DK_DATE_NONE, DK_DATE_NONE, NULL, run->public};
	struct dk_report *r = NULL;
	char *text;

	snprintf(list, sizeof(list), "%s", run->by);
	for (char *f = strtok_r(list, ",", &save); f != NULL; f = strtok_r(NULL, ",", &save))
		fields[q.nby++] = f;
	if (run->from != NULL)
		assert_true(dk_date_parse(run->from, &q.from));
	if (run->to != NULL)
		assert_true(dk_date_parse(run->to, &q.to));
	dk_app_set_today(app, day);
	assert_rc(dk_app_report(app, run->name, &q, &r), DK_OK);
	dk_app_set_today(app, w.today);
	text = table_text(r);
	assert_string_equal(text, want);
	free(text);
	dk_report_free(r);
}

static void
report_victims__by_sex_and_age__a_victim_named_in_two_cases_counts_once(void **state)
{
	(void)state;
	/* V1 is named in A and B: one female adult. */
	check(w.admin, w.today, &(struct run){.name = "victims", .by = ""},
	      "female adult: 1\n"
	      "female child: 1\n"
	      "male adult: 1\n"
	      "male child: 1\n"
	      "unknown adult: 1\n"
	      "total: 5\n");
	check(w.admin, w.today, &(struct run){.name = "victims", .by = "age"},
	      "adult: 3\n"
	      "child: 2\n"
	      "total: 5\n");
}

static void
report_victims__as_of_a_past_day__a_victim_named_later_is_absent(void **state)
{
	(void)state;
	check(w.admin, past, &(struct run){.name = "victims", .by = "sex"},
	      "female: 2\n"
	      "male: 2\n"
	      "total: 4\n");
}

static void
report_victims__window_on_the_case_reported_date(void **state)
{
	(void)state;
	/* B and F: V1 through B although A is outside, V4, V5. */
	check(w.admin, w.today,
	      &(struct run){.name = "victims", .by = "", .from = "2026-01-01", .to = "2026-04-30"},
	      "female adult: 1\n"
	      "male adult: 1\n"
	      "unknown adult: 1\n"
	      "total: 3\n");
	check(w.admin, w.today, &(struct run){.name = "victims", .by = "", .from = "2026-05-01"},
	      "male child: 1\n"
	      "total: 1\n");
}

static void
report_victims__officer_counts_cases_of_own_missions_as_they_stood(void **state)
{
	(void)state;
	/* Today C is MINUSCA's (V3 counts), F is not (V5 does not). */
	check(w.officer, w.today, &(struct run){.name = "victims", .by = ""},
	      "female adult: 1\n"
	      "female child: 1\n"
	      "male child: 1\n"
	      "unknown adult: 1\n"
	      "total: 4\n");
	/* On D, C was still MONUSCO's and V4 not yet named. */
	check(w.officer, past, &(struct run){.name = "victims", .by = ""},
	      "female adult: 1\n"
	      "female child: 1\n"
	      "total: 2\n");
}

static void
report_victims__public_hides_a_small_cell_and_the_total_revealing_it(void **state)
{
	(void)state;
	check(w.admin, w.today, &(struct run){.name = "victims", .by = "age", .public = true},
	      "adult: 3\n"
	      "child: <3\n"
	      "total: <3\n");
}

static void
report_assistance__each_line_at_its_latest_status_by_the_day(void **state)
{
	(void)state;
	/* V1's medical line: referred on D, provided since 2026-09-01. */
	check(w.admin, w.today, &(struct run){.name = "assistance", .by = ""},
	      "legal referred: 1\n"
	      "medical declined: 1\n"
	      "medical provided: 2\n"
	      "psychosocial provided: 1\n"
	      "total: 5\n");
	check(w.admin, past, &(struct run){.name = "assistance", .by = ""},
	      "legal referred: 1\n"
	      "medical declined: 1\n"
	      "medical provided: 1\n"
	      "medical referred: 1\n"
	      "psychosocial provided: 1\n"
	      "total: 5\n");
	/* The officer's victims are V1 to V4: V5's line is not counted. */
	check(w.officer, w.today, &(struct run){.name = "assistance", .by = "kind"},
	      "legal: 1\n"
	      "medical: 2\n"
	      "psychosocial: 1\n"
	      "total: 4\n");
}

static void
report_paternity__each_claim_per_victim_and_case_at_its_latest_step(void **state)
{
	(void)state;
	/* V1 is named in A and B: two claims; V2's moved on to dna_pending after D. */
	check(w.admin, w.today, &(struct run){.name = "paternity", .by = ""},
	      "claimed: 2\n"
	      "dna_pending: 1\n"
	      "total: 3\n");
	check(w.admin, past, &(struct run){.name = "paternity", .by = ""},
	      "claimed: 3\n"
	      "total: 3\n");
	/* In the window only B: V1's claim there. */
	check(w.admin, w.today, &(struct run){.name = "paternity", .by = "", .from = "2026-01-01"},
	      "claimed: 1\n"
	      "total: 1\n");
}

static bool
collect_ref(const char *ref, void *ctx)
{
	dk_buf_printf(ctx, "%s\n", ref);
	return true;
}

static void
report_paternity__cases_behind_a_step_are_the_claims_cases(void **state)
{
	const char *by[] = {"step"}, *claimed[] = {"claimed"};
	struct dk_report_query q = {by, 1, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	struct dk_buf refs = DK_BUF_INIT;
	char want[2 * DK_REF_MAX + 2];

	(void)state;
	/* V1's claim in A and in B; V2's (in A) is at dna_pending. */
	assert_rc(dk_app_report_cases(w.admin, "paternity", &q, claimed, 0, collect_ref, &refs),
	          DK_OK);
	snprintf(want, sizeof(want), "%s\n%s\n", A, B);
	assert_string_equal(dk_buf_str(&refs), want);
	dk_buf_free(&refs);
}

static void
report_actions__interim_and_final_by_personnel_outcome_and_action(void **state)
{
	(void)state;
	check(w.admin, w.today, &(struct run){.name = "actions", .by = ""},
	      "civilian_int - none: 0 1\n"
	      "military_mc - administrative_leave: 1 0\n"
	      "military_mc - reprimand: 0 1\n"
	      "military_mc substantiated dismissal: 0 1\n"
	      "military_mc substantiated payments_suspended: 1 0\n"
	      "military_mo - placed_on_hold: 1 0\n"
	      "police_fpu substantiated repatriated: 1 0\n"
	      "total: 4 3\n");
}

static void
report_actions__as_of_a_past_day__later_actions_subjects_and_outcome_ignored(void **state)
{
	(void)state;
	/* On D: A not concluded yet, SA2 not added, SB1's reprimand not taken. */
	check(w.admin, past, &(struct run){.name = "actions", .by = ""},
	      "civilian_int - none: 0 1\n"
	      "military_mc - administrative_leave: 1 0\n"
	      "military_mc - dismissal: 0 1\n"
	      "military_mc - payments_suspended: 1 0\n"
	      "military_mo - placed_on_hold: 1 0\n"
	      "total: 3 2\n");
}

static void
report_actions__by_mission_window_and_scope_as_the_cases_stood(void **state)
{
	(void)state;
	check(w.admin, w.today, &(struct run){.name = "actions", .by = "mission"},
	      "MINUSCA: 4 2\n"
	      "MONUSCO: 0 1\n"
	      "total: 4 3\n");
	check(w.admin, past, &(struct run){.name = "actions", .by = "mission"},
	      "MINUSCA: 2 1\n"
	      "MONUSCO: 1 1\n"
	      "total: 3 2\n");
	check(w.admin, w.today,
	      &(struct run){.name = "actions", .by = "", .from = "2026-02-01", .to = "2026-02-01"},
	      "military_mc - administrative_leave: 1 0\n"
	      "military_mc - reprimand: 0 1\n"
	      "total: 1 1\n");
	check(w.officer, w.today, &(struct run){.name = "actions", .by = "outcome"},
	      "-: 2 1\n"
	      "substantiated: 2 1\n"
	      "total: 4 2\n");
}

static void
report_actions__unknown_field_names_the_closest(void **state)
{
	const char *typo[] = {"personel"};
	struct dk_report_query q = {typo, 1, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	struct dk_report *r = NULL;

	(void)state;
	assert_rc(dk_app_report(w.admin, "actions", &q, &r), DK_INVALID);
	assert_null(r);
	assert_string_equal(dk_app_errmsg(w.admin),
	                    "--by: unknown value 'personel' (did you mean personnel?)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        report_victims__by_sex_and_age__a_victim_named_in_two_cases_counts_once),
	    cmocka_unit_test(report_victims__as_of_a_past_day__a_victim_named_later_is_absent),
	    cmocka_unit_test(report_victims__window_on_the_case_reported_date),
	    cmocka_unit_test(report_victims__officer_counts_cases_of_own_missions_as_they_stood),
	    cmocka_unit_test(report_victims__public_hides_a_small_cell_and_the_total_revealing_it),
	    cmocka_unit_test(report_assistance__each_line_at_its_latest_status_by_the_day),
	    cmocka_unit_test(report_paternity__each_claim_per_victim_and_case_at_its_latest_step),
	    cmocka_unit_test(report_paternity__cases_behind_a_step_are_the_claims_cases),
	    cmocka_unit_test(report_actions__interim_and_final_by_personnel_outcome_and_action),
	    cmocka_unit_test(
	        report_actions__as_of_a_past_day__later_actions_subjects_and_outcome_ignored),
	    cmocka_unit_test(report_actions__by_mission_window_and_scope_as_the_cases_stood),
	    cmocka_unit_test(report_actions__unknown_field_names_the_closest),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
