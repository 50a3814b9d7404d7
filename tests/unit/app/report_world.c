/* The report tests' shared world (report_world.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/crypto.h"
#include "report_world.h"

int
report_world_open(struct report_world *w, const char *name)
{
	struct dk_account_input olga = {"olga", "officer", "MINUSCA", "interactive"};
	struct dk_secret *root = dk_secret_from("passphrase of root", 18);
	struct dk_secret *pass = dk_secret_from("passphrase of olga", 18);
	enum dk_rc rc;

	if (!dk_crypto_init())
		return -1;
	snprintf(w->dir, sizeof(w->dir), "%s/docket-%s-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp", name);
	if (mkdtemp(w->dir) == NULL)
		return -1;
	snprintf(w->db, sizeof(w->db), "%s/case.db", w->dir);
	dk_date_parse("2026-11-27", &w->today);
	w->admin = dk_app_new(w->db, w->today);
	w->officer = dk_app_new(w->db, w->today);
	if ((rc = dk_app_init(w->admin, "root", root, "interactive")) == DK_OK)
		rc = dk_app_unlock(w->admin, "root", root);
	if (rc == DK_OK)
		rc = dk_app_user_add(w->admin, &olga, pass);
	if (rc == DK_OK)
		rc = dk_app_unlock(w->officer, "olga", pass);
	dk_secret_free(&root);
	dk_secret_free(&pass);
	return rc == DK_OK ? 0 : -1;
}

int
report_world_close(struct report_world *w)
{
	char cmd[PATH_MAX + 16];

	dk_app_free(&w->admin);
	dk_app_free(&w->officer);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", w->dir);
	return system(cmd) == 0 ? 0 : -1;
}
