/*
 * link/compare.h - string normalisation, comparators and phonetic codes
 * for record linkage.
 *
 * Inputs are UTF-8.  Comparators work on Unicode code points, not bytes,
 * so "MÜLLER" and "MULLER" differ by one substitution, not two.  The
 * phonetic encoders fold case and accents first (NFKD-style: a letter
 * with a diacritic becomes its base letter; see sc_fold_ascii).  Every
 * function is pure, allocation-free for inputs up to SC_CMP_MAX code
 * points (longer inputs are compared on their first SC_CMP_MAX), and
 * thread-safe.
 *
 * Reference semantics are those of the test vectors in
 * ../shared/data/string-vectors (jellyfish, and the Ruby `text` gem for
 * Double Metaphone); tests/unit/test_compare.c checks every row.
 */
#ifndef SC_LINK_COMPARE_H
#define SC_LINK_COMPARE_H

#include <stddef.h>

/* Longest input, in code points, that comparators consider. */
#define SC_CMP_MAX 256

/* --- normalisation ---------------------------------------------------- */

/* Folds UTF-8 to upper-case ASCII: letters with diacritics become their
 * base letter (É -> E, Ç -> C, Ø -> O, ß -> SS, Đ -> D, Ł -> L, ...),
 * other non-ASCII code points are dropped, as are invalid UTF-8 bytes.
 * Writes at most cap bytes including the NUL; returns the length. */
size_t sc_fold_ascii(const char *in, char *out, size_t cap);

/* The linkage form of a name: sc_fold_ascii, then punctuation (.,'-/ and
 * the like) becomes a space, runs of spaces become one, leading and
 * trailing spaces go; digits are kept.  With `drop_particles`, name
 * particles standing as separate words (DE, DEL, DELA, LA, LAS, LOS, VAN,
 * VON, DER, DA, DOS, DI, LE, AL, EL, BIN, IBN, ABU) are removed unless the
 * name would become empty.  Returns the length. */
size_t sc_norm_name(const char *in, int drop_particles, char *out,
                    size_t cap);

/* Number of code points in a UTF-8 string (invalid bytes count as one). */
size_t sc_utf8_len(const char *s);

/* Whether s is valid UTF-8 (no overlong forms, surrogates or values
 * above U+10FFFF).  On failure *bad_offset (if not NULL) is the byte
 * offset of the first bad byte. */
int sc_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* --- comparators (code points; case-sensitive: normalise first) ------- */

/* Jaro similarity in [0, 1] (Jaro 1989); 0 when either string is empty,
 * as in the reference vectors. */
double sc_jaro(const char *a, const char *b);

/* Jaro-Winkler (Winkler 1990): prefix scale 0.1, prefix up to 4, boost
 * only when Jaro > 0.7; with long_tolerance, jellyfish's adjustment for
 * long strings. */
double sc_jaro_winkler(const char *a, const char *b, int long_tolerance);

/* Edit distances. */
int sc_levenshtein(const char *a, const char *b);
/* Optimal string alignment: adjacent transpositions, no edits inside a
 * transposed pair. */
int sc_osa(const char *a, const char *b);
/* Unrestricted Damerau-Levenshtein (Lowrance & Wagner 1975). */
int sc_damerau_levenshtein(const char *a, const char *b);
/* Hamming: positions that differ, plus the difference in length. */
int sc_hamming(const char *a, const char *b);

/* Jaccard similarity of the sets of n-grams (n >= 1), or of
 * whitespace-separated words when n == 0. */
double sc_jaccard(const char *a, const char *b, int n);

/* --- phonetic codes (fold case and accents themselves) ---------------- */

/* American Soundex, 4 characters ("" for an input with no letters).
 * out has at least 5 bytes. */
void sc_soundex(const char *in, char *out);

/* NYSIIS (Taft 1970), not truncated.  out has cap bytes. */
void sc_nysiis(const char *in, char *out, size_t cap);

/* Original Metaphone (Philips 1990).  out has cap bytes. */
void sc_metaphone(const char *in, char *out, size_t cap);

/* Double Metaphone (Philips 2000), codes of at most 4 characters; when
 * there is no distinct alternate, alternate equals primary.  Both
 * buffers have at least 5 bytes. */
void sc_double_metaphone(const char *in, char *primary, char *alternate);

/* Match Rating Approach (Moore 1977): the codex (at most 6 characters,
 * out has at least 7 bytes), and the comparison: 1 match, 0 no match,
 * -1 not comparable (codex lengths differ by 3 or more). */
void sc_mra_codex(const char *in, char *out);
int sc_mra_compare(const char *a, const char *b);

#endif /* SC_LINK_COMPARE_H */
