/* sim.h: the World of one replicate, the weekly tick schedule and the replicate runner. */
#ifndef CARTELSIM_SIM_H
#define CARTELSIM_SIM_H

#include <signal.h>

#include "cartels.h"
#include "demand.h"
#include "mexico.h"
#include "market.h"
#include "supply.h"
#include "trafficking.h"
#include "error.h"
#include "params.h"
#include "rng.h"
#include "scenario.h"

#define WEEKS_PER_YEAR (365.25 / 7.0)

/* All state of one replicate; replicates share nothing but the read-only Scenario. */
typedef struct World {
    const Scenario *sc;
    Params p;                        /* current parameters: base plus timeline changes so far */
    unsigned char changed[N_PARAMS]; /* parameters changed at the current tick */
    int tick, n_ticks, replicate;
    double scale;                    /* persons per agent */
    Rng rng;
    Demand demand;
    Cartels cartels;   /* supply side: present when the scenario has its data (sc->has_geo) */
    Supply supply;
    Traffic traffic;
    Market market;
    Mexico mexico;     /* Mexican state forces (with the data) */
} World;

/** @brief Set up a replicate's World (streams, initial population). */
int sim_world_init(World *w, const Scenario *sc, int replicate, Error *err);
/** @brief Advance one tick: apply timeline changes, run mechanisms in schedule order, observe into row. */
void sim_world_step(World *w, double *row);
/** @brief Release a World. */
void sim_world_free(World *w);

/* What a replicate leaves besides its series: every organisation it ever held and its event log
 * (the /organisations and /events tables of the result). */
typedef struct SimHistory {
    int n_orgs, n_events;
    Org *orgs;
    OrgEvent *events;
} SimHistory;

typedef struct SimProgress {
    volatile long ticks_done;        /* replicate-ticks completed (updated atomically) */
    long ticks_total;
} SimProgress;

/** @brief Run every replicate of a finalized scenario on n_threads threads into out
 *  ([replicate][tick][metrics_row_width()]). Checks *stop each tick (SIGINT/SIGTERM) and returns
 *  CS_ERR_RUNTIME with "interrupted" when set. Bit-identical for any n_threads. */
int sim_run(const Scenario *sc, int n_threads, double *out, SimHistory *history, SimProgress *progress,
            volatile sig_atomic_t *stop, Error *err);

/** @brief Release the histories of n replicates (not the array itself). */
void sim_history_free(SimHistory *h, int n);

#endif
