/*
 * Subjects (alleged perpetrators): their identity is for officers and
 * administrators only, every view of it is audited, and vetting finds every
 * case naming a person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define CODE_TRIES 8
#define INDEX_MAX 40 /* an index or service number */

static enum dk_rc
check_index(struct dk_app *app, const char *index)
{
	enum dk_rc rc;

	if (index == NULL)
		return DK_OK;
	if ((rc = dk_validate_text("--index", index, INDEX_MAX, true, &app->err)) != DK_OK)
		return rc;
	if (index[0] == '\0')
		return dk_app_fail(app, DK_INVALID, _("--index: empty"));
	return DK_OK;
}

enum dk_rc
dk_app_subject_add(struct dk_app *app, const struct dk_subject_input *in, char code[DK_CODE_MAX])
{
	struct dk_buf key = DK_BUF_INIT;
	struct dk_subject_identity id = {
	    .name = in->name, .index_number = in->index, .unit = in->unit};
	char *name_key = NULL, *index_key = NULL;
	struct dk_subject subj;
	struct dk_case c;
	char now[DK_RECORDED_LEN];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	memset(&subj, 0, sizeof(subj));
	if (in->ref == NULL)
		return dk_app_fail(app, DK_INVALID, _("which case? (subject add REF)"));
	if (in->personnel == NULL)
		return dk_app_fail(app, DK_INVALID, _("a subject needs --personnel"));
	if ((rc = dk_app_check_ident(app, DK_VOCAB_PERSONNEL, in->personnel, subj.personnel,
	                             sizeof(subj.personnel))) != DK_OK ||
	    (in->nationality != NULL &&
	     (rc = dk_validate_nationality(in->nationality, subj.nationality, &app->err)) !=
	         DK_OK) ||
	    (in->name != NULL &&
	     (rc = dk_validate_text("--name", in->name, DK_LINE_MAX, true, &app->err)) != DK_OK) ||
	    (in->unit != NULL &&
	     (rc = dk_validate_text("--unit", in->unit, DK_LINE_MAX, true, &app->err)) != DK_OK) ||
	    (rc = check_index(app, in->index)) != DK_OK)
		return rc;
	if (in->name != NULL) {
		dk_text_name_key(&key, in->name);
		if (key.len == 0) {
			dk_buf_free(&key);
			return dk_app_fail(app, DK_INVALID, _("--name: no letters in it"));
		}
	}
	if ((rc = dk_app_tx_begin(app, DK_ACTION_SUBJECT_CHANGE)) != DK_OK)
		goto out;
	/* Keyed by the office's vetting key once the fields are sealed. */
	if ((rc = dk_app_fields_vet_keys(app, key.len > 0 ? dk_buf_str(&key) : NULL, in->index,
	                                 &name_key, &index_key)) != DK_OK ||
	    (rc = dk_app_load_case(app, in->ref, &c)) != DK_OK)
		goto end;
	id.name_key = name_key;
	id.index_key = index_key;
	if (in->on == NULL) {
		subj.added_on = app->today;
	} else if ((rc = dk_app_check_date(app, "--on", in->on, &subj.added_on)) != DK_OK) {
		goto end;
	}
	if (subj.added_on < c.reported) {
		rc = dk_app_fail(app, DK_INVALID, _("--on: before the case was reported"));
		goto end;
	}
	subj.case_id = c.id;
	snprintf(subj.actor, sizeof(subj.actor), "%s", app->account.name);
	dk_app_now_recorded(now);
	rc = DK_EXISTS;
	for (int i = 0; i < CODE_TRIES && rc == DK_EXISTS; i++) {
		dk_app_new_gid(subj.gid);
		dk_app_new_code('S', subj.code);
		rc = dk_store_subject_add(app->store, &subj, app->office, now, &id, &app->err);
	}
	if (rc == DK_OK)
		rc = dk_app_audit(app, "subject_add", c.gid, subj.code);
end:
	if ((rc = dk_app_tx_end(app, rc)) == DK_OK)
		snprintf(code, DK_CODE_MAX, "%s", subj.code);
out:
	dk_case_clear(&c);
	dk_buf_free(&key); /* wipes what it held */
	dk_xfree_wiped(&name_key);
	dk_xfree_wiped(&index_key);
	return rc;
}

/* Loads a subject and its case (in scope), for a command in a transaction. */
static enum dk_rc
load_subject(struct dk_app *app, const char *typed, struct dk_subject *s, struct dk_case *c)
{
	char code[DK_CODE_MAX];
	enum dk_rc rc;

	if ((rc = dk_app_check_code(app, 'S', typed, code)) != DK_OK)
		return rc;
	rc = dk_store_subject_get(app->store, code, s, &app->err);
	if (rc == DK_NOTFOUND)
		return dk_app_fail(app, DK_NOTFOUND, _("no subject %s"), code);
	if (rc != DK_OK ||
	    (rc = dk_store_case_by_id(app->store, s->case_id, c, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_require_case(app, c)) != DK_OK || s->added_on > app->today)
		return dk_app_fail(app, DK_NOTFOUND, _("no subject %s"), code);
	return dk_app_seal_check(app, c, true);
}

enum dk_rc
dk_app_subject_action(struct dk_app *app, const char *code, const char *action, const char *on,
                      bool interim)
{
	enum dk_vocab_kind kind = interim ? DK_VOCAB_INTERIM_ACTION : DK_VOCAB_FINAL_ACTION;
	char norm[DK_IDENT_MAX], now[DK_RECORDED_LEN];
	unsigned char gid[DK_GID_LEN];
	struct dk_subject s;
	struct dk_case c;
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if (action == NULL || on == NULL)
		return dk_app_fail(app, DK_INVALID, _("an action needs ACTION and --on DATE"));
	if ((rc = dk_app_check_ident(app, (int)kind, action, norm, sizeof(norm))) != DK_OK)
		return rc;
	if ((rc = dk_app_check_date(app, "--on", on, &day)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_SUBJECT_CHANGE)) != DK_OK)
		return rc;
	if ((rc = load_subject(app, code, &s, &c)) == DK_OK && day < s.added_on)
		rc = dk_app_fail(app, DK_INVALID, _("--on: before the subject was added"));
	dk_app_now_recorded(now);
	dk_app_new_gid(gid);
	if (rc == DK_OK && (rc = dk_store_subject_action_add(app->store, s.id, day, norm, interim,
	                                                     app->account.name, now, gid,
	                                                     app->office, &app->err)) == DK_OK)
		rc = dk_app_audit(app, "subject_action", c.gid, s.code);
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

/* ---- reading ---- */

struct actions_ctx {
	dk_date today;
	struct dk_subject_action_view *items;
	char (*names)[DK_IDENT_MAX];
	size_t n, cap;
};

static bool
collect_action(const struct dk_subject_action_row *a, void *ctx)
{
	struct actions_ctx *ac = ctx;

	if (a->on > ac->today)
		return false;
	if (ac->n == ac->cap) {
		ac->cap = ac->cap ? 2 * ac->cap : 4;
		ac->items = dk_xrealloc(ac->items, ac->cap * sizeof(*ac->items));
		ac->names = dk_xrealloc(ac->names, ac->cap * sizeof(*ac->names));
	}
	snprintf(ac->names[ac->n], DK_IDENT_MAX, "%s", a->action);
	ac->items[ac->n].on = a->on;
	ac->items[ac->n].interim = a->interim;
	ac->n++;
	return true;
}

struct subjects_ctx {
	struct dk_app *app;
	const char *ref;
	bool identity;
	bool (*fn)(const struct dk_subject_view *s, void *ctx);
	void *ctx;
	size_t named; /* subjects whose identity was shown */
	enum dk_rc rc;
};

static bool
one_subject(const struct dk_subject *s, const struct dk_subject_identity *id, void *ctx)
{
	struct subjects_ctx *sc = ctx;
	struct actions_ctx ac = {sc->app->today, NULL, NULL, 0, 0};
	struct dk_subject_view v;
	bool go_on;

	if (s->added_on > sc->app->today)
		return true;
	sc->rc =
	    dk_store_subject_actions(sc->app->store, s->id, collect_action, &ac, &sc->app->err);
	if (sc->rc != DK_OK) {
		free(ac.items);
		free(ac.names);
		return false;
	}
	for (size_t i = 0; i < ac.n; i++)
		ac.items[i].action = ac.names[i];
	memset(&v, 0, sizeof(v));
	v.code = s->code;
	v.ref = sc->ref;
	v.personnel = s->personnel;
	v.nationality = s->nationality;
	v.added_on = s->added_on;
	if (sc->identity && id != NULL) {
		v.name = id->name;
		v.index = id->index_number;
		v.unit = id->unit;
		sc->named += id->name != NULL || id->index_number != NULL || id->unit != NULL;
	}
	v.actions = ac.items;
	v.nactions = ac.n;
	go_on = sc->fn(&v, sc->ctx);
	free(ac.items);
	free(ac.names);
	return go_on;
}

enum dk_rc
dk_app_case_subjects(struct dk_app *app, const char *ref,
                     bool (*fn)(const struct dk_subject_view *s, void *ctx), void *ctx)
{
	bool identity = dk_app_may(app, DK_ACTION_SUBJECT_IDENTITY_READ);
	struct subjects_ctx sc = {app, NULL, identity, fn, ctx, 0, DK_OK};
	struct dk_case c;
	char detail[32];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	/* Showing identities writes their audit entry: a write transaction then. */
	rc = identity ? dk_app_tx_begin(app, DK_ACTION_CASE_READ)
	              : dk_app_tx_begin_read(app, DK_ACTION_CASE_READ);
	if (rc != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) == DK_OK) {
		sc.ref = c.ref;
		rc =
		    dk_store_case_subjects(app->store, c.id, identity, one_subject, &sc, &app->err);
		if (rc == DK_OK)
			rc = sc.rc;
	}
	if (rc == DK_OK && sc.named > 0) {
		snprintf(detail, sizeof(detail), "subjects=%zu", sc.named);
		rc = dk_app_audit(app, "subject_identity_view", c.gid, detail);
	}
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

struct vet_ctx {
	struct dk_app *app;
	bool (*fn)(const struct dk_vet_view *r, void *ctx);
	void *ctx;
	long found;
};

static bool
vet_row(const struct dk_vet_row *r, void *ctx)
{
	struct vet_ctx *vc = ctx;
	struct dk_vet_view v = {r->ref,       r->subject,
	                        r->personnel, r->nationality != NULL ? r->nationality : "",
	                        r->state,     r->outcome != NULL ? r->outcome : ""};

	vc->found++;
	return vc->fn(&v, vc->ctx);
}

enum dk_rc
dk_app_vet(struct dk_app *app, const char *query,
           bool (*fn)(const struct dk_vet_view *r, void *ctx), void *ctx)
{
	struct vet_ctx vc = {app, fn, ctx, 0};
	struct dk_buf key = DK_BUF_INIT;
	char *name_key = NULL, *index_key = NULL;
	char detail[32];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_VET))
		return dk_app_refuse_early(app, DK_ACTION_VET);
	if (query == NULL)
		return dk_app_fail(app, DK_INVALID, _("vet needs a name or an index number"));
	if ((rc = dk_validate_text(_("the name or index number"), query, DK_LINE_MAX, true,
	                           &app->err)) != DK_OK)
		return rc;
	dk_text_name_key(&key, query);
	if ((rc = dk_app_tx_begin(app, DK_ACTION_VET)) == DK_OK) {
		/* A query without letters can still be an index number. */
		if ((rc = dk_app_fields_vet_keys(app, key.len > 0 ? dk_buf_str(&key) : NULL, query,
		                                 &name_key, &index_key)) == DK_OK)
			rc = dk_store_vet(app->store, name_key,
			                  dk_app_fields_on(app) ? index_key : query, app->today,
			                  vet_row, &vc, &app->err);
		/* The count, never the query: it names a person. */
		snprintf(detail, sizeof(detail), "matches=%ld", vc.found);
		if (rc == DK_OK)
			rc = dk_app_audit(app, "vet", NULL, detail);
		rc = dk_app_tx_end(app, rc);
	}
	dk_buf_free(&key); /* wipes what it held */
	dk_xfree_wiped(&name_key);
	dk_xfree_wiped(&index_key);
	return rc;
}
