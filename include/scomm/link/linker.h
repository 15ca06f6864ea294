/*
 * link/linker.h - the record-linkage engine: blocking, Fellegi-Sunter
 * scoring with comparison levels, EM estimation, clustering.
 *
 * The engine links the rows of a table A to those of a table B, or
 * deduplicates one table (B = A).  Its objects, in the order a job uses
 * them:
 *
 *   sc_link_table   rows of UTF-8 strings, one column per input column
 *   sc_link_spec    which columns are compared, how (a kind, which sets
 *                   the comparison levels), and the blocking rules
 *   sc_link_index   both tables prepared under the spec (normalised
 *                   values, value frequencies, block keys) and the
 *                   blocking index over table B; read-only once built,
 *                   so any number of threads may query it at once
 *   sc_link_pairs   the candidate pairs that blocking yields, each with
 *                   its comparison vector (one level per field) and,
 *                   once scored, its match weight
 *   sc_link_model   Fellegi-Sunter parameters: per field and level the
 *                   m and u probabilities, and the prior lambda
 *
 * A whole job (as `scomm link` runs it):
 *
 *   sc_link_index_create(&spec, b, a, threads, &ix, err);  (a NULL: dedupe)
 *   sc_link_pairs_compute(ix, &opts, &pairs, err);
 *   sc_link_train(ix, &pairs, &opts, &model, err);
 *   sc_link_pairs_score(ix, &model, &pairs, threads);
 *   sc_link_cluster(...), sc_link_evaluate(...)
 *
 * One record at a time against a fixed table (the review stage):
 *
 *   sc_link_index_create(&spec, registry, NULL, threads, &ix, err);
 *   model: trained as above, or set by hand (sc_link_model_init, then
 *          m, u and lambda, then sc_link_model_finish)
 *   per thread: sc_link_query_create(ix, &q);
 *               sc_link_query_run(q, &model, values, min_prob, &hits, &n);
 *
 * The model (docs/linkage.md has the details):
 *   - a pair's comparison vector gamma has one level per field: a small
 *     integer, 0 the strongest agreement, or SC_LINK_NULL when either
 *     side is empty (a null level contributes no weight);
 *   - weight = log2(lambda / (1 - lambda)) + sum over fields of
 *     log2(m[f][level] / u[f][level]) + the dependence terms below: the
 *     log2 posterior odds that the pair is a match; probability =
 *     1 / (1 + 2^-weight);
 *   - u is the level's share among all pairs (estimated by sampling
 *     random pairs, and, for the exact level, counted from the value
 *     frequencies), less the share EM attributes to matches;
 *   - m, lambda (and u, as just said) are estimated by EM without labels
 *     (Winkler 1988; Jaro 1989) over the candidate pairs;
 *   - fields are not independent among non-matches: a pair that agrees
 *     exactly on two fields i < j gets -log2(rho[i][j]), rho estimated
 *     from how many of all pairs agree on both (a log-linear model with
 *     pairwise terms, as in Larsen and Rubin 2001); both partner names
 *     swapped is one event with its own weight;
 *   - term frequencies: for a field with `tf` set, an exact agreement on
 *     value v uses u = frequency of v instead of the field's average.
 *     Frequencies leave out the record itself: (count - 1) / total for a
 *     pair of the job, count / total for a query (not in the counts).
 *
 * Every function that can fail returns 0 or a negative SC_E* code
 * (scomm/common.h), with a message in err (SC_ERRMSG_MAX bytes) where
 * it takes one.  Results never depend on the number of threads.
 */
#ifndef SC_LINK_LINKER_H
#define SC_LINK_LINKER_H

#include <stddef.h>
#include <stdint.h>

#include "scomm/common.h"

/* Limits.  Levels are packed four bits a field into a uint64_t, hence
 * at most 16 fields. */
#define SC_LINK_FIELDS_MAX 16
#define SC_LINK_RULES_MAX 24
#define SC_LINK_RULE_PARTS 3
#define SC_LINK_LEVELS_MAX 8
#define SC_LINK_NAME_MAX 64
/* Normalised values longer than this (bytes) are cut. */
#define SC_LINK_VALUE_MAX 128
/* The level of a field that is empty on either side. */
#define SC_LINK_NULL 15

/* --- kinds of comparison ---------------------------------------------- */

/* Each kind fixes a normalisation and a list of levels, strongest first
 * (the level names are those sc_link_level_name returns):
 *   NAME      upper-case ASCII, punctuation and name particles dropped;
 *             exact, jw92 (Jaro-Winkler >= 0.92), jw85, dl2
 *             (Damerau-Levenshtein <= 2), swap (agrees -- equal, JW >=
 *             0.85 or a word in common -- with the other record's partner
 *             field: given and family names written in each other's
 *             place), word (a word in common), else
 *   DATE      YYYYMMDD from YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY
 *             or DD.MM.YYYY; exact, edit1 (one edit, or day and month
 *             swapped), edit2, year (same year), else
 *   ID        letters and digits only, upper case; exact, edit1, edit2,
 *             else
 *   NUMBER    a decimal number; exact (equal numbers), edit1 (one edit of
 *             the written form), near (within 10%), else
 *   TEXT      upper-case ASCII words; exact, jw92, words (word Jaccard
 *             >= 0.5), jw80, else
 *   CATEGORY  upper-case ASCII; exact, else
 */
enum sc_link_kind {
    SC_LINK_NAME = 0,
    SC_LINK_DATE,
    SC_LINK_ID,
    SC_LINK_NUMBER,
    SC_LINK_TEXT,
    SC_LINK_CATEGORY,
    SC_LINK_KIND_COUNT
};

/* "name", "date", ...; "?" for an unknown kind. */
const char *sc_link_kind_name(int kind);
/* The kind named s, or SC_EINVAL. */
int sc_link_kind_parse(const char *s, int *kind);
/* Number of (non-null) levels of a kind, at most SC_LINK_LEVELS_MAX. */
int sc_link_level_count(int kind);
/* "exact", "jw92", ... for a level of a kind; "null" for SC_LINK_NULL;
 * "?" when out of range. */
const char *sc_link_level_name(int kind, int level);

/* --- blocking keys ----------------------------------------------------- */

/* How one field contributes to a blocking key.  A record takes no part
 * in a rule when any part of the key is empty. */
enum sc_link_key {
    SC_KEY_EXACT = 0,  /* the normalised value */
    SC_KEY_METAPHONE,  /* Double Metaphone primary code of the first word */
    SC_KEY_SOUNDEX,    /* Soundex of the first word */
    SC_KEY_NYSIIS,     /* NYSIIS code of the first word */
    SC_KEY_INITIAL,    /* the first character */
    SC_KEY_PREFIX3,    /* the first three characters */
    SC_KEY_YEAR,       /* DATE: the year (empty if the date did not parse) */
    SC_KEY_NAMESET,    /* NAME with a partner: this field and the partner
                          as an unordered pair (finds swapped names) */
    SC_KEY_INITIALS,   /* NAME with a partner: the two names' initials as
                          an unordered pair (swapped and misspelt names) */
    SC_KEY_COUNT
};

const char *sc_link_key_name(int key);
int sc_link_key_parse(const char *s, int *key);

/* --- the specification -------------------------------------------------- */

typedef struct sc_link_field {
    char name[SC_LINK_NAME_MAX]; /* for messages and output headers */
    uint16_t col;       /* column in table A (and in B when deduping) */
    uint16_t col_b;     /* column in table B */
    uint8_t kind;       /* enum sc_link_kind */
    uint8_t tf;         /* term-frequency adjustment of the exact level */
    int8_t partner;     /* NAME: field that may hold this one's value
                           (given <-> family), or -1 */
} sc_link_field;

/* Two records are candidates under a rule when every part agrees. */
typedef struct sc_link_rule {
    uint8_t n;                          /* parts, 1..SC_LINK_RULE_PARTS */
    uint8_t field[SC_LINK_RULE_PARTS];  /* field index in the spec */
    uint8_t key[SC_LINK_RULE_PARTS];    /* enum sc_link_key */
} sc_link_rule;

/* Candidates are the union of the rules' pairs, each pair once. */
typedef struct sc_link_spec {
    size_t nfields;
    sc_link_field fields[SC_LINK_FIELDS_MAX];
    size_t nrules;
    sc_link_rule rules[SC_LINK_RULES_MAX];
} sc_link_spec;

void sc_link_spec_init(sc_link_spec *s);

/* Appends a field comparing column col of A with column col_b of B.
 * tf defaults to on for NAME, off otherwise; partner to -1.  Returns
 * the field's index, or SC_ERANGE when the spec is full. */
int sc_link_spec_add_field(sc_link_spec *s, const char *name, int kind,
                           size_t col, size_t col_b);

/* Appends a rule from "FIELD[:KEY][+FIELD[:KEY]...]" (KEY defaults to
 * exact), fields named as in the spec.  SC_EINVAL with err set on an
 * unknown field or key, SC_ERANGE when the spec holds no more rules. */
int sc_link_spec_add_rule(sc_link_spec *s, const char *text, char *err);

/* Writes a rule as "FIELD:KEY+FIELD:KEY" into buf (cap bytes). */
void sc_link_rule_format(const sc_link_spec *s, const sc_link_rule *r,
                         char *buf, size_t cap);

/* Checks the spec: at least one field, kinds and keys in range, partners
 * NAME fields other than themselves, NAMESET and INITIALS keys only on
 * fields with a partner, YEAR only on dates, at least one rule. */
int sc_link_spec_check(const sc_link_spec *s, char *err);

/* The key of a rule for one raw record (row[col] for side 0, row[col_b]
 * for side 1), as the blocking index computes it: the parts' keys
 * joined by '\x1f'.  Returns its length, or 0 when the record takes no
 * part in the rule.  For tests and diagnostics; out has cap bytes. */
size_t sc_link_rule_key(const sc_link_spec *s, const sc_link_rule *r,
                        int side, const char *const *row, char *out,
                        size_t cap);

/* Normalises a value as fields of this kind are (see the kinds above);
 * returns the length ("" when the value is empty after normalisation). */
size_t sc_link_normalize(int kind, const char *in, char *out, size_t cap);

/* The level of a pair of raw values of a field of this kind.
 * b_partner is the second record's value of the field's partner (NULL
 * when there is none): the swap level means a agrees with it.
 * SC_LINK_NULL when either value normalises to "". */
int sc_link_compare_values(int kind, const char *a, const char *b,
                           const char *b_partner);

/* --- tables ------------------------------------------------------------- */

typedef struct sc_link_table sc_link_table;

/* An empty table of ncols columns (1..65535). */
int sc_link_table_create(size_t ncols, sc_link_table **out);
void sc_link_table_destroy(sc_link_table *t);

/* Appends a row of ncols strings (copied; NULL is ""). */
int sc_link_table_add(sc_link_table *t, const char *const *values);

size_t sc_link_table_rows(const sc_link_table *t);
size_t sc_link_table_cols(const sc_link_table *t);
/* A cell; valid until the table is destroyed. */
const char *sc_link_table_value(const sc_link_table *t, size_t row,
                                size_t col);
/* A row as an array of ncols pointers into the table, written to out. */
void sc_link_table_row(const sc_link_table *t, size_t row,
                       const char **out);

/* --- inferring a specification ------------------------------------------ */

/* The kind a column's name and contents suggest (contents win where
 * they contradict the name).  Returns the kind, or -1 for a column that
 * should not be compared (empty, or a single value throughout). */
int sc_link_infer_kind(const char *name, const sc_link_table *t,
                       size_t col);

/* Whether the column can serve as the record identifier: named like one
 * ("id", "rec_id", "record_id", "*_id" ...) and non-empty and unique in
 * every row. */
int sc_link_infer_is_id(const char *name, const sc_link_table *t,
                        size_t col);

/* Partners the first NAME field named like a given name (given, first,
 * fore) with the first named like a family name (sur, last, family); or,
 * failing names, the first two NAME fields when there are exactly two. */
void sc_link_infer_partners(sc_link_spec *s);

/* --- options -------------------------------------------------------------- */

typedef struct sc_link_opts {
    int threads;           /* worker threads, >= 1 */
    uint64_t seed;         /* random pairs for u */
    uint64_t u_samples;    /* random pairs drawn to estimate u */
    uint64_t max_pairs;    /* refuse more candidate pairs than this */
    uint64_t rule_budget;  /* sc_link_plan_rules: most pairs one rule may
                              propose; 0 = 5 a record of the larger
                              table, at least 25,000.  All rules
                              together may add 2.5 times as many. */
    int em_max_iter;       /* EM iterations at most */
    double em_tol;         /* EM stops when no parameter moves more than
                              this (u and rho: 1000 times this,
                              relatively) */
} sc_link_opts;

/* threads 1, seed 1, u_samples 200,000, max_pairs 200 million,
 * rule_budget 0, em_max_iter 500, em_tol 1e-7. */
void sc_link_opts_init(sc_link_opts *o);

/* Chooses blocking rules for the spec's fields and appends them (up to
 * SC_LINK_RULES_MAX in all): among rules on one field and on pairs of
 * fields, cheapest first, each whose pairs fit the rule budget and whose
 * new pairs fit what is left of the total budget, skipping a rule whose
 * pairs a chosen rule already proposes.  Pair counts are estimated on a
 * random sample of rows (stream (o->seed, SC_STAGE_LINK)).  b may be
 * NULL (dedupe a).  SC_EINVAL with err set when no rule fits. */
int sc_link_plan_rules(sc_link_spec *s, const sc_link_table *a,
                       const sc_link_table *b, const sc_link_opts *o,
                       char *err);

/* --- the index ------------------------------------------------------------ */

typedef struct sc_link_index sc_link_index;

/* Prepares table b (the indexed table, read through each field's col_b)
 * and, when a is not NULL, table a (the table to link to it, read
 * through col), and builds the blocking index of b under the spec's
 * rules.  With a NULL, pairs are within b (deduplication); queries give
 * their values by col either way.
 * Value frequencies count both tables.  The index copies what it needs
 * (the spec, the normalised values) and keeps no reference to the
 * tables.  Uses up to `threads` threads. */
int sc_link_index_create(const sc_link_spec *s, const sc_link_table *b,
                         const sc_link_table *a, int threads,
                         sc_link_index **out, char *err);
void sc_link_index_destroy(sc_link_index *ix);

const sc_link_spec *sc_link_index_spec(const sc_link_index *ix);
/* Rows of table A (equal to rows of B when deduplicating) and of B. */
size_t sc_link_index_rows_a(const sc_link_index *ix);
size_t sc_link_index_rows_b(const sc_link_index *ix);
int sc_link_index_dedupe(const sc_link_index *ix);
/* Number of all pairs: rows_a * rows_b, or n (n - 1) / 2 to dedupe. */
double sc_link_index_all_pairs(const sc_link_index *ix);

/* --- candidate pairs ------------------------------------------------------ */

/* Pairs as parallel arrays.  In a link job a[i] is a row of A and b[i]
 * a row of B; in a dedupe job a[i] < b[i] are rows of the one table.
 * Pairs are ordered by a, then b. */
typedef struct sc_link_pairs {
    size_t n;
    uint32_t *a;
    uint32_t *b;
    uint64_t *gamma;   /* levels, 4 bits a field, field 0 lowest */
    float *weight;     /* log2 posterior odds, once scored */
    uint64_t per_rule[SC_LINK_RULES_MAX]; /* pairs each rule added */
} sc_link_pairs;

/* The level of field f in a packed comparison vector. */
static inline int sc_link_gamma_level(uint64_t gamma, size_t f)
{
    return (int)((gamma >> (4 * f)) & 0xF);
}

/* The match probability of a weight. */
double sc_link_prob(double weight);

/* Every candidate pair of the index, compared field by field (weights
 * are 0 until scored).  SC_ERANGE with err set when there would be more
 * than o->max_pairs pairs.  *out is overwritten; release it with
 * sc_link_pairs_release. */
int sc_link_pairs_compute(const sc_link_index *ix, const sc_link_opts *o,
                          sc_link_pairs *out, char *err);
void sc_link_pairs_release(sc_link_pairs *p);

/* --- the model ------------------------------------------------------------ */

typedef struct sc_link_model {
    size_t nfields;
    uint8_t kind[SC_LINK_FIELDS_MAX];
    double lambda;     /* probability that two records, drawn as the job
                          draws pairs, are a match */
    double m[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    double u[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    /* Fields are not independent among non-matches: namesakes are
     * commoner than the product of the names' frequencies says, and a
     * shared given name nearly always means a shared sex.  rho[i][j]
     * (i < j) is how much likelier a non-matching pair is to agree
     * exactly on both fields than independence says; a pair agreeing
     * exactly on both gets w_rho[i][j] = -log2(rho[i][j]) more weight.
     * 1 (no correction) unless estimated. */
    double rho[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    /* Partner names (given and family): fields pair[0] < pair[1], or
     * -1.  Both names at the swap level is one event (the names were
     * written in each other's place), not two: m_swap2 is its
     * probability among matches; among non-matches it is the product of
     * the two swap levels' u times rho of the pair. */
    int8_t pair[2];
    double m_swap2;
    /* Set by sc_link_model_finish: log2(m / u), the prior's log2 odds,
     * the dependence corrections, and the weight of a double swap
     * (replacing the two swap weights). */
    double w[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    double prior;
    double w_rho[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    double w_swap2;
    /* Diagnostics of sc_link_train. */
    int iterations;    /* EM iterations run */
    int converged;     /* EM met em_tol */
    double matches;    /* expected number of matching pairs */
    uint64_t patterns; /* distinct comparison vectors among candidates */
} sc_link_model;

/* Default parameters for the spec's fields: m falling from 0.9 at exact
 * agreement, u rising to the "else" level, lambda 1e-4; finished. */
void sc_link_model_init(sc_link_model *m, const sc_link_spec *s);

/* Recomputes w and prior after m, u or lambda were changed by hand. */
void sc_link_model_finish(sc_link_model *m);

/* Estimates u from o->u_samples random pairs (stream (o->seed,
 * SC_STAGE_LINK)) and the value frequencies, then m and lambda by EM on
 * the candidate pairs' comparison vectors.  The result is finished. */
int sc_link_train(const sc_link_index *ix, const sc_link_pairs *p,
                  const sc_link_opts *o, sc_link_model *out, char *err);

/* Writes every pair's weight (with the term-frequency adjustment). */
void sc_link_pairs_score(const sc_link_index *ix, const sc_link_model *m,
                         sc_link_pairs *p, int threads);

/* The weight of one pair: row a of A (or of B when deduping) against
 * row b of B, with comparison vector gamma. */
double sc_link_score_pair(const sc_link_index *ix, const sc_link_model *m,
                          uint32_t b, uint64_t gamma);

/* --- one record at a time ------------------------------------------------- */

/* A candidate found for a query. */
typedef struct sc_link_hit {
    uint32_t row;      /* row of table B */
    float weight;      /* log2 posterior odds */
    float prob;        /* match probability */
    uint64_t gamma;    /* levels, as in sc_link_pairs */
} sc_link_hit;

/* Per-thread scratch for queries against an index. */
typedef struct sc_link_query sc_link_query;

int sc_link_query_create(const sc_link_index *ix, sc_link_query **out);
void sc_link_query_destroy(sc_link_query *q);

/* Blocks, compares and scores one record (values[col] for every field's
 * A-side column; NULL or "" is empty) against table B.  Sets *hits to
 * the candidates whose probability is at least min_prob, in ascending
 * row order, valid until the next call on q.  Returns 0 or SC_ENOMEM. */
int sc_link_query_run(sc_link_query *q, const sc_link_model *m,
                      const char *const *values, double min_prob,
                      const sc_link_hit **hits, size_t *n);

/* --- clusters and evaluation ---------------------------------------------- */

/* Connected components of the graph on n nodes whose edges are the pairs
 * whose probability is at least threshold.  cluster[i] gets
 * the component of node i, numbered 0, 1, ... in the order of each
 * component's lowest node.  Returns the number of components, or
 * SC_ENOMEM.  For a link job, nodes are rows of A then rows of B
 * (b + rows_a): pass b_offset = rows_a; for dedupe 0. */
int sc_link_cluster(size_t n, const sc_link_pairs *p, double threshold,
                    size_t b_offset, uint32_t *cluster);

typedef struct sc_link_eval {
    uint64_t true_pairs;   /* pairs of records of the same entity */
    uint64_t predicted;    /* pairs at or above the threshold */
    uint64_t tp;           /* predicted pairs that are true pairs */
    double precision, recall, f1;
} sc_link_eval;

/* Compares the pairs at or above `threshold` with the truth: entity_a
 * (rows_a entries) and, for a link job, entity_b (rows_b entries; NULL
 * to dedupe).  Entities are small integers (< 2^32 - 1); true pairs are
 * every pair of A x B (or within the one table) of the same entity. */
int sc_link_evaluate(const sc_link_pairs *p, double threshold,
                     const uint32_t *entity_a, size_t rows_a,
                     const uint32_t *entity_b, size_t rows_b,
                     sc_link_eval *out);

/* --- synthetic data ------------------------------------------------------- */

/* Person records written from scomm's name model (sc_name_draw, then
 * sc_name_record with clerks' noise and sc_dob_miskey): columns
 * rec_id, given_name, family_name, date_of_birth (YYYY-MM-DD), sex,
 * birth_country.  Each entity has 1 to 4 records (mean 2); rows are
 * shuffled.  entity[i] (allocated, caller frees) is the true entity of
 * row i.  Stream (seed, SC_STAGE_LINK). */
typedef struct sc_link_synth_noise {
    double typo;         /* per name field, a keyboard edit */
    double order_swap;   /* given and family written in each other's place */
    double one_surname;  /* Hispanic: second surname dropped */
    double translit;     /* Arabic: another romanization */
    double dob_error;    /* a mis-keyed date of birth */
    double missing;      /* per field, left empty */
} sc_link_synth_noise;

/* The booking clerk's rates of scenario defaults: typo 0.03, swap 0.02,
 * one_surname 0.4, translit 0.4, dob_error 0.01; missing 0.02. */
void sc_link_synth_noise_default(sc_link_synth_noise *n);

int sc_link_synth_people(uint64_t seed, size_t records,
                         const sc_link_synth_noise *noise,
                         sc_link_table **out, uint32_t **entity);
/* Its column names, NULL-terminated. */
const char *const *sc_link_synth_people_columns(void);

/* Records generated as FEBRL's data set generator does (Christen 2005,
 * dsgen/generate.py: its field selection probabilities, kinds of
 * modification and their mix, given/surname swaps), with names from
 * scomm's name pool and addresses invented from it: columns rec_id,
 * given_name, surname, street_number, address_1, address_2, suburb,
 * postcode, state, date_of_birth, soc_sec_id.  Each of n_orig originals
 * has at most one duplicate (n_dup <= n_orig), with exactly max_rec
 * modifications, at most max_field in one field.  With split, the
 * originals go to *a and the duplicates to *b (FEBRL 4); otherwise all
 * rows, shuffled, to *a and *b is NULL (FEBRL 1).  entity arrays as
 * above (ent_b NULL without split). */
int sc_link_synth_febrl(uint64_t seed, size_t n_orig, size_t n_dup,
                        int max_field, int max_rec, int split,
                        sc_link_table **a, uint32_t **ent_a,
                        sc_link_table **b, uint32_t **ent_b);
/* Its column names, NULL-terminated. */
const char *const *sc_link_synth_febrl_columns(void);

#endif /* SC_LINK_LINKER_H */
