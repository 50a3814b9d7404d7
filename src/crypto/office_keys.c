/* An office's key pairs and the hash its fingerprint is printed from. */
#include <sodium.h>
#include <string.h>

#include "docket/crypto.h"

void
dk_office_keys_new(unsigned char sign_pk[DK_SIGN_PK_BYTES], struct dk_secret **sign_sk,
                   unsigned char box_pk[DK_BOX_PK_BYTES], struct dk_secret **box_sk)
{
	/* Generated straight into guarded memory: the secret halves never touch the stack. */
	*sign_sk = dk_secret_new(DK_SIGN_SK_BYTES);
	*box_sk = dk_secret_new(DK_BOX_SK_BYTES);
	crypto_sign_keypair(sign_pk, (*sign_sk)->bytes);
	crypto_box_keypair(box_pk, (*box_sk)->bytes);
	(*sign_sk)->len = DK_SIGN_SK_BYTES;
	(*box_sk)->len = DK_BOX_SK_BYTES;
}

bool
dk_office_keys_match(const unsigned char sign_pk[DK_SIGN_PK_BYTES], const struct dk_secret *sign_sk,
                     const unsigned char box_pk[DK_BOX_PK_BYTES], const struct dk_secret *box_sk)
{
	unsigned char spk[DK_SIGN_PK_BYTES], bpk[DK_BOX_PK_BYTES];
	bool ok;

	if (sign_sk == NULL || box_sk == NULL || sign_sk->len != DK_SIGN_SK_BYTES ||
	    box_sk->len != DK_BOX_SK_BYTES)
		return false;
	ok = crypto_sign_ed25519_sk_to_pk(spk, sign_sk->bytes) == 0 &&
	     crypto_scalarmult_base(bpk, box_sk->bytes) == 0 &&
	     sodium_memcmp(spk, sign_pk, sizeof(spk)) == 0 &&
	     sodium_memcmp(bpk, box_pk, sizeof(bpk)) == 0;
	sodium_memzero(spk, sizeof(spk));
	sodium_memzero(bpk, sizeof(bpk));
	return ok;
}

void
dk_office_fingerprint_hash(unsigned char out[DK_OFFICE_HASH_BYTES],
                           const unsigned char gid[DK_GID_BYTES],
                           const unsigned char sign_pk[DK_SIGN_PK_BYTES],
                           const unsigned char box_pk[DK_BOX_PK_BYTES])
{
	static const char domain[] = "docket-office-v1";
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, DK_OFFICE_HASH_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain));
	crypto_generichash_update(&st, gid, DK_GID_BYTES);
	crypto_generichash_update(&st, sign_pk, DK_SIGN_PK_BYTES);
	crypto_generichash_update(&st, box_pk, DK_BOX_PK_BYTES);
	crypto_generichash_final(&st, out, DK_OFFICE_HASH_BYTES);
}
