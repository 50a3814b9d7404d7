/*
 * libFuzzer target: every value parser the commands use (security.md item
 * 15), checked against properties rather than only "no crash". The first
 * input byte picks the parser, the rest is the value (or, for the option
 * parser, NUL-separated words). Each parser is compared with a statement of
 * its rule written here independently, and round-trips where it has a
 * canonical form (parse, format, parse again).
 */
#define _GNU_SOURCE /* asprintf */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docket/app.h"
#include "docket/code.h"
#include "docket/crypto.h"
#include "docket/date.h"
#include "docket/error.h"
#include "docket/ref.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "src/cli/cli.h"

#include "fuzz_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A session that never opens its database: office lines parse without one. */
static struct dk_app *app;

/* The CLI's refusals go to stderr: to /dev/null while fuzzing (libFuzzer keeps its own). */
static FILE *quiet;

static bool
all_of(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return false;
	return true;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"
#define CROCKFORD "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

static void
upper(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* --today, --on, --from, --to, holidays: accepted is canonical YYYY-MM-DD and formats back. */
static void
check_date(const char *s)
{
	char back[DK_DATE_STRLEN];
	dk_date d;

	if (!dk_date_parse(s, &d))
		return;
	CHECK(strlen(s) == 10 && all_of(s, 4, DIGITS) && s[4] == '-' && s[7] == '-');
	dk_date_format(d, back);
	CHECK(strcmp(back, s) == 0);
}

/* Case references: MISSION-YYYY-NNNN; format(parse(s)) parses to the same triple. */
static void
check_ref(const char *s)
{
	char mission[DK_MISSION_MAX + 1], m2[DK_MISSION_MAX + 1], ref[DK_REF_MAX], want[64];
	int year, y2;
	long seq, s2;

	if (!dk_ref_parse(s, mission, &year, &seq))
		return;
	CHECK(seq > 0 && year >= 0 && year <= 9999);
	CHECK(strlen(mission) >= 2 && all_of(mission, strlen(mission), UPPER));
	dk_ref_format(ref, mission, year, seq);
	CHECK(strlen(ref) < DK_REF_MAX - 1);
	CHECK(dk_ref_parse(ref, m2, &y2, &s2));
	CHECK(strcmp(m2, mission) == 0 && y2 == year && s2 == seq);
	/* The reference typed in any case, with four-digit sequence, is the canonical one. */
	snprintf(want, sizeof(want), "%s", s);
	upper(want);
	if (strlen(strrchr(s, '-') + 1) == 4 || strrchr(s, '-')[1] != '0')
		CHECK(strcmp(want, ref) == 0);
}

/* Victim (V-) and subject (S-) codes: any case in, upper case out, Crockford only. */
static void
check_code(char prefix, const char *s)
{
	char code[2 + DK_CODE_RANDOM_CHARS + 1], again[sizeof(code)], want[64];

	if (!dk_code_parse(prefix, s, code))
		return;
	CHECK(strlen(code) == 2 + DK_CODE_RANDOM_CHARS && code[0] == prefix && code[1] == '-');
	CHECK(all_of(code + 2, DK_CODE_RANDOM_CHARS, CROCKFORD));
	snprintf(want, sizeof(want), "%s", s);
	upper(want);
	CHECK(strcmp(want, code) == 0);
	CHECK(dk_code_parse(prefix, code, again) && strcmp(again, code) == 0);
}

/* Recovery codes (30) and fingerprints (16): normalized is n code characters, a fixed point. */
static void
check_long_code(const char *s, size_t n)
{
	char out[64], again[64];

	if (!dk_code_normalize(s, strlen(s), n, out))
		return;
	CHECK(all_of(out, n, CROCKFORD));
	CHECK(dk_code_normalize(out, n, n, again) && memcmp(out, again, n) == 0);
}

/* Missions, nationalities, accounts, office names: each against its rule, both ways. */
static void
check_identifiers(const char *s)
{
	char mission[DK_MISSION_MAX + 1], again[DK_MISSION_MAX + 1], nat[4], nat2[4];
	size_t n = strlen(s);
	struct dk_err err;
	bool ok;

	ok = dk_validate_mission(s, mission, &err) == DK_OK;
	CHECK(ok == (n >= 2 && n <= DK_MISSION_MAX && all_of(s, n, LOWER UPPER)));
	CHECK(ok || (err.rc == DK_INVALID && err.msg[0] != '\0'));
	if (ok) {
		CHECK(strcasecmp(mission, s) == 0 && all_of(mission, n, UPPER));
		CHECK(dk_validate_mission(mission, again, NULL) == DK_OK);
		CHECK(strcmp(again, mission) == 0);
	}
	if (dk_validate_nationality(s, nat, &err) == DK_OK) {
		CHECK(n == 3 && all_of(nat, 3, UPPER) && strcasecmp(nat, s) == 0);
		CHECK(dk_validate_nationality(nat, nat2, NULL) == DK_OK);
	} else {
		CHECK(err.rc == DK_INVALID && err.msg[0] != '\0');
	}
	ok = dk_validate_account(s, &err) == DK_OK;
	CHECK(ok == (n >= 1 && n <= DK_NAME_MAX && all_of(s, 1, LOWER DIGITS) &&
	             all_of(s, n, LOWER DIGITS "._-")));
	ok = dk_validate_office_name(s, &err);
	CHECK(ok == (n >= 1 && n <= DK_OFFICE_NAME_MAX && all_of(s, n, LOWER UPPER DIGITS "._-")));
}

/* Free text: accepted means valid UTF-8 within max, and no control but TAB (and LF if multi). */
static void
check_text(const char *s, size_t len, bool one_line, size_t max)
{
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_validate_text_len("--summary", s, len, max, one_line, &err) != DK_OK) {
		CHECK(err.rc == DK_INVALID && err.msg[0] != '\0' && strchr(err.msg, '\n') == NULL);
		return;
	}
	CHECK(len <= max && memchr(s, '\0', len) == NULL);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		CHECK(c >= 0x20 || c == '\t' || (c == '\n' && !one_line));
		CHECK(c != 0x7f && c != 0xc0 && c != 0xc1 && c < 0xf5);
		/* U+0080-U+009F (C1) is C2 80..9F. */
		CHECK(!(c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9f));
	}
}

/* dk_cli_parse_long: accepted is within range, spelled -?[0-9]+ and of that value. */
static void
check_long(const char *s)
{
	static const long ranges[][2] = {
	    {0, INT_MAX}, {0, 86400}, {0, 100000}, {LONG_MIN, LONG_MAX}, {-5, 5}, {1, 1},
	};
	char back[32];
	size_t digits;
	long v;

	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
		v = 424242;
		if (!dk_cli_parse_long(s, ranges[r][0], ranges[r][1], &v)) {
			CHECK(v == 424242);
			continue;
		}
		CHECK(v >= ranges[r][0] && v <= ranges[r][1]);
		digits = strlen(s) - (s[0] == '-');
		CHECK(digits > 0 && all_of(s + (s[0] == '-'), digits, DIGITS));
		/* The same number once leading zeros are dropped. */
		snprintf(back, sizeof(back), "%ld", v);
		const char *p = s + (s[0] == '-');

		while (p[0] == '0' && p[1] != '\0')
			p++;
		CHECK(strcmp(back + (back[0] == '-'), p) == 0);
		CHECK((v < 0) == (s[0] == '-' && strcmp(p, "0") != 0));
	}
}

/* --by: accepted means every field is allowed, none twice, in the order given. */
static void
check_by(const char *s, unsigned pick)
{
	size_t n;
	const char *const *allowed =
	    dk_app_report_fields(dk_report_names[pick % dk_report_nnames], &n);
	size_t fields[64], nfields = 99;
	char *copy, *item, *save = NULL;
	size_t i = 0;

	if (allowed == NULL || n > 64)
		return;
	if (dk_cli_parse_by(s, allowed, n, fields, &nfields) != 0) {
		/* A refusal is not stopped halfway without saying so. */
		return;
	}
	CHECK(nfields >= 1 && nfields <= n);
	for (size_t a = 0; a < nfields; a++)
		for (size_t b = a + 1; b < nfields; b++)
			CHECK(fields[a] != fields[b]);
	copy = strdup(s);
	CHECK(copy != NULL && s[0] != ',' && s[strlen(s) - 1] != ',' && strstr(s, ",,") == NULL);
	for (item = strtok_r(copy, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save))
		CHECK(i < nfields && fields[i] < n && strcmp(allowed[fields[i++]], item) == 0);
	CHECK(i == nfields);
	free(copy);
}

/* dk_cli_choice (--format, --sort) and the vocabularies: an index is an exact match. */
static void
check_choices(const char *s)
{
	static const char *const formats[] = {"table", "csv", "json"};
	int k = dk_cli_choice(s, formats, 3);

	CHECK(k == -1 || strcmp(formats[k], s) == 0);
	for (int i = 0; k == -1 && i < 3; i++)
		CHECK(strcmp(formats[i], s) != 0);
	for (int v = 0; v < DK_VOCAB_COUNT; v++) {
		const struct dk_vocab *voc = dk_vocab_get((enum dk_vocab_kind)v);

		k = dk_vocab_find((enum dk_vocab_kind)v, s);
		CHECK(k >= -1 && k < (int)voc->count);
		CHECK(k == -1 || strcmp(voc->entries[k].id, s) == 0);
		for (size_t i = 0; k == -1 && i < voc->count; i++)
			CHECK(strcmp(voc->entries[i].id, s) != 0);
	}
}

/*
 * office trust's line: accepted is the one spelling office show writes,
 * docket-office:1:NAME:GID:SIGN:BOX:FINGERPRINT, the fingerprint its last field.
 */
static void
check_office_line(const char *s)
{
	static const char prefix[] = "docket-office:1:";
	struct dk_office_peer peer;
	size_t n = strlen(s), name;
	struct dk_err err;
	char code[16];

	if (dk_app_office_parse_line(app, s, &peer) != DK_OK) {
		CHECK(dk_app_errmsg(app)[0] != '\0');
		return;
	}
	name = strlen(peer.name);
	CHECK(strncmp(s, prefix, sizeof(prefix) - 1) == 0);
	CHECK(strncmp(s + sizeof(prefix) - 1, peer.name, name) == 0);
	CHECK(dk_validate_office_name(peer.name, &err));
	CHECK(n == sizeof(prefix) - 1 + name + 1 + 32 + 1 + 64 + 1 + 64 + 1 + 19);
	CHECK(strcmp(s + n - 19, peer.fingerprint) == 0 && strlen(peer.fingerprint) == 19);
	CHECK(all_of(s + n - 19 - 1 - 64 - 1 - 64 - 1 - 32, 32, DIGITS "abcdef"));
	CHECK(peer.fingerprint[4] == '-' && peer.fingerprint[9] == '-' &&
	      peer.fingerprint[14] == '-');
	CHECK(dk_code_normalize(peer.fingerprint, 19, 16, code));
	CHECK(memcmp(code, peer.fingerprint, 4) == 0);
}

/* Real commands' option tables, for dk_cli_parse_args. */
static const struct dk_cli_opt *const tables[] = {
    dk_opts_case_add, dk_opts_case_list,   dk_opts_case_move, dk_opts_report,
    dk_opts_user_add, dk_opts_victim_add,  dk_opts_deadlines, dk_opts_case_set,
    dk_opts_demo,     dk_opts_subject_add, dk_opts_import,    dk_opts_audit_log,
};

/* Where the parsed value of option k came from: "--name=value", "--name" "value", "--name". */
static bool
value_from_words(const struct dk_cli_opt *o, const char *value, char **w, int nw)
{
	size_t len = strlen(o->name);

	for (int i = 0; i < nw; i++) {
		if (strncmp(w[i], "--", 2) != 0 || strncmp(w[i] + 2, o->name, len) != 0)
			continue;
		if (o->kind == DK_OPT_FLAG && w[i][2 + len] == '\0' && value[0] == '\0')
			return true;
		if (o->kind == DK_OPT_FLAG)
			continue;
		if (w[i][2 + len] == '=' && (o->kind == DK_OPT_LIST || w[i] + 3 + len == value))
			return true;
		if (w[i][2 + len] == '\0' && i + 1 < nw &&
		    (o->kind == DK_OPT_LIST || w[i + 1] == value))
			return true;
	}
	return false;
}

/* What the parse gave, spelled again: "--name" or "--name=value", then the arguments. */
static int
respell(const struct dk_cli *cli, char **out, char **owned)
{
	int n = 0;

	for (int k = 0; cli->cmd->opts[k].name != NULL; k++) {
		if (cli->values[k] == NULL)
			continue;
		if (cli->cmd->opts[k].kind == DK_OPT_FLAG)
			CHECK(asprintf(&owned[n], "--%s", cli->cmd->opts[k].name) > 0);
		else
			CHECK(asprintf(&owned[n], "--%s=%s", cli->cmd->opts[k].name,
			               cli->values[k]) > 0);
		out[n] = owned[n];
		n++;
	}
	for (int i = 0; i < cli->nargs; i++)
		out[n++] = (char *)cli->args[i];
	return n;
}

static void
check_same_parse(const struct dk_cli *a, const struct dk_cli *b)
{
	CHECK(a->nargs == b->nargs);
	for (int i = 0; i < a->nargs; i++)
		CHECK(strcmp(a->args[i], b->args[i]) == 0);
	for (int k = 0; k < DK_CLI_MAX_OPTS; k++)
		CHECK((a->values[k] == NULL) == (b->values[k] == NULL) &&
		      (a->values[k] == NULL || strcmp(a->values[k], b->values[k]) == 0));
}

/* An accepted command line: each value traced to its words, and the same parse respelled. */
static void
check_parsed(const struct dk_cli *cli, char **w, int nw)
{
	char *again[2 * DK_CLI_MAX_OPTS + DK_CLI_MAX_ARGS], *owned[DK_CLI_MAX_OPTS] = {0};
	struct dk_cli cli2 = {.cmd = cli->cmd};
	int n;

	CHECK(cli->nargs >= cli->cmd->min_args && cli->nargs <= cli->cmd->max_args);
	for (int i = 0; i < cli->nargs; i++)
		CHECK(strncmp(cli->args[i], "--", 2) != 0 || cli->args[i][2] == '\0');
	for (int k = 0; cli->cmd->opts[k].name != NULL; k++)
		CHECK(cli->values[k] == NULL ||
		      value_from_words(&cli->cmd->opts[k], cli->values[k], w, nw));
	n = respell(cli, again, owned);
	CHECK(dk_cli_parse_args(&cli2, again, n) == 0);
	check_same_parse(cli, &cli2);
	dk_cli_free_values(&cli2);
	for (int k = 0; k < DK_CLI_MAX_OPTS; k++)
		free(owned[k]);
}

static void
check_args(const uint8_t *data, size_t size)
{
	char *buf, *words[64];
	int nw = 0;
	struct dk_cli_cmd cmd = {.words = "fuzz", .args = "ARG"};
	struct dk_cli cli = {.cmd = &cmd};

	if (size < 2)
		return;
	cmd.opts = tables[data[0] % (sizeof(tables) / sizeof(tables[0]))];
	cmd.min_args = data[1] % 2;
	cmd.max_args = data[1] / 2 % (DK_CLI_MAX_ARGS + 1);
	buf = malloc(size - 1);
	CHECK(buf != NULL);
	memcpy(buf, data + 2, size - 2);
	buf[size - 2] = '\0';
	for (size_t i = 0, start = 0; i <= size - 2 && nw < 64; i++) {
		if (buf[i] == '\0') {
			words[nw++] = &buf[start];
			start = i + 1;
		}
	}
	if (dk_cli_parse_args(&cli, words, nw) == 0)
		check_parsed(&cli, words, nw);
	dk_cli_free_values(&cli);
	free(buf);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	quiet = fopen("/dev/null", "w");
	CHECK(quiet != NULL && dk_crypto_init());
	app = dk_app_new("/nonexistent/fuzz.db", DK_DATE_NONE);
	return 0;
}

static void
check_value(uint8_t which, const char *s, size_t len)
{
	switch (which % 13) {
	case 0:
		check_date(s);
		break;
	case 1:
		check_ref(s);
		break;
	case 2:
		check_code('V', s);
		break;
	case 3:
		check_code('S', s);
		break;
	case 4:
		check_long_code(s, 30);
		check_long_code(s, 16);
		break;
	case 5:
		check_identifiers(s);
		break;
	case 6:
		check_text(s, len, true, DK_LINE_MAX);
		check_text(s, len, false, DK_TEXT_MAX);
		break;
	case 7:
		check_long(s);
		break;
	case 8:
		check_by(s, which / 13);
		break;
	case 9:
		check_choices(s);
		break;
	case 12:
		check_office_line(s);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *saved = stderr;
	char *s;

	if (size == 0)
		return 0;
	stderr = quiet;
	if (data[0] % 13 == 10 || data[0] % 13 == 11) {
		check_args(data + 1, size - 1);
	} else {
		s = malloc(size);
		CHECK(s != NULL);
		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		/* Text keeps its length (standard input): a NUL inside is a refusal to check. */
		check_value(data[0], s, size - 1);
		free(s);
	}
	stderr = saved;
	return 0;
}
