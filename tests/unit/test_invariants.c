/* test_invariants.c: the invariants of invariants.h, conservation included, hold every week of a
 * 2000-2100 run of the baseline (coarse agent scale, so that it takes seconds), checked here in every
 * build (sim.c checks them itself in Debug builds only); and the checker does catch a broken row or
 * World: a member, a gun or a dollar from nowhere, a user or a kilogram that the series do not account
 * for. */
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
    InvariantsMark mark = {0};
    for (int t = 0; t < sc.n_ticks; t++) {
        error_clear(&err);
        invariants_mark(&w, &mark);
        if (sim_world_step(&w, row, &err) != CS_OK) {
            CHECK(0, "week %d: %s", t, err.msg);
            break;
        }
        weeks++;
        if (invariants_check(&w, row, &mark, &err) != CS_OK && failures++ < 5)
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
    CHECK(invariants_check(&w, bad, NULL, &err) == CS_ERR_RUNTIME && strcmp(err.key, "members") == 0 && strstr(err.msg, "not finite"),
          "NaN caught: %s %s", err.key, err.msg);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[members] = -1;
    CHECK(invariants_check(&w, bad, NULL, &err) == CS_ERR_RUNTIME && strstr(err.msg, "is negative"), "negative members caught: %s",
          err.msg);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[share] = 1.5;
    CHECK(invariants_check(&w, bad, NULL, &err) == CS_ERR_RUNTIME && strstr(err.msg, "share above 1"), "share above 1 caught: %s",
          err.msg);
    int o = -1;
    for (int i = 0; i < w.orgs.n && o < 0; i++)
        if (w.orgs.org[i].alive && w.guns.guns[i] > 0)
            o = i;
    CHECK(o >= 0, "an active organisation with guns in 2100");
    if (o >= 0) {
        const int64_t aw = w.guns.aw[o];
        w.guns.aw[o] = w.guns.guns[o] + 1; /* broken on purpose, then restored */
        CHECK(invariants_check(&w, row, NULL, &err) == CS_ERR_RUNTIME && strstr(err.msg, "more assault weapons than guns"),
              "assault weapons above guns caught: %s", err.msg);
        w.guns.aw[o] = aw;
        CHECK(invariants_check(&w, row, NULL, &err) == CS_OK, "restored World passes: %s", err.msg);
    }
    /* Conservation: one more week, then the World or the row broken on purpose against that week's mark. */
    InvariantsMark before;
    invariants_mark(&w, &before);
    InvariantsMark m = before;
    m.rows = mark.rows;
    memcpy(m.users, mark.users, sizeof m.users);
    memcpy(m.us_stock, mark.us_stock, sizeof m.us_stock);
    m.revenue = mark.revenue;
    const InvariantsMark last = m;
    CHECK(sim_world_step(&w, row, &err) == CS_OK, "week after 2100: %s", err.msg);
    CHECK(invariants_check(&w, row, &m, &err) == CS_OK, "the week itself conserves: %s", err.msg);
    int k = 0;
    while (k < sc.geo.n_plazas && w.orgs.owner[k] < 0)
        k++;
    CHECK(k < sc.geo.n_plazas, "a plaza held in 2100");
    if (k < sc.geo.n_plazas) {
        w.orgs.plaza_members[k] += 1; /* a member from nowhere (not through orgs_add_members) */
        w.orgs.stale = 1;
        m = last;
        CHECK(invariants_check(&w, row, &m, &err) == CS_ERR_RUNTIME && strstr(err.msg, "ledger"),
              "member from nowhere caught: %s", err.msg);
        w.orgs.plaza_members[k] -= 1;
        orgs_add_members(&w.orgs, k, 1, MF_MOVED); /* a move with no other side */
        m = last;
        CHECK(invariants_check(&w, row, &m, &err) == CS_ERR_RUNTIME && strstr(err.msg, "net to zero"),
              "one-sided move caught: %s", err.msg);
        orgs_add_members(&w.orgs, k, -1, MF_MOVED);
        orgs_add_members(&w.orgs, k, 1, MF_RECRUITED); /* a recruit the series does not report */
        m = last;
        CHECK(invariants_check(&w, row, &m, &err) == CS_ERR_RUNTIME && strcmp(err.key, "recruits") == 0,
              "unreported recruit caught: %s %s", err.key, err.msg);
        orgs_add_members(&w.orgs, k, -1, MF_RECRUITED);
    }
    if (o >= 0) {
        w.guns.guns[o] += 2;
        m = last;
        CHECK(invariants_check(&w, row, &m, &err) == CS_ERR_RUNTIME && strcmp(err.key, "guns") == 0,
              "guns from nowhere caught: %s %s", err.key, err.msg);
        w.guns.guns[o] -= 2;
        w.finance.cash[o] += 1000;
        m = last;
        CHECK(invariants_check(&w, row, &m, &err) == CS_ERR_RUNTIME && strcmp(err.key, "cash") == 0,
              "cash from nowhere caught: %s %s", err.key, err.msg);
        w.finance.cash[o] -= 1000;
    }
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[metrics_offset(&sc.layout, M_USERS_HEAVY) + DRUG_OPIOIDS] += 100; /* 100 users the flows do not explain */
    m = last;
    CHECK(invariants_check(&w, bad, &m, &err) == CS_ERR_RUNTIME && strstr(err.msg, "US users"),
          "unexplained users caught: %s", err.msg);
    memcpy(bad, row, sizeof(double) * (size_t)width);
    bad[metrics_offset(&sc.layout, M_DELIVERED) + PR_COCAINE] *= 1.01; /* a kilogram too many */
    m = last;
    CHECK(invariants_check(&w, bad, &m, &err) == CS_ERR_RUNTIME && strstr(err.msg, "drug mass"),
          "unexplained drug mass caught: %s", err.msg);
    m = last;
    CHECK(invariants_check(&w, row, &m, &err) == CS_OK, "restored World passes the conservation checks: %s", err.msg);
    free(row);
    free(bad);
    sim_world_free(&w);
    scenario_free(&sc);
    return test_done("test_invariants");
}
