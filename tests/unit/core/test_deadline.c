/*
 * Unit tests for the deadline engine (include/docket/deadline.h, deadlines.md):
 * rule arithmetic, evaluation of a case's history, status, extensions,
 * --today, closing and reopening, explanations and identifiers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/date.h"
#include "docket/deadline.h"
#include "docket/i18n.h"
#include "docket/workflow.h"

/* The four default rules, exactly as the schema ships them (deadlines.md table). */
enum { R_6M, R_90D, R_NIO, R_VICTIM, NRULES };

static const struct dk_rule rules[NRULES] = {
    [R_6M] = {"investigation_6m", DK_STATE_REFERRED, 6, DK_UNIT_MONTHS, DK_STATE_CONCLUDED,
              DK_APPLIES_NOT_URGENT, 30},
    [R_90D] = {"investigation_90d", DK_STATE_REFERRED, 90, DK_UNIT_DAYS, DK_STATE_CONCLUDED,
               DK_APPLIES_URGENT, 14},
    [R_NIO] = {"nio_appointment", DK_STATE_REFERRED, 5, DK_UNIT_WORKING_DAYS,
               DK_STATE_INVESTIGATING, DK_APPLIES_ENTITY_TCC_PCC, 2},
    /* Per victim: its start and met states are placeholders, never evaluated here. */
    [R_VICTIM] = {"victim_update", DK_STATE_REFERRED, 30, DK_UNIT_DAYS, DK_STATE_CLOSED,
                  DK_APPLIES_HAS_VICTIMS, 7},
};

#define MAXFACTS 48
#define MAXOUT 8

/* Parses a date the test itself wrote; a failure here is a broken test or parser. */
static dk_date
day(const char *s)
{
	dk_date d = 0;

	if (!dk_date_parse(s, &d))
		fail_msg("test date '%s' did not parse", s);
	return d;
}

static void
assert_date(dk_date got, const char *want)
{
	char buf[DK_DATE_STRLEN];

	if (got == DK_DATE_NONE)
		fail_msg("got DK_DATE_NONE, want %s", want);
	dk_date_format(got, buf);
	assert_string_equal(buf, want);
}

/* ---- Building a case's history: each fact carries the case as it stood just after it. ---- */

struct history {
	struct dk_fact f[MAXFACTS];
	size_t n;
	enum dk_state state;
	bool urgent;
	char entity[DK_IDENT_MAX];
};

static struct dk_fact *
push(struct history *h, const char *on, enum dk_fact_kind kind)
{
	struct dk_fact *f;

	assert_true(h->n < MAXFACTS);
	f = &h->f[h->n++];
	memset(f, 0, sizeof(*f));
	f->on = day(on);
	f->kind = kind;
	f->state = h->state;
	f->urgent = h->urgent;
	memcpy(f->entity, h->entity, sizeof(f->entity));
	f->extend_to = DK_DATE_NONE;
	return f;
}

/* The case is recorded on `on` (state received). */
static void
created(struct history *h, const char *on, bool urgent)
{
	memset(h, 0, sizeof(*h));
	h->state = DK_STATE_RECEIVED;
	h->urgent = urgent;
	push(h, on, DK_FACT_CREATED);
}

static void
moved(struct history *h, const char *on, enum dk_state to)
{
	h->state = to;
	push(h, on, DK_FACT_MOVED);
}

/* A move that also sets the investigating entity (referral). */
static void
moved_with(struct history *h, const char *on, enum dk_state to, const char *entity)
{
	assert_true(strlen(entity) < DK_IDENT_MAX);
	strcpy(h->entity, entity);
	moved(h, on, to);
}

static void
set_urgent(struct history *h, const char *on, bool urgent)
{
	h->urgent = urgent;
	push(h, on, DK_FACT_SET);
}

static void
set_entity(struct history *h, const char *on, const char *entity)
{
	assert_true(strlen(entity) < DK_IDENT_MAX);
	strcpy(h->entity, entity);
	push(h, on, DK_FACT_SET);
}

static void
extended(struct history *h, const char *on, const char *rule, const char *to)
{
	struct dk_fact *f = push(h, on, DK_FACT_EXTENDED);

	assert_true(strlen(rule) < DK_RULE_ID_MAX);
	strcpy(f->rule, rule);
	f->extend_to = day(to);
}

static void
noted(struct history *h, const char *on)
{
	push(h, on, DK_FACT_OTHER);
}

/* Recorded on `created_on`, assessed the same day, referred to `entity` on `referred_on`. */
static void
referred_case(struct history *h, const char *created_on, const char *referred_on,
              const char *entity, bool urgent)
{
	created(h, created_on, urgent);
	moved(h, created_on, DK_STATE_ASSESSMENT);
	moved_with(h, referred_on, DK_STATE_REFERRED, entity);
}

/* ---- Evaluating ---- */

static void
poison(struct dk_deadline *out, size_t n)
{
	memset(out, 0xA5, n * sizeof(*out));
}

static bool
is_poison(const struct dk_deadline *d)
{
	struct dk_deadline p;

	memset(&p, 0xA5, sizeof(p));
	return memcmp(&p, d, sizeof(p)) == 0;
}

/* One evaluation against the rules rs, copied into out (MAXOUT at most) for the tests to read. */
static size_t
eval_into(const struct history *h, const struct dk_rule *rs, size_t nrs, const char *today,
          const dk_date *hol, size_t nhol, struct dk_deadline out[MAXOUT])
{
	struct dk_deadline *all = NULL;
	size_t n = dk_deadline_evaluate(h->f, h->n, rs, nrs, hol, nhol, day(today), &all);

	assert_in_range(n, 0, MAXOUT);
	if (n > 0)
		memcpy(out, all, n * sizeof(*out));
	free(all);
	return n;
}

static size_t
eval_hol(const struct history *h, const char *today, const dk_date *hol, size_t nhol,
         struct dk_deadline out[MAXOUT])
{
	size_t n;

	poison(out, MAXOUT);
	n = eval_into(h, rules, NRULES, today, hol, nhol, out);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(out[i].rule);
		assert_true(out[i].rule >= rules && out[i].rule < rules + NRULES);
		/* Per-victim deadlines belong to a victim, case rules to none. */
		assert_true((out[i].rule == &rules[R_VICTIM]) == (out[i].victim[0] != '\0'));
	}
	return n;
}

static size_t
eval(const struct history *h, const char *today, struct dk_deadline out[MAXOUT])
{
	return eval_hol(h, today, NULL, 0, out);
}

/* The only deadline of rule `r` among out[0..n), failing when absent or repeated. */
static const struct dk_deadline *
find(const struct dk_deadline *out, size_t n, int r)
{
	const struct dk_deadline *found = NULL;

	for (size_t i = 0; i < n; i++) {
		if (out[i].rule == &rules[r]) {
			if (found != NULL)
				fail_msg("rule %s appears twice", rules[r].id);
			found = &out[i];
		}
	}
	if (found == NULL)
		fail_msg("rule %s missing", rules[r].id);
	return found;
}

static bool
has(const struct dk_deadline *out, size_t n, int r)
{
	for (size_t i = 0; i < n; i++) {
		if (out[i].rule == &rules[r])
			return true;
	}
	return false;
}

/* Checks every field; met_on NULL means live. */
static void
assert_deadline_ext(const struct dk_deadline *d, int r, const char *start, const char *original_due,
                    const char *due, int extensions, const char *met_on)
{
	if (d->rule != &rules[r])
		fail_msg("rule %s, want %s", d->rule != NULL ? d->rule->id : "(null)", rules[r].id);
	assert_date(d->start, start);
	assert_date(d->original_due, original_due);
	assert_date(d->due, due);
	assert_int_equal(d->extensions, extensions);
	if (met_on == NULL) {
		assert_int_equal(d->met_on, DK_DATE_NONE);
		assert_true(dk_deadline_is_live(d));
	} else {
		assert_date(d->met_on, met_on);
		assert_false(dk_deadline_is_live(d));
	}
}

static void
assert_deadline(const struct dk_deadline *d, int r, const char *start, const char *due,
                const char *met_on)
{
	assert_deadline_ext(d, r, start, due, due, 0, met_on);
}

/* A deadline the closing ended unmet after its due date (deadlines.md "Closing"). */
static void
assert_ended(const struct dk_deadline *d, int r, const char *start, const char *due,
             const char *ended_on)
{
	if (d->rule != &rules[r])
		fail_msg("rule %s, want %s", d->rule != NULL ? d->rule->id : "(null)", rules[r].id);
	assert_date(d->start, start);
	assert_date(d->due, due);
	assert_int_equal(d->met_on, DK_DATE_NONE);
	assert_date(d->ended_on, ended_on);
	assert_false(dk_deadline_is_live(d));
	assert_int_equal(dk_deadline_status(d, d->ended_on), DK_STATUS_MISSED);
}

static void
assert_status(const struct dk_deadline *d, const char *today, enum dk_deadline_status want)
{
	enum dk_deadline_status got = dk_deadline_status(d, day(today));

	if (got != want)
		fail_msg("status on %s: %s, want %s", today, dk_deadline_status_id(got),
		         dk_deadline_status_id(want));
}

/* A deadline built by hand, for status and explanation tests. */
static struct dk_deadline
deadline_of(int r, const char *start, const char *due, const char *met_on)
{
	struct dk_deadline d;

	memset(&d, 0, sizeof(d));
	d.rule = &rules[r];
	d.start = day(start);
	d.original_due = day(due);
	d.due = day(due);
	d.met_on = met_on != NULL ? day(met_on) : DK_DATE_NONE;
	d.ended_on = DK_DATE_NONE;
	d.extensions = 0;
	return d;
}

/* ---- dk_rule_due: deadlines.md worked examples and date arithmetic ---- */

static void
rule_due__worked_examples__hold(void **state)
{
	(void)state;
	assert_date(dk_rule_due(&rules[R_6M], day("2026-01-15"), NULL, 0), "2026-07-15");
	assert_date(dk_rule_due(&rules[R_90D], day("2026-01-15"), NULL, 0), "2026-04-15");
	assert_date(dk_rule_due(&rules[R_6M], day("2026-12-31"), NULL, 0), "2027-06-30");
	assert_date(dk_rule_due(&rules[R_6M], day("2026-03-31"), NULL, 0), "2026-09-30");
	assert_date(dk_rule_due(&rules[R_NIO], day("2026-01-15"), NULL, 0), "2026-01-22");
	assert_date(dk_rule_due(&rules[R_90D], day("2026-12-31"), NULL, 0), "2027-03-31");
}

static void
rule_due__months__clamps_to_month_end_and_leap_day(void **state)
{
	(void)state;
	assert_date(dk_rule_due(&rules[R_6M], day("2026-08-31"), NULL, 0), "2027-02-28");
	assert_date(dk_rule_due(&rules[R_6M], day("2027-08-31"), NULL, 0), "2028-02-29");
}

static void
rule_due__working_days__skip_holidays_across_year_end(void **state)
{
	/* Thu 2026-12-24; Fri 25 holiday, 28..31 = 1..4, Fri 2027-01-01 holiday, Mon 4 = 5. */
	const dk_date hol[] = {day("2026-12-25"), day("2027-01-01")};

	(void)state;
	assert_date(dk_rule_due(&rules[R_NIO], day("2026-12-24"), hol, 2), "2027-01-04");
	/* Without holidays: Fri 25, Mon 28, Tue 29, Wed 30, Thu 31. */
	assert_date(dk_rule_due(&rules[R_NIO], day("2026-12-24"), NULL, 0), "2026-12-31");
}

static void
rule_due__working_days__holiday_on_weekend_changes_nothing(void **state)
{
	const dk_date weekend[] = {day("2026-01-17"), day("2026-01-18")};
	const dk_date monday[] = {day("2026-01-17"), day("2026-01-19")};

	(void)state;
	assert_date(dk_rule_due(&rules[R_NIO], day("2026-01-15"), weekend, 2), "2026-01-22");
	/* A weekday holiday does move it, by one working day. */
	assert_date(dk_rule_due(&rules[R_NIO], day("2026-01-15"), monday, 2), "2026-01-23");
}

static void
rule_due__holidays__ignored_by_calendar_units(void **state)
{
	const dk_date hol[] = {day("2026-02-02"), day("2026-04-15"), day("2026-07-15")};

	(void)state;
	assert_date(dk_rule_due(&rules[R_6M], day("2026-01-15"), hol, 3), "2026-07-15");
	assert_date(dk_rule_due(&rules[R_90D], day("2026-01-15"), hol, 3), "2026-04-15");
}

static void
rule_due__uses_rule_length__when_an_administrator_changes_it(void **state)
{
	struct dk_rule r3m = rules[R_6M];
	struct dk_rule r60d = rules[R_90D];
	struct dk_rule nio10 = rules[R_NIO];

	(void)state;
	r3m.length = 3;
	r60d.length = 60;
	nio10.length = 10;
	assert_date(dk_rule_due(&r3m, day("2026-01-15"), NULL, 0), "2026-04-15");
	assert_date(dk_rule_due(&r60d, day("2026-01-15"), NULL, 0), "2026-03-16");
	assert_date(dk_rule_due(&nio10, day("2026-01-15"), NULL, 0), "2026-01-29");
}

/* ---- Evaluation: the deadlines.md example and status ---- */

static void
deadline_evaluate__referred_not_urgent__one_6m_due_soon_on_example_day(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	n = eval(&h, "2026-06-20", out);
	assert_int_equal(n, 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-06-20")), 25);
	assert_status(&out[0], "2026-06-20", DK_STATUS_DUE_SOON);
}

static void
deadline_evaluate__status_boundaries__follow_warn_days(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	assert_int_equal(eval(&h, "2026-06-14", out), 1);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-06-14")), 31);
	assert_status(&out[0], "2026-06-14", DK_STATUS_ON_TRACK);
	assert_int_equal(eval(&h, "2026-06-15", out), 1);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-06-15")), 30);
	assert_status(&out[0], "2026-06-15", DK_STATUS_DUE_SOON);
	assert_int_equal(eval(&h, "2026-07-15", out), 1);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-07-15")), 0);
	assert_status(&out[0], "2026-07-15", DK_STATUS_DUE_SOON);
	assert_int_equal(eval(&h, "2026-07-16", out), 1);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-07-16")), -1);
	assert_status(&out[0], "2026-07-16", DK_STATUS_OVERDUE);
}

static void
deadline_status__hand_built__boundaries_use_the_rules_warn(void **state)
{
	struct dk_deadline d90 = deadline_of(R_90D, "2026-01-15", "2026-04-15", NULL);
	struct dk_deadline nio = deadline_of(R_NIO, "2026-01-15", "2026-01-22", NULL);

	(void)state;
	assert_status(&d90, "2026-03-31", DK_STATUS_ON_TRACK); /* 15 */
	assert_status(&d90, "2026-04-01", DK_STATUS_DUE_SOON); /* 14 */
	assert_status(&d90, "2026-04-15", DK_STATUS_DUE_SOON); /* 0 */
	assert_status(&d90, "2026-04-16", DK_STATUS_OVERDUE);  /* -1 */
	assert_status(&nio, "2026-01-19", DK_STATUS_ON_TRACK); /* 3 */
	assert_status(&nio, "2026-01-20", DK_STATUS_DUE_SOON); /* 2 */
	assert_status(&nio, "2026-01-22", DK_STATUS_DUE_SOON);
	assert_status(&nio, "2026-02-22", DK_STATUS_OVERDUE);
	assert_int_equal(dk_deadline_days_left(&nio, day("2026-02-22")), -31);
	assert_int_equal(dk_deadline_days_left(&d90, day("2026-01-15")), 90);
}

static void
deadline_status__met__judged_on_met_date_not_today(void **state)
{
	struct dk_deadline on_due = deadline_of(R_6M, "2026-01-15", "2026-07-15", "2026-07-15");
	struct dk_deadline day_after = deadline_of(R_6M, "2026-01-15", "2026-07-15", "2026-07-16");
	struct dk_deadline early = deadline_of(R_6M, "2026-01-15", "2026-07-15", "2026-01-15");

	(void)state;
	assert_false(dk_deadline_is_live(&on_due));
	assert_status(&on_due, "2026-07-15", DK_STATUS_MET);
	assert_status(&on_due, "2030-01-01", DK_STATUS_MET);
	assert_status(&day_after, "2026-07-16", DK_STATUS_MISSED);
	assert_status(&day_after, "2030-01-01", DK_STATUS_MISSED);
	assert_status(&early, "2026-01-15", DK_STATUS_MET);
}

static void
deadline_evaluate__concluded_on_due_date__met_and_day_after__missed(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-07-15", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-08-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-07-15");
	assert_status(&out[0], "2026-08-01", DK_STATUS_MET);

	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-07-16", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-08-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-07-16");
	assert_status(&out[0], "2026-08-01", DK_STATUS_MISSED);
}

/* ---- Entity: nio_appointment ---- */

static void
deadline_evaluate__referred_to_tcc_or_pcc__adds_nio_5_working_days(void **state)
{
	static const char *const entities[] = {"tcc", "pcc"};
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		referred_case(&h, "2026-01-12", "2026-01-15", entities[i], false);
		assert_int_equal(eval(&h, "2026-01-20", out), 2);
		assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);
		assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", NULL);
		assert_status(find(out, 2, R_NIO), "2026-01-20", DK_STATUS_DUE_SOON);
		assert_status(find(out, 2, R_NIO), "2026-01-23", DK_STATUS_OVERDUE);
	}
}

static void
deadline_evaluate__referred_to_other_entities__no_nio(void **state)
{
	static const char *const entities[] = {"oios", "mission", "other_un", ""};
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		referred_case(&h, "2026-01-12", "2026-01-15", entities[i], false);
		assert_int_equal(eval(&h, "2026-01-20", out), 1);
		assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	}
}

static void
deadline_evaluate__nio__uses_mission_holidays(void **state)
{
	const dk_date hol[] = {day("2026-12-25"), day("2027-01-01")};
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-12-20", "2026-12-24", "tcc", false);
	assert_int_equal(eval_hol(&h, "2026-12-28", hol, 2, out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-12-24", "2027-01-04", NULL);
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-12-24", "2027-06-24", NULL);
}

static void
deadline_evaluate__investigating__meets_nio_and_concluded_meets_investigation(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "tcc", false);
	moved(&h, "2026-01-21", DK_STATE_INVESTIGATING);
	assert_int_equal(eval(&h, "2026-02-01", out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-21");
	assert_status(find(out, 2, R_NIO), "2026-02-01", DK_STATUS_MET);
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);

	moved(&h, "2026-06-30", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-07-01", out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-21");
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", "2026-06-30");
	assert_status(find(out, 2, R_6M), "2026-07-01", DK_STATUS_MET);
}

static void
deadline_evaluate__nio_appointed_late__missed(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "pcc", false);
	moved(&h, "2026-01-23", DK_STATE_INVESTIGATING);
	assert_int_equal(eval(&h, "2026-01-23", out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-23");
	assert_status(find(out, 2, R_NIO), "2026-01-23", DK_STATUS_MISSED);
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__entity_set_to_tcc_while_referred__starts_nio_from_referral(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "oios", false);
	set_entity(&h, "2026-01-20", "tcc");
	assert_int_equal(eval(&h, "2026-01-20", out), 2);
	/* Both started from the same referral, investigation_6m before nio either way. */
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	assert_deadline(&out[1], R_NIO, "2026-01-15", "2026-01-22", NULL);
	assert_int_equal(dk_deadline_days_left(&out[1], day("2026-01-20")), 2);
	assert_status(&out[1], "2026-01-20", DK_STATUS_DUE_SOON);
	/* Seen the day before the change, there was no nio deadline yet. */
	assert_int_equal(eval(&h, "2026-01-19", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__entity_set_to_tcc_after_investigating__no_nio(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "oios", false);
	moved(&h, "2026-01-18", DK_STATE_INVESTIGATING);
	set_entity(&h, "2026-01-20", "tcc");
	assert_int_equal(eval(&h, "2026-01-20", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__entity_changed_away_from_tcc__drops_live_nio(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "tcc", false);
	set_entity(&h, "2026-01-19", "oios");
	assert_int_equal(eval(&h, "2026-01-30", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	/* A later move into investigating has nothing left to meet. */
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__entity_changed_away_after_nio_met__keeps_met_nio(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "tcc", false);
	moved(&h, "2026-01-20", DK_STATE_INVESTIGATING);
	set_entity(&h, "2026-02-01", "oios");
	assert_int_equal(eval(&h, "2026-02-01", out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-20");
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__entity_tcc_to_pcc__keeps_nio_and_its_extension(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-12", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-16", "nio_appointment", "2026-01-30");
	set_entity(&h, "2026-01-19", "pcc");
	assert_int_equal(eval(&h, "2026-01-19", out), 2);
	assert_deadline_ext(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-30", 1,
	                    NULL);
}

/* ---- Urgent: investigation_6m <-> investigation_90d ---- */

static void
deadline_evaluate__created_urgent_then_referred__90d(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", true);
	assert_int_equal(eval(&h, "2026-04-01", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", NULL);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-04-01")), 14);
	assert_status(&out[0], "2026-04-01", DK_STATUS_DUE_SOON);
	assert_status(&out[0], "2026-03-31", DK_STATUS_ON_TRACK);
}

static void
deadline_evaluate__urgent_set__switches_to_90d_from_same_start(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	set_urgent(&h, "2026-02-01", true);
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", NULL);
	/* Seen the day before, it was still the six-month deadline. */
	assert_int_equal(eval(&h, "2026-01-31", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__urgent_cleared__switches_back_to_6m(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	set_urgent(&h, "2026-02-01", true);
	set_urgent(&h, "2026-03-01", false);
	assert_int_equal(eval(&h, "2026-03-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	/* And a case created urgent, cleared after referral. */
	referred_case(&h, "2026-12-01", "2026-12-31", "mission", true);
	set_urgent(&h, "2027-01-05", false);
	assert_int_equal(eval(&h, "2027-01-05", out), 1);
	assert_deadline(&out[0], R_6M, "2026-12-31", "2027-06-30", NULL);
}

static void
deadline_evaluate__urgent_set__keeps_nio(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	set_urgent(&h, "2026-01-16", true);
	assert_int_equal(eval(&h, "2026-01-16", out), 2);
	assert_deadline(find(out, 2, R_90D), R_90D, "2026-01-15", "2026-04-15", NULL);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", NULL);
	assert_false(has(out, 2, R_6M));
}

static void
deadline_evaluate__urgent_set_while_investigating__still_switches(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-01-20", DK_STATE_INVESTIGATING);
	set_urgent(&h, "2026-02-01", true);
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", NULL);
	moved(&h, "2026-04-10", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-04-10", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", "2026-04-10");
	assert_status(&out[0], "2026-04-10", DK_STATUS_MET);
}

static void
deadline_evaluate__urgent_set_after_concluded__changes_nothing(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-01-20", DK_STATE_INVESTIGATING);
	moved(&h, "2026-05-01", DK_STATE_CONCLUDED);
	set_urgent(&h, "2026-05-02", true);
	assert_int_equal(eval(&h, "2026-05-02", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
	set_urgent(&h, "2026-05-03", false);
	assert_int_equal(eval(&h, "2026-05-03", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
}

static void
deadline_evaluate__urgent_switched_back__extension_returns(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-02-01", "investigation_6m", "2026-09-30");
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-09-30", 1, NULL);
	set_urgent(&h, "2026-02-02", true);
	assert_int_equal(eval(&h, "2026-02-02", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", NULL);
	extended(&h, "2026-02-03", "investigation_90d", "2026-05-15");
	assert_int_equal(eval(&h, "2026-02-03", out), 1);
	assert_deadline_ext(&out[0], R_90D, "2026-01-15", "2026-04-15", "2026-05-15", 1, NULL);
	/* Back to not urgent: investigation_6m from the same start, with its extension. */
	set_urgent(&h, "2026-02-04", false);
	assert_int_equal(eval(&h, "2026-02-04", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-09-30", 1, NULL);
	/* And urgent again: the 90-day one's own extension returns too. */
	set_urgent(&h, "2026-02-05", true);
	assert_int_equal(eval(&h, "2026-02-05", out), 1);
	assert_deadline_ext(&out[0], R_90D, "2026-01-15", "2026-04-15", "2026-05-15", 1, NULL);
}

static void
deadline_evaluate__unrelated_set__keeps_the_extension(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", true);
	extended(&h, "2026-02-01", "investigation_90d", "2026-05-15");
	set_urgent(&h, "2026-02-02", true); /* urgent was already set: nothing stops holding */
	set_entity(&h, "2026-02-03", "mission");
	noted(&h, "2026-02-04");
	assert_int_equal(eval(&h, "2026-02-04", out), 1);
	assert_deadline_ext(&out[0], R_90D, "2026-01-15", "2026-04-15", "2026-05-15", 1, NULL);
}

/* ---- Extensions ---- */

static void
deadline_evaluate__extended__keeps_original_due_and_judges_on_extended(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-07-10", "investigation_6m", "2026-08-31");
	assert_int_equal(eval(&h, "2026-07-20", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-08-31", 1, NULL);
	/* Overdue against the original date, but status follows the extension. */
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-07-20")), 42);
	assert_status(&out[0], "2026-07-20", DK_STATUS_ON_TRACK);
	assert_int_equal(eval(&h, "2026-08-10", out), 1);
	assert_int_equal(dk_deadline_days_left(&out[0], day("2026-08-10")), 21);
	assert_status(&out[0], "2026-08-10", DK_STATUS_DUE_SOON);
	assert_int_equal(eval(&h, "2026-09-01", out), 1);
	assert_status(&out[0], "2026-09-01", DK_STATUS_OVERDUE);
}

static void
deadline_evaluate__extended_twice__counts_and_uses_the_last(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-07-10", "investigation_6m", "2026-08-31");
	extended(&h, "2026-08-20", "investigation_6m", "2026-09-30");
	assert_int_equal(eval(&h, "2026-09-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-09-30", 2, NULL);
	assert_status(&out[0], "2026-09-01", DK_STATUS_DUE_SOON);
}

static void
deadline_evaluate__met_after_original_before_extended__met(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	extended(&h, "2026-07-10", "investigation_6m", "2026-08-31");
	moved(&h, "2026-08-20", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-10-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-08-31", 1,
	                    "2026-08-20");
	assert_status(&out[0], "2026-10-01", DK_STATUS_MET);
}

static void
deadline_evaluate__met_after_extended__missed(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	extended(&h, "2026-07-10", "investigation_6m", "2026-08-31");
	moved(&h, "2026-09-01", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-10-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-08-31", 1,
	                    "2026-09-01");
	assert_status(&out[0], "2026-10-01", DK_STATUS_MISSED);
}

static void
deadline_evaluate__extension_of_rule_not_live__changes_nothing(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-02-01", "investigation_90d", "2026-12-31");
	extended(&h, "2026-02-01", "nio_appointment", "2026-12-31");
	extended(&h, "2026-02-01", "no_such_rule", "2026-12-31");
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	/* The extension of a rule that was not live does not wait for it to start. */
	set_urgent(&h, "2026-02-02", true);
	assert_int_equal(eval(&h, "2026-02-02", out), 1);
	assert_deadline(&out[0], R_90D, "2026-01-15", "2026-04-15", NULL);
}

static void
deadline_evaluate__extension_of_nio__leaves_investigation_alone(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-20", "nio_appointment", "2026-02-15");
	assert_int_equal(eval(&h, "2026-01-30", out), 2);
	assert_deadline_ext(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-02-15", 1,
	                    NULL);
	assert_status(find(out, 2, R_NIO), "2026-01-30", DK_STATUS_ON_TRACK);
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);
}

/* ---- --today ---- */

static void
deadline_evaluate__concluded_after_today__still_live(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-07-20", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-07-19", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	assert_status(&out[0], "2026-07-19", DK_STATUS_OVERDUE);
	/* At the end of the day of the move, it counts. */
	assert_int_equal(eval(&h, "2026-07-20", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-07-20");
}

static void
deadline_evaluate__referral_after_today__no_deadline(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	assert_int_equal(eval(&h, "2026-01-14", out), 0);
	assert_int_equal(eval(&h, "2026-01-15", out), 2);
}

static void
deadline_evaluate__set_and_extension_after_today__ignored(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-07-01", "investigation_6m", "2026-08-31");
	set_urgent(&h, "2026-07-02", true);
	set_entity(&h, "2026-07-02", "tcc");
	assert_int_equal(eval(&h, "2026-06-30", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
	assert_int_equal(eval(&h, "2026-07-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-08-31", 1, NULL);
}

/* ---- Closing and reopening ---- */

static void
deadline_evaluate__referred_then_closed__keeps_overdue_as_missed_drops_the_rest(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	/* nio_appointment was due 2026-01-22: it ended unmet, missed; the 6 months were not due. */
	assert_int_equal(eval(&h, "2026-02-01", out), 1);
	assert_int_equal(eval(&h, "2026-12-01", out), 1);
	assert_ended(&out[0], R_NIO, "2026-01-15", "2026-01-22", "2026-02-01");
	/* Seen before the closure, they were live. */
	assert_int_equal(eval(&h, "2026-01-31", out), 2);
}

static void
deadline_evaluate__concluded_then_closed__keeps_met(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-05-01", DK_STATE_CONCLUDED);
	moved(&h, "2026-05-10", DK_STATE_CLOSED);
	assert_int_equal(eval(&h, "2026-12-01", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
	assert_status(&out[0], "2026-12-01", DK_STATUS_MET);
}

static void
deadline_evaluate__closed_after_action__keeps_every_met_deadline(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	moved(&h, "2026-01-20", DK_STATE_INVESTIGATING);
	moved(&h, "2026-03-01", DK_STATE_CONCLUDED);
	moved(&h, "2026-03-02", DK_STATE_ACTION);
	moved(&h, "2026-04-01", DK_STATE_CLOSED);
	assert_int_equal(eval(&h, "2026-04-01", out), 2);
	assert_deadline(find(out, 2, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-01-20");
	assert_deadline(find(out, 2, R_6M), R_6M, "2026-01-15", "2026-07-15", "2026-03-01");
}

static void
deadline_evaluate__closed_case_set_urgent_or_tcc__revives_nothing(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	set_urgent(&h, "2026-02-02", true);
	set_entity(&h, "2026-02-03", "tcc");
	extended(&h, "2026-02-04", "investigation_90d", "2026-12-31");
	assert_int_equal(eval(&h, "2026-02-04", out), 0);
}

static void
deadline_evaluate__reopened_without_new_referral__no_deadline(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	moved(&h, "2026-03-01", DK_STATE_ASSESSMENT);
	/* Only the nio_appointment missed at closing remains. */
	assert_int_equal(eval(&h, "2026-03-01", out), 1);
	assert_ended(&out[0], R_NIO, "2026-01-15", "2026-01-22", "2026-02-01");
	set_urgent(&h, "2026-03-02", true);
	assert_int_equal(eval(&h, "2026-03-02", out), 1);
	moved(&h, "2026-03-03", DK_STATE_LIMITED_INFO);
	assert_int_equal(eval(&h, "2026-03-03", out), 1);
	assert_ended(&out[0], R_NIO, "2026-01-15", "2026-01-22", "2026-02-01");
}

static void
deadline_evaluate__reopened_and_referred_again__new_cycle_after_old_met(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-05-01", DK_STATE_CONCLUDED);
	moved(&h, "2026-05-10", DK_STATE_CLOSED);
	moved(&h, "2026-09-01", DK_STATE_ASSESSMENT);
	moved(&h, "2026-10-01", DK_STATE_REFERRED);
	assert_int_equal(eval(&h, "2026-10-15", out), 2);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
	assert_deadline(&out[1], R_6M, "2026-10-01", "2027-04-01", NULL);
	assert_status(&out[1], "2026-10-15", DK_STATUS_ON_TRACK);

	/* The second cycle's moves and extensions touch only the new deadline. */
	extended(&h, "2026-10-20", "investigation_6m", "2027-05-01");
	moved(&h, "2026-11-01", DK_STATE_INVESTIGATING);
	moved(&h, "2027-04-20", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2027-05-01", out), 2);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
	assert_deadline_ext(&out[1], R_6M, "2026-10-01", "2027-04-01", "2027-05-01", 1,
	                    "2027-04-20");
	assert_status(&out[1], "2027-05-01", DK_STATUS_MET);
}

/* Referred, concluded, closed, reopened and referred again on one day: the deadline that
 * started that day runs again (one per rule, victim and start), not a second beside it. */
static void
deadline_evaluate__referred_again_the_day_it_started__runs_again_once(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-01-15", DK_STATE_CONCLUDED);
	moved(&h, "2026-01-15", DK_STATE_CLOSED);
	moved(&h, "2026-01-15", DK_STATE_ASSESSMENT);
	moved(&h, "2026-01-15", DK_STATE_REFERRED);
	assert_int_equal(eval(&h, "2026-01-20", out), 1);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__reopened_urgent__new_cycle_is_90d(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	moved(&h, "2026-02-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-05-01", DK_STATE_CONCLUDED);
	moved(&h, "2026-05-10", DK_STATE_CLOSED);
	moved(&h, "2026-09-01", DK_STATE_ASSESSMENT);
	set_urgent(&h, "2026-09-02", true);
	moved(&h, "2026-12-31", DK_STATE_REFERRED);
	assert_int_equal(eval(&h, "2027-01-01", out), 2);
	assert_deadline(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-05-01");
	assert_deadline(&out[1], R_90D, "2026-12-31", "2027-03-31", NULL);
}

/* ---- No deadlines, victim_update, max ---- */

static void
deadline_evaluate__no_referral__no_deadlines(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT], *none = NULL;

	(void)state;
	assert_int_equal(
	    dk_deadline_evaluate(NULL, 0, rules, NRULES, NULL, 0, day("2026-01-01"), &none), 0);
	assert_null(none);
	created(&h, "2026-01-10", true);
	noted(&h, "2026-01-11");
	moved(&h, "2026-01-12", DK_STATE_ASSESSMENT);
	set_entity(&h, "2026-01-13", "tcc");
	moved(&h, "2026-01-14", DK_STATE_LIMITED_INFO);
	assert_int_equal(eval(&h, "2026-12-31", out), 0);
	moved(&h, "2026-01-20", DK_STATE_CLOSED);
	assert_int_equal(eval(&h, "2026-12-31", out), 0);
}

static void
deadline_evaluate__victim_update_without_victims__never_appears(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", true);
	n = eval(&h, "2026-01-20", out);
	assert_int_equal(n, 2);
	assert_false(has(out, n, R_VICTIM));
	/* Alone in the table, it gives nothing at all. */
	poison(out, MAXOUT);
	assert_int_equal(eval_into(&h, &rules[R_VICTIM], 1, "2026-12-31", NULL, 0, out), 0);
	assert_true(is_poison(&out[0]));
}

/* ---- victim_update: one clock per victim of an open case ---- */

static void
victim_fact(struct history *h, const char *on, enum dk_fact_kind kind, const char *code)
{
	struct dk_fact *f = push(h, on, kind);

	assert_true(strlen(code) < DK_CODE_MAX);
	strcpy(f->victim, code);
}

/* The only deadline of victim `code` that is live, or met on `met` when met is given. */
static const struct dk_deadline *
find_victim(const struct dk_deadline *out, size_t n, const char *code, const char *start)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].rule == &rules[R_VICTIM] && strcmp(out[i].victim, code) == 0 &&
		    out[i].start == day(start))
			return &out[i];
	fail_msg("no victim_update deadline for %s starting %s", code, start);
	return out; /* not reached: fail_msg ends the test */
}

static size_t
count_victim(const struct dk_deadline *out, size_t n, bool live)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += out[i].rule == &rules[R_VICTIM] && dk_deadline_is_live(&out[i]) == live;
	return k;
}

static void
deadline_evaluate__victim_added__due_30_days_later(void **state)
{
	struct dk_deadline out[MAXOUT];
	const struct dk_deadline *d;
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-12", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	n = eval(&h, "2026-02-05", out);
	assert_int_equal(n, 1);
	d = find_victim(out, n, "V-AAAAA11111", "2026-01-12");
	assert_date(d->due, "2026-02-11");
	assert_true(dk_deadline_is_live(d));
	assert_int_equal(dk_deadline_status(d, day("2026-02-05")), DK_STATUS_DUE_SOON);
	assert_int_equal(dk_deadline_status(d, day("2026-02-12")), DK_STATUS_OVERDUE);
}

static void
deadline_evaluate__victim_informed__meets_and_starts_the_next(void **state)
{
	struct dk_deadline out[MAXOUT];
	const struct dk_deadline *first, *next;
	struct history h;
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	victim_fact(&h, "2026-01-12", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-02-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-02-20", out);
	first = find_victim(out, n, "V-AAAAA11111", "2026-01-12");
	assert_date(first->met_on, "2026-02-01");
	assert_int_equal(dk_deadline_status(first, day("2026-02-20")), DK_STATUS_MET);
	next = find_victim(out, n, "V-AAAAA11111", "2026-02-01");
	assert_date(next->due, "2026-03-03");
	assert_true(dk_deadline_is_live(next));
	assert_int_equal(count_victim(out, n, true), 1);
	/* The case's own deadline is untouched. */
	assert_deadline(find(out, n, R_6M), R_6M, "2026-01-15", "2026-07-15", NULL);
}

static void
deadline_evaluate__victim_late_inform__missed_then_next(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-03-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-03-02", out);
	assert_int_equal(dk_deadline_status(find_victim(out, n, "V-AAAAA11111", "2026-01-10"),
	                                    day("2026-03-02")),
	                 DK_STATUS_MISSED);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-03-01")->due, "2026-03-31");
}

static void
deadline_evaluate__two_victims__keep_their_own_clocks(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_ADDED, "V-BBBBB22222");
	victim_fact(&h, "2026-02-01", DK_FACT_VICTIM_INFORMED, "V-BBBBB22222");
	/* Named a second time: its clock goes on from the first time. */
	victim_fact(&h, "2026-02-02", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	n = eval(&h, "2026-02-05", out);
	assert_int_equal(count_victim(out, n, true), 2);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-10")->due, "2026-02-09");
	assert_true(dk_deadline_is_live(find_victim(out, n, "V-AAAAA11111", "2026-01-10")));
	assert_date(find_victim(out, n, "V-BBBBB22222", "2026-01-20")->met_on, "2026-02-01");
	assert_date(find_victim(out, n, "V-BBBBB22222", "2026-02-01")->due, "2026-03-03");
}

static void
deadline_evaluate__victim_case_closed__drops_live_keeps_met(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	moved(&h, "2026-01-25", DK_STATE_ASSESSMENT);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	/* Informed after closing: recorded, but no clock runs for a closed case. */
	victim_fact(&h, "2026-02-03", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-06-01", out);
	assert_int_equal(count_victim(out, n, true), 0);
	assert_int_equal(count_victim(out, n, false), 1);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-10")->met_on, "2026-01-20");
}

static void
deadline_evaluate__victim_case_reopened__runs_30_days_from_reopening(void **state)
{
	struct dk_deadline out[MAXOUT];
	const struct dk_deadline *d;
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	moved(&h, "2026-01-25", DK_STATE_ASSESSMENT);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	victim_fact(&h, "2026-02-03", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	moved(&h, "2026-02-10", DK_STATE_ASSESSMENT); /* reopened */
	n = eval(&h, "2026-02-11", out);
	assert_int_equal(count_victim(out, n, true), 1);
	d = find_victim(out, n, "V-AAAAA11111", "2026-02-10");
	assert_date(d->due, "2026-03-12");
}

static void
deadline_evaluate__victim_added_to_closed_case__no_deadline(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	created(&h, "2026-01-10", false);
	moved(&h, "2026-01-11", DK_STATE_ASSESSMENT);
	moved(&h, "2026-01-12", DK_STATE_CLOSED);
	victim_fact(&h, "2026-01-13", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	assert_int_equal(eval(&h, "2026-06-01", out), 0);
	/* Until the case reopens: then it runs from the reopening day. */
	moved(&h, "2026-03-01", DK_STATE_ASSESSMENT);
	assert_date(
	    find_victim(out, eval(&h, "2026-03-01", out), "V-AAAAA11111", "2026-03-01")->due,
	    "2026-03-31");
}

static void
deadline_evaluate__victim_today_before_inform__still_live(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-03-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-02-15", out);
	assert_int_equal(n, 1);
	assert_int_equal(dk_deadline_status(&out[0], day("2026-02-15")), DK_STATUS_OVERDUE);
	/* And before the victim was added there was nothing. */
	assert_int_equal(eval(&h, "2026-01-09", out), 0);
}

static void
deadline_evaluate__victim_informed_twice_in_a_day__one_clock(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-01-21", out);
	/* No two deadlines of one victim start on the same day (the store keys them so). */
	assert_int_equal(n, 2);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-10")->met_on, "2026-01-20");
	assert_true(dk_deadline_is_live(find_victim(out, n, "V-AAAAA11111", "2026-01-20")));
}

static void
deadline_evaluate__victim_informed_before_named__ignored(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	/* Told of another case's progress before being named in this one. */
	victim_fact(&h, "2026-01-11", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	assert_int_equal(eval(&h, "2026-01-12", out), 0);
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	n = eval(&h, "2026-01-21", out);
	assert_int_equal(n, 1);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-20")->due, "2026-02-19");
}

static void
deadline_evaluate__victim_extension_of_case_rule__leaves_victims_alone(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	victim_fact(&h, "2026-01-15", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	extended(&h, "2026-01-20", "victim_update", "2026-05-01");
	n = eval(&h, "2026-01-21", out);
	assert_int_equal(find_victim(out, n, "V-AAAAA11111", "2026-01-15")->extensions, 0);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-15")->due, "2026-02-14");
}

/* More deadlines than any guess a caller could make: one replay returns them all. */
static void
deadline_evaluate__twenty_victims__all_deadlines_in_one_replay(void **state)
{
	struct dk_deadline *all = NULL;
	struct history h;
	char code[DK_CODE_MAX];
	size_t n, victims = 0;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	for (int i = 0; i < 20; i++) {
		snprintf(code, sizeof(code), "V-AAAAA%05d", i % 100);
		victim_fact(&h, "2026-01-16", DK_FACT_VICTIM_ADDED, code);
	}
	n = dk_deadline_evaluate(h.f, h.n, rules, NRULES, NULL, 0, day("2026-01-20"), &all);
	assert_int_equal(n, 22);
	assert_ptr_equal(all[0].rule, &rules[R_6M]);
	assert_ptr_equal(all[1].rule, &rules[R_NIO]);
	for (size_t i = 2; i < n; i++) {
		snprintf(code, sizeof(code), "V-AAAAA%05d", (int)(i - 2) % 100);
		assert_string_equal(all[i].victim, code);
		assert_date(all[i].due, "2026-02-15");
		victims += all[i].rule == &rules[R_VICTIM];
	}
	assert_int_equal(victims, 20);
	free(all);
}

/* The count of a whole replay, whatever facts follow the last start or stop. */
static void
check_count(const struct history *h, const char *today, size_t want)
{
	struct dk_deadline out[MAXOUT];

	assert_int_equal(eval(h, today, out), want);
}

static void
deadline_evaluate__later_facts__keep_the_count(void **state)
{
	struct history h;

	(void)state;
	/* Two deadlines, then facts that neither start nor stop anything. */
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	noted(&h, "2026-01-16");
	noted(&h, "2026-01-17");
	set_entity(&h, "2026-01-18", "pcc");
	check_count(&h, "2026-01-20", 2);
	/* A deadline met, then the case closed: both met remain. */
	moved(&h, "2026-01-21", DK_STATE_INVESTIGATING);
	moved(&h, "2026-03-01", DK_STATE_CONCLUDED);
	moved(&h, "2026-04-01", DK_STATE_CLOSED);
	check_count(&h, "2026-04-01", 2);
	/* Reopened and referred again: four, the old two first. */
	moved(&h, "2026-09-01", DK_STATE_ASSESSMENT);
	moved(&h, "2026-10-01", DK_STATE_REFERRED);
	noted(&h, "2026-10-02");
	check_count(&h, "2026-10-02", 4);
}

static void
deadline_evaluate__dropped_deadlines__are_counted(void **state)
{
	struct history h;

	(void)state;
	/* nio dropped by the entity change, 6m switched to 90d by urgent. */
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	set_entity(&h, "2026-01-16", "oios");
	set_urgent(&h, "2026-01-17", true);
	noted(&h, "2026-01-18");
	check_count(&h, "2026-01-18", 1);
	/* And a closure dropping everything. */
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	noted(&h, "2026-01-16");
	moved(&h, "2026-01-17", DK_STATE_CLOSED);
	check_count(&h, "2026-01-17", 0);
	referred_case(&h, "2026-01-10", "2026-01-15", "pcc", true);
	moved(&h, "2026-01-17", DK_STATE_CLOSED);
	check_count(&h, "2026-01-17", 0);
}

static void
deadline_evaluate__rules_given_elsewhere__point_into_that_table(void **state)
{
	struct dk_rule mine[2];
	struct history h;
	struct dk_deadline out[MAXOUT];

	(void)state;
	mine[0] = rules[R_NIO];
	mine[1] = rules[R_6M];
	mine[1].length = 3; /* an administrator shortened it */
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	assert_int_equal(eval_into(&h, mine, 2, "2026-01-20", NULL, 0, out), 1);
	assert_ptr_equal(out[0].rule, &mine[1]);
	assert_date(out[0].due, "2026-04-15");
	assert_date(out[0].original_due, "2026-04-15");
}

/* ---- The readings that decide the edge cases (deadlines.md) ---- */

static void
deadline_evaluate__same_day__victim_informed_then_case_closed__keeps_the_inform(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	moved(&h, "2026-01-11", DK_STATE_ASSESSMENT);
	/* Recorded in this order on one day: the inform meets the clock, then closing ends. */
	victim_fact(&h, "2026-02-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	n = eval(&h, "2026-06-01", out);
	assert_int_equal(n, 1);
	assert_date(find_victim(out, n, "V-AAAAA11111", "2026-01-10")->met_on, "2026-02-01");
}

static void
deadline_evaluate__same_day__case_closed_then_victim_informed__inform_after_closing(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	moved(&h, "2026-01-11", DK_STATE_ASSESSMENT);
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	victim_fact(&h, "2026-02-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	/* Closed before it was due: dropped, and the later inform meets nothing. */
	assert_int_equal(eval(&h, "2026-06-01", out), 0);
}

static void
deadline_evaluate__urgent_toggled_by_mistake__met_investigation_stays_met(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-06-01", "investigation_6m", "2026-09-30");
	set_urgent(&h, "2026-06-02", true);
	set_urgent(&h, "2026-06-02", false);
	moved(&h, "2026-08-01", DK_STATE_INVESTIGATING);
	moved(&h, "2026-09-01", DK_STATE_CONCLUDED);
	assert_int_equal(eval(&h, "2026-09-01", out), 1);
	assert_deadline_ext(&out[0], R_6M, "2026-01-15", "2026-07-15", "2026-09-30", 1,
	                    "2026-09-01");
	assert_status(&out[0], "2026-09-01", DK_STATUS_MET);
}

static void
deadline_evaluate__entity_away_and_back__nio_extension_returns(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-16", "nio_appointment", "2026-02-10");
	set_entity(&h, "2026-01-17", "oios");
	assert_false(has(out, eval(&h, "2026-01-17", out), R_NIO));
	set_entity(&h, "2026-01-18", "pcc");
	assert_deadline_ext(find(out, eval(&h, "2026-01-18", out), R_NIO), R_NIO, "2026-01-15",
	                    "2026-01-22", "2026-02-10", 1, NULL);
}

static void
deadline_evaluate__extension_of_another_start__does_not_come_back(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-16", "nio_appointment", "2026-02-10");
	set_entity(&h, "2026-01-17", "oios");
	/* Closed and referred again: a new start, its own arithmetic. */
	moved(&h, "2026-01-18", DK_STATE_CLOSED);
	moved(&h, "2026-01-19", DK_STATE_ASSESSMENT);
	moved_with(&h, "2026-01-20", DK_STATE_REFERRED, "tcc");
	assert_deadline(find(out, eval(&h, "2026-01-20", out), R_NIO), R_NIO, "2026-01-20",
	                "2026-01-27", NULL);
}

/* One replay's lapses, copied into out (4 at most) for the tests to read. */
static size_t
lapses_into(const struct history *h, const char *today, struct dk_deadline_lapse out[4])
{
	struct dk_deadline_lapse *all = NULL;
	size_t n = dk_deadline_lapses(h->f, h->n, rules, NRULES, NULL, 0, day(today), &all);

	assert_in_range(n, 0, 4);
	if (n > 0)
		memcpy(out, all, n * sizeof(*out));
	free(all);
	return n;
}

static void
deadline_lapses__urgent_on_and_off__names_what_replaced_it_and_when_it_came_back(void **state)
{
	struct dk_deadline_lapse lapses[4];
	struct history h;
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-02-01", "investigation_6m", "2026-09-01");
	set_urgent(&h, "2026-02-02", true);
	n = lapses_into(&h, "2026-02-02", lapses);
	assert_int_equal(n, 1);
	assert_ptr_equal(lapses[0].taken.rule, &rules[R_6M]);
	assert_date(lapses[0].taken.due, "2026-09-01");
	assert_date(lapses[0].on, "2026-02-02");
	assert_ptr_equal(lapses[0].instead, &rules[R_90D]);
	assert_date(lapses[0].instead_due, "2026-04-15");
	assert_int_equal(lapses[0].back_on, DK_DATE_NONE);
	set_urgent(&h, "2026-02-03", false);
	n = lapses_into(&h, "2026-02-03", lapses);
	assert_int_equal(n, 1);
	assert_date(lapses[0].back_on, "2026-02-03");
}

static void
deadline_lapses__entity_change__no_rule_instead(void **state)
{
	struct dk_deadline_lapse lapses[4];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-16", "nio_appointment", "2026-02-10");
	set_entity(&h, "2026-01-17", "oios");
	assert_int_equal(lapses_into(&h, "2026-01-17", lapses), 1);
	assert_ptr_equal(lapses[0].taken.rule, &rules[R_NIO]);
	assert_null(lapses[0].instead);
}

static void
deadline_lapses__unextended_switch__lapses_nothing(void **state)
{
	struct dk_deadline_lapse lapses[4];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	set_urgent(&h, "2026-01-17", true);
	assert_int_equal(lapses_into(&h, "2026-01-17", lapses), 0);
}

static void
deadline_evaluate__closed__overdue_victim_update_stays_missed(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-10", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-12", DK_FACT_VICTIM_ADDED, "V-BBBBB22222");
	victim_fact(&h, "2026-01-20", DK_FACT_VICTIM_INFORMED, "V-BBBBB22222");
	moved(&h, "2026-01-25", DK_STATE_ASSESSMENT);
	moved(&h, "2026-02-15", DK_STATE_CLOSED);
	n = eval(&h, "2026-06-01", out);
	/* A's was due 2026-02-09: missed at closing. B's next was due 2026-02-19: dropped. */
	assert_int_equal(n, 2);
	assert_ended(find_victim(out, n, "V-AAAAA11111", "2026-01-10"), R_VICTIM, "2026-01-10",
	             "2026-02-09", "2026-02-15");
	assert_date(find_victim(out, n, "V-BBBBB22222", "2026-01-12")->met_on, "2026-01-20");
}

static void
deadline_evaluate__closed_on_the_due_date__not_overdue_dropped(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	moved(&h, "2026-01-22", DK_STATE_CLOSED);
	assert_int_equal(eval(&h, "2026-06-01", out), 0);
}

static void
deadline_evaluate__closed_after_original_before_extended__dropped(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	extended(&h, "2026-01-16", "nio_appointment", "2026-02-10");
	moved(&h, "2026-02-01", DK_STATE_CLOSED);
	assert_int_equal(eval(&h, "2026-06-01", out), 0);
}

static void
deadline_evaluate__reopened__missed_at_closing_stays_and_victims_run_afresh(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "tcc", false);
	victim_fact(&h, "2026-01-15", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	moved(&h, "2026-03-01", DK_STATE_CLOSED);
	moved(&h, "2026-04-01", DK_STATE_ASSESSMENT);
	n = eval(&h, "2026-04-02", out);
	/* nio and the victim's first clock ended missed; the victim's runs from 2026-04-01. */
	assert_int_equal(n, 3);
	assert_ended(find(out, n, R_NIO), R_NIO, "2026-01-15", "2026-01-22", "2026-03-01");
	assert_ended(find_victim(out, n, "V-AAAAA11111", "2026-01-15"), R_VICTIM, "2026-01-15",
	             "2026-02-14", "2026-03-01");
	assert_deadline(find_victim(out, n, "V-AAAAA11111", "2026-04-01"), R_VICTIM, "2026-04-01",
	                "2026-05-01", NULL);
}

static void
deadline_evaluate__informed_on_the_start_day__one_deadline_no_met_row(void **state)
{
	struct dk_deadline out[MAXOUT];
	struct history h;
	size_t n;

	(void)state;
	created(&h, "2026-01-10", false);
	victim_fact(&h, "2026-01-12", DK_FACT_VICTIM_ADDED, "V-AAAAA11111");
	victim_fact(&h, "2026-01-12", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-01-20", out);
	assert_int_equal(n, 1);
	assert_deadline(&out[0], R_VICTIM, "2026-01-12", "2026-02-11", NULL);
	/* The same on the day the case reopens. */
	moved(&h, "2026-01-13", DK_STATE_ASSESSMENT);
	moved(&h, "2026-01-14", DK_STATE_CLOSED);
	moved(&h, "2026-03-01", DK_STATE_ASSESSMENT);
	victim_fact(&h, "2026-03-01", DK_FACT_VICTIM_INFORMED, "V-AAAAA11111");
	n = eval(&h, "2026-03-02", out);
	assert_int_equal(n, 1);
	assert_deadline(&out[0], R_VICTIM, "2026-03-01", "2026-03-31", NULL);
}

/* ---- Explanations ---- */

/* True when `word` occurs in s as a whole token (not inside a longer number or word). */
static bool
has_token(const char *s, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = strstr(s, word); p != NULL; p = strstr(p + 1, word)) {
		bool left = p == s || !((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '-');
		bool right = !((p[len] >= '0' && p[len] <= '9') || p[len] == '-');

		if (left && right)
			return true;
	}
	return false;
}

static void
deadline_explain__6m__shows_start_length_and_due(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];
	struct dk_buf b = DK_BUF_INIT;
	const char *s, *start, *due;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	assert_int_equal(eval(&h, "2026-06-20", out), 1);
	dk_deadline_explain(&b, &out[0]);
	s = dk_buf_str(&b);
	start = strstr(s, "2026-01-15");
	due = strstr(s, "2026-07-15");
	if (start == NULL || due == NULL || !has_token(s, "6"))
		fail_msg("explanation '%s' lacks the start, the length or the due date", s);
	assert_true(start < due);
	assert_null(strstr(s, "extended"));
	dk_buf_free(&b);
}

static void
deadline_explain__6m__matches_the_header_wording(void **state)
{
	struct dk_deadline d = deadline_of(R_6M, "2026-01-15", "2026-07-15", NULL);
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_deadline_explain(&b, &d);
	assert_string_equal(dk_buf_str(&b), "Referred 2026-01-15 + 6 months = 2026-07-15");
	dk_buf_reset(&b);
	d.due = day("2026-08-01");
	d.extensions = 1;
	dk_deadline_explain(&b, &d);
	assert_string_equal(dk_buf_str(&b),
	                    "Referred 2026-01-15 + 6 months = 2026-07-15; extended to 2026-08-01");
	dk_buf_free(&b);
}

static void
deadline_explain__local_date_format__shows_its_dates_in_it(void **state)
{
	struct dk_deadline d = deadline_of(R_6M, "2026-01-15", "2026-07-15", NULL);
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	d.due = day("2026-08-01");
	d.extensions = 1;
	dk_date_set_display_format("%d/%m/%Y");
	dk_deadline_explain(&b, &d);
	dk_date_set_display_format(NULL);
	assert_string_equal(dk_buf_str(&b),
	                    "Referred 15/01/2026 + 6 months = 15/07/2026; extended to 01/08/2026");
	dk_buf_free(&b);
}

static void
deadline_explain__extended__mentions_extension_date(void **state)
{
	struct history h;
	struct dk_deadline out[MAXOUT];
	struct dk_buf b = DK_BUF_INIT;
	const char *s;

	(void)state;
	referred_case(&h, "2026-01-10", "2026-01-15", "oios", false);
	extended(&h, "2026-07-10", "investigation_6m", "2026-08-01");
	assert_int_equal(eval(&h, "2026-07-20", out), 1);
	dk_deadline_explain(&b, &out[0]);
	s = dk_buf_str(&b);
	if (strstr(s, "2026-01-15") == NULL || strstr(s, "2026-07-15") == NULL ||
	    strstr(s, "2026-08-01") == NULL)
		fail_msg("explanation '%s' lacks the start, the original due or the extension", s);
	assert_true(strstr(s, "2026-07-15") < strstr(s, "2026-08-01"));
	dk_buf_free(&b);
}

static void
deadline_explain__other_units__show_their_numbers(void **state)
{
	struct dk_deadline d90 = deadline_of(R_90D, "2026-01-15", "2026-04-15", NULL);
	struct dk_deadline nio = deadline_of(R_NIO, "2026-01-15", "2026-01-22", NULL);
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_deadline_explain(&b, &d90);
	assert_true(has_token(dk_buf_str(&b), "90"));
	assert_non_null(strstr(dk_buf_str(&b), "2026-04-15"));
	dk_buf_reset(&b);
	dk_deadline_explain(&b, &nio);
	assert_true(has_token(dk_buf_str(&b), "5"));
	assert_non_null(strstr(dk_buf_str(&b), "2026-01-15"));
	assert_non_null(strstr(dk_buf_str(&b), "2026-01-22"));
	dk_buf_free(&b);
}

static void
deadline_explain__appends__keeps_what_was_there(void **state)
{
	struct dk_deadline d = deadline_of(R_6M, "2026-01-15", "2026-07-15", NULL);
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_buf_puts(&b, "investigation_6m: ");
	dk_deadline_explain(&b, &d);
	assert_int_equal(strncmp(dk_buf_str(&b), "investigation_6m: ", 18), 0);
	assert_non_null(strstr(dk_buf_str(&b) + 18, "2026-07-15"));
	dk_buf_free(&b);
}

static const char *
french(const char *msgid)
{
	static const char *const table[][2] = {
	    {"months", "mois"},
	    {"working days", "jours ouvrables"},
	    {"; extended to %s", " ; prolongé au %s"},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(msgid, table[i][0]) == 0)
			return table[i][1];
	}
	return msgid;
}

static int
restore_identity(void **state)
{
	(void)state;
	dk_i18n_set_lookup(NULL);
	return 0;
}

static void
deadline_explain__translated__through_the_i18n_hook(void **state)
{
	struct dk_deadline d = deadline_of(R_6M, "2026-01-15", "2026-07-15", NULL);
	struct dk_deadline nio = deadline_of(R_NIO, "2026-01-15", "2026-01-22", NULL);
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_i18n_set_lookup(french);
	d.due = day("2026-08-01");
	d.extensions = 1;
	dk_deadline_explain(&b, &d);
	if (strstr(dk_buf_str(&b), "mois") == NULL ||
	    strstr(dk_buf_str(&b), "prolongé au 2026-08-01") == NULL)
		fail_msg("explanation '%s' is not translated", dk_buf_str(&b));
	dk_buf_reset(&b);
	dk_deadline_explain(&b, &nio);
	if (strstr(dk_buf_str(&b), "jours ouvrables") == NULL)
		fail_msg("explanation '%s' is not translated", dk_buf_str(&b));
	dk_buf_free(&b);
}

/* ---- Identifiers ---- */

static void
unit_id__round_trips__and_refuses_unknown(void **state)
{
	static const char *const ids[DK_UNIT_COUNT] = {"months", "days", "working_days"};
	static const char *const bad[] = {
	    "", "month", "Months", "DAYS", "working days", "working_days ", "weeks", "years"};
	enum dk_unit u;

	(void)state;
	for (int i = 0; i < DK_UNIT_COUNT; i++) {
		assert_string_equal(dk_unit_id((enum dk_unit)i), ids[i]);
		u = DK_UNIT_COUNT;
		assert_true(dk_unit_parse(ids[i], &u));
		assert_int_equal(u, i);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(dk_unit_parse(bad[i], &u));
}

static void
applies_id__round_trips__and_refuses_unknown(void **state)
{
	static const char *const ids[DK_APPLIES_COUNT] = {"not_urgent", "urgent", "entity_tcc_pcc",
	                                                  "has_victims"};
	static const char *const bad[] = {"",           "Urgent",       "not-urgent", "tcc",
	                                  "entity_tcc", "has_victims ", "always"};
	enum dk_applies a;

	(void)state;
	for (int i = 0; i < DK_APPLIES_COUNT; i++) {
		assert_string_equal(dk_applies_id((enum dk_applies)i), ids[i]);
		a = DK_APPLIES_COUNT;
		assert_true(dk_applies_parse(ids[i], &a));
		assert_int_equal(a, i);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(dk_applies_parse(bad[i], &a));
}

static void
status_id__names_every_status(void **state)
{
	(void)state;
	assert_string_equal(dk_deadline_status_id(DK_STATUS_ON_TRACK), "on_track");
	assert_string_equal(dk_deadline_status_id(DK_STATUS_DUE_SOON), "due_soon");
	assert_string_equal(dk_deadline_status_id(DK_STATUS_OVERDUE), "overdue");
	assert_string_equal(dk_deadline_status_id(DK_STATUS_MET), "met");
	assert_string_equal(dk_deadline_status_id(DK_STATUS_MISSED), "missed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rule_due__worked_examples__hold),
	    cmocka_unit_test(rule_due__months__clamps_to_month_end_and_leap_day),
	    cmocka_unit_test(rule_due__working_days__skip_holidays_across_year_end),
	    cmocka_unit_test(rule_due__working_days__holiday_on_weekend_changes_nothing),
	    cmocka_unit_test(rule_due__holidays__ignored_by_calendar_units),
	    cmocka_unit_test(rule_due__uses_rule_length__when_an_administrator_changes_it),
	    cmocka_unit_test(
	        deadline_evaluate__referred_not_urgent__one_6m_due_soon_on_example_day),
	    cmocka_unit_test(deadline_evaluate__status_boundaries__follow_warn_days),
	    cmocka_unit_test(deadline_status__hand_built__boundaries_use_the_rules_warn),
	    cmocka_unit_test(deadline_status__met__judged_on_met_date_not_today),
	    cmocka_unit_test(deadline_evaluate__concluded_on_due_date__met_and_day_after__missed),
	    cmocka_unit_test(deadline_evaluate__referred_to_tcc_or_pcc__adds_nio_5_working_days),
	    cmocka_unit_test(deadline_evaluate__referred_to_other_entities__no_nio),
	    cmocka_unit_test(deadline_evaluate__nio__uses_mission_holidays),
	    cmocka_unit_test(
	        deadline_evaluate__investigating__meets_nio_and_concluded_meets_investigation),
	    cmocka_unit_test(deadline_evaluate__nio_appointed_late__missed),
	    cmocka_unit_test(
	        deadline_evaluate__entity_set_to_tcc_while_referred__starts_nio_from_referral),
	    cmocka_unit_test(deadline_evaluate__entity_set_to_tcc_after_investigating__no_nio),
	    cmocka_unit_test(deadline_evaluate__entity_changed_away_from_tcc__drops_live_nio),
	    cmocka_unit_test(deadline_evaluate__entity_changed_away_after_nio_met__keeps_met_nio),
	    cmocka_unit_test(deadline_evaluate__entity_tcc_to_pcc__keeps_nio_and_its_extension),
	    cmocka_unit_test(deadline_evaluate__created_urgent_then_referred__90d),
	    cmocka_unit_test(deadline_evaluate__urgent_set__switches_to_90d_from_same_start),
	    cmocka_unit_test(deadline_evaluate__urgent_cleared__switches_back_to_6m),
	    cmocka_unit_test(deadline_evaluate__urgent_set__keeps_nio),
	    cmocka_unit_test(deadline_evaluate__urgent_set_while_investigating__still_switches),
	    cmocka_unit_test(deadline_evaluate__urgent_set_after_concluded__changes_nothing),
	    cmocka_unit_test(deadline_evaluate__urgent_switched_back__extension_returns),
	    cmocka_unit_test(deadline_evaluate__unrelated_set__keeps_the_extension),
	    cmocka_unit_test(
	        deadline_evaluate__extended__keeps_original_due_and_judges_on_extended),
	    cmocka_unit_test(deadline_evaluate__extended_twice__counts_and_uses_the_last),
	    cmocka_unit_test(deadline_evaluate__met_after_original_before_extended__met),
	    cmocka_unit_test(deadline_evaluate__met_after_extended__missed),
	    cmocka_unit_test(deadline_evaluate__extension_of_rule_not_live__changes_nothing),
	    cmocka_unit_test(deadline_evaluate__extension_of_nio__leaves_investigation_alone),
	    cmocka_unit_test(deadline_evaluate__concluded_after_today__still_live),
	    cmocka_unit_test(deadline_evaluate__referral_after_today__no_deadline),
	    cmocka_unit_test(deadline_evaluate__set_and_extension_after_today__ignored),
	    cmocka_unit_test(
	        deadline_evaluate__referred_then_closed__keeps_overdue_as_missed_drops_the_rest),
	    cmocka_unit_test(deadline_evaluate__concluded_then_closed__keeps_met),
	    cmocka_unit_test(deadline_evaluate__closed_after_action__keeps_every_met_deadline),
	    cmocka_unit_test(deadline_evaluate__closed_case_set_urgent_or_tcc__revives_nothing),
	    cmocka_unit_test(deadline_evaluate__reopened_without_new_referral__no_deadline),
	    cmocka_unit_test(
	        deadline_evaluate__reopened_and_referred_again__new_cycle_after_old_met),
	    cmocka_unit_test(deadline_evaluate__referred_again_the_day_it_started__runs_again_once),
	    cmocka_unit_test(deadline_evaluate__reopened_urgent__new_cycle_is_90d),
	    cmocka_unit_test(deadline_evaluate__no_referral__no_deadlines),
	    cmocka_unit_test(deadline_evaluate__victim_update_without_victims__never_appears),
	    cmocka_unit_test(deadline_evaluate__victim_added__due_30_days_later),
	    cmocka_unit_test(deadline_evaluate__victim_informed__meets_and_starts_the_next),
	    cmocka_unit_test(deadline_evaluate__victim_late_inform__missed_then_next),
	    cmocka_unit_test(deadline_evaluate__two_victims__keep_their_own_clocks),
	    cmocka_unit_test(deadline_evaluate__victim_case_closed__drops_live_keeps_met),
	    cmocka_unit_test(deadline_evaluate__victim_case_reopened__runs_30_days_from_reopening),
	    cmocka_unit_test(deadline_evaluate__victim_added_to_closed_case__no_deadline),
	    cmocka_unit_test(deadline_evaluate__victim_today_before_inform__still_live),
	    cmocka_unit_test(deadline_evaluate__victim_informed_before_named__ignored),
	    cmocka_unit_test(deadline_evaluate__victim_informed_twice_in_a_day__one_clock),
	    cmocka_unit_test(
	        deadline_evaluate__victim_extension_of_case_rule__leaves_victims_alone),
	    cmocka_unit_test(deadline_evaluate__twenty_victims__all_deadlines_in_one_replay),
	    cmocka_unit_test(deadline_evaluate__later_facts__keep_the_count),
	    cmocka_unit_test(deadline_evaluate__dropped_deadlines__are_counted),
	    cmocka_unit_test(deadline_evaluate__rules_given_elsewhere__point_into_that_table),
	    cmocka_unit_test(
	        deadline_evaluate__same_day__victim_informed_then_case_closed__keeps_the_inform),
	    cmocka_unit_test(
	        deadline_evaluate__same_day__case_closed_then_victim_informed__inform_after_closing),
	    cmocka_unit_test(
	        deadline_evaluate__urgent_toggled_by_mistake__met_investigation_stays_met),
	    cmocka_unit_test(deadline_evaluate__entity_away_and_back__nio_extension_returns),
	    cmocka_unit_test(deadline_evaluate__extension_of_another_start__does_not_come_back),
	    cmocka_unit_test(
	        deadline_lapses__urgent_on_and_off__names_what_replaced_it_and_when_it_came_back),
	    cmocka_unit_test(deadline_lapses__entity_change__no_rule_instead),
	    cmocka_unit_test(deadline_lapses__unextended_switch__lapses_nothing),
	    cmocka_unit_test(deadline_evaluate__closed__overdue_victim_update_stays_missed),
	    cmocka_unit_test(deadline_evaluate__closed_on_the_due_date__not_overdue_dropped),
	    cmocka_unit_test(deadline_evaluate__closed_after_original_before_extended__dropped),
	    cmocka_unit_test(
	        deadline_evaluate__reopened__missed_at_closing_stays_and_victims_run_afresh),
	    cmocka_unit_test(deadline_evaluate__informed_on_the_start_day__one_deadline_no_met_row),
	    cmocka_unit_test(deadline_explain__6m__shows_start_length_and_due),
	    cmocka_unit_test(deadline_explain__6m__matches_the_header_wording),
	    cmocka_unit_test(deadline_explain__local_date_format__shows_its_dates_in_it),
	    cmocka_unit_test(deadline_explain__extended__mentions_extension_date),
	    cmocka_unit_test(deadline_explain__other_units__show_their_numbers),
	    cmocka_unit_test(deadline_explain__appends__keeps_what_was_there),
	    cmocka_unit_test_teardown(deadline_explain__translated__through_the_i18n_hook,
	                              restore_identity),
	    cmocka_unit_test(unit_id__round_trips__and_refuses_unknown),
	    cmocka_unit_test(applies_id__round_trips__and_refuses_unknown),
	    cmocka_unit_test(status_id__names_every_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
