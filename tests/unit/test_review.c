/*
 * test_review.c - query generation and the records search on hand-made
 * registries: fetches by FIN and A-number, the name and date-of-birth
 * search through the linkage engine (a swapped surname order found at
 * the swap level, a maiden-name record missed unless a rare given name
 * and the date carry it, a namesake attached), visibility by posting
 * date, the status summary, deduplication and truncation.
 *
 * Every registry here holds FILLER arrival records besides the test's
 * own: invented names (one in ten given the name ANNA) born 1930-1949,
 * so that the term frequencies of names are those of a registry and not
 * of five records.  The model is the hand-set default of
 * sc_review_default_model with the prior of a registry of REALISTIC
 * records (the 1:100 run's size): in a registry of a few thousand
 * records a record with the booked person's date of birth would be
 * likely theirs whatever its name, which is right for such a registry
 * and useless for a test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/review.h"
#include "test_util.h"

#define MX 1 /* any foreign country index */
#define FILLER 3000
#define REALISTIC 2e6

/* A registry with its name-search index, as the sim holds them. */
typedef struct ctx {
    sc_registries *reg;
    sc_review_index *ix;
    sc_review_scratch *q;
} ctx;

static sc_date ymd(int y, int m, int d)
{
    return sc_date_from_ymd(y, m, d);
}

static sc_record mkrec(int registry, int kind, int status,
                       const char *given, const char *family, sc_date dob)
{
    sc_record r;

    memset(&r, 0, sizeof r);
    r.registry = (uint8_t)registry;
    r.kind = (uint8_t)kind;
    r.status = (uint8_t)status;
    r.date = ymd(2005, 1, 1);
    r.posted = ymd(2005, 1, 1);
    r.until = SC_DATE_NEVER;
    r.dob = dob;
    r.cob = SC_COUNTRY_US;
    snprintf(r.given, sizeof r.given, "%s", given);
    snprintf(r.family, sizeof r.family, "%s", family);
    return r;
}

static uint32_t add(sc_registries *reg, const sc_record *r, uint32_t subject)
{
    uint32_t id = SC_NONE;

    assert_int_equal(sc_registries_add(reg, r, subject, &id), 0);
    return id;
}

static void filler(sc_registries *reg)
{
    static const char *const syl[] = {"BA", "KO", "TI", "RU", "ME", "SO",
                                      "LA", "NU", "VE", "DI", "PO", "GA",
                                      "XI", "FE", "ZU", "HO"};
    sc_rng r;
    int i, k;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 0);
    for (i = 0; i < FILLER; i++) {
        char g[16] = "", f[16] = "";
        sc_record rec;
        uint32_t id;

        for (k = 0; k < 3; k++) {
            memcpy(g + 2 * k, syl[sc_rng_below(&r, 16)], 2);
            memcpy(f + 2 * k, syl[sc_rng_below(&r, 16)], 2);
        }
        rec = mkrec(SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_NONE,
                    i % 10 == 0 ? "ANNA" : g, f,
                    ymd(1930, 1, 1) + (sc_date)sc_rng_below(&r, 7300));
        rec.female = (uint8_t)(i % 2);
        assert_int_equal(sc_registries_add(reg, &rec, 100000 + (uint32_t)i,
                                           &id), 0);
    }
}

static sc_registries *new_reg(void)
{
    sc_registries *reg = NULL;

    assert_int_equal(sc_registries_create_empty(&reg), 0);
    assert_non_null(reg);
    filler(reg);
    return reg;
}

/* Finishes the registries and builds the index with the realistic
 * prior (see the top of the file). */
static ctx finish(sc_registries *reg)
{
    sc_params p;
    ctx c;
    sc_link_model m;
    char err[SC_ERRMSG_MAX];

    sc_params_init(&p);
    c.reg = reg;
    assert_int_equal(sc_registries_finish(reg), 0);
    assert_int_equal(sc_review_index_create(&p, reg, 1, &c.ix, err), 0);
    /* Too few records with identifiers to train on. */
    assert_int_equal(sc_review_index_info(c.ix)->trained, 0);
    sc_review_default_model(sc_review_index_spec(c.ix), REALISTIC, &m);
    assert_int_equal(sc_review_index_set_model(c.ix, &m), 0);
    assert_int_equal(sc_review_scratch_create(c.ix, &c.q), 0);
    return c;
}

static void done(ctx *c)
{
    sc_review_scratch_destroy(c->q);
    sc_review_index_destroy(c->ix);
    sc_registries_destroy(c->reg);
}

static void review(const sc_params *p, ctx *c, const sc_booking *b,
                   const sc_ident_result *ident, sc_evidence *ev)
{
    assert_int_equal(sc_review(p, c->reg, c->ix, c->q, b, ident, ev), 0);
}

/* The evidence item of a record, or NULL. */
static const sc_evidence_item *item_of(const sc_evidence *ev, int registry,
                                       uint32_t id)
{
    size_t i;

    for (i = 0; i < ev->n; i++)
        if (ev->items[i].registry == registry && ev->items[i].record == id)
            return &ev->items[i];
    return NULL;
}

static const char *level_name(const sc_evidence_item *it, int field)
{
    static const int kind[SC_RF_COUNT] = {SC_LINK_NAME, SC_LINK_NAME,
                                          SC_LINK_DATE, SC_LINK_CATEGORY};

    return sc_link_level_name(kind[field], it->level[field]);
}

static sc_booking mkbooking(const char *given, const char *family,
                            sc_date dob, uint16_t pob, sc_date on)
{
    sc_booking b;

    memset(&b, 0, sizeof b);
    b.date = on;
    b.dob = dob;
    b.pob = pob;
    b.pob_how = pob == SC_COUNTRY_UNKNOWN ? SC_POB_MISSING : SC_POB_REPORTED;
    b.manual_iaq = 1;
    snprintf(b.given, sizeof b.given, "%s", given);
    snprintf(b.family, sizeof b.family, "%s", family);
    return b;
}

static sc_params params(void)
{
    sc_params p;

    sc_params_init(&p);
    p.query_foreign_pob = 1;
    return p;
}

static const sc_ident_result no_hit = {1, 0, 0};

static int has_item(const sc_evidence *ev, int registry, uint32_t id,
                    int how)
{
    size_t i;

    for (i = 0; i < ev->n; i++)
        if (ev->items[i].registry == registry && ev->items[i].record == id)
            return how == 0 || ev->items[i].how == how;
    return 0;
}

static void test_query_generation(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1980, 3, 4), on = ymd(2012, 5, 6);
    sc_booking us = mkbooking("JOHN", "SMITH", dob, SC_COUNTRY_US, on);
    sc_booking unk = mkbooking("JOHN", "SMITH", dob, SC_COUNTRY_UNKNOWN, on);
    sc_booking mx = mkbooking("JUAN", "PEREZ", dob, MX, on);
    sc_ident_result hit = {1, 1, 42};
    sc_evidence ev;

    (void)state;
    c = finish(reg);
    memset(&ev, 0x55, sizeof ev);
    review(&p, &c, &us, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    assert_int_equal(ev.n, 0);
    review(&p, &c, &unk, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    review(&p, &c, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.foreign_birth, 1);
    assert_int_equal(ev.status, SC_RS_NONE);
    assert_int_equal(ev.n, 0);
    /* No manual IAQ from the jail: a foreign birthplace alone sends none. */
    mx.manual_iaq = 0;
    review(&p, &c, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    mx.manual_iaq = 1;
    p.query_foreign_pob = 0;
    review(&p, &c, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    review(&p, &c, &us, &hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.foreign_birth, 0);
    assert_int_equal(ev.ident_record, 0); /* nothing under FIN 42 */
    review(&p, &c, &us, NULL, &ev);
    assert_int_equal(ev.queried, 0);
    done(&c);
}

/* The hit's encounters, and the A-file, benefit and enforcement records
 * under the A-number they carry; not the arrival records under it. */
static void test_fin_fetch_follows_anum(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1975, 8, 9), on = ymd(2013, 2, 1);
    sc_record r;
    uint32_t ident, afile, i485, arrival, other;
    sc_ident_result hit = {1, 1, 500};
    sc_booking b = mkbooking("OMAR", "KHAN", dob, SC_COUNTRY_US, on);
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_TEMPORARY, "ALI",
              "HASSAN", dob);
    r.fin = 500;
    r.anum = 1000;
    r.until = ymd(2006, 1, 1);
    r.cob = MX;
    ident = add(reg, &r, 7);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "ALY", "HASAN", dob);
    r.anum = 1000;
    afile = add(reg, &r, 7);
    r = mkrec(SC_REG_BENEFIT, SC_REC_I485, SC_RS_LPR, "ALY", "HASAN", dob);
    r.anum = 1000;
    i485 = add(reg, &r, 7);
    r = mkrec(SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, "ALY",
              "HASAN", dob);
    r.anum = 1000;
    arrival = add(reg, &r, 7);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "ZED", "ZED", dob);
    r.anum = 2000;
    other = add(reg, &r, 8);
    c = finish(reg);

    review(&p, &c, &b, &hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.ident_record, 1);
    assert_int_equal(ev.n, 3);
    assert_true(has_item(&ev, SC_REG_IDENT, ident, SC_FOUND_FIN));
    assert_true(has_item(&ev, SC_REG_AFILE, afile, SC_FOUND_ANUM));
    assert_true(has_item(&ev, SC_REG_BENEFIT, i485, SC_FOUND_ANUM));
    assert_false(has_item(&ev, SC_REG_ARRIVAL, arrival, 0));
    assert_false(has_item(&ev, SC_REG_AFILE, other, 0));
    assert_int_equal(ev.status, SC_RS_LPR);
    assert_int_equal(ev.foreign_birth, 1); /* the encounter's cob */
    assert_int_equal(ev.truncated, 0);
    assert_true(ev.items[0].score == 1.0f);
    /* (registry, record) order */
    assert_int_equal(ev.items[0].registry, SC_REG_IDENT);
    assert_int_equal(ev.items[1].registry, SC_REG_AFILE);
    assert_int_equal(ev.items[2].registry, SC_REG_BENEFIT);
    done(&c);
}

/* A record posted after the booking day is invisible, and so is the
 * A-number it would have given. */
static void test_visibility_by_posting_date(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1970, 1, 20);
    sc_date posted = ymd(2015, 6, 1);
    sc_record r;
    uint32_t enc, cit, n400;
    sc_ident_result hit = {1, 1, 31};
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NO_STATUS, "LI", "WEI",
              dob);
    r.fin = 31;
    enc = add(reg, &r, 3);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "LI", "WEI", dob);
    r.anum = 555;
    r.date = ymd(2015, 3, 1);
    r.posted = posted;
    cit = add(reg, &r, 3);
    r = mkrec(SC_REG_BENEFIT, SC_REC_N400, SC_RS_CITIZEN, "LEE", "WAY", dob);
    r.anum = 555;
    r.date = ymd(2015, 3, 1);
    r.posted = SC_DATE_NEVER;
    n400 = add(reg, &r, 3);
    c = finish(reg);

    b = mkbooking("LI", "WEI", dob, SC_COUNTRY_US, posted - 1);
    review(&p, &c, &b, &hit, &ev);
    assert_int_equal(ev.status, SC_RS_NO_STATUS);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_IDENT, enc, SC_FOUND_FIN));

    b.date = posted;
    review(&p, &c, &b, &hit, &ev);
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    assert_int_equal(ev.n, 2);
    assert_true(has_item(&ev, SC_REG_AFILE, cit, SC_FOUND_NAME_DOB));
    assert_false(has_item(&ev, SC_REG_BENEFIT, n400, 0));

    b.date = ymd(2030, 1, 1);
    review(&p, &c, &b, &hit, &ev);
    assert_false(has_item(&ev, SC_REG_BENEFIT, n400, 0));
    done(&c);
}

static void test_name_and_dob_search(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1988, 11, 30), on = ymd(2014, 4, 4);
    sc_record r;
    uint32_t lpr;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "MARIA",
              "GARCIA LOPEZ", dob);
    r.cob = MX;
    lpr = add(reg, &r, 11);
    c = finish(reg);

    /* One surname kept by the clerk: the key is the first surname. */
    b = mkbooking("MARIA", "GARCIA", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_AFILE, lpr, SC_FOUND_NAME_DOB));
    assert_int_equal(ev.status, SC_RS_LPR);
    assert_int_equal(ev.ident_record, 0);

    /* A date of birth a day later, across the end of the month (three
     * digits differ, "year" level), finds nothing even at a threshold
     * of 1%. */
    b = mkbooking("MARIA", "GARCIA", dob + 1, MX, on);
    p.match_threshold = 0.01;
    review(&p, &c, &b, &no_hit, &ev);
    p.match_threshold = 0.5;
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.n, 0);
    assert_int_equal(ev.status, SC_RS_NONE);
    assert_int_equal(ev.foreign_birth, 1);

    /* The second surname alone shares a word with the record's:
     * found at the "word" level, the given name and the date carrying
     * it. */
    b = mkbooking("MARIA", "LOPEZ", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_string_equal(level_name(&ev.items[0], SC_RF_FAMILY), "word");

    /* The first surname alone is close in spelling (Jaro-Winkler >=
     * 0.85). */
    b = mkbooking("MARIA", "GARCIA", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_string_equal(level_name(&ev.items[0], SC_RF_FAMILY), "jw85");
    assert_string_equal(level_name(&ev.items[0], SC_RF_DOB), "exact");
    done(&c);
}

/* The clerk wrote the family name in the given field: both names
 * compare at the swap level and the record is found. */
static void test_swapped_name_is_found(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1979, 2, 14), on = ymd(2011, 9, 9);
    sc_record r;
    uint32_t id;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "MIN", "PARK",
              dob);
    id = add(reg, &r, 2);
    c = finish(reg);

    b = mkbooking("PARK", "MIN", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_AFILE, id, SC_FOUND_NAME_DOB));
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    done(&c);
}

/* A record found both by FIN and by name is kept once, as a FIN fetch. */
static void test_duplicates_keep_identifier(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1990, 6, 1), on = ymd(2012, 1, 1);
    sc_record r;
    uint32_t id;
    sc_ident_result hit = {1, 1, 9};
    sc_booking b = mkbooking("ANA", "RUIZ", dob, MX, on);
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NO_STATUS, "ANA",
              "RUIZ", dob);
    r.fin = 9;
    id = add(reg, &r, 1);
    c = finish(reg);
    review(&p, &c, &b, &hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_IDENT, id, SC_FOUND_FIN));
    assert_int_equal(ev.status, SC_RS_NO_STATUS);
    done(&c);
}

/* One case of the status summary: records given by (registry, kind,
 * status, date, until), all found by name. */
typedef struct srec {
    int registry, kind, status;
    sc_date date, until;
} srec;

static void status_of(const srec *rs, size_t n, sc_date on, int *status,
                      int *has_order)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1985, 5, 5);
    sc_booking b = mkbooking("JOSE", "DIAZ", dob, MX, on);
    sc_evidence ev;
    size_t i;

    for (i = 0; i < n; i++) {
        sc_record r = mkrec(rs[i].registry, rs[i].kind, rs[i].status,
                            "JOSE", "DIAZ", dob);
        r.date = r.posted = rs[i].date;
        r.until = rs[i].until;
        add(reg, &r, 1);
    }
    c = finish(reg);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, n);
    *status = ev.status;
    *has_order = ev.has_order;
    done(&c);
}

static void test_status_summary(void **state)
{
    sc_date d0 = ymd(2008, 1, 1), d1 = ymd(2010, 1, 1), on = ymd(2012, 1, 1);
    sc_date later = ymd(2013, 1, 1), never = SC_DATE_NEVER;
    const srec temp_valid[] = {
        {SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, d0, later}};
    const srec temp_expired[] = {
        {SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, d0, d1}};
    const srec temp_departed[] = {
        {SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, d0, later},
        {SC_REG_ARRIVAL, SC_REC_DEPARTURE, SC_RS_NONE, d1, never}};
    const srec departed_then_admitted[] = {
        {SC_REG_ARRIVAL, SC_REC_DEPARTURE, SC_RS_NONE, d0, never},
        {SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, d1, later}};
    const srec removed_after_admission[] = {
        {SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, d0, later},
        {SC_REG_ENFORCE, SC_REC_REMOVAL, SC_RS_REMOVED, d1, never}};
    const srec ordered[] = {
        {SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, d1, never},
        {SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NO_STATUS, d0, never}};
    const srec lpr_and_order[] = {
        {SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, d0, never},
        {SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, d1, never}};
    const srec order_then_lpr[] = {
        {SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, d0, never},
        {SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, d1, never}};
    const srec citizen_and_lpr[] = {
        {SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, d1, never},
        {SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_LPR, d0, never}};
    const srec stated_nothing[] = {
        {SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NONE, d0, never}};
    int st, ord;

    (void)state;
    status_of(temp_valid, 1, on, &st, &ord);
    assert_int_equal(st, SC_RS_TEMPORARY);
    assert_int_equal(ord, 0);
    status_of(temp_valid, 1, later + 1, &st, &ord);
    assert_int_equal(st, SC_RS_NO_STATUS);
    status_of(temp_expired, 1, on, &st, &ord);
    assert_int_equal(st, SC_RS_NO_STATUS);
    status_of(temp_departed, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_NO_STATUS);
    status_of(departed_then_admitted, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_TEMPORARY);
    status_of(removed_after_admission, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_ORDERED);
    assert_int_equal(ord, 1);
    status_of(ordered, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_ORDERED);
    assert_int_equal(ord, 1);
    /* The latest entry wins between a lawful status and an order. */
    status_of(lpr_and_order, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_ORDERED);
    assert_int_equal(ord, 1);
    status_of(order_then_lpr, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_LPR);
    assert_int_equal(ord, 1);
    status_of(citizen_and_lpr, 2, on, &st, &ord);
    assert_int_equal(st, SC_RS_CITIZEN);
    status_of(stated_nothing, 1, on, &st, &ord);
    assert_int_equal(st, SC_RS_NONE);
    assert_int_equal(ord, 0);
}

/* Forty homonyms: the first SC_EVIDENCE_MAX by record id are kept, and
 * the summary still reads every record found (the last one says
 * citizen). */
static void test_truncation(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1992, 7, 7);
    sc_booking b = mkbooking("WEI", "ZHANG", dob, MX, ymd(2014, 1, 1));
    uint32_t ids[40];
    sc_evidence ev;
    int i;

    (void)state;
    for (i = 0; i < 40; i++) {
        sc_record r = mkrec(SC_REG_AFILE, SC_REC_AFILE,
                            i == 39 ? SC_RS_CITIZEN : SC_RS_NO_STATUS,
                            "WEI", "ZHANG", dob);
        r.anum = 9000 + (uint32_t)i;
        ids[i] = add(reg, &r, (uint32_t)i);
    }
    c = finish(reg);
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.n, SC_EVIDENCE_MAX);
    assert_int_equal(ev.truncated, 1);
    for (i = 0; i < SC_EVIDENCE_MAX; i++) {
        assert_int_equal(ev.items[i].registry, SC_REG_AFILE);
        assert_int_equal(ev.items[i].record, ids[i]);
    }
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    done(&c);
}

/* A naturalization filed under the maiden name, the booking under the
 * married name, same date of birth.  The family names compare at
 * "else", which the model weighs as strong evidence against a match
 * (about -5 bits); the date (+14.5) and sex (+1) are not enough against
 * the prior of a large registry (-19.4) unless the given name is rare:
 * ANNA, one filler name in ten, adds 3 bits and the record is missed;
 * ZOFIA, found once among the names, adds about 11 bits and carries
 * the record over the threshold. */
static void test_maiden_name(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date d1 = ymd(1975, 4, 12), d2 = ymd(1976, 9, 30);
    sc_date on = ymd(2013, 3, 3);
    sc_record r;
    uint32_t anna, zofia;
    const sc_evidence_item *it;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "ANNA",
              "KOWALSKA", d1);
    r.female = 1;
    r.cob = MX;
    anna = add(reg, &r, 1);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "ZOFIA",
              "KOWALSKA", d2);
    r.female = 1;
    r.cob = MX;
    zofia = add(reg, &r, 2);
    c = finish(reg);

    b = mkbooking("ANNA", "SMITH", d1, MX, on);
    b.female = 1;
    review(&p, &c, &b, &no_hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_false(has_item(&ev, SC_REG_AFILE, anna, 0));
    assert_int_equal(ev.n, 0);
    assert_int_equal(ev.status, SC_RS_NONE);

    b = mkbooking("ZOFIA", "SMITH", d2, MX, on);
    b.female = 1;
    review(&p, &c, &b, &no_hit, &ev);
    it = item_of(&ev, SC_REG_AFILE, zofia);
    assert_non_null(it);
    assert_int_equal(it->how, SC_FOUND_NAME_DOB);
    assert_string_equal(level_name(it, SC_RF_GIVEN), "exact");
    assert_string_equal(level_name(it, SC_RF_FAMILY), "else");
    assert_string_equal(level_name(it, SC_RF_DOB), "exact");
    assert_string_equal(level_name(it, SC_RF_SEX), "exact");
    assert_true(it->score >= p.match_threshold && it->score < 0.999f);
    assert_int_equal(ev.status, SC_RS_CITIZEN);

    /* A stricter agent misses it too. */
    p.match_threshold = 0.999;
    review(&p, &c, &b, &no_hit, &ev);
    assert_null(item_of(&ev, SC_REG_AFILE, zofia));
    assert_int_equal(ev.status, SC_RS_NONE);
    done(&c);
}

/* The record has the two surnames in the other order, and the jail kept
 * both: each name agrees with the other record's partner name, the swap
 * level on both fields, weighed once as one slip. */
static void test_surname_order_swap(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1969, 12, 1), on = ymd(2012, 8, 8);
    sc_record r;
    uint32_t id;
    const sc_evidence_item *it;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "NGUYEN", "THANH",
              dob);
    id = add(reg, &r, 5);
    c = finish(reg);

    b = mkbooking("THANH", "NGUYEN", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    it = item_of(&ev, SC_REG_AFILE, id);
    assert_non_null(it);
    assert_string_equal(level_name(it, SC_RF_GIVEN), "swap");
    assert_string_equal(level_name(it, SC_RF_FAMILY), "swap");
    assert_true(it->score >= 0.99f);
    assert_true(it->weight > 0);
    assert_int_equal(ev.status, SC_RS_LPR);
    done(&c);
}

/* Another man with the same name, sex and date of birth, under a final
 * order: nothing in the names or the date tells them apart, so the
 * engine attaches his record and the evidence reads ORDERED.  Born a
 * year later he is not a candidate (the date differs beyond one edit
 * and no rule blocks on the name alone). */
static void test_namesake_attached(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1983, 6, 15), on = ymd(2013, 5, 5);
    sc_record r;
    uint32_t order, later;
    const sc_evidence_item *it;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    r = mkrec(SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, "JOSE",
              "HERNANDEZ", dob);
    r.anum = 4242;
    r.cob = MX;
    order = add(reg, &r, 77);          /* someone else */
    r = mkrec(SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, "JOSE",
              "HERNANDEZ", ymd(1984, 2, 3));
    r.anum = 4343;
    later = add(reg, &r, 78);
    c = finish(reg);

    b = mkbooking("JOSE", "HERNANDEZ", dob, MX, on);
    review(&p, &c, &b, &no_hit, &ev);
    it = item_of(&ev, SC_REG_ENFORCE, order);
    assert_non_null(it);
    assert_int_equal(it->how, SC_FOUND_NAME_DOB);
    assert_true(it->score > 0.99f);
    assert_false(has_item(&ev, SC_REG_ENFORCE, later, 0));
    assert_int_equal(ev.status, SC_RS_ORDERED);
    assert_int_equal(ev.has_order, 1);
    done(&c);
}

/* The levels and weight of an identifier fetch are "not compared". */
static void test_identifier_fetch_has_no_levels(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1991, 1, 2), on = ymd(2013, 1, 1);
    sc_record r;
    uint32_t id;
    const sc_evidence_item *it;
    sc_ident_result hit = {1, 1, 77};
    sc_booking b = mkbooking("PEDRO", "SOTO", dob, MX, on);
    sc_evidence ev;
    int k;

    (void)state;
    r = mkrec(SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_NO_STATUS, "BORIS",
              "IVANOV", ymd(1960, 5, 5));
    r.fin = 77;
    id = add(reg, &r, 9);
    c = finish(reg);
    review(&p, &c, &b, &hit, &ev);
    it = item_of(&ev, SC_REG_IDENT, id);
    assert_non_null(it);
    assert_int_equal(it->how, SC_FOUND_FIN);
    assert_true(it->score == 1.0f && it->weight == 0.0f);
    for (k = 0; k < SC_RF_COUNT; k++)
        assert_int_equal(it->level[k], SC_LEVEL_NONE);
    done(&c);
}

/* The index groups identical records into one row and maps every
 * record back; an empty registry set searches and finds nothing. */
static void test_index_rows(void **state)
{
    sc_registries *reg = NULL;
    sc_review_index *ix;
    sc_review_scratch *q;
    sc_params p = params();
    sc_date dob = ymd(1980, 1, 1);
    sc_booking b = mkbooking("AMIR", "TEHRANI", dob, MX, ymd(2013, 1, 1));
    sc_evidence ev;
    char err[SC_ERRMSG_MAX];
    int i;

    (void)state;
    assert_int_equal(sc_registries_create_empty(&reg), 0);
    assert_int_equal(sc_registries_finish(reg), 0);
    assert_int_equal(sc_review_index_create(&p, reg, 2, &ix, err), 0);
    assert_null(sc_review_index_link(ix));
    assert_int_equal(sc_review_index_info(ix)->rows, 0);
    assert_int_equal(sc_review_scratch_create(ix, &q), 0);
    assert_int_equal(sc_review(&p, reg, ix, q, &b, &no_hit, &ev), 0);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.n, 0);
    sc_review_scratch_destroy(q);
    sc_review_index_destroy(ix);
    sc_registries_destroy(reg);

    reg = new_reg();
    for (i = 0; i < 5; i++) {
        sc_record r = mkrec(i < 3 ? SC_REG_ARRIVAL : SC_REG_IDENT,
                            SC_REC_ARRIVAL, SC_RS_NONE, "AMIR", "TEHRANI",
                            dob);
        r.female = (uint8_t)(i == 4);      /* one differs in sex */
        add(reg, &r, 1);
    }
    assert_int_equal(sc_registries_finish(reg), 0);
    assert_int_equal(sc_review_index_create(&p, reg, 2, &ix, err), 0);
    assert_int_equal(sc_review_index_info(ix)->records, FILLER + 5);
    assert_true(sc_review_index_info(ix)->rows <= FILLER + 2);
    assert_true(sc_review_index_info(ix)->rows >= 2);
    assert_int_equal(sc_review_scratch_create(ix, &q), 0);
    assert_int_equal(sc_review(&p, reg, ix, q, &b, &no_hit, &ev), 0);
    /* All five are found: the four of the same row and the woman's
     * record, whose sex alone differs. */
    assert_int_equal(ev.n, 5);
    sc_review_scratch_destroy(q);
    sc_review_index_destroy(ix);
    sc_registries_destroy(reg);
}

/* sc_review_index_score, the scoring of a record outside the index,
 * gives every record the probability and levels the name search gives
 * it (a reference-model test: the same record scored both ways), and
 * says "not paired" for a record no blocking rule reaches. */
static void test_score_outside_equals_search(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1988, 11, 30), on = ymd(2014, 4, 4);
    static const char *const given[] = {"ANNA", "MARIA", "ANNA", "MARTA"};
    static const char *const family[] = {"GARCIA LOPEZ", "GARCIA",
                                         "LOPEZ", "GARSIA"};
    uint32_t ids[4];
    sc_booking b;
    sc_evidence ev;
    sc_link_hit hit;
    sc_record far;
    size_t i;

    (void)state;
    for (i = 0; i < 4; i++) {
        sc_record r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, given[i],
                            family[i], dob + (sc_date)(i == 3));
        ids[i] = add(reg, &r, 20 + (uint32_t)i);
    }
    c = finish(reg);
    b = mkbooking("MARIA", "GARCIA", dob, MX, on);
    p.match_threshold = 1e-6;
    review(&p, &c, &b, &no_hit, &ev);
    for (i = 0; i < 4; i++) {
        const sc_evidence_item *it = item_of(&ev, SC_REG_AFILE, ids[i]);
        const sc_record *r = sc_registries_record(c.reg, SC_REG_AFILE,
                                                  ids[i]);

        assert_non_null(it);
        assert_int_equal(sc_review_index_score(c.ix, &b, r, &hit), 1);
        assert_float_equal(hit.prob, it->score, 1e-6);
        assert_float_equal(hit.weight, it->weight, 1e-4);
        for (int f = 0; f < SC_RF_COUNT; f++)
            assert_int_equal(sc_link_gamma_level(hit.gamma, (size_t)f),
                             it->level[f]);
    }
    /* Another name, another sex and another year: no rule pairs it. */
    far = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "OTTO", "BRANDT",
                ymd(1950, 3, 3));
    far.female = 1;
    assert_int_equal(sc_review_index_score(c.ix, &b, &far, &hit), 0);
    done(&c);
}

/* The overlay: a hidden record is not seen by any path, an added record
 * is found by name, by FIN and by A-number, attached records are found
 * whatever their names, the name filter drops a record and the
 * A-numbers it would have led to, and the summary reads added records. */
static void test_overlay(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1975, 6, 1), on = ymd(2013, 2, 2);
    sc_review_overlay *ov = malloc(sizeof *ov);
    sc_ident_result hit = {1, 1, 77};
    sc_record r, enc, nat;
    uint32_t afile, other, stranger;
    sc_booking b;
    sc_evidence ev;

    (void)state;
    assert_non_null(ov);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "JUAN", "PEREZ", dob);
    r.anum = 500;
    afile = add(reg, &r, 1);
    r = mkrec(SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, "JOHN", "DOE",
              ymd(1960, 1, 1));
    r.anum = 500;
    r.date = r.posted = ymd(2001, 1, 1);
    other = add(reg, &r, 1);
    r = mkrec(SC_REG_ARRIVAL, SC_REC_ARRIVAL, SC_RS_TEMPORARY, "QUENTIN",
              "ZZYZX", ymd(1940, 1, 1));
    r.until = ymd(2020, 1, 1);
    stranger = add(reg, &r, 2);
    c = finish(reg);
    b = mkbooking("JUAN", "PEREZ", dob, MX, on);

    /* No overlay: the A-file by name and the order by its A-number. */
    sc_review_overlay_init(ov);
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_true(has_item(&ev, SC_REG_AFILE, afile, SC_FOUND_NAME_DOB));
    assert_true(has_item(&ev, SC_REG_ENFORCE, other, SC_FOUND_ANUM));
    assert_int_equal(ev.status, SC_RS_LPR);

    /* Hiding the A-file hides the order too: nothing led to 500. */
    ov->hidden[ov->n_hidden].registry = SC_REG_AFILE;
    ov->hidden[ov->n_hidden++].record = afile;
    assert_true(sc_review_overlay_hides(ov, SC_REG_AFILE, afile));
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_int_equal(ev.n, 0);
    assert_int_equal(ev.status, SC_RS_NONE);

    /* An added naturalization in the person's name is found by name and
     * read by the summary; its A-number brings the order back. */
    nat = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, "JUAN", "PEREZ",
                dob);
    nat.anum = 500;
    nat.date = nat.posted = ymd(2010, 1, 1);
    ov->added[ov->n_added++] = nat;
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    assert_true(has_item(&ev, SC_REG_ENFORCE, other, SC_FOUND_ANUM));
    assert_int_equal(ev.n, 2);
    assert_int_equal(ev.items[0].added, 1);
    assert_int_equal(ev.items[0].how, SC_FOUND_NAME_DOB);

    /* Posted after the booking: invisible. */
    ov->added[0].posted = on + 1;
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_int_equal(ev.n, 0);

    /* An added IDENT encounter under the FIN that hit. */
    enc = mkrec(SC_REG_IDENT, SC_REC_ENCOUNTER, SC_RS_LPR, "X", "Y",
                ymd(1999, 9, 9));
    enc.fin = 77;
    ov->added[ov->n_added++] = enc;
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &hit, ov,
                                    &ev), 0);
    assert_int_equal(ev.ident_record, 1);
    assert_int_equal(ev.status, SC_RS_LPR);

    /* Attached: a record no search would find. */
    sc_review_overlay_init(ov);
    ov->attach[ov->n_attach].registry = SC_REG_ARRIVAL;
    ov->attach[ov->n_attach++].record = stranger;
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_true(has_item(&ev, SC_REG_ARRIVAL, stranger, SC_FOUND_NAME_DOB));
    assert_int_equal(ev.n, 3);
    free(ov);
    done(&c);
}

/* The name filter of the overlay drops the record and what its
 * A-number would have fetched. */
static int keep_none(void *ud, int registry, uint32_t id)
{
    (void)ud;
    (void)registry;
    (void)id;
    return 0;
}

static void test_overlay_name_filter(void **state)
{
    sc_registries *reg = new_reg();
    ctx c;
    sc_params p = params();
    sc_date dob = ymd(1975, 6, 1), on = ymd(2013, 2, 2);
    sc_review_overlay *ov = malloc(sizeof *ov);
    sc_record r;
    sc_booking b;
    sc_evidence ev, plain;

    (void)state;
    assert_non_null(ov);
    r = mkrec(SC_REG_AFILE, SC_REC_AFILE, SC_RS_LPR, "JUAN", "PEREZ", dob);
    r.anum = 500;
    add(reg, &r, 1);
    r = mkrec(SC_REG_ENFORCE, SC_REC_ORDER, SC_RS_ORDERED, "JOHN", "DOE",
              ymd(1960, 1, 1));
    r.anum = 500;
    add(reg, &r, 1);
    c = finish(reg);
    b = mkbooking("JUAN", "PEREZ", dob, MX, on);
    sc_review_overlay_init(ov);
    ov->name_keep = keep_none;
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_int_equal(ev.n, 0);
    /* NULL overlay and an empty one are the plain review. */
    sc_review_overlay_init(ov);
    review(&p, &c, &b, &no_hit, &plain);
    assert_int_equal(sc_review_with(&p, c.reg, c.ix, c.q, &b, &no_hit, ov,
                                    &ev), 0);
    assert_int_equal(plain.n, 2);
    assert_memory_equal(&plain, &ev, sizeof ev);
    free(ov);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_generation),
        cmocka_unit_test(test_fin_fetch_follows_anum),
        cmocka_unit_test(test_visibility_by_posting_date),
        cmocka_unit_test(test_name_and_dob_search),
        cmocka_unit_test(test_swapped_name_is_found),
        cmocka_unit_test(test_duplicates_keep_identifier),
        cmocka_unit_test(test_status_summary),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_maiden_name),
        cmocka_unit_test(test_surname_order_swap),
        cmocka_unit_test(test_namesake_attached),
        cmocka_unit_test(test_identifier_fetch_has_no_levels),
        cmocka_unit_test(test_index_rows),
        cmocka_unit_test(test_score_outside_equals_search),
        cmocka_unit_test(test_overlay),
        cmocka_unit_test(test_overlay_name_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
