/*
 * The bundle: what one office sends another (issue 13). A fixed header
 * (magic "DOCKETB1", version, sender office and Ed25519 key, recipient
 * office, the stream key sealed to the recipient's X25519 key, the
 * secretstream header), then XChaCha20-Poly1305 secretstream chunks of at
 * most 64 KiB of plaintext, each a little-endian u32 length and its
 * ciphertext with the header's BLAKE2b-256 as additional data, the last one
 * tagged final, then an Ed25519 signature over BLAKE2b-512 of
 * "docket-bundle-v1" and every byte before it. Nothing follows the signature.
 * Crypto layer: libsodium only, no files (dk_file_* in crypto.h do those).
 */
#ifndef DOCKET_BUNDLE_H
#define DOCKET_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/error.h"
#include "docket/secret.h"

#define DK_BUNDLE_VERSION 1
#define DK_BUNDLE_HEADER_BYTES 177
#define DK_BUNDLE_CHUNK_MAX 65536 /* plaintext bytes per chunk */
#define DK_BUNDLE_SIG_BYTES 64

struct dk_bundle_sender {
	unsigned char office[16];
	unsigned char sign_pk[32];
	const struct dk_secret *sign_sk; /* crypto_sign secret key, 64 bytes */
};

struct dk_bundle_recipient {
	unsigned char office[16];
	unsigned char box_pk[32];
	const struct dk_secret *box_sk; /* crypto_box secret key, 32 bytes */
};

/*
 * Seals payload for the office to_office whose X25519 key is to_box_pk,
 * signed by from. *out is malloc'd (the bundle holds no plaintext).
 * DK_INVALID when a key is unusable (wrong size, or sign_pk not sign_sk's).
 */
enum dk_rc dk_bundle_seal(const struct dk_bundle_sender *from, const unsigned char to_office[16],
                          const unsigned char to_box_pk[32], const unsigned char *payload,
                          size_t len, unsigned char **out, size_t *outlen, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * The signing key this office trusts for sender office `office`, written
 * into sign_pk; false when the office is unknown or not trusted.
 */
typedef bool (*dk_bundle_trust_fn)(const unsigned char office[16], unsigned char sign_pk[32],
                                   void *ctx);

struct dk_bundle_info {
	unsigned version;
	unsigned char from_office[16];
	unsigned char to_office[16];
};

/*
 * Verifies, then decrypts. In order: size and magic, version, recipient is
 * me, sender trusted, header key is the trusted key, chunk lengths in
 * bounds, signature; only then the stream key and each chunk's MAC, the
 * final tag on the last chunk. Refusals: DK_CORRUPT, DK_TOONEW, DK_INVALID
 * (another office's bundle, an untrusted sender or key), each with a
 * one-line message naming no file. *info is filled as soon as the header is
 * readable (also on later refusals). On success *payload is malloc'd (free
 * it with dk_xfree_wiped_n(p, *plen)); on failure it is NULL and nothing
 * decrypted is left in memory.
 */
enum dk_rc dk_bundle_open(const unsigned char *in, size_t len, const struct dk_bundle_recipient *me,
                          dk_bundle_trust_fn trust, void *ctx, struct dk_bundle_info *info,
                          unsigned char **payload, size_t *plen, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Reads the header without keys (magic, version, offices), to name the
 * offices in messages: DK_CORRUPT when it is not a bundle or too short,
 * DK_TOONEW (info->version set) for a newer format.
 */
enum dk_rc dk_bundle_peek(const unsigned char *in, size_t len, struct dk_bundle_info *info,
                          struct dk_err *err) __attribute__((warn_unused_result));

#endif
