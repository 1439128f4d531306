/* h5spool.h: the replicates of a run on their way to the result file (docs/output-format.md,
 * "Streaming"). As each replicate finishes, its series are cut into the chunks the result file
 * stores (one metric of one replicate, up to 4,096 weeks each), shuffled and deflated in the thread
 * that made them, and appended to a spool: a temporary file beside the result, unlinked as soon as it
 * is open, so that it disappears with the process whatever ends it. The replicate's rows are then
 * free, and the memory of a run does not grow with its replicates. h5out.c copies the chunks into the
 * result file as they are and computes the summary over replicates from them, a block of weeks at a
 * time; the statistics' chunks join the spool as extra slices.
 *
 * Thread-safe: h5spool_add from any number of threads (the compression runs in the caller, only the
 * append is serialised); reads use pread and may run in parallel. Every failure is a message naming
 * the spool's result path, never a crash. */
#ifndef CARTELSIM_H5SPOOL_H
#define CARTELSIM_H5SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "metrics.h"

/* Weeks per chunk at most (longer runs have several chunks per metric and replicate). */
#define H5SPOOL_CHUNK_TICKS 4096
/* deflate level 1: against level 4, 10 % less run time (4 replicates of the baseline, 12.9 s against
 * 14.3 s) for a file 3 % larger (docs/performance.md) */
#define H5SPOOL_DEFLATE_LEVEL 1

typedef struct H5Spool H5Spool;

/** @brief A spool for n_slices replicates of n_ticks weeks of the layout's metrics, plus `extra` slices
 *  (the summary's statistics), beside result `path` ("<path>.<pid>.spool", unlinked at once). */
H5Spool *h5spool_create(const char *path, const MetricsLayout *L, int n_slices, int extra, int n_ticks, Error *err);
void h5spool_free(H5Spool *s);

/** @brief Slices of the spool, the extra ones included. */
int h5spool_slices(const H5Spool *s);
/** @brief Chunks per metric and slice, and the weeks in each (the last may be short). */
int h5spool_pieces(const H5Spool *s);
int h5spool_chunk_ticks(const H5Spool *s);

/** @brief Compress and append slice `slice`'s rows ([tick][metrics_row_width]); thread-safe. */
int h5spool_add(H5Spool *s, int slice, const double *rows, Error *err);
/** @brief Compress and append one metric of one slice, values [tick][slot]. */
int h5spool_add_metric(H5Spool *s, int slice, int metric, const double *values, Error *err);
/** @brief 1 when every metric of the slice is in the spool. */
int h5spool_has(const H5Spool *s, int slice);

/** @brief Size in bytes of a stored chunk (0 when absent), and the chunk itself (into buf of at
 *  least that size). */
size_t h5spool_chunk_size(const H5Spool *s, int metric, int slice, int piece);
int h5spool_chunk(const H5Spool *s, int metric, int slice, int piece, unsigned char *buf, Error *err);
/** @brief Largest stored chunk, in bytes. */
size_t h5spool_max_chunk(const H5Spool *s);
/** @brief Bytes of every chunk stored. */
uint64_t h5spool_bytes(const H5Spool *s);

/** @brief The values of one metric of one slice, [tick][slot] into out (n_ticks x width); scratch
 *  holds h5spool_scratch_bytes(s) bytes. */
int h5spool_values(const H5Spool *s, int metric, int slice, double *out, unsigned char *scratch, Error *err);
size_t h5spool_scratch_bytes(const H5Spool *s);

/* Blobs: opaque records of a slice beside its series (the /organisations and /events rows of a
 * replicate, h5tables.c), deflated and appended like the chunks, so that a run's histories do not
 * stay in memory either. */
#define H5SPOOL_BLOBS 2

/** @brief Deflate and append `size` bytes as blob `part` (0 .. H5SPOOL_BLOBS-1) of slice `slice`;
 *  thread-safe. A slice's blob is stored once. */
int h5spool_add_blob(H5Spool *s, int slice, int part, const void *bytes, size_t size, Error *err);
/** @brief Bytes of blob `part` of slice `slice` as stored before deflating (0: none), and the blob
 *  itself, inflated into out (of that size). */
size_t h5spool_blob_size(const H5Spool *s, int slice, int part);
int h5spool_blob(const H5Spool *s, int slice, int part, void *out, Error *err);

/** @brief Shuffle (byte planes of the 8-byte values) and deflate n values at the result file's level,
 *  the bytes HDF5's own shuffle and deflate filters would write; *bytes is malloc'd. Returns 0 or -1
 *  (memory). */
int h5spool_pack(const double *v, size_t n, unsigned char **bytes, size_t *size);

#endif
