/* Reports: the rows a report is counted from, streamed; the counting is the app's. */
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

enum dk_rc
dk_store_report_cases(struct dk_store *s, const struct dk_report_case_query *q,
                      bool (*fn)(const struct dk_report_case_row *r, void *ctx), void *ctx,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_CASES, err);
	struct dk_report_case_row r;
	struct dk_case c;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_report_query(s, st, q);
	memset(&c, 0, sizeof(c));
	r.c = &c;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_store_case_row(st, &c);
		r.victims = (long)sqlite3_column_int64(st, DK_CASE_NCOLUMNS);
		r.child_victims = (long)sqlite3_column_int64(st, DK_CASE_NCOLUMNS + 1);
		r.subjects = (long)sqlite3_column_int64(st, DK_CASE_NCOLUMNS + 2);
		if (!fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	dk_case_clear(&c);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading cases"), err);
}
