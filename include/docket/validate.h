/* Field validation shared by every front end: identifiers, codes, text limits. */
#ifndef DOCKET_VALIDATE_H
#define DOCKET_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/error.h"

#define DK_MISSION_MAX 12
#define DK_NAME_MAX 64       /* account names */
#define DK_LINE_MAX 200      /* one-line free text (names, providers, units) */
#define DK_TEXT_MAX 8000     /* multi-line free text (summaries, notes), bytes */
#define DK_PASSPHRASE_MIN 10 /* code points */
#define DK_PASSPHRASE_MAX 1024
#define DK_OFFICE_NAME_MAX 32 /* an office's name: GOMA, hq.nairobi */

/*
 * Checks a mission acronym (2-12 ASCII letters, any case) and writes it
 * upper-cased to out (DK_MISSION_MAX + 1 bytes).
 */
enum dk_rc dk_validate_mission(const char *s, char *out, struct dk_err *err);

/* ISO 3166-1 alpha-3 country code in any case, written upper-cased to out ("cod" -> "COD"). */
enum dk_rc dk_validate_nationality(const char *s, char out[4], struct dk_err *err);

/* Account name: 1-64 of [a-z0-9._-], starting with a letter or digit. */
enum dk_rc dk_validate_account(const char *s, struct dk_err *err);

/*
 * An office's name: 1-32 of [A-Za-z0-9._-], case kept (names are compared
 * case-insensitively). false, with DK_INVALID in err, otherwise.
 */
bool dk_validate_office_name(const char *name, struct dk_err *err);

/*
 * The one rule for stored free text, field `what` (used in the message):
 * valid UTF-8, at most max bytes, no C0 control but TAB and LF, no DEL, no
 * C1 control (CR included: front ends turn CRLF into LF first, with
 * dk_text_crlf_to_lf); one-line text may not hold LF or CR either.
 */
enum dk_rc dk_validate_text(const char *what, const char *s, size_t max, bool one_line,
                            struct dk_err *err);

/* The same for text that came with its byte length (standard input): a NUL byte is refused. */
enum dk_rc dk_validate_text_len(const char *what, const char *s, size_t len, size_t max,
                                bool one_line, struct dk_err *err);

#endif
