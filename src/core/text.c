/* UTF-8 decoding, the terminal sanitizer (security.md 10), widths, CSV/JSON/hex output. */
/* wcwidth() is X/Open, not plain POSIX: ask for it before any header. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <string.h>
#include <wchar.h>

#include "docket/buf.h"
#include "docket/text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */
#define ELLIPSIS "\xe2\x80\xa6"    /* U+2026, one column */

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

/*
 * Index of the entry of a table of {uint32_t lo, hi; ...} ranges that holds
 * cp, or -1: one lookup for every range table in this file.
 */
#define RANGE_INDEX(table, cp)                                                                     \
	range_index(&(table)[0].lo, &(table)[0].hi, sizeof((table)[0]),                            \
	            sizeof(table) / sizeof((table)[0]), (cp))

static long
range_index(const uint32_t *lo, const uint32_t *hi, size_t stride, size_t n, uint32_t cp)
{
	for (size_t k = 0; k < n; k++) {
		const uint32_t *l = (const uint32_t *)((const char *)lo + k * stride);
		const uint32_t *h = (const uint32_t *)((const char *)hi + k * stride);

		if (cp >= *l && cp <= *h)
			return (long)k;
	}
	return -1;
}

/* Code points that must not reach a terminal or a spreadsheet raw, and what shows instead. */
enum shown_as {
	SHOW_PICTURE, /* U+2400 + c: the C0 control pictures */
	SHOW_DEL,     /* U+2421 */
	SHOW_FFFD,
};

/* clang-format off */
static const struct {
	uint32_t lo, hi;
	enum shown_as as;
	bool terminal_only; /* harmless in CSV */
} unsafe_ranges[] = {
	{0x00, 0x1f, SHOW_PICTURE, false},
	{0x7f, 0x7f, SHOW_DEL, false},
	{0x80, 0x9f, SHOW_FFFD, false},     /* C1: 0x9b is CSI on many terminals */
	{0x2028, 0x2029, SHOW_FFFD, true},  /* line and paragraph separators end an isolate */
};
/* clang-format on */

/* The explicit bidi controls: what each opens or closes. */
enum bidi_kind {
	BIDI_NONE,
	BIDI_EMBED,       /* LRE, RLE, LRO, RLO: closed by PDF */
	BIDI_ISOLATE,     /* LRI, RLI, FSI: closed by PDI */
	BIDI_POP_EMBED,   /* PDF */
	BIDI_POP_ISOLATE, /* PDI */
};

/* clang-format off */
static const struct {
	uint32_t lo, hi;
	enum bidi_kind kind;
} bidi_controls[] = {
	{0x202a, 0x202b, BIDI_EMBED},
	{0x202c, 0x202c, BIDI_POP_EMBED},
	{0x202d, 0x202e, BIDI_EMBED},
	{0x2066, 0x2068, BIDI_ISOLATE},
	{0x2069, 0x2069, BIDI_POP_ISOLATE},
};
/* clang-format on */

#define BIDI_FSI 0x2068
#define BIDI_PDF 0x202c
#define BIDI_PDI 0x2069
/* Far below the Unicode limit of 125, so the field's own isolate always fits. */
#define BIDI_MAX_DEPTH 60

/* What a field has opened and not closed yet, innermost last (bit set: an isolate). */
struct bidi_stack {
	uint64_t isolates;
	int depth;
};

/*
 * Decodes one well-formed UTF-8 sequence at s[0..len) into *cp and returns
 * its length, or 0 when the byte at s is not the start of one (the caller
 * then handles that single byte and resynchronises on the next).
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
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

/* Appends cp (<= U+10FFFF, not a surrogate) as UTF-8. */
static void
put_utf8(struct dk_buf *out, uint32_t cp)
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

/*
 * Decodes the code point at s[0..len) into *cp and its length into *n; an
 * invalid byte is written to out as U+FFFD instead (*n = 1, returns false).
 */
static bool
decode_or_replace(struct dk_buf *out, const char *s, size_t len, size_t *n, uint32_t *cp)
{
	*n = utf8_decode((const unsigned char *)s, len, cp);
	if (*n > 0)
		return true;
	dk_buf_puts(out, REPLACEMENT);
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
		n = utf8_decode(p + i, len - i, &cp);
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

static enum bidi_kind
bidi_kind(uint32_t cp)
{
	long k = RANGE_INDEX(bidi_controls, cp);

	return k >= 0 ? bidi_controls[k].kind : BIDI_NONE;
}

static bool
bidi_top_is_isolate(const struct bidi_stack *st)
{
	return st->depth > 0 && (st->isolates >> (st->depth - 1) & 1u) != 0;
}

/*
 * Applies one bidi control to st as a bidi algorithm would and says whether
 * to show it: an opener past the depth limit, a PDF with no embedding of the
 * field's own to close and a PDI with no isolate of its own are left out, so
 * nothing in a field can close what encloses it.
 */
static bool
bidi_apply(struct bidi_stack *st, enum bidi_kind kind)
{
	switch (kind) {
	case BIDI_EMBED:
	case BIDI_ISOLATE:
		if (st->depth >= BIDI_MAX_DEPTH)
			return false;
		if (kind == BIDI_ISOLATE)
			st->isolates |= (uint64_t)1 << st->depth;
		else
			st->isolates &= ~((uint64_t)1 << st->depth);
		st->depth++;
		return true;
	case BIDI_POP_EMBED:
		if (st->depth == 0 || bidi_top_is_isolate(st))
			return false;
		st->depth--;
		return true;
	case BIDI_POP_ISOLATE:
		/* A PDI also ends the embeddings opened inside its isolate. */
		if ((st->isolates & (((uint64_t)1 << st->depth) - 1)) == 0)
			return false;
		while (!bidi_top_is_isolate(st))
			st->depth--;
		st->depth--;
		return true;
	case BIDI_NONE:
		break;
	}
	return true;
}

/* Closes, innermost first, everything st still holds open. */
static void
bidi_close_all(struct dk_buf *out, struct bidi_stack *st)
{
	while (st->depth > 0) {
		put_utf8(out, bidi_top_is_isolate(st) ? BIDI_PDI : BIDI_PDF);
		st->depth--;
	}
}

/* Appends the placeholder for cp and returns true when cp must not be shown raw. */
static bool
put_placeholder(struct dk_buf *out, uint32_t cp, bool terminal)
{
	long r = RANGE_INDEX(unsafe_ranges, cp);

	if (r < 0 || (!terminal && unsafe_ranges[r].terminal_only))
		return false;
	if (unsafe_ranges[r].as == SHOW_PICTURE)
		put_utf8(out, 0x2400 + cp);
	else if (unsafe_ranges[r].as == SHOW_DEL)
		put_utf8(out, 0x2421);
	else
		dk_buf_puts(out, REPLACEMENT);
	return true;
}

/* True when s[0..len) holds an explicit bidi control. */
static bool
has_bidi_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (n > 0 && bidi_kind(cp) != BIDI_NONE)
			return true;
		i += n > 0 ? n : 1;
	}
	return false;
}

/* One line of a field: the sanitizer's work, inside its own isolate when it needs one. */
static void
sanitize_span(struct dk_buf *out, const char *s, size_t len, enum dk_sanitize_mode mode)
{
	struct bidi_stack st = {0, 0};
	bool isolate = has_bidi_control(s, len);
	size_t i = 0, n;
	uint32_t cp;

	/* The field's own isolate stays off st: nothing in the field can close it. */
	if (isolate)
		put_utf8(out, BIDI_FSI);
	for (; i < len; i += n) {
		if (!decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (mode == DK_SANITIZE_MULTILINE && cp == '\t')
			dk_buf_putc(out, '\t');
		else if (bidi_kind(cp) != BIDI_NONE) {
			if (bidi_apply(&st, bidi_kind(cp)))
				dk_buf_append(out, s + i, n);
		} else if (!put_placeholder(out, cp, true))
			dk_buf_append(out, s + i, n);
	}
	bidi_close_all(out, &st);
	if (isolate)
		put_utf8(out, BIDI_PDI);
}

void
dk_text_sanitize(struct dk_buf *out, const char *s, enum dk_sanitize_mode mode)
{
	const char *line, *end;

	if (s == NULL)
		return;
	if (mode == DK_SANITIZE_LINE) {
		sanitize_span(out, s, strlen(s), mode);
		return;
	}
	/* A terminal runs the bidi algorithm line by line: each line gets its own isolate. */
	for (line = s;; line = end + 1) {
		end = strchr(line, '\n');
		sanitize_span(out, line, end != NULL ? (size_t)(end - line) : strlen(line), mode);
		if (end == NULL)
			break;
		dk_buf_putc(out, '\n');
	}
}

size_t
dk_text_find_control(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n, pos = 0;
	uint32_t c;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &c);
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

/*
 * Columns for one code point. wcwidth() returns -1 for what the locale does
 * not know (everything non-ASCII in the C locale, controls): the terminal will
 * still draw something there, so 1 is the safer guess than 0.
 */
static int
cp_width(uint32_t cp)
{
	int w;

	/* Invisible whatever the locale says (the C locale knows nothing of them). */
	if (bidi_kind(cp) != BIDI_NONE)
		return 0;
	w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/*
 * Steps over one unit of s: a code point, or a single invalid byte (which a
 * terminal shows as one replacement cell). Returns its length in bytes.
 */
static size_t
next_unit(const char *s, size_t len, int *width, enum bidi_kind *bidi)
{
	uint32_t cp;
	size_t n = utf8_decode((const unsigned char *)s, len, &cp);

	if (n == 0) {
		*width = 1;
		*bidi = BIDI_NONE;
		return 1;
	}
	*width = cp_width(cp);
	*bidi = bidi_kind(cp);
	return n;
}

int
dk_text_width(const char *s)
{
	size_t len, i = 0;
	int total = 0, w;
	enum bidi_kind bidi;

	if (s == NULL)
		return 0;
	len = strlen(s);
	while (i < len) {
		i += next_unit(s + i, len - i, &w, &bidi);
		total += w;
	}
	return total;
}

static void
pad_spaces(struct dk_buf *out, int n)
{
	while (n-- > 0)
		dk_buf_putc(out, ' ');
}

void
dk_text_fit(struct dk_buf *out, const char *s, int width, bool pad)
{
	struct bidi_stack st = {0, 0};
	size_t len, i = 0, n;
	int used = 0, limit, w;
	enum bidi_kind bidi;

	if (width <= 0)
		return;
	if (s == NULL)
		s = "";
	w = dk_text_width(s);
	if (w <= width) {
		dk_buf_puts(out, s);
		if (pad)
			pad_spaces(out, width - w);
		return;
	}
	/* Keep one column for the ellipsis; stop at the first unit that overflows
	 * so a wide character is dropped whole and its combining marks with it. */
	limit = width - 1;
	len = strlen(s);
	while (i < len) {
		n = next_unit(s + i, len - i, &w, &bidi);
		if (used + w > limit)
			break;
		if (bidi_apply(&st, bidi))
			dk_buf_append(out, s + i, n);
		used += w;
		i += n;
	}
	/* What was cut may have held the closers: an open isolate would reorder the next column. */
	bidi_close_all(out, &st);
	dk_buf_puts(out, ELLIPSIS);
	used++;
	if (pad)
		pad_spaces(out, width - used);
}

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
		if (!decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (cp == '"')
			dk_buf_putc(out, '"');
		if (cp == '\t' || cp == '\r' || cp == '\n' || !put_placeholder(out, cp, false))
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
		if (!decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (cp == '"' || cp == '\\') {
			dk_buf_putc(out, '\\');
			dk_buf_putc(out, (char)cp);
		} else if (cp < 0x20 && json_short_escape[cp] != '\0') {
			dk_buf_putc(out, '\\');
			dk_buf_putc(out, json_short_escape[cp]);
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
			/* DEL and C1 too: RFC 8259 allows them raw, a terminal does not. */
			dk_buf_puts(out, "\\u00");
			dk_buf_putc(out, hex_digits[cp >> 4]);
			dk_buf_putc(out, hex_digits[cp & 0xf]);
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

/*
 * Latin letters with accents (and other marks) and their plain spelling, by
 * code point range: Latin-1 Supplement, Latin Extended-A and -B, Latin
 * Extended Additional (Vietnamese). Each range holds letters of one base.
 */
static const struct {
	uint32_t lo, hi;
	const char *plain;
} latin_folds[] = {
    {0xC0, 0xC5, "a"},     {0xC6, 0xC6, "ae"},     {0xC7, 0xC7, "c"},     {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},     {0xD0, 0xD0, "d"},      {0xD1, 0xD1, "n"},     {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},     {0xD9, 0xDC, "u"},      {0xDD, 0xDD, "y"},     {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},    {0xE0, 0xE5, "a"},      {0xE6, 0xE6, "ae"},    {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},     {0xEC, 0xEF, "i"},      {0xF0, 0xF0, "d"},     {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},     {0xF8, 0xF8, "o"},      {0xF9, 0xFC, "u"},     {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},    {0xFF, 0xFF, "y"},      {0x100, 0x105, "a"},   {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"},   {0x112, 0x11B, "e"},    {0x11C, 0x123, "g"},   {0x124, 0x127, "h"},
    {0x128, 0x131, "i"},   {0x132, 0x133, "ij"},   {0x134, 0x135, "j"},   {0x136, 0x138, "k"},
    {0x139, 0x142, "l"},   {0x143, 0x14B, "n"},    {0x14C, 0x151, "o"},   {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"},   {0x15A, 0x161, "s"},    {0x162, 0x167, "t"},   {0x168, 0x173, "u"},
    {0x174, 0x175, "w"},   {0x176, 0x178, "y"},    {0x179, 0x17E, "z"},   {0x17F, 0x17F, "s"},
    {0x180, 0x183, "b"},   {0x187, 0x188, "c"},    {0x189, 0x18C, "d"},   {0x191, 0x192, "f"},
    {0x193, 0x193, "g"},   {0x197, 0x197, "i"},    {0x198, 0x199, "k"},   {0x19A, 0x19A, "l"},
    {0x19D, 0x19E, "n"},   {0x19F, 0x1A1, "o"},    {0x1A4, 0x1A5, "p"},   {0x1AB, 0x1AE, "t"},
    {0x1AF, 0x1B0, "u"},   {0x1B3, 0x1B4, "y"},    {0x1B5, 0x1B6, "z"},   {0x1CD, 0x1CE, "a"},
    {0x1CF, 0x1D0, "i"},   {0x1D1, 0x1D2, "o"},    {0x1D3, 0x1DC, "u"},   {0x1DE, 0x1E1, "a"},
    {0x1E2, 0x1E3, "ae"},  {0x1E4, 0x1E7, "g"},    {0x1E8, 0x1E9, "k"},   {0x1EA, 0x1ED, "o"},
    {0x1F0, 0x1F0, "j"},   {0x1F4, 0x1F5, "g"},    {0x1F8, 0x1F9, "n"},   {0x1FA, 0x1FB, "a"},
    {0x1FC, 0x1FD, "ae"},  {0x1FE, 0x1FF, "o"},    {0x200, 0x203, "a"},   {0x204, 0x207, "e"},
    {0x208, 0x20B, "i"},   {0x20C, 0x20F, "o"},    {0x210, 0x213, "r"},   {0x214, 0x217, "u"},
    {0x218, 0x219, "s"},   {0x21A, 0x21B, "t"},    {0x21E, 0x21F, "h"},   {0x226, 0x227, "a"},
    {0x228, 0x229, "e"},   {0x22A, 0x231, "o"},    {0x232, 0x233, "y"},   {0x1E00, 0x1E01, "a"},
    {0x1E02, 0x1E07, "b"}, {0x1E08, 0x1E09, "c"},  {0x1E0A, 0x1E13, "d"}, {0x1E14, 0x1E1D, "e"},
    {0x1E1E, 0x1E1F, "f"}, {0x1E20, 0x1E21, "g"},  {0x1E22, 0x1E2B, "h"}, {0x1E2C, 0x1E2F, "i"},
    {0x1E30, 0x1E35, "k"}, {0x1E36, 0x1E3D, "l"},  {0x1E3E, 0x1E43, "m"}, {0x1E44, 0x1E4B, "n"},
    {0x1E4C, 0x1E53, "o"}, {0x1E54, 0x1E57, "p"},  {0x1E58, 0x1E5F, "r"}, {0x1E60, 0x1E69, "s"},
    {0x1E6A, 0x1E71, "t"}, {0x1E72, 0x1E7B, "u"},  {0x1E7C, 0x1E7F, "v"}, {0x1E80, 0x1E89, "w"},
    {0x1E8A, 0x1E8D, "x"}, {0x1E8E, 0x1E8F, "y"},  {0x1E90, 0x1E95, "z"}, {0x1E96, 0x1E96, "h"},
    {0x1E97, 0x1E97, "t"}, {0x1E98, 0x1E98, "w"},  {0x1E99, 0x1E99, "y"}, {0x1E9A, 0x1E9A, "a"},
    {0x1E9B, 0x1E9D, "s"}, {0x1E9E, 0x1E9E, "ss"}, {0x1EA0, 0x1EB7, "a"}, {0x1EB8, 0x1EC7, "e"},
    {0x1EC8, 0x1ECB, "i"}, {0x1ECC, 0x1EE3, "o"},  {0x1EE4, 0x1EF1, "u"}, {0x1EF2, 0x1EF9, "y"},
};

/* Capitals of the other scripts names come in, and the offset to their small letters. */
static const struct {
	uint32_t lo, hi;
	uint32_t to_small;
} capitals[] = {
    {0x391, 0x3A1, 0x20}, /* Greek */
    {0x3A3, 0x3AB, 0x20},
    {0x400, 0x40F, 0x50}, /* Cyrillic */
    {0x410, 0x42F, 0x20},
};

/* Beyond Latin: combining accents (a decomposed é), punctuation and spaces carry no name. */
static const struct {
	uint32_t lo, hi;
} name_key_ignored[] = {
    {0x0300, 0x036F}, /* combining diacritical marks */
    {0x2000, 0x206F}, /* general punctuation: spaces, dashes, quotes, bidi controls */
    {0x3000, 0x303F}, /* CJK spaces and punctuation */
    {0xFE00, 0xFE0F}, /* variation selectors */
    {0xFEFF, 0xFEFF}, /* zero-width no-break space */
};

static bool
name_key_ignores(uint32_t cp)
{
	return RANGE_INDEX(name_key_ignored, cp) >= 0;
}

static const char *
latin_plain(uint32_t cp)
{
	long k = RANGE_INDEX(latin_folds, cp);

	return k >= 0 ? latin_folds[k].plain : NULL;
}

static uint32_t
small_letter(uint32_t cp)
{
	long k = RANGE_INDEX(capitals, cp);

	return k >= 0 ? cp + capitals[k].to_small : cp;
}

void
dk_text_name_key(struct dk_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	const char *plain;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if (cp < 0x80) {
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
				dk_buf_putc(out, (char)cp);
			else if (cp >= 'A' && cp <= 'Z')
				dk_buf_putc(out, (char)(cp - 'A' + 'a'));
		} else if ((plain = latin_plain(cp)) != NULL) {
			dk_buf_puts(out, plain);
		} else if (cp >= 0x180 && !name_key_ignores(cp)) {
			put_utf8(out, small_letter(cp));
		}
		/* Anything else below U+0180 is a space, sign or mark: dropped. */
		i += n;
	}
}

/* Edits between a and b (optimal string alignment), or limit + 1 once it exceeds limit. */
static size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	enum { MAXLEN = 64 };
	size_t la = strlen(a), lb = strlen(b);
	size_t row[3][MAXLEN + 1];

	if (la > MAXLEN || lb > MAXLEN || (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		row[1][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *cur = row[(i + 1) % 3], *prev = row[i % 3], *prev2 = row[(i + 2) % 3];
		size_t best = cur[0] = i;

		for (size_t j = 1; j <= lb; j++) {
			int same =
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			size_t d = prev[j - 1] + !same;

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[(la + 1) % 3][lb];
}

int
dk_text_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word), limit = len / 3, best = SIZE_MAX;
	int found = -1;

	if (len == 0)
		return -1;
	limit = limit < 1 ? 1 : limit > 3 ? 3 : limit;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i], limit);

		if (d <= limit && d < best) {
			best = d;
			found = (int)i;
		}
	}
	return found;
}
