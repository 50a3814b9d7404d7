/* Drawing helpers every screen uses: sanitized, width-measured text, columns, due-date cues. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "docket/buf.h"
#include "docket/deadline.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

void
dk_tui_put(int y, int x, int width, const char *s, attr_t attr)
{
	struct dk_buf safe = DK_BUF_INIT, fitted = DK_BUF_INIT;

	if (width <= 0)
		return;
	dk_text_sanitize(&safe, s != NULL ? s : "", DK_SANITIZE_LINE);
	dk_text_fit(&fitted, dk_buf_str(&safe), width, true);
	attron(attr);
	mvaddstr(y, x, dk_buf_str(&fitted));
	attroff(attr);
	dk_buf_free(&safe);
	dk_buf_free(&fitted);
}

size_t
dk_tui_wrap_at(const char *rest, int width, size_t *skip)
{
	size_t n = dk_tui_prefix(rest, width);

	*skip = 0;
	if (n == 0 && *rest != '\0')
		return strlen(rest); /* cannot happen with width > 0; never loop */
	if (rest[n] == '\0' || rest[n] == ' ') {
		*skip = rest[n] == ' ';
		return n;
	}
	for (size_t k = n; k > 0; k--) {
		if (rest[k - 1] == ' ') {
			*skip = 1;
			return k - 1;
		}
	}
	return n; /* one word longer than the row */
}

int
dk_tui_put_wrapped(int y, int x, int width, int rows, int indent, const char *s, attr_t attr)
{
	struct dk_buf safe = DK_BUF_INIT;
	const char *rest;
	int used = 0, at = 0;

	if (width <= 0 || rows <= 0)
		return 0;
	dk_text_sanitize(&safe, s != NULL ? s : "", DK_SANITIZE_LINE);
	rest = dk_buf_str(&safe);
	do {
		size_t skip, n = dk_tui_wrap_at(rest, width - at, &skip);
		char *part = dk_xstrndup(rest, n);

		if (y >= 0)
			dk_tui_put(y + used, x + at, width - at, part, attr);
		dk_xfree_wiped(&part);
		rest += n + skip;
		used++;
		at = indent < width ? indent : 0;
	} while (*rest != '\0' && used < rows);
	dk_buf_free(&safe);
	return used;
}

size_t
dk_tui_prefix(const char *s, int width)
{
	mbstate_t ps;
	size_t at = 0;
	int used = 0;

	memset(&ps, 0, sizeof(ps));
	while (s[at] != '\0') {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + at, strlen(s + at), &ps);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break;
		w = wcwidth(wc);
		w = w < 0 ? 1 : w;
		if (used + w > width)
			break;
		used += w;
		at += n;
	}
	return at;
}

/* The last line of columns built: case data, wiped at the lock. */
static struct dk_buf columns_line = DK_BUF_INIT;

const char *
dk_tui_columns(const int *widths, const char *const *cells, int n)
{
	struct dk_buf *line = &columns_line;
	struct dk_buf safe = DK_BUF_INIT;

	dk_buf_reset(line);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			dk_buf_putc(line, ' ');
		dk_buf_reset(&safe);
		dk_text_sanitize(&safe, cells[i] != NULL ? cells[i] : "", DK_SANITIZE_LINE);
		if (widths[i] > 0)
			dk_text_fit(line, dk_buf_str(&safe), widths[i], true);
		else
			dk_buf_puts(line, dk_buf_str(&safe));
	}
	dk_buf_free(&safe);
	return dk_buf_str(line);
}

/* The cues of a deadline status, in colour and without. */
static const struct {
	enum dk_deadline_status status;
	const char *mark;
	attr_t colour, plain;
	short pair;
} due_cues[] = {
    {DK_STATUS_OVERDUE, "!!", A_BOLD, A_BOLD, DK_COLOUR_OVERDUE},
    {DK_STATUS_DUE_SOON, "!", A_NORMAL, A_NORMAL, DK_COLOUR_SOON},
};

#define NDUE_CUES ((int)(sizeof(due_cues) / sizeof(due_cues[0])))

/* The cue of a status identifier; -1 for none (on track, met, missed, unknown, NULL). */
static int
due_cue(const char *status)
{
	for (int i = 0; status != NULL && i < NDUE_CUES; i++)
		if (strcmp(status, dk_deadline_status_id(due_cues[i].status)) == 0)
			return i;
	return -1;
}

attr_t
dk_tui_due_attr(struct dk_tui *t, const char *status)
{
	int i = due_cue(status);

	if (i < 0)
		return A_NORMAL;
	return t->colour ? COLOR_PAIR(due_cues[i].pair) | due_cues[i].colour : due_cues[i].plain;
}

const char *
dk_tui_due_mark(const char *status)
{
	int i = due_cue(status);

	return i < 0 ? "" : due_cues[i].mark;
}

void
dk_tui_draw_forget(void)
{
	dk_buf_free(&columns_line);
}

bool
dk_tui_too_small(bool draw)
{
	if (COLS >= DK_TUI_MIN_COLS && LINES >= DK_TUI_MIN_ROWS)
		return false;
	if (draw) {
		erase();
		mvaddstr(0, 0, _("Please enlarge the terminal"));
		mvprintw(1, 0, _("docket needs at least %dx%d; this one is %dx%d."),
		         DK_TUI_MIN_COLS, DK_TUI_MIN_ROWS, COLS, LINES);
	}
	return true;
}

const char *
dk_tui_office_title(const struct dk_tui *t)
{
	static char title[DK_OFFICE_NAME_MAX + 64];

	if (t->office[0] == '\0')
		return "";
	/* TRANSLATORS: in a screen's title while an office filter holds: "  office: GOMA". */
	snprintf(title, sizeof(title), _("  office: %s"), t->office);
	return title;
}
