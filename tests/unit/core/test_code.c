/* Unit tests for Crockford base32 codes: formatting, parsing, normalizing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/code.h"

static void
code_encode__any_byte__uses_its_low_five_bits(void **state)
{
	const unsigned char raw[] = {0, 9, 10, 17, 18, 31, 32, 255};
	char out[sizeof(raw)];

	(void)state;
	dk_code_encode(raw, sizeof(raw), out);
	assert_memory_equal(out, "09AHJZ0Z", sizeof(raw));
}

static void
code_format__ten_bytes__make_prefix_dash_ten_characters(void **state)
{
	const unsigned char raw[DK_CODE_RANDOM_CHARS] = {1, 2, 3, 4, 5, 6, 7, 8, 20, 27};
	char code[16];

	(void)state;
	memset(code, '#', sizeof(code));
	dk_code_format('V', raw, code);
	assert_string_equal(code, "V-12345678MV");
}

static void
code_parse__lower_case__is_accepted_and_upper_cased(void **state)
{
	char code[16];

	(void)state;
	assert_true(dk_code_parse('S', "s-0123456789", code));
	assert_string_equal(code, "S-0123456789");
	assert_true(dk_code_parse('V', "V-abcdefghjk", code));
	assert_string_equal(code, "V-ABCDEFGHJK");
}

static void
code_parse__wrong_prefix_length_or_letter__is_refused(void **state)
{
	char code[16];

	(void)state;
	assert_false(dk_code_parse('V', NULL, code));
	assert_false(dk_code_parse('V', "", code));
	assert_false(dk_code_parse('V', "S-0123456789", code));  /* other prefix */
	assert_false(dk_code_parse('V', "V_0123456789", code));  /* no dash */
	assert_false(dk_code_parse('V', "V-012345678", code));   /* too short */
	assert_false(dk_code_parse('V', "V-01234567890", code)); /* too long */
	assert_false(dk_code_parse('V', "V-0123456U89", code));  /* U is not in the alphabet */
	assert_false(dk_code_parse('V', "V-0123456I89", code));  /* nor I */
	assert_false(dk_code_parse('V', "V-01234-6789", code));  /* a dash inside */
}

static void
code_format_groups__thirty_bytes__make_six_dashed_groups(void **state)
{
	unsigned char raw[30];
	char out[40];

	(void)state;
	for (size_t i = 0; i < sizeof(raw); i++)
		raw[i] = (unsigned char)i;
	assert_int_equal(dk_code_format_groups(raw, sizeof(raw), 5, out), 35);
	assert_string_equal(out, "01234-56789-ABCDE-FGHJK-MNPQR-STVWX");
}

static void
code_normalize__dashes_spaces_and_lookalikes__are_read_as_digits(void **state)
{
	char out[10];

	(void)state;
	/* Dashes and spaces dropped, lower case raised, O read as 0, I and L as 1. */
	assert_true(dk_code_normalize("ab-cd e oil", 11, 8, out));
	assert_memory_equal(out, "ABCDE011", 8);
	assert_false(dk_code_normalize("ABCDE", 5, 6, out));   /* too few */
	assert_false(dk_code_normalize("ABCDEFG", 7, 6, out)); /* too many */
	assert_false(dk_code_normalize("ABCUEF", 6, 6, out));  /* U */
	assert_false(dk_code_normalize("ABC\0EF", 6, 6, out)); /* a NUL inside */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(code_encode__any_byte__uses_its_low_five_bits),
	    cmocka_unit_test(code_format__ten_bytes__make_prefix_dash_ten_characters),
	    cmocka_unit_test(code_parse__lower_case__is_accepted_and_upper_cased),
	    cmocka_unit_test(code_parse__wrong_prefix_length_or_letter__is_refused),
	    cmocka_unit_test(code_format_groups__thirty_bytes__make_six_dashed_groups),
	    cmocka_unit_test(code_normalize__dashes_spaces_and_lookalikes__are_read_as_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
