/* test_mechanisms.c: the mechanism table and the ownership of series (model/mechanisms.def,
 * model/metrics.def).
 * - every series names an owner that is a mechanism of the schedule;
 * - each mechanism's observe writes only the slots of series it owns, and every series is written by
 *   its owner (a week of a running World with organisations at war and trafficking under way);
 * - every mechanism's free is safe on a World that was never set up (a failed set-up releases the
 *   mechanisms it reached). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "testutil.h"

static const char *BASE = "name = \"m\";\n"
                          "sim = { start = \"2000-01\"; end = \"2012-12\"; replicates = 1; seed = 9; agent_scale = 2000.0; };\n"
                          "market = { endogenous = 1; };\n";

static int mechanism_index(const char *name)
{
    for (int i = 0; i < sim_n_mechanisms; i++)
        if (strcmp(sim_mechanisms[i].name, name) == 0)
            return i;
    return -1;
}

static void test_owners_declared(void)
{
    for (int m = 0; m < N_METRICS; m++)
        CHECK(mechanism_index(metrics_info[m].owner) >= 0, "series %s: owner '%s' is not in mechanisms.def",
              metrics_info[m].name, metrics_info[m].owner);
}

/* Values a slot holds before an observe: a slot that differs afterwards from either was written
 * (two, so that both `=` of any value and `+=` of a non-zero one are seen). */
static const double SENTINELS[2] = {0.0, 0.123456789};

static void test_observe_writes_own_series(void)
{
    Scenario sc;
    test_scenario(&sc, BASE, NULL);
    World w;
    double *row = test_world(&w, &sc, 8 * 52); /* 2000-2007: wars, splits, trafficking */
    const MetricsLayout *L = &sc.layout;
    const int width = metrics_row_width(L);
    int *slot_owner = malloc(sizeof(int) * (size_t)width);
    for (int m = 0; m < N_METRICS; m++)
        for (int k = 0; k < metrics_width(L, (MetricId)m); k++)
            slot_owner[metrics_offset(L, (MetricId)m) + k] = m;
    unsigned char *written = calloc((size_t)N_METRICS, 1);
    for (int i = 0; i < sim_n_mechanisms; i++) {
        const Mechanism *mech = &sim_mechanisms[i];
        int foreign = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < width; s++)
                row[s] = SENTINELS[pass];
            mech->observe(&w, row);
            for (int s = 0; s < width; s++) {
                if (memcmp(&row[s], &SENTINELS[pass], sizeof(double)) == 0)
                    continue;
                const MetricInfo *mi = &metrics_info[slot_owner[s]];
                if (strcmp(mi->owner, mech->name) != 0 && foreign++ < 5)
                    CHECK(0, "%s_observe wrote series %s, owned by %s", mech->name, mi->name, mi->owner);
                written[slot_owner[s]] = 1;
            }
        }
        CHECK(foreign == 0, "%s_observe wrote %d slots of other mechanisms' series", mech->name, foreign);
    }
    int unwritten = 0;
    for (int m = 0; m < N_METRICS; m++)
        if (!written[m]) {
            unwritten++;
            CHECK(0, "series %s (owner %s) is written by no mechanism", metrics_info[m].name, metrics_info[m].owner);
        }
    printf("  %d mechanisms, %d series, %d slots: each series written by its owner only (%d unwritten)\n",
           sim_n_mechanisms, N_METRICS, width, unwritten);
    free(written);
    free(slot_owner);
    sim_world_free(&w);
    free(row);
    scenario_free(&sc);
}

static void test_free_without_init(void)
{
    Scenario sc;
    test_scenario(&sc, BASE, NULL);
    World w;
    memset(&w, 0, sizeof w);
    w.sc = &sc;
    for (int i = sim_n_mechanisms - 1; i >= 0; i--)
        sim_mechanisms[i].free(&w); /* must not crash (ASan checks the frees) */
    CHECK(w.orgs.org == NULL && w.finance.cash == NULL, "free leaves released state empty");
    scenario_free(&sc);
}

int main(void)
{
    test_traps();
    test_owners_declared();
    test_observe_writes_own_series();
    test_free_without_init();
    return test_done("test_mechanisms");
}
