/*
 * The use cases: the only API the front ends (CLI, TUI) call. Each call that
 * touches the database is one transaction: it validates everything first,
 * then changes everything it says or nothing, audit entry included.
 */
#ifndef DOCKET_APP_H
#define DOCKET_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "docket/case.h"
#include "docket/code.h"
#include "docket/deadline.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/report.h"
#include "docket/secret.h"

struct dk_app;

/*
 * A session on the database at db_path (its key slots live in
 * "<db_path>.keys"). today is the date every rule takes as today.
 */
struct dk_app *dk_app_new(const char *db_path, dk_date today);

/* Locks (closing the database, wiping the key), frees and NULLs *app. */
void dk_app_free(struct dk_app **app);

/* The last failure's one-line detail (translated), "" after success. */
const char *dk_app_errmsg(const struct dk_app *app);

/*
 * What the last command tells beyond its success, translated, one line each
 * ("" when nothing): an extension that no longer applies after a change of
 * urgency or entity, with the deadline that replaced it, or that applies again.
 */
const char *dk_app_notice(const struct dk_app *app);

/*
 * What the unlock found altered outside docket that does not stop this
 * account from working (a cut or rewritten audit log, another account's
 * record); "" when nothing. Front ends show it for the whole session.
 */
const char *dk_app_warning(const struct dk_app *app);

/* The date the session takes as today. */
dk_date dk_app_today(const struct dk_app *app);

/* Moves today (a front end whose clock passed midnight); the next command uses it. */
void dk_app_set_today(struct dk_app *app, dk_date today);

/* The key-slot sidecar's path for a database path (malloc'd). */
char *dk_app_keys_path(const char *db_path);

/*
 * Creates the database and its key-slot sidecar with one administrator.
 * kdf is "interactive", "moderate" or "sensitive" (NULL: moderate). The
 * passphrase must be at least 10 characters. Refuses an existing path.
 */
enum dk_rc dk_app_init(struct dk_app *app, const char *admin, const struct dk_secret *passphrase,
                       const char *kdf) __attribute__((warn_unused_result));

/*
 * Unlocks the database as user. DK_AUTH (after the same Argon2id work) for
 * an unknown user or a wrong passphrase; the failure is counted in the
 * sidecar and audited at the next successful unlock. Nothing is written to
 * the database until the first command runs. An unlock as another account
 * than the handle's previous session is a switch: the first command audits
 * it too (session_switch, detail "from=<previous account>").
 */
enum dk_rc dk_app_unlock(struct dk_app *app, const char *user, const struct dk_secret *passphrase)
    __attribute__((warn_unused_result));

/*
 * The notice of a demo database, read before any unlock from "<db_path>.demo"
 * (./run demo writes it: the demo's accounts and passphrase, no secret
 * there; docket itself never writes it). Only a regular file of the user's
 * own that nobody else may write counts. False when there is none.
 */
bool dk_app_demo_notice(const struct dk_app *app, char *out, size_t size);

/* Closes the database and wipes the key; the session can be unlocked again. */
void dk_app_lock(struct dk_app *app);

/* The unlocked account's name and role ("" when locked). */
const char *dk_app_user(const struct dk_app *app);
const char *dk_app_role(const struct dk_app *app);

/* A new allegation, as typed: every field is validated by dk_app_case_add. */
struct dk_case_input {
	const char *mission;  /* required: 2-12 letters */
	const char *reported; /* required: YYYY-MM-DD, not after today */
	const char *category; /* required: a category identifier */
	const char *incident; /* optional: YYYY-MM-DD, not after reported */
	const char *type;
	const char *personnel;
	const char *nationality; /* ISO 3166-1 alpha-3 */
	const char *source;
	const char *summary; /* multi-line free text */
	bool urgent;
};

/* Records a new case (state received) and writes its reference into ref. */
enum dk_rc dk_app_case_add(struct dk_app *app, const struct dk_case_input *in, char ref[DK_REF_MAX])
    __attribute__((warn_unused_result));

/* One deadline as the front ends show it; strings valid during the callback only. */
struct dk_deadline_view {
	const char *ref;
	const char *rule;
	dk_date start;
	dk_date due; /* judged against: the last extension, else original_due */
	dk_date original_due;
	dk_date met_on;   /* DK_DATE_NONE while live */
	dk_date ended_on; /* closed unmet after due (missed); DK_DATE_NONE otherwise */
	int extensions;
	int days_left;      /* due - today */
	const char *status; /* on_track, due_soon, overdue, met, missed */
	const char
	    *explanation;   /* "referred 2026-01-15 + 6 months = 2026-07-15" (case show only) */
	const char *victim; /* per-victim deadlines: the victim's code; "" otherwise */
};

typedef bool (*dk_deadline_fn)(const struct dk_deadline_view *d, void *ctx);

/*
 * Loads one case by reference into out (zeroed first; clear it with
 * dk_case_clear), as it stood at the end of today, and passes each of its
 * deadlines, live and met, with their explanation to fn (which may be NULL).
 */
enum dk_rc dk_app_case_get(struct dk_app *app, const char *ref, struct dk_case *out,
                           dk_deadline_fn fn, void *ctx) __attribute__((warn_unused_result));

/* A workflow move, as typed. on is required; the rest as the move needs (domain.md). */
struct dk_move_input {
	const char *ref;
	const char *state;
	const char *on;
	const char *entity;
	const char *outcome;
	const char *closure;
	const char *note;
};

/*
 * Moves a case along the workflow. An illegal move, a missing or unexpected
 * requirement, a date before the case's previous event or after today is
 * DK_INVALID; reopening a closed case is for administrators (DK_DENIED).
 */
enum dk_rc dk_app_case_move(struct dk_app *app, const struct dk_move_input *in)
    __attribute__((warn_unused_result));

/*
 * Changes one field, recorded as a "set" event dated on (NULL: today). Fields:
 * urgent (yes|no), entity, type, personnel, nationality, source, category,
 * incident, summary; and mission (administrators: an open registered mission;
 * the reference stays, scope, counts and holidays follow the new mission).
 */
enum dk_rc dk_app_case_set(struct dk_app *app, const char *ref, const char *field,
                           const char *value, const char *on) __attribute__((warn_unused_result));

/* Extends a live deadline to a later date, keeping its original due date. */
enum dk_rc dk_app_case_extend(struct dk_app *app, const char *ref, const char *rule, const char *to,
                              const char *reason) __attribute__((warn_unused_result));

/* Adds a note to a case's history, dated on (NULL: today). */
enum dk_rc dk_app_case_note(struct dk_app *app, const char *ref, const char *text, const char *on)
    __attribute__((warn_unused_result));

/* What `deadlines` lists: live ones due within `within` days (negative: all live), or all. */
struct dk_deadline_filter {
	int within;
	bool all; /* also met and missed ones */
};

/* Deadlines of every case as of the end of today, by due date then reference. */
enum dk_rc dk_app_deadlines(struct dk_app *app, const struct dk_deadline_filter *filter,
                            dk_deadline_fn fn, void *ctx) __attribute__((warn_unused_result));

/* One event of a case's timeline; strings valid during the callback only. */
struct dk_timeline_entry {
	dk_date on;
	const char *kind; /* created, moved, set, extended, note, victim_added, victim_informed,
	                     victim_assistance, victim_paternity, subject_added, subject_action */
	const char *actor;
	const char *detail; /* translated, may hold the user's free text */
	const char *ref;    /* the case it belongs to ("" for a victim's own events) */
};

/* Every event of one case up to today, in date order. */
enum dk_rc dk_app_timeline(struct dk_app *app, const char *ref,
                           bool (*fn)(const struct dk_timeline_entry *e, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * One page of the case list for a scrolling view: up to limit cases after
 * (or, with backward, before) page->after, in the filter's order; backward
 * pages come nearest first. Filters are validated like dk_app_case_list's.
 * Keyset pagination: the cost does not depend on the position.
 */
enum dk_rc dk_app_case_page(struct dk_app *app, const struct dk_case_page *page,
                            bool (*fn)(const struct dk_case *c, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

#define DK_DASHBOARD_RULES 8
#define DK_DASHBOARD_URGENT 50

/* What the home screen shows. */
struct dk_dashboard {
	struct {
		char rule[32];
		long overdue;   /* live and past due */
		long within_7;  /* due today to 7 days ahead */
		long within_30; /* due today to 30 days ahead */
	} rules[DK_DASHBOARD_RULES];
	int nrules;
	long victims_awaiting_update; /* victims whose victim_update deadline is overdue */
	struct {
		char ref[DK_REF_MAX];
		char rule[32];
		dk_date due;
		int days_left;
		char status[16];
		char victim[DK_CODE_MAX]; /* "" for a case's own deadline */
	} urgent[DK_DASHBOARD_URGENT];    /* the most urgent live deadlines, by due date */
	int nurgent;
};

/* Counts and the most urgent deadlines, as of today. */
enum dk_rc dk_app_dashboard(struct dk_app *app, struct dk_dashboard *out)
    __attribute__((warn_unused_result));

/* One deadline rule as `rule list` shows it. */
struct dk_rule_view {
	const char *id;
	const char *start; /* the state whose move starts it, or victim_informed */
	int length;
	const char *unit;    /* months, days, working_days */
	const char *met_by;  /* the state whose move meets it, or victim_informed */
	const char *applies; /* not_urgent, urgent, entity_tcc_pcc, has_victims */
	int warn_days;
};

/* The rule table, in order. */
enum dk_rc dk_app_rule_list(struct dk_app *app, bool (*fn)(const struct dk_rule_view *r, void *ctx),
                            void *ctx) __attribute__((warn_unused_result));

/*
 * Changes a rule's length and/or warning days (NULL leaves one as it is;
 * administrators only) and recomputes every deadline under it.
 */
enum dk_rc dk_app_rule_set(struct dk_app *app, const char *id, const char *length,
                           const char *warn_days) __attribute__((warn_unused_result));

/* Per-mission holidays (working-day rules); changing them recomputes the deadlines they move. */
enum dk_rc dk_app_holiday_add(struct dk_app *app, const char *mission, const char *date,
                              const char *name) __attribute__((warn_unused_result));
enum dk_rc dk_app_holiday_remove(struct dk_app *app, const char *mission, const char *date)
    __attribute__((warn_unused_result));

struct dk_holiday_view {
	const char *mission;
	dk_date day;
	const char *name;
};

/* Holidays of one mission, or of all when mission is NULL. */
enum dk_rc dk_app_holiday_list(struct dk_app *app, const char *mission,
                               bool (*fn)(const struct dk_holiday_view *h, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/* ---- Missions: the register every mission code is checked against ---- */

/* One registered mission; strings valid during the callback only. */
struct dk_mission_view {
	const char *code;
	const char *name;
	const char *country; /* ISO 3166-1 alpha-3; NULL when none */
	dk_date closed_on;   /* DK_DATE_NONE while open */
	bool closed;         /* closed by today: no new cases, account scopes or holidays */
	long cases;          /* its cases the account may see */
};

/*
 * Registers a mission (administrators): code 2-12 letters (upper-cased),
 * name one line, country an ISO 3166-1 alpha-3 code or NULL.
 */
enum dk_rc dk_app_mission_add(struct dk_app *app, const char *code, const char *name,
                              const char *country) __attribute__((warn_unused_result));

/* Closes an open mission as of today (administrators); its cases stay as they are. */
enum dk_rc dk_app_mission_close(struct dk_app *app, const char *code)
    __attribute__((warn_unused_result));

/*
 * Every registered mission by code; with choices, only the open ones in the
 * account's missions (what a form may offer), and without counting cases.
 */
enum dk_rc dk_app_mission_list(struct dk_app *app, bool choices,
                               bool (*fn)(const struct dk_mission_view *m, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * Streams the cases matching the filter (mission and state are validated)
 * to fn in order, as they stood at the end of today, with next_due set;
 * fn returns false to stop.
 */
enum dk_rc dk_app_case_list(struct dk_app *app, const struct dk_case_filter *filter,
                            bool (*fn)(const struct dk_case *c, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * Adds n reproducible synthetic cases (seeded) spread over missions,
 * categories, states and dates up to today, in one transaction.
 */
enum dk_rc dk_app_demo(struct dk_app *app, long n, uint64_t seed)
    __attribute__((warn_unused_result));

/*
 * Roles (app_access.c): one table says, for every action and every kind of
 * field, which role may do or see it. Officers and advocates are also
 * scoped to their missions: cases elsewhere look like cases that do not
 * exist. Front ends ask dk_app_may only to decide what to offer; the engine
 * checks every call itself.
 *
 *	action                admin officer advocate auditor
 */
#define DK_ACTION_LIST(X)                                                                          \
	X(CASE_READ, "case_read", 1, 1, 1, 1) /* cases, states, dates, deadlines */                \
	X(CASE_ADD, "case_add", 1, 1, 0, 0)                                                        \
	X(CASE_CHANGE, "case_change", 1, 1, 0, 0) /* move, set, extend, note */                    \
	X(CASE_REOPEN, "case_reopen", 1, 0, 0, 0)                                                  \
	X(CASE_RELOCATE, "case_relocate", 1, 0, 0, 0)   /* put a case under another mission */     \
	X(FREE_TEXT_READ, "free_text_read", 1, 1, 1, 0) /* summaries and notes */                  \
	X(VICTIM_IDENTITY_READ, "victim_identity_read", 1, 1, 1, 0)                                \
	X(SUBJECT_IDENTITY_READ, "subject_identity_read", 1, 1, 0, 0)                              \
	X(VICTIM_ADD, "victim_add", 1, 1, 1, 0)           /* name a victim in a case */            \
	X(VICTIM_SUPPORT, "victim_support", 1, 1, 1, 0)   /* inform, assistance, paternity */      \
	X(SUBJECT_CHANGE, "subject_change", 1, 1, 0, 0)   /* add subjects, record actions */       \
	X(VET, "vet", 1, 1, 0, 0)                         /* search cases naming a person */       \
	X(SETTINGS_READ, "settings_read", 1, 1, 1, 1)     /* rules, holidays */                    \
	X(SETTINGS_CHANGE, "settings_change", 1, 0, 0, 0) /* rules */                              \
	X(HOLIDAY_CHANGE, "holiday_change", 1, 1, 0, 0)   /* in one's missions */                  \
	X(MISSION_MANAGE, "mission_manage", 1, 0, 0, 0)   /* register and close missions */        \
	X(DEMO, "demo", 1, 0, 0, 0)                                                                \
	X(ACCOUNT_MANAGE, "account_manage", 1, 0, 0, 0) /* add, remove, reset another's */         \
	X(ACCOUNT_LIST, "account_list", 1, 0, 0, 1)                                                \
	X(PASSPHRASE_CHANGE, "passphrase_change", 1, 1, 1, 1) /* one's own */                      \
	X(RECOVERY_CREATE, "recovery_create", 1, 0, 0, 0)                                          \
	X(BACKUP, "backup", 1, 0, 0, 0)                                                            \
	X(AUDIT_READ, "audit_read", 1, 0, 0, 1) /* audit log and verify */                         \
	X(CHECK, "check", 1, 0, 0, 1)                                                              \
	X(REPORT_READ, "report_read", 1, 1, 1, 1) /* counts: scoped roles, in their missions */    \
	X(OFFICE_READ, "office_read", 1, 1, 0, 1) /* this office, its peers, their heads */        \
	X(OFFICE_MANAGE, "office_manage", 1, 0, 0, 0) /* office init, trust, untrust */            \
	X(EXPORT, "export", 1, 1, 0, 0)               /* bundles of the cases one may see */       \
	X(IMPORT, "import", 1, 0, 0, 0)

enum dk_action {
#define DK_ACTION_ENUM(name, id, admin, officer, advocate, auditor) DK_ACTION_##name,
	DK_ACTION_LIST(DK_ACTION_ENUM)
#undef DK_ACTION_ENUM
	    DK_ACTION_COUNT
};

/* The action's identifier ("case_add"), as audit entries name it. */
const char *dk_action_id(enum dk_action a);

/* True when role (an identifier) may take action at all (in some mission). */
bool dk_role_may(const char *role, enum dk_action a);

/* True when role is limited to its account's missions (officer, advocate). */
bool dk_role_scoped(const char *role);

/* Whether the unlocked account's role may take the action (false when locked). */
bool dk_app_may(const struct dk_app *app, enum dk_action a);

/* How `case set` checks a field's value. */
enum dk_set_check {
	DK_SET_YESNO,
	DK_SET_VOCAB,
	DK_SET_NATIONALITY,
	DK_SET_DATE,
	DK_SET_TEXT,
	DK_SET_MISSION,
};

struct dk_settable {
	const char *field;
	enum dk_set_check check;
	int vocab;             /* DK_SET_VOCAB: its enum dk_vocab_kind; -1 otherwise */
	enum dk_action action; /* who may change it */
	size_t offset, size;   /* where it lives in struct dk_case */
};

/* The fields `case set` may change, in the order to offer them; *n gets their count. */
const struct dk_settable *dk_app_settable(size_t *n);

/* The unlocked account's missions, comma-separated; "" when it sees every mission. */
const char *dk_app_missions(const struct dk_app *app);

/* ---- Accounts (administrators; everyone may change their own passphrase) ---- */

struct dk_account_input {
	const char *name;     /* [a-z0-9._-], 1-64 characters */
	const char *role;     /* admin, officer, advocate, auditor */
	const char *missions; /* comma-separated; required for officers and advocates only */
	const char *kdf;      /* NULL: moderate */
};

/*
 * Checks an account to add (name, role, missions, kdf) as dk_app_user_add
 * does, so a front end can refuse it before asking for a passphrase.
 */
enum dk_rc dk_app_user_check(struct dk_app *app, const struct dk_account_input *in)
    __attribute__((warn_unused_result));

/* Adds an account with its own key slot. The passphrase needs 10 characters or more. */
enum dk_rc dk_app_user_add(struct dk_app *app, const struct dk_account_input *in,
                           const struct dk_secret *passphrase) __attribute__((warn_unused_result));

/*
 * Removes an account: its key slot is deleted (it can no longer unlock),
 * its record stays for the audit log. The last administrator and the
 * account in use cannot be removed.
 */
enum dk_rc dk_app_user_remove(struct dk_app *app, const char *name)
    __attribute__((warn_unused_result));

/*
 * Rewrites one key slot with a new passphrase: name NULL (or the user's own
 * name) for one's own; another's for administrators. kdf NULL: moderate.
 */
enum dk_rc dk_app_user_passwd(struct dk_app *app, const char *name,
                              const struct dk_secret *passphrase, const char *kdf)
    __attribute__((warn_unused_result));

/*
 * Removes every key slot that belongs to no active account and is not the
 * recovery code's (left by a removal or a failure of an older docket);
 * *removed says how many. Administrators; audited.
 */
enum dk_rc dk_app_user_prune_slots(struct dk_app *app, size_t *removed)
    __attribute__((warn_unused_result));

struct dk_account_view {
	const char *name;
	const char *role;
	const char *missions;   /* comma-separated, "" for every mission */
	const char *created_at; /* ISO 8601 UTC */
	const char *removed_at; /* NULL while active */
	bool has_slot;          /* can unlock */
};

/* Every account by name; removed ones too when all. */
enum dk_rc dk_app_user_list(struct dk_app *app, bool all,
                            bool (*fn)(const struct dk_account_view *a, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/* ---- Recovery codes ---- */

/* Six dash-separated groups of five Crockford base32 characters: 150 bits, plus NUL. */
#define DK_RECOVERY_CODE_LEN 36

/*
 * Creates (or replaces) the database's recovery slot and writes its code
 * into *code (new guarded memory, NUL-terminated), shown once and never
 * stored. Administrators only.
 */
enum dk_rc dk_app_recovery_create(struct dk_app *app, const char *kdf, struct dk_secret **code)
    __attribute__((warn_unused_result));

/*
 * On a locked session: unwraps the data key with the recovery code (case,
 * spaces and dashes do not matter), gives account user the new passphrase
 * and spends the code (its slot is removed: an administrator creates a new
 * one). DK_AUTH for a wrong code or an unknown or removed account.
 */
enum dk_rc dk_app_recovery_use(struct dk_app *app, const struct dk_secret *code, const char *user,
                               const struct dk_secret *passphrase, const char *kdf)
    __attribute__((warn_unused_result));

/* ---- Backup, checks and the audit log ---- */

/*
 * Writes a consistent encrypted copy of the database to path, and its key
 * slots to "<path>.keys": `docket --db path` opens it with the same
 * accounts. Refuses an existing path. Administrators only.
 */
enum dk_rc dk_app_backup(struct dk_app *app, const char *path) __attribute__((warn_unused_result));

/* One finding of dk_app_check: what was checked and what was found. */
typedef void (*dk_check_fn)(const char *what, bool ok, const char *detail, void *ctx);

/*
 * Checks every page (SQLite integrity check: each page decrypts and
 * authenticates), the key slots against the accounts, and the audit chain
 * and its head kept in the sidecar. DK_CORRUPT with the first problem.
 */
enum dk_rc dk_app_check(struct dk_app *app, dk_check_fn fn, void *ctx)
    __attribute__((warn_unused_result));

/*
 * Recomputes the audit chain: every entry's hash from its fields and the
 * previous entry's hash, consecutive ids, and the head kept in the sidecar
 * (a cut tail). *entries is the number checked. DK_CORRUPT naming the first
 * bad entry.
 */
enum dk_rc dk_app_audit_verify(struct dk_app *app, long *entries)
    __attribute__((warn_unused_result));

struct dk_audit_filter {
	const char *since; /* YYYY-MM-DD: entries from that day (UTC) on */
	const char *user;  /* one account */
	const char *ref;   /* one case */
	long long from_id; /* paging: start after this id (0: from the start, or the end) */
	int limit;         /* paging: at most this many (0: all) */
	bool newest_first;
};

struct dk_audit_view {
	long long id;
	const char *at; /* ISO 8601 UTC */
	const char *account;
	const char *action;
	const char *ref; /* "" when the entry names no case */
	const char *detail;
};

/* The audit log in id order (or newest first). Administrators and auditors. */
enum dk_rc dk_app_audit_log(struct dk_app *app, const struct dk_audit_filter *filter,
                            bool (*fn)(const struct dk_audit_view *e, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/* ---- Victims (identity apart; every view of a victim's identity is audited) ---- */

/* A victim named in a case, as typed. */
struct dk_victim_input {
	const char *ref;     /* required */
	const char *code;    /* NULL: a new victim; else one already recorded, named again */
	const char *sex;     /* female, male, unknown (default) */
	const char *age;     /* adult, child, unknown (default) */
	const char *name;    /* identity: optional one line */
	const char *contact; /* identity: optional one line */
	const char *on;      /* the day the victim was named (NULL: today) */
};

/* Records the victim and writes its code ("V-" and ten letters and digits) into code. */
enum dk_rc dk_app_victim_add(struct dk_app *app, const struct dk_victim_input *in,
                             char code[DK_CODE_MAX]) __attribute__((warn_unused_result));

/* Records that the victim was told how their case is going (note optional). */
enum dk_rc dk_app_victim_inform(struct dk_app *app, const char *code, const char *on,
                                const char *note) __attribute__((warn_unused_result));

/* A line of assistance (2019 UN Protocol kinds), or an update of one. */
struct dk_assistance_input {
	const char *code;
	const char *kind;     /* safety, medical, psychosocial, legal, ... */
	const char *on;       /* required */
	const char *status;   /* referred, provided, declined */
	const char *provider; /* optional one line */
	const char *consent;  /* yes, no, or NULL (not recorded) */
};

enum dk_rc dk_app_victim_assist(struct dk_app *app, const struct dk_assistance_input *in)
    __attribute__((warn_unused_result));

/* A paternity or child-support claim's new status (none, claimed, dna_pending, ...). */
enum dk_rc dk_app_victim_paternity(struct dk_app *app, const char *code, const char *status,
                                   const char *on) __attribute__((warn_unused_result));

/* One victim as the front ends show it; strings valid during the callback only. */
struct dk_victim_view {
	const char *code;
	const char *sex;
	const char *age;
	dk_date added_on;
	const char *refs; /* the cases it is named in that the account may see, comma-separated */
	dk_date last_informed;  /* DK_DATE_NONE: never */
	dk_date update_due;     /* the live victim_update deadline; DK_DATE_NONE when none */
	int days_left;          /* update_due - today */
	const char *status;     /* on_track, due_soon, overdue; NULL when no live deadline */
	bool awaiting_update;   /* overdue: not told anything for longer than the rule allows */
	const char *assistance; /* latest status per kind: "medical:provided,legal:referred" */
	const char *paternity;  /* the claim's latest status, NULL when none */
	const char *name;       /* identity: NULL unless shown (dk_app_victim_show) and allowed */
	const char *contact;
};

/* The kind of a paternity or child-support claim's step (not the "paternity" assistance kind). */
#define DK_PATERNITY_CLAIM "paternity_claim"

/* One assistance line (the latest event of its kind) or one paternity claim step. */
struct dk_assistance_view {
	const char *kind;   /* an assistance kind, or DK_PATERNITY_CLAIM */
	const char *status; /* referred/provided/declined, or the claim's status */
	dk_date on;
	const char *provider; /* NULL when none, or withheld from the role */
	const char *consent;  /* yes, no, NULL */
};

/*
 * One victim, identity included when the role may see it (that view is
 * audited), then its assistance lines and paternity history to line_fn
 * (which may be NULL).
 */
enum dk_rc dk_app_victim_show(struct dk_app *app, const char *code,
                              bool (*fn)(const struct dk_victim_view *v, void *ctx),
                              bool (*line_fn)(const struct dk_assistance_view *a, void *ctx),
                              void *ctx) __attribute__((warn_unused_result));

/* Which victims a page lists, in which order. */
struct dk_victim_query {
	bool by_due;        /* the most overdue update first, then those with none by code */
	bool awaiting;      /* only those awaiting an update */
	const char *search; /* a prefix of the code or of a case reference; NULL: every victim */
};

/*
 * The victims of one case (ref) or of every case the account may see (ref
 * NULL), in the query's order (by code unless by_due), without identities.
 */
enum dk_rc dk_app_victim_list(struct dk_app *app, const char *ref, const struct dk_victim_query *q,
                              bool (*fn)(const struct dk_victim_view *v, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * Where a page starts: just after the last victim the previous page read.
 * Zeroed: from the first. dk_app_victim_page moves it.
 */
struct dk_victim_cursor {
	bool undated; /* by due: past every victim with a live update deadline */
	dk_date due;
	char code[DK_CODE_MAX];
};

/*
 * One page of the victims of every case the account may see: up to limit
 * after *cursor, in the query's order. By due, the order is that of the
 * stored deadlines (a case whose history goes past today keeps its place,
 * its row shows the deadline as of today). *more is false once the end is
 * reached. For a scrolling view: each page reads only as far as it needs.
 */
enum dk_rc dk_app_victim_page(struct dk_app *app, const struct dk_victim_query *q,
                              struct dk_victim_cursor *cursor, int limit,
                              bool (*fn)(const struct dk_victim_view *v, void *ctx), void *ctx,
                              bool *more) __attribute__((warn_unused_result));

/*
 * Whether the database records any victim at all (in any mission: an office
 * keeps one set of columns for everyone, and that victims exist is no secret).
 */
enum dk_rc dk_app_victims_exist(struct dk_app *app, bool *out) __attribute__((warn_unused_result));

/* One victim's history across its cases, up to today, in date order. */
enum dk_rc dk_app_victim_timeline(struct dk_app *app, const char *code,
                                  bool (*fn)(const struct dk_timeline_entry *e, void *ctx),
                                  void *ctx) __attribute__((warn_unused_result));

/* ---- Subjects (their identity is for officers and administrators only) ---- */

struct dk_subject_input {
	const char *ref;         /* required */
	const char *personnel;   /* required: a personnel category */
	const char *nationality; /* ISO 3166-1 alpha-3 */
	const char *name;        /* identity */
	const char *index;       /* identity: the UN index or service number, matched exactly */
	const char *unit;        /* identity */
	const char *on;          /* NULL: today */
};

/* Records a subject and writes its id ("S-" and ten letters and digits) into code. */
enum dk_rc dk_app_subject_add(struct dk_app *app, const struct dk_subject_input *in,
                              char code[DK_CODE_MAX]) __attribute__((warn_unused_result));

/* An interim (interim true) or final action taken on a subject. */
enum dk_rc dk_app_subject_action(struct dk_app *app, const char *code, const char *action,
                                 const char *on, bool interim) __attribute__((warn_unused_result));

struct dk_subject_action_view {
	dk_date on;
	const char *action;
	bool interim;
};

struct dk_subject_view {
	const char *code;
	const char *ref;
	const char *personnel;
	const char *nationality; /* "" when not recorded */
	dk_date added_on;
	const char *name; /* identity: NULL unless the role may see it */
	const char *index;
	const char *unit;
	const struct dk_subject_action_view *actions; /* in date order */
	size_t nactions;
};

/* The subjects of a case with their actions; identities shown to officers are audited. */
enum dk_rc dk_app_case_subjects(struct dk_app *app, const char *ref,
                                bool (*fn)(const struct dk_subject_view *s, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

struct dk_vet_view {
	const char *ref;
	const char *subject;
	const char *personnel;
	const char *nationality;
	const char *state;
	const char *outcome; /* "" when none */
};

/*
 * Every case (in the account's missions) naming the person: names match
 * regardless of case, accents and spacing; index numbers exactly. Audited
 * (the count, never the query).
 */
enum dk_rc dk_app_vet(struct dk_app *app, const char *query,
                      bool (*fn)(const struct dk_vet_view *r, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/* ---- Reports (issue 12): counts over the cases, as of today ---- */

/*
 * The reports, by name, in the order `docket report` documents them:
 * "allegations", "timeliness", "follow-up", "victims", "assistance",
 * "paternity", "actions". Each has its --by fields, its default keys and
 * its columns (dk_report_key_name / dk_report_measure of the table).
 */
extern const char *const dk_report_names[];
extern const size_t dk_report_nnames;

/* The --by fields report `name` accepts (*n of them); NULL for an unknown name. */
const char *const *dk_app_report_fields(const char *name, size_t *n);

/* What a report counts. */
struct dk_report_query {
	const char *const *by; /* field ids (dk_app_report_fields), the keys; nby 0: default */
	size_t nby;
	dk_date from, to;    /* the report's date window, inclusive; DK_DATE_NONE: open */
	const char *mission; /* NULL: every mission the account sees */
	bool public;         /* apply the suppression for publication (dk_report_suppress) */
};

/*
 * Report `name` as of today, in one read transaction (action report_read):
 * *out is the finished table (public: suppressed); free it with
 * dk_report_free. Officers and advocates count their missions only
 * (dk_app_report_scope says so). A case with events after today counts as
 * it stood then. An unknown report or field is DK_INVALID naming the
 * closest. What each report counts and its window: docket(1), REPORTS.
 */
enum dk_rc dk_app_report(struct dk_app *app, const char *name, const struct dk_report_query *q,
                         struct dk_report **out) __attribute__((warn_unused_result));

/*
 * Several reports in one read transaction, so they agree with each other
 * (`report victims` prints three): names[i] with queries[i] into out[i], all
 * or none (on a failure every out[i] is NULL).
 */
enum dk_rc dk_app_reports(struct dk_app *app, const char *const *names,
                          const struct dk_report_query *const *queries, size_t n,
                          struct dk_report **out) __attribute__((warn_unused_result));

/*
 * The cases behind one cell of report `name` (a case-counted one:
 * allegations, timeliness, follow-up): fn gets the ref of each case whose
 * keys equal keys[0..nby) (NULL: every row, the total) and whose observation
 * adds to column `measure` (a count), in ref order, each once. Only cases
 * the account may see; audited like the report. fn returning false stops.
 */
enum dk_rc dk_app_report_cases(struct dk_app *app, const char *name,
                               const struct dk_report_query *q, const char *const *keys,
                               size_t measure, bool (*fn)(const char *ref, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * The query plans of every statement the reports run (EXPLAIN QUERY PLAN),
 * in a read transaction (action report_read): fn gets the statement's name
 * and one line of its plan. For the benchmark and HACKING (issue 14).
 */
enum dk_rc dk_app_report_plans(struct dk_app *app,
                               void (*fn)(const char *stmt, const char *line, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * The scope a report of q covers, translated, one line: "scope: all
 * missions", "scope: your missions (MINUSCA,MONUSCO)", "scope: mission
 * MINUSCA", "scope: none (mission X is not one of yours)". Writes at most
 * size bytes to out; returns out. No transaction: the session's account.
 */
const char *dk_app_report_scope(const struct dk_app *app, const struct dk_report_query *q,
                                char *out, size_t size);

/* ---- Exchange between offices (issue 13) ---- */

struct dk_export_input {
	const char *office; /* a trusted office's name */
	const char *path;   /* the bundle to write (replaced atomically) */
	bool all;           /* everything, not only what the office was not sent */
	const char *mission;
};

struct dk_export_result {
	long events; /* case events, victim events and subject actions carried */
	long cases;
};

/*
 * Writes a bundle for a trusted office: what it was not sent (or all) of
 * the cases this account may see, with their victims and subjects, and this
 * office's audit entries since the last bundle to it, encrypted to it and
 * signed. Administrators and officers; an audit entry.
 */
enum dk_rc dk_app_export(struct dk_app *app, const struct dk_export_input *in,
                         struct dk_export_result *out) __attribute__((warn_unused_result));

struct dk_import_result {
	long events;    /* new here: case events, victim events, subject actions */
	long cases;     /* new cases */
	long conflicts; /* cases it touched that are flagged */
	char sender[64];
	/* "" or why the sender's audit chain does not extend what was seen before (translated) */
	char warning[256];
};

/*
 * Verifies a bundle (format, recipient, trusted sender, signature, every
 * chunk) before reading it, then applies it in one transaction, idempotently
 * by global ids. Any refusal changes nothing. Administrators.
 */
enum dk_rc dk_app_import(struct dk_app *app, const char *path, struct dk_import_result *out)
    __attribute__((warn_unused_result));

/* A move no later move followed: its state, office (name) and date. */
struct dk_conflict_move {
	const char *state;
	const char *office;
	dk_date on;
};

/* A flagged case: its moves that did not see each other. Valid during the callback. */
struct dk_conflict_view {
	const struct dk_case *c;
	const char *office; /* the case's office name */
	size_t nmoves;
	const struct dk_conflict_move *moves;
};

/* The flagged cases one may see (of the office dk_app_office_filter chose), by reference. */
enum dk_rc dk_app_conflicts(struct dk_app *app,
                            bool (*fn)(const struct dk_conflict_view *v, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * Keeps every read that follows (lists, deadlines, reports, conflicts) to
 * the cases of the office named name (any office this database knows);
 * NULL: every office's again. DK_NOTFOUND for an unknown name.
 */
enum dk_rc dk_app_office_filter(struct dk_app *app, const char *name)
    __attribute__((warn_unused_result));

/* Whether the database holds cases another office recorded (listings then show offices). */
enum dk_rc dk_app_cases_of_offices(struct dk_app *app, bool *many)
    __attribute__((warn_unused_result));

/* ---- Offices (issue 13): this database's identity and the peers it trusts ---- */

/* "docket-office:1:" NAME ':' 32 hex ':' 64 hex ':' 64 hex ':' fingerprint, and a NUL. */
#define DK_OFFICE_LINE_MAX 256

/*
 * Like dk_app_init, and the new database's first transaction also creates
 * its office `office` (NULL: none; `office init` gives it one later).
 */
enum dk_rc dk_app_init_office(struct dk_app *app, const char *admin,
                              const struct dk_secret *passphrase, const char *kdf,
                              const char *office) __attribute__((warn_unused_result));

/*
 * Gives an existing database its office: name (1-32 of [A-Za-z0-9._-]) and
 * new key pairs, under the database's office id. Administrators only
 * (OFFICE_MANAGE); DK_EXISTS when it has one already. Its notice says the
 * name and fingerprint.
 */
enum dk_rc dk_app_office_init(struct dk_app *app, const char *name)
    __attribute__((warn_unused_result));

/*
 * The office line another office trusts (OFFICE_READ), into line (size at
 * least DK_OFFICE_LINE_MAX): docket-office:1:NAME:GIDHEX:SIGNPKHEX:BOXPKHEX:FINGERPRINT.
 * DK_NOTFOUND, "this database has no office yet: ...", without an office.
 */
enum dk_rc dk_app_office_show(struct dk_app *app, char *line, size_t size)
    __attribute__((warn_unused_result));

/* What an office line names, for the confirmation. */
struct dk_office_peer {
	char name[DK_OFFICE_NAME_MAX + 1];
	char fingerprint[DK_FINGERPRINT_LEN];
};

/*
 * Parses an office line strictly (no database access: works locked):
 * DK_INVALID "that is not an office line: <why>" for anything else.
 */
enum dk_rc dk_app_office_parse_line(struct dk_app *app, const char *line,
                                    struct dk_office_peer *out) __attribute__((warn_unused_result));

/*
 * Trusts the office of line (OFFICE_MANAGE), audited office_trust. *already
 * is true when it was trusted with these keys (nothing changes). Refuses
 * this office's own line, a name another trusted office has, and a gid
 * trusted under other keys.
 */
enum dk_rc dk_app_office_trust(struct dk_app *app, const char *line, bool *already)
    __attribute__((warn_unused_result));

/* A trusted office (by name, any case) becomes known again; audited office_untrust. */
enum dk_rc dk_app_office_untrust(struct dk_app *app, const char *name)
    __attribute__((warn_unused_result));

/* One office as listed; strings valid during the callback only. */
struct dk_office_view {
	const char *name;
	const char *trust;       /* "self", "trusted", "known" */
	const char *fingerprint; /* "" for known offices */
	long long head_id;       /* 0: none */
	const char *head_hash;   /* 64 hex or "" */
	const char *broken;      /* "" or "broken: 41:abcd1234 then 38:ef015678" */
	bool self;
};

/* Every office (OFFICE_READ): this one first, then by name. fn returns false to stop. */
enum dk_rc dk_app_office_list(struct dk_app *app,
                              bool (*fn)(const struct dk_office_view *o, void *ctx), void *ctx)
    __attribute__((warn_unused_result));

/*
 * What the data a screen shows depends on, cheap to read (no table is
 * scanned): the database's changes by this process and by any other, the
 * day, the session (unlock, switch of account) and the office filter.
 * Two equal tokens mean a reload would show the same thing.
 */
struct dk_data_version {
	unsigned long long others;   /* other connections' commits (other processes too) */
	unsigned long long own;      /* rows changed through this session's connection */
	unsigned long long filter;   /* the office filter */
	unsigned long long sessions; /* unlocks so far */
	dk_date today;
};

/* Fills v for the current state; on error v matches no earlier token (reload and report). */
enum dk_rc dk_app_data_version(struct dk_app *app, struct dk_data_version *v);

/* Whether two tokens from dk_app_data_version are the same state. */
bool dk_app_data_version_same(const struct dk_data_version *a, const struct dk_data_version *b);

#endif
