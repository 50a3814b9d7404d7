/*
 * Deadline rules as data (deadlines.md) and their evaluation: a pure function
 * of a case's history, the rules, the mission's holidays and today.
 */
#ifndef DOCKET_DEADLINE_H
#define DOCKET_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/buf.h"
#include "docket/case.h"
#include "docket/date.h"
#include "docket/workflow.h"

#define DK_RULE_ID_MAX 32
#define DK_CODE_MAX 16 /* a victim's or subject's code, "V-" and 10 characters, + NUL */

enum dk_unit { DK_UNIT_MONTHS, DK_UNIT_DAYS, DK_UNIT_WORKING_DAYS, DK_UNIT_COUNT };

/* When a rule applies, besides its start event having happened. */
enum dk_applies {
	DK_APPLIES_NOT_URGENT,     /* the case is not urgent */
	DK_APPLIES_URGENT,         /* the case is urgent */
	DK_APPLIES_ENTITY_TCC_PCC, /* the investigating entity is tcc or pcc */
	DK_APPLIES_HAS_VICTIMS,    /* per victim of an open case (victims issue) */
	DK_APPLIES_COUNT
};

/*
 * One row of the rule table. A case rule starts on the date of the latest
 * move into start_state and is met by the first move into met_state after
 * it. A per-victim rule (DK_APPLIES_HAS_VICTIMS) runs once per victim of
 * the case instead, from the victim's facts (start_state and met_state are
 * unused).
 */
struct dk_rule {
	char id[DK_RULE_ID_MAX];
	enum dk_state start_state;
	int length;
	enum dk_unit unit;
	enum dk_state met_state;
	enum dk_applies applies;
	int warn_days;
};

/* "months", "days", "working_days" and back; false when unknown. */
const char *dk_unit_id(enum dk_unit u);
bool dk_unit_parse(const char *s, enum dk_unit *out);
/* "not_urgent", "urgent", "entity_tcc_pcc", "has_victims" and back. */
const char *dk_applies_id(enum dk_applies a);
bool dk_applies_parse(const char *s, enum dk_applies *out);

/*
 * The due date of rule r for a deadline starting on start: calendar months
 * with month-end clamping, plain days, or working days (Monday-Friday,
 * skipping holidays, sorted ascending, counting from the day after start).
 */
dk_date dk_rule_due(const struct dk_rule *r, dk_date start, const dk_date *holidays,
                    size_t nholidays);

/* What an event was, for the deadlines. */
enum dk_fact_kind {
	DK_FACT_CREATED,         /* the case was recorded (state received) */
	DK_FACT_MOVED,           /* a workflow move into `state` */
	DK_FACT_SET,             /* a field changed (urgent, entity, ...) */
	DK_FACT_EXTENDED,        /* rule `rule` was extended to `extend_to` */
	DK_FACT_OTHER,           /* a note or anything else that moves no deadline */
	DK_FACT_VICTIM_ADDED,    /* victim `victim` was named in the case */
	DK_FACT_VICTIM_INFORMED, /* victim `victim` was told how the case is going */
};

/*
 * One event of a case as the deadlines see it: its date and kind, and the
 * case's state, urgency and investigating entity just after it.
 */
struct dk_fact {
	dk_date on;
	enum dk_fact_kind kind;
	enum dk_state state;
	bool urgent;
	char entity[DK_IDENT_MAX]; /* "" when none */
	char rule[DK_RULE_ID_MAX]; /* DK_FACT_EXTENDED only */
	dk_date extend_to;         /* DK_FACT_EXTENDED only */
	char victim[DK_CODE_MAX];  /* DK_FACT_VICTIM_* only */
};

/* One deadline of a case, live or already met. */
struct dk_deadline {
	const struct dk_rule *rule; /* points into the rules given to dk_deadline_evaluate */
	dk_date start;
	dk_date original_due; /* the rule's arithmetic from start */
	dk_date due;      /* what status is judged against: the last extension, else original_due */
	dk_date met_on;   /* DK_DATE_NONE while live */
	dk_date ended_on; /* closed unmet after due (missed); DK_DATE_NONE otherwise */
	int extensions;   /* how many times it was extended */
	char victim[DK_CODE_MAX]; /* per-victim rules: whose it is; "" otherwise */
};

enum dk_deadline_status {
	DK_STATUS_ON_TRACK, /* live, days_left > warn */
	DK_STATUS_DUE_SOON, /* live, 0 <= days_left <= warn */
	DK_STATUS_OVERDUE,  /* live, days_left < 0 */
	DK_STATUS_MET,      /* met on or before due */
	DK_STATUS_MISSED,   /* met after due, or ended unmet by closing after due */
	DK_STATUS_COUNT
};

/* "on_track", "due_soon", "overdue", "met", "missed". */
const char *dk_deadline_status_id(enum dk_deadline_status s);

/*
 * The deadlines of one case as they stood at the end of `today`: facts
 * dated after today are ignored. facts must be in the order they happened:
 * date, then recording order across the case's own events and its
 * victims' (deadlines.md "Order within a day"). For each case rule:
 *  - it starts on the date of the latest move into its start_state (since
 *    the case was last closed), while its `applies` condition holds and no
 *    move into its met_state has happened since that start;
 *  - a move into met_state meets every live deadline waiting for it;
 *  - when the condition stops holding the live deadline is taken away, and
 *    a rule whose condition now holds starts from the same start date (so
 *    setting or clearing urgent switches investigation_6m and
 *    investigation_90d and recomputes the due date);
 *  - an extension sets `due`, keeping `original_due`; it belongs to its rule
 *    and start: when a later switch brings back the same rule from the same
 *    start, its extensions come back with it (dk_deadline_lapses lists them);
 *  - a move into closed ends every live deadline: one already overdue on the
 *    closing day stays, with ended_on set (missed); the others are dropped.
 *    Met and ended ones remain;
 *  - a per-victim rule starts for each victim when the victim is added to an
 *    open case; informing the victim meets the live one and starts the next
 *    from that day (informing on the day it started only keeps it running);
 *    closing ends them like the case's; reopening starts each victim's again
 *    from the reopening day.
 * One replay: *out is the deadlines, malloc'd (NULL when none; the caller
 * frees it), in the order they started; returns how many there are.
 */
size_t dk_deadline_evaluate(const struct dk_fact *facts, size_t nfacts, const struct dk_rule *rules,
                            size_t nrules, const dk_date *holidays, size_t nholidays, dk_date today,
                            struct dk_deadline **out);

/*
 * An extended deadline a switch (urgency, entity) took away: `taken` is the
 * deadline as it was, `on` the day of the switch, `instead` the rule that
 * replaced it from the same start (NULL when none) and its due date, and
 * `back_on` the day a later switch brought it back with its extensions
 * (DK_DATE_NONE while away). taken.ended_on is the day the case closed while
 * it was away: it can no longer come back.
 */
struct dk_deadline_lapse {
	struct dk_deadline taken;
	dk_date on;
	const struct dk_rule *instead;
	dk_date instead_due;
	dk_date back_on;
};

/*
 * The lapses of one case's extensions, replaying as dk_deadline_evaluate
 * does, in the order they happened: *out malloc'd as dk_deadline_evaluate's;
 * returns how many there are.
 */
size_t dk_deadline_lapses(const struct dk_fact *facts, size_t nfacts, const struct dk_rule *rules,
                          size_t nrules, const dk_date *holidays, size_t nholidays, dk_date today,
                          struct dk_deadline_lapse **out);

/* True while the deadline is neither met nor ended by closing. */
bool dk_deadline_is_live(const struct dk_deadline *d);

/* due - today, in days (negative when late). */
int dk_deadline_days_left(const struct dk_deadline *d, dk_date today);

enum dk_deadline_status dk_deadline_status(const struct dk_deadline *d, dk_date today);

/*
 * Appends the arithmetic, translated: "referred 2026-01-15 + 6 months =
 * 2026-07-15", then, when extended, "; extended to 2026-08-01".
 */
void dk_deadline_explain(struct dk_buf *out, const struct dk_deadline *d);

#endif
