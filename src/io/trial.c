/*
 * trial.c - one detainer explained from a run's database (scomm.db).
 *
 * Reads, by primary key, the rows a reviewer needs to follow one
 * detainer: the booking, the query and its evidence, each consulted
 * record and the true person behind it, the detainer, the judgement, and
 * the booked person's true history.  From these it derives the findings,
 * the sentences saying what the databases missed, by comparing the true
 * events with the records found (the run's judge already named the
 * cause; the findings show the reader where it sits in the records).
 * The case is a plain struct of strings and integers, so that the text
 * and JSON layouts below, and the tests, need no database.
 *
 * The evidence columns weight, probability and level_* (the linkage
 * engine's comparison of a name search hit with the booking) are read
 * when the table has them (PRAGMA table_info), and so is the table
 * judgement_causes (the judge's counterfactual attribution: every error
 * source present, its role, and whether removing it alone lifted the
 * detainer), so databases written before they existed still open.
 *
 * Workload: a few dozen point lookups per case; a wrongful sample scans
 * the judgements table once (about 110k rows at 1:100).  The database is
 * opened read-only and never written.
 */
#include "scomm/io/trial.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "scomm/attribute.h"
#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/io/json_out.h"
#include "scomm/rng.h"

struct sc_trial_db {
    sqlite3 *db;
    char *path;
    int has_match_columns;
    int has_officer_columns;
    int has_misdemeanor_column;
    int has_sources;          /* judgement_causes exists */
};

/* Tables a case reads; a database lacking one is not a scomm database. */
static const char *const TABLES[] = {
    "run_meta", "bookings", "queries", "evidence", "records",
    "detainers", "judgements", "persons", "events"};

/* The registries in the order the review searches them (registry.h). */
static const char *const REGISTRIES[] = {
    "IDENT", "A-FILE", "BENEFIT", "ENFORCE", "ARRIVAL"};

/* What each cause means, as docs/outputs.md says it. */
static const struct {
    const char *cause, *text;
} CAUSES[] = {
    {"naturalization_not_posted", "the person naturalized, but the "
     "naturalization was not posted to the A-file index by the booking"},
    {"derived_unrecorded", "the person derived citizenship through a "
     "parent, and no record says so"},
    {"acquired_unrecorded", "the person was a citizen at birth abroad, "
     "and no record says so"},
    {"adjustment_not_posted", "the adjustment to LPR was not posted"},
    {"stale_ident_status", "IDENT showed the status of an old encounter"},
    {"false_biometric_hit", "IDENT returned another person's identity"},
    {"record_missed", "a record showing status existed, but the name and "
     "date-of-birth search did not find it"},
    {"misattached_record", "records were filed under the wrong "
     "A-number"},
    {"pob_wrong", "the jail wrote a wrong birthplace"},
    {"record_not_posted", "a record of the person was not posted by the "
     "booking"},
    {"record_omitted", "an event that should have left an A-file entry "
     "left none"},
    {"record_typo", "a record's name or date of birth was typed wrongly"},
    {"booking_typo", "the jail typed the name or date of birth wrongly"},
    {"namesake", "the name search attached another person's record"},
    {"afile_page_missing", "a page the officer needed was missing from "
     "a paper A-file"},
    {"birth_record_missing", "state vital records lacked the U.S. birth "
     "the person claimed"},
    {"state_record_missing", "the State Department had no record of the "
     "person's citizenship from birth abroad"},
    {"other", "no error source, or none whose removal lifts the "
     "detainer"},
};

static const struct {
    const char *verdict, *text;
} VERDICTS[] = {
    {"supported", "a detainer on a removable person"},
    {"wrong_citizen", "a wrongful detainer on a U.S. citizen"},
    {"wrong_lawful", "a wrongful detainer on a lawfully present "
     "person who was not removable"},
    {"wrong_other", "a detainer on a person unlawfully present but "
     "not removable"},
};

static const char *cause_text(const char *cause)
{
    size_t i;

    for (i = 0; cause && i < sizeof CAUSES / sizeof CAUSES[0]; i++)
        if (!strcmp(cause, CAUSES[i].cause))
            return CAUSES[i].text;
    return NULL;
}

static const char *verdict_text(const char *verdict)
{
    size_t i;

    for (i = 0; verdict && i < sizeof VERDICTS / sizeof VERDICTS[0]; i++)
        if (!strcmp(verdict, VERDICTS[i].verdict))
            return VERDICTS[i].text;
    return NULL;
}

/* "Mexico" for "MX"; the code itself when unknown. */
static const char *country_name(const char *code)
{
    size_t n;
    const sc_country *c = sc_countries(&n);
    int i;

    if (!code)
        return NULL;
    i = sc_country_by_code(code);
    return i >= 0 && (size_t)i < n ? c[i].name : code;
}

/* "CA" for a county FIPS code "06037" or a state pseudo-county "06". */
static const char *state_of(const char *fips)
{
    const sc_state *st = sc_states();
    int code, i;

    if (!fips || strlen(fips) < 2 || fips[0] < '0' || fips[0] > '9' ||
        fips[1] < '0' || fips[1] > '9')
        return NULL;
    code = (fips[0] - '0') * 10 + (fips[1] - '0');
    for (i = 0; i < SC_STATE_COUNT; i++)
        if (st[i].fips == code)
            return st[i].abbr;
    return NULL;
}

/* ---- opening ---- */

static char *dup_str(const char *s)
{
    size_t n;
    char *d;

    if (!s)
        return NULL;
    n = strlen(s) + 1;
    d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

const char *sc_trial_path(const sc_trial_db *db)
{
    return db->path;
}

void sc_trial_close(sc_trial_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->db);
    free(db->path);
    free(db);
}

/* 1 if `table` has `column`, 0 if not (a database of an earlier
 * version), or SC_EDB with err. */
static int has_column(sc_trial_db *t, const char *table, const char *column,
                      char *err)
{
    sqlite3_stmt *st;
    int found;

    if (sqlite3_prepare_v2(t->db, "SELECT 1 FROM pragma_table_info(?)"
                           " WHERE name = ?", -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, SC_ERRMSG_MAX, "'%s': cannot read the %s table: %s",
                 t->path, table, sqlite3_errmsg(t->db));
        return SC_EDB;
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Which tables are present, and which columns of later versions.
 * The first statement is where SQLite finds out that a file is not a
 * database at all. */
static int check_schema(sc_trial_db *t, char *err)
{
    sqlite3_stmt *st = NULL;
    size_t i;
    int rc;

    for (i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        rc = sqlite3_prepare_v2(t->db, "SELECT 1 FROM sqlite_master "
                                "WHERE type = 'table' AND name = ?",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, TABLES[i], -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
        }
        sqlite3_finalize(st);
        st = NULL;
        if (rc == SQLITE_DONE) {
            snprintf(err, SC_ERRMSG_MAX, "'%s' is not a scomm database: "
                     "no table '%s'", t->path, TABLES[i]);
            return SC_EPARSE;
        }
        if (rc != SQLITE_ROW) {
            snprintf(err, SC_ERRMSG_MAX, "'%s' is not a scomm database: %s",
                     t->path, sqlite3_errmsg(t->db));
            return SC_EPARSE;
        }
    }
    if ((rc = has_column(t, "evidence", "weight", err)) < 0)
        return rc;
    t->has_match_columns = rc;
    if ((rc = has_column(t, "queries", "claims", err)) < 0)
        return rc;
    t->has_officer_columns = rc;
    if ((rc = has_column(t, "bookings", "misdemeanor", err)) < 0)
        return rc;
    t->has_misdemeanor_column = rc;
    /* A table that does not exist has no columns. */
    if ((rc = has_column(t, "judgement_causes", "role", err)) < 0)
        return rc;
    t->has_sources = rc;
    return 0;
}

int sc_trial_open(const char *path, sc_trial_db **out, char *err)
{
    sc_trial_db *t;
    struct stat sb;
    size_t len;
    int rc;

    *out = NULL;
    if (stat(path, &sb) != 0) {
        snprintf(err, SC_ERRMSG_MAX, "no such run folder or database "
                 "'%s'", path);
        return SC_ENOENT;
    }
    t = calloc(1, sizeof *t);
    if (!t)
        return SC_ENOMEM;
    len = strlen(path) + sizeof "/scomm.db";
    t->path = malloc(len);
    if (!t->path) {
        free(t);
        return SC_ENOMEM;
    }
    if (S_ISDIR(sb.st_mode))
        snprintf(t->path, len, "%s/scomm.db", path);
    else
        snprintf(t->path, len, "%s", path);
    if (stat(t->path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, SC_ERRMSG_MAX, "'%s' is not a run folder: no "
                 "scomm.db in it", path);
        sc_trial_close(t);
        return SC_ENOENT;
    }
    if (sqlite3_open_v2(t->path, &t->db, SQLITE_OPEN_READONLY,
                        NULL) != SQLITE_OK) {
        snprintf(err, SC_ERRMSG_MAX, "cannot open '%s': %s", t->path,
                 t->db ? sqlite3_errmsg(t->db) : "out of memory");
        sc_trial_close(t);
        return SC_EPARSE;
    }
    rc = check_schema(t, err);
    if (rc < 0) {
        sc_trial_close(t);
        return rc;
    }
    *out = t;
    return 0;
}

/* ---- loading ---- */

typedef struct loader {
    sc_trial_db *t;
    char *err;
    int nomem;            /* a copy failed */
} loader;

static int db_error(loader *L, const char *what)
{
    snprintf(L->err, SC_ERRMSG_MAX, "'%s': %s: %s", L->t->path, what,
             sqlite3_errmsg(L->t->db));
    return SC_EDB;
}

static int prepare(loader *L, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(L->t->db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return db_error(L, "cannot read");
    }
    return 0;
}

/* A text column copied, NULL for SQL NULL. */
static char *col_text(loader *L, sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    char *d;

    if (!s)
        return NULL;
    d = dup_str((const char *)s);
    if (!d)
        L->nomem = 1;
    return d;
}

static int64_t col_int(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return SC_TRIAL_NULL;
    return sqlite3_column_int64(st, i);
}

/* A flag column: NULL reads as 0. */
static int col_flag(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int(st, i) != 0;
}

static int load_meta(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    const char *key;
    int rc;

    rc = prepare(L, "SELECT key, value FROM run_meta", &st);
    if (rc < 0)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        key = (const char *)sqlite3_column_text(st, 0);
        if (!key)
            continue;
        if (!strcmp(key, "scenario") && !c->scenario)
            c->scenario = col_text(L, st, 1);
        else if (!strcmp(key, "seed") && !c->seed)
            c->seed = col_text(L, st, 1);
        else if (!strcmp(key, "policy") && !c->policy)
            c->policy = col_text(L, st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(L, "cannot read run_meta");
}

/* The booking row, or SC_ENOENT with the range of ids that exist. */
static int load_booking(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    int rc;

    rc = prepare(L, L->t->has_misdemeanor_column
                        ? "SELECT person, county_fips, date, given, family,"
                          " dob, sex, pob, pob_how, quality, convicted,"
                          " activated, ident_searched, ident_hit, ident_fin,"
                          " queried, misdemeanor FROM bookings WHERE id = ?"
                        : "SELECT person, county_fips, date, given, family,"
                          " dob, sex, pob, pob_how, quality, convicted,"
                          " activated, ident_searched, ident_hit, ident_fin,"
                          " queried FROM bookings WHERE id = ?",
                 &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->person = col_int(st, 0);
        c->county = col_text(L, st, 1);
        c->date = col_text(L, st, 2);
        c->given = col_text(L, st, 3);
        c->family = col_text(L, st, 4);
        c->dob = col_text(L, st, 5);
        c->sex = col_text(L, st, 6);
        c->pob = col_text(L, st, 7);
        c->pob_how = col_text(L, st, 8);
        c->quality = col_text(L, st, 9);
        c->convicted = col_flag(st, 10);
        c->activated = col_flag(st, 11);
        c->ident_searched = col_flag(st, 12);
        c->ident_hit = col_flag(st, 13);
        c->ident_fin = col_int(st, 14);
        c->queried = col_flag(st, 15);
        if (L->t->has_misdemeanor_column)
            c->misdemeanor = col_flag(st, 16);
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(L, "cannot read bookings");
    rc = prepare(L, "SELECT count(*) FROM bookings", &st);
    if (rc < 0)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
        snprintf(L->err, SC_ERRMSG_MAX, "no booking %" PRId64 " in '%s' "
                 "(its bookings are 0 to %" PRId64 ")", c->booking,
                 L->t->path, (int64_t)sqlite3_column_int64(st, 0) - 1);
    else
        snprintf(L->err, SC_ERRMSG_MAX, "no booking %" PRId64 " in '%s' "
                 "(it has no bookings)", c->booking, L->t->path);
    sqlite3_finalize(st);
    return SC_ENOENT;
}

/* The detainer row, or SC_ENOENT naming the booking's verdict. */
static int load_detainer(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    const char *v;
    int rc;

    rc = prepare(L, "SELECT rule, box, honoured, picked_up, hold_hours"
                 " FROM detainers WHERE booking = ?", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->rule = col_text(L, st, 0);
        c->box = col_text(L, st, 1);
        c->honoured = col_flag(st, 2);
        c->picked_up = col_flag(st, 3);
        c->hold_hours = sqlite3_column_double(st, 4);
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_error(L, "cannot read detainers");
    rc = prepare(L, "SELECT verdict FROM judgements WHERE booking = ?",
                 &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    v = sqlite3_step(st) == SQLITE_ROW
            ? (const char *)sqlite3_column_text(st, 0) : NULL;
    snprintf(L->err, SC_ERRMSG_MAX, "booking %" PRId64 " of '%s' got no "
             "detainer (%s%s%s)", c->booking, L->t->path,
             c->queried ? "queried" : "no query sent",
             v ? ", verdict " : "", v ? v : "");
    sqlite3_finalize(st);
    return SC_ENOENT;
}

static int load_query(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    int rc;

    c->has_officer = L->t->has_officer_columns;
    rc = prepare(L, c->has_officer
                        ? "SELECT status, has_order, foreign_birth,"
                          " ident_record, truncated, recent_entry,"
                          " afile_read, afile_citizen, afile_lawful,"
                          " parent_citizen, claims, claim_basis,"
                          " claim_verified FROM queries WHERE booking = ?"
                        : "SELECT status, has_order, foreign_birth,"
                          " ident_record, truncated FROM queries"
                          " WHERE booking = ?",
                 &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->q_status = col_text(L, st, 0);
        c->has_order = col_flag(st, 1);
        c->foreign_birth = col_flag(st, 2);
        c->ident_record = col_flag(st, 3);
        c->truncated = col_flag(st, 4);
        if (c->has_officer) {
            c->recent_entry = col_flag(st, 5);
            c->afile_read = col_flag(st, 6);
            c->afile_citizen = col_flag(st, 7);
            c->afile_lawful = col_flag(st, 8);
            c->parent_citizen = col_flag(st, 9);
            c->claims = col_flag(st, 10);
            c->claim_basis = col_text(L, st, 11);
            c->claim_verified = col_flag(st, 12);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0 : db_error(L, "cannot read queries");
}

/* The true name of person `id` into *given and *family (copies). */
static int load_name(loader *L, int64_t id, char **given, char **family)
{
    sqlite3_stmt *st;
    int rc;

    rc = prepare(L, "SELECT given, family FROM persons WHERE id = ?", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *given = col_text(L, st, 0);
        *family = col_text(L, st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0 : db_error(L, "cannot read persons");
}

static int load_record(loader *L, sqlite3_stmt *sr, sc_trial_record *r)
{
    int rc;

    sqlite3_reset(sr);
    sqlite3_bind_text(sr, 1, r->registry, -1, SQLITE_STATIC);
    sqlite3_bind_int64(sr, 2, r->id);
    rc = sqlite3_step(sr);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return db_error(L, "cannot read records");
    r->stored = 1;
    r->kind = col_text(L, sr, 0);
    r->status = col_text(L, sr, 1);
    r->cls = col_text(L, sr, 2);
    r->date = col_text(L, sr, 3);
    r->posted = col_text(L, sr, 4);
    r->until = col_text(L, sr, 5);
    r->dob = col_text(L, sr, 6);
    r->anum = col_int(sr, 7);
    r->fin = col_int(sr, 8);
    r->cob = col_text(L, sr, 9);
    r->given = col_text(L, sr, 10);
    r->family = col_text(L, sr, 11);
    r->subject = col_int(sr, 12);
    sqlite3_reset(sr);
    if (r->subject != SC_TRIAL_NULL)
        return load_name(L, r->subject, &r->subject_given,
                         &r->subject_family);
    return 0;
}

static int load_evidence(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *se = NULL, *sr = NULL;
    sc_trial_record *r, *grown;
    size_t cap = 0;
    int rc;

    c->has_match_columns = L->t->has_match_columns;
    rc = prepare(L, L->t->has_match_columns
                        ? "SELECT seq, registry, record, how, score, weight,"
                          " probability, level_given, level_family,"
                          " level_dob, level_sex FROM evidence"
                          " WHERE booking = ? ORDER BY seq"
                        : "SELECT seq, registry, record, how, score"
                          " FROM evidence WHERE booking = ? ORDER BY seq",
                 &se);
    if (rc == 0)
        rc = prepare(L, "SELECT kind, status, cls, date, posted, until, dob,"
                     " anum, fin, cob, given, family, subject FROM records"
                     " WHERE registry = ? AND id = ?", &sr);
    if (rc < 0)
        goto done;
    sqlite3_bind_int64(se, 1, c->booking);
    while ((rc = sqlite3_step(se)) == SQLITE_ROW) {
        if (c->n_records == cap) {
            cap = cap ? 2 * cap : 8;
            grown = realloc(c->records, cap * sizeof *grown);
            if (!grown) {
                rc = SC_ENOMEM;
                goto done;
            }
            c->records = grown;
        }
        r = &c->records[c->n_records++];
        memset(r, 0, sizeof *r);
        r->anum = r->fin = r->subject = SC_TRIAL_NULL;
        r->seq = sqlite3_column_int64(se, 0);
        r->registry = col_text(L, se, 1);
        r->id = sqlite3_column_int64(se, 2);
        r->how = col_text(L, se, 3);
        r->score = sqlite3_column_double(se, 4);
        if (L->t->has_match_columns &&
            sqlite3_column_type(se, 5) != SQLITE_NULL) {
            r->has_match = 1;
            r->weight = sqlite3_column_double(se, 5);
            r->probability = sqlite3_column_double(se, 6);
            r->level_given = col_text(L, se, 7);
            r->level_family = col_text(L, se, 8);
            r->level_dob = col_text(L, se, 9);
            r->level_sex = col_text(L, se, 10);
        }
        if (!r->registry) {
            rc = 0;
            continue;
        }
        rc = load_record(L, sr, r);
        if (rc < 0)
            goto done;
    }
    rc = rc == SQLITE_DONE ? 0 : db_error(L, "cannot read evidence");
done:
    sqlite3_finalize(se);
    sqlite3_finalize(sr);
    return rc;
}

/* Where a source sorts: the primary cause first, then the others in
 * precedence order (attribute.h), unknown names last. */
static size_t source_rank(const sc_trial_source *s)
{
    int c = sc_cause_find(s->cause);
    size_t i;

    if (s->role && !strcmp(s->role, "primary"))
        return 0;
    for (i = 0; sc_cause_precedence(i) != SC_CAUSE_NONE; i++)
        if (sc_cause_precedence(i) == c)
            return i + 1;
    return SIZE_MAX;
}

/* The error sources of the case: the primary one first, then the
 * others in precedence order. */
static int load_sources(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc;

    c->has_sources = L->t->has_sources;
    if (!c->has_sources)
        return 0;
    rc = prepare(L, "SELECT cause, role, but_for FROM judgement_causes"
                 " WHERE booking = ?", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sc_trial_source *v;

        if (c->n_sources == cap) {
            cap = cap ? 2 * cap : 8;
            v = realloc(c->sources, cap * sizeof *v);
            if (!v) {
                L->nomem = 1;
                break;
            }
            c->sources = v;
        }
        v = &c->sources[c->n_sources++];
        v->cause = col_text(L, st, 0);
        v->role = col_text(L, st, 1);
        v->but_for = col_flag(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(L, "cannot read judgement_causes");
    /* The primary cause, then precedence order (a few rows: insertion
     * sort). */
    for (size_t i = 1; i < c->n_sources; i++)
        for (size_t k = i; k > 0 && source_rank(&c->sources[k]) <
                                        source_rank(&c->sources[k - 1]);
             k--) {
            sc_trial_source t = c->sources[k];

            c->sources[k] = c->sources[k - 1];
            c->sources[k - 1] = t;
        }
    return 0;
}

static int load_judgement(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    int rc;

    rc = prepare(L, "SELECT verdict, cause, true_status, removable,"
                 " false_hit FROM judgements WHERE booking = ?", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->booking);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->verdict = col_text(L, st, 0);
        c->cause = col_text(L, st, 1);
        c->true_status = col_text(L, st, 2);
        c->removable = col_flag(st, 3);
        c->false_hit = col_flag(st, 4);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(L, "cannot read judgements");
    return load_sources(L, c);
}

static int load_person(loader *L, sc_trial_case *c)
{
    sqlite3_stmt *st;
    sc_trial_event *e;
    size_t cap = 0;
    void *grown;
    int rc;

    rc = prepare(L, "SELECT birth, sex, birth_kind, birth_country,"
                 " tradition, given, family FROM persons WHERE id = ?", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->person);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->birth = col_text(L, st, 0);
        c->true_sex = col_text(L, st, 1);
        c->birth_kind = col_text(L, st, 2);
        c->birth_country = col_text(L, st, 3);
        c->tradition = col_text(L, st, 4);
        c->true_given = col_text(L, st, 5);
        c->true_family = col_text(L, st, 6);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_error(L, "cannot read persons");

    rc = prepare(L, "SELECT date, kind, until, cls, other FROM events"
                 " WHERE person = ? ORDER BY seq", &st);
    if (rc < 0)
        return rc;
    sqlite3_bind_int64(st, 1, c->person);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n_events == cap) {
            cap = cap ? 2 * cap : 8;
            grown = realloc(c->events, cap * sizeof *c->events);
            if (!grown) {
                sqlite3_finalize(st);
                return SC_ENOMEM;
            }
            c->events = grown;
        }
        e = &c->events[c->n_events++];
        e->date = col_text(L, st, 0);
        e->kind = col_text(L, st, 1);
        e->until = col_text(L, st, 2);
        e->cls = col_text(L, st, 3);
        e->other = col_int(st, 4);
        e->after = e->date && c->date && strcmp(e->date, c->date) > 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(L, "cannot read events");
}

/* ---- findings: what the databases missed ---- */

static int add_finding(sc_trial_case *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int add_finding(sc_trial_case *c, const char *fmt, ...)
{
    char buf[1024];
    char **grown, *s;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    grown = realloc(c->findings, (c->n_findings + 1) * sizeof *grown);
    if (!grown)
        return SC_ENOMEM;
    c->findings = grown;
    s = dup_str(buf);
    if (!s)
        return SC_ENOMEM;
    c->findings[c->n_findings++] = s;
    return 0;
}

static int streq(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* Whether a record of the booked person was found stating one of the
 * statuses in `set` (a NULL-terminated list). */
static int own_record_with(const sc_trial_case *c, const char *const *set)
{
    size_t i, k;

    for (i = 0; i < c->n_records; i++) {
        const sc_trial_record *r = &c->records[i];
        if (r->subject != c->person || !r->status)
            continue;
        for (k = 0; set[k]; k++)
            if (!strcmp(r->status, set[k]))
                return 1;
    }
    return 0;
}

/* A temporary-stay record of the person valid on the booking day. */
static int own_stay_on(const sc_trial_case *c)
{
    size_t i;

    for (i = 0; i < c->n_records; i++) {
        const sc_trial_record *r = &c->records[i];
        if (r->subject == c->person && streq(r->status, "temporary") &&
            (!r->until || (c->date && strcmp(r->until, c->date) >= 0)))
            return 1;
    }
    return 0;
}

/* The last event of one of `kinds` on or before the booking, or NULL. */
static const sc_trial_event *last_event(const sc_trial_case *c,
                                        const char *const *kinds)
{
    const sc_trial_event *found = NULL;
    size_t i, k;

    for (i = 0; i < c->n_events; i++) {
        if (c->events[i].after || !c->events[i].kind)
            continue;
        for (k = 0; kinds[k]; k++)
            if (!strcmp(c->events[i].kind, kinds[k]))
                found = &c->events[i];
    }
    return found;
}

/* Records of other persons: a false hit's records, then any other. */
static int find_identity(sc_trial_case *c)
{
    const sc_trial_record *r = NULL;
    int64_t hit_subject = SC_TRIAL_NULL;
    size_t i;
    int rc = 0;

    if (c->false_hit) {
        for (i = 0; i < c->n_records; i++) {
            r = &c->records[i];
            if (streq(r->how, "fin") && r->subject != SC_TRIAL_NULL &&
                r->subject != c->person) {
                hit_subject = r->subject;
                break;
            }
        }
        if (hit_subject != SC_TRIAL_NULL)
            rc = add_finding(c, "the IDENT hit was another person's "
                             "fingerprints (FIN %" PRId64 "), the records "
                             "shown are theirs: %s %s (person %" PRId64 ")",
                             c->ident_fin, or_dash(r->subject_given),
                             or_dash(r->subject_family), hit_subject);
        else
            rc = add_finding(c, "the IDENT hit was another person's "
                             "fingerprints (FIN %" PRId64 ")", c->ident_fin);
    }
    for (i = 0; rc == 0 && i < c->n_records; i++) {
        r = &c->records[i];
        if (r->subject == SC_TRIAL_NULL || r->subject == c->person ||
            r->subject == hit_subject)
            continue;
        rc = add_finding(c, "%s %s #%" PRId64 " is about another person, "
                         "%s %s (person %" PRId64 "), found %s",
                         or_dash(r->registry), or_dash(r->kind), r->id,
                         or_dash(r->subject_given),
                         or_dash(r->subject_family), r->subject,
                         streq(r->how, "anum")
                             ? "under this person's A-number"
                         : streq(r->how, "fin") ? "by FIN"
                                                : "by name and date of birth");
    }
    return rc;
}

/* The status the person truly held, against the records found. */
static int find_status(sc_trial_case *c)
{
    static const char *const CITIZEN[] = {"citizen", NULL};
    static const char *const LAWFUL[] = {"citizen", "LPR", NULL};
    static const char *const NATURALIZE[] = {"naturalize", NULL};
    static const char *const DERIVE[] = {"derive", NULL};
    static const char *const ADJUST[] = {"adjust", NULL};
    static const char *const ENTRY[] = {"entry", NULL};
    const sc_trial_event *e, *entry;

    if ((e = last_event(c, NATURALIZE)) != NULL) {
        if (own_record_with(c, CITIZEN))
            return 0;
        return add_finding(c, "naturalized %s; no record showing "
                           "citizenship was found", or_dash(e->date));
    }
    if ((e = last_event(c, DERIVE)) != NULL) {
        if (own_record_with(c, CITIZEN))
            return 0;
        if (e->other != SC_TRIAL_NULL)
            return add_finding(c, "derived citizenship %s through a parent "
                               "(person %" PRId64 "); no record showing "
                               "citizenship was found", or_dash(e->date),
                               e->other);
        return add_finding(c, "derived citizenship %s through a parent; no "
                           "record showing citizenship was found",
                           or_dash(e->date));
    }
    if (streq(c->birth_kind, "abroad_citizen")) {
        if (own_record_with(c, CITIZEN))
            return 0;
        return add_finding(c, "a U.S. citizen from birth (born in %s to a "
                           "citizen parent); no record showing citizenship "
                           "was found", or_dash(country_name(
                               c->birth_country)));
    }
    if (streq(c->birth_kind, "us"))
        return 0;
    e = last_event(c, ADJUST);
    entry = last_event(c, ENTRY);
    if (!e && entry && streq(entry->cls, "immigrant"))
        e = entry;
    if (e) {
        if (own_record_with(c, LAWFUL))
            return 0;
        return add_finding(c, "%s %s; no record showing LPR status was "
                           "found", e == entry ? "admitted as an immigrant "
                           "(LPR)" : "adjusted to LPR", or_dash(e->date));
    }
    if (entry && entry->until && c->date &&
        strcmp(entry->until, c->date) >= 0 && !own_stay_on(c))
        return add_finding(c, "admitted %s%s %s until %s; no record "
                           "showing that stay was found",
                           entry->cls ? "as " : "", entry->cls ? entry->cls
                                                               : "",
                           or_dash(entry->date), entry->until);
    return 0;
}

/* An IDENT encounter of the person older than the status it missed. */
static int find_stale(sc_trial_case *c)
{
    static const char *const GRANTS[] = {"naturalize", "derive", "adjust",
                                         NULL};
    const sc_trial_event *e = last_event(c, GRANTS);
    size_t i;

    if (!e || !e->date)
        return 0;
    for (i = 0; i < c->n_records; i++) {
        const sc_trial_record *r = &c->records[i];
        if (streq(r->registry, "IDENT") && r->subject == c->person &&
            r->date && strcmp(r->date, e->date) < 0 &&
            !streq(r->status, "citizen"))
            return add_finding(c, "the IDENT encounter of %s records %s, "
                               "the status of that day; it predates the "
                               "%s of %s", r->date, or_dash(r->status),
                               streq(e->kind, "naturalize")
                                   ? "naturalization"
                               : streq(e->kind, "derive") ? "derivation"
                                                          : "adjustment",
                               e->date);
    }
    return 0;
}

/* What the jail typed against the truth. */
static int find_booking(sc_trial_case *c)
{
    int rc = 0;

    if (streq(c->birth_kind, "us") && c->pob && strcmp(c->pob, "US"))
        rc = add_finding(c, "born in the U.S.; the jail recorded %s%s",
                         country_name(c->pob),
                         streq(c->pob_how, "assumed")
                             ? " (assumed by the clerk)" : "");
    if (rc == 0 && c->dob && c->birth && strcmp(c->dob, c->birth))
        rc = add_finding(c, "the jail typed the date of birth %s; the true "
                         "one is %s", c->dob, c->birth);
    if (rc == 0 &&
        (streq(c->cause, "record_missed") ||
         streq(c->cause, "booking_typo")) && c->true_family &&
        (!c->family || strcasecmp(c->family, c->true_family) ||
         !c->given || !c->true_given || strcasecmp(c->given, c->true_given)))
        rc = add_finding(c, "the name searched was '%s %s'; the name at "
                         "birth is '%s %s'", or_dash(c->given),
                         or_dash(c->family), or_dash(c->true_given),
                         c->true_family);
    return rc;
}

static int find_all(sc_trial_case *c)
{
    int rc;

    if ((rc = find_identity(c)) < 0 || (rc = find_status(c)) < 0 ||
        (rc = find_stale(c)) < 0 || (rc = find_booking(c)) < 0)
        return rc;
    if (c->n_findings == 0 && c->removable)
        return add_finding(c, "nothing that decided the case: the person "
                           "was removable on the booking date");
    if (c->n_findings == 0)
        return add_finding(c, "the records found did not show the "
                           "person's status (cause: %s)",
                           or_dash(c->cause));
    return 0;
}

int sc_trial_load(sc_trial_db *db, int64_t booking, sc_trial_case *out,
                  char *err)
{
    loader L = {db, err, 0};
    int rc;

    memset(out, 0, sizeof *out);
    out->booking = booking;
    out->person = out->ident_fin = SC_TRIAL_NULL;
    if ((rc = load_booking(&L, out)) < 0 ||
        (rc = load_detainer(&L, out)) < 0 ||
        (rc = load_meta(&L, out)) < 0 || (rc = load_query(&L, out)) < 0 ||
        (rc = load_evidence(&L, out)) < 0 ||
        (rc = load_judgement(&L, out)) < 0 ||
        (rc = load_person(&L, out)) < 0)
        goto fail;
    if (L.nomem) {
        rc = SC_ENOMEM;
        goto fail;
    }
    rc = find_all(out);
    if (rc < 0)
        goto fail;
    return 0;
fail:
    if (rc == SC_ENOMEM)
        snprintf(err, SC_ERRMSG_MAX, "'%s': out of memory", db->path);
    sc_trial_case_release(out);
    return rc;
}

static void record_release(sc_trial_record *r)
{
    char **s[] = {&r->registry, &r->how, &r->level_given, &r->level_family,
                  &r->level_dob, &r->level_sex, &r->kind, &r->status,
                  &r->cls, &r->date, &r->posted, &r->until, &r->dob,
                  &r->cob, &r->given, &r->family, &r->subject_given,
                  &r->subject_family};
    size_t i;

    for (i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
}

void sc_trial_case_release(sc_trial_case *c)
{
    char **s[] = {&c->scenario, &c->seed, &c->policy, &c->county, &c->date,
                  &c->given, &c->family, &c->dob, &c->sex, &c->pob,
                  &c->pob_how, &c->quality, &c->q_status, &c->rule, &c->box,
                  &c->verdict, &c->cause, &c->true_status, &c->birth,
                  &c->true_sex, &c->birth_kind, &c->birth_country,
                  &c->tradition, &c->true_given, &c->true_family,
                  &c->claim_basis};
    size_t i;

    if (!c)
        return;
    for (i = 0; i < sizeof s / sizeof s[0]; i++)
        free(*s[i]);
    for (i = 0; i < c->n_records; i++)
        record_release(&c->records[i]);
    free(c->records);
    for (i = 0; i < c->n_events; i++) {
        free(c->events[i].date);
        free(c->events[i].kind);
        free(c->events[i].until);
        free(c->events[i].cls);
    }
    free(c->events);
    for (i = 0; i < c->n_sources; i++) {
        free(c->sources[i].cause);
        free(c->sources[i].role);
    }
    free(c->sources);
    for (i = 0; i < c->n_findings; i++)
        free(c->findings[i]);
    free(c->findings);
    memset(c, 0, sizeof *c);
}

/* ---- the wrongful sample ---- */

typedef struct keyed {
    uint64_t key;
    int64_t id;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int by_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

int sc_trial_wrongful(sc_trial_db *db, uint64_t seed, size_t n,
                      int64_t **ids, size_t *n_ids, size_t *total,
                      char *err)
{
    loader L = {db, err, 0};
    sqlite3_stmt *st;
    keyed *all = NULL, *grown;
    size_t cap = 0, m = 0, i;
    int rc;

    *ids = NULL;
    *n_ids = *total = 0;
    rc = prepare(&L, "SELECT j.booking FROM judgements j JOIN detainers d"
                 " ON d.booking = j.booking WHERE j.verdict IN"
                 " ('wrong_citizen', 'wrong_lawful') ORDER BY j.booking",
                 &st);
    if (rc < 0)
        return rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (m == cap) {
            cap = cap ? 2 * cap : 256;
            grown = realloc(all, cap * sizeof *all);
            if (!grown) {
                rc = SC_ENOMEM;
                break;
            }
            all = grown;
        }
        all[m].id = sqlite3_column_int64(st, 0);
        /* A hash per id, not draws in sequence: the sample of n is part
         * of the sample of n + 1 under the same seed. */
        all[m].key = sc_hash3(seed, (uint64_t)all[m].id, 0);
        m++;
    }
    sqlite3_finalize(st);
    if (rc == SC_ENOMEM) {
        snprintf(err, SC_ERRMSG_MAX, "'%s': out of memory", db->path);
        free(all);
        return rc;
    }
    if (rc != SQLITE_DONE) {
        free(all);
        return db_error(&L, "cannot read judgements");
    }
    *total = m;
    if (m > n)
        qsort(all, m, sizeof *all, by_key);
    if (n > m)
        n = m;
    *ids = malloc((n ? n : 1) * sizeof **ids);
    if (!*ids) {
        free(all);
        snprintf(err, SC_ERRMSG_MAX, "'%s': out of memory", db->path);
        return SC_ENOMEM;
    }
    for (i = 0; i < n; i++)
        (*ids)[i] = all[i].id;
    qsort(*ids, n, sizeof **ids, by_id);
    *n_ids = n;
    free(all);
    return 0;
}

/* ---- text ---- */

static const char *yes_no(int v)
{
    return v ? "yes" : "no";
}

static void print_id(FILE *f, const char *label, int64_t v)
{
    if (v != SC_TRIAL_NULL)
        fprintf(f, "%s%" PRId64, label, v);
}

static const char *how_text(const char *how)
{
    if (streq(how, "fin"))
        return "by the FIN of the IDENT hit";
    if (streq(how, "anum"))
        return "by an A-number another record carried";
    if (streq(how, "name_dob"))
        return "by name and date of birth";
    return or_dash(how);
}

/* Prints `lead` then `text` wrapped at WRAP columns, continuation lines
 * indented by `indent` spaces; a word longer than a line is not cut. */
#define WRAP 79

static void print_wrapped(FILE *f, const char *lead, size_t indent,
                          const char *text)
{
    size_t col = strlen(lead), w;
    const char *p = text;
    int first = 1;

    fputs(lead, f);
    for (;;) {
        while (*p == ' ')
            p++;
        w = strcspn(p, " ");
        if (!w)
            break;
        if (!first && col + 1 + w > WRAP) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, w, f);
        col += w;
        p += w;
        first = 0;
    }
    fputc('\n', f);
}

static void print_record(FILE *f, const sc_trial_record *r)
{
    char line[512];

    fprintf(f, "   [%" PRId64 "] %s %s #%" PRId64 ", found %s", r->seq,
            or_dash(r->registry), r->stored ? or_dash(r->kind) : "record",
            r->id, how_text(r->how));
    if (streq(r->how, "name_dob"))
        fprintf(f, ", score %.3f", r->score);
    fputc('\n', f);
    if (!r->stored) {
        fputs("       (the record is not in the database)\n", f);
        return;
    }
    fprintf(f, "       name      %s %s\n", or_dash(r->given),
            or_dash(r->family));
    fprintf(f, "       born      %s in %s\n", or_dash(r->dob),
            r->cob ? country_name(r->cob) : "-");
    snprintf(line, sizeof line, "%s%s%s%s%s%s, dated %s, posted %s",
             or_dash(r->status), r->cls ? " (" : "", r->cls ? r->cls : "",
             r->cls ? ")" : "", r->until ? " until " : "",
             r->until ? r->until : "", or_dash(r->date),
             r->posted ? r->posted : "never");
    print_wrapped(f, "       status    ", 17, line);
    if (r->anum != SC_TRIAL_NULL || r->fin != SC_TRIAL_NULL) {
        fputs("       ids      ", f);
        print_id(f, " A-number ", r->anum);
        print_id(f, " FIN ", r->fin);
        fputc('\n', f);
    }
    if (r->has_match) {
        snprintf(line, sizeof line, "weight %.2f, probability %.4f; "
                 "given %s, family %s, dob %s, sex %s", r->weight,
                 r->probability, or_dash(r->level_given),
                 or_dash(r->level_family), or_dash(r->level_dob),
                 or_dash(r->level_sex));
        print_wrapped(f, "       match     ", 17, line);
    }
}

static void print_booking(const sc_trial_case *c, FILE *f)
{
    fputs("1. Booking record\n", f);
    fprintf(f, "   date          %s, county %s", or_dash(c->date),
            or_dash(c->county));
    if (state_of(c->county))
        fprintf(f, " (%s)", state_of(c->county));
    fputc('\n', f);
    fprintf(f, "   name          %s %s (as typed by the jail)\n",
            or_dash(c->given), or_dash(c->family));
    fprintf(f, "   born          %s, sex %s\n", or_dash(c->dob),
            or_dash(c->sex));
    if (c->pob)
        fprintf(f, "   birthplace    %s (%s)\n", country_name(c->pob),
                streq(c->pob_how, "assumed") ? "assumed by the clerk"
                                             : or_dash(c->pob_how));
    else
        fputs("   birthplace    left blank\n", f);
    fprintf(f, "   fingerprints  %s quality; FBI record: %s%s\n",
            or_dash(c->quality), c->convicted
                ? "removable-offence conviction"
                : "no removable-offence conviction",
            c->misdemeanor ? "; significant-misdemeanour conviction" : "");
    fputs("\n2. IDENT\n", f);
    if (!c->activated)
        fputs("   not searched: S-COMM not yet activated in the county\n",
              f);
    else if (!c->ident_searched)
        fputs("   not searched\n", f);
    else if (c->ident_hit && c->ident_fin != SC_TRIAL_NULL)
        fprintf(f, "   searched; hit: FIN %" PRId64 "\n", c->ident_fin);
    else
        fputs("   searched; no hit\n", f);
}

static void print_searches(const sc_trial_case *c, FILE *f)
{
    size_t g, i;
    int any;

    fprintf(f, "\n3. Registry searches (%zu record%s consulted%s)\n",
            c->n_records, c->n_records == 1 ? "" : "s",
            c->has_match_columns ? "" : "; this database has no match "
                                        "weights");
    if (!c->queried)
        fputs("   no query was sent\n", f);
    for (g = 0; g <= sizeof REGISTRIES / sizeof REGISTRIES[0]; g++) {
        any = 0;
        for (i = 0; i < c->n_records; i++) {
            const sc_trial_record *r = &c->records[i];
            int known = 0;
            size_t k;

            for (k = 0; k < sizeof REGISTRIES / sizeof REGISTRIES[0]; k++)
                known |= streq(r->registry, REGISTRIES[k]);
            if (g < sizeof REGISTRIES / sizeof REGISTRIES[0]
                    ? !streq(r->registry, REGISTRIES[g]) : known)
                continue;
            if (!any && g < sizeof REGISTRIES / sizeof REGISTRIES[0])
                fprintf(f, "   %s:\n", REGISTRIES[g]);
            any = 1;
            print_record(f, r);
        }
        if (!any && c->queried &&
            g < sizeof REGISTRIES / sizeof REGISTRIES[0])
            fprintf(f, "   %s: no record found\n", REGISTRIES[g]);
    }
}

static void print_decision(const sc_trial_case *c, FILE *f)
{
    static const char *const BOX_NO[][2] = {
        {"final-order", "1"}, {"pending-proceedings", "2"},
        {"biometric-and-records", "3"},
        {"statements-or-other-evidence", "4"}};
    const char *no = NULL;
    char line[512];
    size_t i;

    for (i = 0; i < sizeof BOX_NO / sizeof BOX_NO[0]; i++)
        if (streq(c->box, BOX_NO[i][0]))
            no = BOX_NO[i][1];
    fputs("\n4. Evidence and decision\n", f);
    if (c->q_status) {
        snprintf(line, sizeof line, "%s; final order: %s; foreign birth: "
                 "%s; IDENT record: %s%s", c->q_status,
                 yes_no(c->has_order), yes_no(c->foreign_birth),
                 yes_no(c->ident_record),
                 c->truncated ? "; more records than the review keeps" : "");
        print_wrapped(f, "   status shown  ", 17, line);
    }
    if (c->q_status && c->has_officer) {
        snprintf(line, sizeof line, "A-file %s%s; parent's file shows "
                 "citizenship before 18: %s; claim of citizenship: %s%s%s%s",
                 c->afile_read ? "read" : "not found",
                 c->afile_read ? (c->afile_citizen ? ", shows citizenship"
                                  : c->afile_lawful ? ", shows lawful status"
                                  : ", shows no citizenship or lawful "
                                    "status")
                               : "",
                 yes_no(c->parent_citizen),
                 c->claims ? (c->claim_basis ? c->claim_basis : "yes")
                           : "none",
                 c->claims ? " (" : "",
                 c->claims ? (c->claim_verified ? "verified" : "not verified")
                           : "",
                 c->claims ? ")" : "");
        print_wrapped(f, "   officer       ", 17, line);
    }
    fprintf(f, "   rule          %s\n", or_dash(c->rule));
    fprintf(f, "   I-247A box    %s%s%s%s\n", or_dash(c->box),
            no ? " (box " : "", no ? no : "", no ? ")" : "");
    if (!c->honoured)
        fputs("   jail          declined the detainer; not held\n", f);
    else
        fprintf(f, "   jail          honoured; %s; held %.1f hours past "
                "release\n", c->picked_up ? "ICE took custody"
                                          : "ICE did not come",
                c->hold_hours);
}

/* The counterfactual attribution: the contributing causes, and what
 * removing each error source present alone would have done. */
static void print_sources(const sc_trial_case *c, FILE *f)
{
    char line[1024];
    size_t i, n = 0;

    if (!c->has_sources || !c->cause)
        return;
    line[0] = '\0';
    for (i = 0; i < c->n_sources; i++)
        if (streq(c->sources[i].role, "contributing") && n < sizeof line)
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%s",
                                  n ? ", " : "", c->sources[i].cause);
    print_wrapped(f, "   contributing  ", 17, n ? line : "none");
    fputs("   without each error source present, removed alone\n", f);
    n = 0;
    for (i = 0; i < c->n_sources; i++) {
        const sc_trial_source *s = &c->sources[i];

        if (streq(s->role, "primary") && streq(s->cause, "other"))
            continue;
        fprintf(f, "     - %-26s %s (%s)\n", or_dash(s->cause),
                s->but_for ? "no detainer" : "detainer still",
                or_dash(s->role));
        n++;
    }
    if (n == 0)
        fputs("     - (no error source found in the case)\n", f);
}

static void print_truth(const sc_trial_case *c, FILE *f)
{
    char line[512];
    size_t i;

    fputs("\n5. The truth\n", f);
    snprintf(line, sizeof line, "#%" PRId64 " %s %s, born %s in %s (%s), "
             "sex %s", c->person, or_dash(c->true_given),
             or_dash(c->true_family), or_dash(c->birth),
             c->birth_country ? country_name(c->birth_country) : "-",
             or_dash(c->birth_kind), or_dash(c->true_sex));
    print_wrapped(f, "   person        ", 17, line);
    fprintf(f, "   true status   %s on the booking date; %sremovable\n",
            or_dash(c->true_status), c->removable ? "" : "not ");
    fputs("   history\n", f);
    if (c->n_events == 0)
        fputs("     (no events)\n",
              f);
    for (i = 0; i < c->n_events; i++) {
        const sc_trial_event *e = &c->events[i];
        size_t n;

        n = (size_t)snprintf(line, sizeof line, "     %s  %-10s%s%s%s%s",
                             or_dash(e->date), or_dash(e->kind),
                             e->cls ? " " : "", e->cls ? e->cls : "",
                             e->until ? " until " : "",
                             e->until ? e->until : "");
        if (n < sizeof line && e->other != SC_TRIAL_NULL &&
            streq(e->kind, "derive"))
            n += (size_t)snprintf(line + n, sizeof line - n,
                                  " from parent #%" PRId64, e->other);
        if (n < sizeof line && e->after)
            snprintf(line + n, sizeof line - n, " (after the booking)");
        /* The padding of the kind column is trailing space when no
         * detail follows it. */
        n = strlen(line);
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
        fprintf(f, "%s\n", line);
    }
    snprintf(line, sizeof line, "%s%s%s", or_dash(c->verdict),
             verdict_text(c->verdict) ? ": " : "",
             verdict_text(c->verdict) ? verdict_text(c->verdict) : "");
    print_wrapped(f, "   verdict       ", 17, line);
    if (c->cause) {
        snprintf(line, sizeof line, "%s%s%s", c->cause,
                 cause_text(c->cause) ? ": " : "",
                 cause_text(c->cause) ? cause_text(c->cause) : "");
        print_wrapped(f, "   cause         ", 17, line);
    }
    print_sources(c, f);
    fputs("   what the databases missed\n", f);
    for (i = 0; i < c->n_findings; i++)
        print_wrapped(f, "     - ", 7, c->findings[i]);
}

void sc_trial_print(const sc_trial_case *c, FILE *f)
{
    fprintf(f, "Detainer on booking %" PRId64, c->booking);
    if (c->scenario || c->policy)
        fprintf(f, " (run %s, seed %s, policy %s)", or_dash(c->scenario),
                or_dash(c->seed), or_dash(c->policy));
    fputs("\n\n", f);
    print_booking(c, f);
    print_searches(c, f);
    print_decision(c, f);
    print_truth(c, f);
}

/* ---- JSON ---- */

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jid(int64_t v)
{
    return v == SC_TRIAL_NULL ? json_null() : json_integer(v);
}

static json_t *jflag(int v)
{
    return json_boolean(v);
}

static json_t *json_record(sc_json_builder *b, const sc_trial_record *r)
{
    json_t *o = json_object(), *m, *lv;

    sc_json_set(b, o, "seq", json_integer(r->seq));
    sc_json_set(b, o, "registry", jstr(r->registry));
    sc_json_set(b, o, "id", json_integer(r->id));
    sc_json_set(b, o, "how", jstr(r->how));
    sc_json_set(b, o, "score", json_real(r->score));
    if (r->has_match) {
        m = json_object();
        sc_json_set(b, m, "weight", json_real(r->weight));
        sc_json_set(b, m, "probability", json_real(r->probability));
        lv = json_object();
        sc_json_set(b, lv, "given", jstr(r->level_given));
        sc_json_set(b, lv, "family", jstr(r->level_family));
        sc_json_set(b, lv, "dob", jstr(r->level_dob));
        sc_json_set(b, lv, "sex", jstr(r->level_sex));
        sc_json_set(b, m, "levels", lv);
        sc_json_set(b, o, "match", m);
    } else {
        sc_json_set(b, o, "match", json_null());
    }
    sc_json_set(b, o, "stored", jflag(r->stored));
    sc_json_set(b, o, "kind", jstr(r->kind));
    sc_json_set(b, o, "status", jstr(r->status));
    sc_json_set(b, o, "class", jstr(r->cls));
    sc_json_set(b, o, "date", jstr(r->date));
    sc_json_set(b, o, "posted", jstr(r->posted));
    sc_json_set(b, o, "until", jstr(r->until));
    sc_json_set(b, o, "given", jstr(r->given));
    sc_json_set(b, o, "family", jstr(r->family));
    sc_json_set(b, o, "dob", jstr(r->dob));
    sc_json_set(b, o, "cob", jstr(r->cob));
    sc_json_set(b, o, "anum", jid(r->anum));
    sc_json_set(b, o, "fin", jid(r->fin));
    sc_json_set(b, o, "subject", jid(r->subject));
    sc_json_set(b, o, "subject_given", jstr(r->subject_given));
    sc_json_set(b, o, "subject_family", jstr(r->subject_family));
    return o;
}

static json_t *json_case(sc_json_builder *b, const sc_trial_case *c)
{
    json_t *o = json_object(), *s, *a, *e;
    size_t i;

    sc_json_set(b, o, "booking", json_integer(c->booking));
    s = json_object();
    sc_json_set(b, s, "scenario", jstr(c->scenario));
    sc_json_set(b, s, "seed", jstr(c->seed));
    sc_json_set(b, s, "policy", jstr(c->policy));
    sc_json_set(b, o, "run", s);

    s = json_object();
    sc_json_set(b, s, "date", jstr(c->date));
    sc_json_set(b, s, "county", jstr(c->county));
    sc_json_set(b, s, "given", jstr(c->given));
    sc_json_set(b, s, "family", jstr(c->family));
    sc_json_set(b, s, "dob", jstr(c->dob));
    sc_json_set(b, s, "sex", jstr(c->sex));
    sc_json_set(b, s, "pob", jstr(c->pob));
    sc_json_set(b, s, "pob_how", jstr(c->pob_how));
    sc_json_set(b, s, "quality", jstr(c->quality));
    sc_json_set(b, s, "convicted", jflag(c->convicted));
    sc_json_set(b, s, "misdemeanor", jflag(c->misdemeanor));
    sc_json_set(b, o, "booking_record", s);

    s = json_object();
    sc_json_set(b, s, "activated", jflag(c->activated));
    sc_json_set(b, s, "searched", jflag(c->ident_searched));
    sc_json_set(b, s, "hit", jflag(c->ident_hit));
    sc_json_set(b, s, "fin", jid(c->ident_fin));
    sc_json_set(b, o, "ident", s);

    s = json_object();
    sc_json_set(b, s, "queried", jflag(c->queried));
    sc_json_set(b, s, "match_columns", jflag(c->has_match_columns));
    a = json_array();
    for (i = 0; i < c->n_records; i++)
        sc_json_push(b, a, json_record(b, &c->records[i]));
    sc_json_set(b, s, "records", a);
    sc_json_set(b, o, "searches", s);

    s = json_object();
    sc_json_set(b, s, "status", jstr(c->q_status));
    sc_json_set(b, s, "final_order", jflag(c->has_order));
    sc_json_set(b, s, "foreign_birth", jflag(c->foreign_birth));
    sc_json_set(b, s, "ident_record", jflag(c->ident_record));
    sc_json_set(b, s, "truncated", jflag(c->truncated));
    if (c->has_officer) {
        json_t *of = json_object();

        sc_json_set(b, of, "afile_read", jflag(c->afile_read));
        sc_json_set(b, of, "afile_shows_citizen", jflag(c->afile_citizen));
        sc_json_set(b, of, "afile_shows_lawful", jflag(c->afile_lawful));
        sc_json_set(b, of, "parent_citizen", jflag(c->parent_citizen));
        sc_json_set(b, of, "claims_citizenship", jflag(c->claims));
        sc_json_set(b, of, "claim_basis", jstr(c->claim_basis));
        sc_json_set(b, of, "claim_verified", jflag(c->claim_verified));
        sc_json_set(b, s, "officer", of);
    }
    sc_json_set(b, s, "rule", jstr(c->rule));
    sc_json_set(b, s, "box", jstr(c->box));
    sc_json_set(b, s, "honoured", jflag(c->honoured));
    sc_json_set(b, s, "picked_up", jflag(c->picked_up));
    sc_json_set(b, s, "hold_hours", json_real(c->hold_hours));
    sc_json_set(b, o, "decision", s);

    s = json_object();
    sc_json_set(b, s, "person", jid(c->person));
    sc_json_set(b, s, "given", jstr(c->true_given));
    sc_json_set(b, s, "family", jstr(c->true_family));
    sc_json_set(b, s, "birth", jstr(c->birth));
    sc_json_set(b, s, "sex", jstr(c->true_sex));
    sc_json_set(b, s, "birth_kind", jstr(c->birth_kind));
    sc_json_set(b, s, "birth_country", jstr(c->birth_country));
    sc_json_set(b, s, "tradition", jstr(c->tradition));
    sc_json_set(b, s, "status", jstr(c->true_status));
    sc_json_set(b, s, "removable", jflag(c->removable));
    sc_json_set(b, s, "false_hit", jflag(c->false_hit));
    a = json_array();
    for (i = 0; i < c->n_events; i++) {
        e = json_object();
        sc_json_set(b, e, "date", jstr(c->events[i].date));
        sc_json_set(b, e, "kind", jstr(c->events[i].kind));
        sc_json_set(b, e, "class", jstr(c->events[i].cls));
        sc_json_set(b, e, "until", jstr(c->events[i].until));
        sc_json_set(b, e, "other", jid(c->events[i].other));
        sc_json_set(b, e, "after_booking", jflag(c->events[i].after));
        sc_json_push(b, a, e);
    }
    sc_json_set(b, s, "history", a);
    sc_json_set(b, s, "verdict", jstr(c->verdict));
    sc_json_set(b, s, "cause", jstr(c->cause));
    if (c->has_sources) {
        json_t *cs = json_array();

        a = json_array();
        for (i = 0; i < c->n_sources; i++) {
            const sc_trial_source *src = &c->sources[i];

            if (streq(src->role, "contributing"))
                sc_json_push(b, cs, jstr(src->cause));
            if (streq(src->role, "primary") && streq(src->cause, "other"))
                continue;
            e = json_object();
            sc_json_set(b, e, "cause", jstr(src->cause));
            sc_json_set(b, e, "role", jstr(src->role));
            sc_json_set(b, e, "detainer_without_it", jflag(!src->but_for));
            sc_json_push(b, a, e);
        }
        sc_json_set(b, s, "contributing", cs);
        sc_json_set(b, s, "sources", a);
    }
    a = json_array();
    for (i = 0; i < c->n_findings; i++)
        sc_json_push(b, a, json_string(c->findings[i]));
    sc_json_set(b, s, "missed", a);
    sc_json_set(b, o, "truth", s);
    return o;
}

static char *dump(sc_json_builder *b, json_t *root)
{
    char *out = NULL;

    if (b->ok && root)
        out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                   JSON_REAL_PRECISION(10));
    json_decref(root);
    return out;
}

char *sc_trial_json(const sc_trial_case *c)
{
    sc_json_builder b = {1};

    return dump(&b, json_case(&b, c));
}

char *sc_trial_json_sample(const char *database, size_t total,
                           uint64_t seed, const sc_trial_case *cases,
                           size_t n)
{
    sc_json_builder b = {1};
    json_t *root = json_object(), *a = json_array();
    size_t i;

    sc_json_set(&b, root, "database", jstr(database));
    sc_json_set(&b, root, "wrongful_total", json_integer((json_int_t)total));
    if (seed <= (uint64_t)INT64_MAX) {
        sc_json_set(&b, root, "seed", json_integer((json_int_t)seed));
    } else {
        char text[24];

        snprintf(text, sizeof text, "%" PRIu64, seed);
        sc_json_set(&b, root, "seed", json_string(text));
    }
    for (i = 0; i < n; i++)
        sc_json_push(&b, a, json_case(&b, &cases[i]));
    sc_json_set(&b, root, "cases", a);
    return dump(&b, root);
}
