/* Integrity checks: every page authenticated, foreign keys, the append-only triggers intact. */
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "migrations.h"
#include "store_internal.h"

/* The triggers that keep the history and the audit log append-only (schema/). */
static const char *const guard_triggers[] = {
    "audit_append_only_update",          "audit_append_only_delete",
    "event_append_only_update",          "event_append_only_delete",
    "victim_event_append_only_update",   "victim_event_append_only_delete",
    "subject_action_append_only_update", "subject_action_append_only_delete",
    "case_seal_append_only_update",      "case_seal_append_only_delete",
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

enum dk_rc
dk_store_check_first_row(struct dk_store *s, const char *sql, const char *expect, const char *what,
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
	if ((rc = dk_store_check_first_row(s, "PRAGMA integrity_check(1)", "ok",
	                                   _("integrity check"), err)) != DK_OK ||
	    (rc = dk_store_check_first_row(s, "PRAGMA foreign_key_check", NULL, _("foreign keys"),
	                                   err)) != DK_OK)
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
	enum dk_rc rc;

	for (size_t i = 0; i < sizeof(guard_triggers) / sizeof(guard_triggers[0]); i++) {
		char *expected = trigger_text(guard_triggers[i]);
		char *stored = NULL;
		bool same, missing;

		if ((rc = dk_store_row(s, DK_STMT_TRIGGER_SQL, dk_store_read_text, &stored, NULL,
		                       _("integrity check"), err, "t", guard_triggers[i])) !=
		    DK_OK) {
			free(expected);
			return rc;
		}
		same = stored != NULL && expected != NULL && strcmp(stored, expected) == 0;
		missing = stored == NULL;
		free(stored);
		if (!same) {
			rc = dk_err_set(
			    err, DK_CORRUPT,
			    expected == NULL || !missing
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
