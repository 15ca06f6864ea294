/*
 * compare_int.h - helpers shared by the link/ string modules
 * (normalize.c, comparators.c, phonetic.c, double_metaphone.c); not part
 * of the public API.
 */
#ifndef SC_LINK_COMPARE_INT_H
#define SC_LINK_COMPARE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "scomm/link/compare.h"

/* An invalid UTF-8 byte b decodes to the code point U+DC00 + b.  Valid
 * UTF-8 never yields a surrogate, so a bad byte is a code point of its
 * own, equal only to the same bad byte (as Python's surrogateescape). */
#define SC_CP_BAD_BASE 0xDC00u

/* Decodes one code point from s, of which `avail` bytes may be read (a
 * NUL-terminated string may pass SIZE_MAX: a NUL is never a continuation
 * byte, so decoding stops there).  Sets *cp and returns the number of
 * bytes used, at least 1; 0 only when avail is 0. */
size_t sc_utf8_next(const unsigned char *s, size_t avail, uint32_t *cp);

/* Decodes the first `max` code points of the NUL-terminated s into out;
 * returns how many it wrote. */
size_t sc_cmp_decode(const char *s, uint32_t *out, size_t max);

/* Folds s with sc_fold_ascii and keeps only the letters A-Z and, when
 * keep_space is set, single spaces between words (leading and trailing
 * ones removed): the input every phonetic encoder starts from.  Other
 * characters vanish without separating anything.  Writes at most cap
 * bytes including the NUL; returns the length. */
size_t sc_fold_letters(const char *s, int keep_space, char *out, size_t cap);

/* Room for a folded name in the encoders: folding may expand a code point
 * to two letters (ß -> SS), so twice the comparator limit. */
#define SC_FOLD_MAX (2 * SC_CMP_MAX + 1)

#endif /* SC_LINK_COMPARE_INT_H */
