/*
 * test_geo_reader.c - counties from a data folder: the join of the three
 * files, the fallbacks (state foreign-born share, nationwide activation),
 * the quirks (state-level codes, territories), the population year, and
 * errors naming file, line and column.  The shipped data folder is
 * checked against the figures in its README when present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/io/geo_reader.h"
#include "test_util.h"

#define POP "county_population_2010_2019.csv"
#define ACS "county_acs_2012_2016.csv"
#define ACT "sc_activation_dates.csv"

static const char POP_OK[] =
    "fips,state_fips,county_fips,state_name,county_name,popestimate2010,"
    "popestimate2019\n"
    "01001,01,001,Alabama,Autauga County,1000,2000\n"
    "02013,02,013,Alaska,Aleutians East Borough,500,600\n"
    "36000,36,000,New York,New York State,9,9\n"
    "46102,46,102,South Dakota,Oglala Lakota County,100,200\n"
    "51019,51,019,Virginia,Bedford County,300,400\n"
    "72001,72,001,Puerto Rico,Adjuntas Municipio,50,60\n";

static const char ACS_OK[] =
    "fips,state,county,total_population,foreignborn_pct\n"
    "01001,Alabama,Autauga,55049,1.5\n"
    "36000,Missouri,Kansas City,NA,NA\n"
    "46113,South Dakota,Oglala Lakota,NA,NA\n"
    "51019,Virginia,Bedford,76933,2.25\n"
    "51515,Virginia,Bedford,NA,NA\n";

static const char ACT_OK[] =
    "fips,state,county,activation_year,activation_month\n"
    "01001,AL,AUTAUGA COUNTY,2011,4\n"
    "51019,VA,BEDFORD COUNTY,2010,6\n"
    "51515,VA,BEDFORD CITY,2010,6\n";

typedef struct fixture {
    char dir[256];
} fixture;

static void put(const fixture *fx, const char *name, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static void put_all(const fixture *fx, const char *pop, const char *acs,
                    const char *act)
{
    put(fx, POP, pop);
    put(fx, ACS, acs);
    put(fx, ACT, act);
}

static void remove_file(const fixture *fx, const char *name)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    unlink(path);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx || !sc_test_tmpdir(fx->dir, sizeof fx->dir))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    remove_file(fx, POP);
    remove_file(fx, ACS);
    remove_file(fx, ACT);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static int state_of(int fips)
{
    int i;

    for (i = 0; i < SC_STATE_COUNT; i++)
        if (sc_states()[i].fips == fips)
            return i;
    return -1;
}

static void test_join_and_fallbacks(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_geo *g = NULL;
    const sc_county *c;
    int ak = state_of(2), sd = state_of(46);

    assert_true(ak >= 0 && sd >= 0);
    put_all(fx, POP_OK, ACS_OK, ACT_OK);
    assert_int_equal(sc_geo_load_dir(fx->dir, 2019, &g, err), 0);
    assert_non_null(g);
    assert_true(sc_geo_is_county_level(g));
    /* 36000 is a state-level code and 72001 a territory: both dropped. */
    assert_int_equal(sc_geo_count(g), 4);

    c = sc_geo_county(g, 0);
    assert_string_equal(c->fips, "01001");
    assert_string_equal(c->name, "Autauga County");
    assert_int_equal(sc_states()[c->state].fips, 1);
    assert_true(c->population == 2000);
    assert_true(c->fb_share == 0.015);
    assert_int_equal(c->activation, sc_date_from_ymd(2011, 4, 1));
    assert_int_equal(c->declines, 0);

    /* Alaska: in neither the ACS nor the activation file. */
    c = sc_geo_county(g, 1);
    assert_string_equal(c->fips, "02013");
    assert_int_equal(c->state, ak);
    assert_true(c->fb_share == sc_states()[ak].fb_share);
    assert_int_equal(c->activation, sc_date_from_ymd(2013, 1, 22));

    /* Oglala Lakota: the ACS row is under the old code 46113 and NA. */
    c = sc_geo_county(g, 2);
    assert_string_equal(c->fips, "46102");
    assert_true(c->fb_share == sc_states()[sd].fb_share);
    assert_int_equal(c->activation, sc_date_from_ymd(2013, 1, 22));

    c = sc_geo_county(g, 3);
    assert_string_equal(c->fips, "51019");
    assert_true(c->fb_share == 0.0225);
    assert_int_equal(c->activation, sc_date_from_ymd(2010, 6, 1));
    sc_geo_destroy(g);
}

static void test_population_year(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_geo *g = NULL;

    put_all(fx, POP_OK, ACS_OK, ACT_OK);
    /* Years outside the file's 2010..2019 are clamped to it. */
    assert_int_equal(sc_geo_load_dir(fx->dir, 2003, &g, err), 0);
    assert_true(sc_geo_county(g, 0)->population == 1000);
    assert_true(sc_geo_county(g, 3)->population == 300);
    sc_geo_destroy(g);
    assert_int_equal(sc_geo_load_dir(fx->dir, 2031, &g, err), 0);
    assert_true(sc_geo_county(g, 0)->population == 2000);
    sc_geo_destroy(g);

    /* A year inside the range needs its own column. */
    assert_int_equal(sc_geo_load_dir(fx->dir, 2015, &g, err), SC_EPARSE);
    assert_null(g);
    assert_non_null(strstr(err, POP ": missing column 'popestimate2015'"));
}

/* Loads and expects the error "<dir>/<suffix>". */
static void expect_error(const fixture *fx, int code, const char *suffix)
{
    char err[SC_ERRMSG_MAX], want[1024];
    sc_geo *g = (sc_geo *)err;

    err[0] = '\0';
    assert_int_equal(sc_geo_load_dir(fx->dir, 2019, &g, err), code);
    assert_null(g);
    snprintf(want, sizeof want, "%s/%s", fx->dir, suffix);
    if (strcmp(err, want) != 0)
        fail_msg("message '%s', expected '%s'", err, want);
}

static void test_bad_numbers(void **state)
{
    fixture *fx = *state;

    put_all(fx, POP_OK,
            "fips,foreignborn_pct\n01001,1.5\n51019,2,5\n", ACT_OK);
    expect_error(fx, SC_EPARSE, ACS ":3: row has 3 fields, the header has "
                                    "2");
    put_all(fx, POP_OK, "fips,foreignborn_pct\n01001,1.5\n51019,2x\n",
            ACT_OK);
    expect_error(fx, SC_EPARSE, ACS ":3: foreignborn_pct: '2x' is not a "
                                    "number");
    put_all(fx, POP_OK, "fips,foreignborn_pct\n01001,150\n", ACT_OK);
    expect_error(fx, SC_EPARSE, ACS ":2: foreignborn_pct: '150' is outside "
                                    "0..100");
    put_all(fx, POP_OK, ACS_OK,
            "fips,activation_year,activation_month\n01001,2011,April\n");
    expect_error(fx, SC_EPARSE, ACT ":2: activation_month: 'April' is not "
                                    "a number");
    put_all(fx, POP_OK, ACS_OK,
            "fips,activation_year,activation_month\n01001,2011,13\n");
    expect_error(fx, SC_EPARSE, ACT ":2: activation_month: '13' is outside "
                                    "1..12");
    put_all(fx,
            "fips,county_name,popestimate2019\n01001,Autauga,NA\n",
            ACS_OK, ACT_OK);
    expect_error(fx, SC_EPARSE, POP ":2: popestimate2019: 'NA' is not a "
                                    "number");
}

static void test_bad_codes_and_columns(void **state)
{
    fixture *fx = *state;

    put_all(fx, "fips,county_name,popestimate2019\n1001,Autauga,5\n",
            ACS_OK, ACT_OK);
    expect_error(fx, SC_EPARSE, POP ":2: fips: '1001' is not a 5-digit "
                                    "FIPS code");
    put_all(fx,
            "fips,county_name,popestimate2019\n01001,A,5\n01003,B,6\n"
            "01001,A,5\n",
            ACS_OK, ACT_OK);
    expect_error(fx, SC_EPARSE, POP ":4: fips: '01001' appears twice");
    put_all(fx, POP_OK, "fips,foreignborn_pct\n01001,1\n01001,2\n", ACT_OK);
    expect_error(fx, SC_EPARSE, ACS ":3: fips: '01001' appears twice "
                                    "(first on line 2)");
    put_all(fx, POP_OK, "fips,fb\n01001,1\n", ACT_OK);
    expect_error(fx, SC_EPARSE, ACS ": missing column 'foreignborn_pct'");
    put_all(fx, "fips,popestimate2019\n01001,1\n", ACS_OK, ACT_OK);
    expect_error(fx, SC_EPARSE, POP ": missing column 'county_name'");
    put_all(fx, "fips,county_name,popestimate2019\n72001,Adjuntas,5\n",
            ACS_OK, ACT_OK);
    expect_error(fx, SC_EPARSE, POP ": no counties of the 50 states and "
                                    "DC");
}

static void test_missing_file(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], want[600];
    sc_geo *g = NULL;

    put_all(fx, POP_OK, ACS_OK, ACT_OK);
    remove_file(fx, ACT);
    assert_int_equal(sc_geo_load_dir(fx->dir, 2019, &g, err), SC_EIO);
    assert_null(g);
    snprintf(want, sizeof want, "cannot open '%s/%s'", fx->dir, ACT);
    assert_non_null(strstr(err, want));
}

/* The shipped folder against the figures of its README. */
static void test_shared_data(void **state)
{
    char buf[1024], dir[1024], err[SC_ERRMSG_MAX];
    const sc_county *c;
    sc_geo *g = NULL;
    double sum = 0;
    size_t i, n, na = 0, fallback_fb = 0;
    int tx = state_of(48);

    (void)state;
    if (!sc_test_shared("geo/" POP, buf, sizeof buf))
        skip();
    snprintf(dir, sizeof dir, "%.*s", (int)(strlen(buf) - strlen(POP) - 1),
             buf);
    assert_int_equal(sc_geo_load_dir(dir, 2019, &g, err), 0);
    n = sc_geo_count(g);
    /* All 3,142 counties are in the 50 states and DC. */
    assert_int_equal(n, 3142);
    for (i = 0; i < n; i++) {
        c = sc_geo_county(g, i);
        sum += c->population;
        assert_int_equal(strlen(c->fips), 5);
        assert_int_equal(sc_states()[c->state].fips,
                         (c->fips[0] - '0') * 10 + (c->fips[1] - '0'));
        assert_true(c->fb_share >= 0 && c->fb_share < 1);
        if (c->activation == sc_date_from_ymd(2013, 1, 22))
            na++;
        if (c->fb_share == sc_states()[c->state].fb_share)
            fallback_fb++;
        if (strcmp(c->fips, "48201") == 0) {
            /* Harris TX, the first activation (October 2008). */
            assert_int_equal(c->state, tx);
            assert_int_equal(c->activation, sc_date_from_ymd(2008, 10, 1));
        }
        if (strcmp(c->fips, "01001") == 0)
            assert_true(c->fb_share > 0.01838 && c->fb_share < 0.01839);
    }
    /* popestimate2019 sums to 328,239,523 (README). */
    assert_true(sum == 328239523.0);
    /* 3,142 - 3,101 counties have no activation row: Alaska (29 county
     * equivalents), Hawaii (5), and the handful the README lists. */
    assert_int_equal(na, 3142 - 3101);
    /* Alaska (29) and Oglala Lakota take the state's share. */
    assert_true(fallback_fb >= 30);
    sc_geo_destroy(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_join_and_fallbacks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_population_year, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_codes_and_columns, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test(test_shared_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
