/* A command's options and positional arguments: lookup, parsing, and the values they hold. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "cli.h"

int
dk_cli_choice(const char *value, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return i;
	return -1;
}

bool
dk_cli_parse_long(const char *s, long min, long max, long *out)
{
	const char *digits = s + (s[0] == '-');
	char *end;
	long v;

	/* strtol would also take leading blanks and a '+': the number must be all there is. */
	if (digits[0] < '0' || digits[0] > '9')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < min || v > max)
		return false;
	*out = v;
	return true;
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

int
dk_cli_fd_opt(const struct dk_cli *cli, const char *name, int *status)
{
	const char *v = dk_cli_opt(cli, name);
	long fd;

	*status = 0;
	if (v == NULL)
		return -1;
	if (!dk_cli_parse_long(v, 0, INT_MAX, &fd)) {
		*status = dk_cli_error(DK_USAGE, _("--%s: '%s' is not a file descriptor"), name, v);
		return -1;
	}
	return (int)fd;
}

int
dk_cli_match_opt(const struct dk_cli_opt *opts, char **argv, int argc, int *i, const char **value)
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

int
dk_cli_value_error(const char *word)
{
	const char *eq = strchr(word, '=');

	/* Only a flag's "--name=value" has '=' here: a valued option takes what follows it. */
	if (eq != NULL)
		return dk_cli_error(DK_USAGE, _("%.*s takes no value"), (int)(eq - word), word);
	return dk_cli_error(DK_USAGE, _("%s needs a value"), word);
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

/* Option k's value: a repeated list option joins its values with commas. */
static int
set_value(struct dk_cli *cli, int k, const char *value)
{
	if (cli->values[k] != NULL && cli->cmd->opts[k].kind == DK_OPT_LIST) {
		char *joined = dk_xasprintf("%s,%s", cli->values[k], value);

		dk_xfree_wiped(&cli->owned[k]);
		cli->values[k] = cli->owned[k] = joined;
		return 0;
	}
	if (cli->values[k] != NULL)
		return dk_cli_error(DK_USAGE, _("--%s is given twice"), cli->cmd->opts[k].name);
	cli->values[k] = value;
	return 0;
}

/* One word that is not a known option: an unknown option, or the next positional argument. */
static int
add_argument(struct dk_cli *cli, const char *word)
{
	if (strncmp(word, "--", 2) == 0 && word[2] != '\0')
		return unknown_option(cli->cmd, word);
	if (cli->nargs >= cli->cmd->max_args)
		return dk_cli_error(DK_USAGE, _("unexpected argument '%s' for 'docket %s'"), word,
		                    cli->cmd->words);
	cli->args[cli->nargs++] = word;
	return 0;
}

int
dk_cli_parse_args(struct dk_cli *cli, char **words, int nwords)
{
	int status = 0;

	for (int i = 0; i < nwords && status == 0; i++) {
		const char *value = NULL;
		int k = dk_cli_match_opt(cli->cmd->opts, words, nwords, &i, &value);

		if (k == -2)
			status = dk_cli_value_error(words[i]);
		else if (k >= 0)
			status = set_value(cli, k, value);
		else
			status = add_argument(cli, words[i]);
	}
	if (status == 0 && cli->nargs < cli->cmd->min_args)
		status = dk_cli_error(DK_USAGE, _("'docket %s' needs %s"), cli->cmd->words,
		                      cli->cmd->args);
	return status;
}

int
dk_cli_resolve_text_values(struct dk_cli *cli)
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

void
dk_cli_free_values(struct dk_cli *cli)
{
	for (int i = 0; i < DK_CLI_MAX_OPTS; i++)
		dk_xfree_wiped(&cli->owned[i]);
}

/* "--by: unknown field", with the closest allowed field, else all of them. */
static int
by_unknown(const char *item, const char *const *allowed, size_t nallowed)
{
	struct dk_buf list = DK_BUF_INIT;
	int k = dk_text_closest(item, allowed, nallowed);
	int status;

	if (k >= 0)
		return dk_cli_error(DK_INVALID, _("--by: unknown field '%s' (did you mean '%s'?)"),
		                    item, allowed[k]);
	for (size_t i = 0; i < nallowed; i++)
		dk_buf_printf(&list, "%s%s", i > 0 ? ", " : "", allowed[i]);
	status = dk_cli_error(DK_INVALID, _("--by: unknown field '%s' (fields: %s)"), item,
	                      dk_buf_str(&list));
	dk_buf_free(&list);
	return status;
}

/* Adds one item of the --by list value to fields[0..*nfields); 0 or the exit status. */
static int
by_add(const char *item, const char *value, const char *const *allowed, size_t nallowed,
       size_t *fields, size_t *nfields)
{
	int k;

	if (*item == '\0')
		return dk_cli_error(DK_INVALID, _("--by: an empty field in '%s'"), value);
	if ((k = dk_cli_choice(item, allowed, (int)nallowed)) < 0)
		return by_unknown(item, allowed, nallowed);
	for (size_t i = 0; i < *nfields; i++)
		if (fields[i] == (size_t)k)
			return dk_cli_error(DK_INVALID, _("--by: '%s' is given twice"), item);
	fields[(*nfields)++] = (size_t)k;
	return 0;
}

int
dk_cli_parse_by(const char *value, const char *const *allowed, size_t nallowed, size_t *fields,
                size_t *nfields)
{
	char *list = dk_xstrdup(value);
	char *item = list;
	int status = 0;

	*nfields = 0;
	for (;;) {
		char *comma = strchr(item, ',');

		if (comma != NULL)
			*comma = '\0';
		status = by_add(item, value, allowed, nallowed, fields, nfields);
		if (status != 0 || comma == NULL)
			break;
		item = comma + 1;
	}
	free(list);
	return status;
}
