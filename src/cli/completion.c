/*
 * `docket completion bash`: the bash completion script, written from the
 * tables the command line itself parses with (the commands, their options,
 * the global options) and the identifier lists (vocabularies, states, the
 * fields `case set` takes, the reports and their --by fields), with the
 * schema's public identifiers (the deadline rules and the seeded register of
 * UN missions: completion_ids.h, generated from the SQL at build time). So
 * the script cannot drift from what the binary accepts.
 *
 * The script offers nothing that needs a database: no case reference,
 * account, victim or subject code, office. It never runs docket, and reads
 * no file but the directory listings of file-name completion.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "docket/app.h"
#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/vocab.h"
#include "docket/workflow.h"
#include "cli.h"
#include "completion_ids.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What an option or argument completes to. */
enum values {
	V_NONE,  /* nothing: free text, dates, numbers, and whatever lives in the database */
	V_WORDS, /* the words of the list */
	V_FILES, /* file and directory names */
};

/* Writes s between single quotes for the shell (a quote in s closed and escaped). */
static void
put_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

static void
add_word(struct dk_buf *b, const char *word)
{
	if (b->len > 0)
		dk_buf_putc(b, ' ');
	dk_buf_puts(b, word);
}

static void
add_words(struct dk_buf *b, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_word(b, words[i]);
}

static void
add_vocab(struct dk_buf *b, enum dk_vocab_kind kind)
{
	const struct dk_vocab *v = dk_vocab_get(kind);

	for (size_t i = 0; i < v->count; i++)
		add_word(b, v->entries[i].id);
}

static void
add_states(struct dk_buf *b)
{
	for (int s = 0; s < DK_STATE_COUNT; s++)
		add_word(b, dk_state_id((enum dk_state)s));
}

/* The vocabulary an option of that name takes ("category", "role"), or -1. */
static int
vocab_named(const char *name)
{
	for (int k = 0; k < DK_VOCAB_COUNT; k++)
		if (strcmp(dk_vocab_get((enum dk_vocab_kind)k)->name, name) == 0)
			return k;
	return -1;
}

/* The choices a metavar spells out ("table|csv|json"), when each is a lower-case identifier. */
static bool
metavar_choices(const char *metavar, struct dk_buf *out)
{
	char word[64];

	if (strchr(metavar, '|') == NULL ||
	    strspn(metavar, "abcdefghijklmnopqrstuvwxyz_|") != strlen(metavar))
		return false;
	for (const char *p = metavar; *p != '\0';) {
		size_t n = strcspn(p, "|");

		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		add_word(out, word);
		p += n + (p[n] == '|');
	}
	return true;
}

/* What option o's value completes to, its words into out. */
static enum values
option_values(const struct dk_cli_opt *o, struct dk_buf *out)
{
	int k;

	if (o->kind == DK_OPT_FLAG)
		return V_NONE;
	if (strcmp(o->metavar, "PATH") == 0 || strcmp(o->metavar, "FILE") == 0)
		return V_FILES;
	if (strcmp(o->name, "mission") == 0) {
		add_words(out, completion_missions, COUNT(completion_missions));
		return V_WORDS;
	}
	if (strcmp(o->name, "state") == 0) {
		add_states(out);
		return V_WORDS;
	}
	if ((k = vocab_named(o->name)) >= 0) {
		add_vocab(out, (enum dk_vocab_kind)k);
		return V_WORDS;
	}
	return metavar_choices(o->metavar, out) ? V_WORDS : V_NONE;
}

/* One case branch, "\t\tPATTERN) v=WORDS ;;" (or v=@files); nothing for V_NONE. */
static void
put_branch(FILE *f, const char *indent, const char *pattern, enum values kind,
           const struct dk_buf *words)
{
	if (kind == V_NONE)
		return;
	fprintf(f, "%s", indent);
	put_quoted(f, pattern);
	fputs(") v=", f);
	if (kind == V_FILES)
		fputs("@files", f);
	else
		put_quoted(f, dk_buf_str(words));
	fputs(" ;;\n", f);
}

/* A command's options for the script: "--name" for a flag, "--name=" for one with a value. */
static void
option_words(const struct dk_cli_opt *opts, struct dk_buf *out)
{
	for (int i = 0; opts[i].name != NULL; i++)
		dk_buf_printf(out, "%s--%s%s", i > 0 ? " " : "", opts[i].name,
		              opts[i].kind == DK_OPT_FLAG ? "" : "=");
}

static void
emit_opts(FILE *f, const struct dk_cli_cmd *cmds, size_t ncmds)
{
	struct dk_buf words = DK_BUF_INIT;

	fputs(
	    "# _docket_opts CMD: the options of command CMD into o; a trailing = marks an option\n"
	    "# that takes a value.\n"
	    "_docket_opts() {\n"
	    "\tcase $1 in\n",
	    f);
	for (size_t i = 0; i < ncmds; i++) {
		dk_buf_reset(&words);
		option_words(cmds[i].opts, &words);
		fputs("\t", f);
		put_quoted(f, cmds[i].words);
		fputs(") o=", f);
		put_quoted(f, dk_buf_str(&words));
		fputs(" ;;\n", f);
	}
	fputs("\t*) o= ;;\n\tesac\n}\n\n", f);
	dk_buf_free(&words);
}

/* Whether name is one of the global options. */
static bool
is_global(const struct dk_cli_opt *globals, const char *name)
{
	for (int i = 0; globals[i].name != NULL; i++)
		if (strcmp(globals[i].name, name) == 0)
			return true;
	return false;
}

/* report --by: the fields of the report named by the first argument, comma-separated. */
static void
emit_report_by(FILE *f, const char *pattern)
{
	struct dk_buf words = DK_BUF_INIT;

	fputs("\t", f);
	put_quoted(f, pattern);
	fputs(")\n\t\tsep=,\n\t\tcase ${a[0]-} in\n", f);
	for (size_t i = 0; i < dk_report_nnames; i++) {
		size_t n;
		const char *const *fields = dk_app_report_fields(dk_report_names[i], &n);

		dk_buf_reset(&words);
		add_words(&words, fields, fields != NULL ? n : 0);
		put_branch(f, "\t\t", dk_report_names[i], V_WORDS, &words);
	}
	fputs("\t\t*) v= ;;\n\t\tesac ;;\n", f);
	dk_buf_free(&words);
}

static void
emit_values(FILE *f, const struct dk_cli_cmd *cmds, size_t ncmds, const struct dk_cli_opt *globals)
{
	struct dk_buf words = DK_BUF_INIT, pattern = DK_BUF_INIT;

	fputs(
	    "# _docket_values CMD OPT: the values option OPT takes in command CMD into v (@files:\n"
	    "# file names); sep=, for a comma-separated list. a holds CMD's arguments so far.\n"
	    "_docket_values() {\n"
	    "\tcase \"$1 $2\" in\n",
	    f);
	for (size_t i = 0; i < ncmds; i++) {
		for (int j = 0; cmds[i].opts[j].name != NULL; j++) {
			const struct dk_cli_opt *o = &cmds[i].opts[j];
			enum values kind;

			dk_buf_reset(&words);
			dk_buf_reset(&pattern);
			dk_buf_printf(&pattern, "%s --%s", cmds[i].words, o->name);
			if (strcmp(cmds[i].words, "report") == 0 && strcmp(o->name, "by") == 0) {
				emit_report_by(f, dk_buf_str(&pattern));
				continue;
			}
			kind = option_values(o, &words);
			/* The command's own option of a global's name (audit log --user) is its. */
			if (kind == V_NONE && o->kind != DK_OPT_FLAG &&
			    is_global(globals, o->name)) {
				fputs("\t", f);
				put_quoted(f, dk_buf_str(&pattern));
				fputs(") v= ;;\n", f);
			}
			put_branch(f, "\t", dk_buf_str(&pattern), kind, &words);
		}
	}
	for (int j = 0; globals[j].name != NULL; j++) {
		enum values kind;

		dk_buf_reset(&words);
		kind = option_values(&globals[j], &words);
		if (kind == V_NONE)
			continue;
		fprintf(f, "\t*' --%s') v=", globals[j].name);
		if (kind == V_FILES)
			fputs("@files", f);
		else
			put_quoted(f, dk_buf_str(&words));
		fputs(" ;;\n", f);
	}
	fputs("\t*) v= ;;\n\tesac\n}\n\n", f);
	dk_buf_free(&words);
	dk_buf_free(&pattern);
}

/* case set's VALUE: what the FIELD before it (a[1]) takes. */
static void
emit_field_values(FILE *f, const char *pattern)
{
	struct dk_buf words = DK_BUF_INIT;
	size_t n;
	const struct dk_settable *fields = dk_app_settable(&n);

	fputs("\t", f);
	put_quoted(f, pattern);
	fputs(")\n\t\tcase ${a[1]-} in\n", f);
	for (size_t i = 0; i < n; i++) {
		static const char *const yesno[] = {"yes", "no"};
		enum values kind = V_WORDS;

		dk_buf_reset(&words);
		if (fields[i].check == DK_SET_YESNO)
			add_words(&words, yesno, COUNT(yesno));
		else if (fields[i].check == DK_SET_VOCAB)
			add_vocab(&words, (enum dk_vocab_kind)fields[i].vocab);
		else if (fields[i].check == DK_SET_MISSION)
			add_words(&words, completion_missions, COUNT(completion_missions));
		else
			kind = V_NONE;
		put_branch(f, "\t\t", fields[i].field, kind, &words);
	}
	fputs("\t\t*) v= ;;\n\t\tesac ;;\n", f);
	dk_buf_free(&words);
}

/* subject action's ACTION: an interim action with --interim, else a final one. */
static void
emit_action_values(FILE *f, const char *pattern)
{
	struct dk_buf interim = DK_BUF_INIT, final = DK_BUF_INIT;

	add_vocab(&interim, DK_VOCAB_INTERIM_ACTION);
	add_vocab(&final, DK_VOCAB_FINAL_ACTION);
	fputs("\t", f);
	put_quoted(f, pattern);
	fputs(")\n\t\tif [[ \" ${w[*]} \" == *' --interim '* ]]; then v=", f);
	put_quoted(f, dk_buf_str(&interim));
	fputs("; else v=", f);
	put_quoted(f, dk_buf_str(&final));
	fputs("; fi ;;\n", f);
	dk_buf_free(&interim);
	dk_buf_free(&final);
}

/* What positional argument `token` ("STATE", "RULE") of command cmd completes to. */
static enum values
argument_values(const char *cmd, const char *token, struct dk_buf *out)
{
	static const char *const shells[] = {"bash"};
	size_t n;
	const struct dk_settable *fields;

	if (strcmp(token, "STATE") == 0) {
		add_states(out);
	} else if (strcmp(token, "RULE") == 0) {
		add_words(out, completion_rules, COUNT(completion_rules));
	} else if (strcmp(token, "FIELD") == 0) {
		fields = dk_app_settable(&n);
		for (size_t i = 0; i < n; i++)
			add_word(out, fields[i].field);
	} else if (strcmp(token, "KIND") == 0) {
		add_vocab(out, DK_VOCAB_ASSISTANCE);
	} else if (strcmp(token, "STATUS") == 0) {
		add_vocab(out, DK_VOCAB_PATERNITY);
	} else if (strcmp(token, "SHELL") == 0) {
		add_words(out, shells, COUNT(shells));
	} else if (strcmp(token, "CODE") == 0 && strncmp(cmd, "mission ", 8) == 0) {
		add_words(out, completion_missions, COUNT(completion_missions));
	} else if (strcmp(token, "NAME") == 0 && strcmp(cmd, "report") == 0) {
		add_words(out, dk_report_names, dk_report_nnames);
	} else if (strcmp(token, "FILE") == 0 || strcmp(token, "PATH") == 0) {
		return V_FILES;
	} else {
		return V_NONE;
	}
	return V_WORDS;
}

static void
emit_args(FILE *f, const struct dk_cli_cmd *cmds, size_t ncmds)
{
	struct dk_buf words = DK_BUF_INIT, pattern = DK_BUF_INIT;

	fputs("# _docket_args CMD N: the values of argument N (from 0) of command CMD into v.\n"
	      "_docket_args() {\n"
	      "\tcase \"$1 $2\" in\n",
	      f);
	for (size_t i = 0; i < ncmds; i++) {
		char args[64], *save = NULL;
		int n = 0;

		snprintf(args, sizeof(args), "%s", cmds[i].args);
		for (char *t = strtok_r(args, " []", &save); t != NULL;
		     t = strtok_r(NULL, " []", &save), n++) {
			dk_buf_reset(&words);
			dk_buf_reset(&pattern);
			dk_buf_printf(&pattern, "%s %d", cmds[i].words, n);
			if (strcmp(cmds[i].words, "case set") == 0 && strcmp(t, "VALUE") == 0)
				emit_field_values(f, dk_buf_str(&pattern));
			else if (strcmp(cmds[i].words, "subject action") == 0 &&
			         strcmp(t, "ACTION") == 0)
				emit_action_values(f, dk_buf_str(&pattern));
			else
				put_branch(f, "\t", dk_buf_str(&pattern),
				           argument_values(cmds[i].words, t, &words), &words);
		}
	}
	fputs("\t*) v= ;;\n\tesac\n}\n\n", f);
	dk_buf_free(&words);
	dk_buf_free(&pattern);
}

/*
 * The completion function itself: fixed text, with the command list and the
 * global options put in where the marked lines stand.
 */
static const char *const bash_main[] = {
    "# _docket: completes docket's command line from the tables above, in plain bash (it",
    "# needs neither the bash-completion package nor docket itself).",
    "_docket() {",
    "\tlocal -a cmds=() w=() a=() names=()",
    "\tlocal globals=",
    "\tlocal cmd= cur word o= v= sep= pre= pending= join=0 i c IFS=$' \\t\\n'",
    "@cmds",
    "@globals",
    "\tCOMPREPLY=()",
    "\t# The words up to the cursor, with \"--opt\" \"=\" \"value\" (bash breaks words at =)",
    "\t# joined again.",
    "\tfor ((i = 1; i <= COMP_CWORD; i++)); do",
    "\t\tword=${COMP_WORDS[i]-}",
    "\t\tif [[ $word == '=' && ${#w[@]} -gt 0 ]] && [[ ${w[${#w[@]}-1]} == --?* ]] &&",
    "\t\t\t[[ ${w[${#w[@]}-1]} != *=* ]]; then",
    "\t\t\tw[${#w[@]}-1]+='='",
    "\t\t\tjoin=1",
    "\t\telif ((join)); then",
    "\t\t\tw[${#w[@]}-1]+=$word",
    "\t\t\tjoin=0",
    "\t\telse",
    "\t\t\tw+=(\"$word\")",
    "\t\tfi",
    "\tdone",
    "\tcur=${w[${#w[@]}-1]-}",
    "\tw=(\"${w[@]:0:${#w[@]}-1}\")",
    "\t# With the cursor inside the word, only what stands before it is completed.",
    "\tc=${COMP_LINE-}",
    "\tc=${c:0:${COMP_POINT:-${#c}}}",
    "\twhile [[ -n $c && -n $cur && $c != *\"$cur\" ]]; do cur=${cur%?}; done",
    "\t# The words before it: the command's words, its arguments, the options and their",
    "\t# values (the command's own options first, as docket reads them, then the global ones).",
    "\tfor ((i = 0; i < ${#w[@]}; i++)); do",
    "\t\tword=${w[i]}",
    "\t\tcase $word in",
    "\t\t--?*=*) ;;",
    "\t\t--?*)",
    "\t\t\tif _docket_takes_value \"$word\"; then",
    "\t\t\t\tif ((i + 1 == ${#w[@]})); then pending=$word; fi",
    "\t\t\t\ti=$((i + 1))",
    "\t\t\tfi",
    "\t\t\t;;",
    "\t\t*)",
    "\t\t\tif _docket_is_command \"$cmd\"; then",
    "\t\t\t\ta+=(\"$word\")",
    "\t\t\telif _docket_begins_command \"$cmd${cmd:+ }$word\"; then",
    "\t\t\t\tcmd=$cmd${cmd:+ }$word",
    "\t\t\t\t_docket_opts \"$cmd\"",
    "\t\t\telse",
    "\t\t\t\treturn 0 # not a command docket knows: nothing to offer",
    "\t\t\tfi",
    "\t\t\t;;",
    "\t\tesac",
    "\tdone",
    "\tif [[ -n $pending ]]; then",
    "\t\t_docket_values \"$cmd\" \"$pending\"",
    "\telif [[ $cur == --?*=* ]]; then",
    "\t\t_docket_values \"$cmd\" \"${cur%%=*}\"",
    "\t\t# Without = among the word breaks, bash replaces the whole --opt=value word.",
    "\t\tif [[ ${COMP_WORDBREAKS-} != *=* ]]; then pre=${cur%%=*}=; fi",
    "\t\tcur=${cur#*=}",
    "\telif [[ $cur == -* ]]; then",
    "\t\tv=\"$o $globals\"",
    "\t\tv=${v//=/}",
    "\telif _docket_is_command \"$cmd\"; then",
    "\t\t_docket_args \"$cmd\" \"${#a[@]}\"",
    "\telse",
    "\t\t# The next word of the commands that begin with the words typed.",
    "\t\tfor c in \"${cmds[@]}\"; do",
    "\t\t\tif [[ -n $cmd ]]; then",
    "\t\t\t\t[[ $c == \"$cmd \"* ]] || continue",
    "\t\t\t\tc=${c#\"$cmd \"}",
    "\t\t\tfi",
    "\t\t\tc=${c%% *}",
    "\t\t\t[[ \" $v \" == *\" $c \"* ]] || v+=\" $c\"",
    "\t\tdone",
    "\tfi",
    "\tif [[ $v == @files ]]; then",
    "\t\tcompopt -o filenames 2>/dev/null || true",
    "\t\tmapfile -t names < <(compgen -f -- \"$cur\")",
    "\t\tfor c in \"${names[@]}\"; do COMPREPLY+=(\"$pre$c\"); done",
    "\t\treturn 0",
    "\tfi",
    "\tif [[ -n $sep ]]; then",
    "\t\tpre+=${cur%\"${cur##*\"$sep\"}\"}",
    "\t\tcur=${cur##*\"$sep\"}",
    "\tfi",
    "\tfor c in $v; do",
    "\t\tif [[ $c == \"$cur\"* ]]; then COMPREPLY+=(\"$pre$c\"); fi",
    "\tdone",
    "\treturn 0",
    "}",
    "",
    "# Whether option $1 takes a value: the command's own options (o) first, then the globals.",
    "_docket_takes_value() {",
    "\tif [[ \" $o \" == *\" $1 \"* ]]; then return 1; fi",
    "\t[[ \" $o $globals \" == *\" $1= \"* ]]",
    "}",
    "",
    "# Whether $1 is a whole command (\"case add\").",
    "_docket_is_command() {",
    "\tlocal c",
    "\tfor c in \"${cmds[@]}\"; do",
    "\t\tif [[ $c == \"$1\" ]]; then return 0; fi",
    "\tdone",
    "\treturn 1",
    "}",
    "",
    "# Whether the words $1 begin a command (\"case\", \"case add\").",
    "_docket_begins_command() {",
    "\tlocal c",
    "\tfor c in \"${cmds[@]}\"; do",
    "\t\tif [[ $c == \"$1\" || $c == \"$1 \"* ]]; then return 0; fi",
    "\tdone",
    "\treturn 1",
    "}",
    "",
    "complete -F _docket docket",
};

static void
emit_main(FILE *f, const struct dk_cli_cmd *cmds, size_t ncmds, const struct dk_cli_opt *globals)
{
	struct dk_buf words = DK_BUF_INIT;

	for (size_t l = 0; l < COUNT(bash_main); l++) {
		if (strcmp(bash_main[l], "@cmds") == 0) {
			fputs("\tcmds=(", f);
			for (size_t i = 0; i < ncmds; i++) {
				fputs(i > 0 ? " " : "", f);
				put_quoted(f, cmds[i].words);
			}
			fputs(")\n", f);
		} else if (strcmp(bash_main[l], "@globals") == 0) {
			option_words(globals, &words);
			fputs("\tglobals=", f);
			put_quoted(f, dk_buf_str(&words));
			fputs("\n", f);
		} else {
			fprintf(f, "%s\n", bash_main[l]);
		}
	}
	dk_buf_free(&words);
}

int
dk_cli_completion(const char *shell, const struct dk_cli_cmd *cmds, size_t ncmds,
                  const struct dk_cli_opt *globals)
{
	FILE *f = stdout;

	if (strcmp(shell, "bash") != 0)
		return dk_cli_error(DK_USAGE, _("completion: unknown shell '%s' (supported: bash)"),
		                    shell);
	fprintf(f,
	        "# bash completion for docket(1), written by `docket completion bash` (docket %s)\n"
	        "# from docket's own tables: commands, options, identifiers, and the public\n"
	        "# register of UN missions. It never runs docket and reads no database.\n"
	        "# Installed as bash-completion/completions/docket; by hand:\n"
	        "#   source <(docket completion bash)\n\n",
	        DOCKET_VERSION);
	emit_opts(f, cmds, ncmds);
	emit_values(f, cmds, ncmds, globals);
	emit_args(f, cmds, ncmds);
	emit_main(f, cmds, ncmds, globals);
	return 0;
}
