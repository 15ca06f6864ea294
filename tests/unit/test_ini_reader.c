/*
 * test_ini_reader.c - scenario files: syntax, comments, quoting, and an
 * error with file, line, section and key for every way a file can be
 * wrong.
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
#include "scomm/io/ini_reader.h"
#include "scomm/scenario.h"
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
    snprintf(fx->path, sizeof fx->path, "%s/s.ini", fx->dir);
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

static void write_ini(fixture *fx, const char *text)
{
    FILE *f = fopen(fx->path, "wb");

    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Whether two parameter sets hold the same value for every key (compared
 * as text, so struct padding does not enter). */
static int params_equal(const sc_params *a, const sc_params *b)
{
    const sc_param_key *k;
    char va[512], vb[512];
    size_t i, n;

    k = sc_param_keys(&n);
    for (i = 0; i < n; i++) {
        sc_params_get(a, &k[i], va, sizeof va);
        sc_params_get(b, &k[i], vb, sizeof vb);
        if (strcmp(va, vb) != 0) {
            print_message("[%s] %s: '%s' != '%s'\n", k[i].section,
                          k[i].name, va, vb);
            return 0;
        }
    }
    return 1;
}

/* Loads `text` and expects failure with a message "<path><suffix>". */
static void expect_error(fixture *fx, const char *text, int code,
                         const char *suffix)
{
    char err[SC_ERRMSG_MAX], want[1024];
    sc_params p, before;

    write_ini(fx, text);
    sc_params_init(&p);
    before = p;
    err[0] = '\0';
    assert_int_equal(sc_ini_load(fx->path, &p, err), code);
    snprintf(want, sizeof want, "%s%s", fx->path, suffix);
    if (strcmp(err, want) != 0)
        fail_msg("message '%s', expected '%s'", err, want);
    /* A failed load leaves the parameters as they were. */
    assert_true(params_equal(&p, &before));
}

static void test_syntax(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_params p;

    write_ini(fx,
              "\xEF\xBB\xBF# a scenario\r\n"
              "; another comment\n"
              "\n"
              "   # indented comment\n"
              "[run]\r\n"
              "seed = 42   # inline comment\n"
              "  scale=0.0001;not a comment\n"
              "start = 2013-01-01 ; comment\n"
              "end\t=\t2013-03-31\n"
              "geo_dir = \"my data #1; \\\"quoted\\\" \\\\ dir\"  # c\n"
              "[ world ]   ; a section with spaces\n"
              "foreign_born_share = 0.2\n"
              "[run]\n"
              "policy = database-only\n");
    sc_params_init(&p);
    err[0] = '\0';
    /* "0.0001;not a comment": ';' not after whitespace is part of the
     * value, which is then not a number. */
    assert_int_equal(sc_ini_load(fx->path, &p, err), SC_EPARSE);
    assert_non_null(strstr(err, ":7: [run] scale: '0.0001;not a comment' "
                                "is not a number"));

    write_ini(fx,
              "\xEF\xBB\xBF# a scenario\r\n"
              "; another comment\n"
              "\n"
              "   # indented comment\n"
              "[run]\r\n"
              "seed = 42   # inline comment\n"
              "  scale=0.0001\n"
              "start = 2013-01-01 ; comment\n"
              "end\t=\t2013-03-31\n"
              "geo_dir = \"my data #1; \\\"quoted\\\" \\\\ dir\"  # c\n"
              "[ world ]   ; a section with spaces\n"
              "foreign_born_share = 0.2\n"
              "[run]\n"
              "policy = database-only\n");
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(fx->path, &p, err), 0);
    assert_true(p.seed == 42);
    assert_true(p.scale == 0.0001);
    assert_int_equal(p.start, sc_date_from_ymd(2013, 1, 1));
    assert_int_equal(p.end, sc_date_from_ymd(2013, 3, 31));
    assert_string_equal(p.geo_dir, "my data #1; \"quoted\" \\ dir");
    assert_true(p.foreign_born_share == 0.2);
    assert_string_equal(p.policy, "database-only");
}

static void test_hash_inside_value_and_empty_file(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_params p, def;

    write_ini(fx, "[run]\ngeo_dir = a#b;c\n");
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(fx->path, &p, err), 0);
    assert_string_equal(p.geo_dir, "a#b;c");

    /* An empty file changes nothing and validates. */
    write_ini(fx, "");
    sc_params_init(&p);
    def = p;
    assert_int_equal(sc_ini_load(fx->path, &p, err), 0);
    assert_true(params_equal(&p, &def));
}

static void test_applies_on_top(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_params p;

    write_ini(fx, "[run]\nseed = 7\n");
    sc_params_init(&p);
    p.scale = 0.001;
    assert_int_equal(sc_ini_load(fx->path, &p, err), 0);
    assert_true(p.seed == 7);
    /* Keys absent from the file keep the caller's values. */
    assert_true(p.scale == 0.001);
}

static void test_value_errors(void **state)
{
    fixture *fx = *state;

    expect_error(fx, "[world]\nforeign_born_share = 1.7\n", SC_EPARSE,
                 ":2: [world] foreign_born_share: 1.7 is outside 0..1");
    expect_error(fx, "[run]\n\nstart = 2013-02-30\n", SC_EPARSE,
                 ":3: [run] start: '2013-02-30' is not a date (YYYY-MM-DD)");
    expect_error(fx, "[run]\nseed = -4\n", SC_EPARSE,
                 ":2: [run] seed: '-4' is not a non-negative integer");
}

static void test_structure_errors(void **state)
{
    fixture *fx = *state;

    expect_error(fx, "[run]\nseed = 1\nbogus = 2\n", SC_EPARSE,
                 ":3: [run] bogus: unknown key");
    expect_error(fx, "# top\nseed = 1\n[run]\n", SC_EPARSE,
                 ":2: seed: key before any [section]");
    expect_error(fx, "[run]\nseed 5\n", SC_EPARSE,
                 ":2: [run] 'seed 5': expected 'key = value'");
    expect_error(fx, "[run]\n= 5\n", SC_EPARSE,
                 ":2: [run]: missing key before '='");
    expect_error(fx, "[run]\nseed = 1\n[world]\n[run]\nseed = 2\n",
                 SC_EPARSE,
                 ":5: [run] seed: duplicate key (first set on line 2)");
    expect_error(fx, "[run]\nseed = 1\n[nope]\nx = 1\n", SC_EPARSE,
                 ":3: [nope]: unknown section");
    expect_error(fx, "[run\nseed = 1\n", SC_EPARSE,
                 ":1: '[run': section header without ']'");
    expect_error(fx, "[run] x\n", SC_EPARSE,
                 ":1: [run]: text after the section header");
    expect_error(fx, "[]\n", SC_EPARSE, ":1: []: empty section name");
    expect_error(fx, "[run]\ngeo_dir = \"abc\n", SC_EPARSE,
                 ":2: [run] geo_dir: unterminated quote");
    expect_error(fx, "[run]\ngeo_dir = \"abc\" d\n", SC_EPARSE,
                 ":2: [run] geo_dir: text after the closing quote");
    /* A key of one section is unknown in another. */
    expect_error(fx, "[world]\nseed = 3\n", SC_EPARSE,
                 ":2: [world] seed: unknown key");
}

static void test_validation_error(void **state)
{
    fixture *fx = *state;

    expect_error(fx, "[run]\nstart = 2013-05-01\nend = 2013-04-01\n",
                 SC_EPARSE, ": [run] end is before start");
}

static void test_embedded_nul(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_params p;
    static const char bytes[] = "[run]\nseed = 1\0 2\n";
    FILE *f = fopen(fx->path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, sizeof bytes - 1, f),
                     sizeof bytes - 1);
    assert_int_equal(fclose(f), 0);
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(fx->path, &p, err), SC_EPARSE);
    assert_non_null(strstr(err, ":2: embedded NUL byte"));
}

static void test_unreadable(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], path[600], want[700];
    sc_params p;

    snprintf(path, sizeof path, "%s/absent.ini", fx->dir);
    snprintf(want, sizeof want, "cannot open '%s': ", path);
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(path, &p, err), SC_EIO);
    assert_memory_equal(err, want, strlen(want));
    assert_non_null(strstr(err, "No such file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_hash_inside_value_and_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_applies_on_top, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_value_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structure_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_validation_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_embedded_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
