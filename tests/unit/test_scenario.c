/*
 * test_scenario.c - the parameter table: defaults, parsing, validation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/scenario.h"
#include "test_util.h"

static void test_defaults_valid(void **state)
{
    (void)state;
    sc_params p;
    char err[SC_ERRMSG_MAX] = "";
    sc_params_init(&p);
    assert_int_equal(sc_params_validate(&p, err), 0);
    assert_true(p.scale == 0.01);
    assert_string_equal(p.policy, "database-only");
    assert_int_equal(sc_params_days(&p), 365);
}

static void test_every_key_documented_and_round_trips(void **state)
{
    (void)state;
    size_t n;
    const sc_param_key *k = sc_param_keys(&n);
    sc_params p, q;
    char buf[SC_PARAM_STR_MAX], err[SC_ERRMSG_MAX];
    assert_true(n > 50);
    sc_params_init(&p);
    sc_params_init(&q);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(k[i].doc);
        assert_true(strlen(k[i].doc) > 5);
        assert_true(strlen(k[i].source) > 5);
        assert_true(strlen(k[i].unit) > 0);
        /* Every key is found by name, and only once. */
        assert_ptr_equal(sc_param_find(k[i].section, k[i].name), &k[i]);
        /* Writing a value back as text and reading it gives the same. */
        sc_params_get(&p, &k[i], buf, sizeof buf);
        assert_int_equal(sc_params_set(&q, k[i].section, k[i].name, buf,
                                       err), 0);
    }
    assert_memory_equal(&p, &q, sizeof p);
}

static void test_bad_values_rejected(void **state)
{
    (void)state;
    sc_params p;
    char err[SC_ERRMSG_MAX];
    sc_params_init(&p);
    assert_int_equal(sc_params_set(&p, "world", "nonsense", "1", err),
                     SC_ENOENT);
    assert_non_null(strstr(err, "nonsense"));
    assert_int_equal(sc_params_set(&p, "world", "foreign_born_share", "1.7",
                                   err), SC_ERANGE);
    assert_non_null(strstr(err, "foreign_born_share"));
    assert_int_equal(sc_params_set(&p, "world", "foreign_born_share", "abc",
                                   err), SC_EINVAL);
    assert_int_equal(sc_params_set(&p, "world", "foreign_born_share", "",
                                   err), SC_EINVAL);
    assert_int_equal(sc_params_set(&p, "run", "seed", "-3", err), SC_EINVAL);
    assert_int_equal(sc_params_set(&p, "run", "start", "2013-02-30", err),
                     SC_EINVAL);
    assert_int_equal(sc_params_set(&p, "pipeline", "query_foreign_pob", "2",
                                   err), SC_ERANGE);
    /* The failed sets left the defaults alone. */
    sc_params d;
    sc_params_init(&d);
    assert_memory_equal(&p, &d, sizeof p);
}

static void test_cross_key_constraints(void **state)
{
    (void)state;
    sc_params p;
    char err[SC_ERRMSG_MAX];
    sc_params_init(&p);
    p.fb_lpr = 0.5;
    assert_int_equal(sc_params_validate(&p, err), SC_EINVAL);
    assert_non_null(strstr(err, "fb_naturalized"));
    sc_params_init(&p);
    p.end = p.start - 1;
    assert_int_equal(sc_params_validate(&p, err), SC_EINVAL);
    sc_params_init(&p);
    p.quality[SC_Q_POOR] = 0.5;
    assert_int_equal(sc_params_validate(&p, err), SC_EINVAL);
    sc_params_init(&p);
    memcpy(p.policy, "no-such-policy", 15);
    assert_int_equal(sc_params_validate(&p, err), SC_EINVAL);
    assert_non_null(strstr(err, "no-such-policy"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_valid),
        cmocka_unit_test(test_every_key_documented_and_round_trips),
        cmocka_unit_test(test_bad_values_rejected),
        cmocka_unit_test(test_cross_key_constraints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
