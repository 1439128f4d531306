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
#include "h5run.h"
#include "metrics.h"
#include "params.h"

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
