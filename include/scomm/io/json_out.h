/*
 * json_out.h - writing the project's JSON files.
 *
 * summary.json, compare.json, calibrate.json and sweep.json share one
 * style: two-space indent, keys in the order they were set, reals with at
 * most SC_JSON_REAL_DIGITS significant digits, and a final newline.
 * Callers build a jansson tree with keys in their documented order and
 * hand it here.
 */
#ifndef SC_IO_JSON_OUT_H
#define SC_IO_JSON_OUT_H

#include <jansson.h>

#define SC_JSON_REAL_DIGITS 15

/* Writes root to path (created or truncated).  root is not consumed.
 * Returns 0, or SC_ENOMEM / SC_EIO with the reason and the file in err
 * (SC_ERRMSG_MAX bytes). */
int sc_json_write(const json_t *root, const char *path, char *err);

#endif /* SC_IO_JSON_OUT_H */
