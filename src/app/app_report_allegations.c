/* report allegations: one allegation per case, counted by the date reported (issue 12). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "app_report.h"

/* How a --by field is read from a case. */
enum field_kind { FIELD_TEXT, FIELD_DATE, FIELD_STATE };

struct field {
	enum field_kind kind;
	size_t offset; /* FIELD_TEXT: a char array of struct dk_case */
	void (*bucket)(dk_date d, char out[DK_REPORT_BUCKET_LEN]); /* FIELD_DATE: of reported */
};

#define TEXT(member)                                                                               \
	{                                                                                          \
		FIELD_TEXT, offsetof(struct dk_case, member), NULL                                 \
	}
#define DATE(fn)                                                                                   \
	{                                                                                          \
		FIELD_DATE, 0, fn                                                                  \
	}

/* The ids, and how each is read, in the same order. */
static const char *const field_ids[] = {
    "mission",   "year",        "quarter", "month", "category", "type",
    "personnel", "nationality", "entity",  "state", "outcome",  "source",
};
static const struct field fields[] = {
    TEXT(mission),          DATE(dk_report_year), DATE(dk_report_quarter),
    DATE(dk_report_month),  TEXT(category),       TEXT(type),
    TEXT(personnel),        TEXT(nationality),    TEXT(entity),
    {FIELD_STATE, 0, NULL}, TEXT(outcome),        TEXT(source),
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))
_Static_assert(sizeof(field_ids) / sizeof(field_ids[0]) == NFIELDS, "one reading per field id");

static const struct dk_report_measure allegation_measures[] = {
    {"allegations", DK_REPORT_COUNT},
    {"victims", DK_REPORT_COUNT},
    {"child_victims", DK_REPORT_COUNT},
    {"subjects", DK_REPORT_COUNT},
};
#define NMEASURES (sizeof(allegation_measures) / sizeof(allegation_measures[0]))

struct count_ctx {
	struct dk_app *app;
	struct report_run *run;
	enum dk_rc rc;
};

static void
key_of(const struct field *f, const struct dk_case *c, char out[DK_REPORT_KEY_MAX])
{
	switch (f->kind) {
	case FIELD_TEXT:
		snprintf(out, DK_REPORT_KEY_MAX, "%s", (const char *)c + f->offset);
		break;
	case FIELD_DATE:
		f->bucket(c->reported, out);
		break;
	case FIELD_STATE:
		snprintf(out, DK_REPORT_KEY_MAX, "%s", dk_state_id(c->state));
		break;
	}
}

/* Counts one case as it stood at the end of today. */
static void
count(struct count_ctx *cc, const struct dk_case *c, const struct dk_report_case_row *row)
{
	char keys[NFIELDS][DK_REPORT_KEY_MAX];
	const char *kp[NFIELDS];
	int64_t values[NMEASURES] = {1, row->victims, row->child_victims, row->subjects};

	/* The store keeps stored rows to the scope; a replayed case's mission is checked here. */
	if (!dk_app_report_wants(cc->app, cc->run, c->mission))
		return;
	for (size_t i = 0; i < cc->run->nby; i++) {
		key_of(&fields[cc->run->field[i]], c, keys[i]);
		kp[i] = keys[i];
	}
	dk_app_report_observe(cc->run, c->ref, kp, values);
}

static bool
count_case(const struct dk_report_case_row *row, void *ctx)
{
	struct count_ctx *cc = ctx;
	struct dk_case c;

	/* Unchanged since today (at most notes, extensions, victims' events): it read so then. */
	if (!row->changed) {
		count(cc, row->c, row);
		return true;
	}
	/* The row holds what the reports count by (case_file_report): replay the whole case. */
	memset(&c, 0, sizeof(c));
	cc->rc = dk_store_case_by_id(cc->app->store, row->c->id, &c, &cc->app->err);
	if (cc->rc == DK_OK)
		cc->rc = dk_app_report_fields_as_of(cc->app, &c);
	if (cc->rc == DK_OK)
		count(cc, &c, row);
	dk_case_clear(&c);
	return cc->rc == DK_OK;
}

/* Reads the cases into the run, within the read transaction. */
static enum dk_rc
fill(struct dk_app *app, struct report_run *run)
{
	struct dk_report_case_query sq = {run->q->from, run->q->to, app->today, run->mission};
	struct count_ctx cc = {app, run, DK_OK};
	enum dk_rc rc = dk_store_report_cases(app->store, &sq, count_case, &cc, &app->err);

	return rc == DK_OK ? cc.rc : rc;
}

const struct report_def dk_report_allegations = {
    "allegations", field_ids, NFIELDS, NULL, 0, allegation_measures, NMEASURES, fill,
};
