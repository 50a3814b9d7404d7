/*
 * A case's event graph (docket/merge.h): which events no other follows (the
 * heads a new event names) and which moves no later move saw (more than one:
 * the case was moved on two copies at once). Events are given in their total
 * order; gid i is the byte i repeated, parents are listed by gid.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/merge.h"

#define MAXEV 16
#define C 'c' /* created */
#define M 'm' /* moved */
#define S 's' /* set, note or any other event */

/* A graph under construction: events with their parents' gids. */
struct graph {
	struct dk_merge_event ev[MAXEV];
	unsigned char parents[MAXEV][MAXEV * DK_GID_LEN];
	size_t n;
};

static void
gid_of(unsigned char gid[DK_GID_LEN], int id)
{
	memset(gid, id, DK_GID_LEN);
}

/*
 * Appends event `id` of kind C, M or S following the events listed in
 * parents (ids, ended by 0). No parent at all: a legacy event (or `created`).
 */
static void
add(struct graph *g, int id, char kind, const int *parents)
{
	struct dk_merge_event *e = &g->ev[g->n];
	size_t np = 0;

	assert_true(g->n < MAXEV);
	memset(e, 0, sizeof(*e));
	gid_of(e->gid, id);
	for (; parents != NULL && parents[np] != 0; np++)
		gid_of(g->parents[g->n] + np * DK_GID_LEN, parents[np]);
	e->parents = np > 0 ? g->parents[g->n] : NULL;
	e->nparents = np;
	e->created = kind == C;
	e->moved = kind == M;
	g->n++;
}

#define P(...) ((const int[]){__VA_ARGS__, 0})

/* The ids of the heads (or of the last moves) as a string of their ids: "\x03\x05". */
static void
expect_ids(const struct graph *g, const size_t *idx, size_t n, const char *want)
{
	char got[MAXEV + 1];

	assert_int_equal(n, strlen(want));
	for (size_t i = 0; i < n; i++) {
		assert_true(idx[i] < g->n);
		got[i] = (char)g->ev[idx[i]].gid[0];
	}
	got[n] = '\0';
	assert_string_equal(got, want);
}

static void
expect_heads(const struct graph *g, const char *want)
{
	size_t out[MAXEV];

	expect_ids(g, out, dk_merge_heads(g->ev, g->n, out), want);
}

static void
expect_last_moves(const struct graph *g, const char *want)
{
	size_t out[MAXEV];

	expect_ids(g, out, dk_merge_last_moves(g->ev, g->n, out), want);
}

static void
heads__linear_history__is_the_last_event(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, S, P(2));
	add(&g, 4, M, P(3));
	expect_heads(&g, "\x04");
}

static void
heads__two_branches__are_both_tips_in_order(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, S, P(1)); /* another office, from the same point */
	add(&g, 4, S, P(2));
	expect_heads(&g, "\x03\x04");
}

static void
heads__merge_event_naming_both__is_the_one_head(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	add(&g, 4, S, P(2, 3));
	expect_heads(&g, "\x04");
}

static void
heads__legacy_events_without_parents__follow_the_event_before(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, NULL);
	add(&g, 3, S, NULL);
	expect_heads(&g, "\x03");
	/* A later event naming the legacy tail joins the chain. */
	add(&g, 4, M, P(3));
	expect_heads(&g, "\x04");
}

static void
heads__legacy_event_after_a_branch__follows_only_the_event_before(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, S, P(1));
	add(&g, 3, S, P(1));
	add(&g, 4, S, NULL); /* follows 3, not 2 */
	expect_heads(&g, "\x02\x04");
}

static void
heads__created_event__follows_nothing(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	/* Two `created` events in a row (a broken history): neither follows the other. */
	add(&g, 1, C, NULL);
	add(&g, 2, C, NULL);
	expect_heads(&g, "\x01\x02");
}

static void
heads__parent_not_among_the_events__is_ignored(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, S, P(1));
	add(&g, 3, S, P(9)); /* names only an event not loaded: follows nothing here */
	expect_heads(&g, "\x02\x03");
	add(&g, 4, S, P(2, 9));
	expect_heads(&g, "\x03\x04");
}

static void
heads__no_events__are_none(void **state)
{
	size_t out[1];

	(void)state;
	assert_int_equal(dk_merge_heads(NULL, 0, out), 0);
	assert_int_equal(dk_merge_last_moves(NULL, 0, out), 0);
}

static void
last_moves__linear_moves__are_one(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(2));
	add(&g, 4, M, P(3));
	expect_last_moves(&g, "\x04");
}

static void
last_moves__legacy_linear_moves__are_one(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, NULL);
	add(&g, 3, S, NULL);
	add(&g, 4, M, NULL);
	expect_last_moves(&g, "\x04");
}

static void
last_moves__without_moves__are_none(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, S, P(1));
	expect_last_moves(&g, "");
}

static void
last_moves__moves_on_two_branches__are_two(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	expect_last_moves(&g, "\x02\x03");
}

static void
last_moves__later_move_following_both__is_one(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	add(&g, 4, M, P(2, 3));
	expect_last_moves(&g, "\x04");
}

static void
last_moves__non_move_following_both__keeps_both(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	/* A note that saw both moves settles nothing: only a move does. */
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	add(&g, 4, S, P(2, 3));
	expect_last_moves(&g, "\x02\x03");
}

static void
last_moves__later_move_following_one_branch__leaves_the_other(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	add(&g, 4, M, P(2)); /* saw 2, not 3 */
	expect_last_moves(&g, "\x03\x04");
}

static void
last_moves__move_then_non_move_on_the_other_branch__still_counts(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, M, P(1));
	add(&g, 4, S, P(3)); /* a note after 3 on its branch */
	expect_last_moves(&g, "\x02\x03");
	expect_heads(&g, "\x02\x04");
}

static void
last_moves__set_between__does_not_hide_concurrency(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	/* Each branch: a set, then a move following it; neither saw the other's. */
	add(&g, 1, C, NULL);
	add(&g, 2, S, P(1));
	add(&g, 3, S, P(1));
	add(&g, 4, M, P(2));
	add(&g, 5, M, P(3));
	expect_last_moves(&g, "\x04\x05");
	/* A move through a set that saw both branches settles it. */
	add(&g, 6, S, P(4, 5));
	add(&g, 7, M, P(6));
	expect_last_moves(&g, "\x07");
}

static void
last_moves__move_seen_through_a_long_chain__is_superseded(void **state)
{
	struct graph g = {.n = 0};

	(void)state;
	add(&g, 1, C, NULL);
	add(&g, 2, M, P(1));
	add(&g, 3, S, P(1));
	add(&g, 4, S, P(3));
	add(&g, 5, S, P(4, 2)); /* the other branch reaches 2 only here */
	add(&g, 6, S, P(5));
	add(&g, 7, M, P(6));
	expect_last_moves(&g, "\x07");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(heads__linear_history__is_the_last_event),
	    cmocka_unit_test(heads__two_branches__are_both_tips_in_order),
	    cmocka_unit_test(heads__merge_event_naming_both__is_the_one_head),
	    cmocka_unit_test(heads__legacy_events_without_parents__follow_the_event_before),
	    cmocka_unit_test(heads__legacy_event_after_a_branch__follows_only_the_event_before),
	    cmocka_unit_test(heads__created_event__follows_nothing),
	    cmocka_unit_test(heads__parent_not_among_the_events__is_ignored),
	    cmocka_unit_test(heads__no_events__are_none),
	    cmocka_unit_test(last_moves__linear_moves__are_one),
	    cmocka_unit_test(last_moves__legacy_linear_moves__are_one),
	    cmocka_unit_test(last_moves__without_moves__are_none),
	    cmocka_unit_test(last_moves__moves_on_two_branches__are_two),
	    cmocka_unit_test(last_moves__later_move_following_both__is_one),
	    cmocka_unit_test(last_moves__non_move_following_both__keeps_both),
	    cmocka_unit_test(last_moves__later_move_following_one_branch__leaves_the_other),
	    cmocka_unit_test(last_moves__move_then_non_move_on_the_other_branch__still_counts),
	    cmocka_unit_test(last_moves__set_between__does_not_hide_concurrency),
	    cmocka_unit_test(last_moves__move_seen_through_a_long_chain__is_superseded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
