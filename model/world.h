/* world.h: the World of one replicate: the scenario it runs, its current parameters, its random
 * streams and the state of every mechanism (each mechanism's own struct, declared in its header).
 * Mechanisms include this file, not the replicate runner (sim.h); each writes only its own member of
 * the World and changes another's state only through the owner's functions.
 *
 * Every mechanism has the same face (model/mechanisms.def lists them in schedule order):
 *     int  NAME_init(World *w, Error *err);       set up its state (CS_OK or an error)
 *     void NAME_step(World *w);                   one week (w->tick), at w->p, drawing from w->rng
 *     void NAME_observe(const World *w, double *row);  fill its own series in the week's row
 *     void NAME_free(World *w);                   release its state (safe after a failed init) */
#ifndef CARTELSIM_WORLD_H
#define CARTELSIM_WORLD_H

#include "error.h"
#include "metrics.h"
#include "params.h"
#include "rng.h"
#include "scenario.h"

#include "border.h"
#include "cartels.h"
#include "conflict.h"
#include "costs.h"
#include "demand.h"
#include "deportation.h"
#include "diversification.h"
#include "finance.h"
#include "guns.h"
#include "interdiction.h"
#include "invariants.h"
#include "leadership.h"
#include "market.h"
#include "mexico.h"
#include "orgs.h"
#include "supply.h"
#include "trafficking.h"
#include "uspolicy.h"

/* Weeks in a mean Gregorian year: rates per year become weekly probabilities with it. */
#define WEEKS_PER_YEAR (365.25 / 7.0)

/* All state of one replicate; replicates share nothing but the read-only Scenario. */
typedef struct World {
    const Scenario *sc;
    Params p;                        /* current parameters: base plus timeline changes so far */
    unsigned char changed[N_PARAMS]; /* parameters changed at the current tick */
    int tick, n_ticks, replicate;
    double scale;                    /* persons per agent */
    Rng rng;
    const char *failure;             /* set by a mechanism that cannot go on (out of memory); the run stops */
    /* the mechanisms, in schedule order (mechanisms.def); all but demand need the scenario's data */
    Demand demand;
    Orgs orgs;
    Mexico mexico;
    UsPolicy uspolicy;
    Finance finance;
    Guns guns;
    Cartels cartels;
    Leadership leadership;
    Conflict conflict;
    Deportation deportation;
    Border border;
    Diversification diversification;
    Supply supply;
    Interdiction interdiction;
    Traffic traffic;
    Market market;
    Costs costs;
    InvariantsMark inv;              /* the runner's, for the invariants of Debug builds (sim.c); not a mechanism's */
} World;

#endif
