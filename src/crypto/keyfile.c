/* The key slots file: the one way to write a keyring, its strict parser, reading it whole. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "keyring_internal.h"

/*
 * The sidecar is a line-oriented text file, every line ending in LF, fields
 * separated by one space, numbers in canonical decimal, hex in lower case:
 *
 *	docket-keyring 1
 *	lookup-salt <32 bytes hex>
 *	failures <unsigned>
 *	audit-head <id> <hash 32> [<signer 32> <sig 64>]   (once the audit log has an entry)
 *	slot <id 32> <opslimit> <memlimit> <salt 16> <nonce 24> <sealed 48|144>   (0..KR_MAX_SLOTS)
 *	end <number of slot lines>
 *
 * The audit head is signed (5 fields) or, in a database not yet upgraded
 * to signatures, not (3 fields). A slot's sealed field is 48 bytes (version
 * 1: the data key) or 144 (version 2: data key, root pin, secret key); its
 * length is the version, and the version is bound into the AEAD's
 * additional data. There is exactly one way to write a given keyring, so
 * anything the parser accepts is what dk_keyring_save would have written (the
 * fuzz target checks this). The end line catches a file cut at a line
 * boundary, which would otherwise silently drop slots. There is deliberately
 * no whole-file checksum: a damaged sealed key then locks out only its own
 * account.
 */
#define KR_MAGIC "docket-keyring"
#define KR_VERSION "1"
#define KR_MAX_FILE (8u << 20) /* 10,000 version-2 slot lines are about 4.6 MB */
#define KR_MAX_FIELDS 7        /* a slot line */

_Static_assert(KR_SALT_BYTES == 16, "the format stores a 16-byte Argon2id salt");
_Static_assert(KR_NONCE_BYTES == 24, "the format stores a 24-byte XChaCha20 nonce");
_Static_assert(KR_SEALED_V1_BYTES == 48, "the format stores a 48-byte version-1 sealed key");
_Static_assert(KR_SEALED_V2_BYTES == 144, "the format stores a 144-byte version-2 sealed key");
_Static_assert(DK_SIG_BYTES <= KR_SEALED_V2_BYTES, "put_hex's buffer holds a signature");

static void
put_hex(struct dk_buf *b, const unsigned char *bin, size_t n)
{
	char hex[2 * KR_SEALED_V2_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), bin, n);
	dk_buf_puts(b, hex);
}

void
dk_keyring_format(const struct dk_keyring *kr, struct dk_buf *b)
{
	const struct slot *s;
	size_t i;

	dk_buf_puts(b, KR_MAGIC " " KR_VERSION "\nlookup-salt ");
	put_hex(b, kr->lookup_salt, sizeof(kr->lookup_salt));
	dk_buf_printf(b, "\nfailures %u\n", kr->failures);
	if (kr->head.id > 0) {
		dk_buf_printf(b, "audit-head %lld ", kr->head.id);
		put_hex(b, kr->head.hash, sizeof(kr->head.hash));
		if (kr->head.is_signed) {
			dk_buf_putc(b, ' ');
			put_hex(b, kr->head.signer, sizeof(kr->head.signer));
			dk_buf_putc(b, ' ');
			put_hex(b, kr->head.sig, sizeof(kr->head.sig));
		}
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
		put_hex(b, s->sealed, kr_sealed_len(s));
		dk_buf_putc(b, '\n');
	}
	dk_buf_printf(b, "end %zu\n", kr->nslots);
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
	/* The length is the version: one spelling per slot, nothing else to say it. */
	s->version = ps->f[6].n == 2 * KR_SEALED_V2_BYTES ? 2 : 1;
	if (!parse_hex(&ps->f[6], s->sealed, kr_sealed_len(s)))
		return corrupt(ps, _("bad sealed key"));
	return DK_OK;
}

/* "audit-head <id> <hash>", and in a database upgraded to signatures "<signer> <sig>" after. */
static enum dk_rc
parse_head(struct parser *ps, struct dk_audit_head *h)
{
	uint64_t n;
	enum dk_rc rc;

	if ((rc = expect(ps, "audit-head", ps->nf == 5 ? 5 : 3)) != DK_OK)
		return rc;
	if (!parse_uint(&ps->f[1], INT64_MAX, &n) || n == 0 ||
	    !parse_hex(&ps->f[2], h->hash, sizeof(h->hash)))
		return corrupt(ps, _("bad audit head"));
	h->id = (long long)n;
	if (ps->nf == 5) {
		if (!parse_hex(&ps->f[3], h->signer, sizeof(h->signer)) ||
		    !parse_hex(&ps->f[4], h->sig, sizeof(h->sig)))
			return corrupt(ps, _("bad audit head signature"));
		h->is_signed = true;
	}
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
	dk_xfree_wiped_n(sorted, kr->nslots * sizeof(*sorted));
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
		if ((rc = parse_head(ps, &kr->head)) != DK_OK || (rc = next_line(ps)) != DK_OK)
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
		dk_keyring_slot_append(kr, &s);
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

enum dk_rc
dk_keyring_read_file(const char *path, struct dk_buf *b, struct dk_err *err)
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
dk_keyring_parse(const char *data, size_t len, const char *path, struct dk_keyring **out,
                 struct dk_err *err)
{
	struct dk_keyring *kr = dk_xcalloc(1, sizeof(*kr));
	struct parser ps;
	enum dk_rc rc;

	memset(&ps, 0, sizeof(ps));
	ps.data = data;
	ps.len = len;
	ps.path = path;
	ps.err = err;
	rc = keyring_parse(&ps, kr);
	if (rc != DK_OK)
		dk_keyring_free(&kr);
	*out = kr;
	return rc;
}

enum dk_rc
dk_keyring_load(const char *path, struct dk_keyring **out, struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	enum dk_rc rc;

	*out = NULL;
	if ((rc = dk_keyring_read_file(path, &b, err)) == DK_OK)
		rc = dk_keyring_parse(dk_buf_str(&b), b.len, path, out, err);
	dk_buf_free(&b);
	return rc;
}
