/* h5run.h: what a result file holds, as the runner hands it to the writer (h5out.c) and to the
 * writer of the organisation and event tables (h5tables.c): a header of its own, so that the two
 * writers both depend on it and not on each other. */
#ifndef CARTELSIM_H5RUN_H
#define CARTELSIM_H5RUN_H

#include <signal.h>

#include "metrics.h"
#include "params.h"

struct Geography;
struct SimHistory;
struct H5Spool;

typedef struct H5OutRun {
    const char *path;           /* final path, e.g. results/baseline.h5 */
    const char *scenario_name;
    const char *scenario_description;
    const char *config_text;    /* resolved scenario as libconfig text (re-runnable with --from) */
    const Params *params;       /* resolved base parameters (stored as /scenario/parameters) */
    unsigned long seed;
    int n_replicates;
    int n_ticks;
    long day0;                  /* days from 2000-01-01 to the first day of tick 0 */
    const char *start_month;    /* "YYYY-MM" */
    const char *rng_type;       /* GSL generator name, e.g. "mt19937" */
    const double *data;         /* [replicate][tick][metrics_row_width(layout)], or NULL: the spool */
    const MetricsLayout *layout; /* row layout and the labels of every extra axis */
    const struct Geography *geo; /* the data (for /organisations and /events), or NULL */
    const struct SimHistory *history; /* [replicate]: organisations and events, or NULL */
    int n_data;                 /* data files copied into /scenario/data (0: none) */
    const char *const *data_names;
    const char *const *data_texts;
    const char *scenario_variant; /* what the run changes beside its file ("with --set ..."), or NULL */
    const char *policy_files;     /* the files whose policy entries the run applies ("a.cfg; b.cfg"), or NULL */
    const volatile sig_atomic_t *stop; /* set by a signal handler: give up before the rename, or NULL */
    const int *replicate_index; /* [n_replicates]: the replicate index of each slice (a shard), or NULL: 0 .. n-1 */
    int replicates_total;       /* replicates of the whole run (sim.replicates); 0: n_replicates */
    int partial;                /* 1: what an interrupted run had finished (root attribute partial = 1) */
    int n_threads;              /* threads that compress the chunks (0 or 1: the calling one); same file for any */
    struct H5Spool *spool;      /* the replicates streamed to disk (h5spool.h), when data is NULL */
    const int *spool_slice;     /* [n_replicates]: the spool slice of each slice of the file, or NULL: the same */
} H5OutRun;

/** @brief Replicate index of slice r of a run (r itself unless the run is a shard). */
static inline int h5out_replicate(const H5OutRun *run, int r)
{
    return run->replicate_index ? run->replicate_index[r] : r;
}

#endif
