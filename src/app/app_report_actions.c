/*
 * report actions (issue 12): the interim and final actions on the subjects
 * of the run's cases, in one walk by case (dk_store_report_actions).
 */
#include <stddef.h>

#include "app_report.h"

static const char *const action_fields[] = {"personnel", "outcome", "action", "mission"};
static const size_t action_default_by[] = {0, 1, 2};
static const struct dk_report_measure action_measures[] = {
    {"interim", DK_REPORT_COUNT},
    {"final", DK_REPORT_COUNT},
};

struct action_ctx {
	struct dk_app *app;
	struct report_run *run;
	struct report_judge judge;
	enum dk_rc rc;
};

/* One action dated by today on a subject added by today: counted when its case is the run's. */
static bool
count_action(const struct dk_report_action_row *a, void *ctx)
{
	struct action_ctx *ac = ctx;
	const struct report_judged *c = dk_app_report_judge(
	    ac->app, ac->run, &ac->judge, a->case_id, a->ref, a->mission, a->outcome, a->changed);
	const int64_t values[] = {a->interim, !a->interim};

	if (c == NULL) {
		ac->rc = ac->app->err.rc != DK_OK ? ac->app->err.rc : DK_IO;
		return false;
	}
	if (c->kept) {
		const char *vals[] = {a->personnel != NULL ? a->personnel : "", c->outcome,
		                      a->action != NULL ? a->action : "", c->mission};

		dk_app_report_observe_fields(ac->run, c->ref, vals, values);
	}
	return true;
}

static enum dk_rc
fill_actions(struct dk_app *app, struct report_run *run)
{
	struct dk_report_case_query sq = {run->q->from, run->q->to, app->today, run->mission};
	static const struct action_ctx zero;
	struct action_ctx ac = zero;
	enum dk_rc rc;

	ac.app = app;
	ac.run = run;
	ac.rc = DK_OK;
	rc = dk_store_report_actions(app->store, &sq, count_action, &ac, &app->err);
	return rc == DK_OK ? ac.rc : rc;
}

const struct report_def dk_report_actions = {
    "actions",
    action_fields,
    sizeof(action_fields) / sizeof(action_fields[0]),
    action_default_by,
    sizeof(action_default_by) / sizeof(action_default_by[0]),
    action_measures,
    sizeof(action_measures) / sizeof(action_measures[0]),
    fill_actions,
};
