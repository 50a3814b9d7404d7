/* Backup: a consistent, checked copy of the database under the same data key. */
#include "docket/i18n.h"
#include "store_internal.h"

static const struct dk_open_purpose purpose_backup = {N_("backup"), N_("backup")};

enum dk_rc
dk_store_backup(struct dk_store *s, const char *path, const struct dk_secret *data_key,
                struct dk_err *err)
{
	struct dk_store *dest = NULL;
	sqlite3_backup *b;
	enum dk_rc rc;
	int step;

	if ((rc = dk_store_create_keyed(path, data_key, &purpose_backup, &dest, err)) != DK_OK) {
		if (rc != DK_EXISTS)
			dk_store_remove_files(path);
		return rc;
	}
	/* One step copies every page under one read lock: a consistent snapshot. */
	b = sqlite3_backup_init(dest->db, "main", s->db, "main");
	if (b == NULL) {
		rc = dk_store_fail(dest, _("backup"), err);
	} else {
		step = sqlite3_backup_step(b, -1);
		if (sqlite3_backup_finish(b) != SQLITE_OK || step != SQLITE_DONE)
			rc = dk_store_fail(dest, _("backup"), err);
	}
	if (rc == DK_OK)
		rc = dk_store_check_first_row(dest, "PRAGMA integrity_check(1)", "ok",
		                              _("backup: checking the copy"), err);
	if (rc == DK_OK)
		rc = dk_store_fold_as(dest, _("backup"), err);
	dk_store_close(&dest);
	if (rc != DK_OK)
		dk_store_remove_files(path);
	return rc;
}
