/*
 * test_compare.c - UTF-8 handling, normalisation and the string
 * comparators of link/compare.h.
 *
 * Every row of the jellyfish reference vectors in
 * ../shared/data/string-vectors is checked (similarities within 0.001,
 * as jellyfish's own tests do); a failing row is printed with its input,
 * the expected and the computed value.  Two Jaccard rows differ on
 * purpose (see docs/linkage-comparators.md) and are checked against the
 * documented value instead.  Then edge cases (empty, long, non-Latin,
 * accents, invalid UTF-8) and properties on random strings: symmetry,
 * the triangle inequality, and agreement with brute-force references
 * (naive recursion for Levenshtein, breadth-first search over edit
 * sequences for unrestricted Damerau-Levenshtein).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "scomm/link/compare.h"
#include "scomm/rng.h"
#include "test_util.h"
#include "vectors.h"

static long to_long(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    assert_true(end != s && *end == '\0');
    return v;
}

static double to_double(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    assert_true(end != s && *end == '\0');
    return v;
}

/* --- reference vectors ------------------------------------------------- */

enum sim_kind { SIM_JARO, SIM_JW, SIM_JW_LONG };

static void check_similarity_file(const char *rel, enum sim_kind kind, int rows)
{
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, rel) < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        if (nf == 1 && f[0][0] == '\0')
            continue;
        assert_int_equal(nf, 3);
        double want = to_double(f[2]);
        double got = kind == SIM_JARO ? sc_jaro(f[0], f[1])
                     : kind == SIM_JW ? sc_jaro_winkler(f[0], f[1], 0)
                                      : sc_jaro_winkler(f[0], f[1], 1);
        if (fabs(got - want) >= 0.001) {
            print_error("%s row %d: '%s' '%s': expected %.3f, got %.6f\n", rel,
                        n + 1, f[0], f[1], want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, rows);
    assert_int_equal(bad, 0);
}

static void test_vectors_jaro(void **state)
{
    (void)state;
    check_similarity_file("string-vectors/jaro_distance.csv", SIM_JARO, 5);
}

static void test_vectors_jaro_winkler(void **state)
{
    (void)state;
    check_similarity_file("string-vectors/jaro_winkler.csv", SIM_JW, 17);
}

static void test_vectors_jaro_winkler_longtol(void **state)
{
    (void)state;
    check_similarity_file("string-vectors/jaro_winkler_longtol.csv",
                          SIM_JW_LONG, 10);
}

enum dist_kind { DIST_LEV, DIST_DL, DIST_HAMMING };

static void check_distance_file(const char *rel, enum dist_kind kind, int rows)
{
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, rel) < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        if (nf == 1 && f[0][0] == '\0')
            continue;
        assert_int_equal(nf, 3);
        long want = to_long(f[2]);
        int got = kind == DIST_LEV  ? sc_levenshtein(f[0], f[1])
                  : kind == DIST_DL ? sc_damerau_levenshtein(f[0], f[1])
                                    : sc_hamming(f[0], f[1]);
        if (got != want) {
            print_error("%s row %d: '%s' '%s': expected %ld, got %d\n", rel,
                        n + 1, f[0], f[1], want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, rows);
    assert_int_equal(bad, 0);
}

static void test_vectors_levenshtein(void **state)
{
    (void)state;
    check_distance_file("string-vectors/levenshtein.csv", DIST_LEV, 6);
}

static void test_vectors_damerau_levenshtein(void **state)
{
    (void)state;
    check_distance_file("string-vectors/damerau_levenshtein.csv", DIST_DL, 9);
}

static void test_vectors_hamming(void **state)
{
    (void)state;
    check_distance_file("string-vectors/hamming.csv", DIST_HAMMING, 8);
}

/* The wagner_fischer.csv rows are plain Levenshtein distances too. */
static void test_vectors_wagner_fischer(void **state)
{
    (void)state;
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, "string-vectors/wagner_fischer.csv") < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0;
    while (sc_vec_next(&c, f) > 0) {
        long want = to_long(f[2]);
        int got = sc_levenshtein(f[0], f[1]);
        if (got != want) {
            print_error("wagner_fischer row %d: '%s' '%s': expected %ld, "
                        "got %d\n",
                        n + 1, f[0], f[1], want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, 6);
    assert_int_equal(bad, 0);
}

/* jellyfish cuts a string into consecutive non-overlapping chunks of n
 * code points; sc_jaccard uses the overlapping n-grams of the record
 * linkage literature, so these rows expect the n-gram values. */
struct jaccard_override {
    const char *a, *b;
    int n;
    double want;
};

static const struct jaccard_override jaccard_overrides[] = {
    /* {NI,IG,GH,HT} vs {NA,AC,CH,HT}: 1 shared of 7 (jellyfish 0.2) */
    {"night", "nacht", 2, 1.0 / 7.0},
    /* {NIG,IGH,GHT} vs {NAC,ACH,CHT}: none shared (jellyfish 0.33333) */
    {"night", "nacht", 3, 0.0},
};

static void test_vectors_jaccard(void **state)
{
    (void)state;
    struct sc_vec c;
    char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN];
    if (sc_vec_open(&c, "string-vectors/jaccard.csv") < 0) {
        skip();
        return;
    }
    int n = 0, bad = 0, overridden = 0, nf;
    while ((nf = sc_vec_next(&c, f)) > 0) {
        assert_int_equal(nf, 4);
        int q = f[3][0] ? (int)to_long(f[3]) : 0;
        double want = to_double(f[2]);
        for (size_t k = 0;
             k < sizeof jaccard_overrides / sizeof jaccard_overrides[0]; k++) {
            const struct jaccard_override *o = &jaccard_overrides[k];
            if (strcmp(o->a, f[0]) == 0 && strcmp(o->b, f[1]) == 0 &&
                o->n == q) {
                want = o->want;
                overridden++;
            }
        }
        double got = sc_jaccard(f[0], f[1], q);
        if (fabs(got - want) >= 0.001) {
            print_error("jaccard row %d: '%s' '%s' n=%d: expected %.5f, "
                        "got %.6f\n",
                        n + 1, f[0], f[1], q, want, got);
            bad++;
        }
        n++;
    }
    sc_vec_close(&c);
    assert_int_equal(n, 16);
    assert_int_equal(overridden, 2);
    assert_int_equal(bad, 0);
}

/* --- UTF-8 and normalisation ------------------------------------------ */

static void test_utf8_len_and_valid(void **state)
{
    (void)state;
    size_t off = 99;
    assert_int_equal(sc_utf8_len(""), 0);
    assert_int_equal(sc_utf8_len("M\xc3\x9cLLER"), 6);            /* MÜLLER */
    assert_int_equal(sc_utf8_len("\xe7\x8e\x8b\xe5\xb0\x8f"), 2); /* 王小 */
    assert_int_equal(sc_utf8_len("\xf0\x9f\x98\x80"), 1);         /* emoji */
    /* Bad bytes count one each: lone continuation, truncated lead,
     * overlong '/', a surrogate, a value above U+10FFFF. */
    assert_int_equal(sc_utf8_len("\x80"), 1);
    assert_int_equal(sc_utf8_len("\xc3"), 1);
    assert_int_equal(sc_utf8_len("\xe2\x82"), 2);
    assert_int_equal(sc_utf8_len("\xc0\xaf"), 2);
    assert_int_equal(sc_utf8_len("\xed\xa0\x80"), 3);
    assert_int_equal(sc_utf8_len("\xf4\x90\x80\x80"), 4);
    assert_int_equal(sc_utf8_len("a\xff"
                                 "b"),
                     3);

    assert_true(sc_utf8_valid("", 0, &off));
    assert_true(sc_utf8_valid("abc", 3, &off));
    assert_true(sc_utf8_valid("M\xc3\x9cLLER", 7, NULL));
    assert_true(sc_utf8_valid("\xf4\x8f\xbf\xbf", 4, NULL)); /* U+10FFFF */
    assert_true(sc_utf8_valid("\xed\x9f\xbf", 3, NULL));     /* U+D7FF */
    assert_int_equal(off, 99); /* untouched on success */
    assert_false(sc_utf8_valid("ab\xc0\xaf", 4, &off));
    assert_int_equal(off, 2);
    assert_false(sc_utf8_valid("\xed\xa0\x80", 3, &off));
    assert_int_equal(off, 0);
    assert_false(sc_utf8_valid("x\xf4\x90\x80\x80", 5, &off));
    assert_int_equal(off, 1);
    assert_false(sc_utf8_valid("xy\xe0\x80\x80", 5, &off)); /* overlong */
    assert_int_equal(off, 2);
    /* A sequence cut by the length is bad even if the bytes go on. */
    assert_false(sc_utf8_valid("a\xc3\xa9", 2, &off));
    assert_int_equal(off, 1);
    assert_true(sc_utf8_valid("a\xc3\xa9", 3, &off));
    /* An embedded NUL is a valid code point when a length is given. */
    assert_true(sc_utf8_valid("a\0b", 3, NULL));
}

static void test_fold_ascii(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(sc_fold_ascii("\xc3\x87\xc3\xa1\xc5\x95\xe1\xba\x97"
                                   "\xc3\xa9\xc5\x99",
                                   out, sizeof out),
                     6);
    assert_string_equal(out, "CARTER"); /* Çáŕẗéř */
    sc_fold_ascii("Stra\xc3\x9f"
                  "e",
                  out, sizeof out);
    assert_string_equal(out, "STRASSE");
    sc_fold_ascii("\xc4\x90or\xc4\x91"
                  "e \xc5\x81ukasz \xc3\x98yvind",
                  out, sizeof out);
    assert_string_equal(out, "DORDE LUKASZ OYVIND");
    sc_fold_ascii("\xc3\x86sop \xc5\x92uvre \xc3\x9eor", out, sizeof out);
    assert_string_equal(out, "AESOP OEUVRE THOR");
    /* A combining acute accent vanishes; the base letter stays. */
    sc_fold_ascii("Jose\xcc\x81", out, sizeof out);
    assert_string_equal(out, "JOSE");
    /* Vietnamese (Latin Extended Additional), fullwidth, ligature. */
    sc_fold_ascii("Nguy\xe1\xbb\x85n \xef\xbc\xa1\xef\xbd\x82 \xef\xac\x81n",
                  out, sizeof out);
    assert_string_equal(out, "NGUYEN AB FIN");
    /* Other scripts, symbols and bad bytes vanish; ASCII stays. */
    sc_fold_ascii("\xe7\x8e\x8b Wei-3 \xd0\x98\xd0\xb2 \xff!", out, sizeof out);
    assert_string_equal(out, " WEI-3  !");
    assert_int_equal(sc_fold_ascii("", out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_fold_ascii_respects_cap(void **state)
{
    (void)state;
    char out[8];
    memset(out, '#', sizeof out);
    assert_int_equal(sc_fold_ascii("abcdefgh", out, 4), 3);
    assert_string_equal(out, "ABC");
    assert_int_equal(out[4], '#');
    /* An expansion that does not fit whole is left out. */
    memset(out, '#', sizeof out);
    assert_int_equal(sc_fold_ascii("a\xc3\x9f", out, 3), 1);
    assert_string_equal(out, "A");
    assert_int_equal(out[3], '#');
    memset(out, '#', sizeof out);
    assert_int_equal(sc_fold_ascii("abc", out, 0), 0);
    assert_int_equal(out[0], '#');
    assert_int_equal(sc_fold_ascii("abc", out, 1), 0);
    assert_string_equal(out, "");
}

static void test_norm_name(void **state)
{
    (void)state;
    char out[64];
    size_t n = sc_norm_name("  de la Cruz-P\xc3\xa9rez,  Jos\xc3\xa9 ", 0, out,
                            sizeof out);
    assert_string_equal(out, "DE LA CRUZ PEREZ JOSE");
    assert_int_equal(n, strlen(out));
    sc_norm_name("  de la Cruz-P\xc3\xa9rez,  Jos\xc3\xa9 ", 1, out,
                 sizeof out);
    assert_string_equal(out, "CRUZ PEREZ JOSE");
    sc_norm_name("O'Brien", 1, out, sizeof out);
    assert_string_equal(out, "O BRIEN");
    sc_norm_name("John Q. Smith 3rd", 1, out, sizeof out);
    assert_string_equal(out, "JOHN Q SMITH 3RD");
    sc_norm_name("Van der Berg", 1, out, sizeof out);
    assert_string_equal(out, "BERG");
    sc_norm_name("Al-Hassan ibn Saud", 1, out, sizeof out);
    assert_string_equal(out, "HASSAN SAUD");
    /* Particles inside a word are not particles: DELANEY, VANCE. */
    sc_norm_name("Delaney Vance", 1, out, sizeof out);
    assert_string_equal(out, "DELANEY VANCE");
    /* A name made only of particles keeps them. */
    sc_norm_name("De La", 1, out, sizeof out);
    assert_string_equal(out, "DE LA");
    assert_int_equal(sc_norm_name(" .,- ", 1, out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(
        sc_norm_name("\xe7\x8e\x8b\xe5\xb0\x8f", 0, out, sizeof out), 0);
    /* Truncation keeps a terminated string within cap. */
    char small[6];
    assert_int_equal(sc_norm_name("Garcia Lopez", 0, small, sizeof small), 5);
    assert_string_equal(small, "GARCI");
}

/* --- comparators: edge cases ------------------------------------------ */

static void test_empty_strings(void **state)
{
    (void)state;
    assert_true(sc_jaro("", "") == 0.0);
    assert_true(sc_jaro("", "abc") == 0.0);
    assert_true(sc_jaro_winkler("abc", "", 1) == 0.0);
    assert_int_equal(sc_levenshtein("", ""), 0);
    assert_int_equal(sc_levenshtein("", "abc"), 3);
    assert_int_equal(sc_osa("abcd", ""), 4);
    assert_int_equal(sc_damerau_levenshtein("", "ab"), 2);
    assert_int_equal(sc_hamming("", ""), 0);
    assert_true(sc_jaccard("", "", 0) == 0.0);
    assert_true(sc_jaccard("", "", 2) == 0.0);
    assert_true(sc_jaccard("ab", "", 2) == 0.0);
}

static void test_accents_are_one_edit(void **state)
{
    (void)state;
    const char *mu = "M\xc3\x9cLLER"; /* MÜLLER */
    assert_int_equal(sc_levenshtein(mu, "MULLER"), 1);
    assert_int_equal(sc_osa(mu, "MULLER"), 1);
    assert_int_equal(sc_damerau_levenshtein(mu, "MULLER"), 1);
    assert_int_equal(sc_hamming(mu, "MULLER"), 1);
    /* 5 of 6 agree in place: jaro = (5/6 + 5/6 + 1) / 3. */
    assert_true(fabs(sc_jaro(mu, "MULLER") - (5.0 / 6 + 5.0 / 6 + 1) / 3) <
                1e-12);
    /* The same letter precomposed and decomposed are different code
     * point strings; after folding they are equal. */
    char a[16], b[16];
    sc_fold_ascii(mu, a, sizeof a);
    sc_fold_ascii("MU\xcc\x88LLER", b, sizeof b);
    assert_string_equal(a, b);
}

static void test_non_latin(void **state)
{
    (void)state;
    /* Arabic محمد / محمود, Chinese 王小明 / 王晓明, Cyrillic Иванов(а). */
    const char *ar1 = "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf";
    const char *ar2 = "\xd9\x85\xd8\xad\xd9\x85\xd9\x88\xd8\xaf";
    const char *zh1 = "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e";
    const char *zh2 = "\xe7\x8e\x8b\xe6\x99\x93\xe6\x98\x8e";
    const char *ru1 = "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2";
    const char *ru2 = "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2"
                      "\xd0\xb0";
    assert_int_equal(sc_levenshtein(ar1, ar2), 1);
    assert_int_equal(sc_damerau_levenshtein(ar1, ar2), 1);
    assert_int_equal(sc_levenshtein(zh1, zh2), 1);
    assert_int_equal(sc_hamming(zh1, zh2), 1);
    assert_int_equal(sc_levenshtein(ru1, ru2), 1);
    assert_int_equal(sc_osa(ru1, ru2), 1);
    /* jaro(Иванов, Иванова) = (1 + 6/7 + 1) / 3; JW adds 4 * 0.1. */
    double j = (1 + 6.0 / 7 + 1) / 3;
    assert_true(fabs(sc_jaro(ru1, ru2) - j) < 1e-12);
    assert_true(fabs(sc_jaro_winkler(ru1, ru2, 0) - (j + 0.4 * (1 - j))) <
                1e-12);
    assert_true(sc_jaro(zh1, zh1) == 1.0);
    assert_true(fabs(sc_jaccard(zh1, zh2, 1) - 2.0 / 4.0) < 1e-12);
}

static void test_invalid_utf8_never_crashes(void **state)
{
    (void)state;
    /* Each bad byte is a code point of its own. */
    assert_int_equal(sc_levenshtein("a\xff"
                                    "b",
                                    "a\xfe"
                                    "b"),
                     1);
    assert_int_equal(sc_levenshtein("\xff", "\xff"), 0);
    assert_int_equal(sc_levenshtein("\xc3", "\xc3\xa9"), 1);
    assert_int_equal(sc_levenshtein("\xe2\x82", "\xe2\x82\xac"), 2);
    assert_int_equal(sc_damerau_levenshtein("\xff\xfe", "\xfe\xff"), 1);
    assert_int_equal(sc_osa("\xff\xfe", "\xfe\xff"), 1);
    assert_int_equal(sc_hamming("\xc0\xaf", "/"), 2);
    assert_true(sc_jaro("\xff\xfe\xfd", "\xff\xfe\xfd") == 1.0);
    /* A bad byte never equals a valid character. */
    assert_int_equal(sc_levenshtein("\xe9", "\xc3\xa9"), 1);
    char out[8];
    sc_fold_ascii("\xff"
                  "a\x80",
                  out, sizeof out);
    assert_string_equal(out, "A");
}

static void test_long_strings_truncate(void **state)
{
    (void)state;
    char a[1200], b[1200];
    /* 400 code points of two bytes each (é): only 256 are compared. */
    for (int i = 0; i < 400; i++) {
        a[2 * i] = '\xc3';
        a[2 * i + 1] = '\xa9';
    }
    a[800] = '\0';
    memcpy(b, a, 801);
    assert_int_equal(sc_utf8_len(a), 400);
    assert_int_equal(sc_levenshtein(a, b), 0);
    b[2 * 300 + 1] = '\xa8'; /* è at code point 300: beyond the limit */
    assert_int_equal(sc_levenshtein(a, b), 0);
    assert_int_equal(sc_damerau_levenshtein(a, b), 0);
    assert_true(sc_jaro_winkler(a, b, 1) == 1.0);
    b[2 * 100 + 1] = '\xa8'; /* and one within it */
    assert_int_equal(sc_levenshtein(a, b), 1);
    assert_int_equal(sc_osa(a, b), 1);
    assert_int_equal(sc_damerau_levenshtein(a, b), 1);
    assert_int_equal(sc_hamming(a, b), 1);
    assert_true(sc_jaro(a, b) < 1.0 && sc_jaro(a, b) > 0.99);
    /* Long ASCII against short: the limit applies to each side. */
    memset(a, 'x', 1000);
    a[1000] = '\0';
    assert_int_equal(sc_levenshtein(a, "x"), SC_CMP_MAX - 1);
    assert_int_equal(sc_damerau_levenshtein("", a), SC_CMP_MAX);
    assert_int_equal(sc_hamming(a, ""), SC_CMP_MAX);
    assert_true(sc_jaccard(a, a, 2) == 1.0);
}

static void test_osa_versus_unrestricted(void **state)
{
    (void)state;
    /* OSA cannot edit inside a transposed pair; unrestricted DL can:
     * CA -> AC -> ABC. */
    assert_int_equal(sc_osa("CA", "ABC"), 3);
    assert_int_equal(sc_damerau_levenshtein("CA", "ABC"), 2);
    assert_int_equal(sc_levenshtein("CA", "ABC"), 3);
    assert_int_equal(sc_osa("AB", "BA"), 1);
    assert_int_equal(sc_osa("ABCDEF", "BADCFE"), 3);
    assert_int_equal(sc_osa("ABC", "CA"), 3);
    assert_int_equal(sc_osa("AAB", "ABA"), 1);
    assert_int_equal(sc_osa("ABCD", "ACBD"), 1);
    assert_int_equal(sc_damerau_levenshtein("ABCD", "ACBD"), 1);
    assert_int_equal(sc_levenshtein("ABCD", "ACBD"), 2);
}

static void test_winkler_boost_rules(void **state)
{
    (void)state;
    /* Jaro 5/9 <= 0.7: no prefix boost despite the shared AB. */
    double j = sc_jaro("ABCDEF", "ABZZZZ");
    assert_true(fabs(j - 5.0 / 9.0) < 1e-12);
    assert_true(sc_jaro_winkler("ABCDEF", "ABZZZZ", 0) == j);
    assert_true(sc_jaro_winkler("ABCDEF", "ABZZZZ", 1) == j);
    /* The prefix counts at most four characters. */
    j = sc_jaro("ABCDEFGHIJ", "ABCDEFGHIX");
    assert_true(fabs(sc_jaro_winkler("ABCDEFGHIJ", "ABCDEFGHIX", 0) -
                     (j + 0.4 * (1 - j))) < 1e-12);
    /* Long tolerance needs both strings longer than four: for the
     * four-letter pair it changes nothing. */
    assert_true(sc_jaro_winkler("ABCD", "ABCE", 1) ==
                sc_jaro_winkler("ABCD", "ABCE", 0));
    /* XBCD / YBCD: jaro 5/6, no prefix, 3 common: would qualify but
     * for the length. */
    assert_true(sc_jaro_winkler("XBCD", "YBCD", 1) ==
                sc_jaro_winkler("XBCD", "YBCD", 0));
    /* 7 common, prefix 4: + (1 - jw) * (7 - 4 - 1) / (8 + 8 - 8 + 2). */
    double jw = sc_jaro_winkler("ABCDEFGH", "ABCDEFGX", 0);
    assert_true(fabs(sc_jaro_winkler("ABCDEFGH", "ABCDEFGX", 1) -
                     (jw + (1 - jw) * 2.0 / 10.0)) < 1e-12);
}

static void test_jaccard_words_and_grams(void **state)
{
    (void)state;
    /* Words split on any white space, including U+00A0; duplicates
     * count once. */
    assert_true(sc_jaccard("JOHN\xc2\xa0SMITH", "SMITH JOHN JOHN", 0) == 1.0);
    assert_true(fabs(sc_jaccard("AAAA", "AAA", 2) - 1.0) < 1e-12);
    /* A string shorter than n is its own single gram. */
    assert_true(sc_jaccard("A", "A", 3) == 1.0);
    assert_true(sc_jaccard("A", "B", 3) == 0.0);
    /* {SM,MI,IT,TH} vs {SM,MY,YT,TH}: 2 of 6. */
    assert_true(fabs(sc_jaccard("SMITH", "SMYTH", 2) - 2.0 / 6.0) < 1e-12);
    assert_true(sc_jaccard("a b", "a b", -1) == 1.0); /* n < 0: words */
}

/* --- properties on random strings ------------------------------------- */

/* Letters of a small alphabet (so that strings share characters), with
 * two non-ASCII ones to exercise the decoding and the alphabet maps. */
static const char *const alphabet[] = {"a", "\xc3\xa9", "b",
                                       "c", "\xd0\x96", "d"};

static void random_string(sc_rng *r, int nsym, int maxlen, char *out)
{
    int len = (int)sc_rng_below(r, (uint64_t)maxlen + 1);
    size_t k = 0;
    for (int i = 0; i < len; i++) {
        const char *s = alphabet[sc_rng_below(r, (uint64_t)nsym)];
        size_t l = strlen(s);
        memcpy(out + k, s, l);
        k += l;
    }
    out[k] = '\0';
}

/* Splits a string of the random alphabet into symbol indices. */
static int to_symbols(const char *s, int *sym)
{
    int n = 0;
    while (*s) {
        for (int k = 0; k < 6; k++) {
            size_t l = strlen(alphabet[k]);
            if (strncmp(s, alphabet[k], l) == 0) {
                sym[n++] = k;
                s += l;
                break;
            }
        }
    }
    return n;
}

/* Levenshtein by its defining recursion, no tables (for n, m <= 6). */
static int lev_naive(const int *a, int n, const int *b, int m)
{
    if (n == 0)
        return m;
    if (m == 0)
        return n;
    int best = lev_naive(a + 1, n - 1, b + 1, m - 1) + (a[0] != b[0]);
    int d = lev_naive(a + 1, n - 1, b, m) + 1;
    if (d < best)
        best = d;
    d = lev_naive(a, n, b + 1, m - 1) + 1;
    return d < best ? d : best;
}

/* Full-matrix Levenshtein, for lengths where the recursion is too slow. */
static int lev_matrix(const int *a, int n, const int *b, int m)
{
    int d[90][90];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

static void test_levenshtein_brute_force(void **state)
{
    (void)state;
    sc_rng r;
    char a[512], b[512];
    int sa[128], sb[128];
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 301);
    for (int t = 0; t < 3000; t++) {
        random_string(&r, 4 + (t & 1) * 2, 6, a);
        random_string(&r, 4 + (t & 1) * 2, 6, b);
        int n = to_symbols(a, sa), m = to_symbols(b, sb);
        int want = lev_naive(sa, n, sb, m);
        int got = sc_levenshtein(a, b);
        if (got != want)
            print_error("seed %u: '%s' '%s': want %d, got %d\n", SC_TEST_SEED,
                        a, b, want, got);
        assert_int_equal(got, want);
    }
    /* Longer strings cross the 64-code-point word of the bit-parallel
     * path into the plain dynamic programme. */
    for (int t = 0; t < 400; t++) {
        random_string(&r, 3 + (t % 4), 85, a);
        random_string(&r, 3 + (t % 4), 85, b);
        int n = to_symbols(a, sa), m = to_symbols(b, sb);
        int want = lev_matrix(sa, n, sb, m);
        int got = sc_levenshtein(a, b);
        if (got != want)
            print_error("seed %u: '%s' '%s': want %d, got %d\n", SC_TEST_SEED,
                        a, b, want, got);
        assert_int_equal(got, want);
    }
}

/* Unrestricted Damerau-Levenshtein by breadth-first search over strings
 * of symbols 0..2 (length <= 6): the fewest insertions, deletions,
 * substitutions and adjacent swaps that turn a into b. */
static int code_of(const int *s, int n)
{
    int c = 1; /* a leading 1 keeps the length */
    for (int i = 0; i < n; i++)
        c = c * 3 + s[i];
    return c;
}

static int dl_bfs(const int *a, int n, const int *b, int m)
{
    enum { MAXL = 6, NCODE = 3 * 3 * 3 * 3 * 3 * 3 * 3 };
    signed char dist[NCODE];
    int queue[NCODE];
    memset(dist, -1, sizeof dist);
    int head = 0, tail = 0;
    int target = code_of(b, m);
    int start = code_of(a, n);
    dist[start] = 0;
    queue[tail++] = start;
    while (head < tail) {
        int c = queue[head++];
        if (c == target)
            return dist[c];
        int s[MAXL + 1], len = 0, tmp = c;
        while (tmp > 1) {
            s[len++] = tmp % 3;
            tmp /= 3;
        }
        for (int i = 0; i < len / 2; i++) {
            int x = s[i];
            s[i] = s[len - 1 - i];
            s[len - 1 - i] = x;
        }
        int t[MAXL + 1];
        /* deletions */
        for (int i = 0; i < len; i++) {
            int k = 0;
            for (int j = 0; j < len; j++)
                if (j != i)
                    t[k++] = s[j];
            int nc = code_of(t, k);
            if (dist[nc] < 0) {
                dist[nc] = (signed char)(dist[c] + 1);
                queue[tail++] = nc;
            }
        }
        /* insertions */
        for (int i = 0; len < MAXL && i <= len; i++)
            for (int x = 0; x < 3; x++) {
                int k = 0;
                for (int j = 0; j < i; j++)
                    t[k++] = s[j];
                t[k++] = x;
                for (int j = i; j < len; j++)
                    t[k++] = s[j];
                int nc = code_of(t, k);
                if (dist[nc] < 0) {
                    dist[nc] = (signed char)(dist[c] + 1);
                    queue[tail++] = nc;
                }
            }
        /* substitutions and adjacent swaps */
        for (int i = 0; i < len; i++) {
            for (int x = 0; x < 3; x++) {
                memcpy(t, s, sizeof(int) * (size_t)len);
                t[i] = x;
                int nc = code_of(t, len);
                if (dist[nc] < 0) {
                    dist[nc] = (signed char)(dist[c] + 1);
                    queue[tail++] = nc;
                }
            }
            if (i + 1 < len) {
                memcpy(t, s, sizeof(int) * (size_t)len);
                t[i] = s[i + 1];
                t[i + 1] = s[i];
                int nc = code_of(t, len);
                if (dist[nc] < 0) {
                    dist[nc] = (signed char)(dist[c] + 1);
                    queue[tail++] = nc;
                }
            }
        }
    }
    return -1;
}

static void test_damerau_brute_force(void **state)
{
    (void)state;
    sc_rng r;
    char a[64], b[64];
    int sa[16], sb[16];
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 302);
    for (int t = 0; t < 1500; t++) {
        random_string(&r, 3, 5, a);
        random_string(&r, 3, 5, b);
        int n = to_symbols(a, sa), m = to_symbols(b, sb);
        int want = dl_bfs(sa, n, sb, m);
        int got = sc_damerau_levenshtein(a, b);
        if (got != want)
            print_error("seed %u: '%s' '%s': want %d, got %d\n", SC_TEST_SEED,
                        a, b, want, got);
        assert_int_equal(got, want);
        /* The three distances are ordered: DL <= OSA <= Levenshtein. */
        int osa = sc_osa(a, b), lev = sc_levenshtein(a, b);
        assert_true(got <= osa && osa <= lev);
    }
}

static void test_symmetry_and_triangle(void **state)
{
    (void)state;
    sc_rng r;
    char a[512], b[512], c[512];
    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_TEST, 303);
    for (int t = 0; t < 2000; t++) {
        int nsym = 2 + (int)(t % 5);
        int maxlen = t % 3 == 0 ? 80 : 10;
        random_string(&r, nsym, maxlen, a);
        random_string(&r, nsym, maxlen, b);
        random_string(&r, nsym, maxlen, c);
        int lab = sc_levenshtein(a, b), lbc = sc_levenshtein(b, c);
        int lac = sc_levenshtein(a, c);
        assert_int_equal(lab, sc_levenshtein(b, a));
        assert_true(lac <= lab + lbc);
        int dab = sc_damerau_levenshtein(a, b);
        int dbc = sc_damerau_levenshtein(b, c);
        int dac = sc_damerau_levenshtein(a, c);
        assert_int_equal(dab, sc_damerau_levenshtein(b, a));
        assert_true(dac <= dab + dbc);
        assert_int_equal(sc_osa(a, b), sc_osa(b, a));
        assert_int_equal(sc_hamming(a, b), sc_hamming(b, a));
        assert_int_equal(sc_levenshtein(a, a), 0);
        assert_int_equal(sc_damerau_levenshtein(a, a), 0);
        for (int q = 0; q <= 3; q++)
            assert_true(sc_jaccard(a, b, q) == sc_jaccard(b, a, q));
        double j = sc_jaro(a, b), jw = sc_jaro_winkler(a, b, 0);
        double jl = sc_jaro_winkler(a, b, 1);
        assert_true(j >= 0.0 && j <= 1.0);
        assert_true(jw >= j && jw <= 1.0);
        assert_true(jl >= jw - 1e-15 && jl <= 1.0);
        if (a[0] != '\0')
            assert_true(sc_jaro(a, a) == 1.0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_jaro),
        cmocka_unit_test(test_vectors_jaro_winkler),
        cmocka_unit_test(test_vectors_jaro_winkler_longtol),
        cmocka_unit_test(test_vectors_levenshtein),
        cmocka_unit_test(test_vectors_damerau_levenshtein),
        cmocka_unit_test(test_vectors_hamming),
        cmocka_unit_test(test_vectors_wagner_fischer),
        cmocka_unit_test(test_vectors_jaccard),
        cmocka_unit_test(test_utf8_len_and_valid),
        cmocka_unit_test(test_fold_ascii),
        cmocka_unit_test(test_fold_ascii_respects_cap),
        cmocka_unit_test(test_norm_name),
        cmocka_unit_test(test_empty_strings),
        cmocka_unit_test(test_accents_are_one_edit),
        cmocka_unit_test(test_non_latin),
        cmocka_unit_test(test_invalid_utf8_never_crashes),
        cmocka_unit_test(test_long_strings_truncate),
        cmocka_unit_test(test_osa_versus_unrestricted),
        cmocka_unit_test(test_winkler_boost_rules),
        cmocka_unit_test(test_jaccard_words_and_grams),
        cmocka_unit_test(test_levenshtein_brute_force),
        cmocka_unit_test(test_damerau_brute_force),
        cmocka_unit_test(test_symmetry_and_triangle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
