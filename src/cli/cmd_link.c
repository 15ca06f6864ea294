/*
 * cmd_link.c - `scomm link`: the record-linkage engine on any CSV file.
 *
 * One file is deduplicated, two are linked.  The command reads the files
 * (through the project's strict CSV reader; spaces around fields are
 * trimmed, so FEBRL's ", " separators read as ","), decides which
 * columns to compare and how -- from a model file, flags, or inferred
 * from the columns' names and contents -- chooses blocking rules unless
 * given, then runs the engine (include/scomm/link/linker.h): candidate
 * pairs, u from random pairs, m and the prior by EM, weights, and for
 * deduplication the clusters.  It writes the scored pairs as CSV and,
 * with --truth, ends with one line of precision, recall and F1.
 *
 * The model file is INI, read through the scenario files' lexer
 * (include/scomm/io/ini_lex.h): [section] headers, `key = value` lines,
 * '#' and ';' comments, quoted values; an unknown section or key is an
 * error naming the file and line.  Flags override it.
 *
 * Workload: files of up to a few million rows; everything is held in
 * memory (about 100 bytes a record plus 20 bytes a candidate pair).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "scomm/common.h"
#include "scomm/io/csv_reader.h"
#include "scomm/io/ini_lex.h"
#include "scomm/link/linker.h"

static const char link_usage[] =
    "usage: scomm link A.csv [B.csv] [options]\n"
    "\n"
    "Links the records of A.csv to those of B.csv or, given one file,\n"
    "finds the records of A.csv that describe the same entity\n"
    "(deduplication).  Pairs are scored with a Fellegi-Sunter model whose\n"
    "parameters are estimated from the data alone (u from random pairs,\n"
    "m and the prior by EM).  Columns and comparisons are inferred from\n"
    "the column names and contents unless set below.\n"
    "\n"
    "options:\n"
    "  -o, --out FILE         scored pairs as CSV (default: standard\n"
    "                         output): id_a, id_b, weight, probability and\n"
    "                         each compared column's level\n"
    "      --all              write every candidate pair, not only those\n"
    "                         at or above the threshold\n"
    "  -c, --clusters FILE    (one file) every record's cluster: id,cluster\n"
    "  -t, --threshold P      probability from which a pair is a match\n"
    "                         (default 0.5)\n"
    "      --compare COL:KIND[,tf|,notf][,partner=COL2]\n"
    "                         compare COL as KIND: name, date, id, number,\n"
    "                         text, category, or off (repeatable)\n"
    "      --ignore COLS      leave out these columns (comma-separated;\n"
    "                         repeatable)\n"
    "      --block RULE       blocking rule COL[:KEY][+COL[:KEY]...], KEY\n"
    "                         one of exact, metaphone, soundex, nysiis,\n"
    "                         initial, prefix3, year, nameset, initials\n"
    "                         (repeatable;\n"
    "                         replaces the inferred rules)\n"
    "      --id COL           record identifier (default: a unique column\n"
    "                         named like an id, else the row number)\n"
    "      --truth COL[:REGEX]\n"
    "                         the true entity: COL, or the first group of\n"
    "                         REGEX (POSIX extended; \\d is [0-9]) in COL;\n"
    "                         ends the output with precision, recall, f1\n"
    "      --model FILE       settings from an INI file (docs/linkage.md)\n"
    "      --threads N        worker threads (default: all cores); the\n"
    "                         output does not depend on it\n"
    "      --seed N           seed of the random pairs (default 1)\n"
    "      --u-samples N      random pairs for u (default 200000)\n"
    "  -v, --verbose          describe columns, rules and model on stderr\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status 0 on success, 2 on bad input (the message names the file,\n"
    "line and field), 1 when the job itself fails.\n";

/* --- settings ------------------------------------------------------------ */

typedef struct strlist {
    char **v;
    size_t n;
} strlist;

typedef struct link_cfg {
    const char *file[2];
    int nfiles;
    const char *out, *clusters, *model;
    char *id_col, *truth;
    double threshold;
    int threshold_set, all, verbose, threads;
    uint64_t seed, u_samples;
    int seed_set, samples_set;
    strlist compare;    /* "COL:KIND[,opt...]" */
    strlist ignore;     /* column names */
    strlist block;      /* rule texts */
} link_cfg;

static int list_add(strlist *l, const char *s)
{
    char **v = realloc(l->v, (l->n + 1) * sizeof *v);
    size_t len = strlen(s) + 1;

    if (!v)
        return -1;
    l->v = v;
    l->v[l->n] = malloc(len);
    if (!l->v[l->n])
        return -1;
    memcpy(l->v[l->n], s, len);
    l->n++;
    return 0;
}

static void list_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (p)
        memcpy(p, s, n);
    return p;
}

static char *trim(char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Adds each comma-separated name of s to the ignore list. */
static int add_ignores(link_cfg *c, const char *s)
{
    char *copy = dup_str(s), *p, *save = NULL;
    int rc = 0;

    if (!copy)
        return -1;
    for (p = strtok_r(copy, ",", &save); p && rc == 0;
         p = strtok_r(NULL, ",", &save)) {
        char *t = trim(p);
        if (*t)
            rc = list_add(&c->ignore, t);
    }
    free(copy);
    return rc;
}

static int parse_prob(const char *flag, const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (end == s || *end || errno || !(v > 0 && v < 1)) {
        cli_error("%s: '%s' is not a probability strictly between 0 and 1",
                  flag, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_u64(const char *flag, const char *s, uint64_t min,
                     uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!isdigit((unsigned char)s[0])) {
        cli_error("%s: '%s' is not a whole number", flag, s);
        return -1;
    }
    v = strtoull(s, &end, 10);
    if (*end || errno || v < min || v > max) {
        cli_error("%s: '%s' is not a whole number in %llu..%llu", flag, s,
                  (unsigned long long)min, (unsigned long long)max);
        return -1;
    }
    *out = v;
    return 0;
}

/* --- the model file ------------------------------------------------------ */

/* Reads FILE into c: [link] keys where the flags left them unset,
 * [compare] and [block] entries before the flags' own.  Prints the error
 * ("FILE:LINE: what") and returns -1 on bad input. */
static int load_model(const char *path, link_cfg *c)
{
    static const char *const sections[] = { "link", "compare", "block" };
    enum { LINK, COMPARE, BLOCK, NSECTIONS };
    int section = -1;      /* index into sections, -1 before any */
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    ssize_t got;
    int rc = 0;
    strlist cmp = { NULL, 0 }, blk = { NULL, 0 };

    if (!f) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
        sc_ini_line l;
        const char *key, *val;

        lineno++;
        switch (sc_ini_lex(line, (size_t)got, lineno, &l)) {
        case SC_INI_BLANK:
            continue;
        case SC_INI_BAD:
            if (l.fault == SC_INI_NUL)
                cli_error("%s:%ld: %s", path, lineno, l.why);
            else
                cli_error("%s:%ld: malformed section header", path,
                          lineno);
            rc = -1;
            continue;
        case SC_INI_SECTION:
            for (section = 0; section < NSECTIONS; section++)
                if (!strcmp(l.name, sections[section]))
                    break;
            if (section == NSECTIONS) {
                cli_error("%s:%ld: unknown section [%s] (link, compare, "
                          "block)", path, lineno, l.name);
                rc = -1;
            }
            continue;
        case SC_INI_PAIR:
            break;
        }
        if (sc_ini_split(&l) < 0 && l.fault == SC_INI_NO_EQUALS) {
            cli_error("%s:%ld: %s", path, lineno, l.why);
            rc = -1;
            continue;
        }
        if (section < 0) {
            cli_error("%s:%ld: key outside a section", path, lineno);
            rc = -1;
            continue;
        }
        key = l.key;
        val = l.value;
        if (l.fault != SC_INI_FINE) {
            cli_error("%s:%ld: %s: %s", path, lineno, key, l.why);
            rc = -1;
            continue;
        }
        if (!*key) {
            cli_error("%s:%ld: empty key", path, lineno);
            rc = -1;
            continue;
        }
        if (section == COMPARE) {
            size_t n = strlen(key) + strlen(val) + 2;
            char *e = malloc(n);
            if (!e || (snprintf(e, n, "%s:%s", key, val), 0) ||
                list_add(&cmp, e) < 0)
                rc = -2;
            free(e);
            continue;
        }
        if (section == BLOCK) {
            if (list_add(&blk, val) < 0)
                rc = -2;
            continue;
        }
        /* [link] */
        if (!strcmp(key, "id")) {
            if (!c->id_col && !(c->id_col = dup_str(val)))
                rc = -2;
        } else if (!strcmp(key, "truth")) {
            if (!c->truth && !(c->truth = dup_str(val)))
                rc = -2;
        } else if (!strcmp(key, "threshold")) {
            double p;
            if (parse_prob("threshold", val, &p) < 0) {
                cli_error("%s:%ld: threshold: bad value '%s'", path,
                          lineno, val);
                rc = -1;
            } else if (!c->threshold_set) {
                c->threshold = p;
                c->threshold_set = 1;
            }
        } else if (!strcmp(key, "ignore")) {
            if (add_ignores(c, val) < 0)
                rc = -2;
        } else if (!strcmp(key, "seed") || !strcmp(key, "u_samples")) {
            uint64_t v;
            int is_seed = key[0] == 's';
            if (parse_u64(key, val, is_seed ? 0 : 1000,
                          is_seed ? UINT64_MAX : 100000000, &v) < 0) {
                cli_error("%s:%ld: %s: bad value '%s'", path, lineno, key,
                          val);
                rc = -1;
            } else if (is_seed && !c->seed_set) {
                c->seed = v;
                c->seed_set = 1;
            } else if (!is_seed && !c->samples_set) {
                c->u_samples = v;
                c->samples_set = 1;
            }
        } else {
            cli_error("%s:%ld: [link] unknown key '%s' (id, truth, "
                      "threshold, ignore, seed, u_samples)", path, lineno,
                      key);
            rc = -1;
        }
    }
    free(line);
    fclose(f);
    if (rc == 0) {
        /* The file's entries come first, so that flags win. */
        for (size_t i = 0; i < c->compare.n && rc == 0; i++)
            rc = list_add(&cmp, c->compare.v[i]);
        for (size_t i = 0; i < c->block.n && rc == 0; i++)
            rc = list_add(&blk, c->block.v[i]);
        if (rc == 0) {
            list_free(&c->compare);
            list_free(&c->block);
            c->compare = cmp;
            c->block = blk;
            return 0;
        }
    }
    if (rc == -2)
        cli_error("out of memory reading '%s'", path);
    list_free(&cmp);
    list_free(&blk);
    return -1;
}

/* --- reading the files ---------------------------------------------------- */

typedef struct loaded {
    const char *path;
    sc_link_table *t;
    char **names;      /* trimmed header names */
    size_t ncols;
    long *line;        /* file line of each row */
} loaded;

static void loaded_free(loaded *l)
{
    sc_link_table_destroy(l->t);
    if (l->names)
        for (size_t i = 0; i < l->ncols; i++)
            free(l->names[i]);
    free(l->names);
    free(l->line);
    memset(l, 0, sizeof *l);
}

static int col_index(const loaded *l, const char *name)
{
    for (size_t i = 0; i < l->ncols; i++)
        if (!strcmp(l->names[i], name))
            return (int)i;
    return -1;
}

/* Returns 0, SC_EXIT_USAGE (message printed) or SC_EXIT_FAIL. */
static int load_csv(const char *path, loaded *out)
{
    char err[SC_ERRMSG_MAX];
    sc_csv *csv;
    const char **vals = NULL;
    size_t *offs = NULL;
    char *buf = NULL;
    size_t cap_lines = 0, buf_cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    out->path = path;
    if (sc_csv_open(path, &csv, err) < 0) {
        cli_error("%s", err);
        return SC_EXIT_USAGE;
    }
    out->ncols = sc_csv_nfields(csv);
    out->names = calloc(out->ncols ? out->ncols : 1, sizeof *out->names);
    vals = calloc(out->ncols ? out->ncols : 1, sizeof *vals);
    offs = calloc(out->ncols ? out->ncols : 1, sizeof *offs);
    if (!out->names || !vals || !offs)
        goto nomem;
    for (size_t i = 0; i < out->ncols; i++) {
        char *h = dup_str(sc_csv_field(csv, i));
        if (!h)
            goto nomem;
        out->names[i] = h;
        memmove(h, trim(h), strlen(trim(h)) + 1);
        if (!h[0]) {
            cli_error("%s:%ld: column %zu has no name", path,
                      sc_csv_line(csv), i + 1);
            rc = SC_EXIT_USAGE;
            goto fail;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(out->names[j], h)) {
                cli_error("%s:%ld: column '%s' appears twice in the "
                          "header", path, sc_csv_line(csv), h);
                rc = SC_EXIT_USAGE;
                goto fail;
            }
    }
    if (sc_link_table_create(out->ncols, &out->t) < 0)
        goto nomem;
    while ((rc = sc_csv_next(csv, err)) == 1) {
        size_t n = sc_link_table_rows(out->t), used = 0;
        /* The row's trimmed fields, one after another in buf. */
        for (size_t i = 0; i < out->ncols; i++) {
            const char *f = sc_csv_field(csv, i);
            size_t len;
            while (*f == ' ' || *f == '\t')
                f++;
            len = strlen(f);
            while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '\t'))
                len--;
            if (used + len + 1 > buf_cap) {
                size_t nc = (used + len + 1) * 2 + 256;
                char *p = realloc(buf, nc);
                if (!p)
                    goto nomem;
                buf = p;
                buf_cap = nc;
            }
            memcpy(buf + used, f, len);
            buf[used + len] = '\0';
            offs[i] = used;
            used += len + 1;
        }
        for (size_t i = 0; i < out->ncols; i++)
            vals[i] = buf + offs[i];
        if (n == cap_lines) {
            size_t nc = cap_lines ? cap_lines * 2 : 1024;
            long *p = realloc(out->line, nc * sizeof *p);
            if (!p)
                goto nomem;
            out->line = p;
            cap_lines = nc;
        }
        out->line[n] = sc_csv_line(csv);
        if (sc_link_table_add(out->t, vals) < 0)
            goto nomem;
    }
    if (rc < 0) {
        cli_error("%s", err);
        rc = rc == SC_EIO ? SC_EXIT_FAIL : SC_EXIT_USAGE;
        goto fail;
    }
    if (sc_link_table_rows(out->t) == 0) {
        cli_error("%s: no records below the header", path);
        rc = SC_EXIT_USAGE;
        goto fail;
    }
    rc = 0;
    goto done;

nomem:
    cli_error("%s: out of memory", path);
    rc = SC_EXIT_FAIL;
fail:
    loaded_free(out);
done:
    free(buf);
    free(offs);
    free(vals);
    sc_csv_close(csv);
    return rc;
}

/* --- the truth ----------------------------------------------------------- */

/* Translates the Perl-style classes \d, \w and \s into POSIX brackets. */
static char *posix_regex(const char *re)
{
    size_t cap = strlen(re) * 12 + 1, n = 0;
    char *out = malloc(cap);

    if (!out)
        return NULL;
    for (const char *p = re; *p; p++) {
        const char *rep = NULL;
        if (p[0] == '\\' && p[1]) {
            if (p[1] == 'd')
                rep = "[0-9]";
            else if (p[1] == 'w')
                rep = "[[:alnum:]_]";
            else if (p[1] == 's')
                rep = "[[:space:]]";
        }
        if (rep) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

typedef struct ent_ref {
    const char *s;
    size_t idx;
} ent_ref;

static int cmp_ent(const void *x, const void *y)
{
    const ent_ref *a = x, *b = y;
    int c = strcmp(a->s, b->s);
    if (c)
        return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * Entity numbers for the rows of the files from --truth COL[:REGEX].
 * An empty entity (an empty cell) is the row's own.  Returns 0,
 * SC_EXIT_USAGE with the message printed, or SC_EXIT_FAIL.
 */
static int truth_entities(const char *spec, loaded *files, int nfiles,
                          uint32_t **ent, int *truth_col)
{
    char col[256], *re_src = NULL, *posix = NULL;
    const char *colon = strchr(spec, ':');
    regex_t re;
    int have_re = 0, rc = 0;
    size_t total = 0, k = 0;
    ent_ref *refs = NULL;
    char **owned = NULL;

    ent[0] = ent[1] = NULL;
    snprintf(col, sizeof col, "%s", spec);
    if (colon && col_index(&files[0], spec) < 0) {
        col[colon - spec < (long)sizeof col ? colon - spec : 0] = '\0';
        re_src = (char *)colon + 1;
    }
    for (int f = 0; f < nfiles; f++) {
        truth_col[f] = col_index(&files[f], col);
        if (truth_col[f] < 0) {
            cli_error("%s: missing column '%s' (--truth)", files[f].path,
                      col);
            return SC_EXIT_USAGE;
        }
        total += sc_link_table_rows(files[f].t);
    }
    if (re_src) {
        int e;
        posix = posix_regex(re_src);
        if (!posix)
            return SC_EXIT_FAIL;
        e = regcomp(&re, posix, REG_EXTENDED);
        if (e != 0) {
            char msg[256];
            regerror(e, &re, msg, sizeof msg);
            cli_error("--truth: bad regular expression '%s': %s", re_src,
                      msg);
            free(posix);
            return SC_EXIT_USAGE;
        }
        if (re.re_nsub < 1) {
            cli_error("--truth: regular expression '%s' has no group",
                      re_src);
            regfree(&re);
            free(posix);
            return SC_EXIT_USAGE;
        }
        have_re = 1;
    }
    refs = malloc((total ? total : 1) * sizeof *refs);
    owned = calloc(total ? total : 1, sizeof *owned);
    ent[0] = malloc((sc_link_table_rows(files[0].t) + 1) * sizeof **ent);
    if (nfiles > 1)
        ent[1] = malloc((sc_link_table_rows(files[1].t) + 1) *
                        sizeof **ent);
    if (!refs || !owned || !ent[0] || (nfiles > 1 && !ent[1])) {
        rc = SC_EXIT_FAIL;
        goto done;
    }
    for (int f = 0; f < nfiles && rc == 0; f++) {
        size_t n = sc_link_table_rows(files[f].t);
        for (size_t i = 0; i < n; i++) {
            const char *v = sc_link_table_value(files[f].t, i,
                                                (size_t)truth_col[f]);
            regmatch_t m[2];
            if (have_re) {
                size_t len;
                if (regexec(&re, v, 2, m, 0) != 0 || m[1].rm_so < 0) {
                    cli_error("%s:%ld: %s: '%s' does not match '%s'",
                              files[f].path, files[f].line[i], col, v,
                              re_src);
                    rc = SC_EXIT_USAGE;
                    break;
                }
                len = (size_t)(m[1].rm_eo - m[1].rm_so);
                owned[k] = malloc(len + 1);
                if (!owned[k]) {
                    rc = SC_EXIT_FAIL;
                    break;
                }
                memcpy(owned[k], v + m[1].rm_so, len);
                owned[k][len] = '\0';
                v = owned[k];
            }
            refs[k].s = v;
            refs[k].idx = f == 0 ? i : sc_link_table_rows(files[0].t) + i;
            k++;
        }
    }
    if (rc == 0) {
        uint32_t next = 0;
        size_t na = sc_link_table_rows(files[0].t);
        qsort(refs, k, sizeof *refs, cmp_ent);
        for (size_t i = 0; i < k; i++) {
            size_t idx = refs[i].idx;
            uint32_t id;
            if (!refs[i].s[0] || i == 0 || strcmp(refs[i].s, refs[i - 1].s))
                next++;
            id = next - 1;
            if (idx < na)
                ent[0][idx] = id;
            else
                ent[1][idx - na] = id;
        }
    }
done:
    if (owned)
        for (size_t i = 0; i < total; i++)
            free(owned[i]);
    free(owned);
    free(refs);
    if (have_re)
        regfree(&re);
    free(posix);
    if (rc) {
        if (rc == SC_EXIT_FAIL)
            cli_error("out of memory reading the truth");
        free(ent[0]);
        free(ent[1]);
        ent[0] = ent[1] = NULL;
    }
    return rc;
}

/* --- output --------------------------------------------------------------- */

static void put_csv(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_id(FILE *f, const loaded *l, int id_col, uint32_t row)
{
    if (id_col >= 0)
        put_csv(f, sc_link_table_value(l->t, row, (size_t)id_col));
    else
        fprintf(f, "%u", row + 1);
}

static int write_pairs(FILE *f, const sc_link_spec *s,
                       const sc_link_pairs *p, double threshold, int all,
                       const loaded *fa, const loaded *fb, const int *id_col)
{
    fputs("id_a,id_b,weight,probability", f);
    for (size_t i = 0; i < s->nfields; i++) {
        fputc(',', f);
        put_csv(f, s->fields[i].name);
    }
    fputc('\n', f);
    for (size_t i = 0; i < p->n; i++) {
        double prob = sc_link_prob(p->weight[i]);
        if (!all && prob < threshold)
            continue;
        put_id(f, fa, id_col[0], p->a[i]);
        fputc(',', f);
        put_id(f, fb, id_col[1], p->b[i]);
        fprintf(f, ",%.4f,%.6f", p->weight[i], prob);
        for (size_t k = 0; k < s->nfields; k++)
            fprintf(f, ",%s",
                    sc_link_level_name(s->fields[k].kind,
                                       sc_link_gamma_level(p->gamma[i], k)));
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

static void describe(const sc_link_spec *s, const sc_link_model *m,
                     const sc_link_pairs *p, size_t na, size_t nb,
                     int dedupe)
{
    char rb[256];

    if (dedupe)
        fprintf(stderr, "link: deduplicating %zu records\n", na);
    else
        fprintf(stderr, "link: linking %zu records to %zu\n", na, nb);
    for (size_t f = 0; f < s->nfields; f++) {
        const sc_link_field *fd = &s->fields[f];
        fprintf(stderr, "  field %-20s %-8s%s%s%s\n", fd->name,
                sc_link_kind_name(fd->kind), fd->tf ? " tf" : "",
                fd->partner >= 0 ? " partner=" : "",
                fd->partner >= 0 ? s->fields[fd->partner].name : "");
    }
    for (size_t r = 0; r < s->nrules; r++) {
        sc_link_rule_format(s, &s->rules[r], rb, sizeof rb);
        fprintf(stderr, "  rule  %-40s %llu pairs\n", rb,
                (unsigned long long)p->per_rule[r]);
    }
    fprintf(stderr, "  candidate pairs %zu, patterns %llu\n", p->n,
            (unsigned long long)m->patterns);
    fprintf(stderr, "  EM %d iterations%s, lambda %.4g, expected matches "
            "%.1f\n", m->iterations, m->converged ? "" : " (not converged)",
            m->lambda, m->matches);
    for (size_t i = 0; i < s->nfields; i++)
        for (size_t j = i + 1; j < s->nfields; j++)
            if (m->rho[i][j] > 1.05 || m->rho[i][j] < 0.95)
                fprintf(stderr, "  %s and %s agree together %.2f times as "
                        "often as independence says (weight %+.2f)\n",
                        s->fields[i].name, s->fields[j].name, m->rho[i][j],
                        m->w_rho[i][j]);
    if (m->pair[0] >= 0)
        fprintf(stderr, "  both names swapped: m %.5f, weight %+.2f\n",
                m->m_swap2, m->w_swap2);
    for (size_t f = 0; f < s->nfields; f++) {
        int L = sc_link_level_count(s->fields[f].kind);
        fprintf(stderr, "  %s:\n", s->fields[f].name);
        for (int l = 0; l < L; l++)
            fprintf(stderr, "    %-6s m %.5f  u %.3g  weight %+.2f\n",
                    sc_link_level_name(s->fields[f].kind, l), m->m[f][l],
                    m->u[f][l], m->w[f][l]);
    }
}

/* --- choosing the fields -------------------------------------------------- */

/* Applies "COL:KIND[,tf|,notf][,partner=COL2]" entries.  kinds[c] is the
 * kind of column c of A (-1: off), tf[c] -1 default / 0 / 1, partner[c]
 * a column or -1. */
static int apply_compare(const strlist *l, const loaded *fa, int *kinds,
                         int *explicit_col, int *tf, int *partner)
{
    for (size_t i = 0; i < l->n; i++) {
        char *e = dup_str(l->v[i]), *colon, *opt, *save = NULL;
        int c, kind;
        if (!e)
            return SC_EXIT_FAIL;
        /* COL:KIND[,options]: KIND follows the last ':' before the
         * first ',' (a column name may hold ':'). */
        {
            char *comma = strchr(e, ',');
            colon = NULL;
            for (char *q = e; *q && (!comma || q < comma); q++)
                if (*q == ':')
                    colon = q;
        }
        if (!colon) {
            cli_error("--compare '%s': expected COL:KIND", e);
            free(e);
            return SC_EXIT_USAGE;
        }
        *colon = '\0';
        c = col_index(fa, trim(e));
        if (c < 0) {
            cli_error("%s: missing column '%s' (--compare)", fa->path,
                      trim(e));
            free(e);
            return SC_EXIT_USAGE;
        }
        opt = strtok_r(colon + 1, ",", &save);
        if (!opt || (strcmp(trim(opt), "off") &&
                     sc_link_kind_parse(trim(opt), &kind) < 0)) {
            cli_error("--compare %s: unknown kind '%s' (name, date, id, "
                      "number, text, category, off)", e,
                      opt ? trim(opt) : "");
            free(e);
            return SC_EXIT_USAGE;
        }
        kinds[c] = strcmp(trim(opt), "off") ? kind : -1;
        explicit_col[c] = kinds[c] >= 0;
        while ((opt = strtok_r(NULL, ",", &save)) != NULL) {
            opt = trim(opt);
            if (!strcmp(opt, "tf"))
                tf[c] = 1;
            else if (!strcmp(opt, "notf"))
                tf[c] = 0;
            else if (!strncmp(opt, "partner=", 8)) {
                int pc = col_index(fa, trim(opt + 8));
                if (pc < 0) {
                    cli_error("%s: missing column '%s' (partner of '%s')",
                              fa->path, trim(opt + 8), e);
                    free(e);
                    return SC_EXIT_USAGE;
                }
                partner[c] = pc;
            } else {
                cli_error("--compare %s: unknown option '%s' (tf, notf, "
                          "partner=COL)", e, opt);
                free(e);
                return SC_EXIT_USAGE;
            }
        }
        free(e);
    }
    return 0;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* --- the command ---------------------------------------------------------- */

static int run(link_cfg *c)
{
    loaded files[2];
    sc_link_spec spec;
    sc_link_opts opts;
    sc_link_index *ix = NULL;
    sc_link_pairs pairs;
    sc_link_model model;
    char err[SC_ERRMSG_MAX];
    int *kinds = NULL, *explicit_col = NULL, *tf = NULL, *partner = NULL;
    int id_col[2] = { -1, -1 }, truth_col[2] = { -1, -1 };
    int *field_of_col = NULL;
    uint32_t *ent[2] = { NULL, NULL };
    uint32_t *cluster = NULL;
    int dedupe = c->nfiles == 1, rc = 0;
    const loaded *fb;
    FILE *out = NULL;

    memset(files, 0, sizeof files);
    memset(&pairs, 0, sizeof pairs);
    for (int f = 0; f < c->nfiles; f++) {
        rc = load_csv(c->file[f], &files[f]);
        if (rc)
            goto done;
    }
    fb = dedupe ? &files[0] : &files[1];

    /* The record identifier. */
    if (c->id_col) {
        for (int f = 0; f < c->nfiles; f++) {
            id_col[f] = col_index(&files[f], c->id_col);
            if (id_col[f] < 0) {
                cli_error("%s: missing column '%s' (--id)", files[f].path,
                          c->id_col);
                rc = SC_EXIT_USAGE;
                goto done;
            }
        }
    } else {
        for (size_t i = 0; i < files[0].ncols; i++) {
            int ok = sc_link_infer_is_id(files[0].names[i], files[0].t, i);
            int j = dedupe ? (int)i : col_index(&files[1], files[0].names[i]);
            if (ok && !dedupe)
                ok = j >= 0 && sc_link_infer_is_id(files[1].names[j],
                                                   files[1].t, (size_t)j);
            if (ok) {
                id_col[0] = (int)i;
                id_col[1] = j;
                break;
            }
        }
    }
    if (dedupe)
        id_col[1] = id_col[0];

    if (c->truth) {
        rc = truth_entities(c->truth, files, c->nfiles, ent, truth_col);
        if (rc)
            goto done;
    }

    /* Columns and kinds. */
    kinds = malloc(files[0].ncols * sizeof *kinds);
    explicit_col = calloc(files[0].ncols, sizeof *explicit_col);
    tf = malloc(files[0].ncols * sizeof *tf);
    partner = malloc(files[0].ncols * sizeof *partner);
    field_of_col = malloc(files[0].ncols * sizeof *field_of_col);
    if (!kinds || !explicit_col || !tf || !partner || !field_of_col) {
        rc = SC_EXIT_FAIL;
        cli_error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < files[0].ncols; i++) {
        kinds[i] = -2; /* not yet inferred */
        tf[i] = -1;
        partner[i] = -1;
    }
    rc = apply_compare(&c->compare, &files[0], kinds, explicit_col, tf,
                       partner);
    if (rc) {
        if (rc == SC_EXIT_FAIL)
            cli_error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->ignore.n; i++) {
        int ci = col_index(&files[0], c->ignore.v[i]);
        if (ci < 0) {
            cli_error("%s: missing column '%s' (--ignore)", files[0].path,
                      c->ignore.v[i]);
            rc = SC_EXIT_USAGE;
            goto done;
        }
        kinds[ci] = -1;
        explicit_col[ci] = 0;
    }
    sc_link_spec_init(&spec);
    for (size_t i = 0; i < files[0].ncols; i++) {
        int cb = dedupe ? (int)i : col_index(&files[1], files[0].names[i]);
        int fi;
        field_of_col[i] = -1;
        if ((int)i == id_col[0] || (int)i == truth_col[0] || kinds[i] == -1)
            continue;
        if (cb < 0) {
            if (explicit_col[i]) {
                cli_error("%s: missing column '%s'", files[1].path,
                          files[0].names[i]);
                rc = SC_EXIT_USAGE;
                goto done;
            }
            if (c->verbose)
                fprintf(stderr, "link: column '%s' is only in %s; not "
                        "compared\n", files[0].names[i], files[0].path);
            continue;
        }
        if (kinds[i] == -2)
            kinds[i] = sc_link_infer_kind(files[0].names[i], files[0].t, i);
        if (kinds[i] < 0)
            continue;
        fi = sc_link_spec_add_field(&spec, files[0].names[i], kinds[i], i,
                                    (size_t)cb);
        if (fi < 0) {
            cli_error("more than %d columns to compare; leave some out "
                      "with --ignore", SC_LINK_FIELDS_MAX);
            rc = SC_EXIT_USAGE;
            goto done;
        }
        if (tf[i] >= 0)
            spec.fields[fi].tf = (uint8_t)tf[i];
        field_of_col[i] = fi;
    }
    if (spec.nfields == 0) {
        cli_error("%s: no columns to compare", files[0].path);
        rc = SC_EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < files[0].ncols; i++) {
        int fi = field_of_col[i], pf;
        if (fi < 0 || partner[i] < 0)
            continue;
        pf = field_of_col[partner[i]];
        if (pf < 0 || spec.fields[fi].kind != SC_LINK_NAME ||
            spec.fields[pf].kind != SC_LINK_NAME || pf == fi) {
            cli_error("partner of '%s': '%s' must be another compared name "
                      "column", spec.fields[fi].name,
                      files[0].names[partner[i]]);
            rc = SC_EXIT_USAGE;
            goto done;
        }
        spec.fields[fi].partner = (int8_t)pf;
        spec.fields[pf].partner = (int8_t)fi;
    }
    sc_link_infer_partners(&spec);

    sc_link_opts_init(&opts);
    opts.threads = c->threads > 0 ? c->threads : default_threads();
    if (c->seed_set)
        opts.seed = c->seed;
    if (c->samples_set)
        opts.u_samples = c->u_samples;

    /* Blocking rules. */
    for (size_t i = 0; i < c->block.n; i++) {
        if (sc_link_spec_add_rule(&spec, c->block.v[i], err) < 0) {
            cli_error("--block: %s", err);
            rc = SC_EXIT_USAGE;
            goto done;
        }
    }
    if (spec.nrules == 0 &&
        sc_link_plan_rules(&spec, files[0].t, dedupe ? NULL : files[1].t,
                           &opts, err) < 0) {
        cli_error("%s", err);
        rc = SC_EXIT_USAGE;
        goto done;
    }
    if (sc_link_spec_check(&spec, err) < 0) {
        cli_error("%s", err);
        rc = SC_EXIT_USAGE;
        goto done;
    }

    /* The engine. */
    if (sc_link_index_create(&spec, fb->t, dedupe ? NULL : files[0].t,
                             opts.threads, &ix, err) < 0 ||
        sc_link_pairs_compute(ix, &opts, &pairs, err) < 0 ||
        sc_link_train(ix, &pairs, &opts, &model, err) < 0) {
        cli_error("%s", err);
        rc = SC_EXIT_FAIL;
        goto done;
    }
    sc_link_pairs_score(ix, &model, &pairs, opts.threads);
    if (c->verbose)
        describe(&spec, &model, &pairs, sc_link_table_rows(files[0].t),
                 sc_link_table_rows(fb->t), dedupe);

    /* Outputs. */
    out = c->out ? fopen(c->out, "w") : stdout;
    if (!out) {
        cli_error("cannot write '%s': %s", c->out, strerror(errno));
        rc = SC_EXIT_FAIL;
        goto done;
    }
    if (write_pairs(out, &spec, &pairs, c->threshold, c->all, &files[0],
                    fb, id_col) < 0 ||
        (c->out && fclose(out) != 0)) {
        if (c->out && out)
            out = NULL;
        cli_error("cannot write '%s'", c->out ? c->out : "standard output");
        rc = SC_EXIT_FAIL;
        goto done;
    }
    out = NULL;
    if (c->clusters) {
        size_t n = sc_link_table_rows(files[0].t);
        FILE *cf;
        int k;
        cluster = malloc((n ? n : 1) * sizeof *cluster);
        if (!cluster || (k = sc_link_cluster(n, &pairs, c->threshold, 0,
                                             cluster)) < 0) {
            cli_error("out of memory clustering");
            rc = SC_EXIT_FAIL;
            goto done;
        }
        cf = fopen(c->clusters, "w");
        if (!cf) {
            cli_error("cannot write '%s': %s", c->clusters,
                      strerror(errno));
            rc = SC_EXIT_FAIL;
            goto done;
        }
        fputs("id,cluster\n", cf);
        for (size_t i = 0; i < n; i++) {
            put_id(cf, &files[0], id_col[0], (uint32_t)i);
            fprintf(cf, ",%u\n", cluster[i]);
        }
        if (ferror(cf) | (fclose(cf) != 0)) {
            cli_error("cannot write '%s'", c->clusters);
            rc = SC_EXIT_FAIL;
            goto done;
        }
        if (c->verbose)
            fprintf(stderr, "  %d clusters\n", k);
    }
    if (c->truth) {
        sc_link_eval ev;
        if (sc_link_evaluate(&pairs, c->threshold, ent[0],
                             sc_link_table_rows(files[0].t),
                             dedupe ? NULL : ent[1],
                             sc_link_table_rows(fb->t), &ev) < 0) {
            cli_error("out of memory evaluating");
            rc = SC_EXIT_FAIL;
            goto done;
        }
        printf("precision=%.6f recall=%.6f f1=%.6f pairs=%llu\n",
               ev.precision, ev.recall, ev.f1,
               (unsigned long long)ev.predicted);
    }
    if (fflush(stdout) != 0) {
        cli_error("cannot write standard output");
        rc = SC_EXIT_FAIL;
    }

done:
    if (out && out != stdout)
        fclose(out);
    free(cluster);
    free(ent[0]);
    free(ent[1]);
    free(kinds);
    free(explicit_col);
    free(tf);
    free(partner);
    free(field_of_col);
    sc_link_pairs_release(&pairs);
    sc_link_index_destroy(ix);
    for (int f = 0; f < 2; f++)
        loaded_free(&files[f]);
    return rc;
}

int cmd_link(int argc, char **argv)
{
    enum { OPT_ALL = 256, OPT_COMPARE, OPT_IGNORE, OPT_BLOCK, OPT_ID,
           OPT_TRUTH, OPT_MODEL, OPT_THREADS, OPT_SEED, OPT_SAMPLES };
    static const struct option longopts[] = {
        { "out", required_argument, NULL, 'o' },
        { "all", no_argument, NULL, OPT_ALL },
        { "clusters", required_argument, NULL, 'c' },
        { "threshold", required_argument, NULL, 't' },
        { "compare", required_argument, NULL, OPT_COMPARE },
        { "ignore", required_argument, NULL, OPT_IGNORE },
        { "block", required_argument, NULL, OPT_BLOCK },
        { "id", required_argument, NULL, OPT_ID },
        { "truth", required_argument, NULL, OPT_TRUTH },
        { "model", required_argument, NULL, OPT_MODEL },
        { "threads", required_argument, NULL, OPT_THREADS },
        { "seed", required_argument, NULL, OPT_SEED },
        { "u-samples", required_argument, NULL, OPT_SAMPLES },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    link_cfg c;
    int opt, rc = 0;
    uint64_t v;

    memset(&c, 0, sizeof c);
    c.threshold = 0.5;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:c:t:vh", longopts, NULL)) !=
           -1) {
        switch (opt) {
        case 'o':
            c.out = optarg;
            break;
        case OPT_ALL:
            c.all = 1;
            break;
        case 'c':
            c.clusters = optarg;
            break;
        case 't':
            if (parse_prob("--threshold", optarg, &c.threshold) < 0)
                rc = SC_EXIT_USAGE;
            c.threshold_set = 1;
            break;
        case OPT_COMPARE:
            if (list_add(&c.compare, optarg) < 0)
                rc = SC_EXIT_FAIL;
            break;
        case OPT_IGNORE:
            if (add_ignores(&c, optarg) < 0)
                rc = SC_EXIT_FAIL;
            break;
        case OPT_BLOCK:
            if (list_add(&c.block, optarg) < 0)
                rc = SC_EXIT_FAIL;
            break;
        case OPT_ID:
            free(c.id_col);
            c.id_col = dup_str(optarg);
            break;
        case OPT_TRUTH:
            free(c.truth);
            c.truth = dup_str(optarg);
            break;
        case OPT_MODEL:
            c.model = optarg;
            break;
        case OPT_THREADS:
            if (parse_u64("--threads", optarg, 1, 256, &v) < 0)
                rc = SC_EXIT_USAGE;
            c.threads = (int)v;
            break;
        case OPT_SEED:
            if (parse_u64("--seed", optarg, 0, UINT64_MAX, &c.seed) < 0)
                rc = SC_EXIT_USAGE;
            c.seed_set = 1;
            break;
        case OPT_SAMPLES:
            if (parse_u64("--u-samples", optarg, 1000, 100000000,
                          &c.u_samples) < 0)
                rc = SC_EXIT_USAGE;
            c.samples_set = 1;
            break;
        case 'v':
            c.verbose = 1;
            break;
        case 'h':
            fputs(link_usage, stdout);
            goto done;
        case ':':
            cli_error("option '%s' needs a value", argv[optind - 1]);
            rc = SC_EXIT_USAGE;
            break;
        default:
            cli_error("unknown option '%s'; see 'scomm link --help'",
                      argv[optind - 1]);
            rc = SC_EXIT_USAGE;
            break;
        }
        if (rc)
            goto done;
    }
    for (int i = optind; i < argc; i++) {
        if (c.nfiles == 2) {
            cli_error("more than two files given; see 'scomm link --help'");
            rc = SC_EXIT_USAGE;
            goto done;
        }
        c.file[c.nfiles++] = argv[i];
    }
    if (c.nfiles == 0) {
        fputs(link_usage, stderr);
        rc = SC_EXIT_USAGE;
        goto done;
    }
    if (c.clusters && c.nfiles == 2) {
        cli_error("--clusters needs one file (deduplication)");
        rc = SC_EXIT_USAGE;
        goto done;
    }
    if (c.model && load_model(c.model, &c) < 0) {
        rc = SC_EXIT_USAGE;
        goto done;
    }
    rc = run(&c);
done:
    free(c.id_col);
    free(c.truth);
    list_free(&c.compare);
    list_free(&c.ignore);
    list_free(&c.block);
    return rc;
}
