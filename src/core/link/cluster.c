/*
 * cluster.c - entities from scored pairs: connected components.
 *
 * Deduplication ends with a partition of the records: two records are in
 * one cluster when a chain of pairs at or above the threshold joins
 * them.  Union-find with path halving and union by index (the root is
 * always the lowest node of its set; Tarjan 1975 for the structure), so
 * the roots, and hence the cluster numbers, depend only on the pairs and
 * not on their order.  Clusters are numbered by their lowest node.
 *
 * Workload: once per job, up to a few million nodes and pairs.
 */
#include <stdlib.h>

#include "link_int.h"

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

int sc_link_cluster(size_t n, const sc_link_pairs *p, double threshold,
                    size_t b_offset, uint32_t *cluster)
{
    uint32_t *parent;
    uint32_t next = 0;

    if (n >= UINT32_MAX)
        return SC_ERANGE;
    parent = malloc((n ? n : 1) * sizeof *parent);
    if (!parent)
        return SC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        parent[i] = (uint32_t)i;
    for (size_t i = 0; i < p->n; i++) {
        uint32_t x, y;
        if (sc_link_prob(p->weight[i]) < threshold)
            continue;
        if (p->a[i] >= n || p->b[i] + b_offset >= n)
            continue;
        x = find(parent, p->a[i]);
        y = find(parent, (uint32_t)(p->b[i] + b_offset));
        if (x < y)
            parent[y] = x;
        else if (y < x)
            parent[x] = y;
    }
    /* A node's root is never above it, so one ascending pass numbers
     * every root before any node that refers to it. */
    for (size_t i = 0; i < n; i++) {
        uint32_t r = find(parent, (uint32_t)i);
        if (r == i)
            cluster[i] = next++;
        else
            cluster[i] = cluster[r];
    }
    free(parent);
    return (int)(next > INT32_MAX ? INT32_MAX : next);
}
