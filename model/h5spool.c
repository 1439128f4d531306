/* h5spool.c: the spool of compressed chunks between the runner and the writer (see h5spool.h). */
#include "h5spool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef struct Entry {
    uint64_t offset;
    uint32_t size;           /* 0: not stored */
} Entry;

struct H5Spool {
    char path[4200];         /* the result's path (messages) */
    int fd;
    const MetricsLayout *L;
    int n_slices, n_ticks, chunk_ticks, pieces, max_width;
    Entry *index;            /* [metric][slice][piece] */
    unsigned char *complete; /* [slice]: every metric stored */
    Entry *blobs;            /* [slice][H5SPOOL_BLOBS] */
    size_t *blob_raw;        /* [slice][H5SPOOL_BLOBS]: bytes before deflating */
    uint64_t end;            /* bytes appended; guarded by lock */
    size_t max_chunk;
    pthread_mutex_t lock;
};

static Entry *entry(const H5Spool *s, int metric, int slice, int piece)
{
    return &s->index[((size_t)metric * (size_t)s->n_slices + (size_t)slice) * (size_t)s->pieces + (size_t)piece];
}

H5Spool *h5spool_create(const char *path, const MetricsLayout *L, int n_slices, int extra, int n_ticks, Error *err)
{
    H5Spool *s = calloc(1, sizeof *s);
    if (!s) {
        error_set(err, CS_ERR_RUNTIME, path, 0, "", "out of memory for the spool of replicates");
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    s->fd = -1;
    s->L = L;
    s->n_slices = n_slices + extra;
    s->n_ticks = n_ticks;
    s->chunk_ticks = n_ticks < H5SPOOL_CHUNK_TICKS ? n_ticks : H5SPOOL_CHUNK_TICKS;
    s->pieces = (n_ticks + s->chunk_ticks - 1) / s->chunk_ticks;
    s->max_width = 1;
    for (int m = 0; m < N_METRICS; m++)
        if (metrics_width(L, (MetricId)m) > s->max_width)
            s->max_width = metrics_width(L, (MetricId)m);
    s->index = calloc((size_t)N_METRICS * (size_t)s->n_slices * (size_t)s->pieces, sizeof(Entry));
    s->complete = calloc((size_t)s->n_slices, 1);
    s->blobs = calloc((size_t)s->n_slices * H5SPOOL_BLOBS, sizeof(Entry));
    s->blob_raw = calloc((size_t)s->n_slices * H5SPOOL_BLOBS, sizeof(size_t));
    pthread_mutex_init(&s->lock, NULL);
    if (!s->index || !s->complete || !s->blobs || !s->blob_raw) {
        error_set(err, CS_ERR_RUNTIME, path, 0, "", "out of memory for the spool of replicates");
        h5spool_free(s);
        return NULL;
    }
    char spool[4300];
    snprintf(spool, sizeof spool, "%s.%ld.spool", path, (long)getpid());
    s->fd = open(spool, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (s->fd < 0) {
        error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot create the spool of replicates %s: %s", spool, strerror(errno));
        h5spool_free(s);
        return NULL;
    }
    unlink(spool); /* nameless from now on: it goes with the process, however the process ends */
    return s;
}

void h5spool_free(H5Spool *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    pthread_mutex_destroy(&s->lock);
    free(s->index);
    free(s->complete);
    free(s->blobs);
    free(s->blob_raw);
    free(s);
}

int h5spool_slices(const H5Spool *s)
{
    return s->n_slices;
}

int h5spool_pieces(const H5Spool *s)
{
    return s->pieces;
}

int h5spool_chunk_ticks(const H5Spool *s)
{
    return s->chunk_ticks;
}

int h5spool_pack(const double *v, size_t n, unsigned char **bytes, size_t *size)
{
    const size_t nb = n * sizeof(double);
    unsigned char *shuffled = malloc(nb ? nb : 1);
    const uLong bound = compressBound((uLong)nb);
    *bytes = malloc(bound);
    if (!shuffled || !*bytes) {
        free(shuffled);
        free(*bytes);
        *bytes = NULL;
        return -1;
    }
    const unsigned char *src = (const unsigned char *)v;
    for (size_t i = 0; i < n; i++)
        for (size_t b = 0; b < sizeof(double); b++)
            shuffled[b * n + i] = src[i * sizeof(double) + b];
    uLongf out = bound;
    const int z = compress2(*bytes, &out, shuffled, (uLong)nb, H5SPOOL_DEFLATE_LEVEL);
    free(shuffled);
    if (z != Z_OK) {
        free(*bytes);
        *bytes = NULL;
        return -1;
    }
    *size = out;
    return 0;
}

/* Append bytes at the spool's end (the offset reserved under the lock, the write outside it); a
 * chunk of series counts toward h5spool_max_chunk, a blob does not. */
static int append(H5Spool *s, const unsigned char *bytes, size_t size, int chunk, Entry *e, Error *err)
{
    pthread_mutex_lock(&s->lock);
    const uint64_t at = s->end;
    s->end += size;
    if (chunk && size > s->max_chunk)
        s->max_chunk = size;
    pthread_mutex_unlock(&s->lock);
    size_t done = 0;
    while (done < size) {
        const ssize_t n = pwrite(s->fd, bytes + done, size - done, (off_t)(at + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "cannot write the spool of replicates beside %s: %s", s->path,
                             strerror(n < 0 ? errno : ENOSPC));
        done += (size_t)n;
    }
    e->offset = at;
    e->size = (uint32_t)size;
    return CS_OK;
}

int h5spool_add_metric(H5Spool *s, int slice, int metric, const double *values, Error *err)
{
    const int k = metrics_width(s->L, (MetricId)metric);
    const size_t plane = (size_t)s->chunk_ticks * (size_t)k;
    double *buf = calloc(plane ? plane : 1, sizeof *buf);
    if (!buf)
        return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory for a chunk of the spool");
    int st = CS_OK;
    for (int p = 0; p < s->pieces && !st; p++) {
        const int t0 = p * s->chunk_ticks, nt = s->n_ticks - t0 < s->chunk_ticks ? s->n_ticks - t0 : s->chunk_ticks;
        memset(buf, 0, plane * sizeof *buf); /* a short last chunk is padded with the fill value */
        memcpy(buf, values + (size_t)t0 * (size_t)k, (size_t)nt * (size_t)k * sizeof *buf);
        unsigned char *bytes = NULL;
        size_t size = 0;
        if (h5spool_pack(buf, plane, &bytes, &size))
            st = error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory compressing %s", metrics_info[metric].name);
        else
            st = append(s, bytes, size, 1, entry(s, metric, slice, p), err);
        free(bytes);
    }
    free(buf);
    return st;
}

int h5spool_add(H5Spool *s, int slice, const double *rows, Error *err)
{
    const int width = metrics_row_width(s->L);
    double *values = malloc((size_t)s->n_ticks * (size_t)s->max_width * sizeof *values);
    if (!values)
        return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory for a replicate of the spool");
    int st = CS_OK;
    for (int m = 0; m < N_METRICS && !st; m++) {
        const int k = metrics_width(s->L, (MetricId)m), off = metrics_offset(s->L, (MetricId)m);
        for (int t = 0; t < s->n_ticks; t++)
            for (int d = 0; d < k; d++)
                values[(size_t)t * (size_t)k + (size_t)d] = rows[(size_t)t * (size_t)width + (size_t)(off + d)];
        st = h5spool_add_metric(s, slice, m, values, err);
    }
    free(values);
    if (!st) {
        pthread_mutex_lock(&s->lock);
        s->complete[slice] = 1;
        pthread_mutex_unlock(&s->lock);
    }
    return st;
}

int h5spool_has(const H5Spool *s, int slice)
{
    return s->complete[slice];
}

size_t h5spool_chunk_size(const H5Spool *s, int metric, int slice, int piece)
{
    return entry(s, metric, slice, piece)->size;
}

size_t h5spool_max_chunk(const H5Spool *s)
{
    return s->max_chunk;
}

uint64_t h5spool_bytes(const H5Spool *s)
{
    return s->end;
}

/* Read stored entry e into buf. */
static int read_entry(const H5Spool *s, const Entry *e, unsigned char *buf, Error *err)
{
    size_t done = 0;
    while (done < e->size) {
        const ssize_t n = pread(s->fd, buf + done, e->size - done, (off_t)(e->offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "cannot read the spool of replicates beside %s: %s", s->path,
                             n < 0 ? strerror(errno) : "short read");
        done += (size_t)n;
    }
    return CS_OK;
}

int h5spool_chunk(const H5Spool *s, int metric, int slice, int piece, unsigned char *buf, Error *err)
{
    return read_entry(s, entry(s, metric, slice, piece), buf, err);
}

int h5spool_add_blob(H5Spool *s, int slice, int part, const void *bytes, size_t size, Error *err)
{
    const uLong bound = compressBound((uLong)size);
    unsigned char *z = malloc(bound);
    if (!z)
        return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory for a record of the spool");
    uLongf got = bound;
    int st = compress2(z, &got, bytes, (uLong)size, H5SPOOL_DEFLATE_LEVEL) == Z_OK
                 ? CS_OK
                 : error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory compressing a record of the spool");
    const size_t k = (size_t)slice * H5SPOOL_BLOBS + (size_t)part;
    if (!st)
        st = append(s, z, got, 0, &s->blobs[k], err);
    if (!st)
        s->blob_raw[k] = size;
    free(z);
    return st;
}

size_t h5spool_blob_size(const H5Spool *s, int slice, int part)
{
    return s->blob_raw[(size_t)slice * H5SPOOL_BLOBS + (size_t)part];
}

int h5spool_blob(const H5Spool *s, int slice, int part, void *out, Error *err)
{
    const size_t k = (size_t)slice * H5SPOOL_BLOBS + (size_t)part;
    const Entry *e = &s->blobs[k];
    unsigned char *z = malloc(e->size ? e->size : 1);
    if (!z)
        return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "out of memory reading a record of the spool");
    int st = read_entry(s, e, z, err);
    uLongf got = (uLongf)s->blob_raw[k];
    if (!st && (uncompress(out, &got, z, e->size) != Z_OK || got != s->blob_raw[k]))
        st = error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "the spool's record %d of slice %d does not inflate", part, slice);
    free(z);
    return st;
}

size_t h5spool_scratch_bytes(const H5Spool *s)
{
    /* a compressed chunk (never larger than zlib's bound of the raw one) and the shuffled raw chunk */
    const size_t raw = (size_t)s->chunk_ticks * (size_t)s->max_width * sizeof(double);
    return (size_t)compressBound((uLong)raw) + raw;
}

int h5spool_values(const H5Spool *s, int metric, int slice, double *out, unsigned char *scratch, Error *err)
{
    const int k = metrics_width(s->L, (MetricId)metric);
    const size_t n = (size_t)s->chunk_ticks * (size_t)k, raw = n * sizeof(double);
    const size_t bound = (size_t)compressBound((uLong)((size_t)s->chunk_ticks * (size_t)s->max_width * sizeof(double)));
    unsigned char *z = scratch, *shuffled = scratch + bound;
    for (int p = 0; p < s->pieces; p++) {
        const Entry *e = entry(s, metric, slice, p);
        if (!e->size)
            return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "the spool has no %s for slice %d", metrics_info[metric].name,
                             slice);
        if (h5spool_chunk(s, metric, slice, p, z, err))
            return err->status;
        uLongf got = (uLongf)raw;
        if (uncompress(shuffled, &got, z, e->size) != Z_OK || got != raw)
            return error_set(err, CS_ERR_RUNTIME, s->path, 0, "", "the spool's chunk of %s for slice %d does not inflate",
                             metrics_info[metric].name, slice);
        const int t0 = p * s->chunk_ticks, nt = s->n_ticks - t0 < s->chunk_ticks ? s->n_ticks - t0 : s->chunk_ticks;
        unsigned char *dst = (unsigned char *)(out + (size_t)t0 * (size_t)k);
        const size_t keep = (size_t)nt * (size_t)k;
        for (size_t i = 0; i < keep; i++)
            for (size_t b = 0; b < sizeof(double); b++)
                dst[i * sizeof(double) + b] = shuffled[b * n + i];
    }
    return CS_OK;
}
