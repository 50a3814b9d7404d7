/* Unit tests for the display names: every identifier a table or screen shows has one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docket/deadline.h"
#include "docket/i18n.h"
#include "docket/label.h"
#include "docket/workflow.h"

/* The rule ids of schema/0001_init.sql (deadlines.md), by hand. */
static const char *const rule_ids[] = {"investigation_6m", "investigation_90d", "nio_appointment",
                                       "victim_update"};

static void
label_of__every_vocabulary_id__is_its_vocab_label(void **state)
{
	(void)state;
	for (int k = 0; k < DK_VOCAB_COUNT; k++) {
		const struct dk_vocab *v = dk_vocab_get((enum dk_vocab_kind)k);

		for (size_t i = 0; i < v->count; i++)
			assert_string_equal(dk_label_of(DK_LABEL_OF_VOCAB(k), v->entries[i].id),
			                    v->entries[i].label);
	}
}

static void
label_of__every_state__is_the_workflow_label(void **state)
{
	(void)state;
	for (int s = 0; s < DK_STATE_COUNT; s++)
		assert_string_equal(dk_label_of(DK_LABEL_STATE, dk_state_id((enum dk_state)s)),
		                    dk_state_label((enum dk_state)s));
	assert_string_equal(dk_label_of(DK_LABEL_STATE, "investigating"), "Investigating");
}

/* Each id of a kind has a label of its own, not an id (no '_') and unlike the others'. */
static void
assert_distinct_labels(enum dk_label_kind kind, const char *const *ids, int n)
{
	for (int i = 0; i < n; i++) {
		const char *a = dk_label_of(kind, ids[i]);

		assert_non_null(a);
		assert_null(strchr(a, '_'));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(a, dk_label_of(kind, ids[j]));
	}
}

static void
label_of__rules__each_has_its_own_name(void **state)
{
	(void)state;
	assert_distinct_labels(DK_LABEL_RULE, rule_ids, 4);
	assert_string_equal(dk_label_of(DK_LABEL_RULE, "nio_appointment"), "NIO appointment");
}

static void
label_of__statuses_units_conditions__each_has_its_own_name(void **state)
{
	const char *ids[DK_STATUS_COUNT];

	(void)state;
	for (int i = 0; i < DK_STATUS_COUNT; i++)
		ids[i] = dk_deadline_status_id((enum dk_deadline_status)i);
	assert_distinct_labels(DK_LABEL_STATUS, ids, DK_STATUS_COUNT);
	assert_string_equal(dk_label_of(DK_LABEL_STATUS, "due_soon"), "Due soon");
	for (int i = 0; i < DK_UNIT_COUNT; i++)
		ids[i] = dk_unit_id((enum dk_unit)i);
	assert_distinct_labels(DK_LABEL_UNIT, ids, DK_UNIT_COUNT);
	for (int i = 0; i < DK_APPLIES_COUNT; i++)
		ids[i] = dk_applies_id((enum dk_applies)i);
	assert_distinct_labels(DK_LABEL_APPLIES, ids, DK_APPLIES_COUNT);
}

/* Every kind of event a timeline shows (app_timeline.c), by hand. */
static const char *const event_ids[] = {"created",
                                        "moved",
                                        "set",
                                        "note",
                                        "extended",
                                        "extension_lapsed",
                                        "extension_back",
                                        "victim_added",
                                        "victim_informed",
                                        "victim_assistance",
                                        "victim_paternity",
                                        "subject_added",
                                        "subject_action"};

static void
label_of__timeline_events__each_has_its_own_name_and_states_name_their_move(void **state)
{
	(void)state;
	assert_distinct_labels(DK_LABEL_EVENT, event_ids,
	                       (int)(sizeof(event_ids) / sizeof(event_ids[0])));
	/* The TUI's timelines give a kind 20 columns. */
	for (size_t i = 0; i < sizeof(event_ids) / sizeof(event_ids[0]); i++)
		assert_in_range(strlen(dk_label_of(DK_LABEL_EVENT, event_ids[i])), 1, 20);
	assert_string_equal(dk_label_of(DK_LABEL_EVENT, "victim_informed"), "Victim informed");
	/* rule list's START and MET BY: a state's id is the move into it. */
	assert_string_equal(dk_label_of(DK_LABEL_EVENT, "referred"), "Referred");
	assert_null(dk_label_of(DK_LABEL_EVENT, "sexual_abuse"));
}

static void
label_of__action__is_interim_or_final(void **state)
{
	(void)state;
	assert_string_equal(dk_label_of(DK_LABEL_ACTION, "repatriated"), "Repatriated");
	assert_string_equal(dk_label_of(DK_LABEL_ACTION, "dismissal"), "Dismissal");
	assert_null(dk_label_of(DK_LABEL_INTERIM_ACTION, "dismissal"));
}

static void
label_of__unknown_id_or_kind__is_null(void **state)
{
	(void)state;
	assert_null(dk_label_of(DK_LABEL_CATEGORY, "investigating"));
	assert_null(dk_label_of(DK_LABEL_STATE, "Investigating"));
	assert_null(dk_label_of(DK_LABEL_RULE, "investigation_6"));
	assert_null(dk_label_of(DK_LABEL_STATUS, NULL));
	assert_null(dk_label_of(DK_LABEL_NONE, "sexual_abuse"));
	assert_null(dk_label_of(DK_LABEL_COUNT, "sexual_abuse"));
}

static const char *
shout(const char *msgid)
{
	return strcmp(msgid, "Sexual abuse") == 0 ? "Abus sexuel" : msgid;
}

static void
label_show__translates_the_label_and_keeps_an_unknown_id(void **state)
{
	(void)state;
	dk_i18n_set_lookup(shout);
	assert_string_equal(dk_label_show(DK_LABEL_CATEGORY, "sexual_abuse"), "Abus sexuel");
	assert_string_equal(dk_label_show(DK_LABEL_CATEGORY, "no_such_id"), "no_such_id");
	assert_null(dk_label_show(DK_LABEL_CATEGORY, NULL));
	dk_i18n_set_lookup(NULL);
	assert_string_equal(dk_label_show(DK_LABEL_CATEGORY, "sexual_abuse"), "Sexual abuse");
}

static void
kind_of_field__report_fields__name_their_kind(void **state)
{
	(void)state;
	assert_int_equal(dk_label_kind_of_field("category"), DK_LABEL_CATEGORY);
	assert_int_equal(dk_label_kind_of_field("state"), DK_LABEL_STATE);
	assert_int_equal(dk_label_kind_of_field("kind"), DK_LABEL_ASSISTANCE);
	assert_int_equal(dk_label_kind_of_field("step"), DK_LABEL_PATERNITY);
	assert_int_equal(dk_label_kind_of_field("action"), DK_LABEL_ACTION);
	assert_int_equal(dk_label_kind_of_field("mission"), DK_LABEL_NONE);
	assert_int_equal(dk_label_kind_of_field(NULL), DK_LABEL_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(label_of__every_vocabulary_id__is_its_vocab_label),
	    cmocka_unit_test(label_of__every_state__is_the_workflow_label),
	    cmocka_unit_test(label_of__rules__each_has_its_own_name),
	    cmocka_unit_test(label_of__statuses_units_conditions__each_has_its_own_name),
	    cmocka_unit_test(
	        label_of__timeline_events__each_has_its_own_name_and_states_name_their_move),
	    cmocka_unit_test(label_of__action__is_interim_or_final),
	    cmocka_unit_test(label_of__unknown_id_or_kind__is_null),
	    cmocka_unit_test(label_show__translates_the_label_and_keeps_an_unknown_id),
	    cmocka_unit_test(kind_of_field__report_fields__name_their_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
