/* libsodium entry points: start-up, OS randomness, domain-separated BLAKE2b, KDF profile names. */
#include <stdbool.h>
#include <string.h>

#include <sodium.h>

#include "docket/crypto.h"

/* Indexed by enum dk_kdf: the spelling of --kdf. keyring.c holds the matching costs. */
static const char *const kdf_names[] = {
    [DK_KDF_INTERACTIVE] = "interactive",
    [DK_KDF_MODERATE] = "moderate",
    [DK_KDF_SENSITIVE] = "sensitive",
};

bool
dk_crypto_init(void)
{
	/* 1 means already initialized, which is just as good. */
	return sodium_init() >= 0;
}

void
dk_crypto_random(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

void
dk_crypto_hash(unsigned char out[DK_HASH_BYTES], const char *domain, const void *data, size_t len)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, DK_HASH_BYTES);
	/* The NUL ends the domain, so ("ab", "c...") and ("a", "bc...") cannot collide. */
	crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	if (len > 0)
		crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, out, DK_HASH_BYTES);
	/* The state holds a digest of what may be case data. */
	sodium_memzero(&st, sizeof(st));
}

bool
dk_kdf_parse(const char *s, enum dk_kdf *out)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < sizeof(kdf_names) / sizeof(kdf_names[0]); i++) {
		if (strcmp(s, kdf_names[i]) == 0) {
			*out = (enum dk_kdf)i;
			return true;
		}
	}
	return false;
}
