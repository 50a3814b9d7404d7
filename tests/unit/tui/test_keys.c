/* The TUI's binding table and due-date cues, which need no terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "tui/tui_internal.h"

static void
bindings__every_action__has_a_key_and_help(void **state)
{
	(void)state;
	for (int a = 0; a < DK_ACT_COUNT; a++) {
		bool bound = false;

		for (int i = 0; i < dk_nbindings; i++)
			bound |= dk_bindings[i].action == (enum dk_action)a;
		if (!bound)
			fail_msg("action %d has no key", a);
		assert_true(strlen(dk_tui_action_help((enum dk_action)a)) > 0);
	}
}

static void
bindings__one_key__means_one_action_per_view(void **state)
{
	(void)state;
	for (int i = 0; i < dk_nbindings; i++) {
		for (int j = i + 1; j < dk_nbindings; j++) {
			if ((dk_bindings[i].views & dk_bindings[j].views) &&
			    dk_bindings[i].key == dk_bindings[j].key &&
			    dk_bindings[i].action != dk_bindings[j].action)
				fail_msg("key %s is bound twice in one view", dk_bindings[i].name);
		}
	}
}

static void
action_for__q__quits_home_and_goes_back_elsewhere(void **state)
{
	(void)state;
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'q'), DK_ACT_QUIT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'q'), DK_ACT_BACK);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'q'), DK_ACT_BACK);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 27), DK_ACT_BACK);
	assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, 3), DK_ACT_QUIT);
}

static void
action_for__movement_keys__work_in_lists(void **state)
{
	(void)state;
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'j'), DK_ACT_DOWN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, KEY_DOWN), DK_ACT_DOWN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'k'), DK_ACT_UP);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, KEY_NPAGE), DK_ACT_PAGE_DOWN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'G'), DK_ACT_BOTTOM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'g'), DK_ACT_TOP);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, '\r'), DK_ACT_OPEN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, '/'), DK_ACT_SEARCH);
}

static void
action_for__case_actions__only_in_case_views(void **state)
{
	(void)state;
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'm'), DK_ACT_MOVE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'm'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'x'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'x'), DK_ACT_EXTEND);
	/* Forms take typed letters as text: no letter is a binding there. */
	for (int c = 'a'; c <= 'z'; c++)
		assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, c), DK_ACT_NONE);
}

static void
due_mark__overdue_and_soon__have_cues_without_colour(void **state)
{
	(void)state;
	assert_string_equal(dk_tui_due_mark(-1, true), "!!");
	assert_string_equal(dk_tui_due_mark(0, true), "!");
	assert_string_equal(dk_tui_due_mark(7, true), "!");
	assert_string_equal(dk_tui_due_mark(8, true), "");
	assert_string_equal(dk_tui_due_mark(-30, false), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bindings__every_action__has_a_key_and_help),
		cmocka_unit_test(bindings__one_key__means_one_action_per_view),
		cmocka_unit_test(action_for__q__quits_home_and_goes_back_elsewhere),
		cmocka_unit_test(action_for__movement_keys__work_in_lists),
		cmocka_unit_test(action_for__case_actions__only_in_case_views),
		cmocka_unit_test(due_mark__overdue_and_soon__have_cues_without_colour),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
