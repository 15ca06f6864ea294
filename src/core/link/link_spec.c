/*
 * link_spec.c - the vocabulary of a linkage job: kinds of comparison and
 * their levels, blocking keys, the specification of fields and rules,
 * and the job's options.
 *
 * A spec is a plain struct (fields and rules in fixed arrays), so it can
 * be built by hand, by the inference helpers or from a model file, and
 * copied freely; sc_link_spec_check is the one gate every job passes.
 *
 * Workload: a few calls per job.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "link_int.h"

static const char *const kind_names[SC_LINK_KIND_COUNT] = {
    "name", "date", "id", "number", "text", "category"
};

/* Level names per kind, strongest agreement first.  The levels are
 * documented in linker.h and docs/linkage.md; link_level() assigns
 * them. */
static const char *const level_names[SC_LINK_KIND_COUNT][SC_LINK_LEVELS_MAX] = {
    { "exact", "jw92", "jw85", "dl2", "swap", "word", "else", NULL },
    { "exact", "edit1", "edit2", "year", "else", NULL, NULL, NULL },
    { "exact", "edit1", "edit2", "else", NULL, NULL, NULL, NULL },
    { "exact", "edit1", "near", "else", NULL, NULL, NULL, NULL },
    { "exact", "jw92", "words", "jw80", "else", NULL, NULL, NULL },
    { "exact", "else", NULL, NULL, NULL, NULL, NULL, NULL },
};

static const int level_counts[SC_LINK_KIND_COUNT] = { 7, 5, 4, 4, 5, 2 };

static const char *const key_names[SC_KEY_COUNT] = {
    "exact", "metaphone", "soundex", "nysiis", "initial", "prefix3",
    "year", "nameset", "initials"
};

const char *sc_link_kind_name(int kind)
{
    if (kind < 0 || kind >= SC_LINK_KIND_COUNT)
        return "?";
    return kind_names[kind];
}

int sc_link_kind_parse(const char *s, int *kind)
{
    for (int k = 0; k < SC_LINK_KIND_COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0) {
            *kind = k;
            return 0;
        }
    return SC_EINVAL;
}

int sc_link_level_count(int kind)
{
    if (kind < 0 || kind >= SC_LINK_KIND_COUNT)
        return 0;
    return level_counts[kind];
}

const char *sc_link_level_name(int kind, int level)
{
    if (level == SC_LINK_NULL)
        return "null";
    if (kind < 0 || kind >= SC_LINK_KIND_COUNT || level < 0 ||
        level >= level_counts[kind])
        return "?";
    return level_names[kind][level];
}

const char *sc_link_key_name(int key)
{
    if (key < 0 || key >= SC_KEY_COUNT)
        return "?";
    return key_names[key];
}

int sc_link_key_parse(const char *s, int *key)
{
    for (int k = 0; k < SC_KEY_COUNT; k++)
        if (strcmp(s, key_names[k]) == 0) {
            *key = k;
            return 0;
        }
    return SC_EINVAL;
}

void sc_link_spec_init(sc_link_spec *s)
{
    memset(s, 0, sizeof *s);
}

int sc_link_spec_add_field(sc_link_spec *s, const char *name, int kind,
                           size_t col, size_t col_b)
{
    sc_link_field *f;

    if (s->nfields >= SC_LINK_FIELDS_MAX)
        return SC_ERANGE;
    if (kind < 0 || kind >= SC_LINK_KIND_COUNT || col > 65535 ||
        col_b > 65535)
        return SC_EINVAL;
    f = &s->fields[s->nfields];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    f->col = (uint16_t)col;
    f->col_b = (uint16_t)col_b;
    f->kind = (uint8_t)kind;
    f->tf = kind == SC_LINK_NAME;
    f->partner = -1;
    return (int)s->nfields++;
}

static int find_field(const sc_link_spec *s, const char *name, size_t len)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (strlen(s->fields[i].name) == len &&
            memcmp(s->fields[i].name, name, len) == 0)
            return (int)i;
    return -1;
}

int sc_link_spec_add_rule(sc_link_spec *s, const char *text, char *err)
{
    sc_link_rule r;
    const char *p = text;

    memset(&r, 0, sizeof r);
    if (s->nrules >= SC_LINK_RULES_MAX) {
        if (err)
            snprintf(err, SC_ERRMSG_MAX, "too many blocking rules (at "
                     "most %d)", SC_LINK_RULES_MAX);
        return SC_ERANGE;
    }
    for (;;) {
        const char *end = strchr(p, '+');
        const char *colon;
        size_t len;
        char keyname[32];
        int field, key = SC_KEY_EXACT;

        /* Spaces around parts, names and keys are not part of them. */
        while (*p == ' ' || *p == '\t')
            p++;
        len = end ? (size_t)(end - p) : strlen(p);
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        colon = memchr(p, ':', len);
        {
            size_t fl = colon ? (size_t)(colon - p) : len;
            while (fl > 0 && (p[fl - 1] == ' ' || p[fl - 1] == '\t'))
                fl--;
            field = find_field(s, p, fl);
        }
        if (field < 0) {
            if (err)
                snprintf(err, SC_ERRMSG_MAX, "blocking rule '%s': no "
                         "compared field '%.*s'", text,
                         (int)(colon ? colon - p : (long)len), p);
            return SC_EINVAL;
        }
        if (colon) {
            const char *k = colon + 1;
            size_t kl = len - (size_t)(colon - p) - 1;
            while (kl > 0 && (*k == ' ' || *k == '\t')) {
                k++;
                kl--;
            }
            if (kl >= sizeof keyname)
                kl = sizeof keyname - 1;
            memcpy(keyname, k, kl);
            keyname[kl] = '\0';
            if (sc_link_key_parse(keyname, &key) < 0) {
                if (err)
                    snprintf(err, SC_ERRMSG_MAX, "blocking rule '%s': "
                             "unknown key '%s' (exact, metaphone, soundex, "
                             "nysiis, initial, prefix3, year, nameset, "
                             "initials)",
                             text, keyname);
                return SC_EINVAL;
            }
        }
        if (r.n >= SC_LINK_RULE_PARTS) {
            if (err)
                snprintf(err, SC_ERRMSG_MAX, "blocking rule '%s': more "
                         "than %d parts", text, SC_LINK_RULE_PARTS);
            return SC_EINVAL;
        }
        r.field[r.n] = (uint8_t)field;
        r.key[r.n] = (uint8_t)key;
        r.n++;
        if (!end)
            break;
        p = end + 1;
    }
    s->rules[s->nrules++] = r;
    return 0;
}

void sc_link_rule_format(const sc_link_spec *s, const sc_link_rule *r,
                         char *buf, size_t cap)
{
    size_t len = 0;

    if (cap == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < r->n && len < cap; i++) {
        int w = snprintf(buf + len, cap - len, "%s%s:%s", i ? "+" : "",
                         r->field[i] < s->nfields
                             ? s->fields[r->field[i]].name : "?",
                         sc_link_key_name(r->key[i]));
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

int sc_link_spec_check(const sc_link_spec *s, char *err)
{
    char rb[256];

#define FAIL(...)                                                         \
    do {                                                                  \
        if (err)                                                          \
            snprintf(err, SC_ERRMSG_MAX, __VA_ARGS__);                    \
        return SC_EINVAL;                                                 \
    } while (0)

    if (s->nfields == 0)
        FAIL("no fields to compare");
    if (s->nfields > SC_LINK_FIELDS_MAX)
        FAIL("too many fields to compare (at most %d)", SC_LINK_FIELDS_MAX);
    for (size_t i = 0; i < s->nfields; i++) {
        const sc_link_field *f = &s->fields[i];
        if (f->kind >= SC_LINK_KIND_COUNT)
            FAIL("field '%s': unknown kind %d", f->name, f->kind);
        if (f->partner >= 0) {
            if ((size_t)f->partner >= s->nfields ||
                (size_t)f->partner == i)
                FAIL("field '%s': bad partner", f->name);
            if (f->kind != SC_LINK_NAME ||
                s->fields[f->partner].kind != SC_LINK_NAME)
                FAIL("field '%s': only names have partners", f->name);
        }
    }
    if (s->nrules == 0)
        FAIL("no blocking rules");
    if (s->nrules > SC_LINK_RULES_MAX)
        FAIL("too many blocking rules (at most %d)", SC_LINK_RULES_MAX);
    for (size_t r = 0; r < s->nrules; r++) {
        const sc_link_rule *ru = &s->rules[r];
        if (ru->n < 1 || ru->n > SC_LINK_RULE_PARTS)
            FAIL("blocking rule %zu: %d parts", r + 1, ru->n);
        for (int i = 0; i < ru->n; i++) {
            const sc_link_field *f;
            if (ru->field[i] >= s->nfields || ru->key[i] >= SC_KEY_COUNT)
                FAIL("blocking rule %zu: bad field or key", r + 1);
            f = &s->fields[ru->field[i]];
            sc_link_rule_format(s, ru, rb, sizeof rb);
            if (ru->key[i] == SC_KEY_YEAR && f->kind != SC_LINK_DATE)
                FAIL("blocking rule '%s': 'year' needs a date field", rb);
            if ((ru->key[i] == SC_KEY_NAMESET ||
                 ru->key[i] == SC_KEY_INITIALS) && f->partner < 0)
                FAIL("blocking rule '%s': '%s' needs a name field "
                     "with a partner", rb, sc_link_key_name(ru->key[i]));
        }
    }
#undef FAIL
    return 0;
}

size_t sc_link_rule_key(const sc_link_spec *s, const sc_link_rule *r,
                        int side, const char *const *row, char *out,
                        size_t cap)
{
    size_t len = 0;

    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (int i = 0; i < r->n; i++) {
        const sc_link_field *f = &s->fields[r->field[i]];
        char norm[SC_LINK_VALUE_MAX], pnorm[SC_LINK_VALUE_MAX];
        char part[2 * SC_LINK_VALUE_MAX + 2];
        size_t pl;

        sc_link_normalize(f->kind, row[side ? f->col_b : f->col], norm,
                          sizeof norm);
        pnorm[0] = '\0';
        if (f->partner >= 0) {
            const sc_link_field *p = &s->fields[f->partner];
            sc_link_normalize(p->kind, row[side ? p->col_b : p->col],
                              pnorm, sizeof pnorm);
        }
        pl = link_part_key(f->kind, r->key[i], norm, pnorm, part,
                           sizeof part);
        if (pl == 0) {
            out[0] = '\0';
            return 0;
        }
        if (len + pl + 2 > cap)
            pl = cap > len + 2 ? cap - len - 2 : 0;
        if (i > 0)
            out[len++] = '\x1f';
        memcpy(out + len, part, pl);
        len += pl;
        out[len] = '\0';
    }
    return len;
}

int sc_link_compare_values(int kind, const char *a, const char *b,
                           const char *b_partner)
{
    char na[SC_LINK_VALUE_MAX], nb[SC_LINK_VALUE_MAX];
    char np[SC_LINK_VALUE_MAX];

    if (kind < 0 || kind >= SC_LINK_KIND_COUNT)
        return SC_LINK_NULL;
    sc_link_normalize(kind, a ? a : "", na, sizeof na);
    sc_link_normalize(kind, b ? b : "", nb, sizeof nb);
    if (b_partner)
        sc_link_normalize(kind, b_partner, np, sizeof np);
    return link_level(kind, na, strlen(na), nb, strlen(nb),
                      link_number(na), link_number(nb),
                      b_partner ? np : NULL, b_partner ? strlen(np) : 0);
}

void sc_link_opts_init(sc_link_opts *o)
{
    memset(o, 0, sizeof *o);
    o->threads = 1;
    o->seed = 1;
    o->u_samples = 200000;
    o->max_pairs = 200000000;
    o->rule_budget = 0;
    o->em_max_iter = 500;
    o->em_tol = 1e-7;
}

double sc_link_prob(double weight)
{
    return 1.0 / (1.0 + exp2(-weight));
}
