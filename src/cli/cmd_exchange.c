/* docket export|import|conflicts: bundles between offices and what they could not merge. */
#include <stdio.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_export[] = {
    {"for", DK_OPT_VALUE, "OFFICE"}, {"to", DK_OPT_VALUE, "FILE"}, {"all", DK_OPT_FLAG, NULL},
    {"mission", DK_OPT_VALUE, "M"},  {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_import[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_conflicts[] = {
    {"office", DK_OPT_VALUE, "NAME"},
    {NULL, DK_OPT_FLAG, NULL},
};

int
dk_cmd_export(struct dk_cli *cli)
{
	struct dk_export_input in = {dk_cli_opt(cli, "for"), dk_cli_opt(cli, "to"),
	                             dk_cli_flag(cli, "all"), dk_cli_opt(cli, "mission")};
	struct dk_export_result out;
	enum dk_rc rc = dk_app_export(cli->app, &in, &out);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	/* TRANSLATORS: "exported 12 events of 3 cases for HQ". */
	printf(_("exported %ld events of %ld cases for %s\n"), out.events, out.cases, in.office);
	return 0;
}

int
dk_cmd_import(struct dk_cli *cli)
{
	const char *path = cli->args[0];
	struct dk_import_result out;
	enum dk_rc rc = dk_app_import(cli->app, path, &out);

	if (rc == DK_DENIED)
		return dk_cli_app_error(cli, rc);
	if (rc != DK_OK)
		return dk_cli_error(rc, "%s: %s", path, dk_app_errmsg(cli->app));
	if (out.warning[0] != '\0')
		dk_cli_error(DK_OK, _("warning: %s"), out.warning);
	/* TRANSLATORS: "12 events, 3 new cases, 0 conflicts" (counts, always in this order). */
	printf(_("%ld events, %ld new cases, %ld conflicts\n"), out.events, out.cases,
	       out.conflicts);
	return 0;
}

static const struct dk_col conflict_cols[] = {
    {"ref", N_("REF"), DK_COL_TEXT, DK_LABEL_NONE},
    {"office", N_("OFFICE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"state", N_("STATE"), DK_COL_TEXT, DK_LABEL_STATE},
    {"moves", N_("MOVES"), DK_COL_TEXT, DK_LABEL_NONE},
};

struct conflict_out {
	struct dk_table *table;
	long rows;
};

static bool
conflict_row(const struct dk_conflict_view *v, void *ctx)
{
	struct conflict_out *out = ctx;
	struct dk_buf moves = DK_BUF_INIT;
	char on[DK_DATE_STRLEN];
	const char *values[4];

	for (size_t i = 0; i < v->nmoves; i++)
		/* TRANSLATORS: one move of a conflict: "referred@GOMA on 2026-03-01". */
		dk_buf_printf(&moves, _("%s%s@%s on %s"), i > 0 ? ", " : "", v->moves[i].state,
		              v->moves[i].office, dk_cli_date(on, v->moves[i].on));
	values[0] = v->c->ref;
	values[1] = v->office;
	values[2] = dk_state_id(v->c->state);
	values[3] = dk_buf_str(&moves);
	dk_table_row(out->table, values);
	out->rows++;
	dk_buf_free(&moves);
	return true;
}

int
dk_cmd_conflicts(struct dk_cli *cli)
{
	struct conflict_out out = {
	    dk_table_new(cli->format, conflict_cols, NCOLS(conflict_cols), false), 0};
	enum dk_rc rc = dk_app_conflicts(cli->app, conflict_row, &out);

	/* No conflict prints nothing as a table: a script tests for empty output. */
	if (rc != DK_OK || (out.rows == 0 && cli->format == DK_FORMAT_TABLE)) {
		dk_table_discard(&out.table);
		return rc != DK_OK ? dk_cli_app_error(cli, rc) : 0;
	}
	dk_table_end(&out.table);
	return 0;
}
