/* docket case move|set|extend|note, deadlines, timeline, holiday add|list|remove. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_case_move[] = {
    {"on", DK_OPT_VALUE, "DATE"},     {"entity", DK_OPT_VALUE, "ENT"},
    {"outcome", DK_OPT_VALUE, "OUT"}, {"closure", DK_OPT_VALUE, "C"},
    {"note", DK_OPT_TEXT, "TEXT|-"},  {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_case_set[] = {
    {"on", DK_OPT_VALUE, "DATE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_case_extend[] = {
    {"to", DK_OPT_VALUE, "DATE"},
    {"reason", DK_OPT_TEXT, "TEXT|-"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_case_note[] = {
    {"note", DK_OPT_TEXT, "TEXT|-"},
    {"on", DK_OPT_VALUE, "DATE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_deadlines[] = {
    {"within", DK_OPT_VALUE, "DAYS"},
    {"all", DK_OPT_FLAG, NULL},
    {"office", DK_OPT_VALUE, "NAME"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_timeline[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_holiday_add[] = {
    {"mission", DK_OPT_VALUE, "CODE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_holiday_list[] = {
    {"mission", DK_OPT_VALUE, "CODE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_holiday_remove[] = {
    {"mission", DK_OPT_VALUE, "CODE"},
    {NULL, DK_OPT_FLAG, NULL},
};

int
dk_cmd_case_move(struct dk_cli *cli)
{
	struct dk_move_input in = {
	    .ref = cli->args[0],
	    .state = cli->args[1],
	    .on = dk_cli_opt(cli, "on"),
	    .entity = dk_cli_opt(cli, "entity"),
	    .outcome = dk_cli_opt(cli, "outcome"),
	    .closure = dk_cli_opt(cli, "closure"),
	    .note = dk_cli_opt(cli, "note"),
	};

	return dk_cli_done(cli, dk_app_case_move(cli->app, &in));
}

int
dk_cmd_case_set(struct dk_cli *cli)
{
	char *owned = NULL;
	const char *value;
	int status;

	if ((status = dk_cli_positional_text(cli, 2, &owned, &value)) != 0)
		return status;
	status = dk_cli_done(cli, dk_app_case_set(cli->app, cli->args[0], cli->args[1], value,
	                                          dk_cli_opt(cli, "on")));
	dk_xfree_wiped(&owned);
	return status;
}

int
dk_cmd_case_extend(struct dk_cli *cli)
{
	return dk_cli_done(cli,
	                   dk_app_case_extend(cli->app, cli->args[0], cli->args[1],
	                                      dk_cli_opt(cli, "to"), dk_cli_opt(cli, "reason")));
}

int
dk_cmd_case_note(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_case_note(cli->app, cli->args[0], dk_cli_opt(cli, "note"),
	                                         dk_cli_opt(cli, "on")));
}

/* Columns of `deadlines` (cli.md): ref, rule, start, due, days_left, status. */
static const struct dk_col deadline_cols[] = {
    {"ref", N_("REF"), DK_COL_TEXT, DK_LABEL_NONE},
    {"rule", N_("RULE"), DK_COL_TEXT, DK_LABEL_RULE},
    {"start", N_("START"), DK_COL_DATE, DK_LABEL_NONE},
    {"due", N_("DUE"), DK_COL_DATE, DK_LABEL_NONE},
    {"days_left", N_("DAYS LEFT"), DK_COL_INT, DK_LABEL_NONE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_STATUS},
    {"victim", N_("VICTIM"), DK_COL_TEXT, DK_LABEL_NONE},
};

#define NDEADLINE_COLS (int)(sizeof(deadline_cols) / sizeof(deadline_cols[0]))

static bool
deadline_row(const struct dk_deadline_view *d, void *ctx)
{
	char start[DK_DATE_STRLEN], due[DK_DATE_STRLEN], left[16];
	const char *values[NDEADLINE_COLS] = {
	    d->ref,
	    d->rule,
	    dk_cli_date(start, d->start),
	    dk_cli_date(due, d->due),
	    dk_cli_int(left, sizeof(left), d->days_left),
	    d->status,
	    d->victim[0] != '\0' ? d->victim : NULL,
	};

	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_deadlines(struct dk_cli *cli)
{
	const char *within = dk_cli_opt(cli, "within");
	struct dk_deadline_filter f = {-1, dk_cli_flag(cli, "all")};
	struct dk_table *t;
	bool victims;
	enum dk_rc rc;

	if (within != NULL) {
		long n;

		if (!dk_cli_parse_long(within, 0, 100000, &n))
			return dk_cli_error(
			    DK_INVALID, _("--within: '%s' is not a number of days (0 to 100000)"),
			    within);
		f.within = (int)n;
	}
	/* The victim column comes with the first victim: cli.md's six columns stay as they were. */
	if ((rc = dk_app_victims_exist(cli->app, &victims)) != DK_OK)
		return dk_cli_app_error(cli, rc);
	t = dk_table_new(cli->format, deadline_cols, victims ? NDEADLINE_COLS : NDEADLINE_COLS - 1,
	                 false);
	if ((rc = dk_app_deadlines(cli->app, &f, deadline_row, t)) != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

/* Columns of `timeline` (cli.md): date, kind, actor, detail. */
static const struct dk_col timeline_cols[] = {
    {"date", N_("DATE"), DK_COL_DATE, DK_LABEL_NONE},
    {"kind", N_("KIND"), DK_COL_TEXT, DK_LABEL_EVENT},
    {"actor", N_("ACTOR"), DK_COL_TEXT, DK_LABEL_NONE},
    {"detail", N_("DETAIL"), DK_COL_TEXT, DK_LABEL_NONE},
};

#define NTIMELINE_COLS (int)(sizeof(timeline_cols) / sizeof(timeline_cols[0]))

static bool
timeline_row(const struct dk_timeline_entry *e, void *ctx)
{
	char date[DK_DATE_STRLEN];
	const char *values[NTIMELINE_COLS] = {dk_cli_date(date, e->on), e->kind, e->actor,
	                                      e->detail};

	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_timeline(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, timeline_cols, NTIMELINE_COLS, false);
	enum dk_rc rc = dk_app_timeline(cli->app, cli->args[0], timeline_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

int
dk_cmd_holiday_add(struct dk_cli *cli)
{
	char *owned = NULL;
	const char *name = NULL;
	int status;

	if (cli->nargs > 1 && (status = dk_cli_positional_text(cli, 1, &owned, &name)) != 0)
		return status;
	status = dk_cli_done(
	    cli, dk_app_holiday_add(cli->app, dk_cli_opt(cli, "mission"), cli->args[0], name));
	dk_xfree_wiped(&owned);
	return status;
}

int
dk_cmd_holiday_remove(struct dk_cli *cli)
{
	return dk_cli_done(
	    cli, dk_app_holiday_remove(cli->app, dk_cli_opt(cli, "mission"), cli->args[0]));
}

static const struct dk_col holiday_cols[] = {
    {"mission", N_("MISSION"), DK_COL_TEXT, DK_LABEL_NONE},
    {"date", N_("DATE"), DK_COL_DATE, DK_LABEL_NONE},
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
};

static bool
holiday_row(const struct dk_holiday_view *h, void *ctx)
{
	char date[DK_DATE_STRLEN];
	const char *values[] = {h->mission, dk_cli_date(date, h->day), h->name};

	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_holiday_list(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, holiday_cols, 3, false);
	enum dk_rc rc = dk_app_holiday_list(cli->app, dk_cli_opt(cli, "mission"), holiday_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

const struct dk_cli_opt dk_opts_rule_list[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_rule_set[] = {
    {"length", DK_OPT_VALUE, "N"},
    {"warn", DK_OPT_VALUE, "DAYS"},
    {NULL, DK_OPT_FLAG, NULL},
};

static const struct dk_col rule_cols[] = {
    {"rule", N_("RULE"), DK_COL_TEXT, DK_LABEL_RULE},
    {"start", N_("START"), DK_COL_TEXT, DK_LABEL_EVENT},
    {"length", N_("LENGTH"), DK_COL_INT, DK_LABEL_NONE},
    {"unit", N_("UNIT"), DK_COL_TEXT, DK_LABEL_UNIT},
    {"met_by", N_("MET BY"), DK_COL_TEXT, DK_LABEL_EVENT},
    {"applies", N_("APPLIES"), DK_COL_TEXT, DK_LABEL_APPLIES},
    {"warn", N_("WARN"), DK_COL_INT, DK_LABEL_NONE},
};

static bool
rule_row(const struct dk_rule_view *r, void *ctx)
{
	char length[16], warn[16];
	const char *values[] = {
	    r->id,     r->start,   dk_cli_int(length, sizeof(length), r->length), r->unit,
	    r->met_by, r->applies, dk_cli_int(warn, sizeof(warn), r->warn_days)};

	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_rule_list(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, rule_cols, 7, false);
	enum dk_rc rc = dk_app_rule_list(cli->app, rule_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

int
dk_cmd_rule_set(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_rule_set(cli->app, cli->args[0], dk_cli_opt(cli, "length"),
	                                        dk_cli_opt(cli, "warn")));
}
