/*
 * sim.h - one run of the model: world -> registries -> bookings ->
 * pipeline -> judgement, as an object with a create/run/destroy shape.
 *
 *   sc_sim_create()  validates parameters, builds the world, writes the
 *                    registries and builds the review's name-search
 *                    index (training its model)
 *   sc_sim_run()     draws the bookings and runs each through the pipeline
 *                    (interoperability check, IDENT search, query, review,
 *                    policy, jail) and the judge, on `threads` threads;
 *                    results are identical for any thread count
 *   accessors        read everything for the outputs (src/io)
 */
#ifndef SC_SIM_H
#define SC_SIM_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/geo.h"
#include "scomm/jail.h"
#include "scomm/judge.h"
#include "scomm/policy.h"
#include "scomm/registry.h"
#include "scomm/review.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

/* Everything the pipeline did with one booking. */
typedef struct sc_outcome {
    uint32_t evidence;        /* index of its sc_evidence, SC_NONE if no
                                 query was sent */
    uint8_t activated;        /* the county forwarded prints that day */
    sc_ident_result ident;
    sc_decision decision;
    sc_jail_response jail;
    sc_judgement judgement;
} sc_outcome;

/* Run totals, as summary.json reports them. */
typedef struct sc_totals {
    uint64_t persons;
    uint64_t records[SC_REG_COUNT];
    uint64_t bookings;
    uint64_t searched;        /* bookings whose prints reached IDENT */
    uint64_t ident_hits;
    uint64_t false_hits;      /* hits on another person's FIN */
    uint64_t queries;
    /* What the officer's review found among the queries (officer.h);
     * counted whatever the policy, acted on by those that read it. */
    uint64_t afile_read;      /* a paper A-file was read */
    uint64_t afile_citizen;   /* ... and shows citizenship */
    uint64_t parent_citizen;  /* a possible derivation */
    uint64_t claims;          /* the person claimed citizenship */
    uint64_t claims_verified; /* ... and the claim was verified */
    uint64_t detainers;
    uint64_t supported;
    uint64_t wrong_citizen;
    uint64_t wrong_lawful;
    uint64_t wrong_other;
    uint64_t missed;          /* removable, queried or not, no detainer */
    uint64_t honoured;
    double hold_hours;        /* all honoured detainers */
    double hold_hours_wrongful;
    uint64_t causes[SC_CAUSE_COUNT];  /* primary causes of wrongful
                                         detainers (citizens, lawful) */
    uint64_t contributing[SC_CAUSE_COUNT]; /* the same detainers, each
                                         cause counted where it
                                         contributed beside another */
    uint64_t bookings_by_status[SC_ST_COUNT];
    uint64_t detainers_by_status[SC_ST_COUNT];
} sc_totals;

/* Progress: the stage ("world", "registries", "bookings", "pipeline") and
 * how far it is.  Called from the thread that calls sc_sim_*. */
typedef void (*sc_progress_fn)(const char *stage, uint64_t done,
                               uint64_t total, void *ud);

typedef struct sc_sim sc_sim;

/* Builds world and registries.  Takes ownership of geo (destroyed with
 * the sim, also on failure).  On failure *out is NULL and err holds the
 * reason. */
int sc_sim_create(const sc_params *p, sc_geo *geo, sc_progress_fn progress,
                  void *ud, sc_sim **out, char *err);

/* Draws bookings and runs the pipeline.  threads >= 1.  Runs once per
 * sim; SC_EINVAL (see sc_sim_errmsg) on a second call, or when the
 * scenario's own policy (params.policy_custom) was not given with
 * sc_sim_set_policy. */
int sc_sim_run(sc_sim *s, int threads);

/* Makes pol (copied; it must pass sc_policy_finish) the sim's policy and
 * its name params.policy.  Before sc_sim_run it only sets the policy the
 * run will use.  After it, it re-runs the policy, jail and judge stages
 * over the stored bookings, IDENT results and evidence, which do not
 * depend on the policy, and recomputes the totals: outcomes and totals
 * are then exactly those of a run under pol from the start (same seed,
 * same bytes, any thread count).  Returns 0 or SC_EINVAL. */
int sc_sim_set_policy(sc_sim *s, const sc_policy *pol);

/* The compiled policy the sim decides with (rule labels for outputs). */
const sc_policy *sc_sim_policy(const sc_sim *s);

const char *sc_sim_errmsg(const sc_sim *s);
void sc_sim_destroy(sc_sim *s);

const sc_params *sc_sim_params(const sc_sim *s);
const sc_geo *sc_sim_geo(const sc_sim *s);
const sc_world *sc_sim_world(const sc_sim *s);
const sc_registries *sc_sim_registries(const sc_sim *s);
/* The name search's index and its trained model (sc_review_index_info). */
const sc_review_index *sc_sim_review_index(const sc_sim *s);
const sc_booking *sc_sim_bookings(const sc_sim *s, size_t *n);
const sc_outcome *sc_sim_outcomes(const sc_sim *s);
const sc_evidence *sc_sim_evidence(const sc_sim *s, uint32_t i);
const sc_totals *sc_sim_totals(const sc_sim *s);

/* Whether county c forwarded prints to IDENT on date d. */
int sc_sim_activated(const sc_geo *g, uint32_t county, sc_date d);

#endif /* SC_SIM_H */
