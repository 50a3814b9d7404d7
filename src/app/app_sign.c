/*
 * Signatures against insiders (HACKING.md "Insiders: the threat model"):
 * account records and key bindings signed by the office's authority, each
 * audit entry by its account, the sidecar's head by its entry's signer.
 * Anyone with a passphrase can rewrite rows; only these keys make it show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define ACCOUNT_DOMAIN "docket-account-v1"
#define KEY_DOMAIN "docket-account-key-v1"

/* What the authority signs of an account: every field that grants something. */
static void
account_message(const struct dk_account *a, struct dk_buf *b)
{
	const char *fields[] = {a->name, a->role, a->missions, a->removed ? a->removed_at : ""};

	dk_buf_append(b, (const char *)a->gid, DK_GID_LEN);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		dk_buf_printf(b, "%c%zu:%s", 0, strlen(fields[i]), fields[i]);
}

static bool
account_sig_ok(const unsigned char root[DK_SIGN_PK_BYTES], const struct dk_account *a)
{
	struct dk_buf b = DK_BUF_INIT;
	bool ok;

	account_message(a, &b);
	ok = a->has_sig && dk_sign_verify(a->sig, root, ACCOUNT_DOMAIN, b.data, b.len);
	dk_buf_free(&b);
	return ok;
}

static void
key_message(unsigned char msg[DK_GID_LEN + DK_SIGN_PK_BYTES], const unsigned char gid[DK_GID_LEN],
            const unsigned char pk[DK_SIGN_PK_BYTES])
{
	memcpy(msg, gid, DK_GID_LEN);
	memcpy(msg + DK_GID_LEN, pk, DK_SIGN_PK_BYTES);
}

static bool
key_binding_ok(const unsigned char root[DK_SIGN_PK_BYTES], const struct dk_account_key *k)
{
	unsigned char msg[DK_GID_LEN + DK_SIGN_PK_BYTES];

	key_message(msg, k->account_gid, k->pk);
	return k->valid_sizes && k->bound &&
	       dk_sign_verify(k->sig, root, KEY_DOMAIN, msg, sizeof(msg));
}

/* Fails unless the session holds the authority key (a signed database's administrator). */
static enum dk_rc
need_authority(struct dk_app *app)
{
	if (app->authority_sk != NULL)
		return DK_OK;
	return dk_app_fail(app, DK_DENIED,
	                   _("this session does not hold the office's authority key, so it cannot "
	                     "sign account records (an administrator whose key is bound can)"));
}

enum dk_rc
dk_app_sign_account(struct dk_app *app, const char *name)
{
	struct dk_account a;
	struct dk_buf b = DK_BUF_INIT;
	unsigned char sig[DK_SIG_BYTES];
	enum dk_rc rc;

	if (!app->signed_db)
		return DK_OK;
	if ((rc = need_authority(app)) != DK_OK ||
	    (rc = dk_store_account_get(app->store, name, &a, &app->err)) != DK_OK)
		return rc;
	account_message(&a, &b);
	dk_sign(sig, app->authority_sk, ACCOUNT_DOMAIN, b.data, b.len);
	dk_buf_free(&b);
	return dk_store_account_sig_set(app->store, a.id, sig, &app->err);
}

enum dk_rc
dk_app_bind_key(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                const unsigned char pk[DK_SIGN_PK_BYTES])
{
	unsigned char msg[DK_GID_LEN + DK_SIGN_PK_BYTES];
	struct dk_account_key k;
	enum dk_rc rc;

	if ((rc = need_authority(app)) != DK_OK)
		return rc;
	memset(&k, 0, sizeof(k));
	memcpy(k.pk, pk, DK_SIGN_PK_BYTES);
	memcpy(k.account_gid, gid, DK_GID_LEN);
	key_message(msg, gid, pk);
	dk_sign(k.sig, app->authority_sk, KEY_DOMAIN, msg, sizeof(msg));
	k.bound = true;
	return dk_store_account_key_put(app->store, &k, &app->err);
}

enum dk_rc
dk_app_grant_authority(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                       const unsigned char pk[DK_SIGN_PK_BYTES])
{
	unsigned char sealed[DK_SIGN_SK_BYTES + DK_SEAL_OVERHEAD];
	enum dk_rc rc;

	if ((rc = need_authority(app)) != DK_OK)
		return rc;
	/* A key read from the database may be any 32 bytes: sealing to a non-point aborts. */
	if (!dk_sign_pk_valid(pk))
		return dk_app_fail(app, DK_CORRUPT,
		                   _("an account's key is not a valid public key: it was altered "
		                     "outside docket"));
	dk_seal_to(sealed, app->authority_sk, pk);
	return dk_store_grant_put(app->store, gid, DK_GRANT_AUTHORITY, sealed, sizeof(sealed),
	                          &app->err);
}

enum dk_rc
dk_app_new_account_key(struct dk_app *app, const struct dk_account *acct, struct dk_secret **sk,
                       struct dk_slot_keys *keys)
{
	unsigned char pk[DK_SIGN_PK_BYTES];
	enum dk_rc rc;

	memset(keys, 0, sizeof(*keys));
	*sk = NULL;
	if (!app->signed_db)
		return DK_OK;
	dk_sign_keypair_new(pk, sk);
	if ((rc = dk_app_bind_key(app, acct->gid, pk)) != DK_OK ||
	    (strcmp(acct->role, "admin") == 0 &&
	     (rc = dk_app_grant_authority(app, acct->gid, pk)) != DK_OK)) {
		dk_secret_free(sk);
		return rc;
	}
	memcpy(keys->root_pk, app->root_pk, DK_SIGN_PK_BYTES);
	keys->sign_sk = *sk;
	return DK_OK;
}

const struct dk_slot_keys *
dk_app_own_slot_keys(struct dk_app *app, struct dk_slot_keys *buf)
{
	if (!app->signed_db || app->sign_sk == NULL)
		return NULL;
	memcpy(buf->root_pk, app->root_pk, DK_SIGN_PK_BYTES);
	buf->sign_sk = app->sign_sk;
	return buf;
}

/* ---- Who may sign for whom ---- */

struct signer {
	unsigned char pk[DK_SIGN_PK_BYTES];
	size_t account; /* its index in signers.accounts */
	bool bound;     /* false: enrolled, awaiting an administrator (trusted on first use) */
};

struct named {
	unsigned char gid[DK_GID_LEN];
	char name[DK_NAME_MAX + 1];
	bool has_bound; /* a pending key counts only for an account with no bound key */
};

struct signers {
	struct dk_app *app;
	struct signer *keys;
	size_t nkeys;
	struct named *accounts;
	size_t naccounts;
	long pending, bad_bindings;
	char first_bad[DK_NAME_MAX + 1];
};

static struct named *
named_by_gid(const struct signers *t, const unsigned char gid[DK_GID_LEN])
{
	for (size_t i = 0; i < t->naccounts; i++)
		if (memcmp(t->accounts[i].gid, gid, DK_GID_LEN) == 0)
			return &t->accounts[i];
	return NULL;
}

static bool
add_named(const struct dk_account *a, void *ctx)
{
	struct signers *t = ctx;
	struct named *n;

	t->accounts = dk_xrealloc(t->accounts, (t->naccounts + 1) * sizeof(*t->accounts));
	n = &t->accounts[t->naccounts++];
	memcpy(n->gid, a->gid, DK_GID_LEN);
	snprintf(n->name, sizeof(n->name), "%s", a->name);
	n->has_bound = false;
	return true;
}

static bool
add_key(const struct dk_account_key *k, void *ctx)
{
	struct signers *t = ctx;
	struct named *n = named_by_gid(t, k->account_gid);
	struct signer *s;

	if (n == NULL || (k->bound && !key_binding_ok(t->app->root_pk, k))) {
		if (t->bad_bindings++ == 0)
			snprintf(t->first_bad, sizeof(t->first_bad), "%s",
			         n != NULL ? n->name : "?");
		return true;
	}
	t->keys = dk_xrealloc(t->keys, (t->nkeys + 1) * sizeof(*t->keys));
	s = &t->keys[t->nkeys++];
	memcpy(s->pk, k->pk, DK_SIGN_PK_BYTES);
	s->account = (size_t)(n - t->accounts);
	s->bound = k->bound;
	n->has_bound = n->has_bound || k->bound;
	return true;
}

static void
signers_free(struct signers *t)
{
	free(t->keys);
	free(t->accounts);
	memset(t, 0, sizeof(*t));
}

static enum dk_rc
signers_load(struct dk_app *app, struct signers *t)
{
	enum dk_rc rc;

	memset(t, 0, sizeof(*t));
	t->app = app;
	if ((rc = dk_store_account_each(app->store, add_named, t, &app->err)) == DK_OK)
		rc = dk_store_account_key_each(app->store, add_key, t, &app->err);
	for (size_t i = 0; rc == DK_OK && i < t->nkeys; i++)
		if (!t->keys[i].bound && !t->accounts[t->keys[i].account].has_bound)
			t->pending++;
	return rc;
}

/* pk's entry in the table, when it may sign (a pending key only for an account with no bound one).
 */
static const struct signer *
signer_find(const struct signers *t, const unsigned char pk[DK_SIGN_PK_BYTES])
{
	for (size_t i = 0; i < t->nkeys; i++) {
		const struct signer *s = &t->keys[i];

		if (memcmp(s->pk, pk, DK_SIGN_PK_BYTES) == 0)
			return s->bound || !t->accounts[s->account].has_bound ? s : NULL;
	}
	return NULL;
}

static bool
signer_ok(const char *account, const unsigned char pk[DK_SIGN_PK_BYTES], void *ctx)
{
	const struct signers *t = ctx;
	const struct signer *s;

	if (memcmp(pk, t->app->root_pk, DK_SIGN_PK_BYTES) == 0)
		return true;
	s = signer_find(t, pk);
	return s != NULL && strcmp(t->accounts[s->account].name, account) == 0;
}

/* ---- Verifying ---- */

struct records_check {
	struct dk_app *app;
	char first_bad[DK_NAME_MAX + 1];
	long bad;
};

static bool
record_seen(const struct dk_account *a, void *ctx)
{
	struct records_check *rc = ctx;

	if (!account_sig_ok(rc->app->root_pk, a) && rc->bad++ == 0)
		snprintf(rc->first_bad, sizeof(rc->first_bad), "%s", a->name);
	return true;
}

static bool
collect_rolled_back(const char *name, long long entry, void *ctx)
{
	struct dk_app *app = ctx;
	struct dk_rolled_back *r;

	app->rolled_back =
	    dk_xrealloc(app->rolled_back, (app->nrolled_back + 1) * sizeof(*app->rolled_back));
	r = &app->rolled_back[app->nrolled_back++];
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->entry = entry;
	return true;
}

enum dk_rc
dk_app_load_removals(struct dk_app *app)
{
	free(app->rolled_back);
	app->rolled_back = NULL;
	app->nrolled_back = 0;
	return dk_store_accounts_rolled_back(app->store, collect_rolled_back, app, &app->err);
}

long long
dk_app_removed_by_log(const struct dk_app *app, const struct dk_account *a)
{
	for (size_t i = 0; !a->removed && i < app->nrolled_back; i++)
		if (strcmp(app->rolled_back[i].name, a->name) == 0)
			return app->rolled_back[i].entry;
	return 0;
}

enum dk_rc
dk_app_verify_records(struct dk_app *app)
{
	struct records_check c = {app, "", 0};
	enum dk_rc rc = dk_store_account_each(app->store, record_seen, &c, &app->err);

	if (rc == DK_OK && c.bad > 0)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("the account record of %s does not carry the office's signature: "
		      "it was altered outside docket (%ld such records)"),
		    c.first_bad, c.bad);
	if (rc == DK_OK && (rc = dk_app_load_removals(app)) == DK_OK && app->nrolled_back > 0)
		rc = dk_app_fail(
		    app, DK_CORRUPT,
		    _("the account record of %s says active, but audit entry %lld removed "
		      "the account: an older record was put back outside docket"),
		    app->rolled_back[0].name, app->rolled_back[0].entry);
	return rc;
}

bool
dk_app_account_verified(const struct dk_app *app, const struct dk_account *a)
{
	return !app->signed_db ||
	       (account_sig_ok(app->root_pk, a) && dk_app_removed_by_log(app, a) == 0);
}

/*
 * The sidecar's head must be signed by the signer of the entry it names,
 * and the log from it on must chain and verify: a cut to an earlier entry
 * needs that entry's author's key.
 */
static enum dk_rc
verify_head(struct dk_app *app, struct dk_keyring *kr, struct signers *t, long long from_id)
{
	struct dk_audit_verify v = {0};
	struct dk_audit_head h;
	unsigned char signer[DK_SIGN_PK_BYTES];
	bool is_signed = false, found = false;
	enum dk_rc rc;

	if (!dk_keyring_audit_head(kr, &h))
		return DK_OK; /* check says whether one is required */
	if ((rc = dk_store_audit_signer_at(app->store, h.id, signer, &is_signed, &found,
	                                   &app->err)) != DK_OK)
		return rc;
	if (found && is_signed &&
	    (!dk_audit_head_verify(&h) || memcmp(h.signer, signer, DK_SIGN_PK_BYTES) != 0))
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("the audit head in the key slots file is not signed by the "
		      "author of entry %lld (the log was cut or the file rewritten)"),
		    h.id);
	v.head_id = h.id;
	v.head_hash = h.hash;
	v.from_id = from_id > 0 ? from_id : (found ? h.id : 0);
	v.signer_ok = signer_ok;
	v.ctx = t;
	if ((rc = dk_store_audit_verify(app->store, &v, &app->err)) != DK_OK)
		return rc;
	/* Every session of a signed database signs: an unsigned last entry is a cut. */
	if (v.first_signed == 0 && v.entries > 0)
		return dk_app_fail(
		    app, DK_CORRUPT,
		    _("the audit log ends with unsigned entries though the office has "
		      "an authority key (its signed tail was cut)"));
	return DK_OK;
}

enum dk_rc
dk_app_verify_accounts(struct dk_app *app, long *accounts, long *keys, long *pending)
{
	struct signers t;
	enum dk_rc rc;

	if ((rc = signers_load(app, &t)) == DK_OK && t.bad_bindings > 0)
		rc = dk_app_fail(
		    app, DK_CORRUPT,
		    _("a key of account %s is not bound by the office's signature: it was "
		      "added or altered outside docket"),
		    t.first_bad);
	*accounts = (long)t.naccounts;
	*keys = (long)t.nkeys - t.pending;
	*pending = t.pending;
	signers_free(&t);
	return rc != DK_OK ? rc : dk_app_verify_records(app);
}

enum dk_rc
dk_app_verify_signatures(struct dk_app *app, struct dk_keyring *kr, long *entries)
{
	struct dk_audit_verify v = {0};
	struct dk_audit_head h;
	struct signers t;
	enum dk_rc rc;

	*entries = 0;
	if ((rc = signers_load(app, &t)) != DK_OK)
		goto out;
	dk_keyring_audit_head(kr, &h);
	v.head_id = h.id;
	v.head_hash = h.hash;
	v.signer_ok = signer_ok;
	v.ctx = &t;
	if ((rc = dk_store_audit_verify(app->store, &v, &app->err)) != DK_OK)
		goto out;
	*entries = v.entries;
	if (v.first_signed == 0 && v.entries > 0)
		rc = dk_app_fail(app, DK_CORRUPT,
		                 _("the audit log carries no signature though the office has an "
		                   "authority key (the whole log was rewritten)"));
	else if (h.id > 0 && !h.is_signed && h.id >= v.first_signed)
		rc = dk_app_fail(
		    app, DK_CORRUPT,
		    _("the audit head in the key slots file is not signed (the file was "
		      "rewritten)"));
	else if (h.id > 0)
		rc = verify_head(app, kr, &t, h.id);
out:
	signers_free(&t);
	return rc;
}

enum dk_rc
dk_app_verify_tail(struct dk_app *app, struct dk_keyring *kr, const struct dk_secret *sk,
                   bool *key_ok)
{
	unsigned char pk[DK_SIGN_PK_BYTES];
	struct signers t;
	enum dk_rc rc;

	*key_ok = false;
	if ((rc = signers_load(app, &t)) == DK_OK) {
		if (sk != NULL)
			dk_sign_public(pk, sk);
		*key_ok = sk == NULL || signer_ok(app->account.name, pk, &t);
		rc = verify_head(app, kr, &t, 0);
	}
	signers_free(&t);
	return rc;
}

enum dk_rc
dk_app_pending_keys(struct dk_app *app, struct dk_pending_keys *p)
{
	struct signers t;
	enum dk_rc rc = signers_load(app, &t);

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; rc == DK_OK && i < t.nkeys; i++) {
		const struct named *n = &t.accounts[t.keys[i].account];

		if (t.keys[i].bound || n->has_bound)
			continue;
		p->v = dk_xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
		memcpy(p->v[p->n].pk, t.keys[i].pk, DK_SIGN_PK_BYTES);
		memcpy(p->v[p->n++].gid, n->gid, DK_GID_LEN);
	}
	signers_free(&t);
	return rc;
}

bool
dk_app_signs_as_authority(const struct dk_app *app)
{
	unsigned char pk[DK_SIGN_PK_BYTES];

	if (app->sign_sk == NULL)
		return false;
	dk_sign_public(pk, app->sign_sk);
	return memcmp(pk, app->root_pk, DK_SIGN_PK_BYTES) == 0;
}

struct has_key {
	const unsigned char *gid;
	bool found;
};

static bool
key_of(const struct dk_account_key *k, void *ctx)
{
	struct has_key *h = ctx;

	h->found = memcmp(k->account_gid, h->gid, DK_GID_LEN) == 0;
	return !h->found;
}

bool
dk_app_account_has_key(struct dk_app *app, const unsigned char gid[DK_GID_LEN])
{
	struct has_key h = {gid, false};
	struct dk_err ignored;

	/* Unreadable is treated as having one: enrolment must not go ahead blind. */
	return dk_store_account_key_each(app->store, key_of, &h, &ignored) != DK_OK || h.found;
}
