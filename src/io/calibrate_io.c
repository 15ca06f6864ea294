/*
 * calibrate_io.c - targets tables, calibrate.json and the calibration
 * table on the terminal.
 *
 * A targets file is read with the strict CSV reader (csv_reader.h) and
 * each row is checked twice: here, that every field parses (a known key
 * given once, a number, a compare kind, a unit), then by
 * sc_cal_target_check(), that the fields fit together; every error names
 * the file, the line and the column.  calibrate.json is built as a
 * jansson object with keys inserted in a fixed order, dumped with
 * JSON_PRESERVE_ORDER and 15 significant digits (as summary.json): the
 * measures are sums of integer counts divided in a fixed order, so equal
 * runs give equal bytes whatever the thread count.
 *
 * Data: one sc_cal_table (fixed size, no allocation but the reader's and
 * jansson's).  Workload: once per `scomm calibrate`.
 */
#include "scomm/io/calibrate_io.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/io/csv_reader.h"
#include "scomm/io/json_out.h"

/* Columns of a targets file, in the order the shipped file writes them. */
enum col { C_KEY, C_FIGURE, C_VALUE, C_COMPARE, C_TOLERANCE, C_UNIT,
           C_SOURCE, C_N };

static const char *const col_names[C_N] = {
    "key", "figure", "value", "compare", "tolerance", "unit", "source"};

/* ---- reading ---- */

static int row_error(const sc_csv *c, char *err, const char *field,
                     const char *v, const char *why)
{
    snprintf(err, SC_ERRMSG_MAX, "%s:%ld: %s: '%s' %s", sc_csv_path(c),
             sc_csv_line(c), field, v, why);
    return SC_EPARSE;
}

/* A finite decimal number, the whole field (in the C locale: the caller
 * pins it). */
static int parse_number(const sc_csv *c, const char *field, const char *v,
                        double *out, char *err)
{
    char *end;
    double x;

    errno = 0;
    x = strtod(v, &end);
    if (end == v || *end != '\0' || errno == ERANGE || !isfinite(x))
        return row_error(c, err, field, v, "is not a number");
    *out = x;
    return 0;
}

static int copy_text(const sc_csv *c, const char *field, const char *v,
                     char *dst, char *err)
{
    size_t len = strlen(v);

    if (len >= SC_CAL_TEXT_MAX) {
        snprintf(err, SC_ERRMSG_MAX, "%s:%ld: %s: longer than %d bytes",
                 sc_csv_path(c), sc_csv_line(c), field,
                 SC_CAL_TEXT_MAX - 1);
        return SC_EPARSE;
    }
    memcpy(dst, v, len + 1);
    return 0;
}

static int parse_row(const sc_csv *c, const int *idx, long *first_line,
                     sc_cal_target *t, char *err)
{
    const char *f[C_N];
    char why[SC_ERRMSG_MAX], twice[64];
    int rc;

    for (int i = 0; i < C_N; i++)
        f[i] = sc_csv_field(c, (size_t)idx[i]);
    memset(t, 0, sizeof *t);

    t->key = sc_cal_key_find(f[C_KEY]);
    if (t->key < 0)
        return row_error(c, err, "key", f[C_KEY], "is not a calibration "
                         "key (docs/calibration.md lists them)");
    if (first_line[t->key]) {
        snprintf(twice, sizeof twice, "is given twice (first on line %ld)",
                 first_line[t->key]);
        return row_error(c, err, "key", f[C_KEY], twice);
    }
    first_line[t->key] = sc_csv_line(c);
    if ((rc = copy_text(c, "figure", f[C_FIGURE], t->figure, err)) < 0 ||
        (rc = parse_number(c, "value", f[C_VALUE], &t->value, err)) < 0)
        return rc;
    t->compare = sc_cal_compare_find(f[C_COMPARE]);
    if (t->compare < 0)
        return row_error(c, err, "compare", f[C_COMPARE],
                         "is not one of relative, absolute, at_most");
    if (f[C_TOLERANCE][0] == '\0')
        t->tolerance = NAN;
    else if ((rc = parse_number(c, "tolerance", f[C_TOLERANCE],
                                &t->tolerance, err)) < 0)
        return rc;
    t->unit = sc_cal_unit_find(f[C_UNIT]);
    if (t->unit < 0)
        return row_error(c, err, "unit", f[C_UNIT],
                         "is not one of count, per_year, share");
    if ((rc = copy_text(c, "source", f[C_SOURCE], t->source, err)) < 0)
        return rc;
    if (sc_cal_target_check(t, why) < 0) {
        /* The check's message is short; the bound only quiets the
         * truncation warning. */
        snprintf(err, SC_ERRMSG_MAX, "%s:%ld: %.300s", sc_csv_path(c),
                 sc_csv_line(c), why);
        return SC_EPARSE;
    }
    return 0;
}

static int read_table(const char *path, sc_cal_table *out, char *err)
{
    long first_line[SC_CAL_KEYS] = {0};
    int idx[C_N];
    sc_csv *c = NULL;
    int rc;

    rc = sc_csv_open(path, &c, err);
    if (rc < 0)
        return rc;
    for (int i = 0; i < C_N; i++) {
        idx[i] = sc_csv_column(c, col_names[i]);
        if (idx[i] < 0) {
            snprintf(err, SC_ERRMSG_MAX, "%s:1: missing column '%s' (a "
                     "targets file has key,figure,value,compare,"
                     "tolerance,unit,source)", path, col_names[i]);
            sc_csv_close(c);
            return SC_EPARSE;
        }
    }
    while ((rc = sc_csv_next(c, err)) == 1) {
        /* Each key once, so a full table has SC_CAL_KEYS rows and a
         * further row repeats a key: parse_row refuses it. */
        sc_cal_target t;
        if ((rc = parse_row(c, idx, first_line, &t, err)) < 0)
            break;
        out->v[out->n++] = t;
    }
    if (rc == 0 && out->n == 0) {
        snprintf(err, SC_ERRMSG_MAX, "%s:1: no figures: the header has "
                 "no rows after it", path);
        rc = SC_EPARSE;
    }
    sc_csv_close(c);
    return rc < 0 ? rc : 0;
}

int sc_cal_targets_read(const char *path, sc_cal_table *out, char *err)
{
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = (locale_t)0;
    int rc;

    memset(out, 0, sizeof *out);
    /* strtod reads the decimal point of the current locale: pin it. */
    if (cloc)
        old = uselocale(cloc);
    rc = read_table(path, out, err);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
    if (rc < 0)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ---- calibrate.json ---- */

/* A national count or yearly figure: whole persons and events (the
 * model's are multiples of 1/scale, so decimals would be noise); a
 * share: 6 decimals, finer than any published share. */
static json_t *model_json(int unit, double x)
{
    if (isnan(x) || !isfinite(x))
        return json_null();
    if (unit == SC_CAL_U_SHARE)
        return json_real(round(x * 1e6) / 1e6 + 0.0);
    if (fabs(x) < 9e15)
        return json_integer((json_int_t)llround(x));
    return json_real(x);
}

/* A published value as written: an integer when it is one. */
static json_t *value_json(int unit, double x)
{
    if (unit != SC_CAL_U_SHARE && x == floor(x) && fabs(x) < 9e15)
        return json_integer((json_int_t)x);
    return json_real(x);
}

static json_t *build(const char *scenario, const sc_params *p,
                     const sc_cal_table *t, const sc_cal_measures *m)
{
    sc_json_builder b = {1};
    json_t *root = json_object(), *figs = json_array();
    char date[16];

    sc_json_set(&b, root, "scenario", json_string(scenario ? scenario : ""));
    sc_json_set(&b, root, "version", json_string(SC_VERSION));
    /* jansson integers are signed 64-bit; a larger seed is a string. */
    if (p->seed <= (uint64_t)INT64_MAX) {
        sc_json_set(&b, root, "seed", json_integer((json_int_t)p->seed));
    } else {
        char seed[32];
        snprintf(seed, sizeof seed, "%" PRIu64, p->seed);
        sc_json_set(&b, root, "seed", json_string(seed));
    }
    sc_json_set(&b, root, "scale", json_real(p->scale));
    sc_json_set(&b, root, "start", json_string(sc_date_format(p->start, date)));
    sc_json_set(&b, root, "end", json_string(sc_date_format(p->end, date)));
    for (size_t i = 0; i < t->n; i++) {
        const sc_cal_target *g = &t->v[i];
        json_t *o = json_object();
        double model = m->v[g->key];

        sc_json_set(&b, o, "key", json_string(sc_cal_key_name(g->key)));
        sc_json_set(&b, o, "figure", json_string(g->figure));
        sc_json_set(&b, o, "model", model_json(g->unit, model));
        sc_json_set(&b, o, "value", value_json(g->unit, g->value));
        sc_json_set(&b, o, "compare",
                    json_string(sc_cal_compare_name(g->compare)));
        sc_json_set(&b, o, "tolerance", isnan(g->tolerance)
                                    ? json_null()
                                    : json_real(g->tolerance));
        sc_json_set(&b, o, "unit", json_string(sc_cal_unit_name(g->unit)));
        sc_json_set(&b, o, "within", json_boolean(sc_cal_within(g, model)));
        sc_json_set(&b, o, "source", json_string(g->source));
        sc_json_push(&b, figs, o);
    }
    sc_json_set(&b, root, "figures", figs);
    sc_json_set(&b, root, "within",
                json_integer((json_int_t)sc_cal_count_within(t, m)));
    sc_json_set(&b, root, "total", json_integer((json_int_t)t->n));
    if (!b.ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int sc_cal_write_json(const char *path, const char *scenario,
                      const sc_params *p, const sc_cal_table *t,
                      const sc_cal_measures *m, char *err)
{
    json_t *root = build(scenario, p, t, m);
    int rc;

    if (!root) {
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", path);
        return SC_ENOMEM;
    }
    rc = sc_json_write(root, path, err);
    json_decref(root);
    return rc;
}

/* ---- the table ---- */

/* A whole number with thousands separators: 10,600,000. */
static void grouped(double x, char *buf, size_t len)
{
    char digits[32];
    long long v = llround(fabs(x));
    size_t nd, o = 0;

    snprintf(digits, sizeof digits, "%lld", v);
    nd = strlen(digits);
    if (x < 0 && v != 0 && o + 1 < len)
        buf[o++] = '-';
    for (size_t i = 0; i < nd && o + 1 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0 && o + 2 < len)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* A value in its unit: shares as percentages, counts as whole numbers
 * (a published count that is not whole keeps its decimals). */
static void format_value(int unit, double x, int exact, char *buf,
                         size_t len)
{
    if (isnan(x) || !isfinite(x))
        snprintf(buf, len, "-");
    else if (unit == SC_CAL_U_SHARE)
        snprintf(buf, len, "%.1f%%", 100.0 * x);
    else if (fabs(x) >= 1e15 || (exact && x != floor(x)))
        snprintf(buf, len, "%g", x);
    else
        grouped(x, buf, len);
}

static void format_tolerance(const sc_cal_target *g, char *buf, size_t len)
{
    char v[64];

    switch (g->compare) {
    case SC_CAL_CMP_RELATIVE:
        snprintf(buf, len, "±%g%%", 100.0 * g->tolerance);
        break;
    case SC_CAL_CMP_ABSOLUTE:
        if (g->unit == SC_CAL_U_SHARE) {
            snprintf(buf, len, "±%g pts", 100.0 * g->tolerance);
        } else {
            format_value(g->unit, g->tolerance, 1, v, sizeof v);
            snprintf(buf, len, "±%s", v);
        }
        break;
    default:
        snprintf(buf, len, "-");
        break;
    }
}

/* Display width of a UTF-8 string: its code points. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

enum { T_KEY, T_MODEL, T_VALUE, T_TOL, T_VERDICT, T_SOURCE, T_N };

/* Names and verdicts read from the left, numbers align on the right; the
 * source, last, is not padded. */
static void print_row(FILE *f, const char *const *cell, const int *w)
{
    for (int c = 0; c < T_N; c++) {
        int pad = w[c] - width(cell[c]);
        if (c)
            fputs("  ", f);
        if (c == T_SOURCE)
            fputs(cell[c], f);
        else if (c == T_MODEL || c == T_VALUE || c == T_TOL)
            fprintf(f, "%*s%s", pad, "", cell[c]);
        else
            fprintf(f, "%s%*s", cell[c], pad, "");
    }
    fputc('\n', f);
}

static void print_table(FILE *f, const char *scenario, const sc_params *p,
                        const sc_cal_table *t, const sc_cal_measures *m)
{
    static const char *const heads[T_N] = {
        "figure", "model", "published", "tolerance", "verdict", "source"};
    char cells[SC_CAL_KEYS][T_N][SC_CAL_TEXT_MAX + 16];
    char d1[16], d2[16], v[64];
    int w[T_N];

    fprintf(f, "scomm calibrate: %s (seed %" PRIu64 ", scale %g), "
               "%s to %s, policy %s\n",
            scenario ? scenario : "", p->seed, p->scale,
            sc_date_format(p->start, d1), sc_date_format(p->end, d2),
            p->policy);
    fprintf(f, "model counts are national (sample count / scale); "
               "per_year figures are a year of the period\n\n");

    for (int c = 0; c < T_N; c++)
        w[c] = width(heads[c]);
    for (size_t i = 0; i < t->n; i++) {
        const sc_cal_target *g = &t->v[i];
        char(*row)[SC_CAL_TEXT_MAX + 16] = cells[i];
        size_t len = sizeof cells[i][0];

        snprintf(row[T_KEY], len, "%s", sc_cal_key_name(g->key));
        format_value(g->unit, m->v[g->key], 0, row[T_MODEL], len);
        format_value(g->unit, g->value, 1, v, sizeof v);
        if (g->compare == SC_CAL_CMP_AT_MOST)
            snprintf(row[T_VALUE], len, "at most %s", v);
        else
            snprintf(row[T_VALUE], len, "%s", v);
        format_tolerance(g, row[T_TOL], len);
        snprintf(row[T_VERDICT], len, "%s",
                 sc_cal_within(g, m->v[g->key]) ? "within" : "outside");
        snprintf(row[T_SOURCE], len, "%s", g->source);
        for (int c = 0; c < T_N; c++)
            if (width(row[c]) > w[c])
                w[c] = width(row[c]);
    }
    print_row(f, heads, w);
    for (size_t i = 0; i < t->n; i++) {
        const char *row[T_N];
        for (int c = 0; c < T_N; c++)
            row[c] = cells[i][c];
        print_row(f, row, w);
    }
    fprintf(f, "\ncalibrate: %zu of %zu figures within tolerance\n",
            sc_cal_count_within(t, m), t->n);
}

void sc_cal_print(FILE *f, const char *scenario, const sc_params *p,
                  const sc_cal_table *t, const sc_cal_measures *m)
{
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = (locale_t)0;

    if (cloc)
        old = uselocale(cloc);
    print_table(f, scenario, p, t, m);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
}
