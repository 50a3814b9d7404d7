/* Unit tests for case references: MISSION-YYYY-NNNN formatting and parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/ref.h"
#include "docket/validate.h"

static void
check_format(const char *mission, int year, long seq, const char *want)
{
	char out[DK_REF_MAX];

	memset(out, '#', sizeof(out));
	dk_ref_format(out, mission, year, seq);
	assert_string_equal(out, want);
}

static void
check_parse_ok(const char *in, const char *want_mission, int want_year, long want_seq)
{
	char mission[DK_MISSION_MAX + 1] = "";
	int year = -1;
	long seq = -1;

	assert_true(dk_ref_parse(in, mission, &year, &seq));
	assert_string_equal(mission, want_mission);
	assert_int_equal(year, want_year);
	assert_int_equal(seq, want_seq);
}

static void
check_parse_bad(const char *in)
{
	char mission[DK_MISSION_MAX + 1] = "";
	int year = -1;
	long seq = -1;

	if (dk_ref_parse(in, mission, &year, &seq))
		fail_msg("dk_ref_parse accepted \"%s\" (mission %s, year %d, seq %ld)", in, mission,
		         year, seq);
}

/* --- format ------------------------------------------------------------------- */

static void
ref_format__small_sequence__is_padded_to_four_digits(void **state)
{
	(void)state;
	check_format("MONUSCO", 2026, 1, "MONUSCO-2026-0001");
	check_format("MINUSCA", 2025, 42, "MINUSCA-2025-0042");
	check_format("UNMISS", 2026, 9999, "UNMISS-2026-9999");
}

static void
ref_format__five_digit_sequence__is_written_in_full(void **state)
{
	(void)state;
	check_format("UNMISS", 2026, 12345, "UNMISS-2026-12345");
	check_format("UNMISS", 2026, 10000, "UNMISS-2026-10000");
}

static void
ref_format__longest_parts__fit_the_buffer(void **state)
{
	(void)state;
	/* 12-letter mission and a 10-digit sequence: 28 characters */
	check_format("ABCDEFGHIJKL", 2026, 9999999999L, "ABCDEFGHIJKL-2026-9999999999");
}

/* --- parse -------------------------------------------------------------------- */

static void
ref_parse__formatted_reference__round_trips(void **state)
{
	static const struct {
		const char *mission;
		int year;
		long seq;
	} cases[] = {
	    {"MONUSCO", 2026, 1},
	    {"MINUSCA", 2019, 317},
	    {"UNMISS", 2026, 12345},
	    {"AB", 1999, 9999},
	    {"ABCDEFGHIJKL", 2030, 1234567890L},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char ref[DK_REF_MAX];

		dk_ref_format(ref, cases[i].mission, cases[i].year, cases[i].seq);
		check_parse_ok(ref, cases[i].mission, cases[i].year, cases[i].seq);
	}
}

static void
ref_parse__four_digit_sequence__is_read(void **state)
{
	(void)state;
	check_parse_ok("MONUSCO-2026-0001", "MONUSCO", 2026, 1);
	check_parse_ok("MONUSCO-2026-0100", "MONUSCO", 2026, 100);
}

static void
ref_parse__five_digit_sequence__is_read(void **state)
{
	(void)state;
	check_parse_ok("UNMISS-2026-12345", "UNMISS", 2026, 12345);
	check_parse_ok("UNMISS-2026-00012", "UNMISS", 2026, 12);
}

static void
ref_parse__lower_case_mission__is_accepted_and_upper_cased(void **state)
{
	(void)state;
	check_parse_ok("monusco-2026-0001", "MONUSCO", 2026, 1);
	check_parse_ok("UnMiss-2025-0007", "UNMISS", 2025, 7);
}

static void
ref_parse__two_digit_year__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-26-0001");
	check_parse_bad("MONUSCO-20260-0001");
}

static void
ref_parse__three_digit_sequence__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-2026-001");
	check_parse_bad("MONUSCO-2026-");
}

static void
ref_parse__eleven_digit_sequence__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-2026-12345678901");
}

static void
ref_parse__zero_sequence__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-2026-0000");
	check_parse_bad("MONUSCO-2026-00000");
}

static void
ref_parse__missing_separator__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO2026-0001");
	check_parse_bad("MONUSCO-20260001");
	check_parse_bad("MONUSCO 2026 0001");
}

static void
ref_parse__one_letter_mission__is_refused(void **state)
{
	(void)state;
	check_parse_bad("M-2026-0001");
	check_parse_bad("-2026-0001");
}

static void
ref_parse__thirteen_letter_mission__is_refused(void **state)
{
	(void)state;
	check_parse_bad("ABCDEFGHIJKLM-2026-0001");
}

static void
ref_parse__non_letter_mission__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MON1SCO-2026-0001");
	check_parse_bad("MON_USCO-2026-0001");
	check_parse_bad("MON-USCO-2026-0001");
}

static void
ref_parse__trailing_garbage__is_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-2026-0001x");
	check_parse_bad("MONUSCO-2026-0001 ");
	check_parse_bad("MONUSCO-2026-0001-2");
	check_parse_bad("MONUSCO-2026-0001\n");
}

static void
ref_parse__signs_and_spaces_in_numbers__are_refused(void **state)
{
	(void)state;
	check_parse_bad("MONUSCO-2026-+001");
	check_parse_bad("MONUSCO-2026- 001");
	check_parse_bad("MONUSCO-+026-0001");
	check_parse_bad("MONUSCO- 026-0001");
	check_parse_bad(" MONUSCO-2026-0001");
}

static void
ref_parse__empty__is_refused(void **state)
{
	(void)state;
	check_parse_bad("");
	check_parse_bad("--");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ref_format__small_sequence__is_padded_to_four_digits),
	    cmocka_unit_test(ref_format__five_digit_sequence__is_written_in_full),
	    cmocka_unit_test(ref_format__longest_parts__fit_the_buffer),
	    cmocka_unit_test(ref_parse__formatted_reference__round_trips),
	    cmocka_unit_test(ref_parse__four_digit_sequence__is_read),
	    cmocka_unit_test(ref_parse__five_digit_sequence__is_read),
	    cmocka_unit_test(ref_parse__lower_case_mission__is_accepted_and_upper_cased),
	    cmocka_unit_test(ref_parse__two_digit_year__is_refused),
	    cmocka_unit_test(ref_parse__three_digit_sequence__is_refused),
	    cmocka_unit_test(ref_parse__eleven_digit_sequence__is_refused),
	    cmocka_unit_test(ref_parse__zero_sequence__is_refused),
	    cmocka_unit_test(ref_parse__missing_separator__is_refused),
	    cmocka_unit_test(ref_parse__one_letter_mission__is_refused),
	    cmocka_unit_test(ref_parse__thirteen_letter_mission__is_refused),
	    cmocka_unit_test(ref_parse__non_letter_mission__is_refused),
	    cmocka_unit_test(ref_parse__trailing_garbage__is_refused),
	    cmocka_unit_test(ref_parse__signs_and_spaces_in_numbers__are_refused),
	    cmocka_unit_test(ref_parse__empty__is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
