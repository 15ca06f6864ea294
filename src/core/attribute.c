/*
 * attribute.c - the causes of a wrongful detainer, found by re-running
 * the case with each error source removed (attribute.h).
 *
 * What removing each source does (the judge reads the truth to do it):
 *
 *   pob_wrong               the booking's birthplace becomes the true one
 *   booking_typo            the booking's name and date of birth become
 *                           the name in use that day and the true date
 *   false_biometric_hit     IDENT returns the person's own FIN if the
 *                           prints are enrolled, else no hit
 *   derived_unrecorded,     a citizenship record as an N-600 writes it
 *   acquired_unrecorded     (benefit system, and the A-file under the
 *                           person's A-number if any), dated the day
 *                           citizenship began, in the name in use and
 *                           the true date of birth of the booking day
 *   record_omitted          an A-file entry for each event before the
 *                           booking that should have left one (an
 *                           immigrant or refugee entry, an order, a
 *                           removal) and left none
 *   naturalization_not_     the person's records dated on or before the
 *   posted, adjustment_not_ booking but posted after it (or never) are
 *   posted, record_not_     posted on their date: citizen records of a
 *   posted                  naturalized person, LPR records, the others
 *   misattached_record      the person's records filed under an A-number
 *                           someone else owns go back under the
 *                           person's own; others' records filed under
 *                           the person's A-number are removed
 *   record_typo             records typed with noise get the name in use
 *                           on their date and the true date of birth
 *   stale_ident_status      the person's IDENT encounters state the
 *                           status true on the booking day
 *   namesake                the name search attaches no record of
 *                           another person
 *   record_missed           every visible record of the person is found
 *                           (a perfect identity resolution)
 *   afile_page_missing      no page is missing from the paper A-files the
 *                           officer reads (officer.h)
 *   birth_record_missing    state vital records hold the person's U.S.
 *                           birth
 *   state_record_missing    the State Department holds a record of the
 *                           person's citizenship from birth abroad
 *
 * A source is present when its removal changes the case (the booking,
 * the IDENT result, or the records the overlay changes); namesake and
 * record_missed are present when the review attached another person's
 * record by name, or missed a visible record of the person; the
 * officer's three are present when the officer's findings, re-read with
 * the source removed, change (they matter only to policies that read
 * them, and only for bookings the officer heard).
 *
 * The person's records are every record whose true subject is the
 * person (sc_attribute_records; the sim finds those of all wrongly
 * detained persons in one scan of the registries), so a record typed
 * beyond recognition and filed under a stranger's A-number is still the
 * judge's to correct.
 *
 * Data: one heap block per call (an overlay and its origins, some
 * 30 KB).  Workload: only wrongful detainers, about a
 * hundred a 1:100 run; each costs one re-run per present source and at
 * most as many again, a re-run being one review (one name query) and one
 * policy decision.
 */
#include <stdlib.h>
#include <string.h>

#include "scomm/attribute.h"
#include "scomm/officer.h"

#define IDS_MAX 64

/* Precedence: the order in which the case meets the errors. */
static const uint8_t precedence[] = {
    SC_CAUSE_POB_WRONG,
    SC_CAUSE_BOOKING_TYPO,
    SC_CAUSE_FALSE_BIOMETRIC_HIT,
    SC_CAUSE_DERIVED_UNRECORDED,
    SC_CAUSE_ACQUIRED_UNRECORDED,
    SC_CAUSE_RECORD_OMITTED,
    SC_CAUSE_NATURALIZATION_NOT_POSTED,
    SC_CAUSE_ADJUSTMENT_NOT_POSTED,
    SC_CAUSE_RECORD_NOT_POSTED,
    SC_CAUSE_MISATTACHED_RECORD,
    SC_CAUSE_RECORD_TYPO,
    SC_CAUSE_STALE_IDENT_STATUS,
    SC_CAUSE_NAMESAKE,
    SC_CAUSE_RECORD_MISSED,
    SC_CAUSE_AFILE_PAGE_MISSING,
    SC_CAUSE_BIRTH_RECORD_MISSING,
    SC_CAUSE_STATE_RECORD_MISSING,
};

#define N_SOURCES (sizeof precedence / sizeof precedence[0])

_Static_assert(N_SOURCES == SC_CAUSE_COUNT - 2,
               "every cause but none and other is a source");
_Static_assert(SC_CAUSE_COUNT <= 32, "causes must fit a uint32_t mask");

int sc_cause_precedence(size_t i)
{
    return i < N_SOURCES ? precedence[i] : SC_CAUSE_NONE;
}

/* The records truly about the person, and the A-numbers they carry. */
typedef struct mine {
    const sc_review_ref *recs;
    size_t n, n_anums;
    uint32_t anums[IDS_MAX];
} mine;

/* One case and what the judge knows of it. */
typedef struct acase {
    const sc_params *p;
    const sc_world *w;
    const sc_registries *reg;
    const sc_booking *b;
    const sc_ident_result *ident;
    const sc_evidence *ev;
    const sc_person *ps;
    sc_truth t;
    uint32_t own_fin;     /* the FIN the prints are enrolled under */
    uint32_t own_anum;    /* an A-number the person owns, or 0 */
    uint8_t true_rs;      /* enum sc_rec_status true on the booking day */
    sc_date true_until;   /* its end of stay when temporary */
    mine m;
} acase;

/* A re-run's inputs as they are being built. */
typedef struct work {
    acase c;
    sc_booking b;
    sc_ident_result ident;
    sc_review_overlay ov;
    /* added[k] replaces origin[k]; registry SC_REG_COUNT: a new record */
    sc_review_ref origin[SC_OVERLAY_MAX];
} work;

/* ---- the person's records ---- */

int sc_attribute_records(const sc_registries *reg, uint32_t person,
                         sc_review_ref **out, size_t *n)
{
    size_t cap = 0, k = 0, id, cnt;
    sc_review_ref *v = NULL;
    int r;

    for (r = 0; r < SC_REG_COUNT; r++) {
        cnt = sc_registries_count(reg, r);
        for (id = 0; id < cnt; id++) {
            if (sc_registries_subject(reg, r, (uint32_t)id) != person)
                continue;
            if (k == cap) {
                size_t nc = cap ? 2 * cap : 16;
                sc_review_ref *nv = realloc(v, nc * sizeof *nv);

                if (!nv) {
                    free(v);
                    *out = NULL;
                    *n = 0;
                    return SC_ENOMEM;
                }
                v = nv;
                cap = nc;
            }
            v[k].registry = (uint8_t)r;
            v[k].record = (uint32_t)id;
            k++;
        }
    }
    *out = v;
    *n = k;
    return 0;
}

static void note_anums(mine *m, const sc_registries *reg)
{
    size_t i, k;

    m->n_anums = 0;
    for (i = 0; i < m->n; i++) {
        uint32_t a = sc_registries_record(reg, m->recs[i].registry,
                                          m->recs[i].record)->anum;

        if (a == 0)
            continue;
        for (k = 0; k < m->n_anums && m->anums[k] != a; k++)
            ;
        if (k == m->n_anums && k < IDS_MAX)
            m->anums[m->n_anums++] = a;
    }
}

/* The person an A-number belongs to: the person it was issued to, as the
 * registries know (sc_registries_anum_owner); for hand-made registries
 * that do not say, the subject of the IDENT encounters filed under it
 * (encounters are never refiled), else the subject of a strict majority
 * of the records under it; SC_NONE when nobody can tell.  A record of
 * the person filed under an A-number owned by someone else was
 * misattached. */
static uint32_t anum_owner(const sc_registries *reg, uint32_t anum)
{
    uint32_t issued = sc_registries_anum_owner(reg, anum);
    uint32_t subj[IDS_MAX];
    unsigned cnt[IDS_MAX];
    size_t k = 0, total = 0, i, j;
    int r;

    if (issued != SC_NONE)
        return issued;
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

static const sc_record *rec_of(const acase *c, size_t i)
{
    return sc_registries_record(c->reg, c->m.recs[i].registry,
                                c->m.recs[i].record);
}

/* Records dated after the booking cannot be part of the case. */
static int relevant(const acase *c, const sc_record *rec)
{
    return rec->date <= c->b->date;
}

static int misfiled(const acase *c, const sc_record *rec)
{
    uint32_t owner;

    if (!relevant(c, rec) || rec->anum == 0 || rec->anum == c->own_anum)
        return 0;
    owner = anum_owner(c->reg, rec->anum);
    return owner != SC_NONE && owner != c->b->person;
}

/* The not-posted source a record belongs to, or SC_CAUSE_NONE. */
static int not_posted(const acase *c, const sc_record *rec)
{
    if (!relevant(c, rec) || rec->posted <= c->b->date)
        return SC_CAUSE_NONE;
    if (rec->status == SC_RS_CITIZEN && c->t.status == SC_ST_NATURALIZED)
        return SC_CAUSE_NATURALIZATION_NOT_POSTED;
    if (rec->status == SC_RS_LPR)
        return SC_CAUSE_ADJUSTMENT_NOT_POSTED;
    return SC_CAUSE_RECORD_NOT_POSTED;
}

static int stale(const acase *c, const sc_record *rec)
{
    return rec->registry == SC_REG_IDENT && relevant(c, rec) &&
           (rec->status != c->true_rs ||
            (rec->status == SC_RS_TEMPORARY && rec->until != c->true_until));
}

/* The status a correct record would state on the booking day. */
static void true_record_status(acase *c)
{
    const sc_event *ev;
    size_t n, i;

    c->true_until = SC_DATE_NEVER;
    if (c->t.citizen) {
        c->true_rs = SC_RS_CITIZEN;
        return;
    }
    if (c->t.has_order) {
        c->true_rs = SC_RS_ORDERED;
        return;
    }
    switch (c->t.status) {
    case SC_ST_LPR:
        c->true_rs = SC_RS_LPR;
        break;
    case SC_ST_TEMPORARY:
        c->true_rs = SC_RS_TEMPORARY;
        ev = sc_world_events(c->w, c->b->person, &n);
        for (i = 0; i < n && ev[i].date <= c->b->date; i++)
            if (ev[i].kind == SC_EV_ENTRY)
                c->true_until = ev[i].until;
        break;
    case SC_ST_OVERSTAY:
    case SC_ST_EWI:
        c->true_rs = SC_RS_NO_STATUS;
        break;
    default:
        c->true_rs = SC_RS_NONE;
        break;
    }
}

/* The A-number issued to the person; for hand-made registries that do
 * not say, the first A-number among the person's records that the person
 * owns. */
static uint32_t own_anum(const acase *c)
{
    uint32_t issued = sc_registries_anum_of_person(c->reg, c->b->person);
    size_t i;

    if (issued != 0)
        return issued;
    for (i = 0; i < c->m.n_anums; i++)
        if (anum_owner(c->reg, c->m.anums[i]) == c->b->person)
            return c->m.anums[i];
    return 0;
}

static int in_evidence(const sc_evidence *ev, int registry, uint32_t id)
{
    size_t i;

    for (i = 0; ev && i < ev->n; i++)
        if (!ev->items[i].added && ev->items[i].registry == registry &&
            ev->items[i].record == id)
            return 1;
    return 0;
}

/* The A-file status an event should have left, or SC_RS_COUNT for an
 * event that leaves none. */
static int afile_status_of(const sc_event *e, sc_date *until)
{
    *until = SC_DATE_NEVER;
    switch (e->kind) {
    case SC_EV_ENTRY:
        if (e->cls == SC_CLASS_IMMIGRANT)
            return SC_RS_LPR;
        if (e->cls == SC_CLASS_REFUGEE) {
            *until = e->until;
            return SC_RS_TEMPORARY;
        }
        return SC_RS_COUNT;
    case SC_EV_ORDER:
        return SC_RS_ORDERED;
    case SC_EV_REMOVAL:
        return SC_RS_REMOVED;
    default:
        return SC_RS_COUNT;
    }
}

static int has_afile(const acase *c, sc_date date, int status)
{
    size_t i;

    for (i = 0; i < c->m.n; i++) {
        const sc_record *rec = rec_of(c, i);

        if (rec->registry == SC_REG_AFILE && rec->date == date &&
            rec->status == status)
            return 1;
    }
    return 0;
}

static int has_citizen_record(const acase *c)
{
    size_t i;

    for (i = 0; i < c->m.n; i++) {
        const sc_record *rec = rec_of(c, i);

        if (relevant(c, rec) &&
            (rec->status == SC_RS_CITIZEN || rec->kind == SC_REC_N600))
            return 1;
    }
    return 0;
}

/* ---- building a re-run ---- */

static void true_name(const acase *c, sc_date on, char *given, char *family)
{
    sc_name nm;

    sc_world_name_on(c->w, c->b->person, on, &nm);
    sc_name_format(&nm, given, family);
}

/* The overlay copy of record r, made on first use (the original is
 * hidden); NULL when the overlay is full. */
static sc_record *edit(work *x, sc_review_ref r)
{
    sc_review_overlay *ov = &x->ov;
    size_t k;

    for (k = 0; k < ov->n_added; k++)
        if (x->origin[k].registry == r.registry &&
            x->origin[k].record == r.record)
            return &ov->added[k];
    if (ov->n_added == SC_OVERLAY_MAX || ov->n_hidden == SC_OVERLAY_MAX) {
        ov->overflow = 1;
        return NULL;
    }
    ov->hidden[ov->n_hidden++] = r;
    x->origin[ov->n_added] = r;
    ov->added[ov->n_added] =
        *sc_registries_record(x->c.reg, r.registry, r.record);
    return &ov->added[ov->n_added++];
}

/* A new record of the person, in the true name and date of birth of
 * `name_on`; NULL when the overlay is full. */
static sc_record *add_new(work *x, int registry, int kind, int status,
                          sc_date date, sc_date name_on)
{
    sc_review_overlay *ov = &x->ov;
    const acase *c = &x->c;
    sc_record *rec;

    if (ov->n_added == SC_OVERLAY_MAX) {
        ov->overflow = 1;
        return NULL;
    }
    x->origin[ov->n_added].registry = SC_REG_COUNT;
    x->origin[ov->n_added].record = SC_NONE;
    rec = &ov->added[ov->n_added++];
    memset(rec, 0, sizeof *rec);
    rec->date = rec->posted = date;
    rec->until = SC_DATE_NEVER;
    rec->dob = c->ps->birth;
    rec->anum = c->own_anum;
    rec->cob = c->ps->birth_country;
    rec->registry = (uint8_t)registry;
    rec->kind = (uint8_t)kind;
    rec->status = (uint8_t)status;
    rec->female = c->ps->female;
    true_name(c, name_on, rec->given, rec->family);
    return rec;
}

static void hide(work *x, sc_review_ref r)
{
    sc_review_overlay *ov = &x->ov;

    if (sc_review_overlay_hides(ov, r.registry, r.record))
        return;
    if (ov->n_hidden == SC_OVERLAY_MAX) {
        ov->overflow = 1;
        return;
    }
    ov->hidden[ov->n_hidden++] = r;
}

/* The name search keeps only the person's own records. */
static int keep_own(void *ud, int registry, uint32_t id)
{
    const acase *c = ud;

    return sc_registries_subject(c->reg, registry, id) == c->b->person;
}

static void remove_misattachment(work *x)
{
    const acase *c = &x->c;
    size_t i, n, k;
    int r;

    for (i = 0; i < c->m.n; i++) {
        sc_record *rec;

        if (!misfiled(c, rec_of(c, i)))
            continue;
        if ((rec = edit(x, c->m.recs[i])) != NULL)
            rec->anum = c->own_anum;
    }
    if (c->own_anum == 0)
        return;
    for (r = 0; r < SC_REG_COUNT; r++) {
        const uint32_t *ids;

        sc_registries_by_anum(c->reg, r, c->own_anum, &ids, &n);
        for (k = 0; k < n; k++) {
            sc_review_ref ref;

            if (sc_registries_subject(c->reg, r, ids[k]) == c->b->person)
                continue;
            ref.registry = (uint8_t)r;
            ref.record = ids[k];
            hide(x, ref);
        }
    }
}

static void add_citizenship(work *x)
{
    const acase *c = &x->c;
    const sc_event *ev;
    sc_date from = c->ps->birth;
    size_t n, i;

    ev = sc_world_events(c->w, c->b->person, &n);
    for (i = 0; i < n && ev[i].date <= c->b->date; i++)
        if (ev[i].kind == SC_EV_DERIVE)
            from = ev[i].date;
    add_new(x, SC_REG_BENEFIT, SC_REC_N600, SC_RS_CITIZEN, from,
            c->b->date);
    if (c->own_anum != 0)
        add_new(x, SC_REG_AFILE, SC_REC_AFILE, SC_RS_CITIZEN, from,
                c->b->date);
}

static void add_omitted(work *x)
{
    const acase *c = &x->c;
    const sc_event *ev;
    size_t n, i;

    ev = sc_world_events(c->w, c->b->person, &n);
    for (i = 0; i < n && ev[i].date <= c->b->date; i++) {
        sc_date until;
        int st = afile_status_of(&ev[i], &until);
        sc_record *rec;

        if (st == SC_RS_COUNT || has_afile(c, ev[i].date, st))
            continue;
        rec = add_new(x, SC_REG_AFILE, SC_REC_AFILE, st, ev[i].date,
                      ev[i].date);
        if (rec) {
            rec->until = until;
            rec->cls = ev[i].cls;
        }
    }
}

static void remove_source(work *x, int cause)
{
    const acase *c = &x->c;
    size_t i;

    switch (cause) {
    case SC_CAUSE_POB_WRONG:
        if (c->b->pob_how == SC_POB_ASSUMED) {
            x->b.pob = c->ps->birth_country;
            x->b.pob_how = SC_POB_REPORTED;
        }
        return;
    case SC_CAUSE_BOOKING_TYPO:
        if (c->b->noise) {
            true_name(c, c->b->date, x->b.given, x->b.family);
            x->b.dob = c->ps->birth;
        }
        return;
    case SC_CAUSE_FALSE_BIOMETRIC_HIT:
        if (c->ident->hit && c->ident->fin != c->own_fin) {
            x->ident.hit = c->own_fin != 0;
            x->ident.fin = c->own_fin;
        }
        return;
    case SC_CAUSE_DERIVED_UNRECORDED:
    case SC_CAUSE_ACQUIRED_UNRECORDED:
        if (c->t.status == (cause == SC_CAUSE_DERIVED_UNRECORDED
                                ? SC_ST_DERIVED : SC_ST_ACQUIRED) &&
            !has_citizen_record(c))
            add_citizenship(x);
        return;
    case SC_CAUSE_RECORD_OMITTED:
        add_omitted(x);
        return;
    case SC_CAUSE_MISATTACHED_RECORD:
        remove_misattachment(x);
        return;
    case SC_CAUSE_NAMESAKE:
        x->ov.name_keep = keep_own;
        x->ov.name_ud = (void *)c;
        return;
    case SC_CAUSE_AFILE_PAGE_MISSING:
        x->ov.afile_complete = 1;
        return;
    case SC_CAUSE_BIRTH_RECORD_MISSING:
        x->ov.vital_complete = 1;
        return;
    case SC_CAUSE_STATE_RECORD_MISSING:
        x->ov.state_complete = 1;
        return;
    case SC_CAUSE_RECORD_MISSED:
        for (i = 0; i < c->m.n; i++) {
            if (!relevant(c, rec_of(c, i)))
                continue;
            if (x->ov.n_attach == SC_OVERLAY_MAX) {
                x->ov.overflow = 1;
                break;
            }
            x->ov.attach[x->ov.n_attach++] = c->m.recs[i];
        }
        x->ov.attach_added = 1;
        return;
    default:
        break;
    }
    /* The sources that correct the person's own records one by one. */
    for (i = 0; i < c->m.n; i++) {
        const sc_record *orig = rec_of(c, i);
        sc_record *rec;

        switch (cause) {
        case SC_CAUSE_NATURALIZATION_NOT_POSTED:
        case SC_CAUSE_ADJUSTMENT_NOT_POSTED:
        case SC_CAUSE_RECORD_NOT_POSTED:
            if (not_posted(c, orig) == cause &&
                (rec = edit(x, c->m.recs[i])) != NULL)
                rec->posted = rec->date;
            break;
        case SC_CAUSE_RECORD_TYPO:
            if (relevant(c, orig) && orig->noise &&
                (rec = edit(x, c->m.recs[i])) != NULL) {
                true_name(c, orig->date, rec->given, rec->family);
                rec->dob = c->ps->birth;
                rec->noise = 0;
            }
            break;
        case SC_CAUSE_STALE_IDENT_STATUS:
            if (stale(c, orig) && (rec = edit(x, c->m.recs[i])) != NULL) {
                rec->status = c->true_rs;
                rec->until = c->true_until;
            }
            break;
        default:
            break;
        }
    }
}

/* The case with the sources of `removed` removed, in precedence order. */
static void build(work *x, uint32_t removed)
{
    size_t i;

    x->b = *x->c.b;
    x->ident = *x->c.ident;
    sc_review_overlay_init(&x->ov);
    for (i = 0; i < N_SOURCES; i++)
        if (removed & SC_CAUSE_BIT(precedence[i]))
            remove_source(x, precedence[i]);
}

/* Whether the officer's findings on the case change when the officer's
 * source `cause` is removed: the review as it ran, the officer's review
 * again on the overlay that removes it. */
static int officer_changes(work *x, int cause)
{
    const acase *c = &x->c;
    sc_evidence ev;
    sc_statement st;

    if (!c->ev || !c->ev->heard)
        return 0;
    build(x, SC_CAUSE_BIT(cause));
    ev = *c->ev;
    ev.heard = ev.afile_read = ev.afile_citizen = ev.afile_lawful = 0;
    ev.parent_citizen = ev.claims = ev.claim_verified = ev.claim_basis = 0;
    sc_officer_hear_with(c->p, c->w, c->reg, &x->ov, c->b, &st);
    sc_officer_review_with(c->p, c->reg, &x->ov, c->b, &st, &ev);
    return ev.afile_read != c->ev->afile_read ||
           ev.afile_citizen != c->ev->afile_citizen ||
           ev.afile_lawful != c->ev->afile_lawful ||
           ev.parent_citizen != c->ev->parent_citizen ||
           ev.claim_verified != c->ev->claim_verified;
}

/* Whether source `cause` is present: its removal alone changes the
 * case. */
static int is_present(work *x, int cause)
{
    const acase *c = &x->c;
    size_t i;

    if (cause == SC_CAUSE_NAMESAKE) {
        for (i = 0; c->ev && i < c->ev->n; i++) {
            const sc_evidence_item *it = &c->ev->items[i];

            if (!it->added && it->how == SC_FOUND_NAME_DOB &&
                sc_registries_subject(c->reg, it->registry, it->record) !=
                    c->b->person)
                return 1;
        }
        return 0;
    }
    if (cause == SC_CAUSE_RECORD_MISSED) {
        for (i = 0; i < c->m.n; i++) {
            const sc_record *rec = rec_of(c, i);

            if (relevant(c, rec) && rec->posted <= c->b->date &&
                !in_evidence(c->ev, c->m.recs[i].registry,
                             c->m.recs[i].record))
                return 1;
        }
        return 0;
    }
    if (cause == SC_CAUSE_AFILE_PAGE_MISSING ||
        cause == SC_CAUSE_BIRTH_RECORD_MISSING ||
        cause == SC_CAUSE_STATE_RECORD_MISSING)
        return officer_changes(x, cause);
    build(x, SC_CAUSE_BIT(cause));
    return x->b.pob != c->b->pob || x->b.dob != c->b->dob ||
           strcmp(x->b.given, c->b->given) != 0 ||
           strcmp(x->b.family, c->b->family) != 0 ||
           x->ident.hit != c->ident->hit || x->ident.fin != c->ident->fin ||
           x->ov.n_hidden > 0 || x->ov.n_added > 0;
}

/* Re-runs the case without `removed`; *detainer gets the decision. */
static int rerun(work *x, uint32_t removed, sc_decide_fn decide, void *ud,
                 int *detainer)
{
    sc_decision d;
    int rc;

    build(x, removed);
    memset(&d, 0, sizeof d);
    rc = decide(ud, &x->b, &x->ident, &x->ov, &d);
    *detainer = d.detainer;
    return rc;
}

int sc_attribute(const sc_params *p, const sc_world *w,
                 const sc_registries *reg,
                 const sc_booking *b, const sc_ident_result *ident,
                 const sc_evidence *ev, const sc_review_ref *recs,
                 size_t n_recs, sc_decide_fn decide, void *ud,
                 sc_judgement *j)
{
    static const sc_ident_result no_hit;
    uint32_t present = 0, but_for = 0, cum = 0;
    work *x = malloc(sizeof *x);
    acase *c;
    size_t i;
    int rc = 0, detainer;

    j->cause = SC_CAUSE_OTHER;
    j->contributing = j->present = j->but_for = 0;
    if (!x)
        return SC_ENOMEM;
    c = &x->c;
    memset(c, 0, sizeof *c);
    c->p = p;
    c->w = w;
    c->reg = reg;
    c->b = b;
    c->ident = ident ? ident : &no_hit;
    c->ev = ev;
    c->ps = sc_world_person(w, b->person);
    sc_world_truth_on(w, b->person, b->date, &c->t);
    c->own_fin = sc_registries_fin_of_person(reg, b->person);
    true_record_status(c);
    c->m.recs = recs;
    c->m.n = n_recs;
    note_anums(&c->m, reg);
    c->own_anum = own_anum(c);

    for (i = 0; i < N_SOURCES; i++)
        if (is_present(x, precedence[i]))
            present |= SC_CAUSE_BIT(precedence[i]);
    j->present = present;

    for (i = 0; i < N_SOURCES; i++) {
        uint32_t bit = SC_CAUSE_BIT(precedence[i]);

        if (!(present & bit))
            continue;
        if ((rc = rerun(x, bit, decide, ud, &detainer)) < 0)
            goto out;
        if (!detainer)
            but_for |= bit;
    }
    j->but_for = but_for;

    if (but_for) {
        for (i = 0; i < N_SOURCES; i++)
            if (but_for & SC_CAUSE_BIT(precedence[i]))
                break;
        j->cause = precedence[i];
        j->contributing = but_for & ~SC_CAUSE_BIT(precedence[i]);
        goto out;
    }
    /* No single removal lifts the detainer: remove present sources one
     * after another in precedence order until it goes.  The first
     * present source was just re-run alone, so start with two. */
    for (i = 0; i < N_SOURCES; i++) {
        uint32_t bit = SC_CAUSE_BIT(precedence[i]);

        if (!(present & bit))
            continue;
        if (cum == 0) {
            cum = bit;
            continue;
        }
        cum |= bit;
        if ((rc = rerun(x, cum, decide, ud, &detainer)) < 0)
            goto out;
        if (!detainer) {
            j->cause = precedence[i];
            j->contributing = cum & ~bit;
            break;
        }
    }
out:
    free(x);
    return rc;
}
