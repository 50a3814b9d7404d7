/*
 * What the form files share: a form as data (its spec: title, fields, submit
 * function), the form being filled in, and the engine's calls the concrete
 * forms use. form.c is the engine; form_table.c the table of forms;
 * form_case.c, form_victim.c and form_subject.c their submit functions.
 */
#ifndef DOCKET_TUI_FORM_H
#define DOCKET_TUI_FORM_H

#include "tui_internal.h"

#define DK_FORM_MAX_FIELDS 12
#define DK_FORM_MAX_CHOICES 64

enum dk_field_kind { DK_FIELD_TEXT, DK_FIELD_DATE, DK_FIELD_CHOICE, DK_FIELD_MULTILINE };

/* Where a choice field's entries come from (form_choices.c). */
enum dk_choices {
	DK_CHOICES_NONE,     /* a typed field */
	DK_CHOICES_VOCAB,    /* a vocabulary (.vocab), "(none)" first when optional */
	DK_CHOICES_YES_NO,   /* no, yes */
	DK_CHOICES_CONSENT,  /* not recorded, yes, no */
	DK_CHOICES_WHEN,     /* interim, final */
	DK_CHOICES_MISSIONS, /* the open missions of the account's register */
	DK_CHOICES_MOVES,    /* the moves from the case's state */
	DK_CHOICES_RULES,    /* the case's live deadlines (the constructor's) */
	DK_CHOICES_SUBJECTS, /* the case's subjects (the constructor's) */
	DK_CHOICES_SETTABLE, /* the case's fields the role may change (dk_app_settable) */
	DK_CHOICES_COUNT
};

struct dk_field_spec {
	const char *key;   /* what the submit function asks for; NULL ends the fields */
	const char *label; /* N_() */
	enum dk_field_kind kind;
	enum dk_choices choices; /* DK_FIELD_CHOICE */
	int vocab;               /* DK_CHOICES_VOCAB: an enum dk_vocab_kind */
	bool optional;           /* DK_CHOICES_VOCAB: "(none)" first */
	bool today;              /* a date that starts as today */
};

struct dk_field {
	const char *key;
	const char *label;
	enum dk_field_kind kind;
	bool hidden;
	char *text; /* text, date and multi-line values */
	size_t len, cap, cursor;
	const char *labels[DK_FORM_MAX_CHOICES];
	const char *ids[DK_FORM_MAX_CHOICES];
	int nchoices, choice;
};

/* What a constructor knows that the spec cannot. */
struct dk_form_args {
	const char *ref;    /* the case, or the victim's code; NULL for a new allegation */
	enum dk_state from; /* the move form: the case's state */
	const char *const *rules;
	int nrules;
	const struct dk_code_choice *subjects;
	int nsubjects;
};

struct dk_form {
	const struct dk_form_spec *spec;
	char ref[DK_TUI_ADDR_MAX]; /* REF@OFFICE when offices share references */
	enum dk_state from;
	const char *rules[DK_FORM_MAX_CHOICES]; /* the caller's names, its array copied */
	int nrules;
	struct dk_code_choice subjects[DK_FORM_MAX_CHOICES];
	int nsubjects;
	char missions[DK_FORM_MAX_CHOICES][DK_MISSION_MAX + 1]; /* one mission field a form */
	struct dk_field fields[DK_FORM_MAX_FIELDS];
	int nfields;
	int focus; /* nfields means the Save button */
	char title[128];
	/* Where a saved form leaves to: back to the view under it, or what it recorded. */
	bool then_open;
	enum dk_open then;
	char then_key[DK_REF_MAX]; /* the case's reference or the victim's code */
};

/* What a submit function did with the form. */
enum dk_form_done {
	DK_FORM_SAVED,   /* the app took it (the message says so): the form closes */
	DK_FORM_REFUSED, /* the app refused: its message shows, the form stays as typed */
	DK_FORM_KEPT,    /* the user drew back (the message says so): the form stays */
};

/* One form: adding a form is adding one of these to form_table.c and its submit function. */
struct dk_form_spec {
	const char *title; /* N_() */
	struct dk_field_spec fields[DK_FORM_MAX_FIELDS];
	/* After a choice changed (changed NULL: the form is new): shows what follows from it. */
	void (*follow)(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed);
	/* Hands the values to the app and says what was done. */
	enum dk_form_done (*submit)(struct dk_tui *t, struct dk_form *f);
};

/* The engine (form.c). */
struct dk_view *dk_form_open(struct dk_tui *t, const struct dk_form_spec *spec,
                             const struct dk_form_args *args);
/* The field named key; a form only asks for fields its spec has (else abort). */
struct dk_field *dk_form_field(struct dk_form *f, const char *key);
/* A field's value for the app: NULL when empty, hidden or "(none)". */
const char *dk_form_value(struct dk_form *f, const char *key);
/* Makes fd a field of another kind and choices (its value starts again, empty). */
void dk_form_retype(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
                    const struct dk_field_spec *as);
/* After the save, opens the case (ref) or the victim (code) in the form's place. */
void dk_form_then(struct dk_form *f, enum dk_open then, const char *key);

/* Fills a choice field from its source (form_choices.c). */
void dk_form_fill_choices(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
                          const struct dk_field_spec *as);

/* Draws a form (form_draw.c), its labels wrapped. */
void dk_form_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols);

/* The case's forms (form_case.c). */
enum dk_form_done dk_form_intake_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_move_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_set_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_extend_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_note_submit(struct dk_tui *t, struct dk_form *f);
void dk_form_move_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed);
void dk_form_set_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed);

/* The victim's forms (form_victim.c). */
enum dk_form_done dk_form_victim_add_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_inform_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_assist_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_paternity_submit(struct dk_tui *t, struct dk_form *f);

/* The subject's forms (form_subject.c). */
enum dk_form_done dk_form_subject_add_submit(struct dk_tui *t, struct dk_form *f);
enum dk_form_done dk_form_subject_action_submit(struct dk_tui *t, struct dk_form *f);
void dk_form_action_follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed);

#endif
