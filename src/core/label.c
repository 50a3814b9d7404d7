/* Display names: the vocabularies' own labels, and one table for each other kind of id. */
#include <stddef.h>
#include <string.h>

#include "docket/deadline.h"
#include "docket/i18n.h"
#include "docket/label.h"
#include "docket/workflow.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(DK_LABEL_ROLE == DK_LABEL_OF_VOCAB(DK_VOCAB_ROLE),
               "one label kind per vocabulary, in the same order");

/* The rules of schema/0001_init.sql's rule table (deadlines.md). */
static const struct dk_vocab_entry rules[] = {
    {"investigation_6m", N_("Investigation: 6 months")},
    {"investigation_90d", N_("Investigation: 90 days")},
    {"nio_appointment", N_("NIO appointment")},
    {"victim_update", N_("Victim update")},
};

/* By enum dk_deadline_status: the ids are dk_deadline_status_id's. */
static const char *const statuses[DK_STATUS_COUNT] = {
    [DK_STATUS_ON_TRACK] = N_("On track"), [DK_STATUS_DUE_SOON] = N_("Due soon"),
    [DK_STATUS_OVERDUE] = N_("Overdue"),   [DK_STATUS_MET] = N_("Met"),
    [DK_STATUS_MISSED] = N_("Missed"),
};

/* By enum dk_unit: the ids are dk_unit_id's. */
static const char *const units[DK_UNIT_COUNT] = {
    [DK_UNIT_MONTHS] = N_("months"),
    [DK_UNIT_DAYS] = N_("days"),
    [DK_UNIT_WORKING_DAYS] = N_("working days"),
};

/* By enum dk_applies: the ids are dk_applies_id's. */
static const char *const applies[DK_APPLIES_COUNT] = {
    [DK_APPLIES_NOT_URGENT] = N_("Not urgent"),
    [DK_APPLIES_URGENT] = N_("Urgent"),
    [DK_APPLIES_ENTITY_TCC_PCC] = N_("Investigated by a TCC or PCC"),
    [DK_APPLIES_HAS_VICTIMS] = N_("Each victim"),
};

/*
 * The kinds of a timeline's events (app_timeline.c) and of the events that start or meet
 * a rule (`rule list`); a state's id names the move into it.
 */
static const struct dk_vocab_entry events[] = {
    {"created", N_("Recorded")},
    {"moved", N_("Moved")},
    {"set", N_("Changed")},
    {"note", N_("Note")},
    {"extended", N_("Extended")},
    {"extension_lapsed", N_("Extension lapsed")},
    {"extension_back", N_("Extension back")},
    {"victim_added", N_("Victim named")},
    {"victim_informed", N_("Victim informed")},
    {"victim_assistance", N_("Assistance")},
    {"victim_paternity", N_("Paternity claim")},
    {"subject_added", N_("Subject added")},
    {"subject_action", N_("Subject action")},
};

/* The report fields whose values are identifiers (app_report_*.c's field names). */
static const struct {
	const char *field;
	enum dk_label_kind kind;
} fields[] = {
    {"category", DK_LABEL_CATEGORY},
    {"type", DK_LABEL_TYPE},
    {"personnel", DK_LABEL_PERSONNEL},
    {"entity", DK_LABEL_ENTITY},
    {"source", DK_LABEL_SOURCE},
    {"sex", DK_LABEL_SEX},
    {"age", DK_LABEL_AGE},
    {"kind", DK_LABEL_ASSISTANCE},
    {"status", DK_LABEL_ASSISTANCE_STATUS},
    {"outcome", DK_LABEL_OUTCOME},
    {"closure", DK_LABEL_CLOSURE},
    {"step", DK_LABEL_PATERNITY},
    {"paternity", DK_LABEL_PATERNITY},
    {"action", DK_LABEL_ACTION},
    {"role", DK_LABEL_ROLE},
    {"state", DK_LABEL_STATE},
    {"rule", DK_LABEL_RULE},
};

static const char *
from_entries(const struct dk_vocab_entry *e, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].id, id) == 0)
			return e[i].label;
	return NULL;
}

/* labels[i] is the name of ids(i), for the kinds whose ids come from a function. */
static const char *
from_enum(const char *const *labels, int n, const char *(*ids)(int), const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ids(i), id) == 0)
			return labels[i];
	return NULL;
}

static const char *
status_id(int i)
{
	return dk_deadline_status_id((enum dk_deadline_status)i);
}

static const char *
unit_id(int i)
{
	return dk_unit_id((enum dk_unit)i);
}

static const char *
applies_id(int i)
{
	return dk_applies_id((enum dk_applies)i);
}

static const char *
state_label(const char *id)
{
	enum dk_state s;

	return dk_state_parse(id, &s) ? dk_state_label(s) : NULL;
}

static const char *
vocab_label(enum dk_vocab_kind kind, const char *id)
{
	int i = dk_vocab_find(kind, id);

	return i >= 0 ? dk_vocab_get(kind)->entries[i].label : NULL;
}

const char *
dk_label_of(enum dk_label_kind kind, const char *id)
{
	const char *label;

	if (id == NULL || kind <= DK_LABEL_NONE || kind >= DK_LABEL_COUNT)
		return NULL;
	if (kind <= DK_LABEL_ROLE)
		return vocab_label((enum dk_vocab_kind)(kind - DK_LABEL_CATEGORY), id);
	switch (kind) {
	case DK_LABEL_ACTION:
		label = vocab_label(DK_VOCAB_INTERIM_ACTION, id);
		return label != NULL ? label : vocab_label(DK_VOCAB_FINAL_ACTION, id);
	case DK_LABEL_STATE:
		return state_label(id);
	case DK_LABEL_RULE:
		return from_entries(rules, COUNT(rules), id);
	case DK_LABEL_STATUS:
		return from_enum(statuses, DK_STATUS_COUNT, status_id, id);
	case DK_LABEL_UNIT:
		return from_enum(units, DK_UNIT_COUNT, unit_id, id);
	case DK_LABEL_APPLIES:
		return from_enum(applies, DK_APPLIES_COUNT, applies_id, id);
	case DK_LABEL_EVENT:
		label = from_entries(events, COUNT(events), id);
		return label != NULL ? label : state_label(id);
	default:
		return NULL;
	}
}

const char *
dk_label_show(enum dk_label_kind kind, const char *id)
{
	const char *label = dk_label_of(kind, id);

	return label != NULL ? _(label) : id;
}

enum dk_label_kind
dk_label_kind_of_field(const char *field)
{
	for (size_t i = 0; field != NULL && i < COUNT(fields); i++)
		if (strcmp(fields[i].field, field) == 0)
			return fields[i].kind;
	return DK_LABEL_NONE;
}
