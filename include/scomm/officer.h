/*
 * officer.h - the individualized officer's own review: the paper A-file,
 * the parents' files, and the person's claim of citizenship.
 *
 * Under database-only practice nobody reads the A-file or hears the
 * person (DESIGN.md, step 4).  The `individualized` policy asks an
 * officer to do both, and its rules read what this stage finds, through
 * the facts afile_shows_citizen, afile_shows_lawful, parent_citizen,
 * claims_citizenship and claim_verified (policy.h).  The stage runs for
 * every queried booking, whatever the policy, so that two policies on one
 * world differ only in their decisions.
 *
 * The paper A-file is not a database: it holds every document filed
 * under its A-number -- grants, certificates, orders -- on the day of the
 * event, whether or not the database index was ever updated, but a
 * document may be missing from it ([officer] afile_doc_missing).  A file
 * names the subject's parents with their A-numbers.  The officer reads
 * the file of every A-number the review's records carry, of the number on
 * the papers of a person who claims citizenship by naturalization or
 * derivation, and the parents' files.
 *
 * The person is the one witness who knows the truth, so what the person
 * says (sc_statement) is built from the world by sc_officer_hear: whether
 * they claim citizenship (a share by kind of citizen, a parameter; a few
 * non-citizens claim falsely), on what basis, and which A-number their
 * papers carry.  The claim is then checked against records, never against
 * the truth: a U.S. birth against state vital records, a naturalization
 * or a derivation against the A-files, a birth abroad to a citizen parent
 * against the State Department's records.  docs/policies.md has the
 * rules and their sources.
 */
#ifndef SC_OFFICER_H
#define SC_OFFICER_H

#include "scomm/booking.h"
#include "scomm/registry.h"
#include "scomm/review.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

enum sc_claim_basis {
    SC_CLAIM_NONE = 0,
    SC_CLAIM_US_BIRTH,      /* born in a U.S. state */
    SC_CLAIM_NATURALIZED,   /* naturalized: a certificate, an A-number */
    SC_CLAIM_DERIVED,       /* derived from a parent (INA 320/321) */
    SC_CLAIM_ACQUIRED,      /* born abroad to a citizen parent (INA 301) */
    SC_CLAIM_COUNT
};

/* What the booked person tells the officer, and the records outside DHS
 * that would bear it out (not simulated as tables: each person has them
 * or not, fixed for the run by a hash of the seed and the person). */
typedef struct sc_statement {
    uint8_t claims;         /* claims to be a U.S. citizen */
    uint8_t basis;          /* enum sc_claim_basis */
    uint8_t birth_record;   /* state vital records hold a U.S. birth of
                               the person ([officer] birth_record_found) */
    uint8_t state_record;   /* the State Department holds a consular
                               report of birth abroad or a passport
                               ([officer] state_record_acquired) */
    uint32_t anum;          /* the A-number on the person's papers, 0 if
                               none */
} sc_statement;

/* What the officer read in one paper A-file as of a date. */
typedef struct sc_afile {
    uint8_t found;          /* the file holds at least one document */
    uint8_t citizen;        /* a certificate or naturalization */
    uint8_t lawful;         /* a current lawful status: LPR, or an
                               unexpired admission, with no later order */
    uint16_t docs;          /* documents read */
    uint16_t lost;          /* documents missing from the file */
    sc_date citizen_on;     /* earliest citizenship document, or NEVER */
    sc_date lpr_on;         /* earliest LPR document, or NEVER */
    uint32_t parents[2];    /* the parents' A-numbers the file names (0:
                               none, or the page is missing) */
} sc_afile;

/* The person's statement at booking b.  Draws the claim from the stream
 * (seed, SC_STAGE_OFFICER, booking id).  Reads the world: the person's
 * own life. */
void sc_officer_hear(const sc_params *p, const sc_world *w,
                     const sc_registries *reg, const sc_booking *b,
                     sc_statement *out);

/* sc_officer_hear with the records outside DHS as ov's vital_complete
 * and state_complete say (review.h); ov NULL is sc_officer_hear. */
void sc_officer_hear_with(const sc_params *p, const sc_world *w,
                          const sc_registries *reg,
                          const sc_review_overlay *ov, const sc_booking *b,
                          sc_statement *out);

/* Reads the paper A-file of `anum` as of `on`. */
void sc_officer_read_afile(const sc_params *p, const sc_registries *reg,
                           uint32_t anum, sc_date on, sc_afile *out);

/* The officer's review of a queried booking: reads the A-files, the
 * parents' files, and checks the claim in st (NULL: nobody was heard),
 * and fills ev's officer fields (heard, afile_read, afile_citizen,
 * afile_lawful, parent_citizen, claims, claim_verified).  Does nothing
 * when ev->queried is 0.  Never reads the world. */
void sc_officer_review(const sc_params *p, const sc_registries *reg,
                       const sc_booking *b, const sc_statement *st,
                       sc_evidence *ev);

/* sc_officer_review on the registries as ov changes them (review.h):
 * hidden records are not in the files, added ones are, evidence items
 * of added records are read from ov, and with ov->afile_complete no page
 * is missing.  For cause attribution's re-runs;
 * ov NULL is sc_officer_review. */
void sc_officer_review_with(const sc_params *p, const sc_registries *reg,
                            const sc_review_overlay *ov,
                            const sc_booking *b, const sc_statement *st,
                            sc_evidence *ev);

/* "us_birth", ...; "none" for SC_CLAIM_NONE, "?" out of range. */
const char *sc_claim_basis_name(int basis);

#endif /* SC_OFFICER_H */
