/*
 * The form engine without a terminal: a form built from a spec, keys typed
 * into it (UTF-8 editing, focus over hidden fields, choices and what follows
 * them) and the values its submit function reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdbool.h>
#include <string.h>

#include "tui/form.h"

static int follows, submits;

/* The detail shows only when the answer is yes. */
static void
detail_follows(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed)
{
	const char *answer = dk_form_value(f, "answer");

	(void)t, (void)changed;
	follows++;
	dk_form_field(f, "detail")->hidden = answer == NULL || strcmp(answer, "yes") != 0;
}

static enum dk_form_done
keep(struct dk_tui *t, struct dk_form *f)
{
	(void)t, (void)f;
	submits++;
	return DK_FORM_KEPT;
}

static const struct dk_form_spec spec = {
    .title = "test form",
    .fields =
        {
            {.key = "name", .label = "Name", .kind = DK_FIELD_TEXT},
            {.key = "answer",
             .label = "Answer",
             .kind = DK_FIELD_CHOICE,
             .choices = DK_CHOICES_YES_NO},
            {.key = "detail", .label = "Detail", .kind = DK_FIELD_MULTILINE},
            {.key = "kind",
             .label = "Kind",
             .kind = DK_FIELD_CHOICE,
             .choices = DK_CHOICES_VOCAB,
             .vocab = DK_VOCAB_SEX,
             .optional = true},
        },
    .follow = detail_follows,
    .submit = keep,
};

static struct dk_view *
open_form(struct dk_tui *t)
{
	memset(t, 0, sizeof(*t));
	follows = submits = 0;
	return dk_form_open(t, &spec, &(struct dk_form_args){.ref = "BINUH-2026-0001"});
}

static void
type(struct dk_tui *t, struct dk_view *v, const wchar_t *s)
{
	for (; *s != L'\0'; s++)
		assert_true(v->ops->input(t, v, (wint_t)*s, false));
}

static void
form__typed_utf8__is_edited_by_code_point(void **state)
{
	struct dk_tui t;
	struct dk_view *v = open_form(&t);
	struct dk_form *f = v->data;

	(void)state;
	assert_string_equal(v->ops->title(v), "test form — BINUH-2026-0001");
	type(&t, v, L"Zoë");
	assert_string_equal(dk_form_value(f, "name"), "Zoë");
	v->ops->input(&t, v, KEY_LEFT, true);
	v->ops->input(&t, v, KEY_BACKSPACE, true);
	assert_string_equal(dk_form_value(f, "name"), "Zë");
	v->ops->input(&t, v, KEY_END, true);
	v->ops->input(&t, v, 127, false);
	v->ops->input(&t, v, 127, false);
	v->ops->input(&t, v, 127, false);
	assert_null(dk_form_value(f, "name"));
	v->ops->free(v);
}

static void
form__choice__steps_and_what_follows_shows(void **state)
{
	struct dk_tui t;
	struct dk_view *v = open_form(&t);
	struct dk_form *f = v->data;

	(void)state;
	assert_int_equal(follows, 1); /* once when built */
	assert_string_equal(dk_form_value(f, "answer"), "no");
	assert_true(dk_form_field(f, "detail")->hidden);
	assert_null(dk_form_value(f, "kind")); /* "(none)" first */
	v->ops->input(&t, v, '\t', false);
	v->ops->input(&t, v, KEY_RIGHT, true);
	assert_string_equal(dk_form_value(f, "answer"), "yes");
	assert_int_equal(follows, 2);
	assert_false(dk_form_field(f, "detail")->hidden);
	v->ops->input(&t, v, ' ', false);
	assert_string_equal(dk_form_value(f, "answer"), "no");
	/* Tab skips the hidden detail: from the answer to the kind. */
	v->ops->input(&t, v, '\t', false);
	assert_int_equal(f->focus, 3);
	v->ops->input(&t, v, KEY_RIGHT, true);
	assert_non_null(dk_form_value(f, "kind"));
	assert_int_equal(follows, 4);
	v->ops->free(v);
}

static void
form__save__hands_the_form_to_its_submit(void **state)
{
	struct dk_tui t;
	struct dk_view *v = open_form(&t);

	(void)state;
	v->ops->input(&t, v, 0x13 /* Ctrl-S */, false);
	v->ops->input(&t, v, KEY_F(2), true);
	assert_int_equal(submits, 2);
	/* Enter on the Save button (Shift-Tab from the first field). */
	v->ops->input(&t, v, KEY_BTAB, true);
	v->ops->input(&t, v, '\n', false);
	assert_int_equal(submits, 3);
	v->ops->free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(form__typed_utf8__is_edited_by_code_point),
	    cmocka_unit_test(form__choice__steps_and_what_follows_shows),
	    cmocka_unit_test(form__save__hands_the_form_to_its_submit),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
