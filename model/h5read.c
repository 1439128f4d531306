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
