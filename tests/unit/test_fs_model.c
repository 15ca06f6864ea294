/*
 * test_fs_model.c - the Fellegi-Sunter model: EM without labels, u from
 * random pairs, term frequencies, scores and probabilities.
 *
 * Accuracy is checked on data generated like FEBRL's benchmark files
 * (sc_link_synth_febrl: FEBRL 4's settings for linking, FEBRL 1's for
 * deduplication) and on person records from scomm's own name model
 * (sc_link_synth_people), all with SC_TEST_SEED; the bounds are a little
 * below what the engine reaches (docs/linkage.md has the figures), so
 * that they fail on a real loss, not on a different seed's luck.  A
 * property test: without recording noise, deduplication is perfect.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/link/linker.h"
#include "test_util.h"

typedef struct job {
    sc_link_spec spec;
    sc_link_index *ix;
    sc_link_pairs pairs;
    sc_link_model model;
    sc_link_eval eval;
} job;

/* Infers the spec (every column but the first, the record id), plans
 * rules, links a to b (or dedupes a), trains, scores and evaluates. */
static void run_job(job *j, const char *const *cols, const sc_link_table *a,
                    const uint32_t *ea, const sc_link_table *b,
                    const uint32_t *eb, int threads)
{
    char err[SC_ERRMSG_MAX];
    sc_link_opts o;

    memset(j, 0, sizeof *j);
    sc_link_spec_init(&j->spec);
    for (size_t c = 1; cols[c]; c++) {
        int k = sc_link_infer_kind(cols[c], a, c);
        if (k >= 0)
            sc_link_spec_add_field(&j->spec, cols[c], k, c, c);
    }
    sc_link_infer_partners(&j->spec);
    sc_link_opts_init(&o);
    o.threads = threads;
    o.u_samples = 50000;
    if (sc_link_plan_rules(&j->spec, a, b, &o, err) < 0 ||
        sc_link_index_create(&j->spec, b ? b : a, b ? a : NULL, threads,
                             &j->ix, err) < 0 ||
        sc_link_pairs_compute(j->ix, &o, &j->pairs, err) < 0 ||
        sc_link_train(j->ix, &j->pairs, &o, &j->model, err) < 0) {
        fprintf(stderr, "job: %s\n", err);
        fail();
    }
    sc_link_pairs_score(j->ix, &j->model, &j->pairs, threads);
    assert_int_equal(sc_link_evaluate(&j->pairs, 0.5, ea,
                                      sc_link_table_rows(a), eb,
                                      b ? sc_link_table_rows(b) : 0,
                                      &j->eval), 0);
    fprintf(stderr, "note: seed %u: precision %.4f recall %.4f f1 %.4f "
            "(%llu predicted, %llu true)\n", SC_TEST_SEED,
            j->eval.precision, j->eval.recall, j->eval.f1,
            (unsigned long long)j->eval.predicted,
            (unsigned long long)j->eval.true_pairs);
}

static void job_release(job *j)
{
    sc_link_pairs_release(&j->pairs);
    sc_link_index_destroy(j->ix);
}

static int field_of(const sc_link_spec *s, const char *name)
{
    for (size_t f = 0; f < s->nfields; f++)
        if (!strcmp(s->fields[f].name, name))
            return (int)f;
    fail_msg("no field '%s'", name);
    return -1;
}

/* --- the model's arithmetic ------------------------------------------- */

static void test_prob_and_weights(void **state)
{
    sc_link_spec s;
    sc_link_model m;

    (void)state;
    assert_true(fabs(sc_link_prob(0) - 0.5) < 1e-12);
    assert_true(fabs(sc_link_prob(3) - 8.0 / 9.0) < 1e-12);
    assert_true(sc_link_prob(-200) < 1e-50);
    assert_true(sc_link_prob(200) > 1 - 1e-12);

    sc_link_spec_init(&s);
    sc_link_spec_add_field(&s, "g", SC_LINK_NAME, 0, 0);
    sc_link_spec_add_field(&s, "d", SC_LINK_DATE, 1, 1);
    sc_link_model_init(&m, &s);
    for (size_t f = 0; f < 2; f++) {
        double ms = 0, us = 0;
        for (int l = 0; l < sc_link_level_count(m.kind[f]); l++) {
            ms += m.m[f][l];
            us += m.u[f][l];
            assert_true(fabs(m.w[f][l] - log2(m.m[f][l] / m.u[f][l])) <
                        1e-9);
        }
        assert_true(fabs(ms - 1) < 1e-9 && fabs(us - 1) < 1e-9);
        /* Agreement is evidence for, disagreement against. */
        assert_true(m.w[f][0] > 0);
        assert_true(m.w[f][sc_link_level_count(m.kind[f]) - 1] < 0);
    }
    assert_true(fabs(m.prior - log2(1e-4 / (1 - 1e-4))) < 1e-9);
    assert_true(m.rho[0][1] == 1 && m.w_rho[0][1] == 0);
    m.lambda = 0.5;
    m.m[1][0] = 0.5;
    sc_link_model_finish(&m);
    assert_true(fabs(m.prior) < 1e-12);
    assert_true(fabs(m.w[1][0] - log2(0.5 / m.u[1][0])) < 1e-9);
}

/* --- accuracy ------------------------------------------------------------- */

/* FEBRL 4's settings: 2,000 originals against 2,000 duplicates with four
 * modifications each (at most two per field). */
static void test_febrl4_like_link(void **state)
{
    sc_link_table *a, *b;
    uint32_t *ea, *eb;
    job j;
    int dob, ssn;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED, 2000, 2000, 2, 4, 1,
                                         &a, &ea, &b, &eb), 0);
    run_job(&j, sc_link_synth_febrl_columns(), a, ea, b, eb, 2);
    assert_true(j.eval.f1 >= 0.995);
    /* The prior: 2,000 matches among 4 million pairs. */
    assert_true(j.model.lambda > 0.8 * 2000 / 4e6 &&
                j.model.lambda < 1.2 * 2000 / 4e6);
    /* A modification picks the date of birth one time in nine, and a
     * duplicate gets about 2.7 picks: some 75% of dates stay exact.  A
     * social security number almost never agrees by chance. */
    dob = field_of(&j.spec, "date_of_birth");
    ssn = field_of(&j.spec, "soc_sec_id");
    assert_true(j.model.m[dob][0] > 0.7 && j.model.m[dob][0] < 0.85);
    assert_true(j.model.u[ssn][0] < 1e-5);
    assert_true(j.model.w[ssn][0] > j.model.w[dob][0]);
    job_release(&j);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
    free(ea);
    free(eb);
}

/* FEBRL 1's settings: 600 originals and 600 duplicates, one
 * modification each, deduplicated. */
static void test_febrl1_like_dedupe(void **state)
{
    sc_link_table *a;
    uint32_t *ea;
    job j;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED + 1, 600, 600, 1, 1, 0,
                                         &a, &ea, NULL, NULL), 0);
    run_job(&j, sc_link_synth_febrl_columns(), a, ea, NULL, NULL, 2);
    assert_int_equal(j.eval.true_pairs, 600);
    assert_true(j.eval.f1 >= 0.99);
    job_release(&j);
    sc_link_table_destroy(a);
    free(ea);
}

/* scomm's own records: clerks' typos, swapped names, dropped Hispanic
 * surnames, Arabic romanizations, mis-keyed dates. */
static void test_people_dedupe(void **state)
{
    sc_link_synth_noise nz;
    sc_link_table *t;
    uint32_t *e;
    job j;
    int dob;

    (void)state;
    sc_link_synth_noise_default(&nz);
    assert_int_equal(sc_link_synth_people(SC_TEST_SEED, 12000, &nz, &t, &e),
                     0);
    run_job(&j, sc_link_synth_people_columns(), t, e, NULL, NULL, 2);
    assert_true(j.eval.f1 >= 0.98);
    /* Two records' dates agree unless one was mis-keyed (1% each). */
    dob = field_of(&j.spec, "date_of_birth");
    assert_true(j.model.m[dob][0] > 0.93 && j.model.m[dob][0] < 0.995);
    /* Namesakes are commoner than independence says. */
    assert_true(j.model.rho[0][1] > 1.2);
    assert_true(j.model.pair[0] == 0 && j.model.pair[1] == 1);
    job_release(&j);
    sc_link_table_destroy(t);
    free(e);
}

/* Without recording noise every entity's records are identical, and
 * deduplication must find them all and nothing else. */
static void test_zero_noise_is_perfect(void **state)
{
    sc_link_synth_noise nz;
    sc_link_table *t;
    uint32_t *e;
    job j;

    (void)state;
    memset(&nz, 0, sizeof nz);
    assert_int_equal(sc_link_synth_people(SC_TEST_SEED, 8000, &nz, &t, &e),
                     0);
    run_job(&j, sc_link_synth_people_columns(), t, e, NULL, NULL, 1);
    assert_true(j.eval.recall == 1.0);
    assert_true(j.eval.precision >= 0.999);
    job_release(&j);
    sc_link_table_destroy(t);
    free(e);
}

/* --- term frequencies ----------------------------------------------------- */

static void test_rare_names_weigh_more(void **state)
{
    sc_link_synth_noise nz;
    sc_link_table *t;
    uint32_t *e;
    job j;
    size_t n, common = 0, rare = 0, best = 0;
    size_t *cnt;
    double wc, wr;
    uint64_t gamma = 0;

    (void)state;
    sc_link_synth_noise_default(&nz);
    assert_int_equal(sc_link_synth_people(SC_TEST_SEED, 6000, &nz, &t, &e),
                     0);
    run_job(&j, sc_link_synth_people_columns(), t, e, NULL, NULL, 1);
    n = sc_link_table_rows(t);
    cnt = calloc(n, sizeof *cnt);
    assert_non_null(cnt);
    /* How many rows share each row's given name. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++)
            cnt[i] += !strcmp(sc_link_table_value(t, i, 1),
                              sc_link_table_value(t, k, 1));
    for (size_t i = 0; i < n; i++) {
        if (!sc_link_table_value(t, i, 1)[0])
            continue;
        if (cnt[i] > best) {
            best = cnt[i];
            common = i;
        }
        if (cnt[i] == 2)
            rare = i;
    }
    assert_true(best > 20 && cnt[rare] == 2);
    /* The given name agrees exactly, every other field disagrees. */
    for (size_t f = 1; f < j.spec.nfields; f++)
        gamma |= (uint64_t)(sc_link_level_count(j.spec.fields[f].kind) - 1)
                 << (4 * f);
    wc = sc_link_score_pair(j.ix, &j.model, (uint32_t)common, gamma);
    wr = sc_link_score_pair(j.ix, &j.model, (uint32_t)rare, gamma);
    /* u is (count - 1) / total: the weights differ by the log ratio. */
    assert_true(fabs((wr - wc) - log2((double)(best - 1) / 1.0)) < 1e-6);
    free(cnt);
    job_release(&j);
    sc_link_table_destroy(t);
    free(e);
}

/* --- determinism and queries ---------------------------------------------- */

static void test_threads_give_identical_results(void **state)
{
    sc_link_table *a, *b;
    uint32_t *ea, *eb;
    job j1, j3;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED + 2, 900, 900, 2, 4, 1,
                                         &a, &ea, &b, &eb), 0);
    run_job(&j1, sc_link_synth_febrl_columns(), a, ea, b, eb, 1);
    run_job(&j3, sc_link_synth_febrl_columns(), a, ea, b, eb, 3);
    assert_int_equal(j1.pairs.n, j3.pairs.n);
    assert_memory_equal(j1.pairs.a, j3.pairs.a, j1.pairs.n * 4);
    assert_memory_equal(j1.pairs.b, j3.pairs.b, j1.pairs.n * 4);
    assert_memory_equal(j1.pairs.gamma, j3.pairs.gamma, j1.pairs.n * 8);
    assert_memory_equal(j1.pairs.weight, j3.pairs.weight, j1.pairs.n * 4);
    assert_memory_equal(&j1.model, &j3.model, sizeof j1.model);
    job_release(&j1);
    job_release(&j3);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
    free(ea);
    free(eb);
}

/* A query finds its own duplicates among indexed records, with
 * probabilities that match the weights, above min_prob only. */
static void test_queries(void **state)
{
    sc_link_table *a, *b;
    uint32_t *ea, *eb;
    sc_link_index *ix;
    sc_link_query *q;
    job j;
    char err[SC_ERRMSG_MAX];
    const char *row[16];
    size_t found = 0, n_b;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED + 3, 800, 800, 2, 4, 1,
                                         &a, &ea, &b, &eb), 0);
    run_job(&j, sc_link_synth_febrl_columns(), a, ea, b, eb, 2);
    assert_int_equal(sc_link_index_create(&j.spec, b, NULL, 2, &ix, err), 0);
    assert_int_equal(sc_link_query_create(ix, &q), 0);
    n_b = sc_link_table_rows(b);
    for (size_t i = 0; i < sc_link_table_rows(a); i++) {
        const sc_link_hit *h;
        size_t n;
        sc_link_table_row(a, i, row);
        assert_int_equal(sc_link_query_run(q, &j.model, row, 0.5, &h, &n),
                         0);
        for (size_t k = 0; k < n; k++) {
            assert_true(h[k].row < n_b);
            assert_true(h[k].prob >= 0.5);
            assert_true(fabs(h[k].prob - sc_link_prob(h[k].weight)) < 1e-5);
            found += eb[h[k].row] == ea[i];
        }
    }
    assert_true(found >= 790);
    sc_link_query_destroy(q);
    sc_link_index_destroy(ix);
    job_release(&j);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
    free(ea);
    free(eb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prob_and_weights),
        cmocka_unit_test(test_febrl4_like_link),
        cmocka_unit_test(test_febrl1_like_dedupe),
        cmocka_unit_test(test_people_dedupe),
        cmocka_unit_test(test_zero_noise_is_perfect),
        cmocka_unit_test(test_rare_names_weigh_more),
        cmocka_unit_test(test_threads_give_identical_results),
        cmocka_unit_test(test_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
