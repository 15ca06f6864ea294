/*
 * link_prep.c - normalising values and preparing tables for linkage.
 *
 * Every value is normalised once, by its field's kind (names folded to
 * upper-case ASCII with particles dropped, dates to YYYYMMDD, ids to
 * letters and digits, numbers to a canonical decimal), then hashed, and
 * every row's block key is computed for every rule.  A prepared table
 * (link_side) holds per field one arena of NUL-terminated normalised
 * strings with 32-bit offsets, the 64-bit value hashes (0 = empty) and,
 * for NUMBER fields, the parsed numbers.  The index computes the rows'
 * block keys from the prepared values (link_rule_keys) once it needs
 * them.  The comparators then work on short ASCII strings and never
 * normalise again.
 *
 * Rows are prepared in chunks on several threads; each chunk fills its
 * own buffers, which are then joined in chunk order, so the arenas are
 * the same for any number of threads.
 *
 * Workload: once per table per job, up to a few million rows.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "scomm/link/compare.h"

#define CHUNK_ROWS 4096

/* --- normalisation ------------------------------------------------------ */

static size_t put(char *out, size_t cap, size_t len, char c)
{
    if (len + 1 < cap)
        out[len++] = c;
    out[len < cap ? len : cap - 1] = '\0';
    return len;
}

/* Letters and digits only, upper case (ids, codes, non-numeric numbers). */
static size_t norm_id(const char *in, char *out, size_t cap)
{
    char tmp[4 * SC_LINK_VALUE_MAX];
    size_t len = 0;

    sc_fold_ascii(in, tmp, sizeof tmp);
    out[0] = '\0';
    for (const char *p = tmp; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c))
            len = put(out, cap, len, (char)toupper(c));
    }
    return len;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/*
 * Dates become YYYYMMDD when their form is recognised: one group of 8
 * digits (taken as YYYYMMDD when it starts 18, 19 or 20), or three
 * groups: year first (Y-M-D, Y/M/D), or a four-digit year last, then
 * month first with slashes (U.S. M/D/Y) and day first otherwise
 * (D.M.Y, D-M-Y).  Anything else keeps its digits only, so that typed
 * variants still compare by edit distance.  Calendar validity is not
 * checked: a wrong day is still evidence.
 */
static size_t norm_date(const char *in, char *out, size_t cap)
{
    const char *g[4];
    size_t gl[4], ng = 0, nd = 0, len = 0;
    char sep = 0;
    const char *p = in;

    out[0] = '\0';
    while (*p) {
        if (*p >= '0' && *p <= '9') {
            const char *s = p;
            while (*p >= '0' && *p <= '9')
                p++;
            if (ng < 4) {
                g[ng] = s;
                gl[ng] = (size_t)(p - s);
            }
            ng++;
            nd += (size_t)(p - s);
            continue;
        }
        if (ng == 1 && !sep && (*p == '/' || *p == '-' || *p == '.'))
            sep = *p;
        p++;
    }
    if (ng == 1 && gl[0] == 8 &&
        (memcmp(g[0], "18", 2) == 0 || memcmp(g[0], "19", 2) == 0 ||
         memcmp(g[0], "20", 2) == 0)) {
        for (size_t i = 0; i < 8; i++)
            len = put(out, cap, len, g[0][i]);
        return len;
    }
    if (ng == 3 && gl[1] <= 2 && gl[1] >= 1) {
        const char *y = NULL, *m = NULL, *d = NULL;
        size_t ml = 0, dl = 0;
        if (gl[0] == 4 && gl[2] <= 2) {
            y = g[0];
            m = g[1];
            ml = gl[1];
            d = g[2];
            dl = gl[2];
        } else if (gl[2] == 4 && gl[0] <= 2) {
            y = g[2];
            if (sep == '/') {
                m = g[0];
                ml = gl[0];
                d = g[1];
                dl = gl[1];
            } else {
                d = g[0];
                dl = gl[0];
                m = g[1];
                ml = gl[1];
            }
        }
        if (y) {
            for (size_t i = 0; i < 4; i++)
                len = put(out, cap, len, y[i]);
            if (ml == 1)
                len = put(out, cap, len, '0');
            for (size_t i = 0; i < ml; i++)
                len = put(out, cap, len, m[i]);
            if (dl == 1)
                len = put(out, cap, len, '0');
            for (size_t i = 0; i < dl; i++)
                len = put(out, cap, len, d[i]);
            return len;
        }
    }
    (void)nd;
    for (p = in; *p; p++)
        if (*p >= '0' && *p <= '9')
            len = put(out, cap, len, *p);
    return len;
}

static size_t norm_number(const char *in, char *out, size_t cap)
{
    char tmp[SC_LINK_VALUE_MAX];
    const char *s = in;
    size_t n;
    char *end;
    double v;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof tmp) {
        return norm_id(in, out, cap);
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    v = strtod(tmp, &end);
    if (end == tmp || *end || errno || !isfinite(v) ||
        !(isdigit((unsigned char)tmp[0]) || tmp[0] == '-' ||
          tmp[0] == '+' || tmp[0] == '.'))
        return norm_id(in, out, cap);
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(out, cap, "%.15g", v);
    return strlen(out);
}

size_t sc_link_normalize(int kind, const char *in, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    out[0] = '\0';
    if (!in || !in[0])
        return 0;
    switch (kind) {
    case SC_LINK_NAME:
        return sc_norm_name(in, 1, out, cap);
    case SC_LINK_DATE:
        return norm_date(in, out, cap);
    case SC_LINK_ID:
        return norm_id(in, out, cap);
    case SC_LINK_NUMBER:
        return norm_number(in, out, cap);
    case SC_LINK_TEXT:
    case SC_LINK_CATEGORY:
    default:
        return sc_norm_name(in, 0, out, cap);
    }
}

double link_number(const char *norm)
{
    char *end;
    double v;

    if (!norm[0] || !(isdigit((unsigned char)norm[0]) || norm[0] == '-' ||
                      norm[0] == '+' || norm[0] == '.'))
        return NAN;
    v = strtod(norm, &end);
    if (*end || !isfinite(v))
        return NAN;
    return v;
}

/* --- block keys ---------------------------------------------------------- */

static size_t first_word(const char *s, char *out, size_t cap)
{
    size_t n = strcspn(s, " ");

    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

size_t link_part_key(int kind, int key, const char *norm,
                     const char *partner, char *out, size_t cap)
{
    char w[SC_LINK_VALUE_MAX], alt[8];
    size_t n;

    out[0] = '\0';
    if (!norm[0] || cap < 8)
        return 0;
    switch (key) {
    case SC_KEY_EXACT:
        n = strlen(norm);
        if (n >= cap)
            n = cap - 1;
        memcpy(out, norm, n);
        out[n] = '\0';
        return n;
    case SC_KEY_METAPHONE:
        first_word(norm, w, sizeof w);
        sc_double_metaphone(w, out, alt);
        return strlen(out);
    case SC_KEY_SOUNDEX:
        first_word(norm, w, sizeof w);
        sc_soundex(w, out);
        return strlen(out);
    case SC_KEY_NYSIIS:
        first_word(norm, w, sizeof w);
        sc_nysiis(w, out, cap);
        return strlen(out);
    case SC_KEY_INITIAL:
        out[0] = norm[0];
        out[1] = '\0';
        return 1;
    case SC_KEY_PREFIX3:
        n = strlen(norm);
        if (n > 3)
            n = 3;
        memcpy(out, norm, n);
        out[n] = '\0';
        return n;
    case SC_KEY_YEAR:
        if (kind != SC_LINK_DATE || strlen(norm) != 8 || !all_digits(norm, 8))
            return 0;
        memcpy(out, norm, 4);
        out[4] = '\0';
        return 4;
    case SC_KEY_INITIALS: {
        char x = norm[0], y = partner ? partner[0] : '\0';
        if (!y)
            return 0;
        out[0] = x < y ? x : y;
        out[1] = x < y ? y : x;
        out[2] = '\0';
        return 2;
    }
    case SC_KEY_NAMESET: {
        const char *lo = norm, *hi = partner;
        size_t l1, l2;
        if (!partner || !partner[0])
            return 0;
        if (strcmp(lo, hi) > 0) {
            lo = partner;
            hi = norm;
        }
        l1 = strlen(lo);
        l2 = strlen(hi);
        if (l1 + l2 + 2 > cap)
            return 0;
        memcpy(out, lo, l1);
        out[l1] = '\x1e';
        memcpy(out + l1 + 1, hi, l2 + 1);
        return l1 + 1 + l2;
    }
    default:
        return 0;
    }
}

void link_rule_keys(const sc_link_spec *s, const char *const *norm,
                    uint64_t *keys)
{
    char part[2 * SC_LINK_VALUE_MAX + 2];

    for (size_t r = 0; r < s->nrules; r++) {
        const sc_link_rule *ru = &s->rules[r];
        uint64_t h = 0;
        for (int i = 0; i < ru->n; i++) {
            const sc_link_field *f = &s->fields[ru->field[i]];
            size_t pl = link_part_key(f->kind, ru->key[i],
                                      norm[ru->field[i]],
                                      f->partner >= 0 ? norm[f->partner]
                                                      : NULL,
                                      part, sizeof part);
            if (pl == 0) {
                h = 0;
                break;
            }
            h = link_hash_mix(h, link_hash(part, pl));
        }
        keys[r] = h;
    }
}

void link_prepare_one(const sc_link_spec *spec, int side,
                      const char *const *values,
                      char (*buf)[SC_LINK_VALUE_MAX], link_rec *rec,
                      uint64_t *vhash, uint64_t *keys)
{
    const char *norm[SC_LINK_FIELDS_MAX];

    for (size_t f = 0; f < spec->nfields; f++) {
        const sc_link_field *fd = &spec->fields[f];
        const char *v = values[side ? fd->col_b : fd->col];
        size_t n = sc_link_normalize(fd->kind, v ? v : "", buf[f],
                                     SC_LINK_VALUE_MAX);
        norm[f] = buf[f];
        rec->v[f] = buf[f];
        rec->len[f] = (uint16_t)n;
        rec->num[f] = fd->kind == SC_LINK_NUMBER ? link_number(buf[f])
                                                 : NAN;
        if (vhash)
            vhash[f] = n ? link_hash(buf[f], n) : 0;
    }
    if (keys)
        link_rule_keys(spec, norm, keys);
}

/* --- prepared tables ------------------------------------------------------ */

typedef struct chunk_out {
    char *text;
    size_t len;
    uint32_t *rlen;    /* per row: bytes of its values, NULs included */
} chunk_out;

typedef struct prep_job {
    const sc_link_spec *spec;
    const sc_link_table *t;
    int side;
    link_side *s;
    chunk_out *chunks;
    atomic_int failed;
} prep_job;

static void prep_chunk(void *vctx, size_t task, int worker)
{
    prep_job *j = vctx;
    const sc_link_spec *spec = j->spec;
    link_side *s = j->s;
    chunk_out *co = &j->chunks[task];
    size_t lo = task * CHUNK_ROWS;
    size_t hi = lo + CHUNK_ROWS < s->n ? lo + CHUNK_ROWS : s->n;
    size_t cap = (hi - lo) * (12 * spec->nfields + 8) + 64;
    char buf[SC_LINK_FIELDS_MAX][SC_LINK_VALUE_MAX];

    (void)worker;
    if (atomic_load(&j->failed))
        return;
    co->text = malloc(cap);
    co->rlen = malloc((hi - lo) * sizeof *co->rlen);
    co->len = 0;
    if (!co->text || !co->rlen) {
        atomic_store(&j->failed, 1);
        return;
    }
    for (size_t row = lo; row < hi; row++) {
        size_t start = co->len, lens = co->len;
        /* Room for the lengths, written once the values are known. */
        if (co->len + 2 * spec->nfields > cap) {
            size_t nc = cap * 2 + 2 * spec->nfields;
            char *p = realloc(co->text, nc);
            if (!p) {
                atomic_store(&j->failed, 1);
                return;
            }
            co->text = p;
            cap = nc;
        }
        co->len += 2 * spec->nfields;
        for (size_t f = 0; f < spec->nfields; f++) {
            const sc_link_field *fd = &spec->fields[f];
            const char *v = sc_link_table_value(
                j->t, row, j->side ? fd->col_b : fd->col);
            size_t n = sc_link_normalize(fd->kind, v, buf[f],
                                         SC_LINK_VALUE_MAX);
            if (co->len + n + 1 > cap) {
                size_t nc = cap * 2 + n + 1;
                char *p = realloc(co->text, nc);
                if (!p) {
                    atomic_store(&j->failed, 1);
                    return;
                }
                co->text = p;
                cap = nc;
            }
            memcpy(co->text + co->len, buf[f], n + 1);
            co->len += n + 1;
            {
                uint16_t l16 = (uint16_t)n;
                memcpy(co->text + lens + 2 * f, &l16, sizeof l16);
            }
            s->vhash[f][row] = n ? link_hash(buf[f], n) : 0;
            if (s->num[f])
                s->num[f][row] = link_number(buf[f]);
        }
        co->rlen[row - lo] = (uint32_t)(co->len - start);
    }
}

void link_side_release(link_side *s)
{
    for (size_t f = 0; f < SC_LINK_FIELDS_MAX; f++) {
        free(s->vhash[f]);
        free(s->num[f]);
    }
    free(s->text);
    free(s->roff);
    free(s->key);
    memset(s, 0, sizeof *s);
}

int link_side_prepare(link_side *s, const sc_link_spec *spec,
                      const sc_link_table *t, sc_link_table *own, int side,
                      int threads)
{
    size_t n = sc_link_table_rows(t), nchunks, c, total = 0, row = 0;
    size_t n1 = n ? n : 1;
    prep_job j;
    int rc = 0;

    memset(s, 0, sizeof *s);
    s->n = n;
    s->nrules = spec->nrules;
    for (size_t f = 0; f < spec->nfields; f++) {
        s->vhash[f] = malloc(n1 * sizeof *s->vhash[f]);
        if (!s->vhash[f])
            goto nomem;
        if (spec->fields[f].kind == SC_LINK_NUMBER) {
            s->num[f] = malloc(n1 * sizeof *s->num[f]);
            if (!s->num[f])
                goto nomem;
        }
    }
    s->roff = malloc(n1 * sizeof *s->roff);
    if (!s->roff)
        goto nomem;
    nchunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    j.spec = spec;
    j.t = t;
    j.side = side;
    j.s = s;
    j.chunks = calloc(nchunks ? nchunks : 1, sizeof *j.chunks);
    atomic_init(&j.failed, 0);
    if (!j.chunks)
        goto nomem;
    link_parallel(threads, nchunks, prep_chunk, &j);
    sc_link_table_destroy(own);
    own = NULL;
    if (atomic_load(&j.failed))
        rc = SC_ENOMEM;
    /* Join the chunks' text in chunk order. */
    for (c = 0; c < nchunks && rc == 0; c++)
        total += j.chunks[c].len;
    if (rc == 0 && total > UINT32_MAX)
        rc = SC_ERANGE;
    if (rc == 0) {
        s->text = malloc(total ? total : 1);
        if (!s->text)
            rc = SC_ENOMEM;
    }
    if (rc == 0) {
        size_t pos = 0;
        for (c = 0; c < nchunks; c++) {
            chunk_out *co = &j.chunks[c];
            size_t rows = c + 1 < nchunks ? CHUNK_ROWS : n - c * CHUNK_ROWS;
            memcpy(s->text + pos, co->text, co->len);
            for (size_t i = 0; i < rows; i++) {
                s->roff[row++] = (uint32_t)pos;
                pos += co->rlen[i];
            }
            /* Freed as it is copied, so the chunks and the joined text
             * do not take twice the text's memory at once. */
            free(co->text);
            free(co->rlen);
            co->text = NULL;
            co->rlen = NULL;
        }
    }
    for (c = 0; c < nchunks; c++) {
        free(j.chunks[c].text);
        free(j.chunks[c].rlen);
    }
    free(j.chunks);
    if (rc < 0)
        link_side_release(s);
    return rc;

nomem:
    link_side_release(s);
    sc_link_table_destroy(own);
    return SC_ENOMEM;
}

void link_side_rec(const link_side *s, const sc_link_spec *spec,
                   size_t row, link_rec *out)
{
    const char *base = s->text + s->roff[row];
    const char *p = base + 2 * spec->nfields;

    memcpy(out->len, base, 2 * spec->nfields);
    for (size_t f = 0; f < spec->nfields; f++) {
        out->v[f] = p;
        p += out->len[f] + 1;
        out->num[f] = s->num[f] ? s->num[f][row] : NAN;
    }
}
