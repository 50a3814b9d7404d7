/* The bundle container (docket/bundle.h): sealed, chunked, signed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/bundle.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"

/* Header offsets (bundle.h; all fixed in version 1). */
#define OFF_VERSION 8
#define OFF_FROM 9
#define OFF_FROM_PK 25
#define OFF_TO 57
#define OFF_SEALED 73
#define OFF_SS 153
#define SEALED_BYTES (crypto_secretstream_xchacha20poly1305_KEYBYTES + crypto_box_SEALBYTES)
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define CIPHER_MAX (DK_BUNDLE_CHUNK_MAX + ABYTES)
#define HEADER_HASH_BYTES 32

_Static_assert(OFF_SEALED + SEALED_BYTES == OFF_SS, "the sealed key precedes the stream header");
_Static_assert(OFF_SS + crypto_secretstream_xchacha20poly1305_HEADERBYTES == DK_BUNDLE_HEADER_BYTES,
               "the header is 177 bytes");
_Static_assert(crypto_sign_BYTES == DK_BUNDLE_SIG_BYTES, "Ed25519 signatures are 64 bytes");

static const unsigned char magic[8] = {'D', 'O', 'C', 'K', 'E', 'T', 'B', '1'};
/* Hashed before the signed bytes, so this signature can mean nothing else. */
static const char sig_domain[] = "docket-bundle-v1";

/* The smallest bundle: header, one empty final chunk, signature. */
#define BUNDLE_MIN (DK_BUNDLE_HEADER_BYTES + 4 + ABYTES + DK_BUNDLE_SIG_BYTES)

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)((v >> 8) & 0xff);
	p[2] = (unsigned char)((v >> 16) & 0xff);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* BLAKE2b-512 of the domain then bytes: one pass, nothing copied. */
static void
signed_digest(unsigned char digest[crypto_generichash_BYTES_MAX], const unsigned char *bytes,
              size_t len)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES_MAX);
	crypto_generichash_update(&st, (const unsigned char *)sig_domain, strlen(sig_domain));
	crypto_generichash_update(&st, bytes, len);
	crypto_generichash_final(&st, digest, crypto_generichash_BYTES_MAX);
	sodium_memzero(&st, sizeof(st));
}

static void
header_hash(unsigned char out[HEADER_HASH_BYTES], const unsigned char *header)
{
	crypto_generichash(out, HEADER_HASH_BYTES, header, DK_BUNDLE_HEADER_BYTES, NULL, 0);
}

/* ---- sealing ---- */

static size_t
chunk_count(size_t len)
{
	/* An empty payload still has its one final chunk. */
	return len == 0 ? 1 : (len + DK_BUNDLE_CHUNK_MAX - 1) / DK_BUNDLE_CHUNK_MAX;
}

static enum dk_rc
check_sender(const struct dk_bundle_sender *from, struct dk_err *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	bool ok;

	if (from->sign_sk == NULL || from->sign_sk->len != crypto_sign_SECRETKEYBYTES)
		return dk_err_set(err, DK_INVALID, _("this office's signing key is not usable"));
	/* A bundle whose header names another key than the one signing it would never open. */
	crypto_sign_ed25519_sk_to_pk(pk, from->sign_sk->bytes);
	ok = sodium_memcmp(pk, from->sign_pk, sizeof(pk)) == 0;
	sodium_memzero(pk, sizeof(pk));
	if (!ok)
		return dk_err_set(err, DK_INVALID, _("this office's signing key is not usable"));
	return DK_OK;
}

/* Writes the header into out; the stream key comes back in *key and the state in *st. */
static enum dk_rc
seal_header(unsigned char *out, const struct dk_bundle_sender *from,
            const unsigned char to_office[16], const unsigned char to_box_pk[32],
            struct dk_secret *key, crypto_secretstream_xchacha20poly1305_state *st,
            struct dk_err *err)
{
	memcpy(out, magic, sizeof(magic));
	out[OFF_VERSION] = DK_BUNDLE_VERSION;
	memcpy(out + OFF_FROM, from->office, 16);
	memcpy(out + OFF_FROM_PK, from->sign_pk, 32);
	memcpy(out + OFF_TO, to_office, 16);
	crypto_secretstream_xchacha20poly1305_keygen(key->bytes);
	key->len = crypto_secretstream_xchacha20poly1305_KEYBYTES;
	if (crypto_box_seal(out + OFF_SEALED, key->bytes, key->len, to_box_pk) != 0)
		return dk_err_set(err, DK_INVALID, _("the recipient office's key is not usable"));
	crypto_secretstream_xchacha20poly1305_init_push(st, out + OFF_SS, key->bytes);
	return DK_OK;
}

/* Encrypts payload into chunks at out + *pos. */
static void
seal_chunks(unsigned char *out, size_t *pos, crypto_secretstream_xchacha20poly1305_state *st,
            const unsigned char *payload, size_t len)
{
	unsigned char ad[HEADER_HASH_BYTES];
	size_t n = chunk_count(len), at = 0;

	header_hash(ad, out);
	for (size_t i = 0; i < n; i++) {
		size_t m = len - at < DK_BUNDLE_CHUNK_MAX ? len - at : DK_BUNDLE_CHUNK_MAX;
		unsigned char tag = i + 1 == n ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
		                               : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;

		put_u32(out + *pos, (uint32_t)(m + ABYTES));
		*pos += 4;
		crypto_secretstream_xchacha20poly1305_push(st, out + *pos, NULL, payload + at, m,
		                                           ad, sizeof(ad), tag);
		*pos += m + ABYTES;
		at += m;
	}
}

enum dk_rc
dk_bundle_seal(const struct dk_bundle_sender *from, const unsigned char to_office[16],
               const unsigned char to_box_pk[32], const unsigned char *payload, size_t len,
               unsigned char **out, size_t *outlen, struct dk_err *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char digest[crypto_generichash_BYTES_MAX];
	struct dk_secret *key;
	unsigned char *b;
	size_t size, pos = DK_BUNDLE_HEADER_BYTES;
	enum dk_rc rc;

	*out = NULL;
	*outlen = 0;
	if ((rc = check_sender(from, err)) != DK_OK)
		return rc;
	if (len > SIZE_MAX / 2)
		return dk_err_set(err, DK_INVALID, _("the bundle would be too large"));
	size = DK_BUNDLE_HEADER_BYTES + chunk_count(len) * (4 + ABYTES) + len + DK_BUNDLE_SIG_BYTES;
	b = dk_xmalloc(size);
	key = dk_secret_new(crypto_secretstream_xchacha20poly1305_KEYBYTES);
	rc = seal_header(b, from, to_office, to_box_pk, key, &st, err);
	dk_secret_free(&key);
	if (rc != DK_OK) {
		sodium_memzero(&st, sizeof(st));
		free(b);
		return rc;
	}
	seal_chunks(b, &pos, &st, payload, len);
	sodium_memzero(&st, sizeof(st));
	signed_digest(digest, b, pos);
	crypto_sign_detached(b + pos, NULL, digest, sizeof(digest), from->sign_sk->bytes);
	pos += DK_BUNDLE_SIG_BYTES;
	*out = b;
	*outlen = pos;
	return DK_OK;
}

/* ---- opening ---- */

enum dk_rc
dk_bundle_peek(const unsigned char *in, size_t len, struct dk_bundle_info *info, struct dk_err *err)
{
	memset(info, 0, sizeof(*info));
	if (len < sizeof(magic) || memcmp(in, magic, sizeof(magic)) != 0)
		return dk_err_set(err, DK_CORRUPT, _("not a docket bundle"));
	if (len <= OFF_VERSION)
		return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
	info->version = in[OFF_VERSION];
	if (info->version > DK_BUNDLE_VERSION)
		return dk_err_set(err, DK_TOONEW,
		                  _("the bundle was written by a newer docket (format %u)"),
		                  info->version);
	if (info->version != DK_BUNDLE_VERSION)
		return dk_err_set(err, DK_CORRUPT, _("not a docket bundle"));
	if (len < DK_BUNDLE_HEADER_BYTES)
		return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
	memcpy(info->from_office, in + OFF_FROM, 16);
	memcpy(info->to_office, in + OFF_TO, 16);
	return DK_OK;
}

/* The recipient and the sender's key, before any signature or cipher work. */
static enum dk_rc
check_parties(const unsigned char *in, const struct dk_bundle_recipient *me,
              dk_bundle_trust_fn trust, void *ctx, unsigned char sign_pk[32], struct dk_err *err)
{
	if (sodium_memcmp(in + OFF_TO, me->office, 16) != 0)
		return dk_err_set(err, DK_INVALID, _("the bundle is for another office"));
	if (!trust(in + OFF_FROM, sign_pk, ctx))
		return dk_err_set(err, DK_INVALID, _("the bundle's sender is not trusted here"));
	if (sodium_memcmp(in + OFF_FROM_PK, sign_pk, 32) != 0)
		return dk_err_set(
		    err, DK_INVALID,
		    _("the bundle is signed with a key this office does not trust for "
		      "its sender"));
	return DK_OK;
}

/*
 * Walks the chunk lengths (no crypto yet) to where the signature must be:
 * every length in bounds, the last chunk ending exactly 64 bytes before
 * the end. *chunks and *plain count the chunks and their plaintext bytes.
 */
static enum dk_rc
walk_chunks(const unsigned char *in, size_t len, size_t *chunks, size_t *plain, struct dk_err *err)
{
	size_t pos = DK_BUNDLE_HEADER_BYTES, left;
	uint32_t n;

	*chunks = *plain = 0;
	for (;;) {
		left = len - pos;
		if (left == DK_BUNDLE_SIG_BYTES && *chunks > 0)
			return DK_OK;
		if (left < DK_BUNDLE_SIG_BYTES + (*chunks > 0 ? 0 : 4 + ABYTES))
			return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
		/* Too short for one more chunk, too long for the signature alone. */
		if (left < DK_BUNDLE_SIG_BYTES + 4 + ABYTES)
			return dk_err_set(err, DK_CORRUPT,
			                  _("the bundle has bytes after its signature"));
		n = get_u32(in + pos);
		if (n < ABYTES || n > CIPHER_MAX)
			return dk_err_set(err, DK_CORRUPT,
			                  _("the bundle is damaged: chunk %zu fails its check"),
			                  *chunks + 1);
		if (n > left - 4 - DK_BUNDLE_SIG_BYTES)
			return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
		pos += 4 + n;
		*plain += n - ABYTES;
		++*chunks;
	}
}

static enum dk_rc
check_signature(const unsigned char *in, size_t len, const unsigned char sign_pk[32],
                struct dk_err *err)
{
	unsigned char digest[crypto_generichash_BYTES_MAX];
	size_t body = len - DK_BUNDLE_SIG_BYTES;

	signed_digest(digest, in, body);
	if (crypto_sign_verify_detached(in + body, digest, sizeof(digest), sign_pk) != 0)
		return dk_err_set(err, DK_CORRUPT, _("the bundle's signature does not verify"));
	return DK_OK;
}

/* Opens the sealed stream key and starts the stream. */
static enum dk_rc
open_stream(const unsigned char *in, const struct dk_bundle_recipient *me,
            crypto_secretstream_xchacha20poly1305_state *st, struct dk_err *err)
{
	struct dk_secret *key = dk_secret_new(crypto_secretstream_xchacha20poly1305_KEYBYTES);
	enum dk_rc rc = DK_OK;

	if (me->box_sk == NULL || me->box_sk->len != crypto_box_SECRETKEYBYTES)
		rc = dk_err_set(err, DK_INVALID, _("this office's key is not usable"));
	else if (crypto_box_seal_open(key->bytes, in + OFF_SEALED, SEALED_BYTES, me->box_pk,
	                              me->box_sk->bytes) != 0)
		/* Signed by a trusted sender, yet sealed to another key of ours: an old key. */
		rc = dk_err_set(err, DK_CORRUPT,
		                _("the bundle's key is sealed to another key of this office"));
	else if (crypto_secretstream_xchacha20poly1305_init_pull(st, in + OFF_SS, key->bytes) != 0)
		rc = dk_err_set(err, DK_CORRUPT,
		                _("the bundle is damaged: chunk %zu fails its check"), (size_t)1);
	dk_secret_free(&key);
	return rc;
}

/* Decrypts the walked chunks into out (sized by walk_chunks). */
static enum dk_rc
open_chunks(const unsigned char *in, size_t chunks, crypto_secretstream_xchacha20poly1305_state *st,
            unsigned char *out, struct dk_err *err)
{
	unsigned char ad[HEADER_HASH_BYTES];
	size_t pos = DK_BUNDLE_HEADER_BYTES, at = 0;

	header_hash(ad, in);
	for (size_t i = 0; i < chunks; i++) {
		uint32_t n = get_u32(in + pos);
		unsigned long long m;
		unsigned char tag;
		bool last = i + 1 == chunks;

		pos += 4;
		if (crypto_secretstream_xchacha20poly1305_pull(st, out + at, &m, &tag, in + pos, n,
		                                               ad, sizeof(ad)) != 0)
			return dk_err_set(err, DK_CORRUPT,
			                  _("the bundle is damaged: chunk %zu fails its check"),
			                  i + 1);
		/* The final tag exactly on the last chunk: none cut off, none added. */
		if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
		if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
			return dk_err_set(err, DK_CORRUPT,
			                  _("the bundle is damaged: chunk %zu fails its check"),
			                  i + 2);
		pos += n;
		at += (size_t)m;
	}
	return DK_OK;
}

/* Everything before the decryption: the refusals that need no secret key. */
static enum dk_rc
verify(const unsigned char *in, size_t len, const struct dk_bundle_recipient *me,
       dk_bundle_trust_fn trust, void *ctx, struct dk_bundle_info *info, size_t *chunks,
       size_t *plain, struct dk_err *err)
{
	unsigned char sign_pk[32];
	enum dk_rc rc;

	if ((rc = dk_bundle_peek(in, len, info, err)) != DK_OK)
		return rc;
	if (len < BUNDLE_MIN)
		return dk_err_set(err, DK_CORRUPT, _("the bundle is truncated"));
	if ((rc = check_parties(in, me, trust, ctx, sign_pk, err)) != DK_OK)
		return rc;
	if ((rc = walk_chunks(in, len, chunks, plain, err)) != DK_OK)
		return rc;
	return check_signature(in, len, sign_pk, err);
}

enum dk_rc
dk_bundle_open(const unsigned char *in, size_t len, const struct dk_bundle_recipient *me,
               dk_bundle_trust_fn trust, void *ctx, struct dk_bundle_info *info,
               unsigned char **payload, size_t *plen, struct dk_err *err)
{
	crypto_secretstream_xchacha20poly1305_state st;
	size_t chunks = 0, plain = 0;
	unsigned char *out;
	enum dk_rc rc;

	*payload = NULL;
	*plen = 0;
	if ((rc = verify(in, len, me, trust, ctx, info, &chunks, &plain, err)) != DK_OK)
		return rc;
	/* plain <= len: the walk bounded every chunk by what the input holds. */
	out = dk_xmalloc(plain > 0 ? plain : 1);
	rc = open_stream(in, me, &st, err);
	if (rc == DK_OK)
		rc = open_chunks(in, chunks, &st, out, err);
	sodium_memzero(&st, sizeof(st));
	if (rc != DK_OK) {
		sodium_memzero(out, plain > 0 ? plain : 1);
		free(out);
		return rc;
	}
	*payload = out;
	*plen = plain;
	return DK_OK;
}
