/*
 * booking.h - jail bookings: who is arrested, where, when, and how the
 * jail writes the person down.
 *
 * Bookings are drawn per status group at the [booking] rates (per 1,000
 * residents per year) among adults (18-69) present in the U.S. on the
 * booking day, in the person's county of residence.  The jail's record
 * carries the name as the clerk typed it, the date of birth, sex, the place
 * of birth as reported, assumed or missing, and the fingerprint quality.
 */
#ifndef SC_BOOKING_H
#define SC_BOOKING_H

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/names.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

enum sc_pob_how {
    SC_POB_REPORTED = 0,  /* as the person said, correctly */
    SC_POB_ASSUMED,       /* the clerk wrote a birthplace that is wrong */
    SC_POB_MISSING        /* left blank */
};

typedef struct sc_booking {
    uint32_t id;          /* 0..n-1 in (date, county, person) order */
    uint32_t person;      /* whose fingers these are: for the biometric
                             matcher and the judge only */
    uint32_t county;      /* index in sc_geo */
    sc_date date;
    sc_date dob;          /* as recorded */
    uint16_t pob;         /* country index; SC_COUNTRY_UNKNOWN if missing */
    uint8_t pob_how;      /* enum sc_pob_how */
    uint8_t female;
    uint8_t quality;      /* enum sc_quality */
    uint8_t noise;        /* SC_NOISE_* applied (diagnostic only) */
    uint8_t convicted;    /* the FBI record of these prints shows a
                             removable-offence conviction */
    uint8_t manual_iaq;   /* the jail sends a manual Immigration Alien
                             Query for this booking (its own practice) */
    uint8_t misdemeanor;  /* the FBI record shows a significant-
                             misdemeanour conviction */
    char given[SC_NAME_MAX];
    char family[SC_NAME_MAX];
} sc_booking;

/* Draws the bookings of the scenario period into a new array (caller
 * frees with free()).  Deterministic in p->seed. */
int sc_bookings_generate(const sc_params *p, const sc_world *w,
                         const sc_geo *g, sc_booking **out, size_t *n,
                         char *err);

#endif /* SC_BOOKING_H */
