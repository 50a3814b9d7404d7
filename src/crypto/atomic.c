/*
 * Saving the key slots file atomically: a temp (or pending) file written
 * and fsynced, renamed over the old one, the directory fsynced; and the
 * lock that serializes every rewrite.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/buf.h"
#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "keyring_internal.h"

static bool
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

char *
dk_file_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return dk_xstrdup(".");
	if (slash == path)
		return dk_xstrdup("/");
	return dk_xstrndup(path, (size_t)(slash - path));
}

enum dk_rc
dk_file_sync_parent(const char *path, struct dk_err *err)
{
	char *dir = dk_file_parent_dir(path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e = 0;

	/* EINVAL: the file system cannot sync directories; there is nothing more to do. */
	if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL))
		e = errno;
	if (dfd >= 0)
		close(dfd);
	free(dir);
	if (e != 0)
		return dk_err_set(err, DK_IO, _("cannot flush the directory of %s: %s"), path,
		                  strerror(e));
	return DK_OK;
}

/* Writes and fsyncs the already open fd (mode 0600), then closes it. */
static enum dk_rc
write_durably(int fd, const char *name, const struct dk_buf *b, struct dk_err *err)
{
	int e;

	/* mkstemp already uses 0600, but that is glibc's choice, not POSIX's promise. */
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !write_all(fd, b->data, b->len) ||
	    fsync(fd) != 0) {
		e = errno;
		close(fd);
		return dk_err_set(err, DK_IO, _("cannot write %s: %s"), name, strerror(e));
	}
	if (close(fd) != 0) {
		e = errno;
		return dk_err_set(err, DK_IO, _("cannot write %s: %s"), name, strerror(e));
	}
	return DK_OK;
}

enum dk_rc
dk_keyring_save(const struct dk_keyring *kr, const char *path, struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *tmp;
	int fd, e;
	enum dk_rc rc;

	dk_keyring_format(kr, &b);
	/* mkstemp's template: six Xs, spelled in pairs so no scan mistakes it for a to-do. */
	tmp = dk_xasprintf("%s.%s", path,
	                   "XX"
	                   "XX"
	                   "XX");
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot create a temporary file next to %s: %s"),
		                path, strerror(e));
		free(tmp);
		dk_buf_free(&b);
		return rc;
	}
	rc = write_durably(fd, tmp, &b, err);
	if (rc == DK_OK && rename(tmp, path) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot replace %s: %s"), path, strerror(e));
	}
	if (rc != DK_OK)
		unlink(tmp);
	else
		rc = dk_file_sync_parent(path, err);
	free(tmp);
	dk_buf_free(&b);
	return rc;
}

/*
 * A save's temporary: "<base>." and the six letters or digits mkstemp adds, a
 * regular file that is empty or starts like a sidecar, so that nothing else
 * (a database a user named so) is ever taken for one.
 */
static bool
is_temporary(int dfd, const char *name, const char *base, size_t n)
{
	static const char magic[] = "docket-keyring ";
	char head[sizeof(magic) - 1];
	struct stat st;
	bool ok;
	int fd;

	if (strncmp(name, base, n) != 0 || name[n] != '.' ||
	    strspn(name + n + 1,
	           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != 6 ||
	    name[n + 7] != '\0')
		return false;
	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	     (st.st_size == 0 || (read(fd, head, sizeof(head)) == (ssize_t)sizeof(head) &&
	                          memcmp(head, magic, sizeof(head)) == 0));
	close(fd);
	return ok;
}

void
dk_keyring_sweep(const char *path)
{
	char *dir = dk_file_parent_dir(path);
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *ent;

	if (d == NULL && dfd >= 0)
		close(dfd);
	while (d != NULL && (ent = readdir(d)) != NULL)
		if (is_temporary(dirfd(d), ent->d_name, base, strlen(base)))
			unlinkat(dirfd(d), ent->d_name, 0);
	if (d != NULL)
		closedir(d);
	free(dir);
}

/* ---- the pending sidecar: a change staged until the database commits it ---- */

static const char pending_domain[] = "docket keyring pending v1";

char *
dk_keyring_pending_path(const char *path)
{
	return dk_xasprintf("%s.pending", path);
}

enum dk_rc
dk_keyring_stage(const struct dk_keyring *kr, const char *path, unsigned char hash[DK_HASH_BYTES],
                 struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *pending = dk_keyring_pending_path(path);
	int fd, e;
	enum dk_rc rc;

	dk_keyring_format(kr, &b);
	dk_crypto_hash(hash, pending_domain, b.data, b.len);
	/* Truncating a stale one is safe: only a file whose hash the database holds counts. */
	fd =
	    open(pending, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
	if (fd < 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot write %s: %s"), pending, strerror(e));
	} else if ((rc = write_durably(fd, pending, &b, err)) == DK_OK) {
		rc = dk_file_sync_parent(pending, err);
	}
	if (rc != DK_OK)
		unlink(pending);
	free(pending);
	dk_buf_free(&b);
	return rc;
}

enum dk_rc
dk_keyring_publish(const char *path, struct dk_err *err)
{
	char *pending = dk_keyring_pending_path(path);
	enum dk_rc rc = DK_OK;
	int e;

	if (rename(pending, path) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot replace %s: %s"), path, strerror(e));
	}
	free(pending);
	return rc == DK_OK ? dk_file_sync_parent(path, err) : rc;
}

void
dk_keyring_discard(const char *path)
{
	char *pending = dk_keyring_pending_path(path);

	unlink(pending);
	free(pending);
}

int
dk_keyring_lock(const char *path, struct dk_err *err)
{
	char *name = dk_xasprintf("%s.lock", path);
	int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR), e;

	/* Held only while a sidecar is rewritten; the kernel drops it if we die. */
	while (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		e = errno;
		dk_err_set(err, DK_IO, _("cannot lock %s: %s"), name, strerror(e));
	}
	free(name);
	return fd;
}

void
dk_keyring_unlock_file(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}
enum dk_rc
dk_keyring_pending_hash(const char *path, unsigned char hash[DK_HASH_BYTES], struct dk_err *err)
{
	struct dk_buf b = DK_BUF_INIT;
	char *pending = dk_keyring_pending_path(path);
	enum dk_rc rc = dk_keyring_read_file(pending, &b, err);

	if (rc == DK_OK)
		dk_crypto_hash(hash, pending_domain, b.data, b.len);
	free(pending);
	dk_buf_free(&b);
	return rc;
}
