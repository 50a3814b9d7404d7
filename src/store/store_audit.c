/* The audit log: append-only entries, each chained to the last by BLAKE2b. */
#include <stdlib.h>
#include <string.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/buf.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

#define AUDIT_DOMAIN "docket-audit-v1"
#define AUDIT_SIG_DOMAIN "docket-audit-sig-v1"

/*
 * The hashed form of an entry: every field, length-prefixed so that no two
 * different entries serialize alike.
 */
static void
audit_hash(unsigned char out[DK_HASH_BYTES], const unsigned char prev[DK_HASH_BYTES], long long id,
           const char *at, const char *account, const char *action, const unsigned char *case_gid,
           const char *detail)
{
	struct dk_buf b = DK_BUF_INIT;
	const char *fields[] = {at, account, action, detail};

	dk_buf_append(&b, (const char *)prev, DK_HASH_BYTES);
	dk_buf_printf(&b, "%lld", id);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		dk_buf_printf(&b, "%c%zu:%s", 0, strlen(fields[i]), fields[i]);
	dk_buf_putc(&b, 0);
	if (case_gid != NULL)
		dk_buf_append(&b, (const char *)case_gid, DK_GID_LEN);
	dk_crypto_hash(out, AUDIT_DOMAIN, b.data, b.len);
	dk_buf_free(&b);
}

/* A row reader: the hash in column 0, if it has the right size, into out. */
static void
read_full_hash(sqlite3_stmt *st, void *out)
{
	if (sqlite3_column_bytes(st, 0) == DK_HASH_BYTES)
		memcpy(out, sqlite3_column_blob(st, 0), DK_HASH_BYTES);
}

enum dk_rc
dk_store_audit_append(struct dk_store *s, const char *at, const char *account, const char *action,
                      const unsigned char *case_gid, const char *detail, struct dk_err *err)
{
	unsigned char prev[DK_HASH_BYTES] = {0};
	unsigned char hash[DK_HASH_BYTES], sig[DK_SIG_BYTES];
	int64_t id = 0;
	sqlite3_stmt *st;
	enum dk_rc rc;

	if (detail == NULL)
		detail = "";
	if ((rc = dk_store_row(s, DK_STMT_AUDIT_LAST, read_full_hash, prev, NULL,
	                       _("writing the audit log"), err, "")) != DK_OK ||
	    (rc = dk_store_row(s, DK_STMT_AUDIT_MAXID, dk_store_read_int64, &id, NULL,
	                       _("writing the audit log"), err, "")) != DK_OK)
		return rc;
	id++;

	audit_hash(hash, prev, id, at, account, action, case_gid, detail);
	st = dk_store_stmt(s, DK_STMT_AUDIT_APPEND, err);
	if (st == NULL)
		return err != NULL ? err->rc : DK_IO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	if (case_gid != NULL)
		sqlite3_bind_blob(st, 5, case_gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 7, prev, DK_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, hash, DK_HASH_BYTES, SQLITE_STATIC);
	if (s->signer != NULL) {
		dk_sign(sig, s->signer, AUDIT_SIG_DOMAIN, hash, DK_HASH_BYTES);
		sqlite3_bind_blob(st, 9, s->signer_pk, DK_SIGN_PK_BYTES, SQLITE_STATIC);
		sqlite3_bind_blob(st, 10, sig, DK_SIG_BYTES, SQLITE_STATIC);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = dk_store_fail(s, _("writing the audit log"), err);
	sqlite3_reset(st);
	return rc;
}

struct audit_head {
	long long *id;
	unsigned char *hash;
};

static void
audit_head_row(sqlite3_stmt *st, void *out)
{
	struct audit_head *h = out;

	*h->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(h->hash, DK_HASH_BYTES, st, 1);
}

enum dk_rc
dk_store_audit_head(struct dk_store *s, long long *id, unsigned char hash[DK_HASH_BYTES],
                    struct dk_err *err)
{
	struct audit_head h = {id, hash};

	*id = 0;
	memset(hash, 0, DK_HASH_BYTES);
	return dk_store_row(s, DK_STMT_AUDIT_HEAD, audit_head_row, &h, NULL,
	                    _("reading the audit log"), err, "");
}

enum dk_rc
dk_store_audit_each(struct dk_store *s, const struct dk_audit_query *q,
                    bool (*fn)(const struct dk_audit_entry *e, void *ctx), void *ctx,
                    struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	struct dk_audit_entry e;
	char *sql;
	int rc;

	/* The reference comes from the case row; a case's gid never changes. */
	sql = dk_xasprintf(
	    "SELECT a.id, a.at, a.account, a.action, a.case_gid, "
	    "coalesce((SELECT ref FROM case_file WHERE gid = a.case_gid), ''), a.detail "
	    "FROM audit a WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.account = ?2) "
	    "AND (?3 IS NULL OR a.case_gid = ?3) AND (?4 IS NULL OR a.id %s ?4) "
	    "ORDER BY a.id %s LIMIT ?5",
	    q->newest_first ? "<" : ">", q->newest_first ? "DESC" : "ASC");
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("reading the audit log"), err);
	dk_store_bind_opt_text(st, 1, q->since);
	dk_store_bind_opt_text(st, 2, q->account);
	if (q->case_gid != NULL)
		sqlite3_bind_blob(st, 3, q->case_gid, DK_GID_LEN, SQLITE_STATIC);
	if (q->from_id > 0)
		sqlite3_bind_int64(st, 4, q->from_id);
	sqlite3_bind_int(st, 5, q->limit > 0 ? q->limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.at = (const char *)sqlite3_column_text(st, 1);
		e.account = (const char *)sqlite3_column_text(st, 2);
		e.action = (const char *)sqlite3_column_text(st, 3);
		e.case_gid =
		    sqlite3_column_bytes(st, 4) == DK_GID_LEN ? sqlite3_column_blob(st, 4) : NULL;
		e.ref = (const char *)sqlite3_column_text(st, 5);
		e.detail = (const char *)sqlite3_column_text(st, 6);
		if (!fn(&e, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the audit log"), err);
}

/* Checks one entry against the one before it; false with err set naming it. */
static bool
audit_entry_ok(sqlite3_stmt *st, long long expected_id, const unsigned char *prev_hash,
               struct dk_err *err)
{
	long long id = sqlite3_column_int64(st, 0);
	const char *fields[4];
	const unsigned char *case_gid = NULL;
	unsigned char hash[DK_HASH_BYTES];

	if (id != expected_id) {
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld is missing: the log goes on with entry %lld "
		             "(entries were deleted)"),
		           expected_id, id);
		return false;
	}
	if (sqlite3_column_bytes(st, 6) != DK_HASH_BYTES ||
	    memcmp(sqlite3_column_blob(st, 6), prev_hash, DK_HASH_BYTES) != 0) {
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld does not chain to entry %lld (the log was altered)"),
		           id, id - 1);
		return false;
	}
	for (int i = 0; i < 4; i++) {
		const char *t = (const char *)sqlite3_column_text(st, i == 3 ? 5 : i + 1);
		fields[i] = t != NULL ? t : "";
	}
	if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
		if (sqlite3_column_bytes(st, 4) != DK_GID_LEN) {
			dk_err_set(err, DK_CORRUPT, _("audit entry %lld was altered"), id);
			return false;
		}
		case_gid = sqlite3_column_blob(st, 4);
	}
	audit_hash(hash, prev_hash, id, fields[0], fields[1], fields[2], case_gid, fields[3]);
	if (sqlite3_column_bytes(st, 7) != DK_HASH_BYTES ||
	    memcmp(sqlite3_column_blob(st, 7), hash, DK_HASH_BYTES) != 0) {
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld does not match its hash (it was edited)"), id);
		return false;
	}
	return true;
}

/*
 * Checks entry st's signature: from the first signed entry on, each one is
 * signed, its signature verifies, and v->signer_ok accepts its signer for
 * its account. false with err set naming the entry.
 */
static bool
audit_signature_ok(sqlite3_stmt *st, struct dk_audit_verify *v, struct dk_err *err)
{
	long long id = sqlite3_column_int64(st, 0);
	const char *account = (const char *)sqlite3_column_text(st, 2);
	const unsigned char *signer = sqlite3_column_blob(st, 8), *sig = sqlite3_column_blob(st, 9);
	bool is_signed =
	    sqlite3_column_type(st, 8) != SQLITE_NULL || sqlite3_column_type(st, 9) != SQLITE_NULL;

	if (!is_signed) {
		if (v->first_signed == 0)
			return true;
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld carries no signature though the log is signed from "
		             "entry %lld on (it was rewritten)"),
		           id, v->first_signed);
		return false;
	}
	if (v->first_signed == 0)
		v->first_signed = id;
	if (sqlite3_column_bytes(st, 8) != DK_SIGN_PK_BYTES ||
	    sqlite3_column_bytes(st, 9) != DK_SIG_BYTES ||
	    !dk_sign_verify(sig, signer, AUDIT_SIG_DOMAIN, sqlite3_column_blob(st, 7),
	                    DK_HASH_BYTES)) {
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld's signature does not verify (it was forged or "
		             "rewritten)"),
		           id);
		return false;
	}
	if (!v->signer_ok(account != NULL ? account : "", signer, v->ctx)) {
		dk_err_set(err, DK_CORRUPT,
		           _("audit entry %lld is signed by a key that is not %s's (it was forged "
		             "or rewritten)"),
		           id, account != NULL ? account : "");
		return false;
	}
	return true;
}

/* Checks that the head the sidecar recorded is entry `expected`, when it is. */
static bool
audit_head_ok(const struct dk_audit_verify *v, long long expected, const unsigned char *hash,
              struct dk_err *err)
{
	if (expected != v->head_id || memcmp(hash, v->head_hash, DK_HASH_BYTES) == 0)
		return true;
	dk_err_set(err, DK_CORRUPT,
	           _("audit entry %lld differs from the one the key slots file recorded (the log "
	             "was rewritten)"),
	           v->head_id);
	return false;
}

/* The hash of the entry before from_id, where a partial walk starts. */
static enum dk_rc
audit_prev_of(struct dk_store *s, long long from_id, unsigned char prev[DK_HASH_BYTES],
              struct dk_err *err)
{
	bool found = true;
	enum dk_rc rc = DK_OK;

	memset(prev, 0, DK_HASH_BYTES);
	if (from_id > 1)
		rc = dk_store_audit_hash_at(s, from_id - 1, prev, &found, err);
	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_CORRUPT,
		                _("audit entry %lld is missing (entries were deleted)"),
		                from_id - 1);
	return rc;
}

enum dk_rc
dk_store_audit_verify(struct dk_store *s, struct dk_audit_verify *v, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_AUDIT_CHAIN, err);
	unsigned char prev[DK_HASH_BYTES];
	long long expected = v->from_id > 0 ? v->from_id : 1;
	bool head_seen = v->head_id < expected;
	enum dk_rc result;
	int rc = SQLITE_DONE;

	FAIL_IF_NULL(st, err);
	v->entries = 0;
	v->first_signed = 0;
	if ((result = audit_prev_of(s, expected, prev, err)) != DK_OK)
		return result;
	sqlite3_bind_int64(st, 1, expected);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!audit_entry_ok(st, expected, prev, err) ||
		    (v->signer_ok != NULL && !audit_signature_ok(st, v, err)) ||
		    !audit_head_ok(v, expected, sqlite3_column_blob(st, 7), err)) {
			result = DK_CORRUPT;
			break;
		}
		memcpy(prev, sqlite3_column_blob(st, 7), DK_HASH_BYTES);
		head_seen = head_seen || expected == v->head_id;
		expected++;
		v->entries++;
	}
	sqlite3_reset(st);
	if (result != DK_OK)
		return result;
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("reading the audit log"), err);
	if (!head_seen)
		return dk_err_set(err, DK_CORRUPT,
		                  _("the audit log ends at entry %lld but the key slots file "
		                    "recorded entry %lld (its tail was cut)"),
		                  expected - 1, v->head_id);
	return DK_OK;
}

struct signer_out {
	unsigned char *signer;
	bool *is_signed;
};

static void
read_signer(sqlite3_stmt *st, void *out)
{
	struct signer_out *o = out;

	*o->is_signed = sqlite3_column_type(st, 1) != SQLITE_NULL;
	dk_store_copy_blob(o->signer, DK_SIGN_PK_BYTES, st, 1);
}

enum dk_rc
dk_store_audit_signer_at(struct dk_store *s, long long id, unsigned char signer[DK_SIGN_PK_BYTES],
                         bool *is_signed, bool *found, struct dk_err *err)
{
	struct signer_out o = {signer, is_signed};

	*is_signed = false;
	memset(signer, 0, DK_SIGN_PK_BYTES);
	return dk_store_row(s, DK_STMT_AUDIT_AT, read_signer, &o, found, _("reading the audit log"),
	                    err, "I", (int64_t)id);
}

void
dk_store_audit_sign_with(struct dk_store *s, const struct dk_secret *sk)
{
	s->signer = sk;
	if (sk != NULL)
		dk_sign_public(s->signer_pk, sk);
}

enum dk_rc
dk_store_audit_last_signed_by(struct dk_store *s, const unsigned char pk[DK_SIGN_PK_BYTES],
                              long long *id, unsigned char hash[DK_HASH_BYTES], struct dk_err *err)
{
	struct audit_head h = {id, hash};

	*id = 0;
	memset(hash, 0, DK_HASH_BYTES);
	return dk_store_row(s, DK_STMT_AUDIT_OWN_LAST, audit_head_row, &h, NULL,
	                    _("reading the audit log"), err, "k", pk);
}

/* A row reader: the hash in column 0 into the DK_HASH_BYTES at out. */
static void
read_hash(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_HASH_BYTES, st, 0);
}

enum dk_rc
dk_store_audit_hash_at(struct dk_store *s, long long id, unsigned char hash[DK_HASH_BYTES],
                       bool *found, struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_AUDIT_AT, read_hash, hash, found, _("reading the audit log"),
	                    err, "I", (int64_t)id);
}
