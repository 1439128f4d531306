/* h5out.c: the HDF5 result file (layout documented in docs/output-format.md).
 *
 * The file is netCDF-4 compatible without using the netCDF library:
 *   - link and attribute creation order are tracked on the file, every group and every dataset;
 *   - every axis of every dataset has a dimension scale attached (H5DSset_scale / H5DSattach_scale),
 *     so h5netcdf/xarray, R (ncdf4) and Octave/MATLAB (ncread) see named dimensions;
 *   - label axes are an int32 index coordinate plus a char array "<axis>_name"; the char arrays' second
 *     axis is a netCDF "dimension without variable" (an unwritten float32 scale whose NAME attribute
 *     is the netCDF-C marker text followed by the length in %10d);
 *   - text attributes are scalar fixed-length ASCII strings (size = strlen, NULLTERM), as netCDF-C
 *     writes them (Octave cannot read variable-length string attributes);
 *   - time is float64 "days since 2000-01-01", calendar "standard".
 * Groups: root (attributes + coordinates replicate/time/drug), /provenance, /scenario (config text and
 * the parameter table), /series (every metric per replicate) and /summary (mean and quantiles over
 * replicates). /series and /summary hold their own coordinate variables so each opens on its own.
 *
 * The file is written to "<path>.tmp", closed, synced and renamed to <path>; on any failure the
 * temporary file is removed and err names what failed. HDF5's automatic error printing is switched
 * off while these functions run (and restored afterwards); the innermost HDF5 error message is copied
 * into err instead. */
#define _POSIX_C_SOURCE 200809L

#include "h5out.h"

#include "sim.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_version.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <libconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
#define H5OUT_LIBCONFIG_VERSION                                                                      \
    H5OUT_XSTR(LIBCONFIG_VER_MAJOR) "." H5OUT_XSTR(LIBCONFIG_VER_MINOR) "." H5OUT_XSTR(LIBCONFIG_VER_REVISION)

/* Marker netCDF-C puts in the NAME attribute of a dimension that has no coordinate variable. */
#define H5OUT_DIM_WITHOUT_VARIABLE "This is a netCDF dimension but not a netCDF variable."
#define H5OUT_TIME_UNITS "days since 2000-01-01"
#define H5OUT_MAX_CHUNK_TICKS 4096
#define H5OUT_DEFLATE_LEVEL 4
#define H5OUT_MAX_RANK 3

/* Series have the axes (replicate|stat, time[, axis]); every extra axis of the metrics layout (drug,
 * product, interdiction class, crossing, organisation) is written as an index coordinate with a
 * char-array `<axis>_name` of labels. */

enum { N_STATS = 4 };
static const char *const stat_names[N_STATS] = {"mean", "p05", "p50", "p95"};
static const double stat_quantiles[N_STATS] = {0, 0.05, 0.50, 0.95}; /* index 0 (mean) unused */

/* State of one write: the run, the error record and the property lists shared by every object. */
typedef struct Writer {
    const H5OutRun *run;
    Error *err;
    const char *path; /* final path, for error messages */
    hid_t gcpl;       /* groups: link + attribute creation order */
    hid_t dcpl;       /* small contiguous datasets: attribute creation order, no timestamps */
} Writer;

/* ---- error handling ------------------------------------------------------------------------- */

enum { H5OUT_DETAIL_SIZE = 400 };

/* Innermost HDF5 error description (the one that says what really went wrong). */
static herr_t first_error_cb(unsigned n, const H5E_error2_t *e, void *data)
{
    if (n == 0 && e->desc && e->desc[0])
        snprintf((char *)data, H5OUT_DETAIL_SIZE, "%s", e->desc);
    return 0;
}

/* Set err (first failure only) to "what: detail", the detail being the innermost HDF5 error (only
 * the operating system's message when HDF5 quotes one); returns the status. */
static int fail(Writer *w, const char *what)
{
    if (w->err->status != CS_OK)
        return w->err->status;
    char detail[H5OUT_DETAIL_SIZE] = "";
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_error_cb, detail);
    const char *hint =
        strstr(detail, "unable to lock file") ? "; on a shared cluster filesystem set HDF5_USE_FILE_LOCKING=FALSE" : "";
    const char *os = strstr(detail, "error message = '");
    if (os) {
        os += strlen("error message = '");
        const char *end = strchr(os, '\'');
        return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "", "%s: %.*s%s", what, end ? (int)(end - os) : 200, os,
                         hint);
    }
    if (detail[0])
        return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "", "%s: %s%s", what, detail, hint);
    return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "", "%s", what);
}

/* Close any HDF5 identifier (ignores invalid ones): keeps the clean-up paths short. */
static void close_id(hid_t id)
{
    if (id < 0)
        return;
    switch (H5Iget_type(id)) {
    case H5I_FILE: H5Fclose(id); break;
    case H5I_GROUP: H5Gclose(id); break;
    case H5I_DATASET: H5Dclose(id); break;
    case H5I_DATATYPE: H5Tclose(id); break;
    case H5I_DATASPACE: H5Sclose(id); break;
    case H5I_ATTR: H5Aclose(id); break;
    case H5I_GENPROP_LST: H5Pclose(id); break;
    default: break;
    }
}

/* ---- attributes ----------------------------------------------------------------------------- */

/* Scalar fixed-length ASCII string attribute (size = strlen, NULLTERM; "" is stored as one NUL). */
static int attr_text(Writer *w, hid_t obj, const char *name, const char *value)
{
    if (!value)
        value = "";
    const size_t len = strlen(value);
    int st = CS_OK;
    hid_t type = H5Tcopy(H5T_C_S1), space = H5Screate(H5S_SCALAR), attr = H5I_INVALID_HID;
    if (type < 0 || space < 0 || H5Tset_size(type, len ? len : 1) < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0 ||
        H5Tset_cset(type, H5T_CSET_ASCII) < 0 ||
        (attr = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, type, len ? value : "") < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot write attribute %s", name);
        st = fail(w, what);
    }
    close_id(attr);
    close_id(space);
    close_id(type);
    return st;
}

/* Scalar numeric attribute: file type ftype, value in memory type mtype. */
static int attr_number(Writer *w, hid_t obj, const char *name, hid_t ftype, hid_t mtype, const void *value)
{
    int st = CS_OK;
    hid_t space = H5Screate(H5S_SCALAR), attr = H5I_INVALID_HID;
    if (space < 0 || (attr = H5Acreate2(obj, name, ftype, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, mtype, value) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot write attribute %s", name);
        st = fail(w, what);
    }
    close_id(attr);
    close_id(space);
    return st;
}

static int attr_int32(Writer *w, hid_t obj, const char *name, int value)
{
    return attr_number(w, obj, name, H5T_STD_I32LE, H5T_NATIVE_INT, &value);
}

/* The master seed: int64 (exact for every valid seed); uint64 only if it would not fit. */
static int attr_seed(Writer *w, hid_t obj, unsigned long seed)
{
    if ((unsigned long long)seed <= (unsigned long long)INT64_MAX) {
        const long long v = (long long)seed;
        return attr_number(w, obj, "seed", H5T_STD_I64LE, H5T_NATIVE_LLONG, &v);
    }
    const unsigned long long v = seed;
    return attr_number(w, obj, "seed", H5T_STD_U64LE, H5T_NATIVE_ULLONG, &v);
}

/* ---- datasets and dimensions ---------------------------------------------------------------- */

static hid_t create_group(Writer *w, hid_t parent, const char *name)
{
    hid_t g = H5Gcreate2(parent, name, H5P_DEFAULT, w->gcpl, H5P_DEFAULT);
    if (g < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot create group /%s", name);
        fail(w, what);
    }
    return g;
}

/* Create dataset `name` in grp with file type ftype and the given shape (rank 0 = scalar) and
 * creation property list; write `data` (memory type mtype) unless it is NULL. Returns the open
 * dataset or a negative id on failure (err set). */
static hid_t create_dataset(Writer *w, hid_t grp, const char *name, hid_t ftype, int rank, const hsize_t *shape,
                            hid_t dcpl, hid_t mtype, const void *data)
{
    hid_t space = rank ? H5Screate_simple(rank, shape, NULL) : H5Screate(H5S_SCALAR), ds = H5I_INVALID_HID;
    if (space < 0 || (ds = H5Dcreate2(grp, name, ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
        (data && H5Dwrite(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
        char what[200];
        snprintf(what, sizeof what, "cannot write dataset %s", name);
        fail(w, what);
        close_id(ds);
        ds = H5I_INVALID_HID;
    }
    close_id(space);
    return ds;
}

/* Attach the scales named dims[0..rank-1] (datasets of grp) to the axes of ds. */
static int attach_dims(Writer *w, hid_t grp, hid_t ds, const char *ds_name, int rank, const char *const *dims)
{
    for (int a = 0; a < rank; a++) {
        hid_t scale = H5Dopen2(grp, dims[a], H5P_DEFAULT);
        const int bad = scale < 0 || H5DSattach_scale(ds, scale, (unsigned)a) < 0;
        close_id(scale);
        if (bad) {
            char what[200];
            snprintf(what, sizeof what, "cannot attach dimension %s to %s", dims[a], ds_name);
            return fail(w, what);
        }
    }
    return CS_OK;
}

/* Make ds the dimension scale `scale_name` and give it its text attributes (name/value pairs). */
static int make_scale(Writer *w, hid_t ds, const char *ds_name, const char *scale_name, const char *const *attrs)
{
    if (H5DSset_scale(ds, scale_name) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot make %s a dimension scale", ds_name);
        return fail(w, what);
    }
    for (int i = 0; attrs && attrs[i]; i += 2)
        if (attr_text(w, ds, attrs[i], attrs[i + 1]))
            return w->err->status;
    return CS_OK;
}

/* Coordinate variable `name` = 0..n-1 (int32), a dimension of grp. */
static int write_index_dim(Writer *w, hid_t grp, const char *name, int n, const char *long_name)
{
    int *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return fail(w, "out of memory");
    for (int i = 0; i < n; i++)
        v[i] = i;
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = create_dataset(w, grp, name, H5T_STD_I32LE, 1, shape, w->dcpl, H5T_NATIVE_INT, v);
    free(v);
    if (ds < 0)
        return w->err->status;
    const char *const attrs[] = {"long_name", long_name, NULL};
    const int st = make_scale(w, ds, name, name, attrs);
    close_id(ds);
    return st;
}

/* A netCDF "dimension without variable" of length n (the character axis of a char array). */
static int write_plain_dim(Writer *w, hid_t grp, const char *name, int n)
{
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = create_dataset(w, grp, name, H5T_IEEE_F32BE, 1, shape, w->dcpl, H5T_NATIVE_FLOAT, NULL);
    if (ds < 0)
        return w->err->status;
    char marker[sizeof H5OUT_DIM_WITHOUT_VARIABLE + 16];
    snprintf(marker, sizeof marker, "%s%10d", H5OUT_DIM_WITHOUT_VARIABLE, n);
    const int st = make_scale(w, ds, name, marker, NULL);
    close_id(ds);
    return st;
}

/* The time coordinate: day0 + 7 t in days since 2000-01-01. */
static int write_time_dim(Writer *w, hid_t grp)
{
    const int n = w->run->n_ticks;
    double *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return fail(w, "out of memory");
    for (int t = 0; t < n; t++)
        v[t] = (double)w->run->day0 + 7.0 * (double)t;
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = create_dataset(w, grp, "time", H5T_IEEE_F64LE, 1, shape, w->dcpl, H5T_NATIVE_DOUBLE, v);
    free(v);
    if (ds < 0)
        return w->err->status;
    const char *const attrs[] = {"units",         H5OUT_TIME_UNITS,
                                 "calendar",      "standard",
                                 "long_name",     "start of the simulated week",
                                 "standard_name", "time",
                                 "axis",          "T",
                                 NULL};
    const int st = make_scale(w, ds, "time", "time", attrs);
    close_id(ds);
    return st;
}

/* Length of the longest label (at least 1): the size of a char array's strlen axis. */
static int labels_width(const char *const *labels, int n)
{
    size_t width = 1;
    for (int i = 0; i < n; i++)
        if (strlen(labels[i]) > width)
            width = strlen(labels[i]);
    return (int)width;
}

/* Char array `name` [axis, strlen_dim] holding labels[0..n-1], each zero-padded to `width`
 * (the length of strlen_dim, which must exist already). */
static int write_char_array(Writer *w, hid_t grp, const char *name, const char *axis, const char *strlen_dim,
                            int width, const char *const *labels, int n, const char *long_name)
{
    char *buf = calloc((size_t)n * (size_t)width, 1);
    if (!buf)
        return fail(w, "out of memory");
    for (int i = 0; i < n; i++)
        memcpy(buf + (size_t)i * (size_t)width, labels[i], strlen(labels[i]));
    int st = CS_OK;
    hid_t type = H5Tcopy(H5T_C_S1), ds = H5I_INVALID_HID;
    if (type < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0 || H5Tset_cset(type, H5T_CSET_ASCII) < 0)
        st = fail(w, "cannot make the character type");
    const hsize_t shape[2] = {(hsize_t)n, (hsize_t)width};
    if (!st && (ds = create_dataset(w, grp, name, type, 2, shape, w->dcpl, type, buf)) < 0)
        st = w->err->status;
    free(buf);
    const char *const dims[2] = {axis, strlen_dim};
    if (!st)
        st = attach_dims(w, grp, ds, name, 2, dims);
    if (!st)
        st = attr_text(w, ds, "long_name", long_name);
    if (!st) /* lets xarray decode the labels to str rather than bytes */
        st = attr_text(w, ds, "_Encoding", "utf-8");
    close_id(ds);
    close_id(type);
    return st;
}

/* A label axis: index coordinate `axis` (0..n-1), its strlen dimension and the char array
 * `<axis>_name`. */
static int write_label_axis(Writer *w, hid_t grp, const char *axis, const char *const *labels, int n,
                            const char *index_long_name, const char *label_long_name)
{
    char name[64], strlen_dim[64];
    snprintf(name, sizeof name, "%s_name", axis);
    snprintf(strlen_dim, sizeof strlen_dim, "%s_strlen", axis);
    const int width = labels_width(labels, n);
    if (write_index_dim(w, grp, axis, n, index_long_name) || write_plain_dim(w, grp, strlen_dim, width))
        return w->err->status;
    return write_char_array(w, grp, name, axis, strlen_dim, width, labels, n, label_long_name);
}

/* The replicate, time and label-axis coordinates (root and /series); /summary has no replicate. */
static int write_coordinates(Writer *w, hid_t grp, int with_replicate)
{
    const MetricsLayout *L = w->run->layout;
    if (with_replicate &&
        write_index_dim(w, grp, "replicate", w->run->n_replicates, "replicate (independent stochastic realisation)"))
        return w->err->status;
    if (write_time_dim(w, grp))
        return w->err->status;
    for (int d = DIM_NONE + 1; d < N_DIMS; d++) {
        int used = 0;
        for (int m = 0; m < N_METRICS; m++)
            used |= metrics_info[m].dim == (MetricDim)d;
        if (!used)
            continue; /* an axis no series has would read as a stray variable */
        char index_long[128], label_long[128];
        snprintf(index_long, sizeof index_long, "%s index (labels in %s_name)", metrics_dim_name[d], metrics_dim_name[d]);
        snprintf(label_long, sizeof label_long, "%s", metrics_dim_name[d]);
        if (write_label_axis(w, grp, metrics_dim_name[d], L->labels[d], L->size[d], index_long, label_long))
            return w->err->status;
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
    hid_t dcpl = H5Pcopy(w->dcpl);
    if (dcpl < 0 || H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_shuffle(dcpl) < 0 ||
        H5Pset_deflate(dcpl, H5OUT_DEFLATE_LEVEL) < 0) {
        fail(w, "cannot set chunking and compression");
        close_id(dcpl);
        return H5I_INVALID_HID;
    }
    return dcpl;
}

/* Create /<group>/<metric>: float64 with the given dims, chunked and compressed, scales attached,
 * units / long_name / coordinates attributes. Returns the open dataset or a negative id. */
static hid_t create_metric_dataset(Writer *w, hid_t grp, int m, int rank, const char *const *dims,
                                   const hsize_t *shape, const char *coordinates)
{
    const MetricInfo *mi = &metrics_info[m];
    hid_t dcpl = series_dcpl(w, rank, shape);
    if (dcpl < 0)
        return H5I_INVALID_HID;
    hid_t ds = create_dataset(w, grp, mi->name, H5T_IEEE_F64LE, rank, shape, dcpl, H5T_NATIVE_DOUBLE, NULL);
    close_id(dcpl);
    if (ds < 0)
        return H5I_INVALID_HID;
    if (attach_dims(w, grp, ds, mi->name, rank, dims) || attr_text(w, ds, "units", mi->units) ||
        attr_text(w, ds, "long_name", mi->long_name) ||
        (coordinates && attr_text(w, ds, "coordinates", coordinates))) {
        close_id(ds);
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
        st = fail(w, what);
    }
    close_id(mspace);
    close_id(fspace);
    return st;
}

/* Value of metric slot `slot` (offset + drug) of replicate r at tick t. */
static double run_value(const H5OutRun *run, int r, int t, int slot)
{
    return run->data[((size_t)r * (size_t)run->n_ticks + (size_t)t) * (size_t)metrics_row_width(run->layout) +
                     (size_t)slot];
}

/* /series/<name> [replicate, time(, drug)] for every metric, one replicate per write. */
static int write_series(Writer *w, hid_t grp)
{
    const H5OutRun *run = w->run;
    const MetricsLayout *L = run->layout;
    double *buf = malloc((size_t)run->n_ticks * (size_t)max_width(L) * sizeof *buf);
    if (!buf)
        return fail(w, "out of memory");
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
            st = w->err->status;
            break;
        }
        for (int r = 0; r < run->n_replicates && !st; r++) {
            for (int t = 0; t < run->n_ticks; t++)
                for (int d = 0; d < k; d++)
                    buf[(size_t)t * (size_t)k + (size_t)d] = run_value(run, r, t, off + d);
            st = write_slab(w, ds, rank, shape, r, buf, metrics_info[m].name);
        }
        close_id(ds);
    }
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
    int st = CS_OK;
    if (!buf || !vals)
        st = fail(w, "out of memory");
    for (int m = 0; m < N_METRICS && !st; m++) {
        const MetricDim dim = metrics_info[m].dim;
        const int k = metrics_width(L, (MetricId)m), rank = dim == DIM_NONE ? 2 : 3;
        const int off = metrics_offset(L, (MetricId)m);
        for (int t = 0; t < run->n_ticks; t++)
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
            st = w->err->status;
            break;
        }
        for (int i = 0; i < N_STATS && !st; i++)
            st = write_slab(w, ds, rank, shape, i, buf + (size_t)i * plane, metrics_info[m].name);
        close_id(ds);
    }
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
    if (attr_text(w, file, "Conventions", "CF-1.8") || attr_text(w, file, "title", "cartelsim results") ||
        attr_text(w, file, "cartelsim_version", CARTELSIM_VERSION) ||
        attr_text(w, file, "scenario_name", run->scenario_name) ||
        attr_text(w, file, "scenario_description", run->scenario_description) || attr_seed(w, file, run->seed) ||
        attr_int32(w, file, "replicates", run->n_replicates) || attr_int32(w, file, "ticks", run->n_ticks) ||
        attr_text(w, file, "tick_unit", "week") || attr_text(w, file, "start_date", start_date) ||
        attr_text(w, file, "created", created))
        return w->err->status;
    return CS_OK;
}

static int write_provenance(Writer *w, hid_t file)
{
    unsigned maj = 0, min = 0, rel = 0;
    char hdf5_version[48];
    if (H5get_libversion(&maj, &min, &rel) < 0)
        return fail(w, "cannot query the HDF5 library version");
    snprintf(hdf5_version, sizeof hdf5_version, "%u.%u.%u", maj, min, rel);
    hid_t g = create_group(w, file, "provenance");
    if (g < 0)
        return w->err->status;
    int st = CS_OK;
    if (attr_text(w, g, "cartelsim_version", CARTELSIM_VERSION) || attr_text(w, g, "git_revision", CARTELSIM_GIT_REV) ||
        attr_text(w, g, "compiler", H5OUT_COMPILER) || attr_text(w, g, "build_flags", CARTELSIM_BUILD_FLAGS) ||
        attr_text(w, g, "gsl_version", GSL_VERSION) || attr_text(w, g, "hdf5_version", hdf5_version) ||
        attr_text(w, g, "libconfig_version", H5OUT_LIBCONFIG_VERSION) ||
        attr_text(w, g, "rng_type", w->run->rng_type) || attr_seed(w, g, w->run->seed))
        st = w->err->status;
    close_id(g);
    return st;
}

/* A scalar variable-length UTF-8 string dataset `name` in g, with a long_name. */
static int write_string(Writer *w, hid_t g, const char *name, const char *text, const char *long_name)
{
    hid_t type = H5Tcopy(H5T_C_S1), ds = H5I_INVALID_HID;
    int st = CS_OK;
    if (type < 0 || H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0)
        st = fail(w, "cannot make the string type");
    if (!st && (ds = create_dataset(w, g, name, type, 0, NULL, w->dcpl, type, &text)) < 0)
        st = w->err->status;
    if (!st)
        st = attr_text(w, ds, "long_name", long_name);
    close_id(ds);
    close_id(type);
    return st;
}

/* /scenario/config: the resolved scenario; /scenario/data/<file>: the data files it ran on. */
static int write_config(Writer *w, hid_t g)
{
    int st = write_string(w, g, "config", w->run->config_text ? w->run->config_text : "",
                          "resolved scenario as libconfig text (cartelsim run --from FILE re-runs it)");
    if (st || w->run->n_data == 0)
        return st;
    hid_t d = create_group(w, g, "data");
    if (d < 0)
        return w->err->status;
    for (int i = 0; i < w->run->n_data && !st; i++)
        st = write_string(w, d, w->run->data_names[i], w->run->data_texts[i],
                          "copy of the data file of scenarios/data the run used (cartelsim run --from uses it)");
    close_id(d);
    return st;
}

/* The parameter table: parameter (index), parameter_path, parameter_value, parameter_unit, the two
 * char arrays sharing one strlen axis. */
static int write_parameter_table(Writer *w, hid_t g)
{
    const char *paths[N_PARAMS], *units[N_PARAMS];
    for (int i = 0; i < N_PARAMS; i++) {
        paths[i] = param_info[i].path;
        units[i] = param_info[i].unit;
    }
    const int wp = labels_width(paths, N_PARAMS), wu = labels_width(units, N_PARAMS), width = wp > wu ? wp : wu;
    if (write_index_dim(w, g, "parameter", N_PARAMS, "parameter index") ||
        write_plain_dim(w, g, "parameter_strlen", width) ||
        write_char_array(w, g, "parameter_path", "parameter", "parameter_strlen", width, paths, N_PARAMS,
                         "parameter configuration path"))
        return w->err->status;
    const hsize_t shape[1] = {N_PARAMS};
    const char *const dims[1] = {"parameter"};
    hid_t ds = create_dataset(w, g, "parameter_value", H5T_IEEE_F64LE, 1, shape, w->dcpl, H5T_NATIVE_DOUBLE,
                              w->run->params->v);
    int st = CS_OK;
    if (ds < 0 || attach_dims(w, g, ds, "parameter_value", 1, dims) ||
        attr_text(w, ds, "long_name", "resolved base value (before any policy timeline change)"))
        st = w->err->status;
    close_id(ds);
    if (!st)
        st = write_char_array(w, g, "parameter_unit", "parameter", "parameter_strlen", width, units, N_PARAMS,
                              "parameter unit");
    return st;
}

/* /scenario: config text and the parameter table. */
static int write_scenario(Writer *w, hid_t file)
{
    hid_t g = create_group(w, file, "scenario");
    if (g < 0)
        return w->err->status;
    int st = write_config(w, g);
    if (!st)
        st = write_parameter_table(w, g);
    close_id(g);
    return st;
}

/* /series: replicate, time, drug coordinates and every metric per replicate. */
static int write_series_group(Writer *w, hid_t file)
{
    hid_t g = create_group(w, file, "series");
    if (g < 0)
        return w->err->status;
    int st = write_coordinates(w, g, 1);
    if (!st)
        st = write_series(w, g);
    close_id(g);
    return st;
}

/* /summary: stat, time, drug coordinates and every metric's statistics over replicates. */
static int write_summary_group(Writer *w, hid_t file)
{
    hid_t g = create_group(w, file, "summary");
    if (g < 0)
        return w->err->status;
    int st = write_label_axis(w, g, "stat", stat_names, N_STATS, "statistic index (labels in stat_name)",
                              "statistic over replicates: mean, 5 %, 50 % and 95 % quantiles");
    if (!st)
        st = write_coordinates(w, g, 0);
    if (!st)
        st = write_summary(w, g);
    close_id(g);
    return st;
}

/* Property lists shared by the whole file: creation order tracked and indexed (as netCDF-4 does) and
 * no object timestamps (identical runs give files that differ only in the `created` attribute). */
static int make_property_lists(Writer *w, hid_t *fcpl, hid_t *fapl)
{
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    *fcpl = H5Pcreate(H5P_FILE_CREATE);
    *fapl = H5Pcreate(H5P_FILE_ACCESS);
    w->gcpl = H5Pcreate(H5P_GROUP_CREATE);
    w->dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (*fcpl < 0 || *fapl < 0 || w->gcpl < 0 || w->dcpl < 0 || H5Pset_link_creation_order(*fcpl, order) < 0 ||
        H5Pset_attr_creation_order(*fcpl, order) < 0 || H5Pset_obj_track_times(*fcpl, 0) < 0 ||
        H5Pset_fclose_degree(*fapl, H5F_CLOSE_STRONG) < 0 || H5Pset_link_creation_order(w->gcpl, order) < 0 ||
        H5Pset_attr_creation_order(w->gcpl, order) < 0 || H5Pset_obj_track_times(w->gcpl, 0) < 0 ||
        H5Pset_attr_creation_order(w->dcpl, order) < 0 || H5Pset_obj_track_times(w->dcpl, 0) < 0)
        return fail(w, "cannot set up the HDF5 property lists");
    return CS_OK;
}

/* Flush the finished temporary file to disk before the rename makes it visible. */
static int sync_file(Writer *w, const char *tmp)
{
    const int fd = open(tmp, O_RDONLY);
    if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL)) {
        const int e = errno;
        if (fd >= 0)
            close(fd);
        return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "", "cannot sync %s to disk: %s", tmp, strerror(e));
    }
    close(fd);
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

/* A 1-D column of a table group, on its row axis `axis` (contiguous: tables may be empty). */
static int write_column(Writer *w, hid_t g, const char *axis, const char *name, hid_t ftype, hid_t mtype,
                        const void *data, int n, const char *long_name, const char *units)
{
    const hsize_t shape[1] = {(hsize_t)n};
    const char *const dims[1] = {axis};
    hid_t ds = create_dataset(w, g, name, ftype, 1, shape, H5P_DEFAULT, mtype, n > 0 ? data : NULL);
    int st = CS_OK;
    if (ds < 0 || attach_dims(w, g, ds, name, 1, dims) || attr_text(w, ds, "long_name", long_name) ||
        (units && attr_text(w, ds, "units", units)))
        st = w->err->status;
    close_id(ds);
    return st;
}

/* A string column: char array [axis, <name>_strlen]. */
static int write_text_column(Writer *w, hid_t g, const char *axis, const char *name, const char *const *text, int n,
                             const char *long_name)
{
    char dim[96];
    snprintf(dim, sizeof dim, "%s_strlen", name);
    const int width = labels_width(text, n);
    if (write_plain_dim(w, g, dim, width))
        return w->err->status;
    if (n == 0) { /* an empty char array: contiguous, no data */
        hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, 1);
        const hsize_t shape[2] = {0, (hsize_t)width};
        hid_t ds = create_dataset(w, g, name, type, 2, shape, H5P_DEFAULT, type, NULL);
        const char *const dims[2] = {axis, dim};
        int st = ds < 0 || attach_dims(w, g, ds, name, 2, dims) || attr_text(w, ds, "long_name", long_name) ? w->err->status : CS_OK;
        close_id(ds);
        close_id(type);
        return st;
    }
    return write_char_array(w, g, name, axis, dim, width, text, n, long_name);
}

/* Rows of a table: an index coordinate 0..n-1 on axis `axis`. */
static int write_rows(Writer *w, hid_t g, const char *axis, int n, const char *long_name)
{
    int *v = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; i++)
        v[i] = i;
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = create_dataset(w, g, axis, H5T_STD_I32LE, 1, shape, H5P_DEFAULT, H5T_NATIVE_INT, n > 0 ? v : NULL);
    free(v);
    if (ds < 0)
        return w->err->status;
    const char *const attrs[] = {"long_name", long_name, NULL};
    const int st = make_scale(w, ds, axis, axis, attrs);
    close_id(ds);
    return st;
}

/* /organisations: one row per organisation ever alive in each replicate (replicate, index within
 * it), with its parent and lineage, so that the genealogy of fragmentation can be drawn. */
static int write_organisations(Writer *w, hid_t file)
{
    const Geography *geo = w->run->geo;
    const SimHistory *h = w->run->history;
    int n = 0;
    for (int r = 0; r < w->run->n_replicates; r++)
        n += h[r].n_orgs;
    hid_t g = create_group(w, file, "organisations");
    if (g < 0)
        return w->err->status;
    const size_t m = (size_t)(n > 0 ? n : 1);
    const char **ids = malloc(sizeof(char *) * m), **names = malloc(sizeof(char *) * m), **states = malloc(sizeof(char *) * m);
    int *col[9];
    for (int i = 0; i < 9; i++)
        col[i] = malloc(sizeof(int) * m);
    double *dcol[4];
    for (int i = 0; i < 4; i++)
        dcol[i] = malloc(sizeof(double) * m);
    int row = 0;
    for (int r = 0; r < w->run->n_replicates; r++)
        for (int o = 0; o < h[r].n_orgs; o++, row++) {
            const Org *x = &h[r].orgs[o];
            ids[row] = x->id;
            names[row] = o < geo->n_orgs ? geo->orgs[o].name : x->id;
            states[row] = geo->states[x->home_state].code;
            col[0][row] = r;
            col[1][row] = o;
            col[2][row] = x->parent;
            col[3][row] = x->lineage;
            col[4][row] = x->born;
            col[5][row] = x->alive ? -1 : x->died;
            col[6][row] = x->cocaine_link_start;
            col[7][row] = x->precursor_link_start;
            col[8][row] = x->alive;
            dcol[0][row] = x->members_start;
            dcol[1][row] = x->members_peak;
            dcol[2][row] = x->cash_start;
            dcol[3][row] = x->alive ? (double)x->members : 0;
        }
    static const char *const icol_name[9] = {"replicate", "index", "parent", "lineage", "born", "died", "cocaine_link",
                                             "precursor_link", "alive"};
    static const char *const icol_long[9] = {
        "replicate of this row", "index of the organisation within its replicate (events refer to it)",
        "index of the parent organisation in the same replicate (-1: none)",
        "index of the founding organisation of 2000 (the lineage axis of the series)",
        "tick of birth (0: present at the start)", "tick of death (-1: alive at the end)",
        "1: bought from Andean cocaine suppliers at birth", "1: bought precursors from Asian brokers at birth",
        "1: alive at the end of the run"};
    static const char *const dcol_name[4] = {"members_start", "members_peak", "cash_start", "members_end"};
    static const char *const dcol_long[4] = {"members at birth (or at the start)", "most members at any week's end",
                                             "cash at birth (or at the start)", "members at the end of the run"};
    static const char *const dcol_units[4] = {"persons", "persons", "US$2010", "persons"};
    int st = write_rows(w, g, "organisation", n, "row of the organisation table");
    if (!st)
        st = write_text_column(w, g, "organisation", "id", ids, n, "organisation id (splinters: parent id.k)");
    if (!st)
        st = write_text_column(w, g, "organisation", "long_name", names, n, "organisation name");
    if (!st)
        st = write_text_column(w, g, "organisation", "home_state", states, n, "home state (INEGI code)");
    for (int i = 0; i < 9 && !st; i++)
        st = write_column(w, g, "organisation", icol_name[i], H5T_STD_I32LE, H5T_NATIVE_INT, col[i], n, icol_long[i], NULL);
    for (int i = 0; i < 4 && !st; i++)
        st = write_column(w, g, "organisation", dcol_name[i], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, dcol[i], n, dcol_long[i],
                          dcol_units[i]);
    free(ids);
    free(names);
    free(states);
    for (int i = 0; i < 9; i++)
        free(col[i]);
    for (int i = 0; i < 4; i++)
        free(dcol[i]);
    close_id(g);
    return st;
}

/* /events: every birth, death, split, merger, succession, leader removal, war, peace and supplier
 * link change of every replicate, in order. */
static int write_events(Writer *w, hid_t file)
{
    const Geography *geo = w->run->geo;
    const SimHistory *h = w->run->history;
    int n = 0;
    for (int r = 0; r < w->run->n_replicates; r++)
        n += h[r].n_events;
    hid_t g = create_group(w, file, "events");
    if (g < 0)
        return w->err->status;
    const size_t m = (size_t)(n > 0 ? n : 1);
    const char **kind = malloc(sizeof(char *) * m), **state = malloc(sizeof(char *) * m);
    int *rep = malloc(sizeof(int) * m), *tick = malloc(sizeof(int) * m), *org = malloc(sizeof(int) * m),
        *other = malloc(sizeof(int) * m);
    double *time = malloc(sizeof(double) * m), *value = malloc(sizeof(double) * m);
    int row = 0;
    for (int r = 0; r < w->run->n_replicates; r++)
        for (int i = 0; i < h[r].n_events; i++, row++) {
            const OrgEvent *e = &h[r].events[i];
            kind[row] = orgs_event_names[e->kind];
            state[row] = e->state >= 0 ? geo->states[e->state].code : "";
            rep[row] = r;
            tick[row] = e->tick;
            org[row] = e->org;
            other[row] = e->other;
            time[row] = (double)w->run->day0 + 7.0 * e->tick;
            value[row] = e->value;
        }
    int st = write_rows(w, g, "event", n, "row of the event table");
    if (!st)
        st = write_text_column(w, g, "event", "kind", kind, n,
                               "birth, death, split, merger, succession, arrest, extradition, killing, war, peace, link_lost, link_gained");
    if (!st)
        st = write_text_column(w, g, "event", "state", state, n, "state where it happened (INEGI code; empty: none)");
    if (!st)
        st = write_column(w, g, "event", "replicate", H5T_STD_I32LE, H5T_NATIVE_INT, rep, n, "replicate", NULL);
    if (!st)
        st = write_column(w, g, "event", "tick", H5T_STD_I32LE, H5T_NATIVE_INT, tick, n, "tick (week) of the event", NULL);
    if (!st)
        st = write_column(w, g, "event", "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, time, n, "start of the week",
                          H5OUT_TIME_UNITS);
    if (!st)
        st = write_column(w, g, "event", "organisation", H5T_STD_I32LE, H5T_NATIVE_INT, org, n,
                          "organisation (index within the replicate: /organisations/index)", NULL);
    if (!st)
        st = write_column(w, g, "event", "other", H5T_STD_I32LE, H5T_NATIVE_INT, other, n,
                          "the other organisation: new faction (split), absorber (merger), parent (birth), enemy (war, peace); -1 none",
                          NULL);
    if (!st)
        st = write_column(w, g, "event", "value", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value, n,
                          "members involved (split, birth, merger, removal), war deaths (peace), link (0 cocaine, 1 precursor)",
                          NULL);
    free(kind);
    free(state);
    free(rep);
    free(tick);
    free(org);
    free(other);
    free(time);
    free(value);
    close_id(g);
    return st;
}

int h5out_write(const H5OutRun *run, Error *err)
{
    error_clear(err);
    if (check_run(run, err))
        return err->status;
    char tmp[4096];
    if (strlen(run->path) + sizeof ".tmp" > sizeof tmp)
        return error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "cannot write the result file: path too long");
    h5out_tmp_path(run->path, tmp, sizeof tmp);

    H5E_auto2_t old_func = NULL;
    void *old_data = NULL;
    H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);

    Writer w = {run, err, run->path, H5I_INVALID_HID, H5I_INVALID_HID};
    hid_t fcpl = H5I_INVALID_HID, fapl = H5I_INVALID_HID, file = H5I_INVALID_HID;
    int st = make_property_lists(&w, &fcpl, &fapl);
    if (!st && (file = H5Fcreate(tmp, H5F_ACC_TRUNC, fcpl, fapl)) < 0) {
        char what[4200];
        snprintf(what, sizeof what, "cannot create %s", tmp);
        st = fail(&w, what);
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
        st = write_organisations(&w, file);
    if (!st && run->geo && run->history)
        st = write_events(&w, file);
    if (!st)
        st = attr_int32(&w, file, "complete", 1);
    if (file >= 0) {
        const herr_t closed = H5Fclose(file);
        if (!st && closed < 0)
            st = fail(&w, "cannot close (flush) the file");
    }
    close_id(fcpl);
    close_id(fapl);
    close_id(w.gcpl);
    close_id(w.dcpl);
    if (!st)
        st = sync_file(&w, tmp);
    if (!st && rename(tmp, run->path) != 0)
        st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "cannot rename %s to %s: %s", tmp, run->path,
                       strerror(errno));
    if (st) /* the temporary name is ours (created with truncation): never leave it behind */
        remove(tmp);
    H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
    return st;
}

/* ---- reading back --------------------------------------------------------------------------- */

/* Check that the file is a complete cartelsim result file with a /scenario/config string. */
static int check_result_file(Writer *w, hid_t file)
{
    if (H5Lexists(file, "scenario", H5P_DEFAULT) <= 0 || H5Lexists(file, "scenario/config", H5P_DEFAULT) <= 0)
        return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "",
                         "not a cartelsim result file (no /scenario/config dataset)");
    int complete = 0;
    hid_t attr = H5Aexists(file, "complete") > 0 ? H5Aopen(file, "complete", H5P_DEFAULT) : H5I_INVALID_HID;
    const int ok = attr >= 0 && H5Aread(attr, H5T_NATIVE_INT, &complete) >= 0 && complete == 1;
    close_id(attr);
    if (!ok)
        return error_set(w->err, CS_ERR_RUNTIME, w->path, 0, "",
                         "incomplete cartelsim result file (the root attribute complete is not 1)");
    return CS_OK;
}

int h5out_read_text(const char *path, const char *dataset, char **config_text, Error *err)
{
    error_clear(err);
    *config_text = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot open result file: %s", strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot open result file: not a regular file");

    H5E_auto2_t old_func = NULL;
    void *old_data = NULL;
    H5Eget_auto2(H5E_DEFAULT, &old_func, &old_data);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);

    Writer w = {NULL, err, path, H5I_INVALID_HID, H5I_INVALID_HID};
    hid_t file = H5I_INVALID_HID, ds = H5I_INVALID_HID, ftype = H5I_INVALID_HID, mtype = H5I_INVALID_HID,
          space = H5I_INVALID_HID;
    char *buf = NULL;
    int st = CS_OK;
    const htri_t is_hdf5 = H5Fis_hdf5(path);
    if (is_hdf5 == 0)
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "", "not a cartelsim result file (not an HDF5 file)");
    else if (is_hdf5 < 0 || (file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0)
        st = fail(&w, "cannot open result file");
    if (!st)
        st = check_result_file(&w, file);
    char what[300];
    snprintf(what, sizeof what, "cannot open /%s", dataset);
    if (!st && H5Lexists(file, "scenario/data", H5P_DEFAULT) <= 0 && strncmp(dataset, "scenario/data/", 14) == 0)
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "", "the result file holds no copy of the data files");
    if (!st && ((ds = H5Dopen2(file, dataset, H5P_DEFAULT)) < 0 || (ftype = H5Dget_type(ds)) < 0 ||
                (space = H5Dget_space(ds)) < 0))
        st = fail(&w, what);
    if (!st && (H5Tget_class(ftype) != H5T_STRING || H5Tis_variable_str(ftype) <= 0 ||
                H5Sget_simple_extent_npoints(space) != 1))
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "",
                       "not a cartelsim result file (/%s is not a single variable-length string)", dataset);
    if (!st && ((mtype = H5Tcopy(H5T_C_S1)) < 0 || H5Tset_size(mtype, H5T_VARIABLE) < 0 ||
                H5Tset_cset(mtype, H5Tget_cset(ftype)) < 0 ||
                H5Dread(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, &buf) < 0))
        st = fail(&w, what);
    if (!st && !(*config_text = strdup(buf ? buf : "")))
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "", "out of memory reading /%s", dataset);
    if (buf) {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(mtype, space, H5P_DEFAULT, &buf);
#else
        H5Dvlen_reclaim(mtype, space, H5P_DEFAULT, &buf);
#endif
    }
    close_id(mtype);
    close_id(space);
    close_id(ftype);
    close_id(ds);
    close_id(file);
    H5Eset_auto2(H5E_DEFAULT, old_func, old_data);
    return st;
}

int h5out_read_config(const char *path, char **config_text, Error *err)
{
    return h5out_read_text(path, "scenario/config", config_text, err);
}

void h5out_tmp_path(const char *path, char *buf, unsigned long size)
{
    snprintf(buf, size, "%s.tmp", path);
}
