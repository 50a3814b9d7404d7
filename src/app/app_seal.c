/*
 * Case seals (HACKING.md "Insiders: the threat model"): every transaction
 * that writes a case's rows seals the case before its commit, in a `seal`
 * audit entry signed like every entry (app_tx.c); check and the opening of
 * a case compare the seals with the rows as they are (here).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "app_internal.h"

bool
dk_app_sealed_once(struct dk_app *app)
{
	struct dk_err quiet = {0};
	char *mark = NULL;
	bool done = dk_store_meta_get(app->store, DK_SEALS_META, &mark, &quiet) == DK_OK &&
	            mark != NULL && strcmp(mark, "done") == 0;

	free(mark);
	return done;
}

bool
dk_app_seal_differs(struct dk_app *app, const struct dk_case *c, long long *entry)
{
	struct dk_seal_verdict v;
	struct dk_err quiet = {0};

	*entry = 0;
	if (c->id <= 0 || dk_store_case_seal_verify(app->store, c->id, &v, &quiet) != DK_OK ||
	    v.ok || (!v.sealed && !dk_app_sealed_once(app)))
		return false;
	*entry = v.sealed ? v.audit_id : 0;
	if (app->warning[0] != '\0')
		return true;
	if (v.sealed)
		snprintf(app->warning, sizeof(app->warning),
		         _("case %s was altered outside docket: its history differs from what "
		           "entry %lld sealed (run docket check)"),
		         c->ref, v.audit_id);
	else
		snprintf(app->warning, sizeof(app->warning),
		         _("case %s carries no seal: it was added or altered outside docket (run "
		           "docket check)"),
		         c->ref);
	return true;
}

struct cases_check {
	struct dk_app *app;
	bool required; /* every case must have a seal */
	long sealed, unsealed;
	enum dk_rc rc;
};

static bool
entry_ok(long long audit_id, const char *detail, size_t n,
         const unsigned char digest[DK_HASH_BYTES], void *ctx)
{
	struct cases_check *cc = ctx;
	char hex[2 * DK_HASH_BYTES + 1], expect[128];

	dk_hex_encode(hex, digest, DK_HASH_BYTES);
	snprintf(expect, sizeof(expect), "cases=%zu digest=%s", n, hex);
	if (detail != NULL && strcmp(detail, expect) == 0)
		return true;
	cc->rc = dk_app_fail(cc->app, DK_CORRUPT,
	                     _("the case seals of audit entry %lld were altered outside docket "
	                       "(they differ from what the entry says it sealed)"),
	                     audit_id);
	return false;
}

static bool
case_ok(int64_t id, const char *ref, void *ctx)
{
	struct cases_check *cc = ctx;
	struct dk_seal_verdict v;

	if ((cc->rc = dk_store_case_seal_verify(cc->app->store, id, &v, &cc->app->err)) != DK_OK)
		return false;
	if (!v.sealed && !cc->required) {
		cc->unsealed++;
		return true;
	}
	if (v.ok) {
		cc->sealed++;
		return true;
	}
	if (v.sealed)
		cc->rc =
		    dk_app_fail(cc->app, DK_CORRUPT,
		                _("case %s was altered outside docket: its history differs from "
		                  "what entry %lld sealed"),
		                ref != NULL ? ref : "", v.audit_id);
	else
		cc->rc = dk_app_fail(cc->app, DK_CORRUPT,
		                     _("case %s carries no seal: it was added or altered outside "
		                       "docket"),
		                     ref != NULL ? ref : "");
	return false;
}

/* A seal row no entry carries, or of a case that is gone: DK_CORRUPT. */
static enum dk_rc
check_strays(struct dk_app *app)
{
	struct dk_seal_stray stray;
	bool found = false;
	enum dk_rc rc = dk_store_seal_stray(app->store, &stray, &found, &app->err);

	if (rc != DK_OK || !found)
		return rc;
	if (stray.no_entry)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("a case seal names audit entry %lld, which sealed no cases (it "
		      "was added outside docket)"),
		    stray.audit_id);
	return dk_app_fail(app, DK_CORRUPT,
	                   _("a case sealed by audit entry %lld is gone (it was deleted outside "
	                     "docket)"),
	                   stray.audit_id);
}

enum dk_rc
dk_app_check_cases(struct dk_app *app, long *sealed, long *unsealed)
{
	struct cases_check cc = {app, false, 0, 0, DK_OK};
	long long found = 0, differs = 0;
	enum dk_rc rc;

	*sealed = *unsealed = 0;
	/* After the one-time sealing, every case has a seal. */
	if ((rc = dk_store_audit_has_action(app->store, DK_SEALS_UPGRADE, &found, &app->err)) !=
	    DK_OK)
		return rc;
	cc.required = found > 0;
	/* A write that found its case altered sealed it again: the entry it left says so. */
	if ((rc = dk_store_audit_has_action(app->store, DK_SEAL_DIFFERS, &differs, &app->err)) !=
	    DK_OK)
		return rc;
	if (differs > 0)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("audit entry %lld found a case altered outside docket before a "
		      "write sealed it again (restore a backup from before that entry)"),
		    differs);
	/* Cases first: an edit is named by its case where it can be. */
	if ((rc = dk_store_case_ids(app->store, case_ok, &cc, &app->err)) == DK_OK)
		rc = cc.rc;
	*sealed = cc.sealed;
	*unsealed = cc.unsealed;
	if (rc != DK_OK ||
	    (rc = dk_store_seal_entry_each(app->store, entry_ok, &cc, &app->err)) != DK_OK ||
	    (rc = cc.rc) != DK_OK)
		return rc;
	return check_strays(app);
}
