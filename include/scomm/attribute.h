/*
 * attribute.h - the causes of a wrongful detainer, by counterfactual.
 *
 * Each cause of judge.h except NONE and OTHER names one error source,
 * and removing it is a precise change of the case: the booking, the
 * IDENT result, or the registries as the review sees them (an overlay,
 * review.h).  sc_attribute re-runs the case through the caller's
 * decision (review, then the policy) with each present source removed
 * alone, and, when no single removal lifts the detainer, with present
 * sources removed cumulatively in precedence order:
 *
 *   present      sources found in the case (their removal changes it)
 *   but_for      present sources whose removal alone lifts the detainer
 *   primary      the first but-for source in precedence order; with no
 *                but-for source, the source whose cumulative removal
 *                lifted it; OTHER when removing every present source
 *                still leaves the detainer
 *   contributing the other but-for sources, or the sources removed
 *                before the primary one in the cumulative run
 *
 * The precedence is the order in which the case meets the errors: the
 * booking (clerk), IDENT, the registries as written (a record never
 * written, then one written and not posted, then one filed or typed
 * wrongly, then a stale status), the review's search, and last the
 * records the individualized officer reads (a missing A-file page, a
 * missing birth record or State Department record).
 * sc_cause_precedence() lists it; docs/pipeline.md says why.
 *
 * The judge reads the truth to build the changes (it alone may); the
 * re-run itself, the caller's decide function, reads only the booking,
 * the IDENT result and the registries through the overlay.
 */
#ifndef SC_ATTRIBUTE_H
#define SC_ATTRIBUTE_H

#include "scomm/biometric.h"
#include "scomm/booking.h"
#include "scomm/judge.h"
#include "scomm/policy.h"
#include "scomm/registry.h"
#include "scomm/review.h"
#include "scomm/world.h"

/* The pipeline's decision for booking b with IDENT result ident on the
 * registries as ov changes them: a review (sc_review_with), then the
 * policy.  Returns 0 or a negative SC_E* code. */
typedef int (*sc_decide_fn)(void *ud, const sc_booking *b,
                            const sc_ident_result *ident,
                            const sc_review_overlay *ov, sc_decision *out);

/* Fills j->cause, contributing, present and but_for for a wrongful
 * detainer (j->verdict must be one: sc_verdict_wrongful), from the case
 * as the pipeline ran it (b, ident, ev) and the records truly about the
 * booked person (recs, n_recs: every one, as sc_attribute_records finds
 * them).  Calls decide a few times (once per present source, then at
 * most once more per present source).  Returns 0, or decide's error or
 * SC_ENOMEM (j's cause is then OTHER). */
int sc_attribute(const sc_params *p, const sc_world *w,
                 const sc_registries *reg,
                 const sc_booking *b, const sc_ident_result *ident,
                 const sc_evidence *ev, const sc_review_ref *recs,
                 size_t n_recs, sc_decide_fn decide, void *ud,
                 sc_judgement *j);

/* Every record whose true subject is `person`, in (registry, id) order,
 * into a new array (*out, free() it; NULL when none).  Scans every
 * registry: for tests and one-off use; the sim gathers the records of
 * all wrongly detained persons in one scan.  0 or SC_ENOMEM. */
int sc_attribute_records(const sc_registries *reg, uint32_t person,
                         sc_review_ref **out, size_t *n);

/* The i-th cause in precedence order, SC_CAUSE_NONE past the last. */
int sc_cause_precedence(size_t i);

#endif /* SC_ATTRIBUTE_H */
