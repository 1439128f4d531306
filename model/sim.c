/* sim.c: the replicate runner (see sim.h).
 *
 * The week's schedule is the list in mechanisms.def: the runner applies the policy timeline entries
 * dated at this tick (lever parameters only), steps every mechanism in that order, then lets each
 * fill its own series in the tick's metrics row. Replicates run on a pool of threads that take
 * replicate indices from a shared counter; a replicate's random streams depend only on (seed,
 * replicate, stream), so the thread that runs it does not matter. */
#include "sim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"
#include "metrics.h"

const Mechanism sim_mechanisms[] = {
#define MECHANISM(name, geo) {#name, geo, name##_init, name##_step, name##_observe, name##_free},
#include "mechanisms.def"
#undef MECHANISM
};
const int sim_n_mechanisms = (int)(sizeof sim_mechanisms / sizeof sim_mechanisms[0]);

static int runs(const World *w, const Mechanism *m)
{
    return !m->needs_geo || w->sc->has_geo;
}

int sim_world_init(World *w, const Scenario *sc, int replicate, Error *err)
{
    memset(w, 0, sizeof *w);
    w->sc = sc;
    w->p = sc->base;
    w->n_ticks = sc->n_ticks;
    w->replicate = replicate;
    w->scale = PV(&w->p, P_SIM_AGENT_SCALE);
    int st = rng_init(&w->rng, (uint64_t)PV(&w->p, P_SIM_SEED), replicate, err);
    if (st)
        return st;
    for (int i = 0; i < sim_n_mechanisms && !st; i++)
        if (runs(w, &sim_mechanisms[i]))
            st = sim_mechanisms[i].init(w, err);
    if (st)
        sim_world_free(w); /* every free is safe on a state that was never or partly set up */
    return st;
}

int sim_world_step(World *w, double *row, Error *err)
{
    const Scenario *sc = w->sc;
    memset(w->changed, 0, sizeof w->changed);
    for (int i = 0; i < sc->n_changes; i++) { /* timelines are short: a scan per tick is cheap */
        const PolicyChange *c = &sc->changes[i];
        if (c->tick == w->tick) {
            w->changed[c->param] = w->p.v[c->param] != c->value;
            w->p.v[c->param] = c->value;
        }
    }
#ifndef NDEBUG
    invariants_mark(w, &w->inv);
#endif
    for (int i = 0; i < sim_n_mechanisms; i++)
        if (runs(w, &sim_mechanisms[i]))
            sim_mechanisms[i].step(w);
    memset(row, 0, sizeof(double) * (size_t)metrics_row_width(&sc->layout));
    for (int i = 0; i < sim_n_mechanisms; i++)
        if (runs(w, &sim_mechanisms[i]))
            sim_mechanisms[i].observe(w, row);
    w->tick++;
#ifndef NDEBUG /* Debug builds: the invariants after every week (invariants.h), read-only */
    if (!w->failure) {
        const int bad = invariants_check(w, row, &w->inv, err);
        if (bad)
            return bad;
    }
#endif
    if (!w->failure && w->sc->has_geo && w->orgs.out_of_memory)
        w->failure = "out of memory for the event log";
    if (w->failure)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "replicate %d, week %d: %s", w->replicate, w->tick - 1,
                         w->failure);
    return CS_OK;
}

void sim_world_free(World *w)
{
    for (int i = sim_n_mechanisms - 1; i >= 0; i--)
        if (runs(w, &sim_mechanisms[i]))
            sim_mechanisms[i].free(w);
    rng_free(&w->rng);
}

typedef struct Pool {
    const Scenario *sc;
    double *out;
    SimHistory *history;
    SimProgress *progress;
    volatile sig_atomic_t *stop;
    const int *reps;    /* replicate indices to run (NULL: 0 .. n_rep-1) */
    int n_rep;
    unsigned char *finished; /* [local index]: 1 once the replicate ran to its end, or NULL */
    SimSink sink;       /* streamed: each replicate's rows go there (out is NULL) */
    void *sink_ctx;
    int next_replicate; /* local index, guarded by lock */
    int status;         /* first failure, guarded by lock */
    Error err;
    pthread_mutex_t lock;
} Pool;

/* Run the replicate of local index i (replicate pool->reps[i]) into slice i of the output. */
static int run_one(Pool *pool, int i, Error *err)
{
    World w;
    const int width = metrics_row_width(&pool->sc->layout);
    const int r = pool->reps ? pool->reps[i] : i;
    int st = sim_world_init(&w, pool->sc, r, err);
    if (st)
        return st;
    double *own = NULL; /* streamed: this replicate's rows, handed to the sink at the end */
    if (!pool->out && !(own = malloc(sizeof(double) * (size_t)w.n_ticks * (size_t)width))) {
        sim_world_free(&w);
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "replicate %d: out of memory for its rows", r);
    }
    double *rows = own ? own : pool->out + (size_t)i * (size_t)w.n_ticks * (size_t)width;
    for (int t = 0; t < w.n_ticks; t++) {
        if (pool->stop && *pool->stop) {
            st = error_set(err, CS_ERR_RUNTIME, "", 0, "", "interrupted");
            break;
        }
        st = sim_world_step(&w, rows + (size_t)t * (size_t)width, err);
        if (st)
            break;
        if (pool->progress)
            __atomic_add_fetch(&pool->progress->ticks_done, 1, __ATOMIC_RELAXED);
    }
    if (pool->history && pool->sc->has_geo) { /* hand the organisations and events over */
        SimHistory *h = &pool->history[i];
        Orgs *c = &w.orgs;
        h->n_orgs = c->n;
        h->orgs = c->org;
        h->n_events = c->n_events;
        h->events = c->events;
        c->org = NULL;
        c->events = NULL;
        /* only what was used: the pool of organisation slots is cartels.max_organisations long (about
         * 1 MB), and a run of 1,000 replicates keeps every replicate's history until it is written */
        Org *orgs = h->n_orgs > 0 ? realloc(h->orgs, sizeof(Org) * (size_t)h->n_orgs) : NULL;
        if (orgs)
            h->orgs = orgs;
        OrgEvent *events = h->n_events > 0 ? realloc(h->events, sizeof(OrgEvent) * (size_t)h->n_events) : NULL;
        if (events)
            h->events = events;
    }
    sim_world_free(&w);
    if (!st && own)
        st = pool->sink(pool->sink_ctx, i, own, err);
    free(own);
    if (!st && pool->finished)
        pool->finished[i] = 1;
    return st;
}

static void *worker(void *arg)
{
    Pool *pool = arg;
    for (;;) {
        pthread_mutex_lock(&pool->lock);
        const int r = pool->status ? -1 : pool->next_replicate++;
        pthread_mutex_unlock(&pool->lock);
        if (r < 0 || r >= pool->n_rep)
            return NULL;
        Error err;
        error_clear(&err);
        const int st = run_one(pool, r, &err);
        if (st) {
            pthread_mutex_lock(&pool->lock);
            if (!pool->status) {
                pool->status = st;
                pool->err = err;
            }
            pthread_mutex_unlock(&pool->lock);
        }
    }
}

void sim_history_free(SimHistory *h, int n)
{
    for (int i = 0; h && i < n; i++) {
        free(h[i].orgs);
        free(h[i].events);
        memset(&h[i], 0, sizeof h[i]);
    }
}

int sim_run(const Scenario *sc, int n_threads, double *out, SimHistory *history, SimProgress *progress,
            volatile sig_atomic_t *stop, Error *err)
{
    return sim_run_replicates(sc, NULL, (int)PV(&sc->base, P_SIM_REPLICATES), NULL, n_threads, out, history, progress,
                              stop, err);
}

static int run_pool(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads, double *out,
                    SimSink sink, void *ctx, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop,
                    Error *err);

int sim_run_replicates(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads,
                       double *out, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop, Error *err)
{
    return run_pool(sc, reps, n_rep, finished, n_threads, out, NULL, NULL, history, progress, stop, err);
}

int sim_run_stream(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads, SimSink sink,
                   void *ctx, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop, Error *err)
{
    return run_pool(sc, reps, n_rep, finished, n_threads, NULL, sink, ctx, history, progress, stop, err);
}

static int run_pool(const Scenario *sc, const int *reps, int n_rep, unsigned char *finished, int n_threads, double *out,
                    SimSink sink, void *ctx, SimHistory *history, SimProgress *progress, volatile sig_atomic_t *stop,
                    Error *err)
{
    if (n_threads < 1)
        n_threads = 1;
    if (n_threads > n_rep)
        n_threads = n_rep;
    Pool pool;
    memset(&pool, 0, sizeof pool);
    pool.sc = sc;
    pool.out = out;
    pool.history = history;
    pool.progress = progress;
    pool.stop = stop;
    pool.reps = reps;
    pool.n_rep = n_rep;
    pool.finished = finished;
    pool.sink = sink;
    pool.sink_ctx = ctx;
    pthread_mutex_init(&pool.lock, NULL);
    if (progress)
        progress->ticks_total = (long)n_rep * sc->n_ticks;
    pthread_t *th = calloc((size_t)n_threads, sizeof(pthread_t));
    int started = 0;
    if (!th)
        n_threads = 1; /* no memory for more threads: the calling thread runs every replicate */
    for (int i = 1; i < n_threads; i++) {
        if (pthread_create(&th[i], NULL, worker, &pool) != 0)
            break;
        started++;
    }
    worker(&pool); /* the calling thread works too */
    for (int i = 1; i <= started; i++)
        pthread_join(th[i], NULL);
    free(th);
    pthread_mutex_destroy(&pool.lock);
    if (pool.status)
        *err = pool.err;
    return pool.status;
}
