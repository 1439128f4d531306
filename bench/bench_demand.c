/* bench_demand.c: `make bench`. One replicate of scenarios/baseline.cfg (2000-2045, 1 agent = 100
 * people) on one core: wall time, agent-weeks per second, events per second, peak memory, and, in
 * the same process, the raw draw rate of the GSL generator the model uses. The ratio
 * agent-weeks/s : draws/s says how far the event calendar beats any method that draws a random
 * number per agent and week (which could not exceed ratio 1). It runs the whole model with the
 * scenario's data (demand, Mexican forces, organisations, leadership, conflict, diversification,
 * supply, trafficking, interdiction, market). Target (docs/performance.md): the replicate in under
 * 2 s. */
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

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/baseline.cfg";
    const double target = 2.0;
    Scenario sc;
    Error err;
    error_clear(&err);
    if (scenario_load_file(&sc, path, &err) || scenario_apply_override(&sc, "sim.replicates=1", &err) ||
        scenario_finalize(&sc, &err) || scenario_attach_data(&sc, "scenarios/data", &err)) {
        char buf[1400];
        error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench_demand: %s\n", buf);
        return 2;
    }
    const int width = metrics_row_width(&sc.layout);
    double *row = malloc(sizeof(double) * (size_t)width);
    double best = 1e30, agent_weeks = 0, events = 0, draws = 0;
    int orgs = 0, org_events = 0;
    for (int rep = 0; rep < 3; rep++) { /* best of three */
        World w;
        const double t0 = now();
        if (sim_world_init(&w, &sc, 0, &err))
            return 1;
        for (int t = 0; t < sc.n_ticks; t++)
            if (sim_world_step(&w, row, &err)) {
                fprintf(stderr, "bench: %s\n", err.msg);
                return 1;
            }
        const double el = now() - t0;
        if (el < best)
            best = el;
        agent_weeks = w.demand.agent_weeks;
        orgs = w.orgs.n;
        org_events = w.orgs.n_events;
        events = (double)w.demand.events;
        draws = 0;
        for (int s = 0; s < N_RNG_STREAMS; s++)
            draws += (double)w.rng.draws[s];
        sim_world_free(&w);
    }
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
    const double aw_rate = agent_weeks / best;
    printf("cartelsim benchmark: %s, one replicate, %d weeks, 1 agent = %.0f people, one core\n", path, sc.n_ticks,
           PV(&sc.base, P_SIM_AGENT_SCALE));
    printf("  wall time (best of 3)       %10.3f s   (target < %.1f s: %s)\n", best, target, best < target ? "met" : "MISSED");
    printf("  agent-weeks                 %10.3g\n", agent_weeks);
    printf("  agent-weeks per second      %10.3g\n", aw_rate);
    printf("  events per second           %10.3g   (%.3g events)\n", events / best, events);
    printf("  random draws by the model   %10.3g\n", draws);
    printf("  organisations ever          %10d   (%d events in /events)\n", orgs, org_events);
    printf("  raw GSL %s draws/s     %10.3g   (checksum %.1f)\n", gsl_rng_mt19937->name, draw_rate,
           sink / (double)n);
    printf("  agent-weeks/s : draws/s     %10.2f   (a draw per agent and week caps this at 1)\n", aw_rate / draw_rate);
    printf("  peak resident memory        %10.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
    free(row);
    scenario_free(&sc);
    return best < target ? 0 : 1;
}
