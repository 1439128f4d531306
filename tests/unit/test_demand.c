/* test_demand.c: properties of the US demand mechanism (model.md 4.1) that fail if it is wrong:
 * people are conserved every tick; treatment occupancy never exceeds capacity and no slot is idle
 * while people wait; more treatment -> fewer heavy users and overdose deaths; a price rise cuts
 * consumption by the configured elasticity; more naloxone -> fewer deaths; regulated cannabis ->
 * less illicit cannabis spending. Policy comparisons use the same seed (common random numbers). */
#include "testutil.h"

/* A 2000-2015 world at a coarse scale: fast, and the effects tested are large. */
static const char *BASE = "name = \"t\";\n"
                          "sim = { start = \"2000-01\"; end = \"2015-12\"; replicates = 3; seed = 11; agent_scale = 400.0; };\n"
                          "history = (\n"
                          "  { at = \"2008-01\"; set = { market.opioids.fentanyl_share = 0.4; }; },\n"
                          "  { at = \"2012-01\"; set = { market.opioids.fentanyl_share = 0.8; }; }\n"
                          ");\n";

/* BASE without a policy, the comparison run of several tests: run once (its replicates do not depend
 * on the number of threads, test_rng.c). */
static Scenario base_sc;
static double *base_data;

static void run_base(void)
{
    test_scenario(&base_sc, BASE, NULL);
    base_data = test_run(&base_sc, 2);
}

static void test_conservation_and_capacity(void)
{
    /* Capacity cut to a third in 2004, then raised: the cut forces discharges and a queue. */
    const char *text = "name = \"c\";\n"
                       "sim = { start = \"2000-01\"; end = \"2009-12\"; replicates = 2; seed = 5; agent_scale = 400.0; };\n"
                       "policy = ( { at = \"2004-01\"; set = { demand.treatment.capacity = 2.5e5; }; },\n"
                       "           { at = \"2007-01\"; set = { demand.treatment.capacity = 1.5e6; }; } );\n";
    Scenario sc;
    test_scenario(&sc, text, NULL);
    double *d = test_run(&sc, 2);
    const double s = PV(&sc.base, P_SIM_AGENT_SCALE);
    int queue_seen = 0, conserved = 1, capacity_ok = 1, work_conserving = 1;
    for (int r = 0; r < 2; r++) {
        for (int g = 0; g < N_DRUGS; g++) {
            double prev = (double)(lround(PD(&sc.base, P_DEM_LIGHT0, g) / s) + lround(PD(&sc.base, P_DEM_HEAVY0, g) / s)) * s;
            for (int t = 0; t < sc.n_ticks; t++) {
                const double stock = test_value(&sc, d, r, t, M_USERS_LIGHT, g) + test_value(&sc, d, r, t, M_USERS_HEAVY, g) +
                                     test_value(&sc, d, r, t, M_IN_TREATMENT, g) + test_value(&sc, d, r, t, M_RECOVERED, g);
                const double in = test_value(&sc, d, r, t, M_INITIATIONS, g);
                const double out = test_value(&sc, d, r, t, M_QUITS, g) + test_value(&sc, d, r, t, M_OD_DEATHS, g) +
                                   test_value(&sc, d, r, t, M_LASTING, g);
                if (stock != prev + in - out && conserved) {
                    CHECK(stock == prev + in - out, "replicate %d drug %s tick %d: stock %.0f != %.0f + %.0f - %.0f", r,
                          drugs_names[g], t, stock, prev, in, out);
                    conserved = 0;
                }
                prev = stock;
            }
        }
        for (int t = 0; t < sc.n_ticks; t++) {
            const double occ = test_value(&sc, d, r, t, M_TREAT_OCCUPANCY, 0), cap = test_value(&sc, d, r, t, M_TREAT_CAPACITY, 0);
            double queue = 0;
            for (int g = 0; g < N_DRUGS; g++)
                queue += test_value(&sc, d, r, t, M_TREAT_QUEUE, g);
            queue_seen |= queue > 0;
            if (occ > cap && capacity_ok) {
                CHECK(occ <= cap, "replicate %d tick %d: occupancy %.0f > capacity %.0f", r, t, occ, cap);
                capacity_ok = 0;
            }
            /* Nobody waits while a whole slot is free. */
            if (queue > 0 && occ + s <= cap && work_conserving) {
                CHECK(!(queue > 0 && occ + s <= cap), "replicate %d tick %d: %.0f waiting, %.0f of %.0f slots used", r, t, queue,
                      occ, cap);
                work_conserving = 0;
            }
        }
    }
    CHECK(queue_seen, "the capacity cut should create a waiting list");
    free(d);
    scenario_free(&sc);
}

static void test_treatment_capacity(void)
{
    const char *more[] = {"demand.treatment.capacity=2.25e6", NULL};
    const Scenario *a = &base_sc;
    const double *da = base_data;
    Scenario b;
    test_scenario(&b, BASE, more);
    double *db = test_run(&b, 2);
    const int t = a->n_ticks - 1;
    double heavy_a = 0, heavy_b = 0;
    for (int g = 0; g < N_DRUGS; g++) {
        heavy_a += test_tick_mean(a, da, M_USERS_HEAVY, g, t) + test_tick_mean(a, da, M_IN_TREATMENT, g, t);
        heavy_b += test_tick_mean(&b, db, M_USERS_HEAVY, g, t) + test_tick_mean(&b, db, M_IN_TREATMENT, g, t);
    }
    double od_a = 0, od_b = 0;
    for (int y = 2005; y <= 2015; y++) {
        od_a += test_year_mean(a, da, M_OD_DEATHS, y);
        od_b += test_year_mean(&b, db, M_OD_DEATHS, y);
    }
    printf("treatment x3: heavy users 2015 %.0f -> %.0f, overdose deaths 2005-15 %.0f -> %.0f\n", heavy_a, heavy_b, od_a, od_b);
    CHECK(heavy_b < 0.99 * heavy_a, "tripling treatment should cut heavy users (treatment included) by more than 1%%: %.0f vs %.0f", heavy_b, heavy_a);
    CHECK(od_b < 0.97 * od_a, "tripling treatment should cut overdose deaths: %.0f vs %.0f", od_b, od_a);
    free(db);
    scenario_free(&b);
}

static void test_price_elasticity(void)
{
    const char *text_a = BASE;
    char text_b[2048];
    snprintf(text_b, sizeof text_b, "%s policy = ( { at = \"2005-01\"; set = { market.cocaine.retail_price = 320.0; "
                                    "market.methamphetamine.retail_price = 400.0; }; } );\n",
             BASE);
    /* The ratio is read in the first week of the change: the runs stop at the end of that year. */
    const char *el[] = {"demand.cocaine.elasticity=-0.5", "demand.methamphetamine.elasticity=-1.2", "sim.end=2005-12", NULL};
    Scenario a, b;
    test_scenario(&a, text_a, el);
    test_scenario(&b, text_b, el);
    double *da = test_run(&a, 2), *db = test_run(&b, 2);
    const int t = tick_of(&a, "2005-01");
    const struct { int drug; double e; } cases[] = {{DRUG_COCAINE, -0.5}, {DRUG_METH, -1.2}};
    for (int k = 0; k < 2; k++) {
        const int g = cases[k].drug;
        const double ratio = test_tick_mean(&b, db, M_CONSUMPTION, g, t) / test_tick_mean(&a, da, M_CONSUMPTION, g, t);
        const double expect = pow(2.0, cases[k].e);
        printf("price x2, %s: consumption ratio %.4f, expected %.4f (elasticity %.1f)\n", drugs_names[g], ratio, expect, cases[k].e);
        CHECK(fabs(ratio / expect - 1) < 0.10, "%s: ratio %.4f not within 10%% of %.4f", drugs_names[g], ratio, expect);
        /* Before the change the two runs are the same run. */
        CHECK(test_value(&a, da, 0, t - 1, M_CONSUMPTION, g) == test_value(&b, db, 0, t - 1, M_CONSUMPTION, g),
              "common random numbers: identical before the change");
    }
    free(da);
    free(db);
    scenario_free(&a);
    scenario_free(&b);
}

static void test_naloxone(void)
{
    char text_b[2048];
    snprintf(text_b, sizeof text_b, "%s policy = ( { at = \"2010-01\"; set = { demand.naloxone.coverage = 0.8; }; } );\n", BASE);
    const Scenario *a = &base_sc;
    const double *da = base_data;
    Scenario b;
    test_scenario(&b, text_b, NULL);
    double *db = test_run(&b, 2);
    double od_a = 0, od_b = 0;
    for (int y = 2010; y <= 2015; y++) {
        od_a += test_year_mean(a, da, M_OD_DEATHS, y);
        od_b += test_year_mean(&b, db, M_OD_DEATHS, y);
    }
    const double expect = 1 - 0.8 * PV(&a->base, P_DEM_NALOXONE_EFFICACY);
    printf("naloxone 0.8: overdose deaths 2010-15 %.0f -> %.0f (ratio %.3f, hazard ratio %.3f)\n", od_a, od_b, od_b / od_a, expect);
    CHECK(od_b < od_a, "more naloxone should mean fewer deaths");
    /* The death hazard falls by the factor; survivors add a little back: ratio a bit above it. */
    CHECK(od_b / od_a > expect - 0.05 && od_b / od_a < expect + 0.15, "ratio %.3f far from hazard ratio %.3f", od_b / od_a, expect);
    free(db);
    scenario_free(&b);
}

static void test_regulated_cannabis(void)
{
    char text_b[2048];
    snprintf(text_b, sizeof text_b, "%s policy = ( { at = \"2008-01\"; set = { demand.cannabis.legal_target = 0.7; }; } );\n", BASE);
    const Scenario *a = &base_sc;
    const double *da = base_data;
    Scenario b;
    test_scenario(&b, text_b, NULL);
    double *db = test_run(&b, 1);
    const int t = a->n_ticks - 1;
    const double ill_a = test_tick_mean(a, da, M_ILLICIT_SPENDING, DRUG_CANNABIS, t);
    const double ill_b = test_tick_mean(&b, db, M_ILLICIT_SPENDING, DRUG_CANNABIS, t);
    const double tot_b = test_tick_mean(&b, db, M_SPENDING, DRUG_CANNABIS, t);
    const double share = test_tick_mean(&b, db, M_CANNABIS_LEGAL_SHARE, 0, t);
    /* After 8 years with a 3-year time constant the legal share is 0.7 (1 - e^-8/3) = 0.65. */
    printf("regulated cannabis: illicit spending %.3g -> %.3g US$/week, legal share %.3f\n", ill_a, ill_b, share);
    CHECK(fabs(share - 0.7 * (1 - exp(-8.0 / 3.0))) < 0.01, "legal share %.3f", share);
    CHECK(fabs(ill_b - tot_b * (1 - share)) < 1e-6 * tot_b, "illicit = total x (1 - legal share)");
    CHECK(ill_b < 0.45 * ill_a, "illicit cannabis spending should fall by more than half: %.3g vs %.3g", ill_b, ill_a);
    CHECK(test_tick_mean(a, da, M_ILLICIT_SPENDING, DRUG_COCAINE, t) == test_tick_mean(&b, db, M_ILLICIT_SPENDING, DRUG_COCAINE, t),
          "cannabis legalisation leaves cocaine untouched (no cross-drug link yet)");
    free(db);
    scenario_free(&b);
}

int main(void)
{
    test_traps();
    test_conservation_and_capacity();
    run_base();
    test_treatment_capacity();
    test_price_elasticity();
    test_naloxone();
    test_regulated_cannabis();
    free(base_data);
    scenario_free(&base_sc);
    return test_done("test_demand");
}
