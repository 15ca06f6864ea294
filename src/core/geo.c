/*
 * geo.c - counties (or one pseudo-county per state) and residence draws.
 *
 * A geography is a growable array of sc_county plus two cumulative tables
 * built by sc_geo_finish(): natives are placed in proportion to
 * population x (1 - fb_share), the foreign-born to population x fb_share.
 * About 3,100 counties at most; draws are a binary search.
 */
#include "scomm/geo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sc_geo {
    sc_county *c;
    size_t n, cap;
    int county_level;     /* 1 when loaded from county files */
    sc_cdf native, foreign;
};

int sc_geo_create_empty(sc_geo **out)
{
    sc_geo *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g)
        return SC_ENOMEM;
    g->county_level = 1;
    *out = g;
    return 0;
}

int sc_geo_add_county(sc_geo *g, const sc_county *c)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        sc_county *nc = realloc(g->c, cap * sizeof *nc);
        if (!nc)
            return SC_ENOMEM;
        g->c = nc;
        g->cap = cap;
    }
    g->c[g->n++] = *c;
    return 0;
}

int sc_geo_create_states(sc_geo **out)
{
    const sc_state *st = sc_states();
    sc_geo *g;
    int rc = sc_geo_create_empty(&g);
    if (rc < 0)
        return rc;
    g->county_level = 0;
    for (int i = 0; i < SC_STATE_COUNT; i++) {
        sc_county c;
        memset(&c, 0, sizeof c);
        snprintf(c.fips, sizeof c.fips, "%02d", st[i].fips % 100);
        snprintf(c.name, sizeof c.name, "%s", st[i].name);
        c.state = (uint8_t)i;
        c.population = st[i].population;
        c.fb_share = st[i].fb_share;
        c.activation = sc_date_from_ymd(st[i].activation_year,
                                        st[i].activation_month, 1);
        if ((rc = sc_geo_add_county(g, &c)) < 0)
            goto fail;
    }
    if ((rc = sc_geo_finish(g)) < 0)
        goto fail;
    *out = g;
    return 0;
fail:
    sc_geo_destroy(g);
    *out = NULL;
    return rc;
}

void sc_geo_destroy(sc_geo *g)
{
    if (!g)
        return;
    sc_cdf_release(&g->native);
    sc_cdf_release(&g->foreign);
    free(g->c);
    free(g);
}

size_t sc_geo_count(const sc_geo *g)
{
    return g->n;
}

const sc_county *sc_geo_county(const sc_geo *g, size_t i)
{
    return &g->c[i];
}

int sc_geo_is_county_level(const sc_geo *g)
{
    return g->county_level;
}

void sc_geo_assign_declines(sc_geo *g, uint64_t seed, double share)
{
    for (size_t i = 0; i < g->n; i++) {
        double u = (double)(sc_hash3(seed, SC_STAGE_GEO, i) >> 11) *
                   0x1.0p-53;
        g->c[i].declines = u < share;
    }
}

int sc_geo_finish(sc_geo *g)
{
    double *wn, *wf;
    int rc;
    if (g->n == 0)
        return SC_EINVAL;
    wn = malloc(g->n * sizeof *wn);
    wf = malloc(g->n * sizeof *wf);
    if (!wn || !wf) {
        free(wn);
        free(wf);
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < g->n; i++) {
        wn[i] = g->c[i].population * (1.0 - g->c[i].fb_share);
        wf[i] = g->c[i].population * g->c[i].fb_share;
    }
    sc_cdf_release(&g->native);
    sc_cdf_release(&g->foreign);
    rc = sc_cdf_init(&g->native, wn, (uint32_t)g->n);
    if (rc == 0)
        rc = sc_cdf_init(&g->foreign, wf, (uint32_t)g->n);
    free(wn);
    free(wf);
    return rc;
}

uint32_t sc_geo_draw_county(const sc_geo *g, sc_rng *r, int foreign)
{
    return sc_cdf_pick(foreign ? &g->foreign : &g->native, r);
}
