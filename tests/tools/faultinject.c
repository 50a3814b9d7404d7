/*
 * Fault injection for the tests (LD_PRELOAD): the Nth call among the file
 * operations that make data durable or visible (write, pwrite, fsync,
 * fdatasync, ftruncate, rename, unlink, open with O_CREAT) fails with an
 * errno, or kills the process, as DK_FAULT says:
 *
 *	DK_FAULT=N:ENOSPC | N:EIO | N:EROFS | N:KILL	the Nth call only
 *	DK_FAULT=N+:ENOSPC | N+:EIO | N+:EROFS		the Nth and every later one
 *
 * (a disk that fills up and stays full, a device gone bad or remounted
 * read-only). N+:KILL is N:KILL. Up to four such faults, comma-separated
 * (DK_FAULT=42:EIO,44:KILL: a failed sync, then a kill before the close).
 * A malformed DK_FAULT injects nothing.
 * Writes to standard output and error are not counted (the error message
 * must get out). DK_FAULT_COUNT=PATH appends the number of calls seen at
 * exit, so a test knows how far to go. The variable carries no case data.
 *
 * DK_FAULT_READY_FD=N: at the first counted call, before it runs, one byte
 * goes to fd N (libc's write, not counted) and N is closed, so a driver
 * knows the command has started writing (tests/tools/killloop.py).
 */
/* The shim defines both open and open64: the headers must not rename one into the other. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static struct {
	long at;
	int err;     /* 0: SIGKILL */
	int onwards; /* every call from `at` on fails, not only that one */
} faults[4];
static size_t nfaults;
static long calls;

static const struct {
	const char *name;
	int err; /* 0: SIGKILL */
} kinds[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EROFS", EROFS}, {"KILL", 0}};

static void
report(void)
{
	const char *path = getenv("DK_FAULT_COUNT");
	FILE *f;

	if (path != NULL && (f = fopen(path, "a")) != NULL) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}

/* One "N[+]:KIND" of spec[0..len) into faults[nfaults]; false when malformed. */
static int
parse_fault(const char *spec, size_t len)
{
	char *end;
	long at = strtol(spec, &end, 10);
	int onwards;

	if (end == spec || at < 1 || nfaults == sizeof(faults) / sizeof(faults[0]))
		return 0;
	onwards = *end == '+';
	end += onwards;
	if (*end != ':')
		return 0;
	end++;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == (size_t)(spec + len - end) &&
		    strncmp(end, kinds[i].name, (size_t)(spec + len - end)) == 0) {
			faults[nfaults].at = at;
			faults[nfaults].err = kinds[i].err;
			faults[nfaults++].onwards = onwards;
			return 1;
		}
	return 0;
}

__attribute__((constructor)) static void
setup(void)
{
	const char *spec = getenv("DK_FAULT");

	atexit(report);
	while (spec != NULL && *spec != '\0') {
		size_t len = strcspn(spec, ",");

		if (!parse_fault(spec, len)) {
			nfaults = 0;
			return;
		}
		spec += len + (spec[len] == ',');
	}
}

static void ready(void);

/* Counts one call; true when this one must fail (errno set). Never returns on KILL. */
static int
fault(void)
{
	ready();
	++calls;
	for (size_t i = 0; i < nfaults; i++) {
		if (calls < faults[i].at || (calls > faults[i].at && !faults[i].onwards))
			continue;
		if (faults[i].err == 0)
			raise(SIGKILL);
		errno = faults[i].err;
		return 1;
	}
	return 0;
}

/* The next definition of a symbol (libc's); a union, as ISO C does not cast data to code. */
static void (*next_symbol(const char *name))(void)
{
	union {
		void *object;
		void (*function)(void);
	} u;

	u.object = dlsym(RTLD_NEXT, name);
	return u.function;
}

#define REAL(name) ((__typeof__(&name))next_symbol(#name))

/* DK_FAULT_READY_FD: the write phase has begun (the kill loop times its kills from here). */
static int ready_fd = -1;

__attribute__((constructor)) static void
ready_setup(void)
{
	const char *fd = getenv("DK_FAULT_READY_FD");

	if (fd != NULL && *fd != '\0')
		ready_fd = (int)strtol(fd, NULL, 10);
}

static void
ready(void)
{
	int fd = ready_fd;
	int saved = errno;

	if (fd < 0)
		return;
	ready_fd = -1;
	(void)REAL(write)(fd, "w", 1);
	close(fd);
	errno = saved;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	if (fd > 2 && fault())
		return -1;
	return REAL(write)(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (fault())
		return -1;
	return REAL(pwrite)(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	if (fault())
		return -1;
	return REAL(pwrite64)(fd, buf, n, off);
}

int
fsync(int fd)
{
	if (fault())
		return -1;
	return REAL(fsync)(fd);
}

int
fdatasync(int fd)
{
	if (fault())
		return -1;
	return REAL(fdatasync)(fd);
}

int
ftruncate(int fd, off_t len)
{
	if (fault())
		return -1;
	return REAL(ftruncate)(fd, len);
}

int
ftruncate64(int fd, off64_t len)
{
	if (fault())
		return -1;
	return REAL(ftruncate64)(fd, len);
}

int
rename(const char *from, const char *to)
{
	if (fault())
		return -1;
	return REAL(rename)(from, to);
}

int
unlink(const char *path)
{
	if (fault())
		return -1;
	return REAL(unlink)(path);
}

/* The open family: only creating opens count; the mode is there only with O_CREAT. */
#define CREATING_OPEN(flags, mode)                                                                 \
	do {                                                                                       \
		va_list ap;                                                                        \
		if ((flags)&O_CREAT) {                                                             \
			va_start(ap, flags);                                                       \
			(mode) = (mode_t)va_arg(ap, int);                                          \
			va_end(ap);                                                                \
			if (fault())                                                               \
				return -1;                                                         \
		}                                                                                  \
	} while (0)

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	CREATING_OPEN(flags, mode);
	return REAL(open)(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	CREATING_OPEN(flags, mode);
	return REAL(open64)(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;

	CREATING_OPEN(flags, mode);
	return REAL(openat)(dir, path, flags, mode);
}

int
openat64(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;

	CREATING_OPEN(flags, mode);
	return REAL(openat64)(dir, path, flags, mode);
}
