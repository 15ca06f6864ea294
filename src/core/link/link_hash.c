/*
 * link_hash.c - hashing and sorting for the linkage engine.
 *
 * Blocking groups records by equal keys, and value frequencies group
 * equal values.  Both hash their strings to 64 bits and sort (hash, row)
 * pairs, so that equal keys become runs of ascending rows: a stable LSD
 * radix sort (Knuth, TAOCP vol. 3, 5.2.5) of 11-bit digits, six passes
 * over the data, each skipped when every key has the same digit there.
 *
 * Workload: a few sorts of up to a few million pairs per job.
 */
#include <stdlib.h>
#include <string.h>

#include "link_int.h"

uint64_t link_hash_u64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

uint64_t link_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    h = link_hash_u64(h ^ len);
    return h ? h : 1;
}

uint64_t link_hash_mix(uint64_t h, uint64_t v)
{
    h = link_hash_u64(h * 0x9E3779B97F4A7C15ULL + v +
                      0x632BE59BD9B4E019ULL);
    return h ? h : 1;
}

#define DIGIT_BITS 11
#define DIGITS (1u << DIGIT_BITS)
#define PASSES 6

void link_sort_kv(uint64_t *key, uint32_t *val, size_t n, uint64_t *tmp_k,
                  uint32_t *tmp_v)
{
    size_t count[DIGITS];
    uint64_t *sk = key, *dk = tmp_k;
    uint32_t *sv = val, *dv = tmp_v;

    for (int pass = 0; pass < PASSES; pass++) {
        unsigned shift = (unsigned)(pass * DIGIT_BITS);
        size_t i, sum = 0;

        memset(count, 0, sizeof count);
        for (i = 0; i < n; i++)
            count[(sk[i] >> shift) & (DIGITS - 1)]++;
        if (n == 0 || count[(sk[0] >> shift) & (DIGITS - 1)] == n)
            continue;
        for (i = 0; i < DIGITS; i++) {
            size_t c = count[i];
            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++) {
            size_t d = count[(sk[i] >> shift) & (DIGITS - 1)]++;
            dk[d] = sk[i];
            dv[d] = sv[i];
        }
        {
            uint64_t *t = sk;
            sk = dk;
            dk = t;
        }
        {
            uint32_t *t = sv;
            sv = dv;
            dv = t;
        }
    }
    if (sk != key) {
        memcpy(key, sk, n * sizeof *key);
        memcpy(val, sv, n * sizeof *val);
    }
}

int link_sort_kv_alloc(uint64_t *key, uint32_t *val, size_t n)
{
    uint64_t *tk = malloc((n ? n : 1) * sizeof *tk);
    uint32_t *tv = malloc((n ? n : 1) * sizeof *tv);

    if (!tk || !tv) {
        free(tk);
        free(tv);
        return SC_ENOMEM;
    }
    link_sort_kv(key, val, n, tk, tv);
    free(tk);
    free(tv);
    return 0;
}
