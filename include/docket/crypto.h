/* libsodium: randomness, hashing, Argon2id key slots kept in the sidecar file. */
#ifndef DOCKET_CRYPTO_H
#define DOCKET_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/error.h"
#include "docket/secret.h"

#define DK_DATA_KEY_BYTES 32 /* SQLCipher raw key */
#define DK_GID_BYTES 16      /* global ids of offices, cases, events */
#define DK_HASH_BYTES 32     /* BLAKE2b-256 */

/* Initializes libsodium; false when it cannot (docket must not run then). */
bool dk_crypto_init(void) __attribute__((warn_unused_result));

/* Fills buf with n bytes from the OS CSPRNG. */
void dk_crypto_random(void *buf, size_t n);

/*
 * BLAKE2b-256 of data, domain-separated: the hash is keyed by nothing but
 * starts with the domain string and a NUL, so different uses never collide.
 */
void dk_crypto_hash(unsigned char out[DK_HASH_BYTES], const char *domain, const void *data,
                    size_t len);

/*
 * Ed25519 signatures (accounts, the office's authority, audit entries):
 * every message is domain-separated like dk_crypto_hash (domain, a NUL, msg).
 */
#define DK_SIGN_PK_BYTES 32
#define DK_SIGN_SK_BYTES 64
#define DK_SIG_BYTES 64

/* A new key pair; *sk is new guarded memory. */
void dk_sign_keypair_new(unsigned char pk[DK_SIGN_PK_BYTES], struct dk_secret **sk);

/* The public half of sk (DK_SIGN_SK_BYTES). */
void dk_sign_public(unsigned char pk[DK_SIGN_PK_BYTES], const struct dk_secret *sk);

void dk_sign(unsigned char sig[DK_SIG_BYTES], const struct dk_secret *sk, const char *domain,
             const void *msg, size_t len);

/* Whether sig is pk's signature of msg under domain. */
bool dk_sign_verify(const unsigned char sig[DK_SIG_BYTES], const unsigned char pk[DK_SIGN_PK_BYTES],
                    const char *domain, const void *msg, size_t len)
    __attribute__((warn_unused_result));

/*
 * Whether pk is an Ed25519 public key one can seal to: a canonical point of
 * the main subgroup, not of small order. A key read from the database (an
 * insider may have written any 32 bytes there) is checked with this before
 * dk_seal_to.
 */
bool dk_sign_pk_valid(const unsigned char pk[DK_SIGN_PK_BYTES]) __attribute__((warn_unused_result));

/*
 * Seals a secret so only the holder of the Ed25519 secret key matching
 * sign_pk can open it (crypto_box_seal to the X25519 conversion of the key):
 * how the authority's key (and, later, mission keys) reach each account.
 * out holds secret->len + DK_SEAL_OVERHEAD bytes. sign_pk must pass
 * dk_sign_pk_valid: any other aborts (a caller's bug, never input).
 */
#define DK_SEAL_OVERHEAD 48
void dk_seal_to(unsigned char *out, const struct dk_secret *secret,
                const unsigned char sign_pk[DK_SIGN_PK_BYTES]);

/* Opens what dk_seal_to sealed for sign_sk into *out (new guarded memory); false if it cannot. */
bool dk_seal_open(const unsigned char *sealed, size_t len, const struct dk_secret *sign_sk,
                  struct dk_secret **out) __attribute__((warn_unused_result));

/*
 * The same in two steps, for one who opens many (an unlock, every mission
 * key sealed to it): the X25519 key pair of sign_sk, derived once (guarded
 * memory, NULL if sign_sk is not a secret key), then each sealed secret.
 */
#define DK_SEAL_KEYPAIR_BYTES 64
struct dk_secret *dk_seal_keypair(const struct dk_secret *sign_sk);
bool dk_seal_open_with(const unsigned char *sealed, size_t len, const struct dk_secret *keypair,
                       struct dk_secret **out) __attribute__((warn_unused_result));

/* Argon2id cost profiles (libsodium's OPSLIMIT_/MEMLIMIT_ pairs). */
enum dk_kdf {
	DK_KDF_INTERACTIVE,
	DK_KDF_MODERATE, /* the default */
	DK_KDF_SENSITIVE,
};

/* "interactive", "moderate", "sensitive" -> profile; false when unknown. */
bool dk_kdf_parse(const char *s, enum dk_kdf *out);

/*
 * The key-slot sidecar ("<db>.keys"): one slot per account (and recovery
 * code), each wrapping the database's data key with XChaCha20-Poly1305
 * under an Argon2id key derived from that account's passphrase. Accounts are
 * found by a keyed BLAKE2b of their name (the file holds no names). The file
 * also counts failed unlocks so the next good one can audit them.
 */
struct dk_keyring;

/* A new, empty keyring with a fresh random lookup salt. */
struct dk_keyring *dk_keyring_new(void);

/* Frees and NULLs *kr; accepts NULL. */
void dk_keyring_free(struct dk_keyring **kr);

/*
 * Reads a sidecar. DK_NOTFOUND when the file does not exist, DK_CORRUPT
 * when it is not a well-formed keyring, DK_IO on other read errors.
 */
enum dk_rc dk_keyring_load(const char *path, struct dk_keyring **out, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Writes the keyring atomically: temp file in the same directory, fsync,
 * rename over path, fsync the directory. Mode 0600.
 */
enum dk_rc dk_keyring_save(const struct dk_keyring *kr, const char *path, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * A change to the sidecar is staged, committed by the database, then
 * published (HACKING.md "Key slots and the database fail together"):
 * "<path>.pending" is written and fsynced, and its BLAKE2b hash goes into
 * the database's transaction; once that commits, the pending file is renamed
 * over path. A pending file whose hash the database does not hold is
 * discarded. The caller holds dk_keyring_lock throughout.
 */
char *dk_keyring_pending_path(const char *path); /* malloc'd "<path>.pending" */
enum dk_rc dk_keyring_stage(const struct dk_keyring *kr, const char *path,
                            unsigned char hash[DK_HASH_BYTES], struct dk_err *err)
    __attribute__((warn_unused_result));
/* The hash of "<path>.pending" as staged; DK_NOTFOUND when there is none. */
enum dk_rc dk_keyring_pending_hash(const char *path, unsigned char hash[DK_HASH_BYTES],
                                   struct dk_err *err) __attribute__((warn_unused_result));
/* The directory holding path ("." for a bare name), malloc'd. */
char *dk_file_parent_dir(const char *path);
/* fsyncs the directory holding path, so a rename or a new name in it survives a power cut. */
enum dk_rc dk_file_sync_parent(const char *path, struct dk_err *err)
    __attribute__((warn_unused_result));
/*
 * Writes bytes to path atomically: a temp file "<path>." and six random characters, in the same
 * directory (mode 0600), fsynced, renamed over path, the directory fsynced.
 * On failure the temp file is gone and path untouched; the message names path.
 */
enum dk_rc dk_file_write_atomic(const char *path, const unsigned char *bytes, size_t len,
                                struct dk_err *err) __attribute__((warn_unused_result));
/*
 * Reads a whole regular file of at most max bytes; *out is malloc'd (NULL on
 * failure). DK_NOTFOUND when it does not exist, DK_INVALID when it is not a
 * regular file or is larger than max, DK_IO otherwise.
 */
enum dk_rc dk_file_read_all(const char *path, size_t max, unsigned char **out, size_t *len,
                            struct dk_err *err) __attribute__((warn_unused_result));
/* Renames "<path>.pending" over path and fsyncs the directory. */
enum dk_rc dk_keyring_publish(const char *path, struct dk_err *err)
    __attribute__((warn_unused_result));
/* Removes "<path>.pending", if any. */
void dk_keyring_discard(const char *path);
/*
 * Removes the temporaries ("<path>." and mkstemp's six characters) of
 * saves a killed process left: copies of the slots, a removed account's or
 * an old passphrase's among them. The caller holds dk_keyring_lock, so no save is under way.
 */
void dk_keyring_sweep(const char *path);

/*
 * Serializes every rewrite of the sidecar at path between processes: an
 * exclusive flock on "<path>.lock", which the kernel releases if the holder
 * dies. Returns the descriptor to pass to dk_keyring_unlock_file, or -1.
 */
int dk_keyring_lock(const char *path, struct dk_err *err);
void dk_keyring_unlock_file(int *fd);

/*
 * Slots that belong to none of the given names (orphans: an account
 * removed or never committed). Calls fn with each orphan's position (from
 * 1) and the first 8 hex digits of its id; returns how many there are.
 */
size_t dk_keyring_orphans(const struct dk_keyring *kr, const char *const *names, size_t n,
                          void (*fn)(size_t pos, const char *id_hex, void *ctx), void *ctx);

/* Removes every slot that belongs to none of the names; returns how many it removed. */
size_t dk_keyring_prune(struct dk_keyring *kr, const char *const *names, size_t n);

/*
 * What a version-2 slot seals beside the data key (HACKING.md "Insiders"):
 * the office's root of trust, pinned, and the slot owner's Ed25519 secret
 * key (the authority's, in the recovery slot). A version-1 slot has neither.
 */
struct dk_slot_keys {
	unsigned char root_pk[DK_SIGN_PK_BYTES];
	struct dk_secret *sign_sk; /* DK_SIGN_SK_BYTES; NULL: a version-1 slot */
};

/* Frees k->sign_sk and zeroes k; accepts NULL. */
void dk_slot_keys_clear(struct dk_slot_keys *k);

/*
 * Adds (or replaces) the slot of account `name`, wrapping data_key (and
 * keys, when not NULL: a version-2 slot) under passphrase with the given
 * cost profile; keys NULL writes a version-1 slot (a database not yet
 * upgraded). DK_INVALID for a key of the wrong size (data_key, or
 * keys->sign_sk NULL or not DK_SIGN_SK_BYTES).
 */
enum dk_rc dk_keyring_set(struct dk_keyring *kr, const char *name,
                          const struct dk_secret *passphrase, enum dk_kdf kdf,
                          const struct dk_secret *data_key, const struct dk_slot_keys *keys,
                          struct dk_err *err) __attribute__((warn_unused_result));

/*
 * Seals name's slot again (with keys, as dk_keyring_set) at the cost profile
 * it has: an unlock adding keys to a slot does not change what it costs.
 */
enum dk_rc dk_keyring_reseal(struct dk_keyring *kr, const char *name,
                             const struct dk_secret *passphrase, const struct dk_secret *data_key,
                             const struct dk_slot_keys *keys, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Unwraps the data key with name's passphrase into *data_key (new guarded
 * memory), and, when keys is not NULL, what else the slot seals (keys->sign_sk
 * new guarded memory; it stays NULL and root_pk zero for a version-1 slot,
 * and keys is zeroed on any failure). DK_AUTH for an unknown name or a wrong
 * passphrase: both cost the same Argon2id work, so timing does not tell them
 * apart. DK_CORRUPT for a version-2 slot that opens but whose secret key's
 * public half is not its seed's (only a holder of the passphrase could seal one).
 */
enum dk_rc dk_keyring_unlock(const struct dk_keyring *kr, const char *name,
                             const struct dk_secret *passphrase, struct dk_secret **data_key,
                             struct dk_slot_keys *keys, struct dk_err *err)
    __attribute__((warn_unused_result));

/* Removes name's slot; false when there was none. */
bool dk_keyring_remove(struct dk_keyring *kr, const char *name);

/* True when name has a slot. */
bool dk_keyring_has(const struct dk_keyring *kr, const char *name);

/* Number of slots. */
size_t dk_keyring_count(const struct dk_keyring *kr);

/* Failed unlocks recorded since the last successful one. */
unsigned dk_keyring_failures(const struct dk_keyring *kr);
void dk_keyring_set_failures(struct dk_keyring *kr, unsigned n);

/*
 * The audit log's head (its last entry's id and hash) as last recorded, so
 * a database whose log was cut short is caught; signed by whoever signed
 * that entry, so a cut to an earlier entry needs its author's key.
 */
struct dk_audit_head {
	long long id; /* 0: none recorded */
	unsigned char hash[DK_HASH_BYTES];
	bool is_signed; /* false: the unsigned form of a database not yet upgraded */
	unsigned char signer[DK_SIGN_PK_BYTES];
	unsigned char sig[DK_SIG_BYTES];
};

/* false when none is recorded (then *out is zeroed). */
bool dk_keyring_audit_head(const struct dk_keyring *kr, struct dk_audit_head *out);
/* Records h (h->id 0: none); an unsigned h is written in the 3-field form. */
void dk_keyring_set_audit_head(struct dk_keyring *kr, const struct dk_audit_head *h);

/*
 * Signs h's id and hash with sk: fills signer and sig, sets is_signed. The
 * message: "docket-audit-head-v1", NUL, id as 8 bytes little-endian, hash.
 */
void dk_audit_head_sign(struct dk_audit_head *h, const struct dk_secret *sign_sk);

/* Whether h is signed and its signature verifies under h->signer. */
bool dk_audit_head_verify(const struct dk_audit_head *h);

/*
 * An office's keys (issue 13): Ed25519 signs the bundles it sends, X25519
 * receives the bundles sent to it. The secret halves live in guarded memory
 * and, at rest, only in the encrypted database.
 */
#define DK_BOX_PK_BYTES 32
#define DK_BOX_SK_BYTES 32
#define DK_OFFICE_HASH_BYTES 20 /* BLAKE2b-160: the fingerprint */

/* New sign and box key pairs; *sign_sk and *box_sk are new guarded memory. */
void dk_office_keys_new(unsigned char sign_pk[DK_SIGN_PK_BYTES], struct dk_secret **sign_sk,
                        unsigned char box_pk[DK_BOX_PK_BYTES], struct dk_secret **box_sk);

/* Whether the secret keys are the halves of the public ones (a damaged row says no). */
bool dk_office_keys_match(const unsigned char sign_pk[DK_SIGN_PK_BYTES],
                          const struct dk_secret *sign_sk,
                          const unsigned char box_pk[DK_BOX_PK_BYTES],
                          const struct dk_secret *box_sk);

/* BLAKE2b-160 over "docket-office-v1" || gid || sign_pk || box_pk: the fingerprint's bytes. */
void dk_office_fingerprint_hash(unsigned char out[DK_OFFICE_HASH_BYTES],
                                const unsigned char gid[DK_GID_BYTES],
                                const unsigned char sign_pk[DK_SIGN_PK_BYTES],
                                const unsigned char box_pk[DK_BOX_PK_BYTES]);

/*
 * Need-to-know (HACKING.md "Need-to-know by key"): a narrative or identity
 * field is sealed (XChaCha20-Poly1305) under its owner's content key. A
 * sealed field is "DK", a version byte (1), the class byte, the owner's gid
 * (16), a nonce (24), the ciphertext and tag (16); the 20-byte header is the
 * associated data, so a field cannot be moved to another owner or class.
 */
#define DK_FIELD_KEY_BYTES 32
#define DK_FIELD_HEADER_BYTES 20
#define DK_FIELD_OVERHEAD (DK_FIELD_HEADER_BYTES + 24 + 16)

/* Seals len bytes of text; out holds len + DK_FIELD_OVERHEAD bytes. */
void dk_field_seal(unsigned char *out, const struct dk_secret *content_key, int cls,
                   const unsigned char owner[DK_GID_BYTES], const void *text, size_t len);

/* Reads a sealed field's class and owner; false when in is not a sealed field. */
bool dk_field_header(const unsigned char *in, size_t len, int *cls,
                     unsigned char owner[DK_GID_BYTES]) __attribute__((warn_unused_result));

/* Opens a sealed field into out (len - DK_FIELD_OVERHEAD bytes); false when it does not
 * authenticate. */
bool dk_field_open(unsigned char *out, const struct dk_secret *content_key, const unsigned char *in,
                   size_t len) __attribute__((warn_unused_result));

/*
 * A content key wrapped under a mission key (XChaCha20-Poly1305, nonce
 * first); `what` (owner, class, mission, generation, as the store spells
 * them) is the associated data, so a wrapping cannot be moved either.
 */
#define DK_WRAP_BYTES (24 + DK_FIELD_KEY_BYTES + 16)
void dk_key_wrap(unsigned char out[DK_WRAP_BYTES], const struct dk_secret *mission_key,
                 const struct dk_secret *content_key, const char *what);
/* *out is new guarded memory; false when in does not open under mission_key and what. */
bool dk_key_unwrap(const unsigned char *in, size_t len, const struct dk_secret *mission_key,
                   const char *what, struct dk_secret **out) __attribute__((warn_unused_result));

/* The same into the caller's (guarded) memory: the store's cache of content keys. */
bool dk_key_unwrap_into(unsigned char out[DK_FIELD_KEY_BYTES], const unsigned char *in, size_t len,
                        const struct dk_secret *mission_key, const char *what)
    __attribute__((warn_unused_result));

/* A new random key of DK_FIELD_KEY_BYTES in guarded memory. */
struct dk_secret *dk_field_key_new(void);

/*
 * Lower-case hex of BLAKE2b-256 keyed by key over domain, a NUL and data:
 * the vetting hashes of subjects' names and index numbers.
 */
void dk_keyed_hash_hex(char out[2 * DK_HASH_BYTES + 1], const struct dk_secret *key,
                       const char *domain, const void *data, size_t len);

#endif
