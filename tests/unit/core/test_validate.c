/* Unit tests for field validation: missions, nationalities, account names, free text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "docket/error.h"
#include "docket/validate.h"

/* Asserts that a refusal is DK_INVALID with a non-empty message. */
static void
assert_invalid(enum dk_rc rc, const struct dk_err *err)
{
	assert_int_equal(rc, DK_INVALID);
	assert_int_equal(err->rc, DK_INVALID);
	assert_true(err->msg[0] != '\0');
}

static void
check_mission_ok(const char *in, const char *want)
{
	char out[DK_MISSION_MAX + 1];
	struct dk_err err;

	memset(out, '#', sizeof(out));
	dk_err_clear(&err);
	assert_int_equal(dk_validate_mission(in, out, &err), DK_OK);
	assert_string_equal(out, want);
}

static void
check_mission_bad(const char *in)
{
	char out[DK_MISSION_MAX + 1];
	struct dk_err err;

	dk_err_clear(&err);
	assert_invalid(dk_validate_mission(in, out, &err), &err);
}

/* --- mission --------------------------------------------------------------- */

static void
validate_mission__upper_case__is_accepted_unchanged(void **state)
{
	(void)state;
	check_mission_ok("MONUSCO", "MONUSCO");
	check_mission_ok("UNMISS", "UNMISS");
}

static void
validate_mission__lower_case__is_upper_cased(void **state)
{
	(void)state;
	check_mission_ok("monusco", "MONUSCO");
}

static void
validate_mission__mixed_case__is_upper_cased(void **state)
{
	(void)state;
	check_mission_ok("MinUsCa", "MINUSCA");
	check_mission_ok("zZ", "ZZ");
}

static void
validate_mission__two_letters__is_accepted(void **state)
{
	(void)state;
	check_mission_ok("ab", "AB");
}

static void
validate_mission__twelve_letters__is_accepted(void **state)
{
	(void)state;
	check_mission_ok("abcdefghijkl", "ABCDEFGHIJKL");
}

static void
validate_mission__one_letter__is_refused(void **state)
{
	(void)state;
	check_mission_bad("M");
}

static void
validate_mission__thirteen_letters__is_refused(void **state)
{
	(void)state;
	check_mission_bad("ABCDEFGHIJKLM");
}

static void
validate_mission__empty__is_refused(void **state)
{
	(void)state;
	check_mission_bad("");
}

static void
validate_mission__digits__are_refused(void **state)
{
	(void)state;
	check_mission_bad("MONUSCO2");
	check_mission_bad("12");
}

static void
validate_mission__hyphen__is_refused(void **state)
{
	(void)state;
	check_mission_bad("MON-USCO");
}

static void
validate_mission__space__is_refused(void **state)
{
	(void)state;
	check_mission_bad("MON USCO");
	check_mission_bad(" MONUSCO");
	check_mission_bad("MONUSCO ");
}

static void
validate_mission__characters_next_to_letters__are_refused(void **state)
{
	(void)state;
	/* the ASCII neighbours of A-Z and a-z */
	check_mission_bad("AB@");
	check_mission_bad("AB[");
	check_mission_bad("AB`");
	check_mission_bad("AB{");
	check_mission_bad("MON_USCO");
}

static void
validate_mission__non_ascii_letter__is_refused(void **state)
{
	(void)state;
	check_mission_bad("\xc3\x89TAT"); /* ÉTAT */
	check_mission_bad("MIN\xc3\x89"); /* MINÉ */
}

/* --- nationality ----------------------------------------------------------- */

static void
check_nationality_ok(const char *in)
{
	struct dk_err err;
	char out[4];

	dk_err_clear(&err);
	assert_int_equal(dk_validate_nationality(in, out, &err), DK_OK);
}

static void
check_nationality_bad(const char *in)
{
	struct dk_err err;
	char out[4];

	dk_err_clear(&err);
	assert_invalid(dk_validate_nationality(in, out, &err), &err);
}

static void
validate_nationality__assigned_codes__are_accepted(void **state)
{
	(void)state;
	check_nationality_ok("COD");
	check_nationality_ok("NPL");
	check_nationality_ok("FRA");
	check_nationality_ok("ABW"); /* first in the list */
	check_nationality_ok("ZWE"); /* last in the list */
}

static void
validate_nationality__lower_case__is_upper_cased(void **state)
{
	char out[4] = "";

	(void)state;
	assert_int_equal(dk_validate_nationality("npl", out, NULL), DK_OK);
	assert_string_equal(out, "NPL");
	assert_int_equal(dk_validate_nationality("Cod", out, NULL), DK_OK);
	assert_string_equal(out, "COD");
	check_nationality_bad("np1");
}

static void
validate_nationality__unassigned_codes__are_refused(void **state)
{
	(void)state;
	check_nationality_bad("XXX");
	check_nationality_bad("ZZZ");
	check_nationality_bad("AAA");
}

static void
validate_nationality__wrong_length__is_refused(void **state)
{
	(void)state;
	check_nationality_bad("NP");   /* alpha-2 */
	check_nationality_bad("NPLX"); /* 4 letters */
	check_nationality_bad("CODE");
	check_nationality_bad("");
}

/* --- account names ---------------------------------------------------------- */

static void
check_account_ok(const char *in)
{
	struct dk_err err;

	dk_err_clear(&err);
	assert_int_equal(dk_validate_account(in, &err), DK_OK);
}

static void
check_account_bad(const char *in)
{
	struct dk_err err;

	dk_err_clear(&err);
	assert_invalid(dk_validate_account(in, &err), &err);
}

static void
validate_account__allowed_characters__are_accepted(void **state)
{
	(void)state;
	check_account_ok("a");
	check_account_ok("7");
	check_account_ok("amina.diallo");
	check_account_ok("j_smith-2");
	check_account_ok("0.a_b-c");
}

static void
validate_account__sixty_four_characters__is_accepted(void **state)
{
	char name[DK_NAME_MAX + 1];

	(void)state;
	memset(name, 'a', DK_NAME_MAX);
	name[DK_NAME_MAX] = '\0';
	assert_int_equal(DK_NAME_MAX, 64);
	check_account_ok(name);
}

static void
validate_account__sixty_five_characters__is_refused(void **state)
{
	char name[DK_NAME_MAX + 2];

	(void)state;
	memset(name, 'a', DK_NAME_MAX + 1);
	name[DK_NAME_MAX + 1] = '\0';
	check_account_bad(name);
}

static void
validate_account__empty__is_refused(void **state)
{
	(void)state;
	check_account_bad("");
}

static void
validate_account__punctuation_first__is_refused(void **state)
{
	(void)state;
	check_account_bad(".amina");
	check_account_bad("_amina");
	check_account_bad("-amina");
}

static void
validate_account__upper_case__is_refused(void **state)
{
	(void)state;
	check_account_bad("Amina");
	check_account_bad("amina.Diallo");
}

static void
validate_account__other_characters__are_refused(void **state)
{
	(void)state;
	/* the ASCII neighbours of 0-9 and a-z */
	check_account_bad("amina/");
	check_account_bad("amina:");
	check_account_bad("amina`");
	check_account_bad("amina{");
	check_account_bad("/amina");
	check_account_bad("{amina");
	check_account_bad("amina diallo");
	check_account_bad("amina@un.org");
	check_account_bad("amina/x");
	check_account_bad("am\xc3\xa9lie"); /* amélie */
	check_account_bad("amina\n");
}

/* --- free text --------------------------------------------------------------- */

static void
validate_text__valid_utf8_one_line__is_accepted(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_int_equal(dk_validate_text("provider",
	                                  "Caf\xc3\xa9 M\xc3\xa9"
	                                  "decins \xe2\x80\x94 Goma",
	                                  DK_LINE_MAX, true, &err),
	                 DK_OK);
	assert_int_equal(dk_validate_text("provider", "", DK_LINE_MAX, true, &err), DK_OK);
}

static void
validate_text__invalid_utf8__is_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("summary", "bad \xc3 byte", DK_TEXT_MAX, false, &err),
	               &err);
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("summary", "\xff", DK_TEXT_MAX, false, &err), &err);
	dk_err_clear(&err);
	/* overlong encoding of '/' */
	assert_invalid(dk_validate_text("summary", "\xc0\xaf", DK_TEXT_MAX, false, &err), &err);
	dk_err_clear(&err);
	/* UTF-16 surrogate encoded in UTF-8 */
	assert_invalid(dk_validate_text("summary", "\xed\xa0\x80", DK_TEXT_MAX, false, &err), &err);
}

static void
validate_text__at_the_limit__is_accepted(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_int_equal(dk_validate_text("unit", "abcde", 5, true, &err), DK_OK);
	/* "é" is two bytes: the limit counts bytes */
	assert_int_equal(dk_validate_text("unit", "abc\xc3\xa9", 5, true, &err), DK_OK);
}

static void
validate_text__over_length__is_refused_naming_the_field(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("provider name", "abcdef", 5, true, &err), &err);
	assert_non_null(strstr(err.msg, "provider name"));
	dk_err_clear(&err);
	/* bytes, not code points: 3 letters + é = 5 bytes > 4 */
	assert_invalid(dk_validate_text("unit", "abc\xc3\xa9", 4, true, &err), &err);
	assert_non_null(strstr(err.msg, "unit"));
}

static void
validate_text__over_text_max__is_refused(void **state)
{
	char big[DK_TEXT_MAX + 2];
	struct dk_err err;

	(void)state;
	memset(big, 'x', DK_TEXT_MAX + 1);
	big[DK_TEXT_MAX + 1] = '\0';
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("summary", big, DK_TEXT_MAX, false, &err), &err);
	assert_non_null(strstr(err.msg, "summary"));
	big[DK_TEXT_MAX] = '\0';
	assert_int_equal(dk_validate_text("summary", big, DK_TEXT_MAX, false, &err), DK_OK);
}

static void
validate_text__one_line_with_lf__is_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("provider", "line one\nline two", DK_LINE_MAX, true, &err),
	               &err);
	assert_non_null(strstr(err.msg, "provider"));
}

static void
validate_text__one_line_with_cr__is_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("provider", "line one\rline two", DK_LINE_MAX, true, &err),
	               &err);
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("provider", "trailing\r", DK_LINE_MAX, true, &err), &err);
}

static void
validate_text__multi_line_with_lf__is_accepted(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_int_equal(
	    dk_validate_text("summary", "line one\nline two\n", DK_TEXT_MAX, false, &err), DK_OK);
}

static void
validate_text__multi_line_invalid_utf8__is_still_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("note", "ok\n\xe2\x82", DK_TEXT_MAX, false, &err), &err);
	assert_non_null(strstr(err.msg, "note"));
}

static void
validate__null_err__returns_the_code(void **state)
{
	char out[DK_MISSION_MAX + 1];

	(void)state;
	assert_int_equal(dk_validate_mission("M", out, NULL), DK_INVALID);
	assert_int_equal(dk_validate_nationality("XXX", out, NULL), DK_INVALID);
	assert_int_equal(dk_validate_account("", NULL), DK_INVALID);
	assert_int_equal(dk_validate_text("x", "a\nb", 10, true, NULL), DK_INVALID);
}

static void
validate_text_len__nul_byte__is_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(
	    dk_validate_text_len("--summary", "before\0after", 12, DK_TEXT_MAX, false, &err), &err);
	assert_string_equal(err.msg, "--summary: contains a NUL byte");
	dk_err_clear(&err);
	assert_int_equal(dk_validate_text_len("--summary", "whole", 5, DK_TEXT_MAX, false, &err),
	                 DK_OK);
}

static void
validate_text__c0_controls__are_refused_naming_one(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("--note", "ok\x1b]0;pwned", DK_TEXT_MAX, false, &err),
	               &err);
	assert_string_equal(err.msg, "--note: a control character (U+001B) at position 3");
	for (char c = 1; c < 0x20; c++) {
		char s[] = {'a', c, 'b', '\0'};

		dk_err_clear(&err);
		if (c == '\t' || c == '\n')
			assert_int_equal(dk_validate_text("--note", s, DK_TEXT_MAX, false, &err),
			                 DK_OK);
		else
			assert_invalid(dk_validate_text("--note", s, DK_TEXT_MAX, false, &err),
			               &err);
	}
}

static void
validate_text__del_and_c1__are_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("--name", "a\x7f", DK_LINE_MAX, true, &err), &err);
	assert_string_equal(err.msg, "--name: a control character (U+007F) at position 2");
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("--name",
	                                "\xc2\x9b"
	                                "31m",
	                                DK_LINE_MAX, true, &err),
	               &err);
	assert_string_equal(err.msg, "--name: a control character (U+009B) at position 1");
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("--name", "\xc2\x85", DK_LINE_MAX, true, &err), &err);
}

static void
validate_text__cr_in_multi_line__is_refused(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_invalid(dk_validate_text("--summary", "one\r\ntwo", DK_TEXT_MAX, false, &err), &err);
}

static void
validate_text__bidi_controls__are_accepted(void **state)
{
	struct dk_err err;

	(void)state;
	dk_err_clear(&err);
	assert_int_equal(
	    dk_validate_text("--name", "\xe2\x81\xa7\xd8\xb3\xe2\x81\xa9", DK_LINE_MAX, true, &err),
	    DK_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(validate_mission__upper_case__is_accepted_unchanged),
	    cmocka_unit_test(validate_mission__lower_case__is_upper_cased),
	    cmocka_unit_test(validate_mission__mixed_case__is_upper_cased),
	    cmocka_unit_test(validate_mission__two_letters__is_accepted),
	    cmocka_unit_test(validate_mission__twelve_letters__is_accepted),
	    cmocka_unit_test(validate_mission__one_letter__is_refused),
	    cmocka_unit_test(validate_mission__thirteen_letters__is_refused),
	    cmocka_unit_test(validate_mission__empty__is_refused),
	    cmocka_unit_test(validate_mission__digits__are_refused),
	    cmocka_unit_test(validate_mission__hyphen__is_refused),
	    cmocka_unit_test(validate_mission__space__is_refused),
	    cmocka_unit_test(validate_mission__characters_next_to_letters__are_refused),
	    cmocka_unit_test(validate_mission__non_ascii_letter__is_refused),
	    cmocka_unit_test(validate_nationality__assigned_codes__are_accepted),
	    cmocka_unit_test(validate_nationality__lower_case__is_upper_cased),
	    cmocka_unit_test(validate_nationality__unassigned_codes__are_refused),
	    cmocka_unit_test(validate_nationality__wrong_length__is_refused),
	    cmocka_unit_test(validate_account__allowed_characters__are_accepted),
	    cmocka_unit_test(validate_account__sixty_four_characters__is_accepted),
	    cmocka_unit_test(validate_account__sixty_five_characters__is_refused),
	    cmocka_unit_test(validate_account__empty__is_refused),
	    cmocka_unit_test(validate_account__punctuation_first__is_refused),
	    cmocka_unit_test(validate_account__upper_case__is_refused),
	    cmocka_unit_test(validate_account__other_characters__are_refused),
	    cmocka_unit_test(validate_text__valid_utf8_one_line__is_accepted),
	    cmocka_unit_test(validate_text__invalid_utf8__is_refused),
	    cmocka_unit_test(validate_text__at_the_limit__is_accepted),
	    cmocka_unit_test(validate_text__over_length__is_refused_naming_the_field),
	    cmocka_unit_test(validate_text__over_text_max__is_refused),
	    cmocka_unit_test(validate_text__one_line_with_lf__is_refused),
	    cmocka_unit_test(validate_text__one_line_with_cr__is_refused),
	    cmocka_unit_test(validate_text__multi_line_with_lf__is_accepted),
	    cmocka_unit_test(validate_text__multi_line_invalid_utf8__is_still_refused),
	    cmocka_unit_test(validate__null_err__returns_the_code),
	    cmocka_unit_test(validate_text_len__nul_byte__is_refused),
	    cmocka_unit_test(validate_text__c0_controls__are_refused_naming_one),
	    cmocka_unit_test(validate_text__del_and_c1__are_refused),
	    cmocka_unit_test(validate_text__cr_in_multi_line__is_refused),
	    cmocka_unit_test(validate_text__bidi_controls__are_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
