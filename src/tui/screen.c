/*
 * The screen: title, view, message line and status bar, each drawn again only
 * when dirty and sent with one doupdate; the message line; the key a modal
 * widget waits for.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "tui_internal.h"

#define MESSAGE_MAX_ROWS 3 /* a longer message is cut after its third row */

volatile sig_atomic_t dk_tui_stop_requested;

void
dk_tui_dirty(struct dk_tui *t, unsigned what)
{
	t->dirty |= what;
}

void
dk_tui_say(struct dk_tui *t, bool error, const char *fmt, ...)
{
	char said[sizeof(t->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(said, sizeof(said), fmt, ap);
	va_end(ap);
	if (strcmp(said, t->message) != 0 || error != t->message_is_error) {
		memcpy(t->message, said, sizeof(said));
		t->message_is_error = error;
		dk_tui_dirty(t, DK_DIRTY_MESSAGE);
	}
	explicit_bzero(said, sizeof(said));
}

void
dk_tui_clear_message(struct dk_tui *t)
{
	if (t->message[0] == '\0')
		return;
	explicit_bzero(t->message, sizeof(t->message));
	dk_tui_dirty(t, DK_DIRTY_MESSAGE);
}

/* The view, between the title and the message line (which grows upwards over it). */
static void
draw_body(struct dk_tui *t)
{
	struct dk_view *v = t->stack[t->depth - 1];
	int rows = LINES - 2 - t->message_rows;

	for (int r = 1; r <= rows; r++) {
		move(r, 0);
		clrtoeol();
	}
	t->cursor_y = -1;
	v->ops->draw(t, v, 1, rows, COLS);
	t->draws++;
}

static void
draw_message(struct dk_tui *t)
{
	int rows = t->message_rows;

	for (int r = 0; r < rows; r++)
		dk_tui_put(LINES - 1 - rows + r, 0, COLS, "", A_NORMAL);
	dk_tui_put_wrapped(LINES - 1 - rows, 0, COLS, rows, 0, t->message,
	                   t->message_is_error ? A_BOLD : A_NORMAL);
}

/* Who, which database, today, the screens this role may open, then help and quit. */
static void
draw_status(struct dk_tui *t)
{
	char status[512], today[DK_DATE_STRLEN], draws[32] = "";
	struct dk_buf keys = DK_BUF_INIT;

	if (t->show_draws)
		snprintf(draws, sizeof(draws), " [%lu]", t->draws);
	dk_date_show(dk_app_today(t->app), today);
	for (int i = 0; i < dk_tui_nscreens; i++)
		if (dk_tui_screens[i].hint != NULL && dk_tui_may(t, dk_tui_screens[i].action))
			dk_buf_printf(&keys, "%s:%s ",
			              dk_tui_key_name(DK_VIEW_DASHBOARD, dk_tui_screens[i].action),
			              _(dk_tui_screens[i].hint));
	snprintf(status, sizeof(status), "%s %s (%s)  %s  %s%s  %s?:%s q:%s", draws, t->account,
	         t->role, t->opts->db_path, today, dk_tui_office_title(t), dk_buf_str(&keys),
	         _("help"), _("quit"));
	dk_buf_free(&keys);
	dk_tui_put(LINES - 1, 0, COLS, status, A_REVERSE);
}

/* The text cursor goes last: drawing the bars moved it. */
static void
place_cursor(const struct dk_tui *t)
{
	if (t->cursor_y >= 0) {
		move(t->cursor_y, t->cursor_x < COLS ? t->cursor_x : COLS - 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* Lays out the message line; a change of its height moves the view's last row. */
static void
lay_out(struct dk_tui *t)
{
	int rows = dk_tui_put_wrapped(-1, 0, COLS, MESSAGE_MAX_ROWS, 0, t->message, A_NORMAL);

	if (t->too_small)
		t->dirty = DK_DIRTY_ALL;
	t->too_small = false;
	if (rows != t->message_rows)
		t->dirty |= DK_DIRTY_BODY | DK_DIRTY_MESSAGE;
	t->message_rows = rows;
	/* The tests count the views drawn on the status bar. */
	if ((t->dirty & DK_DIRTY_BODY) && t->show_draws)
		t->dirty |= DK_DIRTY_STATUS;
}

static void
draw_title(struct dk_tui *t)
{
	struct dk_view *v = t->stack[t->depth - 1];

	dk_tui_put(0, 0, COLS, v->ops->title(v),
	           A_BOLD | (t->colour ? COLOR_PAIR(DK_COLOUR_TITLE) : A_REVERSE));
}

void
dk_tui_paint(struct dk_tui *t)
{
	if (t->depth == 0 || t->dirty == 0)
		return; /* nothing changed: nothing is drawn, nothing is sent */
	if (dk_tui_too_small(true)) {
		t->too_small = true;
	} else {
		lay_out(t);
		if (t->dirty & DK_DIRTY_TITLE)
			draw_title(t);
		if (t->dirty & DK_DIRTY_BODY)
			draw_body(t);
		if (t->dirty & DK_DIRTY_MESSAGE)
			draw_message(t);
		if (t->dirty & DK_DIRTY_STATUS)
			draw_status(t);
		place_cursor(t);
	}
	t->dirty = 0;
	wnoutrefresh(stdscr);
	doupdate();
}

void
dk_tui_draw(struct dk_tui *t)
{
	dk_tui_dirty(t, DK_DIRTY_ALL);
	dk_tui_paint(t);
}

bool
dk_tui_modal_key(struct dk_tui *t, wint_t *ch, int *rc)
{
	/* A widget is drawn over the screen: all of it is drawn again once it closes. */
	dk_tui_dirty(t, DK_DIRTY_ALL);
	for (;;) {
		*rc = get_wch(ch);
		if (*rc == ERR) {
			if (dk_tui_stop_requested)
				return false;
			if (t->opts->lock_after > 0 &&
			    time(NULL) - t->last_input >= t->opts->lock_after) {
				t->lock_requested = true;
				return false;
			}
			continue;
		}
		t->last_input = time(NULL);
		if (*rc == KEY_CODE_YES && *ch == KEY_RESIZE) {
			/* The screen under the widget; the widget draws itself next. */
			dk_tui_draw(t);
			return true;
		}
		if (*rc != KEY_CODE_YES && *ch == 3) {
			t->quit = true;
			return false;
		}
		return true;
	}
}
