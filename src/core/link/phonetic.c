/*
 * phonetic.c - Soundex, NYSIIS, original Metaphone and the Match Rating
 * Approach (Double Metaphone, being long, has double_metaphone.c).
 *
 * Every encoder first folds its UTF-8 input to upper-case ASCII letters
 * (sc_fold_letters: accents and case go, other scripts, digits and
 * punctuation vanish), so an input with no Latin letter gets "".  The
 * folded name lives in a stack buffer of SC_FOLD_MAX bytes; codes are
 * built in place and copied out with truncation to the caller's cap.
 *
 * Where the published rules leave room, the behaviour is that of the
 * reference vectors (jellyfish) in ../shared/data/string-vectors; the
 * departures are listed in docs/linkage-comparators.md.
 *
 * Workload: once per name per record when linkage keys are built (a few
 * million calls per run), on names of a few dozen letters.
 *
 * References:
 *   D. E. Knuth, The Art of Computer Programming, vol. 3, Sorting and
 *     Searching (1973), section 6, after R. C. Russell and M. K. Odell,
 *     U.S. patents 1,261,167 (1918) and 1,435,663 (1922); the H/W rule
 *     is that of the U.S. National Archives, "The Soundex Indexing
 *     System" (2007).
 *   R. L. Taft, "Name search techniques", New York State Identification
 *     and Intelligence System, special report 1 (1970).
 *   L. Philips, "Hanging on the Metaphone", Computer Language 7(12)
 *     (1990).
 *   G. B. Moore, J. L. Kuhns, J. L. Trefftzs and C. A. Montgomery,
 *     "Accessing individual records from personal data files using
 *     non-unique identifiers", NBS special publication 500-2 (1977).
 */
#include "scomm/link/compare.h"

#include <string.h>

#include "compare_int.h"

static int is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Copies the n-byte code to out, truncated to cap bytes with the NUL. */
static void put_code(const char *code, size_t n, char *out, size_t cap)
{
    if (cap == 0)
        return;
    if (n > cap - 1)
        n = cap - 1;
    memcpy(out, code, n);
    out[n] = '\0';
}

/* --- Soundex ----------------------------------------------------------- */

/* Digit of each letter A..Z; '0' for the vowels and Y, which separate
 * equal digits, and for H and W, which do not (handled apart). */
static const char soundex_digit[26] = {
    '0', '1', '2', '3', '0', '1', '2', '0', '0', '2', '2', '4', '5',
    '5', '0', '1', '2', '6', '2', '3', '0', '1', '0', '2', '0', '2'};

void sc_soundex(const char *in, char *out)
{
    char s[SC_FOLD_MAX];
    size_t n = sc_fold_letters(in, 0, s, sizeof s);
    if (n == 0) {
        out[0] = '\0';
        return;
    }
    out[0] = s[0];
    size_t k = 1;
    char last = soundex_digit[s[0] - 'A'];
    for (size_t i = 1; i < n && k < 4; i++) {
        char c = s[i];
        /* National Archives rule: letters with the same digit on either
         * side of H or W are coded once, as if adjacent. */
        if (c == 'H' || c == 'W')
            continue;
        char d = soundex_digit[c - 'A'];
        if (d != '0' && d != last)
            out[k++] = d;
        last = d;
    }
    while (k < 4)
        out[k++] = '0';
    out[4] = '\0';
}

/* --- NYSIIS ------------------------------------------------------------ */

/* Appends c unless the key already ends in it (Taft's step 8). */
static void key_add(char *key, size_t *n, char c)
{
    if (key[*n - 1] != c)
        key[(*n)++] = c;
}

void sc_nysiis(const char *in, char *out, size_t cap)
{
    char s[SC_FOLD_MAX];
    char key[2 * SC_FOLD_MAX];
    size_t n = sc_fold_letters(in, 0, s, sizeof s);
    if (n == 0) {
        put_code("", 0, out, cap);
        return;
    }

    /* Step 1: the start of the name. */
    if (n >= 3 && memcmp(s, "MAC", 3) == 0)
        s[1] = 'C';
    else if (n >= 2 && memcmp(s, "KN", 2) == 0)
        s[0] = 'N';
    else if (s[0] == 'K')
        s[0] = 'C';
    else if (n >= 2 && (memcmp(s, "PH", 2) == 0 || memcmp(s, "PF", 2) == 0))
        s[0] = s[1] = 'F';
    else if (n >= 3 && memcmp(s, "SCH", 3) == 0)
        s[1] = s[2] = 'S';

    /* Step 2: the end of the name; two letters become one. */
    if (n >= 2) {
        const char *e = s + n - 2;
        if (memcmp(e, "EE", 2) == 0 || memcmp(e, "IE", 2) == 0) {
            s[n - 2] = 'Y';
            n--;
        } else if (memcmp(e, "DT", 2) == 0 || memcmp(e, "RT", 2) == 0 ||
                   memcmp(e, "RD", 2) == 0 || memcmp(e, "NT", 2) == 0 ||
                   memcmp(e, "ND", 2) == 0) {
            s[n - 2] = 'D';
            n--;
        }
    }
    s[n] = '\0';

    /* Steps 3-8: the first letter stays; the others are translated and
     * added unless the key already ends in the same letter.  The
     * multi-letter rules (EV, SCH, PH) add their letters without that
     * check, as the reference does (Bosch -> BAS). */
    size_t k = 0;
    key[k++] = s[0];
    size_t i = 1;
    while (i < n) {
        char c = s[i], prev = s[i - 1];
        char next = i + 1 < n ? s[i + 1] : '\0';
        char t;
        if (c == 'E' && next == 'V') {
            key[k++] = 'A';
            key[k++] = 'F';
            i += 2;
            continue;
        }
        if (c == 'S' && next == 'C' && i + 2 < n && s[i + 2] == 'H') {
            key[k++] = 'S';
            key[k++] = 'S';
            i += 3;
            continue;
        }
        if (c == 'P' && next == 'H') {
            key[k++] = 'F';
            i += 2;
            continue;
        }
        if (is_vowel(c)) {
            t = 'A';
        } else if (c == 'Q') {
            t = 'G';
        } else if (c == 'Z') {
            t = 'S';
        } else if (c == 'M') {
            t = 'N';
        } else if (c == 'K') {
            t = 'C';
            if (next == 'N') {
                t = 'N';
                i++;
            }
        } else if (c == 'H') {
            /* H is heard only between two vowels; otherwise it takes
             * the sound of the letter before it. */
            t = 'H';
            if (!is_vowel(prev) || !is_vowel(next))
                t = is_vowel(prev) ? 'A' : prev;
        } else if (c == 'W') {
            t = is_vowel(prev) ? 'A' : 'W';
        } else {
            t = c;
        }
        key_add(key, &k, t);
        i++;
    }

    /* Steps 9-11: a final AY becomes Y, else a final S goes, then a
     * final A goes.  Taft lists the S rule first; the reference applies
     * AY first (REYS -> RAY, not RY), and so do we. */
    if (k >= 2 && key[k - 2] == 'A' && key[k - 1] == 'Y') {
        key[k - 2] = 'Y';
        k--;
    } else if (k > 1 && key[k - 1] == 'S') {
        k--;
    }
    if (k > 1 && key[k - 1] == 'A')
        k--;
    put_code(key, k, out, cap);
}

/* --- Metaphone --------------------------------------------------------- */

/* Encodes one word w[0..n) (upper-case letters), appending to code. */
static size_t metaphone_word(const char *w, size_t n, char *code)
{
    size_t k = 0;
    size_t i = 0;
    /* Initial letters that are not heard. */
    if (n >= 2 && (memcmp(w, "AE", 2) == 0 || memcmp(w, "GN", 2) == 0 ||
                   memcmp(w, "KN", 2) == 0 || memcmp(w, "PN", 2) == 0 ||
                   memcmp(w, "WR", 2) == 0))
        i = 1;
    size_t start = i;

#define AT(j) ((j) < n ? w[(j)] : '\0')
    while (i < n) {
        char c = w[i];
        char prev = i > start ? w[i - 1] : '\0';
        char next = AT(i + 1), next2 = AT(i + 2);
        /* A doubled letter is coded once, except C (ACCEPT -> AKS). */
        if (c == next && c != 'C') {
            i++;
            continue;
        }
        switch (c) {
        case 'A':
        case 'E':
        case 'I':
        case 'O':
        case 'U':
            if (i == start)
                code[k++] = c;
            break;
        case 'B':
            if (!(prev == 'M' && i + 1 == n))
                code[k++] = 'B';
            break;
        case 'C':
            if (next == 'I' && next2 == 'A')
                code[k++] = 'X';
            else if (next == 'H')
                code[k++] = 'X';
            else if (next == 'I' || next == 'E' || next == 'Y') {
                /* The soft C takes its vowel with it: CY is S, and the
                 * Y is not coded again (as the reference does). */
                code[k++] = 'S';
                i++;
            } else
                code[k++] = 'K';
            break;
        case 'D':
            if (next == 'G' && (next2 == 'E' || next2 == 'I' || next2 == 'Y'))
                code[k++] = 'J';
            else
                code[k++] = 'T';
            break;
        case 'G':
            if (next == 'H') {
                /* GH is heard (as K) only before a vowel: GHOST. */
                if (is_vowel(next2))
                    code[k++] = 'K';
            } else if (next == 'N') {
                /* Silent in final -GN and -GNED: SIGN, SIGNED. */
                if (!(i + 2 == n ||
                      (i + 4 == n && memcmp(w + i + 2, "ED", 2) == 0)))
                    code[k++] = 'K';
            } else if (prev == 'D' &&
                       (next == 'E' || next == 'I' || next == 'Y')) {
                /* Coded with the D: DGE -> J. */
            } else if (next == 'E' || next == 'I' || next == 'Y') {
                code[k++] = 'J';
            } else {
                code[k++] = 'K';
            }
            break;
        case 'H':
            if (prev == 'C' || prev == 'S' || prev == 'P' || prev == 'T')
                break;
            if (i == start || is_vowel(next))
                code[k++] = 'H';
            break;
        case 'K':
            if (prev != 'C')
                code[k++] = 'K';
            break;
        case 'P':
            code[k++] = next == 'H' ? 'F' : 'P';
            break;
        case 'Q':
            code[k++] = 'K';
            break;
        case 'S':
            if (next == 'H' || (next == 'I' && (next2 == 'O' || next2 == 'A')))
                code[k++] = 'X';
            else
                code[k++] = 'S';
            break;
        case 'T':
            if (next == 'I' && (next2 == 'O' || next2 == 'A'))
                code[k++] = 'X';
            else if (next == 'H')
                code[k++] = '0';
            else if (!(next == 'C' && next2 == 'H'))
                code[k++] = 'T';
            break;
        case 'V':
            code[k++] = 'F';
            break;
        case 'W':
            if (i == start && next == 'H') {
                /* Initial WH is W: WHERE, WHY. */
                code[k++] = 'W';
                i++;
            } else if (is_vowel(next)) {
                code[k++] = 'W';
            }
            break;
        case 'X':
            if (i == start) {
                /* Initial X is S (XAVIER), but X before H or before
                 * IA, IO (as S in SIA) is X: XHOSA, XIANG. */
                if (next == 'H' ||
                    (next == 'I' && (next2 == 'A' || next2 == 'O')))
                    code[k++] = 'X';
                else
                    code[k++] = 'S';
            } else {
                code[k++] = 'K';
                code[k++] = 'S';
            }
            break;
        case 'Y':
            if (is_vowel(next))
                code[k++] = 'Y';
            break;
        case 'Z':
            code[k++] = 'S';
            break;
        default: /* F J L M N R */
            code[k++] = c;
            break;
        }
        i++;
    }
#undef AT
    return k;
}

void sc_metaphone(const char *in, char *out, size_t cap)
{
    char s[SC_FOLD_MAX];
    /* X becomes KS, so a code can be twice its word, plus spaces. */
    char code[2 * SC_FOLD_MAX];
    size_t n = sc_fold_letters(in, 1, s, sizeof s);
    size_t k = 0;
    /* Words are coded one by one and joined by single spaces. */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (k > 0)
            code[k++] = ' ';
        size_t w = metaphone_word(s + i, j - i, code + k);
        if (w == 0 && k > 0)
            k--;
        k += w;
        i = j + 1;
    }
    put_code(code, k, out, cap);
}

/* --- Match Rating Approach --------------------------------------------- */

/* Codex of the folded name s: vowels go unless they begin a word, a
 * doubled letter is written once, and a codex longer than six keeps its
 * first and last three characters.  Word spaces stay, as in the
 * reference (MARIE HELENE -> "MR HLN").  Returns the length. */
static size_t mra_codex(const char *s, size_t n, char *out)
{
    char t[SC_FOLD_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_vowel(c) && i > 0 && s[i - 1] != ' ')
            continue;
        if (k > 0 && t[k - 1] == c)
            continue;
        t[k++] = c;
    }
    if (k > 6) {
        memcpy(out, t, 3);
        memcpy(out + 3, t + k - 3, 3);
        k = 6;
    } else {
        memcpy(out, t, k);
    }
    out[k] = '\0';
    return k;
}

void sc_mra_codex(const char *in, char *out)
{
    char s[SC_FOLD_MAX];
    size_t n = sc_fold_letters(in, 1, s, sizeof s);
    mra_codex(s, n, out);
}

/* Removes the characters that agree position by position, reading from
 * the left (or, with `right`, from the right); the survivors are packed
 * in order. */
static void mra_strip(char *a, size_t *la, char *b, size_t *lb, int right)
{
    size_t n = *la < *lb ? *la : *lb;
    unsigned char gone_a[7] = {0}, gone_b[7] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t ia = right ? *la - 1 - i : i;
        size_t ib = right ? *lb - 1 - i : i;
        if (a[ia] == b[ib])
            gone_a[ia] = gone_b[ib] = 1;
    }
    size_t ka = 0, kb = 0;
    for (size_t i = 0; i < *la; i++)
        if (!gone_a[i])
            a[ka++] = a[i];
    for (size_t i = 0; i < *lb; i++)
        if (!gone_b[i])
            b[kb++] = b[i];
    *la = ka;
    *lb = kb;
}

int sc_mra_compare(const char *a, const char *b)
{
    char sa[SC_FOLD_MAX], sb[SC_FOLD_MAX];
    char ca[7], cb[7];
    size_t la = mra_codex(sa, sc_fold_letters(a, 1, sa, sizeof sa), ca);
    size_t lb = mra_codex(sb, sc_fold_letters(b, 1, sb, sizeof sb), cb);
    if (la == 0 || lb == 0)
        return -1;
    if ((la > lb ? la - lb : lb - la) >= 3)
        return -1;
    /* Moore's minimum rating for the combined codex length. */
    size_t sum = la + lb;
    int threshold = sum <= 4 ? 5 : sum <= 7 ? 4 : sum <= 11 ? 3 : 2;
    mra_strip(ca, &la, cb, &lb, 0);
    mra_strip(ca, &la, cb, &lb, 1);
    int unmatched = (int)(la > lb ? la : lb);
    return 6 - unmatched >= threshold;
}
