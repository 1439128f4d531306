/* h5tables.h: the /organisations and /events tables of the result file (part of the writer,
 * h5out.c; layout in docs/output-format.md). */
#ifndef CARTELSIM_H5TABLES_H
#define CARTELSIM_H5TABLES_H

#include "h5nc.h"
#include "h5run.h"

/** @brief Write /organisations and /events of run (run->geo and run->history must be set) into file. */
int h5tables_write(H5nc *ctx, hid_t file, const H5OutRun *run);

#endif
