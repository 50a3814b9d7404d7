/*
 * dk_app_data_version (issue 14): the token the TUI's dashboard compares
 * before reloading. It stays the same across reads, and moves with this
 * session's writes, another connection's commits (another process: a second
 * app on the same file), the day and a new session.
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
#include "docket/crypto.h"
#include "docket/error.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

static char dir[PATH_MAX - 64], path[PATH_MAX];
static struct dk_app *one, *other; /* two sessions on one database, as two processes */
static dk_date today;

static struct dk_secret *
pass(void)
{
	return dk_secret_from("a long passphrase", 17);
}

static int
setup(void **state)
{
	struct dk_secret *p = pass();
	int bad = 0;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-version-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/v.db", dir);
	dk_date_parse("2026-11-27", &today);
	one = dk_app_new(path, today);
	other = dk_app_new(path, today);
	if (dk_app_init(one, "root", p, "interactive") != DK_OK ||
	    dk_app_unlock(one, "root", p) != DK_OK || dk_app_unlock(other, "root", p) != DK_OK)
		bad = -1;
	dk_secret_free(&p);
	return bad;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	dk_app_free(&one);
	dk_app_free(&other);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct dk_data_version
version(struct dk_app *app)
{
	struct dk_data_version v;

	assert_rc(dk_app_data_version(app, &v), DK_OK);
	return v;
}

/* A read of the dashboard, which must leave the token as it was. */
static void
read_dashboard(struct dk_app *app)
{
	struct dk_dashboard d;

	assert_rc(dk_app_dashboard(app, &d), DK_OK);
}

static void
add_case(struct dk_app *app)
{
	struct dk_case_input in = {
	    .mission = "MONUSCO", .reported = "2026-11-01", .category = "sexual_abuse"};
	char ref[DK_REF_MAX];

	assert_rc(dk_app_case_add(app, &in, ref), DK_OK);
}

static void
data_version__reads__leave_it_unchanged(void **state)
{
	struct dk_data_version a, b;

	(void)state;
	read_dashboard(one); /* the first command after the unlock audits it: a write */
	a = version(one);
	read_dashboard(one);
	read_dashboard(one);
	b = version(one);
	assert_true(dk_app_data_version_same(&a, &b));
}

static void
data_version__own_write__moves_it(void **state)
{
	struct dk_data_version a, b;

	(void)state;
	read_dashboard(one);
	a = version(one);
	add_case(one);
	b = version(one);
	assert_false(dk_app_data_version_same(&a, &b));
}

static void
data_version__another_connection_commits__moves_it(void **state)
{
	struct dk_data_version a, b;

	(void)state;
	read_dashboard(one);
	read_dashboard(other);
	a = version(one);
	add_case(other);
	b = version(one);
	assert_false(dk_app_data_version_same(&a, &b));
	a = version(one);
	read_dashboard(one); /* seeing the change is a read: the token stays */
	b = version(one);
	assert_true(dk_app_data_version_same(&a, &b));
}

static void
data_version__another_day__moves_it(void **state)
{
	struct dk_data_version a, b;

	(void)state;
	read_dashboard(one);
	a = version(one);
	dk_app_set_today(one, today + 1);
	b = version(one);
	dk_app_set_today(one, today);
	assert_false(dk_app_data_version_same(&a, &b));
}

static void
data_version__new_session__moves_it(void **state)
{
	struct dk_secret *p = pass();
	struct dk_data_version a, locked, b;

	(void)state;
	read_dashboard(one);
	a = version(one);
	dk_app_lock(one);
	locked = version(one);
	assert_rc(dk_app_unlock(one, "root", p), DK_OK);
	dk_secret_free(&p);
	b = version(one);
	assert_false(dk_app_data_version_same(&a, &locked));
	assert_false(dk_app_data_version_same(&a, &b));
	assert_false(dk_app_data_version_same(&locked, &b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(data_version__reads__leave_it_unchanged),
	    cmocka_unit_test(data_version__own_write__moves_it),
	    cmocka_unit_test(data_version__another_connection_commits__moves_it),
	    cmocka_unit_test(data_version__another_day__moves_it),
	    cmocka_unit_test(data_version__new_session__moves_it),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
