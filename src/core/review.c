/*
 * review.c - the response centre's query and records search.
 *
 * A booking becomes an Immigration Alien Query when IDENT hit, or when the
 * jail sent a manual IAQ (booking.manual_iaq) for a person it wrote down
 * with a foreign place of birth, while [pipeline] query_foreign_pob is
 * on.  The reviewer then does what an LESC agent does with the databases
 * and nothing more, as of the booking day (records posted later are
 * invisible):
 *
 *   1. fetches the IDENT encounters of the FIN that hit, and notes the
 *      A-numbers they carry;
 *   2. searches every registry by name and date of birth as the jail
 *      wrote them, through the linkage engine (review_index.c): every
 *      record whose match probability reaches [review] match_threshold
 *      is taken, with its weight, probability and field-by-field levels,
 *      and its A-number noted;
 *   3. pulls the A-file, benefit and enforcement records filed under every
 *      A-number seen.
 *
 * The records found are summarized into the best status they show (the
 * order in review.h) and the facts the policy needs.  Which person a
 * record is truly about is never read here: a namesake's records or a
 * false hit's encounters are taken for the booked person's, as they would
 * be, and a record the comparators score below the threshold (a married
 * name, a name typed beyond recognition) is missed.
 *
 * sc_review_with() runs the same review on the registries as an overlay
 * changes them (review.h): hidden records are skipped on every path,
 * added records are fetched by FIN and A-number like the others and
 * scored against the booking by the index's own model
 * (sc_review_index_score), attached records are taken as found.  The
 * judge's counterfactual re-runs (attribute.c) use it; the pipeline's
 * own review passes no overlay and pays one NULL test a record.
 *
 * Data: a fixed-size scratch set on the stack (FOUND_MAX records, ANUM_MAX
 * A-numbers); the evidence keeps the first SC_EVIDENCE_MAX in (registry,
 * record) order.  Workload: one call per queried booking (about a tenth
 * of bookings), one linkage query (a few hundred candidate rows) and a
 * few identifier look-ups each; the engine's query scratch grows to the
 * largest candidate set and is then reused.
 */
#include <stdlib.h>
#include <string.h>

#include "scomm/geo.h"
#include "review_int.h"

/* Scratch bounds.  A search key or an A-number returns a handful of
 * records; these bounds are generous and exceeding them only sets
 * `truncated`. */
#define FOUND_MAX 512
#define ANUM_MAX 64

typedef struct found {
    uint32_t record;
    float score, weight;
    uint16_t seq;       /* order of discovery */
    uint8_t registry;
    uint8_t added;      /* record indexes the overlay's added[] */
    uint8_t how;
    uint8_t level[SC_RF_COUNT];
} found;

typedef struct search {
    const sc_registries *reg;
    const sc_review_overlay *ov;  /* NULL for the pipeline's own review */
    sc_date on;
    int overflow;
    size_t n;
    size_t n_anums;
    found items[FOUND_MAX];
    uint32_t anums[ANUM_MAX];
} search;

static void note_anum(search *s, uint32_t anum)
{
    size_t i;

    if (anum == 0)
        return;
    for (i = 0; i < s->n_anums; i++)
        if (s->anums[i] == anum)
            return;
    if (s->n_anums == ANUM_MAX) {
        s->overflow = 1;
        return;
    }
    s->anums[s->n_anums++] = anum;
}

/* The record an item names, in the registries or the overlay. */
static const sc_record *record_of(const search *s, const found *f)
{
    if (f->added)
        return &s->ov->added[f->record];
    return sc_registries_record(s->reg, f->registry, f->record);
}

static void set_score(found *f, const sc_link_hit *hit)
{
    size_t k;

    f->score = hit ? hit->prob : 1.0f;
    f->weight = hit ? hit->weight : 0.0f;
    for (k = 0; k < SC_RF_COUNT; k++)
        f->level[k] = hit ? (uint8_t)sc_link_gamma_level(hit->gamma, k)
                          : SC_LEVEL_NONE;
}

static void put(search *s, int registry, uint32_t record, int added,
                const sc_record *rec, int how, int follow_anums,
                const sc_link_hit *hit)
{
    if (follow_anums)
        note_anum(s, rec->anum);
    if (s->n == FOUND_MAX) {
        s->overflow = 1;
        return;
    }
    s->items[s->n].record = record;
    s->items[s->n].seq = (uint16_t)s->n;
    s->items[s->n].registry = (uint8_t)registry;
    s->items[s->n].added = (uint8_t)added;
    s->items[s->n].how = (uint8_t)how;
    set_score(&s->items[s->n], hit);
    s->n++;
}

/* Adds the visible records among ids, with the score of the way they
 * were found (hit NULL: an identifier fetch); returns how many were
 * visible. */
static size_t take(search *s, int registry, const uint32_t *ids, size_t n,
                   int how, int follow_anums, const sc_link_hit *hit)
{
    size_t i, seen = 0;

    for (i = 0; i < n; i++) {
        const sc_record *rec = sc_registries_record(s->reg, registry, ids[i]);

        if (!rec || rec->posted > s->on)
            continue;
        if (s->ov && sc_review_overlay_hides(s->ov, registry, ids[i]))
            continue;
        seen++;
        put(s, registry, ids[i], 0, rec, how, follow_anums, hit);
    }
    return seen;
}

/* Adds the overlay's added records of `registry` that are visible and
 * carry `fin` (or, fin 0, `anum`). */
static size_t take_added(search *s, int registry, uint32_t fin,
                         uint32_t anum, int how, int follow_anums)
{
    size_t k, seen = 0;

    if (!s->ov)
        return 0;
    for (k = 0; k < s->ov->n_added; k++) {
        const sc_record *rec = &s->ov->added[k];

        if (rec->registry != registry || rec->posted > s->on ||
            (fin ? rec->fin != fin : rec->anum != anum))
            continue;
        seen++;
        put(s, registry, (uint32_t)k, 1, rec, how, follow_anums, NULL);
    }
    return seen;
}

/* The name search: every record of every index row at or above the
 * threshold. */
static int search_names(search *s, const sc_params *p,
                        const sc_review_index *ix, sc_review_scratch *q,
                        const sc_booking *b)
{
    const sc_link_hit *hits;
    size_t nh, i, k;
    int rc;

    if (!b->given[0] && !b->family[0])
        return 0;
    rc = review_search(ix, q, b, p->match_threshold, &hits, &nh);
    if (rc < 0)
        return rc;
    for (i = 0; i < nh; i++) {
        const uint32_t *g;
        size_t n;

        review_row_records(ix, hits[i].row, &g, &n);
        for (k = 0; k < n; k++) {
            int registry;
            uint32_t id;

            review_record_of(ix, g[k], &registry, &id);
            if (s->ov && s->ov->name_keep &&
                !s->ov->name_keep(s->ov->name_ud, registry, id))
                continue;
            take(s, registry, &id, 1, SC_FOUND_NAME_DOB, 1, &hits[i]);
        }
    }
    /* The overlay's added records, each scored as the index would score
     * it (the hits above are no longer read). */
    for (k = 0; s->ov && k < s->ov->n_added; k++) {
        const sc_record *rec = &s->ov->added[k];
        sc_link_hit hit;

        if (rec->posted > s->on ||
            !sc_review_index_score(ix, b, rec, &hit) ||
            hit.prob < p->match_threshold)
            continue;
        put(s, rec->registry, (uint32_t)k, 1, rec, SC_FOUND_NAME_DOB, 1,
            &hit);
    }
    return 0;
}

/* The overlay's attached records: found whatever the search scores. */
static void attach(search *s)
{
    size_t k;

    for (k = 0; k < s->ov->n_attach; k++)
        take(s, s->ov->attach[k].registry, &s->ov->attach[k].record, 1,
             SC_FOUND_NAME_DOB, 1, NULL);
    for (k = 0; s->ov->attach_added && k < s->ov->n_added; k++) {
        const sc_record *rec = &s->ov->added[k];

        if (rec->posted <= s->on)
            put(s, rec->registry, (uint32_t)k, 1, rec, SC_FOUND_NAME_DOB, 1,
                NULL);
    }
}

/* Total order: registry, record, then order of discovery, so that
 * deduplication keeps the first way a record was found (the FIN fetch
 * before the name search before the A-number fetch: a record found by
 * name is not relabelled when its own A-number fetches it again) and the
 * result does not depend on qsort's stability. */
static int cmp_found(const void *a, const void *b)
{
    const found *x = a, *y = b;

    if (x->registry != y->registry)
        return x->registry < y->registry ? -1 : 1;
    if (x->added != y->added)
        return x->added < y->added ? -1 : 1;
    if (x->record != y->record)
        return x->record < y->record ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

static void dedup(search *s)
{
    size_t i, m = 0;

    if (s->n == 0)
        return;
    qsort(s->items, s->n, sizeof s->items[0], cmp_found);
    for (i = 1; i < s->n; i++) {
        if (s->items[i].registry == s->items[m].registry &&
            s->items[i].added == s->items[m].added &&
            s->items[i].record == s->items[m].record)
            continue;
        s->items[++m] = s->items[i];
    }
    s->n = m + 1;
}

int sc_review_recent_entry(const sc_record *rec, sc_date on)
{
    int y, m, d;

    if (rec->registry != SC_REG_ENFORCE ||
        rec->kind != SC_REC_APPREHENSION ||
        rec->status != SC_RS_NO_STATUS || rec->date > on)
        return 0;
    sc_date_to_ymd(on, &y, &m, &d);
    if (m == 2 && d == 29)
        d = 28;
    return rec->date >= sc_date_from_ymd(y - SC_RECENT_YEARS, m, d);
}

static int is_exit(const sc_record *rec)
{
    return rec->kind == SC_REC_DEPARTURE || rec->kind == SC_REC_REMOVAL ||
           rec->status == SC_RS_REMOVED;
}

static int foreign_country(uint16_t c)
{
    return c != SC_COUNTRY_US && c != SC_COUNTRY_UNKNOWN;
}

/* The summary of review.h: the best status shown, with the temporary
 * admission counted only while its stay runs and no exit recorded after
 * it; an expired or exited admission reads as no status.  An order or
 * removal dated after every lawful-status record supersedes them, as a
 * reader of the file would take the latest entry: citizenship alone is
 * never superseded. */
static void summarize(const search *s, sc_evidence *out)
{
    int citizen = 0, lpr = 0, temp = 0, order = 0, nostatus = 0;
    sc_date last_exit = INT32_MIN, last_lawful = INT32_MIN;
    sc_date last_order = INT32_MIN;
    size_t i;

    for (i = 0; i < s->n; i++) {
        const sc_record *rec = record_of(s, &s->items[i]);

        if (is_exit(rec) && rec->date > last_exit)
            last_exit = rec->date;
        if (foreign_country(rec->cob))
            out->foreign_birth = 1;
        if (sc_review_recent_entry(rec, s->on))
            out->recent_entry = 1;
    }
    for (i = 0; i < s->n; i++) {
        const sc_record *rec = record_of(s, &s->items[i]);

        switch (rec->status) {
        case SC_RS_CITIZEN:
            citizen = 1;
            break;
        case SC_RS_LPR:
            lpr = 1;
            if (rec->date > last_lawful)
                last_lawful = rec->date;
            break;
        case SC_RS_TEMPORARY:
            if (rec->until >= s->on && last_exit <= rec->date) {
                temp = 1;
                if (rec->date > last_lawful)
                    last_lawful = rec->date;
            } else {
                nostatus = 1;
            }
            break;
        case SC_RS_NO_STATUS:
            nostatus = 1;
            break;
        case SC_RS_ORDERED:
        case SC_RS_REMOVED:
            order = 1;
            if (rec->date > last_order)
                last_order = rec->date;
            break;
        default:
            break;
        }
    }
    if (citizen)
        out->status = SC_RS_CITIZEN;
    else if (order && last_order > last_lawful)
        out->status = SC_RS_ORDERED;
    else if (lpr)
        out->status = SC_RS_LPR;
    else if (temp)
        out->status = SC_RS_TEMPORARY;
    else if (order)
        out->status = SC_RS_ORDERED;
    else if (nostatus)
        out->status = SC_RS_NO_STATUS;
    else
        out->status = SC_RS_NONE;
    out->has_order = (uint8_t)order;
}

void sc_review_overlay_init(sc_review_overlay *ov)
{
    ov->n_hidden = ov->n_added = ov->n_attach = 0;
    ov->attach_added = 0;
    ov->overflow = 0;
    ov->afile_complete = ov->vital_complete = ov->state_complete = 0;
    ov->name_keep = NULL;
    ov->name_ud = NULL;
}

int sc_review_overlay_hides(const sc_review_overlay *ov, int registry,
                            uint32_t id)
{
    size_t k;

    for (k = 0; k < ov->n_hidden; k++)
        if (ov->hidden[k].record == id && ov->hidden[k].registry == registry)
            return 1;
    return 0;
}

int sc_review(const sc_params *p, const sc_registries *reg,
              const sc_review_index *ix, sc_review_scratch *q,
              const sc_booking *b, const sc_ident_result *ident,
              sc_evidence *out)
{
    return sc_review_with(p, reg, ix, q, b, ident, NULL, out);
}

int sc_review_with(const sc_params *p, const sc_registries *reg,
                   const sc_review_index *ix, sc_review_scratch *q,
                   const sc_booking *b, const sc_ident_result *ident,
                   const sc_review_overlay *ov, sc_evidence *out)
{
    int hit = ident && ident->hit && ident->fin != 0;
    int pob_foreign = foreign_country(b->pob);
    search s;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    if (!hit && !(pob_foreign && p->query_foreign_pob && b->manual_iaq))
        return 0;
    out->queried = 1;

    s.reg = reg;
    s.ov = ov;
    s.on = b->date;
    s.overflow = 0;
    s.n = 0;
    s.n_anums = 0;

    if (hit) {
        const uint32_t *ids;
        size_t n;

        sc_registries_by_fin(reg, SC_REG_IDENT, ident->fin, &ids, &n);
        if (take(&s, SC_REG_IDENT, ids, n, SC_FOUND_FIN, 1, NULL) +
                take_added(&s, SC_REG_IDENT, ident->fin, 0, SC_FOUND_FIN,
                           1) > 0)
            out->ident_record = 1;
    }

    rc = search_names(&s, p, ix, q, b);
    if (ov)
        attach(&s);

    for (i = 0; i < s.n_anums; i++) {
        static const int by_anum[] = {SC_REG_AFILE, SC_REG_BENEFIT,
                                      SC_REG_ENFORCE};
        size_t k;

        for (k = 0; k < sizeof by_anum / sizeof by_anum[0]; k++) {
            const uint32_t *ids;
            size_t n;

            sc_registries_by_anum(reg, by_anum[k], s.anums[i], &ids, &n);
            take(&s, by_anum[k], ids, n, SC_FOUND_ANUM, 0, NULL);
            take_added(&s, by_anum[k], 0, s.anums[i], SC_FOUND_ANUM, 0);
        }
    }

    dedup(&s);
    summarize(&s, out);
    if (pob_foreign)
        out->foreign_birth = 1;

    out->truncated = (uint8_t)(s.overflow || s.n > SC_EVIDENCE_MAX);
    out->n = (uint16_t)(s.n < SC_EVIDENCE_MAX ? s.n : SC_EVIDENCE_MAX);
    for (i = 0; i < out->n; i++) {
        sc_evidence_item *it = &out->items[i];

        it->record = s.items[i].record;
        it->registry = s.items[i].registry;
        it->how = s.items[i].how;
        it->added = s.items[i].added;
        it->score = s.items[i].score;
        it->weight = s.items[i].weight;
        memcpy(it->level, s.items[i].level, sizeof it->level);
    }
    return rc;
}
