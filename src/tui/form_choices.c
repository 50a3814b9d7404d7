/*
 * Where a choice field's entries come from, one filler per source: a
 * vocabulary, a fixed list, the open missions, the moves from the case's
 * state, the case's deadlines or subjects, the fields of a case one may set.
 */
#include <stdio.h>

#include "docket/i18n.h"
#include "docket/vocab.h"
#include "docket/workflow.h"
#include "form.h"

static void
add(struct dk_field *fd, const char *label, const char *id)
{
	if (fd->nchoices == DK_FORM_MAX_CHOICES)
		return;
	fd->labels[fd->nchoices] = label;
	fd->ids[fd->nchoices++] = id;
}

static void
fill_vocab(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, const struct dk_field_spec *as)
{
	const struct dk_vocab *v = dk_vocab_get((enum dk_vocab_kind)as->vocab);

	(void)t;
	(void)f;
	if (as->optional)
		add(fd, _("(none)"), NULL);
	for (size_t i = 0; i < v->count; i++)
		add(fd, _(v->entries[i].label), v->entries[i].id);
}

/* The fixed lists: a NULL id gives nothing to the app under its own label. */
struct fixed_choice {
	const char *id;
	const char *label; /* N_() */
};

static const struct fixed_choice yes_no[] = {{"no", N_("no")}, {"yes", N_("yes")}, {0}};
static const struct fixed_choice consent[] = {
    {NULL, N_("not recorded")}, {"yes", N_("yes")}, {"no", N_("no")}, {0}};
static const struct fixed_choice when[] = {{"interim", N_("interim")}, {"final", N_("final")}, {0}};

static void
fill_fixed(struct dk_field *fd, const struct fixed_choice *list)
{
	for (; list->label != NULL; list++)
		add(fd, _(list->label), list->id);
}

static void
fill_yes_no(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
            const struct dk_field_spec *as)
{
	(void)t, (void)f, (void)as;
	fill_fixed(fd, yes_no);
}

static void
fill_consent(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
             const struct dk_field_spec *as)
{
	(void)t, (void)f, (void)as;
	fill_fixed(fd, consent);
}

static void
fill_when(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, const struct dk_field_spec *as)
{
	(void)t, (void)f, (void)as;
	fill_fixed(fd, when);
}

struct mission_choices {
	struct dk_form *form;
	struct dk_field *field;
};

static bool
add_mission(const struct dk_mission_view *m, void *ctx)
{
	struct mission_choices *mc = ctx;
	char *code;

	if (mc->field->nchoices == DK_FORM_MAX_CHOICES)
		return false;
	code = mc->form->missions[mc->field->nchoices];
	snprintf(code, sizeof(mc->form->missions[0]), "%s", m->code);
	add(mc->field, code, code);
	return true;
}

/* The open missions of the register the account works in. */
static void
fill_missions(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
              const struct dk_field_spec *as)
{
	struct mission_choices mc = {f, fd};

	(void)as;
	if (dk_app_mission_list(t->app, true, add_mission, &mc) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
}

static void
fill_moves(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, const struct dk_field_spec *as)
{
	const struct dk_move *moves[DK_STATE_COUNT];
	int n = dk_workflow_moves_from(f->from, moves, DK_STATE_COUNT);

	(void)as;
	for (int i = 0; i < n; i++)
		add(fd, _(dk_state_label(moves[i]->to)), dk_state_id(moves[i]->to));
	if (n == 0)
		dk_tui_say(t, true, _("No move is possible from %s."), dk_state_id(f->from));
}

static void
fill_rules(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, const struct dk_field_spec *as)
{
	(void)t, (void)as;
	for (int i = 0; i < f->nrules; i++)
		add(fd, dk_label_show(DK_LABEL_RULE, f->rules[i]), f->rules[i]);
}

static void
fill_subjects(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
              const struct dk_field_spec *as)
{
	(void)t, (void)as;
	for (int i = 0; i < f->nsubjects; i++)
		add(fd, f->subjects[i].label, f->subjects[i].code);
}

/* The fields of a case the role may change, by name (`case set`'s). */
static void
fill_settable(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
              const struct dk_field_spec *as)
{
	size_t n;
	const struct dk_settable *fields = dk_app_settable(&n);

	(void)f, (void)as;
	for (size_t i = 0; i < n; i++)
		if (dk_app_may(t->app, fields[i].action))
			add(fd, fields[i].field, fields[i].field);
}

typedef void filler(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
                    const struct dk_field_spec *as);

static filler *const fillers[DK_CHOICES_COUNT] = {
    [DK_CHOICES_VOCAB] = fill_vocab,       [DK_CHOICES_YES_NO] = fill_yes_no,
    [DK_CHOICES_CONSENT] = fill_consent,   [DK_CHOICES_WHEN] = fill_when,
    [DK_CHOICES_MISSIONS] = fill_missions, [DK_CHOICES_MOVES] = fill_moves,
    [DK_CHOICES_RULES] = fill_rules,       [DK_CHOICES_SUBJECTS] = fill_subjects,
    [DK_CHOICES_SETTABLE] = fill_settable,
};

void
dk_form_fill_choices(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
                     const struct dk_field_spec *as)
{
	fd->nchoices = fd->choice = 0;
	if (fillers[as->choices] != NULL)
		fillers[as->choices](t, f, fd, as);
}
