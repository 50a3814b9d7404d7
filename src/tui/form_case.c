/* What the case's forms do when saved: a new allegation, a move, a field changed, an extension, a
 * note. */
#include <stdio.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/workflow.h"
#include "form.h"

enum dk_form_done
dk_form_intake_submit(struct dk_tui *t, struct dk_form *f)
{
	const char *urgent = dk_form_value(f, "urgent");
	struct dk_case_input in = {
	    dk_form_value(f, "mission"),     dk_form_value(f, "reported"),
	    dk_form_value(f, "category"),    dk_form_value(f, "incident"),
	    dk_form_value(f, "type"),        dk_form_value(f, "personnel"),
	    dk_form_value(f, "nationality"), dk_form_value(f, "source"),
	    dk_form_value(f, "summary"),     urgent != NULL && strcmp(urgent, "yes") == 0,
	};
	char ref[DK_REF_MAX];

	if (dk_app_case_add(t->app, &in, ref) != DK_OK)
		return DK_FORM_REFUSED;
	dk_tui_say(t, false, _("Recorded %s."), ref);
	dk_form_then(f, DK_OPEN_DETAIL, ref);
	return DK_FORM_SAVED;
}

/* The move form shows only what the chosen move needs (and the note, always). */
void
dk_form_move_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed)
{
	const char *to = dk_form_value(f, "state");
	enum dk_state target;
	const struct dk_move *mv = NULL;

	(void)t, (void)changed;
	if (to != NULL && dk_state_parse(to, &target))
		mv = dk_workflow_move(f->from, target);
	dk_form_field(f, "entity")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_ENTITY);
	dk_form_field(f, "outcome")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_OUTCOME);
	dk_form_field(f, "closure")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_CLOSURE);
}

struct closing {
	struct dk_buf *question;
	dk_date on; /* the closing date */
	int live;
};

static bool
closing_ends(const struct dk_deadline_view *d, void *ctx)
{
	struct closing *cl = ctx;
	char due[DK_DATE_STRLEN], name[64];

	if (d->met_on != DK_DATE_NONE || d->ended_on != DK_DATE_NONE)
		return true;
	dk_date_show(d->due, due);
	/* A victim's update names the victim. */
	snprintf(name, sizeof(name), "%s%s%s", dk_label_show(DK_LABEL_RULE, d->rule),
	         d->victim != NULL && d->victim[0] ? " " : "", d->victim != NULL ? d->victim : "");
	dk_buf_printf(cl->question, "%s ", cl->live++ == 0 ? _("It ends:") : ";");
	/* deadlines.md: one overdue on the closing date is kept as missed, the others dropped. */
	dk_buf_printf(cl->question,
	              d->due < cl->on ? _("%s due %s, overdue: kept as missed")
	                              : _("%s due %s, not yet due: dropped"),
	              name, due);
	return true;
}

/*
 * Closing a case asks first, naming the live deadlines it ends. True to go
 * on (also when the app cannot tell: it refuses the move itself then).
 */
static bool
confirm_close(struct dk_tui *t, struct dk_form *f)
{
	struct dk_buf question = DK_BUF_INIT;
	struct closing cl = {&question, DK_DATE_NONE, 0};
	struct dk_case c;
	const char *on = dk_form_value(f, "on");
	bool ok = true;

	memset(&c, 0, sizeof(c));
	if (on != NULL && dk_date_parse(on, &cl.on)) {
		dk_buf_printf(&question, _("Close %s?"), f->ref);
		dk_buf_putc(&question, ' ');
		if (dk_app_case_get(t->app, f->ref, &c, closing_ends, &cl) == DK_OK) {
			if (cl.live == 0)
				dk_buf_puts(&question, _("No deadline is live."));
			ok = dk_tui_confirm(t, dk_buf_str(&question));
		}
		dk_case_clear(&c);
	}
	dk_buf_free(&question);
	return ok;
}

enum dk_form_done
dk_form_move_submit(struct dk_tui *t, struct dk_form *f)
{
	struct dk_move_input in = {
	    f->ref,
	    dk_form_value(f, "state"),
	    dk_form_value(f, "on"),
	    dk_form_value(f, "entity"),
	    dk_form_value(f, "outcome"),
	    dk_form_value(f, "closure"),
	    dk_form_value(f, "note"),
	};

	if (in.state != NULL && strcmp(in.state, dk_state_id(DK_STATE_CLOSED)) == 0 &&
	    !confirm_close(t, f)) {
		dk_tui_say(t, false, _("Not closed."));
		return DK_FORM_KEPT;
	}
	if (dk_app_case_move(t->app, &in) != DK_OK)
		return DK_FORM_REFUSED;
	dk_tui_say(t, false, _("%s moved to %s."), f->ref, dk_label_show(DK_LABEL_STATE, in.state));
	return DK_FORM_SAVED;
}

/* How each kind of `case set` value is typed: identifiers and yes/no are chosen from a list. */
static const struct dk_field_spec set_value_as[] = {
    [DK_SET_YESNO] = {.kind = DK_FIELD_CHOICE, .choices = DK_CHOICES_YES_NO},
    [DK_SET_VOCAB] = {.kind = DK_FIELD_CHOICE, .choices = DK_CHOICES_VOCAB},
    [DK_SET_NATIONALITY] = {.kind = DK_FIELD_TEXT},
    [DK_SET_DATE] = {.kind = DK_FIELD_DATE},
    [DK_SET_TEXT] = {.kind = DK_FIELD_MULTILINE},
    [DK_SET_MISSION] = {.kind = DK_FIELD_CHOICE, .choices = DK_CHOICES_MISSIONS},
};

/* The set form's value field takes the kind and choices of the field chosen (app's table). */
void
dk_form_set_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed)
{
	struct dk_field *which = dk_form_field(f, "field"), *value = dk_form_field(f, "value");
	const char *chosen = dk_form_value(f, "field");
	size_t n;
	const struct dk_settable *fields = dk_app_settable(&n);

	if (changed != NULL && changed != which)
		return;
	value->hidden = true;
	for (size_t i = 0; chosen != NULL && i < n; i++) {
		if (strcmp(fields[i].field, chosen) == 0) {
			struct dk_field_spec as = set_value_as[fields[i].check];

			as.vocab = fields[i].vocab;
			dk_form_retype(t, f, value, &as);
			value->hidden = false;
		}
	}
}

/* After a change, the app's notice (an extension that no longer applies) on the one line. */
static void
say_changed(struct dk_tui *t, const char *ref, const char *field)
{
	char line[sizeof(t->message)];
	size_t n;

	snprintf(line, sizeof(line), "%s", dk_app_notice(t->app));
	if (line[0] == '\0') {
		dk_tui_say(t, false, _("%s: %s changed."), ref, field);
		return;
	}
	for (n = strlen(line); n > 0 && line[n - 1] == '\n';)
		line[--n] = '\0';
	for (char *nl = strchr(line, '\n'); nl != NULL; nl = strchr(nl, '\n'))
		*nl = ';';
	dk_tui_say(t, false, "%s: %s", ref, line);
}

enum dk_form_done
dk_form_set_submit(struct dk_tui *t, struct dk_form *f)
{
	const char *field = dk_form_value(f, "field");
	const char *typed = dk_form_value(f, "value");

	if (dk_app_case_set(t->app, f->ref, field, typed != NULL ? typed : "",
	                    dk_form_value(f, "on")) != DK_OK)
		return DK_FORM_REFUSED;
	say_changed(t, f->ref, field);
	return DK_FORM_SAVED;
}

enum dk_form_done
dk_form_extend_submit(struct dk_tui *t, struct dk_form *f)
{
	if (dk_app_case_extend(t->app, f->ref, dk_form_value(f, "rule"), dk_form_value(f, "to"),
	                       dk_form_value(f, "reason")) != DK_OK)
		return DK_FORM_REFUSED;
	dk_tui_say(t, false, _("%s: %s extended."), f->ref,
	           dk_label_show(DK_LABEL_RULE, dk_form_value(f, "rule")));
	return DK_FORM_SAVED;
}

enum dk_form_done
dk_form_note_submit(struct dk_tui *t, struct dk_form *f)
{
	if (dk_app_case_note(t->app, f->ref, dk_form_value(f, "note"), dk_form_value(f, "on")) !=
	    DK_OK)
		return DK_FORM_REFUSED;
	dk_tui_say(t, false, _("Note added to %s."), f->ref);
	return DK_FORM_SAVED;
}
