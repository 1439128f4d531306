/* trafficking.c: routes, shipments and interdiction (model.md 4.3).
 *
 * Routes: for each start (the three transit corridors entered from the Andes for cocaine; an
 * organisation's growing plaza or laboratory otherwise) the shortest road path to every US crossing,
 * ending through the port of entry or between ports: 2 x 22 candidate routes per start.
 * Choice: each load picks a route by a multinomial logit over its cost as a share of the load's value,
 *     cost = transport_cost x km/1000 + transit_fee x (plazas of non-allies) + expected loss,
 * where the expected loss uses the traffickers' remembered seizure probability per edge, an
 * exponentially weighted average of what they saw (NarcoLogic: Magliocca et al. 2019).
 * Seizure: on each edge a load is seized with the probability the interdiction forces achieve there
 * (interdiction.c), drawn with one uniform per load along its path; the forces learn where loads are
 * seized and move effort there, the traffickers learn where they lose loads and move routes (the
 * balloon effect). An organisation whose offshoots abroad work for it (deportation.c) sees and meets a
 * lower seizure probability on the legs through Central America. Everything is counted in integer grams.
 * The routes of a set share their first edges (shortest paths from one start): the week's expected
 * survivals and counts of non-allied plazas are taken once per edge of the set's tree (RouteSet). */
#include "trafficking.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

static const int load_param[N_PRODUCTS] = {P_TRF_LOAD_CANNABIS, P_TRF_LOAD_COCAINE, P_TRF_LOAD_HEROIN, P_TRF_LOAD_METH,
                                           P_TRF_LOAD_FENTANYL};
/* Shortest paths (km) from start over plazas; external nodes other than the start are not crossed. */
static int dijkstra(const Geography *g, int start, double *dist, int *via)
{
    char *done = calloc((size_t)g->n_nodes, 1);
    if (!done)
        return 0;
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
    return 1;
}

/* The tree of a set's routes (RouteSet): every edge of a route but its last, each tree edge once; an
 * edge has the same predecessor on every route that takes it (shortest paths from one start after one
 * prefix). 0 when memory runs out. */
static int build_tree(const Geography *g, RouteSet *rs)
{
    int total = 0;
    for (int r = 0; r < rs->n; r++)
        total += rs->routes[r].n_edges;
    const size_t cap = (size_t)(total > 0 ? total : 1);
    int *index = malloc(sizeof(int) * (size_t)(g->n_edges > 0 ? g->n_edges : 1));
    rs->tedge = malloc(sizeof(int) * cap), rs->tpar = malloc(sizeof(int) * cap), rs->tplaza = malloc(sizeof(int) * cap);
    rs->tsurv = malloc(sizeof(double) * cap), rs->tforeign = malloc(sizeof(int) * cap);
    rs->tn = 0;
    rs->belief_tick = rs->foreign_tick = -1, rs->foreign_org = -1;
    const int ok = index && rs->tedge && rs->tpar && rs->tplaza && rs->tsurv && rs->tforeign;
    for (int e = 0; ok && e < g->n_edges; e++)
        index[e] = -1;
    for (int r = 0; ok && r < rs->n; r++) {
        Route *R = &rs->routes[r];
        int parent = -1;
        for (int i = 0; i < R->n_edges - 1; i++) {
            const int e = R->edges[i];
            if (index[e] < 0) {
                index[e] = rs->tn;
                rs->tedge[rs->tn] = e, rs->tpar[rs->tn] = parent;
                rs->tplaza[rs->tn] = g->edges[e].to < g->n_plazas ? g->edges[e].to : -1;
                rs->tn++;
            }
            parent = index[e];
        }
        R->tend = parent;
    }
    free(index);
    return ok;
}

/* Build the routes from `start`, each prefixed by edge `prefix` (or none); 0 when memory runs out. */
static int build_set(World *w, RouteSet *rs, int start, int prefix)
{
    const Geography *g = &w->sc->geo;
    double *dist = malloc(sizeof(double) * (size_t)g->n_nodes);
    int *via = malloc(sizeof(int) * (size_t)g->n_nodes), *stack = malloc(sizeof(int) * (size_t)g->n_nodes);
    rs->start = start;
    rs->n = 0;
    rs->pool_i = NULL, rs->pool_d = NULL, rs->pool_h = NULL;
    rs->tn = 0, rs->tedge = rs->tpar = rs->tplaza = rs->tforeign = NULL, rs->tsurv = NULL; /* build_tree */
    rs->routes = calloc((size_t)g->n_crossings * 2 + 1, sizeof(Route));
    int ok = dist && via && stack && rs->routes && dijkstra(g, start, dist, via);
    for (int x = 0; ok && x < g->n_crossings; x++) {
        const int c = g->crossings[x].plaza;
        if (!isfinite(dist[c]))
            continue;
        int n = 0;
        for (int v = c; v != start; v = g->edges[via[v]].from)
            stack[n++] = via[v];
        for (int e = g->out_start[c]; ok && e < g->out_start[c + 1]; e++) {
            const GeoEdge *E = &g->edges[e];
            if (E->to != g->node_us || E->crossing != x)
                continue;
            if (rs->n == 2 * g->n_crossings) { /* the data give each crossing two edges into the US */
                ok = 0;
                break;
            }
            Route *r = &rs->routes[rs->n];
            r->edges = malloc(sizeof(int) * (size_t)(n + 2));
            r->surv = malloc(sizeof(double) * (size_t)(n + 2));
            r->stamp_tick = -1;
            if (!r->edges || !r->surv) {
                free(r->edges);
                free(r->surv);
                ok = 0;
                break;
            }
            rs->n++;
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
    ok = ok && build_tree(g, rs);
    free(dist);
    free(via);
    free(stack);
    if (ok) { /* each route's edges, survivals and counts side by side, the routes in order: the weekly
               * loops over a set's routes then read memory in sequence */
        size_t nd = 0;
        for (int r = 0; r < rs->n; r++)
            nd += (size_t)rs->routes[r].n_edges;
        rs->pool_i = malloc(sizeof(int) * (nd ? nd : 1));
        rs->pool_d = malloc(sizeof(double) * (nd ? nd : 1));
        rs->pool_h = calloc(nd ? nd : 1, sizeof(int));
        ok = rs->pool_i && rs->pool_d && rs->pool_h;
        for (int r = 0, *pi = rs->pool_i, j = 0; ok && r < rs->n; r++) {
            Route *R = &rs->routes[r];
            memcpy(pi, R->edges, sizeof(int) * (size_t)R->n_edges);
            free(R->edges), free(R->surv);
            R->edges = pi, R->surv = rs->pool_d + j, R->hist = rs->pool_h + j;
            R->hist_used = 0;
            pi += R->n_edges, j += R->n_edges;
        }
        if (!ok) {
            free(rs->pool_i), free(rs->pool_d), free(rs->pool_h);
            rs->pool_i = NULL, rs->pool_d = NULL, rs->pool_h = NULL;
        }
    }
    return ok;
}

/* The route set from a plaza, built the first time it is asked for; -1 when memory runs out. */
static int set_for_start(World *w, int start)
{
    Traffic *t = &w->traffic;
    for (int s = 0; s < t->n_sets; s++)
        if (t->sets[s].start == start)
            return s;
    RouteSet *sets = realloc(t->sets, sizeof(RouteSet) * (size_t)(t->n_sets + 1));
    if (!sets)
        return -1;
    t->sets = sets;
    const int ok = build_set(w, &t->sets[t->n_sets], start, -1);
    t->n_sets++; /* kept even when incomplete, so that trafficking_free releases it */
    return ok ? t->n_sets - 1 : -1;
}

int trafficking_init(World *w, Error *err)
{
    const Geography *g = &w->sc->geo;
    Traffic *t = &w->traffic;
    memset(t, 0, sizeof *t);
    const int n_orgs = w->orgs.cap;
    /* Cocaine corridors: every transit node the Andes reach, entered through its edge. */
    const int andes = geography_external(g, "andes");
    int corridors = 0, corridor_routes = 0;
    if (andes >= 0)
        for (int e = g->out_start[andes]; e < g->out_start[andes + 1]; e++) {
            RouteSet *sets = realloc(t->sets, sizeof(RouteSet) * (size_t)(t->n_sets + 1));
            if (!sets)
                return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the cocaine corridors");
            t->sets = sets;
            const int ok = build_set(w, &t->sets[t->n_sets], g->edges[e].to, e);
            t->sets[t->n_sets].start = -1 - t->n_sets; /* never matched as a plaza start */
            corridor_routes += t->sets[t->n_sets].n;
            t->n_sets++;
            corridors++;
            if (!ok)
                return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the cocaine corridors");
        }
    t->n_corridors = corridors;
    /* Candidates of one organisation and product: every corridor route for cocaine, one route set otherwise. */
    t->max_cand = corridor_routes > 2 * g->n_crossings ? corridor_routes : 2 * g->n_crossings;
    const size_t mc = (size_t)(t->max_cand > 0 ? t->max_cand : 1);
    t->cand_cost = malloc(sizeof(double) * mc);
    t->cand_cum = malloc(sizeof(double) * mc);
    t->cand_set = malloc(sizeof(int) * mc);
    t->cand_route = malloc(sizeof(int) * mc);
    t->used = malloc(sizeof(Route *) * mc);
    t->org_sets = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int));
    t->org_nsets = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int));
    t->risk = malloc(sizeof(double) * (size_t)(g->n_edges > 0 ? g->n_edges : 1));
    t->q = malloc(sizeof(double) * (size_t)(g->n_edges > 0 ? g->n_edges : 1) * N_PRODUCTS);
    t->ally = calloc((size_t)(n_orgs > 0 ? n_orgs : 1), 1);
    t->ally_stamp = calloc((size_t)(n_orgs > 0 ? n_orgs : 1), sizeof(unsigned));
    t->hostile = calloc((size_t)(g->n_plazas > 0 ? g->n_plazas : 1), 1);
    t->ally_tick = -1;
    t->q_tick = malloc(sizeof(int) * (size_t)(g->n_edges > 0 ? g->n_edges : 1) * N_PRODUCTS);
    if (t->q_tick)
        for (size_t i = 0; i < (size_t)g->n_edges * N_PRODUCTS; i++)
            t->q_tick[i] = -1;
    t->passed = calloc((size_t)(g->n_edges > 0 ? g->n_edges : 1), sizeof(long));
    t->caught = calloc((size_t)(g->n_edges > 0 ? g->n_edges : 1), sizeof(long));
    t->org_delivered_g = calloc((size_t)n_orgs * N_PRODUCTS, sizeof(int64_t));
    t->crossing_value = calloc((size_t)g->n_crossings + 1, sizeof(double));
    if (!t->cand_cost || !t->cand_cum || !t->cand_set || !t->cand_route || !t->used || !t->org_sets || !t->org_nsets || !t->risk || !t->q || !t->q_tick || !t->ally || !t->ally_stamp || !t->hostile ||
        !t->passed || !t->caught || !t->org_delivered_g || !t->crossing_value)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for trafficking");
    for (int e = 0; e < g->n_edges; e++) /* traffickers start out knowing the true risk for cocaine */
        t->risk[e] = interdiction_seizure_prob(w, e, PR_COCAINE);
    return CS_OK;
}

void trafficking_free(World *w)
{
    Traffic *t = &w->traffic;
    for (int s = 0; s < t->n_sets; s++) {
        if (t->sets[s].pool_i) { /* packed (build_set) */
            free(t->sets[s].pool_i);
            free(t->sets[s].pool_d);
            free(t->sets[s].pool_h);
        } else
            for (int k = 0; k < t->sets[s].n; k++) {
                free(t->sets[s].routes[k].edges);
                free(t->sets[s].routes[k].surv);
            }
        free(t->sets[s].routes);
        free(t->sets[s].tedge), free(t->sets[s].tpar), free(t->sets[s].tplaza);
        free(t->sets[s].tsurv), free(t->sets[s].tforeign);
    }
    free(t->sets);
    free(t->cand_cost);
    free(t->cand_cum);
    free(t->cand_set);
    free(t->cand_route);
    free(t->used);
    free(t->org_sets);
    free(t->org_nsets);
    free(t->risk);
    free(t->q);
    free(t->q_tick);
    free(t->ally);
    free(t->ally_stamp);
    free(t->hostile);
    free(t->passed);
    free(t->caught);
    free(t->org_delivered_g);
    free(t->crossing_value);
    memset(t, 0, sizeof *t);
}

/* Value of a gram of product k at the border (US$2010). */
static double value_per_g(const World *w, int k)
{
    const double per_kg = w->market.wholesale[drugs_product_drug[k]];
    return (k == PR_FENTANYL ? per_kg * PV(&w->p, P_SUP_FENT_POTENCY) : per_kg) / 1000.0;
}

/* The forces' seizure probability on edge e for product k this week: it does not change within the
 * week (interdiction.c moves effort in its own step), so it is computed once, when first needed. */
static double seizure_prob(World *w, int e, int k)
{
    Traffic *t = &w->traffic;
    const size_t i = (size_t)e * N_PRODUCTS + (size_t)k;
    if (t->q_tick[i] != w->tick) {
        t->q[i] = interdiction_seizure_prob(w, e, k);
        t->q_tick[i] = w->tick;
    }
    return t->q[i];
}

/* Ship one organisation's week of product k: a logit over its candidate routes, then load by load. */
static void ship(World *w, int o, int k, int64_t *shipped, int64_t *seized)
{
    const Geography *g = &w->sc->geo;
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    Traffic *t = &w->traffic;
    const Orgs *c = &w->orgs;
    const int slot = o * N_PRODUCTS + k;
    int64_t left = w->supply.org_g[slot];
    if (left <= 0)
        return;
    if (k == PR_COCAINE) { /* the corridors from the Andes; otherwise routes from the origin plaza */
        t->org_sets[slot] = 0;
        t->org_nsets[slot] = t->n_corridors;
    } else {
        const int origin = w->supply.org_origin[slot];
        const int set = origin >= 0 ? set_for_start(w, origin) : 0;
        if (set < 0) {
            w->failure = "out of memory for the routes of a new origin";
            return;
        }
        t->org_sets[slot] = set;
        t->org_nsets[slot] = origin >= 0;
    }
    if (t->org_nsets[slot] == 0)
        return;
    /* Logit over the candidate routes of this organisation and product. */
    const double beta = PV(p, P_TRF_BETA), tc = PV(p, P_TRF_TRANSPORT), fee = PV(p, P_TRF_FEE);
    double *cost = t->cand_cost, *cum = t->cand_cum;
    int n = 0;
    double best = INFINITY;
    /* What stays the same within the week is computed once: o's alliances (plazas of non-allies on
     * the way charge transit fees) and, for an organisation without cover abroad (deportation.c), a
     * route's expected survival. */
    if (t->ally_tick != w->tick || t->ally_org != o) { /* each owner of a plaza asked once */
        t->ally_epoch++;
        for (int v = 0; v < g->n_plazas; v++) {
            const int j = c->owner[v];
            if (j >= 0 && t->ally_stamp[j] != t->ally_epoch) {
                t->ally[j] = (unsigned char)orgs_allied(c, j, o);
                t->ally_stamp[j] = t->ally_epoch;
            }
            t->hostile[v] = j >= 0 && !t->ally[j];
        }
        t->ally_tick = w->tick, t->ally_org = o;
    }
    const int covered = deportation_covers(w, o);
    for (int s = t->org_sets[slot]; s < t->org_sets[slot] + t->org_nsets[slot]; s++) {
        RouteSet *S = &t->sets[s];
        /* along the tree, parents first: each route's product and count are its tree edge's (the
         * same multiplications in the same order as edge after edge along the route) */
        if (!covered && S->belief_tick != w->tick) {
            for (int i = 0; i < S->tn; i++)
                S->tsurv[i] = (S->tpar[i] < 0 ? 1.0 : S->tsurv[S->tpar[i]]) * (1 - t->risk[S->tedge[i]]);
            S->belief_tick = w->tick;
        }
        if (S->foreign_tick != w->tick || S->foreign_org != o) {
            for (int i = 0; i < S->tn; i++)
                S->tforeign[i] = (S->tpar[i] < 0 ? 0 : S->tforeign[S->tpar[i]]) + (S->tplaza[i] >= 0 ? t->hostile[S->tplaza[i]] : 0);
            S->foreign_tick = w->tick, S->foreign_org = o;
        }
        for (int r = 0; r < S->n; r++) { /* max_cand holds every candidate (trafficking_init) */
            const Route *R = &S->routes[r];
            const int last = R->edges[R->n_edges - 1];
            double survive = 1;
            if (covered)
                for (int i = 0; i < R->n_edges; i++)
                    survive *= 1 - t->risk[R->edges[i]] * deportation_transit_factor(w, o, R->edges[i]);
            else
                survive = (R->tend < 0 ? 1.0 : S->tsurv[R->tend]) * (1 - t->risk[last]);
            /* the last edge enters the US, no plaza */
            const int foreign = R->tend < 0 ? 0 : S->tforeign[R->tend];
            cost[n] = tc * R->km / 1000.0 + fee * foreign + (1 - survive);
            if (cost[n] < best) /* costs are finite: fmin without its call */
                best = cost[n];
            t->cand_set[n] = s, t->cand_route[n] = r, n++;
        }
    }
    double total = 0;
    for (int i = 0; i < n; i++)
        cum[i] = (total += exp(-beta * (cost[i] - best)));
    const int64_t load = (int64_t)llround(PV(p, load_param[k]) * 1000.0);
    const double vpg = value_per_g(w, k);
    shipped[k] += left;
    int n_used = 0;
    while (left > 0) {
        const int64_t grams = left < load ? left : load;
        left -= grams;
        const double u = rng_uniform(rng, RNG_TRAFFICKING) * total;
        int i = 0, hi = n - 1; /* the first candidate with cum > u (the last if none): bisection */
        while (i < hi) {
            const int mid = i + (hi - i) / 2;
            if (cum[mid] <= u)
                i = mid + 1;
            else
                hi = mid;
        }
        /* One uniform decides where, if anywhere, the load is seized: the first edge after which the
         * chance of having come through falls to it or below. Those chances are this week's, for this
         * organisation and product: computed once per route and week, the first time a load takes it. */
        Route *R = &t->sets[t->cand_set[i]].routes[t->cand_route[i]];
        if (R->stamp_tick != w->tick || R->stamp_slot != slot) {
            double survive = 1;
            for (int j = 0; j < R->n_edges; j++) {
                const int e = R->edges[j];
                survive *= 1 - seizure_prob(w, e, k) * deportation_transit_factor(w, o, e);
                R->surv[j] = survive;
            }
            R->stamp_tick = w->tick, R->stamp_slot = slot;
        }
        /* the first edge j with v >= surv[j] (survivals do not rise along a route: bisection), or none */
        const double v = rng_uniform(rng, RNG_INTERDICTION);
        int lo = 0, up = R->n_edges;
        while (lo < up) {
            const int mid = lo + (up - lo) / 2;
            if (v >= R->surv[mid])
                up = mid;
            else
                lo = mid + 1;
        }
        const int caught_at = lo < R->n_edges ? R->edges[lo] : -1;
        if (!R->hist_used)
            t->used[n_used++] = R, R->hist_used = 1;
        R->hist[lo < R->n_edges ? lo : R->n_edges - 1]++; /* the load passed edges 0 .. that one */
        if (caught_at >= 0) {
            t->caught[caught_at]++;
            interdiction_seized(&w->interdiction, caught_at, g->edges[caught_at].cls, k, grams);
            seized[k] += grams;
        } else {
            t->delivered_g[k] += grams;
            t->org_delivered_g[slot] += grams;
            t->crossing_value[R->crossing] += (double)grams * vpg;
            if (g->edges[R->edges[R->n_edges - 1]].cls == EC_PORT_OF_ENTRY)
                t->poe_value += (double)grams * vpg;
            finance_credit(&w->finance, o, k == PR_METH || k == PR_FENTANYL ? ACT_SYNTHETIC : ACT_TRAFFIC,
                           (double)grams * vpg);
        }
    }
    /* the edges' counts of loads passed: each load counted on every edge up to its last */
    for (int u = 0; u < n_used; u++) {
        Route *R = t->used[u];
        long through = 0;
        for (int j = R->n_edges - 1; j >= 0; j--) {
            through += R->hist[j];
            R->hist[j] = 0;
            t->passed[R->edges[j]] += through;
        }
        R->hist_used = 0;
    }
}

void trafficking_step(World *w)
{
    const Geography *g = &w->sc->geo;
    Traffic *t = &w->traffic;
    const int n_orgs = w->orgs.n;
    memset(t->delivered_g, 0, sizeof t->delivered_g);
    memset(t->org_delivered_g, 0, sizeof(int64_t) * (size_t)w->orgs.cap * N_PRODUCTS);
    memset(t->crossing_value, 0, sizeof(double) * (size_t)g->n_crossings);
    t->poe_value = 0;
    memset(t->passed, 0, sizeof(long) * (size_t)g->n_edges);
    memset(t->caught, 0, sizeof(long) * (size_t)g->n_edges);
    int64_t shipped[N_PRODUCTS] = {0}, seized[N_PRODUCTS] = {0};
    for (int o = 0; o < n_orgs; o++)
        for (int k = 0; k < N_PRODUCTS; k++)
            ship(w, o, k, shipped, seized);
    /* Learning: traffickers' risk memory per edge and the smoothed loss rate per product. */
    const double lambda = PV(&w->p, P_TRF_MEMORY);
    for (int e = 0; e < g->n_edges; e++)
        if (t->passed[e] > 0)
            t->risk[e] = (1 - lambda) * t->risk[e] + lambda * (double)t->caught[e] / (double)t->passed[e];
    for (int k = 0; k < N_PRODUCTS; k++)
        if (shipped[k] > 0)
            t->loss[k] = (1 - lambda) * t->loss[k] + lambda * (double)seized[k] / (double)shipped[k];
}

void trafficking_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Traffic *t = &w->traffic;
    for (int k = 0; k < N_PRODUCTS; k++) {
        row[metrics_offset(L, M_DELIVERED) + k] = (double)t->delivered_g[k] / 1000.0;
        row[metrics_offset(L, M_LOSS_RATE) + k] = t->loss[k];
    }
    double total = 0;
    const int nx = w->sc->geo.n_crossings;
    for (int x = 0; x < nx; x++)
        total += t->crossing_value[x];
    for (int x = 0; x < nx && x < metrics_width(L, M_CROSSING_SHARE); x++)
        row[metrics_offset(L, M_CROSSING_SHARE) + x] = total > 0 ? t->crossing_value[x] / total : 0.0;
    row[metrics_offset(L, M_DELIVERED_POE)] = total > 0 ? t->poe_value / total : 0.0;
}
