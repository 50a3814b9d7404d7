/* Reports (issue 12): the table of reports, the run that feeds a table or drills into a cell. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "app_report.h"

static const struct report_def *const reports[] = {
    &dk_report_allegations, &dk_report_timeliness, &dk_report_follow_up, &dk_report_victims,
    &dk_report_assistance,  &dk_report_paternity,  &dk_report_actions,
};
#define NREPORTS (sizeof(reports) / sizeof(reports[0]))

const char *const dk_report_names[] = {
    "allegations", "timeliness", "follow-up", "victims", "assistance", "paternity", "actions",
};
const size_t dk_report_nnames = NREPORTS;
_Static_assert(sizeof(dk_report_names) / sizeof(dk_report_names[0]) == NREPORTS,
               "one name per report");

static const struct report_def *
report_named(const char *name)
{
	for (size_t i = 0; i < NREPORTS; i++)
		if (strcmp(reports[i]->name, name) == 0)
			return reports[i];
	return NULL;
}

const char *const *
dk_app_report_fields(const char *name, size_t *n)
{
	const struct report_def *def = report_named(name);

	*n = def != NULL ? def->nfields : 0;
	return def != NULL ? def->fields : NULL;
}

/* Refuses an id of a list (a report's name, or a field): the closest one, else all of them. */
static enum dk_rc
unknown_id(struct dk_app *app, const char *what, const char *typed, const char *const *ids,
           size_t n)
{
	int best = dk_text_closest(typed, ids, n);
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	if (best >= 0)
		/* TRANSLATORS: the first %s is "--by" or "report"; the third an id, kept in
		 * English. */
		return dk_app_fail(app, DK_INVALID, _("%s: unknown value '%s' (did you mean %s?)"),
		                   what, typed, ids[best]);
	for (size_t i = 0; i < n; i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", ids[i]);
	rc = dk_app_fail_unknown(app, what, typed, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

/* Finds each typed field (field[i] its index); refuses an unknown or repeated one. */
static enum dk_rc
check_fields(struct dk_app *app, const struct report_def *def, const struct dk_report_query *q,
             size_t field[DK_REPORT_MAX_BY])
{
	if (q->nby > def->nfields)
		return dk_app_fail(app, DK_INVALID, _("--by: at most %zu fields"), def->nfields);
	for (size_t i = 0; i < q->nby; i++) {
		for (field[i] = 0; field[i] < def->nfields; field[i]++)
			if (strcmp(q->by[i], def->fields[field[i]]) == 0)
				break;
		if (field[i] == def->nfields)
			return unknown_id(app, "--by", q->by[i], def->fields, def->nfields);
		for (size_t j = 0; j < i; j++)
			if (field[j] == field[i])
				return dk_app_fail(app, DK_INVALID,
				                   _("--by: field '%s' given twice"), q->by[i]);
	}
	return DK_OK;
}

/* Checks the query and sets the run up: its report, keys and mission. */
static enum dk_rc
prepare(struct dk_app *app, const char *name, const struct dk_report_query *q,
        struct report_run *run)
{
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((run->def = report_named(name)) == NULL)
		return unknown_id(app, "report", name, dk_report_names, NREPORTS);
	if ((rc = check_fields(app, run->def, q, run->by)) != DK_OK)
		return rc;
	run->q = q;
	run->field = run->by;
	run->nby = q->nby;
	if (q->nby == 0) {
		run->field = run->def->default_by;
		run->nby = run->def->ndefault_by;
	}
	if (q->mission == NULL)
		return DK_OK;
	rc = dk_app_check_mission(app, "--mission", q->mission, false, run->mission_buf);
	run->mission = run->mission_buf;
	return rc;
}

/* The report's fill, in one read transaction. */
static enum dk_rc
execute(struct dk_app *app, struct report_run *run)
{
	enum dk_rc rc = dk_app_tx_begin_read(app, DK_ACTION_REPORT_READ);

	return rc != DK_OK ? rc : dk_app_tx_end(app, run->def->fill(app, run));
}

/* A table keyed by the run's fields, whose names are static strings that outlive it. */
static struct dk_report *
new_table(const struct report_run *run)
{
	const char *names[DK_REPORT_MAX_BY];

	for (size_t i = 0; i < run->nby; i++)
		names[i] = run->def->fields[run->field[i]];
	return dk_report_new(names, run->nby, run->def->measures, run->def->nmeasures);
}

/* Each run's fill in turn, within the one read transaction. */
static enum dk_rc
fill_all(struct dk_app *app, struct report_run *runs, size_t n)
{
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; i < n && rc == DK_OK; i++)
		rc = runs[i].def->fill(app, &runs[i]);
	return rc;
}

/* Checks every query, then fills every table in one read transaction. */
static enum dk_rc
run_all(struct dk_app *app, const char *const *names, const struct dk_report_query *const *qs,
        struct report_run *runs, size_t n)
{
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; i < n && rc == DK_OK; i++)
		rc = prepare(app, names[i], qs[i], &runs[i]);
	if (rc != DK_OK)
		return rc;
	for (size_t i = 0; i < n; i++)
		runs[i].table = new_table(&runs[i]);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_REPORT_READ)) != DK_OK)
		return rc;
	return dk_app_tx_end(app, fill_all(app, runs, n));
}

enum dk_rc
dk_app_reports(struct dk_app *app, const char *const *names,
               const struct dk_report_query *const *queries, size_t n, struct dk_report **out)
{
	struct report_run *runs = dk_xcalloc(n > 0 ? n : 1, sizeof(*runs));
	enum dk_rc rc = run_all(app, names, queries, runs, n);

	for (size_t i = 0; i < n; i++) {
		out[i] = NULL;
		if (rc != DK_OK) {
			dk_report_free(runs[i].table);
			continue;
		}
		dk_report_finish(runs[i].table);
		if (queries[i]->public)
			dk_report_suppress(runs[i].table);
		out[i] = runs[i].table;
	}
	free(runs);
	return rc;
}

enum dk_rc
dk_app_report(struct dk_app *app, const char *name, const struct dk_report_query *q,
              struct dk_report **out)
{
	return dk_app_reports(app, &name, &q, 1, out);
}

static int
ref_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hands the refs kept, sorted, each once, to fn (until it says stop) and frees them. */
static void
hand_refs(struct report_run *run, bool (*fn)(const char *ref, void *ctx), void *ctx)
{
	bool more = true;

	if (run->nrefs == 0)
		return;
	qsort(run->refs, run->nrefs, sizeof(*run->refs), ref_cmp);
	for (size_t i = 0; more && i < run->nrefs; i++)
		if (i == 0 || strcmp(run->refs[i], run->refs[i - 1]) != 0)
			more = fn(run->refs[i], ctx);
	for (size_t i = 0; i < run->nrefs; i++) /* after: each is compared with the one before */
		free(run->refs[i]);
	free(run->refs);
}

enum dk_rc
dk_app_report_cases(struct dk_app *app, const char *name, const struct dk_report_query *q,
                    const char *const *keys, size_t measure, bool (*fn)(const char *ref, void *ctx),
                    void *ctx)
{
	struct report_run run = {0};
	enum dk_rc rc;

	if ((rc = prepare(app, name, q, &run)) != DK_OK)
		return rc;
	if (measure >= run.def->nmeasures || run.def->measures[measure].kind != DK_REPORT_COUNT)
		return dk_app_fail(app, DK_INVALID, "%s", _("no cases stand behind that column"));
	run.want_keys = keys;
	run.want_measure = measure;
	rc = execute(app, &run);
	hand_refs(&run, fn, ctx);
	return rc;
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

enum dk_rc
dk_app_report_plans(struct dk_app *app, void (*fn)(const char *stmt, const char *line, void *ctx),
                    void *ctx)
{
	enum dk_rc rc = dk_app_tx_begin_read(app, DK_ACTION_REPORT_READ);

	if (rc != DK_OK)
		return rc;
	return dk_app_tx_end(app, dk_store_report_plans(app->store, fn, ctx, &app->err));
}
