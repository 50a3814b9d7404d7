/* Sessions: init, unlock and lock, and the one-transaction frame around each command. */
#include <errno.h>
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

/* Failed unlocks beyond this many are slowed down, a second more each (security.md 8). */
#define FREE_FAILURES 3
#define MAX_FAILURE_DELAY 30

enum dk_rc
dk_app_fail(struct dk_app *app, enum dk_rc rc, const char *fmt, ...)
{
	va_list ap;

	app->err.rc = rc;
	va_start(ap, fmt);
	vsnprintf(app->err.msg, sizeof(app->err.msg), fmt, ap);
	va_end(ap);
	return rc;
}

void
dk_app_now(char out[DK_TIMESTAMP_LEN])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DK_TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
dk_app_now_recorded(char out[DK_RECORDED_LEN])
{
	char second[DK_TIMESTAMP_LEN];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(second, sizeof(second), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, DK_RECORDED_LEN, "%s.%06ldZ", second, (long)(ts.tv_nsec / 1000) % 1000000);
}

char *
dk_app_keys_path(const char *db_path)
{
	return dk_xasprintf("%s.keys", db_path);
}

struct dk_app *
dk_app_new(const char *db_path, dk_date today)
{
	struct dk_app *app = dk_xcalloc(1, sizeof(*app));

	app->db_path = dk_xstrdup(db_path);
	app->keys_path = dk_app_keys_path(db_path);
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
	app->head_kept = false;
	memset(&app->account, 0, sizeof(app->account));
	memset(&app->denial, 0, sizeof(app->denial));
	app->audited = false;
	app->unlock_audit_pending = false;
	app->failures_to_audit = 0;
}

enum dk_rc
dk_app_check_passphrase(struct dk_app *app, const struct dk_secret *pass)
{
	size_t chars = 0;

	if (pass == NULL)
		return dk_app_fail(app, DK_INVALID, _("a new passphrase is needed"));
	if (!dk_text_utf8_valid((const char *)pass->bytes, pass->len))
		return dk_app_fail(app, DK_INVALID, _("the passphrase is not valid UTF-8"));
	for (size_t i = 0; i < pass->len; i++)
		chars += (pass->bytes[i] & 0xc0) != 0x80;
	if (chars < DK_PASSPHRASE_MIN)
		return dk_app_fail(app, DK_INVALID,
				   _("the passphrase is too short (at least %d characters)"),
				   DK_PASSPHRASE_MIN);
	if (pass->len > DK_PASSPHRASE_MAX)
		return dk_app_fail(app, DK_INVALID, _("the passphrase is too long"));
	return DK_OK;
}

static bool
path_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

static void
remove_database_files(const char *db_path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = dk_xasprintf("%s%s", db_path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

/* Copies the store's audit head into the keyring (to be saved by the caller). */
static enum dk_rc
record_head(struct dk_store *store, struct dk_keyring *kr, struct dk_err *err)
{
	unsigned char hash[DK_HASH_BYTES];
	long long id;
	enum dk_rc rc = dk_store_audit_head(store, &id, hash, err);

	if (rc == DK_OK)
		dk_keyring_set_audit_head(kr, id, hash);
	return rc;
}

enum dk_rc
dk_app_init(struct dk_app *app, const char *admin, const struct dk_secret *pass, const char *kdf)
{
	enum dk_kdf profile = DK_KDF_MODERATE;
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	struct dk_store *store = NULL;
	struct dk_account acct;
	char office_hex[2 * DK_GID_LEN + 1];
	char now[DK_TIMESTAMP_LEN];
	enum dk_rc rc;
	bool created = false;

	dk_err_clear(&app->err);
	if ((rc = dk_validate_account(admin, &app->err)) != DK_OK)
		return rc;
	if (kdf != NULL && !dk_kdf_parse(kdf, &profile))
		return dk_app_fail(app, DK_INVALID,
				   _("unknown key-derivation profile '%s' (interactive, moderate, "
				     "sensitive)"),
				   kdf);
	if ((rc = dk_app_check_passphrase(app, pass)) != DK_OK)
		return rc;
	if (path_exists(app->db_path) || path_exists(app->keys_path))
		return dk_app_fail(app, DK_EXISTS,
				   _("%s or its key slots already exist; refusing to overwrite"),
				   app->db_path);

	key = dk_secret_new(DK_DATA_KEY_BYTES);
	dk_crypto_random(key->bytes, DK_DATA_KEY_BYTES);
	key->len = DK_DATA_KEY_BYTES;
	kr = dk_keyring_new();
	if ((rc = dk_keyring_set(kr, admin, pass, profile, key, &app->err)) != DK_OK)
		goto out;

	if ((rc = dk_store_create(app->db_path, key, &store, &app->err)) != DK_OK)
		goto out;
	created = true;
	memset(&acct, 0, sizeof(acct));
	dk_crypto_random(acct.gid, DK_GID_LEN);
	snprintf(acct.name, sizeof(acct.name), "%s", admin);
	snprintf(acct.role, sizeof(acct.role), "admin");
	dk_crypto_random(app->office, DK_GID_LEN);
	dk_hex_encode(office_hex, app->office, DK_GID_LEN);
	dk_app_now(now);
	if ((rc = dk_store_begin(store, &app->err)) != DK_OK)
		goto out;
	if ((rc = dk_store_meta_set(store, "office_id", office_hex, &app->err)) != DK_OK ||
	    (rc = dk_store_meta_set(store, "created_at", now, &app->err)) != DK_OK ||
	    (rc = dk_store_meta_set(store, "audit_head", "kept", &app->err)) != DK_OK ||
	    (rc = dk_store_account_add(store, &acct, now, &app->err)) != DK_OK ||
	    (rc = dk_store_audit_append(store, now, admin, "init", NULL, "", &app->err)) != DK_OK) {
		dk_store_rollback(store);
		goto out;
	}
	if ((rc = dk_store_commit(store, &app->err)) != DK_OK)
		goto out;
	if ((rc = record_head(store, kr, &app->err)) != DK_OK)
		goto out;
	dk_store_close(&store);
	rc = dk_keyring_save(kr, app->keys_path, &app->err);
out:
	dk_store_close(&store);
	if (rc != DK_OK && created)
		remove_database_files(app->db_path);
	dk_keyring_free(&kr);
	dk_secret_free(&key);
	return rc;
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
	return path_exists(app->db_path)
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
	      const struct dk_secret *secret, struct dk_secret **key)
{
	enum dk_rc rc;

	failure_delay(dk_keyring_failures(kr));
	rc = dk_keyring_unlock(kr, slot, secret, key, &app->err);
	if (rc == DK_AUTH) {
		struct dk_err ignored;

		/* Counted so the next good unlock can audit it; the database stays untouched. */
		dk_keyring_set_failures(kr, dk_keyring_failures(kr) + 1);
		if (dk_keyring_save(kr, app->keys_path, &ignored) != DK_OK)
			(void)0; /* the refusal matters more than the count */
	}
	return rc;
}

enum dk_rc
dk_app_open_session(struct dk_app *app, const char *user, struct dk_secret **key,
		    unsigned failures)
{
	char *office_hex = NULL;
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
	if ((rc = dk_store_rules(app->store, &app->rules, &app->nrules, &app->err)) != DK_OK)
		goto out;
	if ((rc = dk_store_scope_set(app->store, dk_role_scoped(app->account.role),
				     app->account.missions, &app->err)) != DK_OK)
		goto out;
	app->data_key = *key;
	*key = NULL;
	app->unlock_audit_pending = true;
	app->failures_to_audit = failures;
out:
	if (rc != DK_OK)
		dk_app_lock(app);
	free(office_hex);
	return rc;
}

enum dk_rc
dk_app_unlock(struct dk_app *app, const char *user, const struct dk_secret *pass)
{
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	dk_app_lock(app);
	if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK &&
	    (rc = dk_app_unwrap(app, kr, user, pass, &key)) == DK_OK)
		rc = dk_app_open_session(app, user, &key, dk_keyring_failures(kr));
	dk_secret_free(&key);
	dk_keyring_free(&kr);
	return rc;
}

const struct dk_rule *
dk_app_rule(const struct dk_app *app, const char *id)
{
	for (size_t i = 0; i < app->nrules; i++)
		if (strcmp(app->rules[i].id, id) == 0)
			return &app->rules[i];
	return NULL;
}

enum dk_rc
dk_app_audit(struct dk_app *app, const char *action, const unsigned char *case_gid,
	     const char *detail)
{
	char now[DK_TIMESTAMP_LEN];

	dk_app_now(now);
	app->audited = true;
	return dk_store_audit_append(app->store, now, app->account.name, action, case_gid, detail,
				     &app->err);
}

/*
 * Reloads the sidecar and moves its head forward, unless another docket
 * already recorded a later one. A head the log no longer holds is kept as
 * it is, so check goes on reporting the cut. Best effort: a head behind the
 * log is harmless.
 */
void
dk_app_save_audit_head(struct dk_app *app)
{
	unsigned char hash[DK_HASH_BYTES], known_hash[DK_HASH_BYTES], stored[DK_HASH_BYTES];
	struct dk_keyring *kr = NULL;
	struct dk_err ignored;
	long long id, known;
	bool found;

	if (dk_store_audit_head(app->store, &id, hash, &ignored) != DK_OK || id == 0)
		return;
	if (dk_keyring_load(app->keys_path, &kr, &ignored) != DK_OK)
		return;
	if (dk_keyring_audit_head(kr, &known, known_hash) &&
	    (known >= id ||
	     dk_store_audit_hash_at(app->store, known, stored, &found, &ignored) != DK_OK ||
	     !found || memcmp(stored, known_hash, DK_HASH_BYTES) != 0))
		goto out;
	dk_keyring_set_audit_head(kr, id, hash);
	if (dk_keyring_save(kr, app->keys_path, &ignored) != DK_OK)
		(void)0; /* check names the gap; the command itself succeeded */
out:
	dk_keyring_free(&kr);
}

/*
 * A migration that changes how deadlines are read (0003) marks the database;
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
		if (rc == DK_OK)
			rc = recompute_if_marked(app);
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
	if ((rc = tx_open(app, read_only)) != DK_OK)
		return rc;
	if ((rc = dk_app_require(app, a)) != DK_OK)
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

/* After the unlock is audited, the sidecar's failure count starts again. */
static void
reset_failure_count(struct dk_app *app)
{
	struct dk_keyring *kr = NULL;
	struct dk_err ignored;

	if (dk_keyring_load(app->keys_path, &kr, &ignored) != DK_OK)
		return;
	if (dk_keyring_failures(kr) != 0) {
		dk_keyring_set_failures(kr, 0);
		if (dk_keyring_save(kr, app->keys_path, &ignored) != DK_OK)
			(void)0; /* the count is only re-audited next time: no harm */
	}
	dk_keyring_free(&kr);
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
dk_app_tx_end(struct dk_app *app, enum dk_rc rc)
{
	if (rc != DK_OK) {
		dk_store_rollback(app->store);
		if (app->denial.pending)
			audit_denial(app);
		return rc;
	}
	/* From the first head on, a sidecar without one means it was replaced or edited. */
	if (app->audited && !app->head_kept &&
	    (rc = dk_store_meta_set(app->store, "audit_head", "kept", &app->err)) != DK_OK) {
		dk_store_rollback(app->store);
		return rc;
	}
	if ((rc = dk_store_commit(app->store, &app->err)) != DK_OK)
		return rc;
	if (app->audited) {
		app->head_kept = true;
		dk_app_save_audit_head(app);
	}
	app->audited = false;
	if (app->unlock_audit_pending) {
		app->unlock_audit_pending = false;
		if (app->failures_to_audit > 0)
			reset_failure_count(app);
		app->failures_to_audit = 0;
	}
	return DK_OK;
}

enum dk_rc
dk_app_check_ident(struct dk_app *app, int vocab_kind, const char *value, char *out,
		   size_t size)
{
	char valid[512];

	if (dk_vocab_find((enum dk_vocab_kind)vocab_kind, value) >= 0) {
		snprintf(out, size, "%s", value);
		return DK_OK;
	}
	dk_vocab_list_ids((enum dk_vocab_kind)vocab_kind, valid, sizeof(valid));
	/* TRANSLATORS: the first %s is a field name such as "category", kept in English. */
	return dk_app_fail(app, DK_INVALID, _("%s: unknown value '%s' (expected one of: %s)"),
			   dk_vocab_get((enum dk_vocab_kind)vocab_kind)->name, value, valid);
}

enum dk_rc
dk_app_check_date(struct dk_app *app, const char *what, const char *value, dk_date *out)
{
	char today[DK_DATE_STRLEN];

	if (!dk_date_parse(value, out))
		return dk_app_fail(app, DK_INVALID,
				   _("%s: '%s' is not a real date (expected YYYY-MM-DD)"), what,
				   value);
	if (*out > app->today) {
		dk_date_format(app->today, today);
		return dk_app_fail(app, DK_INVALID, _("%s: %s is after today (%s)"), what, value,
				   today);
	}
	return DK_OK;
}
