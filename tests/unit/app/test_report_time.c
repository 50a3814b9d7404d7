/*
 * `report timeliness` and `report follow-up` at the app layer (issue 12):
 * two small data sets built through the app, answers computed by hand.
 * D (today) is 2026-11-27, a Friday; the officer olga sees MINUSCA only.
 *
 * Timeliness (referred R; NIO = moved to investigating; concluded C; days from R):
 *   T1 MINUSCA PAK tcc  R 01-15  NIO 01-20 (5)   C 05-15 (120), 6m due 07-15: met_original
 *   T2 MINUSCA PAK tcc  reported 01-20, R 02-02  NIO 02-12 (10, late)  6m due 08-02
 *                       extended on 07-01 to 09-30, C 09-10 (220): met_extended
 *   T3 MINUSCA NPL pcc  R 01-10  NIO 01-14 (4)   C 08-20 (222), due 07-10: missed
 *   T4 MONUSCO NPL oios R 03-02, closed 10-01 after its due 09-02: missed, not concluded
 *   T5 MONUSCO BGD oios R 05-26, due 11-26 = D - 1: open_overdue
 *   T6 MONUSCO BGD oios urgent R 08-29, 90d due 11-27 = D: open_on_track
 *   T7 MINUSCA PAK oios R 06-01, closed 07-01 before its due 12-01: referred only
 *   T8 MINUSCA BGD tcc urgent R 09-01  NIO 09-04 (3)  C 10-31 (60), 90d due 11-30: met_original
 * Days to NIO {3, 4, 5, 10}: median 4.5. Days to conclude {60, 120, 220, 222}:
 * median 170, p90 (rank 4 of 4) 222.
 *
 * Follow-up:
 *   F1 MINUSCA PAK tcc  referred 11-10, NIO due 11-17: nio_overdue 10
 *   F2 MINUSCA PAK oios referred 03-01, investigating, 6m due 09-01: investigation_overdue 87
 *                       (extended on 12-10 to 2027-01-31: after D, so still overdue)
 *   F3 MONUSCO PAK tcc  referred 05-01: NIO due 05-08 (203), 6m due 11-01 (26)
 *   F4 MINUSCA BGD oios concluded 06-30 substantiated, its subject has an interim action only:
 *                       action_pending 150
 *   F5 MINUSCA NPL oios concluded substantiated, then action; its subject dismissed: nothing
 *   F6 MINUSCA BGD      received; victims V1 claimed 03-01, dna_pending 04-01 (271);
 *                       V2 claimed, support_ordered, claimed 05-01, established (210);
 *                       V3 claimed, closed: paternity_pending 2, 271 days
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

static struct report_world w;
static char t2[DK_REF_MAX], t3[DK_REF_MAX], t4[DK_REF_MAX], f1[DK_REF_MAX], f3[DK_REF_MAX],
    f6[DK_REF_MAX];

static void
at(const char *day)
{
	dk_date d;

	dk_date_parse(day, &d);
	dk_app_set_today(w.admin, d);
	dk_app_set_today(w.officer, d);
}

static int
close_world(void **state)
{
	(void)state;
	return report_world_close(&w);
}

/* A case of mission and nationality reported on `reported`; ref gets its reference. */
static int
report(const char *mission, const char *nationality, bool urgent, const char *reported,
       char ref[DK_REF_MAX])
{
	struct dk_case_input in = {.mission = mission,
	                           .reported = reported,
	                           .category = "sexual_abuse",
	                           .nationality = nationality,
	                           .summary = "x",
	                           .urgent = urgent};

	return dk_app_case_add(w.admin, &in, ref) == DK_OK ? 0 : -1;
}

/* A move on `on`; what carries the move's requirement: entity, outcome or closure. */
static int
move(const char *ref, const char *state, const char *on, const char *what)
{
	struct dk_move_input mv = {.ref = ref, .state = state, .on = on};

	if (strcmp(state, "referred") == 0)
		mv.entity = what;
	else if (strcmp(state, "concluded") == 0)
		mv.outcome = what;
	else if (strcmp(state, "closed") == 0)
		mv.closure = what;
	return dk_app_case_move(w.admin, &mv) == DK_OK ? 0 : -1;
}

/* Reported, assessed the next day, referred to entity on `referred`. */
static int
refer(const char *mission, const char *nationality, bool urgent, const char *reported,
      const char *assessed, const char *referred, const char *entity, char ref[DK_REF_MAX])
{
	return report(mission, nationality, urgent, reported, ref) ||
	       move(ref, "assessment", assessed, NULL) || move(ref, "referred", referred, entity);
}

static int
extend_t2(void)
{
	enum dk_rc rc;

	at("2026-07-01");
	rc = dk_app_case_extend(w.admin, t2, "investigation_6m", "2026-09-30", "witnesses abroad");
	at("2026-11-27");
	return rc == DK_OK ? 0 : -1;
}

static int
timeliness_setup(void **state)
{
	char r[DK_REF_MAX];

	(void)state;
	if (report_world_open(&w, "report-time") != 0)
		return -1;
	return refer("MINUSCA", "PAK", false, "2026-01-05", "2026-01-06", "2026-01-15", "tcc", r) ||
	       move(r, "investigating", "2026-01-20", NULL) ||
	       move(r, "concluded", "2026-05-15", "substantiated") ||
	       refer("MINUSCA", "PAK", false, "2026-01-20", "2026-01-25", "2026-02-02", "tcc",
	             t2) ||
	       move(t2, "investigating", "2026-02-12", NULL) || extend_t2() ||
	       move(t2, "concluded", "2026-09-10", "substantiated") ||
	       refer("MINUSCA", "NPL", false, "2026-01-02", "2026-01-03", "2026-01-10", "pcc",
	             t3) ||
	       move(t3, "investigating", "2026-01-14", NULL) ||
	       move(t3, "concluded", "2026-08-20", "not_substantiated") ||
	       refer("MONUSCO", "NPL", false, "2026-02-20", "2026-02-21", "2026-03-02", "oios",
	             t4) ||
	       move(t4, "closed", "2026-10-01", "other_circumstances") ||
	       refer("MONUSCO", "BGD", false, "2026-05-01", "2026-05-02", "2026-05-26", "oios",
	             r) ||
	       refer("MONUSCO", "BGD", true, "2026-08-01", "2026-08-02", "2026-08-29", "oios", r) ||
	       refer("MINUSCA", "PAK", false, "2026-05-01", "2026-05-02", "2026-06-01", "oios",
	             r) ||
	       move(r, "closed", "2026-07-01", "other_circumstances") ||
	       refer("MINUSCA", "BGD", true, "2026-08-20", "2026-08-21", "2026-09-01", "tcc", r) ||
	       move(r, "investigating", "2026-09-04", NULL) ||
	       move(r, "concluded", "2026-10-31", "substantiated");
}

static int
subject(const char *ref, const char *on, const char *action, const char *action_on, bool interim)
{
	struct dk_subject_input s = {.ref = ref, .personnel = "military_mc", .on = on};
	char code[DK_CODE_MAX];

	if (dk_app_subject_add(w.admin, &s, code) != DK_OK)
		return -1;
	return dk_app_subject_action(w.admin, code, action, action_on, interim) == DK_OK ? 0 : -1;
}

/* A victim named in ref on 2026-01-04 and its paternity steps, "step@date" each. */
static int
victim_with_claim(const char *ref, ...)
{
	struct dk_victim_input v = {.ref = ref, .on = "2026-01-04"};
	char code[DK_CODE_MAX], step[32];
	const char *s;
	va_list ap;
	int rc = dk_app_victim_add(w.admin, &v, code) == DK_OK ? 0 : -1;

	va_start(ap, ref);
	while (rc == 0 && (s = va_arg(ap, const char *)) != NULL) {
		snprintf(step, sizeof(step), "%s", s);
		*strchr(step, '@') = '\0';
		if (dk_app_victim_paternity(w.admin, code, step, strchr(s, '@') + 1) != DK_OK)
			rc = -1;
	}
	va_end(ap);
	return rc;
}

/*
 * F2's 6m deadline extended on 12-10, after D, and nothing else: as of D it is
 * still overdue (a report must not read the stored, extended row).
 */
static int
extend_after_d(const char *ref)
{
	enum dk_rc rc;

	at("2026-12-10");
	rc = dk_app_case_extend(w.admin, ref, "investigation_6m", "2027-01-31", "the NIO fell ill");
	at("2026-11-27");
	return rc == DK_OK ? 0 : -1;
}

static int
follow_up_setup(void **state)
{
	char r[DK_REF_MAX];

	(void)state;
	if (report_world_open(&w, "report-follow-up") != 0)
		return -1;
	return refer("MINUSCA", "PAK", false, "2026-11-01", "2026-11-02", "2026-11-10", "tcc",
	             f1) ||
	       refer("MINUSCA", "PAK", false, "2026-02-20", "2026-02-25", "2026-03-01", "oios",
	             r) ||
	       move(r, "investigating", "2026-03-05", NULL) || extend_after_d(r) ||
	       refer("MONUSCO", "PAK", false, "2026-04-20", "2026-04-25", "2026-05-01", "tcc",
	             f3) ||
	       refer("MINUSCA", "BGD", false, "2026-01-02", "2026-01-05", "2026-01-10", "oios",
	             r) ||
	       move(r, "investigating", "2026-01-12", NULL) ||
	       subject(r, "2026-02-01", "payments_suspended", "2026-02-10", true) ||
	       move(r, "concluded", "2026-06-30", "substantiated") ||
	       refer("MINUSCA", "NPL", false, "2026-01-02", "2026-01-05", "2026-01-10", "oios",
	             r) ||
	       move(r, "investigating", "2026-01-12", NULL) ||
	       move(r, "concluded", "2026-07-05", "substantiated") ||
	       move(r, "action", "2026-07-10", NULL) ||
	       subject(r, "2026-02-01", "dismissal", "2026-09-01", false) ||
	       report("MINUSCA", "BGD", false, "2026-01-03", f6) ||
	       victim_with_claim(f6, "claimed@2026-03-01", "dna_pending@2026-04-01", NULL) ||
	       victim_with_claim(f6, "claimed@2026-01-10", "support_ordered@2026-02-01",
	                         "claimed@2026-05-01", "established@2026-06-01", NULL) ||
	       victim_with_claim(f6, "claimed@2026-02-01", "closed@2026-03-01", NULL);
}

/* One line per row, "keys: cells", the total last as "total: cells". */
static char *
lines_of(const struct dk_report *r)
{
	struct dk_buf b = DK_BUF_INIT;
	char cell[DK_REPORT_CELL_TEXT];
	char *text;

	for (size_t row = 0; row <= dk_report_rows(r); row++) {
		size_t at_row = row < dk_report_rows(r) ? row : DK_REPORT_TOTAL;

		for (size_t k = 0; k < dk_report_nkeys(r) && at_row != DK_REPORT_TOTAL; k++)
			dk_buf_printf(&b, k > 0 ? " %s" : "%s", dk_report_key(r, at_row, k));
		dk_buf_printf(&b, "%s:", at_row == DK_REPORT_TOTAL ? "total" : "");
		for (size_t m = 0; m < dk_report_nmeasures(r); m++)
			dk_buf_printf(&b, " %s",
			              dk_report_cell_text(dk_report_cell(r, at_row, m), cell));
		dk_buf_printf(&b, "\n");
	}
	text = dk_xstrdup(dk_buf_str(&b));
	dk_buf_free(&b);
	return text;
}

/* The query: by (one field or NULL), window (NULL: open). */
static struct dk_report_query
query(const char **by, const char *from, const char *to)
{
	struct dk_report_query q = {
	    by, by != NULL && by[0] != NULL, DK_DATE_NONE, DK_DATE_NONE, NULL, false};

	if (from != NULL)
		dk_date_parse(from, &q.from);
	if (to != NULL)
		dk_date_parse(to, &q.to);
	return q;
}

static void
expect(struct dk_app *app, const char *name, const struct dk_report_query *q, const char *want)
{
	struct dk_report *r = NULL;
	char *text;

	assert_rc(dk_app_report(app, name, q, &r), DK_OK);
	text = lines_of(r);
	assert_string_equal(text, want);
	free(text);
	dk_report_free(r);
}

/* The administrator's report with its default keys as it stood at the end of day. */
static void
expect_on(const char *day, const char *name, const char *want)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	at(day);
	expect(w.admin, name, &q, want);
	at("2026-11-27");
}

/* referred nio_appointed median_nio concluded median p90 met_original met_extended missed
 * open_overdue open_on_track */
static void
report_timeliness__every_column__counts_each_case_once(void **state)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	(void)state;
	expect(w.admin, "timeliness", &q,
	       ": 8 4 4.5 4 170 222 2 1 2 1 1\n"
	       "total: 8 4 4.5 4 170 222 2 1 2 1 1\n");
}

static void
report_timeliness__by_nationality__medians_of_even_counts_and_p90(void **state)
{
	const char *by[] = {"nationality", NULL};
	struct dk_report_query q = query(by, NULL, NULL);

	(void)state;
	/* PAK: NIO {5, 10} -> 7.5; concluded {120, 220} -> 170, p90 rank 2 -> 220. */
	expect(w.admin, "timeliness", &q,
	       "BGD: 3 1 3 1 60 60 1 0 0 1 1\n"
	       "NPL: 2 1 4 1 222 222 0 0 2 0 0\n"
	       "PAK: 3 2 7.5 2 170 220 1 1 0 0 0\n"
	       "total: 8 4 4.5 4 170 222 2 1 2 1 1\n");
}

static void
report_timeliness__by_urgent__splits_90_day_from_6_month_deadlines(void **state)
{
	const char *by[] = {"urgent", NULL};
	struct dk_report_query q = query(by, NULL, NULL);

	(void)state;
	/* T7, closed before its due date without a deadline left, by its urgency: no. */
	expect(w.admin, "timeliness", &q,
	       "no: 6 3 5 3 220 222 1 1 2 1 0\n"
	       "yes: 2 1 3 1 60 60 1 0 0 0 1\n"
	       "total: 8 4 4.5 4 170 222 2 1 2 1 1\n");
}

static void
report_timeliness__window__is_the_referral_date(void **state)
{
	/* T2 reported 01-20 but referred 02-02: in; T7 referred on the last day: in. */
	struct dk_report_query q = query(NULL, "2026-02-01", "2026-06-01");

	(void)state;
	expect(w.admin, "timeliness", &q,
	       ": 4 1 10 1 220 220 0 1 1 1 0\n"
	       "total: 4 1 10 1 220 220 0 1 1 1 0\n");
}

static void
report_timeliness__mission__keeps_its_cases_and_blanks_statistics_without_days(void **state)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	(void)state;
	q.mission = "monusco"; /* T4 missed, T5 overdue, T6 on track; no NIO, none concluded */
	expect(w.admin, "timeliness", &q,
	       ": 3 0  0   0 0 1 1 1\n"
	       "total: 3 0  0   0 0 1 1 1\n");
}

static void
report_timeliness__today_in_the_past__replays_cases_concluded_or_closed_later(void **state)
{
	(void)state;
	/*
	 * On 08-01: T6 and T8 not referred yet; T3 (concluded 08-20) overdue since
	 * 07-10; T2 (extended, concluded 09-10) and T4 (closed 10-01) on track.
	 */
	expect_on("2026-08-01", "timeliness",
	          ": 6 3 5 1 120 120 1 0 0 1 3\n"
	          "total: 6 3 5 1 120 120 1 0 0 1 3\n");
}

static void
report_timeliness__officer__counts_own_missions_only(void **state)
{
	const char *by[] = {"mission", NULL};
	struct dk_report_query q = query(by, NULL, NULL);

	(void)state;
	expect(w.officer, "timeliness", &q,
	       "MINUSCA: 5 4 4.5 4 170 222 2 1 1 0 0\n"
	       "total: 5 4 4.5 4 170 222 2 1 1 0 0\n");
}

/* The refs behind a cell, comma-separated. */
static bool
gather(const char *ref, void *ctx)
{
	struct dk_buf *b = ctx;

	dk_buf_printf(b, "%s%s", b->len > 0 ? "," : "", ref);
	return true;
}

static void
expect_cases(struct dk_app *app, const char *name, const char *by, const char *key, size_t measure,
             const char *want)
{
	const char *fields[] = {by, NULL};
	const char *keys[] = {key};
	struct dk_report_query q = query(fields, NULL, NULL);
	struct dk_buf b = DK_BUF_INIT;

	assert_rc(dk_app_report_cases(app, name, &q, keys, measure, gather, &b), DK_OK);
	assert_string_equal(dk_buf_str(&b), want);
	dk_buf_free(&b);
}

/* No victim has a paternity step in this world: follow-up looks for claims in an empty list. */
static void
report_follow_up__no_paternity_claim_anywhere__counts_the_rest(void **state)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	(void)state;
	/* T5 (BGD) is the one live deadline past due: 6m due 11-26, D - 1 day. T1, T2 and T8 are
	 * concluded substantiated with no subject: no action pending. */
	expect(w.admin, "follow-up", &q,
	       "BGD: 0  1 1 0  0 \n"
	       "total: 0  1 1 0  0 \n");
}

static void
report_timeliness__cases_behind_missed__are_the_late_and_the_closed_in_scope(void **state)
{
	char both[2 * DK_REF_MAX + 1];

	(void)state;
	snprintf(both, sizeof(both), "%s,%s", t3, t4);
	expect_cases(w.admin, "timeliness", "nationality", "NPL", 8, both);
	expect_cases(w.officer, "timeliness", "nationality", "NPL", 8, t3);
}

/* nio_overdue days investigation_overdue days action_pending days paternity_pending days */
static void
report_follow_up__by_nationality__counts_outstanding_with_oldest_days(void **state)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	(void)state;
	/* NPL's only case has nothing outstanding: no row. */
	expect(w.admin, "follow-up", &q,
	       "BGD: 0  0  1 150 2 271\n"
	       "PAK: 2 203 2 87 0  0 \n"
	       "total: 2 203 2 87 1 150 2 271\n");
}

static void
report_follow_up__today_in_the_past__counts_what_was_outstanding_then(void **state)
{
	(void)state;
	/*
	 * On 07-07: F1 not reported; F2 and F3 not overdue yet but F3's NIO (60);
	 * F5 concluded 07-05 (its move to action replayed away), its subject
	 * dismissed only on 09-01: pending 2 days; claims pending since 03-01 (128).
	 */
	expect_on("2026-07-07", "follow-up",
	          "BGD: 0  0  1 7 2 128\n"
	          "NPL: 0  0  1 2 0 \n"
	          "PAK: 1 60 0  0  0 \n"
	          "total: 1 60 0  2 7 2 128\n");
}

static void
report_follow_up__officer__leaves_out_other_missions(void **state)
{
	struct dk_report_query q = query(NULL, NULL, NULL);

	(void)state;
	expect(w.officer, "follow-up", &q,
	       "BGD: 0  0  1 150 2 271\n"
	       "PAK: 1 10 1 87 0  0 \n"
	       "total: 1 10 1 87 1 150 2 271\n");
}

static void
report_follow_up__cases_behind_a_count__are_its_refs_in_scope(void **state)
{
	char both[2 * DK_REF_MAX + 1];

	(void)state;
	snprintf(both, sizeof(both), "%s,%s", f1, f3);
	expect_cases(w.admin, "follow-up", "nationality", "PAK", 0, both);
	expect_cases(w.officer, "follow-up", "nationality", "PAK", 0, f1);
	expect_cases(w.admin, "follow-up", "nationality", "BGD", 6, f6);
	expect_cases(w.admin, "follow-up", "mission", "MONUSCO", 0, f3);
	expect_cases(w.officer, "follow-up", "mission", "MONUSCO", 0, "");
}

int
main(void)
{
	const struct CMUnitTest timeliness[] = {
	    cmocka_unit_test(report_timeliness__every_column__counts_each_case_once),
	    cmocka_unit_test(report_timeliness__by_nationality__medians_of_even_counts_and_p90),
	    cmocka_unit_test(report_timeliness__by_urgent__splits_90_day_from_6_month_deadlines),
	    cmocka_unit_test(report_timeliness__window__is_the_referral_date),
	    cmocka_unit_test(
	        report_timeliness__mission__keeps_its_cases_and_blanks_statistics_without_days),
	    cmocka_unit_test(
	        report_timeliness__today_in_the_past__replays_cases_concluded_or_closed_later),
	    cmocka_unit_test(report_timeliness__officer__counts_own_missions_only),
	    cmocka_unit_test(report_follow_up__no_paternity_claim_anywhere__counts_the_rest),
	    cmocka_unit_test(
	        report_timeliness__cases_behind_missed__are_the_late_and_the_closed_in_scope),
	};
	const struct CMUnitTest follow_up[] = {
	    cmocka_unit_test(report_follow_up__by_nationality__counts_outstanding_with_oldest_days),
	    cmocka_unit_test(report_follow_up__today_in_the_past__counts_what_was_outstanding_then),
	    cmocka_unit_test(report_follow_up__officer__leaves_out_other_missions),
	    cmocka_unit_test(report_follow_up__cases_behind_a_count__are_its_refs_in_scope),
	};
	int failed =
	    cmocka_run_group_tests_name("timeliness", timeliness, timeliness_setup, close_world);

	return failed +
	       cmocka_run_group_tests_name("follow-up", follow_up, follow_up_setup, close_world);
}
