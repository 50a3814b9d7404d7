/*
 * report victims, assistance, paternity (issue 12): the victims named by
 * today in the run's cases, each once; their assistance lines and paternity
 * claims as they stood. Also the run's cases, which actions counts over too.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_report.h"

/* ---- the run's cases, as they stood today ---- */

struct window_ctx {
	struct dk_app *app;
	const struct report_run *run;
	struct report_window *out;
	enum dk_rc rc;
};

/* Copies src, cut to size (a field that fits: identifiers and references). */
static void
copy_field(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strnlen(src, size - 1) : 0;

	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}

static void
keep_case(struct window_ctx *wc, int64_t id, const char *ref, const char *mission,
          const char *outcome)
{
	struct report_window *cs = wc->out;
	struct report_window_case *k;

	if (mission == NULL || !dk_app_report_wants(wc->app, wc->run, mission))
		return;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 256;
		cs->items = dk_xrealloc(cs->items, cs->cap * sizeof(*cs->items));
	}
	k = &cs->items[cs->n++];
	k->id = id;
	copy_field(k->ref, sizeof(k->ref), ref);
	copy_field(k->mission, sizeof(k->mission), mission);
	copy_field(k->outcome, sizeof(k->outcome), outcome);
}

static bool
window_row(const struct dk_report_window_row *row, void *ctx)
{
	struct window_ctx *wc = ctx;
	struct dk_case c;

	if (row->later == NULL) {
		keep_case(wc, row->id, row->ref, row->mission, row->outcome);
		return true;
	}
	/* Created, moved or set after today: its mission and outcome as they stood. */
	c = *row->later;
	c.summary = NULL; /* owned by the store */
	wc->rc = dk_app_report_fields_as_of(wc->app, &c);
	if (wc->rc == DK_OK)
		keep_case(wc, c.id, c.ref, c.mission, c.outcome);
	dk_case_clear(&c);
	return wc->rc == DK_OK;
}

enum dk_rc
dk_app_report_window(struct dk_app *app, const struct report_run *run, struct report_window *out)
{
	struct dk_report_case_query sq = {run->q->from, run->q->to, app->today, run->mission};
	struct window_ctx wc = {app, run, out, DK_OK};
	enum dk_rc rc;

	memset(out, 0, sizeof(*out));
	rc = dk_store_report_window_cases(app->store, &sq, window_row, &wc, &app->err);
	return rc == DK_OK ? wc.rc : rc;
}

static int
case_cmp(const void *key, const void *item)
{
	int64_t id = *(const int64_t *)key, other = ((const struct report_window_case *)item)->id;

	return (id > other) - (id < other);
}

const struct report_window_case *
dk_app_report_window_find(const struct report_window *cs, int64_t id)
{
	if (cs->n == 0)
		return NULL;
	return bsearch(&id, cs->items, cs->n, sizeof(*cs->items), case_cmp);
}

void
dk_app_report_window_free(struct report_window *cs)
{
	free(cs->items);
	memset(cs, 0, sizeof(*cs));
}

void
dk_app_report_observe_fields(struct report_run *run, const char *ref, const char *const *vals,
                             const int64_t *values)
{
	const char *keys[DK_REPORT_MAX_BY];

	for (size_t i = 0; i < run->nby; i++)
		keys[i] = vals[run->field[i]];
	dk_app_report_observe(run, ref, keys, values);
}

/* ---- the victims named in them ---- */

struct victim {
	int64_t id;
	char sex[DK_IDENT_MAX];
	char age[DK_IDENT_MAX];
	size_t first, n; /* its cases: case_of[first .. first + n) */
};

struct victim_set {
	struct report_window cases;
	struct victim *items; /* by id */
	size_t n, cap;
	size_t *case_of; /* indices into cases.items, by victim */
	size_t nlinks, links_cap;
};

/* A naming by today (in id order): kept when its case is one of the run's. */
static bool
link_victim(const struct dk_report_victim_link *l, void *ctx)
{
	struct victim_set *vs = ctx;
	const struct report_window_case *c = dk_app_report_window_find(&vs->cases, l->case_id);
	struct victim *v;

	if (c == NULL)
		return true;
	if (vs->n == 0 || vs->items[vs->n - 1].id != l->victim_id) {
		if (vs->n == vs->cap) {
			vs->cap = vs->cap ? 2 * vs->cap : 256;
			vs->items = dk_xrealloc(vs->items, vs->cap * sizeof(*vs->items));
		}
		v = &vs->items[vs->n++];
		v->id = l->victim_id;
		copy_field(v->sex, sizeof(v->sex), l->sex);
		copy_field(v->age, sizeof(v->age), l->age);
		v->first = vs->nlinks;
		v->n = 0;
	}
	if (vs->nlinks == vs->links_cap) {
		vs->links_cap = vs->links_cap ? 2 * vs->links_cap : 256;
		vs->case_of = dk_xrealloc(vs->case_of, vs->links_cap * sizeof(*vs->case_of));
	}
	vs->case_of[vs->nlinks++] = (size_t)(c - vs->cases.items);
	vs->items[vs->n - 1].n++;
	return true;
}

static void
victim_set_free(struct victim_set *vs)
{
	dk_app_report_window_free(&vs->cases);
	free(vs->items);
	free(vs->case_of);
	memset(vs, 0, sizeof(*vs));
}

static enum dk_rc
victim_set(struct dk_app *app, const struct report_run *run, struct victim_set *vs)
{
	enum dk_rc rc;

	memset(vs, 0, sizeof(*vs));
	if ((rc = dk_app_report_window(app, run, &vs->cases)) != DK_OK || vs->cases.n == 0)
		return rc;
	return dk_store_report_victim_links(app->store, app->today, link_victim, vs, &app->err);
}

static int
victim_cmp(const void *key, const void *item)
{
	int64_t id = *(const int64_t *)key, other = ((const struct victim *)item)->id;

	return (id > other) - (id < other);
}

static const struct victim *
victim_of(const struct victim_set *vs, int64_t id)
{
	if (vs->n == 0)
		return NULL;
	return bsearch(&id, vs->items, vs->n, sizeof(*vs->items), victim_cmp);
}

/* ---- victims: by sex and age band ---- */

static const char *const victim_fields[] = {"sex", "age"};
static const size_t victim_default_by[] = {0, 1};
static const struct dk_report_measure victim_measures[] = {{"victims", DK_REPORT_COUNT}};

static enum dk_rc
fill_victims(struct dk_app *app, struct report_run *run)
{
	static const int64_t one[] = {1};
	struct victim_set vs;
	enum dk_rc rc = victim_set(app, run, &vs);

	for (size_t i = 0; rc == DK_OK && i < vs.n; i++) {
		const char *vals[] = {vs.items[i].sex, vs.items[i].age};

		/* A victim is no one case's: nothing to drill into. */
		dk_app_report_observe_fields(run, NULL, vals, one);
	}
	victim_set_free(&vs);
	return rc;
}

/* ---- assistance lines and paternity claims: the latest event of a group ---- */

struct latest {
	struct report_run *run;
	const struct victim_set *vs;
	bool by_item; /* a group is a victim's item (assistance line), else a victim's steps */
	void (*emit)(struct latest *l, const struct victim *v);
	bool open; /* a group is being read */
	int64_t victim;
	char item[DK_IDENT_MAX];
	char status[DK_IDENT_MAX];
};

/* The group read is over: its last event is its latest; counted when its victim is the run's. */
static void
close_group(struct latest *l)
{
	const struct victim *v = l->open ? victim_of(l->vs, l->victim) : NULL;

	if (v != NULL)
		l->emit(l, v);
	l->open = false;
}

static bool
latest_event(const struct dk_report_victim_step *e, void *ctx)
{
	struct latest *l = ctx;
	const char *item = e->item != NULL ? e->item : "";

	if (l->open && (e->victim_id != l->victim || (l->by_item && strcmp(item, l->item) != 0)))
		close_group(l);
	l->open = true;
	l->victim = e->victim_id;
	copy_field(l->item, sizeof(l->item), item);
	copy_field(l->status, sizeof(l->status), e->status);
	return true;
}

/* Reads the events (read) of the run's victims, each group's latest to emit. */
static enum dk_rc
fill_latest(struct dk_app *app, struct report_run *run,
            enum dk_rc (*read)(struct dk_store *s, dk_date as_of,
                               bool (*fn)(const struct dk_report_victim_step *e, void *ctx),
                               void *ctx, struct dk_err *err),
            bool by_item, void (*emit)(struct latest *l, const struct victim *v))
{
	struct victim_set vs;
	struct latest l;
	enum dk_rc rc = victim_set(app, run, &vs);

	memset(&l, 0, sizeof(l));
	l.run = run;
	l.vs = &vs;
	l.by_item = by_item;
	l.emit = emit;
	if (rc == DK_OK && vs.n > 0)
		rc = read(app->store, app->today, latest_event, &l, &app->err);
	if (rc == DK_OK)
		close_group(&l);
	victim_set_free(&vs);
	return rc;
}

static const char *const assistance_fields[] = {"kind", "status"};
static const size_t assistance_default_by[] = {0, 1};
static const struct dk_report_measure assistance_measures[] = {{"lines", DK_REPORT_COUNT}};

/* One line: the victim's assistance of one kind, as its victim view shows it. */
static void
emit_line(struct latest *l, const struct victim *v)
{
	static const int64_t one[] = {1};
	const char *vals[] = {l->item, l->status};

	(void)v;
	dk_app_report_observe_fields(l->run, NULL, vals, one);
}

static enum dk_rc
fill_assistance(struct dk_app *app, struct report_run *run)
{
	return fill_latest(app, run, dk_store_report_assistance, true, emit_line);
}

static const char *const paternity_fields[] = {"step"};
static const size_t paternity_default_by[] = {0};
static const struct dk_report_measure paternity_measures[] = {{"claims", DK_REPORT_COUNT}};

/*
 * A victim's paternity steps carry no case (the victim view shows one
 * claim per victim): the claim in each of the run's cases naming the
 * victim is at the victim's latest step.
 */
static void
emit_claims(struct latest *l, const struct victim *v)
{
	static const int64_t one[] = {1};
	const char *vals[] = {l->item};

	for (size_t i = 0; i < v->n; i++)
		dk_app_report_observe_fields(
		    l->run, l->vs->cases.items[l->vs->case_of[v->first + i]].ref, vals, one);
}

static enum dk_rc
fill_paternity(struct dk_app *app, struct report_run *run)
{
	return fill_latest(app, run, dk_store_report_victim_paternity, false, emit_claims);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define REPORT(name, fields, by, measures, fill)                                                   \
	{                                                                                          \
		name, fields, COUNT(fields), by, COUNT(by), measures, COUNT(measures), fill        \
	}

const struct report_def dk_report_victims =
    REPORT("victims", victim_fields, victim_default_by, victim_measures, fill_victims);
const struct report_def dk_report_assistance = REPORT(
    "assistance", assistance_fields, assistance_default_by, assistance_measures, fill_assistance);
const struct report_def dk_report_paternity =
    REPORT("paternity", paternity_fields, paternity_default_by, paternity_measures, fill_paternity);
