/* The workflow engine's use cases: moves, field changes, extensions, notes, deadlines. */
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

/* Fields `case set` may change, how each value is checked and who may change it. */
static const struct dk_settable settable[] = {
    {"urgent", DK_SET_YESNO, -1, DK_ACTION_CASE_CHANGE},
    {"entity", DK_SET_VOCAB, DK_VOCAB_ENTITY, DK_ACTION_CASE_CHANGE},
    {"type", DK_SET_VOCAB, DK_VOCAB_TYPE, DK_ACTION_CASE_CHANGE},
    {"personnel", DK_SET_VOCAB, DK_VOCAB_PERSONNEL, DK_ACTION_CASE_CHANGE},
    {"source", DK_SET_VOCAB, DK_VOCAB_SOURCE, DK_ACTION_CASE_CHANGE},
    {"category", DK_SET_VOCAB, DK_VOCAB_CATEGORY, DK_ACTION_CASE_CHANGE},
    {"nationality", DK_SET_NATIONALITY, -1, DK_ACTION_CASE_CHANGE},
    {"incident", DK_SET_DATE, -1, DK_ACTION_CASE_CHANGE},
    {"summary", DK_SET_TEXT, -1, DK_ACTION_CASE_CHANGE},
    /* A case recorded under the wrong mission: its reference stays, its scope moves. */
    {"mission", DK_SET_MISSION, -1, DK_ACTION_CASE_RELOCATE},
};

/* A field case set does not know, with the ones it does, from the table. */
static enum dk_rc
fail_not_settable(struct dk_app *app, const char *field)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	for (size_t i = 0; i < sizeof(settable) / sizeof(settable[0]); i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", settable[i].field);
	rc = dk_app_fail(app, DK_INVALID, _("'%s' cannot be set (fields: %s)"), field,
	                 dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

const struct dk_settable *
dk_app_settable(size_t *n)
{
	*n = sizeof(settable) / sizeof(settable[0]);
	return settable;
}

/* Validates value for field and applies it to c; the stored form goes to norm. */
static enum dk_rc
apply_set(struct dk_app *app, struct dk_case *c, size_t k, const char *value, char *norm,
          size_t normsize)
{
	char *dst;
	size_t size;
	dk_date d;
	enum dk_rc rc;

	switch (settable[k].check) {
	case DK_SET_YESNO:
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return dk_app_fail(app, DK_INVALID,
			                   _("urgent: expected yes or no, not '%s'"), value);
		c->urgent = strcmp(value, "yes") == 0;
		snprintf(norm, normsize, "%s", value);
		return DK_OK;
	case DK_SET_VOCAB:
		if ((rc = dk_app_check_ident(app, settable[k].vocab, value, norm, normsize)) !=
		    DK_OK)
			return rc;
		break;
	case DK_SET_NATIONALITY:
		if ((rc = dk_validate_nationality(value, norm, &app->err)) != DK_OK)
			return rc;
		break;
	case DK_SET_DATE:
		if ((rc = dk_app_check_date(app, "incident", value, &d)) != DK_OK)
			return rc;
		if (d > c->reported) {
			char reported[DK_DATE_STRLEN];

			dk_date_format(c->reported, reported);
			return dk_app_fail(app, DK_INVALID,
			                   _("incident: %s is after the date reported (%s)"), value,
			                   reported);
		}
		c->incident = d;
		dk_date_format(d, norm);
		return DK_OK;
	case DK_SET_TEXT:
		if ((rc = dk_validate_text("summary", value, DK_TEXT_MAX, false, &app->err)) !=
		    DK_OK)
			return rc;
		dk_xfree_wiped(&c->summary);
		c->summary = value[0] != '\0' ? dk_xstrdup(value) : NULL;
		return DK_OK;
	case DK_SET_MISSION:
		if ((rc = dk_app_check_mission(app, "mission", value, true, norm)) != DK_OK)
			return rc;
		if (strcmp(norm, c->mission) == 0)
			return dk_app_fail(app, DK_INVALID, _("%s is under %s already"), c->ref,
			                   norm);
		break;
	}
	size = 0;
	if ((dst = dk_app_case_text_field(c, settable[k].field, &size)) != NULL)
		snprintf(dst, size, "%s", norm);
	return DK_OK;
}

enum dk_rc
dk_app_case_set(struct dk_app *app, const char *ref, const char *field, const char *value,
                const char *on)
{
	char norm[DK_LINE_MAX + 1] = "";
	struct dk_case c;
	char *previous = NULL;
	size_t k = 0;
	dk_date day;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	while (k < sizeof(settable) / sizeof(settable[0]) && strcmp(settable[k].field, field) != 0)
		k++;
	if (k == sizeof(settable) / sizeof(settable[0]))
		return fail_not_settable(app, field);
	if ((rc = dk_app_tx_begin(app, settable[k].action)) != DK_OK)
		return rc;
	if ((rc = dk_app_load_case(app, ref, &c)) != DK_OK ||
	    (rc = event_date(app, &c, on, &day)) != DK_OK)
		goto out;
	previous = dk_app_case_field(&c, field);
	if ((rc = apply_set(app, &c, k, value, norm, sizeof(norm))) != DK_OK)
		goto out;
	/* The new summary goes in the note: value holds identifiers and dates only. */
	rc = dk_app_record_event(app, &c, "set", day, field,
	                         settable[k].check == DK_SET_TEXT ? NULL : norm, previous,
	                         settable[k].check == DK_SET_TEXT ? value : NULL, NULL);
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
