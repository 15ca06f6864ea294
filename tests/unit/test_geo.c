/*
 * test_geo.c - the built-in state and country tables against the
 * reference data read in place (../shared/data), and residence draws.
 *
 * The tables were written from published figures of other years than the
 * reference files, so the tolerances allow for the change between them:
 * state populations 2018 within 1.5% of the Census Vintage-2019 estimate
 * for 2018; foreign-born shares (ACS 2017) within 2.5 points of ACS
 * 2012-2016 (the largest state moves were about a point); country shares
 * (ACS 2018) within a factor 0.6-1.6 of ACS 2010 for the ten largest
 * countries of 2010 (Mexico's share fell from 29% to 25%, India's rose
 * from 4.5% to 5.9%).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/geo.h"
#include "scomm/io/csv_reader.h"
#include "test_util.h"

static void test_state_populations(void **state)
{
    (void)state;
    char path[512], err[SC_ERRMSG_MAX];
    double pop[100] = { 0 };
    sc_csv *c;
    int ifips, ipop;
    if (!sc_test_shared("geo/county_population_2010_2019.csv", path,
                        sizeof path))
        skip();
    assert_int_equal(sc_csv_open(path, &c, err), 0);
    assert_int_equal(sc_csv_require(c, "state_fips", &ifips, err), 0);
    assert_int_equal(sc_csv_require(c, "popestimate2018", &ipop, err), 0);
    while (sc_csv_next(c, err) == 1) {
        int f = (int)strtol(sc_csv_field(c, (size_t)ifips), NULL, 10);
        assert_true(f > 0 && f < 100);
        pop[f] += strtod(sc_csv_field(c, (size_t)ipop), NULL);
    }
    sc_csv_close(c);
    const sc_state *st = sc_states();
    for (int i = 0; i < SC_STATE_COUNT; i++) {
        double ref = pop[st[i].fips];
        if (fabs(st[i].population / ref - 1.0) > 0.015)
            fail_msg("%s population %.0f vs reference %.0f", st[i].abbr,
                     st[i].population, ref);
    }
}

static void test_state_foreign_born_shares(void **state)
{
    (void)state;
    char path[512], err[SC_ERRMSG_MAX];
    double pop[SC_STATE_COUNT] = { 0 }, fb[SC_STATE_COUNT] = { 0 };
    sc_csv *c;
    int ist, ipop, ifb;
    if (!sc_test_shared("geo/county_acs_2012_2016.csv", path, sizeof path))
        skip();
    assert_int_equal(sc_csv_open(path, &c, err), 0);
    assert_int_equal(sc_csv_require(c, "state", &ist, err), 0);
    assert_int_equal(sc_csv_require(c, "total_population", &ipop, err), 0);
    assert_int_equal(sc_csv_require(c, "foreignborn_pct", &ifb, err), 0);
    const sc_state *st = sc_states();
    while (sc_csv_next(c, err) == 1) {
        const char *name = sc_csv_field(c, (size_t)ist);
        const char *ps = sc_csv_field(c, (size_t)ipop);
        const char *fs = sc_csv_field(c, (size_t)ifb);
        if (!strcmp(ps, "NA") || !strcmp(fs, "NA"))
            continue;
        for (int i = 0; i < SC_STATE_COUNT; i++)
            if (!strcmp(st[i].name, name)) {
                double p = strtod(ps, NULL);
                pop[i] += p;
                fb[i] += p * strtod(fs, NULL) / 100.0;
            }
    }
    sc_csv_close(c);
    for (int i = 0; i < SC_STATE_COUNT; i++) {
        if (pop[i] == 0)    /* Alaska is absent from this file */
            continue;
        double ref = fb[i] / pop[i];
        if (fabs(st[i].fb_share - ref) > 0.025)
            fail_msg("%s foreign-born share %.3f vs reference %.3f",
                     st[i].abbr, st[i].fb_share, ref);
    }
}

static void test_country_shares(void **state)
{
    (void)state;
    char path[512], err[SC_ERRMSG_MAX];
    sc_csv *c;
    int iplace, ikind, ipct;
    size_t nc;
    const sc_country *co = sc_countries(&nc);
    double total = 0;
    for (size_t i = 0; i < nc; i++)
        total += co[i].fb_share;
    assert_true(fabs(total - 1.0) < 0.01);
    if (!sc_test_shared("names/acs2010_foreign_born_by_place_of_birth.csv",
                        path, sizeof path))
        skip();
    assert_int_equal(sc_csv_open(path, &c, err), 0);
    assert_int_equal(sc_csv_require(c, "place", &iplace, err), 0);
    assert_int_equal(sc_csv_require(c, "kind", &ikind, err), 0);
    assert_int_equal(sc_csv_require(c, "pct_of_foreign_born", &ipct, err), 0);
    struct { char name[80]; double pct; } top[10];
    int ntop = 0;
    while (sc_csv_next(c, err) == 1) {
        if (strcmp(sc_csv_field(c, (size_t)ikind), "leaf"))
            continue;
        const char *place = sc_csv_field(c, (size_t)iplace);
        const char *last = strrchr(place, '>');
        last = last ? last + 2 : place;
        if (strstr(last, "n.e.c.") || strstr(last, "Other"))
            continue;
        double pct = strtod(sc_csv_field(c, (size_t)ipct), NULL);
        /* Keep the ten largest, by insertion. */
        int pos = ntop < 10 ? ntop++ : 10;
        while (pos > 0 && top[pos - 1].pct < pct) {
            if (pos < 10)
                top[pos] = top[pos - 1];
            pos--;
        }
        if (pos < 10) {
            snprintf(top[pos].name, sizeof top[pos].name, "%s",
                     strncmp(last, "China", 5) ? last : "China");
            top[pos].pct = pct;
        }
    }
    sc_csv_close(c);
    assert_int_equal(ntop, 10);
    for (int t = 0; t < 10; t++) {
        size_t i;
        for (i = 0; i < nc; i++)
            if (!strcmp(co[i].name, top[t].name))
                break;
        if (i == nc)
            fail_msg("%s (%.1f%% in 2010) missing from the country table",
                     top[t].name, top[t].pct);
        double ratio = co[i].fb_share * 100.0 / top[t].pct;
        if (ratio < 0.6 || ratio > 1.6)
            fail_msg("%s share %.3f vs 2010 %.2f%%", co[i].name,
                     co[i].fb_share, top[t].pct);
    }
}

static void test_residence_draws(void **state)
{
    (void)state;
    sc_geo *g;
    sc_rng r;
    int ca = sc_state_by_abbr("CA"), wv = sc_state_by_abbr("WV");
    long native_ca = 0, foreign_ca = 0, foreign_wv = 0;
    const int n = 200000;
    assert_int_equal(sc_geo_create_states(&g), 0);
    assert_int_equal((int)sc_geo_count(g), SC_STATE_COUNT);
    assert_false(sc_geo_is_county_level(g));
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 1);
    for (int i = 0; i < n; i++) {
        native_ca += sc_geo_draw_county(g, &r, 0) == (uint32_t)ca;
        uint32_t f = sc_geo_draw_county(g, &r, 1);
        foreign_ca += f == (uint32_t)ca;
        foreign_wv += f == (uint32_t)wv;
    }
    /* California holds about a quarter of the foreign-born (10.6M of
     * 44.6M) but a tenth of natives; West Virginia almost none. */
    assert_true(fabs(foreign_ca / (double)n - 0.238) < 0.01);
    assert_true(fabs(native_ca / (double)n - 0.103) < 0.01);
    assert_true(foreign_wv < n / 500);
    sc_geo_assign_declines(g, SC_TEST_SEED, 0.0);
    for (size_t i = 0; i < sc_geo_count(g); i++)
        assert_int_equal(sc_geo_county(g, i)->declines, 0);
    sc_geo_assign_declines(g, SC_TEST_SEED, 1.0);
    for (size_t i = 0; i < sc_geo_count(g); i++)
        assert_int_equal(sc_geo_county(g, i)->declines, 1);
    sc_geo_destroy(g);
    sc_geo_destroy(NULL);
}

static void test_lookups(void **state)
{
    (void)state;
    assert_int_equal(sc_country_by_code("US"), SC_COUNTRY_US);
    assert_true(sc_country_by_code("MX") > 0);
    assert_int_equal(sc_country_by_code("QQ"), -1);
    assert_string_equal(sc_states()[sc_state_by_abbr("TX")].name, "Texas");
    assert_int_equal(sc_state_by_abbr("XX"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_populations),
        cmocka_unit_test(test_state_foreign_born_shares),
        cmocka_unit_test(test_country_shares),
        cmocka_unit_test(test_residence_draws),
        cmocka_unit_test(test_lookups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
