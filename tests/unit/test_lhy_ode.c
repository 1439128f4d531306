/* test_lhy_ode.c: at a large scale, the agent-based demand model follows the LHY ordinary
 * differential equations (Behrens et al. 1999, 2000) that it implements:
 *     dL/dt = tau + s L exp(-q H / L) - (a + b) L,     dH/dt = b L - g H,
 * solved here with GSL's odeiv2 (Runge-Kutta-Fehlberg 4(5), relative tolerance 1e-8). Set-up: the
 * published US cocaine fit (tau, s, q, a, b, g of Behrens et al. 2000) from the 2000 user counts,
 * no treatment, no overdoses, constant prices, other drugs absent; 25 years. (From their 1970 state,
 * without the memory term, these values grow without bound, in the ODE as in the agents.)
 * Tolerance: the replicate mean must lie within 1 % of the ODE plus 4 standard errors of that mean,
 * every year. The 1 % allows for initiation being drawn weekly from the state at the start of the week. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

#include "testutil.h"

typedef struct Lhy {
    double tau, s, q, a, b, g;
} Lhy;

static int lhy_rhs(double t, const double y[], double f[], void *params)
{
    (void)t;
    const Lhy *m = params;
    const double L = y[0], H = y[1];
    const double I = m->tau + (L > 0 ? m->s * L * exp(-m->q * H / L) : 0.0);
    f[0] = I - (m->a + m->b) * L;
    f[1] = m->b * L - m->g * H;
    return GSL_SUCCESS;
}

int main(void)
{
    test_traps();
    const char *text = "name = \"lhy\";\n"
                       "sim = { start = \"2000-01\"; end = \"2024-12\"; replicates = 6; seed = 3; agent_scale = 20.0; };\n"
                       "demand = {\n"
                       "  cannabis = { light0 = 0.0; heavy0 = 0.0; innovators = 0.0; };\n"
                       "  opioids = { light0 = 0.0; heavy0 = 0.0; innovators = 0.0; };\n"
                       "  methamphetamine = { light0 = 0.0; heavy0 = 0.0; innovators = 0.0; };\n"
                       "  cocaine = { light0 = 3.035e6; heavy0 = 2.707e6; innovators = 5.0e4; imitation = 0.61;\n"
                       "              deterrence = 3.443; light_quit = 0.163; escalation = 0.024; heavy_quit = 0.062;\n"
                       "              od_rate = 0.0; treatment_seek = 0.0; };\n"
                       "  treatment = { capacity = 0.0; };\n"
                       "};\n";
    Scenario sc;
    test_scenario(&sc, text, NULL);
    double *d = test_run(&sc, 2);
    const Params *p = &sc.base;
    Lhy m = {PD(p, P_DEM_TAU, DRUG_COCAINE), PD(p, P_DEM_S, DRUG_COCAINE), PD(p, P_DEM_Q, DRUG_COCAINE),
             PD(p, P_DEM_A, DRUG_COCAINE),   PD(p, P_DEM_B, DRUG_COCAINE), PD(p, P_DEM_G, DRUG_COCAINE)};
    gsl_odeiv2_system sys = {lhy_rhs, NULL, 2, &m};
    gsl_odeiv2_driver *drv = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rkf45, 1e-3, 1e-8, 1e-8);
    double y[2] = {PD(p, P_DEM_LIGHT0, DRUG_COCAINE), PD(p, P_DEM_HEAVY0, DRUG_COCAINE)}, t = 0;
    const int R = (int)PV(p, P_SIM_REPLICATES);
    double worst = 0;
    for (int tick = 52; tick < sc.n_ticks; tick += 52) {
        /* The metrics at tick k describe the state at the end of week k, time (k + 1) weeks. */
        const double t_years = (tick + 1) / WEEKS_PER_YEAR;
        const int status = gsl_odeiv2_driver_apply(drv, &t, t_years, y);
        CHECK(status == GSL_SUCCESS, "odeiv2 failed: %s", gsl_strerror(status));
        const MetricId ms[2] = {M_USERS_LIGHT, M_USERS_HEAVY};
        for (int k = 0; k < 2; k++) {
            double sum = 0, sum2 = 0;
            for (int r = 0; r < R; r++) {
                const double v = test_value(&sc, d, r, tick, ms[k], DRUG_COCAINE);
                sum += v;
                sum2 += v * v;
            }
            const double mean = sum / R, sd = sqrt(fmax(sum2 / R - mean * mean, 0) * R / (R - 1));
            const double tol = 0.01 * y[k] + 4.0 * sd / sqrt(R);
            const double rel = fabs(mean - y[k]) / y[k];
            worst = fmax(worst, rel);
            CHECK(fabs(mean - y[k]) < tol, "%s users in year %.1f: agents %.0f, ODE %.0f (tolerance %.0f)",
                  k ? "heavy" : "light", 2000 + t_years, mean, y[k], tol);
        }
        if (tick % (5 * 52) == 0)
            printf("year %.1f: light %.0f (ODE %.0f), heavy %.0f (ODE %.0f)\n", 2000 + t_years,
                   test_tick_mean(&sc, d, M_USERS_LIGHT, DRUG_COCAINE, tick), y[0],
                   test_tick_mean(&sc, d, M_USERS_HEAVY, DRUG_COCAINE, tick), y[1]);
    }
    printf("largest relative deviation of the replicate mean from the ODE: %.3f%%\n", 100 * worst);
    gsl_odeiv2_driver_free(drv);
    free(d);
    scenario_free(&sc);
    return test_done("test_lhy_ode");
}
