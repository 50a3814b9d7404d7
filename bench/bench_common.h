/* What the benchmarks share: unlocking from a passphrase file, a clock, medians. */
#ifndef DOCKET_BENCH_COMMON_H
#define DOCKET_BENCH_COMMON_H

#include "docket/app.h"

/* Unlocks db as user with the first line of passfile (today: the local date); exits on failure. */
struct dk_app *bench_unlock(const char *db, const char *user, const char *passfile);

/* A monotonic clock in milliseconds. */
double bench_now_ms(void);

/* Sorts ms[0..n) and returns its median. */
double bench_median(double *ms, int n);

/*
 * Whether ms[0..n) is enough runs: at least 3 over 15 s in all, or any over 45 s (a
 * slow query at 1M keeps the whole benchmark under an hour; its spread, from fewer runs).
 */
bool bench_enough(const double *ms, int n);

/* Resident memory now and its peak (VmRSS, VmHWM), in KiB. */
long bench_rss_kib(void);
long bench_peak_kib(void);

/* Resets the peak to what is resident now (echo 5 > /proc/self/clear_refs); returns that. */
long bench_reset_peak(void);

#endif
