/* progress.c: progress bar with ETA on stderr (only when stderr is a terminal), drawn by a thread
 * that polls the replicate-tick counter a few times a second. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct ProgressBar {
    SimProgress *p;
    pthread_t thread;
    volatile int done;
    struct timespec t0;
};

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void draw(ProgressBar *b)
{
    const long done = __atomic_load_n(&b->p->ticks_done, __ATOMIC_RELAXED), total = b->p->ticks_total;
    const double frac = total > 0 ? (double)done / (double)total : 0, el = elapsed(&b->t0);
    const int width = 30, fill = (int)(frac * width);
    char bar[64];
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '-', (size_t)(width - fill));
    bar[width] = '\0';
    if (frac > 0.01)
        fprintf(stderr, "\r[%s] %5.1f%%  ETA %5.0f s ", bar, 100 * frac, el / frac - el);
    else
        fprintf(stderr, "\r[%s] %5.1f%%  ETA   ... ", bar, 100 * frac);
}

static void *loop(void *arg)
{
    ProgressBar *b = arg;
    const struct timespec nap = {0, 200000000L};
    while (!b->done) {
        draw(b);
        nanosleep(&nap, NULL);
    }
    return NULL;
}

ProgressBar *progress_start(SimProgress *p, int enabled)
{
    if (!enabled)
        return NULL;
    ProgressBar *b = calloc(1, sizeof *b);
    b->p = p;
    clock_gettime(CLOCK_MONOTONIC, &b->t0);
    if (pthread_create(&b->thread, NULL, loop, b) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

void progress_stop(ProgressBar *b)
{
    if (!b)
        return;
    b->done = 1;
    pthread_join(b->thread, NULL);
    draw(b);
    fputs("\n", stderr);
    free(b);
}
