/* The TUI's loop: unlock, the view stack, keys, resizing, the idle lock. */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/secret.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/xmalloc.h"
#include "tui.h"
#include "tui_internal.h"

/* SIGTERM and SIGHUP end the session cleanly: the terminal is always restored. */
static volatile sig_atomic_t stop_requested;

#define INPUT_TICK_MS 1000  /* how often the loop wakes to check the idle lock */
#define MAX_UNLOCK_DELAY 8  /* seconds, after repeated wrong passphrases */
#define MESSAGE_MAX_ROWS 3  /* a longer message is cut after its third row */
#define DEMO_NOTICE_MAX 241 /* bytes of a demo database's notice shown */

static struct dk_view *
open_victims(struct dk_tui *t)
{
	return dk_view_victims_new(t, false);
}

/*
 * The screens a key opens from anywhere, offered to the roles their action
 * needs (an unlock as a role without it closes them).
 */
static const struct {
	enum dk_tui_action action;
	enum dk_view_kind kind;
	struct dk_view *(*open)(struct dk_tui *t);
	const char *hint; /* the status bar's word for it; NULL: not on the status bar */
	/* An action the screen runs once it is on top (vetting asks whom to find), or NONE. */
	enum dk_tui_action then;
} screens[] = {
    {DK_ACT_VICTIMS, DK_VIEW_VICTIMS, open_victims, NULL, DK_ACT_NONE},
    {DK_ACT_ACCOUNTS, DK_VIEW_ACCOUNTS, dk_view_accounts_new, N_("accounts"), DK_ACT_NONE},
    {DK_ACT_AUDIT, DK_VIEW_AUDIT, dk_view_audit_new, N_("audit"), DK_ACT_NONE},
    {DK_ACT_VET, DK_VIEW_VET, dk_view_vet_new, NULL, DK_ACT_VET_AGAIN},
};

#define NSCREENS ((int)(sizeof(screens) / sizeof(screens[0])))

void
dk_tui_say(struct dk_tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	va_end(ap);
	t->message_is_error = error;
}

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
		explicit_bzero(part, n);
		free(part);
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
dk_tui_push(struct dk_tui *t, struct dk_view *v)
{
	if (t->depth == DK_TUI_MAX_VIEWS) {
		v->ops->free(v);
		dk_tui_say(t, true, _("too many screens open; go back first"));
		return;
	}
	t->stack[t->depth++] = v;
}

void
dk_tui_pop(struct dk_tui *t)
{
	struct dk_view *v;

	if (t->depth == 0)
		return;
	v = t->stack[--t->depth];
	v->ops->free(v);
	/* The view below may show what the popped one changed. */
	if (t->depth > 0 && t->stack[t->depth - 1]->ops->reload != NULL)
		t->stack[t->depth - 1]->ops->reload(t, t->stack[t->depth - 1]);
}

void
dk_tui_replace(struct dk_tui *t, struct dk_view *v)
{
	struct dk_view *old;

	if (t->depth == 0) {
		dk_tui_push(t, v);
		return;
	}
	old = t->stack[t->depth - 1];
	old->ops->free(old);
	t->stack[t->depth - 1] = v;
}

static void
draw_too_small(void)
{
	erase();
	mvaddstr(0, 0, _("Please enlarge the terminal"));
	mvprintw(1, 0, _("docket needs at least %dx%d; this one is %dx%d."), DK_TUI_MIN_COLS,
	         DK_TUI_MIN_ROWS, COLS, LINES);
}

/* Title on the first line, message on the one before last, status bar last. */
void
dk_tui_draw(struct dk_tui *t)
{
	struct dk_view *v = t->stack[t->depth - 1];
	char status[512], today[DK_DATE_STRLEN];
	struct dk_buf keys = DK_BUF_INIT;
	int message_rows;

	if (COLS < DK_TUI_MIN_COLS || LINES < DK_TUI_MIN_ROWS) {
		draw_too_small();
		refresh();
		return;
	}
	erase();
	dk_tui_put(0, 0, COLS, v->ops->title(v),
	           A_BOLD | (t->colour ? COLOR_PAIR(DK_COLOUR_TITLE) : A_REVERSE));
	t->cursor_y = -1;
	/* A long message wraps upwards over the view's last rows, whole words only. */
	message_rows = dk_tui_put_wrapped(-1, 0, COLS, MESSAGE_MAX_ROWS, 0, t->message, A_NORMAL);
	v->ops->draw(t, v, 1, LINES - 2 - message_rows, COLS);
	for (int r = 0; r < message_rows; r++)
		dk_tui_put(LINES - 1 - message_rows + r, 0, COLS, "", A_NORMAL);
	dk_tui_put_wrapped(LINES - 1 - message_rows, 0, COLS, message_rows, 0, t->message,
	                   t->message_is_error ? A_BOLD : A_NORMAL);
	dk_date_format(dk_app_today(t->app), today);
	/* The screens this role may open, then help and quit. */
	for (int i = 0; i < NSCREENS; i++)
		if (screens[i].hint != NULL && dk_tui_may(t, screens[i].action))
			dk_buf_printf(&keys, "%s:%s ",
			              dk_tui_key_name(DK_VIEW_DASHBOARD, screens[i].action),
			              _(screens[i].hint));
	snprintf(status, sizeof(status), " %s (%s)  %s  %s  %s?:%s q:%s", t->account, t->role,
	         t->opts->db_path, today, dk_buf_str(&keys), _("help"), _("quit"));
	dk_buf_free(&keys);
	dk_tui_put(LINES - 1, 0, COLS, status, A_REVERSE);
	/* The text cursor goes last: drawing the bars above moved it. */
	if (t->cursor_y >= 0) {
		move(t->cursor_y, t->cursor_x < COLS ? t->cursor_x : COLS - 1);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

bool
dk_tui_modal_key(struct dk_tui *t, wint_t *ch, int *rc)
{
	for (;;) {
		*rc = get_wch(ch);
		if (*rc == ERR) {
			if (stop_requested)
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
			dk_tui_draw(
			    t); /* the screen under the widget; the widget draws itself next */
			return true;
		}
		if (*rc != KEY_CODE_YES && *ch == 3) {
			t->quit = true;
			return false;
		}
		return true;
	}
}

/* Reads one key; ERR on timeout. */
static int
read_key(wint_t *ch, bool *function_key)
{
	int rc = get_wch(ch);

	*function_key = rc == KEY_CODE_YES;
	return rc;
}

/*
 * The unlock screen: account (prefilled; after a lock, the locked one, which
 * the screen names) and passphrase (no echo) in the middle, errors inline,
 * a growing delay after each wrong passphrase. False when the user gives up
 * (Esc, Ctrl-C).
 */
static bool
unlock_screen(struct dk_tui *t, const char *why, bool locked)
{
	struct dk_secret *pass = dk_secret_new(DK_PASSPHRASE_MAX + 8);
	char account[DK_NAME_MAX + 1];
	char error[300] = "", locked_line[DK_NAME_MAX + 64] = "", demo[DEMO_NOTICE_MAX] = "";
	int field = 1, failures = 0;
	bool ok = false;

	snprintf(account, sizeof(account), "%s", t->account);
	if (account[0] == '\0')
		field = 0;
	if (locked)
		snprintf(locked_line, sizeof(locked_line), _("Locked: %s"), t->account);
	/* A demo database says how to get in: the screen covers what ./run demo printed. */
	if (!dk_app_demo_notice(t->app, demo, sizeof(demo)))
		demo[0] = '\0';
	timeout(INPUT_TICK_MS);
	while (!stop_requested) {
		wint_t ch;
		bool fkey;
		int y = LINES / 2 - 4, x = COLS / 2 - 30;

		erase();
		if (COLS < DK_TUI_MIN_COLS || LINES < DK_TUI_MIN_ROWS) {
			draw_too_small();
		} else {
			dk_tui_put(y, x, 60, _("docket — unlock the case database"), A_BOLD);
			dk_tui_put(y + 1, x, 60, t->opts->db_path, A_NORMAL);
			dk_tui_put(y + 2, x, 60, locked_line, A_BOLD);
			dk_tui_put(y + 3, x, 14, _("Account:"), A_NORMAL);
			dk_tui_put(y + 3, x + 14, 40, account,
			           field == 0 ? A_REVERSE : A_UNDERLINE);
			dk_tui_put(y + 4, x, 14, _("Passphrase:"), A_NORMAL);
			/* No echo, not even stars: their number would tell the length. */
			dk_tui_put(y + 4, x + 14, 40, "", field == 1 ? A_REVERSE : A_UNDERLINE);
			dk_tui_put_wrapped(y + 6, x, 60, 2, 0, error[0] ? error : why,
			                   error[0] ? A_BOLD : A_NORMAL);
			dk_tui_put_wrapped(
			    y + 9, x, 60, 2, 0,
			    _("Tab: next field  Ctrl-U: clear it  Enter: unlock  Esc: quit"),
			    A_DIM);
			dk_tui_put_wrapped(y + 12, x, 60, 3, 0, demo, A_BOLD);
		}
		refresh();
		if (read_key(&ch, &fkey) == ERR)
			continue;
		if (fkey && ch == KEY_RESIZE)
			continue;
		if (!fkey && (ch == 27 || ch == 3))
			break;
		if ((!fkey && ch == '\t') ||
		    (fkey && (ch == KEY_DOWN || ch == KEY_UP || ch == KEY_BTAB))) {
			field = !field;
			continue;
		}
		if ((!fkey && (ch == '\n' || ch == '\r')) || (fkey && ch == KEY_ENTER)) {
			enum dk_rc rc;

			if (field == 0) {
				field = 1;
				continue;
			}
			rc = dk_app_unlock(t->app, account, pass);
			if (rc == DK_OK) {
				ok = true;
				break;
			}
			snprintf(error, sizeof(error), "%s", dk_app_errmsg(t->app));
			explicit_bzero(pass->bytes, pass->cap);
			pass->len = 0;
			if (rc == DK_AUTH) {
				/* A growing pause discourages guessing at the keyboard. */
				failures++;
				sleep((unsigned)(failures < MAX_UNLOCK_DELAY ? failures
				                                             : MAX_UNLOCK_DELAY));
				flushinp();
			}
			continue;
		}
		if (field == 1) {
			dk_tui_secret_key(pass, ch, fkey);
			continue;
		}
		if (!fkey && ch == 21) { /* Ctrl-U: another account than the one prefilled */
			account[0] = '\0';
			continue;
		}
		if ((fkey && ch == KEY_BACKSPACE) || (!fkey && (ch == 127 || ch == 8))) {
			if (account[0] != '\0')
				account[strlen(account) - 1] = '\0';
			continue;
		}
		if (fkey || ch < 32)
			continue;
		{
			size_t n = strlen(account);

			if (ch < 128 && n + 1 < sizeof(account)) {
				account[n] = (char)ch;
				account[n + 1] = '\0';
			}
		}
	}
	dk_secret_free(&pass);
	if (ok) {
		snprintf(t->account, sizeof(t->account), "%s", dk_app_user(t->app));
		snprintf(t->role, sizeof(t->role), "%s", dk_app_role(t->app));
		/* The unlock screen may have waited past midnight. */
		if (t->opts->clock != NULL)
			dk_app_set_today(t->app, t->opts->clock());
	}
	timeout(INPUT_TICK_MS);
	return ok;
}

/* Opens a screen, or goes back to it when it is already open below. */
static void
open_screen(struct dk_tui *t, int k)
{
	for (int i = 0; i < t->depth; i++) {
		if (t->stack[i]->ops->kind != screens[k].kind)
			continue;
		if (t->depth == i + 1 && t->stack[i]->ops->reload != NULL)
			t->stack[i]->ops->reload(t, t->stack[i]);
		while (t->depth > i + 1)
			dk_tui_pop(t); /* the last pop reloads it */
		return;
	}
	dk_tui_push(t, screens[k].open(t));
}

/* Frees every screen: forms wipe what was typed, views what they read. */
static void
close_screens(struct dk_tui *t)
{
	while (t->depth > 0) {
		struct dk_view *v = t->stack[--t->depth];

		v->ops->free(v);
	}
}

/* What the TUI holds of a session beyond its screens. */
static void
forget_session(struct dk_tui *t)
{
	close_screens(t);
	explicit_bzero(t->message, sizeof(t->message));
	t->victim_changes = 0;
	t->subject_changes = 0;
	dk_buf_free(&columns_line);
}

/* A session starts on the dashboard: after the first unlock and after each lock. */
static void
start_session(struct dk_tui *t)
{
	dk_tui_push(t, dk_view_dashboard_new(t));
	t->last_input = time(NULL);
}

/*
 * The lock ends the session: every screen closes (what was typed in a form
 * with it), the database closes and its key is wiped. The next unlock,
 * as the same account or another, starts again from the dashboard.
 */
static void
lock(struct dk_tui *t, const char *why)
{
	char previous[DK_NAME_MAX + 1];

	forget_session(t);
	dk_app_lock(t->app);
	clear();
	refresh();
	snprintf(previous, sizeof(previous), "%s", t->account);
	if (!unlock_screen(t, why, true)) {
		t->quit = true;
		return;
	}
	start_session(t);
	if (strcmp(previous, t->account) != 0)
		dk_tui_say(t, false, _("Unlocked as %s: a new session."), t->account);
	else
		dk_tui_say(t, false, _("Unlocked."));
}

/* A session left open past midnight takes the new date, unless --today pinned it. */
static void
follow_the_clock(struct dk_tui *t)
{
	dk_date now;

	if (t->opts->clock == NULL || (now = t->opts->clock()) == dk_app_today(t->app))
		return;
	dk_app_set_today(t->app, now);
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i]->ops->reload != NULL)
			t->stack[i]->ops->reload(t, t->stack[i]);
}

static void
handle(struct dk_tui *t, wint_t ch, bool fkey)
{
	struct dk_view *v = t->stack[t->depth - 1];
	enum dk_tui_action a;

	if (v->ops->input != NULL && v->ops->input(t, v, ch, fkey))
		return;
	a = dk_tui_action_for(v->ops->kind, (int)ch);
	if (a != DK_ACT_NONE && !dk_tui_may(t, a)) {
		/* The engine would refuse it anyway; the key is simply not offered. */
		dk_tui_say(t, false,
		           _("That key is not available to the %s role; press ? for yours."),
		           t->role);
		return;
	}
	for (int k = 0; k < NSCREENS; k++) {
		if (screens[k].action == a) {
			t->message[0] = '\0';
			open_screen(t, k);
			v = t->stack[t->depth - 1];
			if (screens[k].then != DK_ACT_NONE && v->ops->kind == screens[k].kind)
				v->ops->action(t, v, screens[k].then);
			return;
		}
	}
	switch (a) {
	case DK_ACT_NONE:
		dk_tui_say(t, false, _("Unknown key; press ? for help."));
		break;
	case DK_ACT_QUIT:
		t->quit = true;
		break;
	case DK_ACT_BACK:
		if (t->depth > 1)
			dk_tui_pop(t);
		break;
	case DK_ACT_HELP:
		dk_tui_push(t, dk_view_help_new(t));
		break;
	case DK_ACT_LOCK:
		lock(t, _("Locked. Enter the passphrase to start again from the dashboard."));
		break;
	default:
		t->message[0] = '\0';
		v->ops->action(t, v, a);
		break;
	}
}

static const char *
idle_lock_message(void)
{
	return _("Locked after a period without use. Enter the passphrase to start again from "
	         "the dashboard.");
}

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int
dk_tui_main(const struct dk_front_options *o)
{
	struct dk_tui t;
	struct sigaction sa;
	bool ok;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "docket: %s\n",
		        _("the terminal UI needs a terminal; give a command (see docket --help)"));
		return 2;
	}
	memset(&t, 0, sizeof(t));
	t.opts = o;
	t.app = dk_app_new(o->db_path, o->today);
	snprintf(t.account, sizeof(t.account), "%s", o->user);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	initscr();
	raw(); /* Ctrl-C arrives as a key, so quitting always goes through endwin */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* NO_COLOR counts when set to something (no-color.org). */
	t.colour = has_colors() && (getenv("NO_COLOR") == NULL || getenv("NO_COLOR")[0] == '\0');
	if (t.colour) {
		start_color();
		use_default_colors();
		init_pair(DK_COLOUR_OVERDUE, COLOR_RED, -1);
		init_pair(DK_COLOUR_SOON, COLOR_YELLOW, -1);
		init_pair(DK_COLOUR_OK, COLOR_GREEN, -1);
		init_pair(DK_COLOUR_TITLE, COLOR_WHITE, COLOR_BLUE);
	}
	ok = unlock_screen(&t, _("Enter your passphrase."), false);
	if (ok)
		start_session(&t);
	timeout(INPUT_TICK_MS);
	while (ok && !t.quit && !stop_requested && t.depth > 0) {
		wint_t ch;
		bool fkey;

		if (t.lock_requested) {
			t.lock_requested = false;
			lock(&t, idle_lock_message());
			continue;
		}
		follow_the_clock(&t);
		dk_tui_draw(&t);
		if (read_key(&ch, &fkey) == ERR) {
			if (o->lock_after > 0 && time(NULL) - t.last_input >= o->lock_after)
				lock(&t, idle_lock_message());
			continue;
		}
		t.last_input = time(NULL);
		if (fkey && ch == KEY_RESIZE)
			continue; /* the next draw lays out for the new size */
		handle(&t, ch, fkey);
	}
	forget_session(&t);
	endwin();
	dk_app_free(&t.app);
	return 0;
}
