/* Crockford's base32 codes: formatted from random bytes, parsed back from what was typed. */
#include <ctype.h>
#include <string.h>

#include "docket/code.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static bool
is_code_char(int c)
{
	return c != '\0' && strchr(alphabet, c) != NULL;
}

void
dk_code_encode(const unsigned char *raw, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[raw[i] & 31];
}

void
dk_code_format(char prefix, const unsigned char raw[DK_CODE_RANDOM_CHARS], char *code)
{
	code[0] = prefix;
	code[1] = '-';
	dk_code_encode(raw, DK_CODE_RANDOM_CHARS, code + 2);
	code[2 + DK_CODE_RANDOM_CHARS] = '\0';
}

bool
dk_code_parse(char prefix, const char *typed, char *code)
{
	size_t n = typed != NULL ? strlen(typed) : 0;

	if (n != 2 + DK_CODE_RANDOM_CHARS || toupper((unsigned char)typed[0]) != prefix ||
	    typed[1] != '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		int c = toupper((unsigned char)typed[i]);

		if (i >= 2 && !is_code_char(c))
			return false;
		code[i] = (char)c;
	}
	code[n] = '\0';
	return true;
}

size_t
dk_code_format_groups(const unsigned char *raw, size_t n, size_t group, char *out)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i % group == 0)
			out[len++] = '-';
		dk_code_encode(&raw[i], 1, &out[len++]);
	}
	out[len] = '\0';
	return len;
}

bool
dk_code_normalize(const char *typed, size_t len, size_t n, char *out)
{
	size_t k = 0;

	for (size_t i = 0; i < len; i++) {
		int c = toupper((unsigned char)typed[i]);

		if (c == '-' || c == ' ')
			continue;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (!is_code_char(c) || k == n)
			return false;
		out[k++] = (char)c;
	}
	return k == n;
}

void
dk_code_fingerprint(const unsigned char hash[DK_FINGERPRINT_HASH_BYTES],
                    char out[DK_FINGERPRINT_LEN])
{
	size_t len = 0;

	/* 16 characters of 5 bits: bit k of the hash is bit (7 - k % 8) of byte k / 8. */
	for (unsigned i = 0; i < 16; i++) {
		unsigned v = 0;

		for (unsigned b = 0; b < 5; b++) {
			unsigned k = i * 5 + b;

			v = (v << 1) | ((hash[k / 8] >> (7 - k % 8)) & 1u);
		}
		if (i > 0 && i % 4 == 0)
			out[len++] = '-';
		out[len++] = alphabet[v];
	}
	out[len] = '\0';
}
