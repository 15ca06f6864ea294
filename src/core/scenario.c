/*
 * scenario.c - the parameter table: defaults, ranges, units, sources.
 *
 * One row per parameter.  Defaults are written as text and parsed by the
 * same code that reads scenario files, so a default is valid by
 * construction, and `scomm params --markdown` prints docs/parameters.md
 * from this table.  Sources cite ../shared/calibration/FIGURES.md; a
 * parameter with no published figure says "assumption" and gives the range
 * that `scomm sweep` should vary.
 */
#include "scomm/scenario.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/policy.h"

#define OFF(f) offsetof(sc_params, f)
#define D(sec, key, f, def, lo, hi, unit, doc, src) \
    { sec, key, SC_PT_DOUBLE, OFF(f), def, lo, hi, unit, doc, src }

#define BOOKING_SRC "assumption (range: half to twice); calibrated so " \
    "that bookings total about 10.6 million a year (BJS, Jail Inmates in " \
    "2017) and non-citizen bookings about 1 million (ICE, 2011)"
#define Q_SRC "assumption (range 0.6-0.95 good, 0.03-0.3 fair, 0-0.1 poor)"

static const sc_param_key keys[] = {
    /* [run] */
    { "run", "seed", SC_PT_U64, OFF(seed), "1", 0, 1.8e19, "integer",
      "master seed of every random stream", "run setting" },
    D("run", "scale", scale, "0.01", 1e-7, 1.0, "fraction",
      "sample fraction of the U.S. population (0.01 = 1:100)",
      "run setting"),
    { "run", "start", SC_PT_DATE, OFF(start), "2012-10-01", 0, 0, "date",
      "first day of the booking period",
      "FY2013, the first full year of nationwide S-COMM (FIGURES: "
      "rollout; 209,208 detainers in FY2013)" },
    { "run", "end", SC_PT_DATE, OFF(end), "2013-09-30", 0, 0, "date",
      "last day of the booking period (inclusive)", "as start" },
    { "run", "policy", SC_PT_STRING, OFF(policy), "database-only", 0, 0,
      "name", "detainer policy: database-only, priorities-2014, "
      "individualized, judicial, or a [policy.NAME] of the scenario",
      "DESIGN.md policies; FIGURES: Gonzalez v. ICE findings" },
    { "run", "geo_dir", SC_PT_STRING, OFF(geo_dir), "", 0, 0, "path",
      "folder of county files in the format of shared/data/geo; empty "
      "runs at state level", "run setting" },

    /* [world] */
    D("world", "population", population, "326300000", 1, 1e9, "persons",
      "U.S. residents at scale 1",
      "FIGURES: 44.7 million foreign-born = 13.7% (2018 ACS)"),
    D("world", "foreign_born_share", foreign_born_share, "0.137", 0, 1,
      "share", "foreign-born share of residents", "FIGURES: 2018 ACS"),
    D("world", "fb_naturalized", fb_naturalized, "0.45", 0, 1, "share",
      "foreign-born who are naturalized citizens",
      "FIGURES: Pew 2017 split (45/27/5/23)"),
    D("world", "fb_lpr", fb_lpr, "0.27", 0, 1, "share",
      "foreign-born who are lawful permanent residents",
      "FIGURES: Pew 2017 split"),
    D("world", "fb_temporary", fb_temporary, "0.05", 0, 1, "share",
      "foreign-born on a temporary admission", "FIGURES: Pew 2017 split"),
    D("world", "fb_unauthorized", fb_unauthorized, "0.23", 0, 1, "share",
      "foreign-born without status", "FIGURES: Pew 2017 split"),
    D("world", "acquired_share", acquired_share, "0.01", 0, 0.1, "share",
      "natives born abroad to a citizen parent (acquired citizenship)",
      "assumption, range 0.005-0.02 (FIGURES: no published count)"),
    D("world", "fb_child_share", fb_child_share, "0.12", 0, 0.5, "share",
      "foreign-born who came as a child with foreign-born parents",
      "assumption, range 0.05-0.25"),
    D("world", "ewi_share", ewi_share, "0.6", 0, 1, "share",
      "unauthorized who entered without inspection (rest overstayed)",
      "assumption, range 0.4-0.7"),
    D("world", "married_share", married_share, "0.55", 0, 1, "share",
      "adults who married", "assumption, range 0.4-0.7"),
    D("world", "marriage_name_change", marriage_name_change, "0.7", 0, 1,
      "share", "married women (Anglo, South and East Asian traditions) "
      "who took the husband's family name", "assumption, range 0.5-0.9"),
    D("world", "usborn_hispanic", usborn_hispanic, "0.14", 0, 1, "share",
      "natives with Hispanic names",
      "assumption, range 0.10-0.18 (checked against Census 2010 surnames)"),
    D("world", "usborn_east_asian", usborn_east_asian, "0.015", 0, 1,
      "share", "natives with East Asian names",
      "assumption, range 0.005-0.03"),
    D("world", "usborn_south_asian", usborn_south_asian, "0.005", 0, 1,
      "share", "natives with South Asian names",
      "assumption, range 0.002-0.01"),
    D("world", "usborn_arabic", usborn_arabic, "0.005", 0, 1, "share",
      "natives with Arabic names", "assumption, range 0.002-0.01"),
    D("world", "conviction_share", conviction_share, "0.02", 0, 1, "share",
      "adults with a conviction that makes a non-citizen removable",
      "assumption, range 0.005-0.05 (FIGURES: 8.6% of detainer subjects "
      "had a Level 1 offense)"),
    D("world", "naturalization_delay_years", naturalization_delay_years,
      "3", 0, 60, "years",
      "mean wait from eligibility (5 years after LPR status, or 18) to the "
      "naturalization oath, exponential",
      "assumption, range 1-8: a median of about 7 years as an LPR before "
      "naturalizing (DHS OIS yearbooks; unverified, not in FIGURES)"),
    D("world", "naturalized_since_years", naturalized_since_years, "25",
      0.5, 60, "years",
      "mean years since the oath among immigrants naturalized on the "
      "start date (exponential, truncated by age)",
      "assumption, range 20-30, set so that the year before the start has "
      "about 760,000 naturalizations nationally (FIGURES: 707,265 to "
      "843,600 a year, FY2015-2019; scomm calibrate)"),
    D("world", "misdemeanor_share", misdemeanor_share, "0.05", 0, 1,
      "share",
      "adults with a significant-misdemeanour conviction (DUI, domestic "
      "violence...): an enforcement priority in 2014, not by itself a "
      "ground of removal",
      "assumption, range 0.02-0.15 (FIGURES: 77.4% of detainer subjects "
      "FY2008-2011 had no criminal record)"),
    D("world", "apprehended_share", apprehended_share, "0.35", 0, 1,
      "share", "unauthorized ever apprehended and fingerprinted by DHS",
      "assumption, range 0.2-0.5"),
    D("world", "order_share", order_share, "0.35", 0, 1, "share",
      "apprehended who received a final order of removal",
      "assumption, range 0.2-0.6"),
    D("world", "removed_returned", removed_returned, "0.5", 0, 1, "share",
      "ordered persons who were removed and re-entered",
      "assumption, range 0.2-0.8"),

    /* [registry] */
    D("registry", "ident_entry_pre2004", ident_entry_pre2004, "0.05", 0, 1,
      "share", "inspected entries before 2004 with fingerprints in IDENT",
      "assumption, range 0-0.2 (biometric entry capture began in 2004)"),
    D("registry", "ident_entry_post2004", ident_entry_post2004, "0.97", 0,
      1, "share", "inspected entries from 2004 with fingerprints in IDENT",
      "assumption, range 0.9-1"),
    D("registry", "ident_apprehension", ident_apprehension, "0.9", 0, 1,
      "share", "DHS apprehensions with digital fingerprints in IDENT",
      "assumption, range 0.8-0.99 (FIGURES: DHS OIG 2016, 315,000 "
      "ordered or convicted aliens lacked digital fingerprints)"),
    D("registry", "ident_benefit", ident_benefit, "0.95", 0, 1, "share",
      "benefit biometrics appointments enrolled in IDENT",
      "assumption, range 0.85-1"),
    D("registry", "ident_citizen_share", ident_citizen_share, "0.01", 0, 1,
      "share", "U.S.-born citizens with an IDENT record (trusted "
      "travelers, adoptive parents)", "assumption, range 0.001-0.03 "
      "(FIGURES: IDENT holds some U.S. citizens)"),
    D("registry", "post_naturalization", post_naturalization, "0.9", 0, 1,
      "share", "naturalizations posted to the A-file index",
      "assumption, range 0.7-0.99 (FIGURES: Gonzalez v. ICE, "
      "naturalizations not posted)"),
    D("registry", "post_adjustment", post_adjustment, "0.97", 0, 1,
      "share", "adjustments to LPR posted to the A-file index",
      "assumption, range 0.9-1 (FIGURES: statuses not updated)"),
    D("registry", "post_lag_days", post_lag_days, "30", 0, 3650, "days",
      "mean lag between an event and its posting (exponential)",
      "assumption, range 0-180"),
    D("registry", "n600_share", n600_share, "0.3", 0, 1, "share",
      "derived and acquired citizens who filed an N-600",
      "assumption, range 0.1-0.6 (FIGURES: the certificate is optional)"),
    D("registry", "n600_lag_years", n600_lag_years, "3", 0, 30, "years",
      "mean delay from derivation (or birth abroad) to the N-600 filing, "
      "exponential", "assumption, range 0-10"),
    D("registry", "benefit_recorded_pre1996", benefit_recorded_pre1996,
      "0.4", 0, 1, "share", "benefit decisions before 1996 held in the "
      "electronic case systems", "assumption, range 0.1-0.8"),
    D("registry", "benefit_recorded", benefit_recorded, "0.95", 0, 1,
      "share", "benefit decisions from 1996 held in the electronic case "
      "systems", "assumption, range 0.85-1"),
    D("registry", "departure_recorded", departure_recorded, "0.8", 0, 1,
      "share", "departures captured by the arrival/departure system",
      "assumption, range 0.5-0.95"),
    D("registry", "omission", omission, "0.01", 0, 1, "share",
      "any other record never written", "assumption, range 0-0.05"),
    D("registry", "name_typo", name_typo, "0.02", 0, 1, "share",
      "per name field, a keyboard error when a record is written",
      "assumption, range 0-0.1"),
    D("registry", "dob_error", dob_error, "0.01", 0, 1, "share",
      "records with a mis-keyed date of birth", "assumption, range 0-0.05"),
    D("registry", "name_order_swap", name_order_swap, "0.01", 0, 1,
      "share", "records with given and family names swapped",
      "assumption, range 0-0.05"),
    D("registry", "name_order_swap_east_asian", name_order_swap_east_asian,
      "0.15", 0, 1, "share", "the same, for East Asian names",
      "assumption, range 0-0.4"),
    D("registry", "misattach", misattach, "0.001", 0, 1, "share",
      "records filed under another person's A-number",
      "assumption, range 0-0.01 (FIGURES: records of one person attached "
      "to another)"),
    D("registry", "one_surname", one_surname, "0.3", 0, 1, "share",
      "Hispanic names recorded with the first surname only",
      "assumption, range 0-0.6"),
    D("registry", "translit_variant", translit_variant, "0.3", 0, 1,
      "share", "Arabic names recorded in another romanization",
      "assumption, range 0-0.6"),

    /* [booking] */
    D("booking", "rate_usborn", rate[SC_GROUP_USBORN], "52", 0, 1000,
      "per 1,000 adults 18-69 per year", "bookings of U.S.-born citizens",
      BOOKING_SRC),
    D("booking", "rate_acquired", rate[SC_GROUP_ACQUIRED], "52", 0, 1000,
      "per 1,000 adults 18-69 per year",
      "bookings of citizens born abroad to citizens", BOOKING_SRC),
    D("booking", "rate_naturalized", rate[SC_GROUP_NATURALIZED], "20", 0,
      1000, "per 1,000 adults 18-69 per year",
      "bookings of naturalized and derived citizens", BOOKING_SRC),
    D("booking", "rate_lpr", rate[SC_GROUP_LPR], "35", 0, 1000,
      "per 1,000 adults 18-69 per year", "bookings of LPRs", BOOKING_SRC),
    D("booking", "rate_temporary", rate[SC_GROUP_TEMPORARY], "20", 0, 1000,
      "per 1,000 adults 18-69 per year",
      "bookings of temporary visitors, students and workers", BOOKING_SRC),
    D("booking", "rate_unauthorized", rate[SC_GROUP_UNAUTHORIZED], "60", 0,
      1000, "per 1,000 adults 18-69 per year",
      "bookings of unauthorized residents", BOOKING_SRC),
    D("booking", "male_share", male_share, "0.75", 0, 1, "share",
      "bookings that are of men", "assumption, range 0.7-0.85"),
    D("booking", "pob_missing", pob_missing, "0.1", 0, 1, "share",
      "bookings with no place of birth", "assumption, range 0-0.3"),
    D("booking", "pob_wrong_foreign", pob_wrong_foreign, "0.002", 0, 1,
      "share", "U.S.-born persons recorded with a foreign birthplace",
      "assumption, range 0-0.01 (FIGURES: Gonzalez named plaintiff)"),
    D("booking", "pob_wrong_us", pob_wrong_us, "0.05", 0, 1, "share",
      "persons born abroad recorded as born in the U.S.",
      "assumption, range 0-0.2"),
    D("booking", "booking_name_typo", booking_name_typo, "0.03", 0, 1,
      "share", "per name field, the clerk's keyboard error",
      "assumption, range 0-0.1"),
    D("booking", "booking_dob_error", booking_dob_error, "0.01", 0, 1,
      "share", "bookings with a mis-keyed date of birth",
      "assumption, range 0-0.05"),
    D("booking", "booking_name_order_swap", booking_name_order_swap,
      "0.02", 0, 1, "share", "bookings with given and family swapped",
      "assumption, range 0-0.1"),
    D("booking", "booking_one_surname", booking_one_surname, "0.4", 0, 1,
      "share", "Hispanic names booked with one surname",
      "assumption, range 0-0.7"),
    D("booking", "booking_translit_variant", booking_translit_variant,
      "0.4", 0, 1, "share", "Arabic names booked in another romanization",
      "assumption, range 0-0.7"),
    D("booking", "manual_iaq_share", manual_iaq_share, "0.1", 0, 1,
      "share", "bookings for which the jail also sends a manual IAQ; "
      "with a foreign birthplace and no IDENT hit it starts a review",
      "assumption, range 0-0.5 (FIGURES: a manual IAQ needs a non-U.S. "
      "place of birth); set so that detainers come near FY2013's 209,208"),
    D("booking", "quality_good", quality[SC_Q_GOOD], "0.85", 0, 1, "share",
      "bookings with good ten-print images", Q_SRC),
    D("booking", "quality_fair", quality[SC_Q_FAIR], "0.12", 0, 1, "share",
      "bookings with fair images (about two usable fingers)", Q_SRC),
    D("booking", "quality_poor", quality[SC_Q_POOR], "0.03", 0, 1, "share",
      "bookings with poor images (about one usable finger)", Q_SRC),

    /* [biometric] */
    D("biometric", "miss_good", miss[SC_Q_GOOD], "0.001", 0, 1, "share",
      "mated searches missed, good images",
      "FIGURES: NIST FpVTE 2003, ten-print 99.9% accurate"),
    D("biometric", "miss_fair", miss[SC_Q_FAIR], "0.004", 0, 1, "share",
      "mated searches missed, fair images",
      "FIGURES: NIST FpVTE 2003, two fingers 99.6%"),
    D("biometric", "miss_poor", miss[SC_Q_POOR], "0.014", 0, 1, "share",
      "mated searches missed, poor images",
      "FIGURES: NIST FpVTE 2003, one finger 98.6%"),
    D("biometric", "false_hit", false_hit, "0.0001", 0, 1, "share",
      "false hits per search at the reference gallery size",
      "FIGURES: NIST FpVTE 2003, 0.01% false positive rate; range "
      "0-0.001 (FpVTE 2012 FPIR 0.001)"),
    D("biometric", "false_hit_gallery", false_hit_gallery, "150000000", 1,
      1e10, "identities", "gallery size at which false_hit holds; the "
      "rate scales linearly with the gallery",
      "FIGURES: IDENT 150 million unique identities (2013)"),

    /* [pipeline] */
    { "pipeline", "query_foreign_pob", SC_PT_INT, OFF(query_foreign_pob),
      "1", 0, 1, "0 or 1",
      "a foreign birthplace without an IDENT hit sends a query",
      "FIGURES: ended as a basis for detainers in 2015" },

    /* [review] */
    D("review", "match_threshold", match_threshold, "0.5", 0.01, 0.999,
      "probability",
      "match probability at or above which a record found by the name "
      "and date-of-birth search is taken as the booked person's",
      "assumption: an agent attaches a record when it is more likely "
      "the person's than not; range 0.2-0.95"),

    /* [officer] */
    D("officer", "afile_doc_missing", afile_doc_missing, "0.05", 0, 1,
      "share",
      "documents of a paper A-file (a grant, a certificate, an order) that "
      "are missing from it when the officer reads it",
      "assumption: A-files are paper, moved between offices and "
      "incompletely consolidated; range 0.01-0.2"),
    D("officer", "claim_share", claim_share, "0.9", 0, 1, "share",
      "citizens by birth in the U.S. or by naturalization who claim "
      "citizenship when the officer hears them",
      "assumption: most citizens say so when asked; range 0.5-1"),
    D("officer", "claim_share_derived", claim_share_derived, "0.5", 0, 1,
      "share",
      "citizens by derivation or by birth abroad to a citizen parent who "
      "claim citizenship (many do not know they are citizens)",
      "assumption: FIGURES says no count of derived or acquired citizens "
      "exists; range 0.2-0.9"),
    D("officer", "false_claim_share", false_claim_share, "0.02", 0, 1,
      "share",
      "non-citizens who falsely claim to be U.S.-born when heard",
      "assumption: range 0-0.1"),
    D("officer", "birth_record_found", birth_record_found, "0.97", 0, 1,
      "share",
      "U.S.-born people whose birth record the officer finds in state "
      "vital records when checking a claim",
      "assumption: late or home births, name changes and spelling defeat "
      "some searches; range 0.85-0.99"),
    D("officer", "state_record_acquired", state_record_acquired, "0.6", 0,
      1, "share",
      "citizens born abroad to a citizen parent who have a State "
      "Department record (consular report of birth abroad or passport) "
      "that confirms a claim",
      "assumption: a consular report is optional; range 0.3-0.9"),

    /* [jail] */
    D("jail", "hold_hours", hold_hours, "48", 0, 240, "hours",
      "longest hold past release a detainer asks for",
      "FIGURES: I-247, 48 hours excluding weekends and holidays"),
    D("jail", "decline_share", decline_share, "0.061", 0, 1, "share",
      "jurisdictions that decline detainers",
      "FIGURES: TRAC, 6.1% refused Oct 2013 - Dec 2015"),
    D("jail", "pickup_share", pickup_share, "0.4", 0, 1, "share",
      "honoured detainers after which ICE took custody",
      "FIGURES: TRAC mid-2016, fewer than 40%"),
};

const sc_param_key *sc_param_keys(size_t *n)
{
    *n = sizeof keys / sizeof keys[0];
    return keys;
}

const sc_param_key *sc_param_find(const char *section, const char *name)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, name))
            return &keys[i];
    return NULL;
}

static int set_key(sc_params *p, const sc_param_key *k, const char *value,
                   char *err)
{
    char *end;
    void *field = (char *)p + k->offset;

    errno = 0;
    switch (k->type) {
    case SC_PT_DOUBLE: {
        double v = strtod(value, &end);
        if (end == value || *end || errno || !isfinite(v)) {
            snprintf(err, SC_ERRMSG_MAX, "%s: '%s' is not a number",
                     k->name, value);
            return SC_EINVAL;
        }
        if (v < k->min || v > k->max) {
            snprintf(err, SC_ERRMSG_MAX, "%s: %s is outside %g..%g",
                     k->name, value, k->min, k->max);
            return SC_ERANGE;
        }
        *(double *)field = v;
        return 0;
    }
    case SC_PT_INT:
    case SC_PT_U64: {
        if (*value == '-' && k->type == SC_PT_U64) {
            snprintf(err, SC_ERRMSG_MAX, "%s: '%s' is not a non-negative "
                     "integer", k->name, value);
            return SC_EINVAL;
        }
        unsigned long long v = strtoull(value, &end, 10);
        if (end == value || *end || errno) {
            snprintf(err, SC_ERRMSG_MAX, "%s: '%s' is not an integer",
                     k->name, value);
            return SC_EINVAL;
        }
        if ((double)v < k->min || (double)v > k->max) {
            snprintf(err, SC_ERRMSG_MAX, "%s: %s is outside %.0f..%.0f",
                     k->name, value, k->min, k->max);
            return SC_ERANGE;
        }
        if (k->type == SC_PT_INT)
            *(int *)field = (int)v;
        else
            *(uint64_t *)field = (uint64_t)v;
        return 0;
    }
    case SC_PT_DATE: {
        sc_date d;
        if (sc_date_parse(value, &d) < 0) {
            snprintf(err, SC_ERRMSG_MAX,
                     "%s: '%s' is not a date (YYYY-MM-DD)", k->name, value);
            return SC_EINVAL;
        }
        *(sc_date *)field = d;
        return 0;
    }
    case SC_PT_STRING: {
        size_t len = strlen(value);
        if (len >= SC_PARAM_STR_MAX) {
            snprintf(err, SC_ERRMSG_MAX, "%s: value longer than %d bytes",
                     k->name, SC_PARAM_STR_MAX - 1);
            return SC_ERANGE;
        }
        memcpy(field, value, len + 1);
        return 0;
    }
    }
    return SC_EINVAL;
}

void sc_params_init(sc_params *p)
{
    char err[SC_ERRMSG_MAX];
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int rc = set_key(p, &keys[i], keys[i].def, err);
        /* A bad default is a programming error; test_scenario checks
         * every default in a build without NDEBUG. */
        assert(rc == 0);
        (void)rc;
    }
}

int sc_params_set(sc_params *p, const char *section, const char *name,
                  const char *value, char *err)
{
    const sc_param_key *k = sc_param_find(section, name);
    if (!k) {
        snprintf(err, SC_ERRMSG_MAX, "%s: unknown key", name);
        return SC_ENOENT;
    }
    return set_key(p, k, value, err);
}

void sc_params_get(const sc_params *p, const sc_param_key *k, char *buf,
                   size_t len)
{
    const void *field = (const char *)p + k->offset;
    char d[16];
    switch (k->type) {
    case SC_PT_DOUBLE:
        snprintf(buf, len, "%.17g", *(const double *)field);
        break;
    case SC_PT_INT:
        snprintf(buf, len, "%d", *(const int *)field);
        break;
    case SC_PT_U64:
        snprintf(buf, len, "%llu",
                 (unsigned long long)*(const uint64_t *)field);
        break;
    case SC_PT_DATE:
        snprintf(buf, len, "%s", sc_date_format(*(const sc_date *)field, d));
        break;
    case SC_PT_STRING:
        snprintf(buf, len, "%s", (const char *)field);
        break;
    }
}

static int sums_to_one(const double *v, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return fabs(s - 1.0) < 1e-6;
}

int sc_params_validate(const sc_params *p, char *err)
{
    double fb[4] = { p->fb_naturalized, p->fb_lpr, p->fb_temporary,
                     p->fb_unauthorized };
    if (!sums_to_one(fb, 4)) {
        snprintf(err, SC_ERRMSG_MAX, "[world] fb_naturalized + fb_lpr + "
                 "fb_temporary + fb_unauthorized must sum to 1, not %g",
                 fb[0] + fb[1] + fb[2] + fb[3]);
        return SC_EINVAL;
    }
    if (!sums_to_one(p->quality, SC_Q_COUNT)) {
        snprintf(err, SC_ERRMSG_MAX, "[booking] quality_good + quality_fair "
                 "+ quality_poor must sum to 1");
        return SC_EINVAL;
    }
    double nat = p->usborn_hispanic + p->usborn_east_asian +
                 p->usborn_south_asian + p->usborn_arabic;
    if (nat > 1.0 + 1e-9) {
        snprintf(err, SC_ERRMSG_MAX, "[world] usborn_* shares sum to %g, "
                 "more than 1", nat);
        return SC_EINVAL;
    }
    if (p->end < p->start) {
        snprintf(err, SC_ERRMSG_MAX, "[run] end is before start");
        return SC_EINVAL;
    }
    if (p->end - p->start > 20 * 366) {
        snprintf(err, SC_ERRMSG_MAX, "[run] the period is longer than 20 "
                 "years");
        return SC_ERANGE;
    }
    if (p->population * p->scale < 1.0 ||
        p->population * p->scale > 4.0e8) {
        snprintf(err, SC_ERRMSG_MAX, "[run] population x scale = %.0f "
                 "persons, outside 1..400,000,000",
                 p->population * p->scale);
        return SC_ERANGE;
    }
    if (!p->policy_custom && sc_policy_check(p->policy) != 0) {
        snprintf(err, SC_ERRMSG_MAX, "[run] policy: unknown policy "
                 "'%.100s' (shipped: database-only, priorities-2014, "
                 "individualized, judicial; or define [policy.%.100s] in "
                 "the scenario)", p->policy, p->policy);
        return SC_EINVAL;
    }
    return 0;
}

int sc_params_threads(const sc_params *p, int max)
{
    long n = p->threads;
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > max)
        n = max;
    return (int)n;
}

int sc_params_days(const sc_params *p)
{
    return p->end - p->start + 1;
}
