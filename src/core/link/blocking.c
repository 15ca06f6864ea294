/*
 * blocking.c - the index: prepared tables, value frequencies and the
 * blocking index; candidate pairs, and queries one record at a time.
 *
 * Blocking.  Each rule maps a record to a 64-bit key (0: the record
 * takes no part).  For every rule the index sorts B's (key, row) pairs
 * and keeps, in an open-addressing table (linear probing), where each
 * key's run of rows starts.  A record's candidates are the rows in its
 * runs, all rules together, sorted and made unique, each credited to the
 * first rule that found it (as Splink composes rules: "r AND NOT (r1 OR
 * ... r_k-1)").  To dedupe, a record looks only at rows above its own,
 * found by binary search in each ascending run.
 *
 * Candidate pairs.  Rows of A are cut into chunks; each chunk's pairs,
 * with their comparison vectors, go to the chunk's own buffers, which
 * are then copied in chunk order into the output.  The order is
 * therefore by row of A, then row of B, for any number of threads.  A
 * shared count of pairs stops an oversized job early.
 *
 * Value frequencies.  Per field, (value hash, row) pairs of both tables
 * are sorted; runs give each value's count in A and in B, hence the
 * term frequency of each B row's value and the number of exactly
 * agreeing pairs among all pairs (sum of cA * cB, or of c (c - 1) / 2).
 *
 * Memory while building.  The value counts run first (on all threads),
 * then the value hashes are freed, the block keys of B's rows computed
 * and the blocks built one rule at a time; the keys are freed after
 * (candidate pairs compute a row's keys again from its values).  So no
 * two of hashes, keys and several sorts' room are held at once.
 *
 * Workload: built once per job (up to a few million rows, a dozen
 * rules); probed once per record of A, or per query.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

#define CHUNK_ROWS 2048

/* --- the blocks of one rule ---------------------------------------------- */

static void blocks_release(link_blocks *bl)
{
    free(bl->slot_key);
    free(bl->slot_run);
    free(bl->run_start);
    free(bl->rows);
    memset(bl, 0, sizeof *bl);
}

/* The blocks of B under one rule; key[i * stride] is row i's key. */
static int blocks_build(link_blocks *bl, const uint64_t *key, size_t n,
                        size_t stride)
{
    size_t m = 0, i, distinct = 0, slots = 16, run;
    uint64_t *k;
    uint32_t *v;

    memset(bl, 0, sizeof *bl);
    for (i = 0; i < n; i++)
        m += key[i * stride] != 0;
    k = malloc((m ? m : 1) * sizeof *k);
    v = malloc((m ? m : 1) * sizeof *v);
    if (!k || !v)
        goto nomem;
    m = 0;
    for (i = 0; i < n; i++)
        if (key[i * stride]) {
            k[m] = key[i * stride];
            v[m++] = (uint32_t)i;
        }
    if (link_sort_kv_alloc(k, v, m) < 0)
        goto nomem;
    for (i = 0; i < m; i++)
        distinct += i == 0 || k[i] != k[i - 1];
    while (slots < 2 * distinct)
        slots *= 2;
    bl->mask = slots - 1;
    bl->slot_key = calloc(slots, sizeof *bl->slot_key);
    bl->slot_run = malloc(slots * sizeof *bl->slot_run);
    bl->run_start = malloc((distinct + 1) * sizeof *bl->run_start);
    if (!bl->slot_key || !bl->slot_run || !bl->run_start)
        goto nomem;
    for (i = 0, run = 0; i < m; run++) {
        size_t j = i, s;
        while (j < m && k[j] == k[i])
            j++;
        s = (size_t)k[i] & bl->mask;
        while (bl->slot_key[s])
            s = (s + 1) & bl->mask;
        bl->slot_key[s] = k[i];
        bl->slot_run[s] = (uint32_t)run;
        bl->run_start[run] = (uint32_t)i;
        i = j;
    }
    bl->run_start[run] = (uint32_t)m;
    free(k);
    bl->rows = v;
    return 0;

nomem:
    free(k);
    free(v);
    blocks_release(bl);
    return SC_ENOMEM;
}

const uint32_t *link_blocks_find(const link_blocks *bl, uint64_t k,
                                 size_t *n)
{
    size_t s;

    *n = 0;
    if (!bl->slot_key || !k)
        return NULL;
    for (s = (size_t)k & bl->mask; bl->slot_key[s]; s = (s + 1) & bl->mask)
        if (bl->slot_key[s] == k) {
            const uint32_t *rs = bl->run_start + bl->slot_run[s];
            *n = rs[1] - rs[0];
            return bl->rows + rs[0];
        }
    return NULL;
}

/* --- value frequencies --------------------------------------------------- */

/* Row i's hash of one field's value (h2 NULL), or of two fields' values
 * together (0 when either is empty), computed as it is read rather than
 * kept in an array of its own. */
static uint64_t pair_hash(const uint64_t *h, const uint64_t *h2, size_t i)
{
    if (!h2)
        return h[i];
    return h[i] && h2[i] ? link_hash_mix(h[i], h2[i]) : 0;
}

/* Counts values over both tables from their hashes (hb for B's rows,
 * ha for A's or NULL when deduping): each B row's count when tf is not
 * NULL, the non-empty values, and the pairs of all pairs with both
 * values present and with equal values. */
static int count_hashes(const sc_link_index *ix, const uint64_t *hb,
                        const uint64_t *ha, const uint64_t *hb2,
                        const uint64_t *ha2, uint32_t **tf_out,
                        double *total, double *nonnull, double *exact_out)
{
    size_t nb = ix->b.n, na = ha ? ix->a.n : 0, m = 0, i;
    double nn_a = 0, nn_b = 0, exact = 0;
    uint64_t *k = malloc((na + nb + 1) * sizeof *k);
    uint32_t *v = malloc((na + nb + 1) * sizeof *v);
    uint32_t *tf = NULL;

    if (!k || !v)
        goto nomem;
    if (tf_out) {
        tf = calloc(nb ? nb : 1, sizeof *tf);
        if (!tf)
            goto nomem;
    }
    /* Payload: B rows as themselves, A rows with the top bit set. */
    for (i = 0; i < nb; i++) {
        uint64_t h = pair_hash(hb, hb2, i);
        if (h) {
            k[m] = h;
            v[m++] = (uint32_t)i;
            nn_b++;
        }
    }
    for (i = 0; i < na; i++) {
        uint64_t h = pair_hash(ha, ha2, i);
        if (h) {
            k[m] = h;
            v[m++] = (uint32_t)i | 0x80000000u;
            nn_a++;
        }
    }
    if (link_sort_kv_alloc(k, v, m) < 0)
        goto nomem;
    for (i = 0; i < m;) {
        size_t j = i;
        double ca = 0, cb = 0;
        while (j < m && k[j] == k[i]) {
            if (v[j] & 0x80000000u)
                ca++;
            else
                cb++;
            j++;
        }
        if (ha)
            exact += ca * cb;
        else
            exact += cb * (cb - 1) / 2;
        if (tf)
            for (size_t t = i; t < j; t++)
                if (!(v[t] & 0x80000000u))
                    tf[v[t]] = (uint32_t)(ca + cb);
        i = j;
    }
    if (tf_out)
        *tf_out = tf;
    *total = nn_a + nn_b;
    *exact_out = exact;
    *nonnull = ha ? nn_a * nn_b : nn_b * (nn_b - 1) / 2;
    free(k);
    free(v);
    return 0;

nomem:
    free(k);
    free(v);
    free(tf);
    return SC_ENOMEM;
}

static int count_values(sc_link_index *ix, size_t f)
{
    return count_hashes(ix, ix->b.vhash[f],
                        ix->dedupe ? NULL : ix->a.vhash[f], NULL, NULL,
                        ix->spec.fields[f].tf ? &ix->tf_count[f] : NULL,
                        &ix->tf_total[f], &ix->nonnull_pairs[f],
                        &ix->exact_pairs[f]);
}

/* Counts two fields' values together: how many of all pairs agree on
 * both. */
static int count_two(sc_link_index *ix, int f, int g)
{
    double total;

    return count_hashes(ix, ix->b.vhash[f],
                        ix->dedupe ? NULL : ix->a.vhash[f], ix->b.vhash[g],
                        ix->dedupe ? NULL : ix->a.vhash[g], NULL, &total,
                        &ix->nonnull2[f][g], &ix->exact2[f][g]);
}

/* --- building the index --------------------------------------------------- */

typedef struct build_job {
    sc_link_index *ix;
    size_t base;          /* task number of the run's first task */
    atomic_int failed;
} build_job;

/* Task t < nrules builds rule t's blocks; the next nfields count field
 * values; the rest count pairs of fields, (0,1), (0,2), ...  The
 * counting tasks run first, so that the value hashes they read can be
 * freed before the blocks are built (each kind of task allocates room
 * for sorting, and the two never run together). */
static void build_task(void *vctx, size_t task, int worker)
{
    build_job *j = vctx;
    sc_link_index *ix = j->ix;
    size_t F = ix->spec.nfields, t = task + j->base;
    int rc;

    (void)worker;
    if (t < ix->spec.nrules) {
        rc = blocks_build(&ix->blk[t], ix->b.key + t, ix->b.n,
                          ix->spec.nrules);
    } else if (t < ix->spec.nrules + F) {
        rc = count_values(ix, t - ix->spec.nrules);
    } else {
        size_t k = t - ix->spec.nrules - F, f = 0;
        while (k >= F - 1 - f) {
            k -= F - 1 - f;
            f++;
        }
        rc = count_two(ix, (int)f, (int)(f + 1 + k));
    }
    if (rc < 0)
        atomic_store(&j->failed, 1);
}

/* Computes B's block keys, chunk by chunk, from its normalised values
 * (the same strings the keys of a query are computed from). */
static void key_task(void *vctx, size_t task, int worker)
{
    sc_link_index *ix = vctx;
    size_t lo = task * CHUNK_ROWS, nr = ix->spec.nrules;
    size_t hi = lo + CHUNK_ROWS < ix->b.n ? lo + CHUNK_ROWS : ix->b.n;
    link_rec r;

    (void)worker;
    for (size_t row = lo; row < hi; row++) {
        link_side_rec(&ix->b, &ix->spec, row, &r);
        link_rule_keys(&ix->spec, r.v, ix->b.key + row * nr);
    }
}

/* Builds the index; with own_b set, b is destroyed as soon as it has
 * been prepared (or on failure), so that the raw table and the index's
 * blocks and counts never take memory at the same time. */
static int index_create(const sc_link_spec *s, const sc_link_table *b,
                        sc_link_table *own_b, const sc_link_table *a,
                        int threads, sc_link_index **out, char *err)
{
    sc_link_index *ix;
    build_job j;
    int rc;

    *out = NULL;
    rc = sc_link_spec_check(s, err);
    if (rc < 0) {
        sc_link_table_destroy(own_b);
        return rc;
    }
    for (size_t f = 0; f < s->nfields; f++) {
        if (s->fields[f].col_b >= sc_link_table_cols(b) ||
            (a && s->fields[f].col >= sc_link_table_cols(a))) {
            if (err)
                snprintf(err, SC_ERRMSG_MAX, "field '%s': no such column",
                         s->fields[f].name);
            sc_link_table_destroy(own_b);
            return SC_EINVAL;
        }
    }
    if (sc_link_table_rows(b) >= UINT32_MAX / 2 ||
        (a && sc_link_table_rows(a) >= UINT32_MAX / 2)) {
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "too many rows");
        sc_link_table_destroy(own_b);
        return SC_ERANGE;
    }
    ix = calloc(1, sizeof *ix);
    if (!ix)
        goto nomem;
    ix->spec = *s;
    ix->dedupe = a == NULL;
    if (threads < 1)
        threads = 1;
    rc = link_side_prepare(&ix->b, &ix->spec, b, own_b, 1, threads);
    own_b = NULL;
    if (rc < 0)
        goto fail;
    if (a) {
        rc = link_side_prepare(&ix->a, &ix->spec, a, NULL, 0, threads);
        if (rc < 0)
            goto fail;
        ix->pa = &ix->a;
    } else {
        ix->pa = &ix->b;
    }
    j.ix = ix;
    j.base = s->nrules;
    atomic_init(&j.failed, 0);
    link_parallel(threads, s->nfields + s->nfields * (s->nfields - 1) / 2,
                  build_task, &j);
    /* The value hashes are read by the counts only: 8 bytes a field a
     * row that a built index does not need. */
    for (size_t f = 0; f < SC_LINK_FIELDS_MAX; f++) {
        free(ix->b.vhash[f]);
        free(ix->a.vhash[f]);
        ix->b.vhash[f] = NULL;
        ix->a.vhash[f] = NULL;
    }
    /* The block keys only now, when the hashes are gone, and the
     * blocks one rule at a time: each sorts all rows' keys, and two
     * sorts at once would raise the index's peak by a third. */
    if (!atomic_load(&j.failed) && s->nrules) {
        ix->b.key = malloc((ix->b.n ? ix->b.n : 1) * s->nrules *
                           sizeof *ix->b.key);
        if (!ix->b.key)
            atomic_store(&j.failed, 1);
        else
            link_parallel(threads, (ix->b.n + CHUNK_ROWS - 1) / CHUNK_ROWS,
                          key_task, ix);
    }
    if (!atomic_load(&j.failed)) {
        j.base = 0;
        link_parallel(1, s->nrules, build_task, &j);
    }
    /* The rows' block keys are in the blocks now; candidate pairs
     * compute a record's keys again from its normalised values. */
    free(ix->b.key);
    free(ix->a.key);
    ix->b.key = NULL;
    ix->a.key = NULL;
    if (atomic_load(&j.failed)) {
        rc = SC_ENOMEM;
        goto fail;
    }
    ix->all_pairs = ix->dedupe
                        ? (double)ix->b.n * ((double)ix->b.n - 1) / 2
                        : (double)ix->a.n * (double)ix->b.n;
    *out = ix;
    return 0;

nomem:
    rc = SC_ENOMEM;
fail:
    if (err && rc == SC_ENOMEM)
        snprintf(err, SC_ERRMSG_MAX, "out of memory building the index");
    else if (err && rc == SC_ERANGE)
        snprintf(err, SC_ERRMSG_MAX, "a column holds more than 4 GiB of "
                 "text");
    sc_link_index_destroy(ix);
    sc_link_table_destroy(own_b);
    return rc;
}

int sc_link_index_create(const sc_link_spec *s, const sc_link_table *b,
                         const sc_link_table *a, int threads,
                         sc_link_index **out, char *err)
{
    return index_create(s, b, NULL, a, threads, out, err);
}

int link_index_create_consume(const sc_link_spec *s, sc_link_table *b,
                              int threads, sc_link_index **out, char *err)
{
    return index_create(s, b, b, NULL, threads, out, err);
}

void sc_link_index_destroy(sc_link_index *ix)
{
    if (!ix)
        return;
    link_side_release(&ix->b);
    link_side_release(&ix->a);
    for (size_t r = 0; r < SC_LINK_RULES_MAX; r++)
        blocks_release(&ix->blk[r]);
    for (size_t f = 0; f < SC_LINK_FIELDS_MAX; f++)
        free(ix->tf_count[f]);
    free(ix);
}

const sc_link_spec *sc_link_index_spec(const sc_link_index *ix)
{
    return &ix->spec;
}

size_t sc_link_index_rows_a(const sc_link_index *ix)
{
    return ix->pa->n;
}

size_t sc_link_index_rows_b(const sc_link_index *ix)
{
    return ix->b.n;
}

int sc_link_index_dedupe(const sc_link_index *ix)
{
    return ix->dedupe;
}

double sc_link_index_all_pairs(const sc_link_index *ix)
{
    return ix->all_pairs;
}

/* --- candidates ----------------------------------------------------------- */

static int cands_push(link_cands *c, uint32_t row, uint8_t rule)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        uint32_t *r = realloc(c->row, cap * sizeof *r);
        uint8_t *u;
        if (!r)
            return SC_ENOMEM;
        c->row = r;
        u = realloc(c->rule, cap * sizeof *u);
        if (!u)
            return SC_ENOMEM;
        c->rule = u;
        c->cap = cap;
    }
    c->row[c->n] = row;
    c->rule[c->n] = rule;
    c->n++;
    return 0;
}

void link_cands_release(link_cands *c)
{
    free(c->row);
    free(c->rule);
    free(c->tmp);
    memset(c, 0, sizeof *c);
}

/* First index in the ascending run rows[0..n) holding a row > self. */
static size_t above(const uint32_t *rows, size_t n, uint32_t self)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid] <= self)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Sorts candidates by row, then rule (insertion sort for the short
 * lists that are the rule; qsort on a packed key otherwise). */
static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static void cands_sort(link_cands *c, uint64_t *tmp)
{
    if (c->n <= 48 || !tmp) {
        for (size_t i = 1; i < c->n; i++) {
            uint32_t r = c->row[i];
            uint8_t u = c->rule[i];
            size_t j = i;
            while (j > 0 && (c->row[j - 1] > r ||
                             (c->row[j - 1] == r && c->rule[j - 1] > u))) {
                c->row[j] = c->row[j - 1];
                c->rule[j] = c->rule[j - 1];
                j--;
            }
            c->row[j] = r;
            c->rule[j] = u;
        }
        return;
    }
    for (size_t i = 0; i < c->n; i++)
        tmp[i] = (uint64_t)c->row[i] << 8 | c->rule[i];
    qsort(tmp, c->n, sizeof *tmp, cmp_u64);
    for (size_t i = 0; i < c->n; i++) {
        c->row[i] = (uint32_t)(tmp[i] >> 8);
        c->rule[i] = (uint8_t)(tmp[i] & 0xFF);
    }
}

/*
 * A row found by several rules is kept once, credited to the first of
 * them: the rows of every rule's run go into one list, which is sorted
 * and then made unique.  (Checking each row against the earlier rules'
 * keys instead costs a cache miss per row on a large table.)
 */
int link_candidates(const sc_link_index *ix, const uint64_t *keys,
                    uint32_t self, link_cands *c)
{
    const sc_link_spec *s = &ix->spec;
    size_t k = 0;

    c->n = 0;
    for (size_t r = 0; r < s->nrules; r++) {
        size_t n, i;
        const uint32_t *rows = link_blocks_find(&ix->blk[r], keys[r], &n);
        if (!rows)
            continue;
        i = self != UINT32_MAX ? above(rows, n, self) : 0;
        for (; i < n; i++)
            if (cands_push(c, rows[i], (uint8_t)r) < 0)
                return SC_ENOMEM;
    }
    if (c->n > 48 && c->tmp_cap < c->n) {
        uint64_t *t = realloc(c->tmp, c->cap * sizeof *t);
        if (!t)
            return SC_ENOMEM;
        c->tmp = t;
        c->tmp_cap = c->cap;
    }
    cands_sort(c, c->tmp);
    for (size_t i = 0; i < c->n; i++)
        if (k == 0 || c->row[k - 1] != c->row[i]) {
            c->row[k] = c->row[i];
            c->rule[k] = c->rule[i];
            k++;
        }
    c->n = k;
    return 0;
}

/* --- candidate pairs of a whole job --------------------------------------- */

/* The pairs of one chunk of rows, kept until all chunks are done and
 * then copied in chunk order into the job's arrays. */
typedef struct chunk_pairs {
    uint32_t *a, *b;
    uint64_t *gamma;
    size_t n, cap;
    uint64_t per_rule[SC_LINK_RULES_MAX];
} chunk_pairs;

typedef struct pairs_job {
    const sc_link_index *ix;
    link_cands *scratch;    /* one per worker */
    chunk_pairs *chunks;
    uint64_t max_pairs;
    atomic_ullong total;
    atomic_int failed;      /* 1 out of memory, 2 too many pairs */
} pairs_job;

static int chunk_grow(chunk_pairs *cp, size_t need)
{
    size_t cap = cp->cap ? cp->cap : 1024;
    void *p;

    if (need <= cp->cap)
        return 0;
    while (cap < need)
        cap *= 2;
    if (!(p = realloc(cp->a, cap * sizeof *cp->a)))
        return SC_ENOMEM;
    cp->a = p;
    if (!(p = realloc(cp->b, cap * sizeof *cp->b)))
        return SC_ENOMEM;
    cp->b = p;
    if (!(p = realloc(cp->gamma, cap * sizeof *cp->gamma)))
        return SC_ENOMEM;
    cp->gamma = p;
    cp->cap = cap;
    return 0;
}

static void pairs_chunk(void *vctx, size_t task, int worker)
{
    pairs_job *j = vctx;
    const sc_link_index *ix = j->ix;
    const sc_link_spec *s = &ix->spec;
    const link_side *pa = ix->pa;
    link_cands *c = &j->scratch[worker];
    chunk_pairs *cp = &j->chunks[task];
    size_t lo = task * CHUNK_ROWS;
    size_t hi = lo + CHUNK_ROWS < pa->n ? lo + CHUNK_ROWS : pa->n;
    link_rec ra, rb;
    uint64_t keys[SC_LINK_RULES_MAX];

    for (size_t a = lo; a < hi; a++) {
        if (atomic_load(&j->failed))
            return;
        link_side_rec(pa, s, a, &ra);
        link_rule_keys(s, ra.v, keys);
        if (link_candidates(ix, keys,
                            ix->dedupe ? (uint32_t)a : UINT32_MAX, c) < 0 ||
            chunk_grow(cp, cp->n + c->n) < 0) {
            atomic_store(&j->failed, 1);
            return;
        }
        if (c->n == 0)
            continue;
        if (atomic_fetch_add(&j->total, c->n) + c->n > j->max_pairs) {
            atomic_store(&j->failed, 2);
            return;
        }
        for (size_t i = 0; i < c->n; i++) {
            /* The candidates are scattered over B: ask for the offset of
             * a row eight ahead, and for the text of one four ahead,
             * while this one is compared. */
            if (i + 8 < c->n)
                LINK_PREFETCH(&ix->b.roff[c->row[i + 8]]);
            if (i + 4 < c->n)
                LINK_PREFETCH(ix->b.text + ix->b.roff[c->row[i + 4]]);
            link_side_rec(&ix->b, s, c->row[i], &rb);
            cp->a[cp->n] = (uint32_t)a;
            cp->b[cp->n] = c->row[i];
            cp->gamma[cp->n] = link_compare(s, &ra, &rb);
            cp->per_rule[c->rule[i]]++;
            cp->n++;
        }
    }
}

void sc_link_pairs_release(sc_link_pairs *p)
{
    free(p->a);
    free(p->b);
    free(p->gamma);
    free(p->weight);
    memset(p, 0, sizeof *p);
}

int sc_link_pairs_compute(const sc_link_index *ix, const sc_link_opts *o,
                          sc_link_pairs *out, char *err)
{
    pairs_job j;
    size_t total = 0, pos = 0, t, nchunks;
    int threads = o->threads > 0 ? o->threads : 1;
    int rc = 0, failed;

    memset(out, 0, sizeof *out);
    memset(&j, 0, sizeof j);
    j.ix = ix;
    j.max_pairs = o->max_pairs;
    nchunks = (ix->pa->n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    j.scratch = calloc((size_t)threads, sizeof *j.scratch);
    j.chunks = calloc(nchunks ? nchunks : 1, sizeof *j.chunks);
    atomic_init(&j.total, 0);
    atomic_init(&j.failed, 0);
    if (!j.scratch || !j.chunks)
        goto nomem;

    link_parallel(threads, nchunks, pairs_chunk, &j);
    failed = atomic_load(&j.failed);
    if (failed == 2) {
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "blocking yields more than %llu "
                     "candidate pairs; choose narrower rules",
                     (unsigned long long)o->max_pairs);
        rc = SC_ERANGE;
        goto done;
    }
    if (failed)
        goto nomem;
    for (t = 0; t < nchunks; t++) {
        total += j.chunks[t].n;
        for (size_t r = 0; r < SC_LINK_RULES_MAX; r++)
            out->per_rule[r] += j.chunks[t].per_rule[r];
    }
    out->a = malloc((total ? total : 1) * sizeof *out->a);
    out->b = malloc((total ? total : 1) * sizeof *out->b);
    out->gamma = malloc((total ? total : 1) * sizeof *out->gamma);
    out->weight = calloc(total ? total : 1, sizeof *out->weight);
    if (!out->a || !out->b || !out->gamma || !out->weight)
        goto nomem;
    for (t = 0; t < nchunks; t++) {
        chunk_pairs *cp = &j.chunks[t];
        if (cp->n) {    /* an empty chunk may hold NULL arrays */
            memcpy(out->a + pos, cp->a, cp->n * sizeof *cp->a);
            memcpy(out->b + pos, cp->b, cp->n * sizeof *cp->b);
            memcpy(out->gamma + pos, cp->gamma,
                   cp->n * sizeof *cp->gamma);
        }
        pos += cp->n;
        free(cp->a);
        free(cp->b);
        free(cp->gamma);
        memset(cp, 0, sizeof *cp);
    }
    out->n = total;
    goto done;

nomem:
    rc = SC_ENOMEM;
    if (err)
        snprintf(err, SC_ERRMSG_MAX, "out of memory computing candidate "
                 "pairs");
done:
    if (rc < 0) {
        uint64_t keep[SC_LINK_RULES_MAX];
        memcpy(keep, out->per_rule, sizeof keep);
        sc_link_pairs_release(out);
        memcpy(out->per_rule, keep, sizeof keep);
    }
    if (j.chunks)
        for (t = 0; t < nchunks; t++) {
            free(j.chunks[t].a);
            free(j.chunks[t].b);
            free(j.chunks[t].gamma);
        }
    if (j.scratch)
        for (int w = 0; w < threads; w++)
            link_cands_release(&j.scratch[w]);
    free(j.scratch);
    free(j.chunks);
    return rc;
}

/* --- queries -------------------------------------------------------------- */

struct sc_link_query {
    const sc_link_index *ix;
    char buf[SC_LINK_FIELDS_MAX][SC_LINK_VALUE_MAX];
    link_rec rec;
    uint64_t keys[SC_LINK_RULES_MAX];
    link_cands cands;
    sc_link_hit *hits;
    size_t hits_cap;
};

int sc_link_query_create(const sc_link_index *ix, sc_link_query **out)
{
    sc_link_query *q = calloc(1, sizeof *q);

    *out = NULL;
    if (!q)
        return SC_ENOMEM;
    q->ix = ix;
    *out = q;
    return 0;
}

void sc_link_query_destroy(sc_link_query *q)
{
    if (!q)
        return;
    link_cands_release(&q->cands);
    free(q->hits);
    free(q);
}

int sc_link_query_run(sc_link_query *q, const sc_link_model *m,
                      const char *const *values, double min_prob,
                      const sc_link_hit **hits, size_t *n)
{
    const sc_link_index *ix = q->ix;
    const sc_link_spec *s = &ix->spec;
    size_t k = 0;
    link_rec rb;
    int rc;

    *hits = NULL;
    *n = 0;
    link_prepare_one(s, 0, values, q->buf, &q->rec, NULL, q->keys);
    rc = link_candidates(ix, q->keys, UINT32_MAX, &q->cands);
    if (rc < 0)
        return rc;
    if (q->cands.n > q->hits_cap) {
        sc_link_hit *h = realloc(q->hits, q->cands.n * sizeof *h);
        if (!h)
            return SC_ENOMEM;
        q->hits = h;
        q->hits_cap = q->cands.n;
    }
    for (size_t i = 0; i < q->cands.n; i++) {
        uint32_t b = q->cands.row[i];
        uint64_t g;
        double w, p;
        link_side_rec(&ix->b, s, b, &rb);
        g = link_compare(s, &q->rec, &rb);
        w = link_score(ix, m, b, g, 0);
        p = sc_link_prob(w);
        if (p < min_prob)
            continue;
        q->hits[k].row = b;
        q->hits[k].weight = (float)w;
        q->hits[k].prob = (float)p;
        q->hits[k].gamma = g;
        k++;
    }
    *hits = q->hits;
    *n = k;
    return 0;
}
