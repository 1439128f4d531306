/* h5nc.c: netCDF-4 conventions on the plain HDF5 C library (see h5nc.h), used by the result file
 * writer (h5out.c, h5tables.c) and reader (h5read.c).
 *
 * What makes a file written with these helpers netCDF-4 compatible:
 *   - link and attribute creation order are tracked on the file, every group and every dataset
 *     (h5nc_property_lists);
 *   - every axis of every dataset has a dimension scale attached (H5DSset_scale / H5DSattach_scale),
 *     so h5netcdf/xarray, R (ncdf4) and Octave/MATLAB (ncread) see named dimensions;
 *   - label axes are an int32 index coordinate plus a char array "<axis>_name"; the char arrays' second
 *     axis is a netCDF "dimension without variable" (an unwritten float32 scale whose NAME attribute
 *     is the netCDF-C marker text followed by the length in %10d);
 *   - text attributes are scalar fixed-length ASCII strings (size = strlen, NULLTERM), as netCDF-C
 *     writes them (Octave cannot read variable-length string attributes);
 *   - time is float64 "days since 2000-01-01", calendar "standard".
 *
 * Errors: HDF5's automatic error printing is switched off once per thread by h5nc_init (never back
 * on); h5nc_fail copies the innermost message of HDF5's error stack into the project's Error. */
#include "h5nc.h"

#include <hdf5_hl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marker netCDF-C puts in the NAME attribute of a dimension that has no coordinate variable. */
#define H5NC_DIM_WITHOUT_VARIABLE "This is a netCDF dimension but not a netCDF variable."

/* ---- errors --------------------------------------------------------------------------------- */

void h5nc_init(void)
{
    /* Once per thread: a thread-safe HDF5 (Debian's is) gives each thread its own default error
     * stack, whose printing starts switched on, so a process-wide pthread_once would not do. */
    static _Thread_local int done = 0;
    if (!done) {
        H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
        done = 1;
    }
}

H5nc h5nc_context(const char *path, Error *err)
{
    h5nc_init();
    const H5nc ctx = {err, path, H5I_INVALID_HID, H5I_INVALID_HID};
    return ctx;
}

enum { H5NC_DETAIL_SIZE = 400 };

/* Innermost HDF5 error description (the one that says what really went wrong). */
static herr_t first_error_cb(unsigned n, const H5E_error2_t *e, void *data)
{
    if (n == 0 && e->desc && e->desc[0])
        snprintf((char *)data, H5NC_DETAIL_SIZE, "%s", e->desc);
    return 0;
}

int h5nc_fail(H5nc *ctx, const char *what)
{
    if (ctx->err->status != CS_OK)
        return ctx->err->status;
    char detail[H5NC_DETAIL_SIZE] = "";
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_error_cb, detail);
    const char *hint =
        strstr(detail, "unable to lock file") ? "; on a shared cluster filesystem set HDF5_USE_FILE_LOCKING=FALSE" : "";
    const char *os = strstr(detail, "error message = '");
    if (os) {
        os += strlen("error message = '");
        const char *end = strchr(os, '\'');
        return error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "", "%s: %.*s%s", what, end ? (int)(end - os) : 200,
                         os, hint);
    }
    if (detail[0])
        return error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "", "%s: %s%s", what, detail, hint);
    return error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "", "%s", what);
}

void h5nc_close(hid_t id)
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

int h5nc_property_lists(H5nc *ctx, hid_t *fcpl, hid_t *fapl)
{
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    *fcpl = H5Pcreate(H5P_FILE_CREATE);
    *fapl = H5Pcreate(H5P_FILE_ACCESS);
    ctx->gcpl = H5Pcreate(H5P_GROUP_CREATE);
    ctx->dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (*fcpl < 0 || *fapl < 0 || ctx->gcpl < 0 || ctx->dcpl < 0 || H5Pset_link_creation_order(*fcpl, order) < 0 ||
        H5Pset_attr_creation_order(*fcpl, order) < 0 || H5Pset_obj_track_times(*fcpl, 0) < 0 ||
        H5Pset_fclose_degree(*fapl, H5F_CLOSE_STRONG) < 0 || H5Pset_link_creation_order(ctx->gcpl, order) < 0 ||
        H5Pset_attr_creation_order(ctx->gcpl, order) < 0 || H5Pset_obj_track_times(ctx->gcpl, 0) < 0 ||
        H5Pset_attr_creation_order(ctx->dcpl, order) < 0 || H5Pset_obj_track_times(ctx->dcpl, 0) < 0)
        return h5nc_fail(ctx, "cannot set up the HDF5 property lists");
    return CS_OK;
}

/* ---- attributes ----------------------------------------------------------------------------- */

int h5nc_attr_text(H5nc *ctx, hid_t obj, const char *name, const char *value)
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
        st = h5nc_fail(ctx, what);
    }
    h5nc_close(attr);
    h5nc_close(space);
    h5nc_close(type);
    return st;
}

int h5nc_attr_number(H5nc *ctx, hid_t obj, const char *name, hid_t ftype, hid_t mtype, const void *value)
{
    int st = CS_OK;
    hid_t space = H5Screate(H5S_SCALAR), attr = H5I_INVALID_HID;
    if (space < 0 || (attr = H5Acreate2(obj, name, ftype, space, H5P_DEFAULT, H5P_DEFAULT)) < 0 ||
        H5Awrite(attr, mtype, value) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot write attribute %s", name);
        st = h5nc_fail(ctx, what);
    }
    h5nc_close(attr);
    h5nc_close(space);
    return st;
}

int h5nc_attr_int32(H5nc *ctx, hid_t obj, const char *name, int value)
{
    return h5nc_attr_number(ctx, obj, name, H5T_STD_I32LE, H5T_NATIVE_INT, &value);
}

/* ---- groups, datasets and dimensions -------------------------------------------------------- */

hid_t h5nc_create_group(H5nc *ctx, hid_t parent, const char *name)
{
    hid_t g = H5Gcreate2(parent, name, H5P_DEFAULT, ctx->gcpl, H5P_DEFAULT);
    if (g < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot create group /%s", name);
        h5nc_fail(ctx, what);
    }
    return g;
}

hid_t h5nc_create_dataset(H5nc *ctx, hid_t grp, const char *name, hid_t ftype, int rank, const hsize_t *shape,
                          hid_t dcpl, hid_t mtype, const void *data)
{
    hid_t space = rank ? H5Screate_simple(rank, shape, NULL) : H5Screate(H5S_SCALAR), ds = H5I_INVALID_HID;
    if (space < 0 || (ds = H5Dcreate2(grp, name, ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT)) < 0 ||
        (data && H5Dwrite(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
        char what[200];
        snprintf(what, sizeof what, "cannot write dataset %s", name);
        h5nc_fail(ctx, what);
        h5nc_close(ds);
        ds = H5I_INVALID_HID;
    }
    h5nc_close(space);
    return ds;
}

int h5nc_attach_dims(H5nc *ctx, hid_t grp, hid_t ds, const char *ds_name, int rank, const char *const *dims)
{
    for (int a = 0; a < rank; a++) {
        hid_t scale = H5Dopen2(grp, dims[a], H5P_DEFAULT);
        const int bad = scale < 0 || H5DSattach_scale(ds, scale, (unsigned)a) < 0;
        h5nc_close(scale);
        if (bad) {
            char what[200];
            snprintf(what, sizeof what, "cannot attach dimension %s to %s", dims[a], ds_name);
            return h5nc_fail(ctx, what);
        }
    }
    return CS_OK;
}

int h5nc_make_scale(H5nc *ctx, hid_t ds, const char *ds_name, const char *scale_name, const char *const *attrs)
{
    if (H5DSset_scale(ds, scale_name) < 0) {
        char what[200];
        snprintf(what, sizeof what, "cannot make %s a dimension scale", ds_name);
        return h5nc_fail(ctx, what);
    }
    for (int i = 0; attrs && attrs[i]; i += 2)
        if (h5nc_attr_text(ctx, ds, attrs[i], attrs[i + 1]))
            return ctx->err->status;
    return CS_OK;
}

int h5nc_index_dim(H5nc *ctx, hid_t grp, const char *name, int n, const char *long_name)
{
    return h5nc_coordinate_dim(ctx, grp, name, n, NULL, long_name);
}

int h5nc_coordinate_dim(H5nc *ctx, hid_t grp, const char *name, int n, const int *values, const char *long_name)
{
    int *v = malloc((size_t)(n > 0 ? n : 1) * sizeof *v);
    if (!v)
        return h5nc_fail(ctx, "out of memory");
    for (int i = 0; i < n; i++)
        v[i] = values ? values[i] : i;
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = h5nc_create_dataset(ctx, grp, name, H5T_STD_I32LE, 1, shape, ctx->dcpl, H5T_NATIVE_INT, v);
    free(v);
    if (ds < 0)
        return ctx->err->status;
    const char *const attrs[] = {"long_name", long_name, NULL};
    const int st = h5nc_make_scale(ctx, ds, name, name, attrs);
    h5nc_close(ds);
    return st;
}

int h5nc_plain_dim(H5nc *ctx, hid_t grp, const char *name, int n)
{
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = h5nc_create_dataset(ctx, grp, name, H5T_IEEE_F32BE, 1, shape, ctx->dcpl, H5T_NATIVE_FLOAT, NULL);
    if (ds < 0)
        return ctx->err->status;
    char marker[sizeof H5NC_DIM_WITHOUT_VARIABLE + 16];
    snprintf(marker, sizeof marker, "%s%10d", H5NC_DIM_WITHOUT_VARIABLE, n);
    const int st = h5nc_make_scale(ctx, ds, name, marker, NULL);
    h5nc_close(ds);
    return st;
}

int h5nc_time_dim(H5nc *ctx, hid_t grp, int n, long day0)
{
    double *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return h5nc_fail(ctx, "out of memory");
    for (int t = 0; t < n; t++)
        v[t] = (double)day0 + 7.0 * (double)t;
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = h5nc_create_dataset(ctx, grp, "time", H5T_IEEE_F64LE, 1, shape, ctx->dcpl, H5T_NATIVE_DOUBLE, v);
    free(v);
    if (ds < 0)
        return ctx->err->status;
    const char *const attrs[] = {"units",         H5NC_TIME_UNITS,
                                 "calendar",      "standard",
                                 "long_name",     "start of the simulated week",
                                 "standard_name", "time",
                                 "axis",          "T",
                                 NULL};
    const int st = h5nc_make_scale(ctx, ds, "time", "time", attrs);
    h5nc_close(ds);
    return st;
}

/* ---- labels --------------------------------------------------------------------------------- */

int h5nc_labels_width(const char *const *labels, int n)
{
    size_t width = 1;
    for (int i = 0; i < n; i++)
        if (strlen(labels[i]) > width)
            width = strlen(labels[i]);
    return (int)width;
}

int h5nc_char_array(H5nc *ctx, hid_t grp, const char *name, const char *axis, const char *strlen_dim, int width,
                    const char *const *labels, int n, const char *long_name)
{
    char *buf = calloc((size_t)n * (size_t)width, 1);
    if (!buf)
        return h5nc_fail(ctx, "out of memory");
    for (int i = 0; i < n; i++)
        memcpy(buf + (size_t)i * (size_t)width, labels[i], strlen(labels[i]));
    int st = CS_OK;
    hid_t type = H5Tcopy(H5T_C_S1), ds = H5I_INVALID_HID;
    if (type < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0 || H5Tset_cset(type, H5T_CSET_ASCII) < 0)
        st = h5nc_fail(ctx, "cannot make the character type");
    const hsize_t shape[2] = {(hsize_t)n, (hsize_t)width};
    if (!st && (ds = h5nc_create_dataset(ctx, grp, name, type, 2, shape, ctx->dcpl, type, buf)) < 0)
        st = ctx->err->status;
    free(buf);
    const char *const dims[2] = {axis, strlen_dim};
    if (!st)
        st = h5nc_attach_dims(ctx, grp, ds, name, 2, dims);
    if (!st)
        st = h5nc_attr_text(ctx, ds, "long_name", long_name);
    if (!st) /* lets xarray decode the labels to str rather than bytes */
        st = h5nc_attr_text(ctx, ds, "_Encoding", "utf-8");
    h5nc_close(ds);
    h5nc_close(type);
    return st;
}

int h5nc_label_axis(H5nc *ctx, hid_t grp, const char *axis, const char *const *labels, int n,
                    const char *index_long_name, const char *label_long_name)
{
    char name[64], strlen_dim[64];
    snprintf(name, sizeof name, "%s_name", axis);
    snprintf(strlen_dim, sizeof strlen_dim, "%s_strlen", axis);
    const int width = h5nc_labels_width(labels, n);
    if (h5nc_index_dim(ctx, grp, axis, n, index_long_name) || h5nc_plain_dim(ctx, grp, strlen_dim, width))
        return ctx->err->status;
    return h5nc_char_array(ctx, grp, name, axis, strlen_dim, width, labels, n, label_long_name);
}

/* ---- tables --------------------------------------------------------------------------------- */

/* Rows row0 .. row0+count-1 of 1-D or 2-D (rows x width) dataset ds from data. */
static int write_rows(H5nc *ctx, hid_t ds, hid_t mtype, int rank, int width, int row0, int count, const void *data)
{
    if (count <= 0)
        return CS_OK;
    const hsize_t start[2] = {(hsize_t)row0, 0}, size[2] = {(hsize_t)count, (hsize_t)width};
    hid_t file_space = H5Dget_space(ds), mem_space = H5Screate_simple(rank, size, NULL);
    const int bad = file_space < 0 || mem_space < 0 ||
                    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, size, NULL) < 0 ||
                    H5Dwrite(ds, mtype, mem_space, file_space, H5P_DEFAULT, data) < 0;
    h5nc_close(file_space);
    h5nc_close(mem_space);
    return bad ? h5nc_fail(ctx, "cannot write rows of a table") : CS_OK;
}

int h5nc_table_rows(H5nc *ctx, hid_t g, const char *axis, int n, const char *long_name)
{
    enum { BLOCK = 65536 }; /* written a block at a time: a table of millions of rows needs no copy of it */
    const int m = n < BLOCK ? n : BLOCK;
    int *v = malloc(sizeof(int) * (size_t)(m > 0 ? m : 1));
    if (!v)
        return h5nc_fail(ctx, "out of memory");
    const hsize_t shape[1] = {(hsize_t)n};
    hid_t ds = h5nc_create_dataset(ctx, g, axis, H5T_STD_I32LE, 1, shape, H5P_DEFAULT, H5T_NATIVE_INT, NULL);
    int st = ds < 0 ? ctx->err->status : CS_OK;
    for (int a = 0; a < n && !st; a += BLOCK) {
        const int k = n - a < BLOCK ? n - a : BLOCK;
        for (int i = 0; i < k; i++)
            v[i] = a + i;
        st = write_rows(ctx, ds, H5T_NATIVE_INT, 1, 1, a, k, v);
    }
    free(v);
    const char *const attrs[] = {"long_name", long_name, NULL};
    if (!st)
        st = h5nc_make_scale(ctx, ds, axis, axis, attrs);
    h5nc_close(ds);
    return st;
}

hid_t h5nc_column_create(H5nc *ctx, hid_t g, const char *axis, const char *name, hid_t ftype, int n,
                         const char *long_name, const char *units)
{
    const hsize_t shape[1] = {(hsize_t)n};
    const char *const dims[1] = {axis};
    hid_t ds = h5nc_create_dataset(ctx, g, name, ftype, 1, shape, H5P_DEFAULT, ftype, NULL);
    if (ds >= 0 && (h5nc_attach_dims(ctx, g, ds, name, 1, dims) || h5nc_attr_text(ctx, ds, "long_name", long_name) ||
                    (units && h5nc_attr_text(ctx, ds, "units", units)))) {
        h5nc_close(ds);
        ds = H5I_INVALID_HID;
    }
    return ds;
}

int h5nc_column_write(H5nc *ctx, hid_t ds, hid_t mtype, int row0, int count, const void *data)
{
    return write_rows(ctx, ds, mtype, 1, 1, row0, count, data);
}

hid_t h5nc_text_column_create(H5nc *ctx, hid_t g, const char *axis, const char *name, int width, int n,
                              const char *long_name)
{
    char dim[96];
    snprintf(dim, sizeof dim, "%s_strlen", name);
    if (h5nc_plain_dim(ctx, g, dim, width))
        return H5I_INVALID_HID;
    const char *const dims[2] = {axis, dim};
    const hsize_t shape[2] = {(hsize_t)n, (hsize_t)width};
    hid_t type = H5Tcopy(H5T_C_S1), ds = H5I_INVALID_HID;
    if (n == 0) { /* an empty char array: contiguous, no data */
        if (type < 0 || H5Tset_size(type, 1) < 0)
            h5nc_fail(ctx, "cannot make the character type");
        else if ((ds = h5nc_create_dataset(ctx, g, name, type, 2, shape, H5P_DEFAULT, type, NULL)) >= 0 &&
                 (h5nc_attach_dims(ctx, g, ds, name, 2, dims) || h5nc_attr_text(ctx, ds, "long_name", long_name))) {
            h5nc_close(ds);
            ds = H5I_INVALID_HID;
        }
        h5nc_close(type);
        return ds;
    }
    if (type < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0 || H5Tset_cset(type, H5T_CSET_ASCII) < 0)
        h5nc_fail(ctx, "cannot make the character type");
    else if ((ds = h5nc_create_dataset(ctx, g, name, type, 2, shape, ctx->dcpl, type, NULL)) >= 0 &&
             (h5nc_attach_dims(ctx, g, ds, name, 2, dims) || h5nc_attr_text(ctx, ds, "long_name", long_name) ||
              h5nc_attr_text(ctx, ds, "_Encoding", "utf-8"))) { /* _Encoding: xarray decodes to str, not bytes */
        h5nc_close(ds);
        ds = H5I_INVALID_HID;
    }
    h5nc_close(type);
    return ds;
}

int h5nc_text_column_write(H5nc *ctx, hid_t ds, int width, int row0, int count, const char *const *text, char *scratch)
{
    if (count <= 0)
        return CS_OK;
    memset(scratch, 0, (size_t)count * (size_t)width);
    for (int i = 0; i < count; i++) {
        const size_t len = strlen(text[i]);
        memcpy(scratch + (size_t)i * (size_t)width, text[i], len < (size_t)width ? len : (size_t)width);
    }
    hid_t type = H5Tcopy(H5T_C_S1);
    const int st = type < 0 || H5Tset_strpad(type, H5T_STR_NULLTERM) < 0 || H5Tset_cset(type, H5T_CSET_ASCII) < 0
                       ? h5nc_fail(ctx, "cannot make the character type")
                       : write_rows(ctx, ds, type, 2, width, row0, count, scratch);
    h5nc_close(type);
    return st;
}

/* ---- string datasets ------------------------------------------------------------------------ */

int h5nc_write_string(H5nc *ctx, hid_t g, const char *name, const char *text, const char *long_name)
{
    hid_t type = H5Tcopy(H5T_C_S1), ds = H5I_INVALID_HID;
    int st = CS_OK;
    if (type < 0 || H5Tset_size(type, H5T_VARIABLE) < 0 || H5Tset_cset(type, H5T_CSET_UTF8) < 0)
        st = h5nc_fail(ctx, "cannot make the string type");
    if (!st && (ds = h5nc_create_dataset(ctx, g, name, type, 0, NULL, ctx->dcpl, type, &text)) < 0)
        st = ctx->err->status;
    if (!st)
        st = h5nc_attr_text(ctx, ds, "long_name", long_name);
    h5nc_close(ds);
    h5nc_close(type);
    return st;
}

int h5nc_read_string(H5nc *ctx, hid_t file, const char *dataset, char **text)
{
    *text = NULL;
    hid_t ds = H5I_INVALID_HID, ftype = H5I_INVALID_HID, mtype = H5I_INVALID_HID, space = H5I_INVALID_HID;
    char *buf = NULL;
    int st = CS_OK;
    char what[300];
    snprintf(what, sizeof what, "cannot open /%s", dataset);
    if ((ds = H5Dopen2(file, dataset, H5P_DEFAULT)) < 0 || (ftype = H5Dget_type(ds)) < 0 ||
        (space = H5Dget_space(ds)) < 0)
        st = h5nc_fail(ctx, what);
    if (!st && (H5Tget_class(ftype) != H5T_STRING || H5Tis_variable_str(ftype) <= 0 ||
                H5Sget_simple_extent_npoints(space) != 1))
        st = error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "",
                       "not a cartelsim result file (/%s is not a single variable-length string)", dataset);
    if (!st &&
        ((mtype = H5Tcopy(H5T_C_S1)) < 0 || H5Tset_size(mtype, H5T_VARIABLE) < 0 ||
         H5Tset_cset(mtype, H5Tget_cset(ftype)) < 0 || H5Dread(ds, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, &buf) < 0))
        st = h5nc_fail(ctx, what);
    if (!st && !(*text = strdup(buf ? buf : "")))
        st = error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "", "out of memory reading /%s", dataset);
    if (buf) {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(mtype, space, H5P_DEFAULT, &buf);
#else
        H5Dvlen_reclaim(mtype, space, H5P_DEFAULT, &buf);
#endif
    }
    h5nc_close(mtype);
    h5nc_close(space);
    h5nc_close(ftype);
    h5nc_close(ds);
    return st;
}
