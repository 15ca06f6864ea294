/*
 * summary.c - summary.json and the one-screen text summary of a run.
 *
 * Both read only sc_sim_params() and sc_sim_totals(): the totals are
 * summed by the sim in a fixed order, so equal runs give equal numbers,
 * and this module only lays them out.  The JSON is built as a jansson
 * object with keys inserted in a fixed order and dumped with
 * JSON_PRESERVE_ORDER; reals are printed with 15 significant digits
 * (JSON_REAL_PRECISION), enough to round-trip the decimal values written
 * here (the scale as given, hold hours rounded to 0.1 h) without the
 * 0.30000000000000004 tails of jansson's default 17.  jansson writes a
 * '.' whatever the locale; the text summary pins the C locale itself.
 *
 * Workload: once per run.
 */
#include "scomm/io/summary.h"

#include <inttypes.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/io/json_out.h"
#include "scomm/judge.h"
#include "scomm/registry.h"
#include "scomm/scenario.h"
#include "scomm/sim.h"
#include "scomm/world.h"

/* Hours to one decimal: a tenth of an hour (6 minutes) is finer than any
 * jail's release time is known. */
static double round_tenth(double h)
{
    return round(h * 10.0) / 10.0;
}

static json_t *count(uint64_t v)
{
    /* A count above 2^63 cannot happen (it would need that many
     * bookings); clamp rather than wrap. */
    return json_integer(v > (uint64_t)INT64_MAX ? INT64_MAX : (json_int_t)v);
}

static json_t *by_status(sc_json_builder *b, const uint64_t *v)
{
    json_t *o = json_object();
    int i;

    for (i = 0; i < SC_ST_COUNT; i++)
        sc_json_set(b, o, sc_status_name(i), count(v[i]));
    return o;
}

static json_t *build(const sc_sim *s, const char *scenario)
{
    const sc_params *p = sc_sim_params(s);
    const sc_totals *t = sc_sim_totals(s);
    sc_json_builder b = {1};
    json_t *root = json_object(), *o;
    char date[16];
    int i;

    sc_json_set(&b, root, "scenario", json_string(scenario ? scenario : ""));
    /* JSON integers are signed 64-bit in jansson; a seed above that is
     * written as a decimal string rather than wrapped. */
    if (p->seed <= (uint64_t)INT64_MAX) {
        sc_json_set(&b, root, "seed", json_integer((json_int_t)p->seed));
    } else {
        char seed[32];
        snprintf(seed, sizeof seed, "%" PRIu64, p->seed);
        sc_json_set(&b, root, "seed", json_string(seed));
    }
    sc_json_set(&b, root, "version", json_string(SC_VERSION));
    sc_json_set(&b, root, "scale", json_real(p->scale));
    sc_json_set(&b, root, "start", json_string(sc_date_format(p->start, date)));
    sc_json_set(&b, root, "end", json_string(sc_date_format(p->end, date)));
    sc_json_set(&b, root, "policy", json_string(p->policy));
    sc_json_set(&b, root, "persons", count(t->persons));

    o = json_object();
    for (i = 0; i < SC_REG_COUNT; i++)
        sc_json_set(&b, o, sc_registry_name(i), count(t->records[i]));
    sc_json_set(&b, root, "records", o);

    sc_json_set(&b, root, "bookings", count(t->bookings));
    sc_json_set(&b, root, "searched", count(t->searched));
    sc_json_set(&b, root, "ident_hits", count(t->ident_hits));
    sc_json_set(&b, root, "false_hits", count(t->false_hits));
    sc_json_set(&b, root, "queries", count(t->queries));
    o = json_object();
    sc_json_set(&b, o, "afile_read", count(t->afile_read));
    sc_json_set(&b, o, "afile_citizen", count(t->afile_citizen));
    sc_json_set(&b, o, "parent_citizen", count(t->parent_citizen));
    sc_json_set(&b, o, "claims", count(t->claims));
    sc_json_set(&b, o, "claims_verified", count(t->claims_verified));
    sc_json_set(&b, root, "officer", o);
    sc_json_set(&b, root, "detainers", count(t->detainers));
    sc_json_set(&b, root, "detainers_supported", count(t->supported));

    o = json_object();
    sc_json_set(&b, o, "citizen", count(t->wrong_citizen));
    sc_json_set(&b, o, "lawful_not_removable", count(t->wrong_lawful));
    sc_json_set(&b, o, "other", count(t->wrong_other));
    sc_json_set(&b, root, "detainers_wrongful", o);

    sc_json_set(&b, root, "missed", count(t->missed));
    sc_json_set(&b, root, "honoured", count(t->honoured));

    o = json_object();
    sc_json_set(&b, o, "total", json_real(round_tenth(t->hold_hours)));
    sc_json_set(&b, o, "wrongful",
                json_real(round_tenth(t->hold_hours_wrongful)));
    sc_json_set(&b, root, "hold_hours", o);

    o = json_object();
    for (i = SC_CAUSE_NONE + 1; i < SC_CAUSE_COUNT; i++)
        sc_json_set(&b, o, sc_cause_name(i), count(t->causes[i]));
    sc_json_set(&b, root, "causes", o);
    o = json_object();
    for (i = SC_CAUSE_NONE + 1; i < SC_CAUSE_COUNT; i++)
        sc_json_set(&b, o, sc_cause_name(i), count(t->contributing[i]));
    sc_json_set(&b, root, "causes_contributing", o);

    sc_json_set(&b, root, "bookings_by_status",
                by_status(&b, t->bookings_by_status));
    sc_json_set(&b, root, "detainers_by_status",
        by_status(&b, t->detainers_by_status));

    if (!b.ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int sc_summary_write_json(const sc_sim *s, const char *scenario,
                          const char *path, char *err)
{
    json_t *root = build(s, scenario);
    int rc;

    if (!root) {
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", path);
        return SC_ENOMEM;
    }
    rc = sc_json_write(root, path, err);
    json_decref(root);
    return rc;
}

/* Causes in descending count, ties by name: the first lines are the
 * answer to "why". */
typedef struct cause_row {
    const char *name;
    uint64_t n;           /* as primary cause */
    uint64_t contrib;     /* as contributing cause */
} cause_row;

static int cause_cmp(const void *a, const void *b)
{
    const cause_row *x = a, *y = b;

    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    if (x->contrib != y->contrib)
        return x->contrib < y->contrib ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* "12.3%" of part in whole, or "-" when whole is 0. */
static const char *percent(uint64_t part, uint64_t whole, char *buf,
                           size_t len)
{
    if (whole == 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.1f%%", 100.0 * (double)part / (double)whole);
    return buf;
}

static void print_summary(const sc_sim *s, const char *scenario, FILE *f)
{
    const sc_params *p = sc_sim_params(s);
    const sc_totals *t = sc_sim_totals(s);
    cause_row rows[SC_CAUSE_COUNT];
    char d1[16], d2[16], pc[32];
    uint64_t wrongful = t->wrong_citizen + t->wrong_lawful + t->wrong_other;
    size_t nrows = 0, i;
    int c;

    fprintf(f, "scenario   %s (seed %" PRIu64 ", scale %g)\n",
            scenario ? scenario : "", p->seed, p->scale);
    fprintf(f, "period     %s to %s, policy %s\n",
            sc_date_format(p->start, d1), sc_date_format(p->end, d2),
            p->policy);
    fprintf(f, "persons    %" PRIu64 "\n", t->persons);
    fprintf(f, "bookings   %" PRIu64 "\n", t->bookings);
    fprintf(f, "IDENT      %" PRIu64 " searched, %" PRIu64 " hits (%s), "
               "%" PRIu64 " false hits\n",
            t->searched, t->ident_hits,
            percent(t->ident_hits, t->searched, pc, sizeof pc),
            t->false_hits);
    fprintf(f, "queries    %" PRIu64 "\n", t->queries);
    fprintf(f, "officer    %" PRIu64 " A-files read (%" PRIu64 " show "
               "citizenship), %" PRIu64 " possible derivations\n"
               "           %" PRIu64 " claims of citizenship heard, %" PRIu64
               " verified\n",
            t->afile_read, t->afile_citizen, t->parent_citizen, t->claims,
            t->claims_verified);
    fprintf(f, "detainers  %" PRIu64 "\n", t->detainers);
    fprintf(f, "  supported                %" PRIu64 "\n", t->supported);
    fprintf(f, "  wrongful                 %" PRIu64 " (%s of detainers)\n",
            wrongful, percent(wrongful, t->detainers, pc, sizeof pc));
    fprintf(f, "    citizens               %" PRIu64 "\n", t->wrong_citizen);
    fprintf(f, "    lawful, not removable  %" PRIu64 "\n", t->wrong_lawful);
    fprintf(f, "    other                  %" PRIu64 "\n", t->wrong_other);
    fprintf(f, "missed     %" PRIu64 " bookings of removable persons, no "
               "detainer\n", t->missed);
    fprintf(f, "honoured   %" PRIu64 "\n", t->honoured);
    fprintf(f, "hold hours %.1f, on wrongful detainers %.1f\n",
            round_tenth(t->hold_hours), round_tenth(t->hold_hours_wrongful));

    for (c = SC_CAUSE_NONE + 1; c < SC_CAUSE_COUNT; c++) {
        rows[nrows].name = sc_cause_name(c);
        rows[nrows].n = t->causes[c];
        rows[nrows].contrib = t->contributing[c];
        nrows++;
    }
    qsort(rows, nrows, sizeof rows[0], cause_cmp);
    fprintf(f, "causes of wrongful detainers       primary  contributing\n");
    for (i = 0; i < nrows; i++)
        fprintf(f, "  %-30s %8" PRIu64 " %13" PRIu64 "\n", rows[i].name,
                rows[i].n, rows[i].contrib);
}

void sc_summary_print(const sc_sim *s, const char *scenario, FILE *f)
{
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = (locale_t)0;

    if (cloc)
        old = uselocale(cloc);
    print_summary(s, scenario, f);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
}
