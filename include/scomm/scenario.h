/*
 * scenario.h - the model's parameters: one transparent struct, one table.
 *
 * Every parameter has exactly one entry in the key table (scenario.c): its
 * INI section and key, type, default, range, unit, meaning and source.  The
 * same table sets the defaults, checks values read from a scenario file,
 * lists the keys for `scomm params` and generates docs/parameters.md, so the
 * documentation cannot drift from the code.  Reading the INI file itself is
 * the job of src/io/ini_reader.c; this module only validates.
 */
#ifndef SC_SCENARIO_H
#define SC_SCENARIO_H

#include "scomm/common.h"

#define SC_PARAM_STR_MAX 256

/* Status groups used for population shares and booking rates. */
enum sc_group {
    SC_GROUP_USBORN = 0,     /* citizen by birth in the U.S. */
    SC_GROUP_ACQUIRED,       /* citizen at birth abroad to citizen parents */
    SC_GROUP_NATURALIZED,    /* naturalized or derived citizen */
    SC_GROUP_LPR,            /* lawful permanent resident */
    SC_GROUP_TEMPORARY,      /* valid temporary admission */
    SC_GROUP_UNAUTHORIZED,   /* entered without inspection or overstayed */
    SC_GROUP_COUNT
};

/* Fingerprint quality classes at booking. */
enum sc_quality { SC_Q_GOOD = 0, SC_Q_FAIR, SC_Q_POOR, SC_Q_COUNT };

typedef struct sc_params {
    /* [run] */
    uint64_t seed;              /* master seed of every random stream */
    double scale;               /* sample fraction of the U.S. (0.01 = 1:100) */
    sc_date start, end;         /* booking period, both days inclusive */
    char policy[SC_PARAM_STR_MAX];   /* detainer policy name */
    char geo_dir[SC_PARAM_STR_MAX];  /* county data folder, "" = states */

    /* [world] */
    double population;          /* U.S. residents at scale 1 */
    double foreign_born_share;  /* foreign-born / residents */
    double fb_naturalized, fb_lpr, fb_temporary, fb_unauthorized;
                                /* status mix of the foreign-born, sum 1 */
    double acquired_share;      /* natives born abroad to citizen parents */
    double fb_child_share;      /* foreign-born who came as a parent's child */
    double ewi_share;           /* unauthorized who entered uninspected */
    double married_share;       /* adults who have married */
    double marriage_name_change;/* married women taking the husband's name */
    double usborn_hispanic, usborn_east_asian, usborn_south_asian,
        usborn_arabic;          /* naming traditions of natives; rest Anglo */
    double conviction_share;    /* adults with a removable-offense conviction */
    double naturalization_delay_years; /* mean wait from eligibility to
                                   the oath (truncated at the start) */
    double naturalized_since_years; /* mean years since the oath of the
                                   naturalized on the start date */
    double misdemeanor_share;   /* adults with a significant-misdemeanour
                                   conviction (not removable by itself) */
    double apprehended_share;   /* unauthorized ever apprehended by DHS */
    double order_share;         /* apprehended who got a final order */
    double removed_returned;    /* ordered who were removed and came back */

    /* [registry] */
    double ident_entry_pre2004; /* inspected entries fingerprinted, < 2004 */
    double ident_entry_post2004;/* inspected entries fingerprinted, >= 2004 */
    double ident_apprehension;  /* apprehensions enrolled in IDENT */
    double ident_benefit;       /* benefit biometrics enrolled in IDENT */
    double ident_citizen_share; /* U.S.-born citizens with an IDENT record */
    double post_naturalization; /* naturalizations posted to the A-file index */
    double post_adjustment;     /* adjustments to LPR posted to the index */
    double post_lag_days;       /* mean posting lag, days */
    double n600_share;          /* derived/acquired citizens who file N-600 */
    double n600_lag_years;      /* mean years from derivation to N-600 */
    double benefit_recorded_pre1996; /* benefit decisions before 1996 in
                                        the electronic case systems */
    double benefit_recorded;    /* the same, from 1996 on */
    double departure_recorded;  /* departures captured by arrival/departure */
    double omission;            /* any other record never written */
    double name_typo;           /* per name field, a transcription error */
    double dob_error;           /* date of birth recorded wrongly */
    double name_order_swap;     /* given and family names swapped */
    double name_order_swap_east_asian; /* the same, East Asian names */
    double misattach;           /* record filed under another person */
    double one_surname;         /* Hispanic: only the first surname kept */
    double translit_variant;    /* Arabic: another romanization written */

    /* [booking] */
    double rate[SC_GROUP_COUNT];/* bookings per 1,000 residents per year */
    double male_share;          /* share of bookings that are men */
    double pob_missing;         /* place of birth left blank */
    double pob_wrong_foreign;   /* U.S.-born recorded as foreign-born */
    double pob_wrong_us;        /* foreign-born recorded as U.S.-born */
    double booking_name_typo;   /* per name field, clerk's typo */
    double booking_dob_error;   /* clerk's wrong date of birth */
    double booking_name_order_swap; /* clerk swaps name order */
    double booking_one_surname; /* Hispanic: clerk keeps one surname */
    double booking_translit_variant; /* Arabic: clerk's own romanization */
    double manual_iaq_share;    /* bookings for which the jail sends a
                                   manual IAQ (foreign birthplace) */
    double quality[SC_Q_COUNT]; /* fingerprint quality mix, sum 1 */

    /* [biometric] */
    double miss[SC_Q_COUNT];    /* miss rate of a mated search by quality */
    double false_hit;           /* false-hit rate per search at ref gallery */
    double false_hit_gallery;   /* reference gallery size (identities) */

    /* [pipeline] */
    int query_foreign_pob;      /* 1: foreign POB without hit sends a query */

    /* [review] */
    double match_threshold;     /* name search: least match probability */
    /* [officer] the individualized officer's own review (officer.h) */
    double afile_doc_missing;   /* a paper A-file lacks a document */
    double claim_share;         /* citizens by birth in the U.S. or by
                                   naturalization who claim citizenship */
    double claim_share_derived; /* derived and acquired citizens who do */
    double false_claim_share;   /* non-citizens who claim U.S. birth */
    double birth_record_found;  /* a U.S. birth is found in state vital
                                   records */
    double state_record_acquired; /* an acquired citizen has a State
                                   Department record (CRBA, passport) */

    /* [jail] */
    double hold_hours;          /* maximum hold past release, hours */
    double decline_share;       /* jurisdictions that decline detainers */
    double pickup_share;        /* honoured detainers ICE picks up */

    /* Not a model parameter: worker threads for the stages that use
     * them (0 = every online processor).  Results never depend on it, so
     * it has no key, is never read from a scenario and never stored. */
    int threads;

    /* Not a model parameter either: 1 when the scenario file defines the
     * policy named in `policy` itself, in a [policy.NAME] section (set by
     * sc_ini_load, read by src/io/policy_reader.c).  sc_params_validate
     * then accepts a name that is not a shipped policy, and the caller
     * gives the sim its rules with sc_sim_set_policy() before
     * sc_sim_run(). */
    int policy_custom;
} sc_params;

enum sc_param_type {
    SC_PT_DOUBLE, SC_PT_INT, SC_PT_U64, SC_PT_DATE, SC_PT_STRING
};

/* One row of the key table. */
typedef struct sc_param_key {
    const char *section;    /* INI section, e.g. "world" */
    const char *name;       /* INI key, e.g. "foreign_born_share" */
    enum sc_param_type type;
    size_t offset;          /* offsetof(sc_params, field) */
    const char *def;        /* default, as it would be written in a file */
    double min, max;        /* inclusive range for numbers */
    const char *unit;       /* "share", "days", "per 1,000 per year", ... */
    const char *doc;        /* one-line meaning */
    const char *source;     /* FIGURES.md citation, or "assumption" */
} sc_param_key;

/* The key table and its length. */
const sc_param_key *sc_param_keys(size_t *n);

/* Finds a key; NULL if the section/key pair does not exist. */
const sc_param_key *sc_param_find(const char *section, const char *name);

/* Fills p with every default.  Cannot fail. */
void sc_params_init(sc_params *p);

/* Parses `value` for the key and stores it in p.  On error returns
 * SC_ENOENT (unknown key) or SC_EINVAL/SC_ERANGE and writes "key: why"
 * into err (SC_ERRMSG_MAX bytes). */
int sc_params_set(sc_params *p, const char *section, const char *name,
                  const char *value, char *err);

/* Writes the value of one key as text (as a scenario file would hold it). */
void sc_params_get(const sc_params *p, const sc_param_key *k, char *buf,
                   size_t len);

/* Checks the constraints between keys (shares summing to 1, start <= end,
 * a known policy).  Returns 0 or SC_EINVAL with the reason in err. */
int sc_params_validate(const sc_params *p, char *err);

/* Threads a stage should use: p->threads, or the online processors when
 * it is 0, clamped to 1..max. */
int sc_params_threads(const sc_params *p, int max);

/* The number of days in the booking period. */
int sc_params_days(const sc_params *p);

#endif /* SC_SCENARIO_H */
