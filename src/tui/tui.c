/* The TUI's loop: the session, keys, resizing, the clock, the idle lock. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "tui.h"
#include "tui_internal.h"

#define INPUT_TICK_MS 1000 /* how often the loop wakes to check the idle lock */

/* Opens a screen, or goes back to it when it is already open below. */
static void
open_screen(struct dk_tui *t, const struct dk_tui_screen *screen)
{
	for (int i = 0; i < t->depth; i++) {
		if (t->stack[i]->ops->kind != screen->kind)
			continue;
		if (t->depth == i + 1 && t->stack[i]->ops->reload != NULL) {
			t->stack[i]->ops->reload(t, t->stack[i]);
			dk_tui_dirty(t, DK_DIRTY_VIEW);
		}
		while (t->depth > i + 1)
			dk_tui_pop(t); /* the last pop reloads it */
		return;
	}
	dk_tui_open(t, screen->what, NULL);
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
	t->office[0] = '\0'; /* the office filter closes with the database */
	t->many_offices = false;
	dk_tui_draw_forget();
}

/* A session starts on the dashboard: after the first unlock and after each lock. */
static void
start_session(struct dk_tui *t)
{
	dk_tui_offices_refresh(t);
	dk_tui_open(t, DK_OPEN_DASHBOARD, NULL);
	dk_tui_dirty(t, DK_DIRTY_ALL);
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
	if (!dk_tui_unlock(t, why, true)) {
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
	dk_tui_dirty(t, DK_DIRTY_ALL);
}

/* Movements redraw only when they move something (the views say so: dk_tui_move_selection). */
static bool
moves(enum dk_tui_action a)
{
	return a == DK_ACT_DOWN || a == DK_ACT_UP || a == DK_ACT_PAGE_DOWN || a == DK_ACT_PAGE_UP ||
	       a == DK_ACT_TOP || a == DK_ACT_BOTTOM;
}

static void
handle(struct dk_tui *t, wint_t ch, bool fkey)
{
	struct dk_view *v = t->stack[t->depth - 1];
	enum dk_tui_action a;

	if (v->ops->input != NULL && v->ops->input(t, v, ch, fkey)) {
		dk_tui_dirty(t, DK_DIRTY_BODY); /* a form took the key: it changed */
		return;
	}
	a = dk_tui_action_for(v->ops->kind, (int)ch);
	if (a != DK_ACT_NONE && !dk_tui_may(t, a)) {
		/* The engine would refuse it anyway; the key is simply not offered. */
		dk_tui_say(t, false,
		           _("That key is not available to the %s role; press ? for yours."),
		           t->role);
		return;
	}
	for (int k = 0; k < dk_tui_nscreens; k++) {
		const struct dk_tui_screen *screen = &dk_tui_screens[k];

		if (screen->action == a) {
			dk_tui_clear_message(t);
			open_screen(t, screen);
			v = t->stack[t->depth - 1];
			if (screen->then != DK_ACT_NONE && v->ops->kind == screen->kind)
				v->ops->action(t, v, screen->then);
			dk_tui_dirty(t, DK_DIRTY_VIEW);
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
		dk_tui_open(t, DK_OPEN_HELP, NULL);
		break;
	case DK_ACT_LOCK:
		lock(t, _("Locked. Enter the passphrase to start again from the dashboard."));
		break;
	case DK_ACT_FILTER_OFFICE:
		/* One filter for the connection, so for every screen: it reloads them all. */
		dk_tui_clear_message(t);
		dk_tui_choose_office(t);
		break;
	default:
		dk_tui_clear_message(t);
		v->ops->action(t, v, a);
		/* After it: a view may have drawn the screen before a slow step (Argon2id). */
		if (!moves(a))
			dk_tui_dirty(t, DK_DIRTY_VIEW);
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
	dk_tui_stop_requested = 1;
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
	t.views = dk_views;
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
	/* Read once: the paint looks at it on every frame. */
	t.show_draws = getenv("DOCKET_TEST_DRAWS") != NULL;
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
	ok = dk_tui_unlock(&t, _("Enter your passphrase."), false);
	if (ok)
		start_session(&t);
	timeout(INPUT_TICK_MS);
	while (ok && !t.quit && !dk_tui_stop_requested && t.depth > 0) {
		wint_t ch;
		int rc;

		if (t.lock_requested) {
			t.lock_requested = false;
			lock(&t, idle_lock_message());
			continue;
		}
		follow_the_clock(&t);
		dk_tui_paint(&t);
		rc = get_wch(&ch);
		if (rc == ERR) {
			if (o->lock_after > 0 && time(NULL) - t.last_input >= o->lock_after)
				lock(&t, idle_lock_message());
			else
				dk_tui_dirty(
				    &t, DK_DIRTY_STATUS); /* the tick: only the date may change */
			continue;
		}
		t.last_input = time(NULL);
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			dk_tui_dirty(&t, DK_DIRTY_ALL); /* laid out again for the new size */
		else
			handle(&t, ch, rc == KEY_CODE_YES);
	}
	forget_session(&t);
	endwin();
	dk_app_free(&t.app);
	return 0;
}
