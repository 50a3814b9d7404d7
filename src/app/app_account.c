/* Accounts and recovery codes: each account's key slot moves with its record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/code.h"
#include "docket/i18n.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define CODE_CHARS 30
#define CODE_GROUP 5

static enum dk_rc
parse_kdf(struct dk_app *app, const char *kdf, enum dk_kdf *out)
{
	*out = DK_KDF_MODERATE;
	if (kdf != NULL && !dk_kdf_parse(kdf, out))
		return dk_app_fail(app, DK_INVALID,
		                   _("unknown key-derivation profile '%s' (interactive, moderate, "
		                     "sensitive)"),
		                   kdf);
	return DK_OK;
}

/* Validates a comma-separated mission list into out (upper-cased, comma-joined). */
static enum dk_rc
parse_missions(struct dk_app *app, const char *role, const char *missions, char *out, size_t size)
{
	char *list, *save = NULL, norm[DK_MISSION_MAX + 1];
	enum dk_rc rc = DK_OK;
	size_t used = 0;

	out[0] = '\0';
	if (!dk_role_scoped(role)) {
		if (missions != NULL && missions[0] != '\0')
			return dk_app_fail(app, DK_INVALID,
			                   _("an account with the role %s sees every mission; drop "
			                     "--mission"),
			                   role);
		return DK_OK;
	}
	if (missions == NULL || missions[0] == '\0')
		return dk_app_fail(app, DK_INVALID,
		                   _("an account with the role %s needs at least one --mission"),
		                   role);
	list = dk_xstrdup(missions);
	for (char *m = strtok_r(list, ",", &save); m != NULL; m = strtok_r(NULL, ",", &save)) {
		if ((rc = dk_validate_mission(m, norm, &app->err)) != DK_OK)
			break;
		if (used + strlen(norm) + 2 > size) {
			rc = dk_app_fail(app, DK_INVALID, _("too many missions for one account"));
			break;
		}
		used +=
		    (size_t)snprintf(out + used, size - used, "%s%s", used > 0 ? "," : "", norm);
	}
	free(list);
	if (rc == DK_OK && used == 0)
		rc = dk_app_fail(app, DK_INVALID,
		                 _("an account with the role %s needs at least one --mission"),
		                 role);
	return rc;
}

/* Everything user add checks but the passphrase; the missions normalized into missions. */
static enum dk_rc
check_account(struct dk_app *app, const struct dk_account_input *in, char *missions, size_t size,
              enum dk_kdf *kdf)
{
	char role[DK_IDENT_MAX];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_ACCOUNT_MANAGE))
		return dk_app_refuse_early(app, DK_ACTION_ACCOUNT_MANAGE);
	if (in->name == NULL)
		return dk_app_fail(app, DK_INVALID, _("an account needs a name"));
	if ((rc = dk_validate_account(in->name, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_ident(app, DK_VOCAB_ROLE, in->role != NULL ? in->role : "", role,
	                             sizeof(role))) != DK_OK)
		return rc;
	if ((rc = parse_missions(app, in->role, in->missions, missions, size)) != DK_OK)
		return rc;
	return parse_kdf(app, in->kdf, kdf);
}

/* Each of the comma-separated missions is in the register and open. */
static enum dk_rc
check_registered(struct dk_app *app, const char *missions)
{
	enum dk_rc rc = DK_OK;

	for (const char *m = missions; rc == DK_OK && *m != '\0';) {
		size_t n = strcspn(m, ",");
		char typed[DK_MISSION_MAX + 1], one[DK_MISSION_MAX + 1];

		snprintf(typed, sizeof(typed), "%.*s", (int)n, m);
		rc = dk_app_check_mission(app, "--mission", typed, true, one);
		m += n + (m[n] == ',');
	}
	return rc;
}

enum dk_rc
dk_app_user_check(struct dk_app *app, const struct dk_account_input *in)
{
	char missions[DK_MISSIONS_MAX];
	enum dk_kdf kdf;
	enum dk_rc rc;

	if ((rc = check_account(app, in, missions, sizeof(missions), &kdf)) != DK_OK ||
	    (rc = dk_app_tx_begin_read(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	return dk_app_tx_end_looking(app, check_registered(app, missions));
}

enum dk_rc
dk_app_user_add(struct dk_app *app, const struct dk_account_input *in, const struct dk_secret *pass)
{
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_secret *sk = NULL;
	struct dk_keyring *kr = NULL;
	struct dk_account acct;
	char now[DK_TIMESTAMP_LEN], missions[DK_MISSIONS_MAX];
	char detail[DK_MISSIONS_MAX + sizeof(acct.name) + sizeof(acct.role) + 32];
	enum dk_kdf kdf;
	enum dk_rc rc;

	memset(&acct, 0, sizeof(acct));
	if ((rc = check_account(app, in, missions, sizeof(missions), &kdf)) != DK_OK ||
	    (rc = dk_app_check_passphrase(app, pass)) != DK_OK)
		return rc;
	snprintf(acct.name, sizeof(acct.name), "%s", in->name);
	snprintf(acct.role, sizeof(acct.role), "%s", in->role);
	dk_app_new_gid(acct.gid);
	dk_app_now(now);

	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	if ((rc = dk_store_account_add(app->store, &acct, now, &app->err)) != DK_OK ||
	    (rc = dk_store_account_get(app->store, acct.name, &acct, &app->err)) != DK_OK)
		goto out;
	rc = check_registered(app, missions);
	for (const char *m = missions; rc == DK_OK && *m != '\0';) {
		size_t n = strcspn(m, ",");
		char one[DK_MISSION_MAX + 1];

		snprintf(one, sizeof(one), "%.*s", (int)n, m);
		rc = dk_store_account_mission_add(app->store, acct.id, one, &app->err);
		m += n + (m[n] == ',');
	}
	snprintf(detail, sizeof(detail), "%s role=%s missions=%s", acct.name, acct.role, missions);
	if (rc == DK_OK &&
	    (rc = dk_store_account_get(app->store, acct.name, &acct, &app->err)) == DK_OK &&
	    (rc = dk_app_sign_account(app, acct.name)) == DK_OK)
		rc = dk_app_audit(app, "user_add", NULL, detail);
	if (rc == DK_OK && (rc = dk_app_new_account_key(app, &acct, &sk, &keys)) == DK_OK &&
	    (rc = dk_app_fields_sync(app)) == DK_OK && (rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_set(kr, acct.name, pass, kdf, app->data_key, sk != NULL ? &keys : NULL,
	                         &app->err)) == DK_OK)
		rc = dk_app_keys_stage(app, kr);
out:
	dk_secret_free(&sk);
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

/* Loads an active account other commands act on; unknown and removed are alike. */
static enum dk_rc
active_account(struct dk_app *app, const char *name, struct dk_account *out)
{
	enum dk_rc rc = dk_store_account_get(app->store, name, out, &app->err);

	if (rc == DK_NOTFOUND || (rc == DK_OK && out->removed))
		return dk_app_fail(app, DK_NOTFOUND, _("no active account %s"), name);
	return rc;
}

enum dk_rc
dk_app_user_remove(struct dk_app *app, const char *name)
{
	struct dk_keyring *kr = NULL;
	struct dk_account acct;
	char now[DK_TIMESTAMP_LEN];
	long admins = 0;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (name == NULL)
		return dk_app_fail(app, DK_INVALID, _("which account?"));
	if ((rc = dk_validate_account(name, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	if ((rc = active_account(app, name, &acct)) != DK_OK)
		goto out;
	if (strcmp(acct.name, app->account.name) == 0) {
		rc = dk_app_fail(app, DK_INVALID,
		                 _("you cannot remove the account you are using; another "
		                   "administrator can"));
		goto out;
	}
	if (strcmp(acct.role, "admin") == 0 &&
	    ((rc = dk_store_account_admins(app->store, &admins, &app->err)) != DK_OK ||
	     admins <= 1)) {
		if (rc == DK_OK)
			rc = dk_app_fail(app, DK_INVALID, _("%s is the last administrator"), name);
		goto out;
	}
	dk_app_now(now);
	if ((rc = dk_store_account_remove(app->store, acct.id, now, &app->err)) != DK_OK ||
	    (rc = dk_app_sign_account(app, acct.name)) != DK_OK ||
	    /* Its mission keys rotate before its grants go (the sync sees them to drop). */
	    (rc = dk_app_fields_sync(app)) != DK_OK ||
	    (rc = dk_store_grant_drop(app->store, acct.gid, &app->err)) != DK_OK ||
	    (rc = dk_app_audit(app, "user_remove", NULL, acct.name)) != DK_OK ||
	    (rc = dk_app_keys_open(app, &kr)) != DK_OK)
		goto out;
	dk_keyring_remove(kr, acct.name);
	rc = dk_app_keys_stage(app, kr);
out:
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

/*
 * What a new slot of acct seals: the session's own keys when it is its own
 * (a recovery session signs as the authority, so not then), else a new key
 * (the old one went with the old slot). *slot_keys NULL: a version-1 slot.
 */
static enum dk_rc
slot_keys_for(struct dk_app *app, const struct dk_account *acct, bool own, struct dk_secret **sk,
              struct dk_slot_keys *keys, const struct dk_slot_keys **slot_keys)
{
	enum dk_rc rc = DK_OK;

	*slot_keys = NULL;
	if (own && !dk_app_signs_as_authority(app))
		*slot_keys = dk_app_own_slot_keys(app, keys);
	else if ((rc = dk_app_new_account_key(app, acct, sk, keys)) == DK_OK && *sk != NULL)
		*slot_keys = keys;
	return rc;
}

enum dk_rc
dk_app_user_passwd(struct dk_app *app, const char *name, const struct dk_secret *pass,
                   const char *kdf_name)
{
	struct dk_slot_keys keys = {{0}, NULL};
	const struct dk_slot_keys *slot_keys = NULL;
	struct dk_secret *sk = NULL;
	struct dk_keyring *kr = NULL;
	struct dk_account acct;
	enum dk_kdf kdf;
	bool own;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (app->store == NULL)
		return dk_app_fail(app, DK_AUTH, _("the database is locked"));
	own = name == NULL || strcmp(name, app->account.name) == 0;
	if (own)
		name = app->account.name;
	else if (!dk_app_may(app, DK_ACTION_ACCOUNT_MANAGE))
		return dk_app_refuse_early(app, DK_ACTION_ACCOUNT_MANAGE);
	else if ((rc = dk_validate_account(name, &app->err)) != DK_OK)
		return rc;
	if ((rc = parse_kdf(app, kdf_name, &kdf)) != DK_OK ||
	    (rc = dk_app_check_passphrase(app, pass)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, own ? DK_ACTION_PASSPHRASE_CHANGE
	                                   : DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	if ((rc = active_account(app, name, &acct)) == DK_OK &&
	    (rc = dk_app_audit(app, "passwd", NULL, acct.name)) == DK_OK &&
	    (rc = slot_keys_for(app, &acct, own, &sk, &keys, &slot_keys)) == DK_OK &&
	    (sk == NULL || (rc = dk_app_fields_regrant(app, acct.gid)) == DK_OK) &&
	    (rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_set(kr, acct.name, pass, kdf, app->data_key, slot_keys, &app->err)) ==
	        DK_OK)
		rc = dk_app_keys_stage(app, kr);
	dk_secret_free(&sk);
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

static bool
add_owner(const struct dk_account *a, void *ctx)
{
	struct dk_names *names = ctx;

	if (!a->removed) {
		names->v = dk_xrealloc(names->v, (names->n + 1) * sizeof(*names->v));
		names->v[names->n++] = dk_xstrdup(a->name);
	}
	return true;
}

enum dk_rc
dk_app_slot_owners(struct dk_app *app, struct dk_names *names)
{
	names->v = dk_xcalloc(1, sizeof(*names->v));
	names->v[0] = dk_xstrdup(DK_RECOVERY_SLOT);
	names->n = 1;
	return dk_store_account_each(app->store, add_owner, names, &app->err);
}

enum dk_rc
dk_app_user_prune_slots(struct dk_app *app, size_t *removed)
{
	struct dk_names names = {NULL, 0};
	struct dk_keyring *kr = NULL;
	char detail[32];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	*removed = 0;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_app_slot_owners(app, &names)) == DK_OK) {
		*removed = dk_keyring_prune(kr, (const char *const *)names.v, names.n);
		snprintf(detail, sizeof(detail), "count=%zu", *removed);
		if (*removed > 0 && (rc = dk_app_audit(app, "slots_prune", NULL, detail)) == DK_OK)
			rc = dk_app_keys_stage(app, kr);
	}
	dk_names_free(&names);
	dk_keyring_free(&kr);
	return dk_app_tx_end(app, rc);
}

struct list_ctx {
	struct dk_keyring *kr;
	bool all;
	bool (*fn)(const struct dk_account_view *a, void *ctx);
	void *ctx;
};

static bool
list_one(const struct dk_account *a, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct dk_account_view v;

	if (a->removed && !lc->all)
		return true;
	v.name = a->name;
	v.role = a->role;
	v.missions = a->missions;
	v.created_at = a->created_at;
	v.removed_at = a->removed ? a->removed_at : NULL;
	v.has_slot = dk_keyring_has(lc->kr, a->name);
	return lc->fn(&v, lc->ctx);
}

enum dk_rc
dk_app_user_list(struct dk_app *app, bool all,
                 bool (*fn)(const struct dk_account_view *a, void *ctx), void *ctx)
{
	struct list_ctx lc = {NULL, all, fn, ctx};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_ACCOUNT_LIST)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_keyring(app, &lc.kr)) == DK_OK)
		rc = dk_store_account_each(app->store, list_one, &lc, &app->err);
	dk_keyring_free(&lc.kr);
	return dk_app_tx_end(app, rc);
}

/* ---- recovery codes ---- */

static void
code_format(struct dk_secret *code)
{
	unsigned char raw[CODE_CHARS];

	dk_crypto_random(raw, sizeof(raw));
	code->len = dk_code_format_groups(raw, CODE_CHARS, CODE_GROUP, (char *)code->bytes);
	explicit_bzero(raw, sizeof(raw));
}

/*
 * The form a code is sealed under: its 30 characters, upper case, without
 * dashes or spaces, with the letters Crockford reads as digits mapped.
 * false when it is not a code at all.
 */
static bool
code_normalize(const struct dk_secret *typed, struct dk_secret *out)
{
	bool ok = dk_code_normalize((const char *)typed->bytes, typed->len, CODE_CHARS,
	                            (char *)out->bytes);

	out->len = ok ? CODE_CHARS : 0;
	return ok;
}

/*
 * The recovery slot seals the authority's key, so whoever recovers an
 * account can bind its new key; without it (an administrator whose key is
 * not bound yet) a version-1 slot, whose use enrols like an old slot.
 */
static const struct dk_slot_keys *
recovery_keys(struct dk_app *app, struct dk_slot_keys *keys)
{
	if (!app->signed_db || app->authority_sk == NULL)
		return NULL;
	memcpy(keys->root_pk, app->root_pk, DK_SIGN_PK_BYTES);
	keys->sign_sk = app->authority_sk;
	return keys;
}

enum dk_rc
dk_app_recovery_create(struct dk_app *app, const char *kdf_name, struct dk_secret **code)
{
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_secret *plain = dk_secret_new(CODE_CHARS);
	struct dk_keyring *kr = NULL;
	enum dk_kdf kdf;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	*code = NULL;
	if ((rc = parse_kdf(app, kdf_name, &kdf)) != DK_OK)
		goto out;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_RECOVERY_CREATE)) != DK_OK)
		goto out;
	*code = dk_secret_new(DK_RECOVERY_CODE_LEN);
	code_format(*code);
	if (!code_normalize(*code, plain))
		rc = dk_app_fail(app, DK_IO, _("could not make a recovery code"));
	if (rc == DK_OK && (rc = dk_app_audit(app, "recovery_create", NULL, "")) == DK_OK &&
	    (rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_set(kr, DK_RECOVERY_SLOT, plain, kdf, app->data_key,
	                         recovery_keys(app, &keys), &app->err)) == DK_OK)
		rc = dk_app_keys_stage(app, kr);
	rc = dk_app_tx_end(app, rc);
	if (rc != DK_OK)
		dk_secret_free(code);
out:
	dk_keyring_free(&kr);
	dk_secret_free(&plain);
	return rc;
}

/* The recovered account's new slot (with a new key, bound by the authority the code held). */
static enum dk_rc
recovery_reseal(struct dk_app *app, const struct dk_secret *pass, enum dk_kdf kdf)
{
	struct dk_slot_keys keys = {{0}, NULL};
	const struct dk_slot_keys *slot_keys = NULL;
	struct dk_secret *sk = NULL;
	struct dk_keyring *kr = NULL;
	enum dk_rc rc;

	if ((rc = dk_app_audit(app, "recovery_use", NULL, app->account.name)) == DK_OK &&
	    (rc = slot_keys_for(app, &app->account, true, &sk, &keys, &slot_keys)) == DK_OK &&
	    (sk == NULL || (rc = dk_app_fields_regrant(app, app->account.gid)) == DK_OK) &&
	    (rc = dk_app_keys_open(app, &kr)) == DK_OK &&
	    (rc = dk_keyring_set(kr, app->account.name, pass, kdf, app->data_key, slot_keys,
	                         &app->err)) == DK_OK) {
		dk_keyring_remove(kr, DK_RECOVERY_SLOT);
		dk_keyring_set_failures(kr, 0);
		rc = dk_app_keys_stage(app, kr);
	}
	dk_secret_free(&sk);
	dk_keyring_free(&kr);
	return rc;
}

enum dk_rc
dk_app_recovery_use(struct dk_app *app, const struct dk_secret *code, const char *user,
                    const struct dk_secret *pass, const char *kdf_name)
{
	struct dk_secret *plain = dk_secret_new(CODE_CHARS);
	struct dk_keyring *kr = NULL;
	enum dk_kdf kdf;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	dk_app_lock(app);
	if (user == NULL) {
		rc = dk_app_fail(app, DK_INVALID, _("which account?"));
		goto out;
	}
	if ((rc = dk_validate_account(user, &app->err)) != DK_OK)
		goto out;
	if ((rc = parse_kdf(app, kdf_name, &kdf)) != DK_OK ||
	    (rc = dk_app_check_passphrase(app, pass)) != DK_OK)
		goto out;
	if (!code_normalize(code, plain)) {
		rc = dk_app_fail(app, DK_INVALID,
		                 _("that is not a recovery code (30 letters and digits, as "
		                   "printed)"));
		goto out;
	}
	if ((rc = dk_app_load_keyring(app, &kr)) != DK_OK)
		goto out;
	if (!dk_keyring_has(kr, DK_RECOVERY_SLOT)) {
		rc = dk_app_fail(app, DK_AUTH,
		                 _("this database has no recovery code (an administrator creates "
		                   "one with 'docket recovery create')"));
		goto out;
	}
	dk_keyring_free(&kr);
	if ((rc = dk_app_unlock_slot(app, user, DK_RECOVERY_SLOT, plain)) != DK_OK)
		goto out;
	/* The account acts on its own slot: anyone may, and the log shows who and how. */
	if ((rc = dk_app_tx_begin(app, DK_ACTION_PASSPHRASE_CHANGE)) != DK_OK)
		goto out;
	rc = dk_app_tx_end(app, recovery_reseal(app, pass, kdf));
out:
	dk_app_lock(app);
	dk_keyring_free(&kr);
	dk_secret_free(&plain);
	return rc;
}
