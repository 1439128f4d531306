/* sim.h: the replicate runner: sets up a World (world.h), steps it week by week through the
 * mechanisms of mechanisms.def, and runs every replicate of a scenario on a pool of threads. */
#ifndef CARTELSIM_SIM_H
#define CARTELSIM_SIM_H

#include <signal.h>

#include "error.h"
#include "scenario.h"
#include "world.h"

/* One mechanism of the schedule (mechanisms.def). */
typedef struct Mechanism {
    const char *name;
    int needs_geo;
    int (*init)(World *w, Error *err);
    void (*step)(World *w);
    void (*observe)(const World *w, double *row);
    void (*free)(World *w);
} Mechanism;

/** The mechanisms in schedule order, and their number. */
extern const Mechanism sim_mechanisms[];
extern const int sim_n_mechanisms;

/** @brief Set up a replicate's World (streams, every mechanism in schedule order). */
int sim_world_init(World *w, const Scenario *sc, int replicate, Error *err);
/** @brief Advance one week: apply timeline changes, step the mechanisms in schedule order, let each
 *  observe its series into row (zeroed first). Returns CS_OK or an error when a mechanism failed. */
int sim_world_step(World *w, double *row, Error *err);
/** @brief Release a World. */
void sim_world_free(World *w);

/* What a replicate leaves besides its series: every organisation it ever held and its event log
 * (the /organisations and /events tables of the result). */
typedef struct SimHistory {
    int n_orgs, n_events;
    Org *orgs;
    OrgEvent *events;
    int spooled; /* 1: orgs and events are in the run's spool (h5tables_spool_history), not here */
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

/** @brief Run the replicates reps[0..n_rep-1] (NULL: 0 .. n_rep-1) of a scenario, each with the streams
 *  of its own index, so that a subset gives exactly the rows of a whole run (a shard). Slice i of out
 *  and history[i] receive replicate reps[i]; finished[i] (when not NULL) is set to 1 when that
 *  replicate ran to its end, so that an interrupted run can keep the replicates already done. */
int sim_run_replicates(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads,
                       double *out, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop, Error *err);

/* Where a streamed run hands each replicate as it finishes: its local index i and its rows
 * ([tick][metrics_row_width]), valid during the call only. Called on the thread that ran the
 * replicate, from several threads at once; a non-zero status stops the run. */
typedef int (*SimSink)(void *ctx, int i, const double *rows, Error *err);

/** @brief sim_run_replicates, streamed: each replicate's rows go to sink when it finishes instead of
 *  into one array, so that memory holds one replicate per thread whatever the number of replicates.
 *  The rows are the same as sim_run_replicates's, for any n_threads. */
int sim_run_stream(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads, SimSink sink,
                   void *ctx, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop, Error *err);

/** @brief Release the histories of n replicates (not the array itself). */
void sim_history_free(SimHistory *h, int n);

#endif
