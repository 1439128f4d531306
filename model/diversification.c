/* diversification.c: what members do (model.md 4.8).
 *
 * An organisation's members are shared among activities (cartels.h): exports (plant-based and
 * synthetic drugs, credited by trafficking.c) and local crime in its plazas: drug retail, extortion,
 * kidnapping (pools per resident), avocado and lime rents (flagged plazas), fuel theft (pipeline
 * plazas) and migrant smuggling (border-crossing plazas). The members on a local activity work the
 * plazas that offer it in proportion to their pools, so an organisation whose plazas hold pool V
 * (US$2010/yr) of an activity and puts m members on it takes V (1 - exp(-m / m_s)), m_s =
 * V / productivity: the first members take `productivity` a year each, later ones less. Exports return the smoothed revenue per
 * member on them; an organisation that has the means (a cocaine link or growing plazas; a precursor
 * link) but no record yet expects the average of those who export. Each week the shares move toward
 * targets proportional to marginal return^sensitivity at the rate speed x (1 + squeeze_boost x
 * squeeze), where squeeze (finance.c) measures a collapse of export income or a lost supplier link.
 * Extortion and kidnapping are worked at their own rate (predation_productivity), and an insecure
 * controller (1 at war, else its instability after a leader's removal) takes them b = 1 +
 * insecure_predation x insecurity times as fast from pools b times as large, so b times as much with
 * the same members: the roving bandit.
 * Victims: extortion incidents = extortion revenue / payment, kidnappings = ransoms / ransom. */
#include "diversification.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

int diversification_init(World *w, Error *err)
{
    Diversification *d = &w->diversification;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    memset(d, 0, sizeof *d);
    d->cap = c->cap;
    d->share = calloc((size_t)d->cap, sizeof *d->share);
    d->flagged = calloc((size_t)d->cap, sizeof *d->flagged);
    d->first = calloc((size_t)d->cap + 1, sizeof *d->first);
    d->held = calloc((size_t)(w->sc->geo.n_plazas > 0 ? w->sc->geo.n_plazas : 1), sizeof *d->held);
    d->n_states = w->sc->geo.n_states;
    d->victims_state = calloc(2 * (size_t)(d->n_states > 0 ? d->n_states : 1), sizeof *d->victims_state);
    if (!d->share || !d->flagged || !d->victims_state || !d->first || !d->held)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' activities");
    const double exports = PV(p, P_DIV_EXPORTS0), retail = PV(p, P_DIV_RETAIL0), extortion = PV(p, P_DIV_EXTORTION0);
    const double sum = exports + retail + extortion; /* validated > 0; the three are read as proportions */
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        d->share[o][x->cocaine_link || !x->precursor_link ? ACT_TRAFFIC : ACT_SYNTHETIC] = exports / sum;
        d->share[o][ACT_RETAIL] = retail / sum;
        d->share[o][ACT_EXTORTION] = extortion / sum;
    }
    return CS_OK;
}

void diversification_inherit(World *w, int parent, int child)
{
    Diversification *d = &w->diversification;
    memcpy(d->share[child], d->share[parent], sizeof d->share[child]);
}

/* The roving bandit's factor of organisation o (o < 0: nobody): 1 + insecure_predation x its
 * insecurity, 1 at war, else its instability after a leader's removal. */
static double bandit(const World *w, int o)
{
    if (o < 0)
        return 1;
    const double insecurity = w->orgs.org[o].n_enemies > 0 ? 1.0 : orgs_instability(&w->orgs, o);
    return 1 + PV(&w->p, P_DIV_PREDATION) * insecurity;
}

/* Pool of a local activity in plaza k (US$2010/yr). Extortion and kidnapping pools grow with the
 * controller's insecurity (the roving bandit: a group that may not hold the plaza next year takes
 * what it can now), as does the rate at which its members take them (diversification_step). */
static double pool(const World *w, int a, int k)
{
    const Params *p = &w->p;
    const GeoPlaza *P = &w->sc->geo.plazas[k];
    switch (a) {
    case ACT_RETAIL:
        return PV(p, P_DIV_RETAIL_POOL) * P->pop;
    case ACT_EXTORTION:
        return PV(p, P_DIV_EXT_POOL) * P->pop * bandit(w, w->orgs.owner[k]);
    case ACT_KIDNAPPING:
        return PV(p, P_DIV_KID_POOL) * P->pop * bandit(w, w->orgs.owner[k]);
    case ACT_AGRI:
        return P->avocado_lime ? PV(p, P_DIV_AGRI_POOL) : 0;
    case ACT_FUEL:
        return P->pipeline ? PV(p, P_DIV_FUEL_POOL) : 0;
    case ACT_MIGRANTS:
        return P->crossing >= 0 ? PV(p, P_DIV_MIG_POOL) * border_smuggling_factor(&w->border) : 0; /* border.c */
    default:
        return 0;
    }
}

double diversification_plaza_value(const World *w, int k)
{
    double v = 0;
    for (int a = ACT_RETAIL; a < N_ACTIVITIES; a++)
        v += pool(w, a, k);
    return v;
}

void diversification_step(World *w)
{
    Diversification *d = &w->diversification;
    Finance *f = &w->finance;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double per_week = 1.0 / WEEKS_PER_YEAR, prod = PV(p, P_DIV_PRODUCTIVITY), beta = PV(p, P_DIV_BETA);
    d->extortion_victims = d->kidnapping_victims = 0;
    memset(d->victims_state, 0, 2 * sizeof *d->victims_state * (size_t)d->n_states);
    /* Average export return per member on exports, over the organisations that export. */
    double avg[2] = {0, 0}, on[2] = {0, 0};
    for (int o = 0; o < c->n; o++)
        for (int i = 0; i < 2 && c->org[o].alive; i++) {
            avg[i] += f->smooth[o][i] * WEEKS_PER_YEAR;
            on[i] += d->share[o][i] * (double)c->org[o].members;
        }
    for (int i = 0; i < 2; i++)
        avg[i] = on[i] > 0 ? avg[i] / on[i] : 0;
    int *flagged = d->flagged;
    memset(flagged, 0, sizeof(int) * (size_t)c->n);
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] >= 0 && (g->plazas[k].poppy || g->plazas[k].cannabis))
            flagged[c->owner[k]] = 1;
    /* each organisation's plazas, in plaza order (a counting sort: one pass to count, one to place) */
    int *first = d->first, *held = d->held;
    memset(first, 0, sizeof(int) * ((size_t)c->n + 1));
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] >= 0)
            first[c->owner[k] + 1]++;
    for (int o = 0; o < c->n; o++)
        first[o + 1] += first[o];
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] >= 0)
            held[first[c->owner[k]]++] = k;
    for (int o = c->n; o > 0; o--) /* first[o] was advanced to the end of o's plazas: shift back */
        first[o] = first[o - 1];
    first[0] = 0;
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        if (!x->alive || x->members <= 0)
            continue;
        double *share = d->share[o];
        const double M = (double)x->members;
        double r[N_ACTIVITIES] = {0};
        const int means[2] = {x->cocaine_link || flagged[o], x->precursor_link};
        for (int i = 0; i < 2; i++) { /* exports: revenue per member, with the industry average as a prior */
            const double m = share[i] * M, w0 = PV(p, P_DIV_PRIOR), prior = means[i] ? avg[i] * w0 : 0;
            r[i] = (f->smooth[o][i] * WEEKS_PER_YEAR + prior) / (m + w0);
        }
        /* Local activities: the members on activity a work the plazas that offer it, each in
         * proportion to its pool (those on fuel theft go where the pipelines are), so that the
         * organisation takes V_a (1 - exp(-m_a x productivity / V_a)) from its pools V_a. */
        double V[N_ACTIVITIES] = {0};
        for (int i = first[o]; i < first[o + 1]; i++)
            for (int a = ACT_RETAIL; a < N_ACTIVITIES; a++)
                V[a] += pool(w, a, held[i]);
        /* Extortion and kidnapping are worked at their own rate, times the roving bandit's factor: an
         * insecure controller's members take b times a secure one's from pools b times as large. */
        const double on_people = PV(p, P_DIV_PRED_PRODUCTIVITY) * bandit(w, o);
        double taken[N_ACTIVITIES] = {0}; /* share of each pool taken this week */
        for (int a = ACT_RETAIL; a < N_ACTIVITIES; a++) {
            if (V[a] <= 0)
                continue;
            const double rate = a == ACT_EXTORTION || a == ACT_KIDNAPPING ? on_people : prod;
            const double left = exp(-share[a] * M * rate / V[a]);
            r[a] = rate * left;
            taken[a] = 1 - left;
            finance_credit(f, o, a, V[a] * taken[a] * per_week);
        }
        /* victims by state: each plaza yields its pool's share of the takings */
        const double per_ext = taken[ACT_EXTORTION] * per_week / PV(p, P_DIV_EXT_PAYMENT);
        const double per_kid = taken[ACT_KIDNAPPING] * per_week / PV(p, P_DIV_RANSOM);
        d->extortion_victims += V[ACT_EXTORTION] * per_ext;
        d->kidnapping_victims += V[ACT_KIDNAPPING] * per_kid;
        for (int i = first[o]; i < first[o + 1] && per_ext + per_kid > 0; i++) {
            const int k = held[i];
            d->victims_state[g->plazas[k].state] += pool(w, ACT_EXTORTION, k) * per_ext;
            d->victims_state[d->n_states + g->plazas[k].state] += pool(w, ACT_KIDNAPPING, k) * per_kid;
        }
        double total = 0, t[N_ACTIVITIES];
        for (int a = 0; a < N_ACTIVITIES; a++)
            total += (t[a] = pow(fmax(r[a], 0.0), beta));
        if (total <= 0)
            continue;
        const double k = 1 - exp(-PV(p, P_DIV_SPEED) * (1 + PV(p, P_DIV_SQUEEZE) * f->squeeze[o]) * per_week);
        for (int a = 0; a < N_ACTIVITIES; a++)
            share[a] += k * (t[a] / total - share[a]);
    }
}

void diversification_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    row[metrics_offset(L, M_EXTORTION_VICTIMS)] = w->diversification.extortion_victims;
    row[metrics_offset(L, M_KIDNAPPING_VICTIMS)] = w->diversification.kidnapping_victims;
    const Diversification *d = &w->diversification;
    memcpy(row + metrics_offset(L, M_EXTORTION_STATE), d->victims_state, sizeof(double) * (size_t)d->n_states);
    memcpy(row + metrics_offset(L, M_KIDNAPPING_STATE), d->victims_state + d->n_states, sizeof(double) * (size_t)d->n_states);
}

void diversification_free(World *w)
{
    free(w->diversification.share);
    free(w->diversification.flagged);
    free(w->diversification.first);
    free(w->diversification.held);
    free(w->diversification.victims_state);
    memset(&w->diversification, 0, sizeof w->diversification);
}
