/* docket init: a new encrypted database, its key slots and one administrator. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_init[] = {
	{"admin", DK_OPT_VALUE, "NAME"},
	{"kdf", DK_OPT_VALUE, "interactive|moderate|sensitive"},
	{NULL, DK_OPT_FLAG, NULL},
};

/* Creates the database's missing parent directories, private to the user. */
static int
make_parents(const char *db_path)
{
	char *dir = dk_xstrdup(db_path);
	int status = 0;

	for (char *p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			status = dk_cli_error(DK_IO, _("cannot create the directory %s: %s"), dir,
					      strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return status;
}

/* On a terminal the passphrase is typed twice; from a descriptor, once. */
static int
read_new_passphrase(struct dk_cli *cli, const char *who, struct dk_secret **out)
{
	struct dk_secret *again = NULL;
	struct dk_err err;
	char prompt[128];
	bool same;

	snprintf(prompt, sizeof(prompt), _("New passphrase for %s: "), who);
	if (dk_cli_read_passphrase(cli->passphrase_fd, prompt, out, &err) != DK_OK)
		return dk_cli_error(err.rc == DK_AUTH ? DK_INVALID : err.rc, "%s", err.msg);
	if (cli->passphrase_fd >= 0)
		return 0;
	snprintf(prompt, sizeof(prompt), _("Repeat the passphrase: "));
	if (dk_cli_read_passphrase(-1, prompt, &again, &err) != DK_OK) {
		dk_secret_free(out);
		return dk_cli_error(DK_INVALID, "%s", err.msg);
	}
	same = again->len == (*out)->len && memcmp(again->bytes, (*out)->bytes, again->len) == 0;
	dk_secret_free(&again);
	if (!same) {
		dk_secret_free(out);
		return dk_cli_error(DK_INVALID, _("the two passphrases differ; nothing was created"));
	}
	return 0;
}

int
dk_cmd_init(struct dk_cli *cli)
{
	const char *admin = dk_cli_opt(cli, "admin");
	struct dk_secret *pass = NULL;
	enum dk_rc rc;
	int status;

	if (admin == NULL)
		admin = cli->user;
	if ((status = read_new_passphrase(cli, admin, &pass)) != 0)
		return status;
	if ((status = make_parents(cli->db_path)) != 0)
		goto out;
	rc = dk_app_init(cli->app, admin, pass, dk_cli_opt(cli, "kdf"));
	if (rc != DK_OK) {
		status = dk_cli_app_error(cli, rc);
		goto out;
	}
	printf(_("Created %s with administrator %s.\n"), cli->db_path, admin);
out:
	dk_secret_free(&pass);
	return status;
}
