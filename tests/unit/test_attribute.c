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
 * The helpers are those of test_judge.c: FILLER arrival records of
 * invented people give names a registry's frequencies, and the name
 * search scores with the default model under the prior of a registry
 * of REALISTIC records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/attribute.h"
#include "scomm/judge.h"
#include "scomm/officer.h"
#include "test_util.h"

#define FILLER 2000
#define REALISTIC 2e6
#define BIT(c) SC_CAUSE_BIT(SC_CAUSE_##c)

typedef struct jcase {
    sc_world *w;
    sc_registries *reg;
    sc_params p;
    const char *policy;   /* shipped policy; individualized runs the
                             officer's review */
    uint16_t mx;
    uint32_t next_name;
    sc_ident_result ident;
    sc_evidence ev;
    sc_decision d;
    sc_judgement j;
} jcase;

static sc_date ymd(int y, int m, int d)
{
    return sc_date_from_ymd(y, m, d);
}

static void filler(jcase *c);

static void jc_init(jcase *c)
{
    int mx = sc_country_by_code("MX");

    memset(c, 0, sizeof *c);
    assert_int_equal(sc_world_create_empty(&c->w), 0);
    assert_int_equal(sc_registries_create_empty(&c->reg), 0);
    sc_params_init(&c->p);
    c->policy = "database-only";
    c->p.query_foreign_pob = 1;
    c->p.scale = 1;
    c->p.false_hit = 0;
    for (int q = 0; q < SC_Q_COUNT; q++)
        c->p.miss[q] = 0;
    assert_true(mx > 0);
    c->mx = (uint16_t)mx;
    /* Distinct pool ids give distinct names to different persons. */
    assert_true(sc_name_pool_size() > 400);
    c->next_name = 101;
    filler(c);
}

static void filler(jcase *c)
{
    static const char *const syl[] = {"BA", "KO", "TI", "RU", "ME", "SO",
                                      "LA", "NU", "VE", "DI", "PO", "GA",
                                      "XI", "FE", "ZU", "HO"};
    sc_rng r;
    int i, k;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 1);
    for (i = 0; i < FILLER; i++) {
        sc_record rec;
        uint32_t id;

        memset(&rec, 0, sizeof rec);
        for (k = 0; k < 3; k++) {
            memcpy(rec.given + 2 * k, syl[sc_rng_below(&r, 16)], 2);
            memcpy(rec.family + 2 * k, syl[sc_rng_below(&r, 16)], 2);
        }
        rec.registry = SC_REG_ARRIVAL;
        rec.kind = SC_REC_ARRIVAL;
        rec.date = rec.posted = sc_date_from_ymd(1990, 1, 1);
        rec.until = SC_DATE_NEVER;
        rec.dob = sc_date_from_ymd(1930, 1, 1) +
                  (sc_date)sc_rng_below(&r, 7300);
        rec.female = (uint8_t)(i % 2);
        assert_int_equal(sc_registries_add(c->reg, &rec, 900000 + (uint32_t)i,
                                           &id), 0);
    }
}

static void jc_release(jcase *c)
{
    sc_world_destroy(c->w);
    sc_registries_destroy(c->reg);
}

static uint32_t person(jcase *c, int birth_kind, sc_date birth)
{
    sc_person p;
    uint32_t id;

    memset(&p, 0, sizeof p);
    p.birth = birth;
    p.birth_kind = (uint8_t)birth_kind;
    p.birth_country = birth_kind == SC_BIRTH_US ? SC_COUNTRY_US : c->mx;
    p.name.given = c->next_name;
    p.name.family1 = c->next_name + 1;
    p.name.family2 = SC_NONE;
    p.name.tradition = SC_TRAD_HISPANIC;
    p.mother = p.father = SC_NONE;
    c->next_name += 37;
    assert_int_equal(sc_world_add_person(c->w, &p, &id), 0);
    return id;
}

static void event(jcase *c, int kind, sc_date date, int cls, sc_date until)
{
    sc_event e;

    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)kind;
    e.date = date;
    e.cls = (uint8_t)cls;
    e.until = until;
    e.other = SC_NONE;
    assert_int_equal(sc_world_add_event(c->w, &e), 0);
}

/* A record about person `who` in the person's true name. */
static sc_record record(const jcase *c, uint32_t who, int registry,
                        int kind, int status, sc_date date, sc_date posted)
{
    const sc_person *p = sc_world_person(c->w, who);
    sc_record r;

    memset(&r, 0, sizeof r);
    r.registry = (uint8_t)registry;
    r.kind = (uint8_t)kind;
    r.status = (uint8_t)status;
    r.date = date;
    r.posted = posted;
    r.until = SC_DATE_NEVER;
    r.dob = p->birth;
    r.cob = p->birth_country;
    r.female = p->female;
    sc_name_format(&p->name, r.given, r.family);
    return r;
}

static uint32_t add(jcase *c, const sc_record *r, uint32_t subject)
{
    uint32_t id;

    assert_int_equal(sc_registries_add(c->reg, r, subject, &id), 0);
    return id;
}

/* Types a name field over beyond recognition: no comparator relates it
 * to the name it replaces ("else" level).  Garbling both names of a
 * record or booking puts it out of the name search's reach (a garbled
 * family name alone leaves a rare given name and the date to find it,
 * test_review.c shows). */
static void garble(char *field)
{
    size_t n = strlen(field);

    assert_true(n > 0);
    snprintf(field, SC_NAME_MAX, "QXZV%c", 'A' + (int)(n % 26));
}

static sc_booking booking(const jcase *c, uint32_t who, sc_date on,
                          int pob_how)
{
    const sc_person *p = sc_world_person(c->w, who);
    sc_booking b;
    sc_name nm;
    size_t n;
    const sc_event *e = sc_world_events(c->w, who, &n);

    memset(&b, 0, sizeof b);
    b.person = who;
    b.date = on;
    b.dob = p->birth;
    b.female = p->female;
    b.quality = SC_Q_GOOD;
    sc_world_name_on(c->w, who, on, &nm);
    sc_name_format(&nm, b.given, b.family);
    b.pob_how = (uint8_t)pob_how;
    b.manual_iaq = 1;
    if (pob_how == SC_POB_MISSING)
        b.pob = SC_COUNTRY_UNKNOWN;
    else if (pob_how == SC_POB_REPORTED)
        b.pob = p->birth_country;
    else
        b.pob = p->birth_country == SC_COUNTRY_US ? c->mx : SC_COUNTRY_US;
    for (size_t i = 0; i < n && e[i].date < on; i++)
        if (e[i].kind == SC_EV_CONVICT)
            b.convicted = 1;
    return b;
}

/* The re-run of a case for sc_attribute: the review on the overlay,
 * the officer's review under individualized, and the policy, as the
 * pipeline decides. */
typedef struct rerun {
    const sc_params *p;
    const sc_registries *reg;
    const sc_review_index *ix;
    sc_review_scratch *q;
    const sc_world *w;
    const char *policy;
} rerun;

static int officer_on(const char *policy)
{
    return strcmp(policy, "individualized") == 0;
}

static int decide(void *ud, const sc_booking *b,
                  const sc_ident_result *ident, const sc_review_overlay *ov,
                  sc_decision *out)
{
    rerun *r = ud;
    sc_evidence ev;
    int rc = sc_review_with(r->p, r->reg, r->ix, r->q, b, ident, ov, &ev);

    if (rc < 0)
        return rc;
    if (officer_on(r->policy) && ev.queried) {
        sc_statement st;

        sc_officer_hear_with(r->p, r->w, r->reg, ov, b, &st);
        sc_officer_review_with(r->p, r->reg, ov, b, &st, &ev);
    }
    sc_policy_decide(r->policy, b, ident, &ev, out);
    return 0;
}

static void run(jcase *c, const sc_booking *b, int activated)
{
    sc_rng r;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_BIOMETRIC, b->person);
    sc_biometric_search(&c->p, c->reg, b, activated, &r, &c->ident);
    {
        sc_review_index *ix;
        sc_review_scratch *q;
        sc_link_model m;
        char err[SC_ERRMSG_MAX];

        assert_int_equal(sc_review_index_create(&c->p, c->reg, 1, &ix, err),
                         0);
        sc_review_default_model(sc_review_index_spec(ix), REALISTIC, &m);
        assert_int_equal(sc_review_index_set_model(ix, &m), 0);
        assert_int_equal(sc_review_scratch_create(ix, &q), 0);
        assert_int_equal(sc_review(&c->p, c->reg, ix, q, b, &c->ident,
                                   &c->ev), 0);
        if (officer_on(c->policy) && c->ev.queried) {
            sc_statement st;

            sc_officer_hear(&c->p, c->w, c->reg, b, &st);
            sc_officer_review(&c->p, c->reg, b, &st, &c->ev);
        }
        sc_policy_decide(c->policy, b, &c->ident, &c->ev, &c->d);
        sc_judge(c->w, c->reg, b, &c->ident, &c->ev, &c->d, &c->j);
        if (sc_verdict_wrongful(c->j.verdict)) {
            rerun rr = {&c->p, c->reg, ix, q, c->w, c->policy};
            sc_review_ref *recs;
            size_t n;

            assert_int_equal(sc_attribute_records(c->reg, b->person, &recs,
                                                  &n), 0);
            assert_int_equal(sc_attribute(&c->p, c->w, c->reg, b, &c->ident,
                                          &c->ev, recs, n, decide, &rr,
                                          &c->j), 0);
            free(recs);
        }
        sc_review_scratch_destroy(q);
        sc_review_index_destroy(ix);
    }
}

static void expect(const jcase *c, int detainer, int verdict, int cause)
{
    char pr[256], bf[256], co[256];

    sc_cause_list(c->j.present, pr, sizeof pr);
    sc_cause_list(c->j.but_for, bf, sizeof bf);
    sc_cause_list(c->j.contributing, co, sizeof co);
    if (c->d.detainer != detainer || c->j.verdict != verdict ||
        c->j.cause != cause)
        fail_msg("got detainer %d (rule %s) verdict %s cause %s (present "
                 "%s, but-for %s, contributing %s); expected detainer %d "
                 "verdict %s cause %s",
                 c->d.detainer, sc_policy_rule_name(c->d.rule),
                 sc_verdict_name(c->j.verdict), sc_cause_name(c->j.cause),
                 pr, bf, co, detainer, sc_verdict_name(verdict),
                 sc_cause_name(cause));
}

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
