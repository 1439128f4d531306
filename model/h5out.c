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
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_version.h>
#include <libconfig.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "h5nc.h"
#include "h5tables.h"
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

#define H5OUT_MAX_CHUNK_TICKS 4096
/* deflate level 1: against level 4, 10 % less run time (4 replicates of the baseline, 12.9 s against
 * 14.3 s) for a file 3 % larger (docs/performance.md) */
#define H5OUT_DEFLATE_LEVEL 1
#define H5OUT_MAX_RANK 3

/* Series have the axes (replicate|stat, time[, axis]); every extra axis of the metrics layout (drug,
 * product, interdiction class, crossing, organisation) is written as an index coordinate with a
 * char-array `<axis>_name` of labels. */

enum { N_STATS = 4 };
static const char *const stat_names[N_STATS] = {"mean", "p05", "p50", "p95"};
static const double stat_quantiles[N_STATS] = {0, 0.05, 0.50, 0.95}; /* index 0 (mean) unused */

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

/* Largest number of slots any metric takes (buffer sizes). */
static int max_width(const MetricsLayout *L)
{
    int k = 1;
    for (int d = 0; d < N_DIMS; d++)
        k = L->size[d] > k ? L->size[d] : k;
    return k;
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

/* Value of metric slot `slot` (offset + drug) of replicate r at tick t. */
static double run_value(const H5OutRun *run, int r, int t, int slot)
{
    return run->data[((size_t)r * (size_t)run->n_ticks + (size_t)t) * (size_t)metrics_row_width(run->layout) +
                     (size_t)slot];
}

/* ---- chunks compressed on the run's threads ------------------------------------------------ */

/* A chunk of one replicate (or one statistic) of one metric, shuffled and deflated here with the
 * bytes HDF5's own shuffle and deflate filters would produce (byte planes of the 8-byte values, then
 * zlib's compress2 at H5OUT_DEFLATE_LEVEL), so that H5Dwrite_chunk stores what H5Dwrite would have:
 * the same file, with the compression spread over the run's threads instead of one. */
typedef struct Chunk {
    unsigned char *bytes;
    size_t size;
} Chunk;

typedef struct Packer {
    const H5OutRun *run;
    int metric;      /* the series batch: its metric; -1: the summary batch */
    int n_jobs;
    Chunk *out;      /* series: [replicate]; summary: [metric][stat] */
    int next, failed; /* guarded by lock */
    pthread_mutex_t lock;
} Packer;

static int pack(const double *v, size_t n, Chunk *c)
{
    const size_t bytes = n * sizeof(double);
    unsigned char *shuffled = malloc(bytes ? bytes : 1);
    const uLong bound = compressBound((uLong)bytes);
    c->bytes = malloc(bound);
    if (!shuffled || !c->bytes) {
        free(shuffled);
        free(c->bytes);
        c->bytes = NULL;
        return -1;
    }
    const unsigned char *src = (const unsigned char *)v;
    for (size_t i = 0; i < n; i++)
        for (size_t b = 0; b < sizeof(double); b++)
            shuffled[b * n + i] = src[i * sizeof(double) + b];
    uLongf size = bound;
    const int z = compress2(c->bytes, &size, shuffled, (uLong)bytes, H5OUT_DEFLATE_LEVEL);
    free(shuffled);
    if (z != Z_OK) {
        free(c->bytes);
        c->bytes = NULL;
        return -1;
    }
    c->size = size;
    return 0;
}

static void stats_of(double *v, int n, double out[N_STATS]);

/* Job j of a batch: replicate j of the batch's metric, or the four statistics of metric j. */
static int pack_job(const Packer *pk, int j, double *buf, double *vals)
{
    const H5OutRun *run = pk->run;
    const MetricsLayout *L = run->layout;
    const int m = pk->metric >= 0 ? pk->metric : j;
    const int k = metrics_width(L, (MetricId)m), off = metrics_offset(L, (MetricId)m);
    const size_t plane = (size_t)run->n_ticks * (size_t)k;
    if (pk->metric >= 0) {
        for (int t = 0; t < run->n_ticks; t++)
            for (int d = 0; d < k; d++)
                buf[(size_t)t * (size_t)k + (size_t)d] = run_value(run, j, t, off + d);
        return pack(buf, plane, &pk->out[j]);
    }
    for (int t = 0; t < run->n_ticks; t++)
        for (int d = 0; d < k; d++) {
            for (int r = 0; r < run->n_replicates; r++)
                vals[r] = run_value(run, r, t, off + d);
            double st[N_STATS];
            stats_of(vals, run->n_replicates, st);
            for (int i = 0; i < N_STATS; i++)
                buf[(size_t)i * plane + (size_t)t * (size_t)k + (size_t)d] = st[i];
        }
    for (int i = 0; i < N_STATS; i++)
        if (pack(buf + (size_t)i * plane, plane, &pk->out[(size_t)j * N_STATS + (size_t)i]))
            return -1;
    return 0;
}

static void *pack_worker(void *arg)
{
    Packer *pk = arg;
    const H5OutRun *run = pk->run;
    const size_t width = (size_t)max_width(run->layout);
    double *buf = malloc((size_t)N_STATS * (size_t)run->n_ticks * width * sizeof *buf);
    double *vals = malloc((size_t)run->n_replicates * sizeof *vals);
    for (;;) {
        pthread_mutex_lock(&pk->lock);
        const int j = pk->failed || !buf || !vals ? -1 : pk->next++;
        if (!buf || !vals)
            pk->failed = 1;
        pthread_mutex_unlock(&pk->lock);
        if (j < 0 || j >= pk->n_jobs)
            break;
        if (pack_job(pk, j, buf, vals)) {
            pthread_mutex_lock(&pk->lock);
            pk->failed = 1;
            pthread_mutex_unlock(&pk->lock);
        }
    }
    free(vals);
    free(buf);
    return NULL;
}

/* Run a batch on run->n_threads threads (the calling one included). Returns 0, or -1 (memory). */
static int pack_batch(const H5OutRun *run, int metric, int n_jobs, Chunk *out)
{
    Packer pk = {run, metric, n_jobs, out, 0, 0, PTHREAD_MUTEX_INITIALIZER};
    int n = run->n_threads > 1 ? run->n_threads : 1;
    if (n > n_jobs)
        n = n_jobs;
    pthread_t th[64];
    int started = 0;
    for (int i = 1; i < n && i < 64; i++)
        if (pthread_create(&th[started], NULL, pack_worker, &pk) == 0)
            started++;
    pack_worker(&pk);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&pk.lock);
    return pk.failed ? -1 : 0;
}

static void free_chunks(Chunk *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].bytes);
        c[i].bytes = NULL;
    }
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

/* /series/<name> [replicate, time(, drug)] for every metric, one replicate per write. */
static int write_series(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    const MetricsLayout *L = run->layout;
    double *buf = malloc((size_t)run->n_ticks * (size_t)max_width(L) * sizeof *buf);
    Chunk *chunks = packed(run) ? calloc((size_t)run->n_replicates, sizeof(Chunk)) : NULL;
    if (!buf || (packed(run) && !chunks)) {
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
        if (chunks) { /* compressed on the run's threads, stored in order */
            if (pack_batch(run, m, run->n_replicates, chunks))
                st = error_set(w->nc.err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory compressing %s", metrics_info[m].name);
            for (int r = 0; r < run->n_replicates && !st; r++)
                st = write_packed(w, ds, r, &chunks[r], metrics_info[m].name);
            free_chunks(chunks, (size_t)run->n_replicates);
        }
        for (int r = 0; r < run->n_replicates && !st && !chunks; r++) {
            for (int t = 0; t < run->n_ticks; t++)
                for (int d = 0; d < k; d++)
                    buf[(size_t)t * (size_t)k + (size_t)d] = run_value(run, r, t, off + d);
            st = write_slab(w, ds, rank, shape, r, buf, metrics_info[m].name);
        }
        h5nc_close(ds);
    }
    free(chunks);
    free(buf);
    return st;
}

/* Mean and 5/50/95 % quantiles (linear interpolation between order statistics) of v[0..n-1], which
 * is sorted in place. A NaN anywhere makes all four NaN. */
static void stats_of(double *v, int n, double out[N_STATS])
{
    for (int i = 0; i < n; i++)
        if (isnan(v[i])) {
            for (int s = 0; s < N_STATS; s++)
                out[s] = NAN;
            return;
        }
    gsl_sort(v, 1, (size_t)n);
    out[0] = gsl_stats_mean(v, 1, (size_t)n);
    for (int s = 1; s < N_STATS; s++)
        out[s] = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, stat_quantiles[s]);
}

/* /summary/<name> [stat, time(, drug)] for every metric. */
static int write_summary(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    const MetricsLayout *L = run->layout;
    const size_t plane = (size_t)run->n_ticks * (size_t)max_width(L); /* one statistic of one metric */
    double *buf = malloc(N_STATS * plane * sizeof *buf), *vals = malloc((size_t)run->n_replicates * sizeof *vals);
    Chunk *chunks = packed(run) ? calloc((size_t)N_METRICS * N_STATS, sizeof(Chunk)) : NULL;
    int st = CS_OK;
    if (!buf || !vals || (packed(run) && !chunks))
        st = h5nc_fail(&w->nc, "out of memory");
    if (!st && chunks && pack_batch(run, -1, N_METRICS, chunks)) /* every metric's statistics, on the threads */
        st = error_set(w->nc.err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory computing the summary");
    for (int m = 0; m < N_METRICS && !st; m++) {
        const MetricDim dim = metrics_info[m].dim;
        const int k = metrics_width(L, (MetricId)m), rank = dim == DIM_NONE ? 2 : 3;
        const int off = metrics_offset(L, (MetricId)m);
        for (int t = 0; t < run->n_ticks && !chunks; t++)
            for (int d = 0; d < k; d++) {
                for (int r = 0; r < run->n_replicates; r++)
                    vals[r] = run_value(run, r, t, off + d);
                double s[N_STATS];
                stats_of(vals, run->n_replicates, s);
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
    free_chunks(chunks, chunks ? (size_t)N_METRICS * N_STATS : 0);
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
    int st = h5nc_label_axis(&w->nc, g, "stat", stat_names, N_STATS, "statistic index (labels in stat_name)",
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

/* Write the file image to the temporary file (created here, exclusively) and sync it to disk before
 * the rename makes it visible. Every failure (disk full, quota, I/O) is a message, never a crash. */
static int write_image(Error *err, const char *path, const char *tmp, const unsigned char *image, size_t size, int *created)
{
    const int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot create %s: %s", tmp, strerror(errno));
    *created = 1;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = write(fd, image + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int e = n < 0 ? errno : ENOSPC;
            close(fd);
            return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write %s (%zu of %zu bytes written): %s", tmp, done, size,
                             strerror(e));
        }
        done += (size_t)n;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        const int e = errno;
        close(fd);
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot sync %s to disk: %s", tmp, strerror(e));
    }
    if (close(fd) != 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot close %s: %s", tmp, strerror(errno));
    return CS_OK;
}

static int check_run(const H5OutRun *run, Error *err)
{
    if (!run || !run->path || !run->path[0])
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "cannot write the result file: no output path given");
    if (run->n_replicates < 1 || run->n_ticks < 1 || !run->data || !run->params)
        return error_set(err, CS_ERR_RUNTIME, run->path, 0, "",
                         "cannot write the result file: nothing to write (%d replicates, %d ticks%s%s)",
                         run->n_replicates, run->n_ticks, run->data ? "" : ", no data",
                         run->params ? "" : ", no parameters");
    return CS_OK;
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

    Writer w = {h5nc_context(run->path, err), run};
    hid_t fcpl = H5I_INVALID_HID, fapl = H5I_INVALID_HID, file = H5I_INVALID_HID;
    int st = h5nc_property_lists(&w.nc, &fcpl, &fapl);
    if (!st && H5Pset_fapl_core(fapl, (size_t)1 << 22, 0) < 0)
        st = h5nc_fail(&w.nc, "cannot set up the in-memory file");
    if (!st && (file = H5Fcreate(tmp, H5F_ACC_TRUNC, fcpl, fapl)) < 0) {
        char what[4200];
        snprintf(what, sizeof what, "cannot create %s", tmp);
        st = h5nc_fail(&w.nc, what);
    }
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
    if (!st) {
        const ssize_t n = H5Fget_file_image(file, NULL, 0);
        if (n <= 0 || !(image = malloc((size_t)n)))
            st = n <= 0 ? h5nc_fail(&w.nc, "cannot size the file image")
                        : error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory for the file image (%zd bytes)", n);
        else if (H5Fget_file_image(file, image, (size_t)n) != n)
            st = h5nc_fail(&w.nc, "cannot copy the file image");
        image_size = n > 0 ? (size_t)n : 0;
    }
    if (file >= 0) { /* in memory: closing does no I/O */
        const herr_t closed = H5Fclose(file);
        if (!st && closed < 0)
            st = h5nc_fail(&w.nc, "cannot close the file");
    }
    h5nc_close(fcpl);
    h5nc_close(fapl);
    h5nc_close(w.nc.gcpl);
    h5nc_close(w.nc.dcpl);
    int created = 0;
    if (!st && run->stop && *run->stop)
        st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "interrupted before the file was complete");
    if (!st) {
        st = write_image(err, run->path, tmp, image, image_size, &created);
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
