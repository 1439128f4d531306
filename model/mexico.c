/* mexico.c: Mexican state forces (see mexico.h).
 *
 * The national deployment (mexico.deployment.troops) is shared among states: a share `targeting` in
 * proportion to each state's recent organised-crime homicides, the rest in proportion to residents.
 * Local police strength P (1 = 2000) moves toward its target 1 + police_gain x institutions over
 * adjustment_time years and erodes where forces are deployed:
 *     dP/dt = (1 + g I - P) / T - erosion x (deployed per 100,000 / 100) x P. */
#include "mexico.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "metrics.h"
#include "sim.h"

int mexico_init(World *w, const Params *p, Rng *rng)
{
    (void)p;
    (void)rng;
    Mexico *m = &w->mexico;
    const Geography *g = &w->sc->geo;
    m->n_states = g->n_states;
    const size_t n = (size_t)g->n_states;
    m->pop = calloc(n, sizeof(double));
    m->troops = calloc(n, sizeof(double));
    m->per100k = calloc(n, sizeof(double));
    m->police = malloc(n * sizeof(double));
    m->hom_recent = calloc(n, sizeof(double));
    m->hom_week = calloc(n, sizeof(double));
    for (int s = 0; s < g->n_states; s++) {
        m->police[s] = 1.0;
        m->pop[s] = g->states[s].pop2000;
    }
    return CS_OK;
}

void mexico_step(World *w, const Params *p, Rng *rng, int tick)
{
    (void)rng;
    Mexico *m = &w->mexico;
    const Geography *g = &w->sc->geo;
    const double year = 2000.0 + ((double)dates_days_of_month((int)PV(p, P_SIM_START)) + 7.0 * tick) / 365.25;
    const double f = fmin(fmax((year - 2000.0) / 20.0, 0.0), 1.0);
    double pop = 0, hom = 0;
    double *last = m->hom_week;
    memset(last, 0, sizeof(double) * (size_t)g->n_states);
    for (int k = 0; k < g->n_plazas; k++)
        last[g->plazas[k].state] += w->cartels.plaza_homicides[k];
    for (int s = 0; s < g->n_states; s++) {
        m->hom_recent[s] += (last[s] - m->hom_recent[s]) / PV(p, P_MX_MEMORY);
        m->pop[s] = g->states[s].pop2000 + f * (g->states[s].pop2020 - g->states[s].pop2000);
        pop += m->pop[s];
        hom += m->hom_recent[s];
    }
    const double troops = PV(p, P_MX_TROOPS), target = hom > 0 ? PV(p, P_MX_TARGET) : 0;
    const double per_week = 1.0 / WEEKS_PER_YEAR, T = PV(p, P_MX_POLICE_TIME);
    const double goal = 1 + PV(p, P_MX_INST_POLICE) * PV(p, P_MX_INSTITUTIONS);
    for (int s = 0; s < g->n_states; s++) {
        const double share = target * (hom > 0 ? m->hom_recent[s] / hom : 0) + (1 - target) * m->pop[s] / pop;
        m->troops[s] = troops * share;
        m->per100k[s] = m->troops[s] / m->pop[s] * 1e5;
        m->police[s] += ((goal - m->police[s]) / T - PV(p, P_MX_EROSION) * m->per100k[s] / 100 * m->police[s]) * per_week;
        if (m->police[s] < 0.01)
            m->police[s] = 0.01;
    }
}

void mexico_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Mexico *m = &w->mexico;
    for (int s = 0; s < m->n_states && s < metrics_width(L, M_POLICE); s++) {
        row[metrics_offset(L, M_POLICE) + s] = m->police[s];
        row[metrics_offset(L, M_DEPLOYMENT) + s] = m->troops[s];
    }
}

void mexico_free(World *w)
{
    Mexico *m = &w->mexico;
    free(m->pop);
    free(m->troops);
    free(m->per100k);
    free(m->police);
    free(m->hom_recent);
    free(m->hom_week);
    memset(m, 0, sizeof *m);
}
