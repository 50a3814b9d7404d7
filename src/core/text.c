/* The terminal: the sanitizer (security.md 10), display widths and fitting text to columns. */
/* wcwidth() is X/Open, not plain POSIX: ask for it before any header. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "docket/buf.h"
#include "docket/text.h"
#include "utf8.h"

#define ELLIPSIS "\xe2\x80\xa6" /* U+2026, one column */

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

static enum bidi_kind
bidi_kind(uint32_t cp)
{
	long k = DK_RANGE_INDEX(bidi_controls, cp);

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
		dk_utf8_put(out, bidi_top_is_isolate(st) ? BIDI_PDI : BIDI_PDF);
		st->depth--;
	}
}

bool
dk_text_put_placeholder(struct dk_buf *out, uint32_t cp, bool terminal)
{
	long r = DK_RANGE_INDEX(unsafe_ranges, cp);

	if (r < 0 || (!terminal && unsafe_ranges[r].terminal_only))
		return false;
	if (unsafe_ranges[r].as == SHOW_PICTURE)
		dk_utf8_put(out, 0x2400 + cp);
	else if (unsafe_ranges[r].as == SHOW_DEL)
		dk_utf8_put(out, 0x2421);
	else
		dk_buf_puts(out, DK_UTF8_REPLACEMENT);
	return true;
}

/*
 * Bytes at the start of s[0..len) that are printable ASCII: nothing to
 * replace, one column each, no bidi. Tables of thousands of rows are mostly
 * that, and the fast path spares them a range search per character.
 */
static size_t
printable_ascii_run(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	return i;
}

/* True when s[0..len) holds an explicit bidi control. */
static bool
has_bidi_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) { /* every bidi control is outside ASCII */
			i++;
			continue;
		}
		n = dk_utf8_decode(p + i, len - i, &cp);
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
		dk_utf8_put(out, BIDI_FSI);
	for (; i < len; i += n) {
		if ((n = printable_ascii_run(s + i, len - i)) > 0) {
			dk_buf_append(out, s + i, n);
			continue;
		}
		if (!dk_utf8_decode_or_replace(out, s + i, len - i, &n, &cp))
			continue;
		if (mode == DK_SANITIZE_MULTILINE && cp == '\t')
			dk_buf_putc(out, '\t');
		else if (bidi_kind(cp) != BIDI_NONE) {
			if (bidi_apply(&st, bidi_kind(cp)))
				dk_buf_append(out, s + i, n);
		} else if (!dk_text_put_placeholder(out, cp, true))
			dk_buf_append(out, s + i, n);
	}
	bidi_close_all(out, &st);
	if (isolate)
		dk_utf8_put(out, BIDI_PDI);
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
	size_t n = printable_ascii_run(s, len > 0 ? 1 : 0);

	if (n == 1) {
		*width = 1;
		*bidi = BIDI_NONE;
		return 1;
	}
	if ((n = dk_utf8_decode((const unsigned char *)s, len, &cp)) == 0) {
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
