/*
 * bench_pipeline.c - throughput and peak memory of a whole run.
 *
 * Runs the default scenario at the scales given on the command line (by
 * default 1:100 and 1:10 of the U.S., one year) and prints, per scale,
 * the seconds spent building the world and registries and running the
 * pipeline, bookings per second through the whole run, and the peak
 * resident memory.  It prints figures; it never passes or fails on time.
 *
 * usage: bench_pipeline [--threads N] [SCALE ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/sim.h"

#include "bench_util.h"

static int bench(double scale, int threads)
{
    sc_params p;
    sc_geo *geo;
    sc_sim *sim;
    char err[SC_ERRMSG_MAX];
    size_t n;

    sc_params_init(&p);
    p.scale = scale;
    if (sc_geo_create_states(&geo) < 0)
        return -1;
    double t0 = bench_now();
    if (sc_sim_create(&p, geo, NULL, NULL, &sim, err) < 0) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    double t1 = bench_now();
    if (sc_sim_run(sim, threads) < 0) {
        fprintf(stderr, "bench: %s\n", sc_sim_errmsg(sim));
        sc_sim_destroy(sim);
        return -1;
    }
    double t2 = bench_now();
    sc_sim_bookings(sim, &n);
    const sc_totals *t = sc_sim_totals(sim);
    printf("scale 1:%-5.0f threads %d  persons %9llu  bookings %8zu  "
           "detainers %6llu\n", 1.0 / scale, threads,
           (unsigned long long)t->persons, n,
           (unsigned long long)t->detainers);
    printf("  world+registries %6.2f s   bookings+pipeline %6.2f s   "
           "total %6.2f s\n", t1 - t0, t2 - t1, t2 - t0);
    printf("  %.0f bookings/s through the whole run, %.0f bookings/s "
           "through bookings+pipeline\n", (double)n / (t2 - t0),
           (double)n / (t2 - t1));
    printf("  peak resident memory so far %.0f MiB\n", bench_peak_mib());
    sc_sim_destroy(sim);
    return 0;
}

int main(int argc, char **argv)
{
    int threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    double scales[8];
    int ns = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: bench_pipeline [--threads N] [SCALE ...]\n\n"
                   "Runs the default scenario at each SCALE (default 0.01 "
                   "and 0.1)\nand prints seconds, bookings per second and "
                   "peak memory.\n");
            return 0;
        }
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            threads = (int)strtol(argv[++i], NULL, 10);
            continue;
        }
        if (ns == 8)
            continue;
        scales[ns] = strtod(argv[i], &end);
        if (end == argv[i] || *end || !(scales[ns] > 0)) {
            fprintf(stderr, "bench_pipeline: '%s': not a scale (a number "
                    "above 0; --help)\n", argv[i]);
            return 2;
        }
        ns++;
    }
    if (ns == 0) {
        scales[ns++] = 0.01;
        scales[ns++] = 0.1;
    }
    for (int i = 0; i < ns; i++)
        if (bench(scales[i], threads < 1 ? 1 : threads) < 0)
            return 1;
    return 0;
}
