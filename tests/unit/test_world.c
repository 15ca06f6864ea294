/*
 * test_world.c - the synthetic population: sizes and shares, legal
 * statuses on the reference date, determinism, the derivation rule, the
 * truth rules and married names.  Statistical checks use SC_TEST_SEED
 * and about 20,000 persons; tolerances are stated where used.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "test_util.h"

#include "scomm/geo.h"
#include "scomm/rng.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

#define TEST_N 20000.0

typedef struct fixture {
    sc_params p;
    sc_geo *geo;
    sc_world *w;
} fixture;

static void small_params(sc_params *p, uint64_t seed, double n)
{
    sc_params_init(p);
    p->seed = seed;
    p->scale = n / p->population;
}

static int group_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char err[SC_ERRMSG_MAX] = "";
    if (!f)
        return -1;
    small_params(&f->p, SC_TEST_SEED, TEST_N);
    if (sc_geo_create_states(&f->geo) < 0)
        return -1;
    if (sc_world_create(&f->p, f->geo, &f->w, err) < 0) {
        fprintf(stderr, "world: %s (seed %u)\n", err, SC_TEST_SEED);
        return -1;
    }
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state;
    sc_world_destroy(f->w);
    sc_geo_destroy(f->geo);
    free(f);
    return 0;
}

static sc_date ymd(int y, int m, int d)
{
    return sc_date_from_ymd(y, m, d);
}

static int has_event(const sc_world *w, uint32_t id, int kind)
{
    size_t n;
    const sc_event *e = sc_world_events(w, id, &n);
    for (size_t i = 0; i < n; i++)
        if (e[i].kind == kind)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Generated world                                                     */
/* ------------------------------------------------------------------ */

static void test_counts_and_shares(void **state)
{
    fixture *f = *state;
    const sc_params *p = &f->p;
    size_t n = sc_world_count(f->w);
    assert_int_equal(n, (size_t)llround(p->population * p->scale));

    size_t fb = 0, acquired = 0, natives = 0, female = 0;
    size_t group[SC_GROUP_COUNT] = {0};
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *ps = sc_world_person(f->w, i);
        sc_truth t;
        female += ps->female;
        sc_world_truth_on(f->w, i, p->start, &t);
        if (ps->birth_kind == SC_BIRTH_FOREIGN) {
            fb++;
            int g = sc_status_group(t.status);
            assert_true(g >= 0);
            group[g]++;
        } else {
            natives++;
            acquired += ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN;
        }
    }
    /* The foreign-born count is fixed by construction. */
    assert_int_equal(fb, (size_t)llround((double)n * p->foreign_born_share));
    /* About 2,740 foreign-born: a share's standard error is under 0.01;
     * families make draws correlated (3-5 persons), so allow 0.04. */
    double nat = (double)group[SC_GROUP_NATURALIZED] / (double)fb;
    double lpr = (double)group[SC_GROUP_LPR] / (double)fb;
    double tmp = (double)group[SC_GROUP_TEMPORARY] / (double)fb;
    double una = (double)group[SC_GROUP_UNAUTHORIZED] / (double)fb;
    fprintf(stderr, "fb shares: nat %.3f lpr %.3f temp %.3f unauth %.3f\n",
            nat, lpr, tmp, una);
    assert_true(fabs(nat - p->fb_naturalized) < 0.04);
    assert_true(fabs(lpr - p->fb_lpr) < 0.04);
    assert_true(fabs(tmp - p->fb_temporary) < 0.04);
    assert_true(fabs(una - p->fb_unauthorized) < 0.04);
    /* Acquired: about 170 of 17,260 natives; binomial sd ~0.0008. */
    assert_true(fabs((double)acquired / (double)natives - p->acquired_share) <
                0.004);
    assert_true(fabs((double)female / (double)n - 0.5) < 0.02);
}

static void test_foreign_born_legal_status(void **state)
{
    fixture *f = *state;
    const sc_params *p = &f->p;
    size_t n = sc_world_count(f->w);
    size_t ewi = 0, overstay = 0, derived = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *ps = sc_world_person(f->w, i);
        sc_truth t;
        sc_world_truth_on(f->w, i, p->start, &t);
        if (ps->birth_kind == SC_BIRTH_US) {
            assert_int_equal(t.status, SC_ST_USBORN);
            assert_true(t.citizen && t.lawful && !t.removable);
            continue;
        }
        if (ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN) {
            assert_int_equal(t.status, SC_ST_ACQUIRED);
            assert_true(t.citizen && !t.removable);
            assert_int_not_equal(ps->birth_country, SC_COUNTRY_US);
            continue;
        }
        assert_int_not_equal(ps->birth_country, SC_COUNTRY_US);
        switch (t.status) {
        case SC_ST_NATURALIZED:
            assert_true(has_event(f->w, i, SC_EV_NATURALIZE));
            assert_true(t.citizen && t.lawful && !t.removable);
            break;
        case SC_ST_DERIVED:
            derived++;
            assert_true(has_event(f->w, i, SC_EV_DERIVE));
            assert_true(ps->father != SC_NONE);
            assert_true(t.citizen && !t.removable);
            break;
        case SC_ST_LPR:
        case SC_ST_TEMPORARY:
            assert_true(!t.citizen && t.lawful);
            assert_int_equal(t.removable, t.convicted);
            break;
        case SC_ST_OVERSTAY:
            overstay++;
            assert_true(!t.lawful && t.removable);
            break;
        case SC_ST_EWI:
            ewi++;
            assert_true(!t.lawful && t.removable);
            break;
        default:
            fail_msg("person %u has status %s on the reference date", i,
                     sc_status_name(t.status));
        }
    }
    assert_true(ewi > 0 && overstay > 0 && derived > 0);
}

static void test_events_well_formed(void **state)
{
    fixture *f = *state;
    const sc_params *p = &f->p;
    size_t n = sc_world_count(f->w);
    size_t married = 0, adults = 0, orders = 0, removals = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *ps = sc_world_person(f->w, i);
        size_t ne;
        const sc_event *e = sc_world_events(f->w, i, &ne);
        int age = sc_age_on(ps->birth, p->start);
        assert_true(age >= 0 && age <= 95);
        if (age >= 18)
            adults++;
        for (size_t k = 0; k < ne; k++) {
            assert_true(e[k].date < p->start);
            assert_true(e[k].date >= ps->birth);
            if (k > 0)
                assert_true(e[k - 1].date <= e[k].date);
            if (e[k].kind == SC_EV_MARRY) {
                married++;
                assert_true(sc_age_on(ps->birth, e[k].date) >= 17);
            }
            if (e[k].kind == SC_EV_CONVICT)
                assert_true(sc_age_on(ps->birth, e[k].date) >= 18);
            orders += e[k].kind == SC_EV_ORDER;
            removals += e[k].kind == SC_EV_REMOVAL;
        }
        if (ps->birth_kind == SC_BIRTH_FOREIGN && ps->father == SC_NONE &&
            ps->mother == SC_NONE)
            assert_true(age >= 18);
        if (age < 18)
            assert_false(has_event(f->w, i, SC_EV_MARRY));
    }
    /* married_share 0.55 of adults aged 20+ (parents always married). */
    double ms = (double)married / (double)adults;
    assert_true(ms > p->married_share - 0.06 && ms < p->married_share + 0.08);
    assert_true(orders > 0 && removals > 0 && removals < orders);
}

static void test_families(void **state)
{
    fixture *f = *state;
    const sc_params *p = &f->p;
    size_t n = sc_world_count(f->w), children = 0, fb = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *c = sc_world_person(f->w, i);
        fb += c->birth_kind == SC_BIRTH_FOREIGN;
        if (c->father == SC_NONE)
            continue;
        children++;
        const sc_person *fa = sc_world_person(f->w, c->father);
        const sc_person *mo = sc_world_person(f->w, c->mother);
        assert_non_null(fa);
        assert_non_null(mo);
        assert_int_equal(fa->female, 0);
        assert_int_equal(mo->female, 1);
        assert_int_equal(c->birth_kind, SC_BIRTH_FOREIGN);
        assert_int_equal(fa->birth_country, c->birth_country);
        assert_int_equal(mo->birth_country, c->birth_country);
        assert_int_equal(fa->county, c->county);
        assert_int_equal(mo->county, c->county);
        assert_true(mo->birth < c->birth && fa->birth < c->birth);
        assert_int_equal(c->name.family1, fa->name.family1);
        if (c->name.tradition == SC_TRAD_HISPANIC)
            assert_int_equal(c->name.family2, mo->name.family1);
        /* The child entered with the parents, aged 0-17. */
        size_t nc, nf;
        const sc_event *ce = sc_world_events(f->w, i, &nc);
        const sc_event *fe = sc_world_events(f->w, c->father, &nf);
        assert_true(nc > 0 && nf > 0);
        sc_date ce0 = SC_DATE_NEVER, fe0 = SC_DATE_NEVER;
        int ccls = -1, fcls = -1;
        for (size_t k = 0; k < nc && ce0 == SC_DATE_NEVER; k++)
            if (ce[k].kind == SC_EV_ENTRY || ce[k].kind == SC_EV_ENTRY_EWI) {
                ce0 = ce[k].date;
                ccls = ce[k].cls;
            }
        for (size_t k = 0; k < nf && fe0 == SC_DATE_NEVER; k++)
            if (fe[k].kind == SC_EV_ENTRY || fe[k].kind == SC_EV_ENTRY_EWI) {
                fe0 = fe[k].date;
                fcls = fe[k].cls;
            }
        assert_int_equal(ce0, fe0);
        assert_int_equal(ccls, fcls);
        assert_true(sc_age_on(c->birth, ce0) <= 17);
    }
    double share = (double)children / (double)fb;
    assert_true(fabs(share - p->fb_child_share) < 0.01);
}

static void test_derived_children_follow_rule(void **state)
{
    /* Every DERIVE event of the generator is where the truth rule puts
     * it: the child is a citizen from that day and not the day before. */
    fixture *f = *state;
    size_t n = sc_world_count(f->w), checked = 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t ne;
        const sc_event *e = sc_world_events(f->w, i, &ne);
        for (size_t k = 0; k < ne; k++) {
            if (e[k].kind != SC_EV_DERIVE)
                continue;
            const sc_person *c = sc_world_person(f->w, i);
            sc_truth t;
            assert_true(e[k].other == c->father || e[k].other == c->mother);
            assert_true(sc_age_on(c->birth, e[k].date) < 18);
            sc_world_truth_on(f->w, i, e[k].date - 1, &t);
            assert_int_equal(t.status, SC_ST_LPR);
            sc_world_truth_on(f->w, i, e[k].date, &t);
            assert_int_equal(t.status, SC_ST_DERIVED);
            checked++;
        }
    }
    assert_true(checked > 10);
}

static void test_determinism(void **state)
{
    (void)state;
    sc_params p;
    sc_geo *geo;
    sc_world *a, *b, *c;
    char err[SC_ERRMSG_MAX];
    small_params(&p, SC_TEST_SEED + 7, 5000);
    assert_int_equal(sc_geo_create_states(&geo), 0);
    assert_int_equal(sc_world_create(&p, geo, &a, err), 0);
    assert_int_equal(sc_world_create(&p, geo, &b, err), 0);
    p.seed++;
    assert_int_equal(sc_world_create(&p, geo, &c, err), 0);

    size_t n = sc_world_count(a);
    assert_int_equal(n, sc_world_count(b));
    assert_int_equal(n, sc_world_count(c));
    size_t differ = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *pa = sc_world_person(a, i);
        const sc_person *pb = sc_world_person(b, i);
        const sc_person *pc = sc_world_person(c, i);
        assert_memory_equal(pa, pb, sizeof *pa);
        size_t na, nb;
        const sc_event *ea = sc_world_events(a, i, &na);
        const sc_event *eb = sc_world_events(b, i, &nb);
        assert_int_equal(na, nb);
        if (na)
            assert_memory_equal(ea, eb, na * sizeof *ea);
        differ += pa->birth != pc->birth;
    }
    assert_true(differ > n / 2);
    sc_world_destroy(a);
    sc_world_destroy(b);
    sc_world_destroy(c);
    sc_geo_destroy(geo);
}

/* Misdemeanours come from a stream of their own: with and without them
 * every person and every other event is the same; their share is near
 * misdemeanor_share among adults who were here; they never touch the
 * truth; and they fall after the 18th birthday and the first entry. */
static void test_misdemeanors(void **state)
{
    (void)state;
    sc_params p;
    sc_geo *geo;
    sc_world *with, *without;
    char err[SC_ERRMSG_MAX];
    small_params(&p, SC_TEST_SEED + 11, 20000);
    p.misdemeanor_share = 0.3;
    assert_int_equal(sc_geo_create_states(&geo), 0);
    assert_int_equal(sc_world_create(&p, geo, &with, err), 0);
    p.misdemeanor_share = 0;
    assert_int_equal(sc_world_create(&p, geo, &without, err), 0);

    size_t n = sc_world_count(with), adults = 0, mis = 0;
    assert_int_equal(n, sc_world_count(without));
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *a = sc_world_person(with, i);
        const sc_person *b = sc_world_person(without, i);
        size_t na, nb, k = 0, m = 0;
        const sc_event *ea = sc_world_events(with, i, &na);
        const sc_event *eb = sc_world_events(without, i, &nb);
        sc_date entry = a->birth_kind == SC_BIRTH_FOREIGN ? SC_DATE_NEVER
                                                          : a->birth;
        int y, mo, d;

        assert_int_equal(a->birth, b->birth);
        assert_memory_equal(&a->name, &b->name, sizeof a->name);
        assert_int_equal(a->county, b->county);
        for (k = 0; k < na; k++) {
            if (ea[k].kind == SC_EV_ENTRY || ea[k].kind == SC_EV_ENTRY_EWI)
                if (ea[k].date < entry)
                    entry = ea[k].date;
            if (ea[k].kind == SC_EV_MISDEMEANOR) {
                m++;
                sc_date_to_ymd(a->birth, &y, &mo, &d);
                assert_true(ea[k].date >=
                            ymd(y + 18, mo, mo == 2 && d == 29 ? 28 : d));
                assert_true(ea[k].date >= entry);
                assert_true(ea[k].date < p.start);
                continue;
            }
            assert_true(k - m < nb);
            assert_memory_equal(&ea[k], &eb[k - m], sizeof ea[k]);
        }
        assert_int_equal(na - m, nb);
        assert_true(m <= 1);
        mis += m;
        sc_date_to_ymd(a->birth, &y, &mo, &d);
        if (entry < p.start && ymd(y + 18, mo, 1) < ymd(2000, 1, 1))
            adults++;
        sc_truth ta, tb;
        sc_world_truth_on(with, i, p.start, &ta);
        sc_world_truth_on(without, i, p.start, &tb);
        assert_memory_equal(&ta, &tb, sizeof ta);
    }
    /* Adults of long standing: nearly all of them are eligible for the
     * whole draw window, so about 30% of them have one. */
    assert_true(adults > 1000);
    assert_true(mis > adults / 5);
    sc_world_destroy(with);
    sc_world_destroy(without);
    sc_geo_destroy(geo);
}

static void test_threads_invariant(void **state)
{
    /* One thread (chunks of 1,250 persons) and five (chunks of 1,024,
     * built five at a time) give the fixture's world byte for byte. */
    fixture *f = *state;
    static const int counts[] = {1, 5};
    char err[SC_ERRMSG_MAX];
    for (int k = 0; k < 2; k++) {
        sc_world *w;
        sc_params tp = f->p;
        tp.threads = counts[k];
        int rc = sc_world_create(&tp, f->geo, &w, err);
        assert_int_equal(rc, 0);
        size_t n = sc_world_count(w);
        assert_int_equal(n, sc_world_count(f->w));
        for (uint32_t i = 0; i < n; i++) {
            size_t na, nb;
            const sc_event *ea = sc_world_events(w, i, &na);
            const sc_event *eb = sc_world_events(f->w, i, &nb);
            sc_person pa = *sc_world_person(w, i);
            sc_person pb = *sc_world_person(f->w, i);
            assert_memory_equal(&pa, &pb, sizeof pa);
            assert_int_equal(na, nb);
            if (na)
                assert_memory_equal(ea, eb, na * sizeof *ea);
        }
        sc_world_destroy(w);
    }
}

/* ------------------------------------------------------------------ */
/* Hand-built cases                                                    */
/* ------------------------------------------------------------------ */

static sc_person mk_person(sc_date birth, int female, int kind)
{
    sc_person p;
    memset(&p, 0, sizeof p);
    p.birth = birth;
    p.female = (uint8_t)female;
    p.birth_kind = (uint8_t)kind;
    p.birth_country = kind == SC_BIRTH_US ? SC_COUNTRY_US : 1;
    p.name.given = 1;
    p.name.family1 = 2;
    p.name.family2 = SC_NONE;
    p.mother = p.father = SC_NONE;
    return p;
}

static void ev(sc_world *w, int kind, sc_date date, sc_date until, int cls,
               uint32_t other)
{
    sc_event e;
    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)kind;
    e.date = date;
    e.until = until;
    e.cls = (uint8_t)cls;
    e.other = other;
    assert_int_equal(sc_world_add_event(w, &e), 0);
}

/* A family that immigrated on `entry`: a father naturalized on nat_f,
 * a mother on nat_m (SC_DATE_NEVER: never), and one child born on
 * child_birth who entered with them as an LPR.  Returns the child id. */
static uint32_t mk_family(sc_world *w, sc_date entry, sc_date nat_f,
                          sc_date nat_m, sc_date child_birth)
{
    uint32_t fa, mo, ch;
    sc_person p = mk_person(ymd(1950, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &fa), 0);
    ev(w, SC_EV_ENTRY, entry, SC_DATE_NEVER, SC_CLASS_IMMIGRANT, SC_NONE);
    if (nat_f != SC_DATE_NEVER)
        ev(w, SC_EV_NATURALIZE, nat_f, SC_DATE_NEVER, 0, SC_NONE);
    p = mk_person(ymd(1952, 1, 1), 1, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &mo), 0);
    ev(w, SC_EV_ENTRY, entry, SC_DATE_NEVER, SC_CLASS_IMMIGRANT, SC_NONE);
    if (nat_m != SC_DATE_NEVER)
        ev(w, SC_EV_NATURALIZE, nat_m, SC_DATE_NEVER, 0, SC_NONE);
    p = mk_person(child_birth, 0, SC_BIRTH_FOREIGN);
    p.father = fa;
    p.mother = mo;
    assert_int_equal(sc_world_add_person(w, &p, &ch), 0);
    ev(w, SC_EV_ENTRY, entry, SC_DATE_NEVER, SC_CLASS_IMMIGRANT, SC_NONE);
    return ch;
}

static int status_on(const sc_world *w, uint32_t id, sc_date d)
{
    sc_truth t;
    sc_world_truth_on(w, id, d, &t);
    return t.status;
}

static void test_derive_after_cca_one_parent(void **state)
{
    (void)state;
    sc_world *w;
    assert_int_equal(sc_world_create_empty(&w), 0);
    /* Child born 1995, father naturalizes in 2005: derives that day. */
    uint32_t c = mk_family(w, ymd(1998, 5, 1), ymd(2005, 3, 10),
                           SC_DATE_NEVER, ymd(1995, 6, 1));
    assert_int_equal(status_on(w, c, ymd(2005, 3, 9)), SC_ST_LPR);
    assert_int_equal(status_on(w, c, ymd(2005, 3, 10)), SC_ST_DERIVED);
    assert_int_equal(status_on(w, c, ymd(2012, 1, 1)), SC_ST_DERIVED);
    sc_world_destroy(w);
}

static void test_derive_before_cca_needs_both(void **state)
{
    (void)state;
    sc_world *w;
    assert_int_equal(sc_world_create_empty(&w), 0);
    /* Only the father naturalized (1992); the child was 10 on the CCA
     * date: derives on 2001-02-27, not in 1992. */
    uint32_t c1 = mk_family(w, ymd(1991, 1, 1), ymd(1992, 6, 1),
                            SC_DATE_NEVER, ymd(1990, 8, 1));
    assert_int_equal(status_on(w, c1, ymd(1995, 1, 1)), SC_ST_LPR);
    assert_int_equal(status_on(w, c1, ymd(2001, 2, 26)), SC_ST_LPR);
    assert_int_equal(status_on(w, c1, ymd(2001, 2, 27)), SC_ST_DERIVED);
    /* Both naturalized before the CCA: derives when the second did. */
    uint32_t c2 = mk_family(w, ymd(1989, 1, 1), ymd(1992, 6, 1),
                            ymd(1994, 9, 15), ymd(1988, 8, 1));
    assert_int_equal(status_on(w, c2, ymd(1994, 9, 14)), SC_ST_LPR);
    assert_int_equal(status_on(w, c2, ymd(1994, 9, 15)), SC_ST_DERIVED);
    /* One parent before the CCA, child already 18 on the CCA date:
     * never derives. */
    uint32_t c3 = mk_family(w, ymd(1985, 1, 1), ymd(1992, 6, 1),
                            SC_DATE_NEVER, ymd(1980, 8, 1));
    assert_int_equal(status_on(w, c3, ymd(2012, 1, 1)), SC_ST_LPR);
    sc_world_destroy(w);
}

static void test_derive_not_after_18(void **state)
{
    (void)state;
    sc_world *w;
    assert_int_equal(sc_world_create_empty(&w), 0);
    /* Both parents naturalize the day the child turns 18: too late. */
    uint32_t c = mk_family(w, ymd(1995, 1, 1), ymd(2008, 4, 2),
                           ymd(2008, 4, 2), ymd(1990, 4, 2));
    assert_int_equal(status_on(w, c, ymd(2012, 1, 1)), SC_ST_LPR);
    /* One day before 18: derives. */
    uint32_t d = mk_family(w, ymd(1995, 1, 1), ymd(2008, 4, 1),
                           SC_DATE_NEVER, ymd(1990, 4, 2));
    assert_int_equal(status_on(w, d, ymd(2008, 4, 1)), SC_ST_DERIVED);
    /* The child may naturalize on their own later. */
    sc_person p = mk_person(ymd(1985, 1, 1), 0, SC_BIRTH_FOREIGN);
    uint32_t e;
    p.father = 0;
    p.mother = 1;
    assert_int_equal(sc_world_add_person(w, &p, &e), 0);
    ev(w, SC_EV_ENTRY, ymd(1995, 1, 1), SC_DATE_NEVER, SC_CLASS_IMMIGRANT,
       SC_NONE);
    ev(w, SC_EV_NATURALIZE, ymd(2009, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    assert_int_equal(status_on(w, e, ymd(2008, 12, 31)), SC_ST_LPR);
    assert_int_equal(status_on(w, e, ymd(2009, 1, 1)), SC_ST_NATURALIZED);
    sc_world_destroy(w);
}

static void test_derive_requires_lpr(void **state)
{
    (void)state;
    sc_world *w;
    uint32_t fa, c;
    assert_int_equal(sc_world_create_empty(&w), 0);
    sc_person p = mk_person(ymd(1960, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &fa), 0);
    ev(w, SC_EV_ENTRY, ymd(1990, 1, 1), SC_DATE_NEVER, SC_CLASS_IMMIGRANT,
       SC_NONE);
    ev(w, SC_EV_NATURALIZE, ymd(1996, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    /* A child on a visitor visa is not an LPR: no derivation until the
     * adjustment, and then at once (the father is a citizen, post-CCA). */
    p = mk_person(ymd(2000, 1, 1), 1, SC_BIRTH_FOREIGN);
    p.father = fa;
    assert_int_equal(sc_world_add_person(w, &p, &c), 0);
    ev(w, SC_EV_ENTRY, ymd(2005, 1, 1), ymd(2005, 7, 1), SC_CLASS_VISITOR,
       SC_NONE);
    ev(w, SC_EV_ADJUST, ymd(2006, 3, 1), SC_DATE_NEVER, 0, SC_NONE);
    assert_int_equal(status_on(w, c, ymd(2005, 3, 1)), SC_ST_TEMPORARY);
    assert_int_equal(status_on(w, c, ymd(2006, 1, 1)), SC_ST_OVERSTAY);
    assert_int_equal(status_on(w, c, ymd(2006, 3, 1)), SC_ST_DERIVED);
    sc_world_destroy(w);
}

static void test_truth_rules(void **state)
{
    (void)state;
    sc_world *w;
    sc_truth t;
    uint32_t us, tmp, ewi, lpr, ord;
    assert_int_equal(sc_world_create_empty(&w), 0);

    sc_person p = mk_person(ymd(1980, 5, 5), 0, SC_BIRTH_US);
    assert_int_equal(sc_world_add_person(w, &p, &us), 0);
    ev(w, SC_EV_CONVICT, ymd(2005, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_truth_on(w, us, ymd(1980, 5, 4), &t);
    assert_int_equal(t.status, SC_ST_ABSENT);
    sc_world_truth_on(w, us, ymd(2010, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_USBORN);
    assert_true(t.citizen && t.lawful && t.convicted && !t.removable);

    /* Temporary, then overstay; a conviction makes a temporary
     * removable. */
    p = mk_person(ymd(1985, 1, 1), 1, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &tmp), 0);
    ev(w, SC_EV_ENTRY, ymd(2008, 9, 1), ymd(2012, 8, 31), SC_CLASS_STUDENT,
       SC_NONE);
    ev(w, SC_EV_CONVICT, ymd(2011, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_truth_on(w, tmp, ymd(2008, 8, 31), &t);
    assert_int_equal(t.status, SC_ST_ABSENT);
    assert_false(t.removable);
    sc_world_truth_on(w, tmp, ymd(2010, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_TEMPORARY);
    assert_true(t.lawful && !t.removable && !t.citizen);
    sc_world_truth_on(w, tmp, ymd(2011, 1, 1), &t);
    assert_true(t.lawful && t.removable && t.convicted);
    sc_world_truth_on(w, tmp, ymd(2012, 8, 31), &t);
    assert_int_equal(t.status, SC_ST_TEMPORARY);
    sc_world_truth_on(w, tmp, ymd(2012, 9, 1), &t);
    assert_int_equal(t.status, SC_ST_OVERSTAY);
    assert_true(!t.lawful && t.removable);

    /* EWI, apprehended: removable without an order. */
    p = mk_person(ymd(1975, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &ewi), 0);
    ev(w, SC_EV_ENTRY_EWI, ymd(2001, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_APPREHEND, ymd(2003, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_truth_on(w, ewi, ymd(2004, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_EWI);
    assert_true(t.removable && !t.has_order && !t.lawful);

    /* LPR: not removable until convicted; naturalized citizens never. */
    p = mk_person(ymd(1970, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &lpr), 0);
    ev(w, SC_EV_ENTRY, ymd(1990, 1, 1), SC_DATE_NEVER, SC_CLASS_IMMIGRANT,
       SC_NONE);
    ev(w, SC_EV_CONVICT, ymd(1993, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_NATURALIZE, ymd(1999, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_truth_on(w, lpr, ymd(1992, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_LPR);
    assert_true(t.lawful && !t.removable);
    sc_world_truth_on(w, lpr, ymd(1995, 1, 1), &t);
    assert_true(t.lawful && t.removable);
    sc_world_truth_on(w, lpr, ymd(2000, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_NATURALIZED);
    assert_true(t.citizen && !t.removable);

    /* Order, removal, return: the order is reinstated. */
    p = mk_person(ymd(1980, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &ord), 0);
    ev(w, SC_EV_ENTRY, ymd(2000, 1, 1), ymd(2000, 6, 30), SC_CLASS_VISITOR,
       SC_NONE);
    ev(w, SC_EV_APPREHEND, ymd(2002, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_ORDER, ymd(2002, 6, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_REMOVAL, ymd(2002, 8, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_ENTRY_EWI, ymd(2004, 1, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_truth_on(w, ord, ymd(2001, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_OVERSTAY);
    assert_false(t.has_order);
    sc_world_truth_on(w, ord, ymd(2002, 7, 1), &t);
    assert_true(t.has_order && t.removable);
    sc_world_truth_on(w, ord, ymd(2003, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_ABSENT);
    assert_true(!t.has_order && !t.removable);
    sc_world_truth_on(w, ord, ymd(2005, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_EWI);
    assert_true(t.has_order && t.removable);

    /* Groups and names. */
    assert_int_equal(sc_status_group(SC_ST_DERIVED), SC_GROUP_NATURALIZED);
    assert_int_equal(sc_status_group(SC_ST_EWI), SC_GROUP_UNAUTHORIZED);
    assert_int_equal(sc_status_group(SC_ST_OVERSTAY), SC_GROUP_UNAUTHORIZED);
    assert_true(sc_status_group(SC_ST_ABSENT) < 0);
    assert_string_equal(sc_status_name(SC_ST_NATURALIZED), "naturalized");
    assert_string_equal(sc_status_name(99), "?");
    sc_world_destroy(w);
}

static void test_depart_and_return(void **state)
{
    (void)state;
    sc_world *w;
    sc_truth t;
    uint32_t id;
    assert_int_equal(sc_world_create_empty(&w), 0);
    sc_person p = mk_person(ymd(1970, 1, 1), 0, SC_BIRTH_FOREIGN);
    assert_int_equal(sc_world_add_person(w, &p, &id), 0);
    ev(w, SC_EV_ENTRY, ymd(2000, 1, 1), ymd(2000, 6, 30), SC_CLASS_VISITOR,
       SC_NONE);
    ev(w, SC_EV_DEPART, ymd(2000, 3, 1), SC_DATE_NEVER, 0, SC_NONE);
    ev(w, SC_EV_ENTRY, ymd(2003, 1, 1), SC_DATE_NEVER, SC_CLASS_REFUGEE,
       SC_NONE);
    sc_world_truth_on(w, id, ymd(2001, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_ABSENT);
    assert_false(t.removable);
    sc_world_truth_on(w, id, ymd(2010, 1, 1), &t);
    assert_int_equal(t.status, SC_ST_TEMPORARY); /* refugee, no end */
    assert_true(t.lawful && !t.removable);
    sc_world_destroy(w);
}

static void test_name_after_marriage(void **state)
{
    (void)state;
    sc_world *w;
    sc_name nm;
    uint32_t id, kept;
    assert_int_equal(sc_world_create_empty(&w), 0);
    sc_person p = mk_person(ymd(1980, 1, 1), 1, SC_BIRTH_US);
    p.name.family1 = 10;
    assert_int_equal(sc_world_add_person(w, &p, &id), 0);
    ev(w, SC_EV_MARRY, ymd(2005, 6, 1), SC_DATE_NEVER, 0, 77);
    sc_world_name_on(w, id, ymd(2005, 5, 31), &nm);
    assert_int_equal(nm.family1, 10);
    assert_int_equal(nm.given, 1);
    sc_world_name_on(w, id, ymd(2005, 6, 1), &nm);
    assert_int_equal(nm.family1, 77);
    assert_int_equal(nm.given, 1);
    /* MARRY with other = SC_NONE keeps the name. */
    assert_int_equal(sc_world_add_person(w, &p, &kept), 0);
    ev(w, SC_EV_MARRY, ymd(2005, 6, 1), SC_DATE_NEVER, 0, SC_NONE);
    sc_world_name_on(w, kept, ymd(2010, 1, 1), &nm);
    assert_int_equal(nm.family1, 10);
    sc_world_destroy(w);
}

static void test_generated_name_changes(void **state)
{
    fixture *f = *state;
    size_t n = sc_world_count(f->w), changed = 0, kept_hisp = 0;
    for (uint32_t i = 0; i < n; i++) {
        const sc_person *ps = sc_world_person(f->w, i);
        size_t ne;
        const sc_event *e = sc_world_events(f->w, i, &ne);
        for (size_t k = 0; k < ne; k++) {
            if (e[k].kind != SC_EV_MARRY)
                continue;
            int trad = ps->name.tradition;
            if (e[k].other == SC_NONE) {
                kept_hisp += trad == SC_TRAD_HISPANIC;
                continue;
            }
            /* Only women of the name-changing traditions. */
            assert_int_equal(ps->female, 1);
            assert_true(trad == SC_TRAD_ANGLO || trad == SC_TRAD_EAST_ASIAN ||
                        trad == SC_TRAD_SOUTH_ASIAN);
            sc_name before, after;
            sc_world_name_on(f->w, i, e[k].date - 1, &before);
            sc_world_name_on(f->w, i, e[k].date, &after);
            assert_int_equal(before.family1, ps->name.family1);
            assert_int_equal(after.family1, e[k].other);
            assert_int_equal(after.given, ps->name.given);
            changed++;
        }
    }
    assert_true(changed > 100 && kept_hisp > 10);
}

static void test_builder_rejects(void **state)
{
    (void)state;
    sc_world *w;
    sc_event e;
    memset(&e, 0, sizeof e);
    e.kind = SC_EV_MARRY;
    e.date = 100;
    assert_int_equal(sc_world_create_empty(&w), 0);
    assert_int_equal(sc_world_add_event(w, &e), SC_EINVAL); /* no person */
    sc_person p = mk_person(0, 0, SC_BIRTH_US);
    uint32_t id;
    assert_int_equal(sc_world_add_person(w, &p, &id), 0);
    assert_int_equal(id, 0);
    assert_int_equal(sc_world_add_event(w, &e), 0);
    e.date = 99;
    assert_int_equal(sc_world_add_event(w, &e), SC_EINVAL); /* order */
    e.date = 101;
    e.kind = 0;
    assert_int_equal(sc_world_add_event(w, &e), SC_EINVAL); /* kind */
    assert_int_equal(sc_world_count(w), 1);
    size_t n;
    assert_non_null(sc_world_events(w, 0, &n));
    assert_int_equal(n, 1);
    assert_null(sc_world_person(w, 1));
    sc_world_destroy(w);
    sc_world_destroy(NULL);
}

int main(void)
{
    /* One group, so that the runner's single summary line counts all. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_shares),
        cmocka_unit_test(test_foreign_born_legal_status),
        cmocka_unit_test(test_events_well_formed),
        cmocka_unit_test(test_families),
        cmocka_unit_test(test_derived_children_follow_rule),
        cmocka_unit_test(test_generated_name_changes),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_misdemeanors),
        cmocka_unit_test(test_threads_invariant),
        cmocka_unit_test(test_derive_after_cca_one_parent),
        cmocka_unit_test(test_derive_before_cca_needs_both),
        cmocka_unit_test(test_derive_not_after_18),
        cmocka_unit_test(test_derive_requires_lpr),
        cmocka_unit_test(test_truth_rules),
        cmocka_unit_test(test_depart_and_return),
        cmocka_unit_test(test_name_after_marriage),
        cmocka_unit_test(test_builder_rejects),
    };
    int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
    if (failed)
        fprintf(stderr, "seed %u\n", SC_TEST_SEED);
    return failed;
}
