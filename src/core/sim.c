/*
 * sim.c - one run: world -> registries -> bookings -> pipeline -> judge.
 *
 * The pipeline is embarrassingly parallel over bookings.  Bookings are cut
 * into fixed blocks of BLOCK; threads take blocks from an atomic counter,
 * and each booking draws only from its own streams (seed, stage, booking
 * id), so an outcome does not depend on which thread computed it.  Each
 * block keeps its evidence in a block-local array; after the join the
 * blocks are concatenated in block order, which fixes every evidence index.
 * Totals are summed afterwards in booking order.  Hence: same seed, same
 * bytes, for any number of threads.  The review's name-search index is
 * built once in sc_sim_create, after the registries, and is read-only
 * afterwards; each block creates its own query scratch.
 *
 * The sim holds its policy compiled (sc_policy).  The review does not
 * depend on the policy, so sc_sim_set_policy() after a run re-runs only
 * the policy, jail and judge stages over the stored bookings, IDENT
 * results and evidence: `scomm compare` sees every policy act on one
 * world and one set of bookings.  The jail draws from its own stream
 * (seed, SC_STAGE_JAIL, booking id), so a booking detained under two
 * policies meets the same jail response under both.
 *
 * A wrongful detainer's causes are found after the pipeline by
 * re-running its case with error sources removed (attribute.h;
 * attribute_pass): the sim gathers the records of the wrongly detained
 * persons in one scan of the registries and supplies the re-run
 * (rerun_decide: the review on the overlay, then the policy).  Only
 * wrongful detainers pay for it, and a re-run draws nothing, so
 * outcomes stay the same for any thread count.
 */
#include "scomm/sim.h"

#include "scomm/attribute.h"
#include "scomm/officer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 1024

struct sc_sim {
    sc_params p;
    sc_geo *geo;
    sc_world *world;
    sc_registries *reg;
    sc_review_index *review;  /* the name search over reg */
    sc_booking *bookings;
    size_t n_bookings;
    sc_outcome *outcomes;
    sc_evidence *evidence;
    size_t n_evidence;
    sc_totals totals;
    sc_policy policy;
    int has_policy;       /* policy holds rules (a custom one needs
                             sc_sim_set_policy before the run) */
    int ran;              /* sc_sim_run has filled outcomes and evidence */
    sc_progress_fn progress;
    void *ud;
    char err[SC_ERRMSG_MAX];
};

/* Work shared by the pipeline threads. */
struct block_out {
    sc_evidence *ev;      /* evidence of the block's queried bookings */
    uint32_t n_ev;
};

struct pipeline_job {
    sc_sim *s;
    struct block_out *blocks;
    size_t n_blocks;
    atomic_size_t next;
    atomic_size_t done;
    atomic_int failed;
};

static void progress(sc_sim *s, const char *stage, uint64_t done,
                     uint64_t total)
{
    if (s->progress)
        s->progress(stage, done, total, s->ud);
}

int sc_sim_activated(const sc_geo *g, uint32_t county, sc_date d)
{
    return d >= sc_geo_county(g, county)->activation;
}

int sc_sim_create(const sc_params *p, sc_geo *geo, sc_progress_fn fn,
                  void *ud, sc_sim **out, char *err)
{
    sc_sim *s;
    int rc;

    *out = NULL;
    if ((rc = sc_params_validate(p, err)) < 0) {
        sc_geo_destroy(geo);
        return rc;
    }
    s = calloc(1, sizeof *s);
    if (!s) {
        sc_geo_destroy(geo);
        snprintf(err, SC_ERRMSG_MAX, "out of memory");
        return SC_ENOMEM;
    }
    s->p = *p;
    s->geo = geo;
    s->has_policy = sc_policy_builtin(p->policy, &s->policy) == 0;
    s->progress = fn;
    s->ud = ud;
    sc_geo_assign_declines(geo, p->seed, p->decline_share);

    progress(s, "world", 0, 1);
    if ((rc = sc_world_create(&s->p, geo, &s->world, err)) < 0)
        goto fail;
    progress(s, "world", 1, 1);
    progress(s, "registries", 0, 1);
    if ((rc = sc_registries_create(&s->p, s->world, &s->reg, err)) < 0)
        goto fail;
    progress(s, "registries", 1, 1);
    progress(s, "review index", 0, 1);
    if ((rc = sc_review_index_create(&s->p, s->reg,
                                     sc_params_threads(&s->p, 64),
                                     &s->review, err)) < 0)
        goto fail;
    progress(s, "review index", 1, 1);
    *out = s;
    return 0;
fail:
    sc_sim_destroy(s);
    return rc;
}

/* One counterfactual re-run of a case (attribute.h): the pipeline's
 * stages from the review to the decision, on the registries as the
 * overlay changes them. */
struct rerun_ctx {
    const sc_sim *s;
    sc_review_scratch *q;
};

static int rerun_decide(void *ud, const sc_booking *b,
                        const sc_ident_result *ident,
                        const sc_review_overlay *ov, sc_decision *out)
{
    const struct rerun_ctx *r = ud;
    sc_evidence ev;
    int rc;

    rc = sc_review_with(&r->s->p, r->s->reg, r->s->review, r->q, b, ident,
                        ov, &ev);
    if (rc < 0)
        return rc;
    /* The officer's review, as the pipeline runs it for the booking
     * itself; the person says the same, the files are read on the
     * overlay. */
    if (ev.queried) {
        sc_statement st;

        sc_officer_hear_with(&r->s->p, r->s->world, r->s->reg, ov, b, &st);
        sc_officer_review_with(&r->s->p, r->s->reg, ov, b, &st, &ev);
    }
    sc_policy_eval(&r->s->policy, b, ident, &ev, out);
    return 0;
}

/* The stages after the review, which alone depend on the policy: they
 * start from a clean decision and jail response, so that re-running
 * them under another policy leaves nothing of the last one.  The causes
 * of a wrongful detainer come after, from attribute_pass. */
static void decide_booking(const sc_sim *s, const sc_booking *b,
                           sc_outcome *o, const sc_evidence *ev)
{
    sc_rng r;

    memset(&o->decision, 0, sizeof o->decision);
    memset(&o->jail, 0, sizeof o->jail);
    memset(&o->judgement, 0, sizeof o->judgement);
    sc_policy_eval(&s->policy, b, &o->ident, ev, &o->decision);
    if (o->decision.detainer) {
        sc_rng_init(&r, s->p.seed, SC_STAGE_JAIL, b->id);
        sc_jail_respond(&s->p, s->geo, b, &r, &o->jail);
    }
    sc_judge(s->world, s->reg, b, &o->ident, ev, &o->decision,
             &o->judgement);
}

/* ---- attribution of wrongful detainers ---- */

/* A person's records: the run [start, end) of att_job.refs. */
typedef struct att_job {
    sc_sim *s;
    const uint32_t *wrong;    /* booking indices, ascending */
    size_t n_wrong;
    const uint32_t *who;      /* person of each ref, ascending */
    const sc_review_ref *refs;
    size_t n_refs;
    atomic_size_t next;
    atomic_int failed;
} att_job;

static void attribute_one(att_job *job, sc_review_scratch *q, size_t k)
{
    static const sc_evidence none;
    sc_sim *s = job->s;
    sc_outcome *o = &s->outcomes[job->wrong[k]];
    const sc_booking *b = &s->bookings[job->wrong[k]];
    const sc_evidence *ev =
        o->evidence != SC_NONE ? &s->evidence[o->evidence] : &none;
    struct rerun_ctx ctx;
    size_t lo = 0, hi = job->n_refs, end;

    while (lo < hi) {             /* the first ref of the person */
        size_t mid = lo + (hi - lo) / 2;

        if (job->who[mid] < b->person)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (end = lo; end < job->n_refs && job->who[end] == b->person; end++)
        ;
    ctx.s = s;
    ctx.q = q;
    if (sc_attribute(&s->p, s->world, s->reg, b, &o->ident, ev, job->refs + lo,
                     end - lo, rerun_decide, &ctx, &o->judgement) < 0)
        atomic_store(&job->failed, 1);
}

static void *attribute_worker(void *arg)
{
    att_job *job = arg;
    sc_review_scratch *q = NULL;
    size_t k;

    if (sc_review_scratch_create(job->s->review, &q) < 0) {
        atomic_store(&job->failed, 1);
        return NULL;
    }
    while ((k = atomic_fetch_add(&job->next, 1)) < job->n_wrong)
        attribute_one(job, q, k);
    sc_review_scratch_destroy(q);
    return NULL;
}

typedef struct pref {
    uint32_t who;
    sc_review_ref ref;
} pref;

static int cmp_pref(const void *a, const void *b)
{
    const pref *x = a, *y = b;

    if (x->who != y->who)
        return x->who < y->who ? -1 : 1;
    if (x->ref.registry != y->ref.registry)
        return x->ref.registry < y->ref.registry ? -1 : 1;
    return x->ref.record < y->ref.record ? -1 : x->ref.record > y->ref.record;
}

/* Finds the causes of every wrongful detainer (attribute.h).  The
 * records of the wrongly detained persons are gathered in one scan of
 * the registries (there is no per-person index, and a scan per person
 * would cost the registries' size a hundred times); the re-runs are
 * then independent, shared out among the threads, each writing only
 * its own booking's judgement.  0 or SC_ENOMEM. */
static int attribute_pass(sc_sim *s)
{
    size_t n_persons = sc_world_count(s->world), nw = 0, np = 0, cap = 0;
    uint32_t *wrong = NULL, *who = NULL;
    uint8_t *want = NULL;
    sc_review_ref *refs = NULL;
    pref *all = NULL;
    pthread_t *tid = NULL;
    att_job job;
    int threads = s->p.threads > 1 ? s->p.threads : 1, started = 0, rc = 0;

    for (size_t i = 0; i < s->n_bookings; i++)
        nw += sc_verdict_wrongful(s->outcomes[i].judgement.verdict);
    if (nw == 0)
        return 0;
    wrong = malloc(nw * sizeof *wrong);
    want = calloc(n_persons / 8 + 1, 1);
    if (!wrong || !want) {
        rc = SC_ENOMEM;
        goto out;
    }
    nw = 0;
    for (size_t i = 0; i < s->n_bookings; i++)
        if (sc_verdict_wrongful(s->outcomes[i].judgement.verdict)) {
            uint32_t p = s->bookings[i].person;

            wrong[nw++] = (uint32_t)i;
            want[p / 8] |= (uint8_t)(1u << (p % 8));
        }
    for (int r = 0; r < SC_REG_COUNT; r++) {
        size_t cnt = sc_registries_count(s->reg, r);

        for (size_t id = 0; id < cnt; id++) {
            uint32_t p = sc_registries_subject(s->reg, r, (uint32_t)id);

            if (p >= n_persons || !(want[p / 8] >> (p % 8) & 1))
                continue;
            if (np == cap) {
                size_t nc = cap ? 2 * cap : 1024;
                pref *na = realloc(all, nc * sizeof *na);

                if (!na) {
                    rc = SC_ENOMEM;
                    goto out;
                }
                all = na;
                cap = nc;
            }
            all[np].who = p;
            all[np].ref.registry = (uint8_t)r;
            all[np].ref.record = (uint32_t)id;
            np++;
        }
    }
    if (np)
        qsort(all, np, sizeof *all, cmp_pref);
    who = malloc((np ? np : 1) * sizeof *who);
    refs = malloc((np ? np : 1) * sizeof *refs);
    if (!who || !refs) {
        rc = SC_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < np; i++) {
        who[i] = all[i].who;
        refs[i] = all[i].ref;
    }

    job.s = s;
    job.wrong = wrong;
    job.n_wrong = nw;
    job.who = who;
    job.refs = refs;
    job.n_refs = np;
    atomic_init(&job.next, 0);
    atomic_init(&job.failed, 0);
    if ((size_t)threads > nw)
        threads = (int)nw;
    if (threads > 1) {
        tid = calloc((size_t)threads - 1, sizeof *tid);
        for (int i = 0; tid && i < threads - 1; i++) {
            if (pthread_create(&tid[i], NULL, attribute_worker, &job) != 0)
                break;
            started++;
        }
    }
    attribute_worker(&job);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    if (atomic_load(&job.failed))
        rc = SC_ENOMEM;
out:
    free(tid);
    free(all);
    free(who);
    free(refs);
    free(wrong);
    free(want);
    return rc;
}

/* The whole pipeline for one booking; 0 or SC_ENOMEM. */
static int run_booking(const sc_sim *s, sc_review_scratch *q,
                       const sc_booking *b, sc_outcome *o, sc_evidence *ev)
{
    sc_rng r;
    const sc_params *p = &s->p;
    int rc;

    memset(o, 0, sizeof *o);
    o->evidence = SC_NONE;
    o->activated = (uint8_t)sc_sim_activated(s->geo, b->county, b->date);

    sc_rng_init(&r, p->seed, SC_STAGE_BIOMETRIC, b->id);
    sc_biometric_search(p, s->reg, b, o->activated, &r, &o->ident);
    rc = sc_review(p, s->reg, s->review, q, b, &o->ident, ev);
    if (ev->queried) {
        sc_statement st;

        sc_officer_hear(p, s->world, s->reg, b, &st);
        sc_officer_review(p, s->reg, b, &st, ev);
    }
    decide_booking(s, b, o, ev);
    return rc;
}

static void run_block(struct pipeline_job *job, size_t k)
{
    sc_sim *s = job->s;
    struct block_out *bo = &job->blocks[k];
    size_t lo = k * BLOCK, hi = lo + BLOCK;
    sc_evidence ev;
    sc_review_scratch *q = NULL;

    if (hi > s->n_bookings)
        hi = s->n_bookings;
    /* The name search's scratch lives for one block: a block is a
     * thousand bookings, so its cost is nothing, and no thread owns
     * state across blocks. */
    bo->ev = NULL;
    bo->n_ev = 0;
    if (sc_review_scratch_create(s->review, &q) < 0) {
        atomic_store(&job->failed, 1);
        return;
    }
    /* The block's evidence grows by doubling from a tenth of the block:
     * about one booking in ten is queried, and an evidence is some 800
     * bytes, so sizing it for every booking held ~0.8 GB at 1:10 until
     * the join. */
    size_t cap = 0;
    for (size_t i = lo; i < hi; i++) {
        sc_outcome *o = &s->outcomes[i];
        if (run_booking(s, q, &s->bookings[i], o, &ev) < 0)
            atomic_store(&job->failed, 1);
        if (!ev.queried)
            continue;
        if (bo->n_ev == cap) {
            size_t nc = cap ? 2 * cap : BLOCK / 8;
            sc_evidence *ne = realloc(bo->ev, nc * sizeof *ne);
            if (!ne) {
                atomic_store(&job->failed, 1);
                break;
            }
            bo->ev = ne;
            cap = nc;
        }
        o->evidence = bo->n_ev;          /* block-local until the join */
        bo->ev[bo->n_ev++] = ev;
    }
    sc_review_scratch_destroy(q);
}

static void *worker(void *arg)
{
    struct pipeline_job *job = arg;
    size_t k;
    while ((k = atomic_fetch_add(&job->next, 1)) < job->n_blocks) {
        run_block(job, k);
        atomic_fetch_add(&job->done, 1);
    }
    return NULL;
}

static void add_totals(sc_sim *s)
{
    sc_totals *t = &s->totals;
    memset(t, 0, sizeof *t);
    t->persons = sc_world_count(s->world);
    for (int r = 0; r < SC_REG_COUNT; r++)
        t->records[r] = sc_registries_count(s->reg, r);
    t->bookings = s->n_bookings;
    for (size_t i = 0; i < s->n_bookings; i++) {
        const sc_outcome *o = &s->outcomes[i];
        const sc_judgement *j = &o->judgement;
        t->searched += o->ident.searched;
        t->ident_hits += o->ident.hit;
        t->false_hits += j->false_hit;
        t->queries += o->evidence != SC_NONE;
        if (o->evidence != SC_NONE) {
            const sc_evidence *ev = &s->evidence[o->evidence];
            t->afile_read += ev->afile_read;
            t->afile_citizen += ev->afile_citizen;
            t->parent_citizen += ev->parent_citizen;
            t->claims += ev->claims;
            t->claims_verified += ev->claim_verified;
        }
        t->bookings_by_status[j->true_status]++;
        if (j->verdict == SC_V_MISSED)
            t->missed++;
        if (!o->decision.detainer)
            continue;
        t->detainers++;
        t->detainers_by_status[j->true_status]++;
        t->honoured += o->jail.honoured;
        t->hold_hours += o->jail.hold_hours;
        switch (j->verdict) {
        case SC_V_SUPPORTED: t->supported++; break;
        case SC_V_WRONG_CITIZEN: t->wrong_citizen++; break;
        case SC_V_WRONG_LAWFUL: t->wrong_lawful++; break;
        case SC_V_WRONG_OTHER: t->wrong_other++; break;
        default: break;
        }
        if (j->verdict == SC_V_WRONG_CITIZEN ||
            j->verdict == SC_V_WRONG_LAWFUL) {
            t->causes[j->cause]++;
            for (int c = 0; c < SC_CAUSE_COUNT; c++)
                if (j->contributing & SC_CAUSE_BIT(c))
                    t->contributing[c]++;
            t->hold_hours_wrongful += o->jail.hold_hours;
        }
    }
}

int sc_sim_run(sc_sim *s, int threads)
{
    struct pipeline_job job;
    pthread_t *tid = NULL;
    int started = 0, rc = 0;

    if (threads < 1)
        threads = 1;
    if (s->ran) {
        snprintf(s->err, sizeof s->err, "the pipeline has already run; "
                 "use sc_sim_set_policy to decide again");
        return SC_EINVAL;
    }
    if (!s->has_policy) {
        snprintf(s->err, sizeof s->err, "policy '%s' has no rules: give "
                 "them with sc_sim_set_policy before the run", s->p.policy);
        return SC_EINVAL;
    }
    s->p.threads = threads;
    progress(s, "bookings", 0, 1);
    rc = sc_bookings_generate(&s->p, s->world, s->geo, &s->bookings,
                              &s->n_bookings, s->err);
    if (rc < 0)
        return rc;
    progress(s, "bookings", 1, 1);

    s->outcomes = calloc(s->n_bookings ? s->n_bookings : 1,
                         sizeof *s->outcomes);
    memset(&job, 0, sizeof job);
    job.s = s;
    job.n_blocks = (s->n_bookings + BLOCK - 1) / BLOCK;
    job.blocks = calloc(job.n_blocks ? job.n_blocks : 1, sizeof *job.blocks);
    if (!s->outcomes || !job.blocks) {
        rc = SC_ENOMEM;
        goto out;
    }
    atomic_init(&job.next, 0);
    atomic_init(&job.done, 0);
    atomic_init(&job.failed, 0);

    if (threads > 1) {
        tid = calloc((size_t)threads - 1, sizeof *tid);
        if (!tid) {
            rc = SC_ENOMEM;
            goto out;
        }
        for (int i = 0; i < threads - 1; i++) {
            if (pthread_create(&tid[i], NULL, worker, &job) != 0)
                break;
            started++;
        }
    }
    /* The calling thread works too, and reports progress between blocks. */
    {
        size_t k;
        while ((k = atomic_fetch_add(&job.next, 1)) < job.n_blocks) {
            run_block(&job, k);
            atomic_fetch_add(&job.done, 1);
            progress(s, "pipeline", atomic_load(&job.done), job.n_blocks);
        }
    }
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    if (atomic_load(&job.failed)) {
        rc = SC_ENOMEM;
        goto out;
    }

    /* Concatenate block evidence in block order. */
    s->n_evidence = 0;
    for (size_t k = 0; k < job.n_blocks; k++)
        s->n_evidence += job.blocks[k].n_ev;
    s->evidence = malloc((s->n_evidence ? s->n_evidence : 1) *
                         sizeof *s->evidence);
    if (!s->evidence) {
        rc = SC_ENOMEM;
        goto out;
    }
    {
        size_t base = 0;
        for (size_t k = 0; k < job.n_blocks; k++) {
            struct block_out *bo = &job.blocks[k];
            size_t lo = k * BLOCK, hi = lo + BLOCK;
            if (hi > s->n_bookings)
                hi = s->n_bookings;
            if (bo->n_ev)
                memcpy(s->evidence + base, bo->ev,
                       bo->n_ev * sizeof *bo->ev);
            free(bo->ev);        /* as we go: the peak is the total */
            bo->ev = NULL;
            for (size_t i = lo; i < hi; i++)
                if (s->outcomes[i].evidence != SC_NONE)
                    s->outcomes[i].evidence += (uint32_t)base;
            base += bo->n_ev;
        }
    }
    progress(s, "attribution", 0, 1);
    if ((rc = attribute_pass(s)) < 0)
        goto out;
    progress(s, "attribution", 1, 1);
    add_totals(s);
    s->ran = 1;
out:
    if (rc == SC_ENOMEM)
        snprintf(s->err, sizeof s->err, "out of memory in the pipeline");
    for (size_t k = 0; k < job.n_blocks && job.blocks; k++)
        free(job.blocks[k].ev);
    free(job.blocks);
    free(tid);
    return rc;
}

/* Decides block k again under the sim's current policy. */
static void redecide_block(sc_sim *s, size_t k)
{
    static const sc_evidence none;    /* a booking without a query */
    size_t lo = k * BLOCK, hi = lo + BLOCK;

    if (hi > s->n_bookings)
        hi = s->n_bookings;
    for (size_t i = lo; i < hi; i++) {
        sc_outcome *o = &s->outcomes[i];
        const sc_evidence *ev =
            o->evidence != SC_NONE ? &s->evidence[o->evidence] : &none;
        decide_booking(s, &s->bookings[i], o, ev);
    }
}

struct redecide_job {
    sc_sim *s;
    size_t n_blocks;
    atomic_size_t next;
};

static void *redecide_worker(void *arg)
{
    struct redecide_job *job = arg;
    size_t k;
    while ((k = atomic_fetch_add(&job->next, 1)) < job->n_blocks)
        redecide_block(job->s, k);
    return NULL;
}

int sc_sim_set_policy(sc_sim *s, const sc_policy *pol)
{
    struct redecide_job job;
    pthread_t *tid = NULL;
    int started = 0, threads;
    char msg[SC_ERRMSG_MAX];

    if (sc_policy_finish(pol, msg) < 0) {
        snprintf(s->err, sizeof s->err, "%s", msg);
        return SC_EINVAL;
    }
    s->policy = *pol;
    s->has_policy = 1;
    memcpy(s->p.policy, pol->name, strlen(pol->name) + 1);
    s->p.policy_custom = sc_policy_check(pol->name) != 0;
    if (!s->ran)
        return 0;

    /* Blocks are independent and each booking's stages draw only from
     * its own streams, so the threads change nothing but the time. */
    job.s = s;
    job.n_blocks = (s->n_bookings + BLOCK - 1) / BLOCK;
    atomic_init(&job.next, 0);
    threads = s->p.threads > 1 ? s->p.threads : 1;
    if (threads > 1 && job.n_blocks > 1) {
        tid = calloc((size_t)threads - 1, sizeof *tid);
        for (int i = 0; tid && i < threads - 1; i++) {
            if (pthread_create(&tid[i], NULL, redecide_worker, &job) != 0)
                break;
            started++;
        }
    }
    progress(s, "policy", 0, 1);
    redecide_worker(&job);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    if (attribute_pass(s) < 0) {
        snprintf(s->err, sizeof s->err, "out of memory attributing "
                 "causes");
        return SC_ENOMEM;
    }
    add_totals(s);
    progress(s, "policy", 1, 1);
    return 0;
}

const sc_policy *sc_sim_policy(const sc_sim *s)
{
    return &s->policy;
}

const char *sc_sim_errmsg(const sc_sim *s)
{
    return s->err;
}

void sc_sim_destroy(sc_sim *s)
{
    if (!s)
        return;
    sc_world_destroy(s->world);
    sc_review_index_destroy(s->review);
    sc_registries_destroy(s->reg);
    sc_geo_destroy(s->geo);
    free(s->bookings);
    free(s->outcomes);
    free(s->evidence);
    free(s);
}

const sc_params *sc_sim_params(const sc_sim *s) { return &s->p; }
const sc_geo *sc_sim_geo(const sc_sim *s) { return s->geo; }
const sc_world *sc_sim_world(const sc_sim *s) { return s->world; }
const sc_registries *sc_sim_registries(const sc_sim *s) { return s->reg; }
const sc_review_index *sc_sim_review_index(const sc_sim *s)
{
    return s->review;
}
const sc_outcome *sc_sim_outcomes(const sc_sim *s) { return s->outcomes; }
const sc_totals *sc_sim_totals(const sc_sim *s) { return &s->totals; }

const sc_booking *sc_sim_bookings(const sc_sim *s, size_t *n)
{
    *n = s->n_bookings;
    return s->bookings;
}

const sc_evidence *sc_sim_evidence(const sc_sim *s, uint32_t i)
{
    return i < s->n_evidence ? &s->evidence[i] : NULL;
}
