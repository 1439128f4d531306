/* test_invariants.c: the invariants of invariants.h hold every week of a 2000-2100 run of the
 * baseline (coarse agent scale, so that it takes seconds), checked here in every build (sim.c checks
 * them itself in Debug builds only); and the checker does catch a broken row or World. */
#include "invariants.h"
#include "testutil.h"
#include "world.h"

int main(void)
{
    test_traps();
    Scenario sc;
    static const char *const sets[] = {"sim.end=2100-12", "sim.agent_scale=10000", NULL};
    test_scenario(&sc, "@include \"scenarios/baseline.cfg\"\n", sets);
    World w;
    Error err;
    error_clear(&err);
    CHECK(sim_world_init(&w, &sc, 0, &err) == CS_OK, "world set-up: %s", err.msg);
    const int width = metrics_row_width(&sc.layout);
    double *row = calloc((size_t)width, sizeof(double)), *bad = calloc((size_t)width, sizeof(double));
    int failures = 0, weeks = 0;
    for (int t = 0; t < sc.n_ticks; t++) {
        error_clear(&err);
        if (sim_world_step(&w, row, &err) != CS_OK) {
            CHECK(0, "week %d: %s", t, err.msg);
            break;
        }
        weeks++;
        if (invariants_check(&w, row, &err) != CS_OK && failures++ < 5)
            CHECK(0, "%s: %s", err.key, err.msg);
    }
    CHECK(weeks == sc.n_ticks && sc.n_ticks > 5200, "ran %d of %d weeks (2000-2100)", weeks, sc.n_ticks);
    printf("test_invariants: %d weeks checked\n", weeks);
    CHECK(failures == 0, "%d weeks broke an invariant", failures);
    CHECK(PV(&w.p, P_SIM_END) == PV(&sc.base, P_SIM_END), "the run reached 2100");

    /* The checker catches what it is meant to catch. */
    const int members = metrics_offset(&sc.layout, M_MEMBERS), share = metrics_offset(&sc.layout, M_AW_SHARE);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[members] = NAN;
    CHECK(invariants_check(&w, bad, &err) == CS_ERR_RUNTIME && strcmp(err.key, "members") == 0 && strstr(err.msg, "not finite"),
          "NaN caught: %s %s", err.key, err.msg);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[members] = -1;
    CHECK(invariants_check(&w, bad, &err) == CS_ERR_RUNTIME && strstr(err.msg, "is negative"), "negative members caught: %s",
          err.msg);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[share] = 1.5;
    CHECK(invariants_check(&w, bad, &err) == CS_ERR_RUNTIME && strstr(err.msg, "share above 1"), "share above 1 caught: %s",
          err.msg);
    int o = -1;
    for (int i = 0; i < w.orgs.n && o < 0; i++)
        if (w.orgs.org[i].alive && w.guns.guns[i] > 0)
            o = i;
    CHECK(o >= 0, "an active organisation with guns in 2100");
    if (o >= 0) {
        const int64_t aw = w.guns.aw[o];
        w.guns.aw[o] = w.guns.guns[o] + 1; /* broken on purpose, then restored */
        CHECK(invariants_check(&w, row, &err) == CS_ERR_RUNTIME && strstr(err.msg, "more assault weapons than guns"),
              "assault weapons above guns caught: %s", err.msg);
        w.guns.aw[o] = aw;
        CHECK(invariants_check(&w, row, &err) == CS_OK, "restored World passes: %s", err.msg);
    }
    free(row);
    free(bad);
    sim_world_free(&w);
    scenario_free(&sc);
    return test_done("test_invariants");
}
