/*
 * jail.c - the jail's answer to a detainer and the length of the hold.
 *
 * A jurisdiction declines when its own policy says so (sc_county.declines,
 * fixed per county by sc_geo_assign_declines) or when its state has a law
 * limiting compliance in force in the booking year.  An honoured detainer
 * holds the person past release until ICE picks them up, at a time uniform
 * over the maximum hold, or for the whole maximum when ICE never comes.
 *
 * Data: reads the county and state tables; no state of its own.
 * Workload: one call per detainer, two draws, no allocation.
 */
#include <string.h>

#include "scomm/jail.h"

void sc_jail_respond(const sc_params *p, const sc_geo *g,
                     const sc_booking *b, sc_rng *r, sc_jail_response *out)
{
    const sc_county *c = NULL;
    int declines = 0;
    int year;

    memset(out, 0, sizeof *out);
    if (g && b->county < sc_geo_count(g))
        c = sc_geo_county(g, b->county);
    if (c) {
        const sc_state *st = &sc_states()[c->state];

        sc_date_to_ymd(b->date, &year, NULL, NULL);
        declines = c->declines ||
                   (st->limits_year != 0 && year >= st->limits_year);
    }
    if (declines)
        return;

    out->honoured = 1;
    out->picked_up = (uint8_t)sc_rng_bernoulli(r, p->pickup_share);
    if (out->picked_up)
        out->hold_hours = (float)(sc_rng_uniform(r) * p->hold_hours);
    else
        out->hold_hours = (float)p->hold_hours;
}
