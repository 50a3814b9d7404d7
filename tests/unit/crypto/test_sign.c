/* Ed25519 signing, sealing to a signing key, and the signed audit head (issue 16). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/keyring_internal.h"
#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/secret.h"
#include "docket/xmalloc.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

#define DOMAIN "docket-test-v1"
#define MSG "gid 0011 name amina.diallo role officer missions MONUSCO"
#define SALT_HEX "7afba8aec7f9f26126b6e39ce859d47d0698b817e98b06c638613c1dac9b8bb4"
#define HASH_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define HEAD_PREFIX "docket-keyring 1\nlookup-salt " SALT_HEX "\nfailures 0\naudit-head 12 "

static unsigned char pk_a[DK_SIGN_PK_BYTES], pk_b[DK_SIGN_PK_BYTES];
static struct dk_secret *sk_a, *sk_b;

static int
group_setup(void **state)
{
	(void)state;
	assert_true(dk_crypto_init());
	dk_sign_keypair_new(pk_a, &sk_a);
	dk_sign_keypair_new(pk_b, &sk_b);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	dk_secret_free(&sk_a);
	dk_secret_free(&sk_b);
	return 0;
}

/* ---- signatures ---- */

static void
sign_keypair_new__two_pairs__differ_and_public_half_matches(void **state)
{
	unsigned char pk[DK_SIGN_PK_BYTES];

	(void)state;
	assert_int_equal(sk_a->len, DK_SIGN_SK_BYTES);
	assert_memory_not_equal(pk_a, pk_b, DK_SIGN_PK_BYTES);
	dk_sign_public(pk, sk_a);
	assert_memory_equal(pk, pk_a, DK_SIGN_PK_BYTES);
	dk_sign_public(pk, sk_b);
	assert_memory_equal(pk, pk_b, DK_SIGN_PK_BYTES);
}

static void
sign__round_trip__verifies(void **state)
{
	unsigned char sig[DK_SIG_BYTES];

	(void)state;
	dk_sign(sig, sk_a, DOMAIN, MSG, strlen(MSG));
	assert_true(dk_sign_verify(sig, pk_a, DOMAIN, MSG, strlen(MSG)));
	/* An empty message is a message too. */
	dk_sign(sig, sk_a, DOMAIN, NULL, 0);
	assert_true(dk_sign_verify(sig, pk_a, DOMAIN, NULL, 0));
	assert_false(dk_sign_verify(sig, pk_a, DOMAIN, "x", 1));
}

static void
sign__message_framing__is_plain_ed25519_over_domain_nul_msg(void **state)
{
	unsigned char sig[DK_SIG_BYTES], want[DK_SIG_BYTES];
	unsigned char framed[sizeof(DOMAIN) + sizeof(MSG)];

	(void)state;
	/* What another implementation (headquarters) must sign and verify, byte for byte. */
	memcpy(framed, DOMAIN, sizeof(DOMAIN));
	memcpy(framed + sizeof(DOMAIN), MSG, strlen(MSG));
	assert_int_equal(
	    crypto_sign_detached(want, NULL, framed, sizeof(DOMAIN) + strlen(MSG), sk_a->bytes), 0);
	dk_sign(sig, sk_a, DOMAIN, MSG, strlen(MSG));
	assert_memory_equal(sig, want, DK_SIG_BYTES);
}

static void
sign_verify__every_flipped_signature_bit__refused(void **state)
{
	unsigned char sig[DK_SIG_BYTES];

	(void)state;
	dk_sign(sig, sk_a, DOMAIN, MSG, strlen(MSG));
	for (size_t i = 0; i < DK_SIG_BYTES; i++)
		for (int bit = 0; bit < 8; bit++) {
			sig[i] ^= (unsigned char)(1u << bit);
			if (dk_sign_verify(sig, pk_a, DOMAIN, MSG, strlen(MSG)))
				fail_msg("signature byte %zu bit %d flipped still verifies", i,
				         bit);
			sig[i] ^= (unsigned char)(1u << bit);
		}
	assert_true(dk_sign_verify(sig, pk_a, DOMAIN, MSG, strlen(MSG)));
}

static void
sign_verify__every_flipped_message_byte__refused(void **state)
{
	unsigned char sig[DK_SIG_BYTES];
	char msg[sizeof(MSG)];

	(void)state;
	memcpy(msg, MSG, sizeof(MSG));
	dk_sign(sig, sk_a, DOMAIN, msg, strlen(msg));
	for (size_t i = 0; i < strlen(MSG); i++) {
		msg[i] ^= 0x01;
		if (dk_sign_verify(sig, pk_a, DOMAIN, msg, strlen(MSG)))
			fail_msg("message byte %zu flipped still verifies", i);
		msg[i] ^= 0x01;
	}
	/* Cut or grown by one byte. */
	assert_false(dk_sign_verify(sig, pk_a, DOMAIN, msg, strlen(MSG) - 1));
	assert_false(dk_sign_verify(sig, pk_a, DOMAIN, MSG "!", strlen(MSG) + 1));
}

static void
sign_verify__wrong_domain_or_key__refused(void **state)
{
	unsigned char sig[DK_SIG_BYTES];
	unsigned char pk_flipped[DK_SIGN_PK_BYTES];

	(void)state;
	dk_sign(sig, sk_a, DOMAIN, MSG, strlen(MSG));
	assert_false(dk_sign_verify(sig, pk_a, "docket-test-v2", MSG, strlen(MSG)));
	assert_false(dk_sign_verify(sig, pk_a, "", MSG, strlen(MSG)));
	assert_false(dk_sign_verify(sig, pk_b, DOMAIN, MSG, strlen(MSG)));
	memcpy(pk_flipped, pk_a, sizeof(pk_flipped));
	pk_flipped[0] ^= 0x01;
	assert_false(dk_sign_verify(sig, pk_flipped, DOMAIN, MSG, strlen(MSG)));
	/* The NUL ends the domain: ("ab", "c") is not ("a", "bc"). */
	dk_sign(sig, sk_a, "ab", "c", 1);
	assert_true(dk_sign_verify(sig, pk_a, "ab", "c", 1));
	assert_false(dk_sign_verify(sig, pk_a, "a", "bc", 2));
	assert_false(dk_sign_verify(sig, pk_a, "abc", NULL, 0));
}

/* ---- sealing ---- */

static void
seal__round_trip__opens_for_its_key_only(void **state)
{
	struct dk_secret *secret = dk_secret_new(DK_SIGN_SK_BYTES), *out = NULL;
	unsigned char sealed[DK_SIGN_SK_BYTES + DK_SEAL_OVERHEAD];

	(void)state;
	dk_crypto_random(secret->bytes, DK_SIGN_SK_BYTES);
	secret->len = DK_SIGN_SK_BYTES;
	dk_seal_to(sealed, secret, pk_a);
	assert_false(sodium_memcmp(sealed, secret->bytes, DK_SIGN_SK_BYTES) == 0);
	assert_true(dk_seal_open(sealed, sizeof(sealed), sk_a, &out));
	assert_non_null(out);
	assert_int_equal(out->len, DK_SIGN_SK_BYTES);
	assert_memory_equal(out->bytes, secret->bytes, DK_SIGN_SK_BYTES);
	dk_secret_free(&out);

	out = (struct dk_secret *)&out;
	assert_false(dk_seal_open(sealed, sizeof(sealed), sk_b, &out));
	assert_null(out);
	dk_secret_free(&secret);
}

static void
seal_keypair__derived_once__opens_as_the_signing_key_does(void **state)
{
	struct dk_secret *secret = dk_secret_from("mission key 0123456789abcdef012", 32),
	                 *out = NULL;
	struct dk_secret *kp_a = dk_seal_keypair(sk_a), *kp_b = dk_seal_keypair(sk_b);
	unsigned char sealed[32 + DK_SEAL_OVERHEAD];

	(void)state;
	assert_null(dk_seal_keypair(NULL));
	assert_null(dk_seal_keypair(secret)); /* 32 bytes: not a signing key */
	dk_seal_to(sealed, secret, pk_a);
	for (int i = 0; i < 2; i++) { /* one key pair opens any number */
		assert_true(dk_seal_open_with(sealed, sizeof(sealed), kp_a, &out));
		assert_int_equal(out->len, 32);
		assert_memory_equal(out->bytes, secret->bytes, 32);
		dk_secret_free(&out);
	}
	assert_false(dk_seal_open_with(sealed, sizeof(sealed), kp_b, &out));
	assert_null(out);
	assert_false(dk_seal_open_with(sealed, sizeof(sealed), NULL, &out));
	assert_false(dk_seal_open_with(sealed, DK_SEAL_OVERHEAD - 1, kp_a, &out));
	dk_secret_free(&kp_a);
	dk_secret_free(&kp_b);
	dk_secret_free(&secret);
}

static void
seal_open__every_flipped_byte_or_cut__refused(void **state)
{
	struct dk_secret *secret = dk_secret_from("mission key 0123456789abcdef012", 32), *out;
	unsigned char sealed[32 + DK_SEAL_OVERHEAD];

	(void)state;
	dk_seal_to(sealed, secret, pk_b);
	for (size_t i = 0; i < sizeof(sealed); i++) {
		sealed[i] ^= 0x80;
		out = NULL;
		if (dk_seal_open(sealed, sizeof(sealed), sk_b, &out))
			fail_msg("sealed byte %zu flipped still opens", i);
		assert_null(out);
		sealed[i] ^= 0x80;
	}
	assert_false(dk_seal_open(sealed, sizeof(sealed) - 1, sk_b, &out));
	assert_false(dk_seal_open(sealed, DK_SEAL_OVERHEAD - 1, sk_b, &out));
	assert_false(dk_seal_open(sealed, 0, sk_b, &out));
	assert_true(dk_seal_open(sealed, sizeof(sealed), sk_b, &out));
	assert_memory_equal(out->bytes, secret->bytes, 32);
	dk_secret_free(&out);
	dk_secret_free(&secret);
}

static void
seal__two_seals_of_one_secret__differ_and_empty_secret_round_trips(void **state)
{
	struct dk_secret *secret = dk_secret_from("k", 1), *empty = dk_secret_new(0), *out = NULL;
	unsigned char s1[1 + DK_SEAL_OVERHEAD], s2[1 + DK_SEAL_OVERHEAD], s0[DK_SEAL_OVERHEAD];

	(void)state;
	/* An ephemeral key per seal: equal secrets do not show as equal rows. */
	dk_seal_to(s1, secret, pk_a);
	dk_seal_to(s2, secret, pk_a);
	assert_memory_not_equal(s1, s2, sizeof(s1));
	dk_seal_to(s0, empty, pk_a);
	assert_true(dk_seal_open(s0, sizeof(s0), sk_a, &out));
	assert_int_equal(out->len, 0);
	dk_secret_free(&out);
	dk_secret_free(&secret);
	dk_secret_free(&empty);
}

static void
sign_pk_valid__real_keys_accepted_junk_refused(void **state)
{
	unsigned char junk[DK_SIGN_PK_BYTES];
	int refused = 0;

	(void)state;
	assert_true(dk_sign_pk_valid(pk_a));
	assert_true(dk_sign_pk_valid(pk_b));
	memset(junk, 0, sizeof(junk)); /* the identity: small order */
	assert_false(dk_sign_pk_valid(junk));
	junk[0] = 1; /* the neutral element's encoding */
	assert_false(dk_sign_pk_valid(junk));
	memset(junk, 0xff, sizeof(junk)); /* not canonical */
	assert_false(dk_sign_pk_valid(junk));
	/* About half of all 32-byte strings are no point at all; these are what sealing refuses. */
	for (int i = 0; i < 64; i++) {
		dk_crypto_random(junk, sizeof(junk));
		refused += !dk_sign_pk_valid(junk);
	}
	assert_true(refused > 0);
}

/* ---- the audit head ---- */

static void
head_fill(struct dk_audit_head *h, long long id)
{
	memset(h, 0, sizeof(*h));
	h->id = id;
	for (size_t i = 0; i < DK_HASH_BYTES; i++)
		h->hash[i] = (unsigned char)(0x30 + i);
}

static void
audit_head_sign__round_trip__verifies_under_signer(void **state)
{
	unsigned char msg[8 + DK_HASH_BYTES] = {0x39, 0x30}; /* 12345 little-endian */
	struct dk_audit_head h;

	(void)state;
	head_fill(&h, 12345);
	assert_false(dk_audit_head_verify(&h)); /* unsigned */
	dk_audit_head_sign(&h, sk_a);
	assert_true(h.is_signed);
	assert_memory_equal(h.signer, pk_a, DK_SIGN_PK_BYTES);
	assert_true(dk_audit_head_verify(&h));
	/* The documented message: "docket-audit-head-v1", NUL, id (8 bytes LE), hash. */
	memcpy(msg + 8, h.hash, DK_HASH_BYTES);
	assert_true(dk_sign_verify(h.sig, pk_a, "docket-audit-head-v1", msg, sizeof(msg)));
}

static void
audit_head_verify__changed_id_hash_signer_or_sig__refused(void **state)
{
	struct dk_audit_head h, t;

	(void)state;
	head_fill(&h, 7);
	dk_audit_head_sign(&h, sk_a);
	t = h;
	t.id = 6; /* a cut to an earlier entry, the line rewritten */
	assert_false(dk_audit_head_verify(&t));
	t = h;
	t.id = 7 + (1LL << 32); /* the high half of the id is signed too */
	assert_false(dk_audit_head_verify(&t));
	t = h;
	t.hash[31] ^= 1;
	assert_false(dk_audit_head_verify(&t));
	t = h;
	memcpy(t.signer, pk_b, DK_SIGN_PK_BYTES);
	assert_false(dk_audit_head_verify(&t));
	for (size_t i = 0; i < DK_SIG_BYTES; i++) {
		t = h;
		t.sig[i] ^= 0x04;
		if (dk_audit_head_verify(&t))
			fail_msg("head signature byte %zu flipped still verifies", i);
	}
	t = h;
	t.is_signed = false;
	assert_false(dk_audit_head_verify(&t));
	/* A signature made for another purpose over the same bytes is no head signature. */
	t = h;
	dk_sign(t.sig, sk_a, "docket-audit-sig-v1", t.hash, DK_HASH_BYTES);
	assert_false(dk_audit_head_verify(&t));
	assert_true(dk_audit_head_verify(&h));
}

/* Parses text, which must be accepted, and formats it back: the same bytes (one spelling). */
static struct dk_keyring *
parse_ok(const char *text)
{
	struct dk_buf out = DK_BUF_INIT;
	struct dk_keyring *kr = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_keyring_parse(text, strlen(text), "t.keys", &kr, &err) != DK_OK)
		fail_msg("refused: %s", err.msg);
	dk_keyring_format(kr, &out);
	assert_string_equal(dk_buf_str(&out), text);
	dk_buf_free(&out);
	return kr;
}

static void
parse_refused(const char *what, const char *text)
{
	struct dk_keyring *kr = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_keyring_parse(text, strlen(text), "t.keys", &kr, &err) != DK_CORRUPT)
		fail_msg("%s: accepted", what);
	assert_null(kr);
	assert_non_null(strstr(err.msg, "line 4"));
}

static void
hex(char *out, const unsigned char *bin, size_t n)
{
	sodium_bin2hex(out, 2 * n + 1, bin, n);
}

static void
audit_head_file__signed_form__round_trips_and_verifies(void **state)
{
	char text[1024], signer[2 * DK_SIGN_PK_BYTES + 1], sig[2 * DK_SIG_BYTES + 1];
	struct dk_keyring *kr = dk_keyring_new(), *back;
	struct dk_audit_head h, got;
	struct dk_buf out = DK_BUF_INIT;

	(void)state;
	head_fill(&h, 12);
	dk_audit_head_sign(&h, sk_b);
	dk_keyring_set_audit_head(kr, &h);
	dk_keyring_format(kr, &out);
	hex(signer, pk_b, DK_SIGN_PK_BYTES);
	hex(sig, h.sig, DK_SIG_BYTES);
	snprintf(text, sizeof(text),
	         "audit-head 12 303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f "
	         "%s %s\nend 0\n",
	         signer, sig);
	assert_non_null(strstr(dk_buf_str(&out), text));
	back = parse_ok(dk_buf_str(&out));
	assert_true(dk_keyring_audit_head(back, &got));
	assert_true(got.is_signed);
	assert_int_equal(got.id, 12);
	assert_memory_equal(got.hash, h.hash, DK_HASH_BYTES);
	assert_memory_equal(got.signer, pk_b, DK_SIGN_PK_BYTES);
	assert_memory_equal(got.sig, h.sig, DK_SIG_BYTES);
	assert_true(dk_audit_head_verify(&got));
	dk_buf_free(&out);
	dk_keyring_free(&back);
	dk_keyring_free(&kr);
}

static void
audit_head_file__unsigned_form__still_parses_unsigned(void **state)
{
	struct dk_keyring *kr = parse_ok(HEAD_PREFIX HASH_HEX "\nend 0\n");
	static const unsigned char zeros[DK_SIG_BYTES];
	struct dk_audit_head h, stale;

	(void)state;
	assert_true(dk_keyring_audit_head(kr, &h));
	assert_int_equal(h.id, 12);
	assert_false(h.is_signed);
	assert_false(dk_audit_head_verify(&h));
	/* Recording an unsigned head writes the unsigned form, whatever else the struct held. */
	head_fill(&stale, 13);
	dk_audit_head_sign(&stale, sk_a);
	stale.is_signed = false;
	dk_keyring_set_audit_head(kr, &stale);
	assert_true(dk_keyring_audit_head(kr, &h));
	assert_false(h.is_signed);
	assert_memory_equal(h.signer, zeros, DK_SIGN_PK_BYTES);
	assert_memory_equal(h.sig, zeros, DK_SIG_BYTES);
	dk_keyring_free(&kr);
}

static void
audit_head_file__flipped_signature_byte__parses_but_does_not_verify(void **state)
{
	char text[1024], *p, signer[2 * DK_SIGN_PK_BYTES + 1], sig[2 * DK_SIG_BYTES + 1];
	struct dk_keyring *kr;
	struct dk_audit_head h;

	(void)state;
	head_fill(&h, 12);
	dk_audit_head_sign(&h, sk_a);
	hex(signer, h.signer, DK_SIGN_PK_BYTES);
	hex(sig, h.sig, DK_SIG_BYTES);
	snprintf(text, sizeof(text),
	         HEAD_PREFIX "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f %s "
	                     "%s\nend 0\n",
	         signer, sig);
	kr = parse_ok(text);
	assert_true(dk_keyring_audit_head(kr, &h));
	assert_true(dk_audit_head_verify(&h));
	dk_keyring_free(&kr);
	p = strstr(text, sig) + 40;
	*p = *p == '0' ? '1' : '0';
	kr = parse_ok(text);
	assert_true(dk_keyring_audit_head(kr, &h));
	assert_true(h.is_signed);
	assert_false(dk_audit_head_verify(&h));
	dk_keyring_free(&kr);
}

/*
 * An audit-head line after "audit-head 12" from a shape: H the hash, P a
 * signer, S a signature, p / s one byte short, U an upper-case signer, G a
 * signature with a non-hex digit.
 */
static void
head_text(char *out, size_t cap, const char *shape)
{
	char pk[2 * DK_SIGN_PK_BYTES + 1], sig[2 * DK_SIG_BYTES + 1];
	const char *v;
	size_t len;

	memset(pk, 'a', sizeof(pk) - 1);
	pk[sizeof(pk) - 1] = '\0';
	memset(sig, 'b', sizeof(sig) - 1);
	sig[sizeof(sig) - 1] = '\0';
	snprintf(out, cap, "%s", HEAD_PREFIX);
	for (const char *c = shape; *c != '\0'; c++) {
		len = strlen(out);
		v = *c == 'H' ? HASH_HEX : *c == 'P' || *c == 'p' || *c == 'U' ? pk : sig;
		snprintf(out + len, cap - len, "%s%.*s", c == shape ? "" : " ",
		         (int)strlen(v) - (*c == 'p' || *c == 's' ? 2 : 0), v);
		if (*c == 'U')
			out[len + 1] = 'A';
		if (*c == 'G')
			out[len + 1] = 'g';
	}
	len = strlen(out);
	snprintf(out + len, cap - len, "\nend 0\n");
}

static void
audit_head_file__malformed_signed_forms__refused(void **state)
{
	static const struct {
		const char *what, *shape;
	} cases[] = {
	    {"4 fields", "HP"},
	    {"6 fields", "HPSP"},
	    {"signer and signature swapped", "HSP"},
	    {"short signer", "HpS"},
	    {"short signature", "HPs"},
	    {"upper-case signer", "HUS"},
	    {"non-hex signature", "HPG"},
	    {"signature without a hash", "PS"},
	};
	struct dk_keyring *kr;
	char text[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		head_text(text, sizeof(text), cases[i].shape);
		parse_refused(cases[i].what, text);
	}
	/* The control: the same values in the right places are accepted. */
	head_text(text, sizeof(text), "HPS");
	kr = parse_ok(text);
	dk_keyring_free(&kr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sign_keypair_new__two_pairs__differ_and_public_half_matches),
	    cmocka_unit_test(sign__round_trip__verifies),
	    cmocka_unit_test(sign__message_framing__is_plain_ed25519_over_domain_nul_msg),
	    cmocka_unit_test(sign_verify__every_flipped_signature_bit__refused),
	    cmocka_unit_test(sign_verify__every_flipped_message_byte__refused),
	    cmocka_unit_test(sign_verify__wrong_domain_or_key__refused),
	    cmocka_unit_test(seal__round_trip__opens_for_its_key_only),
	    cmocka_unit_test(seal_open__every_flipped_byte_or_cut__refused),
	    cmocka_unit_test(seal_keypair__derived_once__opens_as_the_signing_key_does),
	    cmocka_unit_test(seal__two_seals_of_one_secret__differ_and_empty_secret_round_trips),
	    cmocka_unit_test(sign_pk_valid__real_keys_accepted_junk_refused),
	    cmocka_unit_test(audit_head_sign__round_trip__verifies_under_signer),
	    cmocka_unit_test(audit_head_verify__changed_id_hash_signer_or_sig__refused),
	    cmocka_unit_test(audit_head_file__signed_form__round_trips_and_verifies),
	    cmocka_unit_test(audit_head_file__unsigned_form__still_parses_unsigned),
	    cmocka_unit_test(audit_head_file__flipped_signature_byte__parses_but_does_not_verify),
	    cmocka_unit_test(audit_head_file__malformed_signed_forms__refused),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
