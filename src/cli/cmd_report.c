/*
 * docket report NAME: counts over the cases (issue 12), generic over the
 * engine's reports (dk_report_names, dk_app_report_fields): a report added
 * to the engine is a command with nothing to change here.
 */
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/report.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_report[] = {
    {"by", DK_OPT_VALUE, "FIELD[,FIELD...]"},
    {"from", DK_OPT_VALUE, "DATE"},
    {"to", DK_OPT_VALUE, "DATE"},
    {"mission", DK_OPT_VALUE, "CODE"},
    {"public", DK_OPT_FLAG, NULL},
    {"office", DK_OPT_VALUE, "NAME"},
    {NULL, DK_OPT_FLAG, NULL},
};

#define MAX_PARTS 3

/*
 * Reports printed in several parts, each a report of its own. --by applies
 * to the first part (the report named, whose fields it is checked against);
 * the others take their default keys.
 */
static const struct {
	const char *name;
	const char *parts[MAX_PARTS];
	size_t nparts;
} composites[] = {
    {"victims", {"victims", "assistance", "paternity"}, 3},
};

/* Most --by fields a report has (the engine's allegations has 12). */
#define MAX_BY 16

/* Room for the scope line: a role's missions, comma-separated. */
#define SCOPE_MAX 1024

/* The date of option name into *d (DK_DATE_NONE when absent); 0 or the exit status. */
static int
date_opt(const struct dk_cli *cli, const char *name, dk_date *d)
{
	const char *value = dk_cli_opt(cli, name);
	char what[16];

	*d = DK_DATE_NONE;
	if (value == NULL || dk_date_parse(value, d))
		return 0;
	snprintf(what, sizeof(what), "--%s", name);
	return dk_cli_error(DK_INVALID, _("%s: '%s' is not a real date (expected YYYY-MM-DD)"),
	                    what, value);
}

/*
 * The query of the command line: its window, mission, --public and --by
 * (its fields' ids into by, which has room for every field of the report).
 * An unknown report name is left to the engine, whose refusal names the
 * closest. Returns 0 or the exit status.
 */
static int
read_query(const struct dk_cli *cli, struct dk_report_query *q, const char **by)
{
	size_t nallowed, idx[MAX_BY];
	const char *const *allowed = dk_app_report_fields(cli->args[0], &nallowed);
	const char *by_value = dk_cli_opt(cli, "by");
	char from[DK_DATE_STRLEN], to[DK_DATE_STRLEN];
	int status;

	if ((status = date_opt(cli, "from", &q->from)) != 0 ||
	    (status = date_opt(cli, "to", &q->to)) != 0)
		return status;
	if (q->from != DK_DATE_NONE && q->to != DK_DATE_NONE && q->from > q->to)
		return dk_cli_error(DK_INVALID, _("--from %s is after --to %s"),
		                    dk_cli_date(from, q->from), dk_cli_date(to, q->to));
	q->mission = dk_cli_opt(cli, "mission");
	q->public = dk_cli_flag(cli, "public");
	q->by = by;
	q->nby = 0;
	if (by_value == NULL || allowed == NULL)
		return 0;
	if (nallowed > MAX_BY)
		nallowed = MAX_BY;
	if ((status = dk_cli_parse_by(by_value, allowed, nallowed, idx, &q->nby)) != 0)
		return status;
	for (size_t i = 0; i < q->nby; i++)
		by[i] = allowed[idx[i]];
	return 0;
}

/* The reports that `docket report name` prints: its parts, or name alone. */
static size_t
parts_of(const char *name, const char **parts)
{
	for (size_t i = 0; i < sizeof(composites) / sizeof(composites[0]); i++) {
		if (strcmp(composites[i].name, name) == 0) {
			memcpy(parts, composites[i].parts, composites[i].nparts * sizeof(*parts));
			return composites[i].nparts;
		}
	}
	parts[0] = name;
	return 1;
}

static void
free_tables(struct dk_report **tables, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dk_report_free(tables[i]);
}

int
dk_cmd_report(struct dk_cli *cli)
{
	struct dk_report_query q = {0}, rest;
	const struct dk_report_query *queries[MAX_PARTS];
	const char *by[MAX_BY], *names[MAX_PARTS];
	struct dk_report *tables[MAX_PARTS];
	struct dk_cli_report_part parts[MAX_PARTS];
	size_t nparts = parts_of(cli->args[0], names);
	char scope[SCOPE_MAX];
	int status = read_query(cli, &q, by);
	enum dk_rc rc;

	if (status != 0)
		return status;
	rest = q;
	rest.nby = 0;
	for (size_t i = 0; i < nparts; i++)
		queries[i] = i == 0 ? &q : &rest;
	if ((rc = dk_app_reports(cli->app, names, queries, nparts, tables)) != DK_OK)
		return dk_cli_app_error(cli, rc);
	for (size_t i = 0; i < nparts; i++)
		parts[i] = (struct dk_cli_report_part){names[i], tables[i]};
	dk_app_report_scope(cli->app, &q, scope, sizeof(scope));
	if (nparts == 1)
		dk_cli_print_report(tables[0], cli->format, q.public, scope);
	else
		dk_cli_print_report_parts(parts, nparts, cli->format, q.public, scope);
	free_tables(tables, nparts);
	return 0;
}
