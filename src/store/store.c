/* Opening, keying, migrating and closing the SQLCipher database. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "migrations.h"
#include "store_internal.h"

static const char *const stmt_sql[DK_STMT_COUNT] = {
#define DK_STMT_SQL(name, sql) [DK_STMT_##name] = sql,
    DK_STMT_LIST(DK_STMT_SQL)
#undef DK_STMT_SQL
};

/* Set on every open, after keying (security.md 1, 3, 12). A 64 MiB page cache halves
 * the cost of bulk writes: every page spilled and read back is decrypted again. */
static const char connection_pragmas[] = "PRAGMA journal_mode = WAL;"
                                         "PRAGMA synchronous = FULL;"
                                         "PRAGMA secure_delete = ON;"
                                         "PRAGMA temp_store = MEMORY;"
                                         "PRAGMA foreign_keys = ON;"
                                         "PRAGMA cache_size = -65536;";

#define BUSY_TIMEOUT_MS 5000

int
dk_store_schema_latest(void)
{
	return dk_migration_count;
}

/*
 * What a failed SQLite call means to the user, first match wins. The OS
 * error (sqlite3_system_errno) comes first: SQLite reports a full disk or
 * read-only media under several codes (FULL, IOERR_WRITE, IOERR_FSYNC,
 * READONLY, CANTOPEN), and the user must learn which of the two it is.
 */
static const struct {
	int sqlite_code; /* primary result code; 0: any */
	int sys_errno;   /* the OS error behind it; 0: any */
	enum dk_rc rc;
	const char *msg; /* after "what was being done: " */
} store_errors[] = {
    {0, ENOSPC, DK_IO, N_("the disk is full; nothing was changed")},
    {0, EDQUOT, DK_IO, N_("the disk is full; nothing was changed")},
    {0, EROFS, DK_IO, N_("the database is on read-only media; nothing was changed")},
    {0, EACCES, DK_IO,
     N_("the database file cannot be written (check its permissions); nothing was changed")},
    {0, EIO, DK_IO, N_("the disk reported an input/output error; nothing was changed")},
    {SQLITE_BUSY, 0, DK_BUSY, N_("the database is in use by another docket; try again")},
    {SQLITE_LOCKED, 0, DK_BUSY, N_("the database is in use by another docket; try again")},
    {SQLITE_NOTADB, 0, DK_CORRUPT, N_("the database is damaged or does not match its key slots")},
    {SQLITE_CORRUPT, 0, DK_CORRUPT, N_("the database is damaged or does not match its key slots")},
    {SQLITE_FULL, 0, DK_IO, N_("the disk is full; nothing was changed")},
    {SQLITE_READONLY, 0, DK_IO,
     N_("the database file cannot be written (check its permissions); nothing was changed")},
    {SQLITE_IOERR, 0, DK_IO, N_("cannot read or write the database file")},
    {SQLITE_CANTOPEN, 0, DK_IO, N_("cannot read or write the database file")},
    {SQLITE_PERM, 0, DK_IO, N_("cannot read or write the database file")},
    {SQLITE_CONSTRAINT, 0, DK_CONFLICT, N_("conflicts with stored data")},
};

/*
 * The OS error behind a failure, where SQLite keeps one (IOERR, CANTOPEN).
 * When that is lost (SQLite retries a failed open read-only, and reports
 * the retry's error) or there is none (READONLY), the file system says
 * whether it is mounted read-only or full.
 */
static int
system_error(sqlite3 *db, int primary)
{
	int sys =
	    primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? sqlite3_system_errno(db) : 0;
	const char *path = sqlite3_db_filename(db, "main");
	struct statvfs vfs;

	if (sys == ENOSPC || sys == EDQUOT || sys == EROFS || sys == EIO ||
	    (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) || path == NULL ||
	    statvfs(path, &vfs) != 0)
		return sys;
	if (vfs.f_flag & ST_RDONLY)
		return EROFS;
	if (vfs.f_bavail == 0)
		return ENOSPC;
	return primary == SQLITE_READONLY ? EACCES : sys;
}

enum dk_rc
dk_store_fail(struct dk_store *s, const char *doing, struct dk_err *err)
{
	int code = s != NULL && s->db != NULL ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
	int sys = s != NULL && s->db != NULL ? system_error(s->db, code & 0xff) : 0;

	for (size_t i = 0; i < sizeof(store_errors) / sizeof(store_errors[0]); i++) {
		if ((store_errors[i].sqlite_code == 0 ||
		     store_errors[i].sqlite_code == (code & 0xff)) &&
		    (store_errors[i].sys_errno == 0 || store_errors[i].sys_errno == sys))
			return dk_err_set(err, store_errors[i].rc, _("%s: %s"), doing,
			                  _(store_errors[i].msg));
	}
	return dk_err_set(err, DK_IO, _("%s: database error %d"), doing, code);
}

sqlite3_stmt *
dk_store_stmt(struct dk_store *s, enum dk_stmt_id id, struct dk_err *err)
{
	sqlite3_stmt *st = s->stmts[id];

	if (st == NULL) {
		if (sqlite3_prepare_v2(s->db, stmt_sql[id], -1, &s->stmts[id], NULL) != SQLITE_OK) {
			dk_store_fail(s, _("preparing a query"), err);
			return NULL;
		}
		return s->stmts[id];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
dk_store_bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int
dk_store_bind_date(sqlite3_stmt *st, int i, dk_date d)
{
	char buf[DK_DATE_STRLEN];

	if (d == DK_DATE_NONE)
		return sqlite3_bind_null(st, i);
	dk_date_format(d, buf);
	return sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

dk_date
dk_store_column_date(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	dk_date d;

	if (t == NULL || !dk_date_parse(t, &d))
		return DK_DATE_NONE;
	return d;
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

/*
 * What an open is for, as its errors say it: opening and upgrading a
 * database, or writing a backup (whose fresh copy is "upgraded" too).
 */
struct open_purpose {
	const char *opening;   /* N_() */
	const char *upgrading; /* N_() */
};

static const struct open_purpose purpose_open = {N_("opening the database"),
                                                 N_("upgrading the database")};
static const struct open_purpose purpose_backup = {N_("backup"), N_("backup")};

/* Applies migrations (from, latest] in one transaction; all or nothing. */
static enum dk_rc
migrate(struct dk_store *s, int from, const char *doing, struct dk_err *err)
{
	char sql[64];

	if (exec(s, "BEGIN IMMEDIATE") != SQLITE_OK)
		return dk_store_fail(s, doing, err);
	for (int i = from; i < dk_migration_count; i++) {
		if (exec(s, dk_migrations[i].sql) != SQLITE_OK)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", dk_migration_count);
	if (exec(s, sql) != SQLITE_OK || exec(s, "COMMIT") != SQLITE_OK)
		goto fail;
	return DK_OK;
fail:
	dk_store_fail(s, doing, err);
	exec(s, "ROLLBACK");
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
           const struct open_purpose *purpose, struct dk_store **out, struct dk_err *err)
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
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
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
	if (exec(s, SCOPE_TABLE_SQL) != SQLITE_OK) {
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

static enum dk_rc
create_keyed(const char *path, const struct dk_secret *data_key, const struct open_purpose *purpose,
             struct dk_store **out, struct dk_err *err)
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
	return create_keyed(path, data_key, &purpose_open, out, err);
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
	return DK_OK;
}

enum dk_rc
dk_store_begin_read(struct dk_store *s, struct dk_err *err)
{
	if (exec(s, "BEGIN") != SQLITE_OK)
		return dk_store_fail(s, _("starting a transaction"), err);
	s->in_tx = true;
	return DK_OK;
}

enum dk_rc
dk_store_commit(struct dk_store *s, struct dk_err *err)
{
	if (exec(s, "COMMIT") != SQLITE_OK) {
		enum dk_rc rc = dk_store_fail(s, _("saving the changes"), err);
		dk_store_rollback(s);
		return rc;
	}
	s->in_tx = false;
	return DK_OK;
}

void
dk_store_rollback(struct dk_store *s)
{
	if (s->in_tx)
		exec(s, "ROLLBACK");
	s->in_tx = false;
}

enum dk_rc
dk_store_meta_get(struct dk_store *s, const char *key, char **value, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_META_GET, err);
	int rc;

	*value = NULL;
	if (st == NULL)
		return err != NULL ? err->rc : DK_IO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*value = dk_xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return DK_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dk_err_set(err, DK_NOTFOUND, _("setting %s is missing"), key);
	return dk_store_fail(s, _("reading settings"), err);
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

void
dk_store_copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	snprintf(dst, size, "%s", t != NULL ? t : "");
}

void
dk_store_copy_blob(unsigned char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const void *b = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col);

	memset(dst, 0, size);
	if (b != NULL)
		memcpy(dst, b, n < size ? n : size);
}

void
dk_store_case_row(sqlite3_stmt *st, struct dk_case *c)
{
	const char *summary = (const char *)sqlite3_column_text(st, 21);
	const char *state = (const char *)sqlite3_column_text(st, 18);

	c->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(c->gid, sizeof(c->gid), st, 1);
	dk_store_copy_blob(c->office, sizeof(c->office), st, 2);
	dk_store_copy_text(c->ref, sizeof(c->ref), st, 3);
	dk_store_copy_text(c->mission, sizeof(c->mission), st, 4);
	c->year = sqlite3_column_int(st, 5);
	c->seq = (long)sqlite3_column_int64(st, 6);
	c->reported = dk_store_column_date(st, 7);
	c->incident = dk_store_column_date(st, 8);
	dk_store_copy_text(c->category, sizeof(c->category), st, 9);
	dk_store_copy_text(c->type, sizeof(c->type), st, 10);
	dk_store_copy_text(c->personnel, sizeof(c->personnel), st, 11);
	dk_store_copy_text(c->nationality, sizeof(c->nationality), st, 12);
	dk_store_copy_text(c->source, sizeof(c->source), st, 13);
	dk_store_copy_text(c->entity, sizeof(c->entity), st, 14);
	dk_store_copy_text(c->outcome, sizeof(c->outcome), st, 15);
	dk_store_copy_text(c->closure, sizeof(c->closure), st, 16);
	c->urgent = sqlite3_column_int(st, 17) != 0;
	if (state == NULL || !dk_state_parse(state, &c->state))
		c->state = DK_STATE_RECEIVED;
	c->state_since = dk_store_column_date(st, 19);
	c->last_event_on = dk_store_column_date(st, 20);
	if (c->summary != NULL) {
		sodium_memzero(c->summary, strlen(c->summary));
		free(c->summary);
	}
	c->summary = summary != NULL ? dk_xstrdup(summary) : NULL;
	c->next_due = dk_store_column_date(st, 22);
	if (c->next_due == DK_NO_DEADLINE)
		c->next_due = DK_DATE_NONE;
}

/* The triggers that keep the history and the audit log append-only (schema/). */
static const char *const guard_triggers[] = {
    "audit_append_only_update",          "audit_append_only_delete",
    "event_append_only_update",          "event_append_only_delete",
    "victim_event_append_only_update",   "victim_event_append_only_delete",
    "subject_action_append_only_update", "subject_action_append_only_delete",
};

/*
 * The text a migration created trigger `name` with, as SQLite keeps it in
 * sqlite_master ("CREATE TRIGGER name ... END", malloc'd), or NULL.
 */
static char *
trigger_text(const char *name)
{
	char *head = dk_xasprintf("CREATE TRIGGER %s ", name);
	char *found = NULL;

	for (int i = 0; i < dk_migration_count && found == NULL; i++) {
		const char *start = strstr(dk_migrations[i].sql, head);
		const char *end = start != NULL ? strstr(start, "\nEND") : NULL;

		if (end != NULL)
			found = dk_xstrndup(start, (size_t)(end - start) + 4);
	}
	free(head);
	return found;
}

static enum dk_rc
check_first_row(struct dk_store *s, const char *sql, const char *expect, const char *what,
                struct dk_err *err)
{
	sqlite3_stmt *st;
	enum dk_rc rc = DK_OK;
	int step;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, what, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		if (expect == NULL || first == NULL || strcmp(first, expect) != 0)
			rc = dk_err_set(err, DK_CORRUPT, "%s: %s", what,
			                first != NULL ? first : _("a row does not hold"));
	} else if (step != SQLITE_DONE) {
		rc = dk_store_fail(s, what, err);
	}
	sqlite3_finalize(st);
	return rc;
}

enum dk_rc
dk_store_integrity(struct dk_store *s, long *pages, struct dk_err *err)
{
	sqlite3_stmt *st;
	enum dk_rc rc;

	*pages = 0;
	/* Reading every page makes SQLCipher decrypt and authenticate each one. */
	if ((rc = check_first_row(s, "PRAGMA integrity_check(1)", "ok", _("integrity check"),
	                          err)) != DK_OK ||
	    (rc = check_first_row(s, "PRAGMA foreign_key_check", NULL, _("foreign keys"), err)) !=
	        DK_OK)
		return rc;
	if (sqlite3_prepare_v2(s->db, "PRAGMA page_count", -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("integrity check"), err);
	if (sqlite3_step(st) == SQLITE_ROW)
		*pages = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return DK_OK;
}

enum dk_rc
dk_store_guards(struct dk_store *s, struct dk_err *err)
{
	sqlite3_stmt *st;
	enum dk_rc rc;

	for (size_t i = 0; i < sizeof(guard_triggers) / sizeof(guard_triggers[0]); i++) {
		char *expected = trigger_text(guard_triggers[i]);
		const char *stored;
		bool same;

		if (sqlite3_prepare_v2(s->db,
		                       "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
		                       "name = ?1",
		                       -1, &st, NULL) != SQLITE_OK) {
			free(expected);
			return dk_store_fail(s, _("integrity check"), err);
		}
		sqlite3_bind_text(st, 1, guard_triggers[i], -1, SQLITE_STATIC);
		stored = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
		                                        : NULL;
		same = stored != NULL && expected != NULL && strcmp(stored, expected) == 0;
		sqlite3_finalize(st);
		if (!same) {
			rc = dk_err_set(
			    err, DK_CORRUPT,
			    expected == NULL || stored != NULL
			        ? _("the append-only trigger %s was altered (the "
			            "database was tampered with)")
			        : _("the append-only trigger %s is missing (the database "
			            "was altered)"),
			    guard_triggers[i]);
			free(expected);
			return rc;
		}
		free(expected);
	}
	return DK_OK;
}

/* Checkpoints the WAL into the file and leaves WAL mode: the file alone is the database. */
static enum dk_rc
fold(struct dk_store *s, const char *doing, struct dk_err *err)
{
	if (exec(s, "PRAGMA journal_mode = DELETE") != SQLITE_OK)
		return dk_store_fail(s, doing, err);
	return DK_OK;
}

enum dk_rc
dk_store_fold(struct dk_store *s, struct dk_err *err)
{
	return fold(s, _("creating the database"), err);
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

enum dk_rc
dk_store_backup(struct dk_store *s, const char *path, const struct dk_secret *data_key,
                struct dk_err *err)
{
	struct dk_store *dest = NULL;
	sqlite3_backup *b;
	enum dk_rc rc;
	int step;

	if ((rc = create_keyed(path, data_key, &purpose_backup, &dest, err)) != DK_OK) {
		if (rc != DK_EXISTS)
			dk_store_remove_files(path);
		return rc;
	}
	/* One step copies every page under one read lock: a consistent snapshot. */
	b = sqlite3_backup_init(dest->db, "main", s->db, "main");
	if (b == NULL) {
		rc = dk_store_fail(dest, _("backup"), err);
	} else {
		step = sqlite3_backup_step(b, -1);
		if (sqlite3_backup_finish(b) != SQLITE_OK || step != SQLITE_DONE)
			rc = dk_store_fail(dest, _("backup"), err);
	}
	if (rc == DK_OK)
		rc = check_first_row(dest, "PRAGMA integrity_check(1)", "ok",
		                     _("backup: checking the copy"), err);
	if (rc == DK_OK)
		rc = fold(dest, _("backup"), err);
	dk_store_close(&dest);
	if (rc != DK_OK)
		dk_store_remove_files(path);
	return rc;
}
