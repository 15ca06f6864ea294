/*
 * booking.c - jail bookings: who is arrested, where and when, and how the
 * jail clerk writes the person down.
 *
 * Arrests are drawn person by person.  An adult aged 18-69 who is in the
 * U.S. on the first day of the period is booked a Poisson number of times
 * with mean rate[group] / 1,000 x years x sex factor, where the group is
 * the person's true status group on that day, and each booking falls on a
 * day uniform over the period in the county of residence.  A booking on a
 * day the person is not in the country (removed or departed during the
 * period) is dropped: nobody is arrested in a place they are not.
 *
 * The bookings are sorted by (date, county, person, sequence), a total
 * order, and numbered.  The clerk's record of booking k of a person comes
 * from the stream (seed, SC_STAGE_BOOKING, person) split by k + 1, so it
 * depends only on the seed, the person and k: never on thread count, on
 * the sort, or on how many numbers other persons drew.
 *
 * The clerk writes the name in use on that day with the [booking] noise,
 * mis-keys the date of birth now and then, and writes a place of birth:
 * for the U.S.-born, now and then a foreign country assumed from the name
 * (the largest emigrant country of the name's tradition), for those born
 * abroad now and then the U.S.; otherwise it is left blank now and then,
 * or written as reported.  The FBI record of the prints tells whether a
 * removable-offence conviction precedes the booking.
 *
 * Data: a 20-byte sort key and one sc_booking (~92 B) per booking.
 * Workload: one pass over every person (33 million at 1:10: an age test
 * on the birth date, then the true status and a Poisson draw for adults),
 * writing each booking's record while its person is in cache -- reading
 * the world again in date order instead costs three times as much.  The
 * pass is cut into contiguous ranges of persons, drawn on threads and
 * joined in range order, so the result is the same for any number of
 * threads.  The keys are then sorted and the records permuted into their
 * order in place.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/booking.h"
#include "scomm/rng.h"

/* Most threads the person loop uses. */
#define MAX_THREADS 8

typedef struct key {
    sc_date date;
    uint32_t county;
    uint32_t person;
    uint32_t seq;
    uint32_t pos;   /* index of the written record, in person order */
} key;

/* The bookings of one range of persons, in person order: sort keys and
 * the records they index, grown together. */
typedef struct batch {
    key *k;
    sc_booking *b;
    size_t n, cap;
} batch;

/* Appends a key; returns the slot for its record, or NULL when out of
 * memory (the batch is then unchanged). */
static sc_booking *batch_push(batch *bt, const key *x)
{
    if (bt->n == bt->cap) {
        size_t cap = bt->cap ? 2 * bt->cap : 1024;
        key *k = realloc(bt->k, cap * sizeof *k);
        sc_booking *b;

        if (!k)
            return NULL;
        bt->k = k;
        b = realloc(bt->b, cap * sizeof *b);
        if (!b)
            return NULL;
        bt->b = b;
        bt->cap = cap;
    }
    bt->k[bt->n] = *x;
    return &bt->b[bt->n++];
}

static void batch_release(batch *bt)
{
    free(bt->k);
    free(bt->b);
    memset(bt, 0, sizeof *bt);
}

static int cmp_key(const void *a, const void *b)
{
    const key *x = a, *y = b;

    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->county != y->county)
        return x->county < y->county ? -1 : 1;
    if (x->person != y->person)
        return x->person < y->person ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

static void set_err(char *err, const char *msg)
{
    if (err)
        snprintf(err, SC_ERRMSG_MAX, "%s", msg);
}

/* Birth dates of the eligible: [*lo, *hi] are exactly the births aged
 * 18-69 on `on`.  Found by stepping from a calendar guess so that leap
 * days follow sc_age_on() whatever its convention. */
static void age_window(sc_date on, sc_date *lo, sc_date *hi)
{
    int y, m, d;
    sc_date b;

    sc_date_to_ymd(on, &y, &m, &d);
    b = sc_date_from_ymd(y - 18, m, 1) + 40;
    while (sc_age_on(b, on) < 18)
        b--;
    *hi = b;
    b = sc_date_from_ymd(y - 70, m, 1) - 40;
    while (sc_age_on(b, on) > 69)
        b++;
    *lo = b;
}

/* The country a clerk assumes for a U.S.-born person of each naming
 * tradition: the tradition's country with the largest share of the
 * foreign-born (Mexico for Hispanic names, ...).  Falls back on Mexico,
 * then on any foreign country. */
static void assumed_countries(uint16_t out[SC_TRAD_COUNT])
{
    size_t n, i;
    const sc_country *c = sc_countries(&n);
    int mx = sc_country_by_code("MX");
    uint16_t fallback = mx > 0 ? (uint16_t)mx
                        : n > 1 ? 1 : (uint16_t)SC_COUNTRY_UNKNOWN;
    int t;

    for (t = 0; t < SC_TRAD_COUNT; t++) {
        double best = -1.0;

        out[t] = fallback;
        for (i = 1; i < n; i++) {
            if (c[i].tradition == t && c[i].fb_share > best) {
                best = c[i].fb_share;
                out[t] = (uint16_t)i;
            }
        }
    }
}

/* Whether the person's history holds an event of `kind` (a conviction)
 * before `on`: what the FBI record of these prints shows. */
static int convicted_before(const sc_world *w, uint32_t id, sc_date on,
                            int kind)
{
    size_t n, i;
    const sc_event *ev = sc_world_events(w, id, &n);

    for (i = 0; i < n && ev[i].date < on; i++)
        if (ev[i].kind == kind)
            return 1;
    return 0;
}

/* Writes the clerk's record of one booking (all but the id). */
static void write_record(const sc_params *p, const sc_world *w,
                         const uint16_t assumed[SC_TRAD_COUNT],
                         const key *x, sc_booking *b)
{
    const sc_person *per = sc_world_person(w, x->person);
    sc_name_noise noise;
    sc_name name;
    sc_rng pr, r;
    unsigned flags = 0;

    sc_rng_init(&pr, p->seed, SC_STAGE_BOOKING, x->person);
    r = sc_rng_split(&pr, (uint64_t)x->seq + 1);

    memset(b, 0, sizeof *b);
    b->person = x->person;
    b->county = x->county;
    b->date = x->date;
    b->female = per->female;

    noise.typo = p->booking_name_typo;
    noise.order_swap = p->booking_name_order_swap;
    noise.one_surname = p->booking_one_surname;
    noise.translit = p->booking_translit_variant;
    sc_world_name_on(w, x->person, x->date, &name);
    sc_name_record(&r, &name, &noise, b->given, b->family, &flags);

    b->dob = per->birth;
    if (sc_rng_bernoulli(&r, p->booking_dob_error)) {
        b->dob = sc_dob_miskey(&r, per->birth);
        flags |= SC_NOISE_DOB;
    }
    b->noise = (uint8_t)flags;

    if (per->birth_kind == SC_BIRTH_US) {
        int trad = per->name.tradition < SC_TRAD_COUNT ? per->name.tradition
                                                       : SC_TRAD_ANGLO;

        if (sc_rng_bernoulli(&r, p->pob_wrong_foreign) &&
            assumed[trad] != SC_COUNTRY_UNKNOWN) {
            b->pob = assumed[trad];
            b->pob_how = SC_POB_ASSUMED;
        } else if (sc_rng_bernoulli(&r, p->pob_missing)) {
            b->pob = SC_COUNTRY_UNKNOWN;
            b->pob_how = SC_POB_MISSING;
        } else {
            b->pob = SC_COUNTRY_US;
            b->pob_how = SC_POB_REPORTED;
        }
    } else {
        if (sc_rng_bernoulli(&r, p->pob_wrong_us)) {
            b->pob = SC_COUNTRY_US;
            b->pob_how = SC_POB_ASSUMED;
        } else if (sc_rng_bernoulli(&r, p->pob_missing)) {
            b->pob = SC_COUNTRY_UNKNOWN;
            b->pob_how = SC_POB_MISSING;
        } else {
            b->pob = per->birth_country;
            b->pob_how = SC_POB_REPORTED;
        }
    }

    {
        double qsum = p->quality[SC_Q_GOOD] + p->quality[SC_Q_FAIR] +
                      p->quality[SC_Q_POOR];

        b->quality = qsum > 0.0
                         ? (uint8_t)sc_rng_pick(&r, p->quality, SC_Q_COUNT)
                         : SC_Q_GOOD;
    }
    b->convicted = (uint8_t)convicted_before(w, x->person, x->date,
                                             SC_EV_CONVICT);
    b->misdemeanor = (uint8_t)convicted_before(w, x->person, x->date,
                                               SC_EV_MISDEMEANOR);
    b->manual_iaq = (uint8_t)sc_rng_bernoulli(&r, p->manual_iaq_share);
}

/* Moves v into the order of the sorted keys (v[j] takes the record at
 * order[j].pos) and numbers it, following the permutation's cycles in
 * place so that no second booking array is needed.  Each key's pos is
 * overwritten with its own index once its slot is filled. */
static void put_in_order(sc_booking *v, key *order, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        sc_booking hold;

        if (order[i].pos == i)
            continue;
        hold = v[i];
        j = i;
        while (order[j].pos != i) {
            size_t from = order[j].pos;

            v[j] = v[from];
            order[j].pos = (uint32_t)j;
            j = from;
        }
        v[j] = hold;
        order[j].pos = (uint32_t)j;
    }
    for (i = 0; i < n; i++)
        v[i].id = (uint32_t)i;
}

/* What every range of persons shares (read-only). */
typedef struct job {
    const sc_params *p;
    const sc_world *w;
    size_t n_counties;          /* 0: no geography to check against */
    uint16_t assumed[SC_TRAD_COUNT];
    sc_date lo, hi;             /* births of the eligible */
    uint32_t days;
    double base;                /* days / 365.25 / 1000 */
} job;

/* Draws the person's bookings and writes their records into bt.
 * Returns 0 or SC_ENOMEM. */
static int draw_person(const job *jb, uint32_t id, batch *bt)
{
    const sc_params *p = jb->p;
    const sc_person *per = sc_world_person(jb->w, id);
    sc_truth t;
    sc_rng r;
    double lambda, sex;
    uint64_t count, j;
    int group;

    sc_world_truth_on(jb->w, id, p->start, &t);
    if (t.status == SC_ST_ABSENT)
        return 0;
    group = sc_status_group(t.status);
    if (group < 0 || group >= SC_GROUP_COUNT)
        return 0;
    sex = per->female ? 2.0 * (1.0 - p->male_share) : 2.0 * p->male_share;
    lambda = p->rate[group] * jb->base * sex;
    if (lambda <= 0.0)
        return 0;

    sc_rng_init(&r, p->seed, SC_STAGE_BOOKING, id);
    count = sc_rng_poisson(&r, lambda);
    for (j = 0; j < count; j++) {
        sc_booking *b;
        key x;

        x.date = p->start + (sc_date)sc_rng_below(&r, jb->days);
        x.county = per->county;
        x.person = id;
        x.seq = (uint32_t)j;
        x.pos = 0;
        if (x.date != p->start) {
            sc_truth on;

            sc_world_truth_on(jb->w, id, x.date, &on);
            if (on.status == SC_ST_ABSENT)
                continue;
        }
        b = batch_push(bt, &x);
        if (!b)
            return SC_ENOMEM;
        write_record(p, jb->w, jb->assumed, &x, b);
    }
    return 0;
}

/* One contiguous range of persons, drawn into its own batch. */
typedef struct range {
    const job *jb;
    size_t from, to;
    batch out;
    int rc;
    size_t bad_person;          /* rc == SC_ERANGE: who */
} range;

static void *draw_range(void *arg)
{
    range *rg = arg;
    const job *jb = rg->jb;
    size_t i;

    for (i = rg->from; i < rg->to; i++) {
        const sc_person *per = sc_world_person(jb->w, (uint32_t)i);

        if (per->birth < jb->lo || per->birth > jb->hi)
            continue;
        if (jb->n_counties && per->county >= jb->n_counties) {
            rg->rc = SC_ERANGE;
            rg->bad_person = i;
            return NULL;
        }
        rg->rc = draw_person(jb, (uint32_t)i, &rg->out);
        if (rg->rc < 0)
            return NULL;
    }
    return NULL;
}

/* How many ranges to draw at once.  The result does not depend on it:
 * ranges are contiguous and concatenated in order, and each record's
 * draws depend only on its person.  Small worlds are not worth a thread. */
static size_t range_count(const sc_params *p, size_t persons)
{
    long cpus = sc_params_threads(p, MAX_THREADS);

    if (persons < 4096 || cpus < 2)
        return 1;
    return cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
}

/* Runs the ranges, on threads when there are several; a range whose
 * thread cannot start runs on the caller's. */
static void run_ranges(range *rg, size_t n)
{
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    size_t i;

    for (i = 1; i < n; i++)
        started[i] = pthread_create(&tid[i], NULL, draw_range, &rg[i]) == 0;
    draw_range(&rg[0]);
    for (i = 1; i < n; i++) {
        if (started[i])
            pthread_join(tid[i], NULL);
        else
            draw_range(&rg[i]);
    }
}

/* Joins the ranges' batches into the first, in range order.  Growing
 * the first in place (a large realloc is a remap, not a copy) keeps the
 * peak below two copies of the bookings. */
static int join_ranges(range *rg, size_t n)
{
    batch *all = &rg[0].out;
    size_t total = 0, i;

    for (i = 0; i < n; i++)
        total += rg[i].out.n;
    if (total > all->cap) {
        key *k = realloc(all->k, total * sizeof *k);
        sc_booking *b;

        if (!k)
            return SC_ENOMEM;
        all->k = k;
        b = realloc(all->b, total * sizeof *b);
        if (!b)
            return SC_ENOMEM;
        all->b = b;
        all->cap = total;
    }
    for (i = 1; i < n; i++) {
        batch *bt = &rg[i].out;

        if (bt->n) {
            memcpy(all->k + all->n, bt->k, bt->n * sizeof *bt->k);
            memcpy(all->b + all->n, bt->b, bt->n * sizeof *bt->b);
            all->n += bt->n;
        }
        batch_release(bt);
    }
    return 0;
}

int sc_bookings_generate(const sc_params *p, const sc_world *w,
                         const sc_geo *g, sc_booking **out, size_t *n,
                         char *err)
{
    range rg[MAX_THREADS];
    size_t count, n_ranges, i;
    batch *all;
    job jb;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (p->end < p->start) {
        set_err(err, "booking period ends before it starts");
        return SC_EINVAL;
    }
    count = sc_world_count(w);
    if (count > UINT32_MAX) {
        set_err(err, "world too large for 32-bit person ids");
        return SC_ERANGE;
    }
    memset(&jb, 0, sizeof jb);
    jb.p = p;
    jb.w = w;
    jb.n_counties = g ? sc_geo_count(g) : 0;
    jb.days = (uint32_t)(p->end - p->start) + 1u;
    jb.base = (double)jb.days / 365.25 / 1000.0;
    age_window(p->start, &jb.lo, &jb.hi);
    assumed_countries(jb.assumed);

    n_ranges = range_count(p, count);
    memset(rg, 0, sizeof rg);
    for (i = 0; i < n_ranges; i++) {
        rg[i].jb = &jb;
        rg[i].from = count * i / n_ranges;
        rg[i].to = count * (i + 1) / n_ranges;
    }
    run_ranges(rg, n_ranges);

    for (i = 0; i < n_ranges && rc == 0; i++) {
        rc = rg[i].rc;
        if (rc == SC_ERANGE && err)
            snprintf(err, SC_ERRMSG_MAX,
                     "person %zu lives in county %u, beyond the %zu of "
                     "the geography", rg[i].bad_person,
                     sc_world_person(w, (uint32_t)rg[i].bad_person)->county,
                     jb.n_counties);
        else if (rc < 0)
            set_err(err, "out of memory drawing bookings");
    }
    if (rc == 0 && (rc = join_ranges(rg, n_ranges)) < 0)
        set_err(err, "out of memory joining bookings");
    all = &rg[0].out;
    if (rc == 0 && all->n > UINT32_MAX) {
        set_err(err, "too many bookings for 32-bit booking ids");
        rc = SC_ERANGE;
    }
    if (rc == 0 && !all->b) {
        /* At least one element, so that success never returns NULL. */
        all->b = malloc(sizeof *all->b);
        if (!all->b) {
            set_err(err, "out of memory writing bookings");
            rc = SC_ENOMEM;
        }
    }
    if (rc < 0) {
        for (i = 0; i < n_ranges; i++)
            batch_release(&rg[i].out);
        return rc;
    }

    for (i = 0; i < all->n; i++)
        all->k[i].pos = (uint32_t)i;
    if (all->n > 1)
        qsort(all->k, all->n, sizeof all->k[0], cmp_key);
    put_in_order(all->b, all->k, all->n);
    free(all->k);
    *out = all->b;
    *n = all->n;
    return 0;
}
