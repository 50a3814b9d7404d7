/*
 * Need-to-know by key (schema 15, HACKING.md "Need-to-know by key"): the
 * mission keys a session holds, each owner's content keys (wrapped under
 * them in content_key, cached here once opened), the SQL function dk_open()
 * every read of a sealed column goes through, and the sealing binds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

/* Content keys live in guarded chunks of this many keys (one sodium_malloc each). */
#define CHUNK_KEYS 1024

struct held_key {
	char mission[DK_MISSION_MAX + 1];
	enum dk_field_class cls;
	long long gen;
	struct dk_secret *key;
};

/* An owner's content key of a class: in the arena (slot), or known not to open (none). */
struct ck_entry {
	unsigned char owner[DK_GID_LEN];
	unsigned char cls;  /* 0: an empty entry */
	unsigned char none; /* the session cannot open it */
	uint32_t slot;
};

struct dk_fields {
	struct held_key *held;
	size_t nheld;
	struct ck_entry *tab; /* open addressing, a power of two */
	size_t cap, used;
	struct dk_secret **chunks;
	size_t nchunks, nkeys;
};

static const char *const class_ids[] = {
    [DK_FIELD_FREE_TEXT] = "free_text",
    [DK_FIELD_VICTIM_IDENTITY] = "victim_identity",
    [DK_FIELD_SUBJECT_IDENTITY] = "subject_identity",
    [DK_FIELD_VET] = "vet",
};

const char *
dk_field_class_id(enum dk_field_class c)
{
	return (int)c >= 1 && (int)c <= DK_FIELD_CLASS_MAX ? class_ids[c] : "";
}

bool
dk_field_class_parse(const char *id, enum dk_field_class *out)
{
	for (int c = 1; id != NULL && c <= DK_FIELD_CLASS_MAX; c++)
		if (strcmp(id, class_ids[c]) == 0) {
			*out = (enum dk_field_class)c;
			return true;
		}
	return false;
}

static struct dk_fields *
fields_of(struct dk_store *s)
{
	if (s->fields == NULL)
		s->fields = dk_xcalloc(1, sizeof(*s->fields));
	return s->fields;
}

void
dk_store_fields_free(struct dk_store *s)
{
	struct dk_fields *f = s->fields;

	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nheld; i++)
		dk_secret_free(&f->held[i].key);
	for (size_t i = 0; i < f->nchunks; i++)
		dk_secret_free(&f->chunks[i]);
	free(f->held);
	free(f->chunks);
	free(f->tab);
	free(f);
	s->fields = NULL;
}

/* ---- The content key cache ---- */

static size_t
ck_hash(const unsigned char owner[DK_GID_LEN], int cls)
{
	uint64_t a, b;

	memcpy(&a, owner, 8);
	memcpy(&b, owner + 8, 8);
	a ^= b * 0x9e3779b97f4a7c15ULL ^ (uint64_t)cls;
	a ^= a >> 31;
	a *= 0xbf58476d1ce4e5b9ULL;
	return (size_t)(a ^ (a >> 29));
}

static struct ck_entry *
ck_find(struct dk_fields *f, const unsigned char owner[DK_GID_LEN], int cls)
{
	size_t i;

	if (f->cap == 0)
		return NULL;
	for (i = ck_hash(owner, cls) & (f->cap - 1); f->tab[i].cls != 0; i = (i + 1) & (f->cap - 1))
		if (f->tab[i].cls == cls && memcmp(f->tab[i].owner, owner, DK_GID_LEN) == 0)
			return &f->tab[i];
	return NULL;
}

static void
ck_insert_raw(struct ck_entry *tab, size_t cap, const struct ck_entry *e)
{
	size_t i = ck_hash(e->owner, e->cls) & (cap - 1);

	while (tab[i].cls != 0)
		i = (i + 1) & (cap - 1);
	tab[i] = *e;
}

/* Rebuilds the table at cap, keeping the negative entries or not. */
static void
ck_rehash(struct dk_fields *f, size_t cap, bool keep_none)
{
	struct ck_entry *tab = dk_xcalloc(cap, sizeof(*tab));

	f->used = 0;
	for (size_t i = 0; i < f->cap; i++)
		if (f->tab[i].cls != 0 && (keep_none || !f->tab[i].none)) {
			ck_insert_raw(tab, cap, &f->tab[i]);
			f->used++;
		}
	free(f->tab);
	f->tab = tab;
	f->cap = cap;
}

static struct ck_entry *
ck_put(struct dk_fields *f, const unsigned char owner[DK_GID_LEN], int cls)
{
	struct ck_entry *e = ck_find(f, owner, cls), fresh;

	if (e != NULL)
		return e;
	if (10 * (f->used + 1) > 7 * f->cap)
		ck_rehash(f, f->cap ? 2 * f->cap : 1024, true);
	memset(&fresh, 0, sizeof(fresh));
	memcpy(fresh.owner, owner, DK_GID_LEN);
	fresh.cls = (unsigned char)cls;
	fresh.none = 1;
	ck_insert_raw(f->tab, f->cap, &fresh);
	f->used++;
	return ck_find(f, owner, cls);
}

static unsigned char *
slot_bytes(struct dk_fields *f, uint32_t slot)
{
	return f->chunks[slot / CHUNK_KEYS]->bytes +
	       (size_t)(slot % CHUNK_KEYS) * DK_FIELD_KEY_BYTES;
}

/* The next free slot of the arena (not yet counted: slot_commit keeps it). */
static uint32_t
slot_next(struct dk_fields *f)
{
	if (f->nkeys == f->nchunks * CHUNK_KEYS) {
		f->chunks = dk_xrealloc(f->chunks, (f->nchunks + 1) * sizeof(*f->chunks));
		f->chunks[f->nchunks] = dk_secret_new((size_t)CHUNK_KEYS * DK_FIELD_KEY_BYTES);
		f->nchunks++;
	}
	return (uint32_t)f->nkeys;
}

static void
ck_keep(struct dk_fields *f, const unsigned char owner[DK_GID_LEN], int cls, uint32_t slot)
{
	struct ck_entry *e = ck_put(f, owner, cls);

	e->slot = slot;
	e->none = 0;
	f->nkeys = (size_t)slot + 1;
}

/* ---- Held mission keys ---- */

static struct held_key *
held_find(struct dk_fields *f, const char *mission, int cls, long long gen)
{
	for (size_t i = 0; f != NULL && i < f->nheld; i++)
		if ((int)f->held[i].cls == cls && f->held[i].gen == gen &&
		    strcmp(f->held[i].mission, mission) == 0)
			return &f->held[i];
	return NULL;
}

enum dk_rc
dk_store_fields_hold(struct dk_store *s, const char *mission, enum dk_field_class cls,
                     long long gen, const struct dk_secret *key, struct dk_err *err)
{
	struct dk_fields *f = fields_of(s);
	struct held_key *h;

	if (key == NULL || key->len != DK_FIELD_KEY_BYTES || strlen(mission) > DK_MISSION_MAX ||
	    dk_field_class_id(cls)[0] == '\0')
		return dk_err_set(err, DK_INVALID, _("a mission key is malformed"));
	if ((h = held_find(f, mission, (int)cls, gen)) == NULL) {
		f->held = dk_xrealloc(f->held, (f->nheld + 1) * sizeof(*f->held));
		h = &f->held[f->nheld++];
		memset(h, 0, sizeof(*h));
		snprintf(h->mission, sizeof(h->mission), "%s", mission);
		h->cls = cls;
		h->gen = gen;
	}
	dk_secret_free(&h->key);
	h->key = dk_secret_from(key->bytes, key->len);
	/* What did not open before may now. */
	if (f->cap > 0)
		ck_rehash(f, f->cap, false);
	return DK_OK;
}

const struct dk_secret *
dk_store_fields_key(const struct dk_store *s, const char *mission, enum dk_field_class cls,
                    long long gen)
{
	struct held_key *h = held_find(s->fields, mission, (int)cls, gen);

	return h != NULL ? h->key : NULL;
}

void
dk_store_fields_set_sealing(struct dk_store *s, bool on)
{
	s->sealing = on;
}

bool
dk_store_fields_sealing(const struct dk_store *s)
{
	return s->sealing;
}

unsigned long
dk_store_fields_unopened(const struct dk_store *s)
{
	return s->fields_unopened;
}

void
dk_store_fields_what(char *out, size_t size, const unsigned char owner[DK_GID_LEN], int cls,
                     const char *mission, long long gen)
{
	char hex[2 * DK_GID_LEN + 1];

	sodium_bin2hex(hex, sizeof(hex), owner, DK_GID_LEN);
	snprintf(out, size, "%s %s %s %lld", hex, dk_field_class_id((enum dk_field_class)cls),
	         mission, gen);
}

/*
 * The owner's content key of class cls, opened through the first of its
 * wrappings the session holds a key for and cached; NULL when it holds none
 * (or the owner has none). A wrapping that does not open under a held key
 * counts as unopened. *any (may be NULL) says whether the owner has one.
 */
static const unsigned char *
ck_load(struct dk_store *s, const unsigned char owner[DK_GID_LEN], int cls, bool *any)
{
	struct dk_fields *f = fields_of(s);
	struct ck_entry *e = ck_find(f, owner, cls);
	sqlite3_stmt *st;
	uint32_t slot;
	bool opened = false;

	if (any != NULL)
		*any = e != NULL && !e->none;
	if (e != NULL && (!e->none || any == NULL))
		return e->none ? NULL : slot_bytes(f, e->slot);
	if ((st = dk_store_stmt(s, DK_STMT_FIELDS_CK_OWNER, NULL)) == NULL)
		return NULL;
	sqlite3_bind_blob(st, 1, owner, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dk_field_class_id((enum dk_field_class)cls), -1, SQLITE_STATIC);
	slot = slot_next(f);
	while (!opened && sqlite3_step(st) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		const char *mission = m != NULL ? m : "";
		long long gen = sqlite3_column_int64(st, 1);
		struct held_key *h = held_find(f, mission, cls, gen);
		char what[DK_FIELDS_WHAT_MAX];

		if (any != NULL)
			*any = true;
		if (h == NULL)
			continue;
		dk_store_fields_what(what, sizeof(what), owner, cls, mission, gen);
		opened = dk_key_unwrap_into(slot_bytes(f, slot), sqlite3_column_blob(st, 2),
		                            (size_t)sqlite3_column_bytes(st, 2), h->key, what);
		if (!opened)
			s->fields_unopened++;
	}
	sqlite3_reset(st);
	if (opened) {
		ck_keep(f, owner, cls, slot);
		return slot_bytes(f, slot);
	}
	ck_put(f, owner, cls); /* known not to open until a key is held */
	return NULL;
}

/* ---- dk_open() and dk_seal() ---- */

static void
sql_open(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_store *s = sqlite3_user_data(ctx);
	const unsigned char *in, *key;
	unsigned char owner[DK_GID_LEN], *out;
	size_t len;
	int cls;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(ctx, argv[0]); /* NULL, or text from before the upgrade */
		return;
	}
	in = sqlite3_value_blob(argv[0]);
	len = (size_t)sqlite3_value_bytes(argv[0]);
	if (!dk_field_header(in, len, &cls, owner) || cls < 1 || cls > DK_FIELD_CLASS_MAX) {
		s->fields_unopened++;
		sqlite3_result_null(ctx);
		return;
	}
	/*
	 * Not this session's to read: there, but empty. The engine tells a
	 * withheld note from none by it (an auditor's timeline, as before).
	 */
	if ((key = ck_load(s, owner, cls, NULL)) == NULL) {
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	{
		struct dk_secret k = {(unsigned char *)key, DK_FIELD_KEY_BYTES, DK_FIELD_KEY_BYTES};
		size_t n = len - DK_FIELD_OVERHEAD;

		out = dk_xmalloc(n + 1);
		if (!dk_field_open(out, &k, in, len)) {
			s->fields_unopened++;
			sqlite3_result_null(ctx);
		} else {
			sqlite3_result_text(ctx, (const char *)out, (int)n, SQLITE_TRANSIENT);
		}
		sodium_memzero(out, n + 1);
		free(out);
	}
}

/* Seals text for owner under its content key: a malloc'd blob of *n bytes, NULL without one. */
static unsigned char *
seal_text(struct dk_store *s, const unsigned char owner[DK_GID_LEN], int cls, const char *text,
          size_t len, size_t *n)
{
	const unsigned char *key = ck_load(s, owner, cls, NULL);
	struct dk_secret k = {(unsigned char *)key, DK_FIELD_KEY_BYTES, DK_FIELD_KEY_BYTES};
	unsigned char *out;

	if (key == NULL)
		return NULL;
	*n = len + DK_FIELD_OVERHEAD;
	out = dk_xmalloc(*n);
	dk_field_seal(out, &k, cls, owner, text, len);
	return out;
}

/* dk_seal(owner, class, text): the upgrade's sealing in place (text only; the rest as is). */
static void
sql_seal(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct dk_store *s = sqlite3_user_data(ctx);
	int cls = sqlite3_value_int(argv[1]);
	unsigned char *out;
	size_t n = 0;

	(void)argc;
	if (sqlite3_value_type(argv[2]) != SQLITE_TEXT) {
		sqlite3_result_value(ctx, argv[2]);
		return;
	}
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB ||
	    sqlite3_value_bytes(argv[0]) != DK_GID_LEN || cls < 1 || cls > DK_FIELD_CLASS_MAX) {
		sqlite3_result_error(ctx, "dk_seal: no owner", -1);
		return;
	}
	out = seal_text(s, sqlite3_value_blob(argv[0]), cls,
	                (const char *)sqlite3_value_text(argv[2]),
	                (size_t)sqlite3_value_bytes(argv[2]), &n);
	if (out == NULL) {
		sqlite3_result_error(ctx, "dk_seal: no content key", -1);
		return;
	}
	sqlite3_result_blob(ctx, out, (int)n, free);
}

int
dk_store_fields_setup(struct dk_store *s)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_create_function_v2(s->db, "dk_open", 1, SQLITE_UTF8, s, sql_open, NULL,
	                                    NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(s->db, "dk_seal", 3, SQLITE_UTF8, s, sql_seal, NULL,
		                                NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc =
	    sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'fields'", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		s->sealing = v != NULL && strcmp(v, "sealed") == 0;
	}
	sqlite3_finalize(st);
	return rc;
}

bool
dk_store_fields_can_seal(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                         enum dk_field_class cls)
{
	return ck_load(s, owner, (int)cls, NULL) != NULL;
}

enum dk_rc
dk_store_bind_sealed(struct dk_store *s, sqlite3_stmt *st, int idx,
                     const unsigned char owner[DK_GID_LEN], enum dk_field_class cls,
                     const char *text, struct dk_err *err)
{
	unsigned char *out;
	size_t n = 0;

	if (text == NULL)
		return sqlite3_bind_null(st, idx) == SQLITE_OK
		           ? DK_OK
		           : dk_store_fail(s, _("sealing"), err);
	if (!s->sealing)
		return sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT) == SQLITE_OK
		           ? DK_OK
		           : dk_store_fail(s, _("sealing"), err);
	if ((out = seal_text(s, owner, (int)cls, text, strlen(text), &n)) == NULL)
		return dk_err_set(err, DK_DENIED,
		                  _("the record is sealed to missions whose keys you do not hold"));
	return sqlite3_bind_blob(st, idx, out, (int)n, free) == SQLITE_OK
	           ? DK_OK
	           : dk_store_fail(s, _("sealing"), err);
}

/* ---- Content keys ---- */

enum dk_rc
dk_store_mission_key_gen(struct dk_store *s, const char *mission, enum dk_field_class cls,
                         long long *gen, struct dk_err *err)
{
	int64_t g = 0;
	enum dk_rc rc =
	    dk_store_row(s, DK_STMT_FIELDS_MK_GET, dk_store_read_int64, &g, NULL,
	                 _("reading the mission keys"), err, "tt", mission, dk_field_class_id(cls));

	*gen = (long long)g;
	return rc;
}

enum dk_rc
dk_store_fields_wrap_put(struct dk_store *s, const unsigned char owner[DK_GID_LEN], int cls,
                         const char *mission, long long gen, const struct dk_secret *mk,
                         const struct dk_secret *ck, struct dk_err *err)
{
	unsigned char wrapped[DK_WRAP_BYTES];
	char what[DK_FIELDS_WHAT_MAX];
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_FIELDS_CK_PUT, err);

	FAIL_IF_NULL(st, err);
	dk_store_fields_what(what, sizeof(what), owner, cls, mission, gen);
	dk_key_wrap(wrapped, mk, ck, what);
	sqlite3_bind_blob(st, 1, owner, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dk_field_class_id((enum dk_field_class)cls), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mission, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, gen);
	sqlite3_bind_blob(st, 5, wrapped, DK_WRAP_BYTES, SQLITE_TRANSIENT);
	return dk_store_step_insert(s, st, _("recording the content keys"), err);
}

/* Whether owner's content key of cls is wrapped under (mission, gen) already. */
static enum dk_rc
ck_wrapped_under(struct dk_store *s, const unsigned char owner[DK_GID_LEN], int cls,
                 const char *mission, long long gen, bool *yes, long *rows, struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_FIELDS_CK_OWNER, err);
	int step;

	*yes = false;
	*rows = 0;
	FAIL_IF_NULL(st, err);
	sqlite3_bind_blob(st, 1, owner, DK_GID_LEN, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, dk_field_class_id((enum dk_field_class)cls), -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		(*rows)++;
		if (strcmp((const char *)sqlite3_column_text(st, 0), mission) == 0 &&
		    sqlite3_column_int64(st, 1) == gen)
			*yes = true;
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading the content keys"), err);
}

enum dk_rc
dk_store_content_key_ensure(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                            enum dk_field_class cls, const char *mission, struct dk_err *err)
{
	struct dk_fields *f = fields_of(s);
	const struct dk_secret *mk;
	const unsigned char *key;
	struct dk_secret ck;
	long long gen = 0;
	bool done = false, any = false;
	long rows = 0;
	enum dk_rc rc;

	if ((rc = dk_store_mission_key_gen(s, mission, cls, &gen, err)) != DK_OK ||
	    (rc = ck_wrapped_under(s, owner, (int)cls, mission, gen, &done, &rows, err)) != DK_OK)
		return rc;
	if (done && gen > 0)
		return DK_OK;
	if (gen == 0 || (mk = dk_store_fields_key(s, mission, cls, gen)) == NULL)
		return dk_err_set(err, DK_DENIED, _("you do not hold the key of mission %s"),
		                  mission[0] != '\0' ? mission : "-");
	if (rows > 0) {
		key = ck_load(s, owner, (int)cls, &any);
	} else {
		/* No wrapping at all: a new owner (or one whose wrappings were all dropped). */
		const struct ck_entry *e = ck_find(f, owner, (int)cls);

		key = e != NULL && !e->none ? slot_bytes(f, e->slot) : NULL;
	}
	if (key == NULL && any)
		return dk_err_set(err, DK_DENIED,
		                  _("the record is sealed to missions whose keys you do not hold"));
	if (key == NULL) {
		uint32_t slot = slot_next(f);

		randombytes_buf(slot_bytes(f, slot), DK_FIELD_KEY_BYTES);
		ck_keep(f, owner, (int)cls, slot);
		key = slot_bytes(f, slot);
	}
	ck.bytes = (unsigned char *)key;
	ck.len = ck.cap = DK_FIELD_KEY_BYTES;
	return dk_store_fields_wrap_put(s, owner, (int)cls, mission, gen, mk, &ck, err);
}
