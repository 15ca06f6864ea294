/*
 * test_booking.c - who is booked (adults present, by group rate and sex),
 * when and where, in what order, and what the clerk writes down.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/booking.h"
#include "test_util.h"

typedef struct fixture {
    sc_world *w;
    sc_geo *g;
    sc_params p;
    uint16_t mx;
    uint32_t next_name;
} fixture;

static sc_date ymd(int y, int m, int d)
{
    return sc_date_from_ymd(y, m, d);
}

static void fx_init(fixture *f)
{
    int mx = sc_country_by_code("MX");

    memset(f, 0, sizeof *f);
    assert_int_equal(sc_world_create_empty(&f->w), 0);
    assert_int_equal(sc_geo_create_states(&f->g), 0);
    assert_true(mx > 0);
    f->mx = (uint16_t)mx;
    sc_params_init(&f->p);
    f->p.seed = SC_TEST_SEED;
    f->p.start = ymd(2012, 1, 1);
    f->p.end = ymd(2012, 12, 31);
    for (int i = 0; i < SC_GROUP_COUNT; i++)
        f->p.rate[i] = 0;
    f->p.male_share = 0.75;
    f->next_name = 7;
}

static void fx_release(fixture *f)
{
    sc_world_destroy(f->w);
    sc_geo_destroy(f->g);
}

static uint32_t person(fixture *f, int birth_kind, sc_date birth, int female,
                       int tradition)
{
    sc_person p;
    uint32_t id;

    memset(&p, 0, sizeof p);
    p.birth = birth;
    p.female = (uint8_t)female;
    p.birth_kind = (uint8_t)birth_kind;
    p.birth_country = birth_kind == SC_BIRTH_US ? SC_COUNTRY_US : f->mx;
    p.county = (uint32_t)(sc_world_count(f->w) % sc_geo_count(f->g));
    p.name.given = f->next_name % sc_name_pool_size();
    p.name.family1 = (f->next_name + 1) % sc_name_pool_size();
    p.name.family2 = SC_NONE;
    p.name.tradition = (uint8_t)tradition;
    p.mother = p.father = SC_NONE;
    f->next_name += 13;
    assert_int_equal(sc_world_add_person(f->w, &p, &id), 0);
    return id;
}

static void event(fixture *f, int kind, sc_date date, int cls,
                  sc_date until, uint32_t other)
{
    sc_event e;

    memset(&e, 0, sizeof e);
    e.kind = (uint8_t)kind;
    e.date = date;
    e.cls = (uint8_t)cls;
    e.until = until;
    e.other = other;
    assert_int_equal(sc_world_add_event(f->w, &e), 0);
}

static uint32_t us_adult(fixture *f, int female)
{
    return person(f, SC_BIRTH_US, ymd(1975, 3, 3), female, SC_TRAD_ANGLO);
}

static uint32_t lpr_adult(fixture *f)
{
    uint32_t id = person(f, SC_BIRTH_FOREIGN, ymd(1970, 4, 4), 0,
                         SC_TRAD_HISPANIC);

    event(f, SC_EV_ENTRY, ymd(2000, 1, 1), SC_CLASS_IMMIGRANT,
          SC_DATE_NEVER, SC_NONE);
    return id;
}

static uint32_t ewi_adult(fixture *f)
{
    uint32_t id = person(f, SC_BIRTH_FOREIGN, ymd(1972, 5, 5), 0,
                         SC_TRAD_HISPANIC);

    event(f, SC_EV_ENTRY_EWI, ymd(2002, 1, 1), 0, 0, SC_NONE);
    return id;
}

static void generate(const fixture *f, sc_booking **b, size_t *n)
{
    char err[SC_ERRMSG_MAX] = "";
    int rc = sc_bookings_generate(&f->p, f->w, f->g, b, n, err);

    if (rc != 0)
        fail_msg("sc_bookings_generate: %d (%s), seed %u", rc, err,
                 SC_TEST_SEED);
    assert_non_null(*b);
}

static void test_rates_zero_give_none(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n = 99;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 50; j++) {
        us_adult(&f, j & 1);
        lpr_adult(&f);
        ewi_adult(&f);
    }
    generate(&f, &b, &n);
    assert_int_equal(n, 0);
    free(b);
    fx_release(&f);
}

/* A rate for LPRs only books LPRs only; about one booking per man-year
 * x 1.5 (male share 0.75): 200 men give about 301, sd 17. */
static void test_one_group_only(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;
    uint32_t first_lpr, last_lpr;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 200; j++)
        us_adult(&f, 0);
    first_lpr = lpr_adult(&f);
    for (int j = 1; j < 200; j++)
        lpr_adult(&f);
    last_lpr = first_lpr + 199;
    for (int j = 0; j < 200; j++)
        ewi_adult(&f);
    f.p.rate[SC_GROUP_LPR] = 1000;
    generate(&f, &b, &n);
    assert_true(n > 220 && n < 380);
    for (i = 0; i < n; i++)
        assert_true(b[i].person >= first_lpr && b[i].person <= last_lpr);
    free(b);
    fx_release(&f);
}

/* Exactly the persons aged 18-69 on the first day are booked. */
static void test_ages_18_to_69(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;
    int booked[8] = {0};
    /* age on 2012-01-01: 10, 17 (18 tomorrow), 18 (today), 40, 69 (70
     * tomorrow), 70 (today), 85 */
    const sc_date births[8] = {ymd(2001, 6, 1),  ymd(1994, 1, 2),
                               ymd(1994, 1, 1),  ymd(1971, 6, 1),
                               ymd(1942, 1, 2),  ymd(1942, 1, 1),
                               ymd(1926, 6, 1),  0};

    (void)state;
    fx_init(&f);
    for (int k = 0; k < 7; k++)
        for (int j = 0; j < 20; j++)
            person(&f, SC_BIRTH_US, births[k], 0, SC_TRAD_ANGLO);
    f.p.rate[SC_GROUP_USBORN] = 1000;
    generate(&f, &b, &n);
    for (i = 0; i < n; i++)
        booked[b[i].person / 20]++;
    assert_int_equal(booked[0], 0);
    assert_int_equal(booked[1], 0);
    assert_true(booked[2] > 0);
    assert_true(booked[3] > 0);
    assert_true(booked[4] > 0);
    assert_int_equal(booked[5], 0);
    assert_int_equal(booked[6], 0);
    free(b);
    fx_release(&f);
}

/* Expected counts by sex: 1,000 men and 1,000 women at 100 per 1,000 a
 * year over 366 days, male share 0.75: means 150.3 and 50.1, so +-60 and
 * +-35 are more than four standard deviations. */
static void test_counts_by_sex(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i, men = 0, women = 0;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 2000; j++)
        us_adult(&f, j >= 1000);
    f.p.rate[SC_GROUP_USBORN] = 100;
    generate(&f, &b, &n);
    for (i = 0; i < n; i++) {
        const sc_person *p = sc_world_person(f.w, b[i].person);

        assert_int_equal(b[i].female, p->female);
        if (b[i].female)
            women++;
        else
            men++;
    }
    assert_true(men > 90 && men < 210);
    assert_true(women > 15 && women < 85);
    free(b);
    fx_release(&f);
}

static void test_deterministic(void **state)
{
    fixture f;
    sc_booking *a, *b, *c;
    size_t na, nb, nc;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 300; j++) {
        us_adult(&f, j & 1);
        lpr_adult(&f);
        ewi_adult(&f);
    }
    for (int i = 0; i < SC_GROUP_COUNT; i++)
        f.p.rate[i] = 200;
    f.p.booking_name_typo = 0.2;
    f.p.booking_dob_error = 0.2;
    generate(&f, &a, &na);
    generate(&f, &b, &nb);
    assert_true(na > 0);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na * sizeof *a);
    f.p.seed++;
    generate(&f, &c, &nc);
    assert_true(nc != na || memcmp(a, c, na * sizeof *a) != 0);
    free(a);
    free(b);
    free(c);
    fx_release(&f);
}

static void test_order_and_places(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 400; j++)
        us_adult(&f, j & 1);
    f.p.rate[SC_GROUP_USBORN] = 500;
    generate(&f, &b, &n);
    assert_true(n > 100);
    for (i = 0; i < n; i++) {
        assert_int_equal(b[i].id, i);
        assert_true(b[i].date >= f.p.start && b[i].date <= f.p.end);
        assert_int_equal(b[i].county,
                         sc_world_person(f.w, b[i].person)->county);
        if (i > 0) {
            const sc_booking *x = &b[i - 1], *y = &b[i];

            assert_true(x->date < y->date ||
                        (x->date == y->date &&
                         (x->county < y->county ||
                          (x->county == y->county &&
                           x->person <= y->person))));
        }
    }
    free(b);
    fx_release(&f);
}

/* With every error rate 0 the clerk writes the truth: the name in use on
 * the day (after a marriage), the date of birth, the birthplace. */
static void test_clerk_without_noise(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;
    uint32_t lpr;
    sc_date wed = ymd(2012, 7, 1);
    int before = 0, after = 0;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 10; j++) {
        person(&f, SC_BIRTH_US, ymd(1980, 2, 2), 1, SC_TRAD_ANGLO);
        event(&f, SC_EV_MARRY, wed, 0, 0, 333);
    }
    lpr = lpr_adult(&f);
    f.p.rate[SC_GROUP_USBORN] = 1000;
    f.p.rate[SC_GROUP_LPR] = 1000;
    f.p.male_share = 0.5;
    f.p.booking_name_typo = f.p.booking_dob_error = 0;
    f.p.booking_name_order_swap = f.p.booking_one_surname = 0;
    f.p.booking_translit_variant = 0;
    f.p.pob_missing = f.p.pob_wrong_foreign = f.p.pob_wrong_us = 0;
    f.p.quality[SC_Q_GOOD] = 0;
    f.p.quality[SC_Q_FAIR] = 1;
    f.p.quality[SC_Q_POOR] = 0;
    f.p.seed = 3;
    /* Enough years that both sides of the wedding are booked. */
    f.p.start = ymd(2009, 1, 1);
    f.p.end = ymd(2016, 12, 31);
    generate(&f, &b, &n);
    assert_true(n > 2);
    for (i = 0; i < n; i++) {
        const sc_person *p = sc_world_person(f.w, b[i].person);
        char given[SC_NAME_MAX], family[SC_NAME_MAX];
        sc_name nm;

        sc_world_name_on(f.w, b[i].person, b[i].date, &nm);
        sc_name_format(&nm, given, family);
        assert_string_equal(b[i].given, given);
        assert_string_equal(b[i].family, family);
        assert_int_equal(b[i].dob, p->birth);
        assert_int_equal(b[i].noise, 0);
        assert_int_equal(b[i].pob_how, SC_POB_REPORTED);
        assert_int_equal(b[i].pob, p->birth_country);
        assert_int_equal(b[i].quality, SC_Q_FAIR);
        if (b[i].person < 10) {
            if (b[i].date < wed)
                before++;
            else
                after++;
        }
        if (b[i].person == lpr)
            assert_int_equal(b[i].pob, f.mx);
    }
    assert_true(before > 0 && after > 0);
    free(b);
    fx_release(&f);
}

static void count_pob(const fixture *f, int *assumed, int *missing,
                      int *reported)
{
    sc_booking *b;
    size_t n, i;

    generate(f, &b, &n);
    *assumed = *missing = *reported = 0;
    for (i = 0; i < n; i++) {
        const sc_person *p = sc_world_person(f->w, b[i].person);

        switch (b[i].pob_how) {
        case SC_POB_ASSUMED:
            (*assumed)++;
            if (p->birth_kind == SC_BIRTH_US)
                assert_int_equal(b[i].pob, f->mx); /* Hispanic names */
            else
                assert_int_equal(b[i].pob, SC_COUNTRY_US);
            break;
        case SC_POB_MISSING:
            (*missing)++;
            assert_int_equal(b[i].pob, SC_COUNTRY_UNKNOWN);
            break;
        default:
            (*reported)++;
            assert_int_equal(b[i].pob, p->birth_country);
        }
    }
    free(b);
}

static void test_place_of_birth(void **state)
{
    fixture f;
    int a, m, r;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 100; j++)
        person(&f, SC_BIRTH_US, ymd(1985, 1, 1), 0, SC_TRAD_HISPANIC);
    f.p.rate[SC_GROUP_USBORN] = 1000;
    f.p.pob_missing = 0;
    f.p.pob_wrong_foreign = 1;
    count_pob(&f, &a, &m, &r);
    assert_true(a > 0 && m == 0 && r == 0);
    f.p.pob_wrong_foreign = 0;
    f.p.pob_missing = 1;
    count_pob(&f, &a, &m, &r);
    assert_true(a == 0 && m > 0 && r == 0);
    fx_release(&f);

    fx_init(&f);
    for (int j = 0; j < 100; j++)
        lpr_adult(&f);
    f.p.rate[SC_GROUP_LPR] = 1000;
    f.p.pob_missing = 1;
    f.p.pob_wrong_us = 1;
    count_pob(&f, &a, &m, &r);
    assert_true(a > 0 && m == 0 && r == 0);
    f.p.pob_wrong_us = 0;
    count_pob(&f, &a, &m, &r);
    assert_true(a == 0 && m > 0 && r == 0);
    f.p.pob_missing = 0;
    count_pob(&f, &a, &m, &r);
    assert_true(a == 0 && m == 0 && r > 0);
    fx_release(&f);
}

static void test_dob_error(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;

    (void)state;
    fx_init(&f);
    for (int j = 0; j < 100; j++)
        us_adult(&f, 0);
    f.p.rate[SC_GROUP_USBORN] = 1000;
    f.p.booking_dob_error = 1;
    generate(&f, &b, &n);
    assert_true(n > 0);
    for (i = 0; i < n; i++) {
        assert_int_not_equal(b[i].dob, ymd(1975, 3, 3));
        assert_true(b[i].noise & SC_NOISE_DOB);
    }
    free(b);
    fx_release(&f);
}

/* The FBI record shows a conviction of `kind` dated before the booking,
 * and only under its own flag. */
static void check_conviction_flag(int kind)
{
    fixture f;
    sc_booking *b;
    size_t n, i;
    sc_date conv = ymd(2012, 7, 1);
    int before = 0, after = 0;

    fx_init(&f);
    for (int j = 0; j < 50; j++) {
        person(&f, SC_BIRTH_FOREIGN, ymd(1980, 1, 1), 0, SC_TRAD_HISPANIC);
        event(&f, SC_EV_ENTRY_EWI, ymd(2000, 1, 1), 0, 0, SC_NONE);
        event(&f, kind, conv, 0, 0, SC_NONE);
    }
    f.p.rate[SC_GROUP_UNAUTHORIZED] = 1000;
    generate(&f, &b, &n);
    for (i = 0; i < n; i++) {
        int shown = b[i].date > conv;
        assert_int_equal(b[i].convicted, kind == SC_EV_CONVICT && shown);
        assert_int_equal(b[i].misdemeanor,
                         kind == SC_EV_MISDEMEANOR && shown);
        before += b[i].date <= conv;
        after += b[i].date > conv;
    }
    assert_true(before > 0 && after > 0);
    free(b);
    fx_release(&f);
}

static void test_convicted_before_booking(void **state)
{
    (void)state;
    check_conviction_flag(SC_EV_CONVICT);
}

/* A misdemeanour never shows as a removable-offence conviction. */
static void test_misdemeanor_before_booking(void **state)
{
    (void)state;
    check_conviction_flag(SC_EV_MISDEMEANOR);
}

/* Nobody is booked while out of the country: not before arrival, not
 * after removal. */
static void test_absent_not_booked(void **state)
{
    fixture f;
    sc_booking *b;
    size_t n, i;
    sc_date removal = ymd(2012, 5, 1);
    uint32_t arriving;

    (void)state;
    fx_init(&f);
    arriving = person(&f, SC_BIRTH_FOREIGN, ymd(1980, 1, 1), 0,
                      SC_TRAD_HISPANIC);
    event(&f, SC_EV_ENTRY_EWI, ymd(2012, 3, 1), 0, 0, SC_NONE);
    for (int j = 0; j < 30; j++) {
        person(&f, SC_BIRTH_FOREIGN, ymd(1980, 1, 1), 0, SC_TRAD_HISPANIC);
        event(&f, SC_EV_ENTRY_EWI, ymd(2001, 3, 1), 0, 0, SC_NONE);
        event(&f, SC_EV_REMOVAL, removal, 0, 0, SC_NONE);
    }
    f.p.rate[SC_GROUP_UNAUTHORIZED] = 1000;
    generate(&f, &b, &n);
    assert_true(n > 0);
    for (i = 0; i < n; i++) {
        assert_int_not_equal(b[i].person, arriving);
        assert_true(b[i].date < removal);
    }
    free(b);
    fx_release(&f);
}

/* A person's bookings depend on the seed and the person alone: the first
 * 6,000 persons of an 8,000-person world are booked exactly as in a world
 * of those 6,000 only.  On a machine with several cores both worlds are
 * drawn in several ranges of persons, with different boundaries, so this
 * also checks that the ranges are joined correctly. */
static void build_mixed(fixture *f, int persons)
{
    for (int j = 0; j < persons; j++) {
        sc_date birth = ymd(1950, 1, 1) + (sc_date)(j * 7 % 15000);

        switch (j % 4) {
        case 0:
        case 1:
            person(f, SC_BIRTH_US, birth, j % 3 == 0, SC_TRAD_ANGLO);
            break;
        case 2:
            person(f, SC_BIRTH_FOREIGN, birth, j % 5 == 0,
                   SC_TRAD_HISPANIC);
            event(f, SC_EV_ENTRY, ymd(1999, 1, 1), SC_CLASS_IMMIGRANT,
                  SC_DATE_NEVER, SC_NONE);
            break;
        default:
            person(f, SC_BIRTH_FOREIGN, birth, 0, SC_TRAD_ARABIC);
            event(f, SC_EV_ENTRY_EWI, ymd(2004, 1, 1), 0, 0, SC_NONE);
        }
    }
}

static void test_person_streams_independent(void **state)
{
    fixture big, small;
    sc_booking *a, *b;
    size_t na, nb, i, k = 0;

    (void)state;
    fx_init(&big);
    fx_init(&small);
    build_mixed(&big, 8000);
    build_mixed(&small, 6000);
    for (int j = 0; j < SC_GROUP_COUNT; j++)
        big.p.rate[j] = small.p.rate[j] = 150;
    big.p.booking_name_typo = small.p.booking_name_typo = 0.3;
    big.p.booking_translit_variant = small.p.booking_translit_variant = 0.5;
    generate(&big, &a, &na);
    generate(&small, &b, &nb);
    assert_true(nb > 100 && na > nb);
    for (i = 0; i < na; i++) {
        if (a[i].person >= 6000)
            continue;
        assert_true(k < nb);
        b[k].id = a[i].id;
        assert_memory_equal(&a[i], &b[k], sizeof a[i]);
        k++;
    }
    assert_int_equal(k, nb);
    free(a);
    free(b);
    fx_release(&big);
    fx_release(&small);
}

static void test_bad_period(void **state)
{
    fixture f;
    sc_booking *b = NULL;
    size_t n = 0;
    char err[SC_ERRMSG_MAX] = "";

    (void)state;
    fx_init(&f);
    us_adult(&f, 0);
    f.p.end = f.p.start - 1;
    assert_int_equal(sc_bookings_generate(&f.p, f.w, f.g, &b, &n, err),
                     SC_EINVAL);
    assert_null(b);
    assert_true(strlen(err) > 0);
    fx_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates_zero_give_none),
        cmocka_unit_test(test_one_group_only),
        cmocka_unit_test(test_ages_18_to_69),
        cmocka_unit_test(test_counts_by_sex),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_order_and_places),
        cmocka_unit_test(test_clerk_without_noise),
        cmocka_unit_test(test_place_of_birth),
        cmocka_unit_test(test_dob_error),
        cmocka_unit_test(test_convicted_before_booking),
        cmocka_unit_test(test_misdemeanor_before_booking),
        cmocka_unit_test(test_absent_not_booked),
        cmocka_unit_test(test_person_streams_independent),
        cmocka_unit_test(test_bad_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
