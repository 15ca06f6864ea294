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
