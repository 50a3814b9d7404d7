/*
 * The demo's bulk load (issue 14): into a database with no case it writes,
 * with bulk settings and without the engine's per-event work, exactly the
 * rows the engine would: a rebuild of each case from its events gives the
 * same row and the same deadlines. Into a database with cases it takes the
 * normal path. Either way the connection ends on its usual settings.
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

#include "app/app_internal.h"
#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/error.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))
#define DEMO_CASES 200

static char dir[PATH_MAX - 64], path[PATH_MAX];
static struct dk_app *admin;
static dk_date today;

static int
setup(void **state)
{
	struct dk_secret *p = dk_secret_from("a long passphrase", 17);
	int bad = 0;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-demo-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	dk_date_parse("2026-11-27", &today);
	snprintf(path, sizeof(path), "%s/a.db", dir);
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
put_date(struct dk_buf *b, dk_date d)
{
	char s[DK_DATE_STRLEN];

	if (d == DK_DATE_NONE) {
		dk_buf_puts(b, "-|");
		return;
	}
	dk_date_format(d, s);
	dk_buf_printf(b, "%s|", s);
}

/* A case row as text: every stored field but last_event_on (compared apart). */
static void
case_text(const struct dk_case *c, struct dk_buf *b)
{
	dk_buf_printf(b, "%lld|%s|%s|%d|%ld|", (long long)c->id, c->ref, c->mission, c->year,
	              c->seq);
	put_date(b, c->reported);
	put_date(b, c->incident);
	dk_buf_printf(b, "%s|%s|%s|%s|%s|%s|%s|%s|%d|%s|", c->category, c->type, c->personnel,
	              c->nationality, c->source, c->entity, c->outcome, c->closure, c->urgent,
	              dk_state_id(c->state));
	put_date(b, c->state_since);
	dk_buf_printf(b, "%s|", c->summary != NULL ? c->summary : "(null)");
	for (int i = 0; i < DK_GID_LEN; i++)
		dk_buf_printf(b, "%02x", c->gid[i]);
	dk_buf_putc(b, '\n');
}

static bool
deadline_text(const struct dk_deadline_row *d, void *ctx)
{
	struct dk_buf *b = ctx;

	dk_buf_printf(b, "%lld|%s|%s|", (long long)d->case_id, d->ref, d->rule);
	put_date(b, d->start);
	put_date(b, d->due);
	put_date(b, d->original_due);
	put_date(b, d->met_on);
	put_date(b, d->ended_on);
	dk_buf_printf(b, "%d|%s\n", d->extensions, d->victim != NULL ? d->victim : "");
	return true;
}

/* Every case row and every stored deadline, as text; each case's last_event_on in last[]. */
static void
snapshot(struct dk_buf *cases, struct dk_buf *deadlines, dk_date *last, long n)
{
	struct dk_deadline_query q = {DK_DATE_NONE, true, DK_DATE_NONE};
	struct dk_case c;

	memset(&c, 0, sizeof(c));
	dk_date_parse("9999-12-30", &q.known_by);
	for (long id = 1; id <= n; id++) {
		assert_rc(dk_store_case_by_id(admin->store, id, &c, &admin->err), DK_OK);
		case_text(&c, cases);
		last[id - 1] = c.last_event_on;
		dk_case_clear(&c);
	}
	assert_rc(dk_store_deadline_each(admin->store, &q, deadline_text, deadlines, &admin->err),
	          DK_OK);
}

static void
demo__new_database__bulk_rows_are_what_a_rebuild_gives(void **state)
{
	struct dk_buf before = DK_BUF_INIT, after = DK_BUF_INIT;
	struct dk_buf dl_before = DK_BUF_INIT, dl_after = DK_BUF_INIT;
	static dk_date last_before[DEMO_CASES], last_after[DEMO_CASES];
	long breakers = -1, pages = 0;
	bool flagged;

	(void)state;
	assert_rc(dk_app_demo(admin, DEMO_CASES, 7), DK_OK);
	/* Back on the connection's settings: WAL, checks on. */
	assert_false(dk_store_bulk_on(admin->store));
	assert_rc(dk_store_bulk_check(admin->store, &breakers, &admin->err), DK_OK);
	assert_int_equal(breakers, 0);
	assert_rc(dk_store_integrity(admin->store, &pages, &admin->err), DK_OK);
	snapshot(&before, &dl_before, last_before, DEMO_CASES);
	assert_true(dl_before.len > 0);

	assert_rc(dk_app_tx_begin(admin, DK_ACTION_DEMO), DK_OK);
	for (long id = 1; id <= DEMO_CASES; id++)
		assert_rc(dk_app_case_rebuild(admin, id, &flagged), DK_OK);
	assert_rc(dk_app_tx_end(admin, DK_OK), DK_OK);
	snapshot(&after, &dl_after, last_after, DEMO_CASES);

	assert_string_equal(dk_buf_str(&after), dk_buf_str(&before));
	assert_string_equal(dk_buf_str(&dl_after), dk_buf_str(&dl_before));
	/*
	 * A victim's news moves the case's last event day (touch_case in
	 * app_victim.c, as the demo does); a rebuild reads the case's own
	 * events only, so it may give an earlier day, never a later one.
	 */
	for (long i = 0; i < DEMO_CASES; i++)
		assert_true(last_after[i] <= last_before[i]);
	dk_buf_free(&before);
	dk_buf_free(&after);
	dk_buf_free(&dl_before);
	dk_buf_free(&dl_after);
}

static void
demo__database_with_cases__normal_path_gives_the_same_shape(void **state)
{
	long breakers = -1;

	(void)state;
	assert_rc(dk_app_demo(admin, 50, 7), DK_OK);
	assert_false(dk_store_bulk_on(admin->store));
	assert_rc(dk_store_bulk_check(admin->store, &breakers, &admin->err), DK_OK);
	assert_int_equal(breakers, 0);
	assert_rc(dk_app_demo(admin, 0, 7), DK_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(demo__new_database__bulk_rows_are_what_a_rebuild_gives),
	    cmocka_unit_test(demo__database_with_cases__normal_path_gives_the_same_shape),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
