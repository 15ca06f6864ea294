/*
 * cli_util.c - error printing, the progress line and run folders.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("scomm: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int progress_shown;

void cli_progress(const char *stage, uint64_t done, uint64_t total,
                  void *ud)
{
    (void)ud;
    if (!isatty(2))
        return;
    if (total > 1)
        fprintf(stderr, "\rscomm: %-10s %3d%%", stage,
                (int)(100.0 * (double)done / (double)total));
    else
        fprintf(stderr, "\rscomm: %-10s %s", stage,
                done >= total ? "done" : "... ");
    fflush(stderr);
    progress_shown = 1;
}

void cli_progress_end(void)
{
    if (progress_shown && isatty(2))
        fputs("\r\033[K", stderr);
    progress_shown = 0;
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void rm_tree(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int cli_outdir_begin(const char *dir, char *tmp, size_t len)
{
    snprintf(tmp, len, "%s.tmp-%ld", dir, (long)getpid());
    rm_tree(tmp);
    if (mkdir(tmp, 0777) != 0) {
        cli_error("cannot create '%s': %s", tmp, strerror(errno));
        return -1;
    }
    return 0;
}

int cli_outdir_commit(const char *tmp, const char *dir)
{
    struct stat st;
    char old[4096], probe[4096];

    if (stat(dir, &st) == 0) {
        snprintf(probe, sizeof probe, "%s/summary.json", dir);
        if (!S_ISDIR(st.st_mode) || stat(probe, &st) != 0) {
            cli_error("'%s' exists and is not a scomm run folder; "
                      "choose another --out", dir);
            cli_outdir_abort(tmp);
            return -1;
        }
        snprintf(old, sizeof old, "%s.old-%ld", dir, (long)getpid());
        if (rename(dir, old) != 0) {
            cli_error("cannot replace '%s': %s", dir, strerror(errno));
            cli_outdir_abort(tmp);
            return -1;
        }
        if (rename(tmp, dir) != 0) {
            cli_error("cannot rename '%s' to '%s': %s", tmp, dir,
                      strerror(errno));
            rename(old, dir);
            cli_outdir_abort(tmp);
            return -1;
        }
        rm_tree(old);
        return 0;
    }
    if (rename(tmp, dir) != 0) {
        cli_error("cannot rename '%s' to '%s': %s", tmp, dir,
                  strerror(errno));
        cli_outdir_abort(tmp);
        return -1;
    }
    return 0;
}

void cli_outdir_abort(const char *tmp)
{
    rm_tree(tmp);
}
