/*
 * Test helper only (never installed): an insider reading around docket with
 * everything ITS OWN key slot gives it (HACKING.md "Insiders: the threat
 * model"): the data key, its Ed25519 secret key, hence every mission key
 * sealed to it in key_grant, hence every content key wrapped under those. It
 * tries each sealed field in every column of every table and prints the text
 * of each one it opens, "TABLE.COLUMN: TEXT" a line; on stderr
 * "grants G, content keys K, sealed fields F, opened O". The scenario
 * tests/cli/test_need_to_know.sh checks that an account reads exactly what
 * the role table and its missions allow, and nothing once removed.
 *
 *   dk_peek DB USER [--keys FILE] [--save FILE] [--with FILE]
 *       passphrase on fd 3; --keys: the key slots file to unlock (default
 *       DB.keys), e.g. a copy kept from before the account was removed;
 *       --save: writes the content keys it unwrapped to FILE ("OWNER-HEX CLASS
 *       KEY-HEX" a line), as an insider copying them while it may; --with:
 *       uses those too (the residual risk the design documents: content keys
 *       do not change when a mission key rotates)
 *
 * Exit 0 done, 1 a database error, 2 usage, 3 the slot would not open.
 * Like dk_forge it reimplements what it needs (grant names, what a wrapping is
 * bound to, the class bytes) instead of linking the store: an insider has the
 * schema and the source, not a helper.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <sodium.h>

#include "docket/crypto.h"
#include "docket/xmalloc.h"

#define MAX_KEYS 256
#define GRANT_PREFIX "mission "

/* The class ids as the schema spells them, at their class byte. */
static const char *const class_ids[] = {"", "free_text", "victim_identity", "subject_identity",
                                        "vet"};
#define NCLASSES (sizeof(class_ids) / sizeof(class_ids[0]))

struct mission_key {
	char *mission, *cls;
	long long gen;
	struct dk_secret *key;
};

struct content_key {
	unsigned char owner[DK_GID_BYTES];
	int cls;
	struct dk_secret *key;
};

struct peek {
	sqlite3 *db;
	struct dk_slot_keys keys;
	struct mission_key mk[MAX_KEYS];
	size_t nmk;
	struct content_key *ck;
	size_t nck, capck;
	unsigned long sealed, opened;
};

static int
db_fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "dk_peek: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

static void
add_content_key(struct peek *p, const unsigned char owner[DK_GID_BYTES], int cls,
                struct dk_secret *key)
{
	if (p->nck == p->capck)
		p->ck = dk_xrealloc(p->ck, (p->capck = 2 * p->capck + 16) * sizeof(*p->ck));
	memcpy(p->ck[p->nck].owner, owner, DK_GID_BYTES);
	p->ck[p->nck].cls = cls;
	p->ck[p->nck++].key = key;
}

static int
class_byte(const char *id)
{
	for (size_t i = 1; i < NCLASSES; i++)
		if (strcmp(class_ids[i], id) == 0)
			return (int)i;
	return 0;
}

/* Reads the passphrase (fd 3), unwraps USER's slot from keys_path, opens the database. */
static int
peek_open(struct peek *p, const char *db_path, const char *keys_path, const char *user)
{
	char line[1024], literal[2 * DK_DATA_KEY_BYTES + 4];
	struct dk_keyring *kr = NULL;
	struct dk_secret *pass, *data_key = NULL;
	struct dk_err err;
	FILE *in = fdopen(3, "r");

	if (in == NULL || fgets(line, sizeof(line), in) == NULL)
		return fprintf(stderr, "dk_peek: no passphrase on fd 3\n"), 2;
	fclose(in);
	line[strcspn(line, "\n")] = '\0';
	pass = dk_secret_from(line, strlen(line));
	sodium_memzero(line, sizeof(line));
	if (dk_keyring_load(keys_path, &kr, &err) != DK_OK ||
	    dk_keyring_unlock(kr, user, pass, &data_key, &p->keys, &err) != DK_OK) {
		fprintf(stderr, "dk_peek: %s\n", err.msg);
		dk_secret_free(&pass);
		dk_keyring_free(&kr);
		return 3;
	}
	dk_secret_free(&pass);
	dk_keyring_free(&kr);
	memcpy(literal, "x'", 2);
	sodium_bin2hex(literal + 2, 2 * DK_DATA_KEY_BYTES + 1, data_key->bytes, data_key->len);
	strcpy(literal + 2 + 2 * DK_DATA_KEY_BYTES, "'");
	dk_secret_free(&data_key);
	if (sqlite3_open(db_path, &p->db) != SQLITE_OK ||
	    sqlite3_key(p->db, literal, (int)strlen(literal)) != SQLITE_OK ||
	    sqlite3_exec(p->db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(p->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
	        SQLITE_OK)
		return db_fail(p->db, "opening the database");
	sodium_memzero(literal, sizeof(literal));
	return 0;
}

/* "mission M CLASS GEN" (M may be empty) -> its parts; false for any other name. */
static bool
grant_parse(const char *name, struct mission_key *k)
{
	const char *m = name + strlen(GRANT_PREFIX), *last, *cls;
	char *end;

	if (strncmp(name, GRANT_PREFIX, strlen(GRANT_PREFIX)) != 0 ||
	    (last = strrchr(m, ' ')) == NULL || last == m)
		return false;
	for (cls = last - 1; cls > m && cls[-1] != ' '; cls--)
		;
	if (cls == m || cls[-1] != ' ')
		return false;
	k->gen = strtoll(last + 1, &end, 10);
	if (*end != '\0')
		return false;
	k->mission = dk_xasprintf("%.*s", (int)(cls - 1 - m), m);
	k->cls = dk_xasprintf("%.*s", (int)(last - cls), cls);
	return true;
}

/* Every mission key sealed to this account that its Ed25519 key opens. */
static int
load_grants(struct peek *p, const char *user)
{
	sqlite3_stmt *st;
	int rc;

	if (p->keys.sign_sk == NULL)
		return 0; /* a version-1 slot: nothing was ever sealed to it */
	if (sqlite3_prepare_v2(p->db,
	                       "SELECT g.name, g.sealed FROM key_grant g JOIN account a ON "
	                       "a.gid = g.account_gid WHERE a.name = ?",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(p->db, "reading the grants");
	sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && p->nmk < MAX_KEYS) {
		struct mission_key *k = &p->mk[p->nmk];

		if (!grant_parse((const char *)sqlite3_column_text(st, 0), k))
			continue;
		if (dk_seal_open(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1),
		                 p->keys.sign_sk, &k->key))
			p->nmk++;
		else
			free(k->mission), free(k->cls);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(p->db, "reading the grants");
}

static const struct mission_key *
held(const struct peek *p, const char *mission, const char *cls, long long gen)
{
	for (size_t i = 0; i < p->nmk; i++)
		if (strcmp(p->mk[i].mission, mission) == 0 && strcmp(p->mk[i].cls, cls) == 0 &&
		    p->mk[i].gen == gen)
			return &p->mk[i];
	return NULL;
}

/* Every content key wrapped under a mission key this account holds. */
static int
load_content_keys(struct peek *p)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(p->db, "SELECT owner, class, mission, gen, wrapped FROM content_key",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(p->db, "reading the content keys");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *owner = sqlite3_column_blob(st, 0);
		const char *cls = (const char *)sqlite3_column_text(st, 1);
		const char *mission = (const char *)sqlite3_column_text(st, 2);
		long long gen = sqlite3_column_int64(st, 3);
		const struct mission_key *k = held(p, mission, cls, gen);
		char hex[2 * DK_GID_BYTES + 1], *what;
		struct dk_secret *ck = NULL;

		if (k == NULL || sqlite3_column_bytes(st, 0) != DK_GID_BYTES)
			continue;
		sodium_bin2hex(hex, sizeof(hex), owner, DK_GID_BYTES);
		what = dk_xasprintf("%s %s %s %lld", hex, cls, mission, gen);
		if (dk_key_unwrap(sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4),
		                  k->key, what, &ck))
			add_content_key(p, owner, class_byte(cls), ck);
		free(what);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(p->db, "reading the content keys");
}

/* --save: the content keys unwrapped, "OWNER-HEX CLASS KEY-HEX" a line. */
static int
save_keys(const struct peek *p, const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return fprintf(stderr, "dk_peek: cannot write %s\n", path), 2;
	for (size_t i = 0; i < p->nck; i++) {
		char owner[2 * DK_GID_BYTES + 1], key[2 * DK_FIELD_KEY_BYTES + 1];

		sodium_bin2hex(owner, sizeof(owner), p->ck[i].owner, DK_GID_BYTES);
		sodium_bin2hex(key, sizeof(key), p->ck[i].key->bytes, p->ck[i].key->len);
		fprintf(f, "%s %d %s\n", owner, p->ck[i].cls, key);
	}
	return fclose(f) == 0 ? 0 : 2;
}

/* --with: content keys saved earlier, added to those unwrapped. */
static int
load_saved_keys(struct peek *p, const char *path)
{
	char owner_hex[64], key_hex[128];
	unsigned char owner[DK_GID_BYTES], key[DK_FIELD_KEY_BYTES];
	int cls;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return fprintf(stderr, "dk_peek: cannot read %s\n", path), 2;
	while (fscanf(f, "%63s %d %127s", owner_hex, &cls, key_hex) == 3)
		if (sodium_hex2bin(owner, sizeof(owner), owner_hex, strlen(owner_hex), NULL, NULL,
		                   NULL) == 0 &&
		    sodium_hex2bin(key, sizeof(key), key_hex, strlen(key_hex), NULL, NULL, NULL) ==
		        0)
			add_content_key(p, owner, cls, dk_secret_from(key, sizeof(key)));
	sodium_memzero(key, sizeof(key));
	fclose(f);
	return 0;
}

/* Tries one value: a sealed field whose content key this account holds is printed. */
static void
try_field(struct peek *p, const char *table, const char *column, const unsigned char *in,
          size_t len)
{
	unsigned char owner[DK_GID_BYTES];
	int cls;

	if (in == NULL || !dk_field_header(in, len, &cls, owner))
		return;
	p->sealed++;
	for (size_t i = 0; i < p->nck; i++) {
		unsigned char *text;
		bool opened;

		if (p->ck[i].cls != cls || memcmp(p->ck[i].owner, owner, DK_GID_BYTES) != 0)
			continue;
		text = dk_xmalloc(len - DK_FIELD_OVERHEAD + 1);
		if ((opened = dk_field_open(text, p->ck[i].key, in, len))) {
			text[len - DK_FIELD_OVERHEAD] = '\0';
			for (unsigned char *c = text; *c != '\0'; c++)
				if (*c == '\n' || *c == '\r')
					*c = ' ';
			printf("%s.%s: %s\n", table, column, (const char *)text);
			p->opened++;
		}
		free(text);
		if (opened)
			return;
	}
}

/* Every blob of every column of every table, tried. */
static int
scan(struct peek *p)
{
	sqlite3_stmt *tables, *rows;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(p->db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1,
	                       &tables, NULL) != SQLITE_OK)
		return db_fail(p->db, "listing the tables");
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(tables, 0);
		char *sql = dk_xasprintf("SELECT * FROM \"%s\"", table);

		rc = sqlite3_prepare_v2(p->db, sql, -1, &rows, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			break;
		while ((rc = sqlite3_step(rows)) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(rows); c++)
				if (sqlite3_column_type(rows, c) == SQLITE_BLOB)
					try_field(p, table, sqlite3_column_name(rows, c),
					          sqlite3_column_blob(rows, c),
					          (size_t)sqlite3_column_bytes(rows, c));
		sqlite3_finalize(rows);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(tables);
	return rc == SQLITE_DONE ? 0 : db_fail(p->db, "reading the tables");
}

/* The options after DB USER: --keys, --save, --with, each with a file; false on anything else. */
static bool
options(int argc, char **argv, const char *opt[3])
{
	static const char *const names[3] = {"--keys", "--save", "--with"};

	for (int i = 3; i < argc; i += 2) {
		size_t k = 0;

		while (k < 3 && strcmp(argv[i], names[k]) != 0)
			k++;
		if (k == 3 || i + 1 >= argc)
			return false;
		opt[k] = argv[i + 1];
	}
	return true;
}

int
main(int argc, char **argv)
{
	struct peek p = {0};
	const char *opt[3] = {NULL, NULL, NULL}; /* --keys, --save, --with */
	char *keys_path;
	int status;

	if (argc < 3 || !options(argc, argv, opt) || !dk_crypto_init()) {
		fprintf(stderr, "usage: dk_peek DB USER [--keys FILE] [--save FILE] [--with FILE] "
		                "3<passphrase\n");
		return 2;
	}
	keys_path = opt[0] != NULL ? dk_xstrdup(opt[0]) : dk_xasprintf("%s.keys", argv[1]);
	if ((status = peek_open(&p, argv[1], keys_path, argv[2])) == 0 &&
	    (status = load_grants(&p, argv[2])) == 0 && (status = load_content_keys(&p)) == 0 &&
	    (opt[1] == NULL || (status = save_keys(&p, opt[1])) == 0) &&
	    (opt[2] == NULL || (status = load_saved_keys(&p, opt[2])) == 0) &&
	    (status = scan(&p)) == 0)
		fprintf(stderr, "grants %zu, content keys %zu, sealed fields %lu, opened %lu\n",
		        p.nmk, p.nck, p.sealed, p.opened);
	if (p.db != NULL)
		sqlite3_close(p.db);
	for (size_t i = 0; i < p.nmk; i++) {
		free(p.mk[i].mission);
		free(p.mk[i].cls);
		dk_secret_free(&p.mk[i].key);
	}
	for (size_t i = 0; i < p.nck; i++)
		dk_secret_free(&p.ck[i].key);
	free(p.ck);
	dk_slot_keys_clear(&p.keys);
	free(keys_path);
	return status;
}
