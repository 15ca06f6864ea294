/*
 * vectors.h - a small RFC 4180 reader for the headerless reference
 * vector files under ../shared/data/string-vectors, shared by the
 * comparator and phonetic tests.
 *
 * Include after <cmocka.h> and test_util.h.  The whole file is read into
 * memory (the largest holds about 1,200 rows) and handed out a record at
 * a time into a caller's array of SC_VEC_MAX_FIELDS fields of
 * SC_VEC_FIELD_LEN bytes; longer fields are cut, further fields
 * overwrite the last one, so a row with too many fields shows up as a
 * wrong field count rather than as a crash.
 */
#ifndef SC_TEST_VECTORS_H
#define SC_TEST_VECTORS_H

#include <stdio.h>
#include <stdlib.h>

#define SC_VEC_MAX_FIELDS 6
#define SC_VEC_FIELD_LEN 256

struct sc_vec {
    char *text;
    const char *p;
};

static inline char *sc_vec_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Opens a vector file (a path under the shared data); returns 0, or -1
 * if it is absent, for the caller to skip the test. */
static inline int sc_vec_open(struct sc_vec *c, const char *rel)
{
    char path[512];
    if (!sc_test_shared(rel, path, sizeof path))
        return -1;
    c->text = sc_vec_slurp(path);
    assert_non_null(c->text);
    c->p = c->text;
    return 0;
}

/* Reads one record into f; returns the number of fields, 0 at the end.
 * Quoted fields may hold commas, doubled quotes and line breaks. */
static inline int sc_vec_next(struct sc_vec *c,
                              char f[SC_VEC_MAX_FIELDS][SC_VEC_FIELD_LEN])
{
    const char *p = c->p;
    if (*p == '\0')
        return 0;
    int nf = 0;
    for (;;) {
        size_t n = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0')
                    break;
                if (*p == '"' && p[1] == '"') {
                    p += 2;
                    if (n + 1 < SC_VEC_FIELD_LEN)
                        f[nf][n++] = '"';
                    continue;
                }
                if (*p == '"') {
                    p++;
                    break;
                }
                if (n + 1 < SC_VEC_FIELD_LEN)
                    f[nf][n++] = *p;
                p++;
            }
        }
        while (*p != '\0' && *p != ',' && *p != '\n' && *p != '\r') {
            if (n + 1 < SC_VEC_FIELD_LEN)
                f[nf][n++] = *p;
            p++;
        }
        f[nf][n] = '\0';
        if (nf + 1 < SC_VEC_MAX_FIELDS)
            nf++;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        break;
    }
    c->p = p;
    return nf;
}

static inline void sc_vec_close(struct sc_vec *c)
{
    free(c->text);
}

#endif /* SC_TEST_VECTORS_H */
