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
 * Adds (or replaces) the slot of account `name`, wrapping data_key under
 * passphrase with the given cost profile. DK_INVALID for a key of the wrong size.
 */
enum dk_rc dk_keyring_set(struct dk_keyring *kr, const char *name,
                          const struct dk_secret *passphrase, enum dk_kdf kdf,
                          const struct dk_secret *data_key, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * Unwraps the data key with name's passphrase into *data_key (new guarded
 * memory). DK_AUTH for an unknown name or a wrong passphrase: both cost the
 * same Argon2id work, so timing does not tell them apart.
 */
enum dk_rc dk_keyring_unlock(const struct dk_keyring *kr, const char *name,
                             const struct dk_secret *passphrase, struct dk_secret **data_key,
                             struct dk_err *err) __attribute__((warn_unused_result));

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
 * a database whose log was cut short is caught. false when none is recorded.
 */
bool dk_keyring_audit_head(const struct dk_keyring *kr, long long *id,
                           unsigned char hash[DK_HASH_BYTES]);
void dk_keyring_set_audit_head(struct dk_keyring *kr, long long id,
                               const unsigned char hash[DK_HASH_BYTES]);

/*
 * An office's keys (issue 13): Ed25519 signs the bundles it sends, X25519
 * receives the bundles sent to it. The secret halves live in guarded memory
 * and, at rest, only in the encrypted database.
 */
#define DK_SIGN_PK_BYTES 32
#define DK_SIGN_SK_BYTES 64
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

#endif
