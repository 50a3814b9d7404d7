/*
 * Forms: new allegation, move, change a field, extend, note; a victim, a
 * subject and an action on one; a victim informed, given assistance, its
 * paternity claim. The app layer validates them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/workflow.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define FORM_MAX_FIELDS 12
#define FORM_MAX_CHOICES 64
#define TEXT_ROWS 6
#define LABEL_MAX_ROWS 3
#define CTRL(c) ((c)&0x1f)

enum field_kind { F_TEXT, F_DATE, F_CHOICE, F_MULTILINE };

struct field {
	const char *key; /* what the submit function looks for */
	const char *label;
	enum field_kind kind;
	bool optional; /* choices: the first entry is "(none)" */
	bool hidden;
	char *text; /* text, date and multi-line values */
	size_t len, cap, cursor;
	const char *labels[FORM_MAX_CHOICES];
	const char *ids[FORM_MAX_CHOICES];
	int nchoices, choice;
};

enum form_kind {
	FORM_INTAKE,
	FORM_MOVE,
	FORM_SET,
	FORM_EXTEND,
	FORM_NOTE,
	FORM_VICTIM_ADD,
	FORM_SUBJECT_ADD,
	FORM_SUBJECT_ACTION,
	FORM_INFORM,
	FORM_ASSIST,
	FORM_PATERNITY,
};

struct form {
	enum form_kind kind;
	char ref[DK_REF_MAX];                                /* the case, or the victim's code */
	enum dk_state from;                                  /* move: the case's state */
	struct dk_code_choice subjects[FORM_MAX_CHOICES];    /* subject action: the case's */
	char missions[FORM_MAX_CHOICES][DK_MISSION_MAX + 1]; /* intake, set: the open ones */
	struct field fields[FORM_MAX_FIELDS];
	int nfields;
	int focus; /* nfields means the Save button */
	char title[128];
};

static struct field *
add_field(struct form *f, const char *key, const char *label, enum field_kind kind)
{
	struct field *fd = &f->fields[f->nfields++];

	memset(fd, 0, sizeof(*fd));
	fd->key = key;
	fd->label = label;
	fd->kind = kind;
	fd->cap = kind == F_MULTILINE ? DK_TEXT_MAX + 1 : DK_LINE_MAX + 1;
	fd->text = dk_xcalloc(1, fd->cap);
	return fd;
}

static void
set_text(struct field *fd, const char *s)
{
	snprintf(fd->text, fd->cap, "%s", s);
	fd->len = fd->cursor = strlen(fd->text);
}

static void
add_vocab_choices(struct field *fd, enum dk_vocab_kind kind, bool optional)
{
	const struct dk_vocab *v = dk_vocab_get(kind);

	fd->optional = optional;
	if (optional) {
		fd->labels[fd->nchoices] = _("(none)");
		fd->ids[fd->nchoices++] = NULL;
	}
	for (size_t i = 0; i < v->count && fd->nchoices < FORM_MAX_CHOICES; i++) {
		fd->labels[fd->nchoices] = _(v->entries[i].label);
		fd->ids[fd->nchoices++] = v->entries[i].id;
	}
}

/* The field named key; the forms below only ask for fields they made. */
static struct field *
find(struct form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return &f->fields[i];
	abort();
}

/* A field that may not exist in this form. */
static struct field *
find_opt(struct form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, key) == 0)
			return &f->fields[i];
	return NULL;
}

/* A field's value for the app: NULL when empty, hidden or "(none)". */
static const char *
value(struct form *f, const char *key)
{
	struct field *fd = find_opt(f, key);

	if (fd == NULL || fd->hidden)
		return NULL;
	if (fd->kind == F_CHOICE)
		return fd->nchoices > 0 ? fd->ids[fd->choice] : NULL;
	return fd->text[0] != '\0' ? fd->text : NULL;
}

/* The move form shows only what the chosen move needs (and the note, always). */
static void
move_fields_visible(struct form *f)
{
	struct field *to = find(f, "state");
	enum dk_state target;
	const struct dk_move *mv = NULL;

	if (to->nchoices > 0 && dk_state_parse(to->ids[to->choice], &target))
		mv = dk_workflow_move(f->from, target);
	find(f, "entity")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_ENTITY);
	find(f, "outcome")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_OUTCOME);
	find(f, "closure")->hidden = mv == NULL || !(mv->needs & DK_NEEDS_CLOSURE);
}

/* Interim and final actions come from two lists: only the chosen one shows. */
static void
action_fields_visible(struct form *f)
{
	const char *when = value(f, "when");
	bool interim = when != NULL && strcmp(when, "interim") == 0;

	find(f, "interim_action")->hidden = !interim;
	find(f, "final_action")->hidden = interim;
}

/* One value field per settable field (keyed by its name); only the chosen one shows. */
static void
set_fields_visible(struct form *f)
{
	const char *chosen = value(f, "field");

	for (int i = 0; i < f->nfields; i++) {
		const char *key = f->fields[i].key;

		if (strcmp(key, "field") != 0 && strcmp(key, "on") != 0)
			f->fields[i].hidden = chosen == NULL || strcmp(key, chosen) != 0;
	}
}

/* After a choice changed: the fields that depend on it. */
static void
fields_visible(struct form *f)
{
	if (f->kind == FORM_MOVE)
		move_fields_visible(f);
	else if (f->kind == FORM_SUBJECT_ACTION)
		action_fields_visible(f);
	else if (f->kind == FORM_SET)
		set_fields_visible(f);
}

static const char *
form_title(struct dk_view *v)
{
	return ((struct form *)v->data)->title;
}

/* Splits text at newlines and wraps at width (in bytes of ASCII, columns otherwise). */
static int
draw_multiline(struct field *fd, int y, int x, int width, bool focused)
{
	const char *s = fd->text;
	int row = 0, cur_y = y, cur_x = x;
	size_t offset = 0;

	for (int r = 0; r < TEXT_ROWS; r++)
		dk_tui_put(y + r, x, width, "", focused ? A_REVERSE : A_UNDERLINE);
	while (row < TEXT_ROWS) {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		char line[DK_TEXT_MAX + 1];

		snprintf(line, sizeof(line), "%.*s", (int)len, s);
		dk_tui_put(y + row, x, width, line, focused ? A_REVERSE : A_UNDERLINE);
		if (fd->cursor >= offset && fd->cursor <= offset + len) {
			char before[DK_TEXT_MAX + 1];
			struct dk_buf b = DK_BUF_INIT;

			snprintf(before, sizeof(before), "%.*s", (int)(fd->cursor - offset), s);
			dk_text_sanitize(&b, before, DK_SANITIZE_LINE);
			cur_y = y + row;
			cur_x = x + dk_text_width(dk_buf_str(&b));
			dk_buf_free(&b);
		}
		row++;
		if (nl == NULL)
			break;
		offset += len + 1;
		s = nl + 1;
	}
	if (focused)
		move(cur_y, cur_x < x + width ? cur_x : x + width - 1);
	return TEXT_ROWS;
}

static void
form_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct form *f = v->data;
	int y = top + 1, label_w = 24, value_w = cols - label_w - 4;
	int cursor_y = -1, cursor_x = 0;

	(void)rows;
	for (int i = 0; i < f->nfields; i++) {
		struct field *fd = &f->fields[i];
		bool focused = i == f->focus;
		char label[128];
		int label_rows;

		if (fd->hidden)
			continue;
		snprintf(label, sizeof(label), "%s%s", _(fd->label),
		         fd->kind == F_CHOICE && fd->nchoices > 1 ? " ◂▸" : "");
		/* A long label wraps at its words onto the rows below, never cut. */
		label_rows = dk_tui_put_wrapped(y, 2, label_w - 1, LABEL_MAX_ROWS, 0, label,
		                                focused ? A_BOLD : A_NORMAL);
		if (fd->kind == F_MULTILINE) {
			int text_rows = draw_multiline(fd, y, label_w + 2, value_w, focused);

			if (focused) {
				getyx(stdscr, cursor_y, cursor_x);
			}
			y += text_rows > label_rows ? text_rows : label_rows;
			continue;
		}
		if (fd->kind == F_CHOICE) {
			dk_tui_put(y, label_w + 2, value_w,
			           fd->nchoices ? fd->labels[fd->choice] : "",
			           focused ? A_REVERSE : A_UNDERLINE);
		} else {
			struct dk_buf b = DK_BUF_INIT;
			char before[DK_LINE_MAX + 1];

			dk_tui_put(y, label_w + 2, value_w, fd->text,
			           focused ? A_REVERSE : A_UNDERLINE);
			snprintf(before, sizeof(before), "%.*s", (int)fd->cursor, fd->text);
			dk_text_sanitize(&b, before, DK_SANITIZE_LINE);
			if (focused) {
				cursor_y = y;
				cursor_x = label_w + 2 + dk_text_width(dk_buf_str(&b));
			}
			dk_buf_free(&b);
		}
		y += label_rows;
	}
	y++;
	dk_tui_put(y, label_w + 2, 10, _("[ Save ]"),
	           f->focus == f->nfields ? A_REVERSE | A_BOLD : A_BOLD);
	dk_tui_put(y + 2, 2, cols - 4,
	           _("Tab/Shift-Tab: fields  ←/→: choices  Ctrl-S or F2: save  Esc: cancel"),
	           A_DIM);
	t->cursor_y = cursor_y;
	t->cursor_x = cursor_x < cols - 1 ? cursor_x : cols - 1;
}

static void
focus_step(struct form *f, int dir)
{
	int i = f->focus;

	do {
		i = (i + dir + f->nfields + 1) % (f->nfields + 1);
	} while (i < f->nfields && f->fields[i].hidden);
	f->focus = i;
}

static void
insert_char(struct field *fd, wint_t ch)
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
cursor_left(struct field *fd)
{
	while (fd->cursor > 0 && ((unsigned char)fd->text[--fd->cursor] & 0xc0) == 0x80)
		;
}

static void
cursor_right(struct field *fd)
{
	if (fd->cursor < fd->len)
		fd->cursor++;
	while (fd->cursor < fd->len && ((unsigned char)fd->text[fd->cursor] & 0xc0) == 0x80)
		fd->cursor++;
}

static void
delete_back(struct field *fd)
{
	size_t end = fd->cursor;

	if (fd->cursor == 0)
		return;
	cursor_left(fd);
	memmove(fd->text + fd->cursor, fd->text + end, fd->len - end + 1);
	fd->len -= end - fd->cursor;
}

static void form_submit(struct dk_tui *t, struct dk_view *v);

static bool
form_input(struct dk_tui *t, struct dk_view *v, wint_t ch, bool fkey)
{
	struct form *f = v->data;
	struct field *fd = f->focus < f->nfields ? &f->fields[f->focus] : NULL;

	if (fkey) {
		switch (ch) {
		case KEY_BTAB:
		case KEY_UP:
			focus_step(f, -1);
			return true;
		case KEY_DOWN:
			focus_step(f, 1);
			return true;
		case KEY_F(2):
			form_submit(t, v);
			return true;
		case KEY_LEFT:
		case KEY_RIGHT:
			if (fd != NULL && fd->kind == F_CHOICE && fd->nchoices > 0) {
				fd->choice =
				    (fd->choice + (ch == KEY_RIGHT ? 1 : fd->nchoices - 1)) %
				    fd->nchoices;
				fields_visible(f);
			} else if (fd != NULL) {
				if (ch == KEY_LEFT)
					cursor_left(fd);
				else
					cursor_right(fd);
			}
			return true;
		case KEY_HOME:
			if (fd != NULL && fd->kind != F_CHOICE)
				fd->cursor = 0;
			return true;
		case KEY_END:
			if (fd != NULL && fd->kind != F_CHOICE)
				fd->cursor = fd->len;
			return true;
		case KEY_BACKSPACE:
			if (fd != NULL && fd->kind != F_CHOICE)
				delete_back(fd);
			return true;
		case KEY_DC:
			if (fd != NULL && fd->kind != F_CHOICE && fd->cursor < fd->len) {
				cursor_right(fd);
				delete_back(fd);
			}
			return true;
		case KEY_ENTER:
			break;
		default:
			return false;
		}
		ch = '\n';
	}
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
		form_submit(t, v);
		return true;
	case '\n':
	case '\r':
		if (fd == NULL) {
			form_submit(t, v);
		} else if (fd->kind == F_MULTILINE) {
			insert_char(fd, '\n');
		} else if (fd->kind == F_CHOICE && fd->nchoices > 1) {
			int k = dk_tui_choose(t, _(fd->label), fd->labels, fd->nchoices);

			if (k >= 0)
				fd->choice = k;
			fields_visible(f);
			focus_step(f, 1);
		} else {
			focus_step(f, 1);
		}
		return true;
	case 127:
	case 8:
		if (fd != NULL && fd->kind != F_CHOICE)
			delete_back(fd);
		return true;
	default:
		break;
	}
	if (fd != NULL && fd->kind == F_CHOICE && ch == ' ' && fd->nchoices > 0) {
		fd->choice = (fd->choice + 1) % fd->nchoices;
		fields_visible(f);
		return true;
	}
	if (fd != NULL && fd->kind != F_CHOICE && ch >= 32)
		insert_char(fd, ch);
	return true;
}

struct closing {
	struct dk_buf *question;
	dk_date on; /* the closing date */
	int live;
};

static bool
closing_ends(const struct dk_deadline_view *d, void *ctx)
{
	struct closing *cl = ctx;
	char due[DK_DATE_STRLEN], name[64];

	if (d->met_on != DK_DATE_NONE || d->ended_on != DK_DATE_NONE)
		return true;
	dk_date_format(d->due, due);
	/* A victim's update names the victim. */
	snprintf(name, sizeof(name), "%s%s%s", d->rule,
	         d->victim != NULL && d->victim[0] ? " " : "", d->victim != NULL ? d->victim : "");
	dk_buf_printf(cl->question, "%s ", cl->live++ == 0 ? _("It ends:") : ";");
	/* deadlines.md: one overdue on the closing date is kept as missed, the others dropped. */
	dk_buf_printf(cl->question,
	              d->due < cl->on ? _("%s due %s, overdue: kept as missed")
	                              : _("%s due %s, not yet due: dropped"),
	              name, due);
	return true;
}

/*
 * Closing a case asks first, naming the live deadlines it ends. True to go
 * on (also when the app cannot tell: it refuses the move itself then).
 */
static bool
confirm_close(struct dk_tui *t, struct form *f)
{
	struct dk_buf question = DK_BUF_INIT;
	struct closing cl = {&question, DK_DATE_NONE, 0};
	struct dk_case c;
	const char *on = value(f, "on");
	bool ok = true;

	memset(&c, 0, sizeof(c));
	if (on != NULL && dk_date_parse(on, &cl.on)) {
		dk_buf_printf(&question, _("Close %s?"), f->ref);
		dk_buf_putc(&question, ' ');
		if (dk_app_case_get(t->app, f->ref, &c, closing_ends, &cl) == DK_OK) {
			if (cl.live == 0)
				dk_buf_puts(&question, _("No deadline is live."));
			ok = dk_tui_confirm(t, dk_buf_str(&question));
		}
		dk_case_clear(&c);
	}
	dk_buf_free(&question);
	return ok;
}

/* After a change, the app's notice (an extension that no longer applies) on the one line. */
static void
say_changed(struct dk_tui *t, const char *ref, const char *field)
{
	char line[sizeof(t->message)];
	size_t n;

	snprintf(line, sizeof(line), "%s", dk_app_notice(t->app));
	if (line[0] == '\0') {
		dk_tui_say(t, false, _("%s: %s changed."), ref, field);
		return;
	}
	for (n = strlen(line); n > 0 && line[n - 1] == '\n';)
		line[--n] = '\0';
	for (char *nl = strchr(line, '\n'); nl != NULL; nl = strchr(nl, '\n'))
		*nl = ';';
	dk_tui_say(t, false, "%s: %s", ref, line);
}
static void
form_submit(struct dk_tui *t, struct dk_view *v)
{
	struct form *f = v->data;
	char ref[DK_REF_MAX];
	enum dk_rc rc = DK_OK;

	switch (f->kind) {
	case FORM_INTAKE: {
		const char *urgent = value(f, "urgent");
		struct dk_case_input in = {
		    value(f, "mission"),     value(f, "reported"),
		    value(f, "category"),    value(f, "incident"),
		    value(f, "type"),        value(f, "personnel"),
		    value(f, "nationality"), value(f, "source"),
		    value(f, "summary"),     urgent != NULL && strcmp(urgent, "yes") == 0,
		};

		if ((rc = dk_app_case_add(t->app, &in, ref)) == DK_OK) {
			curs_set(0);
			dk_tui_say(t, false, _("Recorded %s."), ref);
			dk_tui_replace(t, dk_view_detail_new(t, ref));
			return;
		}
		break;
	}
	case FORM_MOVE: {
		struct dk_move_input in = {
		    f->ref,
		    value(f, "state"),
		    value(f, "on"),
		    value(f, "entity"),
		    value(f, "outcome"),
		    value(f, "closure"),
		    value(f, "note"),
		};

		if (in.state != NULL && strcmp(in.state, dk_state_id(DK_STATE_CLOSED)) == 0 &&
		    !confirm_close(t, f)) {
			dk_tui_say(t, false, _("Not closed."));
			return;
		}
		if ((rc = dk_app_case_move(t->app, &in)) == DK_OK)
			dk_tui_say(t, false, _("%s moved to %s."), f->ref, in.state);
		break;
	}
	case FORM_SET: {
		const char *field = value(f, "field");
		const char *typed = field != NULL ? value(f, field) : NULL;

		if ((rc = dk_app_case_set(t->app, f->ref, field, typed != NULL ? typed : "",
		                          value(f, "on"))) == DK_OK)
			say_changed(t, f->ref, field);
		break;
	}
	case FORM_EXTEND:
		if ((rc = dk_app_case_extend(t->app, f->ref, value(f, "rule"), value(f, "to"),
		                             value(f, "reason"))) == DK_OK)
			dk_tui_say(t, false, _("%s: %s extended."), f->ref, value(f, "rule"));
		break;
	case FORM_NOTE:
		if ((rc = dk_app_case_note(t->app, f->ref, value(f, "note"), value(f, "on"))) ==
		    DK_OK)
			dk_tui_say(t, false, _("Note added to %s."), f->ref);
		break;
	case FORM_VICTIM_ADD: {
		struct dk_victim_input in = {
		    f->ref,           value(f, "code"),    value(f, "sex"), value(f, "age"),
		    value(f, "name"), value(f, "contact"), value(f, "on"),
		};
		char code[DK_CODE_MAX];

		if ((rc = dk_app_victim_add(t->app, &in, code)) == DK_OK) {
			t->victim_changes++;
			curs_set(0);
			dk_tui_say(t, false, _("%s named in %s."), code, f->ref);
			dk_tui_replace(t, dk_view_victim_new(t, code));
			return;
		}
		break;
	}
	case FORM_SUBJECT_ADD: {
		struct dk_subject_input in = {
		    f->ref,           value(f, "personnel"), value(f, "nationality"),
		    value(f, "name"), value(f, "index"),     value(f, "unit"),
		    value(f, "on"),
		};
		char code[DK_CODE_MAX];

		if ((rc = dk_app_subject_add(t->app, &in, code)) == DK_OK) {
			t->subject_changes++;
			dk_tui_say(t, false, _("Subject %s added to %s."), code, f->ref);
		}
		break;
	}
	case FORM_SUBJECT_ACTION: {
		const char *when = value(f, "when");
		bool interim = when != NULL && strcmp(when, "interim") == 0;
		const char *action = value(f, interim ? "interim_action" : "final_action");

		if ((rc = dk_app_subject_action(t->app, value(f, "subject"), action, value(f, "on"),
		                                interim)) == DK_OK) {
			t->subject_changes++;
			dk_tui_say(t, false, _("%s: %s recorded."), value(f, "subject"), action);
		}
		break;
	}
	case FORM_INFORM:
		if ((rc = dk_app_victim_inform(t->app, f->ref, value(f, "on"), value(f, "note"))) ==
		    DK_OK) {
			t->victim_changes++;
			dk_tui_say(t, false, _("%s: told how the case is going."), f->ref);
		}
		break;
	case FORM_ASSIST: {
		struct dk_assistance_input in = {
		    f->ref,
		    value(f, "kind"),
		    value(f, "on"),
		    value(f, "status"),
		    value(f, "provider"),
		    value(f, "consent"),
		};

		if ((rc = dk_app_victim_assist(t->app, &in)) == DK_OK) {
			t->victim_changes++;
			dk_tui_say(t, false, _("%s: %s assistance %s."), f->ref, in.kind,
			           in.status);
		}
		break;
	}
	case FORM_PATERNITY:
		if ((rc = dk_app_victim_paternity(t->app, f->ref, value(f, "status"),
		                                  value(f, "on"))) == DK_OK) {
			t->victim_changes++;
			dk_tui_say(t, false, _("%s: paternity claim %s."), f->ref,
			           value(f, "status"));
		}
		break;
	}
	if (rc != DK_OK) {
		/* The same refusal as the CLI's; the form stays, with what was typed. */
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	curs_set(0);
	dk_tui_pop(t);
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
	struct form *f = v->data;

	/* The whole buffer: what was typed and erased lies past the end of the text. */
	for (int i = 0; i < f->nfields; i++)
		dk_xfree_wiped_n(f->fields[i].text, f->fields[i].cap);
	dk_xfree_wiped_n(f, sizeof(*f));
	free(v);
}

static const struct dk_view_ops form_ops = {
    DK_VIEW_FORM, form_title, form_draw, form_action, form_input, NULL, form_free,
};

static struct dk_view *
form_new(enum form_kind kind, const char *ref, const char *title)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct form *f = dk_xcalloc(1, sizeof(*f));

	v->ops = &form_ops;
	v->data = f;
	f->kind = kind;
	snprintf(f->ref, sizeof(f->ref), "%s", ref != NULL ? ref : "");
	if (ref != NULL)
		snprintf(f->title, sizeof(f->title), "%s — %s", title, ref);
	else
		snprintf(f->title, sizeof(f->title), "%s", title);
	return v;
}

static void
today_into(struct dk_tui *t, struct field *fd)
{
	char today[DK_DATE_STRLEN];

	dk_date_format(dk_app_today(t->app), today);
	set_text(fd, today);
}

static void
yes_no(struct field *fd)
{
	fd->labels[0] = _("no");
	fd->ids[0] = "no";
	fd->labels[1] = _("yes");
	fd->ids[1] = "yes";
	fd->nchoices = 2;
}

struct mission_choices {
	struct form *form;
	struct field *field;
};

static bool
add_mission_choice(const struct dk_mission_view *m, void *ctx)
{
	struct mission_choices *mc = ctx;
	struct field *fd = mc->field;

	if (fd->nchoices == FORM_MAX_CHOICES)
		return false;
	snprintf(mc->form->missions[fd->nchoices], sizeof(mc->form->missions[0]), "%s", m->code);
	fd->labels[fd->nchoices] = mc->form->missions[fd->nchoices];
	fd->ids[fd->nchoices] = mc->form->missions[fd->nchoices];
	fd->nchoices++;
	return true;
}

/* The open missions of the register the account works in, as a choice list. */
static void
add_mission_choices(struct dk_tui *t, struct form *f, struct field *fd)
{
	struct mission_choices mc = {f, fd};

	if (dk_app_mission_list(t->app, true, add_mission_choice, &mc) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
}

struct dk_view *
dk_form_intake_new(struct dk_tui *t)
{
	struct dk_view *v = form_new(FORM_INTAKE, NULL, _("docket — new allegation"));
	struct form *f = v->data;

	add_mission_choices(t, f, add_field(f, "mission", N_("Mission"), F_CHOICE));
	today_into(t, add_field(f, "reported", N_("Reported (YYYY-MM-DD)"), F_DATE));
	add_vocab_choices(add_field(f, "category", N_("Category"), F_CHOICE), DK_VOCAB_CATEGORY,
	                  false);
	add_vocab_choices(add_field(f, "type", N_("Type"), F_CHOICE), DK_VOCAB_TYPE, true);
	add_vocab_choices(add_field(f, "personnel", N_("Personnel"), F_CHOICE), DK_VOCAB_PERSONNEL,
	                  true);
	add_field(f, "nationality", N_("Nationality (ISO3)"), F_TEXT);
	add_vocab_choices(add_field(f, "source", N_("Source"), F_CHOICE), DK_VOCAB_SOURCE, true);
	add_field(f, "incident", N_("Incident (YYYY-MM-DD)"), F_DATE);
	yes_no(add_field(f, "urgent", N_("Urgent"), F_CHOICE));
	add_field(f, "summary", N_("Summary"), F_MULTILINE);
	return v;
}

struct dk_view *
dk_form_move_new(struct dk_tui *t, const struct dk_case *c)
{
	struct dk_view *v = form_new(FORM_MOVE, c->ref, _("docket — move"));
	struct form *f = v->data;
	const struct dk_move *moves[DK_STATE_COUNT];
	int n = dk_workflow_moves_from(c->state, moves, DK_STATE_COUNT);
	struct field *to = add_field(f, "state", N_("Move to"), F_CHOICE);

	f->from = c->state;
	for (int i = 0; i < n; i++) {
		to->labels[to->nchoices] = _(dk_state_label(moves[i]->to));
		to->ids[to->nchoices++] = dk_state_id(moves[i]->to);
	}
	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	add_vocab_choices(add_field(f, "entity", N_("Investigating entity"), F_CHOICE),
	                  DK_VOCAB_ENTITY, false);
	add_vocab_choices(add_field(f, "outcome", N_("Outcome"), F_CHOICE), DK_VOCAB_OUTCOME,
	                  false);
	add_vocab_choices(add_field(f, "closure", N_("Closure"), F_CHOICE), DK_VOCAB_CLOSURE,
	                  false);
	add_field(f, "note", N_("Note"), F_MULTILINE);
	move_fields_visible(f);
	if (n == 0)
		dk_tui_say(t, true, _("No move is possible from %s."), dk_state_id(c->state));
	return v;
}

/* How each kind of `case set` value is typed: identifiers and yes/no are chosen from a list. */
static const enum field_kind set_value_kinds[] = {
    [DK_SET_YESNO] = F_CHOICE, [DK_SET_VOCAB] = F_CHOICE,   [DK_SET_NATIONALITY] = F_TEXT,
    [DK_SET_DATE] = F_DATE,    [DK_SET_TEXT] = F_MULTILINE, [DK_SET_MISSION] = F_CHOICE,
};

struct dk_view *
dk_form_set_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = form_new(FORM_SET, ref, _("docket — change a field"));
	struct form *f = v->data;
	struct field *which = add_field(f, "field", N_("Field"), F_CHOICE);
	size_t n;
	const struct dk_settable *fields = dk_app_settable(&n);

	for (size_t i = 0; i < n && f->nfields < FORM_MAX_FIELDS - 1; i++) {
		const struct dk_settable *st = &fields[i];
		struct field *fd;

		if (!dk_app_may(t->app, st->action))
			continue;
		fd = add_field(f, st->field, N_("New value"), set_value_kinds[st->check]);
		which->labels[which->nchoices] = st->field;
		which->ids[which->nchoices++] = st->field;
		if (st->check == DK_SET_YESNO)
			yes_no(fd);
		else if (st->check == DK_SET_VOCAB)
			add_vocab_choices(fd, (enum dk_vocab_kind)st->vocab, false);
		else if (st->check == DK_SET_MISSION)
			add_mission_choices(t, f, fd);
	}
	add_field(f, "on", N_("On (YYYY-MM-DD, empty: today)"), F_DATE);
	set_fields_visible(f);
	return v;
}

struct dk_view *
dk_form_extend_new(struct dk_tui *t, const char *ref, const char *const *rules, int nrules)
{
	struct dk_view *v = form_new(FORM_EXTEND, ref, _("docket — extend a deadline"));
	struct form *f = v->data;
	struct field *rule = add_field(f, "rule", N_("Deadline"), F_CHOICE);

	(void)t;
	for (int i = 0; i < nrules && i < FORM_MAX_CHOICES; i++) {
		rule->labels[rule->nchoices] = rules[i];
		rule->ids[rule->nchoices++] = rules[i];
	}
	add_field(f, "to", N_("Extend to (YYYY-MM-DD)"), F_DATE);
	add_field(f, "reason", N_("Reason"), F_MULTILINE);
	return v;
}

struct dk_view *
dk_form_note_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = form_new(FORM_NOTE, ref, _("docket — add a note"));
	struct form *f = v->data;

	add_field(f, "note", N_("Note"), F_MULTILINE);
	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	return v;
}

/* Choices from a list with a first entry that gives nothing (NULL) under its own label. */
static void
add_unset_choice(struct field *fd, const char *label)
{
	fd->optional = true;
	fd->labels[fd->nchoices] = label;
	fd->ids[fd->nchoices++] = NULL;
}

struct dk_view *
dk_form_victim_add_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = form_new(FORM_VICTIM_ADD, ref, _("docket — name a victim"));
	struct form *f = v->data;

	add_vocab_choices(add_field(f, "sex", N_("Sex"), F_CHOICE), DK_VOCAB_SEX, true);
	add_vocab_choices(add_field(f, "age", N_("Age"), F_CHOICE), DK_VOCAB_AGE, true);
	add_field(f, "name", N_("Name"), F_TEXT);
	add_field(f, "contact", N_("Contact"), F_TEXT);
	today_into(t, add_field(f, "on", N_("Named on (YYYY-MM-DD)"), F_DATE));
	/* Or a victim already recorded, named in this case too (then nothing above but the date).
	 */
	add_field(f, "code", N_("Or a victim's code"), F_TEXT);
	return v;
}

struct dk_view *
dk_form_subject_add_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = form_new(FORM_SUBJECT_ADD, ref, _("docket — add a subject"));
	struct form *f = v->data;

	add_vocab_choices(add_field(f, "personnel", N_("Personnel"), F_CHOICE), DK_VOCAB_PERSONNEL,
	                  false);
	add_field(f, "nationality", N_("Nationality (ISO3)"), F_TEXT);
	add_field(f, "name", N_("Name"), F_TEXT);
	add_field(f, "index", N_("Index or service number"), F_TEXT);
	add_field(f, "unit", N_("Unit"), F_TEXT);
	today_into(t, add_field(f, "on", N_("Added on (YYYY-MM-DD)"), F_DATE));
	return v;
}

struct dk_view *
dk_form_subject_action_new(struct dk_tui *t, const char *ref, const struct dk_code_choice *subjects,
                           int n)
{
	struct dk_view *v = form_new(FORM_SUBJECT_ACTION, ref, _("docket — action on a subject"));
	struct form *f = v->data;
	struct field *who = add_field(f, "subject", N_("Subject"), F_CHOICE);
	struct field *when = add_field(f, "when", N_("Interim or final"), F_CHOICE);

	for (int i = 0; i < n && i < FORM_MAX_CHOICES; i++) {
		f->subjects[i] = subjects[i];
		who->labels[who->nchoices] = f->subjects[i].label;
		who->ids[who->nchoices++] = f->subjects[i].code;
	}
	when->labels[0] = _("interim");
	when->ids[0] = "interim";
	when->labels[1] = _("final");
	when->ids[1] = "final";
	when->nchoices = 2;
	add_vocab_choices(add_field(f, "interim_action", N_("Interim action"), F_CHOICE),
	                  DK_VOCAB_INTERIM_ACTION, false);
	add_vocab_choices(add_field(f, "final_action", N_("Final action"), F_CHOICE),
	                  DK_VOCAB_FINAL_ACTION, false);
	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	action_fields_visible(f);
	return v;
}

struct dk_view *
dk_form_inform_new(struct dk_tui *t, const char *code)
{
	struct dk_view *v = form_new(FORM_INFORM, code, _("docket — victim informed"));
	struct form *f = v->data;

	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	add_field(f, "note", N_("Note"), F_MULTILINE);
	return v;
}

struct dk_view *
dk_form_assist_new(struct dk_tui *t, const char *code)
{
	struct dk_view *v = form_new(FORM_ASSIST, code, _("docket — assistance"));
	struct form *f = v->data;
	struct field *consent;

	add_vocab_choices(add_field(f, "kind", N_("Assistance"), F_CHOICE), DK_VOCAB_ASSISTANCE,
	                  false);
	add_vocab_choices(add_field(f, "status", N_("Status"), F_CHOICE),
	                  DK_VOCAB_ASSISTANCE_STATUS, false);
	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	add_field(f, "provider", N_("Provider"), F_TEXT);
	consent = add_field(f, "consent", N_("Consent"), F_CHOICE);
	add_unset_choice(consent, _("not recorded"));
	consent->labels[1] = _("yes");
	consent->ids[1] = "yes";
	consent->labels[2] = _("no");
	consent->ids[2] = "no";
	consent->nchoices = 3;
	return v;
}

struct dk_view *
dk_form_paternity_new(struct dk_tui *t, const char *code)
{
	struct dk_view *v = form_new(FORM_PATERNITY, code, _("docket — paternity claim"));
	struct form *f = v->data;

	add_vocab_choices(add_field(f, "status", N_("Status of the claim"), F_CHOICE),
	                  DK_VOCAB_PATERNITY, false);
	today_into(t, add_field(f, "on", N_("On (YYYY-MM-DD)"), F_DATE));
	return v;
}
