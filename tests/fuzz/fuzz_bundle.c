/*
 * libFuzzer target: arbitrary bytes as a bundle opened by a fixed office
 * that trusts one fixed sender (keys derived from fixed seeds, so the seed
 * corpus holds bundles that really open). Opening must never crash, never
 * hand back a payload with a refusal, and refuse only as bundle.h says.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/bundle.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/payload.h"
#include "docket/secret.h"

#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The sender ("HQ", trusted) and the recipient ("GOMA", this office). */
static struct dk_bundle_sender sender;
static struct dk_bundle_recipient me;
static struct dk_secret *sign_sk, *box_sk;

static void
keys_init(void)
{
	unsigned char seed[32];

	if (!dk_crypto_init())
		abort();
	memset(sender.office, 0x11, 16);
	memset(me.office, 0x22, 16);
	memset(seed, 's', sizeof(seed));
	sign_sk = dk_secret_new(crypto_sign_SECRETKEYBYTES);
	sign_sk->len = crypto_sign_SECRETKEYBYTES;
	crypto_sign_seed_keypair(sender.sign_pk, sign_sk->bytes, seed);
	sender.sign_sk = sign_sk;
	memset(seed, 'b', sizeof(seed));
	box_sk = dk_secret_new(crypto_box_SECRETKEYBYTES);
	box_sk->len = crypto_box_SECRETKEYBYTES;
	crypto_box_seed_keypair(me.box_pk, box_sk->bytes, seed);
	me.box_sk = box_sk;
}

static bool
trust_hq(const unsigned char office[16], unsigned char sign_pk[32], void *ctx)
{
	(void)ctx;
	if (memcmp(office, sender.office, 16) != 0)
		return false;
	memcpy(sign_pk, sender.sign_pk, 32);
	return true;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	keys_init();
	return 0;
}

/* A payload that opened: seal it again and it must come back the same. */
static void
check_reseal(const unsigned char *p, size_t plen)
{
	struct dk_bundle_info info;
	struct dk_err err;
	unsigned char *b = NULL, *back = NULL;
	size_t blen = 0, backlen = 0;

	CHECK(dk_bundle_seal(&sender, me.office, me.box_pk, p, plen, &b, &blen, &err) == DK_OK);
	CHECK(dk_bundle_open(b, blen, &me, trust_hq, NULL, &info, &back, &backlen, &err) == DK_OK);
	CHECK(backlen == plen && (plen == 0 || memcmp(back, p, plen) == 0));
	free(back);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dk_bundle_info info, peeked;
	struct dk_err err, perr;
	unsigned char *p = NULL;
	size_t plen = 0;
	enum dk_rc rc, prc;

	dk_err_clear(&err);
	rc = dk_bundle_open(data, size, &me, trust_hq, NULL, &info, &p, &plen, &err);
	prc = dk_bundle_peek(data, size, &peeked, &perr);
	if (rc == DK_OK) {
		CHECK(p != NULL && err.rc == DK_OK && prc == DK_OK);
		CHECK(memcmp(info.from_office, sender.office, 16) == 0);
		CHECK(memcmp(info.to_office, me.office, 16) == 0);
		check_reseal(p, plen);
		free(p);
		return 0;
	}
	CHECK(p == NULL && plen == 0 && err.rc == rc && err.msg[0] != '\0');
	CHECK(rc == DK_CORRUPT || rc == DK_TOONEW || rc == DK_INVALID);
	/* What the header alone refuses, opening refuses the same way. */
	CHECK(prc == DK_OK || prc == rc);
	return 0;
}
