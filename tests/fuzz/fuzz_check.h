/*
 * What the fuzz targets share: a check that stops the run, a second UTF-8
 * decoder, and (with FUZZ_UTF8_LOCALE defined first) a setup that takes a UTF-8 locale.
 */
#ifndef DOCKET_FUZZ_CHECK_H
#define DOCKET_FUZZ_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* A property broken: abort, so libFuzzer saves the input (and replay.c fails). */
#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			abort();                                                                   \
	} while (0)

/*
 * A second, deliberately different UTF-8 decoder (bit patterns plus minimum
 * values, not the lead-byte table text.c uses) so the two check each other.
 * Returns the sequence length, or 0 when s does not start a valid one.
 */
static inline size_t
ref_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n;
	uint32_t c;

	*cp = 0;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	/* The count of leading one bits is the length; 10xxxxxx and 11111xxx start nothing. */
	for (n = 0; n < 5 && (s[0] & (0x80u >> n)); n++)
		;
	if (n < 2 || n > 4 || n > len)
		return 0;
	c = s[0] & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min_cp[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* True when s[0..len) is valid UTF-8, by ref_decode. */
static inline bool
ref_valid(const unsigned char *s, size_t len)
{
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = ref_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
	}
	return true;
}

#ifdef FUZZ_UTF8_LOCALE
#include <locale.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The target's setup: a UTF-8 locale, as docket runs in. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}
#endif

#endif
