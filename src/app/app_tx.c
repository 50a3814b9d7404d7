/*
 * The one-transaction frame around each command: opening it (with the
 * unlock's audit entries and a pending recompute), the seals of what it wrote, the
 * commit or rollback, and the refusal audited once the command is rolled back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "app_internal.h"

/* Before the commit: seals the cases the transaction wrote, its last entry `seal`. */
static enum dk_rc
seal_touched(struct dk_app *app)
{
	unsigned char digest[DK_HASH_BYTES];
	char hex[2 * DK_HASH_BYTES + 1], detail[128];
	long long audit_id = 0;
	long n = 0;
	enum dk_rc rc;

	if ((rc = dk_store_seal_touched(app->store, &audit_id, digest, &n, &app->err)) != DK_OK ||
	    n == 0)
		return rc;
	dk_hex_encode(hex, digest, DK_HASH_BYTES);
	snprintf(detail, sizeof(detail), "cases=%ld digest=%s", n, hex);
	return dk_app_audit(app, "seal", NULL, detail);
}

enum dk_rc
dk_app_seal_upgrade(struct dk_app *app)
{
	char detail[64];
	long long found = 0;
	long n = 0;
	enum dk_rc rc;

	if (!app->signed_db || strcmp(app->account.role, "admin") != 0 || dk_app_sealed_once(app))
		return DK_OK;
	/* Once only, whatever meta says: sealing again would seal an edit made since. */
	if ((rc = dk_store_audit_has_action(app->store, DK_SEALS_UPGRADE, &found, &app->err)) !=
	    DK_OK)
		return rc;
	if (!found) {
		if ((rc = dk_store_touch_unsealed(app->store, &n, &app->err)) != DK_OK)
			return rc;
		snprintf(detail, sizeof(detail), "cases=%ld", n);
		if ((rc = dk_app_audit(app, DK_SEALS_UPGRADE, NULL, detail)) != DK_OK)
			return rc;
	}
	return dk_store_meta_set(app->store, DK_SEALS_META, "done", &app->err);
}

/*
 * A migration that changes how deadlines are read (0004) marks the database;
 * the first command after the next unlock evaluates every case again.
 */
static enum dk_rc
recompute_if_marked(struct dk_app *app)
{
	struct dk_err quiet = {0};
	char *mark = NULL;
	bool pending;
	enum dk_rc rc;

	pending = dk_store_meta_get(app->store, "deadlines_recompute", &mark, &quiet) == DK_OK &&
	          strcmp(mark, "pending") == 0;
	free(mark);
	if (!pending)
		return DK_OK;
	if ((rc = dk_app_recompute_mission(app, NULL)) != DK_OK)
		return rc;
	return dk_store_meta_set(app->store, "deadlines_recompute", "done", &app->err);
}

/*
 * Opens the command's transaction. A read writes nothing, except the first
 * one after an unlock: it records the unlock in the audit chain, committed
 * (durably: the sidecar's audit head names the entry right after, and must
 * never be on disk before it) before the command's data is returned.
 */
static enum dk_rc
tx_open(struct dk_app *app, bool read_only)
{
	enum dk_rc rc;

	app->audited = false;
	rc = read_only && !app->unlock_audit_pending ? dk_store_begin_read(app->store, &app->err)
	                                             : dk_store_begin(app->store, &app->err);
	if (rc != DK_OK)
		return rc;
	if (app->unlock_audit_pending) {
		char detail[32];

		if (app->failures_to_audit > 0) {
			snprintf(detail, sizeof(detail), "count=%u", app->failures_to_audit);
			rc = dk_app_audit(app, "unlock_failed", NULL, detail);
		}
		if (rc == DK_OK)
			rc = dk_app_audit(app, "unlock", NULL, "");
		if (rc == DK_OK && app->switched_from[0] != '\0') {
			char from[DK_NAME_MAX + 8];

			snprintf(from, sizeof(from), "from=%s", app->switched_from);
			rc = dk_app_audit(app, "session_switch", NULL, from);
		}
		if (rc == DK_OK)
			rc = recompute_if_marked(app);
		if (rc == DK_OK)
			rc = dk_app_seal_upgrade(app);
		if (rc != DK_OK)
			dk_store_rollback(app->store);
	}
	return rc;
}

static enum dk_rc
tx_begin(struct dk_app *app, enum dk_action a, bool read_only)
{
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&app->denial, 0, sizeof(app->denial));
	app->notice[0] = '\0';
	if (app->store == NULL)
		return dk_app_fail(app, DK_AUTH, _("the database is locked"));
	app->action = a;
	app->tx_read = read_only;
	/* Another docket may have imported or trusted an office since: names are read afresh. */
	dk_app_office_names_forget(app);
	if ((rc = tx_open(app, read_only)) != DK_OK)
		return rc;
	if ((rc = dk_app_require(app, a)) != DK_OK)
		return dk_app_tx_end(app, rc);
	/* A read keeps to the office of dk_app_office_filter; a write sees every case. */
	if (read_only && (rc = dk_store_office_view(app->store, true, &app->err)) != DK_OK)
		return dk_app_tx_end(app, rc);
	return DK_OK;
}

enum dk_rc
dk_app_tx_begin(struct dk_app *app, enum dk_action a)
{
	return tx_begin(app, a, false);
}

enum dk_rc
dk_app_tx_begin_read(struct dk_app *app, enum dk_action a)
{
	return tx_begin(app, a, true);
}

/*
 * A refusal outlives the rolled-back command: it gets a transaction of its
 * own (which also records a pending unlock). Its failure leaves the refusal
 * itself to be reported.
 */
static void
audit_denial(struct dk_app *app)
{
	struct dk_err saved = app->err;

	app->denial.pending = false;
	if (tx_open(app, false) == DK_OK &&
	    dk_app_audit(app, "denied", app->denial.has_case ? app->denial.case_gid : NULL,
	                 app->denial.detail) == DK_OK)
		(void)dk_app_tx_end(app, DK_OK);
	else
		dk_store_rollback(app->store);
	app->err = saved;
}

enum dk_rc
dk_app_tx_end_looking(struct dk_app *app, enum dk_rc rc)
{
	struct dk_err ignored = {0};

	/* The rollback drops the view too, should dropping it fail. */
	if (dk_store_office_view(app->store, false, &ignored) != DK_OK)
		dk_err_clear(&ignored);
	dk_store_rollback(app->store);
	app->audited = false;
	return rc;
}

enum dk_rc
dk_app_tx_end(struct dk_app *app, enum dk_rc rc)
{
	enum dk_rc off =
	    app->store != NULL ? dk_store_office_view(app->store, false, &app->err) : DK_OK;

	if (rc == DK_OK)
		rc = off;
	/* The cases the command wrote are sealed in its own transaction, its last entry. */
	if (rc == DK_OK && app->store != NULL)
		rc = seal_touched(app);
	if (rc == DK_OK && app->audited && !app->head_kept)
		/* From the first head on, a sidecar without one means it was replaced or edited. */
		rc = dk_store_meta_set(app->store, "audit_head", "kept", &app->err);
	if (rc != DK_OK) {
		dk_store_rollback(app->store);
		dk_app_keys_finish(app, DK_KEYS_ROLLED_BACK);
		if (app->denial.pending)
			audit_denial(app);
		return rc;
	}
	rc = dk_store_commit(app->store, &app->err);
	/* A commit that may yet appear keeps its sidecar pending: the database's hash decides. */
	dk_app_keys_finish(app, rc == DK_OK                          ? DK_KEYS_COMMITTED
	                        : dk_store_commit_unsure(app->store) ? DK_KEYS_UNSURE
	                                                             : DK_KEYS_ROLLED_BACK);
	if (rc != DK_OK)
		return rc;
	if (app->audited) {
		app->head_kept = true;
		dk_app_save_audit_head(app);
	}
	app->audited = false;
	if (app->unlock_audit_pending) {
		app->unlock_audit_pending = false;
		app->switched_from[0] = '\0';
		if (app->failures_to_audit > 0)
			dk_app_reset_failures(app); /* counted again at worst */
		app->failures_to_audit = 0;
	}
	return DK_OK;
}

enum dk_rc
dk_app_refuse_early(struct dk_app *app, enum dk_action a)
{
	enum dk_rc rc = dk_app_tx_begin(app, a);

	if (rc == DK_OK) /* not refused after all: the caller asked wrongly */
		rc = dk_app_tx_end(app, dk_app_fail(app, DK_DENIED, _("permission denied")));
	return rc;
}
