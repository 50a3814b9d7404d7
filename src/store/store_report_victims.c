/*
 * Reports on victims and subjects' actions (issue 12): each one walk of
 * covering indexes (schema 11), rows streamed with their case as stored; the
 * app reads a case changed after the day as it stood, and counts.
 */
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

/* A statement stepped along another one (the victims' events along their cases). */
struct cursor {
	sqlite3_stmt *st;
	int rc; /* SQLITE_ROW while on a row */
};

static void
read_victim_case(sqlite3_stmt *st, struct dk_report_victim_case *l)
{
	l->victim_id = sqlite3_column_int64(st, 0);
	l->sex = (const char *)sqlite3_column_text(st, 1);
	l->age = (const char *)sqlite3_column_text(st, 2);
	l->case_id = sqlite3_column_int64(st, 3);
	l->ref = (const char *)sqlite3_column_text(st, 4);
	l->mission = (const char *)sqlite3_column_text(st, 5);
	l->outcome = (const char *)sqlite3_column_text(st, 6);
	l->changed = sqlite3_column_int(st, 7) != 0;
}

/* Hands ev's rows of victim (skipping those of victims before it) to on_step; false: stop. */
static bool
steps_of(struct cursor *ev, int64_t victim,
         bool (*on_step)(const struct dk_report_victim_step *e, void *ctx), void *ctx)
{
	struct dk_report_victim_step e;

	for (; ev->rc == SQLITE_ROW; ev->rc = sqlite3_step(ev->st)) {
		e.victim_id = sqlite3_column_int64(ev->st, 0);
		if (e.victim_id > victim)
			break;
		if (e.victim_id < victim)
			continue;
		e.item = (const char *)sqlite3_column_text(ev->st, 1);
		e.status = (const char *)sqlite3_column_text(ev->st, 2);
		if (!on_step(&e, ctx))
			return false;
	}
	return true;
}

/* The merge: a victim's cases, then its events; the SQLite code that ended it. */
static int
merge(sqlite3_stmt *st, struct cursor *ev,
      bool (*on_case)(const struct dk_report_victim_case *l, void *ctx),
      bool (*on_step)(const struct dk_report_victim_step *e, void *ctx), void *ctx)
{
	struct dk_report_victim_case l;
	int rc;
	bool open = false;
	int64_t victim = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_victim_case(st, &l);
		if (open && l.victim_id != victim && ev->st != NULL &&
		    !steps_of(ev, victim, on_step, ctx))
			return SQLITE_DONE;
		open = true;
		victim = l.victim_id;
		if (!on_case(&l, ctx))
			return SQLITE_DONE;
	}
	if (rc == SQLITE_DONE && open && ev->st != NULL)
		steps_of(ev, victim, on_step, ctx);
	return rc;
}

enum dk_rc
dk_store_report_victim_cases(struct dk_store *s, const struct dk_report_case_query *q,
                             enum dk_report_steps steps,
                             bool (*on_case)(const struct dk_report_victim_case *l, void *ctx),
                             bool (*on_step)(const struct dk_report_victim_step *e, void *ctx),
                             void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_VICTIM_CASES, err);
	struct cursor ev = {NULL, SQLITE_DONE};
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_report_query(s, st, q);
	if (steps != DK_REPORT_STEPS_NONE) {
		ev.st = dk_store_stmt(s,
		                      steps == DK_REPORT_STEPS_ASSISTANCE
		                          ? DK_STMT_REPORT_ASSISTANCE
		                          : DK_STMT_REPORT_VICTIM_PATERNITY,
		                      err);
		if (ev.st == NULL) {
			sqlite3_reset(st);
			return err != NULL ? err->rc : DK_IO;
		}
		dk_store_bind_date(ev.st, 1, q->as_of);
		ev.rc = sqlite3_step(ev.st);
	}
	rc = merge(st, &ev, on_case, on_step, ctx);
	sqlite3_reset(st);
	if (ev.st != NULL) {
		if (ev.rc != SQLITE_ROW && ev.rc != SQLITE_DONE)
			rc = ev.rc;
		sqlite3_reset(ev.st);
	}
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading victims"), err);
}

enum dk_rc
dk_store_report_actions(struct dk_store *s, const struct dk_report_case_query *q,
                        bool (*fn)(const struct dk_report_action_row *a, void *ctx), void *ctx,
                        struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_ACTIONS, err);
	struct dk_report_action_row a;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_report_query(s, st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.case_id = sqlite3_column_int64(st, 0);
		a.ref = (const char *)sqlite3_column_text(st, 1);
		a.mission = (const char *)sqlite3_column_text(st, 2);
		a.outcome = (const char *)sqlite3_column_text(st, 3);
		a.changed = sqlite3_column_int(st, 4) != 0;
		a.personnel = (const char *)sqlite3_column_text(st, 5);
		a.action = (const char *)sqlite3_column_text(st, 6);
		a.interim = sqlite3_column_int(st, 7) != 0;
		if (!fn(&a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading subjects"), err);
}
