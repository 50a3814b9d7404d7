/*
 * Offices in the TUI (issue 13): how a listed case is named to the app when
 * several offices' cases may share a reference, and the office filter that
 * every screen keeps to.
 */
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

#define OFFICES_MAX 64 /* offices offered in the filter's choice list */

void
dk_tui_case_address(const struct dk_case *c, bool many, char *out, size_t size)
{
	/* REF@OFFICE always names one case; plain REF reads better when it cannot be shared. */
	if (many && c->office_name[0] != '\0')
		snprintf(out, size, "%s@%s", c->ref, c->office_name);
	else
		snprintf(out, size, "%s", c->ref);
}

void
dk_tui_offices_refresh(struct dk_tui *t)
{
	bool many = false;

	if (dk_app_cases_of_offices(t->app, &many) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	t->many_offices = many;
}

struct names {
	char name[OFFICES_MAX][DK_OFFICE_NAME_MAX + 1];
	int n;
};

static bool
keep_name(const struct dk_office_view *o, void *ctx)
{
	struct names *names = ctx;

	snprintf(names->name[names->n], sizeof(names->name[0]), "%s", o->name);
	return ++names->n < OFFICES_MAX;
}

/* The office's name picked from the list (false: given up or failed); "" for all. */
static bool
pick_listed(struct dk_tui *t, char *out, size_t size)
{
	struct names names = {.n = 0};
	const char *labels[OFFICES_MAX + 1];
	int k;

	if (dk_app_office_list(t->app, keep_name, &names) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return false;
	}
	labels[0] = _("(all offices)");
	for (int i = 0; i < names.n; i++)
		labels[i + 1] = names.name[i];
	if ((k = dk_tui_choose(t, _("Keep to the cases of office"), labels, names.n + 1)) < 0)
		return false;
	snprintf(out, size, "%s", k == 0 ? "" : names.name[k - 1]);
	return true;
}

bool
dk_tui_choose_office(struct dk_tui *t)
{
	char name[DK_LINE_MAX_TUI];

	if (dk_app_may(t->app, DK_ACTION_OFFICE_READ)) {
		if (!pick_listed(t, name, sizeof(name)))
			return false;
	} else {
		snprintf(name, sizeof(name), "%s", t->office);
		if (!dk_tui_prompt(t, _("Office (empty for all):"), name, sizeof(name)))
			return false;
	}
	if (dk_app_office_filter(t->app, name[0] != '\0' ? name : NULL) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return false;
	}
	snprintf(t->office, sizeof(t->office), "%.*s", DK_OFFICE_NAME_MAX, name);
	/* The filter holds for the whole connection: every screen open reads again. */
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i]->ops->reload != NULL)
			t->stack[i]->ops->reload(t, t->stack[i]);
	dk_tui_dirty(t, DK_DIRTY_ALL);
	return true;
}
