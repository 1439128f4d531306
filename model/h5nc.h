/* h5nc.h: netCDF-4 conventions on the plain HDF5 C library, shared by the result file writer
 * (h5out.c, h5tables.c) and reader (h5read.c): HDF5 error handling turned into Error, text and
 * numeric attributes, groups and datasets with creation order tracked, dimension scales (coordinate
 * variables and netCDF "dimensions without variable"), label axes as char arrays, table columns,
 * scalar string datasets. The conventions themselves are listed in docs/output-format.md ("Notes for
 * people writing tools").
 *
 * Every function that takes an H5nc reports a failure into ctx->err (the first failure only, with
 * ctx->path as the file) and returns its status, or a negative id for the functions returning one. */
#ifndef CARTELSIM_H5NC_H
#define CARTELSIM_H5NC_H

#include <hdf5.h>

#include "error.h"

/* Time axes: float64 days since this date, calendar "standard". */
#define H5NC_TIME_UNITS "days since 2000-01-01"

/* State shared by the calls of one read or write: where errors go and the property lists. */
typedef struct H5nc {
    Error *err;
    const char *path; /* the file named in error messages */
    hid_t gcpl;       /* groups: link + attribute creation order tracked (h5nc_property_lists) */
    hid_t dcpl;       /* small contiguous datasets: attribute creation order, no timestamps */
} H5nc;

/** @brief Switch HDF5's automatic error printing off: the one place libcartelsim touches it. It is
 *  never switched back on; HDF5 failures reach users through Error instead (h5nc_fail). HDF5 keeps
 *  the switch in the calling thread's default error stack when built thread-safe (Debian's is;
 *  otherwise it is process-wide), so this runs once per thread (a thread-local flag; later calls
 *  return at once). h5nc_context calls it, and every entry of h5out and h5read makes a context
 *  before any other HDF5 call, so neither the command nor the tests need to call it themselves. */
void h5nc_init(void);

/** @brief A context for path (calls h5nc_init; property lists not yet made: H5I_INVALID_HID). */
H5nc h5nc_context(const char *path, Error *err);

/** @brief Set ctx->err (first failure only) to "what: detail", the detail being the innermost HDF5
 *  error (only the operating system's message when HDF5 quotes one, with a hint for file locking
 *  on shared filesystems); returns the status. */
int h5nc_fail(H5nc *ctx, const char *what);

/** @brief Close any HDF5 identifier; ignores invalid ones. */
void h5nc_close(hid_t id);

/** @brief File creation and access lists and ctx->gcpl / ctx->dcpl: creation order tracked and indexed
 *  (as netCDF-4 does), no object timestamps. The caller closes all four (h5nc_close). */
int h5nc_property_lists(H5nc *ctx, hid_t *fcpl, hid_t *fapl);

/** @brief Scalar fixed-length ASCII string attribute (size = strlen, NULLTERM; "" and NULL: one NUL). */
int h5nc_attr_text(H5nc *ctx, hid_t obj, const char *name, const char *value);

/** @brief Scalar numeric attribute: file type ftype, value in memory type mtype. */
int h5nc_attr_number(H5nc *ctx, hid_t obj, const char *name, hid_t ftype, hid_t mtype, const void *value);

/** @brief Scalar int32 attribute. */
int h5nc_attr_int32(H5nc *ctx, hid_t obj, const char *name, int value);

/** @brief Group `name` in parent, with ctx->gcpl. */
hid_t h5nc_create_group(H5nc *ctx, hid_t parent, const char *name);

/** @brief Dataset `name` in grp of file type ftype, shape[0..rank-1] (rank 0: scalar) and creation
 *  list dcpl; `data` (memory type mtype) is written unless NULL. Returns the open dataset. */
hid_t h5nc_create_dataset(H5nc *ctx, hid_t grp, const char *name, hid_t ftype, int rank, const hsize_t *shape,
                          hid_t dcpl, hid_t mtype, const void *data);

/** @brief Attach the scales named dims[0..rank-1] (datasets of grp) to the axes of ds. */
int h5nc_attach_dims(H5nc *ctx, hid_t grp, hid_t ds, const char *ds_name, int rank, const char *const *dims);

/** @brief Make ds the dimension scale `scale_name` with text attributes attrs (name, value, ..., NULL). */
int h5nc_make_scale(H5nc *ctx, hid_t ds, const char *ds_name, const char *scale_name, const char *const *attrs);

/** @brief Coordinate variable `name` = 0..n-1 (int32), a dimension of grp (ctx->dcpl). */
int h5nc_index_dim(H5nc *ctx, hid_t grp, const char *name, int n, const char *long_name);
/** @brief An int32 dimension coordinate of n given values (NULL: 0 .. n-1, as h5nc_index_dim). */
int h5nc_coordinate_dim(H5nc *ctx, hid_t grp, const char *name, int n, const int *values, const char *long_name);

/** @brief A netCDF "dimension without variable" of length n (the character axis of a char array). */
int h5nc_plain_dim(H5nc *ctx, hid_t grp, const char *name, int n);

/** @brief Time coordinate `time` of n weeks: day0 + 7 t days since 2000-01-01. */
int h5nc_time_dim(H5nc *ctx, hid_t grp, int n, long day0);

/** @brief Length of the longest label (at least 1): the size of a char array's strlen axis. */
int h5nc_labels_width(const char *const *labels, int n);

/** @brief Char array `name` [axis, strlen_dim] of labels[0..n-1], NUL-padded to width (the length
 *  of strlen_dim, which must exist already), with long_name and _Encoding = "utf-8". */
int h5nc_char_array(H5nc *ctx, hid_t grp, const char *name, const char *axis, const char *strlen_dim, int width,
                    const char *const *labels, int n, const char *long_name);

/** @brief A label axis: index coordinate `axis` (0..n-1), `<axis>_strlen` and char array `<axis>_name`. */
int h5nc_label_axis(H5nc *ctx, hid_t grp, const char *axis, const char *const *labels, int n,
                    const char *index_long_name, const char *label_long_name);

/** @brief Rows of a table group: index coordinate 0..n-1 on axis `axis` (contiguous; n may be 0). */
int h5nc_table_rows(H5nc *ctx, hid_t g, const char *axis, int n, const char *long_name);

/* Columns of a table group on its row axis (contiguous), written a block of rows at a time so that a
 * table need not be held in memory at once (h5tables.c): create the column with its attributes, then
 * write rows row0 .. row0+count-1. */
/** @brief The dataset of a 1-D column of n rows (units may be NULL), or a negative id. */
hid_t h5nc_column_create(H5nc *ctx, hid_t g, const char *axis, const char *name, hid_t ftype, int n,
                         const char *long_name, const char *units);
int h5nc_column_write(H5nc *ctx, hid_t ds, hid_t mtype, int row0, int count, const void *data);
/** @brief The dataset of a string column of n rows of width characters (char array [axis, <name>_strlen], width
 *  = h5nc_labels_width of all its rows), or a negative id; write with scratch of count x width bytes
 *  (longer texts are cut to width). */
hid_t h5nc_text_column_create(H5nc *ctx, hid_t g, const char *axis, const char *name, int width, int n,
                              const char *long_name);
int h5nc_text_column_write(H5nc *ctx, hid_t ds, int width, int row0, int count, const char *const *text, char *scratch);

/** @brief Scalar variable-length UTF-8 string dataset `name` in g (ctx->dcpl), with a long_name. */
int h5nc_write_string(H5nc *ctx, hid_t g, const char *name, const char *text, const char *long_name);

/** @brief Read the scalar variable-length string dataset `dataset` of file into a malloc'd copy
 *  (*text stays NULL on failure). Anything else there is "not a cartelsim result file". */
int h5nc_read_string(H5nc *ctx, hid_t file, const char *dataset, char **text);

#endif
