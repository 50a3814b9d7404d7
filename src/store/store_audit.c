/* The audit log: append-only entries, each chained to the last by BLAKE2b. */
#include <string.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/buf.h"
#include "store_internal.h"

#define AUDIT_DOMAIN "docket-audit-v1"

/*
 * The hashed form of an entry: every field, length-prefixed so that no two
 * different entries serialize alike.
 */
static void
audit_hash(unsigned char out[DK_HASH_BYTES], const unsigned char prev[DK_HASH_BYTES],
	   long long id, const char *at, const char *account, const char *action,
	   const unsigned char *case_gid, const char *detail)
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

enum dk_rc
dk_store_audit_append(struct dk_store *s, const char *at, const char *account,
		      const char *action, const unsigned char *case_gid, const char *detail,
		      struct dk_err *err)
{
	unsigned char prev[DK_HASH_BYTES] = {0};
	unsigned char hash[DK_HASH_BYTES];
	long long id;
	sqlite3_stmt *st;
	int rc;

	if (detail == NULL)
		detail = "";
	st = dk_store_stmt(s, DK_STMT_AUDIT_LAST, err);
	if (st == NULL)
		return err != NULL ? err->rc : DK_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == DK_HASH_BYTES)
		memcpy(prev, sqlite3_column_blob(st, 0), DK_HASH_BYTES);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dk_store_fail(s, _("writing the audit log"), err);

	st = dk_store_stmt(s, DK_STMT_AUDIT_MAXID, err);
	if (st == NULL)
		return err != NULL ? err->rc : DK_IO;
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return dk_store_fail(s, _("writing the audit log"), err);

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
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("writing the audit log"), err);
}
