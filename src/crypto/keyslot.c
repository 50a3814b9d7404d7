/* Key slots (security.md 2): the data key sealed per account (Argon2id, XChaCha20-Poly1305). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "keyring_internal.h"

_Static_assert(KR_LOOKUP_SALT_BYTES >= crypto_generichash_KEYBYTES_MIN &&
                   KR_LOOKUP_SALT_BYTES <= crypto_generichash_KEYBYTES_MAX,
               "the lookup salt keys BLAKE2b");

/* Domain labels: a slot id or additional data from this format can mean nothing else. */
static const char id_domain[] = "docket keyring slot id v1";
static const char ad_domain[] = "docket keyring slot v1";

#define KR_AD_BYTES (sizeof(ad_domain) + KR_ID_BYTES + 8 + 8 + KR_SALT_BYTES)

/* Indexed by enum dk_kdf (crypto.c holds the names). */
static const struct {
	unsigned long long opslimit;
	size_t memlimit;
} kdf_costs[] = {
    [DK_KDF_INTERACTIVE] = {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE},
    [DK_KDF_MODERATE] = {crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
                         crypto_pwhash_argon2id_MEMLIMIT_MODERATE},
    [DK_KDF_SENSITIVE] = {crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE,
                          crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE},
};

/* The slot id of name: keyed by the file's lookup salt so ids do not match across files. */
static void
slot_id(unsigned char id[KR_ID_BYTES], const struct dk_keyring *kr, const char *name)
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, kr->lookup_salt, sizeof(kr->lookup_salt), KR_ID_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)id_domain, sizeof(id_domain));
	crypto_generichash_update(&st, (const unsigned char *)name, strlen(name));
	crypto_generichash_final(&st, id, KR_ID_BYTES);
	sodium_memzero(&st, sizeof(st));
}

static struct slot *
slot_find(const struct dk_keyring *kr, const unsigned char id[KR_ID_BYTES])
{
	size_t i;

	for (i = 0; i < kr->nslots; i++)
		if (memcmp(kr->slots[i].id, id, KR_ID_BYTES) == 0)
			return &kr->slots[i];
	return NULL;
}

static void
put_le64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Binds the sealed key to its slot and costs: moving or weakening them breaks the tag. */
static void
slot_ad(unsigned char ad[KR_AD_BYTES], const struct slot *s)
{
	unsigned char *p = ad;

	memcpy(p, ad_domain, sizeof(ad_domain));
	p += sizeof(ad_domain);
	memcpy(p, s->id, KR_ID_BYTES);
	p += KR_ID_BYTES;
	put_le64(p, s->opslimit);
	p += 8;
	put_le64(p, s->memlimit);
	p += 8;
	memcpy(p, s->salt, KR_SALT_BYTES);
}

/* The Argon2id wrapping key for slot s, straight into guarded memory. */
static enum dk_rc
slot_derive(struct dk_secret **out, const struct slot *s, const struct dk_secret *passphrase,
            struct dk_err *err)
{
	struct dk_secret *k = dk_secret_new(KR_WRAP_KEY_BYTES);

	*out = NULL;
	if (crypto_pwhash(k->bytes, KR_WRAP_KEY_BYTES, (const char *)passphrase->bytes,
	                  passphrase->len, s->salt, s->opslimit, s->memlimit,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		dk_secret_free(&k);
		/* Argon2 fails only when it cannot get its memory. */
		return dk_err_set(err, DK_IO,
		                  _("cannot derive the key from the passphrase: not enough memory "
		                    "(%zu MiB needed)"),
		                  s->memlimit >> 20);
	}
	k->len = KR_WRAP_KEY_BYTES;
	*out = k;
	return DK_OK;
}

struct dk_keyring *
dk_keyring_new(void)
{
	struct dk_keyring *kr = dk_xcalloc(1, sizeof(*kr));

	randombytes_buf(kr->lookup_salt, sizeof(kr->lookup_salt));
	return kr;
}

void
dk_keyring_free(struct dk_keyring **kr)
{
	if (kr == NULL || *kr == NULL)
		return;
	dk_xfree_wiped_n((*kr)->slots, (*kr)->cap * sizeof(*(*kr)->slots));
	dk_xfree_wiped_n(*kr, sizeof(**kr));
	*kr = NULL;
}

void
dk_keyring_slot_append(struct dk_keyring *kr, const struct slot *s)
{
	struct slot *p;
	size_t cap;

	if (kr->nslots == kr->cap) {
		cap = kr->cap ? kr->cap * 2 : 4;
		p = dk_xcalloc(cap, sizeof(*p));
		if (kr->nslots > 0)
			memcpy(p, kr->slots, kr->nslots * sizeof(*p));
		dk_xfree_wiped_n(kr->slots, kr->cap * sizeof(*p));
		kr->slots = p;
		kr->cap = cap;
	}
	kr->slots[kr->nslots++] = *s;
}

enum dk_rc
dk_keyring_set(struct dk_keyring *kr, const char *name, const struct dk_secret *passphrase,
               enum dk_kdf kdf, const struct dk_secret *data_key, struct dk_err *err)
{
	struct dk_secret *wrap = NULL;
	struct slot s, *old;
	unsigned char ad[KR_AD_BYTES];
	unsigned long long sealed_len;
	enum dk_rc rc;

	if (name == NULL || name[0] == '\0')
		return dk_err_set(err, DK_INVALID, _("a key slot needs an account name"));
	if (passphrase == NULL)
		return dk_err_set(err, DK_INVALID, _("a key slot needs a passphrase"));
	if (data_key == NULL || data_key->len != DK_DATA_KEY_BYTES)
		return dk_err_set(err, DK_INVALID, _("the data key must be %d bytes"),
		                  DK_DATA_KEY_BYTES);
	if ((unsigned)kdf >= sizeof(kdf_costs) / sizeof(kdf_costs[0]))
		return dk_err_set(err, DK_INVALID, _("unknown key derivation profile"));

	memset(&s, 0, sizeof(s));
	slot_id(s.id, kr, name);
	old = slot_find(kr, s.id);
	if (old == NULL && kr->nslots >= KR_MAX_SLOTS)
		return dk_err_set(err, DK_INVALID, _("too many key slots (at most %d)"),
		                  KR_MAX_SLOTS);
	s.opslimit = kdf_costs[kdf].opslimit;
	s.memlimit = kdf_costs[kdf].memlimit;
	/* Fresh salt and nonce on every set: a new passphrase shares nothing with the old slot. */
	randombytes_buf(s.salt, sizeof(s.salt));
	randombytes_buf(s.nonce, sizeof(s.nonce));

	rc = slot_derive(&wrap, &s, passphrase, err);
	if (rc != DK_OK)
		goto out;
	slot_ad(ad, &s);
	crypto_aead_xchacha20poly1305_ietf_encrypt(s.sealed, &sealed_len, data_key->bytes,
	                                           DK_DATA_KEY_BYTES, ad, sizeof(ad), NULL, s.nonce,
	                                           wrap->bytes);
	if (old != NULL)
		*old = s;
	else
		dk_keyring_slot_append(kr, &s);
	rc = DK_OK;
out:
	dk_secret_free(&wrap);
	return rc;
}

enum dk_rc
dk_keyring_unlock(const struct dk_keyring *kr, const char *name, const struct dk_secret *passphrase,
                  struct dk_secret **data_key, struct dk_err *err)
{
	struct dk_secret *wrap = NULL, *key = NULL;
	struct slot decoy;
	const struct slot *s;
	unsigned char id[KR_ID_BYTES];
	unsigned char ad[KR_AD_BYTES];
	enum dk_rc rc;

	*data_key = NULL;
	if (name == NULL || passphrase == NULL)
		return dk_err_set(err, DK_INVALID,
		                  _("unlocking needs an account name and a passphrase"));

	slot_id(id, kr, name);
	s = slot_find(kr, id);
	if (s == NULL) {
		/*
		 * An unknown name goes through the same Argon2id derivation (with
		 * the costs an existing slot has, so the time matches) and the same
		 * AEAD check as a wrong passphrase: neither timing nor the message
		 * tells an attacker which accounts exist.
		 */
		memset(&decoy, 0, sizeof(decoy));
		memcpy(decoy.id, id, KR_ID_BYTES);
		decoy.opslimit = kr->nslots > 0 ? kr->slots[0].opslimit : KR_OPS_MIN;
		decoy.memlimit = kr->nslots > 0 ? kr->slots[0].memlimit : KR_MEM_MIN;
		randombytes_buf(decoy.salt, sizeof(decoy.salt));
		randombytes_buf(decoy.nonce, sizeof(decoy.nonce));
		randombytes_buf(decoy.sealed, sizeof(decoy.sealed));
		s = &decoy;
	}

	rc = slot_derive(&wrap, s, passphrase, err);
	if (rc != DK_OK)
		goto out;
	key = dk_secret_new(DK_DATA_KEY_BYTES);
	slot_ad(ad, s);
	/* The decoy is refused whatever the (astronomically unlikely) AEAD outcome. */
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(key->bytes, NULL, NULL, s->sealed,
	                                               sizeof(s->sealed), ad, sizeof(ad), s->nonce,
	                                               wrap->bytes) != 0 ||
	    s == &decoy) {
		rc = dk_err_set(err, DK_AUTH, "%s", _("wrong passphrase or unknown user"));
		goto out;
	}
	key->len = DK_DATA_KEY_BYTES;
	*data_key = key;
	key = NULL;
	rc = DK_OK;
out:
	dk_secret_free(&key);
	dk_secret_free(&wrap);
	return rc;
}

bool
dk_keyring_remove(struct dk_keyring *kr, const char *name)
{
	unsigned char id[KR_ID_BYTES];
	struct slot *s;
	size_t i;

	if (name == NULL)
		return false;
	slot_id(id, kr, name);
	s = slot_find(kr, id);
	if (s == NULL)
		return false;
	i = (size_t)(s - kr->slots);
	memmove(&kr->slots[i], &kr->slots[i + 1], (kr->nslots - i - 1) * sizeof(*s));
	kr->nslots--;
	sodium_memzero(&kr->slots[kr->nslots], sizeof(*s));
	return true;
}

/* Whether slot s belongs to one of the names. */
static bool
slot_named(const struct dk_keyring *kr, const struct slot *s, const char *const *names, size_t n)
{
	unsigned char id[KR_ID_BYTES];

	for (size_t i = 0; i < n; i++) {
		slot_id(id, kr, names[i]);
		if (memcmp(id, s->id, KR_ID_BYTES) == 0)
			return true;
	}
	return false;
}

size_t
dk_keyring_orphans(const struct dk_keyring *kr, const char *const *names, size_t n,
                   void (*fn)(size_t pos, const char *id_hex, void *ctx), void *ctx)
{
	char hex[2 * 4 + 1];
	size_t orphans = 0;

	for (size_t i = 0; i < kr->nslots; i++) {
		if (slot_named(kr, &kr->slots[i], names, n))
			continue;
		orphans++;
		sodium_bin2hex(hex, sizeof(hex), kr->slots[i].id, 4);
		fn(i + 1, hex, ctx);
	}
	return orphans;
}

size_t
dk_keyring_prune(struct dk_keyring *kr, const char *const *names, size_t n)
{
	size_t kept = 0, removed;

	for (size_t i = 0; i < kr->nslots; i++)
		if (slot_named(kr, &kr->slots[i], names, n))
			kr->slots[kept++] = kr->slots[i];
	removed = kr->nslots - kept;
	sodium_memzero(&kr->slots[kept], removed * sizeof(*kr->slots));
	kr->nslots = kept;
	return removed;
}

bool
dk_keyring_has(const struct dk_keyring *kr, const char *name)
{
	unsigned char id[KR_ID_BYTES];

	if (name == NULL)
		return false;
	slot_id(id, kr, name);
	return slot_find(kr, id) != NULL;
}

size_t
dk_keyring_count(const struct dk_keyring *kr)
{
	return kr->nslots;
}

unsigned
dk_keyring_failures(const struct dk_keyring *kr)
{
	return kr->failures;
}

void
dk_keyring_set_failures(struct dk_keyring *kr, unsigned n)
{
	kr->failures = n;
}

bool
dk_keyring_audit_head(const struct dk_keyring *kr, long long *id, unsigned char hash[DK_HASH_BYTES])
{
	if (kr->audit_id == 0)
		return false;
	*id = (long long)kr->audit_id;
	memcpy(hash, kr->audit_hash, DK_HASH_BYTES);
	return true;
}

void
dk_keyring_set_audit_head(struct dk_keyring *kr, long long id,
                          const unsigned char hash[DK_HASH_BYTES])
{
	kr->audit_id = id > 0 ? (unsigned long long)id : 0;
	if (id > 0)
		memcpy(kr->audit_hash, hash, DK_HASH_BYTES);
	else
		memset(kr->audit_hash, 0, DK_HASH_BYTES);
}
