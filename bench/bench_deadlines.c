/*
 * Times `deadlines --within N` beyond unlocking: unlock once, then run the
 * app call repeatedly with a counting callback, and report the median.
 * usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docket/app.h"
#include "docket/crypto.h"
#include "docket/secret.h"

static bool
count_row(const struct dk_deadline_view *d, void *ctx)
{
	(void)d;
	++*(long *)ctx;
	return true;
}

static double
now_ms(void)
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

int
main(int argc, char **argv)
{
	struct dk_secret *pass;
	struct dk_app *app;
	struct dk_deadline_filter f = {30, false};
	char line[1100];
	double *ms;
	long rows = 0;
	int runs = 21;
	FILE *pf;
	time_t t = time(NULL);
	struct tm tm;

	if (argc < 4 || !dk_crypto_init()) {
		fprintf(stderr, "usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS]\n");
		return 2;
	}
	if (argc > 4)
		f.within = atoi(argv[4]);
	if (argc > 5)
		runs = atoi(argv[5]);
	if ((pf = fopen(argv[3], "r")) == NULL || fgets(line, sizeof(line), pf) == NULL) {
		fprintf(stderr, "bench: cannot read %s\n", argv[3]);
		return 1;
	}
	fclose(pf);
	line[strcspn(line, "\n")] = '\0';
	pass = dk_secret_from(line, strlen(line));
	localtime_r(&t, &tm);
	app = dk_app_new(argv[1], dk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
	if (dk_app_unlock(app, argv[2], pass) != DK_OK) {
		fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
		return 1;
	}
	dk_secret_free(&pass);
	ms = calloc((size_t)runs, sizeof(*ms));
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();

		rows = 0;
		if (dk_app_deadlines(app, &f, count_row, &rows) != DK_OK) {
			fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
			return 1;
		}
		ms[i] = now_ms() - t0;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	printf("deadlines --within %d: %ld rows, median %.2f ms, min %.2f ms, max %.2f ms (%d runs)\n",
	       f.within, rows, ms[runs / 2], ms[0], ms[runs - 1], runs);
	free(ms);
	dk_app_free(&app);
	return 0;
}
