/* Offices: this database's own (with its secret keys), its trusted peers, the known ones. */
#include <string.h>

#include "docket/i18n.h"
#include "store_internal.h"

/* Reads DK_OFFICE_COLUMNS from st's current row. */
static void
office_row(sqlite3_stmt *st, struct dk_office_row *o)
{
	memset(o, 0, sizeof(*o));
	dk_store_copy_blob(o->gid, sizeof(o->gid), st, 0);
	dk_store_copy_text(o->name, sizeof(o->name), st, 1);
	o->trust = sqlite3_column_int(st, 2);
	o->has_keys = sqlite3_column_bytes(st, 3) == (int)sizeof(o->sign_pk) &&
	              sqlite3_column_bytes(st, 4) == (int)sizeof(o->box_pk);
	if (o->has_keys) {
		dk_store_copy_blob(o->sign_pk, sizeof(o->sign_pk), st, 3);
		dk_store_copy_blob(o->box_pk, sizeof(o->box_pk), st, 4);
	}
}

/* Runs a one-row office query already bound; DK_NOTFOUND quietly when no row comes. */
static enum dk_rc
office_one(struct dk_store *s, sqlite3_stmt *st, struct dk_office_row *out, struct dk_err *err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		office_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DK_OK;
	return rc == SQLITE_DONE ? DK_NOTFOUND : dk_store_fail(s, _("reading offices"), err);
}

enum dk_rc
dk_store_office_get(struct dk_store *s, const unsigned char gid[DK_GID_LEN],
                    struct dk_office_row *out, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_GET, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	return office_one(s, st, out, err);
}

enum dk_rc
dk_store_office_by_name(struct dk_store *s, const char *name, struct dk_office_row *out,
                        struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_BY_NAME, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return office_one(s, st, out, err);
}

enum dk_rc
dk_store_office_self(struct dk_store *s, struct dk_office_row *out, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_SELF, err);

	FAIL_IF_NULL(st, err);
	return office_one(s, st, out, err);
}

enum dk_rc
dk_store_office_insert_self(struct dk_store *s, const struct dk_office_row *o,
                            const struct dk_secret *sign_sk, const struct dk_secret *box_sk,
                            const char *on, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_INSERT_SELF, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, o->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, o->sign_pk, sizeof(o->sign_pk), SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, o->box_pk, sizeof(o->box_pk), SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, sign_sk->bytes, (int)sign_sk->len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, box_sk->bytes, (int)box_sk->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, on, -1, SQLITE_STATIC);
	return dk_store_step_insert(s, st, _("recording the office"), err);
}

/* A blob column of exactly len bytes into new guarded memory; NULL when its size is wrong. */
static struct dk_secret *
secret_column(sqlite3_stmt *st, int col, size_t len)
{
	const void *bytes = sqlite3_column_blob(st, col);

	if (bytes == NULL || (size_t)sqlite3_column_bytes(st, col) != len)
		return NULL;
	return dk_secret_from(bytes, len);
}

enum dk_rc
dk_store_office_secrets(struct dk_store *s, struct dk_secret **sign_sk, struct dk_secret **box_sk,
                        struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_SECRETS, err);
	enum dk_rc rc = DK_OK;
	int step;

	*sign_sk = NULL;
	*box_sk = NULL;
	FAIL_IF_NULL(st, err);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*sign_sk = secret_column(st, 0, 64);
		*box_sk = secret_column(st, 1, 32);
		if (*sign_sk == NULL || *box_sk == NULL) {
			dk_secret_free(sign_sk);
			dk_secret_free(box_sk);
			rc = dk_err_set(err, DK_CORRUPT, _("the office's secret keys are damaged"));
		}
	} else if (step == SQLITE_DONE) {
		rc = DK_NOTFOUND;
	} else {
		rc = dk_store_fail(s, _("reading the office's keys"), err);
	}
	sqlite3_reset(st);
	return rc;
}

/* Binds a trusted row's ?1 gid, ?2 name, ?3 sign_pk, ?4 box_pk, ?5 trusted_on. */
static void
bind_trust(sqlite3_stmt *st, const struct dk_office_row *o, const char *on)
{
	sqlite3_bind_blob(st, 1, o->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, o->sign_pk, sizeof(o->sign_pk), SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, o->box_pk, sizeof(o->box_pk), SQLITE_STATIC);
	sqlite3_bind_text(st, 5, on, -1, SQLITE_STATIC);
}

enum dk_rc
dk_store_office_trust(struct dk_store *s, const struct dk_office_row *o, const char *on,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_TRUST_UPDATE, err);
	int rc;

	/* No upsert in SQLCipher 3.4's SQLite: update the row if there is one, else insert. */
	FAIL_IF_NULL(st, err);
	bind_trust(st, o, on);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("trusting the office"), err);
	if (sqlite3_changes(s->db) == 1)
		return DK_OK;
	st = dk_store_stmt(s, DK_STMT_OFFICE_TRUST_INSERT, err);
	FAIL_IF_NULL(st, err);
	bind_trust(st, o, on);
	return dk_store_step_insert(s, st, _("trusting the office"), err);
}

enum dk_rc
dk_store_office_untrust(struct dk_store *s, const unsigned char gid[DK_GID_LEN], struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_UNTRUST, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dk_store_fail(s, _("untrusting the office"), err);
	return sqlite3_changes(s->db) == 1 ? DK_OK : DK_NOTFOUND;
}

enum dk_rc
dk_store_office_each(struct dk_store *s, bool (*fn)(const struct dk_office_entry *o, void *ctx),
                     void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_EACH, err);
	struct dk_office_entry e;
	int rc;

	FAIL_IF_NULL(st, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&e, 0, sizeof(e));
		office_row(st, &e.row);
		e.head_id = sqlite3_column_int64(st, 5);
		dk_store_copy_blob(e.head_hash, sizeof(e.head_hash), st, 6);
		e.broken = (const char *)sqlite3_column_text(st, 7);
		if (!fn(&e, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading offices"), err);
}
