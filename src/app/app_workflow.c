/* The workflow use cases: moves, field changes, extensions and notes on one case. */
#include <stddef.h>
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

/* How a case's own event is named in a refusal: a label and what it was about. */
enum event_object { OBJECT_NONE, OBJECT_STATE, OBJECT_FIELD };

static const struct {
	const char *kind;
	const char *label;
	enum event_object object;
} event_labels[] = {
    {"created", N_("recorded"), OBJECT_NONE}, {"moved", N_("moved to"), OBJECT_STATE},
    {"set", N_("change of"), OBJECT_FIELD},   {"extended", N_("extension of"), OBJECT_FIELD},
    {"note", N_("note"), OBJECT_NONE},
};

/* The case's own latest event: rows come in the order they happened, the last one wins. */
static bool
keep_last(const struct dk_event_row *e, void *ctx)
{
	struct dk_app_previous *last = ctx;
	const char *object;

	last->on = e->on;
	snprintf(last->what, sizeof(last->what), "%s", e->kind);
	for (size_t i = 0; i < sizeof(event_labels) / sizeof(event_labels[0]); i++) {
		if (strcmp(event_labels[i].kind, e->kind) != 0)
			continue;
		object = event_labels[i].object == OBJECT_STATE   ? dk_state_id(e->state)
		         : event_labels[i].object == OBJECT_FIELD ? e->field
		                                                  : NULL;
		snprintf(last->what, sizeof(last->what), "%s%s%s", _(event_labels[i].label),
		         object != NULL ? " " : "", object != NULL ? object : "");
	}
	return true;
}

/*
 * An event's date: a real date, not after today, not before the case's own
 * previous event. Victims' and subjects' events are streams of their own:
 * they do not hold back a backdated move.
 */
static enum dk_rc
event_date(struct dk_app *app, const struct dk_case *c, const char *on, dk_date *out)
{
	struct dk_app_previous last = {DK_DATE_NONE, ""};
	enum dk_rc rc;

	if (on == NULL) {
		*out = app->today;
	} else if ((rc = dk_app_check_date(app, "--on", on, out)) != DK_OK) {
		return rc;
	}
	if ((rc = dk_store_event_each(app->store, c->id, keep_last, &last, &app->err)) != DK_OK)
		return rc;
	return dk_app_check_order(app, *out, &last, false);
}

/* One requirement of a move: which option carries it and which list it is from. */
static const struct {
	unsigned need;
	const char *option;
	int vocab; /* -1: free text */
} move_needs[] = {
    {DK_NEEDS_ENTITY, "--entity", DK_VOCAB_ENTITY},
    {DK_NEEDS_OUTCOME, "--outcome", DK_VOCAB_OUTCOME},
    {DK_NEEDS_CLOSURE, "--closure", DK_VOCAB_CLOSURE},
    {DK_NEEDS_NOTE, "--note", -1},
};

static const char *
move_value(const struct dk_move_input *in, unsigned need)
{
	switch (need) {
	case DK_NEEDS_ENTITY:
		return in->entity;
	case DK_NEEDS_OUTCOME:
		return in->outcome;
	case DK_NEEDS_CLOSURE:
		return in->closure;
	default:
		return in->note;
	}
}

/* Checks what the move carries against what it needs; the note is optional elsewhere. */
static enum dk_rc
check_move(struct dk_app *app, const struct dk_move *mv, const struct dk_move_input *in,
           struct dk_case *c)
{
	char ident[DK_IDENT_MAX];
	enum dk_rc rc;

	for (size_t i = 0; i < sizeof(move_needs) / sizeof(move_needs[0]); i++) {
		const char *value = move_value(in, move_needs[i].need);
		bool needed = (mv->needs & move_needs[i].need) != 0;

		if (needed && (value == NULL || value[0] == '\0'))
			return dk_app_fail(app, DK_INVALID, _("moving to %s needs %s"),
			                   dk_state_id(mv->to), move_needs[i].option);
		if (value == NULL)
			continue;
		if (move_needs[i].vocab < 0)
			continue;
		if (!needed)
			return dk_app_fail(app, DK_INVALID, _("moving to %s takes no %s"),
			                   dk_state_id(mv->to), move_needs[i].option);
		if ((rc = dk_app_check_ident(app, move_needs[i].vocab, value, ident,
		                             sizeof(ident))) != DK_OK)
			return rc;
		if (move_needs[i].need == DK_NEEDS_ENTITY)
			snprintf(c->entity, sizeof(c->entity), "%s", ident);
		else if (move_needs[i].need == DK_NEEDS_OUTCOME)
			snprintf(c->outcome, sizeof(c->outcome), "%s", ident);
		else
			snprintf(c->closure, sizeof(c->closure), "%s", ident);
	}
	if (in->note != NULL)
		return dk_validate_text("--note", in->note, DK_TEXT_MAX, false, &app->err);
	return DK_OK;
}

enum dk_rc
dk_app_case_move(struct dk_app *app, const struct dk_move_input *in)
{
	const struct dk_move *mv;
	enum dk_state to;
	struct dk_case c;
	const char *field = NULL, *value = NULL, *previous = NULL;
	char old_outcome[DK_IDENT_MAX], old_closure[DK_IDENT_MAX];
	dk_date on;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if (!dk_state_parse(in->state, &to))
		return dk_app_fail_unknown_state(app, in->state, NULL);
	if (in->on == NULL)
		return dk_app_fail(app, DK_INVALID, _("a move needs --on DATE"));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_CASE_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, in->ref, &c)) != DK_OK)
		goto out;
	if ((mv = dk_workflow_move(c.state, to)) == NULL) {
		rc = dk_app_fail(app, DK_INVALID, _("%s cannot move from %s to %s"), c.ref,
		                 dk_state_id(c.state), dk_state_id(to));
		goto out;
	}
	if ((mv->needs & DK_NEEDS_ADMIN) &&
	    (rc = dk_app_require(app, DK_ACTION_CASE_REOPEN)) != DK_OK)
		goto out;
	/* What the move overwrites, so a view of an earlier day can put it back. */
	snprintf(old_outcome, sizeof(old_outcome), "%s", c.outcome);
	snprintf(old_closure, sizeof(old_closure), "%s", c.closure);
	if ((rc = event_date(app, &c, in->on, &on)) != DK_OK ||
	    (rc = check_move(app, mv, in, &c)) != DK_OK)
		goto out;
	if (mv->needs & DK_NEEDS_OUTCOME) {
		field = "outcome";
		value = c.outcome;
		previous = old_outcome;
	} else if (mv->needs & DK_NEEDS_CLOSURE) {
		field = "closure";
		value = c.closure;
		previous = old_closure;
	} else if (mv->from == DK_STATE_CLOSED) {
		c.closure[0] = '\0'; /* reopened: no longer closed for a reason */
		field = "closure";
		value = NULL;
		previous = old_closure;
	}
	c.state = to;
	c.state_since = on;
	rc = dk_app_record_event(app, &c, "moved", on, field, value, previous, in->note, NULL);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_move", c.gid, dk_state_id(to));
out:
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_case_set(struct dk_app *app, const char *ref, const char *field, const char *value,
                const char *on)
{
	char norm[DK_LINE_MAX + 1] = "";
	const struct dk_settable *f;
	struct dk_case c;
	char *previous = NULL;
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if ((rc = dk_app_field_settable(app, field, &f)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, f->action)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) != DK_OK ||
	    (rc = event_date(app, &c, on, &day)) != DK_OK)
		goto out;
	previous = dk_app_case_field(&c, field);
	if ((rc = dk_app_field_apply(app, &c, f, value, norm, sizeof(norm))) != DK_OK)
		goto out;
	/* The new summary goes in the note: value holds identifiers and dates only. */
	rc = dk_app_record_event(app, &c, "set", day, field, f->check == DK_SET_TEXT ? NULL : norm,
	                         previous, f->check == DK_SET_TEXT ? value : NULL, NULL);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_set", c.gid, field);
out:
	dk_xfree_wiped(&previous);
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_case_extend(struct dk_app *app, const char *ref, const char *rule, const char *to,
                   const char *reason)
{
	struct dk_deadline *d = NULL, *live = NULL;
	char due[DK_DATE_STRLEN], to_norm[DK_DATE_STRLEN];
	struct dk_case c;
	dk_date to_date;
	size_t n = 0;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if (to == NULL)
		return dk_app_fail(app, DK_INVALID, _("an extension needs --to DATE"));
	if (!dk_date_parse(to, &to_date))
		return dk_app_fail(app, DK_INVALID,
		                   _("--to: '%s' is not a real date (expected YYYY-MM-DD)"), to);
	if (reason == NULL || reason[0] == '\0')
		return dk_app_fail(app, DK_INVALID, _("an extension needs --reason"));
	if ((rc = dk_validate_text("--reason", reason, DK_TEXT_MAX, false, &app->err)) != DK_OK)
		return rc;
	if (dk_app_rule(app, rule) == NULL)
		return dk_app_fail_unknown_rule(app, rule);
	if (dk_app_rule(app, rule)->applies == DK_APPLIES_HAS_VICTIMS)
		return dk_app_fail(app, DK_INVALID,
		                   _("%s is met by telling the victim how the case is going "
		                     "(docket victim inform), not extended"),
		                   rule);
	if ((rc = dk_app_tx_begin(app, DK_ACTION_CASE_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) != DK_OK)
		goto out;
	/* Checked before the replay below rolls last_event_on back to today. */
	if (c.last_event_on > app->today) {
		rc = dk_app_fail(app, DK_INVALID,
		                 _("%s has events after --today; extend it as of a later day"),
		                 c.ref);
		goto out;
	}
	if ((rc = dk_app_case_as_of(app, &c, app->today, &d, &n)) != DK_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (dk_deadline_is_live(&d[i]) && strcmp(d[i].rule->id, rule) == 0)
			live = &d[i];
	if (live == NULL) {
		rc = dk_app_fail(app, DK_INVALID, _("%s has no live %s deadline to extend"), c.ref,
		                 rule);
		goto out;
	}
	if (to_date <= live->due) {
		dk_date_format(live->due, due);
		rc = dk_app_fail(app, DK_INVALID,
		                 _("--to: %s is not after the current due date (%s)"), to, due);
		goto out;
	}
	dk_date_format(to_date, to_norm);
	rc =
	    dk_app_record_event(app, &c, "extended", app->today, rule, to_norm, NULL, reason, NULL);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_extend", c.gid, rule);
out:
	free(d);
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_case_note(struct dk_app *app, const char *ref, const char *text, const char *on)
{
	struct dk_case c;
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	if (text == NULL || text[0] == '\0')
		return dk_app_fail(app, DK_INVALID, _("a note needs some text"));
	if ((rc = dk_validate_text("--note", text, DK_TEXT_MAX, false, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_CASE_CHANGE)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) == DK_OK &&
	    (rc = event_date(app, &c, on, &day)) == DK_OK)
		rc = dk_app_record_event(app, &c, "note", day, NULL, NULL, NULL, text, NULL);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_note", c.gid, "");
	dk_case_clear(&c);
	return dk_app_tx_end(app, rc);
}
