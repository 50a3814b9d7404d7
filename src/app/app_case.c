/* Case intake, lookup and listing. */
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

void
dk_app_created_event_data(struct dk_buf *b, const struct dk_case *c)
{
	const struct {
		const char *key;
		const char *value;
	} fields[] = {
	    {"mission", c->mission},     {"category", c->category},       {"type", c->type},
	    {"personnel", c->personnel}, {"nationality", c->nationality}, {"source", c->source},
	    {"summary", c->summary},
	};
	char date[DK_DATE_STRLEN];

	dk_date_format(c->reported, date);
	dk_buf_printf(b, "{\"ref\":");
	dk_text_json_string(b, c->ref);
	dk_buf_printf(b, ",\"reported\":\"%s\"", date);
	if (c->incident != DK_DATE_NONE) {
		dk_date_format(c->incident, date);
		dk_buf_printf(b, ",\"incident\":\"%s\"", date);
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].value == NULL || fields[i].value[0] == '\0')
			continue;
		dk_buf_printf(b, ",\"%s\":", fields[i].key);
		dk_text_json_string(b, fields[i].value);
	}
	dk_buf_printf(b, ",\"urgent\":%s}", c->urgent ? "true" : "false");
}

enum dk_rc
dk_app_case_record(struct dk_app *app, struct dk_case *c)
{
	struct dk_buf data = DK_BUF_INIT;
	enum dk_rc rc;

	if ((rc = dk_store_ref_next(app->store, c->mission, c->year, &c->seq, &app->err)) != DK_OK)
		return rc;
	dk_ref_format(c->ref, c->mission, c->year, c->seq);
	dk_app_new_gid(c->gid);
	memcpy(c->office, app->office, DK_GID_LEN);
	if ((rc = dk_app_fields_case(app, c->gid, c->mission)) != DK_OK ||
	    (rc = dk_store_case_insert(app->store, c, &app->err)) != DK_OK)
		return rc;
	dk_app_created_event_data(&data, c);
	rc = dk_app_record_event(app, c, "created", c->reported, NULL, NULL, NULL, NULL,
	                         dk_buf_str(&data));
	dk_buf_free(&data);
	return rc;
}

/* An optional identifier field: NULL or "" leaves it unset. */
static enum dk_rc
optional_ident(struct dk_app *app, enum dk_vocab_kind kind, const char *value, char *out,
               size_t size)
{
	out[0] = '\0';
	if (value == NULL || value[0] == '\0')
		return DK_OK;
	return dk_app_check_ident(app, (int)kind, value, out, size);
}

/* Everything about a new case is checked before the database is touched. */
static enum dk_rc
validate_input(struct dk_app *app, const struct dk_case_input *in, struct dk_case *c)
{
	enum dk_rc rc;
	int y, m, d;

	if (in->mission == NULL || in->reported == NULL || in->category == NULL)
		return dk_app_fail(app, DK_INVALID,
		                   _("a case needs --mission, --reported and --category"));
	if ((rc = dk_validate_mission(in->mission, c->mission, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_date(app, "--reported", in->reported, &c->reported)) != DK_OK)
		return rc;
	if (in->incident != NULL && in->incident[0] != '\0') {
		if ((rc = dk_app_check_date(app, "--incident", in->incident, &c->incident)) !=
		    DK_OK)
			return rc;
		if (c->incident > c->reported)
			return dk_app_fail(app, DK_INVALID,
			                   _("--incident: %s is after the date reported (%s)"),
			                   in->incident, in->reported);
	}
	if ((rc = dk_app_check_ident(app, DK_VOCAB_CATEGORY, in->category, c->category,
	                             sizeof(c->category))) != DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_TYPE, in->type, c->type, sizeof(c->type))) !=
	        DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_PERSONNEL, in->personnel, c->personnel,
	                         sizeof(c->personnel))) != DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_SOURCE, in->source, c->source, sizeof(c->source))) !=
	        DK_OK)
		return rc;
	if (in->nationality != NULL && in->nationality[0] != '\0') {
		if ((rc = dk_validate_nationality(in->nationality, c->nationality, &app->err)) !=
		    DK_OK)
			return rc;
	}
	if (in->summary != NULL && in->summary[0] != '\0') {
		if ((rc = dk_validate_text("--summary", in->summary, DK_TEXT_MAX, false,
		                           &app->err)) != DK_OK)
			return rc;
		c->summary = dk_xstrdup(in->summary);
	}
	dk_date_to_ymd(c->reported, &y, &m, &d);
	c->year = y;
	c->urgent = in->urgent;
	c->state = DK_STATE_RECEIVED;
	c->state_since = c->reported;
	c->last_event_on = c->reported;
	return DK_OK;
}

enum dk_rc
dk_app_case_add(struct dk_app *app, const struct dk_case_input *in, char ref[DK_REF_MAX])
{
	struct dk_case c;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	c.incident = DK_DATE_NONE;
	if ((rc = validate_input(app, in, &c)) != DK_OK)
		goto out;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_CASE_ADD)) != DK_OK)
		goto out;
	if ((rc = dk_app_check_mission(app, "--mission", in->mission, true, c.mission)) != DK_OK ||
	    (rc = dk_app_require_mission(app, DK_ACTION_CASE_ADD, c.mission)) != DK_OK) {
		rc = dk_app_tx_end(app, rc);
		goto out;
	}
	rc = dk_app_case_record(app, &c);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_add", c.gid, "");
	if ((rc = dk_app_tx_end(app, rc)) == DK_OK)
		snprintf(ref, DK_REF_MAX, "%s", c.ref);
out:
	dk_case_clear(&c);
	return rc;
}

/* The view of one deadline for the front ends. */
static void
deadline_view(const struct dk_app *app, const char *ref, const struct dk_deadline *d,
              struct dk_deadline_view *v, struct dk_buf *explanation)
{
	v->ref = ref;
	v->rule = d->rule->id;
	v->start = d->start;
	v->due = d->due;
	v->original_due = d->original_due;
	v->met_on = d->met_on;
	v->ended_on = d->ended_on;
	v->extensions = d->extensions;
	v->victim = d->victim;
	v->days_left = dk_deadline_days_left(d, app->today);
	v->status = dk_deadline_status_id(dk_deadline_status(d, app->today));
	v->explanation = NULL;
	if (explanation != NULL) {
		dk_buf_reset(explanation);
		dk_deadline_explain(explanation, d);
		v->explanation = dk_buf_str(explanation);
	}
}

enum dk_rc
dk_app_case_get(struct dk_app *app, const char *ref, struct dk_case *out, dk_deadline_fn fn,
                void *ctx)
{
	struct dk_buf explanation = DK_BUF_INIT;
	struct dk_deadline *d = NULL;
	size_t n = 0;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	dk_case_clear(out);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, out)) != DK_OK)
		goto out;
	if ((rc = dk_app_case_as_of(app, out, app->today, &d, &n)) != DK_OK)
		goto out;
	dk_app_redact_case(app, out);
	for (size_t i = 0; fn != NULL && i < n; i++) {
		struct dk_deadline_view v;

		deadline_view(app, out->ref, &d[i], &v, &explanation);
		if (!fn(&v, ctx))
			break;
	}
out:
	free(d);
	dk_buf_free(&explanation);
	return dk_app_tx_end(app, rc);
}

/* A filter as typed, checked and normalized into the caller's buffers. */
static enum dk_rc
check_filter(struct dk_app *app, struct dk_case_filter *f, char mission[DK_MISSION_MAX + 1])
{
	char category[DK_IDENT_MAX];
	enum dk_state state;
	enum dk_rc rc;

	if (f->mission != NULL) {
		if ((rc = dk_validate_mission(f->mission, mission, &app->err)) != DK_OK)
			return rc;
		f->mission = mission;
	}
	if (f->state != NULL && strcmp(f->state, DK_STATE_FILTER_OPEN) != 0 &&
	    !dk_state_parse(f->state, &state))
		return dk_app_fail_unknown_state(app, f->state, DK_STATE_FILTER_OPEN);
	if (f->category != NULL && (rc = dk_app_check_ident(app, DK_VOCAB_CATEGORY, f->category,
	                                                    category, sizeof(category))) != DK_OK)
		return rc;
	if (f->text != NULL &&
	    (rc = dk_validate_text(_("search"), f->text, DK_LINE_MAX, true, &app->err)) != DK_OK)
		return rc;
	return DK_OK;
}

struct list_ctx {
	struct dk_app *app;
	const struct dk_case_filter *filter;
	bool (*fn)(const struct dk_case *c, void *ctx);
	void *ctx;
	enum dk_rc rc;
	/* By due date: replayed cases (the store has them first) held to merge by their own date.
	 */
	struct dk_case *held;
	size_t nheld, cap, next_held;
	bool offices; /* the database holds several offices' cases: each is named */
};

static bool
state_matches(const char *filter, enum dk_state state)
{
	if (filter == NULL)
		return true;
	if (strcmp(filter, DK_STATE_FILTER_OPEN) == 0)
		return state != DK_STATE_CLOSED;
	return strcmp(filter, dk_state_id(state)) == 0;
}

static int
compare_due(const struct dk_case *a, const struct dk_case *b)
{
	dk_date da = a->next_due != DK_DATE_NONE ? a->next_due : DK_NO_DEADLINE;
	dk_date db = b->next_due != DK_DATE_NONE ? b->next_due : DK_NO_DEADLINE;

	return da != db ? (da < db ? -1 : 1) : strcmp(a->ref, b->ref);
}

static int
compare_due_qsort(const void *a, const void *b)
{
	return compare_due(a, b);
}

/* Passes on the held cases that sort before next (all of them when next is NULL). */
static bool
emit_held(struct list_ctx *lc, const struct dk_case *next)
{
	if (lc->next_held == 0 && lc->nheld > 1)
		qsort(lc->held, lc->nheld, sizeof(*lc->held), compare_due_qsort);
	while (lc->next_held < lc->nheld &&
	       (next == NULL || compare_due(&lc->held[lc->next_held], next) < 0)) {
		if (!lc->fn(&lc->held[lc->next_held++], lc->ctx))
			return false;
	}
	return true;
}

static void
free_held(struct list_ctx *lc)
{
	for (size_t i = 0; i < lc->nheld; i++)
		dk_case_clear(&lc->held[i]);
	free(lc->held);
}

static bool
hold(struct list_ctx *lc, struct dk_case *c)
{
	if (lc->nheld == lc->cap) {
		lc->cap = lc->cap ? 2 * lc->cap : 16;
		lc->held = dk_xrealloc(lc->held, lc->cap * sizeof(*lc->held));
	}
	lc->held[lc->nheld++] = *c;
	memset(c, 0, sizeof(*c));
	return true;
}

/*
 * Cases whose history goes on after today are replayed so the listing shows
 * them as they stood then; the rest come straight from the stored rows.
 */
static bool
list_one(const struct dk_case *stored, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct dk_app *app = lc->app;
	struct dk_deadline *d = NULL;
	struct dk_case c;
	bool overdue = false, go_on;
	size_t n = 0;

	if (stored->last_event_on <= app->today) {
		struct dk_case shown = *stored;

		if (!dk_app_may(app, DK_ACTION_FREE_TEXT_READ))
			shown.summary = NULL;
		if (lc->offices)
			dk_app_name_office(app, &shown);
		if (lc->filter->order == DK_ORDER_DUE && !emit_held(lc, &shown))
			return false;
		return lc->fn(&shown, lc->ctx);
	}
	memset(&c, 0, sizeof(c));
	c = *stored;
	c.summary = stored->summary != NULL ? dk_xstrdup(stored->summary) : NULL;
	if ((lc->rc = dk_app_case_as_of(app, &c, app->today, &d, &n)) != DK_OK) {
		dk_case_clear(&c);
		return false;
	}
	c.next_due = DK_DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (!dk_deadline_is_live(&d[i]))
			continue;
		if (c.next_due == DK_DATE_NONE || d[i].due < c.next_due)
			c.next_due = d[i].due;
		overdue |= d[i].due < app->today;
	}
	free(d);
	go_on = true;
	dk_app_redact_case(app, &c);
	if (lc->offices)
		dk_app_name_office(app, &c);
	if (state_matches(lc->filter->state, c.state) && (!lc->filter->overdue || overdue))
		go_on = lc->filter->order == DK_ORDER_DUE ? hold(lc, &c) : lc->fn(&c, lc->ctx);
	dk_case_clear(&c);
	return go_on;
}

enum dk_rc
dk_app_case_list(struct dk_app *app, const struct dk_case_filter *filter,
                 bool (*fn)(const struct dk_case *c, void *ctx), void *ctx)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_case_filter f = *filter;
	struct list_ctx lc = {app, filter, fn, ctx, DK_OK, NULL, 0, 0, 0, false};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = check_filter(app, &f, mission)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if (f.mission != NULL &&
	    (rc = dk_app_check_mission(app, "--mission", filter->mission, false, mission)) != DK_OK)
		return dk_app_tx_end(app, rc);
	f.mission = f.mission != NULL ? mission : NULL;
	/* The stored state filter would be wrong for replayed cases: list_one re-checks it. */
	if ((rc = dk_store_cases_of_others(app->store, app->office, &lc.offices, &app->err)) ==
	    DK_OK)
		rc = dk_store_case_each(app->store, &f, app->today, list_one, &lc, &app->err);
	if (rc == DK_OK)
		rc = lc.rc;
	if (rc == DK_OK)
		emit_held(&lc, NULL);
	free_held(&lc);
	return dk_app_tx_end(app, rc);
}

struct page_ctx {
	struct dk_app *app;
	bool (*fn)(const struct dk_case *c, void *ctx);
	void *ctx;
	bool offices; /* the database holds several offices' cases: each is named */
};

static bool
page_one(const struct dk_case *stored, void *ctx)
{
	struct page_ctx *pc = ctx;
	struct dk_case shown = *stored;

	if (!dk_app_may(pc->app, DK_ACTION_FREE_TEXT_READ))
		shown.summary = NULL;
	if (pc->offices)
		dk_app_name_office(pc->app, &shown);
	return pc->fn(&shown, pc->ctx);
}

enum dk_rc
dk_app_case_page(struct dk_app *app, const struct dk_case_page *page,
                 bool (*fn)(const struct dk_case *c, void *ctx), void *ctx)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_case_page p = *page;
	struct page_ctx pc;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = check_filter(app, &p.filter, mission)) != DK_OK)
		return rc;
	if (p.limit < 1 || p.limit > 1000)
		p.limit = 100;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if (page->filter.mission != NULL &&
	    (rc = dk_app_check_mission(app, "--mission", page->filter.mission, false, mission)) !=
	        DK_OK)
		return dk_app_tx_end(app, rc);
	/* Searching summaries would reveal them to roles that may not read them. */
	p.filter.search_summary = dk_app_may(app, DK_ACTION_FREE_TEXT_READ);
	pc.app = app;
	pc.fn = fn;
	pc.ctx = ctx;
	if ((rc = dk_store_cases_of_others(app->store, app->office, &pc.offices, &app->err)) ==
	    DK_OK)
		rc = dk_store_case_page(app->store, &p, app->today, page_one, &pc, &app->err);
	return dk_app_tx_end(app, rc);
}
