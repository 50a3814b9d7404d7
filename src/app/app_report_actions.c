/* report actions (issue 12): the interim and final actions on the subjects of the run's cases. */
#include <stddef.h>

#include "app_report.h"

static const char *const action_fields[] = {"personnel", "outcome", "action", "mission"};
static const size_t action_default_by[] = {0, 1, 2};
static const struct dk_report_measure action_measures[] = {
    {"interim", DK_REPORT_COUNT},
    {"final", DK_REPORT_COUNT},
};

struct action_ctx {
	struct report_run *run;
	struct report_window cases;
};

/* One action dated by today on a subject added by today: counted when its case is the run's. */
static bool
count_action(const struct dk_report_action_row *a, void *ctx)
{
	struct action_ctx *ac = ctx;
	const struct report_window_case *c = dk_app_report_window_find(&ac->cases, a->case_id);
	const char *vals[] = {a->personnel != NULL ? a->personnel : "", c != NULL ? c->outcome : "",
	                      a->action != NULL ? a->action : "", c != NULL ? c->mission : ""};
	const int64_t values[] = {a->interim, !a->interim};

	if (c != NULL)
		dk_app_report_observe_fields(ac->run, c->ref, vals, values);
	return true;
}

static enum dk_rc
fill_actions(struct dk_app *app, struct report_run *run)
{
	struct action_ctx ac = {run, {NULL, 0, 0}};
	enum dk_rc rc = dk_app_report_window(app, run, &ac.cases);

	if (rc == DK_OK && ac.cases.n > 0)
		rc = dk_store_report_actions(app->store, app->today, count_action, &ac, &app->err);
	dk_app_report_window_free(&ac.cases);
	return rc;
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
