/* What the reports screen (view_reports.c) shares with its table panes (view_reports_table.c). */
#ifndef DOCKET_TUI_VIEW_REPORTS_H
#define DOCKET_TUI_VIEW_REPORTS_H

#include <stddef.h>

#include "tui_internal.h"

struct dk_report;

/*
 * A report shown as a table by nationality: its rows sorted as the pane
 * wants, a selected row and count column, the cases behind the selected
 * count on Enter.
 */
struct dk_reports_table {
	const char *name;    /* the report ("timeliness", "follow-up") */
	const char *sort_by; /* a measure the rows are sorted by, descending, blanks last; NULL:
	                        the keys' order */
	const char *marked;  /* a measure drawn bold and coloured when above 0; NULL: none */
	struct dk_report *r; /* NULL until loaded, or when the engine refused it */
	size_t *order;       /* the rows as shown: data rows, then DK_REPORT_TOTAL */
	int norder;
	int sel, top;
	size_t col;    /* the selected measure: a count */
	bool loaded;   /* r, or why, is what the database holds now */
	char why[256]; /* the engine's refusal, one line ("" when loaded) */
};

/* Loads (again) the table, keeping the selection where it can. */
void dk_reports_table_load(struct dk_tui *t, struct dk_reports_table *p);
/* Draws it at top over rows lines of cols columns. */
void dk_reports_table_draw(struct dk_tui *t, struct dk_reports_table *p, int top, int rows,
                           int cols);
/* Movements, Left and Right, Enter (the cases behind the count); false for other actions. */
bool dk_reports_table_action(struct dk_tui *t, struct dk_reports_table *p, enum dk_tui_action a);
/*
 * Opens the case list on the cases behind one count of report name (q, one
 * field): the row of key (NULL: the total), measure (a count, named
 * measure_name), each case the account may see; says so when there is none.
 */
void dk_reports_list_cases(struct dk_tui *t, const char *name, const struct dk_report_query *q,
                           const char *key, size_t measure, const char *measure_name);
/* Frees what it holds (counts only: no case data). */
void dk_reports_table_clear(struct dk_reports_table *p);

#endif
