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

/*
 * Domain labels: a slot id or additional data from this format can mean
 * nothing else, and the version is bound: a version-1 slot's sealed bytes
 * relabelled as version 2 (or the reverse) fail authentication.
 */
static const char id_domain[] = "docket keyring slot id v1";
static const char ad_domain_v1[] = "docket keyring slot v1";
static const char ad_domain_v2[] = "docket keyring slot v2";

_Static_assert(sizeof(ad_domain_v1) == sizeof(ad_domain_v2), "one additional data length");
#define KR_AD_BYTES (sizeof(ad_domain_v1) + KR_ID_BYTES + 8 + 8 + KR_SALT_BYTES)

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

	memcpy(p, s->version == 2 ? ad_domain_v2 : ad_domain_v1, sizeof(ad_domain_v1));
	p += sizeof(ad_domain_v1);
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

/* What slot s seals: the data key, then for version 2 the root pin and the secret key. */
static struct dk_secret *
slot_plain(const struct dk_secret *data_key, const struct dk_slot_keys *keys)
{
	struct dk_secret *p = dk_secret_new(KR_PLAIN_V2_BYTES);

	memcpy(p->bytes, data_key->bytes, DK_DATA_KEY_BYTES);
	p->len = DK_DATA_KEY_BYTES;
	if (keys != NULL) {
		memcpy(p->bytes + p->len, keys->root_pk, DK_SIGN_PK_BYTES);
		p->len += DK_SIGN_PK_BYTES;
		memcpy(p->bytes + p->len, keys->sign_sk->bytes, DK_SIGN_SK_BYTES);
		p->len += DK_SIGN_SK_BYTES;
	}
	return p;
}

static enum dk_rc
set_check(const struct dk_secret *passphrase, enum dk_kdf kdf, const struct dk_secret *data_key,
          const struct dk_slot_keys *keys, struct dk_err *err)
{
	if (passphrase == NULL)
		return dk_err_set(err, DK_INVALID, _("a key slot needs a passphrase"));
	if (data_key == NULL || data_key->len != DK_DATA_KEY_BYTES)
		return dk_err_set(err, DK_INVALID, _("the data key must be %d bytes"),
		                  DK_DATA_KEY_BYTES);
	if (keys != NULL && (keys->sign_sk == NULL || keys->sign_sk->len != DK_SIGN_SK_BYTES))
		return dk_err_set(err, DK_INVALID, _("the signing key must be %d bytes"),
		                  DK_SIGN_SK_BYTES);
	if ((unsigned)kdf >= sizeof(kdf_costs) / sizeof(kdf_costs[0]))
		return dk_err_set(err, DK_INVALID, _("unknown key derivation profile"));
	return DK_OK;
}

enum dk_rc
dk_keyring_set(struct dk_keyring *kr, const char *name, const struct dk_secret *passphrase,
               enum dk_kdf kdf, const struct dk_secret *data_key, const struct dk_slot_keys *keys,
               struct dk_err *err)
{
	struct dk_secret *wrap = NULL, *plain = NULL;
	struct slot s, *old;
	unsigned char ad[KR_AD_BYTES];
	unsigned long long sealed_len;
	enum dk_rc rc;

	if (name == NULL || name[0] == '\0')
		return dk_err_set(err, DK_INVALID, _("a key slot needs an account name"));
	if ((rc = set_check(passphrase, kdf, data_key, keys, err)) != DK_OK)
		return rc;

	memset(&s, 0, sizeof(s));
	slot_id(s.id, kr, name);
	old = slot_find(kr, s.id);
	if (old == NULL && kr->nslots >= KR_MAX_SLOTS)
		return dk_err_set(err, DK_INVALID, _("too many key slots (at most %d)"),
		                  KR_MAX_SLOTS);
	s.version = keys != NULL ? 2 : 1;
	s.opslimit = kdf_costs[kdf].opslimit;
	s.memlimit = kdf_costs[kdf].memlimit;
	/* Fresh salt and nonce on every set: a new passphrase shares nothing with the old slot. */
	randombytes_buf(s.salt, sizeof(s.salt));
	randombytes_buf(s.nonce, sizeof(s.nonce));

	rc = slot_derive(&wrap, &s, passphrase, err);
	if (rc != DK_OK)
		goto out;
	slot_ad(ad, &s);
	plain = slot_plain(data_key, keys);
	crypto_aead_xchacha20poly1305_ietf_encrypt(s.sealed, &sealed_len, plain->bytes, plain->len,
	                                           ad, sizeof(ad), NULL, s.nonce, wrap->bytes);
	if (old != NULL)
		*old = s;
	else
		dk_keyring_slot_append(kr, &s);
	rc = DK_OK;
out:
	sodium_memzero(&s, sizeof(s));
	dk_secret_free(&plain);
	dk_secret_free(&wrap);
	return rc;
}

/*
 * An unknown name goes through the same Argon2id derivation (with the costs
 * and version an existing slot has, so the time matches) and the same AEAD
 * check as a wrong passphrase: neither timing nor the message tells an
 * attacker which accounts exist.
 */
static void
slot_decoy(struct slot *decoy, const struct dk_keyring *kr, const unsigned char id[KR_ID_BYTES])
{
	memset(decoy, 0, sizeof(*decoy));
	memcpy(decoy->id, id, KR_ID_BYTES);
	decoy->version = kr->nslots > 0 ? kr->slots[0].version : 1;
	decoy->opslimit = kr->nslots > 0 ? kr->slots[0].opslimit : KR_OPS_MIN;
	decoy->memlimit = kr->nslots > 0 ? kr->slots[0].memlimit : KR_MEM_MIN;
	randombytes_buf(decoy->salt, sizeof(decoy->salt));
	randombytes_buf(decoy->nonce, sizeof(decoy->nonce));
	randombytes_buf(decoy->sealed, sizeof(decoy->sealed));
}

/*
 * Hands out what an opened slot sealed: the data key, and (keys not NULL)
 * the root pin and secret key of a version-2 slot. Its secret key must be
 * whole (its public tail the seed's): the slot is authenticated, so only a
 * holder of the passphrase could have sealed a bad one, but signatures made
 * with it would never verify.
 */
static enum dk_rc
slot_hand_out(const struct slot *s, const struct dk_secret *plain, struct dk_secret **data_key,
              struct dk_slot_keys *keys, struct dk_err *err)
{
	const unsigned char *root = plain->bytes + DK_DATA_KEY_BYTES;
	const unsigned char *sk = root + DK_SIGN_PK_BYTES;
	unsigned char pk[DK_SIGN_PK_BYTES];
	struct dk_secret *scratch;
	bool whole;

	if (s->version == 2 && keys != NULL) {
		scratch = dk_secret_new(DK_SIGN_SK_BYTES);
		whole = crypto_sign_seed_keypair(pk, scratch->bytes, sk) == 0 &&
		        memcmp(pk, sk + crypto_sign_SEEDBYTES, sizeof(pk)) == 0;
		dk_secret_free(&scratch);
		if (!whole)
			return dk_err_set(err, DK_CORRUPT, "%s",
			                  _("the key slot holds a damaged signing key"));
		memcpy(keys->root_pk, root, DK_SIGN_PK_BYTES);
		keys->sign_sk = dk_secret_from(sk, DK_SIGN_SK_BYTES);
	}
	*data_key = dk_secret_from(plain->bytes, DK_DATA_KEY_BYTES);
	return DK_OK;
}

enum dk_rc
dk_keyring_unlock(const struct dk_keyring *kr, const char *name, const struct dk_secret *passphrase,
                  struct dk_secret **data_key, struct dk_slot_keys *keys, struct dk_err *err)
{
	struct dk_secret *wrap = NULL, *plain = NULL;
	struct slot decoy;
	const struct slot *s;
	unsigned char id[KR_ID_BYTES];
	unsigned char ad[KR_AD_BYTES];
	size_t sealed_len;
	enum dk_rc rc;

	*data_key = NULL;
	if (keys != NULL)
		memset(keys, 0, sizeof(*keys));
	if (name == NULL || passphrase == NULL)
		return dk_err_set(err, DK_INVALID,
		                  _("unlocking needs an account name and a passphrase"));

	slot_id(id, kr, name);
	s = slot_find(kr, id);
	if (s == NULL) {
		slot_decoy(&decoy, kr, id);
		s = &decoy;
	}

	rc = slot_derive(&wrap, s, passphrase, err);
	if (rc != DK_OK)
		goto out;
	sealed_len = kr_sealed_len(s);
	plain = dk_secret_new(KR_PLAIN_V2_BYTES);
	slot_ad(ad, s);
	/* The decoy is refused whatever the (astronomically unlikely) AEAD outcome. */
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain->bytes, NULL, NULL, s->sealed,
	                                               sealed_len, ad, sizeof(ad), s->nonce,
	                                               wrap->bytes) != 0 ||
	    s == &decoy) {
		rc = dk_err_set(err, DK_AUTH, "%s", _("wrong passphrase or unknown user"));
		goto out;
	}
	plain->len = sealed_len - crypto_aead_xchacha20poly1305_ietf_ABYTES;
	rc = slot_hand_out(s, plain, data_key, keys, err);
out:
	dk_secret_free(&plain);
	dk_secret_free(&wrap);
	return rc;
}

void
dk_slot_keys_clear(struct dk_slot_keys *k)
{
	if (k == NULL)
		return;
	dk_secret_free(&k->sign_sk);
	sodium_memzero(k, sizeof(*k));
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
dk_keyring_audit_head(const struct dk_keyring *kr, struct dk_audit_head *out)
{
	if (kr->head.id <= 0) {
		memset(out, 0, sizeof(*out));
		return false;
	}
	*out = kr->head;
	return true;
}

void
dk_keyring_set_audit_head(struct dk_keyring *kr, const struct dk_audit_head *h)
{
	if (h == NULL || h->id <= 0) {
		memset(&kr->head, 0, sizeof(kr->head));
		return;
	}
	kr->head = *h;
	if (!h->is_signed) {
		/* The unsigned form carries no signer: nothing stale rides along. */
		memset(kr->head.signer, 0, sizeof(kr->head.signer));
		memset(kr->head.sig, 0, sizeof(kr->head.sig));
	}
}

/* "docket-audit-head-v1" signs the id (8 bytes, little-endian) then the hash. */
static const char head_domain[] = "docket-audit-head-v1";

static void
head_message(unsigned char msg[8 + DK_HASH_BYTES], const struct dk_audit_head *h)
{
	put_le64(msg, (uint64_t)h->id);
	memcpy(msg + 8, h->hash, DK_HASH_BYTES);
}

void
dk_audit_head_sign(struct dk_audit_head *h, const struct dk_secret *sign_sk)
{
	unsigned char msg[8 + DK_HASH_BYTES];

	head_message(msg, h);
	dk_sign_public(h->signer, sign_sk);
	dk_sign(h->sig, sign_sk, head_domain, msg, sizeof(msg));
	h->is_signed = true;
}

bool
dk_audit_head_verify(const struct dk_audit_head *h)
{
	unsigned char msg[8 + DK_HASH_BYTES];

	if (!h->is_signed || h->id <= 0)
		return false;
	head_message(msg, h);
	return dk_sign_verify(h->sig, h->signer, head_domain, msg, sizeof(msg));
}

/* The profile whose costs slot s has (a slot from another build: moderate). */
static enum dk_kdf
slot_kdf(const struct slot *s)
{
	for (size_t i = 0; i < sizeof(kdf_costs) / sizeof(kdf_costs[0]); i++)
		if (kdf_costs[i].opslimit == s->opslimit && kdf_costs[i].memlimit == s->memlimit)
			return (enum dk_kdf)i;
	return DK_KDF_MODERATE;
}

enum dk_rc
dk_keyring_reseal(struct dk_keyring *kr, const char *name, const struct dk_secret *passphrase,
                  const struct dk_secret *data_key, const struct dk_slot_keys *keys,
                  struct dk_err *err)
{
	unsigned char id[KR_ID_BYTES];
	const struct slot *s;

	slot_id(id, kr, name);
	s = slot_find(kr, id);
	if (s == NULL)
		return dk_err_set(err, DK_NOTFOUND, _("no key slot to seal again"));
	return dk_keyring_set(kr, name, passphrase, slot_kdf(s), data_key, keys, err);
}
