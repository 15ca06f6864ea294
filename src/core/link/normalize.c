/*
 * normalize.c - UTF-8 decoding, folding to ASCII and the linkage form of
 * a name.
 *
 * Every comparator and encoder in link/ starts here.  Decoding follows
 * the well-formed byte sequences of the Unicode Standard (ch. 3, table
 * 3-7): no overlong forms, no surrogates, nothing above U+10FFFF; each
 * byte that does not start a well-formed sequence stands for one code
 * point of its own (SC_CP_BAD_BASE + byte), so bad input never crashes a
 * comparator and never equals good input.
 *
 * Folding maps a code point to zero, one or two upper-case ASCII letters
 * through a table of the Latin blocks where names live: Latin-1
 * Supplement, Latin Extended-A and -B (U+00C0..U+024F) and Latin
 * Extended Additional (U+1E00..U+1EFF), plus the fullwidth forms and the
 * Latin ligatures.  The table was derived from the Unicode NFKD
 * decompositions (the base letter of a decomposed letter), completed by
 * hand for letters that have none (Ø -> O, Ł -> L, Đ -> D, Æ -> AE,
 * ß -> SS, Þ -> TH, ...).  Combining marks, other scripts and symbols
 * fold to nothing.
 *
 * Workload: called once per name per record when the linkage keys are
 * built, and on every call of an encoder; a name is a few dozen bytes,
 * so the loop is a byte test for ASCII and a table look-up otherwise.
 */
#include "scomm/link/compare.h"

#include <stdint.h>
#include <string.h>

#include "compare_int.h"

/* Two characters per code point, space-padded; two spaces: no letter. */
static const char fold_tab_latin[] =
    "A A A A A A AEC E E E E I I I I " /* 00C0 */
    "D N O O O O O   O U U U U Y THSS" /* 00D0 */
    "A A A A A A AEC E E E E I I I I " /* 00E0 */
    "D N O O O O O   O U U U U Y THY " /* 00F0 */
    "A A A A A A C C C C C C C C D D " /* 0100 */
    "D D E E E E E E E E E E G G G G " /* 0110 */
    "G G G G H H H H I I I I I I I I " /* 0120 */
    "I I IJIJJ J K K K L L L L L L L " /* 0130 */
    "L L L N N N N N N N N N O O O O " /* 0140 */
    "O O OEOER R R R R R S S S S S S " /* 0150 */
    "S S T T T T T T U U U U U U U U " /* 0160 */
    "U U U U W W Y Y Y Z Z Z Z Z Z S " /* 0170 */
    "B B B B     O C C D D D D   E E " /* 0180 */
    "E F F G G HVI I K K L   M N N O " /* 0190 */
    "O O OIOIP P R     S   T T T T U " /* 01A0 */
    "U U V Y Y Z Z Z                 " /* 01B0 */
    "        DZDZDZLJLJLJNJNJNJA A I " /* 01C0 */
    "I O O U U U U U U U U U U E A A " /* 01D0 */
    "A A AEAEG G G G K K O O O O Z Z " /* 01E0 */
    "J DZDZDZG G HVW N N A A AEAEO O " /* 01F0 */
    "A A A A E E E E I I I I O O O O " /* 0200 */
    "R R R R U U U U S S T T Y Y H H " /* 0210 */
    "N D OUOUZ Z A A E E O O O O O O " /* 0220 */
    "O O Y Y L N T J     A C C L T S " /* 0230 */
    "Z     B U V E E J J Q Q R R Y Y " /* 0240 */;

static const char fold_tab_extra[] =
    "A A B B B B B B C C D D D D D D " /* 1E00 */
    "D D D D E E E E E E E E E E F F " /* 1E10 */
    "G G H H H H H H H H H H I I I I " /* 1E20 */
    "K K K K K K L L L L L L L L M M " /* 1E30 */
    "M M M M N N N N N N N N O O O O " /* 1E40 */
    "O O O O P P P P R R R R R R R R " /* 1E50 */
    "S S S S S S S S S S T T T T T T " /* 1E60 */
    "T T U U U U U U U U U U V V V V " /* 1E70 */
    "W W W W W W W W W W X X X X Y Y " /* 1E80 */
    "Z Z Z Z Z Z H T W Y A S S S SS  " /* 1E90 */
    "A A A A A A A A A A A A A A A A " /* 1EA0 */
    "A A A A A A A A E E E E E E E E " /* 1EB0 */
    "E E E E E E E E I I I I O O O O " /* 1EC0 */
    "O O O O O O O O O O O O O O O O " /* 1ED0 */
    "O O O O U U U U U U U U U U U U " /* 1EE0 */
    "U U Y Y Y Y Y Y Y Y LLLLV V Y Y " /* 1EF0 */;

_Static_assert(sizeof fold_tab_latin == 2 * (0x250 - 0xC0) + 1,
               "fold_tab_latin covers U+00C0..U+024F");
_Static_assert(sizeof fold_tab_extra == 2 * (0x1F00 - 0x1E00) + 1,
               "fold_tab_extra covers U+1E00..U+1EFF");

size_t sc_utf8_next(const unsigned char *s, size_t avail, uint32_t *cp)
{
    if (avail == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* Lead byte: sequence length and the allowed range of the second
     * byte, which is where overlongs, surrogates and values above
     * U+10FFFF are excluded (Unicode table 3-7). */
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        goto bad;
    }
    if (avail < n)
        goto bad;
    /* A NUL fails the range test, so a terminated string is never read
     * past its end. */
    if (s[1] < lo || s[1] > hi)
        goto bad;
    v = (v << 6) | (s[1] & 0x3F);
    for (size_t k = 2; k < n; k++) {
        if (s[k] < 0x80 || s[k] > 0xBF)
            goto bad;
        v = (v << 6) | (s[k] & 0x3F);
    }
    *cp = v;
    return n;
bad:
    *cp = SC_CP_BAD_BASE + c;
    return 1;
}

size_t sc_cmp_decode(const char *s, uint32_t *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    /* ASCII fast path: most names in the engine are already folded. */
    while (n < max && p[n] != 0 && p[n] < 0x80) {
        out[n] = p[n];
        n++;
    }
    p += n;
    while (n < max && *p != 0) {
        uint32_t cp;
        p += sc_utf8_next(p, SIZE_MAX, &cp);
        out[n++] = cp;
    }
    return n;
}

size_t sc_utf8_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p != 0) {
        uint32_t cp;
        p += sc_utf8_next(p, SIZE_MAX, &cp);
        n++;
    }
    return n;
}

int sc_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = sc_utf8_next(p + i, len - i, &cp);
        if (p[i] >= 0x80 && k == 1) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

/* The ASCII letters a code point folds to: writes 0-3 bytes to out and
 * returns how many.  ASCII is upper-cased and kept whole (digits and
 * punctuation too); the caller decides what to do with non-letters. */
static size_t fold_cp(uint32_t cp, char out[3])
{
    const char *e = NULL;
    if (cp < 0x80) {
        out[0] = (char)(cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp < 0x250) {
        e = fold_tab_latin + 2 * (cp - 0xC0);
    } else if (cp >= 0x1E00 && cp < 0x1F00) {
        e = fold_tab_extra + 2 * (cp - 0x1E00);
    } else if (cp >= 0xFF21 && cp <= 0xFF3A) {
        out[0] = (char)('A' + (cp - 0xFF21));
        return 1;
    } else if (cp >= 0xFF41 && cp <= 0xFF5A) {
        out[0] = (char)('A' + (cp - 0xFF41));
        return 1;
    } else if (cp >= 0xFF10 && cp <= 0xFF19) {
        out[0] = (char)('0' + (cp - 0xFF10));
        return 1;
    } else if (cp >= 0xFB00 && cp <= 0xFB06) {
        static const char lig[7][4] = {"FF",  "FI", "FL", "FFI",
                                       "FFL", "ST", "ST"};
        const char *l = lig[cp - 0xFB00];
        size_t n = strlen(l);
        memcpy(out, l, n);
        return n;
    } else {
        return 0;
    }
    size_t n = 0;
    if (e[0] != ' ')
        out[n++] = e[0];
    if (e[1] != ' ')
        out[n++] = e[1];
    return n;
}

size_t sc_fold_ascii(const char *in, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t n = 0;
    if (cap == 0)
        return 0;
    while (*p != 0) {
        uint32_t cp;
        char f[3];
        p += sc_utf8_next(p, SIZE_MAX, &cp);
        size_t k = fold_cp(cp, f);
        /* A fold that does not fit whole is left out, so the output
         * never ends in half of an expansion such as SS. */
        if (n + k >= cap)
            break;
        memcpy(out + n, f, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

size_t sc_fold_letters(const char *s, int keep_space, char *out, size_t cap)
{
    size_t n = sc_fold_ascii(s, out, cap);
    size_t w = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        if (c >= 'A' && c <= 'Z') {
            if (gap && w > 0)
                out[w++] = ' ';
            gap = 0;
            out[w++] = c;
        } else if (keep_space && is_space(c)) {
            gap = 1;
        }
    }
    if (cap > 0)
        out[w] = '\0';
    return w;
}

/* Particles that stand as their own word in Spanish, Portuguese, Dutch,
 * German, Italian, French and Arabic names. */
static const char *const particles[] = {
    "DE", "DEL", "DELA", "LA", "LAS", "LOS", "VAN", "VON", "DER",
    "DA", "DOS", "DI",   "LE", "AL",  "EL",  "BIN", "IBN", "ABU"};

static int is_particle(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
        if (strlen(particles[i]) == len && memcmp(particles[i], w, len) == 0)
            return 1;
    return 0;
}

size_t sc_norm_name(const char *in, int drop_particles, char *out, size_t cap)
{
    size_t n = sc_fold_ascii(in, out, cap);
    size_t w = 0;
    int gap = 0;
    /* Every character but a letter or a digit separates words. */
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (gap && w > 0)
                out[w++] = ' ';
            gap = 0;
            out[w++] = c;
        } else {
            gap = 1;
        }
    }
    if (cap > 0)
        out[w] = '\0';
    if (!drop_particles || w == 0)
        return w;

    /* Keep the particles if nothing else would be left ("DE LA"). */
    int other = 0;
    for (size_t i = 0; i < w;) {
        size_t j = i;
        while (j < w && out[j] != ' ')
            j++;
        if (!is_particle(out + i, j - i))
            other = 1;
        i = j + 1;
    }
    if (!other)
        return w;
    size_t r = 0;
    for (size_t i = 0; i < w;) {
        size_t j = i;
        while (j < w && out[j] != ' ')
            j++;
        if (!is_particle(out + i, j - i)) {
            if (r > 0)
                out[r++] = ' ';
            memmove(out + r, out + i, j - i);
            r += j - i;
        }
        i = j + 1;
    }
    out[r] = '\0';
    return r;
}
