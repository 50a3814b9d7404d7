/* The TUI's binding table, due-date cues and word wrapping, which need no terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui_internal.h"

static void
bindings__every_action__has_a_key_and_help(void **state)
{
	(void)state;
	for (int a = 0; a < DK_ACT_COUNT; a++) {
		bool bound = false;

		for (int i = 0; i < dk_nbindings; i++)
			bound |= dk_bindings[i].action == (enum dk_tui_action)a;
		if (!bound)
			fail_msg("action %d has no key", a);
		assert_true(strlen(dk_tui_action_help((enum dk_tui_action)a)) > 0);
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
action_for__reports__R_opens_them_and_F_is_the_previous_field_there(void **state)
{
	(void)state;
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'R'), DK_ACT_REPORTS);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'R'), DK_ACT_REPORTS);
	assert_int_equal(dk_tui_action_for(DK_VIEW_REPORTS, '\t'), DK_ACT_REPORT_NEXT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_REPORTS, 'F'), DK_ACT_REPORT_FIELD_BACK);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'F'), DK_ACT_VET);
	assert_int_equal(dk_tui_action_for(DK_VIEW_REPORTS, '\r'), DK_ACT_REPORT_CASES);
	assert_int_equal(dk_tui_action_for(DK_VIEW_REPORTS, 'j'), DK_ACT_DOWN);
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
action_for__screens__open_from_every_screen_but_forms(void **state)
{
	(void)state;
	static const unsigned screens[] = {
	    DK_VIEW_DASHBOARD, DK_VIEW_LIST,  DK_VIEW_DETAIL,  DK_VIEW_TIMELINE, DK_VIEW_HELP,
	    DK_VIEW_ACCOUNTS,  DK_VIEW_AUDIT, DK_VIEW_VICTIMS, DK_VIEW_VICTIM,   DK_VIEW_VET};

	for (size_t i = 0; i < sizeof(screens) / sizeof(screens[0]); i++) {
		assert_int_equal(dk_tui_action_for(screens[i], 'A'), DK_ACT_ACCOUNTS);
		assert_int_equal(dk_tui_action_for(screens[i], 'T'), DK_ACT_AUDIT);
		assert_int_equal(dk_tui_action_for(screens[i], 'V'), DK_ACT_VICTIMS);
		/* F finds a person; on the vetting screen itself it searches again. */
		assert_int_equal(dk_tui_action_for(screens[i], 'F'),
		                 screens[i] == DK_VIEW_VET ? DK_ACT_VET_AGAIN : DK_ACT_VET);
		/* Every screen scrolls and goes back the same way. */
		assert_int_equal(dk_tui_action_for(screens[i], 'j'), DK_ACT_DOWN);
		assert_int_equal(dk_tui_action_for(screens[i], KEY_NPAGE), DK_ACT_PAGE_DOWN);
		assert_int_equal(dk_tui_action_for(screens[i], 27), DK_ACT_BACK);
	}
	assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, 'A'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, 'T'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, 'V'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_FORM, 'F'), DK_ACT_NONE);
}

static void
action_for__vetting_keys__only_on_its_screen(void **state)
{
	(void)state;
	/* / and F search again, Enter opens the case found, the movement keys move. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, '/'), DK_ACT_VET_AGAIN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 'F'), DK_ACT_VET_AGAIN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, '\r'), DK_ACT_OPEN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, KEY_ENTER), DK_ACT_OPEN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 'G'), DK_ACT_BOTTOM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 'q'), DK_ACT_BACK);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, '?'), DK_ACT_HELP);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 'L'), DK_ACT_LOCK);
	/* No query is kept: r has nothing to read again there (Ctrl-L still repaints). */
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 'r'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VET, 0x0c), DK_ACT_REFRESH);
	/* / keeps its meaning elsewhere. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, '/'), DK_ACT_SEARCH);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, '/'), DK_ACT_FILTER_ACCOUNT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, '/'), DK_ACT_FIND_VICTIM);
	assert_string_equal(dk_tui_key_name(DK_VIEW_DASHBOARD, DK_ACT_VET), "F");
	assert_string_equal(dk_tui_key_name(DK_VIEW_VET, DK_ACT_VET_AGAIN), "/");
	assert_null(dk_tui_key_name(DK_VIEW_VET, DK_ACT_VET));
}

static void
action_for__accounts_and_audit_keys__only_on_their_screens(void **state)
{
	(void)state;
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 'a'), DK_ACT_ACCOUNT_ADD);
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 'd'), DK_ACT_ACCOUNT_REMOVE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 'p'), DK_ACT_ACCOUNT_PASSWD);
	/* r shows the removed accounts there; Ctrl-L still reloads. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 'r'), DK_ACT_SHOW_REMOVED);
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 0x0c), DK_ACT_REFRESH);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'r'), DK_ACT_REFRESH);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'r'), DK_ACT_REFRESH);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'v'), DK_ACT_AUDIT_VERIFY);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, '/'), DK_ACT_FILTER_ACCOUNT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'c'), DK_ACT_FILTER_CASE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'X'), DK_ACT_FILTER_CLEAR);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'G'), DK_ACT_BOTTOM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'j'), DK_ACT_DOWN);
	assert_int_equal(dk_tui_action_for(DK_VIEW_ACCOUNTS, 'k'), DK_ACT_UP);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'd'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'v'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'p'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'c'), DK_ACT_NONE);
}

static void
action_for__victim_and_subject_keys__only_where_they_apply(void **state)
{
	(void)state;
	/* w: from the dashboard to the victims awaiting an update; on the victims, the toggle. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_DASHBOARD, 'w'), DK_ACT_AWAITING);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, 'w'), DK_ACT_FILTER_AWAITING);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 'w'), DK_ACT_NONE);
	/* s switches the victims' order, / finds them by code; both keep the case list's meaning.
	 */
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, 's'), DK_ACT_VICTIM_ORDER);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 's'), DK_ACT_SORT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, '/'), DK_ACT_FIND_VICTIM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, '/'), DK_ACT_SEARCH);
	/* Enter opens what the screen is about. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, '\r'), DK_ACT_OPEN_VICTIM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, KEY_ENTER), DK_ACT_OPEN_VICTIM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, '\n'), DK_ACT_CASE_VICTIM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, '\n'), DK_ACT_VICTIM_CASE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_TIMELINE, '\n'), DK_ACT_NONE);
	/* Under a case: a victim, a subject, an action on a subject. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'v'), DK_ACT_VICTIM_ADD);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'b'), DK_ACT_SUBJECT_ADD);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 's'), DK_ACT_SUBJECT_ACTION);
	assert_int_equal(dk_tui_action_for(DK_VIEW_LIST, 's'), DK_ACT_SORT);
	assert_int_equal(dk_tui_action_for(DK_VIEW_AUDIT, 'v'), DK_ACT_AUDIT_VERIFY);
	assert_int_equal(dk_tui_action_for(DK_VIEW_TIMELINE, 'v'), DK_ACT_NONE);
	/* Under a victim: informed, assistance, paternity; a still adds a note under a case. */
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, 'i'), DK_ACT_INFORM);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, 'a'), DK_ACT_ASSIST);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, 'p'), DK_ACT_PATERNITY);
	assert_int_equal(dk_tui_action_for(DK_VIEW_DETAIL, 'a'), DK_ACT_NOTE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, 'a'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, 'm'), DK_ACT_NONE);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIM, 'r'), DK_ACT_REFRESH);
	assert_int_equal(dk_tui_action_for(DK_VIEW_VICTIMS, 'q'), DK_ACT_BACK);
}

static void
key_name__first_binding_in_the_view(void **state)
{
	(void)state;
	assert_string_equal(dk_tui_key_name(DK_VIEW_DETAIL, DK_ACT_MOVE), "m");
	assert_string_equal(dk_tui_key_name(DK_VIEW_DASHBOARD, DK_ACT_ACCOUNTS), "A");
	assert_string_equal(dk_tui_key_name(DK_VIEW_AUDIT, DK_ACT_AUDIT_VERIFY), "v");
	assert_string_equal(dk_tui_key_name(DK_VIEW_DASHBOARD, DK_ACT_VICTIMS), "V");
	assert_string_equal(dk_tui_key_name(DK_VIEW_VICTIMS, DK_ACT_OPEN_VICTIM), "Enter");
	assert_null(dk_tui_key_name(DK_VIEW_DASHBOARD, DK_ACT_MOVE));
}

/* Every role has every action marked ANYONE; the rest follow app.h's table. */
static void
role_may__roles__are_offered_what_app_h_allows(void **state)
{
	static const char *const roles[] = {"admin", "officer", "advocate", "auditor"};
	static const struct {
		enum dk_tui_action a;
		bool may[4]; /* admin officer advocate auditor */
	} want[] = {
	    {DK_ACT_QUIT, {1, 1, 1, 1}},
	    {DK_ACT_HELP, {1, 1, 1, 1}},
	    {DK_ACT_CASES, {1, 1, 1, 1}},
	    {DK_ACT_OPEN, {1, 1, 1, 1}},
	    {DK_ACT_NEW_CASE, {1, 1, 0, 0}},
	    {DK_ACT_MOVE, {1, 1, 0, 0}},
	    {DK_ACT_SET_FIELD, {1, 1, 0, 0}},
	    {DK_ACT_EXTEND, {1, 1, 0, 0}},
	    {DK_ACT_NOTE, {1, 1, 0, 0}},
	    {DK_ACT_ACCOUNTS, {1, 0, 0, 0}},
	    {DK_ACT_ACCOUNT_ADD, {1, 0, 0, 0}},
	    {DK_ACT_ACCOUNT_REMOVE, {1, 0, 0, 0}},
	    {DK_ACT_ACCOUNT_PASSWD, {1, 0, 0, 0}},
	    {DK_ACT_AUDIT, {1, 0, 0, 1}},
	    {DK_ACT_AUDIT_VERIFY, {1, 0, 0, 1}},
	    {DK_ACT_FILTER_ACCOUNT, {1, 0, 0, 1}},
	    {DK_ACT_LOCK, {1, 1, 1, 1}},
	    {DK_ACT_VICTIMS, {1, 1, 1, 1}},
	    {DK_ACT_AWAITING, {1, 1, 1, 1}},
	    {DK_ACT_OPEN_VICTIM, {1, 1, 1, 1}},
	    {DK_ACT_CASE_VICTIM, {1, 1, 1, 1}},
	    {DK_ACT_VICTIM_CASE, {1, 1, 1, 1}},
	    {DK_ACT_VICTIM_ADD, {1, 1, 1, 0}},
	    {DK_ACT_INFORM, {1, 1, 1, 0}},
	    {DK_ACT_ASSIST, {1, 1, 1, 0}},
	    {DK_ACT_PATERNITY, {1, 1, 1, 0}},
	    {DK_ACT_SUBJECT_ADD, {1, 1, 0, 0}},
	    {DK_ACT_SUBJECT_ACTION, {1, 1, 0, 0}},
	    {DK_ACT_VET, {1, 1, 0, 0}},
	    {DK_ACT_VET_AGAIN, {1, 1, 0, 0}},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (int r = 0; r < 4; r++)
			if (dk_tui_role_may(roles[r], want[i].a) != want[i].may[r])
				fail_msg("%s: action %d offered %s", roles[r], (int)want[i].a,
				         want[i].may[r] ? "no" : "yes, wrongly");
	assert_int_equal(dk_tui_action_needs(DK_ACT_QUIT), DK_ACTION_ANYONE);
	assert_int_equal(dk_tui_action_needs(DK_ACT_MOVE), DK_ACTION_CASE_CHANGE);
	assert_int_equal(dk_tui_action_needs(DK_ACT_INFORM), DK_ACTION_VICTIM_SUPPORT);
	assert_int_equal(dk_tui_action_needs(DK_ACT_SUBJECT_ACTION), DK_ACTION_SUBJECT_CHANGE);
	assert_int_equal(dk_tui_action_needs(DK_ACT_VET), DK_ACTION_VET);
	assert_int_equal(dk_tui_action_needs(DK_ACT_VET_AGAIN), DK_ACTION_VET);
}

static void
due_mark__follows_the_status__not_a_fixed_week(void **state)
{
	(void)state;
	/* The app judges due_soon by each rule's own warning days (30 for investigation_6m). */
	assert_string_equal(dk_tui_due_mark("overdue"), "!!");
	assert_string_equal(dk_tui_due_mark("due_soon"), "!");
	assert_string_equal(dk_tui_due_mark("on_track"), "");
	assert_string_equal(dk_tui_due_mark("met"), "");
	assert_string_equal(dk_tui_due_mark("missed"), "");
	assert_string_equal(dk_tui_due_mark(""), "");
	assert_string_equal(dk_tui_due_mark(NULL), "");
}

/* The rows a text wraps onto, each as dk_tui_wrap_at cuts it, joined with '|'. */
static void
wrap_rows(const char *text, int width, char *out, size_t size)
{
	const char *rest = text;

	out[0] = '\0';
	while (*rest != '\0') {
		size_t skip, n = dk_tui_wrap_at(rest, width, &skip);

		snprintf(out + strlen(out), size - strlen(out), "%s%.*s", out[0] ? "|" : "", (int)n,
		         rest);
		rest += n + skip;
	}
}

static void
wrap_at__words__are_never_cut(void **state)
{
	char rows[256];

	(void)state;
	/* The last blank is early in the row: the word still moves whole to the next. */
	wrap_rows("at dashboard.", 10, rows, sizeof(rows));
	assert_string_equal(rows, "at|dashboard.");
	wrap_rows("Locked. Enter the passphrase", 12, rows, sizeof(rows));
	assert_string_equal(rows, "Locked.|Enter the|passphrase");
	/* A blank right after the row is dropped, not carried to the next one. */
	wrap_rows("abc def", 3, rows, sizeof(rows));
	assert_string_equal(rows, "abc|def");
	/* Only a word wider than the row is cut. */
	wrap_rows("abcdefghij", 4, rows, sizeof(rows));
	assert_string_equal(rows, "abcd|efgh|ij");
	/* Widths are terminal columns: é is one, 日 two. */
	wrap_rows("été 日本語", 5, rows, sizeof(rows));
	assert_string_equal(rows, "été|日本|語");
}

/* A listed case is named REF@OFFICE only where offices' cases may share references. */
static void
case_address__many_offices__names_the_office(void **state)
{
	struct dk_case c;
	char out[DK_TUI_ADDR_MAX];

	(void)state;
	memset(&c, 0, sizeof(c));
	snprintf(c.ref, sizeof(c.ref), "%s", "MONUSCO-2026-0001");
	snprintf(c.office_name, sizeof(c.office_name), "%s", "GOMA");
	dk_tui_case_address(&c, true, out, sizeof(out));
	assert_string_equal(out, "MONUSCO-2026-0001@GOMA");
	dk_tui_case_address(&c, false, out, sizeof(out));
	assert_string_equal(out, "MONUSCO-2026-0001");
	c.office_name[0] = '\0'; /* a case read without its office's name: the plain reference */
	dk_tui_case_address(&c, true, out, sizeof(out));
	assert_string_equal(out, "MONUSCO-2026-0001");
}

/* The longest reference and office name fit the buffer whole. */
static void
case_address__longest__fits(void **state)
{
	struct dk_case c;
	char out[DK_TUI_ADDR_MAX];

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(c.ref, 'R', sizeof(c.ref) - 1);
	memset(c.office_name, 'O', sizeof(c.office_name) - 1);
	dk_tui_case_address(&c, true, out, sizeof(out));
	assert_int_equal(strlen(out), (DK_REF_MAX - 1) + 1 + DK_OFFICE_NAME_MAX);
	assert_int_equal(out[DK_REF_MAX - 1], '@');
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bindings__every_action__has_a_key_and_help),
	    cmocka_unit_test(bindings__one_key__means_one_action_per_view),
	    cmocka_unit_test(action_for__q__quits_home_and_goes_back_elsewhere),
	    cmocka_unit_test(action_for__movement_keys__work_in_lists),
	    cmocka_unit_test(action_for__reports__R_opens_them_and_F_is_the_previous_field_there),
	    cmocka_unit_test(action_for__case_actions__only_in_case_views),
	    cmocka_unit_test(action_for__screens__open_from_every_screen_but_forms),
	    cmocka_unit_test(action_for__accounts_and_audit_keys__only_on_their_screens),
	    cmocka_unit_test(action_for__victim_and_subject_keys__only_where_they_apply),
	    cmocka_unit_test(action_for__vetting_keys__only_on_its_screen),
	    cmocka_unit_test(key_name__first_binding_in_the_view),
	    cmocka_unit_test(role_may__roles__are_offered_what_app_h_allows),
	    cmocka_unit_test(due_mark__follows_the_status__not_a_fixed_week),
	    cmocka_unit_test(wrap_at__words__are_never_cut),
	    cmocka_unit_test(case_address__many_offices__names_the_office),
	    cmocka_unit_test(case_address__longest__fits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
