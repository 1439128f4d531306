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
 * factions goes to war with probability split_war. Before the succession or split, each plaza of the
 * organisation in the state of the removal but its main plaza breaks away as a one-plaza group with
 * probability cell_breakaway (orphaned cells). After any removal of a leader the organisation is
 * unstable (1, fading over instability_time): conflict.c purges at the wartime rate during the
 * contested succession and rivals attack it more (opportunism).
 * Cohesion recovers toward 1 at cartels.cohesion_recovery a year; a removed lieutenant costs
 * lieutenant_loss_share of the cohesion a succession costs.
 * Extradition (issue 12): an arrested leader is extradited with probability
 * 1 - (1 - extradition_share)^demand (leadership.extradition_demand, 1 = the requests of 2000-2024);
 * demand above 1 also extradites leaders commanding from prison at prison_extradition_rate x
 * (demand - 1) a year (one uniform per organisation and week from its own stream); a transfer of
 * prisoners (leadership.transfer, the 2025 events of history.cfg) extradites the jailed commanders
 * first. An extradited leader's command ends: succession or split. */
#include "leadership.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

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

/* Fill the lieutenant posts for the organisation's size: newcomers get `tenure` weeks in post; the
 * longest appointed stay when it shrinks. */
static void staff(Command *x, const Params *p, int64_t members, double tenure)
{
    const int want = leadership_lieutenants(p, members);
    for (int i = x->n_lieutenants; i < want; i++) /* a growing organisation appoints lieutenants */
        x->lt[i] = new_person(p, 0, tenure);
    x->n_lieutenants = want; /* a shrinking one lets the last appointed go */
}

int leadership_init(World *w, Error *err)
{
    Leadership *L = &w->leadership;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    memset(L, 0, sizeof *L);
    L->cap = c->cap;
    L->cmd = calloc((size_t)L->cap, sizeof *L->cmd);
    if (!L->cmd)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' leaders");
    for (int o = 0; o < c->n; o++) {
        Command *x = &L->cmd[o];
        x->cohesion = PV(p, P_ORG_COHESION0);
        x->leader = new_person(p, 1, PV(p, P_LDR_TENURE0));
        staff(x, p, c->org[o].members, PV(p, P_LDR_TENURE0));
    }
    return CS_OK;
}

/* The longest-serving lieutenant takes the leader's post; his post is filled by a newcomer. */
static void promote(Command *x, const Params *p)
{
    int best = 0;
    for (int i = 1; i < x->n_lieutenants; i++)
        if (x->lt[i].tenure > x->lt[best].tenure)
            best = i;
    x->leader = x->lt[best];
    x->leader.guard = PV(p, P_LDR_GUARD);
    x->lt[best] = new_person(p, 0, 0);
}

/* Weekly removal hazard of a person of organisation o (the leader's hazard times rel). */
static double hazard(const World *w, int o, const Leader *l, int state, double rel)
{
    const Params *p = &w->p;
    const Org *x = &w->orgs.org[o];
    const double size = sqrt(fmin(1.0, (double)x->members / PV(p, P_LDR_VIS_SIZE)));
    const double known = 1 - exp(-l->tenure / (PV(p, P_LDR_VIS_TIME) * WEEKS_PER_YEAR));
    const double shield = 1 - (1 - w->finance.protection[o]) * (1 - l->guard);
    /* joint operations and intelligence: Mexican cooperation and a terrorist designation (uspolicy.c) */
    return rel * PV(p, P_LDR_RATE) * PV(p, P_LDR_KINGPIN) * size * known * (1 - shield) *
           (1 + PV(p, P_MX_LEADER) * w->mexico.per100k[state] / 100) * uspolicy_leader_factor(w, o) / WEEKS_PER_YEAR;
}

static double dist2(const GeoPlaza *a, const GeoPlaza *b)
{
    const double dx = (a->lon - b->lon) * cos((a->lat + b->lat) * 3.14159265358979323846 / 360.0), dy = a->lat - b->lat;
    return dx * dx + dy * dy;
}

static int split(World *w, int o, int n_factions, double war_prob);

/* Organisation x, just born of o (orgs_new), with fm of o's `total` members: o's activities, guns and
 * cash in proportion (shares of the stocks guns0, aw0, cash0 o had before any faction left: integers,
 * conserved exactly), the supplier links coca and prec, a splinter's cohesion and o's instability,
 * `leader` at its head; split and birth events, and a link_lost event for each link of o that x lacks. */
static void found(World *w, int o, int x, int64_t fm, int64_t total, int64_t cash0, int64_t guns0, int64_t aw0, int coca,
                  int prec, Leader leader)
{
    Orgs *c = &w->orgs;
    Leadership *L = &w->leadership;
    const Params *p = &w->p;
    diversification_inherit(w, o, x);
    guns_split(w, o, x, guns0, aw0, fm, total);
    orgs_set_links(c, x, coca, prec);
    const int lost_coca = c->org[o].cocaine_link && !coca, lost_prec = c->org[o].precursor_link && !prec;
    finance_split(w, o, x, cash0, fm, total, lost_coca || lost_prec);
    orgs_record_birth(c, x, (double)fm, (double)w->finance.cash[x]);
    Command *xc = &L->cmd[x];
    memset(xc, 0, sizeof *xc);
    xc->cohesion = PV(p, P_LDR_SPLINTER_COHESION);
    xc->leader = leader;
    xc->leader.guard = PV(p, P_LDR_GUARD);
    staff(xc, p, fm, 0);
    orgs_set_instability(c, x, orgs_instability(c, o));
    const int home = c->org[x].home_state;
    orgs_event(c, w->tick, EV_SPLIT, o, x, home, (double)fm);
    orgs_event(c, w->tick, EV_BIRTH, x, o, home, (double)fm);
    if (lost_coca)
        orgs_event(c, w->tick, EV_LINK_LOST, x, o, home, 0);
    if (lost_prec)
        orgs_event(c, w->tick, EV_LINK_LOST, x, o, home, 1);
}

int leadership_split(World *w, int o, int n_factions)
{
    return split(w, o, n_factions, PV(&w->p, P_LDR_SPLIT_WAR));
}

static int split(World *w, int o, int n_factions, double war_prob)
{
    Orgs *c = &w->orgs;
    Leadership *L = &w->leadership;
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    const int tick = w->tick;
    const Geography *g = &w->sc->geo;
    int *pl = malloc(sizeof(int) * (size_t)(g->n_plazas > 0 ? g->n_plazas : 1)), n = 0;
    int *assign = malloc(sizeof(int) * (size_t)(g->n_plazas > 0 ? g->n_plazas : 1));
    if (!pl || !assign) {
        free(pl);
        free(assign);
        w->failure = "out of memory in a split";
        return 0;
    }
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == o)
            pl[n++] = k;
    if (n_factions > n)
        n_factions = n;
    if (n_factions > c->cap - c->n + 1)
        n_factions = c->cap - c->n + 1;
    if (n_factions < 2) {
        free(pl);
        free(assign);
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
    const Org *parent = &c->org[o];
    Command *pc = &L->cmd[o];
    const int64_t total = parent->members > 0 ? parent->members : 1;
    const int64_t cash0 = w->finance.cash[o], guns0 = w->guns.guns[o], aw0 = w->guns.aw[o];
    for (int f = 0; f < n_factions; f++) {
        if (f == keep) {
            faction_of[f] = o;
            continue;
        }
        const int x = orgs_new(c, o, tick, g->plazas[pl[f]].state);
        parent = &c->org[o];
        faction_of[f] = x;
        const int coca = parent->cocaine_link && rng_uniform(rng, RNG_LEADERS) < PV(p, P_LDR_LINK_KEEP);
        const int prec = parent->precursor_link && rng_uniform(rng, RNG_LEADERS) < PV(p, P_LDR_LINK_KEEP);
        found(w, o, x, fm[f], total, cash0, guns0, aw0, coca, prec, pc->lt[f]); /* the lieutenant who headed it leads it */
    }
    for (int i = 0; i < n; i++)
        orgs_set_owner(c, pl[i], faction_of[assign[i]]);
    pc->cohesion = fmin(pc->cohesion, PV(p, P_LDR_SPLINTER_COHESION));
    pc->leader = pc->lt[keep]; /* the continuing faction's lieutenant leads it */
    pc->leader.guard = PV(p, P_LDR_GUARD);
    pc->n_lieutenants = 0;
    staff(pc, p, fm[keep], 0);
    for (int a = 0; a < n_factions; a++)
        for (int b = a + 1; b < n_factions; b++)
            if (rng_uniform(rng, RNG_LEADERS) < war_prob)
                orgs_war_start(c, tick, faction_of[a], faction_of[b]);
    L->splits++;
    free(assign);
    free(pl);
    return n_factions;
}

/* Orphaned cells: when the leader of o is gone, each of its plazas in state s other than its main
 * plaza with at least cartels.min_members members breaks away with probability cell_breakaway as a new
 * local group (found: its members, cash and guns in proportion, no supplier link of its own, a leader
 * of its own), at war with its former organisation with probability split_war. One uniform per such
 * plaza, and one per breakaway. */
int leadership_break_away(World *w, int o, int s)
{
    Orgs *c = &w->orgs;
    Leadership *L = &w->leadership;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double q = PV(p, P_LDR_BREAKAWAY);
    if (q <= 0)
        return 0;
    const int64_t total = c->org[o].members > 0 ? c->org[o].members : 1;
    const int64_t cash0 = w->finance.cash[o], guns0 = w->guns.guns[o], aw0 = w->guns.aw[o];
    int made = 0;
    for (int k = 0; k < g->n_plazas; k++) {
        if (c->owner[k] != o || g->plazas[k].state != s || k == c->org[o].main_plaza)
            continue;
        if (rng_uniform(&w->rng, RNG_LEADERS) >= q || (double)c->plaza_members[k] < PV(p, P_ORG_MIN))
            continue; /* a cell too small to stand alone (cartels.min_members) stays */
        const int64_t fm = c->plaza_members[k];
        const int x = orgs_new(c, o, w->tick, s);
        if (x < 0)
            break;
        found(w, o, x, fm, total, cash0, guns0, aw0, 0, 0, new_person(p, 1, 0)); /* a local boss leads it */
        orgs_set_owner(c, k, x);
        if (rng_uniform(&w->rng, RNG_LEADERS) < PV(p, P_LDR_SPLIT_WAR))
            orgs_war_start(c, w->tick, o, x);
        L->breakaways++;
        made++;
    }
    if (made)
        orgs_tally(w);
    return made;
}

/* The leader of o is gone: orphaned cells in the state of the removal may break away; then the
 * longest-serving lieutenant takes over (orderly succession) with probability heir x cohesion,
 * otherwise the organisation splits into its lieutenants' factions. */
static void succeed(World *w, int o, int s)
{
    Leadership *L = &w->leadership;
    const Params *p = &w->p;
    leadership_break_away(w, o, s);
    Command *x = &L->cmd[o];
    const double u_heir = rng_uniform(&w->rng, RNG_LEADERS);
    if (u_heir < PV(p, P_LDR_HEIR) * x->cohesion || leadership_split(w, o, x->n_lieutenants) < 2) {
        x = &L->cmd[o];
        promote(x, p);
        x->cohesion *= 1 - PV(p, P_LDR_SUCCESSION_LOSS);
        L->successions++;
        orgs_event(&w->orgs, w->tick, EV_SUCCESSION, o, -1, s, (double)w->orgs.org[o].members);
    }
}

/* An event of the history (leadership.transfer): n prisoners sent to the US at once. Leaders
 * commanding from a Mexican prison go first, largest organisation first: extradited, their command
 * ends. The others held no command in the model and are only counted. */
static void transfer(World *w, int n)
{
    Orgs *c = &w->orgs;
    Leadership *L = &w->leadership;
    L->transferred += n;
    for (; n > 0; n--) {
        int o = -1;
        for (int i = 0; i < c->n; i++)
            if (c->org[i].alive && L->cmd[i].leader.jailed && (o < 0 || c->org[i].members > c->org[o].members))
                o = i;
        if (o < 0)
            return;
        const int s = orgs_main_state(w, o);
        L->leaders_extradited++;
        orgs_event(c, w->tick, EV_EXTRADITION, o, -1, s, (double)c->org[o].members);
        orgs_set_instability(c, o, 1);
        L->cmd[o].leader.jailed = 0;
        succeed(w, o, s);
    }
}

void leadership_step(World *w)
{
    Orgs *c = &w->orgs;
    Leadership *L = &w->leadership;
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    const int tick = w->tick;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    L->leaders_arrested = L->leaders_extradited = L->leaders_killed = L->lieutenants_removed = 0;
    L->successions = L->splits = L->transferred = L->breakaways = 0;
    /* Extradition demand (1 = the requests of 2000-2024) met by Mexico, as far as Mexico cooperates:
     * the demand met is multiplied by the cooperation factor of uspolicy.c (1 at the record's
     * cooperation; lower after strikes without consent, higher under the tariffs' pressure). */
    const double cooperation = uspolicy_cooperation_factor(w);
    const double demand = PV(p, P_LDR_EXTRADITION_DEMAND) * cooperation, share = PV(p, P_LDR_EXTRADITE);
    const double extradite = demand == 1.0 ? share : 1 - pow(1 - share, demand);
    const double from_prison = 1 - exp(-PV(p, P_LDR_PRISON_EXTRADITION) * fmax(0.0, demand - 1) * per_week);
    if (w->changed[P_LDR_TRANSFER] && PV(p, P_LDR_TRANSFER) > 0)
        transfer(w, (int)PV(p, P_LDR_TRANSFER));
    /* An event of the history (leadership.force_split): the largest organisation of a lineage loses its
     * leader, extradited, and splits into its lieutenants' factions, all at war with each other. */
    const int forced = (int)PV(p, P_LDR_FORCE_SPLIT);
    if (forced >= 0 && w->changed[P_LDR_FORCE_SPLIT]) {
        int o = -1;
        for (int i = 0; i < c->n; i++)
            if (c->org[i].alive && c->org[i].lineage == forced && (o < 0 || c->org[i].members > c->org[o].members))
                o = i;
        if (o >= 0) {
            L->leaders_extradited++;
            orgs_event(c, tick, EV_EXTRADITION, o, -1, orgs_main_state(w, o), (double)c->org[o].members);
            orgs_set_instability(c, o, 1);
            split(w, o, MAX_LIEUTENANTS, 1.0);
        }
    }
    const int n = c->n; /* organisations born this week are not at risk until next week */
    for (int o = 0; o < n; o++) {
        double u_lt[MAX_LIEUTENANTS]; /* one uniform per post and week, held or not (common random numbers) */
        const double u_leader = rng_uniform(rng, RNG_LEADERS), u_sent = rng_uniform(rng, RNG_EXTRADITION);
        for (int i = 0; i < MAX_LIEUTENANTS; i++)
            u_lt[i] = rng_uniform(rng, RNG_LEADERS);
        if (!c->org[o].alive)
            continue;
        Command *x = &L->cmd[o];
        x->cohesion += (1 - x->cohesion) * PV(p, P_ORG_COHESION_RECOVERY) * per_week;
        orgs_set_instability(c, o, orgs_instability(c, o) * exp(-per_week / PV(p, P_LDR_INSTABILITY_TIME)));
        const int s = orgs_main_state(w, o);
        const int64_t members = c->org[o].members;
        staff(x, p, members, 0);
        x->leader.tenure += 1;
        for (int i = 0; i < x->n_lieutenants; i++) {
            x->lt[i].tenure += 1;
            if (u_lt[i] < 1 - exp(-hazard(w, o, &x->lt[i], s, PV(p, P_LDR_LT_RATE)))) {
                L->lieutenants_removed++;
                x->cohesion *= 1 - PV(p, P_LDR_SUCCESSION_LOSS) * PV(p, P_LDR_LT_LOSS_SHARE);
                x->lt[i] = new_person(p, 0, 0);
            }
        }
        const int sent = x->leader.jailed && u_sent < from_prison; /* extradition demand reaches the prisons */
        /* a US strike on the leader (uspolicy.c) kills him this week */
        const int struck = uspolicy_leader_struck(&w->uspolicy, o) && !x->leader.jailed;
        if (!sent && !struck && u_leader >= 1 - exp(-hazard(w, o, &x->leader, s, 1.0)))
            continue;
        /* The leader is removed: how, and what follows. A leader commanding from a Mexican prison is
         * removed by extradition. Violence flares in the organisation's plazas (instability). */
        orgs_set_instability(c, o, 1);
        const double u_kind = rng_uniform(rng, RNG_LEADERS), u_next = rng_uniform(rng, RNG_LEADERS);
        const double kill = struck ? 1.0 : PV(p, P_LDR_KILL);
        if (x->leader.jailed) {
            x->leader.jailed = 0;
            L->leaders_extradited++;
            orgs_event(c, tick, EV_EXTRADITION, o, -1, s, (double)members);
        } else if (u_kind < kill) {
            L->leaders_killed++;
            orgs_event(c, tick, EV_KILLING, o, -1, s, (double)members);
        } else if (u_kind < kill + (1 - kill) * extradite) {
            L->leaders_extradited++;
            orgs_event(c, tick, EV_EXTRADITION, o, -1, s, (double)members);
        } else {
            L->leaders_arrested++;
            orgs_event(c, tick, EV_ARREST, o, -1, s, (double)members);
            if (u_next < PV(p, P_LDR_PRISON)) { /* commands from a Mexican prison, behind its walls */
                x->leader.jailed = 1;
                x->leader.guard = PV(p, P_LDR_GUARD_PRISON);
                continue;
            }
        }
        succeed(w, o, s);
    }
    orgs_tally(w);
}

void leadership_observe(const World *w, double *row)
{
    const MetricsLayout *M = &w->sc->layout;
    const Leadership *L = &w->leadership;
    row[metrics_offset(M, M_LEADERS_ARRESTED)] = L->leaders_arrested;
    row[metrics_offset(M, M_LEADERS_EXTRADITED)] = L->leaders_extradited;
    row[metrics_offset(M, M_LEADERS_KILLED)] = L->leaders_killed;
    row[metrics_offset(M, M_LIEUTENANTS_REMOVED)] = L->lieutenants_removed;
    row[metrics_offset(M, M_SUCCESSIONS)] = L->successions;
    row[metrics_offset(M, M_SPLITS)] = L->splits;
    row[metrics_offset(M, M_BREAKAWAYS)] = L->breakaways;
    row[metrics_offset(M, M_TRANSFERRED)] = L->transferred;
}

void leadership_free(World *w)
{
    free(w->leadership.cmd);
    memset(&w->leadership, 0, sizeof w->leadership);
}
