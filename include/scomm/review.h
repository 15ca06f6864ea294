/*
 * review.h - the response centre's review: query generation and the
 * search of the registries.
 *
 * A query (IAQ) is sent when IDENT hit, or when the jail sent a manual
 * IAQ for a booking that gives a foreign place of birth, while
 * [pipeline] query_foreign_pob is on.  The
 * reviewer then gathers evidence: records fetched by identifier (the FIN of
 * the hit, every A-number those records carry) and records found by
 * searching each registry by name and date of birth.  Only records posted
 * on or before the query date are visible.  The evidence summary is what
 * the policy reads: the best status the records show, and the facts
 * (orders, foreign birth) that its rules need.
 *
 * This first review matches on an exact search key (folded family name
 * and date of birth); issue 3 replaces it with the linkage engine.
 */
#ifndef SC_REVIEW_H
#define SC_REVIEW_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/registry.h"
#include "scomm/scenario.h"

#define SC_EVIDENCE_MAX 32

enum sc_found_how {
    SC_FOUND_FIN = 1,     /* fetched by the FIN of the IDENT hit */
    SC_FOUND_ANUM,        /* fetched by an A-number another record gave */
    SC_FOUND_NAME_DOB     /* found by searching name and date of birth */
};

typedef struct sc_evidence_item {
    uint32_t record;      /* id within its registry */
    uint8_t registry;     /* enum sc_registry_id */
    uint8_t how;          /* enum sc_found_how */
    float score;          /* match score; 1 for identifier fetches */
} sc_evidence_item;

typedef struct sc_evidence {
    uint8_t queried;      /* 1 when a query was sent */
    uint8_t status;       /* best enum sc_rec_status the records show on
                             the query date: CITIZEN > LPR > TEMPORARY
                             (not expired) > ORDERED > NO_STATUS > NONE,
                             except that an order dated after every
                             lawful-status record reads ORDERED */
    uint8_t has_order;    /* a final order without a later removal */
    uint8_t foreign_birth;/* booking or a record gives a foreign birth */
    uint8_t ident_record; /* IDENT returned the person's encounters */
    uint8_t truncated;    /* more than SC_EVIDENCE_MAX records found */
    uint16_t n;
    sc_evidence_item items[SC_EVIDENCE_MAX];
} sc_evidence;

/* Decides whether the booking generates a query and, if so, reviews the
 * registries as of b->date.  Never reads the world. */
void sc_review(const sc_params *p, const sc_registries *reg,
               const sc_booking *b, const sc_ident_result *ident,
               sc_evidence *out);

#endif /* SC_REVIEW_H */
