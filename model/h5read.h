/* h5read.h: reading cartelsim result files (layout in docs/output-format.md) without the writer:
 * open a file and check that it is a complete result file, read its scalar string datasets
 * (/scenario/config, the data file copies under /scenario/data) for `cartelsim run --from`. Errors
 * name the file; HDF5's own messages are folded into them (see h5nc_init). */
#ifndef CARTELSIM_H5READ_H
#define CARTELSIM_H5READ_H

#include <hdf5.h>

#include "error.h"

/** @brief Open path read-only and check that it is a complete cartelsim result file (a regular HDF5
 *  file with /scenario/config and the root attribute complete = 1). On success *file is open (close
 *  it with h5read_close); on failure it is H5I_INVALID_HID and err says why (CS_ERR_RUNTIME). */
int h5read_open(const char *path, hid_t *file, Error *err);

/** @brief Close a file opened by h5read_open (ignores an invalid id). */
void h5read_close(hid_t file);

/** @brief Read the scalar string dataset `dataset` (e.g. "scenario/data/states.csv") of an open
 *  result file into a malloc'd string (caller frees; NULL on failure); path names it in messages. */
int h5read_string(hid_t file, const char *path, const char *dataset, char **text, Error *err);

/** @brief Open path, read one scalar string dataset and close: h5read_open + h5read_string. */
int h5read_text(const char *path, const char *dataset, char **text, Error *err);

/** @brief Read /scenario/config of a result file into a malloc'd string (caller frees). */
int h5read_config(const char *path, char **config_text, Error *err);

/** @brief Read the fixed-length text attribute `name` of obj into buf; 0, or -1 when absent or not text. */
int h5read_attr_text(hid_t obj, const char *name, char *buf, size_t size);

/** @brief Read the integer attribute `name` of obj; 0, or -1 when absent. */
int h5read_attr_llong(hid_t obj, const char *name, long long *value);

/** @brief Read a whole 1-D or 2-D dataset (a table column, a char array, a coordinate) into a malloc'd
 *  buffer of memory type mtype (0: the file's own type, for char arrays); dims[1] is 1 for 1-D. */
int h5read_array(hid_t file, const char *path, const char *dataset, hid_t mtype, void **buf, hsize_t dims[2], Error *err);

#endif
