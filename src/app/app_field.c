/*
 * A case's fields as `case set` and a view of an earlier day see them: the
 * one table of the fields (which may be set, by whom, where each lives in
 * the case) and, per kind of field, how a value is checked, read and put back.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define AT(member) offsetof(struct dk_case, member), sizeof(((struct dk_case *)0)->member)

/*
 * Fields `case set` may change, in the order the front ends offer them, then
 * the fields only moves write (outcome, closure): a view of an earlier day
 * puts those back too.
 */
static const struct dk_settable fields[] = {
    {"urgent", DK_SET_YESNO, -1, DK_ACTION_CASE_CHANGE, AT(urgent)},
    {"entity", DK_SET_VOCAB, DK_VOCAB_ENTITY, DK_ACTION_CASE_CHANGE, AT(entity)},
    {"type", DK_SET_VOCAB, DK_VOCAB_TYPE, DK_ACTION_CASE_CHANGE, AT(type)},
    {"personnel", DK_SET_VOCAB, DK_VOCAB_PERSONNEL, DK_ACTION_CASE_CHANGE, AT(personnel)},
    {"source", DK_SET_VOCAB, DK_VOCAB_SOURCE, DK_ACTION_CASE_CHANGE, AT(source)},
    {"category", DK_SET_VOCAB, DK_VOCAB_CATEGORY, DK_ACTION_CASE_CHANGE, AT(category)},
    {"nationality", DK_SET_NATIONALITY, -1, DK_ACTION_CASE_CHANGE, AT(nationality)},
    {"incident", DK_SET_DATE, -1, DK_ACTION_CASE_CHANGE, AT(incident)},
    {"summary", DK_SET_TEXT, -1, DK_ACTION_CASE_CHANGE, AT(summary)},
    /* A case recorded under the wrong mission: its reference stays, its scope moves. */
    {"mission", DK_SET_MISSION, -1, DK_ACTION_CASE_RELOCATE, AT(mission)},
    /* Written by moves only. */
    {"outcome", DK_SET_VOCAB, DK_VOCAB_OUTCOME, DK_ACTION_CASE_CHANGE, AT(outcome)},
    {"closure", DK_SET_VOCAB, DK_VOCAB_CLOSURE, DK_ACTION_CASE_CHANGE, AT(closure)},
};
#define NSETTABLE 10 /* the rows before "outcome" */

#undef AT

const struct dk_settable *
dk_app_settable(size_t *n)
{
	*n = NSETTABLE;
	return fields;
}

static const struct dk_settable *
find(const char *field, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].field, field) == 0)
			return &fields[i];
	return NULL;
}

enum dk_rc
dk_app_field_settable(struct dk_app *app, const char *field, const struct dk_settable **out)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	if ((*out = find(field, NSETTABLE)) != NULL)
		return DK_OK;
	for (size_t i = 0; i < NSETTABLE; i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", fields[i].field);
	rc = dk_app_fail(app, DK_INVALID, _("'%s' cannot be set (fields: %s)"), field,
	                 dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

static void *
in_case(struct dk_case *c, const struct dk_settable *f)
{
	return (char *)c + f->offset;
}

/* ---- per kind: check and apply a typed value, read it, put a recorded one back ---- */

/* Checks value for field f, applies it to c and writes its stored form to norm. */
typedef enum dk_rc (*apply_fn)(struct dk_app *app, struct dk_case *c, const struct dk_settable *f,
                               const char *value, char *norm, size_t normsize);

static enum dk_rc
apply_yesno(struct dk_app *app, struct dk_case *c, const struct dk_settable *f, const char *value,
            char *norm, size_t normsize)
{
	if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
		return dk_app_fail(app, DK_INVALID, _("urgent: expected yes or no, not '%s'"),
		                   value);
	*(bool *)in_case(c, f) = strcmp(value, "yes") == 0;
	snprintf(norm, normsize, "%s", value);
	return DK_OK;
}

static enum dk_rc
apply_vocab(struct dk_app *app, struct dk_case *c, const struct dk_settable *f, const char *value,
            char *norm, size_t normsize)
{
	enum dk_rc rc = dk_app_check_ident(app, f->vocab, value, norm, normsize);

	if (rc == DK_OK)
		snprintf(in_case(c, f), f->size, "%s", norm);
	return rc;
}

static enum dk_rc
apply_nationality(struct dk_app *app, struct dk_case *c, const struct dk_settable *f,
                  const char *value, char *norm, size_t normsize)
{
	enum dk_rc rc = dk_validate_nationality(value, norm, &app->err);

	(void)normsize;
	if (rc == DK_OK)
		snprintf(in_case(c, f), f->size, "%s", norm);
	return rc;
}

static enum dk_rc
apply_date(struct dk_app *app, struct dk_case *c, const struct dk_settable *f, const char *value,
           char *norm, size_t normsize)
{
	char reported[DK_DATE_STRLEN];
	dk_date d;
	enum dk_rc rc;

	(void)normsize;
	if ((rc = dk_app_check_date(app, f->field, value, &d)) != DK_OK)
		return rc;
	if (d > c->reported) {
		dk_date_format(c->reported, reported);
		return dk_app_fail(app, DK_INVALID,
		                   _("incident: %s is after the date reported (%s)"), value,
		                   reported);
	}
	*(dk_date *)in_case(c, f) = d;
	dk_date_format(d, norm);
	return DK_OK;
}

static enum dk_rc
apply_text(struct dk_app *app, struct dk_case *c, const struct dk_settable *f, const char *value,
           char *norm, size_t normsize)
{
	char **text = in_case(c, f);
	enum dk_rc rc;

	(void)norm;
	(void)normsize;
	if ((rc = dk_validate_text(f->field, value, DK_TEXT_MAX, false, &app->err)) != DK_OK)
		return rc;
	dk_xfree_wiped(text);
	*text = value[0] != '\0' ? dk_xstrdup(value) : NULL;
	return DK_OK;
}

static enum dk_rc
apply_mission(struct dk_app *app, struct dk_case *c, const struct dk_settable *f, const char *value,
              char *norm, size_t normsize)
{
	enum dk_rc rc;
	char from[DK_MISSION_MAX + 1];

	(void)normsize;
	if ((rc = dk_app_check_mission(app, f->field, value, true, norm)) != DK_OK)
		return rc;
	if (strcmp(norm, c->mission) == 0)
		return dk_app_fail(app, DK_INVALID, _("%s is under %s already"), c->ref, norm);
	snprintf(from, sizeof(from), "%s", c->mission);
	snprintf(in_case(c, f), f->size, "%s", norm);
	/* Its sealed fields move with it: wrapped under the new mission's keys only. */
	return dk_app_fields_relocate(app, c, from);
}

/* A field's value as text (malloc'd), NULL when unset. */
typedef char *(*get_fn)(struct dk_case *c, const struct dk_settable *f);

static char *
get_yesno(struct dk_case *c, const struct dk_settable *f)
{
	return dk_xstrdup(*(bool *)in_case(c, f) ? "yes" : "no");
}

static char *
get_date(struct dk_case *c, const struct dk_settable *f)
{
	dk_date d = *(dk_date *)in_case(c, f);
	char date[DK_DATE_STRLEN];

	if (d == DK_DATE_NONE)
		return NULL;
	dk_date_format(d, date);
	return dk_xstrdup(date);
}

static char *
get_text(struct dk_case *c, const struct dk_settable *f)
{
	char *text = *(char **)in_case(c, f);

	return text != NULL ? dk_xstrdup(text) : NULL;
}

static char *
get_chars(struct dk_case *c, const struct dk_settable *f)
{
	char *text = in_case(c, f);

	return text[0] != '\0' ? dk_xstrdup(text) : NULL;
}

/* Puts a recorded value (NULL: unset) back. */
typedef void (*restore_fn)(struct dk_case *c, const struct dk_settable *f, const char *value);

static void
restore_yesno(struct dk_case *c, const struct dk_settable *f, const char *value)
{
	*(bool *)in_case(c, f) = value != NULL && strcmp(value, "yes") == 0;
}

static void
restore_date(struct dk_case *c, const struct dk_settable *f, const char *value)
{
	dk_date *d = in_case(c, f);

	if (value == NULL || !dk_date_parse(value, d))
		*d = DK_DATE_NONE;
}

static void
restore_text(struct dk_case *c, const struct dk_settable *f, const char *value)
{
	char **text = in_case(c, f);

	dk_xfree_wiped(text);
	*text = value != NULL ? dk_xstrdup(value) : NULL;
}

static void
restore_chars(struct dk_case *c, const struct dk_settable *f, const char *value)
{
	snprintf(in_case(c, f), f->size, "%s", value != NULL ? value : "");
}

static const struct {
	apply_fn apply;
	get_fn get;
	restore_fn restore;
} kinds[] = {
    [DK_SET_YESNO] = {apply_yesno, get_yesno, restore_yesno},
    [DK_SET_VOCAB] = {apply_vocab, get_chars, restore_chars},
    [DK_SET_NATIONALITY] = {apply_nationality, get_chars, restore_chars},
    [DK_SET_DATE] = {apply_date, get_date, restore_date},
    [DK_SET_TEXT] = {apply_text, get_text, restore_text},
    [DK_SET_MISSION] = {apply_mission, get_chars, restore_chars},
};

bool
dk_app_field_is_text(const char *field)
{
	const struct dk_settable *f = find(field, sizeof(fields) / sizeof(fields[0]));

	return f != NULL && f->check == DK_SET_TEXT;
}

enum dk_rc
dk_app_field_apply(struct dk_app *app, struct dk_case *c, const struct dk_settable *f,
                   const char *value, char *norm, size_t normsize)
{
	return kinds[f->check].apply(app, c, f, value, norm, normsize);
}

char *
dk_app_case_field(struct dk_case *c, const char *field)
{
	const struct dk_settable *f = find(field, sizeof(fields) / sizeof(fields[0]));

	return f != NULL ? kinds[f->check].get(c, f) : NULL;
}

void
dk_app_case_restore(struct dk_case *c, const char *field, const char *value)
{
	const struct dk_settable *f = find(field, sizeof(fields) / sizeof(fields[0]));

	if (f != NULL)
		kinds[f->check].restore(c, f, value);
}
