/*
 * review_int.h - what review.c reads of the name-search index that
 * review_index.c builds: the query, and the map from index rows back to
 * registry records.  Nobody else includes it.
 */
#ifndef SC_REVIEW_INT_H
#define SC_REVIEW_INT_H

#include "scomm/review.h"

/* Runs the name search of booking b: index rows whose match probability
 * is at least min_prob, ascending by row.  0 or SC_ENOMEM. */
int review_search(const sc_review_index *ix, sc_review_scratch *q,
                  const sc_booking *b, double min_prob,
                  const sc_link_hit **hits, size_t *n);

/* The records of one index row, as global record numbers, ascending. */
void review_row_records(const sc_review_index *ix, uint32_t row,
                        const uint32_t **g, size_t *n);

/* The registry and record id of a global record number. */
void review_record_of(const sc_review_index *ix, uint32_t g,
                      int *registry, uint32_t *id);

#endif /* SC_REVIEW_INT_H */
