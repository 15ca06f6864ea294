/*
 * registry.c - the federal databases, written from the world's histories.
 *
 * Each person's events are walked once, in date order, with the stream
 * (seed, SC_STAGE_REGISTRY, person), and every event writes the records a
 * real agency would have written for it -- or fails to: a record can be
 * omitted, never posted, posted late, typed with a wrong name or date of
 * birth, or filed under someone else's A-number.  The recording model is
 * documented rule by rule in docs/recording-model.md.
 *
 * Data structure: per registry, sc_record (96 bytes) and their true
 * subjects in fixed blocks of 8,192 that are never moved, and three sorted
 * indexes of record ids in which every key's ids form one contiguous
 * ascending run: by A-number, by FIN, and by sc_search_key() of the
 * family name and date of birth.  An index keeps 16 bits of each key
 * after a directory by the top bits (6 bytes an entry, not 8 or 12).  The
 * person -> FIN enrolment map (the enrolled persons, ascending: about one
 * person in nine is enrolled, so a map indexed by person would be mostly
 * zeros) and the sorted gallery of FINs serve the biometric matcher.
 * FINs are issued in person order, so the i-th enrolled person's FIN is
 * i + 1 and the gallery is 1..n: neither is stored unless hand-made
 * registries break that order.  The 19 million records of a 1:10 run
 * take 2.1 GB with their indexes, next to 1.8 GB of world.
 *
 * Workload: written once per run (about 1.9 million records at 1:100,
 * nearly all about the foreign-born), in chunks of persons on
 * p->threads threads, merged in person order so the output never
 * depends on the threads; then read by the review, a few binary searches
 * per query.  Indexes are built by a counting sort (identifiers) or a
 * counting pass on the top bits and a sort of each small bucket (search
 * keys), so ids within a key stay ascending.
 */
#include "scomm/registry.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <unistd.h>

#include "scomm/geo.h"

#define YEAR_DAYS 365.2425
#define REG_MAX_THREADS 16

/* A sorted index of keys (A-numbers, FINs or search keys) without the
 * keys themselves: a directory by the key's top bits (key >> shift) gives
 * each bucket's run of positions, and `lo` holds the next 16 bits of
 * each key, enough to binary-search within a bucket.  For identifiers
 * (shift 16) that is the whole key; for the 64-bit search keys it is the
 * top 17 to 40 bits, and the rest is checked on the records themselves.
 * 6 bytes per entry instead of 8 or 12: 150 MB less at 1:10. */
typedef struct cidx {
    uint32_t *dir;       /* n_dir + 1 entries: bucket h is [dir[h],
                            dir[h + 1]) */
    uint16_t *lo;
    uint32_t *ids;       /* record ids, in key order, then id order */
    size_t n, n_dir;
    unsigned shift;
} cidx;

/* Records live in blocks that are never moved or grown: a chunk of
 * persons writes its own blocks, and merging hands them over to the
 * registry without copying 96-byte records.  Blocks may be partly
 * filled, so a record id is found by binary search on the blocks' first
 * ids. */
#define BLOCK_RECORDS 8192

/* The person each record is truly about is kept as an offset from the
 * first person of the chunk that wrote the block (chunks span at most
 * CHUNK_MAX = 65,536 persons), in 2 bytes rather than 4; blocks filled
 * by sc_registries_add() keep whole ids. */
typedef struct block {
    sc_record *rec;
    uint32_t *subject;   /* whole ids, or NULL */
    uint16_t *sub16;     /* offsets from sub_base, or NULL */
    uint32_t sub_base;
    size_t base, n;      /* ids [base, base + n) */
} block;

typedef struct table {
    block *b;
    size_t nb, cap_b;
    size_t n;            /* records */
    int narrow;          /* new blocks store subjects as offsets */
    uint32_t sub_base;   /* from this person */
    cidx by_anum, by_fin, by_key;
} table;

struct sc_registries {
    table t[SC_REG_COUNT];
    uint32_t *enr_person; /* enrolled persons, ascending */
    uint32_t *enr_fin;    /* the FIN of each; NULL: FIN i + 1 */
    size_t n_enr, cap_enr;
    uint32_t *gallery;   /* every FIN, ascending; NULL: 1..n_gallery */
    size_t n_gallery;
    /* A-numbers, by number (entry 0 unused): the person each was issued
     * to, and the A-numbers the file names as the mother's and father's
     * (2 per A-number).  Issued in person order by sc_registries_create,
     * so owners ascend and a person's A-number is a binary search away;
     * hand-made registries may break that order (anum_sorted 0). */
    uint32_t *anum_owner;
    uint32_t *anum_parents;
    size_t n_anums, cap_anums;  /* highest A-number + 1 in use */
    int anum_sorted;
    int threads;         /* for building indexes; 0 = all processors */
};

/* ------------------------------------------------------------------ */
/* Storage                                                             */
/* ------------------------------------------------------------------ */

int sc_registries_create_empty(sc_registries **out)
{
    sc_registries *r = calloc(1, sizeof *r);
    if (!r)
        return SC_ENOMEM;
    *out = r;
    return 0;
}

static void free_blocks(table *t)
{
    for (size_t i = 0; i < t->nb; i++) {
        free(t->b[i].rec);
        free(t->b[i].subject);
        free(t->b[i].sub16);
    }
    free(t->b);
    t->b = NULL;
    t->nb = t->cap_b = t->n = 0;
}

static void free_cidx(cidx *ix)
{
    free(ix->dir);
    free(ix->lo);
    free(ix->ids);
    memset(ix, 0, sizeof *ix);
}

static void free_indexes(table *t)
{
    free_cidx(&t->by_anum);
    free_cidx(&t->by_fin);
    free_cidx(&t->by_key);
}

void sc_registries_destroy(sc_registries *r)
{
    if (!r)
        return;
    for (int i = 0; i < SC_REG_COUNT; i++) {
        free_blocks(&r->t[i]);
        free_indexes(&r->t[i]);
    }
    free(r->enr_person);
    free(r->enr_fin);
    free(r->gallery);
    free(r->anum_owner);
    free(r->anum_parents);
    free(r);
}

/* A free slot at the end of the table for a record about `subject`; the
 * caller fills the record. */
static int table_push(table *t, sc_record **rec, uint32_t subject)
{
    block *last = t->nb ? &t->b[t->nb - 1] : NULL;
    if (t->n >= UINT32_MAX - 1)
        return SC_ERANGE;
    if (!last || last->n == BLOCK_RECORDS) {
        if (t->nb == t->cap_b) {
            size_t cap = t->cap_b ? 2 * t->cap_b : 16;
            block *nb = realloc(t->b, cap * sizeof *nb);
            if (!nb)
                return SC_ENOMEM;
            t->b = nb;
            t->cap_b = cap;
        }
        block nbk;
        memset(&nbk, 0, sizeof nbk);
        nbk.rec = malloc(BLOCK_RECORDS * sizeof *nbk.rec);
        if (t->narrow) {
            nbk.sub16 = malloc(BLOCK_RECORDS * sizeof *nbk.sub16);
            nbk.sub_base = t->sub_base;
        } else {
            nbk.subject = malloc(BLOCK_RECORDS * sizeof *nbk.subject);
        }
        if (!nbk.rec || (!nbk.sub16 && !nbk.subject)) {
            free(nbk.rec);
            free(nbk.sub16);
            free(nbk.subject);
            return SC_ENOMEM;
        }
        nbk.base = t->n;
        nbk.n = 0;
        t->b[t->nb++] = nbk;
        last = &t->b[t->nb - 1];
    }
    if (last->sub16) {
        assert(subject >= last->sub_base &&
               subject - last->sub_base <= UINT16_MAX);
        last->sub16[last->n] = (uint16_t)(subject - last->sub_base);
    } else {
        last->subject[last->n] = subject;
    }
    *rec = &last->rec[last->n];
    last->n++;
    t->n++;
    return 0;
}

/* Moves every block of src to the end of dst (src is left empty). */
static int table_adopt(table *dst, table *src)
{
    if (dst->n + src->n >= UINT32_MAX)
        return SC_ERANGE;
    if (dst->nb + src->nb > dst->cap_b) {
        size_t cap = dst->cap_b ? dst->cap_b : 16;
        while (cap < dst->nb + src->nb)
            cap *= 2;
        block *nb = realloc(dst->b, cap * sizeof *nb);
        if (!nb)
            return SC_ENOMEM;
        dst->b = nb;
        dst->cap_b = cap;
    }
    for (size_t i = 0; i < src->nb; i++) {
        block bk = src->b[i];
        bk.base = dst->n;
        dst->b[dst->nb++] = bk;
        dst->n += bk.n;
    }
    free(src->b);
    memset(src, 0, sizeof *src);
    return 0;
}

/* The block holding record id (id < t->n). */
static const block *table_block(const table *t, size_t id)
{
    size_t lo = 0, hi = t->nb;
    while (hi - lo > 1) { /* last block with base <= id */
        size_t mid = lo + (hi - lo) / 2;
        if (t->b[mid].base <= id)
            lo = mid;
        else
            hi = mid;
    }
    return &t->b[lo];
}

static sc_record *table_rec(const table *t, size_t id)
{
    const block *b = table_block(t, id);
    return &b->rec[id - b->base];
}

int sc_registries_add(sc_registries *r, const sc_record *rec,
                      uint32_t subject, uint32_t *id)
{
    if (!r || !rec || rec->registry >= SC_REG_COUNT)
        return SC_EINVAL;
    table *t = &r->t[rec->registry];
    sc_record *slot;
    int rc = table_push(t, &slot, subject);
    if (rc < 0)
        return rc;
    *slot = *rec;
    if (id)
        *id = (uint32_t)(t->n - 1);
    return 0;
}

/* Room for `more` enrolments. */
static int reserve_enrolled(sc_registries *r, size_t more)
{
    if (r->n_enr + more <= r->cap_enr)
        return 0;
    size_t cap = r->cap_enr ? r->cap_enr : 256;
    while (cap < r->n_enr + more)
        cap *= 2;
    uint32_t *np = realloc(r->enr_person, cap * sizeof *np);
    if (!np)
        return SC_ENOMEM;
    r->enr_person = np;
    if (r->enr_fin) {
        uint32_t *nf = realloc(r->enr_fin, cap * sizeof *nf);
        if (!nf)
            return SC_ENOMEM;
        r->enr_fin = nf;
    }
    r->cap_enr = cap;
    return 0;
}

/* Stores the FINs explicitly, when one is about to break the order. */
static int enrolled_fins_explicit(sc_registries *r)
{
    if (r->enr_fin)
        return 0;
    size_t cap = r->cap_enr ? r->cap_enr : 1;
    uint32_t *nf = malloc(cap * sizeof *nf);
    if (!nf)
        return SC_ENOMEM;
    for (size_t i = 0; i < r->n_enr; i++)
        nf[i] = (uint32_t)(i + 1);
    r->enr_fin = nf;
    return 0;
}

static uint32_t enrolled_fin(const sc_registries *r, size_t i)
{
    return r->enr_fin ? r->enr_fin[i] : (uint32_t)(i + 1);
}

/* Gives back the unused capacity once every person is enrolled. */
static void shrink_enrolled(sc_registries *r)
{
    size_t n = r->n_enr ? r->n_enr : 1;
    if (r->cap_enr <= n)
        return;
    uint32_t *np = realloc(r->enr_person, n * sizeof *np);
    if (np)
        r->enr_person = np;
    uint32_t *nf = r->enr_fin ? realloc(r->enr_fin, n * sizeof *nf) : NULL;
    if (nf)
        r->enr_fin = nf;
    if (np && (nf || !r->enr_fin))
        r->cap_enr = n;
}

/* The position of person among the enrolled, or where it would go. */
static size_t enrolled_pos(const sc_registries *r, uint32_t person)
{
    size_t lo = 0, hi = r->n_enr;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->enr_person[mid] < person)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int sc_registries_enroll(sc_registries *r, uint32_t person, uint32_t fin)
{
    if (!r || person == SC_NONE)
        return SC_EINVAL;
    /* Persons come in ascending order when the registries are written
     * from the world: appending is the rule, inserting the exception. */
    size_t i = r->n_enr && r->enr_person[r->n_enr - 1] >= person
                   ? enrolled_pos(r, person)
                   : r->n_enr;
    int found = i < r->n_enr && r->enr_person[i] == person;
    if (!r->enr_fin &&
        (found ? fin != i + 1 : i != r->n_enr || fin != r->n_enr + 1) &&
        enrolled_fins_explicit(r) < 0)
        return SC_ENOMEM;
    if (found) {
        if (r->enr_fin)
            r->enr_fin[i] = fin;
        return 0;
    }
    if (reserve_enrolled(r, 1) < 0)
        return SC_ENOMEM;
    memmove(r->enr_person + i + 1, r->enr_person + i,
            (r->n_enr - i) * sizeof *r->enr_person);
    r->enr_person[i] = person;
    if (r->enr_fin) {
        memmove(r->enr_fin + i + 1, r->enr_fin + i,
                (r->n_enr - i) * sizeof *r->enr_fin);
        r->enr_fin[i] = fin;
    }
    r->n_enr++;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Threads                                                             */
/* ------------------------------------------------------------------ */

/* Work shared by the threads of one parallel step. */
typedef struct jobs {
    void (*fn)(void *ctx, size_t job, int thread);
    void *ctx;
    size_t n;
    int threads;
    int t;
} jobs;

static void *job_worker(void *arg)
{
    jobs *j = arg;
    for (size_t i = (size_t)j->t; i < j->n; i += (size_t)j->threads)
        j->fn(j->ctx, i, j->t);
    return NULL;
}

/* Runs jobs 0..n-1, job i on thread i mod threads (thread 0 is this
 * one); a thread that cannot start has its jobs run here. */
static void run_jobs(void (*fn)(void *, size_t, int), void *ctx, size_t n,
                     int threads)
{
    pthread_t tid[REG_MAX_THREADS];
    jobs j[REG_MAX_THREADS];
    int started[REG_MAX_THREADS] = {0};
    if ((size_t)threads > n)
        threads = (int)n;
    if (threads < 1)
        threads = 1;
    for (int t = 0; t < threads; t++) {
        j[t].fn = fn;
        j[t].ctx = ctx;
        j[t].n = n;
        j[t].threads = threads;
        j[t].t = t;
    }
    for (int t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, job_worker, &j[t]) == 0;
    job_worker(&j[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            job_worker(&j[t]);
    }
}

/* ------------------------------------------------------------------ */
/* Indexes                                                             */
/* ------------------------------------------------------------------ */

/* Scratch memory of one thread building indexes: sized once for the
 * largest registry and reused, since fresh pages are costly.  Two such
 * sets exist at once next to every record, so they are kept to 8 bytes
 * a record and 4 per identifier value. */
typedef struct scratch {
    void *keys;             /* per record: uint64_t search keys, uint32_t
                               identifiers, or uint64_t (key, id) pairs */
    uint32_t *count;        /* one counter per identifier value */
    size_t count_cap;
    struct pair *bucket;    /* one bucket of the search-key index */
    size_t bucket_cap;
} scratch;

typedef struct pair {
    uint64_t key;
    uint32_t id;
} pair;

/* Which key a record is indexed by. */
enum { KEY_ANUM, KEY_FIN, KEY_SEARCH };

static uint32_t record_id_key(const sc_record *rec, int which)
{
    return which == KEY_ANUM ? rec->anum : rec->fin;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Turns n keys sorted by (key, id) into the index's directory and 16-bit
 * parts: the keys' top bits (k >> shift) must be below `buckets`.
 * ix->ids is already filled. */
static int compact_keys(cidx *ix, const uint64_t *k, size_t n,
                        unsigned shift, size_t buckets)
{
    ix->dir = malloc((buckets + 1) * sizeof *ix->dir);
    ix->lo = malloc((n ? n : 1) * sizeof *ix->lo);
    if (!ix->dir || !ix->lo)
        return SC_ENOMEM;
    size_t i = 0;
    for (size_t h = 0; h < buckets; h++) {
        ix->dir[h] = (uint32_t)i;
        while (i < n && (k[i] >> shift) == h)
            i++;
    }
    assert(i == n);
    ix->dir[buckets] = (uint32_t)n;
    for (i = 0; i < n; i++)
        ix->lo[i] = (uint16_t)(k[i] >> (shift - 16));
    ix->n = n;
    ix->n_dir = buckets;
    ix->shift = shift;
    return 0;
}

/* The A-number or FIN index: records with a nonzero identifier, sorted by
 * it, ids ascending within an identifier.  Identifiers are issued densely
 * from 1, so a counting sort (one stable pass, Seward 1954) does it when
 * the largest is not much beyond the number of records, writing the
 * index directly; otherwise (hand-made registries only) a sort of
 * (key, id) pairs packed into 64 bits. */
static int build_idx32(const table *t, int which, cidx *ix, scratch *s)
{
    /* One pass over the records (96 bytes each) for the keys; the sort
     * then reads only the compact key array. */
    uint32_t *key = s->keys;
    size_t n = 0, k = 0;
    uint32_t max = 0;
    for (size_t bi = 0; bi < t->nb; bi++) {
        const block *b = &t->b[bi];
        for (size_t i = 0; i < b->n; i++) {
            uint32_t v = record_id_key(&b->rec[i], which);
            key[k++] = v;
            if (v) {
                n++;
                if (v > max)
                    max = v;
            }
        }
    }
    assert(k == t->n);
    size_t buckets = ((size_t)max >> 16) + 1;
    ix->ids = malloc((n ? n : 1) * sizeof *ix->ids);
    if (!ix->ids)
        return SC_ENOMEM;
    if ((size_t)max + 1 > s->count_cap) {
        uint64_t *pk = malloc((n ? n : 1) * sizeof *pk);
        if (!pk)
            return SC_ENOMEM;
        k = 0;
        for (size_t i = 0; i < t->n; i++)
            if (key[i])
                pk[k++] = (uint64_t)key[i] << 32 | i;
        qsort(pk, n, sizeof *pk, cmp_u64);
        for (size_t i = 0; i < n; i++) {
            ix->ids[i] = (uint32_t)pk[i];
            pk[i] >>= 32;
        }
        int rc = compact_keys(ix, pk, n, 16, buckets);
        free(pk);
        return rc;
    }
    ix->dir = malloc((buckets + 1) * sizeof *ix->dir);
    ix->lo = malloc((n ? n : 1) * sizeof *ix->lo);
    if (!ix->dir || !ix->lo)
        return SC_ENOMEM;
    uint32_t *count = s->count;
    memset(count, 0, ((size_t)max + 1) * sizeof *count);
    for (size_t i = 0; i < t->n; i++)
        count[key[i]]++;
    uint32_t sum = 0;
    count[0] = 0; /* records without the identifier are left out */
    for (size_t v = 1; v <= max; v++) {
        uint32_t c = count[v];
        count[v] = sum;
        sum += c;
    }
    for (size_t h = 0; h < buckets; h++)
        ix->dir[h] = count[h << 16];
    ix->dir[buckets] = (uint32_t)n;
    for (size_t i = 0; i < t->n; i++) {
        if (!key[i])
            continue;
        size_t pos = count[key[i]]++;
        ix->ids[pos] = (uint32_t)i;
        ix->lo[pos] = (uint16_t)key[i];
    }
    ix->n = n;
    ix->n_dir = buckets;
    ix->shift = 16;
    return 0;
}

/* Sorts one bucket of (key, id) pairs: insertion sort for the handful a
 * bucket holds on average, qsort beyond. */
static void sort_bucket(pair *p, size_t n)
{
    if (n > 32) {
        qsort(p, n, sizeof *p, cmp_pair);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        pair x = p[i];
        size_t j = i;
        while (j > 0 && cmp_pair(&x, &p[j - 1]) < 0) {
            p[j] = p[j - 1];
            j--;
        }
        p[j] = x;
    }
}

/* The search-key index: every record, sorted by the whole 64-bit key and
 * then by id (so that a key's records form one ascending run within the
 * run of its top bits), of which the index keeps the top b + 16 bits.  A
 * counting pass distributes the ids over 2^b buckets by the top b bits,
 * b chosen for some 16 records a bucket; each bucket is then sorted on
 * its own.  Its only scratch is the keys, 8 bytes a record. */
static int build_idx64(const table *t, cidx *ix, scratch *s)
{
    size_t n = t->n;
    uint64_t *k = s->keys;
    unsigned bits = 1;
    while (bits < 24 && ((size_t)16 << bits) < n)
        bits++;
    unsigned shift = 64 - bits;
    size_t buckets = (size_t)1 << bits;

    ix->ids = malloc((n ? n : 1) * sizeof *ix->ids);
    ix->dir = calloc(buckets + 1, sizeof *ix->dir);
    ix->lo = malloc((n ? n : 1) * sizeof *ix->lo);
    if (!ix->ids || !ix->dir || !ix->lo)
        return SC_ENOMEM;
    for (size_t bi = 0; bi < t->nb; bi++) {
        const block *b = &t->b[bi];
        for (size_t i = 0; i < b->n; i++) {
            uint64_t v = sc_search_key(b->rec[i].family, b->rec[i].dob);
            k[b->base + i] = v;
            ix->dir[(v >> shift) + 1]++;
        }
    }
    for (size_t h = 0; h < buckets; h++)
        ix->dir[h + 1] += ix->dir[h];
    /* Scatter in id order (dir[h] runs to the bucket's end), then step
     * the directory back to the buckets' starts. */
    for (size_t i = 0; i < n; i++)
        ix->ids[ix->dir[k[i] >> shift]++] = (uint32_t)i;
    memmove(ix->dir + 1, ix->dir, buckets * sizeof *ix->dir);
    ix->dir[0] = 0;
    for (size_t h = 0; h < buckets; h++) {
        size_t a = ix->dir[h], m = ix->dir[h + 1] - a;
        if (m > s->bucket_cap) {
            pair *nb = realloc(s->bucket, m * sizeof *nb);
            if (!nb)
                return SC_ENOMEM;
            s->bucket = nb;
            s->bucket_cap = m;
        }
        for (size_t i = 0; i < m; i++) {
            s->bucket[i].id = ix->ids[a + i];
            s->bucket[i].key = k[s->bucket[i].id];
        }
        sort_bucket(s->bucket, m);
        for (size_t i = 0; i < m; i++) {
            ix->ids[a + i] = s->bucket[i].id;
            ix->lo[a + i] = (uint16_t)(s->bucket[i].key >> (shift - 16));
        }
    }
    ix->n = n;
    ix->n_dir = buckets;
    ix->shift = shift;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The gallery: every FIN that is enrolled or carried by an IDENT record,
 * ascending and unique. */
static int build_gallery(sc_registries *r)
{
    const table *id = &r->t[SC_REG_IDENT];
    free(r->gallery);
    r->gallery = NULL;
    if (!r->enr_fin) {
        /* Enrolled: 1..n_enr.  The gallery is the same when no IDENT
         * record carries a FIN beyond them. */
        int serial = 1;
        for (size_t bi = 0; bi < id->nb && serial; bi++)
            for (size_t i = 0; i < id->b[bi].n; i++)
                if (id->b[bi].rec[i].fin > r->n_enr) {
                    serial = 0;
                    break;
                }
        if (serial) {
            r->n_gallery = r->n_enr;
            return 0;
        }
    }
    size_t cap = r->n_enr + id->n, n = 0;
    uint32_t *g = malloc((cap ? cap : 1) * sizeof *g);
    if (!g)
        return SC_ENOMEM;
    for (size_t i = 0; i < r->n_enr; i++)
        if (enrolled_fin(r, i))
            g[n++] = enrolled_fin(r, i);
    for (size_t bi = 0; bi < id->nb; bi++)
        for (size_t i = 0; i < id->b[bi].n; i++)
            if (id->b[bi].rec[i].fin)
                g[n++] = id->b[bi].rec[i].fin;
    qsort(g, n, sizeof *g, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || g[u - 1] != g[i])
            g[u++] = g[i];
    uint32_t *fit = realloc(g, (u ? u : 1) * sizeof *g);
    if (fit)
        g = fit;
    r->gallery = g;
    r->n_gallery = u;
    return 0;
}

typedef struct index_ctx {
    sc_registries *r;
    scratch *s;             /* one per thread */
    int rc[SC_REG_COUNT];
} index_ctx;

static void index_registry(void *ctx, size_t job, int thread)
{
    index_ctx *ic = ctx;
    table *t = &ic->r->t[job];
    scratch *s = &ic->s[thread];
    int rc = build_idx32(t, KEY_ANUM, &t->by_anum, s);
    if (rc == 0)
        rc = build_idx32(t, KEY_FIN, &t->by_fin, s);
    if (rc == 0)
        rc = build_idx64(t, &t->by_key, s);
    ic->rc[job] = rc;
}

int sc_registries_finish(sc_registries *r)
{
    index_ctx ic;
    size_t most = 1;
    int threads, rc = 0;
    if (!r)
        return SC_EINVAL;
    {
        sc_params tp;
        tp.threads = r->threads;
        threads = sc_params_threads(&tp, REG_MAX_THREADS);
    }
    if (threads > SC_REG_COUNT)
        threads = SC_REG_COUNT;
    memset(&ic, 0, sizeof ic);
    ic.r = r;
    for (int i = 0; i < SC_REG_COUNT; i++) {
        free_indexes(&r->t[i]);
        if (r->t[i].n > most)
            most = r->t[i].n;
    }
    ic.s = calloc((size_t)threads, sizeof *ic.s);
    if (!ic.s)
        return SC_ENOMEM;
    /* Counters: one per identifier value up to twice the records
     * (identifiers are dense). */
    size_t cc = 2 * most + 2;
    for (int t = 0; t < threads && rc == 0; t++) {
        scratch *s = &ic.s[t];
        s->keys = malloc(most * sizeof(uint64_t));
        s->count = malloc(cc * sizeof *s->count);
        s->count_cap = cc;
        if (!s->keys || !s->count)
            rc = SC_ENOMEM;
    }
    if (rc == 0) {
        run_jobs(index_registry, &ic, SC_REG_COUNT, threads);
        for (int i = 0; i < SC_REG_COUNT; i++)
            if (ic.rc[i] < 0)
                rc = ic.rc[i];
    }
    for (int t = 0; t < threads; t++) {
        free(ic.s[t].keys);
        free(ic.s[t].count);
        free(ic.s[t].bucket);
    }
    free(ic.s);
    if (rc < 0) {
        for (int i = 0; i < SC_REG_COUNT; i++)
            free_indexes(&r->t[i]);
        return rc;
    }
    return build_gallery(r);
}

/* The positions [*a, *b) of the entries whose bucket and 16 bits are
 * key's: the whole key for identifiers, its top bits for search keys. */
static void cidx_find(const cidx *ix, uint64_t key, size_t *a, size_t *b)
{
    uint64_t h = key >> ix->shift;
    *a = *b = 0;
    if (!ix->dir || h >= ix->n_dir)
        return;
    uint16_t v = (uint16_t)(key >> (ix->shift - 16));
    size_t lo = ix->dir[h], hi = ix->dir[h + 1];
    while (lo < hi) { /* lower bound of v */
        size_t mid = lo + (hi - lo) / 2;
        if (ix->lo[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *a = lo;
    hi = ix->dir[h + 1];
    while (lo < hi) { /* upper bound of v */
        size_t mid = lo + (hi - lo) / 2;
        if (ix->lo[mid] <= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    *b = lo;
}

static void find32(const cidx *ix, uint32_t key, const uint32_t **ids,
                   size_t *n)
{
    size_t a, b;
    cidx_find(ix, key, &a, &b);
    *ids = ix->ids ? ix->ids + a : NULL;
    *n = b - a;
}

void sc_registries_by_anum(const sc_registries *r, int registry,
                           uint32_t anum, const uint32_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    if (!r || registry < 0 || registry >= SC_REG_COUNT || anum == 0)
        return;
    find32(&r->t[registry].by_anum, anum, ids, n);
}

void sc_registries_by_fin(const sc_registries *r, int registry, uint32_t fin,
                          const uint32_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    if (!r || registry < 0 || registry >= SC_REG_COUNT || fin == 0)
        return;
    find32(&r->t[registry].by_fin, fin, ids, n);
}

static uint64_t record_key(const table *t, uint32_t id)
{
    const sc_record *rec = table_rec(t, id);
    return sc_search_key(rec->family, rec->dob);
}

void sc_registries_by_key(const sc_registries *r, int registry, uint64_t key,
                          const uint32_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    if (!r || registry < 0 || registry >= SC_REG_COUNT)
        return;
    const table *t = &r->t[registry];
    const cidx *ix = &t->by_key;
    size_t a, b;
    cidx_find(ix, key, &a, &b);
    /* The run shares the key's top bits and is sorted by the whole key:
     * its records with exactly this key are one stretch of it, found by
     * recomputing their keys (a run is a handful of records). */
    while (a < b && record_key(t, ix->ids[a]) < key)
        a++;
    size_t e = a;
    while (e < b && record_key(t, ix->ids[e]) == key)
        e++;
    *ids = ix->ids ? ix->ids + a : NULL;
    *n = e - a;
}

/* FNV-1a, 64-bit (Fowler, Noll and Vo, 1991), over the folded first word
 * of the family name and then the date of birth as four little-endian
 * bytes, so the key is the same on every platform. */
uint64_t sc_search_key(const char *family, sc_date dob)
{
    char word[SC_NAME_MAX], key[SC_NAME_MAX];
    size_t n = 0;
    if (family) {
        while (*family == ' ')
            family++;
        while (family[n] && family[n] != ' ' && n + 1 < sizeof word) {
            word[n] = family[n];
            n++;
        }
    }
    word[n] = '\0';
    sc_name_key(word, key);
    uint64_t h = 14695981039346656037ULL;
    for (const unsigned char *s = (const unsigned char *)key; *s; s++) {
        h ^= *s;
        h *= 1099511628211ULL;
    }
    uint32_t d = (uint32_t)dob;
    for (int i = 0; i < 4; i++) {
        h ^= (d >> (8 * i)) & 0xFF;
        h *= 1099511628211ULL;
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

size_t sc_registries_count(const sc_registries *r, int registry)
{
    if (!r || registry < 0 || registry >= SC_REG_COUNT)
        return 0;
    return r->t[registry].n;
}

const sc_record *sc_registries_record(const sc_registries *r, int registry,
                                      uint32_t id)
{
    if (!r || registry < 0 || registry >= SC_REG_COUNT ||
        id >= r->t[registry].n)
        return NULL;
    return table_rec(&r->t[registry], id);
}

uint32_t sc_registries_subject(const sc_registries *r, int registry,
                               uint32_t id)
{
    if (!r || registry < 0 || registry >= SC_REG_COUNT ||
        id >= r->t[registry].n)
        return SC_NONE;
    const block *b = table_block(&r->t[registry], id);
    if (b->sub16)
        return b->sub_base + b->sub16[id - b->base];
    return b->subject[id - b->base];
}

size_t sc_registries_gallery_size(const sc_registries *r)
{
    return r ? r->n_gallery : 0;
}

uint32_t sc_registries_gallery_fin(const sc_registries *r, size_t i)
{
    if (!r || i >= r->n_gallery)
        return 0;
    return r->gallery ? r->gallery[i] : (uint32_t)(i + 1);
}

uint32_t sc_registries_fin_of_person(const sc_registries *r,
                                     uint32_t person)
{
    if (!r)
        return 0;
    size_t i = enrolled_pos(r, person);
    return i < r->n_enr && r->enr_person[i] == person ? enrolled_fin(r, i) : 0;
}

/* Grows the A-number tables to hold `anum`; new entries are unowned. */
static int reserve_anums(sc_registries *r, size_t anum)
{
    if (anum < r->n_anums)
        return 0;
    if (anum >= r->cap_anums) {
        size_t cap = r->cap_anums ? r->cap_anums : 1024;
        while (cap <= anum)
            cap *= 2;
        uint32_t *o = realloc(r->anum_owner, cap * sizeof *o);
        if (!o)
            return SC_ENOMEM;
        r->anum_owner = o;
        uint32_t *pa = realloc(r->anum_parents, 2 * cap * sizeof *pa);
        if (!pa)
            return SC_ENOMEM;
        r->anum_parents = pa;
        r->cap_anums = cap;
    }
    for (size_t a = r->n_anums; a <= anum; a++) {
        r->anum_owner[a] = SC_NONE;
        r->anum_parents[2 * a] = r->anum_parents[2 * a + 1] = 0;
    }
    r->n_anums = anum + 1;
    return 0;
}

int sc_registries_set_anum(sc_registries *r, uint32_t anum, uint32_t person,
                           uint32_t mother_anum, uint32_t father_anum)
{
    if (!r || anum == 0)
        return SC_EINVAL;
    if (reserve_anums(r, anum) < 0)
        return SC_ENOMEM;
    r->anum_owner[anum] = person;
    r->anum_parents[2 * anum] = mother_anum;
    r->anum_parents[2 * anum + 1] = father_anum;
    r->anum_sorted = 0;
    return 0;
}

uint32_t sc_registries_anum_owner(const sc_registries *r, uint32_t anum)
{
    if (!r || anum == 0 || anum >= r->n_anums)
        return SC_NONE;
    return r->anum_owner[anum];
}

void sc_registries_afile_parents(const sc_registries *r, uint32_t anum,
                                 uint32_t out[2])
{
    out[0] = out[1] = 0;
    if (!r || anum == 0 || anum >= r->n_anums)
        return;
    out[0] = r->anum_parents[2 * anum];
    out[1] = r->anum_parents[2 * anum + 1];
}

uint32_t sc_registries_anum_of_person(const sc_registries *r,
                                      uint32_t person)
{
    if (!r || person == SC_NONE || r->n_anums < 2)
        return 0;
    if (!r->anum_sorted) {
        for (size_t a = 1; a < r->n_anums; a++)
            if (r->anum_owner[a] == person)
                return (uint32_t)a;
        return 0;
    }
    size_t lo = 1, hi = r->n_anums;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->anum_owner[mid] < person)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n_anums && r->anum_owner[lo] == person ? (uint32_t)lo
                                                            : 0;
}

const char *sc_registry_name(int registry)
{
    static const char *const names[SC_REG_COUNT] = {
        "IDENT", "A-FILE", "BENEFIT", "ENFORCE", "ARRIVAL"};
    if (registry < 0 || registry >= SC_REG_COUNT)
        return "?";
    return names[registry];
}

const char *sc_record_kind_name(int kind)
{
    static const char *const names[SC_REC_KIND_COUNT] = {
        "?",           "encounter", "A-file",  "N-400",  "I-485",
        "N-600",       "apprehension", "order", "removal", "arrival",
        "departure"};
    if (kind <= 0 || kind >= SC_REC_KIND_COUNT)
        return "?";
    return names[kind];
}

const char *sc_rec_status_name(int status)
{
    static const char *const names[SC_RS_COUNT] = {
        "none", "citizen", "LPR", "temporary", "no status", "ordered",
        "removed"};
    if (status < 0 || status >= SC_RS_COUNT)
        return "?";
    return names[status];
}

/* ------------------------------------------------------------------ */
/* Writing the registries from the world                               */
/* ------------------------------------------------------------------ */

/* Persons are written in chunks, each into its own local tables with
 * local A-numbers and FINs counted from 1; chunks are merged in person
 * order, shifting the local numbers by those issued in earlier chunks.
 * The result is what one pass in person order would write, whatever the
 * chunk size and the number of threads. */
#define CHUNK_MIN 1024
#define CHUNK_MAX 65536

typedef struct rchunk {
    uint32_t first, n;           /* persons [first, first + n) */
    table t[SC_REG_COUNT];       /* records only, no indexes */
    uint32_t n_anum, n_fin;      /* local identifiers issued */
    uint32_t *enroll;            /* (person, local FIN) pairs */
    size_t n_enroll, cap_enroll;
    uint64_t *mis;               /* (registry << 32 | local id) to refile */
    size_t n_mis, cap_mis;
    uint32_t *owner;             /* the person of local A-number i + 1 */
    size_t cap_owner;
    int rc;
} rchunk;

/* What every chunk reads. */
typedef struct rconf {
    const sc_params *p;
    const sc_world *w;
    sc_name_noise noise, noise_ea; /* East Asian names swap more often */
    sc_date usvisit, y1996;
} rconf;

/* The person being walked. */
typedef struct pstate {
    const rconf *c;
    rchunk *out;
    uint32_t id;
    const sc_person *ps;
    sc_rng rng;
    uint32_t anum, fin;  /* local to the chunk */
    sc_date until;       /* end of the current temporary admission */
} pstate;

static int push_u64(uint64_t **a, size_t *n, size_t *cap, uint64_t v)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 256;
        uint64_t *na = realloc(*a, nc * sizeof *na);
        if (!na)
            return SC_ENOMEM;
        *a = na;
        *cap = nc;
    }
    (*a)[(*n)++] = v;
    return 0;
}

/* The person's A-number, issued at the first event that needs one.  If
 * the owner list cannot grow, the chunk's rc says so and the chunk fails
 * at its merge; callers need no error path of their own. */
static uint32_t give_anum(pstate *s)
{
    rchunk *o = s->out;
    if (!s->anum) {
        if (o->n_anum == o->cap_owner) {
            size_t cap = o->cap_owner ? 2 * o->cap_owner : 256;
            uint32_t *no = realloc(o->owner, cap * sizeof *no);
            if (!no) {
                o->rc = SC_ENOMEM;
                return s->anum = ++o->n_anum;
            }
            o->owner = no;
            o->cap_owner = cap;
        }
        o->owner[o->n_anum] = s->id;
        s->anum = ++o->n_anum;
    }
    return s->anum;
}

static sc_date posted_after(pstate *s, sc_date date)
{
    double mean = s->c->p->post_lag_days;
    if (!(mean > 0))
        return date;
    double lag = floor(sc_rng_exponential(&s->rng, mean));
    if (lag > 36500)
        lag = 36500;
    return date + (sc_date)lag;
}

/* Writes one record about s, dated `date`: the name in use that day and
 * the date of birth as a clerk would type them.  Records other than IDENT
 * that carry an A-number may be marked to be refiled under another. */
static int emit(pstate *s, int registry, int kind, sc_date date,
                sc_date posted, int status, sc_date until, int cls,
                uint32_t anum)
{
    const rconf *c = s->c;
    const sc_params *p = c->p;
    table *t = &s->out->t[registry];
    sc_name name;
    unsigned flags = 0;
    sc_record *rec;

    int rc = table_push(t, &rec, s->id);
    if (rc < 0)
        return rc;
    memset(rec, 0, sizeof *rec);
    rec->date = date;
    rec->posted = posted;
    rec->until = status == SC_RS_TEMPORARY ? until : SC_DATE_NEVER;
    rec->anum = anum;
    rec->fin = registry == SC_REG_IDENT || registry == SC_REG_ENFORCE
                   ? s->fin : 0;
    rec->cob = s->ps->birth_country;
    rec->registry = (uint8_t)registry;
    rec->kind = (uint8_t)kind;
    rec->status = (uint8_t)status;
    rec->cls = (uint8_t)cls;
    rec->female = s->ps->female;

    sc_world_name_on(c->w, s->id, date, &name);
    sc_name_record(&s->rng, &name,
                   name.tradition == SC_TRAD_EAST_ASIAN ? &c->noise_ea
                                                        : &c->noise,
                   rec->given, rec->family, &flags);
    rec->dob = s->ps->birth;
    if (sc_rng_bernoulli(&s->rng, p->dob_error)) {
        rec->dob = sc_dob_miskey(&s->rng, s->ps->birth);
        flags |= SC_NOISE_DOB;
    }
    rec->noise = (uint8_t)flags;
    uint32_t id = (uint32_t)(t->n - 1);

    if (registry != SC_REG_IDENT && anum != 0 &&
        sc_rng_bernoulli(&s->rng, p->misattach))
        return push_u64(&s->out->mis, &s->out->n_mis, &s->out->cap_mis,
                        (uint64_t)registry << 32 | id);
    return 0;
}

/* An IDENT encounter: enrols the person's prints at the first one. */
static int encounter(pstate *s, sc_date date, int status, sc_date until,
                     int cls)
{
    if (!s->fin) {
        rchunk *o = s->out;
        s->fin = ++o->n_fin;
        if (o->n_enroll + 2 > o->cap_enroll) {
            size_t cap = o->cap_enroll ? 2 * o->cap_enroll : 512;
            uint32_t *ne = realloc(o->enroll, cap * sizeof *ne);
            if (!ne)
                return SC_ENOMEM;
            o->enroll = ne;
            o->cap_enroll = cap;
        }
        o->enroll[o->n_enroll++] = s->id;
        o->enroll[o->n_enroll++] = s->fin;
    }
    return emit(s, SC_REG_IDENT, SC_REC_ENCOUNTER, date, date, status, until,
                cls, s->anum);
}

/* The status a record made on `date` states, from the truth that day. */
static int status_then(pstate *s, sc_date date, sc_date *until)
{
    sc_truth t;
    sc_world_truth_on(s->c->w, s->id, date, &t);
    *until = SC_DATE_NEVER;
    if (t.citizen)
        return SC_RS_CITIZEN;
    if (t.has_order)
        return SC_RS_ORDERED;
    switch (t.status) {
    case SC_ST_LPR:
        return SC_RS_LPR;
    case SC_ST_TEMPORARY:
        *until = s->until;
        return SC_RS_TEMPORARY;
    case SC_ST_OVERSTAY:
    case SC_ST_EWI:
        return SC_RS_NO_STATUS;
    default:
        return SC_RS_NONE;
    }
}

static int benefit_recorded(pstate *s, sc_date date)
{
    const sc_params *p = s->c->p;
    double share = date < s->c->y1996 ? p->benefit_recorded_pre1996
                                      : p->benefit_recorded;
    return sc_rng_bernoulli(&s->rng, share);
}

static int omitted(pstate *s)
{
    return sc_rng_bernoulli(&s->rng, s->c->p->omission);
}

/* An N-600 filed after `from` (exponential delay of mean n600_lag_years):
 * the certificate of citizenship, in the benefit system and (for those
 * who held an A-number) the A-file. */
static int file_n600(pstate *s, sc_date from, int afile)
{
    const sc_params *p = s->c->p;
    double years = p->n600_lag_years > 0
                       ? sc_rng_exponential(&s->rng, p->n600_lag_years)
                       : 0;
    if (years > 80)
        years = 80;
    sc_date d = from + 1 + (sc_date)floor(years * YEAR_DAYS);
    int rc = 0;
    if (benefit_recorded(s, d))
        rc = emit(s, SC_REG_BENEFIT, SC_REC_N600, d, posted_after(s, d),
                  SC_RS_CITIZEN, SC_DATE_NEVER, SC_CLASS_NONE, s->anum);
    if (rc == 0 && afile && !omitted(s))
        rc = emit(s, SC_REG_AFILE, SC_REC_AFILE, d, posted_after(s, d),
                  SC_RS_CITIZEN, SC_DATE_NEVER, SC_CLASS_NONE,
                  give_anum(s));
    return rc;
}

static int write_entry(pstate *s, const sc_event *e)
{
    const sc_params *p = s->c->p;
    int immigrant = e->cls == SC_CLASS_IMMIGRANT;
    int refugee = e->cls == SC_CLASS_REFUGEE;
    int status = immigrant ? SC_RS_LPR : SC_RS_TEMPORARY;
    sc_date until = immigrant ? SC_DATE_NEVER : e->until;
    int rc = 0;
    s->until = e->until;
    if (immigrant || refugee)
        give_anum(s);
    uint32_t anum = immigrant || refugee ? s->anum : 0;
    if (!omitted(s))
        rc = emit(s, SC_REG_ARRIVAL, SC_REC_ARRIVAL, e->date,
                  posted_after(s, e->date), status, until, e->cls, anum);
    double ident = e->date >= s->c->usvisit ? p->ident_entry_post2004
                                            : p->ident_entry_pre2004;
    if (rc == 0 && sc_rng_bernoulli(&s->rng, ident))
        rc = encounter(s, e->date, status, until, e->cls);
    if (rc == 0 && (immigrant || refugee) && !omitted(s))
        rc = emit(s, SC_REG_AFILE, SC_REC_AFILE, e->date,
                  posted_after(s, e->date), status, until, e->cls, anum);
    return rc;
}

/* An adjustment (I-485) or a naturalization (N-400): biometrics some time
 * before the grant, recorded with the status held then; the case in the
 * benefit system; the A-file's new status, posted or never. */
static int write_benefit(pstate *s, const sc_event *e)
{
    const sc_params *p = s->c->p;
    int adjust = e->kind == SC_EV_ADJUST;
    int rc = 0;
    give_anum(s);
    if (sc_rng_bernoulli(&s->rng, p->ident_benefit)) {
        /* I-485: 4-12 weeks before the grant; N-400: 2-8 months before
         * the oath, as an LPR -- the last IDENT status of most
         * naturalized citizens. */
        sc_date d = adjust
                        ? e->date - 28 - (sc_date)sc_rng_below(&s->rng, 57)
                        : e->date - 60 - (sc_date)sc_rng_below(&s->rng, 181);
        sc_date until;
        int st = status_then(s, d, &until);
        rc = encounter(s, d, st, until, SC_CLASS_NONE);
    }
    int status = adjust ? SC_RS_LPR : SC_RS_CITIZEN;
    int cls = adjust ? SC_CLASS_IMMIGRANT : SC_CLASS_NONE;
    if (rc == 0 && benefit_recorded(s, e->date))
        rc = emit(s, SC_REG_BENEFIT, adjust ? SC_REC_I485 : SC_REC_N400,
                  e->date, posted_after(s, e->date), status, SC_DATE_NEVER,
                  cls, s->anum);
    if (rc == 0) {
        double share = adjust ? p->post_adjustment : p->post_naturalization;
        sc_date posted = sc_rng_bernoulli(&s->rng, share)
                             ? posted_after(s, e->date)
                             : SC_DATE_NEVER;
        rc = emit(s, SC_REG_AFILE, SC_REC_AFILE, e->date, posted, status,
                  SC_DATE_NEVER, cls, s->anum);
    }
    return rc;
}

static int write_enforcement(pstate *s, const sc_event *e)
{
    int rc = 0;
    give_anum(s);
    if (e->kind == SC_EV_APPREHEND) {
        if (sc_rng_bernoulli(&s->rng, s->c->p->ident_apprehension))
            rc = encounter(s, e->date, SC_RS_NO_STATUS, SC_DATE_NEVER,
                           SC_CLASS_NONE);
        if (rc == 0 && !omitted(s))
            rc = emit(s, SC_REG_ENFORCE, SC_REC_APPREHENSION, e->date,
                      posted_after(s, e->date), SC_RS_NO_STATUS,
                      SC_DATE_NEVER, SC_CLASS_NONE, s->anum);
        return rc;
    }
    int kind = e->kind == SC_EV_ORDER ? SC_REC_ORDER : SC_REC_REMOVAL;
    int st = e->kind == SC_EV_ORDER ? SC_RS_ORDERED : SC_RS_REMOVED;
    if (!omitted(s))
        rc = emit(s, SC_REG_ENFORCE, kind, e->date, posted_after(s, e->date),
                  st, SC_DATE_NEVER, SC_CLASS_NONE, s->anum);
    if (rc == 0 && !omitted(s))
        rc = emit(s, SC_REG_AFILE, SC_REC_AFILE, e->date,
                  posted_after(s, e->date), st, SC_DATE_NEVER, SC_CLASS_NONE,
                  s->anum);
    return rc;
}

static int write_person(const rconf *c, rchunk *out, uint32_t id)
{
    const sc_params *p = c->p;
    pstate s;
    size_t n;
    int rc = 0;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.out = out;
    s.id = id;
    s.ps = sc_world_person(c->w, id);
    s.until = SC_DATE_NEVER;
    sc_rng_init(&s.rng, p->seed, SC_STAGE_REGISTRY, id);
    const sc_event *ev = sc_world_events(c->w, id, &n);

    for (size_t i = 0; i < n && rc == 0; i++) {
        const sc_event *e = &ev[i];
        switch (e->kind) {
        case SC_EV_ENTRY:
            rc = write_entry(&s, e);
            break;
        case SC_EV_ADJUST:
        case SC_EV_NATURALIZE:
            rc = write_benefit(&s, e);
            break;
        case SC_EV_DERIVE:
            if (sc_rng_bernoulli(&s.rng, p->n600_share))
                rc = file_n600(&s, e->date, 1);
            break;
        case SC_EV_APPREHEND:
        case SC_EV_ORDER:
        case SC_EV_REMOVAL:
            rc = write_enforcement(&s, e);
            break;
        case SC_EV_DEPART:
            if (sc_rng_bernoulli(&s.rng, p->departure_recorded))
                rc = emit(&s, SC_REG_ARRIVAL, SC_REC_DEPARTURE, e->date,
                          posted_after(&s, e->date), SC_RS_NONE,
                          SC_DATE_NEVER, SC_CLASS_NONE, 0);
            break;
        default: /* uninspected entries, marriages, convictions */
            break;
        }
    }
    if (rc < 0)
        return rc;

    const sc_person *ps = s.ps;
    if (ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN) {
        if (sc_rng_bernoulli(&s.rng, p->n600_share))
            rc = file_n600(&s, ps->birth, 0);
    } else if (ps->birth_kind == SC_BIRTH_US) {
        /* Trusted travellers, adoptive parents: adults, since 2000. */
        if (sc_rng_bernoulli(&s.rng, p->ident_citizen_share)) {
            sc_date a = sc_date_from_ymd(2000, 1, 1);
            int y, m, d;
            sc_date_to_ymd(ps->birth, &y, &m, &d);
            sc_date adult = sc_date_from_ymd(y + 18, m, d);
            if (adult > a)
                a = adult;
            if (a < p->start) {
                sc_date day = a + (sc_date)sc_rng_below(
                                      &s.rng, (uint64_t)(p->start - a));
                rc = encounter(&s, day, SC_RS_CITIZEN, SC_DATE_NEVER,
                               SC_CLASS_NONE);
            }
        }
    }
    return rc;
}

static void free_chunk(rchunk *ch)
{
    for (int i = 0; i < SC_REG_COUNT; i++)
        free_blocks(&ch->t[i]);
    free(ch->enroll);
    free(ch->mis);
    free(ch->owner);
    uint32_t first = ch->first, n = ch->n;
    memset(ch, 0, sizeof *ch);
    ch->first = first;
    ch->n = n;
}

typedef struct wave_ctx {
    const rconf *c;
    rchunk *ch;
} wave_ctx;

static void write_chunk(void *ctx, size_t job, int thread)
{
    wave_ctx *wc = ctx;
    rchunk *ch = &wc->ch[job];
    (void)thread;
    ch->rc = 0;
    assert(ch->n <= (uint32_t)UINT16_MAX + 1);
    for (int g = 0; g < SC_REG_COUNT; g++) {
        ch->t[g].narrow = 1;
        ch->t[g].sub_base = ch->first;
    }
    for (uint32_t i = 0; i < ch->n && ch->rc == 0; i++) {
        int rc = write_person(wc->c, ch, ch->first + i);
        if (ch->rc == 0)
            ch->rc = rc;
    }
}

/* The merge state: identifiers issued and records to refile so far. */
typedef struct merged {
    uint32_t n_anum, n_fin;
    uint64_t *mis;
    size_t n_mis, cap_mis;
} merged;

static uint32_t shift_id(uint32_t local, uint32_t base)
{
    return local ? local + base : 0;
}

static int merge_chunk(sc_registries *r, merged *m, rchunk *ch)
{
    size_t base[SC_REG_COUNT];
    if (ch->rc < 0)
        return ch->rc;
    if ((uint64_t)m->n_anum + ch->n_anum >= UINT32_MAX ||
        (uint64_t)m->n_fin + ch->n_fin >= UINT32_MAX)
        return SC_ERANGE;
    /* Grow the refile list first, so that a failure leaves the registry
     * as it was. */
    for (size_t i = 0; i < ch->n_mis; i++)
        if (push_u64(&m->mis, &m->n_mis, &m->cap_mis, ch->mis[i]) < 0)
            return SC_ENOMEM;
    m->n_mis -= ch->n_mis;
    if (reserve_enrolled(r, ch->n_enroll / 2) < 0 ||
        reserve_anums(r, (size_t)m->n_anum + ch->n_anum) < 0)
        return SC_ENOMEM;
    for (uint32_t a = 0; a < ch->n_anum; a++)
        r->anum_owner[m->n_anum + 1 + a] = ch->owner[a];
    for (size_t i = 0; i + 1 < ch->n_enroll && !r->enr_fin; i += 2)
        if (ch->enroll[i + 1] + m->n_fin != r->n_enr + i / 2 + 1 &&
            enrolled_fins_explicit(r) < 0)
            return SC_ENOMEM;
    for (int g = 0; g < SC_REG_COUNT; g++) {
        table *lt = &ch->t[g];
        for (size_t bi = 0; bi < lt->nb; bi++) {
            block *b = &lt->b[bi];
            for (size_t i = 0; i < b->n; i++) {
                b->rec[i].anum = shift_id(b->rec[i].anum, m->n_anum);
                b->rec[i].fin = shift_id(b->rec[i].fin, m->n_fin);
            }
        }
        base[g] = r->t[g].n;
        int rc = table_adopt(&r->t[g], lt);
        if (rc < 0)
            return rc; /* only from ERANGE or a block list realloc */
    }
    /* Chunks come in person order, and persons within one: appends. */
    for (size_t i = 0; i + 1 < ch->n_enroll; i += 2) {
        assert(r->n_enr == 0 ||
               r->enr_person[r->n_enr - 1] < ch->enroll[i]);
        if (r->enr_fin)
            r->enr_fin[r->n_enr] = ch->enroll[i + 1] + m->n_fin;
        r->enr_person[r->n_enr++] = ch->enroll[i];
    }
    for (size_t i = 0; i < ch->n_mis; i++) {
        uint64_t g = ch->mis[i] >> 32, id = (uint32_t)ch->mis[i];
        m->mis[m->n_mis++] = g << 32 | (base[g] + id);
    }
    m->n_anum += ch->n_anum;
    m->n_fin += ch->n_fin;
    free_chunk(ch);
    return 0;
}

/* Refiles the marked records under another A-number holder, drawn from a
 * stateless hash of the record so the choice needs no shared stream. */
static void refile_misattached(sc_registries *r, const sc_params *p,
                               const merged *m)
{
    if (m->n_anum < 2)
        return;
    for (size_t i = 0; i < m->n_mis; i++) {
        int reg = (int)(m->mis[i] >> 32);
        uint32_t id = (uint32_t)m->mis[i];
        sc_record *rec = table_rec(&r->t[reg], id);
        uint64_t h = sc_hash3(p->seed,
                              (uint64_t)SC_STAGE_REGISTRY << 32 | (unsigned)reg,
                              id);
        uint32_t other = 1 + (uint32_t)(h % (m->n_anum - 1));
        if (other >= rec->anum)
            other++;
        rec->anum = other;
    }
}

/* The parents an A-file names: a child's immigrant petition or
 * adjustment names the parents, and the file then holds their A-numbers
 * when they have one (an immigrant parent's file, a naturalized parent's
 * certificate number).  A parent without an A-number -- a citizen by
 * birth, or not in the world -- is named without one (0). */
static void link_parents(sc_registries *r, const sc_world *w)
{
    /* The tables grew by doubling; give back the slack (a failed
     * shrink keeps the larger block, which is fine). */
    if (r->n_anums > 0 && r->n_anums < r->cap_anums) {
        uint32_t *o = realloc(r->anum_owner, r->n_anums * sizeof *o);
        uint32_t *pa;
        if (o)
            r->anum_owner = o;
        pa = realloc(r->anum_parents, 2 * r->n_anums * sizeof *pa);
        if (pa)
            r->anum_parents = pa;
        if (o || pa) /* the smaller block bounds both */
            r->cap_anums = r->n_anums;
    }
    r->anum_sorted = 1;
    for (size_t a = 1; a < r->n_anums; a++) {
        const sc_person *ps = sc_world_person(w, r->anum_owner[a]);
        uint32_t mo = ps->mother, fa = ps->father;
        r->anum_parents[2 * a] =
            mo != SC_NONE ? sc_registries_anum_of_person(r, mo) : 0;
        r->anum_parents[2 * a + 1] =
            fa != SC_NONE ? sc_registries_anum_of_person(r, fa) : 0;
    }
}

int sc_registries_create(const sc_params *p, const sc_world *w,
                         sc_registries **out, char *err)
{
    rconf c;
    merged m;
    sc_registries *r = NULL;
    rchunk *ch = NULL;
    size_t n_ch = 0;
    int rc;
    *out = NULL;
    memset(&c, 0, sizeof c);
    memset(&m, 0, sizeof m);
    rc = sc_registries_create_empty(&r);
    if (rc < 0)
        goto fail;
    r->threads = p->threads;
    c.p = p;
    c.w = w;
    c.noise.typo = c.noise_ea.typo = p->name_typo;
    c.noise.order_swap = p->name_order_swap;
    c.noise_ea.order_swap = p->name_order_swap_east_asian;
    c.noise.one_surname = c.noise_ea.one_surname = p->one_surname;
    c.noise.translit = c.noise_ea.translit = p->translit_variant;
    c.usvisit = sc_date_from_ymd(2004, 1, 5);
    c.y1996 = sc_date_from_ymd(1996, 1, 1);

    size_t n = sc_world_count(w);
    int threads = sc_params_threads(p, REG_MAX_THREADS);
    size_t per = n / ((size_t)threads * 16);
    per = per < CHUNK_MIN ? CHUNK_MIN : per > CHUNK_MAX ? CHUNK_MAX : per;
    n_ch = (n + per - 1) / per;
    ch = calloc(n_ch ? n_ch : 1, sizeof *ch);
    if (!ch) {
        rc = SC_ENOMEM;
        goto fail;
    }
    for (size_t i = 0; i < n_ch; i++) {
        ch[i].first = (uint32_t)(i * per);
        ch[i].n = (uint32_t)(n - i * per < per ? n - i * per : per);
    }
    /* Waves of `threads` chunks, written in parallel and merged in
     * order, so at most one wave of local tables exists at a time. */
    for (size_t c0 = 0; c0 < n_ch; c0 += (size_t)threads) {
        wave_ctx wc = {&c, ch + c0};
        size_t k = n_ch - c0 < (size_t)threads ? n_ch - c0 : (size_t)threads;
        run_jobs(write_chunk, &wc, k, threads);
        for (size_t i = 0; i < k && rc == 0; i++)
            rc = merge_chunk(r, &m, &ch[c0 + i]);
        if (rc < 0)
            goto fail;
    }
    refile_misattached(r, p, &m);
    link_parents(r, w);
    shrink_enrolled(r);
    rc = sc_registries_finish(r);
    if (rc < 0)
        goto fail;
    free(m.mis);
    free(ch);
    *out = r;
    return 0;

fail:
    if (err)
        snprintf(err, SC_ERRMSG_MAX, "cannot write registries: %s",
                 sc_strerror(rc));
    for (size_t i = 0; i < n_ch; i++)
        free_chunk(&ch[i]);
    free(ch);
    free(m.mis);
    sc_registries_destroy(r);
    return rc;
}
