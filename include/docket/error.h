/* Result codes shared by every layer, and the error detail carried with them. */
#ifndef DOCKET_ERROR_H
#define DOCKET_ERROR_H

#include <stddef.h>

#include "docket/i18n.h"

/*
 * One list: code name, process exit status, untranslated message (marked
 * for gettext by the N_ convention; translated at the edge).
 */
#define DK_RC_LIST(X)                                                                              \
	X(OK, 0, N_("success"))                                                                    \
	X(INVALID, 1, N_("invalid input"))                                                         \
	X(NOTFOUND, 1, N_("not found"))                                                            \
	X(EXISTS, 1, N_("already exists"))                                                         \
	X(CONFLICT, 1, N_("conflicting change"))                                                   \
	X(IO, 1, N_("input/output error"))                                                         \
	X(CORRUPT, 1, N_("the database or its key slots are damaged"))                             \
	X(TOONEW, 1, N_("the database was written by a newer version of docket"))                  \
	X(BUSY, 1, N_("the database is in use by another docket"))                                 \
	X(USAGE, 2, N_("usage error"))                                                             \
	X(AUTH, 3, N_("authentication failed"))                                                    \
	X(DENIED, 4, N_("permission denied"))

enum dk_rc {
#define DK_RC_ENUM(name, exit, msg) DK_##name,
	DK_RC_LIST(DK_RC_ENUM)
#undef DK_RC_ENUM
	    DK_RC_COUNT
};

/* A failure's code plus one line of detail for the user (already translated). */
struct dk_err {
	enum dk_rc rc;
	char msg[512];
};

/* The process exit status for a result code (cli.md). */
int dk_rc_exit_status(enum dk_rc rc);

/* The untranslated generic message for a result code. */
const char *dk_rc_message(enum dk_rc rc);

/* The code's name ("INVALID", "AUTH"), for tests and logs. */
const char *dk_rc_name(enum dk_rc rc);

/*
 * Records a failure in err (which may be NULL) and returns rc, so callers can
 * write `return dk_err_set(err, DK_INVALID, _("bad date '%s'"), s);`.
 * fmt is printf-like; the text is truncated to fit.
 */
enum dk_rc dk_err_set(struct dk_err *err, enum dk_rc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears err to DK_OK with an empty message. */
void dk_err_clear(struct dk_err *err);

#endif
