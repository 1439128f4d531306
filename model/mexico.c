/* mexico.c: Mexican state forces (see mexico.h).
 *
 * The national deployment (mexico.deployment.troops) is shared among states: a share `targeting` in
 * proportion to each state's recent organised-crime homicides, the rest in proportion to residents.
 * Local police strength P (1 = 2000) moves toward its target 1 + police_gain x institutions over
 * adjustment_time years and erodes where forces are deployed:
 *     dP/dt = (1 + g I - P) / T - erosion x (deployed per 100,000 / 100) x P.
 * Members in a plaza are arrested at cartels.arrest_rate x P + deployment.arrest_rate x (deployed
 * per 100,000 / 100) a year and killed in confrontations at deployment.kill_rate x (deployed per
 * 100,000 / 100); force_deaths members of the forces die per member killed. */
#include "mexico.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "world.h"

/* Police strength never falls below this share of its 2000 level (a floor that keeps the police a
 * presence however long the erosion lasts; no deployment in the record comes near it). */
#define POLICE_FLOOR 0.01

int mexico_init(World *w, Error *err)
{
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
    m->confront = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    if (!m->pop || !m->troops || !m->per100k || !m->police || !m->hom_recent || !m->hom_week || !m->confront)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the state forces");
    for (int s = 0; s < g->n_states; s++) {
        m->police[s] = 1.0;
        m->pop[s] = g->states[s].pop2000;
    }
    return CS_OK;
}

void mexico_step(World *w)
{
    const Params *p = &w->p;
    const int tick = w->tick;
    Mexico *m = &w->mexico;
    const Geography *g = &w->sc->geo;
    const double year = 2000.0 + ((double)dates_days_of_month((int)PV(p, P_SIM_START)) + 7.0 * tick) / 365.25;
    const double f = fmin(fmax((year - 2000.0) / 20.0, 0.0), 1.0);
    double pop = 0, hom = 0;
    double *last = m->hom_week;
    memset(last, 0, sizeof(double) * (size_t)g->n_states);
    for (int k = 0; k < g->n_plazas; k++)
        last[g->plazas[k].state] += w->conflict.plaza_homicides[k];
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
        if (m->police[s] < POLICE_FLOOR)
            m->police[s] = POLICE_FLOOR;
    }
    m->arrested = m->killed = m->confront_total = 0;
    memset(m->confront, 0, sizeof(double) * (size_t)g->n_plazas);
}

long mexico_incapacitate(World *w, int k)
{
    Mexico *m = &w->mexico;
    const Params *p = &w->p;
    const Orgs *c = &w->orgs;
    const int o = c->owner[k], s = w->sc->geo.plazas[k].state;
    const double members = (double)c->plaza_members[k], per_week = 1.0 / WEEKS_PER_YEAR;
    double mu_a = 0, mu_k = 0;
    if (o >= 0) {
        mu_a = members * (PV(p, P_ORG_ARREST) * m->police[s] + PV(p, P_MX_ARREST) * m->per100k[s] / 100) * per_week *
               uspolicy_member_factor(w, o); /* a terrorist designation's intelligence (uspolicy.c) */
        mu_k = members * PV(p, P_MX_KILL) * m->per100k[s] / 100 * per_week * guns_lethality(w, o);
    }
    long a = (long)rng_poisson_inv(&w->rng, RNG_MEMBERS, mu_a);
    long d = (long)rng_poisson_inv(&w->rng, RNG_MEMBERS, mu_k);
    if (o < 0)
        return 0;
    if (a > (long)members)
        a = (long)members;
    if (d > (long)members - a)
        d = (long)members - a;
    guns_seize(w, o, a + d); /* the guns of those arrested or killed are seized */
    m->arrested += (double)a;
    m->killed += (double)d;
    const double forces = d * PV(p, P_MX_FORCE_DEATHS);
    m->confront[k] = d + forces;
    m->confront_total += d + forces;
    return a + d;
}

void mexico_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Mexico *m = &w->mexico;
    for (int s = 0; s < m->n_states && s < metrics_width(L, M_POLICE); s++) {
        row[metrics_offset(L, M_POLICE) + s] = m->police[s];
        row[metrics_offset(L, M_DEPLOYMENT) + s] = m->troops[s];
    }
    row[metrics_offset(L, M_MEMBERS_ARRESTED)] = m->arrested;
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
    free(m->confront);
    memset(m, 0, sizeof *m);
}
