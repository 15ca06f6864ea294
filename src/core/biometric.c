/*
 * biometric.c - the IDENT ten-print search as a parametric matcher.
 *
 * A mated search (the booked person's prints are enrolled under a FIN)
 * misses at the rate of the booking's image quality; a search that is
 * unmated or missed returns a false hit at a rate proportional to the
 * number of real-world identities in the gallery, the scaling NIST
 * reports for large one-to-many searches (Wilson et al. 2004, FpVTE 2003;
 * Watson et al. 2014, FpVTE 2012).  A false hit is not an outcome by
 * itself: it returns a specific other enrolled FIN, whose records the
 * review then reads as if they were the booked person's.
 *
 * The matcher is the only stage after the registries that may ask which
 * FIN a person's prints are enrolled under (sc_registries_fin_of_person):
 * it models the physical fingers, not a database look-up.
 *
 * Data: none of its own.  Workload: one call per booking, at most a few
 * draws, no allocation.
 */
#include <string.h>

#include "scomm/biometric.h"

double sc_biometric_false_hit_rate(const sc_params *p, double identities)
{
    double rate;

    if (identities <= 0.0 || p->false_hit <= 0.0)
        return 0.0;
    if (p->false_hit_gallery > 0.0)
        rate = p->false_hit * identities / p->false_hit_gallery;
    else
        rate = p->false_hit;
    return rate < 1.0 ? rate : 1.0;
}

/* A uniform gallery entry other than `own` (0 = no own FIN); 0 when none
 * turns up.  Redrawing on `own` keeps the pick uniform over the other
 * entries; the bound only matters for a gallery of one or two entries. */
static uint32_t draw_other_fin(const sc_registries *reg, sc_rng *r,
                               uint32_t own)
{
    size_t n = sc_registries_gallery_size(reg);
    int tries;

    for (tries = 0; n > 0 && tries < 64; tries++) {
        uint32_t fin =
            sc_registries_gallery_fin(reg, (size_t)sc_rng_below(r, n));

        if (fin != own && fin != 0)
            return fin;
    }
    return 0;
}

void sc_biometric_search(const sc_params *p, const sc_registries *reg,
                         const sc_booking *b, int activated, sc_rng *r,
                         sc_ident_result *out)
{
    uint32_t own;
    size_t gallery;
    double identities, rate;
    int q;

    memset(out, 0, sizeof *out);
    if (!activated)
        return;
    out->searched = 1;

    own = sc_registries_fin_of_person(reg, b->person);
    if (own != 0) {
        q = b->quality < SC_Q_COUNT ? b->quality : SC_Q_POOR;
        if (!sc_rng_bernoulli(r, p->miss[q])) {
            out->hit = 1;
            out->fin = own;
            return;
        }
    }

    gallery = sc_registries_gallery_size(reg);
    identities = p->scale > 0.0 ? (double)gallery / p->scale
                                : (double)gallery;
    rate = sc_biometric_false_hit_rate(p, identities);
    if (gallery > 0 && sc_rng_bernoulli(r, rate)) {
        uint32_t fin = draw_other_fin(reg, r, own);

        if (fin != 0) {
            out->hit = 1;
            out->fin = fin;
        }
    }
}
