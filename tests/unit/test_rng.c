/* test_rng.c: reproducible, comparable randomness.
 * - stream keys of (seed, replicate, stream) are distinct over many replicates;
 * - the same seed gives bit-identical series with 1 or 2 threads;
 * - common random numbers: raising treatment capacity from 2008 leaves every series identical
 *   before 2008, leaves the draws of the other streams' mechanisms aligned (initiation uses exactly
 *   one draw per drug and week in both runs), and couples the two runs' initiations tightly compared
 *   with a run on another seed;
 * - the model's inline uniform (rng_uniform) is GSL's gsl_rng_uniform_pos of mt19937 draw for draw,
 *   over many blocks of the state, and GSL's distributions can be mixed in on the same stream;
 * - rng_poisson_inv (probabilities summed from 0 below a mean of 200) gives the quantile of the walk
 *   from GSL's cdf for every draw, at means from 0.001 to 1,000. */
#include "testutil.h"

#include <gsl/gsl_randist.h>
#include <math.h>

#include "dates.h"

static const char *TEXT = "name = \"r\";\n"
                          "sim = { start = \"2000-01\"; end = \"2015-12\"; replicates = 4; seed = 42; agent_scale = 400.0; };\n";

static int cmp_u64(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void test_keys(void)
{
    enum { R = 5000 };
    uint64_t *k = malloc(sizeof(uint64_t) * R * N_RNG_STREAMS);
    for (int r = 0; r < R; r++)
        for (int s = 0; s < N_RNG_STREAMS; s++)
            k[r * N_RNG_STREAMS + s] = rng_stream_key(42, r, s);
    qsort(k, R * N_RNG_STREAMS, sizeof(uint64_t), cmp_u64);
    int dup = 0;
    for (int i = 1; i < R * N_RNG_STREAMS; i++)
        dup += k[i] == k[i - 1];
    CHECK(dup == 0, "%d duplicate stream keys", dup);
    CHECK(rng_stream_key(42, 0, 0) != rng_stream_key(43, 0, 0), "seed enters the key");
    free(k);
    /* Seeds 2^32 apart give different streams (GSL's own seeding would not). */
    Rng a, b;
    Error err;
    rng_init(&a, 7, 0, &err);
    rng_init(&b, 7 + (1ULL << 32), 0, &err);
    CHECK(rng_uniform(&a, RNG_USE) != rng_uniform(&b, RNG_USE), "64-bit seeds are used whole");
    rng_free(&a);
    rng_free(&b);
}

static void test_threads(void)
{
    Scenario sc;
    test_scenario(&sc, TEXT, NULL);
    double *d1 = test_run(&sc, 1), *d2 = test_run(&sc, 2);
    const size_t n = (size_t)4 * sc.n_ticks * (size_t)metrics_row_width(&sc.layout);
    CHECK(memcmp(d1, d2, n * sizeof(double)) == 0, "-j1 and -j2 must give bit-identical series");
    /* Replicates differ from each other. */
    CHECK(test_value(&sc, d1, 0, 300, M_INITIATIONS, DRUG_CANNABIS) != test_value(&sc, d1, 1, 300, M_INITIATIONS, DRUG_CANNABIS) ||
              test_value(&sc, d1, 0, 301, M_INITIATIONS, DRUG_CANNABIS) !=
                  test_value(&sc, d1, 1, 301, M_INITIATIONS, DRUG_CANNABIS),
          "replicates must differ");
    free(d1);
    free(d2);
    scenario_free(&sc);
}

/* Run replicate 0 of a scenario by hand, keeping the draw counts of its streams. */
static double *run_world(const Scenario *sc, unsigned long long draws[N_RNG_STREAMS])
{
    World w;
    Error err;
    const int width = metrics_row_width(&sc->layout);
    double *rows = calloc((size_t)sc->n_ticks * (size_t)width, sizeof(double));
    if (sim_world_init(&w, sc, 0, &err))
        exit(1);
    for (int t = 0; t < sc->n_ticks; t++)
        test_step(&w, rows + (size_t)t * (size_t)width);
    memcpy(draws, w.rng.draws, sizeof w.rng.draws);
    sim_world_free(&w);
    return rows;
}

static void test_common_random_numbers(void)
{
    char text_b[1024];
    snprintf(text_b, sizeof text_b, "%s policy = ( { at = \"2008-01\"; set = { demand.treatment.capacity = 1.5e6; }; } );\n", TEXT);
    const char *other_seed[] = {"sim.seed=43", NULL};
    Scenario a, b, c;
    test_scenario(&a, TEXT, NULL);
    test_scenario(&b, text_b, NULL);
    test_scenario(&c, TEXT, other_seed);
    unsigned long long da_n[N_RNG_STREAMS], db_n[N_RNG_STREAMS], dc_n[N_RNG_STREAMS];
    double *ra = run_world(&a, da_n), *rb = run_world(&b, db_n), *rc = run_world(&c, dc_n);
    const int width = metrics_row_width(&a.layout);
    int m;
    dates_parse_month("2008-01", &m);
    const int t0 = dates_tick_of_month((int)PV(&a.base, P_SIM_START), m);
    CHECK(memcmp(ra, rb, sizeof(double) * (size_t)t0 * (size_t)width) == 0, "identical before the policy change");
    CHECK(memcmp(ra + (size_t)t0 * width, rb + (size_t)t0 * width, sizeof(double) * (size_t)width * 10) != 0,
          "the policy changes the path after it starts");
    CHECK(da_n[RNG_INITIATION] == db_n[RNG_INITIATION] && da_n[RNG_INITIATION] == (unsigned long long)N_DRUGS * a.n_ticks,
          "initiation draws: one per drug and week in both runs (%llu, %llu)", da_n[RNG_INITIATION], db_n[RNG_INITIATION]);
    CHECK(da_n[RNG_TREATMENT] != db_n[RNG_TREATMENT], "the treatment stream is the one that moves");
    /* Coupling: in the two years after the change (before the policy's own effect on initiation
     * builds up), same-seed initiations differ far less than other-seed ones. */
    const int off = metrics_offset(&a.layout, M_INITIATIONS) + DRUG_COCAINE, t1 = t0 + 104;
    double diff_b = 0, diff_c = 0;
    for (int t = t0; t < t1; t++) {
        diff_b += fabs(ra[(size_t)t * width + off] - rb[(size_t)t * width + off]);
        diff_c += fabs(ra[(size_t)t * width + off] - rc[(size_t)t * width + off]);
    }
    printf("cocaine initiations 2008-09, mean |difference| per week: same seed %.1f, other seed %.1f persons\n",
           diff_b / (t1 - t0), diff_c / (t1 - t0));
    CHECK(diff_b < 0.25 * diff_c, "common random numbers should couple initiations: %.0f vs %.0f", diff_b, diff_c);
    free(ra);
    free(rb);
    free(rc);
    scenario_free(&a);
    scenario_free(&b);
    scenario_free(&c);
}

static void test_inline_mt(void)
{
    Rng a, b;
    Error err = {0};
    CHECK(rng_init(&a, 20260101, 3, &err) == CS_OK && rng_init(&b, 20260101, 3, &err) == CS_OK, "rng_init: %s", err.msg);
    long differ = 0, n = 0;
    for (int s = 0; s < N_RNG_STREAMS; s++)
        for (int i = 0; i < 200000; i++, n++) {
            if (i % 1000 == 999) { /* a GSL distribution in between, on both */
                differ += gsl_ran_poisson(a.g[s], 3.5) != gsl_ran_poisson(b.g[s], 3.5);
                continue;
            }
            differ += rng_uniform(&a, (RngStream)s) != gsl_rng_uniform_pos(b.g[s]);
        }
    printf("  inline MT19937 against GSL: %ld of %ld draws differ\n", differ, n);
    CHECK(differ == 0 && n > 0, "%ld of %ld draws differ", differ, n);
    rng_free(&a);
    rng_free(&b);
}

static void test_poisson_inv(void)
{
    Rng a, b;
    Error err = {0};
    CHECK(rng_init(&a, 7, 1, &err) == CS_OK && rng_init(&b, 7, 1, &err) == CS_OK, "rng_init: %s", err.msg);
    long differ = 0, n = 0;
    for (int i = 0; i < 400000; i++, n++) {
        const double mu = pow(10.0, -3.0 + 6.0 * (double)(i % 1000) / 999.0); /* 0.001 to 1,000 */
        const unsigned long k = rng_poisson_inv(&a, RNG_MEMBERS, mu);
        differ += k != rng_poisson_walk(gsl_rng_uniform_pos(b.g[RNG_MEMBERS]), mu);
    }
    printf("  Poisson quantiles, sum from 0 against the walk from GSL's cdf: %ld of %ld differ\n", differ, n);
    CHECK(differ == 0, "%ld of %ld Poisson quantiles differ", differ, n);
    rng_free(&a);
    rng_free(&b);
}

int main(void)
{
    test_traps();
    test_keys();
    test_threads();
    test_common_random_numbers();
    test_inline_mt();
    test_poisson_inv();
    return test_done("test_rng");
}
