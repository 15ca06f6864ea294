/*
 * policy.c - the detainer decision of the response centre.
 *
 * A policy is an ordered list of rules read top to bottom; the first rule
 * whose condition holds decides.  This version knows one policy,
 * `database-only`, the practice the Secure Communities records describe:
 * the agent issues an I-247 when the databases show neither citizenship
 * nor a current lawful status and there is some sign of foreign birth (an
 * IDENT record or a foreign birthplace).  It reads only the evidence
 * summary of the review, the booking's FBI conviction flag and the IDENT
 * result; it never sees the truth.
 *
 * Data: a static table of rule names indexed by the rule ids below.
 * Workload: one call per booking, a handful of comparisons, no allocation.
 */
#include <string.h>

#include "scomm/policy.h"
#include "scomm/registry.h"

/* Rule ids, stable: they are stored in outputs (sc_decision.rule). */
enum rule {
    RULE_NO_QUERY = 0,
    RULE_CITIZEN,
    RULE_LAWFUL_CONVICTION,
    RULE_LAWFUL,
    RULE_FINAL_ORDER,
    RULE_NO_STATUS,
    RULE_NO_FOREIGN_SIGN,
    RULE_UNKNOWN_POLICY,
    RULE_COUNT
};

static const char *const rule_names[RULE_COUNT] = {
    [RULE_NO_QUERY] = "no-query",
    [RULE_CITIZEN] = "records-show-citizen",
    [RULE_LAWFUL_CONVICTION] = "lawful-status-removable-conviction",
    [RULE_LAWFUL] = "records-show-lawful-status",
    [RULE_FINAL_ORDER] = "final-order",
    [RULE_NO_STATUS] = "no-record-of-status",
    [RULE_NO_FOREIGN_SIGN] = "no-status-no-foreign-sign",
    [RULE_UNKNOWN_POLICY] = "unknown-policy",
};

static const char *const box_names[] = {
    [SC_PC_NONE] = "none",
    [SC_PC_FINAL_ORDER] = "final-order",
    [SC_PC_PENDING] = "pending-proceedings",
    [SC_PC_BIOMETRIC] = "biometric-and-records",
    [SC_PC_STATEMENTS] = "statements-or-other-evidence",
};

static const char db_only[] = "database-only";

int sc_policy_check(const char *policy)
{
    if (policy && strcmp(policy, db_only) == 0)
        return 0;
    return SC_ENOENT;
}

static void decide(sc_decision *out, int detainer, int box, int rule)
{
    out->detainer = (uint8_t)detainer;
    out->box = (uint8_t)(detainer ? box : SC_PC_NONE);
    out->rule = (uint8_t)rule;
}

/* database-only.  Lawful status is checked before the order: a record of
 * LPR status outranks an order in the evidence summary (review.h), and an
 * agent who sees LPR status needs a removable conviction to act. */
static void decide_database_only(const sc_booking *b,
                                 const sc_ident_result *ident,
                                 const sc_evidence *ev, sc_decision *out)
{
    int hit = ident && ident->hit;

    if (!ev || !ev->queried) {
        decide(out, 0, SC_PC_NONE, RULE_NO_QUERY);
        return;
    }
    if (ev->status == SC_RS_CITIZEN) {
        decide(out, 0, SC_PC_NONE, RULE_CITIZEN);
        return;
    }
    if (ev->status == SC_RS_LPR || ev->status == SC_RS_TEMPORARY) {
        if (b->convicted)
            decide(out, 1, SC_PC_BIOMETRIC, RULE_LAWFUL_CONVICTION);
        else
            decide(out, 0, SC_PC_NONE, RULE_LAWFUL);
        return;
    }
    if (ev->has_order) {
        decide(out, 1, SC_PC_FINAL_ORDER, RULE_FINAL_ORDER);
        return;
    }
    if (hit || ev->foreign_birth)
        decide(out, 1, hit ? SC_PC_BIOMETRIC : SC_PC_STATEMENTS,
               RULE_NO_STATUS);
    else
        decide(out, 0, SC_PC_NONE, RULE_NO_FOREIGN_SIGN);
}

void sc_policy_decide(const char *policy, const sc_booking *b,
                      const sc_ident_result *ident, const sc_evidence *ev,
                      sc_decision *out)
{
    memset(out, 0, sizeof *out);
    if (sc_policy_check(policy) != 0) {
        /* Callers validate the policy name up front (sc_params_validate);
         * an unknown one never detains. */
        decide(out, 0, SC_PC_NONE, RULE_UNKNOWN_POLICY);
        return;
    }
    decide_database_only(b, ident, ev, out);
}

const char *sc_policy_rule_name(int rule)
{
    if (rule < 0 || rule >= RULE_COUNT)
        return "?";
    return rule_names[rule];
}

const char *sc_pc_box_name(int box)
{
    if (box < 0 || box > SC_PC_STATEMENTS)
        return "?";
    return box_names[box];
}
