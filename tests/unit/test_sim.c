/*
 * test_sim.c - whole runs: the zero-error property and determinism
 * across thread counts.
 *
 * Populations are about 33,000 persons (scale 1e-4) so the suite stays
 * fast under the sanitizers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/sim.h"
#include "test_util.h"

static void small(sc_params *p)
{
    sc_params_init(p);
    p->seed = SC_TEST_SEED;
    p->scale = 1e-4;
}

static sc_sim *run(const sc_params *p, int threads)
{
    sc_geo *g;
    sc_sim *s;
    char err[SC_ERRMSG_MAX];
    assert_int_equal(sc_geo_create_states(&g), 0);
    if (sc_sim_create(p, g, NULL, NULL, &s, err) != 0)
        fail_msg("sc_sim_create: %s (seed %u)", err, SC_TEST_SEED);
    assert_int_equal(sc_sim_run(s, threads), 0);
    return s;
}

/* Every recording, booking and biometric error set to zero. */
static void zero_error(sc_params *p)
{
    p->ident_entry_pre2004 = p->ident_entry_post2004 = 1;
    p->ident_apprehension = p->ident_benefit = 1;
    p->post_naturalization = p->post_adjustment = 1;
    p->post_lag_days = 0;
    p->n600_share = 1;
    p->n600_lag_years = 0;
    p->benefit_recorded_pre1996 = p->benefit_recorded = 1;
    p->departure_recorded = 1;
    p->omission = p->name_typo = p->dob_error = 0;
    p->name_order_swap = p->name_order_swap_east_asian = 0;
    p->misattach = p->one_surname = p->translit_variant = 0;
    /* A married name is a true change, not a recording error.  The
     * linkage engine finds a record filed under the maiden name only
     * when the given name, date of birth and sex outweigh the family
     * names' disagreement (test_review.c, test_maiden_name), which
     * depends on how rare the given name is and how many records the
     * registries hold; without name changes every record is findable
     * whatever the scale. */
    p->marriage_name_change = 0;
    p->pob_missing = p->pob_wrong_foreign = p->pob_wrong_us = 0;
    p->booking_name_typo = p->booking_dob_error = 0;
    p->booking_name_order_swap = p->booking_one_surname = 0;
    p->booking_translit_variant = 0;
    for (int q = 0; q < SC_Q_COUNT; q++)
        p->miss[q] = 0;
    p->false_hit = 0;
}

static void test_zero_error_no_wrongful_detainer(void **state)
{
    (void)state;
    sc_params p;
    small(&p);
    zero_error(&p);
    sc_sim *s = run(&p, 2);
    const sc_totals *t = sc_sim_totals(s);
    assert_true(t->bookings > 1000);
    assert_true(t->queries > 50);
    {
        /* The name search's model was trained on this world's
         * registries, and identical records share index rows. */
        const sc_review_train_info *ri =
            sc_review_index_info(sc_sim_review_index(s));
        assert_true(ri->records > 0);
        assert_true(ri->rows > 0 && ri->rows < ri->records);
        assert_int_equal(ri->trained, 1);
        assert_true(ri->per_person > 1 && ri->per_person < 50);
        assert_true(ri->lambda > 0 && ri->lambda < 0.01);
    }
    assert_true(t->detainers > 10);    /* the removable are still found */
    if (t->wrong_citizen || t->wrong_lawful) {
        for (int c = 0; c < SC_CAUSE_COUNT; c++)
            if (t->causes[c])
                print_message("cause %s: %llu\n", sc_cause_name(c),
                              (unsigned long long)t->causes[c]);
        fail_msg("%llu citizens and %llu lawful residents detained with "
                 "zero error (seed %u)",
                 (unsigned long long)t->wrong_citizen,
                 (unsigned long long)t->wrong_lawful, SC_TEST_SEED);
    }
    assert_int_equal(t->false_hits, 0);
    sc_sim_destroy(s);
}

static void test_default_errors_produce_wrongful_detainers(void **state)
{
    (void)state;
    sc_params p;
    small(&p);
    /* A larger sample so that rare errors occur at default rates. */
    p.scale = 3e-4;
    sc_sim *s = run(&p, 2);
    const sc_totals *t = sc_sim_totals(s);
    assert_true(t->detainers > 0);
    assert_true(t->wrong_citizen + t->wrong_lawful > 0);
    uint64_t sum = 0;
    for (int c = 0; c < SC_CAUSE_COUNT; c++)
        sum += t->causes[c];
    assert_true(sum == t->wrong_citizen + t->wrong_lawful);
    assert_true(t->supported + t->wrong_citizen + t->wrong_lawful +
                t->wrong_other == t->detainers);
    sc_sim_destroy(s);
}

static void test_same_outcomes_any_thread_count(void **state)
{
    (void)state;
    sc_params p;
    size_t n1, n2;
    small(&p);
    sc_sim *a = run(&p, 1), *b = run(&p, 2);
    const sc_booking *ba = sc_sim_bookings(a, &n1);
    const sc_booking *bb = sc_sim_bookings(b, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(ba, bb, n1 * sizeof *ba);
    const sc_outcome *oa = sc_sim_outcomes(a), *ob = sc_sim_outcomes(b);
    for (size_t i = 0; i < n1; i++) {
        assert_memory_equal(&oa[i], &ob[i], sizeof oa[i]);
        if (oa[i].evidence != SC_NONE)
            assert_memory_equal(sc_sim_evidence(a, oa[i].evidence),
                                sc_sim_evidence(b, ob[i].evidence),
                                sizeof(sc_evidence));
    }
    assert_memory_equal(sc_sim_totals(a), sc_sim_totals(b),
                        sizeof(sc_totals));
    sc_sim_destroy(a);
    sc_sim_destroy(b);
}

static void test_seed_changes_run(void **state)
{
    (void)state;
    sc_params p;
    small(&p);
    sc_sim *a = run(&p, 2);
    p.seed++;
    sc_sim *b = run(&p, 2);
    assert_memory_not_equal(sc_sim_totals(a), sc_sim_totals(b),
                            sizeof(sc_totals));
    sc_sim_destroy(a);
    sc_sim_destroy(b);
}

static void test_no_activation_no_search(void **state)
{
    (void)state;
    sc_params p;
    small(&p);
    /* Before the first activation (Oct 2008) no prints reach IDENT. */
    sc_date_parse("2007-01-01", &p.start);
    sc_date_parse("2007-06-30", &p.end);
    sc_sim *s = run(&p, 1);
    const sc_totals *t = sc_sim_totals(s);
    assert_true(t->bookings > 0);
    assert_int_equal(t->searched, 0);
    assert_int_equal(t->ident_hits, 0);
    sc_sim_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_error_no_wrongful_detainer),
        cmocka_unit_test(test_default_errors_produce_wrongful_detainers),
        cmocka_unit_test(test_same_outcomes_any_thread_count),
        cmocka_unit_test(test_seed_changes_run),
        cmocka_unit_test(test_no_activation_no_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
