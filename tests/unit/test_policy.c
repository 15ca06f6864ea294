/*
 * test_policy.c - the database-only rules, one table row per rule and per
 * boundary between rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/policy.h"
#include "scomm/registry.h"
#include "test_util.h"

typedef struct policy_case {
    const char *what;
    int queried, status, has_order, foreign_birth; /* evidence */
    int hit, convicted;                            /* IDENT, booking */
    int detainer, box;                             /* expected */
    const char *rule;
} policy_case;

static const policy_case cases[] = {
    {"no query", 0, SC_RS_NONE, 0, 1, 0, 1, 0, SC_PC_NONE, "no-query"},
    {"citizen", 1, SC_RS_CITIZEN, 0, 1, 1, 1, 0, SC_PC_NONE,
     "records-show-citizen"},
    {"citizen beats an order", 1, SC_RS_CITIZEN, 1, 1, 1, 1, 0, SC_PC_NONE,
     "records-show-citizen"},
    {"lpr", 1, SC_RS_LPR, 0, 1, 1, 0, 0, SC_PC_NONE,
     "records-show-lawful-status"},
    {"lpr convicted", 1, SC_RS_LPR, 0, 1, 1, 1, 1, SC_PC_BIOMETRIC,
     "lawful-status-removable-conviction"},
    {"lpr with order, not convicted", 1, SC_RS_LPR, 1, 1, 1, 0, 0,
     SC_PC_NONE, "records-show-lawful-status"},
    {"temporary", 1, SC_RS_TEMPORARY, 0, 1, 0, 0, 0, SC_PC_NONE,
     "records-show-lawful-status"},
    {"temporary convicted", 1, SC_RS_TEMPORARY, 0, 1, 0, 1, 1,
     SC_PC_BIOMETRIC, "lawful-status-removable-conviction"},
    {"final order", 1, SC_RS_ORDERED, 1, 1, 1, 0, 1, SC_PC_FINAL_ORDER,
     "final-order"},
    {"order without hit or foreign birth", 1, SC_RS_ORDERED, 1, 0, 0, 0, 1,
     SC_PC_FINAL_ORDER, "final-order"},
    {"no status, ident hit", 1, SC_RS_NO_STATUS, 0, 0, 1, 0, 1,
     SC_PC_BIOMETRIC, "no-record-of-status"},
    {"nothing found, foreign birth", 1, SC_RS_NONE, 0, 1, 0, 0, 1,
     SC_PC_STATEMENTS, "no-record-of-status"},
    {"nothing found, hit and foreign birth", 1, SC_RS_NONE, 0, 1, 1, 0, 1,
     SC_PC_BIOMETRIC, "no-record-of-status"},
    {"nothing found, no sign of foreign birth", 1, SC_RS_NONE, 0, 0, 0, 1,
     0, SC_PC_NONE, "no-status-no-foreign-sign"},
    {"no status, no sign of foreign birth", 1, SC_RS_NO_STATUS, 0, 0, 0, 0,
     0, SC_PC_NONE, "no-status-no-foreign-sign"},
};

static void run_case(const policy_case *c)
{
    sc_booking b;
    sc_ident_result id;
    sc_evidence ev;
    sc_decision d;

    memset(&b, 0, sizeof b);
    memset(&id, 0, sizeof id);
    memset(&ev, 0, sizeof ev);
    b.convicted = (uint8_t)c->convicted;
    id.searched = 1;
    id.hit = (uint8_t)c->hit;
    id.fin = c->hit ? 77 : 0;
    ev.queried = (uint8_t)c->queried;
    ev.status = (uint8_t)c->status;
    ev.has_order = (uint8_t)c->has_order;
    ev.foreign_birth = (uint8_t)c->foreign_birth;
    ev.ident_record = (uint8_t)c->hit;

    memset(&d, 0xAA, sizeof d);
    sc_policy_decide("database-only", &b, &id, &ev, &d);
    if (d.detainer != c->detainer || d.box != c->box ||
        strcmp(sc_policy_rule_name(d.rule), c->rule) != 0)
        fail_msg("case '%s': got detainer %d box %d rule '%s'", c->what,
                 d.detainer, d.box, sc_policy_rule_name(d.rule));
}

static void test_rule_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

static void test_check_names_policies(void **state)
{
    (void)state;
    assert_int_equal(sc_policy_check("database-only"), 0);
    assert_int_equal(sc_policy_check("judicial"), SC_ENOENT);
    assert_int_equal(sc_policy_check("database-only "), SC_ENOENT);
    assert_int_equal(sc_policy_check(""), SC_ENOENT);
    assert_int_equal(sc_policy_check(NULL), SC_ENOENT);
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
    assert_string_equal(sc_policy_rule_name(d.rule), "unknown-policy");
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

static void test_names_are_distinct(void **state)
{
    int i, j;

    (void)state;
    for (i = 0; i < 8; i++) {
        assert_string_not_equal(sc_policy_rule_name(i), "?");
        for (j = 0; j < i; j++)
            assert_string_not_equal(sc_policy_rule_name(i),
                                    sc_policy_rule_name(j));
    }
    assert_string_equal(sc_policy_rule_name(-1), "?");
    assert_string_equal(sc_policy_rule_name(200), "?");
    for (i = SC_PC_NONE; i <= SC_PC_STATEMENTS; i++)
        assert_string_not_equal(sc_pc_box_name(i), "?");
    assert_string_equal(sc_pc_box_name(SC_PC_STATEMENTS + 1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),
        cmocka_unit_test(test_check_names_policies),
        cmocka_unit_test(test_unknown_policy_never_detains),
        cmocka_unit_test(test_null_ident_is_no_hit),
        cmocka_unit_test(test_names_are_distinct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
