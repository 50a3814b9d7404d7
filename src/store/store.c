/* Opening, keying, migrating and closing the SQLCipher database; its transactions and settings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "migrations.h"
#include "store_internal.h"

/* Set on every open, after keying (security.md 1, 3, 12). A 32 MiB page cache keeps
 * every command under 64 MiB resident; a bulk load sets its own (store_bulk.c). */
static const char connection_pragmas[] = "PRAGMA journal_mode = WAL;"
                                         "PRAGMA synchronous = FULL;"
                                         "PRAGMA secure_delete = ON;"
                                         "PRAGMA temp_store = MEMORY;"
                                         "PRAGMA foreign_keys = ON;"
                                         "PRAGMA cache_size = -32768;";

int
dk_store_schema_latest(void)
{
	return dk_migration_count;
}

static int
exec(struct dk_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static int
read_user_version(struct dk_store *s, int *version)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

static const struct dk_open_purpose purpose_open = {N_("opening the database"),
                                                    N_("upgrading the database")};

/* Whether the foreign keys hold (PRAGMA foreign_key_check returns no row). */
static bool
foreign_keys_hold(struct dk_store *s)
{
	sqlite3_stmt *st;
	bool ok;

	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	return ok;
}

/*
 * Applies migrations (from, latest] in one transaction; all or nothing.
 * Foreign keys are off meanwhile (a table may be rebuilt, as SQLite's
 * ALTER TABLE procedure says) and checked before the commit.
 */
static enum dk_rc
migrate(struct dk_store *s, int from, const char *doing, struct dk_err *err)
{
	char sql[64];

	if (exec(s, "PRAGMA foreign_keys = OFF") != SQLITE_OK ||
	    exec(s, "BEGIN IMMEDIATE") != SQLITE_OK)
		return dk_store_fail(s, doing, err);
	for (int i = from; i < dk_migration_count; i++) {
		if (exec(s, dk_migrations[i].sql) != SQLITE_OK)
			goto fail;
	}
	if (!foreign_keys_hold(s)) {
		dk_err_set(err, DK_CORRUPT, _("%s: a reference between records is broken"), doing);
		exec(s, "ROLLBACK");
		exec(s, "PRAGMA foreign_keys = ON");
		return DK_CORRUPT;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", dk_migration_count);
	if (exec(s, sql) != SQLITE_OK || exec(s, "COMMIT") != SQLITE_OK)
		goto fail;
	return exec(s, "PRAGMA foreign_keys = ON") == SQLITE_OK ? DK_OK
	                                                        : dk_store_fail(s, doing, err);
fail:
	dk_store_fail(s, doing, err);
	exec(s, "ROLLBACK");
	exec(s, "PRAGMA foreign_keys = ON");
	return err != NULL ? err->rc : DK_IO;
}

/*
 * Keys the connection with "x'<hex>'" (a raw key: SQLCipher skips its own
 * PBKDF2), built in guarded memory so the hex never sits on the plain heap.
 */
static int
apply_key(sqlite3 *db, const struct dk_secret *key)
{
	struct dk_secret *literal = dk_secret_new(2 * DK_DATA_KEY_BYTES + 4);
	int rc;

	literal->bytes[0] = 'x';
	literal->bytes[1] = '\'';
	sodium_bin2hex((char *)literal->bytes + 2, 2 * key->len + 1, key->bytes, key->len);
	literal->bytes[2 + 2 * key->len] = '\'';
	literal->len = 3 + 2 * key->len;
	rc = sqlite3_key(db, literal->bytes, (int)literal->len);
	dk_secret_free(&literal);
	return rc;
}

static enum dk_rc
open_keyed(const char *path, const struct dk_secret *key, bool create,
           const struct dk_open_purpose *purpose, struct dk_store **out, struct dk_err *err)
{
	struct dk_store *s = dk_xcalloc(1, sizeof(*s));
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
	const char *opening = _(purpose->opening);
	int version = 0;
	enum dk_rc rc;

	*out = NULL;
	if (key->len != DK_DATA_KEY_BYTES) {
		rc = dk_err_set(err, DK_INVALID, _("the data key has the wrong size"));
		goto fail;
	}
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		rc = dk_store_fail(s, opening, err);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* Before the first read: it may wait for another docket's checkpoint or write. */
	sqlite3_busy_timeout(s->db, DK_STORE_BUSY_TIMEOUT_MS);
	/* Keying is the very first operation; nothing is read or created before it. */
	if (apply_key(s->db, key) != SQLITE_OK ||
	    exec(s, "PRAGMA cipher_page_size = 4096") != SQLITE_OK) {
		rc = dk_err_set(err, DK_IO, _("%s: cannot key the database"), opening);
		goto fail;
	}
	/* A wrong key only shows on the first read. */
	if (exec(s, "SELECT count(*) FROM sqlite_master") != SQLITE_OK ||
	    read_user_version(s, &version) != SQLITE_OK) {
		rc = dk_store_fail(s, opening, err);
		goto fail;
	}
	/* Checked before the pragmas: switching to WAL would already write to it. */
	if (version > dk_migration_count) {
		rc = dk_err_set(err, DK_TOONEW,
		                _("the database has schema version %d, newer than this docket "
		                  "understands (%d); upgrade docket"),
		                version, dk_migration_count);
		goto fail;
	}
	if (exec(s, connection_pragmas) != SQLITE_OK) {
		rc = dk_store_fail(s, opening, err);
		goto fail;
	}
	if (version < dk_migration_count &&
	    (rc = migrate(s, version, _(purpose->upgrading), err)) != DK_OK)
		goto fail;
	/* Every connection has its (empty: unscoped) mission scope; see dk_store_scope_set. */
	if (exec(s, SCOPE_TABLE_SQL) != SQLITE_OK || dk_store_seal_setup(s) != SQLITE_OK ||
	    dk_store_fields_setup(s) != SQLITE_OK) {
		rc = dk_store_fail(s, opening, err);
		goto fail;
	}
	s->opened = true;
	*out = s;
	return DK_OK;
fail:
	dk_store_close(&s);
	return rc;
}

enum dk_rc
dk_store_create_keyed(const char *path, const struct dk_secret *data_key,
                      const struct dk_open_purpose *purpose, struct dk_store **out,
                      struct dk_err *err)
{
	struct stat st;

	if (lstat(path, &st) == 0 || errno != ENOENT)
		return dk_err_set(err, DK_EXISTS, _("%s already exists; refusing to overwrite it"),
		                  path);
	return open_keyed(path, data_key, true, purpose, out, err);
}

enum dk_rc
dk_store_create(const char *path, const struct dk_secret *data_key, struct dk_store **out,
                struct dk_err *err)
{
	return dk_store_create_keyed(path, data_key, &purpose_open, out, err);
}

enum dk_rc
dk_store_open(const char *path, const struct dk_secret *data_key, struct dk_store **out,
              struct dk_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return dk_err_set(err, errno == ENOENT ? DK_NOTFOUND : DK_IO,
		                  _("cannot open the database %s: %s"), path, strerror(errno));
	return open_keyed(path, data_key, false, &purpose_open, out, err);
}

void
dk_store_close(struct dk_store **sp)
{
	struct dk_store *s;

	if (sp == NULL || (s = *sp) == NULL)
		return;
	if (s->db != NULL) {
		if (s->in_tx)
			exec(s, "ROLLBACK");
		for (int i = 0; i < DK_STMT_COUNT; i++)
			sqlite3_finalize(s->stmts[i]);
		/*
		 * Leave no -wal full of pages behind (security.md 3). Not after a
		 * failed open: SQLCipher 3.4 can crash checkpointing a connection
		 * whose migration hit an I/O error (sqlite3_close still checkpoints).
		 */
		if (s->opened)
			exec(s, "PRAGMA wal_checkpoint(TRUNCATE)");
		sqlite3_close(s->db);
	}
	dk_store_fields_free(s);
	free(s);
	*sp = NULL;
}

void
dk_store_set_cache_mib(struct dk_store *s, int mib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", mib * 1024);
	exec(s, sql);
}

int
dk_store_schema_version(struct dk_store *s)
{
	int v = -1;

	if (read_user_version(s, &v) != SQLITE_OK)
		return -1;
	return v;
}

enum dk_rc
dk_store_begin(struct dk_store *s, struct dk_err *err)
{
	if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK)
		return dk_store_fail(s, _("starting a transaction"), err);
	s->in_tx = true;
	/* What a transaction wrote starts empty (a rollback also drops its own). */
	if (dk_store_touch_clear(s, err) != DK_OK) {
		dk_store_rollback(s);
		return err != NULL ? err->rc : DK_IO;
	}
	return DK_OK;
}

enum dk_rc
dk_store_begin_read(struct dk_store *s, struct dk_err *err)
{
	if (exec(s, "BEGIN") != SQLITE_OK)
		return dk_store_fail(s, _("starting a transaction"), err);
	s->in_tx = true;
	if (dk_store_touch_clear(s, err) != DK_OK) {
		dk_store_rollback(s);
		return err != NULL ? err->rc : DK_IO;
	}
	return DK_OK;
}

enum dk_rc
dk_store_commit(struct dk_store *s, struct dk_err *err)
{
	s->commit_unsure = false;
	if (exec(s, "COMMIT") != SQLITE_OK) {
		enum dk_rc rc;

		s->commit_unsure = sqlite3_extended_errcode(s->db) == SQLITE_IOERR_FSYNC;
		rc = s->commit_unsure ? dk_store_fail_unsure(s, _("saving the changes"), err)
		                      : dk_store_fail(s, _("saving the changes"), err);
		dk_store_rollback(s);
		return rc;
	}
	s->in_tx = false;
	s->seal_restart = false;
	return DK_OK;
}

bool
dk_store_commit_unsure(const struct dk_store *s)
{
	return s->commit_unsure;
}

enum dk_rc
dk_store_data_version(struct dk_store *s, struct dk_store_version *v, struct dk_err *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(v, 0, sizeof(*v));
	v->own = (unsigned long long)sqlite3_total_changes(s->db);
	if (s->office_filtered) {
		memcpy(&v->filter, s->office, sizeof(v->filter));
		v->filter |= 1; /* never 0, which says "no filter" */
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("reading the database"), err);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v->others = (unsigned long long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? DK_OK : dk_store_fail(s, _("reading the database"), err);
}

void
dk_store_rollback(struct dk_store *s)
{
	if (s->in_tx)
		exec(s, "ROLLBACK");
	s->in_tx = false;
	s->seal_restart = false;
}

enum dk_rc
dk_store_meta_get(struct dk_store *s, const char *key, char **value, struct dk_err *err)
{
	bool found;
	enum dk_rc rc;

	*value = NULL;
	rc = dk_store_row(s, DK_STMT_META_GET, dk_store_read_text, value, &found,
	                  _("reading settings"), err, "t", key);
	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_NOTFOUND, _("setting %s is missing"), key);
	return rc;
}

enum dk_rc
dk_store_meta_set(struct dk_store *s, const char *key, const char *value, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_META_SET, err);
	int rc;

	if (st == NULL)
		return err != NULL ? err->rc : DK_IO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("writing settings"), err);
}
/* Checkpoints the WAL into the file and leaves WAL mode: the file alone is the database. */
enum dk_rc
dk_store_fold_as(struct dk_store *s, const char *doing, struct dk_err *err)
{
	if (exec(s, "PRAGMA journal_mode = DELETE") != SQLITE_OK)
		return dk_store_fail(s, doing, err);
	return DK_OK;
}

enum dk_rc
dk_store_fold(struct dk_store *s, struct dk_err *err)
{
	return dk_store_fold_as(s, _("creating the database"), err);
}

void
dk_store_remove_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = dk_xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}
