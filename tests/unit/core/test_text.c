/* Unit tests for UTF-8 checks, the terminal sanitizer, widths and CSV/JSON/hex output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/text.h"

#define FFFD "\xef\xbf\xbd"

/* Runs one of the appending functions on a fresh buffer and compares the result. */
static void
check_sanitize(const char *in, enum dk_sanitize_mode mode, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_sanitize(&b, in, mode);
	assert_string_equal(dk_buf_str(&b), want);
	dk_buf_free(&b);
}

static const char *const suggest_words[] = {"list", "show", "add", "move", "MONUSCO", "MINUSCA"};
#define NSUGGEST (sizeof(suggest_words) / sizeof(suggest_words[0]))

static void
closest__one_typo__finds_the_word(void **state)
{
	(void)state;
	assert_int_equal(dk_text_closest("lst", suggest_words, NSUGGEST), 0);
	assert_int_equal(dk_text_closest("shwo", suggest_words, NSUGGEST), 1);
	assert_int_equal(dk_text_closest("MONUSKO", suggest_words, NSUGGEST), 4);
	assert_int_equal(dk_text_closest("minusca", suggest_words, NSUGGEST), 5);
	assert_int_equal(dk_text_closest("add", suggest_words, NSUGGEST), 2);
}

static void
closest__far_or_empty__finds_nothing(void **state)
{
	(void)state;
	assert_int_equal(dk_text_closest("", suggest_words, NSUGGEST), -1);
	assert_int_equal(dk_text_closest("xyz", suggest_words, NSUGGEST), -1);
	assert_int_equal(dk_text_closest("UNMISS", suggest_words, NSUGGEST), -1);
	assert_int_equal(dk_text_closest("lsit", suggest_words, 0), -1);
}

static void
check_fit(const char *in, int width, bool pad, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_fit(&b, in, width, pad);
	assert_string_equal(dk_buf_str(&b), want);
	dk_buf_free(&b);
}

static void
check_csv(const char *in, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_csv_field(&b, in);
	assert_string_equal(dk_buf_str(&b), want);
	dk_buf_free(&b);
}

static void
check_json(const char *in, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_json_string(&b, in);
	assert_string_equal(dk_buf_str(&b), want);
	dk_buf_free(&b);
}

static void
utf8_valid__accepts__every_length(void **state)
{
	static const char *const good[] = {
	    "",
	    "plain",
	    "caf\xc3\xa9",
	    "\xe6\xbc\xa2\xe5\xad\x97",
	    "\xf0\x9f\x98\x80",
	    "\xf4\x8f\xbf\xbf", /* U+10FFFF, the last code point */
	    "\xed\x9f\xbf",     /* U+D7FF, just below the surrogates */
	    "\xee\x80\x80",     /* U+E000, just above them */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!dk_text_utf8_valid(good[i], strlen(good[i])))
			fail_msg("valid string %zu refused", i);
	}
}

static void
utf8_valid__refuses__overlong_surrogate_and_out_of_range(void **state)
{
	static const char *const bad[] = {
	    "\xff",
	    "\xfe",
	    "\x80", /* lone continuation */
	    "\xc0\x80",
	    "\xc1\xbf",
	    "\xe0\x80\x80", /* overlongs */
	    "\xe0\x9f\xbf",
	    "\xf0\x8f\xbf\xbf",
	    "\xed\xa0\x80",
	    "\xed\xbf\xbf", /* surrogates */
	    "\xf4\x90\x80\x80",
	    "\xf5\x80\x80\x80", /* past U+10FFFF */
	    "\xe2\x82",
	    "\xc3",
	    "a\xc3", /* truncated */
	    "\xe2\x28\xa1",
	    "\xc3\x28",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dk_text_utf8_valid(bad[i], strlen(bad[i])))
			fail_msg("invalid string %zu accepted", i);
	}
	/* The length is honoured: a sequence cut by len is not valid. */
	assert_false(dk_text_utf8_valid("caf\xc3\xa9", 4));
	assert_true(dk_text_utf8_valid("caf\xc3\xa9", 3));
}

static void
utf8_count__counts__code_points_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(dk_text_utf8_count(""), 0);
	assert_int_equal(dk_text_utf8_count("abc"), 3);
	assert_int_equal(dk_text_utf8_count("caf\xc3\xa9 \xe6\xbc\xa2\xf0\x9f\x98\x80"), 7);
}

static void
sanitize__esc__shows_as_picture(void **state)
{
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_text_sanitize(&b, "a\x1b[31mred\x1b]0;title\x07", DK_SANITIZE_MULTILINE);
	assert_string_equal(dk_buf_str(&b), "a\xe2\x90\x9b[31mred\xe2\x90\x9b]0;title\xe2\x90\x87");
	assert_null(memchr(b.data, 0x1b, b.len));
	dk_buf_free(&b);
}

static void
sanitize__every_c0__becomes_its_picture(void **state)
{
	(void)state;
	for (int c = 1; c < 0x20; c++) {
		char in[2] = {(char)c, '\0'};
		char want[4] = {(char)0xe2, (char)(0x90 + (c >> 6)), (char)(0x80 | (c & 0x3f)),
		                '\0'};

		check_sanitize(in, DK_SANITIZE_LINE, want);
	}
}

static void
sanitize__del__shows_as_picture(void **state)
{
	(void)state;
	check_sanitize("a\x7f", DK_SANITIZE_LINE, "a\xe2\x90\xa1");
	check_sanitize("a\x7f", DK_SANITIZE_MULTILINE, "a\xe2\x90\xa1");
}

static void
sanitize__c1_controls__become_fffd(void **state)
{
	(void)state;
	/* CSI as a code point (U+009B) and as the bare 8-bit byte. */
	check_sanitize("a\xc2\x9b"
	               "31mb",
	               DK_SANITIZE_LINE, "a" FFFD "31mb");
	check_sanitize("a\x9b"
	               "31mb",
	               DK_SANITIZE_LINE, "a" FFFD "31mb");
	check_sanitize("\xc2\x80\xc2\x9f", DK_SANITIZE_LINE, FFFD FFFD);
	/* U+00A0 is the first code point past C1 and stays. */
	check_sanitize("\xc2\xa0", DK_SANITIZE_LINE, "\xc2\xa0");
}

#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"
#define RLI "\xe2\x81\xa7"
#define RLO "\xe2\x80\xae"
#define LRE "\xe2\x80\xaa"
#define PDF "\xe2\x80\xac"

static void
sanitize__bidi_override__kept_inside_a_closed_isolate(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE: the "invoice\u202Efdp.exe" trick stays inside its field.
	 */
	check_sanitize("x" RLO "y", DK_SANITIZE_LINE, FSI "x" RLO "y" PDF PDI);
	check_sanitize(RLI "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85" PDI, DK_SANITIZE_LINE,
	               FSI RLI "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85" PDI PDI);
	/* Neighbours of the ranges are ordinary text and need no isolate. */
	check_sanitize("\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", DK_SANITIZE_LINE,
	               "\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
}

static void
sanitize__bidi_nested__closed_innermost_first(void **state)
{
	(void)state;
	check_sanitize(RLO RLI "x", DK_SANITIZE_LINE, FSI RLO RLI "x" PDI PDF PDI);
	check_sanitize(RLI LRE "x", DK_SANITIZE_LINE, FSI RLI LRE "x" PDF PDI PDI);
	/* A PDI also ends the embeddings opened inside its isolate. */
	check_sanitize(RLI LRE "x" PDI "y", DK_SANITIZE_LINE, FSI RLI LRE "x" PDI "y" PDI);
}

static void
sanitize__bidi_stray_closers__left_out(void **state)
{
	(void)state;
	/* A PDI of its own would close the field's isolate and free what follows. */
	check_sanitize("a" PDI "b" PDF "c", DK_SANITIZE_LINE, FSI "abc" PDI);
	/* A PDF cannot close an isolate. */
	check_sanitize(RLI "a" PDF, DK_SANITIZE_LINE, FSI RLI "a" PDI PDI);
}

static void
sanitize__bidi_multiline__one_isolate_per_line(void **state)
{
	(void)state;
	check_sanitize(RLO "a\nb\n" RLO "c", DK_SANITIZE_MULTILINE,
	               FSI RLO "a" PDF PDI "\nb\n" FSI RLO "c" PDF PDI);
}

static void
sanitize__bidi_deep_nesting__capped(void **state)
{
	struct dk_buf in = DK_BUF_INIT, out = DK_BUF_INIT;
	size_t opened = 0, closed = 0;
	const char *p;

	(void)state;
	for (int i = 0; i < 200; i++)
		dk_buf_puts(&in, RLO);
	dk_text_sanitize(&out, dk_buf_str(&in), DK_SANITIZE_LINE);
	for (p = dk_buf_str(&out); (p = strstr(p, RLO)) != NULL; p += 3)
		opened++;
	for (p = dk_buf_str(&out); (p = strstr(p, PDF)) != NULL; p += 3)
		closed++;
	assert_true(opened > 0 && opened < 125);
	assert_int_equal(opened, closed);
	dk_buf_free(&in);
	dk_buf_free(&out);
}

static void
sanitize__line_separators__become_fffd(void **state)
{
	(void)state;
	/* U+2028 and U+2029 would end the field's isolate as a paragraph break. */
	check_sanitize("a\xe2\x80\xa8"
	               "b\xe2\x80\xa9",
	               DK_SANITIZE_MULTILINE, "a" FFFD "b" FFFD);
}

static void
sanitize__invalid_bytes__each_become_fffd(void **state)
{
	(void)state;
	check_sanitize("a\xff"
	               "b",
	               DK_SANITIZE_LINE, "a" FFFD "b");
	check_sanitize("\xc0\x80", DK_SANITIZE_LINE, FFFD FFFD);
	check_sanitize("\xed\xa0\x80", DK_SANITIZE_LINE, FFFD FFFD FFFD);
	check_sanitize("\xf4\x90\x80\x80", DK_SANITIZE_LINE, FFFD FFFD FFFD FFFD);
	/* A truncated sequence loses only its own bytes, not what follows. */
	check_sanitize("\xe2\x82"
	               "ab",
	               DK_SANITIZE_LINE, FFFD FFFD "ab");
	check_sanitize("\xe2\x82\x1b", DK_SANITIZE_LINE, FFFD FFFD "\xe2\x90\x9b");
}

static void
sanitize__line_mode__replaces_lf_cr_tab_bs(void **state)
{
	(void)state;
	check_sanitize("a\nb\rc\td\be", DK_SANITIZE_LINE,
	               "a\xe2\x90\x8a"
	               "b\xe2\x90\x8d"
	               "c\xe2\x90\x89"
	               "d\xe2\x90\x88"
	               "e");
}

static void
sanitize__multiline__keeps_lf_and_tab_only(void **state)
{
	(void)state;
	check_sanitize("a\nb\rc\td\be", DK_SANITIZE_MULTILINE,
	               "a\nb\xe2\x90\x8d"
	               "c\td\xe2\x90\x88"
	               "e");
}

static void
sanitize__ordinary_text__copied_unchanged(void **state)
{
	static const char text[] = "Caf\xc3\xa9 \xe6\xbc\xa2\xe5\xad\x97 \xf0\x9f\x98\x80 "
	                           "e\xcc\x81 \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a \xe2\x90\x9b ~";

	(void)state;
	check_sanitize(text, DK_SANITIZE_LINE, text);
	check_sanitize("", DK_SANITIZE_LINE, "");
}

static void
sanitize__appends__to_existing_contents(void **state)
{
	struct dk_buf b = DK_BUF_INIT;

	(void)state;
	dk_buf_puts(&b, "id: ");
	dk_text_sanitize(&b, "x\x1b", DK_SANITIZE_LINE);
	assert_string_equal(dk_buf_str(&b), "id: x\xe2\x90\x9b");
	dk_buf_free(&b);
}

static void
width__ascii__one_column_each(void **state)
{
	(void)state;
	assert_int_equal(dk_text_width(""), 0);
	assert_int_equal(dk_text_width("hello"), 5);
}

static void
width__cjk__two_columns_each(void **state)
{
	(void)state;
	assert_int_equal(dk_text_width("\xe6\xbc\xa2\xe5\xad\x97"), 4);
	assert_int_equal(dk_text_width("a\xe6\xbc\xa2"
	                               "b"),
	                 4);
}

static void
width__combining_mark__adds_nothing(void **state)
{
	(void)state;
	assert_int_equal(dk_text_width("e\xcc\x81"), 1);
	assert_int_equal(dk_text_width("caf\xc3\xa9 cafe\xcc\x81"), 9);
}

static void
width__unknown_to_wcwidth__counts_one(void **state)
{
	(void)state;
	/* wcwidth() gives -1 for controls in every locale. */
	assert_int_equal(dk_text_width("\x01"), 1);
	assert_int_equal(dk_text_width("a\tb"), 3);
}

static void
fit__short__pads_to_width(void **state)
{
	(void)state;
	check_fit("ab", 5, true, "ab   ");
	check_fit("\xe6\xbc\xa2", 4, true, "\xe6\xbc\xa2  ");
	check_fit("", 3, true, "   ");
}

static void
fit__short__unpadded_left_alone(void **state)
{
	(void)state;
	check_fit("ab", 5, false, "ab");
	check_fit("abcde", 5, false, "abcde");
	check_fit("\xe6\xbc\xa2\xe5\xad\x97", 4, false, "\xe6\xbc\xa2\xe5\xad\x97");
}

static void
fit__long__cuts_with_ellipsis(void **state)
{
	(void)state;
	check_fit("abcdef", 4, false, "abc\xe2\x80\xa6");
	check_fit("abcdef", 4, true, "abc\xe2\x80\xa6");
	check_fit("abcdef", 1, false, "\xe2\x80\xa6");
	check_fit("abcdef", 0, true, "");
	check_fit("abcdef", -3, true, "");
}

static void
fit__wide_char__never_split(void **state)
{
	(void)state;
	/* 4 columns hold 漢 + … (3); 字 would need 2 more. Padding fills the gap. */
	check_fit("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 4, false, "\xe6\xbc\xa2\xe2\x80\xa6");
	check_fit("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 4, true, "\xe6\xbc\xa2\xe2\x80\xa6 ");
	check_fit("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2", 5, true,
	          "\xe6\xbc\xa2\xe5\xad\x97\xe2\x80\xa6");
	check_fit("\xe6\xbc\xa2\xe5\xad\x97", 2, true, "\xe2\x80\xa6 ");
	/* Multi-byte narrow characters are kept whole too. */
	check_fit("\xc3\xa9\xc3\xa9\xc3\xa9", 2, false, "\xc3\xa9\xe2\x80\xa6");
}

static void
fit__combining_mark__stays_with_its_base(void **state)
{
	(void)state;
	check_fit("e\xcc\x81"
	          "e\xcc\x81"
	          "e\xcc\x81",
	          2, false, "e\xcc\x81\xe2\x80\xa6");
	check_fit("e\xcc\x81"
	          "e\xcc\x81"
	          "e\xcc\x81",
	          3, true,
	          "e\xcc\x81"
	          "e\xcc\x81"
	          "e\xcc\x81");
}

static void
fit__result__never_wider_than_asked(void **state)
{
	static const char *const in[] = {
	    "abcdef",
	    "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2",
	    "a\346\274\242b\345\255\227",
	    "e\xcc\x81xyz",
	    "",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		for (int w = 0; w <= 8; w++) {
			struct dk_buf b = DK_BUF_INIT;

			dk_text_fit(&b, in[i], w, true);
			if (dk_text_width(dk_buf_str(&b)) != w)
				fail_msg("'%s' padded to %d is %d wide", in[i], w,
				         dk_text_width(dk_buf_str(&b)));
			assert_true(dk_text_utf8_valid(dk_buf_str(&b), b.len));
			dk_buf_free(&b);
			dk_text_fit(&b, in[i], w, false);
			assert_true(dk_text_width(dk_buf_str(&b)) <= w);
			dk_buf_free(&b);
		}
	}
}

static void
csv_field__plain__left_alone(void **state)
{
	(void)state;
	check_csv("abc", "abc");
	check_csv("", "");
	check_csv(NULL, "");
	check_csv("a=b", "a=b");
	check_csv(" lead and trail ", " lead and trail ");
}

static void
csv_field__special__quoted(void **state)
{
	(void)state;
	check_csv("a,b", "\"a,b\"");
	check_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	check_csv("a\nb", "\"a\nb\"");
	check_csv("a\rb", "\"a\rb\"");
	check_csv("\"", "\"\"\"\"");
}

static void
csv_field__formula_start__prefixed(void **state)
{
	(void)state;
	check_csv("=1+1", "'=1+1");
	check_csv("+1", "'+1");
	check_csv("-1", "'-1");
	check_csv("@SUM(A1)", "'@SUM(A1)");
	/* Guarded and then quoted: the quote goes inside the field. */
	check_csv("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
}

static void
json_string__null__is_json_null(void **state)
{
	(void)state;
	check_json(NULL, "null");
	check_json("", "\"\"");
}

static void
json_string__quote_and_backslash__escaped(void **state)
{
	(void)state;
	check_json("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
}

static void
json_string__controls__escaped(void **state)
{
	(void)state;
	check_json("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
	check_json("\x01\x1b\x1f", "\"\\u0001\\u001b\\u001f\"");
	/* Non-ASCII past C1 stays as it is. */
	check_json("caf\xc3\xa9 \xe6\xbc\xa2", "\"caf\xc3\xa9 \xe6\xbc\xa2\"");
}

static void
json_string__invalid_utf8__becomes_fffd(void **state)
{
	(void)state;
	check_json("a\xff"
	           "b",
	           "\"a" FFFD "b\"");
	check_json("\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"");
}

static void
hex__encode__lower_case(void **state)
{
	static const unsigned char in[] = {0x00, 0x01, 0xab, 0xcd, 0xef, 0xff};
	char out[2 * sizeof(in) + 1];

	(void)state;
	dk_hex_encode(out, in, sizeof(in));
	assert_string_equal(out, "0001abcdefff");
	dk_hex_encode(out, in, 0);
	assert_string_equal(out, "");
}

static void
hex__decode__either_case_round_trips(void **state)
{
	unsigned char out[6];
	char back[13];

	(void)state;
	assert_true(dk_hex_decode(out, sizeof(out), "0001ABcdEFff"));
	dk_hex_encode(back, out, sizeof(out));
	assert_string_equal(back, "0001abcdefff");
	assert_true(dk_hex_decode(out, 0, ""));
}

static void
hex__decode__refuses__wrong_length_or_digits(void **state)
{
	static const char *const bad[] = {"",
	                                  "00",
	                                  "0001abcdeff",
	                                  "0001abcdefff00",
	                                  "0001abcdefgg",
	                                  " 001abcdefff",
	                                  "0x01abcdefff"};
	unsigned char out[6];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 0x5a, sizeof(out));
		if (dk_hex_decode(out, sizeof(out), bad[i]))
			fail_msg("'%s' was accepted", bad[i]);
		/* Refused input writes nothing. */
		for (size_t k = 0; k < sizeof(out); k++)
			assert_int_equal(out[k], 0x5a);
	}
	assert_false(dk_hex_decode(out, sizeof(out), NULL));
}

static void
expect_key(const char *name, const char *want)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_text_name_key(&b, name);
	if (strcmp(dk_buf_str(&b), want) != 0)
		fail_msg("name key of [%s] is [%s], wanted [%s]", name, dk_buf_str(&b), want);
	dk_buf_free(&b);
}

static void
name_key__case_accents_spacing__fold_to_one_key(void **state)
{
	(void)state;
	expect_key("Jean-Pierre Dupont", "jeanpierredupont");
	expect_key("  JEAN PIERRE   dupont ", "jeanpierredupont");
	expect_key("J\xc3\xa9r\xc3\xb4me N\xe2\x80\x99Goran", "jeromengoran"); /* Jérôme N’Goran */
	expect_key("\xc3\x89lodie \xc3\x96zt\xc3\xbcrk", "elodieozturk"); /* Élodie Öztürk */
	expect_key("Stra\xc3\x9f"
	           "e \xc3\x86lfred \xc5\x92uvre",
	           "strasseaelfredoeuvre");
	expect_key("\xc5\x81ukasz Wi\xc5\x9bniewski", "lukaszwisniewski"); /* Łukasz Wiśniewski */
	expect_key("Ji\xc5\x99\xc3\xad \xc4\x8c"
	           "ech",
	           "jiricech");
	expect_key("Je\xcc\x81ro\xcc\x82me", "jerome"); /* decomposed accents */
	/* Nguyễn Văn Thắng, Ștefan Țurcanu: Latin Extended Additional and -B. */
	expect_key("Nguy\xe1\xbb\x85n V\xc4\x83n Th\xe1\xba\xafng", "nguyenvanthang");
	expect_key("\xc8\x98tefan \xc8\x9aurcanu", "stefanturcanu");
	/* The same letters decomposed: ễ as e + circumflex + tilde. */
	expect_key("Nguye\xcc\x82\xcc\x83n", "nguyen"); /* Jiří Čech */
}

static void
name_key__other_scripts_and_digits__kept(void **state)
{
	(void)state;
	/* Иван 2 and ИВАН: Cyrillic capitals are made small. */
	expect_key("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd 2", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd"
	                                                 "2");
	expect_key("\xd0\x98\xd0\x92\xd0\x90\xd0\x9d", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd");
	expect_key("\xce\x9d\xce\x99\xce\x9a\xce\x9f\xce\xa3",
	           "\xce\xbd\xce\xb9\xce\xba\xce\xbf\xcf\x83"); /* ΝΙΚΟΣ */
	expect_key("UN-123 456", "un123456");
	expect_key("", "");
	expect_key("- , .", "");
	expect_key("bad\xff"
	           "byte",
	           "badbyte");
}

static void
name_key__partial_names__differ(void **state)
{
	struct dk_buf full = DK_BUF_INIT, part = DK_BUF_INIT;

	(void)state;
	dk_text_name_key(&full, "Jean Dupont");
	dk_text_name_key(&part, "Jean");
	assert_string_not_equal(dk_buf_str(&full), dk_buf_str(&part));
	dk_buf_reset(&part);
	dk_text_name_key(&part, "Jean Dupond");
	assert_string_not_equal(dk_buf_str(&full), dk_buf_str(&part));
	dk_buf_free(&full);
	dk_buf_free(&part);
}

static void
width__bidi_controls__zero_columns(void **state)
{
	(void)state;
	assert_int_equal(dk_text_width(FSI RLO "ab" PDF PDI), 2);
	assert_int_equal(dk_text_width(LRE RLI PDI PDF), 0);
}

static void
fit__cut_inside_an_isolate__closes_it(void **state)
{
	(void)state;
	/* The cut drops the closers: fit puts them back before the ellipsis. */
	check_fit(FSI RLO "abcdef" PDF PDI, 4, false, FSI RLO "abc" PDF PDI "\xe2\x80\xa6");
	check_fit(FSI RLO "abcdef" PDF PDI, 5, true, FSI RLO "abcd" PDF PDI "\xe2\x80\xa6");
	/* Not cut: copied whole, already balanced. */
	check_fit(FSI RLO "ab" PDF PDI, 4, true, FSI RLO "ab" PDF PDI "  ");
}

static void
csv_field__tab_or_cr_start__prefixed(void **state)
{
	(void)state;
	check_csv("\t=1+1", "'\t=1+1");
	check_csv("\r=1+1", "\"'\r=1+1\"");
	check_csv("a\tb", "a\tb");
}

static void
csv_field__esc_c1_del__never_raw(void **state)
{
	(void)state;
	check_csv("a\x1b[2Jb", "a\xe2\x90\x9b[2Jb");
	check_csv("\x7f", "\xe2\x90\xa1");
	check_csv("a\xc2\x9b"
	          "31m",
	          "a" FFFD "31m");
	check_csv("a\x9b"
	          "31m",
	          "a" FFFD "31m");
	check_csv("x,\x07", "\"x,\xe2\x90\x87\"");
	/* Bidi controls are data, not terminal commands: kept. */
	check_csv("a" RLO "b", "a" RLO "b");
}

static void
json_string__del_and_c1__escaped(void **state)
{
	(void)state;
	check_json("\x7f", "\"\\u007f\"");
	check_json("a\xc2\x9b"
	           "31m",
	           "\"a\\u009b31m\"");
	check_json("\xc2\x80\xc2\x85\xc2\x9f\xc2\xa0", "\"\\u0080\\u0085\\u009f\xc2\xa0\"");
}

static void
find_control__names_the_first_and_its_position(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(dk_text_find_control("plain\ttext\nok", &cp), 0);
	assert_int_equal(dk_text_find_control("\xc3\xa9t\xc3\xa9\x1b[2J\x01", &cp), 4);
	assert_int_equal(cp, 0x1b);
	assert_int_equal(dk_text_find_control("a\rb", &cp), 2);
	assert_int_equal(cp, 0x0d);
	assert_int_equal(dk_text_find_control("ab\x7f", &cp), 3);
	assert_int_equal(cp, 0x7f);
	assert_int_equal(dk_text_find_control("\xc2\x9b", &cp), 1);
	assert_int_equal(cp, 0x9b);
	/* Bidi controls may be stored. */
	assert_int_equal(dk_text_find_control(RLO "x" PDF, &cp), 0);
}

static void
crlf_to_lf__pairs_only(void **state)
{
	char s[] = "a\r\nb\r\n\r\nc\rd\r";

	(void)state;
	assert_int_equal(dk_text_crlf_to_lf(s, strlen(s)), strlen("a\nb\n\nc\rd\r"));
	assert_string_equal(s, "a\nb\n\nc\rd\r");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(utf8_valid__accepts__every_length),
	    cmocka_unit_test(utf8_valid__refuses__overlong_surrogate_and_out_of_range),
	    cmocka_unit_test(utf8_count__counts__code_points_not_bytes),
	    cmocka_unit_test(sanitize__esc__shows_as_picture),
	    cmocka_unit_test(sanitize__every_c0__becomes_its_picture),
	    cmocka_unit_test(sanitize__del__shows_as_picture),
	    cmocka_unit_test(sanitize__c1_controls__become_fffd),
	    cmocka_unit_test(sanitize__bidi_override__kept_inside_a_closed_isolate),
	    cmocka_unit_test(sanitize__bidi_nested__closed_innermost_first),
	    cmocka_unit_test(sanitize__bidi_stray_closers__left_out),
	    cmocka_unit_test(sanitize__bidi_multiline__one_isolate_per_line),
	    cmocka_unit_test(sanitize__bidi_deep_nesting__capped),
	    cmocka_unit_test(sanitize__line_separators__become_fffd),
	    cmocka_unit_test(width__bidi_controls__zero_columns),
	    cmocka_unit_test(fit__cut_inside_an_isolate__closes_it),
	    cmocka_unit_test(csv_field__tab_or_cr_start__prefixed),
	    cmocka_unit_test(csv_field__esc_c1_del__never_raw),
	    cmocka_unit_test(json_string__del_and_c1__escaped),
	    cmocka_unit_test(find_control__names_the_first_and_its_position),
	    cmocka_unit_test(crlf_to_lf__pairs_only),
	    cmocka_unit_test(sanitize__invalid_bytes__each_become_fffd),
	    cmocka_unit_test(sanitize__line_mode__replaces_lf_cr_tab_bs),
	    cmocka_unit_test(sanitize__multiline__keeps_lf_and_tab_only),
	    cmocka_unit_test(sanitize__ordinary_text__copied_unchanged),
	    cmocka_unit_test(sanitize__appends__to_existing_contents),
	    cmocka_unit_test(width__ascii__one_column_each),
	    cmocka_unit_test(width__cjk__two_columns_each),
	    cmocka_unit_test(width__combining_mark__adds_nothing),
	    cmocka_unit_test(width__unknown_to_wcwidth__counts_one),
	    cmocka_unit_test(fit__short__pads_to_width),
	    cmocka_unit_test(fit__short__unpadded_left_alone),
	    cmocka_unit_test(fit__long__cuts_with_ellipsis),
	    cmocka_unit_test(fit__wide_char__never_split),
	    cmocka_unit_test(fit__combining_mark__stays_with_its_base),
	    cmocka_unit_test(fit__result__never_wider_than_asked),
	    cmocka_unit_test(csv_field__plain__left_alone),
	    cmocka_unit_test(csv_field__special__quoted),
	    cmocka_unit_test(csv_field__formula_start__prefixed),
	    cmocka_unit_test(json_string__null__is_json_null),
	    cmocka_unit_test(json_string__quote_and_backslash__escaped),
	    cmocka_unit_test(json_string__controls__escaped),
	    cmocka_unit_test(json_string__invalid_utf8__becomes_fffd),
	    cmocka_unit_test(hex__encode__lower_case),
	    cmocka_unit_test(hex__decode__either_case_round_trips),
	    cmocka_unit_test(hex__decode__refuses__wrong_length_or_digits),
	    cmocka_unit_test(name_key__case_accents_spacing__fold_to_one_key),
	    cmocka_unit_test(name_key__other_scripts_and_digits__kept),
	    cmocka_unit_test(name_key__partial_names__differ),
	    cmocka_unit_test(closest__one_typo__finds_the_word),
	    cmocka_unit_test(closest__far_or_empty__finds_nothing),
	};

	/* Widths depend on the locale's wcwidth(); meson runs this with LC_ALL=C.UTF-8 too. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_text: the C.UTF-8 locale is needed\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
