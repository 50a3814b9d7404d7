/* Deadline evaluation: replays a case's facts against the rule table, purely. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/xmalloc.h"

#include "docket/deadline.h"
#include "docket/i18n.h"

static const char *const unit_ids[DK_UNIT_COUNT] = {
    [DK_UNIT_MONTHS] = "months",
    [DK_UNIT_DAYS] = "days",
    [DK_UNIT_WORKING_DAYS] = "working_days",
};

static const char *const applies_ids[DK_APPLIES_COUNT] = {
    [DK_APPLIES_NOT_URGENT] = "not_urgent",
    [DK_APPLIES_URGENT] = "urgent",
    [DK_APPLIES_ENTITY_TCC_PCC] = "entity_tcc_pcc",
    [DK_APPLIES_HAS_VICTIMS] = "has_victims",
};

static const char *const status_ids[DK_STATUS_COUNT] = {
    [DK_STATUS_ON_TRACK] = "on_track", [DK_STATUS_DUE_SOON] = "due_soon",
    [DK_STATUS_OVERDUE] = "overdue",   [DK_STATUS_MET] = "met",
    [DK_STATUS_MISSED] = "missed",
};

static bool
parse_id(const char *const *ids, int n, const char *s, int *out)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(ids[i], s) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

const char *
dk_unit_id(enum dk_unit u)
{
	return (unsigned)u < DK_UNIT_COUNT ? unit_ids[u] : "?";
}

bool
dk_unit_parse(const char *s, enum dk_unit *out)
{
	int i;

	if (!parse_id(unit_ids, DK_UNIT_COUNT, s, &i))
		return false;
	*out = (enum dk_unit)i;
	return true;
}

const char *
dk_applies_id(enum dk_applies a)
{
	return (unsigned)a < DK_APPLIES_COUNT ? applies_ids[a] : "?";
}

bool
dk_applies_parse(const char *s, enum dk_applies *out)
{
	int i;

	if (!parse_id(applies_ids, DK_APPLIES_COUNT, s, &i))
		return false;
	*out = (enum dk_applies)i;
	return true;
}

const char *
dk_deadline_status_id(enum dk_deadline_status s)
{
	return (unsigned)s < DK_STATUS_COUNT ? status_ids[s] : "?";
}

dk_date
dk_rule_due(const struct dk_rule *r, dk_date start, const dk_date *holidays, size_t nholidays)
{
	switch (r->unit) {
	case DK_UNIT_MONTHS:
		return dk_date_add_months(start, r->length);
	case DK_UNIT_WORKING_DAYS:
		return dk_date_add_working_days(start, r->length, holidays, nholidays);
	case DK_UNIT_DAYS:
	case DK_UNIT_COUNT:
		break;
	}
	return dk_date_add_days(start, r->length);
}

static bool
entity_is_tcc_pcc(const char *entity)
{
	return strcmp(entity, "tcc") == 0 || strcmp(entity, "pcc") == 0;
}

/* The rule's own condition on the case as it stands after a fact. */
static bool
condition_holds(const struct dk_rule *r, const struct dk_fact *f)
{
	switch (r->applies) {
	case DK_APPLIES_NOT_URGENT:
		return !f->urgent;
	case DK_APPLIES_URGENT:
		return f->urgent;
	case DK_APPLIES_ENTITY_TCC_PCC:
		return entity_is_tcc_pcc(f->entity);
	case DK_APPLIES_HAS_VICTIMS:
	case DK_APPLIES_COUNT:
		break;
	}
	return false;
}

/*
 * The evaluation keeps every deadline it has started in its own growing
 * array (the caller's max only limits what is copied out at the end).
 * Dropped deadlines are removed so they are never reported. entered[] holds
 * the date of the latest move into each state since the case was last closed.
 * lapses[] holds the extended deadlines switches took away, to give back.
 */
struct eval {
	const struct dk_rule *rules;
	size_t nrules;
	const dk_date *holidays;
	size_t nholidays;
	struct dk_deadline *all;
	size_t count;
	size_t cap;
	dk_date entered[DK_STATE_COUNT];
	bool closed;
	struct victim_clock {
		char code[DK_CODE_MAX];
		dk_date since; /* the last inform, else the day the victim was added */
	} * victims;
	size_t nvictims;
	struct dk_deadline_lapse *lapses;
	size_t nlapses;
};

/* Index of rule r's live deadline (for victim, "" for a case rule), or -1. */
static long
find_live_for(const struct eval *e, const struct dk_rule *r, const char *victim)
{
	for (size_t i = 0; i < e->count; i++)
		if (e->all[i].rule == r && dk_deadline_is_live(&e->all[i]) &&
		    strcmp(e->all[i].victim, victim) == 0)
			return (long)i;
	return -1;
}

static long
find_live(const struct eval *e, const struct dk_rule *r)
{
	return find_live_for(e, r, "");
}

static void
drop(struct eval *e, size_t i)
{
	memmove(&e->all[i], &e->all[i + 1], (e->count - i - 1) * sizeof(e->all[0]));
	e->count--;
}

static void
add(struct eval *e, const struct dk_deadline *d)
{
	if (e->count == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->all = dk_xrealloc(e->all, e->cap * sizeof(*e->all));
	}
	e->all[e->count++] = *d;
}

/* A switch takes live deadline i away; an extended one is kept to come back. */
static void
take_away(struct eval *e, size_t i, dk_date on)
{
	if (e->all[i].extensions > 0) {
		struct dk_deadline_lapse *l;

		e->lapses = dk_xrealloc(e->lapses, (e->nlapses + 1) * sizeof(*e->lapses));
		l = &e->lapses[e->nlapses++];
		memset(l, 0, sizeof(*l));
		l->taken = e->all[i];
		l->on = on;
		l->instead_due = DK_DATE_NONE;
		l->back_on = DK_DATE_NONE;
	}
	drop(e, i);
}

/* The extension rule r had from `from`, while a switch keeps it away; NULL when none. */
static struct dk_deadline_lapse *
away(struct eval *e, const struct dk_rule *r, dk_date from)
{
	for (size_t i = e->nlapses; i-- > 0;)
		if (e->lapses[i].taken.rule == r && e->lapses[i].taken.start == from &&
		    e->lapses[i].back_on == DK_DATE_NONE &&
		    e->lapses[i].taken.ended_on == DK_DATE_NONE)
			return &e->lapses[i];
	return NULL;
}

/*
 * A deadline is its rule, victim and start: one that starts again from the day an
 * ended one started (a case closed and reopened, then referred again, all on one day)
 * is that deadline running again, not a second one beside it.
 */
static void
drop_same_start(struct eval *e, const struct dk_rule *rule, dk_date from, const char *victim)
{
	for (size_t i = e->count; i-- > 0;)
		if (e->all[i].rule == rule && e->all[i].start == from &&
		    strcmp(e->all[i].victim, victim) == 0)
			drop(e, i);
}

static void
start(struct eval *e, const struct dk_rule *rule, dk_date from, const char *victim, dk_date on)
{
	struct dk_deadline_lapse *l = victim[0] == '\0' ? away(e, rule, from) : NULL;
	struct dk_deadline d;

	memset(&d, 0, sizeof(d)); /* no stray padding bytes in what is copied out */
	d.rule = rule;
	d.start = from;
	d.original_due = dk_rule_due(rule, from, e->holidays, e->nholidays);
	d.due = d.original_due;
	d.met_on = DK_DATE_NONE;
	d.ended_on = DK_DATE_NONE;
	snprintf(d.victim, sizeof(d.victim), "%s", victim);
	if (l != NULL) {
		d.due = l->taken.due;
		d.extensions = l->taken.extensions;
		l->back_on = on;
	}
	drop_same_start(e, rule, from, victim);
	add(e, &d);
}

static struct victim_clock *
victim_clock(struct eval *e, const char *code, bool create)
{
	for (size_t i = 0; i < e->nvictims; i++)
		if (strcmp(e->victims[i].code, code) == 0)
			return &e->victims[i];
	if (!create)
		return NULL;
	e->victims = dk_xrealloc(e->victims, (e->nvictims + 1) * sizeof(*e->victims));
	memset(&e->victims[e->nvictims], 0, sizeof(e->victims[0]));
	snprintf(e->victims[e->nvictims].code, DK_CODE_MAX, "%s", code);
	e->victims[e->nvictims].since = DK_DATE_NONE;
	return &e->victims[e->nvictims++];
}

/* A victim fact: informing meets the live deadline; either starts the next while open. */
static void
apply_victim_fact(struct eval *e, const struct dk_fact *f)
{
	struct victim_clock *v = victim_clock(e, f->victim, f->kind == DK_FACT_VICTIM_ADDED);

	if (v == NULL)
		return; /* informed before being named in this case: not this case's clock */
	if (f->kind == DK_FACT_VICTIM_ADDED && v->since != DK_DATE_NONE)
		return; /* named again: the clock it has goes on */
	v->since = f->on;
	for (size_t r = 0; r < e->nrules; r++) {
		const struct dk_rule *rule = &e->rules[r];
		long live;

		if (rule->applies != DK_APPLIES_HAS_VICTIMS)
			continue;
		live = find_live_for(e, rule, v->code);
		if (live >= 0 && e->all[live].start == f->on)
			continue; /* told on the day it started: the clock already runs from it */
		if (live >= 0)
			e->all[live].met_on = f->on;
		if (!e->closed)
			start(e, rule, f->on, v->code, f->on);
	}
}

/* Reopening: every victim's clock runs afresh from the reopening day. */
static void
restart_victims(struct eval *e, dk_date on)
{
	for (size_t i = 0; i < e->nvictims; i++) {
		e->victims[i].since = on;
		for (size_t r = 0; r < e->nrules; r++)
			if (e->rules[r].applies == DK_APPLIES_HAS_VICTIMS)
				start(e, &e->rules[r], on, e->victims[i].code, on);
	}
}

/* Closing: overdue deadlines end as missed, the others are dropped. */
static void
close_case(struct eval *e, dk_date on)
{
	for (size_t i = e->count; i-- > 0;) {
		if (!dk_deadline_is_live(&e->all[i]))
			continue;
		if (e->all[i].due < on)
			e->all[i].ended_on = on;
		else
			drop(e, i);
	}
	for (int s = 0; s < DK_STATE_COUNT; s++)
		e->entered[s] = DK_DATE_NONE;
	for (size_t i = 0; i < e->nlapses; i++)
		if (e->lapses[i].back_on == DK_DATE_NONE)
			e->lapses[i].taken.ended_on = on; /* its start can never come back */
	e->closed = true;
}

/* Whether the rule should have a live deadline after fact f. */
static bool
should_be_live(const struct eval *e, const struct dk_rule *r, const struct dk_fact *f)
{
	dk_date start = e->entered[r->start_state];
	dk_date met = e->entered[r->met_state];

	if (r->applies == DK_APPLIES_HAS_VICTIMS || start == DK_DATE_NONE)
		return false;
	if (met != DK_DATE_NONE && met >= start && r->met_state != r->start_state)
		return false;
	return condition_holds(r, f);
}

/* Drops what no longer applies, then starts what now does, from the same start. */
static void
switch_rules(struct eval *e, const struct dk_fact *f)
{
	size_t first_lapse = e->nlapses;

	for (size_t r = 0; r < e->nrules; r++) {
		long live;

		if (e->rules[r].applies == DK_APPLIES_HAS_VICTIMS)
			continue;
		live = find_live(e, &e->rules[r]);
		if (live >= 0 && !should_be_live(e, &e->rules[r], f))
			take_away(e, (size_t)live, f->on);
	}
	for (size_t r = 0; r < e->nrules; r++) {
		const struct dk_rule *rule = &e->rules[r];

		if (should_be_live(e, rule, f) && find_live(e, rule) < 0)
			start(e, rule, e->entered[rule->start_state], "", f->on);
	}
	/* What took each lapsed extension's place: a live deadline from the same start. */
	for (size_t i = first_lapse; i < e->nlapses; i++) {
		struct dk_deadline_lapse *l = &e->lapses[i];

		for (size_t k = 0; k < e->count && l->instead == NULL; k++) {
			const struct dk_deadline *d = &e->all[k];

			if (dk_deadline_is_live(d) && d->victim[0] == '\0' &&
			    d->rule != l->taken.rule && d->start == l->taken.start &&
			    d->rule->met_state == l->taken.rule->met_state) {
				l->instead = d->rule;
				l->instead_due = d->due;
			}
		}
	}
}

static void
apply_fact(struct eval *e, const struct dk_fact *f)
{
	if (f->kind == DK_FACT_VICTIM_ADDED || f->kind == DK_FACT_VICTIM_INFORMED) {
		apply_victim_fact(e, f);
		return;
	}
	if (f->kind == DK_FACT_MOVED) {
		/* Meeting first: the move that meets a deadline also ends its wait. */
		for (size_t i = 0; i < e->count; i++) {
			struct dk_deadline *d = &e->all[i];
			if (dk_deadline_is_live(d) && d->victim[0] == '\0' &&
			    d->rule->met_state == f->state)
				d->met_on = f->on;
		}
		if (f->state == DK_STATE_CLOSED) {
			close_case(e, f->on);
			return;
		}
		e->entered[f->state] = f->on;
		if (e->closed) {
			e->closed = false;
			restart_victims(e, f->on);
		}
	}
	if (f->kind == DK_FACT_EXTENDED) {
		for (size_t i = 0; i < e->count; i++) {
			struct dk_deadline *d = &e->all[i];
			if (dk_deadline_is_live(d) && strcmp(d->rule->id, f->rule) == 0 &&
			    d->victim[0] == '\0') {
				d->due = f->extend_to;
				d->extensions++;
			}
		}
		return;
	}
	switch_rules(e, f);
}

/* Replays facts up to today into e; the caller frees e's arrays. */
static void
replay(struct eval *e, const struct dk_fact *facts, size_t nfacts, dk_date today)
{
	for (int s = 0; s < DK_STATE_COUNT; s++)
		e->entered[s] = DK_DATE_NONE;
	for (size_t i = 0; i < nfacts && facts[i].on <= today; i++)
		apply_fact(e, &facts[i]);
}

size_t
dk_deadline_evaluate(const struct dk_fact *facts, size_t nfacts, const struct dk_rule *rules,
                     size_t nrules, const dk_date *holidays, size_t nholidays, dk_date today,
                     struct dk_deadline **out)
{
	struct eval e = {
	    .rules = rules, .nrules = nrules, .holidays = holidays, .nholidays = nholidays};

	replay(&e, facts, nfacts, today);
	free(e.victims);
	free(e.lapses);
	*out = e.all;
	return e.count;
}

size_t
dk_deadline_lapses(const struct dk_fact *facts, size_t nfacts, const struct dk_rule *rules,
                   size_t nrules, const dk_date *holidays, size_t nholidays, dk_date today,
                   struct dk_deadline_lapse **out)
{
	struct eval e = {
	    .rules = rules, .nrules = nrules, .holidays = holidays, .nholidays = nholidays};

	replay(&e, facts, nfacts, today);
	free(e.all);
	free(e.victims);
	*out = e.lapses;
	return e.nlapses;
}

bool
dk_deadline_is_live(const struct dk_deadline *d)
{
	return d->met_on == DK_DATE_NONE && d->ended_on == DK_DATE_NONE;
}

int
dk_deadline_days_left(const struct dk_deadline *d, dk_date today)
{
	return (int)dk_date_diff(d->due, today);
}

enum dk_deadline_status
dk_deadline_status(const struct dk_deadline *d, dk_date today)
{
	int left;

	if (d->ended_on != DK_DATE_NONE)
		return DK_STATUS_MISSED; /* closing ends only overdue deadlines */
	if (!dk_deadline_is_live(d))
		return d->met_on <= d->due ? DK_STATUS_MET : DK_STATUS_MISSED;
	left = dk_deadline_days_left(d, today);
	if (left < 0)
		return DK_STATUS_OVERDUE;
	return left <= d->rule->warn_days ? DK_STATUS_DUE_SOON : DK_STATUS_ON_TRACK;
}

/* Unit words by unit, singular and plural, for the explanation. */
static const struct {
	const char *one;
	const char *many;
} unit_words[DK_UNIT_COUNT] = {
    [DK_UNIT_MONTHS] = {N_("month"), N_("months")},
    [DK_UNIT_DAYS] = {N_("day"), N_("days")},
    [DK_UNIT_WORKING_DAYS] = {N_("working day"), N_("working days")},
};

void
dk_deadline_explain(struct dk_buf *out, const struct dk_deadline *d)
{
	const struct dk_rule *r = d->rule;
	char start[DK_DATE_STRLEN], due[DK_DATE_STRLEN], ext[DK_DATE_STRLEN];
	const char *unit = "?";

	if ((unsigned)r->unit < DK_UNIT_COUNT)
		unit = _(r->length == 1 ? unit_words[r->unit].one : unit_words[r->unit].many);
	dk_date_show(d->start, start);
	dk_date_show(d->original_due, due);
	if (d->victim[0] != '\0')
		/* TRANSLATORS: "V-7K3Q9ABCDE last told or named 2026-10-15 + 30 days = 2026-11-14".
		 */
		dk_buf_printf(out, _("%s last told or named %s + %d %s = %s"), d->victim, start,
		              r->length, unit, due);
	else
		/* TRANSLATORS: "Referred 15/01/2026 + 6 months = 15/07/2026" (a state, local
		 * dates). */
		dk_buf_printf(out, _("%s %s + %d %s = %s"), _(dk_state_label(r->start_state)),
		              start, r->length, unit, due);
	if (d->extensions > 0) {
		dk_date_show(d->due, ext);
		dk_buf_printf(out, _("; extended to %s"), ext);
	}
}
