/* docket office init|show|trust|untrust|list: this database's office and the peers it trusts. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "cli.h"

const struct dk_cli_opt dk_opts_office_init[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_office_show[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_office_trust[] = {
    {"yes", DK_OPT_FLAG, NULL},
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_office_untrust[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

const struct dk_cli_opt dk_opts_office_list[] = {
    {NULL, DK_OPT_FLAG, NULL},
};

int
dk_cmd_office_init(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_office_init(cli->app, cli->args[0]));
}

int
dk_cmd_office_show(struct dk_cli *cli)
{
	char line[DK_OFFICE_LINE_MAX];
	enum dk_rc rc = dk_app_office_show(cli->app, line, sizeof(line));

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	printf("%s\n", line);
	return 0;
}

/*
 * Asks on the terminal whether to trust the office; true for yes. Only a
 * person at the terminal answers: a line piped on stdin never does.
 */
static bool
ask_trust(void)
{
	const char *prompt = _("Trust it? [y/N] ");
	char answer[16] = "";
	ssize_t n;
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (tty < 0)
		return false;
	if (write(tty, prompt, strlen(prompt)) < 0 ||
	    (n = read(tty, answer, sizeof(answer) - 1)) <= 0)
		n = 0;
	close(tty);
	answer[n] = '\0';
	answer[strcspn(answer, "\n")] = '\0';
	/* TRANSLATORS: the answers that mean yes, lowercase, separated by '|'. */
	for (const char *yes = _("y|yes"); n > 0 && *yes != '\0';) {
		size_t len = strcspn(yes, "|");

		if (len > 0 && strlen(answer) == len && strncasecmp(answer, yes, len) == 0)
			return true;
		yes += len + (yes[len] == '|');
	}
	return false;
}

/* Shows what the line names and has it confirmed (unless --yes); 0 or the exit status. */
static int
confirm_trust(struct dk_cli *cli, const struct dk_office_peer *peer)
{
	if (dk_cli_flag(cli, "yes") || !dk_app_may(cli->app, DK_ACTION_OFFICE_MANAGE))
		return 0;
	if (!isatty(STDIN_FILENO))
		return dk_cli_error(DK_USAGE, _("office trust asks for confirmation: run it at a "
		                                "terminal or add --yes"));
	printf(_("office %s, fingerprint %s\n"), peer->name, peer->fingerprint);
	fflush(stdout);
	if (!ask_trust())
		return dk_cli_error(DK_INVALID, _("office %s was not trusted"), peer->name);
	return 0;
}

int
dk_cmd_office_trust(struct dk_cli *cli)
{
	struct dk_office_peer peer;
	const char *line;
	char *owned = NULL;
	bool already = false;
	enum dk_rc rc;
	int status;

	if ((status = dk_cli_positional_text(cli, 0, &owned, &line)) != 0)
		return status;
	if ((rc = dk_app_office_parse_line(cli->app, line, &peer)) != DK_OK)
		status = dk_cli_app_error(cli, rc);
	else if ((status = confirm_trust(cli, &peer)) == 0) {
		if ((rc = dk_app_office_trust(cli->app, line, &already)) != DK_OK)
			status = dk_cli_app_error(cli, rc);
		else if (already)
			printf(_("office %s is already trusted\n"), peer.name);
		else
			printf(_("trusted office %s (%s)\n"), peer.name, peer.fingerprint);
	}
	dk_xfree_wiped(&owned);
	return status;
}

int
dk_cmd_office_untrust(struct dk_cli *cli)
{
	return dk_cli_done(cli, dk_app_office_untrust(cli->app, cli->args[0]));
}

static const struct dk_col office_cols[] = {
    {"name", N_("NAME"), DK_COL_TEXT, DK_LABEL_NONE},
    {"trust", N_("TRUST"), DK_COL_TEXT, DK_LABEL_NONE},
    {"fingerprint", N_("FINGERPRINT"), DK_COL_TEXT, DK_LABEL_NONE},
    {"audit_head", N_("AUDIT HEAD"), DK_COL_TEXT, DK_LABEL_NONE},
    {"chain", N_("CHAIN"), DK_COL_TEXT, DK_LABEL_NONE},
};

static bool
office_row(const struct dk_office_view *o, void *ctx)
{
	char head[48] = "";
	const char *values[NCOLS(office_cols)];

	if (o->head_id > 0)
		snprintf(head, sizeof(head), "%lld:%.8s", o->head_id, o->head_hash);
	values[0] = o->name;
	values[1] = o->trust;
	values[2] = o->fingerprint;
	values[3] = head;
	values[4] = o->broken[0] != '\0' ? o->broken : "ok";
	dk_table_row(ctx, values);
	return true;
}

int
dk_cmd_office_list(struct dk_cli *cli)
{
	struct dk_table *t = dk_table_new(cli->format, office_cols, NCOLS(office_cols), false);
	enum dk_rc rc = dk_app_office_list(cli->app, office_row, t);

	if (rc != DK_OK) {
		dk_table_discard(&t);
		return dk_cli_app_error(cli, rc);
	}
	dk_table_end(&t);
	return 0;
}
