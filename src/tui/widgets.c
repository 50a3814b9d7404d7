/* Small interactions shared by the views: prompts (text, passphrase, yes/no), choices, hints. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/secret.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "tui_internal.h"

bool
dk_tui_prompt(struct dk_tui *t, const char *label, char *buf, size_t size)
{
	size_t len = strlen(buf);
	bool done = false, ok = false;
	char line[600]; /* what is typed may name a person (vetting): wiped on the way out */

	curs_set(1);
	while (!done) {
		wint_t ch;
		int rc;
		int at;

		snprintf(line, sizeof(line), "%s %s", label, buf);
		dk_tui_put(LINES - 2, 0, COLS, line, A_BOLD);
		at = dk_text_width(label) + 1 + dk_text_width(buf);
		move(LINES - 2, at < COLS ? at : COLS - 1);
		refresh();
		if (!dk_tui_modal_key(t, &ch, &rc))
			break;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && len > 0) {
				do
					buf[--len] = '\0';
				while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80);
			} else if (ch == KEY_ENTER) {
				done = ok = true;
			}
			continue;
		}
		if (ch == 27) {
			done = true;
		} else if (ch == '\n' || ch == '\r') {
			done = ok = true;
		} else if ((ch == 127 || ch == 8) && len > 0) {
			do
				buf[--len] = '\0';
			while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80);
		} else if (ch >= 32) {
			char mb[8];
			mbstate_t ps;
			size_t n;

			memset(&ps, 0, sizeof(ps));
			n = wcrtomb(mb, (wchar_t)ch, &ps);
			if (n != (size_t)-1 && len + n + 1 < size) {
				memcpy(buf + len, mb, n);
				len += n;
				buf[len] = '\0';
			}
		}
	}
	curs_set(0);
	explicit_bzero(line, sizeof(line));
	return ok;
}

bool
dk_tui_secret_key(struct dk_secret *s, wint_t ch, bool function_key)
{
	if ((function_key && ch == KEY_BACKSPACE) || (!function_key && (ch == 127 || ch == 8))) {
		/* Drop one UTF-8 code point. */
		while (s->len > 0) {
			unsigned char b = s->bytes[--s->len];

			s->bytes[s->len] = 0;
			if ((b & 0xc0) != 0x80)
				break;
		}
		return true;
	}
	if (function_key || ch < 32 || ch == 127)
		return false;
	{
		char mb[8];
		mbstate_t ps;
		size_t n;

		memset(&ps, 0, sizeof(ps));
		n = wcrtomb(mb, (wchar_t)ch, &ps);
		if (n != (size_t)-1 && s->len + n <= DK_PASSPHRASE_MAX && s->len + n <= s->cap) {
			memcpy(s->bytes + s->len, mb, n);
			s->len += n;
		}
		explicit_bzero(mb, sizeof(mb));
	}
	return true;
}

bool
dk_tui_prompt_secret(struct dk_tui *t, const char *label, struct dk_secret *s)
{
	bool done = false, ok = false;

	explicit_bzero(s->bytes, s->cap);
	s->len = 0;
	curs_set(1);
	while (!done) {
		wint_t ch;
		int rc, at;

		/* No echo, not even stars: their number would tell the length. */
		dk_tui_put(LINES - 2, 0, COLS, label, A_BOLD);
		at = dk_text_width(label) + 1;
		move(LINES - 2, at < COLS ? at : COLS - 1);
		refresh();
		if (!dk_tui_modal_key(t, &ch, &rc))
			break;
		if ((rc == KEY_CODE_YES && ch == KEY_ENTER) ||
		    (rc != KEY_CODE_YES && (ch == '\n' || ch == '\r')))
			done = ok = true;
		else if (rc != KEY_CODE_YES && ch == 27)
			done = true;
		else
			dk_tui_secret_key(s, ch, rc == KEY_CODE_YES);
	}
	curs_set(0);
	if (!ok) {
		explicit_bzero(s->bytes, s->cap);
		s->len = 0;
	}
	return ok;
}

#define CONFIRM_MAX_ROWS 8

bool
dk_tui_confirm(struct dk_tui *t, const char *question)
{
	const char *yes = _("yes");
	char line[2048];

	snprintf(line, sizeof(line), "%s %s", question, _("(y/n)"));
	for (;;) {
		wint_t ch;
		int rc;
		/* A long question wraps upwards from the message line, over the screen's foot. */
		int rows = dk_tui_put_wrapped(-1, 0, COLS, CONFIRM_MAX_ROWS, 0, line, A_BOLD);

		for (int r = 0; r < rows; r++)
			dk_tui_put(LINES - 1 - rows + r, 0, COLS, "", A_NORMAL);
		dk_tui_put_wrapped(LINES - 1 - rows, 0, COLS, rows, 0, line, A_BOLD);
		refresh();
		if (!dk_tui_modal_key(t, &ch, &rc))
			return false;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		/* y, or the first letter of the translated "yes" ("oui": o). */
		return rc != KEY_CODE_YES && ch < 128 &&
		       (tolower((int)ch) == 'y' ||
		        tolower((int)ch) == tolower((unsigned char)yes[0]));
	}
}

const char *
dk_tui_hints(const struct dk_tui *t, unsigned view, const struct dk_hint *h, int n)
{
	static struct dk_buf line = DK_BUF_INIT;

	dk_buf_reset(&line);
	for (int i = 0; i < n; i++) {
		const char *key = dk_tui_key_name(view, h[i].action);

		if (key == NULL || !dk_tui_may(t, h[i].action))
			continue;
		dk_buf_printf(&line, "%s%s %s", line.len ? " · " : "", key, _(h[i].label));
	}
	return dk_buf_str(&line);
}

int
dk_tui_choose(struct dk_tui *t, const char *title, const char *const *labels, int n)
{
	int sel = 0, top = 0, width = 40, height;

	for (int i = 0; i < n; i++) {
		int w = dk_text_width(labels[i]) + 4;
		width = w > width ? w : width;
	}
	if (width > COLS - 4)
		width = COLS - 4;
	for (;;) {
		int y0, x0;
		wint_t ch;
		int rc;

		height = n + 4 < LINES - 4 ? n + 4 : LINES - 4;
		y0 = (LINES - height) / 2;
		x0 = (COLS - width) / 2;
		if (sel < top)
			top = sel;
		if (sel >= top + height - 4)
			top = sel - (height - 4) + 1;
		for (int r = 0; r < height; r++)
			dk_tui_put(y0 + r, x0, width, "", A_REVERSE);
		dk_tui_put(y0, x0 + 1, width - 2, title, A_REVERSE | A_BOLD);
		for (int r = 0; r < height - 4 && top + r < n; r++)
			dk_tui_put(y0 + 2 + r, x0 + 2, width - 4, labels[top + r],
			           top + r == sel ? A_NORMAL | A_BOLD : A_REVERSE);
		dk_tui_put(y0 + height - 1, x0 + 1, width - 2, _("Enter: choose  Esc: cancel"),
		           A_REVERSE | A_DIM);
		refresh();
		if (!dk_tui_modal_key(t, &ch, &rc))
			return -1;
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_DOWN && sel + 1 < n)
				sel++;
			else if (ch == KEY_UP && sel > 0)
				sel--;
			else if (ch == KEY_NPAGE)
				sel = sel + (height - 4) < n ? sel + (height - 4) : n - 1;
			else if (ch == KEY_PPAGE)
				sel = sel - (height - 4) > 0 ? sel - (height - 4) : 0;
			else if (ch == KEY_ENTER)
				return sel;
			continue;
		}
		if (ch == 'j' && sel + 1 < n)
			sel++;
		else if (ch == 'k' && sel > 0)
			sel--;
		else if (ch == '\n' || ch == '\r')
			return sel;
		else if (ch == 27 || ch == 'q')
			return -1;
	}
}

/* The selection after a movement action; false for any other action. */
static bool
move_selection(enum dk_tui_action a, int *sel, int n, int step)
{
	int last = n > 0 ? n - 1 : 0;

	switch (a) {
	case DK_ACT_DOWN:
		*sel = *sel < last ? *sel + 1 : last;
		return true;
	case DK_ACT_UP:
		*sel = *sel > 0 ? *sel - 1 : 0;
		return true;
	case DK_ACT_PAGE_DOWN:
		*sel = *sel + step < last ? *sel + step : last;
		return true;
	case DK_ACT_PAGE_UP:
		*sel = *sel > step ? *sel - step : 0;
		return true;
	case DK_ACT_TOP:
		*sel = 0;
		return true;
	case DK_ACT_BOTTOM:
		*sel = last;
		return true;
	default:
		return false;
	}
}

bool
dk_tui_move_selection(struct dk_tui *t, enum dk_tui_action a, int *sel, int n, int step)
{
	int was = *sel;

	if (!move_selection(a, sel, n, step))
		return false;
	if (*sel != was)
		dk_tui_dirty(t, DK_DIRTY_BODY);
	return true;
}
