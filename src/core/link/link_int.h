/*
 * link_int.h - what the linkage engine's files share and nobody else
 * reads: prepared tables, the index's layout, hashing, sorting and the
 * thread helper.
 */
#ifndef SC_LINK_INT_H
#define SC_LINK_INT_H

#include <stddef.h>
#include <stdint.h>

#include "scomm/link/linker.h"

/* Purposes of the streams (seed, SC_STAGE_LINK, purpose); sub-streams
 * are split from these by chunk or entity. */
enum link_stream {
    LINK_STREAM_USAMPLE = 1,
    LINK_STREAM_PLAN = 2,
    LINK_STREAM_SYNTH_PEOPLE = 3,
    LINK_STREAM_SYNTH_FEBRL = 4
};

/* A hint to fetch memory that will soon be read (no effect on results). */
#if defined(__GNUC__)
#define LINK_PREFETCH(p) __builtin_prefetch(p)
#else
#define LINK_PREFETCH(p) ((void)(p))
#endif

/* --- hashing ----------------------------------------------------------- */

/* 64-bit hash of a byte string: FNV-1a (Fowler, Noll and Vo 1991) run
 * through the MurmurHash3 finaliser (Appleby 2011) so that the low bits
 * are as good as the high ones.  Never 0: 0 means "no value". */
uint64_t link_hash(const char *s, size_t len);
/* Combines two hashes, order-sensitive; never 0. */
uint64_t link_hash_mix(uint64_t h, uint64_t v);
/* Scrambles a 64-bit key with the MurmurHash3 finaliser (Appleby 2011),
 * so that its low bits can pick a hash-table slot; 0 maps to 0. */
uint64_t link_hash_u64(uint64_t k);

/* --- sorting ---------------------------------------------------------- */

/* Sorts n (key, val) pairs by key, ties in their input order (LSD radix
 * sort, stable).  tmp_k and tmp_v hold n entries each. */
void link_sort_kv(uint64_t *key, uint32_t *val, size_t n, uint64_t *tmp_k,
                  uint32_t *tmp_v);
/* Allocating wrapper: SC_ENOMEM or 0. */
int link_sort_kv_alloc(uint64_t *key, uint32_t *val, size_t n);

/* --- threads ------------------------------------------------------------ */

/* Runs fn(ctx, task, worker) for task = 0..ntasks-1 on up to `threads`
 * threads (worker < threads); tasks are taken in order by whichever
 * worker is free.  Returns SC_ENOMEM if no thread could start (the work
 * is then done on the calling thread). */
typedef void (*link_task_fn)(void *ctx, size_t task, int worker);
int link_parallel(int threads, size_t ntasks, link_task_fn fn, void *ctx);

/* --- normalisation and keys ---------------------------------------------- */

/* Whether a NUMBER value parsed; its value, NaN otherwise. */
double link_number(const char *norm);

/* The key of one rule part for a normalised value (and its partner's
 * normalised value, for NAMESET).  Returns its length, 0 for none. */
size_t link_part_key(int kind, int key, const char *norm,
                     const char *partner, char *out, size_t cap);

/* The block key of every rule for one record's normalised values. */
void link_rule_keys(const sc_link_spec *s, const char *const *norm,
                    uint64_t *keys);

/* --- prepared tables ----------------------------------------------------- */

/* A table prepared under a spec.  Each row's normalised values lie
 * together (row-major, so comparing two records touches two places in
 * memory, not one per field), found through a 32-bit offset: first the
 * values' lengths as 16-bit numbers, then the values, NUL-terminated, in
 * field order.  Block keys are row-major too (a record's keys for every
 * rule in one cache line).  Value hashes (0 = empty) and NUMBER fields'
 * values are per field. */
typedef struct link_side {
    size_t n;
    size_t nrules;
    char *text;
    uint32_t *roff;                       /* n offsets into text */
    uint64_t *vhash[SC_LINK_FIELDS_MAX];  /* 0 when the value is empty */
    double *num[SC_LINK_FIELDS_MAX];      /* NUMBER fields only */
    uint64_t *key;                        /* n * nrules; 0: takes no part;
                                             freed once the blocks are
                                             built (link_rule_keys gives
                                             them again) */
} link_side;

/* A record as the comparators see it. */
typedef struct link_rec {
    const char *v[SC_LINK_FIELDS_MAX];
    uint16_t len[SC_LINK_FIELDS_MAX];
    double num[SC_LINK_FIELDS_MAX];
} link_rec;

/* Prepares table t; when own is not NULL (it is then t), destroys it
 * as soon as its values are normalised, before they are joined into
 * one arena, so that the raw and the prepared text never coexist with
 * the copy. */
int link_side_prepare(link_side *s, const sc_link_spec *spec,
                      const sc_link_table *t, sc_link_table *own, int side,
                      int threads);
void link_side_release(link_side *s);
void link_side_rec(const link_side *s, const sc_link_spec *spec,
                   size_t row, link_rec *out);

/* Prepares one raw record (values indexed by column of the given side)
 * into buffers of SC_LINK_VALUE_MAX bytes a field; fills rec, vhash and
 * the rule keys. */
void link_prepare_one(const sc_link_spec *spec, int side,
                      const char *const *values,
                      char (*buf)[SC_LINK_VALUE_MAX], link_rec *rec,
                      uint64_t *vhash, uint64_t *keys);

/* The comparison vector of two prepared records. */
uint64_t link_compare(const sc_link_spec *spec, const link_rec *a,
                      const link_rec *b);

/* The level of one field between normalised values of lengths la and
 * lb (num: NUMBER values, NaN otherwise; bp: b's partner value, of
 * length lbp, or NULL). */
int link_level(int kind, const char *a, size_t la, const char *b,
               size_t lb, double na, double nb, const char *bp,
               size_t lbp);

/* --- the index ----------------------------------------------------------- */

/* Rows of B sharing a rule key: an open-addressing table from key to a
 * run of `rows` (ascending row numbers).  A slot holds the key and the
 * run's number; run k is rows[run_start[k] .. run_start[k + 1]). */
typedef struct link_blocks {
    uint64_t *slot_key;   /* 0 = empty slot */
    uint32_t *slot_run;
    uint32_t *run_start;  /* runs + 1 entries */
    size_t mask;          /* slots - 1 */
    uint32_t *rows;
} link_blocks;

struct sc_link_index {
    sc_link_spec spec;
    int dedupe;
    link_side b;
    link_side a;                  /* unused when dedupe */
    const link_side *pa;          /* &a, or &b when dedupe */
    link_blocks blk[SC_LINK_RULES_MAX];
    /* Value frequencies over both tables: for fields with tf, the count
     * of each B row's value; per field the non-empty values counted. */
    uint32_t *tf_count[SC_LINK_FIELDS_MAX];
    double tf_total[SC_LINK_FIELDS_MAX];
    /* Over all pairs: those with both values present, and those whose
     * values are equal (the exact level). */
    double nonnull_pairs[SC_LINK_FIELDS_MAX];
    double exact_pairs[SC_LINK_FIELDS_MAX];
    double all_pairs;
    /* Pairs of fields (i < j): pairs of records with both fields
     * present on both sides, and agreeing exactly on both. */
    double nonnull2[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    double exact2[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
};

/* sc_link_index_create for a dedupe index whose table is no longer
 * needed: b is destroyed as soon as it is prepared, or on failure. */
int link_index_create_consume(const sc_link_spec *s, sc_link_table *b,
                              int threads, sc_link_index **out, char *err);

/* The weight of a pair whose B side is row b; `batch` when both records
 * are counted in the value frequencies (pairs of the job, not queries). */
double link_score(const sc_link_index *ix, const sc_link_model *m,
                  uint32_t b, uint64_t gamma, int batch);

/* The run of B rows under key k of rule r; *n = 0 when none. */
const uint32_t *link_blocks_find(const link_blocks *bl, uint64_t k,
                                 size_t *n);

/* Scratch for candidate enumeration. */
typedef struct link_cands {
    uint32_t *row;
    uint8_t *rule;
    size_t n, cap;
    uint64_t *tmp;      /* sorting room */
    size_t tmp_cap;
} link_cands;

/* The candidates of one record with block keys `keys` (from side pa or
 * an outside record): rows of B, ascending, each once, with the first
 * rule that found it.  `self` is the record's own row when deduping (only
 * rows above it are kept), or UINT32_MAX.  Returns 0 or SC_ENOMEM. */
int link_candidates(const sc_link_index *ix, const uint64_t *keys,
                    uint32_t self, link_cands *c);
void link_cands_release(link_cands *c);

/* The NAME level of a value written in the partner's place. */
#define LINK_NAME_SWAP 4

/* u of both partner names at the swap level: the product of the two
 * swap u, times rho of the pair. */
double link_u_swap2(const sc_link_model *m);

/* --- estimation ----------------------------------------------------------- */

/* One EM run: np distinct comparison vectors pat with cnt pairs each,
 * out of n_pairs pairs in all (lambda = matches / n_pairs).  R[f][l]
 * says how many of all pairs are at level l of field f, nf[f] how many
 * have field f on both sides; with R NULL, u comes from the patterns'
 * own non-match weight.  Only fields in the `active` mask enter the
 * posterior and have their m and u updated (when update_m /
 * update_u). */
typedef struct link_em_data {
    const uint64_t *pat;
    const uint64_t *cnt;
    size_t np;
    double n_pairs;
    double (*R)[SC_LINK_LEVELS_MAX];
    const double *nf;
    /* Pairs of fields i < j: all pairs agreeing exactly on both, and
     * with both present (NULL: rho is not estimated). */
    const double (*R2)[SC_LINK_FIELDS_MAX];
    const double (*nf2)[SC_LINK_FIELDS_MAX];
    uint32_t active;
    int update_m, update_u;
} link_em_data;

/* Runs EM from m->m, m->u and *lambda; writes them back, with
 * m->iterations and m->converged, and the expected number of matches
 * among the patterns' pairs in *matches. */
int link_em(const sc_link_spec *s, const link_em_data *d,
            const sc_link_opts *o, sc_link_model *m, double *lambda,
            double *matches);

#endif /* SC_LINK_INT_H */
