/*
 * Unit tests for sealed fields (crypto/field.c): a field opens under its
 * content key only, its header (class, owner) cannot be changed, a wrapping
 * opens only under its mission key and what it was bound to, and the vetting
 * hashes depend on their key and domain.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "docket/crypto.h"
#include "docket/secret.h"

static const char text[] = "The victim reported the incident to the team site.";

static bool
contains(const unsigned char *hay, size_t n, const void *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

static void
owner_of(unsigned char owner[DK_GID_BYTES], unsigned char b)
{
	memset(owner, b, DK_GID_BYTES);
}

static void
field__round_trip__opens_the_text(void **state)
{
	struct dk_secret *k = dk_field_key_new();
	unsigned char owner[DK_GID_BYTES], got[DK_GID_BYTES];
	unsigned char sealed[sizeof(text) + DK_FIELD_OVERHEAD], out[sizeof(text)];
	int cls = 0;

	(void)state;
	assert_true(dk_crypto_init());
	owner_of(owner, 0x21);
	dk_field_seal(sealed, k, 3, owner, text, sizeof(text));
	assert_true(dk_field_header(sealed, sizeof(sealed), &cls, got));
	assert_int_equal(cls, 3);
	assert_memory_equal(got, owner, DK_GID_BYTES);
	/* The text itself is nowhere in the field. */
	assert_false(contains(sealed, sizeof(sealed), "victim", 6));
	assert_true(dk_field_open(out, k, sealed, sizeof(sealed)));
	assert_memory_equal(out, text, sizeof(text));
	/* An empty text seals and opens too. */
	dk_field_seal(sealed, k, 1, owner, "", 0);
	assert_true(dk_field_open(out, k, sealed, DK_FIELD_OVERHEAD));
	dk_secret_free(&k);
}

static void
field__wrong_key__refused(void **state)
{
	struct dk_secret *k = dk_field_key_new(), *other = dk_field_key_new();
	unsigned char owner[DK_GID_BYTES];
	unsigned char sealed[sizeof(text) + DK_FIELD_OVERHEAD], out[sizeof(text)];

	(void)state;
	owner_of(owner, 0x22);
	dk_field_seal(sealed, k, 1, owner, text, sizeof(text));
	assert_false(dk_field_open(out, other, sealed, sizeof(sealed)));
	dk_secret_free(&k);
	dk_secret_free(&other);
}

static void
field__header_or_body_tampered__refused(void **state)
{
	struct dk_secret *k = dk_field_key_new();
	unsigned char owner[DK_GID_BYTES];
	unsigned char sealed[sizeof(text) + DK_FIELD_OVERHEAD], bad[sizeof(sealed)];
	unsigned char out[sizeof(text)];
	int cls;

	(void)state;
	owner_of(owner, 0x23);
	dk_field_seal(sealed, k, 1, owner, text, sizeof(text));
	/* The class byte: a free text made to pass for an identity. */
	memcpy(bad, sealed, sizeof(bad));
	bad[3] = 2;
	assert_true(dk_field_header(bad, sizeof(bad), &cls, owner));
	assert_false(dk_field_open(out, k, bad, sizeof(bad)));
	/* An owner byte: the field moved to another case. */
	memcpy(bad, sealed, sizeof(bad));
	bad[4 + 7] ^= 0x01;
	assert_false(dk_field_open(out, k, bad, sizeof(bad)));
	/* The ciphertext. */
	memcpy(bad, sealed, sizeof(bad));
	bad[sizeof(bad) - 20] ^= 0x80;
	assert_false(dk_field_open(out, k, bad, sizeof(bad)));
	/* Not a field: the magic, the version, too short. */
	memcpy(bad, sealed, sizeof(bad));
	bad[0] = 'X';
	assert_false(dk_field_header(bad, sizeof(bad), &cls, owner));
	assert_false(dk_field_open(out, k, bad, sizeof(bad)));
	memcpy(bad, sealed, sizeof(bad));
	bad[2] = 2;
	assert_false(dk_field_header(bad, sizeof(bad), &cls, owner));
	assert_false(dk_field_header(sealed, DK_FIELD_OVERHEAD - 1, &cls, owner));
	dk_secret_free(&k);
}

static void
wrap__what_and_key__bound(void **state)
{
	struct dk_secret *mk = dk_field_key_new(), *other = dk_field_key_new();
	struct dk_secret *ck = dk_field_key_new(), *got = NULL;
	unsigned char w[DK_WRAP_BYTES], raw[DK_FIELD_KEY_BYTES];
	const char *what = "2121 free_text MINUSCA 1";

	(void)state;
	dk_key_wrap(w, mk, ck, what);
	assert_false(contains(w, sizeof(w), ck->bytes, DK_FIELD_KEY_BYTES));
	assert_true(dk_key_unwrap(w, sizeof(w), mk, what, &got));
	assert_non_null(got);
	assert_int_equal(got->len, DK_FIELD_KEY_BYTES);
	assert_memory_equal(got->bytes, ck->bytes, DK_FIELD_KEY_BYTES);
	dk_secret_free(&got);
	assert_true(dk_key_unwrap_into(raw, w, sizeof(w), mk, what));
	assert_memory_equal(raw, ck->bytes, DK_FIELD_KEY_BYTES);
	/* Another owner, class, mission or generation: refused. */
	assert_false(dk_key_unwrap(w, sizeof(w), mk, "2121 free_text MINUSCA 2", &got));
	assert_null(got);
	assert_false(dk_key_unwrap(w, sizeof(w), mk, "2121 victim_identity MINUSCA 1", &got));
	assert_false(dk_key_unwrap(w, sizeof(w), mk, "2122 free_text MINUSCA 1", &got));
	/* Another mission key, a damaged wrapping, a short one. */
	assert_false(dk_key_unwrap(w, sizeof(w), other, what, &got));
	w[30] ^= 1;
	assert_false(dk_key_unwrap(w, sizeof(w), mk, what, &got));
	assert_false(dk_key_unwrap(w, sizeof(w) - 1, mk, what, &got));
	assert_null(got);
	dk_secret_free(&mk);
	dk_secret_free(&other);
	dk_secret_free(&ck);
}

static void
keyed_hash__differs_per_key_and_domain(void **state)
{
	struct dk_secret *k1 = dk_field_key_new(), *k2 = dk_field_key_new();
	char a[2 * DK_HASH_BYTES + 1], b[2 * DK_HASH_BYTES + 1], c[2 * DK_HASH_BYTES + 1];
	char again[2 * DK_HASH_BYTES + 1];

	(void)state;
	dk_keyed_hash_hex(a, k1, "docket vet name v1", "jeandupont", 10);
	dk_keyed_hash_hex(again, k1, "docket vet name v1", "jeandupont", 10);
	dk_keyed_hash_hex(b, k2, "docket vet name v1", "jeandupont", 10);
	dk_keyed_hash_hex(c, k1, "docket vet index v1", "jeandupont", 10);
	assert_int_equal(strlen(a), 2 * DK_HASH_BYTES);
	assert_string_equal(a, again);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
	assert_string_not_equal(b, c);
	for (const char *p = a; *p != '\0'; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
	dk_secret_free(&k1);
	dk_secret_free(&k2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(field__round_trip__opens_the_text),
	    cmocka_unit_test(field__wrong_key__refused),
	    cmocka_unit_test(field__header_or_body_tampered__refused),
	    cmocka_unit_test(wrap__what_and_key__bound),
	    cmocka_unit_test(keyed_hash__differs_per_key_and_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
