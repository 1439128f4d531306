/* guns.c: the organisations' guns (see guns.h).
 *
 * Purchases. Each week an organisation spends the gun budget its books set aside (finance.c:
 * guns.budget_share of income, more at war) through a crossing: the crossing it controls with most
 * members there, or else the crossing nearest to its main plaza, at guns.access_markup more unless
 * an ally holds it. A share guns.non_us_share of the budget buys from other sources (Central America,
 * leaks from Mexican stocks) at guns.price; the rest buys US guns at
 *     guns.price x access x (1 + straw_prosecution x straw_price_effect) x (1 + private_checks x effect).
 * US guns crossing south are seized by US inspection and Mexican customs with probabilities
 * southbound_inspection and mexican_customs (randomised rounding, one uniform per organisation and
 * week). Of the US guns, rest_of_us_share come from beyond the crossing's border state. The share of
 * assault weapons among them is aw_share.ban under a federal ban, or in California under its own ban,
 * aw_share.free otherwise, less reporting_aw_effect in the border states while multiple sales of
 * rifles are reported; guns from other sources carry aw_share.ban.
 * Losses. Guns wear out and are lost at guns.depreciation a year; members arrested or killed by the
 * forces lose theirs (seized, mexico.c); fighters killed in an attack lose theirs, of which
 * capture_share go to the other side (conflict.c).
 * Lethality. Attacks, executions and confrontations with the forces kill in proportion to
 * (1 + aw_lethality x assault-weapon share) / (1 + aw_lethality x aw_share.ban).
 * Guns are whole numbers, so splits and merges conserve them exactly. */
#include "guns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

const char *const guns_source_names[N_GUN_SOURCES] = {"texas",      "arizona",    "new_mexico",
                                                      "california", "rest_of_us", "other_sources"};

int guns_init(World *w, Error *err)
{
    Guns *G = &w->guns;
    const Orgs *c = &w->orgs;
    const Geography *g = &w->sc->geo;
    memset(G, 0, sizeof *G);
    G->week = -1;
    G->cap = c->cap;
    G->guns = calloc((size_t)G->cap, sizeof *G->guns);
    G->aw = calloc((size_t)G->cap, sizeof *G->aw);
    G->nearest_crossing = malloc(sizeof(int) * (size_t)(g->n_plazas > 0 ? g->n_plazas : 1));
    G->via_crossing = calloc((size_t)(g->n_crossings > 0 ? g->n_crossings : 1), sizeof(double));
    if (!G->guns || !G->aw || !G->nearest_crossing || !G->via_crossing)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' guns");
    for (int k = 0; k < g->n_plazas; k++) { /* nearest crossing, by distance on the map */
        const GeoPlaza *P = &g->plazas[k];
        double best = INFINITY;
        G->nearest_crossing[k] = -1;
        for (int x = 0; x < g->n_crossings; x++) {
            const GeoPlaza *X = &g->plazas[g->crossings[x].plaza];
            const double dx = (P->lon - X->lon) * cos((P->lat + X->lat) * 3.14159265358979323846 / 360.0);
            const double d = dx * dx + (P->lat - X->lat) * (P->lat - X->lat);
            if (d < best) {
                best = d;
                G->nearest_crossing[k] = x;
            }
        }
    }
    for (int o = 0; o < c->n; o++) {
        G->guns[o] = (int64_t)llround((double)c->org[o].members * PV(&w->p, P_GUN_PER_MEMBER));
        G->aw[o] = (int64_t)llround((double)G->guns[o] * PV(&w->p, P_GUN_AW0));
    }
    return CS_OK;
}

/* The crossing organisation o buys through, and the price multiplier of its access to it. */
static int gateway(const World *w, int o, double *access)
{
    const Orgs *c = &w->orgs;
    const Geography *g = &w->sc->geo;
    int best = -1;
    for (int x = 0; x < g->n_crossings; x++) {
        const int k = g->crossings[x].plaza;
        if (c->owner[k] == o && (best < 0 || c->plaza_members[k] > c->plaza_members[g->crossings[best].plaza]))
            best = x;
    }
    *access = 1;
    if (best >= 0)
        return best;
    const int main = c->org[o].main_plaza;
    if (main < 0)
        return -1;
    best = w->guns.nearest_crossing[main];
    const int holder = best >= 0 ? c->owner[g->crossings[best].plaza] : -1;
    if (!orgs_allied(c, holder, o))
        *access = 1 + PV(&w->p, P_GUN_ACCESS_MARKUP);
    return best;
}

/* Share of assault weapons among US guns bought in border state u (u < 0: the rest of the US). */
static double aw_share(const Params *p, int u)
{
    const int banned = PV(p, P_GUN_FED_BAN) > 0.5 || (u == US_CALIFORNIA && PV(p, P_GUN_CA_BAN) > 0.5);
    double a = banned ? PV(p, P_GUN_AW_BAN) : PV(p, P_GUN_AW_FREE);
    if (u >= 0 && !banned)
        a *= 1 - PV(p, P_GUN_REPORTING) * PV(p, P_GUN_REPORTING_EFFECT);
    return a;
}

/* This week's counts, set to zero the first time the week touches them: US strikes (uspolicy.c) seize
 * guns before guns_step runs. */
static void this_week(World *w)
{
    Guns *G = &w->guns;
    if (G->week == w->tick)
        return;
    G->week = w->tick;
    memset(G->trafficked, 0, sizeof G->trafficked);
    memset(G->via_crossing, 0, sizeof(double) * (size_t)w->sc->geo.n_crossings);
    G->seized_border = G->seized_forces = G->captured = 0;
}

void guns_step(World *w)
{
    Guns *G = &w->guns;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const double per_week = 1.0 / WEEKS_PER_YEAR, price = PV(p, P_GUN_PRICE);
    const double us_price = price * (1 + PV(p, P_GUN_STRAW) * PV(p, P_GUN_STRAW_EFFECT)) *
                            (1 + PV(p, P_GUN_PRIVATE) * PV(p, P_GUN_PRIVATE_EFFECT));
    const double caught = 1 - (1 - PV(p, P_GUN_INSPECTION)) * (1 - PV(p, P_GUN_CUSTOMS));
    const double non_us = PV(p, P_GUN_NON_US), rest = PV(p, P_GUN_REST_SHARE), aw_other = PV(p, P_GUN_AW_BAN);
    this_week(w);
    for (int o = 0; o < c->n; o++) {
        const double u = rng_uniform(&w->rng, RNG_GUNS); /* one per slot and week (common random numbers) */
        if (!c->org[o].alive)
            continue;
        /* wear and loss first, on what was held */
        G->aw[o] -= (int64_t)floor((double)G->aw[o] * PV(p, P_GUN_DEPREC) * per_week);
        const int64_t worn = (int64_t)floor((double)G->guns[o] * PV(p, P_GUN_DEPREC) * per_week);
        G->guns[o] -= worn;
        G->ledger[GF_WORN] -= worn;
        const double budget = w->finance.gun_budget[o];
        double access;
        const int x = gateway(w, o, &access);
        if (budget <= 0 || x < 0)
            continue;
        const int64_t other = (int64_t)floor(budget * non_us / (price * access));
        const int64_t bought = (int64_t)floor(budget * (1 - non_us) / (us_price * access));
        const int64_t seized = (int64_t)floor((double)bought * caught + u);
        const int64_t delivered = bought - (seized < bought ? seized : bought);
        const int64_t from_rest = (int64_t)llround((double)delivered * rest), from_state = delivered - from_rest;
        const int us = g->crossings[x].us_state;
        const int64_t aw = (int64_t)llround((double)from_state * aw_share(p, us) + (double)from_rest * aw_share(p, -1) +
                                            (double)other * aw_other);
        G->guns[o] += delivered + other;
        G->ledger[GF_BOUGHT] += delivered + other;
        G->aw[o] += aw;
        G->trafficked[us] += (double)from_state; /* enum UsState and the first sources agree */
        G->trafficked[GS_REST_OF_US] += (double)from_rest;
        G->trafficked[GS_OTHER] += (double)other;
        G->via_crossing[x] += (double)delivered;
        G->seized_border += (double)(bought - delivered);
    }
}

double guns_per_member(const World *w, int o)
{
    const int64_t m = w->orgs.org[o].members;
    return m > 0 ? (double)w->guns.guns[o] / (double)m : 0;
}

double guns_lethality(const World *w, int o)
{
    const double k = PV(&w->p, P_GUN_AW_LETHALITY), g = (double)w->guns.guns[o];
    const double share = g > 0 ? (double)w->guns.aw[o] / g : 0;
    return (1 + k * share) / (1 + k * PV(&w->p, P_GUN_AW_BAN));
}

/* Remove `lost` guns of o, assault weapons in proportion; returns the assault weapons among them. */
static int64_t take(Guns *G, int o, int64_t lost)
{
    if (lost > G->guns[o])
        lost = G->guns[o];
    const int64_t aw = G->guns[o] > 0 ? (int64_t)llround((double)lost * (double)G->aw[o] / (double)G->guns[o]) : 0;
    G->guns[o] -= lost;
    G->aw[o] -= aw;
    return aw;
}

void guns_seize(World *w, int o, int64_t members)
{
    if (members <= 0)
        return;
    this_week(w);
    const int64_t lost = (int64_t)llround((double)members * guns_per_member(w, o));
    const int64_t before = w->guns.guns[o];
    take(&w->guns, o, lost);
    w->guns.seized_forces += (double)(before - w->guns.guns[o]);
    w->guns.ledger[GF_SEIZED] -= before - w->guns.guns[o];
}

void guns_capture(World *w, int loser, int winner, int64_t killed)
{
    Guns *G = &w->guns;
    if (killed <= 0)
        return;
    this_week(w);
    const int64_t before = G->guns[loser];
    const int64_t aw = take(G, loser, (int64_t)llround((double)killed * guns_per_member(w, loser)));
    const double share = PV(&w->p, P_GUN_CAPTURE);
    const int64_t got = (int64_t)floor((double)(before - G->guns[loser]) * share);
    G->guns[winner] += got;
    G->ledger[GF_LOST] -= before - G->guns[loser] - got;
    G->aw[winner] += (int64_t)floor((double)aw * share) < got ? (int64_t)floor((double)aw * share) : got;
    G->captured += (double)got;
}

void guns_split(World *w, int parent, int child, int64_t guns0, int64_t aw0, int64_t fm, int64_t total)
{
    Guns *G = &w->guns;
    G->guns[child] = (int64_t)((double)guns0 * (double)fm / (double)total);
    G->aw[child] = (int64_t)((double)aw0 * (double)fm / (double)total);
    G->guns[parent] -= G->guns[child];
    G->aw[parent] -= G->aw[child];
}

void guns_merge(World *w, int from, int into)
{
    Guns *G = &w->guns;
    G->guns[into] += G->guns[from];
    G->aw[into] += G->aw[from];
    G->guns[from] = G->aw[from] = 0;
}

void guns_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Guns *G = &w->guns;
    const Orgs *c = &w->orgs;
    const Geography *g = &w->sc->geo;
    double all = 0, aw = 0;
    double *lin = row + metrics_offset(L, M_GUNS_LINEAGE);
    for (int o = 0; o < c->n; o++)
        if (c->org[o].alive) {
            all += (double)G->guns[o];
            aw += (double)G->aw[o];
            if (c->org[o].lineage < metrics_width(L, M_GUNS_LINEAGE))
                lin[c->org[o].lineage] += (double)G->guns[o];
        }
    row[metrics_offset(L, M_GUNS)] = all;
    row[metrics_offset(L, M_AW_SHARE)] = all > 0 ? aw / all : 0;
    for (int s = 0; s < N_GUN_SOURCES; s++)
        row[metrics_offset(L, M_GUNS_TRAFFICKED) + s] = G->trafficked[s];
    for (int x = 0; x < g->n_crossings && x < metrics_width(L, M_GUNS_CROSSING); x++)
        row[metrics_offset(L, M_GUNS_CROSSING) + x] = G->via_crossing[x];
    row[metrics_offset(L, M_GUNS_SEIZED_BORDER)] = G->seized_border;
    row[metrics_offset(L, M_GUNS_SEIZED_FORCES)] = G->seized_forces;
    row[metrics_offset(L, M_GUNS_CAPTURED)] = G->captured;
    double *st = row + metrics_offset(L, M_GUNS_STATE);
    for (int k = 0; k < g->n_plazas; k++) { /* guns go with the members who hold them */
        const int o = c->owner[k];
        if (o >= 0 && c->org[o].members > 0 && g->plazas[k].state < metrics_width(L, M_GUNS_STATE))
            st[g->plazas[k].state] += (double)G->guns[o] * (double)c->plaza_members[k] / (double)c->org[o].members;
    }
}

void guns_free(World *w)
{
    Guns *G = &w->guns;
    free(G->guns);
    free(G->aw);
    free(G->nearest_crossing);
    free(G->via_crossing);
    memset(G, 0, sizeof *G);
}
