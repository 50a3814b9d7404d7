/*
 * Need-to-know by key (app_fields.c): the content keys of a case or a
 * victim before its first sealed field, their move with a relocated case,
 * and the vetting hashes of subjects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

static void
vet_hash(const struct dk_secret *key, const char *domain, const char *text, char **out)
{
	char hex[2 * DK_HASH_BYTES + 1];

	*out = NULL;
	if (text == NULL || text[0] == '\0')
		return;
	dk_keyed_hash_hex(hex, key, domain, text, strlen(text));
	*out = dk_xstrdup(hex);
}

/* The vetting key the session holds, or NULL. */
static const struct dk_secret *
vet_key(struct dk_app *app)
{
	struct dk_err quiet = {0};
	long long gen = 0;

	if (dk_store_mission_key_gen(app->store, "", DK_FIELD_VET, &gen, &quiet) != DK_OK ||
	    gen == 0)
		return NULL;
	return dk_store_fields_key(app->store, "", DK_FIELD_VET, gen);
}

void
dk_app_fields_vet_hashes(const char *name, const char *index_number, char **name_key,
                         char **index_key, void *ctx)
{
	struct dk_app *app = ctx;
	const struct dk_secret *key = vet_key(app);
	struct dk_buf folded = DK_BUF_INIT;

	*name_key = *index_key = NULL;
	if (key == NULL)
		return;
	if (name != NULL)
		dk_text_name_key(&folded, name);
	vet_hash(key, "docket vet name v1", folded.len > 0 ? dk_buf_str(&folded) : NULL, name_key);
	vet_hash(key, "docket vet index v1", index_number, index_key);
	dk_buf_free(&folded);
}

enum dk_rc
dk_app_fields_vet_keys(struct dk_app *app, const char *folded, const char *index_number,
                       char **name_key, char **index_key)
{
	const struct dk_secret *key;

	*name_key = *index_key = NULL;
	if (!dk_app_fields_on(app)) {
		*name_key = folded != NULL && folded[0] != '\0' ? dk_xstrdup(folded) : NULL;
		return DK_OK;
	}
	if ((key = vet_key(app)) == NULL)
		return dk_app_fail(app, DK_DENIED,
		                   _("this session does not hold the office's vetting key (an "
		                     "administrator's unlock grants it)"));
	vet_hash(key, "docket vet name v1", folded, name_key);
	vet_hash(key, "docket vet index v1", index_number, index_key);
	return DK_OK;
}

static enum dk_rc
ensure(struct dk_app *app, const unsigned char owner[DK_GID_LEN], enum dk_field_class cls,
       const char *mission)
{
	return dk_store_content_key_ensure(app->store, owner, cls, mission, &app->err);
}

/* An owner's two content keys (a, b) wrapped under mission, its keys made first if need be. */
static enum dk_rc
ensure_pair(struct dk_app *app, const unsigned char gid[DK_GID_LEN], const char *mission,
            enum dk_field_class a, enum dk_field_class b)
{
	enum dk_rc rc = dk_app_fields_mission(app, mission);

	if (rc == DK_OK && (rc = ensure(app, gid, a, mission)) == DK_OK)
		rc = ensure(app, gid, b, mission);
	return rc;
}

enum dk_rc
dk_app_fields_case(struct dk_app *app, const unsigned char gid[DK_GID_LEN], const char *mission)
{
	enum dk_rc rc;

	if (!dk_app_fields_on(app))
		return DK_OK;
	rc = ensure_pair(app, gid, mission, DK_FIELD_FREE_TEXT, DK_FIELD_SUBJECT_IDENTITY);
	if (rc == DK_DENIED)
		return dk_app_fail(app, DK_DENIED,
		                   _("this session holds no key of mission %s yet (an "
		                     "administrator's unlock grants it)"),
		                   mission);
	return rc;
}

enum dk_rc
dk_app_fields_victim(struct dk_app *app, const unsigned char gid[DK_GID_LEN], const char *mission)
{
	enum dk_rc rc;

	if (!dk_app_fields_on(app))
		return DK_OK;
	rc = ensure_pair(app, gid, mission, DK_FIELD_VICTIM_IDENTITY, DK_FIELD_FREE_TEXT);
	if (rc == DK_DENIED)
		return dk_app_fail(app, DK_DENIED,
		                   _("the victim's record is sealed to missions you do not hold"));
	return rc;
}

/* ---- Relocation ---- */

struct victim_list {
	struct dk_victim *v;
	size_t n;
};

static bool
collect_victim(const struct dk_victim *v, void *ctx)
{
	struct victim_list *l = ctx;

	l->v = dk_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = *v;
	return true;
}

struct still_there {
	int64_t moved; /* the case being relocated: its row still says from */
	const char *from;
	bool found;
};

static bool
other_case_there(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct still_there *st = ctx;

	(void)added_on;
	if (c->id != st->moved && strcmp(c->mission, st->from) == 0)
		st->found = true;
	return !st->found;
}

static enum dk_rc
drop_both(struct dk_app *app, const unsigned char gid[DK_GID_LEN], enum dk_field_class a,
          enum dk_field_class b, const char *mission)
{
	enum dk_rc rc = dk_store_content_key_drop(app->store, gid, a, mission, &app->err);

	return rc == DK_OK ? dk_store_content_key_drop(app->store, gid, b, mission, &app->err) : rc;
}

static enum dk_rc
relocate_victim(struct dk_app *app, const struct dk_victim *v, int64_t case_id, const char *to,
                const char *from)
{
	struct still_there st = {case_id, from, false};
	enum dk_rc rc;

	if ((rc = dk_app_fields_victim(app, v->gid, to)) != DK_OK ||
	    (rc = dk_store_victim_cases(app->store, v->id, other_case_there, &st, &app->err)) !=
	        DK_OK ||
	    st.found)
		return rc;
	return drop_both(app, v->gid, DK_FIELD_VICTIM_IDENTITY, DK_FIELD_FREE_TEXT, from);
}

enum dk_rc
dk_app_fields_relocate(struct dk_app *app, const struct dk_case *c, const char *from)
{
	struct victim_list l = {NULL, 0};
	enum dk_rc rc;

	if (!dk_app_fields_on(app))
		return DK_OK;
	if ((rc = dk_app_fields_case(app, c->gid, c->mission)) != DK_OK ||
	    (rc = drop_both(app, c->gid, DK_FIELD_FREE_TEXT, DK_FIELD_SUBJECT_IDENTITY, from)) !=
	        DK_OK ||
	    (rc = dk_store_victim_each(app->store, c->id, collect_victim, &l, &app->err)) != DK_OK)
		goto out;
	for (size_t i = 0; rc == DK_OK && i < l.n; i++)
		rc = relocate_victim(app, &l.v[i], c->id, c->mission, from);
out:
	free(l.v);
	return rc;
}
