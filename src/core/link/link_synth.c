/*
 * link_synth.c - synthetic linkage data with a known truth, for tests,
 * benchmarks and the accuracy figures of docs/linkage.md.
 *
 * Two generators:
 *
 *   people  records written from scomm's own name model: a true name
 *           drawn by tradition (sc_name_draw), written down once per
 *           record with the clerks' noise (sc_name_record: typos, order
 *           swaps, a dropped Hispanic surname, another romanization of
 *           an Arabic name) and a mis-keyed date of birth now and then
 *           (sc_dob_miskey).  This is how the simulation's registries
 *           and bookings write names, so it is the data the review
 *           stage will search.
 *
 *   febrl   records generated as FEBRL's data set generator generates
 *           them (Christen 2005; dsgen/generate.py of FEBRL 0.4.2): the
 *           same fields, the same per-field probabilities of being
 *           chosen for a modification and of each kind of modification
 *           (insert, delete, substitute or transpose a character, a
 *           misspelling, a new value, swapped words, an inserted or
 *           deleted space, a missing value), keyboard-neighbour
 *           substitutions, errors placed around the middle of a value,
 *           swaps between field pairs, and exactly max_rec modifications
 *           per duplicate.  Its frequency tables are not ours to copy,
 *           so names come from scomm's pool and streets and suburbs are
 *           built from pool words; misspellings are sound-alike
 *           rewrites.  A modification that cannot apply (a word swap in
 *           a one-word value) is spent without effect, as in FEBRL.
 *
 * Each entity draws from its own stream (seed, SC_STAGE_LINK, purpose)
 * split by entity, so a data set is a pure function of its seed and size.
 *
 * Workload: up to a million records per call, for benchmarks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "scomm/names.h"
#include "scomm/rng.h"

/* --- shared helpers ------------------------------------------------------- */

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

static void permute(uint32_t *perm, size_t n, sc_rng *r)
{
    for (size_t i = 0; i < n; i++)
        perm[i] = (uint32_t)i;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)sc_rng_below(r, i);
        uint32_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
}

/* --- people --------------------------------------------------------------- */

const char *const *sc_link_synth_people_columns(void)
{
    static const char *const cols[] = { "rec_id", "given_name",
                                        "family_name", "date_of_birth",
                                        "sex", "birth_country", NULL };
    return cols;
}

void sc_link_synth_noise_default(sc_link_synth_noise *n)
{
    n->typo = 0.03;
    n->order_swap = 0.02;
    n->one_surname = 0.4;
    n->translit = 0.4;
    n->dob_error = 0.01;
    n->missing = 0.02;
}

typedef struct person_row {
    char given[SC_NAME_MAX];
    char family[SC_NAME_MAX];
    sc_date dob;          /* SC_DATE_NEVER: missing */
    int8_t sex;           /* 0 M, 1 F, -1 missing */
    int8_t country;       /* index into countries, -1 missing */
    uint32_t entity;
} person_row;

static const char *const countries[] = {
    "US", "CA", "GB", "IE", "MX", "SV", "GT", "HN", "CU", "DO", "CO",
    "CN", "KR", "VN", "PH", "JP", "IN", "PK", "BD", "EG", "IQ", "SY",
    "LB", "JO", "YE"
};

/* The country of birth by tradition: a small list for each. */
static int draw_country(sc_rng *r, int tradition)
{
    static const int first[SC_TRAD_COUNT] = { 0, 4, 11, 16, 19 };
    static const int count[SC_TRAD_COUNT] = { 4, 7, 5, 3, 6 };
    int t = tradition >= 0 && tradition < SC_TRAD_COUNT ? tradition : 0;

    if (t == SC_TRAD_ANGLO && sc_rng_bernoulli(r, 0.9))
        return 0;
    if (t != SC_TRAD_ANGLO && sc_rng_bernoulli(r, 0.3))
        return 0; /* born in the United States */
    return first[t] + (int)sc_rng_below(r, (uint64_t)count[t]);
}

int sc_link_synth_people(uint64_t seed, size_t records,
                         const sc_link_synth_noise *noise,
                         sc_link_table **out, uint32_t **entity)
{
    static const double trad_w[SC_TRAD_COUNT] = { 0.62, 0.19, 0.07, 0.05,
                                                  0.07 };
    static const double k_w[4] = { 0.4, 0.3, 0.2, 0.1 };
    sc_name_noise nn;
    person_row *rows;
    uint32_t *perm = NULL, *ent = NULL;
    sc_link_table *t = NULL;
    sc_rng base, shuf;
    size_t n = 0;
    uint32_t e = 0;
    int rc = SC_ENOMEM;

    *out = NULL;
    *entity = NULL;
    nn.typo = noise->typo;
    nn.order_swap = noise->order_swap;
    nn.one_surname = noise->one_surname;
    nn.translit = noise->translit;
    rows = malloc((records ? records : 1) * sizeof *rows);
    if (!rows)
        return SC_ENOMEM;
    sc_rng_init(&base, seed, SC_STAGE_LINK, LINK_STREAM_SYNTH_PEOPLE);
    while (n < records) {
        sc_rng r = sc_rng_split(&base, e);
        int trad = (int)sc_rng_pick(&r, trad_w, SC_TRAD_COUNT);
        int female = sc_rng_bernoulli(&r, 0.5);
        int year = 1940 + (int)sc_rng_below(&r, 63);
        sc_date start = sc_date_from_ymd(year, 1, 1);
        sc_date dob = start + (sc_date)sc_rng_below(
                                  &r, (uint64_t)(sc_date_from_ymd(year + 1,
                                                                  1, 1) -
                                                 start));
        int country = draw_country(&r, trad);
        int k = 1 + (int)sc_rng_pick(&r, k_w, 4);
        sc_name name;

        sc_name_draw(&r, trad, female, year, &name);
        for (int j = 0; j < k && n < records; j++, n++) {
            sc_rng sub = sc_rng_split(&r, 100 + (uint64_t)j);
            person_row *p = &rows[n];
            unsigned flags;
            sc_name_record(&sub, &name, &nn, p->given, p->family, &flags);
            p->dob = sc_rng_bernoulli(&sub, noise->dob_error)
                         ? sc_dob_miskey(&sub, dob) : dob;
            p->sex = (int8_t)female;
            p->country = (int8_t)country;
            if (sc_rng_bernoulli(&sub, noise->missing))
                p->given[0] = '\0';
            if (sc_rng_bernoulli(&sub, noise->missing))
                p->dob = SC_DATE_NEVER;
            if (sc_rng_bernoulli(&sub, noise->missing))
                p->sex = -1;
            if (sc_rng_bernoulli(&sub, noise->missing))
                p->country = -1;
            p->entity = e;
        }
        e++;
    }
    perm = malloc((n ? n : 1) * sizeof *perm);
    ent = malloc((n ? n : 1) * sizeof *ent);
    if (!perm || !ent)
        goto done;
    shuf = sc_rng_split(&base, (uint64_t)1 << 40);
    permute(perm, n, &shuf);
    rc = sc_link_table_create(6, &t);
    if (rc < 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const person_row *p = &rows[perm[i]];
        char id[24], dob[16];
        const char *v[6];
        snprintf(id, sizeof id, "p%07zu", i);
        if (p->dob == SC_DATE_NEVER)
            dob[0] = '\0';
        else
            sc_date_format(p->dob, dob);
        v[0] = id;
        v[1] = p->given;
        v[2] = p->family;
        v[3] = dob;
        v[4] = p->sex < 0 ? "" : p->sex ? "F" : "M";
        v[5] = p->country < 0 ? "" : countries[p->country];
        ent[i] = p->entity;
        rc = sc_link_table_add(t, v);
        if (rc < 0)
            goto done;
    }
    *out = t;
    *entity = ent;
    t = NULL;
    ent = NULL;
    rc = 0;
done:
    sc_link_table_destroy(t);
    free(ent);
    free(perm);
    free(rows);
    return rc;
}

/* --- FEBRL-like ----------------------------------------------------------- */

enum { F_GIVEN, F_SURNAME, F_STREETNO, F_ADDR1, F_ADDR2, F_SUBURB,
       F_POSTCODE, F_STATE, F_DOB, F_SSID, F_COUNT };

enum { OP_MISSPELL, OP_INS, OP_DEL, OP_SUB, OP_TRANS, OP_VALSWAP,
       OP_WRDSWAP, OP_SPCINS, OP_SPCDEL, OP_MISS, OP_NEWVAL, OP_COUNT };

#define FV 64 /* room for one value */

/* Settings of FEBRL's generate.py for these fields: probability that a
 * modification picks the field, whether its characters are digits, the
 * share of missing values in originals, and the mix of modifications
 * (misspell, ins, del, sub, trans, val_swap, wrd_swap, spc_ins,
 * spc_del, miss, new_val). */
static const struct febrl_field {
    const char *name;
    double select;
    int digits;
    double op[OP_COUNT];
} ff[F_COUNT] = {
    { "given_name", 0.10, 0,
      { .30, .05, .15, .35, .05, .02, .02, .01, .01, .02, .02 } },
    { "surname", 0.15, 0,
      { .30, .10, .10, .35, .04, .02, .02, .01, .02, .02, .02 } },
    { "street_number", 0.10, 1,
      { 0, .10, .15, .60, .05, .05, .01, 0, 0, .02, .02 } },
    { "address_1", 0.10, 0,
      { 0, .10, .15, .55, .05, .02, .03, .02, .03, .04, .01 } },
    { "address_2", 0.10, 0,
      { 0, .04, .04, .10, .02, .03, .04, .02, .01, .60, .10 } },
    { "suburb", 0.10, 0,
      { .40, .10, .15, .22, .04, .01, .02, .02, .02, .01, .01 } },
    { "postcode", 0.05, 1,
      { 0, 0, 0, .35, .60, .03, 0, 0, 0, .01, .01 } },
    { "state", 0.05, 0,
      { 0, .10, .10, .55, .02, .03, 0, 0, 0, .10, .10 } },
    { "date_of_birth", 0.10, 1,
      { 0, 0, 0, .50, .30, .05, 0, 0, 0, .10, .05 } },
    { "soc_sec_id", 0.05, 1,
      { 0, 0, 0, .50, .40, .10, 0, 0, 0, 0, 0 } },
};

/* The op mix's missing-value share is also the originals' (FEBRL draws
 * originals with each field's miss_prob). */
static double miss_share(int f)
{
    return ff[f].op[OP_MISS];
}

static const char *const street_types[] = {
    "street", "road", "avenue", "place", "crescent", "circuit", "close",
    "court", "drive", "parade", "lane", "way", "terrace", "grove"
};
static const char *const place_kinds[] = {
    "village", "estate", "park", "house", "lodge", "gardens", "manor",
    "flats", "homestead", "retirement village"
};
static const char *const suburb_ends[] = {
    "hills", "park", "heights", "vale", "creek", "beach", "point"
};
static const char *const states[] = { "nsw", "vic", "qld", "wa", "sa",
                                      "tas", "act", "nt" };
static const double state_w[] = { .32, .26, .19, .10, .08, .025, .015,
                                  .01 };

#define WORD_MAX 32

static void pool_word(sc_rng *r, char *out)
{
    uint32_t id = sc_name_draw_family(r, SC_TRAD_ANGLO);
    snprintf(out, WORD_MAX, "%s", sc_name_str(id));
    lower(out);
}

/* A fresh value of field f. */
static void febrl_value(sc_rng *r, int f, char *out)
{
    char w[WORD_MAX];

    out[0] = '\0';
    switch (f) {
    case F_GIVEN:
    case F_SURNAME: {
        sc_name n;
        int trad = sc_rng_bernoulli(r, 0.85)
                       ? SC_TRAD_ANGLO
                       : 1 + (int)sc_rng_below(r, SC_TRAD_COUNT - 1);
        sc_name_draw(r, trad, sc_rng_bernoulli(r, 0.5),
                     1900 + (int)sc_rng_below(r, 100), &n);
        snprintf(out, FV, "%s",
                 sc_name_str(f == F_GIVEN ? n.given : n.family1));
        lower(out);
        break;
    }
    case F_STREETNO: {
        double u = sc_rng_uniform(r);
        int v = u < 0.30 ? 1 + (int)sc_rng_below(r, 9)
              : u < 0.75 ? 10 + (int)sc_rng_below(r, 90)
              : u < 0.97 ? 100 + (int)sc_rng_below(r, 900)
                         : 1000 + (int)sc_rng_below(r, 9000);
        snprintf(out, FV, "%d", v);
        break;
    }
    case F_ADDR1:
        pool_word(r, w);
        snprintf(out, FV, "%s %s", w,
                 street_types[sc_rng_below(r, sizeof street_types /
                                                  sizeof *street_types)]);
        break;
    case F_ADDR2:
        pool_word(r, w);
        snprintf(out, FV, "%s %s", w,
                 place_kinds[sc_rng_below(r, sizeof place_kinds /
                                                 sizeof *place_kinds)]);
        break;
    case F_SUBURB:
        pool_word(r, w);
        if (sc_rng_bernoulli(r, 0.25))
            snprintf(out, FV, "%s %s", w,
                     suburb_ends[sc_rng_below(r, sizeof suburb_ends /
                                                     sizeof *suburb_ends)]);
        else
            snprintf(out, FV, "%s", w);
        break;
    case F_POSTCODE:
        snprintf(out, FV, "%04d", 800 + (int)sc_rng_below(r, 7200));
        break;
    case F_STATE:
        snprintf(out, FV, "%s", states[sc_rng_pick(r, state_w, 8)]);
        break;
    case F_DOB: {
        sc_date lo = sc_date_from_ymd(1900, 1, 1);
        sc_date hi = sc_date_from_ymd(2000, 1, 1);
        int y, m, d;
        sc_date_to_ymd(lo + (sc_date)sc_rng_below(r, (uint64_t)(hi - lo)),
                       &y, &m, &d);
        snprintf(out, FV, "%04d%02d%02d", y, m, d);
        break;
    }
    case F_SSID:
    default:
        snprintf(out, FV, "%d", 1000000 + (int)sc_rng_below(r, 9000000));
        break;
    }
}

/* Where a typing error falls: around the middle of the value, as a
 * rounded normal draw (sd 1) about len/2 + 1, within the value. */
static int error_pos(sc_rng *r, size_t len, int offset)
{
    int maxp = (int)len - 1 + offset;
    int mid = ((int)len + offset) / 2 + 1;
    int p = (int)lround((double)mid + sc_rng_normal(r));

    if (p < 0)
        p = 0;
    return p < maxp ? p : maxp;
}

/* Keys next to a key on the same row, and in the same column, of a
 * QWERTY keyboard (lower case, and the digit row). */
static const char *row_near(char c)
{
    static const char *const letters[26] = {
        "s", "vn", "xv", "sf", "wr", "dg", "fh", "gj", "uo", "hk", "jl",
        "k", "n", "bm", "ip", "o", "w", "et", "ad", "ry", "yi", "cb",
        "qe", "zc", "tu", "x"
    };
    static const char *const digits[10] = { "9", "2", "13", "24", "35",
                                            "46", "57", "68", "79", "80" };
    if (c >= 'a' && c <= 'z')
        return letters[c - 'a'];
    if (c >= '0' && c <= '9')
        return digits[c - '0'];
    return NULL;
}

static const char *col_near(char c)
{
    static const char *const letters[26] = {
        "qz", "gh", "df", "ec", "d", "rv", "tb", "yn", "k", "un", "im",
        "o", "j", "hj", "l", "l", "a", "f", "wx", "g", "j", "f", "s",
        "sd", "h", "a"
    };
    if (c >= 'a' && c <= 'z')
        return letters[c - 'a'];
    return NULL;
}

static char other_char(sc_rng *r, char c, int digits)
{
    const char *set = digits ? "0123456789" : "abcdefghijklmnopqrstuvwxyz";
    size_t n = strlen(set);
    char x;

    do
        x = set[sc_rng_below(r, n)];
    while (x == c);
    return x;
}

static char typo_char(sc_rng *r, char c, int digits)
{
    double u = sc_rng_uniform(r);
    const char *near = row_near(c);

    if (u < 0.4 && near)
        return near[sc_rng_below(r, strlen(near))];
    if (!digits && u < 0.7 && (near = col_near(c)) != NULL)
        return near[sc_rng_below(r, strlen(near))];
    return other_char(r, c, digits);
}

/* Sound-alike rewrites for misspellings (first occurrence). */
static const char *const respell[][2] = {
    { "ph", "f" }, { "f", "ph" }, { "ck", "k" }, { "c", "k" },
    { "k", "c" }, { "ie", "y" }, { "y", "ie" }, { "ee", "ea" },
    { "ou", "ow" }, { "s", "z" }, { "z", "s" }, { "ll", "l" },
    { "tt", "t" }, { "nn", "n" }, { "ey", "y" }, { "th", "t" },
    { "ai", "ay" }, { "i", "y" }
};

static void misspell(sc_rng *r, char *v)
{
    int ok[sizeof respell / sizeof *respell], n = 0;
    size_t k = sizeof respell / sizeof *respell;

    for (size_t i = 0; i < k; i++)
        if (strstr(v, respell[i][0]))
            ok[n++] = (int)i;
    if (n == 0)
        return;
    {
        int i = ok[sc_rng_below(r, (uint64_t)n)];
        char *p = strstr(v, respell[i][0]);
        size_t ol = strlen(respell[i][0]), nl = strlen(respell[i][1]);
        size_t len = strlen(v);
        if (len - ol + nl + 1 > FV)
            return;
        memmove(p + nl, p + ol, strlen(p + ol) + 1);
        memcpy(p, respell[i][1], nl);
    }
}

static void modify(sc_rng *r, int f, int op, char *v)
{
    size_t len = strlen(v);
    int p;

    switch (op) {
    case OP_MISSPELL:
        if (len)
            misspell(r, v);
        break;
    case OP_INS:
        if (len && len + 2 < FV) {
            p = error_pos(r, len, 1);
            memmove(v + p + 1, v + p, len - (size_t)p + 1);
            v[p] = other_char(r, '\0', ff[f].digits);
        }
        break;
    case OP_DEL:
        if (len > 1) {
            p = error_pos(r, len, 0);
            memmove(v + p, v + p + 1, len - (size_t)p);
        }
        break;
    case OP_SUB:
        if (len) {
            p = error_pos(r, len, 0);
            v[p] = typo_char(r, v[p], ff[f].digits);
        }
        break;
    case OP_TRANS:
        if (len > 1) {
            char t;
            p = error_pos(r, len, -1);
            t = v[p];
            v[p] = v[p + 1];
            v[p + 1] = t;
        }
        break;
    case OP_VALSWAP:
        if (len)
            febrl_value(r, f, v);
        break;
    case OP_WRDSWAP: {
        char *sp = strchr(v, ' ');
        if (sp) {
            char tmp[FV];
            const char *w[8];
            size_t wl[8];
            int nw = 0, i;
            const char *s = v;
            while (*s && nw < 8) {
                w[nw] = s;
                wl[nw] = strcspn(s, " ");
                s += wl[nw];
                nw++;
                while (*s == ' ')
                    s++;
            }
            i = nw > 2 ? (int)sc_rng_below(r, (uint64_t)(nw - 1)) : 0;
            tmp[0] = '\0';
            for (int j = 0; j < nw; j++) {
                int src = j == i ? i + 1 : j == i + 1 ? i : j;
                size_t tl = strlen(tmp);
                snprintf(tmp + tl, sizeof tmp - tl, "%s%.*s",
                         j ? " " : "", (int)wl[src], w[src]);
            }
            memcpy(v, tmp, strlen(tmp) + 1);
        }
        break;
    }
    case OP_SPCINS:
        if (len > 1 && len + 2 < FV) {
            p = error_pos(r, len, -1);
            if (p < 1)
                p = 1;
            memmove(v + p + 1, v + p, len - (size_t)p + 1);
            v[p] = ' ';
        }
        break;
    case OP_SPCDEL: {
        char *sp = strchr(v, ' ');
        if (sp)
            memmove(sp, sp + 1, strlen(sp));
        break;
    }
    case OP_MISS:
        v[0] = '\0';
        break;
    case OP_NEWVAL:
    default:
        if (!len)
            febrl_value(r, f, v);
        break;
    }
}

static void febrl_duplicate(sc_rng *r, char (*v)[FV], int max_field,
                            int max_rec)
{
    static const int swaps[3][2] = { { F_ADDR1, F_ADDR2 },
                                     { F_GIVEN, F_SURNAME },
                                     { F_POSTCODE, F_SUBURB } };
    static const double swap_p[3] = { 0.02, 0.05, 0.01 };
    double sel[F_COUNT];
    int fcount[F_COUNT] = { 0 };
    int count = 0, order[3] = { 0, 1, 2 };

    for (int f = 0; f < F_COUNT; f++)
        sel[f] = ff[f].select;
    if (max_rec > 1) {
        for (int i = 2; i > 0; i--) {
            int j = (int)sc_rng_below(r, (uint64_t)i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < 3; i++) {
            int x = swaps[order[i]][0], y = swaps[order[i]][1];
            if (sc_rng_uniform(r) <= swap_p[order[i]] &&
                count <= max_rec - 2 && v[x][0] && v[y][0]) {
                char t[FV];
                memcpy(t, v[x], FV);
                memcpy(v[x], v[y], FV);
                memcpy(v[y], t, FV);
                count += 2;
                fcount[x]++;
                fcount[y]++;
            }
        }
    }
    while (count < max_rec) {
        int f, n;
        do
            f = (int)sc_rng_pick(r, sel, F_COUNT);
        while (fcount[f] >= max_field);
        n = max_field == 1 ? 1 : 1 + (int)sc_rng_below(r, (uint64_t)max_field);
        if (n > max_rec - count)
            n = max_rec - count;
        if (n > max_field - fcount[f])
            n = max_field - fcount[f];
        for (int i = 0; i < n; i++) {
            int op = (int)sc_rng_pick(r, ff[f].op, OP_COUNT);
            modify(r, f, op, v[f]);
        }
        count += n;
        fcount[f] += n;
    }
}

static int add_rows(sc_link_table *t, char (*vals)[F_COUNT][FV],
                    char (*ids)[32], const uint32_t *src,
                    const uint32_t *ents, size_t n, uint32_t *ent_out)
{
    const char *v[F_COUNT + 1];

    for (size_t i = 0; i < n; i++) {
        v[0] = ids[src[i]];
        for (int f = 0; f < F_COUNT; f++)
            v[f + 1] = vals[src[i]][f];
        ent_out[i] = ents[src[i]];
        if (sc_link_table_add(t, v) < 0)
            return SC_ENOMEM;
    }
    return 0;
}

const char *const *sc_link_synth_febrl_columns(void)
{
    static const char *const cols[] = {
        "rec_id", "given_name", "surname", "street_number", "address_1",
        "address_2", "suburb", "postcode", "state", "date_of_birth",
        "soc_sec_id", NULL
    };
    return cols;
}

int sc_link_synth_febrl(uint64_t seed, size_t n_orig, size_t n_dup,
                        int max_field, int max_rec, int split,
                        sc_link_table **a, uint32_t **ent_a,
                        sc_link_table **b, uint32_t **ent_b)
{
    size_t n = n_orig + n_dup, i;
    char (*vals)[F_COUNT][FV] = NULL;
    char (*ids)[32] = NULL;
    uint32_t *ents = NULL, *perm = NULL, *order = NULL, *ea = NULL,
             *eb = NULL;
    sc_link_table *ta = NULL, *tb = NULL;
    sc_rng base, r;
    int rc = SC_ENOMEM;

    *a = NULL;
    *ent_a = NULL;
    if (b)
        *b = NULL;
    if (ent_b)
        *ent_b = NULL;
    if (n_dup > n_orig || max_field < 1 || max_rec < 1 ||
        max_rec > max_field * F_COUNT || (split && (!b || !ent_b)))
        return SC_EINVAL;
    vals = malloc((n ? n : 1) * sizeof *vals);
    ids = malloc((n ? n : 1) * sizeof *ids);
    ents = malloc((n ? n : 1) * sizeof *ents);
    perm = malloc((n_orig ? n_orig : 1) * sizeof *perm);
    order = malloc((n ? n : 1) * sizeof *order);
    if (!vals || !ids || !ents || !perm || !order)
        goto done;
    sc_rng_init(&base, seed, SC_STAGE_LINK, LINK_STREAM_SYNTH_FEBRL);
    for (i = 0; i < n_orig; i++) {
        r = sc_rng_split(&base, i);
        for (int f = 0; f < F_COUNT; f++) {
            if (sc_rng_bernoulli(&r, miss_share(f)))
                vals[i][f][0] = '\0';
            else
                febrl_value(&r, f, vals[i][f]);
        }
        snprintf(ids[i], sizeof ids[i], "rec-%zu-org", i);
        ents[i] = (uint32_t)i;
    }
    /* Which originals get a duplicate. */
    r = sc_rng_split(&base, (uint64_t)1 << 40);
    permute(perm, n_orig, &r);
    for (i = 0; i < n_dup; i++) {
        size_t o = perm[i], d = n_orig + i;
        r = sc_rng_split(&base, ((uint64_t)1 << 41) + o);
        memcpy(vals[d], vals[o], sizeof vals[d]);
        febrl_duplicate(&r, vals[d], max_field, max_rec);
        snprintf(ids[d], sizeof ids[d], "rec-%zu-dup-0", o);
        ents[d] = (uint32_t)o;
    }
    r = sc_rng_split(&base, ((uint64_t)1 << 40) + 1);
    if (split) {
        permute(order, n_orig, &r);
        if (sc_link_table_create(F_COUNT + 1, &ta) < 0 ||
            sc_link_table_create(F_COUNT + 1, &tb) < 0)
            goto done;
        ea = malloc((n_orig ? n_orig : 1) * sizeof *ea);
        eb = malloc((n_dup ? n_dup : 1) * sizeof *eb);
        if (!ea || !eb)
            goto done;
        if (add_rows(ta, vals, ids, order, ents, n_orig, ea) < 0)
            goto done;
        permute(order, n_dup, &r);
        for (i = 0; i < n_dup; i++)
            order[i] += (uint32_t)n_orig;
        if (add_rows(tb, vals, ids, order, ents, n_dup, eb) < 0)
            goto done;
    } else {
        permute(order, n, &r);
        if (sc_link_table_create(F_COUNT + 1, &ta) < 0)
            goto done;
        ea = malloc((n ? n : 1) * sizeof *ea);
        if (!ea || add_rows(ta, vals, ids, order, ents, n, ea) < 0)
            goto done;
    }
    *a = ta;
    *ent_a = ea;
    if (split) {
        *b = tb;
        *ent_b = eb;
    }
    ta = tb = NULL;
    ea = eb = NULL;
    rc = 0;
done:
    sc_link_table_destroy(ta);
    sc_link_table_destroy(tb);
    free(ea);
    free(eb);
    free(vals);
    free(ids);
    free(ents);
    free(perm);
    free(order);
    return rc;
}
