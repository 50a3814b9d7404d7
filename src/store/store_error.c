/* What a failed SQLite call means to the user: one table from SQLite and OS errors to messages. */
#include <errno.h>
#include <sys/statvfs.h>

#include "docket/i18n.h"
#include "store_internal.h"

/*
 * What a failed SQLite call means to the user, first match wins. The OS
 * error (sqlite3_system_errno) comes first: SQLite reports a full disk or
 * read-only media under several codes (FULL, IOERR_WRITE, IOERR_FSYNC,
 * READONLY, CANTOPEN), and the user must learn which of the two it is.
 */
static const struct {
	int sqlite_code; /* primary result code; 0: any */
	int sys_errno;   /* the OS error behind it; 0: any */
	enum dk_rc rc;
	const char *msg; /* after "what was being done: " */
	bool unwritten;  /* a write refused: the message says whether anything changed */
} store_errors[] = {
    {0, ENOSPC, DK_IO, N_("the disk is full"), true},
    {0, EDQUOT, DK_IO, N_("the disk is full"), true},
    {0, EROFS, DK_IO, N_("the database is on read-only media"), true},
    {0, EACCES, DK_IO, N_("the database file cannot be written (check its permissions)"), true},
    {0, EIO, DK_IO, N_("the disk reported an input/output error"), true},
    {SQLITE_BUSY, 0, DK_BUSY, N_("the database is in use by another docket; try again"), false},
    {SQLITE_LOCKED, 0, DK_BUSY, N_("the database is in use by another docket; try again"), false},
    {SQLITE_NOTADB, 0, DK_CORRUPT, N_("the database is damaged or does not match its key slots"),
     false},
    {SQLITE_CORRUPT, 0, DK_CORRUPT, N_("the database is damaged or does not match its key slots"),
     false},
    {SQLITE_FULL, 0, DK_IO, N_("the disk is full"), true},
    {SQLITE_READONLY, 0, DK_IO, N_("the database file cannot be written (check its permissions)"),
     true},
    {SQLITE_IOERR, 0, DK_IO, N_("cannot read or write the database file"), false},
    {SQLITE_CANTOPEN, 0, DK_IO, N_("cannot read or write the database file"), false},
    {SQLITE_PERM, 0, DK_IO, N_("cannot read or write the database file"), false},
    {SQLITE_CONSTRAINT, 0, DK_CONFLICT, N_("conflicts with stored data"), false},
};

/*
 * The OS error behind a failure, where SQLite keeps one (IOERR, CANTOPEN).
 * When that is lost (SQLite retries a failed open read-only, and reports
 * the retry's error) or there is none (READONLY), the file system says
 * whether it is mounted read-only or full.
 */
static int
system_error(sqlite3 *db, int primary)
{
	int sys =
	    primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? sqlite3_system_errno(db) : 0;
	const char *path = sqlite3_db_filename(db, "main");
	struct statvfs vfs;

	if (sys == ENOSPC || sys == EDQUOT || sys == EROFS || sys == EIO ||
	    (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) || path == NULL ||
	    statvfs(path, &vfs) != 0)
		return sys;
	if (vfs.f_flag & ST_RDONLY)
		return EROFS;
	if (vfs.f_bavail == 0)
		return ENOSPC;
	return primary == SQLITE_READONLY ? EACCES : sys;
}

/*
 * unsure: the commit's last step, making the WAL durable, failed. Its frames,
 * the commit's included, may already be in the WAL, and when the disk then
 * also refuses to reset the WAL the next open finds the change there: the
 * message must not say that nothing was changed.
 */
static enum dk_rc
store_fail(struct dk_store *s, const char *doing, bool unsure, struct dk_err *err)
{
	int code = s != NULL && s->db != NULL ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
	int sys = s != NULL && s->db != NULL ? system_error(s->db, code & 0xff) : 0;

	for (size_t i = 0; i < sizeof(store_errors) / sizeof(store_errors[0]); i++) {
		if ((store_errors[i].sqlite_code != 0 &&
		     store_errors[i].sqlite_code != (code & 0xff)) ||
		    (store_errors[i].sys_errno != 0 && store_errors[i].sys_errno != sys))
			continue;
		if (unsure)
			return dk_err_set(
			    err, DK_IO,
			    _("%s: %s while making the changes durable; they may still "
			      "appear: look before entering them again"),
			    doing, _(store_errors[i].msg));
		return dk_err_set(err, store_errors[i].rc,
		                  store_errors[i].unwritten ? _("%s: %s; nothing was changed")
		                                            : _("%s: %s"),
		                  doing, _(store_errors[i].msg));
	}
	return dk_err_set(err, DK_IO, _("%s: database error %d"), doing, code);
}

enum dk_rc
dk_store_fail(struct dk_store *s, const char *doing, struct dk_err *err)
{
	return store_fail(s, doing, false, err);
}

enum dk_rc
dk_store_fail_unsure(struct dk_store *s, const char *doing, struct dk_err *err)
{
	return store_fail(s, doing, true, err);
}
