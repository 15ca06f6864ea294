/*
 * test_blocking.c - blocking rules, the index and candidate pairs.
 *
 * The central check is a reference test: on small random tables whose
 * values come from tiny alphabets (so that keys collide often), the
 * candidate pairs the index yields equal, pair for pair and in order,
 * those found by brute force over all pairs with the same rules'
 * keys (sc_link_rule_key compared as strings), for linking and for
 * deduplication, with each pair credited to the first rule that finds
 * it.  Queries one record at a time must find the same rows, and the
 * result must not depend on the number of threads.
 *
 * Random tables use SC_TEST_SEED.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/link/linker.h"
#include "scomm/rng.h"
#include "test_util.h"

/* --- small random tables -------------------------------------------------- */

enum { C_GIVEN, C_FAMILY, C_DOB, C_ZIP, C_NOTE, NCOLS };

static const char *const givens[] = { "Ann", "Anne", "ANNA", "Bob",
                                      "Robert", "Rob", "Maria", "Mario",
                                      "José", "Jose", "" };
static const char *const families[] = { "Smith", "Smyth", "Schmidt",
                                        "de la Cruz", "Cruz", "O'Neil",
                                        "Oneil", "Ng", "" };
static const char *const dobs[] = { "1980-01-02", "02/01/1980",
                                    "1980-02-01", "19800102", "1981-01-02",
                                    "1979-12-31", "", "12.3.1980" };
static const char *const zips[] = { "12345", "12346", "54321", "", "1234" };

#define PICK(r, arr) (arr)[sc_rng_below((r), sizeof(arr) / sizeof *(arr))]

/* A table of n rows; with `shuffled`, columns in another order (the
 * column map is written to map[logical] = physical). */
static sc_link_table *random_table(uint64_t index, size_t n, int shuffled,
                                   size_t *map)
{
    static const size_t order[NCOLS] = { 3, 0, 4, 1, 2 };
    sc_link_table *t;
    sc_rng r;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, index);
    for (size_t c = 0; c < NCOLS; c++)
        map[c] = shuffled ? order[c] : c;
    assert_int_equal(sc_link_table_create(NCOLS, &t), 0);
    for (size_t i = 0; i < n; i++) {
        const char *v[NCOLS];
        v[map[C_GIVEN]] = PICK(&r, givens);
        v[map[C_FAMILY]] = PICK(&r, families);
        v[map[C_DOB]] = PICK(&r, dobs);
        v[map[C_ZIP]] = PICK(&r, zips);
        v[map[C_NOTE]] = "x";
        assert_int_equal(sc_link_table_add(t, v), 0);
    }
    return t;
}

/* Fields given, family (partners), dob, zip; a and b may lay their
 * columns out differently. */
static void make_spec(sc_link_spec *s, const size_t *ma, const size_t *mb)
{
    sc_link_spec_init(s);
    assert_int_equal(sc_link_spec_add_field(s, "given", SC_LINK_NAME,
                                            ma[C_GIVEN], mb[C_GIVEN]), 0);
    assert_int_equal(sc_link_spec_add_field(s, "family", SC_LINK_NAME,
                                            ma[C_FAMILY], mb[C_FAMILY]), 1);
    assert_int_equal(sc_link_spec_add_field(s, "dob", SC_LINK_DATE,
                                            ma[C_DOB], mb[C_DOB]), 2);
    assert_int_equal(sc_link_spec_add_field(s, "zip", SC_LINK_ID,
                                            ma[C_ZIP], mb[C_ZIP]), 3);
    s->fields[0].partner = 1;
    s->fields[1].partner = 0;
}

static const char *const rules[] = {
    "dob", "given:soundex+family:metaphone", "family:prefix3+dob:year",
    "given:nameset", "zip+given:initial", "family:nysiis",
    "given:initials+dob:year"
};
#define NRULES (sizeof rules / sizeof *rules)

static void add_rules(sc_link_spec *s)
{
    char err[SC_ERRMSG_MAX];
    for (size_t i = 0; i < NRULES; i++)
        assert_int_equal(sc_link_spec_add_rule(s, rules[i], err), 0);
    assert_int_equal(sc_link_spec_check(s, err), 0);
}

/* Keys of every rule for every row (strings; "" = no part). */
static char *all_keys(const sc_link_spec *s, const sc_link_table *t,
                      int side)
{
    size_t n = sc_link_table_rows(t);
    char *k = calloc(n * s->nrules, 256);
    const char *row[NCOLS];

    assert_non_null(k);
    for (size_t i = 0; i < n; i++) {
        sc_link_table_row(t, i, row);
        for (size_t r = 0; r < s->nrules; r++)
            sc_link_rule_key(s, &s->rules[r], side, row,
                             k + (i * s->nrules + r) * 256, 256);
    }
    return k;
}

/* The first rule under which rows i (keys ka) and j (keys kb) agree, or
 * -1. */
static int first_rule(const sc_link_spec *s, const char *ka, size_t i,
                      const char *kb, size_t j)
{
    for (size_t r = 0; r < s->nrules; r++) {
        const char *x = ka + (i * s->nrules + r) * 256;
        const char *y = kb + (j * s->nrules + r) * 256;
        if (x[0] && strcmp(x, y) == 0)
            return (int)r;
    }
    return -1;
}

static void check_against_brute_force(const sc_link_spec *s,
                                      const sc_link_table *a,
                                      const sc_link_table *b, int threads)
{
    char err[SC_ERRMSG_MAX];
    sc_link_index *ix;
    sc_link_pairs p;
    sc_link_opts o;
    int dedupe = b == NULL;
    const sc_link_table *tb = dedupe ? a : b;
    size_t na = sc_link_table_rows(a), nb = sc_link_table_rows(tb);
    char *ka = all_keys(s, a, 0), *kb = all_keys(s, tb, 1);
    uint64_t per_rule[SC_LINK_RULES_MAX] = { 0 };
    size_t k = 0;

    sc_link_opts_init(&o);
    o.threads = threads;
    assert_int_equal(sc_link_index_create(s, tb, dedupe ? NULL : a, threads,
                                          &ix, err), 0);
    assert_int_equal(sc_link_pairs_compute(ix, &o, &p, err), 0);
    for (size_t i = 0; i < na; i++)
        for (size_t j = dedupe ? i + 1 : 0; j < nb; j++) {
            int r = first_rule(s, ka, i, kb, j);
            if (r < 0)
                continue;
            per_rule[r]++;
            assert_true(k < p.n);
            assert_int_equal(p.a[k], i);
            assert_int_equal(p.b[k], j);
            k++;
        }
    assert_int_equal(k, p.n);
    for (size_t r = 0; r < s->nrules; r++)
        assert_int_equal(p.per_rule[r], per_rule[r]);
    assert_true(p.n > 100); /* the test means something */
    sc_link_pairs_release(&p);
    sc_link_index_destroy(ix);
    free(ka);
    free(kb);
}

/* --- tests --------------------------------------------------------------- */

static void test_rule_parsing(void **state)
{
    sc_link_spec s;
    size_t m[NCOLS] = { 0, 1, 2, 3, 4 };
    char err[SC_ERRMSG_MAX], buf[128];

    (void)state;
    make_spec(&s, m, m);
    assert_int_equal(sc_link_spec_add_rule(&s, "dob", err), 0);
    assert_int_equal(s.rules[0].n, 1);
    assert_int_equal(s.rules[0].key[0], SC_KEY_EXACT);
    assert_int_equal(sc_link_spec_add_rule(&s, " given : soundex + dob:year ",
                                           err), 0);
    sc_link_rule_format(&s, &s.rules[1], buf, sizeof buf);
    assert_string_equal(buf, "given:soundex+dob:year");
    assert_int_equal(sc_link_spec_add_rule(&s, "nosuch", err), SC_EINVAL);
    assert_non_null(strstr(err, "'nosuch'"));
    assert_int_equal(sc_link_spec_add_rule(&s, "dob:bogus", err),
                     SC_EINVAL);
    assert_non_null(strstr(err, "'bogus'"));
    assert_int_equal(sc_link_spec_add_rule(&s, "dob+zip+given+family", err),
                     SC_EINVAL);
    assert_int_equal(sc_link_spec_check(&s, err), 0);

    /* year needs a date, nameset a partner. */
    assert_int_equal(sc_link_spec_add_rule(&s, "zip:year", err), 0);
    assert_int_equal(sc_link_spec_check(&s, err), SC_EINVAL);
    assert_non_null(strstr(err, "year"));
    s.nrules--;
    s.fields[0].partner = s.fields[1].partner = -1;
    assert_int_equal(sc_link_spec_add_rule(&s, "given:nameset", err), 0);
    assert_int_equal(sc_link_spec_check(&s, err), SC_EINVAL);
    assert_non_null(strstr(err, "partner"));

    sc_link_spec_init(&s);
    assert_int_equal(sc_link_spec_check(&s, err), SC_EINVAL);
    assert_non_null(strstr(err, "no fields"));
}

static void test_rule_keys(void **state)
{
    sc_link_spec s;
    size_t m[NCOLS] = { 0, 1, 2, 3, 4 };
    char err[SC_ERRMSG_MAX], k1[256], k2[256];
    const char *r1[NCOLS] = { "José", " de la Cruz ", "1980-01-02", "123-45",
                              "" };
    const char *r2[NCOLS] = { "JOSE", "Cruz", "02/01/1980", "12345", "" };
    const char *r3[NCOLS] = { "Cruz", "Jose", "19800102", "", "" };

    (void)state;
    make_spec(&s, m, m);
    assert_int_equal(sc_link_spec_add_rule(&s, "given+family", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "dob", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "dob:year", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "zip", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "given:nameset", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "family:soundex", err), 0);
    assert_int_equal(sc_link_spec_add_rule(&s, "given:initials", err), 0);

    /* Names fold accents and drop particles; keys join with \x1f. */
    assert_int_equal(sc_link_rule_key(&s, &s.rules[0], 0, r1, k1, 256), 9);
    assert_string_equal(k1, "JOSE\x1f" "CRUZ");
    sc_link_rule_key(&s, &s.rules[0], 0, r2, k2, 256);
    assert_string_equal(k1, k2);
    /* Dates of several forms become YYYYMMDD (M/D/Y with slashes). */
    sc_link_rule_key(&s, &s.rules[1], 0, r1, k1, 256);
    assert_string_equal(k1, "19800102");
    sc_link_rule_key(&s, &s.rules[1], 0, r2, k2, 256);
    assert_string_equal(k2, "19800201");
    sc_link_rule_key(&s, &s.rules[2], 0, r2, k2, 256);
    assert_string_equal(k2, "1980");
    /* Identifiers keep letters and digits; an empty part: no key. */
    sc_link_rule_key(&s, &s.rules[3], 0, r1, k1, 256);
    sc_link_rule_key(&s, &s.rules[3], 0, r2, k2, 256);
    assert_string_equal(k1, k2);
    assert_int_equal(sc_link_rule_key(&s, &s.rules[3], 0, r3, k1, 256), 0);
    assert_string_equal(k1, "");
    /* The name set and the initials do not care which name is which. */
    sc_link_rule_key(&s, &s.rules[4], 0, r2, k1, 256);
    sc_link_rule_key(&s, &s.rules[4], 0, r3, k2, 256);
    assert_string_equal(k1, k2);
    sc_link_rule_key(&s, &s.rules[6], 0, r1, k1, 256);
    sc_link_rule_key(&s, &s.rules[6], 0, r3, k2, 256);
    assert_string_equal(k1, "CJ");
    assert_string_equal(k2, "CJ");
    sc_link_rule_key(&s, &s.rules[5], 0, r1, k1, 256);
    assert_string_equal(k1, "C620");
}

static void test_link_equals_brute_force(void **state)
{
    size_t ma[NCOLS], mb[NCOLS];
    sc_link_table *a = random_table(1, 300, 0, ma);
    sc_link_table *b = random_table(2, 260, 1, mb);
    sc_link_spec s;

    (void)state;
    make_spec(&s, ma, mb);
    add_rules(&s);
    check_against_brute_force(&s, a, b, 1);
    check_against_brute_force(&s, a, b, 3);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
}

static void test_dedupe_equals_brute_force(void **state)
{
    size_t m[NCOLS];
    sc_link_table *a = random_table(3, 400, 0, m);
    sc_link_spec s;

    (void)state;
    make_spec(&s, m, m);
    add_rules(&s);
    check_against_brute_force(&s, a, NULL, 1);
    check_against_brute_force(&s, a, NULL, 2);
    sc_link_table_destroy(a);
}

/* Queries find the rows that brute force finds, with the comparison
 * vector the batch computes. */
static void test_queries_match_batch(void **state)
{
    size_t ma[NCOLS], mb[NCOLS];
    sc_link_table *a = random_table(4, 120, 0, ma);
    sc_link_table *b = random_table(5, 200, 1, mb);
    sc_link_spec s;
    sc_link_index *ix, *batch;
    sc_link_query *q;
    sc_link_pairs p;
    sc_link_opts o;
    sc_link_model m;
    char err[SC_ERRMSG_MAX];
    const char *row[NCOLS];
    size_t k = 0;

    (void)state;
    make_spec(&s, ma, mb);
    add_rules(&s);
    sc_link_opts_init(&o);
    assert_int_equal(sc_link_index_create(&s, b, NULL, 1, &ix, err), 0);
    assert_int_equal(sc_link_index_create(&s, b, a, 1, &batch, err), 0);
    assert_int_equal(sc_link_pairs_compute(batch, &o, &p, err), 0);
    sc_link_model_init(&m, &s);
    assert_int_equal(sc_link_query_create(ix, &q), 0);
    for (size_t i = 0; i < sc_link_table_rows(a); i++) {
        const sc_link_hit *h;
        size_t n;
        sc_link_table_row(a, i, row);
        assert_int_equal(sc_link_query_run(q, &m, row, -1.0, &h, &n), 0);
        for (size_t j = 0; j < n; j++, k++) {
            assert_true(k < p.n);
            assert_int_equal(p.a[k], i);
            assert_int_equal(p.b[k], h[j].row);
            assert_true(p.gamma[k] == h[j].gamma);
            assert_true(h[j].prob >= 0 && h[j].prob <= 1);
            if (j > 0)
                assert_true(h[j - 1].row < h[j].row);
        }
    }
    assert_int_equal(k, p.n);
    sc_link_query_destroy(q);
    sc_link_pairs_release(&p);
    sc_link_index_destroy(ix);
    sc_link_index_destroy(batch);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
}

static void test_max_pairs_refused(void **state)
{
    size_t m[NCOLS];
    sc_link_table *a = random_table(6, 300, 0, m);
    sc_link_spec s;
    sc_link_index *ix;
    sc_link_pairs p;
    sc_link_opts o;
    char err[SC_ERRMSG_MAX];

    (void)state;
    make_spec(&s, m, m);
    add_rules(&s);
    sc_link_opts_init(&o);
    o.max_pairs = 10;
    assert_int_equal(sc_link_index_create(&s, a, NULL, 1, &ix, err), 0);
    assert_int_equal(sc_link_pairs_compute(ix, &o, &p, err), SC_ERANGE);
    assert_non_null(strstr(err, "more than 10"));
    assert_int_equal(p.n, 0);
    assert_null(p.a);
    sc_link_index_destroy(ix);
    sc_link_table_destroy(a);
}

/* A column the spec names must exist. */
static void test_index_checks_columns(void **state)
{
    size_t m[NCOLS];
    sc_link_table *a = random_table(7, 10, 0, m);
    sc_link_spec s;
    sc_link_index *ix;
    char err[SC_ERRMSG_MAX];

    (void)state;
    make_spec(&s, m, m);
    add_rules(&s);
    s.fields[3].col = s.fields[3].col_b = 9;
    assert_int_equal(sc_link_index_create(&s, a, NULL, 1, &ix, err),
                     SC_EINVAL);
    assert_null(ix);
    assert_non_null(strstr(err, "'zip'"));
    sc_link_table_destroy(a);
}

/* The planner on FEBRL-like data: rules within budget, none implied by
 * another, and blocking keeps nearly every true pair. */
static void test_planned_rules_keep_true_pairs(void **state)
{
    sc_link_table *a, *b;
    uint32_t *ea, *eb;
    sc_link_spec s;
    sc_link_opts o;
    sc_link_index *ix;
    sc_link_pairs p;
    char err[SC_ERRMSG_MAX];
    const char *const *cols = sc_link_synth_febrl_columns();
    size_t found = 0;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED, 1500, 1500, 2, 4, 1,
                                         &a, &ea, &b, &eb), 0);
    sc_link_spec_init(&s);
    for (size_t c = 1; cols[c]; c++) {
        int k = sc_link_infer_kind(cols[c], a, c);
        if (k >= 0)
            sc_link_spec_add_field(&s, cols[c], k, c, c);
    }
    sc_link_infer_partners(&s);
    sc_link_opts_init(&o);
    assert_int_equal(sc_link_plan_rules(&s, a, b, &o, err), 0);
    assert_true(s.nrules >= 3);
    assert_int_equal(sc_link_spec_check(&s, err), 0);
    assert_int_equal(sc_link_index_create(&s, b, a, 2, &ix, err), 0);
    assert_int_equal(sc_link_pairs_compute(ix, &o, &p, err), 0);
    /* At most 2.5 rule budgets (25,000 pairs each) in all, with slack
     * for the estimate's sampling error. */
    assert_true(p.n < 80000);
    for (size_t i = 0; i < p.n; i++)
        found += ea[p.a[i]] == eb[p.b[i]];
    /* 1500 true pairs, each duplicate with four modifications: blocking
     * on many fields loses at most a handful. */
    assert_true(found >= 1495);
    sc_link_pairs_release(&p);
    sc_link_index_destroy(ix);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
    free(ea);
    free(eb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_parsing),
        cmocka_unit_test(test_rule_keys),
        cmocka_unit_test(test_link_equals_brute_force),
        cmocka_unit_test(test_dedupe_equals_brute_force),
        cmocka_unit_test(test_queries_match_batch),
        cmocka_unit_test(test_max_pairs_refused),
        cmocka_unit_test(test_index_checks_columns),
        cmocka_unit_test(test_planned_rules_keep_true_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
