/*
 * fs_model.c - the Fellegi-Sunter model: defaults, training, scoring.
 *
 * Training gathers what EM (em.c) needs.  The candidates' comparison
 * vectors are reduced to distinct patterns with counts, chunk by chunk
 * in small open-addressing tables merged in chunk order and then sorted,
 * so EM sums in the same order for any number of threads.  How often
 * each level occurs among all pairs comes from two sources: the exact
 * level is counted from the index's value frequencies, the others are
 * shares of a fixed-seed sample of random pairs (streams (seed,
 * SC_STAGE_LINK, LINK_STREAM_USAMPLE) split by chunk, so the sample does
 * not depend on the thread count either).
 *
 * Scoring adds the prior log-odds and each field's log2(m / u), with the
 * term-frequency adjustment (the idea of Splink's tf adjustments: an
 * exact agreement on value v is weighed with u = frequency of v, so
 * agreeing on SMITH counts for less than agreeing on ZYWICKI; the
 * frequency leaves out the record itself), the dependence correction
 * -log2(rho) of every two fields that both agree exactly, and one joint
 * weight when both partner names are swapped.
 *
 * Workload: one training per job (a sample of 200,000 pairs and a few
 * thousand patterns); scoring is a table look-up per field per pair.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "scomm/rng.h"

#define SAMPLE_CHUNK 4096
#define PATTERN_CHUNK 65536

/* --- defaults ------------------------------------------------------------ */

void sc_link_model_init(sc_link_model *m, const sc_link_spec *s)
{
    memset(m, 0, sizeof *m);
    m->nfields = s->nfields;
    m->lambda = 1e-4;
    m->pair[0] = m->pair[1] = -1;
    for (size_t f = 0; f < s->nfields; f++) {
        int L = sc_link_level_count(s->fields[f].kind);
        double rest = 0.1, usum = 0;
        m->kind[f] = s->fields[f].kind;
        m->m[f][0] = 0.9;
        for (int l = 1; l < L; l++) {
            m->m[f][l] = l + 1 < L ? rest / 2 : rest;
            rest -= m->m[f][l];
        }
        for (int l = 0; l < L; l++)
            usum += ldexp(1.0, 2 * l);
        for (int l = 0; l < L; l++)
            m->u[f][l] = ldexp(1.0, 2 * l) / usum;
        if (m->pair[0] < 0 && s->fields[f].partner > (int)f) {
            m->pair[0] = (int8_t)f;
            m->pair[1] = s->fields[f].partner;
        }
    }
    for (size_t i = 0; i < SC_LINK_FIELDS_MAX; i++)
        for (size_t j = 0; j < SC_LINK_FIELDS_MAX; j++)
            m->rho[i][j] = 1;
    if (m->pair[0] >= 0)
        m->m_swap2 = m->m[m->pair[0]][LINK_NAME_SWAP];
    sc_link_model_finish(m);
}

double link_u_swap2(const sc_link_model *m)
{
    int g = m->pair[0], h = m->pair[1];
    double u;

    if (g < 0 || h < 0)
        return 1;
    u = m->u[g][LINK_NAME_SWAP] * m->u[h][LINK_NAME_SWAP] * m->rho[g][h];
    return u > 1e-300 ? u : 1e-300;
}

static double safe_log2(double x)
{
    return log2(x > 1e-300 ? x : 1e-300);
}

void sc_link_model_finish(sc_link_model *m)
{
    double lam = m->lambda;

    if (lam <= 0)
        lam = 1e-300;
    if (lam >= 1)
        lam = 1 - 1e-16;
    m->prior = log2(lam) - log2(1 - lam);
    for (size_t f = 0; f < m->nfields; f++) {
        int L = sc_link_level_count(m->kind[f]);
        for (int l = 0; l < L; l++)
            m->w[f][l] = safe_log2(m->m[f][l]) - safe_log2(m->u[f][l]);
    }
    for (size_t i = 0; i < m->nfields; i++)
        for (size_t j = 0; j < m->nfields; j++)
            m->w_rho[i][j] = i < j ? -safe_log2(m->rho[i][j]) : 0;
    m->w_swap2 = 0;
    if (m->pair[0] >= 0 && m->pair[1] >= 0)
        m->w_swap2 = safe_log2(m->m_swap2) - safe_log2(link_u_swap2(m));
}

/* --- scoring -------------------------------------------------------------- */

/* The frequency of a B row's value among all records, leaving out the
 * record on the other side when it was counted too. */
static double tf_share(uint32_t count, double total, int batch)
{
    double c = (double)count - (batch ? 1 : 0);

    if (c < 1)
        c = 1;
    return c / (total > 1 ? total : 1);
}

double link_score(const sc_link_index *ix, const sc_link_model *m,
                  uint32_t b, uint64_t gamma, int batch)
{
    const sc_link_spec *s = &ix->spec;
    size_t F = s->nfields;
    double w = m->prior;
    int g = m->pair[0], h = m->pair[1];
    int lg = g >= 0 ? sc_link_gamma_level(gamma, g) : -1;
    int lh = h >= 0 ? sc_link_gamma_level(gamma, h) : -1;
    int both = g >= 0 && h >= 0 && lg == lh && lg == LINK_NAME_SWAP;

    if (both)
        w += m->w_swap2;
    for (size_t f = 0; f < F; f++) {
        int l = sc_link_gamma_level(gamma, f);
        if (l == SC_LINK_NULL ||
            (both && ((int)f == g || (int)f == h)))
            continue;
        if (l == 0 && s->fields[f].tf && ix->tf_count[f] &&
            ix->tf_count[f][b] > 0)
            w += safe_log2(m->m[f][0]) -
                 safe_log2(tf_share(ix->tf_count[f][b], ix->tf_total[f],
                                    batch));
        else
            w += m->w[f][l];
    }
    /* Dependence between fields that both agree exactly. */
    for (size_t i = 0; i < F; i++) {
        if (sc_link_gamma_level(gamma, i) != 0)
            continue;
        for (size_t j = i + 1; j < F; j++)
            if (sc_link_gamma_level(gamma, j) == 0)
                w += m->w_rho[i][j];
    }
    return w;
}

double sc_link_score_pair(const sc_link_index *ix, const sc_link_model *m,
                          uint32_t b, uint64_t gamma)
{
    return link_score(ix, m, b, gamma, 1);
}

typedef struct score_job {
    const sc_link_index *ix;
    const sc_link_model *m;
    sc_link_pairs *p;
} score_job;

static void score_chunk(void *vctx, size_t task, int worker)
{
    score_job *j = vctx;
    size_t lo = task * PATTERN_CHUNK;
    size_t hi = lo + PATTERN_CHUNK < j->p->n ? lo + PATTERN_CHUNK : j->p->n;

    (void)worker;
    for (size_t i = lo; i < hi; i++)
        j->p->weight[i] = (float)link_score(j->ix, j->m, j->p->b[i],
                                            j->p->gamma[i], 1);
}

void sc_link_pairs_score(const sc_link_index *ix, const sc_link_model *m,
                         sc_link_pairs *p, int threads)
{
    score_job j = { ix, m, p };

    link_parallel(threads, (p->n + PATTERN_CHUNK - 1) / PATTERN_CHUNK,
                  score_chunk, &j);
}

/* --- random pairs for u --------------------------------------------------- */

typedef struct sample_job {
    const sc_link_index *ix;
    uint64_t seed;
    uint64_t samples;
    uint64_t *count;   /* per chunk: SC_LINK_FIELDS_MAX * LEVELS */
} sample_job;

static void sample_chunk(void *vctx, size_t task, int worker)
{
    sample_job *j = vctx;
    const sc_link_index *ix = j->ix;
    const sc_link_spec *s = &ix->spec;
    uint64_t lo = task * (uint64_t)SAMPLE_CHUNK;
    uint64_t hi = lo + SAMPLE_CHUNK < j->samples ? lo + SAMPLE_CHUNK
                                                 : j->samples;
    uint64_t *cnt = j->count + task * SC_LINK_FIELDS_MAX *
                                   SC_LINK_LEVELS_MAX;
    sc_rng base, r;
    link_rec ra, rb;

    (void)worker;
    sc_rng_init(&base, j->seed, SC_STAGE_LINK, LINK_STREAM_USAMPLE);
    r = sc_rng_split(&base, task);
    for (uint64_t i = lo; i < hi; i++) {
        uint64_t a, b, g;
        if (ix->dedupe) {
            a = sc_rng_below(&r, ix->b.n);
            b = sc_rng_below(&r, ix->b.n - 1);
            if (b >= a)
                b++;
        } else {
            a = sc_rng_below(&r, ix->a.n);
            b = sc_rng_below(&r, ix->b.n);
        }
        link_side_rec(ix->pa, s, a, &ra);
        link_side_rec(&ix->b, s, b, &rb);
        g = link_compare(s, &ra, &rb);
        for (size_t f = 0; f < s->nfields; f++) {
            int l = sc_link_gamma_level(g, f);
            if (l != SC_LINK_NULL && l != 0)
                cnt[f * SC_LINK_LEVELS_MAX + l]++;
        }
    }
}

/* --- distinct patterns ---------------------------------------------------- */

/* Distinct comparison vectors with counts. */
typedef struct pat_map {
    uint64_t *key;
    uint64_t *cnt;
    uint8_t *used;
    size_t mask_bits, n; /* mask_bits: slots - 1 */
} pat_map;

static void map_release(pat_map *m)
{
    free(m->key);
    free(m->cnt);
    free(m->used);
    memset(m, 0, sizeof *m);
}

static int map_init(pat_map *m, size_t slots)
{
    memset(m, 0, sizeof *m);
    m->key = malloc(slots * sizeof *m->key);
    m->cnt = malloc(slots * sizeof *m->cnt);
    m->used = calloc(slots, 1);
    m->mask_bits = slots - 1;
    if (!m->key || !m->cnt || !m->used) {
        map_release(m);
        return SC_ENOMEM;
    }
    return 0;
}

static int map_add(pat_map *m, uint64_t key, uint64_t c);

static int map_grow(pat_map *m)
{
    pat_map n;
    int rc = map_init(&n, (m->mask_bits + 1) * 2);

    if (rc < 0)
        return rc;
    for (size_t i = 0; i <= m->mask_bits; i++)
        if (m->used[i])
            map_add(&n, m->key[i], m->cnt[i]);
    map_release(m);
    *m = n;
    return 0;
}

static int map_add(pat_map *m, uint64_t key, uint64_t c)
{
    size_t s;

    if ((m->n + 1) * 2 > m->mask_bits + 1) {
        int rc = map_grow(m);
        if (rc < 0)
            return rc;
    }
    for (s = link_hash_u64(key) & m->mask_bits; m->used[s];
         s = (s + 1) & m->mask_bits)
        if (m->key[s] == key) {
            m->cnt[s] += c;
            return 0;
        }
    m->used[s] = 1;
    m->key[s] = key;
    m->cnt[s] = c;
    m->n++;
    return 0;
}

typedef struct pat_job {
    const sc_link_pairs *p;
    pat_map *maps;
    atomic_int failed;
} pat_job;

static void pat_chunk(void *vctx, size_t task, int worker)
{
    pat_job *j = vctx;
    size_t lo = task * PATTERN_CHUNK;
    size_t hi = lo + PATTERN_CHUNK < j->p->n ? lo + PATTERN_CHUNK : j->p->n;

    (void)worker;
    if (map_init(&j->maps[task], 1024) < 0) {
        atomic_store(&j->failed, 1);
        return;
    }
    for (size_t i = lo; i < hi; i++) {
        if (map_add(&j->maps[task], j->p->gamma[i], 1) < 0) {
            atomic_store(&j->failed, 1);
            return;
        }
    }
}

typedef struct pattern {
    uint64_t gamma;
    uint64_t count;
} pattern;

static int cmp_pat(const void *x, const void *y)
{
    const pattern *a = x, *b = y;

    return a->gamma < b->gamma ? -1 : a->gamma > b->gamma;
}

/* The pairs' distinct vectors with counts, sorted, so that EM sums in an
 * order that does not depend on the thread count. */
static int patterns(const sc_link_pairs *p, int threads, pattern **pat,
                    size_t *np)
{
    size_t nchunks = (p->n + PATTERN_CHUNK - 1) / PATTERN_CHUNK, k = 0;
    pat_job j;
    pat_map all;
    int rc = 0;

    memset(&all, 0, sizeof all);
    *pat = NULL;
    *np = 0;
    j.p = p;
    j.maps = calloc(nchunks ? nchunks : 1, sizeof *j.maps);
    atomic_init(&j.failed, 0);
    if (!j.maps)
        return SC_ENOMEM;
    link_parallel(threads, nchunks, pat_chunk, &j);
    rc = atomic_load(&j.failed) ? SC_ENOMEM : map_init(&all, 1024);
    for (size_t c = 0; c < nchunks && rc == 0; c++)
        for (size_t i = 0; i <= j.maps[c].mask_bits && rc == 0; i++)
            if (j.maps[c].used[i])
                rc = map_add(&all, j.maps[c].key[i], j.maps[c].cnt[i]);
    for (size_t c = 0; c < nchunks; c++)
        map_release(&j.maps[c]);
    free(j.maps);
    if (rc < 0) {
        map_release(&all);
        return rc;
    }
    *pat = malloc((all.n ? all.n : 1) * sizeof **pat);
    if (!*pat) {
        map_release(&all);
        return SC_ENOMEM;
    }
    for (size_t i = 0; i <= all.mask_bits; i++)
        if (all.used[i]) {
            (*pat)[k].gamma = all.key[i];
            (*pat)[k].count = all.cnt[i];
            k++;
        }
    qsort(*pat, k, sizeof **pat, cmp_pat);
    *np = k;
    map_release(&all);
    return 0;
}

/* --- training ------------------------------------------------------------- */

/*
 * Training, after the all-pairs level counts R are known: EM over all
 * candidates with every field, m, u, rho and lambda free.
 */
static int fit(const sc_link_index *ix, const pattern *pat, size_t np,
               double (*R)[SC_LINK_LEVELS_MAX], double lambda0,
               const sc_link_opts *o, sc_link_model *out)
{
    const sc_link_spec *s = &ix->spec;
    uint64_t *pv = malloc((np ? np : 1) * sizeof *pv);
    uint64_t *pc = malloc((np ? np : 1) * sizeof *pc);
    link_em_data d;
    double lambda = lambda0, matches;
    size_t n = 0;

    if (!pv || !pc) {
        free(pv);
        free(pc);
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < np; i++) {
        pv[n] = pat[i].gamma;
        pc[n] = pat[i].count;
        n++;
    }
    memset(&d, 0, sizeof d);
    d.pat = pv;
    d.cnt = pc;
    d.np = n;
    d.n_pairs = ix->all_pairs;
    d.R = R;
    d.nf = ix->nonnull_pairs;
    d.R2 = ix->exact2;
    d.nf2 = ix->nonnull2;
    d.active = s->nfields >= 32 ? UINT32_MAX
                                : ((uint32_t)1 << s->nfields) - 1;
    d.update_m = d.update_u = 1;
    link_em(s, &d, o, out, &lambda, &matches);
    out->lambda = lambda;
    out->matches = matches;
    out->patterns = n;
    free(pv);
    free(pc);
    return 0;
}

int sc_link_train(const sc_link_index *ix, const sc_link_pairs *p,
                  const sc_link_opts *o, sc_link_model *out, char *err)
{
    const sc_link_spec *s = &ix->spec;
    double R[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    pattern *pat = NULL;
    size_t np = 0, nchunks;
    sample_job sj;
    double lambda0, na = (double)ix->pa->n, nb = (double)ix->b.n;
    int threads = o->threads > 0 ? o->threads : 1;
    int rc;

    sc_link_model_init(out, s);
    memset(R, 0, sizeof R);

    /* Levels among all pairs: random pairs for all but the exact level. */
    sj.ix = ix;
    sj.seed = o->seed;
    sj.samples = ix->all_pairs >= 1 ? o->u_samples : 0;
    nchunks = (size_t)((sj.samples + SAMPLE_CHUNK - 1) / SAMPLE_CHUNK);
    sj.count = calloc((nchunks ? nchunks : 1) * SC_LINK_FIELDS_MAX *
                          SC_LINK_LEVELS_MAX,
                      sizeof *sj.count);
    if (!sj.count)
        goto nomem;
    link_parallel(threads, nchunks, sample_chunk, &sj);
    for (size_t f = 0; f < s->nfields; f++) {
        int L = sc_link_level_count(s->fields[f].kind);
        double tot = 0, cnt[SC_LINK_LEVELS_MAX] = { 0 };
        double rest = ix->nonnull_pairs[f] - ix->exact_pairs[f];
        for (size_t c = 0; c < nchunks; c++)
            for (int l = 1; l < L; l++)
                cnt[l] += (double)sj.count[(c * SC_LINK_FIELDS_MAX + f) *
                                               SC_LINK_LEVELS_MAX + l];
        for (int l = 1; l < L; l++)
            tot += cnt[l];
        R[f][0] = ix->exact_pairs[f];
        for (int l = 1; l < L; l++)
            R[f][l] = tot > 0 ? rest * cnt[l] / tot
                              : (l == L - 1 ? rest : 0);
        /* Start EM from the all-pairs shares. */
        for (int l = 0; l < L; l++) {
            double v = ix->nonnull_pairs[f] > 0
                           ? R[f][l] / ix->nonnull_pairs[f] : 1.0 / L;
            out->u[f][l] = v > 0 ? v : 0.5 / (ix->nonnull_pairs[f] + 1);
        }
    }
    free(sj.count);

    rc = patterns(p, threads, &pat, &np);
    if (rc < 0)
        goto nomem;
    /* Start with as many matches as the smaller table has rows (half
     * the rows when deduping), but no more than half the candidates. */
    lambda0 = ix->dedupe ? nb / 4 : (na < nb ? na : nb) / 2;
    if (lambda0 > (double)p->n / 2)
        lambda0 = (double)p->n / 2;
    lambda0 = ix->all_pairs > 0 ? lambda0 / ix->all_pairs : 1e-4;
    if (lambda0 <= 0)
        lambda0 = 1e-9;
    if (lambda0 > 0.5)
        lambda0 = 0.5;
    rc = fit(ix, pat, np, R, lambda0, o, out);
    free(pat);
    if (rc < 0)
        goto nomem;
    sc_link_model_finish(out);
    return 0;

nomem:
    free(pat);
    if (err)
        snprintf(err, SC_ERRMSG_MAX, "out of memory training the model");
    return SC_ENOMEM;
}
