/*
 * test_csv_reader.c - the strict CSV reader: RFC 4180 quoting, line ends,
 * BOM, and every error with its line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/io/csv_reader.h"
#include "test_util.h"

typedef struct fixture {
    char dir[256];
    char path[512];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx || !sc_test_tmpdir(fx->dir, sizeof fx->dir))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    unlink(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* Writes len bytes (may contain NUL) to the fixture's file. */
static const char *put(fixture *fx, const char *bytes, size_t len)
{
    FILE *f;

    snprintf(fx->path, sizeof fx->path, "%s/t.csv", fx->dir);
    f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return fx->path;
}

static const char *puts_(fixture *fx, const char *text)
{
    return put(fx, text, strlen(text));
}

/* Opens, reads every row, and returns the error code of the first
 * failure (or the final 0); err receives the message. */
static int read_all(const char *path, char *err, long *rows)
{
    sc_csv *c = NULL;
    int rc;

    *rows = 0;
    rc = sc_csv_open(path, &c, err);
    if (rc < 0)
        return rc;
    while ((rc = sc_csv_next(c, err)) == 1)
        (*rows)++;
    sc_csv_close(c);
    return rc;
}

/* err must start with "<path><suffix>". */
static void assert_msg(const char *err, const char *path, const char *suffix)
{
    char want[1024];

    snprintf(want, sizeof want, "%s%s", path, suffix);
    if (strncmp(err, want, strlen(want)) != 0)
        fail_msg("message '%s' does not start with '%s'", err, want);
}

static void test_basic_rows_by_name(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;
    int ia, ib;

    puts_(fx, "a,b,c\n1,2,3\nx,,z\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_string_equal(sc_csv_path(c), fx->path);
    ia = sc_csv_column(c, "a");
    assert_int_equal(ia, 0);
    assert_int_equal(sc_csv_column(c, "c"), 2);
    assert_int_equal(sc_csv_column(c, "nope"), -1);
    assert_int_equal(sc_csv_require(c, "b", &ib, err), 0);
    assert_int_equal(ib, 1);

    assert_int_equal(sc_csv_next(c, err), 1);
    assert_int_equal(sc_csv_nfields(c), 3);
    assert_int_equal(sc_csv_line(c), 2);
    assert_string_equal(sc_csv_field(c, 0), "1");
    assert_string_equal(sc_csv_field(c, 2), "3");
    assert_null(sc_csv_field(c, 3));

    assert_int_equal(sc_csv_next(c, err), 1);
    assert_int_equal(sc_csv_line(c), 3);
    assert_string_equal(sc_csv_field(c, 1), "");
    assert_string_equal(sc_csv_field(c, 2), "z");

    assert_int_equal(sc_csv_next(c, err), 0);
    assert_int_equal(sc_csv_next(c, err), 0);
    assert_null(sc_csv_field(c, 0));
    sc_csv_close(c);
}

static void test_quotes_and_multiline(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;

    puts_(fx, "name,note\n"
              "\"Smith, John\",\"say \"\"hi\"\"\"\n"
              "\"two\nlines\",\"\"\n"
              "last,\"\"\"\"\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 0), "Smith, John");
    assert_string_equal(sc_csv_field(c, 1), "say \"hi\"");
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_int_equal(sc_csv_line(c), 3);
    assert_string_equal(sc_csv_field(c, 0), "two\nlines");
    assert_string_equal(sc_csv_field(c, 1), "");
    assert_int_equal(sc_csv_next(c, err), 1);
    /* The quoted newline moved the next row to physical line 5. */
    assert_int_equal(sc_csv_line(c), 5);
    assert_string_equal(sc_csv_field(c, 1), "\"");
    assert_int_equal(sc_csv_next(c, err), 0);
    sc_csv_close(c);
}

static void test_crlf_bom_blank_lines_no_final_newline(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;

    puts_(fx, "\xEF\xBB\xBF" "fips,n\r\n01001,\"q\r\nr\"\r\n\r\n\n"
              "02013,7");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    /* The BOM is not part of the first column's name. */
    assert_int_equal(sc_csv_column(c, "fips"), 0);
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 0), "01001");
    /* CRLF inside quotes is data; outside it ends the line. */
    assert_string_equal(sc_csv_field(c, 1), "q\r\nr");
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_int_equal(sc_csv_line(c), 6);
    assert_string_equal(sc_csv_field(c, 0), "02013");
    assert_string_equal(sc_csv_field(c, 1), "7");
    assert_int_equal(sc_csv_next(c, err), 0);
    sc_csv_close(c);
}

static void test_trailing_empty_field(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;

    puts_(fx, "a,b\nx,\n,\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 0), "x");
    assert_string_equal(sc_csv_field(c, 1), "");
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 0), "");
    assert_string_equal(sc_csv_field(c, 1), "");
    assert_int_equal(sc_csv_next(c, err), 0);
    sc_csv_close(c);
}

static void test_ragged_row(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    long rows;

    puts_(fx, "a,b,c\n1,2,3\n4,5\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_int_equal(rows, 1);
    assert_msg(err, fx->path, ":3: row has 2 fields, the header has 3");

    puts_(fx, "a,b\n1,2,3\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2: row has 3 fields");
}

static void test_unterminated_quote(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    long rows;

    puts_(fx, "a,b\n1,2\n3,\"open\nstill open\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_int_equal(rows, 1);
    /* Reported where the quote opened: line 3, column 3. */
    assert_msg(err, fx->path, ":3:3: unterminated quote");
}

/* Blanks around a quoted field are dropped (FEBRL writes ", " and
 * quotes some fields); an unquoted field keeps its blanks; a quote after
 * text is still an error. */
static void test_blanks_around_quotes(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;
    long rows;

    puts_(fx, "rec_id, name, note\n"
              "rec-1-org, \"Smith, John\" , plain\n"
              "rec-1-dup-0,\t\"x\"\t,  \"\"\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 0), "rec-1-org");
    assert_string_equal(sc_csv_field(c, 1), "Smith, John");
    assert_string_equal(sc_csv_field(c, 2), " plain");
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 1), "x");
    assert_string_equal(sc_csv_field(c, 2), "");
    assert_int_equal(sc_csv_next(c, err), 0);
    sc_csv_close(c);

    puts_(fx, "a,b\n x\"y\",d\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:3: quote inside an unquoted field");
    puts_(fx, "a,b\n\"x\" y,d\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:5: text after the closing quote");
}

static void test_bad_quotes_and_cr(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    long rows;

    puts_(fx, "a,b\nab\"c,d\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:3: quote inside an unquoted field");

    puts_(fx, "a,b\n\"x\"y,d\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:4: text after the closing quote");

    puts_(fx, "a,b\nx\ry,d\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:2: carriage return not followed");
}

static void test_embedded_nul(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    long rows;
    static const char bytes[] = "a,b\nok,fine\nxy,z\0w\n";

    put(fx, bytes, sizeof bytes - 1);
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_int_equal(rows, 1);
    assert_msg(err, fx->path, ":3:5: embedded NUL byte");
}

static void test_invalid_utf8(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    long rows;

    /* Valid: 2-, 3- and 4-byte characters; columns count characters. */
    puts_(fx, "name,x\nDo\xC3\xB1" "a Ana,\xE2\x82\xAC\xF0\x9F\x98\x80\n");
    assert_int_equal(read_all(fx->path, err, &rows), 0);
    assert_int_equal(rows, 1);

    /* A byte that cannot start a character, after two characters of
     * which one is two bytes long: column 3. */
    puts_(fx, "name,x\n\xC3\xA9,\xFF\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:3: invalid UTF-8");

    /* Overlong encoding of '/', at line 3 column 1. */
    puts_(fx, "name,x\na,b\n\xC0\xAF,c\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":3:1: invalid UTF-8");

    /* Overlong three-byte form and a UTF-16 surrogate. */
    puts_(fx, "name,x\n\xE0\x80\xAF,c\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:1: invalid UTF-8");
    puts_(fx, "name,x\nab\xED\xA0\x80,c\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:3: invalid UTF-8");

    /* Above U+10FFFF. */
    puts_(fx, "name,x\n\xF4\x90\x80\x80,c\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:1: invalid UTF-8");

    /* A lead byte cut off by the delimiter, and one cut off by the end of
     * the file. */
    puts_(fx, "name,x\nx\xC3,c\n");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:2: invalid UTF-8");
    puts_(fx, "name,x\nx,\xE2\x82");
    assert_int_equal(read_all(fx->path, err, &rows), SC_EPARSE);
    assert_msg(err, fx->path, ":2:3: invalid UTF-8: truncated");
}

static void test_open_errors(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], missing[600];
    sc_csv *c = (sc_csv *)&err;
    int idx = 7;

    snprintf(missing, sizeof missing, "%s/absent.csv", fx->dir);
    assert_int_equal(sc_csv_open(missing, &c, err), SC_EIO);
    assert_null(c);
    assert_non_null(strstr(err, "cannot open '"));
    assert_non_null(strstr(err, "absent.csv"));

    puts_(fx, "");
    assert_int_equal(sc_csv_open(fx->path, &c, err), SC_EPARSE);
    assert_msg(err, fx->path, ": empty file");

    puts_(fx, "a,b,a\n1,2,3\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), SC_EPARSE);
    assert_msg(err, fx->path, ":1: column 'a' appears twice");

    puts_(fx, "a,b\n1,2\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_require(c, "fips", &idx, err), SC_EPARSE);
    assert_int_equal(idx, 7);
    assert_msg(err, fx->path, ": missing column 'fips'");
    /* The reader still works after a failed require. */
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_string_equal(sc_csv_field(c, 1), "2");
    sc_csv_close(c);
    sc_csv_close(NULL);
}

static void test_error_is_sticky(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_csv *c = NULL;

    puts_(fx, "a\n\"x\"y\nz\n");
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_next(c, err), SC_EPARSE);
    assert_int_equal(sc_csv_next(c, err), SC_EPARSE);
    assert_null(sc_csv_field(c, 0));
    sc_csv_close(c);
}

/* No fixed limits: a 300 KB field, 2,000 columns, and a file longer than
 * the read buffer with a multibyte character and a CRLF on every
 * possible buffer boundary. */
static void test_large_inputs(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], name[32];
    size_t big = 300000, ncol = 2000, i, len = 0, cap;
    char *buf;
    sc_csv *c = NULL;
    long rows = 0;
    int rc;

    cap = big + ncol * 16 + 64;
    buf = malloc(cap);
    assert_non_null(buf);
    for (i = 0; i < ncol; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%sc%zu",
                                i ? "," : "", i);
    buf[len++] = '\n';
    memset(buf + len, 'x', big);
    len += big;
    for (i = 1; i < ncol; i++)
        buf[len++] = ',';
    buf[len++] = '\n';
    put(fx, buf, len);
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    assert_int_equal(sc_csv_nfields(c), ncol);
    snprintf(name, sizeof name, "c%zu", ncol - 1);
    assert_int_equal(sc_csv_column(c, name), (int)ncol - 1);
    assert_int_equal(sc_csv_next(c, err), 1);
    assert_int_equal(strlen(sc_csv_field(c, 0)), big);
    assert_string_equal(sc_csv_field(c, ncol - 1), "");
    assert_int_equal(sc_csv_next(c, err), 0);
    sc_csv_close(c);
    free(buf);

    /* Rows of "\xC3\xA9,<n>\r\n": 3 + digits + 2 bytes, so over 200,000
     * bytes every alignment against the 64 KiB buffer occurs. */
    cap = 4 << 20;
    buf = malloc(cap);
    assert_non_null(buf);
    len = (size_t)snprintf(buf, cap, "e,n\r\n");
    for (i = 0; i < 40000; i++)
        len += (size_t)snprintf(buf + len, cap - len, "\xC3\xA9,%zu\r\n", i);
    put(fx, buf, len);
    free(buf);
    assert_int_equal(sc_csv_open(fx->path, &c, err), 0);
    while ((rc = sc_csv_next(c, err)) == 1) {
        assert_string_equal(sc_csv_field(c, 0), "\xC3\xA9");
        assert_int_equal(strtol(sc_csv_field(c, 1), NULL, 10), rows);
        assert_int_equal(sc_csv_line(c), rows + 2);
        rows++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(rows, 40000);
    sc_csv_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic_rows_by_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_quotes_and_multiline, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_crlf_bom_blank_lines_no_final_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trailing_empty_field, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ragged_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unterminated_quote, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_blanks_around_quotes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_quotes_and_cr, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_embedded_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_is_sticky, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_large_inputs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
