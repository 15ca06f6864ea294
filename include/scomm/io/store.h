/*
 * store.h - the run's SQLite database (scomm.db).
 *
 * Tables (docs/outputs.md has every column): run_meta, params, persons
 * (only the persons touched by a booking or a consulted record), events,
 * bookings, queries, records (consulted records), evidence, detainers,
 * judgements, causes.  Rows are written in id order inside one transaction,
 * so the same run gives the same database bytes.
 */
#ifndef SC_STORE_H
#define SC_STORE_H

#include "scomm/sim.h"

/* Writes a new database at `path` (which must not exist).  scenario is
 * the scenario's name.  Returns 0, or SC_EDB/SC_EIO with err set. */
int sc_store_write(const sc_sim *s, const char *scenario, const char *path,
                   char *err);

#endif /* SC_STORE_H */
