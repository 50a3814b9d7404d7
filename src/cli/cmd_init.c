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
    {"office", DK_OPT_VALUE, "NAME"},
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

int
dk_cmd_init(struct dk_cli *cli)
{
	const char *admin = dk_cli_opt(cli, "admin");
	struct dk_secret *pass = NULL;
	enum dk_rc rc;
	int status;

	if (admin == NULL)
		admin = cli->user;
	if ((status = dk_cli_read_new_passphrase(cli->passphrase_fd, "passphrase-fd", admin,
	                                         &pass)) != 0)
		return status;
	if ((status = make_parents(cli->db_path)) != 0)
		goto out;
	rc = dk_app_init_office(cli->app, admin, pass, dk_cli_opt(cli, "kdf"),
	                        dk_cli_opt(cli, "office"));
	if (rc != DK_OK) {
		status = dk_cli_app_error(cli, rc);
		goto out;
	}
	printf(_("Created %s with administrator %s.\n"), cli->db_path, admin);
out:
	dk_secret_free(&pass);
	return status;
}
