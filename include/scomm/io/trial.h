/*
 * trial.h - one detainer explained from a run's database (scomm.db).
 *
 * sc_trial_open() opens a run folder or a scomm.db read-only and checks
 * that it holds the tables of docs/outputs.md; sc_trial_load() reads
 * everything about one detainer into a plain sc_trial_case (the booking,
 * the IDENT result, the records consulted, the rule, the truth) and
 * derives the findings, the sentences that say what the databases
 * missed; sc_trial_print() and sc_trial_json() lay a case out as text or
 * as one JSON object with keys in a fixed order.  Nothing here writes to
 * the database.
 *
 * Text fields are NULL where the database holds NULL; integer fields
 * hold SC_TRIAL_NULL there.  A case owns all its memory: release it with
 * sc_trial_case_release().
 */
#ifndef SC_TRIAL_H
#define SC_TRIAL_H

#include <stdint.h>
#include <stdio.h>

/* An integer column that was NULL (no FIN, no A-number, no subject). */
#define SC_TRIAL_NULL INT64_MIN

/* One record the review consulted: the evidence row and the record. */
typedef struct sc_trial_record {
    int64_t seq;              /* position in the query's evidence */
    char *registry;           /* "IDENT", "A-FILE", ... */
    int64_t id;               /* record id within the registry */
    char *how;                /* "fin", "anum", "name_dob" */
    double score;             /* review's score; 1 for identifier fetches */
    int has_match;            /* weight..level_sex below are set */
    double weight;            /* match weight, log2 posterior odds */
    double probability;       /* posterior match probability */
    char *level_given, *level_family, *level_dob, *level_sex;
    int stored;               /* the records row exists */
    char *kind, *status, *cls, *date, *posted, *until, *dob, *cob;
    char *given, *family;     /* name as the registry holds it */
    int64_t anum, fin;        /* SC_TRIAL_NULL when none */
    int64_t subject;          /* person truly described; SC_TRIAL_NULL */
    char *subject_given;      /* that person's true name, when stored */
    char *subject_family;
} sc_trial_record;

/* One event of the booked person's true history. */
typedef struct sc_trial_event {
    char *date, *kind, *until, *cls;
    int64_t other;            /* derive: parent id; marry: name id */
    int after;                /* happened after the booking date */
} sc_trial_event;

/* One error source present in a wrongful detainer (judgement_causes). */
typedef struct sc_trial_source {
    char *cause;              /* "pob_wrong", ... */
    char *role;               /* "primary", "contributing", "present" */
    int but_for;              /* removing it alone lifted the detainer */
} sc_trial_source;

typedef struct sc_trial_case {
    /* the run */
    char *scenario, *seed, *policy;
    /* 1. the booking record */
    int64_t booking;
    int64_t person;
    char *county, *date, *given, *family, *dob, *sex, *pob, *pob_how;
    char *quality;
    int convicted;
    int misdemeanor;          /* a significant-misdemeanour conviction */
    /* 2. IDENT */
    int activated, ident_searched, ident_hit;
    int64_t ident_fin;        /* SC_TRIAL_NULL without a hit */
    /* 3. the query and its records */
    int queried;
    char *q_status;           /* best status shown; NULL without query */
    int has_order, foreign_birth, ident_record, truncated;
    /* the officer's review (officer.h), when the database has it */
    int has_officer;          /* the queries table has its columns */
    int recent_entry, afile_read, afile_citizen, afile_lawful;
    int parent_citizen, claims, claim_verified;
    char *claim_basis;        /* "us_birth", ...; NULL without a claim */
    int has_match_columns;    /* the evidence table has weight etc. */
    sc_trial_record *records;
    size_t n_records;
    /* 4. the decision and the jail */
    char *rule, *box;
    int honoured, picked_up;
    double hold_hours;
    /* 5. the truth */
    char *verdict, *cause, *true_status;
    int has_sources;          /* the database has judgement_causes */
    sc_trial_source *sources; /* the primary cause, then every present
                                 source in precedence order */
    size_t n_sources;
    int removable, false_hit;
    char *birth, *true_sex, *birth_kind, *birth_country, *tradition;
    char *true_given, *true_family;
    sc_trial_event *events;
    size_t n_events;
    char **findings;          /* what the databases missed, in order */
    size_t n_findings;
} sc_trial_case;

typedef struct sc_trial_db sc_trial_db;

/* Opens `path`, a run folder (its scomm.db is read) or a database file,
 * read-only.  Returns 0, SC_ENOENT (no such folder or file), SC_EPARSE
 * (not a SQLite database, or a table of a scomm database missing) or
 * SC_ENOMEM, with err (SC_ERRMSG_MAX bytes) naming the file. */
int sc_trial_open(const char *path, sc_trial_db **out, char *err);
void sc_trial_close(sc_trial_db *db);

/* The database file opened. */
const char *sc_trial_path(const sc_trial_db *db);

/* Reads the detainer on booking `booking` into *out (zeroed first).
 * Returns 0, SC_ENOENT when there is no such booking or the booking got
 * no detainer (err says which), SC_EDB or SC_ENOMEM.  On failure *out
 * holds nothing to release. */
int sc_trial_load(sc_trial_db *db, int64_t booking, sc_trial_case *out,
                  char *err);
void sc_trial_case_release(sc_trial_case *c);

/* The wrongful detainers (verdicts wrong_citizen and wrong_lawful): a
 * sample of at most n of them, the n with the smallest sc_hash3(seed,
 * booking, 0) (a bottom-k sample, uniform without replacement), returned
 * in booking id order; all of them when there are n or fewer.  *ids is
 * malloc'd (free it), *total is the number of wrongful detainers. */
int sc_trial_wrongful(sc_trial_db *db, uint64_t seed, size_t n,
                      int64_t **ids, size_t *n_ids, size_t *total,
                      char *err);

/* The case as a reviewer reads it, five numbered parts. */
void sc_trial_print(const sc_trial_case *c, FILE *f);

/* The case as one JSON object (keys in a fixed order, 2-space indent,
 * no final newline).  Returns a malloc'd string, NULL on no memory. */
char *sc_trial_json(const sc_trial_case *c);

/* Several cases as {"database", "wrongful_total", "seed", "cases": [..]};
 * as sc_trial_json. */
char *sc_trial_json_sample(const char *database, size_t total,
                           uint64_t seed, const sc_trial_case *cases,
                           size_t n);

#endif /* SC_TRIAL_H */
