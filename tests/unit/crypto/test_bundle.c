/* The bundle container (docket/bundle.h) and whole-file helpers (dk_file_*). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/bundle.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/secret.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))
#define HDR DK_BUNDLE_HEADER_BYTES
#define AB crypto_secretstream_xchacha20poly1305_ABYTES
#define SIG DK_BUNDLE_SIG_BYTES
#define CHUNK DK_BUNDLE_CHUNK_MAX

/* An office's identity: gid and both key pairs, secrets in guarded memory. */
struct office {
	unsigned char gid[16];
	unsigned char sign_pk[32];
	unsigned char box_pk[32];
	struct dk_secret *sign_sk, *box_sk;
};

static struct office hq, goma, kin, mallory;

/* Which office the trust callback trusts, and with which key. */
struct trust {
	const unsigned char *gid;
	const unsigned char *pk;
};

static void
office_make(struct office *o, unsigned char id)
{
	memset(o->gid, id, sizeof(o->gid));
	o->sign_sk = dk_secret_new(crypto_sign_SECRETKEYBYTES);
	o->sign_sk->len = crypto_sign_SECRETKEYBYTES;
	crypto_sign_keypair(o->sign_pk, o->sign_sk->bytes);
	o->box_sk = dk_secret_new(crypto_box_SECRETKEYBYTES);
	o->box_sk->len = crypto_box_SECRETKEYBYTES;
	crypto_box_keypair(o->box_pk, o->box_sk->bytes);
}

static void
office_free(struct office *o)
{
	dk_secret_free(&o->sign_sk);
	dk_secret_free(&o->box_sk);
}

static int
setup(void **state)
{
	(void)state;
	if (!dk_crypto_init())
		return -1;
	office_make(&hq, 0x11);
	office_make(&goma, 0x22);
	office_make(&kin, 0x33);
	office_make(&mallory, 0x44);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	office_free(&hq);
	office_free(&goma);
	office_free(&kin);
	office_free(&mallory);
	return 0;
}

static bool
trust_one(const unsigned char office[16], unsigned char sign_pk[32], void *ctx)
{
	const struct trust *t = ctx;

	if (t->gid == NULL || memcmp(office, t->gid, 16) != 0)
		return false;
	memcpy(sign_pk, t->pk, 32);
	return true;
}

/* HQ seals payload for `to` (its gid and box key). */
static unsigned char *
seal_as(const struct office *from, const struct office *to, const unsigned char *p, size_t len,
        size_t *outlen)
{
	struct dk_bundle_sender s;
	unsigned char *out = NULL;
	struct dk_err err;

	memcpy(s.office, from->gid, 16);
	memcpy(s.sign_pk, from->sign_pk, 32);
	s.sign_sk = from->sign_sk;
	assert_rc(dk_bundle_seal(&s, to->gid, to->box_pk, p, len, &out, outlen, &err), DK_OK);
	assert_non_null(out);
	return out;
}

/* Goma opens b trusting HQ's key; on refusal the payload must be NULL and err set. */
static enum dk_rc
open_at(const struct office *me, const unsigned char *b, size_t len, unsigned char **p,
        size_t *plen, struct dk_err *err)
{
	struct dk_bundle_recipient r;
	struct dk_bundle_info info;
	struct trust t = {hq.gid, hq.sign_pk};
	enum dk_rc rc;

	memcpy(r.office, me->gid, 16);
	memcpy(r.box_pk, me->box_pk, 32);
	r.box_sk = me->box_sk;
	dk_err_clear(err);
	rc = dk_bundle_open(b, len, &r, trust_one, &t, &info, p, plen, err);
	if (rc != DK_OK) {
		assert_null(*p);
		assert_int_equal(*plen, 0);
		assert_rc(err->rc, rc);
		assert_true(err->msg[0] != '\0');
	} else {
		assert_int_equal(info.version, DK_BUNDLE_VERSION);
		assert_memory_equal(info.from_office, hq.gid, 16);
		assert_memory_equal(info.to_office, me->gid, 16);
	}
	return rc;
}

static enum dk_rc
open_goma(const unsigned char *b, size_t len, struct dk_err *err)
{
	unsigned char *p = (unsigned char *)"x";
	size_t plen = 99;
	enum dk_rc rc = open_at(&goma, b, len, &p, &plen, err);

	free(p);
	return rc;
}

static unsigned char *
pattern(size_t len)
{
	unsigned char *p = malloc(len > 0 ? len : 1);

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 31 + (i >> 8));
	return p;
}

/* The size the format promises: header, per chunk a length and a MAC, signature. */
static size_t
expected_size(size_t len)
{
	size_t chunks = len == 0 ? 1 : (len + CHUNK - 1) / CHUNK;

	return HDR + chunks * (4 + AB) + len + SIG;
}

static void
bundle_open__round_trip__returns_the_payload(void **state)
{
	static const size_t sizes[] = {0, 1, CHUNK, CHUNK + 1, 300 * 1024};

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *in = pattern(sizes[i]), *b, *p = NULL;
		size_t blen, plen;
		struct dk_err err;

		b = seal_as(&hq, &goma, in, sizes[i], &blen);
		assert_int_equal(blen, expected_size(sizes[i]));
		assert_rc(open_at(&goma, b, blen, &p, &plen, &err), DK_OK);
		assert_int_equal(plen, sizes[i]);
		assert_non_null(p);
		if (sizes[i] > 0)
			assert_memory_equal(p, in, sizes[i]);
		free(p);
		free(b);
		free(in);
	}
}

/* The chunk starts of a bundle, walked by their lengths (nchunks written). */
static size_t
chunk_starts(const unsigned char *b, size_t len, size_t *starts, size_t max)
{
	size_t pos = HDR, n = 0;

	while (pos < len - SIG && n < max) {
		starts[n++] = pos;
		pos += 4 + ((size_t)b[pos] | (size_t)b[pos + 1] << 8 | (size_t)b[pos + 2] << 16 |
		            (size_t)b[pos + 3] << 24);
	}
	assert_int_equal(pos, len - SIG);
	return n;
}

static void
bundle_open__flipped_byte__is_refused(void **state)
{
	unsigned char *in = pattern(CHUNK + 4000), *b;
	size_t blen, starts[4], n, tried = 0;
	struct dk_err err;

	(void)state;
	b = seal_as(&hq, &goma, in, CHUNK + 4000, &blen);
	n = chunk_starts(b, blen, starts, 4);
	assert_int_equal(n, 2);
	for (size_t off = 0; off < blen; off++) {
		bool sample = off < HDR || off >= blen - SIG || off % 251 == 0 ||
		              (off >= starts[1] && off < starts[1] + 8) ||
		              (off >= starts[0] && off < starts[0] + 8);

		if (!sample)
			continue;
		for (unsigned bit = 0; bit < 8; bit += 7) {
			b[off] ^= (unsigned char)(1u << bit);
			if (open_goma(b, blen, &err) == DK_OK)
				fail_msg("flipping bit %u of byte %zu went unnoticed", bit, off);
			b[off] ^= (unsigned char)(1u << bit);
			tried++;
		}
	}
	assert_true(tried > 2 * (HDR + SIG));
	assert_rc(open_goma(b, blen, &err), DK_OK);
	free(b);
	free(in);
}

static void
bundle_open__truncated__is_refused(void **state)
{
	unsigned char *in = pattern(2 * CHUNK + 10), *b;
	size_t blen, starts[4], n;
	struct dk_err err;

	(void)state;
	b = seal_as(&hq, &goma, in, 2 * CHUNK + 10, &blen);
	n = chunk_starts(b, blen, starts, 4);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		size_t cuts[] = {starts[i], starts[i] + 2, starts[i] + 4, starts[i] + 4 + 100};

		for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++)
			assert_rc(open_goma(b, cuts[c], &err), DK_CORRUPT);
	}
	/* Cut at the end of the last chunk, and inside the signature. */
	assert_rc(open_goma(b, blen - SIG, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is truncated");
	assert_rc(open_goma(b, blen - 1, &err), DK_CORRUPT);
	assert_rc(open_goma(b, starts[1], &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is truncated");
	for (size_t cut = 0; cut < HDR + 4 + AB + SIG; cut += 7)
		assert_rc(open_goma(b, cut, &err), DK_CORRUPT);
	free(b);
	free(in);
}

static void
bundle_open__trailing_bytes__are_refused(void **state)
{
	unsigned char *in = pattern(500), *b, *longer;
	size_t blen;
	struct dk_err err;

	(void)state;
	b = seal_as(&hq, &goma, in, 500, &blen);
	longer = calloc(1, blen + 100);
	memcpy(longer, b, blen);
	longer[blen] = '\n';
	assert_rc(open_goma(longer, blen + 1, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle has bytes after its signature");
	assert_rc(open_goma(longer, blen + 100, &err), DK_CORRUPT);
	free(longer);
	free(b);
	free(in);
}

static void
bundle_open__other_recipient__is_for_another_office(void **state)
{
	unsigned char *b;
	size_t blen;
	struct dk_err err;
	unsigned char *p = NULL;
	size_t plen;

	(void)state;
	b = seal_as(&hq, &kin, (const unsigned char *)"hello", 5, &blen);
	assert_rc(open_goma(b, blen, &err), DK_INVALID);
	assert_string_equal(err.msg, "the bundle is for another office");
	assert_rc(open_at(&kin, b, blen, &p, &plen, &err), DK_OK);
	assert_memory_equal(p, "hello", 5);
	free(p);
	free(b);
}

static void
bundle_open__untrusted_sender__is_refused(void **state)
{
	struct dk_bundle_recipient r;
	struct dk_bundle_info info;
	struct trust none = {NULL, NULL};
	unsigned char *b, *p = NULL;
	size_t blen, plen;
	struct dk_err err;

	(void)state;
	b = seal_as(&hq, &goma, (const unsigned char *)"hello", 5, &blen);
	memcpy(r.office, goma.gid, 16);
	memcpy(r.box_pk, goma.box_pk, 32);
	r.box_sk = goma.box_sk;
	assert_rc(dk_bundle_open(b, blen, &r, trust_one, &none, &info, &p, &plen, &err),
	          DK_INVALID);
	assert_null(p);
	assert_string_equal(err.msg, "the bundle's sender is not trusted here");
	/* The header is still read, so the caller can name the sender. */
	assert_memory_equal(info.from_office, hq.gid, 16);
	free(b);
	/* Mallory's own office is not trusted either. */
	b = seal_as(&mallory, &goma, (const unsigned char *)"hello", 5, &blen);
	assert_rc(open_goma(b, blen, &err), DK_INVALID);
	assert_string_equal(err.msg, "the bundle's sender is not trusted here");
	free(b);
}

static void
bundle_open__trusted_office_other_key__is_refused(void **state)
{
	struct office forger = mallory;
	unsigned char *b;
	size_t blen;
	struct dk_err err;

	(void)state;
	/* Mallory claims to be HQ, signing with her own key. */
	memcpy(forger.gid, hq.gid, 16);
	b = seal_as(&forger, &goma, (const unsigned char *)"hello", 5, &blen);
	assert_rc(open_goma(b, blen, &err), DK_INVALID);
	assert_string_equal(
	    err.msg, "the bundle is signed with a key this office does not trust for its sender");
	/* ... and with HQ's key written in the header but her signature. */
	memcpy(b + 25, hq.sign_pk, 32);
	assert_rc(open_goma(b, blen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle's signature does not verify");
	free(b);
}

static void
bundle_open__version_2__is_too_new(void **state)
{
	unsigned char *b;
	size_t blen;
	struct dk_err err;
	struct dk_bundle_info info;

	(void)state;
	b = seal_as(&hq, &goma, (const unsigned char *)"hello", 5, &blen);
	b[8] = 2;
	assert_rc(open_goma(b, blen, &err), DK_TOONEW);
	assert_string_equal(err.msg, "the bundle was written by a newer docket (format 2)");
	assert_rc(dk_bundle_peek(b, 9, &info, &err), DK_TOONEW);
	assert_int_equal(info.version, 2);
	b[8] = 0;
	assert_rc(open_goma(b, blen, &err), DK_CORRUPT);
	free(b);
}

static void
bundle_peek__header__names_the_offices(void **state)
{
	unsigned char *b;
	size_t blen;
	struct dk_err err;
	struct dk_bundle_info info;

	(void)state;
	b = seal_as(&hq, &kin, (const unsigned char *)"hi", 2, &blen);
	assert_rc(dk_bundle_peek(b, HDR, &info, &err), DK_OK);
	assert_int_equal(info.version, 1);
	assert_memory_equal(info.from_office, hq.gid, 16);
	assert_memory_equal(info.to_office, kin.gid, 16);
	assert_rc(dk_bundle_peek(b, HDR - 1, &info, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is truncated");
	assert_rc(dk_bundle_peek((const unsigned char *)"SQLite format 3", 15, &info, &err),
	          DK_CORRUPT);
	assert_string_equal(err.msg, "not a docket bundle");
	assert_rc(dk_bundle_peek(b, 0, &info, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "not a docket bundle");
	free(b);
}

/* Signs b again with HQ's key: an insider's edit that the chunk MACs must still catch. */
static void
resign(unsigned char *b, size_t len)
{
	crypto_generichash_state st;
	unsigned char digest[64];

	crypto_generichash_init(&st, NULL, 0, sizeof(digest));
	crypto_generichash_update(&st, (const unsigned char *)"docket-bundle-v1", 16);
	crypto_generichash_update(&st, b, len - SIG);
	crypto_generichash_final(&st, digest, sizeof(digest));
	crypto_sign_detached(b + len - SIG, NULL, digest, sizeof(digest), hq.sign_sk->bytes);
}

static void
bundle_open__readdressed__fails_its_signature(void **state)
{
	unsigned char *b;
	size_t blen;
	struct dk_err err;
	struct office kin_with_goma_key = goma;

	(void)state;
	/* Sealed to Goma's key but addressed to Kinshasa; then the address is edited. */
	memcpy(kin_with_goma_key.gid, kin.gid, 16);
	b = seal_as(&hq, &kin_with_goma_key, (const unsigned char *)"hello", 5, &blen);
	memcpy(b + 57, goma.gid, 16);
	assert_rc(open_goma(b, blen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle's signature does not verify");
	/* Even signed again by the sender, the chunks are bound to the header they were made under.
	 */
	resign(b, blen);
	assert_rc(open_goma(b, blen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is damaged: chunk 1 fails its check");
	free(b);
}

static void
bundle_open__chunks_reordered_or_dropped__are_refused(void **state)
{
	unsigned char *in = pattern(2 * CHUNK + 10), *b, *c;
	size_t blen, starts[4], clen = 4 + CHUNK + AB;
	struct dk_err err;

	(void)state;
	b = seal_as(&hq, &goma, in, 2 * CHUNK + 10, &blen);
	assert_int_equal(chunk_starts(b, blen, starts, 4), 3);
	c = malloc(blen);
	/* Chunks 1 and 2 swapped (same length). */
	memcpy(c, b, blen);
	memcpy(c + starts[0], b + starts[1], clen);
	memcpy(c + starts[1], b + starts[0], clen);
	assert_rc(open_goma(c, blen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle's signature does not verify");
	resign(c, blen);
	assert_rc(open_goma(c, blen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is damaged: chunk 1 fails its check");
	/* Chunk 2 dropped. */
	memcpy(c, b, starts[1]);
	memcpy(c + starts[1], b + starts[2], blen - starts[2]);
	assert_rc(open_goma(c, blen - clen, &err), DK_CORRUPT);
	resign(c, blen - clen);
	assert_rc(open_goma(c, blen - clen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is damaged: chunk 2 fails its check");
	/* The final chunk dropped: the stream ends without its final tag. */
	memcpy(c, b, starts[2]);
	assert_rc(open_goma(c, starts[2] + SIG, &err), DK_CORRUPT);
	resign(c, starts[2] + SIG);
	assert_rc(open_goma(c, starts[2] + SIG, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle is truncated");
	free(c);
	free(b);
	free(in);
}

static void
bundle_open__chunk_from_another_bundle__is_refused(void **state)
{
	unsigned char *in = pattern(100), *a, *b;
	size_t alen, blen;
	struct dk_err err;

	(void)state;
	a = seal_as(&hq, &goma, in, 100, &alen);
	b = seal_as(&hq, &goma, in, 100, &blen);
	assert_int_equal(alen, blen);
	/* b's header with a's chunk, signed by HQ: the chunk's additional data no longer matches.
	 */
	memcpy(b + HDR, a + HDR, blen - HDR - SIG);
	resign(b, blen);
	assert_rc(open_goma(b, blen, &err), DK_CORRUPT);
	free(a);
	free(b);
	free(in);
}

static void
bundle_open__recipient_rekeyed__is_refused(void **state)
{
	struct office goma_new = goma;
	unsigned char *b, *p = NULL;
	size_t blen, plen;
	struct dk_err err;

	(void)state;
	goma_new.box_sk = dk_secret_new(crypto_box_SECRETKEYBYTES);
	goma_new.box_sk->len = crypto_box_SECRETKEYBYTES;
	crypto_box_keypair(goma_new.box_pk, goma_new.box_sk->bytes);
	b = seal_as(&hq, &goma, (const unsigned char *)"hello", 5, &blen);
	assert_rc(open_at(&goma_new, b, blen, &p, &plen, &err), DK_CORRUPT);
	assert_string_equal(err.msg, "the bundle's key is sealed to another key of this office");
	dk_secret_free(&goma_new.box_sk);
	free(b);
}

static const unsigned char *
find_bytes(const unsigned char *hay, size_t n, const void *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

static void
bundle_seal__never_contains_the_plaintext(void **state)
{
	static const char marker[] = "MARKER:victim-name-7f3a9c2e1b05!";
	size_t len = 3 * CHUNK, blen;
	unsigned char *in = pattern(len), *b;

	(void)state;
	assert_int_equal(strlen(marker), 32);
	for (size_t at = 0; at + 32 <= len; at += 4099)
		memcpy(in + at, marker, 32);
	b = seal_as(&hq, &goma, in, len, &blen);
	assert_null(find_bytes(b, blen, marker, 32));
	assert_null(find_bytes(b, blen, in + 1000, 32));
	free(b);
	free(in);
}

static void
bundle_seal__mismatched_signing_key__is_refused(void **state)
{
	struct dk_bundle_sender s;
	unsigned char *out = (unsigned char *)"x";
	size_t outlen = 7;
	struct dk_err err;

	(void)state;
	memcpy(s.office, hq.gid, 16);
	memcpy(s.sign_pk, goma.sign_pk, 32);
	s.sign_sk = hq.sign_sk;
	assert_rc(dk_bundle_seal(&s, goma.gid, goma.box_pk, (const unsigned char *)"x", 1, &out,
	                         &outlen, &err),
	          DK_INVALID);
	assert_null(out);
	assert_int_equal(outlen, 0);
}

/* ---- dk_file_write_atomic, dk_file_read_all ---- */

static void
tmpdir(char out[PATH_MAX])
{
	const char *t = getenv("TMPDIR");

	snprintf(out, PATH_MAX, "%s/docket-test-file-XXXXXX", t != NULL && t[0] ? t : "/tmp");
	assert_non_null(mkdtemp(out));
}

/* Entries in dir other than . and .. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
	closedir(d);
	return n;
}

static void
file_write_atomic__new_and_existing__hold_the_bytes_mode_0600(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	unsigned char *got = NULL;
	size_t len;
	struct stat st;
	struct dk_err err;

	(void)state;
	tmpdir(dir);
	snprintf(path, sizeof(path), "%s/x.bundle", dir);
	assert_rc(dk_file_write_atomic(path, (const unsigned char *)"first", 5, &err), DK_OK);
	assert_rc(dk_file_write_atomic(path, (const unsigned char *)"second!", 7, &err), DK_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_rc(dk_file_read_all(path, 100, &got, &len, &err), DK_OK);
	assert_int_equal(len, 7);
	assert_memory_equal(got, "second!", 7);
	free(got);
	/* No temp file left behind. */
	assert_int_equal(entries(dir), 1);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
file_write_atomic__missing_directory__names_the_path(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	struct dk_err err;

	(void)state;
	tmpdir(dir);
	snprintf(path, sizeof(path), "%s/none/x.bundle", dir);
	assert_rc(dk_file_write_atomic(path, (const unsigned char *)"x", 1, &err), DK_IO);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	/* A directory where the file should go: the rename fails and the temp file goes. */
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_rc(dk_file_write_atomic(path, (const unsigned char *)"x", 1, &err), DK_IO);
	assert_non_null(strstr(err.msg, path));
	assert_int_equal(entries(dir), 1);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
file_read_all__limits_and_kinds__are_enforced(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], fifo[PATH_MAX + 16];
	unsigned char *got = (unsigned char *)"x", *big = calloc(1, 200000);
	size_t len = 5;
	struct dk_err err;

	(void)state;
	tmpdir(dir);
	snprintf(path, sizeof(path), "%s/f", dir);
	assert_rc(dk_file_read_all(path, 10, &got, &len, &err), DK_NOTFOUND);
	assert_null(got);
	assert_rc(dk_file_write_atomic(path, big, 200000, &err), DK_OK);
	assert_rc(dk_file_read_all(path, 199999, &got, &len, &err), DK_INVALID);
	assert_string_equal(err.msg, "the file is larger than 199999 bytes");
	assert_null(got);
	assert_rc(dk_file_read_all(path, 200000, &got, &len, &err), DK_OK);
	assert_int_equal(len, 200000);
	assert_memory_equal(got, big, 200000);
	free(got);
	assert_rc(dk_file_read_all(dir, 10, &got, &len, &err), DK_INVALID);
	assert_null(got);
	snprintf(fifo, sizeof(fifo), "%s/p", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* A FIFO is refused at once, not waited on. */
	assert_rc(dk_file_read_all(fifo, 10, &got, &len, &err), DK_INVALID);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_rc(dk_file_write_atomic(path, big, 0, &err), DK_OK);
	assert_rc(dk_file_read_all(path, 0, &got, &len, &err), DK_OK);
	assert_int_equal(len, 0);
	free(got);
	unlink(fifo);
	unlink(path);
	rmdir(dir);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bundle_open__round_trip__returns_the_payload),
	    cmocka_unit_test(bundle_open__flipped_byte__is_refused),
	    cmocka_unit_test(bundle_open__truncated__is_refused),
	    cmocka_unit_test(bundle_open__trailing_bytes__are_refused),
	    cmocka_unit_test(bundle_open__other_recipient__is_for_another_office),
	    cmocka_unit_test(bundle_open__untrusted_sender__is_refused),
	    cmocka_unit_test(bundle_open__trusted_office_other_key__is_refused),
	    cmocka_unit_test(bundle_open__version_2__is_too_new),
	    cmocka_unit_test(bundle_peek__header__names_the_offices),
	    cmocka_unit_test(bundle_open__readdressed__fails_its_signature),
	    cmocka_unit_test(bundle_open__chunks_reordered_or_dropped__are_refused),
	    cmocka_unit_test(bundle_open__chunk_from_another_bundle__is_refused),
	    cmocka_unit_test(bundle_open__recipient_rekeyed__is_refused),
	    cmocka_unit_test(bundle_seal__never_contains_the_plaintext),
	    cmocka_unit_test(bundle_seal__mismatched_signing_key__is_refused),
	    cmocka_unit_test(file_write_atomic__new_and_existing__hold_the_bytes_mode_0600),
	    cmocka_unit_test(file_write_atomic__missing_directory__names_the_path),
	    cmocka_unit_test(file_read_all__limits_and_kinds__are_enforced),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
