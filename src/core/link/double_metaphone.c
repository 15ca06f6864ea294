/*
 * double_metaphone.c - Double Metaphone (Philips 2000).
 *
 * The name is folded to upper-case ASCII (sc_fold_ascii; spaces and
 * punctuation stay, because several rules look at word boundaries, as in
 * "VAN " or "SAN ") and read left to right; each position either adds
 * to both codes or, where a name may be said two ways, adds different
 * sounds to the primary and the alternate code, and skips the letters
 * it has consumed.  Both codes stop at four characters.  The state is a
 * small struct on the stack; nothing is allocated.
 *
 * The rules are those of L. Philips, "The Double Metaphone search
 * algorithm", C/C++ Users Journal 18(6), June 2000, written afresh from
 * that description; where readings differ, the reference is the Ruby
 * `text` gem's test list (../shared/data/string-vectors/threedaymonk-
 * text/double_metaphone.csv), which tests/unit/test_phonetic.c checks
 * row by row.
 *
 * Workload: once per name per record when linkage keys are built.
 */
#include "scomm/link/compare.h"

#include <stdarg.h>
#include <string.h>

#include "compare_int.h"

#define DM_LEN 4

/* The name is followed by this many spaces, so that rules may look past
 * its end: "IER " matches a final IER, and a final CH sees a space. */
#define DM_PAD 5

struct dm {
    const char *s; /* folded name, then DM_PAD spaces */
    int n;         /* its length without the padding */
    int last;      /* index of its last character */
    int slavo;     /* Slavo-Germanic: W, K, CZ or WITZ anywhere */
    char p[DM_LEN + 1], a[DM_LEN + 1];
    int np, na;
};

static char at(const struct dm *d, int i)
{
    return i >= 0 && i < d->n + DM_PAD ? d->s[i] : '\0';
}

/* Whether the len characters at i equal one of the NULL-terminated list
 * of options (all of length len). */
static int is_at(const struct dm *d, int i, int len, ...)
{
    va_list ap;
    int hit = 0;
    if (i < 0 || i + len > d->n + DM_PAD)
        return 0;
    va_start(ap, len);
    for (const char *o = va_arg(ap, const char *); o != NULL;
         o = va_arg(ap, const char *)) {
        if (memcmp(d->s + i, o, (size_t)len) == 0) {
            hit = 1;
            break;
        }
    }
    va_end(ap);
    return hit;
}

static int vowel_at(const struct dm *d, int i)
{
    char c = at(d, i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

static void add_one(char *code, int *n, const char *s)
{
    for (; *s && *n < DM_LEN; s++)
        code[(*n)++] = *s;
}

/* Adds `pri` to the primary and `alt` to the alternate code. */
static void add2(struct dm *d, const char *pri, const char *alt)
{
    add_one(d->p, &d->np, pri);
    add_one(d->a, &d->na, alt);
}

static void add(struct dm *d, const char *both)
{
    add2(d, both, both);
}

/* Each rule returns how many characters it consumed. */

static int rule_c(struct dm *d, int i)
{
    /* Germanic -ACH- (BACHER, MACHER) is K. */
    if (i > 1 && !vowel_at(d, i - 2) && is_at(d, i - 1, 3, "ACH", NULL) &&
        at(d, i + 2) != 'I' &&
        (at(d, i + 2) != 'E' || is_at(d, i - 2, 6, "BACHER", "MACHER", NULL))) {
        add(d, "K");
        return 2;
    }
    if (i == 0 && is_at(d, i, 6, "CAESAR", NULL)) {
        add(d, "S");
        return 2;
    }
    if (is_at(d, i, 4, "CHIA", NULL)) { /* Italian CHIANTI */
        add(d, "K");
        return 2;
    }
    if (is_at(d, i, 2, "CH", NULL)) {
        if (i > 0 && is_at(d, i, 4, "CHAE", NULL)) { /* MICHAEL */
            add2(d, "K", "X");
            return 2;
        }
        /* Greek roots at the start: CHARACTER, CHORUS, CHEMISTRY. */
        if (i == 0 &&
            (is_at(d, i + 1, 5, "HARAC", "HARIS", NULL) ||
             is_at(d, i + 1, 3, "HOR", "HYM", "HIA", "HEM", NULL)) &&
            !is_at(d, 0, 5, "CHORE", NULL)) {
            add(d, "K");
            return 2;
        }
        /* Germanic names and CH before a consonant: ORCHESTRA, SCHOOL,
         * ACHT, WACHTLER. */
        if (is_at(d, 0, 4, "VAN ", "VON ", NULL) ||
            is_at(d, 0, 3, "SCH", NULL) ||
            is_at(d, i - 2, 6, "ORCHES", "ARCHIT", "ORCHID", NULL) ||
            is_at(d, i + 2, 1, "T", "S", NULL) ||
            ((is_at(d, i - 1, 1, "A", "O", "U", "E", NULL) || i == 0) &&
             is_at(d, i + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W",
                   " ", NULL))) {
            add(d, "K");
        } else if (i > 0) {
            if (is_at(d, 0, 2, "MC", NULL))
                add(d, "K");
            else
                add2(d, "X", "K");
        } else {
            add(d, "X");
        }
        return 2;
    }
    if (is_at(d, i, 2, "CZ", NULL) && !is_at(d, i - 2, 4, "WICZ", NULL)) {
        add2(d, "S", "X"); /* CZERNY */
        return 2;
    }
    if (is_at(d, i + 1, 3, "CIA", NULL)) { /* FOCACCIA */
        add(d, "X");
        return 3;
    }
    /* Double C, but not as in MCCLELLAN. */
    if (is_at(d, i, 2, "CC", NULL) && !(i == 1 && at(d, 0) == 'M')) {
        if (is_at(d, i + 2, 1, "I", "E", "H", NULL) &&
            !is_at(d, i + 2, 2, "HU", NULL)) {
            if ((i == 1 && at(d, i - 1) == 'A') ||
                is_at(d, i - 1, 5, "UCCEE", "UCCES", NULL))
                add(d, "KS"); /* ACCIDENT, SUCCEED */
            else
                add(d, "X"); /* BACCI, BERTUCCI */
            return 3;
        }
        add(d, "K");
        return 2;
    }
    if (is_at(d, i, 2, "CK", "CG", "CQ", NULL)) {
        add(d, "K");
        return 2;
    }
    if (is_at(d, i, 2, "CI", "CE", "CY", NULL)) {
        if (is_at(d, i, 3, "CIO", "CIE", "CIA", NULL))
            add2(d, "S", "X"); /* Italian */
        else
            add(d, "S");
        return 2;
    }
    add(d, "K");
    if (is_at(d, i + 1, 2, " C", " Q", " G", NULL)) /* MAC CAFFREY */
        return 3;
    if (is_at(d, i + 1, 1, "C", "K", "Q", NULL) &&
        !is_at(d, i + 1, 2, "CE", "CI", NULL))
        return 2;
    return 1;
}

static int rule_d(struct dm *d, int i)
{
    if (is_at(d, i, 2, "DG", NULL)) {
        if (is_at(d, i + 2, 1, "I", "E", "Y", NULL)) { /* EDGE */
            add(d, "J");
            return 3;
        }
        add(d, "TK"); /* EDGAR */
        return 2;
    }
    add(d, "T");
    return is_at(d, i, 2, "DT", "DD", NULL) ? 2 : 1;
}

static int rule_g(struct dm *d, int i)
{
    if (at(d, i + 1) == 'H') {
        if (i > 0 && !vowel_at(d, i - 1)) {
            add(d, "K");
            return 2;
        }
        if (i == 0) { /* GHISLANE, GHOST */
            add(d, at(d, i + 2) == 'I' ? "J" : "K");
            return 2;
        }
        /* Silent after B, H, D a little before: HUGH, BOUGH, BROUGHTON. */
        if ((i > 1 && is_at(d, i - 2, 1, "B", "H", "D", NULL)) ||
            (i > 2 && is_at(d, i - 3, 1, "B", "H", "D", NULL)) ||
            (i > 3 && is_at(d, i - 4, 1, "B", "H", NULL)))
            return 2;
        /* LAUGH, McLAUGHLIN, COUGH, ROUGH: F. */
        if (i > 2 && at(d, i - 1) == 'U' &&
            is_at(d, i - 3, 1, "C", "G", "L", "R", "T", NULL))
            add(d, "F");
        else if (i > 0 && at(d, i - 1) != 'I')
            add(d, "K");
        return 2;
    }
    if (at(d, i + 1) == 'N') {
        if (i == 1 && vowel_at(d, 0) && !d->slavo)
            add2(d, "KN", "N");
        else if (!is_at(d, i + 2, 2, "EY", NULL) && at(d, i + 1) != 'Y' &&
                 !d->slavo)
            add2(d, "N", "KN");
        else
            add(d, "KN");
        return 2;
    }
    if (is_at(d, i + 1, 2, "LI", NULL) && !d->slavo) { /* TAGLIARO */
        add2(d, "KL", "L");
        return 2;
    }
    /* GE-, GI-, GY- at the start. */
    if (i == 0 && (at(d, i + 1) == 'Y' ||
                   is_at(d, i + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL",
                         "IN", "IE", "EI", "ER", NULL))) {
        add2(d, "K", "J");
        return 2;
    }
    /* -GER-, -GY-, but not DANGER, RANGER, MANGER, -EGY-, -RGY-. */
    if ((is_at(d, i + 1, 2, "ER", NULL) || at(d, i + 1) == 'Y') &&
        !is_at(d, 0, 6, "DANGER", "RANGER", "MANGER", NULL) &&
        !is_at(d, i - 1, 1, "E", "I", NULL) &&
        !is_at(d, i - 1, 3, "RGY", "OGY", NULL)) {
        add2(d, "K", "J");
        return 2;
    }
    /* Italian BIAGGI. */
    if (is_at(d, i + 1, 1, "E", "I", "Y", NULL) ||
        is_at(d, i - 1, 4, "AGGI", "OGGI", NULL)) {
        if (is_at(d, 0, 4, "VAN ", "VON ", NULL) ||
            is_at(d, 0, 3, "SCH", NULL) || is_at(d, i + 1, 2, "ET", NULL))
            add(d, "K");
        else if (is_at(d, i + 1, 4, "IER ", NULL))
            add(d, "J");
        else
            add2(d, "J", "K");
        return 2;
    }
    add(d, "K");
    return at(d, i + 1) == 'G' ? 2 : 1;
}

static int rule_j(struct dm *d, int i)
{
    /* Spanish JOSE, SAN JACINTO. */
    if (is_at(d, i, 4, "JOSE", NULL) || is_at(d, 0, 4, "SAN ", NULL)) {
        if ((i == 0 && at(d, i + 4) == ' ') || is_at(d, 0, 4, "SAN ", NULL))
            add(d, "H");
        else
            add2(d, "J", "H");
        return 1;
    }
    if (i == 0 && !is_at(d, i, 4, "JOSE", NULL)) {
        add2(d, "J", "A"); /* YANKELOVICH / JANKELOWICZ */
    } else if (vowel_at(d, i - 1) && !d->slavo &&
               (at(d, i + 1) == 'A' || at(d, i + 1) == 'O')) {
        add2(d, "J", "H"); /* BAJADOR */
    } else if (i == d->last) {
        add2(d, "J", "");
    } else if (!is_at(d, i + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z",
                      NULL) &&
               !is_at(d, i - 1, 1, "S", "K", "L", NULL)) {
        add(d, "J");
    }
    return at(d, i + 1) == 'J' ? 2 : 1;
}

static int rule_l(struct dm *d, int i)
{
    if (at(d, i + 1) == 'L') {
        /* Spanish CABRILLO, GALLEGOS: L, or nothing. */
        if ((i == d->n - 3 &&
             is_at(d, i - 1, 4, "ILLO", "ILLA", "ALLE", NULL)) ||
            ((is_at(d, d->last - 1, 2, "AS", "OS", NULL) ||
              is_at(d, d->last, 1, "A", "O", NULL)) &&
             is_at(d, i - 1, 4, "ALLE", NULL))) {
            add2(d, "L", "");
            return 2;
        }
        add(d, "L");
        return 2;
    }
    add(d, "L");
    return 1;
}

static int rule_s(struct dm *d, int i)
{
    if (is_at(d, i - 1, 3, "ISL", "YSL", NULL)) /* ISLAND, CARLYSLE */
        return 1;
    if (i == 0 && is_at(d, i, 5, "SUGAR", NULL)) {
        add2(d, "X", "S");
        return 1;
    }
    if (is_at(d, i, 2, "SH", NULL)) {
        if (is_at(d, i + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ", NULL))
            add(d, "S"); /* Germanic */
        else
            add(d, "X");
        return 2;
    }
    /* Italian and Armenian SIO, SIA, SIAN. */
    if (is_at(d, i, 3, "SIO", "SIA", NULL) || is_at(d, i, 4, "SIAN", NULL)) {
        if (!d->slavo)
            add2(d, "S", "X");
        else
            add(d, "S");
        return 3;
    }
    /* German and anglicised SM-, SN-, SL-, SW-; SZ. */
    if ((i == 0 && is_at(d, i + 1, 1, "M", "N", "L", "W", NULL)) ||
        is_at(d, i + 1, 1, "Z", NULL)) {
        add2(d, "S", "X");
        return is_at(d, i + 1, 1, "Z", NULL) ? 2 : 1;
    }
    if (is_at(d, i, 2, "SC", NULL)) {
        if (at(d, i + 2) == 'H') {
            /* Dutch SCHOOL, SCHENKER; German SCHMIDT. */
            if (is_at(d, i + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM", NULL)) {
                if (is_at(d, i + 3, 2, "ER", "EN", NULL))
                    add2(d, "X", "SK");
                else
                    add(d, "SK");
                return 3;
            }
            if (i == 0 && !vowel_at(d, 3) && at(d, 3) != 'W')
                add2(d, "X", "S");
            else
                add(d, "X");
            return 3;
        }
        if (is_at(d, i + 2, 1, "I", "E", "Y", NULL))
            add(d, "S");
        else
            add(d, "SK");
        return 3;
    }
    /* French final -AIS, -OIS: silent in the primary. */
    if (i == d->last && is_at(d, i - 2, 2, "AI", "OI", NULL))
        add2(d, "", "S");
    else
        add(d, "S");
    return is_at(d, i + 1, 1, "S", "Z", NULL) ? 2 : 1;
}

static int rule_t(struct dm *d, int i)
{
    if (is_at(d, i, 4, "TION", NULL)) {
        add(d, "X");
        return 3;
    }
    if (is_at(d, i, 3, "TIA", "TCH", NULL)) {
        add(d, "X");
        return 3;
    }
    if (is_at(d, i, 2, "TH", NULL) || is_at(d, i, 3, "TTH", NULL)) {
        /* THOMAS, THAMES; Germanic names. */
        if (is_at(d, i + 2, 2, "OM", "AM", NULL) ||
            is_at(d, 0, 4, "VAN ", "VON ", NULL) || is_at(d, 0, 3, "SCH", NULL))
            add(d, "T");
        else
            add2(d, "0", "T");
        return 2;
    }
    add(d, "T");
    return is_at(d, i + 1, 1, "T", "D", NULL) ? 2 : 1;
}

static int rule_w(struct dm *d, int i)
{
    if (is_at(d, i, 2, "WR", NULL)) {
        add(d, "R");
        return 2;
    }
    if (i == 0 && (vowel_at(d, i + 1) || is_at(d, i, 2, "WH", NULL))) {
        /* WASSERMAN / VASSERMAN */
        if (vowel_at(d, i + 1))
            add2(d, "A", "F");
        else
            add(d, "A");
    }
    /* Polish FILIPOWICZ, Germanic ARNOW. */
    if ((i == d->last && vowel_at(d, i - 1)) ||
        is_at(d, i - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY", NULL) ||
        is_at(d, 0, 3, "SCH", NULL)) {
        add2(d, "", "F");
        return 1;
    }
    if (is_at(d, i, 4, "WICZ", "WITZ", NULL)) {
        add2(d, "TS", "FX");
        return 4;
    }
    return 1;
}

static int rule_x(struct dm *d, int i)
{
    /* French final -IAUX, -EAUX, -AUX, -OUX are silent. */
    if (!(i == d->last && (is_at(d, i - 3, 3, "IAU", "EAU", NULL) ||
                           is_at(d, i - 2, 2, "AU", "OU", NULL))))
        add(d, "KS");
    return is_at(d, i + 1, 1, "C", "X", NULL) ? 2 : 1;
}

static int rule_z(struct dm *d, int i)
{
    if (at(d, i + 1) == 'H') { /* Chinese ZHAO */
        add(d, "J");
        return 2;
    }
    if (is_at(d, i + 1, 2, "ZO", "ZI", "ZA", NULL) ||
        (d->slavo && i > 0 && at(d, i - 1) != 'T'))
        add2(d, "S", "TS");
    else
        add(d, "S");
    return at(d, i + 1) == 'Z' ? 2 : 1;
}

/* The letters with one sound, doubled or not. */
static int rule_simple(struct dm *d, int i, const char *code)
{
    add(d, code);
    return at(d, i + 1) == at(d, i) ? 2 : 1;
}

static int step(struct dm *d, int i)
{
    char c = at(d, i);
    switch (c) {
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 'Y':
        if (i == 0)
            add(d, "A"); /* every initial vowel maps to A */
        return 1;
    case 'B':
        return rule_simple(d, i, "P");
    case 'C':
        return rule_c(d, i);
    case 'D':
        return rule_d(d, i);
    case 'F':
        return rule_simple(d, i, "F");
    case 'G':
        return rule_g(d, i);
    case 'H':
        /* Heard only at the start or between vowels. */
        if ((i == 0 || vowel_at(d, i - 1)) && vowel_at(d, i + 1)) {
            add(d, "H");
            return 2;
        }
        return 1;
    case 'J':
        return rule_j(d, i);
    case 'K':
        return rule_simple(d, i, "K");
    case 'L':
        return rule_l(d, i);
    case 'M':
        /* THUMB, DUMBER: the B is silent. */
        add(d, "M");
        if ((is_at(d, i - 1, 3, "UMB", NULL) &&
             (i + 1 == d->last || is_at(d, i + 2, 2, "ER", NULL))) ||
            at(d, i + 1) == 'M')
            return 2;
        return 1;
    case 'N':
        return rule_simple(d, i, "N");
    case 'P':
        if (at(d, i + 1) == 'H') {
            add(d, "F");
            return 2;
        }
        add(d, "P"); /* CAMPBELL, RASPBERRY */
        return is_at(d, i + 1, 1, "P", "B", NULL) ? 2 : 1;
    case 'Q':
        return rule_simple(d, i, "K");
    case 'R':
        /* French ROGIER: final -IER is silent in the primary. */
        if (i == d->last && !d->slavo && is_at(d, i - 2, 2, "IE", NULL) &&
            !is_at(d, i - 4, 2, "ME", "MA", NULL))
            add2(d, "", "R");
        else
            add(d, "R");
        return at(d, i + 1) == 'R' ? 2 : 1;
    case 'S':
        return rule_s(d, i);
    case 'T':
        return rule_t(d, i);
    case 'V':
        return rule_simple(d, i, "F");
    case 'W':
        return rule_w(d, i);
    case 'X':
        return rule_x(d, i);
    case 'Z':
        return rule_z(d, i);
    default:
        return 1;
    }
}

void sc_double_metaphone(const char *in, char *primary, char *alternate)
{
    char s[SC_FOLD_MAX + DM_PAD];
    struct dm d;
    memset(&d, 0, sizeof d);
    d.n = (int)sc_fold_ascii(in, s, SC_FOLD_MAX);
    memset(s + d.n, ' ', DM_PAD);
    s[d.n + DM_PAD] = '\0';
    d.s = s;
    d.last = d.n - 1;
    d.slavo = strchr(s, 'W') != NULL || strchr(s, 'K') != NULL ||
              strstr(s, "CZ") != NULL || strstr(s, "WITZ") != NULL;

    int i = 0;
    /* Initial letters not heard: GNOME, KNIGHT, PNEUMONIA, WRITE,
     * PSYCHOLOGY. */
    if (is_at(&d, 0, 2, "GN", "KN", "PN", "WR", "PS", NULL))
        i = 1;
    /* Initial X is S: XAVIER. */
    if (at(&d, 0) == 'X') {
        add(&d, "S");
        i = 1;
    }
    while (i < d.n && (d.np < DM_LEN || d.na < DM_LEN))
        i += step(&d, i);

    memcpy(primary, d.p, (size_t)d.np);
    primary[d.np] = '\0';
    memcpy(alternate, d.a, (size_t)d.na);
    alternate[d.na] = '\0';
}
