/*
 * common.c - error names and civil dates.
 *
 * Dates are days since 1970-01-01 in the proleptic Gregorian calendar.
 * The conversions use the era-based algorithm of Howard Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (2013): a year is split
 * into 400-year eras of 146,097 days, and months are counted from March
 * so that the leap day falls at the end of the computational year.
 */
#include "scomm/common.h"

#include <stdio.h>
#include <string.h>

const char *sc_strerror(int code)
{
    switch (code) {
    case SC_OK: return "success";
    case SC_ENOMEM: return "out of memory";
    case SC_EINVAL: return "invalid argument";
    case SC_EIO: return "input/output error";
    case SC_EPARSE: return "malformed input";
    case SC_ERANGE: return "value out of range";
    case SC_ENOENT: return "not found";
    case SC_EDB: return "database error";
    default: return "unknown error";
    }
}

sc_date sc_date_from_ymd(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                                   /* 0..399 */
    int mp = (month + 9) % 12;                                 /* Mar = 0 */
    int doy = (153 * mp + 2) / 5 + day - 1;                    /* 0..365 */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* 0..146096 */
    return (sc_date)(era * 146097 + doe - 719468);
}

void sc_date_to_ymd(sc_date d, int *year, int *month, int *day)
{
    int z = d + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    int yy = yoe + era * 400 + (mm <= 2);
    if (year)
        *year = yy;
    if (month)
        *month = mm;
    if (day)
        *day = dd;
}

int sc_date_parse(const char *s, sc_date *out)
{
    int y, m, d, yy, mm, dd;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return SC_EINVAL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return SC_EINVAL;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return SC_EINVAL;
    /* A round trip rejects 2013-02-30 and friends. */
    sc_date v = sc_date_from_ymd(y, m, d);
    sc_date_to_ymd(v, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d)
        return SC_EINVAL;
    *out = v;
    return 0;
}

char *sc_date_format(sc_date d, char *buf)
{
    int y, m, dd;
    if (d == SC_DATE_NEVER) {
        memcpy(buf, "never", 6);
        return buf;
    }
    sc_date_to_ymd(d, &y, &m, &dd);
    /* Years outside 0..9999 do not occur; the masks tell the compiler. */
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)dd % 100u);
    return buf;
}

int sc_age_on(sc_date birth, sc_date on)
{
    int by, bm, bd, y, m, d;
    sc_date_to_ymd(birth, &by, &bm, &bd);
    sc_date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}
