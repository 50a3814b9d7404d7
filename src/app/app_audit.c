/* The whole-database check, and reading and verifying the audit log. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/ref.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* The sidecar's slots against the active accounts: one each, plus the recovery code's. */
struct slots_ctx {
	struct dk_app *app;
	struct dk_keyring *kr;
	size_t active;
	enum dk_rc rc;
};

static bool
slot_of(const struct dk_account *a, void *ctx)
{
	struct slots_ctx *sc = ctx;

	if (a->removed)
		return true;
	sc->active++;
	if (!dk_keyring_has(sc->kr, a->name)) {
		sc->rc = dk_app_fail(sc->app, DK_CORRUPT, _("account %s has no key slot"), a->name);
		return false;
	}
	return true;
}

struct orphan_ctx {
	size_t first_pos;
	char first_id[16];
};

static void
orphan_seen(size_t pos, const char *id_hex, void *ctx)
{
	struct orphan_ctx *oc = ctx;

	if (oc->first_pos == 0) {
		oc->first_pos = pos;
		snprintf(oc->first_id, sizeof(oc->first_id), "%s", id_hex);
	}
}

static enum dk_rc
check_slots(struct dk_app *app, struct dk_keyring *kr, size_t *active)
{
	struct slots_ctx sc = {app, kr, 0, DK_OK};
	struct orphan_ctx oc = {0, ""};
	struct dk_names names = {NULL, 0};
	size_t orphans;
	enum dk_rc rc = dk_store_account_each(app->store, slot_of, &sc, &app->err);

	*active = sc.active;
	if (rc != DK_OK || sc.rc != DK_OK)
		return rc != DK_OK ? rc : sc.rc;
	if ((rc = dk_app_slot_owners(app, &names)) != DK_OK)
		return rc;
	orphans = dk_keyring_orphans(kr, (const char *const *)names.v, names.n, orphan_seen, &oc);
	dk_names_free(&names);
	if (orphans > 0)
		/* The sidecar holds no names: a slot is told by its place and its id's start. */
		return dk_app_fail(app, DK_CORRUPT,
		                   _("key slot %zu (id %s...) belongs to no active account and may "
		                     "still unlock (%zu such slots); remove them with 'docket user "
		                     "prune-slots'"),
		                   oc.first_pos, oc.first_id, orphans);
	return DK_OK;
}

/* The chain, the sidecar's head, and in a signed database every signature. */
static enum dk_rc
verify_chain(struct dk_app *app, struct dk_keyring *kr, long *entries)
{
	struct dk_audit_verify v = {0};
	struct dk_audit_head head;
	char *kept = NULL;
	bool required = false;
	enum dk_rc rc;

	if (!dk_keyring_audit_head(kr, &head)) {
		required = dk_store_meta_get(app->store, "audit_head", &kept, NULL) == DK_OK;
		free(kept);
	}
	v.head_id = head.id;
	v.head_hash = head.hash;
	if (app->signed_db)
		rc = dk_app_verify_signatures(app, kr, entries);
	else if ((rc = dk_store_audit_verify(app->store, &v, &app->err)) == DK_OK)
		*entries = v.entries;
	if (rc == DK_OK && required && *entries > 0)
		rc = dk_app_fail(app, DK_CORRUPT,
		                 _("the key slots file records no audit head though the log has "
		                   "entries (it was edited or replaced by an older copy)"));
	return rc;
}

struct peers_check {
	struct dk_app *app;
	bool broken;
};

/* The first peer whose audit chain a bundle showed rewritten or cut (its bundles went in). */
static bool
first_broken(const struct dk_office_entry *o, void *ctx)
{
	struct peers_check *p = ctx;

	if (o->broken == NULL)
		return true;
	p->broken = true;
	dk_app_fail(p->app, DK_CORRUPT,
	            /* TRANSLATORS: "office FIELD's audit log was rewritten or cut (broken:
	               41:ab12cd34 then 38:ef56ab78)". */
	            _("office %s's audit log was rewritten or cut (%s)"), o->row.name, o->broken);
	return false;
}

static enum dk_rc
check_peers(struct dk_app *app)
{
	struct peers_check p = {app, false};
	enum dk_rc rc = dk_store_office_each(app->store, first_broken, &p, &app->err);

	return rc != DK_OK ? rc : p.broken ? DK_CORRUPT : DK_OK;
}

/*
 * check's row on accounts: in a signed database, every record and key as
 * the authority signed it (keys enrolled since the upgrade await binding).
 */
static enum dk_rc
check_accounts(struct dk_app *app, dk_check_fn fn, void *ctx)
{
	char detail[256];
	long accounts = 0, keys = 0, pending = 0;
	enum dk_rc rc;

	if (!app->signed_db) {
		fn(_("signatures"), true, _("none yet: the first administrator's unlock adds them"),
		   ctx);
		return DK_OK;
	}
	rc = dk_app_verify_accounts(app, &accounts, &keys, &pending);
	if (pending == 0)
		snprintf(detail, sizeof(detail), _("account records signed: %ld, keys bound: %ld"),
		         accounts, keys);
	else
		snprintf(detail, sizeof(detail),
		         _("account records signed: %ld, keys bound: %ld, awaiting an "
		           "administrator's unlock: %ld"),
		         accounts, keys, pending);
	fn(_("signatures"), rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	return rc;
}

/* check's row on case histories: every case as its seals (signed in the log) say. */
static enum dk_rc
check_cases(struct dk_app *app, dk_check_fn fn, void *ctx)
{
	char detail[256];
	long sealed = 0, unsealed = 0;
	enum dk_rc rc = dk_app_check_cases(app, &sealed, &unsealed);

	if (unsealed == 0)
		snprintf(detail, sizeof(detail), _("cases sealed and unaltered: %ld"), sealed);
	else
		snprintf(detail, sizeof(detail),
		         _("cases sealed and unaltered: %ld, not sealed yet (the first "
		           "administrator's unlock seals them): %ld"),
		         sealed, unsealed);
	fn(_("case histories"), rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	return rc;
}

enum dk_rc
dk_app_check(struct dk_app *app, dk_check_fn fn, void *ctx)
{
	struct dk_keyring *kr = NULL;
	char detail[128];
	long pages = 0, entries = 0;
	size_t active = 0;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CHECK)) != DK_OK)
		return rc;
	rc = dk_store_integrity(app->store, &pages, &app->err);
	snprintf(detail, sizeof(detail), _("pages decrypted and consistent: %ld"), pages);
	fn(_("database"), rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	if (rc != DK_OK)
		goto out;
	if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK)
		rc = check_slots(app, kr, &active);
	snprintf(detail, sizeof(detail), _("key slots: %zu, active accounts: %zu"),
	         kr != NULL ? dk_keyring_count(kr) : 0, active);
	fn(_("key slots"), rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	if (rc != DK_OK)
		goto out;
	if ((rc = check_accounts(app, fn, ctx)) != DK_OK)
		goto out;
	rc = verify_chain(app, kr, &entries);
	snprintf(detail, sizeof(detail),
	         app->signed_db ? _("entries chained and signed: %ld") : _("entries chained: %ld"),
	         entries);
	fn(_("audit log"), rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	if (rc != DK_OK)
		goto out;
	if ((rc = check_cases(app, fn, ctx)) != DK_OK ||
	    (rc = dk_app_check_fields(app, fn, ctx)) != DK_OK)
		goto out;
	rc = dk_store_guards(app->store, &app->err);
	fn(_("append-only guards"), rc == DK_OK,
	   rc == DK_OK ? _("every history and the audit log refuse edits") : app->err.msg, ctx);
	if (rc != DK_OK)
		goto out;
	rc = check_peers(app);
	fn(_("offices"), rc == DK_OK,
	   rc == DK_OK ? _("every office's bundles extend its audit log as seen before")
	               : app->err.msg,
	   ctx);
out:
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_audit_verify(struct dk_app *app, long *entries)
{
	struct dk_keyring *kr = NULL;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	*entries = 0;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_AUDIT_READ)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK)
		rc = verify_chain(app, kr, entries);
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

struct log_ctx {
	bool (*fn)(const struct dk_audit_view *e, void *ctx);
	void *ctx;
};

static bool
log_one(const struct dk_audit_entry *e, void *ctx)
{
	struct log_ctx *lc = ctx;
	struct dk_audit_view v = {e->id, e->at, e->account, e->action, e->ref, e->detail};

	return lc->fn(&v, lc->ctx);
}

enum dk_rc
dk_app_audit_log(struct dk_app *app, const struct dk_audit_filter *filter,
                 bool (*fn)(const struct dk_audit_view *e, void *ctx), void *ctx)
{
	struct dk_audit_query q = {0};
	struct log_ctx lc = {fn, ctx};
	struct dk_case c;
	char since[DK_DATE_STRLEN];
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if (filter->since != NULL) {
		if (!dk_date_parse(filter->since, &day))
			return dk_app_fail(
			    app, DK_INVALID,
			    _("--since: '%s' is not a real date (expected YYYY-MM-DD)"),
			    filter->since);
		dk_date_format(day, since);
		q.since = since;
	}
	if (filter->user != NULL && (rc = dk_validate_account(filter->user, &app->err)) != DK_OK)
		return rc;
	q.account = filter->user;
	q.from_id = filter->from_id;
	q.limit = filter->limit;
	q.newest_first = filter->newest_first;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_AUDIT_READ)) != DK_OK)
		return rc;
	if (filter->ref != NULL) {
		if ((rc = dk_app_load_case(app, filter->ref, &c)) != DK_OK)
			goto out;
		q.case_gid = c.gid;
	}
	rc = dk_store_audit_each(app->store, &q, log_one, &lc, &app->err);
out:
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}
