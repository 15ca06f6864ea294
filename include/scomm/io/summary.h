/*
 * summary.h - summary.json and the one-screen text summary.
 *
 * summary.json keys: scenario, seed, version, scale, start, end, policy,
 * persons, records (per registry), bookings, searched, ident_hits,
 * false_hits, queries, detainers, detainers_supported,
 * detainers_wrongful {citizen, lawful_not_removable, other}, missed,
 * honoured, hold_hours {total, wrongful}, causes {name: count} (primary
 * causes), causes_contributing {name: count},
 * bookings_by_status, detainers_by_status.  Keys are written in this
 * fixed order and numbers in C-locale form, so equal runs give equal bytes.
 */
#ifndef SC_SUMMARY_H
#define SC_SUMMARY_H

#include <stdio.h>

#include "scomm/sim.h"

int sc_summary_write_json(const sc_sim *s, const char *scenario,
                          const char *path, char *err);
void sc_summary_print(const sc_sim *s, const char *scenario, FILE *f);

#endif /* SC_SUMMARY_H */
