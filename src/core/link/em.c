/*
 * em.c - expectation-maximisation for the Fellegi-Sunter model.
 *
 * The model (Fellegi and Sunter 1969): a pair is a match with prior
 * probability lambda; given match status its fields' levels are
 * independent, with probabilities m (match) and u (non-match).  EM
 * without labels (Winkler 1988; Jaro 1989) alternates the posterior
 * match probability of each comparison vector and the parameters that
 * the posteriors imply.
 *
 * The data are all pairs, but only the candidate pairs are compared;
 * the rest are taken as certain non-matches (blocking is built to keep
 * every pair with a chance of matching).  So the E-step runs over the
 * candidates' distinct vectors (patterns, with their counts), and the
 * M-step needs, for u, how often each level occurs among all pairs:
 * R[f][l], counted exactly for the exact level from value frequencies
 * and estimated for the others from random pairs.  Then
 *     m[f][l] = A[f][l] / sum_l A[f][l]
 *     u[f][l] = (R[f][l] - A[f][l]) / sum_l (R[f][l] - A[f][l])
 *     lambda  = sum of posteriors / number of pairs
 * with A[f][l] the posterior-weighted count of candidates at level l.
 * Subtracting A from R matters for identifiers: among random pairs the
 * few exact agreements are mostly true matches, and u must not count
 * them.  m gets a pseudo-count (a tenth of a pair per level) so that a
 * level never seen among matches keeps a finite weight.
 *
 * Fields are not independent among non-matches, so each pair of fields
 * gets one interaction term, for the cell where both agree exactly (a
 * log-linear mixture model with pairwise terms in the non-match class,
 * after Larsen and Rubin 2001): the non-match probability of such a
 * pattern is multiplied by rho[i][j], the ratio of the pairs agreeing on
 * both among all pairs, less EM's matches, to what independence
 * predicts, shrunk towards 1 by a pseudo-count of RHO_PSEUDO pairs (so a
 * cell with too few pairs to judge stays independent).  Without it EM,
 * seeing more namesakes than independence allows, explains them as
 * matches whose birth dates differ, and learns that a differing birth
 * date is weak evidence.  Both partner names at the swap level likewise
 * get one joint probability among matches, m_swap2: a swap is one slip
 * of the pen, not two independent ones.

 * One run may leave some fields out of the posterior and freeze m or u,
 * and without R it takes u from the patterns themselves (the classic
 * two-class EM, u[f][l] proportional to the non-match weight at level
 * l): fs_model.c uses that for its training sessions (one per blocking
 * rule, the rule's own fields left out) and for the final pass that
 * settles lambda and u with m fixed.
 *
 * Workload: a few thousand patterns, up to a few hundred iterations, a
 * few dozen runs per job.
 */
#include <math.h>
#include <string.h>

#include "link_int.h"

#define M_PSEUDO 0.1
#define RHO_PSEUDO 10.0

static double logistic(double s)
{
    if (s >= 0)
        return 1.0 / (1.0 + exp(-s));
    return exp(s) / (1.0 + exp(s));
}

int link_em(const sc_link_spec *s, const link_em_data *d,
            const sc_link_opts *o, sc_link_model *m, double *lambda,
            double *matches)
{
    double A[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    double B[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    double lm[SC_LINK_FIELDS_MAX][SC_LINK_LEVELS_MAX];
    size_t F = s->nfields;
    double A2[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    double M2[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    double lrho[SC_LINK_FIELDS_MAX][SC_LINK_FIELDS_MAX];
    double M = 0, M_pair, A_swap, lswap = 0;
    int g = m->pair[0], h = m->pair[1];
    int pair = g >= 0 && h >= 0 && (d->active >> g & 1) &&
               (d->active >> h & 1);
    int it;

    m->converged = 0;
    m->iterations = 0;
    *matches = 0;
    if (d->np == 0 || d->n_pairs <= 0)
        return 0;

    for (it = 0; it < o->em_max_iter; it++) {
        double logit = log(*lambda) - log1p(-*lambda);
        double delta = 0;

        M = 0;
        for (size_t f = 0; f < F; f++) {
            int L = sc_link_level_count(s->fields[f].kind);
            for (int l = 0; l < L; l++) {
                lm[f][l] = log(m->m[f][l]) - log(m->u[f][l]);
                A[f][l] = 0;
                B[f][l] = 0;
            }
        }
        if (pair)
            lswap = log(m->m_swap2) - log(link_u_swap2(m)) -
                    lm[g][LINK_NAME_SWAP] - lm[h][LINK_NAME_SWAP];
        for (size_t i = 0; i < F; i++)
            for (size_t j = i + 1; j < F; j++) {
                lrho[i][j] = (d->active >> i & 1) && (d->active >> j & 1)
                                 ? log(m->rho[i][j]) : 0;
                A2[i][j] = M2[i][j] = 0;
            }
        M_pair = A_swap = 0;
        /* E-step, accumulated straight into the M-step's sums. */
        for (size_t p = 0; p < d->np; p++) {
            double sc = logit, w, c = (double)d->cnt[p];
            int lv[SC_LINK_FIELDS_MAX];
            int lg = pair ? sc_link_gamma_level(d->pat[p], g) : 0;
            int lh = pair ? sc_link_gamma_level(d->pat[p], h) : 0;
            for (size_t f = 0; f < F; f++) {
                int l = sc_link_gamma_level(d->pat[p], f);
                lv[f] = l;
                if (l != SC_LINK_NULL && (d->active >> f & 1))
                    sc += lm[f][l];
            }
            for (size_t i = 0; i < F; i++)
                if (lv[i] == 0)
                    for (size_t j = i + 1; j < F; j++)
                        if (lv[j] == 0)
                            sc -= lrho[i][j];
            if (pair && lg == LINK_NAME_SWAP && lh == LINK_NAME_SWAP)
                sc += lswap;
            w = logistic(sc);
            M += w * c;
            if (pair && lg != SC_LINK_NULL && lh != SC_LINK_NULL) {
                M_pair += w * c;
                if (lg == LINK_NAME_SWAP && lh == LINK_NAME_SWAP)
                    A_swap += w * c;
            }
            if (d->R2)
                for (size_t i = 0; i < F; i++) {
                    if (lv[i] == SC_LINK_NULL)
                        continue;
                    for (size_t j = i + 1; j < F; j++) {
                        if (lv[j] == SC_LINK_NULL)
                            continue;
                        M2[i][j] += w * c;
                        if (lv[i] == 0 && lv[j] == 0)
                            A2[i][j] += w * c;
                    }
                }
            for (size_t f = 0; f < F; f++) {
                int l = sc_link_gamma_level(d->pat[p], f);
                if (l != SC_LINK_NULL) {
                    A[f][l] += w * (double)d->cnt[p];
                    B[f][l] += (1 - w) * (double)d->cnt[p];
                }
            }
        }
        /* M-step. */
        for (size_t f = 0; f < F; f++) {
            int L = sc_link_level_count(s->fields[f].kind);
            double T = 0, U = 0, ur[SC_LINK_LEVELS_MAX];
            if (!(d->active >> f & 1))
                continue;
            for (int l = 0; l < L; l++) {
                T += A[f][l];
                ur[l] = d->R ? d->R[f][l] - A[f][l] : B[f][l];
                if (ur[l] < 0.5)
                    ur[l] = 0.5;
                U += ur[l];
            }
            for (int l = 0; l < L; l++) {
                if (d->update_m) {
                    double nm = (A[f][l] + M_PSEUDO) / (T + M_PSEUDO * L);
                    if (fabs(nm - m->m[f][l]) > delta)
                        delta = fabs(nm - m->m[f][l]);
                    m->m[f][l] = nm;
                }
                if (d->update_u) {
                    double nu = !d->R || d->nf[f] > 0 ? ur[l] / U : 1.0 / L;
                    double rel = fabs(nu - m->u[f][l]) /
                                 (m->u[f][l] + 1e-300);
                    /* u spans many decades: its relative change counts,
                     * scaled down so that tiny u do not hold EM back. */
                    if (rel * 1e-3 > delta)
                        delta = rel * 1e-3;
                    m->u[f][l] = nu;
                }
            }
        }
        if (pair && d->update_m) {
            double nm = (A_swap + M_PSEUDO) / (M_pair + 2 * M_PSEUDO);
            if (fabs(nm - m->m_swap2) > delta)
                delta = fabs(nm - m->m_swap2);
            m->m_swap2 = nm;
        }
        if (d->update_u && d->R2) {
            /* Agreement on both among non-matches, against independence. */
            for (size_t i = 0; i < F; i++)
                for (size_t j = i + 1; j < F; j++) {
                    double r, e, nr, hi;
                    if (!(d->active >> i & 1) || !(d->active >> j & 1) ||
                        d->nf2[i][j] <= 0)
                        continue;
                    r = d->R2[i][j] - A2[i][j];
                    if (r < 0)
                        r = 0;
                    e = (d->nf2[i][j] - M2[i][j]) * m->u[i][0] * m->u[j][0];
                    if (e < 0)
                        e = 0;
                    nr = (r + RHO_PSEUDO) / (e + RHO_PSEUDO);
                    hi = 1 / (m->u[i][0] > m->u[j][0] ? m->u[i][0]
                                                       : m->u[j][0]);
                    if (nr > hi)
                        nr = hi;
                    if (nr < 1.0 / 16)
                        nr = 1.0 / 16;
                    if (fabs(nr - m->rho[i][j]) / m->rho[i][j] * 1e-3 > delta)
                        delta = fabs(nr - m->rho[i][j]) / m->rho[i][j] * 1e-3;
                    m->rho[i][j] = nr;
                }
        }
        {
            double nl = M / d->n_pairs;
            double lo = 0.1 / d->n_pairs;
            if (nl < lo)
                nl = lo;
            if (nl > 0.999)
                nl = 0.999;
            if (fabs(nl - *lambda) / *lambda > delta)
                delta = fabs(nl - *lambda) / *lambda;
            *lambda = nl;
        }
        m->iterations = it + 1;
        if (delta < o->em_tol) {
            m->converged = 1;
            break;
        }
    }
    *matches = M;
    return 0;
}
