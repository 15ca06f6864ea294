/*
 * ini_lex.h - one line of an INI file, cut into its parts.
 *
 * Scenario files (ini_reader.h), policy files (policy_reader.h) and the
 * model files of `scomm link` share one syntax, and this is it:
 *
 *   [section]            whitespace inside the brackets is dropped
 *   key = value          whitespace around key and value is dropped
 *   key = "a value"      quotes keep spaces, '#' and ';'; inside them \"
 *                        is a quote and \\ a backslash
 *   # comment, ; comment at the start of a line, or after whitespace
 *                        following a value or a section header
 *
 * A UTF-8 byte-order mark on line 1 and CRLF line ends are accepted.  The
 * lexer knows no sections or keys and keeps no state: each reader decides
 * what a line means and words its own messages around `why`.
 */
#ifndef SC_INI_LEX_H
#define SC_INI_LEX_H

#include <stddef.h>

typedef enum sc_ini_kind {
    SC_INI_BLANK,     /* whitespace only, or a comment */
    SC_INI_SECTION,   /* a "[name]" header */
    SC_INI_PAIR,      /* any other text: cut it with sc_ini_split() */
    SC_INI_BAD        /* fault and why say what is wrong */
} sc_ini_kind;

typedef enum sc_ini_fault {
    SC_INI_FINE = 0,
    SC_INI_NUL,          /* "embedded NUL byte" */
    SC_INI_NO_CLOSE,     /* "section header without ']'" */
    SC_INI_HEADER_TEXT,  /* "text after the section header" */
    SC_INI_NO_EQUALS,    /* "expected 'key = value'" */
    SC_INI_OPEN_QUOTE,   /* "unterminated quote" */
    SC_INI_QUOTE_TEXT    /* "text after the closing quote" */
} sc_ini_fault;

/* The parts of one line; every pointer points into the caller's line
 * buffer, which the lexer cuts up in place. */
typedef struct sc_ini_line {
    sc_ini_fault fault;
    const char *why;   /* the fault in words (above); "" when none */
    char *text;        /* the line from its first non-blank byte, its end
                        * of line dropped; for SC_INI_PAIR also its
                        * trailing blanks */
    char *name;        /* SC_INI_SECTION: the name, trimmed.  With
                        * SC_INI_HEADER_TEXT: as written (leading blanks
                        * dropped, trailing ones kept) */
    size_t name_len;   /* the name's length without trailing blanks */
    char *key;         /* after sc_ini_split(): the key, trimmed (may be
                        * empty); NULL with SC_INI_NO_EQUALS */
    char *value;       /* after a successful sc_ini_split(): the value,
                        * trimmed, or unquoted and unescaped */
} sc_ini_line;

/* Classifies line `lineno` (counted from 1) as read by getline: `len`
 * bytes, so that an embedded NUL byte is found.  Fills *out and returns
 * its kind; SC_INI_BAD comes with SC_INI_NUL, SC_INI_NO_CLOSE (text is
 * the header as written) or SC_INI_HEADER_TEXT (name as above). */
sc_ini_kind sc_ini_lex(char *line, size_t len, long lineno,
                       sc_ini_line *out);

/* Cuts an SC_INI_PAIR line into key and value.  Returns 0, or -1 with
 * SC_INI_NO_EQUALS (no key either), SC_INI_OPEN_QUOTE or
 * SC_INI_QUOTE_TEXT (key set) in l->fault and l->why.  An empty key is
 * not a fault here: readers differ in when they refuse it. */
int sc_ini_split(sc_ini_line *l);

#endif /* SC_INI_LEX_H */
