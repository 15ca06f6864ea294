/*
 * link_levels.c - comparison levels: how alike two normalised values are.
 *
 * Each kind of field has a short ladder of levels, strongest first (the
 * table in link_spec.c names them).  A pair's level is the first rung it
 * reaches; the tests are ordered cheapest first, and the expensive edit
 * distance runs only after two cheap bounds (length difference and bag
 * distance, Bartolini, Ciaccia and Patella 2002: both never exceed the
 * Damerau-Levenshtein distance) leave it a chance.
 *
 * Workload: the hot loop of the engine, tens of millions of calls per
 * job, on short ASCII strings; no allocation.
 */
#include <math.h>
#include <string.h>

#include "link_int.h"
#include "scomm/link/compare.h"

/* Cheap facts about a pair of strings that bound the costly measures:
 * their lengths and the size of the multiset intersection of their
 * characters (how many characters could be matched at all). */
typedef struct pair_prof {
    size_t la, lb, common;
} pair_prof;

static void profile(const char *a, size_t la, const char *b, size_t lb,
                    pair_prof *p)
{
    unsigned char cnt[256]; /* only entries of a's and b's bytes are used */
    const unsigned char *x;

    p->la = la;
    p->lb = lb;
    p->common = 0;
    for (x = (const unsigned char *)a; *x; x++)
        cnt[*x] = 0;
    for (x = (const unsigned char *)b; *x; x++)
        cnt[*x] = 0;
    for (x = (const unsigned char *)a; *x; x++)
        if (cnt[*x] < 255)
            cnt[*x]++;
    for (x = (const unsigned char *)b; *x; x++)
        if (cnt[*x] > 0) {
            cnt[*x]--;
            p->common++;
        }
}

/* An upper bound of Jaro-Winkler: Jaro counts at most `common` matches,
 * and the prefix boost adds at most 0.4 of what Jaro leaves. */
static double jw_bound(const pair_prof *p)
{
    double j;

    if (p->la == 0 || p->lb == 0)
        return 0;
    j = ((double)p->common / (double)p->la +
         (double)p->common / (double)p->lb + 1.0) / 3.0;
    return j + 0.4 * (1.0 - j);
}

/* Jaro-Winkler when it can reach `floor`, else 0. */
static double jw_at_least(const char *a, const char *b, const pair_prof *p,
                          double floor)
{
    if (jw_bound(p) < floor)
        return 0;
    return sc_jaro_winkler(a, b, 0);
}

/* Whether the Damerau-Levenshtein distance of a and b is at most k.  The
 * bag distance (the larger count of characters without a partner) never
 * exceeds it, nor does the length difference. */
static int dl_within(const char *a, const char *b, const pair_prof *p,
                     int k)
{
    size_t bag = (p->la > p->lb ? p->la : p->lb) - p->common;

    if ((p->la > p->lb ? p->la - p->lb : p->lb - p->la) > (size_t)k ||
        bag > (size_t)k)
        return 0;
    return sc_damerau_levenshtein(a, b) <= k;
}

/* Splits s into at most max words (pointers and lengths). */
static int words(const char *s, const char **w, size_t *wl, int max)
{
    int n = 0;

    while (*s && n < max) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        w[n] = s;
        while (*s && *s != ' ')
            s++;
        wl[n] = (size_t)(s - w[n]);
        n++;
    }
    return n;
}

/* Whether a and b have a word of two letters or more in common. */
static int share_word(const char *a, const char *b)
{
    const char *wa[8], *wb[8];
    size_t la[8], lb[8];
    int na, nb;

    if (!strchr(a, ' ') && !strchr(b, ' '))
        return 0;
    na = words(a, wa, la, 8);
    nb = words(b, wb, lb, 8);
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (la[i] >= 2 && la[i] == lb[j] &&
                memcmp(wa[i], wb[j], la[i]) == 0)
                return 1;
    return 0;
}

/* Jaccard similarity of the sets of words of a and b. */
static double word_jaccard(const char *a, const char *b)
{
    const char *wa[16], *wb[16];
    size_t la[16], lb[16];
    int na = words(a, wa, la, 16), nb = words(b, wb, lb, 16);
    int inter = 0, ua = 0, ub = 0;

    /* Distinct words only: count a word at its first occurrence. */
    for (int i = 0; i < na; i++) {
        int dup = 0, hit = 0;
        for (int k = 0; k < i && !dup; k++)
            dup = la[k] == la[i] && memcmp(wa[k], wa[i], la[i]) == 0;
        if (dup)
            continue;
        ua++;
        for (int j = 0; j < nb && !hit; j++)
            hit = la[i] == lb[j] && memcmp(wa[i], wb[j], la[i]) == 0;
        inter += hit;
    }
    for (int j = 0; j < nb; j++) {
        int dup = 0;
        for (int k = 0; k < j && !dup; k++)
            dup = lb[k] == lb[j] && memcmp(wb[k], wb[j], lb[j]) == 0;
        ub += !dup;
    }
    if (ua + ub - inter == 0)
        return 0;
    return (double)inter / (double)(ua + ub - inter);
}

static int is_ymd(const char *s)
{
    if (strlen(s) != 8)
        return 0;
    for (int i = 0; i < 8; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int name_level(const char *a, size_t la, const char *b, size_t lb,
                      const char *bp, size_t lbp)
{
    pair_prof p;
    double jw;

    profile(a, la, b, lb, &p);
    jw = jw_at_least(a, b, &p, 0.85);
    if (jw >= 0.92)
        return 1;
    if (jw >= 0.85)
        return 2;
    if (dl_within(a, b, &p, 2))
        return 3;
    if (bp && bp[0]) {
        /* Written in the partner's place, itself perhaps altered (a
         * typo, a surname dropped): any of the name rungs above. */
        pair_prof q;
        profile(a, la, bp, lbp, &q);
        if ((la == lbp && memcmp(a, bp, la) == 0) ||
            jw_at_least(a, bp, &q, 0.85) >= 0.85 || share_word(a, bp))
            return 4;
    }
    if (share_word(a, b))
        return 5;
    return 6;
}

static int date_level(const char *a, size_t la, const char *b, size_t lb)
{
    int ya = la == 8 && is_ymd(a), yb = lb == 8 && is_ymd(b);
    pair_prof p;

    profile(a, la, b, lb, &p);
    if (dl_within(a, b, &p, 1))
        return 1;
    /* Day and month swapped: YYYYMMDD against YYYYDDMM. */
    if (ya && yb && memcmp(a, b, 4) == 0 && memcmp(a + 4, b + 6, 2) == 0 &&
        memcmp(a + 6, b + 4, 2) == 0)
        return 1;
    if (dl_within(a, b, &p, 2))
        return 2;
    if (ya && yb && memcmp(a, b, 4) == 0)
        return 3;
    return 4;
}

static int id_level(const char *a, size_t la, const char *b, size_t lb)
{
    pair_prof p;

    profile(a, la, b, lb, &p);
    if (dl_within(a, b, &p, 1))
        return 1;
    return dl_within(a, b, &p, 2) ? 2 : 3;
}

static int number_level(const char *a, size_t la, const char *b, size_t lb,
                        double na, double nb)
{
    pair_prof p;

    if (!isnan(na) && !isnan(nb) && na == nb)
        return 0;
    profile(a, la, b, lb, &p);
    if (dl_within(a, b, &p, 1))
        return 1;
    if (!isnan(na) && !isnan(nb)) {
        double m = fabs(na) > fabs(nb) ? fabs(na) : fabs(nb);
        if (fabs(na - nb) <= 0.1 * m)
            return 2;
    }
    return 3;
}

static int text_level(const char *a, size_t la, const char *b, size_t lb)
{
    pair_prof p;
    double jw;

    profile(a, la, b, lb, &p);
    jw = jw_at_least(a, b, &p, 0.80);
    if (jw >= 0.92)
        return 1;
    if ((memchr(a, ' ', la) || memchr(b, ' ', lb)) &&
        word_jaccard(a, b) >= 0.5)
        return 2;
    if (jw >= 0.80)
        return 3;
    return 4;
}

int link_level(int kind, const char *a, size_t la, const char *b,
               size_t lb, double na, double nb, const char *bp,
               size_t lbp)
{
    if (la == 0 || lb == 0)
        return SC_LINK_NULL;
    if (la == lb && memcmp(a, b, la) == 0)
        return 0;
    switch (kind) {
    case SC_LINK_NAME:
        return name_level(a, la, b, lb, bp, lbp);
    case SC_LINK_DATE:
        return date_level(a, la, b, lb);
    case SC_LINK_ID:
        return id_level(a, la, b, lb);
    case SC_LINK_NUMBER:
        return number_level(a, la, b, lb, na, nb);
    case SC_LINK_TEXT:
        return text_level(a, la, b, lb);
    case SC_LINK_CATEGORY:
    default:
        return 1;
    }
}

uint64_t link_compare(const sc_link_spec *spec, const link_rec *a,
                      const link_rec *b)
{
    uint64_t g = 0;

    for (size_t f = 0; f < spec->nfields; f++) {
        const sc_link_field *fd = &spec->fields[f];
        int p = fd->partner;
        int l = link_level(fd->kind, a->v[f], a->len[f], b->v[f], b->len[f],
                           a->num[f], b->num[f], p >= 0 ? b->v[p] : NULL,
                           p >= 0 ? b->len[p] : 0);
        g |= (uint64_t)l << (4 * f);
    }
    return g;
}
