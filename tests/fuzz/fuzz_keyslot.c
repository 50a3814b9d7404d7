/*
 * libFuzzer target: the key slots file's parser straight from a buffer
 * (dk_keyring_parse: no file, no memfd, so far more executions a second than
 * fuzz_keyring). Properties: a refusal is DK_CORRUPT with a one-line message
 * and no keyring; an accepted buffer is what dk_keyring_format writes for
 * the keyring it gave, byte for byte (the format has one spelling), and
 * parsing that again gives the same keyring: the same audit head (signed or
 * not, its signer and signature) and the same slots, each of its version
 * (1 or 2) with its sealed bytes. A signed head's signature is checked (the
 * answer does not matter, only that checking any bytes is safe), and a head
 * recorded through dk_keyring_set_audit_head is written back the same.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "src/crypto/keyring_internal.h"

#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	CHECK(dk_crypto_init());
	return 0;
}

static void
check_same(const struct dk_keyring *a, const struct dk_keyring *b)
{
	struct dk_audit_head ha, hb;
	bool has_a = dk_keyring_audit_head(a, &ha), has_b = dk_keyring_audit_head(b, &hb);

	CHECK(has_a == has_b && ha.id == hb.id && ha.is_signed == hb.is_signed);
	CHECK(memcmp(ha.hash, hb.hash, sizeof(ha.hash)) == 0);
	CHECK(memcmp(ha.signer, hb.signer, sizeof(ha.signer)) == 0);
	CHECK(memcmp(ha.sig, hb.sig, sizeof(ha.sig)) == 0);
	CHECK(has_a == (ha.id > 0));
	CHECK(a->nslots == b->nslots);
	for (size_t i = 0; i < a->nslots; i++) {
		const struct slot *sa = &a->slots[i], *sb = &b->slots[i];

		CHECK(sa->version == sb->version && (sa->version == 1 || sa->version == 2));
		CHECK(memcmp(sa->id, sb->id, sizeof(sa->id)) == 0);
		CHECK(sa->opslimit == sb->opslimit && sa->memlimit == sb->memlimit);
		CHECK(memcmp(sa->sealed, sb->sealed, kr_sealed_len(sa)) == 0);
	}
}

/* The head handed out and recorded again in a copy: the file is unchanged. */
static void
check_head_reset(struct dk_keyring *kr, const struct dk_buf *formatted)
{
	struct dk_buf again = DK_BUF_INIT;
	struct dk_audit_head h;

	if (dk_keyring_audit_head(kr, &h) && h.is_signed)
		(void)dk_audit_head_verify(&h);
	dk_keyring_set_audit_head(kr, &h);
	dk_keyring_format(kr, &again);
	CHECK(again.len == formatted->len &&
	      memcmp(dk_buf_str(&again), dk_buf_str(formatted), again.len) == 0);
	dk_buf_free(&again);
}

static void
check_accepted(const struct dk_keyring *kr, const uint8_t *data, size_t size)
{
	struct dk_buf out = DK_BUF_INIT, again = DK_BUF_INIT;
	struct dk_keyring *kr2 = NULL;
	struct dk_err err;

	dk_keyring_format(kr, &out);
	CHECK(out.len == size && memcmp(dk_buf_str(&out), data, size) == 0);
	dk_err_clear(&err);
	CHECK(dk_keyring_parse(dk_buf_str(&out), out.len, "again", &kr2, &err) == DK_OK);
	CHECK(kr2 != NULL && dk_keyring_count(kr2) == dk_keyring_count(kr));
	CHECK(dk_keyring_failures(kr2) == dk_keyring_failures(kr));
	check_same(kr, kr2);
	dk_keyring_format(kr2, &again);
	CHECK(again.len == out.len && memcmp(dk_buf_str(&again), dk_buf_str(&out), out.len) == 0);
	check_head_reset(kr2, &out);
	dk_keyring_free(&kr2);
	dk_buf_free(&out);
	dk_buf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dk_keyring *kr = NULL;
	struct dk_err err;
	enum dk_rc rc;

	dk_err_clear(&err);
	rc = dk_keyring_parse((const char *)data, size, "fuzz.keys", &kr, &err);
	if (rc == DK_OK) {
		CHECK(kr != NULL && err.rc == DK_OK);
		(void)dk_keyring_has(kr, "fuzz");
		check_accepted(kr, data, size);
		dk_keyring_free(&kr);
		return 0;
	}
	/* Refused: damaged, said in one line, nothing handed out. */
	CHECK(kr == NULL && rc == DK_CORRUPT && err.rc == DK_CORRUPT && err.msg[0] != '\0');
	CHECK(strchr(err.msg, '\n') == NULL);
	return 0;
}
