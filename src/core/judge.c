/*
 * judge.c - every booking's query and detainer against the truth.
 *
 * The verdict compares the decision with the person's true status on the
 * booking day (sc_world_truth_on).  A wrongful detainer then gets one
 * cause, the first of an ordered list that applies (docs/pipeline.md says
 * why this order):
 *
 *   false biometric hit, derived citizenship unrecorded, acquired
 *   citizenship unrecorded, birthplace wrongly written at booking, a
 *   record showing a better status that the search missed (or that was
 *   filed under another A-number), naturalization not posted, adjustment
 *   not posted, a stale IDENT status, other.
 *
 * Causes are read from the records of the true person.  The registries
 * have no per-person index (registry.h), so the judge gathers them the way
 * an investigator with the answer key would: from the person's enrolled
 * FIN, the search keys of the person's true names and date of birth, and
 * the evidence, following every A-number and FIN of a record truly about
 * the person until nothing new turns up.  A record of the person that none
 * of these paths reaches (a typed-over name, no identifier) is invisible to
 * the judge as well; docs/pipeline.md notes the limit.
 *
 * Data: a bounded scratch set on the stack.  Workload: the verdict is a
 * few comparisons per booking; the record gathering runs only for wrongful
 * detainers (a small share of bookings).
 */
#include <string.h>

#include "scomm/judge.h"

#define MINE_MAX 256
#define IDS_MAX 64

typedef struct ref {
    uint32_t record;
    uint8_t registry;
} ref;

/* The records truly about one person, and the identifiers they carry. */
typedef struct mine {
    const sc_registries *reg;
    uint32_t person;
    size_t n, n_anums, n_fins;
    ref recs[MINE_MAX];
    uint32_t anums[IDS_MAX];
    uint32_t fins[IDS_MAX];
} mine;

static const char *const verdict_names[SC_V_COUNT] = {
    [SC_V_NO_QUERY] = "no_query",
    [SC_V_CLEARED] = "cleared",
    [SC_V_MISSED] = "missed",
    [SC_V_SUPPORTED] = "supported",
    [SC_V_WRONG_CITIZEN] = "wrong_citizen",
    [SC_V_WRONG_LAWFUL] = "wrong_lawful",
    [SC_V_WRONG_OTHER] = "wrong_other",
};

static const char *const cause_names[SC_CAUSE_COUNT] = {
    [SC_CAUSE_NONE] = "none",
    [SC_CAUSE_NATURALIZATION_NOT_POSTED] = "naturalization_not_posted",
    [SC_CAUSE_DERIVED_UNRECORDED] = "derived_unrecorded",
    [SC_CAUSE_ACQUIRED_UNRECORDED] = "acquired_unrecorded",
    [SC_CAUSE_ADJUSTMENT_NOT_POSTED] = "adjustment_not_posted",
    [SC_CAUSE_STALE_IDENT_STATUS] = "stale_ident_status",
    [SC_CAUSE_FALSE_BIOMETRIC_HIT] = "false_biometric_hit",
    [SC_CAUSE_RECORD_MISSED] = "record_missed",
    [SC_CAUSE_MISATTACHED_RECORD] = "misattached_record",
    [SC_CAUSE_POB_WRONG] = "pob_wrong",
    [SC_CAUSE_OTHER] = "other",
};

const char *sc_verdict_name(int verdict)
{
    if (verdict < 0 || verdict >= SC_V_COUNT)
        return "?";
    return verdict_names[verdict];
}

const char *sc_cause_name(int cause)
{
    if (cause < 0 || cause >= SC_CAUSE_COUNT)
        return "?";
    return cause_names[cause];
}

static int add_id(uint32_t *set, size_t *n, uint32_t id)
{
    size_t i;

    if (id == 0)
        return 0;
    for (i = 0; i < *n; i++)
        if (set[i] == id)
            return 0;
    if (*n == IDS_MAX)
        return 0;
    set[(*n)++] = id;
    return 1;
}

/* Keeps the record if it is truly about the person. */
static void consider(mine *m, int registry, uint32_t id)
{
    const sc_record *rec;
    size_t i;

    if (sc_registries_subject(m->reg, registry, id) != m->person)
        return;
    for (i = 0; i < m->n; i++)
        if (m->recs[i].record == id && m->recs[i].registry == registry)
            return;
    if (m->n == MINE_MAX)
        return;
    m->recs[m->n].record = id;
    m->recs[m->n].registry = (uint8_t)registry;
    m->n++;
    rec = sc_registries_record(m->reg, registry, id);
    add_id(m->anums, &m->n_anums, rec->anum);
    add_id(m->fins, &m->n_fins, rec->fin);
}

static void consider_key(mine *m, uint64_t key)
{
    int reg;

    for (reg = 0; reg < SC_REG_COUNT; reg++) {
        const uint32_t *ids;
        size_t n, i;

        sc_registries_by_key(m->reg, reg, key, &ids, &n);
        for (i = 0; i < n; i++)
            consider(m, reg, ids[i]);
    }
}

static void consider_name(mine *m, const sc_name *nm, sc_date dob)
{
    char given[SC_NAME_MAX], family[SC_NAME_MAX];

    sc_name_format(nm, given, family);
    if (family[0])
        consider_key(m, sc_search_key(family, dob));
    if (given[0])
        consider_key(m, sc_search_key(given, dob));
}

/* Gathers the person's records: seeds, then the closure over the
 * A-numbers and FINs those records carry. */
static void gather(mine *m, const sc_world *w, const sc_booking *b,
                   const sc_evidence *ev)
{
    const sc_person *p = sc_world_person(w, b->person);
    size_t a = 0, f = 0, i;
    sc_name now;

    if (ev)
        for (i = 0; i < ev->n; i++)
            consider(m, ev->items[i].registry, ev->items[i].record);
    add_id(m->fins, &m->n_fins,
           sc_registries_fin_of_person(m->reg, b->person));
    consider_name(m, &p->name, p->birth);
    sc_world_name_on(w, b->person, b->date, &now);
    if (now.given != p->name.given || now.family1 != p->name.family1 ||
        now.family2 != p->name.family2)
        consider_name(m, &now, p->birth);

    while (a < m->n_anums || f < m->n_fins) {
        const uint32_t *ids;
        size_t n;
        int reg;

        if (a < m->n_anums) {
            uint32_t anum = m->anums[a++];

            for (reg = 0; reg < SC_REG_COUNT; reg++) {
                sc_registries_by_anum(m->reg, reg, anum, &ids, &n);
                for (i = 0; i < n; i++)
                    consider(m, reg, ids[i]);
            }
        } else {
            uint32_t fin = m->fins[f++];

            for (reg = 0; reg < SC_REG_COUNT; reg++) {
                sc_registries_by_fin(m->reg, reg, fin, &ids, &n);
                for (i = 0; i < n; i++)
                    consider(m, reg, ids[i]);
            }
        }
    }
}

static int in_evidence(const sc_evidence *ev, int registry, uint32_t id)
{
    size_t i;

    if (!ev)
        return 0;
    for (i = 0; i < ev->n; i++)
        if (ev->items[i].registry == registry && ev->items[i].record == id)
            return 1;
    return 0;
}

/* Rank of a recorded status on date `on`, in the order of review.h. */
static int record_rank(const sc_record *rec, sc_date on)
{
    switch (rec->status) {
    case SC_RS_CITIZEN:
        return 5;
    case SC_RS_LPR:
        return 4;
    case SC_RS_TEMPORARY:
        return rec->until >= on ? 3 : 1;
    case SC_RS_ORDERED:
    case SC_RS_REMOVED:
        return 2;
    case SC_RS_NO_STATUS:
        return 1;
    default:
        return 0;
    }
}

static int evidence_rank(int status)
{
    switch (status) {
    case SC_RS_CITIZEN:
        return 5;
    case SC_RS_LPR:
        return 4;
    case SC_RS_TEMPORARY:
        return 3;
    case SC_RS_ORDERED:
        return 2;
    case SC_RS_NO_STATUS:
        return 1;
    default:
        return 0;
    }
}

/* The rank a correct record of the true status would have. */
static int truth_rank(const sc_truth *t)
{
    if (t->citizen)
        return 5;
    if (t->status == SC_ST_LPR)
        return 4;
    if (t->status == SC_ST_TEMPORARY)
        return 3;
    return 1;
}

/* The person an A-number belongs to: the subject of the IDENT encounters
 * filed under it (encounters are never refiled), else the subject of a
 * strict majority of the records under it; SC_NONE when nobody can tell.
 * A record of the person filed under an A-number owned by someone else
 * was misattached. */
static uint32_t anum_owner(const sc_registries *reg, uint32_t anum)
{
    uint32_t subj[IDS_MAX];
    unsigned cnt[IDS_MAX];
    size_t k = 0, total = 0, i, j;
    int r;

    for (r = 0; r < SC_REG_COUNT; r++) {
        const uint32_t *ids;
        size_t n;

        sc_registries_by_anum(reg, r, anum, &ids, &n);
        if (r == SC_REG_IDENT && n > 0)
            return sc_registries_subject(reg, r, ids[0]);
        for (i = 0; i < n; i++) {
            uint32_t s = sc_registries_subject(reg, r, ids[i]);

            total++;
            for (j = 0; j < k && subj[j] != s; j++)
                ;
            if (j == k) {
                if (k == IDS_MAX)
                    continue;
                subj[k] = s;
                cnt[k++] = 0;
            }
            cnt[j]++;
        }
    }
    for (j = 0; j < k; j++)
        if (2 * cnt[j] > total)
            return subj[j];
    return SC_NONE;
}

static int cause_of(const sc_world *w, const sc_registries *reg,
                    const sc_booking *b, const sc_evidence *ev,
                    const sc_truth *t, int false_hit)
{
    const sc_person *p = sc_world_person(w, b->person);
    int ev_rank = ev && ev->queried ? evidence_rank(ev->status) : 0;
    int citizen_rec = 0, lpr_rec = 0, missed = 0, misfiled = 0, stale = 0;
    int true_rank = truth_rank(t);
    mine m;
    size_t i;

    if (false_hit)
        return SC_CAUSE_FALSE_BIOMETRIC_HIT;

    m.reg = reg;
    m.person = b->person;
    m.n = m.n_anums = m.n_fins = 0;
    gather(&m, w, b, ev);

    for (i = 0; i < m.n; i++) {
        const sc_record *rec =
            sc_registries_record(reg, m.recs[i].registry, m.recs[i].record);
        int rank;

        if (rec->posted > b->date)
            continue;
        rank = record_rank(rec, b->date);
        if (rec->status == SC_RS_CITIZEN || rec->kind == SC_REC_N600)
            citizen_rec = 1;
        if (rec->status == SC_RS_LPR)
            lpr_rec = 1;
        if (rank >= 3 && rank > ev_rank &&
            !in_evidence(ev, m.recs[i].registry, m.recs[i].record)) {
            uint32_t owner =
                rec->anum != 0 ? anum_owner(reg, rec->anum) : SC_NONE;

            if (owner != SC_NONE && owner != b->person)
                misfiled = 1;
            else
                missed = 1;
        }
        if (m.recs[i].registry == SC_REG_IDENT && rank >= 1 &&
            rank < true_rank && rank <= 4 &&
            in_evidence(ev, m.recs[i].registry, m.recs[i].record))
            stale = 1;
    }

    if (t->status == SC_ST_DERIVED && !citizen_rec)
        return SC_CAUSE_DERIVED_UNRECORDED;
    if (t->status == SC_ST_ACQUIRED && !citizen_rec)
        return SC_CAUSE_ACQUIRED_UNRECORDED;
    if (p->birth_kind == SC_BIRTH_US && b->pob_how == SC_POB_ASSUMED)
        return SC_CAUSE_POB_WRONG;
    if (missed)
        return SC_CAUSE_RECORD_MISSED;
    if (misfiled)
        return SC_CAUSE_MISATTACHED_RECORD;
    if (t->status == SC_ST_NATURALIZED && !citizen_rec)
        return SC_CAUSE_NATURALIZATION_NOT_POSTED;
    if (t->status == SC_ST_LPR && !lpr_rec)
        return SC_CAUSE_ADJUSTMENT_NOT_POSTED;
    if (stale)
        return SC_CAUSE_STALE_IDENT_STATUS;
    return SC_CAUSE_OTHER;
}

void sc_judge(const sc_world *w, const sc_registries *reg,
              const sc_booking *b, const sc_ident_result *ident,
              const sc_evidence *ev, const sc_decision *d,
              sc_judgement *out)
{
    int queried = ev && ev->queried;
    int detainer = d && d->detainer;
    sc_truth t;

    memset(out, 0, sizeof *out);
    sc_world_truth_on(w, b->person, b->date, &t);
    out->true_status = t.status;
    out->removable = t.removable;
    out->false_hit = (uint8_t)(ident && ident->hit &&
                               ident->fin != sc_registries_fin_of_person(
                                                 reg, b->person));

    if (!detainer) {
        if (t.removable)
            out->verdict = SC_V_MISSED;
        else
            out->verdict = queried ? SC_V_CLEARED : SC_V_NO_QUERY;
        return;
    }
    if (t.removable) {
        out->verdict = SC_V_SUPPORTED;
        return;
    }
    if (t.citizen)
        out->verdict = SC_V_WRONG_CITIZEN;
    else if (t.lawful)
        out->verdict = SC_V_WRONG_LAWFUL;
    else
        out->verdict = SC_V_WRONG_OTHER;
    out->cause = (uint8_t)cause_of(w, reg, b, ev, &t, out->false_hit);
}
