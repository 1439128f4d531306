/* testutil.h: helpers for cartelsim's C tests: a CHECK macro that counts failures, floating-point
 * traps, and running a scenario given as inline text. */
#ifndef CARTELSIM_TESTUTIL_H
#define CARTELSIM_TESTUTIL_H


#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "metrics.h"
#include "scenario.h"
#include "sim.h"
#include "summary.h"

static int test_failures = 0;

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n    ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
            test_failures++;                                                               \
        }                                                                                  \
    } while (0)

static inline void test_traps(void)
{
    feenableexcept(FE_DIVBYZERO | FE_INVALID | FE_OVERFLOW);
}

static inline int test_done(const char *name)
{
    if (test_failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, test_failures);
    else
        printf("%s: all checks passed\n", name);
    return test_failures ? 1 : 0;
}

/* Load a scenario from text plus overrides (NULL-terminated), finalize; aborts the test on error. */
static inline void test_scenario(Scenario *sc, const char *text, const char *const *sets)
{
    Error err;
    error_clear(&err);
    int st = scenario_load_string(sc, text, "<test>", &err);
    for (int i = 0; !st && sets && sets[i]; i++)
        st = scenario_apply_override(sc, sets[i], &err);
    if (!st)
        st = scenario_finalize(sc, &err);
    if (!st) /* tests run in the source directory */
        st = scenario_data_attach(sc, "scenarios/data", &err);
    if (st) {
        char buf[1400];
        error_format(&err, buf, sizeof buf);
        fprintf(stderr, "test scenario failed to load: %s\n", buf);
        exit(1);
    }
}

/* One week of a World; aborts the test when a mechanism fails. */
static inline void test_step(World *w, double *row)
{
    Error err;
    error_clear(&err);
    if (sim_world_step(w, row, &err) != CS_OK) {
        fprintf(stderr, "step failed: %s\n", err.msg);
        exit(1);
    }
}

/* Set up replicate 0 of a scenario's World and run it for `weeks` ticks; returns a metrics row buffer
 * (caller frees). Aborts the test when the World cannot be set up. */
static inline double *test_world(World *w, const Scenario *sc, int weeks)
{
    Error err;
    error_clear(&err);
    if (sim_world_init(w, sc, 0, &err) != CS_OK) {
        fprintf(stderr, "world set-up failed: %s\n", err.msg);
        exit(1);
    }
    double *row = calloc((size_t)metrics_row_width(&sc->layout), sizeof(double));
    for (int t = 0; t < weeks; t++)
        test_step(w, row);
    return row;
}

/* Run all replicates of a scenario; returns data [replicate][tick][row] (caller frees). */
static inline double *test_run(const Scenario *sc, int threads)
{
    const size_t n = (size_t)PV(&sc->base, P_SIM_REPLICATES) * (size_t)sc->n_ticks * (size_t)metrics_row_width(&sc->layout);
    double *data = calloc(n, sizeof(double));
    Error err;
    error_clear(&err);
    if (sim_run(sc, threads, data, NULL, NULL, NULL, &err)) {
        fprintf(stderr, "run failed: %s\n", err.msg);
        exit(1);
    }
    return data;
}

static inline double test_value(const Scenario *sc, const double *data, int r, int t, MetricId m, int k)
{
    return data[((size_t)r * (size_t)sc->n_ticks + (size_t)t) * (size_t)metrics_row_width(&sc->layout) +
                (size_t)metrics_offset(&sc->layout, m) + (size_t)k];
}

/* First tick on or after the first day of month "YYYY-MM". */
static inline int tick_of(const Scenario *sc, const char *ym)
{
    int m;
    dates_parse_month(ym, &m);
    return dates_tick_of_month((int)PV(&sc->base, P_SIM_START), m);
}

/* Mean over replicates of the yearly total of a series (all drugs). */
static inline double test_year_mean(const Scenario *sc, const double *data, MetricId m, int year)
{
    const int R = (int)PV(&sc->base, P_SIM_REPLICATES);
    double s = 0;
    for (int r = 0; r < R; r++)
        s += summary_year_total(sc, data, r, m, year);
    return s / R;
}

/* Mean over replicates of a drug series at tick t. */
static inline double test_tick_mean(const Scenario *sc, const double *data, MetricId m, int k, int t)
{
    const int R = (int)PV(&sc->base, P_SIM_REPLICATES);
    double s = 0;
    for (int r = 0; r < R; r++)
        s += test_value(sc, data, r, t, m, k);
    return s / R;
}

#endif
