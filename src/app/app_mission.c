/* The mission register: add, close and list missions (a typed code is checked in app_check.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

enum dk_rc
dk_app_mission_add(struct dk_app *app, const char *code, const char *name, const char *country)
{
	char norm[DK_MISSION_MAX + 1], iso[4] = "";
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (code == NULL || (rc = dk_validate_mission(code, norm, &app->err)) != DK_OK)
		return code == NULL ? dk_app_fail(app, DK_INVALID, _("a mission needs a code"))
		                    : rc;
	if (name == NULL || name[0] == '\0')
		return dk_app_fail(app, DK_INVALID, _("a mission needs --name"));
	if ((rc = dk_validate_text("--name", name, DK_LINE_MAX, true, &app->err)) != DK_OK)
		return rc;
	if (country != NULL && country[0] != '\0' &&
	    (rc = dk_validate_nationality(country, iso, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_MISSION_MANAGE)) != DK_OK)
		return rc;
	rc = dk_store_mission_add(app->store, norm, name, iso[0] != '\0' ? iso : NULL, &app->err);
	if (rc == DK_OK && (rc = dk_app_fields_sync(app)) == DK_OK) /* its keys */
		rc = dk_app_audit(app, "mission_add", NULL, norm);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_mission_close(struct dk_app *app, const char *code)
{
	char norm[DK_MISSION_MAX + 1];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (code == NULL)
		return dk_app_fail(app, DK_INVALID, _("a mission needs a code"));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_MISSION_MANAGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_mission(app, "mission", code, false, norm)) == DK_OK &&
	    (rc = dk_store_mission_close(app->store, norm, app->today, &app->err)) == DK_OK)
		rc = dk_app_audit(app, "mission_close", NULL, norm);
	return dk_app_tx_end(app, rc);
}

struct list_ctx {
	const struct dk_app *app;
	bool choices;
	bool (*fn)(const struct dk_mission_view *m, void *ctx);
	void *ctx;
};

static bool
list_row(const struct dk_mission_row *m, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct dk_mission_view v = {m->code,
	                            m->name,
	                            m->country,
	                            m->closed_on,
	                            dk_app_mission_closed(m->closed_on, lc->app->today),
	                            m->cases};

	if (lc->choices && (v.closed || !dk_app_in_scope(lc->app, m->code)))
		return true;
	return lc->fn(&v, lc->ctx);
}

enum dk_rc
dk_app_mission_list(struct dk_app *app, bool choices,
                    bool (*fn)(const struct dk_mission_view *m, void *ctx), void *ctx)
{
	struct list_ctx lc = {app, choices, fn, ctx};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_SETTINGS_READ)) != DK_OK)
		return rc;
	/* Choice lists need no counts: counting every case is the slow part. */
	rc = dk_store_mission_each(app->store, app->today, !choices, list_row, &lc, &app->err);
	return dk_app_tx_end(app, rc);
}
