/*
 * The upgrade of a database made before signatures (HACKING.md "Insiders:
 * the threat model"), on its first administrator's unlock: a backup first,
 * then, in one transaction, the office's authority key, every account record
 * signed, the administrator's own key bound and sealed in its slot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

enum dk_rc
dk_app_backup_once(struct dk_app *app, const char *suffix)
{
	char *path = dk_xasprintf("%s%s", app->db_path, suffix);
	enum dk_rc rc = DK_OK;

	if (!dk_app_path_exists(path))
		rc = dk_app_backup(app, path);
	free(path);
	return rc;
}

static bool
collect_name(const struct dk_account *a, void *ctx)
{
	struct dk_names *names = ctx;

	names->v = dk_xrealloc(names->v, (names->n + 1) * sizeof(*names->v));
	names->v[names->n++] = dk_xstrdup(a->name);
	return true;
}

static enum dk_rc
sign_every_account(struct dk_app *app)
{
	struct dk_names names = {NULL, 0};
	enum dk_rc rc = dk_store_account_each(app->store, collect_name, &names, &app->err);

	for (size_t i = 0; rc == DK_OK && i < names.n; i++)
		rc = dk_app_sign_account(app, names.v[i]);
	dk_names_free(&names);
	return rc;
}

/* The upgrade's records, inside its transaction. */
static enum dk_rc
upgrade_records(struct dk_app *app, const char *slot, const struct dk_secret *secret)
{
	unsigned char pk[DK_SIGN_PK_BYTES];
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_keyring *kr = NULL;
	enum dk_rc rc;

	dk_sign_public(pk, app->sign_sk);
	memcpy(keys.root_pk, app->root_pk, DK_SIGN_PK_BYTES);
	keys.sign_sk = app->sign_sk;
	if ((rc = dk_store_authority_set(app->store, app->root_pk, &app->err)) == DK_OK &&
	    (rc = sign_every_account(app)) == DK_OK &&
	    (rc = dk_app_bind_key(app, app->account.gid, pk)) == DK_OK &&
	    (rc = dk_app_grant_authority(app, app->account.gid, pk)) == DK_OK &&
	    (rc = dk_app_audit(app, "keys_upgrade", NULL, "")) == DK_OK &&
	    (rc = dk_app_seal_upgrade(app)) == DK_OK &&
	    (rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_reseal(kr, slot, secret, app->data_key, &keys, &app->err)) == DK_OK)
		rc = dk_app_keys_stage(app, kr);
	dk_keyring_free(&kr);
	return rc;
}

enum dk_rc
dk_app_upgrade(struct dk_app *app, const char *slot, const struct dk_secret *secret)
{
	enum dk_rc rc;

	if ((rc = dk_app_backup_once(app, ".pre-signatures")) != DK_OK)
		return rc;
	dk_sign_keypair_new(app->root_pk, &app->authority_sk);
	dk_sign_keypair_new((unsigned char[DK_SIGN_PK_BYTES]){0}, &app->sign_sk);
	app->signed_db = true;
	dk_store_audit_sign_with(app->store, app->sign_sk);
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) == DK_OK)
		rc = dk_app_tx_end(app, upgrade_records(app, slot, secret));
	if (rc == DK_OK)
		snprintf(app->notice, sizeof(app->notice), "%s",
		         _("this database now signs its accounts and audit log (a copy from before "
		           "is beside it, ending in .pre-signatures)"));
	return rc;
}
