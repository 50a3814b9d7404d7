/* Ed25519 signatures over domain-separated messages, and sealing a secret to a signing key. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/xmalloc.h"

_Static_assert(DK_SIGN_PK_BYTES == crypto_sign_PUBLICKEYBYTES, "an Ed25519 public key");
_Static_assert(DK_SIGN_SK_BYTES == crypto_sign_SECRETKEYBYTES, "an Ed25519 secret key");
_Static_assert(DK_SIG_BYTES == crypto_sign_BYTES, "an Ed25519 signature");
_Static_assert(DK_SEAL_OVERHEAD == crypto_box_SEALBYTES, "crypto_box_seal's overhead");
_Static_assert(crypto_box_PUBLICKEYBYTES == crypto_scalarmult_curve25519_BYTES &&
                   crypto_box_SECRETKEYBYTES == crypto_scalarmult_curve25519_BYTES,
               "X25519 keys converted from Ed25519 ones");

void
dk_sign_keypair_new(unsigned char pk[DK_SIGN_PK_BYTES], struct dk_secret **sk)
{
	/* Straight into guarded memory: the secret half never touches the stack. */
	*sk = dk_secret_new(DK_SIGN_SK_BYTES);
	crypto_sign_keypair(pk, (*sk)->bytes);
	(*sk)->len = DK_SIGN_SK_BYTES;
}

void
dk_sign_public(unsigned char pk[DK_SIGN_PK_BYTES], const struct dk_secret *sk)
{
	/* libsodium's secret key is seed || pk: the public half is its tail. */
	if (sk == NULL || sk->len != DK_SIGN_SK_BYTES)
		abort();
	crypto_sign_ed25519_sk_to_pk(pk, sk->bytes);
}

/*
 * domain || NUL || msg in one buffer: plain Ed25519 (not the prehashed
 * variant) signs the whole message, so it is assembled first. The messages
 * are short (ids, hashes, account records); what they hold may be names, so
 * the buffer is wiped.
 */
static unsigned char *
framed(const char *domain, const void *msg, size_t len, size_t *out_len)
{
	size_t dlen = strlen(domain) + 1;
	unsigned char *buf;

	if (len > SIZE_MAX - dlen)
		abort();
	buf = dk_xmalloc(dlen + len + 1);
	memcpy(buf, domain, dlen);
	if (len > 0)
		memcpy(buf + dlen, msg, len);
	*out_len = dlen + len;
	return buf;
}

void
dk_sign(unsigned char sig[DK_SIG_BYTES], const struct dk_secret *sk, const char *domain,
        const void *msg, size_t len)
{
	size_t n;
	unsigned char *buf;

	if (sk == NULL || sk->len != DK_SIGN_SK_BYTES)
		abort();
	buf = framed(domain, msg, len, &n);
	crypto_sign_detached(sig, NULL, buf, n, sk->bytes);
	dk_xfree_wiped_n(buf, n + 1);
}

bool
dk_sign_verify(const unsigned char sig[DK_SIG_BYTES], const unsigned char pk[DK_SIGN_PK_BYTES],
               const char *domain, const void *msg, size_t len)
{
	size_t n;
	unsigned char *buf = framed(domain, msg, len, &n);
	bool ok = crypto_sign_verify_detached(sig, buf, n, pk) == 0;

	dk_xfree_wiped_n(buf, n + 1);
	return ok;
}

bool
dk_sign_pk_valid(const unsigned char pk[DK_SIGN_PK_BYTES])
{
	unsigned char xpk[crypto_box_PUBLICKEYBYTES];

	/* The conversion refuses exactly what sealing cannot use. */
	return crypto_sign_ed25519_pk_to_curve25519(xpk, pk) == 0;
}

void
dk_seal_to(unsigned char *out, const struct dk_secret *secret,
           const unsigned char sign_pk[DK_SIGN_PK_BYTES])
{
	unsigned char xpk[crypto_box_PUBLICKEYBYTES];

	/* A key that is not a usable point has no X25519 twin: callers check dk_sign_pk_valid. */
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, sign_pk) != 0 ||
	    crypto_box_seal(out, secret->bytes, secret->len, xpk) != 0)
		abort();
}

struct dk_secret *
dk_seal_keypair(const struct dk_secret *sign_sk)
{
	struct dk_secret *kp;

	if (sign_sk == NULL || sign_sk->len != DK_SIGN_SK_BYTES)
		return NULL;
	kp = dk_secret_new(DK_SEAL_KEYPAIR_BYTES);
	kp->len = DK_SEAL_KEYPAIR_BYTES;
	if (crypto_sign_ed25519_sk_to_curve25519(kp->bytes, sign_sk->bytes) != 0 ||
	    crypto_scalarmult_base(kp->bytes + crypto_box_SECRETKEYBYTES, kp->bytes) != 0)
		dk_secret_free(&kp);
	return kp;
}

bool
dk_seal_open_with(const unsigned char *sealed, size_t len, const struct dk_secret *keypair,
                  struct dk_secret **out)
{
	struct dk_secret *plain;

	*out = NULL;
	if (keypair == NULL || keypair->len != DK_SEAL_KEYPAIR_BYTES || len < DK_SEAL_OVERHEAD)
		return false;
	plain = dk_secret_new(len - DK_SEAL_OVERHEAD);
	if (crypto_box_seal_open(plain->bytes, sealed, len,
	                         keypair->bytes + crypto_box_SECRETKEYBYTES, keypair->bytes) != 0) {
		dk_secret_free(&plain);
		return false;
	}
	plain->len = len - DK_SEAL_OVERHEAD;
	*out = plain;
	return true;
}

bool
dk_seal_open(const unsigned char *sealed, size_t len, const struct dk_secret *sign_sk,
             struct dk_secret **out)
{
	struct dk_secret *kp = dk_seal_keypair(sign_sk);
	bool ok = dk_seal_open_with(sealed, len, kp, out);

	dk_secret_free(&kp);
	return ok;
}
