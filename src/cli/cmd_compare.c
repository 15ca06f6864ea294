/*
 * cmd_compare.c - `scomm compare`: several policies on one world.
 *
 * For each replication r (seed + r) the world, the registries and the
 * bookings are built once and run through the pipeline under the first
 * policy; every further policy then re-decides the same bookings from the
 * same IDENT results and evidence (sc_sim_set_policy), so the policies
 * differ in nothing but their rules.  Per policy and replication it keeps
 * the counts of summary.json that matter to the comparison, and reports
 * their mean over replications with a 95% interval: mean +/- t x sd /
 * sqrt(N), sd the sample standard deviation across the N replications and
 * t the 0.975 quantile of Student's t with N - 1 degrees of freedom (no
 * interval for N = 1; cli_stats.c computes them).  The table goes to
 * stdout, DIR/compare.json is written with keys in a fixed order and
 * reals rounded to 4 decimals, so equal inputs give equal bytes whatever
 * --threads says.
 *
 * Data: a (policy x replication x metric) array of doubles.  Workload:
 * N runs of the pipeline plus (policies - 1) x N re-decisions, which cost
 * a small fraction of a run each.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "scomm/io/json_out.h"
#include "scomm/io/policy_reader.h"
#include "scomm/sim.h"

#define MAX_POLICIES 16
#define MAX_POLICY_FILES 16
#define MAX_DEFINITIONS 64
#define MAX_REPS 1000

static const char compare_usage[] =
    "usage: scomm compare [SCENARIO.ini] [--policy A,B,...] [options]\n"
    "\n"
    "Runs several detainer policies on one world and one set of bookings\n"
    "and reports, per policy: detainers issued, wrongful detainers\n"
    "(citizens; lawfully present and not removable), hours held, and\n"
    "removable people not detained.  Replication r uses seed + r and\n"
    "builds its own world; within it every policy decides the same\n"
    "bookings from the same IDENT results and records, so differences\n"
    "come from the rules alone.  With --reps N >= 2 each figure has a 95%\n"
    "interval across replications: mean +/- t(0.975, N-1) x sd/sqrt(N).\n"
    "Without SCENARIO the built-in default runs (1:100, FY2013).\n"
    "\n"
    "options:\n"
    "  -p, --policy LIST   comma-separated policies (default: the four\n"
    "                      shipped ones: database-only,priorities-2014,\n"
    "                      individualized,judicial); a name may also be\n"
    "                      a [policy.NAME] of the scenario or of a\n"
    "                      --policy-file\n"
    "  -P, --policy-file F more [policy.NAME] definitions (repeatable)\n"
    "  -r, --reps N        replications (default 1, at most 1000)\n"
    "  -o, --out DIR       folder for compare.json (default\n"
    "                      runs/NAME-compare); created if missing\n"
    "  -s, --seed N        master seed of replication 0 (overrides [run])\n"
    "  -t, --threads N     pipeline threads (default: all cores); outputs\n"
    "                      do not depend on it\n"
    "  -g, --geo-dir DIR   county files; overrides [run] geo_dir\n"
    "  -q, --quiet         no table on stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "docs/policies.md describes the rule language, the shipped policies\n"
    "and compare.json.  Exit status 0 on success, 2 on bad input, 1 when\n"
    "a run fails.\n";

/* The figures compared, in output order. */
enum metric {
    M_DETAINERS,
    M_SUPPORTED,
    M_WRONGFUL,
    M_WRONGFUL_CITIZEN,
    M_WRONGFUL_LAWFUL,
    M_HOLD_HOURS,
    M_HOLD_HOURS_WRONGFUL,
    M_MISSED,
    M_COUNT
};

static const struct {
    const char *key;      /* compare.json */
    const char *head;     /* table column, "" if not in the table */
    int hours;            /* a real, not a count */
} metrics[M_COUNT] = {
    [M_DETAINERS] = {"detainers", "detainers", 0},
    [M_SUPPORTED] = {"supported", "", 0},
    [M_WRONGFUL] = {"wrongful", "wrongful", 0},
    [M_WRONGFUL_CITIZEN] = {"wrongful_citizen", "citizens", 0},
    [M_WRONGFUL_LAWFUL] = {"wrongful_lawful_not_removable", "lawful", 0},
    [M_HOLD_HOURS] = {"hold_hours", "hold hours", 1},
    [M_HOLD_HOURS_WRONGFUL] = {"hold_hours_wrongful", "", 1},
    [M_MISSED] = {"missed", "missed", 0},
};

typedef struct compare {
    char name[256];               /* scenario name */
    const char *scenario;         /* its path, NULL for the default */
    sc_params p;
    int threads;
    long reps;
    size_t n_pol;
    sc_policy pol[MAX_POLICIES];
    const char *source[MAX_POLICIES]; /* "shipped" or the defining file */
    double *v;                    /* [policy][rep][metric] */
} compare;

static double *cell(compare *c, size_t pol, long rep)
{
    return &c->v[(pol * (size_t)c->reps + (size_t)rep) * M_COUNT];
}

/* ---- statistics ---- */

/* Mean and interval of metric m of one policy, summed in replication
 * order so that the result does not depend on anything else. */
static cli_stats summarize(compare *c, size_t pol, int m)
{
    return cli_stats_of(&cell(c, pol, 0)[m], c->reps, M_COUNT);
}

/* ---- arguments ---- */

/* Splits the --policy list into names (in place). */
static int split_names(char *list, char **names, size_t *n)
{
    char *s = list, *comma;

    *n = 0;
    for (;;) {
        comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        if (*s == '\0') {
            cli_error("--policy: empty policy name in the list");
            return -1;
        }
        for (size_t i = 0; i < *n; i++)
            if (strcmp(names[i], s) == 0) {
                cli_error("--policy: '%s' named twice", s);
                return -1;
            }
        if (*n == MAX_POLICIES) {
            cli_error("--policy: more than %d policies", MAX_POLICIES);
            return -1;
        }
        names[(*n)++] = s;
        if (!comma)
            return 0;
        s = comma + 1;
    }
}

/* Finds each name among the definitions read, then the shipped
 * policies. */
static int resolve_policies(compare *c, char **names, size_t n,
                            const sc_policy_set *defs,
                            const char *const *def_src)
{
    for (size_t i = 0; i < n; i++) {
        const sc_policy *d = sc_policy_set_find(defs, names[i]);
        if (d) {
            c->pol[i] = *d;
            c->source[i] = def_src[d - defs->v];
        } else if (sc_policy_builtin(names[i], &c->pol[i]) == 0) {
            c->source[i] = "shipped";
        } else {
            cli_error("--policy: unknown policy '%s' (shipped: "
                      "database-only, priorities-2014, individualized, "
                      "judicial%s)", names[i],
                      defs->n ? "; or one of the [policy.NAME] sections "
                                "read"
                              : "");
            return -1;
        }
    }
    c->n_pol = n;
    return 0;
}

/* ---- running ---- */

struct progress_ctx {
    long rep, reps;
};

static void rep_progress(const char *stage, uint64_t done, uint64_t total,
                         void *ud)
{
    const struct progress_ctx *pc = ud;
    char label[64];

    snprintf(label, sizeof label, "%ld/%ld %s", pc->rep + 1, pc->reps,
             stage);
    cli_progress(label, done, total, NULL);
}

static void take(compare *c, size_t pol, long rep, const sc_totals *t)
{
    double *v = cell(c, pol, rep);

    v[M_DETAINERS] = (double)t->detainers;
    v[M_SUPPORTED] = (double)t->supported;
    v[M_WRONGFUL] = (double)(t->wrong_citizen + t->wrong_lawful);
    v[M_WRONGFUL_CITIZEN] = (double)t->wrong_citizen;
    v[M_WRONGFUL_LAWFUL] = (double)t->wrong_lawful;
    /* To 0.1 h, as summary.json reports them. */
    v[M_HOLD_HOURS] = round(t->hold_hours * 10.0) / 10.0;
    v[M_HOLD_HOURS_WRONGFUL] = round(t->hold_hours_wrongful * 10.0) / 10.0;
    v[M_MISSED] = (double)t->missed;
}

/* One replication: one world, every policy.  Returns 0, or an exit
 * status with the error printed. */
static int run_rep(compare *c, long rep)
{
    struct progress_ctx pc = {rep, c->reps};
    sc_params p = c->p;
    sc_sim *sim = NULL;
    int rc;

    p.seed = c->p.seed + (uint64_t)rep;
    if ((rc = cli_sim_create(&p, rep_progress, &pc, &sim)) != 0)
        return rc;
    rc = sc_sim_set_policy(sim, &c->pol[0]);
    if (rc == 0)
        rc = sc_sim_run(sim, c->threads);
    for (size_t k = 0; rc == 0 && k < c->n_pol; k++) {
        if (k > 0)
            rc = sc_sim_set_policy(sim, &c->pol[k]);
        if (rc == 0)
            take(c, k, rep, sc_sim_totals(sim));
    }
    if (rc < 0) {
        cli_progress_end();
        cli_error("%s", sc_sim_errmsg(sim));
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    sc_sim_destroy(sim);
    return 0;
}

/* ---- outputs ---- */

/* Reals to 4 decimals: enough for any count's mean, and free of the
 * last-digit noise that would make equal results print differently. */
static json_t *real4(double x)
{
    if (isnan(x))
        return json_null();
    return json_real(round(x * 1e4) / 1e4 + 0.0);
}

static json_t *uint_or_string(uint64_t v)
{
    char buf[32];

    if (v <= (uint64_t)INT64_MAX)
        return json_integer((json_int_t)v);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
    return json_string(buf);
}

static json_t *build_json(compare *c)
{
    sc_json_builder b = {1};
    json_t *root = json_object(), *a, *o, *pols;
    char date[16], line[512];

    sc_json_set(&b, root, "scenario", json_string(c->name));
    sc_json_set(&b, root, "version", json_string(SC_VERSION));
    sc_json_set(&b, root, "seed", uint_or_string(c->p.seed));
    sc_json_set(&b, root, "replications", json_integer(c->reps));
    a = json_array();
    for (long r = 0; r < c->reps; r++)
        sc_json_push(&b, a, uint_or_string(c->p.seed + (uint64_t)r));
    sc_json_set(&b, root, "seeds", a);
    sc_json_set(&b, root, "scale", json_real(c->p.scale));
    sc_json_set(&b, root, "start",
                json_string(sc_date_format(c->p.start, date)));
    sc_json_set(&b, root, "end", json_string(sc_date_format(c->p.end, date)));

    o = json_object();
    sc_json_set(&b, o, "level", json_real(0.95));
    sc_json_set(&b, o, "method", json_string("student-t across replications"));
    sc_json_set(&b, o, "formula", json_string("mean +/- t(0.975, N-1) * sd / "
                                      "sqrt(N), sd the sample standard "
                                      "deviation; null when N = 1"));
    sc_json_set(&b, o, "df",
                c->reps > 1 ? json_integer(c->reps - 1) : json_null());
    sc_json_set(&b, o, "t",
        c->reps > 1 ? real4(cli_t975(c->reps - 1)) : json_null());
    sc_json_set(&b, root, "interval", o);

    pols = json_array();
    for (size_t k = 0; k < c->n_pol; k++) {
        json_t *pj = json_object(), *rules = json_array(), *ms;
        sc_json_set(&b, pj, "policy", json_string(c->pol[k].name));
        sc_json_set(&b, pj, "defined_in", json_string(c->source[k]));
        for (int i = 0; i < c->pol[k].n; i++) {
            sc_policy_rule_format(&c->pol[k], i, line, sizeof line);
            sc_json_push(&b, rules, json_string(line));
        }
        sc_json_set(&b, pj, "rules", rules);
        ms = json_object();
        for (int m = 0; m < M_COUNT; m++) {
            cli_stats s = summarize(c, k, m);
            json_t *mj = json_object(), *reps = json_array();
            sc_json_set(&b, mj, "mean", real4(s.mean));
            sc_json_set(&b, mj, "sd", real4(s.sd));
            sc_json_set(&b, mj, "low", real4(s.low));
            sc_json_set(&b, mj, "high", real4(s.high));
            for (long r = 0; r < c->reps; r++) {
                double v = cell(c, k, r)[m];
                sc_json_push(&b, reps, metrics[m].hours ? real4(v)
                                                : json_integer((json_int_t)v));
            }
            sc_json_set(&b, mj, "reps", reps);
            sc_json_set(&b, ms, metrics[m].key, mj);
        }
        sc_json_set(&b, pj, "metrics", ms);
        sc_json_push(&b, pols, pj);
    }
    sc_json_set(&b, root, "policies", pols);
    if (!b.ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* DIR/compare.json (cli_write_in: under a temporary name, renamed). */
static int write_json(compare *c, const char *dir)
{
    json_t *root = build_json(c);
    int rc;

    if (!root) {
        cli_error("out of memory");
        return -1;
    }
    rc = cli_write_json_in(dir, "compare.json", root);
    json_decref(root);
    return rc;
}

/* One table cell: "mean" or "mean +/-half". */
static void format_cell(compare *c, size_t k, int m, char *buf, size_t len)
{
    cli_stats s = summarize(c, k, m);

    if (c->reps < 2) {
        if (metrics[m].hours)
            snprintf(buf, len, "%.1f", s.mean);
        else
            snprintf(buf, len, "%.0f", s.mean);
    } else {
        snprintf(buf, len, "%.1f ±%.1f", s.mean, s.high - s.mean);
    }
}

static void print_table(compare *c, FILE *f)
{
    char cells[MAX_POLICIES][M_COUNT][64], date[16];
    int w[M_COUNT], wname = (int)strlen("policy");

    fprintf(f, "scomm compare: %s, %ld replication%s (seed%s %llu",
            c->name, c->reps, c->reps == 1 ? "" : "s",
            c->reps == 1 ? "" : "s", (unsigned long long)c->p.seed);
    if (c->reps > 1)
        fprintf(f, "..%llu",
                (unsigned long long)(c->p.seed + (uint64_t)c->reps - 1));
    fprintf(f, "), %s to ", sc_date_format(c->p.start, date));
    fprintf(f, "%s, scale %g\n", sc_date_format(c->p.end, date),
            c->p.scale);
    if (c->reps > 1)
        fprintf(f, "mean per replication ± half-width of the 95%% "
                   "interval, t(0.975, %ld) = %.3f\n\n",
                c->reps - 1, cli_t975(c->reps - 1));
    else
        fprintf(f, "one replication: no interval (use --reps 2 or "
                   "more)\n\n");

    for (size_t k = 0; k < c->n_pol; k++)
        if ((int)strlen(c->pol[k].name) > wname)
            wname = (int)strlen(c->pol[k].name);
    for (int m = 0; m < M_COUNT; m++) {
        w[m] = cli_text_width(metrics[m].head);
        for (size_t k = 0; k < c->n_pol; k++) {
            format_cell(c, k, m, cells[k][m], sizeof cells[k][m]);
            if (cli_text_width(cells[k][m]) > w[m])
                w[m] = cli_text_width(cells[k][m]);
        }
    }
    fprintf(f, "%-*s", wname, "policy");
    for (int m = 0; m < M_COUNT; m++)
        if (metrics[m].head[0])
            fprintf(f, "  %*s", w[m], metrics[m].head);
    fputc('\n', f);
    for (size_t k = 0; k < c->n_pol; k++) {
        fprintf(f, "%-*s", wname, c->pol[k].name);
        for (int m = 0; m < M_COUNT; m++)
            if (metrics[m].head[0])
                fprintf(f, "  %*s%s",
                        w[m] - cli_text_width(cells[k][m]), "", cells[k][m]);
        fputc('\n', f);
    }
    fprintf(f, "\nwrongful = citizens + lawful (lawfully present, not "
               "removable); hours are\nhours held past release under "
               "honoured detainers; missed = removable, no detainer.\n");
}

/* ---- the command ---- */

int cmd_compare(int argc, char **argv)
{
    static const struct option opts[] = {
        { "policy", required_argument, NULL, 'p' },
        { "policy-file", required_argument, NULL, 'P' },
        { "reps", required_argument, NULL, 'r' },
        CLI_RUN_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    char default_list[] =
        "database-only,priorities-2014,individualized,judicial";
    const char *files[MAX_POLICY_FILES];
    const char *def_src[MAX_DEFINITIONS];
    size_t n_files = 0, n_names = 0;
    char *list = NULL, *names[MAX_POLICIES];
    cli_run_opts ro;
    const char *scenario, *out;
    long reps = 1;
    int ch, status = 0;
    char err[SC_ERRMSG_MAX] = "", outbuf[4096];
    sc_policy_set defs;
    compare *c;

    cli_run_opts_init(&ro);
    while ((ch = getopt_long(argc, argv, "p:P:r:" CLI_RUN_SHORTOPTS, opts,
                             NULL)) != -1) {
        status = cli_run_opt("compare", compare_usage, ch, argv, &ro);
        if (status == CLI_OPT_TAKEN)
            continue;
        if (status != CLI_OPT_OWN)
            return status;
        switch (ch) {
        case 'p': list = optarg; break;
        case 'P':
            if (n_files == MAX_POLICY_FILES) {
                cli_error("--policy-file: more than %d files",
                          MAX_POLICY_FILES);
                return SC_EXIT_USAGE;
            }
            files[n_files++] = optarg;
            break;
        case 'r':
            if (cli_parse_count("--reps", optarg, MAX_REPS, &reps) < 0)
                return SC_EXIT_USAGE;
            break;
        default:
            break;
        }
    }
    status = 0;
    if (cli_scenario_arg("compare", argc, argv, &scenario) != 0)
        return SC_EXIT_USAGE;
    out = ro.out;

    c = calloc(1, sizeof *c);
    if (!c) {
        cli_error("out of memory");
        return SC_EXIT_FAIL;
    }
    sc_policy_set_init(&defs);
    snprintf(c->name, sizeof c->name, "default");
    c->reps = reps;
    c->threads = (int)ro.threads;
    if (scenario) {
        c->scenario = scenario;
        cli_scenario_name(c->scenario, c->name, sizeof c->name);
    }
    status = cli_load_params(c->scenario, ro.seed, ro.geo_dir, c->threads,
                             &c->p);
    if (status != 0)
        goto done;

    /* Definitions: the scenario's [policy.NAME] sections, then the
     * --policy-file ones; a name defined twice is refused. */
    if (c->scenario) {
        if (sc_policy_read(c->scenario, SC_POLICY_READ_SCENARIO, &defs,
                           err) < 0) {
            cli_error("%s", err);
            status = SC_EXIT_USAGE;
            goto done;
        }
        for (size_t i = 0; i < defs.n && i < MAX_DEFINITIONS; i++)
            def_src[i] = c->scenario;
    }
    for (size_t f = 0; f < n_files; f++) {
        size_t before = defs.n;
        if (sc_policy_read(files[f], 0, &defs, err) < 0) {
            cli_error("%s", err);
            status = SC_EXIT_USAGE;
            goto done;
        }
        for (size_t i = before; i < defs.n && i < MAX_DEFINITIONS; i++)
            def_src[i] = files[f];
    }
    if (defs.n > MAX_DEFINITIONS) {
        cli_error("more than %d policy definitions", MAX_DEFINITIONS);
        status = SC_EXIT_USAGE;
        goto done;
    }
    if (split_names(list ? list : default_list, names, &n_names) < 0 ||
        resolve_policies(c, names, n_names, &defs, def_src) < 0) {
        status = SC_EXIT_USAGE;
        goto done;
    }

    if (!out) {
        snprintf(outbuf, sizeof outbuf, "runs/%s-compare", c->name);
        out = outbuf;
    }
    {
        /* Refuse an unusable --out before the runs, not after them. */
        struct stat st;
        if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
            cli_error("--out: '%s' exists and is not a folder", out);
            status = SC_EXIT_USAGE;
            goto done;
        }
    }
    c->v = calloc(c->n_pol * (size_t)c->reps * M_COUNT, sizeof *c->v);
    if (!c->v) {
        cli_error("out of memory");
        status = SC_EXIT_FAIL;
        goto done;
    }
    for (long r = 0; r < c->reps; r++)
        if ((status = run_rep(c, r)) != 0)
            goto done;
    cli_progress_end();
    if (write_json(c, out) < 0) {
        status = SC_EXIT_FAIL;
        goto done;
    }
    if (!ro.quiet) {
        print_table(c, stdout);
        printf("\noutput: %s/compare.json\n", out);
    }
done:
    cli_progress_end();
    sc_policy_set_release(&defs);
    free(c->v);
    free(c);
    return status;
}
