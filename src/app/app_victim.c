/*
 * Victims: named in cases under a pseudonymous code, told of progress, given
 * assistance. Their identity is kept apart and every view of it is audited.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/buf.h"
#include "docket/code.h"
#include "docket/i18n.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define CODE_TRIES 8

/* The day of an event: a real date (NULL: today), not after today, not before `not_before`. */
static enum dk_rc
check_day(struct dk_app *app, const char *on, dk_date not_before, const char *what, dk_date *out)
{
	enum dk_rc rc;

	if (on == NULL)
		*out = app->today;
	else if ((rc = dk_app_check_date(app, "--on", on, out)) != DK_OK)
		return rc;
	if (not_before != DK_DATE_NONE && *out < not_before) {
		char day[DK_DATE_STRLEN], first[DK_DATE_STRLEN];

		dk_date_format(*out, day);
		dk_date_format(not_before, first);
		/* TRANSLATORS: "--on: 2026-01-02 is before the victim was named (2026-01-05)". */
		return dk_app_fail(app, DK_INVALID, _("--on: %s is before %s (%s)"), day, what,
		                   first);
	}
	return DK_OK;
}

/* The victim's latest inform, in any case: rows come in order, the last one wins. */
static bool
keep_victim_last(const struct dk_victim_event_row *e, void *ctx)
{
	struct dk_app_previous *last = ctx;

	if (strcmp(e->kind, "informed") == 0) {
		last->on = e->on;
		snprintf(last->what, sizeof(last->what), "%s", _("informed"));
	}
	return true;
}

/*
 * A victim's informs are one stream, the one its victim_update clock
 * follows: none may predate the previous one. Namings in further cases,
 * assistance and paternity steps need only follow the victim's first naming
 * (an inform before a case named the victim does not count in that case).
 */
static enum dk_rc
victim_in_order(struct dk_app *app, const struct dk_victim *v, dk_date on)
{
	struct dk_app_previous last = {DK_DATE_NONE, ""};
	enum dk_rc rc;

	if ((rc = dk_store_victim_events(app->store, v->id, keep_victim_last, &last, &app->err)) !=
	    DK_OK)
		return rc;
	return dk_app_check_order(app, on, &last, true);
}

static enum dk_rc
check_line(struct dk_app *app, const char *what, const char *value)
{
	if (value == NULL)
		return DK_OK;
	return dk_validate_text(what, value, DK_LINE_MAX, true, &app->err);
}

/* ---- scope: a victim is seen through the cases it is named in ---- */

static bool
visible_case(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct dk_victim_scope *sc = ctx;

	if (added_on > sc->app->today) {
		/* Not named in it yet, as of today: missing, not forbidden. */
		sc->later |= dk_app_in_scope(sc->app, c->mission);
		return true;
	}
	if (!sc->have_gid) {
		memcpy(sc->first_gid, c->gid, DK_GID_LEN);
		sc->have_gid = true;
	}
	if (dk_app_in_scope(sc->app, c->mission)) {
		memcpy(sc->first_gid, c->gid, DK_GID_LEN);
		sc->visible = true;
		return false;
	}
	return true;
}

enum dk_rc
dk_app_victim_scope(struct dk_app *app, const struct dk_victim *v, struct dk_victim_scope *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->app = app;
	return dk_store_victim_cases(app->store, v->id, visible_case, sc, &app->err);
}

enum dk_rc
dk_app_load_victim(struct dk_app *app, const char *typed, struct dk_victim *v)
{
	char code[DK_CODE_MAX];
	struct dk_victim_scope sc;
	enum dk_rc rc;

	if ((rc = dk_app_check_code(app, 'V', typed, code)) != DK_OK)
		return rc;
	rc = dk_store_victim_get(app->store, code, v, &app->err);
	if (rc == DK_NOTFOUND)
		return dk_app_fail(app, DK_NOTFOUND, _("no victim %s"), code);
	if (rc != DK_OK || (rc = dk_app_victim_scope(app, v, &sc)) != DK_OK)
		return rc;
	if (!sc.visible || v->added_on > app->today) {
		/* Audited as a refusal, answered as if the victim did not exist. */
		if (!sc.visible && !sc.later) {
			dk_app_remember_denial(app, app->action, sc.have_gid ? sc.first_gid : NULL,
			                       "outside_scope");
		}
		return dk_app_fail(app, DK_NOTFOUND, _("no victim %s"), code);
	}
	return DK_OK;
}

/* ---- recording ---- */

/* After a victim fact dated on: the case's history reaches that day, its deadlines change. */
static enum dk_rc
touch_case(struct dk_app *app, struct dk_case *c, dk_date on)
{
	enum dk_rc rc;

	if (on > c->last_event_on) {
		c->last_event_on = on;
		if ((rc = dk_store_case_update(app->store, c, &app->err)) != DK_OK)
			return rc;
	}
	return dk_app_recompute_deadlines(app, c);
}

struct touch_ctx {
	struct dk_app *app;
	dk_date on;
	enum dk_rc rc;
};

/* Each case the victim is named in is sealed again at commit: checked first. */
static bool
check_linked(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct touch_ctx *tc = ctx;

	(void)added_on;
	tc->rc = dk_app_seal_check(tc->app, c, dk_app_in_scope(tc->app, c->mission));
	return tc->rc == DK_OK;
}

static enum dk_rc
check_cases(struct dk_app *app, const struct dk_victim *v)
{
	struct touch_ctx tc = {app, 0, DK_OK};
	enum dk_rc rc = dk_store_victim_cases(app->store, v->id, check_linked, &tc, &app->err);

	return rc != DK_OK ? rc : tc.rc;
}

static bool
touch_linked(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct touch_ctx *tc = ctx;
	struct dk_case copy = *c;

	(void)added_on;
	copy.summary = c->summary != NULL ? dk_xstrdup(c->summary) : NULL;
	tc->rc = touch_case(tc->app, &copy, tc->on);
	dk_case_clear(&copy);
	return tc->rc == DK_OK;
}

enum dk_rc
dk_app_victim_event(struct dk_app *app, struct dk_victim_event *e)
{
	char now[DK_RECORDED_LEN];
	unsigned char gid[DK_GID_LEN];

	dk_app_now_recorded(now);
	e->actor = app->account.name;
	e->recorded_at = now;
	dk_app_new_gid(gid);
	return dk_store_victim_event_append(app->store, e, gid, app->office, &app->err);
}

enum dk_rc
dk_app_victim_record(struct dk_app *app, const struct dk_victim_input *in, const char *mission,
                     struct dk_victim *v, dk_date on)
{
	char now[DK_RECORDED_LEN];
	enum dk_rc rc = DK_EXISTS;

	memset(v, 0, sizeof(*v));
	snprintf(v->sex, sizeof(v->sex), "%s", in->sex != NULL ? in->sex : "unknown");
	snprintf(v->age, sizeof(v->age), "%s", in->age != NULL ? in->age : "unknown");
	v->added_on = on;
	dk_app_now_recorded(now);
	/* Its content keys before its identity is sealed with them. */
	dk_app_new_gid(v->gid);
	if ((rc = dk_app_fields_victim(app, v->gid, mission)) != DK_OK)
		return rc;
	rc = DK_EXISTS;
	for (int i = 0; i < CODE_TRIES && rc == DK_EXISTS; i++) {
		dk_app_new_code('V', v->code);
		rc = dk_store_victim_add(app->store, v, app->office, now, in->name, in->contact,
		                         &app->err);
	}
	return rc;
}

enum dk_rc
dk_app_victim_add(struct dk_app *app, const struct dk_victim_input *in, char code[DK_CODE_MAX])
{
	char sex[DK_IDENT_MAX], age[DK_IDENT_MAX];
	struct dk_victim_event e;
	struct dk_victim v;
	struct dk_case c;
	dk_date on;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	memset(&v, 0, sizeof(v));
	if (in->ref == NULL)
		return dk_app_fail(app, DK_INVALID, _("which case? (victim add REF)"));
	if ((in->sex != NULL &&
	     (rc = dk_app_check_ident(app, DK_VOCAB_SEX, in->sex, sex, sizeof(sex))) != DK_OK) ||
	    (in->age != NULL &&
	     (rc = dk_app_check_ident(app, DK_VOCAB_AGE, in->age, age, sizeof(age))) != DK_OK) ||
	    (rc = check_line(app, "--name", in->name)) != DK_OK ||
	    (rc = check_line(app, "--contact", in->contact)) != DK_OK)
		return rc;
	if (in->code != NULL &&
	    (in->sex != NULL || in->age != NULL || in->name != NULL || in->contact != NULL))
		return dk_app_fail(
		    app, DK_INVALID,
		    _("--code names a victim already recorded: give no --sex, --age, "
		      "--name or --contact with it"));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_VICTIM_ADD)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, in->ref, &c)) != DK_OK ||
	    (rc = check_day(app, in->on, c.reported, _("the case was reported"), &on)) != DK_OK)
		goto out;
	if (in->code != NULL) {
		if ((rc = dk_app_load_victim(app, in->code, &v)) != DK_OK ||
		    (rc = check_cases(app, &v)) != DK_OK ||
		    (rc = dk_app_fields_victim(app, v.gid, c.mission)) != DK_OK)
			goto out;
		if (on < v.added_on) {
			rc = check_day(app, in->on, v.added_on, _("the victim was first named"),
			               &on);
			goto out;
		}
	} else if ((rc = dk_app_victim_record(app, in, c.mission, &v, on)) != DK_OK) {
		goto out;
	}
	rc = dk_store_victim_link(app->store, v.id, c.id, on, &app->err);
	if (rc == DK_EXISTS) {
		rc = dk_app_fail(app, DK_INVALID, _("%s is already named in %s"), v.code, c.ref);
		goto out;
	}
	memset(&e, 0, sizeof(e));
	e.victim_id = v.id;
	e.case_id = c.id;
	e.on = on;
	e.kind = "added";
	if (rc == DK_OK && (rc = dk_app_victim_event(app, &e)) == DK_OK &&
	    (rc = touch_case(app, &c, on)) == DK_OK)
		rc = dk_app_audit(app, "victim_add", c.gid, v.code);
out:
	dk_case_clear(&c);
	if ((rc = dk_app_tx_end(app, rc)) == DK_OK)
		snprintf(code, DK_CODE_MAX, "%s", v.code);
	return rc;
}

/* The frame of inform, assist and paternity: the victim, the day, the event, the audit. */
static enum dk_rc
record(struct dk_app *app, const char *code, const char *on, struct dk_victim_event *e,
       const char *audit_action)
{
	struct dk_victim_scope sc;
	struct dk_victim v;
	enum dk_rc rc;

	if ((rc = dk_app_tx_begin(app, DK_ACTION_VICTIM_SUPPORT)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_victim(app, code, &v)) != DK_OK ||
	    (rc = check_day(app, on, v.added_on, _("the victim was named"), &e->on)) != DK_OK ||
	    (strcmp(e->kind, "informed") == 0 && (rc = victim_in_order(app, &v, e->on)) != DK_OK) ||
	    (rc = dk_app_victim_scope(app, &v, &sc)) != DK_OK ||
	    (rc = check_cases(app, &v)) != DK_OK)
		return dk_app_tx_end(app, rc);
	e->victim_id = v.id;
	if ((rc = dk_app_victim_event(app, e)) == DK_OK && strcmp(e->kind, "informed") == 0) {
		/* Informing meets the victim's deadline in every case it is named in. */
		struct touch_ctx tc = {app, e->on, DK_OK};

		rc = dk_store_victim_cases(app->store, v.id, touch_linked, &tc, &app->err);
		if (rc == DK_OK)
			rc = tc.rc;
	}
	if (rc == DK_OK)
		rc = dk_app_audit(app, audit_action, sc.first_gid, v.code);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_victim_inform(struct dk_app *app, const char *code, const char *on, const char *note)
{
	struct dk_victim_event e;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (note != NULL &&
	    (rc = dk_validate_text("--note", note, DK_TEXT_MAX, false, &app->err)) != DK_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.kind = "informed";
	e.note = note;
	return record(app, code, on, &e, "victim_inform");
}

enum dk_rc
dk_app_victim_assist(struct dk_app *app, const struct dk_assistance_input *in)
{
	char kind[DK_IDENT_MAX], status[DK_IDENT_MAX];
	struct dk_victim_event e;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (in->kind == NULL || in->status == NULL || in->on == NULL)
		return dk_app_fail(app, DK_INVALID,
		                   _("assistance needs a KIND, --on DATE and --status "
		                     "referred|provided|declined"));
	if ((rc = dk_app_check_ident(app, DK_VOCAB_ASSISTANCE, in->kind, kind, sizeof(kind))) !=
	        DK_OK ||
	    (rc = dk_app_check_ident(app, DK_VOCAB_ASSISTANCE_STATUS, in->status, status,
	                             sizeof(status))) != DK_OK ||
	    (rc = check_line(app, "--provider", in->provider)) != DK_OK)
		return rc;
	if (in->consent != NULL && strcmp(in->consent, "yes") != 0 &&
	    strcmp(in->consent, "no") != 0)
		return dk_app_fail(app, DK_INVALID, _("--consent: '%s' is not yes or no"),
		                   in->consent);
	memset(&e, 0, sizeof(e));
	e.kind = "assistance";
	e.item = kind;
	e.status = status;
	e.provider = in->provider;
	e.consent = in->consent;
	return record(app, in->code, in->on, &e, "victim_assist");
}

enum dk_rc
dk_app_victim_paternity(struct dk_app *app, const char *code, const char *status, const char *on)
{
	char norm[DK_IDENT_MAX];
	struct dk_victim_event e;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (status == NULL || on == NULL)
		return dk_app_fail(app, DK_INVALID,
		                   _("a paternity claim needs a STATUS and --on DATE"));
	if ((rc = dk_app_check_ident(app, DK_VOCAB_PATERNITY, status, norm, sizeof(norm))) != DK_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.kind = "paternity";
	e.item = norm;
	return record(app, code, on, &e, "victim_paternity");
}
