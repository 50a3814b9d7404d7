/*
 * Reports on victims and subjects' actions (issue 12): the rows streamed,
 * one statement each, scanned in the order of a table or an index; the app
 * joins them to its cases.
 */
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

/* Steps st to its end, handing each row to read (false stops), then resets it. */
static enum dk_rc
stream(struct dk_store *s, sqlite3_stmt *st, const char *doing,
       bool (*read)(sqlite3_stmt *st, void *ctx), void *ctx, struct dk_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!read(st, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, doing, err);
}

struct case_reader {
	struct dk_case c;
	bool (*fn)(const struct dk_report_window_row *r, void *ctx);
	void *ctx;
};

/* The light columns follow the case's (DK_CASE_NCOLUMNS on); the full row only when needed. */
static bool
read_case(sqlite3_stmt *st, void *ctx)
{
	struct case_reader *r = ctx;
	struct dk_report_window_row row = {
	    sqlite3_column_int64(st, DK_CASE_NCOLUMNS + 1),
	    (const char *)sqlite3_column_text(st, DK_CASE_NCOLUMNS + 2),
	    (const char *)sqlite3_column_text(st, DK_CASE_NCOLUMNS + 3),
	    (const char *)sqlite3_column_text(st, DK_CASE_NCOLUMNS + 4), NULL};

	if (sqlite3_column_int(st, DK_CASE_NCOLUMNS) != 0) {
		dk_store_case_row(st, &r->c);
		row.later = &r->c;
	}
	return r->fn(&row, r->ctx);
}

enum dk_rc
dk_store_report_window_cases(struct dk_store *s, const struct dk_report_case_query *q,
                             bool (*fn)(const struct dk_report_window_row *r, void *ctx), void *ctx,
                             struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_WINDOW_CASES, err);
	struct case_reader r;
	enum dk_rc rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, q->as_of);
	dk_store_bind_date(st, 2, q->from);
	dk_store_bind_date(st, 3, q->to);
	dk_store_bind_opt_text(st, 4, q->mission);
	if (s->scoped)
		sqlite3_bind_int(st, 5, 1);
	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.ctx = ctx;
	rc = stream(s, st, _("reading cases"), read_case, &r, err);
	dk_case_clear(&r.c);
	return rc;
}

struct link_reader {
	bool (*fn)(const struct dk_report_victim_link *l, void *ctx);
	void *ctx;
};

static bool
read_link(sqlite3_stmt *st, void *ctx)
{
	struct link_reader *r = ctx;
	struct dk_report_victim_link l = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
	                                  (const char *)sqlite3_column_text(st, 2),
	                                  (const char *)sqlite3_column_text(st, 3)};

	return r->fn(&l, r->ctx);
}

enum dk_rc
dk_store_report_victim_links(struct dk_store *s, dk_date as_of,
                             bool (*fn)(const struct dk_report_victim_link *l, void *ctx),
                             void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_VICTIM_LINKS, err);
	struct link_reader r = {fn, ctx};

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, as_of);
	return stream(s, st, _("reading victims"), read_link, &r, err);
}

struct step_reader {
	bool (*fn)(const struct dk_report_victim_step *e, void *ctx);
	void *ctx;
};

static bool
read_step(sqlite3_stmt *st, void *ctx)
{
	struct step_reader *r = ctx;
	struct dk_report_victim_step e = {sqlite3_column_int64(st, 0),
	                                  (const char *)sqlite3_column_text(st, 1),
	                                  (const char *)sqlite3_column_text(st, 2)};

	return r->fn(&e, r->ctx);
}

static enum dk_rc
steps(struct dk_store *s, enum dk_stmt_id id, dk_date as_of,
      bool (*fn)(const struct dk_report_victim_step *e, void *ctx), void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, id, err);
	struct step_reader r = {fn, ctx};

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, as_of);
	return stream(s, st, _("reading victims"), read_step, &r, err);
}

enum dk_rc
dk_store_report_assistance(struct dk_store *s, dk_date as_of,
                           bool (*fn)(const struct dk_report_victim_step *e, void *ctx), void *ctx,
                           struct dk_err *err)
{
	return steps(s, DK_STMT_REPORT_ASSISTANCE, as_of, fn, ctx, err);
}

enum dk_rc
dk_store_report_victim_paternity(struct dk_store *s, dk_date as_of,
                                 bool (*fn)(const struct dk_report_victim_step *e, void *ctx),
                                 void *ctx, struct dk_err *err)
{
	return steps(s, DK_STMT_REPORT_VICTIM_PATERNITY, as_of, fn, ctx, err);
}

struct action_reader {
	bool (*fn)(const struct dk_report_action_row *a, void *ctx);
	void *ctx;
};

static bool
read_action(sqlite3_stmt *st, void *ctx)
{
	struct action_reader *r = ctx;
	struct dk_report_action_row a = {
	    sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
	    (const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3) != 0};

	return r->fn(&a, r->ctx);
}

enum dk_rc
dk_store_report_actions(struct dk_store *s, dk_date as_of,
                        bool (*fn)(const struct dk_report_action_row *a, void *ctx), void *ctx,
                        struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_REPORT_ACTIONS, err);
	struct action_reader r = {fn, ctx};

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, as_of);
	return stream(s, st, _("reading subjects"), read_action, &r, err);
}
