/* cartels.c: how organisations grow and hold territory (model.md 4.5; see cartels.h).
 *
 * Plaza by plaza, the controller recruits
 *     Poisson(rho x members x (1 - members / (saturation x residents)) x opportunity x means)
 * while it can pay (means: its income per member against the reference, finance_recruit_means) (Prieto-Curiel, Campedelli & Hope 2023, with the saturation per plaza), and the
 * state forces arrest and kill members there (mexico_incapacitate, mexico.c). Organisations crowded
 * in a plaza send a share of its members (expansion_share) into an uncontrolled neighbouring plaza;
 * the rate ramps up from expansion_crowding to saturation;
 * small organisations join a stronger non-enemy neighbour (absorption); large ones without supplier
 * links find new ones. Every plaza draws the same number of random numbers every week whoever holds
 * it, so that scenarios stay aligned (common random numbers). */
#include "cartels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

int cartels_init(World *w, Error *err)
{
    (void)err;
    memset(&w->cartels, 0, sizeof w->cartels);
    return CS_OK;
}

/* A crowded plaza spills into an uncontrolled neighbour (one uniform per plaza per week). */
static void expand(World *w, int k)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double u = rng_uniform(&w->rng, RNG_TERRITORY);
    const int o = c->owner[k];
    if (o < 0)
        return;
    const double cap = PV(p, P_ORG_SATURATION) * g->plazas[k].pop;
    const double crowd = (double)c->plaza_members[k] / cap;
    const double from = PV(p, P_ORG_EXPAND_CROWDING), ramp = (crowd - from) / (1 - from);
    if (crowd < from || u >= 1 - exp(-PV(p, P_ORG_EXPAND) * ramp / WEEKS_PER_YEAR))
        return;
    for (int e = g->out_start[k]; e < g->out_start[k + 1]; e++) {
        const int j = g->edges[e].to;
        if (j < g->n_plazas && c->owner[j] < 0) {
            const int64_t m = (int64_t)floor((double)c->plaza_members[k] * PV(p, P_ORG_EXPAND_SHARE));
            if (m < 1)
                return;
            orgs_set_plaza(c, j, o, m, MF_MOVED);
            orgs_add_members(c, k, -m, MF_MOVED);
            return;
        }
    }
}

/* Recruitment, and the state forces' arrests and killings, plaza by plaza (three uniforms per plaza
 * per week: recruits here, arrests and deaths in mexico_incapacitate). */
static void recruit(World *w)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rho = PV(p, P_ORG_RECRUIT) * (1 - PV(p, P_MX_OPP_EFFECT) * PV(p, P_MX_OPPORTUNITY)) * (1.0 / WEEKS_PER_YEAR);
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        const double m = (double)c->plaza_members[k];
        double mu_r = 0;
        if (o >= 0) {
            const double room = fmax(0.0, 1 - m / (PV(p, P_ORG_SATURATION) * g->plazas[k].pop));
            mu_r = w->finance.cash[o] > 0 ? rho * m * room * finance_recruit_means(w, o) : 0;
        }
        const long r = (long)rng_poisson_inv(&w->rng, RNG_MEMBERS, mu_r);
        const long lost = mexico_incapacitate(w, k);
        if (o < 0)
            continue;
        orgs_add_members(c, k, r, MF_RECRUITED);
        orgs_add_members(c, k, -lost, MF_FORCES);
        w->cartels.recruits += (double)r;
    }
}

/* Absorption: a small organisation joins its strongest non-enemy neighbour (one uniform per slot). */
static void absorb(World *w)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rate = 1 - exp(-PV(p, P_ORG_ABSORB) * (1.0 / WEEKS_PER_YEAR));
    for (int o = 0; o < c->n; o++) {
        const double u = rng_uniform(&w->rng, RNG_TERRITORY);
        const Org *x = &c->org[o];
        if (!x->alive || (double)x->members >= PV(p, P_ORG_ABSORB_SIZE) || u >= rate)
            continue;
        int best = -1;
        for (int k = 0; k < g->n_plazas; k++) {
            if (c->owner[k] != o)
                continue;
            for (int e = g->out_start[k]; e < g->out_start[k + 1]; e++) {
                const int j = g->edges[e].to, b = j < g->n_plazas ? c->owner[j] : -1;
                if (b >= 0 && b != o && !orgs_at_war(c, o, b) && c->org[b].members > x->members &&
                    (best < 0 || c->org[b].members > c->org[best].members))
                    best = b;
            }
        }
        if (best >= 0) {
            finance_merge(w, o, best);
            guns_merge(w, o, best);
            orgs_merge(w, o, best, w->tick);
        }
    }
}

/* Large organisations without a supplier link find one (two uniforms per slot). */
static void find_links(World *w)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double gain = 1 - exp(-PV(p, P_ORG_LINK_GAIN) * (1.0 / WEEKS_PER_YEAR));
    for (int o = 0; o < c->n; o++) {
        const double u1 = rng_uniform(&w->rng, RNG_TERRITORY), u2 = rng_uniform(&w->rng, RNG_TERRITORY);
        Org *x = &c->org[o];
        if (!x->alive || (double)x->members < PV(p, P_ORG_MAJOR))
            continue;
        int port = 0, pacific = 0;
        for (int k = 0; k < g->n_plazas; k++)
            if (c->owner[k] == o) {
                port |= g->plazas[k].seaport != SEA_NONE || g->plazas[k].crossing >= 0;
                pacific |= g->plazas[k].seaport == SEA_PACIFIC;
            }
        if (!x->cocaine_link && port && u1 < gain) {
            x->cocaine_link = 1;
            orgs_event(c, w->tick, EV_LINK_GAINED, o, -1, orgs_main_state(w, o), 0);
        }
        if (!x->precursor_link && pacific && u2 < gain) {
            x->precursor_link = 1;
            orgs_event(c, w->tick, EV_LINK_GAINED, o, -1, orgs_main_state(w, o), 1);
        }
    }
}

void cartels_step(World *w)
{
    w->cartels.recruits = 0;
    recruit(w);
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        expand(w, k);
    orgs_tally(w);
    absorb(w);
    find_links(w);
    orgs_tally(w);
}

void cartels_observe(const World *w, double *row)
{
    row[metrics_offset(&w->sc->layout, M_RECRUITS)] = w->cartels.recruits;
}

void cartels_free(World *w)
{
    memset(&w->cartels, 0, sizeof w->cartels);
}
