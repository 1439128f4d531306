/* cartels.c: organisations and territory (model.md 4.5; see cartels.h).
 *
 * Each week, for every organisation: last week's income (trafficking credited by trafficking.c,
 * local activities by diversification.c) pays wages, bribes and guns; what cash cannot pay makes
 * members desert; cash beyond that leaves the books at cartels.cash_outflow (laundered, invested,
 * spent). Then, plaza by plaza, the controller recruits
 *     Poisson(rho x members x (1 - members / (saturation x residents)) x opportunity)
 * (Prieto-Curiel, Campedelli & Hope 2023, with the saturation per plaza) and loses members to arrests
 * by local police and federal forces and to deaths in confrontations with the forces there.
 * Organisations crowded in a plaza send a share of its members (expansion_share) into an
 * uncontrolled neighbouring plaza; small organisations
 * join a stronger non-enemy neighbour (absorption); large ones without supplier links find new
 * ones. Every plaza draws the same number of random numbers every week whoever holds it, so that
 * scenarios stay aligned (common random numbers). */
#include "cartels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leadership.h"
#include "metrics.h"
#include "sim.h"

const char *const activity_names[N_ACTIVITIES] = {"trafficking", "synthetics", "retail", "extortion", "kidnapping",
                                                  "agri_rents", "fuel_theft", "migrant_smuggling"};
const char *const homicide_type_names[N_HOMICIDE_TYPES] = {"intercartel", "execution", "state_confrontation",
                                                           "collateral", "other"};
const char *const event_kind_names[N_EVENT_KINDS] = {"birth",   "death",    "split",      "merger",
                                                     "succession", "arrest", "extradition", "killing",
                                                     "war",     "peace",    "link_lost",  "link_gained"};

void cartels_event(Cartels *c, int tick, EventKind kind, int org, int other, int state, double value)
{
    if (c->n_events == c->cap_events) {
        c->cap_events = c->cap_events ? 2 * c->cap_events : 256;
        c->events = realloc(c->events, sizeof(OrgEvent) * (size_t)c->cap_events);
    }
    c->events[c->n_events++] = (OrgEvent){tick, (int)kind, org, other, state, value};
}

int cartels_at_war(const Cartels *c, int a, int b)
{
    if (a < 0 || b < 0 || a == b)
        return 0;
    const Org *o = &c->org[a];
    for (int i = 0; i < o->n_enemies; i++)
        if (o->enemy[i] == b)
            return 1;
    return 0;
}

int cartels_related(const Cartels *c, int a, int b)
{
    if (a == b)
        return 1;
    if (a < 0 || b < 0)
        return 0;
    const Org *A = &c->org[a], *B = &c->org[b];
    return A->lineage == B->lineage || A->parent == b || B->parent == a;
}

int cartels_allied(const Cartels *c, int a, int b)
{
    return a == b || (cartels_related(c, a, b) && !cartels_at_war(c, a, b));
}

void cartels_war_start(Cartels *c, int tick, int a, int b)
{
    Org *A = &c->org[a], *B = &c->org[b];
    if (a == b || cartels_at_war(c, a, b) || A->n_enemies == MAX_ENEMIES || B->n_enemies == MAX_ENEMIES)
        return;
    A->enemy[A->n_enemies++] = b;
    B->enemy[B->n_enemies++] = a;
    if (c->n_wars == c->cap_wars) {
        c->cap_wars = c->cap_wars ? 2 * c->cap_wars : 64;
        c->wars = realloc(c->wars, sizeof(War) * (size_t)c->cap_wars);
    }
    c->wars[c->n_wars++] = (War){a, b, 0.0};
    c->wars_started++;
    cartels_event(c, tick, EV_WAR, a, b, -1, 0);
}

static void drop_enemy(Org *o, int e)
{
    for (int i = 0; i < o->n_enemies; i++)
        if (o->enemy[i] == e) {
            o->enemy[i] = o->enemy[--o->n_enemies];
            return;
        }
}

void cartels_war_end(Cartels *c, int i, int tick, int log)
{
    War *wr = &c->wars[i];
    drop_enemy(&c->org[wr->a], wr->b);
    drop_enemy(&c->org[wr->b], wr->a);
    if (log)
        cartels_event(c, tick, EV_PEACE, wr->a, wr->b, -1, wr->deaths);
    c->wars[i] = c->wars[--c->n_wars];
}

Org *cartels_new_org(Cartels *c, int parent, int tick)
{
    if (c->n == c->cap)
        return NULL;
    const int o = c->n++;
    Org *x = &c->org[o];
    memset(x, 0, sizeof *x);
    const Org *P = &c->org[parent];
    int k = 1;
    for (int i = 0; i < c->n - 1; i++) /* splinters are named after the parent: sinaloa.1, sinaloa.1.2, ... */
        if (c->org[i].parent == parent)
            k++;
    snprintf(x->id, sizeof x->id, "%.36s.%d", P->id, k);
    x->alive = 1;
    x->parent = parent;
    x->lineage = P->lineage;
    x->home_state = P->home_state;
    x->born = tick;
    x->died = -1;
    x->main_plaza = -1;
    memcpy(x->share, P->share, sizeof x->share);
    return x;
}

int cartels_main_state(const World *w, int o)
{
    const Org *x = &w->cartels.org[o];
    return x->main_plaza >= 0 ? w->sc->geo.plazas[x->main_plaza].state : x->home_state;
}

static void org_dies(World *w, int o, int tick)
{
    Cartels *c = &w->cartels;
    Org *x = &c->org[o];
    x->alive = 0;
    x->died = tick;
    for (int i = c->n_wars - 1; i >= 0; i--)
        if (c->wars[i].a == o || c->wars[i].b == o)
            cartels_war_end(c, i, tick, 0);
    cartels_event(c, tick, EV_DEATH, o, -1, x->home_state, (double)x->members);
}

void cartels_tally(World *w, const Params *p, int tick)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    for (int o = 0; o < c->n; o++) {
        c->org[o].members = 0;
        c->org[o].n_plazas = 0;
        c->org[o].main_plaza = -1;
    }
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        if (o < 0)
            continue;
        if (c->plaza_members[k] <= 0) { /* an empty plaza is given up */
            c->plaza_members[k] = 0;
            c->owner[k] = -1;
            continue;
        }
        Org *x = &c->org[o];
        x->members += c->plaza_members[k];
        x->n_plazas++;
        if (x->main_plaza < 0 || c->plaza_members[k] > c->plaza_members[x->main_plaza])
            x->main_plaza = k;
    }
    const double min_members = PV(p, P_ORG_MIN);
    for (int o = 0; o < c->n; o++) {
        Org *x = &c->org[o];
        if (!x->alive)
            continue;
        if (x->n_plazas == 0 || (double)x->members < min_members) {
            for (int k = 0; k < g->n_plazas; k++) /* the remnant disperses */
                if (c->owner[k] == o) {
                    c->owner[k] = -1;
                    c->plaza_members[k] = 0;
                }
            org_dies(w, o, tick);
            x->members = 0;
            x->n_plazas = 0;
            continue;
        }
        if ((double)x->members > x->members_peak)
            x->members_peak = (double)x->members;
    }
}

void cartels_merge(World *w, int from, int into, int tick)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    Org *F = &c->org[from], *I = &c->org[into];
    int64_t moved = 0;
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == from) {
            c->owner[k] = into;
            moved += c->plaza_members[k];
        }
    I->cash += F->cash;
    I->arms += F->arms;
    F->cash = 0;
    F->arms = 0;
    I->cocaine_link |= F->cocaine_link;
    I->precursor_link |= F->precursor_link;
    if (F->main_plaza >= 0 && (I->main_plaza < 0 || c->plaza_members[F->main_plaza] > c->plaza_members[I->main_plaza]))
        I->main_plaza = F->main_plaza;
    cartels_event(c, tick, EV_MERGER, from, into, cartels_main_state(w, into), (double)moved);
    c->mergers++;
    F->alive = 0;
    F->died = tick;
    for (int i = c->n_wars - 1; i >= 0; i--)
        if (c->wars[i].a == from || c->wars[i].b == from)
            cartels_war_end(c, i, tick, 0);
}

/* Split n members over plazas in proportion to their residents (largest remainders). */
static void spread_members(World *w, const int *plazas, int n, int64_t members)
{
    const Geography *g = &w->sc->geo;
    double total = 0;
    for (int i = 0; i < n; i++)
        total += g->plazas[plazas[i]].pop;
    int64_t given = 0;
    for (int i = 0; i < n; i++) {
        const int64_t m = (int64_t)floor((double)members * g->plazas[plazas[i]].pop / total);
        w->cartels.plaza_members[plazas[i]] = m;
        given += m;
    }
    for (int i = 0; given < members; i = (i + 1) % n, given++)
        w->cartels.plaza_members[plazas[i]]++;
}

int cartels_init(World *w, const Params *p, Rng *rng)
{
    (void)rng;
    const Geography *g = &w->sc->geo;
    Cartels *c = &w->cartels;
    memset(c, 0, sizeof *c);
    c->cap = (int)PV(p, P_ORG_CAPACITY);
    if (c->cap < g->n_orgs)
        c->cap = g->n_orgs;
    c->org = calloc((size_t)c->cap, sizeof(Org));
    c->owner = malloc(sizeof(int) * (size_t)g->n_plazas);
    c->plaza_members = calloc((size_t)g->n_plazas, sizeof(int64_t));
    c->plaza_homicides = calloc((size_t)g->n_plazas, sizeof(double));
    c->state_homicides = calloc((size_t)g->n_states, sizeof(double));
    int *held = malloc(sizeof(int) * (size_t)g->n_plazas);
    for (int i = 0; i < g->n_plazas; i++)
        c->owner[i] = -1;
    c->n = g->n_orgs;
    for (int o = 0; o < g->n_orgs; o++) {
        const GeoOrg *G = &g->orgs[o];
        Org *x = &c->org[o];
        snprintf(x->id, sizeof x->id, "%s", G->id);
        x->alive = 1;
        x->parent = G->parent;
        x->lineage = o; /* each organisation of 2000 founds a lineage; allies are its parent and children */
        x->home_state = G->home_state;
        x->died = -1;
        x->cash = (int64_t)llround(G->cash);
        x->cocaine_link = x->cocaine_link_start = G->cocaine_link;
        x->precursor_link = x->precursor_link_start = G->precursor_link;
        x->cohesion = PV(p, P_ORG_COHESION0);
        x->share[x->cocaine_link || !x->precursor_link ? ACT_TRAFFIC : ACT_SYNTHETIC] = 0.8;
        x->share[ACT_RETAIL] = 0.1;
        x->share[ACT_EXTORTION] = 0.1;
        int n = 0; /* first organisation listing a plaza holds it */
        for (int k = 0; k < G->n_plazas; k++)
            if (c->owner[G->plazas[k]] < 0) {
                c->owner[G->plazas[k]] = o;
                held[n++] = G->plazas[k];
            }
        if (n > 0)
            spread_members(w, held, n, (int64_t)llround(G->members * PV(p, P_ORG_MEMBERS_SCALE)));
        x->cash_start = G->cash;
    }
    free(held);
    cartels_tally(w, p, 0);
    for (int o = 0; o < c->n; o++) {
        Org *x = &c->org[o];
        x->members_start = (double)x->members;
        x->arms = (int64_t)llround((double)x->members * PV(p, P_ORG_ARMS0));
        leadership_appoint(x, p, PV(p, P_LDR_TENURE0));
        leadership_staff(x, p, PV(p, P_LDR_TENURE0));
    }
    return CS_OK;
}

/* Income and costs of the week that ended: wages, bribes (protection), guns; desertion when cash
 * runs out. */
static void books(World *w, const Params *p, int o, double police)
{
    Org *x = &w->cartels.org[o];
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    double income = 0;
    for (int a = 0; a < N_ACTIVITIES; a++) {
        income += x->revenue[a];
        x->smooth[a] += (x->revenue[a] - x->smooth[a]) / PV(p, P_DIV_MEMORY);
    }
    const double traffic = x->revenue[ACT_TRAFFIC] + x->revenue[ACT_SYNTHETIC];
    const double fast = PV(p, P_DIV_SQUEEZE_FAST), slow = PV(p, P_DIV_SQUEEZE_SLOW);
    x->traffic_fast += (traffic - x->traffic_fast) * fast;
    x->traffic_slow += (traffic - x->traffic_slow) * slow;
    double sq = x->traffic_slow > 0 ? 1 - x->traffic_fast / x->traffic_slow : 0;
    x->squeeze = fmax(x->squeeze * (1 - slow), fmin(fmax(sq, 0), 1));
    const double bribes = PV(p, P_ORG_BRIBE_SHARE) * income, guns = PV(p, P_ORG_GUN_SHARE) * income;
    const double wages = (double)x->members * PV(p, P_ORG_WAGE) * per_week;
    x->cash += (int64_t)llround(income - bribes - guns - wages);
    if (x->cash > 0) /* profits leave the books: laundered, invested, spent by the members */
        x->cash -= (int64_t)floor((double)x->cash * (1 - exp(-PV(p, P_ORG_OUTFLOW) * per_week)));
    const int64_t bought = (int64_t)floor(guns / PV(p, P_ORG_GUN_PRICE));
    x->arms += bought - (int64_t)floor((double)x->arms * PV(p, P_ORG_GUN_DEPREC) * per_week);
    /* Protection from bribes; institution building and police strength make it dearer. */
    const double cost = PV(p, P_ORG_BRIBE_COST) * (x->n_plazas > 0 ? x->n_plazas : 1) *
                        (1 + PV(p, P_MX_INST_CORR) * PV(p, P_MX_INSTITUTIONS)) * police * per_week;
    x->protection = 1 - exp(-bribes / cost);
    x->cohesion += (1 - x->cohesion) * PV(p, P_ORG_COHESION_RECOVERY) * per_week;
    x->instability *= exp(-per_week / PV(p, P_LDR_INSTABILITY_TIME));
}

/* Members who leave when wages go unpaid, plaza by plaza in proportion. */
static void desert(World *w, const Params *p, int o)
{
    Cartels *c = &w->cartels;
    Org *x = &c->org[o];
    if (x->cash >= 0 || x->members <= 0)
        return;
    const double unpaid = (double)(-x->cash) / (PV(p, P_ORG_WAGE) / WEEKS_PER_YEAR);
    const double share = fmin(1.0, fmin(unpaid, (double)x->members) / (double)x->members *
                                       (1 - exp(-PV(p, P_ORG_DESERT) / WEEKS_PER_YEAR)));
    const Geography *g = &w->sc->geo;
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == o)
            c->plaza_members[k] -= (int64_t)floor((double)c->plaza_members[k] * share);
    x->cash = 0;
}

/* A crowded plaza spills into an uncontrolled neighbour (one uniform per plaza per week). */
static void expand(World *w, const Params *p, Rng *rng, int k)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    const double u = rng_uniform(rng, RNG_TERRITORY);
    const int o = c->owner[k];
    if (o < 0)
        return;
    const double cap = PV(p, P_ORG_SATURATION) * g->plazas[k].pop;
    const double crowd = (double)c->plaza_members[k] / cap;
    if (crowd < 0.5 || u >= 1 - exp(-PV(p, P_ORG_EXPAND) * (crowd - 0.5) * 2 / WEEKS_PER_YEAR))
        return;
    for (int e = g->out_start[k]; e < g->out_start[k + 1]; e++) {
        const int j = g->edges[e].to;
        if (j < g->n_plazas && c->owner[j] < 0) {
            const int64_t m = (int64_t)floor((double)c->plaza_members[k] * PV(p, P_ORG_EXPAND_SHARE));
            if (m < 1)
                return;
            c->owner[j] = o;
            c->plaza_members[j] = m;
            c->plaza_members[k] -= m;
            return;
        }
    }
}

void cartels_step(World *w, const Params *p, Rng *rng, int tick)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    const Mexico *mx = &w->mexico;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    c->recruits = c->arrested = c->killed_state = c->killed_conflict = 0;
    c->leaders_arrested = c->leaders_extradited = c->leaders_killed = c->lieutenants_removed = 0;
    c->successions = c->splits = c->mergers = c->wars_started = c->attacks = c->plazas_taken = 0;
    c->extortion_victims = c->kidnapping_victims = 0;
    memset(c->homicides, 0, sizeof c->homicides);
    memset(c->plaza_homicides, 0, sizeof(double) * (size_t)g->n_plazas);
    for (int o = 0; o < c->n; o++) {
        Org *x = &c->org[o];
        if (x->alive) {
            books(w, p, o, mx->police[cartels_main_state(w, o)]);
            desert(w, p, o);
        }
        memset(x->revenue, 0, sizeof x->revenue);
    }
    /* Recruitment and incapacitation, plaza by plaza (three uniforms per plaza per week). */
    const double rho = PV(p, P_ORG_RECRUIT) * (1 - PV(p, P_MX_OPP_EFFECT) * PV(p, P_MX_OPPORTUNITY)) * per_week;
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k], s = g->plazas[k].state;
        const double m = (double)c->plaza_members[k];
        double mu_r = 0, mu_a = 0, mu_k = 0;
        if (o >= 0) {
            const Org *x = &c->org[o];
            const double room = fmax(0.0, 1 - m / (PV(p, P_ORG_SATURATION) * g->plazas[k].pop));
            mu_r = x->cash > 0 ? rho * m * room : 0;
            mu_a = m * (PV(p, P_ORG_ARREST) * mx->police[s] + PV(p, P_MX_ARREST) * mx->per100k[s] / 100) * per_week;
            mu_k = m * PV(p, P_MX_KILL) * mx->per100k[s] / 100 * per_week;
        }
        const long r = (long)rng_poisson_inv(rng, RNG_MEMBERS, mu_r);
        long a = (long)rng_poisson_inv(rng, RNG_MEMBERS, mu_a);
        long d = (long)rng_poisson_inv(rng, RNG_MEMBERS, mu_k);
        if (o < 0)
            continue;
        if (a > (long)m)
            a = (long)m;
        if (d > (long)m - a)
            d = (long)m - a;
        c->plaza_members[k] += r - a - d;
        c->recruits += (double)r;
        c->arrested += (double)a;
        c->killed_state += (double)d;
        const double forces = d * PV(p, P_MX_FORCE_DEATHS);
        c->homicides[HOM_STATE] += d + forces;
        c->plaza_homicides[k] += d + forces;
    }
    for (int k = 0; k < g->n_plazas; k++)
        expand(w, p, rng, k);
    cartels_tally(w, p, tick);
    /* Absorption: a small organisation joins its strongest non-enemy neighbour (one uniform per slot). */
    const double absorb = 1 - exp(-PV(p, P_ORG_ABSORB) * per_week);
    for (int o = 0; o < c->n; o++) {
        const double u = rng_uniform(rng, RNG_TERRITORY);
        Org *x = &c->org[o];
        if (!x->alive || (double)x->members >= PV(p, P_ORG_ABSORB_SIZE) || u >= absorb)
            continue;
        int best = -1;
        for (int k = 0; k < g->n_plazas; k++) {
            if (c->owner[k] != o)
                continue;
            for (int e = g->out_start[k]; e < g->out_start[k + 1]; e++) {
                const int j = g->edges[e].to, b = j < g->n_plazas ? c->owner[j] : -1;
                if (b >= 0 && b != o && !cartels_at_war(c, o, b) && c->org[b].members > x->members &&
                    (best < 0 || c->org[b].members > c->org[best].members))
                    best = b;
            }
        }
        if (best >= 0)
            cartels_merge(w, o, best, tick);
    }
    /* Large organisations without a supplier link find one (two uniforms per slot). */
    const double gain = 1 - exp(-PV(p, P_ORG_LINK_GAIN) * per_week);
    for (int o = 0; o < c->n; o++) {
        const double u1 = rng_uniform(rng, RNG_TERRITORY), u2 = rng_uniform(rng, RNG_TERRITORY);
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
            cartels_event(c, tick, EV_LINK_GAINED, o, -1, cartels_main_state(w, o), 0);
        }
        if (!x->precursor_link && pacific && u2 < gain) {
            x->precursor_link = 1;
            cartels_event(c, tick, EV_LINK_GAINED, o, -1, cartels_main_state(w, o), 1);
        }
    }
    cartels_tally(w, p, tick);
}

void cartels_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Cartels *c = &w->cartels;
    double *lin = row + metrics_offset(L, M_REVENUE);
    double *act = row + metrics_offset(L, M_REVENUE_ACTIVITY);
    double members = 0, cash = 0, arms = 0, hhi = 0, total_traffic = 0;
    int active = 0, major = 0;
    const double major_size = PV(&w->p, P_ORG_MAJOR);
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        double rev = 0;
        for (int a = 0; a < N_ACTIVITIES; a++) {
            act[a] += x->revenue[a];
            rev += x->revenue[a];
        }
        if (x->lineage < metrics_width(L, M_REVENUE))
            lin[x->lineage] += rev;
        total_traffic += x->revenue[ACT_TRAFFIC] + x->revenue[ACT_SYNTHETIC];
        if (!x->alive)
            continue;
        active++;
        major += (double)x->members >= major_size;
        members += (double)x->members;
        cash += (double)x->cash;
        arms += (double)x->arms;
    }
    for (int o = 0; o < c->n && total_traffic > 0; o++) {
        const double s = (c->org[o].revenue[ACT_TRAFFIC] + c->org[o].revenue[ACT_SYNTHETIC]) / total_traffic;
        hhi += s * s;
    }
    row[metrics_offset(L, M_ORGS_ACTIVE)] = active;
    row[metrics_offset(L, M_ORGS_MAJOR)] = major;
    row[metrics_offset(L, M_HHI)] = hhi;
    row[metrics_offset(L, M_MEMBERS)] = members;
    row[metrics_offset(L, M_RECRUITS)] = c->recruits;
    row[metrics_offset(L, M_MEMBERS_ARRESTED)] = c->arrested;
    row[metrics_offset(L, M_MEMBERS_KILLED)] = c->killed_state + c->killed_conflict;
    row[metrics_offset(L, M_CASH)] = cash;
    row[metrics_offset(L, M_ARSENAL)] = arms;
    row[metrics_offset(L, M_LEADERS_ARRESTED)] = c->leaders_arrested;
    row[metrics_offset(L, M_LEADERS_EXTRADITED)] = c->leaders_extradited;
    row[metrics_offset(L, M_LEADERS_KILLED)] = c->leaders_killed;
    row[metrics_offset(L, M_LIEUTENANTS_REMOVED)] = c->lieutenants_removed;
    row[metrics_offset(L, M_SUCCESSIONS)] = c->successions;
    row[metrics_offset(L, M_SPLITS)] = c->splits;
    row[metrics_offset(L, M_MERGERS)] = c->mergers;
    row[metrics_offset(L, M_WARS)] = c->n_wars;
    row[metrics_offset(L, M_WARS_STARTED)] = c->wars_started;
    row[metrics_offset(L, M_ATTACKS)] = c->attacks;
    row[metrics_offset(L, M_PLAZAS_TAKEN)] = c->plazas_taken;
    double all = 0;
    for (int h = 0; h < N_HOMICIDE_TYPES; h++) {
        row[metrics_offset(L, M_HOMICIDES) + h] = c->homicides[h];
        all += c->homicides[h];
    }
    row[metrics_offset(L, M_HOMICIDES_TOTAL)] = all;
    for (int s = 0; s < w->sc->geo.n_states && s < metrics_width(L, M_HOMICIDES_STATE); s++)
        row[metrics_offset(L, M_HOMICIDES_STATE) + s] = c->state_homicides[s];
    row[metrics_offset(L, M_EXTORTION_VICTIMS)] = c->extortion_victims;
    row[metrics_offset(L, M_KIDNAPPING_VICTIMS)] = c->kidnapping_victims;
}

void cartels_free(World *w)
{
    Cartels *c = &w->cartels;
    free(c->org);
    free(c->owner);
    free(c->plaza_members);
    free(c->plaza_homicides);
    free(c->state_homicides);
    free(c->wars);
    free(c->events);
    memset(c, 0, sizeof *c);
}
