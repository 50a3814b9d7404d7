/* The mission register: codes, names, host countries and closures. */
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

enum dk_rc
dk_store_mission_add(struct dk_store *s, const char *code, const char *name, const char *country,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_MISSION_ADD, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	dk_store_bind_opt_text(st, 3, country);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return dk_err_set(err, DK_EXISTS, _("mission %s is registered already"), code);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("registering the mission"), err);
}

enum dk_rc
dk_store_mission_close(struct dk_store *s, const char *code, dk_date day, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_MISSION_CLOSE, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	dk_store_bind_date(st, 2, day);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("closing the mission"), err);
	if (sqlite3_changes(s->db) != 1)
		return dk_err_set(err, DK_INVALID, _("mission %s is closed already"), code);
	return DK_OK;
}

enum dk_rc
dk_store_mission_each(struct dk_store *s, dk_date today, bool count_cases,
                      bool (*fn)(const struct dk_mission_row *m, void *ctx), void *ctx,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_MISSION_EACH, err);
	struct dk_mission_row row;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, today);
	if (s->scoped)
		sqlite3_bind_int(st, 2, 1);
	if (count_cases)
		sqlite3_bind_int(st, 3, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.code = (const char *)sqlite3_column_text(st, 0);
		row.name = (const char *)sqlite3_column_text(st, 1);
		row.country = (const char *)sqlite3_column_text(st, 2);
		row.closed_on = dk_store_column_date(st, 3);
		row.cases = (long)sqlite3_column_int64(st, 4);
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading missions"), err);
}
