/*
 * names_int.h - the generated name pool, as names.c reads it.
 *
 * Private to the names module.  build/gen/name_pool.c (written by
 * tools/mknames.mjs) defines everything declared here; names.c draws from
 * it.  Every list is a pair of parallel arrays: pool ids and cumulative
 * weights, so that a draw is one uniform number and a binary search.
 */
#ifndef SC_NAMES_INT_H
#define SC_NAMES_INT_H

#include <stdint.h>

/* Anglo given names: one SSA list per sex and birth decade, 1910s-2020s. */
#define SC_NAME_SSA_FIRST_DECADE 1910
#define SC_NAME_SSA_DECADES 12

/* A weighted list of pool strings: ids[i] has weight cum[i] - cum[i-1]
 * (cum[-1] = 0); cum is strictly increasing and n > 0.  guide[k] is the
 * first i with cum[i] > cum[n-1] * k / n_guide (k = 0..n_guide), so a
 * draw searches only between guide[k] and guide[k+1]. */
typedef struct sc_name_list {
    const uint32_t *ids;
    const double *cum;
    const uint32_t *guide; /* n_guide + 1 entries */
    uint32_t n;
    uint32_t n_guide;
} sc_name_list;

/* One source of names for a non-Anglo tradition (a Faker locale).  A
 * person of the tradition takes all name parts from one source, picked
 * with probability share / (sum of the tradition's shares). */
typedef struct sc_name_source {
    const char *label;     /* Faker locale, "es_MX", "zh_CN", ... */
    int tradition;         /* enum sc_tradition */
    double share;          /* relative weight within the tradition */
    sc_name_list given[2]; /* [0] male, [1] female */
    sc_name_list family;
} sc_name_source;

/* Every distinct name string once, sorted (byte order). */
extern const char *const sc_name_pool_strs[];
extern const uint32_t sc_name_pool_n;

/* [sex: 0 male, 1 female][decade index: (decade - 1910) / 10] */
extern const sc_name_list sc_name_ssa_given[2][SC_NAME_SSA_DECADES];

/* 1990 Census surnames, weighted by a fitted rank-frequency curve. */
extern const sc_name_list sc_name_census_surnames;

extern const sc_name_source sc_name_sources[];
extern const uint32_t sc_name_source_count;

#endif /* SC_NAMES_INT_H */
