/*
 * test_store.c - the SQLite store of a small real run: every table is
 * there, row counts equal the run's totals, the tables refer to each
 * other consistently, two runs with the same seed (on 1 and 2 threads)
 * give byte-identical files, and an existing path is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/io/store.h"
#include "scomm/scenario.h"
#include "scomm/sim.h"
#include "test_util.h"

typedef struct fixture {
    char dir[256];
    char db1[512], db2[512];
    sc_sim *sim;
} fixture;

/* A run of about 33k persons over one quarter. */
static sc_sim *small_run(int threads)
{
    char err[SC_ERRMSG_MAX];
    sc_params p;
    sc_geo *geo = NULL;
    sc_sim *s = NULL;

    sc_params_init(&p);
    p.seed = SC_TEST_SEED;
    p.scale = 1e-4;
    p.start = sc_date_from_ymd(2013, 1, 1);
    p.end = sc_date_from_ymd(2013, 3, 31);
    if (sc_geo_create_states(&geo) < 0)
        return NULL;
    if (sc_sim_create(&p, geo, NULL, NULL, &s, err) < 0) {
        fprintf(stderr, "sim: %s (seed %u)\n", err, SC_TEST_SEED);
        return NULL;
    }
    if (sc_sim_run(s, threads) < 0) {
        fprintf(stderr, "run: %s (seed %u)\n", sc_sim_errmsg(s),
                SC_TEST_SEED);
        sc_sim_destroy(s);
        return NULL;
    }
    return s;
}

static int group_setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    char err[SC_ERRMSG_MAX];

    if (!fx || !sc_test_tmpdir(fx->dir, sizeof fx->dir))
        return -1;
    snprintf(fx->db1, sizeof fx->db1, "%s/a.db", fx->dir);
    snprintf(fx->db2, sizeof fx->db2, "%s/b.db", fx->dir);
    fx->sim = small_run(1);
    if (!fx->sim)
        return -1;
    if (sc_store_write(fx->sim, "test", fx->db1, err) < 0) {
        fprintf(stderr, "store: %s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *fx = *state;

    unlink(fx->db1);
    unlink(fx->db2);
    rmdir(fx->dir);
    sc_sim_destroy(fx->sim);
    free(fx);
    return 0;
}

/* The single integer a query returns. */
static int64_t q_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double q_real(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    double v = NAN;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static sqlite3 *open_ro(const char *path)
{
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    return db;
}

static void test_tables_exist(void **state)
{
    fixture *fx = *state;
    static const char *const tables[] = {
        "run_meta", "params", "bookings", "queries", "evidence", "records",
        "detainers", "judgements", "judgement_causes", "persons", "events",
        "causes", "policy_rules"};
    sqlite3 *db = open_ro(fx->db1);
    char sql[256];
    size_t i;

    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_master WHERE type='table' "
                 "AND name='%s'", tables[i]);
        if (q_int(db, sql) != 1)
            fail_msg("table %s missing", tables[i]);
    }
    sqlite3_close(db);
}

static void test_counts_equal_totals(void **state)
{
    fixture *fx = *state;
    const sc_totals *t = sc_sim_totals(fx->sim);
    sqlite3 *db = open_ro(fx->db1);
    uint64_t causes = 0;
    size_t nkeys;
    int c;

    assert_true(t->bookings > 100);
    assert_true(t->queries > 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM bookings"),
                     t->bookings);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements"),
                     t->bookings);
    assert_int_equal(q_int(db, "SELECT count(*) FROM queries"), t->queries);
    assert_int_equal(q_int(db, "SELECT sum(queried) FROM bookings"),
                     t->queries);
    assert_int_equal(q_int(db, "SELECT sum(ident_searched) FROM bookings"),
                     t->searched);
    assert_int_equal(q_int(db, "SELECT sum(ident_hit) FROM bookings"),
                     t->ident_hits);
    assert_int_equal(q_int(db, "SELECT sum(false_hit) FROM judgements"),
                     t->false_hits);
    assert_int_equal(q_int(db, "SELECT count(*) FROM detainers"),
                     t->detainers);
    assert_int_equal(q_int(db, "SELECT total(honoured) FROM detainers"),
                     t->honoured);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "verdict='supported'"), t->supported);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "verdict='wrong_citizen'"), t->wrong_citizen);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "verdict='wrong_lawful'"), t->wrong_lawful);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "verdict='missed'"), t->missed);
    assert_true(fabs(q_real(db, "SELECT total(hold_hours) FROM detainers") -
                     t->hold_hours) <= 1e-6 * (1 + t->hold_hours));

    for (c = 1; c < SC_CAUSE_COUNT; c++)
        causes += t->causes[c];
    assert_int_equal(q_int(db, "SELECT count(*) FROM causes"),
                     SC_CAUSE_COUNT - 1);
    assert_int_equal(q_int(db, "SELECT total(count) FROM causes"), causes);
    causes = 0;
    for (c = 1; c < SC_CAUSE_COUNT; c++)
        causes += t->contributing[c];
    assert_int_equal(q_int(db, "SELECT total(contributing) FROM causes"),
                     causes);

    /* One primary cause per wrongful detainer, the same as the
     * judgement's; the contributing ones listed in both tables (the
     * trial's end-to-end test checks the same on a run with more
     * wrongful detainers). */
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgement_causes "
                               "WHERE role='primary'"),
                     t->wrong_citizen + t->wrong_lawful + t->wrong_other);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgement_causes c "
                               "JOIN judgements j USING(booking) WHERE "
                               "c.role='primary' AND c.cause=j.cause"),
                     t->wrong_citizen + t->wrong_lawful + t->wrong_other);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgement_causes c "
                               "JOIN judgements j USING(booking) WHERE "
                               "c.role='contributing' AND ','||j.contributing"
                               "||',' NOT LIKE '%,'||c.cause||',%'"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgement_causes c "
                               "JOIN judgements j USING(booking) WHERE "
                               "j.verdict IN ('wrong_citizen',"
                               "'wrong_lawful') AND c.role='contributing'"),
                     causes);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "cause IS NOT NULL AND verdict NOT LIKE "
                               "'wrong%'"), 0);

    sc_param_keys(&nkeys);
    assert_int_equal(q_int(db, "SELECT count(*) FROM params"), nkeys);
    assert_int_equal(q_int(db, "SELECT count(*) FROM run_meta WHERE "
                               "key IN ('scenario','seed','version','scale',"
                               "'start','end','policy')"), 7);
    assert_int_equal(q_int(db, "SELECT count(*) FROM run_meta WHERE "
                               "key='threads'"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM run_meta WHERE "
                               "key='seed' AND value='20261129'"), 1);
    assert_int_equal(q_int(db, "SELECT count(*) FROM run_meta WHERE "
                               "key='start' AND value='2013-01-01'"), 1);
    sqlite3_close(db);
}

/* Evidence, records and persons refer to each other, and only what is
 * referred to is stored. */
static void test_references(void **state)
{
    fixture *fx = *state;
    const sc_world *w = sc_sim_world(fx->sim);
    sqlite3 *db = open_ro(fx->db1);
    sqlite3_stmt *st;
    int64_t nev = 0, npersons = 0;

    /* Every consulted record is stored, and no other. */
    assert_int_equal(q_int(db, "SELECT count(*) FROM evidence e LEFT JOIN "
                               "records r ON r.registry=e.registry AND "
                               "r.id=e.record WHERE r.id IS NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM records"),
                     q_int(db, "SELECT count(*) FROM (SELECT DISTINCT "
                               "registry, record FROM evidence)"));
    assert_int_equal(q_int(db, "SELECT count(*) FROM evidence"),
                     q_int(db, "SELECT total(n_records) FROM queries"));
    /* Records found by the name search carry their score and levels;
     * identifier fetches carry none. */
    assert_true(q_int(db, "SELECT count(*) FROM evidence WHERE "
                          "how='name_dob'") > 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM evidence WHERE "
                               "how='name_dob' AND (weight IS NULL OR "
                               "probability IS NULL OR probability < 0.5 "
                               "OR probability <> score OR level_given IS "
                               "NULL OR level_family IS NULL OR level_dob "
                               "IS NULL OR level_sex IS NULL)"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM evidence WHERE "
                               "how<>'name_dob' AND (weight IS NOT NULL OR "
                               "probability IS NOT NULL OR level_given IS "
                               "NOT NULL OR level_dob IS NOT NULL)"), 0);
    assert_true(q_int(db, "SELECT count(*) FROM evidence WHERE "
                          "level_dob='exact'") > 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM evidence WHERE "
                               "level_sex NOT IN ('exact','else','null')"),
                     0);
    /* Every booked person and every record subject is stored, and no
     * other. */
    assert_int_equal(q_int(db, "SELECT count(*) FROM bookings b LEFT JOIN "
                               "persons p ON p.id=b.person WHERE p.id IS "
                               "NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM records r LEFT JOIN "
                               "persons p ON p.id=r.subject WHERE p.id IS "
                               "NULL AND r.subject IS NOT NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons"),
                     q_int(db, "SELECT count(*) FROM (SELECT person FROM "
                               "bookings UNION SELECT subject FROM records "
                               "WHERE subject IS NOT NULL)"));
    /* Events: each stored person's whole history. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM persons", -1,
                                        &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t n;
        sc_world_events(w, (uint32_t)sqlite3_column_int64(st, 0), &n);
        nev += (int64_t)n;
        npersons++;
    }
    sqlite3_finalize(st);
    assert_true(npersons > 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events"), nev);
    /* Detainers and queries belong to bookings. */
    assert_int_equal(q_int(db, "SELECT count(*) FROM detainers d LEFT JOIN "
                               "bookings b ON b.id=d.booking WHERE b.id IS "
                               "NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM queries q JOIN "
                               "bookings b ON b.id=q.booking WHERE "
                               "b.queried=1"),
                     q_int(db, "SELECT count(*) FROM queries"));
    sqlite3_close(db);
}

static void test_values(void **state)
{
    fixture *fx = *state;
    size_t n;
    const sc_booking *b = sc_sim_bookings(fx->sim, &n);
    sqlite3 *db = open_ro(fx->db1);
    sqlite3_stmt *st;
    size_t last = n - 1;

    /* Dates are ISO text, ids in order, codes are words. */
    assert_int_equal(q_int(db, "SELECT count(*) FROM bookings WHERE "
                               "date NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]"
                               "-[0-3][0-9]'"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM bookings WHERE date < "
                               "'2013-01-01' OR date > '2013-03-31'"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM bookings WHERE "
                               "sex NOT IN ('M','F') OR quality NOT IN "
                               "('good','fair','poor') OR pob_how NOT IN "
                               "('reported','assumed','missing')"), 0);
    assert_int_equal(q_int(db, "SELECT min(id) FROM bookings"), 0);
    assert_int_equal(q_int(db, "SELECT max(id) FROM bookings"), last);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT person, family, given "
                                        "FROM bookings WHERE id=?", -1, &st,
                                        NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)last);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), b[last].person);
    assert_string_equal((const char *)sqlite3_column_text(st, 1),
                        b[last].family);
    assert_string_equal((const char *)sqlite3_column_text(st, 2),
                        b[last].given);
    sqlite3_finalize(st);
    assert_int_equal(q_int(db, "SELECT count(*) FROM judgements WHERE "
                               "verdict LIKE 'wrong%' AND cause IS NULL"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM persons WHERE "
                               "birth_kind NOT IN ('us','abroad_citizen',"
                               "'foreign')"), 0);
    assert_int_equal(q_int(db, "SELECT count(*) FROM events WHERE "
                               "kind IS NULL"), 0);
    sqlite3_close(db);
}

static int files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, same = fa && fb;

    while (same) {
        ca = getc(fa);
        cb = getc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static void test_identical_bytes(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX];
    sc_sim *s2 = small_run(2);

    assert_non_null(s2);
    assert_int_equal(sc_store_write(s2, "test", fx->db2, err), 0);
    sc_sim_destroy(s2);
    assert_true(files_equal(fx->db1, fx->db2));
    unlink(fx->db2);
}

static void test_existing_path_refused(void **state)
{
    fixture *fx = *state;
    char err[SC_ERRMSG_MAX], want[700], bad[600];
    sqlite3 *db;

    assert_int_equal(sc_store_write(fx->sim, "test", fx->db1, err), SC_EIO);
    snprintf(want, sizeof want, "'%s' already exists", fx->db1);
    assert_string_equal(err, want);
    /* The existing database is untouched. */
    db = open_ro(fx->db1);
    assert_true(q_int(db, "SELECT count(*) FROM bookings") > 0);
    sqlite3_close(db);

    snprintf(bad, sizeof bad, "%s/no/such/dir.db", fx->dir);
    assert_int_equal(sc_store_write(fx->sim, "test", bad, err), SC_EIO);
    assert_non_null(strstr(err, "cannot create"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_exist),
        cmocka_unit_test(test_counts_equal_totals),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_identical_bytes),
        cmocka_unit_test(test_existing_path_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
