/* Unit tests for the encrypted store: keying, migrations, cases, events, audit, settings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "docket/case.h"
#include "docket/crypto.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/secret.h"
#include "docket/store.h"
#include "store/migrations.h"
#include "store/store_internal.h"

/* Listing "as of" a day after every test case, so nothing is hidden. */
#define DK_DATE_MAX_FOR_TESTS 2932896

/* One private directory, key and (maybe) open store per test. */
struct fx {
	char dir[1024];
	char path[1024 + 16];
	struct dk_secret *key;
	struct dk_store *s;
};

#define assert_rc(expr, want)                                                                      \
	do {                                                                                       \
		enum dk_rc rc_ = (expr);                                                           \
		if (rc_ != (want))                                                                 \
			fail_msg("%s: got %s, want %s (%s)", #expr, dk_rc_name(rc_),               \
			         dk_rc_name(want), err.msg);                                       \
	} while (0)

static bool
keep_first(const struct dk_case *c, void *ctx)
{
	struct dk_case *out = ctx;

	dk_case_clear(out);
	*out = *c;
	out->summary = c->summary != NULL ? strdup(c->summary) : NULL;
	return false;
}

/* The case with a reference (the first, by office), DK_NOTFOUND when none. */
static enum dk_rc
case_by_ref(struct dk_store *s, const char *ref, struct dk_case *out, struct dk_err *err)
{
	enum dk_rc rc;

	out->id = 0;
	rc = dk_store_case_get(s, ref, NULL, keep_first, out, err);
	return rc == DK_OK && out->id == 0 ? DK_NOTFOUND : rc;
}

static struct dk_secret *
random_key(void)
{
	struct dk_secret *k = dk_secret_new(DK_DATA_KEY_BYTES);

	dk_crypto_random(k->bytes, DK_DATA_KEY_BYTES);
	k->len = DK_DATA_KEY_BYTES;
	return k;
}

static int
setup(void **state)
{
	const char *base = getenv("TMPDIR");
	struct fx *fx = calloc(1, sizeof(*fx));

	if (fx == NULL)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/docket-test-store-XXXXXX",
	         base != NULL && base[0] != '\0' ? base : "/tmp");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof(fx->path), "%s/docket.db", fx->dir);
	fx->key = random_key();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;
	DIR *d;
	struct dirent *e;

	dk_store_close(&fx->s);
	d = opendir(fx->dir);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			char p[1024 + 512];

			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(p, sizeof(p), "%s/%s", fx->dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(fx->dir);
	dk_secret_free(&fx->key);
	free(fx);
	return 0;
}

static void
create_store(struct fx *fx)
{
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_store_create(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_non_null(fx->s);
}

static void
reopen_store(struct fx *fx)
{
	struct dk_err err;

	dk_store_close(&fx->s);
	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_non_null(fx->s);
}

/* Reads a whole file; *len gets its size. NULL when it does not exist. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	*len = 0;
	if (f == NULL)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static bool
contains(const unsigned char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

/*
 * Opens path with SQLCipher directly, keyed the way src/store/store.c keys it
 * (raw "x'<hex>'" key, then a 4096-byte cipher page).
 */
static sqlite3 *
raw_open(const char *path, const struct dk_secret *key)
{
	static const char hex[] = "0123456789abcdef";
	char literal[2 * DK_DATA_KEY_BYTES + 4];
	sqlite3 *db = NULL;
	size_t n = 0;

	literal[n++] = 'x';
	literal[n++] = '\'';
	for (size_t i = 0; i < key->len; i++) {
		literal[n++] = hex[key->bytes[i] >> 4];
		literal[n++] = hex[key->bytes[i] & 15];
	}
	literal[n++] = '\'';
	assert_int_equal(
	    sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_key(db, literal, (int)n), SQLITE_OK);
	memset(literal, 0, sizeof(literal));
	assert_int_equal(sqlite3_exec(db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL),
	                 SQLITE_OK);
	return db;
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[256];

		snprintf(copy, sizeof(copy), "%s", msg != NULL ? msg : "?");
		sqlite3_free(msg);
		fail_msg("%s: %s", sql, copy);
	}
}

/* The integer result of a one-row query on db. */
static long long
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The text result of a one-row query on db, copied into out. */
static void
query_text(sqlite3 *db, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st = NULL;
	const char *t;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = (const char *)sqlite3_column_text(st, 0);
	snprintf(out, size, "%s", t != NULL ? t : "(null)");
	sqlite3_finalize(st);
}

static bool
table_exists(sqlite3 *db, const char *type, const char *name)
{
	sqlite3_stmt *st = NULL;
	bool found;

	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = ?1 AND name = ?2", -1,
	                       &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static dk_date
ymd(int y, int m, int d)
{
	assert_true(dk_date_valid_ymd(y, m, d));
	return dk_date_from_ymd(y, m, d);
}

/* A case with only the required fields set. */
static void
minimal_case(struct dk_case *c, const char *mission, int year, long seq, dk_date reported,
             enum dk_state st)
{
	memset(c, 0, sizeof(*c));
	dk_crypto_random(c->gid, sizeof(c->gid));
	memset(c->office, 0x11, sizeof(c->office));
	snprintf(c->mission, sizeof(c->mission), "%s", mission);
	c->year = year;
	c->seq = seq;
	dk_ref_format(c->ref, mission, year, seq);
	c->reported = reported;
	c->incident = DK_DATE_NONE;
	snprintf(c->category, sizeof(c->category), "%s", "sexual_abuse");
	c->state = st;
	c->state_since = reported;
	c->last_event_on = reported;
	c->summary = NULL;
}

static void
insert_case(struct fx *fx, struct dk_case *c)
{
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_store_case_insert(fx->s, c, &err), DK_OK);
	assert_true(c->id > 0);
}

/* --- creating and opening -------------------------------------------------------- */

static void
store_create__new_path__is_at_latest_schema(void **state)
{
	struct fx *fx = *state;

	assert_true(dk_store_schema_latest() >= 1);
	create_store(fx);
	assert_int_equal(dk_store_schema_version(fx->s), dk_store_schema_latest());
	assert_true(table_exists(fx->s->db, "table", "case_file"));
}

static void
store_create__file__has_no_plain_sqlite_header(void **state)
{
	struct fx *fx = *state;
	unsigned char *bytes;
	size_t len;

	create_store(fx);
	dk_store_close(&fx->s);
	assert_null(fx->s);
	bytes = slurp(fx->path, &len);
	assert_non_null(bytes);
	assert_true(len >= 4096);
	assert_int_not_equal(memcmp(bytes, "SQLite format 3", 15), 0);
	free(bytes);
}

static void
store_close__stored_data__never_reaches_the_disk_in_clear(void **state)
{
	static const char marker[] = "ZEBRA-MARKER-7341";
	struct fx *fx = *state;
	struct dk_err err;
	struct dk_case c;
	char wal[sizeof(((struct fx *)0)->path) + 8];
	unsigned char *bytes;
	size_t len;

	create_store(fx);
	minimal_case(&c, "MONUSCO", 2026, 1, ymd(2026, 3, 2), DK_STATE_RECEIVED);
	c.summary = (char *)"summary "
	                    "ZEBRA-MARKER-7341"
	                    " in the case";
	insert_case(fx, &c);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_set(fx->s, "office_name", marker, &err), DK_OK);

	/* while open, the WAL holds the committed pages: encrypted too */
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	bytes = slurp(wal, &len);
	if (bytes != NULL) {
		assert_false(contains(bytes, len, marker));
		assert_false(contains(bytes, len, "MONUSCO-2026-0001"));
		free(bytes);
	}
	bytes = slurp(fx->path, &len);
	assert_non_null(bytes);
	assert_false(contains(bytes, len, marker));
	free(bytes);

	dk_store_close(&fx->s);
	bytes = slurp(fx->path, &len);
	assert_non_null(bytes);
	assert_false(contains(bytes, len, marker));
	assert_false(contains(bytes, len, "MONUSCO-2026-0001"));
	assert_false(contains(bytes, len, "CREATE TABLE"));
	free(bytes);
}

static void
store_close__wal__is_left_empty(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char wal[sizeof(((struct fx *)0)->path) + 8];
	struct stat st;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_set(fx->s, "k", "v", &err), DK_OK);
	dk_store_close(&fx->s);
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	if (stat(wal, &st) == 0)
		assert_int_equal(st.st_size, 0);
}

/* With another connection still open SQLite keeps the WAL, so only the explicit TRUNCATE empties
 * it. */
static void
store_close__other_connection_open__truncates_the_wal(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char wal[sizeof(((struct fx *)0)->path) + 8];
	struct stat st;
	sqlite3 *db;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_set(fx->s, "office_name", "Goma", &err), DK_OK);
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_true(st.st_size > 0);

	db = raw_open(fx->path, fx->key);
	assert_int_equal(query_int(db, "SELECT count(*) FROM meta WHERE key = 'office_name'"), 1);
	dk_store_close(&fx->s);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_size, 0);
	/* and the data was checkpointed into the database, not lost */
	assert_int_equal(query_int(db, "SELECT count(*) FROM meta WHERE value = 'Goma'"), 1);
	sqlite3_close(db);
}

static void
store_close__null__is_accepted(void **state)
{
	struct dk_store *s = NULL;

	(void)state;
	dk_store_close(&s);
	dk_store_close(NULL);
	assert_null(s);
}

static void
store_open__same_key__reads_the_data(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char *v = NULL;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_set(fx->s, "office", "Goma", &err), DK_OK);
	reopen_store(fx);
	assert_int_equal(dk_store_schema_version(fx->s), dk_store_schema_latest());
	assert_rc(dk_store_meta_get(fx->s, "office", &v, &err), DK_OK);
	assert_string_equal(v, "Goma");
	free(v);
}

static void
store_open__different_key__is_corrupt_and_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct dk_secret *other = random_key();
	struct dk_store *s = (struct dk_store *)fx; /* must be reset to NULL */
	struct dk_err err;
	unsigned char *before, *after;
	size_t before_len, after_len;
	char wal[sizeof(((struct fx *)0)->path) + 8];

	create_store(fx);
	dk_store_close(&fx->s);
	before = slurp(fx->path, &before_len);
	assert_non_null(before);

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, other, &s, &err), DK_CORRUPT);
	assert_null(s);
	assert_int_equal(err.rc, DK_CORRUPT);
	assert_true(err.msg[0] != '\0');

	after = slurp(fx->path, &after_len);
	assert_non_null(after);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	snprintf(wal, sizeof(wal), "%s-wal", fx->path);
	assert_false(file_exists(wal));
	free(before);
	free(after);
	dk_secret_free(&other);

	/* and the right key still opens it */
	reopen_store(fx);
}

/* Opens a file that is not a database of ours; wants DK_CORRUPT and the file untouched. */
static void
check_open_is_corrupt(struct fx *fx)
{
	struct dk_store *s = NULL;
	struct dk_err err;
	unsigned char *before, *after;
	size_t before_len, after_len;

	before = slurp(fx->path, &before_len);
	assert_non_null(before);
	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &s, &err), DK_CORRUPT);
	assert_null(s);
	after = slurp(fx->path, &after_len);
	assert_non_null(after);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
}

static void
store_open__plaintext_sqlite_file__is_corrupt(void **state)
{
	struct fx *fx = *state;
	sqlite3 *db = NULL;

	assert_int_equal(
	    sqlite3_open_v2(fx->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	    SQLITE_OK);
	raw_exec(db, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)");
	sqlite3_close(db);
	check_open_is_corrupt(fx);
}

static void
store_open__random_bytes__is_corrupt(void **state)
{
	struct fx *fx = *state;
	unsigned char junk[8192];
	FILE *f;

	dk_crypto_random(junk, sizeof(junk));
	f = fopen(fx->path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	fclose(f);
	check_open_is_corrupt(fx);
}

static void
store_open__wrong_key_size__is_invalid(void **state)
{
	struct fx *fx = *state;
	struct dk_secret *short_key = dk_secret_new(16);
	struct dk_store *s = NULL;
	struct dk_err err;

	create_store(fx);
	dk_store_close(&fx->s);
	dk_crypto_random(short_key->bytes, 16);
	short_key->len = 16;
	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, short_key, &s, &err), DK_INVALID);
	assert_null(s);
	dk_secret_free(&short_key);
}

static void
store_create__existing_database__is_refused(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;
	unsigned char *before, *after;
	size_t before_len, after_len;

	create_store(fx);
	dk_store_close(&fx->s);
	before = slurp(fx->path, &before_len);
	dk_err_clear(&err);
	assert_rc(dk_store_create(fx->path, fx->key, &s, &err), DK_EXISTS);
	assert_null(s);
	assert_true(err.msg[0] != '\0');
	after = slurp(fx->path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
}

static void
store_create__existing_empty_file__is_refused(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;
	FILE *f = fopen(fx->path, "wb");
	struct stat st;

	assert_non_null(f);
	fclose(f);
	dk_err_clear(&err);
	assert_rc(dk_store_create(fx->path, fx->key, &s, &err), DK_EXISTS);
	assert_null(s);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void
store_open__missing_path__is_notfound(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &s, &err), DK_NOTFOUND);
	assert_null(s);
	assert_true(err.msg[0] != '\0');
	assert_false(file_exists(fx->path));
}

static void
store_open__newer_schema__is_toonew(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;
	sqlite3 *db;
	unsigned char *before, *after;
	size_t before_len, after_len;

	create_store(fx);
	dk_store_close(&fx->s);
	db = raw_open(fx->path, fx->key);
	assert_int_equal(query_int(db, "PRAGMA user_version"), dk_store_schema_latest());
	raw_exec(db, "PRAGMA user_version = 999");
	sqlite3_close(db);
	before = slurp(fx->path, &before_len);

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &s, &err), DK_TOONEW);
	assert_null(s);
	assert_true(err.msg[0] != '\0');

	/* nothing was written */
	after = slurp(fx->path, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
	db = raw_open(fx->path, fx->key);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 999);
	sqlite3_close(db);
}

/*
 * A newer database that some other tool left in rollback-journal mode: the
 * header says DK_TOONEW leaves it untouched, so not even the journal mode
 * may be switched to WAL.
 */
static void
store_open__newer_schema_in_rollback_mode__is_left_byte_identical(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;
	sqlite3 *db;
	unsigned char *before, *after;
	size_t before_len, after_len;

	db = raw_open(fx->path, fx->key);
	raw_exec(db, "PRAGMA journal_mode = DELETE; CREATE TABLE future (x); "
	             "PRAGMA user_version = 999");
	sqlite3_close(db);
	before = slurp(fx->path, &before_len);
	assert_non_null(before);

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &s, &err), DK_TOONEW);
	assert_null(s);
	after = slurp(fx->path, &after_len);
	assert_non_null(after);
	assert_int_equal(after_len, before_len);
	if (memcmp(after, before, before_len) != 0) {
		char mode[32];

		free(before);
		free(after);
		db = raw_open(fx->path, fx->key);
		query_text(db, "PRAGMA journal_mode", mode, sizeof(mode));
		sqlite3_close(db);
		fail_msg("dk_store_open wrote to a newer database it refused with DK_TOONEW "
		         "(journal mode now %s, was delete)",
		         mode);
	}
	free(before);
	free(after);
}

static void
store_open__version_zero__migrates_to_latest(void **state)
{
	static const char *const tables[] = {
	    "meta", "account", "account_mission", "ref_counter", "case_file", "event", "audit"};
	static const char *const triggers[] = {
	    "event_append_only_update", "event_append_only_delete", "audit_append_only_update",
	    "audit_append_only_delete"};
	struct fx *fx = *state;
	struct dk_err err;
	sqlite3 *db;
	long seq = 0;

	db = raw_open(fx->path, fx->key);
	/* write page 1 (and with it the cipher salt) but leave no tables */
	raw_exec(db, "CREATE TABLE scratch (x); DROP TABLE scratch");
	assert_int_equal(query_int(db, "PRAGMA user_version"), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_master"), 0);
	sqlite3_close(db);

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &fx->s, &err), DK_OK);
	assert_int_equal(dk_store_schema_version(fx->s), dk_store_schema_latest());
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		if (!table_exists(fx->s->db, "table", tables[i]))
			fail_msg("table %s missing after migration", tables[i]);
	for (size_t i = 0; i < sizeof(triggers) / sizeof(triggers[0]); i++)
		if (!table_exists(fx->s->db, "trigger", triggers[i]))
			fail_msg("trigger %s missing after migration", triggers[i]);
	assert_rc(dk_store_ref_next(fx->s, "MONUSCO", 2026, &seq, &err), DK_OK);
	assert_int_equal(seq, 1);

	/* persisted: a second open finds the latest version and does nothing */
	reopen_store(fx);
	assert_int_equal(dk_store_schema_version(fx->s), dk_store_schema_latest());
}

static void
store_open__failing_migration__leaves_nothing_half_done(void **state)
{
	struct fx *fx = *state;
	struct dk_store *s = NULL;
	struct dk_err err;
	sqlite3 *db;

	/* a stray "audit" table makes the migration's CREATE TABLE audit fail late */
	db = raw_open(fx->path, fx->key);
	raw_exec(db, "CREATE TABLE audit (x)");
	sqlite3_close(db);

	dk_err_clear(&err);
	assert_int_not_equal(dk_store_open(fx->path, fx->key, &s, &err), DK_OK);
	assert_null(s);
	assert_true(err.msg[0] != '\0');

	db = raw_open(fx->path, fx->key);
	assert_int_equal(query_int(db, "PRAGMA user_version"), 0);
	assert_false(table_exists(db, "table", "meta"));
	assert_false(table_exists(db, "table", "case_file"));
	assert_true(table_exists(db, "table", "audit"));
	sqlite3_close(db);
}

static void
store_open__connection_pragmas__are_set(void **state)
{
	struct fx *fx = *state;
	char mode[32];

	create_store(fx);
	for (int round = 0; round < 2; round++) {
		sqlite3 *db = fx->s->db;

		query_text(db, "PRAGMA journal_mode", mode, sizeof(mode));
		assert_string_equal(mode, "wal");
		assert_int_equal(query_int(db, "PRAGMA synchronous"), 2); /* FULL */
		assert_int_equal(query_int(db, "PRAGMA secure_delete"), 1);
		assert_int_equal(query_int(db, "PRAGMA foreign_keys"), 1);
		assert_int_equal(query_int(db, "PRAGMA temp_store"), 2); /* MEMORY */
		reopen_store(fx);
	}
}

/* --- settings and accounts ---------------------------------------------------------- */

static void
store_meta__set_then_get__round_trips(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char *v = NULL;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_set(fx->s, "office_name", "Bunia \xc3\xa9quipe", &err), DK_OK);
	assert_rc(dk_store_meta_get(fx->s, "office_name", &v, &err), DK_OK);
	assert_string_equal(v, "Bunia \xc3\xa9quipe");
	free(v);
	assert_rc(dk_store_meta_set(fx->s, "office_name", "Goma", &err), DK_OK);
	assert_rc(dk_store_meta_get(fx->s, "office_name", &v, &err), DK_OK);
	assert_string_equal(v, "Goma");
	free(v);
}

static void
store_meta__missing_key__is_notfound(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char *v = (char *)"untouched";

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_meta_get(fx->s, "no_such_key", &v, &err), DK_NOTFOUND);
	assert_null(v);
}

static void
store_account__add_then_get__round_trips(void **state)
{
	struct fx *fx = *state;
	struct dk_account a, got;
	struct dk_err err;

	create_store(fx);
	memset(&a, 0, sizeof(a));
	dk_crypto_random(a.gid, sizeof(a.gid));
	snprintf(a.name, sizeof(a.name), "%s", "amina.diallo");
	snprintf(a.role, sizeof(a.role), "%s", "officer");
	dk_err_clear(&err);
	assert_rc(dk_store_account_add(fx->s, &a, "2026-03-02T10:00:00Z", &err), DK_OK);

	memset(&got, 0x5a, sizeof(got));
	assert_rc(dk_store_account_get(fx->s, "amina.diallo", &got, &err), DK_OK);
	assert_true(got.id > 0);
	assert_memory_equal(got.gid, a.gid, DK_GID_LEN);
	assert_string_equal(got.name, "amina.diallo");
	assert_string_equal(got.role, "officer");
	assert_false(got.removed);
}

static void
store_account__duplicate_name__is_exists(void **state)
{
	struct fx *fx = *state;
	struct dk_account a, b;
	struct dk_err err;

	create_store(fx);
	memset(&a, 0, sizeof(a));
	dk_crypto_random(a.gid, sizeof(a.gid));
	snprintf(a.name, sizeof(a.name), "%s", "admin");
	snprintf(a.role, sizeof(a.role), "%s", "admin");
	b = a;
	dk_crypto_random(b.gid, sizeof(b.gid));
	snprintf(b.role, sizeof(b.role), "%s", "auditor");
	dk_err_clear(&err);
	assert_rc(dk_store_account_add(fx->s, &a, "2026-03-02T10:00:00Z", &err), DK_OK);
	assert_rc(dk_store_account_add(fx->s, &b, "2026-03-03T10:00:00Z", &err), DK_EXISTS);
	assert_non_null(strstr(err.msg, "admin"));
	/* the first one stands */
	assert_rc(dk_store_account_get(fx->s, "admin", &b, &err), DK_OK);
	assert_string_equal(b.role, "admin");
}

static void
store_account__missing_name__is_notfound(void **state)
{
	struct fx *fx = *state;
	struct dk_account got;
	struct dk_err err;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_account_get(fx->s, "nobody", &got, &err), DK_NOTFOUND);
}

/* --- reference numbers ----------------------------------------------------------------- */

static long
next_seq(struct fx *fx, const char *mission, int year)
{
	struct dk_err err;
	long seq = -1;

	dk_err_clear(&err);
	assert_rc(dk_store_ref_next(fx->s, mission, year, &seq, &err), DK_OK);
	return seq;
}

static void
store_ref_next__per_mission_and_year__counts_from_one_independently(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 1);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 2);
	assert_int_equal(next_seq(fx, "MINUSCA", 2026), 1);
	assert_int_equal(next_seq(fx, "MONUSCO", 2025), 1);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 3);
	assert_int_equal(next_seq(fx, "MINUSCA", 2026), 2);
	assert_int_equal(next_seq(fx, "MONUSCO", 2025), 2);
	assert_rc(dk_store_commit(fx->s, &err), DK_OK);

	reopen_store(fx);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 4);
	assert_int_equal(next_seq(fx, "UNMISS", 2026), 1);
}

static void
store_ref_next__rolled_back_transaction__does_not_consume_a_number(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 1);
	assert_rc(dk_store_commit(fx->s, &err), DK_OK);

	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 2);
	assert_int_equal(next_seq(fx, "MINUSCA", 2026), 1);
	dk_store_rollback(fx->s);

	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	assert_int_equal(next_seq(fx, "MONUSCO", 2026), 2);
	assert_int_equal(next_seq(fx, "MINUSCA", 2026), 1);
	assert_rc(dk_store_commit(fx->s, &err), DK_OK);
}

static void
store_rollback__inserted_case__is_gone(void **state)
{
	struct fx *fx = *state;
	struct dk_case c, got;
	struct dk_err err;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_begin(fx->s, &err), DK_OK);
	minimal_case(&c, "MONUSCO", 2026, 1, ymd(2026, 3, 2), DK_STATE_RECEIVED);
	insert_case(fx, &c);
	dk_store_rollback(fx->s);
	memset(&got, 0, sizeof(got));
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-0001", &got, &err), DK_NOTFOUND);
}

/* --- cases ------------------------------------------------------------------------------- */

static void
store_case__every_field__round_trips(void **state)
{
	static const char summary[] =
	    "Victime \xc3\xa2g\xc3\xa9"
	    "e de 16 ans \xe2\x80\x94 Goma, camp de Mugunga.\n"
	    "Second line: \xe2\x9c\x93 \xf0\x9f\x93\x8e 'quotes' \"double\" ; DROP TABLE x;--";
	struct fx *fx = *state;
	struct dk_case c, got;
	struct dk_err err;

	create_store(fx);
	memset(&c, 0, sizeof(c));
	dk_crypto_random(c.gid, sizeof(c.gid));
	dk_crypto_random(c.office, sizeof(c.office));
	snprintf(c.mission, sizeof(c.mission), "%s", "MONUSCO");
	c.year = 2026;
	c.seq = 12345;
	dk_ref_format(c.ref, c.mission, c.year, c.seq);
	c.reported = ymd(2026, 2, 27);
	c.incident = ymd(2025, 12, 31);
	snprintf(c.category, sizeof(c.category), "%s", "sexual_exploitation");
	snprintf(c.type, sizeof(c.type), "%s", "transactional_sex");
	snprintf(c.personnel, sizeof(c.personnel), "%s", "military_mc");
	snprintf(c.nationality, sizeof(c.nationality), "%s", "NPL");
	snprintf(c.source, sizeof(c.source), "%s", "community_network");
	snprintf(c.entity, sizeof(c.entity), "%s", "tcc");
	snprintf(c.outcome, sizeof(c.outcome), "%s", "substantiated");
	snprintf(c.closure, sizeof(c.closure), "%s", "actions_completed");
	c.urgent = true;
	c.state = DK_STATE_ACTION;
	c.state_since = ymd(2026, 8, 31);
	c.last_event_on = ymd(2026, 9, 1);
	c.summary = (char *)summary;
	insert_case(fx, &c);

	reopen_store(fx);
	memset(&got, 0, sizeof(got));
	dk_err_clear(&err);
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-12345", &got, &err), DK_OK);
	assert_int_equal(got.id, c.id);
	assert_memory_equal(got.gid, c.gid, DK_GID_LEN);
	assert_memory_equal(got.office, c.office, DK_GID_LEN);
	assert_string_equal(got.ref, "MONUSCO-2026-12345");
	assert_string_equal(got.mission, "MONUSCO");
	assert_int_equal(got.year, 2026);
	assert_int_equal(got.seq, 12345);
	assert_int_equal(got.reported, c.reported);
	assert_int_equal(got.incident, c.incident);
	assert_string_equal(got.category, "sexual_exploitation");
	assert_string_equal(got.type, "transactional_sex");
	assert_string_equal(got.personnel, "military_mc");
	assert_string_equal(got.nationality, "NPL");
	assert_string_equal(got.source, "community_network");
	assert_string_equal(got.entity, "tcc");
	assert_string_equal(got.outcome, "substantiated");
	assert_string_equal(got.closure, "actions_completed");
	assert_true(got.urgent);
	assert_int_equal(got.state, DK_STATE_ACTION);
	assert_int_equal(got.state_since, c.state_since);
	assert_int_equal(got.last_event_on, c.last_event_on);
	assert_non_null(got.summary);
	assert_string_equal(got.summary, summary);
	dk_case_clear(&got);
}

static void
store_case__unset_optional_fields__come_back_unset(void **state)
{
	struct fx *fx = *state;
	struct dk_case c, got;
	struct dk_err err;

	create_store(fx);
	minimal_case(&c, "UNMISS", 2025, 7, ymd(2025, 1, 5), DK_STATE_RECEIVED);
	insert_case(fx, &c);

	memset(&got, 0, sizeof(got));
	got.summary = NULL;
	dk_err_clear(&err);
	assert_rc(case_by_ref(fx->s, "UNMISS-2025-0007", &got, &err), DK_OK);
	assert_int_equal(got.incident, DK_DATE_NONE);
	assert_string_equal(got.type, "");
	assert_string_equal(got.personnel, "");
	assert_string_equal(got.nationality, "");
	assert_string_equal(got.source, "");
	assert_string_equal(got.entity, "");
	assert_string_equal(got.outcome, "");
	assert_string_equal(got.closure, "");
	assert_false(got.urgent);
	assert_int_equal(got.state, DK_STATE_RECEIVED);
	assert_null(got.summary);
	assert_string_equal(got.category, "sexual_abuse");
	/* stored as SQL NULL, not as empty strings */
	assert_int_equal(query_int(fx->s->db, "SELECT count(*) FROM case_file WHERE type IS NULL "
	                                      "AND nationality IS NULL AND incident IS NULL "
	                                      "AND summary IS NULL"),
	                 1);
}

static void
store_case_get__into_a_used_case__replaces_its_summary(void **state)
{
	struct fx *fx = *state;
	struct dk_case a, b, got;
	struct dk_err err;

	create_store(fx);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	a.summary = (char *)"first summary";
	insert_case(fx, &a);
	minimal_case(&b, "MONUSCO", 2026, 2, ymd(2026, 1, 3), DK_STATE_RECEIVED);
	insert_case(fx, &b);

	memset(&got, 0, sizeof(got));
	dk_err_clear(&err);
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-0001", &got, &err), DK_OK);
	assert_string_equal(got.summary, "first summary");
	/* loading a case without summary into the same struct frees the old one */
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-0002", &got, &err), DK_OK);
	assert_null(got.summary);
	assert_int_equal(got.seq, 2);
	dk_case_clear(&got);
}

static void
store_case_get__missing_ref__is_notfound(void **state)
{
	struct fx *fx = *state;
	struct dk_case got;
	struct dk_err err;

	create_store(fx);
	memset(&got, 0, sizeof(got));
	dk_err_clear(&err);
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-0001", &got, &err), DK_NOTFOUND);
	/* No row is no error: the app names the reference as it was typed. */
	assert_int_equal(err.rc, DK_OK);
	assert_null(got.summary);
}

static void
store_case_insert__duplicate_ref__is_conflict(void **state)
{
	struct fx *fx = *state;
	struct dk_case a, b;
	struct dk_err err;

	create_store(fx);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &a);
	minimal_case(&b, "MONUSCO", 2026, 1, ymd(2026, 1, 3), DK_STATE_RECEIVED);
	dk_err_clear(&err);
	assert_rc(dk_store_case_insert(fx->s, &b, &err), DK_CONFLICT);
	assert_int_equal(query_int(fx->s->db, "SELECT count(*) FROM case_file"), 1);
}

static void
store_case_update__changed_state__is_stored(void **state)
{
	struct fx *fx = *state;
	struct dk_case c, got;
	struct dk_err err;

	create_store(fx);
	minimal_case(&c, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_ASSESSMENT);
	insert_case(fx, &c);
	c.state = DK_STATE_REFERRED;
	snprintf(c.entity, sizeof(c.entity), "%s", "oios");
	c.state_since = ymd(2026, 1, 9);
	c.last_event_on = ymd(2026, 1, 9);
	c.summary = (char *)"now referred";
	dk_err_clear(&err);
	assert_rc(dk_store_case_update(fx->s, &c, &err), DK_OK);

	memset(&got, 0, sizeof(got));
	assert_rc(case_by_ref(fx->s, "MONUSCO-2026-0001", &got, &err), DK_OK);
	assert_int_equal(got.state, DK_STATE_REFERRED);
	assert_string_equal(got.entity, "oios");
	assert_int_equal(got.state_since, c.state_since);
	assert_string_equal(got.summary, "now referred");
	assert_int_equal(got.reported, ymd(2026, 1, 2)); /* not a mutable field */
	dk_case_clear(&got);
}

/* Keeps the first reference a listing passes. */
static bool
first_ref(const struct dk_case *c, void *ctx)
{
	snprintf(ctx, DK_REF_MAX, "%s", c->ref);
	return false;
}

/* A case moved to another mission keeps its number, even one that mission has used. */
static void
store_case_update__new_mission__keeps_the_reference_number(void **state)
{
	struct fx *fx = *state;
	struct dk_case wrong, right, got;
	struct dk_case_page p;
	struct dk_err err;
	char next[DK_REF_MAX] = "";

	create_store(fx);
	minimal_case(&right, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &right);
	minimal_case(&wrong, "MONUSKO", 2026, 1, ymd(2026, 1, 3), DK_STATE_RECEIVED);
	insert_case(fx, &wrong);
	snprintf(wrong.mission, sizeof(wrong.mission), "%s", "MONUSCO");
	dk_err_clear(&err);
	assert_rc(dk_store_case_update(fx->s, &wrong, &err), DK_OK);

	memset(&got, 0, sizeof(got));
	assert_rc(case_by_ref(fx->s, "MONUSKO-2026-0001", &got, &err), DK_OK);
	assert_string_equal(got.mission, "MONUSCO");
	dk_case_clear(&got);
	/* Paging by reference still goes by the reference: MONUSCO-... then MONUSKO-... */
	memset(&p, 0, sizeof(p));
	p.filter.order = DK_ORDER_REF;
	p.filter.urgent = -1;
	p.limit = 10;
	p.after = &right;
	assert_rc(dk_store_case_page(fx->s, &p, DK_DATE_MAX_FOR_TESTS, first_ref, next, &err),
	          DK_OK);
	assert_string_equal(next, "MONUSKO-2026-0001");
}

/*
 * A database of schema 2 whose cases, scopes and holidays name missions
 * nobody registered: migrating registers each (named after its code), so
 * nothing already recorded becomes invalid.
 */
static void
store_open__schema_2_with_unlisted_missions__registers_them(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	sqlite3 *db = raw_open(fx->path, fx->key);

	for (int i = 0; i < 2; i++)
		raw_exec(db, dk_migrations[i].sql);
	raw_exec(db, "PRAGMA user_version = 2");
	raw_exec(db,
	         "INSERT INTO case_file (gid, office, ref, mission, year, seq, reported, "
	         "category, state, state_since, last_event_on) VALUES (zeroblob(16), "
	         "zeroblob(16), 'OLDCASE-2026-0001', 'OLDCASE', 2026, 1, '2026-01-02', 'other', "
	         "'received', '2026-01-02', '2026-01-02')");
	raw_exec(db, "INSERT INTO account (gid, name, role, created_at) VALUES (zeroblob(16), "
	             "'kofi', 'officer', '2026-01-01T00:00:00Z')");
	raw_exec(db, "INSERT INTO account_mission VALUES (1, 'OLDSCOPE')");
	raw_exec(db, "INSERT INTO holiday VALUES ('OLDHOLIDAY', '2026-06-30', 'x')");
	sqlite3_close(db);

	dk_err_clear(&err);
	assert_rc(dk_store_open(fx->path, fx->key, &fx->s, &err), DK_OK);
	db = raw_open(fx->path, fx->key);
	assert_int_equal(query_int(db, "PRAGMA user_version"), dk_store_schema_latest());
	assert_int_equal(
	    query_int(db, "SELECT count(*) FROM mission WHERE code = name AND code "
	                  "IN ('OLDCASE', 'OLDSCOPE', 'OLDHOLIDAY') AND closed_on IS NULL"),
	    3);
	assert_int_equal(query_int(db, "SELECT count(*) FROM mission WHERE code = 'MONUSCO' AND "
	                               "country = 'COD' AND closed_on IS NULL"),
	                 1);
	assert_int_equal(query_int(db, "SELECT count(*) FROM case_file WHERE ref_mission = "
	                               "'OLDCASE'"),
	                 1);
	sqlite3_close(db);
}

static void
store_case_update__missing_id__is_notfound(void **state)
{
	struct fx *fx = *state;
	struct dk_case c;
	struct dk_err err;

	create_store(fx);
	minimal_case(&c, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_ASSESSMENT);
	c.id = 4242;
	dk_err_clear(&err);
	assert_rc(dk_store_case_update(fx->s, &c, &err), DK_NOTFOUND);
}

/* Collects the refs case_each hands out; stops after `stop_after` when > 0. */
struct seen {
	char refs[16][DK_REF_MAX];
	int n;
	int stop_after;
};

static bool
collect(const struct dk_case *c, void *ctx)
{
	struct seen *s = ctx;

	assert_true(s->n < 16);
	snprintf(s->refs[s->n], DK_REF_MAX, "%s", c->ref);
	s->n++;
	return s->stop_after == 0 || s->n < s->stop_after;
}

static void
assert_seen(const struct seen *s, const char *const *want, int n)
{
	for (int i = 0; i < n && i < s->n; i++)
		if (strcmp(s->refs[i], want[i]) != 0)
			fail_msg("case %d is %s, want %s", i, s->refs[i], want[i]);
	assert_int_equal(s->n, n);
}

/* Six cases over two missions, two years and three states, reported out of ref order. */
static void
insert_listing_cases(struct fx *fx)
{
	static const struct {
		const char *mission;
		int year;
		long seq;
		int m, d;
		enum dk_state st;
	} rows[] = {
	    {"MONUSCO", 2026, 10000, 1, 5, DK_STATE_ASSESSMENT},
	    {"MONUSCO", 2026, 9999, 3, 1, DK_STATE_RECEIVED},
	    {"MINUSCA", 2026, 2, 2, 1, DK_STATE_ASSESSMENT},
	    {"MONUSCO", 2025, 3, 2, 1, DK_STATE_CLOSED},
	    {"MINUSCA", 2026, 1, 4, 9, DK_STATE_RECEIVED},
	    {"MONUSCO", 2026, 2, 2, 1, DK_STATE_ASSESSMENT},
	};
	struct dk_case c;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		minimal_case(&c, rows[i].mission, rows[i].year, rows[i].seq,
		             ymd(2026, rows[i].m, rows[i].d), rows[i].st);
		insert_case(fx, &c);
	}
}

static void
run_each(struct fx *fx, const char *mission, const char *st, enum dk_case_order order,
         struct seen *seen)
{
	struct dk_case_filter f = {mission, st, false, order, NULL, -1, NULL, true};
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_store_case_each(fx->s, &f, DK_DATE_MAX_FOR_TESTS, collect, seen, &err), DK_OK);
}

static void
store_case_each__no_filter_ref_order__sorts_by_mission_year_then_numeric_seq(void **state)
{
	static const char *const want[] = {
	    "MINUSCA-2026-0001", "MINUSCA-2026-0002", "MONUSCO-2025-0003",
	    "MONUSCO-2026-0002", "MONUSCO-2026-9999", "MONUSCO-2026-10000",
	};
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, NULL, NULL, DK_ORDER_REF, &seen);
	assert_seen(&seen, want, 6);
}

static void
store_case_each__reported_order__sorts_by_date_then_ref(void **state)
{
	static const char *const want[] = {
	    "MONUSCO-2026-10000",                                           /* 01-05 */
	    "MINUSCA-2026-0002",                                            /* 02-01, ties by ref */
	    "MONUSCO-2025-0003",  "MONUSCO-2026-0002", "MONUSCO-2026-9999", /* 03-01 */
	    "MINUSCA-2026-0001",                                            /* 04-09 */
	};
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, NULL, NULL, DK_ORDER_REPORTED, &seen);
	assert_seen(&seen, want, 6);
}

static void
store_case_each__mission_filter__lists_only_that_mission(void **state)
{
	static const char *const want[] = {"MINUSCA-2026-0001", "MINUSCA-2026-0002"};
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, "MINUSCA", NULL, DK_ORDER_REF, &seen);
	assert_seen(&seen, want, 2);
}

static void
store_case_each__state_filter__lists_only_that_state(void **state)
{
	static const char *const want[] = {"MINUSCA-2026-0002", "MONUSCO-2026-0002",
	                                   "MONUSCO-2026-10000"};
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, NULL, "assessment", DK_ORDER_REF, &seen);
	assert_seen(&seen, want, 3);
}

static void
store_case_each__mission_and_state_filter__lists_both_matching(void **state)
{
	static const char *const want[] = {"MONUSCO-2026-10000", "MONUSCO-2026-0002"};
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, "MONUSCO", "assessment", DK_ORDER_REPORTED, &seen);
	assert_seen(&seen, want, 2);
}

static void
store_case_each__no_match__calls_nothing(void **state)
{
	struct fx *fx = *state;
	struct seen seen = {.n = 0};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, "UNMISS", NULL, DK_ORDER_REF, &seen);
	assert_int_equal(seen.n, 0);
	run_each(fx, "MONUSCO", "concluded", DK_ORDER_REF, &seen);
	assert_int_equal(seen.n, 0);
}

static void
store_case_each__callback_returns_false__stops_early(void **state)
{
	static const char *const want[] = {"MINUSCA-2026-0001", "MINUSCA-2026-0002"};
	struct fx *fx = *state;
	struct seen seen = {.n = 0, .stop_after = 2};

	create_store(fx);
	insert_listing_cases(fx);
	run_each(fx, NULL, NULL, DK_ORDER_REF, &seen);
	assert_seen(&seen, want, 2);
}

/* Checks that each case handed out carries its own summary (no stale carry-over). */
static bool
check_summary(const struct dk_case *c, void *ctx)
{
	int *n = ctx;

	if (c->seq == 1)
		assert_string_equal(c->summary, "one");
	else
		assert_null(c->summary);
	(*n)++;
	return true;
}

static void
store_case_each__summaries__belong_to_their_case(void **state)
{
	struct fx *fx = *state;
	struct dk_case a, b;
	struct dk_case_filter f = {NULL, NULL, false, DK_ORDER_REF, NULL, -1, NULL, true};
	struct dk_err err;
	int n = 0;

	create_store(fx);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	a.summary = (char *)"one";
	insert_case(fx, &a);
	minimal_case(&b, "MONUSCO", 2026, 2, ymd(2026, 1, 3), DK_STATE_RECEIVED);
	insert_case(fx, &b);
	dk_err_clear(&err);
	assert_rc(dk_store_case_each(fx->s, &f, DK_DATE_MAX_FOR_TESTS, check_summary, &n, &err),
	          DK_OK);
	assert_int_equal(n, 2);
}

/* --- events ---------------------------------------------------------------------------- */

static void
make_event(struct dk_event *e, int64_t case_id, dk_date on, const char *kind)
{
	memset(e, 0, sizeof(*e));
	e->case_id = case_id;
	dk_crypto_random(e->gid, sizeof(e->gid));
	memset(e->office, 0x11, sizeof(e->office));
	e->on = on;
	e->recorded_at = "2026-03-02T10:00:00Z";
	e->actor = "amina.diallo";
	e->kind = kind;
	e->state = DK_STATE_ASSESSMENT;
	e->data = "{\"to\":\"assessment\"}";
}

static void
store_event__append_then_count__counts_per_case(void **state)
{
	struct fx *fx = *state;
	struct dk_case a, b;
	struct dk_event e;
	struct dk_err err;
	long n = -1;

	create_store(fx);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &a);
	minimal_case(&b, "MONUSCO", 2026, 2, ymd(2026, 1, 3), DK_STATE_RECEIVED);
	insert_case(fx, &b);
	dk_err_clear(&err);
	assert_rc(dk_store_event_count(fx->s, a.id, &n, &err), DK_OK);
	assert_int_equal(n, 0);
	for (int i = 0; i < 3; i++) {
		make_event(&e, a.id, ymd(2026, 1, 2 + i), "moved");
		assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);
	}
	make_event(&e, b.id, ymd(2026, 1, 3), "created");
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);
	assert_rc(dk_store_event_count(fx->s, a.id, &n, &err), DK_OK);
	assert_int_equal(n, 3);
	assert_rc(dk_store_event_count(fx->s, b.id, &n, &err), DK_OK);
	assert_int_equal(n, 1);
	assert_rc(dk_store_event_count(fx->s, 9999, &n, &err), DK_OK);
	assert_int_equal(n, 0);
}

static void
store_event__unknown_case__is_refused_by_foreign_key(void **state)
{
	struct fx *fx = *state;
	struct dk_event e;
	struct dk_err err;

	create_store(fx);
	make_event(&e, 4242, ymd(2026, 1, 2), "moved");
	dk_err_clear(&err);
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_CONFLICT);
	assert_int_equal(query_int(fx->s->db, "SELECT count(*) FROM event"), 0);
}

static void
store_event__update_and_delete__are_refused(void **state)
{
	struct fx *fx = *state;
	struct dk_case c;
	struct dk_event e;
	struct dk_err err;
	char kind[32];

	create_store(fx);
	minimal_case(&c, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &c);
	make_event(&e, c.id, ymd(2026, 1, 2), "created");
	dk_err_clear(&err);
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);

	assert_int_not_equal(
	    sqlite3_exec(fx->s->db, "UPDATE event SET kind = 'forged'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(fx->s->db, "DELETE FROM event", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(query_int(fx->s->db, "SELECT count(*) FROM event"), 1);
	query_text(fx->s->db, "SELECT kind FROM event", kind, sizeof(kind));
	assert_string_equal(kind, "created");
}

/* --- audit ------------------------------------------------------------------------------ */

static void
append_audit(struct fx *fx, const char *action, const unsigned char *gid, const char *detail)
{
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_store_audit_append(fx->s, "2026-03-02T10:00:00Z", "amina.diallo", action, gid,
	                                detail, &err),
	          DK_OK);
}

/* Checks the whole chain; returns the number of rows. */
static int
check_audit_chain(sqlite3 *db)
{
	static const unsigned char zero[DK_HASH_BYTES] = {0};
	unsigned char last[DK_HASH_BYTES];
	sqlite3_stmt *st = NULL;
	int n = 0;

	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT id, prev, hash FROM audit ORDER BY id", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *prev = sqlite3_column_blob(st, 1);
		const unsigned char *hash;

		assert_int_equal(sqlite3_column_bytes(st, 1), DK_HASH_BYTES);
		if (n == 0)
			assert_memory_equal(prev, zero, DK_HASH_BYTES);
		else
			assert_memory_equal(prev, last, DK_HASH_BYTES);
		hash = sqlite3_column_blob(st, 2);
		assert_int_equal(sqlite3_column_bytes(st, 2), DK_HASH_BYTES);
		assert_memory_not_equal(hash, zero, DK_HASH_BYTES);
		assert_memory_not_equal(hash, prev, DK_HASH_BYTES);
		memcpy(last, hash, DK_HASH_BYTES);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

static void
store_audit__appended_entries__form_a_hash_chain(void **state)
{
	struct fx *fx = *state;
	unsigned char gid[DK_GID_LEN];
	struct dk_err err;
	long n = -1;

	create_store(fx);
	dk_crypto_random(gid, sizeof(gid));
	append_audit(fx, "unlock", NULL, "");
	append_audit(fx, "case.add", gid, "MONUSCO-2026-0001");
	append_audit(fx, "case.view", gid, NULL);
	append_audit(fx, "case.view", gid, NULL); /* identical entries still chain apart */
	dk_err_clear(&err);
	assert_rc(dk_store_audit_count(fx->s, &n, &err), DK_OK);
	assert_int_equal(n, 4);
	assert_int_equal(check_audit_chain(fx->s->db), 4);
	assert_int_equal(query_int(fx->s->db, "SELECT count(DISTINCT hash) FROM audit"), 4);
	assert_int_equal(query_int(fx->s->db, "SELECT count(*) FROM audit WHERE case_gid IS NULL"),
	                 1);

	/* the chain continues across a reopen */
	reopen_store(fx);
	append_audit(fx, "lock", NULL, "");
	assert_int_equal(check_audit_chain(fx->s->db), 5);
}

static void
store_audit__update_and_delete__are_refused(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	char action[32];
	long n = -1;

	create_store(fx);
	append_audit(fx, "unlock", NULL, "");
	append_audit(fx, "case.add", NULL, "x");
	assert_int_not_equal(
	    sqlite3_exec(fx->s->db, "UPDATE audit SET action = 'nothing'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(fx->s->db, "DELETE FROM audit WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(fx->s->db, "DELETE FROM audit", NULL, NULL, NULL),
	                     SQLITE_OK);
	dk_err_clear(&err);
	assert_rc(dk_store_audit_count(fx->s, &n, &err), DK_OK);
	assert_int_equal(n, 2);
	query_text(fx->s->db, "SELECT action FROM audit ORDER BY id LIMIT 1", action,
	           sizeof(action));
	assert_string_equal(action, "unlock");
	assert_int_equal(check_audit_chain(fx->s->db), 2);
}

/* --- victims ------------------------------------------------------------------------ */

static int64_t
add_victim(struct fx *fx, const char *code, int64_t case_id, dk_date on)
{
	static const unsigned char office[DK_GID_LEN] = {0x11};
	unsigned char gid[DK_GID_LEN];
	struct dk_victim_event e;
	struct dk_victim v;
	struct dk_err err;

	dk_err_clear(&err);
	memset(&v, 0, sizeof(v));
	dk_crypto_random(v.gid, sizeof(v.gid));
	snprintf(v.code, sizeof(v.code), "%s", code);
	snprintf(v.sex, sizeof(v.sex), "female");
	snprintf(v.age, sizeof(v.age), "adult");
	v.added_on = on;
	assert_rc(dk_store_victim_add(fx->s, &v, office, "2026-03-02T10:00:00Z", "Name Marker",
	                              NULL, &err),
	          DK_OK);
	assert_rc(dk_store_victim_link(fx->s, v.id, case_id, on, &err), DK_OK);
	memset(&e, 0, sizeof(e));
	e.victim_id = v.id;
	e.case_id = case_id;
	e.on = on;
	e.kind = "added";
	e.actor = "amina.diallo";
	e.recorded_at = "2026-03-02T10:00:00Z";
	dk_crypto_random(gid, sizeof(gid));
	assert_rc(dk_store_victim_event_append(fx->s, &e, gid, office, &err), DK_OK);
	return v.id;
}

static void
inform(struct fx *fx, int64_t victim_id, dk_date on)
{
	static const unsigned char office[DK_GID_LEN] = {0x11};
	unsigned char gid[DK_GID_LEN];
	struct dk_victim_event e;
	struct dk_err err;

	dk_err_clear(&err);
	memset(&e, 0, sizeof(e));
	e.victim_id = victim_id;
	e.on = on;
	e.kind = "informed";
	e.actor = "amina.diallo";
	e.recorded_at = "2026-03-02T10:00:00Z";
	dk_crypto_random(gid, sizeof(gid));
	assert_rc(dk_store_victim_event_append(fx->s, &e, gid, office, &err), DK_OK);
}

static void
store_case_facts__victim_facts__merged_by_date_with_the_case_state_before_them(void **state)
{
	struct fx *fx = *state;
	struct dk_case a, b;
	struct dk_event e;
	struct dk_fact *f = NULL;
	struct dk_err err;
	int64_t v1, v2;
	size_t n = 0;

	create_store(fx);
	dk_err_clear(&err);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &a);
	minimal_case(&b, "MONUSCO", 2026, 2, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &b);
	make_event(&e, a.id, ymd(2026, 1, 2), "created");
	e.state = DK_STATE_RECEIVED;
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);
	make_event(&e, a.id, ymd(2026, 1, 5), "moved"); /* into assessment */
	assert_rc(dk_store_event_append(fx->s, &e, &err), DK_OK);
	v1 = add_victim(fx, "V-AAAAA11111", a.id, ymd(2026, 1, 3));
	inform(fx, v1, ymd(2026, 1, 5)); /* same day as the move: after it */
	/* Another case's victim, and its informs, stay out of this case's facts. */
	v2 = add_victim(fx, "V-BBBBB22222", b.id, ymd(2026, 1, 4));
	inform(fx, v2, ymd(2026, 1, 6));
	assert_rc(dk_store_case_facts(fx->s, a.id, &f, &n, &err), DK_OK);
	assert_int_equal(n, 4);
	assert_int_equal(f[0].kind, DK_FACT_CREATED);
	assert_int_equal(f[1].kind, DK_FACT_VICTIM_ADDED);
	assert_string_equal(f[1].victim, "V-AAAAA11111");
	assert_int_equal(f[1].state, DK_STATE_RECEIVED);
	assert_int_equal(f[2].kind, DK_FACT_MOVED);
	assert_int_equal(f[3].kind, DK_FACT_VICTIM_INFORMED);
	assert_int_equal(f[3].on, ymd(2026, 1, 5));
	assert_int_equal(f[3].state, DK_STATE_ASSESSMENT);
	free(f);
}

static void
store_victim_event__append_only__update_and_delete_refused(void **state)
{
	struct fx *fx = *state;
	struct dk_case a;
	sqlite3 *db;

	create_store(fx);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &a);
	add_victim(fx, "V-AAAAA11111", a.id, ymd(2026, 1, 3));
	dk_store_close(&fx->s);
	db = raw_open(fx->path, fx->key);
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE victim_event SET on_date = '2026-01-01'", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM victim_event", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM victim_event"), 1);
	sqlite3_close(db);
}

static void
store_guards__altered_or_dropped_trigger__is_corrupt(void **state)
{
	struct fx *fx = *state;
	struct dk_err err;
	sqlite3 *db;

	create_store(fx);
	dk_err_clear(&err);
	assert_rc(dk_store_guards(fx->s, &err), DK_OK);
	dk_store_close(&fx->s);
	db = raw_open(fx->path, fx->key);
	raw_exec(db, "DROP TRIGGER subject_action_append_only_delete; "
	             "CREATE TRIGGER subject_action_append_only_delete BEFORE "
	             "DELETE ON subject_action BEGIN SELECT 1; END");
	sqlite3_close(db);
	reopen_store(fx);
	assert_rc(dk_store_guards(fx->s, &err), DK_CORRUPT);
	assert_non_null(strstr(err.msg, "subject_action_append_only_delete"));
	dk_store_close(&fx->s);
	db = raw_open(fx->path, fx->key);
	raw_exec(db, "DROP TRIGGER subject_action_append_only_delete");
	sqlite3_close(db);
	reopen_store(fx);
	assert_rc(dk_store_guards(fx->s, &err), DK_CORRUPT);
	assert_non_null(strstr(err.msg, "missing"));
}

static bool
count_vet(const struct dk_vet_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return true;
}

static void
store_vet__name_key_or_index__exact_only(void **state)
{
	static const unsigned char office[DK_GID_LEN] = {0x11};
	struct dk_subject_identity id = {"Jean Dupont", "jeandupont", "UN-123", NULL, NULL};
	struct fx *fx = *state;
	struct dk_subject subj;
	struct dk_case a;
	struct dk_err err;
	int hits = 0;

	create_store(fx);
	dk_err_clear(&err);
	minimal_case(&a, "MONUSCO", 2026, 1, ymd(2026, 1, 2), DK_STATE_RECEIVED);
	insert_case(fx, &a);
	memset(&subj, 0, sizeof(subj));
	dk_crypto_random(subj.gid, sizeof(subj.gid));
	snprintf(subj.code, sizeof(subj.code), "S-AAAAA11111");
	snprintf(subj.personnel, sizeof(subj.personnel), "military_mc");
	snprintf(subj.actor, sizeof(subj.actor), "amina.diallo");
	subj.case_id = a.id;
	subj.added_on = ymd(2026, 1, 3);
	assert_rc(dk_store_subject_add(fx->s, &subj, office, "2026-03-02T10:00:00Z", &id, &err),
	          DK_OK);
	assert_rc(dk_store_vet(fx->s, "jeandupont", NULL, ymd(2026, 2, 1), count_vet, &hits, &err),
	          DK_OK);
	assert_int_equal(hits, 1);
	assert_rc(dk_store_vet(fx->s, "jean", "UN-12", ymd(2026, 2, 1), count_vet, &hits, &err),
	          DK_OK);
	assert_int_equal(hits, 1); /* neither a prefix of the name nor of the number */
	assert_rc(dk_store_vet(fx->s, NULL, "UN-123", ymd(2026, 2, 1), count_vet, &hits, &err),
	          DK_OK);
	assert_int_equal(hits, 2);
	/* Added after the day asked about: not there yet. */
	assert_rc(dk_store_vet(fx->s, "jeandupont", NULL, ymd(2026, 1, 2), count_vet, &hits, &err),
	          DK_OK);
	assert_int_equal(hits, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	    T(store_case_facts__victim_facts__merged_by_date_with_the_case_state_before_them),
	    T(store_victim_event__append_only__update_and_delete_refused),
	    T(store_guards__altered_or_dropped_trigger__is_corrupt),
	    T(store_vet__name_key_or_index__exact_only),
	    T(store_create__new_path__is_at_latest_schema),
	    T(store_case_update__new_mission__keeps_the_reference_number),
	    T(store_open__schema_2_with_unlisted_missions__registers_them),
	    T(store_create__file__has_no_plain_sqlite_header),
	    T(store_close__stored_data__never_reaches_the_disk_in_clear),
	    T(store_close__wal__is_left_empty),
	    T(store_close__other_connection_open__truncates_the_wal),
	    T(store_close__null__is_accepted),
	    T(store_open__same_key__reads_the_data),
	    T(store_open__different_key__is_corrupt_and_changes_nothing),
	    T(store_open__plaintext_sqlite_file__is_corrupt),
	    T(store_open__random_bytes__is_corrupt),
	    T(store_open__wrong_key_size__is_invalid),
	    T(store_create__existing_database__is_refused),
	    T(store_create__existing_empty_file__is_refused),
	    T(store_open__missing_path__is_notfound),
	    T(store_open__newer_schema__is_toonew),
	    T(store_open__newer_schema_in_rollback_mode__is_left_byte_identical),
	    T(store_open__version_zero__migrates_to_latest),
	    T(store_open__failing_migration__leaves_nothing_half_done),
	    T(store_open__connection_pragmas__are_set),
	    T(store_meta__set_then_get__round_trips),
	    T(store_meta__missing_key__is_notfound),
	    T(store_account__add_then_get__round_trips),
	    T(store_account__duplicate_name__is_exists),
	    T(store_account__missing_name__is_notfound),
	    T(store_ref_next__per_mission_and_year__counts_from_one_independently),
	    T(store_ref_next__rolled_back_transaction__does_not_consume_a_number),
	    T(store_rollback__inserted_case__is_gone),
	    T(store_case__every_field__round_trips),
	    T(store_case__unset_optional_fields__come_back_unset),
	    T(store_case_get__into_a_used_case__replaces_its_summary),
	    T(store_case_get__missing_ref__is_notfound),
	    T(store_case_insert__duplicate_ref__is_conflict),
	    T(store_case_update__changed_state__is_stored),
	    T(store_case_update__missing_id__is_notfound),
	    T(store_case_each__no_filter_ref_order__sorts_by_mission_year_then_numeric_seq),
	    T(store_case_each__reported_order__sorts_by_date_then_ref),
	    T(store_case_each__mission_filter__lists_only_that_mission),
	    T(store_case_each__state_filter__lists_only_that_state),
	    T(store_case_each__mission_and_state_filter__lists_both_matching),
	    T(store_case_each__no_match__calls_nothing),
	    T(store_case_each__callback_returns_false__stops_early),
	    T(store_case_each__summaries__belong_to_their_case),
	    T(store_event__append_then_count__counts_per_case),
	    T(store_event__unknown_case__is_refused_by_foreign_key),
	    T(store_event__update_and_delete__are_refused),
	    T(store_audit__appended_entries__form_a_hash_chain),
	    T(store_audit__update_and_delete__are_refused),
#undef T
	};

	if (!dk_crypto_init()) {
		fprintf(stderr, "libsodium failed to initialize\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
