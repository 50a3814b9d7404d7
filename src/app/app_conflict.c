/*
 * conflicts: the flagged cases, each with the moves that did not see each
 * other; and the office filter every listing follows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_internal.h"

struct conflict_walk {
	struct dk_app *app;
	bool (*fn)(const struct dk_conflict_view *v, void *ctx);
	void *ctx;
	enum dk_rc rc;
};

static bool
show_conflict(const struct dk_case *c, void *ctx)
{
	struct conflict_walk *w = ctx;
	struct dk_last_move *last = NULL;
	struct dk_conflict_move *moves;
	char(*names)[DK_OFFICE_NAME_MAX + 1];
	char office[DK_OFFICE_NAME_MAX + 1];
	struct dk_conflict_view v;
	size_t n = 0;
	bool more = true;

	if ((w->rc = dk_app_case_last_moves(w->app, c->id, &last, &n)) != DK_OK ||
	    (w->rc = dk_app_office_name(w->app, c->office, office, sizeof(office))) != DK_OK) {
		free(last);
		return false;
	}
	moves = dk_xcalloc(n + 1, sizeof(*moves));
	names = dk_xcalloc(n + 1, sizeof(*names));
	for (size_t i = 0; w->rc == DK_OK && i < n; i++) {
		w->rc = dk_app_office_name(w->app, last[i].office, names[i], sizeof(names[i]));
		moves[i] = (struct dk_conflict_move){last[i].state, names[i], last[i].on};
	}
	v = (struct dk_conflict_view){c, office, n, moves};
	if (w->rc == DK_OK)
		more = w->fn(&v, w->ctx);
	free(moves);
	free(names);
	free(last);
	return w->rc == DK_OK && more;
}

enum dk_rc
dk_app_conflicts(struct dk_app *app, bool (*fn)(const struct dk_conflict_view *v, void *ctx),
                 void *ctx)
{
	struct conflict_walk w = {app, fn, ctx, DK_OK};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	rc = dk_store_conflict_cases(app->store, show_conflict, &w, &app->err);
	if (rc == DK_OK)
		rc = w.rc;
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_office_filter(struct dk_app *app, const char *name)
{
	struct dk_office_row row;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (name == NULL)
		return app->store != NULL ? dk_store_office_filter(app->store, NULL, &app->err)
		                          : DK_OK;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	rc = dk_app_office_by_name(app, name, &row);
	if ((rc = dk_app_tx_end(app, rc)) != DK_OK)
		return rc;
	return dk_store_office_filter(app->store, row.gid, &app->err);
}

enum dk_rc
dk_app_cases_of_offices(struct dk_app *app, bool *many)
{
	enum dk_rc rc;

	dk_err_clear(&app->err);
	*many = false;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	rc = dk_store_cases_of_others(app->store, app->office, many, &app->err);
	return dk_app_tx_end(app, rc);
}
