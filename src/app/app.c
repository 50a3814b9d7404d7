/* Sessions: the handle, init, unlock and lock (the key slots are app_keys.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

struct dk_app *
dk_app_new(const char *db_path, dk_date today)
{
	struct dk_app *app = dk_xcalloc(1, sizeof(*app));

	app->db_path = dk_xstrdup(db_path);
	app->keys_path = dk_app_keys_path(db_path);
	app->keys_lock = -1;
	app->today = today;
	return app;
}

void
dk_app_free(struct dk_app **appp)
{
	struct dk_app *app;

	if (appp == NULL || (app = *appp) == NULL)
		return;
	dk_app_lock(app);
	free(app->db_path);
	free(app->keys_path);
	free(app);
	*appp = NULL;
}

const char *
dk_app_errmsg(const struct dk_app *app)
{
	return app->err.msg;
}

const char *
dk_app_notice(const struct dk_app *app)
{
	return app->notice;
}

const char *
dk_app_warning(const struct dk_app *app)
{
	return app->store != NULL ? app->warning : "";
}

dk_date
dk_app_today(const struct dk_app *app)
{
	return app->today;
}

const char *
dk_app_user(const struct dk_app *app)
{
	return app->store != NULL ? app->account.name : "";
}

const char *
dk_app_role(const struct dk_app *app)
{
	return app->store != NULL ? app->account.role : "";
}

void
dk_app_lock(struct dk_app *app)
{
	dk_store_close(&app->store);
	free(app->rules);
	app->rules = NULL;
	app->nrules = 0;
	dk_secret_free(&app->data_key);
	dk_secret_free(&app->sign_sk);
	dk_secret_free(&app->authority_sk);
	free(app->rolled_back);
	app->rolled_back = NULL;
	app->nrolled_back = 0;
	app->signed_db = false;
	app->warning[0] = '\0';
	memset(app->root_pk, 0, sizeof(app->root_pk));
	app->head_kept = false;
	memset(&app->account, 0, sizeof(app->account));
	memset(&app->denial, 0, sizeof(app->denial));
	app->audited = false;
	app->unlock_audit_pending = false;
	app->failures_to_audit = 0;
	app->switched_from[0] = '\0';
	dk_app_office_names_forget(app);
}

bool
dk_app_demo_notice(const struct dk_app *app, char *out, size_t size)
{
	char *path = dk_xasprintf("%s.demo", app->db_path);
	struct stat st;
	ssize_t n = -1;
	int fd;

	/* O_NOFOLLOW and fstat: the file itself, not what a link points at. */
	if (size > 0 && (fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    (st.st_mode & (S_IWGRP | S_IWOTH)) == 0)
			n = read(fd, out, size - 1);
		close(fd);
	}
	free(path);
	if (n <= 0)
		return false;
	out[n] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return out[0] != '\0';
}

void
dk_app_set_today(struct dk_app *app, dk_date today)
{
	app->today = today;
}

/* The office named at init (NULL: none), audited after the init entry. */
static enum dk_rc
init_office(struct dk_app *app, struct dk_store *store, const char *admin, const char *office,
            const char *now)
{
	char detail[sizeof("office=") + 2 * DK_GID_LEN], hex[2 * DK_GID_LEN + 1];
	enum dk_rc rc;

	if (office == NULL)
		return DK_OK;
	dk_hex_encode(hex, app->office, DK_GID_LEN);
	snprintf(detail, sizeof(detail), "office=%s", hex);
	if ((rc = dk_app_office_record(app, store, office, now)) != DK_OK)
		return rc;
	return dk_store_audit_append(store, now, admin, "office_init", NULL, detail, &app->err);
}

/*
 * The office's authority and the administrator's key (made with the slot):
 * its record signed, its key bound, the authority sealed to it. The store
 * is the session's for these calls only: init leaves the handle locked.
 */
static enum dk_rc
init_signatures(struct dk_app *app, struct dk_store *store, struct dk_account *acct)
{
	unsigned char pk[DK_SIGN_PK_BYTES];
	enum dk_rc rc;

	app->store = store;
	dk_sign_public(pk, app->sign_sk);
	dk_store_audit_sign_with(store, app->sign_sk);
	if ((rc = dk_store_authority_set(store, app->root_pk, &app->err)) == DK_OK &&
	    (rc = dk_store_account_get(store, acct->name, acct, &app->err)) == DK_OK &&
	    (rc = dk_app_sign_account(app, acct->name)) == DK_OK &&
	    (rc = dk_app_bind_key(app, acct->gid, pk)) == DK_OK &&
	    (rc = dk_app_grant_authority(app, acct->gid, pk)) == DK_OK)
		rc = dk_app_fields_init(app); /* sealed from the start: every mission's keys */
	app->store = NULL;
	return rc;
}

/*
 * The new database's first transaction: office id (and the office, when
 * named), administrator, first audit entries, staged slots.
 */
static enum dk_rc
init_records(struct dk_app *app, struct dk_store *store, const char *admin, const char *office,
             struct dk_keyring *kr)
{
	unsigned char hash[DK_HASH_BYTES];
	char office_hex[2 * DK_GID_LEN + 1], hash_hex[2 * DK_HASH_BYTES + 1];
	char now[DK_TIMESTAMP_LEN];
	struct dk_account acct;
	enum dk_rc rc;

	memset(&acct, 0, sizeof(acct));
	dk_app_new_gid(acct.gid);
	snprintf(acct.name, sizeof(acct.name), "%s", admin);
	snprintf(acct.role, sizeof(acct.role), "admin");
	dk_app_new_gid(app->office);
	dk_hex_encode(office_hex, app->office, DK_GID_LEN);
	dk_app_now(now);
	if ((rc = dk_store_begin(store, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_store_meta_set(store, "office_id", office_hex, &app->err)) != DK_OK ||
	    (rc = dk_store_meta_set(store, "created_at", now, &app->err)) != DK_OK ||
	    (rc = dk_store_meta_set(store, "audit_head", "kept", &app->err)) != DK_OK ||
	    (rc = dk_store_account_add(store, &acct, now, &app->err)) != DK_OK ||
	    (rc = init_signatures(app, store, &acct)) != DK_OK ||
	    (rc = dk_store_audit_append(store, now, admin, "init", NULL, "", &app->err)) != DK_OK ||
	    (rc = init_office(app, store, admin, office, now)) != DK_OK) {
		dk_store_rollback(store);
		return rc;
	}
	dk_app_record_head(app, store, kr);
	if ((rc = dk_keyring_stage(kr, app->keys_path, hash, &app->err)) != DK_OK) {
		dk_store_rollback(store);
		return rc;
	}
	dk_hex_encode(hash_hex, hash, DK_HASH_BYTES);
	if ((rc = dk_store_meta_set(store, "keys_pending", hash_hex, &app->err)) != DK_OK) {
		dk_store_rollback(store);
		return rc;
	}
	return dk_store_commit(store, &app->err);
}

/*
 * Builds the database under a temporary name, folded into one file, and
 * renames it into place; then publishes the staged sidecar. Killed before
 * the rename, nothing is at the database's name; after it, the next unlock
 * publishes the pending sidecar the database records.
 */
static enum dk_rc
init_files(struct dk_app *app, const char *admin, const char *office, const struct dk_secret *key,
           struct dk_keyring *kr)
{
	char *tmp = dk_app_temp_name(app->db_path);
	struct dk_store *store = NULL;
	bool renamed = false;
	enum dk_rc rc;

	dk_app_remove_stale_temps(app->db_path);
	if ((rc = dk_store_create(tmp, key, &store, &app->err)) == DK_OK &&
	    (rc = init_records(app, store, admin, office, kr)) == DK_OK &&
	    (rc = dk_store_fold(store, &app->err)) == DK_OK) {
		dk_store_close(&store);
		if (rename(tmp, app->db_path) != 0)
			rc = dk_app_fail(app, DK_IO, _("cannot create %s: %s"), app->db_path,
			                 strerror(errno));
		else
			renamed = true;
	}
	dk_store_close(&store);
	if (rc == DK_OK && (rc = dk_file_sync_parent(app->db_path, &app->err)) == DK_OK)
		rc = dk_keyring_publish(app->keys_path, &app->err);
	if (rc != DK_OK) {
		dk_store_remove_files(tmp);
		if (renamed)
			dk_store_remove_files(app->db_path);
		dk_keyring_discard(app->keys_path);
		unlink(app->keys_path); /* checked absent before: ours if there */
	}
	free(tmp);
	return rc;
}

enum dk_rc
dk_app_init(struct dk_app *app, const char *admin, const struct dk_secret *pass, const char *kdf)
{
	return dk_app_init_office(app, admin, pass, kdf, NULL);
}

enum dk_rc
dk_app_init_office(struct dk_app *app, const char *admin, const struct dk_secret *pass,
                   const char *kdf, const char *office)
{
	enum dk_kdf profile = DK_KDF_MODERATE;
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_validate_account(admin, &app->err)) != DK_OK)
		return rc;
	if (office != NULL && !dk_validate_office_name(office, &app->err))
		return DK_INVALID;
	if (kdf != NULL && !dk_kdf_parse(kdf, &profile))
		return dk_app_fail(app, DK_INVALID,
		                   _("unknown key-derivation profile '%s' (interactive, moderate, "
		                     "sensitive)"),
		                   kdf);
	if ((rc = dk_app_check_passphrase(app, pass)) != DK_OK)
		return rc;
	if (dk_app_path_exists(app->db_path) || dk_app_path_exists(app->keys_path))
		return dk_app_fail(app, DK_EXISTS,
		                   _("%s or its key slots already exist; refusing to overwrite"),
		                   app->db_path);

	key = dk_secret_new(DK_DATA_KEY_BYTES);
	dk_crypto_random(key->bytes, DK_DATA_KEY_BYTES);
	key->len = DK_DATA_KEY_BYTES;
	kr = dk_keyring_new();
	dk_sign_keypair_new(keys.root_pk, &app->authority_sk);
	memcpy(app->root_pk, keys.root_pk, DK_SIGN_PK_BYTES);
	dk_sign_keypair_new((unsigned char[DK_SIGN_PK_BYTES]){0}, &app->sign_sk);
	keys.sign_sk = app->sign_sk;
	app->signed_db = true;
	if ((rc = dk_keyring_set(kr, admin, pass, profile, key, &keys, &app->err)) == DK_OK)
		rc = init_files(app, admin, office, key, kr);
	dk_app_lock(app); /* the keys made for init go with the handle's */
	dk_keyring_free(&kr);
	dk_secret_free(&key);
	return rc;
}

enum dk_rc
dk_app_open_session(struct dk_app *app, const char *user, struct dk_secret **key, unsigned failures)
{
	char *office_hex = NULL, *kept = NULL;
	enum dk_rc rc;

	if ((rc = dk_store_open(app->db_path, *key, &app->store, &app->err)) != DK_OK)
		goto out;
	if ((rc = dk_store_account_get(app->store, user, &app->account, &app->err)) != DK_OK ||
	    app->account.removed) {
		rc = dk_app_fail(app, DK_AUTH, _("wrong passphrase or unknown user"));
		goto out;
	}
	if ((rc = dk_store_meta_get(app->store, "office_id", &office_hex, &app->err)) != DK_OK)
		goto out;
	if (!dk_hex_decode(app->office, DK_GID_LEN, office_hex)) {
		rc = dk_app_fail(app, DK_CORRUPT, _("the database's office id is damaged"));
		goto out;
	}
	/* Already recorded (every database since the head was kept): no write to say it again. */
	app->head_kept = dk_store_meta_get(app->store, "audit_head", &kept, NULL) == DK_OK &&
	                 strcmp(kept, "kept") == 0;
	if ((rc = dk_store_rules(app->store, &app->rules, &app->nrules, &app->err)) != DK_OK)
		goto out;
	if ((rc = dk_store_scope_set(app->store, dk_role_scoped(app->account.role),
	                             app->account.missions, &app->err)) != DK_OK)
		goto out;
	app->data_key = *key;
	*key = NULL;
	app->sessions++;
	app->unlock_audit_pending = true;
	app->failures_to_audit = failures;
	if (app->last_user[0] != '\0' && strcmp(app->last_user, app->account.name) != 0)
		snprintf(app->switched_from, sizeof(app->switched_from), "%s", app->last_user);
	snprintf(app->last_user, sizeof(app->last_user), "%s", app->account.name);
out:
	if (rc != DK_OK)
		dk_app_lock(app);
	free(office_hex);
	free(kept);
	return rc;
}

enum dk_rc
dk_app_unlock_slot(struct dk_app *app, const char *user, const char *slot,
                   const struct dk_secret *secret)
{
	struct dk_slot_keys keys = {{0}, NULL};
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	bool from_pending = false;
	enum dk_rc rc;

	dk_app_lock(app);
	if ((rc = dk_app_keys_load_for_unlock(app, &kr, &from_pending)) == DK_OK &&
	    (rc = dk_app_unwrap(app, kr, slot, secret, &key, &keys,
	                        from_pending ? NULL : &from_pending)) == DK_OK &&
	    (rc = dk_app_open_session(app, user, &key, dk_keyring_failures(kr))) == DK_OK &&
	    (rc = dk_app_keys_settle(app, slot, secret, from_pending, &keys)) == DK_OK) {
		/* As settled: a pending sidecar may have been published. */
		dk_keyring_free(&kr);
		if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK)
			rc = dk_app_trust_session(app, kr, slot, secret, &keys);
	}
	if (rc != DK_OK)
		dk_app_lock(app);
	dk_slot_keys_clear(&keys);
	dk_secret_free(&key);
	dk_keyring_free(&kr);
	return rc;
}

enum dk_rc
dk_app_unlock(struct dk_app *app, const char *user, const struct dk_secret *pass)
{
	dk_err_clear(&app->err);
	return dk_app_unlock_slot(app, user, user, pass);
}

enum dk_rc
dk_app_data_version(struct dk_app *app, struct dk_data_version *v)
{
	struct dk_store_version sv;
	struct dk_err quiet = {0};
	enum dk_rc rc;

	memset(v, 0, sizeof(*v));
	v->today = app->today;
	v->sessions = app->sessions;
	if (app->store == NULL)
		return DK_OK; /* locked: the next unlock moves sessions */
	rc = dk_store_data_version(app->store, &sv, &quiet);
	v->others = rc == DK_OK ? sv.others : ~0ULL; /* what no database reports: a reload */
	v->own = sv.own;
	v->filter = sv.filter;
	return rc;
}

bool
dk_app_data_version_same(const struct dk_data_version *a, const struct dk_data_version *b)
{
	return a->others == b->others && a->own == b->own && a->filter == b->filter &&
	       a->today == b->today && a->sessions == b->sessions;
}
