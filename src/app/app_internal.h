/*
 * What the app layer's files share. Its rooms, each calling only those
 * below it: app_check (failures, value checks, rules, clock) and app_ids
 * (random ids and codes); app_access (roles, scopes, refusals recorded);
 * app_field (the case's fields); app_history (the event-history engine);
 * app_keys (the key-slot sidecar); app_tx (the transaction frame); app.c
 * (the session); then the use cases on top.
 */
#ifndef DOCKET_APP_INTERNAL_H
#define DOCKET_APP_INTERNAL_H

#include "docket/app.h"
#include "docket/crypto.h"
#include "docket/buf.h"
#include "docket/store.h"

#define DK_TIMESTAMP_LEN 21 /* "2026-11-27T20:46:31Z" + NUL */

/* An office's name by gid, as cases show it. */
struct dk_office_name {
	unsigned char gid[DK_GID_LEN];
	char name[DK_OFFICE_NAME_MAX + 1];
};

/* An active account record that a signed entry removed (app_sign.c). */
struct dk_rolled_back {
	char name[DK_NAME_MAX + 1];
	long long entry;
};

struct dk_app {
	char *db_path;
	char *keys_path;
	dk_date today;
	struct dk_store *store; /* NULL while locked */
	struct dk_account account;
	unsigned char office[DK_GID_LEN];
	bool unlock_audit_pending; /* the first transaction records the unlock */
	/*
	 * The account of the last session, kept through a lock: an unlock as
	 * another is a switch, audited with switched_from as its detail.
	 */
	char last_user[DK_NAME_MAX + 1];
	char switched_from[DK_NAME_MAX + 1];
	unsigned failures_to_audit; /* failed unlocks counted in the sidecar */
	struct dk_rule *rules;      /* the rule table, loaded at unlock */
	size_t nrules;
	struct dk_secret *data_key;  /* guarded; kept to write key slots and backups */
	int keys_lock;               /* the sidecar's lock while a command rewrites it, else -1 */
	bool keys_staged;            /* a pending sidecar awaits the commit */
	enum dk_action action;       /* what the open transaction does (audit of refusals) */
	bool audited;                /* the open transaction appended to the audit log */
	bool tx_read;                /* the open transaction only reads (no seal_differs entry) */
	bool head_kept;              /* meta says the sidecar keeps the audit head */
	unsigned long long sessions; /* unlocks so far: a new session changes the data version */
	struct {
		bool pending; /* a refusal to audit once the transaction is rolled back */
		bool has_case;
		unsigned char case_gid[DK_GID_LEN];
		char detail[64];
	} denial;
	struct dk_err err;
	char notice[1024]; /* what the last command tells beyond success, a line each */
	char warning[512]; /* what the unlock found tampered with (dk_app_warning) */
	/* Signatures against insiders (app_sign.c): none in a database not yet upgraded. */
	bool signed_db; /* the database has an authority key */
	unsigned char
	    root_pk[DK_SIGN_PK_BYTES];      /* the authority's public key, as the slot pins it */
	struct dk_secret *sign_sk;          /* signs this session's audit entries and head */
	struct dk_secret *authority_sk;     /* administrators' and recovery sessions' */
	struct dk_rolled_back *rolled_back; /* records the log removed (dk_app_load_removals) */
	size_t nrolled_back;
	struct dk_office_name *office_names; /* every known office (app_peer.c), loaded once */
	size_t noffice_names;
	bool office_names_loaded;
};

/* The reserved key-slot name of the recovery code (account names cannot hold '@'). */
#define DK_RECOVERY_SLOT "@recovery"

/* Whether item is one of a comma-separated list (missions, case references). */
bool dk_app_list_holds(const char *list, const char *item);

/* Whether a mission closed on closed_on (DK_DATE_NONE: open) is closed by today. */
bool dk_app_mission_closed(dk_date closed_on, dk_date today);

/* Whether the account may see cases of mission (always, unless its role is scoped). */
bool dk_app_in_scope(const struct dk_app *app, const char *mission);

/*
 * Checks a typed mission code against the register (in a transaction) and
 * writes it upper-cased to norm: an unknown one is DK_INVALID naming the
 * closest known code, or how to list them; with open_only, a closed one too.
 * option names the field in the message ("--mission").
 */
enum dk_rc dk_app_check_mission(struct dk_app *app, const char *option, const char *typed,
                                bool open_only, char norm[DK_MISSION_MAX + 1])
    __attribute__((warn_unused_result));

/*
 * Remembers a refusal of action a (why: "role", "outside_scope"), about a
 * case when case_gid is given: dk_app_tx_end audits it after the rollback.
 */
void dk_app_remember_denial(struct dk_app *app, enum dk_action a, const unsigned char *case_gid,
                            const char *why);

/* DK_DENIED, audited, unless the account's role may take the action. */
enum dk_rc dk_app_require(struct dk_app *app, enum dk_action a) __attribute__((warn_unused_result));

/* DK_DENIED, audited, unless mission is one of the account's. */
enum dk_rc dk_app_require_mission(struct dk_app *app, enum dk_action a, const char *mission)
    __attribute__((warn_unused_result));

/* DK_NOTFOUND ("no case"), audited as a refusal, unless the case is in scope. */
enum dk_rc dk_app_require_case(struct dk_app *app, const struct dk_case *c)
    __attribute__((warn_unused_result));

/*
 * For a call whose role may not take action a: refuses (and audits) it
 * before its input is even looked at, as dk_app_tx_begin would.
 */
enum dk_rc dk_app_refuse_early(struct dk_app *app, enum dk_action a)
    __attribute__((warn_unused_result));

/* Drops what the account's role may not read from a loaded case (the summary). */
void dk_app_redact_case(const struct dk_app *app, struct dk_case *c);

/* Which of a victim's cases the account sees, as of today. */
struct dk_victim_scope {
	struct dk_app *app;
	bool visible;
	bool later; /* named in one of the account's cases only after today */
	unsigned char first_gid[DK_GID_LEN]; /* the first visible case, named in audit entries */
	bool have_gid;
};

/* Fills sc for victim v (in a transaction). */
enum dk_rc dk_app_victim_scope(struct dk_app *app, const struct dk_victim *v,
                               struct dk_victim_scope *sc) __attribute__((warn_unused_result));

/*
 * Loads a victim by code (upper-cased first), for a command in a
 * transaction: DK_NOTFOUND ("no victim"), audited as a refusal, when none of
 * its cases is in the account's missions.
 */
enum dk_rc dk_app_load_victim(struct dk_app *app, const char *code, struct dk_victim *v)
    __attribute__((warn_unused_result));

/* A new random code: prefix ('V' or 'S'), a dash, ten Crockford base32 characters. */
void dk_app_new_code(char prefix, char code[DK_CODE_MAX]);

/* A new random global id (cases, events, accounts, victims, subjects, the office). */
void dk_app_new_gid(unsigned char gid[DK_GID_LEN]);

/* While on, dk_app_new_gid hands out a random per-run prefix and a counter (bulk loads). */
void dk_app_gid_sequence(bool on);

/* Checks a typed code (any case) and writes it upper-cased. */
enum dk_rc dk_app_check_code(struct dk_app *app, char prefix, const char *typed,
                             char code[DK_CODE_MAX]) __attribute__((warn_unused_result));

/*
 * Records a new victim (sex and age from in, already validated; identity
 * when given) with a fresh code, for a command in a transaction; its content
 * keys wrapped under mission (its first case's) first.
 */
enum dk_rc dk_app_victim_record(struct dk_app *app, const struct dk_victim_input *in,
                                const char *mission, struct dk_victim *v, dk_date on)
    __attribute__((warn_unused_result));

/* Appends a victim event as the current account (e->actor and recorded_at are set here). */
enum dk_rc dk_app_victim_event(struct dk_app *app, struct dk_victim_event *e)
    __attribute__((warn_unused_result));

/* The translated detail line of a victim's event (free text as the role allows). */
void dk_app_describe_victim_event(const struct dk_app *app, const char *code,
                                  const struct dk_victim_event_row *e, struct dk_buf *b);

/* Checks a new passphrase: valid UTF-8, 10 characters or more, not too long. */
enum dk_rc dk_app_check_passphrase(struct dk_app *app, const struct dk_secret *pass)
    __attribute__((warn_unused_result));

/* Loads the sidecar; a missing one is DK_CORRUPT beside a database, else DK_NOTFOUND. */
enum dk_rc dk_app_load_keyring(struct dk_app *app, struct dk_keyring **kr)
    __attribute__((warn_unused_result));

/*
 * Unwraps the data key from a slot (an account's name or DK_RECOVERY_SLOT)
 * after the delay earned by earlier failures; a failure is counted in the
 * sidecar. With from_pending, a slot only a pending sidecar holds counts
 * too (*from_pending says so); settle it before trusting the session.
 */
enum dk_rc dk_app_unwrap(struct dk_app *app, struct dk_keyring *kr, const char *slot,
                         const struct dk_secret *secret, struct dk_secret **key,
                         struct dk_slot_keys *keys, bool *from_pending)
    __attribute__((warn_unused_result));

/*
 * Unlocks as user with the secret of slot (user's own, or the recovery
 * code's), settling a sidecar change left pending by a killed command.
 */
enum dk_rc dk_app_unlock_slot(struct dk_app *app, const char *user, const char *slot,
                              const struct dk_secret *secret) __attribute__((warn_unused_result));

/*
 * For a command about to change key slots, inside its transaction: takes
 * the sidecar's lock (until dk_app_tx_end), settles a pending sidecar and
 * loads the current one.
 */
enum dk_rc dk_app_keys_open(struct dk_app *app, struct dk_keyring **kr)
    __attribute__((warn_unused_result));

/*
 * Stages the changed sidecar: written to the pending name, its hash in the
 * transaction; dk_app_tx_end publishes it after the commit, or drops it.
 */
enum dk_rc dk_app_keys_stage(struct dk_app *app, struct dk_keyring *kr)
    __attribute__((warn_unused_result));

/*
 * Opens the database with *key (taken over on success) as the active
 * account user; the first transaction audits the unlock and `failures`.
 */
enum dk_rc dk_app_open_session(struct dk_app *app, const char *user, struct dk_secret **key,
                               unsigned failures) __attribute__((warn_unused_result));

/* Records the audit log's head in the sidecar (after a commit that appended to it). */
void dk_app_save_audit_head(struct dk_app *app);

/* A fresh name beside path for a file renamed into place later ("<path>.tmp-<12 hex>"). */
char *dk_app_temp_name(const char *path);

/* Removes what a killed backup or init left beside path ("<path>.tmp-*"). */
void dk_app_remove_stale_temps(const char *path);

/* ---- Signatures against insiders (app_sign.c, app_upgrade.c) ---- */

/* The name of the authority key's grant to administrators (key_grant). */
#define DK_GRANT_AUTHORITY "authority"

/*
 * After the session opened: checks what the slot pinned and the account's
 * signed record, or enrols a version-1 slot (re-sealed with secret), or,
 * for an administrator in a database not yet upgraded, upgrades it. Takes
 * keys over. DK_CORRUPT when the database was tampered with.
 */
enum dk_rc dk_app_trust_session(struct dk_app *app, struct dk_keyring *kr, const char *slot,
                                const struct dk_secret *secret, struct dk_slot_keys *keys)
    __attribute__((warn_unused_result));

/*
 * Whether a's record carries the authority's signature and the log does not
 * contradict it (always, in a database not yet upgraded): a record put back
 * to an older signed version still verifies, so an active record the log
 * removed (dk_app_load_removals, at unlock) does not count.
 */
bool dk_app_account_verified(const struct dk_app *app, const struct dk_account *a);

/* The active accounts a signed entry removed, read again into app->rolled_back. */
enum dk_rc dk_app_load_removals(struct dk_app *app) __attribute__((warn_unused_result));

/* The audit entry that removed a while its record says active; 0 when none did. */
long long dk_app_removed_by_log(const struct dk_app *app, const struct dk_account *a);

/*
 * DK_CORRUPT naming the first account whose record the authority did not
 * sign as it is, or that the log removed (the removals read again).
 */
enum dk_rc dk_app_verify_records(struct dk_app *app) __attribute__((warn_unused_result));

/* Whether any key (bound, enrolled or damaged) is recorded for the account. */
bool dk_app_account_has_key(struct dk_app *app, const unsigned char gid[DK_GID_LEN]);

/* Whether the session signs with the authority's key (a recovery session). */
bool dk_app_signs_as_authority(const struct dk_app *app);

/* Verifies the sidecar's head and the log from it on, as an unlock does. */
enum dk_rc dk_app_verify_tail(struct dk_app *app, struct dk_keyring *kr, const struct dk_secret *sk,
                              bool *key_ok) __attribute__((warn_unused_result));

/* The keys enrolled by accounts with no bound key, to bind (p->v malloc'd). */
struct dk_pending_key {
	unsigned char pk[DK_SIGN_PK_BYTES];
	unsigned char gid[DK_GID_LEN];
};
struct dk_pending_keys {
	struct dk_pending_key *v;
	size_t n;
};
enum dk_rc dk_app_pending_keys(struct dk_app *app, struct dk_pending_keys *p)
    __attribute__((warn_unused_result));

/* Binds the keys enrolled since (an administrator's unlock), audited as key_bind. */
enum dk_rc dk_app_bind_pending(struct dk_app *app) __attribute__((warn_unused_result));

/* Signs the record of account name with the session's authority key (in a transaction). */
enum dk_rc dk_app_sign_account(struct dk_app *app, const char *name)
    __attribute__((warn_unused_result));

/* Binds pk to the account (the authority's signature), in a transaction. */
enum dk_rc dk_app_bind_key(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                           const unsigned char pk[DK_SIGN_PK_BYTES])
    __attribute__((warn_unused_result));

/* Seals the authority key to an administrator's key, in a transaction. */
enum dk_rc dk_app_grant_authority(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                                  const unsigned char pk[DK_SIGN_PK_BYTES])
    __attribute__((warn_unused_result));

/*
 * A new key for account acct (its slot is about to be written): made,
 * bound, and, for an administrator, granted the authority. *sk is new
 * guarded memory; keys (for dk_keyring_set) points into app and *sk.
 */
enum dk_rc dk_app_new_account_key(struct dk_app *app, const struct dk_account *acct,
                                  struct dk_secret **sk, struct dk_slot_keys *keys)
    __attribute__((warn_unused_result));

/* The slot keys of the session's own account (passphrase changes), or NULL when unsigned. */
const struct dk_slot_keys *dk_app_own_slot_keys(struct dk_app *app, struct dk_slot_keys *buf);

/*
 * Verifies every account record and key binding (check): counts accounts,
 * bound keys, and keys awaiting an administrator's binding.
 */
enum dk_rc dk_app_verify_accounts(struct dk_app *app, long *accounts, long *keys, long *pending)
    __attribute__((warn_unused_result));

/* Verifies the whole audit log's signatures and the signed head; *entries is the count. */
enum dk_rc dk_app_verify_signatures(struct dk_app *app, struct dk_keyring *kr, long *entries)
    __attribute__((warn_unused_result));

/* The sidecar's head for this session: its own last entry, signed (or unsigned when legacy). */
bool dk_app_head_to_record(struct dk_app *app, struct dk_store *store, struct dk_audit_head *h);

/* Upgrades a database to signatures as its administrator unlocks (app_upgrade.c). */
enum dk_rc dk_app_upgrade(struct dk_app *app, const char *slot, const struct dk_secret *secret)
    __attribute__((warn_unused_result));

/* A list of malloc'd names. */
struct dk_names {
	char **v;
	size_t n;
};
void dk_names_free(struct dk_names *names);

/* Who may own a key slot: every active account and the recovery code (in a transaction). */
enum dk_rc dk_app_slot_owners(struct dk_app *app, struct dk_names *names)
    __attribute__((warn_unused_result));

/* Whether anything (even a dangling link) is at path. */
bool dk_app_path_exists(const char *path);

/*
 * Records the session's audit head in the keyring (to be saved or staged by
 * the caller): the last entry, or, signed, the last this session signed.
 */
void dk_app_record_head(struct dk_app *app, struct dk_store *store, struct dk_keyring *kr);

/*
 * The sidecar to unlock with; when only a pending one exists (an init
 * killed before publishing it), that one, and *from_pending says so.
 */
enum dk_rc dk_app_keys_load_for_unlock(struct dk_app *app, struct dk_keyring **kr,
                                       bool *from_pending) __attribute__((warn_unused_result));

/* Unwraps slot from the pending sidecar, if there is one (DK_AUTH otherwise). */
enum dk_rc dk_app_unwrap_pending(struct dk_app *app, const char *slot,
                                 const struct dk_secret *secret, struct dk_secret **key,
                                 struct dk_slot_keys *keys) __attribute__((warn_unused_result));

/*
 * After an unlock opened the session: settles a pending sidecar; when that
 * changed which file is current, the secret must open slot in the current
 * one too (DK_AUTH otherwise). from_pending: the key came from the pending file.
 */
enum dk_rc dk_app_keys_settle(struct dk_app *app, const char *slot, const struct dk_secret *secret,
                              bool from_pending, struct dk_slot_keys *keys)
    __attribute__((warn_unused_result));

/* How the command's transaction ended, for its staged sidecar. */
enum dk_keys_outcome {
	DK_KEYS_ROLLED_BACK, /* dropped */
	DK_KEYS_COMMITTED,   /* published */
	DK_KEYS_UNSURE,      /* left pending: the next unlock settles it by the database's hash */
};

/* After the commit (or the rollback): publishes, drops or leaves the staged sidecar; unlocks it. */
void dk_app_keys_finish(struct dk_app *app, enum dk_keys_outcome outcome);

/* Best effort, under the sidecar's lock: one more failed unlock; the count back to zero. */
void dk_app_count_failure(struct dk_app *app);
void dk_app_reset_failures(struct dk_app *app);

/* Records a failure on the handle and returns its code. */
enum dk_rc dk_app_fail(struct dk_app *app, enum dk_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The current UTC time as an ISO 8601 timestamp (audit and event records). */
void dk_app_now(char out[DK_TIMESTAMP_LEN]);

/*
 * The same to the microsecond, for an event's recorded_at: events dated the
 * same day apply in the order they were recorded (deadlines.md).
 */
#define DK_RECORDED_LEN 32
void dk_app_now_recorded(char out[DK_RECORDED_LEN]);

/*
 * Opens a command's transaction (DK_AUTH when locked) for an action the
 * account's role must allow (else DK_DENIED, audited); the first one after
 * an unlock also writes the unlock's audit entries.
 */
enum dk_rc dk_app_tx_begin(struct dk_app *app, enum dk_action a)
    __attribute__((warn_unused_result));

/*
 * The same for a command that only reads: a deferred transaction (no write
 * lock, no fsync), unless the unlock still has to be audited.
 */
enum dk_rc dk_app_tx_begin_read(struct dk_app *app, enum dk_action a)
    __attribute__((warn_unused_result));

/*
 * Commits when rc is DK_OK, else rolls back (then audits a refusal the
 * command ran into); returns rc (or the commit's failure).
 */
enum dk_rc dk_app_tx_end(struct dk_app *app, enum dk_rc rc);

/*
 * Ends a transaction that only looked, before the command it prepares:
 * rolled back whatever happened, so an unlock still to be audited is left to
 * that command and a refusal of it leaves every file as it was.
 */
enum dk_rc dk_app_tx_end_looking(struct dk_app *app, enum dk_rc rc);

/* Appends an audit entry for the current account. */
enum dk_rc dk_app_audit(struct dk_app *app, const char *action, const unsigned char *case_gid,
                        const char *detail) __attribute__((warn_unused_result));

/* Fails with "WHAT: unknown value 'VALUE' (expected one of: KNOWN)": every such refusal. */
enum dk_rc dk_app_fail_unknown(struct dk_app *app, const char *what, const char *value,
                               const char *known);
/* The same for a rule id (listing the rule table's ids) and a state (and extra, if any). */
enum dk_rc dk_app_fail_unknown_rule(struct dk_app *app, const char *id);
enum dk_rc dk_app_fail_unknown_state(struct dk_app *app, const char *value, const char *extra);

/* Validates an identifier field against its vocabulary, copying it to out. */
enum dk_rc dk_app_check_ident(struct dk_app *app, int vocab_kind, const char *value, char *out,
                              size_t size) __attribute__((warn_unused_result));

/* Parses a date field: real calendar date, not after today. */
enum dk_rc dk_app_check_date(struct dk_app *app, const char *what, const char *value, dk_date *out)
    __attribute__((warn_unused_result));

/*
 * Records a new case and its "created" event (the caller holds the
 * transaction): allocates the reference, gives case and event global ids.
 */
enum dk_rc dk_app_case_record(struct dk_app *app, struct dk_case *c)
    __attribute__((warn_unused_result));

/* The rule with this id, or NULL. */
const struct dk_rule *dk_app_rule(const struct dk_app *app, const char *id);

/*
 * Appends an event to case c (whose fields already hold the values after
 * it), rewrites the case row and its materialized deadlines. The caller
 * holds the transaction. previous is field's value before the event. field,
 * value, previous, note and data may be NULL.
 */
enum dk_rc dk_app_record_event(struct dk_app *app, struct dk_case *c, const char *kind, dk_date on,
                               const char *field, const char *value, const char *previous,
                               const char *note, const char *data)
    __attribute__((warn_unused_result));

/*
 * Only the first part of dk_app_record_event: appends the event (its data
 * built from the typed fields when data is NULL) and advances
 * c->last_event_on. Bulk loads rewrite the case row and deadlines once at the end.
 */
enum dk_rc dk_app_append_event(struct dk_app *app, struct dk_case *c, const char *kind, dk_date on,
                               const char *field, const char *value, const char *previous,
                               const char *note, const char *data)
    __attribute__((warn_unused_result));

/* Re-evaluates and stores a case's deadlines from its full history. */
enum dk_rc dk_app_recompute_deadlines(struct dk_app *app, const struct dk_case *c)
    __attribute__((warn_unused_result));

/* The same for every case of a mission (NULL: of every mission). */
enum dk_rc dk_app_recompute_mission(struct dk_app *app, const char *mission)
    __attribute__((warn_unused_result));

/*
 * The extensions a switch took away from case c, and brought back, over its
 * whole history (*out malloc'd).
 */
enum dk_rc dk_app_case_lapses(struct dk_app *app, const struct dk_case *c,
                              struct dk_deadline_lapse **out, size_t *n)
    __attribute__((warn_unused_result));

/* "extension of investigation_6m (to 2026-09-01) no longer applies: ..." or "... applies again". */
void dk_app_describe_lapse(struct dk_buf *b, const struct dk_deadline_lapse *l, bool back);

/* The previous event of an ordered stream (a case's own, a victim's clock), as refusals name it. */
struct dk_app_previous {
	dk_date on;                                /* DK_DATE_NONE: none yet */
	char what[DK_REF_MAX + DK_IDENT_MAX + 32]; /* "moved to referred", "informed" */
};

/*
 * DK_OK unless on is before prev; else refuses, naming the event and its date:
 * "--on: 2026-01-10 is before the case's previous event (moved to referred on 2026-02-01)".
 */
enum dk_rc dk_app_check_order(struct dk_app *app, dk_date on, const struct dk_app_previous *prev,
                              bool victim) __attribute__((warn_unused_result));

/* A stored deadline row as the engine's deadline; false when its rule is gone. */
bool dk_app_deadline_from_row(const struct dk_app *app, const struct dk_deadline_row *row,
                              struct dk_deadline *d);

/*
 * Evaluates a case's deadlines as of today from its stored history; *out is
 * malloc'd. Also rolls state, urgent and entity back to how they stood
 * then when the history goes on after today.
 */
enum dk_rc dk_app_case_as_of(struct dk_app *app, struct dk_case *c, dk_date today,
                             struct dk_deadline **out, size_t *n)
    __attribute__((warn_unused_result));

/* The row of a field `case set` may change; else DK_INVALID naming the ones it may. */
enum dk_rc dk_app_field_settable(struct dk_app *app, const char *field,
                                 const struct dk_settable **out)
    __attribute__((warn_unused_result));

/*
 * Checks value as its field's kind wants, applies it to c and writes the
 * form recorded in the event to norm (the summary is recorded as the note).
 */
enum dk_rc dk_app_field_apply(struct dk_app *app, struct dk_case *c, const struct dk_settable *f,
                              const char *value, char *norm, size_t normsize)
    __attribute__((warn_unused_result));

/* A field's value as text (malloc'd), NULL when unset: what `case set` records as previous. */
char *dk_app_case_field(struct dk_case *c, const char *field);

/* Puts a field back to a value recorded as previous (NULL: unset). */
void dk_app_case_restore(struct dk_case *c, const char *field, const char *value);

/* Loads a case by reference (validated and normalized), for a command in a transaction. */
enum dk_rc dk_app_load_case(struct dk_app *app, const char *ref, struct dk_case *c)
    __attribute__((warn_unused_result));

/* Whether a settable field holds free text (its new value is a set event's note). */
bool dk_app_field_is_text(const char *field);

/* ---- The merge of offices' events (app_merge.c), in the caller's transaction ---- */

/* The heads of a case's event graph: the gids a new event follows (malloc'd, concatenated). */
enum dk_rc dk_app_case_heads(struct dk_app *app, int64_t case_id, unsigned char **out, size_t *len)
    __attribute__((warn_unused_result));

/* A move no later move followed. */
struct dk_last_move {
	unsigned char office[DK_GID_LEN];
	char state[DK_IDENT_MAX];
	dk_date on;
};

/* The case's moves that no later move followed (malloc'd): more than one is a conflict. */
enum dk_rc dk_app_case_last_moves(struct dk_app *app, int64_t case_id, struct dk_last_move **out,
                                  size_t *n) __attribute__((warn_unused_result));

/* Sets the case's conflict flag from its events. */
enum dk_rc dk_app_case_conflict_refresh(struct dk_app *app, int64_t case_id, bool *flagged)
    __attribute__((warn_unused_result));

/*
 * Rebuilds a case row from its events in their total order (what an import
 * changed), then its deadlines and its conflict flag (*flagged).
 */
enum dk_rc dk_app_case_rebuild(struct dk_app *app, int64_t case_id, bool *flagged)
    __attribute__((warn_unused_result));

/* A bundle's record checked field by field as if typed (app_exchange_check.c). */
enum dk_rc dk_app_record_check(struct dk_app *app, const struct dk_record *r)
    __attribute__((warn_unused_result));

/* ---- Peers (app_peer.c): names, and their audit chains as bundles carry them ---- */

/* What one import's audit entries showed of the sender's chain. */
struct dk_audit_check {
	unsigned char sender[DK_GID_LEN];
	long long head_id; /* the newest entry the bundle carries */
	unsigned char head_hash[32];
	bool clash; /* an entry disagrees with one an earlier bundle carried */
};

void dk_app_audit_check_begin(struct dk_audit_check *a, const unsigned char sender[DK_GID_LEN]);

/* Compares one 'H' record with what earlier bundles showed, then keeps it. */
enum dk_rc dk_app_audit_check_entry(struct dk_app *app, struct dk_audit_check *a,
                                    const struct dk_record *r) __attribute__((warn_unused_result));

/* Moves the sender's head; on a clash, flags the office and writes the warning. */
enum dk_rc dk_app_audit_check_end(struct dk_app *app, struct dk_audit_check *a, char *warning,
                                  size_t size) __attribute__((warn_unused_result));

/* An office's name (an unknown office: the first 8 hex digits of its id). */
enum dk_rc dk_app_office_name(struct dk_app *app, const unsigned char gid[DK_GID_LEN], char *out,
                              size_t size) __attribute__((warn_unused_result));

/* Fills c->office_name for a listing. */
void dk_app_name_office(struct dk_app *app, struct dk_case *c);

/* Drops the loaded names (after an import or a change of trust). */
void dk_app_office_names_forget(struct dk_app *app);

/* The office named name, any trust (DK_NOTFOUND with a message saying how to list them). */
enum dk_rc dk_app_office_by_name(struct dk_app *app, const char *name, struct dk_office_row *out)
    __attribute__((warn_unused_result));
/* This database's own office with its secret keys (guarded memory), for export and import. */
struct dk_office_self {
	unsigned char gid[DK_GID_LEN];
	char name[DK_OFFICE_NAME_MAX + 1];
	unsigned char sign_pk[32], box_pk[32];
	struct dk_secret *sign_sk, *box_sk;
};

/*
 * Inside the caller's transaction. DK_NOTFOUND with the "no office yet"
 * message; DK_CORRUPT when the stored secret keys do not match the public ones.
 */
enum dk_rc dk_app_office_self(struct dk_app *app, struct dk_office_self *out)
    __attribute__((warn_unused_result));

/* Wipes and frees the secret keys; accepts a zeroed or cleared struct. */
void dk_app_office_self_clear(struct dk_office_self *o);

/*
 * Creates the office `name` of gid app->office with new key pairs in store
 * (inside its open transaction: init's first one, or office init's). The
 * name is already validated.
 */
enum dk_rc dk_app_office_record(struct dk_app *app, struct dk_store *store, const char *name,
                                const char *now) __attribute__((warn_unused_result));

/* The created event's data: every field, so the history alone can rebuild the case (app_case.c). */
void dk_app_created_event_data(struct dk_buf *b, const struct dk_case *c);

/* ---- Case seals (app_seal.c, app_tx.c; issue 16) ---- */

/* The entry of the one-time sealing of every case of a database made before seals, and the
 * meta key that says it was done (a hint only: the log is what counts). */
#define DK_SEALS_UPGRADE "seals_upgrade"
#define DK_SEALS_META "case_seals"

/*
 * An administrator's first transaction in a signed database whose cases were
 * never sealed (made before seals): every case without a seal is sealed at
 * its commit, audited once as `seals_upgrade` (app_tx.c).
 */
enum dk_rc dk_app_seal_upgrade(struct dk_app *app) __attribute__((warn_unused_result));

/* A copy at <db>SUFFIX before a one-time upgrade; kept if a killed upgrade made it. */
enum dk_rc dk_app_backup_once(struct dk_app *app, const char *suffix)
    __attribute__((warn_unused_result));

/* Whether meta says every case was sealed once. */
bool dk_app_sealed_once(struct dk_app *app);

/*
 * Opening case c (dk_app_load_case): true if its rows differ from its seals,
 * *entry naming the seal (0: it has none though every case was sealed); sets
 * the session warning.
 */
bool dk_app_seal_differs(struct dk_app *app, const struct dk_case *c, long long *entry);

/* The entry a write writes when it finds its case altered before sealing it again. */
#define DK_SEAL_DIFFERS "seal_differs"

/*
 * Each case a command reaches (by reference, a subject's code or a victim's)
 * is checked against its seals before it is sealed again: a difference is the
 * session warning (warn: in scope) and, in a write, a DK_SEAL_DIFFERS entry.
 */
enum dk_rc dk_app_seal_check(struct dk_app *app, const struct dk_case *c, bool warn)
    __attribute__((warn_unused_result));

/* check's row "case histories": every case, seal entry and seal; DK_CORRUPT naming the first
 * bad one. *unsealed: cases without a seal before the one-time sealing (not a failure). */
enum dk_rc dk_app_check_cases(struct dk_app *app, long *sealed, long *unsealed)
    __attribute__((warn_unused_result));

/* Need-to-know by key: app_fields.h. */
#include "app_fields.h"

#endif
