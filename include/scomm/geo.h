/*
 * geo.h - where people live and where they were born.
 *
 * States and countries are small built-in tables (src/core/geo_tables.c)
 * written by the project from published figures, each row citing its
 * source.  Counties are optional: src/io/geo_reader.c loads them from a
 * data folder in the format of ../shared/data/geo.  Without counties the
 * model runs at state level: one pseudo-county per state, whose rollout
 * date is the state's (an assumption documented in docs/parameters.md).
 */
#ifndef SC_GEO_H
#define SC_GEO_H

#include "scomm/common.h"
#include "scomm/rng.h"

#define SC_STATE_COUNT 51    /* 50 states and DC */
#define SC_COUNTRY_US 0      /* country index of the United States */
#define SC_COUNTRY_UNKNOWN 0xFFFF

typedef struct sc_state {
    const char *abbr;        /* USPS code, "CA" */
    const char *name;        /* "California" */
    int fips;                /* state FIPS code */
    double population;       /* residents, 2018 estimate */
    double fb_share;         /* foreign-born share, ACS 2017 */
    int activation_year;     /* S-COMM rollout, state level (assumption) */
    int activation_month;
    int limits_year;         /* first year a state law limits detainer
                                compliance, 0 if none */
} sc_state;

typedef struct sc_country {
    const char *code;        /* ISO 3166 alpha-2, "MX" */
    const char *name;        /* "Mexico" */
    int tradition;           /* enum sc_tradition of most of its emigrants */
    double fb_share;         /* share of the U.S. foreign-born, ACS 2018 */
} sc_country;

const sc_state *sc_states(void);             /* SC_STATE_COUNT rows */
const sc_country *sc_countries(size_t *n);   /* row 0 is the U.S. */
int sc_state_by_abbr(const char *abbr);      /* index or -1 */
int sc_country_by_code(const char *code);    /* index or -1 */

typedef struct sc_county {
    char fips[6];            /* "06037"; for pseudo-counties "06" */
    char name[64];
    uint8_t state;           /* index into sc_states() */
    double population;       /* residents */
    double fb_share;         /* foreign-born share */
    sc_date activation;      /* first day S-COMM forwarded prints */
    uint8_t declines;        /* 1: this jurisdiction declines detainers */
} sc_county;

typedef struct sc_geo sc_geo;

/* A geography of one pseudo-county per state, from the built-in tables. */
int sc_geo_create_states(sc_geo **out);

/* An empty geography to which counties are added (the county loader). */
int sc_geo_create_empty(sc_geo **out);
int sc_geo_add_county(sc_geo *g, const sc_county *c);
void sc_geo_destroy(sc_geo *g);

size_t sc_geo_count(const sc_geo *g);
const sc_county *sc_geo_county(const sc_geo *g, size_t i);
int sc_geo_is_county_level(const sc_geo *g);

/* Marks declining jurisdictions: county i declines when a stateless hash
 * of (seed, i) falls below `share`, so the set does not depend on draw
 * order.  Called once by the simulation before bookings. */
void sc_geo_assign_declines(sc_geo *g, uint64_t seed, double share);

/* Prepares the residence tables (call once after the last add):
 * natives are placed by population x (1 - fb_share), the foreign-born by
 * population x fb_share.  Returns SC_ENOMEM or SC_EINVAL (no counties). */
int sc_geo_finish(sc_geo *g);

/* Draws a county of residence for a native (foreign = 0) or a
 * foreign-born person (foreign = 1).  Requires sc_geo_finish(). */
uint32_t sc_geo_draw_county(const sc_geo *g, sc_rng *r, int foreign);

#endif /* SC_GEO_H */
