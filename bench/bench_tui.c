/*
 * Times what one TUI keypress costs at the app layer: the dashboard, the first
 * and last page of the case list, and paging down from the end of a page.
 * usage: bench_tui DB USER PASSFILE [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "docket/app.h"

#define PAGE 27

static struct dk_case last;

static bool
keep_last(const struct dk_case *c, void *ctx)
{
	++*(int *)ctx;
	dk_case_clear(&last);
	last = *c;
	last.summary = NULL;
	return true;
}

static struct dk_app *app;
static struct dk_dashboard dash;

enum step { DASHBOARD, FIRST_PAGE, LAST_PAGE, NEXT_PAGE, NSTEPS };
static const char *const step_names[NSTEPS] = {"dashboard", "first page (g)", "last page (G)",
                                               "next page (PgDn)"};

static void
run(enum step s, enum dk_case_order order)
{
	struct dk_case_page p;
	int n = 0;

	memset(&p, 0, sizeof(p));
	p.filter.urgent = -1;
	p.filter.order = order;
	p.limit = PAGE;
	switch (s) {
	case DASHBOARD:
		if (dk_app_dashboard(app, &dash) != DK_OK)
			exit(1);
		return;
	case FIRST_PAGE:
		break;
	case LAST_PAGE:
		p.backward = true;
		break;
	case NEXT_PAGE:
		p.after = &last;
		break;
	case NSTEPS:
		return;
	}
	if (dk_app_case_page(app, &p, keep_last, &n) != DK_OK) {
		fprintf(stderr, "bench: %s\n", dk_app_errmsg(app));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	int runs = 21;

	if (argc < 4) {
		fprintf(stderr, "usage: bench_tui DB USER PASSFILE [RUNS]\n");
		return 2;
	}
	if (argc > 4)
		runs = atoi(argv[4]);
	app = bench_unlock(argv[1], argv[2], argv[3]);
	memset(&last, 0, sizeof(last));
	for (int order = DK_ORDER_REF; order <= DK_ORDER_DUE; order++) {
		for (int s = 0; s < NSTEPS; s++) {
			double *ms = calloc((size_t)runs, sizeof(*ms));
			double median;

			if (s == NEXT_PAGE)
				run(FIRST_PAGE, (enum dk_case_order)order);
			for (int i = 0; i < runs; i++) {
				double t0 = bench_now_ms();

				run((enum step)s, (enum dk_case_order)order);
				ms[i] = bench_now_ms() - t0;
			}
			median = bench_median(ms, runs);
			printf("order %d  %-18s median %6.2f ms  max %6.2f ms\n", order,
			       step_names[s], median, ms[runs - 1]);
			free(ms);
		}
	}
	dk_case_clear(&last);
	dk_app_free(&app);
	return 0;
}
