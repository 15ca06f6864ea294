/*
 * judge.h - every query and detainer against the truth.
 *
 * The judge is the only stage after the registries that may read the
 * world and the records' true subjects.  It classifies each booking
 * (no query, correct, missed, supported, wrongful) and gives each wrongful
 * detainer the cause found by comparing what the records said with what
 * was true: the naturalization not posted, the derivation never recorded,
 * a stale IDENT status, a false biometric hit, a record the search missed,
 * a birthplace wrongly written at booking, and so on.
 */
#ifndef SC_JUDGE_H
#define SC_JUDGE_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/policy.h"
#include "scomm/registry.h"
#include "scomm/review.h"
#include "scomm/world.h"

enum sc_verdict {
    SC_V_NO_QUERY = 0,       /* no query was sent */
    SC_V_CLEARED,            /* query, no detainer, not removable */
    SC_V_MISSED,             /* query or not, no detainer, removable */
    SC_V_SUPPORTED,          /* detainer, removable */
    SC_V_WRONG_CITIZEN,      /* detainer on a U.S. citizen */
    SC_V_WRONG_LAWFUL,       /* detainer on a lawfully present person who
                                is not removable */
    SC_V_WRONG_OTHER,        /* detainer on a non-citizen, unlawful but
                                not removable (kept for completeness) */
    SC_V_COUNT
};

enum sc_cause {
    SC_CAUSE_NONE = 0,
    SC_CAUSE_NATURALIZATION_NOT_POSTED,
    SC_CAUSE_DERIVED_UNRECORDED,
    SC_CAUSE_ACQUIRED_UNRECORDED,
    SC_CAUSE_ADJUSTMENT_NOT_POSTED,
    SC_CAUSE_STALE_IDENT_STATUS,
    SC_CAUSE_FALSE_BIOMETRIC_HIT,
    SC_CAUSE_RECORD_MISSED,
    SC_CAUSE_MISATTACHED_RECORD,
    SC_CAUSE_POB_WRONG,
    SC_CAUSE_OTHER,
    SC_CAUSE_COUNT
};

typedef struct sc_judgement {
    uint8_t verdict;         /* enum sc_verdict */
    uint8_t cause;           /* enum sc_cause, for wrongful detainers */
    uint8_t true_status;     /* enum sc_status on the booking date */
    uint8_t removable;
    uint8_t false_hit;       /* the IDENT hit was another person's FIN */
} sc_judgement;

void sc_judge(const sc_world *w, const sc_registries *reg,
              const sc_booking *b, const sc_ident_result *ident,
              const sc_evidence *ev, const sc_decision *d,
              sc_judgement *out);

const char *sc_verdict_name(int verdict);
const char *sc_cause_name(int cause);   /* "naturalization_not_posted" */

#endif /* SC_JUDGE_H */
