/*
 * test_phonetic.c - the phonetic encoders of link/compare.h: Soundex,
 * NYSIIS, Metaphone, Double Metaphone and the Match Rating Approach.
 *
 * Every row of the reference vectors is checked: jellyfish's soundex,
 * nysiis, metaphone and match-rating files, Knuth's Soundex examples and
 * all 1,218 Double Metaphone rows (primary and alternate) of the Ruby
 * `text` gem.  A failing row is printed with input, expected and got.
 * Four jellyfish rows keep non-ASCII characters in their codes, which
 * the contract (codes are folded ASCII; "" without Latin letters) rules
 * out; they are checked against the documented folded value instead.
 * Then edge cases: empty, non-Latin, accents, long and invalid input,
 * and the caller's buffer size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scomm/link/compare.h"
#include "test_util.h"
#include "vectors.h"

/* --- reference vectors ------------------------------------------------- */

/* Rows whose jellyfish code keeps a non-ASCII character; the value here
 * is the contract's (see docs/linkage-comparators.md). */
struct override {
    const char *file, *input, *want;
};

static const struct override overrides[] = {
    /* "¿" has no Latin letter: "" (jellyfish "¿000") */
    {"soundex.csv", "\xc2\xbf", ""},
    /* "ç" folds to C (jellyfish "Ç") */
    {"nysiis.csv", "\xc3\xa7", "C"},
    /* "ä" folds to A (jellyfish "Ä") */
    {"match_rating_codex.csv", "\xc3\xa4", "A"},
    /* FREDERIC -> FRDRC (jellyfish "FRÉÉRC", É kept as a consonant) */
    {"match_rating_codex.csv",
     "Fr\xc3\xa9"
     "d\xc3\xa9ric",
     "FRDRC"},
};

static const char *override_for(const char *file, const char *input)
{
    for (size_t i = 0; i < sizeof overrides / sizeof overrides[0]; i++)
        if (strcmp(overrides[i].file, file) == 0 &&
            strcmp(overrides[i].input, input) == 0)
            return overrides[i].want;
    return NULL;
}

enum code_kind { CODE_SOUNDEX, CODE_NYSIIS, CODE_METAPHONE, CODE_MRA };

static void encode(enum code_kind kind, const char *in, char *out, size_t cap)
{
    switch (kind) {
    case CODE_SOUNDEX:
        sc_soundex(in, out);
        break;
    case CODE_NYSIIS:
        sc_nysiis(in, out, cap);
        break;
    case CODE_METAPHONE:
        sc_metaphone(in, out, cap);
        break;
    case CODE_MRA:
        sc_mra_codex(in, out);
        break;
    }
}

static void check_code_file(const char *name, enum code_kind kind, int rows,
                            int n_overrides)
{
    char rel[128];
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    snprintf(rel, sizeof rel, "string-vectors/%s", name);
    if (sc_vec_open(&c, rel) < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, over = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        assert_int_equal(nf, 2);
        const char *want = f[1];
        const char *o = override_for(name, f[0]);
        if (o) {
            want = o;
            over++;
        }
        char got[128];
        encode(kind, f[0], got, sizeof got);
        if (strcmp(got, want) != 0) {
            print_error("%s row %d: '%s': expected '%s', got '%s'\n", name,
                        n + 1, f[0], want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, rows);
    assert_int_equal(over, n_overrides);
    assert_int_equal(bad, 0);
}

static void test_vectors_soundex(void **state)
{
    (void)state;
    check_code_file("soundex.csv", CODE_SOUNDEX, 11, 1);
}

static void test_vectors_nysiis(void **state)
{
    (void)state;
    check_code_file("nysiis.csv", CODE_NYSIIS, 36, 1);
}

static void test_vectors_metaphone(void **state)
{
    (void)state;
    check_code_file("metaphone.csv", CODE_METAPHONE, 33, 0);
}

static void test_vectors_mra_codex(void **state)
{
    (void)state;
    check_code_file("match_rating_codex.csv", CODE_MRA, 12, 2);
}

static void test_vectors_mra_comparison(void **state)
{
    (void)state;
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, "string-vectors/match_rating_comparison.csv") < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        assert_int_equal(nf, 3);
        int want = strcmp(f[2], "True") == 0    ? 1
                   : strcmp(f[2], "False") == 0 ? 0
                                                : -1;
        if (want == -1)
            assert_string_equal(f[2], "None");
        int got = sc_mra_compare(f[0], f[1]);
        if (got != want) {
            print_error("match_rating_comparison row %d: '%s' '%s': "
                        "expected %d, got %d\n",
                        n + 1, f[0], f[1], want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, 7);
    assert_int_equal(bad, 0);
}

static void test_vectors_double_metaphone(void **state)
{
    (void)state;
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, "string-vectors/threedaymonk-text/"
                     "double_metaphone.csv") < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, distinct = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        assert_int_equal(nf, 3);
        char p[8], a[8];
        sc_double_metaphone(f[0], p, a);
        if (strcmp(p, f[1]) != 0 || strcmp(a, f[2]) != 0) {
            print_error("double_metaphone row %d: '%s': expected %s/%s, "
                        "got %s/%s\n",
                        n + 1, f[0], f[1], f[2], p, a);
            bad++;
        }
        distinct += strcmp(f[1], f[2]) != 0;
        n++;
    }
    sc_vec_close(&c);
    /* 1,218 records: the empty-string row, then 1,217 names (the last
     * line has no newline, so `wc -l` says 1,217). */
    assert_int_equal(n, 1218);
    assert_int_equal(distinct, 218);
    assert_int_equal(bad, 0);
}

/* Knuth's examples, as "name: code" lines. */
static void test_vectors_soundex_knuth(void **state)
{
    (void)state;
    char path[512];
    if (!sc_test_shared("string-vectors/threedaymonk-text/soundex.yml", path,
                        sizeof path)) {
        skip();
        return;
    }
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[256];
    int n = 0, bad = 0;
    while (fgets(line, sizeof line, fp)) {
        char *colon = strstr(line, ": ");
        if (line[0] == '#' || !colon)
            continue;
        *colon = '\0';
        char *name = line, *want = colon + 2;
        want[strcspn(want, "\r\n")] = '\0';
        size_t len = strlen(name);
        if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
            name[len - 1] = '\0';
            name++;
        }
        char got[5];
        sc_soundex(name, got);
        if (strcmp(got, want) != 0) {
            print_error("soundex.yml: '%s': expected '%s', got '%s'\n", name,
                        want, got);
            bad++;
        }
        n++;
    }
    fclose(fp);
    assert_int_equal(n, 14);
    assert_int_equal(bad, 0);
}

/* --- edge cases --------------------------------------------------------- */

static void test_empty_and_non_latin_give_empty(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "",
        "   ",
        "1234 -.",
        "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
        "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e",
        "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2",
        "\xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82",
        "\xff\xfe\x80"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char s[8], ny[32], mp[32], p[8], a[8], mra[8];
        memset(s, 'x', sizeof s);
        sc_soundex(inputs[i], s);
        sc_nysiis(inputs[i], ny, sizeof ny);
        sc_metaphone(inputs[i], mp, sizeof mp);
        sc_double_metaphone(inputs[i], p, a);
        sc_mra_codex(inputs[i], mra);
        assert_string_equal(s, "");
        assert_string_equal(ny, "");
        assert_string_equal(mp, "");
        assert_string_equal(p, "");
        assert_string_equal(a, "");
        assert_string_equal(mra, "");
        assert_int_equal(sc_mra_compare(inputs[i], "SMITH"), -1);
        assert_int_equal(sc_mra_compare(inputs[i], inputs[i]), -1);
    }
}

/* Encoders fold accents and case themselves. */
static void test_accents_fold(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {"M\xc3\xbcller", "MULLER"},
        {"Fran\xc3\xa7ois", "francois"},
        {"Gonz\xc3\xa1lez Nu\xc3\xb1"
         "ez",
         "GONZALEZ NUNEZ"},
        {"\xc5\x81"
         "ukaszewicz",
         "Lukaszewicz"},
        {"Jose\xcc\x81", "JOSE"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char x[64], y[64], x2[8], y2[8];
        sc_soundex(pairs[i][0], x);
        sc_soundex(pairs[i][1], y);
        assert_string_equal(x, y);
        sc_nysiis(pairs[i][0], x, sizeof x);
        sc_nysiis(pairs[i][1], y, sizeof y);
        assert_string_equal(x, y);
        sc_metaphone(pairs[i][0], x, sizeof x);
        sc_metaphone(pairs[i][1], y, sizeof y);
        assert_string_equal(x, y);
        sc_double_metaphone(pairs[i][0], x, x2);
        sc_double_metaphone(pairs[i][1], y, y2);
        assert_string_equal(x, y);
        assert_string_equal(x2, y2);
        sc_mra_codex(pairs[i][0], x);
        sc_mra_codex(pairs[i][1], y);
        assert_string_equal(x, y);
        assert_int_equal(sc_mra_compare(pairs[i][0], pairs[i][1]), 1);
    }
    char s[5];
    sc_soundex("M\xc3\xbcller", s);
    assert_string_equal(s, "M460");
}

static void test_soundex_rules(void **state)
{
    (void)state;
    char s[5];
    /* H and W do not separate equal digits; vowels and Y do. */
    sc_soundex("Ashcraft", s);
    assert_string_equal(s, "A261");
    sc_soundex("Bwf", s); /* B and F share 1, W between: coded once */
    assert_string_equal(s, "B000");
    sc_soundex("Baf", s); /* a vowel between: coded twice */
    assert_string_equal(s, "B100");
    sc_soundex("O'Hara", s); /* punctuation vanishes */
    assert_string_equal(s, "O600");
    sc_soundex("  van Dyke", s); /* so do spaces */
    assert_string_equal(s, "V532");
}

static void test_metaphone_words(void **state)
{
    (void)state;
    char out[64];
    /* Words are coded one by one; non-letters other than spaces vanish
     * without splitting a word. */
    sc_metaphone("  Mary-Ann  O'Brien ", out, sizeof out);
    assert_string_equal(out, "MRYN OBRN");
    sc_metaphone("Knight Wright", out, sizeof out);
    assert_string_equal(out, "NT RT");
    sc_metaphone("sign signed", out, sizeof out);
    assert_string_equal(out, "SN SNT");
    sc_metaphone("Thumb dodge ghost", out, sizeof out);
    assert_string_equal(out, "0M TJ KHST");
}

static void test_nysiis_rules(void **state)
{
    (void)state;
    char out[32];
    static const char *const rows[][2] = {
        {"MacDonald", "MCDANALD"}, {"Knight", "NAGT"}, {"Phillips", "FALAP"},
        {"Schmidt", "SNAD"},       {"Bosch", "BAS"},   {"Evans", "EVAN"},
        {"Stevens", "STAFAN"},     {"Hughes", "HAG"},  {"Mary-Ann", "MARYAN"},
        {"O'Brien", "OBRAN"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sc_nysiis(rows[i][0], out, sizeof out);
        if (strcmp(out, rows[i][1]) != 0)
            print_error("nysiis '%s': expected '%s', got '%s'\n", rows[i][0],
                        rows[i][1], out);
        assert_string_equal(out, rows[i][1]);
    }
}

static void test_mra_rules(void **state)
{
    (void)state;
    char c[7];
    /* A vowel that begins a word stays; a doubled letter is written
     * once; a long codex keeps its first and last three. */
    sc_mra_codex("Ana Ort", c);
    assert_string_equal(c, "AN ORT");
    sc_mra_codex("Lloyd", c);
    assert_string_equal(c, "LYD");
    sc_mra_codex("Kathrynoglin", c);
    assert_string_equal(c, "KTHGLN");
    /* BYRN / BRN: B agrees from the left, R and N from the right, so
     * one letter stays unmatched: rating 5 against a minimum of 4.
     * Without the right-to-left pass three would stay (rating 3). */
    assert_int_equal(sc_mra_compare("Byrne", "Boern"), 1);
    /* Codex lengths 2 and 5: not comparable. */
    assert_int_equal(sc_mra_compare("Tim", "Timothy"), -1);
    assert_int_equal(sc_mra_compare("Mike", "Michael"), 0);
}

static void test_long_and_invalid_input(void **state)
{
    (void)state;
    char in[2000];
    /* 600 code points: Ç and X (X codes to two letters in Metaphone). */
    size_t k = 0;
    for (int i = 0; i < 300; i++) {
        in[k++] = '\xc3';
        in[k++] = '\x87';
        in[k++] = 'x';
    }
    in[k] = '\0';
    char s[5], p[5], a[5], mra[7], ny[16], mp[16];
    sc_soundex(in, s);
    assert_string_equal(s, "C000");
    sc_double_metaphone(in, p, a);
    assert_int_equal(strlen(p), 4);
    assert_int_equal(strlen(a), 4);
    sc_mra_codex(in, mra);
    assert_int_equal(strlen(mra), 6);
    memset(ny, '#', sizeof ny);
    sc_nysiis(in, ny, 8);
    assert_int_equal(strlen(ny), 7);
    assert_int_equal(ny[8], '#');
    memset(mp, '#', sizeof mp);
    sc_metaphone(in, mp, 5);
    assert_string_equal(mp, "KKSK");
    assert_int_equal(mp[5], '#');
    char big[4096];
    sc_metaphone(in, big, sizeof big);
    assert_true(strlen(big) > 256);
    /* cap 0 writes nothing; cap 1 writes the empty string. */
    memset(mp, '#', sizeof mp);
    sc_nysiis("Smith", mp, 0);
    sc_metaphone("Smith", mp, 0);
    assert_int_equal(mp[0], '#');
    sc_nysiis("Smith", mp, 1);
    assert_string_equal(mp, "");

    /* Invalid bytes are dropped; the letters around them still code. */
    sc_soundex("R\xff"
               "ob\x80"
               "ert",
               s);
    assert_string_equal(s, "R163");
    sc_double_metaphone("Sm\xc0\xaf"
                        "ith",
                        p, a);
    assert_string_equal(p, "SM0");
    assert_string_equal(a, "XMT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_soundex),
        cmocka_unit_test(test_vectors_soundex_knuth),
        cmocka_unit_test(test_vectors_nysiis),
        cmocka_unit_test(test_vectors_metaphone),
        cmocka_unit_test(test_vectors_mra_codex),
        cmocka_unit_test(test_vectors_mra_comparison),
        cmocka_unit_test(test_vectors_double_metaphone),
        cmocka_unit_test(test_empty_and_non_latin_give_empty),
        cmocka_unit_test(test_accents_fold),
        cmocka_unit_test(test_soundex_rules),
        cmocka_unit_test(test_metaphone_words),
        cmocka_unit_test(test_nysiis_rules),
        cmocka_unit_test(test_mra_rules),
        cmocka_unit_test(test_long_and_invalid_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
