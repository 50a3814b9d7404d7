/*
 * Times `deadlines --within N` beyond unlocking: unlock once, then run the
 * app call repeatedly with a counting callback, and report the median.
 * usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "docket/app.h"

static bool
count_row(const struct dk_deadline_view *d, void *ctx)
{
	(void)d;
	++*(long *)ctx;
	return true;
}

int
main(int argc, char **argv)
{
	struct dk_deadline_filter f = {30, false};
	struct dk_app *app;
	double *ms;
	long rows = 0;
	int runs = 21;

	if (argc < 4) {
		fprintf(stderr, "usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS]\n");
		return 2;
	}
	if (argc > 4)
		f.within = atoi(argv[4]);
	if (argc > 5)
		runs = atoi(argv[5]);
	app = bench_unlock(argv[1], argv[2], argv[3]);
	ms = calloc((size_t)runs, sizeof(*ms));
	for (int i = 0; i < runs; i++) {
		double t0 = bench_now_ms();

		rows = 0;
		if (dk_app_deadlines(app, &f, count_row, &rows) != DK_OK) {
			fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
			return 1;
		}
		ms[i] = bench_now_ms() - t0;
	}
	printf("deadlines --within %d: %ld rows, median %.2f ms", f.within, rows,
	       bench_median(ms, runs));
	printf(", min %.2f ms, max %.2f ms (%d runs)\n", ms[0], ms[runs - 1], runs);
	free(ms);
	dk_app_free(&app);
	return 0;
}
