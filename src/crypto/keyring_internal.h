/* What the keyring's three files share: the in-memory keyring and its slots. */
#ifndef DOCKET_CRYPTO_KEYRING_INTERNAL_H
#define DOCKET_CRYPTO_KEYRING_INTERNAL_H

#include <stddef.h>

#include <sodium.h>

#include "docket/buf.h"
#include "docket/crypto.h"

#define KR_MAX_SLOTS 10000

#define KR_ID_BYTES 32
#define KR_LOOKUP_SALT_BYTES 32
#define KR_SALT_BYTES crypto_pwhash_argon2id_SALTBYTES
#define KR_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define KR_WRAP_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
/*
 * What a slot seals: version 1, the data key; version 2, the data key, the
 * office's root public key and the slot owner's Ed25519 secret key
 * (crypto.h, struct dk_slot_keys). The sealed field's length tells them apart.
 */
#define KR_PLAIN_V1_BYTES DK_DATA_KEY_BYTES
#define KR_PLAIN_V2_BYTES (DK_DATA_KEY_BYTES + DK_SIGN_PK_BYTES + DK_SIGN_SK_BYTES)
#define KR_SEALED_V1_BYTES (KR_PLAIN_V1_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define KR_SEALED_V2_BYTES (KR_PLAIN_V2_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

/*
 * Bounds a loaded slot's costs: below INTERACTIVE a stolen file would be
 * cheap to attack, above SENSITIVE a tampered file could make unlock
 * allocate any amount of memory.
 */
#define KR_OPS_MIN crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
#define KR_OPS_MAX crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE
#define KR_MEM_MIN crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
#define KR_MEM_MAX crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE

struct slot {
	unsigned char id[KR_ID_BYTES];
	unsigned long long opslimit;
	size_t memlimit;
	unsigned char salt[KR_SALT_BYTES];
	unsigned char nonce[KR_NONCE_BYTES];
	unsigned version; /* 1 or 2: sealed holds KR_SEALED_V1_BYTES or KR_SEALED_V2_BYTES */
	unsigned char sealed[KR_SEALED_V2_BYTES];
};

/* The bytes of s->sealed in use. */
static inline size_t
kr_sealed_len(const struct slot *s)
{
	return s->version == 2 ? KR_SEALED_V2_BYTES : KR_SEALED_V1_BYTES;
}

struct dk_keyring {
	unsigned char lookup_salt[KR_LOOKUP_SALT_BYTES];
	unsigned failures;
	struct dk_audit_head head; /* head.id 0: none recorded */
	struct slot *slots;        /* in insertion order, which the file keeps */
	size_t nslots;
	size_t cap;
};

/* Appends slot s (the caller checked KR_MAX_SLOTS). */
void dk_keyring_slot_append(struct dk_keyring *kr, const struct slot *s);

/* Appends the one way to write kr (keyfile.c's format) to b. */
void dk_keyring_format(const struct dk_keyring *kr, struct dk_buf *b);

/*
 * Parses a whole sidecar held in data[0..len) (need not end in a NUL); path
 * only names it in messages. *out is the keyring, or NULL with err set
 * (DK_CORRUPT). dk_keyring_load is this after reading the file; the keyslot
 * fuzz target calls it directly.
 */
enum dk_rc dk_keyring_parse(const char *data, size_t len, const char *path, struct dk_keyring **out,
                            struct dk_err *err) __attribute__((warn_unused_result));

/* Reads a whole sidecar (or pending) file into b, within the size limit. */
enum dk_rc dk_keyring_read_file(const char *path, struct dk_buf *b, struct dk_err *err)
    __attribute__((warn_unused_result));

#endif
