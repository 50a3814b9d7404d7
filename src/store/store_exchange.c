/*
 * Exchange between offices: the rows a bundle carries, read as records, and
 * records written back idempotently by their global ids (store_exchange_sql.h
 * has the statements); the peers' audit entries; each event's links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

/* A kind of record: its tag, how it is read out and written in, and its fields' types. */
struct exchange_table {
	char tag;
	enum dk_stmt_id out, in, in_also, has;
	const char *types; /* per field: b blob, t text, i integer */
	bool counted;      /* a new row is an "event" of the import's count */
};

#define NONE DK_STMT_COUNT

/* In the order a bundle carries them: what a record refers to comes before it. */
static const struct exchange_table tables[] = {
    {'O', DK_STMT_EXPORT_OFFICES, DK_STMT_IMPORT_OFFICE, NONE, NONE, "bt", false},
    {'M', DK_STMT_EXPORT_MISSIONS_OUT, DK_STMT_IMPORT_MISSION, NONE, NONE, "tttt", false},
    {'D', DK_STMT_EXPORT_HOLIDAYS, DK_STMT_IMPORT_HOLIDAY, NONE, NONE, "ttt", false},
    {'C', DK_STMT_EXPORT_CASES_OUT, DK_STMT_IMPORT_CASE, NONE, DK_STMT_HAS_CASE,
     "bbtttiitttttttttttittt", false},
    {'E', DK_STMT_EXPORT_EVENTS, DK_STMT_IMPORT_EVENT, NONE, DK_STMT_HAS_EVENT, "bbbtttttittttttb",
     true},
    {'V', DK_STMT_EXPORT_VICTIMS_OUT, DK_STMT_IMPORT_VICTIM, DK_STMT_IMPORT_VICTIM_IDENTITY,
     DK_STMT_HAS_VICTIM, "bbttttttt", false},
    {'L', DK_STMT_EXPORT_LINKS, DK_STMT_IMPORT_LINK, NONE, DK_STMT_HAS_LINK, "bbt", false},
    {'W', DK_STMT_EXPORT_VICTIM_EVENTS, DK_STMT_IMPORT_VICTIM_EVENT, NONE, DK_STMT_HAS_VICTIM_EVENT,
     "bbbbttttttttt", true},
    {'S', DK_STMT_EXPORT_SUBJECTS, DK_STMT_IMPORT_SUBJECT, DK_STMT_IMPORT_SUBJECT_IDENTITY,
     DK_STMT_HAS_SUBJECT, "bbtbttttttttt", false},
    {'A', DK_STMT_EXPORT_SUBJECT_ACTIONS, DK_STMT_IMPORT_SUBJECT_ACTION, NONE,
     DK_STMT_HAS_SUBJECT_ACTION, "bbbtttti", true},
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

const char *
dk_store_record_types(unsigned tag)
{
	for (size_t i = 0; i < NTABLES; i++)
		if ((unsigned char)tables[i].tag == tag)
			return tables[i].types;
	return tag == 'H' ? "ibb" : NULL;
}

static const struct exchange_table *
table_of(unsigned tag)
{
	for (size_t i = 0; i < NTABLES; i++)
		if ((unsigned char)tables[i].tag == tag)
			return &tables[i];
	return NULL;
}

static void
bind_export(sqlite3_stmt *st, const struct dk_export_query *q)
{
	sqlite3_bind_blob(st, 20, q->peer, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_int(st, 21, q->all ? 1 : 0);
}

enum dk_rc
dk_store_export_select(struct dk_store *s, const struct dk_export_query *q, long *ncases,
                       struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_EXPORT_TABLE, err);
	const char *doing = _("choosing the cases to send");

	FAIL_IF_NULL(st, err);
	if (sqlite3_step(st) != SQLITE_DONE ||
	    (st = dk_store_stmt(s, DK_STMT_EXPORT_CLEAR, err)) == NULL ||
	    sqlite3_step(st) != SQLITE_DONE ||
	    (st = dk_store_stmt(s, DK_STMT_EXPORT_SELECT, err)) == NULL)
		return dk_store_fail(s, doing, err);
	dk_store_bind_opt_text(st, 1, q->mission);
	if (s->scoped)
		sqlite3_bind_int(st, 2, 1);
	bind_export(st, q);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dk_store_fail(s, doing, err);
	*ncases = sqlite3_changes(s->db);
	return DK_OK;
}

/* The current row of st as a record (fields point into SQLite's memory until the next step). */
static void
row_record(sqlite3_stmt *st, unsigned tag, struct dk_record *r)
{
	static const unsigned char empty[1];

	memset(r, 0, sizeof(*r));
	r->tag = tag;
	r->n = (unsigned)sqlite3_column_count(st);
	for (unsigned i = 0; i < r->n; i++) {
		int type = sqlite3_column_type(st, (int)i);

		if (type == SQLITE_NULL)
			continue;
		r->field[i] = type == SQLITE_BLOB ? sqlite3_column_blob(st, (int)i)
		                                  : sqlite3_column_text(st, (int)i);
		r->len[i] = (size_t)sqlite3_column_bytes(st, (int)i);
		if (r->field[i] == NULL)
			r->field[i] = empty; /* a zero-length blob is not NULL */
	}
}

/* Streams every row of st to fn as records of tag. */
static enum dk_rc
stream_records(struct dk_store *s, sqlite3_stmt *st, unsigned tag, dk_record_fn fn, void *ctx,
               struct dk_err *err)
{
	struct dk_record r;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_record(st, tag, &r);
		if (!fn(&r, ctx)) {
			sqlite3_reset(st);
			return DK_OK;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading what to send"), err);
}

enum dk_rc
dk_store_export_records(struct dk_store *s, const struct dk_export_query *q, dk_record_fn fn,
                        void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st;
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; rc == DK_OK && i < NTABLES; i++) {
		if ((st = dk_store_stmt(s, tables[i].out, err)) == NULL)
			return err->rc;
		bind_export(st, q);
		rc = stream_records(s, st, (unsigned char)tables[i].tag, fn, ctx, err);
	}
	return rc;
}

enum dk_rc
dk_store_audit_records(struct dk_store *s, long long after, dk_record_fn fn, void *ctx,
                       struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_EXPORT_AUDIT, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, after);
	return stream_records(s, st, 'H', fn, ctx, err);
}

enum dk_rc
dk_store_export_mark_sent(struct dk_store *s, const struct dk_export_query *q, struct dk_err *err)
{
	static const enum dk_stmt_id marks[] = {DK_STMT_EXPORT_SENT_EVENTS,
	                                        DK_STMT_EXPORT_SENT_VICTIM_EVENTS,
	                                        DK_STMT_EXPORT_SENT_SUBJECT_ACTIONS};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		sqlite3_stmt *st = dk_store_stmt(s, marks[i], err);

		FAIL_IF_NULL(st, err);
		bind_export(st, q);
		if (sqlite3_step(st) != SQLITE_DONE)
			return dk_store_fail(s, _("recording what was sent"), err);
	}
	return DK_OK;
}

/* Binds a record's fields at ?1.. by their types (the app checked every one). */
static void
bind_record(sqlite3_stmt *st, const struct dk_record *r, const char *types)
{
	for (unsigned i = 0; i < r->n && types[i] != '\0'; i++) {
		int at = (int)i + 1;

		if (r->field[i] == NULL)
			sqlite3_bind_null(st, at);
		else if (types[i] == 'b')
			sqlite3_bind_blob(st, at, r->field[i], (int)r->len[i], SQLITE_STATIC);
		else if (types[i] == 'i')
			sqlite3_bind_int64(st, at, dk_record_int(r, i));
		else
			sqlite3_bind_text(st, at, (const char *)r->field[i], (int)r->len[i],
			                  SQLITE_STATIC);
	}
}

/* Where an import statement's sealed fields are: the owner's field, the sealed ones (0 ends). */
static const struct {
	enum dk_stmt_id id;
	unsigned owner;
	enum dk_field_class cls;
	unsigned fields[5];
	bool summary_only; /* the 2nd and 4th only when the 11th field is "summary" (events) */
} sealed_of[] = {
    {DK_STMT_IMPORT_CASE, 0, DK_FIELD_FREE_TEXT, {22}, false},
    {DK_STMT_IMPORT_EVENT, 2, DK_FIELD_FREE_TEXT, {13, 12, 15, 14}, true},
    {DK_STMT_IMPORT_VICTIM_IDENTITY, 0, DK_FIELD_VICTIM_IDENTITY, {8, 9}, false},
    {DK_STMT_IMPORT_VICTIM_EVENT, 2, DK_FIELD_FREE_TEXT, {11, 13}, false},
    {DK_STMT_IMPORT_SUBJECT_IDENTITY, 3, DK_FIELD_SUBJECT_IDENTITY, {10, 12, 13}, false},
};

/* A record's text field as a string (NULL for NULL or ""). */
static char *
field_dup(const struct dk_record *r, unsigned i)
{
	char *t;

	if (i >= r->n || r->field[i] == NULL || r->len[i] == 0)
		return NULL;
	t = dk_xmalloc(r->len[i] + 1);
	memcpy(t, r->field[i], r->len[i]);
	t[r->len[i]] = '\0';
	return t;
}

/*
 * A subject's vetting hashes made again with this office's vet key (a
 * bundle's are the sender's): name_key at ?11, index_key at ?14.
 */
static enum dk_rc
bind_vet_keys(struct dk_store *s, sqlite3_stmt *st, const struct dk_record *r, struct dk_err *err)
{
	char *name = field_dup(r, 9), *index = field_dup(r, 11);
	char hex[2 * DK_HASH_BYTES + 1];
	const struct dk_secret *vet;
	long long gen = 0;
	enum dk_rc rc = dk_store_mission_key_gen(s, "", DK_FIELD_VET, &gen, err);

	if (rc == DK_OK && (vet = dk_store_fields_key(s, "", DK_FIELD_VET, gen)) == NULL)
		rc = dk_err_set(err, DK_DENIED, _("you do not hold the office's vetting key"));
	if (rc == DK_OK) {
		struct dk_buf key = DK_BUF_INIT;

		sqlite3_bind_null(st, 11);
		if (name != NULL)
			dk_text_name_key(&key, name);
		if (key.len > 0) {
			dk_keyed_hash_hex(hex, vet, "docket vet name v1", key.data, key.len);
			sqlite3_bind_text(st, 11, hex, -1, SQLITE_TRANSIENT);
		}
		dk_buf_free(&key);
		if (index != NULL) {
			dk_keyed_hash_hex(hex, vet, "docket vet index v1", index, strlen(index));
			sqlite3_bind_text(st, 14, hex, -1, SQLITE_TRANSIENT);
		}
	}
	dk_xfree_wiped(&name);
	dk_xfree_wiped(&index);
	return rc;
}

/* Seals a record's sealed fields for their owner once the database's fields are sealed. */
static enum dk_rc
bind_record_sealed(struct dk_store *s, sqlite3_stmt *st, enum dk_stmt_id id,
                   const struct dk_record *r, struct dk_err *err)
{
	enum dk_rc rc = DK_OK;

	if (!s->sealing)
		return DK_OK;
	for (size_t t = 0; t < sizeof(sealed_of) / sizeof(sealed_of[0]); t++) {
		const unsigned char *owner = r->field[sealed_of[t].owner];
		bool summary;

		if (sealed_of[t].id != id)
			continue;
		if (sealed_of[t].owner >= r->n || owner == NULL ||
		    r->len[sealed_of[t].owner] != DK_GID_LEN)
			return dk_err_set(err, DK_CORRUPT,
			                  _("the bundle holds a malformed record"));
		summary = r->n > 10 && r->field[10] != NULL && r->len[10] == 7 &&
		          memcmp(r->field[10], "summary", 7) == 0;
		for (int k = 0; rc == DK_OK && k < 5 && sealed_of[t].fields[k] != 0; k++) {
			char *text;

			if (sealed_of[t].summary_only && (k == 1 || k == 3) && !summary)
				continue;
			text = field_dup(r, sealed_of[t].fields[k] - 1);
			rc = dk_store_bind_sealed(s, st, (int)sealed_of[t].fields[k], owner,
			                          sealed_of[t].cls, text, err);
			dk_xfree_wiped(&text);
		}
		if (rc == DK_OK && id == DK_STMT_IMPORT_SUBJECT_IDENTITY)
			rc = bind_vet_keys(s, st, r, err);
	}
	return rc;
}

/* Runs one of a record's statements; *changed says whether it wrote a row. */
static enum dk_rc
run_record(struct dk_store *s, enum dk_stmt_id id, const struct dk_record *r, const char *types,
           bool *changed, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, id, err);
	int rc;

	FAIL_IF_NULL(st, err);
	bind_record(st, r, types);
	if (bind_record_sealed(s, st, id, r, err) != DK_OK)
		return err != NULL ? err->rc : DK_DENIED;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dk_store_fail(s, _("recording what the bundle carries"), err);
	*changed = sqlite3_stmt_readonly(st) ? rc == SQLITE_ROW : sqlite3_changes(s->db) > 0;
	return DK_OK;
}

enum dk_rc
dk_store_import_record(struct dk_store *s, const struct dk_record *r, bool *inserted,
                       struct dk_err *err)
{
	const struct exchange_table *t = table_of(r->tag);
	bool here = false, also = false;
	enum dk_rc rc;

	*inserted = false;
	if (t == NULL)
		return dk_err_set(err, DK_CORRUPT,
		                  _("the bundle holds a record of an unknown kind"));
	if ((rc = run_record(s, t->in, r, t->types, inserted, err)) != DK_OK)
		return rc;
	if (t->in_also != NONE &&
	    (rc = run_record(s, t->in_also, r, t->types, &also, err)) != DK_OK)
		return rc;
	if (*inserted || t->has == NONE)
		return DK_OK;
	/* Nothing written: the row is here already, or what it belongs to is not. */
	if ((rc = run_record(s, t->has, r, t->types, &here, err)) != DK_OK)
		return rc;
	if (!here)
		return dk_err_set(
		    err, DK_CORRUPT,
		    _("the bundle names a case, victim or subject it does not carry"));
	return DK_OK;
}

bool
dk_store_record_counted(unsigned tag)
{
	const struct exchange_table *t = table_of(tag);

	return t != NULL && t->counted;
}

enum dk_rc
dk_store_case_id_by_gid(struct dk_store *s, const unsigned char gid[DK_GID_LEN], int64_t *id,
                        struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_ID_BY_GID, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dk_store_fail(s, _("reading cases"), err);
	return rc == SQLITE_ROW ? DK_OK : DK_NOTFOUND;
}

/* Streams the int64 column 0 of st's rows into a growing array. */
static enum dk_rc
collect_ids(struct dk_store *s, sqlite3_stmt *st, int64_t **ids, size_t *n, struct dk_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = dk_xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading cases"), err);
}

enum dk_rc
dk_store_victim_case_ids(struct dk_store *s, const unsigned char victim_gid[DK_GID_LEN],
                         int64_t **ids, size_t *n, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_CASE_IDS, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, victim_gid, DK_GID_LEN, SQLITE_STATIC);
	return collect_ids(s, st, ids, n, err);
}

enum dk_rc
dk_store_event_links(struct dk_store *s, int64_t case_id,
                     bool (*fn)(const struct dk_link_row *l, void *ctx), void *ctx,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_EVENT_LINKS, err);
	struct dk_link_row l;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&l, 0, sizeof(l));
		dk_store_copy_blob(l.gid, sizeof(l.gid), st, 0);
		l.parents = sqlite3_column_blob(st, 1);
		l.parents_len = (size_t)sqlite3_column_bytes(st, 1);
		l.kind = (const char *)sqlite3_column_text(st, 2);
		dk_store_copy_blob(l.office, sizeof(l.office), st, 3);
		l.on = dk_store_column_date(st, 4);
		l.state = (const char *)sqlite3_column_text(st, 5);
		if (!fn(&l, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DK_OK
	                                             : dk_store_fail(s, _("reading events"), err);
}

enum dk_rc
dk_store_case_set_conflict(struct dk_store *s, int64_t case_id, bool conflict, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_SET_CONFLICT, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, conflict ? 1 : 0);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dk_store_fail(s, _("recording the event"), err);
	return DK_OK;
}

enum dk_rc
dk_store_case_flagged(struct dk_store *s, const unsigned char gid[DK_GID_LEN], bool *flagged,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASE_CONFLICT_BY_GID, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*flagged = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DK_OK
	                                             : dk_store_fail(s, _("reading cases"), err);
}

enum dk_rc
dk_store_conflict_cases(struct dk_store *s, bool (*fn)(const struct dk_case *c, void *ctx),
                        void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CONFLICT_CASES, err);

	FAIL_IF_NULL(st, err);
	if (s->scoped)
		sqlite3_bind_int(st, 2, 1);
	return dk_store_each_case(s, st, false, fn, ctx, _("reading cases"), err);
}

enum dk_rc
dk_store_peer_head(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                   struct dk_peer_head *out, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_PEER_HEAD, err);
	int rc;

	FAIL_IF_NULL(st, err);
	memset(out, 0, sizeof(*out));
	sqlite3_bind_blob(st, 1, office, DK_GID_LEN, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->head_id = sqlite3_column_int64(st, 0);
		dk_store_copy_blob(out->head_hash, sizeof(out->head_hash), st, 1);
		out->broken = sqlite3_column_type(st, 2) != SQLITE_NULL;
		out->sent_audit = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dk_store_fail(s, _("reading offices"), err);
	return rc == SQLITE_ROW ? DK_OK : DK_NOTFOUND;
}

enum dk_rc
dk_store_peer_audit_at(struct dk_store *s, const unsigned char office[DK_GID_LEN], long long id,
                       unsigned char prev[32], unsigned char hash[32], bool *found,
                       struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_PEER_AUDIT_AT, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, office, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found) {
		dk_store_copy_blob(prev, 32, st, 0);
		dk_store_copy_blob(hash, 32, st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? DK_OK
	                                             : dk_store_fail(s, _("reading offices"), err);
}

/* Runs a one-shot write with binds: office gid at ?1, then int64 ?2, blobs ?3.. of 32 bytes. */
static enum dk_rc
peer_write(struct dk_store *s, enum dk_stmt_id id, const unsigned char office[DK_GID_LEN],
           long long n, const unsigned char *b3, const unsigned char *b4, const char *text,
           struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, id, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, office, DK_GID_LEN, SQLITE_STATIC);
	if (text != NULL)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 2, n);
	if (b3 != NULL)
		sqlite3_bind_blob(st, 3, b3, 32, SQLITE_STATIC);
	if (b4 != NULL)
		sqlite3_bind_blob(st, 4, b4, 32, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dk_store_fail(s, _("recording the office's audit head"), err);
	return DK_OK;
}

enum dk_rc
dk_store_peer_audit_put(struct dk_store *s, const unsigned char office[DK_GID_LEN], long long id,
                        const unsigned char prev[32], const unsigned char hash[32],
                        struct dk_err *err)
{
	return peer_write(s, DK_STMT_PEER_AUDIT_PUT, office, id, prev, hash, NULL, err);
}

enum dk_rc
dk_store_peer_head_set(struct dk_store *s, const unsigned char office[DK_GID_LEN], long long id,
                       const unsigned char hash[32], struct dk_err *err)
{
	return peer_write(s, DK_STMT_PEER_HEAD_SET, office, id, hash, NULL, NULL, err);
}

enum dk_rc
dk_store_peer_broken_set(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                         const char *why, struct dk_err *err)
{
	return peer_write(s, DK_STMT_PEER_BROKEN_SET, office, 0, NULL, NULL, why, err);
}

enum dk_rc
dk_store_peer_sent_audit_set(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                             long long id, struct dk_err *err)
{
	return peer_write(s, DK_STMT_PEER_SENT_AUDIT_SET, office, id, NULL, NULL, NULL, err);
}

enum dk_rc
dk_store_office_names(struct dk_store *s,
                      bool (*fn)(const unsigned char gid[DK_GID_LEN], const char *name, void *ctx),
                      void *ctx, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_OFFICE_NAMES, err);
	unsigned char gid[DK_GID_LEN];
	int rc;

	FAIL_IF_NULL(st, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_store_copy_blob(gid, sizeof(gid), st, 0);
		if (!fn(gid, (const char *)sqlite3_column_text(st, 1), ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? DK_OK
	                                             : dk_store_fail(s, _("reading offices"), err);
}

enum dk_rc
dk_store_cases_of_others(struct dk_store *s, const unsigned char self[DK_GID_LEN], bool *any,
                         struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_CASES_OF_OTHERS, err);
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, self, DK_GID_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*any = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DK_OK : dk_store_fail(s, _("reading cases"), err);
}

enum dk_rc
dk_store_office_filter(struct dk_store *s, const unsigned char *office, struct dk_err *err)
{
	enum dk_rc rc = dk_store_office_view(s, false, err);

	s->office_filtered = office != NULL;
	if (office != NULL)
		memcpy(s->office, office, DK_GID_LEN);
	return rc;
}

/*
 * The filter, on for one read transaction: a connection-private view named
 * case_file hides the other offices' cases from every query that names the
 * table (temp objects come before main's); the scans that pick an index by
 * name read main.case_file with office_sql. Off again before the
 * transaction ends, so no write ever meets the view.
 */
enum dk_rc
dk_store_office_view(struct dk_store *s, bool on, struct dk_err *err)
{
	char hex[2 * DK_GID_LEN + 1], *sql;
	int rc = SQLITE_OK;

	if (!on && s->office_view)
		rc = sqlite3_exec(s->db, "DROP VIEW IF EXISTS temp.case_file", NULL, NULL, NULL);
	s->office_view = false;
	s->office_sql[0] = '\0';
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("reading cases"), err);
	if (!on || !s->office_filtered)
		return DK_OK;
	for (size_t i = 0; i < DK_GID_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", s->office[i]);
	sql = dk_xasprintf("CREATE TEMP VIEW case_file AS SELECT * FROM main.case_file WHERE "
	                   "office = X'%s'",
	                   hex);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return dk_store_fail(s, _("reading cases"), err);
	s->office_view = true;
	snprintf(s->office_sql, sizeof(s->office_sql), " AND office = X'%s'", hex);
	return DK_OK;
}
