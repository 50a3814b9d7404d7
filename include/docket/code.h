/*
 * The codes people copy by hand (victims, subjects, recovery codes), in
 * Crockford's base32: no I, L, O or U to misread. Pure: the caller draws the
 * random bytes.
 */
#ifndef DOCKET_CODE_H
#define DOCKET_CODE_H

#include <stdbool.h>
#include <stddef.h>

/* Random characters of a victim's or subject's code: 50 bits, unique across offices. */
#define DK_CODE_RANDOM_CHARS 10

/* Writes n characters (no NUL), one per byte of raw (its low five bits). */
void dk_code_encode(const unsigned char *raw, size_t n, char *out);

/*
 * A victim's or subject's code: prefix ('V' or 'S'), a dash, one character
 * per byte of raw (DK_CODE_RANDOM_CHARS of them), a NUL: 13 bytes.
 */
void dk_code_format(char prefix, const unsigned char raw[DK_CODE_RANDOM_CHARS], char *code);

/* Checks a typed code of that prefix (any case) and writes it upper-cased (13 bytes). */
bool dk_code_parse(char prefix, const char *typed, char *code);

/*
 * A long code in dash-separated groups of `group` characters from the n
 * bytes of raw; returns its length (out holds it and a NUL).
 */
size_t dk_code_format_groups(const unsigned char *raw, size_t n, size_t group, char *out);

/*
 * The form a long code is compared in: upper case, without dashes or
 * spaces, with the letters Crockford reads as digits mapped (O to 0, I and
 * L to 1). false unless typed (len bytes) holds exactly n code characters.
 */
bool dk_code_normalize(const char *typed, size_t len, size_t n, char *out);

/* An office's fingerprint as typed: 4 groups of 4 characters, dashes, a NUL. */
#define DK_FINGERPRINT_LEN 20
#define DK_FINGERPRINT_HASH_BYTES 20 /* BLAKE2b-160 */

/*
 * The fingerprint text of an office: the first 80 bits of its 20-byte hash,
 * five bits a character (most significant first) in Crockford's base32,
 * grouped "7KQ3-M9XD-2HPA-W4TE". out holds DK_FINGERPRINT_LEN bytes.
 */
void dk_code_fingerprint(const unsigned char hash[DK_FINGERPRINT_HASH_BYTES],
                         char out[DK_FINGERPRINT_LEN]);

#endif
