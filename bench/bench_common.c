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
