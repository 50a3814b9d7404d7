/* What the signatures against insiders keep: the authority, key bindings, sealed grants. */
#include <stdlib.h>
#include <string.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

_Static_assert(DK_SIGN_PK_BYTES == 32, "'k' binds 32-byte keys");

static void
read_pk(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_SIGN_PK_BYTES, st, 0);
}

enum dk_rc
dk_store_authority_get(struct dk_store *s, unsigned char pk[DK_SIGN_PK_BYTES], bool *found,
                       struct dk_err *err)
{
	memset(pk, 0, DK_SIGN_PK_BYTES);
	return dk_store_row(s, DK_STMT_AUTHORITY_GET, read_pk, pk, found,
	                    _("reading the office's authority key"), err, "");
}

enum dk_rc
dk_store_authority_set(struct dk_store *s, const unsigned char pk[DK_SIGN_PK_BYTES],
                       struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_AUTHORITY_SET, NULL, NULL, NULL,
	                    _("recording the office's authority key"), err, "k", pk);
}

/* Binds a 64-byte signature (or NULL) as parameter i. */
static void
bind_sig(sqlite3_stmt *st, int i, const unsigned char *sig)
{
	if (sig != NULL)
		sqlite3_bind_blob(st, i, sig, DK_SIG_BYTES, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

enum dk_rc
dk_store_account_sig_set(struct dk_store *s, int64_t account_id,
                         const unsigned char sig[DK_SIG_BYTES], struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_SIG_SET, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, account_id);
	bind_sig(st, 2, sig);
	return dk_store_step_insert(s, st, _("signing the account"), err);
}

enum dk_rc
dk_store_account_key_put(struct dk_store *s, const struct dk_account_key *k, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_KEY_PUT, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, k->pk, DK_SIGN_PK_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, k->account_gid, DK_GID_LEN, SQLITE_STATIC);
	bind_sig(st, 3, k->bound ? k->sig : NULL);
	return dk_store_step_insert(s, st, _("recording the account's key"), err);
}

enum dk_rc
dk_store_account_key_each(struct dk_store *s, bool (*fn)(const struct dk_account_key *k, void *ctx),
                          void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_ACCOUNT_KEY_EACH, err);
	struct dk_account_key k;
	int rc;

	FAIL_IF_NULL(st, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&k, 0, sizeof(k));
		/* A damaged row keeps its wrong sizes visible: zeroes never verify. */
		k.valid_sizes = sqlite3_column_bytes(st, 0) == DK_SIGN_PK_BYTES &&
		                sqlite3_column_bytes(st, 1) == DK_GID_LEN;
		dk_store_copy_blob(k.pk, sizeof(k.pk), st, 0);
		dk_store_copy_blob(k.account_gid, sizeof(k.account_gid), st, 1);
		k.bound = sqlite3_column_type(st, 2) != SQLITE_NULL;
		if (k.bound && sqlite3_column_bytes(st, 2) == DK_SIG_BYTES)
			memcpy(k.sig, sqlite3_column_blob(st, 2), DK_SIG_BYTES);
		if (!fn(&k, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading account keys"), err);
}

enum dk_rc
dk_store_grant_put(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                   const char *name, const unsigned char *sealed, size_t len, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_GRANT_PUT, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, account_gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, sealed, (int)len, SQLITE_STATIC);
	return dk_store_step_insert(s, st, _("sealing a key to an account"), err);
}

struct grant_out {
	unsigned char **sealed;
	size_t *len;
};

static void
read_grant(sqlite3_stmt *st, void *out)
{
	struct grant_out *g = out;
	int n = sqlite3_column_bytes(st, 0);

	*g->len = (size_t)n;
	*g->sealed = dk_xmalloc(n > 0 ? (size_t)n : 1);
	if (n > 0)
		memcpy(*g->sealed, sqlite3_column_blob(st, 0), (size_t)n);
}

enum dk_rc
dk_store_grant_get(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                   const char *name, unsigned char **sealed, size_t *len, bool *found,
                   struct dk_err *err)
{
	struct grant_out g = {sealed, len};

	*sealed = NULL;
	*len = 0;
	return dk_store_row(s, DK_STMT_GRANT_GET, read_grant, &g, found,
	                    _("reading the keys sealed to the account"), err, "gt", account_gid,
	                    name);
}

enum dk_rc
dk_store_grant_drop(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                    struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_GRANT_DROP, NULL, NULL, NULL,
	                    _("removing the keys sealed to the account"), err, "g", account_gid);
}
