/*
 * Reading victims: one victim's view (its identity audited), its history and
 * earliest due update across its cases, and the paged, scoped victim list.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define ASSISTANCE_KINDS 16 /* more than the Protocol's nine kinds */

/* What one victim's history says as of today: last inform, assistance lines, claim. */
struct history {
	dk_date today;
	dk_date last_informed;
	struct line {
		char kind[DK_IDENT_MAX];
		char status[DK_IDENT_MAX];
		dk_date on;
		char *provider;
		char consent[4];
	} lines[ASSISTANCE_KINDS];
	size_t nlines;
	struct line *claims; /* every paternity step, in order */
	size_t nclaims;
};

/* A line's new state; a provider or consent not given again stays as it was. */
static void
set_line(struct line *l, const struct dk_victim_event_row *e, const char *kind, const char *status)
{
	snprintf(l->kind, sizeof(l->kind), "%s", kind);
	snprintf(l->status, sizeof(l->status), "%s", status != NULL ? status : "");
	l->on = e->on;
	if (e->provider != NULL) {
		free(l->provider);
		l->provider = dk_xstrdup(e->provider);
	}
	if (e->consent != NULL)
		snprintf(l->consent, sizeof(l->consent), "%s", e->consent);
}

static bool
history_event(const struct dk_victim_event_row *e, void *ctx)
{
	struct history *h = ctx;
	size_t i;

	if (e->on > h->today)
		return false; /* in date order: the rest is later still */
	if (strcmp(e->kind, "informed") == 0) {
		h->last_informed = e->on;
	} else if (strcmp(e->kind, "assistance") == 0 && e->item != NULL) {
		for (i = 0; i < h->nlines && strcmp(h->lines[i].kind, e->item) != 0; i++)
			;
		if (i == h->nlines && h->nlines < ASSISTANCE_KINDS)
			memset(&h->lines[h->nlines++], 0, sizeof(h->lines[0]));
		if (i < h->nlines)
			set_line(&h->lines[i], e, e->item, e->status);
	} else if (strcmp(e->kind, "paternity") == 0 && e->item != NULL) {
		h->claims = dk_xrealloc(h->claims, (h->nclaims + 1) * sizeof(*h->claims));
		memset(&h->claims[h->nclaims], 0, sizeof(h->claims[0]));
		set_line(&h->claims[h->nclaims++], e, DK_PATERNITY_CLAIM, e->item);
	}
	return true;
}

static void
history_free(struct history *h)
{
	for (size_t i = 0; i < h->nlines; i++)
		free(h->lines[i].provider);
	for (size_t i = 0; i < h->nclaims; i++)
		free(h->claims[i].provider);
	free(h->claims);
	memset(h, 0, sizeof(*h));
}

/* The victim's live victim_update deadline across the cases it is named in, as of today. */
struct due_ctx {
	struct dk_app *app;
	const char *code;
	struct dk_buf refs;
	struct dk_deadline best;
	bool found;
	enum dk_rc rc;
};

static void
keep_earliest(struct due_ctx *dc, const struct dk_deadline *d)
{
	if (!dc->found || d->due < dc->best.due) {
		dc->best = *d;
		dc->found = true;
	}
}

static bool
stored_due(const struct dk_deadline_row *row, void *ctx)
{
	struct due_ctx *dc = ctx;
	struct dk_deadline d;

	if (dk_app_deadline_from_row(dc->app, row, &d))
		keep_earliest(dc, &d);
	return true;
}

static bool
due_in_case(const struct dk_case *stored, dk_date added_on, void *ctx)
{
	struct due_ctx *dc = ctx;
	struct dk_deadline *d = NULL;
	struct dk_case c = *stored;
	size_t n = 0;

	if (!dk_app_in_scope(dc->app, stored->mission) || added_on > dc->app->today)
		return true;
	dk_buf_printf(&dc->refs, "%s%s", dc->refs.len > 0 ? "," : "", stored->ref);
	/* A history that ends by today is as stored; only a later one needs a replay. */
	if (stored->last_event_on <= dc->app->today) {
		dc->rc = dk_store_victim_live_deadlines(dc->app->store, stored->id, dc->code,
		                                        stored_due, dc, &dc->app->err);
		return dc->rc == DK_OK;
	}
	c.summary = NULL;
	dc->rc = dk_app_case_as_of(dc->app, &c, dc->app->today, &d, &n);
	dk_case_clear(&c); /* a summary put back by the replay */
	if (dc->rc != DK_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(d[i].victim, dc->code) == 0 && dk_deadline_is_live(&d[i]))
			keep_earliest(dc, &d[i]);
	free(d);
	return true;
}

struct victim_state {
	struct history h;
	struct due_ctx due;
	struct dk_buf assistance;
};

static enum dk_rc
victim_state(struct dk_app *app, const struct dk_victim *v, struct victim_state *vs)
{
	enum dk_rc rc;

	memset(vs, 0, sizeof(*vs));
	vs->h.today = app->today;
	vs->h.last_informed = DK_DATE_NONE;
	vs->due.app = app;
	vs->due.code = v->code;
	if ((rc = dk_store_victim_events(app->store, v->id, history_event, &vs->h, &app->err)) !=
	        DK_OK ||
	    (rc = dk_store_victim_cases(app->store, v->id, due_in_case, &vs->due, &app->err)) !=
	        DK_OK)
		return rc;
	for (size_t i = 0; i < vs->h.nlines; i++)
		dk_buf_printf(&vs->assistance, "%s%s:%s", i > 0 ? "," : "", vs->h.lines[i].kind,
		              vs->h.lines[i].status);
	return vs->due.rc;
}

static void
victim_state_free(struct victim_state *vs)
{
	history_free(&vs->h);
	dk_buf_free(&vs->due.refs);
	dk_buf_free(&vs->assistance);
}

static void
fill_view(const struct dk_app *app, const struct dk_victim *v, struct victim_state *vs,
          struct dk_victim_view *out)
{
	memset(out, 0, sizeof(*out));
	out->code = v->code;
	out->sex = v->sex;
	out->age = v->age;
	out->added_on = v->added_on;
	out->refs = dk_buf_str(&vs->due.refs);
	out->last_informed = vs->h.last_informed;
	out->update_due = DK_DATE_NONE;
	if (vs->due.found) {
		out->update_due = vs->due.best.due;
		out->days_left = dk_deadline_days_left(&vs->due.best, app->today);
		out->status = dk_deadline_status_id(dk_deadline_status(&vs->due.best, app->today));
		out->awaiting_update = out->days_left < 0;
	}
	out->assistance = dk_buf_str(&vs->assistance);
	out->paternity = vs->h.nclaims > 0 ? vs->h.claims[vs->h.nclaims - 1].status : NULL;
}

static bool
emit_line(const struct line *l, bool free_text,
          bool (*line_fn)(const struct dk_assistance_view *a, void *ctx), void *ctx)
{
	struct dk_assistance_view a = {l->kind, l->status, l->on, free_text ? l->provider : NULL,
	                               l->consent[0] != '\0' ? l->consent : NULL};

	return line_fn(&a, ctx);
}

enum dk_rc
dk_app_victim_show(struct dk_app *app, const char *code,
                   bool (*fn)(const struct dk_victim_view *v, void *ctx),
                   bool (*line_fn)(const struct dk_assistance_view *a, void *ctx), void *ctx)
{
	bool identity = dk_app_may(app, DK_ACTION_VICTIM_IDENTITY_READ);
	bool free_text = dk_app_may(app, DK_ACTION_FREE_TEXT_READ);
	char *name = NULL, *contact = NULL;
	struct dk_victim_view view;
	struct victim_state vs;
	struct dk_victim_scope sc;
	struct dk_victim v;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&vs, 0, sizeof(vs));
	/* Showing an identity writes its audit entry: a write transaction then. */
	rc = identity ? dk_app_tx_begin(app, DK_ACTION_CASE_READ)
	              : dk_app_tx_begin_read(app, DK_ACTION_CASE_READ);
	if (rc != DK_OK)
		return rc;
	if ((rc = dk_app_load_victim(app, code, &v)) != DK_OK ||
	    (rc = victim_state(app, &v, &vs)) != DK_OK)
		goto out;
	if (identity) {
		if ((rc = dk_app_victim_scope(app, &v, &sc)) != DK_OK ||
		    (rc = dk_store_victim_identity(app->store, v.id, &name, &contact, &app->err)) !=
		        DK_OK)
			goto out;
		if ((name != NULL || contact != NULL) &&
		    (rc = dk_app_audit(app, "victim_identity_view", sc.first_gid, v.code)) != DK_OK)
			goto out;
	}
	fill_view(app, &v, &vs, &view);
	view.name = name;
	view.contact = contact;
	if (fn != NULL && !fn(&view, ctx))
		goto out;
	for (size_t i = 0; line_fn != NULL && i < vs.h.nlines; i++)
		if (!emit_line(&vs.h.lines[i], free_text, line_fn, ctx))
			goto out;
	for (size_t i = 0; line_fn != NULL && i < vs.h.nclaims; i++)
		if (!emit_line(&vs.h.claims[i], free_text, line_fn, ctx))
			goto out;
out:
	dk_xfree_wiped(&name);
	dk_xfree_wiped(&contact);
	victim_state_free(&vs);
	return dk_app_tx_end(app, rc);
}

/* Whether s starts with prefix, letters in any case. */
static bool
starts_with(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether the search finds the victim: a prefix of its code or of a case it is listed in. */
static bool
search_finds(const char *search, const struct dk_victim_view *v)
{
	if (search == NULL || search[0] == '\0' || starts_with(v->code, search))
		return true;
	for (const char *p = v->refs; *p != '\0';) {
		size_t n = strcspn(p, ",");

		if (n >= strlen(search) && starts_with(p, search))
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

struct list_ctx {
	struct dk_app *app;
	const char *ref; /* one case's victims: named in it by today */
	bool awaiting;
	bool (*fn)(const struct dk_victim_view *v, void *ctx);
	void *ctx;
	enum dk_rc rc;
	bool *fn_called;    /* paging: set when the victim was listed */
	const char *search; /* a code or reference prefix; NULL: every victim */
};

static bool
list_victim(const struct dk_victim *v, void *ctx)
{
	struct list_ctx *lc = ctx;
	struct dk_victim_view view;
	struct victim_state vs;
	bool go_on = true;

	if (v->added_on > lc->app->today)
		return true;
	if ((lc->rc = victim_state(lc->app, v, &vs)) != DK_OK) {
		victim_state_free(&vs);
		return false;
	}
	fill_view(lc->app, v, &vs, &view);
	if (view.refs[0] != '\0' && (lc->ref == NULL || dk_app_list_holds(view.refs, lc->ref)) &&
	    (!lc->awaiting || view.awaiting_update) && search_finds(lc->search, &view)) {
		go_on = lc->fn(&view, lc->ctx);
		if (lc->fn_called != NULL)
			*lc->fn_called = true;
	}
	victim_state_free(&vs);
	return go_on;
}

#define PAGE_BATCH 64 /* victims read at a time while filling a page */

struct batch {
	struct dk_victim items[PAGE_BATCH];
	dk_date dues[PAGE_BATCH];
	size_t n;
};

static bool
batch_one(const struct dk_victim *v, dk_date due, void *ctx)
{
	struct batch *b = ctx;

	b->items[b->n] = *v;
	b->dues[b->n++] = due;
	return true;
}

static enum dk_victim_walk
cursor_walk(const struct dk_victim_query *q, const struct dk_victim_cursor *cur)
{
	if (!q->by_due)
		return DK_VICTIMS_BY_CODE;
	return cur->undated ? DK_VICTIMS_UNDATED : DK_VICTIMS_DATED;
}

/* Lists one batch from the cursor on, moving it; *end once the walk has no more. */
static enum dk_rc
page_batch(struct list_ctx *lc, const struct dk_victim_query *q, struct dk_victim_cursor *cur,
           int *left, bool *end)
{
	struct dk_app *app = lc->app;
	struct batch batch, *b = &batch;
	enum dk_rc rc;

	b->n = 0;
	rc = dk_store_victim_page(app->store, cursor_walk(q, cur), cur->due, cur->code, PAGE_BATCH,
	                          batch_one, b, &app->err);
	*end = rc == DK_OK && b->n < PAGE_BATCH;
	for (size_t i = 0; rc == DK_OK && i<b->n && * left> 0; i++) {
		bool listed = false;

		snprintf(cur->code, sizeof(cur->code), "%s", b->items[i].code);
		cur->due = b->dues[i];
		lc->fn_called = &listed;
		if (!list_victim(&b->items[i], lc))
			*left = 0;
		rc = lc->rc;
		*left -= listed;
		if (*left <= 0)
			*end = *end && i + 1 == b->n;
	}
	return rc;
}

/* Lists up to left victims from the cursor on, in the query's order, moving the cursor. */
static enum dk_rc
walk(struct list_ctx *lc, const struct dk_victim_query *q, struct dk_victim_cursor *cursor,
     int left, bool *more)
{
	bool end = false;
	enum dk_rc rc = DK_OK;

	/* Read in batches: no statement is held open while each victim's history is read. */
	while (rc == DK_OK && left > 0 && !end) {
		rc = page_batch(lc, q, cursor, &left, &end);
		if (rc == DK_OK && end && q->by_due && !cursor->undated) {
			/* The dated ones are done: the others follow, from the first. */
			cursor->undated = true;
			cursor->code[0] = '\0';
			cursor->due = DK_DATE_NONE;
			end = false;
		}
	}
	*more = !end;
	return rc;
}

/*
 * Victims awaiting an update, by code, without judging the others: the
 * candidates are those with a stored overdue per-victim row and, when some
 * case in scope is replayed as of today (its stored rows may be stale), those
 * named in such a case; each candidate is then judged exactly as the full
 * walk judges it (list_victim).
 */
struct awaiting_ctx {
	struct list_ctx *lc;
	bool replayed;
	enum dk_rc rc;
};

static bool
replayed_case(const struct dk_case *c, void *ctx)
{
	struct awaiting_ctx *ac = ctx;

	ac->replayed = dk_app_in_scope(ac->lc->app, c->mission);
	return !ac->replayed; /* one is enough */
}

/* Judges the victim with that code; false to stop. */
static bool
judge(const char *code, void *ctx)
{
	struct awaiting_ctx *ac = ctx;
	struct dk_app *app = ac->lc->app;
	struct dk_victim v;

	ac->rc = dk_store_victim_get(app->store, code, &v, &app->err);
	if (ac->rc == DK_NOTFOUND) { /* a code with no victim row: nobody to list */
		dk_err_clear(&app->err);
		ac->rc = DK_OK;
		return true;
	}
	if (ac->rc != DK_OK)
		return false;
	if (!list_victim(&v, ac->lc)) {
		ac->rc = ac->lc->rc;
		return false;
	}
	return true;
}

static enum dk_rc
awaiting_walk(struct list_ctx *lc)
{
	struct dk_app *app = lc->app;
	struct awaiting_ctx ac = {lc, false, DK_OK};
	enum dk_rc rc;

	rc = dk_store_cases_after(app->store, app->today, replayed_case, &ac, &app->err);
	if (rc == DK_OK)
		rc = dk_store_victims_overdue_each(app->store, app->today, ac.replayed, judge, &ac,
		                                   &app->err);
	return rc == DK_OK ? ac.rc : rc;
}

enum dk_rc
dk_app_victim_page(struct dk_app *app, const struct dk_victim_query *q,
                   struct dk_victim_cursor *cursor, int limit,
                   bool (*fn)(const struct dk_victim_view *v, void *ctx), void *ctx, bool *more)
{
	struct list_ctx lc = {app, NULL, q->awaiting, fn, ctx, DK_OK, NULL, q->search};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	rc = walk(&lc, q, cursor, limit >= 1 && limit <= 1000 ? limit : 100, more);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_victim_list(struct dk_app *app, const char *ref, const struct dk_victim_query *q,
                   bool (*fn)(const struct dk_victim_view *v, void *ctx), void *ctx)
{
	struct list_ctx lc = {app, NULL, q->awaiting, fn, ctx, DK_OK, NULL, q->search};
	struct dk_victim_cursor cursor;
	struct dk_case c;
	bool more;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	memset(&cursor, 0, sizeof(cursor));
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	if (ref == NULL || (rc = dk_app_load_case(app, ref, &c)) == DK_OK) {
		lc.ref = ref != NULL ? c.ref : NULL;
		/* By due, one case's victims are those of the scope's walk named in it. */
		if (q->by_due)
			rc = walk(&lc, q, &cursor, INT_MAX, &more);
		else if (q->awaiting && ref == NULL)
			rc = awaiting_walk(&lc);
		else
			rc = dk_store_victim_each(app->store, ref != NULL ? c.id : 0, list_victim,
			                          &lc, &app->err);
	}
	if (rc == DK_OK)
		rc = lc.rc;
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_victims_exist(struct dk_app *app, bool *out)
{
	enum dk_rc rc;

	dk_err_clear(&app->err);
	*out = false;
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_CASE_READ)) != DK_OK)
		return rc;
	return dk_app_tx_end(app, dk_store_victims_exist(app->store, out, &app->err));
}
