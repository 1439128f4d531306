/* interdiction.c: interdiction forces (see interdiction.h).
 *
 * On edge e of class c a load of product k is seized with probability
 *     1 - (1 - p_c)^(budget_c x effort_e x detectability_k x focus_e),
 * where focus_e is interdiction.focus.multiplier on the focus crossing; at ports of entry busy ports
 * hide loads in legal traffic (x (1 / (crossings x traffic share))^traffic_hiding); on Mexican
 * roads and seaports the protection the plaza's controller has bought (finance.c) makes officials
 * look away (x (1 - corruption.detection x protection)). Every adapt_weeks the forces of each class
 * re-allocate effort toward edges with recent seizures:
 *     effort_e <- min((1 - adapt) effort_e + adapt n (hot_e + EFFORT_PRIOR) / (hot + n EFFORT_PRIOR), max_focus)
 * (adaptive forces, which with the traffickers' learning produce the balloon effect). */
#include "interdiction.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

/* Seizures credited to every edge of a class at each re-allocation: a prior that keeps edges without
 * recent seizures in the forces' sight, so effort is re-spread, not withdrawn, from quiet edges. */
#define EFFORT_PRIOR 0.5
/* Smallest legal-traffic share a port of entry is given (data may list a crossing with none). */
#define MIN_TRAFFIC_SHARE 1e-4

static const int detect_param[N_PRODUCTS] = {P_INT_DET_CANNABIS, P_INT_DET_COCAINE, P_INT_DET_HEROIN, P_INT_DET_METH,
                                             P_INT_DET_FENTANYL};
static const int class_p[N_EDGE_CLASSES] = {P_INT_P_TRANSIT, P_INT_P_SEAPORT, P_INT_P_POE, P_INT_P_BETWEEN,
                                            P_INT_P_DOMESTIC};
static const int class_budget[N_EDGE_CLASSES] = {P_INT_B_TRANSIT, P_INT_B_SEAPORT, P_INT_B_POE, P_INT_B_BETWEEN,
                                                 P_INT_B_DOMESTIC};

int interdiction_init(World *w, Error *err)
{
    Interdiction *d = &w->interdiction;
    const Geography *g = &w->sc->geo;
    memset(d, 0, sizeof *d);
    d->n_edges = g->n_edges;
    const size_t n = (size_t)(g->n_edges > 0 ? g->n_edges : 1);
    d->effort = malloc(sizeof(double) * n);
    d->hot = calloc(n, sizeof(double));
    if (!d->effort || !d->hot)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for interdiction effort");
    for (int e = 0; e < g->n_edges; e++)
        d->effort[e] = 1.0;
    return CS_OK;
}

double interdiction_seizure_prob(const World *w, int e, int k)
{
    const Params *p = &w->p;
    const Geography *g = &w->sc->geo;
    const GeoEdge *E = &g->edges[e];
    double x = PV(p, class_budget[E->cls]) * w->interdiction.effort[e] * PV(p, detect_param[k]);
    if (E->cls == EC_SEAPORT || E->cls == EC_DOMESTIC) /* Mexican enforcement rests on cooperation (uspolicy.c) */
        x *= uspolicy_cooperation_factor(w);
    if (E->crossing >= 0 && E->crossing == (int)PV(p, P_INT_FOCUS_CROSSING))
        x *= PV(p, P_INT_FOCUS_MULT);
    if (E->cls == EC_BETWEEN_PORTS) /* the Border Patrol's presence between ports (border.c) */
        x *= border_drug_factor(&w->border);
    if (E->cls == EC_PORT_OF_ENTRY) { /* busy ports hide loads in legal traffic */
        const double share = fmax(g->crossings[E->crossing].traffic_share, MIN_TRAFFIC_SHARE);
        x *= pow(1.0 / (g->n_crossings * share), PV(p, P_INT_TRAFFIC_HIDE));
    }
    if ((E->cls == EC_DOMESTIC || E->cls == EC_SEAPORT) && E->to < g->n_plazas) {
        /* Mexican police and port officials bribed by the plaza's controller look away. */
        const int o = w->orgs.owner[E->to];
        if (o >= 0)
            x *= 1 - PV(p, P_ORG_BRIBE_DETECT) * w->finance.protection[o];
    }
    return 1.0 - pow(1.0 - PV(p, class_p[E->cls]), x);
}

/* Re-allocate each class's effort toward recent hot-spots (the mean within a class stays at most 1;
 * no edge gets more than interdiction.max_focus times it). */
static void reallocate(World *w)
{
    const Geography *g = &w->sc->geo;
    Interdiction *d = &w->interdiction;
    const double alpha = PV(&w->p, P_INT_ADAPT), eps = EFFORT_PRIOR;
    for (int c = 0; c < N_EDGE_CLASSES; c++) {
        double hot = 0;
        int n = 0;
        for (int e = 0; e < g->n_edges; e++)
            if (g->edges[e].cls == (EdgeClass)c)
                hot += d->hot[e], n++;
        if (n == 0)
            continue;
        for (int e = 0; e < g->n_edges; e++)
            if (g->edges[e].cls == (EdgeClass)c)
                d->effort[e] = fmin((1 - alpha) * d->effort[e] + alpha * n * (d->hot[e] + eps) / (hot + n * eps),
                                    PV(&w->p, P_INT_MAX_FOCUS));
    }
    memset(d->hot, 0, sizeof(double) * (size_t)g->n_edges);
}

void interdiction_step(World *w)
{
    Interdiction *d = &w->interdiction;
    /* The forces re-allocate at the end of every adapt_weeks-th week, so before the loads of the next. */
    if (w->tick > 0 && w->tick % (int)PV(&w->p, P_INT_ADAPT_WEEKS) == 0)
        reallocate(w);
    memset(d->seized_g, 0, sizeof d->seized_g);
}

void interdiction_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Interdiction *d = &w->interdiction;
    static const MetricId by_class[N_EDGE_CLASSES] = {M_SEIZED_TRANSIT, M_SEIZED_SEAPORT, M_SEIZED_POE, M_SEIZED_BETWEEN,
                                                      M_SEIZED_DOMESTIC};
    for (int k = 0; k < N_PRODUCTS; k++) {
        int64_t all = 0;
        for (int c = 0; c < N_EDGE_CLASSES; c++) {
            row[metrics_offset(L, by_class[c]) + k] = (double)d->seized_g[c][k] / 1000.0;
            all += d->seized_g[c][k];
        }
        row[metrics_offset(L, M_SEIZED) + k] = (double)all / 1000.0;
    }
}

void interdiction_free(World *w)
{
    free(w->interdiction.effort);
    free(w->interdiction.hot);
    memset(&w->interdiction, 0, sizeof w->interdiction);
}
