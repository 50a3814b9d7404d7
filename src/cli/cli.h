/*
 * The command-line front end. Its files, each using only those listed before it:
 * report.c (errors and success), output.c (tables), input.c (secrets and
 * stdin text), args.c (options and arguments), panels.c (victim and subject
 * rows), the cmd_*.c commands, completion.c (the shell completion script, from
 * tables cli.c hands it), and cli.c (the command table and dk_cli_main).
 */
#ifndef DOCKET_CLI_H
#define DOCKET_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/app.h"
#include "docket/front.h"
#include "docket/buf.h"
#include "docket/label.h"
#include "docket/secret.h"

#define DK_CLI_MAX_OPTS 16
#define DK_CLI_MAX_ARGS 8

enum dk_format { DK_FORMAT_TABLE, DK_FORMAT_CSV, DK_FORMAT_JSON };

enum dk_opt_kind {
	DK_OPT_FLAG,  /* --urgent */
	DK_OPT_VALUE, /* --mission MONUSCO */
	DK_OPT_TEXT,  /* --summary TEXT, where "-" reads standard input */
	DK_OPT_LIST,  /* --mission A --mission B: repeatable, the values comma-joined */
};

struct dk_cli_opt {
	const char *name; /* without the dashes */
	enum dk_opt_kind kind;
	const char *metavar;
};

struct dk_cli;

struct dk_cli_cmd {
	const char *words; /* "case add" */
	const char *args;  /* positional arguments for usage, e.g. "REF" */
	int min_args;      /* how many positional arguments it takes */
	int max_args;
	bool unlock; /* needs an unlocked database */
	const struct dk_cli_opt *opts;
	int (*run)(struct dk_cli *cli);
	const char *summary; /* one line for --help, untranslated */
};

/* Everything a command needs: the session, its parsed options, where to write. */
struct dk_cli {
	struct dk_app *app;
	const struct dk_cli_cmd *cmd;
	const char *db_path;
	const char *user;
	int passphrase_fd; /* -1: prompt on the terminal */
	enum dk_format format;
	const char *args[DK_CLI_MAX_ARGS];
	int nargs;
	const char *values[DK_CLI_MAX_OPTS]; /* by index in cmd->opts; flags as "" */
	char *owned[DK_CLI_MAX_OPTS];        /* values read from stdin, wiped and freed */
};

/*
 * completion.c: writes shell's completion script to stdout, from the command
 * table cmds, the global options and the identifier lists. Returns 0, or the
 * usage status after a one-line error when shell is not "bash".
 */
int dk_cli_completion(const char *shell, const struct dk_cli_cmd *cmds, size_t ncmds,
                      const struct dk_cli_opt *globals);

/* cli.c: runs docket's command line; with no command, tui (if any). Returns the exit status. */
int dk_cli_main(int argc, char **argv, dk_tui_entry tui);

/*
 * report.c: prints "docket: <msg>" (sanitized, one line) to stderr; returns
 * the rc's exit status.
 */
int dk_cli_error(enum dk_rc rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports the app's last failure; returns the exit status for rc. */
int dk_cli_app_error(const struct dk_cli *cli, enum dk_rc rc);

/* A command that prints nothing on success: 0, else the app's failure reported. */
int dk_cli_done(const struct dk_cli *cli, enum dk_rc rc);

/* args.c: the index of value among names[0..n), or -1: for options with a fixed set of values. */
int dk_cli_choice(const char *value, const char *const *names, int n);

/* True, with the number in *out, when s is a whole decimal number within [min, max]. */
bool dk_cli_parse_long(const char *s, long min, long max, long *out);

/* The value of option name for the running command, or NULL when absent. */
const char *dk_cli_opt(const struct dk_cli *cli, const char *name);
bool dk_cli_flag(const struct dk_cli *cli, const char *name);

/* The descriptor given by option name (e.g. "new-passphrase-fd"), or -1; *status on error. */
int dk_cli_fd_opt(const struct dk_cli *cli, const char *name, int *status);

/*
 * Splits argv[*i], "--name=value" / "--name value" (then *i moves past the
 * value). Returns the option's index in opts, -1 when argv[*i] is not one
 * of them, -2 when its value is missing.
 */
int dk_cli_match_opt(const struct dk_cli_opt *opts, char **argv, int argc, int *i,
                     const char **value);

/* The usage error for dk_cli_match_opt's -2: "needs a value", or a flag's "takes no value". */
int dk_cli_value_error(const char *word);

/* cli->cmd's options and positional arguments from words[0..nwords); 0 or the exit status. */
int dk_cli_parse_args(struct dk_cli *cli, char **words, int nwords);

/* Reads "-" text values from standard input (only one option may); CRLF becomes LF in all. */
int dk_cli_resolve_text_values(struct dk_cli *cli);

/* Wipes and frees the values the parsing copied (cli->owned). */
void dk_cli_free_values(struct dk_cli *cli);

/* input.c: passphrases from a descriptor or the terminal, text from stdin. */
enum dk_rc dk_cli_read_passphrase(int fd, const char *prompt, struct dk_secret **out,
                                  struct dk_err *err) __attribute__((warn_unused_result));
/*
 * Standard input as the text of field what (for messages): CRLF made LF,
 * one last newline dropped, then checked as stored text is (a NUL byte,
 * which a C string would silently cut at, is refused).
 */
enum dk_rc dk_cli_read_stdin_text(const char *what, char **out, struct dk_err *err)
    __attribute__((warn_unused_result));
/* A copy of value with each CRLF made LF, or NULL when it holds no CR. */
char *dk_cli_crlf_copy(const char *value);
/*
 * A new passphrase for who: typed twice on the terminal (fd -1), or read
 * once from fd (the option fd_option names it, for the error without a terminal). Returns 0, or the
 * exit status after reporting the error.
 */
int dk_cli_read_new_passphrase(int fd, const char *fd_option, const char *who,
                               struct dk_secret **out);
/*
 * Positional argument i, or standard input when it is "-" (then *owned holds
 * the text: free it with dk_xfree_wiped). Returns 0 or the exit status.
 */
int dk_cli_positional_text(struct dk_cli *cli, int i, char **owned, const char **value);

/* output.c: one writer for table, CSV and JSON. */
/* DK_COL_DATE: ISO dates, shown in the locale's format in a table (dk_date_show). */
enum dk_col_type { DK_COL_TEXT, DK_COL_INT, DK_COL_BOOL, DK_COL_DATE };

/*
 * A column's values are identifiers of kind ids (DK_LABEL_NONE: plain values): the
 * table format shows their translated display names (docket/label.h), CSV and JSON
 * the identifiers.
 */
struct dk_col {
	const char *key;   /* snake_case name: CSV header and JSON key */
	const char *label; /* table header, untranslated */
	enum dk_col_type type;
	enum dk_label_kind ids;
};

struct dk_table;

/* The number of columns of a static dk_col array. */
#define NCOLS(cols) ((int)(sizeof(cols) / sizeof((cols)[0])))

/* A writer of rows to stdout in the given format. show: one object / label-value lines. */
struct dk_table *dk_table_new(enum dk_format format, const struct dk_col *cols, int ncols,
                              bool show);
/* Adds a row of ncols values; NULL is an absent value. */
void dk_table_row(struct dk_table *t, const char *const *values);
/*
 * show tables only, after their row: a list that belongs to the object (a
 * case's deadlines): a nested array in JSON, an aligned block under label in
 * a table, left out of CSV. values holds nrows * ncols cells.
 */
void dk_table_section(struct dk_table *t, const char *key, const char *label,
                      const struct dk_col *cols, int ncols, const char *const *values, int nrows);
/* Formats an int into a caller buffer, for table cells. */
const char *dk_cli_int(char *buf, size_t size, long v);
/* Formats a date (NULL for DK_DATE_NONE) into a caller buffer of DK_DATE_STRLEN. */
const char *dk_cli_date(char *buf, dk_date d);
/* Drops a table without writing what is still buffered (the command failed). */
void dk_table_discard(struct dk_table **t);
/* Writes what is buffered and the closing bracket; frees and NULLs *t. */
void dk_table_end(struct dk_table **t);

/* A growable block of copied cells for a section (dk_table_section); wiped when freed. */
struct dk_cells {
	char **cells; /* nrows * ncols, NULL for absent */
	int ncols, nrows, cap;
};
void dk_cells_add(struct dk_cells *c, const char *const *values);
void dk_cells_free(struct dk_cells *c);

/* panels.c: a victim's columns (lists leave out the last two: the identity) and its row. */
#define DK_CLI_VICTIM_COLS 13
#define DK_CLI_VICTIM_LIST_COLS (DK_CLI_VICTIM_COLS - 2)
extern const struct dk_col dk_cli_victim_cols[DK_CLI_VICTIM_COLS];
/* Writes v as a row of the dk_table table (a dk_app_victim_list callback). */
bool dk_cli_victim_row(const struct dk_victim_view *v, void *table);

/* A subject's columns and row (a dk_app_case_subjects callback writing to a dk_table). */
#define DK_CLI_SUBJECT_COLS 9
extern const struct dk_col dk_cli_subject_cols[DK_CLI_SUBJECT_COLS];
bool dk_cli_subject_row(const struct dk_subject_view *s, void *table);

/* case show's panels: the case's victims, its subjects (with their actions). */
enum dk_rc dk_cli_victims_section(struct dk_cli *cli, struct dk_table *t, const char *ref);
enum dk_rc dk_cli_subjects_section(struct dk_cli *cli, struct dk_table *t, const char *ref);

/* cmd_*.c: the commands and their options (cli.c's table lists them). */
int dk_cmd_init(struct dk_cli *cli);
int dk_cmd_export(struct dk_cli *cli);
int dk_cmd_import(struct dk_cli *cli);
int dk_cmd_conflicts(struct dk_cli *cli);
int dk_cmd_case_add(struct dk_cli *cli);
int dk_cmd_case_show(struct dk_cli *cli);
int dk_cmd_case_list(struct dk_cli *cli);
int dk_cmd_demo(struct dk_cli *cli);
int dk_cmd_case_move(struct dk_cli *cli);
int dk_cmd_case_set(struct dk_cli *cli);
int dk_cmd_case_extend(struct dk_cli *cli);
int dk_cmd_case_note(struct dk_cli *cli);
int dk_cmd_deadlines(struct dk_cli *cli);
int dk_cmd_timeline(struct dk_cli *cli);
int dk_cmd_holiday_add(struct dk_cli *cli);
int dk_cmd_holiday_list(struct dk_cli *cli);
int dk_cmd_holiday_remove(struct dk_cli *cli);
int dk_cmd_rule_list(struct dk_cli *cli);
int dk_cmd_rule_set(struct dk_cli *cli);
int dk_cmd_user_add(struct dk_cli *cli);
int dk_cmd_user_remove(struct dk_cli *cli);
int dk_cmd_user_passwd(struct dk_cli *cli);
int dk_cmd_user_list(struct dk_cli *cli);
int dk_cmd_user_prune_slots(struct dk_cli *cli);
int dk_cmd_recovery_create(struct dk_cli *cli);
int dk_cmd_recovery_use(struct dk_cli *cli);
int dk_cmd_backup(struct dk_cli *cli);
int dk_cmd_check(struct dk_cli *cli);
int dk_cmd_audit_verify(struct dk_cli *cli);
int dk_cmd_audit_log(struct dk_cli *cli);
int dk_cmd_victim_add(struct dk_cli *cli);
int dk_cmd_victim_show(struct dk_cli *cli);
int dk_cmd_victim_list(struct dk_cli *cli);
int dk_cmd_victim_inform(struct dk_cli *cli);
int dk_cmd_victim_assist(struct dk_cli *cli);
int dk_cmd_victim_paternity(struct dk_cli *cli);
int dk_cmd_victim_timeline(struct dk_cli *cli);
int dk_cmd_subject_add(struct dk_cli *cli);
int dk_cmd_subject_action(struct dk_cli *cli);
int dk_cmd_subject_list(struct dk_cli *cli);
int dk_cmd_vet(struct dk_cli *cli);
int dk_cmd_mission_add(struct dk_cli *cli);
int dk_cmd_mission_list(struct dk_cli *cli);
int dk_cmd_mission_close(struct dk_cli *cli);
int dk_cmd_report(struct dk_cli *cli);
int dk_cmd_office_init(struct dk_cli *cli);
int dk_cmd_office_show(struct dk_cli *cli);
int dk_cmd_office_trust(struct dk_cli *cli);
int dk_cmd_office_untrust(struct dk_cli *cli);
int dk_cmd_office_list(struct dk_cli *cli);

extern const struct dk_cli_opt dk_opts_init[];
extern const struct dk_cli_opt dk_opts_export[], dk_opts_import[], dk_opts_conflicts[];
extern const struct dk_cli_opt dk_opts_case_add[];
extern const struct dk_cli_opt dk_opts_case_show[];
extern const struct dk_cli_opt dk_opts_case_list[];
extern const struct dk_cli_opt dk_opts_demo[];
extern const struct dk_cli_opt dk_opts_case_move[];
extern const struct dk_cli_opt dk_opts_case_set[];
extern const struct dk_cli_opt dk_opts_case_extend[];
extern const struct dk_cli_opt dk_opts_case_note[];
extern const struct dk_cli_opt dk_opts_deadlines[];
extern const struct dk_cli_opt dk_opts_timeline[];
extern const struct dk_cli_opt dk_opts_holiday_add[];
extern const struct dk_cli_opt dk_opts_holiday_list[];
extern const struct dk_cli_opt dk_opts_holiday_remove[];
extern const struct dk_cli_opt dk_opts_rule_list[];
extern const struct dk_cli_opt dk_opts_rule_set[];
extern const struct dk_cli_opt dk_opts_user_add[];
extern const struct dk_cli_opt dk_opts_user_remove[];
extern const struct dk_cli_opt dk_opts_user_passwd[];
extern const struct dk_cli_opt dk_opts_user_list[];
extern const struct dk_cli_opt dk_opts_user_prune_slots[];
extern const struct dk_cli_opt dk_opts_recovery_create[];
extern const struct dk_cli_opt dk_opts_recovery_use[];
extern const struct dk_cli_opt dk_opts_backup[];
extern const struct dk_cli_opt dk_opts_check[];
extern const struct dk_cli_opt dk_opts_audit_verify[];
extern const struct dk_cli_opt dk_opts_audit_log[];
extern const struct dk_cli_opt dk_opts_victim_add[];
extern const struct dk_cli_opt dk_opts_victim_show[];
extern const struct dk_cli_opt dk_opts_victim_list[];
extern const struct dk_cli_opt dk_opts_victim_inform[];
extern const struct dk_cli_opt dk_opts_victim_assist[];
extern const struct dk_cli_opt dk_opts_victim_paternity[];
extern const struct dk_cli_opt dk_opts_victim_timeline[];
extern const struct dk_cli_opt dk_opts_subject_add[];
extern const struct dk_cli_opt dk_opts_subject_action[];
extern const struct dk_cli_opt dk_opts_subject_list[];
extern const struct dk_cli_opt dk_opts_vet[];
extern const struct dk_cli_opt dk_opts_mission_add[];
extern const struct dk_cli_opt dk_opts_mission_list[];
extern const struct dk_cli_opt dk_opts_mission_close[];
extern const struct dk_cli_opt dk_opts_report[];
extern const struct dk_cli_opt dk_opts_office_init[];
extern const struct dk_cli_opt dk_opts_office_show[];
extern const struct dk_cli_opt dk_opts_office_trust[];
extern const struct dk_cli_opt dk_opts_office_untrust[];
extern const struct dk_cli_opt dk_opts_office_list[];

/*
 * Reports (issue 12). report_out.c: prints a finished report table r
 * (docket/report.h), already passed through dk_report_suppress when public,
 * to stdout in format. table: key columns then measures under translated
 * headers, a key not set ("") as "-", the total row last with its first key
 * "total" (translated), then, when public, the rule line and, when scope is
 * not NULL, the scope line (dk_app_report_scope's). csv: the columns with
 * their ids as header, a key not set empty, the total row last with its
 * first key "total" (untranslated) and its other keys empty; data only,
 * neither rule nor scope. json: {"scope" (the line), "public", "rule"
 * (untranslated; null when not public), "rows": [{key..., measure...}],
 * "total": {measure...}}, a key not set null, numbers as JSON numbers, "<3"
 * as a string, blank statistics null. A table without keys prints only
 * its total.
 */
struct dk_report;
void dk_cli_print_report(const struct dk_report *r, enum dk_format format, bool public,
                         const char *scope);

/* One part of a report printed in several (report victims: victims, assistance, paternity). */
struct dk_cli_report_part {
	const char *name; /* the part's report name: JSON member, title in a table */
	const struct dk_report *table;
};

/*
 * The parts, in order. table: each under its title line, a blank line
 * between parts, then the rule (public) and the scope line once. csv: the
 * parts' CSV tables, one empty line between them. json: one object whose
 * members, named after the parts, are the objects dk_cli_print_report prints.
 */
void dk_cli_print_report_parts(const struct dk_cli_report_part *parts, size_t nparts,
                               enum dk_format format, bool public, const char *scope);

/*
 * args.c: the --by value "FIELD[,FIELD...]": the indexes in allowed of its
 * fields, in order, into fields (room for nallowed) and *nfields. Refuses an
 * empty item, a field given twice and one not in allowed (with a "did you
 * mean") with a one-line "docket: --by: ..." error; returns 0 or the exit
 * status.
 */
int dk_cli_parse_by(const char *value, const char *const *allowed, size_t nallowed, size_t *fields,
                    size_t *nfields);

#endif
