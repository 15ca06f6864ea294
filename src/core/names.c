/*
 * names.c - true names by naming tradition, and the ways clerks write
 * them wrongly.
 *
 * The data are the generated tables of build/gen/name_pool.c (declared in
 * names_int.h): a sorted string pool and, per tradition, weighted lists
 * of pool ids with cumulative weights.  A draw is one uniform number and a
 * binary search over a list of at most 88,799 entries; nothing here
 * allocates or keeps state, so every function is safe to call from any
 * thread with its own sc_rng.
 *
 * Workload: the world draws one name per person (3.3 million at the
 * default 1:100 scale, 33 million at 1:10); registries and bookings write
 * names down a few times per person, each writing a handful of short
 * string edits in caller-owned buffers of SC_NAME_MAX bytes.
 */
#include "scomm/names.h"

#include <assert.h>
#include <string.h>

#include "names_int.h"

const char *sc_name_str(uint32_t id)
{
    if (id >= sc_name_pool_n)
        return "";
    return sc_name_pool_strs[id];
}

uint32_t sc_name_pool_size(void)
{
    return sc_name_pool_n;
}

const char *sc_tradition_name(int tradition)
{
    static const char *const names[SC_TRAD_COUNT] = {
        "anglo", "hispanic", "east_asian", "south_asian", "arabic"};
    if (tradition < 0 || tradition >= SC_TRAD_COUNT)
        return "?";
    return names[tradition];
}

/* ---- drawing ---------------------------------------------------------- */

/* The first i with cum[i] > u for u uniform on [0, cum[n-1]): inversion
 * of the cumulative weights, sped up by the list's guide table (Chen and
 * Asau 1974): the table narrows the search to the one or two entries
 * whose interval overlaps u's slot, instead of 17 cache misses over the
 * 88,799 surnames.  The result is exactly the plain binary search's. */
static uint32_t list_pick(const sc_name_list *l, sc_rng *r)
{
    double v = sc_rng_uniform(r);
    double u = v * l->cum[l->n - 1];
    uint32_t k = (uint32_t)(v * l->n_guide);
    uint32_t lo, hi;

    assert(l->n > 0 && k < l->n_guide);
    lo = l->guide[k];
    hi = l->guide[k + 1];
    /* The slot bounds were computed in another program's arithmetic:
     * widen if rounding put u just outside [cum[lo-1], cum[hi]). */
    while (lo > 0 && l->cum[lo - 1] > u)
        lo--;
    while (hi < l->n - 1 && l->cum[hi] <= u)
        hi++;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (l->cum[mid] > u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return l->ids[lo];
}

/* The source (Faker locale) a person of a non-Anglo tradition takes all
 * name parts from, so that a Korean given name goes with a Korean
 * surname. */
static const sc_name_source *source_pick(int tradition, sc_rng *r)
{
    double total = 0, u;
    const sc_name_source *last = NULL;
    uint32_t i;

    for (i = 0; i < sc_name_source_count; i++)
        if (sc_name_sources[i].tradition == tradition)
            total += sc_name_sources[i].share;
    assert(total > 0);
    u = sc_rng_uniform(r) * total;
    for (i = 0; i < sc_name_source_count; i++) {
        const sc_name_source *s = &sc_name_sources[i];
        if (s->tradition != tradition)
            continue;
        last = s;
        if (u < s->share)
            return s;
        u -= s->share;
    }
    return last; /* rounding left u just above the last share */
}

static int valid_tradition(int tradition)
{
    assert(tradition >= 0 && tradition < SC_TRAD_COUNT);
    return tradition >= 0 && tradition < SC_TRAD_COUNT ? tradition
                                                       : SC_TRAD_ANGLO;
}

static int ssa_decade_index(int birth_year)
{
    int d;

    if (birth_year < SC_NAME_SSA_FIRST_DECADE)
        return 0;
    d = (birth_year - SC_NAME_SSA_FIRST_DECADE) / 10;
    return d < SC_NAME_SSA_DECADES ? d : SC_NAME_SSA_DECADES - 1;
}

void sc_name_draw(sc_rng *r, int tradition, int female, int birth_year,
                  sc_name *out)
{
    int sex = female ? 1 : 0;
    const sc_name_source *src;

    tradition = valid_tradition(tradition);
    out->tradition = (uint8_t)tradition;
    out->family2 = SC_NONE;
    if (tradition == SC_TRAD_ANGLO) {
        out->given =
            list_pick(&sc_name_ssa_given[sex][ssa_decade_index(birth_year)],
                      r);
        out->family1 = list_pick(&sc_name_census_surnames, r);
        return;
    }
    src = source_pick(tradition, r);
    out->given = list_pick(&src->given[sex], r);
    out->family1 = list_pick(&src->family, r);
    if (tradition == SC_TRAD_HISPANIC) {
        /* Paternal and maternal surnames of one person differ in the
         * model: equal ones would make the one-surname error invisible.
         * A few redraws, then the next entry, keep the draw bounded. */
        uint32_t f2 = list_pick(&src->family, r);
        int tries = 0;
        while (f2 == out->family1 && ++tries < 16)
            f2 = list_pick(&src->family, r);
        if (f2 == out->family1 && src->family.n > 1) {
            uint32_t i = 0;
            while (src->family.ids[i] != f2)
                i++;
            f2 = src->family.ids[(i + 1) % src->family.n];
        }
        out->family2 = f2;
    }
}

uint32_t sc_name_draw_family(sc_rng *r, int tradition)
{
    tradition = valid_tradition(tradition);
    if (tradition == SC_TRAD_ANGLO)
        return list_pick(&sc_name_census_surnames, r);
    return list_pick(&source_pick(tradition, r)->family, r);
}

/* ---- writing ---------------------------------------------------------- */

/* Copies src into a buffer of cap bytes, truncating, always terminated. */
static void put(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Appends " src" to dst (cap bytes) when it fits whole. */
static void append_word(char *dst, size_t cap, const char *src)
{
    size_t a = strlen(dst), b = strlen(src);

    if (b == 0)
        return;
    if (a == 0) {
        put(dst, cap, src);
        return;
    }
    if (a + 1 + b >= cap)
        return;
    dst[a] = ' ';
    memcpy(dst + a + 1, src, b + 1);
}

void sc_name_format(const sc_name *n, char *given, char *family)
{
    put(given, SC_NAME_MAX, sc_name_str(n->given));
    put(family, SC_NAME_MAX, sc_name_str(n->family1));
    if (n->family2 != SC_NONE)
        append_word(family, SC_NAME_MAX, sc_name_str(n->family2));
}

void sc_name_record(sc_rng *r, const sc_name *n, const sc_name_noise *noise,
                    char *given, char *family, unsigned *flags)
{
    /* Every decision takes one uniform number, drawn up front in a fixed
     * order, and every edit draws from its own sub-stream.  So a record
     * that is typo'd at rate p is typo'd at any rate above p, and
     * raising one rate never changes another kind's decisions or edits:
     * sweeps over a rate compare like with like. */
    double u_one = sc_rng_uniform(r);
    double u_tr_given = sc_rng_uniform(r);
    double u_tr_family = sc_rng_uniform(r);
    double u_swap = sc_rng_uniform(r);
    double u_typo_given = sc_rng_uniform(r);
    double u_typo_family = sc_rng_uniform(r);
    unsigned f = 0;
    sc_rng sub;

    put(given, SC_NAME_MAX, sc_name_str(n->given));
    put(family, SC_NAME_MAX, sc_name_str(n->family1));
    if (n->family2 != SC_NONE) {
        if (n->tradition == SC_TRAD_HISPANIC && u_one < noise->one_surname)
            f |= SC_NOISE_ONE_SURNAME;
        else
            append_word(family, SC_NAME_MAX, sc_name_str(n->family2));
    }
    if (n->tradition == SC_TRAD_ARABIC) {
        if (u_tr_given < noise->translit && given[0]) {
            sub = sc_rng_split(r, 1);
            sc_name_translit(&sub, given, SC_NAME_MAX);
            f |= SC_NOISE_TRANSLIT;
        }
        if (u_tr_family < noise->translit && family[0]) {
            sub = sc_rng_split(r, 2);
            sc_name_translit(&sub, family, SC_NAME_MAX);
            f |= SC_NOISE_TRANSLIT;
        }
    }
    if (u_swap < noise->order_swap) {
        char tmp[SC_NAME_MAX];
        put(tmp, sizeof tmp, given);
        put(given, SC_NAME_MAX, family);
        put(family, SC_NAME_MAX, tmp);
        f |= SC_NOISE_SWAP;
    }
    if (u_typo_given < noise->typo && given[0]) {
        sub = sc_rng_split(r, 3);
        sc_name_typo(&sub, given, SC_NAME_MAX);
        f |= SC_NOISE_TYPO;
    }
    if (u_typo_family < noise->typo && family[0]) {
        sub = sc_rng_split(r, 4);
        sc_name_typo(&sub, family, SC_NAME_MAX);
        f |= SC_NOISE_TYPO;
    }
    if (flags)
        *flags = f;
}

/* ---- keyboard typos ---------------------------------------------------- */

/* Letters next to each letter on a U.S. QWERTY keyboard (same row and
 * the rows above and below). */
static const char *const qwerty_near[26] = {
    "QWSZ",    /* A */ "VGHN",   /* B */ "XDFV",    /* C */
    "WERSFXC", /* D */ "WRSDF",  /* E */ "ERTDGCV", /* F */
    "RTYFHVB", /* G */ "TYUGJBN", /* H */ "UOJKL",  /* I */
    "YUIHKNM", /* J */ "UIOJLM", /* K */ "IOPK",    /* L */
    "NJK",     /* M */ "BHJM",   /* N */ "IPKL",    /* O */
    "OL",      /* P */ "WA",     /* Q */ "ETDFG",   /* R */
    "QWEADZX", /* S */ "RYFGH",  /* T */ "YIHJK",   /* U */
    "CFGB",    /* V */ "QEASD",  /* W */ "ZSDC",    /* X */
    "TUGHJ",   /* Y */ "ASX",    /* Z */
};

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static char near_key(sc_rng *r, char c)
{
    const char *near = qwerty_near[c - 'A'];
    return near[sc_rng_below(r, strlen(near))];
}

/* Deleting s[i] must not leave a word empty (and so a stray space). */
static int deletable(const char *s, size_t len, size_t i)
{
    int left = i > 0 && is_upper(s[i - 1]);
    int right = i + 1 < len && is_upper(s[i + 1]);
    return is_upper(s[i]) && (left || right);
}

enum { EDIT_SUB, EDIT_DEL, EDIT_INS, EDIT_SWAP, EDIT_KINDS };

void sc_name_typo(sc_rng *r, char *s, size_t cap)
{
    /* Shares of the four single-edit kinds (Damerau 1964 found over 80 %
     * of misspellings to be one of them); their split is assumed:
     * substitutions of a neighbouring key most common, then a dropped,
     * an extra and a swapped letter. */
    static const double kind_w[EDIT_KINDS] = {0.40, 0.25, 0.20, 0.15};
    size_t len = strlen(s), i, n_cand[EDIT_KINDS] = {0};
    double w[EDIT_KINDS];
    int kind;

    if (len == 0 || cap < 2)
        return;
    for (i = 0; i < len; i++) {
        if (!is_upper(s[i]))
            continue;
        n_cand[EDIT_SUB]++;
        if (deletable(s, len, i))
            n_cand[EDIT_DEL]++;
        if (len + 1 < cap)
            n_cand[EDIT_INS]++;
        if (i + 1 < len && is_upper(s[i + 1]) && s[i] != s[i + 1])
            n_cand[EDIT_SWAP]++;
    }
    if (n_cand[EDIT_SUB] == 0)
        return; /* no letter to strike */
    for (kind = 0; kind < EDIT_KINDS; kind++)
        w[kind] = n_cand[kind] ? kind_w[kind] : 0.0;
    kind = (int)sc_rng_pick(r, w, EDIT_KINDS);

    /* The k-th candidate position of the chosen kind. */
    {
        uint64_t k = sc_rng_below(r, n_cand[kind]);
        for (i = 0; i < len; i++) {
            int ok = is_upper(s[i]);
            if (kind == EDIT_DEL)
                ok = deletable(s, len, i);
            else if (kind == EDIT_SWAP)
                ok = ok && i + 1 < len && is_upper(s[i + 1]) &&
                     s[i] != s[i + 1];
            if (ok && k-- == 0)
                break;
        }
    }
    assert(i < len);
    switch (kind) {
    case EDIT_SUB:
        s[i] = near_key(r, s[i]);
        break;
    case EDIT_DEL:
        memmove(s + i, s + i + 1, len - i);
        break;
    case EDIT_INS: {
        /* A struck neighbour or a doubled key, typed after s[i]. */
        char c = sc_rng_below(r, 4) == 0 ? s[i] : near_key(r, s[i]);
        memmove(s + i + 2, s + i + 1, len - i);
        s[i + 1] = c;
        break;
    }
    case EDIT_SWAP: {
        char t = s[i];
        s[i] = s[i + 1];
        s[i + 1] = t;
        break;
    }
    default:
        assert(0);
    }
}

/* ---- romanization variants -------------------------------------------- */

/*
 * Arabic has no single romanization: the same name reaches U.S. records
 * spelled by different consulates, airlines and clerks, with English,
 * French or phonetic conventions.  The table holds sets of spellings that
 * alternate in practice; a rule rewrites one occurrence of a member into
 * another member.  Where a rule may fire is limited so that it does not
 * break unrelated names (the AL article only before a long enough
 * remainder, E/A only in a word's last syllable).
 */
enum {
    AT_ANY = 0,
    AT_WORD_START = 1 << 0,
    AT_WORD_END = 1 << 1,
    ONE_WAY = 1 << 2 /* only the first member is rewritten */
};

typedef struct alt_set {
    unsigned where;
    const char *members[8]; /* NULL-terminated */
} alt_set;

static const alt_set alt_sets[] = {
    {AT_WORD_START | AT_WORD_END,
     {"MOHAMMED", "MOHAMED", "MUHAMMAD", "MOHAMMAD", "MUHAMMED", "MOHAMAD",
      "MUHAMAD", NULL}},
    {AT_WORD_START, {"ABDEL", "ABDUL", "ABD AL", "ABD EL", "ABDAL", NULL}},
    {AT_WORD_START | AT_WORD_END,
     {"ABDULLAH", "ABDALLAH", "ABD ALLAH", "ABDULLA", NULL}},
    {AT_WORD_START | AT_WORD_END, {"AHMED", "AHMAD", "AHAMD", NULL}},
    {AT_WORD_START | AT_WORD_END,
     {"HUSSEIN", "HUSSAIN", "HUSAIN", "HUSEIN", "HOSSEIN", NULL}},
    {AT_WORD_START | AT_WORD_END,
     {"YOUSSEF", "YOUSEF", "YUSUF", "YOUSIF", "YUSEF", NULL}},
    {AT_ANY, {"OU", "U", NULL}},
    {AT_ANY, {"OO", "U", NULL}},
    {AT_ANY, {"EE", "I", NULL}},
    {AT_ANY, {"Q", "K", NULL}},
    {AT_WORD_START | ONE_WAY, {"KH", "H", NULL}},
    {AT_ANY | ONE_WAY, {"SH", "CH", NULL}}, /* French: CHERIF */
    {AT_WORD_START, {"J", "DJ", NULL}},      /* French: DJAMEL */
    {AT_ANY | ONE_WAY, {"DH", "Z", NULL}},
    {AT_WORD_END, {"AH", "A", NULL}},
};

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

static int word_start(const char *s, size_t i)
{
    return i == 0 || !is_upper(s[i - 1]);
}

static int word_end(const char *s, size_t j)
{
    return !is_upper(s[j]);
}

/* Letters of the word that starts at s + i. */
static size_t word_len(const char *s, size_t i)
{
    size_t n = 0;
    while (is_upper(s[i + n]))
        n++;
    return n;
}

/* One possible rewrite: replace len bytes at pos by to (to_len bytes). */
typedef struct rewrite {
    size_t pos, len;
    const char *to;
    size_t to_len;
} rewrite;

/* Visits every rewrite that applies to s; calls keep() on each and stops
 * early when it returns nonzero.  Two passes over the same visitor (count,
 * then pick the k-th) avoid storing the candidates. */
typedef int (*rewrite_fn)(const rewrite *w, void *ctx);

static int visit(const char *s, size_t cap, rewrite_fn keep, void *ctx)
{
    size_t len = strlen(s), i, a, m, k;
    static const char *const article[] = {"AL", "AL ", "AL-", "EL", "EL ",
                                          "EL-"};
    rewrite w;

    for (a = 0; a < sizeof alt_sets / sizeof alt_sets[0]; a++) {
        const alt_set *set = &alt_sets[a];
        for (m = 0; set->members[m]; m++) {
            const char *from = set->members[m];
            if ((set->where & ONE_WAY) && m > 0)
                break;
            size_t fl = strlen(from);
            for (i = 0; i + fl <= len; i++) {
                if (memcmp(s + i, from, fl) != 0)
                    continue;
                if ((set->where & AT_WORD_START) && !word_start(s, i))
                    continue;
                if ((set->where & AT_WORD_END) && !word_end(s, i + fl))
                    continue;
                /* A single-letter member must not match inside a longer
                 * member of the same set (U inside OU). */
                if (fl == 1 && set->members[0][0] != from[0] && i > 0 &&
                    s[i - 1] == set->members[0][0])
                    continue;
                for (k = 0; set->members[k]; k++) {
                    if (k == m)
                        continue;
                    w.pos = i;
                    w.len = fl;
                    w.to = set->members[k];
                    w.to_len = strlen(w.to);
                    if (len - fl + w.to_len >= cap)
                        continue;
                    if (keep(&w, ctx))
                        return 1;
                }
            }
        }
    }

    /* The article: joined, spaced, hyphenated; AL or EL.  Only before a
     * remainder of four letters or more, so ALI and ALAA stay whole. */
    for (i = 0; i < len; i++) {
        size_t al = 0, rest;
        if (!word_start(s, i) || i + 2 >= len)
            continue;
        if ((s[i] != 'A' && s[i] != 'E') || s[i + 1] != 'L')
            continue;
        if (s[i + 2] == ' ' || s[i + 2] == '-')
            al = 3;
        else if (is_upper(s[i + 2]))
            al = 2;
        else
            continue;
        rest = word_len(s, i + al);
        if (rest < 4 || (al == 3 && !is_upper(s[i + al])))
            continue;
        for (k = 0; k < sizeof article / sizeof article[0]; k++) {
            size_t tl = strlen(article[k]);
            if (tl == al && memcmp(s + i, article[k], al) == 0)
                continue;
            w.pos = i;
            w.len = al;
            w.to = article[k];
            w.to_len = tl;
            if (len - al + tl >= cap)
                continue;
            if (keep(&w, ctx))
                return 1;
        }
    }

    for (i = 0; i + 1 < len; i++) {
        /* A doubled consonant written single (HASSAN -> HASAN). */
        if (is_upper(s[i]) && !is_vowel(s[i]) && s[i] == s[i + 1]) {
            w.pos = i;
            w.len = 2;
            w.to = s + i; /* the letter itself, once */
            w.to_len = 1;
            if (keep(&w, ctx))
                return 1;
        }
        /* E and A alternate in a word's last syllable: AHMED/AHMAD,
         * HAMED/HAMAD, SAMEH/SAMAH. */
        if ((s[i] == 'E' || s[i] == 'A') && i > 0 && is_upper(s[i - 1]) &&
            !is_vowel(s[i - 1]) && is_upper(s[i + 1]) &&
            !is_vowel(s[i + 1]) && word_end(s, i + 2)) {
            w.pos = i;
            w.len = 1;
            w.to = s[i] == 'E' ? "A" : "E";
            w.to_len = 1;
            if (keep(&w, ctx))
                return 1;
        }
    }
    return 0;
}

static int count_rewrite(const rewrite *w, void *ctx)
{
    (void)w;
    ++*(uint64_t *)ctx;
    return 0;
}

typedef struct pick_ctx {
    uint64_t k;
    rewrite w;
} pick_ctx;

static int pick_rewrite(const rewrite *w, void *ctx)
{
    pick_ctx *p = ctx;
    if (p->k-- > 0)
        return 0;
    p->w = *w;
    return 1;
}

static void apply_rewrite(char *s, const rewrite *w)
{
    char to[SC_NAME_MAX + 8];
    size_t len = strlen(s);

    /* w->to may point into s (the undoubling rule): copy it first. */
    assert(w->to_len < sizeof to);
    memcpy(to, w->to, w->to_len);
    memmove(s + w->pos + w->to_len, s + w->pos + w->len,
            len - w->pos - w->len + 1);
    memcpy(s + w->pos, to, w->to_len);
}

void sc_name_translit(sc_rng *r, char *s, size_t cap)
{
    uint64_t n = 0;
    size_t len = strlen(s), i, n_cons = 0;

    visit(s, cap, count_rewrite, &n);
    if (n > 0) {
        pick_ctx p;
        p.k = sc_rng_below(r, n);
        visit(s, cap, pick_rewrite, &p);
        apply_rewrite(s, &p.w);
        return;
    }
    /* Nothing in the table applies: a consonant written double (undoubling
     * would have been a table rule), as in NABIL -> NABBIL. */
    if (len + 1 >= cap)
        return;
    for (i = 0; i < len; i++)
        if (is_upper(s[i]) && !is_vowel(s[i]))
            n_cons++;
    if (n_cons == 0)
        return;
    {
        uint64_t k = sc_rng_below(r, n_cons);
        for (i = 0; i < len; i++)
            if (is_upper(s[i]) && !is_vowel(s[i]) && k-- == 0)
                break;
        memmove(s + i + 1, s + i, len - i + 1);
    }
}

/* ---- dates ------------------------------------------------------------ */

/* A date written with the digits given, if it is a real calendar date. */
static int real_date(int y, int m, int d, sc_date *out)
{
    int yy, mm, dd;
    sc_date t;

    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    t = sc_date_from_ymd(y, m, d);
    sc_date_to_ymd(t, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return 0;
    *out = t;
    return 1;
}

sc_date sc_dob_miskey(sc_rng *r, sc_date dob)
{
    /* Digit slips: one digit of DD, MM, or the last two of YYYY, one key
     * up or down; at most 2 x 2 x 3 = 12 alternatives. */
    sc_date cand[12];
    int n = 0, y, m, d, field, place, step;

    sc_date_to_ymd(dob, &y, &m, &d);
    if (d <= 12 && m <= 12 && d != m) {
        sc_date t;
        if (real_date(y, d, m, &t))
            return t;
    }
    for (field = 0; field < 3; field++) {
        for (place = 0; place < 2; place++) {
            int unit = place ? 10 : 1;
            int v = field == 0 ? d : field == 1 ? m : y;
            int digit = (v / unit) % 10;
            for (step = -1; step <= 1; step += 2) {
                int nv = v + step * unit;
                sc_date t;
                int ok;
                if (digit + step < 0 || digit + step > 9)
                    continue;
                ok = field == 0   ? real_date(y, m, nv, &t)
                     : field == 1 ? real_date(y, nv, d, &t)
                                  : real_date(nv, m, d, &t);
                if (ok && t != dob) {
                    assert(n < 12);
                    cand[n++] = t;
                }
            }
        }
    }
    if (n == 0)
        return dob + 1; /* cannot happen for a real date; never dob */
    return cand[sc_rng_below(r, (uint64_t)n)];
}

/* ---- keys ------------------------------------------------------------- */

void sc_name_key(const char *s, char *out)
{
    size_t n = 0;

    for (; *s && n + 1 < SC_NAME_MAX; s++) {
        char c = *s;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (is_upper(c))
            out[n++] = c;
    }
    out[n] = '\0';
}
