/*
 * A case's events as a graph: each event names the events it followed (the
 * case's heads when it was written), so two offices' copies can tell which
 * moves saw each other. Pure: the caller loads the events in their total
 * order (date, recording time, gid) and gets heads and concurrent moves.
 */
#ifndef DOCKET_MERGE_H
#define DOCKET_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "docket/case.h"

struct dk_merge_event {
	unsigned char gid[DK_GID_LEN];
	const unsigned char *parents; /* nparents gids of DK_GID_LEN bytes, concatenated */
	size_t nparents;
	bool created; /* the case's first event: it follows nothing */
	bool moved;
};

/*
 * Indices of the events no other event follows, in order; out holds n.
 * An event with no parents that is not `created` was written before events
 * named their parents: it followed the event before it.
 */
size_t dk_merge_heads(const struct dk_merge_event *ev, size_t n, size_t *out);

/*
 * Indices of the moves no later move followed (out holds n). More than one:
 * the case was moved on two copies that had not seen each other's move.
 */
size_t dk_merge_last_moves(const struct dk_merge_event *ev, size_t n, size_t *out);

#endif
