/* Reports on deadlines (timeliness, follow-up): cases with their own deadlines, paternity steps. */
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

/* Where DK_REPORT_CASE_COLUMNS puts what follows the case's own columns. */
enum {
	COL_REFERRED = DK_CASE_NCOLUMNS,
	COL_UNACTIONED,
	COL_CHANGED,
	COL_RULE,
	COL_START,
	COL_DUE,
	COL_ORIGINAL_DUE,
	COL_MET_ON,
	COL_ENDED_ON,
	COL_EXTENSIONS,
};

void
dk_store_bind_report_query(struct dk_store *s, sqlite3_stmt *st,
                           const struct dk_report_case_query *q)
{
	dk_store_bind_date(st, 1, q->as_of);
	dk_store_bind_date(st, 2, q->from);
	dk_store_bind_date(st, 3, q->to);
	dk_store_bind_opt_text(st, 4, q->mission);
	if (s->scoped)
		sqlite3_bind_int(st, 5, 1);
	/* The walks of case_file_report (?6) read main.case_file: the office filter is theirs. */
	if (s->office_view && sqlite3_bind_parameter_count(st) >= 6)
		sqlite3_bind_blob(st, 6, s->office, DK_GID_LEN, SQLITE_STATIC);
}

/* One case being gathered from its rows (one per deadline). */
struct gather {
	struct dk_case c;
	struct dk_report_deadline_case r;
	struct dk_deadline_row *d;
	char (*rules)[DK_RULE_ID_MAX];
	size_t cap;
};

static void
add_deadline(struct gather *g, sqlite3_stmt *st)
{
	struct dk_deadline_row *row;

	if (sqlite3_column_type(st, COL_RULE) == SQLITE_NULL)
		return; /* the LEFT JOIN's row of a case without deadlines */
	if (g->r.nd == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 8;
		g->d = dk_xrealloc(g->d, g->cap * sizeof(*g->d));
		g->rules = dk_xrealloc(g->rules, g->cap * sizeof(*g->rules));
	}
	row = &g->d[g->r.nd];
	memset(row, 0, sizeof(*row));
	dk_store_copy_text(g->rules[g->r.nd], DK_RULE_ID_MAX, st, COL_RULE);
	row->case_id = g->c.id;
	row->ref = g->c.ref;
	row->rule = g->rules[g->r.nd];
	row->start = dk_store_column_date(st, COL_START);
	row->due = dk_store_column_date(st, COL_DUE);
	row->original_due = dk_store_column_date(st, COL_ORIGINAL_DUE);
	row->met_on = dk_store_column_date(st, COL_MET_ON);
	row->ended_on = dk_store_column_date(st, COL_ENDED_ON);
	row->extensions = sqlite3_column_int(st, COL_EXTENSIONS);
	row->victim = "";
	g->r.nd++;
}

/* Starts gathering the case of the current row. */
static void
begin_case(struct gather *g, sqlite3_stmt *st)
{
	dk_store_case_row(st, &g->c);
	g->r.referred_on = dk_store_column_date(st, COL_REFERRED);
	g->r.unactioned = (long)sqlite3_column_int64(st, COL_UNACTIONED);
	g->r.changed = sqlite3_column_int(st, COL_CHANGED) != 0;
	g->r.nd = 0;
}

/*
 * Steps a statement of DK_REPORT_CASE_COLUMNS rows and hands each case to
 * fn once its rows are read. A case's rows are consecutive whatever the
 * plan: the deadlines are LEFT JOINed, so always the inner loop.
 */
static enum dk_rc
each_case(struct dk_store *s, enum dk_stmt_id id, const struct dk_report_case_query *q,
          bool (*fn)(const struct dk_report_deadline_case *r, void *ctx), void *ctx,
          struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, id, err);
	struct gather g;
	bool open = false, stopped = false;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_report_query(s, st, q);
	memset(&g, 0, sizeof(g));
	g.r.c = &g.c;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (open && sqlite3_column_int64(st, 0) != g.c.id) {
			open = false;
			g.r.d = g.d;
			if ((stopped = !fn(&g.r, ctx))) {
				rc = SQLITE_DONE;
				break;
			}
		}
		if (!open)
			begin_case(&g, st);
		open = true;
		add_deadline(&g, st);
	}
	if (rc == SQLITE_DONE && open && !stopped) {
		g.r.d = g.d;
		fn(&g.r, ctx);
	}
	dk_case_clear(&g.c);
	free(g.d);
	free(g.rules);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading cases"), err);
}

enum dk_rc
dk_store_report_referrals(struct dk_store *s, const struct dk_report_case_query *q,
                          bool (*fn)(const struct dk_report_deadline_case *r, void *ctx), void *ctx,
                          struct dk_err *err)
{
	return each_case(s, DK_STMT_REPORT_REFERRALS, q, fn, ctx, err);
}

enum dk_rc
dk_store_report_follow_up(struct dk_store *s, const struct dk_report_case_query *q,
                          bool (*fn)(const struct dk_report_deadline_case *r, void *ctx), void *ctx,
                          struct dk_err *err)
{
	return each_case(s, DK_STMT_REPORT_FOLLOW_UP, q, fn, ctx, err);
}

enum dk_rc
dk_store_report_paternity(struct dk_store *s, dk_date as_of,
                          bool (*fn)(const struct dk_report_paternity_step *p, void *ctx),
                          void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_PATERNITY, err);
	struct dk_report_paternity_step p;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, as_of);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.case_id = sqlite3_column_int64(st, 0);
		p.victim_id = sqlite3_column_int64(st, 1);
		p.step = (const char *)sqlite3_column_text(st, 2);
		p.on = dk_store_column_date(st, 3);
		if (p.step == NULL)
			continue;
		if (!fn(&p, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading paternity claims"), err);
}
