/* UTF-8 decoding and encoding, and the checks on raw text: validity, controls, CRLF. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/text.h"
#include "utf8.h"

/*
 * Well-formed multi-byte sequences (Unicode 15, table 3-7): the lead byte
 * fixes the length and the range of the second byte, which is what rules out
 * overlongs (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and code points
 * past U+10FFFF (F4 90..); later bytes are always 80..BF.
 */
/* clang-format off */
static const struct {
	unsigned char lead_lo, lead_hi;
	unsigned char len;
	unsigned char second_lo, second_hi;
} utf8_leads[] = {
	{0xc2, 0xdf, 2, 0x80, 0xbf},
	{0xe0, 0xe0, 3, 0xa0, 0xbf},
	{0xe1, 0xec, 3, 0x80, 0xbf},
	{0xed, 0xed, 3, 0x80, 0x9f},
	{0xee, 0xef, 3, 0x80, 0xbf},
	{0xf0, 0xf0, 4, 0x90, 0xbf},
	{0xf1, 0xf3, 4, 0x80, 0xbf},
	{0xf4, 0xf4, 4, 0x80, 0x8f},
};
/* clang-format on */

long
dk_range_index(const uint32_t *lo, const uint32_t *hi, size_t stride, size_t n, uint32_t cp)
{
	for (size_t k = 0; k < n; k++) {
		const uint32_t *l = (const uint32_t *)((const char *)lo + k * stride);
		const uint32_t *h = (const uint32_t *)((const char *)hi + k * stride);

		if (cp >= *l && cp <= *h)
			return (long)k;
	}
	return -1;
}

size_t
dk_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t i, n;
	uint32_t c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (i = 0; i < sizeof(utf8_leads) / sizeof(utf8_leads[0]); i++) {
		if (s[0] >= utf8_leads[i].lead_lo && s[0] <= utf8_leads[i].lead_hi)
			break;
	}
	if (i == sizeof(utf8_leads) / sizeof(utf8_leads[0]))
		return 0;
	n = utf8_leads[i].len;
	if (len < n || s[1] < utf8_leads[i].second_lo || s[1] > utf8_leads[i].second_hi)
		return 0;
	/* The lead byte keeps 7 - n payload bits. */
	c = s[0] & (0x7fu >> n);
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3fu);
	}
	*cp = c;
	return n;
}

void
dk_utf8_put(struct dk_buf *out, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	dk_buf_append(out, b, n);
}

bool
dk_utf8_decode_or_replace(struct dk_buf *out, const char *s, size_t len, size_t *n, uint32_t *cp)
{
	*n = dk_utf8_decode((const unsigned char *)s, len, cp);
	if (*n > 0)
		return true;
	dk_buf_puts(out, DK_UTF8_REPLACEMENT);
	*n = 1;
	return false;
}

bool
dk_text_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = dk_utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
dk_text_utf8_count(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	/* Every code point has exactly one byte that is not a continuation byte. */
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return n;
}

size_t
dk_text_find_control(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n, pos = 0;
	uint32_t c;

	while (i < len) {
		n = dk_utf8_decode(p + i, len - i, &c);
		pos++;
		if (n == 0)
			return 0; /* not UTF-8: the caller refuses that first */
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
			*cp = c;
			return pos;
		}
		i += n;
	}
	return 0;
}

size_t
dk_text_crlf_to_lf(char *s, size_t len)
{
	size_t r, w = 0;

	for (r = 0; r < len; r++) {
		if (s[r] == '\r' && r + 1 < len && s[r + 1] == '\n')
			continue;
		s[w++] = s[r];
	}
	/* Leave no copy of the moved tail behind. */
	memset(s + w, 0, len - w);
	s[w] = '\0';
	return w;
}
