/*
 * test_biometric.c - the parametric matcher at the rates where its answer
 * is certain (0 and 1), the false hit as a specific other identity, and
 * the false-hit rate's scaling with the gallery.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "scomm/biometric.h"
#include "test_util.h"

/* Person 0 is enrolled under FIN 100, person 1 under FIN 200; person 2
 * is not enrolled. */
static int setup(void **state)
{
    sc_registries *reg = NULL;
    static const uint32_t fins[] = {100, 200};
    uint32_t i, id;

    if (sc_registries_create_empty(&reg) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        sc_record r;

        memset(&r, 0, sizeof r);
        r.registry = SC_REG_IDENT;
        r.kind = SC_REC_ENCOUNTER;
        r.fin = fins[i];
        r.date = r.posted = sc_date_from_ymd(2005, 1, 1);
        r.until = SC_DATE_NEVER;
        snprintf(r.family, sizeof r.family, "PERSON%u", i);
        if (sc_registries_add(reg, &r, i, &id) < 0 ||
            sc_registries_enroll(reg, i, fins[i]) < 0)
            return -1;
    }
    if (sc_registries_finish(reg) < 0)
        return -1;
    *state = reg;
    return 0;
}

static int teardown(void **state)
{
    sc_registries_destroy(*state);
    return 0;
}

static sc_params params(double miss, double false_hit)
{
    sc_params p;
    int q;

    sc_params_init(&p);
    for (q = 0; q < SC_Q_COUNT; q++)
        p.miss[q] = miss;
    p.false_hit = false_hit;
    p.false_hit_gallery = 2;
    p.scale = 1;
    return p;
}

static sc_booking booking_of(uint32_t person, int quality)
{
    sc_booking b;

    memset(&b, 0, sizeof b);
    b.person = person;
    b.quality = (uint8_t)quality;
    b.date = sc_date_from_ymd(2012, 1, 1);
    return b;
}

static void search(const sc_params *p, const sc_registries *reg,
                   const sc_booking *b, int activated, uint64_t i,
                   sc_ident_result *out)
{
    sc_rng r;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_BIOMETRIC, i);
    sc_biometric_search(p, reg, b, activated, &r, out);
}

static void test_not_activated_is_not_searched(void **state)
{
    sc_params p = params(0, 1);
    sc_booking b = booking_of(0, SC_Q_GOOD);
    sc_ident_result res;

    search(&p, *state, &b, 0, 1, &res);
    assert_int_equal(res.searched, 0);
    assert_int_equal(res.hit, 0);
    assert_int_equal(res.fin, 0);
}

static void test_mated_search_hits_own_fin(void **state)
{
    sc_params p = params(0, 0);
    sc_booking b0 = booking_of(0, SC_Q_POOR), b1 = booking_of(1, SC_Q_GOOD);
    sc_ident_result res;
    uint64_t i;

    for (i = 0; i < 100; i++) {
        search(&p, *state, &b0, 1, i, &res);
        assert_int_equal(res.searched, 1);
        assert_int_equal(res.hit, 1);
        assert_int_equal(res.fin, 100);
        search(&p, *state, &b1, 1, i, &res);
        assert_int_equal(res.fin, 200);
    }
}

/* The miss rate is read by the booking's quality. */
static void test_miss_by_quality(void **state)
{
    sc_params p = params(0, 0);
    sc_booking good = booking_of(0, SC_Q_GOOD);
    sc_booking poor = booking_of(0, SC_Q_POOR);
    sc_ident_result res;
    uint64_t i;

    p.miss[SC_Q_POOR] = 1.0;
    for (i = 0; i < 100; i++) {
        search(&p, *state, &poor, 1, i, &res);
        assert_int_equal(res.searched, 1);
        assert_int_equal(res.hit, 0);
        assert_int_equal(res.fin, 0);
        search(&p, *state, &good, 1, i, &res);
        assert_int_equal(res.hit, 1);
    }
}

/* An unmated search with a certain false hit returns an enrolled FIN;
 * a missed mated search returns the only other one, never its own. */
static void test_false_hit_is_another_identity(void **state)
{
    sc_params p = params(1, 1);
    sc_booking stranger = booking_of(2, SC_Q_GOOD);
    sc_booking mated = booking_of(0, SC_Q_GOOD);
    sc_ident_result res;
    int saw100 = 0, saw200 = 0;
    uint64_t i;

    for (i = 0; i < 200; i++) {
        search(&p, *state, &stranger, 1, i, &res);
        assert_int_equal(res.hit, 1);
        assert_true(res.fin == 100 || res.fin == 200);
        saw100 += res.fin == 100;
        saw200 += res.fin == 200;
        search(&p, *state, &mated, 1, i, &res);
        assert_int_equal(res.hit, 1);
        assert_int_equal(res.fin, 200);
    }
    /* Uniform over the gallery: both turn up in 200 draws. */
    assert_true(saw100 > 0 && saw200 > 0);
}

static void test_no_false_hit_at_rate_zero(void **state)
{
    sc_params p = params(1, 0);
    sc_booking stranger = booking_of(2, SC_Q_GOOD);
    sc_booking mated = booking_of(1, SC_Q_FAIR);
    sc_ident_result res;
    uint64_t i;

    for (i = 0; i < 200; i++) {
        search(&p, *state, &stranger, 1, i, &res);
        assert_int_equal(res.hit, 0);
        search(&p, *state, &mated, 1, i, &res);
        assert_int_equal(res.hit, 0);
    }
}

static void test_false_hit_rate_scaling(void **state)
{
    sc_params p;

    (void)state;
    sc_params_init(&p);
    p.false_hit = 1e-4;
    p.false_hit_gallery = 1.5e8;
    assert_true(fabs(sc_biometric_false_hit_rate(&p, 1.5e8) - 1e-4) < 1e-12);
    assert_true(fabs(sc_biometric_false_hit_rate(&p, 3e8) - 2e-4) < 1e-12);
    assert_true(fabs(sc_biometric_false_hit_rate(&p, 0.75e8) - 0.5e-4) <
                1e-12);
    assert_true(sc_biometric_false_hit_rate(&p, 1e20) == 1.0);
    assert_true(sc_biometric_false_hit_rate(&p, 0) == 0.0);
    p.false_hit = 0;
    assert_true(sc_biometric_false_hit_rate(&p, 1e9) == 0.0);
}

/* The search scales the sample gallery up to real-world identities: two
 * enrolled identities at 1:100 stand for 200.  With the reference rate 1
 * at 200 identities every unmated search hits; at scale 1 the rate is
 * 0.01, so 200 searches give about 2 hits (Binomial(200, 0.01) > 15 has
 * probability below 1e-9). */
static void test_search_scales_gallery(void **state)
{
    sc_params p = params(0, 1);
    sc_booking stranger = booking_of(2, SC_Q_GOOD);
    sc_ident_result res;
    int hits = 0;
    uint64_t i;

    p.false_hit_gallery = 200;
    p.scale = 0.01;
    for (i = 0; i < 200; i++) {
        search(&p, *state, &stranger, 1, i, &res);
        assert_int_equal(res.hit, 1);
    }
    p.scale = 1;
    for (i = 0; i < 200; i++) {
        search(&p, *state, &stranger, 1, i, &res);
        hits += res.hit;
    }
    assert_true(hits < 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_activated_is_not_searched),
        cmocka_unit_test(test_mated_search_hits_own_fin),
        cmocka_unit_test(test_miss_by_quality),
        cmocka_unit_test(test_false_hit_is_another_identity),
        cmocka_unit_test(test_no_false_hit_at_rate_zero),
        cmocka_unit_test(test_false_hit_rate_scaling),
        cmocka_unit_test(test_search_scales_gallery),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
