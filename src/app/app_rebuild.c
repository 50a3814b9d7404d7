/*
 * A case row rebuilt from its events in their total order, so two copies
 * that hold the same events hold the same case (what an import changed).
 * Inside the caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"
#include "app_internal.h"

/* One event, as the rebuild reads it (strings owned). */
struct fold_event {
	dk_date on;
	bool moved, set;
	char *field, *value, *previous;
	enum dk_state state;
	bool urgent;
	char entity[DK_IDENT_MAX];
};

struct fold {
	struct fold_event *ev;
	size_t n, cap;
};

static char *
dup_opt(const char *s)
{
	return s != NULL ? dk_xstrdup(s) : NULL;
}

static bool
add_fold_event(const struct dk_event_row *e, void *ctx)
{
	struct fold *f = ctx;
	struct fold_event *x;

	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->ev = dk_xrealloc(f->ev, f->cap * sizeof(*f->ev));
	}
	x = &f->ev[f->n++];
	memset(x, 0, sizeof(*x));
	x->on = e->on;
	x->moved = strcmp(e->kind, "moved") == 0;
	x->set = strcmp(e->kind, "set") == 0;
	if ((x->moved || x->set) && e->field != NULL) {
		x->field = dk_xstrdup(e->field);
		/* A text field's new value is the event's note (value holds identifiers only). */
		x->value = dup_opt(x->set && dk_app_field_is_text(e->field) ? e->note : e->value);
		x->previous = dup_opt(e->previous);
	}
	x->state = e->state;
	x->urgent = e->urgent;
	snprintf(x->entity, sizeof(x->entity), "%s", e->entity != NULL ? e->entity : "");
	return true;
}

static void
fold_free(struct fold *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->ev[i].field);
		dk_xfree_wiped(&f->ev[i].value);
		dk_xfree_wiped(&f->ev[i].previous);
	}
	free(f->ev);
}

/* Sets a field an event changed: outcome and closure by moves, the rest by sets. */
static void
put_field(struct dk_case *c, const struct fold_event *e, const char *value)
{
	if (e->moved && strcmp(e->field, "outcome") == 0)
		snprintf(c->outcome, sizeof(c->outcome), "%s", value != NULL ? value : "");
	else if (e->moved && strcmp(e->field, "closure") == 0)
		snprintf(c->closure, sizeof(c->closure), "%s", value != NULL ? value : "");
	else if (e->set)
		dk_app_case_restore(c, e->field, value);
}

/*
 * Every field as the events say, in their total order: undone to what the
 * first change of each found, then each change applied. Fields no event
 * changed keep the case's first values. State, urgency and entity are the
 * last event's, as the deadlines read them.
 */
static void
fold_case(struct dk_case *c, const struct fold *f)
{
	for (size_t i = f->n; i-- > 0;)
		if (f->ev[i].field != NULL)
			put_field(c, &f->ev[i], f->ev[i].previous);
	c->state_since = c->reported;
	c->last_event_on = c->reported;
	for (size_t i = 0; i < f->n; i++) {
		const struct fold_event *e = &f->ev[i];

		if (e->field != NULL)
			put_field(c, e, e->value);
		if (e->moved)
			c->state_since = e->on;
		if (e->on > c->last_event_on)
			c->last_event_on = e->on;
		c->state = e->state;
		c->urgent = e->urgent;
		snprintf(c->entity, sizeof(c->entity), "%s", e->entity);
	}
}

enum dk_rc
dk_app_case_rebuild(struct dk_app *app, int64_t case_id, bool *flagged)
{
	struct fold f = {NULL, 0, 0};
	struct dk_case c;
	enum dk_rc rc;

	memset(&c, 0, sizeof(c));
	if ((rc = dk_store_case_by_id(app->store, case_id, &c, &app->err)) == DK_OK &&
	    (rc = dk_store_event_each(app->store, case_id, add_fold_event, &f, &app->err)) ==
	        DK_OK) {
		fold_case(&c, &f);
		if ((rc = dk_store_case_update(app->store, &c, &app->err)) == DK_OK &&
		    (rc = dk_app_recompute_deadlines(app, &c)) == DK_OK)
			rc = dk_app_case_conflict_refresh(app, case_id, flagged);
	}
	fold_free(&f);
	dk_case_clear(&c);
	return rc;
}
