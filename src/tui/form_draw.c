/* Drawing a form: each field under its label (wrapped at its words), the Save button, the keys. */
#include <stdio.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "form.h"

#define TEXT_ROWS 6
#define LABEL_MAX_ROWS 3
#define LABEL_WIDTH 24

/* The display width of the first n bytes of s, as drawn (sanitized). */
static int
width_before(const char *s, size_t n)
{
	char before[DK_TEXT_MAX + 1];
	struct dk_buf b = DK_BUF_INIT;
	int w;

	snprintf(before, sizeof(before), "%.*s", (int)n, s);
	dk_text_sanitize(&b, before, DK_SANITIZE_LINE);
	w = dk_text_width(dk_buf_str(&b));
	dk_buf_free(&b);
	return w;
}

/* Splits text at newlines and wraps at width (in bytes of ASCII, columns otherwise). */
static int
draw_multiline(struct dk_field *fd, int y, int x, int width, bool focused)
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
			cur_y = y + row;
			cur_x = x + width_before(s, fd->cursor - offset);
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

/* One field at row y; returns the rows it took. Sets the cursor's place when focused. */
static int
draw_field(struct dk_tui *t, struct dk_field *fd, int y, int value_w, bool focused)
{
	char label[128];
	int label_rows, x = LABEL_WIDTH + 2;

	snprintf(label, sizeof(label), "%s%s", _(fd->label),
	         fd->kind == DK_FIELD_CHOICE && fd->nchoices > 1 ? " ◂▸" : "");
	/* A long label wraps at its words onto the rows below, never cut. */
	label_rows = dk_tui_put_wrapped(y, 2, LABEL_WIDTH - 1, LABEL_MAX_ROWS, 0, label,
	                                focused ? A_BOLD : A_NORMAL);
	if (fd->kind == DK_FIELD_MULTILINE) {
		int text_rows = draw_multiline(fd, y, x, value_w, focused);

		if (focused)
			getyx(stdscr, t->cursor_y, t->cursor_x);
		return text_rows > label_rows ? text_rows : label_rows;
	}
	if (fd->kind == DK_FIELD_CHOICE) {
		dk_tui_put(y, x, value_w, fd->nchoices ? fd->labels[fd->choice] : "",
		           focused ? A_REVERSE : A_UNDERLINE);
		return label_rows;
	}
	dk_tui_put(y, x, value_w, fd->text, focused ? A_REVERSE : A_UNDERLINE);
	if (focused) {
		t->cursor_y = y;
		t->cursor_x = x + width_before(fd->text, fd->cursor);
	}
	return label_rows;
}

void
dk_form_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct dk_form *f = v->data;
	int y = top + 1;

	(void)rows;
	t->cursor_y = -1;
	t->cursor_x = 0;
	for (int i = 0; i < f->nfields; i++)
		if (!f->fields[i].hidden)
			y += draw_field(t, &f->fields[i], y, cols - LABEL_WIDTH - 4, i == f->focus);
	y++;
	dk_tui_put(y, LABEL_WIDTH + 2, 10, _("[ Save ]"),
	           f->focus == f->nfields ? A_REVERSE | A_BOLD : A_BOLD);
	dk_tui_put(y + 2, 2, cols - 4,
	           _("Tab/Shift-Tab: fields  ←/→: choices  Ctrl-S or F2: save  Esc: cancel"),
	           A_DIM);
	if (t->cursor_x > cols - 1)
		t->cursor_x = cols - 1;
}
