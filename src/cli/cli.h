/*
 * cli.h - what the subcommands of `scomm` share: entry points and the
 * helpers for errors, progress, run folders, the steps that set up a
 * run (scenario, flags, geography, sim) and the statistics of
 * replications (cli_stats.c).
 *
 * Exit status: 0 success, 1 a failure of the run itself (out of memory,
 * a write error), 2 bad input (flags, scenario, data files).
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stddef.h>
#include <getopt.h>
#include <stdint.h>

#include "scomm/io/json_out.h"
#include "scomm/sim.h"

#define SC_EXIT_FAIL 1
#define SC_EXIT_USAGE 2

int cmd_run(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_trial(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_sweep(int argc, char **argv);

/* Prints "scomm: MESSAGE" to stderr, printf-style. */
void cli_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* A progress callback for sc_sim: one rewritten line on stderr, only when
 * stderr is a terminal.  cli_progress_end() clears the line. */
void cli_progress(const char *stage, uint64_t done, uint64_t total,
                  void *ud);
void cli_progress_end(void);

/* Run folders are written under a temporary name beside the target and
 * renamed into place at the end, so a failed run leaves nothing
 * half-written.  cli_outdir_begin() creates "DIR.tmp-PID" and returns its
 * path in tmp (len bytes); cli_outdir_commit() replaces DIR (refusing a
 * DIR that exists and is not a scomm run folder); cli_outdir_abort()
 * removes the temporary folder.  Return 0 or -1 with the error printed. */
int cli_outdir_begin(const char *dir, char *tmp, size_t len);
int cli_outdir_commit(const char *tmp, const char *dir);
void cli_outdir_abort(const char *tmp);

/* Creates the folders of a path, as mkdir -p does: every parent, and the
 * last component too when include_last.  Returns 0, or -1 with the
 * error printed. */
int cli_mkdirs(const char *dir, int include_last);

/* Writes DIR/FILE: creates DIR (and its parents) if missing, calls
 * write(path, ud, err) on "DIR/FILE.tmp-PID" and renames that into place,
 * so a failed write leaves the old file or none.  write returns 0 or a
 * negative code with the reason in err.  Returns 0, or -1 with the error
 * printed. */
typedef int (*cli_write_fn)(const char *path, void *ud, char *err);
int cli_write_in(const char *dir, const char *file, cli_write_fn write,
                 void *ud);
/* cli_write_in of a JSON tree (io/json_out.h); root is not consumed. */
int cli_write_json_in(const char *dir, const char *file,
                      const json_t *root);

/* Display width of a UTF-8 string: its code points. */
int cli_text_width(const char *s);

/* The options of every command that runs a scenario (run, compare,
 * calibrate, sweep): -o/--out, -s/--seed, -t/--threads, -g/--geo-dir,
 * -q/--quiet and -h/--help.  A command lists CLI_RUN_LONGOPTS in its
 * struct option array and CLI_RUN_SHORTOPTS after its own letters, and
 * hands each getopt_long result to cli_run_opt first. */
#define CLI_RUN_SHORTOPTS "o:s:t:g:qh"
#define CLI_RUN_LONGOPTS                                    \
    { "out", required_argument, NULL, 'o' },                \
    { "seed", required_argument, NULL, 's' },               \
    { "threads", required_argument, NULL, 't' },            \
    { "geo-dir", required_argument, NULL, 'g' },            \
    { "quiet", no_argument, NULL, 'q' },                    \
    { "help", no_argument, NULL, 'h' }

typedef struct cli_run_opts {
    const char *out, *seed, *geo_dir;  /* NULL when not given */
    long threads;                      /* default: online processors */
    int quiet;
} cli_run_opts;

#define CLI_OPT_OWN (-1)    /* not a shared option: the command's own */
#define CLI_OPT_TAKEN (-2)  /* taken into the cli_run_opts */

/* Defaults; also resets getopt (opterr 0, optind 1). */
void cli_run_opts_init(cli_run_opts *o);
/* Takes getopt's result c if it is a shared option, or reports an
 * unknown option or a missing value ("CMD: option '-x' is unknown or
 * lacks its value", then usage on stderr).  Returns CLI_OPT_TAKEN,
 * CLI_OPT_OWN, or the exit status to return now: 0 after --help (usage
 * on stdout), SC_EXIT_USAGE after an error. */
int cli_run_opt(const char *cmd, const char *usage, int c, char **argv,
                cli_run_opts *o);
/* The optional scenario argument after the options: *scenario is it or
 * NULL.  Returns 0, or SC_EXIT_USAGE when there are two or more (with
 * the error printed). */
int cli_scenario_arg(const char *cmd, int argc, char **argv,
                     const char **scenario);

/* Parses a flag's value as a whole number in 1..max.  Returns 0, or -1
 * with "FLAG: 'S' is not a whole number in 1..MAX" printed. */
int cli_parse_count(const char *flag, const char *s, long max, long *out);

/* A scenario's name: its file name without folder or extension. */
void cli_scenario_name(const char *path, char *out, size_t len);

/* The parameters of a run: the defaults, then the scenario file, then
 * the --seed and --geo-dir flags (each NULL when absent), then threads;
 * validated.  Returns 0, or SC_EXIT_USAGE with the error printed. */
int cli_load_params(const char *scenario, const char *seed,
                    const char *geo_dir, int threads, sc_params *p);

/* Loads the geography p names (county files from p->geo_dir, else the
 * built-in states) and creates the sim with it.  Returns 0, or an exit
 * status with the error printed. */
int cli_sim_create(const sc_params *p, sc_progress_fn progress, void *ud,
                   sc_sim **out);

/* A figure across N replications (cli_stats.c): its mean and the 95%
 * interval mean +/- t x sd / sqrt(N), sd the sample standard deviation
 * and t = cli_t975(N - 1); sd, low and high are NAN when N = 1. */
typedef struct cli_stats {
    double mean, sd, low, high;
} cli_stats;

/* The 0.975 quantile of Student's t with df degrees of freedom; NAN when
 * df < 1. */
double cli_t975(long df);

/* The statistics of v[0], v[stride], ..., v[(n - 1) x stride], n >= 1,
 * summed in that order. */
cli_stats cli_stats_of(const double *v, long n, size_t stride);

#endif /* SC_CLI_H */
