/*
 * store.c - writes a finished run into a new SQLite database (scomm.db).
 *
 * One pass per table over the sim's accessors, each through one prepared
 * statement, all inside one transaction.  Rows go in id order (bookings
 * by id, records by registry then id, persons by id, events by person and
 * sequence), and nothing is written that depends on the thread count, the
 * clock or the locale, so the same seed and scenario give the same file
 * bytes.  docs/outputs.md describes every table and column.
 *
 * Which records and persons are stored is decided by two bitmaps: one bit
 * per record of each registry, set for every record that appears in some
 * evidence, and one bit per person, set for every person booked or the
 * true subject of a stored record.  At the 1:10 benchmark scale (33
 * million persons, tens of millions of records) the bitmaps take a few
 * megabytes; the full tables are never copied.
 *
 * Workload: at 1:100 about 110k bookings and 0.7 million rows in all
 * (about 50 MB, 1 s); at 1:10 about 7 million rows (300 MB, 6 s of CPU,
 * about 1 microsecond per row, nearly all of it inside SQLite).  Text is
 * bound without copies, dates are formatted without printf, and the
 * connection runs without mutexes, journal or fsyncs: the file is new and
 * private to this call, and on any error it is deleted, never left
 * half-written.  Only the primary keys are indexed.
 */
#include "scomm/io/store.h"
#include "scomm/attribute.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/judge.h"
#include "scomm/names.h"
#include "scomm/policy.h"
#include "scomm/officer.h"
#include "scomm/registry.h"
#include "scomm/review.h"
#include "scomm/scenario.h"
#include "scomm/sim.h"
#include "scomm/world.h"

static const char *const SCHEMA =
    "CREATE TABLE run_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE policy_rules(seq INTEGER PRIMARY KEY, rule TEXT NOT NULL,"
    " name TEXT NOT NULL);\n"
    "CREATE TABLE params(section TEXT NOT NULL, key TEXT NOT NULL,"
    " value TEXT NOT NULL, PRIMARY KEY(section, key));\n"
    "CREATE TABLE bookings(id INTEGER PRIMARY KEY, person INTEGER NOT NULL,"
    " county_fips TEXT NOT NULL, date TEXT NOT NULL, given TEXT,"
    " family TEXT, dob TEXT, sex TEXT, pob TEXT, pob_how TEXT, quality TEXT,"
    " convicted INTEGER, activated INTEGER, ident_searched INTEGER,"
    " ident_hit INTEGER, ident_fin INTEGER, queried INTEGER,"
    " misdemeanor INTEGER);\n"
    "CREATE TABLE queries(booking INTEGER PRIMARY KEY, status TEXT,"
    " has_order INTEGER, foreign_birth INTEGER, ident_record INTEGER,"
    " truncated INTEGER, n_records INTEGER, recent_entry INTEGER,"
    " afile_read INTEGER, afile_citizen INTEGER, afile_lawful INTEGER,"
    " parent_citizen INTEGER, claims INTEGER, claim_basis TEXT,"
    " claim_verified INTEGER);\n"
    "CREATE TABLE evidence(booking INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " registry TEXT NOT NULL, record INTEGER NOT NULL, how TEXT,"
    " score REAL, weight REAL, probability REAL, level_given TEXT,"
    " level_family TEXT, level_dob TEXT, level_sex TEXT,"
    " PRIMARY KEY(booking, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE records(registry TEXT NOT NULL, id INTEGER NOT NULL,"
    " kind TEXT, status TEXT, cls TEXT, date TEXT, posted TEXT, until TEXT,"
    " dob TEXT, anum INTEGER, fin INTEGER, cob TEXT, given TEXT,"
    " family TEXT, subject INTEGER, PRIMARY KEY(registry, id))"
    " WITHOUT ROWID;\n"
    "CREATE TABLE detainers(booking INTEGER PRIMARY KEY, rule TEXT,"
    " box TEXT, honoured INTEGER, picked_up INTEGER, hold_hours REAL);\n"
    "CREATE TABLE judgements(booking INTEGER PRIMARY KEY, verdict TEXT,"
    " cause TEXT, contributing TEXT, true_status TEXT, removable INTEGER,"
    " false_hit INTEGER);\n"
    "CREATE TABLE judgement_causes(booking INTEGER NOT NULL,"
    " cause TEXT NOT NULL, role TEXT NOT NULL, but_for INTEGER NOT NULL,"
    " PRIMARY KEY(booking, cause)) WITHOUT ROWID;\n"
    "CREATE TABLE persons(id INTEGER PRIMARY KEY, birth TEXT, sex TEXT,"
    " birth_kind TEXT, birth_country TEXT, county_fips TEXT,"
    " tradition TEXT, given TEXT, family TEXT);\n"
    "CREATE TABLE events(person INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " date TEXT, kind TEXT, until TEXT, other INTEGER, cls TEXT,"
    " PRIMARY KEY(person, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE causes(cause TEXT PRIMARY KEY, count INTEGER NOT NULL,"
    " contributing INTEGER NOT NULL);\n";

/* Names of the enums that have no name function in the core headers;
 * docs/outputs.md lists the same words. */
static const char *const SEX[] = {"M", "F"};
static const char *const POB_HOW[] = {"reported", "assumed", "missing"};
static const char *const QUALITY[] = {"good", "fair", "poor"};
static const char *const BIRTH_KIND[] = {"us", "abroad_citizen", "foreign"};
static const char *const CLASS[] = {NULL, "visitor", "student", "worker",
                                    "immigrant", "refugee"};
static const char *const EVENT_KIND[] = {
    NULL, "entry", "entry_ewi", "adjust", "naturalize", "derive",
    "apprehend", "order", "removal", "depart", "marry", "convict",
    "misdemeanor"};
static const char *const FOUND_HOW[] = {NULL, "fin", "anum", "name_dob"};

#define NAME_OF(table, i)                                                    \
    ((size_t)(i) < sizeof(table) / sizeof((table)[0]) ? (table)[(i)] : NULL)

/* Bound parameters per statement, at most. */
#define MAX_PARAMS 20

typedef struct writer {
    sqlite3 *db;
    const char *path;
    char *err;
    const sc_sim *sim;
    const sc_geo *geo;
    const sc_world *world;
    const sc_registries *reg;
    const sc_country *countries;
    size_t ncountries;
    uint8_t *rec_bits[SC_REG_COUNT]; /* records in some evidence */
    uint8_t *person_bits;            /* persons to store */
    /* Text of the date bound to parameter i of the statement being
     * filled.  It lives as long as the writer, so dates are bound
     * without a copy (SQLITE_STATIC) and stay valid until finalize. */
    char dates[MAX_PARAMS + 1][12];
} writer;

static int bit_get(const uint8_t *b, size_t i)
{
    return (b[i >> 3] >> (i & 7)) & 1;
}

static void bit_set(uint8_t *b, size_t i)
{
    b[i >> 3] |= (uint8_t)(1u << (i & 7));
}

static int db_error(writer *w, const char *what)
{
    snprintf(w->err, SC_ERRMSG_MAX, "%s: %s: %s", w->path, what,
             w->db ? sqlite3_errmsg(w->db) : "no database");
    return SC_EDB;
}

static int exec(writer *w, const char *sql)
{
    if (sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(w, "cannot run statement");
    return 0;
}

static int prepare(writer *w, const char *sql, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(w->db, sql, -1, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return db_error(w, "cannot prepare statement");
    }
    return 0;
}

/* Runs an insert whose parameters are bound, and resets it for the next
 * row.  Every parameter is bound again for each row, so a value bound
 * from a stack buffer is never read after its row. */
static int step(writer *w, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(w, "cannot insert row");
    return 0;
}

/* Binds text without a copy: every string bound is static, inside the
 * sim, or in the writer, all of which outlive the statement. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(st, i, v);
}

/* An id, or NULL for the "none" value `none`. */
static void bind_id(sqlite3_stmt *st, int i, uint32_t v, uint32_t none)
{
    if (v == none)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

/* "YYYY-MM-DD" as sc_date_format writes it, without printf, which was a
 * measurable share of the store's time (dates are most of its text). */
static void format_date(sc_date d, char *buf)
{
    int y, m, day, k;

    sc_date_to_ymd(d, &y, &m, &day);
    if (y < 0 || y > 9999) {
        sc_date_format(d, buf);
        return;
    }
    for (k = 3; k >= 0; k--, y /= 10)
        buf[k] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + day / 10);
    buf[9] = (char)('0' + day % 10);
    buf[10] = '\0';
}

/* A date as 'YYYY-MM-DD', or NULL for a date that never comes. */
static void bind_date(writer *w, sqlite3_stmt *st, int i, sc_date d)
{
    assert(i >= 1 && i <= MAX_PARAMS);
    if (d == SC_DATE_NEVER) {
        sqlite3_bind_null(st, i);
        return;
    }
    format_date(d, w->dates[i]);
    sqlite3_bind_text(st, i, w->dates[i], 10, SQLITE_STATIC);
}

static const char *country_code(const writer *w, unsigned idx)
{
    if (idx == SC_COUNTRY_UNKNOWN || idx >= w->ncountries)
        return NULL;
    return w->countries[idx].code;
}

static const char *county_fips(const writer *w, uint32_t county)
{
    if (county >= sc_geo_count(w->geo))
        return NULL;
    return sc_geo_county(w->geo, county)->fips;
}

/* The scenario's text for a key, as a scenario file would hold it. */
static void param_text(const sc_params *p, const char *section,
                       const char *name, char *buf, size_t len)
{
    const sc_param_key *k = sc_param_find(section, name);

    if (k)
        sc_params_get(p, k, buf, len);
    else
        buf[0] = '\0';
}

static int write_meta(writer *w, const char *scenario)
{
    const sc_params *p = sc_sim_params(w->sim);
    sqlite3_stmt *st = NULL;
    char seed[32], scale[64], start[16], end[16];
    const char *rows[7][2];
    size_t i;
    int rc;

    snprintf(seed, sizeof seed, "%" PRIu64, p->seed);
    param_text(p, "run", "scale", scale, sizeof scale);
    if (!scale[0])
        snprintf(scale, sizeof scale, "%.17g", p->scale);
    sc_date_format(p->start, start);
    sc_date_format(p->end, end);
    rows[0][0] = "scenario"; rows[0][1] = scenario ? scenario : "";
    rows[1][0] = "seed";     rows[1][1] = seed;
    rows[2][0] = "version";  rows[2][1] = SC_VERSION;
    rows[3][0] = "scale";    rows[3][1] = scale;
    rows[4][0] = "start";    rows[4][1] = start;
    rows[5][0] = "end";      rows[5][1] = end;
    rows[6][0] = "policy";   rows[6][1] = p->policy;

    rc = prepare(w, "INSERT INTO run_meta VALUES(?,?)", &st);
    for (i = 0; rc == 0 && i < sizeof rows / sizeof rows[0]; i++) {
        bind_text(st, 1, rows[i][0]);
        bind_text(st, 2, rows[i][1]);
        rc = step(w, st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The rules of the policy the run decided by, as rule lines: a
 * scenario's own policy is then in the database as well as its name. */
static int write_policy(writer *w)
{
    const sc_policy *pol = sc_sim_policy(w->sim);
    sqlite3_stmt *st = NULL;
    char line[1024];
    int i, rc;

    rc = prepare(w, "INSERT INTO policy_rules VALUES(?,?,?)", &st);
    for (i = 0; rc == 0 && pol && i < pol->n; i++) {
        sc_policy_rule_format(pol, i, line, sizeof line);
        bind_int(st, 1, i);
        bind_text(st, 2, line);
        bind_text(st, 3, pol->rules[i].name);
        rc = step(w, st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int write_params(writer *w)
{
    const sc_params *p = sc_sim_params(w->sim);
    const sc_param_key *keys;
    sqlite3_stmt *st = NULL;
    char value[SC_PARAM_STR_MAX + 64];
    size_t i, n;
    int rc;

    keys = sc_param_keys(&n);
    rc = prepare(w, "INSERT INTO params VALUES(?,?,?)", &st);
    for (i = 0; rc == 0 && i < n; i++) {
        sc_params_get(p, &keys[i], value, sizeof value);
        bind_text(st, 1, keys[i].section);
        bind_text(st, 2, keys[i].name);
        bind_text(st, 3, value);
        rc = step(w, st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int write_bookings(writer *w)
{
    const sc_booking *b;
    const sc_outcome *o;
    const sc_evidence *ev;
    sqlite3_stmt *st = NULL;
    size_t i, n;
    int rc, queried;

    b = sc_sim_bookings(w->sim, &n);
    o = sc_sim_outcomes(w->sim);
    rc = prepare(w, "INSERT INTO bookings VALUES"
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st);
    for (i = 0; rc == 0 && i < n; i++) {
        ev = o[i].evidence == SC_NONE ? NULL
                                      : sc_sim_evidence(w->sim, o[i].evidence);
        queried = ev && ev->queried;
        bind_int(st, 1, b[i].id);
        bind_int(st, 2, b[i].person);
        bind_text(st, 3, county_fips(w, b[i].county));
        bind_date(w, st, 4, b[i].date);
        bind_text(st, 5, b[i].given);
        bind_text(st, 6, b[i].family);
        bind_date(w, st, 7, b[i].dob);
        bind_text(st, 8, NAME_OF(SEX, b[i].female));
        bind_text(st, 9, country_code(w, b[i].pob));
        bind_text(st, 10, NAME_OF(POB_HOW, b[i].pob_how));
        bind_text(st, 11, NAME_OF(QUALITY, b[i].quality));
        bind_int(st, 12, b[i].convicted);
        bind_int(st, 13, o[i].activated);
        bind_int(st, 14, o[i].ident.searched);
        bind_int(st, 15, o[i].ident.hit);
        bind_id(st, 16, o[i].ident.fin, 0);
        bind_int(st, 17, queried);
        bind_int(st, 18, b[i].misdemeanor);
        rc = step(w, st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The name search's weight, probability and levels (columns 7-12) of
 * an evidence item; NULL for a record fetched by identifier, which was
 * not compared. */
static void bind_match(sqlite3_stmt *se, const sc_evidence_item *it)
{
    static const int kind[SC_RF_COUNT] = {
        [SC_RF_GIVEN] = SC_LINK_NAME, [SC_RF_FAMILY] = SC_LINK_NAME,
        [SC_RF_DOB] = SC_LINK_DATE, [SC_RF_SEX] = SC_LINK_CATEGORY};
    int k;

    if (it->how != SC_FOUND_NAME_DOB) {
        for (k = 7; k <= 12; k++)
            sqlite3_bind_null(se, k);
        return;
    }
    sqlite3_bind_double(se, 7, (double)it->weight);
    sqlite3_bind_double(se, 8, (double)it->score);
    for (k = 0; k < SC_RF_COUNT; k++)
        bind_text(se, 9 + k, sc_link_level_name(kind[k], it->level[k]));
}

/* Queries and their evidence; marks the records consulted. */
static int write_queries(writer *w)
{
    const sc_outcome *o;
    const sc_evidence *ev;
    const sc_evidence_item *it;
    sqlite3_stmt *sq = NULL, *se = NULL;
    size_t i, n, j;
    int rc;

    sc_sim_bookings(w->sim, &n);
    o = sc_sim_outcomes(w->sim);
    rc = prepare(w, "INSERT INTO queries VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                 "?)", &sq);
    if (rc == 0)
        rc = prepare(w, "INSERT INTO evidence VALUES(?,?,?,?,?,?,?,?,?,?,"
                     "?,?)", &se);
    for (i = 0; rc == 0 && i < n; i++) {
        if (o[i].evidence == SC_NONE)
            continue;
        ev = sc_sim_evidence(w->sim, o[i].evidence);
        if (!ev || !ev->queried)
            continue;
        bind_int(sq, 1, (int64_t)i);
        bind_text(sq, 2, sc_rec_status_name(ev->status));
        bind_int(sq, 3, ev->has_order);
        bind_int(sq, 4, ev->foreign_birth);
        bind_int(sq, 5, ev->ident_record);
        bind_int(sq, 6, ev->truncated);
        bind_int(sq, 7, ev->n);
        bind_int(sq, 8, ev->recent_entry);
        bind_int(sq, 9, ev->afile_read);
        bind_int(sq, 10, ev->afile_citizen);
        bind_int(sq, 11, ev->afile_lawful);
        bind_int(sq, 12, ev->parent_citizen);
        bind_int(sq, 13, ev->claims);
        bind_text(sq, 14, ev->claims ? sc_claim_basis_name(ev->claim_basis)
                                     : NULL);
        bind_int(sq, 15, ev->claim_verified);
        rc = step(w, sq);
        for (j = 0; rc == 0 && j < ev->n && j < SC_EVIDENCE_MAX; j++) {
            it = &ev->items[j];
            bind_int(se, 1, (int64_t)i);
            bind_int(se, 2, (int64_t)j);
            bind_text(se, 3, sc_registry_name(it->registry));
            bind_int(se, 4, it->record);
            bind_text(se, 5, NAME_OF(FOUND_HOW, it->how));
            sqlite3_bind_double(se, 6, (double)it->score);
            bind_match(se, it);
            rc = step(w, se);
            if (it->registry < SC_REG_COUNT &&
                it->record < sc_registries_count(w->reg, it->registry))
                bit_set(w->rec_bits[it->registry], it->record);
        }
    }
    sqlite3_finalize(sq);
    sqlite3_finalize(se);
    return rc;
}

/* The consulted records, by registry then id; marks their subjects. */
static int write_records(writer *w)
{
    size_t nworld = sc_world_count(w->world);
    const sc_record *r;
    sqlite3_stmt *st = NULL;
    uint32_t subject;
    size_t n, id;
    int rc, reg;

    rc = prepare(w, "INSERT INTO records VALUES"
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st);
    for (reg = 0; rc == 0 && reg < SC_REG_COUNT; reg++) {
        n = sc_registries_count(w->reg, reg);
        for (id = 0; rc == 0 && id < n; id++) {
            if (!bit_get(w->rec_bits[reg], id))
                continue;
            r = sc_registries_record(w->reg, reg, (uint32_t)id);
            subject = sc_registries_subject(w->reg, reg, (uint32_t)id);
            bind_text(st, 1, sc_registry_name(reg));
            bind_int(st, 2, (int64_t)id);
            bind_text(st, 3, sc_record_kind_name(r->kind));
            bind_text(st, 4, sc_rec_status_name(r->status));
            bind_text(st, 5, NAME_OF(CLASS, r->cls));
            bind_date(w, st, 6, r->date);
            bind_date(w, st, 7, r->posted);
            bind_date(w, st, 8, r->until);
            bind_date(w, st, 9, r->dob);
            bind_id(st, 10, r->anum, 0);
            bind_id(st, 11, r->fin, 0);
            bind_text(st, 12, country_code(w, r->cob));
            bind_text(st, 13, r->given);
            bind_text(st, 14, r->family);
            bind_id(st, 15, subject, SC_NONE);
            rc = step(w, st);
            if (subject < nworld)
                bit_set(w->person_bits, subject);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The causes of one wrongful detainer: the primary one, then every
 * present source in precedence order (attribute.h), with its role. */
static int write_judgement_causes(writer *w, sqlite3_stmt *st, size_t i,
                                  const sc_judgement *j)
{
    size_t k;
    int c, rc;

    if (!(j->present & SC_CAUSE_BIT(j->cause))) {
        bind_int(st, 1, (int64_t)i);
        bind_text(st, 2, sc_cause_name(j->cause));
        bind_text(st, 3, "primary");
        bind_int(st, 4, 0);
        if ((rc = step(w, st)) < 0)
            return rc;
    }
    for (k = 0; (c = sc_cause_precedence(k)) != SC_CAUSE_NONE; k++) {
        uint32_t bit = SC_CAUSE_BIT(c);

        if (!(j->present & bit))
            continue;
        bind_int(st, 1, (int64_t)i);
        bind_text(st, 2, sc_cause_name(c));
        bind_text(st, 3, c == j->cause ? "primary"
                         : j->contributing & bit ? "contributing"
                                                 : "present");
        bind_int(st, 4, (j->but_for & bit) != 0);
        if ((rc = step(w, st)) < 0)
            return rc;
    }
    return 0;
}

static int write_detainers_judgements(writer *w)
{
    const sc_outcome *o;
    const sc_judgement *j;
    sqlite3_stmt *sd = NULL, *sj = NULL, *sc = NULL;
    char list[512];
    size_t i, n;
    int rc;

    sc_sim_bookings(w->sim, &n);
    o = sc_sim_outcomes(w->sim);
    rc = prepare(w, "INSERT INTO detainers VALUES(?,?,?,?,?,?)", &sd);
    if (rc == 0)
        rc = prepare(w, "INSERT INTO judgements VALUES(?,?,?,?,?,?,?)",
                     &sj);
    if (rc == 0)
        rc = prepare(w, "INSERT INTO judgement_causes VALUES(?,?,?,?)", &sc);
    for (i = 0; rc == 0 && i < n; i++) {
        if (o[i].decision.detainer) {
            bind_int(sd, 1, (int64_t)i);
            bind_text(sd, 2, sc_policy_rule_label(sc_sim_policy(w->sim),
                                                  o[i].decision.rule));
            bind_text(sd, 3, sc_pc_box_name(o[i].decision.box));
            bind_int(sd, 4, o[i].jail.honoured);
            bind_int(sd, 5, o[i].jail.picked_up);
            sqlite3_bind_double(sd, 6, (double)o[i].jail.hold_hours);
            rc = step(w, sd);
            if (rc < 0)
                break;
        }
        j = &o[i].judgement;
        bind_int(sj, 1, (int64_t)i);
        bind_text(sj, 2, sc_verdict_name(j->verdict));
        bind_text(sj, 3, j->cause == SC_CAUSE_NONE ? NULL
                                                   : sc_cause_name(j->cause));
        sc_cause_list(j->contributing, list, sizeof list);
        bind_text(sj, 4, list[0] ? list : NULL);
        bind_text(sj, 5, sc_status_name(j->true_status));
        bind_int(sj, 6, j->removable);
        bind_int(sj, 7, j->false_hit);
        rc = step(w, sj);
        if (rc == 0 && j->cause != SC_CAUSE_NONE)
            rc = write_judgement_causes(w, sc, i, j);
    }
    sqlite3_finalize(sd);
    sqlite3_finalize(sj);
    sqlite3_finalize(sc);
    return rc;
}

static int write_persons_events(writer *w)
{
    size_t nworld = sc_world_count(w->world);
    const sc_person *p;
    const sc_event *ev;
    sqlite3_stmt *sp = NULL, *se = NULL;
    char given[SC_NAME_MAX], family[SC_NAME_MAX];
    size_t id, k, nev;
    int rc;

    rc = prepare(w, "INSERT INTO persons VALUES(?,?,?,?,?,?,?,?,?)", &sp);
    if (rc == 0)
        rc = prepare(w, "INSERT INTO events VALUES(?,?,?,?,?,?,?)", &se);
    for (id = 0; rc == 0 && id < nworld; id++) {
        if (!bit_get(w->person_bits, id))
            continue;
        p = sc_world_person(w->world, (uint32_t)id);
        sc_name_format(&p->name, given, family);
        bind_int(sp, 1, (int64_t)id);
        bind_date(w, sp, 2, p->birth);
        bind_text(sp, 3, NAME_OF(SEX, p->female));
        bind_text(sp, 4, NAME_OF(BIRTH_KIND, p->birth_kind));
        bind_text(sp, 5, country_code(w, p->birth_country));
        bind_text(sp, 6, county_fips(w, p->county));
        bind_text(sp, 7, sc_tradition_name(p->name.tradition));
        bind_text(sp, 8, given);
        bind_text(sp, 9, family);
        rc = step(w, sp);
        ev = sc_world_events(w->world, (uint32_t)id, &nev);
        for (k = 0; rc == 0 && k < nev; k++) {
            bind_int(se, 1, (int64_t)id);
            bind_int(se, 2, (int64_t)k);
            bind_date(w, se, 3, ev[k].date);
            bind_text(se, 4, NAME_OF(EVENT_KIND, ev[k].kind));
            bind_date(w, se, 5, ev[k].until);
            bind_id(se, 6, ev[k].other, SC_NONE);
            bind_text(se, 7, NAME_OF(CLASS, ev[k].cls));
            rc = step(w, se);
        }
    }
    sqlite3_finalize(sp);
    sqlite3_finalize(se);
    return rc;
}

static int write_causes(writer *w)
{
    const sc_totals *t = sc_sim_totals(w->sim);
    sqlite3_stmt *st = NULL;
    int rc, c;

    rc = prepare(w, "INSERT INTO causes VALUES(?,?,?)", &st);
    for (c = SC_CAUSE_NONE + 1; rc == 0 && c < SC_CAUSE_COUNT; c++) {
        bind_text(st, 1, sc_cause_name(c));
        bind_int(st, 2, (int64_t)t->causes[c]);
        bind_int(st, 3, (int64_t)t->contributing[c]);
        rc = step(w, st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int alloc_bits(writer *w)
{
    size_t n;
    int reg;

    for (reg = 0; reg < SC_REG_COUNT; reg++) {
        n = sc_registries_count(w->reg, reg);
        w->rec_bits[reg] = calloc(n / 8 + 1, 1);
        if (!w->rec_bits[reg])
            return SC_ENOMEM;
    }
    w->person_bits = calloc(sc_world_count(w->world) / 8 + 1, 1);
    return w->person_bits ? 0 : SC_ENOMEM;
}

static void mark_booked(writer *w)
{
    size_t nworld = sc_world_count(w->world);
    const sc_booking *b;
    size_t i, n;

    b = sc_sim_bookings(w->sim, &n);
    for (i = 0; i < n; i++)
        if (b[i].person < nworld)
            bit_set(w->person_bits, b[i].person);
}

static int write_all(writer *w, const char *scenario)
{
    int rc;

    /* The order matters: queries mark the records, records mark their
     * subjects, and persons are written last. */
    if ((rc = exec(w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                      "PRAGMA locking_mode=EXCLUSIVE;"
                      "PRAGMA cache_size=-65536;")) < 0 ||
        (rc = exec(w, "BEGIN")) < 0 || (rc = exec(w, SCHEMA)) < 0 ||
        (rc = write_meta(w, scenario)) < 0 || (rc = write_policy(w)) < 0 ||
        (rc = write_params(w)) < 0 ||
        (rc = write_bookings(w)) < 0 || (rc = write_queries(w)) < 0 ||
        (rc = write_records(w)) < 0 ||
        (rc = write_detainers_judgements(w)) < 0 ||
        (rc = write_persons_events(w)) < 0 || (rc = write_causes(w)) < 0 ||
        (rc = exec(w, "COMMIT")) < 0)
        return rc;
    return 0;
}

/* Creates the file, failing if anything is already at `path`: O_EXCL
 * makes the check and the creation one step. */
static int create_new(const char *path, char *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);

    if (fd < 0) {
        if (errno == EEXIST)
            snprintf(err, SC_ERRMSG_MAX, "'%s' already exists", path);
        else
            snprintf(err, SC_ERRMSG_MAX, "cannot create '%s': %s", path,
                     strerror(errno));
        return SC_EIO;
    }
    close(fd);
    return 0;
}

int sc_store_write(const sc_sim *s, const char *scenario, const char *path,
                   char *err)
{
    writer w;
    locale_t cloc, old = (locale_t)0;
    int rc, reg;

    memset(&w, 0, sizeof w);
    w.path = path;
    w.err = err;
    w.sim = s;
    w.geo = sc_sim_geo(s);
    w.world = sc_sim_world(s);
    w.reg = sc_sim_registries(s);
    w.countries = sc_countries(&w.ncountries);

    rc = create_new(path, err);
    if (rc < 0)
        return rc;

    rc = alloc_bits(&w);
    if (rc < 0) {
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", path);
        goto done;
    }
    mark_booked(&w);

    /* An empty file is an empty database to SQLite. */
    /* One connection used by this thread alone: no mutexes needed. */
    if (sqlite3_open_v2(path, &w.db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = db_error(&w, "cannot open database");
        goto done;
    }
    /* Parameter text from sc_params_get goes through printf: keep it in
     * the C locale so that outputs do not vary with the environment. */
    cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (cloc)
        old = uselocale(cloc);
    rc = write_all(&w, scenario);
    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }

done:
    if (w.db && sqlite3_close(w.db) != SQLITE_OK) {
        if (rc == 0)
            rc = db_error(&w, "cannot close database");
        sqlite3_close_v2(w.db);
    }
    for (reg = 0; reg < SC_REG_COUNT; reg++)
        free(w.rec_bits[reg]);
    free(w.person_bits);
    if (rc < 0)
        unlink(path);
    return rc;
}
