/* bench_replicate.c: `make bench`. One replicate of scenarios/baseline.cfg (2000-2045, 1 agent = 100
 * people) on one core, twice: the demand model alone (the scenario without its data: US consumers
 * only; target under 1 s) and the whole model with the scenario's data (demand, Mexican forces,
 * organisations, leadership, conflict, diversification, supply, trafficking, interdiction, market and
 * the US levers; target under 2 s). For each: wall time (best of 3), agent-weeks and events per
 * second; then peak memory and, in the same process, the raw draw rate of the GSL generator the model
 * uses. The ratio agent-weeks/s : draws/s says how far the event calendar beats any method that draws
 * a random number per agent and week (which could not exceed ratio 1). Targets: docs/performance.md. */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "metrics.h"
#include "scenario.h"
#include "sim.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct Result {
    double best, agent_weeks, events, draws;
    int orgs, org_events;
} Result;

/* One replicate of sc, best of three. */
static int bench(const Scenario *sc, Result *res)
{
    Error err;
    error_clear(&err);
    const int width = metrics_row_width(&sc->layout);
    double *row = malloc(sizeof(double) * (size_t)width);
    res->best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        World w;
        const double t0 = now();
        if (sim_world_init(&w, sc, 0, &err)) {
            fprintf(stderr, "bench: %s\n", err.msg);
            free(row);
            return 1;
        }
        for (int t = 0; t < sc->n_ticks; t++)
            if (sim_world_step(&w, row, &err)) {
                fprintf(stderr, "bench: %s\n", err.msg);
                free(row);
                return 1;
            }
        const double el = now() - t0;
        if (el < res->best)
            res->best = el;
        res->agent_weeks = w.demand.agent_weeks;
        res->orgs = w.orgs.n;
        res->org_events = w.orgs.n_events;
        res->events = (double)w.demand.events;
        res->draws = 0;
        for (int s = 0; s < N_RNG_STREAMS; s++)
            res->draws += (double)w.rng.draws[s];
        sim_world_free(&w);
    }
    free(row);
    return 0;
}

static int load(Scenario *sc, const char *path, int with_data)
{
    Error err;
    error_clear(&err);
    if (scenario_load_file(sc, path, &err) || scenario_apply_override(sc, "sim.replicates=1", &err) ||
        scenario_finalize(sc, &err) || (with_data && scenario_data_attach(sc, "scenarios/data", &err))) {
        char buf[1400];
        error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench_replicate: %s\n", buf);
        return 2;
    }
    return 0;
}

static void report(const char *what, const Result *r, double target)
{
    printf("  %s\n", what);
    printf("    wall time (best of 3)     %10.3f s   (target < %.1f s: %s)\n", r->best, target,
           r->best < target ? "met" : "MISSED");
    printf("    agent-weeks per second    %10.3g   (%.3g agent-weeks)\n", r->agent_weeks / r->best, r->agent_weeks);
    printf("    events per second         %10.3g   (%.3g events)\n", r->events / r->best, r->events);
    printf("    random draws by the model %10.3g\n", r->draws);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/baseline.cfg";
    const double target_demand = 1.0, target_whole = 2.0;
    Scenario alone, whole;
    Result a, b;
    if (load(&alone, path, 0) || bench(&alone, &a) || load(&whole, path, 1) || bench(&whole, &b))
        return 2;
    /* Raw draw rate of the generator, same process, same core. */
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    const long n = 100000000L;
    double sink = 0;
    const double t0 = now();
    for (long i = 0; i < n; i++)
        sink += gsl_rng_uniform_pos(g);
    const double draw_rate = (double)n / (now() - t0);
    gsl_rng_free(g);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("cartelsim benchmark: %s, one replicate, %d weeks, 1 agent = %.0f people, one core\n", path, whole.n_ticks,
           PV(&whole.base, P_SIM_AGENT_SCALE));
    report("demand model alone (no scenario data: US consumers only)", &a, target_demand);
    report("whole model (with scenarios/data)", &b, target_whole);
    printf("    organisations ever        %10d   (%d events in /events)\n", b.orgs, b.org_events);
    printf("  raw GSL %s draws/s       %10.3g   (checksum %.1f)\n", gsl_rng_mt19937->name, draw_rate, sink / (double)n);
    printf("  agent-weeks/s : draws/s       %10.2f   (whole model; a draw per agent and week caps this at 1)\n",
           b.agent_weeks / b.best / draw_rate);
    printf("  peak resident memory          %10.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    scenario_free(&alone);
    scenario_free(&whole);
    return a.best < target_demand && b.best < target_whole ? 0 : 1;
}
