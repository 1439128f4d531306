/* finance.c: the organisations' books (see finance.h).
 *
 * Each week, for every organisation, last week's income (trafficking credited by trafficking.c,
 * local activities by diversification.c) pays
 *     bribes  = corruption.share x income       (protection = 1 - exp(-bribes / cost), cost rising
 *                                                with plazas held, institutions and police strength)
 *     guns    = guns.budget_share x income x (1 + war_need at war)   (spent by guns.c)
 *     wages   = members x wage / 52.18;
 * what cash cannot pay makes members desert (desertion_rate, plaza by plaza in proportion); cash
 * beyond that leaves the books at cartels.cash_outflow a year (laundered, invested, spent). The
 * record of income by activity (smoothed over diversification.return_memory weeks) and of export
 * income (a fast and a slow average) gives the squeeze: 1 - fast / slow, which decays at the slow
 * rate and jumps to 1 when a faction is born without its parent's supplier link. Money becomes
 * members: income per member, smoothed over cartels.money_memory weeks, against cartels.income_ref,
 * raised to cartels.money_elasticity, scales the recruitment rate (finance_recruit_means, cartels.c),
 * so a lasting gain of income grows an organisation and a loss shrinks it, with that lag. */
#include "finance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

int finance_init(World *w, Error *err)
{
    Finance *f = &w->finance;
    const Geography *g = &w->sc->geo;
    memset(f, 0, sizeof *f);
    f->cap = w->orgs.cap;
    const size_t n = (size_t)f->cap;
    f->cash = calloc(n, sizeof *f->cash);
    f->protection = calloc(n, sizeof *f->protection);
    f->gun_budget = calloc(n, sizeof *f->gun_budget);
    f->revenue = calloc(n, sizeof *f->revenue);
    f->smooth = calloc(n, sizeof *f->smooth);
    f->traffic_fast = calloc(n, sizeof *f->traffic_fast);
    f->traffic_slow = calloc(n, sizeof *f->traffic_slow);
    f->squeeze = calloc(n, sizeof *f->squeeze);
    f->income_year = calloc(n, sizeof *f->income_year);
    f->laundering_share = calloc(n, sizeof *f->laundering_share);
    if (!f->income_year || !f->laundering_share || !f->cash || !f->protection || !f->gun_budget || !f->revenue || !f->smooth || !f->traffic_fast ||
        !f->traffic_slow || !f->squeeze)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' books");
    for (int o = 0; o < g->n_orgs; o++) {
        f->cash[o] = (int64_t)llround(g->orgs[o].cash);
        /* the record starts at the reference income per member (no history before 2000) */
        f->income_year[o] = PV(&w->p, P_ORG_INCOME_REF) * (double)w->orgs.org[o].members / WEEKS_PER_YEAR;
    }
    return CS_OK;
}

/* Income and costs of the week that ended. */
static void books(World *w, int o, double police)
{
    Finance *f = &w->finance;
    const Params *p = &w->p;
    const Org *x = &w->orgs.org[o];
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    double income = 0;
    for (int a = 0; a < N_ACTIVITIES; a++) {
        income += f->revenue[o][a];
        f->smooth[o][a] += (f->revenue[o][a] - f->smooth[o][a]) / PV(p, P_DIV_MEMORY);
    }
    const double traffic = f->revenue[o][ACT_TRAFFIC] + f->revenue[o][ACT_SYNTHETIC];
    const double fast = PV(p, P_DIV_SQUEEZE_FAST), slow = PV(p, P_DIV_SQUEEZE_SLOW);
    f->traffic_fast[o] += (traffic - f->traffic_fast[o]) * fast;
    f->traffic_slow[o] += (traffic - f->traffic_slow[o]) * slow;
    const double sq = f->traffic_slow[o] > 0 ? 1 - f->traffic_fast[o] / f->traffic_slow[o] : 0;
    f->squeeze[o] = fmax(f->squeeze[o] * (1 - slow), fmin(fmax(sq, 0), 1));
    f->income_year[o] += (income - f->income_year[o]) / PV(p, P_ORG_MONEY_MEMORY);
    const double need = 1 + PV(p, P_GUN_WAR_NEED) * (x->n_enemies > 0);
    const double bribes = PV(p, P_ORG_BRIBE_SHARE) * income, guns = PV(p, P_GUN_SHARE) * need * income;
    const double wages = (double)x->members * PV(p, P_ORG_WAGE) * per_week;
    /* a designated organisation pays dearer laundering (the share set by uspolicy.c: sanctions) */
    const double laundering = income > 0 ? f->laundering_share[o] * income : 0.0;
    f->laundering += laundering;
    const int64_t net = (int64_t)llround(income - bribes - guns - wages - laundering);
    f->cash[o] += net;
    f->ledger[CF_BOOKED] += net;
    f->income_booked += income;
    if (f->cash[o] > 0) { /* profits leave the books: laundered, invested, spent by the members */
        const int64_t out = (int64_t)floor((double)f->cash[o] * (1 - exp(-PV(p, P_ORG_OUTFLOW) * per_week)));
        f->cash[o] -= out;
        f->ledger[CF_OUTFLOW] -= out;
    }
    f->gun_budget[o] = guns;
    /* Protection from bribes; institution building and police strength make it dearer. */
    const double cost = PV(p, P_ORG_BRIBE_COST) * (x->n_plazas > 0 ? x->n_plazas : 1) *
                        (1 + PV(p, P_MX_INST_CORR) * PV(p, P_MX_INSTITUTIONS)) * police * per_week;
    f->protection[o] = 1 - exp(-bribes / cost);
}

/* Members who leave when wages go unpaid, plaza by plaza in proportion. */
static void desert(World *w, int o)
{
    Finance *f = &w->finance;
    Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const Org *x = &c->org[o];
    if (f->cash[o] >= 0 || x->members <= 0)
        return;
    const double unpaid = (double)(-f->cash[o]) / (PV(p, P_ORG_WAGE) / WEEKS_PER_YEAR);
    const double share = fmin(1.0, fmin(unpaid, (double)x->members) / (double)x->members *
                                       (1 - exp(-PV(p, P_ORG_DESERT) / WEEKS_PER_YEAR)));
    const Geography *g = &w->sc->geo;
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == o)
            orgs_add_members(c, k, -(int64_t)floor((double)c->plaza_members[k] * share), MF_DESERTED);
    f->ledger[CF_FORGIVEN] -= f->cash[o];
    f->cash[o] = 0;
}

void finance_step(World *w)
{
    Finance *f = &w->finance;
    const Orgs *c = &w->orgs;
    f->laundering = 0;
    for (int o = 0; o < c->n; o++) {
        if (c->org[o].alive) {
            books(w, o, w->mexico.police[orgs_main_state(w, o)]);
            desert(w, o);
        }
        memset(f->revenue[o], 0, sizeof f->revenue[o]);
    }
}

/* Income per member above this many times the reference raises recruitment no further (the pool of
 * willing recruits, not money, limits it: the saturation of cartels.c). */
#define MONEY_CAP 3.0

double finance_recruit_means(const World *w, int o)
{
    const int64_t m = w->orgs.org[o].members;
    if (m <= 0)
        return 1.0;
    const double per_member = w->finance.income_year[o] * WEEKS_PER_YEAR / (double)m;
    const double ratio = fmin(fmax(per_member / PV(&w->p, P_ORG_INCOME_REF), 0.0), MONEY_CAP);
    return pow(ratio, PV(&w->p, P_ORG_MONEY_ELAST));
}

void finance_split(World *w, int parent, int child, int64_t cash0, int64_t fm, int64_t total, int lost_link)
{
    Finance *f = &w->finance;
    f->cash[child] = (int64_t)((double)cash0 * (double)fm / (double)total); /* truncation: the rest stays */
    f->cash[parent] -= f->cash[child];
    f->traffic_slow[child] = f->traffic_slow[parent] * (double)fm / (double)total;
    f->traffic_fast[child] = 0;
    f->squeeze[child] = lost_link;
    f->income_year[child] = f->income_year[parent] * (double)fm / (double)total;
    f->income_year[parent] -= f->income_year[child];
}

int64_t finance_seize(World *w, int o, double share)
{
    Finance *f = &w->finance;
    if (f->cash[o] <= 0)
        return 0;
    const int64_t seized = (int64_t)floor((double)f->cash[o] * fmin(fmax(share, 0.0), 1.0));
    f->cash[o] -= seized;
    f->ledger[CF_SEIZED] -= seized;
    return seized;
}

void finance_merge(World *w, int from, int into)
{
    Finance *f = &w->finance;
    f->cash[into] += f->cash[from];
    f->cash[from] = 0;
    f->income_year[into] += f->income_year[from];
    f->income_year[from] = 0;
}

void finance_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Finance *f = &w->finance;
    const Orgs *c = &w->orgs;
    double *lin = row + metrics_offset(L, M_REVENUE);
    double *act = row + metrics_offset(L, M_REVENUE_ACTIVITY);
    double cash = 0, hhi = 0, total_traffic = 0;
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        double rev = 0;
        for (int a = 0; a < N_ACTIVITIES; a++) {
            act[a] += f->revenue[o][a];
            rev += f->revenue[o][a];
        }
        if (x->lineage < metrics_width(L, M_REVENUE))
            lin[x->lineage] += rev;
        total_traffic += f->revenue[o][ACT_TRAFFIC] + f->revenue[o][ACT_SYNTHETIC];
        if (x->alive)
            cash += (double)f->cash[o];
    }
    for (int o = 0; o < c->n && total_traffic > 0; o++) {
        const double s = (f->revenue[o][ACT_TRAFFIC] + f->revenue[o][ACT_SYNTHETIC]) / total_traffic;
        hhi += s * s;
    }
    row[metrics_offset(L, M_HHI)] = hhi;
    row[metrics_offset(L, M_CASH)] = cash;
    row[metrics_offset(L, M_LAUNDERING)] = f->laundering;
}

void finance_free(World *w)
{
    Finance *f = &w->finance;
    free(f->cash);
    free(f->protection);
    free(f->gun_budget);
    free(f->revenue);
    free(f->smooth);
    free(f->traffic_fast);
    free(f->traffic_slow);
    free(f->squeeze);
    free(f->income_year);
    free(f->laundering_share);
    memset(f, 0, sizeof *f);
}
