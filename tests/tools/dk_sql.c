/*
 * Test helper only (never installed): runs SQL from standard input on a
 * docket database, unlocked like docket does (passphrase on fd 3), so the
 * tests can play an insider with the key who edits, deletes or drops rows.
 * Usage: dk_sql DB USER < sql   — prints each row's columns separated by '|'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <sodium.h>

#include "docket/crypto.h"
#include "docket/xmalloc.h"

static int
print_row(void *ctx, int n, char **values, char **names)
{
	(void)ctx;
	(void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i > 0 ? "|" : "", values[i] != NULL ? values[i] : "");
	printf("\n");
	return 0;
}

int
main(int argc, char **argv)
{
	struct dk_keyring *kr = NULL;
	struct dk_secret *pass, *key = NULL;
	struct dk_err err;
	char line[1024], literal[2 * DK_DATA_KEY_BYTES + 4], *keys, *sql = NULL, *msg = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;
	sqlite3 *db;

	if (argc != 3 || !dk_crypto_init())
		return 2;
	f = fdopen(3, "r");
	if (f == NULL || fgets(line, sizeof(line), f) == NULL)
		return 2;
	line[strcspn(line, "\n")] = '\0';
	pass = dk_secret_from(line, strlen(line));
	keys = dk_xasprintf("%s.keys", argv[1]);
	if (dk_keyring_load(keys, &kr, &err) != DK_OK ||
	    dk_keyring_unlock(kr, argv[2], pass, &key, NULL, &err) != DK_OK) {
		fprintf(stderr, "dk_sql: %s\n", err.msg);
		return 3;
	}
	while ((n = fread(line, 1, sizeof(line), stdin)) > 0) {
		if (len + n + 1 > cap)
			sql = dk_xrealloc(sql, cap = 2 * (len + n + 1));
		memcpy(sql + len, line, n);
		len += n;
	}
	if (sql == NULL)
		return 2;
	sql[len] = '\0';
	memcpy(literal, "x'", 2);
	sodium_bin2hex(literal + 2, 2 * DK_DATA_KEY_BYTES + 1, key->bytes, key->len);
	strcpy(literal + 2 + 2 * DK_DATA_KEY_BYTES, "'");
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_key(db, literal, (int)strlen(literal)) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, sql, print_row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "dk_sql: %s\n", msg != NULL ? msg : sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(db);
	dk_secret_free(&key);
	dk_secret_free(&pass);
	dk_keyring_free(&kr);
	free(keys);
	free(sql);
	return 0;
}
