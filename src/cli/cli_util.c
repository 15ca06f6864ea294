/*
 * cli_util.c - error printing, the progress line, run folders, and the
 * set-up steps that `scomm run` and `scomm compare` share: reading the
 * scenario and its flags into sc_params, and building the sim on its
 * geography.  No state but the progress line's flag.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "scomm/io/geo_reader.h"
#include "scomm/io/ini_reader.h"

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

int cli_parse_count(const char *flag, const char *s, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < 1 || v > max) {
        cli_error("%s: '%s' is not a whole number in 1..%ld", flag, s, max);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_scenario_name(const char *path, char *out, size_t len)
{
    const char *base = strrchr(path, '/');
    char *dot;

    base = base ? base + 1 : path;
    snprintf(out, len, "%s", base);
    dot = strrchr(out, '.');
    if (dot && dot != out)
        *dot = '\0';
}

int cli_load_params(const char *scenario, const char *seed,
                    const char *geo_dir, int threads, sc_params *p)
{
    char err[SC_ERRMSG_MAX] = "";

    sc_params_init(p);
    if (scenario && sc_ini_load(scenario, p, err) < 0) {
        cli_error("%s", err);
        return SC_EXIT_USAGE;
    }
    if (seed && sc_params_set(p, "run", "seed", seed, err) < 0) {
        /* sc_params_set says "seed: why"; the flag replaces the key. */
        cli_error("--seed: %s", strchr(err, ':') ? strchr(err, ':') + 2
                                                  : err);
        return SC_EXIT_USAGE;
    }
    if (geo_dir && sc_params_set(p, "run", "geo_dir", geo_dir, err) < 0) {
        cli_error("--geo-dir: %s", err);
        return SC_EXIT_USAGE;
    }
    p->threads = threads;
    if (sc_params_validate(p, err) < 0) {
        cli_error("%s", err);
        return SC_EXIT_USAGE;
    }
    return 0;
}

int cli_sim_create(const sc_params *p, sc_progress_fn progress, void *ud,
                   sc_sim **out)
{
    char err[SC_ERRMSG_MAX] = "";
    sc_geo *geo = NULL;
    int rc;

    if (p->geo_dir[0]) {
        int year;
        sc_date_to_ymd(p->start, &year, NULL, NULL);
        if (sc_geo_load_dir(p->geo_dir, year, &geo, err) < 0) {
            cli_error("%s", err);
            return SC_EXIT_USAGE;
        }
    } else if (sc_geo_create_states(&geo) < 0) {
        cli_error("out of memory");
        return SC_EXIT_FAIL;
    }
    /* The sim owns geo from here, even when it fails. */
    rc = sc_sim_create(p, geo, progress, ud, out, err);
    if (rc < 0) {
        cli_progress_end();
        cli_error("%s", err);
        return rc == SC_EINVAL || rc == SC_ERANGE ? SC_EXIT_USAGE
                                                  : SC_EXIT_FAIL;
    }
    return 0;
}

void cli_run_opts_init(cli_run_opts *o)
{
    o->out = o->seed = o->geo_dir = NULL;
    o->threads = sysconf(_SC_NPROCESSORS_ONLN);
    if (o->threads < 1)
        o->threads = 1;
    o->quiet = 0;
    opterr = 0;
    optind = 1;
}

int cli_run_opt(const char *cmd, const char *usage, int c, char **argv,
                cli_run_opts *o)
{
    switch (c) {
    case 'o': o->out = optarg; return CLI_OPT_TAKEN;
    case 's': o->seed = optarg; return CLI_OPT_TAKEN;
    case 't':
        if (cli_parse_count("--threads", optarg, 256, &o->threads) < 0)
            return SC_EXIT_USAGE;
        return CLI_OPT_TAKEN;
    case 'g': o->geo_dir = optarg; return CLI_OPT_TAKEN;
    case 'q': o->quiet = 1; return CLI_OPT_TAKEN;
    case 'h': fputs(usage, stdout); return 0;
    case '?':
    case ':':
        if (optopt)
            cli_error("%s: option '-%c' is unknown or lacks its value", cmd,
                      optopt);
        else
            cli_error("%s: option '%s' is unknown or lacks its value", cmd,
                      argv[optind - 1]);
        fputs(usage, stderr);
        return SC_EXIT_USAGE;
    default:
        return CLI_OPT_OWN;
    }
}

int cli_scenario_arg(const char *cmd, int argc, char **argv,
                     const char **scenario)
{
    if (argc - optind > 1) {
        cli_error("%s: one scenario at most, got '%s' and '%s'", cmd,
                  argv[optind], argv[optind + 1]);
        return SC_EXIT_USAGE;
    }
    *scenario = optind < argc ? argv[optind] : NULL;
    return 0;
}

int cli_write_in(const char *dir, const char *file, cli_write_fn write,
                 void *ud)
{
    char path[4200], tmp[4300], err[SC_ERRMSG_MAX] = "";
    struct stat st;

    if (cli_mkdirs(dir, 1) < 0)
        return -1;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("--out: '%s' is not a folder", dir);
        return -1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    if (write(tmp, ud, err) < 0) {
        cli_error("%s", err[0] ? err : "cannot write the output");
        remove(tmp);
        return -1;
    }
    if (rename(tmp, path) != 0) {
        cli_error("cannot rename '%s' to '%s': %s", tmp, path,
                  strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

static int write_json_tree(const char *path, void *ud, char *err)
{
    return sc_json_write(ud, path, err);
}

int cli_write_json_in(const char *dir, const char *file, const json_t *root)
{
    return cli_write_in(dir, file, write_json_tree, (void *)root);
}

int cli_text_width(const char *s)
{
    int w = 0;

    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

int cli_mkdirs(const char *dir, int include_last)
{
    char buf[4096];
    size_t len = strlen(dir);

    if (len == 0 || len >= sizeof buf) {
        cli_error("--out: '%s' is not a usable folder name", dir);
        return -1;
    }
    memcpy(buf, dir, len + 1);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        if (*p == '\0' && !include_last)
            break;
        char c = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create '%s': %s", buf, strerror(errno));
            return -1;
        }
        *p = c;
        if (!c)
            break;
    }
    return 0;
}
