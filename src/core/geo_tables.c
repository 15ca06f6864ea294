/*
 * geo_tables.c - the built-in state and country tables.
 *
 * Written by the project from published figures (never copied from the
 * reference files in ../shared/data; tests/unit/test_geo.c compares these
 * rows with them).  Sources:
 *   population   Census Bureau, Vintage 2018 state estimates, in millions
 *                to three decimals (total 327.2 million)
 *   fb_share     ACS 2017 1-year, share foreign-born (FIGURES quotes CA
 *                26.9%, NY 22.9%, WV 1.6%; the other rows are transcribed
 *                from the same published table and rounded to 0.1 point)
 *   activation   assumption: the month by which most of the state's
 *                jurisdictions forwarded prints, placed on the national
 *                rollout of FIGURES (14 in Oct 2008, 658 by Sept 2010,
 *                1,595 by Sept 2011, all by Jan 2013).  County dates come
 *                from a --geo-dir folder (Alsan & Yang 2018 compilation).
 *   limits_year  first year of a state law limiting detainer compliance:
 *                California TRUST Act, effective Jan 1, 2014 (FIGURES).
 *   countries    ACS 2018 1-year table B05006, country of birth of the
 *                foreign-born, shares rounded to 0.1 point; smaller
 *                countries pooled into regional rows with user-assigned
 *                ISO codes (XL, XE, XA, XF, XC).  The naming tradition is
 *                the one most of a country's emigrants' names follow; the
 *                Philippines and Iran are mapped to the nearest of the five
 *                traditions the model has (Anglo, Arabic), a limitation
 *                noted in docs/names.md.
 */
#include <string.h>

#include "scomm/geo.h"
#include "scomm/names.h"

static const sc_state states[SC_STATE_COUNT] = {
    { "AL", "Alabama", 1, 4.888e6, 0.035, 2012, 6, 0 },
    { "AK", "Alaska", 2, 0.737e6, 0.078, 2011, 5, 0 },
    { "AZ", "Arizona", 4, 7.172e6, 0.134, 2009, 12, 0 },
    { "AR", "Arkansas", 5, 3.014e6, 0.048, 2010, 10, 0 },
    { "CA", "California", 6, 39.557e6, 0.269, 2010, 6, 2014 },
    { "CO", "Colorado", 8, 5.696e6, 0.098, 2010, 9, 0 },
    { "CT", "Connecticut", 9, 3.573e6, 0.145, 2011, 2, 0 },
    { "DE", "Delaware", 10, 0.967e6, 0.093, 2009, 6, 0 },
    { "DC", "District of Columbia", 11, 0.702e6, 0.140, 2010, 6, 0 },
    { "FL", "Florida", 12, 21.299e6, 0.209, 2010, 2, 0 },
    { "GA", "Georgia", 13, 10.519e6, 0.102, 2010, 6, 0 },
    { "HI", "Hawaii", 15, 1.420e6, 0.182, 2011, 10, 0 },
    { "ID", "Idaho", 16, 1.754e6, 0.060, 2011, 6, 0 },
    { "IL", "Illinois", 17, 12.741e6, 0.140, 2011, 6, 0 },
    { "IN", "Indiana", 18, 6.692e6, 0.052, 2011, 4, 0 },
    { "IA", "Iowa", 19, 3.156e6, 0.053, 2010, 12, 0 },
    { "KS", "Kansas", 20, 2.912e6, 0.070, 2011, 3, 0 },
    { "KY", "Kentucky", 21, 4.468e6, 0.038, 2011, 2, 0 },
    { "LA", "Louisiana", 22, 4.660e6, 0.041, 2010, 9, 0 },
    { "ME", "Maine", 23, 1.338e6, 0.035, 2011, 8, 0 },
    { "MD", "Maryland", 24, 6.043e6, 0.154, 2011, 6, 0 },
    { "MA", "Massachusetts", 25, 6.902e6, 0.173, 2012, 5, 0 },
    { "MI", "Michigan", 26, 9.996e6, 0.069, 2010, 12, 0 },
    { "MN", "Minnesota", 27, 5.611e6, 0.084, 2011, 5, 0 },
    { "MS", "Mississippi", 28, 2.987e6, 0.022, 2011, 4, 0 },
    { "MO", "Missouri", 29, 6.126e6, 0.041, 2010, 12, 0 },
    { "MT", "Montana", 30, 1.062e6, 0.021, 2011, 8, 0 },
    { "NE", "Nebraska", 31, 1.929e6, 0.070, 2011, 2, 0 },
    { "NV", "Nevada", 32, 3.034e6, 0.195, 2010, 6, 0 },
    { "NH", "New Hampshire", 33, 1.356e6, 0.060, 2011, 9, 0 },
    { "NJ", "New Jersey", 34, 8.909e6, 0.228, 2011, 3, 0 },
    { "NM", "New Mexico", 35, 2.095e6, 0.093, 2010, 9, 0 },
    { "NY", "New York", 36, 19.542e6, 0.229, 2012, 5, 0 },
    { "NC", "North Carolina", 37, 10.384e6, 0.079, 2009, 11, 0 },
    { "ND", "North Dakota", 38, 0.760e6, 0.041, 2011, 6, 0 },
    { "OH", "Ohio", 39, 11.689e6, 0.046, 2010, 9, 0 },
    { "OK", "Oklahoma", 40, 3.943e6, 0.058, 2010, 6, 0 },
    { "OR", "Oregon", 41, 4.191e6, 0.098, 2010, 11, 0 },
    { "PA", "Pennsylvania", 42, 12.807e6, 0.069, 2011, 3, 0 },
    { "RI", "Rhode Island", 44, 1.057e6, 0.135, 2011, 6, 0 },
    { "SC", "South Carolina", 45, 5.084e6, 0.050, 2010, 6, 0 },
    { "SD", "South Dakota", 46, 0.882e6, 0.035, 2011, 6, 0 },
    { "TN", "Tennessee", 47, 6.770e6, 0.051, 2010, 10, 0 },
    { "TX", "Texas", 48, 28.702e6, 0.172, 2009, 6, 0 },
    { "UT", "Utah", 49, 3.161e6, 0.084, 2010, 9, 0 },
    { "VT", "Vermont", 50, 0.626e6, 0.043, 2012, 6, 0 },
    { "VA", "Virginia", 51, 8.518e6, 0.125, 2009, 9, 0 },
    { "WA", "Washington", 53, 7.536e6, 0.143, 2011, 6, 0 },
    { "WV", "West Virginia", 54, 1.806e6, 0.016, 2010, 12, 0 },
    { "WI", "Wisconsin", 55, 5.814e6, 0.050, 2011, 1, 0 },
    { "WY", "Wyoming", 56, 0.578e6, 0.033, 2011, 6, 0 },
};

enum { A = SC_TRAD_ANGLO, H = SC_TRAD_HISPANIC, E = SC_TRAD_EAST_ASIAN,
       S = SC_TRAD_SOUTH_ASIAN, R = SC_TRAD_ARABIC };

static const sc_country countries[] = {
    { "US", "United States", A, 0.0 },
    { "MX", "Mexico", H, 0.248 },
    { "IN", "India", S, 0.059 },
    { "CN", "China", E, 0.050 },
    { "PH", "Philippines", A, 0.045 },
    { "SV", "El Salvador", H, 0.032 },
    { "VN", "Vietnam", E, 0.030 },
    { "CU", "Cuba", H, 0.030 },
    { "DO", "Dominican Republic", H, 0.026 },
    { "KR", "Korea", E, 0.023 },
    { "GT", "Guatemala", H, 0.021 },
    { "CO", "Colombia", H, 0.018 },
    { "CA", "Canada", A, 0.018 },
    { "JM", "Jamaica", A, 0.016 },
    { "HT", "Haiti", A, 0.016 },
    { "HN", "Honduras", H, 0.015 },
    { "GB", "United Kingdom", A, 0.015 },
    { "DE", "Germany", A, 0.012 },
    { "BR", "Brazil", A, 0.010 },
    { "PE", "Peru", H, 0.010 },
    { "EC", "Ecuador", H, 0.010 },
    { "VE", "Venezuela", H, 0.009 },
    { "TW", "Taiwan", E, 0.009 },
    { "PL", "Poland", A, 0.009 },
    { "PK", "Pakistan", S, 0.009 },
    { "IR", "Iran", R, 0.009 },
    { "RU", "Russia", A, 0.009 },
    { "NG", "Nigeria", A, 0.009 },
    { "UA", "Ukraine", A, 0.008 },
    { "JP", "Japan", E, 0.007 },
    { "IT", "Italy", A, 0.007 },
    { "BD", "Bangladesh", S, 0.006 },
    { "NI", "Nicaragua", H, 0.006 },
    { "GY", "Guyana", A, 0.006 },
    { "ET", "Ethiopia", A, 0.006 },
    { "TH", "Thailand", A, 0.006 },
    { "IQ", "Iraq", R, 0.005 },
    { "TT", "Trinidad and Tobago", A, 0.005 },
    { "HK", "Hong Kong", E, 0.005 },
    { "EG", "Egypt", R, 0.004 },
    { "AR", "Argentina", H, 0.004 },
    { "NP", "Nepal", S, 0.004 },
    { "LB", "Lebanon", R, 0.003 },
    { "SY", "Syria", R, 0.002 },
    { "JO", "Jordan", R, 0.002 },
    { "MA", "Morocco", R, 0.002 },
    { "SA", "Saudi Arabia", R, 0.002 },
    { "YE", "Yemen", R, 0.001 },
    { "XL", "Other Latin America", H, 0.030 },
    { "XC", "Other Caribbean", A, 0.010 },
    { "XE", "Other Europe", A, 0.032 },
    { "XA", "Other Asia", A, 0.040 },
    { "XF", "Other Africa and Oceania", A, 0.030 },
};

const sc_state *sc_states(void)
{
    return states;
}

const sc_country *sc_countries(size_t *n)
{
    *n = sizeof countries / sizeof countries[0];
    return countries;
}

int sc_state_by_abbr(const char *abbr)
{
    for (int i = 0; i < SC_STATE_COUNT; i++)
        if (!strcmp(states[i].abbr, abbr))
            return i;
    return -1;
}

int sc_country_by_code(const char *code)
{
    for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++)
        if (!strcmp(countries[i].code, code))
            return (int)i;
    return -1;
}
