/*
 * review_index.c - the name-and-date-of-birth search of the registries,
 * built on the record-linkage engine (scomm/link/linker.h).
 *
 * An agent at the response centre types the booked person's name and
 * date of birth into each database and reads what comes back.  Here that
 * search is one Fellegi-Sunter query against one linkage index over every
 * registry record, compared on four fields:
 *
 *   given   NAME, partnered with family (so a record with the names
 *           written in each other's place scores at the swap level),
 *           term-frequency adjusted
 *   family  NAME, term-frequency adjusted
 *   dob     DATE (YYYY-MM-DD)
 *   sex     CATEGORY (F or M)
 *
 * Blocking, the searcher's reach and no more (docs/pipeline.md):
 *   dob+sex                                   the exact date and sex:
 *                                             finds a record under any
 *                                             name, as a date search
 *                                             lists it (sex narrows the
 *                                             list by half and loses
 *                                             nothing: the trained m of
 *                                             a sex mismatch is ~0)
 *   family:metaphone+given:initial+dob:year   a sound-alike family name,
 *                                             same initial, same birth
 *                                             year: finds a mistyped date
 *   given:nameset+dob:year                    the two names in either
 *                                             order, same birth year
 * Two errors at once (a married name and a mistyped date) put a record
 * out of reach, as they would a human search.
 *
 * Records that agree on all four fields are one index row (an IDENT
 * encounter per entry writes the same name again and again): 19 million
 * records at 1:10 make about 7 million rows.  Rows are grouped by date of
 * birth (a counting sort) and, within a date, by a hash of the other
 * fields with ties broken by the values themselves, so the row order is
 * fixed by the registries alone.  row_start/recs map a row back to its
 * records (global record numbers: reg_base[registry] + id).
 *
 * The model is trained without labels and without the truth.  The
 * training sample is every record whose A-number or FIN falls in a
 * hashed subset of identifiers, sized to about SAMPLE_TARGET records.
 * Identifiers, not a compared field, choose the sample: a person's
 * records share them and so mostly fall in together, matches keep their
 * typing errors in every field (a sample by date of birth would drop the
 * pairs whose dates differ and overstate agreement on the date), and
 * random pairs within the sample agree on each field as often as random
 * pairs of all records do (the identifier is independent of names and
 * dates), so u from random pairs of the sample holds for the whole
 * index.  The sample is indexed on its own (each record a row, under the
 * same rules), its candidate pairs computed and sc_link_train estimates
 * u by random pairs and m, rho and lambda by EM (Winkler 1988; Jaro
 * 1989).  The sample's lambda is a dedupe pair's prior; a query's is
 * not.  For a query, lambda is the chance that one given record is the
 * booked person's, supposing the person is on file: the records a person
 * has (1 + 2 M / n, M the matching pairs EM found among the n sample
 * records: each record has 2 M / n others of its person) over all
 * records.  Registries too small to train on (tests) get the hand-set
 * default model of sc_review_default_model.
 *
 * A record outside the index (an overlay's, review.h) is scored by
 * sc_review_index_score: the index's blocking rules decide whether the
 * search would reach it, the engine's comparators give its levels and
 * the model its weight, with the term frequency of each name value read
 * from a table of the values the rows hold (tf_key/tf_cnt, built in one
 * pass over the rows once the index is built: a few hundred thousand
 * distinct names at 1:10, a few MB).
 *
 * Memory: the engine keeps per row its normalised values, block lists
 * and term frequencies (its value hashes and rows' block keys are freed
 * once the index is built), row_start 4 bytes a row and recs 4 a
 * record.  The sc_link_table the index is built from goes to the engine
 * (link_index_create_consume), which frees it as soon as it has
 * normalised it, so it never coexists with the blocks or the counts'
 * sorting room.  Peak at 1:10 went from 5.8 to 4.9 GiB so (the world
 * and registries alone take about 4).  Workload: built once per run
 * (about 3 s at 1:100 on 2 cores, rows grouped in one thread, the engine
 * on all); queries are read-only, one sc_review_scratch per pipeline
 * block.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review_int.h"
#include "link/link_int.h"

/* Records in the training sample, about; at least SAMPLE_MIN to train. */
#define SAMPLE_TARGET 50000.0
#define SAMPLE_MIN 2000
/* Candidate pairs of the sample at most (a sample of 50,000 records
 * yields a few hundred thousand). */
#define SAMPLE_MAX_PAIRS 20000000ULL
/* Records of a person on file, in the default model (an assumption: an
 * entry, its IDENT encounter and an A-file). */
#define DEFAULT_PER_PERSON 3.0

static const char *const rules[] = {
    "dob+sex",
    "family:metaphone+given:initial+dob:year",
    "given:nameset+dob:year",
};

struct sc_review_index {
    sc_link_spec spec;
    sc_link_index *ix;        /* NULL when there are no records */
    sc_link_model model;
    sc_review_train_info info;
    uint32_t reg_base[SC_REG_COUNT + 1];
    uint32_t *row_start;      /* rows + 1 entries */
    uint32_t *recs;           /* global record numbers, row by row */
    size_t rows;
    /* Term frequencies by value, for records outside the index
     * (sc_review_index_score): open addressing from a hash of (field,
     * normalised value) to the value's count among the rows, the count
     * the engine keeps per row.  0 key: empty slot. */
    uint64_t *tf_key;
    uint32_t *tf_cnt;
    size_t tf_mask;           /* slots - 1; no table when tf_key NULL */
    size_t tf_used;
};

struct sc_review_scratch {
    const sc_review_index *ix;
    sc_link_query *q;
};

static int build_spec(sc_link_spec *s, char *err)
{
    size_t i;
    int rc;

    sc_link_spec_init(s);
    if (sc_link_spec_add_field(s, "given", SC_LINK_NAME, SC_RF_GIVEN,
                               SC_RF_GIVEN) != SC_RF_GIVEN ||
        sc_link_spec_add_field(s, "family", SC_LINK_NAME, SC_RF_FAMILY,
                               SC_RF_FAMILY) != SC_RF_FAMILY ||
        sc_link_spec_add_field(s, "dob", SC_LINK_DATE, SC_RF_DOB,
                               SC_RF_DOB) != SC_RF_DOB ||
        sc_link_spec_add_field(s, "sex", SC_LINK_CATEGORY, SC_RF_SEX,
                               SC_RF_SEX) != SC_RF_SEX) {
        snprintf(err, SC_ERRMSG_MAX, "review: cannot build the linkage "
                 "fields");
        return SC_EINVAL;
    }
    s->fields[SC_RF_GIVEN].partner = SC_RF_FAMILY;
    s->fields[SC_RF_FAMILY].partner = SC_RF_GIVEN;
    s->fields[SC_RF_GIVEN].tf = 1;
    s->fields[SC_RF_FAMILY].tf = 1;
    for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if ((rc = sc_link_spec_add_rule(s, rules[i], err)) < 0)
            return rc;
    return sc_link_spec_check(s, err);
}

/* The four values of a person as the index reads them. */
static void values_of(const char *given, const char *family, sc_date dob,
                      int female, char *dob_buf, const char **v)
{
    int y, m, d;

    sc_date_to_ymd(dob, &y, &m, &d);
    snprintf(dob_buf, 16, "%04d-%02d-%02d", y, m, d);
    v[SC_RF_GIVEN] = given;
    v[SC_RF_FAMILY] = family;
    v[SC_RF_DOB] = dob_buf;
    v[SC_RF_SEX] = female ? "F" : "M";
}

static int add_record(sc_link_table *t, const sc_record *r)
{
    char dob[16];
    const char *v[SC_RF_COUNT];

    values_of(r->given, r->family, r->dob, r->female, dob, v);
    return sc_link_table_add(t, v);
}

void review_record_of(const sc_review_index *ix, uint32_t g,
                      int *registry, uint32_t *id)
{
    int r = 0;

    while (r + 1 < SC_REG_COUNT && g >= ix->reg_base[r + 1])
        r++;
    *registry = r;
    *id = g - ix->reg_base[r];
}

void review_row_records(const sc_review_index *ix, uint32_t row,
                        const uint32_t **g, size_t *n)
{
    *g = ix->recs + ix->row_start[row];
    *n = ix->row_start[row + 1] - ix->row_start[row];
}

/* A 64-bit hash of the names and sex: FNV-1a (Fowler, Noll and Vo
 * 1991) through the MurmurHash3 finaliser (Appleby 2011). */
static uint64_t tuple_hash(const sc_record *r)
{
    uint64_t h = 1469598103934665603ULL;
    const unsigned char *s;

    for (s = (const unsigned char *)r->given; *s; s++)
        h = (h ^ *s) * 1099511628211ULL;
    h = (h ^ 0x1f) * 1099511628211ULL;
    for (s = (const unsigned char *)r->family; *s; s++)
        h = (h ^ *s) * 1099511628211ULL;
    h = (h ^ (0x80u | r->female)) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

typedef struct hitem {
    uint64_t hash;
    uint32_t g;
} hitem;

static int cmp_hitem(const void *pa, const void *pb)
{
    const hitem *a = pa, *b = pb;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->g < b->g ? -1 : (a->g > b->g);
}

/* Groups the records into rows (see the top of the file).  Records are
 * read in storage order only (the registries are gigabytes at 1:10, and
 * reading them in any other order is a cache miss a record): one pass
 * finds the range of dates, one counts records per date, one places
 * each record's number and name hash in its date's bucket.  Within a
 * date, records with the same name hash are one row: two different
 * names and sexes sharing a date and a 64-bit hash would share a row,
 * a chance of about N^2 / 2^64 / 25,000 dates, 1e-9 for the 19 million
 * records of a 1:10 run. */
static int build_rows(sc_review_index *ix, const sc_registries *reg,
                      char *err)
{
    size_t total = ix->reg_base[SC_REG_COUNT], nd = 0, i, d, maxb = 0;
    sc_date lo = INT32_MAX, hi = INT32_MIN;
    uint32_t *start = NULL, *order = NULL, *rs;
    uint64_t *hash = NULL;
    hitem *tb = NULL;
    size_t rows = 0;
    int r;

    for (r = 0; r < SC_REG_COUNT; r++)
        for (i = 0; i < sc_registries_count(reg, r); i++) {
            sc_date dob = sc_registries_record(reg, r, (uint32_t)i)->dob;
            if (dob < lo)
                lo = dob;
            if (dob > hi)
                hi = dob;
        }
    if (total)
        nd = (size_t)((int64_t)hi - lo + 1);
    start = calloc(nd + 2, sizeof *start);
    order = malloc((total ? total : 1) * sizeof *order);
    hash = malloc((total ? total : 1) * sizeof *hash);
    ix->row_start = malloc((total + 1) * sizeof *ix->row_start);
    if (!start || !order || !hash || !ix->row_start)
        goto nomem;

    /* Counting sort by date of birth, stable in record number: start[d
     * + 1] counts date d, then start[d] is where date d begins and, as
     * records are placed, start[d + 1] moves to where it ends. */
    for (r = 0; r < SC_REG_COUNT; r++)
        for (i = 0; i < sc_registries_count(reg, r); i++)
            start[sc_registries_record(reg, r, (uint32_t)i)->dob - lo + 2]++;
    for (d = 0; d < nd; d++) {
        if (start[d + 2] > maxb)
            maxb = start[d + 2];
        start[d + 2] += start[d + 1];
    }
    for (r = 0; r < SC_REG_COUNT; r++)
        for (i = 0; i < sc_registries_count(reg, r); i++) {
            const sc_record *rec = sc_registries_record(reg, r, (uint32_t)i);
            uint32_t at = start[rec->dob - lo + 1]++;

            order[at] = ix->reg_base[r] + (uint32_t)i;
            hash[at] = tuple_hash(rec);
        }

    tb = malloc((maxb ? maxb : 1) * sizeof *tb);
    if (!tb)
        goto nomem;
    for (d = 0; d < nd; d++) {
        size_t b0 = start[d], n = start[d + 1] - b0, k;

        for (k = 0; k < n; k++) {
            tb[k].hash = hash[b0 + k];
            tb[k].g = order[b0 + k];
        }
        qsort(tb, n, sizeof *tb, cmp_hitem);
        for (k = 0; k < n; k++) {
            if (k == 0 || tb[k].hash != tb[k - 1].hash)
                ix->row_start[rows++] = (uint32_t)(b0 + k);
            order[b0 + k] = tb[k].g;
        }
    }
    ix->row_start[rows] = (uint32_t)total;
    free(tb);
    free(hash);
    free(start);
    ix->recs = order;
    ix->rows = rows;
    rs = realloc(ix->row_start, (rows + 1) * sizeof *rs);
    if (rs)
        ix->row_start = rs;
    return 0;

nomem:
    free(tb);
    free(hash);
    free(start);
    free(order);
    snprintf(err, SC_ERRMSG_MAX, "out of memory building the review "
             "index");
    return SC_ENOMEM;
}

/* Renumbers the rows in the order of their first records, so that the
 * table the engine indexes is written in one pass over the registries in
 * storage order (7 million random reads of records cost seconds at
 * 1:10).  *first gets a bitmap of the rows' first records. */
static int reorder_rows(sc_review_index *ix, uint64_t **first)
{
    size_t total = ix->reg_base[SC_REG_COUNT], words = total / 64 + 1;
    size_t r, w;
    uint64_t *bits = calloc(words, sizeof *bits);
    uint32_t *rank = malloc((words + 1) * sizeof *rank);
    uint32_t *ns = calloc(ix->rows + 1, sizeof *ns);
    uint32_t *nr = malloc((total ? total : 1) * sizeof *nr);

    *first = NULL;
    if (!bits || !rank || !ns || !nr) {
        free(bits);
        free(rank);
        free(ns);
        free(nr);
        return SC_ENOMEM;
    }
    for (r = 0; r < ix->rows; r++) {
        uint32_t g = ix->recs[ix->row_start[r]];
        bits[g / 64] |= 1ULL << (g % 64);
    }
    rank[0] = 0;
    for (w = 0; w < words; w++)
        rank[w + 1] = rank[w] + (uint32_t)__builtin_popcountll(bits[w]);
    /* The new number of a row is the rank of its first record. */
    for (r = 0; r < ix->rows; r++) {
        uint32_t g = ix->recs[ix->row_start[r]];
        uint32_t k = rank[g / 64] + (uint32_t)__builtin_popcountll(
                         bits[g / 64] & ((1ULL << (g % 64)) - 1));
        ns[k + 1] = ix->row_start[r + 1] - ix->row_start[r];
    }
    for (r = 0; r < ix->rows; r++)
        ns[r + 1] += ns[r];
    for (r = 0; r < ix->rows; r++) {
        uint32_t g = ix->recs[ix->row_start[r]];
        uint32_t k = rank[g / 64] + (uint32_t)__builtin_popcountll(
                         bits[g / 64] & ((1ULL << (g % 64)) - 1));
        memcpy(nr + ns[k], ix->recs + ix->row_start[r],
               (ix->row_start[r + 1] - ix->row_start[r]) * sizeof *nr);
    }
    free(rank);
    free(ix->recs);
    free(ix->row_start);
    ix->recs = nr;
    ix->row_start = ns;
    *first = bits;
    return 0;
}

void sc_review_default_model(const sc_link_spec *s, double records,
                             sc_link_model *m)
{
    /* NAME levels: exact, jw92, jw85, dl2, swap, word, else.  m: a clerk
     * types a name right most of the time; u: random pairs of names
     * rarely come close (exact is replaced by the name's frequency). */
    static const double name_m[] = {0.85, 0.05, 0.02, 0.01, 0.02, 0.02,
                                    0.03};
    static const double name_u[] = {0.002, 0.003, 0.01, 0.005, 0.002,
                                    0.003, 0.975};
    /* DATE levels: exact, edit1, edit2, year, else; u for dates spread
     * over some 70 years. */
    static const double date_m[] = {0.95, 0.03, 0.005, 0.005, 0.01};
    static const double date_u[] = {4e-5, 5e-4, 3e-3, 0.015, 0.98146};
    size_t f;
    int l;

    sc_link_model_init(m, s);
    for (f = 0; f < s->nfields; f++) {
        int kind = s->fields[f].kind, L = sc_link_level_count(kind);

        for (l = 0; l < L; l++) {
            if (kind == SC_LINK_NAME && L == 7) {
                m->m[f][l] = name_m[l];
                m->u[f][l] = name_u[l];
            } else if (kind == SC_LINK_DATE && L == 5) {
                m->m[f][l] = date_m[l];
                m->u[f][l] = date_u[l];
            } else if (kind == SC_LINK_CATEGORY && L == 2) {
                m->m[f][l] = l == 0 ? 0.98 : 0.02;
                m->u[f][l] = 0.5;
            }
        }
    }
    m->m_swap2 = 0.02;
    m->lambda = records > DEFAULT_PER_PERSON
                    ? DEFAULT_PER_PERSON / records : 0.5;
    sc_link_model_finish(m);
}

/* Whether an identifier falls in the hashed subset (see the top). */
static int in_sample(uint64_t seed, int which, uint32_t id, uint64_t cut)
{
    return id != 0 &&
           sc_hash3(seed, ((uint64_t)SC_STAGE_REVIEW << 8) | (unsigned)which,
                    id) <= cut;
}

/* The candidate pairs of the sample index, as sc_link_pairs_compute
 * would give them: each row queried against the index, the rows above
 * it kept.  (sc_link_pairs_compute is not used: it passes a null
 * pointer to memcpy for a chunk of rows without pairs, which UBSan
 * rejects; the pairs and their comparison vectors are the same.)  The
 * model is a placeholder: levels do not depend on it. */
static int sample_pairs(const sc_link_index *six, const sc_link_table *t,
                        sc_link_pairs *out)
{
    sc_link_query *q = NULL;
    sc_link_model m;
    size_t cap = 0, a;
    int rc;

    memset(out, 0, sizeof *out);
    sc_link_model_init(&m, sc_link_index_spec(six));
    if ((rc = sc_link_query_create(six, &q)) < 0)
        return rc;
    for (a = 0; a < sc_link_table_rows(t); a++) {
        const char *v[SC_RF_COUNT];
        const sc_link_hit *h;
        size_t n, k;

        sc_link_table_row(t, a, v);
        if ((rc = sc_link_query_run(q, &m, v, 0.0, &h, &n)) < 0)
            break;
        for (k = 0; k < n; k++) {
            if (h[k].row <= a)
                continue;
            if (out->n == cap) {
                size_t nc = cap ? 2 * cap : 4096;
                uint32_t *na = realloc(out->a, nc * sizeof *na);
                uint32_t *nb = na ? realloc(out->b, nc * sizeof *nb) : NULL;
                uint64_t *ng;

                if (na)
                    out->a = na;
                if (nb)
                    out->b = nb;
                ng = nb ? realloc(out->gamma, nc * sizeof *ng) : NULL;
                if (!ng) {
                    rc = SC_ENOMEM;
                    break;
                }
                out->gamma = ng;
                cap = nc;
            }
            out->a[out->n] = (uint32_t)a;
            out->b[out->n] = h[k].row;
            out->gamma[out->n] = h[k].gamma;
            out->n++;
        }
        if (rc < 0 || out->n > SAMPLE_MAX_PAIRS) {
            rc = rc < 0 ? rc : SC_ERANGE;
            break;
        }
    }
    sc_link_query_destroy(q);
    if (rc == 0) {
        out->weight = calloc(out->n ? out->n : 1, sizeof *out->weight);
        if (!out->weight)
            rc = SC_ENOMEM;
    }
    if (rc < 0) {
        sc_link_pairs_release(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* Trains ix->model on the identifier sample; keeps the default model
 * when the sample is too small or training fails. */
static int train(sc_review_index *ix, const sc_params *p,
                 const sc_registries *reg, const sc_link_spec *spec,
                 int threads, char *err)
{
    sc_review_train_info *info = &ix->info;
    sc_link_table *t = NULL;
    sc_link_index *six = NULL;
    sc_link_pairs pairs;
    sc_link_opts o;
    sc_link_model m;
    uint64_t with_ids = 0, cut;
    double frac;
    char msg[SC_ERRMSG_MAX];
    int r, rc;
    size_t i;

    memset(&pairs, 0, sizeof pairs);
    for (r = 0; r < SC_REG_COUNT; r++)
        for (i = 0; i < sc_registries_count(reg, r); i++) {
            const sc_record *rec = sc_registries_record(reg, r, (uint32_t)i);
            with_ids += rec->anum != 0 || rec->fin != 0;
        }
    frac = with_ids > SAMPLE_TARGET ? SAMPLE_TARGET / (double)with_ids : 1;
    cut = frac >= 1 ? UINT64_MAX
                    : (uint64_t)(frac * 18446744073709551616.0);
    if ((rc = sc_link_table_create(SC_RF_COUNT, &t)) < 0)
        goto nomem;
    for (r = 0; r < SC_REG_COUNT; r++)
        for (i = 0; i < sc_registries_count(reg, r); i++) {
            const sc_record *rec = sc_registries_record(reg, r, (uint32_t)i);

            if ((in_sample(p->seed, 1, rec->anum, cut) ||
                 in_sample(p->seed, 2, rec->fin, cut)) &&
                add_record(t, rec) < 0)
                goto nomem;
        }
    info->sample = sc_link_table_rows(t);
    if (info->sample < SAMPLE_MIN)
        goto keep_default;

    sc_link_opts_init(&o);
    o.threads = threads;
    o.seed = sc_hash3(p->seed, SC_STAGE_REVIEW, 0);
    rc = sc_link_index_create(spec, t, NULL, threads, &six, msg);
    if (rc == SC_ENOMEM)
        goto nomem;
    if (rc < 0)
        goto keep_default;
    rc = sample_pairs(six, t, &pairs);
    sc_link_table_destroy(t);
    t = NULL;
    if (rc == SC_ENOMEM)
        goto nomem;
    if (rc < 0)
        goto keep_default;
    info->pairs = pairs.n;
    rc = sc_link_train(six, &pairs, &o, &m, msg);
    if (rc == SC_ENOMEM)
        goto nomem;
    if (rc < 0 || !(m.matches > 0))
        goto keep_default;
    info->trained = 1;
    info->iterations = m.iterations;
    info->matches = m.matches;
    info->per_person = 1 + 2 * m.matches / (double)info->sample;
    m.lambda = info->per_person / (double)info->records;
    if (m.lambda > 0.5)
        m.lambda = 0.5;
    sc_link_model_finish(&m);
    ix->model = m;
    info->lambda = m.lambda;

keep_default:
    sc_link_pairs_release(&pairs);
    sc_link_index_destroy(six);
    sc_link_table_destroy(t);
    return 0;

nomem:
    sc_link_pairs_release(&pairs);
    sc_link_index_destroy(six);
    sc_link_table_destroy(t);
    snprintf(err, SC_ERRMSG_MAX, "out of memory training the review "
             "model");
    return SC_ENOMEM;
}

/* ---- records outside the index ---- */

static uint64_t tf_hash(size_t f, const char *v, size_t len)
{
    return link_hash_mix(link_hash(v, len), (uint64_t)f + 1);
}

/* The slot of key k: its own, or the empty one where it would go. */
static size_t tf_slot(const sc_review_index *ix, uint64_t k)
{
    size_t i = (size_t)link_hash_u64(k) & ix->tf_mask;

    while (ix->tf_key[i] != 0 && ix->tf_key[i] != k)
        i = (i + 1) & ix->tf_mask;
    return i;
}

static int tf_grow(sc_review_index *ix)
{
    size_t cap = ix->tf_key ? 2 * (ix->tf_mask + 1) : 4096, i;
    uint64_t *ok = ix->tf_key;
    uint32_t *oc = ix->tf_cnt;
    size_t om = ix->tf_key ? ix->tf_mask + 1 : 0;

    ix->tf_key = calloc(cap, sizeof *ix->tf_key);
    ix->tf_cnt = calloc(cap, sizeof *ix->tf_cnt);
    if (!ix->tf_key || !ix->tf_cnt) {
        free(ix->tf_key);
        free(ix->tf_cnt);
        ix->tf_key = ok;
        ix->tf_cnt = oc;
        return SC_ENOMEM;
    }
    ix->tf_mask = cap - 1;
    for (i = 0; i < om; i++)
        if (ok[i]) {
            size_t j = tf_slot(ix, ok[i]);

            ix->tf_key[j] = ok[i];
            ix->tf_cnt[j] = oc[i];
        }
    free(ok);
    free(oc);
    return 0;
}

/* One pass over the rows: every distinct value of a term-frequency
 * field with the count the engine gave it (the same for every row that
 * holds it). */
static int build_tf(sc_review_index *ix)
{
    const sc_link_index *li = ix->ix;
    const sc_link_spec *spec = &li->spec;
    size_t r, f;
    int rc;

    if ((rc = tf_grow(ix)) < 0)
        return rc;
    for (r = 0; r < li->b.n; r++) {
        link_rec rec;

        link_side_rec(&li->b, spec, r, &rec);
        for (f = 0; f < spec->nfields; f++) {
            uint64_t k;
            size_t j;

            if (!spec->fields[f].tf || !li->tf_count[f] || !rec.len[f])
                continue;
            k = tf_hash(f, rec.v[f], rec.len[f]);
            j = tf_slot(ix, k);
            if (ix->tf_key[j])
                continue;
            if (2 * (ix->tf_used + 1) > ix->tf_mask + 1) {
                if ((rc = tf_grow(ix)) < 0)
                    return rc;
                j = tf_slot(ix, k);
            }
            ix->tf_key[j] = k;
            ix->tf_cnt[j] = li->tf_count[f][r];
            ix->tf_used++;
        }
    }
    return 0;
}

static uint32_t tf_count_of(const sc_review_index *ix, size_t f,
                            const char *v, size_t len)
{
    size_t j;

    if (!ix->tf_key || !len)
        return 0;
    j = tf_slot(ix, tf_hash(f, v, len));
    return ix->tf_key[j] ? ix->tf_cnt[j] : 0;
}

/* link_score for a record outside the index, a query's frequencies
 * (the value's count over all values, at least 1). */
static double score_outside(const sc_review_index *ix, const link_rec *r,
                            uint64_t gamma)
{
    const sc_link_index *li = ix->ix;
    const sc_link_spec *s = &li->spec;
    const sc_link_model *m = &ix->model;
    size_t F = s->nfields, f, i, j;
    double w = m->prior;
    int g = m->pair[0], h = m->pair[1];
    int lg = g >= 0 ? sc_link_gamma_level(gamma, (size_t)g) : -1;
    int lh = h >= 0 ? sc_link_gamma_level(gamma, (size_t)h) : -1;
    int both = g >= 0 && h >= 0 && lg == lh && lg == LINK_NAME_SWAP;

    if (both)
        w += m->w_swap2;
    for (f = 0; f < F; f++) {
        int l = sc_link_gamma_level(gamma, f);
        uint32_t c;

        if (l == SC_LINK_NULL ||
            (both && ((int)f == g || (int)f == h)))
            continue;
        c = l == 0 && s->fields[f].tf && li->tf_count[f]
                ? tf_count_of(ix, f, r->v[f], r->len[f]) : 0;
        if (c > 0) {
            double tot = li->tf_total[f] > 1 ? li->tf_total[f] : 1;
            double mm = m->m[f][0] > 1e-300 ? m->m[f][0] : 1e-300;

            w += log2(mm) - log2((double)c / tot);
        } else {
            w += m->w[f][l];
        }
    }
    for (i = 0; i < F; i++) {
        if (sc_link_gamma_level(gamma, i) != 0)
            continue;
        for (j = i + 1; j < F; j++)
            if (sc_link_gamma_level(gamma, j) == 0)
                w += m->w_rho[i][j];
    }
    return w;
}

int sc_review_index_score(const sc_review_index *ix, const sc_booking *b,
                          const sc_record *rec, sc_link_hit *hit)
{
    const sc_link_index *li = ix->ix;
    char qb[SC_RF_COUNT][SC_LINK_VALUE_MAX], rb[SC_RF_COUNT][SC_LINK_VALUE_MAX];
    char qd[16], rd[16];
    const char *qv[SC_RF_COUNT], *rv[SC_RF_COUNT];
    uint64_t qk[SC_LINK_RULES_MAX], rk[SC_LINK_RULES_MAX];
    link_rec qr, rr;
    size_t r;
    int paired = 0;
    double w;

    memset(hit, 0, sizeof *hit);
    if (!li || (!b->given[0] && !b->family[0]))
        return 0;
    values_of(b->given, b->family, b->dob, b->female, qd, qv);
    values_of(rec->given, rec->family, rec->dob, rec->female, rd, rv);
    link_prepare_one(&li->spec, 0, qv, qb, &qr, NULL, qk);
    link_prepare_one(&li->spec, 1, rv, rb, &rr, NULL, rk);
    for (r = 0; r < li->spec.nrules && !paired; r++)
        paired = qk[r] != 0 && qk[r] == rk[r];
    if (!paired)
        return 0;
    hit->gamma = link_compare(&li->spec, &qr, &rr);
    w = score_outside(ix, &rr, hit->gamma);
    hit->weight = (float)w;
    hit->prob = (float)sc_link_prob(w);
    return 1;
}

int sc_review_index_create(const sc_params *p, const sc_registries *reg,
                           int threads, sc_review_index **out, char *err)
{
    sc_review_index *ix;
    sc_link_table *t = NULL;
    sc_link_spec spec;
    uint64_t total = 0, *first = NULL;
    size_t i;
    int r, rc;

    *out = NULL;
    if (threads < 1)
        threads = 1;
    if ((rc = build_spec(&spec, err)) < 0)
        return rc;
    ix = calloc(1, sizeof *ix);
    if (!ix) {
        snprintf(err, SC_ERRMSG_MAX, "out of memory building the review "
                 "index");
        return SC_ENOMEM;
    }
    ix->spec = spec;
    for (r = 0; r < SC_REG_COUNT; r++) {
        ix->reg_base[r] = (uint32_t)total;
        total += sc_registries_count(reg, r);
    }
    if (total >= UINT32_MAX) {
        snprintf(err, SC_ERRMSG_MAX, "review: %llu registry records are "
                 "more than the index holds", (unsigned long long)total);
        free(ix);
        return SC_ERANGE;
    }
    ix->reg_base[SC_REG_COUNT] = (uint32_t)total;
    ix->info.records = total;

    if ((rc = build_rows(ix, reg, err)) < 0)
        goto fail;
    ix->info.rows = ix->rows;

    rc = reorder_rows(ix, &first);
    if (rc == 0)
        rc = sc_link_table_create(SC_RF_COUNT, &t);
    for (r = 0; rc == 0 && r < SC_REG_COUNT; r++)
        for (i = 0; rc == 0 && i < sc_registries_count(reg, r); i++) {
            uint32_t g = ix->reg_base[r] + (uint32_t)i;

            if (first[g / 64] >> (g % 64) & 1)
                rc = add_record(t, sc_registries_record(reg, r,
                                                        (uint32_t)i));
        }
    free(first);
    if (rc < 0) {
        snprintf(err, SC_ERRMSG_MAX, "out of memory building the review "
                 "index");
        goto fail;
    }
    /* No records, no index: every search then finds nothing.  The
     * engine frees the table once it has read it, before the blocks are
     * built (the table is some 50 bytes a row). */
    if (ix->rows > 0)
        rc = link_index_create_consume(&spec, t, threads, &ix->ix, err);
    else
        sc_link_table_destroy(t);
    t = NULL;
    if (rc < 0)
        goto fail;

    sc_review_default_model(&spec, (double)total, &ix->model);
    ix->info.per_person = DEFAULT_PER_PERSON;
    ix->info.lambda = ix->model.lambda;
    if ((rc = train(ix, p, reg, &spec, threads, err)) < 0)
        goto fail;
    if (ix->ix && (rc = build_tf(ix)) < 0) {
        snprintf(err, SC_ERRMSG_MAX, "out of memory building the review "
                 "index");
        goto fail;
    }
    *out = ix;
    return 0;

fail:
    sc_link_table_destroy(t);
    sc_review_index_destroy(ix);
    return rc;
}

void sc_review_index_destroy(sc_review_index *ix)
{
    if (!ix)
        return;
    free(ix->tf_key);
    free(ix->tf_cnt);
    sc_link_index_destroy(ix->ix);
    free(ix->row_start);
    free(ix->recs);
    free(ix);
}

const sc_link_index *sc_review_index_link(const sc_review_index *ix)
{
    return ix->ix;
}

const sc_link_spec *sc_review_index_spec(const sc_review_index *ix)
{
    return &ix->spec;
}

const sc_link_model *sc_review_index_model(const sc_review_index *ix)
{
    return &ix->model;
}

const sc_review_train_info *sc_review_index_info(const sc_review_index *ix)
{
    return &ix->info;
}

int sc_review_index_set_model(sc_review_index *ix, const sc_link_model *m)
{
    if (m->nfields != SC_RF_COUNT)
        return SC_EINVAL;
    ix->model = *m;
    sc_link_model_finish(&ix->model);
    ix->info.lambda = ix->model.lambda;
    return 0;
}

int sc_review_scratch_create(const sc_review_index *ix,
                             sc_review_scratch **out)
{
    sc_review_scratch *q = calloc(1, sizeof *q);

    *out = NULL;
    if (!q)
        return SC_ENOMEM;
    q->ix = ix;
    if (ix->ix && sc_link_query_create(ix->ix, &q->q) < 0) {
        free(q);
        return SC_ENOMEM;
    }
    *out = q;
    return 0;
}

void sc_review_scratch_destroy(sc_review_scratch *q)
{
    if (!q)
        return;
    sc_link_query_destroy(q->q);
    free(q);
}

int review_search(const sc_review_index *ix, sc_review_scratch *q,
                  const sc_booking *b, double min_prob,
                  const sc_link_hit **hits, size_t *n)
{
    char dob[16];
    const char *v[SC_RF_COUNT];

    if (!q->q) {
        *hits = NULL;
        *n = 0;
        return 0;
    }
    values_of(b->given, b->family, b->dob, b->female, dob, v);
    return sc_link_query_run(q->q, &ix->model, v, min_prob, hits, n);
}
