/*
 * biometric.h - the IDENT fingerprint search.
 *
 * A parametric matcher: a mated search (the person is enrolled) misses at
 * the rate of its image quality; an unmated or missed search returns a
 * false hit at a rate that grows with the gallery, and a false hit returns
 * a specific other enrolled identity, whose records then play out.
 * Calibrated to NIST FpVTE 2003 and 2012 (docs/parameters.md).
 */
#ifndef SC_BIOMETRIC_H
#define SC_BIOMETRIC_H

#include "scomm/booking.h"
#include "scomm/registry.h"
#include "scomm/rng.h"
#include "scomm/scenario.h"

typedef struct sc_ident_result {
    uint8_t searched;  /* 0 when the county was not yet activated */
    uint8_t hit;       /* 1 when IDENT returned a FIN */
    uint32_t fin;      /* the FIN returned, 0 if none */
} sc_ident_result;

/* Searches IDENT for the booking's prints.  `activated` says whether the
 * county forwarded prints on the booking date.  r is the booking's own
 * stream. */
void sc_biometric_search(const sc_params *p, const sc_registries *reg,
                         const sc_booking *b, int activated, sc_rng *r,
                         sc_ident_result *out);

/* The false-hit rate of one search against a gallery of `identities`
 * real-world identities. */
double sc_biometric_false_hit_rate(const sc_params *p, double identities);

#endif /* SC_BIOMETRIC_H */
