/*
 * test_summary.c - summary.json read back with jansson and checked key by
 * key (names, order, values) against sc_sim_totals of a small real run;
 * the text summary's lines and its ordering of causes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/io/summary.h"
#include "scomm/judge.h"
#include "scomm/registry.h"
#include "scomm/scenario.h"
#include "scomm/sim.h"
#include "scomm/world.h"
#include "test_util.h"

typedef struct fixture {
    char dir[256];
    char json[512], json2[512];
    sc_sim *sim;
} fixture;

static int group_setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    char err[SC_ERRMSG_MAX];
    sc_params p;
    sc_geo *geo = NULL;

    if (!fx || !sc_test_tmpdir(fx->dir, sizeof fx->dir))
        return -1;
    snprintf(fx->json, sizeof fx->json, "%s/summary.json", fx->dir);
    snprintf(fx->json2, sizeof fx->json2, "%s/again.json", fx->dir);
    sc_params_init(&p);
    p.seed = SC_TEST_SEED;
    p.scale = 1e-4;
    p.start = sc_date_from_ymd(2013, 1, 1);
    p.end = sc_date_from_ymd(2013, 3, 31);
    if (sc_geo_create_states(&geo) < 0)
        return -1;
    if (sc_sim_create(&p, geo, NULL, NULL, &fx->sim, err) < 0 ||
        sc_sim_run(fx->sim, 1) < 0) {
        fprintf(stderr, "run failed (seed %u): %s\n", SC_TEST_SEED,
                fx->sim ? sc_sim_errmsg(fx->sim) : err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *fx = *state;

    unlink(fx->json);
    unlink(fx->json2);
    rmdir(fx->dir);
    sc_sim_destroy(fx->sim);
    free(fx);
    return 0;
}

static json_t *load(const char *path)
{
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);

    if (!j)
        fail_msg("%s:%d: %s", path, e.line, e.text);
    return j;
}

static void expect_count(json_t *obj, const char *key, uint64_t want)
{
    json_t *v = json_object_get(obj, key);

    if (!json_is_integer(v))
        fail_msg("'%s' missing or not an integer", key);
    if ((uint64_t)json_integer_value(v) != want)
        fail_msg("'%s' = %lld, expected %llu", key,
                 (long long)json_integer_value(v), (unsigned long long)want);
}

static void test_keys_in_order(void **state)
{
    fixture *fx = *state;
    static const char *const order[] = {
        "scenario", "seed", "version", "scale", "start", "end", "policy",
        "persons", "records", "bookings", "searched", "ident_hits",
        "false_hits", "queries", "officer", "detainers",
        "detainers_supported",
        "detainers_wrongful", "missed", "honoured", "hold_hours", "causes",
        "causes_contributing", "bookings_by_status", "detainers_by_status"};
    char err[SC_ERRMSG_MAX];
    json_t *root;
    void *it;
    size_t i = 0;

    unlink(fx->json);
    assert_int_equal(sc_summary_write_json(fx->sim, "test", fx->json, err),
                     0);
    root = load(fx->json);
    assert_true(json_is_object(root));
    for (it = json_object_iter(root); it;
         it = json_object_iter_next(root, it), i++) {
        assert_true(i < sizeof order / sizeof order[0]);
        assert_string_equal(json_object_iter_key(it), order[i]);
    }
    assert_int_equal(i, sizeof order / sizeof order[0]);
    json_decref(root);
}

static void test_values_match_totals(void **state)
{
    fixture *fx = *state;
    const sc_totals *t = sc_sim_totals(fx->sim);
    const sc_params *p = sc_sim_params(fx->sim);
    char err[SC_ERRMSG_MAX];
    json_t *root, *o;
    uint64_t sum = 0;
    int i;

    unlink(fx->json);
    assert_int_equal(sc_summary_write_json(fx->sim, "test", fx->json, err),
                     0);
    root = load(fx->json);
    assert_string_equal(json_string_value(json_object_get(root, "scenario")),
                        "test");
    expect_count(root, "seed", SC_TEST_SEED);
    assert_string_equal(json_string_value(json_object_get(root, "version")),
                        SC_VERSION);
    assert_true(json_real_value(json_object_get(root, "scale")) == p->scale);
    assert_string_equal(json_string_value(json_object_get(root, "start")),
                        "2013-01-01");
    assert_string_equal(json_string_value(json_object_get(root, "end")),
                        "2013-03-31");
    assert_string_equal(json_string_value(json_object_get(root, "policy")),
                        p->policy);

    assert_true(t->bookings > 100);
    expect_count(root, "persons", t->persons);
    o = json_object_get(root, "records");
    assert_int_equal(json_object_size(o), SC_REG_COUNT);
    for (i = 0; i < SC_REG_COUNT; i++)
        expect_count(o, sc_registry_name(i), t->records[i]);
    expect_count(root, "bookings", t->bookings);
    expect_count(root, "searched", t->searched);
    expect_count(root, "ident_hits", t->ident_hits);
    expect_count(root, "false_hits", t->false_hits);
    expect_count(root, "queries", t->queries);
    o = json_object_get(root, "officer");
    assert_int_equal(json_object_size(o), 5);
    expect_count(o, "afile_read", t->afile_read);
    expect_count(o, "afile_citizen", t->afile_citizen);
    expect_count(o, "parent_citizen", t->parent_citizen);
    expect_count(o, "claims", t->claims);
    expect_count(o, "claims_verified", t->claims_verified);
    assert_true(t->afile_read > 0 && t->afile_read <= t->queries);
    assert_true(t->claims_verified <= t->claims);
    expect_count(root, "detainers", t->detainers);
    expect_count(root, "detainers_supported", t->supported);
    o = json_object_get(root, "detainers_wrongful");
    assert_int_equal(json_object_size(o), 3);
    expect_count(o, "citizen", t->wrong_citizen);
    expect_count(o, "lawful_not_removable", t->wrong_lawful);
    expect_count(o, "other", t->wrong_other);
    expect_count(root, "missed", t->missed);
    expect_count(root, "honoured", t->honoured);

    o = json_object_get(root, "hold_hours");
    assert_true(json_is_real(json_object_get(o, "total")));
    assert_true(fabs(json_real_value(json_object_get(o, "total")) -
                     t->hold_hours) <= 0.05 + 1e-9);
    assert_true(fabs(json_real_value(json_object_get(o, "wrongful")) -
                     t->hold_hours_wrongful) <= 0.05 + 1e-9);

    o = json_object_get(root, "causes");
    assert_int_equal(json_object_size(o), SC_CAUSE_COUNT - 1);
    for (i = 1; i < SC_CAUSE_COUNT; i++)
        expect_count(o, sc_cause_name(i), t->causes[i]);
    o = json_object_get(root, "causes_contributing");
    assert_int_equal(json_object_size(o), SC_CAUSE_COUNT - 1);
    for (i = 1; i < SC_CAUSE_COUNT; i++)
        expect_count(o, sc_cause_name(i), t->contributing[i]);

    o = json_object_get(root, "bookings_by_status");
    assert_int_equal(json_object_size(o), SC_ST_COUNT);
    for (i = 0; i < SC_ST_COUNT; i++) {
        expect_count(o, sc_status_name(i), t->bookings_by_status[i]);
        sum += t->bookings_by_status[i];
    }
    assert_int_equal(sum, t->bookings);
    o = json_object_get(root, "detainers_by_status");
    for (i = 0; i < SC_ST_COUNT; i++)
        expect_count(o, sc_status_name(i), t->detainers_by_status[i]);
    json_decref(root);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_bytes_stable(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    size_t la, lb;
    char *a, *b;

    unlink(fx->json);
    unlink(fx->json2);
    assert_int_equal(sc_summary_write_json(fx->sim, "test", fx->json, err),
                     0);
    assert_int_equal(sc_summary_write_json(fx->sim, "test", fx->json2, err),
                     0);
    a = slurp(fx->json, &la);
    b = slurp(fx->json2, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    /* Indented by two spaces, one key per line, a final newline. */
    {
        static const char head[] = "{\n  \"scenario\": \"test\",\n";
        assert_memory_equal(a, head, sizeof head - 1);
    }
    assert_true(la > 0 && a[la - 1] == '\n');
    free(a);
    free(b);
}

static void test_write_error(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], bad[600];

    snprintf(bad, sizeof bad, "%s/no/such/summary.json", fx->dir);
    assert_int_equal(sc_summary_write_json(fx->sim, "test", bad, err),
                     SC_EIO);
    assert_non_null(strstr(err, "cannot create '"));
}

static void test_text_summary(void **state)
{
    fixture *fx = *state;
    const sc_totals *t = sc_sim_totals(fx->sim);
    char *text = NULL, want[256], *line, *causes;
    char prev_name[64] = "";
    unsigned long long prev = ~0ull, prev_m = ~0ull;
    size_t len = 0;
    int ncauses = 0;
    FILE *f = open_memstream(&text, &len);

    assert_non_null(f);
    sc_summary_print(fx->sim, "test", f);
    assert_int_equal(fclose(f), 0);

    snprintf(want, sizeof want, "scenario   test (seed %u, scale 0.0001)\n",
             SC_TEST_SEED);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, "period     2013-01-01 to 2013-03-31, "
                                 "policy "));
    snprintf(want, sizeof want, "\nbookings   %llu\n",
             (unsigned long long)t->bookings);
    assert_non_null(strstr(text, want));
    snprintf(want, sizeof want, "\nIDENT      %llu searched, %llu hits (",
             (unsigned long long)t->searched,
             (unsigned long long)t->ident_hits);
    assert_non_null(strstr(text, want));
    snprintf(want, sizeof want, "\ndetainers  %llu\n",
             (unsigned long long)t->detainers);
    assert_non_null(strstr(text, want));
    snprintf(want, sizeof want, "\n    citizens               %llu\n",
             (unsigned long long)t->wrong_citizen);
    assert_non_null(strstr(text, want));
    snprintf(want, sizeof want, "\n    lawful, not removable  %llu\n",
             (unsigned long long)t->wrong_lawful);
    assert_non_null(strstr(text, want));
    assert_non_null(strstr(text, " of detainers)\n"));
    assert_non_null(strstr(text, "\nhold hours "));
    /* No decimal commas, whatever the locale. */
    assert_null(strstr(text, ",0%"));

    /* Causes: every one, by primary count descending, then by
     * contributing count, then by name. */
    causes = strstr(text, "causes of wrongful detainers       primary  "
                          "contributing\n");
    assert_non_null(causes);
    line = strtok(strchr(causes, '\n') + 1, "\n");
    for (; line; line = strtok(NULL, "\n")) {
        char name[64];
        unsigned long long n, m;
        int c;
        assert_int_equal(sscanf(line, " %63s %llu %llu", name, &n, &m), 3);
        c = sc_cause_find(name);
        assert_true(c > 0);
        assert_int_equal(n, t->causes[c]);
        assert_int_equal(m, t->contributing[c]);
        assert_true(n <= prev);
        if (n == prev && m == prev_m)
            assert_true(strcmp(prev_name, name) < 0);
        else if (n == prev)
            assert_true(m < prev_m);
        prev = n;
        prev_m = m;
        snprintf(prev_name, sizeof prev_name, "%s", name);
        ncauses++;
    }
    assert_int_equal(ncauses, SC_CAUSE_COUNT - 1);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_in_order),
        cmocka_unit_test(test_values_match_totals),
        cmocka_unit_test(test_bytes_stable),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_text_summary),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
