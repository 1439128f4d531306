/* h5read.c: reading cartelsim result files (see h5read.h): opening one read-only, checking that it
 * is a complete result file, and reading /scenario/config and the data file copies in
 * /scenario/data, which `cartelsim run --from` re-runs. Uses only the h5nc helpers, not the writer. */
#include "h5read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "h5nc.h"

/* Check that the file is a complete cartelsim result file with a /scenario/config string. */
static int check_result_file(H5nc *ctx, hid_t file)
{
    if (H5Lexists(file, "scenario", H5P_DEFAULT) <= 0 || H5Lexists(file, "scenario/config", H5P_DEFAULT) <= 0)
        return error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "",
                         "not a cartelsim result file (no /scenario/config dataset)");
    int complete = 0;
    hid_t attr = H5Aexists(file, "complete") > 0 ? H5Aopen(file, "complete", H5P_DEFAULT) : H5I_INVALID_HID;
    const int ok = attr >= 0 && H5Aread(attr, H5T_NATIVE_INT, &complete) >= 0 && complete == 1;
    h5nc_close(attr);
    if (!ok)
        return error_set(ctx->err, CS_ERR_RUNTIME, ctx->path, 0, "",
                         "incomplete cartelsim result file (the root attribute complete is not 1)");
    return CS_OK;
}

int h5read_open(const char *path, hid_t *file, Error *err)
{
    error_clear(err);
    *file = H5I_INVALID_HID;
    struct stat sb;
    if (stat(path, &sb) != 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot open result file: %s", strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot open result file: not a regular file");
    H5nc ctx = h5nc_context(path, err);
    int st = CS_OK;
    const htri_t is_hdf5 = H5Fis_hdf5(path);
    if (is_hdf5 == 0)
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "", "not a cartelsim result file (not an HDF5 file)");
    else if (is_hdf5 < 0 || (*file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT)) < 0)
        st = h5nc_fail(&ctx, "cannot open result file");
    if (!st)
        st = check_result_file(&ctx, *file);
    if (st) {
        h5read_close(*file);
        *file = H5I_INVALID_HID;
    }
    return st;
}

void h5read_close(hid_t file)
{
    h5nc_close(file);
}

int h5read_string(hid_t file, const char *path, const char *dataset, char **text, Error *err)
{
    error_clear(err);
    *text = NULL;
    H5nc ctx = h5nc_context(path, err);
    if (H5Lexists(file, "scenario/data", H5P_DEFAULT) <= 0 && strncmp(dataset, "scenario/data/", 14) == 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "the result file holds no copy of the data files");
    return h5nc_read_string(&ctx, file, dataset, text);
}

int h5read_text(const char *path, const char *dataset, char **text, Error *err)
{
    *text = NULL;
    hid_t file = H5I_INVALID_HID;
    int st = h5read_open(path, &file, err);
    if (!st)
        st = h5read_string(file, path, dataset, text, err);
    h5read_close(file);
    return st;
}

int h5read_config(const char *path, char **config_text, Error *err)
{
    return h5read_text(path, "scenario/config", config_text, err);
}

int h5read_attr_text(hid_t obj, const char *name, char *buf, size_t size)
{
    if (size == 0)
        return -1;
    buf[0] = '\0';
    if (H5Aexists(obj, name) <= 0)
        return -1;
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT), ftype = attr >= 0 ? H5Aget_type(attr) : H5I_INVALID_HID;
    hid_t mtype = H5I_INVALID_HID;
    int st = -1;
    if (ftype >= 0 && H5Tget_class(ftype) == H5T_STRING && H5Tis_variable_str(ftype) == 0) {
        const size_t n = H5Tget_size(ftype);
        char *tmp = calloc(n + 1, 1);
        if (tmp && (mtype = H5Tcopy(ftype)) >= 0 && H5Aread(attr, mtype, tmp) >= 0) {
            snprintf(buf, size, "%.*s", (int)n, tmp);
            st = 0;
        }
        free(tmp);
    }
    h5nc_close(mtype);
    h5nc_close(ftype);
    h5nc_close(attr);
    return st;
}

int h5read_attr_llong(hid_t obj, const char *name, long long *value)
{
    *value = 0;
    if (H5Aexists(obj, name) <= 0)
        return -1;
    hid_t attr = H5Aopen(obj, name, H5P_DEFAULT);
    const int st = attr >= 0 && H5Aread(attr, H5T_NATIVE_LLONG, value) >= 0 ? 0 : -1;
    h5nc_close(attr);
    return st;
}

int h5read_array(hid_t file, const char *path, const char *dataset, hid_t mtype, void **buf, hsize_t dims[2], Error *err)
{
    error_clear(err);
    *buf = NULL;
    dims[0] = dims[1] = 1;
    H5nc ctx = h5nc_context(path, err);
    char what[300];
    snprintf(what, sizeof what, "cannot read /%s", dataset);
    hid_t ds = H5Lexists(file, dataset, H5P_DEFAULT) > 0 ? H5Dopen2(file, dataset, H5P_DEFAULT) : H5I_INVALID_HID;
    if (ds < 0)
        return error_set(err, CS_ERR_INPUT, path, 0, "", "no /%s in this result file", dataset);
    hid_t space = H5Dget_space(ds), ftype = H5Dget_type(ds);
    const int rank = space >= 0 ? H5Sget_simple_extent_ndims(space) : -1;
    int st = CS_OK;
    if (rank < 1 || rank > 2 || ftype < 0)
        st = error_set(err, CS_ERR_INPUT, path, 0, "", "/%s is not a table column (rank %d)", dataset, rank);
    if (!st)
        H5Sget_simple_extent_dims(space, dims, NULL);
    const hid_t mt = mtype > 0 ? mtype : ftype; /* 0: the file's own type (char arrays) */
    const size_t n = (size_t)dims[0] * (size_t)(rank == 2 ? dims[1] : 1);
    if (rank == 1)
        dims[1] = 1;
    if (!st && !(*buf = calloc(n ? n : 1, H5Tget_size(mt))))
        st = error_set(err, CS_ERR_RUNTIME, path, 0, "", "out of memory reading /%s", dataset);
    if (!st && n && H5Dread(ds, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, *buf) < 0)
        st = h5nc_fail(&ctx, what);
    if (st) {
        free(*buf);
        *buf = NULL;
    }
    h5nc_close(ftype);
    h5nc_close(space);
    h5nc_close(ds);
    return st;
}
