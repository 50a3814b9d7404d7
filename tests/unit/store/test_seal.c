/*
 * Unit tests for the case seals' digests (store_seal.c): they are stored and
 * signed, so they must not change between versions; the digest of a `seal`
 * entry does not depend on the order of its seals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "docket/store.h"
#include "docket/text.h"

/* The values of this version (hex), pinned. */
#define CHAIN_START_11 "0b0b1f22ef619461c1db33ec9b7bfc575ec390baf923e119bf8a9b27c3a18669"
#define SEALS_DIGEST_12 "5e5669f1180710b332e17e354bb9a4986d37535cb17bda1523edab5bfa984f5e"
#define SEALS_DIGEST_EMPTY "e3cfc932530db86db7e81a11f3a1fefdc0079e3d08c6c4059ef09aa0c46636b5"

static void
hex_of(char out[2 * DK_HASH_BYTES + 1], const unsigned char h[DK_HASH_BYTES])
{
	dk_hex_encode(out, h, DK_HASH_BYTES);
}

static void
seal_of(struct dk_case_seal *s, unsigned char gid_byte, long long events)
{
	memset(s, 0, sizeof(*s));
	memset(s->gid, gid_byte, DK_GID_LEN);
	s->events = events;
	memset(s->chain, 0xc0 + gid_byte, DK_HASH_BYTES);
	memset(s->state, 0x50 + gid_byte, DK_HASH_BYTES);
}

/* c0 of a case's chain, pinned: H("docket-case-chain-v1", gid). */
static void
test_chain_start_stable(void **state)
{
	unsigned char gid[DK_GID_LEN], c0[DK_HASH_BYTES], other[DK_HASH_BYTES];
	char hex[2 * DK_HASH_BYTES + 1];

	(void)state;
	memset(gid, 0x11, sizeof(gid));
	dk_store_case_chain_start(c0, gid);
	hex_of(hex, c0);
	assert_string_equal(hex, CHAIN_START_11);
	gid[0] = 0x12;
	dk_store_case_chain_start(other, gid);
	assert_memory_not_equal(c0, other, DK_HASH_BYTES);
}

/* A seal entry's digest: pinned, the same in any order, changed by any field. */
static void
test_seals_digest_stable(void **state)
{
	struct dk_case_seal a[2], b[2];
	unsigned char d1[DK_HASH_BYTES], d2[DK_HASH_BYTES], d3[DK_HASH_BYTES];
	char hex[2 * DK_HASH_BYTES + 1];

	(void)state;
	seal_of(&a[0], 1, 3);
	seal_of(&a[1], 2, 5);
	b[0] = a[1];
	b[1] = a[0];
	dk_store_seals_digest(d1, a, 2);
	dk_store_seals_digest(d2, b, 2);
	assert_memory_equal(d1, d2, DK_HASH_BYTES);
	hex_of(hex, d1);
	assert_string_equal(hex, SEALS_DIGEST_12);
	a[0].events = 4;
	dk_store_seals_digest(d3, a, 2);
	assert_memory_not_equal(d1, d3, DK_HASH_BYTES);
	seal_of(&a[0], 1, 3);
	a[0].state[31] ^= 1;
	dk_store_seals_digest(d3, a, 2);
	assert_memory_not_equal(d1, d3, DK_HASH_BYTES);
	dk_store_seals_digest(d3, a, 0);
	hex_of(hex, d3);
	assert_string_equal(hex, SEALS_DIGEST_EMPTY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chain_start_stable),
	    cmocka_unit_test(test_seals_digest_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
