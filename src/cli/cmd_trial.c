/*
 * cmd_trial.c - `scomm trial RUN DETAINER-ID`: one detainer explained.
 *
 * Opens the run's database read-only (src/io/trial.c does all the SQL),
 * loads the case of one detainer, or of a seeded sample of the wrongful
 * ones, and prints it as text or JSON.  Workload: a handful of point
 * lookups per case; the sample scans the judgements once.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scomm/common.h"
#include "scomm/io/trial.h"

/* More cases than anyone reads; bounds the memory of one JSON sample. */
#define MAX_SAMPLE 10000
#define DEFAULT_SAMPLE 10
#define DEFAULT_SEED 1

static const char trial_usage[] =
    "usage: scomm trial RUN DETAINER-ID [--json]\n"
    "       scomm trial RUN --wrongful [--sample N] [--seed S] [--json]\n"
    "\n"
    "Prints one detainer as a reviewer would read it: 1. the booking\n"
    "record, 2. the IDENT result, 3. each registry search with the\n"
    "records found (match weight, probability and field-by-field\n"
    "comparison levels for name searches), 4. the evidence summary, what\n"
    "an individualized officer's review found (A-file, parents, claim),\n"
    "the rule that fired, the I-247A box it ticked and the jail's\n"
    "response, 5. the truth: the person's real history, the verdict, the\n"
    "primary cause and the contributing ones, what removing each error\n"
    "source present alone would have done (detainer or not), and what\n"
    "the databases missed.\n"
    "\n"
    "RUN is a run folder written by 'scomm run' or a path to its\n"
    "scomm.db; DETAINER-ID is the booking id of a detainer.\n"
    "\n"
    "options:\n"
    "  -j, --json        one JSON object (keys in a fixed order)\n"
    "  -w, --wrongful    a sample of the wrongful detainers (on citizens\n"
    "                    and on lawfully present, non-removable persons)\n"
    "  -n, --sample N    sample size (default 10, at most 10000); all\n"
    "                    of them when fewer; printed in id order\n"
    "  -s, --seed S      seed of the sample (default 1)\n"
    "  -h, --help        this help\n"
    "\n"
    "docs/trial.md explains every part.  Exit status 0 on success, 2 on\n"
    "bad input (flags, no such run, not a scomm database, no such\n"
    "detainer), 1 when reading the database fails.\n";

static int exit_of(int rc)
{
    return rc == SC_ENOENT || rc == SC_EPARSE || rc == SC_EINVAL
               ? SC_EXIT_USAGE : SC_EXIT_FAIL;
}

/* A booking id: a whole number >= 0. */
static int parse_id(const char *s, int64_t *out)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || *end || errno || v < 0) {
        cli_error("trial: '%s' is not a detainer id (a booking id, a whole "
                  "number >= 0)", s);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || *end || errno || s[0] == '-') {
        cli_error("trial: --seed: '%s' is not a whole number >= 0", s);
        return -1;
    }
    *out = v;
    return 0;
}

static int print_one(sc_trial_db *db, int64_t id, int json)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_trial_case c;
    char *text;
    int rc;

    rc = sc_trial_load(db, id, &c, err);
    if (rc < 0) {
        cli_error("%s", err);
        return exit_of(rc);
    }
    if (json) {
        text = sc_trial_json(&c);
        if (!text) {
            cli_error("trial: out of memory");
            sc_trial_case_release(&c);
            return SC_EXIT_FAIL;
        }
        printf("%s\n", text);
        free(text);
    } else {
        sc_trial_print(&c, stdout);
    }
    sc_trial_case_release(&c);
    return 0;
}

static int print_sample(sc_trial_db *db, size_t n, uint64_t seed, int json)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_trial_case *cases = NULL;
    int64_t *ids = NULL;
    size_t n_ids = 0, total = 0, i, loaded = 0;
    char *text;
    int rc, status = 0;

    rc = sc_trial_wrongful(db, seed, n, &ids, &n_ids, &total, err);
    if (rc < 0) {
        cli_error("%s", err);
        return exit_of(rc);
    }
    cases = calloc(n_ids ? n_ids : 1, sizeof *cases);
    if (!cases) {
        cli_error("trial: out of memory");
        free(ids);
        return SC_EXIT_FAIL;
    }
    for (i = 0; i < n_ids; i++, loaded++) {
        rc = sc_trial_load(db, ids[i], &cases[i], err);
        if (rc < 0) {
            cli_error("%s", err);
            status = exit_of(rc);
            goto done;
        }
    }
    if (json) {
        text = sc_trial_json_sample(sc_trial_path(db), total, seed, cases,
                                    n_ids);
        if (!text) {
            cli_error("trial: out of memory");
            status = SC_EXIT_FAIL;
            goto done;
        }
        printf("%s\n", text);
        free(text);
        goto done;
    }
    printf("%zu of %zu wrongful detainers in %s (seed %" PRIu64 ")\n",
           n_ids, total, sc_trial_path(db), seed);
    for (i = 0; i < n_ids; i++) {
        printf("\n==================== case %zu of %zu: booking %" PRId64
               " ====================\n\n", i + 1, n_ids, ids[i]);
        sc_trial_print(&cases[i], stdout);
    }
done:
    for (i = 0; i < loaded; i++)
        sc_trial_case_release(&cases[i]);
    free(cases);
    free(ids);
    return status;
}

int cmd_trial(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"wrongful", no_argument, NULL, 'w'},
        {"sample", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    char err[SC_ERRMSG_MAX] = "";
    int json = 0, wrongful = 0, c, rc;
    long sample = DEFAULT_SAMPLE;
    const char *sample_arg = NULL, *seed_arg = NULL;
    uint64_t seed = DEFAULT_SEED;
    int64_t id = 0;
    sc_trial_db *db = NULL;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jwn:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'w': wrongful = 1; break;
        case 'n': sample_arg = optarg; break;
        case 's': seed_arg = optarg; break;
        case 'h': fputs(trial_usage, stdout); return 0;
        default:
            if (optopt)
                cli_error("trial: option '-%c' is unknown or lacks its "
                          "value", optopt);
            else
                cli_error("trial: option '%s' is unknown or lacks its "
                          "value", argv[optind - 1]);
            fputs(trial_usage, stderr);
            return SC_EXIT_USAGE;
        }
    }
    if (sample_arg &&
        cli_parse_count("--sample", sample_arg, MAX_SAMPLE, &sample) < 0)
        return SC_EXIT_USAGE;
    if (seed_arg && parse_seed(seed_arg, &seed) < 0)
        return SC_EXIT_USAGE;
    if ((sample_arg || seed_arg) && !wrongful) {
        cli_error("trial: --sample and --seed go with --wrongful");
        return SC_EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("trial: no run given");
        fputs(trial_usage, stderr);
        return SC_EXIT_USAGE;
    }
    if (wrongful && argc - optind != 1) {
        cli_error("trial: --wrongful takes no detainer id, got '%s'",
                  argv[optind + 1]);
        return SC_EXIT_USAGE;
    }
    if (!wrongful && argc - optind != 2) {
        if (argc - optind < 2)
            cli_error("trial: no detainer id given (or --wrongful)");
        else
            cli_error("trial: one detainer id at most, got '%s' and '%s'",
                      argv[optind + 1], argv[optind + 2]);
        fputs(trial_usage, stderr);
        return SC_EXIT_USAGE;
    }
    if (!wrongful && parse_id(argv[optind + 1], &id) < 0)
        return SC_EXIT_USAGE;

    rc = sc_trial_open(argv[optind], &db, err);
    if (rc < 0) {
        cli_error("%s", rc == SC_ENOMEM ? "trial: out of memory" : err);
        return exit_of(rc);
    }
    rc = wrongful ? print_sample(db, (size_t)sample, seed, json)
                  : print_one(db, id, json);
    sc_trial_close(db);
    if (rc == 0 && fflush(stdout) != 0) {
        cli_error("trial: cannot write the output: %s", strerror(errno));
        return SC_EXIT_FAIL;
    }
    return rc;
}
