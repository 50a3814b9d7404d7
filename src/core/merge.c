/* Heads and concurrent moves of a case's event graph (docket/merge.h). */
#include <stdlib.h>
#include <string.h>

#include "docket/merge.h"
#include "docket/xmalloc.h"

/* The index of the event with gid among ev[0..n), or n. */
static size_t
find(const struct dk_merge_event *ev, size_t n, const unsigned char *gid)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(ev[i].gid, gid, DK_GID_LEN) == 0)
			return i;
	return n;
}

/* Calls mark(parent) for each event i follows that is among the events. */
static void
each_parent(const struct dk_merge_event *ev, size_t n, size_t i, bool *marks)
{
	if (ev[i].nparents == 0) {
		if (!ev[i].created && i > 0)
			marks[i - 1] = true;
		return;
	}
	for (size_t p = 0; p < ev[i].nparents; p++) {
		size_t j = find(ev, n, ev[i].parents + p * DK_GID_LEN);

		if (j < n)
			marks[j] = true;
	}
}

size_t
dk_merge_heads(const struct dk_merge_event *ev, size_t n, size_t *out)
{
	bool *followed = dk_xcalloc(n + 1, sizeof(*followed));
	size_t nheads = 0;

	for (size_t i = 0; i < n; i++)
		each_parent(ev, n, i, followed);
	for (size_t i = 0; i < n; i++)
		if (!followed[i])
			out[nheads++] = i;
	free(followed);
	return nheads;
}

/* Marks in seen every event that `from` followed, directly or not. */
static void
ancestors(const struct dk_merge_event *ev, size_t n, size_t from, bool *seen, size_t *stack)
{
	bool *direct = dk_xcalloc(n + 1, sizeof(*direct));
	size_t top = 0;

	stack[top++] = from;
	while (top > 0) {
		size_t i = stack[--top];

		memset(direct, 0, n * sizeof(*direct));
		each_parent(ev, n, i, direct);
		for (size_t j = 0; j < n; j++) {
			if (direct[j] && !seen[j]) {
				seen[j] = true;
				stack[top++] = j;
			}
		}
	}
	free(direct);
}

size_t
dk_merge_last_moves(const struct dk_merge_event *ev, size_t n, size_t *out)
{
	bool *superseded = dk_xcalloc(n + 1, sizeof(*superseded));
	bool *seen = dk_xcalloc(n + 1, sizeof(*seen));
	size_t *stack = dk_xcalloc(n + 1, sizeof(*stack));
	size_t nlast = 0;

	for (size_t i = 0; i < n; i++) {
		if (!ev[i].moved)
			continue;
		memset(seen, 0, n * sizeof(*seen));
		ancestors(ev, n, i, seen, stack);
		for (size_t j = 0; j < n; j++)
			if (seen[j] && ev[j].moved)
				superseded[j] = true;
	}
	for (size_t i = 0; i < n; i++)
		if (ev[i].moved && !superseded[i])
			out[nlast++] = i;
	free(superseded);
	free(seen);
	free(stack);
	return nlast;
}
