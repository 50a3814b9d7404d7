/*
 * Times every report (dk_report_names) beyond unlocking, in the shapes people
 * ask for: no --by, one and three --by fields, a window, an officer of one
 * mission, and --today a year back. Today is DAYS_BACK days before the day
 * the demo was built, so the cases with later events are replayed as of it.
 * Prints one line per shape, one column per report: the medians of the time
 * it took and of the CPU time it used, in ms (they differ on a busy machine).
 * usage: bench_report DB ADMIN OFFICER PASSFILE BUILT [RUNS]
 *   BUILT: the day the demo database was built (YYYY-MM-DD; bench/run keeps it)
 *        bench_report --plans DB USER PASSFILE
 *   prints EXPLAIN QUERY PLAN of every statement the reports run (HACKING).
 *        bench_report --one DB USER PASSFILE BUILT REPORT DAYS_BACK RUNS
 *   times one report, default keys, --today DAYS_BACK days before BUILT (for a profiler).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench_common.h"
#include "docket/app.h"
#include "docket/report.h"

/* "--today" of most shapes: a month-end report looked at a month later. */
#define DAYS_BACK 30

/* One shape of query; every report is timed in each. */
struct shape {
	const char *label;
	bool officer;   /* as the officer (one mission) instead of the administrator */
	size_t nby;     /* the report's first nby fields; 0: its default keys */
	bool window;    /* --from a year before today --to today */
	int today_back; /* days before BUILT */
};

static const struct shape shapes[] = {
    {"admin, default keys", false, 0, false, DAYS_BACK},
    {"admin, --by 1 field", false, 1, false, DAYS_BACK},
    {"admin, --by 3 fields", false, 3, false, DAYS_BACK},
    {"admin, window of a year", false, 0, true, DAYS_BACK},
    {"officer of one mission", true, 0, false, DAYS_BACK},
    {"admin, --today a year back", false, 0, false, DAYS_BACK + 365},
    {"admin, --today BUILT (no replay)", false, 0, false, 0},
};
#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

/* Medians of runs, in ms. */
struct timing {
	double wall, cpu;
};

/* The CPU time this process used, user and system, in ms. */
static double
cpu_ms(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
	       (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

static void
time_once(struct dk_app *app, const char *name, const struct dk_report_query *q, size_t *rows,
          double *wall, double *cpu)
{
	struct dk_report *r = NULL;
	double t0 = bench_now_ms(), c0 = cpu_ms();

	if (dk_app_report(app, name, q, &r) != DK_OK) {
		fprintf(stderr, "bench: report %s: %s\n", name, dk_app_errmsg(app));
		exit(1);
	}
	*wall = bench_now_ms() - t0;
	*cpu = cpu_ms() - c0;
	*rows = dk_report_rows(r);
	dk_report_free(r);
}

/* Runs of one report in one shape; *rows is the table's row count. */
static struct timing
time_report(struct dk_app *app, const char *name, const struct shape *s, dk_date built, int runs,
            size_t *rows)
{
	size_t nfields;
	const char *const *fields = dk_app_report_fields(name, &nfields);
	dk_date today = dk_date_add_days(built, -s->today_back);
	struct dk_report_query q = {
	    fields, s->nby < nfields ? s->nby : nfields, DK_DATE_NONE, DK_DATE_NONE, NULL, false};
	double wall[64], cpu[64];

	if (s->window) {
		q.from = dk_date_add_days(today, -365);
		q.to = today;
	}
	dk_app_set_today(app, today);
	if (runs > 64)
		runs = 64;
	for (int i = 0; i < runs; i++)
		time_once(app, name, &q, rows, &wall[i], &cpu[i]);
	return (struct timing){bench_median(wall, runs), bench_median(cpu, runs)};
}

/* The first call after a fresh unlock: it also audits the unlock and reads the pages cold. */
static struct timing
time_cold(char **argv, const char *user, const char *name, const struct shape *s, dk_date built)
{
	struct dk_app *app = bench_unlock(argv[1], user, argv[4]);
	size_t rows;
	struct timing t = time_report(app, name, s, built, 1, &rows);

	dk_app_free(&app);
	return t;
}

static void
print_plan(const char *stmt, const char *line, void *ctx)
{
	const char **last = ctx;

	if (*last == NULL || strcmp(*last, stmt) != 0)
		printf("%s\n", stmt);
	*last = stmt;
	printf("    %s\n", line);
}

/* bench_report --plans DB USER PASSFILE */
static int
plans(char **argv)
{
	struct dk_app *app = bench_unlock(argv[2], argv[3], argv[4]);
	const char *last = NULL;
	enum dk_rc rc = dk_app_report_plans(app, print_plan, &last);

	if (rc != DK_OK)
		fprintf(stderr, "bench: plans: %s\n", dk_app_errmsg(app));
	dk_app_free(&app);
	return rc == DK_OK ? 0 : 1;
}

/* bench_report --one DB USER PASSFILE BUILT REPORT DAYS_BACK RUNS */
static int
one(char **argv)
{
	struct dk_app *app = bench_unlock(argv[2], argv[3], argv[4]);
	struct shape s = {"one", false, 0, false, atoi(argv[7])};
	dk_date built;
	size_t rows;
	struct timing t;

	if (!dk_date_parse(argv[5], &built))
		return 2;
	t = time_report(app, argv[6], &s, built, atoi(argv[8]), &rows);
	printf("%s, --today %s - %d days: %.1f ms (cpu %.1f ms) [%zu rows]\n", argv[6], argv[5],
	       s.today_back, t.wall, t.cpu, rows);
	dk_app_free(&app);
	return 0;
}

int
main(int argc, char **argv)
{
	struct dk_app *admin, *officer;
	dk_date built;
	int runs = 5;
	size_t rows;

	if (argc == 5 && strcmp(argv[1], "--plans") == 0)
		return plans(argv);
	if (argc == 9 && strcmp(argv[1], "--one") == 0)
		return one(argv);
	if (argc < 6 || !dk_date_parse(argv[5], &built)) {
		fprintf(stderr, "usage: bench_report DB ADMIN OFFICER PASSFILE BUILT [RUNS]\n");
		return 2;
	}
	if (argc > 6)
		runs = atoi(argv[6]);
	if (runs < 1)
		runs = 1;
	for (size_t k = 0; k < dk_report_nnames; k++) {
		struct timing a = time_cold(argv, argv[2], dk_report_names[k], &shapes[0], built);
		struct timing o = time_cold(argv, argv[3], dk_report_names[k], &shapes[4], built);

		printf("%s, first call after unlock, ms (cpu ms): %s %.0f (%.0f), %s %.0f (%.0f)\n",
		       dk_report_names[k], argv[2], a.wall, a.cpu, argv[3], o.wall, o.cpu);
	}
	admin = bench_unlock(argv[1], argv[2], argv[4]);
	officer = bench_unlock(argv[1], argv[3], argv[4]);
	printf("ms (cpu ms) per report, median of %d [table rows]; --today %d days before %s:\n",
	       runs, DAYS_BACK, argv[5]);
	printf("%-34s", "");
	for (size_t k = 0; k < dk_report_nnames; k++)
		printf(" %22s", dk_report_names[k]);
	printf("\n");
	for (size_t i = 0; i < NSHAPES; i++) {
		printf("%-34s", shapes[i].label);
		for (size_t k = 0; k < dk_report_nnames; k++) {
			struct timing t =
			    time_report(shapes[i].officer ? officer : admin, dk_report_names[k],
			                &shapes[i], built, runs, &rows);
			printf(" %6.0f (%6.0f) [%5zu]", t.wall, t.cpu, rows);
			fflush(stdout);
		}
		printf("\n");
	}
	dk_app_free(&officer);
	dk_app_free(&admin);
	return 0;
}
