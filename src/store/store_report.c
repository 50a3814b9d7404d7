/*
 * Reports: the rows a report is counted from, streamed; the counting is the app's.
 * One merged pass: the cases, their victims' and their subjects' counts are
 * three statements in case_id order, each a walk of a covering index read
 * once (schemas 7 and 11).
 */
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

/* A statement of (case_id, counts...) rows in case_id order, stepped along the cases. */
struct counts {
	sqlite3_stmt *st;
	int rc; /* SQLITE_ROW while on a row */
};

static bool
counts_start(struct dk_store *s, enum dk_stmt_id id, dk_date as_of, struct counts *k,
             struct dk_err *err)
{
	k->st = dk_store_stmt(s, id, err);
	if (k->st == NULL)
		return false;
	dk_store_bind_date(k->st, 1, as_of);
	k->rc = sqlite3_step(k->st);
	return true;
}

/* Column col of case_id's row (0 when it has none); case_ids must come in increasing order. */
static long
counts_at(struct counts *k, int64_t case_id, int col)
{
	while (k->rc == SQLITE_ROW && sqlite3_column_int64(k->st, 0) < case_id)
		k->rc = sqlite3_step(k->st);
	if (k->rc == SQLITE_ROW && sqlite3_column_int64(k->st, 0) == case_id)
		return (long)sqlite3_column_int64(k->st, col);
	return 0;
}

/* Resets k; whether it ended on an error. */
static bool
counts_end(struct counts *k)
{
	if (k->st == NULL)
		return false;
	sqlite3_reset(k->st);
	return k->rc != SQLITE_ROW && k->rc != SQLITE_DONE;
}

/* Steps the cases, each with its counts, to fn; the SQLite code that ended it. */
static int
stream(sqlite3_stmt *st, struct counts *victims, struct counts *subjects,
       bool (*fn)(const struct dk_report_case_row *r, void *ctx), void *ctx)
{
	struct dk_report_case_row r;
	struct dk_case c;
	int rc;

	memset(&c, 0, sizeof(c));
	r.c = &c;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_store_case_row(st, &c);
		r.changed = sqlite3_column_int(st, DK_CASE_NCOLUMNS) != 0;
		r.victims = counts_at(victims, c.id, 1);
		r.child_victims = counts_at(victims, c.id, 2);
		r.subjects = counts_at(subjects, c.id, 1);
		if (!fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	dk_case_clear(&c);
	return rc;
}

enum dk_rc
dk_store_report_cases(struct dk_store *s, const struct dk_report_case_query *q,
                      bool (*fn)(const struct dk_report_case_row *r, void *ctx), void *ctx,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_CASES, err);
	struct counts victims = {NULL, SQLITE_DONE}, subjects = {NULL, SQLITE_DONE};
	bool started;
	int rc = SQLITE_DONE;

	FAIL_IF_NULL(st, err);
	dk_store_bind_report_query(s, st, q);
	started = counts_start(s, DK_STMT_REPORT_VICTIM_COUNTS, q->as_of, &victims, err) &&
	          counts_start(s, DK_STMT_REPORT_SUBJECT_COUNTS, q->as_of, &subjects, err);
	if (started)
		rc = stream(st, &victims, &subjects, fn, ctx);
	sqlite3_reset(st);
	if (counts_end(&victims) | counts_end(&subjects))
		rc = SQLITE_ERROR;
	if (!started)
		return err != NULL ? err->rc : DK_IO; /* preparing failed: err says so */
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading cases"), err);
}

/* The statements the reports run, by name, for dk_store_report_plans. */
static const struct {
	const char *name;
	enum dk_stmt_id id;
} report_stmts[] = {
    {"REPORT_CASES", DK_STMT_REPORT_CASES},
    {"REPORT_VICTIM_COUNTS", DK_STMT_REPORT_VICTIM_COUNTS},
    {"REPORT_SUBJECT_COUNTS", DK_STMT_REPORT_SUBJECT_COUNTS},
    {"REPORT_REFERRALS", DK_STMT_REPORT_REFERRALS},
    {"REPORT_FOLLOW_UP", DK_STMT_REPORT_FOLLOW_UP},
    {"REPORT_PATERNITY", DK_STMT_REPORT_PATERNITY},
    {"REPORT_VICTIM_CASES", DK_STMT_REPORT_VICTIM_CASES},
    {"REPORT_ASSISTANCE", DK_STMT_REPORT_ASSISTANCE},
    {"REPORT_VICTIM_PATERNITY", DK_STMT_REPORT_VICTIM_PATERNITY},
    {"REPORT_ACTIONS", DK_STMT_REPORT_ACTIONS},
    {"EVENT_EACH (replay)", DK_STMT_EVENT_EACH},
};

/* Hands fn the plan lines of one statement; the SQLite code that ended it. */
static int
plan_of(struct dk_store *s, const char *name, const char *sql,
        void (*fn)(const char *stmt, const char *line, void *ctx), void *ctx)
{
	char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	int rc = explain != NULL ? sqlite3_prepare_v2(s->db, explain, -1, &st, NULL) : SQLITE_NOMEM;

	sqlite3_free(explain);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char line[512];

		snprintf(line, sizeof(line), "%d %d %d %s", sqlite3_column_int(st, 0),
		         sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
		         (const char *)sqlite3_column_text(st, 3));
		fn(name, line, ctx);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? SQLITE_OK : rc;
}

enum dk_rc
dk_store_report_plans(struct dk_store *s, void (*fn)(const char *stmt, const char *line, void *ctx),
                      void *ctx, struct dk_err *err)
{
	for (size_t i = 0; i < sizeof(report_stmts) / sizeof(report_stmts[0]); i++) {
		sqlite3_stmt *st = dk_store_stmt(s, report_stmts[i].id, err);

		FAIL_IF_NULL(st, err);
		if (plan_of(s, report_stmts[i].name, sqlite3_sql(st), fn, ctx) != SQLITE_OK)
			return dk_store_fail(s, _("reading cases"), err);
	}
	return DK_OK;
}
