/*
 * test_common.c - dates and error names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scomm/common.h"
#include "test_util.h"

static void test_epoch_and_known_days(void **state)
{
    (void)state;
    assert_int_equal(sc_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(sc_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(sc_date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(sc_date_from_ymd(1900, 1, 1), -25567);
    /* Child Citizenship Act effective date. */
    assert_int_equal(sc_date_from_ymd(2001, 2, 27), 11380);
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    /* Every day from 1880 to 2100 converts back to itself, and
     * consecutive days differ by one. */
    sc_date first = sc_date_from_ymd(1880, 1, 1);
    sc_date last = sc_date_from_ymd(2100, 12, 31);
    int py = 1879, pm = 12, pd = 31;
    for (sc_date d = first; d <= last; d++) {
        int y, m, dd;
        sc_date_to_ymd(d, &y, &m, &dd);
        assert_int_equal(sc_date_from_ymd(y, m, dd), d);
        int next_day = (dd == pd + 1 && m == pm && y == py);
        int next_month = (dd == 1 && ((m == pm + 1 && y == py) ||
                                      (m == 1 && pm == 12 && y == py + 1)));
        assert_true(next_day || next_month);
        py = y; pm = m; pd = dd;
    }
}

static void test_parse_and_format(void **state)
{
    (void)state;
    sc_date d;
    char buf[16];
    assert_int_equal(sc_date_parse("2012-10-01", &d), 0);
    assert_string_equal(sc_date_format(d, buf), "2012-10-01");
    assert_int_equal(sc_date_parse("2012-02-29", &d), 0);
    assert_int_equal(sc_date_parse("2013-02-29", &d), SC_EINVAL);
    assert_int_equal(sc_date_parse("2013-13-01", &d), SC_EINVAL);
    assert_int_equal(sc_date_parse("2013-1-01", &d), SC_EINVAL);
    assert_int_equal(sc_date_parse("2013-01-01x", &d), SC_EINVAL);
    assert_int_equal(sc_date_parse("", &d), SC_EINVAL);
    assert_string_equal(sc_date_format(SC_DATE_NEVER, buf), "never");
}

static void test_age(void **state)
{
    (void)state;
    sc_date b = sc_date_from_ymd(1990, 6, 15);
    assert_int_equal(sc_age_on(b, sc_date_from_ymd(2008, 6, 14)), 17);
    assert_int_equal(sc_age_on(b, sc_date_from_ymd(2008, 6, 15)), 18);
    assert_int_equal(sc_age_on(b, sc_date_from_ymd(1990, 6, 15)), 0);
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(sc_strerror(SC_ENOMEM), "out of memory");
    assert_string_equal(sc_strerror(12345), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_known_days),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_parse_and_format),
        cmocka_unit_test(test_age),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
