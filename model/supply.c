/* supply.c: what the organisations ship each week (model.md 4.2).
 *
 * Capacities per week: Andean cocaine bought by organisations with a supplier link (less
 * eradication); heroin and cannabis from the growing plazas of scenarios/data (less eradication),
 * shared by the organisations that control growing plazas; methamphetamine and fentanyl from the
 * precursors that arrive through Pacific seaports, less precursor control and tariffs, shared by the
 * organisations with precursor links. The market (market.c) states the import demand; the
 * organisations aim at it, topped up to restore US stocks toward their target cover (trafficking.restock)
 * and grossed up for the losses they expect. Fentanyl is preferred for the opioid market (it is far cheaper per
 * heroin-equivalent dose) up to what precursors allow; heroin fills the rest up to poppy capacity, so
 * squeezing poppy raises the fentanyl share. Quantities are integer grams: mass balances exactly. */
#include "supply.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "market.h"
#include "metrics.h"
#include "sim.h"


double supply_capacity_kg(const World *w, const Params *p, int product)
{
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    const double precursor = (1 - PV(p, P_SUP_PRECURSOR_CONTROL)) * (1 - PV(p, P_SUP_PRECURSOR_TARIFF));
    switch (product) {
    case PR_COCAINE:
        return PV(p, P_SUP_COCAINE_CAPACITY) * (1 - PV(p, P_SUP_COCAINE_ERADICATION)) * per_week;
    case PR_HEROIN:
        return w->supply.n_poppy * PV(p, P_SUP_HEROIN_YIELD) * (1 - PV(p, P_SUP_HEROIN_ERADICATION)) *
               per_week;
    case PR_CANNABIS:
        return w->supply.n_cannabis * PV(p, P_SUP_CANNABIS_YIELD) *
               (1 - PV(p, P_SUP_CANNABIS_ERADICATION)) * per_week;
    case PR_METH:
        return PV(p, P_SUP_METH_CAPACITY) * precursor * per_week;
    default:
        return PV(p, P_SUP_FENT_CAPACITY) * precursor * per_week;
    }
}

/* An organisation's claim on a product, and the plaza where its shipments start. */
static double org_weight(const World *w, int o, int product, int *origin)
{
    const Geography *g = &w->sc->geo;
    const GeoOrg *org = &g->orgs[o];
    const int *owner = w->cartels.owner;
    *origin = -1;
    int n_flag = 0, seaport = -1;
    for (int k = 0; k < org->n_plazas; k++) {
        const int pl = org->plazas[k];
        if (owner[pl] != o)
            continue;
        const GeoPlaza *P = &g->plazas[pl];
        const int flagged = product == PR_HEROIN ? P->poppy : product == PR_CANNABIS ? P->cannabis : 0;
        if (flagged && n_flag++ == 0)
            *origin = pl;
        if (P->seaport == SEA_PACIFIC && seaport < 0)
            seaport = pl;
    }
    switch (product) {
    case PR_COCAINE:
        return org->cocaine_link ? org->members : 0; /* starts in the Andes (trafficking.c) */
    case PR_HEROIN:
    case PR_CANNABIS:
        return n_flag;
    default: /* synthetics: laboratories near a Pacific port of the organisation, else its first plaza */
        if (!org->precursor_link)
            return 0;
        for (int k = 0; k < org->n_plazas && seaport < 0 && *origin < 0; k++)
            if (owner[org->plazas[k]] == o)
                *origin = org->plazas[k];
        if (seaport >= 0)
            *origin = seaport;
        return *origin >= 0 ? org->members : 0;
    }
}

int supply_init(World *w, const Params *p, Rng *rng)
{
    (void)p;
    (void)rng;
    Supply *s = &w->supply;
    s->n_orgs = w->cartels.n;
    const Geography *g = &w->sc->geo;
    for (int i = 0; i < g->n_plazas; i++) {
        s->n_poppy += g->plazas[i].poppy;
        s->n_cannabis += g->plazas[i].cannabis;
    }
    const size_t n = (size_t)(s->n_orgs ? s->n_orgs : 1) * N_PRODUCTS;
    s->org_g = calloc(n, sizeof(int64_t));
    s->org_origin = malloc(n * sizeof(int));
    s->weight = calloc(n, sizeof(double));
    for (int pr = 0; pr < N_PRODUCTS; pr++) {
        double total = 0;
        for (int o = 0; o < s->n_orgs; o++) {
            double wgt = org_weight(w, o, pr, &s->org_origin[o * N_PRODUCTS + pr]);
            s->weight[o * N_PRODUCTS + pr] = wgt;
            total += wgt;
        }
        for (int o = 0; o < s->n_orgs; o++)
            s->weight[o * N_PRODUCTS + pr] = total > 0 ? s->weight[o * N_PRODUCTS + pr] / total : 0;
    }
    return CS_OK;
}

void supply_step(World *w, const Params *p, Rng *rng, int tick)
{
    (void)rng;
    (void)tick;
    Supply *s = &w->supply;
    double ship_kg[N_PRODUCTS];
    for (int pr = 0; pr < N_PRODUCTS; pr++) {
        if (pr == PR_FENTANYL || pr == PR_HEROIN)
            continue;
        ship_kg[pr] = fmin(market_import_target_kg(w, p, pr), supply_capacity_kg(w, p, pr));
    }
    /* Opioids, in heroin-equivalent kg: fentanyl first, heroin for the rest. */
    const double potency = PV(p, P_SUP_FENT_POTENCY), opioid_eq = market_import_target_kg(w, p, PR_HEROIN);
    ship_kg[PR_FENTANYL] = fmin(opioid_eq / potency, supply_capacity_kg(w, p, PR_FENTANYL));
    ship_kg[PR_HEROIN] = fmin(fmax(opioid_eq - ship_kg[PR_FENTANYL] * potency, 0.0), supply_capacity_kg(w, p, PR_HEROIN));
    s->precursor_kg = supply_capacity_kg(w, p, PR_METH) + supply_capacity_kg(w, p, PR_FENTANYL);
    for (int pr = 0; pr < N_PRODUCTS; pr++) {
        s->produced_g[pr] = 0;
        for (int o = 0; o < s->n_orgs; o++) {
            const int64_t g = s->weight[o * N_PRODUCTS + pr] > 0
                                  ? (int64_t)llround(ship_kg[pr] * 1000.0 * s->weight[o * N_PRODUCTS + pr])
                                  : 0;
            s->org_g[o * N_PRODUCTS + pr] = g;
            s->produced_g[pr] += g;
        }
    }
}

void supply_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    for (int pr = 0; pr < N_PRODUCTS; pr++)
        row[metrics_offset(L, M_PRODUCED) + pr] = (double)w->supply.produced_g[pr] / 1000.0;
    row[metrics_offset(L, M_PRECURSOR)] = w->supply.precursor_kg;
}

void supply_free(World *w)
{
    free(w->supply.org_g);
    free(w->supply.org_origin);
    free(w->supply.weight);
    memset(&w->supply, 0, sizeof w->supply);
}
