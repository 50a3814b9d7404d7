/* Subjects: their records, identities kept apart, and the actions taken about them. */
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

static void
read_gid(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_GID_LEN, st, 0);
}

enum dk_rc
dk_store_subject_add(struct dk_store *s, struct dk_subject *subj,
                     const unsigned char office[DK_GID_LEN], const char *recorded_at,
                     const struct dk_subject_identity *id, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SUBJECT_ADD, err);
	unsigned char owner[DK_GID_LEN] = {0};
	enum dk_rc rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_gid_office(st, subj->gid, office);
	sqlite3_bind_text(st, 3, subj->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, subj->case_id);
	sqlite3_bind_text(st, 5, subj->personnel, -1, SQLITE_STATIC);
	dk_store_bind_opt_text(st, 6, subj->nationality);
	dk_store_bind_date(st, 7, subj->added_on);
	sqlite3_bind_text(st, 8, recorded_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, subj->actor, -1, SQLITE_STATIC);
	if ((rc = dk_store_step_insert(s, st, _("adding the subject"), err)) != DK_OK)
		return rc;
	subj->id = sqlite3_last_insert_rowid(s->db);
	if (id == NULL || (id->name == NULL && id->index_number == NULL && id->unit == NULL))
		return DK_OK;
	/* Sealed for its case (first: the lookup uses the statement cache). */
	if (s->sealing) {
		bool found = false;

		if ((rc = dk_store_row(s, DK_STMT_SEAL_CASE_GID, read_gid, owner, &found,
		                       _("adding the subject"), err, "I", subj->case_id)) != DK_OK)
			return rc;
		if (!found)
			return dk_err_set(err, DK_NOTFOUND, _("no such case"));
	}
	st = dk_store_stmt(s, DK_STMT_SUBJECT_IDENTITY_ADD, err);
	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, subj->id);
	dk_store_bind_opt_text(st, 3, id->name_key);
	dk_store_bind_opt_text(st, 6, id->index_key);
	if ((rc = dk_store_bind_sealed(s, st, 2, owner, DK_FIELD_SUBJECT_IDENTITY,
	                               dk_store_opt(id->name), err)) != DK_OK ||
	    (rc = dk_store_bind_sealed(s, st, 4, owner, DK_FIELD_SUBJECT_IDENTITY,
	                               dk_store_opt(id->index_number), err)) != DK_OK ||
	    (rc = dk_store_bind_sealed(s, st, 5, owner, DK_FIELD_SUBJECT_IDENTITY,
	                               dk_store_opt(id->unit), err)) != DK_OK)
		return rc;
	return dk_store_step_insert(s, st, _("adding the subject"), err);
}

static void
subject_row(sqlite3_stmt *st, void *row)
{
	struct dk_subject *out = row;

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(out->gid, sizeof(out->gid), st, 1);
	dk_store_copy_text(out->code, sizeof(out->code), st, 2);
	out->case_id = sqlite3_column_int64(st, 3);
	dk_store_copy_text(out->personnel, sizeof(out->personnel), st, 4);
	dk_store_copy_text(out->nationality, sizeof(out->nationality), st, 5);
	out->added_on = dk_store_column_date(st, 6);
	dk_store_copy_text(out->actor, sizeof(out->actor), st, 7);
}

enum dk_rc
dk_store_subject_get(struct dk_store *s, const char *code, struct dk_subject *out,
                     struct dk_err *err)
{
	bool found;
	enum dk_rc rc = dk_store_row(s, DK_STMT_SUBJECT_GET, subject_row, out, &found,
	                             _("reading subjects"), err, "t", code);

	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_NOTFOUND, _("no subject %s"), code);
	return rc;
}

enum dk_rc
dk_store_case_subjects(struct dk_store *s, int64_t case_id, bool with_identity,
                       bool (*fn)(const struct dk_subject *subj,
                                  const struct dk_subject_identity *id, void *ctx),
                       void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	struct dk_subject subj;
	struct dk_subject_identity id;
	int rc;

	/* Its own statement: the callback may read each subject's actions meanwhile. */
	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT s.id, s.gid, s.code, s.case_id, s.personnel, s.nationality, "
	        "s.added_on, s.actor, dk_open(i.name), i.name_key, dk_open(i.index_number), "
	        "dk_open(i.unit) FROM "
	        "subject s "
	        "LEFT JOIN subject_identity i ON i.subject_id = s.id WHERE s.case_id = "
	        "?1 ORDER BY s.added_on, s.recorded_at, s.gid",
	        -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("reading subjects"), err);
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		subject_row(st, &subj);
		memset(&id, 0, sizeof(id));
		if (with_identity) {
			id.name = (const char *)sqlite3_column_text(st, 8);
			id.name_key = (const char *)sqlite3_column_text(st, 9);
			id.index_number = (const char *)sqlite3_column_text(st, 10);
			id.unit = (const char *)sqlite3_column_text(st, 11);
		}
		if (!fn(&subj, with_identity ? &id : NULL, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading subjects"), err);
}

enum dk_rc
dk_store_subject_action_add(struct dk_store *s, int64_t subject_id, dk_date on, const char *action,
                            bool interim, const char *actor, const char *recorded_at,
                            const unsigned char gid[DK_GID_LEN],
                            const unsigned char office[DK_GID_LEN], struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SUBJECT_ACTION_ADD, err);

	FAIL_IF_NULL(st, err);
	dk_store_bind_gid_office(st, gid, office);
	sqlite3_bind_int64(st, 3, subject_id);
	dk_store_bind_date(st, 4, on);
	sqlite3_bind_text(st, 5, recorded_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, action, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, interim ? 1 : 0);
	return dk_store_step_insert(s, st, _("recording the action"), err);
}

enum dk_rc
dk_store_subject_actions(struct dk_store *s, int64_t subject_id,
                         bool (*fn)(const struct dk_subject_action_row *a, void *ctx), void *ctx,
                         struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SUBJECT_ACTIONS, err);
	struct dk_subject_action_row a;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, subject_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.on = dk_store_column_date(st, 0);
		a.action = (const char *)sqlite3_column_text(st, 1);
		a.interim = sqlite3_column_int(st, 2) != 0;
		a.actor = (const char *)sqlite3_column_text(st, 3);
		if (!fn(&a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading subjects"), err);
}
