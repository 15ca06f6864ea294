/*
 * policy.h - the detainer decision, as rules that are data.
 *
 * A policy reads only the evidence of the review, the IDENT result, the
 * booking and the records the review found, and says whether to issue a
 * detainer and which probable-cause box of form I-247A its rule would
 * tick.  It is an ordered list of rules over named boolean facts; the
 * first rule whose condition holds decides, and the last rule is
 * `otherwise`, so every case is decided.  No policy has code of its own:
 * the four shipped policies (database-only, priorities-2014,
 * individualized, judicial) are rule texts compiled by the same
 * sc_policy_add_rule() that compiles a scenario's own [policy.NAME]
 * sections (src/io/policy_reader.c).  docs/policies.md documents the
 * language, the facts and the four policies with their legal basis.
 *
 * One rule is one line:
 *     NAME: when [not] FACT [and [not] FACT ...] then ACTION
 *     NAME: otherwise ACTION
 *     ACTION := no-detainer | detainer BOX
 *     BOX    := final-order | pending-proceedings | biometric-and-records
 *             | statements-or-other-evidence
 * Several rules may share a NAME (one legal ground, two boxes).  A rule
 * that issues a detainer must require `queried` or follow a rule
 * `when not queried then no-detainer`: without a query nobody reviewed.
 *
 * Facts are computed once per booking (sc_policy_facts) into a bit set;
 * a rule is two masks, so a decision is a few AND operations per rule.
 */
#ifndef SC_POLICY_H
#define SC_POLICY_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/registry.h"
#include "scomm/review.h"

/* I-247A probable-cause boxes. */
enum sc_pc_box {
    SC_PC_NONE = 0,
    SC_PC_FINAL_ORDER,     /* (1) final order of removal */
    SC_PC_PENDING,         /* (2) pending removal proceedings */
    SC_PC_BIOMETRIC,       /* (3) biometric match plus records checks */
    SC_PC_STATEMENTS       /* (4) statements or other evidence */
};

typedef struct sc_decision {
    uint8_t detainer;      /* 1: issue a detainer */
    uint8_t box;           /* enum sc_pc_box when detainer */
    uint8_t rule;          /* index of the rule that fired in its policy
                              (sc_policy_rule_label); SC_RULE_UNKNOWN
                              when the policy was not known */
} sc_decision;

/* The facts a rule can name, one bit each in sc_facts.  The names of
 * rule texts are sc_fact_name(): the enum name in lowercase without the
 * prefix. */
enum sc_fact {
    SC_FACT_QUERIED = 0,          /* a query (IAQ) was sent and reviewed */
    SC_FACT_IDENT_HIT,            /* IDENT returned a FIN */
    SC_FACT_IDENT_RECORD,         /* the review found IDENT encounters */
    SC_FACT_RECORDS_FOUND,        /* the review found any record at all */
    SC_FACT_RECORDS_SHOW_CITIZEN, /* best status shown: citizen */
    SC_FACT_RECORDS_SHOW_LPR,     /* best status shown: LPR */
    SC_FACT_RECORDS_SHOW_TEMPORARY, /* best: an unexpired admission */
    SC_FACT_RECORDS_SHOW_LAWFUL,  /* LPR or temporary */
    SC_FACT_RECORDS_SHOW_ORDER,   /* best: an order later than any
                                     lawful status */
    SC_FACT_RECORDS_SHOW_NO_STATUS, /* best: a record stating no status
                                       (entry without inspection, stay
                                       ended) */
    SC_FACT_NO_RECORD_OF_STATUS,  /* no record shows citizenship or a
                                     current lawful status */
    SC_FACT_HAS_FINAL_ORDER,      /* a final order among the records */
    SC_FACT_RECENT_UNLAWFUL_ENTRY,/* an apprehension record (enforcement
                                     registry, stating no status) dated in
                                     the 3 years before the booking */
    SC_FACT_FOREIGN_BIRTH,        /* the booking or a record gives a
                                     foreign birthplace */
    SC_FACT_BOOKING_FOREIGN_BIRTH,/* the booking itself does */
    SC_FACT_CONVICTED,            /* the booking's FBI record shows a
                                     removable-offence conviction */
    SC_FACT_CONVICTED_MISDEMEANOR,/* ... a significant-misdemeanour
                                     conviction (a 2014 priority) */
    /* The individualized officer's review (officer.h); computed for
     * every queried booking, read by the individualized policy. */
    SC_FACT_AFILE_SHOWS_CITIZEN,  /* the A-file read in full shows
                                     citizenship */
    SC_FACT_AFILE_SHOWS_LAWFUL,   /* ... shows a current lawful status */
    SC_FACT_PARENT_CITIZEN,       /* a parent's records show citizenship
                                     the person may have derived */
    SC_FACT_CLAIMS_CITIZENSHIP,   /* the person claims to be a citizen */
    SC_FACT_CLAIM_VERIFIED,       /* the claim was checked and holds */
    SC_FACT_COUNT
};

typedef uint64_t sc_facts;          /* bit f set: fact f holds */

#define SC_POLICY_NAME_MAX 48       /* policy and rule names, with NUL */
#define SC_POLICY_RULES_MAX 32
#define SC_RULE_UNKNOWN 255         /* sc_decision.rule: unknown policy */

typedef struct sc_policy_rule {
    sc_facts need;                  /* facts that must hold */
    sc_facts deny;                  /* facts that must not hold */
    uint8_t detainer;               /* 1: issue a detainer */
    uint8_t box;                    /* enum sc_pc_box when detainer */
    char name[SC_POLICY_NAME_MAX];  /* [a-z0-9-], as stored in outputs */
} sc_policy_rule;

/* A compiled policy: plain data, copied by value. */
typedef struct sc_policy {
    char name[SC_POLICY_NAME_MAX];  /* [a-z0-9][a-z0-9._-]* */
    uint16_t n;                     /* rules in use */
    sc_policy_rule rules[SC_POLICY_RULES_MAX];
} sc_policy;

/* ---- facts ---- */

/* "records_show_citizen"; "?" outside 0..SC_FACT_COUNT-1. */
const char *sc_fact_name(int fact);
/* The fact of that name, or SC_ENOENT. */
int sc_fact_find(const char *name);

/* The facts of one booking, read from the booking, the IDENT result and
 * the evidence's summary (which the review and the officer's review
 * filled); ident NULL reads as no hit, ev NULL as no query.  Never reads
 * the truth or the records themselves. */
sc_facts sc_policy_facts(const sc_booking *b, const sc_ident_result *ident,
                         const sc_evidence *ev);

/* ---- building policies ---- */

/* Empties pol and names it.  Returns SC_EINVAL (with err) for a name
 * that is empty, too long or not [a-z0-9][a-z0-9._-]*. */
int sc_policy_init(sc_policy *pol, const char *name, char *err);

/* Compiles one rule line ("NAME: when ... then ...") and appends it.
 * Returns 0, or SC_EPARSE/SC_ERANGE with the reason in err (what is
 * wrong, quoting the word; no file or line: the caller adds them), and
 * leaves pol unchanged. */
int sc_policy_add_rule(sc_policy *pol, const char *line, char *err);

/* Checks that pol is complete: at least one rule and an `otherwise`
 * rule last.  Returns 0 or SC_EINVAL with err. */
int sc_policy_finish(const sc_policy *pol, char *err);

/* Writes rule i back as a rule line (facts in enum order), the inverse
 * of sc_policy_add_rule.  Returns the length it needed, as snprintf. */
int sc_policy_rule_format(const sc_policy *pol, int i, char *buf,
                          size_t len);

/* ---- shipped policies ---- */

/* Compiles the shipped policy `name` into *out.  Returns 0 or
 * SC_ENOENT. */
int sc_policy_builtin(const char *name, sc_policy *out);
/* The i-th shipped policy's name, NULL past the last. */
const char *sc_policy_builtin_name(size_t i);
/* The rule lines of a shipped policy, NULL-terminated; NULL if unknown.
 * The same text as data/policies/NAME.ini (a test compares them). */
const char *const *sc_policy_builtin_rules(const char *name);

/* Returns 0 if `policy` names a shipped policy, or SC_ENOENT. */
int sc_policy_check(const char *policy);

/* ---- deciding ---- */

/* The first rule of pol that holds for facts f.  pol must have passed
 * sc_policy_finish. */
void sc_policy_apply(const sc_policy *pol, sc_facts f, sc_decision *out);

/* sc_policy_facts then sc_policy_apply: the pipeline's decision. */
void sc_policy_eval(const sc_policy *pol, const sc_booking *b,
                    const sc_ident_result *ident, const sc_evidence *ev,
                    sc_decision *out);

/* The decision of the shipped policy `policy` (compiled on each call;
 * for tests and one-off use -- the sim compiles once and calls
 * sc_policy_eval).  An unknown
 * policy never detains and gives rule SC_RULE_UNKNOWN. */
void sc_policy_decide(const char *policy, const sc_booking *b,
                      const sc_ident_result *ident, const sc_evidence *ev,
                      sc_decision *out);

/* The name of rule `rule` of pol ("no-record-of-status", ...);
 * "unknown-policy" for SC_RULE_UNKNOWN, "?" out of range. */
const char *sc_policy_rule_label(const sc_policy *pol, int rule);

/* The same for the default policy, database-only: kept for callers that
 * know no sc_policy.  Prefer sc_policy_rule_label. */
const char *sc_policy_rule_name(int rule);
/* "final-order", ..., the words of the rule language; "none" for
 * SC_PC_NONE, "?" out of range. */
const char *sc_pc_box_name(int box);

#endif /* SC_POLICY_H */
