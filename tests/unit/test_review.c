/*
 * test_review.c - query generation and the records search on hand-made
 * registries: fetches by FIN and A-number, name and date-of-birth search
 * (also with the names swapped), visibility by posting date, the status
 * summary, deduplication and truncation.
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

static sc_registries *new_reg(void)
{
    sc_registries *reg = NULL;

    assert_int_equal(sc_registries_create_empty(&reg), 0);
    assert_non_null(reg);
    return reg;
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
    sc_params p = params();
    sc_date dob = ymd(1980, 3, 4), on = ymd(2012, 5, 6);
    sc_booking us = mkbooking("JOHN", "SMITH", dob, SC_COUNTRY_US, on);
    sc_booking unk = mkbooking("JOHN", "SMITH", dob, SC_COUNTRY_UNKNOWN, on);
    sc_booking mx = mkbooking("JUAN", "PEREZ", dob, MX, on);
    sc_ident_result hit = {1, 1, 42};
    sc_evidence ev;

    (void)state;
    assert_int_equal(sc_registries_finish(reg), 0);
    memset(&ev, 0x55, sizeof ev);
    sc_review(&p, reg, &us, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    assert_int_equal(ev.n, 0);
    sc_review(&p, reg, &unk, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    sc_review(&p, reg, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.foreign_birth, 1);
    assert_int_equal(ev.status, SC_RS_NONE);
    assert_int_equal(ev.n, 0);
    /* No manual IAQ from the jail: a foreign birthplace alone sends none. */
    mx.manual_iaq = 0;
    sc_review(&p, reg, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    mx.manual_iaq = 1;
    p.query_foreign_pob = 0;
    sc_review(&p, reg, &mx, &no_hit, &ev);
    assert_int_equal(ev.queried, 0);
    sc_review(&p, reg, &us, &hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.foreign_birth, 0);
    assert_int_equal(ev.ident_record, 0); /* nothing under FIN 42 */
    sc_review(&p, reg, &us, NULL, &ev);
    assert_int_equal(ev.queried, 0);
    sc_registries_destroy(reg);
}

/* The hit's encounters, and the A-file, benefit and enforcement records
 * under the A-number they carry; not the arrival records under it. */
static void test_fin_fetch_follows_anum(void **state)
{
    sc_registries *reg = new_reg();
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
    assert_int_equal(sc_registries_finish(reg), 0);

    sc_review(&p, reg, &b, &hit, &ev);
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
    sc_registries_destroy(reg);
}

/* A record posted after the booking day is invisible, and so is the
 * A-number it would have given. */
static void test_visibility_by_posting_date(void **state)
{
    sc_registries *reg = new_reg();
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
    assert_int_equal(sc_registries_finish(reg), 0);

    b = mkbooking("LI", "WEI", dob, SC_COUNTRY_US, posted - 1);
    sc_review(&p, reg, &b, &hit, &ev);
    assert_int_equal(ev.status, SC_RS_NO_STATUS);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_IDENT, enc, SC_FOUND_FIN));

    b.date = posted;
    sc_review(&p, reg, &b, &hit, &ev);
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    assert_int_equal(ev.n, 2);
    assert_true(has_item(&ev, SC_REG_AFILE, cit, SC_FOUND_NAME_DOB));
    assert_false(has_item(&ev, SC_REG_BENEFIT, n400, 0));

    b.date = ymd(2030, 1, 1);
    sc_review(&p, reg, &b, &hit, &ev);
    assert_false(has_item(&ev, SC_REG_BENEFIT, n400, 0));
    sc_registries_destroy(reg);
}

static void test_name_and_dob_search(void **state)
{
    sc_registries *reg = new_reg();
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
    assert_int_equal(sc_registries_finish(reg), 0);

    /* One surname kept by the clerk: the key is the first surname. */
    b = mkbooking("MARIA", "GARCIA", dob, MX, on);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_AFILE, lpr, SC_FOUND_NAME_DOB));
    assert_int_equal(ev.status, SC_RS_LPR);
    assert_int_equal(ev.ident_record, 0);

    /* A different date of birth finds nothing. */
    b = mkbooking("MARIA", "GARCIA", dob + 1, MX, on);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.queried, 1);
    assert_int_equal(ev.n, 0);
    assert_int_equal(ev.status, SC_RS_NONE);
    assert_int_equal(ev.foreign_birth, 1);

    /* Another family name finds nothing either. */
    b = mkbooking("MARIA", "LOPEZ", dob, MX, on);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 0);
    sc_registries_destroy(reg);
}

/* The clerk wrote the family name in the given field: the second search,
 * with the given field as family name, finds the record. */
static void test_swapped_name_is_found(void **state)
{
    sc_registries *reg = new_reg();
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
    assert_int_equal(sc_registries_finish(reg), 0);

    b = mkbooking("PARK", "MIN", dob, MX, on);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_AFILE, id, SC_FOUND_NAME_DOB));
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    sc_registries_destroy(reg);
}

/* A record found both by FIN and by name is kept once, as a FIN fetch. */
static void test_duplicates_keep_identifier(void **state)
{
    sc_registries *reg = new_reg();
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
    assert_int_equal(sc_registries_finish(reg), 0);
    sc_review(&p, reg, &b, &hit, &ev);
    assert_int_equal(ev.n, 1);
    assert_true(has_item(&ev, SC_REG_IDENT, id, SC_FOUND_FIN));
    assert_int_equal(ev.status, SC_RS_NO_STATUS);
    sc_registries_destroy(reg);
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
    assert_int_equal(sc_registries_finish(reg), 0);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.n, n);
    *status = ev.status;
    *has_order = ev.has_order;
    sc_registries_destroy(reg);
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
    assert_int_equal(sc_registries_finish(reg), 0);
    sc_review(&p, reg, &b, &no_hit, &ev);
    assert_int_equal(ev.n, SC_EVIDENCE_MAX);
    assert_int_equal(ev.truncated, 1);
    for (i = 0; i < SC_EVIDENCE_MAX; i++) {
        assert_int_equal(ev.items[i].registry, SC_REG_AFILE);
        assert_int_equal(ev.items[i].record, ids[i]);
    }
    assert_int_equal(ev.status, SC_RS_CITIZEN);
    sc_registries_destroy(reg);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
