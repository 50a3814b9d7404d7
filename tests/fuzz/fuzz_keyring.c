/* libFuzzer target: arbitrary bytes as a key-slot sidecar; loading must never crash. */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "docket/crypto.h"
#include "docket/error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input goes to dk_keyring_load through its real path-based API: a
 * memfd opened again via /proc/self/fd keeps the disk out of the loop.
 * Accepted inputs are also saved (into a private temp directory) and must
 * come back byte for byte, since the format has exactly one spelling.
 */
static int in_fd = -1;
static char in_path[64];
static char out_dir[4096];
static char out_path[4200];

static void
cleanup(void)
{
	unlink(out_path);
	rmdir(out_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (!dk_crypto_init())
		abort();
	in_fd = memfd_create("docket-keyring-fuzz", MFD_CLOEXEC);
	if (in_fd < 0)
		abort();
	snprintf(in_path, sizeof(in_path), "/proc/self/fd/%d", in_fd);
	snprintf(out_dir, sizeof(out_dir), "%s/docket-fuzz-keyring-XXXXXX",
	         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(out_dir) == NULL)
		abort();
	snprintf(out_path, sizeof(out_path), "%s/k.keys", out_dir);
	atexit(cleanup);
	return 0;
}

static void
feed(const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t w;

	if (ftruncate(in_fd, 0) != 0)
		abort();
	while (off < size) {
		w = pwrite(in_fd, data + off, size - off, (off_t)off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
}

/* The saved file must equal the input exactly. */
static void
check_resave(const struct dk_keyring *kr, const uint8_t *data, size_t size)
{
	struct dk_err err;
	unsigned char *back;
	FILE *f;
	size_t n;

	if (dk_keyring_save(kr, out_path, &err) != DK_OK)
		abort();
	f = fopen(out_path, "rb");
	if (f == NULL)
		abort();
	back = malloc(size + 1);
	if (back == NULL)
		abort();
	n = fread(back, 1, size + 1, f);
	fclose(f);
	if (n != size || memcmp(back, data, size) != 0)
		abort();
	free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dk_keyring *kr = NULL;
	struct dk_err err;
	enum dk_rc rc;

	feed(data, size);
	dk_err_clear(&err);
	rc = dk_keyring_load(in_path, &kr, &err);
	if (rc == DK_OK) {
		if (kr == NULL || err.rc != DK_OK)
			abort();
		/* Lookups on whatever was accepted; no unlock: Argon2id is far too slow here. */
		(void)dk_keyring_has(kr, "fuzz");
		(void)dk_keyring_count(kr);
		(void)dk_keyring_failures(kr);
		check_resave(kr, data, size);
		dk_keyring_free(&kr);
	} else if (kr != NULL || rc != DK_CORRUPT || err.rc != DK_CORRUPT || err.msg[0] == '\0') {
		/* Bytes in a regular file can only be well-formed or damaged. */
		abort();
	}
	return 0;
}
