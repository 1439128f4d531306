/* leadership.c: leaders and lieutenants, their removal, succession and fragmentation (model.md 4.7).
 *
 * Every organisation has a leader and 2-6 lieutenants (one per leadership.members_per_lieutenant
 * members), each a person with time in post and a personal guard, each heading a faction. A person's
 * removal hazard per year is
 *     removal_rate x kingpin_intensity x visibility x (1 - protection) x (1 + leader_effect x deployed/100)
 * with visibility = min(1, members / visibility_size)^0.5 x (1 - exp(-tenure / visibility_time)) (new
 * people are less known), protection = 1 - (1 - the organisation's bribes) (1 - guard), and the
 * deployment per 100,000 residents of the organisation's main state; a lieutenant's is
 * lieutenant_rate times that, and a removed lieutenant is replaced by a newcomer. A removal is a
 * killing (kill_share) or an arrest; an arrested leader is extradited (extradition_share) or jailed
 * in Mexico, from where he keeps command with probability prison_command (guarded by the prison walls,
 * guard_prison, until a later removal, which is then his extradition). Otherwise the organisation
 * has an orderly succession (the longest-serving lieutenant takes over) with probability heir x
 * cohesion, or splits into its lieutenants'
 * factions: the organisation's plazas are divided among factions around randomly chosen seat plazas
 * (each plaza joins the nearest seat), members go with their plazas, cash and guns in proportion to
 * members (integers: conserved exactly), the largest faction continues the organisation, the others
 * are new organisations that keep each supplier link with probability link_keep, and each pair of
 * factions goes to war with probability split_war. After any removal of a leader, executions in the
 * organisation's plazas rise by instability_violence, fading over instability_time (conflict.c). */
#include "leadership.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

int leadership_lieutenants(const Params *p, int64_t members)
{
    const int n = (int)floor((double)members / PV(p, P_LDR_LT_SIZE));
    return n < 2 ? 2 : n > MAX_LIEUTENANTS ? MAX_LIEUTENANTS : n;
}

static Leader new_person(const Params *p, int is_leader, double tenure)
{
    Leader l = {tenure, is_leader ? PV(p, P_LDR_GUARD) : PV(p, P_LDR_GUARD_LT), 0};
    return l;
}

void leadership_appoint(Org *x, const Params *p, double tenure)
{
    x->leader = new_person(p, 1, tenure);
}

void leadership_staff(Org *x, const Params *p, double tenure)
{
    const int want = leadership_lieutenants(p, x->members);
    for (int i = x->n_lieutenants; i < want; i++) /* a growing organisation appoints lieutenants */
        x->lt[i] = new_person(p, 0, tenure);
    x->n_lieutenants = want; /* a shrinking one lets the last appointed go */
}

/* The longest-serving lieutenant takes the leader's post; his post is filled by a newcomer. */
static void promote(Org *x, const Params *p)
{
    int best = 0;
    for (int i = 1; i < x->n_lieutenants; i++)
        if (x->lt[i].tenure > x->lt[best].tenure)
            best = i;
    x->leader = x->lt[best];
    x->leader.guard = PV(p, P_LDR_GUARD);
    x->lt[best] = new_person(p, 0, 0);
}

/* Weekly removal hazard of a person of organisation x (the leader's hazard times rel). */
static double hazard(const World *w, const Params *p, const Org *x, const Leader *l, int state, double rel)
{
    const double size = sqrt(fmin(1.0, (double)x->members / PV(p, P_LDR_VIS_SIZE)));
    const double known = 1 - exp(-l->tenure / (PV(p, P_LDR_VIS_TIME) * WEEKS_PER_YEAR));
    const double shield = 1 - (1 - x->protection) * (1 - l->guard);
    return rel * PV(p, P_LDR_RATE) * PV(p, P_LDR_KINGPIN) * size * known * (1 - shield) *
           (1 + PV(p, P_MX_LEADER) * w->mexico.per100k[state] / 100) / WEEKS_PER_YEAR;
}

static double dist2(const GeoPlaza *a, const GeoPlaza *b)
{
    const double dx = (a->lon - b->lon) * cos((a->lat + b->lat) * 3.14159265358979323846 / 360.0), dy = a->lat - b->lat;
    return dx * dx + dy * dy;
}

int leadership_split(World *w, const Params *p, Rng *rng, int o, int n_factions, int tick)
{
    Cartels *c = &w->cartels;
    const Geography *g = &w->sc->geo;
    int *pl = malloc(sizeof(int) * (size_t)g->n_plazas), n = 0;
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == o)
            pl[n++] = k;
    if (n_factions > n)
        n_factions = n;
    if (n_factions > c->cap - c->n + 1)
        n_factions = c->cap - c->n + 1;
    if (n_factions < 2) {
        free(pl);
        return 0;
    }
    /* Seats: n_factions distinct plazas drawn at random (partial Fisher-Yates). */
    for (int i = 0; i < n_factions; i++) {
        const int j = i + (int)(rng_uniform(rng, RNG_LEADERS) * (n - i));
        const int t = pl[i];
        pl[i] = pl[j < n ? j : n - 1];
        pl[j < n ? j : n - 1] = t;
    }
    int faction_of[MAX_LIEUTENANTS];
    int64_t fm[MAX_LIEUTENANTS] = {0};
    int *assign = malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) {
        int best = 0;
        for (int f = 1; f < n_factions; f++)
            if (dist2(&g->plazas[pl[i]], &g->plazas[pl[f]]) < dist2(&g->plazas[pl[i]], &g->plazas[pl[best]]))
                best = f;
        assign[i] = i < n_factions ? i : best;
        fm[assign[i]] += c->plaza_members[pl[i]];
    }
    int keep = 0; /* the largest faction continues the organisation */
    for (int f = 1; f < n_factions; f++)
        if (fm[f] > fm[keep])
            keep = f;
    Org *parent = &c->org[o];
    const int64_t total = parent->members > 0 ? parent->members : 1, cash0 = parent->cash, arms0 = parent->arms;
    for (int f = 0; f < n_factions; f++) {
        if (f == keep) {
            faction_of[f] = o;
            continue;
        }
        Org *x = cartels_new_org(c, o, tick);
        parent = &c->org[o];
        faction_of[f] = (int)(x - c->org);
        x->home_state = g->plazas[pl[f]].state;
        x->cash = (int64_t)((double)cash0 * (double)fm[f] / (double)total); /* truncation: the rest stays */
        x->arms = (int64_t)((double)arms0 * (double)fm[f] / (double)total);
        parent->cash -= x->cash;
        parent->arms -= x->arms;
        x->cocaine_link = x->cocaine_link_start = parent->cocaine_link && rng_uniform(rng, RNG_LEADERS) < PV(p, P_LDR_LINK_KEEP);
        x->precursor_link = x->precursor_link_start =
            parent->precursor_link && rng_uniform(rng, RNG_LEADERS) < PV(p, P_LDR_LINK_KEEP);
        x->cohesion = PV(p, P_LDR_SPLINTER_COHESION);
        x->members_start = (double)fm[f];
        x->cash_start = (double)x->cash;
        x->leader = parent->lt[f]; /* the lieutenant who headed the faction leads it */
        x->leader.guard = PV(p, P_LDR_GUARD);
        x->members = fm[f];
        leadership_staff(x, p, 0);
        x->traffic_slow = parent->traffic_slow * (double)fm[f] / (double)total;
        x->traffic_fast = 0;
        x->squeeze = (parent->cocaine_link && !x->cocaine_link) || (parent->precursor_link && !x->precursor_link);
        x->instability = parent->instability;
        cartels_event(c, tick, EV_SPLIT, o, faction_of[f], x->home_state, (double)fm[f]);
        cartels_event(c, tick, EV_BIRTH, faction_of[f], o, x->home_state, (double)fm[f]);
        if (parent->cocaine_link && !x->cocaine_link)
            cartels_event(c, tick, EV_LINK_LOST, faction_of[f], o, x->home_state, 0);
        if (parent->precursor_link && !x->precursor_link)
            cartels_event(c, tick, EV_LINK_LOST, faction_of[f], o, x->home_state, 1);
    }
    for (int i = 0; i < n; i++)
        c->owner[pl[i]] = faction_of[assign[i]];
    parent = &c->org[o];
    parent->cohesion = fmin(parent->cohesion, PV(p, P_LDR_SPLINTER_COHESION));
    parent->leader = parent->lt[keep]; /* the continuing faction's lieutenant leads it */
    parent->leader.guard = PV(p, P_LDR_GUARD);
    parent->n_lieutenants = 0;
    parent->members = fm[keep];
    leadership_staff(parent, p, 0);
    for (int a = 0; a < n_factions; a++)
        for (int b = a + 1; b < n_factions; b++)
            if (rng_uniform(rng, RNG_LEADERS) < PV(p, P_LDR_SPLIT_WAR))
                cartels_war_start(c, tick, faction_of[a], faction_of[b]);
    c->splits++;
    free(assign);
    free(pl);
    return n_factions;
}

void leadership_step(World *w, const Params *p, Rng *rng, int tick)
{
    Cartels *c = &w->cartels;
    const int n = c->n; /* organisations born this week are not at risk until next week */
    for (int o = 0; o < n; o++) {
        double u_lt[MAX_LIEUTENANTS]; /* one uniform per post and week, held or not (common random numbers) */
        const double u_leader = rng_uniform(rng, RNG_LEADERS);
        for (int i = 0; i < MAX_LIEUTENANTS; i++)
            u_lt[i] = rng_uniform(rng, RNG_LEADERS);
        Org *x = &c->org[o];
        if (!x->alive)
            continue;
        const int s = cartels_main_state(w, o);
        leadership_staff(x, p, 0);
        x->leader.tenure += 1;
        for (int i = 0; i < x->n_lieutenants; i++) {
            x->lt[i].tenure += 1;
            if (u_lt[i] < 1 - exp(-hazard(w, p, x, &x->lt[i], s, PV(p, P_LDR_LT_RATE)))) {
                c->lieutenants_removed++;
                x->cohesion *= 1 - PV(p, P_LDR_SUCCESSION_LOSS) / 4;
                x->lt[i] = new_person(p, 0, 0);
            }
        }
        if (u_leader >= 1 - exp(-hazard(w, p, x, &x->leader, s, 1.0)))
            continue;
        /* The leader is removed: how, and what follows. A leader commanding from a Mexican prison is
         * removed by extradition. Violence flares in the organisation's plazas (instability). */
        x->instability = 1;
        const double u_kind = rng_uniform(rng, RNG_LEADERS), u_next = rng_uniform(rng, RNG_LEADERS);
        const double kill = PV(p, P_LDR_KILL), extradite = PV(p, P_LDR_EXTRADITE);
        if (x->leader.jailed) {
            c->leaders_extradited++;
            cartels_event(c, tick, EV_EXTRADITION, o, -1, s, (double)x->members);
        } else if (u_kind < kill) {
            c->leaders_killed++;
            cartels_event(c, tick, EV_KILLING, o, -1, s, (double)x->members);
        } else if (u_kind < kill + (1 - kill) * extradite) {
            c->leaders_extradited++;
            cartels_event(c, tick, EV_EXTRADITION, o, -1, s, (double)x->members);
        } else {
            c->leaders_arrested++;
            cartels_event(c, tick, EV_ARREST, o, -1, s, (double)x->members);
            if (u_next < PV(p, P_LDR_PRISON)) { /* commands from a Mexican prison, behind its walls */
                x->leader.jailed = 1;
                x->leader.guard = PV(p, P_LDR_GUARD_PRISON);
                continue;
            }
        }
        const double u_heir = rng_uniform(rng, RNG_LEADERS);
        if (u_heir < PV(p, P_LDR_HEIR) * x->cohesion || leadership_split(w, p, rng, o, x->n_lieutenants, tick) < 2) {
            x = &c->org[o];
            promote(x, p);
            x->cohesion *= 1 - PV(p, P_LDR_SUCCESSION_LOSS);
            c->successions++;
            cartels_event(c, tick, EV_SUCCESSION, o, -1, s, (double)x->members);
        }
    }
    cartels_tally(w, p, tick);
}
