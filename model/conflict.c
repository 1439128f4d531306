/* conflict.c: wars, contests for plazas and homicides (model.md 4.6).
 *
 * Strength of an organisation's fighters: members x (guns per member)^arms_elasticity x cohesion.
 * An organisation's reach is the states where it holds plazas and their neighbours. Wars start (1)
 * after splits (leadership.c), and (2) when an unrelated rival weaker than itself holds plazas
 * within its reach: it attacks the weakest such rival at a weekly rate war_rate x min(strength ratio - 1, 3). Wars end at peace_rate x (1 + exhaustion x share of the
 * belligerents' members killed in the war), or when one side is gone.
 * Each side of a war raids each enemy plaza within its reach at attack_rate, from its largest plaza in
 * that state (or a neighbouring one): a Tullock contest between the engaged attackers (engaged_share
 * of that plaza's members) and the defenders, each weighted by guns per member and cohesion. Fighters killed:
 * Poisson(lethality x sqrt(engaged x defenders) x (mean guns per member)^arms_elasticity), shared
 * in proportion to the other side's strength. The plaza falls with probability takeover x the
 * attackers' share of strength (Tullock); then it changes hands: a
 * share loser_loss of its remaining defenders dies and the rest withdraw to their organisation's
 * largest plaza; the surviving attackers move in. Bystanders die at `collateral` per fighter.
 * Controllers execute at execution_rate per member (more for members on extortion and kidnapping,
 * more at war: execution_war, and after a leader's removal: leadership.instability_violence),
 * and homicides unrelated to organised crime occur at background_rate per 100,000 residents.
 * Random numbers: one uniform per organisation slot (war start), per war (peace) and per plaza
 * (executions) each week, one per enemy plaza within reach of each side of each war, and two more
 * per attack (outcome, deaths). */
#include "conflict.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static double strength(const Org *x, double members, double alpha)
{
    const double gpm = x->members > 0 ? (double)x->arms / (double)x->members : 0;
    return members * pow(fmax(gpm, 0.01), alpha) * fmax(x->cohesion, 0.05);
}

/* The plaza of organisation o with most members (other than `not`), or -1. */
static int largest_plaza(const World *w, int o, int not)
{
    const Cartels *c = &w->cartels;
    int best = -1;
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        if (k != not && c->owner[k] == o && (best < 0 || c->plaza_members[k] > c->plaza_members[best]))
            best = k;
    return best;
}

static void attack(World *w, const Params *p, Rng *rng, int from, int to, double u_win)
{
    Cartels *c = &w->cartels;
    const int a = c->owner[from], b = c->owner[to];
    Org *A = &c->org[a], *B = &c->org[b];
    const double alpha = PV(p, P_CON_ARMS_ELAST);
    const int64_t engaged = (int64_t)floor((double)c->plaza_members[from] * PV(p, P_CON_ENGAGED));
    const int64_t defenders = c->plaza_members[to];
    if (engaged < 1 || defenders < 1)
        return;
    const double sa = strength(A, (double)engaged, alpha), sb = strength(B, (double)defenders, alpha);
    const double gpm = 0.5 * ((A->members ? (double)A->arms / (double)A->members : 0) +
                              (B->members ? (double)B->arms / (double)B->members : 0));
    const double mu = PV(p, P_CON_LETHALITY) * sqrt((double)engaged * (double)defenders) * pow(fmax(gpm, 0.01), alpha);
    const int64_t deaths = (int64_t)rng_poisson_inv(rng, RNG_CONFLICT, mu);
    int64_t da = (int64_t)llround((double)deaths * sb / (sa + sb)), db = deaths - da;
    if (da > engaged)
        da = engaged;
    if (db > defenders)
        db = defenders;
    c->attacks++;
    c->plaza_members[from] -= da;
    c->plaza_members[to] -= db;
    double killed = (double)(da + db);
    if (u_win < PV(p, P_CON_TAKEOVER) * sa / (sa + sb)) { /* the plaza falls */
        int64_t left = c->plaza_members[to];
        const int64_t fallen = (int64_t)floor((double)left * PV(p, P_CON_LOSER_LOSS));
        left -= fallen;
        killed += (double)fallen;
        const int retreat = largest_plaza(w, b, to);
        if (retreat >= 0)
            c->plaza_members[retreat] += left;
        const int64_t movers = engaged - da;
        c->owner[to] = a;
        c->plazas_taken++;
        c->plaza_members[to] = movers;
        c->plaza_members[from] -= movers; /* engaged < members there: a garrison always stays */
    }
    const double bystanders = killed * PV(p, P_CON_COLLATERAL);
    c->homicides[HOM_INTERCARTEL] += killed;
    c->homicides[HOM_COLLATERAL] += bystanders;
    c->plaza_homicides[to] += killed + bystanders;
    c->killed_conflict += killed;
    for (int i = 0; i < c->n_wars; i++)
        if ((c->wars[i].a == a && c->wars[i].b == b) || (c->wars[i].a == b && c->wars[i].b == a))
            c->wars[i].deaths += killed;
}

/* reach[o]: bit mask of the states where organisation o holds plazas and their neighbours;
 * base[o * n_states + s]: o's plaza with most members in state s, or -1. */
static void presence(const World *w, uint64_t *reach, int *base)
{
    const Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    const int ns = g->n_states;
    for (int i = 0; i < c->n * ns; i++)
        base[i] = -1;
    for (int o = 0; o < c->n; o++)
        reach[o] = 0;
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k], s = g->plazas[k].state;
        if (o < 0)
            continue;
        int *b = &base[o * ns + s];
        if (*b < 0 || c->plaza_members[k] > c->plaza_members[*b])
            *b = k;
    }
    for (int o = 0; o < c->n; o++)
        for (int s = 0; s < ns; s++)
            if (base[o * ns + s] >= 0) {
                reach[o] |= 1ull << s;
                for (int j = 0; j < g->states[s].n_nb; j++)
                    reach[o] |= 1ull << g->states[s].nb[j];
            }
}

/* Where o attacks a plaza in state s from: its largest plaza in s, else in a neighbouring state. */
static int attack_base(const World *w, const int *base, int o, int s)
{
    const Geography *g = &w->sc->geo;
    const Cartels *c = &w->cartels;
    int best = base[o * g->n_states + s];
    for (int j = 0; j < g->states[s].n_nb && best < 0; j++) {
        const int k = base[o * g->n_states + g->states[s].nb[j]];
        if (k >= 0 && (best < 0 || c->plaza_members[k] > c->plaza_members[best]))
            best = k;
    }
    return best;
}

void conflict_step(World *w, const Params *p, Rng *rng, int tick)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    const double per_week = 1.0 / WEEKS_PER_YEAR, alpha = PV(p, P_CON_ARMS_ELAST);
    const int ns = g->n_states;
    const size_t slots = (size_t)(c->n > 0 ? c->n : 1);
    uint64_t *reach = malloc(sizeof(uint64_t) * slots);
    int *base = malloc(sizeof(int) * slots * (size_t)ns);
    presence(w, reach, base);
    /* Opportunistic wars: each organisation's weakest rival of another lineage within reach. */
    int *target = malloc(sizeof(int) * slots);
    double *ratio = calloc(slots, sizeof(double));
    for (int o = 0; o < c->n; o++)
        target[o] = -1;
    for (int k = 0; k < g->n_plazas; k++) {
        const int b = c->owner[k];
        if (b < 0)
            continue;
        const double sb = strength(&c->org[b], (double)c->org[b].members, alpha);
        for (int a = 0; a < c->n; a++) {
            if (!c->org[a].alive || a == b || !(reach[a] >> g->plazas[k].state & 1) ||
                cartels_related(c, a, b) || cartels_at_war(c, a, b))
                continue;
            const double r = strength(&c->org[a], (double)c->org[a].members, alpha) / sb;
            if (r > ratio[a]) {
                ratio[a] = r;
                target[a] = b;
            }
        }
    }
    const int n = c->n;
    for (int o = 0; o < n; o++) {
        const double u = rng_uniform(rng, RNG_CONFLICT);
        if (!c->org[o].alive || target[o] < 0 || ratio[o] <= 1)
            continue;
        const double rate = PV(p, P_CON_WAR_RATE) * fmin(ratio[o] - 1, 3);
        if (u < 1 - exp(-rate * per_week))
            cartels_war_start(c, tick, o, target[o]);
    }
    free(target);
    free(ratio);
    /* Attacks: each side of a war raids the other's plazas within its reach, from its nearest base. */
    const double p_attack = 1 - exp(-PV(p, P_CON_ATTACK) * per_week);
    for (int i = 0; i < c->n_wars; i++)
        for (int side = 0; side < 2; side++) {
            const int a = side ? c->wars[i].b : c->wars[i].a, b = side ? c->wars[i].a : c->wars[i].b;
            for (int k = 0; k < g->n_plazas; k++) {
                if (c->owner[k] != b || !(reach[a] >> g->plazas[k].state & 1))
                    continue;
                if (rng_uniform(rng, RNG_CONFLICT) >= p_attack)
                    continue;
                const int from = attack_base(w, base, a, g->plazas[k].state);
                if (from >= 0 && c->owner[from] == a)
                    attack(w, p, rng, from, k, rng_uniform(rng, RNG_CONFLICT));
            }
        }
    free(reach);
    free(base);
    /* Peace. */
    for (int i = c->n_wars - 1; i >= 0; i--) {
        const double u = rng_uniform(rng, RNG_CONFLICT);
        const War *wr = &c->wars[i];
        const double size = (double)(c->org[wr->a].members + c->org[wr->b].members) + wr->deaths;
        const double rate = PV(p, P_CON_PEACE_RATE) * (1 + PV(p, P_CON_EXHAUST) * wr->deaths / fmax(size, 1));
        if (u < 1 - exp(-rate * per_week))
            cartels_war_end(c, i, tick, 1);
    }
    /* Executions by controllers; homicides by state with the background. */
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        double mu = 0;
        if (o >= 0) {
            const Org *x = &c->org[o];
            const double local = x->share[ACT_EXTORTION] + x->share[ACT_KIDNAPPING];
            mu = PV(p, P_CON_EXEC) * (double)c->plaza_members[k] * (1 + PV(p, P_CON_EXEC_LOCAL) * local) *
                 (1 + PV(p, P_CON_EXEC_WAR) * (x->n_enemies > 0)) * (1 + PV(p, P_LDR_INSTABILITY) * x->instability) *
                 per_week;
        }
        const double ex = (double)rng_poisson_inv(rng, RNG_CONFLICT, mu);
        c->homicides[HOM_EXECUTION] += ex;
        c->plaza_homicides[k] += ex;
    }
    const Mexico *mx = &w->mexico;
    for (int s = 0; s < g->n_states; s++) {
        c->state_homicides[s] = mx->pop[s] * PV(p, P_CON_BACKGROUND) / 1e5 * per_week;
        c->homicides[HOM_OTHER] += c->state_homicides[s];
    }
    for (int k = 0; k < g->n_plazas; k++)
        c->state_homicides[g->plazas[k].state] += c->plaza_homicides[k];
    cartels_tally(w, p, tick);
}
