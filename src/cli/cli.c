/* Command-line dispatch: global options anywhere, one table of commands. */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

/* `docket completion SHELL`: no database, no unlock (the script comes from the tables below). */
static int cmd_completion(struct dk_cli *cli);
static const struct dk_cli_opt completion_opts[] = {{NULL, DK_OPT_FLAG, NULL}};

static const struct dk_cli_cmd commands[] = {
    {"init", "", 0, 0, false, dk_opts_init, dk_cmd_init,
     N_("create a new encrypted database with one administrator")},
    {"case add", "", 0, 0, true, dk_opts_case_add, dk_cmd_case_add,
     N_("record a new allegation and print its reference")},
    {"case show", "REF", 1, 1, true, dk_opts_case_show, dk_cmd_case_show,
     N_("show every field of one case")},
    {"case list", "", 0, 0, true, dk_opts_case_list, dk_cmd_case_list,
     N_("list cases, optionally by mission or state")},
    {"case move", "REF STATE", 2, 2, true, dk_opts_case_move, dk_cmd_case_move,
     N_("move a case along the workflow")},
    {"case set", "REF FIELD VALUE", 3, 3, true, dk_opts_case_set, dk_cmd_case_set,
     N_("change one field of a case")},
    {"case extend", "REF RULE", 2, 2, true, dk_opts_case_extend, dk_cmd_case_extend,
     N_("extend a live deadline, keeping its original due date")},
    {"case note", "REF", 1, 1, true, dk_opts_case_note, dk_cmd_case_note,
     N_("add a note to a case's history")},
    {"deadlines", "", 0, 0, true, dk_opts_deadlines, dk_cmd_deadlines,
     N_("list deadlines by due date")},
    {"timeline", "REF", 1, 1, true, dk_opts_timeline, dk_cmd_timeline,
     N_("list every event of one case in date order")},
    {"holiday add", "DATE [NAME]", 1, 2, true, dk_opts_holiday_add, dk_cmd_holiday_add,
     N_("add a mission holiday (for working-day deadlines)")},
    {"holiday list", "", 0, 0, true, dk_opts_holiday_list, dk_cmd_holiday_list,
     N_("list mission holidays")},
    {"holiday remove", "DATE", 1, 1, true, dk_opts_holiday_remove, dk_cmd_holiday_remove,
     N_("remove a mission holiday")},
    {"mission add", "CODE", 1, 1, true, dk_opts_mission_add, dk_cmd_mission_add,
     N_("register a mission (administrators)")},
    {"mission list", "", 0, 0, true, dk_opts_mission_list, dk_cmd_mission_list,
     N_("list the registered missions, open and closed")},
    {"mission close", "CODE", 1, 1, true, dk_opts_mission_close, dk_cmd_mission_close,
     N_("close a mission to new cases, accounts and holidays (administrators)")},
    {"rule list", "", 0, 0, true, dk_opts_rule_list, dk_cmd_rule_list,
     N_("list the deadline rules")},
    {"rule set", "RULE", 1, 1, true, dk_opts_rule_set, dk_cmd_rule_set,
     N_("change a rule's length or warning days (administrators)")},
    {"demo", "", 0, 0, true, dk_opts_demo, dk_cmd_demo,
     N_("add reproducible synthetic cases (no real names)")},
    {"user add", "NAME", 1, 1, true, dk_opts_user_add, dk_cmd_user_add,
     N_("add an account with its own key slot (administrators)")},
    {"user remove", "NAME", 1, 1, true, dk_opts_user_remove, dk_cmd_user_remove,
     N_("remove an account and its key slot (administrators)")},
    {"user passwd", "[NAME]", 0, 1, true, dk_opts_user_passwd, dk_cmd_user_passwd,
     N_("change your passphrase, or reset another's (administrators)")},
    {"user list", "", 0, 0, true, dk_opts_user_list, dk_cmd_user_list,
     N_("list accounts, roles and missions")},
    {"user prune-slots", "", 0, 0, true, dk_opts_user_prune_slots, dk_cmd_user_prune_slots,
     N_("remove key slots that belong to no active account (administrators)")},
    {"recovery create", "", 0, 0, true, dk_opts_recovery_create, dk_cmd_recovery_create,
     N_("print a one-time recovery code and store its key slot (administrators)")},
    {"recovery use", "", 0, 0, false, dk_opts_recovery_use, dk_cmd_recovery_use,
     N_("give an account a new passphrase with the recovery code")},
    {"backup", "", 0, 0, true, dk_opts_backup, dk_cmd_backup,
     N_("write an encrypted copy of the database and its key slots")},
    {"check", "", 0, 0, true, dk_opts_check, dk_cmd_check,
     N_("verify every page, the key slots and the audit chain")},
    {"audit verify", "", 0, 0, true, dk_opts_audit_verify, dk_cmd_audit_verify,
     N_("verify the audit log's hash chain")},
    {"audit log", "", 0, 0, true, dk_opts_audit_log, dk_cmd_audit_log, N_("list audit entries")},
    {"victim add", "REF", 1, 1, true, dk_opts_victim_add, dk_cmd_victim_add,
     N_("name a victim in a case and print the victim's code")},
    {"victim show", "CODE", 1, 1, true, dk_opts_victim_show, dk_cmd_victim_show,
     N_("show one victim, its assistance and claims (identity as the role allows)")},
    {"victim list", "[REF]", 0, 1, true, dk_opts_victim_list, dk_cmd_victim_list,
     N_("list victims, or those awaiting an update")},
    {"victim inform", "CODE", 1, 1, true, dk_opts_victim_inform, dk_cmd_victim_inform,
     N_("record that a victim was told how the case is going")},
    {"victim assist", "CODE KIND", 2, 2, true, dk_opts_victim_assist, dk_cmd_victim_assist,
     N_("record or update a line of assistance")},
    {"victim paternity", "CODE STATUS", 2, 2, true, dk_opts_victim_paternity,
     dk_cmd_victim_paternity, N_("record a paternity or child-support claim's status")},
    {"victim timeline", "CODE", 1, 1, true, dk_opts_victim_timeline, dk_cmd_victim_timeline,
     N_("one victim's history across its cases")},
    {"subject add", "REF", 1, 1, true, dk_opts_subject_add, dk_cmd_subject_add,
     N_("record a subject of a case and print its id")},
    {"subject action", "ID ACTION", 2, 2, true, dk_opts_subject_action, dk_cmd_subject_action,
     N_("record an interim or final action taken on a subject")},
    {"subject list", "REF", 1, 1, true, dk_opts_subject_list, dk_cmd_subject_list,
     N_("list a case's subjects and their actions")},
    {"vet", "QUERY", 1, 1, true, dk_opts_vet, dk_cmd_vet,
     N_("find every case naming a person, by name or index number")},
    {"report", "NAME", 1, 1, true, dk_opts_report, dk_cmd_report,
     N_("print a report: counts over the cases, as of today")},
    {"export", "", 0, 0, true, dk_opts_export, dk_cmd_export,
     N_("write a bundle for a trusted office: the cases' events it was not sent")},
    {"import", "FILE", 1, 1, true, dk_opts_import, dk_cmd_import,
     N_("apply a bundle from a trusted office, once verified")},
    {"conflicts", "", 0, 0, true, dk_opts_conflicts, dk_cmd_conflicts,
     N_("list cases two offices moved without seeing each other's move")},
    {"office init", "NAME", 1, 1, true, dk_opts_office_init, dk_cmd_office_init,
     N_("give this database its office: a name and key pairs (administrators)")},
    {"office show", "", 0, 0, true, dk_opts_office_show, dk_cmd_office_show,
     N_("print this office's line, for other offices to trust")},
    {"office trust", "LINE", 1, 1, true, dk_opts_office_trust, dk_cmd_office_trust,
     N_("trust another office by its line (administrators)")},
    {"office untrust", "NAME", 1, 1, true, dk_opts_office_untrust, dk_cmd_office_untrust,
     N_("stop trusting an office (administrators)")},
    {"office list", "", 0, 0, true, dk_opts_office_list, dk_cmd_office_list,
     N_("list this office and the offices it knows")},
    {"completion", "SHELL", 1, 1, false, completion_opts, cmd_completion,
     N_("print the shell completion script (bash) on standard output")},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Options every command accepts, before or after the command words. */
enum global_opt {
	G_DB,
	G_USER,
	G_PASSFD,
	G_TODAY,
	G_FORMAT,
	G_LOCK_AFTER,
	G_HELP,
	G_VERSION,
	G_COUNT
};

static const struct dk_cli_opt global_opts[G_COUNT + 1] = {
    [G_DB] = {"db", DK_OPT_VALUE, "PATH"},
    [G_USER] = {"user", DK_OPT_VALUE, "NAME"},
    [G_PASSFD] = {"passphrase-fd", DK_OPT_VALUE, "N"},
    [G_TODAY] = {"today", DK_OPT_VALUE, "YYYY-MM-DD"},
    [G_FORMAT] = {"format", DK_OPT_VALUE, "table|csv|json"},
    [G_LOCK_AFTER] = {"lock-after", DK_OPT_VALUE, "SECONDS"},
    [G_HELP] = {"help", DK_OPT_FLAG, NULL},
    [G_VERSION] = {"version", DK_OPT_FLAG, NULL},
    [G_COUNT] = {NULL, DK_OPT_FLAG, NULL}, /* opt_index stops here */
};

static const char *const format_names[] = {
    [DK_FORMAT_TABLE] = "table",
    [DK_FORMAT_CSV] = "csv",
    [DK_FORMAT_JSON] = "json",
};

static int
cmd_completion(struct dk_cli *cli)
{
	return dk_cli_completion(cli->args[0], commands, NCOMMANDS, global_opts);
}

static void
print_usage(FILE *f)
{
	/* TRANSLATORS: keep the second line indented to align under "docket". */
	fprintf(f, _("usage: docket [--db PATH] [--user NAME] [--passphrase-fd N] "
	             "[--today YYYY-MM-DD]\n              [--format table|csv|json] "
	             "[--lock-after SECONDS] [COMMAND [ARGS]]\n\nWith no command, docket "
	             "opens the terminal UI.\n\ncommands:\n"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-15s %s\n", commands[i].words, _(commands[i].summary));
	fprintf(f, _("\nSee docket(1) for every option.\n"));
}

static void
print_command_usage(FILE *f, const struct dk_cli_cmd *cmd)
{
	fprintf(f, _("usage: docket %s"), cmd->words);
	if (cmd->args[0] != '\0')
		fprintf(f, " %s", cmd->args);
	for (int i = 0; cmd->opts[i].name != NULL; i++) {
		if (cmd->opts[i].kind == DK_OPT_FLAG)
			fprintf(f, " [--%s]", cmd->opts[i].name);
		else
			fprintf(f, " [--%s %s]%s", cmd->opts[i].name, cmd->opts[i].metavar,
			        cmd->opts[i].kind == DK_OPT_LIST ? "..." : "");
	}
	fprintf(f, "\n%s\n", _(cmd->summary));
}

/* The command whose words start rest (longest match), or NULL. */
static const struct dk_cli_cmd *
find_command(char **rest, int nrest, int *used)
{
	const struct dk_cli_cmd *best = NULL;
	int best_words = 0;

	for (size_t i = 0; i < NCOMMANDS; i++) {
		char words[64];
		int n = 0;
		bool match = true;

		snprintf(words, sizeof(words), "%s", commands[i].words);
		for (char *save = NULL, *w = strtok_r(words, " ", &save); w != NULL;
		     w = strtok_r(NULL, " ", &save), n++) {
			if (n >= nrest || strcmp(rest[n], w) != 0) {
				match = false;
				break;
			}
		}
		if (match && n > best_words) {
			best = &commands[i];
			best_words = n;
		}
	}
	*used = best_words;
	return best;
}

static const char *
default_user(void)
{
	const char *u = getenv("DOCKET_USER");
	struct passwd *pw;

	if (u != NULL && u[0] != '\0')
		return u;
	pw = getpwuid(geteuid());
	return pw != NULL ? pw->pw_name : "admin";
}

/* $DOCKET_DB, else $XDG_DATA_HOME/docket/docket.db, else ~/.local/share/docket/docket.db. */
static char *
default_db_path(void)
{
	const char *env = getenv("DOCKET_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (env != NULL && env[0] != '\0')
		return dk_xstrdup(env);
	if (xdg != NULL && xdg[0] == '/')
		return dk_xasprintf("%s/docket/docket.db", xdg);
	return dk_xasprintf("%s/.local/share/docket/docket.db", home != NULL ? home : ".");
}

/*
 * The local date. DOCKET_TEST_CLOCK_OFFSET (seconds) moves the clock for the
 * tests of a session that outlives midnight; it grants nothing --today does not.
 */
static dk_date
local_today(void)
{
	const char *offset = getenv("DOCKET_TEST_CLOCK_OFFSET");
	time_t t = time(NULL) + (offset != NULL ? (time_t)strtol(offset, NULL, 10) : 0);
	struct tm tm;

	localtime_r(&t, &tm);
	return dk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int
unlock(struct dk_cli *cli)
{
	struct dk_secret *pass = NULL;
	struct dk_err err;
	char prompt[128];
	enum dk_rc rc;

	snprintf(prompt, sizeof(prompt), _("Passphrase for %s: "), cli->user);
	if ((rc = dk_cli_read_passphrase(cli->passphrase_fd, prompt, &pass, &err)) != DK_OK)
		return dk_cli_error(rc, "%s", err.msg);
	rc = dk_app_unlock(cli->app, cli->user, pass);
	dk_secret_free(&pass);
	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	/* What the unlock did once (an upgrade, and the backup it left) is said, a line each. */
	for (const char *p = dk_app_notice(cli->app); *p != '\0';) {
		size_t n = strcspn(p, "\n");

		dk_cli_error(DK_OK, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	return 0;
}

/* The subcommands of group ("case"), comma-separated, or an empty buffer when it is none. */
static void
subcommands(const char *group, struct dk_buf *out)
{
	size_t len = strlen(group);

	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strncmp(commands[i].words, group, len) == 0 && commands[i].words[len] == ' ')
			dk_buf_printf(out, "%s%s", out->len > 0 ? ", " : "",
			              commands[i].words + len + 1);
	}
}

/* "unknown command", naming what was typed (with its subcommand) and the closest command. */
static int
unknown_command(char **rest, int nrest)
{
	const char *words[NCOMMANDS];
	struct dk_buf subs = DK_BUF_INIT, typed = DK_BUF_INIT;
	int status, k;

	for (size_t i = 0; i < NCOMMANDS; i++)
		words[i] = commands[i].words;
	subcommands(rest[0], &subs);
	dk_buf_puts(&typed, rest[0]);
	if (subs.len > 0 && nrest > 1 && rest[1][0] != '-')
		dk_buf_printf(&typed, " %s", rest[1]);
	k = dk_text_closest(dk_buf_str(&typed), words, NCOMMANDS);
	if (k >= 0)
		status = dk_cli_error(DK_USAGE, _("unknown command '%s' (did you mean '%s'?)"),
		                      dk_buf_str(&typed), words[k]);
	else if (subs.len > 0 && strcmp(dk_buf_str(&typed), rest[0]) == 0)
		status = dk_cli_error(DK_USAGE, _("'docket %s' needs a subcommand: %s"), rest[0],
		                      dk_buf_str(&subs));
	else if (subs.len > 0)
		status = dk_cli_error(DK_USAGE, _("unknown command '%s' (expected one of: %s)"),
		                      dk_buf_str(&typed), dk_buf_str(&subs));
	else
		status =
		    dk_cli_error(DK_USAGE, _("unknown command '%s' (see docket --help)"), rest[0]);
	dk_buf_free(&subs);
	dk_buf_free(&typed);
	return status;
}

/* One run of docket: the session being built, and what the global options asked for. */
struct invocation {
	struct dk_cli cli;
	char **rest; /* argv without the global options; its first `used` words name the command */
	int nrest, used;
	char *db_default;
	dk_date today; /* --today, or DK_DATE_NONE for the clock */
	bool help, version;
	int lock_after;
};

static int
parse_global(struct invocation *inv, enum global_opt k, const char *value)
{
	long n;

	switch (k) {
	case G_DB:
		if (value[0] == '\0')
			return dk_cli_error(DK_USAGE, _("--db: the path is empty"));
		inv->cli.db_path = value;
		break;
	case G_USER:
		inv->cli.user = value;
		break;
	case G_PASSFD:
		if (!dk_cli_parse_long(value, 0, INT_MAX, &n))
			return dk_cli_error(
			    DK_USAGE, _("--passphrase-fd: '%s' is not a file descriptor"), value);
		inv->cli.passphrase_fd = (int)n;
		break;
	case G_TODAY:
		if (!dk_date_parse(value, &inv->today))
			return dk_cli_error(DK_INVALID,
			                    _("--today: '%s' is not a real date (expected "
			                      "YYYY-MM-DD)"),
			                    value);
		break;
	case G_FORMAT:
		n = dk_cli_choice(value, format_names,
		                  (int)(sizeof(format_names) / sizeof(format_names[0])));
		if (n < 0)
			return dk_cli_error(
			    DK_USAGE, _("--format: '%s' is not one of table, csv, json"), value);
		inv->cli.format = (enum dk_format)n;
		break;
	case G_LOCK_AFTER:
		if (!dk_cli_parse_long(value, 0, 86400, &n))
			return dk_cli_error(DK_USAGE,
			                    _("--lock-after: '%s' is not a number of seconds (0 to "
			                      "86400)"),
			                    value);
		inv->lock_after = (int)n;
		break;
	case G_HELP:
		inv->help = true;
		break;
	case G_VERSION:
		inv->version = true;
		break;
	case G_COUNT:
		break;
	}
	return 0;
}

/*
 * Pass 1: global options, wherever they stand, except that after the
 * command's words an option of the command's own with the same name
 * (audit log --user) is the command's. Everything else goes to inv->rest.
 */
static int
split_globals(struct invocation *inv, int argc, char **argv)
{
	const struct dk_cli_cmd *cmd = NULL;
	int status = 0;

	for (int i = 1; i < argc && status == 0; i++) {
		const char *value = NULL;
		int j = i, k;

		if (cmd != NULL && dk_cli_match_opt(cmd->opts, argv, argc, &j, &value) != -1) {
			while (i <= j && i < argc)
				inv->rest[inv->nrest++] = argv[i++];
			i--;
			continue;
		}
		k = dk_cli_match_opt(global_opts, argv, argc, &i, &value);
		if (k == -2) {
			status = dk_cli_value_error(argv[i]);
		} else if (k >= 0) {
			status = parse_global(inv, (enum global_opt)k, value);
		} else {
			inv->rest[inv->nrest++] = argv[i];
			if (cmd == NULL) {
				const struct dk_cli_cmd *c =
				    find_command(inv->rest, inv->nrest, &inv->used);

				cmd = c != NULL && inv->used == inv->nrest ? c : NULL;
			}
		}
	}
	return status;
}

static dk_date
session_today(const struct invocation *inv)
{
	return inv->today != DK_DATE_NONE ? inv->today : local_today();
}

/* No command and no argument: the terminal UI, with the defaults filled in. */
static int
run_tui(struct invocation *inv, dk_tui_entry tui)
{
	struct dk_front_options o;

	o.db_path =
	    inv->cli.db_path != NULL ? inv->cli.db_path : (inv->db_default = default_db_path());
	o.user = inv->cli.user != NULL ? inv->cli.user : default_user();
	o.today = session_today(inv);
	o.clock = inv->today != DK_DATE_NONE ? NULL : local_today;
	o.passphrase_fd = inv->cli.passphrase_fd;
	o.lock_after = inv->lock_after;
	return tui(&o);
}

/* No command matched: the usage (asked for, or nothing typed), else what was not understood. */
static int
no_command(const struct invocation *inv)
{
	if (inv->help || inv->nrest == 0) {
		print_usage(inv->help ? stdout : stderr);
		return inv->help ? 0 : 2;
	}
	return unknown_command(inv->rest, inv->nrest);
}

/* Pass 2, then the session: the command's arguments, the database, the unlock, the command. */
static int
run_command(struct invocation *inv)
{
	struct dk_cli *cli = &inv->cli;
	enum dk_rc rc;
	int status;

	if (inv->help) {
		print_command_usage(stdout, cli->cmd);
		return 0;
	}
	if ((status = dk_cli_parse_args(cli, inv->rest + inv->used, inv->nrest - inv->used)) != 0 ||
	    (status = dk_cli_resolve_text_values(cli)) != 0)
		return status;
	if (cli->db_path == NULL)
		cli->db_path = inv->db_default = default_db_path();
	if (cli->user == NULL)
		cli->user = default_user();
	cli->app = dk_app_new(cli->db_path, session_today(inv));
	if (cli->cmd->unlock && (status = unlock(cli)) != 0)
		return status;
	/* --office keeps a read command to one office's cases: the same for each of them. */
	if (cli->cmd->unlock && dk_cli_opt(cli, "office") != NULL &&
	    (rc = dk_app_office_filter(cli->app, dk_cli_opt(cli, "office"))) != DK_OK)
		return dk_cli_app_error(cli, rc);
	status = cli->cmd->run(cli);
	/* Tampering the unlock found: said after a command that went through (a failed
	 * check or audit verify already said it as its error). */
	if (status == 0 && cli->app != NULL && dk_app_warning(cli->app)[0] != '\0')
		dk_cli_error(DK_OK, _("warning: %s"), dk_app_warning(cli->app));
	return status;
}

static int
dispatch(struct invocation *inv, int argc, char **argv, dk_tui_entry tui)
{
	int status;

	if ((status = split_globals(inv, argc, argv)) != 0)
		return status;
	if (inv->version) {
		printf("docket %s\n", DOCKET_VERSION);
		return 0;
	}
	inv->cli.cmd = find_command(inv->rest, inv->nrest, &inv->used);
	if (inv->cli.cmd == NULL && inv->nrest == 0 && !inv->help && tui != NULL)
		return run_tui(inv, tui);
	if (inv->cli.cmd == NULL)
		return no_command(inv);
	return run_command(inv);
}

int
dk_cli_main(int argc, char **argv, dk_tui_entry tui)
{
	struct invocation inv = {
	    .cli = {.passphrase_fd = -1, .format = DK_FORMAT_TABLE},
	    .rest = dk_xcalloc((size_t)argc + 1, sizeof(char *)),
	    .today = DK_DATE_NONE,
	    .lock_after = DK_LOCK_AFTER_DEFAULT,
	};
	int status = dispatch(&inv, argc, argv, tui);

	if (fflush(stdout) != 0 && status == 0)
		status = dk_cli_error(DK_IO, _("cannot write the output: %s"), strerror(errno));
	dk_app_free(&inv.cli.app);
	dk_cli_free_values(&inv.cli);
	free(inv.db_default);
	free(inv.rest);
	return status;
}
