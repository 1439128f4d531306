/* h5out.c: the writer of the HDF5 result file (layout documented in docs/output-format.md).
 *
 * Groups: root (attributes + coordinates replicate/time/drug), /provenance, /scenario (config text,
 * the data file copies and the parameter table), /series (every metric per replicate) and /summary
 * (mean and quantiles over replicates); /organisations and /events come from h5tables.c. /series and
 * /summary hold their own coordinate variables so each opens on its own. The netCDF-4 conventions
 * (dimension scales, label axes, text attributes, creation order) are in h5nc.c; reading a result
 * file back is h5read.c.
 *
 * The chunks of /series and /summary (one replicate or one statistic of one metric each) are computed,
 * shuffled and deflated on the run's threads (n_threads) with the bytes HDF5's own filters would
 * write, and stored with H5Dwrite_chunk in a fixed order, so the file does not depend on the threads.
 *
 * The file is built in memory (HDF5's core driver, no backing store), so that HDF5 itself never
 * meets a failing disk: a failed close of a file on a full disk leaves HDF5 1.10 in a state that
 * crashes it at exit. The finished image is then written by write(2) to a temporary file of this
 * process, "<path>.<pid>.tmp" (created exclusively), synced and renamed to <path>; on any failure or
 * an interrupt before the rename the temporary file is removed, <path> is untouched, and err names
 * what failed, with the innermost HDF5 error message (h5nc_fail; HDF5's own printing is off, see
 * h5nc_init). */
#include "h5out.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <gsl/gsl_version.h>
#include <libconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "h5file.h"
#include "h5nc.h"
#include "h5pack.h"
#include "h5spool.h"
#include "h5tables.h"
#include "sim.h"
#include "metrics.h"

#ifndef CARTELSIM_VERSION
#define CARTELSIM_VERSION "unknown"
#endif
#ifndef CARTELSIM_GIT_REV
#define CARTELSIM_GIT_REV "unknown"
#endif
#ifndef CARTELSIM_BUILD_FLAGS
#define CARTELSIM_BUILD_FLAGS "unknown"
#endif

#if defined(__clang__)
#define H5OUT_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define H5OUT_COMPILER "gcc " __VERSION__
#else
#define H5OUT_COMPILER "unknown"
#endif

#define H5OUT_STR(x) #x
#define H5OUT_XSTR(x) H5OUT_STR(x)
#define H5OUT_LIBCONFIG_VERSION                                                                                        \
    H5OUT_XSTR(LIBCONFIG_VER_MAJOR) "." H5OUT_XSTR(LIBCONFIG_VER_MINOR) "." H5OUT_XSTR(LIBCONFIG_VER_REVISION)

#define H5OUT_MAX_CHUNK_TICKS H5SPOOL_CHUNK_TICKS
#define H5OUT_DEFLATE_LEVEL H5SPOOL_DEFLATE_LEVEL
#define H5OUT_MAX_RANK 3

/* Series have the axes (replicate|stat, time[, axis]); every extra axis of the metrics layout (drug,
 * product, interdiction class, crossing, organisation) is written as an index coordinate with a
 * char-array `<axis>_name` of labels. */


/* State of one write: the HDF5 context (error record, final path, shared property lists) and the run. */
typedef struct Writer {
    H5nc nc;
    const H5OutRun *run;
} Writer;

/* The master seed: int64 (exact for every valid seed); uint64 only if it would not fit. */
static int attr_seed(Writer *w, hid_t obj, unsigned long seed)
{
    if ((unsigned long long)seed <= (unsigned long long)INT64_MAX) {
        const long long v = (long long)seed;
        return h5nc_attr_number(&w->nc, obj, "seed", H5T_STD_I64LE, H5T_NATIVE_LLONG, &v);
    }
    const unsigned long long v = seed;
    return h5nc_attr_number(&w->nc, obj, "seed", H5T_STD_U64LE, H5T_NATIVE_ULLONG, &v);
}

/* The replicate, time and label-axis coordinates (root and /series); /summary has no replicate. */
static int write_coordinates(Writer *w, hid_t grp, int with_replicate)
{
    const MetricsLayout *L = w->run->layout;
    if (with_replicate && h5nc_coordinate_dim(&w->nc, grp, "replicate", w->run->n_replicates, w->run->replicate_index,
                                              "replicate (independent stochastic realisation)"))
        return w->nc.err->status;
    if (h5nc_time_dim(&w->nc, grp, w->run->n_ticks, w->run->day0))
        return w->nc.err->status;
    for (int d = DIM_NONE + 1; d < N_DIMS; d++) {
        int used = 0;
        for (int m = 0; m < N_METRICS; m++)
            used |= metrics_info[m].dim == (MetricDim)d;
        if (!used)
            continue; /* an axis no series has would read as a stray variable */
        char index_long[128], label_long[128];
        snprintf(index_long, sizeof index_long, "%s index (labels in %s_name)", metrics_dim_name[d],
                 metrics_dim_name[d]);
        snprintf(label_long, sizeof label_long, "%s", metrics_dim_name[d]);
        if (h5nc_label_axis(&w->nc, grp, metrics_dim_name[d], L->labels[d], L->size[d], index_long, label_long))
            return w->nc.err->status;
    }
    return CS_OK;
}


/* ---- series and summary --------------------------------------------------------------------- */

/* Chunked (1, min(T, 4096)[, N_DRUGS]), shuffle + deflate; attribute creation order tracked. */
static hid_t series_dcpl(Writer *w, int rank, const hsize_t *shape)
{
    hsize_t chunk[H5OUT_MAX_RANK] = {1, shape[1] < H5OUT_MAX_CHUNK_TICKS ? shape[1] : H5OUT_MAX_CHUNK_TICKS,
                                     rank == 3 ? shape[2] : 1};
    hid_t dcpl = H5Pcopy(w->nc.dcpl);
    if (dcpl < 0 || H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
        H5Pset_deflate(dcpl, H5OUT_DEFLATE_LEVEL) < 0) {
        h5nc_fail(&w->nc, "cannot set chunking and compression");
        h5nc_close(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

/* Create /<group>/<metric>: float64 with the given dims, chunked and compressed, scales attached,
 * units / long_name / coordinates attributes. Returns the open dataset or a negative id. */
static hid_t create_metric_dataset(Writer *w, hid_t grp, int m, int rank, const char *const *dims, const hsize_t *shape,
                                   const char *coordinates)
{
    const MetricInfo *mi = &metrics_info[m];
    hid_t dcpl = series_dcpl(w, rank, shape);
    if (dcpl < 0)
        return H5I_INVALID_HID;
    hid_t ds = h5nc_create_dataset(&w->nc, grp, mi->name, H5T_IEEE_F64LE, rank, shape, dcpl, H5T_NATIVE_DOUBLE, NULL);
    h5nc_close(dcpl);
    if (ds < 0)
        return H5I_INVALID_HID;
    if (h5nc_attach_dims(&w->nc, grp, ds, mi->name, rank, dims) || h5nc_attr_text(&w->nc, ds, "units", mi->units) ||
        h5nc_attr_text(&w->nc, ds, "long_name", mi->long_name) ||
        (coordinates && h5nc_attr_text(&w->nc, ds, "coordinates", coordinates))) {
        h5nc_close(ds);
        return H5I_INVALID_HID;
    }
    return ds;
}

/* Write the hyperslab [index, 0..T-1(, 0..k-1)] (one replicate or one statistic) of ds from buf. */
static int write_slab(Writer *w, hid_t ds, int rank, const hsize_t *shape, int index, const double *buf,
                      const char *name)
{
    hsize_t start[H5OUT_MAX_RANK] = {(hsize_t)index, 0, 0};
    hsize_t count[H5OUT_MAX_RANK] = {1, shape[1], rank == 3 ? shape[2] : 1};
    hid_t fspace = H5Dget_space(ds), mspace = H5Screate_simple(rank, count, NULL);
    int st = CS_OK;
    if (fspace < 0 || mspace < 0 || H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
        H5Dwrite(ds, H5T_NATIVE_DOUBLE, mspace, fspace, H5P_DEFAULT, buf) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot write dataset %s", name);
        st = h5nc_fail(&w->nc, what);
    }
    h5nc_close(mspace);
    h5nc_close(fspace);
    return st;
}


/* Store chunk `index` (replicate or statistic) of ds as it is (filters already applied). */
static int write_packed(Writer *w, hid_t ds, int index, const Chunk *c, const char *name)
{
    const hsize_t offset[H5OUT_MAX_RANK] = {(hsize_t)index, 0, 0};
    if (H5Dwrite_chunk(ds, H5P_DEFAULT, 0, offset, c->size, c->bytes) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot write dataset %s", name);
        return h5nc_fail(&w->nc, what);
    }
    return CS_OK;
}

/* Whether the chunks can be compressed here: one chunk per replicate (runs up to 4096 weeks). */
static int packed(const H5OutRun *run)
{
    return run->n_ticks <= H5OUT_MAX_CHUNK_TICKS;
}

/* Copy the spool's chunks of metric m into ds: slice index (replicate or statistic) i of the file
 * from spool slice slice_of(i), every chunk of weeks. */
static int write_spooled(Writer *w, hid_t ds, int m, int n, int first, const int *map)
{
    const H5OutRun *run = w->run;
    const int pieces = h5spool_pieces(run->spool), ct = h5spool_chunk_ticks(run->spool);
    unsigned char *buf = malloc(h5spool_max_chunk(run->spool) + 1);
    if (!buf)
        return h5nc_fail(&w->nc, "out of memory");
    int st = CS_OK;
    for (int i = 0; i < n && !st; i++) {
        const int slice = first >= 0 ? first + i : map ? map[i] : i;
        for (int p = 0; p < pieces && !st; p++) {
            const size_t size = h5spool_chunk_size(run->spool, m, slice, p);
            st = h5spool_chunk(run->spool, m, slice, p, buf, w->nc.err);
            const hsize_t offset[H5OUT_MAX_RANK] = {(hsize_t)i, (hsize_t)p * (hsize_t)ct, 0};
            if (!st && H5Dwrite_chunk(ds, H5P_DEFAULT, 0, offset, size, buf) < 0) {
                char what[200];
                snprintf(what, sizeof what, "cannot write dataset %s", metrics_info[m].name);
                st = h5nc_fail(&w->nc, what);
            }
        }
        if (!st && run->stop && *run->stop)
            st = error_set(w->nc.err, CS_ERR_RUNTIME, run->path, 0, "", "interrupted before the file was complete");
    }
    free(buf);
    return st;
}

/* /series/<name> [replicate, time(, drug)] for every metric, one replicate per write. */
static int write_series(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    const MetricsLayout *L = run->layout;
    double *buf = run->data ? malloc((size_t)run->n_ticks * (size_t)h5pack_max_width(L) * sizeof *buf) : NULL;
    Chunk *chunks = run->data && packed(run) ? calloc((size_t)run->n_replicates, sizeof(Chunk)) : NULL;
    if (run->data && (!buf || (packed(run) && !chunks))) {
        free(buf);
        free(chunks);
        return h5nc_fail(&w->nc, "out of memory");
    }
    int st = CS_OK;
    for (int m = 0; m < N_METRICS && !st; m++) {
        const MetricDim dim = metrics_info[m].dim;
        const int k = metrics_width(L, (MetricId)m), rank = dim == DIM_NONE ? 2 : 3;
        const int off = metrics_offset(L, (MetricId)m);
        const char *const dims[H5OUT_MAX_RANK] = {"replicate", "time", metrics_dim_name[dim]};
        const hsize_t shape[H5OUT_MAX_RANK] = {(hsize_t)run->n_replicates, (hsize_t)run->n_ticks, (hsize_t)k};
        char coords[80];
        snprintf(coords, sizeof coords, "%s_name", metrics_dim_name[dim]);
        hid_t ds = create_metric_dataset(w, grp, m, rank, dims, shape, rank == 3 ? coords : NULL);
        if (ds < 0) {
            st = w->nc.err->status;
            break;
        }
        if (!run->data) /* streamed: the spool's chunks as they are */
            st = write_spooled(w, ds, m, run->n_replicates, -1, run->spool_slice);
        else if (chunks) { /* compressed on the run's threads, stored in order */
            if (h5pack_batch(run, m, chunks))
                st = error_set(w->nc.err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory compressing %s", metrics_info[m].name);
            for (int r = 0; r < run->n_replicates && !st; r++)
                st = write_packed(w, ds, r, &chunks[r], metrics_info[m].name);
            h5pack_free(chunks, (size_t)run->n_replicates);
        }
        for (int r = 0; r < run->n_replicates && !st && !chunks && run->data; r++) {
            for (int t = 0; t < run->n_ticks; t++)
                for (int d = 0; d < k; d++)
                    buf[(size_t)t * (size_t)k + (size_t)d] = h5pack_value(run, r, t, off + d);
            st = write_slab(w, ds, rank, shape, r, buf, metrics_info[m].name);
        }
        h5nc_close(ds);
    }
    free(chunks);
    free(buf);
    return st;
}

/* /summary/<name> of a streamed run: the statistics h5out_write put in the spool's last slices. */
static int write_summary_spooled(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    int st = CS_OK;
    for (int m = 0; m < N_METRICS && !st; m++) {
        const MetricDim dim = metrics_info[m].dim;
        const int k = metrics_width(run->layout, (MetricId)m), rank = dim == DIM_NONE ? 2 : 3;
        const char *const dims[H5OUT_MAX_RANK] = {"stat", "time", metrics_dim_name[dim]};
        const hsize_t shape[H5OUT_MAX_RANK] = {N_STATS, (hsize_t)run->n_ticks, (hsize_t)k};
        char coords[100];
        snprintf(coords, sizeof coords, "stat_name %s_name", metrics_dim_name[dim]);
        hid_t ds = create_metric_dataset(w, grp, m, rank, dims, shape, rank == 3 ? coords : "stat_name");
        if (ds < 0)
            return w->nc.err->status;
        st = write_spooled(w, ds, m, N_STATS, h5spool_slices(run->spool) - N_STATS, NULL);
        h5nc_close(ds);
    }
    return st;
}

/* /summary/<name> [stat, time(, drug)] for every metric. */
static int write_summary(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    if (!run->data)
        return write_summary_spooled(w, grp);
    const MetricsLayout *L = run->layout;
    const size_t plane = (size_t)run->n_ticks * (size_t)h5pack_max_width(L); /* one statistic of one metric */
    double *buf = malloc(N_STATS * plane * sizeof *buf), *vals = malloc((size_t)run->n_replicates * sizeof *vals);
    Chunk *chunks = packed(run) ? calloc((size_t)N_METRICS * N_STATS, sizeof(Chunk)) : NULL;
    int st = CS_OK;
    if (!buf || !vals || (packed(run) && !chunks))
        st = h5nc_fail(&w->nc, "out of memory");
    if (!st && chunks && h5pack_batch(run, -1, chunks)) /* every metric's statistics, on the threads */
        st = error_set(w->nc.err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory computing the summary");
    for (int m = 0; m < N_METRICS && !st; m++) {
        const MetricDim dim = metrics_info[m].dim;
        const int k = metrics_width(L, (MetricId)m), rank = dim == DIM_NONE ? 2 : 3;
        const int off = metrics_offset(L, (MetricId)m);
        for (int t = 0; t < run->n_ticks && !chunks; t++)
            for (int d = 0; d < k; d++) {
                for (int r = 0; r < run->n_replicates; r++)
                    vals[r] = h5pack_value(run, r, t, off + d);
                double s[N_STATS];
                h5pack_stats(vals, run->n_replicates, s);
                for (int i = 0; i < N_STATS; i++)
                    buf[(size_t)i * plane + (size_t)t * (size_t)k + (size_t)d] = s[i];
            }
        const char *const dims[H5OUT_MAX_RANK] = {"stat", "time", metrics_dim_name[dim]};
        const hsize_t shape[H5OUT_MAX_RANK] = {N_STATS, (hsize_t)run->n_ticks, (hsize_t)k};
        char coords[100];
        snprintf(coords, sizeof coords, "stat_name %s_name", metrics_dim_name[dim]);
        hid_t ds = create_metric_dataset(w, grp, m, rank, dims, shape, rank == 3 ? coords : "stat_name");
        if (ds < 0) {
            st = w->nc.err->status;
            break;
        }
        for (int i = 0; i < N_STATS && !st; i++)
            st = chunks ? write_packed(w, ds, i, &chunks[(size_t)m * N_STATS + (size_t)i], metrics_info[m].name)
                        : write_slab(w, ds, rank, shape, i, buf + (size_t)i * plane, metrics_info[m].name);
        h5nc_close(ds);
    }
    h5pack_free(chunks, chunks ? (size_t)N_METRICS * N_STATS : 0);
    free(chunks);
    free(vals);
    free(buf);
    return st;
}

/* ---- groups --------------------------------------------------------------------------------- */

static int write_root_attributes(Writer *w, hid_t file)
{
    const H5OutRun *run = w->run;
    char start_date[32], created[32];
    snprintf(start_date, sizeof start_date, "%s-01", run->start_month ? run->start_month : "");
    const time_t now = time(NULL);
    struct tm utc;
    if (now == (time_t)-1 || !gmtime_r(&now, &utc) || !strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc))
        snprintf(created, sizeof created, "unknown");
    H5nc *nc = &w->nc;
    if (h5nc_attr_text(nc, file, "Conventions", "CF-1.8") || h5nc_attr_text(nc, file, "title", "cartelsim results") ||
        h5nc_attr_text(nc, file, "cartelsim_version", CARTELSIM_VERSION) ||
        h5nc_attr_text(nc, file, "scenario_name", run->scenario_name) ||
        h5nc_attr_text(nc, file, "scenario_variant", run->scenario_variant ? run->scenario_variant : "") ||
        h5nc_attr_text(nc, file, "policy_files", run->policy_files ? run->policy_files : "") ||
        h5nc_attr_text(nc, file, "scenario_description", run->scenario_description) || attr_seed(w, file, run->seed) ||
        h5nc_attr_int32(nc, file, "replicates", run->n_replicates) ||
        h5nc_attr_int32(nc, file, "replicates_total", run->replicates_total > 0 ? run->replicates_total : run->n_replicates) ||
        (run->partial && h5nc_attr_int32(nc, file, "partial", 1)) ||
        h5nc_attr_int32(nc, file, "ticks", run->n_ticks) || h5nc_attr_text(nc, file, "tick_unit", "week") ||
        h5nc_attr_text(nc, file, "start_date", start_date) || h5nc_attr_text(nc, file, "created", created))
        return nc->err->status;
    return CS_OK;
}

static int write_provenance(Writer *w, hid_t file)
{
    unsigned maj = 0, min = 0, rel = 0;
    char hdf5_version[48];
    if (H5get_libversion(&maj, &min, &rel) < 0)
        return h5nc_fail(&w->nc, "cannot query the HDF5 library version");
    snprintf(hdf5_version, sizeof hdf5_version, "%u.%u.%u", maj, min, rel);
    hid_t g = h5nc_create_group(&w->nc, file, "provenance");
    if (g < 0)
        return w->nc.err->status;
    int st = CS_OK;
    H5nc *nc = &w->nc;
    if (h5nc_attr_text(nc, g, "cartelsim_version", CARTELSIM_VERSION) ||
        h5nc_attr_text(nc, g, "git_revision", CARTELSIM_GIT_REV) || h5nc_attr_text(nc, g, "compiler", H5OUT_COMPILER) ||
        h5nc_attr_text(nc, g, "build_flags", CARTELSIM_BUILD_FLAGS) ||
        h5nc_attr_text(nc, g, "gsl_version", GSL_VERSION) || h5nc_attr_text(nc, g, "hdf5_version", hdf5_version) ||
        h5nc_attr_text(nc, g, "libconfig_version", H5OUT_LIBCONFIG_VERSION) ||
        h5nc_attr_text(nc, g, "rng_type", w->run->rng_type) || attr_seed(w, g, w->run->seed))
        st = w->nc.err->status;
    h5nc_close(g);
    return st;
}

/* /scenario/config: the resolved scenario; /scenario/data/<file>: the data files it ran on. */
static int write_config(Writer *w, hid_t g)
{
    int st = h5nc_write_string(&w->nc, g, "config", w->run->config_text ? w->run->config_text : "",
                               "resolved scenario as libconfig text (cartelsim run --from FILE re-runs it)");
    if (st || w->run->n_data == 0)
        return st;
    hid_t d = h5nc_create_group(&w->nc, g, "data");
    if (d < 0)
        return w->nc.err->status;
    for (int i = 0; i < w->run->n_data && !st; i++)
        st = h5nc_write_string(&w->nc, d, w->run->data_names[i], w->run->data_texts[i],
                               "copy of the data file of scenarios/data the run used (cartelsim run --from uses it)");
    h5nc_close(d);
    return st;
}

/* The parameter table: parameter (index), parameter_path, parameter_value, parameter_unit, the two
 * char arrays sharing one strlen axis. */
static int write_parameter_table(Writer *w, hid_t g)
{
    const char *paths[N_PARAMS], *units[N_PARAMS];
    for (int i = 0; i < N_PARAMS; i++) {
        paths[i] = params_info[i].path;
        units[i] = params_info[i].unit;
    }
    const int wp = h5nc_labels_width(paths, N_PARAMS), wu = h5nc_labels_width(units, N_PARAMS);
    const int width = wp > wu ? wp : wu;
    if (h5nc_index_dim(&w->nc, g, "parameter", N_PARAMS, "parameter index") ||
        h5nc_plain_dim(&w->nc, g, "parameter_strlen", width) ||
        h5nc_char_array(&w->nc, g, "parameter_path", "parameter", "parameter_strlen", width, paths, N_PARAMS,
                        "parameter configuration path"))
        return w->nc.err->status;
    const hsize_t shape[1] = {N_PARAMS};
    const char *const dims[1] = {"parameter"};
    hid_t ds = h5nc_create_dataset(&w->nc, g, "parameter_value", H5T_IEEE_F64LE, 1, shape, w->nc.dcpl,
                                   H5T_NATIVE_DOUBLE, w->run->params->v);
    int st = CS_OK;
    if (ds < 0 || h5nc_attach_dims(&w->nc, g, ds, "parameter_value", 1, dims) ||
        h5nc_attr_text(&w->nc, ds, "long_name", "resolved base value (before any policy timeline change)"))
        st = w->nc.err->status;
    h5nc_close(ds);
    if (!st)
        st = h5nc_char_array(&w->nc, g, "parameter_unit", "parameter", "parameter_strlen", width, units, N_PARAMS,
                             "parameter unit");
    return st;
}

/* /scenario: config text and the parameter table. */
static int write_scenario(Writer *w, hid_t file)
{
    hid_t g = h5nc_create_group(&w->nc, file, "scenario");
    if (g < 0)
        return w->nc.err->status;
    int st = write_config(w, g);
    if (!st)
        st = write_parameter_table(w, g);
    h5nc_close(g);
    return st;
}

/* /series: replicate, time, drug coordinates and every metric per replicate. */
static int write_series_group(Writer *w, hid_t file)
{
    hid_t g = h5nc_create_group(&w->nc, file, "series");
    if (g < 0)
        return w->nc.err->status;
    int st = write_coordinates(w, g, 1);
    if (!st)
        st = write_series(w, g);
    h5nc_close(g);
    return st;
}

/* /summary: stat, time, drug coordinates and every metric's statistics over replicates. */
static int write_summary_group(Writer *w, hid_t file)
{
    hid_t g = h5nc_create_group(&w->nc, file, "summary");
    if (g < 0)
        return w->nc.err->status;
    int st = h5nc_label_axis(&w->nc, g, "stat", h5pack_stat_names, N_STATS, "statistic index (labels in stat_name)",
                             "statistic over replicates: mean, 5 %, 50 % and 95 % quantiles");
    if (!st)
        st = write_coordinates(w, g, 0);
    if (!st)
        st = write_summary(w, g);
    h5nc_close(g);
    return st;
}

/* Test hook: CARTELSIM_TEST_PAUSE=before-rename or after-rename makes the writer wait there (up to a
 * minute) until the stop flag is set, so that a test can deliver a signal at that exact point. */
static void test_pause(const H5OutRun *run, const char *where)
{
    const char *e = getenv("CARTELSIM_TEST_PAUSE");
    if (!e || strcmp(e, where) != 0 || !run->stop)
        return;
    const struct timespec tick = {0, 10000000};
    for (int i = 0; i < 6000 && !*run->stop; i++)
        nanosleep(&tick, NULL);
}

static int check_run(const H5OutRun *run, Error *err)
{
    if (!run || !run->path || !run->path[0])
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "cannot write the result file: no output path given");
    if (run->n_replicates < 1 || run->n_ticks < 1 || (!run->data && !run->spool) || !run->params)
        return error_set(err, CS_ERR_RUNTIME, run->path, 0, "",
                         "cannot write the result file: nothing to write (%d replicates, %d ticks%s%s)",
                         run->n_replicates, run->n_ticks, run->data || run->spool ? "" : ", no data",
                         run->params ? "" : ", no parameters");
    return CS_OK;
}

/* Space for the file of a streamed run, reserved before HDF5 writes it, so that HDF5 itself never
 * meets a full disk, a quota or a file size limit (a failed close leaves HDF5 1.10 in a state that
 * crashes it at exit): the spool's chunks and a bound on everything else. */
static uint64_t disk_bound(const H5OutRun *run)
{
    uint64_t b = h5spool_bytes(run->spool) + ((uint64_t)16 << 20);
    b += run->config_text ? strlen(run->config_text) : 0;
    for (int i = 0; i < run->n_data; i++)
        b += run->data_texts[i] ? strlen(run->data_texts[i]) : 0;
    if (run->history)
        for (int r = 0; r < run->n_replicates; r++)
            b += (uint64_t)run->history[r].n_events * 64 + (uint64_t)run->history[r].n_orgs * 512;
    b += (uint64_t)N_METRICS * ((uint64_t)(run->n_replicates + N_STATS) * (uint64_t)h5spool_pieces(run->spool) * 64 + 16384);
    return b;
}

int h5out_write(const H5OutRun *run, Error *err)
{
    error_clear(err);
    if (check_run(run, err))
        return err->status;
    char tmp[4096];
    if (strlen(run->path) + 32 > sizeof tmp)
        return error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "cannot write the result file: path too long");
    h5out_tmp_path(run->path, tmp, sizeof tmp);
    const int disk = !run->data; /* streamed: the file is written on disk, its space reserved first */
    if (disk && h5pack_spool_summary(run, h5spool_slices(run->spool) - N_STATS, err))
        return err->status;

    Writer w = {h5nc_context(run->path, err), run};
    hid_t fcpl = H5I_INVALID_HID, fapl = H5I_INVALID_HID, file = H5I_INVALID_HID;
    int st = h5nc_property_lists(&w.nc, &fcpl, &fapl);
    if (!st && !disk && H5Pset_fapl_core(fapl, (size_t)1 << 22, 0) < 0)
        st = h5nc_fail(&w.nc, "cannot set up the in-memory file");
    int created = 0, fd = -1;
    if (!st && disk) /* exclusively this process's: created here, then handed to HDF5 */
        st = h5file_create(err, run->path, tmp, &fd, &created);
    if (!st && (file = H5Fcreate(tmp, H5F_ACC_TRUNC, fcpl, fapl)) < 0) {
        char what[4200];
        snprintf(what, sizeof what, "cannot create %s", tmp);
        st = h5nc_fail(&w.nc, what);
    }
    if (!st && disk) /* after HDF5's create, which truncates: the space its writes may need */
        st = h5file_reserve(err, run->path, tmp, fd, disk_bound(run));
    if (!st)
        st = write_root_attributes(&w, file);
    if (!st)
        st = write_coordinates(&w, file, 1);
    if (!st)
        st = write_provenance(&w, file);
    if (!st)
        st = write_scenario(&w, file);
    if (!st)
        st = write_series_group(&w, file);
    if (!st)
        st = write_summary_group(&w, file);
    if (!st && run->geo && run->history)
        st = h5tables_write(&w.nc, file, run);
    if (!st)
        st = h5nc_attr_int32(&w.nc, file, "complete", 1);
    unsigned char *image = NULL;
    size_t image_size = 0;
    if (!st && H5Fflush(file, H5F_SCOPE_GLOBAL) < 0)
        st = h5nc_fail(&w.nc, "cannot flush the file");
    if (!st && !disk) {
        const ssize_t n = H5Fget_file_image(file, NULL, 0);
        if (n <= 0 || !(image = malloc((size_t)n)))
            st = n <= 0 ? h5nc_fail(&w.nc, "cannot size the file image")
                        : error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory for the file image (%zd bytes)", n);
        else if (H5Fget_file_image(file, image, (size_t)n) != n)
            st = h5nc_fail(&w.nc, "cannot copy the file image");
        image_size = n > 0 ? (size_t)n : 0;
    }
    if (file >= 0) { /* in memory: closing does no I/O; on disk: within the space reserved */
        const herr_t closed = H5Fclose(file);
        if (!st && closed < 0)
            st = h5nc_fail(&w.nc, "cannot close the file");
    }
    h5nc_close(fcpl);
    h5nc_close(fapl);
    h5nc_close(w.nc.gcpl);
    h5nc_close(w.nc.dcpl);
    if (!st && run->stop && *run->stop)
        st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "interrupted before the file was complete");
    if (!st && !disk)
        st = h5file_write_image(err, run->path, tmp, image, image_size, &created);
    if (disk && fd >= 0) {
        const int synced = st ? CS_OK : h5file_sync(err, run->path, tmp, fd);
        close(fd);
        st = st ? st : synced;
    }
    free(image);
    if (!st)
        test_pause(run, "before-rename");
    /* The last moment an interrupt keeps the old file: after the rename the new one is complete. */
    if (!st && run->stop && *run->stop)
        st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "interrupted before the rename");
    if (!st && rename(tmp, run->path) != 0)
        st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "cannot rename %s to %s: %s", tmp, run->path,
                       strerror(errno));
    if (st && created) /* the temporary name is this process's own: never leave it behind */
        unlink(tmp);
    if (!st)
        test_pause(run, "after-rename");
    return st;
}

void h5out_tmp_path(const char *path, char *buf, unsigned long size)
{
    snprintf(buf, size, "%s.%ld.tmp", path, (long)getpid());
}

void h5out_remove_stale(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    const char *base = slash ? slash + 1 : path;
    const size_t nb = strlen(base);
    DIR *d = opendir(dir);
    if (!d)
        return;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        /* <base>.<pid>.tmp whose process no longer exists (killed by SIGKILL, or a machine crash) */
        if (strncmp(e->d_name, base, nb) != 0 || e->d_name[nb] != '.')
            continue;
        char *end = NULL;
        const long pid = strtol(e->d_name + nb + 1, &end, 10);
        if (pid <= 0 || end == e->d_name + nb + 1 || strcmp(end, ".tmp") != 0 || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char full[8400];
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        unlink(full);
    }
    closedir(d);
}
