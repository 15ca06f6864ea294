/*
 * json_out.c - writing a JSON tree in the project's style (json_out.h).
 *
 * The text is built in memory by jansson and written in one fwrite, so a
 * short write or a full disk is caught at fclose and reported with the
 * file's name.  Workload: one small file per run or comparison.
 */
#include "scomm/io/json_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"

int sc_json_write(const json_t *root, const char *path, char *err)
{
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                      JSON_REAL_PRECISION(
                                          SC_JSON_REAL_DIGITS));
    FILE *f;
    size_t len;
    int rc = 0;

    if (!text) {
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", path);
        return SC_ENOMEM;
    }
    f = fopen(path, "w");
    if (!f) {
        snprintf(err, SC_ERRMSG_MAX, "cannot create '%s': %s", path,
                 strerror(errno));
        free(text);
        return SC_EIO;
    }
    len = strlen(text);
    if (fwrite(text, 1, len, f) != len || fputc('\n', f) == EOF)
        rc = SC_EIO;
    if (fclose(f) != 0)
        rc = SC_EIO;
    if (rc < 0)
        snprintf(err, SC_ERRMSG_MAX, "cannot write '%s': %s", path,
                 strerror(errno));
    free(text);
    return rc;
}
