/*
 * test_link_spec.c - the vocabulary of the linkage engine: kinds and
 * their levels, normalisation, comparison levels (table-driven), the
 * table, and inferring how to compare columns from their names and
 * contents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/link/compare.h"
#include "scomm/link/linker.h"
#include "test_util.h"

static void test_kind_and_level_names(void **state)
{
    int k;

    (void)state;
    for (k = 0; k < SC_LINK_KIND_COUNT; k++) {
        int parsed = -1, n = sc_link_level_count(k);
        assert_int_equal(sc_link_kind_parse(sc_link_kind_name(k), &parsed),
                         0);
        assert_int_equal(parsed, k);
        assert_true(n >= 2 && n <= SC_LINK_LEVELS_MAX);
        assert_string_equal(sc_link_level_name(k, 0), "exact");
        assert_string_equal(sc_link_level_name(k, n - 1), "else");
        assert_string_equal(sc_link_level_name(k, n), "?");
        assert_string_equal(sc_link_level_name(k, SC_LINK_NULL), "null");
    }
    assert_int_equal(sc_link_kind_parse("nosuch", &k), SC_EINVAL);
    assert_string_equal(sc_link_kind_name(99), "?");
    for (k = 0; k < SC_KEY_COUNT; k++) {
        int parsed = -1;
        assert_int_equal(sc_link_key_parse(sc_link_key_name(k), &parsed), 0);
        assert_int_equal(parsed, k);
    }
}

static void test_normalize(void **state)
{
    static const struct {
        int kind;
        const char *in, *out;
    } cases[] = {
        { SC_LINK_NAME, "  de la Cruz ", "CRUZ" },
        { SC_LINK_NAME, "O'Neil-Smith", "O NEIL SMITH" },
        { SC_LINK_NAME, "Müller", "MULLER" },
        { SC_LINK_NAME, "", "" },
        { SC_LINK_DATE, "1980-01-02", "19800102" },
        { SC_LINK_DATE, "1980/1/2", "19800102" },
        { SC_LINK_DATE, "01/02/1980", "19800102" },   /* M/D/Y */
        { SC_LINK_DATE, "02.01.1980", "19800102" },   /* D.M.Y */
        { SC_LINK_DATE, "2-1-1980", "19800102" },     /* D-M-Y */
        { SC_LINK_DATE, "19800102", "19800102" },
        { SC_LINK_DATE, "19450231", "19450231" },     /* kept: still evidence */
        { SC_LINK_DATE, "80-1-2", "8012" },           /* not recognised */
        { SC_LINK_ID, " 123-45-6789 ", "123456789" },
        { SC_LINK_ID, "a1b2", "A1B2" },
        { SC_LINK_NUMBER, " 007 ", "7" },
        { SC_LINK_NUMBER, "12.50", "12.5" },
        { SC_LINK_NUMBER, "12a", "12A" },
        { SC_LINK_TEXT, "Stanley  St.", "STANLEY ST" },
        { SC_LINK_CATEGORY, "nsw", "NSW" },
    };
    char out[SC_LINK_VALUE_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = sc_link_normalize(cases[i].kind, cases[i].in, out,
                                     sizeof out);
        assert_string_equal(out, cases[i].out);
        assert_int_equal(n, strlen(cases[i].out));
    }
    /* Long values are cut, never overrun. */
    {
        char big[1000];
        memset(big, 'A', sizeof big - 1);
        big[sizeof big - 1] = '\0';
        assert_true(sc_link_normalize(SC_LINK_TEXT, big, out, sizeof out) <
                    sizeof out);
    }
}

static void test_levels(void **state)
{
    static const struct {
        int kind;
        const char *a, *b, *bp, *level;
    } cases[] = {
        { SC_LINK_NAME, "Smith", "SMITH", NULL, "exact" },
        { SC_LINK_NAME, "MARTHA", "MARHTA", NULL, "jw92" },
        { SC_LINK_NAME, "SMITH", "SMYTHE", NULL, "jw85" },
        { SC_LINK_NAME, "DWAYNE", "DUANE", NULL, "dl2" },
        { SC_LINK_NAME, "ALI", "ALY", NULL, "dl2" },
        { SC_LINK_NAME, "GARCIA LOPEZ", "GARCIA", NULL, "jw85" },
        { SC_LINK_NAME, "LOPEZ GARCIA", "GARCIA", NULL, "word" },
        { SC_LINK_NAME, "CATHERINE", "KATHRYN", NULL, "else" },
        { SC_LINK_NAME, "JONES", "SMITH", "JONES", "swap" },
        { SC_LINK_NAME, "JONES", "SMITH", "JONAS", "swap" },
        { SC_LINK_NAME, "JONES", "SMITH", "WILLIAMS", "else" },
        { SC_LINK_NAME, "", "SMITH", NULL, "null" },
        { SC_LINK_NAME, "SMITH", " ", NULL, "null" },
        { SC_LINK_DATE, "1980-01-02", "02/01/1980", NULL, "edit1" },
        { SC_LINK_DATE, "19800102", "19800201", NULL, "edit1" },
        { SC_LINK_DATE, "19801231", "19801203", NULL, "edit2" },
        { SC_LINK_DATE, "19801231", "19800415", NULL, "year" },
        { SC_LINK_DATE, "19801231", "19540415", NULL, "else" },
        { SC_LINK_DATE, "19801231", "19801231", NULL, "exact" },
        { SC_LINK_ID, "1234567", "1234567", NULL, "exact" },
        { SC_LINK_ID, "1234567", "1243567", NULL, "edit1" },
        { SC_LINK_ID, "1234567", "1243576", NULL, "edit2" },
        { SC_LINK_ID, "1234567", "7654321", NULL, "else" },
        { SC_LINK_NUMBER, "7", "007", NULL, "exact" },
        { SC_LINK_NUMBER, "95", "59", NULL, "edit1" },
        { SC_LINK_NUMBER, "100", "108", NULL, "edit1" },
        { SC_LINK_NUMBER, "1000", "1075", NULL, "near" },
        { SC_LINK_NUMBER, "1000", "2500", NULL, "else" },
        { SC_LINK_TEXT, "STANLEY STREET", "STANLEY STRET", NULL, "jw92" },
        { SC_LINK_TEXT, "STREET STANLEY", "STANLEY STREET", NULL, "words" },
        { SC_LINK_TEXT, "SMITH", "SMYTHE", NULL, "jw80" },
        { SC_LINK_TEXT, "GREEN STREET", "STANLEY STREET", NULL, "else" },
        { SC_LINK_CATEGORY, "nsw", "NSW", NULL, "exact" },
        { SC_LINK_CATEGORY, "nsw", "vic", NULL, "else" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int l = sc_link_compare_values(cases[i].kind, cases[i].a,
                                       cases[i].b, cases[i].bp);
        if (strcmp(sc_link_level_name(cases[i].kind, l), cases[i].level)) {
            fprintf(stderr, "case %zu: '%s' vs '%s': %s, wanted %s\n", i,
                    cases[i].a, cases[i].b,
                    sc_link_level_name(cases[i].kind, l), cases[i].level);
            fail();
        }
    }
}

/* The levels follow the comparators: jw92 and jw85 are Jaro-Winkler
 * thresholds, dl2 an edit distance. */
static void test_levels_follow_comparators(void **state)
{
    static const char *const names[] = {
        "ANNA", "HANNAH", "ANN", "ANNE", "STEPHEN", "STEVEN", "JEFFREY",
        "GEOFFREY", "MOHAMMED", "MUHAMMAD", "MARIA", "MARTHA", "JON", "JOAN",
        "DIXON", "DICKSON", "KIM", "KYM", "LI", "LEE"
    };
    size_t n = sizeof names / sizeof *names;

    (void)state;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int l = sc_link_compare_values(SC_LINK_NAME, names[i], names[j],
                                           NULL);
            double jw = sc_jaro_winkler(names[i], names[j], 0);
            int dl = sc_damerau_levenshtein(names[i], names[j]);
            if (i == j)
                assert_int_equal(l, 0);
            else if (jw >= 0.92)
                assert_int_equal(l, 1);
            else if (jw >= 0.85)
                assert_int_equal(l, 2);
            else if (dl <= 2)
                assert_int_equal(l, 3);
            else
                assert_true(l >= 4);
        }
}

static void test_table(void **state)
{
    sc_link_table *t;
    const char *r1[3] = { "a", NULL, "" };
    const char *r2[3] = { "bb", "ccc", "d" };
    const char *row[3];

    (void)state;
    assert_int_equal(sc_link_table_create(0, &t), SC_EINVAL);
    assert_int_equal(sc_link_table_create(3, &t), 0);
    assert_int_equal(sc_link_table_rows(t), 0);
    assert_int_equal(sc_link_table_cols(t), 3);
    for (int i = 0; i < 5000; i++)
        assert_int_equal(sc_link_table_add(t, i % 2 ? r2 : r1), 0);
    assert_int_equal(sc_link_table_rows(t), 5000);
    assert_string_equal(sc_link_table_value(t, 0, 0), "a");
    assert_string_equal(sc_link_table_value(t, 0, 1), "");
    assert_string_equal(sc_link_table_value(t, 4999, 1), "ccc");
    sc_link_table_row(t, 1, row);
    assert_string_equal(row[0], "bb");
    assert_string_equal(row[2], "d");
    sc_link_table_destroy(t);
    sc_link_table_destroy(NULL);
}

static void test_infer_febrl_like(void **state)
{
    sc_link_table *a;
    uint32_t *ea;
    const char *const *cols = sc_link_synth_febrl_columns();
    static const int want[] = { -1, SC_LINK_NAME, SC_LINK_NAME,
                                SC_LINK_NUMBER, SC_LINK_TEXT, SC_LINK_TEXT,
                                SC_LINK_TEXT, SC_LINK_ID, SC_LINK_CATEGORY,
                                SC_LINK_DATE, SC_LINK_ID };
    sc_link_spec s;

    (void)state;
    assert_int_equal(sc_link_synth_febrl(SC_TEST_SEED, 2000, 1000, 1, 1, 0,
                                         &a, &ea, NULL, NULL), 0);
    assert_int_equal(sc_link_table_rows(a), 3000);
    assert_true(sc_link_infer_is_id("rec_id", a, 0));
    assert_false(sc_link_infer_is_id("given_name", a, 1));
    sc_link_spec_init(&s);
    for (size_t c = 1; cols[c]; c++) {
        int k = sc_link_infer_kind(cols[c], a, c);
        if (k != want[c])
            fprintf(stderr, "column %s: %s\n", cols[c],
                    sc_link_kind_name(k));
        assert_int_equal(k, want[c]);
        sc_link_spec_add_field(&s, cols[c], k, c, c);
    }
    sc_link_infer_partners(&s);
    assert_int_equal(s.fields[0].partner, 1);
    assert_int_equal(s.fields[1].partner, 0);
    assert_true(s.fields[0].tf && !s.fields[2].tf);
    sc_link_table_destroy(a);
    free(ea);
}

static void test_infer_people_and_odd_columns(void **state)
{
    sc_link_table *t;
    uint32_t *e;
    sc_link_synth_noise nz;
    const char *const *cols = sc_link_synth_people_columns();
    static const int want[] = { -1, SC_LINK_NAME, SC_LINK_NAME,
                                SC_LINK_DATE, SC_LINK_CATEGORY,
                                SC_LINK_CATEGORY };

    (void)state;
    sc_link_synth_noise_default(&nz);
    assert_int_equal(sc_link_synth_people(SC_TEST_SEED, 3000, &nz, &t, &e),
                     0);
    assert_int_equal(sc_link_table_rows(t), 3000);
    for (size_t c = 1; cols[c]; c++)
        assert_int_equal(sc_link_infer_kind(cols[c], t, c), want[c]);
    assert_true(sc_link_infer_is_id("rec_id", t, 0));
    /* Names that mislead: contents decide. */
    assert_int_equal(sc_link_infer_kind("x", t, 3), SC_LINK_DATE);
    assert_int_equal(sc_link_infer_kind("dob", t, 1), SC_LINK_NAME);
    sc_link_table_destroy(t);
    free(e);

    {
        const char *v[3];
        char id[16], num[16];
        assert_int_equal(sc_link_table_create(3, &t), 0);
        for (int i = 0; i < 500; i++) {
            snprintf(id, sizeof id, "%d", 1000000 + i * 7919 % 900000);
            snprintf(num, sizeof num, "%d", i % 37);
            v[0] = id;
            v[1] = num;
            v[2] = "same";
            assert_int_equal(sc_link_table_add(t, v), 0);
        }
        /* Unique fixed-length digits: an identifier even unnamed. */
        assert_int_equal(sc_link_infer_kind("col1", t, 0), SC_LINK_ID);
        assert_int_equal(sc_link_infer_kind("amount", t, 1),
                         SC_LINK_NUMBER);
        assert_int_equal(sc_link_infer_kind("const", t, 2), -1);
        assert_false(sc_link_infer_is_id("amount", t, 1));
        sc_link_table_destroy(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_and_level_names),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_levels_follow_comparators),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_infer_febrl_like),
        cmocka_unit_test(test_infer_people_and_odd_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
