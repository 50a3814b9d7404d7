/* A victim's and a subject's row: their columns and cells, for their own listings and case show. */
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "cli.h"

/* The columns of a victim in lists; show adds its identity. */
const struct dk_col dk_cli_victim_cols[DK_CLI_VICTIM_COLS] = {
    {"code", N_("CODE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"cases", N_("CASES"), DK_COL_TEXT, DK_LABEL_NONE},
    {"sex", N_("SEX"), DK_COL_TEXT, DK_LABEL_SEX},
    {"age", N_("AGE"), DK_COL_TEXT, DK_LABEL_AGE},
    {"added_on", N_("ADDED"), DK_COL_DATE, DK_LABEL_NONE},
    {"last_informed", N_("LAST INFORMED"), DK_COL_DATE, DK_LABEL_NONE},
    {"update_due", N_("NEXT UPDATE"), DK_COL_DATE, DK_LABEL_NONE},
    {"days_left", N_("DAYS LEFT"), DK_COL_INT, DK_LABEL_NONE},
    {"status", N_("STATUS"), DK_COL_TEXT, DK_LABEL_STATUS},
    {"assistance", N_("ASSISTANCE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"paternity", N_("PATERNITY"), DK_COL_TEXT, DK_LABEL_PATERNITY},
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
    {"contact", N_("CONTACT"), DK_COL_TEXT, DK_LABEL_NONE},
};

struct victim_cells {
	char added[DK_DATE_STRLEN], informed[DK_DATE_STRLEN], due[DK_DATE_STRLEN], left[16];
	const char *values[DK_CLI_VICTIM_COLS];
};

static void
victim_cells(const struct dk_victim_view *v, struct victim_cells *vc)
{
	bool live = v->update_due != DK_DATE_NONE;
	const char *values[DK_CLI_VICTIM_COLS] = {
	    v->code,
	    v->refs,
	    v->sex,
	    v->age,
	    dk_cli_date(vc->added, v->added_on),
	    dk_cli_date(vc->informed, v->last_informed),
	    dk_cli_date(vc->due, v->update_due),
	    live ? dk_cli_int(vc->left, sizeof(vc->left), v->days_left) : NULL,
	    v->status,
	    v->assistance[0] != '\0' ? v->assistance : NULL,
	    v->paternity,
	    v->name,
	    v->contact,
	};

	memcpy(vc->values, values, sizeof(values));
}

bool
dk_cli_victim_row(const struct dk_victim_view *v, void *table)
{
	struct victim_cells vc;

	victim_cells(v, &vc);
	dk_table_row(table, vc.values);
	return true;
}

const struct dk_col dk_cli_subject_cols[DK_CLI_SUBJECT_COLS] = {
    {"subject", N_("SUBJECT"), DK_COL_TEXT, DK_LABEL_NONE},
    {"ref", N_("CASE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"personnel", N_("PERSONNEL"), DK_COL_TEXT, DK_LABEL_PERSONNEL},
    {"nationality", N_("NATIONALITY"), DK_COL_TEXT, DK_LABEL_NONE},
    {"added_on", N_("ADDED"), DK_COL_DATE, DK_LABEL_NONE},
    {"actions", N_("ACTIONS"), DK_COL_TEXT, DK_LABEL_NONE},
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
    {"index", N_("INDEX"), DK_COL_TEXT, DK_LABEL_NONE},
    {"unit", N_("UNIT"), DK_COL_TEXT, DK_LABEL_NONE},
};

/* "2026-03-01 repatriated (interim); 2026-06-01 dismissal" */
static void
actions_text(struct dk_buf *b, const struct dk_subject_view *s)
{
	char on[DK_DATE_STRLEN];

	for (size_t i = 0; i < s->nactions; i++) {
		dk_date_format(s->actions[i].on, on);
		dk_buf_printf(b, "%s%s %s%s", i > 0 ? "; " : "", on, s->actions[i].action,
		              s->actions[i].interim ? _(" (interim)") : "");
	}
}

static void
subject_values(const struct dk_subject_view *s, struct dk_buf *actions, char added[DK_DATE_STRLEN],
               const char *values[DK_CLI_SUBJECT_COLS])
{
	actions_text(actions, s);
	values[0] = s->code;
	values[1] = s->ref;
	values[2] = s->personnel;
	values[3] = s->nationality[0] != '\0' ? s->nationality : NULL;
	values[4] = dk_cli_date(added, s->added_on);
	values[5] = actions->len > 0 ? dk_buf_str(actions) : NULL;
	values[6] = s->name;
	values[7] = s->index;
	values[8] = s->unit;
}

/* s as a row of table, or, when table is NULL, copied into cells. */
static bool
subject_emit(const struct dk_subject_view *s, struct dk_table *table, struct dk_cells *cells)
{
	struct dk_buf actions = DK_BUF_INIT;
	char added[DK_DATE_STRLEN];
	const char *values[DK_CLI_SUBJECT_COLS];

	subject_values(s, &actions, added, values);
	if (table != NULL)
		dk_table_row(table, values);
	else
		dk_cells_add(cells, values);
	dk_buf_free(&actions);
	return true;
}

bool
dk_cli_subject_row(const struct dk_subject_view *s, void *table)
{
	return subject_emit(s, table, NULL);
}

/* Case show's panels: the rows copied into cells, then one section each. */

static bool
victim_cell_row(const struct dk_victim_view *v, void *ctx)
{
	struct victim_cells vc;

	victim_cells(v, &vc);
	dk_cells_add(ctx, vc.values);
	return true;
}

enum dk_rc
dk_cli_victims_section(struct dk_cli *cli, struct dk_table *t, const char *ref)
{
	struct dk_cells cells = {NULL, DK_CLI_VICTIM_LIST_COLS, 0, 0};
	const struct dk_victim_query by_code = {false, false, NULL};
	enum dk_rc rc = dk_app_victim_list(cli->app, ref, &by_code, victim_cell_row, &cells);

	if (rc == DK_OK)
		dk_table_section(t, "victims", N_("Victims"), dk_cli_victim_cols,
		                 DK_CLI_VICTIM_LIST_COLS, (const char *const *)cells.cells,
		                 cells.nrows);
	dk_cells_free(&cells);
	return rc;
}

static bool
subject_cell_row(const struct dk_subject_view *s, void *cells)
{
	return subject_emit(s, NULL, cells);
}

enum dk_rc
dk_cli_subjects_section(struct dk_cli *cli, struct dk_table *t, const char *ref)
{
	struct dk_cells cells = {NULL, DK_CLI_SUBJECT_COLS, 0, 0};
	enum dk_rc rc = dk_app_case_subjects(cli->app, ref, subject_cell_row, &cells);

	if (rc == DK_OK)
		dk_table_section(t, "subjects", N_("Subjects"), dk_cli_subject_cols,
		                 DK_CLI_SUBJECT_COLS, (const char *const *)cells.cells,
		                 cells.nrows);
	dk_cells_free(&cells);
	return rc;
}
