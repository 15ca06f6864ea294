/*
 * policy_reader.h - policies written as INI sections.
 *
 * A policy is a section [policy.NAME] of ordered `rule = ...` lines in
 * the rule language of policy.h, and at most one `description = ...`:
 *
 *     [policy.judicial-strict]
 *     description = "a magistrate; final orders only"
 *     rule = no-query: when not queried then no-detainer
 *     rule = final-order: when has_final_order then detainer final-order
 *     rule = no-affirmative-evidence: otherwise no-detainer
 *
 * Such sections live in policy files (data/policies/NAME.ini holds the
 * four shipped policies, one per file) or in a scenario file beside its
 * [run], [world], ... sections, which this reader skips.  Every error
 * names the file, the line and the field:
 *     mine.ini:14: [policy.strict] rule: 'has_order': unknown fact ...
 */
#ifndef SC_POLICY_READER_H
#define SC_POLICY_READER_H

#include <stddef.h>

#include "scomm/policy.h"

/* Policies read so far, in the order their sections came. */
typedef struct sc_policy_set {
    sc_policy *v;
    size_t n, cap;
} sc_policy_set;

void sc_policy_set_init(sc_policy_set *s);
void sc_policy_set_release(sc_policy_set *s);
/* The policy of that name in the set, or NULL. */
const sc_policy *sc_policy_set_find(const sc_policy_set *s,
                                    const char *name);

enum sc_policy_read_flags {
    /* The file is a scenario: sections other than [policy.NAME] belong
     * to the scenario reader and are skipped.  Without it, a policy file
     * may hold only [policy.NAME] sections. */
    SC_POLICY_READ_SCENARIO = 1 << 0,
    /* Accept the names of the shipped policies (to check
     * data/policies/ against the built-in copies).  Without it such a
     * section is refused: `judicial` always means the shipped rules. */
    SC_POLICY_READ_SHIPPED = 1 << 1
};

/* Reads every [policy.NAME] section of `path` and appends the compiled
 * policies to set; a name already in the set is refused.  Returns 0, or
 * SC_EIO/SC_EPARSE/SC_ENOMEM with "file:line: [policy.NAME] field:
 * what is wrong" in err (SC_ERRMSG_MAX bytes); on error the set keeps
 * only what it held before. */
int sc_policy_read(const char *path, unsigned flags, sc_policy_set *set,
                   char *err);

/* The policy called `name`: a shipped one, or else one defined in the
 * scenario file `scenario` (NULL: none).  Returns 0, SC_ENOENT with
 * "unknown policy 'NAME' ..." in err, or the error of reading the
 * scenario's policy sections. */
int sc_policy_resolve(const char *name, const char *scenario,
                      sc_policy *out, char *err);

#endif /* SC_POLICY_READER_H */
