/*
 * Case seals (schema 14, HACKING.md "Insiders: the threat model"): which
 * cases a transaction wrote, and for each a seal of its rows: the number of
 * its events, a hash chain over them in insertion order and a hash of its
 * current rows, so an edit made around the engine shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

#define EVENT_DOMAIN "docket-case-event-v1"
#define CHAIN_DOMAIN "docket-case-chain-v1"
#define STATE_DOMAIN "docket-case-state-v1"
#define SEALS_DOMAIN "docket-case-seals-v1"

/*
 * The cases the open transaction wrote rows for, kept by temporary triggers
 * on this connection only, so every write path counts (a case's own rows,
 * its subjects and their identities and actions, its victims' links,
 * identities and events; a victim's rows count for every case it is named
 * in: its events, mostly about no one case, are part of each case's state). A rollback takes its
 * touches with it. next_due is derived: not sealed.
 */
#define TOUCH(x) "INSERT OR IGNORE INTO touched (case_id) SELECT " x " WHERE " x " IS NOT NULL"
#define TOUCH_SUBJECT(x)                                                                           \
	"INSERT OR IGNORE INTO touched (case_id) SELECT case_id FROM subject WHERE id = " x
#define TOUCH_VICTIM(x)                                                                            \
	"INSERT OR IGNORE INTO touched (case_id) SELECT case_id FROM victim_case WHERE victim_id " \
	"= " x
#define TRIGGER(name, when, table, body)                                                           \
	"CREATE TEMP TRIGGER IF NOT EXISTS seal_touch_" name " AFTER " when " ON main." table      \
	" BEGIN " body "; END"
/* Insert, update and delete triggers on table: body(NEW.col), body(OLD.col). */
#define TRIGGERS(table, touch, col)                                                                \
	TRIGGER(table "_i", "INSERT", table, touch("NEW." col)),                                   \
	    TRIGGER(table "_u", "UPDATE", table, touch("NEW." col) "; " touch("OLD." col)),        \
	    TRIGGER(table "_d", "DELETE", table, touch("OLD." col))

static const char *const touch_sql[] = {
    "CREATE TEMP TABLE IF NOT EXISTS touched (case_id INTEGER PRIMARY KEY)",
    TRIGGER("case_file_i", "INSERT", "case_file", TOUCH("NEW.id")),
    TRIGGER("case_file_u", "UPDATE OF " DK_SEAL_CASE_COLUMNS, "case_file",
            TOUCH("NEW.id") "; " TOUCH("OLD.id")),
    TRIGGER("case_file_d", "DELETE", "case_file", TOUCH("OLD.id")),
    TRIGGERS("event", TOUCH, "case_id"),
    TRIGGERS("subject", TOUCH, "case_id"),
    TRIGGERS("subject_identity", TOUCH_SUBJECT, "subject_id"),
    TRIGGERS("subject_action", TOUCH_SUBJECT, "subject_id"),
    TRIGGERS("victim_case", TOUCH, "case_id"),
    TRIGGERS("victim", TOUCH_VICTIM, "id"),
    TRIGGERS("victim_identity", TOUCH_VICTIM, "victim_id"),
    /* A victim's events (most carry no case) count for every case it is named in. */
    TRIGGERS("victim_event", TOUCH_VICTIM, "victim_id"),
};

int
dk_store_seal_setup(struct dk_store *s)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; rc == SQLITE_OK && i < sizeof(touch_sql) / sizeof(touch_sql[0]); i++)
		rc = sqlite3_exec(s->db, touch_sql[i], NULL, NULL, NULL);
	return rc;
}

/*
 * A bulk load (store_bulk.c) records its cases itself: a trigger makes SQLite
 * keep a statement journal of every page each insert changes, encrypted, which
 * made a demo load four to five times slower.
 */
int
dk_store_seal_pause(struct dk_store *s)
{
	const char *drops;
	sqlite3_stmt *st = NULL;
	struct dk_buf b = DK_BUF_INIT;
	int rc =
	    sqlite3_prepare_v2(s->db,
	                       "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND "
	                       "name LIKE 'seal_touch_%'",
	                       -1, &st, NULL);

	while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		dk_buf_printf(&b, "DROP TRIGGER temp.%s;",
		              (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	drops = dk_buf_str(&b);
	if (rc == SQLITE_OK && drops[0] != '\0')
		rc = sqlite3_exec(s->db, drops, NULL, NULL, NULL);
	dk_buf_free(&b);
	return rc;
}

int
dk_store_touch_case(struct dk_store *s, int64_t case_id)
{
	char sql[80];

	snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO temp.touched (case_id) VALUES (%lld)",
	         (long long)case_id);
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

enum dk_rc
dk_store_touch_clear(struct dk_store *s, struct dk_err *err)
{
	if (sqlite3_exec(s->db, "DELETE FROM temp.touched", NULL, NULL, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("sealing the cases"), err);
	return DK_OK;
}

enum dk_rc
dk_store_touch_unsealed(struct dk_store *s, long *n, struct dk_err *err)
{
	*n = 0;
	if (sqlite3_exec(
	        s->db,
	        "INSERT OR IGNORE INTO temp.touched (case_id) SELECT id FROM main.case_file c "
	        "WHERE NOT EXISTS (SELECT 1 FROM case_seal WHERE case_gid = c.gid)",
	        NULL, NULL, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("sealing the cases"), err);
	*n = (long)sqlite3_changes(s->db);
	return DK_OK;
}

/* Appends every column of st's row from column `from` on, each typed and length-prefixed. */
static void
put_row(struct dk_buf *b, sqlite3_stmt *st, int from)
{
	int n = sqlite3_column_count(st);

	for (int i = from; i < n; i++) {
		int type = sqlite3_column_type(st, i);

		switch (type) {
		case SQLITE_NULL:
			dk_buf_putc(b, 'n');
			break;
		case SQLITE_INTEGER:
			dk_buf_printf(b, "i%lld", (long long)sqlite3_column_int64(st, i));
			dk_buf_putc(b, 0);
			break;
		case SQLITE_FLOAT:
			dk_buf_printf(b, "f%.17g", sqlite3_column_double(st, i));
			dk_buf_putc(b, 0);
			break;
		default: {
			const void *p = type == SQLITE_BLOB
			                    ? sqlite3_column_blob(st, i)
			                    : (const void *)sqlite3_column_text(st, i);
			size_t len = (size_t)sqlite3_column_bytes(st, i);

			dk_buf_printf(b, "%c%zu:", type == SQLITE_BLOB ? 'b' : 't', len);
			if (len > 0)
				dk_buf_append(b, p, len);
		}
		}
	}
}

/* chain = H(CHAIN_DOMAIN, chain || H(EVENT_DOMAIN, the event row from column 1 on)). */
static void
chain_step(unsigned char chain[DK_HASH_BYTES], sqlite3_stmt *st, struct dk_buf *b)
{
	unsigned char link[2 * DK_HASH_BYTES];

	b->len = 0;
	put_row(b, st, 1);
	memcpy(link, chain, DK_HASH_BYTES);
	dk_crypto_hash(link + DK_HASH_BYTES, EVENT_DOMAIN, b->data, b->len);
	dk_crypto_hash(chain, CHAIN_DOMAIN, link, sizeof(link));
}

void
dk_store_case_chain_start(unsigned char chain[DK_HASH_BYTES], const unsigned char gid[DK_GID_LEN])
{
	dk_crypto_hash(chain, CHAIN_DOMAIN, gid, DK_GID_LEN);
}

/* The queries whose rows make a case's state, each bound to the case id at ?1. */
static const enum dk_stmt_id state_stmts[] = {
    DK_STMT_SEAL_STATE_CASE,  DK_STMT_SEAL_STATE_SUBJECTS, DK_STMT_SEAL_STATE_ACTIONS,
    DK_STMT_SEAL_STATE_LINKS, DK_STMT_SEAL_STATE_VICTIMS,  DK_STMT_SEAL_STATE_VICTIM_EVENTS,
};

static enum dk_rc
case_state(struct dk_store *s, int64_t case_id, unsigned char state[DK_HASH_BYTES],
           struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	enum dk_rc rc = DK_OK;

	for (size_t q = 0; rc == DK_OK && q < sizeof(state_stmts) / sizeof(state_stmts[0]); q++) {
		sqlite3_stmt *st = dk_store_stmt(s, state_stmts[q], err);
		int step;

		if (st == NULL) {
			rc = err != NULL ? err->rc : DK_IO;
			break;
		}
		sqlite3_bind_int64(st, 1, case_id);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			dk_buf_printf(&b, "%c%zu", 0, q);
			put_row(&b, st, 0);
		}
		if (step != SQLITE_DONE)
			rc = dk_store_fail(s, _("sealing the cases"), err);
		sqlite3_reset(st);
	}
	if (rc == DK_OK)
		dk_crypto_hash(state, STATE_DOMAIN, b.data, b.len);
	dk_buf_free(&b);
	return rc;
}

/*
 * Walks at most `limit` (-1: every one) of the case's events from the
 * `skip`-th on, in insertion order, extending chain and *count.
 */
static enum dk_rc
walk_events(struct dk_store *s, int64_t case_id, long long skip, long long limit,
            unsigned char chain[DK_HASH_BYTES], long long *count, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SEAL_EVENTS, err);
	struct dk_buf b = DK_BUF_INIT;
	int step;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, skip);
	sqlite3_bind_int64(st, 3, limit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		chain_step(chain, st, &b);
		(*count)++;
	}
	sqlite3_reset(st);
	dk_buf_free(&b);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("sealing the cases"), err);
}

static void
read_seal(sqlite3_stmt *st, void *out)
{
	struct dk_case_seal *seal = out;

	seal->audit_id = sqlite3_column_int64(st, 0);
	seal->events = sqlite3_column_int64(st, 1);
	dk_store_copy_blob(seal->chain, DK_HASH_BYTES, st, 2);
	dk_store_copy_blob(seal->state, DK_HASH_BYTES, st, 3);
}

static void
read_gid(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_GID_LEN, st, 0);
}

/* The case's seal as of now, its chain continued from its latest seal. */
static enum dk_rc
seal_now(struct dk_store *s, int64_t case_id, struct dk_case_seal *seal, bool *found,
         struct dk_err *err)
{
	struct dk_case_seal last;
	bool sealed = false;
	enum dk_rc rc;

	memset(seal, 0, sizeof(*seal));
	memset(&last, 0, sizeof(last));
	if ((rc = dk_store_row(s, DK_STMT_SEAL_CASE_GID, read_gid, seal->gid, found,
	                       _("sealing the cases"), err, "I", case_id)) != DK_OK ||
	    !*found)
		return rc;
	if ((rc = dk_store_row(s, DK_STMT_SEAL_LAST, read_seal, &last, &sealed,
	                       _("sealing the cases"), err, "g", seal->gid)) != DK_OK)
		return rc;
	if (sealed && !s->seal_restart) {
		memcpy(seal->chain, last.chain, DK_HASH_BYTES);
		seal->events = last.events;
	} else {
		dk_store_case_chain_start(seal->chain, seal->gid);
	}
	if ((rc = walk_events(s, case_id, seal->events, -1, seal->chain, &seal->events, err)) !=
	    DK_OK)
		return rc;
	return case_state(s, case_id, seal->state, err);
}

static int
seal_cmp(const void *a, const void *b)
{
	return memcmp(((const struct dk_case_seal *)a)->gid, ((const struct dk_case_seal *)b)->gid,
	              DK_GID_LEN);
}

void
dk_store_seals_digest(unsigned char out[DK_HASH_BYTES], struct dk_case_seal *seals, size_t n)
{
	struct dk_buf b = DK_BUF_INIT;

	qsort(seals, n, sizeof(*seals), seal_cmp);
	for (size_t i = 0; i < n; i++) {
		unsigned char count[8];
		uint64_t events = (uint64_t)seals[i].events;

		for (int k = 0; k < 8; k++)
			count[k] = (unsigned char)(events >> (8 * k));
		dk_buf_append(&b, (const char *)seals[i].gid, DK_GID_LEN);
		dk_buf_append(&b, (const char *)count, sizeof(count));
		dk_buf_append(&b, (const char *)seals[i].chain, DK_HASH_BYTES);
		dk_buf_append(&b, (const char *)seals[i].state, DK_HASH_BYTES);
	}
	dk_crypto_hash(out, SEALS_DOMAIN, b.data != NULL ? b.data : "", b.len);
	dk_buf_free(&b);
}

static enum dk_rc
seal_put(struct dk_store *s, const struct dk_case_seal *seal, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SEAL_PUT, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, seal->gid, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, seal->audit_id);
	sqlite3_bind_int64(st, 3, seal->events);
	sqlite3_bind_blob(st, 4, seal->chain, DK_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, seal->state, DK_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, s->seal_restart ? 1 : 0);
	return dk_store_step_insert(s, st, _("sealing the cases"), err);
}

struct id_list {
	int64_t *v;
	size_t n, cap;
};

static void
read_touched(sqlite3_stmt *st, void *out)
{
	struct id_list *l = out;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = dk_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = sqlite3_column_int64(st, 0);
}

/* Every touched case id, in order (the statement steps through them all). */
static enum dk_rc
touched_ids(struct dk_store *s, struct id_list *l, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SEAL_TOUCHED, err);
	int step;

	FAIL_IF_NULL(st, err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		read_touched(st, l);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("sealing the cases"), err);
}

/* The id the next audit entry will get. */
static enum dk_rc
next_audit_id(struct dk_store *s, long long *id, struct dk_err *err)
{
	int64_t last = 0;
	enum dk_rc rc = dk_store_row(s, DK_STMT_AUDIT_MAXID, dk_store_read_int64, &last, NULL,
	                             _("sealing the cases"), err, "");

	*id = (long long)last + 1;
	return rc;
}

enum dk_rc
dk_store_seal_touched(struct dk_store *s, long long *audit_id, unsigned char digest[DK_HASH_BYTES],
                      long *ncases, struct dk_err *err)
{
	struct id_list ids = {NULL, 0, 0};
	struct dk_case_seal *seals = NULL;
	size_t n = 0;
	enum dk_rc rc;

	*ncases = 0;
	*audit_id = 0;
	if ((rc = touched_ids(s, &ids, err)) != DK_OK || ids.n == 0 ||
	    (rc = next_audit_id(s, audit_id, err)) != DK_OK)
		goto out;
	seals = dk_xcalloc(ids.n, sizeof(*seals));
	for (size_t i = 0; rc == DK_OK && i < ids.n; i++) {
		bool found = false;

		rc = seal_now(s, ids.v[i], &seals[n], &found, err);
		if (rc == DK_OK && found) {
			seals[n].audit_id = *audit_id;
			rc = seal_put(s, &seals[n++], err);
		}
	}
	if (rc == DK_OK)
		rc = dk_store_touch_clear(s, err);
	if (rc == DK_OK) {
		dk_store_seals_digest(digest, seals, n);
		*ncases = (long)n;
	}
out:
	free(seals);
	free(ids.v);
	return rc;
}

enum dk_rc
dk_store_audit_has_action(struct dk_store *s, const char *action, long long *first,
                          struct dk_err *err)
{
	int64_t id = 0; /* min() of no row is NULL: read as 0 */
	enum dk_rc rc = dk_store_row(s, DK_STMT_AUDIT_FIRST_ACTION, dk_store_read_int64, &id, NULL,
	                             _("reading the audit log"), err, "t", action);

	*first = id;
	return rc;
}

/* Compares the case's seals (in audit order) with its events and rows as they are now. */
static enum dk_rc
verify_seals(struct dk_store *s, int64_t case_id, const unsigned char gid[DK_GID_LEN],
             sqlite3_stmt *seals, struct dk_seal_verdict *v, struct dk_err *err)
{
	unsigned char chain[DK_HASH_BYTES], state[DK_HASH_BYTES];
	struct dk_case_seal seal;
	long long count = 0;
	enum dk_rc rc;
	int step;

	dk_store_case_chain_start(chain, gid);
	while ((step = sqlite3_step(seals)) == SQLITE_ROW) {
		read_seal(seals, &seal);
		if (sqlite3_column_int(seals, 4) != 0) {
			/* A restart: the events were rewritten (their fields sealed) here. */
			dk_store_case_chain_start(chain, gid);
			count = 0;
		}
		v->sealed = true;
		v->audit_id = seal.audit_id;
		if (seal.events < count)
			return DK_OK;
		if ((rc = walk_events(s, case_id, count, seal.events - count, chain, &count,
		                      err)) != DK_OK)
			return rc;
		if (count != seal.events || memcmp(chain, seal.chain, DK_HASH_BYTES) != 0)
			return DK_OK;
	}
	if (step != SQLITE_DONE)
		return dk_store_fail(s, _("checking the case histories"), err);
	if (!v->sealed) {
		v->ok = false;
		return DK_OK;
	}
	/* The latest seal: every event there is now, and the rows as they are. */
	if ((rc = walk_events(s, case_id, count, -1, chain, &count, err)) != DK_OK ||
	    (rc = case_state(s, case_id, state, err)) != DK_OK)
		return rc;
	v->ok = count == seal.events && memcmp(state, seal.state, DK_HASH_BYTES) == 0;
	return DK_OK;
}

enum dk_rc
dk_store_case_seal_verify(struct dk_store *s, int64_t case_id, struct dk_seal_verdict *v,
                          struct dk_err *err)
{
	unsigned char gid[DK_GID_LEN];
	sqlite3_stmt *st;
	bool found = false;
	enum dk_rc rc;

	memset(v, 0, sizeof(*v));
	if ((rc = dk_store_row(s, DK_STMT_SEAL_CASE_GID, read_gid, gid, &found,
	                       _("checking the case histories"), err, "I", case_id)) != DK_OK)
		return rc;
	if (!found) {
		v->ok = true; /* no such case: nothing of it to differ */
		return DK_OK;
	}
	/* Its own statement: walk_events and case_state use the cache meanwhile. */
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT audit_id, events, chain, state, restart FROM case_seal "
	                       "WHERE case_gid = ?1 AND audit_id >= coalesce((SELECT "
	                       "max(audit_id) FROM case_seal WHERE case_gid = ?1 AND restart = 1), "
	                       "0) ORDER BY audit_id",
	                       -1, &st, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("checking the case histories"), err);
	sqlite3_bind_blob(st, 1, gid, DK_GID_LEN, SQLITE_STATIC);
	rc = verify_seals(s, case_id, gid, st, v, err);
	sqlite3_finalize(st);
	return rc;
}

enum dk_rc
dk_store_seal_entry_each(struct dk_store *s,
                         bool (*fn)(long long audit_id, const char *detail, size_t n,
                                    const unsigned char digest[DK_HASH_BYTES], void *ctx),
                         void *ctx, struct dk_err *err)
{
	struct dk_case_seal *seals = NULL;
	size_t cap = 0;
	sqlite3_stmt *entries = NULL;
	enum dk_rc rc = DK_OK;
	int step;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT id, detail FROM audit WHERE action = 'seal' ORDER BY id", -1,
	                       &entries, NULL) != SQLITE_OK)
		return dk_store_fail(s, _("checking the case histories"), err);
	while (rc == DK_OK && (step = sqlite3_step(entries)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(entries, 0);
		sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_SEAL_OF_ENTRY, err);
		unsigned char digest[DK_HASH_BYTES];
		size_t n = 0;
		int inner;

		if (st == NULL) {
			rc = err != NULL ? err->rc : DK_IO;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		while ((inner = sqlite3_step(st)) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				seals = dk_xrealloc(seals, cap * sizeof(*seals));
			}
			memset(&seals[n], 0, sizeof(seals[n]));
			read_seal(st, &seals[n]);
			dk_store_copy_blob(seals[n].gid, DK_GID_LEN, st, 4);
			n++;
		}
		sqlite3_reset(st);
		if (inner != SQLITE_DONE) {
			rc = dk_store_fail(s, _("checking the case histories"), err);
			break;
		}
		dk_store_seals_digest(digest, seals, n);
		if (!fn(id, (const char *)sqlite3_column_text(entries, 1), n, digest, ctx))
			break;
	}
	if (rc == DK_OK && step != SQLITE_ROW && step != SQLITE_DONE)
		rc = dk_store_fail(s, _("checking the case histories"), err);
	sqlite3_finalize(entries);
	free(seals);
	return rc;
}

static void
read_stray(sqlite3_stmt *st, void *out)
{
	struct dk_seal_stray *stray = out;

	dk_store_copy_blob(stray->gid, DK_GID_LEN, st, 0);
	stray->audit_id = sqlite3_column_int64(st, 1);
	stray->no_entry = sqlite3_column_int(st, 2) != 0;
}

enum dk_rc
dk_store_seal_stray(struct dk_store *s, struct dk_seal_stray *stray, bool *found,
                    struct dk_err *err)
{
	memset(stray, 0, sizeof(*stray));
	return dk_store_row(s, DK_STMT_SEAL_STRAY, read_stray, stray, found,
	                    _("checking the case histories"), err, "");
}

enum dk_rc
dk_store_case_ids(struct dk_store *s, bool (*fn)(int64_t id, const char *ref, void *ctx), void *ctx,
                  struct dk_err *err)
{
	sqlite3_stmt *st = NULL;
	int step;

	if (sqlite3_prepare_v2(s->db, "SELECT id, ref FROM main.case_file ORDER BY id", -1, &st,
	                       NULL) != SQLITE_OK)
		return dk_store_fail(s, _("checking the case histories"), err);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (!fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		        ctx)) {
			step = SQLITE_DONE;
			break;
		}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? DK_OK
	                           : dk_store_fail(s, _("checking the case histories"), err);
}

void
dk_store_seal_restart(struct dk_store *s)
{
	s->seal_restart = true;
}
