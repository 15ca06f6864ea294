/*
 * registry.h - the federal databases, written from the world's histories.
 *
 * Five registries, each a table of sc_record written by an explicit
 * recording model: an event is recorded or omitted (coverage by period),
 * posted after a lag or never, its name and date of birth typed with the
 * noise of sc_name_record(), and now and then filed under another person's
 * A-number.  Every rate is a scenario parameter ([registry] section).
 *
 *   IDENT     one record per biometric encounter (entry since US-VISIT,
 *             apprehension, benefit biometrics), with the biographic data
 *             and the status as recorded at that encounter, under a FIN
 *   A-FILE    the A-file index: one record per A-number, current status as
 *             last posted, class of admission, country of birth
 *   BENEFIT   N-400, I-485 and N-600 cases, only for those who filed
 *   ENFORCE   apprehensions, final orders, removals
 *   ARRIVAL   arrivals (I-94) and recorded departures
 *
 * Records are read by identifier (A-number, FIN) or by search key (the
 * folded family name and the date of birth).  Which person a record is
 * truly about is kept apart and read only by the judge.
 */
#ifndef SC_REGISTRY_H
#define SC_REGISTRY_H

#include "scomm/common.h"
#include "scomm/names.h"
#include "scomm/rng.h"
#include "scomm/scenario.h"
#include "scomm/world.h"

enum sc_registry_id {
    SC_REG_IDENT = 0,
    SC_REG_AFILE,
    SC_REG_BENEFIT,
    SC_REG_ENFORCE,
    SC_REG_ARRIVAL,
    SC_REG_COUNT
};

enum sc_record_kind {
    SC_REC_ENCOUNTER = 1, /* IDENT */
    SC_REC_AFILE,         /* A-FILE */
    SC_REC_N400, SC_REC_I485, SC_REC_N600,          /* BENEFIT */
    SC_REC_APPREHENSION, SC_REC_ORDER, SC_REC_REMOVAL, /* ENFORCE */
    SC_REC_ARRIVAL, SC_REC_DEPARTURE,               /* ARRIVAL */
    SC_REC_KIND_COUNT
};

/* A status as a record states it. */
enum sc_rec_status {
    SC_RS_NONE = 0,       /* the record states no status */
    SC_RS_CITIZEN,        /* naturalized, or certificate of citizenship */
    SC_RS_LPR,
    SC_RS_TEMPORARY,      /* admitted until `until` */
    SC_RS_NO_STATUS,      /* entered without inspection, or stay ended */
    SC_RS_ORDERED,        /* under a final order of removal */
    SC_RS_REMOVED,
    SC_RS_COUNT
};

typedef struct sc_record {
    sc_date date;         /* date of the recorded event (encounter, grant) */
    sc_date posted;       /* visible to searches from this day; NEVER if not */
    sc_date until;        /* SC_RS_TEMPORARY: end of stay; else NEVER */
    sc_date dob;          /* as recorded */
    uint32_t anum;        /* A-number filed under, 0 if none */
    uint32_t fin;         /* IDENT fingerprint identity number, 0 if none */
    uint16_t cob;         /* country of birth as recorded */
    uint8_t registry;     /* enum sc_registry_id */
    uint8_t kind;         /* enum sc_record_kind */
    uint8_t status;       /* enum sc_rec_status, as recorded */
    uint8_t cls;          /* enum sc_class where relevant */
    uint8_t female;
    uint8_t noise;        /* SC_NOISE_* applied when written (diagnostic;
                             the pipeline never reads it) */
    char given[SC_NAME_MAX];
    char family[SC_NAME_MAX];
} sc_record;

typedef struct sc_registries sc_registries;

/* Writes every registry from the world.  Deterministic in p->seed. */
int sc_registries_create(const sc_params *p, const sc_world *w,
                         sc_registries **out, char *err);

/* Empty registries for tests; add records, then finish to build indexes.
 * `subject` is the person the record is truly about. */
int sc_registries_create_empty(sc_registries **out);
int sc_registries_add(sc_registries *r, const sc_record *rec,
                      uint32_t subject, uint32_t *id);
/* Enrolls a person's fingerprints under a FIN (the physical link between
 * the person's fingers and the gallery). */
int sc_registries_enroll(sc_registries *r, uint32_t person, uint32_t fin);
int sc_registries_finish(sc_registries *r);

void sc_registries_destroy(sc_registries *r);

size_t sc_registries_count(const sc_registries *r, int registry);
const sc_record *sc_registries_record(const sc_registries *r, int registry,
                                      uint32_t id);

/* Record ids of a registry filed under an A-number / FIN / search key,
 * in ascending id order.  *ids points into the registry (valid until
 * destroy); *n may be 0. */
void sc_registries_by_anum(const sc_registries *r, int registry,
                           uint32_t anum, const uint32_t **ids, size_t *n);
void sc_registries_by_fin(const sc_registries *r, int registry,
                          uint32_t fin, const uint32_t **ids, size_t *n);
void sc_registries_by_key(const sc_registries *r, int registry,
                          uint64_t key, const uint32_t **ids, size_t *n);

/* The search key of a (family name, date of birth) pair: a hash of
 * sc_name_key() of the first family-name word and the date. */
uint64_t sc_search_key(const char *family, sc_date dob);

/* The biometric gallery. */
size_t sc_registries_gallery_size(const sc_registries *r);
uint32_t sc_registries_gallery_fin(const sc_registries *r, size_t i);
/* The FIN a person's fingerprints are enrolled under, or 0.
 * For the biometric matcher only: it models the physical prints. */
uint32_t sc_registries_fin_of_person(const sc_registries *r,
                                     uint32_t person);

/* A-numbers and the paper A-file.  Every A-number is issued to one person
 * (its owner), and the file it opens names the person's parents with
 * their own A-numbers when they hold one. */

/* The A-numbers the file of `anum` names for the mother (out[0]) and the
 * father (out[1]); 0 where it names none.  The officer's review reads
 * them (officer.h). */
void sc_registries_afile_parents(const sc_registries *r, uint32_t anum,
                                 uint32_t out[2]);
/* The A-number issued to a person, 0 if none.  For the person's own
 * statement only (officer.h: people know the number on their papers)
 * and for the judge. */
uint32_t sc_registries_anum_of_person(const sc_registries *r,
                                      uint32_t person);
/* The person an A-number was issued to, SC_NONE if unknown.  For the
 * judge only. */
uint32_t sc_registries_anum_owner(const sc_registries *r, uint32_t anum);
/* Hand-made registries: issues `anum` to `person`, its file naming the
 * parents' A-numbers (0: none).  SC_EINVAL for anum 0. */
int sc_registries_set_anum(sc_registries *r, uint32_t anum, uint32_t person,
                           uint32_t mother_anum, uint32_t father_anum);

/* The person a record is truly about.  For the judge only. */
uint32_t sc_registries_subject(const sc_registries *r, int registry,
                               uint32_t id);

const char *sc_registry_name(int registry);     /* "IDENT", "A-FILE", ... */
const char *sc_record_kind_name(int kind);      /* "encounter", "N-400", ... */
const char *sc_rec_status_name(int status);     /* "LPR", "citizen", ... */

#endif /* SC_REGISTRY_H */
