/*
 * rng.c - counter-based random streams.
 *
 * A stream is a 64-bit key and a counter.  Word k of the stream is
 * mix(key + (k + 1) * GOLDEN), where mix is the SplitMix64 finalizer
 * (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014).  Because word k depends only on (key, k), any stream can
 * be started anywhere, and streams for different (seed, stage, index)
 * triples are independent for practical purposes: the key itself is a
 * mix of the triple.  This is the counter-based design of Salmon et al.,
 * "Parallel random numbers: as easy as 1, 2, 3" (SC 2011), with a cheaper
 * bijection than Philox; statistical quality is that of SplitMix64, which
 * passes BigCrush.
 */
#include "scomm/rng.h"

#include <math.h>
#include <stdlib.h>

#include "scomm/common.h"

#define GOLDEN 0x9E3779B97F4A7C15ull

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t sc_hash3(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t h = mix64(seed + GOLDEN);
    h = mix64(h ^ (a + 0x632BE59BD9B4E019ull));
    h = mix64(h ^ (b + 0x8CB92BA72F3D8DD7ull));
    return h;
}

void sc_rng_init(sc_rng *r, uint64_t seed, uint32_t stage, uint64_t index)
{
    r->key = sc_hash3(seed, stage, index);
    r->ctr = 0;
}

sc_rng sc_rng_split(const sc_rng *r, uint64_t index)
{
    sc_rng s;
    s.key = sc_hash3(r->key, 0x5BD1E995u, index);
    s.ctr = 0;
    return s;
}

uint64_t sc_rng_u64(sc_rng *r)
{
    r->ctr++;
    return mix64(r->key + r->ctr * GOLDEN);
}

double sc_rng_uniform(sc_rng *r)
{
    return (double)(sc_rng_u64(r) >> 11) * 0x1.0p-53;
}

/* Lemire, "Fast random integer generation in an interval", ACM TOMACS
 * 2019: multiply-shift with rejection of the biased low region. */
__extension__ typedef unsigned __int128 u128;

uint64_t sc_rng_below(sc_rng *r, uint64_t n)
{
    u128 m = (u128)sc_rng_u64(r) * n;
    uint64_t lo = (uint64_t)m;
    if (lo < n) {
        uint64_t t = (0 - n) % n;
        while (lo < t) {
            m = (u128)sc_rng_u64(r) * n;
            lo = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

int sc_rng_bernoulli(sc_rng *r, double p)
{
    if (p <= 0.0)
        return 0;
    if (p >= 1.0)
        return 1;
    return sc_rng_uniform(r) < p;
}

double sc_rng_normal(sc_rng *r)
{
    double u, v, s;
    do {
        u = 2.0 * sc_rng_uniform(r) - 1.0;
        v = 2.0 * sc_rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

double sc_rng_exponential(sc_rng *r, double mean)
{
    return -mean * log1p(-sc_rng_uniform(r));
}

uint64_t sc_rng_poisson(sc_rng *r, double lambda)
{
    if (lambda <= 0.0)
        return 0;
    if (lambda < 30.0) {
        /* Inversion by sequential search (Devroye 1986, X.3.3). */
        double p = exp(-lambda), f = p, u = sc_rng_uniform(r);
        uint64_t k = 0;
        while (u > f && k < 1000) {
            k++;
            p *= lambda / (double)k;
            f += p;
        }
        return k;
    }
    double x = floor(lambda + sqrt(lambda) * sc_rng_normal(r) + 0.5);
    return x < 0.0 ? 0 : (uint64_t)x;
}

uint32_t sc_rng_pick(sc_rng *r, const double *w, uint32_t n)
{
    double sum = 0.0;
    for (uint32_t i = 0; i < n; i++)
        sum += w[i];
    double u = sc_rng_uniform(r) * sum;
    for (uint32_t i = 0; i < n; i++) {
        if (u < w[i])
            return i;
        u -= w[i];
    }
    /* Rounding left u at the very top: the last non-zero weight. */
    for (uint32_t i = n; i-- > 0;)
        if (w[i] > 0.0)
            return i;
    return 0;
}

int sc_cdf_init(sc_cdf *c, const double *w, uint32_t n)
{
    c->cum = NULL;
    c->n = 0;
    if (n == 0)
        return SC_EINVAL;
    double *cum = malloc(sizeof *cum * n);
    if (!cum)
        return SC_ENOMEM;
    double s = 0.0;
    for (uint32_t i = 0; i < n; i++) {
        if (!(w[i] >= 0.0)) {
            free(cum);
            return SC_EINVAL;
        }
        s += w[i];
        cum[i] = s;
    }
    if (!(s > 0.0)) {
        free(cum);
        return SC_EINVAL;
    }
    c->cum = cum;
    c->n = n;
    return 0;
}

void sc_cdf_release(sc_cdf *c)
{
    free(c->cum);
    c->cum = NULL;
    c->n = 0;
}

uint32_t sc_cdf_pick(const sc_cdf *c, sc_rng *r)
{
    double u = sc_rng_uniform(r) * c->cum[c->n - 1];
    uint32_t lo = 0, hi = c->n - 1;
    while (lo < hi) {           /* first i with cum[i] > u */
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->cum[mid] > u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}
