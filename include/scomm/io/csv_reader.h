/*
 * csv_reader.h - a strict RFC 4180 CSV reader that knows where it is.
 *
 * Fields may be quoted ("a,b", "say ""hi"""), lines end in LF or CRLF, a
 * UTF-8 byte-order mark is skipped.  Every error names the file, the line
 * and, where it can, the column.  Columns are found by header name, never
 * by position.
 */
#ifndef SC_CSV_READER_H
#define SC_CSV_READER_H

#include <stddef.h>

typedef struct sc_csv sc_csv;

/* Opens the file and reads its header.  Returns 0, or SC_EIO/SC_EPARSE
 * with "path: why" in err (SC_ERRMSG_MAX bytes). */
int sc_csv_open(const char *path, sc_csv **out, char *err);
void sc_csv_close(sc_csv *c);

/* Index of a header column, or -1. */
int sc_csv_column(const sc_csv *c, const char *name);

/* Like sc_csv_column, but a missing column is an error written to err. */
int sc_csv_require(sc_csv *c, const char *name, int *index, char *err);

/* Reads the next row.  Returns 1 with a row, 0 at end of file, or
 * SC_EPARSE (ragged row, unterminated quote) with the message in err.
 * Field strings are valid until the next call. */
int sc_csv_next(sc_csv *c, char *err);
size_t sc_csv_nfields(const sc_csv *c);
const char *sc_csv_field(const sc_csv *c, size_t i);

/* Line number (1-based) of the row just read, and the file's path. */
long sc_csv_line(const sc_csv *c);
const char *sc_csv_path(const sc_csv *c);

#endif /* SC_CSV_READER_H */
