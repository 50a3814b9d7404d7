/*
 * Display names of every identifier docket shows (domain.md and deadlines.md): the
 * vocabularies, the workflow's states, the deadline rules, statuses, units and conditions.
 * Files, CSV, JSON and arguments keep the identifiers; tables and screens show _(label).
 */
#ifndef DOCKET_LABEL_H
#define DOCKET_LABEL_H

#include "docket/vocab.h"

enum dk_label_kind {
	DK_LABEL_NONE, /* not an identifier: shown as it is */
	/* One per vocabulary, in enum dk_vocab_kind's order (DK_LABEL_OF_VOCAB). */
	DK_LABEL_CATEGORY,
	DK_LABEL_TYPE,
	DK_LABEL_PERSONNEL,
	DK_LABEL_ENTITY,
	DK_LABEL_SOURCE,
	DK_LABEL_SEX,
	DK_LABEL_AGE,
	DK_LABEL_ASSISTANCE,
	DK_LABEL_ASSISTANCE_STATUS,
	DK_LABEL_OUTCOME,
	DK_LABEL_CLOSURE,
	DK_LABEL_INTERIM_ACTION,
	DK_LABEL_FINAL_ACTION,
	DK_LABEL_PATERNITY,
	DK_LABEL_ROLE,
	DK_LABEL_ACTION,  /* an interim or a final action */
	DK_LABEL_STATE,   /* received, assessment, ... */
	DK_LABEL_RULE,    /* investigation_6m, ... */
	DK_LABEL_STATUS,  /* on_track, due_soon, overdue, met, missed */
	DK_LABEL_UNIT,    /* months, days, working_days */
	DK_LABEL_APPLIES, /* not_urgent, urgent, entity_tcc_pcc, has_victims */
	DK_LABEL_EVENT, /* a timeline's kinds (created, moved, victim_informed...), else a state */
	DK_LABEL_COUNT
};

#define DK_LABEL_OF_VOCAB(v) ((enum dk_label_kind)(DK_LABEL_CATEGORY + (int)(v)))

/* The English display name of id as a kind (untranslated: pass it through _()), or NULL. */
const char *dk_label_of(enum dk_label_kind kind, const char *id);

/* The display name of id, translated; id itself when it has none (NULL stays NULL). */
const char *dk_label_show(enum dk_label_kind kind, const char *id);

/*
 * The kind of the values of a field named as the reports' --by fields and the CLI's
 * options name them ("category", "state", "kind" (assistance), "step" (paternity),
 * "action"...); DK_LABEL_NONE for a field whose values are not identifiers (mission, year).
 */
enum dk_label_kind dk_label_kind_of_field(const char *field);

#endif
