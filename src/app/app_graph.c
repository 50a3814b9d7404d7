/*
 * A case's events as a graph between offices: the heads a new event
 * follows, and the flag of moves that did not see each other. Inside the
 * caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/merge.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* A case's event graph, loaded in total order. */
struct graph {
	struct dk_merge_event *ev;
	struct dk_last_move *info; /* each event's office, state and date */
	size_t n, cap;
};

static bool
add_link(const struct dk_link_row *l, void *ctx)
{
	struct graph *g = ctx;
	struct dk_merge_event *e;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->ev = dk_xrealloc(g->ev, g->cap * sizeof(*g->ev));
		g->info = dk_xrealloc(g->info, g->cap * sizeof(*g->info));
	}
	e = &g->ev[g->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->gid, l->gid, DK_GID_LEN);
	e->nparents = l->parents_len / DK_GID_LEN;
	if (e->nparents > 0) {
		unsigned char *p = dk_xmalloc(e->nparents * DK_GID_LEN);

		memcpy(p, l->parents, e->nparents * DK_GID_LEN);
		e->parents = p;
	}
	e->created = strcmp(l->kind, "created") == 0;
	e->moved = strcmp(l->kind, "moved") == 0;
	memcpy(g->info[g->n].office, l->office, DK_GID_LEN);
	snprintf(g->info[g->n].state, sizeof(g->info[g->n].state), "%s", l->state);
	g->info[g->n].on = l->on;
	g->n++;
	return true;
}

static void
graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++)
		free((void *)g->ev[i].parents);
	free(g->ev);
	free(g->info);
	memset(g, 0, sizeof(*g));
}

static enum dk_rc
graph_load(struct dk_app *app, int64_t case_id, struct graph *g)
{
	memset(g, 0, sizeof(*g));
	return dk_store_event_links(app->store, case_id, add_link, g, &app->err);
}

enum dk_rc
dk_app_case_heads(struct dk_app *app, int64_t case_id, unsigned char **out, size_t *len)
{
	struct graph g;
	enum dk_rc rc = graph_load(app, case_id, &g);
	size_t *heads = dk_xcalloc(g.n + 1, sizeof(*heads)), n = 0;

	*out = NULL;
	*len = 0;
	if (rc == DK_OK && g.n > 0) {
		n = dk_merge_heads(g.ev, g.n, heads);
		*out = dk_xmalloc(n * DK_GID_LEN);
		for (size_t i = 0; i < n; i++)
			memcpy(*out + i * DK_GID_LEN, g.ev[heads[i]].gid, DK_GID_LEN);
		*len = n * DK_GID_LEN;
	}
	free(heads);
	graph_free(&g);
	return rc;
}

enum dk_rc
dk_app_case_last_moves(struct dk_app *app, int64_t case_id, struct dk_last_move **out, size_t *n)
{
	struct graph g;
	enum dk_rc rc = graph_load(app, case_id, &g);
	size_t *last = dk_xcalloc(g.n + 1, sizeof(*last));

	*out = NULL;
	*n = 0;
	if (rc == DK_OK) {
		*n = dk_merge_last_moves(g.ev, g.n, last);
		*out = dk_xcalloc(*n + 1, sizeof(**out));
		for (size_t i = 0; i < *n; i++)
			(*out)[i] = g.info[last[i]];
	}
	free(last);
	graph_free(&g);
	return rc;
}

enum dk_rc
dk_app_case_conflict_refresh(struct dk_app *app, int64_t case_id, bool *flagged)
{
	struct dk_last_move *moves = NULL;
	size_t n = 0;
	enum dk_rc rc = dk_app_case_last_moves(app, case_id, &moves, &n);

	free(moves);
	*flagged = n > 1;
	if (rc == DK_OK)
		rc = dk_store_case_set_conflict(app->store, case_id, *flagged, &app->err);
	return rc;
}
