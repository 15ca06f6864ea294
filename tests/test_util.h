/*
 * test_util.h - small helpers shared by the cmocka unit tests.
 *
 * Include after <cmocka.h>.  SC_TEST_SEED is the seed every statistical
 * test uses unless it says otherwise; it is printed on failure by
 * sc_test_seed_note().  sc_test_shared() finds ../shared/data (or
 * $SCOMM_SHARED_DATA) for tests that read the reference data in place;
 * such a test calls skip() with a message when the folder is absent.
 */
#ifndef SC_TEST_UTIL_H
#define SC_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SC_TEST_SEED 20261129u

/* Path of a file under the shared reference data, or NULL if absent. */
static inline const char *sc_test_shared(const char *rel, char *buf,
                                         size_t len)
{
    const char *root = getenv("SCOMM_SHARED_DATA");
    struct stat st;
    if (!root || !*root)
        root = "../shared/data";
    snprintf(buf, len, "%s/%s", root, rel);
    if (stat(buf, &st) != 0) {
        fprintf(stderr, "note: %s absent, test skipped\n", buf);
        return NULL;
    }
    return buf;
}

/* A fresh temporary directory for a test's files; caller removes it. */
static inline char *sc_test_tmpdir(char *buf, size_t len)
{
    const char *t = getenv("TMPDIR");
    snprintf(buf, len, "%s/scomm-test-XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(buf);
}

#endif /* SC_TEST_UTIL_H */
