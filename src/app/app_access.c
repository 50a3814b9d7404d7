/* Roles and mission scopes: the one table of who may do and see what, and its checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* Per role, a bit per action: the rows of DK_ACTION_LIST read down its columns. */
static const struct {
	const char *role;
	bool scoped; /* limited to the account's missions */
	bool may[DK_ACTION_COUNT];
} roles[] = {
#define DK_ACTION_MAY(col)                                                                         \
	{                                                                                          \
		DK_ACTION_LIST(col)                                                                \
	}
#define COL_ADMIN(name, id, admin, officer, advocate, auditor) [DK_ACTION_##name] = admin,
#define COL_OFFICER(name, id, admin, officer, advocate, auditor) [DK_ACTION_##name] = officer,
#define COL_ADVOCATE(name, id, admin, officer, advocate, auditor) [DK_ACTION_##name] = advocate,
#define COL_AUDITOR(name, id, admin, officer, advocate, auditor) [DK_ACTION_##name] = auditor,
    {"admin", false, DK_ACTION_MAY(COL_ADMIN)},
    {"officer", true, DK_ACTION_MAY(COL_OFFICER)},
    {"advocate", true, DK_ACTION_MAY(COL_ADVOCATE)},
    {"auditor", false, DK_ACTION_MAY(COL_AUDITOR)},
#undef COL_ADMIN
#undef COL_OFFICER
#undef COL_ADVOCATE
#undef COL_AUDITOR
#undef DK_ACTION_MAY
};

static const char *const action_ids[DK_ACTION_COUNT] = {
#define ACTION_ID(name, id, admin, officer, advocate, auditor) [DK_ACTION_##name] = id,
    DK_ACTION_LIST(ACTION_ID)
#undef ACTION_ID
};

const char *
dk_action_id(enum dk_action a)
{
	return a < DK_ACTION_COUNT ? action_ids[a] : "";
}

static int
role_index(const char *role)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (role != NULL && strcmp(roles[i].role, role) == 0)
			return (int)i;
	return -1;
}

bool
dk_role_may(const char *role, enum dk_action a)
{
	int i = role_index(role);

	return i >= 0 && a < DK_ACTION_COUNT && roles[i].may[a];
}

bool
dk_role_scoped(const char *role)
{
	int i = role_index(role);

	return i < 0 || roles[i].scoped; /* an unknown role sees nothing */
}

bool
dk_app_may(const struct dk_app *app, enum dk_action a)
{
	return app->store != NULL && dk_role_may(app->account.role, a);
}

const char *
dk_app_missions(const struct dk_app *app)
{
	return app->store != NULL && dk_role_scoped(app->account.role) ? app->account.missions : "";
}

bool
dk_app_in_scope(const struct dk_app *app, const char *mission)
{
	return !dk_role_scoped(app->account.role) ||
	       dk_app_list_holds(app->account.missions, mission);
}

void
dk_app_remember_denial(struct dk_app *app, enum dk_action a, const unsigned char *case_gid,
                       const char *why)
{
	app->denial.pending = true;
	app->denial.has_case = case_gid != NULL;
	if (case_gid != NULL)
		memcpy(app->denial.case_gid, case_gid, DK_GID_LEN);
	snprintf(app->denial.detail, sizeof(app->denial.detail), "%s %s", dk_action_id(a), why);
}

enum dk_rc
dk_app_require(struct dk_app *app, enum dk_action a)
{
	if (dk_app_may(app, a))
		return DK_OK;
	dk_app_remember_denial(app, a, NULL, "role");
	/* TRANSLATORS: %s is a role identifier (admin, officer, advocate, auditor). */
	return dk_app_fail(app, DK_DENIED,
	                   _("permission denied: an account with the role %s may "
	                     "not do this"),
	                   app->account.role);
}

enum dk_rc
dk_app_require_mission(struct dk_app *app, enum dk_action a, const char *mission)
{
	if (dk_app_in_scope(app, mission))
		return DK_OK;
	dk_app_remember_denial(app, a, NULL, "outside_scope");
	return dk_app_fail(app, DK_DENIED,
	                   _("permission denied: mission %s is not one of your missions (%s)"),
	                   mission, app->account.missions);
}

enum dk_rc
dk_app_require_case(struct dk_app *app, const struct dk_case *c)
{
	if (dk_app_in_scope(app, c->mission))
		return DK_OK;
	/* Audited as a refusal, answered as if the case did not exist. */
	dk_app_remember_denial(app, app->action, c->gid, "outside_scope");
	return dk_app_fail(app, DK_NOTFOUND, _("no case %s"), c->ref);
}

void
dk_app_redact_case(const struct dk_app *app, struct dk_case *c)
{
	if (!dk_app_may(app, DK_ACTION_FREE_TEXT_READ))
		dk_xfree_wiped(&c->summary);
}
