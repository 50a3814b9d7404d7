/*
 * Times every query the issue-14 table names, beyond unlocking, in one process:
 * the Argon2id call alone, the unlock, the first query of a fresh session, then
 * each query RUNS times (time to the first row and to the last) with its peak
 * resident memory (VmHWM reset after the unlock, so Argon2's transient memory is
 * reported apart). One JSON object per line on stdout, for bench/results.py.
 * usage: bench_query DB USER PASSFILE RUNS
 *        bench_query --kdf interactive|moderate   (one Argon2id call: prints its ms)
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "docket/app.h"
#include "docket/crypto.h"
#include "docket/report.h"
#include "docket/secret.h"

/* What one query run saw: rows, and when the first came (ms from the call). */
struct seen {
	long rows;
	double t0, first;
};

static char sample_ref[DK_REF_MAX]; /* a case with a live deadline: case show, timeline */

static void
saw_row(struct seen *s, const char *ref)
{
	if (s->rows++ == 0)
		s->first = bench_now_ms() - s->t0;
	if (ref != NULL && sample_ref[0] == '\0')
		snprintf(sample_ref, sizeof(sample_ref), "%s", ref);
}

static bool
on_deadline(const struct dk_deadline_view *d, void *ctx)
{
	saw_row(ctx, d->ref);
	return true;
}

static bool
on_victim(const struct dk_victim_view *v, void *ctx)
{
	(void)v;
	saw_row(ctx, NULL);
	return true;
}

static bool
on_event(const struct dk_timeline_entry *e, void *ctx)
{
	(void)e;
	saw_row(ctx, NULL);
	return true;
}

static bool
on_case(const struct dk_case *c, void *ctx)
{
	(void)c;
	saw_row(ctx, NULL);
	return true;
}

static struct dk_app *app;

enum query {
	Q_DASHBOARD,
	Q_AWAITING,
	Q_WITHIN30,
	Q_WITHIN0,
	Q_SHOW,
	Q_TIMELINE,
	Q_FIRST_PAGE,
	Q_LAST_PAGE,
	NQUERIES
};
static const char *const query_names[NQUERIES] = {
    "dashboard", "victims_awaiting", "deadlines_30",        "deadlines_0",
    "case_show", "timeline",         "case_list_due_first", "case_list_due_last"};

#define PAGE 40

static enum dk_rc
run_page(bool backward, struct seen *s)
{
	struct dk_case_page p;

	memset(&p, 0, sizeof(p));
	p.filter.urgent = -1;
	p.filter.order = DK_ORDER_DUE;
	p.limit = PAGE;
	p.backward = backward;
	return dk_app_case_page(app, &p, on_case, s);
}

/* Runs one query once into s; exits on a failure. */
static void
run_query(enum query q, struct seen *s)
{
	struct dk_deadline_filter f = {.within = 0, .all = false};
	struct dk_victim_query vq = {.by_due = false, .awaiting = true, .search = NULL};
	struct dk_dashboard dash;
	struct dk_case c;
	enum dk_rc rc = DK_OK;

	memset(&c, 0, sizeof(c));
	s->t0 = bench_now_ms();
	switch (q) {
	case Q_DASHBOARD:
		rc = dk_app_dashboard(app, &dash);
		s->rows = dash.nurgent;
		break;
	case Q_AWAITING:
		rc = dk_app_victim_list(app, NULL, &vq, on_victim, s);
		break;
	case Q_WITHIN30:
		f.within = 30;
		/* fall through */
	case Q_WITHIN0:
		rc = dk_app_deadlines(app, &f, on_deadline, s);
		break;
	case Q_SHOW:
		rc = dk_app_case_get(app, sample_ref, &c, on_deadline, s);
		dk_case_clear(&c);
		break;
	case Q_TIMELINE:
		rc = dk_app_timeline(app, sample_ref, on_event, s);
		break;
	case Q_FIRST_PAGE:
	case Q_LAST_PAGE:
		rc = run_page(q == Q_LAST_PAGE, s);
		break;
	case NQUERIES:
		break;
	}
	if (rc != DK_OK) {
		fprintf(stderr, "bench: %s: %s\n", query_names[q], dk_app_errmsg(app));
		exit(1);
	}
}

/* Prints "name": [ms, ...] sorted. */
static void
print_series(const char *name, double *ms, int n)
{
	bench_median(ms, n);
	printf(", \"%s\": [", name);
	for (int i = 0; i < n; i++)
		printf("%s%.3f", i ? ", " : "", ms[i]);
	printf("]");
}

/* Times query q runs times: total, to the first row, rows, peak memory. */
static void
time_query(const char *name, enum query q, int runs)
{
	double *total = calloc((size_t)runs, sizeof(double));
	double *first = calloc((size_t)runs, sizeof(double));
	long base = bench_reset_peak();
	struct seen s;

	for (int i = 0; i < runs; i++) {
		if (bench_enough(total, i)) {
			runs = i;
			break;
		}
		memset(&s, 0, sizeof(s));
		s.first = -1;
		run_query(q, &s);
		total[i] = bench_now_ms() - s.t0;
		first[i] = s.first >= 0 ? s.first : total[i];
	}
	printf("{\"query\": \"%s\", \"rows\": %ld, \"rss_before_kib\": %ld, \"peak_kib\": %ld",
	       name, s.rows, base, bench_peak_kib());
	print_series("ms", total, runs);
	print_series("first_ms", first, runs);
	printf("}\n");
	fflush(stdout);
	free(total);
	free(first);
}

static void
time_reports(int runs)
{
	for (size_t k = 0; k < dk_report_nnames; k++) {
		double *ms = calloc((size_t)runs, sizeof(double));
		struct dk_report_query rq = {.from = DK_DATE_NONE, .to = DK_DATE_NONE};
		long base = bench_reset_peak();
		size_t rows = 0;

		int n = runs;

		for (int i = 0; i < n; i++) {
			struct dk_report *r = NULL;
			double t0;

			if (bench_enough(ms, i)) {
				n = i;
				break;
			}
			t0 = bench_now_ms();
			if (dk_app_report(app, dk_report_names[k], &rq, &r) != DK_OK) {
				fprintf(stderr, "bench: report %s: %s\n", dk_report_names[k],
				        dk_app_errmsg(app));
				exit(1);
			}
			ms[i] = bench_now_ms() - t0;
			rows = dk_report_rows(r);
			dk_report_free(r);
		}
		printf("{\"query\": \"report_%s\", \"rows\": %zu, \"rss_before_kib\": %ld, "
		       "\"peak_kib\": %ld",
		       dk_report_names[k], rows, base, bench_peak_kib());
		print_series("ms", ms, n);
		printf("}\n");
		fflush(stdout);
		free(ms);
	}
}

/* One Argon2id call with the profile's costs (libsodium's, as keyslot.c has them), in ms. */
static double
kdf_once(const char *kdf)
{
	unsigned long long ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
	unsigned char key[32], salt[crypto_pwhash_SALTBYTES] = {0};
	double t0 = bench_now_ms();

	if (strcmp(kdf, "moderate") == 0) {
		ops = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
		mem = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
	}
	if (crypto_pwhash(key, sizeof(key), "benchmark", 9, salt, ops, mem,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0)
		exit(1);
	return bench_now_ms() - t0;
}

/* The Argon2id call alone, runs times, and its peak memory. */
static void
time_kdf(const char *kdf, int runs)
{
	double *ms = calloc((size_t)runs, sizeof(double));
	long base = bench_reset_peak();

	for (int i = 0; i < runs; i++)
		ms[i] = kdf_once(kdf);
	printf("{\"query\": \"kdf_%s\", \"rss_before_kib\": %ld, \"peak_kib\": %ld", kdf, base,
	       bench_peak_kib());
	print_series("ms", ms, runs);
	printf("}\n");
	free(ms);
}

/*
 * Unlocks runs times, each a fresh session whose first query is `deadlines --within 0`;
 * beyond_kdf: each unlock less an Argon2id call made just before it (same load).
 */
static void
time_unlock(const char *db, const char *user, const char *passfile, int runs)
{
	double *ms = calloc((size_t)runs, sizeof(double));
	double *first = calloc((size_t)runs, sizeof(double));
	double *beyond = calloc((size_t)runs, sizeof(double));

	bench_reset_peak(); /* the peak below: the interactive Argon2id and the unlock */
	for (int i = 0; i < runs; i++) {
		struct seen s;
		double kdf = kdf_once("interactive"), t0 = bench_now_ms();

		app = bench_unlock(db, user, passfile);
		ms[i] = bench_now_ms() - t0;
		beyond[i] = ms[i] - kdf;
		memset(&s, 0, sizeof(s));
		run_query(Q_WITHIN0, &s);
		first[i] = bench_now_ms() - s.t0;
		if (i + 1 < runs)
			dk_app_free(&app);
	}
	printf("{\"query\": \"unlock\", \"rss_after_kib\": %ld, \"peak_kib\": %ld", bench_rss_kib(),
	       bench_peak_kib());
	print_series("ms", ms, runs);
	print_series("first_query_ms", first, runs);
	print_series("beyond_kdf_ms", beyond, runs);
	printf("}\n");
	free(ms);
	free(first);
	free(beyond);
}

int
main(int argc, char **argv)
{
	int runs;

	if (argc == 3 && strcmp(argv[1], "--kdf") == 0) {
		if (!dk_crypto_init())
			return 1;
		printf("%.3f\n", kdf_once(argv[2]));
		return 0;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: bench_query DB USER PASSFILE RUNS\n");
		return 2;
	}
	runs = atoi(argv[4]);
	if (!dk_crypto_init())
		return 1;
	time_kdf("interactive", runs < 5 ? runs : 5);
	time_kdf("moderate", 3);
	time_unlock(argv[1], argv[2], argv[3], runs < 5 ? runs : 5);
	for (int q = 0; q < NQUERIES; q++)
		time_query(query_names[q], (enum query)q, runs);
	time_reports(runs);
	dk_app_free(&app);
	return 0;
}
