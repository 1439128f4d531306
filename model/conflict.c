/* conflict.c: wars, contests for plazas and homicides (model.md 4.6).
 *
 * Strength of an organisation's fighters: members x (guns per member)^gun_elasticity x cohesion
 * (guns.c, leadership.c), with floors of GPM_FLOOR guns per member and COHESION_FLOOR.
 * An organisation's reach is the states where it holds plazas and their neighbours. Wars start (1)
 * after splits (leadership.c), and (2) when an unrelated rival weaker than itself holds plazas
 * within its reach: it attacks the one of largest strength ratio x (worth of its plazas within
 * reach)^prize_focus (worth: local takings plus the transit fee on a crossing's deliveries) at a rate
 * war_rate x min(strength ratio - 1, war_ratio_cap). Wars end at peace_rate x (1 + exhaustion x share of the
 * belligerents' members killed in the war), or when one side is gone.
 * Each side of a war raids the enemy plazas within its reach at attack_rate each on average, spread in
 * proportion to worth^prize_focus, from its largest plaza in
 * that state (or a neighbouring one): a Tullock contest between the engaged attackers (engaged_share
 * of that plaza's members) and the defenders, each weighted by guns per member and cohesion. Fighters killed:
 * Poisson(lethality x sqrt(engaged x defenders) x (mean guns per member)^arms_elasticity), shared
 * in proportion to the other side's strength. The plaza falls with probability takeover x the
 * attackers' share of strength (Tullock); then it changes hands: a
 * share loser_loss of its remaining defenders dies and the rest withdraw to their organisation's
 * largest plaza; the surviving attackers move in. Bystanders die at `collateral` per fighter.
 * Outreach's assaults on held plazas far from home (cartels.c) are the same contest, fought to a
 * decision (conflict_outreach_target, conflict_assault); their deaths join the week's count.
 * Controllers execute at execution_rate per member (more for members on extortion and kidnapping,
 * more at war: execution_war, and as much during a contested succession: x (1 + execution_war x
 * instability) after a leader's removal). Rivals go to war with an organisation whose leader was just
 * removed at (1 + opportunism x instability) the rate (the post-removal flare comes from these two and
 * from the splits' wars, leadership.c, not from a multiplier sized to the studies that check it),
 * and homicides unrelated to organised crime occur at background_rate per 100,000 residents, times the
 * state's homicide rate of 2000-2006 against the national rate (states.csv background_homicides).
 * Random numbers: one uniform per organisation slot (war start), per war (peace) and per plaza
 * (executions) each week, one per enemy plaza within reach of each side of each war, and two more
 * per attack (outcome, deaths). */
#include "conflict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

const char *const conflict_homicide_names[N_HOMICIDE_TYPES] = {"intercartel", "execution", "state_confrontation",
                                                               "collateral", "other"};

/* Floors of the strength terms: an unarmed or demoralised group still fights with knives and a few
 * pistols, and pow(0, elasticity) would make it invincible to nothing; below these the contest is
 * decided by members alone. Technical floors, far below anything the record shows (about 1 gun per
 * member in 2000, cohesion above 0.3). */
#define GPM_FLOOR 0.01
#define COHESION_FLOOR 0.05

int conflict_init(World *w, Error *err)
{
    Conflict *k = &w->conflict;
    const Geography *g = &w->sc->geo;
    memset(k, 0, sizeof *k);
    const size_t cap = (size_t)(w->orgs.cap > 0 ? w->orgs.cap : 1);
    k->plaza_homicides = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    k->state_homicides = calloc((size_t)(g->n_states > 0 ? g->n_states : 1), sizeof(double));
    k->state_background = calloc((size_t)(g->n_states > 0 ? g->n_states : 1), sizeof(double));
    k->carry_plaza = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    k->local_value = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    k->reach = calloc(cap, sizeof(uint64_t));
    k->base = calloc(cap * (size_t)(g->n_states > 0 ? g->n_states : 1), sizeof(int));
    k->target = calloc(cap, sizeof(int));
    k->ratio = calloc(cap, sizeof(double));
    k->str = calloc(cap, sizeof(double));
    k->prize = calloc(cap, sizeof(double));
    k->touched = calloc(cap, sizeof(int));
    k->starting = calloc(cap, sizeof(int));
    k->worth = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    k->raid_weight = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(double));
    k->state_first = calloc((size_t)g->n_states + 1, sizeof(int));
    k->state_plazas = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), sizeof(int));
    if (!k->plaza_homicides || !k->state_homicides || !k->state_background || !k->carry_plaza || !k->local_value || !k->reach || !k->base || !k->target || !k->ratio || !k->str ||
        !k->prize || !k->touched || !k->starting || !k->worth || !k->raid_weight || !k->state_first || !k->state_plazas)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the conflict between organisations");
    /* plazas by state (a counting sort that keeps plaza order within a state): the loops over the
     * plazas within an organisation's reach visit only the states in it */
    for (int i = 0; i < g->n_plazas; i++)
        k->state_first[g->plazas[i].state + 1]++;
    for (int s = 0; s < g->n_states; s++)
        k->state_first[s + 1] += k->state_first[s];
    for (int i = 0; i < g->n_plazas; i++)
        k->state_plazas[k->state_first[g->plazas[i].state]++] = i;
    for (int s = g->n_states; s > 0; s--)
        k->state_first[s] = k->state_first[s - 1];
    k->state_first[0] = 0;
    if (g->n_states > 64)
        return error_set(err, CS_ERR_INPUT, "", 0, "", "%d states: conflict's reach masks hold at most 64", g->n_states);
    return CS_OK;
}

static double strength(const World *w, int o, double members, double alpha)
{
    return members * pow(fmax(guns_per_member(w, o), GPM_FLOOR), alpha) *
           fmax(leadership_cohesion(&w->leadership, o), COHESION_FLOOR);
}

/* The plaza of organisation o with most members (other than `not`), or -1. */
static int largest_plaza(const World *w, int o, int not)
{
    const Orgs *c = &w->orgs;
    int best = -1;
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        if (k != not && c->owner[k] == o && (best < 0 || c->plaza_members[k] > c->plaza_members[best]))
            best = k;
    return best;
}

/* What a contest leaves for the week's count. */
typedef struct {
    double killed, bystanders;
    int taken;
} Contest;

/* A contest for plaza `to` between `engaged` attackers from plaza `from` and its garrison: deaths
 * Poisson(lethality x sqrt(engaged x defenders) x ...) from the uniform u_deaths, shared in
 * proportion to the other side's strength; the plaza falls when u_win < takeover x the attackers'
 * Tullock share of strength. */
static Contest contest(World *w, int from, int to, int64_t engaged, double takeover, double u_win, double u_deaths)
{
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    Contest r = {0, 0, 0};
    const int a = c->owner[from], b = c->owner[to];
    const double alpha = PV(p, P_CON_GUN_ELAST);
    const int64_t defenders = c->plaza_members[to];
    if (engaged > c->plaza_members[from])
        engaged = c->plaza_members[from];
    if (engaged < 1 || defenders < 1)
        return r;
    const double sa = strength(w, a, (double)engaged, alpha), sb = strength(w, b, (double)defenders, alpha);
    const double gpm = 0.5 * (guns_per_member(w, a) + guns_per_member(w, b));
    const double gpm0 = fmax(PV(p, P_GUN_PER_MEMBER), GPM_FLOOR); /* lethality is sized at the arsenals of 2000 */
    const double mu = PV(p, P_CON_LETHALITY) * sqrt((double)engaged * (double)defenders) *
                      pow(fmax(gpm, GPM_FLOOR) / gpm0, alpha) * 0.5 * (guns_lethality(w, a) + guns_lethality(w, b));
    const int64_t deaths = (int64_t)rng_poisson_quantile(u_deaths, mu);
    int64_t da = (int64_t)llround((double)deaths * sb / (sa + sb)), db = deaths - da;
    if (da > engaged)
        da = engaged;
    if (db > defenders)
        db = defenders;
    guns_capture(w, a, b, da);
    guns_capture(w, b, a, db);
    orgs_add_members(c, from, -da, MF_FIGHTS);
    orgs_add_members(c, to, -db, MF_FIGHTS);
    r.killed = (double)(da + db);
    if (u_win < takeover * sa / (sa + sb)) { /* the plaza falls */
        int64_t left = c->plaza_members[to];
        const int64_t fallen = (int64_t)floor((double)left * PV(p, P_CON_LOSER_LOSS));
        left -= fallen;
        r.killed += (double)fallen;
        guns_capture(w, b, a, fallen);
        orgs_add_members(c, to, -fallen, MF_FIGHTS);
        const int retreat = largest_plaza(w, b, to); /* the survivors fall back there, or scatter */
        if (retreat >= 0)
            orgs_add_members(c, retreat, left, MF_MOVED);
        orgs_add_members(c, to, -left, retreat >= 0 ? MF_MOVED : MF_DISPERSED);
        const int64_t movers = engaged - da;
        orgs_set_plaza(c, to, a, movers, MF_MOVED);
        r.taken = 1;
        orgs_add_members(c, from, -movers, MF_MOVED); /* a garrison stays: the caller's rule */
    }
    r.bystanders = r.killed * PV(p, P_CON_COLLATERAL);
    orgs_war_deaths(c, a, b, r.killed);
    return r;
}

/* Adds a contest for plaza `to` to a count: the week's (raids) or the carry (outreach's assaults). */
static void count_contest(const Contest *r, int to, double *homicides, double *plaza, double *killed, int *attacks,
                          int *taken)
{
    *attacks += 1;
    *taken += r->taken;
    homicides[HOM_INTERCARTEL] += r->killed;
    homicides[HOM_COLLATERAL] += r->bystanders;
    plaza[to] += r->killed + r->bystanders;
    *killed += r->killed;
}

/* A raid of a war: engaged_share of the base's members, the plaza falls at takeover x their share.
 * Two uniforms of the conflict stream (outcome, then deaths). */
static void attack(World *w, int from, int to, double u_win)
{
    Conflict *K = &w->conflict;
    const int64_t engaged = (int64_t)floor((double)w->orgs.plaza_members[from] * PV(&w->p, P_CON_ENGAGED));
    if (engaged < 1 || w->orgs.plaza_members[to] < 1)
        return;
    const Contest r = contest(w, from, to, engaged, PV(&w->p, P_CON_TAKEOVER), u_win, rng_uniform(&w->rng, RNG_CONFLICT));
    count_contest(&r, to, K->homicides, K->plaza_homicides, &K->killed, &K->attacks, &K->plazas_taken);
}

int conflict_outreach_target(const World *w, int o, int64_t cell, const int *present, double assault)
{
    const Orgs *c = &w->orgs;
    const Conflict *K = &w->conflict;
    const Geography *g = &w->sc->geo;
    const double alpha = PV(&w->p, P_CON_GUN_ELAST);
    const double sa = strength(w, o, (double)cell, alpha);
    int free_best = -1, held_best = -1;
    double held_score = 0;
    for (int k = 0; k < g->n_plazas; k++) {
        const int b = c->owner[k];
        if (present[g->plazas[k].state] || b == o || K->worth[k] <= 0)
            continue;
        if (b < 0) {
            if (free_best < 0 || K->worth[k] > K->worth[free_best])
                free_best = k;
        } else if (free_best < 0 && assault > 0 && c->plaza_members[k] >= 1 && !orgs_related(c, o, b)) {
            const double score = K->worth[k] * sa / (sa + strength(w, b, (double)c->plaza_members[k], alpha));
            if (score > held_score) {
                held_score = score;
                held_best = k;
            }
        }
    }
    return free_best >= 0 ? free_best : held_best;
}

int conflict_assault(World *w, int from, int to, int64_t cell, double assault, double u_win, double u_deaths)
{
    Conflict *K = &w->conflict;
    Orgs *c = &w->orgs;
    const int a = c->owner[from], b = c->owner[to];
    if (a < 0 || b < 0 || a == b)
        return 0;
    /* no war is declared: whether the holder goes to war over it is start_wars' decision, now that
     * the plaza's new owner is within its reach (a declared war on every assault, or on every plaza
     * taken, left every organisation of 2026-2030 at war: model.md 3.8) */
    const Contest r = contest(w, from, to, cell, assault, u_win, u_deaths);
    count_contest(&r, to, K->carry_homicides, K->carry_plaza, &K->carry_killed, &K->carry_attacks, &K->carry_taken);
    return r.taken;
}

/* reach[o]: bit mask of the states where organisation o holds plazas and their neighbours;
 * base[o * n_states + s]: o's plaza with most members in state s, or -1. */
static void presence(World *w)
{
    const Orgs *c = &w->orgs;
    const Geography *g = &w->sc->geo;
    uint64_t *reach = w->conflict.reach;
    int *base = w->conflict.base;
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
static int attack_base(const World *w, int o, int s)
{
    const Geography *g = &w->sc->geo;
    const Orgs *c = &w->orgs;
    const int *base = w->conflict.base;
    int best = base[o * g->n_states + s];
    for (int j = 0; j < g->states[s].n_nb && best < 0; j++) {
        const int k = base[o * g->n_states + g->states[s].nb[j]];
        if (k >= 0 && (best < 0 || c->plaza_members[k] > c->plaza_members[best]))
            best = k;
    }
    return best;
}

/* worth[k]: what plaza k is worth a year to whoever holds it: its local takings (the pools of
 * diversification.c, as cartels.c values them this week) and, for a crossing, the transit fee on last
 * week's deliveries through it (trafficking.c). */
static void plaza_worth(World *w)
{
    const Geography *g = &w->sc->geo;
    const double fee = PV(&w->p, P_TRF_FEE) * WEEKS_PER_YEAR, focus = PV(&w->p, P_CON_PRIZE_FOCUS);
    for (int k = 0; k < g->n_plazas; k++) {
        const int x = g->plazas[k].crossing;
        w->conflict.worth[k] = w->conflict.local_value[k] + (x >= 0 ? fee * trafficking_crossing_value(&w->traffic, x) : 0);
        w->conflict.raid_weight[k] = focus == 1 ? fmax(w->conflict.worth[k], 1) /* pow(x, 1) is x */
                                     : focus > 0 ? pow(fmax(w->conflict.worth[k], 1), focus) : 1;
    }
}

/* The target of organisation a this week: among the unrelated rivals not yet its enemies that hold
 * plazas within its reach, the one of largest strength ratio x (worth of those plazas)^prize_focus
 * (at prize_focus 0 the weakest rival, at 1 the expected gain of a strength advantage over the
 * prize); only a weaker rival is a target. Sets K->target[a] (-1 if none) and K->ratio[a]. */
static void find_target(World *w, int a, double focus)
{
    Orgs *c = &w->orgs;
    Conflict *K = &w->conflict;
    int nt = 0;
    for (uint64_t m = K->reach[a]; m; m &= m - 1) { /* the states within reach, in order */
        const int st = __builtin_ctzll(m);
        for (int i = K->state_first[st]; i < K->state_first[st + 1]; i++) {
            const int k = K->state_plazas[i], b = c->owner[k];
            if (b < 0 || b == a)
                continue;
            if (K->prize[b] == 0) { /* first plaza of b within reach */
                if (orgs_related(c, a, b) || orgs_at_war(c, a, b)) {
                    K->prize[b] = -1; /* not a candidate this week */
                    continue;
                }
                K->touched[nt++] = b;
            }
            if (K->prize[b] >= 0)
                K->prize[b] += K->worth[k] > 0 ? K->worth[k] : 1e-300; /* > 0: seen */
        }
    }
    double best = 0;
    for (int i = 0; i < nt; i++) {
        const int b = K->touched[i];
        const double r = K->str[a] / K->str[b];
        if (r <= 1) /* only a weaker rival is attacked */
            continue;
        const double score = focus == 1 ? r * K->prize[b] : focus > 0 ? r * pow(K->prize[b], focus) : r;
        if (score > best) {
            best = score;
            K->ratio[a] = r;
            K->target[a] = b;
        }
    }
    for (uint64_t m = K->reach[a]; m; m &= m - 1) { /* reset the scratch of the rivals within reach */
        const int st = __builtin_ctzll(m);
        for (int i = K->state_first[st]; i < K->state_first[st + 1]; i++)
            if (c->owner[K->state_plazas[i]] >= 0)
                K->prize[c->owner[K->state_plazas[i]]] = 0;
    }
}

/* The yearly rate at which organisation o goes to war with target b, `ratio` (> 1) times weaker than o,
 * before the value of the trade: war_rate x min(ratio - 1, war_ratio_cap), plus splinter_rivalry for
 * an organisation born during the run (a splinter or a new group: its rivalry for territory does not
 * wait for a strength advantage), times 1 + opportunism x b's instability (rivals seize the moment
 * when a target's leader has just been removed). */
double conflict_war_rate(const World *w, int o, int b, double ratio)
{
    const Params *p = &w->p;
    const double young = w->orgs.org[o].born > 0 ? PV(p, P_CON_SPLINTER_RIVALRY) : 0;
    return (PV(p, P_CON_WAR_RATE) * fmin(ratio - 1, PV(p, P_CON_WAR_RATIO_CAP)) + young) *
           (1 + PV(p, P_CON_OPPORTUNISM) * orgs_instability(&w->orgs, b));
}

/* Opportunistic wars: each organisation draws one uniform a week and goes to war with its target
 * (find_target) at rate conflict_war_rate x the value of its own trade, (border prices of its
 * deliveries of last week against their reference)^value_elasticity: it fights more when what it
 * ships is worth more (scarcity, interdiction), so the cocaine shortage of 2007-2012 sets on the war
 * path the organisations that move cocaine (Castillo et al. 2020), not those that move cannabis and
 * methamphetamine. The target is looked for only when the uniform falls below
 * the chance at the largest rate possible this week (ratio - 1 at the cap, instability 1): otherwise
 * no target could make a war. Targets see the wars of the week before (the wars begun here start
 * after every organisation has drawn, in the order drawn), so the result does not depend on it. */
static void start_wars(World *w)
{
    Orgs *c = &w->orgs;
    Conflict *K = &w->conflict;
    const Params *p = &w->p;
    const double alpha = PV(p, P_CON_GUN_ELAST), focus = PV(p, P_CON_PRIZE_FOCUS);
    const double elasticity = PV(p, P_CON_VALUE);
    const double cap = PV(p, P_CON_WAR_RATIO_CAP), opportunism = PV(p, P_CON_OPPORTUNISM);
    const double rate_base = (PV(p, P_CON_WAR_RATE) * cap + PV(p, P_CON_SPLINTER_RIVALRY)) * (1 + opportunism);
    for (int o = 0; o < c->n; o++) {
        K->prize[o] = 0;
        K->str[o] = c->org[o].alive ? strength(w, o, (double)c->org[o].members, alpha) : 0;
    }
    int n_new = 0;
    const int n = c->n;
    for (int o = 0; o < n; o++) {
        const double u = rng_uniform(&w->rng, RNG_CONFLICT);
        K->target[o] = -1;
        K->ratio[o] = 0;
        if (!c->org[o].alive)
            continue;
        const double value = pow(market_export_price_index(w, o), elasticity); /* its deliveries of last week */
        const double chance_max = 1 - exp(-rate_base * value * (1 + 1e-9) * (1.0 / WEEKS_PER_YEAR)); /* a margin over rounding */
        if (!(u < chance_max))
            continue;
        find_target(w, o, focus);
        if (K->target[o] < 0 || K->ratio[o] <= 1)
            continue;
        const double rate = conflict_war_rate(w, o, K->target[o], K->ratio[o]) * value;
        if (u < 1 - exp(-rate * (1.0 / WEEKS_PER_YEAR)))
            K->starting[n_new++] = o; /* begun below, in this order */
    }
    for (int i = 0; i < n_new; i++)
        orgs_war_start(c, w->tick, K->starting[i], K->target[K->starting[i]]);
}

/* Mean executions this week in plaza k by its controller o: execution_rate per member, more for
 * members on extortion and kidnapping (execution_local), times 1 + execution_war at war where an enemy
 * can strike (its states and their neighbours: reach, this week's presence) and execution_rear of it
 * beyond, or as much during a contested succession (instability), times the arms' lethality. */
double conflict_execution_mean(const World *w, int k)
{
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const int o = c->owner[k];
    if (o < 0)
        return 0;
    /* a contested succession is fought like a war inside the organisation: purges at the wartime rate
     * while the successor consolidates (instability) */
    const double contest = orgs_instability(c, o);
    const double local = diversification_share(&w->diversification, o, ACT_EXTORTION) +
                         diversification_share(&w->diversification, o, ACT_KIDNAPPING);
    double war = 0;
    if (c->org[o].n_enemies > 0) {
        uint64_t front = 0;
        for (int j = 0; j < c->org[o].n_enemies; j++)
            front |= w->conflict.reach[c->org[o].enemy[j]];
        war = (front >> w->sc->geo.plazas[k].state) & 1 ? 1 : PV(p, P_CON_EXEC_REAR);
    }
    return PV(p, P_CON_EXEC) * (double)c->plaza_members[k] * (1 + PV(p, P_CON_EXEC_LOCAL) * local) *
           (1 + PV(p, P_CON_EXEC_WAR) * fmax(war, contest)) * guns_lethality(w, o) / WEEKS_PER_YEAR;
}

void conflict_step(World *w)
{
    Orgs *c = &w->orgs;
    Conflict *K = &w->conflict;
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    const Geography *g = &w->sc->geo;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    /* The week's count starts from the deaths in confrontations with the forces (mexico.c). */
    memset(K->homicides, 0, sizeof K->homicides);
    K->homicides[HOM_STATE] = w->mexico.confront_total;
    memcpy(K->plaza_homicides, w->mexico.confront, sizeof(double) * (size_t)g->n_plazas);
    /* and the deaths of US strikes (uspolicy.c): members with the confrontations, bystanders as collateral */
    const UsPolicy *us = &w->uspolicy;
    K->homicides[HOM_STATE] += us->strike_members_total;
    K->homicides[HOM_COLLATERAL] += us->strike_civilians_total;
    for (int k = 0; k < g->n_plazas && us->strike_members_total + us->strike_civilians_total > 0; k++)
        K->plaza_homicides[k] += us->strike_members[k] + us->strike_civilians[k];
    K->killed = K->carry_killed;
    K->attacks = K->carry_attacks;
    K->plazas_taken = K->carry_taken;
    for (int h = 0; h < N_HOMICIDE_TYPES; h++)
        K->homicides[h] += K->carry_homicides[h];
    if (K->carry_attacks > 0) {
        for (int k = 0; k < g->n_plazas; k++)
            K->plaza_homicides[k] += K->carry_plaza[k];
        memset(K->carry_plaza, 0, sizeof(double) * (size_t)g->n_plazas);
    }
    memset(K->carry_homicides, 0, sizeof K->carry_homicides);
    K->carry_killed = 0;
    K->carry_attacks = K->carry_taken = 0;
    presence(w);
    plaza_worth(w);
    start_wars(w);
    /* Attacks: each side of a war raids the other's plazas within its reach, from its nearest base, at
     * attack_rate a plaza on average, spread over them in proportion to worth^prize_focus. */
    const double focus = PV(p, P_CON_PRIZE_FOCUS);
    const double p_attack = 1 - exp(-PV(p, P_CON_ATTACK) * per_week);
    for (int i = 0; i < c->n_wars; i++)
        for (int side = 0; side < 2; side++) {
            const int a = side ? c->wars[i].b : c->wars[i].a, b = side ? c->wars[i].a : c->wars[i].b;
            double n_in = 0, sum = 0;
            if (focus > 0)
                for (uint64_t m = K->reach[a]; m; m &= m - 1) {
                    const int st = __builtin_ctzll(m);
                    for (int j = K->state_first[st]; j < K->state_first[st + 1]; j++)
                        if (c->owner[K->state_plazas[j]] == b) {
                            n_in += 1;
                            sum += K->raid_weight[K->state_plazas[j]];
                        }
                }
            for (uint64_t m = K->reach[a]; m; m &= m - 1) { /* b's plazas within reach, in plaza order */
                const int st = __builtin_ctzll(m);
                for (int j = K->state_first[st]; j < K->state_first[st + 1]; j++) {
                    const int k = K->state_plazas[j];
                    if (c->owner[k] != b)
                        continue;
                    const double q =
                        focus > 0 ? 1 - exp(-PV(p, P_CON_ATTACK) * n_in * K->raid_weight[k] / sum * per_week) : p_attack;
                    if (rng_uniform(rng, RNG_CONFLICT) >= q)
                        continue;
                    const int from = attack_base(w, a, st);
                    if (from >= 0 && c->owner[from] == a)
                        attack(w, from, k, rng_uniform(rng, RNG_CONFLICT));
                }
            }
        }
    /* Peace. */
    for (int i = c->n_wars - 1; i >= 0; i--) {
        const double u = rng_uniform(rng, RNG_CONFLICT);
        const War *wr = &c->wars[i];
        const double size = (double)(c->org[wr->a].members + c->org[wr->b].members) + wr->deaths;
        const double rate = PV(p, P_CON_PEACE_RATE) * (1 + PV(p, P_CON_EXHAUST) * wr->deaths / fmax(size, 1));
        if (u < 1 - exp(-rate * per_week))
            orgs_war_end(c, i, w->tick, 1);
    }
    /* Executions by controllers; homicides by state with the background. */
    for (int k = 0; k < g->n_plazas; k++) {
        const double ex = (double)rng_poisson_inv(rng, RNG_CONFLICT, conflict_execution_mean(w, k));
        K->homicides[HOM_EXECUTION] += ex;
        K->plaza_homicides[k] += ex;
    }
    const Mexico *mx = &w->mexico;
    for (int s = 0; s < g->n_states; s++) {
        K->state_homicides[s] = K->state_background[s] = mx->pop[s] * g->states[s].background * PV(p, P_CON_BACKGROUND) / 1e5 * per_week;
        K->homicides[HOM_OTHER] += K->state_homicides[s];
    }
    for (int k = 0; k < g->n_plazas; k++)
        K->state_homicides[g->plazas[k].state] += K->plaza_homicides[k];
    orgs_tally(w);
}

void conflict_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Conflict *K = &w->conflict;
    double all = 0;
    for (int h = 0; h < N_HOMICIDE_TYPES; h++) {
        row[metrics_offset(L, M_HOMICIDES) + h] = K->homicides[h];
        all += K->homicides[h];
    }
    row[metrics_offset(L, M_HOMICIDES_TOTAL)] = all;
    for (int s = 0; s < w->sc->geo.n_states && s < metrics_width(L, M_HOMICIDES_STATE); s++)
        row[metrics_offset(L, M_HOMICIDES_STATE) + s] = K->state_homicides[s];
    for (int s = 0; s < w->sc->geo.n_states && s < metrics_width(L, M_HOMICIDES_OC_STATE); s++)
        row[metrics_offset(L, M_HOMICIDES_OC_STATE) + s] = K->state_homicides[s] - K->state_background[s];
    row[metrics_offset(L, M_MEMBERS_KILLED)] = w->mexico.killed + K->killed;
    row[metrics_offset(L, M_ATTACKS)] = K->attacks;
    row[metrics_offset(L, M_PLAZAS_TAKEN)] = K->plazas_taken;
}

void conflict_free(World *w)
{
    Conflict *K = &w->conflict;
    free(K->plaza_homicides);
    free(K->state_homicides);
    free(K->state_background);
    free(K->carry_plaza);
    free(K->local_value);
    free(K->reach);
    free(K->base);
    free(K->target);
    free(K->ratio);
    free(K->str);
    free(K->prize);
    free(K->touched);
    free(K->starting);
    free(K->worth);
    free(K->raid_weight);
    free(K->state_first);
    free(K->state_plazas);
    memset(K, 0, sizeof *K);
}
