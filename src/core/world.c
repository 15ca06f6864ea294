/*
 * world.c - the synthetic population and its true life histories.
 *
 * The world draws every resident of the scenario (population x scale
 * persons) with a complete, explicit history: birth, entries, admissions,
 * adjustments, naturalizations, derivations through a parent, arrests by
 * DHS, orders, removals, marriages and convictions.  The statuses a person
 * holds are never stored: sc_world_truth_on() recomputes them from the
 * events with the rules of docs/status-rules.md, so the truth cannot drift
 * from the history the registries were written from.
 *
 * Data structure: one array of sc_person (44 bytes each, names as
 * pool ids) and one array of sc_event (16 bytes each) in CSR form, a
 * person's events being events[first_event .. first_event + n_events).
 * Persons are laid out in a fixed order: natives, then foreign-born
 * families (father, mother, children), then foreign-born individuals.
 * Native and individual i draws from stream (seed, SC_STAGE_WORLD, i) and
 * family f from (seed, SC_STAGE_FAMILY, f), so a person's history depends
 * on the seed and on nothing else.
 *
 * Workload: built once per run, 3.3 million persons at 1:100 and 33
 * million at 1:10, averaging under one event each; then read by the
 * registries (once per person) and by bookings and the judge (once per
 * booking).  Generation runs in chunks of persons, a wave of chunks at a
 * time on p->threads threads (default: the online processors), with no
 * per-person allocation; persons land at fixed ids and chunks' events are
 * appended in id order, so the result never depends on the threads.
 */
#include "scomm/world.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <unistd.h>

#include "scomm/rng.h"

#define YEAR_DAYS 365.2425
#define WORLD_MAX_THREADS 16

/* The most events one generated person can have (a prior visit, entry,
 * adjustment, naturalization, marriage, conviction, apprehension, order,
 * removal, re-entry, derivation): a fixed bound for the local buffer. */
#define PB_MAX_EV 24

/* Share of the inspected foreign-born individuals who made one earlier
 * visit on a visitor visa and left before their last entry.  Assumption:
 * it only needs to be common enough that unrecorded departures and stale
 * visitor encounters occur; no published figure is used. */
#define PRIOR_VISIT_SHARE 0.15

/* Paths to permanent residence: immigrant visa, adjustment from a
 * temporary admission, refugee admission.  Shares are an assumption in
 * the proportions of the DHS Yearbook of Immigration Statistics (about
 * half of new LPRs are new arrivals, half adjust; refugees and asylees
 * about one in eight). */
enum { PATH_IMMIGRANT = 0, PATH_ADJUST, PATH_REFUGEE, PATH_COUNT };
static const double PATH_SHARE[PATH_COUNT] = {0.45, 0.42, 0.13};

/* Age on the reference date, in bins [lo, hi) years with their shares.
 * Natives: the whole resident population, Census Bureau 2018 estimates by
 * age group (under 18 22.4%), truncated at 86.  Foreign-born adults: ACS
 * 2018 foreign-born age structure (median about 45), rounded.  Both are
 * approximations written down as assumptions in docs/status-rules.md. */
typedef struct age_bin {
    double lo, hi, w;
} age_bin;

static const age_bin NATIVE_AGES[] = {
    {0, 5, 6.1},    {5, 10, 6.2},   {10, 15, 6.5},  {15, 18, 3.9},
    {18, 25, 9.4},  {25, 35, 13.9}, {35, 45, 12.6}, {45, 55, 12.9},
    {55, 65, 12.9}, {65, 75, 9.3},  {75, 86, 5.6},
};
static const age_bin FB_ADULT_AGES[] = {
    {18, 25, 6.0},  {25, 35, 17.0}, {35, 45, 22.0}, {45, 55, 21.0},
    {55, 65, 16.0}, {65, 75, 11.0}, {75, 86, 7.0},
};
/* Years since the last entry of the foreign-born on the reference date:
 * ACS 2018 year of entry (2010 or later 27%, 2000s 25%, 1990s 22%,
 * earlier 26%), spread evenly within each bin. */
static const age_bin SINCE_ENTRY[] = {
    {0, 10, 0.27}, {10, 20, 0.25}, {20, 30, 0.22}, {30, 60, 0.26},
};

#define N_BINS(a) (sizeof(a) / sizeof((a)[0]))

/* Target statuses on the reference date (foreign-born). */
enum { T_NAT = 0, T_LPR, T_TEMP, T_UNAUTH, T_COUNT };

struct sc_world {
    sc_person *persons;
    size_t n, cap;
    sc_event *events;
    size_t n_events, ev_cap;
};

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

static sc_date cca_date(void)
{
    /* Child Citizenship Act of 2000, effective 2001-02-27. */
    return sc_date_from_ymd(2001, 2, 27);
}

static sc_date add_years_f(sc_date d, double years)
{
    return d + (sc_date)floor(years * YEAR_DAYS);
}

/* The same day n calendar years later (29 February -> 1 March). */
static sc_date add_years_cal(sc_date d, int n)
{
    int y, m, day;
    sc_date_to_ymd(d, &y, &m, &day);
    y += n;
    if (m == 2 && day == 29 &&
        !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        m = 3;
        day = 1;
    }
    return sc_date_from_ymd(y, m, day);
}

/* The first day on which a person born on `birth` is 18 by sc_age_on(),
 * so that this module and every reader of ages agree to the day. */
static sc_date eighteenth(sc_date birth)
{
    sc_date d = add_years_cal(birth, 18);
    while (sc_age_on(birth, d - 1) >= 18)
        d--;
    while (sc_age_on(birth, d) < 18)
        d++;
    return d;
}

/* A uniform day in [a, b]; a when the window is empty. */
static sc_date draw_day(sc_rng *r, sc_date a, sc_date b)
{
    if (b <= a)
        return a;
    return a + (sc_date)sc_rng_below(r, (uint64_t)((int64_t)b - a + 1));
}

static double draw_uniform(sc_rng *r, double a, double b)
{
    return a + (b - a) * sc_rng_uniform(r);
}

/* A value from a piecewise-uniform table restricted exactly to [lo, hi]:
 * each bin is weighted by its share times the fraction of it inside the
 * window, so no rejection loop is needed.  lo when the window misses the
 * table. */
static double draw_binned(sc_rng *r, const age_bin *b, size_t nb, double lo,
                          double hi)
{
    double w[16], total = 0;
    assert(nb <= 16);
    for (size_t i = 0; i < nb; i++) {
        double a = b[i].lo > lo ? b[i].lo : lo;
        double z = b[i].hi < hi ? b[i].hi : hi;
        w[i] = z > a ? b[i].w * (z - a) / (b[i].hi - b[i].lo) : 0;
        total += w[i];
    }
    if (total <= 0)
        return lo;
    double u = sc_rng_uniform(r) * total;
    size_t k = 0;
    while (k + 1 < nb && u >= w[k]) {
        u -= w[k];
        k++;
    }
    while (w[k] <= 0 && k > 0) /* rounding at the top edge */
        k--;
    double a = b[k].lo > lo ? b[k].lo : lo;
    double z = b[k].hi < hi ? b[k].hi : hi;
    return draw_uniform(r, a, z);
}

/* ------------------------------------------------------------------ */
/* The derivation rule (docs/status-rules.md, "Derivation")            */
/* ------------------------------------------------------------------ */

static int derive_cond(sc_date d, sc_date cit_a, sc_date cit_b)
{
    int a = cit_a <= d, b = cit_b <= d;
    return d >= cca_date() ? (a || b) : (a && b);
}

/* The first date on which a child born on `birth`, an LPR from lpr_from
 * until lpr_end (exclusive), derives citizenship from parents who became
 * citizens on cit_a (father) and cit_b (mother), SC_DATE_NEVER for a
 * parent who never did or is not in the world.  *which is set to 0 or 1,
 * the parent through whom citizenship passed.
 *
 * The condition is monotone in the date (parents only gain citizenship and
 * the law only relaxed on the CCA date), so the first date on which it
 * holds is one of: the day the child became an LPR, a parent's citizenship
 * date, or the CCA date. */
static sc_date derive_rule(sc_date birth, sc_date lpr_from, sc_date lpr_end,
                           sc_date cit_a, sc_date cit_b, int *which)
{
    sc_date cand[4] = {lpr_from, cit_a, cit_b, cca_date()};
    sc_date end = eighteenth(birth);
    sc_date best = SC_DATE_NEVER;
    if (lpr_from == SC_DATE_NEVER)
        return SC_DATE_NEVER;
    if (lpr_end < end)
        end = lpr_end;
    for (int i = 0; i < 4; i++) {
        sc_date c = cand[i];
        if (c == SC_DATE_NEVER || c < lpr_from || c >= end)
            continue;
        if (c < best && derive_cond(c, cit_a, cit_b))
            best = c;
    }
    if (best != SC_DATE_NEVER && which) {
        if (best >= cca_date())
            /* the parent who was a citizen first */
            *which = cit_b < cit_a ? 1 : 0;
        else
            /* both needed: the one whose naturalization completed it */
            *which = cit_b > cit_a ? 1 : 0;
    }
    return best;
}

/* The date a parent became a citizen, from birth or an explicit event
 * (derivations of the parent through their own parents are not
 * followed). */
static sc_date citizen_since(const sc_world *w, uint32_t id)
{
    if (id == SC_NONE || id >= w->n)
        return SC_DATE_NEVER;
    const sc_person *ps = &w->persons[id];
    if (ps->birth_kind != SC_BIRTH_FOREIGN)
        return ps->birth;
    const sc_event *e = w->events + ps->first_event;
    for (size_t i = 0; i < ps->n_events; i++)
        if (e[i].kind == SC_EV_NATURALIZE || e[i].kind == SC_EV_DERIVE)
            return e[i].date;
    return SC_DATE_NEVER;
}

/* The derivation date of a foreign-born child with parents in the world,
 * from the events as they stand; SC_DATE_NEVER otherwise. */
static sc_date derivation_of(const sc_world *w, const sc_person *ps)
{
    if (ps->birth_kind != SC_BIRTH_FOREIGN ||
        (ps->father == SC_NONE && ps->mother == SC_NONE))
        return SC_DATE_NEVER;
    sc_date from = SC_DATE_NEVER, end = SC_DATE_NEVER;
    const sc_event *e = w->events + ps->first_event;
    for (size_t i = 0; i < ps->n_events; i++) {
        int k = e[i].kind;
        if (from == SC_DATE_NEVER) {
            if ((k == SC_EV_ENTRY && e[i].cls == SC_CLASS_IMMIGRANT) ||
                k == SC_EV_ADJUST)
                from = e[i].date;
        } else if (k == SC_EV_NATURALIZE || k == SC_EV_ORDER ||
                   k == SC_EV_REMOVAL) {
            end = e[i].date;
            break;
        }
    }
    return derive_rule(ps->birth, from, end, citizen_since(w, ps->father),
                       citizen_since(w, ps->mother), NULL);
}

/* ------------------------------------------------------------------ */
/* Truth                                                               */
/* ------------------------------------------------------------------ */

static int is_citizen_status(int st)
{
    return st == SC_ST_USBORN || st == SC_ST_ACQUIRED ||
           st == SC_ST_NATURALIZED || st == SC_ST_DERIVED;
}

void sc_world_truth_on(const sc_world *w, uint32_t id, sc_date on,
                       sc_truth *out)
{
    memset(out, 0, sizeof *out);
    if (!w || id >= w->n)
        return;
    const sc_person *ps = &w->persons[id];
    if (on < ps->birth)
        return;

    /* st is the status held, whether or not the person is in the U.S.;
     * SC_ST_ABSENT here means "no status". */
    int st = SC_ST_ABSENT, present = 0;
    if (ps->birth_kind == SC_BIRTH_US) {
        st = SC_ST_USBORN;
        present = 1;
    } else if (ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN) {
        st = SC_ST_ACQUIRED;
        present = 1;
    }
    sc_date until = SC_DATE_NEVER;
    int order = 0, reinstate = 0, convicted = 0;
    sc_date derive = derivation_of(w, ps);

    const sc_event *e = w->events + ps->first_event;
    for (size_t i = 0; i < ps->n_events && e[i].date <= on; i++) {
        if (derive <= e[i].date) {
            if (!is_citizen_status(st))
                st = SC_ST_DERIVED;
            derive = SC_DATE_NEVER;
        }
        int cit = is_citizen_status(st);
        switch (e[i].kind) {
        case SC_EV_ENTRY:
            present = 1;
            if (reinstate)
                order = 1;
            if (cit || (st == SC_ST_LPR && e[i].cls != SC_CLASS_IMMIGRANT))
                break;
            if (e[i].cls == SC_CLASS_IMMIGRANT) {
                st = SC_ST_LPR;
            } else {
                st = SC_ST_TEMPORARY;
                until = e[i].until;
            }
            break;
        case SC_EV_ENTRY_EWI:
            present = 1;
            if (reinstate)
                order = 1;
            if (!cit && st != SC_ST_LPR)
                st = SC_ST_EWI;
            break;
        case SC_EV_ADJUST:
            if (!cit)
                st = SC_ST_LPR;
            break;
        case SC_EV_NATURALIZE:
            if (!cit)
                st = SC_ST_NATURALIZED;
            break;
        case SC_EV_DERIVE:
            if (!cit)
                st = SC_ST_DERIVED;
            break;
        case SC_EV_ORDER:
            if (!cit)
                order = 1;
            break;
        case SC_EV_REMOVAL:
            present = 0;
            if (order) {
                order = 0;
                reinstate = 1;
            }
            if (!cit)
                st = SC_ST_ABSENT;
            break;
        case SC_EV_DEPART:
            present = 0;
            if (order) {
                /* leaving under an order executes it (INA 101(g)) */
                order = 0;
                reinstate = 1;
            }
            if (st == SC_ST_TEMPORARY || st == SC_ST_EWI)
                st = SC_ST_ABSENT;
            break;
        case SC_EV_CONVICT:
            convicted = 1;
            break;
        default: /* APPREHEND, MARRY: no change of status */
            break;
        }
    }
    if (derive <= on && !is_citizen_status(st))
        st = SC_ST_DERIVED;

    int citizen = is_citizen_status(st);
    if (present && st == SC_ST_TEMPORARY && on > until)
        st = SC_ST_OVERSTAY;
    if (present && st == SC_ST_ABSENT)
        st = SC_ST_EWI; /* present with no status at all */
    out->citizen = (uint8_t)citizen;
    out->status = (uint8_t)(present ? st : SC_ST_ABSENT);
    out->has_order = (uint8_t)(order && !citizen);
    out->convicted = (uint8_t)convicted;
    out->lawful = (uint8_t)(citizen ||
                            (present && !order &&
                             (st == SC_ST_LPR || st == SC_ST_TEMPORARY)));
    out->removable =
        (uint8_t)(present && !citizen &&
                  (st == SC_ST_OVERSTAY || st == SC_ST_EWI || order ||
                   ((st == SC_ST_LPR || st == SC_ST_TEMPORARY) &&
                    convicted)));
}

int sc_status_group(int status)
{
    switch (status) {
    case SC_ST_USBORN:
        return SC_GROUP_USBORN;
    case SC_ST_ACQUIRED:
        return SC_GROUP_ACQUIRED;
    case SC_ST_NATURALIZED:
    case SC_ST_DERIVED:
        return SC_GROUP_NATURALIZED;
    case SC_ST_LPR:
        return SC_GROUP_LPR;
    case SC_ST_TEMPORARY:
        return SC_GROUP_TEMPORARY;
    case SC_ST_OVERSTAY:
    case SC_ST_EWI:
        return SC_GROUP_UNAUTHORIZED;
    default:
        return SC_EINVAL; /* absent: in no group */
    }
}

const char *sc_status_name(int status)
{
    static const char *const names[SC_ST_COUNT] = {
        "absent", "us-born", "acquired", "naturalized", "derived",
        "lpr", "temporary", "overstay", "ewi"};
    if (status < 0 || status >= SC_ST_COUNT)
        return "?";
    return names[status];
}

void sc_world_name_on(const sc_world *w, uint32_t id, sc_date on,
                      sc_name *out)
{
    if (!w || id >= w->n) {
        memset(out, 0, sizeof *out);
        out->given = out->family1 = out->family2 = SC_NONE;
        return;
    }
    const sc_person *ps = &w->persons[id];
    *out = ps->name;
    const sc_event *e = w->events + ps->first_event;
    for (size_t i = 0; i < ps->n_events && e[i].date <= on; i++)
        if (e[i].kind == SC_EV_MARRY && e[i].other != SC_NONE)
            out->family1 = e[i].other;
}

/* ------------------------------------------------------------------ */
/* Storage and the builder API                                         */
/* ------------------------------------------------------------------ */

int sc_world_create_empty(sc_world **out)
{
    sc_world *w = calloc(1, sizeof *w);
    if (!w)
        return SC_ENOMEM;
    *out = w;
    return 0;
}

void sc_world_destroy(sc_world *w)
{
    if (!w)
        return;
    free(w->persons);
    free(w->events);
    free(w);
}

static int reserve_persons(sc_world *w, size_t need)
{
    if (need <= w->cap)
        return 0;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < need)
        cap *= 2;
    sc_person *np = realloc(w->persons, cap * sizeof *np);
    if (!np)
        return SC_ENOMEM;
    w->persons = np;
    w->cap = cap;
    return 0;
}

static int reserve_events(sc_world *w, size_t need)
{
    if (need <= w->ev_cap)
        return 0;
    size_t cap = w->ev_cap ? w->ev_cap : 64;
    while (cap < need)
        cap += cap / 2 + 64; /* 1.5x: the array is large at 1:10 */
    sc_event *ne = realloc(w->events, cap * sizeof *ne);
    if (!ne)
        return SC_ENOMEM;
    w->events = ne;
    w->ev_cap = cap;
    return 0;
}

int sc_world_add_person(sc_world *w, const sc_person *p, uint32_t *id)
{
    if (!w || !p || w->n >= SC_NONE)
        return SC_EINVAL;
    if (reserve_persons(w, w->n + 1) < 0)
        return SC_ENOMEM;
    sc_person *d = &w->persons[w->n];
    *d = *p;
    d->first_event = (uint32_t)w->n_events;
    d->n_events = 0;
    if (id)
        *id = (uint32_t)w->n;
    w->n++;
    return 0;
}

int sc_world_add_event(sc_world *w, const sc_event *e)
{
    if (!w || !e || w->n == 0 || e->kind < SC_EV_ENTRY ||
        e->kind >= SC_EV_KIND_COUNT)
        return SC_EINVAL;
    sc_person *ps = &w->persons[w->n - 1];
    if (ps->n_events == UINT16_MAX || w->n_events >= UINT32_MAX)
        return SC_EINVAL;
    if (ps->n_events > 0 && w->events[w->n_events - 1].date > e->date)
        return SC_EINVAL;
    if (reserve_events(w, w->n_events + 1) < 0)
        return SC_ENOMEM;
    w->events[w->n_events++] = *e;
    ps->n_events++;
    return 0;
}

size_t sc_world_count(const sc_world *w)
{
    return w ? w->n : 0;
}

const sc_person *sc_world_person(const sc_world *w, uint32_t id)
{
    return w && id < w->n ? &w->persons[id] : NULL;
}

const sc_event *sc_world_events(const sc_world *w, uint32_t id, size_t *n)
{
    if (!w || id >= w->n) {
        *n = 0;
        return NULL;
    }
    *n = w->persons[id].n_events;
    return w->events + w->persons[id].first_event;
}

/* ------------------------------------------------------------------ */
/* Generation                                                          */
/* ------------------------------------------------------------------ */

/* One person being built: attributes and a local, unsorted event list. */
typedef struct pbuild {
    sc_person per;
    sc_event ev[PB_MAX_EV];
    int n;
} pbuild;

typedef struct gen {
    const sc_params *p;
    const sc_geo *geo;
    sc_world *w;
    sc_date R;               /* reference date: p->start */
    sc_cdf countries;        /* foreign countries by share of foreign-born */
    sc_cdf states;           /* states by population */
    double q_nat;            /* P(naturalized | on the LPR track) */
    double fb_target[T_COUNT];
    double trad_native[SC_TRAD_COUNT];
    const sc_country *ctab;
} gen;

static void pb_init(pbuild *b)
{
    memset(b, 0, sizeof *b);
    b->per.mother = b->per.father = SC_NONE;
    b->per.name.given = b->per.name.family1 = SC_NONE;
    b->per.name.family2 = SC_NONE;
}

static void pb_add(pbuild *b, int kind, sc_date date, sc_date until,
                   uint32_t other, int cls)
{
    assert(b->n < PB_MAX_EV);
    if (b->n >= PB_MAX_EV)
        return;
    sc_event *e = &b->ev[b->n++];
    memset(e, 0, sizeof *e);
    e->date = date;
    e->until = until;
    e->other = other;
    e->kind = (uint8_t)kind;
    e->cls = (uint8_t)cls;
}

/* Order of events on the same day: arrive, change status, then the rest,
 * leaving last. */
static int kind_rank(int kind)
{
    static const int rank[SC_EV_KIND_COUNT] = {
        [SC_EV_ENTRY] = 0,     [SC_EV_ENTRY_EWI] = 0, [SC_EV_ADJUST] = 1,
        [SC_EV_NATURALIZE] = 2, [SC_EV_DERIVE] = 2,   [SC_EV_MARRY] = 3,
        [SC_EV_CONVICT] = 4,   [SC_EV_MISDEMEANOR] = 4,
        [SC_EV_APPREHEND] = 5, [SC_EV_ORDER] = 6,
        [SC_EV_REMOVAL] = 7,   [SC_EV_DEPART] = 7};
    return rank[kind];
}

static int ev_before(const sc_event *a, const sc_event *b)
{
    if (a->date != b->date)
        return a->date < b->date;
    return kind_rank(a->kind) < kind_rank(b->kind);
}

/* Insertion sort: lists hold a handful of events and it is stable. */
static void pb_sort(pbuild *b)
{
    for (int i = 1; i < b->n; i++) {
        sc_event x = b->ev[i];
        int j = i;
        while (j > 0 && ev_before(&x, &b->ev[j - 1])) {
            b->ev[j] = b->ev[j - 1];
            j--;
        }
        b->ev[j] = x;
    }
}

/* Events of one chunk of persons, written by one thread; their offsets
 * are relative to the chunk until the chunk is merged. */
typedef struct sink {
    sc_event *ev;
    size_t n, cap;
} sink;

/* Stores a built person at its fixed id and its events in the chunk. */
/* A significant-misdemeanour conviction for misdemeanor_share of adults,
 * on a day when they were adult and had arrived, before R.  Drawn from
 * its own stream (seed, SC_STAGE_CRIME, id), so that every other draw of
 * the world is what it was without it. */
static void add_misdemeanor(gen *g, pbuild *b, uint32_t id)
{
    sc_rng r;
    sc_date a;

    sc_rng_init(&r, g->p->seed, SC_STAGE_CRIME, id);
    if (!sc_rng_bernoulli(&r, g->p->misdemeanor_share) ||
        b->n >= PB_MAX_EV)
        return;
    a = eighteenth(b->per.birth);
    if (b->per.birth_kind == SC_BIRTH_FOREIGN) {
        sc_date arrived = SC_DATE_NEVER;
        for (int i = 0; i < b->n; i++)
            if ((b->ev[i].kind == SC_EV_ENTRY ||
                 b->ev[i].kind == SC_EV_ENTRY_EWI) &&
                b->ev[i].date < arrived)
                arrived = b->ev[i].date;
        if (arrived == SC_DATE_NEVER)
            return;   /* born abroad, never came: no U.S. record */
        if (arrived > a)
            a = arrived;
    }
    if (a >= g->R)
        return;
    pb_add(b, SC_EV_MISDEMEANOR, draw_day(&r, a, g->R - 1), SC_DATE_NEVER,
           SC_NONE, SC_CLASS_NONE);
}

static int pb_commit(gen *g, sink *k, pbuild *b, uint32_t id)
{
    add_misdemeanor(g, b, id);
    pb_sort(b);
    if (k->n + (size_t)b->n > k->cap) {
        size_t cap = k->cap ? k->cap : 1024;
        while (cap < k->n + (size_t)b->n)
            cap *= 2;
        sc_event *ne = realloc(k->ev, cap * sizeof *ne);
        if (!ne)
            return SC_ENOMEM;
        k->ev = ne;
        k->cap = cap;
    }
    b->per.first_event = (uint32_t)k->n;
    b->per.n_events = (uint16_t)b->n;
    if (b->n > 0)
        memcpy(k->ev + k->n, b->ev, (size_t)b->n * sizeof b->ev[0]);
    k->n += (size_t)b->n;
    g->w->persons[id] = b->per;
    return 0;
}

static int birth_year(sc_date birth)
{
    int y;
    sc_date_to_ymd(birth, &y, NULL, NULL);
    return y;
}

static int tradition_changes_name(int trad)
{
    return trad == SC_TRAD_ANGLO || trad == SC_TRAD_SOUTH_ASIAN ||
           trad == SC_TRAD_EAST_ASIAN;
}

/* A marriage at age 20-35 (never after R) for married_share of those
 * aged 20 or more on R; women of the name-changing traditions take a
 * family name of their tradition with probability marriage_name_change. */
static void add_marriage(gen *g, sc_rng *r, pbuild *b)
{
    double age = (g->R - b->per.birth) / YEAR_DAYS;
    if (!sc_rng_bernoulli(r, g->p->married_share) || age < 20.01)
        return;
    double hi = age < 35 ? age - 0.01 : 35;
    sc_date d = add_years_f(b->per.birth, draw_uniform(r, 20, hi));
    if (d >= g->R)
        d = g->R - 1;
    uint32_t other = SC_NONE;
    int trad = b->per.name.tradition;
    if (b->per.female && tradition_changes_name(trad) &&
        sc_rng_bernoulli(r, g->p->marriage_name_change))
        other = sc_name_draw_family(r, trad);
    pb_add(b, SC_EV_MARRY, d, SC_DATE_NEVER, other, SC_CLASS_NONE);
}

/* A conviction for conviction_share of adults, on a day when they were
 * adult and in the U.S. (from `from`), before R. */
static void add_conviction(gen *g, sc_rng *r, pbuild *b, sc_date from)
{
    if (!sc_rng_bernoulli(r, g->p->conviction_share))
        return;
    sc_date a = eighteenth(b->per.birth);
    if (from > a)
        a = from;
    if (a >= g->R)
        return;
    pb_add(b, SC_EV_CONVICT, draw_day(r, a, g->R - 1), SC_DATE_NEVER,
           SC_NONE, SC_CLASS_NONE);
}

/* Apprehension, final order, removal and return of an unauthorized
 * person present from `from`.  Each link of the chain is drawn first,
 * then the dates are placed inside [from, R), dropping the links the
 * window has no room for. */
static void add_enforcement(gen *g, sc_rng *r, pbuild *b, sc_date from)
{
    const sc_params *p = g->p;
    int app = sc_rng_bernoulli(r, p->apprehended_share);
    int ord = app && sc_rng_bernoulli(r, p->order_share);
    int rem = ord && sc_rng_bernoulli(r, p->removed_returned);
    sc_date last = g->R - 1;
    if (!app || from > last)
        return;
    /* minimum days the later links need after the apprehension */
    int need_rem = 7 + 30, need_ord = 30 + (rem ? need_rem : 0);
    if (ord && last - from < need_ord)
        ord = rem = 0;
    if (rem && last - from < need_ord)
        rem = 0;
    int need = ord ? (rem ? 30 + need_rem : 30) : 0;
    sc_date a = draw_day(r, from, last - need);
    pb_add(b, SC_EV_APPREHEND, a, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    if (!ord)
        return;
    int rest = rem ? need_rem : 0;
    sc_date o_hi = a + 720 < last - rest ? a + 720 : last - rest;
    sc_date o = draw_day(r, a + 30, o_hi);
    pb_add(b, SC_EV_ORDER, o, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    if (!rem)
        return;
    sc_date m_hi = o + 180 < last - 30 ? o + 180 : last - 30;
    sc_date m = draw_day(r, o + 7, m_hi);
    pb_add(b, SC_EV_REMOVAL, m, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    sc_date back_hi = m + 1500 < last ? m + 1500 : last;
    pb_add(b, SC_EV_ENTRY_EWI, draw_day(r, m + 30, back_hi), SC_DATE_NEVER,
           SC_NONE, SC_CLASS_NONE);
}

/* Length of a temporary admission by class, in days. */
static int class_days(int cls, int extended)
{
    switch (cls) {
    case SC_CLASS_VISITOR:
        return 182;
    case SC_CLASS_STUDENT:
        return (int)(4 * YEAR_DAYS);
    case SC_CLASS_WORKER:
        return (int)((extended ? 6 : 3) * YEAR_DAYS);
    default:
        return 0;
    }
}

/* How a foreign-born person (or family) reaches the target status:
 * everything about the path that fixes how long ago the entry must be. */
typedef struct path {
    int target;      /* T_* */
    int route;       /* PATH_* on the LPR track */
    int cls;         /* class of the (last) inspected entry, NONE = EWI */
    int extended;    /* worker with one extension */
    int delay;       /* days from entry to LPR (adjust, refugee) */
    int lo, hi;      /* window of days since entry */
    int wait;        /* days from eligibility to the oath when somebody
                        on the path naturalizes, else -1 */
} path;

/* Draws the route to the target.  `nat` says whether somebody on it
 * naturalizes, which needs five years as an LPR before R. */
static void draw_path(gen *g, sc_rng *r, int target, int nat, int family,
                      path *pa)
{
    const sc_params *p = g->p;
    memset(pa, 0, sizeof *pa);
    pa->target = target;
    pa->wait = -1;
    pa->hi = (int)(60 * YEAR_DAYS);
    if (target == T_NAT || target == T_LPR) {
        pa->route = (int)sc_rng_pick(r, PATH_SHARE, PATH_COUNT);
        if (pa->route == PATH_IMMIGRANT) {
            pa->cls = SC_CLASS_IMMIGRANT;
        } else if (pa->route == PATH_REFUGEE) {
            pa->cls = SC_CLASS_REFUGEE;
            pa->delay = (int)YEAR_DAYS + 1;
        } else {
            pa->cls = sc_rng_bernoulli(r, 0.6) ? SC_CLASS_WORKER
                                              : SC_CLASS_STUDENT;
            pa->extended = pa->cls == SC_CLASS_WORKER &&
                           sc_rng_bernoulli(r, 0.5);
            int len = class_days(pa->cls, pa->extended);
            pa->delay = 182 + (int)sc_rng_below(r, (uint64_t)(len - 182 - 30));
        }
        pa->lo = pa->delay + (nat ? (int)(5 * YEAR_DAYS) + 31 : 30);
        if (nat) {
            /* The wait from eligibility to the oath, drawn before the
             * entry so that the entry leaves room for it: naturalized
             * immigrants have been here longer than the five years the
             * law asks. */
            double wy = p->naturalization_delay_years > 0
                            ? sc_rng_exponential(r,
                                                 p->naturalization_delay_years)
                            : 0;
            if (wy > 40)
                wy = 40;
            pa->wait = (int)(wy * YEAR_DAYS);
            pa->lo += pa->wait;
        }
    } else if (target == T_TEMP) {
        static const double fam_w[3] = {0.1, 0.3, 0.6};
        static const double ind_w[3] = {0.2, 0.35, 0.45};
        pa->cls = SC_CLASS_VISITOR +
                  (int)sc_rng_pick(r, family ? fam_w : ind_w, 3);
        /* a worker past three years is on an extension */
        pa->extended = pa->cls == SC_CLASS_WORKER;
        pa->lo = 1;
        pa->hi = class_days(pa->cls, pa->extended) - 1;
    } else {
        if (sc_rng_bernoulli(r, p->ewi_share)) {
            pa->cls = SC_CLASS_NONE;
            pa->lo = 30;
        } else {
            static const double w[3] = {0.7, 0.2, 0.1};
            pa->cls = SC_CLASS_VISITOR + (int)sc_rng_pick(r, w, 3);
            pa->lo = class_days(pa->cls, 0) + 1;
        }
    }
}

/* The entry (and adjustment) events of a path entered on e; returns the
 * LPR date, or SC_DATE_NEVER off the LPR track. */
static sc_date add_path_events(gen *g, pbuild *b, const path *pa, sc_date e)
{
    if (pa->cls == SC_CLASS_NONE) {
        pb_add(b, SC_EV_ENTRY_EWI, e, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
        return SC_DATE_NEVER;
    }
    sc_date until;
    if (pa->cls == SC_CLASS_IMMIGRANT || pa->cls == SC_CLASS_REFUGEE) {
        until = SC_DATE_NEVER;
    } else {
        until = e + class_days(pa->cls, 0);
        /* a temporary worker still here on R had the extension */
        if (pa->cls == SC_CLASS_WORKER && pa->extended &&
            (pa->target != T_TEMP || until < g->R))
            until = e + class_days(pa->cls, 1);
    }
    pb_add(b, SC_EV_ENTRY, e, until, SC_NONE, pa->cls);
    if (pa->target != T_NAT && pa->target != T_LPR)
        return SC_DATE_NEVER;
    if (pa->route == PATH_IMMIGRANT)
        return e;
    sc_date lpr = pa->route == PATH_REFUGEE ? add_years_cal(e, 1)
                                            : e + pa->delay;
    pb_add(b, SC_EV_ADJUST, lpr, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    return lpr;
}

/* Years since entry, in [pa->lo, hi_y] years.  Off the naturalization
 * track, from the foreign-born's distribution (SINCE_ENTRY).  On it, the
 * entry is placed from the oath back: the years since the oath are
 * exponential with mean naturalized_since_years (truncated to what the
 * person's age allows), and the entry comes pa->lo before the oath.
 * Drawing the entry from SINCE_ENTRY above pa->lo instead put the oath
 * of most naturalized immigrants in the last few years before R. */
static double draw_since(gen *g, sc_rng *r, const path *pa, double hi_y)
{
    double lo_y = pa->lo / YEAR_DAYS, mean = g->p->naturalized_since_years;
    double span = hi_y - lo_y, u;

    if (pa->wait < 0 || !(span > 0) || !(mean > 0))
        return draw_binned(r, SINCE_ENTRY, N_BINS(SINCE_ENTRY), lo_y, hi_y);
    u = sc_rng_uniform(r);
    return lo_y - mean * log1p(u * expm1(-span / mean));
}

/* A naturalization at least five years after the LPR date, before R, and
 * never before 18.  Returns the oath date or SC_DATE_NEVER. */
static sc_date add_naturalization(gen *g, sc_rng *r, pbuild *b, sc_date lpr,
                                  int wait)
{
    sc_date a = add_years_cal(lpr, 5);
    sc_date adult = eighteenth(b->per.birth);
    if (adult > a)
        a = adult;
    if (a >= g->R)
        return SC_DATE_NEVER;
    /* The wait from eligibility to the oath is exponential with mean
     * naturalization_delay_years: drawn with the path (draw_path) for
     * those whose entry made room for it, else truncated to the window
     * before R (the person is naturalized by R) by inverting its CDF.
     * A uniform day in the window, as before, piled the oaths of recent
     * immigrants into the last years: 4.5 million a year nationally
     * before R, against about 760,000 (FIGURES). */
    double w = (double)(g->R - a), mu = g->p->naturalization_delay_years *
                                        YEAR_DAYS;
    double u = sc_rng_uniform(r), d = 0;
    if (wait >= 0 && (double)wait < w)
        d = wait;
    else if (mu > 0)
        d = -mu * log1p(u * expm1(-w / mu));
    sc_date n = a + (sc_date)floor(d);
    if (n > g->R - 1)
        n = g->R - 1;
    pb_add(b, SC_EV_NATURALIZE, n, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    return n;
}

/* An earlier visit on a visitor visa, left before the entry on e. */
static void add_prior_visit(sc_rng *r, pbuild *b, sc_date e)
{
    if (!sc_rng_bernoulli(r, PRIOR_VISIT_SHARE))
        return;
    sc_date v = add_years_f(e, -draw_uniform(r, 1, 6));
    if (v < eighteenth(b->per.birth))
        return;
    pb_add(b, SC_EV_ENTRY, v, v + class_days(SC_CLASS_VISITOR, 0), SC_NONE,
           SC_CLASS_VISITOR);
    pb_add(b, SC_EV_DEPART, v + 7 + (sc_date)sc_rng_below(r, 150),
           SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
}

static sc_date birth_from_age(gen *g, double age)
{
    return g->R - (sc_date)ceil(age * YEAR_DAYS);
}

static int draw_target(gen *g, sc_rng *r)
{
    return (int)sc_rng_pick(r, g->fb_target, T_COUNT);
}

static void gen_native(gen *g, uint32_t id, pbuild *b)
{
    const sc_params *p = g->p;
    sc_rng r;
    sc_rng_init(&r, p->seed, SC_STAGE_WORLD, id);
    pb_init(b);
    b->per.female = (uint8_t)sc_rng_bernoulli(&r, 0.5);
    int trad = (int)sc_rng_pick(&r, g->trad_native, SC_TRAD_COUNT);
    double age = draw_binned(&r, NATIVE_AGES, N_BINS(NATIVE_AGES), 0, 86);
    b->per.birth = birth_from_age(g, age);
    if (sc_rng_bernoulli(&r, p->acquired_share)) {
        b->per.birth_kind = SC_BIRTH_ABROAD_CITIZEN;
        b->per.birth_country = (uint16_t)sc_cdf_pick(&g->countries, &r);
    } else {
        b->per.birth_kind = SC_BIRTH_US;
        b->per.birth_state = (uint8_t)sc_cdf_pick(&g->states, &r);
        b->per.birth_country = SC_COUNTRY_US;
    }
    sc_name_draw(&r, trad, b->per.female, birth_year(b->per.birth),
                 &b->per.name);
    b->per.county = sc_geo_draw_county(g->geo, &r, 0);
    add_marriage(g, &r, b);
    add_conviction(g, &r, b, b->per.birth);
}

static void gen_fb_individual(gen *g, uint32_t id, pbuild *b)
{
    const sc_params *p = g->p;
    sc_rng r;
    path pa;
    sc_rng_init(&r, p->seed, SC_STAGE_WORLD, id);
    pb_init(b);
    b->per.female = (uint8_t)sc_rng_bernoulli(&r, 0.5);
    b->per.birth_kind = SC_BIRTH_FOREIGN;
    b->per.birth_country = (uint16_t)sc_cdf_pick(&g->countries, &r);
    int trad = g->ctab[b->per.birth_country].tradition;
    int target = draw_target(g, &r);
    draw_path(g, &r, target, target == T_NAT, 0, &pa);

    /* Old enough to have entered as an adult that long ago.  On the
     * naturalization track the years since the oath come first (see
     * draw_since), and the age must make room for them. */
    double min_age = 18 + (pa.lo + 2) / YEAR_DAYS, oath_y = -1;
    if (pa.wait >= 0 && p->naturalized_since_years > 0) {
        double room = 86 - min_age - 0.01;
        oath_y = sc_rng_exponential(&r, p->naturalized_since_years);
        if (oath_y > room)
            oath_y = room > 0 ? room : 0;
        min_age += oath_y;
    }
    double age = draw_binned(&r, FB_ADULT_AGES, N_BINS(FB_ADULT_AGES),
                             min_age, 86);
    if (age < min_age)
        age = min_age;
    b->per.birth = birth_from_age(g, age);
    double hi_y = (age - 18) < pa.hi / YEAR_DAYS ? age - 18
                                                 : pa.hi / YEAR_DAYS;
    double since = oath_y >= 0 ? pa.lo / YEAR_DAYS + oath_y
                               : draw_since(g, &r, &pa, hi_y);
    sc_date e = g->R - (sc_date)ceil(since * YEAR_DAYS);
    if (e > g->R - pa.lo)
        e = g->R - pa.lo;
    if (e >= g->R)
        e = g->R - 1;

    sc_name_draw(&r, trad, b->per.female, birth_year(b->per.birth),
                 &b->per.name);
    b->per.county = sc_geo_draw_county(g->geo, &r, 1);

    if (pa.cls != SC_CLASS_NONE)
        add_prior_visit(&r, b, e);
    sc_date lpr = add_path_events(g, b, &pa, e);
    if (target == T_NAT)
        add_naturalization(g, &r, b, lpr, pa.wait);
    if (target == T_UNAUTH)
        add_enforcement(g, &r, b, e + 1);
    add_marriage(g, &r, b);
    add_conviction(g, &r, b, e);
}

/* Children a family brings: the first draw of its stream, so that the
 * counting pass and the building pass agree. */
static int family_children(const sc_params *p, uint64_t f)
{
    sc_rng r;
    sc_rng_init(&r, p->seed, SC_STAGE_FAMILY, f);
    return 1 + (int)sc_rng_below(&r, 3);
}

/* A family: father, mother and 1-3 children, all born in one country,
 * entering together on one path; ids first .. first + 1 + nc. */
static int gen_family(gen *g, sink *out, uint64_t f, uint32_t first,
                      pbuild *m)
{
    const sc_params *p = g->p;
    sc_rng r;
    path pa;
    sc_rng_init(&r, p->seed, SC_STAGE_FAMILY, f);
    int nc = 1 + (int)sc_rng_below(&r, 3);
    int np = 2 + nc;
    for (int i = 0; i < np; i++)
        pb_init(&m[i]);
    pbuild *fa = &m[0], *mo = &m[1];

    uint16_t country = (uint16_t)sc_cdf_pick(&g->countries, &r);
    int trad = g->ctab[country].tradition;
    /* The family's track: the LPR track (naturalized or LPR), temporary
     * or unauthorized; on the LPR track each parent naturalizes on their
     * own with the share naturalized among the two, so the parents' mix
     * matches the foreign-born one. */
    double track_w[3] = {g->fb_target[T_NAT] + g->fb_target[T_LPR],
                         g->fb_target[T_TEMP], g->fb_target[T_UNAUTH]};
    int track = (int)sc_rng_pick(&r, track_w, 3);
    int nat_fa = 0, nat_mo = 0, target = T_TEMP;
    if (track == 0) {
        nat_fa = sc_rng_bernoulli(&r, g->q_nat);
        nat_mo = sc_rng_bernoulli(&r, g->q_nat);
        target = nat_fa || nat_mo ? T_NAT : T_LPR;
    } else if (track == 2) {
        target = T_UNAUTH;
    }
    draw_path(g, &r, target, nat_fa || nat_mo, 1, &pa);

    /* Children's ages at entry, eldest first; the mother 20-35 at the
     * eldest's birth, the father 0-6 years older. */
    double a[3];
    a[0] = draw_uniform(&r, 0.02, 17.98);
    for (int k = 1; k < nc; k++) {
        a[k] = a[k - 1] - draw_uniform(&r, 1, 4);
        if (a[k] < 0.02)
            a[k] = 0.02;
    }
    double mgap = draw_uniform(&r, 20, 35), fgap = draw_uniform(&r, 0, 6);
    double hi_y = 85 - a[0] - mgap - fgap;
    if (hi_y < pa.lo / YEAR_DAYS)
        hi_y = pa.lo / YEAR_DAYS;
    if (hi_y > pa.hi / YEAR_DAYS)
        hi_y = pa.hi / YEAR_DAYS;
    double since = draw_since(g, &r, &pa, hi_y);
    sc_date e = g->R - (sc_date)ceil(since * YEAR_DAYS);
    if (e > g->R - pa.lo)
        e = g->R - pa.lo;
    if (e >= g->R)
        e = g->R - 1;
    for (int k = 0; k < nc; k++) {
        m[2 + k].per.birth = add_years_f(e, -a[k]);
        m[2 + k].per.female = (uint8_t)sc_rng_bernoulli(&r, 0.5);
    }
    mo->per.birth = add_years_f(m[2].per.birth, -mgap);
    fa->per.birth = add_years_f(mo->per.birth, -fgap);
    fa->per.female = 0;
    mo->per.female = 1;

    uint32_t county = sc_geo_draw_county(g->geo, &r, 1);
    for (int i = 0; i < np; i++) {
        m[i].per.birth_kind = SC_BIRTH_FOREIGN;
        m[i].per.birth_country = country;
        m[i].per.county = county;
        if (i >= 2) {
            m[i].per.father = first;
            m[i].per.mother = first + 1;
        }
        sc_name_draw(&r, trad, m[i].per.female, birth_year(m[i].per.birth),
                     &m[i].per.name);
    }
    for (int k = 0; k < nc; k++) {
        sc_name *cn = &m[2 + k].per.name;
        cn->family1 = fa->per.name.family1;
        cn->family2 = trad == SC_TRAD_HISPANIC ? mo->per.name.family1
                                               : fa->per.name.family2;
    }

    /* The parents married before the eldest child's birth; the mother
     * may take the father's family name. */
    sc_date wed = add_years_f(m[2].per.birth, -draw_uniform(&r, 0.5, 2));
    if (wed < eighteenth(mo->per.birth))
        wed = eighteenth(mo->per.birth);
    uint32_t other = SC_NONE;
    if (tradition_changes_name(trad) &&
        sc_rng_bernoulli(&r, p->marriage_name_change))
        other = fa->per.name.family1;
    pb_add(fa, SC_EV_MARRY, wed, SC_DATE_NEVER, SC_NONE, SC_CLASS_NONE);
    pb_add(mo, SC_EV_MARRY, wed, SC_DATE_NEVER, other, SC_CLASS_NONE);

    /* Everyone enters together on the same path. */
    sc_date lpr = SC_DATE_NEVER;
    for (int i = 0; i < np; i++)
        lpr = add_path_events(g, &m[i], &pa, e);
    sc_date cit_fa = SC_DATE_NEVER, cit_mo = SC_DATE_NEVER;
    if (nat_fa)
        cit_fa = add_naturalization(g, &r, fa, lpr, pa.wait);
    if (nat_mo)
        cit_mo = add_naturalization(g, &r, mo, lpr, -1);

    for (int i = 0; i < np; i++) {
        sc_rng pr = sc_rng_split(&r, (uint64_t)i);
        pbuild *b = &m[i];
        if (i >= 2 && lpr != SC_DATE_NEVER) {
            int which = 0;
            sc_date d = derive_rule(b->per.birth, lpr, SC_DATE_NEVER, cit_fa,
                                    cit_mo, &which);
            if (d < g->R)
                pb_add(b, SC_EV_DERIVE, d, SC_DATE_NEVER, first + which,
                       SC_CLASS_NONE);
            else if (sc_rng_bernoulli(&pr, g->q_nat))
                add_naturalization(g, &pr, b, lpr, -1);
        }
        if (target == T_UNAUTH)
            add_enforcement(g, &pr, b,
                            e + 1 > eighteenth(b->per.birth)
                                ? e + 1
                                : eighteenth(b->per.birth));
        if (i >= 2)
            add_marriage(g, &pr, b);
        add_conviction(g, &pr, b, e);
    }
    for (int i = 0; i < np; i++) {
        int rc = pb_commit(g, out, &m[i], first + (uint32_t)i);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int check_share(const char *name, double v, char *err)
{
    if (v >= 0 && v <= 1)
        return 0;
    if (err)
        snprintf(err, SC_ERRMSG_MAX, "share '%s' outside [0, 1]: %g", name,
                 v);
    return SC_EINVAL;
}

static int gen_setup(gen *g, const sc_params *p, const sc_geo *geo,
                     char *err)
{
    size_t nc;
    memset(g, 0, sizeof *g);
    g->p = p;
    g->geo = geo;
    g->R = p->start;
    g->ctab = sc_countries(&nc);
    int rc = check_share("foreign_born_share", p->foreign_born_share, err);
    if (rc == 0)
        rc = check_share("acquired_share", p->acquired_share, err);
    if (rc == 0)
        rc = check_share("fb_child_share", p->fb_child_share, err);
    if (rc < 0)
        return rc;

    double *w = calloc(nc > SC_STATE_COUNT ? nc : SC_STATE_COUNT,
                       sizeof *w);
    if (!w)
        return SC_ENOMEM;
    for (size_t i = 1; i < nc; i++)
        w[i] = g->ctab[i].fb_share; /* row 0, the U.S., stays 0 */
    if (nc < 2 || sc_cdf_init(&g->countries, w, (uint32_t)nc) < 0) {
        free(w);
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "no foreign countries with a "
                                         "share of the foreign-born");
        return SC_EINVAL;
    }
    const sc_state *st = sc_states();
    for (size_t i = 0; i < SC_STATE_COUNT; i++)
        w[i] = st[i].population;
    rc = sc_cdf_init(&g->states, w, SC_STATE_COUNT);
    free(w);
    if (rc < 0) {
        sc_cdf_release(&g->countries);
        return rc;
    }

    g->fb_target[T_NAT] = p->fb_naturalized;
    g->fb_target[T_LPR] = p->fb_lpr;
    g->fb_target[T_TEMP] = p->fb_temporary;
    g->fb_target[T_UNAUTH] = p->fb_unauthorized;
    double sum = 0;
    for (int i = 0; i < T_COUNT; i++) {
        if (g->fb_target[i] < 0)
            g->fb_target[i] = 0;
        sum += g->fb_target[i];
    }
    if (sum <= 0)
        g->fb_target[T_LPR] = 1; /* no foreign-born mix: all LPR */
    double track = g->fb_target[T_NAT] + g->fb_target[T_LPR];
    g->q_nat = track > 0 ? g->fb_target[T_NAT] / track : 0;

    g->trad_native[SC_TRAD_HISPANIC] = p->usborn_hispanic;
    g->trad_native[SC_TRAD_EAST_ASIAN] = p->usborn_east_asian;
    g->trad_native[SC_TRAD_SOUTH_ASIAN] = p->usborn_south_asian;
    g->trad_native[SC_TRAD_ARABIC] = p->usborn_arabic;
    double anglo = 1 - p->usborn_hispanic - p->usborn_east_asian -
                   p->usborn_south_asian - p->usborn_arabic;
    g->trad_native[SC_TRAD_ANGLO] = anglo > 0 ? anglo : 0;
    for (int i = 0; i < SC_TRAD_COUNT; i++)
        if (g->trad_native[i] < 0)
            g->trad_native[i] = 0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Chunks and threads                                                  */
/* ------------------------------------------------------------------ */

/* Persons per chunk (families: a quarter as many families), between
 * these bounds.  Every person draws from their own stream and lands at a
 * fixed id, so neither the chunking nor the thread count can change the
 * world; chunks only spread the work. */
#define CHUNK_MIN 1024
#define CHUNK_MAX 65536

static size_t chunk_persons(size_t n, int threads)
{
    size_t c = n / ((size_t)threads * 16);
    return c < CHUNK_MIN ? CHUNK_MIN : c > CHUNK_MAX ? CHUNK_MAX : c;
}

enum { CH_NATIVE, CH_FAMILY, CH_INDIVIDUAL };

typedef struct chunk {
    int kind;
    size_t unit0, n_units;  /* persons, or families for CH_FAMILY */
    uint32_t first_id;
    uint32_t n_persons;
    sink out;
    int rc;
} chunk;

typedef struct wave {
    gen *g;
    chunk *ch;              /* this wave's chunks */
    size_t n;
    int threads;
} wave;

static void run_chunk(gen *g, chunk *c)
{
    pbuild m[5];
    uint32_t id = c->first_id;
    c->rc = 0;
    for (size_t u = c->unit0; u < c->unit0 + c->n_units && c->rc == 0; u++) {
        if (c->kind == CH_FAMILY) {
            int nc = family_children(g->p, u);
            c->rc = gen_family(g, &c->out, u, id, m);
            id += 2 + (uint32_t)nc;
        } else {
            if (c->kind == CH_NATIVE)
                gen_native(g, id, m);
            else
                gen_fb_individual(g, id, m);
            c->rc = pb_commit(g, &c->out, m, id);
            id++;
        }
    }
    assert(c->rc < 0 || id == c->first_id + c->n_persons);
}

typedef struct worker {
    wave *wv;
    int t;
} worker;

static void *wave_worker(void *arg)
{
    worker *wk = arg;
    for (size_t i = (size_t)wk->t; i < wk->wv->n; i += (size_t)wk->wv->threads)
        run_chunk(wk->wv->g, &wk->wv->ch[i]);
    return NULL;
}

/* Runs the chunks of one wave on up to `threads` threads (chunk i on
 * thread i mod threads); falls back to this thread if one cannot start. */
static void run_wave(wave *wv)
{
    pthread_t tid[WORLD_MAX_THREADS];
    worker wk[WORLD_MAX_THREADS];
    int started[WORLD_MAX_THREADS] = {0};
    int t_n = wv->threads;
    if ((size_t)t_n > wv->n)
        t_n = (int)wv->n;
    if (t_n < 1)
        t_n = 1;
    wv->threads = t_n;
    for (int t = 0; t < t_n; t++) {
        wk[t].wv = wv;
        wk[t].t = t;
    }
    for (int t = 1; t < t_n; t++)
        started[t] = pthread_create(&tid[t], NULL, wave_worker, &wk[t]) == 0;
    wave_worker(&wk[0]);
    for (int t = 1; t < t_n; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            wave_worker(&wk[t]);
    }
}

/* Appends a finished chunk's events to the world and makes its persons'
 * event offsets absolute. */
static int merge_chunk(sc_world *w, chunk *c)
{
    if (c->rc < 0)
        return c->rc;
    if (reserve_events(w, w->n_events + c->out.n) < 0)
        return SC_ENOMEM;
    if (c->out.n)
        memcpy(w->events + w->n_events, c->out.ev,
               c->out.n * sizeof *c->out.ev);
    for (uint32_t i = 0; i < c->n_persons; i++)
        w->persons[c->first_id + i].first_event += (uint32_t)w->n_events;
    w->n_events += c->out.n;
    free(c->out.ev);
    memset(&c->out, 0, sizeof c->out);
    return 0;
}

/* Cuts [0, n_units) of one kind into chunks; returns the next free slot. */
static size_t add_chunks(chunk *ch, size_t k, int kind, size_t n_units,
                         size_t per_chunk, uint32_t *next_id,
                         const uint32_t *fam_first)
{
    for (size_t u = 0; u < n_units; u += per_chunk) {
        chunk *c = &ch[k++];
        memset(c, 0, sizeof *c);
        c->kind = kind;
        c->unit0 = u;
        c->n_units = n_units - u < per_chunk ? n_units - u : per_chunk;
        c->first_id = *next_id;
        if (kind == CH_FAMILY)
            c->n_persons = fam_first[u + c->n_units] - fam_first[u];
        else
            c->n_persons = (uint32_t)c->n_units;
        *next_id += c->n_persons;
    }
    return k;
}

int sc_world_create(const sc_params *p, const sc_geo *geo, sc_world **out,
                    char *err)
{
    gen g;
    sc_world *w = NULL;
    uint32_t *fam_first = NULL;
    chunk *ch = NULL;
    size_t n_ch = 0;
    int rc;

    *out = NULL;
    double nd = p->population * p->scale;
    if (!(nd >= 0 && nd < (double)SC_NONE)) {
        if (err)
            snprintf(err, SC_ERRMSG_MAX,
                     "population x scale out of range: %g", nd);
        return SC_ERANGE;
    }
    rc = gen_setup(&g, p, geo, err);
    if (rc < 0)
        return rc;

    size_t n = (size_t)llround(nd);
    size_t n_fb = (size_t)llround((double)n * p->foreign_born_share);
    size_t n_nat = n - n_fb;

    /* Counting pass over the families: stop when the children reach
     * their share of the foreign-born or the next family would not fit.
     * fam_first[f] is family f's first id, relative to the first family. */
    size_t child_target = (size_t)llround((double)n_fb * p->fb_child_share);
    size_t n_fam = 0, fam_cap = 0, fam_persons = 0, children = 0;
    for (;;) {
        if (n_fam + 1 >= fam_cap) {
            fam_cap = fam_cap ? 2 * fam_cap : 1024;
            uint32_t *nf = realloc(fam_first, fam_cap * sizeof *nf);
            if (!nf) {
                rc = SC_ENOMEM;
                goto done;
            }
            fam_first = nf;
        }
        fam_first[n_fam] = (uint32_t)fam_persons;
        if (children >= child_target)
            break;
        int nc = family_children(p, n_fam);
        if (fam_persons + 2 + (size_t)nc > n_fb)
            break;
        fam_persons += 2 + (size_t)nc;
        children += (size_t)nc;
        n_fam++;
    }
    size_t n_ind = n_fb - fam_persons;

    rc = sc_world_create_empty(&w);
    if (rc < 0)
        goto done;
    g.w = w;
    /* The persons exactly (the builder API's doubling could reserve
     * nearly twice as many); the events with room to spare, given back
     * once they are all in. */
    w->persons = malloc((n ? n : 1) * sizeof *w->persons);
    if (!w->persons) {
        rc = SC_ENOMEM;
        goto done;
    }
    w->cap = n ? n : 1;
    rc = reserve_events(w, n + n / 4);
    if (rc < 0)
        goto done;

    int threads = sc_params_threads(p, WORLD_MAX_THREADS);
    size_t per = chunk_persons(n, threads), fam_chunk = per / 4;
    size_t max_ch = n_nat / per + n_fam / fam_chunk + n_ind / per + 3;
    ch = calloc(max_ch, sizeof *ch);
    if (!ch) {
        rc = SC_ENOMEM;
        goto done;
    }
    uint32_t next = 0;
    n_ch = add_chunks(ch, 0, CH_NATIVE, n_nat, per, &next, NULL);
    n_ch = add_chunks(ch, n_ch, CH_FAMILY, n_fam, fam_chunk, &next,
                      fam_first);
    n_ch = add_chunks(ch, n_ch, CH_INDIVIDUAL, n_ind, per, &next,
                      NULL);
    assert(n_ch <= max_ch && next == n);

    /* Waves of `threads` chunks: built in parallel, merged in order, so
     * that at most one wave of chunk buffers exists at a time. */
    for (size_t c0 = 0; c0 < n_ch && rc == 0; c0 += (size_t)threads) {
        wave wv;
        wv.g = &g;
        wv.ch = ch + c0;
        wv.n = n_ch - c0 < (size_t)threads ? n_ch - c0 : (size_t)threads;
        wv.threads = threads;
        run_wave(&wv);
        for (size_t i = 0; i < wv.n; i++)
            if (rc == 0)
                rc = merge_chunk(w, &wv.ch[i]);
    }
    if (rc == 0) {
        w->n = n;
        size_t ne = w->n_events ? w->n_events : 1;
        sc_event *fit = realloc(w->events, ne * sizeof *fit);
        if (fit) {
            w->events = fit;
            w->ev_cap = ne;
        }
    }

done:
    for (size_t i = 0; i < n_ch; i++)
        free(ch[i].out.ev);
    free(ch);
    free(fam_first);
    sc_cdf_release(&g.countries);
    sc_cdf_release(&g.states);
    if (rc < 0) {
        if (err && rc == SC_ENOMEM)
            snprintf(err, SC_ERRMSG_MAX, "out of memory building %zu persons",
                     n);
        sc_world_destroy(w);
        return rc;
    }
    *out = w;
    return 0;
}
