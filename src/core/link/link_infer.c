/*
 * link_infer.c - guessing how to compare a column from its name and its
 * contents.
 *
 * The name gives hints (a column called "dob" is probably a date, one
 * called "postcode" an identifier-like code); the contents decide: what
 * share of the values parse as dates, are numbers, are letters only,
 * how many distinct values there are and how much of the column its 30
 * most frequent values cover.  The rules are a short decision list,
 * written out in sc_link_infer_kind and in docs/linkage.md.
 *
 * Workload: once per column per job, on at most 50,000 rows (a regular
 * stride through longer tables).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

#define INFER_ROWS 50000
#define TOP_VALUES 30

/* Whether the lower-cased name contains one of the words (as a token
 * between non-letters, or, with `sub`, anywhere). */
static int name_has(const char *name, const char *const *words, int sub)
{
    char low[SC_LINK_NAME_MAX * 2];
    size_t n = 0;

    for (const char *p = name; *p && n + 1 < sizeof low; p++)
        low[n++] = (char)tolower((unsigned char)*p);
    low[n] = '\0';
    for (int i = 0; words[i]; i++) {
        size_t wl = strlen(words[i]);
        for (const char *p = strstr(low, words[i]); p;
             p = strstr(p + 1, words[i])) {
            int left = p == low || !isalpha((unsigned char)p[-1]);
            int right = !isalpha((unsigned char)p[wl]);
            if (sub || (left && right))
                return 1;
        }
    }
    return 0;
}

static const char *const hint_date[] = { "date", "dob", "birthdate",
                                         "birthday", "born", NULL };
static const char *const hint_birth[] = { "birth", NULL };
static const char *const hint_place[] = { "place", "country", "city",
                                          "town", "state", "pob", "cob",
                                          "nation", NULL };
static const char *const hint_name[] = { "name", "given", "first", "last",
                                         "surname", "family", "forename",
                                         "middle", "fname", "lname",
                                         "maiden", NULL };
static const char *const hint_text[] = { "address", "addr", "street",
                                         "suburb", "city", "town",
                                         "locality", "place", "county",
                                         "road", "residence", NULL };
static const char *const hint_id_tok[] = { "id", "zip", "tel", "fin",
                                           "anum", "code", "npi", "tin",
                                           "email", "ssid", NULL };
static const char *const hint_id_sub[] = { "ssn", "passport", "licence",
                                           "license", "zipcode",
                                           "postcode", "postal", "phone",
                                           "mobile", NULL };
static const char *const hint_num[] = { "number", "num", "no", "nr",
                                        NULL };
static const char *const hint_cat[] = { "sex", "gender", "state",
                                        "country", "status", "race",
                                        "ethnicity", "type", "category",
                                        "class", "region", NULL };

typedef struct col_stats {
    size_t rows, nonempty;
    size_t date_ok, numeric, digits, alpha, alnum_tight, has_digit;
    size_t len_sum, word_sum;
    size_t fixed_len;     /* length shared by all digit-only values, or 0 */
    size_t distinct;
    double top_cover;     /* share of values among the 30 most frequent */
} col_stats;

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static int cmp_size_desc(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a > b ? -1 : a < b;
}

static int date_like(const char *v)
{
    char d[SC_LINK_VALUE_MAX];
    int m, day;

    if (sc_link_normalize(SC_LINK_DATE, v, d, sizeof d) != 8)
        return 0;
    for (int i = 0; i < 8; i++)
        if (!isdigit((unsigned char)d[i]))
            return 0;
    if (memcmp(d, "18", 2) && memcmp(d, "19", 2) && memcmp(d, "20", 2))
        return 0;
    m = (d[4] - '0') * 10 + (d[5] - '0');
    day = (d[6] - '0') * 10 + (d[7] - '0');
    return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

static int gather(const sc_link_table *t, size_t col, col_stats *st)
{
    size_t n = sc_link_table_rows(t), stride, k = 0;
    uint64_t *h;
    size_t *runs;
    int fixed_set = 0;

    memset(st, 0, sizeof *st);
    stride = n > INFER_ROWS ? n / INFER_ROWS : 1;
    h = malloc((n / stride + 1) * sizeof *h);
    if (!h)
        return SC_ENOMEM;
    for (size_t r = 0; r < n; r += stride) {
        const char *v = sc_link_table_value(t, r, col);
        size_t len = 0, words = 0, ndig = 0, nalpha = 0, nspace = 0;
        int inword = 0, other = 0;
        char *end;

        st->rows++;
        while (*v == ' ')
            v++;
        if (!*v)
            continue;
        st->nonempty++;
        for (const char *p = v; *p; p++) {
            unsigned char c = (unsigned char)*p;
            len++;
            if (isdigit(c))
                ndig++;
            else if (isalpha(c) || c >= 0x80)
                nalpha++;
            else if (c == ' ')
                nspace++;
            else if (c != '\'' && c != '-' && c != '.')
                other = 1;
            if (c != ' ' && !inword)
                words++;
            inword = c != ' ';
        }
        st->len_sum += len;
        st->word_sum += words;
        if (date_like(v))
            st->date_ok++;
        (void)strtod(v, &end);
        while (*end == ' ')
            end++;
        if (end != v && !*end && (isdigit((unsigned char)v[0]) ||
                                  v[0] == '-' || v[0] == '.'))
            st->numeric++;
        if (ndig == len - nspace && nspace == 0) {
            st->digits++;
            if (!fixed_set) {
                st->fixed_len = len;
                fixed_set = 1;
            } else if (st->fixed_len != len) {
                st->fixed_len = 0;
            }
        }
        if (ndig == 0 && !other)
            st->alpha++;
        if (nspace == 0 && !other && ndig + nalpha == len)
            st->alnum_tight++;
        if (ndig)
            st->has_digit++;
        h[k++] = link_hash(v, strlen(v));
    }
    qsort(h, k, sizeof *h, cmp_u64);
    runs = malloc((k + 1) * sizeof *runs);
    if (!runs) {
        free(h);
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && h[j] == h[i])
            j++;
        runs[st->distinct++] = j - i;
        i = j;
    }
    qsort(runs, st->distinct, sizeof *runs, cmp_size_desc);
    {
        size_t top = 0;
        for (size_t i = 0; i < st->distinct && i < TOP_VALUES; i++)
            top += runs[i];
        st->top_cover = k ? (double)top / (double)k : 0;
    }
    free(runs);
    free(h);
    return 0;
}

int sc_link_infer_kind(const char *name, const sc_link_table *t,
                       size_t col)
{
    col_stats st;
    double ne, date_frac;
    int h_date, h_name, h_text, h_id, h_num, h_cat;

    if (gather(t, col, &st) < 0)
        return -1;
    if (st.nonempty == 0 || (st.distinct <= 1 && st.nonempty > 1))
        return -1;
    ne = (double)st.nonempty;
    date_frac = st.date_ok / ne;
    h_date = name_has(name, hint_date, 1) ||
             (name_has(name, hint_birth, 1) &&
              !name_has(name, hint_place, 1));
    h_name = name_has(name, hint_name, 1);
    h_text = name_has(name, hint_text, 1);
    h_id = name_has(name, hint_id_tok, 0) || name_has(name, hint_id_sub, 1);
    h_num = name_has(name, hint_num, 0);
    h_cat = name_has(name, hint_cat, 0);

    if ((h_date && date_frac >= 0.5) || date_frac >= 0.9)
        return SC_LINK_DATE;
    /* Few values, each repeated: a category.  (A short file of names
     * has few values too, but hardly repeated.) */
    if (st.nonempty >= 20 && st.distinct <= TOP_VALUES * 4 &&
        ((st.top_cover >= 0.95 && st.distinct * 3 <= st.nonempty) ||
         (h_cat && st.top_cover >= 0.8)))
        return SC_LINK_CATEGORY;
    if (h_id && st.alnum_tight >= 0.8 * ne)
        return SC_LINK_ID;
    if (st.numeric >= 0.95 * ne) {
        if (h_num && st.distinct >= 0.5 * ne)
            return SC_LINK_ID;
        if (st.digits >= 0.95 * ne && st.fixed_len >= 5 &&
            st.distinct >= 0.9 * ne)
            return SC_LINK_ID;
        return SC_LINK_NUMBER;
    }
    if (h_name && !h_text && st.alpha >= 0.8 * ne)
        return SC_LINK_NAME;
    if (h_text)
        return SC_LINK_TEXT;
    if (st.alnum_tight >= 0.9 * ne && st.has_digit >= 0.5 * ne &&
        st.distinct >= 0.5 * ne)
        return SC_LINK_ID;
    if (st.alpha >= 0.9 * ne && st.word_sum <= 2.5 * ne &&
        st.len_sum <= 16 * ne)
        return SC_LINK_NAME;
    return SC_LINK_TEXT;
}

int sc_link_infer_is_id(const char *name, const sc_link_table *t,
                        size_t col)
{
    static const char *const ids[] = { "id", "rec_id", "recid",
                                       "record_id", "recordid", "row_id",
                                       "rowid", "uid", "uuid", "key",
                                       "record", "rec", NULL };
    char low[SC_LINK_NAME_MAX];
    size_t n = sc_link_table_rows(t), i, k = 0;
    uint64_t *h;
    int named = 0, ok = 1;

    for (i = 0; name[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[i] = '\0';
    for (i = 0; ids[i]; i++)
        named |= strcmp(low, ids[i]) == 0;
    if (!named && col == 0) {
        size_t l = strlen(low);
        named = l > 3 && strcmp(low + l - 3, "_id") == 0;
    }
    if (!named || n == 0)
        return 0;
    h = malloc(n * sizeof *h);
    if (!h)
        return 0;
    for (i = 0; i < n && ok; i++) {
        const char *v = sc_link_table_value(t, i, col);
        if (!v[0])
            ok = 0;
        else
            h[k++] = link_hash(v, strlen(v));
    }
    if (ok) {
        qsort(h, k, sizeof *h, cmp_u64);
        for (i = 1; i < k && ok; i++)
            ok = h[i] != h[i - 1];
    }
    free(h);
    return ok;
}

void sc_link_infer_partners(sc_link_spec *s)
{
    static const char *const given[] = { "given", "first", "fore", "fname",
                                         NULL };
    static const char *const family[] = { "sur", "last", "family", "lname",
                                          NULL };
    int g = -1, f = -1, names = 0, n1 = -1, n2 = -1;

    for (size_t i = 0; i < s->nfields; i++) {
        if (s->fields[i].kind != SC_LINK_NAME)
            continue;
        if (s->fields[i].partner >= 0)
            return; /* set by hand */
        names++;
        if (n1 < 0)
            n1 = (int)i;
        else if (n2 < 0)
            n2 = (int)i;
        if (g < 0 && name_has(s->fields[i].name, given, 1))
            g = (int)i;
        else if (f < 0 && name_has(s->fields[i].name, family, 1))
            f = (int)i;
    }
    if (g < 0 || f < 0) {
        if (names != 2)
            return;
        g = n1;
        f = n2;
    }
    s->fields[g].partner = (int8_t)f;
    s->fields[f].partner = (int8_t)g;
}
