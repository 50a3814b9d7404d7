/*
 * Timelines: a case's events with its victims' and subjects' woven in, and
 * one victim's history across the cases it is named in. Everything is
 * gathered, sorted by date (stable: the order each source keeps on a day)
 * and cut at today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/date.h"
#include "docket/i18n.h"
#include "docket/label.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

struct tl_item {
	dk_date on;
	size_t seq; /* gathering order, to keep a day's events as their sources had them */
	char *kind, *actor, *detail, *ref;
};

struct timeline {
	struct tl_item *items;
	size_t n, cap;
};

static void
tl_add(struct timeline *tl, dk_date on, const char *kind, const char *actor, const char *detail,
       const char *ref)
{
	struct tl_item *it;

	if (tl->n == tl->cap)
		tl->items = dk_xrealloc(tl->items, (tl->cap = tl->cap ? 2 * tl->cap : 32) *
		                                       sizeof(*tl->items));
	it = &tl->items[tl->n];
	it->on = on;
	it->seq = tl->n++;
	it->kind = dk_xstrdup(kind);
	it->actor = dk_xstrdup(actor != NULL ? actor : "");
	it->detail = dk_xstrdup(detail);
	it->ref = dk_xstrdup(ref != NULL ? ref : "");
}

static int
tl_cmp(const void *a, const void *b)
{
	const struct tl_item *x = a, *y = b;

	if (x->on != y->on)
		return x->on < y->on ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts, passes every item up to today to fn, and frees everything (wiping free text). */
static void
tl_emit_free(struct timeline *tl, dk_date today,
             bool (*fn)(const struct dk_timeline_entry *e, void *ctx), void *ctx)
{
	bool go_on = fn != NULL;

	if (tl->n > 1)
		qsort(tl->items, tl->n, sizeof(*tl->items), tl_cmp);
	for (size_t i = 0; i < tl->n; i++) {
		struct tl_item *it = &tl->items[i];

		if (go_on && it->on <= today) {
			struct dk_timeline_entry e = {it->on, it->kind, it->actor, it->detail,
			                              it->ref};

			go_on = fn(&e, ctx);
		}
		dk_xfree_wiped(&it->detail);
		free(it->kind);
		free(it->actor);
		free(it->ref);
	}
	free(tl->items);
	memset(tl, 0, sizeof(*tl));
}

/* ---- a case's own events ---- */

struct case_events {
	struct dk_app *app;
	struct timeline *tl;
	const char *ref;
	enum dk_state previous;
	struct dk_buf detail;
};

static const char *
state_show(enum dk_state s)
{
	return dk_label_show(DK_LABEL_STATE, dk_state_id(s));
}

/* An ISO date for people (dk_date_show); what is not a date stays as it is. */
static const char *
date_show(const char *iso, char out[DK_DATE_STRLEN])
{
	dk_date d;

	if (iso == NULL || !dk_date_parse(iso, &d))
		return iso;
	dk_date_show(d, out);
	return out;
}

static const char *
yes_no_show(const char *v)
{
	return strcmp(v, "yes") == 0 ? _("yes") : strcmp(v, "no") == 0 ? _("no") : v;
}

/* A field's value as people read it: a display name, yes or no, a local date. */
static const char *
value_show(const char *field, const char *value, char date[DK_DATE_STRLEN])
{
	enum dk_label_kind kind = dk_label_kind_of_field(field);

	if (kind != DK_LABEL_NONE)
		return dk_label_show(kind, value);
	if (strcmp(field, "urgent") == 0)
		return yes_no_show(value);
	return date_show(value, date);
}

/* The detail line of one event, built from its typed fields and translated here. */
static void
describe(struct case_events *ce, const struct dk_event_row *e)
{
	struct dk_buf *b = &ce->detail;
	bool free_text = dk_app_may(ce->app, DK_ACTION_FREE_TEXT_READ);
	char date[DK_DATE_STRLEN];

	dk_buf_reset(b);
	if (strcmp(e->kind, "created") == 0) {
		dk_buf_printf(b, _("recorded as %s"), state_show(e->state));
		if (e->urgent)
			dk_buf_printf(b, _(", urgent"));
	} else if (strcmp(e->kind, "moved") == 0) {
		dk_buf_printf(b, "%s -> %s", state_show(ce->previous), state_show(e->state));
		if (e->state == DK_STATE_REFERRED && e->entity != NULL)
			dk_buf_printf(b, _(", entity %s"),
			              dk_label_show(DK_LABEL_ENTITY, e->entity));
		if (e->field != NULL && e->value != NULL)
			dk_buf_printf(b, ", %s %s", e->field, value_show(e->field, e->value, date));
	} else if (strcmp(e->kind, "set") == 0) {
		if (e->value != NULL && (free_text || strcmp(e->field, "summary") != 0))
			dk_buf_printf(b, _("%s set to %s"), e->field,
			              value_show(e->field, e->value, date));
		else
			dk_buf_printf(b, _("%s changed"), e->field);
	} else if (strcmp(e->kind, "extended") == 0) {
		dk_buf_printf(b, _("%s extended to %s"), dk_label_show(DK_LABEL_RULE, e->field),
		              date_show(e->value, date));
	}
	if (e->note != NULL && strcmp(e->kind, "set") != 0)
		dk_buf_printf(b, "%s%s", b->len > 0 ? ": " : "",
		              free_text ? e->note : _("[note withheld from your role]"));
}

static bool
case_event(const struct dk_event_row *e, void *ctx)
{
	struct case_events *ce = ctx;

	describe(ce, e);
	ce->previous = e->state;
	tl_add(ce->tl, e->on, e->kind, e->actor, dk_buf_str(&ce->detail), ce->ref);
	return true;
}

/* Extensions a change of urgency or entity took away, and brought back, on their days. */
static enum dk_rc
case_lapses(struct dk_app *app, const struct dk_case *c, struct timeline *tl)
{
	struct dk_deadline_lapse *l = NULL;
	struct dk_buf b = DK_BUF_INIT;
	size_t n = 0;
	enum dk_rc rc = dk_app_case_lapses(app, c, &l, &n);

	for (size_t i = 0; i < n; i++) {
		dk_buf_reset(&b);
		dk_app_describe_lapse(&b, &l[i], false);
		tl_add(tl, l[i].on, "extension_lapsed", NULL, dk_buf_str(&b), c->ref);
		if (l[i].back_on == DK_DATE_NONE)
			continue;
		dk_buf_reset(&b);
		dk_app_describe_lapse(&b, &l[i], true);
		tl_add(tl, l[i].back_on, "extension_back", NULL, dk_buf_str(&b), c->ref);
	}
	dk_buf_free(&b);
	free(l);
	return rc;
}

/* ---- victims' events ---- */

void
dk_app_describe_victim_event(const struct dk_app *app, const char *code,
                             const struct dk_victim_event_row *e, struct dk_buf *b)
{
	bool free_text = dk_app_may(app, DK_ACTION_FREE_TEXT_READ);

	dk_buf_reset(b);
	if (strcmp(e->kind, "added") == 0) {
		/* TRANSLATORS: "V-7K3Q9ABCDE named in MONUSCO-2026-0001". */
		dk_buf_printf(b, _("%s named in %s"), code, e->ref != NULL ? e->ref : "?");
	} else if (strcmp(e->kind, "informed") == 0) {
		dk_buf_printf(b, _("%s informed of progress"), code);
	} else if (strcmp(e->kind, "assistance") == 0) {
		/* TRANSLATORS: "V-7K3Q9ABCDE: medical assistance provided". */
		dk_buf_printf(
		    b, _("%s: %s assistance %s"), code,
		    e->item != NULL ? dk_label_show(DK_LABEL_ASSISTANCE, e->item) : "?",
		    e->status != NULL ? dk_label_show(DK_LABEL_ASSISTANCE_STATUS, e->status) : "?");
		if (e->provider != NULL)
			dk_buf_printf(b, _(" by %s"),
			              free_text ? e->provider
			                        : _("[provider withheld from your role]"));
		if (e->consent != NULL)
			dk_buf_printf(b, _(", consent %s"), yes_no_show(e->consent));
	} else if (strcmp(e->kind, "paternity") == 0) {
		dk_buf_printf(b, _("%s: paternity claim %s"), code,
		              e->item != NULL ? dk_label_show(DK_LABEL_PATERNITY, e->item) : "?");
	}
	if (e->note != NULL)
		dk_buf_printf(b, ": %s", free_text ? e->note : _("[note withheld from your role]"));
}

static const char *
victim_event_kind(const char *kind)
{
	static const struct {
		const char *stored, *shown;
	} kinds[] = {
	    {"added", "victim_added"},
	    {"informed", "victim_informed"},
	    {"assistance", "victim_assistance"},
	    {"paternity", "victim_paternity"},
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].stored, kind) == 0)
			return kinds[i].shown;
	return kind;
}

struct victim_events {
	struct dk_app *app;
	struct timeline *tl;
	const char *code;
	const char *only_ref; /* a case's timeline: its own naming, not the victim's other cases' */
	dk_date since;        /* and only from the day the victim was named in it */
	struct dk_buf detail;
};

static bool
victim_event(const struct dk_victim_event_row *e, void *ctx)
{
	struct victim_events *ve = ctx;
	bool added = strcmp(e->kind, "added") == 0;

	if (ve->only_ref != NULL &&
	    ((added && (e->ref == NULL || strcmp(e->ref, ve->only_ref) != 0)) ||
	     (!added && e->on < ve->since)))
		return true;
	/* A naming in a case the account may not see is left out, reference and all. */
	if (added && (e->mission == NULL || !dk_app_in_scope(ve->app, e->mission)))
		return true;
	dk_app_describe_victim_event(ve->app, ve->code, e, &ve->detail);
	tl_add(ve->tl, e->on, victim_event_kind(e->kind), e->actor, dk_buf_str(&ve->detail),
	       added ? e->ref : ve->only_ref);
	return true;
}

/* The victims of case c, each one's events from the day it was named in c. */
struct case_victims {
	struct dk_app *app;
	struct timeline *tl;
	const struct dk_case *c;
	enum dk_rc rc;
};

static bool
victim_since(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct victim_events *ve = ctx;

	if (strcmp(c->ref, ve->only_ref) == 0)
		ve->since = added_on;
	return true;
}

static bool
case_victim(const struct dk_victim *v, void *ctx)
{
	struct case_victims *cv = ctx;
	struct victim_events ve = {cv->app, cv->tl, v->code, cv->c->ref, DK_DATE_NONE, DK_BUF_INIT};

	cv->rc = dk_store_victim_cases(cv->app->store, v->id, victim_since, &ve, &cv->app->err);
	if (cv->rc == DK_OK)
		cv->rc =
		    dk_store_victim_events(cv->app->store, v->id, victim_event, &ve, &cv->app->err);
	dk_buf_free(&ve.detail);
	return cv->rc == DK_OK;
}

/* ---- subjects ---- */

struct case_subjects {
	struct dk_app *app;
	struct timeline *tl;
	const char *ref;
	const char *code;
	struct dk_buf detail;
	enum dk_rc rc;
};

static bool
subject_action(const struct dk_subject_action_row *a, void *ctx)
{
	struct case_subjects *cs = ctx;

	dk_buf_reset(&cs->detail);
	dk_buf_printf(&cs->detail,
	              a->interim ? _("%s: %s (interim action)") : _("%s: %s (final action)"),
	              cs->code, dk_label_show(DK_LABEL_ACTION, a->action));
	tl_add(cs->tl, a->on, "subject_action", a->actor, dk_buf_str(&cs->detail), cs->ref);
	return true;
}

static bool
case_subject(const struct dk_subject *s, const struct dk_subject_identity *id, void *ctx)
{
	struct case_subjects *cs = ctx;

	(void)id;
	dk_buf_reset(&cs->detail);
	/* TRANSLATORS: "S-4F7K2M9QXA added: military_mc, COD". */
	dk_buf_printf(&cs->detail, _("%s added: %s%s%s"), s->code,
	              dk_label_show(DK_LABEL_PERSONNEL, s->personnel),
	              s->nationality[0] != '\0' ? ", " : "", s->nationality);
	tl_add(cs->tl, s->added_on, "subject_added", s->actor, dk_buf_str(&cs->detail), cs->ref);
	cs->code = s->code;
	cs->rc = dk_store_subject_actions(cs->app->store, s->id, subject_action, cs, &cs->app->err);
	return cs->rc == DK_OK;
}

enum dk_rc
dk_app_timeline(struct dk_app *app, const char *ref,
                bool (*fn)(const struct dk_timeline_entry *e, void *ctx), void *ctx)
{
	struct timeline tl = {NULL, 0, 0};
	struct dk_case c;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) == DK_OK) {
		struct case_events ce = {app, &tl, c.ref, DK_STATE_RECEIVED, DK_BUF_INIT};
		struct case_victims cv = {app, &tl, &c, DK_OK};
		struct case_subjects cs = {app, &tl, c.ref, NULL, DK_BUF_INIT, DK_OK};

		rc = dk_store_event_each(app->store, c.id, case_event, &ce, &app->err);
		if (rc == DK_OK)
			rc = case_lapses(app, &c, &tl);
		dk_buf_free(&ce.detail);
		if (rc == DK_OK && (rc = dk_store_victim_each(app->store, c.id, case_victim, &cv,
		                                              &app->err)) == DK_OK)
			rc = cv.rc;
		if (rc == DK_OK &&
		    (rc = dk_store_case_subjects(app->store, c.id, false, case_subject, &cs,
		                                 &app->err)) == DK_OK)
			rc = cs.rc;
		dk_buf_free(&cs.detail);
	}
	if (rc == DK_OK)
		tl_emit_free(&tl, app->today, fn, ctx);
	else
		tl_emit_free(&tl, app->today, NULL, NULL);
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

/* ---- one victim across its cases ---- */

struct linked_moves {
	struct dk_app *app;
	struct timeline *tl;
	const char *ref;
	dk_date since;
	enum dk_state previous;
};

static bool
linked_move(const struct dk_event_row *e, void *ctx)
{
	struct linked_moves *lm = ctx;
	char detail[128];

	if (strcmp(e->kind, "moved") == 0 && e->on >= lm->since) {
		snprintf(detail, sizeof(detail), "%s -> %s", state_show(lm->previous),
		         state_show(e->state));
		tl_add(lm->tl, e->on, e->kind, e->actor, detail, lm->ref);
	}
	lm->previous = e->state;
	return true;
}

struct victim_cases {
	struct dk_app *app;
	struct timeline *tl;
	enum dk_rc rc;
};

/* The moves of each case the victim is named in, from that day: what there is to tell. */
static bool
victim_case(const struct dk_case *c, dk_date added_on, void *ctx)
{
	struct victim_cases *vc = ctx;
	struct linked_moves lm = {vc->app, vc->tl, c->ref, added_on, DK_STATE_RECEIVED};

	if (!dk_app_in_scope(vc->app, c->mission))
		return true;
	vc->rc = dk_store_event_each(vc->app->store, c->id, linked_move, &lm, &vc->app->err);
	return vc->rc == DK_OK;
}

enum dk_rc
dk_app_victim_timeline(struct dk_app *app, const char *code,
                       bool (*fn)(const struct dk_timeline_entry *e, void *ctx), void *ctx)
{
	struct timeline tl = {NULL, 0, 0};
	struct dk_victim v;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_victim(app, code, &v)) == DK_OK) {
		struct victim_events ve = {app, &tl, v.code, NULL, DK_DATE_NONE, DK_BUF_INIT};
		struct victim_cases vc = {app, &tl, DK_OK};

		rc = dk_store_victim_events(app->store, v.id, victim_event, &ve, &app->err);
		dk_buf_free(&ve.detail);
		if (rc == DK_OK && (rc = dk_store_victim_cases(app->store, v.id, victim_case, &vc,
		                                               &app->err)) == DK_OK)
			rc = vc.rc;
	}
	if (rc == DK_OK)
		tl_emit_free(&tl, app->today, fn, ctx);
	else
		tl_emit_free(&tl, app->today, NULL, NULL);
	return dk_app_tx_end(app, rc);
}
