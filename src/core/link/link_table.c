/*
 * link_table.c - the linkage engine's input: a table of UTF-8 strings.
 *
 * Cells live one after another, NUL-terminated, in a single growing
 * arena; a cell is found through a 32-bit offset, one per cell in row
 * order.  So a row costs 4 bytes a column plus its text, and appending
 * is amortised O(length).  The arena is limited to 4 GiB by the offsets,
 * far beyond the 1 million short records the engine is sized for.
 *
 * Workload: filled once from a CSV file or a generator, then read many
 * times by the index (never changed after that).
 */
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

struct sc_link_table {
    size_t ncols;
    size_t nrows;
    char *text;
    size_t text_len, text_cap;
    uint32_t *off;       /* nrows * ncols */
    size_t off_cap;      /* in rows */
};

int sc_link_table_create(size_t ncols, sc_link_table **out)
{
    sc_link_table *t;

    *out = NULL;
    if (ncols == 0 || ncols > 65535)
        return SC_EINVAL;
    t = calloc(1, sizeof *t);
    if (!t)
        return SC_ENOMEM;
    t->ncols = ncols;
    /* Offset 0 is the empty string, shared by every empty cell. */
    t->text_cap = 4096;
    t->text = malloc(t->text_cap);
    if (!t->text) {
        free(t);
        return SC_ENOMEM;
    }
    t->text[0] = '\0';
    t->text_len = 1;
    *out = t;
    return 0;
}

void sc_link_table_destroy(sc_link_table *t)
{
    if (!t)
        return;
    free(t->text);
    free(t->off);
    free(t);
}

static int grow_text(sc_link_table *t, size_t need)
{
    size_t cap = t->text_cap;
    char *p;

    if (need <= cap)
        return 0;
    if (need > (size_t)UINT32_MAX)
        return SC_ERANGE;
    while (cap < need)
        cap = cap < ((size_t)1 << 31) ? cap * 2 : (size_t)UINT32_MAX;
    p = realloc(t->text, cap);
    if (!p)
        return SC_ENOMEM;
    t->text = p;
    t->text_cap = cap;
    return 0;
}

int sc_link_table_add(sc_link_table *t, const char *const *values)
{
    size_t need = t->text_len, c;
    uint32_t *row;
    int rc;

    if (t->nrows == t->off_cap) {
        size_t cap = t->off_cap ? t->off_cap * 2 : 1024;
        uint32_t *p = realloc(t->off, cap * t->ncols * sizeof *p);
        if (!p)
            return SC_ENOMEM;
        t->off = p;
        t->off_cap = cap;
    }
    for (c = 0; c < t->ncols; c++)
        if (values[c] && values[c][0])
            need += strlen(values[c]) + 1;
    rc = grow_text(t, need);
    if (rc < 0)
        return rc;
    row = t->off + t->nrows * t->ncols;
    for (c = 0; c < t->ncols; c++) {
        size_t len;
        if (!values[c] || !values[c][0]) {
            row[c] = 0;
            continue;
        }
        len = strlen(values[c]) + 1;
        memcpy(t->text + t->text_len, values[c], len);
        row[c] = (uint32_t)t->text_len;
        t->text_len += len;
    }
    t->nrows++;
    return 0;
}

size_t sc_link_table_rows(const sc_link_table *t)
{
    return t->nrows;
}

size_t sc_link_table_cols(const sc_link_table *t)
{
    return t->ncols;
}

const char *sc_link_table_value(const sc_link_table *t, size_t row,
                                size_t col)
{
    return t->text + t->off[row * t->ncols + col];
}

void sc_link_table_row(const sc_link_table *t, size_t row, const char **out)
{
    const uint32_t *o = t->off + row * t->ncols;

    for (size_t c = 0; c < t->ncols; c++)
        out[c] = t->text + o[c];
}
