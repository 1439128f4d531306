/* trafficking.h: routes, shipments and interdiction (model.md 4.3). */
#ifndef CARTELSIM_TRAFFICKING_H
#define CARTELSIM_TRAFFICKING_H

#include <stdint.h>

#include "drugs.h"
#include "geography.h"

struct World;
struct Params;
struct Rng;

/* A candidate route: edges from an origin to the US market through one crossing. */
typedef struct Route {
    int n_edges;
    int *edges;
    double km;
    int crossing;
} Route;

/* Candidate routes from one start node (a plaza, or a transit corridor entered from the Andes). */
typedef struct RouteSet {
    int start;        /* node */
    int n;            /* routes */
    Route *routes;
} RouteSet;

typedef struct Traffic {
    int n_sets;
    RouteSet *sets;              /* [0..n_corridors-1]: cocaine corridors; then one per plaza origin in use */
    int n_corridors;
    int *org_sets;               /* [org][product]: first route set of this week's shipments */
    int *org_nsets;              /* [org][product]: number of route sets (the corridors for cocaine) */
    double *risk;                /* [edge]: seizure probability traffickers expect */
    double *effort;              /* [edge]: interdiction effort multiplier (mean 1 within a class) */
    long *passed, *caught;       /* [edge]: loads this week */
    double *hot;                 /* [edge]: seizures since the last re-allocation */
    int64_t seized_g[N_EDGE_CLASSES][N_PRODUCTS];
    int64_t delivered_g[N_PRODUCTS];
    int64_t *org_delivered_g;    /* [org][product] */
    double *crossing_value;      /* [crossing]: wholesale value delivered this week */
    double loss[N_PRODUCTS];     /* smoothed share of shipments seized */
} Traffic;

int trafficking_init(struct World *w, const struct Params *p, struct Rng *rng);
/** @brief Route this week's shipments load by load; seizures, deliveries, learning, re-allocation. */
void trafficking_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);
void trafficking_observe(const struct World *w, double *row);
void trafficking_free(struct World *w);

#endif
