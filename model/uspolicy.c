/* uspolicy.c: US-Mexico relations (see uspolicy.h; model.md 3.19).
 *
 * Terrorist designation: the lineages whose bit is set in uspolicy.fto.lineages (bit k: the
 * organisation of row k of organisations.csv and its splinters) are designated from the week the bit
 * is set. A designated organisation loses cash to asset seizures (uspolicy.fto.cash_seized a year) and
 * income to dearer laundering (set each week in finance.c's books with finance_set_laundering); its leaders' removal hazard
 * (leadership.c) and its members' arrests (mexico.c) rise with the intelligence that the designation
 * brings; its hostility toward the US jumps by uspolicy.fto.hostility. Every effect is per unit of
 * uspolicy.fto.enforcement and, except the hostility, times the cooperation factor.
 *
 * Mexican cooperation C (0..1) moves toward its goal, min(1, base + tariff.mexico_response x
 * tariff.mexico), over cooperation.recovery years, and falls by strikes.cooperation_loss x (1 - C) at
 * every strike without Mexico's consent. The levers that rest on it (leader removals, extraditions,
 * Mexican interdiction at seaports and on roads, precursor control) are scaled by
 *     factor = 1 + dependence x (C / base - 1),
 * exactly 1 at the base (the cooperation of the record, at which those levers are calibrated).
 *
 * US strikes: Poisson(strikes.rate / 52.18) a week (one uniform), each with five uniforms whatever
 * happens (target organisation, target kind, plaza, consent, success): the target is a designated
 * organisation (any, when none is) drawn in proportion to members; it is its leader (removed with
 * probability strikes.leader_success unless jailed: leadership.c kills him this week), its
 * laboratories (strikes.lab_damage of its synthetic production lost, recovering over
 * strikes.lab_recovery years) or a plaza drawn in proportion to members; every strike kills
 * Poisson(strikes.members_killed) members and Poisson(strikes.civilians) bystanders (two uniforms) in
 * the plaza struck (the main plaza for leaders and laboratories), which conflict.c adds to the
 * homicides; the target's hostility rises by strikes.hostility x (1 - hostility).
 *
 * Hostility relaxes toward hostility.base over hostility.decay_time years; a splinter starts with its
 * parent's. Retaliation against US nationals: in every plaza flagged tourist or at a crossing,
 * Poisson(retaliation.rate x hostility of its controller x its members / 1000 / 52.18) incidents a week
 * (one uniform per such plaza, held or not). Travel advisory of a state: level 1 + the number of the
 * thresholds advisory.level2..4 that its risk passes, risk = homicides per 100,000 a year (smoothed over
 * a year) + advisory.incident_weight x retaliation incidents a year there. Tourist arrivals:
 * tourism.arrivals x the mean over tourist plazas of (1 - tourism.advisory_effect x (level - 1)).
 * Tariffs on China: China stops tariff.china_response x tariff.china of the precursor arrivals (supply.c). */
#include "uspolicy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

/* Strikes drawn in one week at most (a rate of hundreds a year is far beyond any scenario; the bound
 * keeps the week's draws finite). */
#define MAX_STRIKES_WEEK 20

int uspolicy_init(World *w, Error *err)
{
    UsPolicy *u = &w->uspolicy;
    const Geography *g = &w->sc->geo;
    memset(u, 0, sizeof *u);
    u->cap = w->orgs.cap;
    u->n_states = g->n_states;
    u->n_plazas = g->n_plazas;
    const size_t cap = (size_t)(u->cap > 0 ? u->cap : 1), ns = (size_t)(g->n_states > 0 ? g->n_states : 1),
                 np = (size_t)(g->n_plazas > 0 ? g->n_plazas : 1);
    u->designated = calloc(cap, 1);
    u->seen = calloc(cap, 1);
    u->struck = calloc(cap, 1);
    u->hostility = calloc(cap, sizeof(double));
    u->lab_damage = calloc(cap, sizeof(double));
    u->incidents_year = calloc(ns, sizeof(double));
    u->hom_year = calloc(ns, sizeof(double));
    u->advisory = calloc(ns, sizeof(double));
    u->incidents_state = calloc(ns, sizeof(double));
    u->tourist_plazas = calloc(ns, sizeof(int));
    u->strike_members = calloc(np, sizeof(double));
    u->strike_civilians = calloc(np, sizeof(double));
    if (!u->designated || !u->seen || !u->struck || !u->hostility || !u->lab_damage || !u->incidents_year ||
        !u->hom_year || !u->advisory || !u->incidents_state || !u->tourist_plazas || !u->strike_members ||
        !u->strike_civilians)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for US-Mexico relations");
    u->cooperation = PV(&w->p, P_US_COOP_BASE);
    for (int k = 0; k < g->n_plazas; k++)
        if (g->plazas[k].tourist) {
            u->tourist_plazas[g->plazas[k].state]++;
            u->tourist_plazas_total++;
        }
    for (int s = 0; s < g->n_states; s++)
        u->advisory[s] = 1;
    return CS_OK;
}

double uspolicy_cooperation(const World *w)
{
    return w->uspolicy.cooperation;
}

double uspolicy_cooperation_factor(const World *w)
{
    return 1 + PV(&w->p, P_US_COOP_DEPENDENCE) * (w->uspolicy.cooperation / PV(&w->p, P_US_COOP_BASE) - 1);
}

static int designated(const World *w, int o)
{
    return w->uspolicy.designated && o >= 0 && o < w->uspolicy.cap && w->uspolicy.designated[o];
}

double uspolicy_leader_factor(const World *w, int o)
{
    const double fto = designated(w, o) ? PV(&w->p, P_US_FTO_LEADER) * PV(&w->p, P_US_FTO_ENFORCEMENT) : 0.0;
    return uspolicy_cooperation_factor(w) * (1 + fto);
}

double uspolicy_member_factor(const World *w, int o)
{
    if (!designated(w, o))
        return 1.0;
    return 1 + PV(&w->p, P_US_FTO_MEMBER) * PV(&w->p, P_US_FTO_ENFORCEMENT) * uspolicy_cooperation_factor(w);
}

static double laundering_share(const World *w, int o)
{
    if (!designated(w, o))
        return 0.0;
    return fmin(1.0, PV(&w->p, P_US_FTO_LAUNDER) * PV(&w->p, P_US_FTO_ENFORCEMENT) * uspolicy_cooperation_factor(w));
}

/* Designations of the week; a newborn organisation (a splinter) takes its parent's hostility. */
static void designate(World *w)
{
    UsPolicy *u = &w->uspolicy;
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const long long mask = (long long)PV(p, P_US_FTO_LINEAGES);
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        if (!u->seen[o]) {
            u->seen[o] = 1;
            u->hostility[o] = x->parent >= 0 && x->parent < u->cap && u->seen[x->parent] && o >= w->sc->geo.n_orgs
                                  ? u->hostility[x->parent]
                                  : PV(p, P_US_HOST_BASE);
            u->designated[o] = x->parent >= 0 && o >= w->sc->geo.n_orgs ? u->designated[x->parent] : 0;
        }
        if (!x->alive)
            continue;
        const int now = x->lineage >= 0 && x->lineage < 62 && (mask >> x->lineage & 1);
        if (now && !u->designated[o]) {
            u->hostility[o] = fmin(1.0, u->hostility[o] + PV(p, P_US_FTO_HOSTILITY));
            orgs_event(c, w->tick, EV_DESIGNATION, o, -1, orgs_main_state(w, o), (double)x->members);
        }
        u->designated[o] = (unsigned char)now;
    }
}

/* Asset seizures of the designated organisations (finance_seize takes the cash). */
static void sanctions(World *w)
{
    UsPolicy *u = &w->uspolicy;
    const Orgs *c = &w->orgs;
    const double rate = PV(&w->p, P_US_FTO_CASH) * PV(&w->p, P_US_FTO_ENFORCEMENT) * uspolicy_cooperation_factor(w);
    const double share = 1 - exp(-rate / WEEKS_PER_YEAR);
    for (int o = 0; o < c->n; o++)
        if (c->org[o].alive && u->designated[o] && share > 0)
            u->cash_seized += (double)finance_seize(w, o, share);
}

/* A plaza of organisation o drawn in proportion to its members (u in (0,1)); its main plaza when
 * main is set; -1 when it holds none. */
static int plaza_of(const World *w, int o, double u, int main)
{
    const Orgs *c = &w->orgs;
    if (main && c->org[o].main_plaza >= 0 && c->owner[c->org[o].main_plaza] == o)
        return c->org[o].main_plaza;
    double total = 0;
    int last = -1;
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        if (c->owner[k] == o)
            total += (double)c->plaza_members[k];
    double acc = 0;
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        if (c->owner[k] == o) {
            last = k;
            acc += (double)c->plaza_members[k];
            if (acc >= u * total)
                return k;
        }
    return last;
}

static void strikes(World *w)
{
    UsPolicy *u = &w->uspolicy;
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    long n = (long)rng_poisson_inv(rng, RNG_USPOLICY, PV(p, P_US_STRIKE_RATE) / WEEKS_PER_YEAR);
    if (n > MAX_STRIKES_WEEK)
        n = MAX_STRIKES_WEEK;
    for (long i = 0; i < n; i++) {
        const double u_org = rng_uniform(rng, RNG_USPOLICY), u_kind = rng_uniform(rng, RNG_USPOLICY);
        const double u_plaza = rng_uniform(rng, RNG_USPOLICY), u_consent = rng_uniform(rng, RNG_USPOLICY);
        const double u_hit = rng_uniform(rng, RNG_USPOLICY);
        const long killed0 = (long)rng_poisson_inv(rng, RNG_USPOLICY, PV(p, P_US_STRIKE_KILLED));
        const double civilians = (double)rng_poisson_inv(rng, RNG_USPOLICY, PV(p, P_US_STRIKE_CIVILIANS));
        /* the target: a designated organisation (any, when none is), in proportion to members */
        int any = 0;
        double total = 0;
        for (int o = 0; o < c->n; o++)
            any |= c->org[o].alive && u->designated[o] && c->org[o].members > 0;
        for (int o = 0; o < c->n; o++)
            if (c->org[o].alive && (!any || u->designated[o]))
                total += (double)c->org[o].members;
        if (total <= 0)
            continue;
        int o = -1;
        double acc = 0;
        for (int j = 0; j < c->n && o < 0; j++)
            if (c->org[j].alive && (!any || u->designated[j])) {
                acc += (double)c->org[j].members;
                if (acc >= u_org * total && c->org[j].members > 0)
                    o = j;
            }
        if (o < 0)
            continue;
        const double lead = PV(p, P_US_STRIKE_LEADERS), lab = PV(p, P_US_STRIKE_LABS);
        const int kind = u_kind < lead ? STRIKE_LEADER : u_kind < lead + lab ? STRIKE_LAB : STRIKE_PLAZA;
        const int k = plaza_of(w, o, u_plaza, kind != STRIKE_PLAZA);
        if (k < 0)
            continue;
        u->strikes++;
        u->strikes_target[kind]++;
        if (u_consent >= PV(p, P_US_STRIKE_CONSENT)) { /* without Mexico's consent */
            u->strikes_unconsented++;
            u->cooperation -= PV(p, P_US_STRIKE_COOP_LOSS) * u->cooperation;
        }
        if (kind == STRIKE_LEADER && u_hit < PV(p, P_US_STRIKE_LEADER_HIT) && !w->leadership.cmd[o].leader.jailed &&
            !u->struck[o]) {
            u->struck[o] = 1;
            u->strike_leaders_killed++;
        }
        if (kind == STRIKE_LAB && c->org[o].precursor_link)
            u->lab_damage[o] = fmax(u->lab_damage[o], PV(p, P_US_STRIKE_LAB_DAMAGE));
        const int64_t there = c->plaza_members[k];
        const int64_t killed = killed0 < there ? (int64_t)killed0 : there;
        orgs_add_members(c, k, -killed, MF_STRUCK);
        guns_seize(w, o, killed);
        u->strike_members[k] += (double)killed;
        u->strike_civilians[k] += civilians;
        u->strike_members_total += (double)killed;
        u->strike_civilians_total += civilians;
        u->hostility[o] += PV(p, P_US_STRIKE_HOSTILITY) * (1 - u->hostility[o]);
        orgs_event(c, w->tick, EV_STRIKE, o, -1, w->sc->geo.plazas[k].state, (double)killed + civilians);
    }
    orgs_tally(w);
}

/* Retaliation against US nationals in tourist and border plazas; advisories and tourists. */
static void retaliation(World *w)
{
    UsPolicy *u = &w->uspolicy;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double rate = PV(p, P_US_RET_RATE) / WEEKS_PER_YEAR / 1000.0;
    memset(u->incidents_state, 0, sizeof(double) * (size_t)g->n_states);
    for (int k = 0; k < g->n_plazas; k++) {
        if (!g->plazas[k].tourist && g->plazas[k].crossing < 0)
            continue;
        const int o = c->owner[k];
        const double mu = o >= 0 ? rate * u->hostility[o] * (double)c->plaza_members[k] : 0.0;
        const double n = (double)rng_poisson_inv(&w->rng, RNG_USPOLICY, mu);
        u->incidents_state[g->plazas[k].state] += n;
        u->incidents += n;
    }
    const double year = 1.0 / WEEKS_PER_YEAR, arrivals = PV(p, P_US_TOURISM_ARRIVALS) / WEEKS_PER_YEAR;
    const double l2 = PV(p, P_US_ADV_L2), l3 = PV(p, P_US_ADV_L3), l4 = PV(p, P_US_ADV_L4);
    double kept = 0;
    for (int s = 0; s < g->n_states; s++) {
        /* last week's homicides (conflict.c runs later in the week) */
        u->hom_year[s] += (w->conflict.state_homicides[s] - u->hom_year[s]) * year;
        u->incidents_year[s] += (u->incidents_state[s] * WEEKS_PER_YEAR - u->incidents_year[s]) * year;
        const double risk = u->hom_year[s] * WEEKS_PER_YEAR / w->mexico.pop[s] * 1e5 +
                            PV(p, P_US_ADV_INCIDENTS) * u->incidents_year[s];
        u->advisory[s] = 1 + (risk >= l2) + (risk >= l3) + (risk >= l4);
        kept += u->tourist_plazas[s] * fmax(0.0, 1 - PV(p, P_US_TOURISM_EFFECT) * (u->advisory[s] - 1));
    }
    u->tourists = u->tourist_plazas_total > 0 ? arrivals * kept / u->tourist_plazas_total : arrivals;
}

void uspolicy_step(World *w)
{
    UsPolicy *u = &w->uspolicy;
    const Params *p = &w->p;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    u->strikes = u->strikes_unconsented = u->strike_leaders_killed = 0;
    u->strike_members_total = u->strike_civilians_total = u->incidents = u->cash_seized = 0;
    memset(u->strikes_target, 0, sizeof u->strikes_target);
    memset(u->struck, 0, (size_t)u->cap);
    memset(u->strike_members, 0, sizeof(double) * (size_t)u->n_plazas);
    memset(u->strike_civilians, 0, sizeof(double) * (size_t)u->n_plazas);
    /* Cooperation: toward its goal (tariffs on Mexico press for more), set back by strikes without consent. */
    const double goal = fmin(1.0, PV(p, P_US_COOP_BASE) + PV(p, P_US_TARIFF_MX_RESPONSE) * PV(p, P_US_TARIFF_MX));
    u->cooperation += (goal - u->cooperation) * (1 - exp(-per_week / PV(p, P_US_COOP_RECOVERY)));
    u->china_stop = fmin(0.99, PV(p, P_US_TARIFF_CN_RESPONSE) * PV(p, P_US_TARIFF_CN));
    designate(w);
    sanctions(w);
    strikes(w);
    const double relax = 1 - exp(-per_week / PV(p, P_US_HOST_DECAY)), heal = exp(-per_week / PV(p, P_US_STRIKE_LAB_RECOVERY));
    for (int o = 0; o < w->orgs.n; o++) {
        u->hostility[o] += (PV(p, P_US_HOST_BASE) - u->hostility[o]) * relax;
        u->lab_damage[o] *= heal;
    }
    retaliation(w);
    for (int o = 0; o < w->orgs.n; o++) /* the books of this week (finance.c runs next) */
        finance_set_laundering(&w->finance, o, laundering_share(w, o));
}

/* An organisation born this week (a splinter) takes its parent's hostility and designation at the
 * next step; until then it reports its parent's. */
static double hostility_of(const UsPolicy *u, const Orgs *c, int o)
{
    const int p = c->org[o].parent;
    return u->seen[o] || p < 0 || p >= u->cap ? u->hostility[o] : u->hostility[p];
}

static int designated_of(const UsPolicy *u, const Orgs *c, int o)
{
    const int p = c->org[o].parent;
    return u->seen[o] || p < 0 || p >= u->cap ? u->designated[o] : u->designated[p];
}

void uspolicy_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const UsPolicy *u = &w->uspolicy;
    const Orgs *c = &w->orgs;
    double *h = row + metrics_offset(L, M_US_HOSTILITY);
    int designated_now = 0;
    for (int o = 0; o < c->n; o++)
        designated_now += c->org[o].alive && designated_of(u, c, o);
    /* hostility of a lineage: the mean over its living organisations, weighted by members */
    for (int l = 0; l < metrics_width(L, M_US_HOSTILITY); l++) {
        double sum = 0, members = 0;
        for (int o = 0; o < c->n; o++)
            if (c->org[o].alive && c->org[o].lineage == l) {
                sum += hostility_of(u, c, o) * (double)c->org[o].members;
                members += (double)c->org[o].members;
            }
        h[l] = members > 0 ? sum / members : 0.0;
    }
    row[metrics_offset(L, M_US_DESIGNATED)] = designated_now;
    row[metrics_offset(L, M_US_COOPERATION)] = u->cooperation;
    row[metrics_offset(L, M_US_STRIKES)] = u->strikes;
    row[metrics_offset(L, M_US_STRIKES_UNCONSENTED)] = u->strikes_unconsented;
    row[metrics_offset(L, M_US_STRIKES_LEADERS)] = u->strikes_target[STRIKE_LEADER];
    row[metrics_offset(L, M_US_STRIKES_LABS)] = u->strikes_target[STRIKE_LAB];
    row[metrics_offset(L, M_US_STRIKES_PLAZAS)] = u->strikes_target[STRIKE_PLAZA];
    row[metrics_offset(L, M_US_STRIKE_LEADERS_KILLED)] = u->strike_leaders_killed;
    row[metrics_offset(L, M_US_STRIKE_MEMBERS)] = u->strike_members_total;
    row[metrics_offset(L, M_US_STRIKE_CIVILIANS)] = u->strike_civilians_total;
    row[metrics_offset(L, M_US_INCIDENTS)] = u->incidents;
    for (int s = 0; s < u->n_states && s < metrics_width(L, M_US_ADVISORY); s++) {
        row[metrics_offset(L, M_US_ADVISORY) + s] = u->advisory[s];
        row[metrics_offset(L, M_US_INCIDENTS_STATE) + s] = u->incidents_state[s];
    }
    row[metrics_offset(L, M_US_TOURISTS)] = u->tourists;
    row[metrics_offset(L, M_US_CASH_SEIZED)] = u->cash_seized;
    row[metrics_offset(L, M_US_CHINA_STOP)] = u->china_stop;
}

void uspolicy_free(World *w)
{
    UsPolicy *u = &w->uspolicy;
    free(u->designated);
    free(u->seen);
    free(u->struck);
    free(u->hostility);
    free(u->lab_damage);
    free(u->incidents_year);
    free(u->hom_year);
    free(u->advisory);
    free(u->incidents_state);
    free(u->tourist_plazas);
    free(u->strike_members);
    free(u->strike_civilians);
    memset(u, 0, sizeof *u);
}
