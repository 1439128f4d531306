/* h5out.h: writing the HDF5 result file (layout in docs/output-format.md). netCDF-4 compatible: every
 * axis of every dataset has a dimension scale, so xarray (h5netcdf engine), R (ncdf4) and Octave/MATLAB
 * (ncread) see named dimensions and dated time without help. Written to "<path>.<pid>.tmp" and
 * renamed to <path> only when complete and synced. Reading a result file back is h5read.h; the netCDF helpers are h5nc.h. */
#ifndef CARTELSIM_H5OUT_H
#define CARTELSIM_H5OUT_H

#include <signal.h>

#include "error.h"
#include "geography.h"
#include "h5read.h"
#include "metrics.h"
#include "params.h"

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
    const double *data;         /* [replicate][tick][metrics_row_width(layout)] */
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
} H5OutRun;

/** @brief Replicate index of slice r of a run (r itself unless the run is a shard). */
static inline int h5out_replicate(const H5OutRun *run, int r)
{
    return run->replicate_index ? run->replicate_index[r] : r;
}

/** @brief Write the whole result file (tmp then rename). Returns CS_OK or CS_ERR_RUNTIME with err set. */
int h5out_write(const H5OutRun *run, Error *err);

/** @brief Path of this process's temporary file for a final path, "<path>.<pid>.tmp" (into buf). */
void h5out_tmp_path(const char *path, char *buf, unsigned long size);

/** @brief Remove temporary files "<path>.<pid>.tmp" of processes that no longer exist (a run killed
 *  with SIGKILL cannot remove its own). */
void h5out_remove_stale(const char *path);

/* The reader's former names, kept (header only) while tests/unit/test_h5out.c still uses them;
 * new code calls h5read_config and h5read_text. */
static inline int h5out_read_config(const char *path, char **config_text, Error *err)
{
    return h5read_config(path, config_text, err);
}

static inline int h5out_read_text(const char *path, const char *dataset, char **text, Error *err)
{
    return h5read_text(path, dataset, text, err);
}

#endif
