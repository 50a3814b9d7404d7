/* The workflow table of domain.md: every allowed move and what it must carry. */
#include <stddef.h>
#include <string.h>

#include "docket/workflow.h"

static const struct {
	const char *id;
	const char *label;
} states[DK_STATE_COUNT] = {
#define DK_STATE_INFO(e, id, label) [DK_STATE_##e] = {id, label},
    DK_STATE_LIST(DK_STATE_INFO)
#undef DK_STATE_INFO
};

#define S(x) DK_STATE_##x
static const struct dk_move moves[] = {
    {S(RECEIVED), S(ASSESSMENT), DK_NEEDS_NOTHING},
    {S(ASSESSMENT), S(LIMITED_INFO), DK_NEEDS_NOTE},
    {S(ASSESSMENT), S(REFERRED), DK_NEEDS_ENTITY},
    {S(ASSESSMENT), S(CLOSED), DK_NEEDS_CLOSURE},
    {S(LIMITED_INFO), S(ASSESSMENT), DK_NEEDS_NOTHING},
    {S(LIMITED_INFO), S(REFERRED), DK_NEEDS_ENTITY},
    {S(LIMITED_INFO), S(CLOSED), DK_NEEDS_CLOSURE},
    {S(REFERRED), S(INVESTIGATING), DK_NEEDS_NOTHING},
    {S(REFERRED), S(CLOSED), DK_NEEDS_CLOSURE},
    {S(INVESTIGATING), S(CONCLUDED), DK_NEEDS_OUTCOME},
    {S(CONCLUDED), S(ACTION), DK_NEEDS_NOTHING},
    {S(CONCLUDED), S(CLOSED), DK_NEEDS_CLOSURE},
    {S(ACTION), S(CLOSED), DK_NEEDS_CLOSURE},
    {S(CLOSED), S(ASSESSMENT), DK_NEEDS_NOTE | DK_NEEDS_ADMIN},
};
#undef S

const char *
dk_state_id(enum dk_state s)
{
	return (unsigned)s < DK_STATE_COUNT ? states[s].id : "?";
}

const char *
dk_state_label(enum dk_state s)
{
	return (unsigned)s < DK_STATE_COUNT ? states[s].label : "?";
}

bool
dk_state_parse(const char *id, enum dk_state *out)
{
	for (int i = 0; i < DK_STATE_COUNT; i++) {
		if (strcmp(states[i].id, id) == 0) {
			*out = (enum dk_state)i;
			return true;
		}
	}
	return false;
}

const struct dk_move *
dk_workflow_move(enum dk_state from, enum dk_state to)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].from == from && moves[i].to == to)
			return &moves[i];
	return NULL;
}

int
dk_workflow_moves_from(enum dk_state from, const struct dk_move **out, int max)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]) && n < max; i++)
		if (moves[i].from == from)
			out[n++] = &moves[i];
	return n;
}
