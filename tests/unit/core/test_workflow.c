/* Unit tests for the case workflow: states, the full move matrix and what moves need. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/workflow.h"

/*
 * domain.md, "The workflow", written out independently of src/core/workflow.c.
 * The states in their documented order, and every allowed move with what it
 * must carry ("what the move must carry" column: the target state's field;
 * reopen is admin only with a note).
 */
static const char *const want_ids[] = {
    "received",      "assessment", "limited_info", "referred",
    "investigating", "concluded",  "action",       "closed",
};

static const struct {
	const char *from;
	const char *to;
	unsigned needs;
} want_moves[] = {
    {"received", "assessment", DK_NEEDS_NOTHING},
    {"assessment", "limited_info", DK_NEEDS_NOTE},
    {"assessment", "referred", DK_NEEDS_ENTITY},
    {"assessment", "closed", DK_NEEDS_CLOSURE},
    {"limited_info", "assessment", DK_NEEDS_NOTHING},
    {"limited_info", "referred", DK_NEEDS_ENTITY},
    {"limited_info", "closed", DK_NEEDS_CLOSURE},
    {"referred", "investigating", DK_NEEDS_NOTHING},
    {"referred", "closed", DK_NEEDS_CLOSURE},
    {"investigating", "concluded", DK_NEEDS_OUTCOME},
    {"concluded", "action", DK_NEEDS_NOTHING},
    {"concluded", "closed", DK_NEEDS_CLOSURE},
    {"action", "closed", DK_NEEDS_CLOSURE},
    {"closed", "assessment", DK_NEEDS_NOTE | DK_NEEDS_ADMIN},
};

#define N_WANT_MOVES (sizeof(want_moves) / sizeof(want_moves[0]))

static enum dk_state
state_of(const char *id)
{
	enum dk_state s = DK_STATE_COUNT;

	if (!dk_state_parse(id, &s))
		fail_msg("state \"%s\" from domain.md is unknown", id);
	return s;
}

/* The expected entry for (from, to), or -1 when domain.md does not allow it. */
static int
want_move_index(enum dk_state from, enum dk_state to)
{
	for (size_t i = 0; i < N_WANT_MOVES; i++)
		if (state_of(want_moves[i].from) == from && state_of(want_moves[i].to) == to)
			return (int)i;
	return -1;
}

static unsigned
needs_of(enum dk_state from, enum dk_state to)
{
	const struct dk_move *m = dk_workflow_move(from, to);

	if (m == NULL)
		fail_msg("move %s -> %s is refused", dk_state_id(from), dk_state_id(to));
	return m->needs;
}

/* --- states ------------------------------------------------------------------ */

static void
workflow_states__are_the_eight_of_domain_md_in_order(void **state)
{
	(void)state;
	assert_int_equal(DK_STATE_COUNT, 8);
	for (int i = 0; i < DK_STATE_COUNT; i++)
		assert_string_equal(dk_state_id((enum dk_state)i), want_ids[i]);
}

static void
state_id__parse__round_trips(void **state)
{
	(void)state;
	for (int i = 0; i < DK_STATE_COUNT; i++) {
		enum dk_state s = DK_STATE_COUNT;

		assert_true(dk_state_parse(dk_state_id((enum dk_state)i), &s));
		assert_int_equal(s, i);
	}
}

static void
state_label__each_state__has_its_english_label(void **state)
{
	static const char *const want_labels[] = {
	    "Received", "Assessment",    "Limited information",
	    "Referred", "Investigating", "Concluded",
	    "Action",   "Closed",
	};

	(void)state;
	for (int i = 0; i < DK_STATE_COUNT; i++)
		assert_string_equal(dk_state_label((enum dk_state)i), want_labels[i]);
}

static void
state_id__out_of_range__is_question_mark(void **state)
{
	(void)state;
	assert_string_equal(dk_state_id(DK_STATE_COUNT), "?");
	assert_string_equal(dk_state_label(DK_STATE_COUNT), "?");
	assert_string_equal(dk_state_id((enum dk_state) - 1), "?");
}

static void
state_parse__unknown_id__is_refused(void **state)
{
	static const char *const bad[] = {
	    "",          "open",         "close",         "reopened",
	    "limited",   "limited-info", "investigation", "received ",
	    " received", "closed\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum dk_state s = DK_STATE_ACTION;

		if (dk_state_parse(bad[i], &s))
			fail_msg("dk_state_parse accepted \"%s\"", bad[i]);
		assert_int_equal(s, DK_STATE_ACTION); /* left alone */
	}
}

static void
state_parse__case_variants__are_refused(void **state)
{
	static const char *const bad[] = {
	    "Closed", "CLOSED", "Received", "LIMITED_INFO", "Limited information", "Assessment"};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum dk_state s;

		if (dk_state_parse(bad[i], &s))
			fail_msg("dk_state_parse accepted \"%s\"", bad[i]);
	}
}

/* --- the move matrix --------------------------------------------------------- */

static void
workflow_move__full_matrix__allows_exactly_domain_md_moves(void **state)
{
	int allowed = 0;

	(void)state;
	for (int f = 0; f < DK_STATE_COUNT; f++) {
		for (int t = 0; t < DK_STATE_COUNT; t++) {
			const struct dk_move *m =
			    dk_workflow_move((enum dk_state)f, (enum dk_state)t);
			int w = want_move_index((enum dk_state)f, (enum dk_state)t);

			if (w < 0 && m != NULL)
				fail_msg("move %s -> %s is allowed; domain.md refuses it",
				         want_ids[f], want_ids[t]);
			if (w >= 0 && m == NULL)
				fail_msg("move %s -> %s is refused; domain.md allows it",
				         want_ids[f], want_ids[t]);
			if (m == NULL)
				continue;
			allowed++;
			assert_int_equal(m->from, f);
			assert_int_equal(m->to, t);
			if (m->needs != want_moves[w].needs)
				fail_msg("move %s -> %s needs 0x%x, want 0x%x", want_ids[f],
				         want_ids[t], m->needs, want_moves[w].needs);
		}
	}
	assert_int_equal(allowed, (int)N_WANT_MOVES);
}

static void
workflow_move__same_state__is_refused(void **state)
{
	(void)state;
	for (int s = 0; s < DK_STATE_COUNT; s++)
		assert_null(dk_workflow_move((enum dk_state)s, (enum dk_state)s));
}

static void
workflow_move__investigating_to_closed__is_refused(void **state)
{
	(void)state;
	assert_null(dk_workflow_move(DK_STATE_INVESTIGATING, DK_STATE_CLOSED));
}

static void
workflow_move__received_to_closed__is_refused(void **state)
{
	(void)state;
	assert_null(dk_workflow_move(DK_STATE_RECEIVED, DK_STATE_CLOSED));
	assert_null(dk_workflow_move(DK_STATE_RECEIVED, DK_STATE_REFERRED));
}

static void
workflow_move__backwards__is_refused(void **state)
{
	(void)state;
	assert_null(dk_workflow_move(DK_STATE_ASSESSMENT, DK_STATE_RECEIVED));
	assert_null(dk_workflow_move(DK_STATE_REFERRED, DK_STATE_ASSESSMENT));
	assert_null(dk_workflow_move(DK_STATE_INVESTIGATING, DK_STATE_REFERRED));
	assert_null(dk_workflow_move(DK_STATE_CONCLUDED, DK_STATE_INVESTIGATING));
	assert_null(dk_workflow_move(DK_STATE_ACTION, DK_STATE_CONCLUDED));
	assert_null(dk_workflow_move(DK_STATE_CLOSED, DK_STATE_RECEIVED));
	assert_null(dk_workflow_move(DK_STATE_CLOSED, DK_STATE_ACTION));
}

static void
workflow_move__out_of_range_state__is_refused(void **state)
{
	(void)state;
	assert_null(dk_workflow_move(DK_STATE_COUNT, DK_STATE_CLOSED));
	assert_null(dk_workflow_move(DK_STATE_RECEIVED, DK_STATE_COUNT));
}

static void
workflow_move__assessment_to_limited_info__needs_note(void **state)
{
	(void)state;
	assert_int_equal(needs_of(DK_STATE_ASSESSMENT, DK_STATE_LIMITED_INFO), DK_NEEDS_NOTE);
}

static void
workflow_move__to_referred__needs_entity(void **state)
{
	(void)state;
	assert_int_equal(needs_of(DK_STATE_ASSESSMENT, DK_STATE_REFERRED), DK_NEEDS_ENTITY);
	assert_int_equal(needs_of(DK_STATE_LIMITED_INFO, DK_STATE_REFERRED), DK_NEEDS_ENTITY);
}

static void
workflow_move__to_closed__needs_closure(void **state)
{
	(void)state;
	assert_int_equal(needs_of(DK_STATE_ASSESSMENT, DK_STATE_CLOSED), DK_NEEDS_CLOSURE);
	assert_int_equal(needs_of(DK_STATE_LIMITED_INFO, DK_STATE_CLOSED), DK_NEEDS_CLOSURE);
	assert_int_equal(needs_of(DK_STATE_REFERRED, DK_STATE_CLOSED), DK_NEEDS_CLOSURE);
	assert_int_equal(needs_of(DK_STATE_CONCLUDED, DK_STATE_CLOSED), DK_NEEDS_CLOSURE);
	assert_int_equal(needs_of(DK_STATE_ACTION, DK_STATE_CLOSED), DK_NEEDS_CLOSURE);
}

static void
workflow_move__investigating_to_concluded__needs_outcome(void **state)
{
	(void)state;
	assert_int_equal(needs_of(DK_STATE_INVESTIGATING, DK_STATE_CONCLUDED), DK_NEEDS_OUTCOME);
}

static void
workflow_move__closed_to_assessment__needs_note_and_admin(void **state)
{
	(void)state;
	assert_int_equal(needs_of(DK_STATE_CLOSED, DK_STATE_ASSESSMENT),
	                 DK_NEEDS_NOTE | DK_NEEDS_ADMIN);
}

static void
workflow_move__only_reopen__needs_admin(void **state)
{
	(void)state;
	for (int f = 0; f < DK_STATE_COUNT; f++) {
		for (int t = 0; t < DK_STATE_COUNT; t++) {
			const struct dk_move *m =
			    dk_workflow_move((enum dk_state)f, (enum dk_state)t);
			bool reopen = f == DK_STATE_CLOSED && t == DK_STATE_ASSESSMENT;

			if (m != NULL && ((m->needs & DK_NEEDS_ADMIN) != 0) != reopen)
				fail_msg("move %s -> %s: admin bit %s", want_ids[f], want_ids[t],
				         reopen ? "missing" : "set");
		}
	}
}

/* --- moves_from ---------------------------------------------------------------- */

static void
workflow_moves_from__each_state__lists_its_allowed_moves(void **state)
{
	(void)state;
	for (int f = 0; f < DK_STATE_COUNT; f++) {
		const struct dk_move *out[DK_STATE_COUNT + 1];
		int want = 0;
		int n = dk_workflow_moves_from((enum dk_state)f, out, DK_STATE_COUNT + 1);

		for (size_t i = 0; i < N_WANT_MOVES; i++)
			if ((int)state_of(want_moves[i].from) == f)
				want++;
		assert_int_equal(n, want);
		for (int i = 0; i < n; i++) {
			assert_int_equal(out[i]->from, f);
			assert_true(want_move_index((enum dk_state)f, out[i]->to) >= 0);
			/* the same entry the lookup returns */
			assert_ptr_equal(out[i], dk_workflow_move((enum dk_state)f, out[i]->to));
		}
	}
}

static void
workflow_moves_from__assessment__keeps_table_order(void **state)
{
	const struct dk_move *out[8];
	int n;

	(void)state;
	n = dk_workflow_moves_from(DK_STATE_ASSESSMENT, out, 8);
	assert_int_equal(n, 3);
	assert_int_equal(out[0]->to, DK_STATE_LIMITED_INFO);
	assert_int_equal(out[1]->to, DK_STATE_REFERRED);
	assert_int_equal(out[2]->to, DK_STATE_CLOSED);
}

static void
workflow_moves_from__small_max__is_respected(void **state)
{
	const struct dk_move *out[3] = {NULL, NULL, NULL};
	int n;

	(void)state;
	n = dk_workflow_moves_from(DK_STATE_ASSESSMENT, out, 1);
	assert_int_equal(n, 1);
	assert_non_null(out[0]);
	assert_null(out[1]);
	assert_int_equal(dk_workflow_moves_from(DK_STATE_ASSESSMENT, out, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(workflow_states__are_the_eight_of_domain_md_in_order),
	    cmocka_unit_test(state_id__parse__round_trips),
	    cmocka_unit_test(state_label__each_state__has_its_english_label),
	    cmocka_unit_test(state_id__out_of_range__is_question_mark),
	    cmocka_unit_test(state_parse__unknown_id__is_refused),
	    cmocka_unit_test(state_parse__case_variants__are_refused),
	    cmocka_unit_test(workflow_move__full_matrix__allows_exactly_domain_md_moves),
	    cmocka_unit_test(workflow_move__same_state__is_refused),
	    cmocka_unit_test(workflow_move__investigating_to_closed__is_refused),
	    cmocka_unit_test(workflow_move__received_to_closed__is_refused),
	    cmocka_unit_test(workflow_move__backwards__is_refused),
	    cmocka_unit_test(workflow_move__out_of_range_state__is_refused),
	    cmocka_unit_test(workflow_move__assessment_to_limited_info__needs_note),
	    cmocka_unit_test(workflow_move__to_referred__needs_entity),
	    cmocka_unit_test(workflow_move__to_closed__needs_closure),
	    cmocka_unit_test(workflow_move__investigating_to_concluded__needs_outcome),
	    cmocka_unit_test(workflow_move__closed_to_assessment__needs_note_and_admin),
	    cmocka_unit_test(workflow_move__only_reopen__needs_admin),
	    cmocka_unit_test(workflow_moves_from__each_state__lists_its_allowed_moves),
	    cmocka_unit_test(workflow_moves_from__assessment__keeps_table_order),
	    cmocka_unit_test(workflow_moves_from__small_max__is_respected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
