/*
 * UTF-8 checks, the terminal sanitizer, column widths and CSV/JSON escaping.
 * Defined in src/core: utf8.c (checks on raw text), text.c (the terminal),
 * escape.c (CSV, JSON, hex), name_key.c and closest.c.
 */
#ifndef DOCKET_TEXT_H
#define DOCKET_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "docket/buf.h"

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool dk_text_utf8_valid(const char *s, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t dk_text_utf8_count(const char *s);

enum dk_sanitize_mode {
	DK_SANITIZE_LINE,      /* one-line field: LF, CR, TAB and BS become placeholders too */
	DK_SANITIZE_MULTILINE, /* keeps LF and TAB; everything else as in LINE */
};

/*
 * Appends s to out, made safe for a terminal (security.md 10): C0 controls
 * and DEL become their Unicode control pictures (ESC -> U+241B "␛", DEL ->
 * U+2421); C1 controls, U+2028/U+2029 and each invalid UTF-8 byte become
 * U+FFFD. Everything else is copied as is.
 *
 * Bidi controls (U+202A-U+202E, U+2066-U+2069) are legitimate in Arabic
 * or Hebrew text and are kept, but a field (each line of a MULTILINE one)
 * that holds any is wrapped in FSI ... PDI (U+2068 ... U+2069) with every
 * embedding and isolate it opened closed before the PDI; a PDF or PDI
 * with nothing of the field's own to close is left out. A terminal that
 * runs the bidi algorithm (per line, as mlterm, Konsole and VTE do) then
 * reorders only inside the field, never the columns around it; one that
 * does not draws them as nothing (they are zero width). Fields without
 * bidi controls are not wrapped, so plain output stays byte for byte.
 */
void dk_text_sanitize(struct dk_buf *out, const char *s, enum dk_sanitize_mode mode);

/*
 * Terminal columns needed to show s (valid, already sanitized UTF-8),
 * measured with wcwidth() per code point; a code point wcwidth does not know
 * (e.g. in the C locale) counts as 1, combining marks and bidi controls as 0.
 */
int dk_text_width(const char *s);

/*
 * Appends s to out cut to at most width columns (ending in "…" when cut)
 * and padded with spaces to exactly width columns when pad is true. Never
 * splits a code point or a wide character; when it cuts, it closes the bidi
 * embeddings and isolates the kept part opened (before the "…").
 */
void dk_text_fit(struct dk_buf *out, const char *s, int width, bool pad);

/*
 * Appends one RFC 4180 CSV field: quoted when it holds a comma, quote, CR
 * or LF (quotes doubled); a value starting with '=', '+', '-', '@', TAB or
 * CR is prefixed with a single quote (formula injection guard) and then
 * quoted as needed. A CSV file ends up on terminals (cat, less -r), so no
 * control byte but TAB, CR and LF is written raw: other C0 controls and DEL
 * become the sanitizer's control pictures (ESC -> U+241B), C1 controls and
 * invalid UTF-8 bytes U+FFFD, as on screen. Bidi controls stay (data).
 */
void dk_text_csv_field(struct dk_buf *out, const char *s);

/*
 * Appends s as a JSON string literal with its quotes, escaped per RFC 8259
 * (", \, and every control below U+0020 as \n \r \t \b \f or \u00XX); DEL
 * and C1 controls (U+0080-U+009F) as \u00XX too, so no raw ESC or C1 byte
 * ever leaves; other non-ASCII copied as UTF-8. Invalid UTF-8 bytes become
 * U+FFFD. NULL appends the literal null.
 */
void dk_text_json_string(struct dk_buf *out, const char *s);

/*
 * The first code point of s (valid UTF-8) that stored text may not hold:
 * a C0 control other than TAB and LF, DEL or a C1 control. Returns its
 * position in code points, from 1, with it in *cp; 0 when there is none.
 */
size_t dk_text_find_control(const char *s, uint32_t *cp);

/*
 * Turns each CRLF in s[0..len) into LF in place (a lone CR stays) and
 * NUL-terminates the result; returns its length. s holds len + 1 bytes.
 */
size_t dk_text_crlf_to_lf(char *s, size_t len);

/*
 * The key two spellings of one person's name share, for vetting: Latin
 * letters folded to lower-case ASCII without accents (é -> e, ß -> ss,
 * Ø -> o, ế -> e, ș -> s), combining accents, spaces and punctuation
 * dropped, Greek and Cyrillic capitals made small, other scripts kept. "  Jean-Pierre  DUPONT" and
 * "jean pierre dupont" both give "jeanpierredupont". Invalid UTF-8 bytes are dropped.
 */
void dk_text_name_key(struct dk_buf *out, const char *s);

/*
 * The candidate closest to word by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours; ASCII case ignored), for "did you
 * mean" hints. Returns its index, or -1 when none is within a third of the
 * word's length (at least 1, at most 3 edits) or word is empty.
 */
int dk_text_closest(const char *word, const char *const *candidates, size_t n);

/* Lower-case hex of len bytes, NUL-terminated; out holds 2*len+1 chars. */
void dk_hex_encode(char *out, const unsigned char *in, size_t len);

/* Decodes exactly 2*len hex digits (either case); false on anything else. */
bool dk_hex_decode(unsigned char *out, size_t len, const char *hex);

#endif
