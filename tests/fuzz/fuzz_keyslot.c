/*
 * libFuzzer target: the key slots file's parser straight from a buffer
 * (dk_keyring_parse: no file, no memfd, so far more executions a second than
 * fuzz_keyring). Properties: a refusal is DK_CORRUPT with a one-line message
 * and no keyring; an accepted buffer is what dk_keyring_format writes for
 * the keyring it gave, byte for byte (the format has one spelling), and
 * parsing that again gives the same keyring.
 */
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
	dk_keyring_format(kr2, &again);
	CHECK(again.len == out.len && memcmp(dk_buf_str(&again), dk_buf_str(&out), out.len) == 0);
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
