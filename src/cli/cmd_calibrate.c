/*
 * cmd_calibrate.c - `scomm calibrate`: the model's aggregates beside the
 * published figures they should match.
 *
 * Builds and runs the scenario as `scomm run` does (world, registries,
 * bookings, pipeline, judge) but writes no scomm.db: it measures the run
 * (calibrate.h), compares each measure with its target -- the built-in
 * table, the rows of data/calibration/targets.csv, or a --targets file --
 * prints one row per figure and writes DIR/calibrate.json under a
 * temporary name renamed into place at the end.  It is a report: the
 * exit status is 0 whatever the verdicts, 2 on bad input, 1 when the run
 * fails.  Bad input (flags, scenario, targets file, --out) is refused
 * before the run starts.
 *
 * Workload: one run of the pipeline plus one pass over the world.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "scomm/calibrate.h"
#include "scomm/io/calibrate_io.h"
#include "scomm/io/policy_reader.h"
#include "scomm/sim.h"

static const char calibrate_usage[] =
    "usage: scomm calibrate [SCENARIO.ini] [options]\n"
    "\n"
    "Runs the scenario (world, registries, bookings, pipeline, judge, as\n"
    "`scomm run` does, without writing scomm.db) and sets its aggregates\n"
    "beside the published figures they should match: one row per figure\n"
    "with the model's value, the published value, the tolerance, the\n"
    "verdict (within or outside) and the source, then the line\n"
    "`calibrate: K of N figures within tolerance`.  Without SCENARIO the\n"
    "built-in default runs (1:100, FY2013).\n"
    "\n"
    "The figures (targets keys): detainers_per_year, bookings_per_year,\n"
    "declined_share, custody_share, no_record_share, foreign_born_share,\n"
    "naturalized_share, lpr_share, temporary_share, unauthorized_share,\n"
    "lpr_count, unauthorized_count, naturalizations_per_year.  Counts are\n"
    "national (the sample's count / scale) and per_year figures are per\n"
    "year of the period, (end - start + 1) / 365.2425 years; population\n"
    "figures are taken on the start date.\n"
    "\n"
    "options:\n"
    "  -T, --targets FILE  read the targets from FILE instead of the\n"
    "                      built-in table (the rows of\n"
    "                      data/calibration/targets.csv): CSV with columns\n"
    "                      key,figure,value,compare,tolerance,unit,source;\n"
    "                      compare is relative (|model/value - 1| <= tol),\n"
    "                      absolute (|model - value| <= tol) or at_most\n"
    "                      (model <= value, tolerance empty); unit is\n"
    "                      count, per_year or share (the key's own)\n"
    "  -o, --out DIR       folder for calibrate.json (default\n"
    "                      runs/calibrate-NAME, NAME the scenario's file\n"
    "                      name or `default`); created if missing\n"
    "  -s, --seed N        master seed (overrides [run] seed)\n"
    "  -t, --threads N     pipeline threads (default: all cores); outputs\n"
    "                      do not depend on it\n"
    "  -g, --geo-dir DIR   county files; overrides [run] geo_dir\n"
    "  -q, --quiet         no table on stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "docs/calibration.md gives each figure's source and why its tolerance\n"
    "is what it is.  Exit status 0 whatever the verdicts (a report), 2 on\n"
    "bad input (flags, scenario, targets file: file, line and field\n"
    "named), 1 when the run fails.\n";

/* What calibrate.json is made of, for cli_write_in. */
typedef struct output {
    const char *name;
    const sc_params *p;
    const sc_cal_table *t;
    const sc_cal_measures *m;
} output;

static int write_json(const char *path, void *ud, char *err)
{
    const output *o = ud;

    return sc_cal_write_json(path, o->name, o->p, o->t, o->m, err);
}

/* DIR/calibrate.json (cli_write_in: under a temporary name, renamed). */
static int write_output(const char *dir, const char *name,
                        const sc_params *p, const sc_cal_table *t,
                        const sc_cal_measures *m)
{
    output o = {name, p, t, m};

    return cli_write_in(dir, "calibrate.json", write_json, &o);
}

/* Builds and runs the sim and measures it.  Returns 0 or an exit status
 * with the error printed. */
static int run_and_measure(const sc_params *p, const char *scenario,
                           int threads, sc_cal_measures *m)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_sim *sim = NULL;
    int rc;

    if ((rc = cli_sim_create(p, cli_progress, NULL, &sim)) != 0)
        return rc;
    /* A policy the scenario defines itself ([policy.NAME]). */
    if (p->policy_custom) {
        sc_policy pol;
        if (sc_policy_resolve(p->policy, scenario, &pol, err) < 0 ||
            sc_sim_set_policy(sim, &pol) < 0) {
            cli_progress_end();
            cli_error("%s", err[0] ? err : sc_sim_errmsg(sim));
            sc_sim_destroy(sim);
            return SC_EXIT_USAGE;
        }
    }
    if (sc_sim_run(sim, threads) < 0) {
        cli_progress_end();
        cli_error("%s", sc_sim_errmsg(sim));
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    cli_progress("measuring", 0, 1, NULL);
    rc = sc_cal_measure(sim, m);
    cli_progress_end();
    sc_sim_destroy(sim);
    if (rc < 0) {
        cli_error("cannot measure the run: %s", sc_strerror(rc));
        return SC_EXIT_FAIL;
    }
    return 0;
}

int cmd_calibrate(int argc, char **argv)
{
    static const struct option opts[] = {
        { "targets", required_argument, NULL, 'T' },
        CLI_RUN_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    cli_run_opts ro;
    const char *scenario, *out, *targets = NULL;
    int c, rc;
    char err[SC_ERRMSG_MAX] = "", name[256] = "default", outbuf[4096];
    sc_params p;
    sc_cal_table *table = NULL;
    sc_cal_measures *m = NULL;
    struct stat st;

    cli_run_opts_init(&ro);
    while ((c = getopt_long(argc, argv, "T:" CLI_RUN_SHORTOPTS, opts,
                            NULL)) != -1) {
        rc = cli_run_opt("calibrate", calibrate_usage, c, argv, &ro);
        if (rc == CLI_OPT_TAKEN)
            continue;
        if (rc != CLI_OPT_OWN)
            return rc;
        if (c == 'T')
            targets = optarg;
    }
    if ((rc = cli_scenario_arg("calibrate", argc, argv, &scenario)) != 0)
        return rc;
    out = ro.out;
    if (scenario)
        cli_scenario_name(scenario, name, sizeof name);
    rc = cli_load_params(scenario, ro.seed, ro.geo_dir, (int)ro.threads, &p);
    if (rc != 0)
        return rc;

    table = malloc(sizeof *table);
    m = malloc(sizeof *m);
    if (!table || !m) {
        cli_error("out of memory");
        rc = SC_EXIT_FAIL;
        goto done;
    }
    if (targets) {
        if (sc_cal_targets_read(targets, table, err) < 0) {
            cli_error("--targets: %s", err);
            rc = SC_EXIT_USAGE;
            goto done;
        }
    } else {
        sc_cal_builtin_table(table);
    }
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "runs/calibrate-%s", name);
        out = outbuf;
    }
    /* Refuse an unusable --out before the run, not after it. */
    if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        cli_error("--out: '%s' exists and is not a folder", out);
        rc = SC_EXIT_USAGE;
        goto done;
    }

    if ((rc = run_and_measure(&p, scenario, (int)ro.threads, m)) != 0)
        goto done;
    if (write_output(out, name, &p, table, m) < 0) {
        rc = SC_EXIT_FAIL;
        goto done;
    }
    if (!ro.quiet) {
        sc_cal_print(stdout, name, &p, table, m);
        printf("\noutput: %s/calibrate.json\n", out);
    }
done:
    free(table);
    free(m);
    return rc;
}
