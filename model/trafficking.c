/* trafficking.c: routes, shipments and interdiction (model.md 4.3).
 *
 * Routes: for each start (the three transit corridors entered from the Andes for cocaine; an
 * organisation's growing plaza or laboratory otherwise) the shortest road path to every US crossing,
 * ending through the port of entry or between ports: 2 x 22 candidate routes per start.
 * Choice: each load picks a route by a multinomial logit over its cost as a share of the load's value,
 *     cost = transport_cost x km/1000 + transit_fee x (plazas of non-allies) + expected loss,
 * where the expected loss uses the traffickers' remembered seizure probability per edge, an
 * exponentially weighted average of what they saw (NarcoLogic: Magliocca et al. 2019).
 * Seizure: on edge e of class c a load of product k is seized with probability
 *     1 - (1 - p_c)^(budget_c x effort_e x detectability_k x focus_e),
 * less, on Mexican roads and seaports, the protection the plaza's controller has bought (cartels.c),
 * drawn with one uniform per load along its path. Interdiction forces re-allocate each class's effort
 * toward edges with recent seizures every adapt_weeks (adaptive forces, which with the traffickers'
 * learning produce the balloon effect). Everything is counted in integer grams. */
#include "trafficking.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "market.h"
#include "metrics.h"
#include "sim.h"

static const int load_param[N_PRODUCTS] = {P_TRF_LOAD_CANNABIS, P_TRF_LOAD_COCAINE, P_TRF_LOAD_HEROIN, P_TRF_LOAD_METH,
                                           P_TRF_LOAD_FENTANYL};
static const int detect_param[N_PRODUCTS] = {P_INT_DET_CANNABIS, P_INT_DET_COCAINE, P_INT_DET_HEROIN, P_INT_DET_METH,
                                             P_INT_DET_FENTANYL};
static const int class_p[N_EDGE_CLASSES] = {P_INT_P_TRANSIT, P_INT_P_SEAPORT, P_INT_P_POE, P_INT_P_BETWEEN,
                                            P_INT_P_DOMESTIC};
static const int class_budget[N_EDGE_CLASSES] = {P_INT_B_TRANSIT, P_INT_B_SEAPORT, P_INT_B_POE, P_INT_B_BETWEEN,
                                                 P_INT_B_DOMESTIC};

/* Seizure probability of a load of product k on edge e under the current levers. */
static double seizure_prob(const World *w, const Params *p, int e, int k)
{
    const GeoEdge *E = &w->sc->geo.edges[e];
    double x = PV(p, class_budget[E->cls]) * w->traffic.effort[e] * PV(p, detect_param[k]);
    if (E->crossing >= 0 && E->crossing == (int)PV(p, P_INT_FOCUS_CROSSING))
        x *= PV(p, P_INT_FOCUS_MULT);
    if (E->cls == EC_PORT_OF_ENTRY) { /* busy ports hide loads in legal traffic */
        const Geography *g = &w->sc->geo;
        const double share = fmax(g->crossings[E->crossing].traffic_share, 1e-4);
        x *= pow(1.0 / (g->n_crossings * share), PV(p, P_INT_TRAFFIC_HIDE));
    }
    if ((E->cls == EC_DOMESTIC || E->cls == EC_SEAPORT) && E->to < w->sc->geo.n_plazas) {
        /* Mexican police and port officials bribed by the plaza's controller look away. */
        const int o = w->cartels.owner[E->to];
        if (o >= 0)
            x *= 1 - PV(p, P_ORG_BRIBE_DETECT) * w->cartels.org[o].protection;
    }
    return 1.0 - pow(1.0 - PV(p, class_p[E->cls]), x);
}

/* Shortest paths (km) from start over plazas; external nodes other than the start are not crossed. */
static void dijkstra(const Geography *g, int start, double *dist, int *via)
{
    char *done = calloc((size_t)g->n_nodes, 1);
    for (int v = 0; v < g->n_nodes; v++)
        dist[v] = INFINITY, via[v] = -1;
    dist[start] = 0;
    for (;;) {
        int u = -1;
        for (int v = 0; v < g->n_nodes; v++)
            if (!done[v] && isfinite(dist[v]) && (u < 0 || dist[v] < dist[u]))
                u = v;
        if (u < 0)
            break;
        done[u] = 1;
        if (u != start && u >= g->n_plazas)
            continue;
        for (int e = g->out_start[u]; e < g->out_start[u + 1]; e++) {
            const GeoEdge *E = &g->edges[e];
            if (E->to == g->node_us || (E->to >= g->n_plazas && E->to != start))
                continue;
            if (dist[u] + E->km < dist[E->to]) {
                dist[E->to] = dist[u] + E->km;
                via[E->to] = e;
            }
        }
    }
    free(done);
}

/* Build the routes from `start`, each prefixed by edge `prefix` (or none). */
static void build_set(World *w, RouteSet *rs, int start, int prefix)
{
    const Geography *g = &w->sc->geo;
    double *dist = malloc(sizeof(double) * (size_t)g->n_nodes);
    int *via = malloc(sizeof(int) * (size_t)g->n_nodes), *stack = malloc(sizeof(int) * (size_t)g->n_nodes);
    dijkstra(g, start, dist, via);
    rs->start = start;
    rs->routes = calloc((size_t)g->n_crossings * 2, sizeof(Route));
    rs->n = 0;
    for (int x = 0; x < g->n_crossings; x++) {
        const int c = g->crossings[x].plaza;
        if (!isfinite(dist[c]))
            continue;
        int n = 0;
        for (int v = c; v != start; v = g->edges[via[v]].from)
            stack[n++] = via[v];
        for (int e = g->out_start[c]; e < g->out_start[c + 1]; e++) {
            const GeoEdge *E = &g->edges[e];
            if (E->to != g->node_us || E->crossing != x)
                continue;
            Route *r = &rs->routes[rs->n++];
            r->edges = malloc(sizeof(int) * (size_t)(n + 2));
            r->n_edges = 0;
            r->km = dist[c] + E->km;
            if (prefix >= 0) {
                r->edges[r->n_edges++] = prefix;
                r->km += g->edges[prefix].km;
            }
            for (int i = n - 1; i >= 0; i--)
                r->edges[r->n_edges++] = stack[i];
            r->edges[r->n_edges++] = e;
            r->crossing = x;
        }
    }
    free(dist);
    free(via);
    free(stack);
}

static int set_for_start(World *w, int start)
{
    Traffic *t = &w->traffic;
    for (int s = 0; s < t->n_sets; s++)
        if (t->sets[s].start == start)
            return s;
    t->sets = realloc(t->sets, sizeof(RouteSet) * (size_t)(t->n_sets + 1));
    build_set(w, &t->sets[t->n_sets], start, -1);
    return t->n_sets++;
}

int trafficking_init(World *w, const Params *p, Rng *rng)
{
    (void)rng;
    const Geography *g = &w->sc->geo;
    Traffic *t = &w->traffic;
    memset(t, 0, sizeof *t);
    const int n_orgs = w->cartels.cap;
    /* Cocaine corridors: every transit node the Andes reach, entered through its edge. */
    const int andes = geography_external(g, "andes");
    int corridors = 0;
    if (andes >= 0)
        for (int e = g->out_start[andes]; e < g->out_start[andes + 1]; e++) {
            t->sets = realloc(t->sets, sizeof(RouteSet) * (size_t)(t->n_sets + 1));
            build_set(w, &t->sets[t->n_sets], g->edges[e].to, e);
            t->sets[t->n_sets].start = -1 - t->n_sets; /* never matched as a plaza start */
            t->n_sets++;
            corridors++;
        }
    t->n_corridors = corridors;
    t->org_sets = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int));
    t->org_nsets = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int));
    t->risk = malloc(sizeof(double) * (size_t)g->n_edges);
    t->effort = malloc(sizeof(double) * (size_t)g->n_edges);
    t->passed = calloc((size_t)g->n_edges, sizeof(long));
    t->caught = calloc((size_t)g->n_edges, sizeof(long));
    t->hot = calloc((size_t)g->n_edges, sizeof(double));
    for (int e = 0; e < g->n_edges; e++)
        t->effort[e] = 1.0;
    for (int e = 0; e < g->n_edges; e++) /* traffickers start out knowing the true risk for cocaine */
        t->risk[e] = seizure_prob(w, p, e, PR_COCAINE);
    t->org_delivered_g = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int64_t));
    t->crossing_value = calloc((size_t)g->n_crossings + 1, sizeof(double));
    return CS_OK;
}

void trafficking_free(World *w)
{
    Traffic *t = &w->traffic;
    for (int s = 0; s < t->n_sets; s++) {
        for (int k = 0; k < t->sets[s].n; k++)
            free(t->sets[s].routes[k].edges);
        free(t->sets[s].routes);
    }
    free(t->sets);
    free(t->org_sets);
    free(t->org_nsets);
    free(t->risk);
    free(t->effort);
    free(t->passed);
    free(t->caught);
    free(t->hot);
    free(t->org_delivered_g);
    free(t->crossing_value);
    memset(t, 0, sizeof *t);
}

/* Re-allocate each class's effort toward recent hot-spots (the mean within a class stays at most 1;
 * no edge gets more than interdiction.max_focus times it). */
static void reallocate(World *w, const Params *p)
{
    const Geography *g = &w->sc->geo;
    Traffic *t = &w->traffic;
    const double alpha = PV(p, P_INT_ADAPT), eps = 0.5;
    for (int c = 0; c < N_EDGE_CLASSES; c++) {
        double hot = 0;
        int n = 0;
        for (int e = 0; e < g->n_edges; e++)
            if (g->edges[e].cls == (EdgeClass)c)
                hot += t->hot[e], n++;
        if (n == 0)
            continue;
        for (int e = 0; e < g->n_edges; e++)
            if (g->edges[e].cls == (EdgeClass)c)
                t->effort[e] = fmin((1 - alpha) * t->effort[e] + alpha * n * (t->hot[e] + eps) / (hot + n * eps),
                                    PV(p, P_INT_MAX_FOCUS));
    }
    memset(t->hot, 0, sizeof(double) * (size_t)g->n_edges);
}

/* Value of a gram of product k at the border (US$2010). */
static double value_per_g(const World *w, const Params *p, int k)
{
    const double per_kg = w->market.wholesale[product_drug[k]];
    return (k == PR_FENTANYL ? per_kg * PV(p, P_SUP_FENT_POTENCY) : per_kg) / 1000.0;
}

void trafficking_step(World *w, const Params *p, Rng *rng, int tick)
{
    const Geography *g = &w->sc->geo;
    Traffic *t = &w->traffic;
    Cartels *c = &w->cartels;
    const int n_orgs = c->n;
    memset(t->seized_g, 0, sizeof t->seized_g);
    memset(t->delivered_g, 0, sizeof t->delivered_g);
    memset(t->org_delivered_g, 0, sizeof(int64_t) * (size_t)c->cap * N_PRODUCTS);
    memset(t->crossing_value, 0, sizeof(double) * (size_t)g->n_crossings);
    memset(t->passed, 0, sizeof(long) * (size_t)g->n_edges);
    memset(t->caught, 0, sizeof(long) * (size_t)g->n_edges);
    const double beta = PV(p, P_TRF_BETA), tc = PV(p, P_TRF_TRANSPORT), fee = PV(p, P_TRF_FEE);
    int64_t shipped[N_PRODUCTS] = {0}, seized[N_PRODUCTS] = {0};
    enum { MAX_CAND = 512 };
    double cum[MAX_CAND];
    int cand_set[MAX_CAND], cand_route[MAX_CAND];
    for (int o = 0; o < n_orgs; o++)
        for (int k = 0; k < N_PRODUCTS; k++) {
            const int slot = o * N_PRODUCTS + k;
            int64_t left = w->supply.org_g[slot];
            if (left <= 0)
                continue;
            if (k == PR_COCAINE) { /* the corridors from the Andes; otherwise routes from the origin plaza */
                t->org_sets[slot] = 0;
                t->org_nsets[slot] = t->n_corridors;
            } else {
                t->org_sets[slot] = w->supply.org_origin[slot] >= 0 ? set_for_start(w, w->supply.org_origin[slot]) : 0;
                t->org_nsets[slot] = w->supply.org_origin[slot] >= 0;
            }
            if (t->org_nsets[slot] == 0)
                continue;
            /* Logit over the candidate routes of this organisation and product. */
            int n = 0;
            double best = INFINITY, cost[MAX_CAND];
            for (int s = t->org_sets[slot]; s < t->org_sets[slot] + t->org_nsets[slot]; s++)
                for (int r = 0; r < t->sets[s].n && n < MAX_CAND; r++) {
                    const Route *R = &t->sets[s].routes[r];
                    double survive = 1;
                    int foreign = 0; /* plazas of non-allies on the way pay transit fees */
                    for (int i = 0; i < R->n_edges; i++) {
                        survive *= 1 - t->risk[R->edges[i]];
                        const int v = g->edges[R->edges[i]].to;
                        foreign += v < g->n_plazas && c->owner[v] >= 0 && !cartels_allied(c, c->owner[v], o);
                    }
                    cost[n] = tc * R->km / 1000.0 + fee * foreign + (1 - survive);
                    best = fmin(best, cost[n]);
                    cand_set[n] = s, cand_route[n] = r, n++;
                }
            double total = 0;
            for (int i = 0; i < n; i++)
                cum[i] = (total += exp(-beta * (cost[i] - best)));
            const int64_t load = (int64_t)llround(PV(p, load_param[k]) * 1000.0);
            const double vpg = value_per_g(w, p, k);
            shipped[k] += left;
            while (left > 0) {
                const int64_t grams = left < load ? left : load;
                left -= grams;
                const double u = rng_uniform(rng, RNG_TRAFFICKING) * total;
                int i = 0;
                while (i < n - 1 && cum[i] <= u)
                    i++;
                const Route *R = &t->sets[cand_set[i]].routes[cand_route[i]];
                /* One uniform decides where, if anywhere, the load is seized. */
                const double v = rng_uniform(rng, RNG_INTERDICTION);
                double survive = 1;
                int caught_at = -1;
                for (int j = 0; j < R->n_edges && caught_at < 0; j++) {
                    const int e = R->edges[j];
                    t->passed[e]++;
                    survive *= 1 - seizure_prob(w, p, e, k);
                    if (v >= survive)
                        caught_at = e;
                }
                if (caught_at >= 0) {
                    t->caught[caught_at]++;
                    t->hot[caught_at] += 1;
                    t->seized_g[g->edges[caught_at].cls][k] += grams;
                    seized[k] += grams;
                } else {
                    t->delivered_g[k] += grams;
                    t->org_delivered_g[slot] += grams;
                    t->crossing_value[R->crossing] += (double)grams * vpg;
                    c->org[o].revenue[k == PR_METH || k == PR_FENTANYL ? ACT_SYNTHETIC : ACT_TRAFFIC] +=
                        (double)grams * vpg;
                }
            }
        }
    /* Learning: traffickers' risk memory per edge and the smoothed loss rate per product. */
    const double lambda = PV(p, P_TRF_MEMORY);
    for (int e = 0; e < g->n_edges; e++)
        if (t->passed[e] > 0)
            t->risk[e] = (1 - lambda) * t->risk[e] + lambda * (double)t->caught[e] / (double)t->passed[e];
    for (int k = 0; k < N_PRODUCTS; k++)
        if (shipped[k] > 0)
            t->loss[k] = (1 - lambda) * t->loss[k] + lambda * (double)seized[k] / (double)shipped[k];
    if ((tick + 1) % (int)PV(p, P_INT_ADAPT_WEEKS) == 0)
        reallocate(w, p);
}

void trafficking_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Traffic *t = &w->traffic;
    static const MetricId by_class[N_EDGE_CLASSES] = {M_SEIZED_TRANSIT, M_SEIZED_SEAPORT, M_SEIZED_POE, M_SEIZED_BETWEEN,
                                                      M_SEIZED_DOMESTIC};
    for (int k = 0; k < N_PRODUCTS; k++) {
        int64_t all = 0;
        for (int c = 0; c < N_EDGE_CLASSES; c++) {
            row[metrics_offset(L, by_class[c]) + k] = (double)t->seized_g[c][k] / 1000.0;
            all += t->seized_g[c][k];
        }
        row[metrics_offset(L, M_SEIZED) + k] = (double)all / 1000.0;
        row[metrics_offset(L, M_DELIVERED) + k] = (double)t->delivered_g[k] / 1000.0;
        row[metrics_offset(L, M_LOSS_RATE) + k] = t->loss[k];
    }
    double total = 0;
    const int nx = w->sc->geo.n_crossings;
    for (int x = 0; x < nx; x++)
        total += t->crossing_value[x];
    for (int x = 0; x < nx && x < metrics_width(L, M_CROSSING_SHARE); x++)
        row[metrics_offset(L, M_CROSSING_SHARE) + x] = total > 0 ? t->crossing_value[x] / total : 0.0;
}
