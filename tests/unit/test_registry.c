/*
 * test_registry.c - the registries written from a small world: perfect
 * recording when every error rate is zero, unposted naturalizations,
 * misattached records, search keys, indexes against a brute-force scan,
 * determinism, the builder API, the compact indexes' edge cases, and the
 * A-numbers: their owners and the parents each file names.
 * Worlds of about 20,000 persons, seed SC_TEST_SEED.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

#include "scomm/geo.h"
#include "scomm/registry.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

#define TEST_N 20000.0

typedef struct fixture {
    sc_params p;        /* defaults */
    sc_params clean;    /* every error rate 0, every coverage 1 */
    sc_geo *geo;
    sc_world *w;
    sc_registries *reg; /* with the defaults */
    sc_registries *perfect; /* with `clean` */
} fixture;

static void make_clean(sc_params *p)
{
    p->name_typo = p->dob_error = p->name_order_swap = 0;
    p->name_order_swap_east_asian = p->one_surname = 0;
    p->translit_variant = p->omission = p->misattach = 0;
    p->post_naturalization = p->post_adjustment = 1;
    p->post_lag_days = 0;
    p->ident_entry_pre2004 = p->ident_entry_post2004 = 1;
    p->ident_apprehension = p->ident_benefit = 1;
    p->benefit_recorded = p->benefit_recorded_pre1996 = 1;
    p->departure_recorded = 1;
}

static int group_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char err[SC_ERRMSG_MAX] = "";
    if (!f)
        return -1;
    sc_params_init(&f->p);
    f->p.seed = SC_TEST_SEED;
    f->p.scale = TEST_N / f->p.population;
    f->clean = f->p;
    make_clean(&f->clean);
    if (sc_geo_create_states(&f->geo) < 0 ||
        sc_world_create(&f->p, f->geo, &f->w, err) < 0 ||
        sc_registries_create(&f->p, f->w, &f->reg, err) < 0 ||
        sc_registries_create(&f->clean, f->w, &f->perfect, err) < 0) {
        fprintf(stderr, "setup: %s (seed %u)\n", err, SC_TEST_SEED);
        return -1;
    }
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state;
    sc_registries_destroy(f->reg);
    sc_registries_destroy(f->perfect);
    sc_world_destroy(f->w);
    sc_geo_destroy(f->geo);
    free(f);
    return 0;
}

static sc_date event_date(const sc_world *w, uint32_t id, int kind)
{
    size_t n;
    const sc_event *e = sc_world_events(w, id, &n);
    for (size_t i = 0; i < n; i++)
        if (e[i].kind == kind)
            return e[i].date;
    return SC_DATE_NEVER;
}

/* Each person's A-number as the A-file records about them carry it
 * (without misattachment, every such record carries the same one). */
static uint32_t *anum_of_persons(const sc_registries *r, size_t n_persons)
{
    uint32_t *a = calloc(n_persons, sizeof *a);
    assert_non_null(a);
    size_t n = sc_registries_count(r, SC_REG_AFILE);
    for (uint32_t i = 0; i < n; i++) {
        const sc_record *rec = sc_registries_record(r, SC_REG_AFILE, i);
        uint32_t s = sc_registries_subject(r, SC_REG_AFILE, i);
        assert_true(s < n_persons);
        if (a[s])
            assert_int_equal(a[s], rec->anum);
        a[s] = rec->anum;
    }
    return a;
}

/* ------------------------------------------------------------------ */

static void test_perfect_recording(void **state)
{
    fixture *f = *state;
    const sc_registries *r = f->perfect;
    size_t n_persons = sc_world_count(f->w);
    uint32_t *anum = anum_of_persons(r, n_persons);
    size_t naturalized = 0;

    /* Every naturalized person's A-file shows CITIZEN as its latest
     * posted record. */
    for (uint32_t i = 0; i < n_persons; i++) {
        sc_date nat = event_date(f->w, i, SC_EV_NATURALIZE);
        if (nat == SC_DATE_NEVER)
            continue;
        naturalized++;
        assert_true(anum[i] != 0);
        const uint32_t *ids;
        size_t n;
        sc_registries_by_anum(r, SC_REG_AFILE, anum[i], &ids, &n);
        assert_true(n > 0);
        const sc_record *latest = NULL;
        for (size_t k = 0; k < n; k++) {
            const sc_record *rec = sc_registries_record(r, SC_REG_AFILE,
                                                        ids[k]);
            assert_int_equal(sc_registries_subject(r, SC_REG_AFILE, ids[k]),
                             i);
            assert_true(rec->posted <= f->p.start);
            if (!latest || rec->date >= latest->date)
                latest = rec;
        }
        assert_int_equal(latest->status, SC_RS_CITIZEN);
        assert_int_equal(latest->date, nat);
    }
    assert_true(naturalized > 500);

    /* Every record holds the true name of the day and the true date of
     * birth and country of birth. */
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        assert_true(n > 0);
        for (uint32_t id = 0; id < n; id++) {
            const sc_record *rec = sc_registries_record(r, g, id);
            uint32_t s = sc_registries_subject(r, g, id);
            const sc_person *ps = sc_world_person(f->w, s);
            sc_name nm;
            char given[SC_NAME_MAX], family[SC_NAME_MAX];
            sc_world_name_on(f->w, s, rec->date, &nm);
            sc_name_format(&nm, given, family);
            assert_string_equal(rec->given, given);
            assert_string_equal(rec->family, family);
            assert_int_equal(rec->dob, ps->birth);
            assert_int_equal(rec->cob, ps->birth_country);
            assert_int_equal(rec->female, ps->female);
            assert_int_equal(rec->noise, 0);
            assert_int_equal(rec->registry, g);
            assert_true(rec->posted == rec->date || g == SC_REG_IDENT);
            if (rec->anum && g != SC_REG_IDENT)
                assert_int_equal(rec->anum, anum[s] ? anum[s] : rec->anum);
        }
    }
    free(anum);
}

/* Events of each kind in the world. */
static void count_events(const sc_world *w, size_t *ev)
{
    size_t n = sc_world_count(w);
    memset(ev, 0, SC_EV_KIND_COUNT * sizeof *ev);
    for (uint32_t i = 0; i < n; i++) {
        size_t k;
        const sc_event *e = sc_world_events(w, i, &k);
        for (size_t j = 0; j < k; j++)
            ev[e[j].kind]++;
    }
}

static void count_records(const sc_registries *r, size_t *kind)
{
    memset(kind, 0, SC_REC_KIND_COUNT * sizeof *kind);
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        for (uint32_t id = 0; id < n; id++)
            kind[sc_registries_record(r, g, id)->kind]++;
    }
}

static void test_complete_coverage(void **state)
{
    /* With full coverage every event writes its records, exactly once,
     * dated as the event, about its subject. */
    fixture *f = *state;
    const sc_registries *r = f->perfect;
    size_t ev[SC_EV_KIND_COUNT], rk[SC_REC_KIND_COUNT];
    count_events(f->w, ev);
    count_records(r, rk);
    assert_true(ev[SC_EV_APPREHEND] > 0 && ev[SC_EV_DEPART] > 0);
    assert_int_equal(rk[SC_REC_ARRIVAL], ev[SC_EV_ENTRY]);
    assert_int_equal(rk[SC_REC_DEPARTURE], ev[SC_EV_DEPART]);
    assert_int_equal(rk[SC_REC_APPREHENSION], ev[SC_EV_APPREHEND]);
    assert_int_equal(rk[SC_REC_ORDER], ev[SC_EV_ORDER]);
    assert_int_equal(rk[SC_REC_REMOVAL], ev[SC_EV_REMOVAL]);
    assert_int_equal(rk[SC_REC_I485], ev[SC_EV_ADJUST]);
    assert_int_equal(rk[SC_REC_N400], ev[SC_EV_NATURALIZE]);
    for (int g = SC_REG_BENEFIT; g <= SC_REG_ARRIVAL; g++) {
        size_t n = sc_registries_count(r, g);
        for (uint32_t id = 0; id < n; id++) {
            const sc_record *rec = sc_registries_record(r, g, id);
            static const int ev_of[SC_REC_KIND_COUNT] = {
                [SC_REC_N400] = SC_EV_NATURALIZE,
                [SC_REC_I485] = SC_EV_ADJUST,
                [SC_REC_APPREHENSION] = SC_EV_APPREHEND,
                [SC_REC_ORDER] = SC_EV_ORDER,
                [SC_REC_REMOVAL] = SC_EV_REMOVAL,
                [SC_REC_ARRIVAL] = SC_EV_ENTRY,
                [SC_REC_DEPARTURE] = SC_EV_DEPART};
            int want = ev_of[rec->kind];
            if (!want)
                continue; /* N-600: filed after the event */
            size_t k;
            int found = 0;
            const sc_event *e = sc_world_events(
                f->w, sc_registries_subject(r, g, id), &k);
            for (size_t j = 0; j < k; j++)
                found |= e[j].kind == want && e[j].date == rec->date;
            assert_true(found);
        }
    }
}

static void test_ident_statuses(void **state)
{
    /* With full coverage: U.S.-born encounters say CITIZEN; the last
     * IDENT status of a naturalized person is the LPR status of the
     * biometrics before the oath (how IDENT goes stale). */
    fixture *f = *state;
    const sc_registries *r = f->perfect;
    size_t n = sc_registries_count(r, SC_REG_IDENT);
    size_t n_persons = sc_world_count(f->w), stale = 0;
    sc_date *last = malloc(n_persons * sizeof *last);
    uint8_t *st = calloc(n_persons, 1);
    assert_non_null(last);
    assert_non_null(st);
    for (size_t i = 0; i < n_persons; i++)
        last[i] = INT32_MIN;
    for (uint32_t id = 0; id < n; id++) {
        const sc_record *rec = sc_registries_record(r, SC_REG_IDENT, id);
        uint32_t s = sc_registries_subject(r, SC_REG_IDENT, id);
        const sc_person *ps = sc_world_person(f->w, s);
        assert_int_equal(rec->kind, SC_REC_ENCOUNTER);
        assert_int_equal(rec->fin, sc_registries_fin_of_person(r, s));
        assert_true(rec->fin != 0);
        if (ps->birth_kind == SC_BIRTH_US) {
            assert_int_equal(rec->status, SC_RS_CITIZEN);
            assert_int_equal(rec->cob, SC_COUNTRY_US);
        }
        if (rec->date >= last[s]) {
            last[s] = rec->date;
            st[s] = rec->status;
        }
    }
    for (uint32_t i = 0; i < n_persons; i++) {
        sc_date nat = event_date(f->w, i, SC_EV_NATURALIZE);
        if (nat == SC_DATE_NEVER)
            continue;
        assert_true(last[i] < nat);
        assert_int_equal(st[i], SC_RS_LPR);
        stale++;
    }
    assert_true(stale > 500);
    /* The gallery holds each FIN once, ascending, and every enrolled
     * person's FIN. */
    size_t gs = sc_registries_gallery_size(r);
    assert_true(gs > 0);
    for (size_t i = 1; i < gs; i++)
        assert_true(sc_registries_gallery_fin(r, i - 1) <
                    sc_registries_gallery_fin(r, i));
    assert_int_equal(sc_registries_gallery_fin(r, gs - 1), gs);
    free(last);
    free(st);
}

static void test_unposted_naturalizations(void **state)
{
    fixture *f = *state;
    sc_params p = f->clean;
    sc_registries *r;
    char err[SC_ERRMSG_MAX];
    p.post_naturalization = 0;
    assert_int_equal(sc_registries_create(&p, f->w, &r, err), 0);
    size_t n = sc_registries_count(r, SC_REG_AFILE), unposted = 0;
    for (uint32_t id = 0; id < n; id++) {
        const sc_record *rec = sc_registries_record(r, SC_REG_AFILE, id);
        uint32_t s = sc_registries_subject(r, SC_REG_AFILE, id);
        if (rec->status != SC_RS_CITIZEN ||
            rec->date != event_date(f->w, s, SC_EV_NATURALIZE))
            continue;
        /* written (the case exists) but never visible to a search */
        assert_int_equal(rec->posted, SC_DATE_NEVER);
        unposted++;
    }
    assert_true(unposted > 500);
    /* The N-400 itself is still in the benefit system. */
    size_t nb = sc_registries_count(r, SC_REG_BENEFIT), n400 = 0;
    for (uint32_t id = 0; id < nb; id++)
        n400 += sc_registries_record(r, SC_REG_BENEFIT, id)->kind ==
                SC_REC_N400;
    assert_int_equal(n400, unposted);
    sc_registries_destroy(r);
}

static void test_misattach(void **state)
{
    fixture *f = *state;
    sc_params p = f->clean;
    sc_registries *r;
    char err[SC_ERRMSG_MAX];
    p.misattach = 1;
    assert_int_equal(sc_registries_create(&p, f->w, &r, err), 0);
    const sc_registries *base = f->perfect;
    size_t moved = 0;
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        assert_int_equal(n, sc_registries_count(base, g));
        for (uint32_t id = 0; id < n; id++) {
            const sc_record *a = sc_registries_record(base, g, id);
            const sc_record *b = sc_registries_record(r, g, id);
            uint32_t s = sc_registries_subject(r, g, id);
            assert_int_equal(s, sc_registries_subject(base, g, id));
            if (g == SC_REG_IDENT || a->anum == 0) {
                assert_int_equal(a->anum, b->anum);
                continue;
            }
            /* Filed under another person's A-number, with the subject's
             * own biographic data. */
            assert_int_not_equal(b->anum, a->anum);
            assert_string_equal(a->family, b->family);
            assert_int_equal(a->dob, b->dob);
            const uint32_t *ids;
            size_t k;
            sc_registries_by_anum(r, g, b->anum, &ids, &k);
            int found = 0;
            for (size_t j = 0; j < k; j++)
                found |= ids[j] == id;
            assert_true(found);
            moved++;
        }
    }
    assert_true(moved > 1000);
    sc_registries_destroy(r);
}

static void test_search_key_finds_own_record(void **state)
{
    fixture *f = *state;
    const sc_registries *r = f->reg;
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        for (uint32_t id = 0; id < n; id++) {
            const sc_record *rec = sc_registries_record(r, g, id);
            const uint32_t *ids;
            size_t k;
            sc_registries_by_key(r, g, sc_search_key(rec->family, rec->dob),
                                 &ids, &k);
            int found = 0;
            for (size_t j = 0; j < k; j++)
                found |= ids[j] == id;
            assert_true(found);
        }
    }
    /* The key folds the first word only and depends on the date. */
    assert_true(sc_search_key("GARCIA LOPEZ", 100) ==
                sc_search_key("garcia", 100));
    assert_true(sc_search_key("O'BRIEN", 100) == sc_search_key("OBRIEN", 100));
    assert_true(sc_search_key("GARCIA", 100) != sc_search_key("GARCIA", 101));
    assert_true(sc_search_key("GARCIA", 100) != sc_search_key("GARZA", 100));
}

/* Brute force: the ascending ids of registry g whose key equals v. */
static size_t scan(const sc_registries *r, int g, int which, uint64_t v,
                   uint32_t *out)
{
    size_t n = sc_registries_count(r, g), k = 0;
    for (uint32_t id = 0; id < n; id++) {
        const sc_record *rec = sc_registries_record(r, g, id);
        uint64_t key = which == 0   ? rec->anum
                       : which == 1 ? rec->fin
                                    : sc_search_key(rec->family, rec->dob);
        if (key == v && (which == 2 || v != 0))
            out[k++] = id;
    }
    return k;
}

static void check_lookup(const sc_registries *r, int g, int which, uint64_t v,
                         uint32_t *buf)
{
    const uint32_t *ids;
    size_t n;
    if (which == 0)
        sc_registries_by_anum(r, g, (uint32_t)v, &ids, &n);
    else if (which == 1)
        sc_registries_by_fin(r, g, (uint32_t)v, &ids, &n);
    else
        sc_registries_by_key(r, g, v, &ids, &n);
    size_t m = scan(r, g, which, v, buf);
    assert_int_equal(n, m);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], buf[i]);
}

static void test_indexes_match_scan(void **state)
{
    fixture *f = *state;
    const sc_registries *r = f->reg;
    size_t most = 0;
    for (int g = 0; g < SC_REG_COUNT; g++)
        if (sc_registries_count(r, g) > most)
            most = sc_registries_count(r, g);
    uint32_t *buf = malloc((most + 1) * sizeof *buf);
    assert_non_null(buf);
    sc_rng rng;
    sc_rng_init(&rng, SC_TEST_SEED, SC_STAGE_TEST, 1);
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        /* 200 sampled records' own keys, and keys that may be absent */
        for (int t = 0; t < 200 && n > 0; t++) {
            uint32_t id = (uint32_t)sc_rng_below(&rng, n);
            const sc_record *rec = sc_registries_record(r, g, id);
            check_lookup(r, g, 0, rec->anum, buf);
            check_lookup(r, g, 1, rec->fin, buf);
            check_lookup(r, g, 2, sc_search_key(rec->family, rec->dob), buf);
            check_lookup(r, g, 0, 1 + sc_rng_below(&rng, 5000), buf);
            check_lookup(r, g, 1, 1 + sc_rng_below(&rng, 5000), buf);
            check_lookup(r, g, 2, sc_rng_u64(&rng), buf);
        }
    }
    free(buf);
}

static void test_determinism(void **state)
{
    fixture *f = *state;
    sc_registries *a, *b;
    char err[SC_ERRMSG_MAX];
    sc_params p = f->p;
    assert_int_equal(sc_registries_create(&p, f->w, &a, err), 0);
    p.seed++;
    assert_int_equal(sc_registries_create(&p, f->w, &b, err), 0);
    size_t same = 0, total = 0;
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(a, g);
        assert_int_equal(n, sc_registries_count(f->reg, g));
        for (uint32_t id = 0; id < n; id++) {
            assert_memory_equal(sc_registries_record(a, g, id),
                                sc_registries_record(f->reg, g, id),
                                sizeof(sc_record));
            assert_int_equal(sc_registries_subject(a, g, id),
                             sc_registries_subject(f->reg, g, id));
        }
        /* Another seed draws other records (at least other dates). */
        size_t nb = sc_registries_count(b, g);
        for (uint32_t id = 0; id < n && id < nb; id++) {
            same += memcmp(sc_registries_record(a, g, id),
                           sc_registries_record(b, g, id),
                           sizeof(sc_record)) == 0;
            total++;
        }
    }
    assert_true(same < total);
    sc_registries_destroy(a);
    sc_registries_destroy(b);
}

static void test_threads_invariant(void **state)
{
    /* Chunks of 1,250 persons on one thread, or of 1,024 on five, give
     * the same records, identifiers, enrolments and indexes. */
    fixture *f = *state;
    static const int counts[] = {1, 5};
    char err[SC_ERRMSG_MAX];
    for (int k = 0; k < 2; k++) {
        sc_registries *r;
        sc_params tp = f->p;
        tp.threads = counts[k];
        int rc = sc_registries_create(&tp, f->w, &r, err);
        assert_int_equal(rc, 0);
        for (int g = 0; g < SC_REG_COUNT; g++) {
            size_t n = sc_registries_count(r, g);
            assert_int_equal(n, sc_registries_count(f->reg, g));
            for (uint32_t id = 0; id < n; id++) {
                const sc_record *a = sc_registries_record(r, g, id);
                assert_memory_equal(a, sc_registries_record(f->reg, g, id),
                                    sizeof *a);
                assert_int_equal(sc_registries_subject(r, g, id),
                                 sc_registries_subject(f->reg, g, id));
                const uint32_t *ia, *ib;
                size_t na, nb;
                sc_registries_by_key(r, g, sc_search_key(a->family, a->dob),
                                     &ia, &na);
                sc_registries_by_key(f->reg, g,
                                     sc_search_key(a->family, a->dob), &ib,
                                     &nb);
                assert_int_equal(na, nb);
                assert_memory_equal(ia, ib, na * sizeof *ia);
            }
        }
        size_t np = sc_world_count(f->w);
        for (uint32_t i = 0; i < np; i++)
            assert_int_equal(sc_registries_fin_of_person(r, i),
                             sc_registries_fin_of_person(f->reg, i));
        assert_int_equal(sc_registries_gallery_size(r),
                         sc_registries_gallery_size(f->reg));
        sc_registries_destroy(r);
    }
}

static void test_recording_noise(void **state)
{
    /* With the defaults some records carry each kind of error, and the
     * rates are of the order set (name_typo 0.02 per field). */
    fixture *f = *state;
    const sc_registries *r = f->reg;
    size_t total = 0, typo = 0, dob = 0, unposted = 0;
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t n = sc_registries_count(r, g);
        for (uint32_t id = 0; id < n; id++) {
            const sc_record *rec = sc_registries_record(r, g, id);
            total++;
            typo += (rec->noise & SC_NOISE_TYPO) != 0;
            dob += (rec->noise & SC_NOISE_DOB) != 0;
            unposted += rec->posted == SC_DATE_NEVER;
            if (rec->noise & SC_NOISE_DOB) {
                uint32_t s = sc_registries_subject(r, g, id);
                assert_int_not_equal(rec->dob,
                                     sc_world_person(f->w, s)->birth);
            }
            assert_true(rec->posted >= rec->date);
        }
    }
    double t = (double)typo / (double)total, d = (double)dob / (double)total;
    assert_true(t > 0.01 && t < 0.08);
    assert_true(d > 0.004 && d < 0.02);
    assert_true(unposted > 0);
    /* omission 0.01: nearly every apprehension and entry is written */
    size_t ev[SC_EV_KIND_COUNT], rk[SC_REC_KIND_COUNT];
    count_events(f->w, ev);
    count_records(r, rk);
    assert_true(rk[SC_REC_APPREHENSION] <= ev[SC_EV_APPREHEND]);
    assert_true(rk[SC_REC_APPREHENSION] * 100 >= ev[SC_EV_APPREHEND] * 95);
    assert_true(rk[SC_REC_ARRIVAL] <= ev[SC_EV_ENTRY]);
    assert_true(rk[SC_REC_ARRIVAL] * 100 >= ev[SC_EV_ENTRY] * 97);
}

static void test_builder(void **state)
{
    (void)state;
    sc_registries *r;
    sc_record rec;
    uint32_t id;
    assert_int_equal(sc_registries_create_empty(&r), 0);
    memset(&rec, 0, sizeof rec);
    rec.registry = SC_REG_AFILE;
    rec.kind = SC_REC_AFILE;
    rec.status = SC_RS_LPR;
    rec.anum = 42;
    rec.dob = 1000;
    rec.posted = 0;
    snprintf(rec.family, sizeof rec.family, "SMITH");
    assert_int_equal(sc_registries_add(r, &rec, 7, &id), 0);
    assert_int_equal(id, 0);
    rec.status = SC_RS_CITIZEN;
    assert_int_equal(sc_registries_add(r, &rec, 7, &id), 0);
    assert_int_equal(id, 1);
    rec.anum = 41;
    assert_int_equal(sc_registries_add(r, &rec, 8, &id), 0);
    rec.registry = SC_REG_IDENT;
    rec.kind = SC_REC_ENCOUNTER;
    rec.anum = 0;
    rec.fin = 5;
    assert_int_equal(sc_registries_add(r, &rec, 8, &id), 0);
    assert_int_equal(sc_registries_enroll(r, 8, 5), 0);
    assert_int_equal(sc_registries_enroll(r, 300, 9), 0);
    rec.registry = SC_REG_COUNT;
    assert_int_equal(sc_registries_add(r, &rec, 8, &id), SC_EINVAL);
    assert_int_equal(sc_registries_finish(r), 0);

    const uint32_t *ids;
    size_t n;
    sc_registries_by_anum(r, SC_REG_AFILE, 42, &ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 0);
    assert_int_equal(ids[1], 1);
    sc_registries_by_anum(r, SC_REG_AFILE, 43, &ids, &n);
    assert_int_equal(n, 0);
    sc_registries_by_key(r, SC_REG_AFILE, sc_search_key("SMITH", 1000), &ids,
                         &n);
    assert_int_equal(n, 3);
    sc_registries_by_fin(r, SC_REG_IDENT, 5, &ids, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], 0);
    assert_int_equal(sc_registries_subject(r, SC_REG_AFILE, 2), 8);
    assert_int_equal(sc_registries_subject(r, SC_REG_AFILE, 3), SC_NONE);
    assert_null(sc_registries_record(r, SC_REG_AFILE, 3));
    assert_int_equal(sc_registries_fin_of_person(r, 8), 5);
    assert_int_equal(sc_registries_fin_of_person(r, 7), 0);
    assert_int_equal(sc_registries_fin_of_person(r, 100000), 0);
    assert_int_equal(sc_registries_gallery_size(r), 2);
    assert_int_equal(sc_registries_gallery_fin(r, 0), 5);
    assert_int_equal(sc_registries_gallery_fin(r, 1), 9);

    assert_string_equal(sc_registry_name(SC_REG_AFILE), "A-FILE");
    assert_string_equal(sc_registry_name(SC_REG_IDENT), "IDENT");
    assert_string_equal(sc_record_kind_name(SC_REC_N400), "N-400");
    assert_string_equal(sc_record_kind_name(SC_REC_ENCOUNTER), "encounter");
    assert_string_equal(sc_rec_status_name(SC_RS_LPR), "LPR");
    assert_string_equal(sc_rec_status_name(SC_RS_CITIZEN), "citizen");
    assert_string_equal(sc_registry_name(-1), "?");
    sc_registries_destroy(r);
    sc_registries_destroy(NULL);
}

/* Letters-only family names "A", "B", ..., "BA", ... (search keys drop
 * everything but letters). */
static void letters(uint32_t i, char *out)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = (char)('A' + i % 26);
        i /= 26;
    } while (i && n < 15);
    for (int k = 0; k < n; k++)
        out[k] = tmp[n - 1 - k];
    out[n] = '\0';
}

typedef struct named_key {
    uint64_t key;
    uint32_t i;
} named_key;

static int cmp_top32(const void *a, const void *b)
{
    uint64_t x = ((const named_key *)a)->key, y = ((const named_key *)b)->key;
    return (x > y) - (x < y);
}

/* The indexes keep only part of each key: two search keys that agree in
 * their top 32 bits must still find only their own records, identifiers
 * far beyond the number of records must still be found, and FINs given
 * out of order must still map to their persons. */
static void test_compact_indexes(void **state)
{
    (void)state;
    /* A pair of names whose keys (dob 5000) share their top 32 bits:
     * among 1,000,000 keys, about 116 such pairs are expected. */
    enum { NK = 1000000 };
    named_key *nk = malloc(NK * sizeof *nk);
    assert_non_null(nk);
    char name[16];
    for (uint32_t i = 0; i < NK; i++) {
        letters(i, name);
        nk[i].key = sc_search_key(name, 5000);
        nk[i].i = i;
    }
    qsort(nk, NK, sizeof *nk, cmp_top32);
    size_t at = NK;
    for (size_t i = 0; i + 1 < NK && at == NK; i++)
        if (nk[i].key >> 32 == nk[i + 1].key >> 32 &&
            nk[i].key != nk[i + 1].key)
            at = i;
    char fx[16] = "", fy[16] = "";
    uint64_t kx = 0, ky = 0;
    if (at < NK) {
        letters(nk[at].i, fx);
        letters(nk[at + 1].i, fy);
        kx = nk[at].key;
        ky = nk[at + 1].key;
    }
    free(nk);
    assert_true(at < NK);

    sc_registries *r;
    sc_record rec;
    uint32_t id;
    assert_int_equal(sc_registries_create_empty(&r), 0);
    memset(&rec, 0, sizeof rec);
    rec.registry = SC_REG_BENEFIT;
    rec.kind = SC_REC_N400;
    rec.dob = 5000;
    for (int k = 0; k < 6; k++) { /* y x y x y x, A-numbers 7 and 4e9 */
        snprintf(rec.family, sizeof rec.family, "%s", k % 2 ? fx : fy);
        rec.anum = k % 3 ? 7 : 4000000000u;
        assert_int_equal(sc_registries_add(r, &rec, 1, &id), 0);
    }
    /* FINs 1..3 in person order, then one out of order. */
    rec.registry = SC_REG_IDENT;
    rec.kind = SC_REC_ENCOUNTER;
    rec.anum = 0;
    rec.fin = 2;
    assert_int_equal(sc_registries_add(r, &rec, 20, &id), 0);
    assert_int_equal(sc_registries_enroll(r, 10, 1), 0);
    assert_int_equal(sc_registries_enroll(r, 20, 2), 0);
    assert_int_equal(sc_registries_enroll(r, 30, 3), 0);
    assert_int_equal(sc_registries_finish(r), 0);
    assert_int_equal(sc_registries_gallery_size(r), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(sc_registries_gallery_fin(r, i), i + 1);
    assert_int_equal(sc_registries_fin_of_person(r, 20), 2);

    const uint32_t *ids;
    size_t n;
    sc_registries_by_key(r, SC_REG_BENEFIT, kx, &ids, &n);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], 2 * i + 1);
    sc_registries_by_key(r, SC_REG_BENEFIT, ky, &ids, &n);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], 2 * i);
    /* Same top 32 bits, no record. */
    uint64_t kz = (kx ^ 1) != ky ? kx ^ 1 : kx ^ 2;
    sc_registries_by_key(r, SC_REG_BENEFIT, kz, &ids, &n);
    assert_int_equal(n, 0);

    sc_registries_by_anum(r, SC_REG_BENEFIT, 4000000000u, &ids, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 0);
    assert_int_equal(ids[1], 3);
    sc_registries_by_anum(r, SC_REG_BENEFIT, 7, &ids, &n);
    assert_int_equal(n, 4);
    assert_int_equal(ids[3], 5);
    sc_registries_by_anum(r, SC_REG_BENEFIT, 7 + 65536, &ids, &n);
    assert_int_equal(n, 0);
    sc_registries_by_anum(r, SC_REG_BENEFIT, UINT32_MAX, &ids, &n);
    assert_int_equal(n, 0);
    sc_registries_by_fin(r, SC_REG_IDENT, 2, &ids, &n);
    assert_int_equal(n, 1);

    /* A FIN that breaks the order, an insertion and a re-enrolment. */
    assert_int_equal(sc_registries_enroll(r, 40, 9), 0);
    assert_int_equal(sc_registries_enroll(r, 15, 4), 0);
    assert_int_equal(sc_registries_enroll(r, 30, 8), 0);
    assert_int_equal(sc_registries_finish(r), 0);
    assert_int_equal(sc_registries_fin_of_person(r, 10), 1);
    assert_int_equal(sc_registries_fin_of_person(r, 15), 4);
    assert_int_equal(sc_registries_fin_of_person(r, 20), 2);
    assert_int_equal(sc_registries_fin_of_person(r, 30), 8);
    assert_int_equal(sc_registries_fin_of_person(r, 40), 9);
    assert_int_equal(sc_registries_fin_of_person(r, 25), 0);
    static const uint32_t want[] = {1, 2, 4, 8, 9};
    assert_int_equal(sc_registries_gallery_size(r), 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(sc_registries_gallery_fin(r, i), want[i]);
    sc_registries_destroy(r);
}

/* ------------------------------------------------------------------ */
/* A-numbers and the parents the files name                            */
/* ------------------------------------------------------------------ */

/* The A-numbers of r: 1..n, every one issued to a person, each person
 * holding at most one, owners ascending; every record's A-number among
 * them; each file naming the parents' own A-numbers.  Returns n. */
static uint32_t check_anums(const sc_registries *r, const sc_world *w,
                            size_t *parents_named)
{
    size_t np = sc_world_count(w), holders = 0;
    uint32_t n = 0, prev = 0;

    *parents_named = 0;
    while (sc_registries_anum_owner(r, n + 1) != SC_NONE)
        n++;
    assert_true(n > 0);
    assert_int_equal(sc_registries_anum_owner(r, 0), SC_NONE);
    for (uint32_t a = n + 1; a < n + 1000; a++)
        assert_int_equal(sc_registries_anum_owner(r, a), SC_NONE);

    for (uint32_t a = 1; a <= n; a++) {
        uint32_t owner = sc_registries_anum_owner(r, a), par[2];
        const sc_person *ps;

        assert_true(owner < np);
        if (a > 1)
            assert_true(owner > prev);
        prev = owner;
        assert_int_equal(sc_registries_anum_of_person(r, owner), a);

        ps = sc_world_person(w, owner);
        sc_registries_afile_parents(r, a, par);
        assert_int_equal(par[0], ps->mother == SC_NONE ? 0 :
                         sc_registries_anum_of_person(r, ps->mother));
        assert_int_equal(par[1], ps->father == SC_NONE ? 0 :
                         sc_registries_anum_of_person(r, ps->father));
        for (int k = 0; k < 2; k++)
            if (par[k]) {
                assert_int_not_equal(par[k], a);
                assert_true(par[k] <= n);
                (*parents_named)++;
            }
    }
    /* Each person at most one number, and only an owner has one. */
    for (uint32_t i = 0; i < np; i++) {
        uint32_t a = sc_registries_anum_of_person(r, i);
        if (a) {
            assert_int_equal(sc_registries_anum_owner(r, a), i);
            holders++;
        }
    }
    assert_int_equal(holders, n);
    assert_int_equal(sc_registries_anum_of_person(r, SC_NONE), 0);
    assert_int_equal(sc_registries_anum_of_person(r, (uint32_t)np), 0);

    /* Every record's A-number was issued. */
    for (int g = 0; g < SC_REG_COUNT; g++) {
        size_t nr = sc_registries_count(r, g);
        for (uint32_t id = 0; id < nr; id++)
            assert_true(sc_registries_record(r, g, id)->anum <= n);
    }
    /* Numbers never issued name no parents. */
    {
        uint32_t par[2] = {7, 7};
        sc_registries_afile_parents(r, 0, par);
        assert_true(par[0] == 0 && par[1] == 0);
        par[0] = par[1] = 7;
        sc_registries_afile_parents(r, n + 1, par);
        assert_true(par[0] == 0 && par[1] == 0);
    }
    return n;
}

static void test_anum_owners_and_parents(void **state)
{
    fixture *f = *state;
    size_t np = sc_world_count(f->w), named, named_perfect;
    uint32_t n, *rec_anum;
    char err[SC_ERRMSG_MAX];

    n = check_anums(f->reg, f->w, &named);
    check_anums(f->perfect, f->w, &named_perfect);
    /* Families of immigrants: some files name a parent's number. */
    assert_true(named > 0);
    assert_true(named_perfect > 0);

    /* Without misattachment, the A-FILE records about a person carry
     * the number issued to that person. */
    rec_anum = anum_of_persons(f->perfect, np);
    for (uint32_t i = 0; i < np; i++)
        if (rec_anum[i])
            assert_int_equal(sc_registries_anum_of_person(f->perfect, i),
                             rec_anum[i]);
    free(rec_anum);

    /* The same numbers, owners and parents whatever the chunking. */
    {
        sc_registries *r;
        sc_params tp = f->p;
        size_t named5;

        tp.threads = 5;
        assert_int_equal(sc_registries_create(&tp, f->w, &r, err), 0);
        assert_int_equal(check_anums(r, f->w, &named5), n);
        assert_int_equal(named5, named);
        for (uint32_t a = 1; a <= n; a++) {
            uint32_t pa[2], pb[2];
            assert_int_equal(sc_registries_anum_owner(r, a),
                             sc_registries_anum_owner(f->reg, a));
            sc_registries_afile_parents(r, a, pa);
            sc_registries_afile_parents(f->reg, a, pb);
            assert_memory_equal(pa, pb, sizeof pa);
        }
        sc_registries_destroy(r);
    }
}

/* Hand-made numbers: any order, any person, parents as given. */
static void test_anum_builder(void **state)
{
    sc_registries *r;
    uint32_t par[2];

    (void)state;
    assert_int_equal(sc_registries_create_empty(&r), 0);
    assert_int_equal(sc_registries_anum_of_person(r, 0), 0);
    assert_int_equal(sc_registries_anum_owner(r, 1), SC_NONE);
    assert_int_equal(sc_registries_set_anum(r, 0, 5, 0, 0), SC_EINVAL);
    assert_int_equal(sc_registries_set_anum(NULL, 1, 5, 0, 0), SC_EINVAL);
    assert_int_equal(sc_registries_set_anum(r, 5000, 30, 12, 0), 0);
    assert_int_equal(sc_registries_set_anum(r, 12, 40, 0, 0), 0);
    assert_int_equal(sc_registries_set_anum(r, 7, 10, 0, 12), 0);
    assert_int_equal(sc_registries_finish(r), 0);
    assert_int_equal(sc_registries_anum_of_person(r, 30), 5000);
    assert_int_equal(sc_registries_anum_of_person(r, 40), 12);
    assert_int_equal(sc_registries_anum_of_person(r, 10), 7);
    assert_int_equal(sc_registries_anum_of_person(r, 20), 0);
    assert_int_equal(sc_registries_anum_owner(r, 5000), 30);
    assert_int_equal(sc_registries_anum_owner(r, 8), SC_NONE);
    assert_int_equal(sc_registries_anum_owner(r, 5001), SC_NONE);
    sc_registries_afile_parents(r, 5000, par);
    assert_int_equal(par[0], 12);
    assert_int_equal(par[1], 0);
    sc_registries_afile_parents(r, 7, par);
    assert_int_equal(par[0], 0);
    assert_int_equal(par[1], 12);
    sc_registries_afile_parents(r, 8, par);
    assert_true(par[0] == 0 && par[1] == 0);
    /* Reissued: the file names the new parents. */
    assert_int_equal(sc_registries_set_anum(r, 7, 10, 5000, 0), 0);
    sc_registries_afile_parents(r, 7, par);
    assert_int_equal(par[0], 5000);
    assert_int_equal(par[1], 0);
    sc_registries_destroy(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perfect_recording),
        cmocka_unit_test(test_complete_coverage),
        cmocka_unit_test(test_ident_statuses),
        cmocka_unit_test(test_unposted_naturalizations),
        cmocka_unit_test(test_misattach),
        cmocka_unit_test(test_search_key_finds_own_record),
        cmocka_unit_test(test_indexes_match_scan),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_threads_invariant),
        cmocka_unit_test(test_recording_noise),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_compact_indexes),
        cmocka_unit_test(test_anum_owners_and_parents),
        cmocka_unit_test(test_anum_builder),
    };
    int failed = cmocka_run_group_tests(tests, group_setup, group_teardown);
    if (failed)
        fprintf(stderr, "seed %u\n", SC_TEST_SEED);
    return failed;
}
