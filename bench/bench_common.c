/* Shared benchmark setup: no case data involved, only timing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"
#include "docket/crypto.h"
#include "docket/secret.h"

struct dk_app *
bench_unlock(const char *db, const char *user, const char *passfile)
{
	struct dk_secret *pass;
	struct dk_app *app;
	char line[1100];
	time_t t = time(NULL);
	struct tm tm;
	FILE *pf;

	if (!dk_crypto_init() || (pf = fopen(passfile, "r")) == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", passfile);
		exit(1);
	}
	if (fgets(line, sizeof(line), pf) == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", passfile);
		exit(1);
	}
	fclose(pf);
	line[strcspn(line, "\n")] = '\0';
	pass = dk_secret_from(line, strlen(line));
	explicit_bzero(line, sizeof(line));
	localtime_r(&t, &tm);
	app = dk_app_new(db, dk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
	if (dk_app_unlock(app, user, pass) != DK_OK) {
		fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
		exit(1);
	}
	dk_secret_free(&pass);
	return app;
}

double
bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
bench_median(double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	return ms[n / 2];
}

/* A "VmXXX:   N kB" line of /proc/self/status, in KiB (-1 when absent). */
static long
status_kib(const char *field)
{
	char line[256];
	long kib = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kib = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return kib;
}

long
bench_rss_kib(void)
{
	return status_kib("VmRSS");
}

long
bench_peak_kib(void)
{
	return status_kib("VmHWM");
}

long
bench_reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");

	if (f != NULL) {
		fputs("5\n", f);
		fclose(f);
	}
	return bench_rss_kib();
}

#define BENCH_BUDGET_MS 15000.0

bool
bench_enough(const double *ms, int n)
{
	double sum = 0;

	for (int i = 0; i < n; i++)
		sum += ms[i];
	return (n >= 3 && sum > BENCH_BUDGET_MS) || (n >= 1 && sum > 3 * BENCH_BUDGET_MS);
}
