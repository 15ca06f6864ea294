/*
 * calibrate.c - the model's aggregates and the published figures they are
 * compared with.
 *
 * sc_cal_measure() reads a finished sim in two passes: the outcomes with
 * their bookings (detainers, and what the jail and ICE did with them),
 * then every person of the world with its true status on the start date
 * and its events (the population base rates and the naturalizations of
 * the period).  Only counts are kept; sc_cal_values() turns them into the
 * measures, scaled to the nation and to a year where the figure is a
 * national count.  The shipped targets are rows of the table `builtin`
 * below, the same rows as data/calibration/targets.csv (test_calibrate
 * checks that they agree); why each tolerance is what it is, is in
 * docs/calibration.md.
 *
 * Data: sc_cal_counts, a few dozen integers.  Workload: once per run, one
 * sc_world_truth_on() per person (3.3 million at 1:100) and one look at
 * each booking; no allocation.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scomm/calibrate.h"

/* Days in a mean Gregorian year: the period's length in years. */
#define DAYS_PER_YEAR 365.2425

/* Relative slack on a bound: a value written in decimal (0.1) is not a
 * double, so model and value that agree in decimal may differ in the last
 * bits; 1e-12 is far below any tolerance anyone would write. */
#define BOUND_SLACK 1e-12

static const struct {
    const char *name;
    int unit;
} keys[SC_CAL_KEYS] = {
    [SC_CAL_DETAINERS_PER_YEAR] = {"detainers_per_year", SC_CAL_U_PER_YEAR},
    [SC_CAL_BOOKINGS_PER_YEAR] = {"bookings_per_year", SC_CAL_U_PER_YEAR},
    [SC_CAL_DECLINED_SHARE] = {"declined_share", SC_CAL_U_SHARE},
    [SC_CAL_CUSTODY_SHARE] = {"custody_share", SC_CAL_U_SHARE},
    [SC_CAL_NO_RECORD_SHARE] = {"no_record_share", SC_CAL_U_SHARE},
    [SC_CAL_FOREIGN_BORN_SHARE] = {"foreign_born_share", SC_CAL_U_SHARE},
    [SC_CAL_NATURALIZED_SHARE] = {"naturalized_share", SC_CAL_U_SHARE},
    [SC_CAL_LPR_SHARE] = {"lpr_share", SC_CAL_U_SHARE},
    [SC_CAL_TEMPORARY_SHARE] = {"temporary_share", SC_CAL_U_SHARE},
    [SC_CAL_UNAUTHORIZED_SHARE] = {"unauthorized_share", SC_CAL_U_SHARE},
    [SC_CAL_LPR_COUNT] = {"lpr_count", SC_CAL_U_COUNT},
    [SC_CAL_UNAUTHORIZED_COUNT] = {"unauthorized_count", SC_CAL_U_COUNT},
    [SC_CAL_NATURALIZATIONS_PER_YEAR] = {"naturalizations_per_year",
                                         SC_CAL_U_PER_YEAR},
};

static const char *const compare_names[SC_CAL_CMP_KINDS] = {
    [SC_CAL_CMP_RELATIVE] = "relative",
    [SC_CAL_CMP_ABSOLUTE] = "absolute",
    [SC_CAL_CMP_AT_MOST] = "at_most",
};

static const char *const unit_names[SC_CAL_U_KINDS] = {
    [SC_CAL_U_COUNT] = "count",
    [SC_CAL_U_PER_YEAR] = "per_year",
    [SC_CAL_U_SHARE] = "share",
};

/* ---- names ---- */

const char *sc_cal_key_name(int key)
{
    return key >= 0 && key < SC_CAL_KEYS ? keys[key].name : "?";
}

int sc_cal_key_find(const char *name)
{
    for (int k = 0; k < SC_CAL_KEYS; k++)
        if (strcmp(keys[k].name, name) == 0)
            return k;
    return SC_ENOENT;
}

int sc_cal_key_unit(int key)
{
    return key >= 0 && key < SC_CAL_KEYS ? keys[key].unit : SC_ENOENT;
}

const char *sc_cal_compare_name(int cmp)
{
    return cmp >= 0 && cmp < SC_CAL_CMP_KINDS ? compare_names[cmp] : "?";
}

int sc_cal_compare_find(const char *name)
{
    for (int c = 0; c < SC_CAL_CMP_KINDS; c++)
        if (strcmp(compare_names[c], name) == 0)
            return c;
    return SC_ENOENT;
}

const char *sc_cal_unit_name(int unit)
{
    return unit >= 0 && unit < SC_CAL_U_KINDS ? unit_names[unit] : "?";
}

int sc_cal_unit_find(const char *name)
{
    for (int u = 0; u < SC_CAL_U_KINDS; u++)
        if (strcmp(unit_names[u], name) == 0)
            return u;
    return SC_ENOENT;
}

/* ---- measures ---- */

static double share(uint64_t part, uint64_t whole)
{
    return whole ? (double)part / (double)whole : NAN;
}

void sc_cal_values(const sc_cal_counts *n, double v[SC_CAL_KEYS])
{
    /* National: the sample is scale x the U.S., so a count divided by
     * the scale is the nation's. */
    double national = n->scale > 0 ? 1.0 / n->scale : NAN;
    double yearly = n->period_years > 0 ? national / n->period_years : NAN;
    const uint64_t *fb = n->fb_by_status;

    v[SC_CAL_DETAINERS_PER_YEAR] = (double)n->detainers * yearly;
    v[SC_CAL_BOOKINGS_PER_YEAR] = (double)n->bookings * yearly;
    v[SC_CAL_DECLINED_SHARE] = share(n->declined, n->detainers);
    v[SC_CAL_CUSTODY_SHARE] = share(n->custody, n->detainers);
    v[SC_CAL_NO_RECORD_SHARE] = share(n->no_record, n->detainers);
    v[SC_CAL_FOREIGN_BORN_SHARE] = share(n->foreign_born, n->present);
    /* Derived citizens count with the naturalized, as the survey
     * figures do: both are citizens who were not citizens at birth. */
    v[SC_CAL_NATURALIZED_SHARE] =
        share(fb[SC_ST_NATURALIZED] + fb[SC_ST_DERIVED], n->foreign_born);
    v[SC_CAL_LPR_SHARE] = share(fb[SC_ST_LPR], n->foreign_born);
    v[SC_CAL_TEMPORARY_SHARE] = share(fb[SC_ST_TEMPORARY], n->foreign_born);
    v[SC_CAL_UNAUTHORIZED_SHARE] =
        share(fb[SC_ST_OVERSTAY] + fb[SC_ST_EWI], n->foreign_born);
    v[SC_CAL_LPR_COUNT] = (double)n->lpr * national;
    v[SC_CAL_UNAUTHORIZED_COUNT] = (double)n->unauthorized * national;
    /* Counted over the 365 days before the start: the world's histories
     * end on the start date (docs/status-rules.md). */
    v[SC_CAL_NATURALIZATIONS_PER_YEAR] =
        (double)n->naturalizations * national * DAYS_PER_YEAR / 365.0;
}

int sc_cal_measure(const sc_sim *s, sc_cal_measures *out)
{
    const sc_params *p = sc_sim_params(s);
    const sc_outcome *o = sc_sim_outcomes(s);
    const sc_world *w = sc_sim_world(s);
    sc_cal_counts *n = &out->n;
    const sc_booking *b;
    size_t nb, np;

    memset(out, 0, sizeof *out);
    b = sc_sim_bookings(s, &nb);
    if (!o || (nb > 0 && !b) || !w)
        return SC_EINVAL;
    n->scale = p->scale;
    n->period_years =
        ((double)p->end - (double)p->start + 1.0) / DAYS_PER_YEAR;

    n->bookings = nb;
    for (size_t i = 0; i < nb; i++) {
        if (!o[i].decision.detainer)
            continue;
        n->detainers++;
        n->declined += !o[i].jail.honoured;
        n->custody += o[i].jail.picked_up != 0;
        n->no_record += !b[i].convicted && !b[i].misdemeanor;
    }

    np = sc_world_count(w);
    for (size_t id = 0; id < np; id++) {
        const sc_person *pe = sc_world_person(w, (uint32_t)id);
        const sc_event *ev;
        size_t ne;
        sc_truth t;

        /* Events first: the naturalizations of the year before the
         * start, whoever has left since. */
        ev = sc_world_events(w, (uint32_t)id, &ne);
        for (size_t e = 0; e < ne; e++)
            if (ev[e].kind == SC_EV_NATURALIZE &&
                ev[e].date >= p->start - 365 && ev[e].date < p->start)
                n->naturalizations++;

        sc_world_truth_on(w, (uint32_t)id, p->start, &t);
        if (t.status == SC_ST_ABSENT || t.status >= SC_ST_COUNT)
            continue;
        n->present++;
        n->lpr += t.status == SC_ST_LPR;
        n->unauthorized += t.status == SC_ST_OVERSTAY ||
                           t.status == SC_ST_EWI;
        if (pe->birth_kind == SC_BIRTH_FOREIGN) {
            n->foreign_born++;
            n->fb_by_status[t.status]++;
        }
    }
    sc_cal_values(n, out->v);
    return 0;
}

/* ---- targets ---- */

/* The shipped targets: data/calibration/targets.csv holds the same rows
 * in the same order (test_calibrate compares them field by field).  The
 * reasons for each tolerance are in docs/calibration.md. */
static const sc_cal_target builtin[] = {
    {SC_CAL_DETAINERS_PER_YEAR,
     "ICE detainers issued a year (all ICE detainers; S-COMM's are a "
     "subset)",
     209208, SC_CAL_CMP_RELATIVE, 0.25, SC_CAL_U_PER_YEAR,
     "TRAC, FY2013 (FIGURES.md, Volumes)"},
    {SC_CAL_BOOKINGS_PER_YEAR, "jail admissions a year",
     10600000, SC_CAL_CMP_RELATIVE, 0.15, SC_CAL_U_PER_YEAR,
     "BJS, Jail Inmates in 2017 (FIGURES.md, Volumes)"},
    {SC_CAL_DECLINED_SHARE, "share of detainers the jail declined",
     0.061, SC_CAL_CMP_ABSOLUTE, 0.04, SC_CAL_U_SHARE,
     "TRAC, Oct 2013 - Dec 2015 (FIGURES.md, Declined detainers)"},
    {SC_CAL_CUSTODY_SHARE,
     "share of detainers after which ICE took custody (fewer than 40%)",
     0.40, SC_CAL_CMP_AT_MOST, NAN, SC_CAL_U_SHARE,
     "TRAC, mid-2016 (FIGURES.md, Volumes)"},
    {SC_CAL_NO_RECORD_SHARE,
     "share of detainer subjects with no criminal record",
     0.774, SC_CAL_CMP_ABSOLUTE, 0.10, SC_CAL_U_SHARE,
     "TRAC report 310, FY2008-2011 (FIGURES.md, Volumes)"},
    {SC_CAL_FOREIGN_BORN_SHARE, "foreign-born share of the population",
     0.137, SC_CAL_CMP_ABSOLUTE, 0.01, SC_CAL_U_SHARE,
     "ACS 2018 (FIGURES.md, Population base rates)"},
    {SC_CAL_NATURALIZED_SHARE, "naturalized citizens among immigrants",
     0.45, SC_CAL_CMP_ABSOLUTE, 0.03, SC_CAL_U_SHARE,
     "Pew, 2017 (FIGURES.md, Population base rates)"},
    {SC_CAL_LPR_SHARE, "lawful permanent residents among immigrants",
     0.27, SC_CAL_CMP_ABSOLUTE, 0.03, SC_CAL_U_SHARE,
     "Pew, 2017 (FIGURES.md, Population base rates)"},
    {SC_CAL_TEMPORARY_SHARE, "lawful temporary residents among immigrants",
     0.05, SC_CAL_CMP_ABSOLUTE, 0.02, SC_CAL_U_SHARE,
     "Pew, 2017 (FIGURES.md, Population base rates)"},
    {SC_CAL_UNAUTHORIZED_SHARE, "unauthorized immigrants among immigrants",
     0.23, SC_CAL_CMP_ABSOLUTE, 0.03, SC_CAL_U_SHARE,
     "Pew, 2017 (FIGURES.md, Population base rates)"},
    {SC_CAL_LPR_COUNT, "lawful permanent residents living in the U.S.",
     13300000, SC_CAL_CMP_RELATIVE, 0.10, SC_CAL_U_COUNT,
     "DHS OIS, 2012 (FIGURES.md, Population base rates)"},
    {SC_CAL_UNAUTHORIZED_COUNT, "unauthorized immigrants living in the U.S.",
     11400000, SC_CAL_CMP_RELATIVE, 0.10, SC_CAL_U_COUNT,
     "DHS, 2012 (FIGURES.md, Population base rates)"},
    {SC_CAL_NATURALIZATIONS_PER_YEAR,
     "naturalizations a year (derived citizens not counted)",
     760000, SC_CAL_CMP_RELATIVE, 0.15, SC_CAL_U_PER_YEAR,
     "FY2015-2019, 707,265 to 843,600 a year (FIGURES.md, Population "
     "base rates)"},
};

#define N_BUILTIN (sizeof builtin / sizeof builtin[0])

const sc_cal_target *sc_cal_builtin(size_t *n)
{
    *n = N_BUILTIN;
    return builtin;
}

void sc_cal_builtin_table(sc_cal_table *out)
{
    memset(out, 0, sizeof *out);
    out->n = N_BUILTIN;
    memcpy(out->v, builtin, sizeof builtin);
}

static int bad(char *err, const char *field, const char *what)
{
    snprintf(err, SC_ERRMSG_MAX, "%s: %s", field, what);
    return SC_EINVAL;
}

int sc_cal_target_check(const sc_cal_target *t, char *err)
{
    const char *name;

    if (t->key < 0 || t->key >= SC_CAL_KEYS)
        return bad(err, "key", "not a calibration key");
    name = keys[t->key].name;
    if (t->compare < 0 || t->compare >= SC_CAL_CMP_KINDS)
        return bad(err, "compare",
                   "not one of relative, absolute, at_most");
    if (t->unit < 0 || t->unit >= SC_CAL_U_KINDS)
        return bad(err, "unit", "not one of count, per_year, "
                   "share");
    if (t->unit != keys[t->key].unit) {
        snprintf(err, SC_ERRMSG_MAX, "unit: '%s' is not the unit of '%s' "
                 "(%s)", unit_names[t->unit], name,
                 unit_names[keys[t->key].unit]);
        return SC_EINVAL;
    }
    if (!isfinite(t->value))
        return bad(err, "value", "not a finite number");
    if (t->unit == SC_CAL_U_SHARE && (t->value < 0 || t->value > 1))
        return bad(err, "value", "a share must lie in 0..1");
    if (t->unit != SC_CAL_U_SHARE && t->value < 0)
        return bad(err, "value", "a count cannot be negative");
    if (t->compare == SC_CAL_CMP_RELATIVE && t->value == 0)
        return bad(err, "value", "a relative comparison needs "
                   "a value other than 0");
    if (t->compare == SC_CAL_CMP_AT_MOST) {
        if (!isnan(t->tolerance))
            return bad(err, "tolerance", "must be empty for "
                       "at_most (the value is the bound)");
    } else {
        if (!isfinite(t->tolerance) || t->tolerance < 0)
            return bad(err, "tolerance", "must be a number >= 0 "
                       "for relative and absolute");
        if (t->compare == SC_CAL_CMP_ABSOLUTE &&
            t->unit == SC_CAL_U_SHARE && t->tolerance > 1)
            return bad(err, "tolerance", "a share's absolute "
                       "tolerance must lie in 0..1");
    }
    if (!memchr(t->figure, '\0', sizeof t->figure) || !t->figure[0])
        return bad(err, "figure", "empty");
    if (!memchr(t->source, '\0', sizeof t->source) || !t->source[0])
        return bad(err, "source", "empty: every figure needs "
                   "its source");
    return 0;
}

int sc_cal_within(const sc_cal_target *t, double model)
{
    if (isnan(model) || !isfinite(t->value))
        return 0;
    switch (t->compare) {
    case SC_CAL_CMP_RELATIVE:
        if (t->value == 0)
            return 0;
        return fabs(model / t->value - 1.0) <= t->tolerance + BOUND_SLACK;
    case SC_CAL_CMP_ABSOLUTE:
        return fabs(model - t->value) <=
               t->tolerance + BOUND_SLACK * fmax(1.0, fabs(t->value));
    case SC_CAL_CMP_AT_MOST:
        return model <= t->value + BOUND_SLACK * fmax(1.0, fabs(t->value));
    default:
        return 0;
    }
}

size_t sc_cal_count_within(const sc_cal_table *t, const sc_cal_measures *m)
{
    size_t k = 0;

    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].key >= 0 && t->v[i].key < SC_CAL_KEYS)
            k += (size_t)sc_cal_within(&t->v[i], m->v[t->v[i].key]);
    return k;
}
