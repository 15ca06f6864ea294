/*
 * cmd_run.c - `scomm run`: the main job.
 *
 * Reads the scenario (or the built-in default), builds the world and the
 * registries, runs the bookings through the pipeline and the judge, and
 * writes one run folder -- scomm.db and summary.json -- under a temporary
 * name that is renamed into place only when everything is written.  The
 * text summary goes to stdout; progress to stderr when it is a terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "scomm/io/policy_reader.h"
#include "scomm/io/store.h"
#include "scomm/io/summary.h"
#include "scomm/sim.h"

static const char run_usage[] =
    "usage: scomm run [SCENARIO.ini] [options]\n"
    "\n"
    "Builds a synthetic population with known true immigration histories,\n"
    "writes the federal registries from it, runs the scenario's jail\n"
    "bookings through the S-COMM pipeline under its policy, and judges\n"
    "every detainer against the truth.  Without SCENARIO the built-in\n"
    "default runs (a 1:100 sample of the U.S., FY2013; the same values as\n"
    "data/scenarios/default.ini).\n"
    "\n"
    "options:\n"
    "  -o, --out DIR       run folder to write (default runs/NAME, NAME the\n"
    "                      scenario's file name); an existing run folder is\n"
    "                      replaced, anything else is refused\n"
    "  -s, --seed N        master seed (overrides [run] seed)\n"
    "  -t, --threads N     pipeline threads (default: all cores); outputs\n"
    "                      do not depend on it\n"
    "  -g, --geo-dir DIR   county files (format of shared/data/geo);\n"
    "                      overrides [run] geo_dir\n"
    "  -q, --quiet         no text summary on stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "outputs: DIR/scomm.db (SQLite) and DIR/summary.json; docs/outputs.md\n"
    "describes both.  Exit status 0 on success, 2 on bad input, 1 when the\n"
    "run itself fails.\n";

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_RUN_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    cli_run_opts ro;
    const char *scenario, *out;
    int c, rc;
    char err[SC_ERRMSG_MAX] = "", name[256] = "default", outbuf[4096];
    char tmp[4200], path[4400];
    sc_params p;
    sc_sim *sim = NULL;

    cli_run_opts_init(&ro);
    while ((c = getopt_long(argc, argv, CLI_RUN_SHORTOPTS, opts, NULL)) !=
           -1)
        if ((rc = cli_run_opt("run", run_usage, c, argv, &ro)) !=
            CLI_OPT_TAKEN)
            return rc == CLI_OPT_OWN ? SC_EXIT_USAGE : rc;
    if ((rc = cli_scenario_arg("run", argc, argv, &scenario)) != 0)
        return rc;
    out = ro.out;

    if (scenario)
        cli_scenario_name(scenario, name, sizeof name);
    rc = cli_load_params(scenario, ro.seed, ro.geo_dir, (int)ro.threads, &p);
    if (rc != 0)
        return rc;
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "runs/%s", name);
        out = outbuf;
    }

    if ((rc = cli_sim_create(&p, cli_progress, NULL, &sim)) != 0)
        return rc;
    /* A policy the scenario defines itself ([policy.NAME]). */
    if (p.policy_custom) {
        sc_policy pol;
        err[0] = '\0';
        if (sc_policy_resolve(p.policy, scenario, &pol, err) < 0 ||
            sc_sim_set_policy(sim, &pol) < 0) {
            cli_progress_end();
            cli_error("%s", err[0] ? err : sc_sim_errmsg(sim));
            sc_sim_destroy(sim);
            return SC_EXIT_USAGE;
        }
    }
    if ((rc = sc_sim_run(sim, (int)ro.threads)) < 0) {
        cli_progress_end();
        cli_error("%s", sc_sim_errmsg(sim));
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    cli_progress("writing", 0, 1, NULL);

    if (cli_mkdirs(out, 0) < 0 ||
        cli_outdir_begin(out, tmp, sizeof tmp) < 0) {
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    snprintf(path, sizeof path, "%s/scomm.db", tmp);
    rc = sc_store_write(sim, name, path, err);
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/summary.json", tmp);
        rc = sc_summary_write_json(sim, name, path, err);
    }
    cli_progress_end();
    if (rc < 0) {
        cli_error("%s", err);
        cli_outdir_abort(tmp);
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    if (cli_outdir_commit(tmp, out) < 0) {
        sc_sim_destroy(sim);
        return SC_EXIT_USAGE;
    }
    if (!ro.quiet) {
        sc_summary_print(sim, name, stdout);
        printf("\noutputs: %s/scomm.db, %s/summary.json\n", out, out);
    }
    sc_sim_destroy(sim);
    return 0;
}
