/* Unit tests for the identifier lists: exactly domain.md's ids, lookup, id lists. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docket/vocab.h"

/*
 * domain.md, "Identifiers (use these exact strings in CLI, CSV and JSON)",
 * copied by hand from the document, in its order. Each list ends with NULL.
 */
static const char *const want_category[] = {"sexual_exploitation", "sexual_abuse", "other_serious",
                                            "other", NULL};
static const char *const want_type[] = {"rape",
                                        "sexual_assault",
                                        "transactional_sex",
                                        "solicitation",
                                        "exploitative_relationship",
                                        "other",
                                        "unknown",
                                        NULL};
static const char *const want_personnel[] = {
    "civilian_int", "civilian_ns", "civilian_unv", "military_mc", "military_mo",
    "police_unpol", "police_fpu",  "contractor",   "unknown",     NULL};
static const char *const want_entity[] = {"oios", "tcc", "pcc", "mission", "other_un", NULL};
static const char *const want_source[] = {"victim",  "witness",   "staff", "community_network",
                                          "hotline", "anonymous", "media", "other",
                                          NULL};
static const char *const want_sex[] = {"female", "male", "unknown", NULL};
static const char *const want_age[] = {"adult", "child", "unknown", NULL};
static const char *const want_assistance[] = {
    "safety",    "medical",    "psychosocial", "legal",         "material",
    "education", "livelihood", "paternity",    "child_support", NULL};
static const char *const want_assistance_status[] = {"referred", "provided", "declined", NULL};
static const char *const want_outcome[] = {"substantiated", "not_substantiated", NULL};
static const char *const want_closure[] = {"actions_completed", "not_substantiated", "not_sea",
                                           "other_circumstances", NULL};
static const char *const want_interim[] = {"payments_suspended", "repatriated",
                                           "administrative_leave", "placed_on_hold", NULL};
static const char *const want_final[] = {
    "dismissal",    "separation",     "demotion", "reprimand", "repatriation_ban",
    "imprisonment", "other_sanction", "none",     NULL};
static const char *const want_paternity[] = {
    "none", "claimed", "dna_pending", "established", "support_ordered", "closed", NULL};

static size_t
count_of(const char *const *ids)
{
	size_t n = 0;

	while (ids[n] != NULL)
		n++;
	return n;
}

/* The list of kind holds exactly ids, in that order, each with a non-empty label. */
static void
check_list(enum dk_vocab_kind kind, const char *const *ids)
{
	const struct dk_vocab *v = dk_vocab_get(kind);
	size_t n = count_of(ids);

	assert_non_null(v);
	assert_non_null(v->name);
	if (v->count != n)
		fail_msg("vocabulary %s has %zu ids, domain.md lists %zu", v->name, v->count, n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v->entries[i].id, ids[i]) != 0)
			fail_msg("vocabulary %s entry %zu is \"%s\", domain.md says \"%s\"",
			         v->name, i, v->entries[i].id, ids[i]);
		assert_non_null(v->entries[i].label);
		assert_true(v->entries[i].label[0] != '\0');
		assert_int_equal(dk_vocab_find(kind, ids[i]), (int)i);
	}
}

static void
vocab_category__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_CATEGORY, want_category);
}

static void
vocab_type__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_TYPE, want_type);
}

static void
vocab_personnel__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_PERSONNEL, want_personnel);
}

static void
vocab_entity__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_ENTITY, want_entity);
}

static void
vocab_source__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_SOURCE, want_source);
}

static void
vocab_sex__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_SEX, want_sex);
}

static void
vocab_age__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_AGE, want_age);
}

static void
vocab_assistance__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_ASSISTANCE, want_assistance);
}

static void
vocab_assistance_status__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_ASSISTANCE_STATUS, want_assistance_status);
}

static void
vocab_outcome__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_OUTCOME, want_outcome);
}

static void
vocab_closure__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_CLOSURE, want_closure);
}

static void
vocab_interim_action__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_INTERIM_ACTION, want_interim);
}

static void
vocab_final_action__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_FINAL_ACTION, want_final);
}

static void
vocab_paternity__matches_domain_md(void **state)
{
	(void)state;
	check_list(DK_VOCAB_PATERNITY, want_paternity);
}

/* Roles are named in domain.md's "Who uses docket" table, not as an ordered list. */
static void
vocab_role__holds_the_four_roles_of_domain_md(void **state)
{
	static const char *const roles[] = {"officer", "advocate", "admin", "auditor"};
	const struct dk_vocab *v = dk_vocab_get(DK_VOCAB_ROLE);

	(void)state;
	assert_non_null(v);
	assert_int_equal(v->count, 4);
	for (size_t i = 0; i < 4; i++)
		if (dk_vocab_find(DK_VOCAB_ROLE, roles[i]) < 0)
			fail_msg("role %s is missing", roles[i]);
}

static void
vocab_get__every_kind__has_a_distinct_name_and_unique_ids(void **state)
{
	(void)state;
	for (int k = 0; k < DK_VOCAB_COUNT; k++) {
		const struct dk_vocab *v = dk_vocab_get((enum dk_vocab_kind)k);

		assert_non_null(v);
		assert_non_null(v->name);
		assert_true(v->count > 0);
		for (int j = 0; j < k; j++)
			assert_string_not_equal(v->name, dk_vocab_get((enum dk_vocab_kind)j)->name);
		for (size_t i = 0; i < v->count; i++)
			for (size_t j = 0; j < i; j++)
				assert_string_not_equal(v->entries[i].id, v->entries[j].id);
	}
}

static void
vocab_get__out_of_range__is_null(void **state)
{
	(void)state;
	assert_null(dk_vocab_get(DK_VOCAB_COUNT));
	assert_int_equal(dk_vocab_find(DK_VOCAB_COUNT, "other"), -1);
}

/* --- find ---------------------------------------------------------------------- */

static void
vocab_find__exact_id__gives_its_index(void **state)
{
	(void)state;
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "sexual_exploitation"), 0);
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "other"), 3);
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, "other_un"), 4);
	/* the same id in another list has that list's index */
	assert_int_equal(dk_vocab_find(DK_VOCAB_TYPE, "other"), 5);
	assert_int_equal(dk_vocab_find(DK_VOCAB_CLOSURE, "not_substantiated"), 1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_OUTCOME, "not_substantiated"), 1);
}

static void
vocab_find__case_variant__is_not_found(void **state)
{
	(void)state;
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, "OIOS"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, "Tcc"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "Sexual_abuse"), -1);
}

static void
vocab_find__prefix_or_extension__is_not_found(void **state)
{
	(void)state;
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "sexual"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "other_"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_CATEGORY, "others"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, " oios"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, "oios "), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, ""), -1);
}

static void
vocab_find__id_of_another_list__is_not_found(void **state)
{
	(void)state;
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, "rape"), -1);
	assert_int_equal(dk_vocab_find(DK_VOCAB_OUTCOME, "not_sea"), -1);
}

static void
vocab_find__null_id__is_not_found(void **state)
{
	(void)state;
	assert_int_equal(dk_vocab_find(DK_VOCAB_ENTITY, NULL), -1);
}

/* --- list_ids -------------------------------------------------------------------- */

static void
vocab_list_ids__big_buffer__joins_ids_with_comma_space(void **state)
{
	char out[256];

	(void)state;
	memset(out, '#', sizeof(out));
	dk_vocab_list_ids(DK_VOCAB_ENTITY, out, sizeof(out));
	assert_string_equal(out, "oios, tcc, pcc, mission, other_un");
	dk_vocab_list_ids(DK_VOCAB_OUTCOME, out, sizeof(out));
	assert_string_equal(out, "substantiated, not_substantiated");
}

static void
vocab_list_ids__exact_size__fits_with_its_nul(void **state)
{
	const char *want = "female, male, unknown";
	char out[32];

	(void)state;
	memset(out, '#', sizeof(out));
	dk_vocab_list_ids(DK_VOCAB_SEX, out, strlen(want) + 1);
	assert_string_equal(out, want);
}

static void
vocab_list_ids__tiny_buffer__is_truncated_and_terminated(void **state)
{
	/* guard bytes on both sides catch any write past the given size */
	char area[64];
	const char *full = "oios, tcc, pcc, mission, other_un";

	(void)state;
	for (size_t size = 1; size < strlen(full) + 1; size++) {
		memset(area, '#', sizeof(area));
		dk_vocab_list_ids(DK_VOCAB_ENTITY, area + 8, size);
		for (size_t i = 0; i < 8; i++)
			assert_int_equal(area[i], '#');
		for (size_t i = 8 + size; i < sizeof(area); i++)
			if (area[i] != '#')
				fail_msg("size %zu: byte %zu past the buffer was written", size,
				         i - 8);
		assert_int_equal(strlen(area + 8), size - 1);
		assert_memory_equal(area + 8, full, size - 1);
	}
}

static void
vocab_list_ids__zero_size__writes_nothing(void **state)
{
	char out[4] = {'#', '#', '#', '#'};

	(void)state;
	dk_vocab_list_ids(DK_VOCAB_ENTITY, out, 0);
	assert_memory_equal(out, "####", 4);
}

static void
vocab_list_ids__unknown_kind__is_empty(void **state)
{
	char out[16];

	(void)state;
	memset(out, '#', sizeof(out));
	dk_vocab_list_ids(DK_VOCAB_COUNT, out, sizeof(out));
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(vocab_category__matches_domain_md),
	    cmocka_unit_test(vocab_type__matches_domain_md),
	    cmocka_unit_test(vocab_personnel__matches_domain_md),
	    cmocka_unit_test(vocab_entity__matches_domain_md),
	    cmocka_unit_test(vocab_source__matches_domain_md),
	    cmocka_unit_test(vocab_sex__matches_domain_md),
	    cmocka_unit_test(vocab_age__matches_domain_md),
	    cmocka_unit_test(vocab_assistance__matches_domain_md),
	    cmocka_unit_test(vocab_assistance_status__matches_domain_md),
	    cmocka_unit_test(vocab_outcome__matches_domain_md),
	    cmocka_unit_test(vocab_closure__matches_domain_md),
	    cmocka_unit_test(vocab_interim_action__matches_domain_md),
	    cmocka_unit_test(vocab_final_action__matches_domain_md),
	    cmocka_unit_test(vocab_paternity__matches_domain_md),
	    cmocka_unit_test(vocab_role__holds_the_four_roles_of_domain_md),
	    cmocka_unit_test(vocab_get__every_kind__has_a_distinct_name_and_unique_ids),
	    cmocka_unit_test(vocab_get__out_of_range__is_null),
	    cmocka_unit_test(vocab_find__exact_id__gives_its_index),
	    cmocka_unit_test(vocab_find__case_variant__is_not_found),
	    cmocka_unit_test(vocab_find__prefix_or_extension__is_not_found),
	    cmocka_unit_test(vocab_find__id_of_another_list__is_not_found),
	    cmocka_unit_test(vocab_find__null_id__is_not_found),
	    cmocka_unit_test(vocab_list_ids__big_buffer__joins_ids_with_comma_space),
	    cmocka_unit_test(vocab_list_ids__exact_size__fits_with_its_nul),
	    cmocka_unit_test(vocab_list_ids__tiny_buffer__is_truncated_and_terminated),
	    cmocka_unit_test(vocab_list_ids__zero_size__writes_nothing),
	    cmocka_unit_test(vocab_list_ids__unknown_kind__is_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
