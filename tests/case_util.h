/*
 * case_util.h - hand-made cases run through the real pipeline, for the
 * tests of the judge and of cause attribution (test_judge.c,
 * test_attribute.c).
 *
 * One case (jcase) is a world, its registries and what the pipeline did
 * with one booking: the biometric search, the review, the officer's
 * review under `individualized`, the policy (c->policy, a shipped one;
 * database-only unless a test says otherwise), the judge, and for a
 * wrongful detainer the attribution of its causes.  The registries also
 * hold FILLER arrival records of invented people born 1930-1949, so that
 * names have the frequencies of a registry, and the name search scores
 * with the default model under the prior of a registry of REALISTIC
 * records (test_review.c says why).
 *
 * Static functions in a header: each test binary is one file, and each
 * includes this once.
 */
#ifndef SC_TEST_CASE_UTIL_H
#define SC_TEST_CASE_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "scomm/attribute.h"
#include "scomm/judge.h"
#include "scomm/officer.h"
#include "test_util.h"

#define FILLER 2000
#define REALISTIC 2e6

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

#endif /* SC_TEST_CASE_UTIL_H */
