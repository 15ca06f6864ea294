/*
 * test_policy_reader.c - policies in INI files: the shipped files equal
 * the built-in policies, bad files are refused with file, line and field,
 * and a scenario may define and run its own policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <string.h>
#include <unistd.h>

#include "scomm/io/ini_reader.h"
#include "scomm/io/policy_reader.h"
#include "test_util.h"

#define SHIPPED_DIR "data/policies"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    return sc_test_tmpdir(dir, sizeof dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(dir);
}

/* Writes text to DIR/name; returns the path in a static buffer. */
static const char *write_file(const char *name, const char *text)
{
    static char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* The four files of data/policies compile to exactly the built-in
 * policies, and the folder holds nothing else. */
static void test_shipped_files_equal_builtins(void **state)
{
    char path[512], err[SC_ERRMSG_MAX];
    size_t i, files = 0;
    DIR *d;
    struct dirent *e;

    (void)state;
    for (i = 0; sc_policy_builtin_name(i); i++) {
        const char *name = sc_policy_builtin_name(i);
        sc_policy_set set;
        sc_policy want;

        snprintf(path, sizeof path, SHIPPED_DIR "/%s.ini", name);
        sc_policy_set_init(&set);
        if (sc_policy_read(path, SC_POLICY_READ_SHIPPED, &set, err) < 0)
            fail_msg("%s (run the tests from the repository root)", err);
        assert_int_equal(set.n, 1);
        assert_int_equal(sc_policy_builtin(name, &want), 0);
        if (memcmp(&set.v[0], &want, sizeof want) != 0)
            fail_msg("%s differs from the built-in '%s' "
                     "(src/core/policy.c)", path, name);
        sc_policy_set_release(&set);
        /* Without the flag a shipped name is refused. */
        sc_policy_set_init(&set);
        assert_int_equal(sc_policy_read(path, 0, &set, err), SC_EPARSE);
        assert_non_null(strstr(err, "a shipped policy has that name"));
        assert_int_equal(set.n, 0);
        sc_policy_set_release(&set);
    }
    d = opendir(SHIPPED_DIR);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char name[256];
        if (e->d_name[0] == '.')
            continue;
        assert_true(n > 4 && strcmp(e->d_name + n - 4, ".ini") == 0);
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        if (sc_policy_check(name) != 0)
            fail_msg(SHIPPED_DIR "/%s is not a built-in policy", e->d_name);
        files++;
    }
    closedir(d);
    assert_int_equal(files, i);
}

typedef struct bad_case {
    const char *text;
    const char *want;        /* after "PATH:" */
} bad_case;

static const bad_case bad[] = {
    {"[policy.mine]\nrule = a: when not queried then no-detainer\n"
     "rule = b: when foo then no-detainer\nrule = c: otherwise no-detainer\n",
     ":3: [policy.mine] rule: 'foo': unknown fact"},
    {"# no otherwise\n[policy.mine]\n"
     "rule = a: when not queried then no-detainer\n",
     ":2: [policy.mine]: policy 'mine' does not end with an 'otherwise'"},
    {"[policy.mine]\n[policy.other]\nrule = a: otherwise no-detainer\n",
     ":1: [policy.mine]: policy 'mine' has no rules"},
    {"[policy.mine]\nwhen = queried\n",
     ":2: [policy.mine] when: unknown key"},
    {"[policy.mine]\ndescription = a\ndescription = b\n",
     ":3: [policy.mine] description: duplicate key (first set on line 2)"},
    {"[policy.mine]\ndescription = \"open\n",
     ":2: [policy.mine] description: unterminated quote"},
    {"[policy.mine]\ndescription = \"a\" b\n",
     ":2: [policy.mine] description: text after the closing quote"},
    {"[policy.mine]\nrule\n",
     ":2: [policy.mine] 'rule': expected 'rule = ...'"},
    {"[policy.mine]\n = x\n", ":2: [policy.mine]: missing key before '='"},
    {"[run]\nseed = 1\n", ":1: [run]: not a policy section"},
    {"rule = a: otherwise no-detainer\n",
     ":1: 'rule = a: otherwise no-detainer': text before any"},
    {"[policy.judicial]\nrule = a: otherwise no-detainer\n",
     ":1: [policy.judicial]: a shipped policy has that name"},
    {"[policy.a]\nrule = x: otherwise no-detainer\n\n[policy.a]\n",
     ":4: [policy.a]: policy defined twice"},
    {"[policy.Bad]\n", ":1: [policy.Bad]: policy name 'Bad'"},
    {"[policy.]\n", ":1: [policy.]: policy name ''"},
    {"[policy.mine\n", ":1: '[policy.mine': section header without ']'"},
    {"[policy.mine] x\n", ":1: [policy.mine]: text after the section"},
    {"[policy.mine]\nrule = a: when ident_hit then detainer final-order\n",
     ":2: [policy.mine] rule: rule 'a' could issue a detainer without a "
     "query"},
};

/* Each bad file is refused with its path, line and field, and the set
 * keeps what it held. */
static void test_bad_files(void **state)
{
    char err[SC_ERRMSG_MAX], want[SC_ERRMSG_MAX];
    sc_policy_set set;
    sc_policy keep;

    (void)state;
    assert_int_equal(sc_policy_builtin("judicial", &keep), 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *path = write_file("bad.ini", bad[i].text);
        int rc;

        sc_policy_set_init(&set);
        /* One policy already in the set, to see it survive. */
        set.v = malloc(sizeof *set.v);
        assert_non_null(set.v);
        set.v[0] = keep;
        set.n = set.cap = 1;
        rc = sc_policy_read(path, 0, &set, err);
        snprintf(want, sizeof want, "%s%s", path, bad[i].want);
        if (rc != SC_EPARSE || strncmp(err, want, strlen(want)) != 0)
            fail_msg("case %zu: got %d '%s'\nwanted '%s...'", i, rc, err,
                     want);
        assert_int_equal(set.n, 1);
        assert_memory_equal(&set.v[0], &keep, sizeof keep);
        sc_policy_set_release(&set);
        unlink(path);
    }
    sc_policy_set_init(&set);
    assert_int_equal(sc_policy_read("/nonexistent/p.ini", 0, &set, err),
                     SC_EIO);
    assert_non_null(strstr(err, "cannot open '/nonexistent/p.ini'"));
    sc_policy_set_release(&set);
}

/* Comments, quotes, CRLF ends and a byte-order mark, as in scenarios. */
static void test_syntax(void **state)
{
    char err[SC_ERRMSG_MAX];
    sc_policy_set set;
    const sc_policy *p;
    const char *path = write_file(
        "ok.ini",
        "\xEF\xBB\xBF# two policies\r\n"
        "[policy.a]  ; first\r\n"
        "description = \"with # and ; inside, and a \\\" quote\"\r\n"
        "rule = g: when not queried then no-detainer   # the guard\r\n"
        "rule = \"o: when has_final_order then detainer final-order\"\r\n"
        "rule = r: otherwise no-detainer\r\n"
        "\n"
        "[policy.b-2.x_y]\n"
        "  rule  =  r:   otherwise    no-detainer  \n");

    (void)state;
    sc_policy_set_init(&set);
    if (sc_policy_read(path, 0, &set, err) < 0)
        fail_msg("%s", err);
    assert_int_equal(set.n, 2);
    p = sc_policy_set_find(&set, "a");
    assert_non_null(p);
    assert_int_equal(p->n, 3);
    assert_string_equal(p->rules[1].name, "o");
    assert_int_equal(p->rules[1].box, SC_PC_FINAL_ORDER);
    p = sc_policy_set_find(&set, "b-2.x_y");
    assert_non_null(p);
    assert_int_equal(p->n, 1);
    assert_null(sc_policy_set_find(&set, "c"));
    /* Reading it again into the same set: every name is taken. */
    assert_int_equal(sc_policy_read(path, 0, &set, err), SC_EPARSE);
    assert_non_null(strstr(err, ":2: [policy.a]: policy defined twice"));
    assert_int_equal(set.n, 2);
    sc_policy_set_release(&set);
    unlink(path);
}

static const char scenario[] =
    "[run]\n"
    "seed = 3\n"
    "policy = strict\n"
    "\n"
    "[policy.strict]\n"
    "description = \"final orders only\"\n"
    "rule = no-query: when not queried then no-detainer\n"
    "rule = final-order: when has_final_order then detainer final-order\n"
    "rule = nothing-else: otherwise no-detainer\n"
    "\n"
    "[world]\n"
    "foreign_born_share = 0.2\n"
    "\n"
    "[policy.loose]\n"
    "rule = no-query: when not queried then no-detainer\n"
    "rule = all: otherwise detainer statements-or-other-evidence\n";

/* A scenario defines policies beside its parameters: the policy reader
 * skips the parameters, the scenario reader skips the policies, and
 * `policy = strict` names one of them. */
static void test_scenario_policies(void **state)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_policy_set set;
    sc_policy pol;
    sc_params p;
    const char *path = write_file("scen.ini", scenario);

    (void)state;
    sc_policy_set_init(&set);
    assert_int_equal(sc_policy_read(path, SC_POLICY_READ_SCENARIO, &set,
                                    err), 0);
    assert_int_equal(set.n, 2);
    assert_string_equal(set.v[0].name, "strict");
    assert_string_equal(set.v[1].name, "loose");
    sc_policy_set_release(&set);
    /* As a policy file, the [run] section is refused. */
    sc_policy_set_init(&set);
    assert_int_equal(sc_policy_read(path, 0, &set, err), SC_EPARSE);
    assert_non_null(strstr(err, ":1: [run]: not a policy section"));
    sc_policy_set_release(&set);

    sc_params_init(&p);
    if (sc_ini_load(path, &p, err) < 0)
        fail_msg("%s", err);
    assert_string_equal(p.policy, "strict");
    assert_int_equal(p.policy_custom, 1);
    assert_true(p.foreign_born_share == 0.2);
    assert_int_equal(p.seed, 3);

    assert_int_equal(sc_policy_resolve("strict", path, &pol, err), 0);
    assert_string_equal(pol.name, "strict");
    assert_int_equal(pol.n, 3);
    assert_int_equal(sc_policy_resolve("judicial", path, &pol, err), 0);
    assert_string_equal(pol.name, "judicial");
    assert_int_equal(sc_policy_resolve("judicial", NULL, &pol, err), 0);
    assert_int_equal(sc_policy_resolve("nope", path, &pol, err), SC_ENOENT);
    assert_non_null(strstr(err, "unknown policy 'nope'"));
    assert_non_null(strstr(err, path));
    assert_int_equal(sc_policy_resolve("strict", NULL, &pol, err),
                     SC_ENOENT);
    unlink(path);
}

/* The scenario reader reports a bad policy section of the scenario with
 * its line, and refuses a policy that is neither shipped nor defined. */
static void test_scenario_errors(void **state)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_params p;
    const char *path;

    (void)state;
    path = write_file("s1.ini", "[run]\npolicy = mine\n\n[policy.mine]\n"
                                "rule = a: when queried and nope then "
                                "no-detainer\n");
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(path, &p, err), SC_EPARSE);
    assert_non_null(strstr(err, "s1.ini:5: [policy.mine] rule: 'nope': "
                                "unknown fact"));
    assert_string_equal(p.policy, "database-only");   /* unchanged */
    unlink(path);

    path = write_file("s2.ini", "[run]\npolicy = mine\n\n[policy.other]\n"
                                "rule = a: otherwise no-detainer\n");
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(path, &p, err), SC_EPARSE);
    assert_non_null(strstr(err, "unknown policy 'mine'"));
    unlink(path);

    /* A shipped policy beside a scenario's own: not custom. */
    path = write_file("s3.ini", "[policy.other]\n"
                                "rule = a: otherwise no-detainer\n"
                                "[run]\npolicy = judicial\n");
    sc_params_init(&p);
    if (sc_ini_load(path, &p, err) < 0)
        fail_msg("%s", err);
    assert_int_equal(p.policy_custom, 0);
    unlink(path);

    /* Keys of the scenario's own sections are still checked. */
    path = write_file("s4.ini", "[policy.other]\nrule = a: otherwise "
                                "no-detainer\n[world]\nnot_a_key = 1\n");
    sc_params_init(&p);
    assert_int_equal(sc_ini_load(path, &p, err), SC_EPARSE);
    assert_non_null(strstr(err, "s4.ini:4: [world] not_a_key: unknown "
                                "key"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_files_equal_builtins),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_scenario_policies),
        cmocka_unit_test(test_scenario_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
