/*
 * core's own UTF-8 primitives, shared by its text files (utf8.c, text.c,
 * escape.c, name_key.c); not part of the public API.
 */
#ifndef DOCKET_CORE_UTF8_H
#define DOCKET_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "docket/buf.h"

#define DK_UTF8_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/*
 * Index of the entry of a table of {uint32_t lo, hi; ...} ranges that holds
 * cp, or -1: one lookup for every range table of the text files.
 */
#define DK_RANGE_INDEX(table, cp)                                                                  \
	dk_range_index(&(table)[0].lo, &(table)[0].hi, sizeof((table)[0]),                         \
	               sizeof(table) / sizeof((table)[0]), (cp))

long dk_range_index(const uint32_t *lo, const uint32_t *hi, size_t stride, size_t n, uint32_t cp);

/*
 * Decodes one well-formed UTF-8 sequence at s[0..len) into *cp and returns
 * its length, or 0 when the byte at s is not the start of one (the caller
 * then handles that single byte and resynchronises on the next).
 */
size_t dk_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Appends cp (<= U+10FFFF, not a surrogate) as UTF-8. */
void dk_utf8_put(struct dk_buf *out, uint32_t cp);

/*
 * Decodes the code point at s[0..len) into *cp and its length into *n; an
 * invalid byte is written to out as U+FFFD instead (*n = 1, returns false).
 */
bool dk_utf8_decode_or_replace(struct dk_buf *out, const char *s, size_t len, size_t *n,
                               uint32_t *cp);

/*
 * text.c: appends the placeholder for cp (a C0 control picture, U+2421 for
 * DEL, U+FFFD) and returns true when cp must not be shown raw; terminal
 * false lets through what only a terminal minds (U+2028, U+2029).
 */
bool dk_text_put_placeholder(struct dk_buf *out, uint32_t cp, bool terminal);

#endif
