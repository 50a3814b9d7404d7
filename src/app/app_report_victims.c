/*
 * report victims, assistance, paternity (issue 12): the victims named by
 * today in the run's cases, each once; their assistance lines and paternity
 * claims as they stood. One walk by victim (dk_store_report_victim_cases,
 * issue 14): a victim's cases, then its events; what is kept is one victim's
 * at a time, never the run's cases.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_report.h"

/* Copies src, cut to size (a field that fits: identifiers and references). */
static void
copy_field(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strnlen(src, size - 1) : 0;

	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}

/* Reads case id whole, as it stood at the end of today, into j; DK_OK or a failure. */
static enum dk_rc
replay(struct dk_app *app, int64_t id, struct report_judged *j)
{
	struct dk_case c;
	enum dk_rc rc;

	memset(&c, 0, sizeof(c));
	if ((rc = dk_store_case_by_id(app->store, id, &c, &app->err)) == DK_OK &&
	    (rc = dk_app_report_fields_as_of(app, &c)) == DK_OK) {
		copy_field(j->mission, sizeof(j->mission), c.mission);
		copy_field(j->outcome, sizeof(j->outcome), c.outcome);
	}
	dk_case_clear(&c);
	return rc;
}

const struct report_judged *
dk_app_report_judge(struct dk_app *app, const struct report_run *run, struct report_judge *jc,
                    int64_t id, const char *ref, const char *mission, const char *outcome,
                    bool changed)
{
	struct report_judged *j = &jc->slot[(uint64_t)id % DK_REPORT_JUDGE_CACHE];

	if (j->id == id)
		return j;
	j->id = 0;
	copy_field(j->ref, sizeof(j->ref), ref);
	copy_field(j->mission, sizeof(j->mission), mission);
	copy_field(j->outcome, sizeof(j->outcome), outcome);
	/* Created, moved or set after today: its mission and outcome as they stood. */
	if (changed && replay(app, id, j) != DK_OK)
		return NULL;
	j->kept = dk_app_report_wants(app, run, j->mission);
	j->id = id;
	return j;
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

/* ---- the walk: one victim at a time ---- */

struct walk {
	struct dk_app *app;
	struct report_run *run;
	struct report_judge judge;
	enum dk_rc rc;
	/* The victim being read: kept when named in one of the run's cases (their refs). */
	int64_t victim;
	char sex[DK_IDENT_MAX];
	char age[DK_IDENT_MAX];
	char (*refs)[DK_REF_MAX];
	size_t nrefs, cap;
	/* Its events: a group (one line, or its claim) and the latest event of it. */
	bool by_item; /* a group is a victim's item (assistance line), else a victim's steps */
	void (*emit)(struct walk *w);
	bool open;
	char item[DK_IDENT_MAX];
	char status[DK_IDENT_MAX];
};

/* The group read is over: its last event is its latest; counted when its victim is the run's. */
static void
close_group(struct walk *w)
{
	if (w->open && w->nrefs > 0)
		w->emit(w);
	w->open = false;
}

/* A victim is read (its cases and events): the victims report counts it once. */
static void
close_victim(struct walk *w)
{
	static const int64_t one[] = {1};
	const char *vals[] = {w->sex, w->age};

	close_group(w);
	/* A victim is no one case's: nothing to drill into. */
	if (w->emit == NULL && w->nrefs > 0)
		dk_app_report_observe_fields(w->run, NULL, vals, one);
	w->nrefs = 0;
}

static bool
on_case(const struct dk_report_victim_case *l, void *ctx)
{
	struct walk *w = ctx;
	const struct report_judged *j;

	if (l->victim_id != w->victim) {
		close_victim(w);
		w->victim = l->victim_id;
		copy_field(w->sex, sizeof(w->sex), l->sex);
		copy_field(w->age, sizeof(w->age), l->age);
	}
	j = dk_app_report_judge(w->app, w->run, &w->judge, l->case_id, l->ref, l->mission,
	                        l->outcome, l->changed);
	if (j == NULL) {
		w->rc = w->app->err.rc != DK_OK ? w->app->err.rc : DK_IO;
		return false;
	}
	if (!j->kept)
		return true;
	if (w->nrefs == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		w->refs = dk_xrealloc(w->refs, w->cap * sizeof(*w->refs));
	}
	memcpy(w->refs[w->nrefs++], j->ref, sizeof(*w->refs));
	return true;
}

static bool
on_step(const struct dk_report_victim_step *e, void *ctx)
{
	struct walk *w = ctx;
	const char *item = e->item != NULL ? e->item : "";

	if (w->open && w->by_item && strcmp(item, w->item) != 0)
		close_group(w);
	w->open = true;
	copy_field(w->item, sizeof(w->item), item);
	copy_field(w->status, sizeof(w->status), e->status);
	return true;
}

/* Walks the run's victims (steps: their events too), each to close_victim and emit. */
static enum dk_rc
walk(struct dk_app *app, struct report_run *run, enum dk_report_steps steps, bool by_item,
     void (*emit)(struct walk *w))
{
	struct dk_report_case_query sq = {run->q->from, run->q->to, app->today, run->mission};
	struct walk *w = dk_xcalloc(1, sizeof(*w));
	enum dk_rc rc;

	w->app = app;
	w->run = run;
	w->rc = DK_OK;
	w->by_item = by_item;
	w->emit = emit;
	rc = dk_store_report_victim_cases(app->store, &sq, steps, on_case,
	                                  steps != DK_REPORT_STEPS_NONE ? on_step : NULL, w,
	                                  &app->err);
	if (rc == DK_OK && (rc = w->rc) == DK_OK)
		close_victim(w);
	free(w->refs);
	free(w);
	return rc;
}

/* ---- victims: by sex and age band ---- */

static const char *const victim_fields[] = {"sex", "age"};
static const size_t victim_default_by[] = {0, 1};
static const struct dk_report_measure victim_measures[] = {{"victims", DK_REPORT_COUNT}};

static enum dk_rc
fill_victims(struct dk_app *app, struct report_run *run)
{
	return walk(app, run, DK_REPORT_STEPS_NONE, false, NULL);
}

/* ---- assistance lines and paternity claims: the latest event of a group ---- */

static const char *const assistance_fields[] = {"kind", "status"};
static const size_t assistance_default_by[] = {0, 1};
static const struct dk_report_measure assistance_measures[] = {{"lines", DK_REPORT_COUNT}};

/* One line: the victim's assistance of one kind, as its victim view shows it. */
static void
emit_line(struct walk *w)
{
	static const int64_t one[] = {1};
	const char *vals[] = {w->item, w->status};

	dk_app_report_observe_fields(w->run, NULL, vals, one);
}

static enum dk_rc
fill_assistance(struct dk_app *app, struct report_run *run)
{
	return walk(app, run, DK_REPORT_STEPS_ASSISTANCE, true, emit_line);
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
emit_claims(struct walk *w)
{
	static const int64_t one[] = {1};
	const char *vals[] = {w->item};

	for (size_t i = 0; i < w->nrefs; i++)
		dk_app_report_observe_fields(w->run, w->refs[i], vals, one);
}

static enum dk_rc
fill_paternity(struct dk_app *app, struct report_run *run)
{
	return walk(app, run, DK_REPORT_STEPS_PATERNITY, false, emit_claims);
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
