/* h5tables.h: the /organisations and /events tables of the result file (part of the writer,
 * h5out.c; layout in docs/output-format.md). */
#ifndef CARTELSIM_H5TABLES_H
#define CARTELSIM_H5TABLES_H

#include "h5nc.h"
#include "h5run.h"

struct H5Spool;
struct SimHistory;

/** @brief Store a finished replicate's organisations and events in the spool as slice `slice`'s table
 *  rows and free them from h (its counts stay; h->spooled = 1): h5tables_write reads them back. */
int h5tables_spool_history(struct H5Spool *spool, int slice, struct SimHistory *h, Error *err);

/** @brief Write /organisations and /events of run (run->geo and run->history must be set) into file. */
int h5tables_write(H5nc *ctx, hid_t file, const H5OutRun *run);

#endif
