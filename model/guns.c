/* guns.c: the organisations' guns (see guns.h).
 *
 * An organisation of 2000 holds guns.per_member guns per member. Each week it buys
 * floor(budget / guns.price) guns with the budget its books set aside (guns.budget_share of income,
 * finance.c) and loses floor(guns x guns.depreciation / 52.18) to wear, loss and seizure. A split
 * shares guns in proportion to members, an absorption hands them over; guns per member, raised to
 * conflict.gun_elasticity, weigh fighters in contests (conflict.c). Guns are whole numbers, so splits
 * and merges conserve them exactly. */
#include "guns.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

int guns_init(World *w, Error *err)
{
    Guns *G = &w->guns;
    const Orgs *c = &w->orgs;
    memset(G, 0, sizeof *G);
    G->cap = c->cap;
    G->guns = calloc((size_t)G->cap, sizeof *G->guns);
    if (!G->guns)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the organisations' guns");
    for (int o = 0; o < c->n; o++)
        G->guns[o] = (int64_t)llround((double)c->org[o].members * PV(&w->p, P_GUN_PER_MEMBER));
    return CS_OK;
}

void guns_step(World *w)
{
    Guns *G = &w->guns;
    const Orgs *c = &w->orgs;
    const Params *p = &w->p;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    for (int o = 0; o < c->n; o++) {
        if (!c->org[o].alive)
            continue;
        const int64_t bought = (int64_t)floor(w->finance.gun_budget[o] / PV(p, P_GUN_PRICE));
        G->guns[o] += bought - (int64_t)floor((double)G->guns[o] * PV(p, P_GUN_DEPREC) * per_week);
    }
}

double guns_per_member(const World *w, int o)
{
    const int64_t m = w->orgs.org[o].members;
    return m > 0 ? (double)w->guns.guns[o] / (double)m : 0;
}

void guns_split(World *w, int parent, int child, int64_t guns0, int64_t fm, int64_t total)
{
    Guns *G = &w->guns;
    G->guns[child] = (int64_t)((double)guns0 * (double)fm / (double)total);
    G->guns[parent] -= G->guns[child];
}

void guns_merge(World *w, int from, int into)
{
    Guns *G = &w->guns;
    G->guns[into] += G->guns[from];
    G->guns[from] = 0;
}

void guns_observe(const World *w, double *row)
{
    double all = 0;
    for (int o = 0; o < w->orgs.n; o++)
        if (w->orgs.org[o].alive)
            all += (double)w->guns.guns[o];
    row[metrics_offset(&w->sc->layout, M_GUNS)] = all;
}

void guns_free(World *w)
{
    free(w->guns.guns);
    memset(&w->guns, 0, sizeof w->guns);
}
