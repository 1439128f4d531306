/* h5pack.h: the chunks of /series and /summary computed on the run's threads (h5out.c stores them).
 * A chunk is one replicate (or one statistic) of one metric, shuffled and deflated with the bytes
 * HDF5's own shuffle and deflate filters would produce (h5spool_pack), so that H5Dwrite_chunk stores
 * what H5Dwrite would have: the same file, with the compression spread over the threads. The
 * statistics over replicates are computed here too, from the run's rows in memory or, for a run
 * streamed to disk, from the spool a block of weeks at a time, so that their memory stays bounded. */
#ifndef CARTELSIM_H5PACK_H
#define CARTELSIM_H5PACK_H

#include <stddef.h>

#include "h5run.h"

/* The statistics over replicates of /summary: mean and the 5, 50 and 95 % quantiles. */
enum { N_STATS = 4 };
extern const char *const h5pack_stat_names[N_STATS];

typedef struct Chunk {
    unsigned char *bytes;
    size_t size;
} Chunk;

/** @brief Mean and 5/50/95 % quantiles (linear interpolation between order statistics) of v[0..n-1],
 *  which is sorted in place. A NaN anywhere makes all four NaN. */
void h5pack_stats(double *v, int n, double out[N_STATS]);

/** @brief Chunks of metric `metric` for every replicate of run->data (out: [replicate]), or, metric
 *  -1, the statistics of every metric (out: [metric][stat]); on run->n_threads threads. 0 or -1
 *  (memory). */
int h5pack_batch(const H5OutRun *run, int metric, Chunk *out);

/** @brief The statistics of every metric over the spool's slices of the run, appended to the spool
 *  as its slices first_stat .. first_stat + N_STATS - 1; on run->n_threads threads, each holding at
 *  most about H5PACK_BLOCK_BYTES of values. */
int h5pack_spool_summary(const H5OutRun *run, int first_stat, Error *err);
#define H5PACK_BLOCK_BYTES ((size_t)32 << 20)
/** @brief Values in the largest block of any metric of the spool's summary (each thread's scratch):
 *  a metric's block is as many weeks as its own width allows, so a narrow metric's block can hold
 *  more values than the widest metric's. */
size_t h5pack_block_values(const H5OutRun *run);

void h5pack_free(Chunk *c, size_t n);

/** @brief Largest number of slots any metric of the layout takes (buffer sizes). */
int h5pack_max_width(const MetricsLayout *L);
/** @brief Value of metric slot `slot` (offset + axis index) of replicate r at tick t of run->data. */
double h5pack_value(const H5OutRun *run, int r, int t, int slot);

#endif
