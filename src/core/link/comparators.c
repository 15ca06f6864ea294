/*
 * comparators.c - string similarities and edit distances on code points.
 *
 * Each function decodes its two UTF-8 arguments once into stack arrays of
 * at most SC_CMP_MAX code points (uint32_t), then works on the arrays;
 * nothing is allocated.  Comparison is exact and case-sensitive: callers
 * fold and normalise first (sc_norm_name).
 *
 * Workload: the Fellegi-Sunter engine calls Jaro-Winkler and Levenshtein
 * on every candidate pair that blocking lets through, millions of times
 * a second, on short upper-case ASCII names.  So Levenshtein runs the
 * bit-parallel algorithm when the shorter string fits a 64-bit word, and
 * Jaro keeps its match flags in byte arrays cleared only over the
 * lengths in use.  Unrestricted Damerau-Levenshtein needs the whole
 * dynamic-programming matrix (up to 258 x 258 16-bit cells, 133 kB of
 * stack); it is the slow one and is meant for final scoring, not
 * screening.
 *
 * References:
 *   M. A. Jaro, "Advances in record-linkage methodology as applied to
 *     matching the 1985 census of Tampa, Florida", JASA 84 (1989).
 *   W. E. Winkler, "String comparator metrics and enhanced decision
 *     rules in the Fellegi-Sunter model of record linkage", Proc. Section
 *     on Survey Research Methods, ASA (1990); the long-string adjustment
 *     is the one of Winkler's strcmp95 as exposed by jellyfish.
 *   V. I. Levenshtein, "Binary codes capable of correcting deletions,
 *     insertions and reversals", Soviet Physics Doklady 10 (1966).
 *   G. Myers, "A fast bit-vector algorithm for approximate string
 *     matching based on dynamic programming", JACM 46 (1999), in the
 *     global edit-distance form of H. Hyyro, "A bit-vector algorithm for
 *     computing Levenshtein and Damerau edit distances", Nordic Journal
 *     of Computing 10 (2003).
 *   R. Lowrance and R. A. Wagner, "An extension of the string-to-string
 *     correction problem", JACM 22 (1975).
 *   P. Jaccard, "Etude comparative de la distribution florale dans une
 *     portion des Alpes et du Jura", Bull. Soc. Vaudoise Sci. Nat. 37
 *     (1901).
 */
#include "scomm/link/compare.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"

/* --- Jaro and Jaro-Winkler ------------------------------------------- */

/* Jaro similarity of decoded strings; *common gets the number of
 * matching characters (the long-string adjustment needs it). */
static double jaro_cp(const uint32_t *a, size_t la, const uint32_t *b,
                      size_t lb, size_t *common)
{
    unsigned char fa[SC_CMP_MAX], fb[SC_CMP_MAX];
    *common = 0;
    if (la == 0 || lb == 0)
        return 0.0;
    size_t longer = la > lb ? la : lb;
    size_t window = longer / 2 > 0 ? longer / 2 - 1 : 0;
    memset(fa, 0, la);
    memset(fb, 0, lb);

    size_t m = 0;
    for (size_t i = 0; i < la; i++) {
        size_t lo = i > window ? i - window : 0;
        size_t hi = i + window < lb - 1 ? i + window : lb - 1;
        for (size_t j = lo; j <= hi; j++) {
            if (!fb[j] && a[i] == b[j]) {
                fa[i] = fb[j] = 1;
                m++;
                break;
            }
        }
    }
    if (m == 0)
        return 0.0;

    /* Matched characters out of order, halved and rounded down as in
     * Winkler's strcmp95 and jellyfish. */
    size_t t = 0, k = 0;
    for (size_t i = 0; i < la; i++) {
        if (!fa[i])
            continue;
        while (!fb[k])
            k++;
        if (a[i] != b[k])
            t++;
        k++;
    }
    t /= 2;
    *common = m;
    double dm = (double)m;
    return (dm / (double)la + dm / (double)lb + (dm - (double)t) / dm) / 3.0;
}

double sc_jaro(const char *a, const char *b)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    size_t m;
    return jaro_cp(ca, la, cb, lb, &m);
}

double sc_jaro_winkler(const char *a, const char *b, int long_tolerance)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    size_t m;
    double w = jaro_cp(ca, la, cb, lb, &m);
    /* Winkler boosts only pairs that already look alike. */
    if (w <= 0.7)
        return w;
    size_t minv = la < lb ? la : lb;
    size_t lim = minv < 4 ? minv : 4;
    size_t p = 0;
    while (p < lim && ca[p] == cb[p])
        p++;
    w += (double)p * 0.1 * (1.0 - w);
    /* strcmp95's adjustment: beyond the agreeing prefix at least two
     * more characters agree, and they are more than half of the rest. */
    if (long_tolerance && minv > 4 && m > p + 1 && 2 * m >= minv + p)
        w += (1.0 - w) * (double)(m - p - 1) / (double)(la + lb - 2 * p + 2);
    return w;
}

/* --- Levenshtein ------------------------------------------------------ */

/* Match masks of a pattern of at most 64 code points: bit i of
 * peq(c) is set when pattern[i] == c.  Only the ASCII entries the
 * pattern uses are written; `used` says which, so the 1 kB table is
 * never cleared. */
struct peq {
    uint64_t ascii[128];
    uint64_t used[2];
    uint32_t cp[64];
    uint64_t mask[64];
    size_t n;
};

static void peq_build(struct peq *q, const uint32_t *p, size_t m)
{
    q->used[0] = q->used[1] = 0;
    q->n = 0;
    for (size_t i = 0; i < m; i++) {
        uint64_t bit = (uint64_t)1 << i;
        uint32_t c = p[i];
        if (c < 128) {
            uint64_t u = (uint64_t)1 << (c & 63);
            if (!(q->used[c >> 6] & u)) {
                q->used[c >> 6] |= u;
                q->ascii[c] = 0;
            }
            q->ascii[c] |= bit;
            continue;
        }
        size_t k = 0;
        while (k < q->n && q->cp[k] != p[i])
            k++;
        if (k == q->n) {
            q->cp[k] = p[i];
            q->mask[k] = 0;
            q->n++;
        }
        q->mask[k] |= bit;
    }
}

static uint64_t peq_get(const struct peq *q, uint32_t c)
{
    if (c < 128)
        return (q->used[c >> 6] >> (c & 63)) & 1 ? q->ascii[c] : 0;
    for (size_t k = 0; k < q->n; k++)
        if (q->cp[k] == c)
            return q->mask[k];
    return 0;
}

/* Myers (1999) / Hyyro (2003): the DP column for the pattern is held as
 * bit vectors of vertical +1/-1 deltas; one text character updates all
 * m cells in a few word operations.  Row 0 of the global edit distance
 * grows by one per column, hence the 1 shifted into Ph. */
static int lev_bits(const uint32_t *p, size_t m, const uint32_t *t, size_t n)
{
    struct peq q;
    peq_build(&q, p, m);
    uint64_t pv = ~(uint64_t)0, mv = 0;
    uint64_t last = (uint64_t)1 << (m - 1);
    int score = (int)m;
    for (size_t j = 0; j < n; j++) {
        uint64_t eq = peq_get(&q, t[j]);
        uint64_t xv = eq | mv;
        uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
        uint64_t ph = mv | ~(xh | pv);
        uint64_t mh = pv & xh;
        if (ph & last)
            score++;
        else if (mh & last)
            score--;
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    return score;
}

/* Wagner-Fischer with one row, for patterns longer than a word. */
static int lev_dp(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
    int row[SC_CMP_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

int sc_levenshtein(const char *a, const char *b)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    if (la == 0 || lb == 0)
        return (int)(la + lb);
    /* The distance is symmetric: make the shorter string the pattern. */
    if (la <= lb && la <= 64)
        return lev_bits(ca, la, cb, lb);
    if (lb < la && lb <= 64)
        return lev_bits(cb, lb, ca, la);
    return lev_dp(ca, la, cb, lb);
}

/* --- optimal string alignment ----------------------------------------- */

int sc_osa(const char *a, const char *b)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    int r0[SC_CMP_MAX + 1], r1[SC_CMP_MAX + 1], r2[SC_CMP_MAX + 1];
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    if (la == 0 || lb == 0)
        return (int)(la + lb);
    /* r0 is row i-2, r1 row i-1, r2 row i. */
    int *pp = r0, *prev = r1, *cur = r2;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] &&
                ca[i - 2] == cb[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        int *tmp = pp;
        pp = prev;
        prev = cur;
        cur = tmp;
    }
    return prev[lb];
}

/* --- unrestricted Damerau-Levenshtein ---------------------------------- */

/* Small ids for the alphabet of the two strings, so that "last row where
 * this character occurred" is an array look-up: ASCII keeps its value,
 * other code points get 128, 129, ... in order of appearance. */
#define DL_ALPHA (128 + 2 * SC_CMP_MAX)

static size_t dl_ids(const uint32_t *s, size_t n, uint16_t *ids,
                     uint32_t *other, size_t *nother)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 128) {
            ids[i] = (uint16_t)s[i];
            continue;
        }
        size_t k = 0;
        while (k < *nother && other[k] != s[i])
            k++;
        if (k == *nother)
            other[(*nother)++] = s[i];
        ids[i] = (uint16_t)(128 + k);
    }
    return 128 + *nother;
}

/* Lowrance & Wagner (1975): H is the DP matrix with an extra border row
 * and column holding "infinity"; da[c] is the last row of a holding c,
 * db the last column of b matching a[i-1] in the current row, so the
 * transposition term prices "delete what lies between, swap, insert what
 * lies between". */
int sc_damerau_levenshtein(const char *a, const char *b)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    uint16_t ia[SC_CMP_MAX], ib[SC_CMP_MAX];
    uint32_t other[2 * SC_CMP_MAX];
    uint16_t da[DL_ALPHA];
    uint16_t h[(SC_CMP_MAX + 2) * (SC_CMP_MAX + 2)];

    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    if (la == 0 || lb == 0)
        return (int)(la + lb);
    size_t nother = 0;
    dl_ids(ca, la, ia, other, &nother);
    size_t nalpha = dl_ids(cb, lb, ib, other, &nother);
    memset(da, 0, nalpha * sizeof da[0]);

    size_t w = lb + 2;
#define H(i, j) h[(i)*w + (j)]
    uint16_t inf = (uint16_t)(la + lb);
    H(0, 0) = inf;
    for (size_t i = 0; i <= la; i++) {
        H(i + 1, 0) = inf;
        H(i + 1, 1) = (uint16_t)i;
    }
    for (size_t j = 0; j <= lb; j++) {
        H(0, j + 1) = inf;
        H(1, j + 1) = (uint16_t)j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t db = 0;
        for (size_t j = 1; j <= lb; j++) {
            size_t i1 = da[ib[j - 1]];
            size_t j1 = db;
            unsigned cost = 1;
            if (ia[i - 1] == ib[j - 1]) {
                cost = 0;
                db = j;
            }
            unsigned best = H(i, j) + cost;
            if (H(i + 1, j) + 1u < best)
                best = H(i + 1, j) + 1u;
            if (H(i, j + 1) + 1u < best)
                best = H(i, j + 1) + 1u;
            unsigned tr = H(i1, j1) + (unsigned)(i - i1 - 1) + 1u +
                          (unsigned)(j - j1 - 1);
            if (tr < best)
                best = tr;
            H(i + 1, j + 1) = (uint16_t)best;
        }
        da[ia[i - 1]] = (uint16_t)i;
    }
    int d = H(la + 1, lb + 1);
#undef H
    return d;
}

/* --- Hamming ----------------------------------------------------------- */

int sc_hamming(const char *a, const char *b)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    size_t n = la < lb ? la : lb;
    int d = (int)(la > lb ? la - lb : lb - la);
    for (size_t i = 0; i < n; i++)
        d += ca[i] != cb[i];
    return d;
}

/* --- Jaccard ----------------------------------------------------------- */

struct gram {
    const uint32_t *p;
    size_t len;
};

static int gram_cmp(const struct gram *x, const struct gram *y)
{
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++)
        if (x->p[i] != y->p[i])
            return x->p[i] < y->p[i] ? -1 : 1;
    return (x->len > y->len) - (x->len < y->len);
}

static int gram_qsort_cmp(const void *x, const void *y)
{
    return gram_cmp(x, y);
}

/* The White_Space code points of Unicode (those Python's str.split()
 * splits on, which the reference vectors use). */
static int is_white(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

/* Cuts s into its set of grams (sorted, distinct); returns the count. */
static size_t grams_of(const uint32_t *s, size_t len, int n, struct gram *g)
{
    size_t k = 0;
    if (n == 0) {
        size_t i = 0;
        while (i < len) {
            while (i < len && is_white(s[i]))
                i++;
            size_t j = i;
            while (j < len && !is_white(s[j]))
                j++;
            if (j > i)
                g[k++] = (struct gram){s + i, j - i};
            i = j;
        }
    } else if (len > 0 && len < (size_t)n) {
        /* A name shorter than n is its own single gram, so that two
         * equal short names still agree. */
        g[k++] = (struct gram){s, len};
    } else if (len > 0) {
        for (size_t i = 0; i + (size_t)n <= len; i++)
            g[k++] = (struct gram){s + i, (size_t)n};
    }
    if (k > 1)
        qsort(g, k, sizeof g[0], gram_qsort_cmp);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || gram_cmp(&g[u - 1], &g[i]) != 0)
            g[u++] = g[i];
    return u;
}

double sc_jaccard(const char *a, const char *b, int n)
{
    uint32_t ca[SC_CMP_MAX], cb[SC_CMP_MAX];
    struct gram ga[SC_CMP_MAX], gb[SC_CMP_MAX];
    if (n < 0)
        n = 0;
    size_t la = sc_cmp_decode(a, ca, SC_CMP_MAX);
    size_t lb = sc_cmp_decode(b, cb, SC_CMP_MAX);
    size_t na = grams_of(ca, la, n, ga);
    size_t nb = grams_of(cb, lb, n, gb);
    if (na == 0 && nb == 0)
        return 0.0;
    /* Merge of two sorted sets. */
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        int c = gram_cmp(&ga[i], &gb[j]);
        if (c == 0) {
            both++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return (double)both / (double)(na + nb - both);
}
