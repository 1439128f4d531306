/* cartels.c: organisations and territory, static in this version (see cartels.h). */
#include "cartels.h"

#include <stdlib.h>
#include <string.h>

#include "metrics.h"
#include "sim.h"

int cartels_init(World *w, const Params *p, Rng *rng)
{
    (void)p;
    (void)rng;
    const Geography *g = &w->sc->geo;
    Cartels *c = &w->cartels;
    c->n = g->n_orgs;
    c->owner = malloc(sizeof(int) * (size_t)g->n_plazas);
    c->family = malloc(sizeof(int) * (size_t)(c->n + 1));
    c->revenue = calloc((size_t)c->n + 1, sizeof(double));
    for (int i = 0; i < g->n_plazas; i++)
        c->owner[i] = -1;
    for (int o = 0; o < c->n; o++) { /* first organisation listing a plaza holds it */
        for (int k = 0; k < g->orgs[o].n_plazas; k++)
            if (c->owner[g->orgs[o].plazas[k]] < 0)
                c->owner[g->orgs[o].plazas[k]] = o;
        int top = o, guard = 0;
        while (g->orgs[top].parent >= 0 && guard++ < c->n)
            top = g->orgs[top].parent;
        c->family[o] = top;
    }
    return CS_OK;
}

void cartels_step(World *w, const Params *p, Rng *rng, int tick)
{
    (void)p;
    (void)rng;
    (void)tick;
    memset(w->cartels.revenue, 0, sizeof(double) * (size_t)w->cartels.n);
}

int cartels_allied(const Cartels *c, int a, int b)
{
    return a == b || (a >= 0 && b >= 0 && c->family[a] == c->family[b]);
}

void cartels_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    for (int o = 0; o < w->cartels.n && o < metrics_width(L, M_REVENUE); o++)
        row[metrics_offset(L, M_REVENUE) + o] = w->cartels.revenue[o];
}

void cartels_free(World *w)
{
    free(w->cartels.owner);
    free(w->cartels.family);
    free(w->cartels.revenue);
    memset(&w->cartels, 0, sizeof w->cartels);
}
