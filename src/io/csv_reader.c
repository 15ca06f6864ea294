/*
 * csv_reader.c - a strict, streaming RFC 4180 CSV reader.
 *
 * The reader pulls the file through a fixed 64 KiB buffer one byte at a
 * time and assembles one record at a time into a growable byte block
 * (`rec`: the fields, each NUL-terminated, one after the other) with an
 * array of field offsets.  Nothing but the current record and the header
 * is held, so a file of any size streams in constant memory, and there is
 * no limit on the number or length of fields.
 *
 * Every byte passes one gate, next_byte(), which keeps the physical line
 * and column (in characters) and checks that the text is UTF-8: embedded
 * NUL bytes and malformed sequences (overlong forms, surrogates, code
 * points above U+10FFFF, truncated sequences: the well-formed sequences
 * of The Unicode Standard, ch. 3, table 3-7, as in RFC 3629, Yergeau
 * 2003) are errors that name the line and column, because a reader
 * that lets them through turns them into silent differences later (a name
 * that compares unequal, a string cut short at the NUL).
 *
 * Accepted and rejected forms (RFC 4180, Shafranovich 2005, with the
 * usual relaxations):
 *   - fields may be quoted; "" inside quotes is one quote; quoted fields
 *     may span lines
 *   - lines end in LF or CRLF; a CR elsewhere outside quotes is an error
 *   - spaces and tabs before an opening quote or after a closing quote
 *     are ignored (FEBRL and others write ", " between fields, and quote
 *     some of them); unquoted fields keep theirs
 *   - a UTF-8 byte-order mark at the start is skipped
 *   - completely empty lines are skipped (a trailing blank line is common)
 *   - a quote inside an unquoted field, text after a closing quote, an
 *     unterminated quote and a row whose field count differs from the
 *     header's are errors
 *
 * Workload: the county tables (a few thousand rows) and the user's files
 * for `scomm link` (up to millions of rows).
 */
#include "scomm/io/csv_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"

#define BUF_SIZE 65536

struct sc_csv {
    FILE *f;
    char *path;

    unsigned char buf[BUF_SIZE];
    size_t pos, len;
    int eof;             /* the file has no more bytes beyond buf */

    long line;           /* physical line of the byte last read, 1-based */
    long col;            /* its character column, 1-based */
    int newline_pending; /* the byte last read was '\n' */

    /* UTF-8 decoding state between bytes. */
    int utf8_need;       /* continuation bytes still expected */
    unsigned char utf8_lo, utf8_hi; /* range of the next continuation */
    long utf8_line, utf8_col;       /* where the sequence began */

    long row_line;       /* line where the last record began */

    char *rec;           /* fields of the current record */
    size_t rec_len, rec_cap;
    size_t *off;         /* start of each field in rec */
    size_t nf, off_cap;

    char *hdr;           /* header names, NUL-separated */
    size_t *hdr_off;
    size_t nhdr;

    int failed;          /* a parse error stops the reader for good */
};

static int fail(sc_csv *c, char *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err) {
        va_start(ap, fmt);
        vsnprintf(err, SC_ERRMSG_MAX, fmt, ap);
        va_end(ap);
    }
    if (c)
        c->failed = code;
    return code;
}

/* Refills the buffer when it is empty.  Returns 0, or SC_EIO. */
static int refill(sc_csv *c, char *err)
{
    size_t got;

    if (c->pos < c->len || c->eof)
        return 0;
    got = fread(c->buf, 1, sizeof c->buf, c->f);
    c->pos = 0;
    c->len = got;
    if (got < sizeof c->buf) {
        if (ferror(c->f))
            return fail(c, err, SC_EIO, "cannot read '%s': %s", c->path,
                        strerror(errno));
        if (got == 0)
            c->eof = 1;
    }
    return 0;
}

/* The next byte without consuming it, or -1 at end of file. */
static int peek_byte(sc_csv *c, char *err, int *out)
{
    int rc = refill(c, err);

    if (rc < 0)
        return rc;
    *out = c->pos < c->len ? c->buf[c->pos] : -1;
    return 0;
}

/*
 * Consumes one byte into *out (-1 at end of file), keeping line and
 * column and validating UTF-8.  The continuation ranges follow Unicode
 * table 3-7: E0 needs A0..BF (no overlong), ED needs 80..9F (no
 * surrogates), F0 needs 90..BF, F4 needs 80..8F (nothing above U+10FFFF).
 */
static int next_byte(sc_csv *c, char *err, int *out)
{
    int rc = refill(c, err);
    unsigned char b;

    if (rc < 0)
        return rc;
    if (c->pos >= c->len) {
        if (c->utf8_need > 0)
            return fail(c, err, SC_EPARSE,
                        "%s:%ld:%ld: invalid UTF-8: truncated sequence at "
                        "end of file", c->path, c->utf8_line, c->utf8_col);
        *out = -1;
        return 0;
    }
    b = c->buf[c->pos++];

    if (c->newline_pending) {
        c->line++;
        c->col = 0;
        c->newline_pending = 0;
    }
    if ((b & 0xC0) != 0x80)
        c->col++;

    if (c->utf8_need > 0) {
        if (b < c->utf8_lo || b > c->utf8_hi)
            return fail(c, err, SC_EPARSE,
                        "%s:%ld:%ld: invalid UTF-8: byte 0x%02X cannot "
                        "continue the sequence", c->path, c->utf8_line,
                        c->utf8_col, b);
        c->utf8_need--;
        c->utf8_lo = 0x80;
        c->utf8_hi = 0xBF;
    } else if (b >= 0x80) {
        c->utf8_line = c->line;
        c->utf8_col = c->col;
        c->utf8_lo = 0x80;
        c->utf8_hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            c->utf8_need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            c->utf8_need = 2;
            if (b == 0xE0)
                c->utf8_lo = 0xA0;
            else if (b == 0xED)
                c->utf8_hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            c->utf8_need = 3;
            if (b == 0xF0)
                c->utf8_lo = 0x90;
            else if (b == 0xF4)
                c->utf8_hi = 0x8F;
        } else {
            return fail(c, err, SC_EPARSE,
                        "%s:%ld:%ld: invalid UTF-8: byte 0x%02X cannot "
                        "start a character", c->path, c->line, c->col, b);
        }
    } else if (b == 0) {
        return fail(c, err, SC_EPARSE, "%s:%ld:%ld: embedded NUL byte",
                    c->path, c->line, c->col);
    }

    if (b == '\n')
        c->newline_pending = 1;
    *out = b;
    return 0;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 64;
    void *q;

    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > (size_t)-1 / 2 / size)
            return SC_ENOMEM;
        n *= 2;
    }
    q = realloc(*p, n * size);
    if (!q)
        return SC_ENOMEM;
    *p = q;
    *cap = n;
    return 0;
}

static int put_char(sc_csv *c, char *err, int ch)
{
    if (c->rec_len + 1 > c->rec_cap &&
        grow((void **)&c->rec, &c->rec_cap, c->rec_len + 1, 1) < 0)
        return fail(c, err, SC_ENOMEM, "%s:%ld: out of memory", c->path,
                    c->row_line);
    c->rec[c->rec_len++] = (char)ch;
    return 0;
}

static int start_field(sc_csv *c, char *err)
{
    if (c->nf + 1 > c->off_cap &&
        grow((void **)&c->off, &c->off_cap, c->nf + 1, sizeof *c->off) < 0)
        return fail(c, err, SC_ENOMEM, "%s:%ld: out of memory", c->path,
                    c->row_line);
    c->off[c->nf++] = c->rec_len;
    return 0;
}

/* Consumes the LF of a CRLF just read as `ch`; a bare CR is an error.
 * Sets *end when ch ended the line. */
static int line_end(sc_csv *c, char *err, int ch, int *end)
{
    int nx, rc;

    *end = 0;
    if (ch == '\n') {
        *end = 1;
        return 0;
    }
    if (ch != '\r')
        return 0;
    rc = peek_byte(c, err, &nx);
    if (rc < 0)
        return rc;
    if (nx != '\n')
        return fail(c, err, SC_EPARSE,
                    "%s:%ld:%ld: carriage return not followed by a line "
                    "feed", c->path, c->line, c->col);
    rc = next_byte(c, err, &nx);
    if (rc < 0)
        return rc;
    *end = 1;
    return 0;
}

/* Reads one quoted field; the opening quote is consumed.  Leaves in *ch
 * the byte after the closing quote. */
static int read_quoted(sc_csv *c, char *err, int *ch)
{
    long qline = c->line, qcol = c->col;
    int b, nx, rc;

    for (;;) {
        rc = next_byte(c, err, &b);
        if (rc < 0)
            return rc;
        if (b < 0)
            return fail(c, err, SC_EPARSE,
                        "%s:%ld:%ld: unterminated quote", c->path, qline,
                        qcol);
        if (b == '"') {
            rc = peek_byte(c, err, &nx);
            if (rc < 0)
                return rc;
            if (nx != '"')
                break;
            rc = next_byte(c, err, &b);
            if (rc < 0)
                return rc;
        }
        rc = put_char(c, err, b);
        if (rc < 0)
            return rc;
    }
    do {
        rc = next_byte(c, err, ch);
        if (rc < 0)
            return rc;
    } while (*ch == ' ' || *ch == '\t');
    if (*ch != ',' && *ch != '\n' && *ch != '\r' && *ch >= 0)
        return fail(c, err, SC_EPARSE,
                    "%s:%ld:%ld: text after the closing quote of a field",
                    c->path, c->line, c->col);
    return 0;
}

/*
 * Reads one record into rec/off.  Returns 1 with a record, 0 at end of
 * file, or an error code.
 */
static int read_record(sc_csv *c, char *err)
{
    int ch, rc, end;

    c->rec_len = 0;
    c->nf = 0;

    /* Skip blank lines; the record begins at its first byte. */
    for (;;) {
        rc = next_byte(c, err, &ch);
        if (rc < 0)
            return rc;
        if (ch < 0)
            return 0;
        c->row_line = c->line;
        rc = line_end(c, err, ch, &end);
        if (rc < 0)
            return rc;
        if (!end)
            break;
    }

    for (;;) {
        /* ch is the first byte of a field (or what ends an empty one). */
        rc = start_field(c, err);
        if (rc < 0)
            return rc;
        /* Leading blanks: kept for an unquoted field, dropped before a
         * quote. */
        while (ch == ' ' || ch == '\t') {
            rc = put_char(c, err, ch);
            if (rc < 0)
                return rc;
            rc = next_byte(c, err, &ch);
            if (rc < 0)
                return rc;
        }
        if (ch == '"') {
            c->rec_len = c->off[c->nf - 1];
            rc = read_quoted(c, err, &ch);
            if (rc < 0)
                return rc;
        } else {
            while (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r') {
                if (ch == '"')
                    return fail(c, err, SC_EPARSE,
                                "%s:%ld:%ld: quote inside an unquoted field",
                                c->path, c->line, c->col);
                rc = put_char(c, err, ch);
                if (rc < 0)
                    return rc;
                rc = next_byte(c, err, &ch);
                if (rc < 0)
                    return rc;
            }
        }
        rc = put_char(c, err, '\0');
        if (rc < 0)
            return rc;
        if (ch == ',') {
            rc = next_byte(c, err, &ch);
            if (rc < 0)
                return rc;
            continue;
        }
        if (ch < 0)
            return 1;
        rc = line_end(c, err, ch, &end);
        if (rc < 0)
            return rc;
        return 1;
    }
}

static int skip_bom(sc_csv *c, char *err)
{
    /* Make sure three bytes are buffered, even from a slow stream. */
    while (!c->eof && c->len < 3) {
        size_t got = fread(c->buf + c->len, 1, sizeof c->buf - c->len, c->f);
        if (got == 0) {
            if (ferror(c->f))
                return fail(c, err, SC_EIO, "cannot read '%s': %s",
                            c->path, strerror(errno));
            c->eof = c->len == 0;
            break;
        }
        c->len += got;
    }
    if (c->len >= 3 && c->buf[0] == 0xEF && c->buf[1] == 0xBB &&
        c->buf[2] == 0xBF)
        c->pos = 3;
    return 0;
}

static int read_header(sc_csv *c, char *err)
{
    size_t i, j;
    int rc = read_record(c, err);

    if (rc < 0)
        return rc;
    if (rc == 0)
        return fail(c, err, SC_EPARSE, "%s: empty file, no header row",
                    c->path);
    c->hdr = malloc(c->rec_len ? c->rec_len : 1);
    c->hdr_off = malloc(c->nf * sizeof *c->hdr_off);
    if (!c->hdr || !c->hdr_off)
        return fail(c, err, SC_ENOMEM, "%s: out of memory", c->path);
    memcpy(c->hdr, c->rec, c->rec_len);
    memcpy(c->hdr_off, c->off, c->nf * sizeof *c->off);
    c->nhdr = c->nf;
    for (i = 0; i < c->nhdr; i++)
        for (j = 0; j < i; j++)
            if (strcmp(c->hdr + c->hdr_off[i], c->hdr + c->hdr_off[j]) == 0)
                return fail(c, err, SC_EPARSE,
                            "%s:%ld: column '%s' appears twice in the header",
                            c->path, c->row_line, c->hdr + c->hdr_off[i]);
    return 0;
}

int sc_csv_open(const char *path, sc_csv **out, char *err)
{
    sc_csv *c;
    int rc;

    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return fail(NULL, err, SC_ENOMEM, "%s: out of memory", path);
    c->path = malloc(strlen(path) + 1);
    if (!c->path) {
        free(c);
        return fail(NULL, err, SC_ENOMEM, "%s: out of memory", path);
    }
    memcpy(c->path, path, strlen(path) + 1);
    c->line = 1;
    c->f = fopen(path, "rb");
    if (!c->f) {
        rc = fail(c, err, SC_EIO, "cannot open '%s': %s", path,
                  strerror(errno));
        sc_csv_close(c);
        return rc;
    }
    rc = skip_bom(c, err);
    if (rc == 0)
        rc = read_header(c, err);
    if (rc < 0) {
        sc_csv_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

void sc_csv_close(sc_csv *c)
{
    if (!c)
        return;
    if (c->f)
        fclose(c->f);
    free(c->path);
    free(c->rec);
    free(c->off);
    free(c->hdr);
    free(c->hdr_off);
    free(c);
}

int sc_csv_column(const sc_csv *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nhdr; i++)
        if (strcmp(c->hdr + c->hdr_off[i], name) == 0)
            return (int)i;
    return -1;
}

int sc_csv_require(sc_csv *c, const char *name, int *index, char *err)
{
    int i = sc_csv_column(c, name);

    if (i < 0) {
        /* A missing column is the caller's verdict, not a broken stream:
         * leave the reader usable. */
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "%s: missing column '%s'",
                     c->path, name);
        return SC_EPARSE;
    }
    *index = i;
    return 0;
}

int sc_csv_next(sc_csv *c, char *err)
{
    int rc;

    if (c->failed)
        return fail(c, err, c->failed,
                    "%s: reading stopped at an earlier error", c->path);
    rc = read_record(c, err);
    if (rc <= 0) {
        c->nf = 0;
        return rc;
    }
    if (c->nf != c->nhdr) {
        rc = fail(c, err, SC_EPARSE,
                  "%s:%ld: row has %zu field%s, the header has %zu",
                  c->path, c->row_line, c->nf, c->nf == 1 ? "" : "s",
                  c->nhdr);
        c->nf = 0;
        return rc;
    }
    return 1;
}

size_t sc_csv_nfields(const sc_csv *c)
{
    return c->nf;
}

/* Before the first sc_csv_next() the current row is the header.  NULL
 * when i is out of range, and after the end of file or an error, when
 * there is no current row. */
const char *sc_csv_field(const sc_csv *c, size_t i)
{
    if (i >= c->nf)
        return NULL;
    return c->rec + c->off[i];
}

long sc_csv_line(const sc_csv *c)
{
    return c->row_line;
}

const char *sc_csv_path(const sc_csv *c)
{
    return c->path;
}
