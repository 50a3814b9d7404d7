/*
 * What the deadline reports (timeliness, follow-up) share: their cases as
 * they stood at the end of today, each with its own deadlines, and how one
 * is observed.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_report.h"

static const char *const investigation_rules[] = {"investigation_6m", "investigation_90d", NULL};
static const char *const nio_rules[] = {"nio_appointment", NULL};

static void
keep(struct report_case *rc, const struct dk_deadline *d)
{
	if (rc->n == rc->cap) {
		rc->cap = rc->cap ? 2 * rc->cap : 8;
		rc->d = dk_xrealloc(rc->d, rc->cap * sizeof(*rc->d));
	}
	rc->d[rc->n++] = *d;
}

/* Replays a case changed after today; keeps the case's own deadlines. */
static enum dk_rc
replay(struct dk_app *app, struct report_case *rc)
{
	struct dk_deadline *d = NULL;
	size_t n = 0;
	enum dk_rc res = dk_app_case_as_of(app, &rc->c, app->today, &d, &n);

	for (size_t i = 0; i < n; i++)
		if (d[i].victim[0] == '\0')
			keep(rc, &d[i]);
	free(d);
	return res;
}

/* Reads a stored row into rc as the case stood at the end of today. */
static enum dk_rc
case_as_of(struct dk_app *app, const struct dk_report_deadline_case *row, struct report_case *rc)
{
	struct dk_deadline d;

	dk_case_clear(&rc->c); /* a summary an earlier replay put back */
	rc->c = *row->c;
	rc->c.summary = NULL; /* not read, and owned by the store */
	rc->n = 0;
	if (row->changed)
		return replay(app, rc);
	/* Neither moved, set nor extended since: its fields and own deadlines are today's. */
	for (size_t i = 0; i < row->nd; i++)
		if (dk_app_deadline_from_row(app, &row->d[i], &d))
			keep(rc, &d);
	return DK_OK;
}

struct walk {
	struct dk_app *app;
	struct report_run *run;
	struct report_case rc;
	void (*fn)(const struct report_case *rc, const struct dk_report_deadline_case *row,
	           void *ctx);
	void *ctx;
	enum dk_rc status;
};

static bool
walk_case(const struct dk_report_deadline_case *row, void *ctx)
{
	struct walk *w = ctx;

	if ((w->status = case_as_of(w->app, row, &w->rc)) != DK_OK)
		return false;
	/* The store keeps stored rows to the scope; a replayed case's mission is checked here. */
	if (dk_app_report_wants(w->app, w->run, w->rc.c.mission))
		w->fn(&w->rc, row, w->ctx);
	return true;
}

enum dk_rc
dk_app_report_each_case(struct dk_app *app, struct report_run *run, report_case_stream stream,
                        void (*fn)(const struct report_case *rc,
                                   const struct dk_report_deadline_case *row, void *ctx),
                        void *ctx)
{
	struct dk_report_case_query sq = {run->q->from, run->q->to, app->today, run->mission};
	struct walk w;
	enum dk_rc rc;

	memset(&w, 0, sizeof(w));
	w.app = app;
	w.run = run;
	w.rc.today = app->today;
	w.fn = fn;
	w.ctx = ctx;
	rc = stream(app->store, &sq, walk_case, &w, &app->err);
	dk_case_clear(&w.rc.c);
	free(w.rc.d);
	return rc == DK_OK ? w.status : rc;
}

void
dk_app_report_observe_case(struct report_run *run, const struct dk_case *c,
                           const char *const *readings, const int64_t *values)
{
	const char *keys[DK_REPORT_MAX_BY];

	for (size_t i = 0; i < run->nby; i++)
		keys[i] = readings[run->field[i]];
	dk_app_report_observe(run, c->ref, keys, values);
}

static bool
named(const char *id, const char *const *rules)
{
	for (; *rules != NULL; rules++)
		if (strcmp(id, *rules) == 0)
			return true;
	return false;
}

/* The deadline of one of rules that started on start (DK_DATE_NONE: the latest start). */
static const struct dk_deadline *
find(const struct report_case *rc, const char *const *rules, dk_date start)
{
	const struct dk_deadline *best = NULL;

	for (size_t i = 0; i < rc->n; i++) {
		const struct dk_deadline *d = &rc->d[i];

		if (!named(d->rule->id, rules) || (start != DK_DATE_NONE && d->start != start))
			continue;
		if (best == NULL || d->start > best->start)
			best = d;
	}
	return best;
}

const struct dk_deadline *
dk_app_report_investigation(const struct report_case *rc, dk_date start)
{
	return find(rc, investigation_rules, start);
}

const struct dk_deadline *
dk_app_report_nio(const struct report_case *rc, dk_date start)
{
	return find(rc, nio_rules, start);
}
