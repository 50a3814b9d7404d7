/*
 * Office identity (issue 13): an office's name and keys, the line others
 * trust it by, and the peers it trusts. Three databases: A is created with
 * its office (init --office GOMA), B gets one later (office init HQ), C
 * (office init goma) shares A's name in another case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_internal.h"
#include "docket/code.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/text.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

enum db { A, B, C, NDB };

static char dir[PATH_MAX - 64], path[NDB][PATH_MAX];
static struct dk_app *admin[NDB], *officer; /* an auditor: may read, not manage */
static dk_date today;

static struct dk_secret *
pass(void)
{
	return dk_secret_from("a long passphrase", 17);
}

static int
open_db(enum db d, const char *office)
{
	struct dk_secret *p = pass();
	enum dk_rc rc;

	snprintf(path[d], sizeof(path[d]), "%s/%c.db", dir, 'a' + d);
	admin[d] = dk_app_new(path[d], today);
	rc = dk_app_init_office(admin[d], "root", p, "interactive", office);
	if (rc == DK_OK)
		rc = dk_app_unlock(admin[d], "root", p);
	dk_secret_free(&p);
	return rc == DK_OK ? 0 : -1;
}

static int
setup(void **state)
{
	struct dk_account_input in = {"aude", "auditor", NULL, "interactive"};
	struct dk_secret *p = pass();
	int bad = 0;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-office-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	dk_date_parse("2026-11-27", &today);
	bad |= open_db(A, "GOMA") | open_db(B, NULL) | open_db(C, NULL);
	officer = dk_app_new(path[A], today);
	if (bad || dk_app_user_add(admin[A], &in, p) != DK_OK ||
	    dk_app_unlock(officer, "aude", p) != DK_OK)
		bad = -1;
	dk_secret_free(&p);
	return bad;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	for (int d = 0; d < NDB; d++)
		dk_app_free(&admin[d]);
	dk_app_free(&officer);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
show(enum db d, char line[DK_OFFICE_LINE_MAX])
{
	assert_rc(dk_app_office_show(admin[d], line, DK_OFFICE_LINE_MAX), DK_OK);
}

/* B and C get their offices; each test may rely on them (cmocka runs them in order). */
static void
office_show__without_office__says_how_to_make_one(void **state)
{
	char line[DK_OFFICE_LINE_MAX];

	(void)state;
	assert_rc(dk_app_office_show(admin[B], line, sizeof(line)), DK_NOTFOUND);
	assert_string_equal(dk_app_errmsg(admin[B]),
	                    "this database has no office yet: run docket office init NAME");
	assert_rc(dk_app_office_init(admin[B], "HQ"), DK_OK);
	assert_non_null(strstr(dk_app_notice(admin[B]), "office HQ, fingerprint "));
	assert_rc(dk_app_office_init(admin[C], "goma"), DK_OK);
}

static void
office_init__twice__is_refused_naming_the_office(void **state)
{
	(void)state;
	assert_rc(dk_app_office_init(admin[A], "OTHER"), DK_EXISTS);
	assert_string_equal(dk_app_errmsg(admin[A]), "this database is already office GOMA");
}

static void
office_init__bad_name__is_refused(void **state)
{
	static const char *const bad[] = {"", "has space", "x:y", "caf\xc3\xa9",
	                                  "123456789012345678901234567890123"};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_rc(dk_app_office_init(admin[A], bad[i]), DK_INVALID);
	assert_true(dk_validate_office_name("12345678901234567890123456789012", NULL));
	assert_true(dk_validate_office_name("Hq.Nai_robi-2", NULL));
}

static void
office_line__carries_the_database_office_id_and_parses_back(void **state)
{
	char line[DK_OFFICE_LINE_MAX], gid[2 * DK_GID_LEN + 1], prefix[64];
	struct dk_office_peer peer;

	(void)state;
	show(A, line);
	dk_hex_encode(gid, admin[A]->office, DK_GID_LEN);
	snprintf(prefix, sizeof(prefix), "docket-office:1:GOMA:%s:", gid);
	assert_int_equal(strncmp(line, prefix, strlen(prefix)), 0);
	assert_null(strchr(line, ' '));
	assert_rc(dk_app_office_parse_line(admin[B], line, &peer), DK_OK);
	assert_string_equal(peer.name, "GOMA");
	assert_string_equal(peer.fingerprint, strrchr(line, ':') + 1);
}

static void
fingerprint__is_stable_and_the_hash_of_the_keys(void **state)
{
	char line[DK_OFFICE_LINE_MAX], again[DK_OFFICE_LINE_MAX], fp[DK_FINGERPRINT_LEN];
	unsigned char hash[DK_OFFICE_HASH_BYTES];
	struct dk_office_self self;

	(void)state;
	show(A, line);
	show(A, again);
	assert_string_equal(line, again);
	assert_rc(dk_app_tx_begin_read(admin[A], DK_ACTION_OFFICE_READ), DK_OK);
	assert_rc(dk_app_office_self(admin[A], &self), DK_OK);
	assert_rc(dk_app_tx_end(admin[A], DK_OK), DK_OK);
	assert_memory_equal(self.gid, admin[A]->office, DK_GID_LEN);
	assert_true(dk_office_keys_match(self.sign_pk, self.sign_sk, self.box_pk, self.box_sk));
	dk_office_fingerprint_hash(hash, self.gid, self.sign_pk, self.box_pk);
	dk_code_fingerprint(hash, fp);
	assert_string_equal(strrchr(line, ':') + 1, fp);
	assert_int_equal(strlen(fp), 19);
	dk_app_office_self_clear(&self);
	assert_null(self.sign_sk);
}

static void
fingerprint_text__packs_five_bits_a_character(void **state)
{
	unsigned char hash[DK_FINGERPRINT_HASH_BYTES] = {0};
	char fp[DK_FINGERPRINT_LEN];

	(void)state;
	dk_code_fingerprint(hash, fp);
	assert_string_equal(fp, "0000-0000-0000-0000");
	memset(hash, 0xff, sizeof(hash));
	dk_code_fingerprint(hash, fp);
	assert_string_equal(fp, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
	memset(hash, 0, sizeof(hash));
	hash[0] = 0x08; /* 00001 000.. */
	hash[9] = 0x1f; /* the last character: bits 75-79 */
	dk_code_fingerprint(hash, fp);
	assert_string_equal(fp, "1000-0000-0000-000Z");
}

static void
office_self__gives_secret_keys_matching_the_public_ones(void **state)
{
	unsigned char pk[32];
	struct dk_office_self self;

	(void)state;
	assert_rc(dk_app_tx_begin_read(admin[B], DK_ACTION_OFFICE_READ), DK_OK);
	assert_rc(dk_app_office_self(admin[B], &self), DK_OK);
	assert_rc(dk_app_tx_end(admin[B], DK_OK), DK_OK);
	assert_string_equal(self.name, "HQ");
	assert_int_equal(self.sign_sk->len, 64);
	assert_int_equal(self.box_sk->len, 32);
	crypto_sign_ed25519_sk_to_pk(pk, self.sign_sk->bytes);
	assert_memory_equal(pk, self.sign_pk, 32);
	crypto_scalarmult_base(pk, self.box_sk->bytes);
	assert_memory_equal(pk, self.box_pk, 32);
	dk_app_office_self_clear(&self);
}

/* Collects `office list` as "name/trust/fingerprint" lines. */
struct listing {
	char text[1024];
	int n;
};

static bool
collect(const struct dk_office_view *o, void *ctx)
{
	struct listing *l = ctx;
	size_t len = strlen(l->text);

	snprintf(l->text + len, sizeof(l->text) - len, "%s/%s/%s/%lld/%s\n", o->name, o->trust,
	         o->fingerprint, o->head_id, o->broken);
	l->n++;
	return true;
}

static void
listing(enum db d, struct listing *l)
{
	memset(l, 0, sizeof(*l));
	assert_rc(dk_app_office_list(admin[d], collect, l), DK_OK);
}

static void
office_trust__other_office_is_listed_trusted_after_self(void **state)
{
	char la[DK_OFFICE_LINE_MAX], lb[DK_OFFICE_LINE_MAX], want[256];
	struct listing l;
	bool already = true;

	(void)state;
	show(A, la);
	show(B, lb);
	assert_rc(dk_app_office_trust(admin[A], lb, &already), DK_OK);
	assert_false(already);
	assert_rc(dk_app_office_trust(admin[B], la, &already), DK_OK);
	listing(A, &l);
	snprintf(want, sizeof(want), "GOMA/self/%s/0/\nHQ/trusted/%s/0/\n", strrchr(la, ':') + 1,
	         strrchr(lb, ':') + 1);
	assert_string_equal(l.text, want);
	listing(B, &l);
	snprintf(want, sizeof(want), "HQ/self/%s/0/\nGOMA/trusted/%s/0/\n", strrchr(lb, ':') + 1,
	         strrchr(la, ':') + 1);
	assert_string_equal(l.text, want);
	/* The same line again changes nothing and says so. */
	assert_rc(dk_app_office_trust(admin[A], lb, &already), DK_OK);
	assert_true(already);
}

/* The newest audit entry of an action, as "action detail". */
struct found_entry {
	const char *action;
	char text[160];
};

static bool
find_action(const struct dk_audit_view *e, void *ctx)
{
	struct found_entry *f = ctx;

	if (strcmp(e->action, f->action) != 0)
		return true;
	snprintf(f->text, sizeof(f->text), "%s %s", e->action, e->detail);
	return false;
}

static void
office_changes__are_audited_with_the_office_id(void **state)
{
	struct dk_audit_filter f = {.newest_first = true};
	struct found_entry e = {"office_trust", ""};
	char gid[2 * DK_GID_LEN + 1], want[96];

	(void)state;
	dk_hex_encode(gid, admin[B]->office, DK_GID_LEN);
	snprintf(want, sizeof(want), "office_trust office=%s", gid);
	assert_rc(dk_app_audit_log(admin[A], &f, find_action, &e), DK_OK);
	assert_string_equal(e.text, want);
	e.action = "office_init";
	e.text[0] = '\0';
	snprintf(want, sizeof(want), "office_init office=%s", gid);
	assert_rc(dk_app_audit_log(admin[B], &f, find_action, &e), DK_OK);
	assert_string_equal(e.text, want);
	dk_hex_encode(gid, admin[A]->office, DK_GID_LEN);
	snprintf(want, sizeof(want), "office_init office=%s", gid);
	e.text[0] = '\0';
	assert_rc(dk_app_audit_log(admin[A], &f, find_action, &e), DK_OK);
	assert_string_equal(e.text, want); /* written by init --office */
}

/* The line of B with one field replaced by value. */
static void
line_with(char out[DK_OFFICE_LINE_MAX], int field, const char *value)
{
	char line[DK_OFFICE_LINE_MAX], *f[7], *p;
	int n = 0;

	show(B, line);
	for (p = strtok(line, ":"); p != NULL && n < 7; p = strtok(NULL, ":"))
		f[n++] = p;
	assert_int_equal(n, 7);
	f[field] = (char *)value;
	snprintf(out, DK_OFFICE_LINE_MAX, "%s:%s:%s:%s:%s:%s:%s", f[0], f[1], f[2], f[3], f[4],
	         f[5], f[6]);
}

static void
expect_not_a_line(const char *line, const char *why)
{
	struct dk_office_peer peer;
	char want[256];
	bool already;

	snprintf(want, sizeof(want), "that is not an office line: %s", why);
	assert_rc(dk_app_office_parse_line(admin[A], line, &peer), DK_INVALID);
	assert_string_equal(dk_app_errmsg(admin[A]), want);
	assert_rc(dk_app_office_trust(admin[A], line, &already), DK_INVALID);
	assert_string_equal(dk_app_errmsg(admin[A]), want);
}

static void
office_trust__malformed_lines__are_refused_saying_why(void **state)
{
	char line[DK_OFFICE_LINE_MAX], upper[DK_OFFICE_LINE_MAX], *p;

	(void)state;
	line_with(line, 0, "docket-officer");
	expect_not_a_line(line, "it does not start with docket-office");
	line_with(line, 1, "2");
	expect_not_a_line(line, "it is not of version 1");
	line_with(line, 2, "H Q");
	expect_not_a_line(line, "invalid office name (1 to 32 of A-Z, a-z, 0-9, '.', '_', '-')");
	line_with(line, 4, "00");
	expect_not_a_line(line, "the signing key is not 64 lowercase hex digits");
	show(B, upper);
	for (p = upper + 16; *p != '\0' && p < strrchr(upper, ':'); p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	expect_not_a_line(upper, "the office id is not 32 lowercase hex digits");
	line_with(line, 6, "0000-0000-0000-0000");
	expect_not_a_line(line, "its fingerprint does not match its keys");
	show(B, line);
	strcat(line, ":extra");
	expect_not_a_line(line, "it does not have 7 fields separated by ':'");
	show(B, line);
	strcat(line, " ");
	expect_not_a_line(line, "its fingerprint does not match its keys");
	expect_not_a_line("", "it does not start with docket-office");
}

static void
office_trust__own_line__is_refused(void **state)
{
	char line[DK_OFFICE_LINE_MAX];
	bool already;

	(void)state;
	show(A, line);
	assert_rc(dk_app_office_trust(admin[A], line, &already), DK_INVALID);
	assert_string_equal(dk_app_errmsg(admin[A]),
	                    "that is not an office line: it is this office's own line");
}

static void
office_trust__name_of_another_trusted_office__is_refused(void **state)
{
	char lc[DK_OFFICE_LINE_MAX];
	bool already;

	(void)state;
	show(C, lc); /* "goma": A's own name, in another case */
	assert_rc(dk_app_office_trust(admin[A], lc, &already), DK_EXISTS);
	assert_string_equal(dk_app_errmsg(admin[A]), "another trusted office is named GOMA");
	assert_rc(dk_app_office_trust(admin[B], lc, &already), DK_EXISTS); /* B trusts GOMA */
}

/* A line for B's office id under new keys, with its right fingerprint. */
static void
forged_line(char out[DK_OFFICE_LINE_MAX], const char *name)
{
	unsigned char sign_pk[32], box_pk[32], hash[DK_OFFICE_HASH_BYTES];
	char gid[33], sign[65], box[65], fp[DK_FINGERPRINT_LEN];
	struct dk_secret *ssk, *bsk;
	struct dk_office_peer peer;

	dk_office_keys_new(sign_pk, &ssk, box_pk, &bsk);
	dk_secret_free(&ssk);
	dk_secret_free(&bsk);
	dk_office_fingerprint_hash(hash, admin[B]->office, sign_pk, box_pk);
	dk_code_fingerprint(hash, fp);
	dk_hex_encode(gid, admin[B]->office, DK_GID_LEN);
	dk_hex_encode(sign, sign_pk, 32);
	dk_hex_encode(box, box_pk, 32);
	snprintf(out, DK_OFFICE_LINE_MAX, "docket-office:1:%s:%s:%s:%s:%s", name, gid, sign, box,
	         fp);
	assert_rc(dk_app_office_parse_line(admin[A], out, &peer), DK_OK);
}

static void
office_trust__other_keys_for_a_trusted_office__are_refused_until_untrusted(void **state)
{
	char forged[DK_OFFICE_LINE_MAX];
	struct listing l;
	bool already;

	(void)state;
	forged_line(forged, "HQ");
	assert_rc(dk_app_office_trust(admin[A], forged, &already), DK_EXISTS);
	assert_string_equal(dk_app_errmsg(admin[A]),
	                    "office HQ is trusted already with other keys: "
	                    "run docket office untrust HQ first");
	assert_rc(dk_app_office_untrust(admin[A], "hq"), DK_OK);
	listing(A, &l);
	assert_non_null(strstr(l.text, "HQ/known//0/\n"));
	assert_rc(dk_app_office_untrust(admin[A], "HQ"), DK_NOTFOUND);
	assert_string_equal(dk_app_errmsg(admin[A]), "no trusted office is named HQ");
	/* A known office becomes trusted again, under the keys of the line. */
	assert_rc(dk_app_office_trust(admin[A], forged, &already), DK_OK);
	assert_false(already);
	listing(A, &l);
	assert_non_null(strstr(l.text, strrchr(forged, ':') + 1));
	assert_int_equal(l.n, 2);
	/* Back to B's real keys for the tests after this one. */
	{
		char lb[DK_OFFICE_LINE_MAX];

		show(B, lb);
		assert_rc(dk_app_office_untrust(admin[A], "HQ"), DK_OK);
		assert_rc(dk_app_office_trust(admin[A], lb, &already), DK_OK);
	}
}

static void
office_untrust__own_office__is_refused(void **state)
{
	(void)state;
	assert_rc(dk_app_office_untrust(admin[A], "goma"), DK_INVALID);
	assert_string_equal(dk_app_errmsg(admin[A]), "GOMA is this office: it cannot be untrusted");
	assert_rc(dk_app_office_untrust(admin[A], "no such"), DK_INVALID);
}

static void
office_commands__auditor__is_denied_but_may_list(void **state)
{
	char lc[DK_OFFICE_LINE_MAX], line[DK_OFFICE_LINE_MAX];
	struct listing l;
	bool already;

	(void)state;
	show(C, lc);
	assert_rc(dk_app_office_trust(officer, lc, &already), DK_DENIED);
	assert_rc(dk_app_office_trust(officer, "not even a line", &already), DK_DENIED);
	assert_rc(dk_app_office_untrust(officer, "HQ"), DK_DENIED);
	assert_rc(dk_app_office_init(officer, "X"), DK_DENIED);
	memset(&l, 0, sizeof(l));
	assert_rc(dk_app_office_list(officer, collect, &l), DK_OK);
	assert_int_equal(l.n, 2);
	assert_rc(dk_app_office_show(officer, line, sizeof(line)), DK_OK);
}

/* Whether hex of the secret keys of d appears in text. */
static bool
holds_secret(enum db d, const char *text)
{
	char sign[129], box[65];
	struct dk_office_self self;
	bool found;

	assert_rc(dk_app_tx_begin_read(admin[d], DK_ACTION_OFFICE_READ), DK_OK);
	assert_rc(dk_app_office_self(admin[d], &self), DK_OK);
	assert_rc(dk_app_tx_end(admin[d], DK_OK), DK_OK);
	dk_hex_encode(sign, self.sign_sk->bytes, 64);
	dk_hex_encode(box, self.box_sk->bytes, 32);
	/* The last 32 bytes of an Ed25519 secret key are its public key: look at the seed. */
	sign[64] = '\0';
	found = strstr(text, sign) != NULL || strstr(text, box) != NULL;
	dk_app_office_self_clear(&self);
	return found;
}

static bool
collect_all(const struct dk_office_view *o, void *ctx)
{
	struct listing *l = ctx;
	size_t len = strlen(l->text);

	snprintf(l->text + len, sizeof(l->text) - len, "%s %s %s %s %s\n", o->name, o->trust,
	         o->fingerprint, o->head_hash, o->broken);
	return true;
}

static void
secret_keys__never_in_the_line_or_the_list(void **state)
{
	char line[DK_OFFICE_LINE_MAX];
	struct listing l;

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_rc(dk_app_office_list(admin[A], collect_all, &l), DK_OK);
	show(A, line);
	assert_false(holds_secret(A, l.text));
	assert_false(holds_secret(A, line));
	/* The check can fail: the public halves are in the line. */
	assert_true(strlen(line) > 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(office_show__without_office__says_how_to_make_one),
	    cmocka_unit_test(office_init__twice__is_refused_naming_the_office),
	    cmocka_unit_test(office_init__bad_name__is_refused),
	    cmocka_unit_test(office_line__carries_the_database_office_id_and_parses_back),
	    cmocka_unit_test(fingerprint__is_stable_and_the_hash_of_the_keys),
	    cmocka_unit_test(fingerprint_text__packs_five_bits_a_character),
	    cmocka_unit_test(office_self__gives_secret_keys_matching_the_public_ones),
	    cmocka_unit_test(office_trust__other_office_is_listed_trusted_after_self),
	    cmocka_unit_test(office_changes__are_audited_with_the_office_id),
	    cmocka_unit_test(office_trust__malformed_lines__are_refused_saying_why),
	    cmocka_unit_test(office_trust__own_line__is_refused),
	    cmocka_unit_test(office_trust__name_of_another_trusted_office__is_refused),
	    cmocka_unit_test(
	        office_trust__other_keys_for_a_trusted_office__are_refused_until_untrusted),
	    cmocka_unit_test(office_untrust__own_office__is_refused),
	    cmocka_unit_test(office_commands__auditor__is_denied_but_may_list),
	    cmocka_unit_test(secret_keys__never_in_the_line_or_the_list),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
