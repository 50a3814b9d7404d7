/* Rules, holidays and the materialized deadlines that make today's view a range scan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

#define FAIL_IF_NULL(st, err)                                                                      \
	do {                                                                                       \
		if ((st) == NULL)                                                                  \
			return (err) != NULL ? (err)->rc : DK_IO;                                  \
	} while (0)

/* A case rule names states; a per-victim rule names the victim_informed event instead. */
static bool
rule_from_row(sqlite3_stmt *st, struct dk_rule *r)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	const char *start = (const char *)sqlite3_column_text(st, 1);
	const char *unit = (const char *)sqlite3_column_text(st, 3);
	const char *met = (const char *)sqlite3_column_text(st, 4);
	const char *applies = (const char *)sqlite3_column_text(st, 5);

	memset(r, 0, sizeof(*r));
	if (id == NULL || start == NULL || unit == NULL || met == NULL || applies == NULL)
		return false;
	snprintf(r->id, sizeof(r->id), "%s", id);
	r->length = sqlite3_column_int(st, 2);
	r->warn_days = sqlite3_column_int(st, 6);
	if (!dk_unit_parse(unit, &r->unit) || !dk_applies_parse(applies, &r->applies))
		return false;
	if (r->applies == DK_APPLIES_HAS_VICTIMS)
		return true;
	return dk_state_parse(start, &r->start_state) && dk_state_parse(met, &r->met_state);
}

enum dk_rc
dk_store_rules(struct dk_store *s, struct dk_rule **rules, size_t *n, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_RULES, err);
	size_t cap = 8;
	int rc;

	*rules = NULL;
	*n = 0;
	FAIL_IF_NULL(st, err);
	*rules = dk_xcalloc(cap, sizeof(**rules));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			*rules = dk_xrealloc(*rules, cap * sizeof(**rules));
		}
		if (!rule_from_row(st, &(*rules)[*n])) {
			sqlite3_reset(st);
			free(*rules);
			*rules = NULL;
			*n = 0;
			return dk_err_set(err, DK_CORRUPT, _("the deadline rule table is damaged"));
		}
		++*n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*rules);
		*rules = NULL;
		*n = 0;
		return dk_store_fail(s, _("reading the deadline rules"), err);
	}
	return DK_OK;
}

enum dk_rc
dk_store_holidays(struct dk_store *s, const char *mission, dk_date **days, size_t *n,
                  struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_HOLIDAYS, err);
	size_t cap = 16;
	int rc;

	*days = NULL;
	*n = 0;
	FAIL_IF_NULL(st, err);
	*days = dk_xmalloc(cap * sizeof(**days));
	sqlite3_bind_text(st, 1, mission, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_date d = dk_store_column_date(st, 0);

		if (d == DK_DATE_NONE)
			continue;
		if (*n == cap) {
			cap *= 2;
			*days = dk_xrealloc(*days, cap * sizeof(**days));
		}
		(*days)[(*n)++] = d;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*days);
		*days = NULL;
		*n = 0;
		return dk_store_fail(s, _("reading holidays"), err);
	}
	return DK_OK;
}

enum dk_rc
dk_store_holiday_add(struct dk_store *s, const char *mission, dk_date day, const char *name,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_HOLIDAY_ADD, err);
	char date[DK_DATE_STRLEN];
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, mission, -1, SQLITE_STATIC);
	dk_store_bind_date(st, 2, day);
	sqlite3_bind_text(st, 3, name != NULL ? name : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return DK_OK;
	dk_date_format(day, date);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return dk_err_set(err, DK_EXISTS, _("%s already has a holiday on %s"), mission,
		                  date);
	return dk_store_fail(s, _("adding the holiday"), err);
}

enum dk_rc
dk_store_holiday_remove(struct dk_store *s, const char *mission, dk_date day, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_HOLIDAY_REMOVE, err);
	char date[DK_DATE_STRLEN];
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, mission, -1, SQLITE_STATIC);
	dk_store_bind_date(st, 2, day);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("removing the holiday"), err);
	if (sqlite3_changes(s->db) == 0) {
		dk_date_format(day, date);
		return dk_err_set(err, DK_NOTFOUND, _("%s has no holiday on %s"), mission, date);
	}
	return DK_OK;
}

enum dk_rc
dk_store_holiday_each(struct dk_store *s, const char *mission,
                      bool (*fn)(const struct dk_holiday_row *h, void *ctx), void *ctx,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_HOLIDAY_EACH, err);
	struct dk_holiday_row row;
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_opt_text(st, 1, mission);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.mission = (const char *)sqlite3_column_text(st, 0);
		row.day = dk_store_column_date(st, 1);
		row.name = (const char *)sqlite3_column_text(st, 2);
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading holidays"), err);
}

enum dk_rc
dk_store_deadlines_insert(struct dk_store *s, int64_t case_id, const char *ref, dk_date known_until,
                          const struct dk_deadline *d, size_t n, struct dk_err *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_DEADLINE_INSERT, err);
		int rc;

		FAIL_IF_NULL(st, err);
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_text(st, 2, d[i].rule->id, -1, SQLITE_STATIC);
		dk_store_bind_date(st, 3, d[i].start);
		sqlite3_bind_text(st, 4, ref, -1, SQLITE_STATIC);
		dk_store_bind_date(st, 5, d[i].due);
		dk_store_bind_date(st, 6, d[i].original_due);
		dk_store_bind_date(st, 7, d[i].met_on);
		sqlite3_bind_int(st, 8, d[i].extensions);
		dk_store_bind_date(st, 9, known_until);
		sqlite3_bind_text(st, 10, d[i].victim, -1, SQLITE_STATIC);
		dk_store_bind_date(st, 11, d[i].ended_on);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return dk_store_fail(s, _("updating deadlines"), err);
	}
	return DK_OK;
}

enum dk_rc
dk_store_deadlines_replace(struct dk_store *s, int64_t case_id, const char *ref,
                           dk_date known_until, const struct dk_deadline *d, size_t n,
                           struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_DEADLINE_CLEAR, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("updating deadlines"), err);
	if (dk_store_deadlines_insert(s, case_id, ref, known_until, d, n, err) != DK_OK)
		return err != NULL ? err->rc : DK_IO;
	if ((st = dk_store_stmt(s, DK_STMT_CASE_NEXT_DUE, err)) == NULL)
		return err != NULL ? err->rc : DK_IO;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("updating deadlines"), err);
}

/*
 * The cases a deadline scan keeps to: the account's missions and the office
 * filter, as a probe of the case's row for each deadline row met (an
 * "IN (SELECT id ...)" would first list every case in scope). "" when
 * neither applies. malloc'd.
 */
static char *
case_filter(const struct dk_store *s)
{
	if (!s->scoped && s->office_sql[0] == '\0')
		return dk_xstrdup("");
	return dk_xasprintf(" AND EXISTS (SELECT 1 FROM main.case_file c WHERE c.id = "
	                    "deadline.case_id%s%s)",
	                    s->scoped ? " AND c.mission IN (SELECT mission FROM temp.scope)" : "",
	                    s->office_sql);
}

/* Prepares head, the case filter, then tail; NULL on failure, with err set. */
static sqlite3_stmt *
prepare_filtered(struct dk_store *s, const char *head, const char *tail, struct dk_err *err)
{
	char *filter = case_filter(s);
	char *full = dk_xasprintf("%s%s%s", head, filter, tail);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, full, -1, &st, NULL);

	free(filter);
	free(full);
	if (rc != SQLITE_OK) {
		dk_store_fail(s, _("reading deadlines"), err);
		return NULL;
	}
	return st;
}

enum dk_rc
dk_store_deadline_each(struct dk_store *s, const struct dk_deadline_query *q,
                       bool (*fn)(const struct dk_deadline_row *d, void *ctx), void *ctx,
                       struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	struct dk_deadline_row row;
	int rc;

	/*
	 * Live deadlines come from the covering partial index deadline_live in
	 * (due, ref) order; cases whose history reaches past known_by are left
	 * out (the caller replays those).
	 */
	/* Four fixed filters: an "?1 IS NULL OR" would hide the range from the planner. */
	static const char *const queries[2][2] = {
	    {"deadline INDEXED BY deadline_live WHERE met_on IS NULL AND ended_on IS NULL AND "
	     "known_until <= ?2",
	     "deadline INDEXED BY deadline_live WHERE met_on IS NULL AND ended_on IS NULL AND "
	     "due <= ?1 AND known_until <= ?2"},
	    {"deadline INDEXED BY deadline_due WHERE known_until <= ?2",
	     "deadline INDEXED BY deadline_due WHERE due <= ?1 AND known_until <= ?2"},
	};
	/* The scope is the case's mission now, not the one its reference was numbered in. */
	char *filter = case_filter(s);
	char *sql = dk_xasprintf(
	    "SELECT case_id, ref, rule, start, due, original_due, met_on, extensions, victim, "
	    "ended_on FROM %s%s ORDER BY due, ref",
	    queries[q->include_met][q->due_until != DK_DATE_NONE], filter);

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	free(filter);
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("reading deadlines"), err);
	dk_store_bind_date(st, 1, q->due_until);
	dk_store_bind_date(st, 2, q->known_by);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.case_id = sqlite3_column_int64(st, 0);
		row.ref = (const char *)sqlite3_column_text(st, 1);
		row.rule = (const char *)sqlite3_column_text(st, 2);
		row.start = dk_store_column_date(st, 3);
		row.due = dk_store_column_date(st, 4);
		row.original_due = dk_store_column_date(st, 5);
		row.met_on = dk_store_column_date(st, 6);
		row.extensions = sqlite3_column_int(st, 7);
		row.victim = (const char *)sqlite3_column_text(st, 8);
		row.ended_on = dk_store_column_date(st, 9);
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading deadlines"), err);
}

/* Runs a one-column id query into a malloc'd array. */
static enum dk_rc
collect_ids(struct dk_store *s, sqlite3_stmt *st, int64_t **ids, size_t *n, struct dk_err *err)
{
	size_t cap = 64;
	int rc;

	*ids = dk_xmalloc(cap * sizeof(**ids));
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			*ids = dk_xrealloc(*ids, cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return dk_store_fail(s, _("reading deadlines"), err);
	}
	return DK_OK;
}

enum dk_rc
dk_store_mission_cases(struct dk_store *s, const char *mission, int64_t **ids, size_t *n,
                       struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_MISSION_CASES, err);

	*ids = NULL;
	*n = 0;
	FAIL_IF_NULL(st, err);
	dk_store_bind_opt_text(st, 1, mission);
	return collect_ids(s, st, ids, n, err);
}

enum dk_rc
dk_store_cases_with_rule(struct dk_store *s, const char *rule, int64_t **ids, size_t *n,
                         struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_RULE_CASES, err);

	*ids = NULL;
	*n = 0;
	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
	return collect_ids(s, st, ids, n, err);
}

enum dk_rc
dk_store_rule_update(struct dk_store *s, const char *id, int length, int warn_days,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_RULE_UPDATE, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, length);
	sqlite3_bind_int(st, 3, warn_days);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("changing the rule"), err);
	if (sqlite3_changes(s->db) == 0)
		return dk_err_set(err, DK_NOTFOUND, _("unknown rule '%s'"), id);
	return DK_OK;
}

/* Steps a one-row statement into up to three counts, then finalizes it. */
static enum dk_rc
one_row(struct dk_store *s, sqlite3_stmt *st, long *out, int n, struct dk_err *err)
{
	int rc = sqlite3_step(st);

	for (int i = 0; rc == SQLITE_ROW && i < n; i++)
		out[i] = (long)sqlite3_column_int64(st, i);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading deadlines"), err);
}

enum dk_rc
dk_store_deadline_counts(struct dk_store *s, const char *rule, dk_date today, dk_date in_7,
                         dk_date in_30, long out[3], struct dk_err *err)
{
	/*
	 * Three adjacent ranges of deadline_rule_live, each a bare count(*):
	 * every live row of the rule due by in_30 is stepped over once, and no
	 * expression is evaluated for it (sum(due < ?) costs half as much again).
	 */
	static const char *const ranges[3] = {"due < ?2", "due >= ?2 AND due <= ?3",
	                                      "due > ?3 AND due <= ?4"};
	char *filter = case_filter(s), *sql = dk_xstrdup("SELECT "), *next;
	sqlite3_stmt *st = NULL;
	long c[3];
	enum dk_rc rc;

	out[0] = out[1] = out[2] = 0;
	for (int i = 0; i < 3; i++) {
		next = dk_xasprintf("%s%s(SELECT count(*) FROM deadline INDEXED BY "
		                    "deadline_rule_live WHERE rule = ?1 AND rule <> '' AND met_on "
		                    "IS NULL AND ended_on IS NULL AND %s AND known_until <= ?2%s)",
		                    sql, i > 0 ? ", " : "", ranges[i], filter);
		free(sql);
		sql = next;
	}
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK
	         ? DK_OK
	         : dk_store_fail(s, _("reading deadlines"), err);
	free(sql);
	free(filter);
	if (rc != DK_OK)
		return rc;
	sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
	dk_store_bind_date(st, 2, today);
	dk_store_bind_date(st, 3, in_7);
	dk_store_bind_date(st, 4, in_30);
	if ((rc = one_row(s, st, c, 3, err)) != DK_OK)
		return rc;
	out[0] = c[0];
	out[1] = c[1];
	out[2] = c[1] + c[2];
	return DK_OK;
}

enum dk_rc
dk_store_victims_overdue_count(struct dk_store *s, dk_date today, long *n, struct dk_err *err)
{
	/* The overdue rows by due, distinct victims counted in a temporary b-tree. */
	sqlite3_stmt *st = prepare_filtered(
	    s,
	    "SELECT count(DISTINCT victim) FROM deadline INDEXED BY deadline_live WHERE "
	    "met_on IS NULL AND ended_on IS NULL AND due < ?1 AND known_until <= ?1 AND "
	    "victim <> ''",
	    "", err);

	*n = 0;
	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, today);
	return one_row(s, st, n, 1, err);
}

enum dk_rc
dk_store_victims_not_overdue(struct dk_store *s, const char *const *codes, size_t n, dk_date today,
                             long *count, struct dk_err *err)
{
	/* One statement for them all: one index probe each. */
	sqlite3_stmt *st = prepare_filtered(
	    s,
	    "SELECT EXISTS (SELECT 1 FROM deadline INDEXED BY deadline_victim_live WHERE "
	    "victim = ?1 AND met_on IS NULL AND ended_on IS NULL AND victim <> '' AND "
	    "due < ?2 AND known_until <= ?2",
	    ")", err);
	int rc = SQLITE_DONE;

	*count = 0;
	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 2, today);
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_text(st, 1, codes[i], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			*count += sqlite3_column_int(st, 0) == 0;
			rc = sqlite3_step(st);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading deadlines"), err);
}

enum dk_rc
dk_store_victims_overdue_each(struct dk_store *s, dk_date today, bool replayed,
                              bool (*fn)(const char *code, void *ctx), void *ctx,
                              struct dk_err *err)
{
	/*
	 * Without replayed cases: in code order straight from deadline_victim_live,
	 * no sort before the first row. With them: every victim by code, kept by
	 * two index probes (a stored overdue row, a case with later events), so
	 * the first row still comes at once however many cases are replayed.
	 */
	sqlite3_stmt *st =
	    replayed ? prepare_filtered(
	                   s,
	                   "SELECT v.code FROM victim v WHERE EXISTS (SELECT 1 FROM victim_case "
	                   "vc JOIN main.case_file c ON c.id = vc.case_id WHERE vc.victim_id = "
	                   "v.id AND c.last_event_on > ?1 AND c.reported <= ?1) OR EXISTS (SELECT "
	                   "1 FROM deadline INDEXED BY deadline_victim_live WHERE victim = v.code "
	                   "AND victim <> '' AND met_on IS NULL AND ended_on IS NULL AND due < ?1",
	                   ") ORDER BY v.code", err)
	             : prepare_filtered(s,
	                                "SELECT DISTINCT victim FROM deadline INDEXED BY "
	                                "deadline_victim_live WHERE victim <> '' AND met_on IS "
	                                "NULL AND ended_on IS NULL AND due < ?1",
	                                " ORDER BY victim", err);
	int rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_date(st, 1, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!fn((const char *)sqlite3_column_text(st, 0), ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading deadlines"), err);
}
