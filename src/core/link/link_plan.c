/*
 * link_plan.c - choosing blocking rules when the user gives none.
 *
 * Blocking must keep nearly every true pair while proposing few pairs
 * in all.  A true pair survives a rule unless one of the rule's fields
 * was written differently, so many rules over different fields are
 * safer than one broad rule, and a rule's cost is the number of pairs
 * it proposes: sum over keys of cA * cB (or c (c - 1) / 2).
 *
 * The planner enumerates candidate rules -- every single field (but
 * categories), then every pair of fields, with the keys each kind allows
 * (names: Double Metaphone of the first word, the exact value, the
 * initial, and with the partner name the unordered pair of names and of
 * initials; dates: year and exact value; others: exact) -- and
 * estimates each one's pair count on a random sample of rows, scaled up
 * by the ratio of pair counts.  Then, singles before pairs and cheapest
 * first, it keeps a rule when its pairs fit the rule budget (they are
 * all enumerated) and the pairs it adds to the union of the kept rules
 * -- counted on the sample, pair by pair -- fit what is left of the
 * total budget (they are all compared).  A rule whose pairs a kept rule
 * already proposes (the same fields under equal or more general keys)
 * is skipped; a kept rule that a new one implies is dropped.  The
 * sample is drawn from stream (seed, SC_STAGE_LINK, LINK_STREAM_PLAN).
 *
 * Workload: once per job; a few dozen candidate rules over a sample of
 * at most 100,000 rows a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_int.h"
#include "scomm/rng.h"

#define PLAN_SAMPLE 100000
#define MAX_ATOMS (SC_LINK_FIELDS_MAX * 4)
#define MAX_CANDS (MAX_ATOMS * MAX_ATOMS)

typedef struct atom {
    uint8_t field, key;
} atom;

typedef struct cand {
    sc_link_rule rule;
    int atom[2];
    int general;      /* parts with a general key (metaphone, year) */
    int order;        /* enumeration order, for a stable sort */
    double pairs;     /* estimated */
} cand;

/* A random subset of s of the n rows (partial Fisher-Yates). */
static uint32_t *sample_rows(size_t n, size_t s, sc_rng *r)
{
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);

    if (!idx)
        return NULL;
    for (size_t i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    for (size_t i = 0; i < s && i + 1 < n; i++) {
        size_t j = i + (size_t)sc_rng_below(r, n - i);
        uint32_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
    return idx;
}

/* Each atom's key hash for the sampled rows of one table
 * (h[atom * s + i]; 0 = no key). */
static int atom_hashes(const sc_link_spec *sp, const sc_link_table *t,
                       int side, const uint32_t *rows, size_t s,
                       const atom *atoms, int natoms, uint64_t *h)
{
    size_t ncols = sc_link_table_cols(t);
    const char **row = malloc(ncols * sizeof *row);
    char buf[SC_LINK_FIELDS_MAX][SC_LINK_VALUE_MAX];
    char part[2 * SC_LINK_VALUE_MAX + 2];
    link_rec rec;

    if (!row)
        return SC_ENOMEM;
    for (size_t i = 0; i < s; i++) {
        sc_link_table_row(t, rows[i], row);
        link_prepare_one(sp, side, row, buf, &rec, NULL, NULL);
        for (int a = 0; a < natoms; a++) {
            const sc_link_field *f = &sp->fields[atoms[a].field];
            size_t pl = link_part_key(f->kind, atoms[a].key,
                                      rec.v[atoms[a].field],
                                      f->partner >= 0 ? rec.v[f->partner]
                                                      : NULL,
                                      part, sizeof part);
            h[(size_t)a * s + i] = pl ? link_hash(part, pl) : 0;
        }
    }
    free(row);
    return 0;
}

/* Pairs sharing a key among the sampled rows, scaled to the tables. */
static double estimate(const uint64_t *ha, size_t sa, const uint64_t *hb,
                       size_t sb, int dedupe, double scale, uint64_t *k,
                       uint32_t *v, uint64_t *tk, uint32_t *tv)
{
    size_t m = 0;
    double pairs = 0;

    for (size_t i = 0; i < sa; i++)
        if (ha[i]) {
            k[m] = ha[i];
            v[m++] = 0;
        }
    if (!dedupe)
        for (size_t i = 0; i < sb; i++)
            if (hb[i]) {
                k[m] = hb[i];
                v[m++] = 1;
            }
    link_sort_kv(k, v, m, tk, tv);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        double ca = 0, cb = 0;
        while (j < m && k[j] == k[i]) {
            if (v[j])
                cb++;
            else
                ca++;
            j++;
        }
        pairs += dedupe ? ca * (ca - 1) / 2 : ca * cb;
        i = j;
    }
    return pairs * scale;
}

/* Pairs of the sample that share the candidate's key but no kept rule's
 * key, scaled to the tables: what the candidate would add to the union.
 * Counting stops once it passes `limit`. */
static double marginal(const uint64_t *ka, size_t sa, const uint64_t *kb,
                       size_t sb, int dedupe, double scale,
                       uint64_t *const *kept_a, uint64_t *const *kept_b,
                       int nkept, double limit, uint64_t *k, uint32_t *v,
                       uint64_t *tk, uint32_t *tv)
{
    const uint32_t side_b = 0x80000000u;
    size_t m = 0;
    double count = 0;

    for (size_t i = 0; i < sa; i++)
        if (ka[i]) {
            k[m] = ka[i];
            v[m++] = (uint32_t)i;
        }
    if (!dedupe)
        for (size_t i = 0; i < sb; i++)
            if (kb[i]) {
                k[m] = kb[i];
                v[m++] = (uint32_t)i | side_b;
            }
    link_sort_kv(k, v, m, tk, tv);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && k[j] == k[i])
            j++;
        /* A run holds A's rows first, then B's (the sort is stable). */
        for (size_t x = i; x < j && !(v[x] & side_b); x++) {
            for (size_t y = dedupe ? x + 1 : x + 1; y < j; y++) {
                uint32_t ia = v[x], ib = v[y] & ~side_b;
                int covered = 0;
                if (!dedupe && !(v[y] & side_b))
                    continue;
                for (int r = 0; r < nkept && !covered; r++) {
                    uint64_t h = kept_a[r][ia];
                    covered = h && h == (dedupe ? kept_a[r][ib]
                                                : kept_b[r][ib]);
                }
                if (!covered) {
                    count += scale;
                    if (count > limit)
                        return count;
                }
            }
        }
        i = j;
    }
    return count;
}

/* A candidate rule's key for each sampled row, as rule_keys() combines
 * its parts (atom y < 0 for a single part). */
static void combine(const uint64_t *h, size_t s, int x, int y, uint64_t *out)
{
    for (size_t r = 0; r < s; r++) {
        uint64_t h0 = h[(size_t)x * s + r];
        uint64_t h1 = y >= 0 ? h[(size_t)y * s + r] : 1;
        out[r] = 0;
        if (h0 && h1) {
            out[r] = link_hash_mix(0, h0);
            if (y >= 0)
                out[r] = link_hash_mix(out[r], h1);
        }
    }
}

static int key_general(int key)
{
    return key == SC_KEY_METAPHONE || key == SC_KEY_SOUNDEX ||
           key == SC_KEY_NYSIIS || key == SC_KEY_YEAR ||
           key == SC_KEY_INITIAL || key == SC_KEY_PREFIX3 ||
           key == SC_KEY_INITIALS;
}

/* Keys that read the partner field too. */
static int swap_key(int key)
{
    return key == SC_KEY_NAMESET || key == SC_KEY_INITIALS;
}

/* Whether part (field, key) of a rule is implied by rule r2: two records
 * agreeing under r2 also agree on the part. */
static int part_implied(const sc_link_spec *s, int field, int key,
                        const sc_link_rule *r2)
{
    int exact_f = 0, exact_p = 0;
    int partner = s->fields[field].partner;

    for (int i = 0; i < r2->n; i++) {
        if (r2->field[i] == field) {
            if (r2->key[i] == key)
                return 1;
            if (r2->key[i] == SC_KEY_EXACT && !swap_key(key))
                return 1;
            if (r2->key[i] == SC_KEY_NAMESET && key == SC_KEY_INITIALS)
                return 1;
            if (r2->key[i] == SC_KEY_EXACT || r2->key[i] == SC_KEY_INITIAL)
                exact_f |= r2->key[i] == SC_KEY_EXACT ? 2 : 1;
        }
        if (partner >= 0 && r2->field[i] == partner &&
            (r2->key[i] == SC_KEY_EXACT || r2->key[i] == SC_KEY_INITIAL))
            exact_p |= r2->key[i] == SC_KEY_EXACT ? 2 : 1;
    }
    /* Both names exact imply the name set; both initials (or better)
     * imply the initials. */
    if (key == SC_KEY_NAMESET)
        return (exact_f & 2) && (exact_p & 2);
    return key == SC_KEY_INITIALS && exact_f && exact_p;
}

/* Whether every pair r2 proposes, kept rule r1 proposes too. */
static int rule_implied(const sc_link_spec *s, const sc_link_rule *r1,
                        const sc_link_rule *r2)
{
    for (int i = 0; i < r1->n; i++)
        if (!part_implied(s, r1->field[i], r1->key[i], r2))
            return 0;
    return 1;
}

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;

    if (a->rule.n != b->rule.n)
        return a->rule.n - b->rule.n;
    if (a->pairs != b->pairs)
        return a->pairs < b->pairs ? -1 : 1;
    if (a->general != b->general)
        return b->general - a->general;
    return a->order - b->order;
}

int sc_link_plan_rules(sc_link_spec *s, const sc_link_table *a,
                       const sc_link_table *b, const sc_link_opts *o,
                       char *err)
{
    int dedupe = b == NULL;
    size_t na = sc_link_table_rows(a), nb = b ? sc_link_table_rows(b) : 0;
    size_t sa = na < PLAN_SAMPLE ? na : PLAN_SAMPLE;
    size_t sb = nb < PLAN_SAMPLE ? nb : PLAN_SAMPLE;
    atom atoms[MAX_ATOMS];
    int natoms = 0, ncand = 0, kept = 0;
    cand *cands = NULL;
    uint32_t *ra = NULL, *rb = NULL, *v = NULL, *tv = NULL;
    uint64_t *ha = NULL, *hb = NULL, *k = NULL, *tk = NULL;
    uint64_t *ka = NULL, *kb = NULL;
    uint64_t *kept_a[SC_LINK_RULES_MAX] = { NULL };
    uint64_t *kept_b[SC_LINK_RULES_MAX] = { NULL };
    double budget, total_budget, scale, total = 0;
    cand *keep[SC_LINK_RULES_MAX];
    size_t nmax = na > nb ? na : nb, m;
    sc_rng rng;
    int rc = SC_ENOMEM;

    budget = o->rule_budget ? (double)o->rule_budget : 5.0 * (double)nmax;
    if (!o->rule_budget && budget < 25000)
        budget = 25000;
    total_budget = 2.5 * budget;
    if (total_budget > (double)o->max_pairs / 2)
        total_budget = (double)o->max_pairs / 2;
    if (dedupe)
        scale = sa > 1 ? ((double)na * (na - 1)) / ((double)sa * (sa - 1))
                       : 0;
    else
        scale = sa && sb ? ((double)na * nb) / ((double)sa * sb) : 0;

    /* Atoms: the keys each field may block on. */
    for (size_t f = 0; f < s->nfields; f++) {
        const sc_link_field *fd = &s->fields[f];
        if (fd->kind == SC_LINK_NAME) {
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_METAPHONE };
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_EXACT };
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_INITIAL };
            if (fd->partner > (int)f) {
                atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_NAMESET };
                atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_INITIALS };
            }
        } else if (fd->kind == SC_LINK_DATE) {
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_YEAR };
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_EXACT };
        } else {
            atoms[natoms++] = (atom){ (uint8_t)f, SC_KEY_EXACT };
        }
    }

    sc_rng_init(&rng, o->seed, SC_STAGE_LINK, LINK_STREAM_PLAN);
    ra = sample_rows(na, sa, &rng);
    rb = b ? sample_rows(nb, sb, &rng) : NULL;
    ha = malloc(((size_t)natoms * sa + 1) * sizeof *ha);
    hb = malloc(((size_t)natoms * sb + 1) * sizeof *hb);
    m = sa + sb + 1;
    k = malloc(m * sizeof *k);
    v = malloc(m * sizeof *v);
    tk = malloc(m * sizeof *tk);
    tv = malloc(m * sizeof *tv);
    cands = calloc(MAX_CANDS, sizeof *cands);
    if (!ra || (b && !rb) || !ha || !hb || !k || !v || !tk || !tv ||
        !cands)
        goto done;
    if (atom_hashes(s, a, 0, ra, sa, atoms, natoms, ha) < 0 ||
        (b && atom_hashes(s, b, 1, rb, sb, atoms, natoms, hb) < 0))
        goto done;

    /* Candidates: single atoms (not categories), then pairs of atoms
     * of different fields. */
    for (int x = 0; x < natoms; x++) {
        cand *c;
        if (s->fields[atoms[x].field].kind == SC_LINK_CATEGORY)
            continue;
        c = &cands[ncand];
        c->rule.n = 1;
        c->rule.field[0] = atoms[x].field;
        c->rule.key[0] = atoms[x].key;
        c->atom[0] = x;
        c->atom[1] = -1;
        c->general = key_general(atoms[x].key);
        c->order = ncand++;
    }
    for (int x = 0; x < natoms; x++)
        for (int y = x + 1; y < natoms; y++) {
            const sc_link_field *fx = &s->fields[atoms[x].field];
            const sc_link_field *fy = &s->fields[atoms[y].field];
            cand *c;
            if (atoms[x].field == atoms[y].field)
                continue;
            if (fx->kind == SC_LINK_CATEGORY &&
                fy->kind == SC_LINK_CATEGORY)
                continue;
            if ((swap_key(atoms[x].key) && fx->partner == atoms[y].field) ||
                (swap_key(atoms[y].key) && fy->partner == atoms[x].field))
                continue;
            c = &cands[ncand];
            c->rule.n = 2;
            c->rule.field[0] = atoms[x].field;
            c->rule.key[0] = atoms[x].key;
            c->rule.field[1] = atoms[y].field;
            c->rule.key[1] = atoms[y].key;
            c->atom[0] = x;
            c->atom[1] = y;
            c->general = key_general(atoms[x].key) +
                         key_general(atoms[y].key);
            c->order = ncand++;
        }

    /* Estimate each candidate's pairs. */
    ka = malloc((sa + 1) * sizeof *ka);
    kb = malloc((sb + 1) * sizeof *kb);
    if (!ka || !kb)
        goto done;
    for (int r = 0; r < SC_LINK_RULES_MAX; r++) {
        kept_a[r] = malloc((sa + 1) * sizeof *kept_a[r]);
        kept_b[r] = malloc((sb + 1) * sizeof *kept_b[r]);
        if (!kept_a[r] || !kept_b[r])
            goto done;
    }
    for (int i = 0; i < ncand; i++) {
        cand *c = &cands[i];
        combine(ha, sa, c->atom[0], c->atom[1], ka);
        combine(hb, sb, c->atom[0], c->atom[1], kb);
        c->pairs = estimate(ka, sa, kb, sb, dedupe, scale, k, v, tk, tv);
    }
    qsort(cands, (size_t)ncand, sizeof *cands, cmp_cand);

    /* Cheapest first: a rule is kept when the pairs it proposes fit the
     * rule budget (they are all enumerated) and the pairs it adds to the
     * union fit what is left of the total budget (they are all
     * compared).  A rule that a kept rule implies adds nothing; a kept
     * rule that the new one implies is dropped (the union stays). */
    for (int i = 0; i < ncand; i++) {
        cand *c = &cands[i];
        int redundant = 0;
        double add;
        if (c->pairs > budget)
            continue;
        for (int r = 0; r < kept && !redundant; r++)
            redundant = rule_implied(s, &keep[r]->rule, &c->rule);
        if (redundant)
            continue;
        combine(ha, sa, c->atom[0], c->atom[1], ka);
        combine(hb, sb, c->atom[0], c->atom[1], kb);
        add = marginal(ka, sa, kb, sb, dedupe, scale, kept_a, kept_b, kept,
                       total_budget - total, k, v, tk, tv);
        if (total + add > total_budget)
            continue;
        {
            int drop = 0;
            for (int r = 0; r < kept; r++)
                drop += rule_implied(s, &c->rule, &keep[r]->rule);
            if (kept - drop + 1 + (int)s->nrules > SC_LINK_RULES_MAX)
                continue;
        }
        for (int r = 0; r < kept;) {
            if (rule_implied(s, &c->rule, &keep[r]->rule)) {
                uint64_t *ta = kept_a[r], *tb = kept_b[r];
                kept--;
                keep[r] = keep[kept];
                kept_a[r] = kept_a[kept];
                kept_b[r] = kept_b[kept];
                kept_a[kept] = ta;
                kept_b[kept] = tb;
            } else {
                r++;
            }
        }
        memcpy(kept_a[kept], ka, sa * sizeof *ka);
        memcpy(kept_b[kept], kb, sb * sizeof *kb);
        keep[kept++] = c;
        total += add;
    }
    /* Kept rules in the order of the candidates (singles, cheapest
     * first): the order decides which rule a pair is credited to. */
    for (int i = 0; i < ncand; i++)
        for (int r = 0; r < kept; r++)
            if (keep[r] == &cands[i])
                s->rules[s->nrules++] = cands[i].rule;
    if (kept == 0) {
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "no blocking rule keeps under "
                     "%.0f candidate pairs; give rules with --block",
                     budget);
        rc = SC_EINVAL;
        goto done;
    }
    rc = 0;

done:
    if (rc == SC_ENOMEM && err)
        snprintf(err, SC_ERRMSG_MAX, "out of memory planning blocking");
    free(cands);
    free(ra);
    free(rb);
    free(ha);
    free(hb);
    free(ka);
    free(kb);
    for (int r = 0; r < SC_LINK_RULES_MAX; r++) {
        free(kept_a[r]);
        free(kept_b[r]);
    }
    free(k);
    free(v);
    free(tk);
    free(tv);
    return rc;
}
