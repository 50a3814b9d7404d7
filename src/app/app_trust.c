/*
 * What an unlock checks of a signed database before the session acts
 * (HACKING.md "Insiders: the threat model"), and the enrolment of an
 * account whose key slot predates the signatures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

static bool
is_recovery(const char *slot)
{
	return strcmp(slot, DK_RECOVERY_SLOT) == 0;
}

/*
 * A slot sealed before the upgrade holds no key: the account makes one now,
 * pinning the root the database shows (trust on first use, until an
 * administrator binds the key), and its slot is sealed again with it. A
 * recovery slot is not rewritten: recovery use replaces the account's slot.
 */
static enum dk_rc
enrol(struct dk_app *app, const char *slot, const struct dk_secret *secret)
{
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_account_key k;
	struct dk_keyring *kr = NULL;
	enum dk_rc rc;

	/*
	 * Only an account that never had a key enrols: anyone with the data key
	 * can write a version-1 slot under another's name, so one for an account
	 * with a key is a takeover (and an old recovery code is no longer good).
	 */
	if (dk_app_account_has_key(app, app->account.gid) && is_recovery(slot))
		return dk_app_fail(app, DK_CORRUPT,
		                   _("this recovery code was made before the database signed its "
		                     "accounts; an administrator makes a new one with 'docket "
		                     "recovery create'"));
	if (dk_app_account_has_key(app, app->account.gid))
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("the key slot of %s holds no key though the account has one: the "
		      "slot was replaced outside docket (an administrator should run "
		      "'docket check')"),
		    app->account.name);
	memset(&k, 0, sizeof(k));
	dk_sign_keypair_new(k.pk, &app->sign_sk);
	memcpy(k.account_gid, app->account.gid, DK_GID_LEN);
	dk_store_audit_sign_with(app->store, app->sign_sk);
	if ((rc = dk_app_tx_begin(app, DK_ACTION_PASSPHRASE_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_store_account_key_put(app->store, &k, &app->err)) != DK_OK ||
	    (rc = dk_app_audit(app, "key_enrol", NULL, app->account.name)) != DK_OK ||
	    is_recovery(slot))
		goto out;
	memcpy(keys.root_pk, app->root_pk, DK_SIGN_PK_BYTES);
	keys.sign_sk = app->sign_sk;
	if ((rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_reseal(kr, slot, secret, app->data_key, &keys, &app->err)) == DK_OK)
		rc = dk_app_keys_stage(app, kr);
out:
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

/* A version-2 slot's pinned root must be the database's. */
static enum dk_rc
check_pin(struct dk_app *app, const struct dk_slot_keys *keys)
{
	if (memcmp(keys->root_pk, app->root_pk, DK_SIGN_PK_BYTES) == 0)
		return DK_OK;
	return dk_app_fail(app, DK_CORRUPT,
	                   _("the office's authority key in the database is not the one your key "
	                     "slot pins: the database was tampered with or replaced (an "
	                     "administrator should run 'docket check')"));
}

/* Takes over what a version-2 slot sealed. */
static enum dk_rc
adopt_slot_keys(struct dk_app *app, const char *slot, struct dk_slot_keys *keys, bool key_ok)
{
	app->sign_sk = keys->sign_sk;
	keys->sign_sk = NULL;
	/* The recovery slot seals the authority's key: that session signs as the authority. */
	if (is_recovery(slot))
		app->authority_sk = dk_secret_from(app->sign_sk->bytes, app->sign_sk->len);
	else if (!key_ok)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("your key is not bound to account %s in the database: its keys were "
		      "altered outside docket (an administrator should run 'docket check')"),
		    app->account.name);
	return DK_OK;
}

/* An administrator's authority key, as sealed to its account key (none yet: not an error). */
static void
unseal_authority(struct dk_app *app)
{
	unsigned char *sealed = NULL;
	struct dk_err ignored;
	size_t len = 0;
	bool found = false;

	if (app->authority_sk != NULL || strcmp(app->account.role, "admin") != 0)
		return;
	if (dk_store_grant_get(app->store, app->account.gid, DK_GRANT_AUTHORITY, &sealed, &len,
	                       &found, &ignored) == DK_OK &&
	    found && !dk_seal_open(sealed, len, app->sign_sk, &app->authority_sk))
		app->authority_sk = NULL;
	free(sealed);
}

/* The account acting must be as the authority signed it. */
static enum dk_rc
verify_own_record(struct dk_app *app)
{
	long long entry;
	enum dk_rc rc;

	if ((rc = dk_app_load_removals(app)) != DK_OK)
		return rc;
	if ((entry = dk_app_removed_by_log(app, &app->account)) != 0)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("the account %s was removed by audit entry %lld: its record was "
		      "put back outside docket (an administrator should run 'docket "
		      "check')"),
		    app->account.name, entry);
	if (dk_app_account_verified(app, &app->account))
		return DK_OK;
	return dk_app_fail(app, DK_CORRUPT,
	                   _("the account record of %s does not carry the office's signature: it "
	                     "was altered outside docket (an administrator should run 'docket "
	                     "check')"),
	                   app->account.name);
}

/*
 * What does not stop this account from working is said, not refused: an
 * insider who cuts the log must not lock the office out of its cases. check
 * fails on the same thing until an administrator restores a backup.
 */
static void
warn_if_tampered(struct dk_app *app, struct dk_keyring *kr, const struct dk_secret *sk,
                 bool *key_ok)
{
	struct dk_err saved = app->err;

	/* One load of the signers' table answers both: the tail, and whether sk may sign. */
	if (dk_app_verify_tail(app, kr, sk, key_ok) != DK_OK || dk_app_verify_records(app) != DK_OK)
		snprintf(app->warning, sizeof(app->warning), "%s", app->err.msg);
	app->err = saved;
}

/* Binds one enrolled key; an administrator's also gets the authority. */
static enum dk_rc
bind_one(struct dk_app *app, const struct dk_pending_key *k, const struct dk_account *a)
{
	enum dk_rc rc;

	if (a->removed || !dk_app_account_verified(app, a))
		return DK_OK; /* check reports it; nothing to bind */
	if ((rc = dk_app_bind_key(app, k->gid, k->pk)) != DK_OK ||
	    (strcmp(a->role, "admin") == 0 &&
	     (rc = dk_app_grant_authority(app, k->gid, k->pk)) != DK_OK))
		return rc;
	return dk_app_audit(app, "key_bind", NULL, a->name);
}

static bool
account_by_gid(const struct dk_account *a, void *ctx)
{
	struct dk_account *want = ctx;

	if (memcmp(a->gid, want->gid, DK_GID_LEN) != 0)
		return true;
	*want = *a;
	return false;
}

enum dk_rc
dk_app_bind_pending(struct dk_app *app)
{
	struct dk_pending_keys p;
	struct dk_account a;
	enum dk_rc rc;

	if (app->authority_sk == NULL)
		return DK_OK;
	/* Looked at first: an unlock with nothing to bind writes nothing. */
	if ((rc = dk_app_pending_keys(app, &p)) != DK_OK || p.n == 0) {
		free(p.v);
		return rc;
	}
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK) {
		free(p.v);
		return rc;
	}
	for (size_t i = 0; rc == DK_OK && i < p.n; i++) {
		memset(&a, 0, sizeof(a));
		memcpy(a.gid, p.v[i].gid, DK_GID_LEN);
		if ((rc = dk_store_account_each(app->store, account_by_gid, &a, &app->err)) ==
		        DK_OK &&
		    a.name[0] != '\0')
			rc = bind_one(app, &p.v[i], &a);
	}
	if (rc == DK_OK)
		rc = dk_app_fields_sync(app);
	free(p.v);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_trust_session(struct dk_app *app, struct dk_keyring *kr, const char *slot,
                     const struct dk_secret *secret, struct dk_slot_keys *keys)
{
	bool found = false, key_ok = false;
	enum dk_rc rc;

	if ((rc = dk_store_authority_get(app->store, app->root_pk, &found, &app->err)) != DK_OK)
		goto out;
	/* A slot that pins a root says the database had one: deleting it would undo the upgrade. */
	if (!found && keys->sign_sk != NULL) {
		rc = dk_app_fail(
		    app, DK_CORRUPT,
		    _("the database has no authority key though your key slot pins one: "
		      "it was removed outside docket (an administrator should restore a "
		      "backup)"));
		goto out;
	}
	if (!found) {
		dk_slot_keys_clear(keys);
		if (strcmp(app->account.role, "admin") == 0 && !is_recovery(slot) &&
		    (rc = dk_app_upgrade(app, slot, secret)) == DK_OK)
			rc = dk_app_fields_unlock(app);
		goto out;
	}
	app->signed_db = true;
	/* The pin first: against a swapped root every record would look unsigned. */
	if ((keys->sign_sk != NULL && (rc = check_pin(app, keys)) != DK_OK) ||
	    (rc = verify_own_record(app)) != DK_OK)
		goto out;
	warn_if_tampered(app, kr, keys->sign_sk, &key_ok);
	if (keys->sign_sk == NULL)
		rc = enrol(app, slot, secret);
	else if ((rc = adopt_slot_keys(app, slot, keys, key_ok)) == DK_OK)
		dk_store_audit_sign_with(app->store, app->sign_sk);
	if (rc != DK_OK)
		goto out;
	unseal_authority(app);
	/* The mission keys first: binding a key grants the account the ones it may hold. */
	if ((rc = dk_app_fields_load(app)) == DK_OK && (rc = dk_app_bind_pending(app)) == DK_OK)
		rc = dk_app_fields_unlock(app);
out:
	dk_slot_keys_clear(keys);
	return rc;
}
