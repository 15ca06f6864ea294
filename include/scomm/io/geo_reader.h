/*
 * geo_reader.h - county detail from a data folder.
 *
 * The folder holds the files of ../shared/data/geo (or the user's own in
 * that format): county_population_2010_2019.csv (population),
 * county_acs_2012_2016.csv (foreign-born share) and sc_activation_dates.csv
 * (S-COMM activation month).  Counties missing from the activation file are
 * taken as activated on 2013-01-22 (nationwide); counties missing from the
 * ACS file take their state's foreign-born share.
 */
#ifndef SC_GEO_READER_H
#define SC_GEO_READER_H

#include "scomm/geo.h"

/* Returns 0, or SC_EIO/SC_EPARSE with "file:line: field: why" in err. */
int sc_geo_load_dir(const char *dir, int population_year, sc_geo **out,
                    char *err);

#endif /* SC_GEO_READER_H */
