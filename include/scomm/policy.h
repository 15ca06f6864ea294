/*
 * policy.h - the detainer decision.
 *
 * A policy reads only the evidence of the review and the booking, and
 * says whether to issue a detainer and which probable-cause box of form
 * I-247A its rule would tick.  This version ships `database-only`, the
 * policy as practised: a detainer when the records show no citizenship and
 * no current lawful status, and there is a foreign birthplace or an IDENT
 * record.  Issue 4 turns policies into rule tables.
 */
#ifndef SC_POLICY_H
#define SC_POLICY_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
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
    uint8_t rule;          /* index of the rule that fired (policy_rule_name) */
} sc_decision;

/* Returns 0, or SC_ENOENT if `policy` is not a known policy name. */
int sc_policy_check(const char *policy);

void sc_policy_decide(const char *policy, const sc_booking *b,
                      const sc_ident_result *ident, const sc_evidence *ev,
                      sc_decision *out);

/* A short name of a rule, for outputs ("no-status-ident-hit", ...). */
const char *sc_policy_rule_name(int rule);
const char *sc_pc_box_name(int box);

#endif /* SC_POLICY_H */
