/*
 * Issue 14: the dashboard's SQL counts and the victim list's index walk
 * (--awaiting-update) against the obvious computation, the walk of every
 * row or every victim, on demo data: today and several past days (whose
 * cases with later events are replayed), an officer scoped to MINUSCA, and
 * the office filter with cases of three offices.
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
#include "store/store_internal.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

static char dir[PATH_MAX - 64], db_path[PATH_MAX];
static struct dk_app *admin, *officer;
static dk_date today;

static int
setup(void **state)
{
	struct dk_account_input olga = {"olga", "officer", "MINUSCA", "interactive"};
	struct dk_secret *root = dk_secret_from("passphrase of root", 18);
	struct dk_secret *pass = dk_secret_from("passphrase of olga", 18);
	enum dk_rc rc;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-walks-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/case.db", dir);
	dk_date_parse("2026-11-27", &today);
	admin = dk_app_new(db_path, today);
	officer = dk_app_new(db_path, today);
	if ((rc = dk_app_init(admin, "root", root, "interactive")) == DK_OK)
		rc = dk_app_unlock(admin, "root", root);
	if (rc == DK_OK)
		rc = dk_app_demo(admin, 700, 14);
	if (rc == DK_OK)
		rc = dk_app_user_add(admin, &olga, pass);
	if (rc == DK_OK)
		rc = dk_app_unlock(officer, "olga", pass);
	dk_secret_free(&root);
	dk_secret_free(&pass);
	return rc == DK_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	dk_app_free(&admin);
	dk_app_free(&officer);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The dashboard as it was computed before: every live row through `deadlines`. */
struct slow {
	struct dk_dashboard db;
	char (*victims)[DK_CODE_MAX];
	size_t nvictims;
	dk_date in_7, in_30;
};

static bool
slow_row(const struct dk_deadline_view *d, void *ctx)
{
	struct slow *s = ctx;
	struct dk_dashboard *db = &s->db;
	size_t i;

	if (d->victim[0] != '\0' && d->days_left < 0) {
		for (i = 0; i < s->nvictims && strcmp(s->victims[i], d->victim) != 0; i++)
			;
		if (i == s->nvictims) {
			s->victims = realloc(s->victims, (s->nvictims + 1) * sizeof(*s->victims));
			snprintf(s->victims[s->nvictims++], DK_CODE_MAX, "%s", d->victim);
			db->victims_awaiting_update++;
		}
	}
	for (int r = 0; r < db->nrules && d->due <= s->in_30; r++) {
		if (strcmp(db->rules[r].rule, d->rule) != 0)
			continue;
		db->rules[r].overdue += d->days_left < 0;
		db->rules[r].within_30 += d->days_left >= 0;
		db->rules[r].within_7 += d->days_left >= 0 && d->due <= s->in_7;
	}
	if (db->nurgent < DK_DASHBOARD_URGENT) {
		snprintf(db->urgent[db->nurgent].ref, DK_REF_MAX, "%s", d->ref);
		snprintf(db->urgent[db->nurgent].rule, 32, "%s", d->rule);
		db->urgent[db->nurgent].due = d->due;
		db->urgent[db->nurgent].days_left = d->days_left;
		snprintf(db->urgent[db->nurgent].status, 16, "%s", d->status);
		snprintf(db->urgent[db->nurgent++].victim, DK_CODE_MAX, "%s", d->victim);
	}
	return true;
}

/* Compares dk_app_dashboard with the slow walk; returns the overdue rows seen. */
static long
check_dashboard(struct dk_app *app, const char *day)
{
	struct dk_deadline_filter live = {-1, false};
	struct slow s;
	struct dk_dashboard fast;
	dk_date d;
	long overdue = 0;

	assert_true(dk_date_parse(day, &d));
	dk_app_set_today(app, d);
	memset(&s, 0, sizeof(s));
	s.in_7 = dk_date_add_days(d, 7);
	s.in_30 = dk_date_add_days(d, 30);
	assert_rc(dk_app_dashboard(app, &fast), DK_OK);
	s.db.nrules = fast.nrules;
	for (int r = 0; r < fast.nrules; r++)
		snprintf(s.db.rules[r].rule, 32, "%s", fast.rules[r].rule);
	assert_rc(dk_app_deadlines(app, &live, slow_row, &s), DK_OK);
	free(s.victims);
	for (int r = 0; r < fast.nrules; r++) {
		assert_string_equal(fast.rules[r].rule, s.db.rules[r].rule);
		assert_int_equal(fast.rules[r].overdue, s.db.rules[r].overdue);
		assert_int_equal(fast.rules[r].within_7, s.db.rules[r].within_7);
		assert_int_equal(fast.rules[r].within_30, s.db.rules[r].within_30);
		overdue += fast.rules[r].overdue;
	}
	assert_int_equal(fast.victims_awaiting_update, s.db.victims_awaiting_update);
	assert_int_equal(fast.nurgent, s.db.nurgent);
	for (int i = 0; i < fast.nurgent; i++) {
		assert_string_equal(fast.urgent[i].ref, s.db.urgent[i].ref);
		assert_string_equal(fast.urgent[i].rule, s.db.urgent[i].rule);
		assert_string_equal(fast.urgent[i].victim, s.db.urgent[i].victim);
		assert_string_equal(fast.urgent[i].status, s.db.urgent[i].status);
		assert_int_equal(fast.urgent[i].due, s.db.urgent[i].due);
		assert_int_equal(fast.urgent[i].days_left, s.db.urgent[i].days_left);
	}
	return overdue + fast.victims_awaiting_update;
}

/* Victims listed, one line each: code, refs, due, days left. */
struct listing {
	char *text;
	size_t len;
	long n;
	bool only_awaiting; /* keep only those awaiting (the slow filter) */
};

static bool
list_row(const struct dk_victim_view *v, void *ctx)
{
	struct listing *l = ctx;
	char line[512];
	int n;

	if (l->only_awaiting && !v->awaiting_update)
		return true;
	n = snprintf(line, sizeof(line), "%s %s %ld %d %s %s\n", v->code, v->refs,
	             (long)v->update_due, v->days_left, v->status != NULL ? v->status : "-",
	             v->assistance);
	l->text = realloc(l->text, l->len + (size_t)n + 1);
	memcpy(l->text + l->len, line, (size_t)n + 1);
	l->len += (size_t)n;
	l->n++;
	return true;
}

/* `victim list --awaiting-update` against every victim's view filtered; returns how many. */
static long
check_awaiting(struct dk_app *app, const char *day)
{
	struct dk_victim_query every = {false, false, NULL}, awaiting = {false, true, NULL};
	struct listing slow = {NULL, 0, 0, true}, fast = {NULL, 0, 0, false};
	dk_date d;
	long n;

	assert_true(dk_date_parse(day, &d));
	dk_app_set_today(app, d);
	assert_rc(dk_app_victim_list(app, NULL, &every, list_row, &slow), DK_OK);
	assert_rc(dk_app_victim_list(app, NULL, &awaiting, list_row, &fast), DK_OK);
	assert_int_equal(fast.n, slow.n);
	if (slow.n > 0)
		assert_string_equal(fast.text, slow.text);
	n = fast.n;
	free(slow.text);
	free(fast.text);
	return n;
}

/* Today and past days: the further back, the more cases are replayed. */
static const char *const days[] = {"2026-11-27", "2026-11-01", "2026-06-15",
                                   "2025-12-31", "2025-03-01", "2024-01-10"};

static void
dashboard__equals_the_walk_of_every_row(void **state)
{
	long seen = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		seen += check_dashboard(admin, days[i]);
	assert_true(seen > 0); /* not vacuous */
	dk_app_set_today(admin, today);
}

static void
dashboard__scoped__equals_the_walk_of_every_row(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		check_dashboard(officer, days[i]);
	dk_app_set_today(officer, today);
}

static void
awaiting__equals_every_victim_filtered(void **state)
{
	long seen = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		seen += check_awaiting(admin, days[i]);
		check_awaiting(officer, days[i]);
	}
	assert_true(seen > 0);
	dk_app_set_today(admin, today);
	dk_app_set_today(officer, today);
}

/* Two other offices get a third of the cases each; each office's view is compared. */
static void
office_filter__each_office__equals_the_walks(void **state)
{
	static const unsigned char others[2][DK_GID_LEN] = {{0x11}, {0x22}};
	const unsigned char *offices[3] = {admin->office, others[0], others[1]};

	(void)state;
	assert_int_equal(sqlite3_exec(admin->store->db,
	                              "UPDATE main.case_file SET office = "
	                              "X'11000000000000000000000000000000' WHERE id % 3 = 1;"
	                              "UPDATE main.case_file SET office = "
	                              "X'22000000000000000000000000000000' WHERE id % 3 = 2",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	for (int o = 0; o < 3; o++) {
		assert_rc(dk_store_office_filter(admin->store, offices[o], NULL), DK_OK);
		for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i += 2) {
			check_dashboard(admin, days[i]);
			check_awaiting(admin, days[i]);
		}
	}
	assert_rc(dk_store_office_filter(admin->store, NULL, NULL), DK_OK);
	dk_app_set_today(admin, today);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(dashboard__equals_the_walk_of_every_row),
	    cmocka_unit_test(dashboard__scoped__equals_the_walk_of_every_row),
	    cmocka_unit_test(awaiting__equals_every_victim_filtered),
	    cmocka_unit_test(office_filter__each_office__equals_the_walks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
