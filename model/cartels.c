/* cartels.c: how organisations grow and hold territory (model.md 4.5; see cartels.h).
 *
 * Plaza by plaza, the controller recruits
 *     Poisson(rho x members x (1 - members / (saturation x residents)) x opportunity x means)
 * while it can pay (means: its income per member against the reference, finance_recruit_means) (Prieto-Curiel, Campedelli & Hope 2023, with the saturation per plaza), and the
 * state forces arrest and kill members there (mexico_incapacitate, mexico.c). Organisations crowded
 * in a plaza send a share of its members (expansion_share) into an uncontrolled neighbouring plaza;
 * the rate ramps up from expansion_crowding to saturation; traffickers with cash in hand send cells to
 * states where they hold nothing (outreach);
 * small organisations join a stronger non-enemy neighbour (absorption); groups without a supplier
 * link are adopted by the fastest-growing linked organisation within reach (adoption); large ones
 * without supplier links find new ones. Every plaza draws the same number of random numbers every week whoever holds
 * it, so that scenarios stay aligned (common random numbers). */
#include "cartels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

int cartels_init(World *w, Error *err)
{
    Cartels *t = &w->cartels;
    const Geography *g = &w->sc->geo;
    memset(t, 0, sizeof *t);
    t->prize = calloc((size_t)(g->n_states > 0 ? g->n_states : 1), sizeof *t->prize);
    t->value = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof *t->value);
    t->trend = calloc((size_t)(w->orgs.cap > 0 ? w->orgs.cap : 1), sizeof *t->trend);
    t->reach = calloc((size_t)(g->n_states > 0 ? g->n_states : 1), sizeof *t->reach);
    t->means = calloc((size_t)(w->orgs.cap > 0 ? w->orgs.cap : 1), sizeof *t->means);
    if (!t->prize || !t->value || !t->trend || !t->reach || !t->means)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' territory");
    return CS_OK;
}

/* The prize of state s: its uncontrolled plaza of largest local value (lowest index on ties). */
static void find_prize(World *w, int s)
{
    const Geography *g = &w->sc->geo;
    Cartels *t = &w->cartels;
    t->prize[s] = -1;
    for (int k = 0; k < g->n_plazas; k++)
        if (g->plazas[k].state == s && w->orgs.owner[k] < 0 && t->value[k] > 0 &&
            (t->prize[s] < 0 || t->value[k] > t->value[t->prize[s]]))
            t->prize[s] = k;
}

/* The most valuable uncontrolled plaza in the state of plaza k or a neighbouring state, -1 if none. */
static int best_prize(const World *w, int k)
{
    const Geography *g = &w->sc->geo;
    const Cartels *t = &w->cartels;
    const GeoState *S = &g->states[g->plazas[k].state];
    int best = t->prize[g->plazas[k].state];
    for (int j = 0; j < S->n_nb; j++) {
        const int q = t->prize[S->nb[j]];
        if (q >= 0 && (best < 0 || t->value[q] > t->value[best]))
            best = q;
    }
    return best;
}

/* Occupation of uncontrolled plazas (one uniform per plaza per week). A crowded plaza spills into an
 * uncontrolled neighbour on the route network (expansion_rate, ramping up from expansion_crowding);
 * and any plaza sends a cell to the most valuable uncontrolled plaza of its own or a neighbouring
 * state at entry.rate x V / (V + entry.half_value), V its local takings (diversification.c), while
 * its organisation can pay (finance_recruit_means): groups go where extortion, fuel and orchards pay.
 * The cell is expansion_share of the plaza's members, at least one. */
static void expand(World *w, int k)
{
    Orgs *c = &w->orgs;
    Cartels *t = &w->cartels;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double u = rng_uniform(&w->rng, RNG_TERRITORY);
    const int o = c->owner[k];
    if (o < 0 || c->plaza_members[k] < 1)
        return;
    const double cap = PV(p, P_ORG_SATURATION) * g->plazas[k].pop;
    const double crowd = (double)c->plaza_members[k] / cap;
    const double from = PV(p, P_ORG_EXPAND_CROWDING), ramp = (crowd - from) / (1 - from);
    const double spill = crowd < from ? 0 : PV(p, P_ORG_EXPAND) * ramp;
    const int prize = PV(p, P_ORG_ENTRY) > 0 ? best_prize(w, k) : -1;
    const double V = prize >= 0 ? t->value[prize] : 0;
    const double entry = V > 0 && w->finance.cash[o] > 0
                             ? PV(p, P_ORG_ENTRY) * V / (V + PV(p, P_ORG_ENTRY_HALF)) * t->means[o]
                             : 0;
    if (spill + entry <= 0 || u >= 1 - exp(-(spill + entry) / WEEKS_PER_YEAR))
        return;
    int j = -1;
    if (u < 1 - exp(-spill / WEEKS_PER_YEAR)) /* the spill's share of the hazard: a route neighbour */
        for (int e = g->out_start[k]; e < g->out_start[k + 1] && j < 0; e++)
            if (g->edges[e].to < g->n_plazas && c->owner[g->edges[e].to] < 0)
                j = g->edges[e].to;
    if (j < 0)
        j = prize;
    if (j < 0)
        return;
    const int64_t m = (int64_t)fmax(1.0, floor((double)c->plaza_members[k] * PV(p, P_ORG_EXPAND_SHARE)));
    orgs_set_plaza(c, j, o, m, MF_MOVED);
    orgs_add_members(c, k, -m, MF_MOVED);
    t->entries += j == prize;
    if (t->prize[g->plazas[j].state] == j) /* the state's prize is taken (by either way): the next one */
        find_prize(w, g->plazas[j].state);
}

/* Outreach: cells sent far from home, paid from cash. An organisation with a supplier link (a
 * trafficker that needs routes and markets in more states) sends, at
 *     outreach.rate x R / (R + outreach.reserve_half),   R = cash / (members x wage a year),
 * a cell of cartels.cell_members from its largest plaza (which keeps at least as many) to the plaza
 * of a state where it holds none of largest worth x chance of holding it (conflict_outreach_target:
 * an uncontrolled plaza is held for sure; a held one is assaulted, conflict_assault, and falls with
 * outreach.assault x the cell's share of strength against its garrison). The cash reserve, not
 * income per member, drives it: new organisations pile up cash for a few thousand members. Three
 * uniforms per organisation slot and week on its own stream (the decision, the assault's outcome and
 * its deaths), so the other streams are the same whatever the rate. The rate is fitted to the
 * presence of the largest organisations in 2008 and 2011 (model.md 3.8, 3.13). */
static void outreach(World *w)
{
    Orgs *c = &w->orgs;
    Cartels *t = &w->cartels;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rate = PV(p, P_ORG_OUTREACH), half = PV(p, P_ORG_OUTREACH_HALF);
    const double assault = PV(p, P_ORG_OUTREACH_ASSAULT);
    const int64_t cell = (int64_t)ceil(PV(p, P_ORG_CELL));
    for (int o = 0; o < c->n; o++) {
        const double u = rng_uniform(&w->rng, RNG_OUTREACH);
        const double u_win = rng_uniform(&w->rng, RNG_OUTREACH), u_deaths = rng_uniform(&w->rng, RNG_OUTREACH);
        const Org *x = &c->org[o];
        if (!x->alive || (!x->cocaine_link && !x->precursor_link) || x->members <= 0 || w->finance.cash[o] <= 0)
            continue;
        const double cash = (double)w->finance.cash[o], bill = (double)x->members * PV(p, P_ORG_WAGE);
        if (u >= 1 - exp(-rate * cash / (cash + half * bill) * (1.0 / WEEKS_PER_YEAR))) /* R / (R + half) */
            continue;
        memset(t->reach, 0, sizeof *t->reach * (size_t)g->n_states);
        int from = -1;
        for (int k = 0; k < g->n_plazas; k++)
            if (c->owner[k] == o) {
                t->reach[g->plazas[k].state] = 1;
                if (from < 0 || c->plaza_members[k] > c->plaza_members[from])
                    from = k;
            }
        if (from < 0 || c->plaza_members[from] < 2 * cell)
            continue;
        const int to = conflict_outreach_target(w, o, cell, t->reach, assault);
        if (to < 0)
            continue;
        t->outreach += 1;
        if (c->owner[to] >= 0) {
            t->assaults += 1;
            conflict_assault(w, from, to, cell, assault, u_win, u_deaths);
            continue;
        }
        orgs_set_plaza(c, to, o, cell, MF_MOVED);
        orgs_add_members(c, from, -cell, MF_MOVED);
        if (t->prize[g->plazas[to].state] == to)
            find_prize(w, g->plazas[to].state);
    }
}

/* Recruitment, and the state forces' arrests and killings, plaza by plaza (three uniforms per plaza
 * per week: recruits here, arrests and deaths in mexico_incapacitate). With cartels.hire_share > 0
 * (a lever, off in the baseline) a plaza's recruitment grows from the members its takings can pay. */
static void recruit(World *w)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rho = PV(p, P_ORG_RECRUIT) * (1 - PV(p, P_MX_OPP_EFFECT) * PV(p, P_MX_OPPORTUNITY)) * (1.0 / WEEKS_PER_YEAR);
    const double wage = PV(p, P_ORG_WAGE);
    const double hire = wage > 0 ? PV(p, P_ORG_HIRE) / wage : 0; /* members paid per US$ a year of takings */
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        const double m = (double)c->plaza_members[k];
        double mu_r = 0;
        if (o >= 0) {
            const double room = fmax(0.0, 1 - m / (PV(p, P_ORG_SATURATION) * g->plazas[k].pop));
            /* recruitment grows from the members there, or from as many as hire_share of the plaza's
             * takings (last week's value, a year) would pay, whichever is larger */
            const double base = hire > 0 ? fmax(m, hire * w->cartels.value[k]) : m;
            mu_r = w->finance.cash[o] > 0 ? rho * base * room * w->cartels.means[o] : 0;
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

/* Adoption of orphaned groups (Jones 2018: the CJNG "adopting orphan" cells left by the kingpin
 * strategy; DEA: its expansion through alliances with local groups; Christia 2012: fragments
 * bandwagon with the side that is rising). A group without a supplier link, a patron or
 * cartels.major_size members is adopted, at cartels.adoption.rate, by the organisation of another
 * lineage with a supplier link, at least cartels.major_size members and no patron of its own, present
 * in the group's main state or a neighbouring one and not at war with it, that grows fastest: largest
 * members / trend, the trend being the exponential mean of its members over cartels.adoption.memory
 * (ties: more members, then the lower slot). The group keeps its name, plazas, members and books and
 * becomes the patron's ally (orgs_related); it counts toward the patron's presence
 * (widest_new_organisation, orgs.c). One uniform per slot per week on its own stream, so that the
 * other streams are the same whatever the rate. */
static void adopt(World *w)
{
    Orgs *c = &w->orgs;
    Cartels *t = &w->cartels;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rate = 1 - exp(-PV(p, P_ORG_ADOPT) * (1.0 / WEEKS_PER_YEAR));
    const double major = PV(p, P_ORG_MAJOR);
    for (int o = 0; o < c->n; o++) {
        const double u = rng_uniform(&w->rng, RNG_ADOPTION);
        const Org *x = &c->org[o];
        if (!x->alive || x->patron >= 0 || x->cocaine_link || x->precursor_link || (double)x->members >= major ||
            u >= rate)
            continue;
        const int s = orgs_main_state(w, o);
        memset(t->reach, 0, sizeof *t->reach * (size_t)g->n_states);
        t->reach[s] = 1;
        for (int j = 0; j < g->states[s].n_nb; j++)
            t->reach[g->states[s].nb[j]] = 1;
        int best = -1;
        double best_rise = 0;
        for (int k = 0; k < g->n_plazas; k++) {
            const int b = c->owner[k];
            if (b < 0 || b == o || !t->reach[g->plazas[k].state])
                continue;
            const Org *y = &c->org[b];
            if ((!y->cocaine_link && !y->precursor_link) || (double)y->members < major || y->patron >= 0 ||
                t->trend[b] <= 0 || orgs_related(c, o, b) || orgs_at_war(c, o, b))
                continue;
            const double rise = (double)y->members / t->trend[b];
            if (best < 0 || rise > best_rise || (rise == best_rise && y->members > c->org[best].members) ||
                (rise == best_rise && y->members == c->org[best].members && b < best)) {
                best = b;
                best_rise = rise;
            }
        }
        if (best >= 0) {
            orgs_set_patron(c, o, best);
            orgs_event(c, w->tick, EV_ADOPTION, o, best, s, (double)x->members);
            t->adoptions++;
        }
    }
}

/* Each organisation's trend: the exponential mean of its members over cartels.adoption.memory (a
 * newborn's starts at its members). */
static void update_trend(World *w)
{
    const Orgs *c = &w->orgs;
    const double a = 1 - exp(-1.0 / (PV(&w->p, P_ORG_ADOPT_MEMORY) * WEEKS_PER_YEAR));
    for (int o = 0; o < c->n; o++) {
        double *m = &w->cartels.trend[o];
        if (!c->org[o].alive)
            *m = 0;
        else if (*m <= 0)
            *m = (double)c->org[o].members;
        else
            *m += a * ((double)c->org[o].members - *m);
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
    Cartels *t = &w->cartels;
    const Geography *g = &w->sc->geo;
    t->recruits = t->entries = t->adoptions = t->outreach = t->assaults = 0;
    /* an organisation's means (income per member) stay the same through recruitment and entry: the
     * members of its record change only at the tally, its income in finance.c */
    for (int o = 0; o < w->orgs.n; o++)
        t->means[o] = w->orgs.org[o].alive ? finance_recruit_means(w, o) : 0;
    recruit(w);
    for (int k = 0; k < g->n_plazas; k++) {
        t->value[k] = diversification_plaza_value(w, k);
        conflict_note_value(&w->conflict, k, t->value[k]); /* the local part of what rivals think it worth */
    }
    for (int s = 0; s < g->n_states; s++)
        find_prize(w, s);
    for (int k = 0; k < g->n_plazas; k++)
        expand(w, k);
    if (PV(&w->p, P_ORG_OUTREACH) > 0)
        outreach(w);
    orgs_tally(w);
    if (PV(&w->p, P_ORG_ADOPT) > 0)
        adopt(w);
    absorb(w);
    find_links(w);
    orgs_tally(w);
    update_trend(w);
}

void cartels_observe(const World *w, double *row)
{
    row[metrics_offset(&w->sc->layout, M_RECRUITS)] = w->cartels.recruits;
    row[metrics_offset(&w->sc->layout, M_PLAZA_ENTRIES)] = w->cartels.entries;
    row[metrics_offset(&w->sc->layout, M_ADOPTIONS)] = w->cartels.adoptions;
    row[metrics_offset(&w->sc->layout, M_OUTREACH)] = w->cartels.outreach;
    row[metrics_offset(&w->sc->layout, M_OUTREACH_ASSAULTS)] = w->cartels.assaults;
}

void cartels_free(World *w)
{
    free(w->cartels.prize);
    free(w->cartels.value);
    free(w->cartels.trend);
    free(w->cartels.reach);
    free(w->cartels.means);
    memset(&w->cartels, 0, sizeof w->cartels);
}
