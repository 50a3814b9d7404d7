/*
 * Need-to-know (store_fields.c): each mission's key generations, the
 * rewrapping of content keys when a key rotates, and the key grants.
 */
#include <stdlib.h>
#include <string.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

enum dk_rc
dk_store_mission_key_put(struct dk_store *s, const char *mission, enum dk_field_class cls,
                         long long gen, struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_FIELDS_MK_PUT, NULL, NULL, NULL,
	                    _("recording the mission keys"), err, "ttI", mission,
	                    dk_field_class_id(cls), (int64_t)gen);
}

enum dk_rc
dk_store_mission_key_each(struct dk_store *s,
                          bool (*fn)(const char *mission, enum dk_field_class cls, long long gen,
                                     void *ctx),
                          void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	int step;

	/* Its own statement: fn may run cached ones. */
	if (sqlite3_prepare_v2(
	        s->db, "SELECT mission, class, gen FROM mission_key ORDER BY mission, class", -1,
	        &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("reading the mission keys"), err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		enum dk_field_class cls;

		if (!dk_field_class_parse((const char *)sqlite3_column_text(st, 1), &cls))
			continue;
		if (!fn((const char *)sqlite3_column_text(st, 0), cls, sqlite3_column_int64(st, 2),
		        ctx)) {
			step = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the mission keys"), err);
}

enum dk_rc
dk_store_content_key_drop(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                          enum dk_field_class cls, const char *mission, struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_FIELDS_CK_DROP, NULL, NULL, NULL,
	                    _("recording the content keys"), err, "gtt", owner,
	                    dk_field_class_id(cls), mission);
}

struct wrapping {
	unsigned char owner[DK_GID_LEN];
	unsigned char wrapped[DK_WRAP_BYTES];
};

/* Every wrapping under (mission, cls, gen), read before any is written again. */
static enum dk_rc
wrappings_of(struct dk_store *s, const char *mission, enum dk_field_class cls, long long gen,
             struct wrapping **out, size_t *n, struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT owner, wrapped FROM content_key WHERE mission = ?1 AND "
	                       "class = ?2 AND gen = ?3",
	                       -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("reading the content keys"), err);
	sqlite3_bind_text(st, 1, mission, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dk_field_class_id(cls), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, gen);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = dk_xrealloc(*out, cap * sizeof(**out));
		}
		memset(&(*out)[*n], 0, sizeof(**out));
		dk_store_copy_blob((*out)[*n].owner, DK_GID_LEN, st, 0);
		if (sqlite3_column_bytes(st, 1) != DK_WRAP_BYTES) {
			step = SQLITE_CORRUPT;
			break;
		}
		dk_store_copy_blob((*out)[*n].wrapped, DK_WRAP_BYTES, st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (step == SQLITE_CORRUPT)
		return dk_err_set(err, DK_CORRUPT, _("a content key's wrapping is damaged"));
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the content keys"), err);
}

enum dk_rc
dk_store_content_keys_rewrap(struct dk_store *s, const char *mission, enum dk_field_class cls,
                             long long from_gen, long long to_gen, long *n, struct dk_err *err)
{
	const struct dk_secret *from = dk_store_fields_key(s, mission, cls, from_gen);
	const struct dk_secret *to = dk_store_fields_key(s, mission, cls, to_gen);
	struct dk_secret *ck = dk_secret_new(DK_FIELD_KEY_BYTES);
	struct wrapping *w = NULL;
	size_t count = 0;
	enum dk_rc rc;

	*n = 0;
	ck->len = DK_FIELD_KEY_BYTES;
	if (from == NULL || to == NULL) {
		rc = dk_err_set(err, DK_DENIED, _("you do not hold the key of mission %s"),
		                mission[0] != '\0' ? mission : "-");
		goto out;
	}
	if ((rc = wrappings_of(s, mission, cls, from_gen, &w, &count, err)) != DK_OK)
		goto out;
	for (size_t i = 0; rc == DK_OK && i < count; i++) {
		char what[DK_FIELDS_WHAT_MAX];

		dk_store_fields_what(what, sizeof(what), w[i].owner, (int)cls, mission, from_gen);
		if (!dk_key_unwrap_into(ck->bytes, w[i].wrapped, DK_WRAP_BYTES, from, what)) {
			rc =
			    dk_err_set(err, DK_CORRUPT,
			               _("a content key of mission %s does not open under its key"),
			               mission[0] != '\0' ? mission : "-");
			break;
		}
		if ((rc = dk_store_fields_wrap_put(s, w[i].owner, (int)cls, mission, to_gen, to, ck,
		                                   err)) == DK_OK)
			(*n)++;
	}
out:
	free(w);
	dk_secret_free(&ck);
	return rc;
}

enum dk_rc
dk_store_grant_each(struct dk_store *s, const unsigned char *account_gid,
                    bool (*fn)(const unsigned char account_gid[DK_GID_LEN], const char *name,
                               const unsigned char *sealed, size_t len, void *ctx),
                    void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (sqlite3_prepare_v2(
	        s->db,
	        "SELECT account_gid, name, sealed FROM key_grant WHERE ?1 IS NULL OR "
	        "account_gid = ?1 ORDER BY account_gid, name",
	        -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("reading the key grants"), err);
	if (account_gid != NULL)
		sqlite3_bind_blob(st, 1, account_gid, DK_GID_LEN, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		unsigned char gid[DK_GID_LEN];

		dk_store_copy_blob(gid, DK_GID_LEN, st, 0);
		if (!fn(gid, (const char *)sqlite3_column_text(st, 1), sqlite3_column_blob(st, 2),
		        (size_t)sqlite3_column_bytes(st, 2), ctx)) {
			step = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the key grants"), err);
}

enum dk_rc
dk_store_grant_drop_name(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                         const char *name, struct dk_err *err)
{
	return dk_store_row(s, DK_STMT_GRANT_DROP_NAME, NULL, NULL, NULL, _("removing a key grant"),
	                    err, "gt", account_gid, name);
}
