/*
 * ini_reader.c - reads a scenario file into sc_params.
 *
 * The file is read line by line (getline, so lines have no length limit)
 * and each `key = value` goes straight to sc_params_set(); ini_lex.c
 * knows the syntax, this module the sections, scenario.c the keys.  The
 * only state is the current section (a pointer into the key table, so an
 * unknown section is rejected at its header) and, per key of the table,
 * the line that set it, to report duplicates.  Keys are applied to a
 * copy of the caller's parameters, which is written back only when the
 * whole file has parsed and validated: a failed load leaves *p as it was.
 *
 * The syntax (comments, quoting, byte-order mark) is that of
 * include/scomm/io/ini_lex.h, shared with the policy and link model
 * readers; section names are those of the key table.
 *
 * [policy.NAME] sections define the scenario's own policies; they are
 * skipped here and compiled by src/io/policy_reader.c, which this reader
 * calls once the file has parsed, so that a bad rule is reported with its
 * line as any other error, and so that `[run] policy = NAME` may name
 * one of them (sc_params.policy_custom).
 *
 * Workload: a scenario file of a few dozen lines, once per run.
 */
#include "scomm/io/ini_reader.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/io/ini_lex.h"
#include "scomm/io/policy_reader.h"
#include "scomm/scenario.h"

typedef struct ini_state {
    const char *path;
    long line;
    const char *section;    /* current section (key-table string) */
    int in_policy;          /* inside a [policy.NAME] section */
    int policies;           /* the file has [policy.NAME] sections */
    char *err;
} ini_state;

static int parse_error(ini_state *st, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(st->err, SC_ERRMSG_MAX, "%s:%ld: ", st->path,
                     st->line);

    if (n >= 0 && n < SC_ERRMSG_MAX) {
        va_start(ap, fmt);
        vsnprintf(st->err + n, (size_t)(SC_ERRMSG_MAX - n), fmt, ap);
        va_end(ap);
    }
    return SC_EPARSE;
}

/* "PATH: msg", for what is wrong with the file as a whole. */
static void whole_file_error(ini_state *st, const char *msg)
{
    int n = snprintf(st->err, SC_ERRMSG_MAX, "%s: ", st->path);
    size_t len;

    if (n < 0 || n >= SC_ERRMSG_MAX)
        return;
    len = strnlen(msg, (size_t)(SC_ERRMSG_MAX - n - 1));
    memcpy(st->err + n, msg, len);
    st->err[n + (int)len] = '\0';
}

static const char *find_section(const char *name)
{
    size_t i, n;
    const sc_param_key *k = sc_param_keys(&n);

    for (i = 0; i < n; i++)
        if (strcmp(k[i].section, name) == 0)
            return k[i].section;
    return NULL;
}

static int parse_section(ini_state *st, const char *name)
{
    const char *sect;

    if (*name == '\0')
        return parse_error(st, "[]: empty section name");
    st->in_policy = strncmp(name, "policy.", 7) == 0;
    if (st->in_policy) {
        st->policies = 1;
        st->section = NULL;
        return 0;
    }
    sect = find_section(name);
    if (!sect)
        return parse_error(st, "[%s]: unknown section", name);
    st->section = sect;
    return 0;
}

/* sc_params_set in the C locale, so that "0.5" means one half whatever
 * the program's locale says about decimal points. */
static int set_in_c_locale(sc_params *p, const char *section,
                           const char *key, const char *value, char *msg)
{
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = (locale_t)0;
    int rc;

    if (c)
        old = uselocale(c);
    rc = sc_params_set(p, section, key, value, msg);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return rc;
}

static int parse_pair(ini_state *st, sc_ini_line *l, sc_params *p,
                      long *seen)
{
    char msg[SC_ERRMSG_MAX];
    const sc_param_key *table, *k;
    const char *key;
    size_t n;
    int rc;

    if (st->in_policy)
        return 0;
    rc = sc_ini_split(l);
    if (l->fault == SC_INI_NO_EQUALS) {
        if (st->section)
            return parse_error(st, "[%s] '%s': %s", st->section, l->text,
                               l->why);
        return parse_error(st, "'%s': %s", l->text, l->why);
    }
    key = l->key;
    if (*key == '\0') {
        if (st->section)
            return parse_error(st, "[%s]: missing key before '='",
                               st->section);
        return parse_error(st, "missing key before '='");
    }
    if (!st->section)
        return parse_error(st, "%s: key before any [section]", key);
    if (rc < 0)
        return parse_error(st, "[%s] %s: %s", st->section, key, l->why);

    table = sc_param_keys(&n);
    k = sc_param_find(st->section, key);
    if (!k)
        return parse_error(st, "[%s] %s: unknown key", st->section, key);
    if (seen[k - table])
        return parse_error(st, "[%s] %s: duplicate key (first set on line "
                           "%ld)", st->section, key, seen[k - table]);
    seen[k - table] = st->line;

    msg[0] = '\0';
    rc = set_in_c_locale(p, st->section, key, l->value, msg);
    if (rc == SC_ENOENT)
        return parse_error(st, "[%s] %s: unknown key", st->section, key);
    if (rc < 0) {
        if (msg[0])
            return parse_error(st, "[%s] %s", st->section, msg);
        return parse_error(st, "[%s] %s: '%s': %s", st->section, key,
                           l->value, sc_strerror(rc));
    }
    return 0;
}

static int parse_line(ini_state *st, char *line, size_t len, sc_params *p,
                      long *seen)
{
    sc_ini_line l;

    switch (sc_ini_lex(line, len, st->line, &l)) {
    case SC_INI_BLANK:
        return 0;
    case SC_INI_SECTION:
        return parse_section(st, l.name);
    case SC_INI_PAIR:
        return parse_pair(st, &l, p, seen);
    case SC_INI_BAD:
        break;
    }
    if (l.fault == SC_INI_NO_CLOSE)
        return parse_error(st, "'%s': %s", l.text, l.why);
    if (l.fault == SC_INI_HEADER_TEXT)
        return parse_error(st, "[%s]: %s", l.name, l.why);
    return parse_error(st, "%s", l.why);
}

/* Compiles the file's [policy.NAME] sections, and notes whether one of
 * them is the policy the scenario runs. */
static int read_policies(ini_state *st, sc_params *p)
{
    sc_policy_set set;
    int rc;

    p->policy_custom = 0;
    if (!st->policies)
        return 0;
    sc_policy_set_init(&set);
    rc = sc_policy_read(st->path, SC_POLICY_READ_SCENARIO, &set, st->err);
    if (rc == 0)
        p->policy_custom = sc_policy_set_find(&set, p->policy) != NULL;
    sc_policy_set_release(&set);
    return rc;
}

int sc_ini_load(const char *path, sc_params *p, char *err)
{
    ini_state st = {path, 0, NULL, 0, 0, err};
    sc_params work = *p;
    char msg[SC_ERRMSG_MAX];
    char *line = NULL;
    size_t cap = 0, nkeys;
    ssize_t len;
    long *seen;
    FILE *f;
    int rc = 0;

    sc_param_keys(&nkeys);
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, SC_ERRMSG_MAX, "cannot open '%s': %s", path,
                 strerror(errno));
        return SC_EIO;
    }
    seen = calloc(nkeys ? nkeys : 1, sizeof *seen);
    if (!seen) {
        fclose(f);
        snprintf(err, SC_ERRMSG_MAX, "%s: out of memory", path);
        return SC_ENOMEM;
    }

    errno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        st.line++;
        rc = parse_line(&st, line, (size_t)len, &work, seen);
        if (rc < 0)
            goto done;
        errno = 0;
    }
    if (ferror(f) || !feof(f)) {
        snprintf(err, SC_ERRMSG_MAX, "cannot read '%s': %s", path,
                 strerror(errno ? errno : EIO));
        rc = SC_EIO;
        goto done;
    }

    if ((rc = read_policies(&st, &work)) < 0)
        goto done;
    msg[0] = '\0';
    if (sc_params_validate(&work, msg) < 0) {
        st.line = 0;
        whole_file_error(&st, msg[0] ? msg : "invalid parameters");
        rc = SC_EPARSE;
        goto done;
    }
    *p = work;

done:
    free(line);
    free(seen);
    fclose(f);
    return rc;
}
