/*
 * test_sim_policy.c - several policies on one world (sc_sim_set_policy).
 *
 * The same world and bookings under two policies differ only in the
 * stages after the review: bookings, IDENT results and evidence stay
 * identical, and deciding again under a policy gives exactly the outcomes
 * and totals of a fresh run under it.  Populations of about 33,000
 * persons (scale 1e-4), as in test_sim.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scomm/sim.h"
#include "test_util.h"

static void small(sc_params *p)
{
    sc_params_init(p);
    p->seed = SC_TEST_SEED;
    p->scale = 1e-4;
}

static sc_sim *create(const sc_params *p)
{
    sc_geo *g;
    sc_sim *s;
    char err[SC_ERRMSG_MAX];

    assert_int_equal(sc_geo_create_states(&g), 0);
    if (sc_sim_create(p, g, NULL, NULL, &s, err) != 0)
        fail_msg("sc_sim_create: %s (seed %u)", err, SC_TEST_SEED);
    return s;
}

static sc_sim *run(const sc_params *p, int threads)
{
    sc_sim *s = create(p);
    if (sc_sim_run(s, threads) != 0)
        fail_msg("sc_sim_run: %s (seed %u)", sc_sim_errmsg(s), SC_TEST_SEED);
    return s;
}

/* What the stages before the policy produced, copied. */
typedef struct before {
    size_t n;
    sc_booking *bookings;
    sc_ident_result *ident;
    uint32_t *evidence;
    uint8_t *activated;
    size_t n_ev;
    sc_evidence *ev;
} before;

static void snapshot(const sc_sim *s, before *b)
{
    const sc_booking *bk = sc_sim_bookings(s, &b->n);
    const sc_outcome *o = sc_sim_outcomes(s);

    b->bookings = malloc(b->n * sizeof *b->bookings);
    b->ident = malloc(b->n * sizeof *b->ident);
    b->evidence = malloc(b->n * sizeof *b->evidence);
    b->activated = malloc(b->n);
    b->ev = malloc(b->n * sizeof *b->ev);
    assert_true(b->bookings && b->ident && b->evidence && b->activated &&
                b->ev);
    memcpy(b->bookings, bk, b->n * sizeof *bk);
    b->n_ev = 0;
    for (size_t i = 0; i < b->n; i++) {
        b->ident[i] = o[i].ident;
        b->evidence[i] = o[i].evidence;
        b->activated[i] = o[i].activated;
        if (o[i].evidence != SC_NONE)
            b->ev[b->n_ev++] = *sc_sim_evidence(s, o[i].evidence);
    }
}

static void release(before *b)
{
    free(b->bookings);
    free(b->ident);
    free(b->evidence);
    free(b->activated);
    free(b->ev);
}

static void same_before(const sc_sim *s, const before *b)
{
    size_t n, k = 0;
    const sc_booking *bk = sc_sim_bookings(s, &n);
    const sc_outcome *o = sc_sim_outcomes(s);

    assert_int_equal(n, b->n);
    assert_memory_equal(bk, b->bookings, n * sizeof *bk);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(o[i].ident.searched, b->ident[i].searched);
        assert_int_equal(o[i].ident.hit, b->ident[i].hit);
        assert_int_equal(o[i].ident.fin, b->ident[i].fin);
        assert_int_equal(o[i].evidence, b->evidence[i]);
        assert_int_equal(o[i].activated, b->activated[i]);
        if (o[i].evidence != SC_NONE)
            assert_memory_equal(sc_sim_evidence(s, o[i].evidence),
                                &b->ev[k++], sizeof(sc_evidence));
    }
    assert_int_equal(k, b->n_ev);
}

/* Field by field: struct padding is not part of an outcome. */
static void same_outcomes(const sc_sim *a, const sc_sim *b)
{
    size_t na, nb;
    const sc_outcome *oa = sc_sim_outcomes(a), *ob = sc_sim_outcomes(b);

    sc_sim_bookings(a, &na);
    sc_sim_bookings(b, &nb);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        const sc_outcome *x = &oa[i], *y = &ob[i];
        if (x->decision.detainer != y->decision.detainer ||
            x->decision.box != y->decision.box ||
            x->decision.rule != y->decision.rule ||
            x->jail.honoured != y->jail.honoured ||
            x->jail.picked_up != y->jail.picked_up ||
            x->jail.hold_hours != y->jail.hold_hours ||
            x->judgement.verdict != y->judgement.verdict ||
            x->judgement.cause != y->judgement.cause ||
            x->judgement.contributing != y->judgement.contributing ||
            x->judgement.present != y->judgement.present ||
            x->judgement.but_for != y->judgement.but_for ||
            x->judgement.true_status != y->judgement.true_status ||
            x->judgement.removable != y->judgement.removable ||
            x->judgement.false_hit != y->judgement.false_hit)
            fail_msg("booking %zu differs (seed %u)", i, SC_TEST_SEED);
    }
    assert_memory_equal(sc_sim_totals(a), sc_sim_totals(b),
                        sizeof(sc_totals));
}

static void test_two_policies_differ_only_in_decisions(void **state)
{
    sc_params p;
    sc_policy judicial, db;
    sc_sim *a, *fresh;
    before b;
    const sc_outcome *o;
    size_t n, changed = 0, wrongful_db, wrongful_ju, detainers_db;
    sc_decision *first;

    (void)state;
    small(&p);
    a = run(&p, 2);
    snapshot(a, &b);
    sc_sim_bookings(a, &n);
    o = sc_sim_outcomes(a);
    first = malloc(n * sizeof *first);
    assert_non_null(first);
    for (size_t i = 0; i < n; i++)
        first[i] = o[i].decision;
    wrongful_db = sc_sim_totals(a)->wrong_citizen +
                  sc_sim_totals(a)->wrong_lawful;
    detainers_db = sc_sim_totals(a)->detainers;
    assert_true(detainers_db > 20);

    assert_int_equal(sc_policy_builtin("judicial", &judicial), 0);
    assert_int_equal(sc_sim_set_policy(a, &judicial), 0);
    assert_string_equal(sc_sim_params(a)->policy, "judicial");
    assert_string_equal(sc_sim_policy(a)->name, "judicial");
    same_before(a, &b);
    o = sc_sim_outcomes(a);
    for (size_t i = 0; i < n; i++)
        changed += o[i].decision.detainer != first[i].detainer ||
                   o[i].decision.rule != first[i].rule;
    assert_true(changed > 0);
    /* The magistrate never detains without affirmative evidence: fewer
     * detainers and no more wrongful ones. */
    wrongful_ju = sc_sim_totals(a)->wrong_citizen +
                  sc_sim_totals(a)->wrong_lawful;
    assert_true(sc_sim_totals(a)->detainers < detainers_db);
    assert_true(wrongful_ju <= wrongful_db);

    /* Exactly a fresh run under the judicial policy, on one thread. */
    p.policy[0] = '\0';
    strncat(p.policy, "judicial", sizeof p.policy - 1);
    fresh = run(&p, 1);
    same_outcomes(a, fresh);
    sc_sim_destroy(fresh);

    /* Back to database-only: the first outcomes again. */
    assert_int_equal(sc_policy_builtin("database-only", &db), 0);
    assert_int_equal(sc_sim_set_policy(a, &db), 0);
    same_before(a, &b);
    o = sc_sim_outcomes(a);
    for (size_t i = 0; i < n; i++)
        assert_memory_equal(&o[i].decision, &first[i], sizeof *first);
    assert_int_equal(sc_sim_totals(a)->wrong_citizen +
                         sc_sim_totals(a)->wrong_lawful,
                     wrongful_db);

    /* The pipeline runs once per sim. */
    assert_int_equal(sc_sim_run(a, 1), SC_EINVAL);
    assert_non_null(strstr(sc_sim_errmsg(a), "already run"));
    free(first);
    release(&b);
    sc_sim_destroy(a);
}

/* A policy that never detains: no detainer, no hold hour, and every
 * removable booking missed. */
static void test_never_detain(void **state)
{
    sc_params p;
    sc_policy never;
    char err[SC_ERRMSG_MAX];
    sc_sim *s;
    const sc_totals *t;
    const sc_outcome *o;
    size_t n, removable = 0;

    (void)state;
    small(&p);
    s = run(&p, 2);
    assert_int_equal(sc_policy_init(&never, "never", err), 0);
    assert_int_equal(sc_policy_add_rule(&never, "no: otherwise no-detainer",
                                        err), 0);
    assert_int_equal(sc_sim_set_policy(s, &never), 0);
    t = sc_sim_totals(s);
    assert_int_equal(t->detainers, 0);
    assert_int_equal(t->honoured, 0);
    assert_true(t->hold_hours == 0);
    o = sc_sim_outcomes(s);
    sc_sim_bookings(s, &n);
    for (size_t i = 0; i < n; i++) {
        removable += o[i].judgement.removable;
        assert_int_equal(o[i].decision.detainer, 0);
        assert_int_equal(o[i].jail.honoured, 0);
        assert_true(o[i].jail.hold_hours == 0);
    }
    assert_true(removable > 0);
    assert_int_equal(t->missed, removable);

    /* An unfinished policy is refused and changes nothing. */
    assert_int_equal(sc_policy_init(&never, "open", err), 0);
    assert_int_equal(sc_sim_set_policy(s, &never), SC_EINVAL);
    assert_non_null(strstr(sc_sim_errmsg(s), "has no rules"));
    assert_string_equal(sc_sim_params(s)->policy, "never");
    sc_sim_destroy(s);
}

/* A scenario's own policy: the run needs its rules first; given before
 * the run, they decide it. */
static void test_custom_policy_before_run(void **state)
{
    sc_params p;
    sc_policy ju;
    sc_sim *s, *ref;

    (void)state;
    small(&p);
    p.end = p.start + 60;
    memcpy(p.policy, "mine", 5);
    p.policy_custom = 1;
    s = create(&p);
    assert_int_equal(sc_sim_run(s, 1), SC_EINVAL);
    assert_non_null(strstr(sc_sim_errmsg(s), "'mine' has no rules"));
    sc_sim_destroy(s);

    /* Given before the run, a policy decides it as if it were named in
     * the scenario. */
    s = create(&p);
    assert_int_equal(sc_policy_builtin("judicial", &ju), 0);
    memcpy(ju.name, "mine", 5);
    assert_int_equal(sc_sim_set_policy(s, &ju), 0);
    assert_int_equal(sc_sim_params(s)->policy_custom, 1);
    assert_int_equal(sc_sim_run(s, 2), 0);
    p.policy_custom = 0;
    memcpy(p.policy, "judicial", 9);
    ref = run(&p, 1);
    same_outcomes(s, ref);
    sc_sim_destroy(ref);
    sc_sim_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_policies_differ_only_in_decisions),
        cmocka_unit_test(test_never_detain),
        cmocka_unit_test(test_custom_policy_before_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
