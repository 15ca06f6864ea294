/*
 * test_trial.c - `scomm trial` on a database built by hand.
 *
 * The database holds one constructed case, the one the issue asks for:
 * a woman admitted as an immigrant in 1990 who naturalized on 2003-05-01,
 * whose naturalization was never posted, booked in 2012 with a foreign
 * birthplace (reported, Mexico), whose prints hit her own LPR-era IDENT
 * encounter.  The review finds that encounter by FIN, her A-file by
 * A-number and her I-485 by name and date of birth, all saying LPR; the
 * policy issues a detainer under lawful-status-removable-conviction
 * (box 3).  A second detainer is a false biometric hit that returns
 * another person's records, a third booking got no detainer, and a few
 * more wrongful detainers feed the sample.  The tables are those of
 * src/io/store.c, once with the evidence match columns and once without.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/io/trial.h"
#include "test_util.h"

/* store.c's CREATE statements; MATCH is where the evidence table's
 * match columns go when the database has them. */
static const char *const SCHEMA_HEAD =
    "CREATE TABLE run_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE params(section TEXT NOT NULL, key TEXT NOT NULL,"
    " value TEXT NOT NULL, PRIMARY KEY(section, key));"
    "CREATE TABLE bookings(id INTEGER PRIMARY KEY, person INTEGER NOT NULL,"
    " county_fips TEXT NOT NULL, date TEXT NOT NULL, given TEXT,"
    " family TEXT, dob TEXT, sex TEXT, pob TEXT, pob_how TEXT, quality TEXT,"
    " convicted INTEGER, activated INTEGER, ident_searched INTEGER,"
    " ident_hit INTEGER, ident_fin INTEGER, queried INTEGER);"
    "CREATE TABLE queries(booking INTEGER PRIMARY KEY, status TEXT,"
    " has_order INTEGER, foreign_birth INTEGER, ident_record INTEGER,"
    " truncated INTEGER, n_records INTEGER);";
static const char *const EVIDENCE_MATCH =
    "CREATE TABLE evidence(booking INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " registry TEXT NOT NULL, record INTEGER NOT NULL, how TEXT,"
    " score REAL, weight REAL, probability REAL, level_given TEXT,"
    " level_family TEXT, level_dob TEXT, level_sex TEXT,"
    " PRIMARY KEY(booking, seq)) WITHOUT ROWID;";
static const char *const EVIDENCE_PLAIN =
    "CREATE TABLE evidence(booking INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " registry TEXT NOT NULL, record INTEGER NOT NULL, how TEXT,"
    " score REAL, PRIMARY KEY(booking, seq)) WITHOUT ROWID;";
static const char *const SCHEMA_TAIL =
    "CREATE TABLE records(registry TEXT NOT NULL, id INTEGER NOT NULL,"
    " kind TEXT, status TEXT, cls TEXT, date TEXT, posted TEXT, until TEXT,"
    " dob TEXT, anum INTEGER, fin INTEGER, cob TEXT, given TEXT,"
    " family TEXT, subject INTEGER, PRIMARY KEY(registry, id))"
    " WITHOUT ROWID;"
    "CREATE TABLE detainers(booking INTEGER PRIMARY KEY, rule TEXT,"
    " box TEXT, honoured INTEGER, picked_up INTEGER, hold_hours REAL);"
    "CREATE TABLE judgements(booking INTEGER PRIMARY KEY, verdict TEXT,"
    " cause TEXT, true_status TEXT, removable INTEGER, false_hit INTEGER);"
    "CREATE TABLE persons(id INTEGER PRIMARY KEY, birth TEXT, sex TEXT,"
    " birth_kind TEXT, birth_country TEXT, county_fips TEXT,"
    " tradition TEXT, given TEXT, family TEXT);"
    "CREATE TABLE events(person INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " date TEXT, kind TEXT, until TEXT, other INTEGER, cls TEXT,"
    " PRIMARY KEY(person, seq)) WITHOUT ROWID;"
    "CREATE TABLE causes(cause TEXT PRIMARY KEY, count INTEGER NOT NULL);";

/* The rows, without the evidence (which depends on the schema). */
static const char *const ROWS =
    "INSERT INTO run_meta VALUES('scenario','constructed'),('seed','11'),"
    " ('policy','database-only');"
    /* 3: the naturalized citizen; 4: a U.S.-born man whose prints hit
     * person 9's FIN; 5: booked, queried, cleared; 6-8 more wrongful. */
    "INSERT INTO bookings VALUES"
    " (3,100,'06037','2012-06-14','ROSA MARIA','GARSIA','1968-04-02','F',"
    "  'MX','reported','good',1,1,1,1,5001,1),"
    " (4,200,'48201','2012-07-01','JAMES','WHITE','1980-01-01','M',"
    "  'US','reported','poor',0,1,1,1,7007,1),"
    " (5,300,'48201','2012-07-02','ANA','LOPEZ','1990-01-01','F',"
    "  'MX','reported','good',0,1,1,0,NULL,1),"
    " (6,301,'48201','2012-07-03','A','B','1990-01-01','F','MX',"
    "  'reported','good',0,0,0,0,NULL,1),"
    " (7,302,'48201','2012-07-04','C','D','1990-01-01','F','MX',"
    "  'reported','good',0,0,0,0,NULL,1),"
    " (8,303,'48201','2012-07-05','E','F','1990-01-01','F','MX',"
    "  'reported','good',0,0,0,0,NULL,1);"
    "INSERT INTO queries VALUES(3,'LPR',0,1,1,0,3),(4,'no status',0,1,1,0,1),"
    " (5,'LPR',0,1,0,0,0),(6,'none',0,1,0,0,0),(7,'none',0,1,0,0,0),"
    " (8,'none',0,1,0,0,0);"
    "INSERT INTO records VALUES"
    " ('IDENT',40,'encounter','LPR','immigrant','1990-03-10','1990-03-10',"
    "  NULL,'1968-04-02',7123456,5001,'MX','ROSA','GARCIA',100),"
    " ('IDENT',41,'encounter','temporary','visitor','2005-02-01',"
    "  '2005-02-01','2005-08-01','1975-09-09',NULL,7007,'CN','WEI','ZHANG',"
    "  900),"
    " ('A-FILE',12,'A-file','LPR','immigrant','1990-03-10','1990-04-01',"
    "  NULL,'1968-04-02',7123456,NULL,'MX','ROSA','GARCIA',100),"
    " ('BENEFIT',77,'I-485','LPR','immigrant','1990-03-10','1990-03-20',"
    "  NULL,'1968-04-02',7123456,NULL,'MX','ROSA M','GARCIA LOPEZ',100);"
    "INSERT INTO detainers VALUES"
    " (3,'lawful-status-removable-conviction','biometric-and-records',"
    "  1,0,48.0),"
    " (4,'no-record-of-status','biometric-and-records',1,1,6.5),"
    " (6,'no-record-of-status','statements-or-other-evidence',0,0,0),"
    " (7,'no-record-of-status','statements-or-other-evidence',0,0,0),"
    " (8,'no-record-of-status','statements-or-other-evidence',0,0,0);"
    "INSERT INTO judgements VALUES"
    " (3,'wrong_citizen','naturalization_not_posted','naturalized',0,0),"
    " (4,'wrong_citizen','false_biometric_hit','us-born',0,1),"
    " (5,'cleared',NULL,'lpr',0,0),"
    " (6,'wrong_lawful','adjustment_not_posted','lpr',0,0),"
    " (7,'wrong_citizen','pob_wrong','us-born',0,0),"
    " (8,'supported',NULL,'ewi',1,0);"
    "INSERT INTO persons VALUES"
    " (100,'1968-04-02','F','foreign','MX','06037','hispanic','ROSA MARIA',"
    "  'GARCIA LOPEZ'),"
    " (200,'1980-01-01','M','us','US','48201','anglo','JAMES','WHITE'),"
    " (900,'1975-09-09','M','foreign','CN','06075','east_asian','WEI',"
    "  'ZHANG');"
    "INSERT INTO events VALUES"
    " (100,0,'1990-03-10','entry',NULL,NULL,'immigrant'),"
    " (100,1,'2003-05-01','naturalize',NULL,NULL,NULL),"
    " (100,2,'2010-08-20','convict',NULL,NULL,NULL),"
    " (100,3,'2014-01-01','marry',NULL,17,NULL),"
    " (900,0,'2005-02-01','entry','2005-08-01',NULL,'visitor');";

static const char *const EVIDENCE_ROWS_MATCH =
    "INSERT INTO evidence VALUES"
    " (3,0,'IDENT',40,'fin',1,NULL,NULL,NULL,NULL,NULL,NULL),"
    " (3,1,'A-FILE',12,'anum',1,NULL,NULL,NULL,NULL,NULL,NULL),"
    " (3,2,'BENEFIT',77,'name_dob',0.97,14.25,0.9731,'jw92','word',"
    "  'exact','exact'),"
    " (4,0,'IDENT',41,'fin',1,NULL,NULL,NULL,NULL,NULL,NULL);";
/* The counterfactual attribution, in the match database only (the
 * plain one stands for a database written before it). */
static const char *const SOURCES =
    "CREATE TABLE judgement_causes(booking INTEGER NOT NULL,"
    " cause TEXT NOT NULL, role TEXT NOT NULL, but_for INTEGER NOT NULL,"
    " PRIMARY KEY(booking, cause)) WITHOUT ROWID;"
    "INSERT INTO judgement_causes VALUES"
    " (3,'stale_ident_status','contributing',1),"
    " (3,'record_typo','present',0),"
    " (3,'naturalization_not_posted','primary',1),"
    " (4,'false_biometric_hit','primary',1);";
static const char *const EVIDENCE_ROWS_PLAIN =
    "INSERT INTO evidence VALUES(3,0,'IDENT',40,'fin',1),"
    " (3,1,'A-FILE',12,'anum',1),(3,2,'BENEFIT',77,'name_dob',0.97),"
    " (4,0,'IDENT',41,'fin',1);";

typedef struct fixture {
    char dir[256];
    char match_db[300];   /* with the match columns */
    char plain_db[300];   /* without them */
} fixture;

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "sql: %s\n", msg ? msg : "?");
        sqlite3_free(msg);
        fail();
    }
}

static void build_db(const char *path, int match)
{
    sqlite3 *db;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec_sql(db, SCHEMA_HEAD);
    exec_sql(db, match ? EVIDENCE_MATCH : EVIDENCE_PLAIN);
    exec_sql(db, SCHEMA_TAIL);
    exec_sql(db, ROWS);
    exec_sql(db, match ? EVIDENCE_ROWS_MATCH : EVIDENCE_ROWS_PLAIN);
    if (match)
        exec_sql(db, SOURCES);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f || !sc_test_tmpdir(f->dir, sizeof f->dir))
        return -1;
    snprintf(f->match_db, sizeof f->match_db, "%s/scomm.db", f->dir);
    snprintf(f->plain_db, sizeof f->plain_db, "%s/plain.db", f->dir);
    build_db(f->match_db, 1);
    build_db(f->plain_db, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char path[400];
    const char *names[] = {"scomm.db", "plain.db", "notadb", "partial.db",
                           "empty"};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* The text of a case, in a malloc'd buffer. */
static char *case_text(const char *db_path, int64_t booking,
                       sc_trial_case *c)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_trial_db *db = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;

    assert_int_equal(sc_trial_open(db_path, &db, err), 0);
    if (sc_trial_load(db, booking, c, err) != 0) {
        fprintf(stderr, "load: %s\n", err);
        fail();
    }
    mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    sc_trial_print(c, mem);
    fclose(mem);
    sc_trial_close(db);
    return buf;
}

/* s with every run of blanks and newlines made one space: long lines are
 * wrapped, and a test should not depend on where. */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    assert_non_null(out);
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n') {
            if (o == out || o[-1] != ' ')
                *o++ = ' ';
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

static void assert_has(const char *text, const char *needle)
{
    char *t = squeeze(text), *n = squeeze(needle);
    int ok = strstr(t, n) != NULL;

    free(t);
    free(n);
    if (!ok) {
        fprintf(stderr, "missing \"%s\" in:\n%s\n", needle, text);
        fail();
    }
}

static void test_constructed_case_text(void **state)
{
    fixture *f = *state;
    sc_trial_case c;
    char *t = case_text(f->match_db, 3, &c);

    assert_true(c.has_match_columns);
    assert_int_equal(c.n_records, 3);
    assert_int_equal(c.records[2].has_match, 1);
    assert_string_equal(c.records[2].level_given, "jw92");
    assert_int_equal(c.records[0].has_match, 0);
    /* 1. the booking as typed, 2. IDENT */
    assert_has(t, "Detainer on booking 3 (run constructed, seed 11, "
                  "policy database-only)");
    assert_has(t, "date 2012-06-14, county 06037 (CA)");
    assert_has(t, "ROSA MARIA GARSIA (as typed by the jail)");
    assert_has(t, "birthplace    Mexico (reported)");
    assert_has(t, "searched; hit: FIN 5001");
    /* 3. the records, each how found, the name hit with its levels */
    assert_has(t, "[0] IDENT encounter #40, found by the FIN of the IDENT "
                  "hit");
    assert_has(t, "[1] A-FILE A-file #12, found by an A-number another "
                  "record carried");
    assert_has(t, "[2] BENEFIT I-485 #77, found by name and date of birth, "
                  "score 0.970");
    assert_has(t, "ROSA M GARCIA LOPEZ");
    assert_has(t, "weight 14.25, probability 0.9731; given jw92, family "
                  "word, dob exact, sex exact");
    assert_has(t, "ENFORCE: no record found");
    /* 4. the rule and the box */
    assert_has(t, "rule          lawful-status-removable-conviction");
    assert_has(t, "I-247A box    biometric-and-records (box 3)");
    assert_has(t, "held 48.0 hours");
    /* 5. the truth and what was missed */
    assert_has(t, "true status   naturalized on the booking date; not "
                  "removable");
    assert_has(t, "2003-05-01  naturalize");
    assert_has(t, "2014-01-01  marry (after the booking)");
    assert_has(t, "verdict       wrong_citizen");
    assert_has(t, "cause         naturalization_not_posted");
    /* the attribution: primary first, then precedence order */
    assert_has(t, "contributing  stale_ident_status\n");
    assert_has(t, "without each error source present, removed alone\n"
                  "     - naturalization_not_posted  no detainer (primary)\n"
                  "     - record_typo                detainer still "
                  "(present)\n"
                  "     - stale_ident_status         no detainer "
                  "(contributing)\n");
    assert_has(t, "naturalized 2003-05-01; no record showing citizenship "
                  "was found");
    assert_has(t, "the IDENT encounter of 1990-03-10 records LPR");
    /* her own records: no claim that they are another person's */
    assert_null(strstr(t, "another person"));
    free(t);
    sc_trial_case_release(&c);
}

static void test_without_match_columns(void **state)
{
    fixture *f = *state;
    sc_trial_case c;
    char *t = case_text(f->plain_db, 3, &c);

    assert_false(c.has_match_columns);
    assert_int_equal(c.n_records, 3);
    assert_int_equal(c.records[2].has_match, 0);
    assert_has(t, "this database has no match weights");
    assert_has(t, "found by name and date of birth, score 0.970");
    assert_null(strstr(t, "probability"));
    assert_has(t, "naturalized 2003-05-01; no record showing citizenship "
                  "was found");
    /* no attribution table: no attribution lines */
    assert_false(c.has_sources);
    assert_null(strstr(t, "contributing"));
    free(t);
    sc_trial_case_release(&c);
}

static void test_false_hit(void **state)
{
    fixture *f = *state;
    sc_trial_case c;
    char *t = case_text(f->match_db, 4, &c);

    assert_int_equal(c.false_hit, 1);
    assert_int_equal(c.records[0].subject, 900);
    assert_has(t, "the IDENT hit was another person's fingerprints (FIN "
                  "7007), the records shown are theirs: WEI ZHANG (person "
                  "900)");
    assert_has(t, "true status   us-born");
    /* the hit's own records are not reported twice */
    assert_null(strstr(t, "is about another person"));
    free(t);
    sc_trial_case_release(&c);
}

static void test_json_parses(void **state)
{
    fixture *f = *state;
    char err[SC_ERRMSG_MAX] = "";
    sc_trial_db *db = NULL;
    sc_trial_case c;
    json_error_t jerr;
    json_t *root, *rec, *lv;
    char *text;
    const char *key;
    json_t *v;
    size_t i = 0;
    static const char *const order[] = {"booking", "run", "booking_record",
                                        "ident", "searches", "decision",
                                        "truth"};

    assert_int_equal(sc_trial_open(f->match_db, &db, err), 0);
    assert_int_equal(sc_trial_load(db, 3, &c, err), 0);
    text = sc_trial_json(&c);
    assert_non_null(text);
    root = json_loads(text, 0, &jerr);
    assert_non_null(root);
    json_object_foreach(root, key, v) {
        assert_true(i < 7);
        assert_string_equal(key, order[i]);
        i++;
    }
    assert_int_equal(json_integer_value(json_object_get(root, "booking")),
                     3);
    assert_string_equal(json_string_value(json_object_get(
        json_object_get(root, "booking_record"), "family")), "GARSIA");
    assert_int_equal(json_integer_value(json_object_get(
        json_object_get(root, "ident"), "fin")), 5001);
    rec = json_array_get(json_object_get(json_object_get(root, "searches"),
                                         "records"), 2);
    assert_string_equal(json_string_value(json_object_get(rec, "how")),
                        "name_dob");
    lv = json_object_get(json_object_get(rec, "match"), "levels");
    assert_string_equal(json_string_value(json_object_get(lv, "given")),
                        "jw92");
    assert_true(json_is_null(json_object_get(json_array_get(
        json_object_get(json_object_get(root, "searches"), "records"), 0),
        "match")));
    assert_string_equal(json_string_value(json_object_get(
        json_object_get(root, "decision"), "box")), "biometric-and-records");
    v = json_object_get(json_object_get(root, "truth"), "contributing");
    assert_int_equal(json_array_size(v), 1);
    assert_string_equal(json_string_value(json_array_get(v, 0)),
                        "stale_ident_status");
    v = json_object_get(json_object_get(root, "truth"), "sources");
    assert_int_equal(json_array_size(v), 3);
    assert_string_equal(json_string_value(json_object_get(
        json_array_get(v, 1), "cause")), "record_typo");
    assert_true(json_is_true(json_object_get(json_array_get(v, 1),
                                             "detainer_without_it")));
    assert_true(json_is_false(json_object_get(json_array_get(v, 0),
                                              "detainer_without_it")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(
        json_object_get(root, "truth"), "missed"), 0)),
        "naturalized 2003-05-01; no record showing citizenship was found");
    json_decref(root);
    free(text);

    text = sc_trial_json_sample("x.db", 5, 3, &c, 1);
    assert_non_null(text);
    root = json_loads(text, 0, &jerr);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "cases")), 1);
    assert_int_equal(json_integer_value(json_object_get(root,
                                                        "wrongful_total")),
                     5);
    json_decref(root);
    free(text);
    sc_trial_case_release(&c);
    sc_trial_close(db);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    char err[SC_ERRMSG_MAX] = "", path[400];
    sc_trial_db *db = NULL;
    sc_trial_case c;
    sqlite3 *s;
    FILE *fp;

    snprintf(path, sizeof path, "%s/nowhere", f->dir);
    assert_int_equal(sc_trial_open(path, &db, err), SC_ENOENT);
    assert_null(db);
    assert_non_null(strstr(err, "no such run folder or database"));
    assert_non_null(strstr(err, "nowhere"));

    snprintf(path, sizeof path, "%s/notadb", f->dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("this is not a database, not even close to one; it is text "
          "long enough to fill a SQLite header page and more.\n", fp);
    fclose(fp);
    assert_int_equal(sc_trial_open(path, &db, err), SC_EPARSE);
    assert_non_null(strstr(err, "not a scomm database"));

    snprintf(path, sizeof path, "%s/partial.db", f->dir);
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    exec_sql(s, SCHEMA_HEAD);
    sqlite3_close(s);
    assert_int_equal(sc_trial_open(path, &db, err), SC_EPARSE);
    assert_non_null(strstr(err, "no table 'evidence'"));
    assert_non_null(strstr(err, "partial.db"));

    /* the run folder itself opens its scomm.db */
    assert_int_equal(sc_trial_open(f->dir, &db, err), 0);
    assert_int_equal(sc_trial_load(db, 5, &c, err), SC_ENOENT);
    assert_non_null(strstr(err, "booking 5"));
    assert_non_null(strstr(err, "got no detainer"));
    assert_non_null(strstr(err, "cleared"));
    assert_int_equal(sc_trial_load(db, 99, &c, err), SC_ENOENT);
    assert_non_null(strstr(err, "no booking 99"));
    assert_int_equal(sc_trial_load(db, 3, &c, err), 0);
    sc_trial_case_release(&c);
    sc_trial_close(db);
}

static void test_wrongful_sample(void **state)
{
    fixture *f = *state;
    char err[SC_ERRMSG_MAX] = "";
    sc_trial_db *db = NULL;
    int64_t *all, *two, *three, *again;
    size_t n_all, n2, n3, n_again, total, i, k, found;

    assert_int_equal(sc_trial_open(f->match_db, &db, err), 0);
    /* wrongful: 3, 4, 6, 7; 5 got no detainer, 8 was supported */
    assert_int_equal(sc_trial_wrongful(db, 1, 10, &all, &n_all, &total,
                                       err), 0);
    assert_int_equal(total, 4);
    assert_int_equal(n_all, 4);
    assert_int_equal(all[0], 3);
    assert_int_equal(all[1], 4);
    assert_int_equal(all[2], 6);
    assert_int_equal(all[3], 7);
    assert_int_equal(sc_trial_wrongful(db, 5, 2, &two, &n2, &total, err),
                     0);
    assert_int_equal(n2, 2);
    assert_true(two[0] < two[1]);
    assert_int_equal(sc_trial_wrongful(db, 5, 2, &again, &n_again, &total,
                                       err), 0);
    assert_int_equal(n_again, 2);
    assert_memory_equal(two, again, 2 * sizeof *two);
    /* bottom-k: the sample of 2 lies within the sample of 3 */
    assert_int_equal(sc_trial_wrongful(db, 5, 3, &three, &n3, &total, err),
                     0);
    assert_int_equal(n3, 3);
    for (i = 0; i < n2; i++) {
        found = 0;
        for (k = 0; k < n3; k++)
            found += two[i] == three[k];
        assert_int_equal(found, 1);
    }
    free(all);
    free(two);
    free(again);
    free(three);
    sc_trial_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constructed_case_text),
        cmocka_unit_test(test_without_match_columns),
        cmocka_unit_test(test_false_hit),
        cmocka_unit_test(test_json_parses),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_wrongful_sample),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
