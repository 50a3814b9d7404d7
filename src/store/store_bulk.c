/*
 * A bulk load into a database that holds no case yet (the demo): one
 * transaction whose pages are written once. In WAL mode a transaction larger
 * than the cache spills into the WAL and is copied again by the checkpoint;
 * in rollback mode a new file journals only its few pre-existing pages and
 * the rest is appended straight into the file. Still all or nothing: a kill
 * leaves a hot journal that the next open rolls back. secure_delete is off
 * because the load deletes nothing. Foreign keys and CHECK constraints are not
 * checked row by row: with them, an insert into a table with several indexes
 * may abort half-way, so SQLite opens a statement journal for each one (and
 * SQLCipher allocates, encrypts and wipes it): a third of an insert's cost.
 * The loader writes the rows the engine writes, with values from the same
 * code; `docket check` runs foreign_key_check and dk_store_bulk_check counts
 * rows that break a CHECK. These flag pragmas expire every prepared
 * statement, so none keeps the bulk settings after dk_store_bulk_end.
 * The connection's usual pragmas come back at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

/* Runs a pragma and reads its one value as text, if it gives one. */
static int
pragma(struct dk_store *s, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	if (out != NULL)
		out[0] = '\0';
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out != NULL && sqlite3_column_text(st, 0) != NULL)
			snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum dk_rc
dk_store_bulk_begin(struct dk_store *s, int cache_mib, struct dk_store_bulk *b, struct dk_err *err)
{
	char value[32], sql[64];
	int rc;

	memset(b, 0, sizeof(*b));
	if (s->in_tx)
		return DK_OK;
	if (pragma(s, "SELECT NOT EXISTS (SELECT 1 FROM main.case_file)", value, sizeof(value)) !=
	    SQLITE_OK)
		return dk_store_fail(s, _("preparing the bulk load"), err);
	if (strcmp(value, "1") != 0)
		return DK_OK; /* cases already there: the normal path */
	if (pragma(s, "PRAGMA cache_size", value, sizeof(value)) != SQLITE_OK)
		return dk_store_fail(s, _("preparing the bulk load"), err);
	snprintf(b->cache_size, sizeof(b->cache_size), "%s", value);
	/* Leaving WAL needs the file alone: with another connection open, the normal path. */
	sqlite3_busy_timeout(s->db, 0);
	rc = pragma(s, "PRAGMA journal_mode = DELETE", value, sizeof(value));
	sqlite3_busy_timeout(s->db, DK_STORE_BUSY_TIMEOUT_MS);
	if ((rc & 0xff) == SQLITE_BUSY || (rc == SQLITE_OK && strcmp(value, "delete") != 0))
		return DK_OK;
	b->on = true;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", cache_mib * 1024);
	if (rc != SQLITE_OK || pragma(s, "PRAGMA secure_delete = OFF", NULL, 0) != SQLITE_OK ||
	    pragma(s, "PRAGMA foreign_keys = OFF", NULL, 0) != SQLITE_OK ||
	    pragma(s, "PRAGMA ignore_check_constraints = ON", NULL, 0) != SQLITE_OK ||
	    pragma(s, sql, NULL, 0) != SQLITE_OK || dk_store_seal_pause(s) != SQLITE_OK) {
		enum dk_rc failed = dk_store_fail(s, _("preparing the bulk load"), err);

		dk_store_bulk_end(s, b, NULL);
		return failed;
	}
	return DK_OK;
}

enum dk_rc
dk_store_bulk_end(struct dk_store *s, struct dk_store_bulk *b, struct dk_err *err)
{
	char sql[64], mode[16];

	sqlite3_finalize(b->insert_case);
	b->insert_case = NULL;
	if (!b->on)
		return DK_OK;
	b->on = false;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %s", b->cache_size);
	/* The same as the connection's pragmas (store.c), in the order they need. */
	if (pragma(s, "PRAGMA secure_delete = ON", NULL, 0) != SQLITE_OK ||
	    pragma(s, "PRAGMA foreign_keys = ON", NULL, 0) != SQLITE_OK ||
	    pragma(s, "PRAGMA ignore_check_constraints = OFF", NULL, 0) != SQLITE_OK ||
	    pragma(s, sql, NULL, 0) != SQLITE_OK ||
	    pragma(s, "PRAGMA journal_mode = WAL", mode, sizeof(mode)) != SQLITE_OK ||
	    strcmp(mode, "wal") != 0 || dk_store_seal_setup(s) != SQLITE_OK)
		return dk_store_fail(s, _("restoring the connection settings"), err);
	return DK_OK;
}

bool
dk_store_bulk_on(struct dk_store *s)
{
	char mode[16];

	return pragma(s, "PRAGMA journal_mode", mode, sizeof(mode)) == SQLITE_OK &&
	       strcmp(mode, "delete") == 0;
}

enum dk_rc
dk_store_bulk_next_case_id(struct dk_store *s, int64_t *id, struct dk_err *err)
{
	char value[32];

	if (pragma(s, "SELECT coalesce(max(id), 0) + 1 FROM main.case_file", value,
	           sizeof(value)) != SQLITE_OK)
		return dk_store_fail(s, _("recording the case"), err);
	*id = strtoll(value, NULL, 10);
	return DK_OK;
}

/*
 * The deadlines of a case whose row is not written yet: inserted, nothing
 * cleared (there is nothing to clear), the same rows as dk_store_deadlines_replace.
 */
enum dk_rc
dk_store_bulk_deadlines(struct dk_store *s, int64_t case_id, const char *ref, dk_date known_until,
                        const struct dk_deadline *d, size_t n, struct dk_err *err)
{
	return dk_store_deadlines_insert(s, case_id, ref, known_until, d, n, err);
}

/*
 * A case row written once, after its history and deadlines: the row
 * dk_store_case_insert, dk_store_case_update and the next-due update would
 * leave (an UPDATE of a row with nine indexes journals every page it
 * touches, once per statement). c->id is the id the events already carry.
 */
#define BULK_CASE_SQL                                                                              \
	"INSERT INTO case_file (id, gid, office, ref, mission, ref_mission, year, seq, reported, " \
	"incident, category, type, personnel, nationality, source, entity, outcome, closure, "     \
	"urgent, state, state_since, last_event_on, summary, next_due) VALUES (?1, ?2, ?3, ?4, "   \
	"?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "     \
	"?22, "                                                                                    \
	"coalesce((SELECT min(due) FROM deadline WHERE case_id = ?1 AND met_on IS NULL AND "       \
	"ended_on IS NULL), '9999-12-31'))"

enum dk_rc
dk_store_bulk_case(struct dk_store *s, struct dk_store_bulk *b, const struct dk_case *c,
                   struct dk_err *err)
{
	sqlite3_stmt *st = b->insert_case;
	int rc;

	if (st == NULL && sqlite3_prepare_v2(s->db, BULK_CASE_SQL, -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("recording the case"), err);
	b->insert_case = st;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_blob(st, 2, c->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, c->office, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->mission, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, c->year);
	sqlite3_bind_int64(st, 7, c->seq);
	dk_store_bind_date(st, 8, c->reported);
	dk_store_bind_case_fields(st, 9, c); /* incident .. summary, as case add binds them */
	if (dk_store_bind_case_summary(s, st, 9, c, err) != DK_OK) {
		sqlite3_clear_bindings(st);
		return err != NULL ? err->rc : DK_DENIED;
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	/* The seal triggers are off for the load (dk_store_seal_pause): the case is sealed all
	 * the same, with its events, victims and subjects, at the commit. */
	if (rc == SQLITE_DONE)
		rc = dk_store_touch_case(s, c->id) == SQLITE_OK ? SQLITE_DONE : SQLITE_ERROR;
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("recording the case"), err);
}

/* The CHECK constraints of the tables a bulk load writes (schema/), as queries for breakers. */
static const char *const bulk_checks[] = {
    "SELECT count(*) FROM case_file WHERE NOT (length(gid) = 16 AND length(office) = 16 AND "
    "urgent IN (0, 1))",
    "SELECT count(*) FROM event WHERE NOT (length(gid) = 16 AND length(office) = 16 AND kind IN "
    "('created', 'moved', 'set', 'extended', 'note') AND urgent IN (0, 1))",
    "SELECT count(*) FROM victim WHERE NOT (length(gid) = 16 AND length(office) = 16 AND sex IN "
    "('female', 'male', 'unknown') AND age IN ('adult', 'child', 'unknown'))",
    "SELECT count(*) FROM victim_event WHERE NOT (length(gid) = 16 AND length(office) = 16 AND "
    "kind IN ('added', 'informed', 'assistance', 'paternity') AND (status IS NULL OR status IN "
    "('referred', 'provided', 'declined')) AND (consent IS NULL OR consent IN ('yes', 'no')))",
    "SELECT count(*) FROM subject WHERE NOT (length(gid) = 16 AND length(office) = 16)",
    "SELECT count(*) FROM subject_action WHERE NOT (length(gid) = 16 AND length(office) = 16 AND "
    "interim IN (0, 1))",
    "SELECT count(*) FROM ref_counter WHERE NOT (last > 0)",
    "SELECT count(*) FROM audit WHERE NOT (length(prev) = 32 AND length(hash) = 32)",
};

enum dk_rc
dk_store_bulk_check(struct dk_store *s, long *breakers, struct dk_err *err)
{
	char value[32];

	*breakers = 0;
	for (size_t i = 0; i < sizeof(bulk_checks) / sizeof(bulk_checks[0]); i++) {
		if (pragma(s, bulk_checks[i], value, sizeof(value)) != SQLITE_OK)
			return dk_store_fail(s, _("integrity check"), err);
		*breakers += strtol(value, NULL, 10);
	}
	return DK_OK;
}
