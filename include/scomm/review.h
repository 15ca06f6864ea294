/*
 * review.h - the response centre's review: query generation and the
 * search of the registries.
 *
 * A query (IAQ) is sent when IDENT hit, or when the jail sent a manual
 * IAQ for a booking that gives a foreign place of birth, while
 * [pipeline] query_foreign_pob is on.  The
 * reviewer then gathers evidence: records fetched by identifier (the FIN of
 * the hit, every A-number those records carry) and records found by
 * searching each registry by name and date of birth.  Only records posted
 * on or before the query date are visible.  The evidence summary is what
 * the policy reads: the best status the records show, and the facts
 * (orders, foreign birth) that its rules need.
 *
 * The name-and-date-of-birth search goes through the record-linkage
 * engine (scomm/link/linker.h): sc_review_index_create() builds, once per
 * run, one linkage index over every registry record (given name, family
 * name, date of birth, sex) and trains its Fellegi-Sunter model without
 * labels; each pipeline thread then queries it through its own
 * sc_review_scratch.  A record is evidence when its match probability is
 * at least [review] match_threshold.  docs/pipeline.md has the blocking
 * rules, the training sample and the query prior.
 */
#ifndef SC_REVIEW_H
#define SC_REVIEW_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/link/linker.h"
#include "scomm/registry.h"
#include "scomm/scenario.h"

#define SC_EVIDENCE_MAX 32

enum sc_found_how {
    SC_FOUND_FIN = 1,     /* fetched by the FIN of the IDENT hit */
    SC_FOUND_ANUM,        /* fetched by an A-number another record gave */
    SC_FOUND_NAME_DOB     /* found by searching name and date of birth */
};

/* The fields the name search compares, in the index's field order. */
enum sc_review_field {
    SC_RF_GIVEN = 0,      /* NAME, partnered with the family name */
    SC_RF_FAMILY,         /* NAME */
    SC_RF_DOB,            /* DATE */
    SC_RF_SEX,            /* CATEGORY */
    SC_RF_COUNT
};

/* level[] of an identifier fetch: no comparison was made. */
#define SC_LEVEL_NONE 0xFF

typedef struct sc_evidence_item {
    uint32_t record;      /* id within its registry */
    float score;          /* match probability; 1 for identifier fetches */
    float weight;         /* match weight (log2 odds); 0 for identifier
                             fetches */
    uint8_t registry;     /* enum sc_registry_id */
    uint8_t how;          /* enum sc_found_how */
    uint8_t added;        /* 1: a record of the overlay (re-runs only;
                             record is then its index in added[]) */
    uint8_t level[SC_RF_COUNT]; /* comparison level per enum
                             sc_review_field (sc_link_level_name of the
                             field's kind), SC_LEVEL_NONE for identifier
                             fetches */
} sc_evidence_item;

typedef struct sc_evidence {
    uint8_t queried;      /* 1 when a query was sent */
    uint8_t status;       /* best enum sc_rec_status the records show on
                             the query date: CITIZEN > LPR > TEMPORARY
                             (not expired) > ORDERED > NO_STATUS > NONE,
                             except that an order dated after every
                             lawful-status record reads ORDERED */
    uint8_t has_order;    /* a final order without a later removal */
    uint8_t foreign_birth;/* booking or a record gives a foreign birth */
    uint8_t ident_record; /* IDENT returned the person's encounters */
    uint8_t truncated;    /* more than SC_EVIDENCE_MAX records found */
    uint8_t recent_entry; /* an apprehension record stating no status,
                             dated in the SC_RECENT_YEARS before the
                             query (sc_review_recent_entry) */
    /* The individualized officer's own review (officer.h), filled by
     * sc_officer_review after sc_review; all 0 when it did not run. */
    uint8_t heard;        /* the officer reviewed the case */
    uint8_t afile_read;   /* an A-file was read */
    uint8_t afile_citizen;/* the A-file shows citizenship */
    uint8_t afile_lawful; /* the A-file shows a current lawful status */
    uint8_t parent_citizen; /* a parent's file shows a citizenship the
                             person may have derived */
    uint8_t claims;       /* the person claims to be a citizen */
    uint8_t claim_verified; /* the claim was checked and holds */
    uint8_t claim_basis;  /* enum sc_claim_basis of the claim */
    uint16_t n;
    sc_evidence_item items[SC_EVIDENCE_MAX];
} sc_evidence;

/* How far back an apprehension counts as a recent unlawful entry: three
 * years, as the brief of the judicial policy puts it (DESIGN.md), and
 * roughly the window of the 2014 priorities' "not continuously present
 * since" test.  Fixed, not a parameter: change the rule text, not this,
 * to ask a different question. */
#define SC_RECENT_YEARS 3

/* 1 if rec is an enforcement apprehension stating no status, dated in
 * the SC_RECENT_YEARS before `on` (the window's first day included) and
 * not after it.  Only those count: an IDENT encounter does not say what
 * kind of encounter it was, and a benefit biometric of an overstayer
 * also states no status. */
int sc_review_recent_entry(const sc_record *rec, sc_date on);

/* The name search: a linkage index over the registry records (records
 * with the same given name, family name, date of birth and sex share one
 * row), with its trained model.  Read-only once built. */
typedef struct sc_review_index sc_review_index;

/* How the model was set (for logs, tests and docs). */
typedef struct sc_review_train_info {
    uint64_t records;     /* registry records indexed */
    uint64_t rows;        /* distinct (given, family, dob, sex) rows */
    uint64_t sample;      /* records in the training sample */
    uint64_t pairs;       /* candidate pairs of the sample */
    int trained;          /* 1: EM ran; 0: the default model was kept */
    int iterations;       /* EM iterations */
    double matches;       /* EM's expected matching pairs in the sample */
    double per_person;    /* records of a person on file, as estimated */
    double lambda;        /* the query prior used (model lambda) */
} sc_review_train_info;

/* Builds the index over every record of reg and trains its model (see
 * review_index.c); uses up to `threads` threads; results do not depend
 * on them.  The index keeps no reference to reg beyond record ids. */
int sc_review_index_create(const sc_params *p, const sc_registries *reg,
                           int threads, sc_review_index **out, char *err);
void sc_review_index_destroy(sc_review_index *ix);

/* The engine's index (NULL when the registries hold no record), its
 * spec, and the model queries score with. */
const sc_link_index *sc_review_index_link(const sc_review_index *ix);
const sc_link_spec *sc_review_index_spec(const sc_review_index *ix);
const sc_link_model *sc_review_index_model(const sc_review_index *ix);
const sc_review_train_info *sc_review_index_info(const sc_review_index *ix);
/* Replaces the model (tests, experiments); m must have the index's
 * fields.  Finishes it.  Not while queries run. */
int sc_review_index_set_model(sc_review_index *ix, const sc_link_model *m);

/* The default model, used when the registries are too small to train
 * on: hand-set m and u (an assumption, docs/pipeline.md), lambda for
 * `records` registry records.  Finished. */
void sc_review_default_model(const sc_link_spec *s, double records,
                             sc_link_model *m);

/* Per-thread scratch of the name search. */
typedef struct sc_review_scratch sc_review_scratch;
int sc_review_scratch_create(const sc_review_index *ix,
                             sc_review_scratch **out);
void sc_review_scratch_destroy(sc_review_scratch *q);

/* Decides whether the booking generates a query and, if so, reviews the
 * registries as of b->date: identifier fetches, and the name search
 * through ix with scratch q.  Never reads the world.  Returns 0, or
 * SC_ENOMEM (out then holds what was gathered before). */
int sc_review(const sc_params *p, const sc_registries *reg,
              const sc_review_index *ix, sc_review_scratch *q,
              const sc_booking *b, const sc_ident_result *ident,
              sc_evidence *out);

/* ---- re-running a review on corrected registries ---- */

/* Records an overlay holds at most, of each kind. */
#define SC_OVERLAY_MAX 256

/* A registry record named by registry and id. */
typedef struct sc_review_ref {
    uint32_t record;
    uint8_t registry;     /* enum sc_registry_id */
} sc_review_ref;

/* Says whether the name search may attach a registry record: 0 drops
 * it (and the A-numbers it would have led to). */
typedef int (*sc_review_keep_fn)(void *ud, int registry, uint32_t id);

/* Changes to the registries as one review sees them, for the judge's
 * counterfactual re-runs (attribute.h): the review itself never reads
 * the truth, it reads the overlay as it reads the registries.
 *
 *   hidden    records the review never sees (a corrected record is its
 *             original hidden plus its corrected copy added)
 *   added     records as if written into the registries (rec.registry
 *             says which): fetched by FIN and A-number like the others
 *             and found by the name search when the index's model,
 *             scoring the record against the booking
 *             (sc_review_index_score), puts it at or above the
 *             threshold
 *   attach    records taken as found whatever the search scores (a
 *             perfect identity resolution), when visible and not hidden;
 *             attach_added does the same for every added record
 *   name_keep NULL, or the filter of the name search's records
 *   afile_complete, vital_complete, state_complete
 *             for the officer's review (officer.h), which reads the
 *             overlay too: no page is missing from a paper A-file;
 *             every U.S. birth is in state vital records; every citizen
 *             born abroad to a citizen parent has a State Department
 *             record
 *
 * Plain data; sc_review_overlay_init empties one.  Adding past
 * SC_OVERLAY_MAX sets `overflow` and drops the record. */
typedef struct sc_review_overlay {
    size_t n_hidden, n_added, n_attach;
    sc_review_ref hidden[SC_OVERLAY_MAX];
    sc_record added[SC_OVERLAY_MAX];
    sc_review_ref attach[SC_OVERLAY_MAX];
    uint8_t attach_added;
    uint8_t overflow;
    uint8_t afile_complete, vital_complete, state_complete;
    sc_review_keep_fn name_keep;
    void *name_ud;
} sc_review_overlay;

void sc_review_overlay_init(sc_review_overlay *ov);
/* 1 if the overlay hides the record. */
int sc_review_overlay_hides(const sc_review_overlay *ov, int registry,
                            uint32_t id);

/* sc_review on the registries as the overlay changes them; ov NULL is
 * sc_review.  The summary and facts read overlay records like any
 * other; evidence items of added records have `added` set. */
int sc_review_with(const sc_params *p, const sc_registries *reg,
                   const sc_review_index *ix, sc_review_scratch *q,
                   const sc_booking *b, const sc_ident_result *ident,
                   const sc_review_overlay *ov, sc_evidence *out);

/* Scores one record against booking b as the name search would score
 * it had the record been in the registries: 1 when one of the index's
 * blocking rules would pair them (hit then holds the weight,
 * probability and comparison levels; row is 0), 0 when none would.
 * The term frequency of a value is that of the index (the value's count
 * among the rows), so a record whose four values some row already holds
 * scores exactly as that row does. */
int sc_review_index_score(const sc_review_index *ix, const sc_booking *b,
                          const sc_record *rec, sc_link_hit *hit);

#endif /* SC_REVIEW_H */
