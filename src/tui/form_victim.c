/* What the victim's forms do when saved: a victim named in a case, informed, assisted, the
 * paternity claim. */
#include "docket/i18n.h"
#include "form.h"

enum dk_form_done
dk_form_victim_add_submit(struct dk_tui *t, struct dk_form *f)
{
	struct dk_victim_input in = {
	    f->ref,
	    dk_form_value(f, "code"),
	    dk_form_value(f, "sex"),
	    dk_form_value(f, "age"),
	    dk_form_value(f, "name"),
	    dk_form_value(f, "contact"),
	    dk_form_value(f, "on"),
	};
	char code[DK_CODE_MAX];

	if (dk_app_victim_add(t->app, &in, code) != DK_OK)
		return DK_FORM_REFUSED;
	t->victim_changes++;
	dk_tui_say(t, false, _("%s named in %s."), code, f->ref);
	dk_form_then(f, DK_OPEN_VICTIM, code);
	return DK_FORM_SAVED;
}

enum dk_form_done
dk_form_inform_submit(struct dk_tui *t, struct dk_form *f)
{
	if (dk_app_victim_inform(t->app, f->ref, dk_form_value(f, "on"),
	                         dk_form_value(f, "note")) != DK_OK)
		return DK_FORM_REFUSED;
	t->victim_changes++;
	dk_tui_say(t, false, _("%s: told how the case is going."), f->ref);
	return DK_FORM_SAVED;
}

enum dk_form_done
dk_form_assist_submit(struct dk_tui *t, struct dk_form *f)
{
	struct dk_assistance_input in = {
	    f->ref,
	    dk_form_value(f, "kind"),
	    dk_form_value(f, "on"),
	    dk_form_value(f, "status"),
	    dk_form_value(f, "provider"),
	    dk_form_value(f, "consent"),
	};

	if (dk_app_victim_assist(t->app, &in) != DK_OK)
		return DK_FORM_REFUSED;
	t->victim_changes++;
	dk_tui_say(t, false, _("%s: %s assistance %s."), f->ref, in.kind, in.status);
	return DK_FORM_SAVED;
}

enum dk_form_done
dk_form_paternity_submit(struct dk_tui *t, struct dk_form *f)
{
	if (dk_app_victim_paternity(t->app, f->ref, dk_form_value(f, "status"),
	                            dk_form_value(f, "on")) != DK_OK)
		return DK_FORM_REFUSED;
	t->victim_changes++;
	dk_tui_say(t, false, _("%s: paternity claim %s."), f->ref, dk_form_value(f, "status"));
	return DK_FORM_SAVED;
}
