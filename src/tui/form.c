/*
 * The form engine: a form built from its spec, focus and editing, choice
 * lists, submit and cancel, and the wiping at free. The forms themselves are
 * data (form_table.c); what each does with its values is in form_case.c,
 * form_victim.c and form_subject.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "form.h"

#define CTRL(c) ((c)&0x1f)

struct dk_field *
dk_form_field(struct dk_form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return &f->fields[i];
	abort();
}

const char *
dk_form_value(struct dk_form *f, const char *key)
{
	struct dk_field *fd = dk_form_field(f, key);

	if (fd->hidden)
		return NULL;
	if (fd->kind == DK_FIELD_CHOICE)
		return fd->nchoices > 0 ? fd->ids[fd->choice] : NULL;
	return fd->text[0] != '\0' ? fd->text : NULL;
}

void
dk_form_retype(struct dk_tui *t, struct dk_form *f, struct dk_field *fd,
               const struct dk_field_spec *as)
{
	dk_xfree_wiped_n(fd->text, fd->cap);
	fd->kind = as->kind;
	fd->cap = as->kind == DK_FIELD_MULTILINE ? DK_TEXT_MAX + 1 : DK_LINE_MAX + 1;
	fd->text = dk_xcalloc(1, fd->cap);
	fd->len = fd->cursor = 0;
	fd->nchoices = fd->choice = 0;
	if (as->today) {
		dk_date_format(dk_app_today(t->app), fd->text);
		fd->len = fd->cursor = strlen(fd->text);
	}
	if (as->kind == DK_FIELD_CHOICE)
		dk_form_fill_choices(t, f, fd, as);
}

void
dk_form_then(struct dk_form *f, enum dk_open then, const char *key)
{
	f->then_open = true;
	f->then = then;
	snprintf(f->then_key, sizeof(f->then_key), "%s", key);
}

/* After a choice changed (only then: the set form's value starts again): what follows from it. */
static void
follow(struct dk_tui *t, struct dk_form *f, const struct dk_field *changed)
{
	if (f->spec->follow != NULL)
		f->spec->follow(t, f, changed);
}

static void
focus_step(struct dk_form *f, int dir)
{
	int i = f->focus;

	do {
		i = (i + dir + f->nfields + 1) % (f->nfields + 1);
	} while (i < f->nfields && f->fields[i].hidden);
	f->focus = i;
}

static void
choice_step(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, int dir)
{
	int was = fd->choice;

	fd->choice = (fd->choice + dir + fd->nchoices) % fd->nchoices;
	if (fd->choice != was)
		follow(t, f, fd);
}

static void
insert_char(struct dk_field *fd, wint_t ch)
{
	char mb[8];
	mbstate_t ps;
	size_t n;

	memset(&ps, 0, sizeof(ps));
	n = wcrtomb(mb, (wchar_t)ch, &ps);
	if (n == (size_t)-1 || fd->len + n + 1 > fd->cap)
		return;
	memmove(fd->text + fd->cursor + n, fd->text + fd->cursor, fd->len - fd->cursor + 1);
	memcpy(fd->text + fd->cursor, mb, n);
	fd->len += n;
	fd->cursor += n;
}

static void
cursor_left(struct dk_field *fd)
{
	while (fd->cursor > 0 && ((unsigned char)fd->text[--fd->cursor] & 0xc0) == 0x80)
		;
}

static void
cursor_right(struct dk_field *fd)
{
	if (fd->cursor < fd->len)
		fd->cursor++;
	while (fd->cursor < fd->len && ((unsigned char)fd->text[fd->cursor] & 0xc0) == 0x80)
		fd->cursor++;
}

static void
delete_back(struct dk_field *fd)
{
	size_t end = fd->cursor;

	if (fd->cursor == 0)
		return;
	cursor_left(fd);
	memmove(fd->text + fd->cursor, fd->text + end, fd->len - end + 1);
	fd->len -= end - fd->cursor;
}

/* The views a saved form may open in its place: the one place a form leads elsewhere. */
static void
form_leave(struct dk_tui *t, struct dk_form *f)
{
	curs_set(0);
	if (f->then_open)
		dk_tui_open_instead(t, f->then, f->then_key);
	else
		dk_tui_pop(t);
}

static void
form_submit(struct dk_tui *t, struct dk_form *f)
{
	enum dk_form_done done = f->spec->submit(t, f);

	if (done == DK_FORM_REFUSED)
		/* The same refusal as the CLI's; the form stays, with what was typed. */
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	else if (done == DK_FORM_SAVED)
		form_leave(t, f);
}

/* Keys with a curses code (arrows, F2, ...); Enter is handled with the characters. */
static bool
form_function_key(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, wint_t ch)
{
	bool typed = fd != NULL && fd->kind != DK_FIELD_CHOICE;

	switch (ch) {
	case KEY_BTAB:
	case KEY_UP:
		focus_step(f, -1);
		return true;
	case KEY_DOWN:
		focus_step(f, 1);
		return true;
	case KEY_F(2):
		form_submit(t, f);
		return true;
	case KEY_LEFT:
	case KEY_RIGHT:
		if (fd != NULL && fd->kind == DK_FIELD_CHOICE && fd->nchoices > 0)
			choice_step(t, f, fd, ch == KEY_RIGHT ? 1 : -1);
		else if (typed && ch == KEY_LEFT)
			cursor_left(fd);
		else if (typed)
			cursor_right(fd);
		return true;
	case KEY_HOME:
		if (typed)
			fd->cursor = 0;
		return true;
	case KEY_END:
		if (typed)
			fd->cursor = fd->len;
		return true;
	case KEY_BACKSPACE:
		if (typed)
			delete_back(fd);
		return true;
	case KEY_DC:
		if (typed && fd->cursor < fd->len) {
			cursor_right(fd);
			delete_back(fd);
		}
		return true;
	default:
		return false;
	}
}

/* Enter: saves on the button, a new line in a text box, the list of a choice. */
static void
form_enter(struct dk_tui *t, struct dk_form *f, struct dk_field *fd)
{
	if (fd == NULL) {
		form_submit(t, f);
	} else if (fd->kind == DK_FIELD_MULTILINE) {
		insert_char(fd, '\n');
	} else if (fd->kind == DK_FIELD_CHOICE && fd->nchoices > 1) {
		int k = dk_tui_choose(t, _(fd->label), fd->labels, fd->nchoices);

		if (k >= 0 && k != fd->choice) {
			fd->choice = k;
			follow(t, f, fd);
		}
		focus_step(f, 1);
	} else {
		focus_step(f, 1);
	}
}

static bool
form_char(struct dk_tui *t, struct dk_form *f, struct dk_field *fd, wint_t ch)
{
	switch (ch) {
	case 27:
		curs_set(0);
		dk_tui_pop(t);
		return true;
	case CTRL('c'):
		return false; /* quit, through the bindings */
	case '\t':
		focus_step(f, 1);
		return true;
	case CTRL('s'):
		form_submit(t, f);
		return true;
	case '\n':
	case '\r':
		form_enter(t, f, fd);
		return true;
	case 127:
	case 8:
		if (fd != NULL && fd->kind != DK_FIELD_CHOICE)
			delete_back(fd);
		return true;
	default:
		break;
	}
	if (fd != NULL && fd->kind == DK_FIELD_CHOICE && ch == ' ' && fd->nchoices > 0)
		choice_step(t, f, fd, 1);
	else if (fd != NULL && fd->kind != DK_FIELD_CHOICE && ch >= 32)
		insert_char(fd, ch);
	return true;
}

static bool
form_input(struct dk_tui *t, struct dk_view *v, wint_t ch, bool fkey)
{
	struct dk_form *f = v->data;
	struct dk_field *fd = f->focus < f->nfields ? &f->fields[f->focus] : NULL;

	if (fkey && ch != KEY_ENTER)
		return form_function_key(t, f, fd, ch);
	return form_char(t, f, fd, fkey ? '\n' : ch);
}

static const char *
form_title(struct dk_view *v)
{
	return ((struct dk_form *)v->data)->title;
}

static void
form_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	(void)t;
	(void)v;
	(void)a;
}

static void
form_free(struct dk_view *v)
{
	struct dk_form *f = v->data;

	/* The whole buffer: what was typed and erased lies past the end of the text. */
	for (int i = 0; i < f->nfields; i++)
		dk_xfree_wiped_n(f->fields[i].text, f->fields[i].cap);
	dk_xfree_wiped_n(f, sizeof(*f));
	free(v);
}

static const struct dk_view_ops form_ops = {
    .kind = DK_VIEW_FORM,
    .title = form_title,
    .draw = dk_form_draw,
    .action = form_action,
    .input = form_input,
    .free = form_free,
};

struct dk_view *
dk_form_open(struct dk_tui *t, const struct dk_form_spec *spec, const struct dk_form_args *args)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct dk_form *f = dk_xcalloc(1, sizeof(*f));

	v->ops = &form_ops;
	v->data = f;
	f->spec = spec;
	snprintf(f->ref, sizeof(f->ref), "%s", args->ref != NULL ? args->ref : "");
	if (args->ref != NULL)
		snprintf(f->title, sizeof(f->title), "%s — %s", _(spec->title), args->ref);
	else
		snprintf(f->title, sizeof(f->title), "%s", _(spec->title));
	f->from = args->from;
	for (; f->nrules < args->nrules && f->nrules < DK_FORM_MAX_CHOICES; f->nrules++)
		f->rules[f->nrules] = args->rules[f->nrules];
	for (; f->nsubjects < args->nsubjects && f->nsubjects < DK_FORM_MAX_CHOICES; f->nsubjects++)
		f->subjects[f->nsubjects] = args->subjects[f->nsubjects];
	for (int i = 0; i < DK_FORM_MAX_FIELDS && spec->fields[i].key != NULL; i++) {
		const struct dk_field_spec *s = &spec->fields[i];
		struct dk_field *fd = &f->fields[f->nfields++];

		fd->key = s->key;
		fd->label = s->label;
		dk_form_retype(t, f, fd, s);
	}
	follow(t, f, NULL);
	return v;
}
