/*
 * world.h - the synthetic population and its true life histories.
 *
 * The world is the only module that knows the truth.  Each person has
 * fixed attributes (sc_person) and a time-ordered list of life events
 * (sc_event): entries, admissions, adjustments, naturalizations,
 * derivations, apprehensions, orders, removals, departures, marriages and
 * convictions.  A person's true status and removability on any date follow
 * from that list by the explicit rules of sc_world_truth_on(), documented in
 * docs/status-rules.md.  Nothing after the registry stage reads the world
 * except the judge.
 */
#ifndef SC_WORLD_H
#define SC_WORLD_H

#include "scomm/common.h"
#include "scomm/geo.h"
#include "scomm/names.h"
#include "scomm/scenario.h"

enum sc_event_kind {
    SC_EV_ENTRY = 1,   /* inspected admission; cls = class, until = end of
                          authorized stay (SC_DATE_NEVER for immigrants) */
    SC_EV_ENTRY_EWI,   /* entry without inspection */
    SC_EV_ADJUST,      /* adjustment to LPR on an I-485 */
    SC_EV_NATURALIZE,  /* N-400 granted: oath date */
    SC_EV_DERIVE,      /* citizenship derived from a parent; other = parent */
    SC_EV_APPREHEND,   /* apprehended by DHS (fingerprinted) */
    SC_EV_ORDER,       /* final order of removal */
    SC_EV_REMOVAL,     /* removed from the U.S. */
    SC_EV_DEPART,      /* left the U.S. on their own */
    SC_EV_MARRY,       /* married; other = new family-name id or SC_NONE */
    SC_EV_CONVICT,     /* convicted of an offence that makes a non-citizen
                          removable (aggravated felony, simplified) */
    SC_EV_MISDEMEANOR, /* convicted of a significant misdemeanour (DUI,
                          domestic violence...): an enforcement priority
                          in 2014, not by itself a ground of removal */
    SC_EV_KIND_COUNT
};

/* Classes of admission (simplified). */
enum sc_class {
    SC_CLASS_NONE = 0,
    SC_CLASS_VISITOR,   /* B-1/B-2 */
    SC_CLASS_STUDENT,   /* F-1 */
    SC_CLASS_WORKER,    /* H-1B and other temporary workers */
    SC_CLASS_IMMIGRANT, /* admitted as LPR on an immigrant visa */
    SC_CLASS_REFUGEE,   /* refugee, adjusts after one year */
    SC_CLASS_COUNT
};

typedef struct sc_event {
    sc_date date;       /* when it happened */
    sc_date until;      /* end of authorized stay (SC_EV_ENTRY) */
    uint32_t other;     /* parent (DERIVE) or family-name id (MARRY) */
    uint8_t kind;       /* enum sc_event_kind */
    uint8_t cls;        /* enum sc_class (SC_EV_ENTRY) */
} sc_event;

/* How a person came to be a citizen at birth, if they were. */
enum sc_birth_kind {
    SC_BIRTH_US = 0,    /* born in a U.S. state */
    SC_BIRTH_ABROAD_CITIZEN, /* born abroad to a citizen parent (acquired) */
    SC_BIRTH_FOREIGN    /* born abroad, not a citizen at birth */
};

/* Fields in decreasing order of alignment, so that no padding falls
 * between them: 44 bytes rather than 48, 130 MB less at 1:10. */
typedef struct sc_person {
    sc_date birth;
    uint32_t county;      /* county of residence (index in sc_geo) */
    sc_name name;         /* name at birth */
    uint32_t mother;      /* SC_NONE if not in the world */
    uint32_t father;
    uint32_t first_event; /* events are [first_event, first_event+n) */
    uint16_t n_events;
    uint16_t birth_country; /* country index, SC_COUNTRY_US when born here */
    uint8_t female;       /* 0 male, 1 female */
    uint8_t birth_kind;   /* enum sc_birth_kind */
    uint8_t birth_state;  /* state index when born in the U.S., else 0 */
} sc_person;

/* True status on a date. */
enum sc_status {
    SC_ST_ABSENT = 0,     /* not yet born, not yet arrived, or left */
    SC_ST_USBORN,         /* citizen by birth in the U.S. */
    SC_ST_ACQUIRED,       /* citizen at birth abroad (INA 301) */
    SC_ST_NATURALIZED,
    SC_ST_DERIVED,        /* citizen through a parent (INA 320/321) */
    SC_ST_LPR,
    SC_ST_TEMPORARY,      /* within an authorized stay */
    SC_ST_OVERSTAY,       /* stay expired */
    SC_ST_EWI,            /* entered without inspection */
    SC_ST_COUNT
};

typedef struct sc_truth {
    uint8_t status;       /* enum sc_status */
    uint8_t citizen;      /* 1 for USBORN, ACQUIRED, NATURALIZED, DERIVED */
    uint8_t lawful;       /* citizen, LPR or TEMPORARY */
    uint8_t removable;    /* non-citizen and (unlawful, ordered, or
                             convicted of a removable offence) */
    uint8_t has_order;    /* an unexecuted final order stands */
    uint8_t convicted;    /* a removable-offence conviction before `on` */
} sc_truth;

typedef struct sc_world sc_world;

/* Builds the population of the scenario: params->population x scale
 * persons, each with a history up to params->start (the reference date
 * R of docs/status-rules.md: every event is dated before it).
 * Deterministic in params->seed whatever the thread count.  On failure
 * returns an SC_E* code and writes the reason into err (SC_ERRMSG_MAX
 * bytes). */
int sc_world_create(const sc_params *p, const sc_geo *geo, sc_world **out,
                    char *err);

/* An empty world for tests and hand-made cases. */
int sc_world_create_empty(sc_world **out);

/* Appends a person (events fields ignored) and returns its id. */
int sc_world_add_person(sc_world *w, const sc_person *p, uint32_t *id);

/* Appends an event to the most recently added person; events must come in
 * date order.  SC_EINVAL otherwise. */
int sc_world_add_event(sc_world *w, const sc_event *e);

void sc_world_destroy(sc_world *w);

size_t sc_world_count(const sc_world *w);
const sc_person *sc_world_person(const sc_world *w, uint32_t id);
const sc_event *sc_world_events(const sc_world *w, uint32_t id, size_t *n);

/* True status and removability of person id on date `on`. */
void sc_world_truth_on(const sc_world *w, uint32_t id, sc_date on,
                       sc_truth *out);

/* The population group (enum sc_group) of a status. */
int sc_status_group(int status);
const char *sc_status_name(int status);   /* "naturalized", ... */

/* The name in use on a date (after marriages). */
void sc_world_name_on(const sc_world *w, uint32_t id, sc_date on,
                      sc_name *out);

#endif /* SC_WORLD_H */
