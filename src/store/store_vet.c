/* Vetting: the cases a person (by name key or index key) is a subject in. */
#include "docket/i18n.h"
#include "store_internal.h"

enum dk_rc
dk_store_vet(struct dk_store *s, const char *name_key, const char *index_key, dk_date today,
             bool (*fn)(const struct dk_vet_row *r, void *ctx), void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VET, err);
	struct dk_vet_row r;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_opt_text(st, 1, name_key);
	dk_store_bind_opt_text(st, 2, index_key);
	/* Before the upgrade the index number itself is matched (index_key is NULL). */
	if (s->sealing)
		sqlite3_bind_int(st, 5, 1);
	if (s->scoped)
		sqlite3_bind_int(st, 3, 1);
	dk_store_bind_date(st, 4, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.ref = (const char *)sqlite3_column_text(st, 0);
		r.mission = (const char *)sqlite3_column_text(st, 1);
		r.subject = (const char *)sqlite3_column_text(st, 2);
		r.personnel = (const char *)sqlite3_column_text(st, 3);
		r.nationality = (const char *)sqlite3_column_text(st, 4);
		r.state = (const char *)sqlite3_column_text(st, 5);
		r.outcome = (const char *)sqlite3_column_text(st, 6);
		if (!fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("vetting"), err);
}
