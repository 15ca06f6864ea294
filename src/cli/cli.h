/*
 * cli.h - what the subcommands of `scomm` share: entry points and the
 * helpers for errors, progress and run folders.
 *
 * Exit status: 0 success, 1 a failure of the run itself (out of memory,
 * a write error), 2 bad input (flags, scenario, data files).
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stdint.h>

#define SC_EXIT_FAIL 1
#define SC_EXIT_USAGE 2

int cmd_run(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_link(int argc, char **argv);
int cmd_compare(int argc, char **argv);

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

#endif /* SC_CLI_H */
