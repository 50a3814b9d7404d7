/*
 * What can be opened, and the constructor behind each: the loop hands this
 * table to the stack, so views open each other without calling each other.
 * Adding a screen or a form: a DK_OPEN_ value, a row here, its file.
 */
#include "tui_internal.h"

static struct dk_view *
open_dashboard(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_dashboard_new(t);
}

static struct dk_view *
open_list(struct dk_tui *t, const struct dk_open_arg *arg)
{
	if (arg->refs != NULL)
		return dk_view_list_refs_new(t, arg->title, arg->refs, arg->nrefs);
	return dk_view_list_new(t, arg->only, arg->id);
}

static struct dk_view *
open_detail(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_view_detail_new(t, arg->id);
}

static struct dk_view *
open_timeline(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_view_timeline_new(t, arg->id);
}

static struct dk_view *
open_help(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_help_new(t);
}

static struct dk_view *
open_accounts(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_accounts_new(t);
}

static struct dk_view *
open_audit(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_audit_new(t);
}

static struct dk_view *
open_victims(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_view_victims_new(t, arg->only);
}

static struct dk_view *
open_victim(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_view_victim_new(t, arg->id);
}

static struct dk_view *
open_vet(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_vet_new(t);
}

static struct dk_view *
open_reports(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_reports_new(t);
}

static struct dk_view *
open_conflicts(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_conflicts_new(t);
}

static struct dk_view *
open_offices(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_view_offices_new(t);
}

static struct dk_view *
open_intake(struct dk_tui *t, const struct dk_open_arg *arg)
{
	(void)arg;
	return dk_form_intake_new(t);
}

static struct dk_view *
open_move(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_move_new(t, arg->c, arg->id != NULL ? arg->id : arg->c->ref);
}

static struct dk_view *
open_set(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_set_new(t, arg->id);
}

static struct dk_view *
open_extend(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_extend_new(t, arg->id, arg->rules, arg->nrules);
}

static struct dk_view *
open_note(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_note_new(t, arg->id);
}

static struct dk_view *
open_victim_add(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_victim_add_new(t, arg->id);
}

static struct dk_view *
open_subject_add(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_subject_add_new(t, arg->id);
}

static struct dk_view *
open_subject_action(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_subject_action_new(t, arg->id, arg->subjects, arg->nsubjects);
}

static struct dk_view *
open_inform(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_inform_new(t, arg->id);
}

static struct dk_view *
open_assist(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_assist_new(t, arg->id);
}

static struct dk_view *
open_paternity(struct dk_tui *t, const struct dk_open_arg *arg)
{
	return dk_form_paternity_new(t, arg->id);
}

const dk_view_open_fn dk_views[DK_OPEN_COUNT] = {
    [DK_OPEN_DASHBOARD] = open_dashboard,
    [DK_OPEN_LIST] = open_list,
    [DK_OPEN_DETAIL] = open_detail,
    [DK_OPEN_TIMELINE] = open_timeline,
    [DK_OPEN_HELP] = open_help,
    [DK_OPEN_ACCOUNTS] = open_accounts,
    [DK_OPEN_AUDIT] = open_audit,
    [DK_OPEN_VICTIMS] = open_victims,
    [DK_OPEN_VICTIM] = open_victim,
    [DK_OPEN_VET] = open_vet,
    [DK_OPEN_REPORTS] = open_reports,
    [DK_OPEN_CONFLICTS] = open_conflicts,
    [DK_OPEN_OFFICES] = open_offices,
    [DK_OPEN_FORM_INTAKE] = open_intake,
    [DK_OPEN_FORM_MOVE] = open_move,
    [DK_OPEN_FORM_SET] = open_set,
    [DK_OPEN_FORM_EXTEND] = open_extend,
    [DK_OPEN_FORM_NOTE] = open_note,
    [DK_OPEN_FORM_VICTIM_ADD] = open_victim_add,
    [DK_OPEN_FORM_SUBJECT_ADD] = open_subject_add,
    [DK_OPEN_FORM_SUBJECT_ACTION] = open_subject_action,
    [DK_OPEN_FORM_INFORM] = open_inform,
    [DK_OPEN_FORM_ASSIST] = open_assist,
    [DK_OPEN_FORM_PATERNITY] = open_paternity,
};
