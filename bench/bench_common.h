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

#endif
