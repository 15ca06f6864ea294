/*
 * test_cluster.c - entities from scored pairs (connected components at a
 * threshold) and the evaluation of predicted pairs against a truth.
 *
 * Hand-made pairs with known components and counts; a reference check
 * that the cluster numbers do not depend on the order of the pairs; and
 * the clusters of a synthetic deduplication against its entities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/link/linker.h"
#include "scomm/rng.h"
#include "test_util.h"

/* Pairs from a (a, b) list, flat, and probabilities. */
static void make_pairs(sc_link_pairs *p, const uint32_t *ab,
                       const double *prob, size_t n)
{
    memset(p, 0, sizeof *p);
    p->n = n;
    p->a = malloc((n + 1) * sizeof *p->a);
    p->b = malloc((n + 1) * sizeof *p->b);
    p->gamma = calloc(n + 1, sizeof *p->gamma);
    p->weight = malloc((n + 1) * sizeof *p->weight);
    assert_true(p->a && p->b && p->gamma && p->weight);
    for (size_t i = 0; i < n; i++) {
        p->a[i] = ab[2 * i];
        p->b[i] = ab[2 * i + 1];
        p->weight[i] = (float)log2(prob[i] / (1 - prob[i]));
    }
}

static void test_components(void **state)
{
    /* 0-3 and 3-5 join {0,3,5}; 2-7 joins {2,7}; 1-4 is below the
     * threshold; 6 and 8 stand alone. */
    static const uint32_t ab[][2] = { { 3, 5 }, { 1, 4 }, { 2, 7 },
                                      { 0, 3 } };
    static const double prob[] = { 0.9, 0.3, 0.51, 0.99 };
    static const uint32_t want[9] = { 0, 1, 2, 0, 3, 0, 4, 2, 5 };
    sc_link_pairs p;
    uint32_t cl[9];

    (void)state;
    make_pairs(&p, &ab[0][0], prob, 4);
    assert_int_equal(sc_link_cluster(9, &p, 0.5, 0, cl), 6);
    assert_memory_equal(cl, want, sizeof want);
    /* A higher threshold splits {2,7}; a lower one joins 1 and 4. */
    assert_int_equal(sc_link_cluster(9, &p, 0.6, 0, cl), 7);
    assert_true(cl[2] != cl[7]);
    assert_int_equal(sc_link_cluster(9, &p, 0.2, 0, cl), 5);
    assert_int_equal(cl[1], cl[4]);
    /* No nodes, no clusters. */
    assert_int_equal(sc_link_cluster(0, &p, 0.5, 0, cl), 0);
    sc_link_pairs_release(&p);
}

/* Linking: nodes are A's rows, then B's. */
static void test_components_across_tables(void **state)
{
    static const uint32_t ab[][2] = { { 0, 1 }, { 2, 1 }, { 1, 0 } };
    static const double prob[] = { 0.8, 0.8, 0.1 };
    sc_link_pairs p;
    uint32_t cl[5];

    (void)state;
    make_pairs(&p, &ab[0][0], prob, 3);
    /* A rows 0,1,2; B rows 3,4: B's row 1 (node 4) joins A's 0 and 2. */
    assert_int_equal(sc_link_cluster(5, &p, 0.5, 3, cl), 3);
    assert_int_equal(cl[0], cl[4]);
    assert_int_equal(cl[2], cl[4]);
    assert_true(cl[1] != cl[0] && cl[3] != cl[0] && cl[1] != cl[3]);
    sc_link_pairs_release(&p);
}

/* Cluster numbers depend on the pairs, not on their order. */
static void test_order_does_not_matter(void **state)
{
    enum { N = 2000, P = 3000 };
    uint32_t (*ab)[2] = malloc(P * sizeof *ab);
    double *prob = malloc(P * sizeof *prob);
    uint32_t *c1 = malloc(N * sizeof *c1), *c2 = malloc(N * sizeof *c2);
    sc_link_pairs p, q;
    sc_rng r;
    int k1, k2;

    (void)state;
    assert_true(ab && prob && c1 && c2);
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 1);
    for (size_t i = 0; i < P; i++) {
        ab[i][0] = (uint32_t)sc_rng_below(&r, N);
        ab[i][1] = (uint32_t)sc_rng_below(&r, N);
        prob[i] = 0.01 + 0.98 * sc_rng_uniform(&r);
    }
    make_pairs(&p, &ab[0][0], prob, P);
    for (size_t i = P; i > 1; i--) {
        size_t j = (size_t)sc_rng_below(&r, i);
        uint32_t t0 = ab[i - 1][0], t1 = ab[i - 1][1];
        double tp = prob[i - 1];
        ab[i - 1][0] = ab[j][0];
        ab[i - 1][1] = ab[j][1];
        prob[i - 1] = prob[j];
        ab[j][0] = t0;
        ab[j][1] = t1;
        prob[j] = tp;
    }
    make_pairs(&q, &ab[0][0], prob, P);
    k1 = sc_link_cluster(N, &p, 0.5, 0, c1);
    k2 = sc_link_cluster(N, &q, 0.5, 0, c2);
    assert_true(k1 > 0);
    assert_int_equal(k1, k2);
    assert_memory_equal(c1, c2, N * sizeof *c1);
    /* Numbered by lowest node: cluster k first appears before k + 1. */
    {
        uint32_t next = 0;
        for (size_t i = 0; i < N; i++) {
            assert_true(c1[i] <= next);
            if (c1[i] == next)
                next++;
        }
        assert_int_equal(next, (uint32_t)k1);
    }
    sc_link_pairs_release(&p);
    sc_link_pairs_release(&q);
    free(ab);
    free(prob);
    free(c1);
    free(c2);
}

static void test_evaluate_dedupe(void **state)
{
    /* Entities: {0,1,2} {3,4} {5}: 3 + 1 = 4 true pairs. */
    static const uint32_t ent[6] = { 7, 7, 7, 2, 2, 9 };
    static const uint32_t ab[][2] = { { 0, 1 }, { 1, 2 }, { 3, 5 },
                                      { 3, 4 }, { 0, 2 } };
    static const double prob[] = { 0.9, 0.7, 0.6, 0.2, 0.4 };
    sc_link_pairs p;
    sc_link_eval ev;

    (void)state;
    make_pairs(&p, &ab[0][0], prob, 5);
    assert_int_equal(sc_link_evaluate(&p, 0.5, ent, 6, NULL, 0, &ev), 0);
    assert_int_equal(ev.true_pairs, 4);
    assert_int_equal(ev.predicted, 3);
    assert_int_equal(ev.tp, 2);
    assert_true(fabs(ev.precision - 2.0 / 3) < 1e-12);
    assert_true(fabs(ev.recall - 0.5) < 1e-12);
    assert_true(fabs(ev.f1 - 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5)) < 1e-12);
    /* Nothing predicted: precision and F1 are 0, not NaN. */
    assert_int_equal(sc_link_evaluate(&p, 0.999, ent, 6, NULL, 0, &ev), 0);
    assert_int_equal(ev.predicted, 0);
    assert_true(ev.precision == 0 && ev.f1 == 0 && ev.recall == 0);
    sc_link_pairs_release(&p);
}

static void test_evaluate_link(void **state)
{
    /* A: entities 1 1 2; B: 1 2 2 3 -> true pairs 2*1 + 1*2 = 4. */
    static const uint32_t ea[3] = { 1, 1, 2 };
    static const uint32_t eb[4] = { 1, 2, 2, 3 };
    static const uint32_t ab[][2] = { { 0, 0 }, { 1, 0 }, { 2, 1 },
                                      { 2, 3 } };
    static const double prob[] = { 0.9, 0.9, 0.9, 0.9 };
    sc_link_pairs p;
    sc_link_eval ev;

    (void)state;
    make_pairs(&p, &ab[0][0], prob, 4);
    assert_int_equal(sc_link_evaluate(&p, 0.5, ea, 3, eb, 4, &ev), 0);
    assert_int_equal(ev.true_pairs, 4);
    assert_int_equal(ev.predicted, 4);
    assert_int_equal(ev.tp, 3);
    assert_true(fabs(ev.recall - 0.75) < 1e-12);
    sc_link_pairs_release(&p);
}

/* The clusters of a synthetic deduplication are nearly its entities:
 * few clusters mix entities, few entities are split. */
static void test_clusters_recover_entities(void **state)
{
    sc_link_table *t;
    uint32_t *e, *cl;
    sc_link_spec s;
    sc_link_opts o;
    sc_link_index *ix;
    sc_link_pairs p;
    sc_link_model m;
    char err[SC_ERRMSG_MAX];
    const char *const *cols = sc_link_synth_febrl_columns();
    size_t n, mixed = 0, split = 0;
    int k;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED, 1000, 1000, 1, 2, 0,
                                         &t, &e, NULL, NULL), 0);
    n = sc_link_table_rows(t);
    sc_link_spec_init(&s);
    for (size_t c = 1; cols[c]; c++) {
        int kind = sc_link_infer_kind(cols[c], t, c);
        if (kind >= 0)
            sc_link_spec_add_field(&s, cols[c], kind, c, c);
    }
    sc_link_infer_partners(&s);
    sc_link_opts_init(&o);
    o.u_samples = 50000;
    assert_int_equal(sc_link_plan_rules(&s, t, NULL, &o, err), 0);
    assert_int_equal(sc_link_index_create(&s, t, NULL, 1, &ix, err), 0);
    assert_int_equal(sc_link_pairs_compute(ix, &o, &p, err), 0);
    assert_int_equal(sc_link_train(ix, &p, &o, &m, err), 0);
    sc_link_pairs_score(ix, &m, &p, 1);
    cl = malloc(n * sizeof *cl);
    assert_non_null(cl);
    k = sc_link_cluster(n, &p, 0.5, 0, cl);
    assert_true(k >= 990 && k <= 1010);
    /* Rows are entity e's original and its one duplicate: compare. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (e[i] == e[j] && cl[i] != cl[j])
                split++;
            if (e[i] != e[j] && cl[i] == cl[j])
                mixed++;
        }
    assert_true(split <= 5);
    assert_true(mixed <= 5);
    free(cl);
    sc_link_pairs_release(&p);
    sc_link_index_destroy(ix);
    sc_link_table_destroy(t);
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_components),
        cmocka_unit_test(test_components_across_tables),
        cmocka_unit_test(test_order_does_not_matter),
        cmocka_unit_test(test_evaluate_dedupe),
        cmocka_unit_test(test_evaluate_link),
        cmocka_unit_test(test_clusters_recover_entities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
