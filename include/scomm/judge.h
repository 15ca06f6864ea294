/*
 * judge.h - every query and detainer against the truth.
 *
 * The judge is the only stage after the registries that may read the
 * world and the records' true subjects.  It classifies each booking
 * (no query, correct, missed, supported, wrongful).  The causes of a
 * wrongful detainer are found by counterfactual re-runs of the case
 * (attribute.h): each cause below names one error source, and removing
 * it is a precise change of the booking, the IDENT result or the
 * registries; sc_judge leaves the cause fields empty and sc_attribute
 * fills them.
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

/* Error sources: what removing each one changes is in attribute.c and
 * docs/pipeline.md.  NONE and OTHER name none. */
enum sc_cause {
    SC_CAUSE_NONE = 0,
    SC_CAUSE_NATURALIZATION_NOT_POSTED, /* a citizen record of a
                                           naturalized person dated before
                                           the booking, posted after it
                                           or never */
    SC_CAUSE_DERIVED_UNRECORDED,   /* a derived citizen with no citizen
                                      record at all */
    SC_CAUSE_ACQUIRED_UNRECORDED,  /* the same, citizen at birth abroad */
    SC_CAUSE_ADJUSTMENT_NOT_POSTED,/* an LPR record not posted in time */
    SC_CAUSE_STALE_IDENT_STATUS,   /* IDENT encounters stating a status
                                      other than the one true that day */
    SC_CAUSE_FALSE_BIOMETRIC_HIT,  /* IDENT returned another's FIN */
    SC_CAUSE_RECORD_MISSED,        /* a visible record of the person the
                                      search did not find */
    SC_CAUSE_MISATTACHED_RECORD,   /* records filed under the wrong
                                      A-number */
    SC_CAUSE_POB_WRONG,            /* the clerk wrote a wrong birthplace */
    SC_CAUSE_RECORD_NOT_POSTED,    /* any other record not posted in time */
    SC_CAUSE_RECORD_OMITTED,       /* an event that left no A-file entry */
    SC_CAUSE_RECORD_TYPO,          /* a record's name or date of birth
                                      typed wrongly */
    SC_CAUSE_BOOKING_TYPO,         /* the booking's name or date of birth
                                      typed wrongly */
    SC_CAUSE_NAMESAKE,             /* another person's record attached by
                                      the name search */
    SC_CAUSE_AFILE_PAGE_MISSING,   /* a page the officer needed is missing
                                      from a paper A-file (officer.h) */
    SC_CAUSE_BIRTH_RECORD_MISSING, /* state vital records lack a U.S.
                                      birth the person claimed */
    SC_CAUSE_STATE_RECORD_MISSING, /* the State Department has no record
                                      of a citizen born abroad to a
                                      citizen parent */
    SC_CAUSE_OTHER,
    SC_CAUSE_COUNT
};

#define SC_CAUSE_BIT(c) ((uint32_t)1 << (c))

typedef struct sc_judgement {
    uint8_t verdict;         /* enum sc_verdict */
    uint8_t cause;           /* enum sc_cause: the primary cause of a
                                wrongful detainer (sc_attribute) */
    uint8_t true_status;     /* enum sc_status on the booking date */
    uint8_t removable;
    uint8_t false_hit;       /* the IDENT hit was another person's FIN */
    /* Masks of SC_CAUSE_BIT, filled by sc_attribute: */
    uint32_t contributing;   /* causes that contributed beside the
                                primary one */
    uint32_t present;        /* error sources present in the case */
    uint32_t but_for;        /* present sources whose removal alone
                                removes the detainer */
} sc_judgement;

/* 1 for the verdicts of a wrongful detainer. */
int sc_verdict_wrongful(int verdict);

void sc_judge(const sc_world *w, const sc_registries *reg,
              const sc_booking *b, const sc_ident_result *ident,
              const sc_evidence *ev, const sc_decision *d,
              sc_judgement *out);

const char *sc_verdict_name(int verdict);
const char *sc_cause_name(int cause);   /* "naturalization_not_posted" */
/* The cause of that name, or SC_ENOENT. */
int sc_cause_find(const char *name);
/* The names of the causes in mask, comma-separated in enum order ("" for
 * none).  Returns the length needed, as snprintf. */
int sc_cause_list(uint32_t mask, char *buf, size_t len);

#endif /* SC_JUDGE_H */
