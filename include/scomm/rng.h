/*
 * rng.h - counter-based random streams.
 *
 * There is no global generator.  Every draw comes from an sc_rng that the
 * caller owns and passes explicitly.  A stream is named by (master seed,
 * stage, index): the world draws person i from stream (seed, SC_STAGE_WORLD,
 * i), the pipeline draws booking b from (seed, SC_STAGE_PIPELINE, b), and so
 * on.  A result therefore depends only on the seed and on what it describes,
 * never on the thread that computed it or on how many numbers other streams
 * used -- the property that makes outputs byte-identical for any thread count.
 */
#ifndef SC_RNG_H
#define SC_RNG_H

#include <stdint.h>

/* Stage ids: one per module that draws, fixed forever (changing one changes
 * every output of that stage). */
enum sc_stage {
    SC_STAGE_WORLD = 1,
    SC_STAGE_FAMILY = 2,
    SC_STAGE_REGISTRY = 3,
    SC_STAGE_BOOKING = 4,
    SC_STAGE_BIOMETRIC = 5,
    SC_STAGE_REVIEW = 6,
    SC_STAGE_JAIL = 7,
    SC_STAGE_GEO = 8,
    SC_STAGE_NAMES = 9,
    SC_STAGE_LINK = 10,   /* linkage: random pairs for u, synthetic data */
    SC_STAGE_OFFICER = 11, /* the officer's review: claims, paper files */
    SC_STAGE_CRIME = 12,  /* misdemeanour convictions of the world */
    SC_STAGE_TEST = 99
};

/* Caller-owned stream state; copy it freely. */
typedef struct sc_rng {
    uint64_t key; /* derived from (seed, stage, index) */
    uint64_t ctr; /* number of 64-bit words drawn so far */
} sc_rng;

/* Starts the stream (seed, stage, index). */
void sc_rng_init(sc_rng *r, uint64_t seed, uint32_t stage, uint64_t index);

/* A sub-stream of r named by `index`, independent of how far r has run. */
sc_rng sc_rng_split(const sc_rng *r, uint64_t index);

/* A stateless hash of (seed, a, b): for decisions that must not depend on
 * draw order, such as whether county c declines detainers. */
uint64_t sc_hash3(uint64_t seed, uint64_t a, uint64_t b);

uint64_t sc_rng_u64(sc_rng *r);

/* Uniform on [0, 1) with 53 random bits. */
double sc_rng_uniform(sc_rng *r);

/* Uniform integer on [0, n); n > 0.  Unbiased (Lemire 2019). */
uint64_t sc_rng_below(sc_rng *r, uint64_t n);

/* 1 with probability p (p <= 0 never, p >= 1 always). */
int sc_rng_bernoulli(sc_rng *r, double p);

/* Standard normal (Marsaglia polar method). */
double sc_rng_normal(sc_rng *r);

/* Exponential with the given mean (> 0). */
double sc_rng_exponential(sc_rng *r, double mean);

/* Poisson with mean lambda >= 0 (inversion below 30, normal
 * approximation with continuity correction above). */
uint64_t sc_rng_poisson(sc_rng *r, double lambda);

/* Index i with probability w[i] / sum(w); n > 0, weights >= 0, sum > 0.
 * Linear scan: for long tables build an sc_cdf instead. */
uint32_t sc_rng_pick(sc_rng *r, const double *w, uint32_t n);

/* A cumulative table for repeated weighted picks by binary search. */
typedef struct sc_cdf {
    double *cum;  /* cum[i] = w[0] + ... + w[i] */
    uint32_t n;
} sc_cdf;

/* Builds the table from n weights (copied).  Returns SC_ENOMEM or
 * SC_EINVAL (n == 0, a negative weight, or a zero sum). */
int sc_cdf_init(sc_cdf *c, const double *w, uint32_t n);
void sc_cdf_release(sc_cdf *c);
uint32_t sc_cdf_pick(const sc_cdf *c, sc_rng *r);

#endif /* SC_RNG_H */
