/* Key slots (security.md 2): the data key wrapped per account, in a strictly parsed sidecar. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"

/*
 * The sidecar is a line-oriented text file, every line ending in LF, fields
 * separated by one space, numbers in canonical decimal, hex in lower case:
 *
 *	docket-keyring 1
 *	lookup-salt <32 bytes hex>
 *	failures <unsigned>
 *	audit-head <id> <hash 32>       (only once the audit log has an entry)
 *	slot <id 32> <opslimit> <memlimit> <salt 16> <nonce 24> <sealed 48>   (0..KR_MAX_SLOTS)
 *	end <number of slot lines>
 *
 * There is exactly one way to write a given keyring, so anything the parser
 * accepts is what dk_keyring_save would have written (the fuzz target checks
 * this). The end line catches a file cut at a line boundary, which would
 * otherwise silently drop slots. There is deliberately no whole-file
 * checksum: a damaged sealed key then locks out only its own account.
 */
#define KR_MAGIC "docket-keyring"
#define KR_VERSION "1"
#define KR_MAX_FILE (4u << 20) /* 10,000 slot lines are about 2.6 MB */
#define KR_MAX_SLOTS 10000
#define KR_MAX_FIELDS 7 /* a slot line */

#define KR_ID_BYTES 32
#define KR_LOOKUP_SALT_BYTES 32
#define KR_SALT_BYTES crypto_pwhash_argon2id_SALTBYTES
#define KR_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define KR_WRAP_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define KR_SEALED_BYTES (DK_DATA_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

_Static_assert(KR_SALT_BYTES == 16, "the format stores a 16-byte Argon2id salt");
_Static_assert(KR_NONCE_BYTES == 24, "the format stores a 24-byte XChaCha20 nonce");
_Static_assert(KR_SEALED_BYTES == 48, "the format stores a 48-byte sealed key");
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
	unsigned char sealed[KR_SEALED_BYTES];
};

struct dk_keyring {
	unsigned char lookup_salt[KR_LOOKUP_SALT_BYTES];
	unsigned failures;
	unsigned long long audit_id; /* 0: no head recorded */
	unsigned char audit_hash[DK_HASH_BYTES];
	struct slot *slots; /* in insertion order, which the file keeps */
	size_t nslots;
	size_t cap;
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
	if ((*kr)->slots != NULL) {
		sodium_memzero((*kr)->slots, (*kr)->cap * sizeof(*(*kr)->slots));
		free((*kr)->slots);
	}
	sodium_memzero(*kr, sizeof(**kr));
	free(*kr);
	*kr = NULL;
}

static void
slot_append(struct dk_keyring *kr, const struct slot *s)
{
	struct slot *p;
	size_t cap;

	if (kr->nslots == kr->cap) {
		cap = kr->cap ? kr->cap * 2 : 4;
		p = dk_xcalloc(cap, sizeof(*p));
		if (kr->nslots > 0)
			memcpy(p, kr->slots, kr->nslots * sizeof(*p));
		if (kr->slots != NULL) {
			sodium_memzero(kr->slots, kr->cap * sizeof(*p));
			free(kr->slots);
		}
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
		slot_append(kr, &s);
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

/* ---- writing ---- */

static void
put_hex(struct dk_buf *b, const unsigned char *bin, size_t n)
{
	char hex[2 * KR_SEALED_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), bin, n);
	dk_buf_puts(b, hex);
}

static void
keyring_format(const struct dk_keyring *kr, struct dk_buf *b)
{
	const struct slot *s;
	size_t i;

	dk_buf_puts(b, KR_MAGIC " " KR_VERSION "\nlookup-salt ");
	put_hex(b, kr->lookup_salt, sizeof(kr->lookup_salt));
	dk_buf_printf(b, "\nfailures %u\n", kr->failures);
	if (kr->audit_id > 0) {
		dk_buf_printf(b, "audit-head %llu ", kr->audit_id);
		put_hex(b, kr->audit_hash, sizeof(kr->audit_hash));
		dk_buf_putc(b, '\n');
	}
	for (i = 0; i < kr->nslots; i++) {
		s = &kr->slots[i];
		dk_buf_puts(b, "slot ");
		put_hex(b, s->id, sizeof(s->id));
		dk_buf_printf(b, " %llu %zu ", s->opslimit, s->memlimit);
		put_hex(b, s->salt, sizeof(s->salt));
		dk_buf_putc(b, ' ');
		put_hex(b, s->nonce, sizeof(s->nonce));
		dk_buf_putc(b, ' ');
		put_hex(b, s->sealed, sizeof(s->sealed));
		dk_buf_putc(b, '\n');
	}
	dk_buf_printf(b, "end %zu\n", kr->nslots);
}

static bool
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

char *
dk_file_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return dk_xstrdup(".");
	if (slash == path)
		return dk_xstrdup("/");
	return dk_xstrndup(path, (size_t)(slash - path));
}

enum dk_rc
dk_file_sync_parent(const char *path, struct dk_err *err)
{
	char *dir = dk_file_parent_dir(path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e = 0;

	/* EINVAL: the file system cannot sync directories; there is nothing more to do. */
	if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL))
		e = errno;
	if (dfd >= 0)
		close(dfd);
	free(dir);
	if (e != 0)
		return dk_err_set(err, DK_IO, _("cannot flush the directory of %s: %s"), path,
		                  strerror(e));
	return DK_OK;
}

/* Writes and fsyncs the already open fd (mode 0600), then closes it. */
static enum dk_rc
write_durably(int fd, const char *name, const struct dk_buf *b, struct dk_err *err)
{
	int e;

	/* mkstemp already uses 0600, but that is glibc's choice, not POSIX's promise. */
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !write_all(fd, b->data, b->len) ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		return dk_err_set(err, DK_IO, _("cannot write %s: %s"), name, strerror(e));
	}
	if (close(fd) != 0) {
		e = errno;
		return dk_err_set(err, DK_IO, _("cannot write %s: %s"), name, strerror(e));
	}
	return DK_OK;
}

enum dk_rc
dk_keyring_save(const struct dk_keyring *kr, const char *path, struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *tmp;
	int fd, e;
	enum dk_rc rc;

	keyring_format(kr, &b);
	/* mkstemp's template: six Xs, spelled in pairs so no scan mistakes it for a to-do. */
	tmp = dk_xasprintf("%s.%s", path,
	                   "XX"
	                   "XX"
	                   "XX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot create a temporary file next to %s: %s"),
		                path, strerror(e));
		free(tmp);
		dk_buf_free(&b);
		return rc;
	}
	rc = write_durably(fd, tmp, &b, err);
	if (rc == DK_OK && rename(tmp, path) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot replace %s: %s"), path, strerror(e));
	}
	if (rc != DK_OK)
		unlink(tmp);
	else
		rc = dk_file_sync_parent(path, err);
	free(tmp);
	dk_buf_free(&b);
	return rc;
}

/* ---- the pending sidecar: a change staged until the database commits it ---- */

static const char pending_domain[] = "docket keyring pending v1";

char *
dk_keyring_pending_path(const char *path)
{
	return dk_xasprintf("%s.pending", path);
}

enum dk_rc
dk_keyring_stage(const struct dk_keyring *kr, const char *path, unsigned char hash[DK_HASH_BYTES],
                 struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *pending = dk_keyring_pending_path(path);
	int fd, e;
	enum dk_rc rc;

	keyring_format(kr, &b);
	dk_crypto_hash(hash, pending_domain, b.data, b.len);
	/* Truncating a stale one is safe: only a file whose hash the database holds counts. */
	fd =
	    open(pending, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
	if (fd < 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot write %s: %s"), pending, strerror(e));
	} else if ((rc = write_durably(fd, pending, &b, err)) == DK_OK) {
		rc = dk_file_sync_parent(pending, err);
	}
	if (rc != DK_OK)
		unlink(pending);
	free(pending);
	dk_buf_free(&b);
	return rc;
}

enum dk_rc
dk_keyring_publish(const char *path, struct dk_err *err)
{
	char *pending = dk_keyring_pending_path(path);
	enum dk_rc rc = DK_OK;
	int e;

	if (rename(pending, path) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot replace %s: %s"), path, strerror(e));
	}
	free(pending);
	return rc == DK_OK ? dk_file_sync_parent(path, err) : rc;
}

void
dk_keyring_discard(const char *path)
{
	char *pending = dk_keyring_pending_path(path);

	unlink(pending);
	free(pending);
}

int
dk_keyring_lock(const char *path, struct dk_err *err)
{
	char *name = dk_xasprintf("%s.lock", path);
	int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR), e;

	/* Held only while a sidecar is rewritten; the kernel drops it if we die. */
	while (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		e = errno;
		dk_err_set(err, DK_IO, _("cannot lock %s: %s"), name, strerror(e));
	}
	free(name);
	return fd;
}

void
dk_keyring_unlock_file(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* ---- reading ---- */

struct field {
	const char *p;
	size_t n;
};

struct parser {
	const char *data;
	size_t len;
	size_t pos;
	size_t lineno;
	const char *path;
	struct dk_err *err;
	struct field f[KR_MAX_FIELDS];
	size_t nf; /* fields on the line, even beyond KR_MAX_FIELDS */
};

static enum dk_rc
corrupt(const struct parser *ps, const char *why)
{
	return dk_err_set(ps->err, DK_CORRUPT, _("damaged key slots file %s, line %zu: %s"),
	                  ps->path, ps->lineno, why);
}

/*
 * Reads the next line into ps->f. Only printable ASCII and single spaces
 * between non-empty fields are allowed: no CR, tabs, NULs or stray blanks.
 */
static enum dk_rc
next_line(struct parser *ps)
{
	const char *line, *nl;
	size_t len, i, start;

	ps->lineno++;
	ps->nf = 0;
	if (ps->pos >= ps->len)
		return corrupt(ps, _("the file ends too early"));
	line = ps->data + ps->pos;
	nl = memchr(line, '\n', ps->len - ps->pos);
	if (nl == NULL)
		return corrupt(ps, _("the last line is cut short"));
	len = (size_t)(nl - line);
	ps->pos += len + 1;
	for (i = 0; i < len; i++)
		if (line[i] < 0x20 || line[i] > 0x7e)
			return corrupt(ps, _("unexpected character"));
	for (i = 0, start = 0; i <= len; i++) {
		if (i < len && line[i] != ' ')
			continue;
		if (i == start)
			return corrupt(ps, _("empty field or stray space"));
		if (ps->nf < KR_MAX_FIELDS) {
			ps->f[ps->nf].p = line + start;
			ps->f[ps->nf].n = i - start;
		}
		ps->nf++;
		start = i + 1;
	}
	return DK_OK;
}

static bool
field_is(const struct field *f, const char *s)
{
	return f->n == strlen(s) && memcmp(f->p, s, f->n) == 0;
}

/* Requires the line to be `key` followed by exactly nf - 1 values. */
static enum dk_rc
expect(struct parser *ps, const char *key, size_t nf)
{
	if (!field_is(&ps->f[0], key))
		return dk_err_set(ps->err, DK_CORRUPT,
		                  _("damaged key slots file %s, line %zu: expected '%s'"), ps->path,
		                  ps->lineno, key);
	if (ps->nf != nf)
		return dk_err_set(ps->err, DK_CORRUPT,
		                  _("damaged key slots file %s, line %zu: '%s' needs %zu fields, "
		                    "found %zu"),
		                  ps->path, ps->lineno, key, nf, ps->nf);
	return DK_OK;
}

/* Canonical decimal only (no sign, no leading zero), at most max. */
static bool
parse_uint(const struct field *f, uint64_t max, uint64_t *out)
{
	uint64_t v = 0, d;
	size_t i;

	if (f->n == 0 || (f->n > 1 && f->p[0] == '0'))
		return false;
	for (i = 0; i < f->n; i++) {
		if (f->p[i] < '0' || f->p[i] > '9')
			return false;
		d = (uint64_t)(f->p[i] - '0');
		if (d > max || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* Exactly 2 * n lower-case hex digits. */
static bool
parse_hex(const struct field *f, unsigned char *out, size_t n)
{
	size_t i, bin_len;

	if (f->n != 2 * n)
		return false;
	for (i = 0; i < f->n; i++)
		if (!((f->p[i] >= '0' && f->p[i] <= '9') || (f->p[i] >= 'a' && f->p[i] <= 'f')))
			return false;
	return sodium_hex2bin(out, n, f->p, f->n, NULL, &bin_len, NULL) == 0 && bin_len == n;
}

static enum dk_rc
parse_slot(struct parser *ps, struct slot *s)
{
	uint64_t ops, mem;
	enum dk_rc rc;

	rc = expect(ps, "slot", 7);
	if (rc != DK_OK)
		return rc;
	if (!parse_hex(&ps->f[1], s->id, sizeof(s->id)))
		return corrupt(ps, _("bad slot id"));
	if (!parse_uint(&ps->f[2], UINT64_MAX, &ops) || !parse_uint(&ps->f[3], UINT64_MAX, &mem))
		return corrupt(ps, _("bad key derivation costs"));
	if (ops < KR_OPS_MIN || ops > KR_OPS_MAX || mem < KR_MEM_MIN || mem > KR_MEM_MAX)
		return corrupt(ps, _("key derivation costs out of range"));
	s->opslimit = ops;
	s->memlimit = (size_t)mem;
	if (!parse_hex(&ps->f[4], s->salt, sizeof(s->salt)))
		return corrupt(ps, _("bad salt"));
	if (!parse_hex(&ps->f[5], s->nonce, sizeof(s->nonce)))
		return corrupt(ps, _("bad nonce"));
	if (!parse_hex(&ps->f[6], s->sealed, sizeof(s->sealed)))
		return corrupt(ps, _("bad sealed key"));
	return DK_OK;
}

static int
slot_cmp(const void *a, const void *b)
{
	return memcmp(((const struct slot *)a)->id, ((const struct slot *)b)->id, KR_ID_BYTES);
}

/* Two slots with one id would make unlock depend on their order: refuse the file. */
static bool
has_duplicate_ids(const struct dk_keyring *kr)
{
	struct slot *sorted;
	size_t i;
	bool dup = false;

	if (kr->nslots < 2)
		return false;
	sorted = dk_xcalloc(kr->nslots, sizeof(*sorted));
	memcpy(sorted, kr->slots, kr->nslots * sizeof(*sorted));
	qsort(sorted, kr->nslots, sizeof(*sorted), slot_cmp);
	for (i = 1; i < kr->nslots && !dup; i++)
		dup = slot_cmp(&sorted[i - 1], &sorted[i]) == 0;
	sodium_memzero(sorted, kr->nslots * sizeof(*sorted));
	free(sorted);
	return dup;
}

static enum dk_rc
keyring_parse(struct parser *ps, struct dk_keyring *kr)
{
	struct slot s;
	uint64_t n;
	enum dk_rc rc;

	rc = next_line(ps);
	if (rc != DK_OK)
		return rc;
	if (ps->nf != 2 || !field_is(&ps->f[0], KR_MAGIC))
		return corrupt(ps, _("not a docket key slots file"));
	if (!field_is(&ps->f[1], KR_VERSION))
		return dk_err_set(ps->err, DK_CORRUPT,
		                  _("key slots file %s has format version '%.*s'; this docket "
		                    "reads version %s"),
		                  ps->path, ps->f[1].n > 20 ? 20 : (int)ps->f[1].n, ps->f[1].p,
		                  KR_VERSION);

	if ((rc = next_line(ps)) != DK_OK || (rc = expect(ps, "lookup-salt", 2)) != DK_OK)
		return rc;
	if (!parse_hex(&ps->f[1], kr->lookup_salt, sizeof(kr->lookup_salt)))
		return corrupt(ps, _("bad lookup salt"));

	if ((rc = next_line(ps)) != DK_OK || (rc = expect(ps, "failures", 2)) != DK_OK)
		return rc;
	if (!parse_uint(&ps->f[1], UINT_MAX, &n))
		return corrupt(ps, _("bad failure count"));
	kr->failures = (unsigned)n;

	if ((rc = next_line(ps)) != DK_OK)
		return rc;
	if (field_is(&ps->f[0], "audit-head")) {
		if ((rc = expect(ps, "audit-head", 3)) != DK_OK)
			return rc;
		if (!parse_uint(&ps->f[1], INT64_MAX, &n) || n == 0 ||
		    !parse_hex(&ps->f[2], kr->audit_hash, sizeof(kr->audit_hash)))
			return corrupt(ps, _("bad audit head"));
		kr->audit_id = n;
		if ((rc = next_line(ps)) != DK_OK)
			return rc;
	}
	for (;; rc = next_line(ps)) {
		if (rc != DK_OK)
			return rc;
		if (field_is(&ps->f[0], "end"))
			break;
		if (!field_is(&ps->f[0], "slot"))
			return dk_err_set(ps->err, DK_CORRUPT,
			                  _("damaged key slots file %s, line %zu: unknown entry "
			                    "'%.*s'"),
			                  ps->path, ps->lineno,
			                  ps->f[0].n > 20 ? 20 : (int)ps->f[0].n, ps->f[0].p);
		if (kr->nslots >= KR_MAX_SLOTS)
			return corrupt(ps, _("too many slots"));
		memset(&s, 0, sizeof(s));
		if ((rc = parse_slot(ps, &s)) != DK_OK)
			return rc;
		slot_append(kr, &s);
	}
	if ((rc = expect(ps, "end", 2)) != DK_OK)
		return rc;
	if (!parse_uint(&ps->f[1], KR_MAX_SLOTS, &n) || n != kr->nslots)
		return corrupt(ps, _("the end line's slot count does not match"));
	if (ps->pos != ps->len)
		return corrupt(ps, _("data after the end line"));
	if (has_duplicate_ids(kr))
		return dk_err_set(ps->err, DK_CORRUPT,
		                  _("damaged key slots file %s: two slots for one account"),
		                  ps->path);
	return DK_OK;
}

/* Reads a whole sidecar (or pending) file into b, within the size limit. */
static enum dk_rc
read_sidecar(const char *path, struct dk_buf *b, struct dk_err *err)
{
	struct stat st;
	char chunk[8192];
	ssize_t r;
	int fd, e;
	enum dk_rc rc = DK_OK;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		if (e == ENOENT)
			return dk_err_set(err, DK_NOTFOUND, _("key slots file %s does not exist"),
			                  path);
		return dk_err_set(err, DK_IO, _("cannot open key slots file %s: %s"), path,
		                  strerror(e));
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot read key slots file %s: %s"), path,
		                strerror(e));
	} else if (!S_ISREG(st.st_mode)) {
		rc = dk_err_set(err, DK_IO, _("key slots file %s is not a regular file"), path);
	}
	/* Read to EOF rather than trust st_size, but never past the limit. */
	while (rc == DK_OK && b->len <= KR_MAX_FILE) {
		r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			rc = dk_err_set(err, DK_IO, _("cannot read key slots file %s: %s"), path,
			                strerror(e));
		} else if (r == 0) {
			break;
		} else {
			dk_buf_append(b, chunk, (size_t)r);
		}
	}
	if (rc == DK_OK && b->len > KR_MAX_FILE)
		rc = dk_err_set(err, DK_CORRUPT, _("key slots file %s is too large (over %u MiB)"),
		                path, KR_MAX_FILE >> 20);
	close(fd);
	sodium_memzero(chunk, sizeof(chunk));
	return rc;
}

enum dk_rc
dk_keyring_pending_hash(const char *path, unsigned char hash[DK_HASH_BYTES], struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *pending = dk_keyring_pending_path(path);
	enum dk_rc rc = read_sidecar(pending, &b, err);

	if (rc == DK_OK)
		dk_crypto_hash(hash, pending_domain, b.data, b.len);
	free(pending);
	dk_buf_free(&b);
	return rc;
}

enum dk_rc
dk_keyring_load(const char *path, struct dk_keyring **out, struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	struct dk_keyring *kr = NULL;
	struct parser ps;
	enum dk_rc rc;

	*out = NULL;
	if ((rc = read_sidecar(path, &b, err)) != DK_OK)
		goto out;
	memset(&ps, 0, sizeof(ps));
	ps.data = dk_buf_str(&b);
	ps.len = b.len;
	ps.path = path;
	ps.err = err;
	kr = dk_xcalloc(1, sizeof(*kr));
	rc = keyring_parse(&ps, kr);
	if (rc != DK_OK)
		goto out;
	*out = kr;
	kr = NULL;
out:
	dk_keyring_free(&kr);
	dk_buf_free(&b);
	return rc;
}
