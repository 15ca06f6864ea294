/*
 * judge.c - every booking's query and detainer against the truth.
 *
 * The verdict compares the decision with the person's true status on the
 * booking day (sc_world_truth_on).  The causes of a wrongful detainer are
 * found by counterfactual re-runs in attribute.c; this file names them.
 *
 * Data: none beyond the arguments.  Workload: a few comparisons per
 * booking.
 */
#include <stdio.h>
#include <string.h>

#include "scomm/judge.h"

static const char *const verdict_names[SC_V_COUNT] = {
    [SC_V_NO_QUERY] = "no_query",
    [SC_V_CLEARED] = "cleared",
    [SC_V_MISSED] = "missed",
    [SC_V_SUPPORTED] = "supported",
    [SC_V_WRONG_CITIZEN] = "wrong_citizen",
    [SC_V_WRONG_LAWFUL] = "wrong_lawful",
    [SC_V_WRONG_OTHER] = "wrong_other",
};

static const char *const cause_names[SC_CAUSE_COUNT] = {
    [SC_CAUSE_NONE] = "none",
    [SC_CAUSE_NATURALIZATION_NOT_POSTED] = "naturalization_not_posted",
    [SC_CAUSE_DERIVED_UNRECORDED] = "derived_unrecorded",
    [SC_CAUSE_ACQUIRED_UNRECORDED] = "acquired_unrecorded",
    [SC_CAUSE_ADJUSTMENT_NOT_POSTED] = "adjustment_not_posted",
    [SC_CAUSE_STALE_IDENT_STATUS] = "stale_ident_status",
    [SC_CAUSE_FALSE_BIOMETRIC_HIT] = "false_biometric_hit",
    [SC_CAUSE_RECORD_MISSED] = "record_missed",
    [SC_CAUSE_MISATTACHED_RECORD] = "misattached_record",
    [SC_CAUSE_POB_WRONG] = "pob_wrong",
    [SC_CAUSE_RECORD_NOT_POSTED] = "record_not_posted",
    [SC_CAUSE_RECORD_OMITTED] = "record_omitted",
    [SC_CAUSE_RECORD_TYPO] = "record_typo",
    [SC_CAUSE_BOOKING_TYPO] = "booking_typo",
    [SC_CAUSE_NAMESAKE] = "namesake",
    [SC_CAUSE_AFILE_PAGE_MISSING] = "afile_page_missing",
    [SC_CAUSE_BIRTH_RECORD_MISSING] = "birth_record_missing",
    [SC_CAUSE_STATE_RECORD_MISSING] = "state_record_missing",
    [SC_CAUSE_OTHER] = "other",
};

const char *sc_verdict_name(int verdict)
{
    if (verdict < 0 || verdict >= SC_V_COUNT)
        return "?";
    return verdict_names[verdict];
}

const char *sc_cause_name(int cause)
{
    if (cause < 0 || cause >= SC_CAUSE_COUNT)
        return "?";
    return cause_names[cause];
}

int sc_verdict_wrongful(int verdict)
{
    return verdict == SC_V_WRONG_CITIZEN || verdict == SC_V_WRONG_LAWFUL ||
           verdict == SC_V_WRONG_OTHER;
}

int sc_cause_find(const char *name)
{
    int c;

    for (c = 0; name && c < SC_CAUSE_COUNT; c++)
        if (strcmp(cause_names[c], name) == 0)
            return c;
    return SC_ENOENT;
}

int sc_cause_list(uint32_t mask, char *buf, size_t len)
{
    size_t at = 0;
    int c, n;

    if (len)
        buf[0] = '\0';
    for (c = 0; c < SC_CAUSE_COUNT; c++) {
        if (!(mask & SC_CAUSE_BIT(c)))
            continue;
        n = snprintf(at < len ? buf + at : NULL, at < len ? len - at : 0,
                     "%s%s", at ? "," : "", cause_names[c]);
        at += (size_t)n;
    }
    return (int)at;
}

void sc_judge(const sc_world *w, const sc_registries *reg,
              const sc_booking *b, const sc_ident_result *ident,
              const sc_evidence *ev, const sc_decision *d,
              sc_judgement *out)
{
    int queried = ev && ev->queried;
    int detainer = d && d->detainer;
    sc_truth t;

    memset(out, 0, sizeof *out);
    sc_world_truth_on(w, b->person, b->date, &t);
    out->true_status = t.status;
    out->removable = t.removable;
    out->false_hit = (uint8_t)(ident && ident->hit &&
                               ident->fin != sc_registries_fin_of_person(
                                                 reg, b->person));

    if (!detainer) {
        if (t.removable)
            out->verdict = SC_V_MISSED;
        else
            out->verdict = queried ? SC_V_CLEARED : SC_V_NO_QUERY;
        return;
    }
    if (t.removable) {
        out->verdict = SC_V_SUPPORTED;
        return;
    }
    if (t.citizen)
        out->verdict = SC_V_WRONG_CITIZEN;
    else if (t.lawful)
        out->verdict = SC_V_WRONG_LAWFUL;
    else
        out->verdict = SC_V_WRONG_OTHER;
}
