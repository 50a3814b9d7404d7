/*
 * Test helper only (never installed): an insider's forgery tool. It unwraps
 * ITS OWN key slot with its passphrase (fd 3), as an account holder with a
 * SQLCipher shell can, and signs with the account's own Ed25519 key what an
 * insider would like the engine to accept (HACKING.md "Insiders: the threat
 * model"). The scenarios in tests/cli/test_insiders.sh expect every forgery
 * to be caught, save the documented residual risks.
 *
 *   dk_forge DB USER head ID            the sidecar's audit-head line set to entry ID,
 *                                       signed with USER's key (the tail-cut attack)
 *   dk_forge DB USER rechain FROM       the audit chain recomputed from entry FROM to the end,
 *                                       each entry re-signed with USER's key, the append-only
 *                                       triggers dropped and recreated with their text, then
 *                                       the head rewritten (the full recomputation attack)
 *   dk_forge DB USER sign-account NAME  NAME's account record signed with USER's key, as if
 *                                       USER were the office's authority
 *   dk_forge DB USER bind-key NAME      every key of NAME in account_key bound with USER's key
 *   dk_forge DB USER plant NAME         a slot for NAME under USER's passphrase, with a new
 *                                       key pair recorded as pending in account_key
 *   dk_forge DB USER plant-v1 NAME      a version-1 slot for NAME under USER's passphrase
 *   dk_forge DB USER repin              USER's own slot re-sealed pinning USER's key as root
 *   dk_forge DB USER pk                 prints USER's public key (hex)
 *
 * Exit 0 done, 1 a database error, 2 usage, 3 the slot would not open.
 * It reimplements what it forges (the audit hash, the signed messages) instead of
 * linking the store: an insider has the schema and the source, not a helper.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <sodium.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/xmalloc.h"

#define AUDIT_DOMAIN "docket-audit-v1"
#define AUDIT_SIG_DOMAIN "docket-audit-sig-v1"
#define ACCOUNT_DOMAIN "docket-account-v1"
#define ACCOUNT_KEY_DOMAIN "docket-account-key-v1"

struct forge {
	const char *db_path;
	char *keys_path;
	const char *user;
	struct dk_keyring *kr;
	struct dk_secret *pass, *data_key;
	struct dk_slot_keys keys;
	unsigned char pk[DK_SIGN_PK_BYTES];
	sqlite3 *db;
};

static int
die(const char *what, const char *detail)
{
	fprintf(stderr, "dk_forge: %s%s%s\n", what, detail != NULL ? ": " : "",
	        detail != NULL ? detail : "");
	return 1;
}

static int
db_fail(struct forge *f, const char *what)
{
	return die(what, sqlite3_errmsg(f->db));
}

/* Reads the passphrase (fd 3), unwraps USER's slot and opens the database with the data key. */
static int
forge_open(struct forge *f)
{
	char line[1024], literal[2 * DK_DATA_KEY_BYTES + 4];
	struct dk_err err;
	FILE *in = fdopen(3, "r");

	if (in == NULL || fgets(line, sizeof(line), in) == NULL)
		return die("no passphrase on fd 3", NULL), 2;
	fclose(in);
	line[strcspn(line, "\n")] = '\0';
	f->pass = dk_secret_from(line, strlen(line));
	sodium_memzero(line, sizeof(line));
	f->keys_path = dk_xasprintf("%s.keys", f->db_path);
	if (dk_keyring_load(f->keys_path, &f->kr, &err) != DK_OK ||
	    dk_keyring_unlock(f->kr, f->user, f->pass, &f->data_key, &f->keys, &err) != DK_OK)
		return die(err.msg, NULL), 3;
	if (f->keys.sign_sk == NULL)
		return die("the slot holds no signing key (version 1: not enrolled yet)", f->user),
		       3;
	dk_sign_public(f->pk, f->keys.sign_sk);
	memcpy(literal, "x'", 2);
	sodium_bin2hex(literal + 2, 2 * DK_DATA_KEY_BYTES + 1, f->data_key->bytes,
	               f->data_key->len);
	strcpy(literal + 2 + 2 * DK_DATA_KEY_BYTES, "'");
	if (sqlite3_open(f->db_path, &f->db) != SQLITE_OK ||
	    sqlite3_key(f->db, literal, (int)strlen(literal)) != SQLITE_OK ||
	    sqlite3_exec(f->db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(f->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
	        SQLITE_OK)
		return db_fail(f, "opening the database");
	sodium_memzero(literal, sizeof(literal));
	return 0;
}

static void
forge_close(struct forge *f)
{
	if (f->db != NULL) {
		sqlite3_exec(f->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
		sqlite3_close(f->db);
	}
	dk_slot_keys_clear(&f->keys);
	dk_secret_free(&f->data_key);
	dk_secret_free(&f->pass);
	dk_keyring_free(&f->kr);
	free(f->keys_path);
}

/* Prepares sql; NULL (message printed) on failure. */
static sqlite3_stmt *
prepare(struct forge *f, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(f->db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(f, sql);
		return NULL;
	}
	return st;
}

/* The hash of entry id into hash; false if there is no such entry. */
static bool
entry_hash(struct forge *f, long long id, unsigned char hash[DK_HASH_BYTES])
{
	sqlite3_stmt *st = prepare(f, "SELECT hash FROM audit WHERE id = ?1");
	bool found = false;

	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == DK_HASH_BYTES) {
		memcpy(hash, sqlite3_column_blob(st, 0), DK_HASH_BYTES);
		found = true;
	}
	sqlite3_finalize(st);
	return found;
}

/* The sidecar's head set to entry id, signed with USER's key, saved in place. */
static int
forge_head(struct forge *f, long long id)
{
	struct dk_audit_head h = {.id = id};
	struct dk_err err;

	if (!entry_hash(f, id, h.hash))
		return die("no such audit entry", NULL);
	dk_audit_head_sign(&h, f->keys.sign_sk);
	dk_keyring_set_audit_head(f->kr, &h);
	if (dk_keyring_save(f->kr, f->keys_path, &err) != DK_OK)
		return die(err.msg, NULL);
	return 0;
}

/*
 * The chained form of an entry, as src/store/store_audit.c audit_hash makes
 * it: prev, the id in decimal, then at, account, action, detail each after a
 * NUL as "%zu:%s", a NUL, the case gid if any; BLAKE2b-256 under AUDIT_DOMAIN.
 * Must match store_audit.c.
 */
static void
audit_hash(unsigned char out[DK_HASH_BYTES], const unsigned char prev[DK_HASH_BYTES], long long id,
           const char *const fields[4], const unsigned char *case_gid)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_buf_append(&b, (const char *)prev, DK_HASH_BYTES);
	dk_buf_printf(&b, "%lld", id);
	for (size_t i = 0; i < 4; i++)
		dk_buf_printf(&b, "%c%zu:%s", 0, strlen(fields[i]), fields[i]);
	dk_buf_putc(&b, 0);
	if (case_gid != NULL)
		dk_buf_append(&b, (const char *)case_gid, DK_GID_BYTES);
	dk_crypto_hash(out, AUDIT_DOMAIN, b.data, b.len);
	dk_buf_free(&b);
}

/* Runs sql; 0 or 1 (message printed). */
static int
exec(struct forge *f, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(f->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		die(sql, msg);
		sqlite3_free(msg);
		return 1;
	}
	return 0;
}

/* The audit table's triggers as sqlite_master holds them: "DROP ...;" and "CREATE ...;" text. */
static int
audit_triggers(struct forge *f, struct dk_buf *drop, struct dk_buf *create)
{
	sqlite3_stmt *st =
	    prepare(f, "SELECT name, sql FROM sqlite_master "
	               "WHERE type = 'trigger' AND tbl_name = 'audit' ORDER BY name");

	if (st == NULL)
		return 1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		dk_buf_printf(drop, "DROP TRIGGER \"%s\";\n", sqlite3_column_text(st, 0));
		dk_buf_printf(create, "%s;\n", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return 0;
}

/* Re-chains and re-signs one entry (the row of st: id, at, account, action, case_gid, detail). */
static int
rechain_entry(struct forge *f, sqlite3_stmt *st, sqlite3_stmt *upd,
              unsigned char prev[DK_HASH_BYTES])
{
	long long id = sqlite3_column_int64(st, 0);
	const char *fields[4];
	const unsigned char *case_gid = NULL;
	unsigned char hash[DK_HASH_BYTES], sig[DK_SIG_BYTES];
	int rc;

	for (int i = 0; i < 4; i++) {
		const char *t = (const char *)sqlite3_column_text(st, i == 3 ? 5 : i + 1);
		fields[i] = t != NULL ? t : "";
	}
	if (sqlite3_column_bytes(st, 4) == DK_GID_BYTES)
		case_gid = sqlite3_column_blob(st, 4);
	audit_hash(hash, prev, id, fields, case_gid);
	dk_sign(sig, f->keys.sign_sk, AUDIT_SIG_DOMAIN, hash, DK_HASH_BYTES);
	sqlite3_bind_blob(upd, 1, prev, DK_HASH_BYTES, SQLITE_TRANSIENT);
	sqlite3_bind_blob(upd, 2, hash, DK_HASH_BYTES, SQLITE_TRANSIENT);
	sqlite3_bind_blob(upd, 3, f->pk, DK_SIGN_PK_BYTES, SQLITE_TRANSIENT);
	sqlite3_bind_blob(upd, 4, sig, DK_SIG_BYTES, SQLITE_TRANSIENT);
	sqlite3_bind_int64(upd, 5, id);
	rc = sqlite3_step(upd);
	sqlite3_reset(upd);
	if (rc != SQLITE_DONE)
		return db_fail(f, "rewriting an audit entry");
	memcpy(prev, hash, DK_HASH_BYTES);
	return 0;
}

/*
 * Every entry from `from` on, in id order, chained again to the one before
 * and signed with USER's key; the triggers dropped and put back as they were.
 */
static int
forge_rechain(struct forge *f, long long from)
{
	struct dk_buf drop = DK_BUF_INIT, create = DK_BUF_INIT;
	unsigned char prev[DK_HASH_BYTES] = {0};
	sqlite3_stmt *st = NULL, *upd = NULL;
	long long last = 0;
	int rc = 1;

	if (from > 1 && !entry_hash(f, from - 1, prev))
		return die("no audit entry before the first to rewrite", NULL);
	if (audit_triggers(f, &drop, &create) != 0 || exec(f, "BEGIN IMMEDIATE") != 0)
		goto out;
	if (exec(f, dk_buf_str(&drop)) != 0 ||
	    (st = prepare(f, "SELECT id, at, account, action, case_gid, detail FROM audit "
	                     "WHERE id >= ?1 ORDER BY id")) == NULL ||
	    (upd = prepare(f, "UPDATE audit SET prev = ?1, hash = ?2, signer = ?3, sig = ?4 "
	                      "WHERE id = ?5")) == NULL)
		goto rollback;
	sqlite3_bind_int64(st, 1, from);
	/* The rows are updated in place; their ids (the walk's key) never change. */
	while (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int64(st, 0);
		if (rechain_entry(f, st, upd, prev) != 0)
			goto rollback;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(upd);
	st = upd = NULL;
	if (exec(f, dk_buf_str(&create)) != 0 || exec(f, "COMMIT") != 0)
		goto rollback;
	rc = last > 0 ? forge_head(f, last) : die("no audit entry to rewrite", NULL);
	goto out;
rollback:
	exec(f, "ROLLBACK");
out:
	sqlite3_finalize(st);
	sqlite3_finalize(upd);
	dk_buf_free(&drop);
	dk_buf_free(&create);
	return rc;
}

/* Appends "\0%zu:%s" (a NULL field as ""). */
static void
put_field(struct dk_buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	dk_buf_printf(b, "%c%zu:%s", 0, strlen(s), s);
}

/*
 * The signed message of an account record: gid (16 bytes), then name, role,
 * missions (sorted, comma-joined) and removed_at ("" while active), each
 * after a NUL as "%zu:%s". Must match store_account_sign.c (the store's
 * serialization is the reference; this copy follows it).
 */
static int
account_message(struct forge *f, const char *name, struct dk_buf *msg,
                unsigned char gid[DK_GID_BYTES])
{
	sqlite3_stmt *st = prepare(
	    f,
	    "SELECT a.gid, a.name, a.role, coalesce(a.removed_at, ''), "
	    "coalesce((SELECT group_concat(mission, ',') FROM (SELECT mission FROM account_mission "
	    "WHERE account_id = a.id ORDER BY mission)), '') FROM account a WHERE a.name = ?1");
	int rc = 1;

	if (st == NULL)
		return 1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == DK_GID_BYTES) {
		memcpy(gid, sqlite3_column_blob(st, 0), DK_GID_BYTES);
		dk_buf_append(msg, (const char *)gid, DK_GID_BYTES);
		put_field(msg, (const char *)sqlite3_column_text(st, 1));
		put_field(msg, (const char *)sqlite3_column_text(st, 2));
		put_field(msg, (const char *)sqlite3_column_text(st, 4));
		put_field(msg, (const char *)sqlite3_column_text(st, 3));
		rc = 0;
	} else {
		die("no such account", name);
	}
	sqlite3_finalize(st);
	return rc;
}

/* NAME's record signed with USER's key, stored in account.sig. */
static int
forge_sign_account(struct forge *f, const char *name)
{
	struct dk_buf msg = DK_BUF_INIT;
	unsigned char gid[DK_GID_BYTES], sig[DK_SIG_BYTES];
	sqlite3_stmt *st = NULL;
	int rc = 1;

	if (account_message(f, name, &msg, gid) != 0)
		goto out;
	dk_sign(sig, f->keys.sign_sk, ACCOUNT_DOMAIN, msg.data, msg.len);
	if ((st = prepare(f, "UPDATE account SET sig = ?1 WHERE gid = ?2")) == NULL)
		goto out;
	sqlite3_bind_blob(st, 1, sig, DK_SIG_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, gid, DK_GID_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(f, "signing the account record");
out:
	sqlite3_finalize(st);
	dk_buf_free(&msg);
	return rc;
}

/*
 * Every key of NAME in account_key bound again with USER's key: domain
 * "docket-account-key-v1", the account's gid (16 bytes) || pk (32).
 * Must match the store's binding message (store_account_sign.c).
 */
static int
forge_bind_key(struct forge *f, const char *name)
{
	sqlite3_stmt *st = prepare(f, "SELECT k.pk, k.account_gid FROM account_key k "
	                              "JOIN account a ON a.gid = k.account_gid WHERE a.name = ?1");
	sqlite3_stmt *upd = prepare(f, "UPDATE account_key SET sig = ?1 WHERE pk = ?2");
	unsigned char msg[DK_GID_BYTES + DK_SIGN_PK_BYTES], sig[DK_SIG_BYTES];
	int n = 0, rc = 1;

	if (st == NULL || upd == NULL)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 0) != DK_SIGN_PK_BYTES ||
		    sqlite3_column_bytes(st, 1) != DK_GID_BYTES)
			continue;
		memcpy(msg, sqlite3_column_blob(st, 1), DK_GID_BYTES);
		memcpy(msg + DK_GID_BYTES, sqlite3_column_blob(st, 0), DK_SIGN_PK_BYTES);
		dk_sign(sig, f->keys.sign_sk, ACCOUNT_KEY_DOMAIN, msg, sizeof(msg));
		sqlite3_bind_blob(upd, 1, sig, DK_SIG_BYTES, SQLITE_TRANSIENT);
		sqlite3_bind_blob(upd, 2, msg + DK_GID_BYTES, DK_SIGN_PK_BYTES, SQLITE_TRANSIENT);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			db_fail(f, "binding a key");
			goto out;
		}
		sqlite3_reset(upd);
		n++;
	}
	rc = n > 0 ? 0 : die("no key to bind", name);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(upd);
	return rc;
}

/* USER's own slot sealed again, pinning USER's own key as the office's root. */
static int
forge_repin(struct forge *f)
{
	struct dk_err err;

	memcpy(f->keys.root_pk, f->pk, DK_SIGN_PK_BYTES);
	if (dk_keyring_set(f->kr, f->user, f->pass, DK_KDF_INTERACTIVE, f->data_key, &f->keys,
	                   &err) != DK_OK ||
	    dk_keyring_save(f->kr, f->keys_path, &err) != DK_OK)
		return die(err.msg, NULL);
	return 0;
}

/*
 * A slot for account NAME sealed under USER's passphrase: version 1 (the data
 * key only: an account that has not enrolled yet) or, with a new key pair
 * recorded in account_key as pending (sig NULL), version 2 pinning the real
 * root (from USER's slot). Either lets USER unlock as NAME if the engine
 * trusts a first use it should not.
 */
static int
forge_plant(struct forge *f, const char *name, bool v2)
{
	struct dk_slot_keys planted = {0};
	unsigned char pk[DK_SIGN_PK_BYTES];
	sqlite3_stmt *st = NULL;
	struct dk_err err;
	int rc = 1;

	if (v2) {
		memcpy(planted.root_pk, f->keys.root_pk, DK_SIGN_PK_BYTES);
		dk_sign_keypair_new(pk, &planted.sign_sk);
		if ((st = prepare(f, "INSERT INTO account_key (pk, account_gid, sig) "
		                     "SELECT ?1, gid, NULL FROM account WHERE name = ?2")) == NULL)
			goto out;
		sqlite3_bind_blob(st, 1, pk, DK_SIGN_PK_BYTES, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(f->db) != 1) {
			db_fail(f, "recording the planted key");
			goto out;
		}
	}
	if (dk_keyring_set(f->kr, name, f->pass, DK_KDF_INTERACTIVE, f->data_key,
	                   v2 ? &planted : NULL, &err) != DK_OK ||
	    dk_keyring_save(f->kr, f->keys_path, &err) != DK_OK) {
		die(err.msg, NULL);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	dk_slot_keys_clear(&planted);
	return rc;
}

static int
print_pk(struct forge *f)
{
	char hex[2 * DK_SIGN_PK_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), f->pk, DK_SIGN_PK_BYTES);
	printf("%s\n", hex);
	return 0;
}

/* A positive entry id, or 0. */
static long long
entry_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return *s != '\0' && *end == '\0' && v > 0 ? v : 0;
}

static int
run(struct forge *f, const char *cmd, const char *arg)
{
	if (strcmp(cmd, "head") == 0 && arg != NULL && entry_id(arg) > 0)
		return forge_head(f, entry_id(arg));
	if (strcmp(cmd, "rechain") == 0 && arg != NULL && entry_id(arg) > 0)
		return forge_rechain(f, entry_id(arg));
	if (strcmp(cmd, "sign-account") == 0 && arg != NULL)
		return forge_sign_account(f, arg);
	if (strcmp(cmd, "bind-key") == 0 && arg != NULL)
		return forge_bind_key(f, arg);
	if (strcmp(cmd, "plant") == 0 && arg != NULL)
		return forge_plant(f, arg, true);
	if (strcmp(cmd, "plant-v1") == 0 && arg != NULL)
		return forge_plant(f, arg, false);
	if (strcmp(cmd, "repin") == 0 && arg == NULL)
		return forge_repin(f);
	if (strcmp(cmd, "pk") == 0 && arg == NULL)
		return print_pk(f);
	fprintf(stderr, "dk_forge: unknown command or missing argument: %s\n", cmd);
	return 2;
}

int
main(int argc, char **argv)
{
	struct forge f = {0};
	int rc;

	if (argc < 4 || argc > 5 || !dk_crypto_init()) {
		fprintf(stderr,
		        "usage: dk_forge DB USER head ID|rechain FROM|sign-account NAME|"
		        "bind-key NAME|plant NAME|plant-v1 NAME|repin|pk  (passphrase on fd 3)\n");
		return 2;
	}
	f.db_path = argv[1];
	f.user = argv[2];
	rc = forge_open(&f);
	if (rc == 0)
		rc = run(&f, argv[3], argc == 5 ? argv[4] : NULL);
	forge_close(&f);
	return rc;
}
