/*
 * test_policy.c - the rule language, the facts, and the four shipped
 * policies.
 *
 * The decisions are table-driven from tests/data/policy_cases.csv: each
 * row gives the evidence of one booking (what the review found, the IDENT
 * result, the booking's conviction flag and birthplace, an apprehension
 * record, and any fact of the individualized review forced on), a
 * policy, and the decision, box and rule expected.  Every rule of every
 * shipped policy must fire in some row, so a rule added without a case
 * fails here.  Booking date of every row: 2013-03-15.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scomm/geo.h"
#include "scomm/io/csv_reader.h"
#include "scomm/policy.h"
#include "scomm/registry.h"
#include "test_util.h"

#define CASES "tests/data/policy_cases.csv"
#define BIT(f) ((sc_facts)1 << (f))

static const char *const shipped[] = {
    "database-only", "priorities-2014", "individualized", "judicial"
};
#define N_SHIPPED 4

/* ---- the data file ---- */

typedef struct cols {
    int c_case, c_policy, c_queried, c_status, c_order, c_foreign, c_pob,
        c_hit, c_convicted, c_appr, c_facts, c_detainer, c_box, c_rule;
} cols;

static int status_of(const char *s)
{
    static const struct { const char *name; int status; } m[] = {
        {"none", SC_RS_NONE},       {"citizen", SC_RS_CITIZEN},
        {"lpr", SC_RS_LPR},         {"temporary", SC_RS_TEMPORARY},
        {"no-status", SC_RS_NO_STATUS}, {"ordered", SC_RS_ORDERED},
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcmp(m[i].name, s) == 0)
            return m[i].status;
    fail_msg("unknown status '%s' in " CASES, s);
    return -1;
}

static int box_of(const char *s)
{
    for (int b = SC_PC_NONE; b <= SC_PC_STATEMENTS; b++)
        if (strcmp(sc_pc_box_name(b), s) == 0)
            return b;
    fail_msg("unknown box '%s' in " CASES, s);
    return -1;
}

static int flag(const char *s)
{
    if (strcmp(s, "0") == 0)
        return 0;
    if (strcmp(s, "1") == 0)
        return 1;
    fail_msg("'%s' is not 0 or 1 in " CASES, s);
    return -1;
}

/* The facts named in a space-separated list. */
static sc_facts forced_facts(const char *s)
{
    char buf[256];
    sc_facts f = 0;
    char *w, *save = NULL;

    snprintf(buf, sizeof buf, "%s", s);
    for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        int k = sc_fact_find(w);
        if (k < 0)
            fail_msg("unknown fact '%s' in " CASES, w);
        f |= BIT(k);
    }
    return f;
}

/* Runs one row: builds the booking, IDENT result, evidence and (for an
 * apprehension) a one-record registry, computes the facts and decides. */
static void run_row(sc_csv *c, const cols *k, sc_policy *pols,
                    uint32_t fired[N_SHIPPED])
{
    const char *what = sc_csv_field(c, (size_t)k->c_case);
    const char *pname = sc_csv_field(c, (size_t)k->c_policy);
    const char *pob = sc_csv_field(c, (size_t)k->c_pob);
    const char *appr = sc_csv_field(c, (size_t)k->c_appr);
    sc_booking b;
    sc_ident_result id;
    sc_evidence ev;
    sc_decision d;
    sc_facts f;
    int p, want_det, want_box;
    const char *want_rule = sc_csv_field(c, (size_t)k->c_rule);

    for (p = 0; p < N_SHIPPED; p++)
        if (strcmp(shipped[p], pname) == 0)
            break;
    if (p == N_SHIPPED)
        fail_msg(CASES ":%ld: unknown policy '%s'", sc_csv_line(c), pname);

    memset(&b, 0, sizeof b);
    memset(&id, 0, sizeof id);
    memset(&ev, 0, sizeof ev);
    b.date = sc_date_from_ymd(2013, 3, 15);
    b.convicted = (uint8_t)flag(sc_csv_field(c, (size_t)k->c_convicted));
    if (strcmp(pob, "us") == 0)
        b.pob = SC_COUNTRY_US;
    else if (strcmp(pob, "foreign") == 0)
        b.pob = 7;
    else if (strcmp(pob, "missing") == 0)
        b.pob = SC_COUNTRY_UNKNOWN;
    else
        fail_msg(CASES ":%ld: booking_pob '%s'", sc_csv_line(c), pob);
    id.searched = 1;
    id.hit = (uint8_t)flag(sc_csv_field(c, (size_t)k->c_hit));
    id.fin = id.hit ? 77 : 0;
    ev.queried = (uint8_t)flag(sc_csv_field(c, (size_t)k->c_queried));
    ev.status = (uint8_t)status_of(sc_csv_field(c, (size_t)k->c_status));
    ev.has_order = (uint8_t)flag(sc_csv_field(c, (size_t)k->c_order));
    ev.foreign_birth =
        (uint8_t)flag(sc_csv_field(c, (size_t)k->c_foreign));
    ev.ident_record = id.hit;
    if (!ev.queried)
        memset(&ev, 0, sizeof ev);

    if (appr[0] && ev.queried) {
        /* The apprehension record the review found; the review marks
         * the evidence with sc_review_recent_entry. */
        sc_record r;
        memset(&r, 0, sizeof r);
        assert_int_equal(sc_date_parse(appr, &r.date), 0);
        r.posted = r.date;
        r.until = SC_DATE_NEVER;
        r.registry = SC_REG_ENFORCE;
        r.kind = SC_REC_APPREHENSION;
        r.status = SC_RS_NO_STATUS;
        ev.recent_entry = (uint8_t)sc_review_recent_entry(&r, b.date);
        ev.n = 1;
    }

    f = sc_policy_facts(&b, &id, &ev) |
        forced_facts(sc_csv_field(c, (size_t)k->c_facts));
    memset(&d, 0xAA, sizeof d);
    sc_policy_apply(&pols[p], f, &d);
    want_det = flag(sc_csv_field(c, (size_t)k->c_detainer));
    want_box = box_of(sc_csv_field(c, (size_t)k->c_box));
    if (d.detainer != want_det || d.box != want_box ||
        strcmp(sc_policy_rule_label(&pols[p], d.rule), want_rule) != 0)
        fail_msg(CASES ":%ld: '%s' under %s: got detainer %d box %s rule "
                 "'%s', wanted %d %s '%s'", sc_csv_line(c), what, pname,
                 d.detainer, sc_pc_box_name(d.box),
                 sc_policy_rule_label(&pols[p], d.rule), want_det,
                 sc_pc_box_name(want_box), want_rule);
    /* The same decision through the one-call path, where no fact is
     * forced. */
    if (!sc_csv_field(c, (size_t)k->c_facts)[0]) {
        sc_decision d2;
        sc_policy_decide(pname, &b, &id, &ev, &d2);
        assert_memory_equal(&d, &d2, sizeof d);
    }
    assert_true(d.rule < 32);
    fired[p] |= 1u << d.rule;
}

static void test_cases_file(void **state)
{
    sc_policy pols[N_SHIPPED];
    uint32_t fired[N_SHIPPED] = {0};
    char err[SC_ERRMSG_MAX];
    sc_csv *c;
    cols k;
    int rc, rows = 0;

    (void)state;
    for (int p = 0; p < N_SHIPPED; p++)
        assert_int_equal(sc_policy_builtin(shipped[p], &pols[p]), 0);
    if (sc_csv_open(CASES, &c, err) < 0)
        fail_msg("%s (run the tests from the repository root)", err);
#define REQ(field, name) \
    assert_int_equal(sc_csv_require(c, name, &k.field, err), 0)
    REQ(c_case, "case");
    REQ(c_policy, "policy");
    REQ(c_queried, "queried");
    REQ(c_status, "status");
    REQ(c_order, "has_order");
    REQ(c_foreign, "foreign_birth");
    REQ(c_pob, "booking_pob");
    REQ(c_hit, "ident_hit");
    REQ(c_convicted, "convicted");
    REQ(c_appr, "apprehension");
    REQ(c_facts, "facts");
    REQ(c_detainer, "detainer");
    REQ(c_box, "box");
    REQ(c_rule, "rule");
#undef REQ
    while ((rc = sc_csv_next(c, err)) == 1) {
        run_row(c, &k, pols, fired);
        rows++;
    }
    if (rc != 0)
        fail_msg("%s", err);
    sc_csv_close(c);
    assert_true(rows >= 100);

    /* Every rule of every shipped policy is exercised by some row. */
    for (int p = 0; p < N_SHIPPED; p++)
        for (int r = 0; r < pols[p].n; r++)
            if (!(fired[p] & (1u << r)))
                fail_msg("%s rule %d '%s' fires in no row of " CASES,
                         shipped[p], r, pols[p].rules[r].name);
}

/* ---- facts ---- */

static void test_fact_names(void **state)
{
    (void)state;
    for (int f = 0; f < SC_FACT_COUNT; f++) {
        assert_string_not_equal(sc_fact_name(f), "?");
        assert_int_equal(sc_fact_find(sc_fact_name(f)), f);
    }
    assert_string_equal(sc_fact_name(-1), "?");
    assert_string_equal(sc_fact_name(SC_FACT_COUNT), "?");
    assert_int_equal(sc_fact_find("no_such_fact"), SC_ENOENT);
    assert_int_equal(sc_fact_find("Queried"), SC_ENOENT);
}

/* Each finding of the officer's review gives its fact, and only under a
 * query. */
static void test_officer_facts(void **state)
{
    static const struct {
        size_t off;
        int fact;
    } map[] = {
        {offsetof(sc_evidence, afile_citizen), SC_FACT_AFILE_SHOWS_CITIZEN},
        {offsetof(sc_evidence, afile_lawful), SC_FACT_AFILE_SHOWS_LAWFUL},
        {offsetof(sc_evidence, parent_citizen), SC_FACT_PARENT_CITIZEN},
        {offsetof(sc_evidence, claims), SC_FACT_CLAIMS_CITIZENSHIP},
        {offsetof(sc_evidence, claim_verified), SC_FACT_CLAIM_VERIFIED},
    };
    const sc_facts officer = BIT(SC_FACT_AFILE_SHOWS_CITIZEN) |
                             BIT(SC_FACT_AFILE_SHOWS_LAWFUL) |
                             BIT(SC_FACT_PARENT_CITIZEN) |
                             BIT(SC_FACT_CLAIMS_CITIZENSHIP) |
                             BIT(SC_FACT_CLAIM_VERIFIED);
    sc_booking b;
    sc_evidence ev;
    size_t i;

    (void)state;
    memset(&b, 0, sizeof b);
    b.pob = SC_COUNTRY_US;
    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        memset(&ev, 0, sizeof ev);
        ev.queried = 1;
        ev.heard = 1;
        ((uint8_t *)&ev)[map[i].off] = 1;
        assert_int_equal(sc_policy_facts(&b, NULL, &ev) & officer,
                         BIT(map[i].fact));
        ev.queried = 0;
        assert_int_equal(sc_policy_facts(&b, NULL, &ev) & officer, 0);
    }
}

/* Every evidence summary gives exactly one of the records_show_* facts
 * or none, no_record_of_status exactly when neither citizenship nor a
 * lawful status shows, and no officer's fact the officer did not find. */
static void test_facts_from_evidence(void **state)
{
    const sc_facts computed = ((sc_facts)1 << SC_FACT_AFILE_SHOWS_CITIZEN) - 1;
    sc_booking b;
    sc_ident_result id;
    sc_evidence ev;

    (void)state;
    memset(&b, 0, sizeof b);
    b.date = sc_date_from_ymd(2013, 1, 1);
    for (int q = 0; q < 2; q++)
        for (int st = 0; st < SC_RS_COUNT; st++)
            for (int bits = 0; bits < 32; bits++) {
                sc_facts f, shown;
                memset(&ev, 0, sizeof ev);
                memset(&id, 0, sizeof id);
                ev.queried = (uint8_t)q;
                ev.status = (uint8_t)st;
                ev.has_order = bits & 1;
                ev.foreign_birth = (bits >> 1) & 1;
                id.hit = (bits >> 2) & 1;
                b.convicted = (bits >> 3) & 1;
                b.pob = (bits >> 4) & 1 ? 9 : SC_COUNTRY_US;
                f = sc_policy_facts(&b, &id, &ev);
                assert_int_equal(f & ~computed, 0);
                assert_int_equal(!!(f & BIT(SC_FACT_IDENT_HIT)), id.hit);
                assert_int_equal(!!(f & BIT(SC_FACT_CONVICTED)),
                                 b.convicted);
                assert_int_equal(!!(f & BIT(SC_FACT_BOOKING_FOREIGN_BIRTH)),
                                 (bits >> 4) & 1);
                assert_int_equal(!!(f & BIT(SC_FACT_QUERIED)), q);
                assert_false(f & BIT(SC_FACT_RECENT_UNLAWFUL_ENTRY));
                if (!q) {
                    /* Without a query, nothing the review would find. */
                    assert_int_equal(f & ~(BIT(SC_FACT_IDENT_HIT) |
                                           BIT(SC_FACT_CONVICTED) |
                                           BIT(SC_FACT_BOOKING_FOREIGN_BIRTH)),
                                     0);
                    continue;
                }
                assert_int_equal(!!(f & BIT(SC_FACT_HAS_FINAL_ORDER)),
                                 ev.has_order);
                assert_int_equal(!!(f & BIT(SC_FACT_FOREIGN_BIRTH)),
                                 ev.foreign_birth);
                shown = f & (BIT(SC_FACT_RECORDS_SHOW_CITIZEN) |
                             BIT(SC_FACT_RECORDS_SHOW_LPR) |
                             BIT(SC_FACT_RECORDS_SHOW_TEMPORARY) |
                             BIT(SC_FACT_RECORDS_SHOW_ORDER) |
                             BIT(SC_FACT_RECORDS_SHOW_NO_STATUS));
                assert_true((shown & (shown - 1)) == 0);
                assert_int_equal(shown == 0, st == SC_RS_NONE ||
                                                 st == SC_RS_REMOVED);
                assert_int_equal(!!(f & BIT(SC_FACT_RECORDS_SHOW_LAWFUL)),
                                 st == SC_RS_LPR || st == SC_RS_TEMPORARY);
                assert_int_equal(!!(f & BIT(SC_FACT_NO_RECORD_OF_STATUS)),
                                 st != SC_RS_CITIZEN && st != SC_RS_LPR &&
                                     st != SC_RS_TEMPORARY);
            }
    /* NULL ident and NULL evidence read as no hit and no query. */
    b.convicted = 0;
    b.pob = SC_COUNTRY_UNKNOWN;
    assert_int_equal(sc_policy_facts(&b, NULL, NULL), 0);
}

/* An apprehension counts only from the enforcement registry, stating no
 * status, dated in the window (sc_review_recent_entry); the fact reads
 * the evidence's mark. */
static void test_recent_unlawful_entry(void **state)
{
    sc_record r;
    sc_booking b;
    sc_evidence ev;
    sc_date on = sc_date_from_ymd(2013, 1, 1);

    (void)state;
    memset(&r, 0, sizeof r);
    r.until = SC_DATE_NEVER;
    r.anum = 3;
    r.registry = SC_REG_ENFORCE;
    r.kind = SC_REC_APPREHENSION;
    r.status = SC_RS_NO_STATUS;
    r.date = r.posted = sc_date_from_ymd(2012, 6, 1);
    assert_true(sc_review_recent_entry(&r, on));
    r.kind = SC_REC_ORDER;                     /* not an apprehension */
    r.status = SC_RS_ORDERED;
    assert_false(sc_review_recent_entry(&r, on));
    r.registry = SC_REG_IDENT;                 /* an IDENT encounter */
    r.kind = SC_REC_ENCOUNTER;
    r.status = SC_RS_NO_STATUS;
    assert_false(sc_review_recent_entry(&r, on));
    r.registry = SC_REG_ENFORCE;
    r.kind = SC_REC_APPREHENSION;
    r.status = SC_RS_LPR;                      /* states a status */
    assert_false(sc_review_recent_entry(&r, on));
    r.status = SC_RS_NO_STATUS;
    /* Not from a record dated after the booking. */
    assert_false(sc_review_recent_entry(&r, sc_date_from_ymd(2012, 5, 31)));
    /* Leap day: the window starts on Feb 28 three years before. */
    r.date = sc_date_from_ymd(2013, 2, 28);
    assert_true(sc_review_recent_entry(&r, sc_date_from_ymd(2016, 2, 29)));
    r.date = sc_date_from_ymd(2013, 2, 27);
    assert_false(sc_review_recent_entry(&r, sc_date_from_ymd(2016, 2, 29)));
    /* The window's first day counts, the day before does not. */
    r.date = sc_date_from_ymd(2012, 6, 1);
    assert_true(sc_review_recent_entry(&r, sc_date_from_ymd(2015, 6, 1)));
    assert_false(sc_review_recent_entry(&r, sc_date_from_ymd(2015, 6, 2)));

    memset(&b, 0, sizeof b);
    b.pob = SC_COUNTRY_UNKNOWN;
    b.date = on;
    memset(&ev, 0, sizeof ev);
    ev.queried = 1;
    assert_false(sc_policy_facts(&b, NULL, &ev) &
                 BIT(SC_FACT_RECENT_UNLAWFUL_ENTRY));
    ev.recent_entry = 1;
    assert_true(sc_policy_facts(&b, NULL, &ev) &
                BIT(SC_FACT_RECENT_UNLAWFUL_ENTRY));
    /* Without a query nothing was reviewed. */
    ev.queried = 0;
    assert_false(sc_policy_facts(&b, NULL, &ev) &
                 BIT(SC_FACT_RECENT_UNLAWFUL_ENTRY));
}

/* ---- the language ---- */

static void expect_error(const char *line, const char *needle)
{
    sc_policy pol;
    char err[SC_ERRMSG_MAX] = "";
    int rc;

    assert_int_equal(sc_policy_init(&pol, "t", err), 0);
    rc = sc_policy_add_rule(&pol, line, err);
    if (rc >= 0 || !strstr(err, needle))
        fail_msg("'%s': got %d '%s', wanted an error with '%s'", line, rc,
                 err, needle);
    assert_int_equal(pol.n, 0);
}

static void test_rule_errors(void **state)
{
    (void)state;
    expect_error("when queried then no-detainer", "expected 'NAME:");
    expect_error("two words: otherwise no-detainer", "one word");
    expect_error(": otherwise no-detainer", "one word");
    expect_error("Bad_Name: otherwise no-detainer", "rule name 'Bad_Name'");
    expect_error("x:", "is empty");
    expect_error("x: if queried then no-detainer", "'if': expected 'when'");
    expect_error("x: when then no-detainer", "'when' without a fact");
    expect_error("x: when queried and then no-detainer",
                 "'and' without a fact");
    expect_error("x: when not then no-detainer", "'not' without a fact");
    expect_error("x: when has_order then no-detainer",
                 "'has_order': unknown fact");
    expect_error("x: when queried queried then no-detainer",
                 "'queried': expected 'and' or 'then'");
    expect_error("x: when queried", "no 'then'");
    expect_error("x: when queried and queried then no-detainer",
                 "'queried' named twice");
    expect_error("x: when queried and not queried then no-detainer",
                 "both required and negated");
    expect_error("x: when queried then", "no action");
    expect_error("x: when queried then detain", "'detain': unknown action");
    expect_error("x: when queried then detainer", "without a box");
    expect_error("x: when queried then detainer biometric", "'biometric': "
                 "unknown box");
    expect_error("x: when queried then detainer none", "'none': unknown box");
    expect_error("x: when queried then no-detainer now", "'now': text after");
    expect_error("x: when queried then detainer final-order now",
                 "'now': text after");
    expect_error("x: otherwise", "no action");
    expect_error("x: when ident_hit then detainer final-order",
                 "without a query");
    expect_error("x: otherwise detainer final-order", "without a query");
}

static void test_rule_order_checks(void **state)
{
    sc_policy pol;
    char err[SC_ERRMSG_MAX], line[64];

    (void)state;
    assert_int_equal(sc_policy_init(&pol, "ok-1.b_c", err), 0);
    assert_int_equal(sc_policy_init(&pol, "", err), SC_EINVAL);
    assert_int_equal(sc_policy_init(&pol, "Upper", err), SC_EINVAL);
    assert_int_equal(sc_policy_init(&pol, "-dash", err), SC_EINVAL);
    assert_int_equal(sc_policy_init(&pol, NULL, err), SC_EINVAL);
    memset(line, 'a', SC_POLICY_NAME_MAX - 1);
    line[SC_POLICY_NAME_MAX - 1] = '\0';
    assert_int_equal(sc_policy_init(&pol, line, err), 0);
    line[SC_POLICY_NAME_MAX - 2] = 'a';
    line[SC_POLICY_NAME_MAX - 1] = 'a';
    line[SC_POLICY_NAME_MAX] = '\0';
    assert_int_equal(sc_policy_init(&pol, line, err), SC_EINVAL);

    /* A detainer rule is fine when it requires `queried` ... */
    assert_int_equal(sc_policy_init(&pol, "p", err), 0);
    assert_int_equal(sc_policy_finish(&pol, err), SC_EINVAL);
    assert_non_null(strstr(err, "no rules"));
    assert_int_equal(sc_policy_add_rule(&pol, "a: when queried and "
                                        "ident_hit then detainer "
                                        "biometric-and-records", err), 0);
    assert_int_equal(sc_policy_finish(&pol, err), SC_EINVAL);
    assert_non_null(strstr(err, "'otherwise'"));
    /* ... or follows the guard. */
    assert_int_equal(sc_policy_add_rule(&pol, "g: when not queried then "
                                        "no-detainer", err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "b: when ident_hit then "
                                        "detainer biometric-and-records",
                                        err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "c: otherwise detainer "
                                        "statements-or-other-evidence",
                                        err), 0);
    assert_int_equal(sc_policy_finish(&pol, err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "d: otherwise no-detainer",
                                        err), SC_EPARSE);
    assert_non_null(strstr(err, "can never fire"));
    assert_int_equal(pol.n, 4);

    /* At most SC_POLICY_RULES_MAX rules. */
    assert_int_equal(sc_policy_init(&pol, "big", err), 0);
    for (int i = 0; i < SC_POLICY_RULES_MAX; i++) {
        snprintf(line, sizeof line, "r%d: when convicted then no-detainer",
                 i);
        assert_int_equal(sc_policy_add_rule(&pol, line, err), 0);
    }
    assert_int_equal(sc_policy_add_rule(&pol, "z: otherwise no-detainer",
                                        err), SC_ERANGE);
}

/* First match wins; `not` reads an absent fact as true. */
static void test_apply_first_match(void **state)
{
    sc_policy pol;
    sc_decision d;
    char err[SC_ERRMSG_MAX];

    (void)state;
    assert_int_equal(sc_policy_init(&pol, "p", err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "nq: when not queried then "
                                        "no-detainer", err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "fo: when has_final_order "
                                        "and not claim_verified then "
                                        "detainer final-order", err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "hit: when ident_hit then "
                                        "detainer biometric-and-records",
                                        err), 0);
    assert_int_equal(sc_policy_add_rule(&pol, "rest: otherwise "
                                        "no-detainer", err), 0);
    assert_int_equal(sc_policy_finish(&pol, err), 0);

    sc_policy_apply(&pol, 0, &d);
    assert_string_equal(sc_policy_rule_label(&pol, d.rule), "nq");
    sc_policy_apply(&pol, BIT(SC_FACT_QUERIED) | BIT(SC_FACT_IDENT_HIT) |
                    BIT(SC_FACT_HAS_FINAL_ORDER), &d);
    assert_string_equal(sc_policy_rule_label(&pol, d.rule), "fo");
    assert_int_equal(d.detainer, 1);
    assert_int_equal(d.box, SC_PC_FINAL_ORDER);
    sc_policy_apply(&pol, BIT(SC_FACT_QUERIED) | BIT(SC_FACT_IDENT_HIT) |
                    BIT(SC_FACT_HAS_FINAL_ORDER) |
                    BIT(SC_FACT_CLAIM_VERIFIED), &d);
    assert_string_equal(sc_policy_rule_label(&pol, d.rule), "hit");
    assert_int_equal(d.box, SC_PC_BIOMETRIC);
    sc_policy_apply(&pol, BIT(SC_FACT_QUERIED), &d);
    assert_string_equal(sc_policy_rule_label(&pol, d.rule), "rest");
    assert_int_equal(d.detainer, 0);
    assert_int_equal(d.box, SC_PC_NONE);
}

/* Formatting a compiled rule gives back the shipped line (written with
 * its facts in enum order), and compiling it again the same rule. */
static void test_format_round_trip(void **state)
{
    char buf[512], err[SC_ERRMSG_MAX];
    sc_policy pol, again;

    (void)state;
    for (size_t i = 0; sc_policy_builtin_name(i); i++) {
        const char *name = sc_policy_builtin_name(i);
        const char *const *lines = sc_policy_builtin_rules(name);
        assert_int_equal(sc_policy_builtin(name, &pol), 0);
        assert_int_equal(sc_policy_init(&again, name, err), 0);
        for (int r = 0; r < pol.n; r++) {
            int n = sc_policy_rule_format(&pol, r, buf, sizeof buf);
            assert_true(n > 0 && (size_t)n < sizeof buf);
            assert_non_null(lines[r]);
            assert_string_equal(buf, lines[r]);
            assert_int_equal(sc_policy_add_rule(&again, buf, err), 0);
        }
        assert_null(lines[pol.n]);
        assert_memory_equal(&pol, &again, sizeof pol);
    }
    /* A short buffer is cut, and the length needed still returned. */
    assert_int_equal(sc_policy_builtin("judicial", &pol), 0);
    int full = sc_policy_rule_format(&pol, 2, buf, sizeof buf);
    char small[10];
    assert_int_equal(sc_policy_rule_format(&pol, 2, small, sizeof small),
                     full);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(sc_policy_rule_format(&pol, 99, buf, sizeof buf), 1);
    assert_string_equal(buf, "?");
}

/* ---- shipped policies and names ---- */

static void test_check_names_policies(void **state)
{
    sc_policy pol;

    (void)state;
    for (int p = 0; p < N_SHIPPED; p++) {
        assert_string_equal(sc_policy_builtin_name((size_t)p), shipped[p]);
        assert_int_equal(sc_policy_check(shipped[p]), 0);
        assert_int_equal(sc_policy_builtin(shipped[p], &pol), 0);
        assert_string_equal(pol.name, shipped[p]);
    }
    assert_null(sc_policy_builtin_name(N_SHIPPED));
    assert_int_equal(sc_policy_check("database-only "), SC_ENOENT);
    assert_int_equal(sc_policy_check(""), SC_ENOENT);
    assert_int_equal(sc_policy_check(NULL), SC_ENOENT);
    assert_int_equal(sc_policy_builtin("mine", &pol), SC_ENOENT);
    assert_null(sc_policy_builtin_rules("mine"));
}

static void test_unknown_policy_never_detains(void **state)
{
    sc_booking b;
    sc_ident_result id = {1, 1, 5};
    sc_evidence ev;
    sc_decision d;

    (void)state;
    memset(&b, 0, sizeof b);
    memset(&ev, 0, sizeof ev);
    ev.queried = 1;
    ev.status = SC_RS_ORDERED;
    ev.has_order = 1;
    sc_policy_decide("no-such-policy", &b, &id, &ev, &d);
    assert_int_equal(d.detainer, 0);
    assert_int_equal(d.box, SC_PC_NONE);
    assert_int_equal(d.rule, SC_RULE_UNKNOWN);
    assert_string_equal(sc_policy_rule_name(d.rule), "unknown-policy");
    assert_string_equal(sc_policy_rule_label(NULL, d.rule),
                        "unknown-policy");
}

/* A missing IDENT result reads as no hit. */
static void test_null_ident_is_no_hit(void **state)
{
    sc_booking b;
    sc_evidence ev;
    sc_decision d;

    (void)state;
    memset(&b, 0, sizeof b);
    memset(&ev, 0, sizeof ev);
    ev.queried = 1;
    ev.status = SC_RS_NO_STATUS;
    sc_policy_decide("database-only", &b, NULL, &ev, &d);
    assert_int_equal(d.detainer, 0);
    ev.foreign_birth = 1;
    sc_policy_decide("database-only", &b, NULL, &ev, &d);
    assert_int_equal(d.detainer, 1);
    assert_int_equal(d.box, SC_PC_STATEMENTS);
}

/* sc_policy_rule_name keeps its static copy of database-only's labels in
 * step with the compiled policy; boxes have names. */
static void test_names(void **state)
{
    sc_policy pol;

    (void)state;
    assert_int_equal(sc_policy_builtin("database-only", &pol), 0);
    for (int i = 0; i < pol.n; i++)
        assert_string_equal(sc_policy_rule_name(i),
                            sc_policy_rule_label(&pol, i));
    assert_string_equal(sc_policy_rule_name(pol.n), "?");
    assert_string_equal(sc_policy_rule_name(-1), "?");
    assert_string_equal(sc_policy_rule_label(&pol, pol.n), "?");
    assert_string_equal(sc_policy_rule_label(&pol, -1), "?");
    for (int i = SC_PC_NONE; i <= SC_PC_STATEMENTS; i++)
        assert_string_not_equal(sc_pc_box_name(i), "?");
    assert_string_equal(sc_pc_box_name(SC_PC_STATEMENTS + 1), "?");
    assert_string_equal(sc_pc_box_name(-1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_file),
        cmocka_unit_test(test_fact_names),
        cmocka_unit_test(test_facts_from_evidence),
        cmocka_unit_test(test_officer_facts),
        cmocka_unit_test(test_recent_unlawful_entry),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_rule_order_checks),
        cmocka_unit_test(test_apply_first_match),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_check_names_policies),
        cmocka_unit_test(test_unknown_policy_never_detains),
        cmocka_unit_test(test_null_ident_is_no_hit),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
