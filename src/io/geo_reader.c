/*
 * geo_reader.c - loads the counties of a data folder into an sc_geo.
 *
 * Three CSV files keyed by the 5-digit county FIPS code (read as text:
 * "01001", never as a number, which would drop the leading zero):
 *   county_population_2010_2019.csv  the list of counties, their names
 *                                    and July-1 population estimates
 *   county_acs_2012_2016.csv         foreignborn_pct (percent, or NA)
 *   sc_activation_dates.csv          activation_year, activation_month
 * The population file decides which counties exist.  The other two are
 * read first into small tables sorted by FIPS and joined by binary
 * search; a county absent from them (or NA) takes its state's
 * foreign-born share and the nationwide activation date, 2013-01-22.
 *
 * Quirks of the shipped files (../shared/data/geo/README.md): the ACS file
 * has a row 36000 "Kansas City, Missouri", an election-reporting unit
 * whose code collides with New York; any code whose county part is 000
 * is a state-level code, never a county, and is dropped in every file.
 * 51515 (Bedford city VA, merged into 51019 in 2013) is in the ACS and
 * activation files but not in the 2019-geography population file, so it
 * joins nothing and drops out; Bedford County keeps its own rows.
 *
 * Workload: about 3,100 rows per file, once per run.
 */
#include "scomm/io/geo_reader.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/io/csv_reader.h"

#define POP_FILE "county_population_2010_2019.csv"
#define ACS_FILE "county_acs_2012_2016.csv"
#define ACT_FILE "sc_activation_dates.csv"

#define YEAR_MIN 2010
#define YEAR_MAX 2019

/* S-COMM was nationwide on 22 January 2013 (ICE). */
#define NATIONWIDE_YEAR 2013
#define NATIONWIDE_MONTH 1
#define NATIONWIDE_DAY 22

/* One row of the ACS or activation table, keyed by FIPS as a number
 * (after the text has been checked to be five digits). */
typedef struct join_row {
    int fips;
    long line;           /* for duplicate reports */
    int has_value;       /* 0 when the file said NA */
    double fb_share;     /* ACS: foreign-born share, 0..1 */
    sc_date activation;  /* activation: first day of the month */
} join_row;

typedef struct join_table {
    join_row *rows;
    size_t n, cap;
} join_table;

static void join_release(join_table *t)
{
    free(t->rows);
    t->rows = NULL;
    t->n = t->cap = 0;
}

static int join_push(join_table *t, const join_row *r)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 4096;
        join_row *p = realloc(t->rows, cap * sizeof *p);
        if (!p)
            return SC_ENOMEM;
        t->rows = p;
        t->cap = cap;
    }
    t->rows[t->n++] = *r;
    return 0;
}

static int join_cmp(const void *a, const void *b)
{
    const join_row *x = a, *y = b;

    if (x->fips != y->fips)
        return (x->fips > y->fips) - (x->fips < y->fips);
    return (x->line > y->line) - (x->line < y->line);
}

static const join_row *join_find(const join_table *t, int fips)
{
    size_t lo = 0, hi = t->n;

    /* Codes are unique after join_finish(), so the line does not enter. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[mid].fips < fips)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->rows[lo].fips == fips ? &t->rows[lo] : NULL;
}

/* Sorts the table by code (then line, so the sort is total) and rejects
 * a code given twice. */
static int join_finish(join_table *t, const char *path, char *err)
{
    size_t i;

    qsort(t->rows, t->n, sizeof *t->rows, join_cmp);
    for (i = 1; i < t->n; i++)
        if (t->rows[i].fips == t->rows[i - 1].fips) {
            snprintf(err, SC_ERRMSG_MAX,
                     "%s:%ld: fips: '%05d' appears twice (first on line "
                     "%ld)", path, t->rows[i].line, t->rows[i].fips,
                     t->rows[i - 1].line);
            return SC_EPARSE;
        }
    return 0;
}

static int is_na(const char *s)
{
    return s[0] == '\0' || strcmp(s, "NA") == 0;
}

static int bad_number(const sc_csv *c, const char *column, const char *v,
                      char *err)
{
    snprintf(err, SC_ERRMSG_MAX, "%s:%ld: %s: '%s' is not a number",
             sc_csv_path(c), sc_csv_line(c), column, v);
    return SC_EPARSE;
}

static int out_of_range(const sc_csv *c, const char *column, const char *v,
                        const char *range, char *err)
{
    snprintf(err, SC_ERRMSG_MAX, "%s:%ld: %s: '%s' is outside %s",
             sc_csv_path(c), sc_csv_line(c), column, v, range);
    return SC_EPARSE;
}

/* A finite decimal number, all of the field (the caller holds the C
 * locale, so '.' is the decimal point). */
static int parse_double(const sc_csv *c, const char *column, const char *v,
                        double *out, char *err)
{
    char *end;
    double x;

    errno = 0;
    x = strtod(v, &end);
    if (end == v || *end != '\0' || errno == ERANGE || !isfinite(x))
        return bad_number(c, column, v, err);
    *out = x;
    return 0;
}

static int parse_long(const sc_csv *c, const char *column, const char *v,
                      long *out, char *err)
{
    char *end;
    long x;

    errno = 0;
    x = strtol(v, &end, 10);
    if (end == v || *end != '\0' || errno == ERANGE)
        return bad_number(c, column, v, err);
    *out = x;
    return 0;
}

/*
 * Checks a FIPS field: exactly five digits.  Sets *fips to its value, or
 * to -1 for a state-level code (county part 000), which callers drop.
 */
static int parse_fips(const sc_csv *c, const char *v, int *fips, char *err)
{
    int i, x = 0;

    for (i = 0; i < 5; i++) {
        if (v[i] < '0' || v[i] > '9')
            break;
        x = 10 * x + (v[i] - '0');
    }
    if (i != 5 || v[5] != '\0') {
        snprintf(err, SC_ERRMSG_MAX,
                 "%s:%ld: fips: '%s' is not a 5-digit FIPS code",
                 sc_csv_path(c), sc_csv_line(c), v);
        return SC_EPARSE;
    }
    *fips = x % 1000 == 0 ? -1 : x;
    return 0;
}

static int open_file(const char *dir, const char *name, sc_csv **c,
                     char *err)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);

    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(err, SC_ERRMSG_MAX, "%s: folder path too long", dir);
        return SC_EIO;
    }
    return sc_csv_open(path, c, err);
}

static int read_acs(const char *dir, join_table *t, char *err)
{
    sc_csv *c = NULL;
    int ifips, ifb, rc;
    join_row r;
    double pct;
    const char *v;

    rc = open_file(dir, ACS_FILE, &c, err);
    if (rc < 0)
        return rc;
    if ((rc = sc_csv_require(c, "fips", &ifips, err)) < 0 ||
        (rc = sc_csv_require(c, "foreignborn_pct", &ifb, err)) < 0)
        goto done;
    while ((rc = sc_csv_next(c, err)) == 1) {
        memset(&r, 0, sizeof r);
        rc = parse_fips(c, sc_csv_field(c, (size_t)ifips), &r.fips, err);
        if (rc < 0)
            goto done;
        if (r.fips < 0)
            continue;
        r.line = sc_csv_line(c);
        v = sc_csv_field(c, (size_t)ifb);
        if (!is_na(v)) {
            rc = parse_double(c, "foreignborn_pct", v, &pct, err);
            if (rc < 0)
                goto done;
            if (pct < 0 || pct > 100) {
                rc = out_of_range(c, "foreignborn_pct", v, "0..100", err);
                goto done;
            }
            r.has_value = 1;
            r.fb_share = pct / 100.0;
        }
        rc = join_push(t, &r);
        if (rc < 0) {
            snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", sc_csv_path(c));
            goto done;
        }
    }
    if (rc == 0)
        rc = join_finish(t, sc_csv_path(c), err);
done:
    sc_csv_close(c);
    return rc;
}

static int read_activation(const char *dir, join_table *t, char *err)
{
    sc_csv *c = NULL;
    int ifips, iyear, imonth, rc;
    join_row r;
    long year, month;
    const char *vy, *vm;

    rc = open_file(dir, ACT_FILE, &c, err);
    if (rc < 0)
        return rc;
    if ((rc = sc_csv_require(c, "fips", &ifips, err)) < 0 ||
        (rc = sc_csv_require(c, "activation_year", &iyear, err)) < 0 ||
        (rc = sc_csv_require(c, "activation_month", &imonth, err)) < 0)
        goto done;
    while ((rc = sc_csv_next(c, err)) == 1) {
        memset(&r, 0, sizeof r);
        rc = parse_fips(c, sc_csv_field(c, (size_t)ifips), &r.fips, err);
        if (rc < 0)
            goto done;
        if (r.fips < 0)
            continue;
        r.line = sc_csv_line(c);
        vy = sc_csv_field(c, (size_t)iyear);
        vm = sc_csv_field(c, (size_t)imonth);
        if (!is_na(vy) || !is_na(vm)) {
            if ((rc = parse_long(c, "activation_year", vy, &year, err)) < 0 ||
                (rc = parse_long(c, "activation_month", vm, &month, err)) < 0)
                goto done;
            if (year < 1900 || year > 2100) {
                rc = out_of_range(c, "activation_year", vy, "1900..2100",
                                  err);
                goto done;
            }
            if (month < 1 || month > 12) {
                rc = out_of_range(c, "activation_month", vm, "1..12", err);
                goto done;
            }
            r.has_value = 1;
            r.activation = sc_date_from_ymd((int)year, (int)month, 1);
        }
        rc = join_push(t, &r);
        if (rc < 0) {
            snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", sc_csv_path(c));
            goto done;
        }
    }
    if (rc == 0)
        rc = join_finish(t, sc_csv_path(c), err);
done:
    sc_csv_close(c);
    return rc;
}

/* Index into sc_states() of a state FIPS code, or -1. */
static int state_index(int state_fips)
{
    const sc_state *s = sc_states();
    int i;

    for (i = 0; i < SC_STATE_COUNT; i++)
        if (s[i].fips == state_fips)
            return i;
    return -1;
}

/* Copies a name, cut at a UTF-8 character boundary to fit. */
static void copy_name(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int read_population(const char *dir, int year, const join_table *acs,
                           const join_table *act, sc_geo *g, char *err)
{
    const sc_state *states = sc_states();
    sc_date nationwide = sc_date_from_ymd(NATIONWIDE_YEAR, NATIONWIDE_MONTH,
                                          NATIONWIDE_DAY);
    sc_csv *c = NULL;
    char popcol[32];
    int ifips, iname, ipop, rc, fips, st;
    const join_row *jr;
    const char *v;
    sc_county county;
    double pop;
    unsigned char *seen = calloc(100000 / 8 + 1, 1);

    if (!seen) {
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", dir);
        return SC_ENOMEM;
    }
    snprintf(popcol, sizeof popcol, "popestimate%d", year);
    rc = open_file(dir, POP_FILE, &c, err);
    if (rc < 0) {
        free(seen);
        return rc;
    }
    if ((rc = sc_csv_require(c, "fips", &ifips, err)) < 0 ||
        (rc = sc_csv_require(c, "county_name", &iname, err)) < 0 ||
        (rc = sc_csv_require(c, popcol, &ipop, err)) < 0)
        goto done;
    while ((rc = sc_csv_next(c, err)) == 1) {
        v = sc_csv_field(c, (size_t)ifips);
        rc = parse_fips(c, v, &fips, err);
        if (rc < 0)
            goto done;
        if (fips < 0)
            continue;
        if (seen[fips / 8] & (1u << (fips % 8))) {
            snprintf(err, SC_ERRMSG_MAX, "%s:%ld: fips: '%s' appears twice",
                     sc_csv_path(c), sc_csv_line(c), v);
            rc = SC_EPARSE;
            goto done;
        }
        seen[fips / 8] |= (unsigned char)(1u << (fips % 8));
        st = state_index(fips / 1000);
        if (st < 0)
            continue;   /* territories: outside the model */

        memset(&county, 0, sizeof county);
        memcpy(county.fips, v, 5);
        county.fips[5] = '\0';
        copy_name(county.name, sizeof county.name,
                  sc_csv_field(c, (size_t)iname));
        county.state = (uint8_t)st;

        v = sc_csv_field(c, (size_t)ipop);
        rc = parse_double(c, popcol, v, &pop, err);
        if (rc < 0)
            goto done;
        if (pop < 0) {
            rc = out_of_range(c, popcol, v, "0 and up", err);
            goto done;
        }
        county.population = pop;

        jr = join_find(acs, fips);
        county.fb_share = jr && jr->has_value ? jr->fb_share
                                              : states[st].fb_share;
        jr = join_find(act, fips);
        county.activation = jr && jr->has_value ? jr->activation
                                                : nationwide;
        county.declines = 0;

        rc = sc_geo_add_county(g, &county);
        if (rc < 0) {
            snprintf(err, SC_ERRMSG_MAX, "%s:%ld: cannot add county '%s': %s",
                     sc_csv_path(c), sc_csv_line(c), county.fips,
                     sc_strerror(rc));
            goto done;
        }
    }
done:
    free(seen);
    sc_csv_close(c);
    return rc;
}

static int load(const char *dir, int year, sc_geo *g, char *err)
{
    join_table acs = {NULL, 0, 0}, act = {NULL, 0, 0};
    int rc;

    rc = read_acs(dir, &acs, err);
    if (rc == 0)
        rc = read_activation(dir, &act, err);
    if (rc == 0)
        rc = read_population(dir, year, &acs, &act, g, err);
    join_release(&acs);
    join_release(&act);
    return rc;
}

int sc_geo_load_dir(const char *dir, int population_year, sc_geo **out,
                    char *err)
{
    sc_geo *g = NULL;
    locale_t cloc, old = (locale_t)0;
    int year = population_year, rc;

    *out = NULL;
    if (year < YEAR_MIN)
        year = YEAR_MIN;
    if (year > YEAR_MAX)
        year = YEAR_MAX;

    rc = sc_geo_create_empty(&g);
    if (rc < 0) {
        snprintf(err, SC_ERRMSG_MAX, "%s: %s", dir, sc_strerror(rc));
        return rc;
    }

    /* strtod reads the decimal point of the current locale: pin it. */
    cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (cloc)
        old = uselocale(cloc);
    rc = load(dir, year, g, err);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
    if (rc == 0) {
        if (sc_geo_count(g) == 0) {
            snprintf(err, SC_ERRMSG_MAX,
                     "%s/%s: no counties of the 50 states and DC", dir,
                     POP_FILE);
            rc = SC_EPARSE;
        } else {
            rc = sc_geo_finish(g);
            if (rc < 0)
                snprintf(err, SC_ERRMSG_MAX, "%s: cannot index counties: %s",
                         dir, sc_strerror(rc));
        }
    }
    if (rc < 0) {
        sc_geo_destroy(g);
        return rc;
    }
    *out = g;
    return 0;
}
