/*
 * The key-slot sidecar beside the database: its changes staged, committed
 * with the database and published (HACKING.md "Key slots and the database
 * fail together"), its lock, its small best-effort records, and the files
 * written under temporary names and renamed into place.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* Failed unlocks beyond this many are slowed down, a second more each (security.md 8). */
#define FREE_FAILURES 3
#define MAX_FAILURE_DELAY 30

char *
dk_app_keys_path(const char *db_path)
{
	return dk_xasprintf("%s.keys", db_path);
}

char *
dk_app_temp_name(const char *path)
{
	unsigned char rnd[6];
	char hex[2 * sizeof(rnd) + 1];

	dk_crypto_random(rnd, sizeof(rnd));
	dk_hex_encode(hex, rnd, sizeof(rnd));
	return dk_xasprintf("%s.tmp-%s", path, hex);
}

void
dk_app_remove_stale_temps(const char *path)
{
	char *dir = dk_file_parent_dir(path);
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	char *prefix = dk_xasprintf("%s.tmp-", base);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
			char *victim = dk_xasprintf("%s/%s", dir, e->d_name);
			unlink(victim);
			free(victim);
		}
	}
	if (d != NULL)
		closedir(d);
	free(prefix);
	free(dir);
}

bool
dk_app_path_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

bool
dk_app_head_to_record(struct dk_app *app, struct dk_store *store, struct dk_audit_head *h)
{
	unsigned char pk[DK_SIGN_PK_BYTES];
	struct dk_err ignored;

	memset(h, 0, sizeof(*h));
	/* A head that failed to verify stays as it is: moving it on would hide the cut. */
	if (app->warning[0] != '\0')
		return false;
	if (app->sign_sk == NULL)
		return dk_store_audit_head(store, &h->id, h->hash, &ignored) == DK_OK && h->id > 0;
	/* Only an entry this session signed: the head's signer must be its entry's. */
	dk_sign_public(pk, app->sign_sk);
	if (dk_store_audit_last_signed_by(store, pk, &h->id, h->hash, &ignored) != DK_OK ||
	    h->id == 0)
		return false;
	dk_audit_head_sign(h, app->sign_sk);
	return true;
}

void
dk_app_record_head(struct dk_app *app, struct dk_store *store, struct dk_keyring *kr)
{
	struct dk_audit_head h;

	if (dk_app_head_to_record(app, store, &h))
		dk_keyring_set_audit_head(kr, &h);
}

/*
 * Loads the sidecar under its lock, lets fn change it and saves it when fn
 * says so. For the small best-effort records (failure count, audit head).
 */
static void
keys_rewrite(struct dk_app *app, bool (*fn)(struct dk_app *app, struct dk_keyring *kr))
{
	struct dk_keyring *kr = NULL;
	struct dk_err ignored;
	int lock = dk_keyring_lock(app->keys_path, &ignored);

	/* A record left behind by a failed save is re-made next time, and check names it. */
	if (lock >= 0)
		dk_keyring_sweep(app->keys_path);
	if (lock >= 0 && dk_keyring_load(app->keys_path, &kr, &ignored) == DK_OK && fn(app, kr))
		ignored.rc = dk_keyring_save(kr, app->keys_path, &ignored);
	dk_keyring_free(&kr);
	dk_keyring_unlock_file(&lock);
}

static bool
count_failure(struct dk_app *app, struct dk_keyring *kr)
{
	(void)app;
	dk_keyring_set_failures(kr, dk_keyring_failures(kr) + 1);
	return true;
}

/* A slot only a pending sidecar holds: its command was killed before publishing it. */
enum dk_rc
dk_app_unwrap_pending(struct dk_app *app, const char *slot, const struct dk_secret *secret,
                      struct dk_secret **key, struct dk_slot_keys *keys)
{
	char *pending = dk_keyring_pending_path(app->keys_path);
	struct dk_keyring *kr = NULL;
	struct dk_err ignored;
	enum dk_rc rc = DK_AUTH;

	if (dk_keyring_load(pending, &kr, &ignored) == DK_OK)
		rc = dk_keyring_unlock(kr, slot, secret, key, keys, &ignored);
	dk_keyring_free(&kr);
	free(pending);
	return rc;
}

/* What settling a pending sidecar did. */
enum settled { SETTLED_NOTHING, SETTLED_FORWARD, SETTLED_DISCARDED };

/*
 * With the sidecar's lock held: a pending sidecar whose hash the database
 * holds was committed and is published now; any other is a change that
 * never committed, and is dropped.
 */
static enum dk_rc
settle_pending(struct dk_app *app, enum settled *out)
{
	unsigned char hash[DK_HASH_BYTES], recorded[DK_HASH_BYTES];
	char *hex = NULL;
	enum dk_rc rc = dk_keyring_pending_hash(app->keys_path, hash, &app->err);

	*out = SETTLED_NOTHING;
	if (rc == DK_NOTFOUND) {
		dk_err_clear(&app->err);
		return DK_OK;
	}
	if (rc != DK_OK && rc != DK_CORRUPT)
		return rc;
	if (rc == DK_OK && dk_store_meta_get(app->store, "keys_pending", &hex, NULL) == DK_OK &&
	    dk_hex_decode(recorded, sizeof(recorded), hex) &&
	    memcmp(recorded, hash, DK_HASH_BYTES) == 0) {
		free(hex);
		*out = SETTLED_FORWARD;
		return dk_keyring_publish(app->keys_path, &app->err);
	}
	free(hex);
	dk_err_clear(&app->err);
	dk_keyring_discard(app->keys_path);
	*out = SETTLED_DISCARDED;
	return DK_OK;
}

enum dk_rc
dk_app_keys_open(struct dk_app *app, struct dk_keyring **kr)
{
	enum settled settled;
	enum dk_rc rc;

	*kr = NULL;
	if (app->keys_lock < 0 && (app->keys_lock = dk_keyring_lock(app->keys_path, &app->err)) < 0)
		return app->err.rc;
	if ((rc = settle_pending(app, &settled)) != DK_OK)
		return rc;
	return dk_app_load_keyring(app, kr);
}

enum dk_rc
dk_app_keys_stage(struct dk_app *app, struct dk_keyring *kr)
{
	unsigned char hash[DK_HASH_BYTES];
	char hex[2 * DK_HASH_BYTES + 1];
	enum dk_rc rc;

	/* The head this transaction will commit: no second rewrite after it. */
	dk_app_record_head(app, app->store, kr);
	app->keys_staged = true;
	if ((rc = dk_keyring_stage(kr, app->keys_path, hash, &app->err)) != DK_OK)
		return rc;
	dk_hex_encode(hex, hash, DK_HASH_BYTES);
	return dk_store_meta_set(app->store, "keys_pending", hex, &app->err);
}

void
dk_app_keys_finish(struct dk_app *app, enum dk_keys_outcome outcome)
{
	struct dk_err ignored;

	if (app->keys_staged && outcome == DK_KEYS_ROLLED_BACK)
		dk_keyring_discard(app->keys_path);
	/* A failed rename leaves the pending file, which the next unlock publishes. */
	if (app->keys_staged && outcome == DK_KEYS_COMMITTED)
		ignored.rc = dk_keyring_publish(app->keys_path, &ignored);
	app->keys_staged = false;
	dk_keyring_unlock_file(&app->keys_lock);
}

/* A passphrase changed or a slot dropped by the settled change no longer unlocks. */
enum dk_rc
dk_app_keys_settle(struct dk_app *app, const char *slot, const struct dk_secret *secret,
                   bool from_pending, struct dk_slot_keys *keys)
{
	char *pending = dk_keyring_pending_path(app->keys_path);
	bool any = dk_app_path_exists(pending);
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	enum settled settled = SETTLED_NOTHING;
	enum dk_rc rc;

	free(pending);
	if (!any)
		return DK_OK;
	app->keys_lock = dk_keyring_lock(app->keys_path, &app->err);
	rc = app->keys_lock < 0 ? app->err.rc : settle_pending(app, &settled);
	dk_keyring_unlock_file(&app->keys_lock);
	if (rc != DK_OK || settled == SETTLED_NOTHING ||
	    (settled == SETTLED_FORWARD && from_pending))
		return rc;
	dk_slot_keys_clear(keys);
	if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK)
		rc = dk_app_unwrap(app, kr, slot, secret, &key, keys, NULL);
	dk_secret_free(&key);
	dk_keyring_free(&kr);
	return rc;
}

enum dk_rc
dk_app_keys_load_for_unlock(struct dk_app *app, struct dk_keyring **kr, bool *from_pending)
{
	char *pending = dk_keyring_pending_path(app->keys_path);
	struct dk_err ignored;
	enum dk_rc rc = dk_app_load_keyring(app, kr);

	*from_pending = false;
	if (rc == DK_CORRUPT && !dk_app_path_exists(app->keys_path) &&
	    dk_keyring_load(pending, kr, &ignored) == DK_OK) {
		dk_err_clear(&app->err);
		*from_pending = true;
		rc = DK_OK;
	}
	free(pending);
	return rc;
}

/*
 * Reloads the sidecar and moves its head forward, unless another docket
 * already recorded a later one. A head the log no longer holds is kept as
 * it is, so check goes on reporting the cut. Best effort: a head behind the
 * log is harmless.
 */
static bool
advance_head(struct dk_app *app, struct dk_keyring *kr)
{
	unsigned char stored[DK_HASH_BYTES];
	struct dk_audit_head h, known;
	struct dk_err ignored;
	bool found;

	if (!dk_app_head_to_record(app, app->store, &h))
		return false;
	if (dk_keyring_audit_head(kr, &known) &&
	    (known.id >= h.id ||
	     dk_store_audit_hash_at(app->store, known.id, stored, &found, &ignored) != DK_OK ||
	     !found || memcmp(stored, known.hash, DK_HASH_BYTES) != 0))
		return false;
	dk_keyring_set_audit_head(kr, &h);
	return true;
}

/*
 * After every commit that audited, reads included (a read's unlock entry):
 * the sidecar's head is the only record of the log's tail outside the
 * database, so an entry it does not cover can be cut, or lost to a copy of
 * the database put back, without check ever seeing it; an entry written
 * later would chain onto the cut log. Skipping it for reads would leave
 * every unlock since the last write unprotected, so it stays: one small file
 * rewritten (temp, fsync, rename), the only key-file write of a read.
 * Nothing else in the sidecar is rewritten unless it changed (failures
 * reset only from a count above 0, a pending file settled only if present).
 */
void
dk_app_save_audit_head(struct dk_app *app)
{
	keys_rewrite(app, advance_head);
}

static bool
reset_failures(struct dk_app *app, struct dk_keyring *kr)
{
	(void)app;
	if (dk_keyring_failures(kr) == 0)
		return false;
	dk_keyring_set_failures(kr, 0);
	return true;
}

void
dk_app_count_failure(struct dk_app *app)
{
	keys_rewrite(app, count_failure);
}

void
dk_app_reset_failures(struct dk_app *app)
{
	keys_rewrite(app, reset_failures);
}

/* Slows down repeated guessing: the delay grows with the failures not yet audited. */
static void
failure_delay(unsigned failures)
{
	if (failures > FREE_FAILURES) {
		unsigned delay = failures - FREE_FAILURES;
		sleep(delay < MAX_FAILURE_DELAY ? delay : MAX_FAILURE_DELAY);
	}
}

enum dk_rc
dk_app_load_keyring(struct dk_app *app, struct dk_keyring **kr)
{
	enum dk_rc rc = dk_keyring_load(app->keys_path, kr, &app->err);

	if (rc != DK_NOTFOUND)
		return rc;
	return dk_app_path_exists(app->db_path)
	           ? dk_app_fail(app, DK_CORRUPT,
	                         _("the key slots of %s are missing (%s); restore them from a "
	                           "backup"),
	                         app->db_path, app->keys_path)
	           : dk_app_fail(app, DK_NOTFOUND,
	                         _("no database at %s; create one with 'docket init'"),
	                         app->db_path);
}

enum dk_rc
dk_app_unwrap(struct dk_app *app, struct dk_keyring *kr, const char *slot,
              const struct dk_secret *secret, struct dk_secret **key, struct dk_slot_keys *keys,
              bool *from_pending)
{
	enum dk_rc rc;

	failure_delay(dk_keyring_failures(kr));
	rc = dk_keyring_unlock(kr, slot, secret, key, keys, &app->err);
	if (from_pending != NULL)
		*from_pending = false;
	if (rc == DK_AUTH && from_pending != NULL &&
	    dk_app_unwrap_pending(app, slot, secret, key, keys) == DK_OK) {
		*from_pending = true;
		dk_err_clear(&app->err);
		return DK_OK;
	}
	/* Counted so the next good unlock can audit it; the database stays untouched. */
	if (rc == DK_AUTH)
		dk_app_count_failure(app);
	return rc;
}
