/*
 * jail.h - the jail's answer to a detainer, and the hours of the hold.
 *
 * A jurisdiction honours or declines by its own policy (sc_county.declines,
 * and a state's detainer-limiting law from its year).  An honoured detainer
 * holds the person until ICE picks them up or the maximum hold ends.
 */
#ifndef SC_JAIL_H
#define SC_JAIL_H

#include "scomm/booking.h"
#include "scomm/geo.h"
#include "scomm/rng.h"
#include "scomm/scenario.h"

typedef struct sc_jail_response {
    uint8_t honoured;      /* 1: the jail held the person */
    uint8_t picked_up;     /* 1: ICE took custody */
    float hold_hours;      /* hours held past release (0 if declined) */
} sc_jail_response;

void sc_jail_respond(const sc_params *p, const sc_geo *g,
                     const sc_booking *b, sc_rng *r, sc_jail_response *out);

#endif /* SC_JAIL_H */
