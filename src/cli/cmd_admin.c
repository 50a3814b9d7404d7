/* Accounts, recovery codes, backups, checks and the audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "cli.h"

#define KDF_METAVAR "interactive|moderate|sensitive"

const struct dk_cli_opt dk_opts_user_add[] = {
    {"role", DK_OPT_VALUE, "admin|officer|advocate|auditor"},
    {"mission", DK_OPT_LIST, "CODE"},
    {"new-passphrase-fd", DK_OPT_VALUE, "N"},
    {"kdf", DK_OPT_VALUE, KDF_METAVAR},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_user_remove[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_user_passwd[] = {
    {"new-passphrase-fd", DK_OPT_VALUE, "N"},
    {"kdf", DK_OPT_VALUE, KDF_METAVAR},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_user_list[] = {
    {"all", DK_OPT_FLAG, NULL},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_user_prune_slots[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_recovery_create[] = {
    {"kdf", DK_OPT_VALUE, KDF_METAVAR},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_recovery_use[] = {
    {"new-passphrase-fd", DK_OPT_VALUE, "N"},
    {"kdf", DK_OPT_VALUE, KDF_METAVAR},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_backup[] = {
    {"to", DK_OPT_VALUE, "PATH"},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_check[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_audit_verify[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_audit_log[] = {
    {"since", DK_OPT_VALUE, "YYYY-MM-DD"},
    {"user", DK_OPT_VALUE, "NAME"},
    {"case", DK_OPT_VALUE, "REF"},
    {NULL, DK_OPT_FLAG, NULL},
};

/* Reads the new passphrase from --new-passphrase-fd, or twice from the terminal. */
static int
new_passphrase(struct dk_cli *cli, const char *who, struct dk_secret **out)
{
	int status, fd = dk_cli_fd_opt(cli, "new-passphrase-fd", &status);

	if (status != 0)
		return status;
	return dk_cli_read_new_passphrase(fd, "new-passphrase-fd", who, out);
}

int
dk_cmd_user_add(struct dk_cli *cli)
{
	struct dk_account_input in = {
	    .name = cli->args[0],
	    .role = dk_cli_opt(cli, "role"),
	    .missions = dk_cli_opt(cli, "mission"),
	    .kdf = dk_cli_opt(cli, "kdf"),
	};
	struct dk_secret *pass = NULL;
	enum dk_rc rc;
	int status;

	if (in.role == NULL)
		return dk_cli_error(DK_USAGE, _("'docket user add' needs --role"));
	/* Refused before any passphrase is asked for: a role that adds no one, bad missions. */
	if ((rc = dk_app_user_check(cli->app, &in)) != DK_OK)
		return dk_cli_done(cli, rc);
	if ((status = new_passphrase(cli, in.name, &pass)) != 0)
		return status;
	status = dk_cli_done(cli, dk_app_user_add(cli->app, &in, pass));
	dk_secret_free(&pass);
	return status;
}

int
dk_cmd_user_remove(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_user_remove(cli->app, cli->args[0]));
}

int
dk_cmd_user_passwd(struct dk_cli *cli)
{
	const char *name = cli->nargs > 0 ? cli->args[0] : dk_app_user(cli->app);
	struct dk_secret *pass = NULL;
	int status;

	if (strcmp(name, dk_app_user(cli->app)) != 0 &&
	    !dk_app_may(cli->app, DK_ACTION_ACCOUNT_MANAGE))
		return dk_cli_done(cli, dk_app_user_passwd(cli->app, name, NULL, NULL));
	if ((status = new_passphrase(cli, name, &pass)) != 0)
		return status;
	status = dk_cli_done(cli, dk_app_user_passwd(cli->app, name, pass, dk_cli_opt(cli, "kdf")));
	dk_secret_free(&pass);
	return status;
}

static const struct dk_col user_cols[] = {
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
    {"role", N_("ROLE"), DK_COL_TEXT, DK_LABEL_ROLE},
    {"missions", N_("MISSIONS"), DK_COL_TEXT, DK_LABEL_NONE},
    {"created_at", N_("CREATED"), DK_COL_TEXT, DK_LABEL_NONE},
    {"removed_at", N_("REMOVED"), DK_COL_TEXT, DK_LABEL_NONE},
    {"can_unlock", N_("CAN UNLOCK"), DK_COL_BOOL, DK_LABEL_NONE},
};

static bool
user_row(const struct dk_account_view *a, void *ctx)
{
	const char *row[] = {a->name,       a->role,       a->missions,
	                     a->created_at, a->removed_at, a->has_slot ? "yes" : "no"};

	dk_table_row(ctx, row);
	return true;
}

int
dk_cmd_user_list(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, user_cols, NCOLS(user_cols), false);
	enum dk_rc rc = dk_app_user_list(cli->app, dk_cli_flag(cli, "all"), user_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}

int
dk_cmd_user_prune_slots(struct dk_cli *cli)
{
	size_t removed = 0;
	enum dk_rc rc = dk_app_user_prune_slots(cli->app, &removed);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf(_("Key slots removed that belonged to no active account: %zu\n"), removed);
	return 0;
}

int
dk_cmd_recovery_create(struct dk_cli *cli)
{
	struct dk_secret *code = NULL;
	enum dk_rc rc = dk_app_recovery_create(cli->app, dk_cli_opt(cli, "kdf"), &code);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf("%s\n", (const char *)code->bytes);
	fflush(stdout);
	dk_secret_free(&code);
	fprintf(stderr, _("docket: write this recovery code down and keep it away from this "
	                  "computer; it is shown only once and replaces any earlier code.\n"));
	return 0;
}

int
dk_cmd_recovery_use(struct dk_cli *cli)
{
	struct dk_secret *code = NULL, *pass = NULL;
	struct dk_err err;
	enum dk_rc rc;
	int status;

	/* The code is the secret that unlocks here: it comes the way a passphrase would. */
	rc = dk_cli_read_passphrase(cli->passphrase_fd, _("Recovery code: "), &code, &err);
	if (rc != DK_OK)
		return dk_cli_error(rc == DK_AUTH ? DK_INVALID : rc, "%s", err.msg);
	if ((status = new_passphrase(cli, cli->user, &pass)) == 0) {
		rc = dk_app_recovery_use(cli->app, code, cli->user, pass, dk_cli_opt(cli, "kdf"));
		status = dk_cli_done(cli, rc);
		if (rc == DK_OK)
			printf(_("%s has a new passphrase; the recovery code is spent: an "
			         "administrator should create a new one.\n"),
			       cli->user);
	}
	dk_secret_free(&code);
	dk_secret_free(&pass);
	return status;
}

int
dk_cmd_backup(struct dk_cli *cli)
{
	const char *to = dk_cli_opt(cli, "to");
	enum dk_rc rc;

	if (to == NULL)
		return dk_cli_error(DK_USAGE, _("'docket backup' needs --to PATH"));
	if ((rc = dk_app_backup(cli->app, to)) != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf(_("Backed up to %s and %s.keys; open it with docket --db %s.\n"), to, to, to);
	return 0;
}

static const struct dk_col check_cols[] = {
    {"check", N_("CHECK"), DK_COL_TEXT, DK_LABEL_NONE},
    {"result", N_("RESULT"), DK_COL_TEXT, DK_LABEL_NONE},
    {"detail", N_("DETAIL"), DK_COL_TEXT, DK_LABEL_NONE},
};

static void
check_row(const char *what, bool ok, const char *detail, void *ctx)
{
	const char *row[] = {what, ok ? "ok" : "FAILED", detail};

	dk_table_row(ctx, row);
}

int
dk_cmd_check(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, check_cols, NCOLS(check_cols), false);
	enum dk_rc rc = dk_app_check(cli->app, check_row, t);

	/* A failed check still prints its findings: they say what did hold. */
	if (rc == DK_OK || rc == DK_CORRUPT)
		dk_table_end(&t);
	else
		dk_table_discard(&t);
	return dk_cli_done(cli, rc);
}

int
dk_cmd_audit_verify(struct dk_cli *cli)
{
	long entries = 0;
	enum dk_rc rc = dk_app_audit_verify(cli->app, &entries);

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf(
	    _("The audit log is intact: each of its entries (%ld) is chained to the one before.\n"),
	    entries);
	return 0;
}

static const struct dk_col audit_cols[] = {
    {"id", N_("ID"), DK_COL_INT, DK_LABEL_NONE},
    {"at", N_("AT"), DK_COL_TEXT, DK_LABEL_NONE},
    {"user", N_("USER"), DK_COL_TEXT, DK_LABEL_NONE},
    {"action", N_("ACTION"), DK_COL_TEXT, DK_LABEL_NONE},
    {"case", N_("CASE"), DK_COL_TEXT, DK_LABEL_NONE},
    {"detail", N_("DETAIL"), DK_COL_TEXT, DK_LABEL_NONE},
};

static bool
audit_row(const struct dk_audit_view *e, void *ctx)
{
	char id[24];
	const char *row[] = {
	    dk_cli_int(id, sizeof(id), (long)e->id), e->at,    e->account, e->action,
	    e->ref[0] != '\0' ? e->ref : NULL,       e->detail};

	dk_table_row(ctx, row);
	return true;
}

int
dk_cmd_audit_log(struct dk_cli *cli)
{
	struct dk_audit_filter f = {
	    .since = dk_cli_opt(cli, "since"),
	    .user = dk_cli_opt(cli, "user"),
	    .ref = dk_cli_opt(cli, "case"),
	};
	struct dk_table *t = dk_table_new(cli->format, audit_cols, NCOLS(audit_cols), false);
	enum dk_rc rc = dk_app_audit_log(cli->app, &f, audit_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}
