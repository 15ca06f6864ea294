/*
 * test_judge.c - verdicts against the truth and the cause of each kind of
 * wrongful detainer, on hand-made worlds and registries run through the
 * real pipeline (biometric search, review, database-only policy, judge).
 *
 * The acceptance case of the issue: a naturalized person whose
 * naturalization was never posted (no citizen A-file entry, no N-400
 * visible), booked with a foreign birthplace, gets a detainer under
 * database-only; with the naturalization posted, does not.  The cases
 * are built and run with tests/case_util.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "case_util.h"

/* ------------------------------------------------------------------ */
/* The acceptance case                                                 */
/* ------------------------------------------------------------------ */

enum { NAT_NOT_POSTED, NAT_POSTED, NAT_LPR_POSTED };

/* Born in Mexico in 1980, admitted as a student in 2001, adjusted in
 * 2006, naturalized in 2011, booked in 2015.  IDENT holds the 2001
 * entry under FIN 501. */
static uint32_t naturalized_case(jcase *c, int posting)
{
    sc_date entry = ymd(2001, 8, 20), until = ymd(2005, 6, 30);
    sc_date adjust = ymd(2006, 3, 1), oath = ymd(2011, 5, 10);
    sc_date lag = 31;
    uint32_t x = person(c, SC_BIRTH_FOREIGN, ymd(1980, 4, 12));
    sc_record r;

    event(c, SC_EV_ENTRY, entry, SC_CLASS_STUDENT, until);
    event(c, SC_EV_ADJUST, adjust, 0, 0);
    event(c, SC_EV_NATURALIZE, oath, 0, 0);
    if (posting == NAT_LPR_POSTED)
        event(c, SC_EV_CONVICT, ymd(2013, 2, 2), 0, 0);

    r = record(c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY, entry,
               entry);
    r.until = until;
    r.fin = 501;
    add(c, &r, x);
    assert_int_equal(sc_registries_enroll(c->reg, x, 501), 0);

    /* The A-file index as last posted. */
    if (posting == NAT_POSTED) {
        r = record(c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, oath,
                   oath + lag);
    } else if (posting == NAT_LPR_POSTED) {
        r = record(c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, adjust,
                   adjust + lag);
    } else {
        r = record(c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_TEMPORARY, entry,
                   entry + lag);
        r.until = until;
    }
    r.anum = 40000001;
    add(c, &r, x);
    r = record(c, x, SC_REG_BENEFIT, SC_REC_N400, SC_RS_CITIZEN, oath,
               posting == NAT_POSTED ? oath + lag : SC_DATE_NEVER);
    r.anum = 40000001;
    add(c, &r, x);
    assert_int_equal(sc_registries_finish(c->reg), 0);
    return x;
}

static void test_acceptance_naturalization_not_posted(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = naturalized_case(&c, NAT_NOT_POSTED);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    assert_int_equal(b.pob, c.mx);

    /* S-COMM active: IDENT hits the 2001 encounter. */
    run(&c, &b, 1);
    assert_int_equal(c.ident.hit, 1);
    assert_int_equal(c.ident.fin, 501);
    assert_int_equal(c.ev.queried, 1);
    assert_int_equal(c.ev.status, SC_RS_NO_STATUS);
    assert_int_equal(c.d.box, SC_PC_BIOMETRIC);
    assert_string_equal(sc_policy_rule_name(c.d.rule),
                        "no-record-of-status");
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    assert_int_equal(c.j.true_status, SC_ST_NATURALIZED);
    assert_int_equal(c.j.false_hit, 0);

    /* Not yet active: the foreign birthplace alone sends the query. */
    run(&c, &b, 0);
    assert_int_equal(c.ident.searched, 0);
    assert_int_equal(c.ev.queried, 1);
    assert_int_equal(c.d.box, SC_PC_STATEMENTS);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    jc_release(&c);
}

static void test_acceptance_naturalization_posted(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = naturalized_case(&c, NAT_POSTED);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.ev.status, SC_RS_CITIZEN);
    assert_string_equal(sc_policy_rule_name(c.d.rule),
                        "records-show-citizen");
    expect(&c, 0, SC_V_CLEARED, SC_CAUSE_NONE);
    run(&c, &b, 0);
    expect(&c, 0, SC_V_CLEARED, SC_CAUSE_NONE);

    /* Booked a week after the oath, before the posting lag ran out: the
     * index still reads as it did, and the detainer follows. */
    b = booking(&c, x, ymd(2011, 5, 17), SC_POB_REPORTED);
    run(&c, &b, 1);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    jc_release(&c);
}

/* The index shows the adjustment but not the naturalization; with a
 * conviction on the FBI record the LPR rule detains a citizen. */
static void test_citizen_with_conviction_seen_as_lpr(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = naturalized_case(&c, NAT_LPR_POSTED);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    assert_int_equal(b.convicted, 1);
    run(&c, &b, 1);
    assert_int_equal(c.ev.status, SC_RS_LPR);
    assert_string_equal(sc_policy_rule_name(c.d.rule),
                        "lawful-status-removable-conviction");
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_NATURALIZATION_NOT_POSTED);
    assert_int_equal(c.j.removable, 0);
    jc_release(&c);
}

/* ------------------------------------------------------------------ */
/* Verdicts                                                            */
/* ------------------------------------------------------------------ */

static void judge_with(jcase *c, uint32_t who, sc_date on, int queried,
                       int detainer)
{
    sc_booking b = booking(c, who, on, SC_POB_REPORTED);

    memset(&c->ident, 0, sizeof c->ident);
    memset(&c->ev, 0, sizeof c->ev);
    memset(&c->d, 0, sizeof c->d);
    c->ev.queried = (uint8_t)queried;
    c->d.detainer = (uint8_t)detainer;
    sc_judge(c->w, c->reg, &b, &c->ident, &c->ev, &c->d, &c->j);
}

static void test_verdicts(void **state)
{
    jcase c;
    sc_date on = ymd(2012, 6, 1);
    uint32_t us, ewi, lpr, lpr_conv, temp, later;

    (void)state;
    jc_init(&c);
    us = person(&c, SC_BIRTH_US, ymd(1980, 1, 1));
    ewi = person(&c, SC_BIRTH_FOREIGN, ymd(1981, 1, 1));
    event(&c, SC_EV_ENTRY_EWI, ymd(2005, 1, 1), 0, 0);
    lpr = person(&c, SC_BIRTH_FOREIGN, ymd(1982, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(2000, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    lpr_conv = person(&c, SC_BIRTH_FOREIGN, ymd(1983, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(2000, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    event(&c, SC_EV_CONVICT, ymd(2010, 1, 1), 0, 0);
    temp = person(&c, SC_BIRTH_FOREIGN, ymd(1984, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(2011, 1, 1), SC_CLASS_WORKER,
          ymd(2014, 1, 1));
    later = person(&c, SC_BIRTH_FOREIGN, ymd(1985, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(2013, 1, 1), SC_CLASS_WORKER,
          ymd(2016, 1, 1));
    assert_int_equal(sc_registries_finish(c.reg), 0);

    judge_with(&c, us, on, 0, 0);
    assert_int_equal(c.j.verdict, SC_V_NO_QUERY);
    assert_int_equal(c.j.true_status, SC_ST_USBORN);
    judge_with(&c, us, on, 1, 0);
    assert_int_equal(c.j.verdict, SC_V_CLEARED);
    judge_with(&c, us, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_WRONG_CITIZEN);
    /* The causes are sc_attribute's, not sc_judge's. */
    assert_int_equal(c.j.cause, SC_CAUSE_NONE);

    /* Removable without a detainer is missed, queried or not. */
    judge_with(&c, ewi, on, 0, 0);
    assert_int_equal(c.j.verdict, SC_V_MISSED);
    assert_int_equal(c.j.removable, 1);
    judge_with(&c, ewi, on, 1, 0);
    assert_int_equal(c.j.verdict, SC_V_MISSED);
    judge_with(&c, ewi, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_SUPPORTED);
    assert_int_equal(c.j.cause, SC_CAUSE_NONE);

    judge_with(&c, lpr, on, 1, 0);
    assert_int_equal(c.j.verdict, SC_V_CLEARED);
    judge_with(&c, lpr, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_WRONG_LAWFUL);
    judge_with(&c, lpr_conv, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_SUPPORTED);
    judge_with(&c, lpr_conv, on, 0, 0);
    assert_int_equal(c.j.verdict, SC_V_MISSED);

    judge_with(&c, temp, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_WRONG_LAWFUL);
    assert_int_equal(c.j.true_status, SC_ST_TEMPORARY);
    /* After the stay ends the same person is removable. */
    judge_with(&c, temp, ymd(2014, 6, 1), 1, 1);
    assert_int_equal(c.j.verdict, SC_V_SUPPORTED);
    assert_int_equal(c.j.true_status, SC_ST_OVERSTAY);

    /* Not yet in the country: neither citizen, lawful nor removable. */
    judge_with(&c, later, on, 1, 1);
    assert_int_equal(c.j.verdict, SC_V_WRONG_OTHER);
    judge_with(&c, later, on, 1, 0);
    assert_int_equal(c.j.verdict, SC_V_CLEARED);
    jc_release(&c);
}

/* ------------------------------------------------------------------ */
/* Causes                                                              */
/* ------------------------------------------------------------------ */

/* A U.S. citizen with no prints in IDENT, booked in an active county: a
 * false hit returns an unlawfully present stranger's encounter. */
static void test_cause_false_hit(void **state)
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
    r = record(&c, other, SC_REG_IDENT, SC_REC_APPREHENSION,
               SC_RS_NO_STATUS, ymd(2006, 1, 1), ymd(2006, 1, 1));
    r.fin = 900;
    add(&c, &r, other);
    assert_int_equal(sc_registries_enroll(c.reg, other, 900), 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    c.p.false_hit = 1;
    c.p.false_hit_gallery = 1;
    b = booking(&c, us, ymd(2013, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.ident.fin, 900);
    assert_int_equal(c.j.false_hit, 1);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_FALSE_BIOMETRIC_HIT);

    /* The stranger's own booking is a true hit and supported. */
    b = booking(&c, other, ymd(2013, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.j.false_hit, 0);
    expect(&c, 1, SC_V_SUPPORTED, SC_CAUSE_NONE);
    jc_release(&c);
}

/* Derived citizenship with no record at all; then with an N-600 the
 * search missed (the clerk misspelled the name). */
static void test_cause_derived(void **state)
{
    jcase c;
    uint32_t x;
    sc_record r;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1992, 5, 5));
    event(&c, SC_EV_ENTRY, ymd(1998, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    event(&c, SC_EV_DERIVE, ymd(2003, 1, 1), 0, 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2014, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.j.true_status, SC_ST_DERIVED);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_DERIVED_UNRECORDED);
    jc_release(&c);

    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1992, 5, 5));
    event(&c, SC_EV_ENTRY, ymd(1998, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    event(&c, SC_EV_DERIVE, ymd(2003, 1, 1), 0, 0);
    r = record(&c, x, SC_REG_BENEFIT, SC_REC_N600, SC_RS_CITIZEN,
               ymd(2010, 1, 1), ymd(2010, 2, 1));
    r.anum = 123;
    add(&c, &r, x);
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2014, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 0);
    expect(&c, 0, SC_V_CLEARED, SC_CAUSE_NONE); /* found: no detainer */
    garble(b.given);
    garble(b.family);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_RECORD_MISSED);
    jc_release(&c);
}

static void test_cause_acquired(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_ABROAD_CITIZEN, ymd(1985, 7, 7));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2012, 3, 3), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.j.true_status, SC_ST_ACQUIRED);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_ACQUIRED_UNRECORDED);
    /* The same person with the birthplace left blank is never queried. */
    b = booking(&c, x, ymd(2012, 3, 3), SC_POB_MISSING);
    run(&c, &b, 1);
    expect(&c, 0, SC_V_NO_QUERY, SC_CAUSE_NONE);
    jc_release(&c);
}

static void test_cause_pob_wrong(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_US, ymd(1991, 8, 8));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2012, 3, 3), SC_POB_ASSUMED);
    assert_int_equal(b.pob, c.mx);
    run(&c, &b, 1);
    assert_int_equal(c.ident.hit, 0);
    assert_int_equal(c.d.box, SC_PC_STATEMENTS);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_POB_WRONG);
    b = booking(&c, x, ymd(2012, 3, 3), SC_POB_REPORTED);
    run(&c, &b, 1);
    expect(&c, 0, SC_V_NO_QUERY, SC_CAUSE_NONE);
    jc_release(&c);
}

/* An LPR whose IDENT encounter and A-file entry were both written with a
 * misspelled name; the county is not yet active, so nothing leads the
 * reviewer to them, but the judge reaches the A-file through the prints'
 * FIN and the A-number on the encounter. */
static void test_cause_record_missed_via_identifiers(void **state)
{
    jcase c;
    uint32_t x;
    sc_record r;
    sc_booking b;
    sc_date entry = ymd(2004, 4, 4);

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1975, 9, 9));
    event(&c, SC_EV_ENTRY, entry, SC_CLASS_IMMIGRANT, SC_DATE_NEVER);
    r = record(&c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_LPR, entry,
               entry);
    garble(r.given);
    garble(r.family);
    r.fin = 610;
    r.anum = 7000;
    add(&c, &r, x);
    r = record(&c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, entry,
               entry + 20);
    garble(r.given);
    garble(r.family);
    r.anum = 7000;
    add(&c, &r, x);
    assert_int_equal(sc_registries_enroll(c.reg, x, 610), 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2009, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 0);
    assert_int_equal(c.ev.n, 0);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_RECORD_MISSED);
    /* Once S-COMM is active the FIN leads to both: no detainer. */
    run(&c, &b, 1);
    expect(&c, 0, SC_V_CLEARED, SC_CAUSE_NONE);
    jc_release(&c);
}

/* A naturalized citizen whose posted citizen entry the search missed:
 * the missed record comes before the naturalization that was posted. */
static void test_cause_record_missed_beats_posting(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = naturalized_case(&c, NAT_POSTED);
    b = booking(&c, x, ymd(2015, 9, 1), SC_POB_REPORTED);
    garble(b.given);
    garble(b.family);
    run(&c, &b, 0);
    expect(&c, 1, SC_V_WRONG_CITIZEN, SC_CAUSE_RECORD_MISSED);
    jc_release(&c);
}

/* X, an LPR by adjustment, has her own IDENT encounter under A-number
 * 9000 and FIN 9100; her I-485 was filed under Y's A-number 8000 and
 * typed beyond recognition.  Y owns 8000: by Y's IDENT encounter
 * (ys 0), by two records against X's one (ys 2), or nobody can tell
 * (ys 1: one each).  Each of the three errors is enough to hide the
 * I-485 (filed elsewhere, typed over, missed by the search), so
 * removing any one alone clears X: all are but-for, the misattachment
 * primary by precedence when there is one, the typo otherwise, the
 * others contributing. */
static void misattached_case(int ys)
{
    jcase c;
    uint32_t x, y;
    sc_record r;
    sc_booking b;
    sc_date adjust = ymd(2007, 7, 7);
    uint32_t all = SC_CAUSE_BIT(SC_CAUSE_MISATTACHED_RECORD) |
                   SC_CAUSE_BIT(SC_CAUSE_RECORD_TYPO) |
                   SC_CAUSE_BIT(SC_CAUSE_RECORD_MISSED);

    jc_init(&c);
    y = person(&c, SC_BIRTH_FOREIGN, ymd(1960, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(1995, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1979, 10, 10));
    event(&c, SC_EV_ENTRY, ymd(2003, 1, 1), SC_CLASS_VISITOR,
          ymd(2003, 7, 1));
    event(&c, SC_EV_ADJUST, adjust, 0, 0);
    if (ys == 0) {
        r = record(&c, y, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_LPR,
                   ymd(1995, 1, 1), ymd(1995, 1, 1));
        r.anum = 8000;
        r.fin = 8100;
        add(&c, &r, y);
    }
    r = record(&c, y, SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR,
               ymd(1995, 1, 1), ymd(1995, 2, 1));
    r.anum = 8000;
    add(&c, &r, y);
    if (ys == 2) {
        r = record(&c, y, SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_LPR,
                   ymd(1995, 1, 1), ymd(1995, 1, 1));
        r.anum = 8000;
        add(&c, &r, y);
    }
    r = record(&c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY,
               ymd(2003, 1, 1), ymd(2003, 1, 1));
    r.until = ymd(2003, 7, 1);
    r.anum = 9000;
    r.fin = 9100;
    add(&c, &r, x);
    assert_int_equal(sc_registries_enroll(c.reg, x, 9100), 0);
    r = record(&c, x, SC_REG_BENEFIT, SC_REC_I485, SC_RS_LPR, adjust,
               adjust + 30);
    r.anum = 8000;
    garble(r.given);
    garble(r.family);
    r.noise = SC_NOISE_TYPO;
    add(&c, &r, x);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2012, 1, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.ident.fin, 9100);
    /* X's own encounter still states the expired visitor's admission:
     * with the status true that day (LPR) it clears X as well. */
    all |= SC_CAUSE_BIT(SC_CAUSE_STALE_IDENT_STATUS);
    if (ys == 1)
        all &= ~SC_CAUSE_BIT(SC_CAUSE_MISATTACHED_RECORD);
    expect(&c, 1, SC_V_WRONG_LAWFUL,
           ys == 1 ? SC_CAUSE_RECORD_TYPO : SC_CAUSE_MISATTACHED_RECORD);
    assert_int_equal(c.j.but_for, all);
    assert_int_equal(c.j.present, all);
    assert_int_equal(c.j.contributing, all & ~SC_CAUSE_BIT(c.j.cause));
    jc_release(&c);
}

static void test_cause_misattached(void **state)
{
    (void)state;
    misattached_case(0);
}

static void test_cause_misattached_by_majority(void **state)
{
    (void)state;
    misattached_case(2);
    misattached_case(1);
}

/* An LPR by adjustment whose adjustment never reached the index: IDENT
 * and the A-file still show the expired student admission. */
static void test_cause_adjustment_not_posted(void **state)
{
    jcase c;
    uint32_t x;
    sc_record r;
    sc_booking b;
    sc_date entry = ymd(2005, 8, 1), until = ymd(2009, 6, 1);
    sc_date adjust = ymd(2010, 2, 2);

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1986, 12, 12));
    event(&c, SC_EV_ENTRY, entry, SC_CLASS_STUDENT, until);
    event(&c, SC_EV_ADJUST, adjust, 0, 0);
    r = record(&c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY, entry,
               entry);
    r.until = until;
    r.fin = 777;
    add(&c, &r, x);
    r = record(&c, x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_TEMPORARY, entry,
               entry + 10);
    r.until = until;
    r.anum = 5150;
    add(&c, &r, x);
    r = record(&c, x, SC_REG_BENEFIT, SC_REC_I485, SC_RS_LPR, adjust,
               SC_DATE_NEVER);
    r.anum = 5150;
    add(&c, &r, x);
    assert_int_equal(sc_registries_enroll(c.reg, x, 777), 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2015, 1, 1), SC_POB_MISSING);
    run(&c, &b, 1);
    assert_int_equal(c.ev.status, SC_RS_NO_STATUS);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_ADJUSTMENT_NOT_POSTED);
    jc_release(&c);
}

/* A worker back on a new admission that IDENT never enrolled: the hit
 * returns the first visit's encounter, whose stay has ended. */
static void test_cause_stale_ident(void **state)
{
    jcase c;
    uint32_t x;
    sc_record r;
    sc_booking b;
    sc_date e1 = ymd(2008, 3, 1), u1 = ymd(2011, 3, 1);

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1983, 6, 6));
    event(&c, SC_EV_ENTRY, e1, SC_CLASS_WORKER, u1);
    event(&c, SC_EV_DEPART, ymd(2011, 2, 1), 0, 0);
    event(&c, SC_EV_ENTRY, ymd(2012, 5, 1), SC_CLASS_WORKER,
          ymd(2018, 5, 1));
    r = record(&c, x, SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY, e1,
               e1);
    r.until = u1;
    r.fin = 4242;
    add(&c, &r, x);
    assert_int_equal(sc_registries_enroll(c.reg, x, 4242), 0);
    assert_int_equal(sc_registries_finish(c.reg), 0);

    b = booking(&c, x, ymd(2014, 4, 4), SC_POB_REPORTED);
    run(&c, &b, 1);
    assert_int_equal(c.j.true_status, SC_ST_TEMPORARY);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_STALE_IDENT_STATUS);
    jc_release(&c);
}

/* A lawful temporary visitor of whom no database holds anything. */
static void test_cause_other(void **state)
{
    jcase c;
    uint32_t x;
    sc_booking b;

    (void)state;
    jc_init(&c);
    x = person(&c, SC_BIRTH_FOREIGN, ymd(1988, 1, 1));
    event(&c, SC_EV_ENTRY, ymd(2013, 1, 1), SC_CLASS_VISITOR,
          ymd(2013, 7, 1));
    assert_int_equal(sc_registries_finish(c.reg), 0);
    b = booking(&c, x, ymd(2013, 2, 1), SC_POB_REPORTED);
    run(&c, &b, 1);
    expect(&c, 1, SC_V_WRONG_LAWFUL, SC_CAUSE_OTHER);
    jc_release(&c);
}

static void test_names(void **state)
{
    int i, j;

    (void)state;
    for (i = 0; i < SC_V_COUNT; i++) {
        assert_string_not_equal(sc_verdict_name(i), "?");
        for (j = 0; j < i; j++)
            assert_string_not_equal(sc_verdict_name(i), sc_verdict_name(j));
    }
    for (i = 0; i < SC_CAUSE_COUNT; i++) {
        assert_string_not_equal(sc_cause_name(i), "?");
        for (j = 0; j < i; j++)
            assert_string_not_equal(sc_cause_name(i), sc_cause_name(j));
    }
    assert_string_equal(sc_cause_name(SC_CAUSE_NATURALIZATION_NOT_POSTED),
                        "naturalization_not_posted");
    assert_string_equal(sc_verdict_name(SC_V_COUNT), "?");
    assert_string_equal(sc_cause_name(-1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acceptance_naturalization_not_posted),
        cmocka_unit_test(test_acceptance_naturalization_posted),
        cmocka_unit_test(test_citizen_with_conviction_seen_as_lpr),
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_cause_false_hit),
        cmocka_unit_test(test_cause_derived),
        cmocka_unit_test(test_cause_acquired),
        cmocka_unit_test(test_cause_pob_wrong),
        cmocka_unit_test(test_cause_record_missed_via_identifiers),
        cmocka_unit_test(test_cause_record_missed_beats_posting),
        cmocka_unit_test(test_cause_misattached),
        cmocka_unit_test(test_cause_misattached_by_majority),
        cmocka_unit_test(test_cause_adjustment_not_posted),
        cmocka_unit_test(test_cause_stale_ident),
        cmocka_unit_test(test_cause_other),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
