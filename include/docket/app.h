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
#include "docket/date.h"
#include "docket/error.h"
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

/* The date the session takes as today. */
dk_date dk_app_today(const struct dk_app *app);

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
 * the database until the first command runs.
 */
enum dk_rc dk_app_unlock(struct dk_app *app, const char *user, const struct dk_secret *passphrase)
	__attribute__((warn_unused_result));

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
enum dk_rc dk_app_case_add(struct dk_app *app, const struct dk_case_input *in,
			   char ref[DK_REF_MAX]) __attribute__((warn_unused_result));

/* Loads one case by reference into out (clear it with dk_case_clear). */
enum dk_rc dk_app_case_get(struct dk_app *app, const char *ref, struct dk_case *out)
	__attribute__((warn_unused_result));

/*
 * Streams the cases matching the filter (mission and state are validated)
 * to fn in order; fn returns false to stop.
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

#endif
