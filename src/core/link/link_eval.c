/*
 * link_eval.c - precision, recall and F1 of predicted pairs against a
 * known truth.
 *
 * The truth is an entity number per row.  True pairs are counted from
 * the entities' sizes (sum of cA * cB when linking, c (c - 1) / 2 when
 * deduplicating), so pairs that blocking never proposed count as
 * missed: recall measures the whole engine, blocking included.
 *
 * Workload: once per job, one pass over the pairs.
 */
#include <stdlib.h>

#include "link_int.h"

int sc_link_evaluate(const sc_link_pairs *p, double threshold,
                     const uint32_t *entity_a, size_t rows_a,
                     const uint32_t *entity_b, size_t rows_b,
                     sc_link_eval *out)
{
    uint32_t maxe = 0;
    uint64_t *ca, *cb;
    size_t i;

    out->true_pairs = out->predicted = out->tp = 0;
    out->precision = out->recall = out->f1 = 0;
    for (i = 0; i < rows_a; i++)
        if (entity_a[i] > maxe)
            maxe = entity_a[i];
    if (entity_b)
        for (i = 0; i < rows_b; i++)
            if (entity_b[i] > maxe)
                maxe = entity_b[i];
    if (maxe == UINT32_MAX)
        return SC_ERANGE;
    ca = calloc((size_t)maxe + 1, sizeof *ca);
    cb = calloc((size_t)maxe + 1, sizeof *cb);
    if (!ca || !cb) {
        free(ca);
        free(cb);
        return SC_ENOMEM;
    }
    for (i = 0; i < rows_a; i++)
        ca[entity_a[i]]++;
    if (entity_b)
        for (i = 0; i < rows_b; i++)
            cb[entity_b[i]]++;
    for (size_t e = 0; e <= maxe; e++)
        out->true_pairs += entity_b ? ca[e] * cb[e]
                                    : ca[e] * (ca[e] ? ca[e] - 1 : 0) / 2;
    for (i = 0; i < p->n; i++) {
        uint32_t ea, eb;
        if (sc_link_prob(p->weight[i]) < threshold)
            continue;
        if (p->a[i] >= rows_a ||
            p->b[i] >= (entity_b ? rows_b : rows_a))
            continue;
        out->predicted++;
        ea = entity_a[p->a[i]];
        eb = entity_b ? entity_b[p->b[i]] : entity_a[p->b[i]];
        out->tp += ea == eb;
    }
    free(ca);
    free(cb);
    if (out->predicted)
        out->precision = (double)out->tp / (double)out->predicted;
    if (out->true_pairs)
        out->recall = (double)out->tp / (double)out->true_pairs;
    if (out->precision + out->recall > 0)
        out->f1 = 2 * out->precision * out->recall /
                  (out->precision + out->recall);
    return 0;
}
