/*
 * Need-to-know by key (HACKING.md "Need-to-know by key"): which mission
 * keys a session holds, and which accounts they are sealed to. Each
 * (mission, class) has one current key; the authority (so every
 * administrator) holds them all, an officer or advocate those its role and
 * missions allow. A grant that must go rotates its key: a new generation,
 * every content key wrapped again, the old grants dropped. The upgrade of
 * an existing database and check's row are in app_fields_upgrade.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define GRANT_PREFIX "mission "
#define KEY_DOMAIN "docket-account-key-v1" /* as app_sign.c binds a key */

static const unsigned char authority_gid[DK_GID_LEN];

static const enum dk_field_class mission_classes[] = {DK_FIELD_FREE_TEXT, DK_FIELD_VICTIM_IDENTITY,
                                                      DK_FIELD_SUBJECT_IDENTITY};
#define NCLASSES (sizeof(mission_classes) / sizeof(mission_classes[0]))

void
dk_app_fields_grant_name(char *out, size_t size, const char *mission, enum dk_field_class cls,
                         long long gen)
{
	snprintf(out, size, GRANT_PREFIX "%s %s %lld", mission, dk_field_class_id(cls), gen);
}

/* The parts of a grant's name; false for any other grant (the authority's). */
static bool
grant_parse(const char *name, char mission[DK_MISSION_MAX + 1], enum dk_field_class *cls,
            long long *gen)
{
	const char *m = name + strlen(GRANT_PREFIX), *sp, *sp2;
	char id[32], *end;

	if (strncmp(name, GRANT_PREFIX, strlen(GRANT_PREFIX)) != 0 ||
	    (sp = strchr(m, ' ')) == NULL || (size_t)(sp - m) > DK_MISSION_MAX ||
	    (sp2 = strchr(sp + 1, ' ')) == NULL || (size_t)(sp2 - sp - 1) >= sizeof(id))
		return false;
	snprintf(mission, DK_MISSION_MAX + 1, "%.*s", (int)(sp - m), m);
	snprintf(id, sizeof(id), "%.*s", (int)(sp2 - sp - 1), sp + 1);
	*gen = strtoll(sp2 + 1, &end, 10);
	return dk_field_class_parse(id, cls) && *end == '\0' && *gen >= 1 &&
	       (*cls == DK_FIELD_VET) == (mission[0] == '\0');
}

bool
dk_app_fields_on(const struct dk_app *app)
{
	return app->store != NULL && dk_store_fields_sealing(app->store);
}

static enum dk_action
class_action(enum dk_field_class cls)
{
	switch (cls) {
	case DK_FIELD_FREE_TEXT:
		return DK_ACTION_FREE_TEXT_READ;
	case DK_FIELD_VICTIM_IDENTITY:
		return DK_ACTION_VICTIM_IDENTITY_READ;
	case DK_FIELD_SUBJECT_IDENTITY:
		return DK_ACTION_SUBJECT_IDENTITY_READ;
	default:
		return DK_ACTION_VET;
	}
}

/* Whether an account of role and missions may hold (mission, cls)'s key (admins: through the
 * authority). */
static bool
may_hold(const char *role, const char *missions, const char *mission, enum dk_field_class cls)
{
	if (!dk_role_may(role, class_action(cls)))
		return false;
	return cls == DK_FIELD_VET || !dk_role_scoped(role) || dk_app_list_holds(missions, mission);
}

/* ---- Unlock: the keys sealed to this session ---- */

struct sealed_grant {
	char name[96];
	unsigned char *sealed;
	size_t len;
};

struct grant_list {
	struct sealed_grant *v;
	size_t n;
};

static bool
collect_grant(const unsigned char gid[DK_GID_LEN], const char *name, const unsigned char *sealed,
              size_t len, void *ctx)
{
	struct grant_list *l = ctx;

	(void)gid;
	if (strncmp(name, GRANT_PREFIX, strlen(GRANT_PREFIX)) != 0)
		return true;
	l->v = dk_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	snprintf(l->v[l->n].name, sizeof(l->v[l->n].name), "%s", name);
	l->v[l->n].sealed = dk_xmalloc(len > 0 ? len : 1);
	memcpy(l->v[l->n].sealed, sealed, len);
	l->v[l->n++].len = len;
	return true;
}

static void
grant_list_free(struct grant_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].sealed);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Opens every mission grant of gid with sk; *bad counts those that do not open. */
static enum dk_rc
hold_grants(struct dk_app *app, const unsigned char gid[DK_GID_LEN], const struct dk_secret *sk,
            long *bad)
{
	struct grant_list l = {NULL, 0};
	struct dk_secret *keypair = dk_seal_keypair(sk);
	enum dk_rc rc = dk_store_grant_each(app->store, gid, collect_grant, &l, &app->err);

	for (size_t i = 0; rc == DK_OK && i < l.n; i++) {
		char mission[DK_MISSION_MAX + 1];
		enum dk_field_class cls;
		struct dk_secret *key = NULL;
		long long gen;

		if (!grant_parse(l.v[i].name, mission, &cls, &gen) ||
		    !dk_seal_open_with(l.v[i].sealed, l.v[i].len, keypair, &key) ||
		    key->len != DK_FIELD_KEY_BYTES) {
			dk_secret_free(&key);
			(*bad)++;
			continue;
		}
		rc = dk_store_fields_hold(app->store, mission, cls, gen, key, &app->err);
		dk_secret_free(&key);
	}
	dk_secret_free(&keypair);
	grant_list_free(&l);
	return rc;
}

enum dk_rc
dk_app_fields_load(struct dk_app *app)
{
	long bad = 0;
	enum dk_rc rc = DK_OK;

	if (!app->signed_db)
		return DK_OK;
	/* A recovery session signs as the authority: its account's own grants are not its to open.
	 */
	if (app->sign_sk != NULL && !dk_app_signs_as_authority(app))
		rc = hold_grants(app, app->account.gid, app->sign_sk, &bad);
	if (rc == DK_OK && app->authority_sk != NULL)
		rc = hold_grants(app, authority_gid, app->authority_sk, &bad);
	/* Said, not refused: the session still works on every field it can open. */
	if (rc == DK_OK && bad > 0 && app->warning[0] == '\0')
		snprintf(app->warning, sizeof(app->warning),
		         _("%ld mission key(s) sealed to your account do not open: they were "
		           "altered outside docket (an administrator should run 'docket check')"),
		         bad);
	return rc;
}

/* ---- Who should hold what ---- */

/* A non-admin account that may be granted keys: active, signed, with a bound key. */
struct member {
	unsigned char gid[DK_GID_LEN];
	unsigned char pk[DK_SIGN_PK_BYTES];
	long long last_signed; /* the newest entry its key signed; -1: none yet */
	bool has_pk;
	char role[DK_IDENT_MAX];
	char missions[DK_MISSIONS_MAX];
};

/* One key of (mission, cls) as it stands, and what the plan does to it. */
struct mkey {
	char mission[DK_MISSION_MAX + 1];
	enum dk_field_class cls;
	long long gen; /* 0: none yet */
	bool rotate;
};

/* A grant as stored, kept or dropped. */
struct grant {
	unsigned char gid[DK_GID_LEN];
	char mission[DK_MISSION_MAX + 1];
	enum dk_field_class cls;
	long long gen;
	bool drop;
};

struct plan {
	struct dk_app *app;
	struct member *members;
	size_t nmembers;
	struct mkey *keys;
	size_t nkeys;
	struct grant *grants;
	size_t ngrants;
	long changes; /* what the plan would write (check: none when all is as it should be) */
};

static void
plan_free(struct plan *p)
{
	free(p->members);
	free(p->keys);
	free(p->grants);
	memset(p, 0, sizeof(*p));
}

static struct mkey *
plan_key(struct plan *p, const char *mission, enum dk_field_class cls)
{
	for (size_t i = 0; i < p->nkeys; i++)
		if (p->keys[i].cls == cls && strcmp(p->keys[i].mission, mission) == 0)
			return &p->keys[i];
	return NULL;
}

/* The plan's key of (mission, cls), added with its current generation when new. */
static enum dk_rc
plan_add_key(struct plan *p, const char *mission, enum dk_field_class cls, struct mkey **out)
{
	struct mkey *k = plan_key(p, mission, cls);

	if (k == NULL) {
		p->keys = dk_xrealloc(p->keys, (p->nkeys + 1) * sizeof(*p->keys));
		k = &p->keys[p->nkeys++];
		memset(k, 0, sizeof(*k));
		snprintf(k->mission, sizeof(k->mission), "%s", mission);
		k->cls = cls;
		if (out != NULL)
			*out = k;
		return dk_store_mission_key_gen(p->app->store, mission, cls, &k->gen, &p->app->err);
	}
	if (out != NULL)
		*out = k;
	return DK_OK;
}

static bool
collect_mission(const struct dk_mission_row *m, void *ctx)
{
	struct dk_names *names = ctx;

	names->v = dk_xrealloc(names->v, (names->n + 1) * sizeof(*names->v));
	names->v[names->n++] = dk_xstrdup(m->code);
	return true;
}

static bool
collect_key(const char *mission, enum dk_field_class cls, long long gen, void *ctx)
{
	struct dk_names *names = ctx;

	(void)gen;
	if (cls == DK_FIELD_VET)
		return true;
	names->v = dk_xrealloc(names->v, (names->n + 1) * sizeof(*names->v));
	names->v[names->n++] = dk_xstrdup(mission);
	return true;
}

/* Every registered mission (and every one a key was made for) x each class, and the vet key. */
static enum dk_rc
plan_keys(struct plan *p)
{
	struct dk_names names = {NULL, 0};
	struct dk_app *app = p->app;
	enum dk_rc rc = dk_store_mission_each(app->store, app->today, false, collect_mission,
	                                      &names, &app->err);

	if (rc == DK_OK)
		rc = dk_store_mission_key_each(app->store, collect_key, &names, &app->err);
	for (size_t i = 0; rc == DK_OK && i < names.n; i++)
		for (size_t c = 0; rc == DK_OK && c < NCLASSES; c++)
			rc = plan_add_key(p, names.v[i], mission_classes[c], NULL);
	if (rc == DK_OK)
		rc = plan_add_key(p, "", DK_FIELD_VET, NULL);
	dk_names_free(&names);
	return rc;
}

static bool
collect_member(const struct dk_account *a, void *ctx)
{
	struct plan *p = ctx;
	struct member *m;

	if (a->removed || strcmp(a->role, "admin") == 0 || !dk_app_account_verified(p->app, a))
		return true;
	p->members = dk_xrealloc(p->members, (p->nmembers + 1) * sizeof(*p->members));
	m = &p->members[p->nmembers++];
	memset(m, 0, sizeof(*m));
	memcpy(m->gid, a->gid, DK_GID_LEN);
	snprintf(m->role, sizeof(m->role), "%s", a->role);
	snprintf(m->missions, sizeof(m->missions), "%s", a->missions);
	return true;
}

static struct member *
plan_member(struct plan *p, const unsigned char gid[DK_GID_LEN])
{
	for (size_t i = 0; i < p->nmembers; i++)
		if (memcmp(p->members[i].gid, gid, DK_GID_LEN) == 0)
			return &p->members[i];
	return NULL;
}

/*
 * The key a member's grants are sealed to: one the authority bound to it.
 * An account whose passphrase an administrator reset has two: the new one
 * (no entry signed with it yet) is the one its slot now seals.
 */
static bool
consider_key(const struct dk_account_key *k, void *ctx)
{
	struct plan *p = ctx;
	unsigned char msg[DK_GID_LEN + DK_SIGN_PK_BYTES];
	struct member *m = plan_member(p, k->account_gid);
	struct dk_err quiet = {0};
	long long last = 0;

	if (m == NULL || !k->valid_sizes || !k->bound || !dk_sign_pk_valid(k->pk))
		return true;
	memcpy(msg, k->account_gid, DK_GID_LEN);
	memcpy(msg + DK_GID_LEN, k->pk, DK_SIGN_PK_BYTES);
	if (!dk_sign_verify(k->sig, p->app->root_pk, KEY_DOMAIN, msg, sizeof(msg)))
		return true;
	if (dk_store_audit_last_signed_by(p->app->store, k->pk, &last, (unsigned char[32]){0},
	                                  &quiet) != DK_OK)
		last = 0;
	last = last == 0 ? LLONG_MAX : last; /* not used yet: the newest */
	if (!m->has_pk || last > m->last_signed) {
		memcpy(m->pk, k->pk, DK_SIGN_PK_BYTES);
		m->last_signed = last;
		m->has_pk = true;
	}
	return true;
}

static bool
collect_stored_grant(const unsigned char gid[DK_GID_LEN], const char *name,
                     const unsigned char *sealed, size_t len, void *ctx)
{
	struct plan *p = ctx;
	struct grant g;

	(void)sealed;
	(void)len;
	memset(&g, 0, sizeof(g));
	if (!grant_parse(name, g.mission, &g.cls, &g.gen))
		return true;
	memcpy(g.gid, gid, DK_GID_LEN);
	p->grants = dk_xrealloc(p->grants, (p->ngrants + 1) * sizeof(*p->grants));
	p->grants[p->ngrants++] = g;
	return true;
}

/*
 * Each stored grant is kept, or dropped: an old generation's, or one whose
 * account may no longer hold it (then its key rotates).
 */
static enum dk_rc
plan_grants(struct plan *p)
{
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; rc == DK_OK && i < p->ngrants; i++) {
		struct grant *g = &p->grants[i];
		struct mkey *k = NULL;
		struct member *m;

		if ((rc = plan_add_key(p, g->mission, g->cls, &k)) != DK_OK)
			break;
		if (g->gen != k->gen) {
			g->drop = true;
			continue;
		}
		if (memcmp(g->gid, authority_gid, DK_GID_LEN) == 0)
			continue;
		m = plan_member(p, g->gid);
		if (m == NULL || !m->has_pk ||
		    !may_hold(m->role, m->missions, k->mission, k->cls)) {
			g->drop = true;
			/*
			 * The vetting key is not rotated: its hashes would all have to
			 * be made again (HACKING.md "Need-to-know by key", residual).
			 */
			k->rotate = k->cls != DK_FIELD_VET;
		}
	}
	return rc;
}

static enum dk_rc
plan_make(struct dk_app *app, struct plan *p)
{
	enum dk_rc rc;

	memset(p, 0, sizeof(*p));
	p->app = app;
	if ((rc = plan_keys(p)) != DK_OK ||
	    (rc = dk_store_account_each(app->store, collect_member, p, &app->err)) != DK_OK ||
	    (rc = dk_store_account_key_each(app->store, consider_key, p, &app->err)) != DK_OK ||
	    (rc = dk_store_grant_each(app->store, NULL, collect_stored_grant, p, &app->err)) !=
	        DK_OK)
		return rc;
	return plan_grants(p);
}

static bool
plan_has_grant(const struct plan *p, const unsigned char gid[DK_GID_LEN], const struct mkey *k)
{
	for (size_t i = 0; i < p->ngrants; i++) {
		const struct grant *g = &p->grants[i];

		if (!g->drop && g->gen == k->gen && g->cls == k->cls &&
		    memcmp(g->gid, gid, DK_GID_LEN) == 0 && strcmp(g->mission, k->mission) == 0)
			return true;
	}
	return false;
}

/* ---- Writing the plan ---- */

static enum dk_rc
grant_to(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
         const unsigned char pk[DK_SIGN_PK_BYTES], const struct mkey *k,
         const struct dk_secret *key)
{
	unsigned char sealed[DK_FIELD_KEY_BYTES + DK_SEAL_OVERHEAD];
	char name[96];

	if (!dk_sign_pk_valid(pk))
		return dk_app_fail(app, DK_CORRUPT,
		                   _("an account's key is not a valid public key: it was altered "
		                     "outside docket"));
	dk_seal_to(sealed, key, pk);
	dk_app_fields_grant_name(name, sizeof(name), k->mission, k->cls, k->gen);
	return dk_store_grant_put(app->store, gid, name, sealed, sizeof(sealed), &app->err);
}

/* A new random key of (mission, cls) at generation gen, held by the session. */
static enum dk_rc
new_key(struct dk_app *app, const struct mkey *k, long long gen)
{
	struct dk_secret *key = dk_field_key_new();
	enum dk_rc rc;

	if ((rc = dk_store_fields_hold(app->store, k->mission, k->cls, gen, key, &app->err)) ==
	    DK_OK)
		rc = dk_store_mission_key_put(app->store, k->mission, k->cls, gen, &app->err);
	dk_secret_free(&key);
	return rc;
}

/* A rotation: gen+1, every content key wrapped under it; the old grants go in drop_grants. */
static enum dk_rc
rotate(struct dk_app *app, struct mkey *k)
{
	long long from = k->gen;
	long n = 0;
	enum dk_rc rc;

	if (dk_store_fields_key(app->store, k->mission, k->cls, from) == NULL)
		return dk_app_fail(app, DK_CORRUPT,
		                   _("the key of mission %s (%s) does not open for the office's "
		                     "authority: it was altered outside docket"),
		                   k->mission[0] != '\0' ? k->mission : "-",
		                   dk_field_class_id(k->cls));
	if ((rc = new_key(app, k, from + 1)) != DK_OK)
		return rc;
	k->gen = from + 1;
	return dk_store_content_keys_rewrap(app->store, k->mission, k->cls, from, from + 1, &n,
	                                    &app->err);
}

static enum dk_rc
drop_grants(struct plan *p)
{
	char name[96];
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; rc == DK_OK && i < p->ngrants; i++) {
		struct grant *g = &p->grants[i];
		struct mkey *k = plan_key(p, g->mission, g->cls);

		/* A rotated key's old grants go with it. */
		if (!g->drop && (k == NULL || g->gen != k->gen))
			g->drop = true;
		if (!g->drop)
			continue;
		dk_app_fields_grant_name(name, sizeof(name), g->mission, g->cls, g->gen);
		rc = dk_store_grant_drop_name(p->app->store, g->gid, name, &p->app->err);
	}
	return rc;
}

/* The grants one current key misses: the authority's, each member's its role and missions allow. */
static enum dk_rc
add_grants(struct plan *p, const struct mkey *k)
{
	struct dk_app *app = p->app;
	const struct dk_secret *key = dk_store_fields_key(app->store, k->mission, k->cls, k->gen);
	enum dk_rc rc = DK_OK;

	if (key == NULL)
		return DK_OK; /* not this session's to give (check says so) */
	if (!plan_has_grant(p, authority_gid, k))
		rc = grant_to(app, authority_gid, app->root_pk, k, key);
	for (size_t i = 0; rc == DK_OK && i < p->nmembers; i++) {
		const struct member *m = &p->members[i];

		if (m->has_pk && may_hold(m->role, m->missions, k->mission, k->cls) &&
		    !plan_has_grant(p, m->gid, k))
			rc = grant_to(app, m->gid, m->pk, k, key);
	}
	return rc;
}

/* What writing the plan would change, without writing (check, and an unlock deciding to sync). */
static long
plan_changes(struct plan *p)
{
	long n = 0;

	for (size_t i = 0; i < p->ngrants; i++)
		n += p->grants[i].drop;
	for (size_t i = 0; i < p->nkeys; i++) {
		const struct mkey *k = &p->keys[i];

		n += k->gen == 0 || k->rotate;
		if (k->gen == 0 || k->rotate)
			continue;
		n += !plan_has_grant(p, authority_gid, k);
		for (size_t j = 0; j < p->nmembers; j++)
			n += p->members[j].has_pk &&
			     may_hold(p->members[j].role, p->members[j].missions, k->mission,
			              k->cls) &&
			     !plan_has_grant(p, p->members[j].gid, k);
	}
	return n;
}

/* Whether this session may write mission keys: it holds the authority of a sealed database. */
static bool
may_sync(const struct dk_app *app)
{
	return app->signed_db && app->authority_sk != NULL && dk_app_fields_on(app);
}

enum dk_rc
dk_app_fields_sync(struct dk_app *app)
{
	struct plan p;
	enum dk_rc rc;

	if (!may_sync(app))
		return DK_OK;
	rc = plan_make(app, &p);
	for (size_t i = 0; rc == DK_OK && i < p.nkeys; i++) {
		struct mkey *k = &p.keys[i];

		if (k->gen == 0 && (rc = new_key(app, k, 1)) == DK_OK)
			k->gen = 1;
		else if (k->rotate)
			rc = rotate(app, k);
	}
	if (rc == DK_OK)
		rc = drop_grants(&p);
	for (size_t i = 0; rc == DK_OK && i < p.nkeys; i++)
		rc = add_grants(&p, &p.keys[i]);
	plan_free(&p);
	return rc;
}

enum dk_rc
dk_app_fields_grants_check(struct dk_app *app, long *changes)
{
	struct plan p;
	enum dk_rc rc = plan_make(app, &p);

	*changes = rc == DK_OK ? plan_changes(&p) : 0;
	plan_free(&p);
	return rc;
}

enum dk_rc
dk_app_fields_regrant(struct dk_app *app, const unsigned char gid[DK_GID_LEN])
{
	struct grant_list l = {NULL, 0};
	enum dk_rc rc;

	if (!may_sync(app))
		return DK_OK;
	/* The same person with a new key: sealed again to it, no rotation. */
	rc = dk_store_grant_each(app->store, gid, collect_grant, &l, &app->err);
	for (size_t i = 0; rc == DK_OK && i < l.n; i++)
		rc = dk_store_grant_drop_name(app->store, gid, l.v[i].name, &app->err);
	grant_list_free(&l);
	return rc == DK_OK ? dk_app_fields_sync(app) : rc;
}

/* ---- Owners' content keys ---- */

enum dk_rc
dk_app_fields_mission(struct dk_app *app, const char *mission)
{
	long long gen = 0;
	enum dk_rc rc;

	if (!may_sync(app))
		return DK_OK;
	if ((rc = dk_store_mission_key_gen(app->store, mission, DK_FIELD_FREE_TEXT, &gen,
	                                   &app->err)) != DK_OK ||
	    gen > 0)
		return rc;
	/* A mission no key was made for yet (one a bundle brought): made now, and granted. */
	for (size_t c = 0; rc == DK_OK && c < NCLASSES; c++) {
		struct mkey k;

		memset(&k, 0, sizeof(k));
		snprintf(k.mission, sizeof(k.mission), "%s", mission);
		k.cls = mission_classes[c];
		if ((rc = dk_store_mission_key_gen(app->store, mission, k.cls, &gen, &app->err)) ==
		        DK_OK &&
		    gen == 0)
			rc = new_key(app, &k, 1);
	}
	return rc == DK_OK ? dk_app_fields_sync(app) : rc;
}
