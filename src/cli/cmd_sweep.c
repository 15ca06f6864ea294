/*
 * cmd_sweep.c - `scomm sweep`: the outcome figures across a grid of
 * parameter values and seeds, for sensitivity analysis.
 *
 * Each --vary SECTION.KEY=V1,V2,... names one scenario key and the values
 * it takes; the grid is the cartesian product of the lists in the order
 * given, the last list varying fastest (as the digits of a number).  Each
 * value goes through sc_params_set, the function that reads the key from
 * a scenario file, so it meets the same parser and the same range, and
 * every grid point's whole parameter set passes sc_params_validate before
 * anything runs: bad input costs no run and leaves no folder.  For each
 * point and replication r (seed + r) the world is built anew -- a varied
 * parameter may shape the world, the registries or the bookings -- and
 * run under one policy; the figures of `scomm compare` are kept, with the
 * primary-cause counts of every cause, so that the three causes with the
 * most wrongful detainers over the whole sweep can be chosen after the
 * runs.  Means and 95% intervals come from cli_stats.c, as in compare.
 * The table goes to stdout; DIR/sweep.json is written with keys in a
 * fixed order under a temporary name and renamed, equal bytes for any
 * --threads.
 *
 * Data: (point x replication x metric) and (point x replication x cause)
 * arrays of doubles, at most 64 points.  Workload: points x N full runs
 * (world, registries, bookings, pipeline), one after another, each on
 * --threads threads.
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

#define MAX_VARY 8
#define MAX_POINTS 64
#define MAX_REPS 1000
#define TOP_CAUSES 3
#define CELL 272          /* a table cell: a value of up to 255 bytes */

static const char sweep_usage[] =
    "usage: scomm sweep [SCENARIO.ini] --vary SECTION.KEY=V1,V2[,...]\n"
    "                   [--vary ...] [options]\n"
    "\n"
    "Runs the scenario at every point of a grid of parameter values, N\n"
    "replications each (seed + r, r < N), and reports per point: detainers,\n"
    "wrongful detainers (citizens; lawfully present and not removable),\n"
    "their share of detainers, hours held, removable people not detained,\n"
    "and the wrongful detainers of the three causes with the most of them\n"
    "over the whole sweep.  The grid is the cartesian product of the\n"
    "--vary lists in the order given, the last varying fastest.  Each\n"
    "value is read as the scenario file's value would be (same parser,\n"
    "same range; 'scomm params' lists the keys), and each point's whole\n"
    "parameter set is checked before anything runs.  With --reps N >= 2\n"
    "each figure has a 95% interval across replications: mean +/-\n"
    "t(0.975, N-1) x sd/sqrt(N).  Without SCENARIO the built-in default\n"
    "runs (1:100, FY2013).\n"
    "\n"
    "options:\n"
    "  -v, --vary K=LIST   a key (SECTION.KEY, e.g. registry.omission) and\n"
    "                      its comma-separated values; at most 8 keys, each\n"
    "                      once, and at most 64 grid points in all\n"
    "  -p, --policy NAME   the policy of every run (default: the\n"
    "                      scenario's); a shipped one or a [policy.NAME]\n"
    "                      of the scenario\n"
    "  -r, --reps N        replications per point (default 1, at most 1000)\n"
    "  -o, --out DIR       folder for sweep.json (default runs/sweep-NAME,\n"
    "                      NAME the scenario's file name or `default`);\n"
    "                      created if missing\n"
    "  -s, --seed N        master seed of replication 0 (overrides [run])\n"
    "  -t, --threads N     pipeline threads (default: all cores); outputs\n"
    "                      do not depend on it\n"
    "  -g, --geo-dir DIR   county files; overrides [run] geo_dir\n"
    "  -q, --quiet         no table on stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "docs/sweep.md describes the table and sweep.json.  Exit status 0 on\n"
    "success, 2 on bad input (the flag and the value named), 1 when a run\n"
    "fails.\n";

/* The figures of each run, in output order. */
enum metric {
    M_DETAINERS,
    M_WRONGFUL,
    M_WRONGFUL_CITIZEN,
    M_WRONGFUL_LAWFUL,
    M_WRONGFUL_SHARE,
    M_HOLD_HOURS,
    M_MISSED,
    M_COUNT
};

enum kind { K_COUNT, K_HOURS, K_SHARE };

static const struct {
    const char *key;      /* sweep.json */
    const char *head;     /* table column */
    enum kind kind;
} metrics[M_COUNT] = {
    [M_DETAINERS] = {"detainers", "detainers", K_COUNT},
    [M_WRONGFUL] = {"wrongful", "wrongful", K_COUNT},
    [M_WRONGFUL_CITIZEN] = {"wrongful_citizen", "citizens", K_COUNT},
    [M_WRONGFUL_LAWFUL] = {"wrongful_lawful_not_removable", "lawful",
                           K_COUNT},
    [M_WRONGFUL_SHARE] = {"wrongful_share", "share", K_SHARE},
    [M_HOLD_HOURS] = {"hold_hours", "hold hours", K_HOURS},
    [M_MISSED] = {"missed", "missed", K_COUNT},
};

/* One --vary: a key and its values, as given (trimmed). */
typedef struct vary {
    const sc_param_key *key;
    char name[128];                 /* "section.key" */
    size_t n;
    const char *text[MAX_POINTS];
} vary;

typedef struct sweep {
    char name[256];                 /* scenario name */
    const char *scenario;           /* its path, NULL for the default */
    sc_params p;                    /* the scenario with the flags */
    sc_policy pol;
    int threads;
    long reps;
    size_t n_vary, n_points;
    vary v[MAX_VARY];
    sc_params *pt;                  /* [point]: p with the point's values */
    double *m;                      /* [point][rep][metric] */
    double *cause;                  /* [point][rep][cause] */
    double contrib[SC_CAUSE_COUNT]; /* contributing counts, whole sweep */
    int top[TOP_CAUSES];
    size_t n_top;
} sweep;

static double *mcell(const sweep *s, size_t i, long r)
{
    return &s->m[(i * (size_t)s->reps + (size_t)r) * M_COUNT];
}

static double *ccell(const sweep *s, size_t i, long r)
{
    return &s->cause[(i * (size_t)s->reps + (size_t)r) * SC_CAUSE_COUNT];
}

/* The index into v[j]'s values of grid point i: the digits of i in the
 * mixed radix of the list lengths, the last list the lowest digit. */
static size_t value_index(const sweep *s, size_t i, size_t j)
{
    for (size_t k = s->n_vary; k-- > j + 1;)
        i /= s->v[k].n;
    return i % s->v[j].n;
}

/* ---- values ---- */

static const void *field_of(const sc_params *p, const sc_param_key *k)
{
    return (const char *)p + k->offset;
}

/* A key's value as the table shows it: reals to 15 significant digits,
 * as sweep.json writes them; anything else as a scenario file holds it. */
static void value_text(const sc_params *p, const sc_param_key *k,
                       char *buf, size_t len)
{
    if (k->type == SC_PT_DOUBLE)
        snprintf(buf, len, "%.*g", SC_JSON_REAL_DIGITS,
                 *(const double *)field_of(p, k));
    else
        sc_params_get(p, k, buf, len);
}

/* The reason of an sc_params_set error, without its leading "key: ". */
static const char *reason(const char *err, const sc_param_key *k)
{
    size_t len = strlen(k->name);

    if (strncmp(err, k->name, len) == 0 && err[len] == ':' &&
        err[len + 1] == ' ')
        return err + len + 2;
    return err;
}

/* Cuts leading and trailing blanks in place, as the INI reader does
 * around a value. */
static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = '\0';
    return s;
}

/* ---- arguments ---- */

/* Reads one --vary (in place) into s->v[s->n_vary].  Returns 0, or -1
 * with the error printed. */
static int parse_vary(sweep *s, char *arg)
{
    vary *v = &s->v[s->n_vary];
    char *eq = strchr(arg, '='), *dot, *item;
    char err[SC_ERRMSG_MAX], canon[SC_PARAM_STR_MAX], prev[SC_PARAM_STR_MAX];
    sc_params scratch, other;

    if (!eq || eq == arg || !(dot = memchr(arg, '.', (size_t)(eq - arg)))) {
        cli_error("--vary %s: not SECTION.KEY=V1,V2,...", arg);
        return -1;
    }
    *eq = '\0';
    *dot = '\0';
    v->key = sc_param_find(arg, dot + 1);
    *dot = '.';
    if (!v->key) {
        cli_error("--vary %s: unknown key (see 'scomm params')", arg);
        return -1;
    }
    if (strcmp(v->key->section, "run") == 0 &&
        strcmp(v->key->name, "seed") == 0) {
        cli_error("--vary %s: seeds come from --seed and --reps", arg);
        return -1;
    }
    if (strcmp(v->key->section, "run") == 0 &&
        strcmp(v->key->name, "policy") == 0) {
        cli_error("--vary %s: a sweep runs one policy (--policy); "
                  "'scomm compare' sets policies side by side", arg);
        return -1;
    }
    snprintf(v->name, sizeof v->name, "%s.%s", v->key->section,
             v->key->name);
    for (size_t j = 0; j < s->n_vary; j++)
        if (s->v[j].key == v->key) {
            cli_error("--vary %s: the key is varied twice", v->name);
            return -1;
        }

    v->n = 0;
    for (char *list = eq + 1;;) {
        char *comma = strchr(list, ',');
        if (comma)
            *comma = '\0';
        item = trim(list);
        if (*item == '\0') {
            cli_error("--vary %s: an empty value in the list", v->name);
            return -1;
        }
        if (v->n == MAX_POINTS) {
            cli_error("--vary %s: more than %d values", v->name,
                      MAX_POINTS);
            return -1;
        }
        scratch = s->p;
        if (sc_params_set(&scratch, v->key->section, v->key->name, item,
                          err) < 0) {
            cli_error("--vary %s=%s: %s", v->name, item,
                      reason(err, v->key));
            return -1;
        }
        /* Equal values make equal points: refuse 0.8 after 0.80. */
        sc_params_get(&scratch, v->key, canon, sizeof canon);
        for (size_t k = 0; k < v->n; k++) {
            other = s->p;
            sc_params_set(&other, v->key->section, v->key->name,
                          v->text[k], err);
            sc_params_get(&other, v->key, prev, sizeof prev);
            if (strcmp(canon, prev) == 0) {
                cli_error("--vary %s=%s: the value is given twice",
                          v->name, item);
                return -1;
            }
        }
        v->text[v->n++] = item;
        if (!comma)
            break;
        list = comma + 1;
    }
    s->n_vary++;
    return 0;
}

/* "registry.omission=0.01, booking.pob_missing=0.2" for point i. */
static void describe_point(const sweep *s, size_t i, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t j = 0; j < s->n_vary && used < len; j++) {
        int w = snprintf(buf + used, len - used, "%s%s=%s", j ? ", " : "",
                         s->v[j].name, s->v[j].text[value_index(s, i, j)]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* The grid: each point's parameters, checked whole.  Returns 0, or an
 * exit status with the error printed. */
static int build_points(sweep *s)
{
    char err[SC_ERRMSG_MAX], what[1024];
    size_t n = 1;

    for (size_t j = 0; j < s->n_vary; j++)
        n *= s->v[j].n;         /* <= 64^8: no overflow */
    if (n > MAX_POINTS) {
        cli_error("--vary: the grid has %zu points, more than %d", n,
                  MAX_POINTS);
        return SC_EXIT_USAGE;
    }
    s->n_points = n;
    s->pt = calloc(n, sizeof *s->pt);
    if (!s->pt) {
        cli_error("out of memory");
        return SC_EXIT_FAIL;
    }
    for (size_t i = 0; i < n; i++) {
        s->pt[i] = s->p;
        for (size_t j = 0; j < s->n_vary; j++) {
            const vary *v = &s->v[j];
            /* Each value parsed once already: this cannot fail. */
            if (sc_params_set(&s->pt[i], v->key->section, v->key->name,
                              v->text[value_index(s, i, j)], err) < 0) {
                cli_error("--vary %s: %s", v->name, err);
                return SC_EXIT_USAGE;
            }
        }
        if (sc_params_validate(&s->pt[i], err) < 0) {
            describe_point(s, i, what, sizeof what);
            cli_error("--vary: point %zu (%s) is not a valid scenario: %s",
                      i + 1, what, err);
            return SC_EXIT_USAGE;
        }
    }
    return 0;
}

/* ---- running ---- */

struct progress_ctx {
    size_t point, points;
    long rep, reps;
};

static void run_progress(const char *stage, uint64_t done, uint64_t total,
                         void *ud)
{
    const struct progress_ctx *pc = ud;
    char label[96];

    snprintf(label, sizeof label, "point %zu/%zu rep %ld/%ld %s",
             pc->point + 1, pc->points, pc->rep + 1, pc->reps, stage);
    cli_progress(label, done, total, NULL);
}

static void take(sweep *s, size_t i, long r, const sc_totals *t)
{
    double *v = mcell(s, i, r), *c = ccell(s, i, r);
    uint64_t wrongful = t->wrong_citizen + t->wrong_lawful;

    v[M_DETAINERS] = (double)t->detainers;
    v[M_WRONGFUL] = (double)wrongful;
    v[M_WRONGFUL_CITIZEN] = (double)t->wrong_citizen;
    v[M_WRONGFUL_LAWFUL] = (double)t->wrong_lawful;
    /* No detainer, none wrongful: a share of 0, not a hole in the mean. */
    v[M_WRONGFUL_SHARE] = t->detainers ? (double)wrongful /
                                             (double)t->detainers
                                       : 0.0;
    /* To 0.1 h, as summary.json reports them. */
    v[M_HOLD_HOURS] = round(t->hold_hours * 10.0) / 10.0;
    v[M_MISSED] = (double)t->missed;
    for (int k = 0; k < SC_CAUSE_COUNT; k++) {
        c[k] = (double)t->causes[k];
        s->contrib[k] += (double)t->contributing[k];
    }
}

/* Point i, replication r: a world of its own.  Returns 0, or an exit
 * status with the error printed. */
static int run_one(sweep *s, size_t i, long r)
{
    struct progress_ctx pc = {i, s->n_points, r, s->reps};
    sc_params p = s->pt[i];
    sc_sim *sim = NULL;
    char what[1024];
    int rc;

    p.seed = s->p.seed + (uint64_t)r;
    rc = cli_sim_create(&p, run_progress, &pc, &sim);
    if (rc == 0) {
        rc = sc_sim_set_policy(sim, &s->pol);
        if (rc == 0)
            rc = sc_sim_run(sim, s->threads);
        if (rc < 0) {
            cli_progress_end();
            cli_error("%s", sc_sim_errmsg(sim));
            rc = SC_EXIT_FAIL;
        } else {
            take(s, i, r, sc_sim_totals(sim));
        }
        sc_sim_destroy(sim);
    }
    if (rc != 0) {
        describe_point(s, i, what, sizeof what);
        cli_error("sweep: point %zu (%s), seed %llu failed", i + 1, what,
                  (unsigned long long)p.seed);
    }
    return rc;
}

/* The causes with the most wrongful detainers as primary cause over the
 * whole sweep, at most TOP_CAUSES and none with no detainer; ties go to
 * the more contributing, then to the first name, as in the summary. */
static void pick_top(sweep *s)
{
    double total[SC_CAUSE_COUNT] = {0};
    int taken[SC_CAUSE_COUNT] = {0};

    for (size_t i = 0; i < s->n_points; i++)
        for (long r = 0; r < s->reps; r++)
            for (int k = 0; k < SC_CAUSE_COUNT; k++)
                total[k] += ccell(s, i, r)[k];
    s->n_top = 0;
    while (s->n_top < TOP_CAUSES) {
        int best = -1;
        for (int k = SC_CAUSE_NONE + 1; k < SC_CAUSE_COUNT; k++) {
            if (taken[k] || total[k] <= 0)
                continue;
            if (best < 0 || total[k] > total[best] ||
                (total[k] == total[best] &&
                 (s->contrib[k] > s->contrib[best] ||
                  (s->contrib[k] == s->contrib[best] &&
                   strcmp(sc_cause_name(k), sc_cause_name(best)) < 0))))
                best = k;
        }
        if (best < 0)
            break;
        taken[best] = 1;
        s->top[s->n_top++] = best;
    }
}

/* ---- outputs ---- */

/* Reals to 4 decimals, as compare.json: free of the last-digit noise
 * that would make equal results print differently. */
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

/* A key's value in p, typed: a number for numeric keys, else text. */
static json_t *value_json(const sc_params *p, const sc_param_key *k)
{
    char buf[SC_PARAM_STR_MAX];

    switch (k->type) {
    case SC_PT_DOUBLE:
        return json_real(*(const double *)field_of(p, k));
    case SC_PT_INT:
        return json_integer(*(const int *)field_of(p, k));
    case SC_PT_U64:
        return uint_or_string(*(const uint64_t *)field_of(p, k));
    case SC_PT_DATE:
    case SC_PT_STRING:
        break;
    }
    sc_params_get(p, k, buf, sizeof buf);
    return json_string(buf);
}

static json_t *point_json(sc_json_builder *b, const sweep *s, size_t i)
{
    json_t *pj = json_object(), *vals = json_object(), *ms = json_object();
    json_t *cs = json_object();

    for (size_t j = 0; j < s->n_vary; j++)
        sc_json_set(b, vals, s->v[j].name, value_json(&s->pt[i], s->v[j].key));
    sc_json_set(b, pj, "values", vals);
    for (int m = 0; m < M_COUNT; m++) {
        cli_stats st = cli_stats_of(&mcell(s, i, 0)[m], s->reps, M_COUNT);
        json_t *mj = json_object(), *reps = json_array();
        sc_json_set(b, mj, "mean", real4(st.mean));
        sc_json_set(b, mj, "sd", real4(st.sd));
        sc_json_set(b, mj, "low", real4(st.low));
        sc_json_set(b, mj, "high", real4(st.high));
        for (long r = 0; r < s->reps; r++) {
            double x = mcell(s, i, r)[m];
            sc_json_push(b, reps, metrics[m].kind == K_COUNT
                              ? json_integer((json_int_t)x)
                              : real4(x));
        }
        sc_json_set(b, mj, "reps", reps);
        sc_json_set(b, ms, metrics[m].key, mj);
    }
    sc_json_set(b, pj, "metrics", ms);
    for (size_t t = 0; t < s->n_top; t++) {
        int k = s->top[t];
        cli_stats st = cli_stats_of(&ccell(s, i, 0)[k], s->reps,
                                    SC_CAUSE_COUNT);
        json_t *cj = json_object(), *reps = json_array();
        sc_json_set(b, cj, "mean", real4(st.mean));
        for (long r = 0; r < s->reps; r++)
            sc_json_push(b, reps, json_integer((json_int_t)ccell(s, i, r)[k]));
        sc_json_set(b, cj, "reps", reps);
        sc_json_set(b, cs, sc_cause_name(k), cj);
    }
    sc_json_set(b, pj, "causes", cs);
    return pj;
}

static json_t *build_json(const sweep *s)
{
    sc_json_builder b = {1};
    json_t *root = json_object(), *a, *o, *pts;
    char date[16];

    sc_json_set(&b, root, "scenario", json_string(s->name));
    sc_json_set(&b, root, "version", json_string(SC_VERSION));
    sc_json_set(&b, root, "policy", json_string(s->pol.name));
    sc_json_set(&b, root, "seed", uint_or_string(s->p.seed));
    sc_json_set(&b, root, "replications", json_integer(s->reps));
    a = json_array();
    for (long r = 0; r < s->reps; r++)
        sc_json_push(&b, a, uint_or_string(s->p.seed + (uint64_t)r));
    sc_json_set(&b, root, "seeds", a);
    sc_json_set(&b, root, "scale", json_real(s->p.scale));
    sc_json_set(&b, root, "start",
                json_string(sc_date_format(s->p.start, date)));
    sc_json_set(&b, root, "end", json_string(sc_date_format(s->p.end, date)));

    o = json_object();
    sc_json_set(&b, o, "level", json_real(0.95));
    sc_json_set(&b, o, "method", json_string("student-t across replications"));
    sc_json_set(&b, o, "formula", json_string("mean +/- t(0.975, N-1) * sd / "
                                      "sqrt(N), sd the sample standard "
                                      "deviation; null when N = 1"));
    sc_json_set(&b, o, "df",
                s->reps > 1 ? json_integer(s->reps - 1) : json_null());
    sc_json_set(&b, o, "t",
        s->reps > 1 ? real4(cli_t975(s->reps - 1)) : json_null());
    sc_json_set(&b, root, "interval", o);

    a = json_array();
    for (size_t j = 0; j < s->n_vary; j++) {
        const vary *v = &s->v[j];
        json_t *vj = json_object(), *vals = json_array();
        sc_json_set(&b, vj, "key", json_string(v->name));
        for (size_t k = 0; k < v->n; k++) {
            /* The point whose other values are the first ones. */
            size_t i = k;
            for (size_t l = j + 1; l < s->n_vary; l++)
                i *= s->v[l].n;
            sc_json_push(&b, vals, value_json(&s->pt[i], v->key));
        }
        sc_json_set(&b, vj, "values", vals);
        sc_json_push(&b, a, vj);
    }
    sc_json_set(&b, root, "vary", a);

    pts = json_array();
    for (size_t i = 0; i < s->n_points; i++)
        sc_json_push(&b, pts, point_json(&b, s, i));
    sc_json_set(&b, root, "points", pts);
    if (!b.ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* DIR/sweep.json (cli_write_in: under a temporary name, renamed). */
static int write_json(const sweep *s, const char *dir)
{
    json_t *root = build_json(s);
    int rc;

    if (!root) {
        cli_error("out of memory");
        return -1;
    }
    rc = cli_write_json_in(dir, "sweep.json", root);
    json_decref(root);
    return rc;
}

/* One table cell from the replications at v (stride apart): "mean" for
 * N = 1, else "mean ±half"; shares in percent. */
static void format_cell(const sweep *s, const double *v, size_t stride,
                        enum kind kind, char *buf, size_t len)
{
    cli_stats st = cli_stats_of(v, s->reps, stride);
    double f = kind == K_SHARE ? 100.0 : 1.0;
    const char *pc = kind == K_SHARE ? "%" : "";

    if (s->reps < 2) {
        if (kind == K_COUNT)
            snprintf(buf, len, "%.0f", st.mean);
        else
            snprintf(buf, len, "%.1f%s", st.mean * f, pc);
    } else {
        snprintf(buf, len, "%.1f%s ±%.1f", st.mean * f, pc,
                 (st.high - st.mean) * f);
    }
}

/* One row per point: the varied values, the metrics, the top causes. */
static int print_table(const sweep *s, FILE *f)
{
    size_t ncol = s->n_vary + M_COUNT + s->n_top, c;
    char (*cells)[CELL] = calloc(s->n_points * ncol, CELL);
    const char *head[MAX_VARY + M_COUNT + TOP_CAUSES];
    int w[MAX_VARY + M_COUNT + TOP_CAUSES];
    char date[16];

    if (!cells) {
        cli_error("out of memory");
        return -1;
    }
    for (c = 0; c < ncol; c++) {
        if (c < s->n_vary)
            head[c] = s->v[c].name;
        else if (c < s->n_vary + M_COUNT)
            head[c] = metrics[c - s->n_vary].head;
        else
            head[c] = sc_cause_name(s->top[c - s->n_vary - M_COUNT]);
        w[c] = cli_text_width(head[c]);
    }
    for (size_t i = 0; i < s->n_points; i++)
        for (c = 0; c < ncol; c++) {
            char *cell = cells[i * ncol + c];
            if (c < s->n_vary) {
                value_text(&s->pt[i], s->v[c].key, cell, CELL);
            } else if (c < s->n_vary + M_COUNT) {
                int m = (int)(c - s->n_vary);
                format_cell(s, &mcell(s, i, 0)[m], M_COUNT,
                            metrics[m].kind, cell, CELL);
            } else {
                int k = s->top[c - s->n_vary - M_COUNT];
                format_cell(s, &ccell(s, i, 0)[k], SC_CAUSE_COUNT, K_COUNT,
                            cell, CELL);
            }
            if (cli_text_width(cell) > w[c])
                w[c] = cli_text_width(cell);
        }

    fprintf(f, "scomm sweep: %s, policy %s, %zu point%s x %ld "
               "replication%s (seed%s %llu",
            s->name, s->pol.name, s->n_points, s->n_points == 1 ? "" : "s",
            s->reps, s->reps == 1 ? "" : "s", s->reps == 1 ? "" : "s",
            (unsigned long long)s->p.seed);
    if (s->reps > 1)
        fprintf(f, "..%llu",
                (unsigned long long)(s->p.seed + (uint64_t)s->reps - 1));
    fprintf(f, "), %s to ", sc_date_format(s->p.start, date));
    fprintf(f, "%s, scale %g\n", sc_date_format(s->p.end, date),
            s->p.scale);
    if (s->reps > 1)
        fprintf(f, "mean per replication ± half-width of the 95%% "
                   "interval, t(0.975, %ld) = %.3f\n\n",
                s->reps - 1, cli_t975(s->reps - 1));
    else
        fprintf(f, "one replication: no interval (use --reps 2 or "
                   "more)\n\n");

    for (c = 0; c < ncol; c++)
        fprintf(f, "%s%*s", c ? "  " : "", w[c], head[c]);
    fputc('\n', f);
    for (size_t i = 0; i < s->n_points; i++) {
        for (c = 0; c < ncol; c++) {
            const char *cell = cells[i * ncol + c];
            fprintf(f, "%s%*s%s", c ? "  " : "",
                    w[c] - cli_text_width(cell), "", cell);
        }
        fputc('\n', f);
    }
    fprintf(f, "\nwrongful = citizens + lawful (lawfully present, not "
               "removable); share =\nwrongful / detainers; hours are "
               "hours held past release under honoured\ndetainers; "
               "missed = removable, no detainer.\n");
    if (s->n_top)
        fprintf(f, "Cause columns: wrongful detainers by primary cause, for "
                   "the %zu cause%s\nwith the most over the whole sweep "
                   "(docs/pipeline.md).\n", s->n_top,
                s->n_top == 1 ? "" : "s");
    else
        fprintf(f, "No wrongful detainer in the sweep: no cause "
                   "columns.\n");
    free(cells);
    return 0;
}

/* ---- the command ---- */

int cmd_sweep(int argc, char **argv)
{
    static const struct option opts[] = {
        { "vary", required_argument, NULL, 'v' },
        { "policy", required_argument, NULL, 'p' },
        { "reps", required_argument, NULL, 'r' },
        CLI_RUN_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    char *raw[MAX_VARY];
    size_t n_raw = 0;
    cli_run_opts ro;
    const char *scenario, *out, *policy = NULL;
    long reps = 1;
    int ch, status = 0;
    char err[SC_ERRMSG_MAX] = "", outbuf[4096];
    struct stat st;
    sweep *s;

    cli_run_opts_init(&ro);
    while ((ch = getopt_long(argc, argv, "v:p:r:" CLI_RUN_SHORTOPTS, opts,
                             NULL)) != -1) {
        status = cli_run_opt("sweep", sweep_usage, ch, argv, &ro);
        if (status == CLI_OPT_TAKEN)
            continue;
        if (status != CLI_OPT_OWN)
            return status;
        switch (ch) {
        case 'v':
            if (n_raw == MAX_VARY) {
                cli_error("--vary: more than %d keys", MAX_VARY);
                return SC_EXIT_USAGE;
            }
            raw[n_raw++] = optarg;
            break;
        case 'p': policy = optarg; break;
        case 'r':
            if (cli_parse_count("--reps", optarg, MAX_REPS, &reps) < 0)
                return SC_EXIT_USAGE;
            break;
        default:
            break;
        }
    }
    status = 0;
    if (cli_scenario_arg("sweep", argc, argv, &scenario) != 0)
        return SC_EXIT_USAGE;
    out = ro.out;
    if (n_raw == 0) {
        cli_error("sweep: nothing to vary; give --vary "
                  "SECTION.KEY=V1,V2,...");
        return SC_EXIT_USAGE;
    }

    s = calloc(1, sizeof *s);
    if (!s) {
        cli_error("out of memory");
        return SC_EXIT_FAIL;
    }
    snprintf(s->name, sizeof s->name, "default");
    s->reps = reps;
    s->threads = (int)ro.threads;
    if (scenario) {
        s->scenario = scenario;
        cli_scenario_name(s->scenario, s->name, sizeof s->name);
    }
    status = cli_load_params(s->scenario, ro.seed, ro.geo_dir, s->threads,
                             &s->p);
    if (status != 0)
        goto done;
    for (size_t j = 0; j < n_raw; j++)
        if (parse_vary(s, raw[j]) < 0) {
            status = SC_EXIT_USAGE;
            goto done;
        }
    if ((status = build_points(s)) != 0)
        goto done;
    /* A shipped policy, or one the scenario defines. */
    if (sc_policy_resolve(policy ? policy : s->p.policy, s->scenario,
                          &s->pol, err) < 0) {
        cli_error("%s%s", policy ? "--policy: " : "", err);
        status = SC_EXIT_USAGE;
        goto done;
    }
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "runs/sweep-%s", s->name);
        out = outbuf;
    }
    /* Refuse an unusable --out before the runs, not after them. */
    if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        cli_error("--out: '%s' exists and is not a folder", out);
        status = SC_EXIT_USAGE;
        goto done;
    }

    s->m = calloc(s->n_points * (size_t)s->reps * M_COUNT, sizeof *s->m);
    s->cause = calloc(s->n_points * (size_t)s->reps * SC_CAUSE_COUNT,
                      sizeof *s->cause);
    if (!s->m || !s->cause) {
        cli_error("out of memory");
        status = SC_EXIT_FAIL;
        goto done;
    }
    for (size_t i = 0; i < s->n_points; i++)
        for (long r = 0; r < s->reps; r++)
            if ((status = run_one(s, i, r)) != 0)
                goto done;
    cli_progress_end();
    pick_top(s);
    if (write_json(s, out) < 0) {
        status = SC_EXIT_FAIL;
        goto done;
    }
    if (!ro.quiet) {
        if (print_table(s, stdout) < 0) {
            status = SC_EXIT_FAIL;
            goto done;
        }
        printf("\noutput: %s/sweep.json\n", out);
    }
done:
    cli_progress_end();
    free(s->pt);
    free(s->m);
    free(s->cause);
    free(s);
    return status;
}
