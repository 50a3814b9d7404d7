/* docket victim add|show|list|inform|assist|paternity|timeline, subject add|action|list, vet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_victim_add[] = {
    {"sex", DK_OPT_VALUE, "female|male|unknown"},
    {"age", DK_OPT_VALUE, "adult|child|unknown"},
    {"name", DK_OPT_TEXT, "TEXT|-"},
    {"contact", DK_OPT_TEXT, "TEXT|-"},
    {"code", DK_OPT_VALUE, "CODE"},
    {"on", DK_OPT_VALUE, "DATE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_show[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_list[] = {
    {"awaiting-update", DK_OPT_FLAG, NULL},
    {"sort", DK_OPT_VALUE, "code|due"},
    {"find", DK_OPT_VALUE, "PREFIX"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_inform[] = {
    {"on", DK_OPT_VALUE, "DATE"},
    {"note", DK_OPT_TEXT, "TEXT|-"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_assist[] = {
    {"on", DK_OPT_VALUE, "DATE"},        {"status", DK_OPT_VALUE, "referred|provided|declined"},
    {"provider", DK_OPT_TEXT, "TEXT|-"}, {"consent", DK_OPT_VALUE, "yes|no"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_paternity[] = {
    {"on", DK_OPT_VALUE, "DATE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_victim_timeline[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_subject_add[] = {
    {"personnel", DK_OPT_VALUE, "CAT"}, {"nationality", DK_OPT_VALUE, "ISO3"},
    {"name", DK_OPT_TEXT, "TEXT|-"},    {"index", DK_OPT_TEXT, "NUMBER|-"},
    {"unit", DK_OPT_TEXT, "TEXT|-"},    {"on", DK_OPT_VALUE, "DATE"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_subject_action[] = {
    {"on", DK_OPT_VALUE, "DATE"},
    {"interim", DK_OPT_FLAG, NULL},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_subject_list[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_vet[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

/* ---- victims ---- */

int
dk_cmd_victim_add(struct dk_cli *cli)
{
	struct dk_victim_input in = {
	    .ref = cli->args[0],
	    .code = dk_cli_opt(cli, "code"),
	    .sex = dk_cli_opt(cli, "sex"),
	    .age = dk_cli_opt(cli, "age"),
	    .name = dk_cli_opt(cli, "name"),
	    .contact = dk_cli_opt(cli, "contact"),
	    .on = dk_cli_opt(cli, "on"),
	};
	char code[DK_CODE_MAX];
	enum dk_rc rc = dk_app_victim_add(cli->app, &in, code);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf("%s\n", code);
	return 0;
}

int
dk_cmd_victim_inform(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_victim_inform(cli->app, cli->args[0], dk_cli_opt(cli, "on"),
	                                             dk_cli_opt(cli, "note")));
}

int
dk_cmd_victim_assist(struct dk_cli *cli)
{
	struct dk_assistance_input in = {
	    .code = cli->args[0],
	    .kind = cli->args[1],
	    .on = dk_cli_opt(cli, "on"),
	    .status = dk_cli_opt(cli, "status"),
	    .provider = dk_cli_opt(cli, "provider"),
	    .consent = dk_cli_opt(cli, "consent"),
	};

	return dk_cli_done(cli, dk_app_victim_assist(cli->app, &in));
}

int
dk_cmd_victim_paternity(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_victim_paternity(cli->app, cli->args[0], cli->args[1],
	                                                dk_cli_opt(cli, "on")));
}

static const char *const victim_sorts[] = {"code", "due"}; /* by_due is the index */

int
dk_cmd_victim_list(struct dk_cli *cli)
{
	const char *sort = dk_cli_opt(cli, "sort");
	struct dk_victim_query q = {false, dk_cli_flag(cli, "awaiting-update"),
	                            dk_cli_opt(cli, "find")};
	struct dk_table *t;
	enum dk_rc rc;

	if (sort != NULL) {
		int k = dk_cli_choice(sort, victim_sorts, 2);

		if (k < 0)
			return dk_cli_error(DK_USAGE, _("--sort: '%s' is not one of code, due"),
			                    sort);
		q.by_due = k == 1;
	}
	t = dk_table_new(cli->format, dk_cli_victim_cols, DK_CLI_VICTIM_LIST_COLS, false);
	rc = dk_app_victim_list(cli->app, cli->nargs > 0 ? cli->args[0] : NULL, &q,
	                        dk_cli_victim_row, t);
	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

static const struct dk_col line_cols[] = {
    {"kind", N_("KIND"), DK_COL_TEXT, DK_LABEL_ASSISTANCE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_ASSISTANCE_STATUS},
    {"on", N_("ON"), DK_COL_DATE, DK_LABEL_NONE},
    {"provider", N_("PROVIDER"), DK_COL_TEXT, DK_LABEL_NONE},
    {"consent", N_("CONSENT"), DK_COL_TEXT, DK_LABEL_NONE},
};

/* A paternity step: line_cols' first three, its status a paternity claim's. */
static const struct dk_col claim_cols[] = {
    {"kind", N_("KIND"), DK_COL_TEXT, DK_LABEL_NONE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_PATERNITY},
    {"on", N_("ON"), DK_COL_DATE, DK_LABEL_NONE},
};
#define CLAIM_COLS NCOLS(claim_cols)

struct show_ctx {
	struct dk_table *t;
	struct dk_cells assistance, paternity;
};

static bool
show_victim(const struct dk_victim_view *v, void *ctx)
{
	struct show_ctx *sc = ctx;

	return dk_cli_victim_row(v, sc->t);
}

static bool
show_line(const struct dk_assistance_view *a, void *ctx)
{
	struct show_ctx *sc = ctx;
	char on[DK_DATE_STRLEN];
	const char *row[] = {a->kind, a->status, dk_cli_date(on, a->on), a->provider, a->consent};

	dk_cells_add(strcmp(a->kind, DK_PATERNITY_CLAIM) == 0 ? &sc->paternity : &sc->assistance,
	             row);
	return true;
}

int
dk_cmd_victim_show(struct dk_cli *cli)
{
	struct show_ctx sc = {NULL, {NULL, NCOLS(line_cols), 0, 0}, {NULL, CLAIM_COLS, 0, 0}};
	enum dk_rc rc;

	sc.t = dk_table_new(cli->format, dk_cli_victim_cols, DK_CLI_VICTIM_COLS, true);
	rc = dk_app_victim_show(cli->app, cli->args[0], show_victim, show_line, &sc);
	if (rc == DK_OK) {
		dk_table_section(sc.t, "assistance_lines", N_("Assistance"), line_cols,
		                 NCOLS(line_cols), (const char *const *)sc.assistance.cells,
		                 sc.assistance.nrows);
		dk_table_section(sc.t, "paternity_claim", N_("Paternity claim"), claim_cols,
		                 CLAIM_COLS, (const char *const *)sc.paternity.cells,
		                 sc.paternity.nrows);
		dk_table_end(&sc.t);
	} else {
		dk_table_discard(&sc.t);
	}
	dk_cells_free(&sc.assistance);
	dk_cells_free(&sc.paternity);
	return dk_cli_done(cli, rc);
}

static const struct dk_col timeline_cols[] = {
    {"date", N_("DATE"), DK_COL_DATE, DK_LABEL_NONE},
    {"kind", N_("KIND"), DK_COL_TEXT, DK_LABEL_EVENT},
    {"ref", N_("CASE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"actor", N_("ACTOR"), DK_COL_TEXT, DK_LABEL_NONE},
    {"detail", N_("DETAIL"), DK_COL_TEXT, DK_LABEL_NONE},
};

static bool
timeline_row(const struct dk_timeline_entry *e, void *ctx)
{
	char on[DK_DATE_STRLEN];
	const char *row[] = {dk_cli_date(on, e->on), e->kind, e->ref[0] != '\0' ? e->ref : NULL,
	                     e->actor, e->detail};

	dk_table_row(ctx, row);
	return true;
}

int
dk_cmd_victim_timeline(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, timeline_cols, NCOLS(timeline_cols), false);
	enum dk_rc rc = dk_app_victim_timeline(cli->app, cli->args[0], timeline_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

/* ---- subjects ---- */

int
dk_cmd_subject_add(struct dk_cli *cli)
{
	struct dk_subject_input in = {
	    .ref = cli->args[0],
	    .personnel = dk_cli_opt(cli, "personnel"),
	    .nationality = dk_cli_opt(cli, "nationality"),
	    .name = dk_cli_opt(cli, "name"),
	    .index = dk_cli_opt(cli, "index"),
	    .unit = dk_cli_opt(cli, "unit"),
	    .on = dk_cli_opt(cli, "on"),
	};
	char code[DK_CODE_MAX];
	enum dk_rc rc = dk_app_subject_add(cli->app, &in, code);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf("%s\n", code);
	return 0;
}

int
dk_cmd_subject_action(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_subject_action(cli->app, cli->args[0], cli->args[1],
	                                              dk_cli_opt(cli, "on"),
	                                              dk_cli_flag(cli, "interim")));
}

int
dk_cmd_subject_list(struct dk_cli *cli)
{
	struct dk_table *t =
	    dk_table_new(cli->format, dk_cli_subject_cols, DK_CLI_SUBJECT_COLS, false);
	enum dk_rc rc = dk_app_case_subjects(cli->app, cli->args[0], dk_cli_subject_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

static const struct dk_col vet_cols[] = {
    {"ref", N_("REF"), DK_COL_TEXT, DK_LABEL_NONE},
    {"subject", N_("SUBJECT"), DK_COL_TEXT, DK_LABEL_NONE},
    {"personnel", N_("PERSONNEL"), DK_COL_TEXT, DK_LABEL_PERSONNEL},
    {"nationality", N_("NATIONALITY"), DK_COL_TEXT, DK_LABEL_NONE},
    {"state", N_("STATE"), DK_COL_TEXT, DK_LABEL_STATE},
    {"outcome", N_("OUTCOME"), DK_COL_TEXT, DK_LABEL_OUTCOME},
};

static bool
vet_row(const struct dk_vet_view *r, void *ctx)
{
	const char *row[] = {r->ref,       r->subject,
	                     r->personnel, r->nationality[0] != '\0' ? r->nationality : NULL,
	                     r->state,     r->outcome[0] != '\0' ? r->outcome : NULL};

	dk_table_row(ctx, row);
	return true;
}

int
dk_cmd_vet(struct dk_cli *cli)
{
	struct dk_table *t;
	const char *query;
	char *owned = NULL;
	enum dk_rc rc;
	int status;

	if ((status = dk_cli_positional_text(cli, 0, &owned, &query)) != 0)
		return status;
	t = dk_table_new(cli->format, vet_cols, NCOLS(vet_cols), false);
	rc = dk_app_vet(cli->app, query, vet_row, t);
	dk_xfree_wiped(&owned);
	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}
