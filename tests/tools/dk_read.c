/*
 * Test helper only (never installed): runs SQL from standard input on a
 * docket database through a session of USER unlocked as docket does
 * (passphrase on fd 3), so the SQL function dk_open() opens the sealed
 * fields that account holds keys for. The kill loop reads what commands
 * wrote with it. Usage: dk_read DB USER TODAY < sql — prints each row's
 * columns separated by '|'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "docket/app.h"
#include "docket/crypto.h"
#include "docket/xmalloc.h"
#include "app/app_internal.h"
#include "store/store_internal.h"

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
	struct dk_secret *pass;
	struct dk_app *app;
	char line[1024], *sql = NULL, *msg = NULL;
	size_t len = 0, cap = 0, n;
	dk_date today;
	FILE *f;
	int rc = 0;

	if (argc != 4 || !dk_crypto_init() || !dk_date_parse(argv[3], &today))
		return 2;
	f = fdopen(3, "r");
	if (f == NULL || fgets(line, sizeof(line), f) == NULL)
		return 2;
	line[strcspn(line, "\n")] = '\0';
	pass = dk_secret_from(line, strlen(line));
	while ((n = fread(line, 1, sizeof(line), stdin)) > 0) {
		if (len + n + 1 > cap)
			sql = dk_xrealloc(sql, cap = 2 * (len + n + 1));
		memcpy(sql + len, line, n);
		len += n;
	}
	if (sql == NULL)
		return 2;
	sql[len] = '\0';
	app = dk_app_new(argv[1], today);
	if (dk_app_unlock(app, argv[2], pass) != DK_OK) {
		fprintf(stderr, "dk_read: %s\n", dk_app_errmsg(app));
		rc = 3;
	} else if (sqlite3_exec(app->store->db, sql, print_row, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "dk_read: %s\n",
		        msg != NULL ? msg : sqlite3_errmsg(app->store->db));
		rc = 1;
	}
	sqlite3_free(msg);
	dk_app_free(&app);
	dk_secret_free(&pass);
	free(sql);
	return rc;
}
