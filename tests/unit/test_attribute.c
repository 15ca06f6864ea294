/*
 * test_attribute.c - the causes of a wrongful detainer by counterfactual
 * re-runs (attribute.h), on hand-made worlds and registries run through
 * the real pipeline (biometric search, review, database-only policy,
 * judge, attribution):
 *
 *   (a) an unposted naturalization alone: primary, nothing contributing
 *   (b) beside it, a typo on a record that decides nothing: present,
 *       neither primary nor contributing
 *   (c) two errors each enough to lift the detainer when removed: both
 *       but-for, the first in precedence primary, the other contributing
 *   (d) two errors that must both go (one record unposted and typed
 *       over): neither but-for, the cumulative rule names the second
 *   (e) a namesake's final order deciding
 *   (f) a false biometric hit
 *   (g) under the individualized policy, the officer's own records: a
 *       missing A-file page beside an unposted naturalization, and a
 *       missing State Department record beside an unrecorded acquired
 *       citizenship
 *
 * The cases are built and run with tests/case_util.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "case_util.h"

#define BIT(c) SC_CAUSE_BIT(SC_CAUSE_##c)

/* Born in Mexico in 1980, admitted as a student in 2001, naturalized in
 * 2011, booked in 2015 with her birthplace reported, in a county S-COMM
 * does not yet cover (the manual IAQ sends the query): the arrival
 * record of 2001 is found, its stay long over, and the A-file entry and
 * N-400 of the naturalization were never posted.  No IDENT record, so
 * that no stale status enters the case. */
static uint32_t naturalized(jcase *c, int typo_afile, int departure_typo)
{
    sc_date entry = ymd(2001, 8, 20), until = ymd(2005, 6, 30);
    sc_date oath = ymd(2011, 5, 10);
    uint32_t x = person(c, SC_BIRTH_FOREIGN, ymd(1980, 4, 12));
    sc_record r;

    event(c, SC_EV_ENTRY, entry, SC_CLASS_STUDENT, until);
    event(c, SC_EV_NATURALIZE, oath, 0, 0);
    r = record(c, x, SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, entry,
               entry + 3);
    r.until = until;
    add(c, &r, x);
    r = record(c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, oath,
               SC_DATE_NEVER);
    r.anum = 40000001;
    if (typo_afile) {
        garble(r.given);
        garble(r.family);
        r.noise = SC_NOISE_TYPO;
    }
    add(c, &r, x);
    if (departure_typo) {
        /* A trip abroad in 2009, its name typed over: whether it is
         * found or not, the stay had ended long before. */
        r = record(c, x, SC_REG_ARRIVAL, SC_REC_DEPARTURE, SC_RS_NONE,
                   ymd(2009, 3, 3), ymd(2009, 3, 10));
        garble(r.given);
        garble(r.family);
        r.noise = SC_NOISE_TYPO;
        add(c, &r, x);
    }
    assert_int_equal(sc_registries_finish(c->reg), 0);
    return x;
}

static void test_a_unposted_naturalization_alone(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    x = naturalized(&c, 0, 0);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    run(&c, &b, 0);
    assert_int_equal(c.ev.status, SC_RS_NO_STATUS);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    assert_int_equal(c.j.present, BIT(NATURALIZATION_NOT_POSTED));
    assert_int_equal(c.j.but_for, BIT(NATURALIZATION_NOT_POSTED));
    assert_int_equal(c.j.contributing, 0);
    jc_release(&c);
}

static void test_b_typo_that_decides_nothing(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    x = naturalized(&c, 0, 1);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    /* The typo is there, and the search missed the departure it hid;
     * neither lifts the detainer, neither contributes. */
    assert_int_equal(c.j.present, BIT(NATURALIZATION_NOT_POSTED) |
                                      BIT(RECORD_TYPO) | BIT(RECORD_MISSED));
    assert_int_equal(c.j.but_for, BIT(NATURALIZATION_NOT_POSTED));
    assert_int_equal(c.j.contributing, 0);
    jc_release(&c);
}

/* An LPR by adjustment: her IDENT encounter of 2004 (FIN 700, which
 * hits) states the student admission long expired, and the A-file entry
 * of the adjustment is posted but typed beyond recognition, under an
 * A-number nothing else carries.  A right status on the encounter
 * clears her, and so does a right name on the A-file entry (the search
 * finds it), and so does a perfect search: three but-for sources, the
 * typo first in precedence. */
static void test_c_two_errors_each_sufficient(void **state)
{
    jcase c;
    sc_booking b;
    sc_record r;
    sc_date entry = ymd(2004, 1, 5), adjust = ymd(2008, 2, 2);
    uint32_t x;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1983, 6, 6));
    event(&c, SC_EV_ENTRY, entry, SC_CLASS_STUDENT, ymd(2007, 6, 1));
    event(&c, SC_EV_ADJUST, adjust, 0, 0);
    r = record(&c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY,
               entry, entry);
    r.until = ymd(2007, 6, 1);
    r.fin = 700;
    add(&c, &r, x);
    assert_int_equal(sc_registries_enroll(c.reg, x, 700), 0);
    r = record(&c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, adjust,
               adjust + 20);
    r.anum = 7000;
    garble(r.given);
    garble(r.family);
    r.noise = SC_NOISE_TYPO;
    add(&c, &r, x);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2014, 3, 3), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.ident.fin, 700);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_RECORD_TYPO);
    assert_int_equal(c.j.but_for, BIT(RECORD_TYPO) |
                                      BIT(STALE_IDENT_STATUS) |
                                      BIT(RECORD_MISSED));
    assert_int_equal(c.j.present, c.j.but_for);
    assert_int_equal(c.j.contributing,
                     BIT(STALE_IDENT_STATUS) | BIT(RECORD_MISSED));
    jc_release(&c);
}

/* The A-file entry of the naturalization was never posted and, had it
 * been, its name typed over would have hidden it from the search:
 * posting it alone, or spelling it right alone, changes nothing.  Both
 * must go; in precedence order posting comes first, and the spelling
 * is what lifts the detainer. */
static void test_d_two_errors_jointly_needed(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    x = naturalized(&c, 1, 0);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_RECORD_TYPO);
    assert_int_equal(c.j.present,
                     BIT(NATURALIZATION_NOT_POSTED) | BIT(RECORD_TYPO));
    assert_int_equal(c.j.but_for, 0);
    assert_int_equal(c.j.contributing, BIT(NATURALIZATION_NOT_POSTED));
    jc_release(&c);
}

/* An LPR whose A-file entry is found by name; a stranger with her name
 * and date of birth has a final order of 2010, later than her entry of
 * 2002, which the search attaches too: the latest entry reads as an
 * order, and the order rule detains.  Without the namesake she is
 * cleared. */
static void test_e_namesake_decides(void **state)
{
    jcase c;
    sc_booking b;
    sc_record r;
    uint32_t x, y;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1975, 5, 5));
    event(&c, SC_EV_ENTRY, ymd(2002, 2, 2), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    y = person(&c, SC_BIRTH_FOREIGN, ymd(1975, 5, 5));
    event(&c, SC_EV_ENTRY_EWI, ymd(2005, 1, 1), 0, 0);
    event(&c, SC_EV_ORDER, ymd(2010, 1, 1), 0, 0);
    r = record(&c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR,
               ymd(2002, 2, 2), ymd(2002, 3, 1));
    r.anum = 6000;
    add(&c, &r, x);
    /* Y's order, in X's name (Y's own name differs in the world, as
     * distinct persons here do; the record is what matters). */
    r = record(&c, x, SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED,
               ymd(2010, 1, 1), ymd(2010, 1, 1));
    r.anum = 6100;
    add(&c, &r, y);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2013, 4, 4), SC_POB_REPORTED);
    run(&c, &b, 0);
    assert_int_equal(c.ev.status, SC_RS_ORDERED);
    assert_string_equal(sc_policy_rule_name(c.d.rule), "final-order");
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_NAMESAKE);
    assert_int_equal(c.j.present, BIT(NAMESAKE));
    assert_int_equal(c.j.but_for, BIT(NAMESAKE));
    assert_int_equal(c.j.contributing, 0);
    jc_release(&c);
}

/* A U.S. citizen never fingerprinted by DHS; the matcher returns a
 * stranger's apprehension (FIN 900).  Without the false hit IDENT
 * returns nothing, no query is sent and there is no detainer. */
static void test_f_false_biometric_hit(void **state)
{
    jcase c;
    uint32_t us, other;
    sc_record r;
    sc_booking b;

    (void)state;
    jc_init(&c);
    us = person(&c, SC_BIRTH_US, ymd(1990, 2, 2));
    other = person(&c, SC_BIRTH_FOREIGN, ymd(1970, 3, 3));
    event(&c, SC_EV_ENTRY_EWI, ymd(2001, 1, 1), 0, 0);
    event(&c, SC_EV_APPREHEND, ymd(2006, 1, 1), 0, 0);
    r = record(&c, other, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NO_STATUS,
               ymd(2006, 1, 1), ymd(2006, 1, 1));
    r.fin = 900;
    add(&c, &r, other);
    assert_int_equal(sc_registries_enroll(c.reg, other, 900), 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    c.p.false_hit = 1;
    c.p.false_hit_gallery = 1;
    b = booking(&c, us, ymd(2013, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.ident.fin, 900);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_FALSE_BIOMETRIC_HIT);
    assert_int_equal(c.j.present, BIT(FALSE_BIOMETRIC_HIT));
    assert_int_equal(c.j.but_for, BIT(FALSE_BIOMETRIC_HIT));
    jc_release(&c);
}

/* A U.S.-born citizen whose birthplace the clerk wrote as Mexico and
 * whose name the clerk typed over: the query came from the birthplace
 * alone, so it is primary and the typo, present, decides nothing.  With
 * both clean the detainer goes, as with the birthplace alone. */
static void test_pob_wrong_beside_booking_typo(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t us;

    (void)state;
    jc_init(&c);
    us = person(&c, SC_BIRTH_US, ymd(1985, 8, 8));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, us, ymd(2013, 5, 5), SC_POB_ASSUMED);
    garble(b.family);
    b.noise = SC_NOISE_TYPO;
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_POB_WRONG);
    assert_int_equal(c.j.present, BIT(POB_WRONG) | BIT(BOOKING_TYPO));
    assert_int_equal(c.j.but_for, BIT(POB_WRONG));
    assert_int_equal(c.j.contributing, 0);
    jc_release(&c);
}

/* An acquired citizen (born abroad to a citizen parent) of whom no
 * database holds anything: removing "acquired_unrecorded" writes the
 * N-600 she could have had, which the name search finds. */
static void test_acquired_unrecorded(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_ABROAD_CITIZEN, ymd(1988, 9, 9));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2013, 6, 6), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_ACQUIRED_UNRECORDED);
    assert_int_equal(c.j.present, BIT(ACQUIRED_UNRECORDED));
    jc_release(&c);
}

/* (g) Under individualized the officer reads the paper A-file, which
 * holds the unposted naturalization -- unless its page is missing.  With
 * every page missing, both the unposted record and the missing page are
 * but-for: the database error comes first in precedence. */
static void test_g_afile_page_missing(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    c.policy = "individualized";
    c.p.claim_share = c.p.claim_share_derived = c.p.false_claim_share = 0;
    x = naturalized(&c, 0, 0);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    /* Nobody claims, and no record found carries the A-number: the
     * officer has no file to read, and the detainer stands. */
    run(&c, &b, 0);
    assert_int_equal(c.ev.heard, 1);
    assert_int_equal(c.ev.afile_read, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    jc_release(&c);

    /* The A-number is in reach when the person claims and shows the
     * certificate. */
    jc_init(&c);
    c.policy = "individualized";
    c.p.claim_share = 1;
    x = naturalized(&c, 0, 0);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    assert_int_equal(sc_registries_set_anum(c.reg, 40000001, x, 0, 0), 0);
    run(&c, &b, 0);
    assert_int_equal(c.ev.claims, 1);
    assert_int_equal(c.ev.claim_verified, 1);
    assert_int_equal(c.d.detainer, 0);
    assert_int_equal(c.j.verdict, SC_V_CLEARED);
    jc_release(&c);

    /* Every page missing: detained, and both sources decide. */
    jc_init(&c);
    c.policy = "individualized";
    c.p.claim_share = 1;
    c.p.afile_doc_missing = 1;
    x = naturalized(&c, 0, 0);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    assert_int_equal(sc_registries_set_anum(c.reg, 40000001, x, 0, 0), 0);
    run(&c, &b, 0);
    assert_int_equal(c.ev.claims, 1);
    assert_int_equal(c.ev.claim_verified, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    assert_int_equal(c.j.but_for, BIT(NATURALIZATION_NOT_POSTED) |
                                      BIT(AFILE_PAGE_MISSING));
    assert_int_equal(c.j.contributing, BIT(AFILE_PAGE_MISSING));
    assert_false(c.j.present & BIT(STATE_RECORD_MISSING));
    jc_release(&c);
}

/* (g) An acquired citizen who claims, with no State Department record:
 * the database's silence and the missing record both decide. */
static void test_g_state_record_missing(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    c.policy = "individualized";
    c.p.claim_share_derived = 1;
    c.p.state_record_acquired = 0;
    x = person(&c, SC_BIRTH_ABROAD_CITIZEN, ymd(1988, 9, 9));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2013, 6, 6), SC_POB_REPORTED);
    run(&c, &b, 0);
    assert_int_equal(c.ev.claims, 1);
    assert_int_equal(c.ev.claim_basis, SC_CLAIM_ACQUIRED);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_ACQUIRED_UNRECORDED);
    assert_int_equal(c.j.present, BIT(ACQUIRED_UNRECORDED) |
                                      BIT(STATE_RECORD_MISSING));
    assert_int_equal(c.j.contributing, BIT(STATE_RECORD_MISSING));
    jc_release(&c);

    /* Had the person not claimed, the missing record would decide
     * nothing: it is not even present. */
    jc_init(&c);
    c.policy = "individualized";
    c.p.claim_share_derived = 0;
    c.p.state_record_acquired = 0;
    x = person(&c, SC_BIRTH_ABROAD_CITIZEN, ymd(1988, 9, 9));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2013, 6, 6), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_ACQUIRED_UNRECORDED);
    assert_int_equal(c.j.present, BIT(ACQUIRED_UNRECORDED));
    jc_release(&c);
}

/* Every detainer whose removal of all present sources still leaves it
 * is "other"; a case with no source at all is too. */
static void test_no_source_is_other(void **state)
{
    jcase c;
    sc_booking b;
    uint32_t x;

    (void)state;
    jc_init(&c);
    /* A visitor within her stay of whom no database holds anything. */
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1970, 7, 7));
    event(&c, SC_EV_ENTRY, ymd(2012, 12, 1), SC_CLASS_VISITOR,
          ymd(2013, 6, 1));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2013, 1, 10), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_OTHER);
    assert_int_equal(c.j.present, 0);
    assert_int_equal(c.j.contributing, 0);
    jc_release(&c);
}

static void test_precedence_lists_every_source(void **state)
{
    uint32_t seen = 0;
    size_t i;

    (void)state;
    for (i = 0; sc_cause_precedence(i) != SC_CAUSE_NONE; i++) {
        int c = sc_cause_precedence(i);

        assert_true(c > SC_CAUSE_NONE && c < SC_CAUSE_OTHER);
        assert_false(seen & SC_CAUSE_BIT(c));
        seen |= SC_CAUSE_BIT(c);
    }
    assert_int_equal(i, SC_CAUSE_OTHER - 1);
    assert_int_equal(sc_cause_precedence(0), SC_CAUSE_POB_WRONG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_unposted_naturalization_alone),
        cmocka_unit_test(test_b_typo_that_decides_nothing),
        cmocka_unit_test(test_c_two_errors_each_sufficient),
        cmocka_unit_test(test_d_two_errors_jointly_needed),
        cmocka_unit_test(test_e_namesake_decides),
        cmocka_unit_test(test_f_false_biometric_hit),
        cmocka_unit_test(test_pob_wrong_beside_booking_typo),
        cmocka_unit_test(test_acquired_unrecorded),
        cmocka_unit_test(test_g_afile_page_missing),
        cmocka_unit_test(test_g_state_record_missing),
        cmocka_unit_test(test_no_source_is_other),
        cmocka_unit_test(test_precedence_lists_every_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
