/*
 * Exchange between offices (issue 13), through the app API: three offices
 * GOMA (A), HQ (B) and C trust each other's lines; A records cases and
 * sends bundles. The tests run in order and build on each other: what B holds
 * after one is what the next starts from. Argon2id (interactive) is the slow
 * part under valgrind: three databases made and unlocked, two accounts added.
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
#include "docket/buf.h"
#include "docket/bundle.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/payload.h"
#include "docket/text.h"
#include "docket/workflow.h"
#include "docket/xmalloc.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

enum db { A, B, C, NDB };
/*
 * C is EAST or WEST: whichever name sorts against the order of the office
 * ids, so a list of offices sorted by id cannot pass for one sorted by name.
 */
static const char *office_name[NDB] = {"GOMA", "HQ", NULL};

static char dir[PATH_MAX - 64], path[NDB][PATH_MAX];
static struct dk_app *admin[NDB];
static dk_date today;
/* A's cases: K1, K2 (MINUSCA), K3, then K4 (MINUSCA) and K5 for the roles. */
static char k1[DK_REF_MAX], k2[DK_REF_MAX], k3[DK_REF_MAX];

static int
open_db(enum db d)
{
	struct dk_secret *p = dk_secret_from("a long passphrase", 17);
	enum dk_rc rc;

	snprintf(path[d], sizeof(path[d]), "%s/%c.db", dir, 'a' + d);
	admin[d] = dk_app_new(path[d], today);
	rc = dk_app_init_office(admin[d], "root", p, "interactive", office_name[d]);
	if (rc == DK_OK)
		rc = dk_app_unlock(admin[d], "root", p);
	dk_secret_free(&p);
	return rc == DK_OK ? 0 : -1;
}

/* Every office trusts every other one. */
static int
trust_all(void)
{
	char line[NDB][DK_OFFICE_LINE_MAX];
	bool already;

	for (int d = 0; d < NDB; d++)
		if (dk_app_office_show(admin[d], line[d], sizeof(line[d])) != DK_OK)
			return -1;
	for (int d = 0; d < NDB; d++)
		for (int p = 0; p < NDB; p++)
			if (p != d && dk_app_office_trust(admin[d], line[p], &already) != DK_OK)
				return -1;
	return 0;
}

static int
setup(void **state)
{
	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-exchange-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	dk_date_parse("2026-11-27", &today);
	if ((open_db(A) | open_db(B) | open_db(C)) != 0)
		return -1;
	office_name[C] =
	    memcmp(admin[C]->office, admin[A]->office, DK_GID_LEN) < 0 ? "WEST" : "EAST";
	if (dk_app_office_init(admin[C], office_name[C]) != DK_OK)
		return -1;
	return trust_all();
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	for (int d = 0; d < NDB; d++)
		dk_app_free(&admin[d]);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- Helpers ---- */

static const char *
bundle(const char *name)
{
	static char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s.bundle", dir, name);
	return p;
}

static void
add_case(enum db d, const char *mission, const char *reported, const char *category,
         char ref[DK_REF_MAX])
{
	struct dk_case_input in = {.mission = mission,
	                           .reported = reported,
	                           .category = category,
	                           .summary = "summary of a case",
	                           .nationality = "NPL"};

	assert_rc(dk_app_case_add(admin[d], &in, ref), DK_OK);
}

static void
move(struct dk_app *app, const char *ref, const char *to, const char *on, const char *entity,
     const char *note)
{
	struct dk_move_input in = {
	    .ref = ref, .state = to, .on = on, .entity = entity, .note = note};

	assert_rc(dk_app_case_move(app, &in), DK_OK);
}

/* from exports for office `to` into bundle `file`; wants events and cases. */
static void
send(struct dk_app *from, enum db to, const char *file, long events, long cases)
{
	struct dk_export_input in = {.office = office_name[to], .path = bundle(file)};
	struct dk_export_result r;

	assert_rc(dk_app_export(from, &in, &r), DK_OK);
	assert_int_equal(r.events, events);
	assert_int_equal(r.cases, cases);
}

/* d imports bundle `file`; wants events, new cases and conflicts. */
static void
receive(enum db d, const char *file, long events, long cases, long conflicts)
{
	struct dk_import_result r;

	assert_rc(dk_app_import(admin[d], bundle(file), &r), DK_OK);
	assert_int_equal(r.events, events);
	assert_int_equal(r.cases, cases);
	assert_int_equal(r.conflicts, conflicts);
	assert_string_equal(r.warning, "");
}

static bool
put_deadline(const struct dk_deadline_view *v, void *ctx)
{
	char start[DK_DATE_STRLEN], due[DK_DATE_STRLEN], orig[DK_DATE_STRLEN], met[DK_DATE_STRLEN];

	dk_date_format(v->start, start);
	dk_date_format(v->due, due);
	dk_date_format(v->original_due, orig);
	dk_date_format(v->met_on, met);
	dk_buf_printf(ctx, "deadline %s %s %s %s %s %d %s %s [%s]\n", v->ref, v->rule, start, due,
	              orig, v->extensions, met, v->status, v->explanation);
	return true;
}

/* Everything dk_app_case_get says of ref at d, as text (with its deadlines). */
static char *
case_text(enum db d, const char *ref)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_case c;
	char gid[2 * DK_GID_LEN + 1], office[2 * DK_GID_LEN + 1], rep[DK_DATE_STRLEN],
	    inc[DK_DATE_STRLEN], since[DK_DATE_STRLEN], last[DK_DATE_STRLEN];

	memset(&c, 0, sizeof(c));
	dk_buf_printf(&b, "%s", "");
	assert_rc(dk_app_case_get(admin[d], ref, &c, put_deadline, &b), DK_OK);
	dk_hex_encode(gid, c.gid, DK_GID_LEN);
	dk_hex_encode(office, c.office, DK_GID_LEN);
	dk_date_format(c.reported, rep);
	dk_date_format(c.incident, inc);
	dk_date_format(c.state_since, since);
	dk_date_format(c.last_event_on, last);
	dk_buf_printf(&b, "%s %s %s %s %d %ld %s %s|%s|%s|%s|%s|%s|%s|%s|%s|%d %s %s %s [%s]\n",
	              c.ref, gid, office, c.mission, c.year, c.seq, rep, inc, c.category, c.type,
	              c.personnel, c.nationality, c.source, c.entity, c.outcome, c.closure,
	              c.urgent, dk_state_id(c.state), since, last,
	              c.summary != NULL ? c.summary : "(null)");
	dk_case_clear(&c);
	return b.data;
}

/* ref reads the same at d as at A, deadlines included; and it has some. */
static void
same_case(enum db d, const char *ref)
{
	char *want = case_text(A, ref), *got = case_text(d, ref);

	assert_string_equal(got, want);
	free(want);
	free(got);
}

static bool
put_ref(const struct dk_case *c, void *ctx)
{
	dk_buf_printf(ctx, "%s@%s %s\n", c->ref, c->office_name, dk_state_id(c->state));
	return true;
}

/* The case list of d: "REF@OFFICE state" lines. */
static char *
list_text(enum db d)
{
	struct dk_case_filter f;
	struct dk_buf b = DK_BUF_INIT;

	memset(&f, 0, sizeof(f));
	dk_buf_printf(&b, "%s", "");
	assert_rc(dk_app_case_list(admin[d], &f, put_ref, &b), DK_OK);
	return b.data;
}

/* BLAKE2b of every file of d's database (the file, its WAL, its key slots). */
static void
files_hash(enum db d, unsigned char out[32])
{
	/* Not -shm: readers write their marks there; it holds no data. */
	static const char *const suffixes[] = {"", "-wal", "-journal", ".keys"};
	crypto_generichash_state st;
	unsigned char buf[4096];

	crypto_generichash_init(&st, NULL, 0, 32);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char p[PATH_MAX + 16];
		FILE *f;
		size_t n;

		snprintf(p, sizeof(p), "%s%s", path[d], suffixes[i]);
		crypto_generichash_update(&st, (const unsigned char *)p, strlen(p) + 1);
		if ((f = fopen(p, "rb")) == NULL)
			continue;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			crypto_generichash_update(&st, buf, n);
		fclose(f);
	}
	crypto_generichash_final(&st, out, 32);
}

static unsigned char *
read_bundle(const char *file, size_t *len)
{
	FILE *f = fopen(bundle(file), "rb");
	unsigned char *bytes;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 177 + 64);
	rewind(f);
	bytes = malloc((size_t)n);
	assert_non_null(bytes);
	assert_int_equal(fread(bytes, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return bytes;
}

static void
write_bundle(const char *file, const unsigned char *bytes, size_t len)
{
	FILE *f = fopen(bundle(file), "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ---- Export, import, idempotence ---- */

/*
 * A records K1 (received, assessment, referred, a note) and K2; B imports
 * them and shows what A shows, deadlines included; C is sent the same
 * (c1) for the out-of-order test, and imports nothing yet.
 */
static void
export_then_import__copies_the_cases_with_their_deadlines(void **state)
{
	char *before;

	(void)state;
	add_case(A, "MONUSCO", "2026-09-01", "sexual_abuse", k1);
	move(admin[A], k1, "assessment", "2026-09-02", NULL, NULL);
	move(admin[A], k1, "referred", "2026-09-03", "oios", NULL);
	assert_rc(dk_app_case_note(admin[A], k1, "a note on K1", "2026-09-04"), DK_OK);
	add_case(A, "MINUSCA", "2026-10-01", "sexual_exploitation", k2);
	/* K1: created, 2 moves, a note; K2: created. */
	send(admin[A], B, "b1", 5, 2);
	send(admin[A], C, "c1", 5, 2);
	receive(B, "b1", 5, 2, 0);
	same_case(B, k1);
	same_case(B, k2);
	before = case_text(B, k1);
	assert_non_null(strstr(before, " referred "));
	assert_non_null(strstr(before, "deadline " /* K1's, rebuilt from its events */));
	free(before);
	/* The same bundle again: nothing new, nothing changed. */
	before = list_text(B);
	receive(B, "b1", 0, 0, 0);
	same_case(B, k1);
	same_case(B, k2);
	{
		char *after = list_text(B);

		assert_string_equal(after, before);
		free(after);
	}
	free(before);
}

/* Nothing new for B: a bundle all the same (it carries the audit head), with no event. */
static void
export__nothing_new__carries_no_event(void **state)
{
	(void)state;
	send(admin[A], B, "b0", 0, 0);
	receive(B, "b0", 0, 0, 0);
	same_case(B, k1);
}

/*
 * A moves K1 on, changes K2, records K3; B gets them in order (b2), C
 * gets c2 before c1: both read like A.
 */
static void
import_out_of_order__equals_in_order(void **state)
{
	struct dk_import_result r2, r1;

	(void)state;
	move(admin[A], k1, "investigating", "2026-11-20", NULL, NULL);
	assert_rc(dk_app_case_extend(admin[A], k1, "investigation_6m", "2027-06-30", "abroad"),
	          DK_OK);
	assert_rc(dk_app_case_set(admin[A], k2, "urgent", "yes", "2026-10-02"), DK_OK);
	assert_rc(dk_app_case_set(admin[A], k2, "summary", "K2, summarised again", "2026-10-03"),
	          DK_OK);
	add_case(A, "MONUSCO", "2026-11-01", "sexual_abuse", k3);
	move(admin[A], k3, "assessment", "2026-11-02", NULL, NULL);
	/* K1's move and extension, K2's two sets, K3 created and moved. */
	send(admin[A], B, "b2", 6, 3);
	send(admin[A], C, "c2", 6, 3);
	receive(B, "b2", 6, 1, 0);
	assert_rc(dk_app_import(admin[C], bundle("c2"), &r2), DK_OK);
	assert_rc(dk_app_import(admin[C], bundle("c1"), &r1), DK_OK);
	assert_int_equal(r2.cases + r1.cases, 3);
	assert_int_equal(r2.events, 6);
	assert_int_equal(r1.events, 5);
	assert_int_equal(r2.conflicts + r1.conflicts, 0);
	{
		char *t = case_text(B, k1);

		assert_non_null(strstr(t, " 2027-06-30 2027-03-03 1 ")); /* extended once */
		free(t);
	}
	for (enum db d = B; d <= C; d++) {
		same_case(d, k1);
		same_case(d, k2);
		same_case(d, k3);
	}
	{
		char *lb = list_text(B), *lc = list_text(C);

		assert_string_equal(lc, lb);
		free(lb);
		free(lc);
	}
}

/* ---- Concurrent moves ---- */

struct conflicts {
	struct dk_buf text;
	int n;
};

static bool
put_conflict(const struct dk_conflict_view *v, void *ctx)
{
	struct conflicts *c = ctx;

	c->n++;
	dk_buf_printf(&c->text, "%s@%s %s, %zu moves:", v->c->ref, v->office,
	              dk_state_id(v->c->state), v->nmoves);
	for (size_t i = 0; i < v->nmoves; i++) {
		char on[DK_DATE_STRLEN];

		dk_date_format(v->moves[i].on, on);
		dk_buf_printf(&c->text, " %s@%s on %s", v->moves[i].state, v->moves[i].office, on);
	}
	dk_buf_putc(&c->text, '\n');
	return true;
}

/* The conflicts d lists, as text; *n cases. */
static char *
conflicts_text(enum db d, int *n)
{
	struct conflicts c = {DK_BUF_INIT, 0};

	dk_buf_printf(&c.text, "%s", "");
	assert_rc(dk_app_conflicts(admin[d], put_conflict, &c), DK_OK);
	*n = c.n;
	return c.text.data;
}

static void
concurrent_moves__are_flagged_alike_on_both_sides(void **state)
{
	char *ca, *cb, *ta, *tb;
	int na, nb;

	(void)state;
	/* K3 stands in assessment at A and B; each moves it without seeing the other. */
	move(admin[A], k3, "limited_info", "2026-11-25", NULL, "waiting for details");
	move(admin[B], k3, "referred", "2026-11-25", "oios", NULL);
	send(admin[A], B, "x1", 1, 1);
	send(admin[B], A, "y1", 1, 1);
	receive(B, "x1", 1, 0, 1);
	receive(A, "y1", 1, 0, 1);
	ca = conflicts_text(A, &na);
	cb = conflicts_text(B, &nb);
	assert_int_equal(na, 1);
	assert_int_equal(nb, 1);
	assert_string_equal(ca, cb);
	assert_non_null(strstr(ca, k3));
	assert_non_null(strstr(ca, ", 2 moves:"));
	assert_non_null(strstr(ca, "limited_info@GOMA on 2026-11-25"));
	assert_non_null(strstr(ca, "referred@HQ on 2026-11-25"));
	free(ca);
	free(cb);
	/* Both sides settle on the same state (and the same case). */
	ta = case_text(A, k3);
	tb = case_text(B, k3);
	assert_string_equal(ta, tb);
	assert_non_null(strstr(ta, "deadline "));
	free(ta);
	free(tb);
}

/*
 * The same bundle again brings nothing new, but its case stays flagged: the
 * CLI contract prints "0 events, 0 new cases, K conflicts ... (K as flagged)".
 */
static void
import_again__of_a_flagged_case__still_counts_the_conflict(void **state)
{
	(void)state;
	receive(B, "x1", 0, 0, 1);
}

static void
concurrent_moves__a_move_following_both__clears_both_flags(void **state)
{
	char *ca, *cb, *ta = case_text(A, k3);
	int na, nb;

	(void)state;
	/* A move at A follows both: A's flag goes at once, B's with the bundle. */
	if (strstr(ta, " referred ") != NULL)
		move(admin[A], k3, "investigating", "2026-11-27", NULL, NULL);
	else
		move(admin[A], k3, "referred", "2026-11-27", "oios", NULL);
	free(ta);
	ca = conflicts_text(A, &na);
	assert_int_equal(na, 0);
	free(ca);
	send(admin[A], B, "x2", 1, 1);
	receive(B, "x2", 1, 0, 0);
	cb = conflicts_text(B, &nb);
	assert_int_equal(nb, 0);
	free(cb);
	same_case(B, k3);
}

/* ---- Refusals change nothing ---- */

/* Importing bundle `file` at B is refused with rc (and msg, unless NULL); B is unchanged. */
static void
refused(const char *file, enum dk_rc rc, const char *msg)
{
	unsigned char before[32], after[32];
	struct dk_import_result r;
	char *list = list_text(B), *again;

	files_hash(B, before);
	assert_rc(dk_app_import(admin[B], bundle(file), &r), rc);
	if (msg != NULL)
		assert_string_equal(dk_app_errmsg(admin[B]), msg);
	files_hash(B, after);
	assert_memory_equal(after, before, sizeof(before));
	again = list_text(B);
	assert_string_equal(again, list);
	free(list);
	free(again);
}

/* `file` with byte at (from the end when negative) changed to value (or flipped). */
static void
altered(const char *from, const char *file, long at, int value)
{
	size_t len;
	unsigned char *bytes = read_bundle(from, &len);
	size_t i = at < 0 ? len - (size_t)-at : (size_t)at;

	bytes[i] = value < 0 ? (unsigned char)(bytes[i] ^ 0x01) : (unsigned char)value;
	write_bundle(file, bytes, len);
	free(bytes);
}

static void
import_refusals__leave_the_database_unchanged(void **state)
{
	char line[DK_OFFICE_LINE_MAX];
	size_t len;
	unsigned char *bytes;
	bool already;

	(void)state;
	/* r is new to B: any refusal that went through would change B. */
	assert_rc(dk_app_case_note(admin[A], k1, "a note B has not seen", NULL), DK_OK);
	send(admin[A], B, "r", 1, 1);
	send(admin[A], C, "other", 4, 2); /* and K3 since c2 */
	refused("other", DK_INVALID, "the bundle is for another office");
	altered("r", "r_chunk", 177 + 4 + 8, -1);
	refused("r_chunk", DK_CORRUPT, NULL);
	altered("r", "r_sig", -1, -1);
	refused("r_sig", DK_CORRUPT, "the bundle's signature does not verify");
	altered("r", "r_version", 8, 2);
	refused("r_version", DK_TOONEW, "the bundle was written by a newer docket (format 2)");
	altered("r", "r_magic", 0, 'X');
	refused("r_magic", DK_CORRUPT, "not a docket bundle");
	bytes = read_bundle("r", &len);
	write_bundle("r_cut", bytes, len - 1);
	free(bytes);
	refused("r_cut", DK_CORRUPT, NULL);
	/* An untrusted sender, even with its real bundle. */
	assert_rc(dk_app_office_untrust(admin[B], "GOMA"), DK_OK);
	refused("r", DK_INVALID, "the bundle's sender is not trusted here");
	assert_rc(dk_app_office_show(admin[A], line, sizeof(line)), DK_OK);
	assert_rc(dk_app_office_trust(admin[B], line, &already), DK_OK);
	/* The real bundle still goes in: the refusals were not for want of something new. */
	receive(B, "r", 1, 0, 0);
	same_case(B, k1);
}

/* ---- Records a trusted office got wrong ---- */

static void
office_self(enum db d, struct dk_office_self *self)
{
	assert_rc(dk_app_tx_begin_read(admin[d], DK_ACTION_OFFICE_READ), DK_OK);
	assert_rc(dk_app_office_self(admin[d], self), DK_OK);
	assert_rc(dk_app_tx_end(admin[d], DK_OK), DK_OK);
}

/* The sender is A, whose signing key is in ctx. */
static bool
trust_a(const unsigned char office[DK_GID_LEN], unsigned char sign_pk[32], void *ctx)
{
	(void)office;
	memcpy(sign_pk, ctx, 32);
	return true;
}

enum edit { AS_IS, BAD_DATE, UNKNOWN_KIND, CUT };

/* The payload of A's bundle `from` for B, edited, sealed and signed again by A into `to`. */
static void
reseal(const char *from, const char *to, enum edit edit)
{
	struct dk_office_self a, b;
	struct dk_bundle_recipient me;
	struct dk_bundle_sender sender;
	struct dk_bundle_info info;
	struct dk_buf out = DK_BUF_INIT;
	struct dk_record r;
	struct dk_err err = {0};
	unsigned char *bytes, *payload = NULL, *sealed = NULL;
	size_t len, plen = 0, pos = 0, slen = 0;

	office_self(A, &a);
	office_self(B, &b);
	memcpy(me.office, b.gid, DK_GID_LEN);
	memcpy(me.box_pk, b.box_pk, 32);
	me.box_sk = b.box_sk;
	bytes = read_bundle(from, &len);
	assert_rc(dk_bundle_open(bytes, len, &me, trust_a, a.sign_pk, &info, &payload, &plen, &err),
	          DK_OK);
	while (dk_payload_next(payload, plen, &pos, &r) == DK_PAYLOAD_RECORD) {
		if (edit == BAD_DATE && r.tag == 'E')
			dk_record_text(&r, 3, "2026-02-30");
		dk_payload_put(&out, &r);
	}
	assert_int_equal(pos, plen);
	if (edit == UNKNOWN_KIND) {
		memset(&r, 0, sizeof(r));
		r.tag = 'Z';
		r.n = 1;
		dk_record_text(&r, 0, "anything");
		dk_payload_put(&out, &r);
	}
	memcpy(sender.office, a.gid, DK_GID_LEN);
	memcpy(sender.sign_pk, a.sign_pk, 32);
	sender.sign_sk = a.sign_sk;
	assert_rc(dk_bundle_seal(&sender, b.gid, b.box_pk, (const unsigned char *)out.data,
	                         edit == CUT ? out.len - 1 : out.len, &sealed, &slen, &err),
	          DK_OK);
	write_bundle(to, sealed, slen);
	free(sealed);
	free(bytes);
	dk_xfree_wiped_n(payload, plen);
	dk_buf_free(&out);
	dk_app_office_self_clear(&a);
	dk_app_office_self_clear(&b);
}

static void
import__malformed_records_from_a_trusted_office__change_nothing(void **state)
{
	(void)state;
	assert_rc(dk_app_case_note(admin[A], k2, "a note on K2", NULL), DK_OK);
	send(admin[A], B, "p", 1, 1);
	reseal("p", "p_date", BAD_DATE);
	refused("p_date", DK_INVALID, "the bundle holds a malformed record (E, field 4)");
	reseal("p", "p_kind", UNKNOWN_KIND);
	refused("p_kind", DK_INVALID, "the bundle holds a record of an unknown kind");
	reseal("p", "p_cut", CUT);
	refused("p_cut", DK_INVALID, "the bundle's contents are malformed");
	/* Sealed again as it was, it goes in: the edits were what was refused. */
	reseal("p", "p_same", AS_IS);
	receive(B, "p_same", 1, 0, 0);
	same_case(B, k2);
}

/* ---- Roles ---- */

/*
 * A new account of A and a session as it, opened with the data key the
 * administrator holds: what dk_app_unlock does after its Argon2id (the
 * account's row, role and missions are read from the database all the same).
 */
static struct dk_app *
session(const char *name, const char *role, const char *missions)
{
	struct dk_account_input in = {name, role, missions, "interactive"};
	struct dk_secret *p = dk_secret_from("another passphrase", 18);
	struct dk_app *app = dk_app_new(path[A], today);

	assert_rc(dk_app_user_add(admin[A], &in, p), DK_OK);
	/* A real unlock: the session holds the mission keys sealed to the account. */
	assert_rc(dk_app_unlock(app, name, p), DK_OK);
	assert_string_equal(dk_app_role(app), role);
	dk_secret_free(&p);
	return app;
}

static void
roles__officer_exports_her_missions_only_and_may_not_import(void **state)
{
	struct dk_export_input in = {.office = "HQ", .path = bundle("adv")};
	struct dk_export_result er;
	struct dk_import_result ir;
	struct dk_case c;
	char k4[DK_REF_MAX], k5[DK_REF_MAX];
	struct dk_app *officer = session("olga", "officer", "MINUSCA");
	struct dk_app *advocate = session("ada", "advocate", "MINUSCA");

	(void)state;
	add_case(A, "MINUSCA", "2026-11-10", "sexual_abuse", k4);
	add_case(A, "MONUSCO", "2026-11-11", "sexual_abuse", k5);
	assert_rc(dk_app_export(advocate, &in, &er), DK_DENIED);
	assert_false(access(bundle("adv"), F_OK) == 0);
	/* Not yet sent to HQ: K4 (hers) and K5 (not hers). */
	send(officer, B, "o1", 1, 1);
	assert_rc(dk_app_import(officer, bundle("o1"), &ir), DK_DENIED);
	receive(B, "o1", 1, 1, 0);
	same_case(B, k4);
	memset(&c, 0, sizeof(c));
	assert_rc(dk_app_case_get(admin[B], k5, &c, NULL, NULL), DK_NOTFOUND);
	dk_case_clear(&c);
	/* K5 was not marked sent by her export: the administrator's next one carries it. */
	send(admin[A], B, "a1", 1, 1);
	receive(B, "a1", 1, 1, 0);
	same_case(B, k5);
	dk_app_free(&officer);
	dk_app_free(&advocate);
}

/* ---- A reference two offices share ---- */

static void
shared_reference__needs_its_office_and_names_both(void **state)
{
	char ua[DK_REF_MAX], uc[DK_REF_MAX], want[256], *t;
	struct dk_case c;

	(void)state;
	add_case(A, "UNMISS", "2026-11-10", "sexual_abuse", ua);
	add_case(C, "UNMISS", "2026-11-12", "sexual_exploitation", uc);
	assert_string_equal(ua, uc);
	send(admin[A], B, "u1", 1, 1);
	/* C forwards what it holds of GOMA's cases too: B has all of it already. */
	send(admin[C], B, "u2", 12, 4);
	receive(B, "u1", 1, 1, 0); /* GOMA's first: the message must sort, not keep arrival */
	receive(B, "u2", 1, 1, 0);
	memset(&c, 0, sizeof(c));
	assert_rc(dk_app_case_get(admin[B], ua, &c, NULL, NULL), DK_INVALID);
	if (strcmp(office_name[C], "GOMA") < 0)
		snprintf(want, sizeof(want), "%s names 2 cases: %s@EAST, %s@GOMA", ua, ua, ua);
	else
		snprintf(want, sizeof(want), "%s names 2 cases: %s@GOMA, %s@WEST", ua, ua, ua);
	assert_string_equal(dk_app_errmsg(admin[B]), want);
	snprintf(want, sizeof(want), "%s@GOMA", ua);
	assert_rc(dk_app_case_get(admin[B], want, &c, NULL, NULL), DK_OK);
	assert_string_equal(c.category, "sexual_abuse");
	dk_case_clear(&c);
	t = case_text(B, want);
	{
		char *orig = case_text(A, ua);

		assert_string_equal(t, orig);
		free(orig);
	}
	free(t);
	snprintf(want, sizeof(want), "%s@%c%s", ua, office_name[C][0] + 'a' - 'A',
	         office_name[C] + 1); /* any case */
	assert_rc(dk_app_case_get(admin[B], want, &c, NULL, NULL), DK_OK);
	assert_string_equal(c.category, "sexual_exploitation");
	dk_case_clear(&c);
	snprintf(want, sizeof(want), "%s@NOWHERE", ua);
	assert_rc(dk_app_case_get(admin[B], want, &c, NULL, NULL), DK_NOTFOUND);
	dk_case_clear(&c);
}

/* ---- --office ---- */

static void
office_filter__keeps_lists_to_one_office_until_cleared(void **state)
{
	char *all, *east, *goma, *hq, line[64];

	(void)state;
	all = list_text(B);
	snprintf(line, sizeof(line), "UNMISS-2026-0001@%s received\n", office_name[C]);
	assert_rc(dk_app_office_filter(admin[B], office_name[C]), DK_OK);
	east = list_text(B);
	assert_rc(dk_app_office_filter(admin[B], "goma"), DK_OK);
	goma = list_text(B);
	assert_rc(dk_app_office_filter(admin[B], "HQ"), DK_OK);
	hq = list_text(B);
	assert_rc(dk_app_office_filter(admin[B], "NOWHERE"), DK_NOTFOUND);
	assert_rc(dk_app_office_filter(admin[B], NULL), DK_OK);
	{
		char *again = list_text(B);

		assert_string_equal(again, all);
		free(again);
	}
	assert_string_equal(east, line);
	assert_string_equal(hq, "");
	/* GOMA's: every line of the whole list but C's, in order. */
	{
		char *rest = strdup(all), *p = strstr(rest, line);

		assert_non_null(p);
		memmove(p, p + strlen(line), strlen(p + strlen(line)) + 1);
		assert_string_equal(goma, rest);
		free(rest);
	}
	assert_non_null(strstr(goma, "UNMISS-2026-0001@GOMA"));
	assert_non_null(strstr(goma, k1));
	free(all);
	free(east);
	free(goma);
	free(hq);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(export_then_import__copies_the_cases_with_their_deadlines),
	    cmocka_unit_test(export__nothing_new__carries_no_event),
	    cmocka_unit_test(import_out_of_order__equals_in_order),
	    cmocka_unit_test(concurrent_moves__are_flagged_alike_on_both_sides),
	    cmocka_unit_test(import_again__of_a_flagged_case__still_counts_the_conflict),
	    cmocka_unit_test(concurrent_moves__a_move_following_both__clears_both_flags),
	    cmocka_unit_test(import_refusals__leave_the_database_unchanged),
	    cmocka_unit_test(import__malformed_records_from_a_trusted_office__change_nothing),
	    cmocka_unit_test(roles__officer_exports_her_missions_only_and_may_not_import),
	    cmocka_unit_test(shared_reference__needs_its_office_and_names_both),
	    cmocka_unit_test(office_filter__keeps_lists_to_one_office_until_cleared),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
