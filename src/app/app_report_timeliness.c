/*
 * report timeliness (issue 12): the Member States' reaction time, one
 * observation per case referred by today, its days counted from the
 * referral by its investigation and NIO deadlines.
 */
#include <string.h>

#include "app_report.h"

/* The ids; observe() reads them in the same order. */
static const char *const field_ids[] = {"nationality", "entity", "mission", "personnel", "urgent"};
#define NFIELDS (sizeof(field_ids) / sizeof(field_ids[0]))

enum measure {
	REFERRED,
	NIO_APPOINTED,
	MEDIAN_DAYS_TO_NIO,
	CONCLUDED,
	MEDIAN_DAYS_TO_CONCLUDE,
	P90_DAYS_TO_CONCLUDE,
	MET_ORIGINAL,
	MET_EXTENDED,
	MISSED,
	OPEN_OVERDUE,
	OPEN_ON_TRACK,
	NMEASURES
};

static const struct dk_report_measure timeliness_measures[] = {
    [REFERRED] = {"referred", DK_REPORT_COUNT},
    [NIO_APPOINTED] = {"nio_appointed", DK_REPORT_COUNT},
    [MEDIAN_DAYS_TO_NIO] = {"median_days_to_nio", DK_REPORT_MEDIAN},
    [CONCLUDED] = {"concluded", DK_REPORT_COUNT},
    [MEDIAN_DAYS_TO_CONCLUDE] = {"median_days_to_conclude", DK_REPORT_MEDIAN},
    [P90_DAYS_TO_CONCLUDE] = {"p90_days_to_conclude", DK_REPORT_P90},
    [MET_ORIGINAL] = {"met_original", DK_REPORT_COUNT},
    [MET_EXTENDED] = {"met_extended", DK_REPORT_COUNT},
    [MISSED] = {"missed", DK_REPORT_COUNT},
    [OPEN_OVERDUE] = {"open_overdue", DK_REPORT_COUNT},
    [OPEN_ON_TRACK] = {"open_on_track", DK_REPORT_COUNT},
};
_Static_assert(sizeof(timeliness_measures) / sizeof(timeliness_measures[0]) == NMEASURES,
               "one column per measure");

/* What the investigation deadline that started at the referral says as of today. */
static void
judge_investigation(const struct dk_deadline *inv, dk_date referred, dk_date today, int64_t *v)
{
	if (inv->met_on != DK_DATE_NONE) {
		v[CONCLUDED] = 1;
		v[MEDIAN_DAYS_TO_CONCLUDE] = dk_date_diff(inv->met_on, referred);
		v[P90_DAYS_TO_CONCLUDE] = v[MEDIAN_DAYS_TO_CONCLUDE];
		v[MET_ORIGINAL] = inv->met_on <= inv->original_due;
		v[MET_EXTENDED] = inv->original_due < inv->met_on && inv->met_on <= inv->due;
	}
	v[MISSED] = dk_deadline_status(inv, today) == DK_STATUS_MISSED;
	if (dk_deadline_is_live(inv)) {
		v[OPEN_OVERDUE] = inv->due < today;
		v[OPEN_ON_TRACK] = inv->due >= today;
	}
}

/*
 * One referral, on row->referred_on. A referral closed before its due date
 * without conclusion has no investigation deadline left (closing dropped
 * it): it counts in referred only, and --by urgent reads the case's
 * urgency as of today.
 */
static void
observe(const struct report_case *rc, const struct dk_report_deadline_case *row, void *ctx)
{
	dk_date referred = row->referred_on;
	const struct dk_case *c = &rc->c;
	const struct dk_deadline *inv = dk_app_report_investigation(rc, referred);
	const struct dk_deadline *nio = dk_app_report_nio(rc, referred);
	bool urgent = inv != NULL ? strcmp(inv->rule->id, "investigation_90d") == 0 : c->urgent;
	const char *readings[NFIELDS] = {c->nationality, c->entity, c->mission, c->personnel,
	                                 urgent ? "yes" : "no"};
	int64_t v[NMEASURES] = {0};

	v[MEDIAN_DAYS_TO_NIO] = v[MEDIAN_DAYS_TO_CONCLUDE] = v[P90_DAYS_TO_CONCLUDE] =
	    DK_REPORT_NONE;
	v[REFERRED] = 1;
	if (nio != NULL && nio->met_on != DK_DATE_NONE) {
		v[NIO_APPOINTED] = 1;
		v[MEDIAN_DAYS_TO_NIO] = dk_date_diff(nio->met_on, referred);
	}
	if (inv != NULL)
		judge_investigation(inv, referred, rc->today, v);
	dk_app_report_observe_case(ctx, c, readings, v);
}

/* The window is the referral date's. */
static enum dk_rc
fill(struct dk_app *app, struct report_run *run)
{
	return dk_app_report_each_case(app, run, dk_store_report_referrals, observe, run);
}

const struct report_def dk_report_timeliness = {
    "timeliness", field_ids, NFIELDS, NULL, 0, timeliness_measures, NMEASURES, fill,
};
