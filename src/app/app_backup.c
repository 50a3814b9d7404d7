/* Backups: an encrypted copy of the database and its key slots, audited. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

/* Whether a new file can be created beside path (checked before the log says "backup"). */
static bool
dir_writable(const char *path)
{
	char *dir = dk_file_parent_dir(path);
	bool ok = access(dir, W_OK | X_OK) == 0;

	free(dir);
	return ok;
}

/*
 * The copy and its sidecar go to temporary names beside the target, then
 * are renamed into place: the sidecar first, the database last, so a
 * database at the target is always whole and has its key slots. A failure
 * removes both temporaries.
 */
static enum dk_rc
write_backup(struct dk_app *app, struct dk_keyring *kr, const char *path, const char *keys)
{
	char *tmp = dk_app_temp_name(path), *tmp_keys = dk_app_keys_path(tmp);
	enum dk_rc rc;
	int e;

	dk_keyring_set_failures(kr, 0);
	dk_app_remove_stale_temps(path);
	if ((rc = dk_store_backup(app->store, tmp, app->data_key, &app->err)) == DK_OK &&
	    (rc = dk_keyring_save(kr, tmp_keys, &app->err)) != DK_OK)
		rc = dk_app_fail(app, rc, _("backup: %s"), app->err.msg);
	if (rc == DK_OK && (rename(tmp_keys, keys) != 0 || rename(tmp, path) != 0)) {
		e = errno;
		unlink(keys);
		rc = dk_app_fail(app, DK_IO, _("backup: cannot rename the copy to %s: %s"), path,
		                 strerror(e));
	}
	if (rc == DK_OK && (rc = dk_file_sync_parent(path, &app->err)) != DK_OK) {
		unlink(path);
		unlink(keys);
	}
	if (rc != DK_OK) {
		dk_store_remove_files(tmp);
		unlink(tmp_keys);
	}
	free(tmp);
	free(tmp_keys);
	return rc;
}

enum dk_rc
dk_app_backup(struct dk_app *app, const char *path)
{
	struct dk_keyring *kr = NULL;
	char *keys = NULL;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_BACKUP))
		return dk_app_refuse_early(app, DK_ACTION_BACKUP);
	if (path == NULL || path[0] == '\0')
		return dk_app_fail(app, DK_INVALID, _("a backup needs --to PATH"));
	keys = dk_app_keys_path(path);
	if (!dir_writable(path)) {
		rc = dk_app_fail(app, DK_IO, _("cannot write into the directory of %s"), path);
		goto out;
	}
	if (exists(path) || exists(keys)) {
		rc = dk_app_fail(app, DK_EXISTS,
		                 _("%s or its key slots already exist; refusing to "
		                   "overwrite"),
		                 path);
		goto out;
	}
	/* The entry goes in first, so the copy holds it and the head that names it. */
	if ((rc = dk_app_tx_begin(app, DK_ACTION_BACKUP)) != DK_OK)
		goto out;
	rc = dk_app_tx_end(app, dk_app_audit(app, "backup", NULL, ""));
	if (rc != DK_OK || (rc = dk_app_tx_begin_read(app, DK_ACTION_BACKUP)) != DK_OK)
		goto out;
	if ((rc = dk_app_load_keyring(app, &kr)) == DK_OK)
		rc = write_backup(app, kr, path, keys);
	rc = dk_app_tx_end(app, rc);
	if (rc != DK_OK) {
		/* The log already says a backup was made: say it failed, keeping the reason. */
		struct dk_err saved = app->err;

		if (dk_app_tx_begin(app, DK_ACTION_BACKUP) == DK_OK)
			(void)dk_app_tx_end(app, dk_app_audit(app, "backup_failed", NULL, ""));
		app->err = saved;
	}
out:
	dk_keyring_free(&kr);
	free(keys);
	return rc;
}
