/*
 * Times the TUI from keypress to drawn screen, driven as a user drives it: a
 * pseudo-terminal (120x40, TERM=xterm-256color) whose slave is the controlling
 * terminal, stdin and stdout of a child that calls dk_tui_main in-process (no
 * exec of docket). The parent types the passphrase, then each key; it stamps
 * the write and reads the master until the screen is drawn: no byte for a
 * quiet window and the child asleep again (state S in /proc/CHILD/stat). A
 * key's time is from the write to the last byte read.
 * One JSON object per line on stdout, for bench/results.py.
 * usage: bench_tui DB USER PASSFILE RUNS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"
#include "docket/crypto.h"
#include "tui/tui.h"

#define QUIET_MS 40       /* no byte for this long, and the child asleep: drawn */
#define NOTHING_MS 1000   /* a key that draws nothing: give up waiting after this */
#define TIMEOUT_MS 600000 /* a screen that takes longer is a failure */

static int master = -1;
static pid_t child;
static long drawn_bytes; /* of the last settle */
static bool quitting;    /* the last q: the child is expected to exit */

static dk_date
local_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return dk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The child: the slave becomes its controlling terminal, then the TUI runs. */
static void
run_tui(const char *slave_name, const char *db, const char *user)
{
	struct dk_front_options o = {.db_path = db,
	                             .user = user,
	                             .today = local_today(),
	                             .clock = local_today,
	                             .passphrase_fd = -1, /* asks: the parent types it */
	                             .lock_after = 0};
	int fd;

	setsid();
	if ((fd = open(slave_name, O_RDWR)) < 0 || ioctl(fd, TIOCSCTTY, 0) < 0)
		_exit(120);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	close(master);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	setlocale(LC_ALL, "");
	if (!dk_crypto_init())
		_exit(121);
	_exit(dk_tui_main(&o));
}

/* The child's scheduler state (/proc/CHILD/stat): S once it waits for a key again. */
static char
child_state(void)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)child);
	if ((fd = open(path, O_RDONLY)) < 0)
		return 'Z';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 'Z';
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p == NULL || p[1] == '\0' ? 'Z' : p[2];
}

/* Reads until drawn; returns the time of the last byte (t0 when none came). */
static double
settle(double t0)
{
	double last = t0;
	char buf[65536], state;

	drawn_bytes = 0;
	for (;;) {
		struct pollfd pfd = {master, POLLIN, 0};
		double now = bench_now_ms();
		int r = poll(&pfd, 1, QUIET_MS);

		if (r > 0) {
			ssize_t n = read(master, buf, sizeof(buf));

			if (n <= 0)
				return last; /* the child is gone */
			drawn_bytes += n;
			last = bench_now_ms();
			continue;
		}
		now = bench_now_ms();
		state = child_state();
		if (state == 'Z' && !quitting) {
			fprintf(stderr, "bench_tui: the TUI exited before its screen was drawn\n");
			exit(1);
		}
		if (state == 'Z' || (state == 'S' && (drawn_bytes > 0 || now - t0 > NOTHING_MS)))
			return last;
		if (now - t0 > TIMEOUT_MS) {
			fprintf(stderr, "bench_tui: no screen after %d s\n", TIMEOUT_MS / 1000);
			kill(child, SIGKILL);
			exit(1);
		}
	}
}

/* Types keys and returns the milliseconds until the screen was drawn. */
static double
press(const char *keys)
{
	double t0 = bench_now_ms();

	if (write(master, keys, strlen(keys)) != (ssize_t)strlen(keys)) {
		perror("bench_tui: write");
		exit(1);
	}
	return settle(t0) - t0;
}

static void
report(const char *name, double *ms, int n)
{
	bench_median(ms, n);
	printf("{\"query\": \"%s\", \"bytes\": %ld, \"ms\": [", name, drawn_bytes);
	for (int i = 0; i < n; i++)
		printf("%s%.3f", i ? ", " : "", ms[i]);
	printf("]}\n");
	fflush(stdout);
}

/* Presses keys runs times (then, when given, undo once after each) and reports both. */
static void
time_keys(const char *name, const char *keys, const char *undo_name, const char *undo, int runs)
{
	double *ms = calloc((size_t)runs, sizeof(double));
	double *back = calloc((size_t)runs, sizeof(double));
	long bytes = 0, back_bytes = 0;

	for (int i = 0; i < runs; i++) {
		if (bench_enough(ms, i) || bench_enough(back, i)) {
			runs = i;
			break;
		}
		ms[i] = press(keys);
		bytes = drawn_bytes;
		if (undo != NULL) {
			back[i] = press(undo);
			back_bytes = drawn_bytes;
		}
	}
	drawn_bytes = bytes;
	report(name, ms, runs);
	drawn_bytes = back_bytes;
	if (undo_name != NULL)
		report(undo_name, back, runs);
	free(ms);
	free(back);
}

/* The screens, in the order a user visits them; back to the dashboard and quit. */
static void
drive(const char *pass, int runs)
{
	char line[1108];
	double ms[1];
	int status;

	settle(bench_now_ms()); /* the unlock screen */
	snprintf(line, sizeof(line), "%s\r", pass);
	ms[0] = press(line);
	report("tui_unlock_to_dashboard", ms, 1);
	time_keys("tui_open_case", "\r", "tui_back_to_dashboard", "q", runs);
	ms[0] = press("l");
	report("tui_open_list", ms, 1);
	time_keys("tui_scroll_j", "j", NULL, NULL, runs);
	time_keys("tui_page_down", "\033[6~", NULL, NULL, runs);
	time_keys("tui_jump_end", "G", "tui_jump_top", "g", runs);
	press("q");
	quitting = true;
	press("q");
	if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_tui: the TUI did not quit cleanly (status %d)\n", status);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct winsize ws = {40, 120, 0, 0};
	char pass[1100];
	FILE *pf;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_tui DB USER PASSFILE RUNS\n");
		return 2;
	}
	if ((pf = fopen(argv[3], "r")) == NULL || fgets(pass, sizeof(pass), pf) == NULL) {
		fprintf(stderr, "bench_tui: cannot read %s\n", argv[3]);
		return 1;
	}
	fclose(pf);
	pass[strcspn(pass, "\n")] = '\0';
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(master) < 0 ||
	    unlockpt(master) < 0 || ioctl(master, TIOCSWINSZ, &ws) < 0) {
		perror("bench_tui: pty");
		return 1;
	}
	fflush(stdout);
	if ((child = fork()) == 0)
		run_tui(ptsname(master), argv[1], argv[2]);
	drive(pass, atoi(argv[4]));
	explicit_bzero(pass, sizeof(pass));
	return 0;
}
