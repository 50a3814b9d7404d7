/* Reports (issue 12): the store's rows counted into a core report table, in one read. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "app_internal.h"

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
const char *const dk_report_allegation_fields[] = {
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
const size_t dk_report_nallegation_fields = NFIELDS;
_Static_assert(sizeof(dk_report_allegation_fields) / sizeof(dk_report_allegation_fields[0]) ==
                   NFIELDS,
               "one reading per field id");

static const struct dk_report_measure allegation_measures[] = {
    {"allegations", DK_REPORT_COUNT},
    {"victims", DK_REPORT_COUNT},
    {"child_victims", DK_REPORT_COUNT},
    {"subjects", DK_REPORT_COUNT},
};
#define NMEASURES (sizeof(allegation_measures) / sizeof(allegation_measures[0]))

/* Room for any key: an identifier, a mission code or a date bucket. */
#define KEY_MAX DK_IDENT_MAX

/* Refuses a field id: the closest one when there is one, else all of them. */
static enum dk_rc
unknown_field(struct dk_app *app, const char *typed)
{
	int best = dk_text_closest(typed, dk_report_allegation_fields, NFIELDS);
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	if (best >= 0)
		/* TRANSLATORS: the second %s is a field id such as "nationality", kept in English.
		 */
		return dk_app_fail(app, DK_INVALID,
		                   _("--by: unknown field '%s' (did you mean %s?)"), typed,
		                   dk_report_allegation_fields[best]);
	for (size_t i = 0; i < NFIELDS; i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", dk_report_allegation_fields[i]);
	rc = dk_app_fail_unknown(app, "--by", typed, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

/* Finds each typed field in the table (field[i] its index); refuses an unknown or repeated one. */
static enum dk_rc
check_fields(struct dk_app *app, const struct dk_report_query *q, size_t field[NFIELDS])
{
	if (q->nby > NFIELDS)
		return dk_app_fail(app, DK_INVALID, _("--by: at most %zu fields"), (size_t)NFIELDS);
	for (size_t i = 0; i < q->nby; i++) {
		for (field[i] = 0; field[i] < NFIELDS; field[i]++)
			if (strcmp(q->by[i], dk_report_allegation_fields[field[i]]) == 0)
				break;
		for (size_t j = 0; field[i] < NFIELDS && j < i; j++)
			if (field[j] == field[i])
				return dk_app_fail(app, DK_INVALID,
				                   _("--by: field '%s' given twice"), q->by[i]);
		if (field[i] < NFIELDS)
			continue;
		return unknown_field(app, q->by[i]);
	}
	return DK_OK;
}

struct count_ctx {
	struct dk_app *app;
	const char *mission; /* normalized, or NULL */
	const size_t *field;
	size_t nby;
	struct dk_report *r;
	enum dk_rc rc;
};

static void
key_of(const struct field *f, const struct dk_case *c, char out[KEY_MAX])
{
	switch (f->kind) {
	case FIELD_TEXT:
		snprintf(out, KEY_MAX, "%s", (const char *)c + f->offset);
		break;
	case FIELD_DATE:
		f->bucket(c->reported, out);
		break;
	case FIELD_STATE:
		snprintf(out, KEY_MAX, "%s", dk_state_id(c->state));
		break;
	}
}

/* Counts one case as it stood at the end of today. */
static void
count(struct count_ctx *cc, const struct dk_case *c, const struct dk_report_case_row *row)
{
	char keys[NFIELDS][KEY_MAX];
	const char *kp[NFIELDS];
	int64_t values[NMEASURES] = {1, row->victims, row->child_victims, row->subjects};

	/* The store keeps stored rows to the scope; a replayed case's mission is checked here. */
	if ((cc->mission != NULL && strcmp(c->mission, cc->mission) != 0) ||
	    !dk_app_in_scope(cc->app, c->mission))
		return;
	for (size_t i = 0; i < cc->nby; i++) {
		key_of(&fields[cc->field[i]], c, keys[i]);
		kp[i] = keys[i];
	}
	dk_report_add(cc->r, kp, values);
}

static bool
count_case(const struct dk_report_case_row *row, void *ctx)
{
	struct count_ctx *cc = ctx;
	struct dk_deadline *d = NULL;
	struct dk_case c;
	size_t n = 0;

	if (row->c->last_event_on <= cc->app->today) {
		count(cc, row->c, row);
		return true;
	}
	c = *row->c;
	c.summary = NULL; /* not needed, and owned by the store */
	cc->rc = dk_app_case_as_of(cc->app, &c, cc->app->today, &d, &n);
	free(d);
	if (cc->rc == DK_OK)
		count(cc, &c, row);
	dk_case_clear(&c); /* the replay may have put an earlier summary back */
	return cc->rc == DK_OK;
}

/* Reads the cases into r, within the read transaction. */
static enum dk_rc
count_cases(struct dk_app *app, const struct dk_report_query *q, const size_t *field,
            struct dk_report *r)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_report_case_query sq = {q->from, q->to, app->today, NULL};
	struct count_ctx cc = {app, NULL, field, q->nby, r, DK_OK};
	enum dk_rc rc;

	if (q->mission != NULL) {
		if ((rc = dk_app_check_mission(app, "--mission", q->mission, false, mission)) !=
		    DK_OK)
			return rc;
		sq.mission = cc.mission = mission;
	}
	rc = dk_store_report_cases(app->store, &sq, count_case, &cc, &app->err);
	return rc == DK_OK ? cc.rc : rc;
}

enum dk_rc
dk_app_report_allegations(struct dk_app *app, const struct dk_report_query *q,
                          struct dk_report **out)
{
	size_t field[NFIELDS];
	const char *names[NFIELDS];
	struct dk_report *r;
	enum dk_rc rc;

	*out = NULL;
	dk_err_clear(&app->err);
	if ((rc = check_fields(app, q, field)) != DK_OK)
		return rc;
	for (size_t i = 0; i < q->nby; i++)
		names[i] =
		    dk_report_allegation_fields[field[i]]; /* static: they outlive the table */
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_REPORT_READ)) != DK_OK)
		return rc;
	r = dk_report_new(names, q->nby, allegation_measures, NMEASURES);
	rc = dk_app_tx_end(app, count_cases(app, q, field, r));
	if (rc != DK_OK) {
		dk_report_free(r);
		return rc;
	}
	dk_report_finish(r);
	if (q->public)
		dk_report_suppress(r);
	*out = r;
	return DK_OK;
}

const char *
dk_app_report_scope(const struct dk_app *app, const struct dk_report_query *q, char *out,
                    size_t size)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_err err;
	const char *mine = dk_app_missions(app);

	if (q->mission != NULL && dk_validate_mission(q->mission, mission, &err) == DK_OK) {
		if (dk_app_in_scope(app, mission))
			snprintf(out, size, _("scope: mission %s"), mission);
		else
			snprintf(out, size, _("scope: none (mission %s is not one of yours)"),
			         mission);
	} else if (mine[0] == '\0' && !dk_role_scoped(dk_app_role(app))) {
		snprintf(out, size, "%s", _("scope: all missions"));
	} else {
		/* TRANSLATORS: %s is a comma-separated list of mission codes. */
		snprintf(out, size, _("scope: your missions (%s)"), mine);
	}
	return out;
}
