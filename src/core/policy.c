/*
 * policy.c - the detainer decision of the response centre, as rule
 * tables.
 *
 * A policy is an ordered list of rules read top to bottom; the first rule
 * whose condition holds decides, as in a firewall's rule list: data, not
 * code.  A condition is a conjunction of possibly negated facts, compiled
 * into two bit masks, `need` and `deny`; a booking's facts are computed
 * once into one 64-bit set, and a rule holds when (facts & need) ==
 * need and (facts & deny) == 0.  There is no code path of any particular
 * policy: the four shipped ones are rule lines in the table `builtins`
 * below, compiled by the same sc_policy_add_rule() that compiles a
 * scenario's [policy.NAME] sections, and data/policies/NAME.ini hold the
 * same lines (test_policy_reader checks that they agree).
 *
 * The facts read only what an agent would see: the review's evidence
 * summary, the records it found (by id, never their true subject), the
 * IDENT result and the booking (its FBI conviction flag and the
 * birthplace the clerk wrote).  The truth is never read here.
 *
 * Data: sc_policy, a fixed array of at most SC_POLICY_RULES_MAX rules of
 * two masks and a name (about 2 KB), copied by value.  Workload: one
 * sc_policy_facts() and one sc_policy_apply() per booking, a few dozen
 * instructions and no allocation; compiling happens once per run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "scomm/geo.h"
#include "scomm/policy.h"
#include "scomm/registry.h"

/* ---- facts ---- */

static const char *const fact_names[SC_FACT_COUNT] = {
    [SC_FACT_QUERIED] = "queried",
    [SC_FACT_IDENT_HIT] = "ident_hit",
    [SC_FACT_IDENT_RECORD] = "ident_record",
    [SC_FACT_RECORDS_FOUND] = "records_found",
    [SC_FACT_RECORDS_SHOW_CITIZEN] = "records_show_citizen",
    [SC_FACT_RECORDS_SHOW_LPR] = "records_show_lpr",
    [SC_FACT_RECORDS_SHOW_TEMPORARY] = "records_show_temporary",
    [SC_FACT_RECORDS_SHOW_LAWFUL] = "records_show_lawful",
    [SC_FACT_RECORDS_SHOW_ORDER] = "records_show_order",
    [SC_FACT_RECORDS_SHOW_NO_STATUS] = "records_show_no_status",
    [SC_FACT_NO_RECORD_OF_STATUS] = "no_record_of_status",
    [SC_FACT_HAS_FINAL_ORDER] = "has_final_order",
    [SC_FACT_RECENT_UNLAWFUL_ENTRY] = "recent_unlawful_entry",
    [SC_FACT_FOREIGN_BIRTH] = "foreign_birth",
    [SC_FACT_BOOKING_FOREIGN_BIRTH] = "booking_foreign_birth",
    [SC_FACT_CONVICTED] = "convicted",
    [SC_FACT_CONVICTED_MISDEMEANOR] = "convicted_misdemeanor",
    [SC_FACT_AFILE_SHOWS_CITIZEN] = "afile_shows_citizen",
    [SC_FACT_AFILE_SHOWS_LAWFUL] = "afile_shows_lawful",
    [SC_FACT_PARENT_CITIZEN] = "parent_citizen",
    [SC_FACT_CLAIMS_CITIZENSHIP] = "claims_citizenship",
    [SC_FACT_CLAIM_VERIFIED] = "claim_verified",
};

_Static_assert(SC_FACT_COUNT <= 64, "facts must fit one sc_facts word");

#define BIT(f) ((sc_facts)1 << (f))

const char *sc_fact_name(int fact)
{
    if (fact < 0 || fact >= SC_FACT_COUNT)
        return "?";
    return fact_names[fact];
}

int sc_fact_find(const char *name)
{
    int f;

    for (f = 0; f < SC_FACT_COUNT; f++)
        if (strcmp(fact_names[f], name) == 0)
            return f;
    return SC_ENOENT;
}

static int foreign_country(uint16_t c)
{
    return c != SC_COUNTRY_US && c != SC_COUNTRY_UNKNOWN;
}

sc_facts sc_policy_facts(const sc_booking *b, const sc_ident_result *ident,
                         const sc_evidence *ev)
{
    sc_facts f = 0;

    if (ident && ident->hit)
        f |= BIT(SC_FACT_IDENT_HIT);
    if (b->convicted)
        f |= BIT(SC_FACT_CONVICTED);
    if (b->misdemeanor)
        f |= BIT(SC_FACT_CONVICTED_MISDEMEANOR);
    if (foreign_country(b->pob))
        f |= BIT(SC_FACT_BOOKING_FOREIGN_BIRTH);
    if (!ev || !ev->queried)
        return f;

    f |= BIT(SC_FACT_QUERIED);
    if (ev->ident_record)
        f |= BIT(SC_FACT_IDENT_RECORD);
    if (ev->n > 0)
        f |= BIT(SC_FACT_RECORDS_FOUND);
    switch (ev->status) {
    case SC_RS_CITIZEN:
        f |= BIT(SC_FACT_RECORDS_SHOW_CITIZEN);
        break;
    case SC_RS_LPR:
        f |= BIT(SC_FACT_RECORDS_SHOW_LPR) | BIT(SC_FACT_RECORDS_SHOW_LAWFUL);
        break;
    case SC_RS_TEMPORARY:
        f |= BIT(SC_FACT_RECORDS_SHOW_TEMPORARY) |
             BIT(SC_FACT_RECORDS_SHOW_LAWFUL);
        break;
    case SC_RS_ORDERED:
        f |= BIT(SC_FACT_RECORDS_SHOW_ORDER);
        break;
    case SC_RS_NO_STATUS:
        f |= BIT(SC_FACT_RECORDS_SHOW_NO_STATUS);
        break;
    default:
        break;
    }
    if (!(f & (BIT(SC_FACT_RECORDS_SHOW_CITIZEN) |
               BIT(SC_FACT_RECORDS_SHOW_LAWFUL))))
        f |= BIT(SC_FACT_NO_RECORD_OF_STATUS);
    if (ev->has_order)
        f |= BIT(SC_FACT_HAS_FINAL_ORDER);
    if (ev->foreign_birth)
        f |= BIT(SC_FACT_FOREIGN_BIRTH);
    if (ev->recent_entry)
        f |= BIT(SC_FACT_RECENT_UNLAWFUL_ENTRY);
    if (ev->afile_citizen)
        f |= BIT(SC_FACT_AFILE_SHOWS_CITIZEN);
    if (ev->afile_lawful)
        f |= BIT(SC_FACT_AFILE_SHOWS_LAWFUL);
    if (ev->parent_citizen)
        f |= BIT(SC_FACT_PARENT_CITIZEN);
    if (ev->claims)
        f |= BIT(SC_FACT_CLAIMS_CITIZENSHIP);
    if (ev->claim_verified)
        f |= BIT(SC_FACT_CLAIM_VERIFIED);
    return f;
}

/* ---- the language ---- */

static const char *const box_names[] = {
    [SC_PC_NONE] = "none",
    [SC_PC_FINAL_ORDER] = "final-order",
    [SC_PC_PENDING] = "pending-proceedings",
    [SC_PC_BIOMETRIC] = "biometric-and-records",
    [SC_PC_STATEMENTS] = "statements-or-other-evidence",
};

#define BOX_LIST "final-order, pending-proceedings, biometric-and-records " \
                 "or statements-or-other-evidence"

/* Rule lines are short; a longer one is a mistake, not a need. */
#define LINE_MAX_LEN 1024
#define WORDS_MAX 128

static int fail(char *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err) {
        va_start(ap, fmt);
        vsnprintf(err, SC_ERRMSG_MAX, fmt, ap);
        va_end(ap);
    }
    return code;
}

static int is_lower_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* [a-z0-9] then [a-z0-9] and `extra`, shorter than SC_POLICY_NAME_MAX. */
static int valid_name(const char *s, const char *extra)
{
    size_t i;

    if (!is_lower_alnum((unsigned char)s[0]))
        return 0;
    for (i = 1; s[i]; i++)
        if (!is_lower_alnum((unsigned char)s[i]) && !strchr(extra, s[i]))
            return 0;
    return i < SC_POLICY_NAME_MAX;
}

int sc_policy_init(sc_policy *pol, const char *name, char *err)
{
    memset(pol, 0, sizeof *pol);
    if (!name || !valid_name(name, "._-"))
        return fail(err, SC_EINVAL, "policy name '%s': use up to %d "
                    "lowercase letters, digits, '.', '_' and '-', starting "
                    "with a letter or digit", name ? name : "",
                    SC_POLICY_NAME_MAX - 1);
    memcpy(pol->name, name, strlen(name) + 1);
    return 0;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Splits buf in place into words; returns how many, or -1 if too many. */
static int split_words(char *buf, char **words)
{
    int n = 0;
    char *s = buf;

    for (;;) {
        while (is_blank((unsigned char)*s))
            s++;
        if (!*s)
            return n;
        if (n == WORDS_MAX)
            return -1;
        words[n++] = s;
        while (*s && !is_blank((unsigned char)*s))
            s++;
        if (*s)
            *s++ = '\0';
    }
}

static int is_otherwise(const sc_policy_rule *r)
{
    return r->need == 0 && r->deny == 0;
}

/* A rule `when not queried then no-detainer`: after it, no rule can see
 * a booking that was not queried. */
static int is_query_guard(const sc_policy_rule *r)
{
    return r->need == 0 && r->deny == BIT(SC_FACT_QUERIED) && !r->detainer;
}

static int parse_action(char **w, int n, sc_policy_rule *r, char *err)
{
    int b;

    if (n == 0)
        return fail(err, SC_EPARSE, "no action: expected 'detainer BOX' "
                    "or 'no-detainer'");
    if (strcmp(w[0], "no-detainer") == 0) {
        if (n > 1)
            return fail(err, SC_EPARSE, "'%s': text after the action",
                        w[1]);
        r->detainer = 0;
        r->box = SC_PC_NONE;
        return 0;
    }
    if (strcmp(w[0], "detainer") != 0)
        return fail(err, SC_EPARSE, "'%s': unknown action; expected "
                    "'detainer BOX' or 'no-detainer'", w[0]);
    if (n == 1)
        return fail(err, SC_EPARSE, "'detainer' without a box: "
                    "expected " BOX_LIST);
    for (b = SC_PC_FINAL_ORDER; b <= SC_PC_STATEMENTS; b++)
        if (strcmp(w[1], box_names[b]) == 0)
            break;
    if (b > SC_PC_STATEMENTS)
        return fail(err, SC_EPARSE, "'%s': unknown box; expected " BOX_LIST,
                    w[1]);
    if (n > 2)
        return fail(err, SC_EPARSE, "'%s': text after the action", w[2]);
    r->detainer = 1;
    r->box = (uint8_t)b;
    return 0;
}

/* Parses "[not] FACT and ... then ACTION" starting at w[0]. */
static int parse_when(char **w, int n, sc_policy_rule *r, char *err)
{
    int i = 0;

    for (;;) {
        int neg = 0, f;

        if (i < n && strcmp(w[i], "not") == 0) {
            neg = 1;
            i++;
        }
        if (i >= n || strcmp(w[i], "then") == 0 ||
            strcmp(w[i], "and") == 0)
            return fail(err, SC_EPARSE, "%s without a fact",
                        neg ? "'not'" : i == 0 ? "'when'" : "'and'");
        f = sc_fact_find(w[i]);
        if (f < 0)
            return fail(err, SC_EPARSE, "'%s': unknown fact (the facts "
                        "are listed in docs/policies.md)", w[i]);
        if ((r->need | r->deny) & BIT(f)) {
            if ((neg ? r->need : r->deny) & BIT(f))
                return fail(err, SC_EPARSE, "fact '%s' both required and "
                            "negated: the rule can never fire", w[i]);
            return fail(err, SC_EPARSE, "fact '%s' named twice", w[i]);
        }
        if (neg)
            r->deny |= BIT(f);
        else
            r->need |= BIT(f);
        i++;
        if (i >= n)
            return fail(err, SC_EPARSE, "no 'then' after the condition");
        if (strcmp(w[i], "then") == 0)
            return parse_action(w + i + 1, n - i - 1, r, err);
        if (strcmp(w[i], "and") != 0)
            return fail(err, SC_EPARSE, "'%s': expected 'and' or 'then'",
                        w[i]);
        i++;
    }
}

int sc_policy_add_rule(sc_policy *pol, const char *line, char *err)
{
    char buf[LINE_MAX_LEN];
    char *words[WORDS_MAX], *colon, *name;
    sc_policy_rule r;
    size_t len = strlen(line);
    int n, i, rc;

    if (len >= sizeof buf)
        return fail(err, SC_EPARSE, "rule longer than %d characters",
                    LINE_MAX_LEN - 1);
    memcpy(buf, line, len + 1);
    colon = strchr(buf, ':');
    if (!colon)
        return fail(err, SC_EPARSE, "'%s': expected 'NAME: when ... then "
                    "ACTION' or 'NAME: otherwise ACTION'", line);
    *colon = '\0';
    n = split_words(buf, words);
    if (n != 1)
        return fail(err, SC_EPARSE, "'%s': a rule name is one word before "
                    "':'", n > 1 ? words[1] : "");
    name = words[0];
    if (!valid_name(name, "-"))
        return fail(err, SC_EPARSE, "rule name '%s': use up to %d "
                    "lowercase letters, digits and '-'", name,
                    SC_POLICY_NAME_MAX - 1);

    memset(&r, 0, sizeof r);
    memcpy(r.name, name, strlen(name) + 1);
    n = split_words(colon + 1, words);
    if (n < 0)
        return fail(err, SC_EPARSE, "rule '%s' has too many words", name);
    if (n == 0)
        return fail(err, SC_EPARSE, "rule '%s' is empty: expected 'when' "
                    "or 'otherwise'", name);
    if (strcmp(words[0], "otherwise") == 0)
        rc = parse_action(words + 1, n - 1, &r, err);
    else if (strcmp(words[0], "when") == 0)
        rc = parse_when(words + 1, n - 1, &r, err);
    else
        rc = fail(err, SC_EPARSE, "'%s': expected 'when' or 'otherwise'",
                  words[0]);
    if (rc < 0)
        return rc;

    if (pol->n == SC_POLICY_RULES_MAX)
        return fail(err, SC_ERANGE, "rule '%s': more than %d rules", name,
                    SC_POLICY_RULES_MAX);
    if (pol->n > 0 && is_otherwise(&pol->rules[pol->n - 1]))
        return fail(err, SC_EPARSE, "rule '%s' follows an 'otherwise' rule "
                    "and can never fire", name);
    if (r.detainer && !(r.need & BIT(SC_FACT_QUERIED))) {
        for (i = 0; i < pol->n; i++)
            if (is_query_guard(&pol->rules[i]))
                break;
        if (i == pol->n)
            return fail(err, SC_EPARSE, "rule '%s' could issue a detainer "
                        "without a query: require 'queried' or put a rule "
                        "'when not queried then no-detainer' before it",
                        name);
    }
    pol->rules[pol->n++] = r;
    return 0;
}

int sc_policy_finish(const sc_policy *pol, char *err)
{
    if (pol->n == 0)
        return fail(err, SC_EINVAL, "policy '%s' has no rules", pol->name);
    if (!is_otherwise(&pol->rules[pol->n - 1]))
        return fail(err, SC_EINVAL, "policy '%s' does not end with an "
                    "'otherwise' rule: the last rule must decide every case "
                    "left", pol->name);
    return 0;
}

/* Text appended to a caller's buffer, snprintf-style: `at` counts what
 * was asked for, even beyond `len`. */
typedef struct text {
    char *buf;
    size_t len, at;
} text;

static void put(text *t, const char *fmt, ...)
{
    size_t room = t->at < t->len ? t->len - t->at : 0;
    va_list ap;
    int k;

    va_start(ap, fmt);
    k = vsnprintf(room ? t->buf + t->at : NULL, room, fmt, ap);
    va_end(ap);
    if (k > 0)
        t->at += (size_t)k;
}

int sc_policy_rule_format(const sc_policy *pol, int i, char *buf,
                          size_t len)
{
    text t = {buf, len, 0};
    const sc_policy_rule *r;
    int f, first = 1;

    if (len)
        buf[0] = '\0';
    if (i < 0 || i >= pol->n) {
        put(&t, "?");
        return (int)t.at;
    }
    r = &pol->rules[i];
    put(&t, "%s: ", r->name);
    if (is_otherwise(r)) {
        put(&t, "otherwise");
    } else {
        put(&t, "when");
        for (f = 0; f < SC_FACT_COUNT; f++) {
            if (!((r->need | r->deny) & BIT(f)))
                continue;
            put(&t, "%s%s%s", first ? " " : " and ",
                r->deny & BIT(f) ? "not " : "", fact_names[f]);
            first = 0;
        }
        put(&t, " then");
    }
    if (r->detainer)
        put(&t, " detainer %s", box_names[r->box]);
    else
        put(&t, " no-detainer");
    return (int)t.at;
}

/* ---- shipped policies ----
 *
 * Each the text of data/policies/NAME.ini, rule for rule, with the facts
 * of a rule in enum order (as sc_policy_rule_format writes them back).
 * The legal basis of each is in docs/policies.md. */

static const char *const database_only[] = {
    "no-query: when not queried then no-detainer",
    "records-show-citizen: when records_show_citizen then no-detainer",
    "lawful-status-removable-conviction: when records_show_lawful and "
    "convicted then detainer biometric-and-records",
    "records-show-lawful-status: when records_show_lawful then no-detainer",
    "final-order: when has_final_order then detainer final-order",
    "no-record-of-status: when ident_hit then detainer "
    "biometric-and-records",
    "no-record-of-status: when foreign_birth then detainer "
    "statements-or-other-evidence",
    "no-status-no-foreign-sign: otherwise no-detainer",
    NULL
};

static const char *const priorities_2014[] = {
    "no-query: when not queried then no-detainer",
    "records-show-citizen: when records_show_citizen then no-detainer",
    "not-a-priority: when not convicted and not convicted_misdemeanor then "
    "no-detainer",
    "lawful-status-removable-conviction: when records_show_lawful and "
    "convicted then detainer biometric-and-records",
    "records-show-lawful-status: when records_show_lawful then no-detainer",
    "final-order: when has_final_order then detainer final-order",
    "no-record-of-status: when ident_hit then detainer "
    "biometric-and-records",
    "no-record-of-status: when foreign_birth then detainer "
    "statements-or-other-evidence",
    "no-status-no-foreign-sign: otherwise no-detainer",
    NULL
};

static const char *const individualized[] = {
    "no-query: when not queried then no-detainer",
    "records-show-citizen: when records_show_citizen then no-detainer",
    "afile-shows-citizen: when afile_shows_citizen then no-detainer",
    "citizenship-claim-verified: when claim_verified then no-detainer",
    "possible-derived-citizenship: when parent_citizen then no-detainer",
    "lawful-status-removable-conviction: when records_show_lawful and "
    "convicted then detainer biometric-and-records",
    "records-show-lawful-status: when records_show_lawful then no-detainer",
    "lawful-status-removable-conviction: when convicted and "
    "afile_shows_lawful then detainer biometric-and-records",
    "afile-shows-lawful-status: when afile_shows_lawful then no-detainer",
    "final-order: when has_final_order then detainer final-order",
    "no-record-of-status: when ident_hit then detainer "
    "biometric-and-records",
    "no-record-of-status: when foreign_birth then detainer "
    "statements-or-other-evidence",
    "no-status-no-foreign-sign: otherwise no-detainer",
    NULL
};

static const char *const judicial[] = {
    "no-query: when not queried then no-detainer",
    "records-show-citizen: when records_show_citizen then no-detainer",
    "lawful-status-removable-conviction: when ident_hit and "
    "records_show_lawful and convicted then detainer "
    "biometric-and-records",
    "lawful-status-removable-conviction: when records_show_lawful and "
    "convicted then detainer statements-or-other-evidence",
    "records-show-lawful-status: when records_show_lawful then no-detainer",
    "final-order: when has_final_order then detainer final-order",
    "recent-unlawful-entry: when ident_hit and recent_unlawful_entry then "
    "detainer biometric-and-records",
    "recent-unlawful-entry: when recent_unlawful_entry then detainer "
    "statements-or-other-evidence",
    "no-affirmative-evidence: otherwise no-detainer",
    NULL
};

static const struct builtin {
    const char *name;
    const char *const *rules;
} builtins[] = {
    { "database-only", database_only },
    { "priorities-2014", priorities_2014 },
    { "individualized", individualized },
    { "judicial", judicial },
};

#define N_BUILTINS (sizeof builtins / sizeof builtins[0])

static const struct builtin *find_builtin(const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < N_BUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

const char *sc_policy_builtin_name(size_t i)
{
    return i < N_BUILTINS ? builtins[i].name : NULL;
}

const char *const *sc_policy_builtin_rules(const char *name)
{
    const struct builtin *b = find_builtin(name);
    return b ? b->rules : NULL;
}

int sc_policy_builtin(const char *name, sc_policy *out)
{
    const struct builtin *b = find_builtin(name);
    char err[SC_ERRMSG_MAX];
    size_t i;
    int rc;

    if (!b)
        return SC_ENOENT;
    rc = sc_policy_init(out, b->name, err);
    for (i = 0; rc == 0 && b->rules[i]; i++)
        rc = sc_policy_add_rule(out, b->rules[i], err);
    if (rc == 0)
        rc = sc_policy_finish(out, err);
    /* The shipped texts are fixed and tested; failing here is a bug. */
    return rc == 0 ? 0 : SC_EINVAL;
}

int sc_policy_check(const char *policy)
{
    return find_builtin(policy) ? 0 : SC_ENOENT;
}

/* ---- deciding ---- */

void sc_policy_apply(const sc_policy *pol, sc_facts f, sc_decision *out)
{
    uint16_t i;

    for (i = 0; i < pol->n; i++) {
        const sc_policy_rule *r = &pol->rules[i];

        if ((f & r->need) == r->need && (f & r->deny) == 0) {
            out->detainer = r->detainer;
            out->box = r->detainer ? r->box : (uint8_t)SC_PC_NONE;
            out->rule = (uint8_t)i;
            return;
        }
    }
    /* Unreachable for a finished policy (it ends with `otherwise`). */
    out->detainer = 0;
    out->box = SC_PC_NONE;
    out->rule = SC_RULE_UNKNOWN;
}

void sc_policy_eval(const sc_policy *pol, const sc_booking *b,
                    const sc_ident_result *ident, const sc_evidence *ev,
                    sc_decision *out)
{
    sc_policy_apply(pol, sc_policy_facts(b, ident, ev), out);
}

void sc_policy_decide(const char *policy, const sc_booking *b,
                      const sc_ident_result *ident, const sc_evidence *ev,
                      sc_decision *out)
{
    sc_policy pol;

    memset(out, 0, sizeof *out);
    if (sc_policy_builtin(policy, &pol) != 0) {
        /* Callers validate the policy name up front (sc_params_validate);
         * an unknown one never detains. */
        out->rule = SC_RULE_UNKNOWN;
        return;
    }
    sc_policy_eval(&pol, b, ident, ev, out);
}

const char *sc_policy_rule_label(const sc_policy *pol, int rule)
{
    if (rule == SC_RULE_UNKNOWN)
        return "unknown-policy";
    if (!pol || rule < 0 || rule >= pol->n)
        return "?";
    return pol->rules[rule].name;
}

const char *sc_policy_rule_name(int rule)
{
    static const char *const db_only_names[] = {
        "no-query", "records-show-citizen",
        "lawful-status-removable-conviction", "records-show-lawful-status",
        "final-order", "no-record-of-status", "no-record-of-status",
        "no-status-no-foreign-sign",
    };
    /* The names of database_only[] above, in order: a static copy, so that
     * this function needs no compiled policy (test_policy checks the two
     * agree). */
    if (rule == SC_RULE_UNKNOWN)
        return "unknown-policy";
    if (rule < 0 ||
        rule >= (int)(sizeof db_only_names / sizeof db_only_names[0]))
        return "?";
    return db_only_names[rule];
}

const char *sc_pc_box_name(int box)
{
    if (box < 0 || box > SC_PC_STATEMENTS)
        return "?";
    return box_names[box];
}
