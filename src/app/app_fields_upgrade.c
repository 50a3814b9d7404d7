/*
 * Need-to-know by key, continued (app_fields.c): what an unlock does with
 * the mission keys, the one-time sealing of a database's fields at its
 * first administrator's unlock (a backup first), and check's row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* Whether meta says the fields were sealed (the store reads the same at open). */
static bool
fields_sealed(struct dk_app *app)
{
	struct dk_err quiet = {0};
	char *mark = NULL;
	bool done = dk_store_meta_get(app->store, DK_FIELDS_META, &mark, &quiet) == DK_OK &&
	            mark != NULL && strcmp(mark, DK_FIELDS_SEALED) == 0;

	free(mark);
	return done;
}

static bool
count_victim(const struct dk_victim *v, void *ctx)
{
	(void)v;
	(*(long *)ctx)++;
	return true;
}

/* The upgrade's writes, inside its transaction. */
static enum dk_rc
upgrade_fields(struct dk_app *app)
{
	int64_t *ids = NULL;
	size_t ncases = 0;
	long victims = 0;
	char detail[64];
	enum dk_rc rc;

	/* The keys first (sync writes only in a sealed database's session). */
	dk_store_fields_set_sealing(app->store, true);
	if ((rc = dk_app_fields_sync(app)) != DK_OK ||
	    (rc = dk_store_mission_cases(app->store, NULL, &ids, &ncases, &app->err)) != DK_OK ||
	    (rc = dk_store_victim_each(app->store, 0, count_victim, &victims, &app->err)) !=
	        DK_OK ||
	    (rc = dk_store_fields_seal_all(app->store, dk_app_fields_vet_hashes, app, &app->err)) !=
	        DK_OK ||
	    (rc = dk_store_meta_set(app->store, DK_FIELDS_META, DK_FIELDS_SEALED, &app->err)) !=
	        DK_OK)
		goto out;
	snprintf(detail, sizeof(detail), "cases=%zu victims=%ld", ncases, victims);
	rc = dk_app_audit(app, DK_FIELDS_UPGRADE, NULL, detail);
out:
	free(ids);
	return rc;
}

static void
add_notice(struct dk_app *app, const char *before, const char *line)
{
	struct dk_buf b = DK_BUF_INIT;

	dk_buf_printf(&b, "%s%s%s", before, before[0] != '\0' ? "\n" : "", line);
	snprintf(app->notice, sizeof(app->notice), "%s", dk_buf_str(&b));
	dk_buf_free(&b);
}

/* The one-time sealing of a database's fields, as its first administrator unlocks. */
static enum dk_rc
upgrade(struct dk_app *app)
{
	char before[sizeof(app->notice)];
	enum dk_rc rc;

	snprintf(before, sizeof(before), "%s", app->notice);
	if ((rc = dk_app_backup_once(app, ".pre-mission-keys")) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) == DK_OK)
		rc = dk_app_tx_end(app, upgrade_fields(app));
	if (rc != DK_OK) {
		dk_store_fields_set_sealing(app->store, false);
		return rc;
	}
	add_notice(app, before,
	           _("this database now seals narratives and identities under mission keys; the "
	             "copy from before, ending in .pre-mission-keys, holds them unsealed: keep it "
	             "offline, and delete it once 'docket check' passes"));
	return DK_OK;
}

/* The sync in a transaction of its own, only when something is to change. */
static enum dk_rc
sync_if_needed(struct dk_app *app)
{
	long changes = 0;
	enum dk_rc rc;

	/* Looked at first: an unlock with nothing to change writes nothing. */
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	rc = dk_app_tx_end_looking(app, dk_app_fields_grants_check(app, &changes));
	if (rc != DK_OK || changes == 0)
		return rc;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_ACCOUNT_MANAGE)) != DK_OK)
		return rc;
	return dk_app_tx_end(app, dk_app_fields_sync(app));
}

enum dk_rc
dk_app_fields_unlock(struct dk_app *app)
{
	char before[sizeof(app->notice)];
	enum dk_rc rc;

	if (!app->signed_db || app->authority_sk == NULL || strcmp(app->account.role, "admin") != 0)
		return DK_OK;
	if (!fields_sealed(app))
		return upgrade(app);
	/* Keys a mission still lacks, grants to seal or drop: made good at once. */
	snprintf(before, sizeof(before), "%s", app->notice);
	rc = sync_if_needed(app);
	if (rc == DK_OK && app->notice[0] == '\0' && before[0] != '\0')
		snprintf(app->notice, sizeof(app->notice), "%s", before);
	return rc;
}

enum dk_rc
dk_app_fields_init(struct dk_app *app)
{
	enum dk_rc rc;

	dk_store_fields_set_sealing(app->store, true);
	if ((rc = dk_store_meta_set(app->store, DK_FIELDS_META, DK_FIELDS_SEALED, &app->err)) !=
	    DK_OK)
		return rc;
	return dk_app_fields_sync(app);
}

/* ---- check ---- */

/* Every case's summary read through dk_open: one that does not authenticate is counted. */
static enum dk_rc
read_every_case(struct dk_app *app, long *cases)
{
	int64_t *ids = NULL;
	size_t n = 0;
	struct dk_case c;
	enum dk_rc rc = dk_store_mission_cases(app->store, NULL, &ids, &n, &app->err);

	memset(&c, 0, sizeof(c));
	for (size_t i = 0; rc == DK_OK && i < n; i++)
		rc = dk_store_case_by_id(app->store, ids[i], &c, &app->err);
	dk_case_clear(&c);
	free(ids);
	*cases = (long)n;
	return rc;
}

enum dk_rc
dk_app_check_fields(struct dk_app *app, dk_check_fn fn, void *ctx)
{
	const char *what = _("sealed fields");
	char detail[256];
	long changes = 0, cases = 0;
	enum dk_rc rc;

	if (!app->signed_db || !fields_sealed(app)) {
		fn(what, true, _("not sealed yet: the first administrator's unlock seals them"),
		   ctx);
		return DK_OK;
	}
	if ((rc = dk_app_fields_grants_check(app, &changes)) == DK_OK && changes > 0)
		rc = dk_app_fail(app, DK_CORRUPT,
		                 _("the mission keys' grants do not match the accounts' roles and "
		                   "missions (%ld to change): they were altered outside docket, or "
		                   "an administrator's unlock has yet to grant them"),
		                 changes);
	if (rc == DK_OK && (rc = read_every_case(app, &cases)) == DK_OK &&
	    dk_store_fields_unopened(app->store) > 0)
		rc = dk_app_fail(app, DK_CORRUPT,
		                 _("%lu sealed field(s) do not open under their keys: they were "
		                   "altered outside docket"),
		                 dk_store_fields_unopened(app->store));
	snprintf(detail, sizeof(detail), _("grants as the roles say; cases read: %ld"), cases);
	fn(what, rc == DK_OK, rc == DK_OK ? detail : app->err.msg, ctx);
	return rc;
}
