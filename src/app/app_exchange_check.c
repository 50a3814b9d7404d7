/*
 * A verified bundle's records are still checked field by field before
 * anything is written: a trusted office can be wrong, or lose its keys. Each
 * kind of record has a pattern, one letter per field: g gid, o gid or NULL,
 * h hash, p parents (gids), i integer, b 0 or 1, d date (D optional), r
 * recording time, f case reference, m mission, c/N country (optional), n
 * office name, a account, s state, k event kind, l one line (L optional),
 * t free text, j event data; C Y P S E O X: category, type, personnel,
 * source, entity, outcome, closure (identifiers; optional but C).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"
#include "docket/i18n.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define PARENTS_MAX 64 /* heads an event may follow */
#define DATA_MAX 65536 /* an event's JSON data */
#define RECORDED_MAX 31

/* Each kind's pattern; the store's types for the kind have as many fields. */
static const struct {
	char tag;
	const char *pattern;
} patterns[] = {
    {'O', "gn"},
    {'M', "mlcD"},
    {'D', "mdL"},
    {'C', "ggfmmiidDCYPNSEOXbsddt"},
    {'E', "gggdraksbELtttjp"},
    {'V', "ggllldrLL"},
    {'L', "ggd"},
    {'W', "gggodralLLLLt"},
    {'S', "gglgPNdraLLLL"},
    {'A', "gggdralb"},
    {'H', "ihh"},
};

/* Optional vocabulary fields by letter (upper case); -1: not a vocabulary. */
static int
vocab_of(char kind)
{
	static const struct {
		char kind;
		int vocab;
	} vocabs[] = {{'C', DK_VOCAB_CATEGORY}, {'Y', DK_VOCAB_TYPE},   {'P', DK_VOCAB_PERSONNEL},
	              {'S', DK_VOCAB_SOURCE},   {'E', DK_VOCAB_ENTITY}, {'O', DK_VOCAB_OUTCOME},
	              {'X', DK_VOCAB_CLOSURE}};

	for (size_t i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++)
		if (vocabs[i].kind == kind)
			return vocabs[i].vocab;
	return -1;
}

static bool
bytes_ok(char kind, size_t len)
{
	switch (kind) {
	case 'g':
	case 'o':
		return len == DK_GID_LEN;
	case 'h':
		return len == 32;
	default: /* 'p' */
		return len % DK_GID_LEN == 0 && len / DK_GID_LEN <= PARENTS_MAX;
	}
}

static bool
recorded_ok(const char *s)
{
	size_t n = strlen(s);

	if (n < 10 || n > RECORDED_MAX)
		return false;
	return strspn(s, "0123456789-T:.Z") == n;
}

/* Checks a text field (a NUL-terminated copy); kind as in the patterns. */
static bool
text_ok(char kind, const char *s, size_t len, struct dk_err *err)
{
	dk_date d;
	int v = vocab_of(kind);
	char out[DK_MISSION_MAX + 1], nat[4];

	if (strlen(s) != len)
		return false; /* a NUL inside */
	if (v >= 0)
		return dk_vocab_find((enum dk_vocab_kind)v, s) >= 0;
	switch (kind) {
	case 'd':
	case 'D':
		return dk_date_parse(s, &d);
	case 'r':
		return recorded_ok(s);
	case 'f': {
		char mission[DK_MISSION_MAX + 1];
		int year;
		long seq;

		return dk_ref_parse(s, mission, &year, &seq);
	}
	case 'm':
		return dk_validate_mission(s, out, err) == DK_OK && strcmp(out, s) == 0;
	case 'c':
	case 'N':
		return dk_validate_nationality(s, nat, err) == DK_OK && strcmp(nat, s) == 0;
	case 'n':
		return dk_validate_office_name(s, err);
	case 'a':
		return dk_validate_account(s, err) == DK_OK;
	case 's': {
		enum dk_state st;

		return dk_state_parse(s, &st);
	}
	case 'k':
		return strcmp(s, "created") == 0 || strcmp(s, "moved") == 0 ||
		       strcmp(s, "set") == 0 || strcmp(s, "extended") == 0 ||
		       strcmp(s, "note") == 0;
	case 'l':
	case 'L':
		return dk_validate_text_len("", s, len, DK_LINE_MAX, true, err) == DK_OK;
	case 'j':
		return dk_validate_text_len("", s, len, DATA_MAX, false, err) == DK_OK;
	default: /* 't' */
		return dk_validate_text_len("", s, len, DK_TEXT_MAX, false, err) == DK_OK;
	}
}

/* Whether a NULL is allowed for the kind (optional fields). */
static bool
optional(char kind)
{
	return strchr("DoLtYPNSEOXc", kind) != NULL;
}

static bool
field_ok(const struct dk_record *r, unsigned i, char kind)
{
	struct dk_err scratch = {0};
	char *copy;
	bool ok;

	if (r->field[i] == NULL)
		return optional(kind);
	if (strchr("gohp", kind) != NULL)
		return bytes_ok(kind, r->len[i]);
	if (kind == 'i' || kind == 'b')
		return dk_record_is_int(r, i) &&
		       (kind == 'i' || dk_record_int(r, i) == 0 || dk_record_int(r, i) == 1);
	copy = dk_xstrndup((const char *)r->field[i], r->len[i]);
	ok = text_ok(kind, copy, r->len[i], &scratch);
	dk_xfree_wiped(&copy);
	return ok;
}

enum dk_rc
dk_app_record_check(struct dk_app *app, const struct dk_record *r)
{
	const char *pattern = NULL;

	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		if ((unsigned char)patterns[i].tag == r->tag)
			pattern = patterns[i].pattern;
	if (pattern == NULL)
		return dk_app_fail(app, DK_INVALID,
		                   _("the bundle holds a record of an unknown kind"));
	if (r->n != strlen(pattern))
		return dk_app_fail(app, DK_INVALID,
		                   _("the bundle holds a malformed record (%c: %u fields)"), r->tag,
		                   r->n);
	for (unsigned i = 0; i < r->n; i++)
		if (!field_ok(r, i, pattern[i]))
			return dk_app_fail(app, DK_INVALID,
			                   _("the bundle holds a malformed record (%c, field %u)"),
			                   r->tag, i + 1);
	return DK_OK;
}
