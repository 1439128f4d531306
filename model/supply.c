/* supply.c: what the organisations ship each week (model.md 4.2).
 *
 * Capacities per week: Andean cocaine bought by organisations with a supplier link (less
 * eradication); heroin and cannabis from the growing plazas of scenarios/data (less eradication),
 * shared by the organisations that control growing plazas; methamphetamine and fentanyl from the
 * precursors that arrive through Pacific seaports, less precursor control (times Mexican cooperation) and
 * what China stops at source under fentanyl tariffs (uspolicy.c), shared by the
 * organisations with precursor links. Shares follow territory, links and the members each
 * organisation puts on exports this week (claims()). The market (market.c) states the import demand; the
 * organisations aim at it, topped up to restore US stocks toward their target cover (trafficking.restock)
 * and grossed up for the losses they expect. Fentanyl is preferred for the opioid market (it is far cheaper per
 * heroin-equivalent dose) up to what precursors allow; heroin fills the rest up to poppy capacity, so
 * squeezing poppy raises the fentanyl share. Quantities are integer grams: mass balances exactly. */
#include "supply.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"


double supply_capacity_kg(const World *w, const Params *p, int product)
{
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    /* controls rest on Mexican cooperation; China stops a share at source under tariffs (uspolicy.c) */
    const double control = fmin(0.99, PV(p, P_SUP_PRECURSOR_CONTROL) * uspolicy_cooperation_factor(w));
    const double precursor = (1 - control) * (1 - w->uspolicy.china_stop);
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

/* Each organisation's claim on each product and the plaza where its shipments start, from this
 * week's territory, links and activities: cocaine in proportion to members on plant-based exports
 * (with an Andean link; starts in the Andes, trafficking.c), heroin and cannabis to growing plazas
 * held times the share of members on exports, synthetics to members on synthetics (with a precursor
 * link; laboratories near a Pacific port of the organisation, else in its largest plaza). */
static void claims(World *w)
{
    const Geography *g = &w->sc->geo;
    const Orgs *c = &w->orgs;
    const Diversification *d = &w->diversification;
    Supply *s = &w->supply;
    const int n = c->n;
    int *poppy = s->scratch, *cannabis = poppy + n, *sea = poppy + 2 * n, *big = poppy + 3 * n;
    for (int o = 0; o < n; o++) {
        poppy[o] = cannabis[o] = 0;
        sea[o] = big[o] = -1;
    }
    for (int o = 0; o < n * N_PRODUCTS; o++)
        s->org_origin[o] = -1;
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        if (o < 0)
            continue;
        const GeoPlaza *P = &g->plazas[k];
        if (P->poppy && poppy[o]++ == 0)
            s->org_origin[o * N_PRODUCTS + PR_HEROIN] = k;
        if (P->cannabis && cannabis[o]++ == 0)
            s->org_origin[o * N_PRODUCTS + PR_CANNABIS] = k;
        if (P->seaport == SEA_PACIFIC && sea[o] < 0)
            sea[o] = k;
        if (big[o] < 0 || c->plaza_members[k] > c->plaza_members[big[o]])
            big[o] = k;
    }
    double total[N_PRODUCTS] = {0};
    for (int o = 0; o < n; o++) {
        const Org *x = &c->org[o];
        double *wt = &s->weight[o * N_PRODUCTS];
        for (int pr = 0; pr < N_PRODUCTS; pr++)
            wt[pr] = 0;
        if (!x->alive)
            continue;
        const double traffic = (double)x->members * diversification_share(d, o, ACT_TRAFFIC);
        const double synth = (double)x->members * diversification_share(d, o, ACT_SYNTHETIC);
        wt[PR_COCAINE] = x->cocaine_link ? traffic : 0;
        wt[PR_HEROIN] = poppy[o] * diversification_share(d, o, ACT_TRAFFIC);
        wt[PR_CANNABIS] = cannabis[o] * diversification_share(d, o, ACT_TRAFFIC);
        const int lab = sea[o] >= 0 ? sea[o] : big[o];
        if (x->precursor_link && lab >= 0) {
            wt[PR_METH] = wt[PR_FENTANYL] = synth * (1 - uspolicy_lab_damage(&w->uspolicy, o)); /* US strikes on labs */
            s->org_origin[o * N_PRODUCTS + PR_METH] = s->org_origin[o * N_PRODUCTS + PR_FENTANYL] = lab;
        }
        for (int pr = 0; pr < N_PRODUCTS; pr++)
            total[pr] += wt[pr];
    }
    for (int o = 0; o < n; o++)
        for (int pr = 0; pr < N_PRODUCTS; pr++)
            s->weight[o * N_PRODUCTS + pr] = total[pr] > 0 ? s->weight[o * N_PRODUCTS + pr] / total[pr] : 0;
}

int supply_init(World *w, Error *err)
{
    Supply *s = &w->supply;
    s->n_orgs = w->orgs.cap;
    const Geography *g = &w->sc->geo;
    for (int i = 0; i < g->n_plazas; i++) {
        s->n_poppy += g->plazas[i].poppy;
        s->n_cannabis += g->plazas[i].cannabis;
    }
    const size_t n = (size_t)(s->n_orgs ? s->n_orgs : 1) * N_PRODUCTS;
    s->org_g = calloc(n, sizeof(int64_t));
    s->org_origin = malloc(n * sizeof(int));
    s->weight = calloc(n, sizeof(double));
    s->scratch = calloc((size_t)(s->n_orgs ? s->n_orgs : 1) * 4, sizeof(int));
    if (!s->org_g || !s->org_origin || !s->weight || !s->scratch)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for supply");
    claims(w);
    return CS_OK;
}

void supply_step(World *w)
{
    const Params *p = &w->p;
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
    claims(w);
    for (int pr = 0; pr < N_PRODUCTS; pr++) {
        s->produced_g[pr] = 0;
        for (int o = 0; o < w->orgs.n; o++) {
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
    free(w->supply.scratch);
    memset(&w->supply, 0, sizeof w->supply);
}
