/*
 * bench_link.c - speed and accuracy of the record-linkage engine.
 *
 * Jobs, each timed stage by stage (planning, index, candidate pairs,
 * training, scoring, clusters) and reported as records per second and
 * comparisons per second (candidate pairs plus the random pairs drawn
 * for u), with the peak resident memory and, since the truth is known,
 * precision, recall and F1:
 *
 *   febrl4       dataset4a.csv against dataset4b.csv of
 *                ../shared/data/febrl (or $SCOMM_SHARED_DATA/febrl), read
 *                as `scomm link` reads them; skipped when absent
 *   febrl4-like  5,000 originals against 5,000 duplicates generated with
 *                FEBRL 4's settings (sc_link_synth_febrl, seed 1)
 *   people       N synthetic person records from scomm's name and
 *                corruption model (sc_link_synth_people, seed 1),
 *                deduplicated; N = 1,000,000 unless given
 *
 * It prints figures; it never passes or fails on time.
 *
 * With --write FILE it writes the people records as CSV (with their
 * true entity in a last column, `entity`) and stops; with --write-febrl
 * DIR it writes febrl4a.csv, febrl4b.csv (FEBRL 4's settings) and
 * febrl1.csv (FEBRL 1's: 500 + 500, one modification) there, in FEBRL's
 * format, and stops -- so that `scomm link` can be run on the same data.
 *
 * usage: bench_link [--threads N] [--records N] [--skip-febrl]
 *                   [--write FILE] [--write-febrl DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scomm/io/csv_reader.h"
#include "scomm/link/linker.h"

#include "bench_util.h"

/* Reads a CSV file into a table, trimming spaces around fields; the
 * column names go to names (caller frees each and the array). */
static int read_csv(const char *path, sc_link_table **out, char ***names,
                    size_t *ncols)
{
    char err[SC_ERRMSG_MAX];
    sc_csv *c;
    const char **v;
    char **buf;
    int rc;

    if (sc_csv_open(path, &c, err) < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    *ncols = sc_csv_nfields(c);
    *names = calloc(*ncols, sizeof **names);
    v = calloc(*ncols, sizeof *v);
    buf = calloc(*ncols, sizeof *buf);
    if (!*names || !v || !buf || sc_link_table_create(*ncols, out) < 0)
        return -1;
    for (size_t i = 0; i < *ncols; i++) {
        const char *h = sc_csv_field(c, i);
        while (*h == ' ')
            h++;
        (*names)[i] = malloc(strlen(h) + 1);
        memcpy((*names)[i], h, strlen(h) + 1);
    }
    while ((rc = sc_csv_next(c, err)) == 1) {
        for (size_t i = 0; i < *ncols; i++) {
            const char *f = sc_csv_field(c, i);
            size_t n;
            while (*f == ' ')
                f++;
            n = strlen(f);
            while (n > 0 && f[n - 1] == ' ')
                n--;
            free(buf[i]);
            buf[i] = malloc(n + 1);
            memcpy(buf[i], f, n);
            buf[i][n] = '\0';
            v[i] = buf[i];
        }
        if (sc_link_table_add(*out, v) < 0)
            return -1;
    }
    for (size_t i = 0; i < *ncols; i++)
        free(buf[i]);
    free(buf);
    free(v);
    sc_csv_close(c);
    if (rc < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    return 0;
}

/* Entity numbers from FEBRL's rec-N-... identifiers. */
static uint32_t *febrl_entities(const sc_link_table *t)
{
    size_t n = sc_link_table_rows(t);
    uint32_t *e = malloc((n ? n : 1) * sizeof *e);

    for (size_t i = 0; e && i < n; i++) {
        const char *id = sc_link_table_value(t, i, 0);
        e[i] = (uint32_t)strtoul(id + 4, NULL, 10);
    }
    return e;
}

/* Builds a spec over the named columns by inference, as `scomm link`
 * does (every column but the first, the record id). */
static void infer_spec(sc_link_spec *s, const sc_link_table *t,
                       char *const *names, size_t ncols)
{
    sc_link_spec_init(s);
    for (size_t i = 1; i < ncols; i++) {
        int k = sc_link_infer_kind(names[i], t, i);
        if (k >= 0)
            sc_link_spec_add_field(s, names[i], k, i, i);
    }
    sc_link_infer_partners(s);
}

static int job(const char *label, const sc_link_table *a,
               const uint32_t *ent_a, const sc_link_table *b,
               const uint32_t *ent_b, char *const *names, size_t ncols,
               int threads)
{
    sc_link_spec s;
    sc_link_opts o;
    sc_link_index *ix;
    sc_link_pairs p;
    sc_link_model m;
    sc_link_eval ev;
    char err[SC_ERRMSG_MAX];
    size_t na = sc_link_table_rows(a), nb = b ? sc_link_table_rows(b) : 0;
    double t0, t1, t2, t3, t4, t5, t6, total, cmp;
    uint32_t *cl;
    int k;

    sc_link_opts_init(&o);
    o.threads = threads;
    t0 = bench_now();
    infer_spec(&s, a, names, ncols);
    if (sc_link_plan_rules(&s, a, b, &o, err) < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    t1 = bench_now();
    if (sc_link_index_create(&s, b ? b : a, b ? a : NULL, threads, &ix,
                             err) < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    t2 = bench_now();
    if (sc_link_pairs_compute(ix, &o, &p, err) < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    t3 = bench_now();
    if (sc_link_train(ix, &p, &o, &m, err) < 0) {
        fprintf(stderr, "bench_link: %s\n", err);
        return -1;
    }
    t4 = bench_now();
    sc_link_pairs_score(ix, &m, &p, threads);
    t5 = bench_now();
    cl = malloc((na ? na : 1) * sizeof *cl);
    k = b ? 0 : sc_link_cluster(na, &p, 0.5, 0, cl);
    t6 = bench_now();
    sc_link_evaluate(&p, 0.5, ent_a, na, ent_b, nb, &ev);
    total = t6 - t0;
    cmp = (double)p.n + (double)o.u_samples;
    if (b)
        printf("%s: %zu x %zu records, %zu rules, %zu candidate pairs, "
               "%d threads\n", label, na, nb, s.nrules, p.n, threads);
    else
        printf("%s: %zu records, %zu rules, %zu candidate pairs, "
               "%d threads\n", label, na, s.nrules, p.n, threads);
    for (size_t r = 0; r < s.nrules; r++) {
        char rb[256];
        sc_link_rule_format(&s, &s.rules[r], rb, sizeof rb);
        printf("  rule %-40s %llu pairs\n", rb,
               (unsigned long long)p.per_rule[r]);
    }
    printf("  plan %.2f s  index %.2f s  pairs %.2f s  train %.2f s  "
           "score %.2f s  clusters %.2f s  total %.2f s\n", t1 - t0,
           t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, total);
    printf("  %.0f records/s  %.0f comparisons/s  peak %.0f MiB\n",
           (double)(na + nb) / total, cmp / (t3 - t2 + t4 - t3),
           bench_peak_mib());
    printf("  EM %d iterations, lambda %.3g; precision %.4f recall %.4f "
           "f1 %.4f (%llu predicted, %llu true)\n", m.iterations,
           m.lambda, ev.precision, ev.recall, ev.f1,
           (unsigned long long)ev.predicted,
           (unsigned long long)ev.true_pairs);
    if (!b)
        printf("  %d clusters\n", k);
    free(cl);
    sc_link_pairs_release(&p);
    sc_link_index_destroy(ix);
    return 0;
}

/* A table in FEBRL's format (", " between fields). */
static int write_table(const char *dir, const char *name,
                       const sc_link_table *t)
{
    const char *const *cols = sc_link_synth_febrl_columns();
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    for (size_t c = 0; cols[c]; c++)
        fprintf(f, "%s%s", c ? ", " : "", cols[c]);
    fputc('\n', f);
    for (size_t i = 0; i < sc_link_table_rows(t); i++) {
        for (size_t c = 0; cols[c]; c++)
            fprintf(f, "%s%s", c ? ", " : "", sc_link_table_value(t, i, c));
        fputc('\n', f);
    }
    return fclose(f) == 0 ? 0 : 1;
}

static int write_febrl(const char *dir)
{
    sc_link_table *a, *b, *d;
    uint32_t *ea, *eb, *ed;
    int rc = 0;

    if (sc_link_synth_febrl(1, 5000, 5000, 2, 4, 1, &a, &ea, &b, &eb) < 0 ||
        sc_link_synth_febrl(2, 500, 500, 1, 1, 0, &d, &ed, NULL, NULL) < 0)
        return 1;
    rc |= write_table(dir, "febrl4a.csv", a);
    rc |= write_table(dir, "febrl4b.csv", b);
    rc |= write_table(dir, "febrl1.csv", d);
    sc_link_table_destroy(a);
    sc_link_table_destroy(b);
    sc_link_table_destroy(d);
    free(ea);
    free(eb);
    free(ed);
    return rc;
}

/* The synthetic people as CSV, with an `entity` column. */
static int write_people(const char *path, size_t records)
{
    sc_link_synth_noise nz;
    sc_link_table *t;
    uint32_t *ent;
    const char *const *cols = sc_link_synth_people_columns();
    FILE *f = fopen(path, "w");
    size_t nc = 0;

    if (!f) {
        perror(path);
        return 1;
    }
    sc_link_synth_noise_default(&nz);
    if (sc_link_synth_people(1, records, &nz, &t, &ent) < 0) {
        fclose(f);
        return 1;
    }
    for (; cols[nc]; nc++)
        fprintf(f, "%s,", cols[nc]);
    fprintf(f, "entity\n");
    for (size_t i = 0; i < sc_link_table_rows(t); i++) {
        for (size_t c = 0; c < nc; c++)
            fprintf(f, "%s,", sc_link_table_value(t, i, c));
        fprintf(f, "%u\n", ent[i]);
    }
    free(ent);
    sc_link_table_destroy(t);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    size_t records = 1000000;
    int skip_febrl = 0;
    const char *write_path = NULL, *febrl_dir = NULL;
    const char *root = getenv("SCOMM_SHARED_DATA");
    char pa[4096], pb[4096];

    if (threads < 1)
        threads = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--records") && i + 1 < argc)
            records = (size_t)strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--skip-febrl"))
            skip_febrl = 1;
        else if (!strcmp(argv[i], "--write") && i + 1 < argc)
            write_path = argv[++i];
        else if (!strcmp(argv[i], "--write-febrl") && i + 1 < argc)
            febrl_dir = argv[++i];
        else {
            fprintf(stderr, "usage: bench_link [--threads N] [--records N] "
                            "[--skip-febrl] [--write FILE]\n"
                            "                  [--write-febrl DIR]\n");
            return 2;
        }
    }
    if (threads < 1)
        threads = 1;
    if (!root || !*root)
        root = "../shared/data";
    snprintf(pa, sizeof pa, "%s/febrl/dataset4a.csv", root);
    snprintf(pb, sizeof pb, "%s/febrl/dataset4b.csv", root);

    if (write_path)
        return write_people(write_path, records);
    if (febrl_dir)
        return write_febrl(febrl_dir);
    if (!skip_febrl && access(pa, R_OK) == 0 && access(pb, R_OK) == 0) {
        sc_link_table *ta, *tb;
        char **na, **nb;
        size_t ca, cb;
        uint32_t *ea, *eb;
        double t0 = bench_now();
        if (read_csv(pa, &ta, &na, &ca) < 0 || read_csv(pb, &tb, &nb, &cb) < 0)
            return 1;
        printf("febrl4: read in %.2f s\n", bench_now() - t0);
        ea = febrl_entities(ta);
        eb = febrl_entities(tb);
        if (job("febrl4", ta, ea, tb, eb, na, ca, threads) < 0)
            return 1;
        free(ea);
        free(eb);
        for (size_t i = 0; i < ca; i++)
            free(na[i]);
        for (size_t i = 0; i < cb; i++)
            free(nb[i]);
        free(na);
        free(nb);
        sc_link_table_destroy(ta);
        sc_link_table_destroy(tb);
    } else if (!skip_febrl) {
        printf("febrl4: %s absent, skipped\n", pa);
    }

    {
        sc_link_table *ta, *tb;
        uint32_t *ea, *eb;
        const char *const *cols = sc_link_synth_febrl_columns();
        size_t ncols = 0;
        if (sc_link_synth_febrl(1, 5000, 5000, 2, 4, 1, &ta, &ea, &tb,
                                &eb) < 0) {
            fprintf(stderr, "bench_link: out of memory\n");
            return 1;
        }
        while (cols[ncols])
            ncols++;
        if (job("febrl4-like", ta, ea, tb, eb, (char *const *)cols, ncols,
                threads) < 0)
            return 1;
        free(ea);
        free(eb);
        sc_link_table_destroy(ta);
        sc_link_table_destroy(tb);
    }

    if (records > 0) {
        sc_link_synth_noise nz;
        sc_link_table *t;
        uint32_t *ent;
        const char *const *cols = sc_link_synth_people_columns();
        size_t ncols = 0;
        double t0 = bench_now();
        sc_link_synth_noise_default(&nz);
        if (sc_link_synth_people(1, records, &nz, &t, &ent) < 0) {
            fprintf(stderr, "bench_link: out of memory\n");
            return 1;
        }
        while (cols[ncols])
            ncols++;
        printf("people: generated %zu records in %.2f s\n", records,
               bench_now() - t0);
        if (job("people", t, ent, NULL, NULL, (char *const *)cols, ncols,
                threads) < 0)
            return 1;
        free(ent);
        sc_link_table_destroy(t);
    }
    return 0;
}
