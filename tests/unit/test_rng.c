/*
 * test_rng.c - counter-based streams: determinism, independence and the
 * distributions the model draws from.
 *
 * Statistical checks use a fixed seed and tolerances of about five
 * standard errors, so a correct generator fails them with probability
 * below one in a million and a biased one (off by the tolerance) fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "scomm/common.h"
#include "scomm/rng.h"
#include "test_util.h"

static void test_same_stream_same_numbers(void **state)
{
    (void)state;
    sc_rng a, b;
    sc_rng_init(&a, SC_TEST_SEED, SC_STAGE_TEST, 7);
    sc_rng_init(&b, SC_TEST_SEED, SC_STAGE_TEST, 7);
    for (int i = 0; i < 1000; i++)
        assert_true(sc_rng_u64(&a) == sc_rng_u64(&b));
}

static void test_streams_differ(void **state)
{
    (void)state;
    sc_rng a, b, c;
    sc_rng_init(&a, SC_TEST_SEED, SC_STAGE_TEST, 7);
    sc_rng_init(&b, SC_TEST_SEED, SC_STAGE_TEST, 8);
    sc_rng_init(&c, SC_TEST_SEED + 1, SC_STAGE_TEST, 7);
    int same_ab = 0, same_ac = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = sc_rng_u64(&a);
        same_ab += x == sc_rng_u64(&b);
        same_ac += x == sc_rng_u64(&c);
    }
    assert_int_equal(same_ab, 0);
    assert_int_equal(same_ac, 0);
}

static void test_split_independent_of_position(void **state)
{
    (void)state;
    sc_rng a, b;
    sc_rng_init(&a, SC_TEST_SEED, SC_STAGE_TEST, 1);
    b = a;
    for (int i = 0; i < 10; i++)
        sc_rng_u64(&b);
    sc_rng sa = sc_rng_split(&a, 3), sb = sc_rng_split(&b, 3);
    assert_true(sc_rng_u64(&sa) == sc_rng_u64(&sb));
}

static void test_uniform_mean_and_range(void **state)
{
    (void)state;
    sc_rng r;
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 2);
    double s = 0;
    const int n = 200000;
    for (int i = 0; i < n; i++) {
        double u = sc_rng_uniform(&r);
        assert_true(u >= 0.0 && u < 1.0);
        s += u;
    }
    /* sd of the mean = sqrt(1/12/n) = 0.00065; tolerance 5 sd. */
    assert_true(fabs(s / n - 0.5) < 0.0033);
}

static void test_below_is_unbiased(void **state)
{
    (void)state;
    sc_rng r;
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 3);
    int count[6] = { 0 };
    const int n = 120000;
    for (int i = 0; i < n; i++) {
        uint64_t k = sc_rng_below(&r, 6);
        assert_true(k < 6);
        count[k]++;
    }
    /* Each cell: mean 20000, sd 129; tolerance 5 sd. */
    for (int k = 0; k < 6; k++)
        assert_true(abs(count[k] - 20000) < 650);
}

static void test_poisson_mean(void **state)
{
    (void)state;
    sc_rng r;
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 4);
    const double lambdas[] = { 0.05, 2.5, 40.0 };
    for (int j = 0; j < 3; j++) {
        double s = 0;
        const int n = 100000;
        for (int i = 0; i < n; i++)
            s += (double)sc_rng_poisson(&r, lambdas[j]);
        double se = sqrt(lambdas[j] / n);
        assert_true(fabs(s / n - lambdas[j]) < 5 * se + 1e-9);
    }
    assert_int_equal(sc_rng_poisson(&r, 0.0), 0);
}

static void test_bernoulli_edges(void **state)
{
    (void)state;
    sc_rng r;
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 5);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(sc_rng_bernoulli(&r, 0.0), 0);
        assert_int_equal(sc_rng_bernoulli(&r, 1.0), 1);
    }
}

static void test_cdf_matches_weights(void **state)
{
    (void)state;
    const double w[4] = { 1, 0, 3, 6 };
    sc_cdf c;
    sc_rng r;
    int count[4] = { 0 };
    assert_int_equal(sc_cdf_init(&c, w, 4), 0);
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 6);
    for (int i = 0; i < 100000; i++)
        count[sc_cdf_pick(&c, &r)]++;
    sc_cdf_release(&c);
    assert_int_equal(count[1], 0);
    /* Shares 0.1, 0.3, 0.6; sd at most 0.0016; tolerance 0.008. */
    assert_true(fabs(count[0] / 1e5 - 0.1) < 0.008);
    assert_true(fabs(count[2] / 1e5 - 0.3) < 0.008);
    assert_true(fabs(count[3] / 1e5 - 0.6) < 0.008);
    /* sc_rng_pick agrees with the same weights. */
    int pick0 = 0;
    for (int i = 0; i < 100000; i++)
        pick0 += sc_rng_pick(&r, w, 4) == 0;
    assert_true(fabs(pick0 / 1e5 - 0.1) < 0.008);
    const double bad[2] = { 0, 0 };
    assert_int_equal(sc_cdf_init(&c, bad, 2), SC_EINVAL);
    const double neg[2] = { 1, -1 };
    assert_int_equal(sc_cdf_init(&c, neg, 2), SC_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_stream_same_numbers),
        cmocka_unit_test(test_streams_differ),
        cmocka_unit_test(test_split_independent_of_position),
        cmocka_unit_test(test_uniform_mean_and_range),
        cmocka_unit_test(test_below_is_unbiased),
        cmocka_unit_test(test_poisson_mean),
        cmocka_unit_test(test_bernoulli_edges),
        cmocka_unit_test(test_cdf_matches_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
