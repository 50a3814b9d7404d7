/* What the TUI's files share: the session, views, key bindings and drawing helpers. */
#ifndef DOCKET_TUI_INTERNAL_H
#define DOCKET_TUI_INTERNAL_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <time.h>

#include "docket/app.h"
#include "docket/deadline.h"
#include "docket/front.h"
#include "docket/label.h"
#include "docket/secret.h"
#include "docket/validate.h"
#include "docket/vocab.h"

#define DK_TUI_MIN_COLS 80
#define DK_TUI_MIN_ROWS 24
#define DK_TUI_MAX_VIEWS 12

/*
 * Everything a key can do; the binding table maps keys to these per view.
 * The third column is what the role must be allowed (app.h's DK_ACTION_LIST)
 * for the key to be offered at all: ANYONE when every role has it.
 */
#define DK_TUI_ACTION_LIST(X)                                                                      \
	X(QUIT, N_("quit docket"), ANYONE)                                                         \
	X(BACK, N_("go back"), ANYONE)                                                             \
	X(HELP, N_("show this help"), ANYONE)                                                      \
	X(DOWN, N_("move down"), ANYONE)                                                           \
	X(UP, N_("move up"), ANYONE)                                                               \
	X(PAGE_DOWN, N_("next page"), ANYONE)                                                      \
	X(PAGE_UP, N_("previous page"), ANYONE)                                                    \
	X(TOP, N_("go to the first line"), ANYONE)                                                 \
	X(BOTTOM, N_("go to the last line"), ANYONE)                                               \
	X(OPEN, N_("open the selected case"), CASE_READ)                                           \
	X(CASES, N_("list every case"), CASE_READ)                                                 \
	X(OVERDUE, N_("list the overdue cases"), CASE_READ)                                        \
	X(NEW_CASE, N_("record a new allegation"), CASE_ADD)                                       \
	X(SEARCH, N_("find a reference or text in summaries"), CASE_READ)                          \
	X(SORT, N_("sort by due date, reference or date reported"), ANYONE)                        \
	X(FILTER_MISSION, N_("filter by mission"), ANYONE)                                         \
	X(FILTER_STATE, N_("filter by state"), ANYONE)                                             \
	X(FILTER_CATEGORY, N_("filter by category"), ANYONE)                                       \
	X(FILTER_URGENT, N_("filter urgent / not urgent / all"), ANYONE)                           \
	X(FILTER_OVERDUE, N_("show only overdue cases, or all"), ANYONE)                           \
	X(FILTER_CLEAR, N_("clear every filter"), ANYONE)                                          \
	X(MOVE, N_("move the case along the workflow"), CASE_CHANGE)                               \
	X(SET_FIELD, N_("change a field of the case"), CASE_CHANGE)                                \
	X(EXTEND, N_("extend a live deadline"), CASE_CHANGE)                                       \
	X(NOTE, N_("add a note to the case"), CASE_CHANGE)                                         \
	X(TIMELINE, N_("show the case's timeline"), CASE_READ)                                     \
	X(ACCOUNTS, N_("open the accounts screen"), ACCOUNT_MANAGE)                                \
	X(AUDIT, N_("open the audit log"), AUDIT_READ)                                             \
	X(ACCOUNT_ADD, N_("add an account"), ACCOUNT_MANAGE)                                       \
	X(ACCOUNT_REMOVE, N_("remove the selected account"), ACCOUNT_MANAGE)                       \
	X(ACCOUNT_PASSWD, N_("set a new passphrase for the selected account"), ACCOUNT_MANAGE)     \
	X(SHOW_REMOVED, N_("show or hide removed accounts"), ACCOUNT_MANAGE)                       \
	X(PRUNE_SLOTS, N_("remove key slots that belong to no active account"), ACCOUNT_MANAGE)    \
	X(AUDIT_VERIFY, N_("verify the audit log's hash chain"), AUDIT_READ)                       \
	X(FILTER_ACCOUNT, N_("filter by account"), AUDIT_READ)                                     \
	X(FILTER_CASE, N_("filter by case reference"), AUDIT_READ)                                 \
	X(VICTIMS, N_("open the victims screen"), CASE_READ)                                       \
	X(AWAITING, N_("list the victims awaiting an update"), CASE_READ)                          \
	X(FILTER_AWAITING, N_("show only the victims awaiting an update, or all"), ANYONE)         \
	X(OPEN_VICTIM, N_("open the selected victim"), CASE_READ)                                  \
	X(VICTIM_ORDER, N_("most overdue update first, or by code"), ANYONE)                       \
	X(FIND_VICTIM, N_("find victims by code or case reference (its first letters)"), ANYONE)   \
	X(CASE_VICTIM, N_("open one of the case's victims"), CASE_READ)                            \
	X(VICTIM_CASE, N_("open a case the victim is named in"), CASE_READ)                        \
	X(VICTIM_ADD, N_("name a victim in the case"), VICTIM_ADD)                                 \
	X(SUBJECT_ADD, N_("add a subject to the case"), SUBJECT_CHANGE)                            \
	X(SUBJECT_ACTION, N_("record an action taken on a subject"), SUBJECT_CHANGE)               \
	X(INFORM, N_("record that the victim was told how the case is going"), VICTIM_SUPPORT)     \
	X(ASSIST, N_("record assistance to the victim"), VICTIM_SUPPORT)                           \
	X(PATERNITY, N_("record the paternity claim's status"), VICTIM_SUPPORT)                    \
	X(VET, N_("find the cases that name a person (vetting)"), VET)                             \
	X(VET_AGAIN, N_("search for a name or an index number"), VET)                              \
	X(REPORTS, N_("open the reports screen"), REPORT_READ)                                     \
	X(REPORT_NEXT, N_("next report: allegations, timeliness, follow-up"), REPORT_READ)         \
	X(REPORT_ALLEGATIONS, N_("the allegations, as bars"), REPORT_READ)                         \
	X(REPORT_TIMELINESS, N_("timeliness of investigations, by nationality"), REPORT_READ)      \
	X(REPORT_FOLLOW_UP, N_("what is outstanding, by nationality"), REPORT_READ)                \
	X(REPORT_FIELD, N_("count the allegations by the next field"), REPORT_READ)                \
	X(REPORT_FIELD_BACK, N_("count the allegations by the previous field"), REPORT_READ)       \
	X(FIRST_YEAR_EARLIER, N_("start the years one year earlier"), REPORT_READ)                 \
	X(FIRST_YEAR_LATER, N_("start the years one year later"), REPORT_READ)                     \
	X(LAST_YEAR_EARLIER, N_("end the years one year earlier"), REPORT_READ)                    \
	X(LAST_YEAR_LATER, N_("end the years one year later"), REPORT_READ)                        \
	X(COLUMN_LEFT, N_("select the count to the left"), REPORT_READ)                            \
	X(COLUMN_RIGHT, N_("select the count to the right"), REPORT_READ)                          \
	X(REPORT_CASES, N_("list the cases behind the selected count"), CASE_READ)                 \
	X(CONFLICTS, N_("open the cases two offices moved apart (conflicts)"), CASE_READ)          \
	X(FILTER_OFFICE, N_("keep every screen to one office's cases, or all"), CASE_READ)         \
	X(OFFICES, N_("open the offices screen (trust, fingerprints, audit heads)"), OFFICE_READ)  \
	X(REFRESH, N_("reload from the database"), ANYONE)                                         \
	X(LOCK, N_("lock now (the passphrase resumes)"), ANYONE)

/* What an action open to every role "needs" (app.h's actions all have a role that may not). */
#define DK_ACTION_ANYONE DK_ACTION_COUNT

enum dk_tui_action {
#define DK_TUI_ACTION_ENUM(name, help, needs) DK_ACT_##name,
	DK_TUI_ACTION_LIST(DK_TUI_ACTION_ENUM)
#undef DK_TUI_ACTION_ENUM
	    DK_ACT_COUNT,
	DK_ACT_NONE
};

/* Which views a binding belongs to. */
enum dk_view_kind {
	DK_VIEW_DASHBOARD = 1 << 0,
	DK_VIEW_LIST = 1 << 1,
	DK_VIEW_DETAIL = 1 << 2,
	DK_VIEW_TIMELINE = 1 << 3,
	DK_VIEW_HELP = 1 << 4,
	DK_VIEW_FORM = 1 << 5,
	DK_VIEW_ACCOUNTS = 1 << 6,
	DK_VIEW_AUDIT = 1 << 7,
	DK_VIEW_VICTIMS = 1 << 8, /* the list of victims */
	DK_VIEW_VICTIM = 1 << 9,  /* one victim */
	DK_VIEW_VET = 1 << 10,    /* vetting: the cases naming a person */
	DK_VIEW_REPORTS = 1 << 11,
	DK_VIEW_CONFLICTS = 1 << 12, /* the flagged cases (exchange between offices) */
	DK_VIEW_OFFICES = 1 << 13,
	DK_VIEW_ANY = 0x3fff,
};

struct dk_binding {
	unsigned views; /* enum dk_view_kind bits */
	int key;        /* a character or a KEY_ code */
	const char *name;
	enum dk_tui_action action;
};

extern const struct dk_binding dk_bindings[];
extern const int dk_nbindings;

/* The action bound to key in a view kind, or DK_ACT_NONE. */
enum dk_tui_action dk_tui_action_for(unsigned view, int key);
/* The untranslated help text of an action. */
const char *dk_tui_action_help(enum dk_tui_action a);
/* The name of the first key bound to an action in a view kind ("m"), or NULL. */
const char *dk_tui_key_name(unsigned view, enum dk_tui_action a);
/* What a role must be allowed for the action: an app action, or DK_ACTION_ANYONE. */
enum dk_action dk_tui_action_needs(enum dk_tui_action a);
/* Whether a role (an identifier) is offered the action. */
bool dk_tui_role_may(const char *role, enum dk_tui_action a);

struct dk_tui;
struct dk_view;
struct dk_open_arg;

typedef struct dk_view *(*dk_view_open_fn)(struct dk_tui *t, const struct dk_open_arg *arg);

/* One screen (tmux's window_mode, tig's view_ops). */
struct dk_view_ops {
	enum dk_view_kind kind;
	const char *(*title)(struct dk_view *v);
	void (*draw)(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols);
	/* An action from the binding table. */
	void (*action)(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a);
	/* Raw input before the bindings (forms); true when consumed. */
	bool (*input)(struct dk_tui *t, struct dk_view *v, wint_t ch, bool function_key);
	/* Loads (again) what it shows: after a change, and when the date changes. */
	void (*reload)(struct dk_tui *t, struct dk_view *v);
	/* Wipes what it holds and frees it (every screen is freed at the lock). */
	void (*free)(struct dk_view *v);
};

struct dk_view {
	const struct dk_view_ops *ops;
	void *data;
};

struct dk_tui {
	struct dk_app *app;
	const struct dk_front_options *opts;
	struct dk_view *stack[DK_TUI_MAX_VIEWS];
	int depth;
	char message[256];
	bool message_is_error;
	bool quit;
	bool colour;
	time_t last_input;
	bool lock_requested; /* a modal widget saw the idle time run out */
	int cursor_y;        /* where a form wants the text cursor; -1 hides it */
	int cursor_x;
	char account[DK_NAME_MAX + 1];
	char role[32];
	/*
	 * Changes saved from this session to victims and to subjects: a view
	 * holding what the app audits when it is read (identities) reads it
	 * again only after one of them, a refresh (r) or an unlock.
	 */
	unsigned long victim_changes;
	unsigned long subject_changes;
	const dk_view_open_fn *views; /* what dk_tui_open calls: views.c's table */
	unsigned dirty;               /* enum dk_tui_dirty: what the next paint draws */
	int message_rows;             /* rows the message line took when last drawn */
	bool too_small;               /* the last paint asked for a larger terminal */
	unsigned long draws;          /* views drawn: counted for the tests */
	bool show_draws;              /* DOCKET_TEST_DRAWS: the count on the status bar */
	/*
	 * The office every read keeps to (dk_app_office_filter: the whole
	 * connection, so every screen), "" for all; and whether the database
	 * holds another office's cases (then a case is addressed REF@OFFICE).
	 */
	char office[DK_OFFICE_NAME_MAX + 1];
	bool many_offices;
};

/*
 * What must be drawn again (tmux's redraw flags): the next dk_tui_paint draws
 * only these regions and sends them with one doupdate.
 */
enum dk_tui_dirty {
	DK_DIRTY_TITLE = 1 << 0,
	DK_DIRTY_BODY = 1 << 1, /* the view */
	DK_DIRTY_MESSAGE = 1 << 2,
	DK_DIRTY_STATUS = 1 << 3,
	DK_DIRTY_VIEW = DK_DIRTY_TITLE | DK_DIRTY_BODY, /* the view changed or another is on top */
	DK_DIRTY_ALL = 0xf,
};

void dk_tui_dirty(struct dk_tui *t, unsigned what);
/* Draws what is dirty, if anything, in one doupdate. */
void dk_tui_paint(struct dk_tui *t);
/* Empties the message line (dirty only when it held something). */
void dk_tui_clear_message(struct dk_tui *t);

/* Set by SIGTERM and SIGHUP: the loop and the modal widgets end the session. */
extern volatile sig_atomic_t dk_tui_stop_requested;

/* Colour pairs, each with a non-colour cue drawn next to it. */
enum dk_tui_colour { DK_COLOUR_OVERDUE = 1, DK_COLOUR_SOON, DK_COLOUR_OK, DK_COLOUR_TITLE };

/*
 * What can be opened: every screen and every form. A view opens another only
 * through dk_tui_open; the constructors behind it are views.c's table.
 */
enum dk_open {
	DK_OPEN_DASHBOARD,
	DK_OPEN_LIST,
	DK_OPEN_DETAIL,
	DK_OPEN_TIMELINE,
	DK_OPEN_HELP,
	DK_OPEN_ACCOUNTS,
	DK_OPEN_AUDIT,
	DK_OPEN_VICTIMS,
	DK_OPEN_VICTIM,
	DK_OPEN_VET,
	DK_OPEN_REPORTS,
	DK_OPEN_CONFLICTS,
	DK_OPEN_OFFICES,
	DK_OPEN_FORM_INTAKE,
	DK_OPEN_FORM_MOVE,
	DK_OPEN_FORM_SET,
	DK_OPEN_FORM_EXTEND,
	DK_OPEN_FORM_NOTE,
	DK_OPEN_FORM_VICTIM_ADD,
	DK_OPEN_FORM_SUBJECT_ADD,
	DK_OPEN_FORM_SUBJECT_ACTION,
	DK_OPEN_FORM_INFORM,
	DK_OPEN_FORM_ASSIST,
	DK_OPEN_FORM_PATERNITY,
	DK_OPEN_COUNT
};

struct dk_code_choice;

/* What a view opens with; each kind reads only the fields it needs (NULL: none). */
struct dk_open_arg {
	const char *id; /* a case reference or a victim's code; the list: text to find */
	bool only;      /* the list: overdue cases only; victims: awaiting an update only */
	const struct dk_case *c;  /* the move form */
	const char *const *rules; /* the extend form: the live deadlines */
	int nrules;
	const struct dk_code_choice *subjects; /* the subject action form */
	int nsubjects;
	/* The list: only these cases (copied), in this order, under this title (reports). */
	const char *const *refs;
	int nrefs;
	const char *title;
};

/* The constructors, by what they open (views.c; the loop hands it to the stack). */
extern const dk_view_open_fn dk_views[DK_OPEN_COUNT];

/* Opens a view on top of the stack. */
void dk_tui_open(struct dk_tui *t, enum dk_open what, const struct dk_open_arg *arg);
/* The same for a view that needs only a reference or a code (or nothing: NULL). */
void dk_tui_open_id(struct dk_tui *t, enum dk_open what, const char *id);
/* Opens a view in place of the top one (a form opening the case or victim it saved). */
void dk_tui_open_instead(struct dk_tui *t, enum dk_open what, const char *id);

/*
 * The screens a key opens from anywhere, offered to the roles their action
 * needs (an unlock as a role without it closes them).
 */
struct dk_tui_screen {
	enum dk_tui_action action;
	enum dk_view_kind kind;
	enum dk_open what;
	const char *hint; /* the status bar's word for it; NULL: not on the status bar */
	/* An action the screen runs once it is on top (vetting asks whom to find), or NONE. */
	enum dk_tui_action then;
};

extern const struct dk_tui_screen dk_tui_screens[];
extern const int dk_tui_nscreens;

/* A case as the app names it: "REF", or "REF@OFFICE" when several offices' cases share refs. */
#define DK_TUI_ADDR_MAX (DK_REF_MAX + 1 + DK_OFFICE_NAME_MAX)

/*
 * The reference to hand the app for a listed case: with many (the database
 * holds another office's cases) REF@OFFICE, which names one case even when
 * two offices' cases share the reference; plain REF otherwise.
 */
void dk_tui_case_address(const struct dk_case *c, bool many, char *out, size_t size);
/* Reads again whether the database holds another office's cases (t->many_offices). */
void dk_tui_offices_refresh(struct dk_tui *t);
/*
 * Asks which office every screen keeps to (a list of the offices, or the
 * name typed for a role that may not list them; "all" clears it); true when
 * the filter changed (t->office). Errors go to the message line.
 */
bool dk_tui_choose_office(struct dk_tui *t);
/* "  office: NAME" while an office filter holds, "" otherwise (for titles). */
const char *dk_tui_office_title(const struct dk_tui *t);

/* Views: only views.c calls these (and forms.c until it opens through the registry). */
struct dk_view *dk_view_dashboard_new(struct dk_tui *t);
/* The case list, overdue cases only with overdue_only, found by search when not NULL. */
struct dk_view *dk_view_list_new(struct dk_tui *t, bool overdue_only, const char *search);
struct dk_view *dk_view_detail_new(struct dk_tui *t, const char *ref);
struct dk_view *dk_view_timeline_new(struct dk_tui *t, const char *ref);
struct dk_view *dk_view_help_new(struct dk_tui *t);
/* The cases flagged as moved apart by two offices, each with its moves. */
struct dk_view *dk_view_conflicts_new(struct dk_tui *t);
/* The offices: this one and its peers, trust, fingerprints, audit heads, broken chains. */
struct dk_view *dk_view_offices_new(struct dk_tui *t);
/* Administrators: the accounts (add, remove, set a passphrase). */
struct dk_view *dk_view_accounts_new(struct dk_tui *t);
/* Administrators and auditors: the audit log, newest first, and its verification. */
struct dk_view *dk_view_audit_new(struct dk_tui *t);

/* Every role: the victims (only those awaiting an update with awaiting), and one victim. */
struct dk_view *dk_view_victims_new(struct dk_tui *t, bool awaiting);
struct dk_view *dk_view_victim_new(struct dk_tui *t, const char *code);

/*
 * Administrators and officers: vetting. The screen opens empty; its search
 * action (DK_ACT_VET_AGAIN) prompts for a name or an index number, runs one
 * dk_app_vet and keeps only the rows found, never the query.
 */
struct dk_view *dk_view_vet_new(struct dk_tui *t);

/*
 * Every role: the reports screen (issue 12), three panes: allegations as
 * bars, timeliness and follow-up as tables; Enter on a follow-up count
 * lists the cases behind it (dk_view_list_refs_new).
 */
struct dk_view *dk_view_reports_new(struct dk_tui *t);
/* The case list showing only refs (n of them, copied), in their order, titled title. */
struct dk_view *dk_view_list_refs_new(struct dk_tui *t, const char *title, const char *const *refs,
                                      int n);

#define DK_LINE_MAX_TUI 201

/* Forms (each a row of form_table.c): intake, move, set a field, extend, note. */
struct dk_view *dk_form_intake_new(struct dk_tui *t);
/* The move form for case c, named ref to the app (REF or REF@OFFICE). */
struct dk_view *dk_form_move_new(struct dk_tui *t, const struct dk_case *c, const char *ref);
struct dk_view *dk_form_set_new(struct dk_tui *t, const char *ref);
struct dk_view *dk_form_extend_new(struct dk_tui *t, const char *ref, const char *const *rules,
                                   int nrules);
struct dk_view *dk_form_note_new(struct dk_tui *t, const char *ref);
/* A victim named in a case (ref): a new one, or one already recorded (its code). */
struct dk_view *dk_form_victim_add_new(struct dk_tui *t, const char *ref);
/* A subject added to a case. */
struct dk_view *dk_form_subject_add_new(struct dk_tui *t, const char *ref);

/* A victim or subject as a choice list offers it (no identity: forms outlive a lock). */
struct dk_code_choice {
	char code[DK_CODE_MAX];
	char label[96];
};

#define DK_TUI_MAX_CODES 64 /* victims or subjects of one case offered in a choice list */

/* An interim or final action on one of the case's subjects. */
struct dk_view *dk_form_subject_action_new(struct dk_tui *t, const char *ref,
                                           const struct dk_code_choice *subjects, int n);
/* For one victim (its code): told of progress, assistance, the paternity claim. */
struct dk_view *dk_form_inform_new(struct dk_tui *t, const char *code);
struct dk_view *dk_form_assist_new(struct dk_tui *t, const char *code);
struct dk_view *dk_form_paternity_new(struct dk_tui *t, const char *code);

/*
 * A scrolling page of lines (a case, its timeline, a victim, the help).
 * Lines are sanitized when drawn; long ones wrap onto continuation rows
 * indented by what wrap_indent was when the line was added.
 */
struct dk_page {
	char **lines;
	attr_t *attrs;
	int *indents;
	int n, cap;
	int top;
	int wrap_indent;
};

void dk_page_add(struct dk_page *p, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Splits multi-line text into lines, each after indent. */
void dk_page_add_text(struct dk_page *p, const char *indent, const char *text);
/* "Label                  value", the label padded by display width. */
void dk_page_field(struct dk_page *p, const char *label, const char *value);
/* Copies the lines of another page to the end of p. */
void dk_page_append(struct dk_page *p, const struct dk_page *from);
/* The same for n lines of it from the first. */
void dk_page_append_lines(struct dk_page *p, const struct dk_page *from, int first, int n);
/* Wipes and drops the lines from the nth on, or every line (the memory for them stays). */
void dk_page_truncate(struct dk_page *p, int n);
void dk_page_clear(struct dk_page *p);
void dk_page_free(struct dk_page *p);
void dk_page_draw(struct dk_page *p, int top, int rows, int cols);
/* Scrolls for a movement action (the view is dirty if it moved); false for any other action. */
bool dk_page_scroll(struct dk_tui *t, struct dk_page *p, enum dk_tui_action a);

/*
 * A window of rows onto a keyset-paged source (pager.c): the case list and
 * the audit log. The view owns rows (cap rows of size bytes) and says how to
 * read a page and how to clear a row; the pager moves the window and the
 * selection, and reads only a screenful at a time.
 */
struct dk_pager {
	void *rows;
	size_t size;
	int cap;
	int nrows, sel;
	int page; /* rows the screen holds */
	/*
	 * Up to max rows next to from (after it, or before it when backward, the
	 * nearest first; NULL: from the start or the end) into out; how many, or
	 * -1 when the read failed (the callback says why on the message line).
	 */
	int (*fetch)(struct dk_tui *t, void *ctx, const void *from, bool backward, void *out,
	             int max);
	void (*clear_row)(void *row); /* wipes and frees what a row holds */
	void *ctx;
	unsigned long generation; /* bumped when rows come in: the window changed */
};

/* The first page, the selection on its first row; false when it could not be read. */
bool dk_pager_first(struct dk_tui *t, struct dk_pager *p);
/* The first page again, the selection kept where it can be (after a change below). */
void dk_pager_reload(struct dk_tui *t, struct dk_pager *p);
/* Moves for a movement action (the view dirty when it moved); false for any other. */
bool dk_pager_move(struct dk_tui *t, struct dk_pager *p, enum dk_tui_action a);
/* Sets how many rows the window holds, between 1 and its capacity; reads nothing. */
void dk_pager_size(struct dk_pager *p, int page);
/* Fits the window to page rows (after a resize), reading what it lacks. */
void dk_pager_fit(struct dk_tui *t, struct dk_pager *p, int page);
/* Clears every row. */
void dk_pager_clear(struct dk_pager *p);

/* A vocabulary value by its translated label; the id when unknown, "-" when empty. */
const char *dk_tui_vocab_label(enum dk_vocab_kind kind, const char *id);
/* Any identifier by its translated display name (docket/label.h); the id when unknown,
 * "-" when NULL or empty. */
const char *dk_tui_label(enum dk_label_kind kind, const char *id);

/* The view stack. push takes ownership; pop frees the top view. */
void dk_tui_push(struct dk_tui *t, struct dk_view *v);
void dk_tui_pop(struct dk_tui *t);
/* Replaces the top view (a form opening the case it created). */
void dk_tui_replace(struct dk_tui *t, struct dk_view *v);

/* The message line; error messages are marked as such. */
void dk_tui_say(struct dk_tui *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Draws s at (y, x) sanitized (control characters and bidi overrides shown
 * inert) and cut or padded to exactly width columns, measured with wcwidth.
 */
void dk_tui_put(int y, int x, int width, const char *s, attr_t attr);

/*
 * Builds a line of columns, each sanitized on its own (so bidi controls
 * stay inside their cell's isolate) and cut or padded to its width in
 * terminal columns (wcwidth), so translated and wide text stays aligned; a
 * width of 0 leaves the cell uncut (the last column). Returns a static buffer.
 */
const char *dk_tui_columns(const int *widths, const char *const *cells, int n);

/* Bytes of the longest prefix of s (UTF-8, sanitized) that fits in width columns. */
size_t dk_tui_prefix(const char *s, int width);

/*
 * Bytes of rest (sanitized) for one row of width columns: the longest prefix
 * that fits, cut before its last blank so no word is split (*skip is then 1,
 * for the blank); a single word wider than the row is cut.
 */
size_t dk_tui_wrap_at(const char *rest, int width, size_t *skip);

/*
 * Draws s sanitized and wrapped at word boundaries from (y, x) over at most
 * rows rows of width columns, continuation rows indented by indent; returns
 * the rows used. With y < 0 it draws nothing and only counts them.
 */
int dk_tui_put_wrapped(int y, int x, int width, int rows, int indent, const char *s, attr_t attr);

/* Draws the whole screen (title, view, message, status bar) again, at once. */
void dk_tui_draw(struct dk_tui *t);

/* Whether the terminal is below the minimum size; with draw, asks for a larger one. */
bool dk_tui_too_small(bool draw);

/* Wipes the last line of columns built (dk_tui_columns): it held case data. */
void dk_tui_draw_forget(void);

/*
 * The unlock screen: account (prefilled; after a lock, the locked one) and
 * passphrase; false when the user gives up. why says what to do.
 */
bool dk_tui_unlock(struct dk_tui *t, const char *why, bool locked);

/*
 * One key for a modal widget (prompt, choice list): redraws the screen
 * under it on resize, and returns false with the widget to close when the
 * user quits (Ctrl-C) or the idle lock is due (the loop then locks).
 */
bool dk_tui_modal_key(struct dk_tui *t, wint_t *ch, int *rc);

/* Reads one line of text on the message line (search, mission filter); false on Esc. */
bool dk_tui_prompt(struct dk_tui *t, const char *label, char *buf, size_t size);

/*
 * Reads a passphrase on the message line into s (emptied first), without
 * echo; false on Esc (s is then wiped).
 */
bool dk_tui_prompt_secret(struct dk_tui *t, const char *label, struct dk_secret *s);

/*
 * One key typed into a passphrase: a character is appended (as UTF-8, up to
 * DK_PASSPHRASE_MAX bytes and the secret's capacity), Backspace drops the
 * last code point. True when the key was one of these.
 */
bool dk_tui_secret_key(struct dk_secret *s, wint_t ch, bool function_key);

/* Asks a yes/no question on the message line; true for y. */
bool dk_tui_confirm(struct dk_tui *t, const char *question);

/* Whether the unlocked account's role is offered the action. */
bool dk_tui_may(const struct dk_tui *t, enum dk_tui_action a);

/* A key hint: an action and its short label, for the line at the foot of a screen. */
struct dk_hint {
	enum dk_tui_action action;
	const char *label; /* untranslated, N_() */
};

/*
 * "m move · e change a field · …" from the hints whose action the role is
 * offered, with each key as the binding table names it in that view kind.
 * Returns a static buffer.
 */
const char *dk_tui_hints(const struct dk_tui *t, unsigned view, const struct dk_hint *h, int n);

/* Lets the user pick one of n labels in a centred list; returns its index or -1 (Esc). */
int dk_tui_choose(struct dk_tui *t, const char *title, const char *const *labels, int n);

/*
 * The colour attribute (or a plain one in monochrome) for a deadline status
 * as the app gives it (overdue, due_soon, on_track, ...; NULL for none).
 */
attr_t dk_tui_due_attr(struct dk_tui *t, const char *status);
/*
 * "!!" overdue, "!" due soon (within its rule's warning days), "" otherwise:
 * the cue that works without colour.
 */
const char *dk_tui_due_mark(const char *status);

/*
 * Moves the selection of an in-memory list of n rows for the movement actions
 * (down, up, page down/up by step, top, bottom), the view dirty when it moved;
 * false when a is none of them.
 */
bool dk_tui_move_selection(struct dk_tui *t, enum dk_tui_action a, int *sel, int n, int step);

#endif
