/*
 * ini_reader.h - scenario files.
 *
 * A scenario is an INI file of [section] headers and `key = value` lines;
 * `#` and `;` start comments.  Every key goes through sc_params_set(), so
 * an unknown key or a bad value is reported with file and line:
 *     default.ini:12: [world] foreign_born_share: 1.7 is above 1
 */
#ifndef SC_INI_READER_H
#define SC_INI_READER_H

#include "scomm/scenario.h"

/* Applies the file's keys on top of *p (which the caller has initialised)
 * and validates the result.  Returns 0, SC_EIO or SC_EPARSE with the
 * message in err (SC_ERRMSG_MAX bytes). */
int sc_ini_load(const char *path, sc_params *p, char *err);

#endif /* SC_INI_READER_H */
