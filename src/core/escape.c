/* Text for programs: CSV fields, JSON strings, hex. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/text.h"
#include "utf8.h"

void
dk_text_csv_field(struct dk_buf *out, const char *s)
{
	size_t len, i = 0, n;
	bool guard, quote;
	uint32_t cp;

	if (s == NULL)
		return;
	/* A spreadsheet runs a cell starting with these as a formula (TAB, CR: once trimmed). */
	guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		dk_buf_putc(out, '"');
	if (guard)
		dk_buf_putc(out, '\'');
	len = strlen(s);
	for (; i < len; i += n) {
		if (!dk_utf8_decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (cp == '"')
			dk_buf_putc(out, '"');
		if (cp == '\t' || cp == '\r' || cp == '\n' ||
		    !dk_text_put_placeholder(out, cp, false))
			dk_buf_append(out, s + i, n);
	}
	if (quote)
		dk_buf_putc(out, '"');
}

/* The two-character escapes RFC 8259 names; other controls use \u00XX. */
/* clang-format off */
static const char json_short_escape[0x20] = {
	['\b'] = 'b',
	['\f'] = 'f',
	['\n'] = 'n',
	['\r'] = 'r',
	['\t'] = 't',
};
/* clang-format on */

static const char hex_digits[] = "0123456789abcdef";

/*
 * Written as \u and four hex digits though RFC 8259 allows them raw, because a terminal does not:
 * DEL and C1, the line and paragraph separators, and the bidi controls (an override left open
 * reverses the rest of the line the JSON is printed on). Parsers read them back the same.
 */
static bool
json_escaped(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void
dk_text_json_string(struct dk_buf *out, const char *s)
{
	size_t len, i = 0, n;
	uint32_t cp;

	if (s == NULL) {
		dk_buf_puts(out, "null");
		return;
	}
	dk_buf_putc(out, '"');
	len = strlen(s);
	for (; i < len; i += n) {
		if (!dk_utf8_decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (cp == '"' || cp == '\\') {
			dk_buf_putc(out, '\\');
			dk_buf_putc(out, (char)cp);
		} else if (cp < 0x20 && json_short_escape[cp] != '\0') {
			dk_buf_putc(out, '\\');
			dk_buf_putc(out, json_short_escape[cp]);
		} else if (json_escaped(cp)) {
			dk_buf_puts(out, "\\u");
			for (int shift = 12; shift >= 0; shift -= 4)
				dk_buf_putc(out, hex_digits[cp >> shift & 0xf]);
		} else {
			dk_buf_append(out, s + i, n);
		}
	}
	dk_buf_putc(out, '"');
}

void
dk_hex_encode(char *out, const unsigned char *in, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex_digits[in[i] >> 4];
		out[2 * i + 1] = hex_digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
dk_hex_decode(unsigned char *out, size_t len, const char *hex)
{
	size_t i;

	if (hex == NULL)
		return false;
	/* Check everything first so a refused input leaves out untouched. */
	for (i = 0; i < 2 * len; i++) {
		if (hex_value(hex[i]) < 0)
			return false;
	}
	if (hex[2 * len] != '\0')
		return false;
	for (i = 0; i < len; i++)
		out[i] = (unsigned char)(hex_value(hex[2 * i]) << 4 | hex_value(hex[2 * i + 1]));
	return true;
}
