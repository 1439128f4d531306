/* test_border.c: the US levers of issue 12 that engineer B built (model.md 3.16, 3.17, 3.9).
 * - border.c: at three times the enforcement between ports the smugglers' fee rises by Gathmann's
 *   30 % (3^0.24), crossings fall by 10 % (3^-0.096), deportees to Mexico re-enter at reentry_share,
 *   the takings factor is fee x crossings against the calibration's, and the seizure exponent on a
 *   between-ports edge triples (so a load's seizure odds follow 1 - (1 - q)^3);
 * - deportation.c: no deportations, no offshoots; a five-year pulse of deportations of the size of
 *   the late 1990s founds offshoots within three years, they keep growing after the pulse ends, reach
 *   the order of UNODC's 54,000 Northern Triangle members (capacity) within 15 years and never pass
 *   it (the MS-13/Barrio 18 check on direction and timing); one week of recruitment is the logistic
 *   step exactly; the cover on the Central American legs is cover x S / (S + half) for the partner
 *   only;
 * - leadership.c: an arrested leader is extradited with probability 1 - (1 - share)^demand (within
 *   4 standard errors); a transfer of prisoners extradites the leaders commanding from prison first. */
#include <math.h>
#include <string.h>

#include "testutil.h"

static const char *BASE = "name = \"b\";\n"
                          "sim = { start = \"2000-01\"; end = \"2014-12\"; replicates = 1; seed = 11; agent_scale = 4000.0; };\n";

static void test_border_sizes(void)
{
    Scenario sc;
    const char *sets[] = {"border.enforcement=3", "deportation.volume=100000", NULL};
    test_scenario(&sc, BASE, sets);
    World w;
    double *row = test_world(&w, &sc, 1);
    const Params *p = &w.p;
    const Border *b = &w.border;
    const double mx = 100000 * (1 - 0.046 - 0.077 - 0.098); /* deportees to Mexico a year */
    const double fee = PV(p, P_BOR_FEE) * pow(3, 0.24), cross = (PV(p, P_BOR_CROSSINGS) + 0.3 * mx) * pow(3, -0.096);
    printf("  enforcement 3: fee %.0f (x%.3f), crossings %.0f/yr, takings factor %.3f\n", b->fee, b->fee / PV(p, P_BOR_FEE),
           b->crossings, b->smuggling_factor);
    CHECK(fabs(b->fee / PV(p, P_BOR_FEE) - 1.30) < 0.005, "fee x%.4f, Gathmann: +30 %% at triple enforcement", b->fee / PV(p, P_BOR_FEE));
    CHECK(fabs(b->crossings - cross) < 1e-6 * cross, "crossings %.3f, expected %.3f", b->crossings, cross);
    CHECK(fabs(pow(3, -0.096) - 0.90) < 0.002, "crossing elasticity: -10 %% at triple enforcement");
    CHECK(fabs(b->smuggling_factor - fee * cross / (PV(p, P_BOR_FEE) * PV(p, P_BOR_CROSSINGS))) < 1e-9,
          "takings factor %.6f", b->smuggling_factor);
    CHECK(fabs(row[metrics_offset(&sc.layout, M_MIGRANT_CROSSINGS)] - cross / WEEKS_PER_YEAR) < 1e-6, "crossings series");
    /* Seizure exponent on a between-ports edge: three times the calibration's. */
    const Geography *g = &sc.geo;
    int e = -1;
    for (int i = 0; i < g->n_edges && e < 0; i++)
        if (g->edges[i].cls == EC_BETWEEN_PORTS)
            e = i;
    CHECK(e >= 0, "no between-ports edge in the data");
    if (e >= 0) {
        const double q3 = interdiction_seizure_prob(&w, e, PR_FENTANYL);
        w.border.drug_factor = 1.0;
        const double q1 = interdiction_seizure_prob(&w, e, PR_FENTANYL);
        printf("  between ports: fentanyl seizure probability per load %.4f -> %.4f\n", q1, q3);
        CHECK(q1 > 0 && fabs(log(1 - q3) / log(1 - q1) - 3) < 1e-9, "seizure exponent ratio %.6f", log(1 - q3) / log(1 - q1));
    }
    sim_world_free(&w);
    free(row);
    scenario_free(&sc);
}

static double members(const World *w, int country)
{
    double m = 0;
    for (int i = 0; i < w->deportation.n; i++)
        if (country < 0 || w->deportation.off[i].country == country)
            m += w->deportation.off[i].members;
    return m;
}

static void test_offshoots(void)
{
    /* Without deportations nothing happens. */
    Scenario s0;
    test_scenario(&s0, BASE, NULL);
    World w0;
    double *row0 = test_world(&w0, &s0, 5 * 52);
    CHECK(w0.deportation.n == 0 && row0[metrics_offset(&s0.layout, M_OFFSHOOT_MEMBERS)] == 0, "offshoots without deportees");
    sim_world_free(&w0);
    free(row0);
    scenario_free(&s0);
    /* A pulse of the late 1990s (removals rose from 70,000 in 1996 to about 190,000 in 2000): 150,000
     * more a year for five years, then none. */
    const double cap = 20000 + 12000 + 22000;
    int founded_in_time = 0, grew_after = 0, reached = 0, capped = 1, runs = 0;
    for (int seed = 1; seed <= 6; seed++) {
        Scenario sc;
        char text[1024], set_seed[64];
        snprintf(text, sizeof text, "%spolicy = ( { at = \"2000-01\"; set = { deportation.volume = 150000.0; }; },\n"
                                    "           { at = \"2005-01\"; set = { deportation.volume = 0.0; }; } );\n", BASE);
        snprintf(set_seed, sizeof set_seed, "sim.seed=%d", seed);
        const char *sets[] = {set_seed, NULL};
        test_scenario(&sc, text, sets);
        World w;
        double *row = test_world(&w, &sc, 0);
        int first = -1;
        double at_end_of_pulse = 0, peak = 0;
        for (int t = 0; t < 15 * 52; t++) {
            test_step(&w, row);
            if (first < 0 && w.deportation.n > 0)
                first = t;
            if (t == 5 * 52 - 1)
                at_end_of_pulse = members(&w, -1);
            peak = fmax(peak, members(&w, -1));
        }
        const double final = members(&w, -1);
        printf("  pulse seed %d: first offshoot week %d, %d offshoots, members %.0f (end of pulse) -> %.0f (2014)\n", seed,
               first, w.deportation.n, at_end_of_pulse, final);
        runs++;
        founded_in_time += first >= 0 && first < 3 * 52;
        grew_after += final > at_end_of_pulse;
        reached += final > 0.4 * cap;
        capped &= peak <= cap * (1 + 1e-9);
        /* One week of recruitment is the logistic step. */
        if (w.deportation.n > 0) {
            w.p.v[P_DEP_VOLUME] = 0;
            double before[N_DEP_COUNTRIES];
            for (int k = 0; k < N_DEP_COUNTRIES; k++)
                before[k] = members(&w, k);
            const double m0 = w.deportation.off[0].members;
            const int k0 = w.deportation.off[0].country;
            static const double capk[N_DEP_COUNTRIES] = {20000, 12000, 22000};
            test_step(&w, row);
            const double want = m0 * (1 + 0.35 / WEEKS_PER_YEAR * (1 - before[k0] / capk[k0]));
            CHECK(fabs(w.deportation.off[0].members - want) < 1e-9 * want, "recruitment step %.6f, expected %.6f",
                  w.deportation.off[0].members, want);
            /* Cover: only the partner, only on the Central American legs. */
            const int o = w.deportation.off[0].partner, node = w.deportation.node;
            double S = 0;
            for (int i = 0; i < w.deportation.n; i++)
                S += w.deportation.off[i].partner == o ? w.deportation.off[i].members : 0;
            const Geography *g = &sc.geo;
            for (int e = 0; o >= 0 && e < g->n_edges; e++) {
                const int ca = g->edges[e].from == node || g->edges[e].to == node;
                const double want_f = ca ? 1 - 0.3 * S / (S + 20000) : 1.0;
                CHECK(fabs(deportation_transit_factor(&w, o, e) - want_f) < 1e-12, "cover on edge %d: %.6f, expected %.6f", e,
                      deportation_transit_factor(&w, o, e), want_f);
                for (int x = 0; x < w.orgs.n; x++)
                    if (x != o && w.deportation.cover[x] == 0)
                        CHECK(deportation_transit_factor(&w, x, e) == 1.0, "cover for a non-partner");
            }
        }
        sim_world_free(&w);
        free(row);
        scenario_free(&sc);
    }
    CHECK(founded_in_time >= runs - 1, "offshoots founded within 3 years of the pulse in %d of %d runs", founded_in_time, runs);
    CHECK(grew_after >= runs - 1, "offshoots grew after the pulse in %d of %d runs", grew_after, runs);
    CHECK(reached >= runs - 1, "offshoots reached 40 %% of UNODC's 54,000 within 15 years in %d of %d runs", reached, runs);
    CHECK(capped, "offshoot members above the capacity");
}

/* Share of arrested leaders extradited (prison command and killings off). */
static double extradited_share(double demand, double *se)
{
    Scenario sc;
    char d[64];
    snprintf(d, sizeof d, "leadership.extradition_demand=%g", demand);
    const char *sets[] = {d, "leadership.kill_share=0", "leadership.prison_command=0", "leadership.kingpin_intensity=4",
                          "sim.replicates=4", NULL};
    test_scenario(&sc, BASE, sets);
    double *data = test_run(&sc, 2);
    double ex = 0, ar = 0;
    for (int r = 0; r < 4; r++)
        for (int t = 0; t < sc.n_ticks; t++) {
            ex += test_value(&sc, data, r, t, M_LEADERS_EXTRADITED, 0);
            ar += test_value(&sc, data, r, t, M_LEADERS_ARRESTED, 0);
        }
    free(data);
    scenario_free(&sc);
    const double n = ex + ar, q = n > 0 ? ex / n : 0;
    *se = n > 0 ? sqrt(q * (1 - q) / n) : 1;
    printf("  extradition demand %g: %.0f of %.0f arrested leaders extradited (%.3f)\n", demand, ex, n, q);
    return q;
}

static void test_extradition(void)
{
    double se1, se3;
    const double q1 = extradited_share(1, &se1), q3 = extradited_share(3, &se3);
    CHECK(fabs(q1 - 0.2) < 4 * se1, "demand 1: share %.3f, expected 0.2 (se %.3f)", q1, se1);
    CHECK(fabs(q3 - (1 - pow(0.8, 3))) < 4 * se3, "demand 3: share %.3f, expected %.3f (se %.3f)", q3, 1 - pow(0.8, 3), se3);
    /* A transfer: leaders commanding from prison (all arrested leaders keep command) go first. */
    Scenario sc;
    char text[1024];
    snprintf(text, sizeof text, "%spolicy = ( { at = \"2006-01\"; set = { leadership.transfer = 40; }; } );\n", BASE);
    const char *sets[] = {"leadership.prison_command=1", "leadership.kill_share=0", "leadership.extradition_share=0",
                          "leadership.kingpin_intensity=4", NULL};
    test_scenario(&sc, text, sets);
    const int at = tick_of(&sc, "2006-01");
    World w;
    double *row = test_world(&w, &sc, at);
    int jailed = 0;
    double *tenure = calloc((size_t)w.orgs.cap, sizeof *tenure); /* of each commander in prison, -1 if none */
    for (int o = 0; o < w.orgs.cap; o++)
        tenure[o] = o < w.orgs.n && w.orgs.org[o].alive && w.leadership.cmd[o].leader.jailed ? w.leadership.cmd[o].leader.tenure : -1;
    for (int o = 0; o < w.orgs.n; o++)
        jailed += tenure[o] >= 0;
    test_step(&w, row);
    int after = 0; /* the same commanders still in prison a week on (a successor arrested that week is new) */
    for (int o = 0; o < w.orgs.n; o++)
        after += tenure[o] >= 0 && w.orgs.org[o].alive && w.leadership.cmd[o].leader.jailed &&
                 w.leadership.cmd[o].leader.tenure == tenure[o] + 1;
    free(tenure);
    const double sent = row[metrics_offset(&sc.layout, M_TRANSFERRED)], ex = row[metrics_offset(&sc.layout, M_LEADERS_EXTRADITED)];
    printf("  transfer of 40: %d leaders commanding from prison before, %.0f extradited that week, %d left\n", jailed, ex, after);
    CHECK(jailed >= 1, "no leader commanding from prison to transfer (%d)", jailed);
    CHECK(sent == 40, "transferred %.0f", sent);
    CHECK(ex >= jailed && after == 0, "extradited %.0f of %d jailed commanders, %d left", ex, jailed, after);
    sim_world_free(&w);
    free(row);
    scenario_free(&sc);
}

int main(void)
{
    test_traps();
    test_border_sizes();
    test_offshoots();
    test_extradition();
    return test_done("test_border");
}
