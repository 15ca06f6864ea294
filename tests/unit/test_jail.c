/*
 * test_jail.c - declines by county and by state law, pick-ups and hold
 * hours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/jail.h"
#include "test_util.h"

/* Counties: 0 in a state with a limiting law, 1 declining, 2 ordinary. */
typedef struct fixture {
    sc_geo *g;
    sc_params p;
    int limits_year;
} fixture;

static int find_state(int with_limits)
{
    int i;

    for (i = 0; i < SC_STATE_COUNT; i++)
        if ((sc_states()[i].limits_year != 0) == with_limits)
            return i;
    return -1;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    sc_county c;
    int lim = find_state(1), plain = find_state(0);

    if (!f || lim < 0 || plain < 0)
        return -1;
    f->limits_year = sc_states()[lim].limits_year;
    if (sc_geo_create_empty(&f->g) < 0)
        return -1;
    memset(&c, 0, sizeof c);
    c.population = 1e5;
    c.fb_share = 0.1;
    c.state = (uint8_t)lim;
    snprintf(c.name, sizeof c.name, "limits");
    sc_geo_add_county(f->g, &c);
    c.state = (uint8_t)plain;
    c.declines = 1;
    snprintf(c.name, sizeof c.name, "declines");
    sc_geo_add_county(f->g, &c);
    c.declines = 0;
    snprintf(c.name, sizeof c.name, "plain");
    sc_geo_add_county(f->g, &c);
    if (sc_geo_finish(f->g) < 0)
        return -1;
    sc_params_init(&f->p);
    f->p.hold_hours = 48;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_geo_destroy(f->g);
    free(f);
    return 0;
}

static sc_booking booking_in(uint32_t county, int year)
{
    sc_booking b;

    memset(&b, 0, sizeof b);
    b.county = county;
    b.date = sc_date_from_ymd(year, 6, 15);
    return b;
}

static void respond(const fixture *f, const sc_booking *b, uint64_t i,
                    sc_jail_response *out)
{
    sc_rng r;

    sc_rng_init(&r, SC_TEST_SEED, SC_STAGE_JAIL, i);
    sc_jail_respond(&f->p, f->g, b, &r, out);
}

static void test_state_law_from_its_year(void **state)
{
    fixture *f = *state;
    sc_booking before = booking_in(0, f->limits_year - 1);
    sc_booking from = booking_in(0, f->limits_year);
    sc_booking after = booking_in(0, f->limits_year + 3);
    sc_jail_response j;

    respond(f, &before, 1, &j);
    assert_int_equal(j.honoured, 1);
    respond(f, &from, 1, &j);
    assert_int_equal(j.honoured, 0);
    assert_int_equal(j.picked_up, 0);
    assert_true(j.hold_hours == 0.0f);
    respond(f, &after, 1, &j);
    assert_int_equal(j.honoured, 0);
}

static void test_declining_county(void **state)
{
    fixture *f = *state;
    sc_booking b = booking_in(1, 2010);
    sc_booking c = booking_in(2, 2010);
    sc_jail_response j;

    respond(f, &b, 1, &j);
    assert_int_equal(j.honoured, 0);
    assert_true(j.hold_hours == 0.0f);
    respond(f, &c, 1, &j);
    assert_int_equal(j.honoured, 1);
}

static void test_no_pickup_holds_the_maximum(void **state)
{
    fixture *f = *state;
    sc_booking b = booking_in(2, 2012);
    sc_jail_response j;
    uint64_t i;

    f->p.pickup_share = 0.0;
    for (i = 0; i < 50; i++) {
        respond(f, &b, i, &j);
        assert_int_equal(j.honoured, 1);
        assert_int_equal(j.picked_up, 0);
        assert_true(j.hold_hours == 48.0f);
    }
}

/* Picked up at a uniform time: within (0, 48), mean 24.  Over 4,000
 * holds the standard error of the mean is 48 / sqrt(12 * 4000) = 0.22 h,
 * so +-1.5 h is about seven standard errors. */
static void test_pickup_hold_is_uniform(void **state)
{
    fixture *f = *state;
    sc_booking b = booking_in(2, 2012);
    sc_jail_response j;
    double sum = 0.0;
    uint64_t i;

    f->p.pickup_share = 1.0;
    for (i = 0; i < 4000; i++) {
        respond(f, &b, i, &j);
        assert_int_equal(j.picked_up, 1);
        assert_true(j.hold_hours >= 0.0f && j.hold_hours < 48.0f);
        sum += j.hold_hours;
    }
    assert_true(sum / 4000 > 22.5 && sum / 4000 < 25.5);
}

static void test_same_stream_same_answer(void **state)
{
    fixture *f = *state;
    sc_booking b = booking_in(2, 2012);
    sc_jail_response x, y;

    f->p.pickup_share = 0.5;
    respond(f, &b, 9, &x);
    respond(f, &b, 9, &y);
    assert_int_equal(x.picked_up, y.picked_up);
    assert_true(x.hold_hours == y.hold_hours);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_law_from_its_year),
        cmocka_unit_test(test_declining_county),
        cmocka_unit_test(test_no_pickup_holds_the_maximum),
        cmocka_unit_test(test_pickup_hold_is_uniform),
        cmocka_unit_test(test_same_stream_same_answer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
