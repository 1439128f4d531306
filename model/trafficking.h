/* trafficking.h: routes and shipments, load by load (model.md 4.3); seizures by interdiction.h. */
#ifndef CARTELSIM_TRAFFICKING_H
#define CARTELSIM_TRAFFICKING_H

#include <stdint.h>

#include "drugs.h"
#include "geography.h"

struct World;
struct Error;

/* A candidate route: edges from an origin to the US market through one crossing. */
typedef struct Route {
    int n_edges;
    int *edges;
    double km;
    int crossing;
    /* this week's survival of a load of one organisation and product after each edge (see ship()):
     * valid for the week and slot of its stamp */
    double *surv;
    int stamp_tick, stamp_slot;
    /* loads of this shipment whose last edge passed is edge j (seized on it, or delivered: the last);
     * added to the edges' counts when the shipment is done (ship()), then zero again */
    int *hist;
    int hist_used;
    int tend;                    /* its set's tree edge before the last edge (into the US), -1 if none */
} Route;

/* Candidate routes from one start node (a plaza, or a transit corridor entered from the Andes). */
typedef struct RouteSet {
    int start;        /* node */
    int n;            /* routes */
    Route *routes;
    int *pool_i;      /* the routes' edges, route after route (NULL until packed) */
    double *pool_d;   /* the routes' survivals after each edge, route after route */
    int *pool_h;      /* the routes' hist, route after route */
    /* The routes' edges but the last form a tree from the start (shortest paths, the same prefix):
     * tree edge i is edge tedge[i] after tree edge tpar[i] (-1: the first), entering plaza tplaza[i]
     * (-1: no plaza), parents before children. The weekly products and counts along the routes are
     * taken once per tree edge: tsurv[i], the expected survival (traffickers' risk memory) up to and
     * through tree edge i, that week; tforeign[i], the plazas of non-allies of foreign_org entered
     * so far, that week. */
    int tn, *tedge, *tpar, *tplaza;
    double *tsurv;
    int *tforeign;
    int belief_tick, foreign_tick, foreign_org;
} RouteSet;

typedef struct Traffic {
    int n_sets;
    RouteSet *sets;              /* [0..n_corridors-1]: cocaine corridors; then one per plaza origin in use */
    int n_corridors;
    int *org_sets;               /* [org][product]: first route set of this week's shipments */
    int *org_nsets;              /* [org][product]: number of route sets (the corridors for cocaine) */
    int max_cand;                /* candidate routes of one organisation and product, at most */
    double *cand_cost, *cand_cum; /* [max_cand] scratch: cost and cumulative logit weight */
    int *cand_set, *cand_route;  /* [max_cand] scratch: route set and route of each candidate */
    Route **used;                /* [max_cand] scratch: the routes a shipment's loads took */
    double *risk;                /* [edge]: seizure probability traffickers expect */
    double *q;                   /* [edge][product]: this week's seizure probability (interdiction.c), cached */
    int *q_tick;                 /* [edge][product]: the week q was computed for, or -1 */
    unsigned char *ally;         /* [org]: allied with ally_org this week (orgs_allied), valid where */
    unsigned *ally_stamp;        /* [org] equals ally_epoch */
    unsigned ally_epoch;
    unsigned char *hostile;      /* [plaza]: held by a non-ally of ally_org this week */
    int ally_tick, ally_org;
    long *passed, *caught;       /* [edge]: loads this week */
    int64_t delivered_g[N_PRODUCTS];
    int64_t *org_delivered_g;    /* [org][product] */
    double *crossing_value;      /* [crossing]: wholesale value delivered this week */
    double poe_value;            /* wholesale value delivered through ports of entry this week */
    double loss[N_PRODUCTS];     /* smoothed share of shipments seized */
} Traffic;

int trafficking_init(struct World *w, struct Error *err);
/** @brief Route this week's shipments load by load; seizures, deliveries, learning. */
void trafficking_step(struct World *w);
/** @brief Delivered by product, smoothed loss rate, shares of the crossings. */
void trafficking_observe(const struct World *w, double *row);
void trafficking_free(struct World *w);
/** @brief Wholesale value delivered through crossing x in the last week routed (US$2010). */
static inline double trafficking_crossing_value(const Traffic *t, int x)
{
    return t->crossing_value[x];
}

#endif
