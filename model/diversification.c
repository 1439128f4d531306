/* diversification.c: what members do (model.md 4.8).
 *
 * An organisation's members are shared among activities (cartels.h): exports (plant-based and
 * synthetic drugs, credited by trafficking.c) and local crime in its plazas: drug retail, extortion,
 * kidnapping (pools per resident), avocado and lime rents (flagged plazas), fuel theft (pipeline
 * plazas) and migrant smuggling (border-crossing plazas). A local activity in a plaza with pool V
 * (US$2010/yr) worked by m members yields V (1 - exp(-m / m_s)), m_s = V / productivity: the first
 * members take `productivity` a year each, later ones less. Exports return the smoothed revenue per
 * member on them; an organisation that has the means (a cocaine link or growing plazas; a precursor
 * link) but no record yet expects the average of those who export. Each week the shares move toward
 * targets proportional to marginal return^sensitivity at the rate speed x (1 + squeeze_boost x
 * squeeze), where squeeze (cartels.c) measures a collapse of export income or a lost supplier link.
 * Victims: extortion incidents = extortion revenue / payment, kidnappings = ransoms / ransom. */
#include "diversification.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Pool of a local activity in plaza k (US$2010/yr). */
static double pool(const World *w, const Params *p, int a, int k)
{
    const GeoPlaza *P = &w->sc->geo.plazas[k];
    switch (a) {
    case ACT_RETAIL:
        return PV(p, P_DIV_RETAIL_POOL) * P->pop;
    case ACT_EXTORTION:
        return PV(p, P_DIV_EXT_POOL) * P->pop;
    case ACT_KIDNAPPING:
        return PV(p, P_DIV_KID_POOL) * P->pop;
    case ACT_AGRI:
        return P->avocado_lime ? PV(p, P_DIV_AGRI_POOL) : 0;
    case ACT_FUEL:
        return P->pipeline ? PV(p, P_DIV_FUEL_POOL) : 0;
    case ACT_MIGRANTS:
        return P->crossing >= 0 ? PV(p, P_DIV_MIG_POOL) : 0;
    default:
        return 0;
    }
}

void diversification_step(World *w, const Params *p, Rng *rng, int tick)
{
    (void)rng;
    (void)tick;
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    const double per_week = 1.0 / WEEKS_PER_YEAR, prod = PV(p, P_DIV_PRODUCTIVITY), beta = PV(p, P_DIV_BETA);
    /* Average export return per member on exports, over the organisations that export. */
    double avg[2] = {0, 0}, on[2] = {0, 0};
    for (int o = 0; o < c->n; o++)
        for (int i = 0; i < 2 && c->org[o].alive; i++) {
            avg[i] += c->org[o].smooth[i] * WEEKS_PER_YEAR;
            on[i] += c->org[o].share[i] * (double)c->org[o].members;
        }
    for (int i = 0; i < 2; i++)
        avg[i] = on[i] > 0 ? avg[i] / on[i] : 0;
    int *flagged = calloc((size_t)c->n, sizeof(int));
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] >= 0 && (g->plazas[k].poppy || g->plazas[k].cannabis))
            flagged[c->owner[k]] = 1;
    for (int o = 0; o < c->n; o++) {
        Org *x = &c->org[o];
        if (!x->alive || x->members <= 0)
            continue;
        const double M = (double)x->members;
        double r[N_ACTIVITIES] = {0};
        const int means[2] = {x->cocaine_link || flagged[o], x->precursor_link};
        for (int i = 0; i < 2; i++) { /* exports: revenue per member, with the industry average as a prior */
            const double m = x->share[i] * M, w0 = PV(p, P_DIV_PRIOR), prior = means[i] ? avg[i] * w0 : 0;
            r[i] = (x->smooth[i] * WEEKS_PER_YEAR + prior) / (m + w0);
        }
        for (int k = 0; k < g->n_plazas; k++) {
            if (c->owner[k] != o)
                continue;
            const double pm = (double)c->plaza_members[k];
            for (int a = ACT_RETAIL; a < N_ACTIVITIES; a++) {
                const double V = pool(w, p, a, k);
                if (V <= 0)
                    continue;
                const double ms = V / prod, m = x->share[a] * pm, left = exp(-m / ms);
                r[a] += pm / M * prod * left;
                x->revenue[a] += V * (1 - left) * per_week;
            }
        }
        double total = 0, t[N_ACTIVITIES];
        for (int a = 0; a < N_ACTIVITIES; a++)
            total += (t[a] = pow(fmax(r[a], 0.0), beta));
        if (total <= 0)
            continue;
        const double k = 1 - exp(-PV(p, P_DIV_SPEED) * (1 + PV(p, P_DIV_SQUEEZE) * x->squeeze) * per_week);
        for (int a = 0; a < N_ACTIVITIES; a++)
            x->share[a] += k * (t[a] / total - x->share[a]);
        c->extortion_victims += x->revenue[ACT_EXTORTION] / PV(p, P_DIV_EXT_PAYMENT);
        c->kidnapping_victims += x->revenue[ACT_KIDNAPPING] / PV(p, P_DIV_RANSOM);
    }
    free(flagged);
}
