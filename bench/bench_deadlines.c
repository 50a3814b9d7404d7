/*
 * Times the deadline screens beyond unlocking: unlock once, then run one app
 * call repeatedly with a counting callback, and report the median of the
 * whole call and of the time to its first row.
 * usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS] [WHAT] [TODAY]
 * WHAT: deadlines (default), dashboard, awaiting (victim list --awaiting-update);
 * TODAY: YYYY-MM-DD, a past --today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "docket/app.h"

struct count {
	double t0, first;
	long rows;
};

static void
seen(struct count *c)
{
	if (c->rows++ == 0)
		c->first = bench_now_ms() - c->t0;
}

static bool
count_row(const struct dk_deadline_view *d, void *ctx)
{
	(void)d;
	seen(ctx);
	return true;
}

static bool
count_victim(const struct dk_victim_view *v, void *ctx)
{
	(void)v;
	seen(ctx);
	return true;
}

/* One run of what; the rows it passed and when the first came. */
static enum dk_rc
run(struct dk_app *app, const char *what, int within, struct count *c)
{
	struct dk_deadline_filter f = {within, false};
	struct dk_victim_query q = {false, true, NULL};
	struct dk_dashboard db;
	enum dk_rc rc;

	if (strcmp(what, "dashboard") == 0) {
		rc = dk_app_dashboard(app, &db);
		c->rows = db.victims_awaiting_update;
		for (int i = 0; i < db.nrules; i++)
			c->rows += db.rules[i].overdue + db.rules[i].within_30;
		return rc;
	}
	if (strcmp(what, "awaiting") == 0)
		return dk_app_victim_list(app, NULL, &q, count_victim, c);
	return dk_app_deadlines(app, &f, count_row, c);
}

int
main(int argc, char **argv)
{
	const char *what = argc > 6 ? argv[6] : "deadlines";
	struct count c = {0, 0, 0};
	struct dk_app *app;
	double *ms, *first;
	int within = argc > 4 ? atoi(argv[4]) : 30, runs = argc > 5 ? atoi(argv[5]) : 21;
	dk_date today;

	if (argc < 4 || runs < 1) {
		fprintf(stderr, "usage: bench_deadlines DB USER PASSFILE [WITHIN] [RUNS] [WHAT] "
		                "[TODAY]\n");
		return 2;
	}
	app = bench_unlock(argv[1], argv[2], argv[3]);
	if (argc > 7 && dk_date_parse(argv[7], &today))
		dk_app_set_today(app, today);
	ms = calloc((size_t)runs, sizeof(*ms));
	first = calloc((size_t)runs, sizeof(*first));
	for (int i = 0; i < runs; i++) {
		c.rows = 0;
		c.first = 0;
		c.t0 = bench_now_ms();
		if (run(app, what, within, &c) != DK_OK) {
			fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
			return 1;
		}
		ms[i] = bench_now_ms() - c.t0;
		first[i] = c.first;
	}
	printf("%s --within %d: %ld rows, median %.2f ms", what, within, c.rows,
	       bench_median(ms, runs));
	printf(", min %.2f ms, max %.2f ms, first row median %.2f ms (%d runs)\n", ms[0],
	       ms[runs - 1], bench_median(first, runs), runs);
	free(ms);
	free(first);
	dk_app_free(&app);
	return 0;
}
