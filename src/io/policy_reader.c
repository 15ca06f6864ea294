/*
 * policy_reader.c - reads [policy.NAME] sections of INI files into
 * compiled policies.
 *
 * The file is read line by line (getline); a [policy.NAME] header opens
 * a policy, each `rule = ...` line goes to sc_policy_add_rule() (policy.c
 * knows the rule language, this module the sections), and the next
 * header or the end of the file closes it with sc_policy_finish().  In a
 * scenario file the other sections are skipped: src/io/ini_reader.c reads
 * them.  Both read lines through src/io/ini_lex.c, so the syntax is one
 * and one file can hold both.
 *
 * Data: the caller's sc_policy_set, a growing array of sc_policy; on
 * error it is cut back to what it held, so a failed read adds nothing.
 * Workload: a few files of a few dozen lines, once per command.
 */
#include "scomm/io/policy_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scomm/common.h"
#include "scomm/io/ini_lex.h"

#define PREFIX "policy."

void sc_policy_set_init(sc_policy_set *s)
{
    memset(s, 0, sizeof *s);
}

void sc_policy_set_release(sc_policy_set *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

const sc_policy *sc_policy_set_find(const sc_policy_set *s,
                                    const char *name)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (strcmp(s->v[i].name, name) == 0)
            return &s->v[i];
    return NULL;
}

typedef struct rstate {
    const char *path;
    unsigned flags;
    long line;
    sc_policy_set *set;
    size_t first;         /* set->n when the read began */
    sc_policy *cur;       /* the open policy, NULL if none */
    long cur_line;        /* line of its header */
    long description;     /* line of its description, 0 if none */
    int skipping;         /* inside a scenario's own section */
    char *err;
} rstate;

static int parse_error(rstate *st, const char *fmt, ...)
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

/* Closes the open policy: it must end with `otherwise`.  Errors point at
 * its header. */
static int close_policy(rstate *st)
{
    char msg[SC_ERRMSG_MAX];
    long line = st->line;
    int rc;

    if (!st->cur)
        return 0;
    rc = sc_policy_finish(st->cur, msg);
    if (rc < 0) {
        st->line = st->cur_line;
        parse_error(st, "[" PREFIX "%s]: %s", st->cur->name, msg);
        st->line = line;
        return SC_EPARSE;
    }
    st->cur = NULL;
    return 0;
}

static int open_policy(rstate *st, const char *name)
{
    char msg[SC_ERRMSG_MAX];
    sc_policy pol;
    size_t i;

    if (sc_policy_init(&pol, name, msg) < 0)
        return parse_error(st, "[" PREFIX "%s]: %s", name, msg);
    if (!(st->flags & SC_POLICY_READ_SHIPPED) && sc_policy_check(name) == 0)
        return parse_error(st, "[" PREFIX "%s]: a shipped policy has that "
                           "name; give yours another", name);
    for (i = 0; i < st->set->n; i++)
        if (strcmp(st->set->v[i].name, name) == 0)
            return parse_error(st, "[" PREFIX "%s]: policy defined twice",
                               name);
    if (st->set->n == st->set->cap) {
        size_t cap = st->set->cap ? 2 * st->set->cap : 4;
        sc_policy *v = realloc(st->set->v, cap * sizeof *v);
        if (!v) {
            snprintf(st->err, SC_ERRMSG_MAX, "%s: out of memory", st->path);
            return SC_ENOMEM;
        }
        st->set->v = v;
        st->set->cap = cap;
    }
    st->cur = &st->set->v[st->set->n++];
    *st->cur = pol;
    st->cur_line = st->line;
    st->description = 0;
    return 0;
}

static int parse_section(rstate *st, const char *name)
{
    int rc;

    if ((rc = close_policy(st)) < 0)
        return rc;
    st->skipping = 0;
    if (strncmp(name, PREFIX, strlen(PREFIX)) == 0)
        return open_policy(st, name + strlen(PREFIX));
    if (st->flags & SC_POLICY_READ_SCENARIO) {
        st->skipping = 1;
        return 0;
    }
    return parse_error(st, "[%s]: not a policy section; a policy file "
                       "holds only [" PREFIX "NAME] sections", name);
}

static int parse_pair(rstate *st, sc_ini_line *l)
{
    char msg[SC_ERRMSG_MAX];
    const char *key;
    int rc;

    if (st->skipping)
        return 0;
    if (!st->cur) {
        /* Keys before any section belong to the scenario reader, which
         * refuses them; a policy file has no such keys. */
        if (st->flags & SC_POLICY_READ_SCENARIO)
            return 0;
        return parse_error(st, "'%s': text before any [" PREFIX "NAME] "
                           "section", l->text);
    }
    rc = sc_ini_split(l);
    if (l->fault == SC_INI_NO_EQUALS)
        return parse_error(st, "[" PREFIX "%s] '%s': expected 'rule = ...' "
                           "or 'description = ...'", st->cur->name, l->text);
    key = l->key;
    if (*key == '\0')
        return parse_error(st, "[" PREFIX "%s]: missing key before '='",
                           st->cur->name);
    if (rc < 0)
        return parse_error(st, "[" PREFIX "%s] %s: %s", st->cur->name, key,
                           l->why);
    if (strcmp(key, "rule") == 0) {
        rc = sc_policy_add_rule(st->cur, l->value, msg);
        if (rc < 0)
            return parse_error(st, "[" PREFIX "%s] rule: %s", st->cur->name,
                               msg);
        return 0;
    }
    if (strcmp(key, "description") == 0) {
        if (st->description)
            return parse_error(st, "[" PREFIX "%s] description: duplicate "
                               "key (first set on line %ld)", st->cur->name,
                               st->description);
        st->description = st->line;
        return 0;
    }
    return parse_error(st, "[" PREFIX "%s] %s: unknown key (a policy has "
                       "'rule' lines and one 'description')", st->cur->name,
                       key);
}

static int parse_line(rstate *st, char *line, size_t len)
{
    sc_ini_line l;

    switch (sc_ini_lex(line, len, st->line, &l)) {
    case SC_INI_BLANK:
        return 0;
    case SC_INI_SECTION:
        return parse_section(st, l.name);
    case SC_INI_PAIR:
        return parse_pair(st, &l);
    case SC_INI_BAD:
        break;
    }
    if (l.fault == SC_INI_NO_CLOSE)
        return parse_error(st, "'%s': %s", l.text, l.why);
    if (l.fault == SC_INI_HEADER_TEXT)
        return parse_error(st, "[%.*s]: %s", (int)l.name_len, l.name, l.why);
    return parse_error(st, "%s", l.why);
}

int sc_policy_read(const char *path, unsigned flags, sc_policy_set *set,
                   char *err)
{
    rstate st;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    FILE *f;
    int rc = 0;

    memset(&st, 0, sizeof st);
    st.path = path;
    st.flags = flags;
    st.set = set;
    st.first = set->n;
    st.err = err;
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, SC_ERRMSG_MAX, "cannot open '%s': %s", path,
                 strerror(errno));
        return SC_EIO;
    }
    errno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        st.line++;
        if ((rc = parse_line(&st, line, (size_t)len)) < 0)
            goto done;
        errno = 0;
    }
    if (ferror(f) || !feof(f)) {
        snprintf(err, SC_ERRMSG_MAX, "cannot read '%s': %s", path,
                 strerror(errno ? errno : EIO));
        rc = SC_EIO;
        goto done;
    }
    rc = close_policy(&st);
done:
    if (rc < 0)
        set->n = st.first;
    free(line);
    fclose(f);
    return rc;
}

int sc_policy_resolve(const char *name, const char *scenario,
                      sc_policy *out, char *err)
{
    sc_policy_set set;
    const sc_policy *found;
    int rc;

    if (sc_policy_builtin(name, out) == 0)
        return 0;
    sc_policy_set_init(&set);
    if (scenario) {
        rc = sc_policy_read(scenario, SC_POLICY_READ_SCENARIO, &set, err);
        if (rc < 0) {
            sc_policy_set_release(&set);
            return rc;
        }
    }
    found = sc_policy_set_find(&set, name);
    if (found)
        *out = *found;
    sc_policy_set_release(&set);
    if (found)
        return 0;
    snprintf(err, SC_ERRMSG_MAX, "unknown policy '%s' (shipped: "
             "database-only, priorities-2014, individualized, judicial%s%s"
             "%s)", name, scenario ? "; none such in '" : "",
             scenario ? scenario : "", scenario ? "'" : "");
    return SC_ENOENT;
}
