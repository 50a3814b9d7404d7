/*
 * The upgrade of a database's fields (dk_store_fields_seal_all): every
 * narrative and identity still stored as text sealed in place under its
 * owner's content key, in the caller's transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

#define DOING N_("sealing the fields")

/* The append-only tables whose rows the upgrade rewrites: their UPDATE triggers. */
static const char *const update_triggers[] = {"event_append_only_update",
                                              "victim_event_append_only_update"};
#define NTRIGGERS (sizeof(update_triggers) / sizeof(update_triggers[0]))

/* Each sealed column rewritten in place: dk_seal(owner, class, column). */
#define CASE_GID_OF(id) "(SELECT gid FROM main.case_file c WHERE c.id = " id ")"
#define VICTIM_GID_OF(id) "(SELECT gid FROM victim v WHERE v.id = " id ")"
#define SUBJECT_CASE_GID_OF(id)                                                                    \
	"(SELECT c.gid FROM subject s JOIN main.case_file c ON c.id = s.case_id WHERE s.id = " id  \
	")"
#define SEAL_COL(table, col, owner, cls, also)                                                     \
	"UPDATE " table " SET " col " = dk_seal(" owner ", " cls ", " col ") WHERE typeof(" col    \
	") = 'text'" also

static const char *const seal_sql[] = {
    SEAL_COL("main.case_file", "summary", "gid", "1", ""),
    SEAL_COL("event", "note", CASE_GID_OF("event.case_id"), "1", ""),
    SEAL_COL("event", "data", CASE_GID_OF("event.case_id"), "1", ""),
    SEAL_COL("event", "value", CASE_GID_OF("event.case_id"), "1", " AND field = 'summary'"),
    SEAL_COL("event", "previous", CASE_GID_OF("event.case_id"), "1", " AND field = 'summary'"),
    SEAL_COL("victim_identity", "name", VICTIM_GID_OF("victim_identity.victim_id"), "2", ""),
    SEAL_COL("victim_identity", "contact", VICTIM_GID_OF("victim_identity.victim_id"), "2", ""),
    SEAL_COL("victim_event", "provider", VICTIM_GID_OF("victim_event.victim_id"), "1", ""),
    SEAL_COL("victim_event", "note", VICTIM_GID_OF("victim_event.victim_id"), "1", ""),
    SEAL_COL("subject_identity", "name", SUBJECT_CASE_GID_OF("subject_identity.subject_id"), "3",
             ""),
    SEAL_COL("subject_identity", "index_number", SUBJECT_CASE_GID_OF("subject_identity.subject_id"),
             "3", ""),
    SEAL_COL("subject_identity", "unit", SUBJECT_CASE_GID_OF("subject_identity.subject_id"), "3",
             ""),
};

/* The owners and the missions their content keys go under: cases, then victims. */
static const struct {
	const char *sql;
	enum dk_field_class cls[2];
} owners[] = {
    {"SELECT gid, mission FROM main.case_file", {DK_FIELD_FREE_TEXT, DK_FIELD_SUBJECT_IDENTITY}},
    {"SELECT DISTINCT v.gid, c.mission FROM victim v JOIN victim_case vc ON vc.victim_id = v.id "
     "JOIN main.case_file c ON c.id = vc.case_id",
     {DK_FIELD_VICTIM_IDENTITY, DK_FIELD_FREE_TEXT}},
};

struct owner_row {
	unsigned char gid[DK_GID_LEN];
	char mission[DK_MISSION_MAX + 1];
};

/* Reads every row of sql (owner gid, mission) first: ensuring writes content_key meanwhile. */
static enum dk_rc
read_owners(struct dk_store *s, const char *sql, struct owner_row **out, size_t *n,
            struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _(DOING), err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = dk_xrealloc(*out, cap * sizeof(**out));
		}
		dk_store_copy_blob((*out)[*n].gid, DK_GID_LEN, st, 0);
		dk_store_copy_text((*out)[*n].mission, sizeof((*out)[*n].mission), st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _(DOING), err);
}

static enum dk_rc
ensure_owners(struct dk_store *s, struct dk_err *err)
{
	enum dk_rc rc = DK_OK;

	for (size_t q = 0; rc == DK_OK && q < sizeof(owners) / sizeof(owners[0]); q++) {
		struct owner_row *rows = NULL;
		size_t n = 0;

		rc = read_owners(s, owners[q].sql, &rows, &n, err);
		for (size_t i = 0; rc == DK_OK && i < n; i++)
			for (int k = 0; rc == DK_OK && k < 2; k++)
				rc = dk_store_content_key_ensure(s, rows[i].gid, owners[q].cls[k],
				                                 rows[i].mission, err);
		free(rows);
	}
	return rc;
}

struct vet_row {
	int64_t subject_id;
	char *name, *index_number;
};

typedef void (*vet_fn)(const char *name, const char *index_number, char **name_key,
                       char **index_key, void *ctx);

/* Each plain identity's name_key and index_key, from its name and index number. */
static enum dk_rc
rehash_identities(struct dk_store *s, vet_fn vet_hashes, void *ctx, struct dk_err *err)
{
	struct vet_row *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	enum dk_rc rc = DK_OK;
	int step;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT subject_id, name, index_number FROM subject_identity WHERE "
	                       "typeof(name) = 'text' OR typeof(index_number) = 'text'",
	                       -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _(DOING), err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			rows = dk_xrealloc(rows, cap * sizeof(*rows));
		}
		rows[n].subject_id = sqlite3_column_int64(st, 0);
		rows[n].name = dk_store_column_dup(st, 1);
		rows[n].index_number = dk_store_column_dup(st, 2);
		n++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE)
		rc = dk_store_fail(s, _(DOING), err);
	if (rc == DK_OK &&
	    sqlite3_prepare_v2(s->db,
	                       "UPDATE subject_identity SET name_key = ?2, index_key "
	                       "= ?3 WHERE subject_id = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		rc = dk_store_fail(s, _(DOING), err);
	for (size_t i = 0; rc == DK_OK && i < n; i++) {
		char *name_key = NULL, *index_key = NULL;

		vet_hashes(rows[i].name, rows[i].index_number, &name_key, &index_key, ctx);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, rows[i].subject_id);
		dk_store_bind_opt_text(st, 2, name_key);
		dk_store_bind_opt_text(st, 3, index_key);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = dk_store_fail(s, _(DOING), err);
		free(name_key);
		free(index_key);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		dk_xfree_wiped(&rows[i].name);
		dk_xfree_wiped(&rows[i].index_number);
	}
	free(rows);
	return rc;
}

static int
exec(struct dk_store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* Rewrites every plain sealed column; the triggers' SQL was read into trig first. */
static enum dk_rc
seal_columns(struct dk_store *s, char *const *trig, struct dk_err *err)
{
	for (size_t i = 0; i < NTRIGGERS; i++) {
		char *drop = dk_xasprintf("DROP TRIGGER main.%s", update_triggers[i]);
		int rc = exec(s, drop);

		free(drop);
		if (rc != SQLITE_OK)
			return dk_store_fail(s, _(DOING), err);
	}
	for (size_t i = 0; i < sizeof(seal_sql) / sizeof(seal_sql[0]); i++)
		if (exec(s, seal_sql[i]) != SQLITE_OK) {
			if (sqlite3_errcode(s->db) == SQLITE_ERROR)
				return dk_err_set(
				    err, DK_DENIED,
				    _("sealing the fields: a record's content key is not "
				      "held"));
			return dk_store_fail(s, _(DOING), err);
		}
	for (size_t i = 0; i < NTRIGGERS; i++)
		if (exec(s, trig[i]) != SQLITE_OK)
			return dk_store_fail(s, _(DOING), err);
	return DK_OK;
}

enum dk_rc
dk_store_fields_seal_all(struct dk_store *s, vet_fn vet_hashes, void *ctx, struct dk_err *err)
{
	char *trig[NTRIGGERS] = {NULL};
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; rc == DK_OK && i < NTRIGGERS; i++) {
		bool found = false;

		rc = dk_store_row(s, DK_STMT_TRIGGER_SQL, dk_store_read_text, &trig[i], &found,
		                  _(DOING), err, "t", update_triggers[i]);
		if (rc == DK_OK && (!found || trig[i] == NULL))
			rc = dk_err_set(err, DK_CORRUPT, _("%s: the trigger %s is missing"),
			                _(DOING), update_triggers[i]);
	}
	if (rc == DK_OK)
		rc = ensure_owners(s, err);
	if (rc == DK_OK && vet_hashes != NULL)
		rc = rehash_identities(s, vet_hashes, ctx, err);
	if (rc == DK_OK)
		rc = seal_columns(s, trig, err);
	/* Every case's seal starts its chain again: its events' bytes changed. */
	if (rc == DK_OK && exec(s, "INSERT OR IGNORE INTO temp.touched (case_id) SELECT id FROM "
	                           "main.case_file") != SQLITE_OK)
		rc = dk_store_fail(s, _(DOING), err);
	if (rc == DK_OK)
		dk_store_seal_restart(s);
	for (size_t i = 0; i < NTRIGGERS; i++)
		free(trig[i]);
	return rc;
}
