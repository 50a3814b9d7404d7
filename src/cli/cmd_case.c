/* docket case add|show|list and docket demo. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
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
    {"mission", DK_OPT_VALUE, "CODE"}, {"state", DK_OPT_VALUE, "STATE"},
    {"overdue", DK_OPT_FLAG, NULL},    {"sort", DK_OPT_VALUE, "ref|reported|due"},
    {"office", DK_OPT_VALUE, "NAME"},  {NULL, DK_OPT_FLAG, NULL},
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

/*
 * Columns of 'case list' (cli.md): ref, mission, category, state, reported, urgent, next_due,
 * days_left; and office, last, once the database holds another office's cases.
 */
static const struct dk_col list_cols[] = {
    {"ref", N_("REF"), DK_COL_TEXT, DK_LABEL_NONE},
    {"mission", N_("MISSION"), DK_COL_TEXT, DK_LABEL_NONE},
    {"category", N_("CATEGORY"), DK_COL_TEXT, DK_LABEL_CATEGORY},
    {"state", N_("STATE"), DK_COL_TEXT, DK_LABEL_STATE},
    {"reported", N_("REPORTED"), DK_COL_DATE, DK_LABEL_NONE},
    {"urgent", N_("URGENT"), DK_COL_BOOL, DK_LABEL_NONE},
    {"next_due", N_("NEXT DUE"), DK_COL_DATE, DK_LABEL_NONE},
    {"days_left", N_("DAYS LEFT"), DK_COL_INT, DK_LABEL_NONE},
    {"office", N_("OFFICE"), DK_COL_TEXT, DK_LABEL_NONE},
};

#define NLIST_COLS (int)(sizeof(list_cols) / sizeof(list_cols[0]))

struct list_ctx {
	struct dk_table *table; /* made at the first row: it knows whether offices show */
	enum dk_format format;
	dk_date today;
};

static bool
list_row(const struct dk_case *c, void *ctx)
{
	struct list_ctx *lc = ctx;
	char reported[DK_DATE_STRLEN], due[DK_DATE_STRLEN], left[16];
	const char *values[NLIST_COLS];

	values[0] = c->ref;
	values[1] = c->mission;
	values[2] = c->category;
	values[3] = dk_state_id(c->state);
	values[4] = dk_cli_date(reported, c->reported);
	values[5] = c->urgent ? "yes" : "no";
	values[6] = dk_cli_date(due, c->next_due);
	values[7] = c->next_due != DK_DATE_NONE
	                ? dk_cli_int(left, sizeof(left), dk_date_diff(c->next_due, lc->today))
	                : NULL;
	values[8] = c->office_name;
	/* The app names offices only where the database holds several offices' cases. */
	if (lc->table == NULL)
		lc->table =
		    dk_table_new(lc->format, list_cols,
		                 c->office_name[0] != '\0' ? NLIST_COLS : NLIST_COLS - 1, false);
	dk_table_row(lc->table, values);
	return true;
}

static const char *const sort_names[] = {
    [DK_ORDER_REF] = "ref",
    [DK_ORDER_REPORTED] = "reported",
    [DK_ORDER_DUE] = "due",
};

int
dk_cmd_case_list(struct dk_cli *cli)
{
	const char *sort = dk_cli_opt(cli, "sort");
	struct dk_case_filter f = {
	    .mission = dk_cli_opt(cli, "mission"),
	    .state = dk_cli_opt(cli, "state"),
	    .overdue = dk_cli_flag(cli, "overdue"),
	    .order = DK_ORDER_REF,
	    .urgent = -1,
	};
	struct list_ctx lc = {NULL, cli->format, dk_app_today(cli->app)};
	enum dk_rc rc;

	if (sort != NULL) {
		int k = dk_cli_choice(sort, sort_names,
		                      (int)(sizeof(sort_names) / sizeof(sort_names[0])));

		if (k < 0)
			return dk_cli_error(
			    DK_USAGE, _("--sort: '%s' is not one of ref, reported, due"), sort);
		f.order = (enum dk_case_order)k;
	}
	rc = dk_app_case_list(cli->app, &f, list_row, &lc);
	if (lc.table == NULL)
		lc.table = dk_table_new(cli->format, list_cols, NLIST_COLS - 1, false);
	if (rc != DK_OK) {
		/* Nothing is printed for a refused listing, not even a header. */
		dk_table_discard(&lc.table);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&lc.table);
	return 0;
}

static const struct dk_col show_cols[] = {
    {"ref", N_("Reference"), DK_COL_TEXT, DK_LABEL_NONE},
    {"mission", N_("Mission"), DK_COL_TEXT, DK_LABEL_NONE},
    {"state", N_("State"), DK_COL_TEXT, DK_LABEL_STATE},
    {"state_since", N_("In state since"), DK_COL_DATE, DK_LABEL_NONE},
    {"category", N_("Category"), DK_COL_TEXT, DK_LABEL_CATEGORY},
    {"type", N_("Type"), DK_COL_TEXT, DK_LABEL_TYPE},
    {"urgent", N_("Urgent"), DK_COL_BOOL, DK_LABEL_NONE},
    {"reported", N_("Reported"), DK_COL_DATE, DK_LABEL_NONE},
    {"incident", N_("Incident"), DK_COL_DATE, DK_LABEL_NONE},
    {"personnel", N_("Personnel"), DK_COL_TEXT, DK_LABEL_PERSONNEL},
    {"nationality", N_("Nationality"), DK_COL_TEXT, DK_LABEL_NONE},
    {"source", N_("Source"), DK_COL_TEXT, DK_LABEL_SOURCE},
    {"entity", N_("Investigating entity"), DK_COL_TEXT, DK_LABEL_ENTITY},
    {"outcome", N_("Outcome"), DK_COL_TEXT, DK_LABEL_OUTCOME},
    {"closure", N_("Closure"), DK_COL_TEXT, DK_LABEL_CLOSURE},
    {"summary", N_("Summary"), DK_COL_TEXT, DK_LABEL_NONE},
};

#define NSHOW_COLS (int)(sizeof(show_cols) / sizeof(show_cols[0]))

static const char *
opt_str(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

/* A case's deadlines in `case show`, with the arithmetic that explains each. */
static const struct dk_col deadline_cols[] = {
    {"rule", N_("RULE"), DK_COL_TEXT, DK_LABEL_RULE},
    {"start", N_("START"), DK_COL_DATE, DK_LABEL_NONE},
    {"due", N_("DUE"), DK_COL_DATE, DK_LABEL_NONE},
    {"original_due", N_("ORIGINAL DUE"), DK_COL_DATE, DK_LABEL_NONE},
    {"met_on", N_("MET ON"), DK_COL_DATE, DK_LABEL_NONE},
    {"days_left", N_("DAYS LEFT"), DK_COL_INT, DK_LABEL_NONE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_STATUS},
    {"explanation", N_("EXPLANATION"), DK_COL_TEXT, DK_LABEL_NONE},
    {"victim", N_("VICTIM"), DK_COL_TEXT, DK_LABEL_NONE},
};

#define NDEADLINE_COLS (int)(sizeof(deadline_cols) / sizeof(deadline_cols[0]))
#define SHOW_MAX_DEADLINES 64

/* Cells of the deadlines section; the strings they point to are copied here. */
struct show_deadlines {
	char text[SHOW_MAX_DEADLINES][NDEADLINE_COLS][128];
	const char *cells[SHOW_MAX_DEADLINES * NDEADLINE_COLS];
	int n;
};

static bool
show_deadline(const struct dk_deadline_view *d, void *ctx)
{
	struct show_deadlines *sd = ctx;
	char(*t)[128] = sd->text[sd->n];
	const char **cell = &sd->cells[sd->n * NDEADLINE_COLS];
	bool met = d->met_on != DK_DATE_NONE;

	if (sd->n == SHOW_MAX_DEADLINES)
		return false;
	snprintf(t[0], 128, "%s", d->rule);
	dk_date_format(d->start, t[1]);
	dk_date_format(d->due, t[2]);
	dk_date_format(d->original_due, t[3]);
	if (met)
		dk_date_format(d->met_on, t[4]);
	snprintf(t[5], 128, "%d", d->days_left);
	snprintf(t[6], 128, "%s", d->status);
	snprintf(t[7], 128, "%s", d->explanation != NULL ? d->explanation : "");
	snprintf(t[8], 128, "%s", d->victim);
	for (int i = 0; i < NDEADLINE_COLS; i++)
		cell[i] = t[i];
	cell[4] = met ? t[4] : NULL;
	cell[8] = d->victim[0] != '\0' ? t[8] : NULL;
	sd->n++;
	return true;
}

int
dk_cmd_case_show(struct dk_cli *cli)
{
	char reported[DK_DATE_STRLEN], incident[DK_DATE_STRLEN], since[DK_DATE_STRLEN];
	const char *values[NSHOW_COLS];
	struct show_deadlines *sd = dk_xcalloc(1, sizeof(*sd));
	struct dk_table *t;
	struct dk_case c;
	enum dk_rc rc;

	memset(&c, 0, sizeof(c));
	if ((rc = dk_app_case_get(cli->app, cli->args[0], &c, show_deadline, sd)) != DK_OK)
		goto out;
	values[0] = c.ref;
	values[1] = c.mission;
	values[2] = dk_state_id(c.state);
	values[3] = dk_cli_date(since, c.state_since);
	values[4] = c.category;
	values[5] = opt_str(c.type);
	values[6] = c.urgent ? "yes" : "no";
	values[7] = dk_cli_date(reported, c.reported);
	values[8] = dk_cli_date(incident, c.incident);
	values[9] = opt_str(c.personnel);
	values[10] = opt_str(c.nationality);
	values[11] = opt_str(c.source);
	values[12] = opt_str(c.entity);
	values[13] = opt_str(c.outcome);
	values[14] = opt_str(c.closure);
	values[15] = c.summary;
	t = dk_table_new(cli->format, show_cols, NSHOW_COLS, true);
	dk_table_row(t, values);
	dk_table_section(t, "deadlines", N_("Deadlines"), deadline_cols, NDEADLINE_COLS, sd->cells,
	                 sd->n);
	/* Each panel as the role may see it, the case named as typed (REF@OFFICE stays so). */
	if ((rc = dk_cli_victims_section(cli, t, cli->args[0])) == DK_OK)
		rc = dk_cli_subjects_section(cli, t, cli->args[0]);
	dk_table_end(&t);
out:
	dk_case_clear(&c);
	dk_xfree_wiped_n(sd, sizeof(*sd));
	return rc == DK_OK ? 0 : dk_cli_app_error(cli, rc);
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
	return dk_cli_done(cli, DK_OK);
}
