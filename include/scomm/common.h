/*
 * common.h - types, error codes and dates shared by every layer of scomm.
 *
 * Every core function returns 0 on success or a negative SC_E* code; the
 * detail (file, line, field) goes into the error buffer of the object the
 * call worked on.  Dates are whole days since 1970-01-01 (proleptic
 * Gregorian), held in a signed 32-bit integer so that birth dates in the
 * early twentieth century are negative and ordinary arithmetic works.
 */
#ifndef SC_COMMON_H
#define SC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define SC_VERSION "0.1.0"

/* Error codes: negative, so that `if (rc < 0)` reads naturally. */
enum sc_error {
    SC_OK = 0,
    SC_ENOMEM = -1,  /* allocation failed; the object is unchanged */
    SC_EINVAL = -2,  /* bad argument or bad user input */
    SC_EIO = -3,     /* a file could not be read or written */
    SC_EPARSE = -4,  /* malformed input file (see the error buffer) */
    SC_ERANGE = -5,  /* a value outside its documented range */
    SC_ENOENT = -6,  /* a named thing (file, key, id) does not exist */
    SC_EDB = -7      /* the SQLite store reported an error */
};

/* A short lowercase description of an sc_error code; never NULL. */
const char *sc_strerror(int code);

/* Room for one error message: "file:line: field: what is wrong". */
#define SC_ERRMSG_MAX 512

/* "No person", "no record": the all-ones id. */
#define SC_NONE UINT32_MAX

/* Days since 1970-01-01. */
typedef int32_t sc_date;

/* A date that never comes (an event not posted, a status with no end). */
#define SC_DATE_NEVER INT32_MAX

/* Converts a civil date to days; month 1-12, day 1-31.  No range check:
 * callers validate user input with sc_date_parse(). */
sc_date sc_date_from_ymd(int year, int month, int day);

/* Converts days back to a civil date; any pointer may be NULL. */
void sc_date_to_ymd(sc_date d, int *year, int *month, int *day);

/* Parses "YYYY-MM-DD" strictly (real calendar dates only).
 * Returns 0 and sets *out, or SC_EINVAL. */
int sc_date_parse(const char *s, sc_date *out);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). Returns buf. */
char *sc_date_format(sc_date d, char *buf);

/* Whole years of age on date `on` for a person born on `birth`. */
int sc_age_on(sc_date birth, sc_date on);

#endif /* SC_COMMON_H */
