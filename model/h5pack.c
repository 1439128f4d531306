/* h5pack.c: chunks and statistics of the result file on the run's threads (see h5pack.h). */
#include "h5pack.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "h5spool.h"
#include "metrics.h"

const char *const h5pack_stat_names[N_STATS] = {"mean", "p05", "p50", "p95"};
static const double stat_quantiles[N_STATS] = {0, 0.05, 0.50, 0.95}; /* index 0 (mean) unused */

void h5pack_stats(double *v, int n, double out[N_STATS])
{
    for (int i = 0; i < n; i++)
        if (isnan(v[i])) {
            for (int s = 0; s < N_STATS; s++)
                out[s] = NAN;
            return;
        }
    gsl_sort(v, 1, (size_t)n);
    out[0] = gsl_stats_mean(v, 1, (size_t)n);
    for (int s = 1; s < N_STATS; s++)
        out[s] = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, stat_quantiles[s]);
}

void h5pack_free(Chunk *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].bytes);
        c[i].bytes = NULL;
    }
}

/* Largest number of slots any metric takes (buffer sizes). */
int h5pack_max_width(const MetricsLayout *L)
{
    int k = 1;
    for (int m = 0; m < N_METRICS; m++)
        if (metrics_width(L, (MetricId)m) > k)
            k = metrics_width(L, (MetricId)m);
    return k;
}

/* Value of metric slot `slot` (offset + drug) of replicate r at tick t of the rows in memory. */
double h5pack_value(const H5OutRun *run, int r, int t, int slot)
{
    return run->data[((size_t)r * (size_t)run->n_ticks + (size_t)t) * (size_t)metrics_row_width(run->layout) +
                     (size_t)slot];
}

/* A batch of jobs shared by the threads: job j is replicate j of a metric, or metric j's statistics. */
typedef struct Packer {
    const H5OutRun *run;
    int metric;       /* the series batch: its metric; -1: the summary batch; -2: the spool's summary */
    int n_jobs, first_stat;
    Chunk *out;       /* series: [replicate]; summary: [metric][stat] */
    int next, failed; /* guarded by lock */
    Error err;        /* the first failure of the spool's summary, guarded by lock */
    pthread_mutex_t lock;
} Packer;

/* Scratch of one thread. */
typedef struct Scratch {
    double *buf;            /* N_STATS planes of T x width */
    double *vals;           /* series and summary in memory: [replicate]; spool: a block [ticks x width][replicate] */
    double *one;            /* spool: one slice's metric, T x width */
    unsigned char *zbuf;    /* spool: a compressed chunk and its raw bytes */
} Scratch;

static int pack_plane(const double *v, size_t n, Chunk *c)
{
    return h5spool_pack(v, n, &c->bytes, &c->size);
}

/* Weeks per block of the spool's summary for a metric of `width` slots: all of them when the run is
 * small; every slice's chunks are inflated once per block. */
static int block_ticks(const H5OutRun *run, int width)
{
    const size_t per_tick = (size_t)width * (size_t)run->n_replicates * sizeof(double);
    size_t b = H5PACK_BLOCK_BYTES / (per_tick ? per_tick : 1);
    if (b < 1)
        b = 1;
    return b > (size_t)run->n_ticks ? run->n_ticks : (int)b;
}

size_t h5pack_block_values(const H5OutRun *run)
{
    size_t most = 1;
    for (int m = 0; m < N_METRICS; m++) {
        const int k = metrics_width(run->layout, (MetricId)m);
        const size_t n = (size_t)block_ticks(run, k) * (size_t)k * (size_t)run->n_replicates;
        if (n > most)
            most = n;
    }
    return most;
}

/* Statistics of metric m over the spool's slices, a block of weeks at a time (every slice's chunk
 * inflated once per block), into sc->buf. */
static int spool_stats(const H5OutRun *run, int m, Scratch *sc, Error *err)
{
    const int k = metrics_width(run->layout, (MetricId)m), T = run->n_ticks, R = run->n_replicates;
    const size_t plane = (size_t)T * (size_t)k;
    const int B = block_ticks(run, k); /* as many weeks as this metric's width allows in the block */
    for (int t0 = 0; t0 < T; t0 += B) {
        const int nb = T - t0 < B ? T - t0 : B;
        for (int r = 0; r < R; r++) {
            const int slice = run->spool_slice ? run->spool_slice[r] : r;
            if (h5spool_values(run->spool, m, slice, sc->one, sc->zbuf, err))
                return err->status;
            for (int t = 0; t < nb; t++)
                for (int d = 0; d < k; d++)
                    sc->vals[((size_t)t * (size_t)k + (size_t)d) * (size_t)R + (size_t)r] =
                        sc->one[(size_t)(t0 + t) * (size_t)k + (size_t)d];
        }
        for (int t = 0; t < nb; t++)
            for (int d = 0; d < k; d++) {
                double st[N_STATS];
                h5pack_stats(sc->vals + ((size_t)t * (size_t)k + (size_t)d) * (size_t)R, R, st);
                for (int i = 0; i < N_STATS; i++)
                    sc->buf[(size_t)i * plane + (size_t)(t0 + t) * (size_t)k + (size_t)d] = st[i];
            }
    }
    return CS_OK;
}

/* Job j of a batch. */
static int pack_job(Packer *pk, int j, Scratch *sc, Error *err)
{
    const H5OutRun *run = pk->run;
    const MetricsLayout *L = run->layout;
    const int m = pk->metric >= 0 ? pk->metric : j;
    const int k = metrics_width(L, (MetricId)m), off = metrics_offset(L, (MetricId)m);
    const size_t plane = (size_t)run->n_ticks * (size_t)k;
    if (pk->metric >= 0) {
        for (int t = 0; t < run->n_ticks; t++)
            for (int d = 0; d < k; d++)
                sc->buf[(size_t)t * (size_t)k + (size_t)d] = h5pack_value(run, j, t, off + d);
        return pack_plane(sc->buf, plane, &pk->out[j]) ? error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory") : 0;
    }
    if (pk->metric == -2) {
        int st = spool_stats(run, m, sc, err);
        for (int i = 0; i < N_STATS && !st; i++)
            st = h5spool_add_metric(run->spool, pk->first_stat + i, m, sc->buf + (size_t)i * plane, err);
        return st;
    }
    for (int t = 0; t < run->n_ticks; t++)
        for (int d = 0; d < k; d++) {
            for (int r = 0; r < run->n_replicates; r++)
                sc->vals[r] = h5pack_value(run, r, t, off + d);
            double st[N_STATS];
            h5pack_stats(sc->vals, run->n_replicates, st);
            for (int i = 0; i < N_STATS; i++)
                sc->buf[(size_t)i * plane + (size_t)t * (size_t)k + (size_t)d] = st[i];
        }
    for (int i = 0; i < N_STATS; i++)
        if (pack_plane(sc->buf + (size_t)i * plane, plane, &pk->out[(size_t)j * N_STATS + (size_t)i]))
            return error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory");
    return 0;
}

static void *pack_worker(void *arg)
{
    Packer *pk = arg;
    const H5OutRun *run = pk->run;
    const size_t width = (size_t)h5pack_max_width(run->layout), T = (size_t)run->n_ticks, R = (size_t)run->n_replicates;
    Scratch sc = {0};
    sc.buf = malloc((size_t)N_STATS * T * width * sizeof *sc.buf);
    if (pk->metric == -2) {
        sc.vals = malloc(h5pack_block_values(run) * sizeof *sc.vals); /* the largest block of any metric */
        sc.one = malloc(((T + H5SPOOL_CHUNK_TICKS) * width) * sizeof *sc.one);
        sc.zbuf = malloc(h5spool_scratch_bytes(run->spool));
    } else
        sc.vals = malloc(R * sizeof *sc.vals);
    const int ok = sc.buf && sc.vals && (pk->metric != -2 || (sc.one && sc.zbuf));
    for (;;) {
        pthread_mutex_lock(&pk->lock);
        if (!ok && !pk->failed) {
            pk->failed = 1;
            error_set(&pk->err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory for the summary");
        }
        const int j = pk->failed ? -1 : pk->next++;
        pthread_mutex_unlock(&pk->lock);
        if (j < 0 || j >= pk->n_jobs)
            break;
        Error err;
        error_clear(&err);
        if (pack_job(pk, j, &sc, &err)) {
            pthread_mutex_lock(&pk->lock);
            if (!pk->failed)
                pk->err = err;
            pk->failed = 1;
            pthread_mutex_unlock(&pk->lock);
        }
    }
    free(sc.zbuf);
    free(sc.one);
    free(sc.vals);
    free(sc.buf);
    return NULL;
}

/* Run a batch on run->n_threads threads (the calling one included). */
static int run_batch(Packer *pk)
{
    const H5OutRun *run = pk->run;
    int n = run->n_threads > 1 ? run->n_threads : 1;
    if (n > pk->n_jobs)
        n = pk->n_jobs;
    pthread_t th[64];
    int started = 0;
    for (int i = 1; i < n && i < 64; i++)
        if (pthread_create(&th[started], NULL, pack_worker, pk) == 0)
            started++;
    pack_worker(pk);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&pk->lock);
    return pk->failed ? -1 : 0;
}

int h5pack_batch(const H5OutRun *run, int metric, Chunk *out)
{
    Packer pk = {run, metric, metric >= 0 ? run->n_replicates : N_METRICS, 0, out, 0, 0, {0}, PTHREAD_MUTEX_INITIALIZER};
    return run_batch(&pk);
}

int h5pack_spool_summary(const H5OutRun *run, int first_stat, Error *err)
{
    Packer pk = {run, -2, N_METRICS, first_stat, NULL, 0, 0, {0}, PTHREAD_MUTEX_INITIALIZER};
    error_clear(&pk.err);
    if (run_batch(&pk)) {
        *err = pk.err;
        return err->status ? err->status : CS_ERR_RUNTIME;
    }
    return CS_OK;
}
