/* What the subject's forms do when saved: a subject added to a case, an action taken on one. */
#include <string.h>

#include "docket/i18n.h"
#include "form.h"

enum dk_form_done
dk_form_subject_add_submit(struct dk_tui *t, struct dk_form *f)
{
	struct dk_subject_input in = {
	    f->ref,
	    dk_form_value(f, "personnel"),
	    dk_form_value(f, "nationality"),
	    dk_form_value(f, "name"),
	    dk_form_value(f, "index"),
	    dk_form_value(f, "unit"),
	    dk_form_value(f, "on"),
	};
	char code[DK_CODE_MAX];

	if (dk_app_subject_add(t->app, &in, code) != DK_OK)
		return DK_FORM_REFUSED;
	t->subject_changes++;
	dk_tui_say(t, false, _("Subject %s added to %s."), code, f->ref);
	return DK_FORM_SAVED;
}

static bool
interim(struct dk_form *f)
{
	const char *when = dk_form_value(f, "when");

	return when != NULL && strcmp(when, "interim") == 0;
}

/* Interim and final actions come from two lists: only the chosen one shows. */
void
dk_form_action_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed)
{
	(void)t, (void)changed;
	dk_form_field(f, "interim_action")->hidden = !interim(f);
	dk_form_field(f, "final_action")->hidden = interim(f);
}

enum dk_form_done
dk_form_subject_action_submit(struct dk_tui *t, struct dk_form *f)
{
	bool is_interim = interim(f);
	const char *action = dk_form_value(f, is_interim ? "interim_action" : "final_action");

	if (dk_app_subject_action(t->app, dk_form_value(f, "subject"), action,
	                          dk_form_value(f, "on"), is_interim) != DK_OK)
		return DK_FORM_REFUSED;
	t->subject_changes++;
	dk_tui_say(t, false, _("%s: %s recorded."), dk_form_value(f, "subject"), action);
	return DK_FORM_SAVED;
}
