/*
 * Unit tests for sealed fields in the store (store_fields*.c): once sealing
 * is on, narratives and identities are stored as sealed blobs and read back
 * through dk_open() only by a session holding the key; a tampered field
 * counts as unopened; the upgrade seals plaintext rows in place with the
 * append-only triggers intact and case seals that still verify; a rotation
 * rewraps every content key under the new generation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "docket/case.h"
#include "docket/crypto.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/payload.h"
#include "docket/ref.h"
#include "docket/secret.h"
#include "docket/store.h"
#include "store/store_internal.h"
#include "../sql_value.h"

#define MISSION "MINUSCA"
#define SUMMARY "Summary marker: the victim met the subject at the water point."
#define NOTE "Note marker: interview held at the team site."

struct fx {
	char dir[1024];
	char path[1024 + 16];
	struct dk_secret *key;
	struct dk_secret *mk[DK_FIELD_CLASS_MAX + 1]; /* gen 1 of MISSION (vet: of "") */
	struct dk_store *s;
};

static struct dk_err err;

#define assert_rc(expr, want)                                                                      \
	do {                                                                                       \
		enum dk_rc rc_ = (expr);                                                           \
		if (rc_ != (want))                                                                 \
			fail_msg("%s: got %s, want %s (%s)", #expr, dk_rc_name(rc_),               \
			         dk_rc_name(want), err.msg);                                       \
	} while (0)

static int
setup(void **state)
{
	const char *base = getenv("TMPDIR");
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL || !dk_crypto_init())
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/docket-test-fields-XXXXXX",
	         base != NULL && base[0] != '\0' ? base : "/tmp");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof(fx->path), "%s/docket.db", fx->dir);
	fx->key = dk_secret_new(DK_DATA_KEY_BYTES);
	dk_crypto_random(fx->key->bytes, DK_DATA_KEY_BYTES);
	fx->key->len = DK_DATA_KEY_BYTES;
	for (int c = 1; c <= DK_FIELD_CLASS_MAX; c++)
		fx->mk[c] = dk_field_key_new();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	struct dirent *e;
	DIR *d;

	dk_store_close(&fx->s);
	if ((d = opendir(fx->dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char p[1024 + 512];

			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof(p), "%s/%s", fx->dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(fx->dir);
	dk_secret_free(&fx->key);
	for (int c = 1; c <= DK_FIELD_CLASS_MAX; c++)
		dk_secret_free(&fx->mk[c]);
	free(fx);
	return 0;
}

static void
reopen(struct fx *fx)
{
	dk_store_close(&fx->s);
	assert_rc(dk_store_open(fx->path, fx->key, &fx->s, &err), DK_OK);
}

/* Gen 1 of every class of MISSION (vet: of ""), recorded and held. */
static void
keys_made_and_held(struct fx *fx)
{
	for (int c = 1; c <= DK_FIELD_CLASS_MAX; c++) {
		const char *m = c == DK_FIELD_VET ? "" : MISSION;

		assert_rc(dk_store_mission_key_put(fx->s, m, (enum dk_field_class)c, 1, &err),
		          DK_OK);
		assert_rc(
		    dk_store_fields_hold(fx->s, m, (enum dk_field_class)c, 1, fx->mk[c], &err),
		    DK_OK);
	}
}

static void
keys_held(struct fx *fx)
{
	for (int c = 1; c <= DK_FIELD_CLASS_MAX; c++)
		assert_rc(dk_store_fields_hold(fx->s, c == DK_FIELD_VET ? "" : MISSION,
		                               (enum dk_field_class)c, 1, fx->mk[c], &err),
		          DK_OK);
}

static void
new_case(struct dk_case *c, long seq, const char *summary)
{
	memset(c, 0, sizeof(*c));
	dk_crypto_random(c->gid, sizeof(c->gid));
	memset(c->office, 0x11, sizeof(c->office));
	snprintf(c->mission, sizeof(c->mission), "%s", MISSION);
	c->year = 2026;
	c->seq = seq;
	dk_ref_format(c->ref, MISSION, 2026, seq);
	c->reported = dk_date_from_ymd(2026, 1, 2);
	c->incident = DK_DATE_NONE;
	snprintf(c->category, sizeof(c->category), "%s", "sexual_abuse");
	c->state = DK_STATE_RECEIVED;
	c->state_since = c->reported;
	c->last_event_on = c->reported;
	c->summary = (char *)summary;
}

static void
add_event(struct fx *fx, const struct dk_case *c, const char *note)
{
	struct dk_event e;

	memset(&e, 0, sizeof(e));
	e.case_id = c->id;
	dk_crypto_random(e.gid, sizeof(e.gid));
	memset(e.office, 0x11, sizeof(e.office));
	e.on = c->reported;
	e.recorded_at = "2026-03-02T10:00:00Z";
	e.actor = "amina.diallo";
	e.kind = "note";
	e.state = DK_STATE_RECEIVED;
	e.note = note;
	e.data = "{\"note\":\"" NOTE "\"}";
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);
}

static int64_t
add_victim(struct fx *fx, const struct dk_case *c)
{
	static const unsigned char office[DK_GID_LEN] = {0x11};
	unsigned char gid[DK_GID_LEN];
	struct dk_victim_event e;
	struct dk_victim v;

	memset(&v, 0, sizeof(v));
	dk_crypto_random(v.gid, sizeof(v.gid));
	snprintf(v.code, sizeof(v.code), "V-AAAAA11111");
	snprintf(v.sex, sizeof(v.sex), "female");
	snprintf(v.age, sizeof(v.age), "adult");
	v.added_on = c->reported;
	assert_rc(dk_store_victim_add(fx->s, &v, office, "2026-03-02T10:00:00Z", "Victim Marker",
	                              "Contact Marker", &err),
	          DK_OK);
	assert_rc(dk_store_victim_link(fx->s, v.id, c->id, c->reported, &err), DK_OK);
	memset(&e, 0, sizeof(e));
	e.victim_id = v.id;
	e.case_id = c->id;
	e.on = c->reported;
	e.kind = "added";
	e.actor = "amina.diallo";
	e.recorded_at = "2026-03-02T10:00:00Z";
	e.note = "Victim note marker";
	dk_crypto_random(gid, sizeof(gid));
	assert_rc(dk_store_victim_event_append(fx->s, &e, gid, office, &err), DK_OK);
	return v.id;
}

static void
add_subject(struct fx *fx, const struct dk_case *c)
{
	static const unsigned char office[DK_GID_LEN] = {0x11};
	struct dk_subject_identity id = {"Subject Marker", "subjectmarker", "UN-123", "Unit Marker",
	                                 NULL};
	struct dk_subject subj;

	memset(&subj, 0, sizeof(subj));
	dk_crypto_random(subj.gid, sizeof(subj.gid));
	snprintf(subj.code, sizeof(subj.code), "S-AAAAA11111");
	snprintf(subj.personnel, sizeof(subj.personnel), "military_mc");
	snprintf(subj.actor, sizeof(subj.actor), "amina.diallo");
	subj.case_id = c->id;
	subj.added_on = c->reported;
	assert_rc(dk_store_subject_add(fx->s, &subj, office, "2026-03-02T10:00:00Z", &id, &err),
	          DK_OK);
}

static char *
raw(struct fx *fx, const char *sql)
{
	return test_sql_value(fx->s->db, sql);
}

static void
assert_raw(struct fx *fx, const char *sql, const char *want)
{
	test_assert_sql_value(fx->s->db, sql, want);
}

/* Flips the last byte of the case's sealed summary, as a shell could. */
static void
flip_last_byte(struct fx *fx)
{
	sqlite3_stmt *st = NULL;
	unsigned char buf[512];
	int n;

	assert_int_equal(
	    sqlite3_prepare_v2(fx->s->db, "SELECT summary FROM case_file", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_bytes(st, 0);
	assert_true(n > 0 && n <= (int)sizeof(buf));
	memcpy(buf, sqlite3_column_blob(st, 0), (size_t)n);
	sqlite3_finalize(st);
	buf[n - 1] ^= 0x01;
	assert_int_equal(
	    sqlite3_prepare_v2(fx->s->db, "UPDATE case_file SET summary = ?1", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_blob(st, 1, buf, n, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

static bool
keep_summary(const struct dk_case *c, void *ctx)
{
	char **out = ctx;

	free(*out);
	*out = c->summary != NULL ? strdup(c->summary) : NULL;
	return false;
}

/* The summary the store API reads back (NULL when it does not open). */
static char *
summary_of(struct fx *fx, const char *ref)
{
	char *summary = strdup("unread");

	assert_rc(dk_store_case_get(fx->s, ref, NULL, keep_summary, &summary, &err), DK_OK);
	return summary;
}

/* Sealed: a blob in the table, the text through the API; without the key, empty. */
static void
fields__sealed_case__blob_stored_text_read_with_key_only(void **state)
{
	struct fx *fx = *state;
	struct dk_case c;
	char *got;

	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_false(dk_store_fields_sealing(fx->s));
	assert_rc(dk_store_meta_set(fx->s, "fields", "sealed", &err), DK_OK);
	reopen(fx);
	assert_true(dk_store_fields_sealing(fx->s));
	keys_made_and_held(fx);
	new_case(&c, 1, SUMMARY);
	/* No content key yet: the bind refuses rather than store the text. */
	assert_rc(dk_store_case_insert(fx->s, &c, &err), DK_DENIED);
	assert_rc(dk_store_content_key_ensure(fx->s, c.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_rc(
	    dk_store_content_key_ensure(fx->s, c.gid, DK_FIELD_SUBJECT_IDENTITY, MISSION, &err),
	    DK_OK);
	assert_rc(dk_store_case_insert(fx->s, &c, &err), DK_OK);
	add_event(fx, &c, NOTE);
	add_subject(fx, &c);
	assert_raw(fx, "SELECT typeof(summary) FROM case_file", "blob");
	assert_raw(fx, "SELECT typeof(note) || typeof(data) FROM event", "blobblob");
	assert_raw(fx,
	           "SELECT typeof(name) || typeof(index_number) || typeof(unit) FROM "
	           "subject_identity",
	           "blobblobblob");
	assert_raw(fx, "SELECT count(*) FROM case_file WHERE CAST(summary AS TEXT) LIKE '%marker%'",
	           "0");
	got = summary_of(fx, c.ref);
	assert_non_null(got);
	assert_string_equal(got, SUMMARY);
	free(got);
	assert_raw(fx, "SELECT dk_open(note) FROM event", NOTE);
	assert_raw(fx, "SELECT dk_open(name) FROM subject_identity", "Subject Marker");
	/* Another session, without the mission's keys: the structured fields, not the text. */
	reopen(fx);
	got = summary_of(fx, c.ref);
	assert_non_null(got);
	assert_string_equal(got, ""); /* there, not readable */
	free(got);
	assert_raw(fx, "SELECT category FROM case_file", "sexual_abuse");
	assert_raw(fx, "SELECT dk_open(note) = '' FROM event", "1");
	assert_int_equal(dk_store_fields_unopened(fx->s), 0);
	/* And it cannot write a sealed field of that case either; its update of the structured
	 * fields (a victim's inform touches every case the victim is named in) keeps the summary
	 * it could not read, as "" or NULL. */
	assert_rc(dk_store_case_update(fx->s, &c, &err), DK_DENIED);
	c.summary = NULL;
	c.last_event_on++;
	assert_rc(dk_store_case_update(fx->s, &c, &err), DK_OK);
	c.summary = (char *)"";
	assert_rc(dk_store_case_update(fx->s, &c, &err), DK_OK);
	assert_raw(fx, "SELECT typeof(summary) FROM case_file", "blob");
	keys_held(fx);
	got = summary_of(fx, c.ref);
	assert_non_null(got);
	assert_string_equal(got, SUMMARY);
	free(got);
}

/* A sealed field changed in the database: NULL, and counted. */
static void
fields__tampered_blob__counts_as_unopened(void **state)
{
	struct fx *fx = *state;
	struct dk_case c;
	char *got;

	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	dk_store_fields_set_sealing(fx->s, true);
	keys_made_and_held(fx);
	new_case(&c, 1, SUMMARY);
	assert_rc(dk_store_content_key_ensure(fx->s, c.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_rc(dk_store_case_insert(fx->s, &c, &err), DK_OK);
	assert_int_equal(dk_store_fields_unopened(fx->s), 0);
	/* One ciphertext byte flipped (the last: the tag). */
	flip_last_byte(fx);
	assert_raw(fx, "SELECT typeof(summary) FROM case_file", "blob");
	got = summary_of(fx, c.ref);
	assert_null(got);
	assert_int_equal(dk_store_fields_unopened(fx->s), 1);
	/* A blob that is not a field at all counts too. */
	assert_int_equal(
	    sqlite3_exec(fx->s->db, "UPDATE case_file SET summary = x'00112233'", NULL, NULL, NULL),
	    SQLITE_OK);
	got = summary_of(fx, c.ref);
	assert_null(got);
	assert_int_equal(dk_store_fields_unopened(fx->s), 2);
}

static void
vet_hashes(const char *name, const char *index_number, char **name_key, char **index_key, void *ctx)
{
	int *calls = ctx;

	(*calls)++;
	*name_key = name != NULL ? strdup("name-hash") : NULL;
	*index_key = index_number != NULL ? strdup("index-hash") : NULL;
}

static bool
seal_verdict_of(int64_t id, const char *ref, void *ctx)
{
	struct fx *fx = ((void **)ctx)[0];
	int *bad = ((void **)ctx)[1];
	struct dk_seal_verdict v;

	(void)ref;
	assert_rc(dk_store_case_seal_verify(fx->s, id, &v, &err), DK_OK);
	if (!v.sealed || !v.ok)
		(*bad)++;
	return true;
}

static int
seals_broken(struct fx *fx)
{
	int bad = 0;
	void *ctx[2] = {fx, &bad};

	assert_rc(dk_store_case_ids(fx->s, seal_verdict_of, ctx, &err), DK_OK);
	return bad;
}

static void
seal_commit(struct fx *fx)
{
	unsigned char digest[DK_HASH_BYTES];
	long long audit_id;
	long n;

	assert_rc(dk_store_seal_touched(fx->s, &audit_id, digest, &n, &err), DK_OK);
	/* The seal entry the seals are of (its id is the one they carry). */
	assert_rc(dk_store_audit_append(fx->s, "2026-03-02T10:00:00Z", "amina.diallo", "seal", NULL,
	                                "cases=1", &err),
	          DK_OK);
	assert_rc(dk_store_commit(fx->s, &err), DK_OK);
}

/* The upgrade: plaintext rows sealed in place, triggers as they were, seals verifying. */
static void
fields__seal_all__plain_rows_sealed_triggers_kept_seals_verify(void **state)
{
	struct fx *fx = *state;
	char *trigger_before, *got;
	struct dk_case a, b;
	int calls = 0;

	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	new_case(&a, 1, SUMMARY);
	assert_rc(dk_store_case_insert(fx->s, &a, &err), DK_OK);
	add_event(fx, &a, NOTE);
	add_event(fx, &a, "Second note marker");
	add_victim(fx, &a);
	add_subject(fx, &a);
	new_case(&b, 2, NULL);
	assert_rc(dk_store_case_insert(fx->s, &b, &err), DK_OK);
	add_event(fx, &b, NULL);
	seal_commit(fx);
	assert_int_equal(seals_broken(fx), 0);
	assert_raw(fx, "SELECT typeof(summary) FROM case_file WHERE seq = 1", "text");
	trigger_before =
	    raw(fx, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master "
	            "WHERE type = 'trigger' ORDER BY name)");

	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	keys_made_and_held(fx);
	assert_rc(dk_store_fields_seal_all(fx->s, vet_hashes, &calls, &err), DK_OK);
	assert_rc(dk_store_meta_set(fx->s, "fields", "sealed", &err), DK_OK);
	seal_commit(fx);
	assert_int_equal(calls, 1);

	assert_raw(fx,
	           "SELECT count(*) FROM (SELECT summary AS x FROM case_file UNION ALL SELECT note "
	           "FROM event UNION ALL SELECT data FROM event UNION ALL SELECT name FROM "
	           "victim_identity UNION ALL SELECT contact FROM victim_identity UNION ALL SELECT "
	           "note FROM victim_event UNION ALL SELECT name FROM subject_identity UNION ALL "
	           "SELECT index_number FROM subject_identity UNION ALL SELECT unit FROM "
	           "subject_identity) WHERE typeof(x) = 'text'",
	           "0");
	assert_raw(fx, "SELECT count(*) FROM event WHERE typeof(data) = 'blob'", "3");
	assert_raw(fx, "SELECT name_key || ' ' || index_key FROM subject_identity",
	           "name-hash index-hash");
	assert_raw(fx,
	           "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE "
	           "type = 'trigger' ORDER BY name)",
	           trigger_before);
	free(trigger_before);
	/* The append-only trigger is back: an event cannot be changed. */
	assert_int_not_equal(
	    sqlite3_exec(fx->s->db, "UPDATE event SET note = NULL", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(fx->s->db, "UPDATE victim_event SET note = NULL", NULL, NULL, NULL),
	    SQLITE_OK);
	/* The seals of the upgrade restart the chains; every case verifies. */
	assert_raw(fx, "SELECT count(*) FROM case_seal WHERE restart = 1", "2");
	assert_int_equal(seals_broken(fx), 0);
	/* A seal after it continues from there. */
	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	add_event(fx, &a, "Third note marker");
	seal_commit(fx);
	assert_raw(fx, "SELECT count(*) FROM case_seal WHERE restart = 0", "3");
	assert_int_equal(seals_broken(fx), 0);

	/* Read back by a session holding the keys: the same text. */
	reopen(fx);
	assert_true(dk_store_fields_sealing(fx->s));
	keys_held(fx);
	got = summary_of(fx, a.ref);
	assert_non_null(got);
	assert_string_equal(got, SUMMARY);
	free(got);
	assert_raw(fx, "SELECT dk_open(name) || '/' || dk_open(contact) FROM victim_identity",
	           "Victim Marker/Contact Marker");
	assert_raw(fx, "SELECT dk_open(unit) FROM subject_identity", "Unit Marker");
	assert_int_equal(dk_store_fields_unopened(fx->s), 0);
	/* An event rewritten around the engine still shows. */
	assert_int_equal(sqlite3_exec(fx->s->db,
	                              "DROP TRIGGER event_append_only_update; UPDATE event SET "
	                              "on_date = '2026-01-01' WHERE note IS NULL",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(seals_broken(fx), 1);
}

/* A rotation: every content key wrapped under the new generation, the old rows gone. */
static void
fields__rewrap__new_gen_opens_old_rows_gone(void **state)
{
	struct fx *fx = *state;
	struct dk_secret *gen2 = dk_field_key_new();
	struct dk_case a, b;
	long n = -1;
	long long gen = 0;
	char *got;

	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	dk_store_fields_set_sealing(fx->s, true);
	keys_made_and_held(fx);
	new_case(&a, 1, SUMMARY);
	new_case(&b, 2, "Other summary marker");
	assert_rc(dk_store_content_key_ensure(fx->s, a.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_rc(dk_store_content_key_ensure(fx->s, b.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	/* Ensuring again adds nothing. */
	assert_rc(dk_store_content_key_ensure(fx->s, a.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_raw(fx, "SELECT count(*) FROM content_key", "2");
	assert_rc(dk_store_case_insert(fx->s, &a, &err), DK_OK);
	assert_rc(dk_store_case_insert(fx->s, &b, &err), DK_OK);

	assert_rc(dk_store_fields_hold(fx->s, MISSION, DK_FIELD_FREE_TEXT, 2, gen2, &err), DK_OK);
	assert_rc(dk_store_content_keys_rewrap(fx->s, MISSION, DK_FIELD_FREE_TEXT, 1, 2, &n, &err),
	          DK_OK);
	assert_int_equal(n, 2);
	assert_rc(dk_store_mission_key_put(fx->s, MISSION, DK_FIELD_FREE_TEXT, 2, &err), DK_OK);
	assert_rc(dk_store_mission_key_gen(fx->s, MISSION, DK_FIELD_FREE_TEXT, &gen, &err), DK_OK);
	assert_int_equal(gen, 2);
	assert_raw(fx, "SELECT count(*) FROM content_key WHERE gen = 1", "0");
	assert_raw(fx, "SELECT count(*) FROM content_key WHERE gen = 2", "2");

	/* A session holding gen 2 only reads both; one holding gen 1 only reads neither. */
	reopen(fx);
	assert_rc(dk_store_fields_hold(fx->s, MISSION, DK_FIELD_FREE_TEXT, 2, gen2, &err), DK_OK);
	got = summary_of(fx, a.ref);
	assert_non_null(got);
	assert_string_equal(got, SUMMARY);
	free(got);
	reopen(fx);
	assert_rc(dk_store_fields_hold(fx->s, MISSION, DK_FIELD_FREE_TEXT, 1,
	                               fx->mk[DK_FIELD_FREE_TEXT], &err),
	          DK_OK);
	got = summary_of(fx, b.ref);
	assert_string_equal(got, ""); /* there, not readable */
	free(got);
	assert_int_equal(dk_store_fields_unopened(fx->s), 0);
	/* Dropping a wrapping takes the owner out of the mission. */
	reopen(fx);
	assert_rc(dk_store_content_key_drop(fx->s, a.gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_rc(dk_store_fields_hold(fx->s, MISSION, DK_FIELD_FREE_TEXT, 2, gen2, &err), DK_OK);
	got = summary_of(fx, a.ref);
	assert_string_equal(got, ""); /* there, not readable */
	free(got);
	dk_secret_free(&gen2);
}

static bool
count_vet(const struct dk_vet_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return true;
}

static bool
count_grant(const unsigned char gid[DK_GID_LEN], const char *name, const unsigned char *sealed,
            size_t len, void *ctx)
{
	(void)gid;
	(void)sealed;
	(void)len;
	(void)name;
	(*(int *)ctx)++;
	return true;
}

/* Grants: listed per account or all, one dropped by name. */
static void
fields__grants__each_and_drop_by_name(void **state)
{
	static const unsigned char g1[DK_GID_LEN] = {1}, g2[DK_GID_LEN] = {2};
	struct fx *fx = *state;
	int n = 0;

	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_int_equal(
	    sqlite3_exec(fx->s->db,
	                 "INSERT INTO key_grant VALUES (x'01000000000000000000000000000000', "
	                 "'mission MINUSCA free_text 1', x'00'), "
	                 "(x'01000000000000000000000000000000', "
	                 "'mission MINUSCA victim_identity 1', x'00'), "
	                 "(x'02000000000000000000000000000000', "
	                 "'mission MINUSCA free_text 1', x'00')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_rc(dk_store_grant_each(fx->s, g1, count_grant, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	n = 0;
	assert_rc(dk_store_grant_each(fx->s, NULL, count_grant, &n, &err), DK_OK);
	assert_int_equal(n, 3);
	assert_rc(dk_store_grant_drop_name(fx->s, g1, "mission MINUSCA free_text 1", &err), DK_OK);
	n = 0;
	assert_rc(dk_store_grant_each(fx->s, g1, count_grant, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_rc(dk_store_grant_each(fx->s, g2, count_grant, &n, &err), DK_OK);
	assert_int_equal(n, 1);
}

/* A record of text fields (NULL for NULL), blobs given as 16-byte gids. */
static void
record_of(struct dk_record *r, unsigned tag, const char *const *text, const unsigned char **gid,
          unsigned n)
{
	memset(r, 0, sizeof(*r));
	r->tag = tag;
	r->n = n;
	for (unsigned i = 0; i < n; i++) {
		if (gid[i] != NULL) {
			r->field[i] = gid[i];
			r->len[i] = DK_GID_LEN;
		} else if (text[i] != NULL) {
			r->field[i] = (const unsigned char *)text[i];
			r->len[i] = strlen(text[i]);
		}
	}
}

/* An import into a sealed database seals what the bundle carries and makes its own vet hashes. */
static void
fields__import__sealed_under_local_keys(void **state)
{
	static const unsigned char office[DK_GID_LEN] = {0x33};
	unsigned char case_gid[DK_GID_LEN], subject_gid[DK_GID_LEN];
	const char *ctext[22] = {NULL,
	                         NULL,
	                         "MINUSCA-2026-0007",
	                         MISSION,
	                         MISSION,
	                         "2026",
	                         "7",
	                         "2026-01-02",
	                         NULL,
	                         "sexual_abuse",
	                         NULL,
	                         NULL,
	                         NULL,
	                         NULL,
	                         NULL,
	                         NULL,
	                         NULL,
	                         "0",
	                         "received",
	                         "2026-01-02",
	                         "2026-01-02",
	                         SUMMARY};
	const unsigned char *cgid[22] = {case_gid, office};
	const char *stext[13] = {NULL,
	                         NULL,
	                         "S-BBBBB22222",
	                         NULL,
	                         "military_mc",
	                         NULL,
	                         "2026-01-03",
	                         "2026-03-02T10:00:00Z",
	                         "amina.diallo",
	                         "Jean Dupont",
	                         "sender-hash",
	                         "UN-456",
	                         NULL};
	const unsigned char *sgid[13] = {subject_gid, office, NULL, case_gid};
	struct fx *fx = *state;
	struct dk_record r;
	bool inserted = false;
	char want[2 * DK_HASH_BYTES + 1], *got;
	int hits = 0;

	dk_crypto_random(case_gid, sizeof(case_gid));
	dk_crypto_random(subject_gid, sizeof(subject_gid));
	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	dk_store_fields_set_sealing(fx->s, true);
	keys_made_and_held(fx);
	assert_rc(dk_store_content_key_ensure(fx->s, case_gid, DK_FIELD_FREE_TEXT, MISSION, &err),
	          DK_OK);
	assert_rc(
	    dk_store_content_key_ensure(fx->s, case_gid, DK_FIELD_SUBJECT_IDENTITY, MISSION, &err),
	    DK_OK);
	record_of(&r, 'C', ctext, cgid, 22);
	assert_rc(dk_store_import_record(fx->s, &r, &inserted, &err), DK_OK);
	assert_true(inserted);
	record_of(&r, 'S', stext, sgid, 13);
	assert_rc(dk_store_import_record(fx->s, &r, &inserted, &err), DK_OK);
	assert_true(inserted);
	assert_raw(fx, "SELECT typeof(summary) FROM case_file", "blob");
	assert_raw(fx, "SELECT typeof(name) || typeof(index_number) FROM subject_identity",
	           "blobblob");
	got = summary_of(fx, "MINUSCA-2026-0007");
	assert_non_null(got);
	assert_string_equal(got, SUMMARY);
	free(got);
	/* Not the sender's hashes: this office's, keyed by its vet key. */
	dk_keyed_hash_hex(want, fx->mk[DK_FIELD_VET], "docket vet name v1", "jeandupont", 10);
	got = raw(fx, "SELECT name_key FROM subject_identity");
	assert_string_equal(got, want);
	free(got);
	dk_keyed_hash_hex(want, fx->mk[DK_FIELD_VET], "docket vet index v1", "UN-456", 6);
	got = raw(fx, "SELECT index_key FROM subject_identity");
	assert_string_equal(got, want);
	free(got);
	/* Vetting goes by the index key once sealed: the number itself no longer matches. */
	assert_rc(
	    dk_store_vet(fx->s, NULL, want, dk_date_from_ymd(2026, 2, 1), count_vet, &hits, &err),
	    DK_OK);
	assert_int_equal(hits, 1);
	hits = 0;
	assert_rc(dk_store_vet(fx->s, NULL, "UN-456", dk_date_from_ymd(2026, 2, 1), count_vet,
	                       &hits, &err),
	          DK_OK);
	assert_int_equal(hits, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        fields__sealed_case__blob_stored_text_read_with_key_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(fields__tampered_blob__counts_as_unopened, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        fields__seal_all__plain_rows_sealed_triggers_kept_seals_verify, setup, teardown),
	    cmocka_unit_test_setup_teardown(fields__rewrap__new_gen_opens_old_rows_gone, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(fields__grants__each_and_drop_by_name, setup, teardown),
	    cmocka_unit_test_setup_teardown(fields__import__sealed_under_local_keys, setup,
	                                    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
