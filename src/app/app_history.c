/*
 * The event-history engine: a case is its append-only events. Appends and
 * records events (case row, deadlines, lapsed extensions), replays a case as
 * of a day, recomputes deadlines, loads a case in scope. It runs inside the
 * caller's transaction and never begins or ends one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/label.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

enum dk_rc
dk_app_append_event(struct dk_app *app, struct dk_case *c, const char *kind, dk_date on,
                    const char *field, const char *value, const char *previous, const char *note,
                    const char *data)
{
	struct dk_buf json = DK_BUF_INIT;
	char now[DK_RECORDED_LEN];
	unsigned char *heads = NULL;
	size_t heads_len = 0;
	struct dk_event ev;
	enum dk_rc rc;

	/* Without a payload of its own, an event's data is its typed fields. */
	if (data == NULL) {
		char date[DK_DATE_STRLEN];

		dk_date_format(on, date);
		dk_buf_printf(&json, "{\"kind\":\"%s\",\"on\":\"%s\",\"state\":\"%s\"", kind, date,
		              dk_state_id(c->state));
		if (field != NULL) {
			dk_buf_puts(&json, ",\"field\":");
			dk_text_json_string(&json, field);
			dk_buf_puts(&json, ",\"value\":");
			dk_text_json_string(&json, value);
		}
		if (note != NULL) {
			dk_buf_puts(&json, ",\"note\":");
			dk_text_json_string(&json, note);
		}
		dk_buf_putc(&json, '}');
		data = dk_buf_str(&json);
	}
	/* It follows every event of the case this copy holds: what an office saw. */
	if (strcmp(kind, "created") != 0 &&
	    (rc = dk_app_case_heads(app, c->id, &heads, &heads_len)) != DK_OK) {
		dk_buf_free(&json);
		return rc;
	}
	dk_app_now_recorded(now);
	memset(&ev, 0, sizeof(ev));
	ev.case_id = c->id;
	dk_app_new_gid(ev.gid);
	memcpy(ev.office, app->office, DK_GID_LEN);
	ev.on = on;
	ev.recorded_at = now;
	ev.actor = app->account.name;
	ev.kind = kind;
	ev.state = c->state;
	ev.urgent = c->urgent;
	ev.entity = c->entity;
	ev.field = field;
	ev.value = value;
	ev.note = note;
	ev.previous = previous;
	ev.data = data;
	ev.parents = heads;
	ev.parents_len = heads_len;
	ev.case_gid = c->gid;
	if (on > c->last_event_on)
		c->last_event_on = on;
	rc = dk_store_event_append(app->store, &ev, &app->err);
	free(heads);
	dk_buf_free(&json);
	return rc;
}

void
dk_app_describe_lapse(struct dk_buf *b, const struct dk_deadline_lapse *l, bool back)
{
	char to[DK_DATE_STRLEN], due[DK_DATE_STRLEN];
	const char *taken = dk_label_show(DK_LABEL_RULE, l->taken.rule->id);

	dk_date_show(l->taken.due, to);
	dk_date_show(l->instead_due, due);
	if (back)
		/* TRANSLATORS: "extension of Investigation: 6 months (to 01/09/2026) applies
		   again" (a rule by name, a local date). */
		dk_buf_printf(b, _("extension of %s (to %s) applies again"), taken, to);
	else if (l->instead != NULL)
		/* TRANSLATORS: "extension of Investigation: 6 months (to 01/09/2026) no longer
		   applies: Investigation: 90 days due 15/04/2026" (rules by name, local dates). */
		dk_buf_printf(b, _("extension of %s (to %s) no longer applies: %s due %s"), taken,
		              to, dk_label_show(DK_LABEL_RULE, l->instead->id), due);
	else
		dk_buf_printf(b, _("extension of %s (to %s) no longer applies"), taken, to);
}

static const struct dk_deadline_lapse *
same_lapse(const struct dk_deadline_lapse *l, const struct dk_deadline_lapse *in, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].taken.rule == l->taken.rule && in[i].taken.start == l->taken.start &&
		    in[i].on == l->on)
			return &in[i];
	return NULL;
}

/* Tells what an event changed in the extensions: lapsed since `before`, or back. */
static void
tell_lapses(struct dk_app *app, const struct dk_deadline_lapse *before, size_t nbefore,
            const struct dk_deadline_lapse *after, size_t nafter)
{
	struct dk_buf b = DK_BUF_INIT;

	for (size_t i = 0; i < nafter; i++) {
		const struct dk_deadline_lapse *was = same_lapse(&after[i], before, nbefore);
		bool back = after[i].back_on != DK_DATE_NONE;

		if (was == NULL && !back)
			dk_app_describe_lapse(&b, &after[i], false);
		else if (was != NULL && was->back_on == DK_DATE_NONE && back)
			dk_app_describe_lapse(&b, &after[i], true);
		else
			continue;
		dk_buf_putc(&b, '\n');
	}
	snprintf(app->notice, sizeof(app->notice), "%s", b.len > 0 ? dk_buf_str(&b) : "");
	dk_buf_free(&b);
}

enum dk_rc
dk_app_record_event(struct dk_app *app, struct dk_case *c, const char *kind, dk_date on,
                    const char *field, const char *value, const char *previous, const char *note,
                    const char *data)
{
	struct dk_deadline_lapse *before = NULL, *after = NULL;
	size_t nbefore = 0, nafter = 0;
	bool flagged = false;
	enum dk_rc rc = DK_OK;

	if (strcmp(kind, "created") != 0)
		rc = dk_app_case_lapses(app, c, &before, &nbefore);
	if (rc == DK_OK)
		rc = dk_app_append_event(app, c, kind, on, field, value, previous, note, data);
	if (rc == DK_OK && strcmp(kind, "created") != 0)
		rc = dk_store_case_update(app->store, c, &app->err);
	if (rc == DK_OK)
		rc = dk_app_recompute_deadlines(app, c);
	/* A move follows every head: it settles moves that had not seen each other. */
	if (rc == DK_OK && strcmp(kind, "moved") == 0)
		rc = dk_app_case_conflict_refresh(app, c->id, &flagged);
	if (rc == DK_OK && (rc = dk_app_case_lapses(app, c, &after, &nafter)) == DK_OK)
		tell_lapses(app, before, nbefore, after, nafter);
	free(before);
	free(after);
	return rc;
}

/* A case's stored history and its mission's holidays (both malloc'd). */
static enum dk_rc
case_history(struct dk_app *app, const struct dk_case *c, struct dk_fact **facts, size_t *nfacts,
             dk_date **holidays, size_t *nholidays)
{
	enum dk_rc rc;

	*holidays = NULL;
	*nholidays = 0;
	if ((rc = dk_store_case_facts(app->store, c->id, facts, nfacts, &app->err)) != DK_OK)
		return rc;
	return dk_store_holidays(app->store, c->mission, holidays, nholidays, &app->err);
}

/* A case's deadlines from its stored history, as of today. */
static enum dk_rc
case_deadlines(struct dk_app *app, const struct dk_case *c, dk_date today, struct dk_fact **facts,
               size_t *nfacts, struct dk_deadline **out, size_t *n)
{
	dk_date *holidays = NULL;
	size_t nholidays = 0;
	enum dk_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = case_history(app, c, facts, nfacts, &holidays, &nholidays)) == DK_OK)
		*n = dk_deadline_evaluate(*facts, *nfacts, app->rules, app->nrules, holidays,
		                          nholidays, today, out);
	free(holidays);
	return rc;
}

enum dk_rc
dk_app_case_lapses(struct dk_app *app, const struct dk_case *c, struct dk_deadline_lapse **out,
                   size_t *n)
{
	struct dk_fact *facts = NULL;
	dk_date *holidays = NULL;
	size_t nfacts = 0, nholidays = 0;
	enum dk_rc rc = case_history(app, c, &facts, &nfacts, &holidays, &nholidays);

	*out = NULL;
	*n = 0;
	if (rc == DK_OK) {
		/* The whole history: today is the end of time. */
		*n = dk_deadline_lapses(facts, nfacts, app->rules, app->nrules, holidays, nholidays,
		                        INT32_MAX, out);
	}
	free(facts);
	free(holidays);
	return rc;
}

enum dk_rc
dk_app_recompute_deadlines(struct dk_app *app, const struct dk_case *c)
{
	struct dk_deadline *d = NULL;
	struct dk_fact *facts = NULL;
	size_t n = 0, nfacts = 0;
	enum dk_rc rc;

	/* The stored view covers the whole history: today is the end of time. */
	rc = case_deadlines(app, c, INT32_MAX, &facts, &nfacts, &d, &n);
	if (rc == DK_OK)
		rc = dk_store_deadlines_replace(app->store, c->id, c->ref, c->last_event_on, d, n,
		                                &app->err);
	free(facts);
	free(d);
	return rc;
}

/* Field changes made after a day, to undo for a view of that day. */
struct undo_ctx {
	dk_date day;
	struct {
		char *field;
		char *previous;
	} * items;
	size_t n, cap;
};

static bool
collect_undo(const struct dk_event_row *e, void *ctx)
{
	struct undo_ctx *u = ctx;

	if (e->on <= u->day || e->field == NULL ||
	    (strcmp(e->kind, "set") != 0 && strcmp(e->kind, "moved") != 0))
		return true;
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 8;
		u->items = dk_xrealloc(u->items, u->cap * sizeof(*u->items));
	}
	u->items[u->n].field = dk_xstrdup(e->field);
	u->items[u->n++].previous = e->previous != NULL ? dk_xstrdup(e->previous) : NULL;
	return true;
}

enum dk_rc
dk_app_case_as_of(struct dk_app *app, struct dk_case *c, dk_date today, struct dk_deadline **out,
                  size_t *n)
{
	struct dk_fact *facts = NULL;
	size_t nfacts = 0;
	enum dk_rc rc = case_deadlines(app, c, today, &facts, &nfacts, out, n);

	if (rc == DK_OK && c->last_event_on > today) {
		struct undo_ctx u = {today, NULL, 0, 0};

		/* Undo, latest first, what later events changed; then the workflow fields. */
		rc = dk_store_event_each(app->store, c->id, collect_undo, &u, &app->err);
		for (size_t i = u.n; i-- > 0;) {
			if (rc == DK_OK)
				dk_app_case_restore(c, u.items[i].field, u.items[i].previous);
			free(u.items[i].field);
			dk_xfree_wiped(&u.items[i].previous);
		}
		free(u.items);
		for (size_t i = 0; i < nfacts && facts[i].on <= today; i++) {
			c->state = facts[i].state;
			c->urgent = facts[i].urgent;
			snprintf(c->entity, sizeof(c->entity), "%s", facts[i].entity);
			if (facts[i].kind == DK_FACT_MOVED)
				c->state_since = facts[i].on;
			c->last_event_on = facts[i].on;
		}
	}
	free(facts);
	return rc;
}

/*
 * Holidays move working-day deadlines, live or not: a closed case's may turn
 * overdue at its closing, or stop being. Every case of the mission is evaluated.
 */
enum dk_rc
dk_app_recompute_mission(struct dk_app *app, const char *mission)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum dk_rc rc = dk_store_mission_cases(app->store, mission, &ids, &n, &app->err);
	struct dk_case c;

	memset(&c, 0, sizeof(c));
	for (size_t i = 0; rc == DK_OK && i < n; i++) {
		if ((rc = dk_store_case_by_id(app->store, ids[i], &c, &app->err)) == DK_OK)
			rc = dk_app_recompute_deadlines(app, &c);
	}
	dk_case_clear(&c);
	free(ids);
	return rc;
}

/* A malformed reference is refused before any lookup; the mission is upper-cased. */
static enum dk_rc
normalize_ref(struct dk_app *app, const char *ref, char out[DK_REF_MAX])
{
	char mission[DK_MISSION_MAX + 1];
	int year;
	long seq;

	if (!dk_ref_parse(ref, mission, &year, &seq))
		return dk_app_fail(app, DK_INVALID,
		                   _("'%s' is not a case reference (expected e.g. "
		                     "MONUSCO-2026-0001)"),
		                   ref);
	dk_ref_format(out, mission, year, seq);
	return DK_OK;
}

/* The cases a reference names: the first loaded, every one's office kept. */
struct ref_matches {
	struct dk_app *app;
	struct dk_case *first;
	int n;
	char (*offices)[DK_OFFICE_NAME_MAX + 1];
	enum dk_rc rc;
};

static bool
match_ref(const struct dk_case *c, void *ctx)
{
	struct ref_matches *m = ctx;

	if (m->n == 0) {
		*m->first = *c;
		m->first->summary = c->summary != NULL ? dk_xstrdup(c->summary) : NULL;
	}
	m->offices = dk_xrealloc(m->offices, (size_t)(m->n + 1) * sizeof(*m->offices));
	m->rc = dk_app_office_name(m->app, c->office, m->offices[m->n], sizeof(*m->offices));
	m->n++;
	return m->rc == DK_OK;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* "REF@A, REF@B": how to name each of the cases a shared reference names, by office. */
static void
name_matches(struct ref_matches *m, const char *ref, struct dk_buf *out)
{
	qsort(m->offices, (size_t)m->n, sizeof(*m->offices), cmp_name);
	for (int i = 0; i < m->n; i++)
		dk_buf_printf(out, "%s%s@%s", i > 0 ? ", " : "", ref, m->offices[i]);
}

/* "REF" or "REF@OFFICE": the office's gid into office when one is named. */
static enum dk_rc
split_office(struct dk_app *app, const char *typed, char *ref, size_t size,
             struct dk_office_row *office, bool *named)
{
	const char *at = strchr(typed, '@');

	*named = at != NULL;
	snprintf(ref, size, "%.*s", at != NULL ? (int)(at - typed) : (int)strlen(typed), typed);
	return at != NULL ? dk_app_office_by_name(app, at + 1, office) : DK_OK;
}

enum dk_rc
dk_app_seal_check(struct dk_app *app, const struct dk_case *c, bool warn)
{
	char detail[32], warning[sizeof(app->warning)];
	long long entry = 0;
	bool differs;

	/* Out of scope, the entry only: the warning would name a case the account cannot see. */
	snprintf(warning, sizeof(warning), "%s", app->warning);
	differs = dk_app_seal_differs(app, c, &entry);
	if (!warn)
		snprintf(app->warning, sizeof(app->warning), "%s", warning);
	if (!differs || app->tx_read)
		return DK_OK;
	snprintf(detail, sizeof(detail), "entry=%lld", entry);
	return dk_app_audit(app, DK_SEAL_DIFFERS, c->gid, detail);
}

enum dk_rc
dk_app_load_case(struct dk_app *app, const char *ref, struct dk_case *c)
{
	struct ref_matches m = {app, c, 0, NULL, DK_OK};
	struct dk_office_row office;
	struct dk_buf names = DK_BUF_INIT;
	char norm[DK_REF_MAX], typed[DK_REF_MAX + DK_OFFICE_NAME_MAX + 2];
	bool named;
	enum dk_rc rc;

	if ((rc = split_office(app, ref, typed, sizeof(typed), &office, &named)) != DK_OK ||
	    (rc = normalize_ref(app, typed, norm)) != DK_OK)
		return rc;
	dk_case_clear(c);
	rc = dk_store_case_get(app->store, norm, named ? office.gid : NULL, match_ref, &m,
	                       &app->err);
	if (rc == DK_OK)
		rc = m.rc;
	/* A case reported after today did not exist yet. */
	if (rc == DK_OK && (m.n == 0 || c->reported > app->today))
		rc = dk_app_fail(app, DK_NOTFOUND, _("no case %s"), norm);
	else if (rc == DK_OK && m.n > 1) {
		name_matches(&m, norm, &names);
		/* TRANSLATORS: "MONUSCO-2026-0001 names 2 cases: MONUSCO-2026-0001@GOMA, ...". */
		rc = dk_app_fail(app, DK_INVALID, _("%s names %d cases: %s"), norm, m.n,
		                 dk_buf_str(&names));
	}
	if (rc == DK_OK)
		rc = dk_app_require_case(app, c);
	if (rc == DK_OK)
		rc = dk_app_seal_check(app, c, true);
	dk_buf_free(&names);
	free(m.offices);
	return rc;
}
