/*
 * cmd_run.c - `scomm run`: the main job.
 *
 * Reads the scenario (or the built-in default), builds the world and the
 * registries, runs the bookings through the pipeline and the judge, and
 * writes one run folder -- scomm.db and summary.json -- under a temporary
 * name that is renamed into place only when everything is written.  The
 * text summary goes to stdout; progress to stderr when it is a terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "scomm/io/geo_reader.h"
#include "scomm/io/ini_reader.h"
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

static int parse_count(const char *flag, const char *s, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 1 || v > max) {
        cli_error("%s: '%s' is not a whole number in 1..%ld", flag, s, max);
        return -1;
    }
    *out = v;
    return 0;
}

static void scenario_name(const char *path, char *out, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(out, len, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

static int mkdir_parents(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create '%s': %s", buf, strerror(errno));
            return -1;
        }
        *p = '/';
    }
    return 0;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        { "out", required_argument, NULL, 'o' },
        { "seed", required_argument, NULL, 's' },
        { "threads", required_argument, NULL, 't' },
        { "geo-dir", required_argument, NULL, 'g' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *out = NULL, *seed = NULL, *geo_dir = NULL;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    int quiet = 0, c, rc;
    char err[SC_ERRMSG_MAX] = "", name[256] = "default", outbuf[4096];
    char tmp[4200], path[4400];
    sc_params p;
    sc_geo *geo = NULL;
    sc_sim *sim = NULL;

    if (threads < 1)
        threads = 1;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:s:t:g:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 's': seed = optarg; break;
        case 't':
            if (parse_count("--threads", optarg, 256, &threads) < 0)
                return SC_EXIT_USAGE;
            break;
        case 'g': geo_dir = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(run_usage, stdout); return 0;
        default:
            if (optopt)
                cli_error("run: option '-%c' is unknown or lacks its value",
                          optopt);
            else
                cli_error("run: option '%s' is unknown or lacks its value",
                          argv[optind - 1]);
            fputs(run_usage, stderr);
            return SC_EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        cli_error("run: one scenario at most, got '%s' and '%s'",
                  argv[optind], argv[optind + 1]);
        return SC_EXIT_USAGE;
    }

    sc_params_init(&p);
    if (optind < argc) {
        scenario_name(argv[optind], name, sizeof name);
        if (sc_ini_load(argv[optind], &p, err) < 0) {
            cli_error("%s", err);
            return SC_EXIT_USAGE;
        }
    }
    if (seed && sc_params_set(&p, "run", "seed", seed, err) < 0) {
        cli_error("--seed: %s", strchr(err, ':') ? strchr(err, ':') + 2
                                                  : err);
        return SC_EXIT_USAGE;
    }
    if (geo_dir && sc_params_set(&p, "run", "geo_dir", geo_dir, err) < 0) {
        cli_error("--geo-dir: %s", err);
        return SC_EXIT_USAGE;
    }
    p.threads = (int)threads;
    if (sc_params_validate(&p, err) < 0) {
        cli_error("%s", err);
        return SC_EXIT_USAGE;
    }
    if (!out) {
        snprintf(outbuf, sizeof outbuf, "runs/%s", name);
        out = outbuf;
    }

    if (p.geo_dir[0]) {
        int year;
        sc_date_to_ymd(p.start, &year, NULL, NULL);
        if (sc_geo_load_dir(p.geo_dir, year, &geo, err) < 0) {
            cli_error("%s", err);
            return SC_EXIT_USAGE;
        }
    } else if (sc_geo_create_states(&geo) < 0) {
        cli_error("out of memory");
        return SC_EXIT_FAIL;
    }

    rc = sc_sim_create(&p, geo, cli_progress, NULL, &sim, err);
    if (rc < 0) {
        cli_progress_end();
        cli_error("%s", err);
        return rc == SC_EINVAL || rc == SC_ERANGE ? SC_EXIT_USAGE
                                                  : SC_EXIT_FAIL;
    }
    /* A policy the scenario defines itself ([policy.NAME]). */
    if (p.policy_custom) {
        sc_policy pol;
        err[0] = '\0';
        if (sc_policy_resolve(p.policy, argv[optind], &pol, err) < 0 ||
            sc_sim_set_policy(sim, &pol) < 0) {
            cli_progress_end();
            cli_error("%s", err[0] ? err : sc_sim_errmsg(sim));
            sc_sim_destroy(sim);
            return SC_EXIT_USAGE;
        }
    }
    if ((rc = sc_sim_run(sim, (int)threads)) < 0) {
        cli_progress_end();
        cli_error("%s", sc_sim_errmsg(sim));
        sc_sim_destroy(sim);
        return SC_EXIT_FAIL;
    }
    cli_progress("writing", 0, 1, NULL);

    if (mkdir_parents(out) < 0 ||
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
    if (!quiet) {
        sc_summary_print(sim, name, stdout);
        printf("\noutputs: %s/scomm.db, %s/summary.json\n", out, out);
    }
    sc_sim_destroy(sim);
    return 0;
}
