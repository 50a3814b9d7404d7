/* Deadlines across cases, timelines and holidays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* A deadline replayed for a case whose history goes on after today. */
struct replayed {
	char ref[DK_REF_MAX];
	struct dk_deadline d;
};

struct deadlines_ctx {
	struct dk_app *app;
	const struct dk_deadline_filter *filter;
	dk_date until; /* DK_DATE_NONE: no limit */
	struct replayed *replay;
	size_t nreplay, capreplay, next;
	dk_deadline_fn fn;
	void *ctx;
	bool stopped;
	enum dk_rc rc;
};

static bool
wanted(const struct deadlines_ctx *dc, const struct dk_deadline *d)
{
	if (!dk_deadline_is_live(d))
		return dc->filter->all && (dc->until == DK_DATE_NONE || d->due <= dc->until);
	return dc->until == DK_DATE_NONE || d->due <= dc->until;
}

static bool
collect_replay(const struct dk_case *stored, void *ctx)
{
	struct deadlines_ctx *dc = ctx;
	struct dk_deadline *d = NULL;
	struct dk_case c;
	size_t n = 0;

	/* Stored rows are kept to the scope in SQL; replayed cases here, by their mission. */
	if (!dk_app_in_scope(dc->app, stored->mission))
		return true;
	memset(&c, 0, sizeof(c));
	c = *stored;
	c.summary = NULL; /* not needed, and owned by the caller */
	if ((dc->rc = dk_app_case_as_of(dc->app, &c, dc->app->today, &d, &n)) != DK_OK) {
		dk_case_clear(&c);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!wanted(dc, &d[i]))
			continue;
		if (dc->nreplay == dc->capreplay) {
			dc->capreplay = dc->capreplay ? dc->capreplay * 2 : 64;
			dc->replay = dk_xrealloc(dc->replay, dc->capreplay * sizeof(*dc->replay));
		}
		snprintf(dc->replay[dc->nreplay].ref, DK_REF_MAX, "%s", c.ref);
		dc->replay[dc->nreplay++].d = d[i];
	}
	free(d);
	dk_case_clear(&c); /* the replay may have put an earlier summary back */
	return true;
}

static int
cmp_replayed(const void *a, const void *b)
{
	const struct replayed *x = a, *y = b;

	if (x->d.due != y->d.due)
		return x->d.due < y->d.due ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

static bool
emit(struct deadlines_ctx *dc, const char *ref, const struct dk_deadline *d)
{
	struct dk_deadline_view v;

	v.ref = ref;
	v.rule = d->rule->id;
	v.start = d->start;
	v.due = d->due;
	v.original_due = d->original_due;
	v.met_on = d->met_on;
	v.ended_on = d->ended_on;
	v.extensions = d->extensions;
	v.days_left = dk_deadline_days_left(d, dc->app->today);
	v.status = dk_deadline_status_id(dk_deadline_status(d, dc->app->today));
	v.explanation = NULL;
	v.victim = d->victim;
	if (!dc->fn(&v, dc->ctx))
		dc->stopped = true;
	return !dc->stopped;
}

/* Emits the replayed deadlines that sort before (due, ref). */
static bool
emit_replayed_before(struct deadlines_ctx *dc, dk_date due, const char *ref)
{
	while (dc->next < dc->nreplay) {
		const struct replayed *r = &dc->replay[dc->next];

		if (ref != NULL && (r->d.due > due || (r->d.due == due && strcmp(r->ref, ref) > 0)))
			break;
		dc->next++;
		if (!emit(dc, r->ref, &r->d))
			return false;
	}
	return true;
}

bool
dk_app_deadline_from_row(const struct dk_app *app, const struct dk_deadline_row *row,
                         struct dk_deadline *d)
{
	memset(d, 0, sizeof(*d));
	if ((d->rule = dk_app_rule(app, row->rule)) == NULL)
		return false;
	d->start = row->start;
	d->due = row->due;
	d->original_due = row->original_due;
	d->met_on = row->met_on;
	d->ended_on = row->ended_on;
	d->extensions = row->extensions;
	snprintf(d->victim, sizeof(d->victim), "%s", row->victim != NULL ? row->victim : "");
	return true;
}

static bool
stored_row(const struct dk_deadline_row *row, void *ctx)
{
	struct deadlines_ctx *dc = ctx;
	struct dk_deadline d;

	if (!emit_replayed_before(dc, row->due, row->ref))
		return false;
	if (!dk_app_deadline_from_row(dc->app, row, &d))
		return true; /* a rule removed since: nothing to judge it by */
	/* A deadline met after today was still live then. */
	if (d.met_on != DK_DATE_NONE && d.met_on > dc->app->today)
		d.met_on = DK_DATE_NONE;
	return emit(dc, row->ref, &d);
}

/*
 * The deadlines of dc's filter in (due, ref) order, inside the caller's
 * transaction: cases with events after today are replayed (kept in
 * dc->replay, sorted), the rest are read from the index.
 */
static enum dk_rc
deadlines_walk(struct deadlines_ctx *dc)
{
	struct dk_app *app = dc->app;
	struct dk_deadline_query q;
	enum dk_rc rc;

	rc = dk_store_cases_after(app->store, app->today, collect_replay, dc, &app->err);
	if (rc == DK_OK)
		rc = dc->rc;
	if (rc != DK_OK)
		return rc;
	if (dc->nreplay > 1)
		qsort(dc->replay, dc->nreplay, sizeof(*dc->replay), cmp_replayed);
	q.due_until = dc->until;
	q.include_met = dc->filter->all;
	q.known_by = app->today;
	rc = dk_store_deadline_each(app->store, &q, stored_row, dc, &app->err);
	if (rc == DK_OK && !dc->stopped)
		emit_replayed_before(dc, 0, NULL);
	return rc;
}

enum dk_rc
dk_app_deadlines(struct dk_app *app, const struct dk_deadline_filter *filter, dk_deadline_fn fn,
                 void *ctx)
{
	struct deadlines_ctx dc = {app, filter, DK_DATE_NONE, NULL, 0, 0, 0, fn, ctx, false, DK_OK};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (filter->within >= 0)
		dc.until = dk_date_add_days(app->today, filter->within);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	rc = deadlines_walk(&dc);
	free(dc.replay);
	return dk_app_tx_end(app, rc);
}

static enum dk_rc
holiday_input(struct dk_app *app, const char *mission, const char *date, char *norm, dk_date *day)
{
	enum dk_rc rc;

	if (mission == NULL)
		return dk_app_fail(app, DK_INVALID, _("a holiday needs --mission"));
	if ((rc = dk_validate_mission(mission, norm, &app->err)) != DK_OK)
		return rc;
	if (date == NULL || !dk_date_parse(date, day))
		return dk_app_fail(app, DK_INVALID,
		                   _("'%s' is not a real date (expected YYYY-MM-DD)"),
		                   date != NULL ? date : "");
	return DK_OK;
}

enum dk_rc
dk_app_holiday_add(struct dk_app *app, const char *mission, const char *date, const char *name)
{
	char norm[DK_MISSION_MAX + 1];
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = holiday_input(app, mission, date, norm, &day)) != DK_OK)
		return rc;
	if (name != NULL &&
	    (rc = dk_validate_text(_("holiday name"), name, DK_LINE_MAX, true, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_HOLIDAY_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_mission(app, "--mission", mission, true, norm)) == DK_OK &&
	    (rc = dk_app_require_mission(app, DK_ACTION_HOLIDAY_CHANGE, norm)) == DK_OK &&
	    (rc = dk_store_holiday_add(app->store, norm, day, name, &app->err)) == DK_OK &&
	    (rc = dk_app_recompute_mission(app, norm)) == DK_OK)
		rc = dk_app_audit(app, "holiday_add", NULL, norm);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_holiday_remove(struct dk_app *app, const char *mission, const char *date)
{
	char norm[DK_MISSION_MAX + 1];
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = holiday_input(app, mission, date, norm, &day)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_HOLIDAY_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_mission(app, "--mission", mission, false, norm)) == DK_OK &&
	    (rc = dk_app_require_mission(app, DK_ACTION_HOLIDAY_CHANGE, norm)) == DK_OK &&
	    (rc = dk_store_holiday_remove(app->store, norm, day, &app->err)) == DK_OK &&
	    (rc = dk_app_recompute_mission(app, norm)) == DK_OK)
		rc = dk_app_audit(app, "holiday_remove", NULL, norm);
	return dk_app_tx_end(app, rc);
}

struct holiday_ctx {
	bool (*fn)(const struct dk_holiday_view *h, void *ctx);
	void *ctx;
};

static bool
holiday_row(const struct dk_holiday_row *row, void *ctx)
{
	struct holiday_ctx *hc = ctx;
	struct dk_holiday_view v = {row->mission, row->day, row->name};

	return hc->fn(&v, hc->ctx);
}

enum dk_rc
dk_app_holiday_list(struct dk_app *app, const char *mission,
                    bool (*fn)(const struct dk_holiday_view *h, void *ctx), void *ctx)
{
	char norm[DK_MISSION_MAX + 1];
	struct holiday_ctx hc = {fn, ctx};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (mission != NULL && (rc = dk_validate_mission(mission, norm, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_SETTINGS_READ)) != DK_OK)
		return rc;
	if (mission == NULL ||
	    (rc = dk_app_check_mission(app, "--mission", mission, false, norm)) == DK_OK)
		rc = dk_store_holiday_each(app->store, mission != NULL ? norm : NULL, holiday_row,
		                           &hc, &app->err);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_rule_list(struct dk_app *app, bool (*fn)(const struct dk_rule_view *r, void *ctx), void *ctx)
{
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_SETTINGS_READ)) != DK_OK)
		return rc;
	for (size_t i = 0; i < app->nrules; i++) {
		const struct dk_rule *r = &app->rules[i];
		bool per_victim = r->applies == DK_APPLIES_HAS_VICTIMS;
		struct dk_rule_view v = {
		    r->id,
		    per_victim ? "victim_informed" : dk_state_id(r->start_state),
		    r->length,
		    dk_unit_id(r->unit),
		    per_victim ? "victim_informed" : dk_state_id(r->met_state),
		    dk_applies_id(r->applies),
		    r->warn_days,
		};

		if (!fn(&v, ctx))
			break;
	}
	return dk_app_tx_end(app, rc);
}

/* A whole number in [min, max] from a command-line value. */
static enum dk_rc
parse_int(struct dk_app *app, const char *option, const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		goto bad;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		goto bad;
	*out = (int)v;
	return DK_OK;
bad:
	return dk_app_fail(app, DK_INVALID, _("%s: '%s' is not a whole number from %d to %d"),
	                   option, s != NULL ? s : "", min, max);
}

enum dk_rc
dk_app_rule_set(struct dk_app *app, const char *id, const char *length, const char *warn_days)
{
	const struct dk_rule *r;
	struct dk_rule *fresh = NULL;
	int64_t *ids = NULL;
	size_t n = 0, nfresh = 0;
	int len, warn;
	struct dk_case c;
	char detail[64];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if ((r = dk_app_rule(app, id)) == NULL)
		return dk_app_fail_unknown_rule(app, id);
	if (length == NULL && warn_days == NULL)
		return dk_app_fail(app, DK_INVALID, _("give --length, --warn or both"));
	len = r->length;
	warn = r->warn_days;
	if ((length != NULL && (rc = parse_int(app, "--length", length, 1, 3660, &len)) != DK_OK) ||
	    (warn_days != NULL &&
	     (rc = parse_int(app, "--warn", warn_days, 0, 3660, &warn)) != DK_OK))
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_SETTINGS_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_store_rule_update(app->store, id, len, warn, &app->err)) != DK_OK ||
	    (rc = dk_store_rules(app->store, &fresh, &nfresh, &app->err)) != DK_OK)
		goto out;
	/* Evaluate with the new table from here on; restored below if anything fails. */
	free(app->rules);
	app->rules = fresh;
	app->nrules = nfresh;
	fresh = NULL;
	if ((rc = dk_store_cases_with_rule(app->store, id, &ids, &n, &app->err)) != DK_OK)
		goto out;
	for (size_t i = 0; rc == DK_OK && i < n; i++) {
		if ((rc = dk_store_case_by_id(app->store, ids[i], &c, &app->err)) == DK_OK)
			rc = dk_app_recompute_deadlines(app, &c);
	}
	snprintf(detail, sizeof(detail), "%s length=%d warn=%d", id, len, warn);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "rule_set", NULL, detail);
out:
	free(ids);
	dk_case_clear(&c);
	rc = dk_app_tx_end(app, rc);
	if (rc != DK_OK) {
		/* The rollback restored the table: reload what is stored. */
		free(app->rules);
		app->rules = NULL;
		app->nrules = 0;
		if (dk_store_rules(app->store, &app->rules, &app->nrules, NULL) != DK_OK)
			dk_app_lock(app);
	}
	return rc;
}

/*
 * The dashboard: counts by rule of the live deadlines overdue, due within 7
 * and within 30 days, the victims awaiting an update, and the most urgent
 * rows, exactly as `deadlines` sees them (replayed cases included). The
 * counts are SQL counts over the stored rows of the cases known by today,
 * corrected by the few cases replayed; the urgent rows stop the walk early.
 */
static bool
urgent_row(const struct dk_deadline_view *d, void *ctx)
{
	struct dk_dashboard *db = ctx;
	int i = db->nurgent++;

	snprintf(db->urgent[i].ref, sizeof(db->urgent[i].ref), "%s", d->ref);
	snprintf(db->urgent[i].rule, sizeof(db->urgent[i].rule), "%s", d->rule);
	db->urgent[i].due = d->due;
	db->urgent[i].days_left = d->days_left;
	snprintf(db->urgent[i].status, sizeof(db->urgent[i].status), "%s", d->status);
	snprintf(db->urgent[i].victim, sizeof(db->urgent[i].victim), "%s", d->victim);
	return db->nurgent < DK_DASHBOARD_URGENT;
}

/* Adds a replayed deadline to its rule's counts, as the stored ones are counted. */
static void
count_replayed(struct dk_dashboard *db, const struct dk_deadline *d, dk_date today)
{
	dk_date in_7 = dk_date_add_days(today, 7), in_30 = dk_date_add_days(today, 30);

	if (d->due > in_30)
		return;
	for (int i = 0; i < db->nrules; i++) {
		if (strcmp(db->rules[i].rule, d->rule->id) != 0)
			continue;
		if (d->due < today)
			db->rules[i].overdue++;
		else
			db->rules[i].within_30++;
		if (d->due >= today && d->due <= in_7)
			db->rules[i].within_7++;
	}
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Victims overdue only in replayed cases: counted once each, unless stored rows count them. */
static enum dk_rc
count_replayed_victims(struct dk_app *app, const struct deadlines_ctx *dc, struct dk_dashboard *db)
{
	const char **codes = dk_xcalloc(dc->nreplay + 1, sizeof(*codes));
	size_t n = 0, m = 0;
	long missing = 0;
	enum dk_rc rc;

	for (size_t i = 0; i < dc->nreplay; i++)
		if (dc->replay[i].d.victim[0] != '\0' && dc->replay[i].d.due < app->today)
			codes[n++] = dc->replay[i].d.victim;
	qsort(codes, n, sizeof(*codes), cmp_code);
	for (size_t i = 0; i < n; i++)
		if (m == 0 || strcmp(codes[i], codes[m - 1]) != 0)
			codes[m++] = codes[i];
	rc = dk_store_victims_not_overdue(app->store, codes, m, app->today, &missing, &app->err);
	db->victims_awaiting_update += missing;
	free(codes);
	return rc;
}

/* The counts: SQL over the stored rows, then the replayed cases' rows. */
static enum dk_rc
dashboard_counts(struct dk_app *app, const struct deadlines_ctx *dc, struct dk_dashboard *db)
{
	dk_date in_7 = dk_date_add_days(app->today, 7), in_30 = dk_date_add_days(app->today, 30);
	long c[3];
	enum dk_rc rc = DK_OK;

	for (int i = 0; rc == DK_OK && i < db->nrules; i++) {
		rc = dk_store_deadline_counts(app->store, db->rules[i].rule, app->today, in_7,
		                              in_30, c, &app->err);
		db->rules[i].overdue = c[0];
		db->rules[i].within_7 = c[1];
		db->rules[i].within_30 = c[2];
	}
	if (rc == DK_OK)
		rc = dk_store_victims_overdue_count(app->store, app->today,
		                                    &db->victims_awaiting_update, &app->err);
	for (size_t i = 0; rc == DK_OK && i < dc->nreplay; i++)
		count_replayed(db, &dc->replay[i].d, app->today);
	return rc == DK_OK ? count_replayed_victims(app, dc, db) : rc;
}

enum dk_rc
dk_app_dashboard(struct dk_app *app, struct dk_dashboard *out)
{
	struct dk_deadline_filter live = {-1, false};
	struct deadlines_ctx dc = {app, &live,      DK_DATE_NONE, NULL,  0,    0,
	                           0,   urgent_row, out,          false, DK_OK};
	enum dk_rc rc;

	memset(out, 0, sizeof(*out));
	dk_err_clear(&app->err);
	/* Every rule gets a row, in table order, even with nothing due. */
	for (size_t r = 0; r < app->nrules && out->nrules < DK_DASHBOARD_RULES; r++) {
		snprintf(out->rules[out->nrules++].rule, sizeof(out->rules[0].rule), "%s",
		         app->rules[r].id);
	}
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	/* The same rows as `deadlines`, replay of past days included; stops at the list's end. */
	if ((rc = deadlines_walk(&dc)) == DK_OK)
		rc = dashboard_counts(app, &dc, out);
	free(dc.replay);
	return dk_app_tx_end(app, rc);
}
