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

/* Building a tree: any json_* constructor may fail for want of memory,
 * and `ok` collects those failures so that the building code stays a
 * list of keys and values.  sc_json_set and sc_json_push take ownership
 * of v (NULL, a failed constructor, clears ok). */
typedef struct sc_json_builder {
    int ok;                   /* 1 until something failed */
} sc_json_builder;

static inline void sc_json_set(sc_json_builder *b, json_t *obj,
                               const char *key, json_t *v)
{
    if (!v || !obj || json_object_set_new(obj, key, v) != 0)
        b->ok = 0;
}

static inline void sc_json_push(sc_json_builder *b, json_t *arr, json_t *v)
{
    if (!v || !arr || json_array_append_new(arr, v) != 0)
        b->ok = 0;
}

/* Writes root to path (created or truncated).  root is not consumed.
 * Returns 0, or SC_ENOMEM / SC_EIO with the reason and the file in err
 * (SC_ERRMSG_MAX bytes). */
int sc_json_write(const json_t *root, const char *path, char *err);

#endif /* SC_IO_JSON_OUT_H */
