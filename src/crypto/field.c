/*
 * Sealed fields (HACKING.md "Need-to-know by key"): a narrative or identity
 * sealed under its owner's content key, content keys wrapped under mission
 * keys, and the keyed hashes vetting goes through. XChaCha20-Poly1305 (IETF)
 * throughout; what a ciphertext belongs to is its associated data.
 */
#include <string.h>

#include <sodium.h>

#include "docket/crypto.h"

#define FIELD_MAGIC0 'D'
#define FIELD_MAGIC1 'K'
#define FIELD_VERSION 1
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES

_Static_assert(DK_FIELD_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "key size");
_Static_assert(DK_FIELD_HEADER_BYTES == 4 + DK_GID_BYTES, "header: magic, version, class, owner");
_Static_assert(DK_FIELD_OVERHEAD == DK_FIELD_HEADER_BYTES + NONCE_BYTES + TAG_BYTES, "overhead");
_Static_assert(DK_WRAP_BYTES == NONCE_BYTES + DK_FIELD_KEY_BYTES + TAG_BYTES, "wrap size");

void
dk_field_seal(unsigned char *out, const struct dk_secret *content_key, int cls,
              const unsigned char owner[DK_GID_BYTES], const void *text, size_t len)
{
	unsigned char *nonce = out + DK_FIELD_HEADER_BYTES;

	out[0] = FIELD_MAGIC0;
	out[1] = FIELD_MAGIC1;
	out[2] = FIELD_VERSION;
	out[3] = (unsigned char)cls;
	memcpy(out + 4, owner, DK_GID_BYTES);
	randombytes_buf(nonce, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + NONCE_BYTES, NULL, text, len, out,
	                                           DK_FIELD_HEADER_BYTES, NULL, nonce,
	                                           content_key->bytes);
}

bool
dk_field_header(const unsigned char *in, size_t len, int *cls, unsigned char owner[DK_GID_BYTES])
{
	if (in == NULL || len < DK_FIELD_OVERHEAD || in[0] != FIELD_MAGIC0 ||
	    in[1] != FIELD_MAGIC1 || in[2] != FIELD_VERSION)
		return false;
	*cls = in[3];
	memcpy(owner, in + 4, DK_GID_BYTES);
	return true;
}

bool
dk_field_open(unsigned char *out, const struct dk_secret *content_key, const unsigned char *in,
              size_t len)
{
	int cls;
	unsigned char owner[DK_GID_BYTES];
	const unsigned char *nonce = in + DK_FIELD_HEADER_BYTES;

	if (content_key->len != DK_FIELD_KEY_BYTES || !dk_field_header(in, len, &cls, owner))
		return false;
	return crypto_aead_xchacha20poly1305_ietf_decrypt(
	           out, NULL, NULL, nonce + NONCE_BYTES, len - DK_FIELD_HEADER_BYTES - NONCE_BYTES,
	           in, DK_FIELD_HEADER_BYTES, nonce, content_key->bytes) == 0;
}

void
dk_key_wrap(unsigned char out[DK_WRAP_BYTES], const struct dk_secret *mission_key,
            const struct dk_secret *content_key, const char *what)
{
	randombytes_buf(out, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE_BYTES, NULL, content_key->bytes,
	                                           DK_FIELD_KEY_BYTES, (const unsigned char *)what,
	                                           strlen(what), NULL, out, mission_key->bytes);
}

bool
dk_key_unwrap_into(unsigned char out[DK_FIELD_KEY_BYTES], const unsigned char *in, size_t len,
                   const struct dk_secret *mission_key, const char *what)
{
	if (in == NULL || len != DK_WRAP_BYTES || mission_key->len != DK_FIELD_KEY_BYTES)
		return false;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
	        out, NULL, NULL, in + NONCE_BYTES, len - NONCE_BYTES, (const unsigned char *)what,
	        strlen(what), in, mission_key->bytes) != 0) {
		sodium_memzero(out, DK_FIELD_KEY_BYTES);
		return false;
	}
	return true;
}

bool
dk_key_unwrap(const unsigned char *in, size_t len, const struct dk_secret *mission_key,
              const char *what, struct dk_secret **out)
{
	struct dk_secret *k = dk_secret_new(DK_FIELD_KEY_BYTES);

	*out = NULL;
	if (!dk_key_unwrap_into(k->bytes, in, len, mission_key, what)) {
		dk_secret_free(&k);
		return false;
	}
	k->len = DK_FIELD_KEY_BYTES;
	*out = k;
	return true;
}

struct dk_secret *
dk_field_key_new(void)
{
	struct dk_secret *k = dk_secret_new(DK_FIELD_KEY_BYTES);

	randombytes_buf(k->bytes, DK_FIELD_KEY_BYTES);
	k->len = DK_FIELD_KEY_BYTES;
	return k;
}

void
dk_keyed_hash_hex(char out[2 * DK_HASH_BYTES + 1], const struct dk_secret *key, const char *domain,
                  const void *data, size_t len)
{
	crypto_generichash_state st;
	unsigned char h[DK_HASH_BYTES];

	crypto_generichash_init(&st, key->bytes, key->len, DK_HASH_BYTES);
	/* The NUL ends the domain, as dk_crypto_hash's does. */
	crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	if (len > 0)
		crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, h, DK_HASH_BYTES);
	sodium_memzero(&st, sizeof(st));
	sodium_bin2hex(out, 2 * DK_HASH_BYTES + 1, h, DK_HASH_BYTES);
	sodium_memzero(h, sizeof(h));
}
