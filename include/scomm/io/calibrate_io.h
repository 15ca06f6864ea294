/*
 * calibrate_io.h - the file side of `scomm calibrate`: targets tables in
 * CSV, calibrate.json, and the table printed on the terminal.
 *
 * A targets file has the header
 *     key,figure,value,compare,tolerance,unit,source
 * (columns found by name, in any order; other columns are ignored) and
 * one row per figure, each key at most once; calibrate.h says what each
 * field means and data/calibration/targets.csv is the shipped table.
 */
#ifndef SC_CALIBRATE_IO_H
#define SC_CALIBRATE_IO_H

#include <stdio.h>

#include "scomm/calibrate.h"
#include "scomm/scenario.h"

/* Reads a targets table into *out.  Returns 0, or SC_EIO/SC_EPARSE with
 * "PATH:LINE: FIELD: why" in err (SC_ERRMSG_MAX bytes): an unknown key or
 * a key given twice, a number that is not one, a bad compare or unit, a
 * value or tolerance that does not fit them (sc_cal_target_check), a
 * missing column, a text too long, or no rows at all. */
int sc_cal_targets_read(const char *path, sc_cal_table *out, char *err);

/* Writes calibrate.json at path: keys scenario, version, seed, scale,
 * start, end, figures [ {key, figure, model, value, compare, tolerance,
 * unit, within, source} ... ], within, total, in that order.  Counts and
 * yearly figures are whole numbers, shares are rounded to 6 decimals; a
 * model value that is undefined and an at_most tolerance are null.
 * Returns 0, or SC_ENOMEM/SC_EIO with the reason in err. */
int sc_cal_write_json(const char *path, const char *scenario,
                      const sc_params *p, const sc_cal_table *t,
                      const sc_cal_measures *m, char *err);

/* Prints the table (one row per figure: key, model, published value,
 * tolerance, verdict, source) and the line "calibrate: K of N figures
 * within tolerance", in the C locale. */
void sc_cal_print(FILE *f, const char *scenario, const sc_params *p,
                  const sc_cal_table *t, const sc_cal_measures *m);

#endif /* SC_CALIBRATE_IO_H */
