/* test_supply.c: supply, trafficking, interdiction and market (model.md 4.2-4.4), properties that
 * fail if the mechanisms are wrong:
 * - drug mass balances exactly per product and week: shipped = seized + delivered, and
 *   US stock change = delivered + US domestic supply - consumed (integer grams);
 * - no interdiction -> no seizures, exactly;
 * - an interdiction surge raises wholesale and retail prices, lowers consumption and raises cartel
 *   revenue (|elasticity| < 1), against the same seed;
 * - more effort at one crossing shifts volume to the others (balloon), total delivered falling less
 *   than that crossing's share;
 * - precursor control lowers synthetic supply and raises its price;
 * - squeezing poppy raises the fentanyl share of the opioid supply. */
#include "testutil.h"

static const char *BASE = "name = \"s\";\n"
                          "sim = { start = \"2000-01\"; end = \"2009-12\"; replicates = 2; seed = 17; agent_scale = 400.0; };\n"
                          "market = { endogenous = 1; };\n";

static void test_mass_balance(void)
{
    Scenario sc;
    test_scenario(&sc, BASE, NULL);
    World w;
    double *row = test_world(&w, &sc, 0);
    int64_t prev[N_PRODUCTS];
    memcpy(prev, w.market.stock_g, sizeof prev);
    int ok = 1;
    int64_t seized_total = 0, delivered_total = 0;
    for (int t = 0; t < sc.n_ticks && ok; t++) {
        test_step(&w, row);
        for (int k = 0; k < N_PRODUCTS; k++) {
            int64_t seized = 0;
            for (int c = 0; c < N_EDGE_CLASSES; c++)
                seized += w.interdiction.seized_g[c][k];
            seized_total += seized;
            delivered_total += w.traffic.delivered_g[k];
            if (w.supply.produced_g[k] != seized + w.traffic.delivered_g[k]) {
                CHECK(0, "tick %d %s: shipped %lld != seized %lld + delivered %lld", t, drugs_product_names[k],
                      (long long)w.supply.produced_g[k], (long long)seized, (long long)w.traffic.delivered_g[k]);
                ok = 0;
            }
            const int64_t change = w.market.stock_g[k] - prev[k];
            if (change != w.traffic.delivered_g[k] + w.market.domestic_g[k] - w.market.consumed_g[k] || w.market.stock_g[k] < 0) {
                CHECK(0, "tick %d %s: stock change %lld != delivered + domestic - consumed", t, drugs_product_names[k],
                      (long long)change);
                ok = 0;
            }
            prev[k] = w.market.stock_g[k];
        }
    }
    CHECK(seized_total > 0 && delivered_total > 0, "the test must move drugs");
    sim_world_free(&w);
    free(row);
    scenario_free(&sc);
}

static void test_no_interdiction(void)
{
    const char *off[] = {"interdiction.transit_zone.seizure=0", "interdiction.seaport.seizure=0", "interdiction.port_of_entry.seizure=0",
                         "interdiction.between_ports.seizure=0", "interdiction.domestic.seizure=0", NULL};
    Scenario sc;
    test_scenario(&sc, BASE, off);
    double *d = test_run(&sc, 2);
    double seized = 0, delivered = 0;
    for (int r = 0; r < 2; r++)
        for (int t = 0; t < sc.n_ticks; t++)
            for (int k = 0; k < N_PRODUCTS; k++) {
                seized += test_value(&sc, d, r, t, M_SEIZED, k);
                delivered += test_value(&sc, d, r, t, M_DELIVERED, k);
            }
    CHECK(seized == 0.0 && delivered > 0, "no interdiction: seized %g kg (must be 0), delivered %g", seized, delivered);
    free(d);
    scenario_free(&sc);
}

/* Mean over replicates and the ticks of [from, to) of a slot. */
static double window(const Scenario *sc, const double *d, MetricId m, int k, int from, int to)
{
    double s = 0;
    const int R = (int)PV(&sc->base, P_SIM_REPLICATES);
    for (int r = 0; r < R; r++)
        for (int t = from; t < to; t++)
            s += test_value(sc, d, r, t, m, k);
    return s / (R * (to - from));
}

static double window_sum(const Scenario *sc, const double *d, MetricId m, int from, int to)
{
    double s = 0;
    for (int k = 0; k < metrics_width(&sc->layout, m); k++)
        s += window(sc, d, m, k, from, to);
    return s;
}

/* BASE without a policy, the comparison run of the surge and balloon tests: run once. */
static Scenario base_sc;
static double *base_data;

static void run_base(void)
{
    test_scenario(&base_sc, BASE, NULL);
    base_data = test_run(&base_sc, 2);
}

static void test_interdiction_surge(void)
{
    char text[1024];
    snprintf(text, sizeof text, "%s policy = ( { at = \"2004-01\"; set = { interdiction.transit_zone.budget = 3.0; "
                                "interdiction.port_of_entry.budget = 3.0; }; } );\n", BASE);
    const Scenario *a = &base_sc;
    const double *da = base_data;
    Scenario b;
    test_scenario(&b, text, NULL);
    double *db = test_run(&b, 2);
    const int t0 = tick_of(a, "2006-01"), t1 = a->n_ticks;
    const double wa = window(a, da, M_WHOLESALE, DRUG_COCAINE, t0, t1), wb = window(&b, db, M_WHOLESALE, DRUG_COCAINE, t0, t1);
    const double ra = window(a, da, M_RETAIL_PRICE, DRUG_COCAINE, t0, t1), rb = window(&b, db, M_RETAIL_PRICE, DRUG_COCAINE, t0, t1);
    const double ca = window(a, da, M_CONSUMPTION, DRUG_COCAINE, t0, t1), cb = window(&b, db, M_CONSUMPTION, DRUG_COCAINE, t0, t1);
    const double va = window_sum(a, da, M_REVENUE, t0, t1), vb = window_sum(&b, db, M_REVENUE, t0, t1);
    printf("interdiction x3 from 2004 (2006-09): cocaine wholesale %.0f -> %.0f $/kg, retail %.1f -> %.1f $/g, "
           "consumption %.0f -> %.0f kg/week, cartel revenue %.3g -> %.3g $/week\n", wa, wb, ra, rb, ca, cb, va, vb);
    CHECK(wb > 1.05 * wa, "wholesale price should rise");
    CHECK(rb > ra, "retail price should rise");
    CHECK(cb < ca, "consumption should fall");
    CHECK((rb / ra - 1) < 0.5 * (wb / wa - 1), "retail moves much less than wholesale (smuggling is a small share of retail)");
    CHECK(vb > va, "with |elasticity| < 1 cartel revenue rises");
    free(db);
    scenario_free(&b);
}

static void test_balloon(void)
{
    const Scenario *a = &base_sc;
    const double *da = base_data;
    const int t0 = tick_of(a, "2005-01"), t1 = a->n_ticks;
    int top = 0;
    for (int x = 1; x < a->geo.n_crossings; x++)
        if (window(a, da, M_CROSSING_SHARE, x, t0, t1) > window(a, da, M_CROSSING_SHARE, top, t0, t1))
            top = x;
    char text[1024], focus[64];
    snprintf(focus, sizeof focus, "interdiction.focus.crossing=%d", top);
    snprintf(text, sizeof text, "%s policy = ( { at = \"2003-01\"; set = { interdiction.focus.multiplier = 30.0; }; } );\n", BASE);
    const char *sets[] = {focus, NULL};
    Scenario b;
    test_scenario(&b, text, sets);
    double *db = test_run(&b, 2);
    const double sa = window(a, da, M_CROSSING_SHARE, top, t0, t1), sb = window(&b, db, M_CROSSING_SHARE, top, t0, t1);
    const double del_a = window(a, da, M_DELIVERED, PR_COCAINE, t0, t1), del_b = window(&b, db, M_DELIVERED, PR_COCAINE, t0, t1);
    printf("balloon: effort x30 at %s: its share %.3f -> %.3f; cocaine delivered %.0f -> %.0f kg/week (%.1f%%)\n",
           a->geo.crossings[top].id, sa, sb, del_a, del_b, 100 * (del_b / del_a - 1));
    CHECK(sb < 0.5 * sa, "volume should leave the targeted crossing");
    CHECK(1 - del_b / del_a < sa, "total delivered falls less than the crossing's share");
    free(db);
    scenario_free(&b);
}

static void test_precursors_and_fentanyl(void)
{
    char text_a[1024], text_b[1024], text_c[1024];
    snprintf(text_a, sizeof text_a, "%s supply.precursor.fentanyl_capacity = 60.0;\n", BASE);
    snprintf(text_b, sizeof text_b, "%s supply.precursor.fentanyl_capacity = 60.0;\n"
                                    "policy = ( { at = \"2003-01\"; set = { supply.precursor.control = 0.8; }; } );\n", BASE);
    snprintf(text_c, sizeof text_c, "%s supply.precursor.fentanyl_capacity = 60.0;\n"
                                    "policy = ( { at = \"2003-01\"; set = { supply.heroin.eradication = 0.98; }; } );\n", BASE);
    Scenario a, b, c;
    test_scenario(&a, text_a, NULL);
    test_scenario(&b, text_b, NULL);
    test_scenario(&c, text_c, NULL);
    double *da = test_run(&a, 2), *db = test_run(&b, 2), *dc = test_run(&c, 2);
    const int t0 = tick_of(&a, "2005-01"), t1 = a.n_ticks;
    const double ma = window(&a, da, M_DELIVERED, PR_METH, t0, t1), mb = window(&b, db, M_DELIVERED, PR_METH, t0, t1);
    const double pa = window(&a, da, M_RETAIL_PRICE, DRUG_METH, t0, t1), pb = window(&b, db, M_RETAIL_PRICE, DRUG_METH, t0, t1);
    const double fa = window(&a, da, M_FENTANYL_SHARE, DRUG_OPIOIDS, t0, t1), fc = window(&c, dc, M_FENTANYL_SHARE, DRUG_OPIOIDS, t0, t1);
    printf("precursor control 0.8: meth delivered %.0f -> %.0f kg/week, retail %.0f -> %.0f $/g; "
           "poppy eradication 0.98: fentanyl share %.3f -> %.3f\n", ma, mb, pa, pb, fa, fc);
    CHECK(mb < 0.5 * ma, "precursor control should cut synthetic supply");
    CHECK(pb > pa, "precursor control should raise the synthetic price");
    CHECK(fc > fa + 0.1, "squeezing plant-based opioids should raise the fentanyl share");
    free(da);
    free(db);
    free(dc);
    scenario_free(&a);
    scenario_free(&b);
    scenario_free(&c);
}

int main(void)
{
    test_traps();
    test_mass_balance();
    test_no_interdiction();
    run_base();
    test_interdiction_surge();
    test_balloon();
    free(base_data);
    scenario_free(&base_sc);
    test_precursors_and_fentanyl();
    return test_done("test_supply");
}
