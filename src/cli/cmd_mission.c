/* docket mission add|list|close: the register of missions. */
#include <stdio.h>

#include "docket/i18n.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_mission_add[] = {
    {"name", DK_OPT_TEXT, "NAME"},
    {"country", DK_OPT_VALUE, "ISO3"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_mission_list[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_mission_close[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

int
dk_cmd_mission_add(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_mission_add(cli->app, cli->args[0], dk_cli_opt(cli, "name"),
	                                           dk_cli_opt(cli, "country")));
}

int
dk_cmd_mission_close(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_mission_close(cli->app, cli->args[0]));
}

static const struct dk_col mission_cols[] = {
    {"code", N_("CODE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
    {"country", N_("COUNTRY"), DK_COL_TEXT, DK_LABEL_NONE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_NONE},
    {"closed_on", N_("CLOSED"), DK_COL_DATE, DK_LABEL_NONE},
    {"cases", N_("CASES"), DK_COL_INT, DK_LABEL_NONE},
};

static bool
mission_row(const struct dk_mission_view *m, void *ctx)
{
	char closed[DK_DATE_STRLEN], cases[24];
	const char *values[] = {
	    m->code,
	    m->name,
	    m->country,
	    m->closed ? "closed" : "open",
	    dk_cli_date(closed, m->closed_on),
	    dk_cli_int(cases, sizeof(cases), m->cases),
	};

	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_mission_list(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, mission_cols, NCOLS(mission_cols), false);
	enum dk_rc rc = dk_app_mission_list(cli->app, false, mission_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}
