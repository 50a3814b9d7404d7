/* The accounts (administrators): who may unlock, with what role and missions; add, remove. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/label.h"
#include "docket/secret.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

struct account_row {
	char *name;
	char *role;
	char *missions;
	char *created;
	bool removed;
	bool has_slot;
};

struct accounts {
	struct account_row *rows;
	int n, cap;
	int sel, top;
	bool all; /* removed accounts too */
	char title[128];
};

/* The keys at the foot of the screen. */
static const struct dk_hint hints[] = {
    {DK_ACT_ACCOUNT_ADD, N_("add")},
    {DK_ACT_ACCOUNT_REMOVE, N_("remove")},
    {DK_ACT_ACCOUNT_PASSWD, N_("new passphrase")},
    {DK_ACT_SHOW_REMOVED, N_("removed accounts")},
    {DK_ACT_AUDIT, N_("audit log")},
    {DK_ACT_BACK, N_("back")},
};

#define NHINTS ((int)(sizeof(hints) / sizeof(hints[0])))

static void
accounts_forget(struct dk_view *v)
{
	struct accounts *a = v->data;

	for (int i = 0; i < a->n; i++) {
		dk_xfree_wiped(&a->rows[i].name);
		dk_xfree_wiped(&a->rows[i].role);
		dk_xfree_wiped(&a->rows[i].missions);
		dk_xfree_wiped(&a->rows[i].created);
	}
	a->n = 0;
}

static bool
collect(const struct dk_account_view *in, void *ctx)
{
	struct accounts *a = ctx;
	struct account_row *r;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->rows = dk_xrealloc(a->rows, (size_t)a->cap * sizeof(*a->rows));
	}
	r = &a->rows[a->n++];
	r->name = dk_xstrdup(in->name != NULL ? in->name : "");
	r->role = dk_xstrdup(in->role != NULL ? in->role : "");
	r->missions = dk_xstrdup(in->missions != NULL ? in->missions : "");
	r->created = dk_xstrdup(in->created_at != NULL ? in->created_at : "");
	r->removed = in->removed_at != NULL;
	r->has_slot = in->has_slot;
	return true;
}

static void
accounts_reload(struct dk_tui *t, struct dk_view *v)
{
	struct accounts *a = v->data;

	accounts_forget(v);
	if (dk_app_user_list(t->app, a->all, collect, a) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	if (a->sel >= a->n)
		a->sel = a->n > 0 ? a->n - 1 : 0;
}

static const char *
accounts_title(struct dk_view *v)
{
	struct accounts *a = v->data;

	snprintf(a->title, sizeof(a->title), "%s%s", _("docket — accounts"),
	         a->all ? _("  (removed ones too)") : "");
	return a->title;
}

/* The widest role's display name, so that every role shows whole. */
static int
role_width(void)
{
	const struct dk_vocab *voc = dk_vocab_get(DK_VOCAB_ROLE);
	int w = dk_text_width(_("ROLE"));

	for (size_t i = 0; i < voc->count; i++) {
		int n = dk_text_width(_(voc->entries[i].label));

		w = n > w ? n : w;
	}
	return w;
}

/* NAME ROLE MISSIONS CREATED STATUS SLOT; the missions take what the others leave. */
static void
accounts_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	struct accounts *a = v->data;
	int role = role_width();
	int missions = cols - 2 - (20 + role + 20 + 8 + 4) - 5;
	int list_rows = rows - 3; /* header; a blank line and the key hints below */

	if (missions < 8)
		missions = 8;
	{
		const int widths[] = {20, role, missions, 20, 8, 0};
		const char *head[] = {_("NAME"),    _("ROLE"),   _("MISSIONS"),
		                      _("CREATED"), _("STATUS"), _("SLOT")};

		dk_tui_put(top, 1, cols - 2, dk_tui_columns(widths, head, 6), A_BOLD);
	}
	if (a->sel < a->top)
		a->top = a->sel;
	if (list_rows > 0 && a->sel >= a->top + list_rows)
		a->top = a->sel - list_rows + 1;
	for (int r = 0; r < list_rows && a->top + r < a->n; r++) {
		const struct account_row *row = &a->rows[a->top + r];
		const int widths[] = {20, role, missions, 20, 8, 0};
		const char *cells[] = {
		    row->name,
		    dk_label_show(DK_LABEL_ROLE, row->role),
		    row->missions[0] != '\0' ? row->missions : _("(all)"),
		    row->created,
		    row->removed ? _("removed") : _("active"),
		    row->has_slot ? _("yes") : _("no"),
		};
		const char *safe[6];
		struct dk_buf s[6] = {DK_BUF_INIT, DK_BUF_INIT, DK_BUF_INIT,
		                      DK_BUF_INIT, DK_BUF_INIT, DK_BUF_INIT};

		/* Sanitized before being measured and padded: names come from the database. */
		for (int i = 0; i < 6; i++) {
			dk_text_sanitize(&s[i], cells[i], DK_SANITIZE_LINE);
			safe[i] = dk_buf_str(&s[i]);
		}
		dk_tui_put(top + 1 + r, 1, cols - 2, dk_tui_columns(widths, safe, 6),
		           a->top + r == a->sel ? A_REVERSE : (row->removed ? A_DIM : A_NORMAL));
		for (int i = 0; i < 6; i++)
			dk_buf_free(&s[i]);
	}
	if (a->n == 0)
		dk_tui_put(top + 2, 3, cols - 4, _("No account to show."), A_NORMAL);
	dk_tui_put(top + rows - 1, 1, cols - 2, dk_tui_hints(t, DK_VIEW_ACCOUNTS, hints, NHINTS),
	           A_DIM);
}

/* Two equal secrets (both typed by the user: no timing to hide, but no early exit either). */
static bool
same_secret(const struct dk_secret *x, const struct dk_secret *y)
{
	unsigned char diff = 0;

	if (x->len != y->len)
		return false;
	for (size_t i = 0; i < x->len; i++)
		diff |= (unsigned char)(x->bytes[i] ^ y->bytes[i]);
	return diff == 0;
}

/*
 * Asks for a new passphrase twice. Returns it (guarded memory, for the
 * caller to free) or NULL when the user cancels or the two differ.
 */
static struct dk_secret *
ask_new_passphrase(struct dk_tui *t, const char *name)
{
	struct dk_secret *first = dk_secret_new(DK_PASSPHRASE_MAX + 8);
	struct dk_secret *again = dk_secret_new(DK_PASSPHRASE_MAX + 8);
	char label[DK_NAME_MAX + 128];
	bool ok;

	snprintf(label, sizeof(label), _("New passphrase for %s:"), name);
	ok = dk_tui_prompt_secret(t, label, first) &&
	     dk_tui_prompt_secret(t, _("The same passphrase again:"), again);
	if (ok && !same_secret(first, again)) {
		dk_tui_say(t, true, _("The two passphrases differ; nothing was changed."));
		ok = false;
	}
	dk_secret_free(&again);
	if (!ok)
		dk_secret_free(&first);
	return first;
}

/* Argon2id takes a second or more: say so before the screen freezes. */
static void
working(struct dk_tui *t, const char *what)
{
	dk_tui_say(t, false, "%s", what);
	dk_tui_draw(t);
}

/*
 * The role's identifier, picked by its label; the least privileged roles come
 * first: the vocabulary lists them from the most privileged. (Counting the
 * actions each may take ranked them by how many screens they open, not by the
 * data they reach: an auditor, who sees no names, tied with an advocate.)
 */
static const char *
choose_role(struct dk_tui *t)
{
	const struct dk_vocab *voc = dk_vocab_get(DK_VOCAB_ROLE);
	const char *labels[16];
	int n = voc->count < 16 ? (int)voc->count : 16, k;

	for (int i = 0; i < n; i++)
		labels[i] = _(voc->entries[n - 1 - i].label);
	if ((k = dk_tui_choose(t, _("Role"), labels, n)) < 0)
		return NULL;
	return voc->entries[n - 1 - k].id;
}

/* The open missions an account may be given, by code. */
struct open_missions {
	char code[64][DK_MISSION_MAX + 1];
	int n;
};

static bool
collect_mission(const struct dk_mission_view *m, void *ctx)
{
	struct open_missions *om = ctx;

	if (om->n == (int)(sizeof(om->code) / sizeof(om->code[0])))
		return false;
	snprintf(om->code[om->n++], sizeof(om->code[0]), "%s", m->code);
	return true;
}

/*
 * A scoped account's missions, picked one at a time from the register's open
 * ones until Done; out gets them comma-separated. False when cancelled.
 */
static bool
choose_missions(struct dk_tui *t, char *out, size_t size)
{
	struct open_missions om;
	const char *labels[64 + 1];
	int index[64 + 1];
	bool chosen[64] = {false};
	char title[DK_LINE_MAX_TUI + 32];

	om.n = 0;
	out[0] = '\0';
	if (dk_app_mission_list(t->app, true, collect_mission, &om) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return false;
	}
	for (;;) {
		int n = 0, k;

		if (out[0] != '\0') {
			labels[n] = _("Done");
			index[n++] = -1;
		}
		for (int i = 0; i < om.n; i++) {
			if (chosen[i])
				continue;
			labels[n] = om.code[i];
			index[n++] = i;
		}
		snprintf(title, sizeof(title), "%s %s", _("Missions:"), out);
		if ((k = dk_tui_choose(t, title, labels, n)) < 0)
			return false;
		if (index[k] < 0)
			return true;
		if (strlen(out) + strlen(om.code[index[k]]) + 2 > size)
			return true;
		chosen[index[k]] = true;
		snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] != '\0' ? "," : "",
		         om.code[index[k]]);
	}
}

static void
add_account(struct dk_tui *t, struct dk_view *v)
{
	struct accounts *a = v->data;
	char name[DK_NAME_MAX + 1] = "", missions[DK_LINE_MAX_TUI] = "";
	struct dk_account_input in;
	struct dk_secret *pass;
	enum dk_rc rc;

	memset(&in, 0, sizeof(in));
	if (!dk_tui_prompt(t, _("Name of the new account:"), name, sizeof(name)) || name[0] == '\0')
		return;
	if ((in.role = choose_role(t)) == NULL)
		return;
	if (dk_role_scoped(in.role)) {
		if (!choose_missions(t, missions, sizeof(missions)))
			return;
		in.missions = missions;
	}
	in.name = name;
	/* The app refuses a bad mission now, not after two passphrases. */
	if (dk_app_user_check(t->app, &in) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	if ((pass = ask_new_passphrase(t, name)) == NULL)
		return;
	working(t, _("Adding the account…"));
	rc = dk_app_user_add(t->app, &in, pass);
	dk_secret_free(&pass);
	if (rc != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	accounts_reload(t, v);
	dk_tui_say(t, false, _("Account %s added (%s)."), name,
	           dk_label_show(DK_LABEL_ROLE, in.role));
	for (int i = 0; i < a->n; i++) /* select it */
		if (strcmp(a->rows[i].name, name) == 0)
			a->sel = i;
}

static void
remove_account(struct dk_tui *t, struct dk_view *v)
{
	struct accounts *a = v->data;
	char name[DK_NAME_MAX + 1], question[DK_NAME_MAX + 128];

	if (a->n == 0)
		return;
	snprintf(name, sizeof(name), "%s", a->rows[a->sel].name);
	if (a->rows[a->sel].removed) {
		dk_tui_say(t, true, _("%s is already removed."), name);
		return;
	}
	snprintf(question, sizeof(question), _("Remove the account %s? It will no longer unlock."),
	         name);
	if (!dk_tui_confirm(t, question)) {
		dk_tui_say(t, false, _("Nothing was removed."));
		return;
	}
	if (dk_app_user_remove(t->app, name) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	accounts_reload(t, v);
	dk_tui_say(t, false, _("Account %s removed."), name);
}

static void
set_passphrase(struct dk_tui *t, struct dk_view *v)
{
	struct accounts *a = v->data;
	char name[DK_NAME_MAX + 1];
	struct dk_secret *pass;
	enum dk_rc rc;

	if (a->n == 0)
		return;
	snprintf(name, sizeof(name), "%s", a->rows[a->sel].name);
	if ((pass = ask_new_passphrase(t, name)) == NULL)
		return;
	working(t, _("Setting the passphrase…"));
	rc = dk_app_user_passwd(t->app, name, pass, NULL);
	dk_secret_free(&pass);
	if (rc != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	accounts_reload(t, v);
	dk_tui_say(t, false, _("New passphrase set for %s."), name);
}

/* Orphan key slots (check names them): removed after a confirmation, as the CLI's prune-slots. */
static void
prune_slots(struct dk_tui *t, struct dk_view *v)
{
	size_t removed = 0;

	if (!dk_tui_confirm(t, _("Remove every key slot that belongs to no active account?"))) {
		dk_tui_say(t, false, _("Nothing was removed."));
		return;
	}
	if (dk_app_user_prune_slots(t->app, &removed) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	accounts_reload(t, v);
	dk_tui_say(t, false, _("Key slots removed that belonged to no active account: %zu"),
	           removed);
}

static void
accounts_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action act)
{
	struct accounts *a = v->data;
	int step = LINES - 7 > 1 ? LINES - 7 : 1;

	if (dk_tui_move_selection(t, act, &a->sel, a->n, step))
		return;
	switch (act) {
	case DK_ACT_ACCOUNT_ADD:
		add_account(t, v);
		break;
	case DK_ACT_ACCOUNT_REMOVE:
		remove_account(t, v);
		break;
	case DK_ACT_ACCOUNT_PASSWD:
		set_passphrase(t, v);
		break;
	case DK_ACT_PRUNE_SLOTS:
		prune_slots(t, v);
		break;
	case DK_ACT_SHOW_REMOVED:
		a->all = !a->all;
		accounts_reload(t, v);
		break;
	case DK_ACT_REFRESH:
		accounts_reload(t, v);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
accounts_free(struct dk_view *v)
{
	struct accounts *a = v->data;

	accounts_forget(v);
	free(a->rows);
	free(a);
	free(v);
}

static const struct dk_view_ops accounts_ops = {
    .kind = DK_VIEW_ACCOUNTS,
    .title = accounts_title,
    .draw = accounts_draw,
    .action = accounts_action,
    .reload = accounts_reload,
    .free = accounts_free,
};

struct dk_view *
dk_view_accounts_new(struct dk_tui *t)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));

	v->ops = &accounts_ops;
	v->data = dk_xcalloc(1, sizeof(struct accounts));
	accounts_reload(t, v);
	return v;
}
