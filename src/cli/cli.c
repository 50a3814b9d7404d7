/* Command-line dispatch: global options anywhere, one table of commands. */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

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

int
dk_cli_error(enum dk_rc rc, const char *fmt, ...)
{
	struct dk_buf raw = DK_BUF_INIT, safe = DK_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dk_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	dk_text_sanitize(&safe, dk_buf_str(&raw), DK_SANITIZE_LINE);
	fprintf(stderr, "docket: %s\n", dk_buf_str(&safe));
	dk_buf_free(&raw);
	dk_buf_free(&safe);
	return dk_rc_exit_status(rc);
}

int
dk_cli_app_error(const struct dk_cli *cli, enum dk_rc rc)
{
	const char *msg = dk_app_errmsg(cli->app);

	return dk_cli_error(rc, "%s", msg[0] != '\0' ? msg : _(dk_rc_message(rc)));
}

int
dk_cli_done(const struct dk_cli *cli, enum dk_rc rc)
{
	struct dk_buf safe = DK_BUF_INIT;

	if (rc != DK_OK)
		return dk_cli_app_error(cli, rc);
	/* What the command adds to its success (a lapsed extension) is part of its output. */
	dk_text_sanitize(&safe, dk_app_notice(cli->app), DK_SANITIZE_MULTILINE);
	fputs(dk_buf_str(&safe), stdout);
	dk_buf_free(&safe);
	return 0;
}

int
dk_cli_choice(const char *value, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

static int
opt_index(const struct dk_cli_opt *opts, const char *name, size_t len)
{
	for (int i = 0; opts != NULL && opts[i].name != NULL; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
			return i;
	return -1;
}

const char *
dk_cli_opt(const struct dk_cli *cli, const char *name)
{
	int i = opt_index(cli->cmd->opts, name, strlen(name));

	return i >= 0 ? cli->values[i] : NULL;
}

bool
dk_cli_flag(const struct dk_cli *cli, const char *name)
{
	return dk_cli_opt(cli, name) != NULL;
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

/*
 * Splits "--name=value" / "--name value". Returns the option's index in
 * opts, -1 when arg is not one of them, -2 when its value is missing.
 */
static int
match_opt(const struct dk_cli_opt *opts, char **argv, int argc, int *i, const char **value)
{
	const char *arg = argv[*i];
	const char *eq;
	size_t len;
	int k;

	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return -1;
	eq = strchr(arg + 2, '=');
	len = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
	if ((k = opt_index(opts, arg + 2, len)) < 0)
		return -1;
	if (opts[k].kind == DK_OPT_FLAG) {
		*value = "";
		return eq == NULL ? k : -2;
	}
	if (eq != NULL) {
		*value = eq + 1;
	} else {
		if (*i + 1 >= argc)
			return -2;
		*value = argv[++*i];
	}
	return k;
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

static void
free_owned(struct dk_cli *cli)
{
	for (int i = 0; i < DK_CLI_MAX_OPTS; i++) {
		if (cli->owned[i] != NULL) {
			explicit_bzero(cli->owned[i], strlen(cli->owned[i]));
			free(cli->owned[i]);
			cli->owned[i] = NULL;
		}
	}
}

/* Reads "-" text values from standard input (only one option may); CRLF becomes LF in all. */
static int
resolve_text_values(struct dk_cli *cli)
{
	const struct dk_cli_opt *opts = cli->cmd->opts;
	int from_stdin = -1;
	struct dk_err err;
	char what[40];

	for (int i = 0; opts[i].name != NULL; i++) {
		if (opts[i].kind != DK_OPT_TEXT || cli->values[i] == NULL)
			continue;
		if (strcmp(cli->values[i], "-") != 0) {
			if ((cli->owned[i] = dk_cli_crlf_copy(cli->values[i])) != NULL)
				cli->values[i] = cli->owned[i];
			continue;
		}
		if (from_stdin >= 0)
			return dk_cli_error(DK_USAGE,
			                    _("only one option can read standard input ('-'): "
			                      "--%s and --%s both ask for it"),
			                    opts[from_stdin].name, opts[i].name);
		from_stdin = i;
		snprintf(what, sizeof(what), "--%s", opts[i].name);
		if (dk_cli_read_stdin_text(what, &cli->owned[i], &err) != DK_OK)
			return dk_cli_error(err.rc, "%s", err.msg);
		cli->values[i] = cli->owned[i];
	}
	return 0;
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
	return rc == DK_OK ? 0 : dk_cli_app_error(cli, rc);
}

static int
parse_global(struct dk_cli *cli, int k, const char *value, dk_date *today, bool *help,
             bool *version, int *lock_after)
{
	char *end;
	long fd;

	switch ((enum global_opt)k) {
	case G_DB:
		cli->db_path = value;
		break;
	case G_USER:
		cli->user = value;
		break;
	case G_PASSFD:
		errno = 0;
		fd = strtol(value, &end, 10);
		if (errno != 0 || *end != '\0' || end == value || fd < 0 || fd > INT_MAX)
			return dk_cli_error(
			    DK_USAGE, _("--passphrase-fd: '%s' is not a file descriptor"), value);
		cli->passphrase_fd = (int)fd;
		break;
	case G_TODAY:
		if (!dk_date_parse(value, today))
			return dk_cli_error(DK_INVALID,
			                    _("--today: '%s' is not a real date (expected "
			                      "YYYY-MM-DD)"),
			                    value);
		break;
	case G_FORMAT:
		k = dk_cli_choice(value, format_names,
		                  (int)(sizeof(format_names) / sizeof(format_names[0])));
		if (k < 0)
			return dk_cli_error(
			    DK_USAGE, _("--format: '%s' is not one of table, csv, json"), value);
		cli->format = (enum dk_format)k;
		break;
	case G_LOCK_AFTER:
		errno = 0;
		fd = strtol(value, &end, 10);
		if (errno != 0 || *end != '\0' || end == value || fd < 0 || fd > 86400)
			return dk_cli_error(DK_USAGE,
			                    _("--lock-after: '%s' is not a number of seconds (0 to "
			                      "86400)"),
			                    value);
		*lock_after = (int)fd;
		break;
	case G_HELP:
		*help = true;
		break;
	case G_VERSION:
		*version = true;
		break;
	case G_COUNT:
		break;
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

/* "unknown option" for cmd, with its closest option as a hint. */
static int
unknown_option(const struct dk_cli_cmd *cmd, const char *arg)
{
	const char *names[DK_CLI_MAX_OPTS];
	char typed[64];
	size_t n = 0;
	int k;

	for (; n < DK_CLI_MAX_OPTS && cmd->opts[n].name != NULL; n++)
		names[n] = cmd->opts[n].name;
	snprintf(typed, sizeof(typed), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	if ((k = dk_text_closest(typed, names, n)) >= 0)
		return dk_cli_error(DK_USAGE,
		                    _("unknown option '%s' for 'docket %s' (did you mean '--%s'?)"),
		                    arg, cmd->words, names[k]);
	return dk_cli_error(DK_USAGE, _("unknown option '%s' for 'docket %s'"), arg, cmd->words);
}

int
dk_cli_main(int argc, char **argv, dk_tui_entry tui)
{
	struct dk_cli cli;
	char **rest = dk_xcalloc((size_t)argc + 1, sizeof(*rest));
	char *db_default = NULL;
	dk_date today = DK_DATE_NONE;
	bool help = false, version = false;
	int lock_after = DK_LOCK_AFTER_DEFAULT;
	int nrest = 0, used = 0, status = 0;

	memset(&cli, 0, sizeof(cli));
	cli.passphrase_fd = -1;
	cli.format = DK_FORMAT_TABLE;
	/*
	 * Pass 1: global options, wherever they stand, except that after the
	 * command's words an option of the command's own with the same name
	 * (audit log --user) is the command's.
	 */
	for (int i = 1; i < argc; i++) {
		const char *value = NULL;
		int j = i, k;

		if (cli.cmd != NULL && match_opt(cli.cmd->opts, argv, argc, &j, &value) != -1) {
			while (i <= j && i < argc)
				rest[nrest++] = argv[i++];
			i--;
			continue;
		}
		k = match_opt(global_opts, argv, argc, &i, &value);
		if (k == -2) {
			status = dk_cli_error(DK_USAGE, _("%s needs a value"), argv[i]);
			goto out;
		}
		if (k == -1) {
			rest[nrest++] = argv[i];
			if (cli.cmd == NULL) {
				const struct dk_cli_cmd *c = find_command(rest, nrest, &used);

				cli.cmd = c != NULL && used == nrest ? c : NULL;
			}
		} else if ((status = parse_global(&cli, k, value, &today, &help, &version,
		                                  &lock_after)) != 0)
			goto out;
	}
	if (version) {
		printf("docket %s\n", DOCKET_VERSION);
		goto out;
	}
	cli.cmd = find_command(rest, nrest, &used);
	if (cli.cmd == NULL && nrest == 0 && !help && tui != NULL) {
		struct dk_front_options o;

		o.db_path = cli.db_path != NULL ? cli.db_path : (db_default = default_db_path());
		o.user = cli.user != NULL ? cli.user : default_user();
		o.today = today != DK_DATE_NONE ? today : local_today();
		o.clock = today != DK_DATE_NONE ? NULL : local_today;
		o.passphrase_fd = cli.passphrase_fd;
		o.lock_after = lock_after;
		status = tui(&o);
		goto out;
	}
	if (cli.cmd == NULL) {
		if (help || nrest == 0) {
			print_usage(help ? stdout : stderr);
			status = help ? 0 : 2;
		} else {
			status = unknown_command(rest, nrest);
		}
		goto out;
	}
	if (help) {
		print_command_usage(stdout, cli.cmd);
		goto out;
	}
	/* Pass 2: the command's own options and its positional arguments. */
	for (int i = used; i < nrest; i++) {
		const char *value = NULL;
		int k = match_opt(cli.cmd->opts, rest, nrest, &i, &value);

		if (k == -2) {
			status = dk_cli_error(DK_USAGE, _("%s needs a value"), rest[i]);
			goto out;
		}
		if (k >= 0 && cli.values[k] != NULL && cli.cmd->opts[k].kind == DK_OPT_LIST) {
			char *joined = dk_xasprintf("%s,%s", cli.values[k], value);

			free(cli.owned[k]);
			cli.values[k] = cli.owned[k] = joined;
			continue;
		}
		if (k >= 0 && cli.values[k] != NULL) {
			status =
			    dk_cli_error(DK_USAGE, _("--%s is given twice"), cli.cmd->opts[k].name);
			goto out;
		}
		if (k >= 0) {
			cli.values[k] = value;
		} else if (strncmp(rest[i], "--", 2) == 0 && rest[i][2] != '\0') {
			status = unknown_option(cli.cmd, rest[i]);
			goto out;
		} else if (cli.nargs >= cli.cmd->max_args) {
			status =
			    dk_cli_error(DK_USAGE, _("unexpected argument '%s' for 'docket %s'"),
			                 rest[i], cli.cmd->words);
			goto out;
		} else {
			cli.args[cli.nargs++] = rest[i];
		}
	}
	if (cli.nargs < cli.cmd->min_args) {
		status = dk_cli_error(DK_USAGE, _("'docket %s' needs %s"), cli.cmd->words,
		                      cli.cmd->args);
		goto out;
	}
	if ((status = resolve_text_values(&cli)) != 0)
		goto out;
	if (cli.db_path == NULL)
		cli.db_path = db_default = default_db_path();
	if (cli.user == NULL)
		cli.user = default_user();
	cli.app = dk_app_new(cli.db_path, today != DK_DATE_NONE ? today : local_today());
	if (cli.cmd->unlock && (status = unlock(&cli)) != 0)
		goto out;
	status = cli.cmd->run(&cli);
out:
	if (fflush(stdout) != 0 && status == 0)
		status = dk_cli_error(DK_IO, _("cannot write the output: %s"), strerror(errno));
	dk_app_free(&cli.app);
	free_owned(&cli);
	free(db_default);
	free(rest);
	return status;
}
