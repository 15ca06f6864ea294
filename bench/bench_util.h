/*
 * bench_util.h - the clock and the memory gauge the benchmarks share.
 *
 * Static inline, so each benchmark stays one file compiled on its own
 * (see the Makefile's bench targets).
 */
#ifndef SC_BENCH_UTIL_H
#define SC_BENCH_UTIL_H

#include <sys/resource.h>
#include <time.h>

/* Seconds on the monotonic clock, for differences only. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Peak resident memory of the process so far, MiB. */
static inline double bench_peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0; /* Linux reports KiB */
}

#endif /* SC_BENCH_UTIL_H */
