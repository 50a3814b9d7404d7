/*
 * The table of forms: each form's title, its fields (key, label, kind, where
 * its choices come from, whether it may stay unset) and its submit function,
 * and the constructors the views call. A new form is a row here and a submit
 * function in the file of its subject.
 */
#include "docket/i18n.h"
#include "docket/vocab.h"
#include "form.h"

/* One field a line (clang-format would put each macro's braces on lines of their own). */
/* clang-format off */
#define FIELD(k, l, kd) .key = (k), .label = (l), .kind = (kd)
#define TEXT(k, l) {FIELD(k, l, DK_FIELD_TEXT)}
#define DATE(k, l) {FIELD(k, l, DK_FIELD_DATE)}
#define TODAY(k, l) {FIELD(k, l, DK_FIELD_DATE), .today = true}
#define MULTILINE(k, l) {FIELD(k, l, DK_FIELD_MULTILINE)}
#define CHOICE(k, l, from) {FIELD(k, l, DK_FIELD_CHOICE), .choices = (from)}
#define VOCAB(k, l, v) {FIELD(k, l, DK_FIELD_CHOICE), .choices = DK_CHOICES_VOCAB, .vocab = (v)}
/* A vocabulary with "(none)" first. */
#define VOCAB_OPT(k, l, v) \
	{FIELD(k, l, DK_FIELD_CHOICE), .choices = DK_CHOICES_VOCAB, .vocab = (v), .optional = true}
/* clang-format on */

enum form_id {
	FORM_INTAKE,
	FORM_MOVE,
	FORM_SET,
	FORM_EXTEND,
	FORM_NOTE,
	FORM_VICTIM_ADD,
	FORM_SUBJECT_ADD,
	FORM_SUBJECT_ACTION,
	FORM_INFORM,
	FORM_ASSIST,
	FORM_PATERNITY,
};

static const struct dk_form_spec forms[] = {
    [FORM_INTAKE] = {.title = N_("docket — new allegation"),
                     .fields = {CHOICE("mission", N_("Mission"), DK_CHOICES_MISSIONS),
                                TODAY("reported", N_("Reported (YYYY-MM-DD)")),
                                VOCAB("category", N_("Category"), DK_VOCAB_CATEGORY),
                                VOCAB_OPT("type", N_("Type"), DK_VOCAB_TYPE),
                                VOCAB_OPT("personnel", N_("Personnel"), DK_VOCAB_PERSONNEL),
                                TEXT("nationality", N_("Nationality (ISO3)")),
                                VOCAB_OPT("source", N_("Source"), DK_VOCAB_SOURCE),
                                DATE("incident", N_("Incident (YYYY-MM-DD)")),
                                CHOICE("urgent", N_("Urgent"), DK_CHOICES_YES_NO),
                                MULTILINE("summary", N_("Summary"))},
                     .submit = dk_form_intake_submit},
    [FORM_MOVE] = {.title = N_("docket — move"),
                   .fields = {CHOICE("state", N_("Move to"), DK_CHOICES_MOVES),
                              TODAY("on", N_("On (YYYY-MM-DD)")),
                              VOCAB("entity", N_("Investigating entity"), DK_VOCAB_ENTITY),
                              VOCAB("outcome", N_("Outcome"), DK_VOCAB_OUTCOME),
                              VOCAB("closure", N_("Closure"), DK_VOCAB_CLOSURE),
                              MULTILINE("note", N_("Note"))},
                   .follow = dk_form_move_follow,
                   .submit = dk_form_move_submit},
    /* The value's kind and choices follow the field chosen (dk_app_settable). */
    [FORM_SET] = {.title = N_("docket — change a field"),
                  .fields = {CHOICE("field", N_("Field"), DK_CHOICES_SETTABLE),
                             TEXT("value", N_("New value")),
                             DATE("on", N_("On (YYYY-MM-DD, empty: today)"))},
                  .follow = dk_form_set_follow,
                  .submit = dk_form_set_submit},
    [FORM_EXTEND] = {.title = N_("docket — extend a deadline"),
                     .fields = {CHOICE("rule", N_("Deadline"), DK_CHOICES_RULES),
                                DATE("to", N_("Extend to (YYYY-MM-DD)")),
                                MULTILINE("reason", N_("Reason"))},
                     .submit = dk_form_extend_submit},
    [FORM_NOTE] = {.title = N_("docket — add a note"),
                   .fields = {MULTILINE("note", N_("Note")), TODAY("on", N_("On (YYYY-MM-DD)"))},
                   .submit = dk_form_note_submit},
    /* A new victim, or one already recorded (its code) named in this case too. */
    [FORM_VICTIM_ADD] = {.title = N_("docket — name a victim"),
                         .fields = {VOCAB_OPT("sex", N_("Sex"), DK_VOCAB_SEX),
                                    VOCAB_OPT("age", N_("Age"), DK_VOCAB_AGE),
                                    TEXT("name", N_("Name")), TEXT("contact", N_("Contact")),
                                    TODAY("on", N_("Named on (YYYY-MM-DD)")),
                                    TEXT("code", N_("Or a victim's code"))},
                         .submit = dk_form_victim_add_submit},
    [FORM_SUBJECT_ADD] = {.title = N_("docket — add a subject"),
                          .fields = {VOCAB("personnel", N_("Personnel"), DK_VOCAB_PERSONNEL),
                                     TEXT("nationality", N_("Nationality (ISO3)")),
                                     TEXT("name", N_("Name")),
                                     TEXT("index", N_("Index or service number")),
                                     TEXT("unit", N_("Unit")),
                                     TODAY("on", N_("Added on (YYYY-MM-DD)"))},
                          .submit = dk_form_subject_add_submit},
    [FORM_SUBJECT_ACTION] =
        {.title = N_("docket — action on a subject"),
         .fields = {CHOICE("subject", N_("Subject"), DK_CHOICES_SUBJECTS),
                    CHOICE("when", N_("Interim or final"), DK_CHOICES_WHEN),
                    VOCAB("interim_action", N_("Interim action"), DK_VOCAB_INTERIM_ACTION),
                    VOCAB("final_action", N_("Final action"), DK_VOCAB_FINAL_ACTION),
                    TODAY("on", N_("On (YYYY-MM-DD)"))},
         .follow = dk_form_action_follow,
         .submit = dk_form_subject_action_submit},
    [FORM_INFORM] = {.title = N_("docket — victim informed"),
                     .fields = {TODAY("on", N_("On (YYYY-MM-DD)")), MULTILINE("note", N_("Note"))},
                     .submit = dk_form_inform_submit},
    [FORM_ASSIST] = {.title = N_("docket — assistance"),
                     .fields = {VOCAB("kind", N_("Assistance"), DK_VOCAB_ASSISTANCE),
                                VOCAB("status", N_("Status"), DK_VOCAB_ASSISTANCE_STATUS),
                                TODAY("on", N_("On (YYYY-MM-DD)")),
                                TEXT("provider", N_("Provider")),
                                CHOICE("consent", N_("Consent"), DK_CHOICES_CONSENT)},
                     .submit = dk_form_assist_submit},
    [FORM_PATERNITY] = {.title = N_("docket — paternity claim"),
                        .fields = {VOCAB("status", N_("Status of the claim"), DK_VOCAB_PATERNITY),
                                   TODAY("on", N_("On (YYYY-MM-DD)"))},
                        .submit = dk_form_paternity_submit},
};

/* A form on a case or a victim (ref) that needs nothing else. */
static struct dk_view *
open_on(struct dk_tui *t, enum form_id id, const char *ref)
{
	return dk_form_open(t, &forms[id], &(struct dk_form_args){.ref = ref});
}

struct dk_view *
dk_form_intake_new(struct dk_tui *t)
{
	return open_on(t, FORM_INTAKE, NULL);
}

struct dk_view *
dk_form_move_new(struct dk_tui *t, const struct dk_case *c, const char *ref)
{
	return dk_form_open(t, &forms[FORM_MOVE],
	                    &(struct dk_form_args){.ref = ref, .from = c->state});
}

struct dk_view *
dk_form_set_new(struct dk_tui *t, const char *ref)
{
	return open_on(t, FORM_SET, ref);
}

struct dk_view *
dk_form_extend_new(struct dk_tui *t, const char *ref, const char *const *rules, int nrules)
{
	return dk_form_open(t, &forms[FORM_EXTEND],
	                    &(struct dk_form_args){.ref = ref, .rules = rules, .nrules = nrules});
}

struct dk_view *
dk_form_note_new(struct dk_tui *t, const char *ref)
{
	return open_on(t, FORM_NOTE, ref);
}

struct dk_view *
dk_form_victim_add_new(struct dk_tui *t, const char *ref)
{
	return open_on(t, FORM_VICTIM_ADD, ref);
}

struct dk_view *
dk_form_subject_add_new(struct dk_tui *t, const char *ref)
{
	return open_on(t, FORM_SUBJECT_ADD, ref);
}

struct dk_view *
dk_form_subject_action_new(struct dk_tui *t, const char *ref, const struct dk_code_choice *subjects,
                           int n)
{
	return dk_form_open(
	    t, &forms[FORM_SUBJECT_ACTION],
	    &(struct dk_form_args){.ref = ref, .subjects = subjects, .nsubjects = n});
}

struct dk_view *
dk_form_inform_new(struct dk_tui *t, const char *code)
{
	return open_on(t, FORM_INFORM, code);
}

struct dk_view *
dk_form_assist_new(struct dk_tui *t, const char *code)
{
	return open_on(t, FORM_ASSIST, code);
}

struct dk_view *
dk_form_paternity_new(struct dk_tui *t, const char *code)
{
	return open_on(t, FORM_PATERNITY, code);
}
