/*
 * ini_lex.c - the INI line syntax shared by scenario, policy and link
 * model files (include/scomm/io/ini_lex.h).
 *
 * Each call looks at one line the caller read with getline and cuts it in
 * place: NUL bytes end the key, the value and the section name, and a
 * quoted value is unescaped where it stands, so nothing is allocated.
 * The caller's sc_ini_line holds pointers into that buffer.  Lexing and
 * splitting are two calls because the readers check their own state
 * (a key before any section, a section they skip) between them, and
 * their messages have always come in that order.
 *
 * Workload: a few dozen lines a file, a few files a command.
 */
#include "scomm/io/ini_lex.h"

#include <string.h>

static int is_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v';
}

static char *skip_space(char *s)
{
    while (is_space((unsigned char)*s))
        s++;
    return s;
}

static size_t trimmed_len(const char *s)
{
    size_t n = strlen(s);

    while (n > 0 && is_space((unsigned char)s[n - 1]))
        n--;
    return n;
}

static void trim_end(char *s)
{
    s[trimmed_len(s)] = '\0';
}

/* Whether s[i] starts a comment: '#' or ';' at the start of the text or
 * after whitespace, so that "a#b" stays a value. */
static int comment_at(const char *s, size_t i)
{
    return (s[i] == '#' || s[i] == ';') &&
           (i == 0 || is_space((unsigned char)s[i - 1]));
}

/* Whether the rest of s is blank or a comment. */
static int only_comment(char *s)
{
    s = skip_space(s);
    return *s == '\0' || *s == '#' || *s == ';';
}

static int fault(sc_ini_line *l, sc_ini_fault f)
{
    static const char *const why[] = {
        [SC_INI_FINE] = "",
        [SC_INI_NUL] = "embedded NUL byte",
        [SC_INI_NO_CLOSE] = "section header without ']'",
        [SC_INI_HEADER_TEXT] = "text after the section header",
        [SC_INI_NO_EQUALS] = "expected 'key = value'",
        [SC_INI_OPEN_QUOTE] = "unterminated quote",
        [SC_INI_QUOTE_TEXT] = "text after the closing quote",
    };

    l->fault = f;
    l->why = why[f];
    return f == SC_INI_FINE ? 0 : -1;
}

static sc_ini_kind lex_section(sc_ini_line *l)
{
    char *close = strchr(l->text, ']');

    if (!close) {
        fault(l, SC_INI_NO_CLOSE);
        return SC_INI_BAD;
    }
    *close = '\0';
    l->name = skip_space(l->text + 1);
    l->name_len = trimmed_len(l->name);
    if (!only_comment(close + 1)) {
        fault(l, SC_INI_HEADER_TEXT);
        return SC_INI_BAD;
    }
    l->name[l->name_len] = '\0';
    return SC_INI_SECTION;
}

sc_ini_kind sc_ini_lex(char *line, size_t len, long lineno,
                       sc_ini_line *out)
{
    char *s;

    memset(out, 0, sizeof *out);
    fault(out, SC_INI_FINE);
    out->text = line;
    if (strlen(line) != len) {
        fault(out, SC_INI_NUL);
        return SC_INI_BAD;
    }
    /* The byte-order mark some editors write before the first line. */
    if (lineno == 1 && len >= 3 && (unsigned char)line[0] == 0xEF &&
        (unsigned char)line[1] == 0xBB && (unsigned char)line[2] == 0xBF)
        line += 3;
    len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';

    s = skip_space(line);
    out->text = s;
    if (*s == '\0' || *s == '#' || *s == ';')
        return SC_INI_BLANK;
    if (*s == '[')
        return lex_section(out);
    trim_end(s);
    return SC_INI_PAIR;
}

/* Cuts the value out of s (the text after '=') in place.  Unquoted: up to
 * a comment, trimmed.  Quoted: the text between the quotes, unescaped. */
static int split_value(sc_ini_line *l, char *s)
{
    char *r, *w;
    size_t i;

    s = skip_space(s);
    if (*s != '"') {
        for (i = 0; s[i]; i++)
            if (comment_at(s, i)) {
                s[i] = '\0';
                break;
            }
        trim_end(s);
        l->value = s;
        return 0;
    }
    r = s + 1;
    w = s;
    for (;;) {
        if (*r == '\0')
            return fault(l, SC_INI_OPEN_QUOTE);
        if (*r == '"')
            break;
        if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
            r++;
        *w++ = *r++;
    }
    *w = '\0';
    if (!only_comment(r + 1))
        return fault(l, SC_INI_QUOTE_TEXT);
    l->value = s;
    return 0;
}

int sc_ini_split(sc_ini_line *l)
{
    char *eq = strchr(l->text, '=');

    if (!eq)
        return fault(l, SC_INI_NO_EQUALS);
    *eq = '\0';
    l->key = l->text;
    trim_end(l->key);
    return split_value(l, eq + 1);
}
