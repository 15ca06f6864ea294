/*
 * test_calibrate.c - the calibration measures equal counts taken
 * independently from a finished sim; the three comparisons hold at their
 * bounds and fail just beyond; the built-in targets equal
 * data/calibration/targets.csv row for row; bad targets files are refused
 * with file, line and field.
 *
 * The sim is about 33,000 persons (scale 1e-4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "scomm/calibrate.h"
#include "scomm/io/calibrate_io.h"
#include "scomm/sim.h"
#include "test_util.h"

#define SHIPPED "data/calibration/targets.csv"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    return sc_test_tmpdir(dir, sizeof dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(dir);
}

static sc_sim *make_sim(double scale, int run)
{
    sc_params p;
    sc_geo *g;
    sc_sim *s;
    char err[SC_ERRMSG_MAX];

    sc_params_init(&p);
    p.seed = SC_TEST_SEED;
    p.scale = scale;
    assert_int_equal(sc_geo_create_states(&g), 0);
    if (sc_sim_create(&p, g, NULL, NULL, &s, err) != 0)
        fail_msg("sc_sim_create: %s (seed %u)", err, SC_TEST_SEED);
    if (run)
        assert_int_equal(sc_sim_run(s, 2), 0);
    return s;
}

/* a == b to 1e-12 of their size (both NAN counts as equal). */
static void assert_close(double a, double b, const char *what)
{
    if (isnan(a) && isnan(b))
        return;
    if (!(fabs(a - b) <= 1e-12 * fmax(1.0, fabs(b))))
        fail_msg("%s: %.17g, expected %.17g", what, a, b);
}

/* ---- measures ---- */

static void test_measures_equal_independent_counts(void **state)
{
    sc_sim *s = make_sim(1e-4, 1);
    const sc_params *p = sc_sim_params(s);
    const sc_totals *tot = sc_sim_totals(s);
    const sc_outcome *o = sc_sim_outcomes(s);
    const sc_world *w = sc_sim_world(s);
    const sc_booking *b;
    size_t nb;
    sc_cal_measures m;
    uint64_t custody = 0, no_record = 0, present = 0, fb = 0, nat = 0;
    uint64_t fb_nat = 0, fb_lpr = 0, fb_temp = 0, fb_unauth = 0;
    uint64_t lpr = 0, unauth = 0;
    double years, k;

    (void)state;
    b = sc_sim_bookings(s, &nb);
    assert_int_equal(sc_cal_measure(s, &m), 0);

    /* Bookings and detainers: the sim's own totals, and the outcomes. */
    assert_int_equal(m.n.bookings, tot->bookings);
    assert_int_equal(m.n.detainers, tot->detainers);
    assert_int_equal(m.n.declined, tot->detainers - tot->honoured);
    for (size_t i = 0; i < nb; i++) {
        if (o[i].decision.detainer != 1)
            continue;
        if (o[i].jail.picked_up)
            custody++;
        if (b[i].convicted == 0 && b[i].misdemeanor == 0)
            no_record++;
    }
    assert_int_equal(m.n.custody, custody);
    assert_int_equal(m.n.no_record, no_record);
    assert_true(tot->detainers > 10);
    /* Picked up implies honoured: custody cannot exceed the held. */
    assert_true(custody <= tot->honoured);

    /* The world on the start date, grouped as the survey figures are. */
    for (uint32_t id = 0; id < sc_world_count(w); id++) {
        size_t ne;
        const sc_event *ev = sc_world_events(w, id, &ne);
        sc_truth t;
        for (size_t e = 0; e < ne; e++)
            nat += ev[e].kind == SC_EV_NATURALIZE &&
                   ev[e].date >= p->start - 365 && ev[e].date < p->start;
        sc_world_truth_on(w, id, p->start, &t);
        if (t.status == SC_ST_ABSENT)
            continue;
        present++;
        lpr += t.status == SC_ST_LPR;
        unauth += t.status == SC_ST_OVERSTAY || t.status == SC_ST_EWI;
        if (sc_world_person(w, id)->birth_kind != SC_BIRTH_FOREIGN)
            continue;
        fb++;
        switch (sc_status_group(t.status)) {
        case SC_GROUP_NATURALIZED: fb_nat++; break;
        case SC_GROUP_LPR: fb_lpr++; break;
        case SC_GROUP_TEMPORARY: fb_temp++; break;
        case SC_GROUP_UNAUTHORIZED: fb_unauth++; break;
        default: fail_msg("a foreign-born person of status %s",
                          sc_status_name(t.status));
        }
    }
    assert_int_equal(m.n.present, present);
    assert_int_equal(m.n.foreign_born, fb);
    assert_int_equal(m.n.lpr, lpr);
    assert_int_equal(m.n.unauthorized, unauth);
    assert_int_equal(m.n.naturalizations, nat);
    assert_int_equal(m.n.fb_by_status[SC_ST_NATURALIZED] +
                         m.n.fb_by_status[SC_ST_DERIVED], fb_nat);
    assert_true(present > 20000 && present <= sc_world_count(w));
    assert_true(fb > 0 && fb < present);

    /* The measures from these counts. */
    years = ((double)(p->end - p->start) + 1) / 365.2425;
    k = 1.0 / p->scale;
    assert_close(m.n.period_years, years, "period_years");
    assert_close(m.v[SC_CAL_DETAINERS_PER_YEAR],
                 (double)tot->detainers * k / years, "detainers_per_year");
    assert_close(m.v[SC_CAL_BOOKINGS_PER_YEAR],
                 (double)nb * k / years, "bookings_per_year");
    assert_close(m.v[SC_CAL_DECLINED_SHARE],
                 (double)(tot->detainers - tot->honoured) /
                     (double)tot->detainers, "declined_share");
    assert_close(m.v[SC_CAL_CUSTODY_SHARE],
                 (double)custody / (double)tot->detainers, "custody_share");
    assert_close(m.v[SC_CAL_NO_RECORD_SHARE],
                 (double)no_record / (double)tot->detainers,
                 "no_record_share");
    assert_close(m.v[SC_CAL_FOREIGN_BORN_SHARE],
                 (double)fb / (double)present, "foreign_born_share");
    assert_close(m.v[SC_CAL_NATURALIZED_SHARE], (double)fb_nat / (double)fb,
                 "naturalized_share");
    assert_close(m.v[SC_CAL_LPR_SHARE], (double)fb_lpr / (double)fb,
                 "lpr_share");
    assert_close(m.v[SC_CAL_TEMPORARY_SHARE], (double)fb_temp / (double)fb,
                 "temporary_share");
    assert_close(m.v[SC_CAL_UNAUTHORIZED_SHARE],
                 (double)fb_unauth / (double)fb, "unauthorized_share");
    assert_close(m.v[SC_CAL_LPR_COUNT], (double)lpr * k, "lpr_count");
    assert_close(m.v[SC_CAL_UNAUTHORIZED_COUNT], (double)unauth * k,
                 "unauthorized_count");
    /* Over the 365 days before the start, in years of 365.2425. */
    assert_close(m.v[SC_CAL_NATURALIZATIONS_PER_YEAR],
                 (double)nat * k * 365.2425 / 365, "naturalizations_per_year");
    assert_true(nat > 0);
    /* The four shares of the foreign-born cover them all. */
    assert_close(m.v[SC_CAL_NATURALIZED_SHARE] + m.v[SC_CAL_LPR_SHARE] +
                     m.v[SC_CAL_TEMPORARY_SHARE] +
                     m.v[SC_CAL_UNAUTHORIZED_SHARE], 1.0, "shares sum");
    sc_sim_destroy(s);
}

static void test_measure_needs_a_run(void **state)
{
    sc_sim *s = make_sim(2e-5, 0);
    sc_cal_measures m;

    (void)state;
    assert_int_equal(sc_cal_measure(s, &m), SC_EINVAL);
    sc_sim_destroy(s);
}

/* Hand-made counts: scaling, yearly rates, and undefined shares. */
static void test_values_from_counts(void **state)
{
    sc_cal_counts n;
    double v[SC_CAL_KEYS];

    (void)state;
    memset(&n, 0, sizeof n);
    n.scale = 0.01;
    n.period_years = 2;
    n.bookings = 300;
    n.detainers = 40;
    n.declined = 4;
    n.custody = 10;
    n.no_record = 30;
    n.present = 1000;
    n.foreign_born = 200;
    n.fb_by_status[SC_ST_NATURALIZED] = 80;
    n.fb_by_status[SC_ST_DERIVED] = 10;
    n.fb_by_status[SC_ST_LPR] = 50;
    n.fb_by_status[SC_ST_TEMPORARY] = 20;
    n.fb_by_status[SC_ST_OVERSTAY] = 15;
    n.fb_by_status[SC_ST_EWI] = 25;
    n.lpr = 52;
    n.unauthorized = 41;
    n.naturalizations = 6;
    sc_cal_values(&n, v);
    assert_close(v[SC_CAL_DETAINERS_PER_YEAR], 2000, "detainers");
    assert_close(v[SC_CAL_BOOKINGS_PER_YEAR], 15000, "bookings");
    assert_close(v[SC_CAL_DECLINED_SHARE], 0.1, "declined");
    assert_close(v[SC_CAL_CUSTODY_SHARE], 0.25, "custody");
    assert_close(v[SC_CAL_NO_RECORD_SHARE], 0.75, "no record");
    assert_close(v[SC_CAL_FOREIGN_BORN_SHARE], 0.2, "foreign-born");
    assert_close(v[SC_CAL_NATURALIZED_SHARE], 0.45, "naturalized");
    assert_close(v[SC_CAL_LPR_SHARE], 0.25, "lpr share");
    assert_close(v[SC_CAL_TEMPORARY_SHARE], 0.1, "temporary");
    assert_close(v[SC_CAL_UNAUTHORIZED_SHARE], 0.2, "unauthorized");
    assert_close(v[SC_CAL_LPR_COUNT], 5200, "lpr count");
    assert_close(v[SC_CAL_UNAUTHORIZED_COUNT], 4100, "unauthorized count");
    /* One year before the start, whatever the period: 6 x 100 a year. */
    assert_close(v[SC_CAL_NATURALIZATIONS_PER_YEAR], 600 * 365.2425 / 365,
                 "naturalizations");

    /* No detainers, no persons: shares of nothing are undefined, and an
     * undefined measure meets no target. */
    memset(&n, 0, sizeof n);
    n.scale = 0.01;
    n.period_years = 1;
    sc_cal_values(&n, v);
    assert_true(isnan(v[SC_CAL_DECLINED_SHARE]));
    assert_true(isnan(v[SC_CAL_FOREIGN_BORN_SHARE]));
    assert_true(isnan(v[SC_CAL_LPR_SHARE]));
    assert_close(v[SC_CAL_DETAINERS_PER_YEAR], 0, "no detainers");
    {
        size_t nt;
        const sc_cal_target *t = sc_cal_builtin(&nt);
        for (size_t i = 0; i < nt; i++)
            if (t[i].key == SC_CAL_CUSTODY_SHARE)
                assert_int_equal(sc_cal_within(&t[i], NAN), 0);
    }
}

/* ---- comparisons ---- */

static sc_cal_target target(int key, double value, int cmp, double tol)
{
    sc_cal_target t;

    memset(&t, 0, sizeof t);
    t.key = key;
    t.value = value;
    t.compare = cmp;
    t.tolerance = tol;
    t.unit = sc_cal_key_unit(key);
    snprintf(t.figure, sizeof t.figure, "a figure");
    snprintf(t.source, sizeof t.source, "a source");
    return t;
}

static void test_compare_relative(void **state)
{
    sc_cal_target t = target(SC_CAL_LPR_COUNT, 200, SC_CAL_CMP_RELATIVE,
                             0.25);

    (void)state;
    assert_int_equal(sc_cal_target_check(&t, (char[SC_ERRMSG_MAX]){0}), 0);
    assert_int_equal(sc_cal_within(&t, 200), 1);
    assert_int_equal(sc_cal_within(&t, 250), 1);        /* at the bound */
    assert_int_equal(sc_cal_within(&t, 150), 1);
    assert_int_equal(sc_cal_within(&t, 250.0001), 0);   /* beyond */
    assert_int_equal(sc_cal_within(&t, 149.9999), 0);
    assert_int_equal(sc_cal_within(&t, NAN), 0);
    /* A decimal bound: 110 / 100 - 1 is 0.10000000000000009 in
     * doubles, and still within a tolerance written 0.1. */
    t = target(SC_CAL_LPR_COUNT, 100, SC_CAL_CMP_RELATIVE, 0.1);
    assert_int_equal(sc_cal_within(&t, 110), 1);
    assert_int_equal(sc_cal_within(&t, 90), 1);
    assert_int_equal(sc_cal_within(&t, 110.00001), 0);
    assert_int_equal(sc_cal_within(&t, 89.99999), 0);
    t = target(SC_CAL_LPR_COUNT, 100, SC_CAL_CMP_RELATIVE, 0);
    assert_int_equal(sc_cal_within(&t, 100), 1);
    assert_int_equal(sc_cal_within(&t, 100.001), 0);
}

static void test_compare_absolute(void **state)
{
    sc_cal_target t = target(SC_CAL_DECLINED_SHARE, 0.5,
                             SC_CAL_CMP_ABSOLUTE, 0.125);

    (void)state;
    assert_int_equal(sc_cal_within(&t, 0.625), 1);     /* at the bound */
    assert_int_equal(sc_cal_within(&t, 0.375), 1);
    assert_int_equal(sc_cal_within(&t, 0.6251), 0);    /* beyond */
    assert_int_equal(sc_cal_within(&t, 0.3749), 0);
    /* The shipped declined_share: 6.1% +/- 4 points. */
    t = target(SC_CAL_DECLINED_SHARE, 0.061, SC_CAL_CMP_ABSOLUTE, 0.04);
    assert_int_equal(sc_cal_within(&t, 0.101), 1);
    assert_int_equal(sc_cal_within(&t, 0.021), 1);
    assert_int_equal(sc_cal_within(&t, 0.1011), 0);
    assert_int_equal(sc_cal_within(&t, 0.0209), 0);
    assert_int_equal(sc_cal_within(&t, NAN), 0);
}

static void test_compare_at_most(void **state)
{
    sc_cal_target t = target(SC_CAL_CUSTODY_SHARE, 0.4, SC_CAL_CMP_AT_MOST,
                             NAN);

    (void)state;
    assert_int_equal(sc_cal_target_check(&t, (char[SC_ERRMSG_MAX]){0}), 0);
    assert_int_equal(sc_cal_within(&t, 0.4), 1);       /* at the bound */
    assert_int_equal(sc_cal_within(&t, 0), 1);
    assert_int_equal(sc_cal_within(&t, 0.4001), 0);    /* beyond */
    assert_int_equal(sc_cal_within(&t, 1), 0);
    assert_int_equal(sc_cal_within(&t, NAN), 0);
}

static void test_count_within(void **state)
{
    sc_cal_table tab;
    sc_cal_measures m;

    (void)state;
    memset(&tab, 0, sizeof tab);
    memset(&m, 0, sizeof m);
    tab.v[tab.n++] = target(SC_CAL_CUSTODY_SHARE, 0.4, SC_CAL_CMP_AT_MOST,
                            NAN);
    tab.v[tab.n++] = target(SC_CAL_LPR_COUNT, 100, SC_CAL_CMP_RELATIVE,
                            0.1);
    tab.v[tab.n++] = target(SC_CAL_LPR_SHARE, 0.27, SC_CAL_CMP_ABSOLUTE,
                            0.03);
    m.v[SC_CAL_CUSTODY_SHARE] = 0.3;
    m.v[SC_CAL_LPR_COUNT] = 120;
    m.v[SC_CAL_LPR_SHARE] = 0.28;
    assert_int_equal(sc_cal_count_within(&tab, &m), 2);
    m.v[SC_CAL_LPR_COUNT] = 105;
    assert_int_equal(sc_cal_count_within(&tab, &m), 3);
}

/* ---- the shipped table ---- */

static void test_builtin_equals_shipped_file(void **state)
{
    sc_cal_table file;
    size_t n;
    const sc_cal_target *bt = sc_cal_builtin(&n);
    char err[SC_ERRMSG_MAX];
    int seen[SC_CAL_KEYS] = {0};

    (void)state;
    if (sc_cal_targets_read(SHIPPED, &file, err) < 0)
        fail_msg("%s (run the tests from the repository root)", err);
    assert_int_equal(file.n, n);
    for (size_t i = 0; i < n; i++) {
        const sc_cal_target *a = &file.v[i], *b = &bt[i];
        const char *key = sc_cal_key_name(b->key);
        if (a->key != b->key)
            fail_msg(SHIPPED " row %zu is '%s', built-in has '%s'", i + 1,
                     sc_cal_key_name(a->key), key);
        if (strcmp(a->figure, b->figure) != 0)
            fail_msg("%s: figure differs: '%s' vs built-in '%s'", key,
                     a->figure, b->figure);
        if (a->value != b->value)
            fail_msg("%s: value %.17g vs built-in %.17g", key, a->value,
                     b->value);
        assert_int_equal(a->compare, b->compare);
        if (!(a->tolerance == b->tolerance ||
              (isnan(a->tolerance) && isnan(b->tolerance))))
            fail_msg("%s: tolerance %g vs built-in %g", key, a->tolerance,
                     b->tolerance);
        assert_int_equal(a->unit, b->unit);
        if (strcmp(a->source, b->source) != 0)
            fail_msg("%s: source differs: '%s' vs built-in '%s'", key,
                     a->source, b->source);
        if (sc_cal_target_check(b, err) != 0)
            fail_msg("built-in %s: %s", key, err);
        seen[b->key]++;
    }
    /* Every measure has its figure, once. */
    for (int k = 0; k < SC_CAL_KEYS; k++)
        if (seen[k] != 1)
            fail_msg("'%s' appears %d times in the shipped targets",
                     sc_cal_key_name(k), seen[k]);
    /* Names go both ways. */
    for (int k = 0; k < SC_CAL_KEYS; k++)
        assert_int_equal(sc_cal_key_find(sc_cal_key_name(k)), k);
    for (int c = 0; c < SC_CAL_CMP_KINDS; c++)
        assert_int_equal(sc_cal_compare_find(sc_cal_compare_name(c)), c);
    for (int u = 0; u < SC_CAL_U_KINDS; u++)
        assert_int_equal(sc_cal_unit_find(sc_cal_unit_name(u)), u);
    assert_int_equal(sc_cal_key_find("detainers"), SC_ENOENT);
}

/* ---- bad targets files ---- */

static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

#define HEAD "key,figure,value,compare,tolerance,unit,source\n"
#define GOOD "lpr_share,LPRs,0.27,absolute,0.03,share,Pew\n"

typedef struct bad_case {
    const char *text;
    const char *want;        /* after "PATH" */
} bad_case;

static const bad_case bad[] = {
    {HEAD "detainers,x,1,relative,0.1,per_year,s\n",
     ":2: key: 'detainers' is not a calibration key"},
    {HEAD GOOD "lpr_count,LPRs,lots,relative,0.1,count,s\n",
     ":3: value: 'lots' is not a number"},
    {HEAD GOOD "lpr_count,LPRs,13.3e6x,relative,0.1,count,s\n",
     ":3: value: '13.3e6x' is not a number"},
    {HEAD "lpr_count,LPRs,13300000,about,0.1,count,s\n",
     ":2: compare: 'about' is not one of relative, absolute, at_most"},
    {HEAD "lpr_count,LPRs,13300000,relative,0.1,persons,s\n",
     ":2: unit: 'persons' is not one of count, per_year, share"},
    {HEAD "lpr_count,LPRs,13300000,relative,10%,count,s\n",
     ":2: tolerance: '10%' is not a number"},
    {HEAD "lpr_count,LPRs,13300000,relative,,count,s\n",
     ":2: tolerance: must be a number >= 0"},
    {HEAD "custody_share,c,0.4,at_most,0.1,share,s\n",
     ":2: tolerance: must be empty for at_most"},
    {HEAD "detainers_per_year,d,209208,relative,0.25,share,s\n",
     ":2: unit: 'share' is not the unit of 'detainers_per_year' (per_year)"},
    {HEAD "declined_share,d,6.1,absolute,0.04,share,s\n",
     ":2: value: a share must lie in 0..1"},
    {HEAD "lpr_count,LPRs,0,relative,0.1,count,s\n",
     ":2: value: a relative comparison needs a value other than 0"},
    {HEAD GOOD "lpr_count,LPRs,1,relative,0.1,count,\n",
     ":3: source: empty"},
    {HEAD GOOD GOOD, ":3: key: 'lpr_share' is given twice (first on line 2)"},
    {"key,figure,value,compare,unit,source\n"
     "lpr_share,LPRs,0.27,absolute,share,Pew\n",
     ":1: missing column 'tolerance'"},
    {HEAD, ":1: no figures"},
    {HEAD GOOD "lpr_count,LPRs,1\n", ":3: row has 3 fields, the header has 7"},
};

static void test_bad_targets_files(void **state)
{
    char err[SC_ERRMSG_MAX], want[1024];
    sc_cal_table t;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *path = write_file("bad.csv", bad[i].text);
        int rc = sc_cal_targets_read(path, &t, err);
        if (rc != SC_EPARSE)
            fail_msg("case %zu: returned %d, wanted SC_EPARSE (%s)", i, rc,
                     err);
        snprintf(want, sizeof want, "%s%s", path, bad[i].want);
        if (strncmp(err, want, strlen(want)) != 0)
            fail_msg("case %zu:\n  got  '%s'\n  want '%s...'", i, err, want);
        assert_int_equal(t.n, 0);
        unlink(path);
    }
    assert_int_equal(sc_cal_targets_read("/nonexistent/targets.csv", &t,
                                         err), SC_EIO);
    assert_non_null(strstr(err, "/nonexistent/targets.csv"));
}

/* A subset of the figures, columns in another order and an extra one,
 * quoted fields: read as written. */
static void test_good_targets_file(void **state)
{
    const char *path = write_file("mine.csv",
        "source,key,unit,compare,value,tolerance,figure,note\n"
        "\"DHS, 2012\",unauthorized_count,count,relative,11400000,0.05,"
        "\"unauthorized, all\",x\n"
        "mine,custody_share,share,at_most,0.5,,custody,\n");
    char err[SC_ERRMSG_MAX];
    sc_cal_table t;

    (void)state;
    if (sc_cal_targets_read(path, &t, err) != 0)
        fail_msg("%s", err);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.v[0].key, SC_CAL_UNAUTHORIZED_COUNT);
    assert_string_equal(t.v[0].source, "DHS, 2012");
    assert_string_equal(t.v[0].figure, "unauthorized, all");
    assert_true(t.v[0].value == 11400000);
    assert_true(t.v[0].tolerance == 0.05);
    assert_int_equal(t.v[0].compare, SC_CAL_CMP_RELATIVE);
    assert_int_equal(t.v[0].unit, SC_CAL_U_COUNT);
    assert_int_equal(t.v[1].key, SC_CAL_CUSTODY_SHARE);
    assert_int_equal(t.v[1].compare, SC_CAL_CMP_AT_MOST);
    assert_true(isnan(t.v[1].tolerance));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measures_equal_independent_counts),
        cmocka_unit_test(test_measure_needs_a_run),
        cmocka_unit_test(test_values_from_counts),
        cmocka_unit_test(test_compare_relative),
        cmocka_unit_test(test_compare_absolute),
        cmocka_unit_test(test_compare_at_most),
        cmocka_unit_test(test_count_within),
        cmocka_unit_test(test_builtin_equals_shipped_file),
        cmocka_unit_test(test_bad_targets_files),
        cmocka_unit_test(test_good_targets_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
