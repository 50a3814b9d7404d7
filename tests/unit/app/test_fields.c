/*
 * Need-to-know by key (issue 16 item 4), from the app's side: a database
 * made by init seals its fields from the start; mission keys are sealed to
 * the accounts their role and missions allow; removing an account rotates
 * what it held; a relocated case's fields follow it; vetting goes through
 * keyed hashes. The tests run in order on one database.
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

#include "app/app_internal.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "store/store_internal.h"
#include "../sql_value.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))
#define SUMMARY "the summary only MINUSCA may read"

static char dir[PATH_MAX - 64], path[PATH_MAX], ref[DK_REF_MAX];
static struct dk_app *admin;
static dk_date today;

static struct dk_secret *
pass(void)
{
	return dk_secret_from("a long passphrase", 17);
}

/* A new session of name (NULL: none was added); the caller frees it. */
static struct dk_app *
session(const char *name)
{
	struct dk_secret *p = pass();
	struct dk_app *app = dk_app_new(path, today);

	assert_rc(dk_app_unlock(app, name, p), DK_OK);
	dk_secret_free(&p);
	return app;
}

static void
add_user(const char *name, const char *role, const char *missions)
{
	struct dk_account_input in = {name, role, missions, "interactive"};
	struct dk_secret *p = pass();

	assert_rc(dk_app_user_add(admin, &in, p), DK_OK);
	dk_secret_free(&p);
}

static char *
raw(struct dk_app *app, const char *sql)
{
	return test_sql_value(app->store->db, sql);
}

static void
assert_raw(struct dk_app *app, const char *sql, const char *want)
{
	test_assert_sql_value(app->store->db, sql, want);
}

/* Whether account name holds the grant called grant. */
static void
assert_grant(const char *name, const char *grant, bool want)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM key_grant g JOIN account a ON a.gid = g.account_gid WHERE "
	         "a.name = '%s' AND g.name = '%s'",
	         name, grant);
	assert_raw(admin, sql, want ? "1" : "0");
}

static int
setup(void **state)
{
	struct dk_secret *p = pass();
	int bad = 0;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-fields-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	dk_date_parse("2026-11-27", &today);
	snprintf(path, sizeof(path), "%s/f.db", dir);
	admin = dk_app_new(path, today);
	if (dk_app_init(admin, "root", p, "interactive") != DK_OK ||
	    dk_app_unlock(admin, "root", p) != DK_OK)
		bad = -1;
	dk_secret_free(&p);
	return bad;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	dk_app_free(&admin);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
init__seals_from_the_start__grants_by_role_and_mission(void **state)
{
	struct dk_case_input in = {.mission = "MINUSCA",
	                           .reported = "2026-11-20",
	                           .category = "sexual_abuse",
	                           .summary = SUMMARY};

	(void)state;
	assert_true(dk_app_fields_on(admin));
	assert_raw(admin, "SELECT value FROM meta WHERE key = 'fields'", "sealed");
	add_user("olga", "officer", "MINUSCA");
	add_user("ada", "advocate", "MINUSCA");
	add_user("oleg", "officer", "MONUSCO");
	add_user("aude", "auditor", NULL);
	assert_rc(dk_app_case_add(admin, &in, ref), DK_OK);
	assert_raw(admin, "SELECT typeof(summary) FROM case_file", "blob");
	assert_raw(admin, "SELECT dk_open(summary) FROM case_file", SUMMARY);
	assert_grant("olga", "mission MINUSCA free_text 1", true);
	assert_grant("olga", "mission MINUSCA subject_identity 1", true);
	assert_grant("olga", "mission  vet 1", true);
	assert_grant("olga", "mission MONUSCO free_text 1", false);
	assert_grant("ada", "mission MINUSCA victim_identity 1", true);
	assert_grant("ada", "mission MINUSCA subject_identity 1", false);
	assert_grant("ada", "mission  vet 1", false);
	assert_raw(admin,
	           "SELECT count(*) FROM key_grant g JOIN account a ON a.gid = "
	           "g.account_gid WHERE a.name IN ('aude', 'root') AND g.name LIKE 'mission %'",
	           "0");
	/* The authority holds every key (administrators through it). */
	assert_raw(admin,
	           "SELECT count(*) = (SELECT count(*) FROM mission_key) FROM key_grant WHERE "
	           "account_gid = zeroblob(16) AND name LIKE 'mission %'",
	           "1");
}

static void
sessions__read_their_missions_fields_only(void **state)
{
	struct dk_app *olga = session("olga"), *oleg = session("oleg"), *aude = session("aude");

	(void)state;
	assert_raw(olga, "SELECT dk_open(summary) FROM case_file", SUMMARY);
	/* Another mission's officer, and an auditor: the case's dates, not its narrative. */
	assert_raw(oleg, "SELECT reported || '/' || dk_open(summary) FROM case_file",
	           "2026-11-20/");
	assert_raw(aude, "SELECT dk_open(summary) FROM case_file", "");
	dk_app_free(&olga);
	dk_app_free(&oleg);
	dk_app_free(&aude);
}

static void
user_remove__rotates_what_it_held(void **state)
{
	struct dk_app *ada;

	(void)state;
	assert_rc(dk_app_user_remove(admin, "olga"), DK_OK);
	assert_raw(admin,
	           "SELECT gen FROM mission_key WHERE mission = 'MINUSCA' AND class = "
	           "'free_text'",
	           "2");
	assert_raw(admin, "SELECT count(*) FROM content_key WHERE mission = 'MINUSCA' AND gen = 1",
	           "0");
	assert_grant("ada", "mission MINUSCA free_text 2", true);
	assert_grant("ada", "mission MINUSCA free_text 1", false);
	/* What MONUSCO's officer held is not touched. */
	assert_raw(admin,
	           "SELECT gen FROM mission_key WHERE mission = 'MONUSCO' AND class = "
	           "'free_text'",
	           "1");
	ada = session("ada");
	assert_raw(ada, "SELECT dk_open(summary) FROM case_file", SUMMARY);
	dk_app_free(&ada);
	assert_raw(admin, "SELECT dk_open(summary) FROM case_file", SUMMARY);
}

static void
relocation__the_fields_follow_the_case(void **state)
{
	struct dk_app *oleg, *ada;

	(void)state;
	assert_rc(dk_app_case_set(admin, ref, "mission", "MONUSCO", NULL), DK_OK);
	oleg = session("oleg");
	ada = session("ada");
	assert_raw(oleg, "SELECT dk_open(summary) FROM case_file", SUMMARY);
	assert_raw(ada, "SELECT dk_open(summary) FROM case_file", "");
	assert_raw(admin, "SELECT group_concat(DISTINCT mission) FROM content_key", "MONUSCO");
	dk_app_free(&oleg);
	dk_app_free(&ada);
}

static bool
count_match(const struct dk_vet_view *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return true;
}

static void
vet__keyed_hashes_find_the_subject(void **state)
{
	struct dk_subject_input in = {
	    .ref = ref, .personnel = "military_mc", .name = "Jean Dupont", .index = "IDX-42"};
	char code[DK_CODE_MAX], *key;
	int found = 0;

	(void)state;
	assert_rc(dk_app_subject_add(admin, &in, code), DK_OK);
	key = raw(admin, "SELECT name_key FROM subject_identity");
	assert_int_equal(strlen(key), 2 * DK_HASH_BYTES);
	assert_null(strstr(key, "jean"));
	free(key);
	assert_raw(admin, "SELECT typeof(name) || typeof(index_number) FROM subject_identity",
	           "blobblob");
	assert_rc(dk_app_vet(admin, "JEAN dupont", count_match, &found), DK_OK);
	assert_int_equal(found, 1);
	assert_rc(dk_app_vet(admin, "IDX-42", count_match, &found), DK_OK);
	assert_int_equal(found, 2);
}

static void
check_row(const char *what, bool ok, const char *detail, void *ctx)
{
	if (strcmp(what, "sealed fields") != 0)
		return;
	assert_true(ok);
	assert_non_null(strstr(detail, "cases read: 1"));
	(*(int *)ctx)++;
}

static void
check__the_sealed_fields_row_passes(void **state)
{
	struct dk_app *a = session("root");
	int rows = 0;

	(void)state;
	assert_rc(dk_app_check(a, check_row, &rows), DK_OK);
	assert_int_equal(rows, 1);
	dk_app_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(init__seals_from_the_start__grants_by_role_and_mission),
	    cmocka_unit_test(sessions__read_their_missions_fields_only),
	    cmocka_unit_test(user_remove__rotates_what_it_held),
	    cmocka_unit_test(relocation__the_fields_follow_the_case),
	    cmocka_unit_test(vet__keyed_hashes_find_the_subject),
	    cmocka_unit_test(check__the_sealed_fields_row_passes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
