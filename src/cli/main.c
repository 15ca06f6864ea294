/*
 * main.c - the `scomm` command: dispatch to one file per subcommand.
 *
 * Subcommands are rows of a table, as in git's builtin table: a name,
 * an entry point `int cmd_x(int argc, char **argv)` and a one-line
 * summary for `scomm --help`.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "scomm/common.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    { "run", cmd_run, "run a scenario: world, bookings, pipeline, "
      "judgement, outputs" },
    { "params", cmd_params, "list every scenario parameter with its "
      "default, unit and source" },
    { "link", cmd_link, "link two CSV files of records, or deduplicate one" },
    { "compare", cmd_compare, "several policies on one world and one set "
      "of bookings, side by side" },
    { "trial", cmd_trial, "one detainer explained: records, rule, truth" },
    { "calibrate", cmd_calibrate, "the model's aggregates beside the "
      "published figures, with sources" },
    { "sweep", cmd_sweep, "the outcome figures across a grid of parameter "
      "values and seeds" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: scomm <command> [options]\n\n"
               "scomm is an open model of the Secure Communities detainer "
               "pipeline.\nIt simulates; it never contacts a real "
               "database.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'scomm <command> --help' describes a command.\n"
               "'scomm --version' prints the version.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return SC_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("scomm %s\n", SC_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    cli_error("'%s' is not a scomm command; see 'scomm --help'", argv[1]);
    return SC_EXIT_USAGE;
}
