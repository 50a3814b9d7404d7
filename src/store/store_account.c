/* Accounts, their missions, and the mission scope listings keep to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

enum dk_rc
dk_store_account_add(struct dk_store *s, const struct dk_account *a, const char *created_at,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_ADD, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, a->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a->role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, created_at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return DK_OK;
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return dk_err_set(err, DK_EXISTS,
		                  _("account %s already exists (removed accounts keep their name)"),
		                  a->name);
	return dk_store_fail(s, _("adding the account"), err);
}

static void
account_row(sqlite3_stmt *st, void *row)
{
	struct dk_account *out = row;

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(out->gid, sizeof(out->gid), st, 1);
	dk_store_copy_text(out->name, sizeof(out->name), st, 2);
	dk_store_copy_text(out->role, sizeof(out->role), st, 3);
	dk_store_copy_text(out->created_at, sizeof(out->created_at), st, 4);
	dk_store_copy_text(out->removed_at, sizeof(out->removed_at), st, 5);
	dk_store_copy_text(out->missions, sizeof(out->missions), st, 6);
	out->removed = sqlite3_column_type(st, 5) != SQLITE_NULL;
	out->has_sig = sqlite3_column_bytes(st, 7) == DK_SIG_BYTES;
	if (out->has_sig)
		memcpy(out->sig, sqlite3_column_blob(st, 7), DK_SIG_BYTES);
}

enum dk_rc
dk_store_account_get(struct dk_store *s, const char *name, struct dk_account *out,
                     struct dk_err *err)
{
	bool found;
	enum dk_rc rc = dk_store_row(s, DK_STMT_ACCOUNT_GET, account_row, out, &found,
	                             _("reading accounts"), err, "t", name);

	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_NOTFOUND, _("no account %s"), name);
	return rc;
}

enum dk_rc
dk_store_account_mission_add(struct dk_store *s, int64_t account_id, const char *mission,
                             struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_MISSION_ADD, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, mission, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return DK_OK; /* a mission named twice is one mission */
	return dk_store_fail(s, _("adding the account"), err);
}

enum dk_rc
dk_store_account_remove(struct dk_store *s, int64_t account_id, const char *at, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_REMOVE, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("removing the account"), err);
	return sqlite3_changes(s->db) == 1
	           ? DK_OK
	           : dk_err_set(err, DK_NOTFOUND, _("no such active account"));
}

enum dk_rc
dk_store_account_each(struct dk_store *s, bool (*fn)(const struct dk_account *a, void *ctx),
                      void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_EACH, err);
	struct dk_account a;
	int rc;

	FAIL_IF_NULL(st, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		account_row(st, &a);
		if (!fn(&a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading accounts"), err);
}

enum dk_rc
dk_store_accounts_rolled_back(struct dk_store *s,
                              bool (*fn)(const char *name, long long entry, void *ctx), void *ctx,
                              struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_ROLLED_BACK, err);
	int rc;

	FAIL_IF_NULL(st, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (!fn(name != NULL ? name : "", sqlite3_column_int64(st, 1), ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading accounts"), err);
}

enum dk_rc
dk_store_account_admins(struct dk_store *s, long *n, struct dk_err *err)
{
	int64_t admins = 0;
	enum dk_rc rc = dk_store_row(s, DK_STMT_ACCOUNT_ADMINS, dk_store_read_int64, &admins, NULL,
	                             _("reading accounts"), err, "");

	*n = (long)admins;
	return rc;
}

/*
 * The scope lives in a connection-private in-memory table (temp_store is
 * MEMORY), so listings can join it without building SQL from user input.
 */
enum dk_rc
dk_store_scope_set(struct dk_store *s, bool scoped, const char *missions, struct dk_err *err)
{
	char *list, *save = NULL;
	sqlite3_stmt *st;
	enum dk_rc rc = DK_OK;

	if (sqlite3_exec(s->db, SCOPE_TABLE_SQL, NULL, NULL, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("setting the mission scope"), err);
	st = dk_store_stmt(s, DK_STMT_SCOPE_CLEAR, err);
	FAIL_IF_NULL(st, err);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dk_store_fail(s, _("setting the mission scope"), err);
	/* Scoped to no mission at all is scoped to nothing, not to everything. */
	s->scoped = scoped;
	if (!scoped || missions == NULL)
		return DK_OK;
	list = dk_xstrdup(missions);
	for (char *m = strtok_r(list, ",", &save); m != NULL && rc == DK_OK;
	     m = strtok_r(NULL, ",", &save)) {
		st = dk_store_stmt(s, DK_STMT_SCOPE_ADD, err);
		if (st == NULL) {
			rc = err != NULL ? err->rc : DK_IO;
			break;
		}
		sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = dk_store_fail(s, _("setting the mission scope"), err);
		sqlite3_reset(st);
	}
	free(list);
	return rc;
}
