/*
 * calibrate.h - the model's aggregates beside the published figures they
 * should match.
 *
 * After sc_sim_run, sc_cal_measure() reads the sim once -- its outcomes,
 * its bookings and every person of its world on the start date -- into a
 * set of counts and the measures derived from them (a detainer count a
 * year at national scale, a share of the foreign-born, ...).  A target
 * names one measure, the published figure it is compared with, how
 * (relative, absolute or at-most) and within what tolerance, and the
 * figure's source.  The shipped targets are built in (sc_cal_builtin;
 * data/calibration/targets.csv holds the same rows, and a test keeps the
 * two equal); src/io/calibrate_io.c reads other tables and writes the
 * report.  docs/calibration.md explains each figure and tolerance.
 */
#ifndef SC_CALIBRATE_H
#define SC_CALIBRATE_H

#include "scomm/sim.h"

/* The measures, in report order.  "National" = model count / scale; "a
 * year" = / period_years, period_years = (end - start + 1) / 365.2425. */
enum sc_cal_key {
    SC_CAL_DETAINERS_PER_YEAR = 0, /* national detainers a year */
    SC_CAL_BOOKINGS_PER_YEAR,      /* national bookings a year */
    SC_CAL_DECLINED_SHARE,         /* detainers not honoured / detainers */
    SC_CAL_CUSTODY_SHARE,          /* detainers ICE picked up / detainers */
    SC_CAL_NO_RECORD_SHARE,        /* detainers on bookings showing neither
                                      a removable-offence conviction nor a
                                      misdemeanour / detainers */
    SC_CAL_FOREIGN_BORN_SHARE,     /* present on the start date: born
                                      abroad, not citizens at birth /
                                      persons present */
    SC_CAL_NATURALIZED_SHARE,      /* of the foreign-born present:
                                      naturalized or derived citizens */
    SC_CAL_LPR_SHARE,              /* ... LPRs */
    SC_CAL_TEMPORARY_SHARE,        /* ... temporary */
    SC_CAL_UNAUTHORIZED_SHARE,     /* ... overstays and EWIs */
    SC_CAL_LPR_COUNT,              /* national LPRs present on start */
    SC_CAL_UNAUTHORIZED_COUNT,     /* national overstays + EWIs present */
    SC_CAL_NATURALIZATIONS_PER_YEAR, /* national SC_EV_NATURALIZE events
                                      dated in [start, end] a year */
    SC_CAL_KEYS
};

/* How a model value is compared with the published one. */
enum sc_cal_compare {
    SC_CAL_CMP_RELATIVE = 0,  /* |model / value - 1| <= tolerance */
    SC_CAL_CMP_ABSOLUTE,      /* |model - value| <= tolerance (shares) */
    SC_CAL_CMP_AT_MOST,       /* model <= value; no tolerance */
    SC_CAL_CMP_KINDS
};

/* The unit of a measure; each key has exactly one. */
enum sc_cal_unit {
    SC_CAL_U_COUNT = 0,       /* persons, national */
    SC_CAL_U_PER_YEAR,        /* events a year, national */
    SC_CAL_U_SHARE,           /* a fraction in 0..1 */
    SC_CAL_U_KINDS
};

/* What the measures are computed from: plain counts in the sim's sample
 * (not scaled), plus the two divisors. */
typedef struct sc_cal_counts {
    double scale;             /* params.scale */
    double period_years;      /* (end - start + 1) / 365.2425 */
    uint64_t bookings;
    uint64_t detainers;
    uint64_t declined;        /* detainers the jail did not honour */
    uint64_t custody;         /* detainers after which ICE took custody */
    uint64_t no_record;       /* detainers whose booking shows neither
                                 convicted nor misdemeanor */
    uint64_t present;         /* persons not SC_ST_ABSENT on start */
    uint64_t foreign_born;    /* ... with birth_kind SC_BIRTH_FOREIGN */
    uint64_t fb_by_status[SC_ST_COUNT]; /* the foreign-born present, by
                                 true status on start */
    uint64_t lpr;             /* all present with status LPR */
    uint64_t unauthorized;    /* all present, OVERSTAY or EWI */
    uint64_t naturalizations; /* SC_EV_NATURALIZE dated in the 365 days
                                 before start (histories end there) */
} sc_cal_counts;

typedef struct sc_cal_measures {
    sc_cal_counts n;
    double v[SC_CAL_KEYS];    /* by enum sc_cal_key; NAN when undefined
                                 (a share of nothing) */
} sc_cal_measures;

/* Counts and measures of a sim after sc_sim_run.  Walks every person
 * once (sc_world_truth_on on the start date) and every booking once;
 * allocates nothing.  Returns 0, or SC_EINVAL when the sim has not run. */
int sc_cal_measure(const sc_sim *s, sc_cal_measures *out);

/* The measures of a set of counts (fills v from n). */
void sc_cal_values(const sc_cal_counts *n, double v[SC_CAL_KEYS]);

/* Names as written in targets files and calibrate.json, and back; the
 * find functions return the enum value or SC_ENOENT. */
const char *sc_cal_key_name(int key);        /* "detainers_per_year" */
int sc_cal_key_find(const char *name);
int sc_cal_key_unit(int key);                /* enum sc_cal_unit */
const char *sc_cal_compare_name(int cmp);    /* "relative" */
int sc_cal_compare_find(const char *name);
const char *sc_cal_unit_name(int unit);      /* "per_year" */
int sc_cal_unit_find(const char *name);

/* ---- targets ---- */

#define SC_CAL_TEXT_MAX 256   /* figure and source, with NUL */

typedef struct sc_cal_target {
    int key;                  /* enum sc_cal_key */
    char figure[SC_CAL_TEXT_MAX]; /* what the published figure counts */
    double value;             /* the published figure, in unit */
    int compare;              /* enum sc_cal_compare */
    double tolerance;         /* NAN for at_most */
    int unit;                 /* enum sc_cal_unit; the key's own */
    char source[SC_CAL_TEXT_MAX]; /* who published it, when, and where
                                 FIGURES.md holds it */
} sc_cal_target;

/* A table holds each key at most once, in the order given. */
typedef struct sc_cal_table {
    size_t n;
    sc_cal_target v[SC_CAL_KEYS];
} sc_cal_table;

/* The shipped targets (the rows of data/calibration/targets.csv). */
const sc_cal_target *sc_cal_builtin(size_t *n);
void sc_cal_builtin_table(sc_cal_table *out);

/* Checks one target: a known key, compare and unit; the unit the key's
 * own; a finite value (0..1 for a share, non-zero when relative); a
 * tolerance >= 0 (<= 1 for a share compared absolutely) for relative and
 * absolute, NAN for at_most; non-empty figure and source.  Returns 0, or
 * SC_EINVAL with "FIELD: why" in err (SC_ERRMSG_MAX bytes), FIELD the
 * column of a targets file. */
int sc_cal_target_check(const sc_cal_target *t, char *err);

/* 1 when model meets the target, 0 when not (also when model is NAN).
 * A bound is met exactly: the comparison allows 1e-12 of the bound's
 * size for the rounding of decimal fractions (0.1 is not a double). */
int sc_cal_within(const sc_cal_target *t, double model);

/* How many of the table's figures the measures meet. */
size_t sc_cal_count_within(const sc_cal_table *t, const sc_cal_measures *m);

#endif /* SC_CALIBRATE_H */
