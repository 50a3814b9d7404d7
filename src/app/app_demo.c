/* Reproducible synthetic cases for demos and benchmarks: no real names, ever. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/rng.h"
#include "docket/text.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define DEMO_MAX_CASES 10000000L
/*
 * The shape, whatever n is (the pattern of the UN's published SEA data):
 * - cases are reported over the last five years, n/1826 a day, in date
 *   order (references numbered in the order cases came in); above
 *   DEMO_CASES_PER_DAY a day, over a longer history instead, as an office's
 *   database grows: its open work is that of the last five years whatever n
 *   is (a century at most: dates stay after DK_DATE_MIN_YEAR);
 * - how far each case went depends on its age (demo_paths): most cases older
 *   than two years are closed, every case older than five years is closed,
 *   open cases are mostly recent;
 * - about 80% are sexual exploitation or abuse, with 0-2 coded victims and a
 *   coded subject each; about 20% are urgent;
 * - a victim is told of progress every four to eight weeks while the case
 *   is open, at most DEMO_MAX_INFORMED times (about eleven months), so
 *   events per case are bounded and overdue victim updates come from cases
 *   open longer than that only, a minority.
 */
#define DEMO_RECENT_DAYS 1826
#define DEMO_CASES_PER_DAY 40
#define DEMO_MAX_SPAN_DAYS 36524
#define DEMO_MAX_INFORMED 8
/* A bulk load's page cache: appends need little, the random victim and subject codes more. */
#define DEMO_BULK_CACHE_MIB 96

/* Open missions of the seeded register (schema/0003_missions.sql); checked before use. */
static const char *const demo_missions[] = {
    "MONUSCO", "MINUSCA", "UNMISS", "UNSOS", "UNIFIL", "MINURSO",
    "UNISFA",  "UNFICYP", "UNMIK",  "UNDOF", "UNTSO",  "UNMOGIP",
};

static const char *const demo_nationalities[] = {
    "NPL", "BGD", "IND", "PAK", "RWA", "ETH", "GHA", "SEN", "EGY", "IDN",
    "ZAF", "TZA", "MAR", "URY", "BRA", "FRA", "CHN", "JOR", "TUN", "NGA",
};

/* Words for synthetic summaries: places and circumstances, never people. */
static const char *const demo_places[] = {
    "near the camp gate", "at a market", "at a checkpoint", "in a village",
    "near a water point", "at a school", "at a clinic",     "on patrol",
};

/*
 * How far along the workflow each case goes: a path through the move table.
 * Weights by age (under four months, one year, two years, five years, older),
 * so old cases are mostly concluded or closed, the oldest all closed, and the
 * overdue ones stay a realistic minority.
 */
static const struct {
	enum dk_state path[6];
	int len;
	unsigned weight[5];
} demo_paths[] = {
    {{DK_STATE_RECEIVED}, 0, {20, 1, 0, 0, 0}},
    {{DK_STATE_ASSESSMENT}, 1, {25, 2, 1, 0, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_LIMITED_INFO}, 2, {8, 3, 1, 0, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_REFERRED}, 2, {20, 1, 0, 0, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_REFERRED, DK_STATE_INVESTIGATING}, 3, {25, 12, 1, 0, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_REFERRED, DK_STATE_INVESTIGATING, DK_STATE_CONCLUDED},
     4,
     {1, 15, 10, 2, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_REFERRED, DK_STATE_INVESTIGATING, DK_STATE_CONCLUDED,
      DK_STATE_ACTION},
     5,
     {0, 10, 12, 3, 0}},
    {{DK_STATE_ASSESSMENT, DK_STATE_REFERRED, DK_STATE_INVESTIGATING, DK_STATE_CONCLUDED,
      DK_STATE_CLOSED},
     5,
     {0, 10, 43, 57, 60}},
    {{DK_STATE_ASSESSMENT, DK_STATE_CLOSED}, 2, {1, 15, 26, 38, 40}},
};

/* Days of history n cases cover: five years, longer above DEMO_CASES_PER_DAY a day. */
static long
demo_span_days(long n)
{
	long days = (n + DEMO_CASES_PER_DAY - 1) / DEMO_CASES_PER_DAY;

	return days < DEMO_RECENT_DAYS     ? DEMO_RECENT_DAYS
	       : days > DEMO_MAX_SPAN_DAYS ? DEMO_MAX_SPAN_DAYS
	                                   : days;
}

/* Days a move into each state takes after the previous event: base + up to spread. */
static const struct {
	int base;
	int spread;
} demo_delays[DK_STATE_COUNT] = {
    [DK_STATE_ASSESSMENT] = {1, 10},  [DK_STATE_LIMITED_INFO] = {5, 25},
    [DK_STATE_REFERRED] = {5, 35},    [DK_STATE_INVESTIGATING] = {2, 12},
    [DK_STATE_CONCLUDED] = {60, 150}, [DK_STATE_ACTION] = {5, 55},
    [DK_STATE_CLOSED] = {10, 80},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *
pick(struct dk_rng *r, const char *const *list, size_t n)
{
	return list[dk_rng_below(r, (uint32_t)n)];
}

static const char *
pick_ident(struct dk_rng *r, enum dk_vocab_kind kind)
{
	const struct dk_vocab *v = dk_vocab_get(kind);

	return v->entries[dk_rng_below(r, (uint32_t)v->count)].id;
}

static int
pick_path(struct dk_rng *r, int age_days)
{
	int bracket = age_days < 120                ? 0
	              : age_days < 365              ? 1
	              : age_days < 730              ? 2
	              : age_days < DEMO_RECENT_DAYS ? 3
	                                            : 4;
	unsigned total = 0, x;

	for (size_t i = 0; i < COUNT(demo_paths); i++)
		total += demo_paths[i].weight[bracket];
	x = dk_rng_below(r, total);
	for (size_t i = 0; i < COUNT(demo_paths); i++) {
		if (x < demo_paths[i].weight[bracket])
			return (int)i;
		x -= demo_paths[i].weight[bracket];
	}
	return 0;
}

/* Uniformed personnel are investigated by their own country; the rest by OIOS or the mission. */
static const char *
demo_entity(struct dk_rng *r, const struct dk_case *c)
{
	if (strcmp(c->personnel, "military_mc") == 0)
		return "tcc";
	if (strcmp(c->personnel, "police_fpu") == 0)
		return "pcc";
	return dk_rng_below(r, 3) == 0 ? "mission" : "oios";
}

/* Substantiated cases go on to action; unsubstantiated ones are closed. */
static const char *
path_outcome(int p)
{
	for (int k = 0; k < demo_paths[p].len; k++)
		if (demo_paths[p].path[k] == DK_STATE_ACTION)
			return "substantiated";
	return "not_substantiated";
}

static void
demo_case(struct dk_app *app, struct dk_rng *r, long i, long n, struct dk_case *c)
{
	char summary[160];
	int y, m, d;

	memset(c, 0, sizeof(*c));
	snprintf(c->mission, sizeof(c->mission), "%s",
	         pick(r, demo_missions, COUNT(demo_missions)));
	/* In date order, so the date and reference indexes are appended to. */
	c->reported = dk_date_add_days(app->today,
	                               (int)(-(demo_span_days(n) - 1) + i * demo_span_days(n) / n));
	c->incident = dk_rng_below(r, 4) == 0
	                  ? DK_DATE_NONE
	                  : dk_date_add_days(c->reported, -(int)dk_rng_below(r, 60));
	/* Sexual exploitation and abuse dominate, as in the UN's published data. */
	snprintf(
	    c->category, sizeof(c->category), "%s",
	    dk_vocab_get(DK_VOCAB_CATEGORY)
	        ->entries[dk_rng_below(r, 10) < 8 ? dk_rng_below(r, 2) : 2 + dk_rng_below(r, 2)]
	        .id);
	snprintf(c->type, sizeof(c->type), "%s", pick_ident(r, DK_VOCAB_TYPE));
	snprintf(c->personnel, sizeof(c->personnel), "%s", pick_ident(r, DK_VOCAB_PERSONNEL));
	snprintf(c->nationality, sizeof(c->nationality), "%s",
	         pick(r, demo_nationalities, COUNT(demo_nationalities)));
	snprintf(c->source, sizeof(c->source), "%s", pick_ident(r, DK_VOCAB_SOURCE));
	c->urgent = dk_rng_below(r, 5) == 0;
	snprintf(summary, sizeof(summary), "Synthetic demo case %ld: allegation reported %s.",
	         i + 1, pick(r, demo_places, COUNT(demo_places)));
	c->summary = dk_xstrdup(summary);
	dk_date_to_ymd(c->reported, &y, &m, &d);
	c->year = y;
	c->state = DK_STATE_RECEIVED;
	c->state_since = c->reported;
	c->last_event_on = c->reported;
}

/* One move: the same fields a real 'case move' records, with a date not after today. */
static enum dk_rc
demo_move(struct dk_app *app, struct dk_rng *r, struct dk_case *c, enum dk_state to,
          const char *outcome)
{
	dk_date on = dk_date_add_days(c->last_event_on,
	                              demo_delays[to].base +
	                                  (int)dk_rng_below(r, (uint32_t)demo_delays[to].spread));
	const struct dk_move *mv = dk_workflow_move(c->state, to);
	const char *field = NULL, *value = NULL;

	if (mv == NULL || on > app->today)
		return DK_NOTFOUND; /* the case stops where time runs out */
	if (mv->needs & DK_NEEDS_ENTITY)
		snprintf(c->entity, sizeof(c->entity), "%s", demo_entity(r, c));
	if (mv->needs & DK_NEEDS_OUTCOME) {
		snprintf(c->outcome, sizeof(c->outcome), "%s", outcome);
		field = "outcome";
		value = c->outcome;
	}
	if (mv->needs & DK_NEEDS_CLOSURE) {
		const char *closure = c->state == DK_STATE_CONCLUDED ? "not_substantiated"
		                      : c->state == DK_STATE_ACTION  ? "actions_completed"
		                                                     : "not_sea";
		snprintf(c->closure, sizeof(c->closure), "%s", closure);
		field = "closure";
		value = c->closure;
	}
	c->state = to;
	c->state_since = on;
	return dk_app_append_event(app, c, "moved", on, field, value, NULL,
	                           (mv->needs & DK_NEEDS_NOTE) ? "Synthetic note." : NULL, NULL);
}

/* Synthetic victims of SEA cases: coded, never named; told of progress, given assistance. */
static const char *const demo_sexes[] = {"female", "female", "female", "male", "unknown"};
static const char *const demo_ages[] = {"adult", "adult", "child", "unknown"};
static const char *const demo_assistance[] = {"medical",  "psychosocial", "legal",
                                              "material", "safety",       "education"};
static const char *const demo_statuses[] = {"provided", "provided", "referred", "declined"};

/* The last day a victim's clock runs for c: the day it closed, else today. */
static dk_date
demo_open_until(const struct dk_app *app, const struct dk_case *c)
{
	return c->state == DK_STATE_CLOSED ? c->state_since : app->today;
}

static enum dk_rc
demo_victim_event(struct dk_app *app, int64_t victim, const char *kind, dk_date on,
                  const char *item, const char *status)
{
	struct dk_victim_event e;

	memset(&e, 0, sizeof(e));
	e.victim_id = victim;
	e.kind = kind;
	e.on = on;
	e.item = item;
	e.status = status;
	return dk_app_victim_event(app, &e);
}

static enum dk_rc
demo_victim(struct dk_app *app, struct dk_rng *r, struct dk_case *c)
{
	struct dk_victim_input in = {.sex = pick(r, demo_sexes, COUNT(demo_sexes)),
	                             .age = pick(r, demo_ages, COUNT(demo_ages))};
	dk_date on = dk_date_add_days(c->reported, (int)dk_rng_below(r, 3));
	dk_date until = demo_open_until(app, c);
	struct dk_victim_event added;
	struct dk_victim v;
	enum dk_rc rc;

	if (on > app->today)
		on = c->reported;
	if ((rc = dk_app_victim_record(app, &in, c->mission, &v, on)) != DK_OK ||
	    (rc = dk_store_victim_link(app->store, v.id, c->id, on, &app->err)) != DK_OK)
		return rc;
	memset(&added, 0, sizeof(added));
	added.victim_id = v.id;
	added.case_id = c->id;
	added.kind = "added";
	added.on = on;
	if ((rc = dk_app_victim_event(app, &added)) != DK_OK)
		return rc;
	if (on > c->last_event_on)
		c->last_event_on = on;
	/* Told of progress every few weeks, sometimes late, while the case is open. */
	dk_date told = dk_date_add_days(on, 10 + (int)dk_rng_below(r, 35));
	for (int k = 0; k < DEMO_MAX_INFORMED && told <= until && rc == DK_OK;
	     k++, told = dk_date_add_days(told, 25 + (int)dk_rng_below(r, 35))) {
		rc = demo_victim_event(app, v.id, "informed", told, NULL, NULL);
		if (told > c->last_event_on)
			c->last_event_on = told;
	}
	for (uint32_t k = dk_rng_below(r, 3); k > 0 && rc == DK_OK; k--) {
		dk_date d = dk_date_add_days(on, (int)dk_rng_below(r, 20));

		if (d <= app->today)
			rc = demo_victim_event(app, v.id, "assistance", d,
			                       pick(r, demo_assistance, COUNT(demo_assistance)),
			                       pick(r, demo_statuses, COUNT(demo_statuses)));
	}
	if (rc == DK_OK && dk_rng_below(r, 20) == 0)
		rc = demo_victim_event(app, v.id, "paternity", on, "claimed", NULL);
	return rc;
}

/* A coded subject, never named, as personnel of the case's category and nationality. */
static enum dk_rc
demo_subject(struct dk_app *app, struct dk_case *c)
{
	char now[DK_RECORDED_LEN];
	struct dk_subject s;
	enum dk_rc rc = DK_EXISTS;

	memset(&s, 0, sizeof(s));
	s.case_id = c->id;
	snprintf(s.personnel, sizeof(s.personnel), "%s",
	         c->personnel[0] ? c->personnel : "unknown");
	snprintf(s.nationality, sizeof(s.nationality), "%s", c->nationality);
	snprintf(s.actor, sizeof(s.actor), "%s", app->account.name);
	s.added_on = c->reported;
	dk_app_now_recorded(now);
	while (rc == DK_EXISTS) {
		dk_app_new_gid(s.gid);
		dk_app_new_code('S', s.code);
		rc = dk_store_subject_add(app->store, &s, app->office, now, NULL, &app->err);
	}
	if (rc == DK_OK && c->state == DK_STATE_ACTION) {
		unsigned char gid[DK_GID_LEN];

		dk_app_new_gid(gid);
		rc = dk_store_subject_action_add(app->store, s.id, c->state_since, "repatriated",
		                                 true, app->account.name, now, gid, app->office,
		                                 &app->err);
	}
	return rc;
}

static bool
demo_is_sea(const struct dk_case *c)
{
	return strcmp(c->category, "sexual_exploitation") == 0 ||
	       strcmp(c->category, "sexual_abuse") == 0;
}

/*
 * A new case and its created event, as dk_app_case_record writes them, but
 * without the deadlines: the demo computes them once, after the whole
 * history. In a bulk load the row itself waits for the end of the history
 * (demo_finish); its events carry the id it will get.
 */
static enum dk_rc
demo_record(struct dk_app *app, struct dk_store_bulk *bulk, int64_t *next_id, struct dk_case *c)
{
	struct dk_buf data = DK_BUF_INIT;
	enum dk_rc rc;

	if ((rc = dk_store_ref_next(app->store, c->mission, c->year, &c->seq, &app->err)) != DK_OK)
		return rc;
	dk_ref_format(c->ref, c->mission, c->year, c->seq);
	dk_app_new_gid(c->gid);
	memcpy(c->office, app->office, DK_GID_LEN);
	if ((rc = dk_app_fields_case(app, c->gid, c->mission)) != DK_OK)
		return rc;
	if (bulk->on)
		c->id = (*next_id)++;
	else if ((rc = dk_store_case_insert(app->store, c, &app->err)) != DK_OK)
		return rc;
	dk_app_created_event_data(&data, c);
	rc = dk_app_append_event(app, c, "created", c->reported, NULL, NULL, NULL, NULL,
	                         dk_buf_str(&data));
	dk_buf_free(&data);
	return rc;
}

/* The case's row and deadlines, once, as the engine leaves them after its last event. */
static enum dk_rc
demo_finish(struct dk_app *app, struct dk_store_bulk *bulk, struct dk_case *c)
{
	struct dk_deadline *d = NULL;
	size_t n = 0;
	enum dk_rc rc;

	if (!bulk->on) {
		if ((rc = dk_store_case_update(app->store, c, &app->err)) != DK_OK)
			return rc;
		return dk_app_recompute_deadlines(app, c);
	}
	/* What dk_app_recompute_deadlines stores: the whole history, today the end of time. */
	if ((rc = dk_app_case_as_of(app, c, INT32_MAX, &d, &n)) == DK_OK &&
	    (rc = dk_store_bulk_deadlines(app->store, c->id, c->ref, c->last_event_on, d, n,
	                                  &app->err)) == DK_OK)
		rc = dk_store_bulk_case(app->store, bulk, c, &app->err);
	free(d);
	return rc;
}

/* One case with its whole history, then its row and deadlines once. */
static enum dk_rc
demo_one(struct dk_app *app, struct dk_rng *r, struct dk_store_bulk *bulk, int64_t *next_id, long i,
         long n)
{
	struct dk_case c;
	uint32_t victims;
	enum dk_rc rc;
	int p;

	demo_case(app, r, i, n, &c);
	p = pick_path(r, (int)dk_date_diff(app->today, c.reported));
	rc = demo_record(app, bulk, next_id, &c);
	for (int k = 0; k < demo_paths[p].len && rc == DK_OK; k++)
		rc = demo_move(app, r, &c, demo_paths[p].path[k], path_outcome(p));
	if (rc == DK_NOTFOUND)
		rc = DK_OK;
	victims = demo_is_sea(&c) ? dk_rng_below(r, 3) : 0;
	for (uint32_t k = 0; k < victims && rc == DK_OK; k++)
		rc = demo_victim(app, r, &c);
	if (rc == DK_OK && demo_is_sea(&c))
		rc = demo_subject(app, &c);
	if (rc == DK_OK)
		rc = demo_finish(app, bulk, &c);
	dk_case_clear(&c);
	return rc;
}

/* The whole demo inside one transaction. */
static enum dk_rc
demo_all(struct dk_app *app, struct dk_store_bulk *bulk, long n, uint64_t seed)
{
	struct dk_rng r;
	int64_t next_id = 0;
	char detail[64];
	enum dk_rc rc;

	if ((rc = dk_app_tx_begin(app, DK_ACTION_DEMO)) != DK_OK)
		return rc;
	for (size_t i = 0; i < COUNT(demo_missions); i++) {
		char norm[DK_MISSION_MAX + 1];

		if ((rc = dk_app_check_mission(app, "demo", demo_missions[i], true, norm)) != DK_OK)
			return dk_app_tx_end(app, rc);
	}
	if (bulk->on && (rc = dk_store_bulk_next_case_id(app->store, &next_id, &app->err)) != DK_OK)
		return dk_app_tx_end(app, rc);
	dk_rng_seed(&r, seed);
	for (long i = 0; i < n && rc == DK_OK; i++)
		rc = demo_one(app, &r, bulk, &next_id, i, n);
	snprintf(detail, sizeof(detail), "cases=%ld seed=%llu", n, (unsigned long long)seed);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "demo", NULL, detail);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_demo(struct dk_app *app, long n, uint64_t seed)
{
	struct dk_store_bulk bulk;
	enum dk_rc rc, end;

	dk_err_clear(&app->err);
	if (n < 1 || n > DEMO_MAX_CASES)
		return dk_app_fail(app, DK_INVALID, _("--cases must be between 1 and %ld"),
		                   DEMO_MAX_CASES);
	/*
	 * Into a database with no case yet: the bulk settings (store_bulk.c) for
	 * the one transaction, and ids from a per-run sequence so each unique id
	 * index is appended to. Both end before returning, whatever happened.
	 */
	memset(&bulk, 0, sizeof(bulk));
	if (app->store != NULL && dk_app_may(app, DK_ACTION_DEMO) &&
	    (rc = dk_store_bulk_begin(app->store, DEMO_BULK_CACHE_MIB, &bulk, &app->err)) != DK_OK)
		return rc;
	dk_app_gid_sequence(true);
	rc = demo_all(app, &bulk, n, seed);
	dk_app_gid_sequence(false);
	end = dk_store_bulk_end(app->store, &bulk, rc == DK_OK ? &app->err : NULL);
	if (rc == DK_OK && end != DK_OK) {
		/*
		 * The cases are committed: the settings not restored are this
		 * connection's alone (every open sets them again), so the demo has
		 * not failed, and must not say "nothing was changed".
		 */
		snprintf(app->notice, sizeof(app->notice), "%s",
		         _("The cases are saved; the usual database settings could not be restored "
		           "and will be at the next opening.\n"));
		dk_err_clear(&app->err);
	}
	return rc;
}
