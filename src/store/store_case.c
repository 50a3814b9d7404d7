/* Cases: reference counters, current-state rows and their append-only events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/ref.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

enum dk_rc
dk_store_ref_next(struct dk_store *s, const char *mission, int year, long *seq, struct dk_err *err)
{
	int64_t last = 0;
	sqlite3_stmt *st;
	bool found;
	enum dk_rc rc = dk_store_row(s, DK_STMT_REF_GET, dk_store_read_int64, &last, &found,
	                             _("numbering the case"), err, "ti", mission, year);
	int step;

	if (rc != DK_OK)
		return rc;
	*seq = (long)last + 1;
	st = dk_store_stmt(s, found ? DK_STMT_REF_BUMP : DK_STMT_REF_INSERT, err);
	FAIL_IF_NULL(st, err);
	if (found)
		sqlite3_bind_int64(st, 3, *seq);
	sqlite3_bind_text(st, 1, mission, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("numbering the case"), err);
}

/*
 * The fields events may change, bound from parameter `first` on in the order
 * CASE_INSERT and CASE_UPDATE both list them (incident ... summary).
 */
void
dk_store_bind_case_fields(sqlite3_stmt *st, int first, const struct dk_case *c)
{
	const char *const optional[] = {c->type,   c->personnel, c->nationality, c->source,
	                                c->entity, c->outcome,   c->closure};
	int i = first;

	dk_store_bind_date(st, i++, c->incident);
	sqlite3_bind_text(st, i++, c->category, -1, SQLITE_STATIC);
	for (size_t k = 0; k < sizeof(optional) / sizeof(optional[0]); k++)
		dk_store_bind_opt_text(st, i++, optional[k]);
	sqlite3_bind_int(st, i++, c->urgent ? 1 : 0);
	sqlite3_bind_text(st, i++, dk_state_id(c->state), -1, SQLITE_STATIC);
	dk_store_bind_date(st, i++, c->state_since);
	dk_store_bind_date(st, i++, c->last_event_on);
	dk_store_bind_opt_text(st, i, c->summary);
}

/* incident, category, seven optional fields, urgent, state, its date, the last event's: 13. */
#define SUMMARY_AFTER 13

enum dk_rc
dk_store_bind_case_summary(struct dk_store *s, sqlite3_stmt *st, int first, const struct dk_case *c,
                           struct dk_err *err)
{
	/* A session that could not read the summary (NULL) must not clear it either. */
	if (s->sealing && dk_store_opt(c->summary) == NULL &&
	    !dk_store_fields_can_seal(s, c->gid, DK_FIELD_FREE_TEXT))
		return dk_err_set(err, DK_DENIED,
		                  _("the record is sealed to missions whose keys you do not hold"));
	return dk_store_bind_sealed(s, st, first + SUMMARY_AFTER, c->gid, DK_FIELD_FREE_TEXT,
	                            dk_store_opt(c->summary), err);
}

enum dk_rc
dk_store_case_insert(struct dk_store *s, struct dk_case *c, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_INSERT, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, c->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, c->office, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->mission, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, c->year);
	sqlite3_bind_int64(st, 6, c->seq);
	dk_store_bind_date(st, 7, c->reported);
	dk_store_bind_case_fields(st, 8, c);
	if (dk_store_bind_case_summary(s, st, 8, c, err) != DK_OK)
		return err != NULL ? err->rc : DK_DENIED;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("recording the case"), err);
	c->id = sqlite3_last_insert_rowid(s->db);
	return DK_OK;
}

enum dk_rc
dk_store_case_get(struct dk_store *s, const char *ref, const unsigned char *office,
                  bool (*fn)(const struct dk_case *c, void *ctx), void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_GET, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	if (office != NULL)
		sqlite3_bind_blob(st, 2, office, DK_GID_LEN, SQLITE_STATIC);
	return dk_store_each_case(s, st, false, fn, ctx, _("reading the case"), err);
}

/*
 * The worst status of a case's live deadlines, each against its rule's
 * warning days, as of ?1: 0 overdue, 1 due soon, 2 on track, NULL none.
 */
#define NEXT_STATUS_SQL                                                                            \
	", (SELECT min(CASE WHEN d.due < ?1 THEN 0 "                                               \
	"WHEN d.due <= date(?1, '+' || r.warn_days || ' days') THEN 1 ELSE 2 END) "                \
	"FROM deadline d JOIN rule r ON r.id = d.rule "                                            \
	"WHERE d.case_id = case_file.id AND d.met_on IS NULL AND d.ended_on IS NULL)"

/* The column of NEXT_STATUS_SQL, after DK_CASE_COLUMNS, when the query has it. */
static void
next_status(sqlite3_stmt *st, struct dk_case *c)
{
	static const enum dk_deadline_status statuses[] = {DK_STATUS_OVERDUE, DK_STATUS_DUE_SOON,
	                                                   DK_STATUS_ON_TRACK};
	int k;

	c->next_status[0] = '\0';
	if (sqlite3_column_count(st) <= DK_CASE_NCOLUMNS ||
	    sqlite3_column_type(st, DK_CASE_NCOLUMNS) == SQLITE_NULL)
		return;
	k = sqlite3_column_int(st, DK_CASE_NCOLUMNS);
	if (k >= 0 && k < 3)
		snprintf(c->next_status, sizeof(c->next_status), "%s",
		         dk_deadline_status_id(statuses[k]));
}

enum dk_rc
dk_store_each_case(struct dk_store *s, sqlite3_stmt *st, bool owned,
                   bool (*fn)(const struct dk_case *c, void *ctx), void *ctx, const char *doing,
                   struct dk_err *err)
{
	struct dk_case c;
	int rc;

	memset(&c, 0, sizeof(c));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_store_case_row(st, &c);
		next_status(st, &c);
		if (!fn(&c, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	dk_case_clear(&c);
	if (owned)
		sqlite3_finalize(st);
	else
		sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, doing, err);
}

/* Steps a prepared case query, passing each row to fn, and finalizes it. */
static enum dk_rc
stream_cases(struct dk_store *s, sqlite3_stmt *st, bool (*fn)(const struct dk_case *c, void *ctx),
             void *ctx, const char *doing, struct dk_err *err)
{
	return dk_store_each_case(s, st, true, fn, ctx, doing, err);
}

/* Keeps a listing to the missions of dk_store_scope_set. */
#define SCOPE_SQL " AND mission IN (SELECT mission FROM temp.scope)"

/* ORDER BY clauses by enum dk_case_order; each one is served by an index, no sort. */
static const char *const case_order_sql[] = {
    [DK_ORDER_REF] = " ORDER BY ref_mission, year, seq",
    [DK_ORDER_REPORTED] = " ORDER BY reported, ref",
    /* Replayed cases first (their due date is not the stored one: the app merges them),
     * then the rest: two walks of case_file_next_due, ?4 says which. */
    [DK_ORDER_DUE] = " AND (last_event_on > ?3) = ?4 ORDER BY next_due, ref",
};

/* Passes a row on and notes whether the callback asked to stop. */
struct stop_ctx {
	bool (*fn)(const struct dk_case *c, void *ctx);
	void *ctx;
	bool stopped;
};

static bool
noting_stop(const struct dk_case *c, void *ctx)
{
	struct stop_ctx *sc = ctx;

	sc->stopped = !sc->fn(c, sc->ctx);
	return !sc->stopped;
}

/* A state filter: one state, or "open" for every state but closed. */
#define STATE_SQL(p)                                                                               \
	"(" p " IS NULL OR state = " p " OR (" p " = '" DK_STATE_FILTER_OPEN                       \
	"' AND state <> 'closed')"

enum dk_rc
dk_store_case_each(struct dk_store *s, const struct dk_case_filter *f, dk_date today,
                   bool (*fn)(const struct dk_case *c, void *ctx), void *ctx, struct dk_err *err)
{
	struct stop_ctx sc = {fn, ctx, false};
	int walks = f->order == DK_ORDER_DUE ? 2 : 1;
	enum dk_rc rc = DK_OK;
	char *sql;

	/* ?3 is today: cases reported later did not exist yet. */
	sql = dk_xasprintf("SELECT " DK_CASE_COLUMNS
	                   " FROM case_file WHERE (?1 IS NULL OR mission = ?1) AND " STATE_SQL(
	                       "?2") " OR "
	                             "last_event_on > ?3) "
	                             "AND reported <= ?3%s%s%s",
	                   s->scoped ? SCOPE_SQL : "",
	                   f->overdue ? " AND (last_event_on > ?3 OR EXISTS (SELECT 1 FROM "
	                                "deadline d WHERE d.case_id = case_file.id AND "
	                                "d.met_on IS NULL AND d.ended_on IS NULL AND d.due < ?3))"
	                              : "",
	                   case_order_sql[f->order]);
	for (int walk = 0; walk < walks && rc == DK_OK && !sc.stopped; walk++) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
			rc = dk_store_fail(s, _("listing cases"), err);
			break;
		}
		dk_store_bind_opt_text(st, 1, f->mission);
		dk_store_bind_opt_text(st, 2, f->state);
		dk_store_bind_date(st, 3, today);
		sqlite3_bind_int(st, 4, walk == 0); /* the replayed cases first */
		rc = stream_cases(s, st, noting_stop, &sc, _("listing cases"), err);
	}
	free(sql);
	return rc;
}

enum dk_rc
dk_store_case_by_id(struct dk_store *s, int64_t id, struct dk_case *out, struct dk_err *err)
{
	bool found;
	enum dk_rc rc = dk_store_row(s, DK_STMT_CASE_BY_ID, dk_store_case_row, out, &found,
	                             _("reading the case"), err, "I", id);

	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_NOTFOUND, _("no such case"));
	return rc;
}

enum dk_rc
dk_store_cases_after(struct dk_store *s, dk_date day,
                     bool (*fn)(const struct dk_case *c, void *ctx), void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = NULL;

	/*
	 * Not the cached statement: fn may run other cached statements meanwhile.
	 * The index keeps today's view cheap: no case has events after today.
	 */
	char *sql = dk_xasprintf("SELECT " DK_CASE_COLUMNS " FROM main.case_file INDEXED BY "
	                         "case_file_last_event WHERE last_event_on > ?1 AND reported <= "
	                         "?1%s ORDER BY last_event_on",
	                         s->office_sql);
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("reading cases"), err);
	dk_store_bind_date(st, 1, day);
	return stream_cases(s, st, fn, ctx, _("reading cases"), err);
}

static void
read_gid(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_GID_LEN, st, 0);
}

/* An event's sealed fields: note and data always, value and previous of a summary's set. */
static enum dk_rc
bind_event_sealed(struct dk_store *s, sqlite3_stmt *st, const struct dk_event *e,
                  struct dk_err *err)
{
	bool summary = e->field != NULL && strcmp(e->field, "summary") == 0;
	unsigned char gid[DK_GID_LEN] = {0};
	const unsigned char *owner = e->case_gid;
	enum dk_rc rc;

	if (owner == NULL && s->sealing) {
		bool found = false;

		if ((rc = dk_store_row(s, DK_STMT_SEAL_CASE_GID, read_gid, gid, &found,
		                       _("recording the event"), err, "I", e->case_id)) != DK_OK)
			return rc;
		if (!found)
			return dk_err_set(err, DK_NOTFOUND, _("no such case"));
	}
	if (owner == NULL)
		owner = gid;
	if (summary) {
		if ((rc = dk_store_bind_sealed(s, st, 12, owner, DK_FIELD_FREE_TEXT,
		                               dk_store_opt(e->value), err)) != DK_OK ||
		    (rc = dk_store_bind_sealed(s, st, 15, owner, DK_FIELD_FREE_TEXT,
		                               dk_store_opt(e->previous), err)) != DK_OK)
			return rc;
	} else {
		dk_store_bind_opt_text(st, 12, e->value);
		dk_store_bind_opt_text(st, 15, e->previous);
	}
	if ((rc = dk_store_bind_sealed(s, st, 13, owner, DK_FIELD_FREE_TEXT, dk_store_opt(e->note),
	                               err)) != DK_OK)
		return rc;
	return dk_store_bind_sealed(s, st, 14, owner, DK_FIELD_FREE_TEXT, e->data, err);
}

enum dk_rc
dk_store_event_append(struct dk_store *s, const struct dk_event *e, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_EVENT_APPEND, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, e->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, e->office, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, e->case_id);
	dk_store_bind_date(st, 4, e->on);
	sqlite3_bind_text(st, 5, e->recorded_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, dk_state_id(e->state), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, e->urgent ? 1 : 0);
	dk_store_bind_opt_text(st, 10, e->entity);
	dk_store_bind_opt_text(st, 11, e->field);
	if (e->parents_len > 0)
		sqlite3_bind_blob(st, 16, e->parents, (int)e->parents_len, SQLITE_STATIC);
	if (bind_event_sealed(s, st, e, err) != DK_OK)
		return err != NULL ? err->rc : DK_DENIED;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("recording the event"), err);
}

static const char *
column_opt(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

enum dk_rc
dk_store_event_each(struct dk_store *s, int64_t case_id,
                    bool (*fn)(const struct dk_event_row *e, void *ctx), void *ctx,
                    struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_EVENT_EACH, err);
	struct dk_event_row row;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *state = column_opt(st, 3);

		row.on = dk_store_column_date(st, 0);
		row.kind = column_opt(st, 1);
		row.actor = column_opt(st, 2);
		if (state == NULL || !dk_state_parse(state, &row.state))
			row.state = DK_STATE_RECEIVED;
		row.urgent = sqlite3_column_int(st, 4) != 0;
		row.entity = column_opt(st, 5);
		row.field = column_opt(st, 6);
		row.value = column_opt(st, 7);
		row.note = column_opt(st, 8);
		row.previous = column_opt(st, 9);
		row.recorded_at = column_opt(st, 10);
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the case history"), err);
}

/* Event kinds as the deadline engine sees them. */
static const struct {
	const char *kind;
	enum dk_fact_kind fact;
} fact_kinds[] = {
    {"created", DK_FACT_CREATED},   {"moved", DK_FACT_MOVED}, {"set", DK_FACT_SET},
    {"extended", DK_FACT_EXTENDED}, {"note", DK_FACT_OTHER},
};

static enum dk_fact_kind
fact_kind(const char *kind)
{
	for (size_t i = 0; kind != NULL && i < sizeof(fact_kinds) / sizeof(fact_kinds[0]); i++)
		if (strcmp(fact_kinds[i].kind, kind) == 0)
			return fact_kinds[i].fact;
	return DK_FACT_OTHER;
}

struct facts_ctx {
	struct dk_fact *facts;
	char (*recorded)[DK_RECORDED_MAX]; /* each fact's recording time, to order a day */
	size_t n, cap;
};

static bool
collect_fact(const struct dk_event_row *e, void *ctx)
{
	struct facts_ctx *fc = ctx;
	struct dk_fact *f;

	if (fc->n == fc->cap) {
		fc->cap = fc->cap ? fc->cap * 2 : 16;
		fc->facts = dk_xrealloc(fc->facts, fc->cap * sizeof(*fc->facts));
		fc->recorded = dk_xrealloc(fc->recorded, fc->cap * sizeof(*fc->recorded));
	}
	snprintf(fc->recorded[fc->n], DK_RECORDED_MAX, "%s",
	         e->recorded_at != NULL ? e->recorded_at : "");
	f = &fc->facts[fc->n++];
	memset(f, 0, sizeof(*f));
	f->on = e->on;
	f->kind = fact_kind(e->kind);
	f->state = e->state;
	f->urgent = e->urgent;
	snprintf(f->entity, sizeof(f->entity), "%s", e->entity != NULL ? e->entity : "");
	f->extend_to = DK_DATE_NONE;
	if (f->kind == DK_FACT_EXTENDED && e->field != NULL && e->value != NULL) {
		snprintf(f->rule, sizeof(f->rule), "%s", e->field);
		if (!dk_date_parse(e->value, &f->extend_to))
			f->kind = DK_FACT_OTHER;
	}
	return true;
}

enum dk_rc
dk_store_case_facts(struct dk_store *s, int64_t case_id, struct dk_fact **facts, size_t *n,
                    struct dk_err *err)
{
	struct facts_ctx fc = {NULL, NULL, 0, 0};
	enum dk_rc rc = dk_store_event_each(s, case_id, collect_fact, &fc, err);

	if (rc == DK_OK)
		rc = dk_store_merge_victim_facts(s, case_id, &fc.facts,
		                                 (const char(*)[DK_RECORDED_MAX])fc.recorded, &fc.n,
		                                 &fc.cap, err);
	free(fc.recorded);
	if (rc != DK_OK) {
		free(fc.facts);
		fc.facts = NULL;
		fc.n = 0;
	}
	*facts = fc.facts;
	*n = fc.n;
	return rc;
}

static enum dk_rc
count_query(struct dk_store *s, enum dk_stmt_id id, int64_t arg, bool bind, long *n,
            struct dk_err *err)
{
	int64_t count = 0;
	enum dk_rc rc = dk_store_row(s, id, dk_store_read_int64, &count, NULL, _("counting"), err,
	                             bind ? "I" : "", arg);

	*n = (long)count;
	return rc;
}

enum dk_rc
dk_store_event_count(struct dk_store *s, int64_t case_id, long *n, struct dk_err *err)
{
	return count_query(s, DK_STMT_EVENT_COUNT, case_id, true, n, err);
}

enum dk_rc
dk_store_audit_count(struct dk_store *s, long *n, struct dk_err *err)
{
	return count_query(s, DK_STMT_AUDIT_COUNT, 0, false, n, err);
}

enum dk_rc
dk_store_case_update(struct dk_store *s, const struct dk_case *c, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_UPDATE, err);
	bool keep;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, c->id);
	dk_store_bind_case_fields(st, 2, c);
	/*
	 * A session without the case's key (a victim's inform touching a case of another
	 * mission the victim is named in) keeps the summary: the "" it read is not a value it
	 * means. Text it gives is refused by the sealing bind.
	 */
	keep = s->sealing && dk_store_opt(c->summary) == NULL &&
	       !dk_store_fields_can_seal(s, c->gid, DK_FIELD_FREE_TEXT);
	sqlite3_bind_int(st, 17, keep);
	if (keep)
		sqlite3_bind_null(st, 15);
	else if (dk_store_bind_case_summary(s, st, 2, c, err) != DK_OK)
		return err != NULL ? err->rc : DK_DENIED;
	sqlite3_bind_text(st, 16, c->mission, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("updating the case"), err);
	if (sqlite3_changes(s->db) != 1)
		return dk_err_set(err, DK_NOTFOUND, _("no case %s"), c->ref);
	return DK_OK;
}

/*
 * Keyset paging, one row of this table per order: the index that serves it,
 * its ORDER BY and the row value compared with the last row seen.
 */
static const struct {
	const char *index;
	const char *order;
	const char *reverse;
	const char *key;
} page_orders[] = {
    [DK_ORDER_REF] = {"case_file_ref_order", "ref_mission, year, seq",
                      "ref_mission DESC, year DESC, seq DESC", "(ref_mission, year, seq)"},
    [DK_ORDER_REPORTED] = {"case_file_reported", "reported, ref", "reported DESC, ref DESC",
                           "(reported, ref)"},
    [DK_ORDER_DUE] = {"case_file_next_due", "next_due, ref", "next_due DESC, ref DESC",
                      "(next_due, ref)"},
};

/* The key values of c for an order, bound at ?10 onwards. */
static void
bind_key(sqlite3_stmt *st, enum dk_case_order order, const struct dk_case *c)
{
	char numbered_in[DK_MISSION_MAX + 1] = "";
	int year = 0;
	long seq = 0;

	switch (order) {
	case DK_ORDER_REF:
		/* The number belongs to the reference, whichever mission the case is under now. */
		dk_ref_parse(c->ref, numbered_in, &year, &seq);
		sqlite3_bind_text(st, 10, numbered_in, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 11, year);
		sqlite3_bind_int64(st, 12, seq);
		break;
	case DK_ORDER_REPORTED:
		dk_store_bind_date(st, 10, c->reported);
		sqlite3_bind_text(st, 11, c->ref, -1, SQLITE_TRANSIENT);
		break;
	case DK_ORDER_DUE:
		dk_store_bind_date(st, 10,
		                   c->next_due == DK_DATE_NONE ? DK_NO_DEADLINE : c->next_due);
		sqlite3_bind_text(st, 11, c->ref, -1, SQLITE_TRANSIENT);
		break;
	}
}

static const char *const key_placeholders[] = {
    [DK_ORDER_REF] = "(?10, ?11, ?12)",
    [DK_ORDER_REPORTED] = "(?10, ?11)",
    [DK_ORDER_DUE] = "(?10, ?11)",
};

enum dk_rc
dk_store_case_page(struct dk_store *s, const struct dk_case_page *p, dk_date today,
                   bool (*fn)(const struct dk_case *c, void *ctx), void *ctx, struct dk_err *err)
{
	const struct dk_case_filter *f = &p->filter;
	sqlite3_stmt *st = NULL;
	char *sql, *key = NULL;
	int rc;

	if (p->after != NULL)
		key = dk_xasprintf(" AND %s %s %s", page_orders[f->order].key,
		                   p->backward ? "<" : ">", key_placeholders[f->order]);
	sql = dk_xasprintf(
	    "SELECT " DK_CASE_COLUMNS NEXT_STATUS_SQL " FROM main.case_file INDEXED BY %s "
	    "WHERE reported <= ?1 "
	    "AND (?2 IS NULL OR mission = ?2) AND " STATE_SQL(
	        "?3") ") AND "
	              "(?4 IS NULL OR category = ?4) AND (?5 IS NULL OR urgent = ?5) AND "
	              "(?6 IS NULL OR next_due < ?1) AND (?7 IS NULL OR ref LIKE ?7 || '%%' ESCAPE "
	              "'\\' OR "
	              "(?9 IS NOT NULL AND dk_open(summary) LIKE '%%' || ?7 || '%%' ESCAPE "
	              "'\\'))%s%s%s "
	              "ORDER "
	              "BY %s "
	              "LIMIT ?8",
	    page_orders[f->order].index, s->scoped ? SCOPE_SQL : "", s->office_sql,
	    key != NULL ? key : "",
	    p->backward ? page_orders[f->order].reverse : page_orders[f->order].order);
	free(key);
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("listing cases"), err);
	dk_store_bind_date(st, 1, today);
	dk_store_bind_opt_text(st, 2, f->mission);
	dk_store_bind_opt_text(st, 3, f->state);
	dk_store_bind_opt_text(st, 4, f->category);
	if (f->urgent >= 0)
		sqlite3_bind_int(st, 5, f->urgent);
	if (f->overdue)
		sqlite3_bind_int(st, 6, 1);
	if (f->text != NULL && f->text[0] != '\0') {
		/* Searched literally: % and _ are text here, not wildcards. */
		struct dk_buf pattern = DK_BUF_INIT;

		for (const char *q = f->text; *q != '\0'; q++) {
			if (*q == '%' || *q == '_' || *q == '\\')
				dk_buf_putc(&pattern, '\\');
			dk_buf_putc(&pattern, *q);
		}
		sqlite3_bind_text(st, 7, dk_buf_str(&pattern), -1, SQLITE_TRANSIENT);
		dk_buf_free(&pattern);
		if (f->search_summary)
			sqlite3_bind_int(st, 9, 1);
	}
	sqlite3_bind_int(st, 8, p->limit);
	if (p->after != NULL)
		bind_key(st, f->order, p->after);
	return stream_cases(s, st, fn, ctx, _("listing cases"), err);
}
