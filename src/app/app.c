/* Sessions: init, unlock and lock, and the one-transaction frame around each command. */
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
	app->switched_from[0] = '\0';
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

/* The new database's first transaction: office, administrator, first audit entry, staged slots. */
static enum dk_rc
init_records(struct dk_app *app, struct dk_store *store, const char *admin, struct dk_keyring *kr)
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
	    (rc = dk_store_audit_append(store, now, admin, "init", NULL, "", &app->err)) != DK_OK ||
	    (rc = dk_app_record_head(store, kr, &app->err)) != DK_OK ||
	    (rc = dk_keyring_stage(kr, app->keys_path, hash, &app->err)) != DK_OK) {
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
init_files(struct dk_app *app, const char *admin, const struct dk_secret *key,
           struct dk_keyring *kr)
{
	char *tmp = dk_app_temp_name(app->db_path);
	struct dk_store *store = NULL;
	bool renamed = false;
	enum dk_rc rc;

	dk_app_remove_stale_temps(app->db_path);
	if ((rc = dk_store_create(tmp, key, &store, &app->err)) == DK_OK &&
	    (rc = init_records(app, store, admin, kr)) == DK_OK &&
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
	enum dk_kdf profile = DK_KDF_MODERATE;
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	enum dk_rc rc;

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
	if (dk_app_path_exists(app->db_path) || dk_app_path_exists(app->keys_path))
		return dk_app_fail(app, DK_EXISTS,
		                   _("%s or its key slots already exist; refusing to overwrite"),
		                   app->db_path);

	key = dk_secret_new(DK_DATA_KEY_BYTES);
	dk_crypto_random(key->bytes, DK_DATA_KEY_BYTES);
	key->len = DK_DATA_KEY_BYTES;
	kr = dk_keyring_new();
	if ((rc = dk_keyring_set(kr, admin, pass, profile, key, &app->err)) == DK_OK)
		rc = init_files(app, admin, key, kr);
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
              const struct dk_secret *secret, struct dk_secret **key, bool *from_pending)
{
	enum dk_rc rc;

	failure_delay(dk_keyring_failures(kr));
	rc = dk_keyring_unlock(kr, slot, secret, key, &app->err);
	if (from_pending != NULL)
		*from_pending = false;
	if (rc == DK_AUTH && from_pending != NULL &&
	    dk_app_unwrap_pending(app, slot, secret, key) == DK_OK) {
		*from_pending = true;
		dk_err_clear(&app->err);
		return DK_OK;
	}
	/* Counted so the next good unlock can audit it; the database stays untouched. */
	if (rc == DK_AUTH)
		dk_app_count_failure(app);
	return rc;
}

enum dk_rc
dk_app_open_session(struct dk_app *app, const char *user, struct dk_secret **key, unsigned failures)
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
	if (app->last_user[0] != '\0' && strcmp(app->last_user, app->account.name) != 0)
		snprintf(app->switched_from, sizeof(app->switched_from), "%s", app->last_user);
	snprintf(app->last_user, sizeof(app->last_user), "%s", app->account.name);
out:
	if (rc != DK_OK)
		dk_app_lock(app);
	free(office_hex);
	return rc;
}

enum dk_rc
dk_app_unlock_slot(struct dk_app *app, const char *user, const char *slot,
                   const struct dk_secret *secret)
{
	struct dk_keyring *kr = NULL;
	struct dk_secret *key = NULL;
	bool from_pending = false;
	enum dk_rc rc;

	dk_app_lock(app);
	if ((rc = dk_app_keys_load_for_unlock(app, &kr, &from_pending)) == DK_OK &&
	    (rc = dk_app_unwrap(app, kr, slot, secret, &key,
	                        from_pending ? NULL : &from_pending)) == DK_OK &&
	    (rc = dk_app_open_session(app, user, &key, dk_keyring_failures(kr))) == DK_OK &&
	    (rc = dk_app_keys_settle(app, slot, secret, from_pending)) != DK_OK)
		dk_app_lock(app);
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
	dk_store_rollback(app->store);
	app->audited = false;
	return rc;
}

enum dk_rc
dk_app_tx_end(struct dk_app *app, enum dk_rc rc)
{
	if (rc == DK_OK && app->audited && !app->head_kept)
		/* From the first head on, a sidecar without one means it was replaced or edited. */
		rc = dk_store_meta_set(app->store, "audit_head", "kept", &app->err);
	if (rc != DK_OK) {
		dk_store_rollback(app->store);
		dk_app_keys_finish(app, false);
		if (app->denial.pending)
			audit_denial(app);
		return rc;
	}
	rc = dk_store_commit(app->store, &app->err);
	dk_app_keys_finish(app, rc == DK_OK);
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
dk_app_fail_unknown(struct dk_app *app, const char *what, const char *value, const char *known)
{
	/* TRANSLATORS: the first %s is a field name such as "category", kept in English. */
	return dk_app_fail(app, DK_INVALID, _("%s: unknown value '%s' (expected one of: %s)"), what,
	                   value, known);
}

enum dk_rc
dk_app_check_ident(struct dk_app *app, int vocab_kind, const char *value, char *out, size_t size)
{
	char valid[512];

	if (dk_vocab_find((enum dk_vocab_kind)vocab_kind, value) >= 0) {
		snprintf(out, size, "%s", value);
		return DK_OK;
	}
	dk_vocab_list_ids((enum dk_vocab_kind)vocab_kind, valid, sizeof(valid));
	return dk_app_fail_unknown(app, dk_vocab_get((enum dk_vocab_kind)vocab_kind)->name, value,
	                           valid);
}

enum dk_rc
dk_app_fail_unknown_rule(struct dk_app *app, const char *id)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	for (size_t i = 0; i < app->nrules; i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", app->rules[i].id);
	rc = dk_app_fail_unknown(app, "rule", id, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

enum dk_rc
dk_app_fail_unknown_state(struct dk_app *app, const char *value, const char *extra)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	for (int s = 0; s < DK_STATE_COUNT; s++)
		dk_buf_printf(&known, "%s%s", s > 0 ? ", " : "", dk_state_id((enum dk_state)s));
	if (extra != NULL)
		dk_buf_printf(&known, ", %s", extra);
	rc = dk_app_fail_unknown(app, "state", value, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
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
