/*
 * report follow-up (issue 12), the committee's view: per case as it stood
 * at the end of today, what is outstanding (an NIO not appointed, an
 * investigation overdue, an action not recorded, paternity claims pending)
 * and for how many days. A case with nothing outstanding is not observed.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_report.h"

/* The ids; observe() reads them in the same order. */
static const char *const field_ids[] = {"nationality", "mission", "entity", "personnel"};
#define NFIELDS (sizeof(field_ids) / sizeof(field_ids[0]))
static const size_t by_nationality[] = {0};

enum measure {
	NIO_OVERDUE,
	NIO_OVERDUE_DAYS,
	INVESTIGATION_OVERDUE,
	INVESTIGATION_OVERDUE_DAYS,
	ACTION_PENDING,
	ACTION_PENDING_DAYS,
	PATERNITY_PENDING,
	PATERNITY_PENDING_DAYS,
	NMEASURES
};

static const struct dk_report_measure follow_up_measures[] = {
    [NIO_OVERDUE] = {"nio_overdue", DK_REPORT_COUNT},
    [NIO_OVERDUE_DAYS] = {"nio_overdue_days", DK_REPORT_MAX},
    [INVESTIGATION_OVERDUE] = {"investigation_overdue", DK_REPORT_COUNT},
    [INVESTIGATION_OVERDUE_DAYS] = {"investigation_overdue_days", DK_REPORT_MAX},
    [ACTION_PENDING] = {"action_pending", DK_REPORT_COUNT},
    [ACTION_PENDING_DAYS] = {"action_pending_days", DK_REPORT_MAX},
    [PATERNITY_PENDING] = {"paternity_pending", DK_REPORT_COUNT},
    [PATERNITY_PENDING_DAYS] = {"paternity_pending_days", DK_REPORT_MAX},
};
_Static_assert(sizeof(follow_up_measures) / sizeof(follow_up_measures[0]) == NMEASURES,
               "one column per measure");

/* The steps that leave a claim pending; any other (none, support_ordered, closed) is final. */
static const char *const pending_steps[] = {"claimed", "dna_pending", "established"};

/* A case's pending paternity claims: how many, and the oldest one's days. */
struct claims {
	int64_t case_id;
	int64_t count;
	int64_t days;
};

struct follow_ctx {
	struct report_run *run;
	dk_date today;
	/* The claims, by case: read before the cases, looked up for each. */
	struct claims *claims;
	size_t nclaims, cap;
	/* The claim being read: its case and victim, and since when it is pending. */
	int64_t case_id, victim_id;
	dk_date pending_since; /* DK_DATE_NONE: its last step is final */
};

static bool
pending_step(const char *step)
{
	for (size_t i = 0; i < sizeof(pending_steps) / sizeof(pending_steps[0]); i++)
		if (strcmp(step, pending_steps[i]) == 0)
			return true;
	return false;
}

/* Counts the claim read so far, when its last step leaves it pending. */
static void
end_claim(struct follow_ctx *fc)
{
	struct claims *last = fc->nclaims > 0 ? &fc->claims[fc->nclaims - 1] : NULL;
	int64_t days;

	if (fc->pending_since == DK_DATE_NONE)
		return;
	days = dk_date_diff(fc->today, fc->pending_since);
	if (last == NULL || last->case_id != fc->case_id) {
		if (fc->nclaims == fc->cap) {
			fc->cap = fc->cap ? 2 * fc->cap : 64;
			fc->claims = dk_xrealloc(fc->claims, fc->cap * sizeof(*fc->claims));
		}
		last = &fc->claims[fc->nclaims++];
		*last = (struct claims){fc->case_id, 0, days};
	}
	last->count++;
	if (days > last->days)
		last->days = days;
}

/*
 * Steps come by case, victim, then date: a claim is pending since the first
 * of the steps after its last final one (or its first step).
 */
static bool
claim_step(const struct dk_report_paternity_step *p, void *ctx)
{
	struct follow_ctx *fc = ctx;

	if (p->case_id != fc->case_id || p->victim_id != fc->victim_id) {
		end_claim(fc);
		fc->case_id = p->case_id;
		fc->victim_id = p->victim_id;
		fc->pending_since = DK_DATE_NONE;
	}
	if (!pending_step(p->step))
		fc->pending_since = DK_DATE_NONE;
	else if (fc->pending_since == DK_DATE_NONE)
		fc->pending_since = p->on;
	return true;
}

static int
claims_cmp(const void *key, const void *item)
{
	int64_t id = *(const int64_t *)key, other = ((const struct claims *)item)->case_id;

	return id < other ? -1 : id > other;
}

/* Whether the case waits for an outcome, or for a final action on one of its subjects. */
static bool
action_pending(const struct dk_case *c, long unactioned)
{
	if (c->state != DK_STATE_CONCLUDED && c->state != DK_STATE_ACTION)
		return false;
	return c->outcome[0] == '\0' ||
	       (strcmp(c->outcome, "substantiated") == 0 && unactioned > 0);
}

/* A live deadline past due: 1 and its days overdue into v[count], v[count + 1]. */
static void
overdue(const struct dk_deadline *d, dk_date today, int64_t *v, size_t count)
{
	if (d == NULL || !dk_deadline_is_live(d) || d->due >= today)
		return;
	v[count] = 1;
	v[count + 1] = dk_date_diff(today, d->due);
}

/* Reads what is outstanding in the case into v; false when nothing is. */
static bool
outstanding(const struct follow_ctx *fc, const struct report_case *rc, long unactioned, int64_t *v)
{
	const struct dk_case *c = &rc->c;
	const struct dk_deadline *inv = dk_app_report_investigation(rc, DK_DATE_NONE);
	const struct claims *cl = fc->nclaims == 0 ? NULL /* bsearch wants a base, even empty */
	                                           : bsearch(&c->id, fc->claims, fc->nclaims,
	                                                     sizeof(*fc->claims), claims_cmp);

	for (size_t m = 0; m < NMEASURES; m++)
		v[m] = follow_up_measures[m].kind == DK_REPORT_COUNT ? 0 : DK_REPORT_NONE;
	if (c->state == DK_STATE_REFERRED)
		overdue(dk_app_report_nio(rc, DK_DATE_NONE), rc->today, v, NIO_OVERDUE);
	overdue(inv, rc->today, v, INVESTIGATION_OVERDUE);
	if (action_pending(c, unactioned)) {
		v[ACTION_PENDING] = 1;
		/* The move to concluded met the investigation deadline. */
		if (inv != NULL && inv->met_on != DK_DATE_NONE)
			v[ACTION_PENDING_DAYS] = dk_date_diff(rc->today, inv->met_on);
	}
	if (cl != NULL) {
		v[PATERNITY_PENDING] = cl->count;
		v[PATERNITY_PENDING_DAYS] = cl->days;
	}
	return v[NIO_OVERDUE] || v[INVESTIGATION_OVERDUE] || v[ACTION_PENDING] ||
	       v[PATERNITY_PENDING];
}

static void
observe(const struct report_case *rc, const struct dk_report_deadline_case *row, void *ctx)
{
	struct follow_ctx *fc = ctx;
	const struct dk_case *c = &rc->c;
	const char *readings[NFIELDS] = {c->nationality, c->mission, c->entity, c->personnel};
	int64_t v[NMEASURES];

	if (outstanding(fc, rc, row->unactioned, v))
		dk_app_report_observe_case(fc->run, c, readings, v);
}

/* The pending claims first (few), then the cases that may have something outstanding. */
static enum dk_rc
fill(struct dk_app *app, struct report_run *run)
{
	struct follow_ctx fc;
	enum dk_rc rc;

	memset(&fc, 0, sizeof(fc));
	fc.run = run;
	fc.today = app->today;
	fc.pending_since = DK_DATE_NONE;
	rc = dk_store_report_paternity(app->store, app->today, claim_step, &fc, &app->err);
	end_claim(&fc);
	if (rc == DK_OK)
		rc = dk_app_report_each_case(app, run, dk_store_report_follow_up, observe, &fc);
	free(fc.claims);
	return rc;
}

const struct report_def dk_report_follow_up = {
    "follow-up", field_ids, NFIELDS, by_nationality, 1, follow_up_measures, NMEASURES, fill,
};
