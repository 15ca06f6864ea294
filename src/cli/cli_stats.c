/*
 * cli_stats.c - the 95% interval of a figure across replications, shared
 * by `scomm compare` and `scomm sweep`.
 *
 * A figure measured in N replications (seeds seed .. seed + N - 1) is
 * reported as its mean with the interval mean +/- t x sd / sqrt(N), sd
 * the sample standard deviation and t the 0.975 quantile of Student's t
 * with N - 1 degrees of freedom; there is no interval for N = 1.  The
 * values are summed in replication order, so equal inputs give equal
 * bits.  No state; a handful of flops per figure.
 */
#include <math.h>

#include "cli.h"

/* Exact values (to 1e-13) for df <= 30; above that the Cornish-Fisher
 * expansion of Abramowitz and Stegun (1964), 26.7.5, in powers of 1/df
 * around the normal quantile, accurate to 3e-8 at df = 31 and better
 * beyond. */
double cli_t975(long df)
{
    static const double table[30] = {
        12.706204736174698, 4.302652729749464, 3.182446305284263,
        2.776445105197793, 2.570581835636314, 2.446911851144969,
        2.364624251592785, 2.306004135204166, 2.262157162798205,
        2.228138851986273, 2.200985160091638, 2.178812829667228,
        2.160368656462793, 2.144786687917804, 2.131449545559774,
        2.119905299221255, 2.109815577833317, 2.100922040241039,
        2.093024054408309, 2.085963447265865, 2.079613844727681,
        2.073873067904015, 2.068657610419049, 2.063898561628021,
        2.059538552753294, 2.055529438642871, 2.051830516480283,
        2.048407141795244, 2.045229642132703, 2.042272456301238,
    };
    const double x = 1.959963984540054;     /* the normal 0.975 quantile */
    double x2 = x * x, v = (double)df;
    double g1, g2, g3, g4;

    if (df < 1)
        return NAN;
    if (df <= 30)
        return table[df - 1];
    g1 = (x2 + 1) * x / 4;
    g2 = ((5 * x2 + 16) * x2 + 3) * x / 96;
    g3 = (((3 * x2 + 19) * x2 + 17) * x2 - 15) * x / 384;
    g4 = ((((79 * x2 + 776) * x2 + 1482) * x2 - 1920) * x2 - 945) * x /
         92160;
    return x + g1 / v + g2 / (v * v) + g3 / (v * v * v) +
           g4 / (v * v * v * v);
}

cli_stats cli_stats_of(const double *v, long n, size_t stride)
{
    cli_stats s;
    double sum = 0, ss = 0, half;
    long r;

    for (r = 0; r < n; r++)
        sum += v[(size_t)r * stride];
    s.mean = sum / (double)n;
    if (n < 2) {
        s.sd = s.low = s.high = NAN;
        return s;
    }
    for (r = 0; r < n; r++) {
        double d = v[(size_t)r * stride] - s.mean;
        ss += d * d;
    }
    s.sd = sqrt(ss / (double)(n - 1));
    half = cli_t975(n - 1) * s.sd / sqrt((double)n);
    s.low = s.mean - half;
    s.high = s.mean + half;
    return s;
}
