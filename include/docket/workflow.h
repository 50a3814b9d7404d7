/* The case workflow (domain.md): states, the allowed moves and what each requires. */
#ifndef DOCKET_WORKFLOW_H
#define DOCKET_WORKFLOW_H

#include <stdbool.h>

#include "docket/error.h"
#include "docket/i18n.h"

#define DK_STATE_LIST(X)                                                                           \
	X(RECEIVED, "received", N_("Received"))                                                    \
	X(ASSESSMENT, "assessment", N_("Assessment"))                                              \
	X(LIMITED_INFO, "limited_info", N_("Limited information"))                                 \
	X(REFERRED, "referred", N_("Referred"))                                                    \
	X(INVESTIGATING, "investigating", N_("Investigating"))                                     \
	X(CONCLUDED, "concluded", N_("Concluded"))                                                 \
	X(ACTION, "action", N_("Action"))                                                          \
	X(CLOSED, "closed", N_("Closed"))

enum dk_state {
#define DK_STATE_ENUM(e, id, label) DK_STATE_##e,
	DK_STATE_LIST(DK_STATE_ENUM)
#undef DK_STATE_ENUM
	    DK_STATE_COUNT
};

/* What a move must carry. */
enum dk_move_needs {
	DK_NEEDS_NOTHING = 0,
	DK_NEEDS_ENTITY = 1 << 0,
	DK_NEEDS_OUTCOME = 1 << 1,
	DK_NEEDS_CLOSURE = 1 << 2,
	DK_NEEDS_NOTE = 1 << 3,
	DK_NEEDS_ADMIN = 1 << 4, /* only an administrator may make it */
};

struct dk_move {
	enum dk_state from;
	enum dk_state to;
	unsigned needs; /* enum dk_move_needs bits */
};

const char *dk_state_id(enum dk_state s);
/* English label, untranslated. */
const char *dk_state_label(enum dk_state s);
/* Parses an identifier; false when unknown. */
bool dk_state_parse(const char *id, enum dk_state *out);

/* The move from -> to, or NULL when the workflow does not allow it. */
const struct dk_move *dk_workflow_move(enum dk_state from, enum dk_state to);

/* The allowed moves out of a state, in table order; returns how many (<= max). */
int dk_workflow_moves_from(enum dk_state from, const struct dk_move **out, int max);

#endif
