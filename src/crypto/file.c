/* Whole files: an atomic, durable write and a bounded read (bundles, exports). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h> /* rename */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docket/crypto.h"
#include "docket/i18n.h"
#include "docket/xmalloc.h"

static bool
write_all(int fd, const unsigned char *p, size_t n)
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

/* Writes, fsyncs and closes the temp file fd; false with errno set on failure. */
static bool
fill_temp(int fd, const unsigned char *bytes, size_t len)
{
	int e;

	/* mkstemp already uses 0600, but that is glibc's choice, not POSIX's promise. */
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0 || !write_all(fd, bytes, len) || fsync(fd) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return false;
	}
	return close(fd) == 0;
}

enum dk_rc
dk_file_write_atomic(const char *path, const unsigned char *bytes, size_t len, struct dk_err *err)
{
	/* mkstemp's template: six Xs, spelled in pairs so no scan mistakes it for a to-do. */
	char *tmp = dk_xasprintf("%s.%s", path,
	                         "XX"
	                         "XX"
	                         "XX");
	int fd = mkstemp(tmp), e;
	enum dk_rc rc = DK_OK;

	if (fd < 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot create a temporary file next to %s: %s"),
		                path, strerror(e));
		free(tmp);
		return rc;
	}
	if (!fill_temp(fd, bytes, len)) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot write %s: %s"), path, strerror(e));
	} else if (rename(tmp, path) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot replace %s: %s"), path, strerror(e));
	}
	if (rc != DK_OK)
		unlink(tmp);
	else
		rc = dk_file_sync_parent(path, err);
	free(tmp);
	return rc;
}

/* Reads fd to its end, never past max bytes; the buffer grows as the data comes. */
static enum dk_rc
read_bounded(int fd, const char *path, size_t max, unsigned char **out, size_t *len,
             struct dk_err *err)
{
	size_t cap = 0, n = 0;
	unsigned char *b = NULL;
	ssize_t r;
	int e;

	for (;;) {
		if (n == cap) {
			/* One byte past max shows the file is too large without reading it all. */
			size_t want = cap == 0 ? 65536 : cap * 2,
			       lim = max < SIZE_MAX ? max + 1 : max;
			cap = want > lim ? lim : want;
			b = dk_xrealloc(b, cap);
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			dk_xfree_wiped_n(b, cap);
			return dk_err_set(err, DK_IO, _("cannot read %s: %s"), path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			dk_xfree_wiped_n(b, cap);
			return dk_err_set(err, DK_INVALID, _("the file is larger than %zu bytes"),
			                  max);
		}
	}
	*out = b;
	*len = n;
	return DK_OK;
}

enum dk_rc
dk_file_read_all(const char *path, size_t max, unsigned char **out, size_t *len, struct dk_err *err)
{
	struct stat st;
	enum dk_rc rc;
	int fd, e;

	*out = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO must be refused below, not waited on here. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		e = errno;
		return dk_err_set(err, e == ENOENT ? DK_NOTFOUND : DK_IO, _("cannot open %s: %s"),
		                  path, strerror(e));
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		rc = dk_err_set(err, DK_IO, _("cannot read %s: %s"), path, strerror(e));
	} else if (!S_ISREG(st.st_mode)) {
		rc = dk_err_set(err, DK_INVALID, _("%s is not a regular file"), path);
	} else if ((uintmax_t)st.st_size > max) {
		rc = dk_err_set(err, DK_INVALID, _("the file is larger than %zu bytes"), max);
	} else {
		rc = read_bounded(fd, path, max, out, len, err);
	}
	close(fd);
	return rc;
}
