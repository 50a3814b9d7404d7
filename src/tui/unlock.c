/*
 * The unlock screen: account (prefilled; after a lock, the locked one, which
 * the screen names) and passphrase (no echo) in the middle, errors inline,
 * a growing delay after each wrong passphrase.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/secret.h"
#include "docket/validate.h"
#include "tui_internal.h"

#define INPUT_TICK_MS 1000  /* how often the screen wakes to see a signal */
#define MAX_UNLOCK_DELAY 8  /* seconds, after repeated wrong passphrases */
#define DEMO_NOTICE_MAX 241 /* bytes of a demo database's notice shown */

struct unlock {
	const char *why;
	struct dk_secret *pass;
	char account[DK_NAME_MAX + 1];
	char error[300];
	char locked_line[DK_NAME_MAX + 64];
	char demo[DEMO_NOTICE_MAX];
	int field; /* 0 the account, 1 the passphrase */
	int failures;
};

/* What a key did to the screen. */
enum unlock_step { GO_ON, GIVE_UP, UNLOCKED };

static void
draw_unlock(struct dk_tui *t, const struct unlock *u)
{
	int y = LINES / 2 - 4, x = COLS / 2 - 30;

	erase();
	if (dk_tui_too_small(true)) {
		refresh();
		return;
	}
	dk_tui_put(y, x, 60, _("docket — unlock the case database"), A_BOLD);
	dk_tui_put(y + 1, x, 60, t->opts->db_path, A_NORMAL);
	dk_tui_put(y + 2, x, 60, u->locked_line, A_BOLD);
	dk_tui_put(y + 3, x, 14, _("Account:"), A_NORMAL);
	dk_tui_put(y + 3, x + 14, 40, u->account, u->field == 0 ? A_REVERSE : A_UNDERLINE);
	dk_tui_put(y + 4, x, 14, _("Passphrase:"), A_NORMAL);
	/* No echo, not even stars: their number would tell the length. */
	dk_tui_put(y + 4, x + 14, 40, "", u->field == 1 ? A_REVERSE : A_UNDERLINE);
	dk_tui_put_wrapped(y + 6, x, 60, 2, 0, u->error[0] ? u->error : u->why,
	                   u->error[0] ? A_BOLD : A_NORMAL);
	dk_tui_put_wrapped(y + 9, x, 60, 2, 0,
	                   _("Tab: next field  Ctrl-U: clear it  Enter: unlock  Esc: quit"), A_DIM);
	dk_tui_put_wrapped(y + 12, x, 60, 3, 0, u->demo, A_BOLD);
	refresh();
}

/* Enter on the passphrase; a wrong one costs a growing pause (guessing at the keyboard). */
static enum unlock_step
try_unlock(struct dk_tui *t, struct unlock *u)
{
	enum dk_rc rc = dk_app_unlock(t->app, u->account, u->pass);

	if (rc == DK_OK)
		return UNLOCKED;
	snprintf(u->error, sizeof(u->error), "%s", dk_app_errmsg(t->app));
	explicit_bzero(u->pass->bytes, u->pass->cap);
	u->pass->len = 0;
	if (rc == DK_AUTH) {
		u->failures++;
		sleep((unsigned)(u->failures < MAX_UNLOCK_DELAY ? u->failures : MAX_UNLOCK_DELAY));
		flushinp();
	}
	return GO_ON;
}

/* A key typed into the account field (ASCII names only). */
static void
edit_account(struct unlock *u, wint_t ch, bool fkey)
{
	size_t n = strlen(u->account);

	if (!fkey && ch == 21) { /* Ctrl-U: another account than the one prefilled */
		u->account[0] = '\0';
	} else if ((fkey && ch == KEY_BACKSPACE) || (!fkey && (ch == 127 || ch == 8))) {
		if (n > 0)
			u->account[n - 1] = '\0';
	} else if (!fkey && ch >= 32 && ch < 128 && n + 1 < sizeof(u->account)) {
		u->account[n] = (char)ch;
		u->account[n + 1] = '\0';
	}
}

static enum unlock_step
unlock_key(struct dk_tui *t, struct unlock *u, wint_t ch, bool fkey)
{
	if (fkey && ch == KEY_RESIZE)
		return GO_ON;
	if (!fkey && (ch == 27 || ch == 3))
		return GIVE_UP;
	if ((!fkey && ch == '\t') || (fkey && (ch == KEY_DOWN || ch == KEY_UP || ch == KEY_BTAB))) {
		u->field = !u->field;
		return GO_ON;
	}
	if ((!fkey && (ch == '\n' || ch == '\r')) || (fkey && ch == KEY_ENTER)) {
		if (u->field == 1)
			return try_unlock(t, u);
		u->field = 1;
		return GO_ON;
	}
	if (u->field == 1)
		dk_tui_secret_key(u->pass, ch, fkey);
	else
		edit_account(u, ch, fkey);
	return GO_ON;
}

bool
dk_tui_unlock(struct dk_tui *t, const char *why, bool locked)
{
	struct unlock u = {.why = why, .field = 1};
	enum unlock_step step = GO_ON;

	u.pass = dk_secret_new(DK_PASSPHRASE_MAX + 8);
	snprintf(u.account, sizeof(u.account), "%s", t->account);
	if (u.account[0] == '\0')
		u.field = 0;
	if (locked)
		snprintf(u.locked_line, sizeof(u.locked_line), _("Locked: %s"), t->account);
	/* A demo database says how to get in: the screen covers what ./run demo printed. */
	if (!dk_app_demo_notice(t->app, u.demo, sizeof(u.demo)))
		u.demo[0] = '\0';
	timeout(INPUT_TICK_MS);
	while (step == GO_ON && !dk_tui_stop_requested) {
		wint_t ch;
		int rc;

		draw_unlock(t, &u);
		if ((rc = get_wch(&ch)) != ERR)
			step = unlock_key(t, &u, ch, rc == KEY_CODE_YES);
	}
	dk_secret_free(&u.pass);
	if (step != UNLOCKED)
		return false;
	snprintf(t->account, sizeof(t->account), "%s", dk_app_user(t->app));
	snprintf(t->role, sizeof(t->role), "%s", dk_app_role(t->app));
	/* Tampering found at unlock stays said until the next message replaces it. */
	if (dk_app_warning(t->app)[0] != '\0') {
		snprintf(t->message, sizeof(t->message), _("Warning: %s"), dk_app_warning(t->app));
		t->message_is_error = true;
	} else if (dk_app_notice(t->app)[0] != '\0') {
		/* An upgrade the unlock made: its last line (the newest) says where the backup is.
		 */
		const char *last = strrchr(dk_app_notice(t->app), '\n');

		snprintf(t->message, sizeof(t->message), "%s",
		         last != NULL ? last + 1 : dk_app_notice(t->app));
		t->message_is_error = false;
	}
	/* The unlock screen may have waited past midnight. */
	if (t->opts->clock != NULL)
		dk_app_set_today(t->app, t->opts->clock());
	return true;
}
