/* The encrypted store: SQLCipher keyed with the data key, migrations, queries. */
#ifndef DOCKET_STORE_H
#define DOCKET_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "docket/case.h"
#include "docket/crypto.h"
#include "docket/payload.h"
#include "docket/deadline.h"
#include "docket/error.h"
#include "docket/secret.h"

struct dk_store;

/* The schema version this build writes (the number of embedded migrations). */
int dk_store_schema_latest(void);

/*
 * Creates a new database at path (which must not exist), keyed with the
 * 32-byte data_key before anything else, and applies every migration.
 */
enum dk_rc dk_store_create(const char *path, const struct dk_secret *data_key,
                           struct dk_store **out, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Opens an existing database: keys it, reads it at once (a wrong key is
 * DK_CORRUPT: the key slots and the database do not belong together), sets
 * the connection pragmas and migrates an older schema in one transaction.
 * A newer schema is DK_TOONEW and nothing is written.
 */
enum dk_rc dk_store_open(const char *path, const struct dk_secret *data_key, struct dk_store **out,
                         struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Checkpoints the WAL into the database file and leaves WAL mode (the next
 * open returns to it), so the file alone can be renamed into place.
 */
enum dk_rc dk_store_fold(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Removes a database file and its -wal, -shm and -journal (a failed create or copy). */
void dk_store_remove_files(const char *path);

/* Checkpoints the WAL (TRUNCATE), closes, frees and NULLs *s. Accepts NULL. */
void dk_store_close(struct dk_store **s);

/* Sets the page cache for this connection, in MiB (bulk loads want more). */
void dk_store_set_cache_mib(struct dk_store *s, int mib);

/* The schema version of the open database. */
int dk_store_schema_version(struct dk_store *s);

/* BEGIN IMMEDIATE: every command is one write transaction. */
enum dk_rc dk_store_begin(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));
/* BEGIN (deferred): a consistent snapshot for a command that only reads. */
enum dk_rc dk_store_begin_read(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_commit(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));
/*
 * True when the last dk_store_commit failed only at making the WAL durable: its
 * frames may be in the WAL, so the next open may find the change committed.
 */
bool dk_store_commit_unsure(const struct dk_store *s);
/* Rolls back the open transaction, if any. */
void dk_store_rollback(struct dk_store *s);

/* meta table: small settings such as the office id. *value is malloc'd. */
enum dk_rc dk_store_meta_get(struct dk_store *s, const char *key, char **value, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_meta_set(struct dk_store *s, const char *key, const char *value,
                             struct dk_err *err) __attribute__((warn_unused_result));

/* Accounts. */
#define DK_MISSIONS_MAX 256 /* an account's missions, comma-separated */

struct dk_account {
	int64_t id;
	unsigned char gid[DK_GID_LEN];
	char name[DK_NAME_MAX + 1];
	char role[DK_IDENT_MAX];
	char missions[DK_MISSIONS_MAX]; /* "" for every mission */
	char created_at[24];
	char removed_at[24]; /* "" while active */
	bool removed;
	bool has_sig; /* the authority signed the record (app_sign.c) */
	unsigned char sig[DK_SIG_BYTES];
};

enum dk_rc dk_store_account_add(struct dk_store *s, const struct dk_account *a,
                                const char *created_at, struct dk_err *err)
    __attribute__((warn_unused_result));
/* DK_NOTFOUND when there is no such account. */
enum dk_rc dk_store_account_get(struct dk_store *s, const char *name, struct dk_account *out,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* Gives an account one more mission. */
enum dk_rc dk_store_account_mission_add(struct dk_store *s, int64_t account_id, const char *mission,
                                        struct dk_err *err) __attribute__((warn_unused_result));

/* Marks an account removed at `at`; DK_NOTFOUND when it is not active. */
enum dk_rc dk_store_account_remove(struct dk_store *s, int64_t account_id, const char *at,
                                   struct dk_err *err) __attribute__((warn_unused_result));

/* Every account by name. */
enum dk_rc dk_store_account_each(struct dk_store *s,
                                 bool (*fn)(const struct dk_account *a, void *ctx), void *ctx,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Signatures against insiders (store_sign.c; HACKING.md "Insiders") ---- */

/* The office's authority key; *found is false in a database not yet upgraded. */
enum dk_rc dk_store_authority_get(struct dk_store *s, unsigned char pk[DK_SIGN_PK_BYTES],
                                  bool *found, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_authority_set(struct dk_store *s, const unsigned char pk[DK_SIGN_PK_BYTES],
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* Stores the authority's signature over an account's record. */
enum dk_rc dk_store_account_sig_set(struct dk_store *s, int64_t account_id,
                                    const unsigned char sig[DK_SIG_BYTES], struct dk_err *err)
    __attribute__((warn_unused_result));

/* A key an account signs with; bound: the authority's signature binds it. */
struct dk_account_key {
	unsigned char pk[DK_SIGN_PK_BYTES];
	unsigned char account_gid[DK_GID_LEN];
	bool bound;
	unsigned char sig[DK_SIG_BYTES];
	bool valid_sizes; /* as read: a row of the wrong shape never verifies */
};

/* Adds or replaces a key (by pk). */
enum dk_rc dk_store_account_key_put(struct dk_store *s, const struct dk_account_key *k,
                                    struct dk_err *err) __attribute__((warn_unused_result));
enum dk_rc dk_store_account_key_each(struct dk_store *s,
                                     bool (*fn)(const struct dk_account_key *k, void *ctx),
                                     void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* A secret sealed to an account's key under a name ('authority'); *sealed is malloc'd. */
enum dk_rc dk_store_grant_put(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                              const char *name, const unsigned char *sealed, size_t len,
                              struct dk_err *err) __attribute__((warn_unused_result));
enum dk_rc dk_store_grant_get(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                              const char *name, unsigned char **sealed, size_t *len, bool *found,
                              struct dk_err *err) __attribute__((warn_unused_result));
/* Removes every secret sealed to the account (it was removed). */
enum dk_rc dk_store_grant_drop(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                               struct dk_err *err) __attribute__((warn_unused_result));

/* From now on each audit entry is signed with sk (the caller keeps it alive); NULL: unsigned. */
void dk_store_audit_sign_with(struct dk_store *s, const struct dk_secret *sk);

/* The newest entry signed by pk; *id is 0 when there is none. */
enum dk_rc dk_store_audit_last_signed_by(struct dk_store *s,
                                         const unsigned char pk[DK_SIGN_PK_BYTES], long long *id,
                                         unsigned char hash[32], struct dk_err *err)
    __attribute__((warn_unused_result));

/* Active administrators. */
/*
 * fn(name, entry) for each account whose record says active though audit
 * entry `entry` (action user_remove, the newest) removed it: a record put back
 * to an older signed version. Names are never reused, so none is honest.
 */
enum dk_rc dk_store_accounts_rolled_back(struct dk_store *s,
                                         bool (*fn)(const char *name, long long entry, void *ctx),
                                         void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

enum dk_rc dk_store_account_admins(struct dk_store *s, long *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Limits case listings (dk_store_case_each, dk_store_case_page) to the
 * comma-separated missions when scoped (none at all: nothing is listed);
 * not scoped lifts the limit.
 */
enum dk_rc dk_store_scope_set(struct dk_store *s, bool scoped, const char *missions,
                              struct dk_err *err) __attribute__((warn_unused_result));

/* Hands out the next reference sequence for mission and year (no gaps). */
enum dk_rc dk_store_ref_next(struct dk_store *s, const char *mission, int year, long *seq,
                             struct dk_err *err) __attribute__((warn_unused_result));

/* Inserts the current-state row of a new case; sets c->id. */
enum dk_rc dk_store_case_insert(struct dk_store *s, struct dk_case *c, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * The cases with a reference (of one office when office is not NULL), by
 * office: offices number their cases each on their own, so two may share one.
 */
enum dk_rc dk_store_case_get(struct dk_store *s, const char *ref, const unsigned char *office,
                             bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                             struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Calls fn for each matching case reported on or before today, in order,
 * streaming (memory stays flat), with next_due set from the materialized
 * deadlines. With f->overdue, cases whose history goes on after today are
 * passed too (the caller replays them). fn returns false to stop early.
 * The case passed in is only valid during the call.
 */
enum dk_rc dk_store_case_each(struct dk_store *s, const struct dk_case_filter *f, dk_date today,
                              bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                              struct dk_err *err) __attribute__((warn_unused_result));

/*
 * A page of cases for a scrolling list (keyset pagination: cost independent
 * of the position), as stored (today's view).
 */
enum dk_rc dk_store_case_page(struct dk_store *s, const struct dk_case_page *p, dk_date today,
                              bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                              struct dk_err *err) __attribute__((warn_unused_result));

/*
 * An event to append to a case's history. state, urgent and entity are the
 * case's values after it; field, value, note and entity may be NULL.
 * data is a JSON object with the event's fields.
 */
struct dk_event {
	int64_t case_id;
	unsigned char gid[DK_GID_LEN];
	unsigned char office[DK_GID_LEN];
	dk_date on;
	const char *recorded_at;
	const char *actor;
	const char *kind; /* created, moved, set, extended, note */
	enum dk_state state;
	bool urgent;
	const char *entity;
	const char *field;
	const char *value;
	const char *note;
	const char *previous; /* the field's value before the event, NULL when unset */
	const char *data;
	const unsigned char *parents; /* the case's heads it follows: gids, concatenated */
	size_t parents_len;
	/* The case's gid, the owner its sealed fields are sealed for; NULL: looked up by case_id
	 * (not possible in a bulk load, which writes the case row last). */
	const unsigned char *case_gid;
};

enum dk_rc dk_store_event_append(struct dk_store *s, const struct dk_event *e, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Rewrites the mutable fields of a stored case (by c->id) after an event. */
enum dk_rc dk_store_case_update(struct dk_store *s, const struct dk_case *c, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Number of events of a case (tests, check). */
enum dk_rc dk_store_event_count(struct dk_store *s, int64_t case_id, long *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Appends an audit entry chained to the previous one by BLAKE2b. case_gid
 * may be NULL; detail holds ids and counts only, never personal data.
 */
enum dk_rc dk_store_audit_append(struct dk_store *s, const char *at, const char *account,
                                 const char *action, const unsigned char *case_gid,
                                 const char *detail, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The last audit entry's id and hash; *id is 0 when the log is empty. */
enum dk_rc dk_store_audit_head(struct dk_store *s, long long *id, unsigned char hash[32],
                               struct dk_err *err) __attribute__((warn_unused_result));

/* The hash of audit entry id; *found is false when there is no such entry. */
enum dk_rc dk_store_audit_hash_at(struct dk_store *s, long long id, unsigned char hash[32],
                                  bool *found, struct dk_err *err)
    __attribute__((warn_unused_result));

/* One audit entry as read back; strings valid during the callback only. */
struct dk_audit_entry {
	long long id;
	const char *at;
	const char *account;
	const char *action;
	const unsigned char *case_gid; /* NULL when the entry names no case */
	const char *ref;               /* the case's reference, "" when none or unknown */
	const char *detail;
};

struct dk_audit_query {
	const char *since; /* ISO date: entries at or after that day (UTC) */
	const char *account;
	const unsigned char *case_gid;
	long long from_id; /* after (or, newest first, before) this id; 0: from an end */
	int limit;         /* 0: all */
	bool newest_first;
};

enum dk_rc dk_store_audit_each(struct dk_store *s, const struct dk_audit_query *q,
                               bool (*fn)(const struct dk_audit_entry *e, void *ctx), void *ctx,
                               struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Recomputes the chain from the first entry: consecutive ids from 1, each
 * entry's prev equal to the previous hash, each hash equal to the hash of
 * its fields. DK_CORRUPT naming the first bad entry; *entries is the count
 * read. head_id/head_hash (head_id 0: none) must be an entry of the chain.
 */
struct dk_audit_verify {
	long long head_id; /* the sidecar's head (0: none) */
	const unsigned char *head_hash;
	long long from_id; /* 0: the whole log; else from that entry on (taken as sound) */
	/*
	 * Whether pk may sign for account (bound to it, or the authority's);
	 * NULL in a database not yet upgraded: signatures are then not checked.
	 * From the first signed entry on, every entry must be signed.
	 */
	bool (*signer_ok)(const char *account, const unsigned char pk[DK_SIGN_PK_BYTES], void *ctx);
	void *ctx;
	long entries;           /* out: entries read */
	long long first_signed; /* out: the first signed entry's id, 0 if none */
};
enum dk_rc dk_store_audit_verify(struct dk_store *s, struct dk_audit_verify *v, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Entry id's signer; *is_signed false for an unsigned one, *found false when there is no such
 * entry. */
enum dk_rc dk_store_audit_signer_at(struct dk_store *s, long long id,
                                    unsigned char signer[DK_SIGN_PK_BYTES], bool *is_signed,
                                    bool *found, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * SQLite's integrity check over every page (each one decrypted and
 * authenticated on the way) and the foreign keys. DK_CORRUPT with the first
 * problem; *pages is the page count.
 */
enum dk_rc dk_store_integrity(struct dk_store *s, long *pages, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The append-only triggers are there, exactly as the migrations made them; else DK_CORRUPT. */
enum dk_rc dk_store_guards(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Copies the whole database, as of one read transaction, to a new file at
 * path encrypted under the same key (SQLite's online backup between two
 * keyed connections), left as one file in rollback-journal mode (no -wal).
 * Refuses an existing path; removes a partial copy. Errors start "backup:".
 */
enum dk_rc dk_store_backup(struct dk_store *s, const char *path, const struct dk_secret *data_key,
                           struct dk_err *err) __attribute__((warn_unused_result));

/* Number of audit entries (tests). */
enum dk_rc dk_store_audit_count(struct dk_store *s, long *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/* One event as the timeline shows it; strings are valid during the callback only. */
struct dk_event_row {
	dk_date on;
	const char *kind;
	const char *actor;
	enum dk_state state;
	bool urgent;
	const char *entity; /* NULL when none */
	const char *field;
	const char *value;
	const char *note;
	const char *previous;
	const char *recorded_at; /* when it was written: orders a day's events */
};

/* Calls fn for each event of a case in the order it happened (date, then recording). */
enum dk_rc dk_store_event_each(struct dk_store *s, int64_t case_id,
                               bool (*fn)(const struct dk_event_row *e, void *ctx), void *ctx,
                               struct dk_err *err) __attribute__((warn_unused_result));

/*
 * A case's history as deadline facts (malloc'd array, in order): its events,
 * and its victims' facts (named in this case, informed) merged in by date.
 */
enum dk_rc dk_store_case_facts(struct dk_store *s, int64_t case_id, struct dk_fact **facts,
                               size_t *n, struct dk_err *err) __attribute__((warn_unused_result));

/* The rule table, in its order (malloc'd array). */
enum dk_rc dk_store_rules(struct dk_store *s, struct dk_rule **rules, size_t *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Changes a rule's length and warning days. DK_NOTFOUND for an unknown rule. */
enum dk_rc dk_store_rule_update(struct dk_store *s, const char *id, int length, int warn_days,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* Ids of the cases that have (or had) a deadline under a rule (malloc'd array). */
enum dk_rc dk_store_cases_with_rule(struct dk_store *s, const char *rule, int64_t **ids, size_t *n,
                                    struct dk_err *err) __attribute__((warn_unused_result));

/* A mission's holidays, ascending (malloc'd array, possibly empty). */
enum dk_rc dk_store_holidays(struct dk_store *s, const char *mission, dk_date **days, size_t *n,
                             struct dk_err *err) __attribute__((warn_unused_result));

/* DK_EXISTS when the mission already has a holiday that day. */
enum dk_rc dk_store_holiday_add(struct dk_store *s, const char *mission, dk_date day,
                                const char *name, struct dk_err *err)
    __attribute__((warn_unused_result));

/* DK_NOTFOUND when there is no such holiday. */
enum dk_rc dk_store_holiday_remove(struct dk_store *s, const char *mission, dk_date day,
                                   struct dk_err *err) __attribute__((warn_unused_result));

struct dk_holiday_row {
	const char *mission;
	dk_date day;
	const char *name;
};

/* Holidays of one mission (or all when mission is NULL), by mission then date. */
enum dk_rc dk_store_holiday_each(struct dk_store *s, const char *mission,
                                 bool (*fn)(const struct dk_holiday_row *h, void *ctx), void *ctx,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/* ---- The mission register ---- */

/* One registered mission; strings valid during the callback only. */
struct dk_mission_row {
	const char *code;
	const char *name;
	const char *country; /* ISO 3166-1 alpha-3, NULL when none */
	dk_date closed_on;   /* DK_DATE_NONE while open */
	long cases;          /* its cases reported by today, in the listing's scope */
};

/* DK_EXISTS when the code is registered already. country may be NULL. */
enum dk_rc dk_store_mission_add(struct dk_store *s, const char *code, const char *name,
                                const char *country, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Marks a registered mission closed on day; DK_INVALID when it is closed already. */
enum dk_rc dk_store_mission_close(struct dk_store *s, const char *code, dk_date day,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Every mission by code; with count_cases, the number of its cases reported
 * by today (only those in the scope of dk_store_scope_set when scoped), else 0.
 */
enum dk_rc dk_store_mission_each(struct dk_store *s, dk_date today, bool count_cases,
                                 bool (*fn)(const struct dk_mission_row *m, void *ctx), void *ctx,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/* Replaces the materialized deadlines of one case, whose last event is on known_until. */
enum dk_rc dk_store_deadlines_replace(struct dk_store *s, int64_t case_id, const char *ref,
                                      dk_date known_until, const struct dk_deadline *d, size_t n,
                                      struct dk_err *err) __attribute__((warn_unused_result));

/* One materialized deadline; strings valid during the callback only. */
struct dk_deadline_row {
	int64_t case_id;
	const char *ref;
	const char *rule;
	dk_date start;
	dk_date due;
	dk_date original_due;
	dk_date met_on;   /* DK_DATE_NONE while live */
	dk_date ended_on; /* closed unmet after due (missed); DK_DATE_NONE otherwise */
	int extensions;
	const char *victim; /* per-victim deadlines: the victim's code; "" otherwise */
};

struct dk_deadline_query {
	dk_date due_until; /* only deadlines due on or before it; DK_DATE_NONE: no limit */
	bool include_met;  /* also met and missed ones */
	dk_date known_by;  /* only cases whose history ends on or before this day */
};

/*
 * The live deadlines of rule as stored for the cases whose history ends by
 * today (known_until <= today), in the scope and office filter: out[0] due
 * before today, out[1] due from today to in_7, out[2] from today to in_30.
 * Counted in SQL over one range of deadline_rule_live.
 */
enum dk_rc dk_store_deadline_counts(struct dk_store *s, const char *rule, dk_date today,
                                    dk_date in_7, dk_date in_30, long out[3], struct dk_err *err)
    __attribute__((warn_unused_result));

/* How many victims have a live per-victim deadline due before today, stored as above. */
enum dk_rc dk_store_victims_overdue_count(struct dk_store *s, dk_date today, long *n,
                                          struct dk_err *err) __attribute__((warn_unused_result));

/* How many of codes[0..n) are not among those dk_store_victims_overdue_count counts. */
enum dk_rc dk_store_victims_not_overdue(struct dk_store *s, const char *const *codes, size_t n,
                                        dk_date today, long *count, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * By code, once each, the victims with a stored live per-victim deadline due
 * before today in a case in the scope and office filter, whatever its
 * known_until, and (replayed: some case has events after today) the victims
 * named in a case with events after today: a superset of those awaiting an
 * update (the caller decides each). An index walk.
 */
enum dk_rc dk_store_victims_overdue_each(struct dk_store *s, dk_date today, bool replayed,
                                         bool (*fn)(const char *code, void *ctx), void *ctx,
                                         struct dk_err *err) __attribute__((warn_unused_result));

/* Materialized deadlines by due date, then reference (an index range scan). */
enum dk_rc dk_store_deadline_each(struct dk_store *s, const struct dk_deadline_query *q,
                                  bool (*fn)(const struct dk_deadline_row *d, void *ctx), void *ctx,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* Cases reported on or before day whose history goes on after it (they need a replay). */
enum dk_rc dk_store_cases_after(struct dk_store *s, dk_date day,
                                bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* Ids of a mission's cases, or of every case when mission is NULL (malloc'd array). */
enum dk_rc dk_store_mission_cases(struct dk_store *s, const char *mission, int64_t **ids, size_t *n,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* Loads a case by row id into out (zeroed or holding a previous case). */
enum dk_rc dk_store_case_by_id(struct dk_store *s, int64_t id, struct dk_case *out,
                               struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Victims ---- */

struct dk_victim {
	int64_t id;
	unsigned char gid[DK_GID_LEN];
	char code[DK_CODE_MAX];
	char sex[DK_IDENT_MAX];
	char age[DK_IDENT_MAX];
	dk_date added_on;
};

/* Inserts a victim (v->id is set), with its identity when name or contact is given. */
enum dk_rc dk_store_victim_add(struct dk_store *s, struct dk_victim *v,
                               const unsigned char office[DK_GID_LEN], const char *recorded_at,
                               const char *name, const char *contact, struct dk_err *err)
    __attribute__((warn_unused_result));

/* DK_NOTFOUND when no victim has that code. */
enum dk_rc dk_store_victim_get(struct dk_store *s, const char *code, struct dk_victim *out,
                               struct dk_err *err) __attribute__((warn_unused_result));

/* The victim's name and contact (malloc'd, NULL when not recorded). */
enum dk_rc dk_store_victim_identity(struct dk_store *s, int64_t victim_id, char **name,
                                    char **contact, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Names victim in a case; DK_EXISTS when it already is. */
enum dk_rc dk_store_victim_link(struct dk_store *s, int64_t victim_id, int64_t case_id, dk_date on,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* One victim event to append (strings may be NULL). */
struct dk_victim_event {
	int64_t victim_id;
	int64_t case_id; /* 'added' only, else 0 */
	dk_date on;
	const char *kind; /* added, informed, assistance, paternity */
	const char *item;
	const char *status;
	const char *provider;
	const char *consent;
	const char *note;
	const char *actor;
	const char *recorded_at;
};

enum dk_rc dk_store_victim_event_append(struct dk_store *s, const struct dk_victim_event *e,
                                        const unsigned char gid[DK_GID_LEN],
                                        const unsigned char office[DK_GID_LEN], struct dk_err *err)
    __attribute__((warn_unused_result));

/* A victim event as read back, with the reference of its case ('added'). */
struct dk_victim_event_row {
	dk_date on;
	const char *kind;
	const char *ref; /* NULL unless 'added' */
	const char *mission;
	const char *item;
	const char *status;
	const char *provider;
	const char *consent;
	const char *note;
	const char *actor;
};

/* A victim's events in the order they happened. */
enum dk_rc dk_store_victim_events(struct dk_store *s, int64_t victim_id,
                                  bool (*fn)(const struct dk_victim_event_row *e, void *ctx),
                                  void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The cases a victim is named in, by reference (loaded case rows). */
enum dk_rc dk_store_victim_cases(struct dk_store *s, int64_t victim_id,
                                 bool (*fn)(const struct dk_case *c, dk_date added_on, void *ctx),
                                 void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Victims, by code: those named in case_id (0: in any case the scope set by
 * dk_store_scope_set lets the account see).
 */
enum dk_rc dk_store_victim_each(struct dk_store *s, int64_t case_id,
                                bool (*fn)(const struct dk_victim *v, void *ctx), void *ctx,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* Which victims a page walks, in which order. */
enum dk_victim_walk {
	DK_VICTIMS_BY_CODE, /* every victim, by code */
	DK_VICTIMS_DATED,   /* those with a live victim_update deadline, earliest due first */
	DK_VICTIMS_UNDATED, /* the others, by code */
};

/*
 * Up to limit victims the scope lets the account see, in the walk's order,
 * after (after_due, after) (after "": from the first; after_due counts for
 * DK_VICTIMS_DATED only). A victim's due is the earliest of its live
 * victim_update deadlines in cases in scope, as stored (DK_DATE_NONE outside
 * DK_VICTIMS_DATED). Keyset paging, so the cost does not depend on the position.
 */
enum dk_rc dk_store_victim_page(struct dk_store *s, enum dk_victim_walk walk, dk_date after_due,
                                const char *after, int limit,
                                bool (*fn)(const struct dk_victim *v, dk_date due, void *ctx),
                                void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* Whether any victim is recorded, in any mission. */
enum dk_rc dk_store_victims_exist(struct dk_store *s, bool *out, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The live deadlines of one victim in one case, as stored (rule id, start, due, ...). */
enum dk_rc dk_store_victim_live_deadlines(struct dk_store *s, int64_t case_id, const char *code,
                                          bool (*fn)(const struct dk_deadline_row *d, void *ctx),
                                          void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* ---- Subjects ---- */

struct dk_subject {
	int64_t id;
	unsigned char gid[DK_GID_LEN];
	char code[DK_CODE_MAX];
	int64_t case_id;
	char personnel[DK_IDENT_MAX];
	char nationality[4];
	dk_date added_on;
	char actor[DK_NAME_MAX + 1]; /* the account that recorded it */
};

/*
 * A subject's identity; any field may be NULL. name_key and index_key are
 * the vetting hashes of the folded name and of the index number (keyed by
 * the office's vet key once the fields are sealed; the folded name before).
 */
struct dk_subject_identity {
	const char *name;
	const char *name_key;
	const char *index_number;
	const char *unit;
	const char *index_key;
};

enum dk_rc dk_store_subject_add(struct dk_store *s, struct dk_subject *subj,
                                const unsigned char office[DK_GID_LEN], const char *recorded_at,
                                const struct dk_subject_identity *id, struct dk_err *err)
    __attribute__((warn_unused_result));

enum dk_rc dk_store_subject_get(struct dk_store *s, const char *code, struct dk_subject *out,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* The subjects of a case, by the day they were added, with their identity when asked. */
enum dk_rc dk_store_case_subjects(struct dk_store *s, int64_t case_id, bool with_identity,
                                  bool (*fn)(const struct dk_subject *subj,
                                             const struct dk_subject_identity *id, void *ctx),
                                  void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

struct dk_subject_action_row {
	dk_date on;
	const char *action;
	bool interim;
	const char *actor;
};

enum dk_rc dk_store_subject_action_add(struct dk_store *s, int64_t subject_id, dk_date on,
                                       const char *action, bool interim, const char *actor,
                                       const char *recorded_at, const unsigned char gid[DK_GID_LEN],
                                       const unsigned char office[DK_GID_LEN], struct dk_err *err)
    __attribute__((warn_unused_result));

enum dk_rc dk_store_subject_actions(struct dk_store *s, int64_t subject_id,
                                    bool (*fn)(const struct dk_subject_action_row *a, void *ctx),
                                    void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* A case naming a person, for vetting. */
struct dk_vet_row {
	const char *ref;
	const char *mission;
	const char *subject;
	const char *personnel;
	const char *nationality;
	const char *state;
	const char *outcome;
};

/*
 * Subjects whose name_key or index_key (struct dk_subject_identity) equals
 * the one given (either may be NULL), in the scope's missions, added
 * by today, by reference (each case as it stands now).
 */
enum dk_rc dk_store_vet(struct dk_store *s, const char *name_key, const char *index_key,
                        dk_date today, bool (*fn)(const struct dk_vet_row *r, void *ctx), void *ctx,
                        struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Reports (issue 12): rows streamed to the app, which aggregates them ---- */

/* What dk_store_report_cases reads: reported in [from, to] (DK_DATE_NONE: open), by as_of. */
struct dk_report_case_query {
	dk_date from, to;
	dk_date as_of;       /* cases reported later are left out; counts keep to it */
	const char *mission; /* NULL: every mission */
};

/* One case with its counts; valid during the callback only. */
struct dk_report_case_row {
	/* As stored, only what case_file_report holds (id, ref, mission, reported,
	 * category, type, personnel, nationality, source, entity, outcome, state,
	 * last_event_on): a case to replay is the app's to read whole. */
	const struct dk_case *c;
	bool changed;       /* created, moved or set after as_of: it read otherwise then */
	long victims;       /* victims named in the case by as_of */
	long child_victims; /* of them, those whose age band (as recorded now) is child */
	long subjects;      /* subjects added by as_of */
};

/*
 * Streams the cases of the query to fn, in no order, in the scope of
 * dk_store_scope_set. A case whose mission was set after as_of comes
 * whatever its mission now: the app checks its mission as it stood. fn
 * may run other statements; false stops.
 */
enum dk_rc dk_store_report_cases(struct dk_store *s, const struct dk_report_case_query *q,
                                 bool (*fn)(const struct dk_report_case_row *r, void *ctx),
                                 void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Reports: cases with their own deadlines (timeliness, follow-up) ---- */

/* One case with its own deadlines (not its victims'); valid during the callback only. */
struct dk_report_deadline_case {
	const struct dk_case *c; /* as stored, without its summary */
	dk_date referred_on;     /* referrals: its latest move to referred by as_of */
	long unactioned;         /* follow-up: subjects added by as_of, no final action by then */
	bool changed; /* moved, set or extended after as_of: the stored deadlines are not then's */
	const struct dk_deadline_row *d; /* its own deadlines as stored (victim "") */
	size_t nd;
};

/*
 * The cases moved to referred on or before as_of whose latest such move is
 * in [from, to], each once, in no order, with their own deadlines. The
 * scope (dk_store_scope_set) and mission apply as in dk_store_report_cases:
 * a case with events after as_of comes whatever its mission now. fn may
 * run other statements; false stops.
 */
enum dk_rc dk_store_report_referrals(struct dk_store *s, const struct dk_report_case_query *q,
                                     bool (*fn)(const struct dk_report_deadline_case *r, void *ctx),
                                     void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * The cases reported in [from, to] by as_of that may have something to
 * follow up: in state referred, investigating, concluded or action, or with
 * a victim who has a paternity step, or with events after as_of (to be
 * replayed). Each once, in no order, as dk_store_report_referrals.
 */
enum dk_rc dk_store_report_follow_up(struct dk_store *s, const struct dk_report_case_query *q,
                                     bool (*fn)(const struct dk_report_deadline_case *r, void *ctx),
                                     void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* One paternity step of a victim named in a case by as_of; valid during the callback only. */
struct dk_report_paternity_step {
	int64_t case_id;
	int64_t victim_id;
	const char *step; /* claimed, dna_pending, ... */
	dk_date on;
};

/*
 * The paternity steps dated on or before as_of, each once per case its
 * victim is named in by as_of, by case, victim, then the order they happened.
 */
enum dk_rc
dk_store_report_paternity(struct dk_store *s, dk_date as_of,
                          bool (*fn)(const struct dk_report_paternity_step *p, void *ctx),
                          void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Reports on victims and subjects' actions (issue 12): rows the app joins to its cases ---- */

/* A victim named by as_of in a case of the window, with that case; valid during the callback. */
struct dk_report_victim_case {
	int64_t victim_id;
	const char *sex;
	const char *age;
	int64_t case_id;
	const char *ref;
	const char *mission; /* as stored */
	const char *outcome; /* as stored; NULL when not set */
	bool changed;        /* created, moved or set after as_of: the app reads it as it stood */
};

/* Which victims' events dk_store_report_victim_cases merges in. */
enum dk_report_steps {
	DK_REPORT_STEPS_NONE,
	DK_REPORT_STEPS_ASSISTANCE,
	DK_REPORT_STEPS_PATERNITY
};

/* An assistance event (item its kind, status) or a paternity step (item the step, status NULL). */
struct dk_report_victim_step {
	int64_t victim_id;
	const char *item;
	const char *status;
};

/*
 * One walk by victim id (issue 14): each victim named by as_of in a case of
 * the query (window, scope and later-history rule of dk_store_report_cases)
 * with each such case to on_case, then, when steps says so, the victim's
 * events dated by as_of to on_step: assistance by kind, then as the victim's
 * history is ordered (date, recording time, id), so the last of a kind is
 * its line's latest; paternity steps in that order, so the last is the
 * claim's latest. Events of victims named in none of the cases are not
 * handed. Either callback may run other statements; false stops.
 */
enum dk_rc
dk_store_report_victim_cases(struct dk_store *s, const struct dk_report_case_query *q,
                             enum dk_report_steps steps,
                             bool (*on_case)(const struct dk_report_victim_case *l, void *ctx),
                             bool (*on_step)(const struct dk_report_victim_step *e, void *ctx),
                             void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* An action on a subject of a case of the window; valid during the callback only. */
struct dk_report_action_row {
	int64_t case_id;
	const char *ref;
	const char *mission;   /* as stored */
	const char *outcome;   /* as stored; NULL when not set */
	bool changed;          /* created, moved or set after as_of: the app reads it as it stood */
	const char *personnel; /* the subject's */
	const char *action;
	bool interim;
};

/*
 * Every action dated by as_of on a subject added by as_of to a case of the
 * query (as dk_store_report_cases), by case id: one walk of three covering
 * indexes. fn may run other statements; false stops.
 */
enum dk_rc dk_store_report_actions(struct dk_store *s, const struct dk_report_case_query *q,
                                   bool (*fn)(const struct dk_report_action_row *a, void *ctx),
                                   void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * EXPLAIN QUERY PLAN of every statement the reports run (issue 14): fn gets
 * the statement's name and one line of its plan ("id parent notused detail").
 */
enum dk_rc dk_store_report_plans(struct dk_store *s,
                                 void (*fn)(const char *stmt, const char *line, void *ctx),
                                 void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Exchange between offices (issue 13): store_exchange.c ---- */

/* What an export carries: for peer, what it was not sent (all: everything) of a mission or all. */
struct dk_export_query {
	const unsigned char *peer; /* the recipient office's gid */
	bool all;
	const char *mission; /* NULL: every mission (of the scope) */
};

/* Chooses the cases the export carries (into a connection-private table); *ncases their count. */
enum dk_rc dk_store_export_select(struct dk_store *s, const struct dk_export_query *q, long *ncases,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/*
 * The chosen cases' records, in the order a bundle carries them (offices,
 * missions, holidays, cases, events, victims, links, victim events,
 * subjects, subject actions).
 */
enum dk_rc dk_store_export_records(struct dk_store *s, const struct dk_export_query *q,
                                   dk_record_fn fn, void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The audit entries after id `after`, as 'H' records (id, prev, hash). */
enum dk_rc dk_store_audit_records(struct dk_store *s, long long after, dk_record_fn fn, void *ctx,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* Records that the chosen events, victim events and subject actions were sent to q->peer. */
enum dk_rc dk_store_export_mark_sent(struct dk_store *s, const struct dk_export_query *q,
                                     struct dk_err *err) __attribute__((warn_unused_result));

/* A record kind's field types ("b" blob, "t" text, "i" integer, one per field); NULL: unknown. */
const char *dk_store_record_types(unsigned tag);

/* Whether a new record of that kind counts as an event (case, victim and subject events). */
bool dk_store_record_counted(unsigned tag);

/*
 * Writes one record (not 'H') unless its gid is here already (*inserted
 * false). DK_CORRUPT when what it belongs to (a case, victim, subject) is not here.
 */
enum dk_rc dk_store_import_record(struct dk_store *s, const struct dk_record *r, bool *inserted,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* The row id of the case with gid; DK_NOTFOUND quietly. */
enum dk_rc dk_store_case_id_by_gid(struct dk_store *s, const unsigned char gid[DK_GID_LEN],
                                   int64_t *id, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The cases a victim is named in (row ids, malloc'd, appended to *ids). */
enum dk_rc dk_store_victim_case_ids(struct dk_store *s, const unsigned char victim_gid[DK_GID_LEN],
                                    int64_t **ids, size_t *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/* An event's place in its case's graph; valid during the callback only. */
struct dk_link_row {
	unsigned char gid[DK_GID_LEN];
	const unsigned char *parents; /* parents_len / DK_GID_LEN gids */
	size_t parents_len;
	const char *kind;
	unsigned char office[DK_GID_LEN];
	dk_date on;
	const char *state;
};

/* A case's events in their total order (date, recording time, gid). */
enum dk_rc dk_store_event_links(struct dk_store *s, int64_t case_id,
                                bool (*fn)(const struct dk_link_row *l, void *ctx), void *ctx,
                                struct dk_err *err) __attribute__((warn_unused_result));

enum dk_rc dk_store_case_set_conflict(struct dk_store *s, int64_t case_id, bool conflict,
                                      struct dk_err *err) __attribute__((warn_unused_result));

/* Whether the case with gid is flagged (false when there is none). */
enum dk_rc dk_store_case_flagged(struct dk_store *s, const unsigned char gid[DK_GID_LEN],
                                 bool *flagged, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Flagged cases in the scope, by reference. */
enum dk_rc dk_store_conflict_cases(struct dk_store *s,
                                   bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                                   struct dk_err *err) __attribute__((warn_unused_result));

/* The office later reads keep to (NULL: every office's again); see dk_store_office_view. */
enum dk_rc dk_store_office_filter(struct dk_store *s, const unsigned char *office,
                                  struct dk_err *err) __attribute__((warn_unused_result));

/* Puts the office filter on for a read transaction (on), or off before it ends. */
enum dk_rc dk_store_office_view(struct dk_store *s, bool on, struct dk_err *err)
    __attribute__((warn_unused_result));

/* What this database knows of a peer's audit chain, and what it sent it. */
struct dk_peer_head {
	long long head_id; /* 0: no bundle yet */
	unsigned char head_hash[32];
	bool broken;
	long long sent_audit; /* the last own audit entry a bundle carried to it */
};

/* DK_NOTFOUND quietly when the office is unknown. */
enum dk_rc dk_store_peer_head(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                              struct dk_peer_head *out, struct dk_err *err)
    __attribute__((warn_unused_result));

/* A peer's audit entry id as an earlier bundle carried it (*found false when none did). */
enum dk_rc dk_store_peer_audit_at(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                                  long long id, unsigned char prev[32], unsigned char hash[32],
                                  bool *found, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_peer_audit_put(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                                   long long id, const unsigned char prev[32],
                                   const unsigned char hash[32], struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_peer_head_set(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                                  long long id, const unsigned char hash[32], struct dk_err *err)
    __attribute__((warn_unused_result));
/* Flags a peer's chain (kept: the first disagreement stays) with the two heads. */
enum dk_rc dk_store_peer_broken_set(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                                    const char *why, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_peer_sent_audit_set(struct dk_store *s, const unsigned char office[DK_GID_LEN],
                                        long long id, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Every office this database knows, gid and name, in no order. */
enum dk_rc dk_store_office_names(struct dk_store *s,
                                 bool (*fn)(const unsigned char gid[DK_GID_LEN], const char *name,
                                            void *ctx),
                                 void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* Whether any case was recorded by another office than self. */
enum dk_rc dk_store_cases_of_others(struct dk_store *s, const unsigned char self[DK_GID_LEN],
                                    bool *any, struct dk_err *err)
    __attribute__((warn_unused_result));
/* ---- Offices (issue 13): this one, its trusted peers, the offices bundles named ---- */

#define DK_OFFICE_SELF 2    /* trust: this database's own office, with its secret keys */
#define DK_OFFICE_TRUSTED 1 /* a peer an administrator trusts */
#define DK_OFFICE_KNOWN 0   /* only named in a bundle, or untrusted */

struct dk_office_row {
	unsigned char gid[DK_GID_LEN];
	char name[DK_OFFICE_NAME_MAX + 1];
	int trust; /* DK_OFFICE_SELF, _TRUSTED, _KNOWN */
	bool has_keys;
	unsigned char sign_pk[32], box_pk[32]; /* zero without keys */
};

/* Inserts this database's own office (trust 2) with its keys; `on` is a timestamp. */
enum dk_rc dk_store_office_insert_self(struct dk_store *s, const struct dk_office_row *o,
                                       const struct dk_secret *sign_sk,
                                       const struct dk_secret *box_sk, const char *on,
                                       struct dk_err *err) __attribute__((warn_unused_result));

/* The office of that gid; DK_NOTFOUND quietly (err untouched). */
enum dk_rc dk_store_office_get(struct dk_store *s, const unsigned char gid[DK_GID_LEN],
                               struct dk_office_row *out, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The office of that name, case-insensitively (the most trusted one); DK_NOTFOUND quietly. */
enum dk_rc dk_store_office_by_name(struct dk_store *s, const char *name, struct dk_office_row *out,
                                   struct dk_err *err) __attribute__((warn_unused_result));

/* This database's own office; DK_NOTFOUND quietly when it has none yet. */
enum dk_rc dk_store_office_self(struct dk_store *s, struct dk_office_row *out, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * The own office's secret keys, copied from the row straight into new
 * guarded memory (64 and 32 bytes). DK_NOTFOUND quietly without an office;
 * DK_CORRUPT when the row's keys have the wrong sizes.
 */
enum dk_rc dk_store_office_secrets(struct dk_store *s, struct dk_secret **sign_sk,
                                   struct dk_secret **box_sk, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Trusts o (gid, name, keys): a known row of that gid becomes trusted with
 * these keys and name, its broken flag cleared; else a new row. Never
 * touches the own office. `on` is a timestamp.
 */
enum dk_rc dk_store_office_trust(struct dk_store *s, const struct dk_office_row *o, const char *on,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/* A trusted peer becomes known (trust 0), row and keys kept; DK_NOTFOUND when not trusted. */
enum dk_rc dk_store_office_untrust(struct dk_store *s, const unsigned char gid[DK_GID_LEN],
                                   struct dk_err *err) __attribute__((warn_unused_result));

/* One office as listed; broken is NULL when its chain is not flagged (valid in the callback). */
struct dk_office_entry {
	struct dk_office_row row;
	long long head_id; /* 0: no head seen */
	unsigned char head_hash[32];
	const char *broken;
};

/* Every office: the own one first, then by name (case-insensitively). fn returns false to stop. */
enum dk_rc dk_store_office_each(struct dk_store *s,
                                bool (*fn)(const struct dk_office_entry *o, void *ctx), void *ctx,
                                struct dk_err *err) __attribute__((warn_unused_result));

/* What dk_store_data_version reads: each moves when reads could see other rows. */
struct dk_store_version {
	unsigned long long others; /* SQLite's data_version: other connections' commits */
	unsigned long long own;    /* rows this connection changed (committed or not) */
	unsigned long long filter; /* the office filter: 0 none, else from its gid */
};

/* Fills v; cheap, no table is read (SQLite compares the WAL index for data_version). */
enum dk_rc dk_store_data_version(struct dk_store *s, struct dk_store_version *v, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Bulk load (store_bulk.c): the connection's settings while a demo fills a new database. */
struct dk_store_bulk {
	bool on;             /* the database held no case: the bulk settings are in force */
	char cache_size[32]; /* the cache setting to restore */
	void *insert_case;   /* dk_store_bulk_case's statement, finalized by dk_store_bulk_end */
};

/*
 * Outside a transaction, when no case exists yet: rollback journal (a new
 * file's pages written once), secure_delete off, a cache of cache_mib.
 * Otherwise changes nothing (b->on false). Crash-safe either way.
 */
enum dk_rc dk_store_bulk_begin(struct dk_store *s, int cache_mib, struct dk_store_bulk *b,
                               struct dk_err *err) __attribute__((warn_unused_result));

/* Back to the connection's usual settings (WAL, secure_delete on, the cache), after the commit. */
enum dk_rc dk_store_bulk_end(struct dk_store *s, struct dk_store_bulk *b, struct dk_err *err);

/* The id the next case will get (max + 1): a bulk load's events carry it before its row. */
enum dk_rc dk_store_bulk_next_case_id(struct dk_store *s, int64_t *id, struct dk_err *err)
    __attribute__((warn_unused_result));

/* A case's deadlines inserted, nothing cleared: before the case row is written. */
enum dk_rc dk_store_bulk_deadlines(struct dk_store *s, int64_t case_id, const char *ref,
                                   dk_date known_until, const struct dk_deadline *d, size_t n,
                                   struct dk_err *err) __attribute__((warn_unused_result));

/* The case row, with c->id, once, after its events and deadlines; next_due from those. */
enum dk_rc dk_store_bulk_case(struct dk_store *s, struct dk_store_bulk *b, const struct dk_case *c,
                              struct dk_err *err) __attribute__((warn_unused_result));

/* Counts the rows of the bulk-loaded tables that break a CHECK constraint (tests). */
enum dk_rc dk_store_bulk_check(struct dk_store *s, long *breakers, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Whether the connection is in rollback-journal mode (a bulk load; tests). */
bool dk_store_bulk_on(struct dk_store *s);

/* ---- Case seals (issue 16): store_seal.c, schema 14 ---- */

/* One case's seal: its event count, chain over them and hash of its rows, as of audit_id. */
struct dk_case_seal {
	unsigned char gid[DK_GID_LEN];
	long long audit_id; /* the `seal` entry that carries it */
	long long events;
	unsigned char chain[DK_HASH_BYTES];
	unsigned char state[DK_HASH_BYTES];
};

/* Empties the record of the cases the open transaction wrote (dk_store_begin does). */
enum dk_rc dk_store_touch_clear(struct dk_store *s, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Counts every case without a seal as written by the open transaction; *n of them. */
enum dk_rc dk_store_touch_unsealed(struct dk_store *s, long *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Seals every case the open transaction wrote, as of *audit_id, the id the
 * next audit entry will get (the caller appends it: `seal`), and empties the
 * record. *ncases cases (0: none written, nothing done); digest:
 * dk_store_seals_digest of them.
 */
enum dk_rc dk_store_seal_touched(struct dk_store *s, long long *audit_id,
                                 unsigned char digest[DK_HASH_BYTES], long *ncases,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/*
 * What a `seal` entry's detail carries: the hash over seals (sorted here by
 * gid) of each one's gid, event count (8 bytes little-endian), chain, state.
 */
void dk_store_seals_digest(unsigned char out[DK_HASH_BYTES], struct dk_case_seal *seals, size_t n);

/* c0 of a case's chain: H("docket-case-chain-v1", gid). */
void dk_store_case_chain_start(unsigned char chain[DK_HASH_BYTES],
                               const unsigned char gid[DK_GID_LEN]);

/* A case's seals against its rows: sealed (it has one), ok, else the entry that differs. */
struct dk_seal_verdict {
	bool sealed;
	bool ok;
	long long audit_id; /* the seal whose history differs (or the latest) */
};
enum dk_rc dk_store_case_seal_verify(struct dk_store *s, int64_t case_id, struct dk_seal_verdict *v,
                                     struct dk_err *err) __attribute__((warn_unused_result));

/* Each `seal` entry with the count and digest of the case_seal rows it names. */
enum dk_rc
dk_store_seal_entry_each(struct dk_store *s,
                         bool (*fn)(long long audit_id, const char *detail, size_t n,
                                    const unsigned char digest[DK_HASH_BYTES], void *ctx),
                         void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* A seal row no `seal` entry carries (no_entry), or of a case that is gone. */
struct dk_seal_stray {
	unsigned char gid[DK_GID_LEN];
	long long audit_id;
	bool no_entry;
};
enum dk_rc dk_store_seal_stray(struct dk_store *s, struct dk_seal_stray *stray, bool *found,
                               struct dk_err *err) __attribute__((warn_unused_result));

/* The first audit entry of action (*first 0: none). */
enum dk_rc dk_store_audit_has_action(struct dk_store *s, const char *action, long long *first,
                                     struct dk_err *err) __attribute__((warn_unused_result));

/* Every case's row id and reference, in id order (the main table, not the office view). */
enum dk_rc dk_store_case_ids(struct dk_store *s, bool (*fn)(int64_t id, const char *ref, void *ctx),
                             void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* ---- Need-to-know (schema 15): sealed fields, mission keys, content keys ---- */

/*
 * The classes of sealed field, each read by the roles the role table lets
 * take its action (free_text_read, victim_identity_read,
 * subject_identity_read); vet keys the vetting hashes (mission '').
 * Owners: a case (free_text: summary, event notes and payloads, a summary's
 * set values; subject_identity: its subjects' names, index numbers, units)
 * or a victim (victim_identity: name, contact; free_text: its events' notes
 * and providers).
 */
enum dk_field_class {
	DK_FIELD_FREE_TEXT = 1,
	DK_FIELD_VICTIM_IDENTITY = 2,
	DK_FIELD_SUBJECT_IDENTITY = 3,
	DK_FIELD_VET = 4,
};
#define DK_FIELD_CLASS_MAX 4

/* "free_text", ...; "" for anything else. */
const char *dk_field_class_id(enum dk_field_class c);
bool dk_field_class_parse(const char *id, enum dk_field_class *out)
    __attribute__((warn_unused_result));

/*
 * Gives this connection a mission key the session holds (copied into guarded
 * memory, wiped at close). What the SQL function dk_open() and the sealing
 * binds use.
 */
enum dk_rc dk_store_fields_hold(struct dk_store *s, const char *mission, enum dk_field_class cls,
                                long long gen, const struct dk_secret *key, struct dk_err *err)
    __attribute__((warn_unused_result));

/* The held key of (mission, cls, gen), NULL when the session does not hold it. */
const struct dk_secret *dk_store_fields_key(const struct dk_store *s, const char *mission,
                                            enum dk_field_class cls, long long gen);

/*
 * Whether binds seal (the database's fields are sealed: meta "fields" is
 * "sealed"); before the upgrade they store the text as it is. Read at open;
 * the upgrade turns it on.
 */
void dk_store_fields_set_sealing(struct dk_store *s, bool on);
bool dk_store_fields_sealing(const struct dk_store *s);

/* Sealed fields that did not authenticate under a held key since the connection opened. */
unsigned long dk_store_fields_unopened(const struct dk_store *s);

/* The current generation of (mission, cls); 0 when it has no key yet. */
enum dk_rc dk_store_mission_key_gen(struct dk_store *s, const char *mission,
                                    enum dk_field_class cls, long long *gen, struct dk_err *err)
    __attribute__((warn_unused_result));
/* Sets (mission, cls)'s current generation. */
enum dk_rc dk_store_mission_key_put(struct dk_store *s, const char *mission,
                                    enum dk_field_class cls, long long gen, struct dk_err *err)
    __attribute__((warn_unused_result));
enum dk_rc dk_store_mission_key_each(struct dk_store *s,
                                     bool (*fn)(const char *mission, enum dk_field_class cls,
                                                long long gen, void *ctx),
                                     void *ctx, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Makes sure owner's content key of class cls is wrapped under mission's
 * current key: a new content key when the owner has none of that class, else
 * one more wrapping of the key it has (opened through any wrapping the
 * session holds). DK_DENIED when the session cannot (it holds neither).
 */
enum dk_rc dk_store_content_key_ensure(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                                       enum dk_field_class cls, const char *mission,
                                       struct dk_err *err) __attribute__((warn_unused_result));
/* Drops owner's wrappings of class cls under mission (a case put under another mission). */
enum dk_rc dk_store_content_key_drop(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                                     enum dk_field_class cls, const char *mission,
                                     struct dk_err *err) __attribute__((warn_unused_result));
/*
 * Wraps every content key wrapped under (mission, cls, from_gen) under
 * to_gen instead (a rotation); the session holds both keys. *n counts them.
 */
enum dk_rc dk_store_content_keys_rewrap(struct dk_store *s, const char *mission,
                                        enum dk_field_class cls, long long from_gen,
                                        long long to_gen, long *n, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Every grant of an account (every account when account_gid is NULL). */
enum dk_rc dk_store_grant_each(struct dk_store *s, const unsigned char *account_gid,
                               bool (*fn)(const unsigned char account_gid[DK_GID_LEN],
                                          const char *name, const unsigned char *sealed, size_t len,
                                          void *ctx),
                               void *ctx, struct dk_err *err) __attribute__((warn_unused_result));
/* Removes one named grant of an account. */
enum dk_rc dk_store_grant_drop_name(struct dk_store *s, const unsigned char account_gid[DK_GID_LEN],
                                    const char *name, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * The upgrade (in the caller's transaction): every narrative and identity
 * still stored as text is sealed in place, its owner's content key made
 * under its mission's current key (the session holds them all); vet_hashes
 * gives each subject's name_key and index_key from its name and index
 * number (either NULL; the hashes malloc'd or NULL, the store frees them).
 * Append-only tables' triggers are dropped and made again as they were.
 * Every case is touched, and the seals of this transaction restart their
 * chains (dk_store_seal_restart). It does not turn sealing on: the caller
 * sets meta "fields" and dk_store_fields_set_sealing once it succeeded.
 */
enum dk_rc
dk_store_fields_seal_all(struct dk_store *s,
                         void (*vet_hashes)(const char *name, const char *index_number,
                                            char **name_key, char **index_key, void *ctx),
                         void *ctx, struct dk_err *err) __attribute__((warn_unused_result));

/* The seals this transaction makes start their event chains again (they are marked restart). */
void dk_store_seal_restart(struct dk_store *s);

#endif
