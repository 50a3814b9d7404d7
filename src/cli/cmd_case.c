/* docket case add|show|list and docket demo. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_case_add[] = {
	{"mission", DK_OPT_VALUE, "CODE"},
	{"reported", DK_OPT_VALUE, "DATE"},
	{"category", DK_OPT_VALUE, "CAT"},
	{"incident", DK_OPT_VALUE, "DATE"},
	{"type", DK_OPT_VALUE, "TYPE"},
	{"personnel", DK_OPT_VALUE, "CAT"},
	{"nationality", DK_OPT_VALUE, "ISO3"},
	{"source", DK_OPT_VALUE, "SRC"},
	{"summary", DK_OPT_TEXT, "TEXT|-"},
	{"urgent", DK_OPT_FLAG, NULL},
	{NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_case_show[] = {
	{NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_case_list[] = {
	{"mission", DK_OPT_VALUE, "CODE"},
	{"state", DK_OPT_VALUE, "STATE"},
	{"sort", DK_OPT_VALUE, "ref|reported"},
	{NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_demo[] = {
	{"cases", DK_OPT_VALUE, "N"},
	{"seed", DK_OPT_VALUE, "S"},
	{NULL, DK_OPT_FLAG, NULL},
};

int
dk_cmd_case_add(struct dk_cli *cli)
{
	struct dk_case_input in = {
		.mission = dk_cli_opt(cli, "mission"),
		.reported = dk_cli_opt(cli, "reported"),
		.category = dk_cli_opt(cli, "category"),
		.incident = dk_cli_opt(cli, "incident"),
		.type = dk_cli_opt(cli, "type"),
		.personnel = dk_cli_opt(cli, "personnel"),
		.nationality = dk_cli_opt(cli, "nationality"),
		.source = dk_cli_opt(cli, "source"),
		.summary = dk_cli_opt(cli, "summary"),
		.urgent = dk_cli_flag(cli, "urgent"),
	};
	char ref[DK_REF_MAX];
	enum dk_rc rc = dk_app_case_add(cli->app, &in, ref);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf("%s\n", ref);
	return 0;
}

/* Columns of 'case list' (cli.md): ref, mission, category, state, reported, urgent, next_due, days_left. */
static const struct dk_col list_cols[] = {
	{"ref", N_("REF"), DK_COL_TEXT},
	{"mission", N_("MISSION"), DK_COL_TEXT},
	{"category", N_("CATEGORY"), DK_COL_TEXT},
	{"state", N_("STATE"), DK_COL_TEXT},
	{"reported", N_("REPORTED"), DK_COL_TEXT},
	{"urgent", N_("URGENT"), DK_COL_BOOL},
	{"next_due", N_("NEXT DUE"), DK_COL_TEXT},
	{"days_left", N_("DAYS LEFT"), DK_COL_INT},
};

#define NLIST_COLS (int)(sizeof(list_cols) / sizeof(list_cols[0]))

static bool
list_row(const struct dk_case *c, void *ctx)
{
	struct dk_table *t = ctx;
	char reported[DK_DATE_STRLEN];
	const char *values[NLIST_COLS];

	dk_date_format(c->reported, reported);
	values[0] = c->ref;
	values[1] = c->mission;
	values[2] = c->category;
	values[3] = dk_state_id(c->state);
	values[4] = reported;
	values[5] = c->urgent ? "yes" : "no";
	values[6] = NULL; /* deadlines arrive with the workflow engine */
	values[7] = NULL;
	dk_table_row(t, values);
	return true;
}

int
dk_cmd_case_list(struct dk_cli *cli)
{
	const char *sort = dk_cli_opt(cli, "sort");
	struct dk_case_filter f = {
		.mission = dk_cli_opt(cli, "mission"),
		.state = dk_cli_opt(cli, "state"),
		.order = DK_ORDER_REF,
	};
	struct dk_table *t;
	enum dk_rc rc;

	if (sort != NULL && strcmp(sort, "reported") == 0)
		f.order = DK_ORDER_REPORTED;
	else if (sort != NULL && strcmp(sort, "ref") != 0)
		return dk_cli_error(DK_USAGE, _("--sort: '%s' is not one of ref, reported"), sort);
	t = dk_table_new(cli->format, list_cols, NLIST_COLS, false);
	rc = dk_app_case_list(cli->app, &f, list_row, t);
	if (rc != DK_OK) {
		/* Nothing is printed for a refused listing, not even a header. */
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

static const struct dk_col show_cols[] = {
	{"ref", N_("Reference"), DK_COL_TEXT},
	{"mission", N_("Mission"), DK_COL_TEXT},
	{"state", N_("State"), DK_COL_TEXT},
	{"state_since", N_("In state since"), DK_COL_TEXT},
	{"category", N_("Category"), DK_COL_TEXT},
	{"type", N_("Type"), DK_COL_TEXT},
	{"urgent", N_("Urgent"), DK_COL_BOOL},
	{"reported", N_("Reported"), DK_COL_TEXT},
	{"incident", N_("Incident"), DK_COL_TEXT},
	{"personnel", N_("Personnel"), DK_COL_TEXT},
	{"nationality", N_("Nationality"), DK_COL_TEXT},
	{"source", N_("Source"), DK_COL_TEXT},
	{"entity", N_("Investigating entity"), DK_COL_TEXT},
	{"outcome", N_("Outcome"), DK_COL_TEXT},
	{"closure", N_("Closure"), DK_COL_TEXT},
	{"summary", N_("Summary"), DK_COL_TEXT},
};

#define NSHOW_COLS (int)(sizeof(show_cols) / sizeof(show_cols[0]))

static const char *
opt_str(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

int
dk_cmd_case_show(struct dk_cli *cli)
{
	char reported[DK_DATE_STRLEN], incident[DK_DATE_STRLEN], since[DK_DATE_STRLEN];
	const char *values[NSHOW_COLS];
	struct dk_table *t;
	struct dk_case c;
	enum dk_rc rc;

	memset(&c, 0, sizeof(c));
	if ((rc = dk_app_case_get(cli->app, cli->args[0], &c)) != DK_OK) {
		dk_case_clear(&c);
		return dk_cli_app_error(cli, rc);
	}
	dk_date_format(c.reported, reported);
	dk_date_format(c.state_since, since);
	if (c.incident != DK_DATE_NONE)
		dk_date_format(c.incident, incident);
	values[0] = c.ref;
	values[1] = c.mission;
	values[2] = dk_state_id(c.state);
	values[3] = since;
	values[4] = c.category;
	values[5] = opt_str(c.type);
	values[6] = c.urgent ? "yes" : "no";
	values[7] = reported;
	values[8] = c.incident != DK_DATE_NONE ? incident : NULL;
	values[9] = opt_str(c.personnel);
	values[10] = opt_str(c.nationality);
	values[11] = opt_str(c.source);
	values[12] = opt_str(c.entity);
	values[13] = opt_str(c.outcome);
	values[14] = opt_str(c.closure);
	values[15] = c.summary;
	t = dk_table_new(cli->format, show_cols, NSHOW_COLS, true);
	dk_table_row(t, values);
	dk_table_end(&t);
	dk_case_clear(&c);
	return 0;
}

static int
parse_count(const char *opt, const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	if (s[0] < '0' || s[0] > '9')
		return dk_cli_error(DK_INVALID, _("--%s: '%s' is not a whole number"), opt, s);
	*out = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || *out > max)
		return dk_cli_error(DK_INVALID, _("--%s: '%s' is not a whole number up to %llu"),
				    opt, s, max);
	return 0;
}

int
dk_cmd_demo(struct dk_cli *cli)
{
	const char *cases = dk_cli_opt(cli, "cases");
	const char *seed = dk_cli_opt(cli, "seed");
	unsigned long long n = 1000, s = 1;
	enum dk_rc rc;
	int status;

	if (cases != NULL && (status = parse_count("cases", cases, 10000000ULL, &n)) != 0)
		return status;
	if (seed != NULL && (status = parse_count("seed", seed, UINT64_MAX, &s)) != 0)
		return status;
	rc = dk_app_demo(cli->app, (long)n, (uint64_t)s);
	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf(_("Synthetic cases added: %llu (seed %llu).\n"), n, s);
	return 0;
}
