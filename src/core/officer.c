/*
 * officer.c - the individualized officer's review: paper A-files, the
 * parents' files, and the person's claim of citizenship (officer.h).
 *
 * A paper A-file is read from the registries: every record of the A-file
 * index, the benefit system and the enforcement registry filed under the
 * A-number and dated on or before the reading day, posted or not -- the
 * paper copy of a grant goes into the file the day it is granted, and a
 * database that never recorded the grant does not take it out.  A
 * document is missing from the paper file when a hash of (seed, the
 * document's content) falls under [officer] afile_doc_missing, so the
 * same document is missing whenever the file is read (doc_lost); the
 * page naming the parents is a document too.  Cause attribution re-reads
 * the files on an overlay of the registries (sc_officer_review_with).
 * What the file shows is read as the database summary is (review.c):
 * citizenship is never superseded; a lawful status is, by an order or
 * removal dated after it.
 *
 * Derived citizenship is screened as the officer would screen it, from
 * the files alone: the person may have derived when their own file holds
 * an LPR document dated before their 18th birthday (by the date of birth
 * the jail wrote) and a parent's file holds a citizenship document dated
 * before it too.  The screen is deliberately wider than the law: it does
 * not ask whether both parents naturalized before the Child Citizenship
 * Act (Feb 27, 2001), nor about custody (FIGURES, Gonzalez v. ICE error
 * modes); an officer who finds a possible derivation refers the case
 * rather than deciding it.
 *
 * Data: nothing beyond the stack.  Workload: one hearing per queried
 * booking (about a tenth of bookings), a few A-number look-ups each.
 */
#include <string.h>

#include "scomm/officer.h"
#include "scomm/rng.h"

/* A-files read for one booking: the A-numbers the review's records carry
 * and the one on the person's papers. */
#define FILES_MAX 8

/* Sub-streams of SC_STAGE_OFFICER for the stateless hashes. */
enum {
    TAG_DOC = 1,          /* a document missing from the paper file */
    TAG_PARENTS,          /* the page naming the parents */
    TAG_BIRTH,            /* a U.S. birth in vital records */
    TAG_STATE             /* a State Department record */
};

/* A uniform number in [0, 1) fixed by (seed, tag, a, b). */
static double hash_uniform(uint64_t seed, unsigned tag, uint64_t a,
                           uint64_t b)
{
    uint64_t h = sc_hash3(seed, (uint64_t)SC_STAGE_OFFICER << 32 | tag,
                          a << 32 ^ b);
    return (double)(h >> 11) * 0x1p-53;
}

static const char *const basis_names[SC_CLAIM_COUNT] = {
    [SC_CLAIM_NONE] = "none",
    [SC_CLAIM_US_BIRTH] = "us_birth",
    [SC_CLAIM_NATURALIZED] = "naturalized",
    [SC_CLAIM_DERIVED] = "derived",
    [SC_CLAIM_ACQUIRED] = "acquired",
};

const char *sc_claim_basis_name(int basis)
{
    if (basis < 0 || basis >= SC_CLAIM_COUNT)
        return "?";
    return basis_names[basis];
}

void sc_officer_hear(const sc_params *p, const sc_world *w,
                     const sc_registries *reg, const sc_booking *b,
                     sc_statement *out)
{
    sc_officer_hear_with(p, w, reg, NULL, b, out);
}

void sc_officer_hear_with(const sc_params *p, const sc_world *w,
                          const sc_registries *reg,
                          const sc_review_overlay *ov, const sc_booking *b,
                          sc_statement *out)
{
    const sc_person *ps = sc_world_person(w, b->person);
    sc_truth t;
    sc_rng r;
    double share;

    memset(out, 0, sizeof *out);
    sc_world_truth_on(w, b->person, b->date, &t);
    out->anum = sc_registries_anum_of_person(reg, b->person);
    out->birth_record = (uint8_t)(
        ps->birth_kind == SC_BIRTH_US &&
        hash_uniform(p->seed, TAG_BIRTH, b->person, 0) <
            p->birth_record_found);
    out->state_record = (uint8_t)(
        ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN &&
        hash_uniform(p->seed, TAG_STATE, b->person, 0) <
            p->state_record_acquired);
    if (ov && ov->vital_complete && ps->birth_kind == SC_BIRTH_US)
        out->birth_record = 1;
    if (ov && ov->state_complete &&
        ps->birth_kind == SC_BIRTH_ABROAD_CITIZEN)
        out->state_record = 1;

    switch (t.citizen ? t.status : SC_ST_ABSENT) {
    case SC_ST_USBORN:
        out->basis = SC_CLAIM_US_BIRTH;
        share = p->claim_share;
        break;
    case SC_ST_NATURALIZED:
        out->basis = SC_CLAIM_NATURALIZED;
        share = p->claim_share;
        break;
    case SC_ST_DERIVED:
        out->basis = SC_CLAIM_DERIVED;
        share = p->claim_share_derived;
        break;
    case SC_ST_ACQUIRED:
        out->basis = SC_CLAIM_ACQUIRED;
        share = p->claim_share_derived;
        break;
    default:
        /* A false claim is of a birth here, the one that needs no
         * papers. */
        out->basis = SC_CLAIM_US_BIRTH;
        share = p->false_claim_share;
        break;
    }
    sc_rng_init(&r, p->seed, SC_STAGE_OFFICER, b->id);
    out->claims = (uint8_t)sc_rng_bernoulli(&r, share);
    if (!out->claims)
        out->basis = SC_CLAIM_NONE;
}

static int lost(const sc_params *p, unsigned tag, uint64_t a, uint64_t b)
{
    return hash_uniform(p->seed, tag, a, b) < p->afile_doc_missing;
}

/* Whether a document is missing from the paper file.  The key is the
 * document's content -- registry, kind, date, status and the file it is
 * in -- not its record id, so that a counterfactual's corrected copy of
 * a record (posted, or spelled right) is the same page, missing or not,
 * while a page refiled under its right A-number is a page of another
 * file. */
static int doc_lost(const sc_params *p, const sc_record *rec)
{
    uint64_t what = (uint64_t)rec->registry << 40 |
                    (uint64_t)rec->kind << 32 | (uint32_t)rec->date;
    return lost(p, TAG_DOC, what, (uint64_t)rec->anum << 8 | rec->status);
}

/* Reads one document into the file's summary. */
static void read_doc(const sc_params *p, const sc_review_overlay *ov,
                     const sc_record *rec, sc_date on, sc_afile *out,
                     sc_date *last_lawful, sc_date *last_order)
{
    if (rec->date > on)
        return;
    if (!(ov && ov->afile_complete) && doc_lost(p, rec)) {
        out->lost++;
        return;
    }
    out->docs++;
    switch (rec->status) {
    case SC_RS_CITIZEN:
        out->citizen = 1;
        if (rec->date < out->citizen_on)
            out->citizen_on = rec->date;
        break;
    case SC_RS_LPR:
        if (rec->date < out->lpr_on)
            out->lpr_on = rec->date;
        if (rec->date > *last_lawful)
            *last_lawful = rec->date;
        break;
    case SC_RS_TEMPORARY:
        if (rec->until >= on && rec->date > *last_lawful)
            *last_lawful = rec->date;
        break;
    case SC_RS_ORDERED:
    case SC_RS_REMOVED:
        if (rec->date > *last_order)
            *last_order = rec->date;
        break;
    default:
        break;
    }
}

static int in_file(int registry)
{
    return registry == SC_REG_AFILE || registry == SC_REG_BENEFIT ||
           registry == SC_REG_ENFORCE;
}

/* The paper file of `anum` on the registries as ov changes them (NULL:
 * as they are). */
static void read_afile(const sc_params *p, const sc_registries *reg,
                       const sc_review_overlay *ov, uint32_t anum,
                       sc_date on, sc_afile *out)
{
    sc_date last_lawful = INT32_MIN, last_order = INT32_MIN;
    size_t i;
    int r;

    memset(out, 0, sizeof *out);
    out->citizen_on = out->lpr_on = SC_DATE_NEVER;
    if (anum == 0)
        return;
    for (r = 0; r < SC_REG_COUNT; r++) {
        const uint32_t *ids;
        size_t n;

        if (!in_file(r))
            continue;
        sc_registries_by_anum(reg, r, anum, &ids, &n);
        for (i = 0; i < n; i++)
            if (!ov || !sc_review_overlay_hides(ov, r, ids[i]))
                read_doc(p, ov, sc_registries_record(reg, r, ids[i]), on,
                         out, &last_lawful, &last_order);
    }
    for (i = 0; ov && i < ov->n_added; i++)
        if (in_file(ov->added[i].registry) && ov->added[i].anum == anum)
            read_doc(p, ov, &ov->added[i], on, out, &last_lawful,
                     &last_order);
    out->found = (uint8_t)(out->docs > 0);
    out->lawful = (uint8_t)(last_lawful > INT32_MIN &&
                            last_lawful >= last_order);
    if (out->found &&
        ((ov && ov->afile_complete) || !lost(p, TAG_PARENTS, anum, 0)))
        sc_registries_afile_parents(reg, anum, out->parents);
}

void sc_officer_read_afile(const sc_params *p, const sc_registries *reg,
                           uint32_t anum, sc_date on, sc_afile *out)
{
    read_afile(p, reg, NULL, anum, on, out);
}

static sc_date eighteenth(sc_date dob)
{
    int y, m, d;

    sc_date_to_ymd(dob, &y, &m, &d);
    if (m == 2 && d == 29)
        d = 28;
    return sc_date_from_ymd(y + 18, m, d);
}

/* The derivation screen of the header comment on the person's file f. */
static int may_have_derived(const sc_params *p, const sc_registries *reg,
                            const sc_review_overlay *ov, const sc_afile *f,
                            sc_date dob, sc_date on)
{
    sc_date adult = eighteenth(dob);
    int k;

    if (f->lpr_on >= adult)
        return 0;
    for (k = 0; k < 2; k++) {
        sc_afile pf;

        if (f->parents[k] == 0)
            continue;
        read_afile(p, reg, ov, f->parents[k], on, &pf);
        if (pf.citizen && pf.citizen_on < adult)
            return 1;
    }
    return 0;
}

static void add_anum(uint32_t *set, size_t *n, uint32_t anum)
{
    size_t i;

    if (anum == 0 || *n == FILES_MAX)
        return;
    for (i = 0; i < *n; i++)
        if (set[i] == anum)
            return;
    set[(*n)++] = anum;
}

void sc_officer_review(const sc_params *p, const sc_registries *reg,
                       const sc_booking *b, const sc_statement *st,
                       sc_evidence *ev)
{
    sc_officer_review_with(p, reg, NULL, b, st, ev);
}

void sc_officer_review_with(const sc_params *p, const sc_registries *reg,
                            const sc_review_overlay *ov,
                            const sc_booking *b, const sc_statement *st,
                            sc_evidence *ev)
{
    uint32_t files[FILES_MAX];
    size_t n = 0, i;
    int own_citizen = 0, own_derived = 0;

    if (!ev->queried)
        return;
    ev->heard = 1;
    /* Papers are shown for a claim that rests on them: a naturalization
     * or derivation.  A claim of birth here, true or false, or of birth
     * abroad to a citizen parent, rests on records outside DHS. */
    if (st && st->claims && (st->basis == SC_CLAIM_NATURALIZED ||
                             st->basis == SC_CLAIM_DERIVED))
        add_anum(files, &n, st->anum);
    for (i = 0; i < ev->n; i++) {
        const sc_evidence_item *it = &ev->items[i];
        const sc_record *rec =
            it->added ? (ov && it->record < ov->n_added
                             ? &ov->added[it->record] : NULL)
                      : sc_registries_record(reg, it->registry, it->record);

        if (rec)
            add_anum(files, &n, rec->anum);
    }

    for (i = 0; i < n; i++) {
        sc_afile f;
        int derived;

        read_afile(p, reg, ov, files[i], b->date, &f);
        if (!f.found)
            continue;
        ev->afile_read = 1;
        if (f.citizen)
            ev->afile_citizen = 1;
        if (f.lawful)
            ev->afile_lawful = 1;
        derived = may_have_derived(p, reg, ov, &f, b->dob, b->date);
        if (derived)
            ev->parent_citizen = 1;
        if (st && files[i] == st->anum) {
            own_citizen = f.citizen;
            own_derived = derived;
        }
    }

    if (!st || !st->claims)
        return;
    ev->claims = 1;
    ev->claim_basis = st->basis;
    switch (st->basis) {
    case SC_CLAIM_US_BIRTH:
        ev->claim_verified = st->birth_record;
        break;
    case SC_CLAIM_NATURALIZED:
        ev->claim_verified = (uint8_t)own_citizen;
        break;
    case SC_CLAIM_DERIVED:
        ev->claim_verified = (uint8_t)(own_citizen || own_derived);
        break;
    case SC_CLAIM_ACQUIRED:
        ev->claim_verified = st->state_record;
        break;
    default:
        break;
    }
}
