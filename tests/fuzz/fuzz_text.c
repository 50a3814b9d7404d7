/* libFuzzer target: sanitizer, fit, CSV, JSON, hex and the vetting key on arbitrary bytes, against
 * invariants. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/text.h"

#define FUZZ_UTF8_LOCALE /* widths need one, as the real program runs in */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
unsafe_for_terminal(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
	       cp == 0x2029;
}

/* Control bytes a file may not carry raw: C0 but TAB, CR, LF; DEL; C1. */
static bool
unsafe_in_file(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') || cp == 0x7f ||
	       (cp >= 0x80 && cp <= 0x9f);
}

static bool
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Every line of s closes what it opens, in order, and never closes what it
 * did not open (checked the second, stack-based way: a byte per level; a PDI
 * closes its isolate and the embeddings inside it, as the bidi algorithm does).
 */
static void
check_bidi_balanced(const unsigned char *s, size_t len)
{
	char stack[256];
	size_t depth = 0;
	uint32_t cp = 0;

	for (size_t i = 0, n; i <= len; i += n) {
		n = i < len ? ref_decode(s + i, len - i, &cp) : 1;
		if (i == len || cp == '\n') {
			CHECK(depth == 0);
			continue;
		}
		if ((cp >= 0x202a && cp <= 0x202b) || (cp >= 0x202d && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2068)) {
			CHECK(depth < sizeof(stack));
			stack[depth++] = cp >= 0x2066 ? 'i' : 'e';
		} else if (cp == 0x202c) {
			CHECK(depth > 0 && stack[depth - 1] == 'e');
			depth--;
		} else if (cp == 0x2069) {
			/* A PDI also ends the embeddings opened inside its isolate (UAX #9, X6a).
			 */
			CHECK(memchr(stack, 'i', depth) != NULL);
			while (stack[--depth] != 'i')
				;
		}
	}
	/* Within the 125 levels a bidi algorithm honours. */
}

/* Sanitized output is valid UTF-8 and holds nothing a terminal would act on. */
static void
check_sanitized(const char *in, enum dk_sanitize_mode mode)
{
	struct dk_buf b = DK_BUF_INIT;
	const unsigned char *p;
	bool clean_in = ref_valid((const unsigned char *)in, strlen(in));
	uint32_t cp;

	dk_text_sanitize(&b, in, mode);
	p = (const unsigned char *)dk_buf_str(&b);
	CHECK(dk_text_utf8_valid((const char *)p, b.len));
	CHECK(memchr(p, 0x1b, b.len) == NULL && memchr(p, 0x7f, b.len) == NULL);
	for (size_t i = 0, n; i < b.len; i += n) {
		n = ref_decode(p + i, b.len - i, &cp);
		CHECK(n > 0);
		if (mode == DK_SANITIZE_MULTILINE && (cp == '\n' || cp == '\t'))
			continue;
		CHECK(!unsafe_for_terminal(cp));
	}
	check_bidi_balanced(p, b.len);
	/* Input with nothing to replace passes through untouched. */
	if (clean_in) {
		size_t len = strlen(in);
		bool needs = false;

		for (size_t i = 0, n; i < len; i += n) {
			n = ref_decode((const unsigned char *)in + i, len - i, &cp);
			if ((unsafe_for_terminal(cp) &&
			     !(mode == DK_SANITIZE_MULTILINE && (cp == '\n' || cp == '\t'))) ||
			    is_bidi_control(cp))
				needs = true;
		}
		if (!needs)
			CHECK(strcmp(dk_buf_str(&b), in) == 0);
	}

	/* fit works on sanitized text: never wider than asked, exact when padded. */
	if (mode == DK_SANITIZE_LINE) {
		for (int w = 0; w <= 12; w += 3) {
			struct dk_buf f = DK_BUF_INIT;

			dk_text_fit(&f, dk_buf_str(&b), w, true);
			CHECK(dk_text_utf8_valid(dk_buf_str(&f), f.len));
			CHECK(dk_text_width(dk_buf_str(&f)) == w);
			dk_buf_reset(&f);
			dk_text_fit(&f, dk_buf_str(&b), w, false);
			CHECK(dk_text_width(dk_buf_str(&f)) <= w);
			/*
			 * Only cut when it had to be: a fitting string comes back
			 * whole. Width 0 is always empty, even for combining marks.
			 */
			if (w > 0 && dk_text_width(dk_buf_str(&b)) <= w)
				CHECK(strcmp(dk_buf_str(&f), dk_buf_str(&b)) == 0);
			dk_buf_free(&f);
		}
	}
	dk_buf_free(&b);
}

/* Undoes RFC 4180 quoting and the formula guard: the field must come back whole. */
static void
check_csv(const char *in)
{
	struct dk_buf b = DK_BUF_INIT, un = DK_BUF_INIT;
	const char *p;
	bool guarded = in[0] != '\0' && strchr("=+-@\t\r", in[0]) != NULL;
	bool clean_in = ref_valid((const unsigned char *)in, strlen(in));
	uint32_t cp;

	dk_text_csv_field(&b, in);
	p = dk_buf_str(&b);
	/* Never a raw control a terminal would act on, whatever came in. */
	CHECK(dk_text_utf8_valid(p, b.len));
	for (size_t i = 0, n; i < b.len; i += n) {
		n = ref_decode((const unsigned char *)p + i, b.len - i, &cp);
		CHECK(n > 0 && !unsafe_in_file(cp));
		clean_in = clean_in && !unsafe_in_file(cp);
	}
	for (size_t i = 0, n; clean_in && in[i] != '\0'; i += n) {
		n = ref_decode((const unsigned char *)in + i, strlen(in + i), &cp);
		clean_in = !unsafe_in_file(cp);
	}
	if (p[0] == '"') {
		CHECK(b.len >= 2 && p[b.len - 1] == '"');
		for (size_t i = 1; i + 1 < b.len; i++) {
			if (p[i] == '"') {
				/* Inside quotes a quote only appears doubled. */
				CHECK(p[i + 1] == '"' && i + 2 < b.len);
				i++;
			}
			dk_buf_putc(&un, p[i]);
		}
		CHECK(strpbrk(in, ",\"\r\n") != NULL);
	} else {
		CHECK(strpbrk(p, ",\"\r\n") == NULL);
		dk_buf_puts(&un, p);
	}
	p = dk_buf_str(&un);
	if (guarded) {
		CHECK(p[0] == '\'');
		p++;
	}
	/* Text with nothing to replace comes back whole. */
	if (clean_in)
		CHECK(strcmp(p, in) == 0);
	dk_buf_free(&b);
	dk_buf_free(&un);
}

static int
hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* Undoes our JSON escaping; the result is the input when it was valid UTF-8. */
static void
check_json(const char *in)
{
	struct dk_buf b = DK_BUF_INIT, un = DK_BUF_INIT;
	const char *p;

	dk_text_json_string(&b, in);
	p = dk_buf_str(&b);
	CHECK(b.len >= 2 && p[0] == '"' && p[b.len - 1] == '"');
	CHECK(dk_text_utf8_valid(p, b.len));
	for (size_t i = 1; i + 1 < b.len; i++) {
		unsigned char c = (unsigned char)p[i];

		CHECK(c >= 0x20 && c != 0x7f);
		CHECK(c != '"');
		/* No C1 control raw: U+0080-U+009F is C2 80..9F in UTF-8. */
		CHECK(!(c == 0xc2 && i + 2 < b.len && (unsigned char)p[i + 1] <= 0x9f));
		/* No bidi control or line separator raw: E2 80 A8..AE, E2 81 A6..A9. */
		if (c == 0xe2 && i + 2 < b.len) {
			unsigned char c1 = (unsigned char)p[i + 1], c2 = (unsigned char)p[i + 2];

			CHECK(!(c1 == 0x80 && c2 >= 0xa8 && c2 <= 0xae));
			CHECK(!(c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9));
		}
		if (c != '\\') {
			dk_buf_putc(&un, (char)c);
			continue;
		}
		CHECK(i + 2 < b.len);
		c = (unsigned char)p[++i];
		if (c == 'u') {
			CHECK(i + 5 < b.len);
			unsigned v = (unsigned)(hexval(p[i + 1]) << 12 | hexval(p[i + 2]) << 8 |
			                        hexval(p[i + 3]) << 4 | hexval(p[i + 4]));

			/* Only what a terminal would act on is escaped: controls, C1, bidi,
			 * U+2028/9. */
			CHECK(v < 0x20 || (v >= 0x7f && v <= 0x9f) ||
			      (v >= 0x2028 && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069));
			if (v >= 0x800) {
				dk_buf_putc(&un, (char)(0xe0 | v >> 12));
				dk_buf_putc(&un, (char)(0x80 | (v >> 6 & 0x3f)));
				dk_buf_putc(&un, (char)(0x80 | (v & 0x3f)));
			} else if (v >= 0x80) {
				dk_buf_putc(&un, (char)(0xc0 | v >> 6));
				dk_buf_putc(&un, (char)(0x80 | (v & 0x3f)));
			} else {
				dk_buf_putc(&un, (char)v);
			}
			i += 4;
			continue;
		}
		CHECK(strchr("\"\\bfnrt", c) != NULL && c != '\0');
		dk_buf_putc(&un, c == 'b'   ? '\b'
		                 : c == 'f' ? '\f'
		                 : c == 'n' ? '\n'
		                 : c == 'r' ? '\r'
		                 : c == 't' ? '\t'
		                            : (char)c);
	}
	CHECK(dk_text_utf8_valid(dk_buf_str(&un), un.len));
	if (ref_valid((const unsigned char *)in, strlen(in)))
		CHECK(strcmp(dk_buf_str(&un), in) == 0);
	dk_buf_free(&b);
	dk_buf_free(&un);
}

static void
check_hex(const uint8_t *data, size_t size)
{
	char hex[2 * 64 + 1];
	unsigned char back[64];

	if (size > sizeof(back))
		size = sizeof(back);
	dk_hex_encode(hex, data, size);
	CHECK(strlen(hex) == 2 * size);
	CHECK(dk_hex_decode(back, size, hex));
	CHECK(memcmp(back, data, size) == 0);
	/* The same bytes read as hex text: accepted only if every char is a hex digit. */
	if (size % 2 == 0 && memchr(data, 0, size) == NULL) {
		char txt[sizeof(back) + 1];
		bool all_hex = true;

		memcpy(txt, data, size);
		txt[size] = '\0';
		for (size_t i = 0; i < size; i++)
			all_hex = all_hex && strchr("0123456789abcdefABCDEF", txt[i]) != NULL;
		CHECK(dk_hex_decode(back, size / 2, txt) == all_hex);
	}
}

/*
 * Reads the input a second way, as big-endian 16-bit code points written out
 * as UTF-8 (surrogates too, which makes invalid bytes), so that the fuzzer
 * reaches any BMP code point such as U+2069 with two bytes of mutation.
 */
static char *
bmp_text(const uint8_t *data, size_t size)
{
	char *t = malloc(3 * (size / 2) + 1);
	size_t n = 0;

	CHECK(t != NULL);
	for (size_t i = 0; i + 1 < size; i += 2) {
		uint32_t cp = (uint32_t)data[i] << 8 | data[i + 1];

		if (cp == 0)
			continue;
		if (cp < 0x80) {
			t[n++] = (char)cp;
		} else if (cp < 0x800) {
			t[n++] = (char)(0xc0 | cp >> 6);
			t[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			t[n++] = (char)(0xe0 | cp >> 12);
			t[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			t[n++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	t[n] = '\0';
	return t;
}

/*
 * The vetting key: valid UTF-8, no ASCII but lower-case letters and digits,
 * and a fixed point (a key's key is itself), so stored and typed names meet.
 */
static void
check_name_key(const char *in)
{
	struct dk_buf key = DK_BUF_INIT, again = DK_BUF_INIT;
	const char *k;

	dk_text_name_key(&key, in);
	k = dk_buf_str(&key);
	CHECK(dk_text_utf8_valid(k, key.len));
	for (size_t i = 0; i < key.len; i++)
		CHECK((unsigned char)k[i] >= 0x80 || (k[i] >= 'a' && k[i] <= 'z') ||
		      (k[i] >= '0' && k[i] <= '9'));
	dk_text_name_key(&again, k);
	CHECK(again.len == key.len && memcmp(dk_buf_str(&again), k, key.len) == 0);
	dk_buf_free(&key);
	dk_buf_free(&again);
}

static void
check_all(const char *s)
{
	check_sanitized(s, DK_SANITIZE_LINE);
	check_sanitized(s, DK_SANITIZE_MULTILINE);
	check_csv(s);
	check_json(s);
	check_name_key(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	CHECK(s != NULL);
	CHECK(dk_text_utf8_valid((const char *)data, size) == ref_valid(data, size));
	memcpy(s, data, size);
	s[size] = '\0';
	check_all(s);
	free(s);
	s = bmp_text(data, size);
	check_all(s);
	free(s);
	check_hex(data, size);
	return 0;
}
