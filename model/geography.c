/* geography.c: loading and validating scenarios/data/ (see geography.h and the data README).
 *
 * Road links between plazas are derived, not listed: each plaza is linked to its ROAD_K nearest
 * plazas in its own or a neighbouring state (great-circle distance x ROAD_FACTOR for the road), the
 * links are made two-way, and components left apart are joined by their closest pair, so that the
 * road graph is connected. Each crossing plaza gets two edges into the US market: through the port
 * of entry, and between ports (BETWEEN_PORTS_KM further). */
#include "geography.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "textfile.h"

/* The road graph stands in for Mexico's road network, which the data do not list. Its three constants
 * are assumptions fixed with the data rather than parameters: the graph is built once when the data
 * are loaded (geography_parse, which sees the data texts and not the parameters; a result file
 * re-runs from its stored texts), and it is an input shared by every replicate, like the
 * plaza coordinates it is derived from.
 *
 * Roads per plaza: each plaza is linked to its 4 nearest plazas in its own or a neighbouring state
 * (links are two-way, so most plazas have 4 or more): enough for alternative routes around a plaza,
 * few enough that roads join neighbours rather than cut across the country. Fewer leave chains that
 * force long detours; more add long straight links. Assumption. */
#define ROAD_K 4
/* Road km per great-circle km (circuity): road networks measure about 1.2 (urban, Newell 1980) to 1.4
 * (national networks, Ballou et al. 2002; unverified); Mexico's sierras put it in the upper half.
 * Assumption. It lengthens every derived road alike (not the listed edges of routes.csv), and acts
 * through route lengths: trafficking.transport_cost is a share of the load's value per 1000 km. */
#define ROAD_FACTOR 1.3
/* Extra km of a crossing between ports over crossing at the port of entry: leaving the highway for a
 * stretch of open border away from the port. Assumption; at trafficking.transport_cost 0.03 per
 * 1000 km it costs 0.2 % of the load's value, small beside the seizure risks that decide between
 * the two edges. */
#define BETWEEN_PORTS_KM 60.0
/* Mean radius of the Earth (IUGG), for great-circle distances. */
#define EARTH_RADIUS_KM 6371.0

const char *const geography_edge_class_names[N_EDGE_CLASSES] = {"transit_zone", "seaport", "port_of_entry", "between_ports",
                                                      "domestic"};
const char *const geography_file_names[GEO_N_FILES] = {"states.csv",  "crossings.csv",     "plazas.csv",
                                                       "external_nodes.csv", "routes.csv", "organisations.csv",
                                                       "README.md"};
enum { F_STATES, F_CROSSINGS, F_PLAZAS, F_EXTERNAL, F_ROUTES, F_ORGS };

int geography_read_dir(GeoData *d, const char *dir, Error *err)
{
    memset(d, 0, sizeof *d);
    for (int i = 0; i < GEO_N_FILES; i++) {
        snprintf(d->label[i], sizeof d->label[i], "%s/%s", dir, geography_file_names[i]);
        d->text[i] = textfile_read(d->label[i]);
        if (!d->text[i]) {
            geography_data_free(d);
            return error_set(err, CS_ERR_INPUT, d->label[i], 0, "", "cannot read data file (data directory %s)", dir);
        }
    }
    return CS_OK;
}

void geography_data_free(GeoData *d)
{
    for (int i = 0; i < GEO_N_FILES; i++)
        free(d->text[i]);
    memset(d, 0, sizeof *d);
}

static int find_state(const Geography *g, const char *code)
{
    for (int i = 0; i < g->n_states; i++)
        if (strcmp(g->states[i].code, code) == 0)
            return i;
    return -1;
}

static int find_plaza(const Geography *g, int file_id)
{
    for (int i = 0; i < g->n_plazas; i++)
        if (g->plazas[i].file_id == file_id)
            return i;
    return -1;
}

int geography_external(const Geography *g, const char *id)
{
    for (int i = 0; i < g->n_external; i++)
        if (strcmp(g->external[i].id, id) == 0)
            return g->n_plazas + i;
    return -1;
}

static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 3.14159265358979323846 / 180.0, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    const double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * EARTH_RADIUS_KM * asin(fmin(1.0, sqrt(a)));
}

/* Split "a;b;c" into items (in place); returns the count. */
static int split_list(char *s, char **out, int max)
{
    int n = 0;
    for (char *tok = strtok(s, ";"); tok && n < max; tok = strtok(NULL, ";")) {
        while (*tok == ' ')
            tok++;
        if (*tok)
            out[n++] = tok;
    }
    return n;
}

typedef struct EdgeList {
    GeoEdge *e;
    int n, cap;
} EdgeList;

static void add_edge(EdgeList *l, int from, int to, EdgeClass cls, double km, int crossing)
{
    for (int i = 0; i < l->n; i++)
        if (l->e[i].from == from && l->e[i].to == to && l->e[i].cls == cls)
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->e = realloc(l->e, sizeof(GeoEdge) * (size_t)l->cap);
    }
    l->e[l->n++] = (GeoEdge){from, to, cls, km, crossing};
}

static int load_states(Geography *g, const Csv *c, Error *err)
{
    const int cc = csv_column(c, "code", err), cn = csv_column(c, "name", err), p0 = csv_column(c, "population_2000", err),
              p1 = csv_column(c, "population_2020", err), nb = csv_column(c, "neighbours", err),
              bg = csv_column(c, "background_homicides", err);
    if (cc < 0 || cn < 0 || p0 < 0 || p1 < 0 || nb < 0 || bg < 0)
        return CS_ERR_INPUT;
    g->n_states = c->n_rows;
    g->states = calloc((size_t)c->n_rows, sizeof(GeoState));
    for (int r = 0; r < c->n_rows; r++) {
        GeoState *s = &g->states[r];
        snprintf(s->code, sizeof s->code, "%s", csv_text(c, r, cc));
        snprintf(s->name, sizeof s->name, "%s", csv_text(c, r, cn));
        if (!s->code[0] || find_state(g, s->code) != r)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "code", "empty or duplicate state code \"%s\"", s->code);
        if (csv_number(c, r, p0, &s->pop2000, err) || csv_number(c, r, p1, &s->pop2020, err) ||
            csv_number(c, r, bg, &s->background, err))
            return CS_ERR_INPUT;
        if (!(s->background >= 0) || s->background > 100)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "background_homicides",
                             "%g is outside [0, 100] (the state's rate of homicides unrelated to organised crime against the national rate)",
                             s->background);
    }
    for (int r = 0; r < c->n_rows; r++) {
        char buf[512], *items[GEO_MAX_NB];
        snprintf(buf, sizeof buf, "%s", csv_text(c, r, nb));
        const int n = split_list(buf, items, GEO_MAX_NB);
        for (int k = 0; k < n; k++) {
            const int j = find_state(g, items[k]);
            if (j < 0)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "neighbours", "unknown state code \"%s\"", items[k]);
            g->states[r].nb[g->states[r].n_nb++] = j;
        }
    }
    for (int i = 0; i < g->n_states; i++)
        for (int k = 0; k < g->states[i].n_nb; k++) {
            const GeoState *o = &g->states[g->states[i].nb[k]];
            int back = 0;
            for (int m = 0; m < o->n_nb; m++)
                back |= o->nb[m] == i;
            if (!back)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[i], "neighbours",
                                 "broken adjacency: %s lists %s but %s does not list %s", g->states[i].code, o->code, o->code,
                                 g->states[i].code);
        }
    return CS_OK;
}

const char *const geography_us_state_codes[N_US_STATES] = {"TX", "AZ", "NM", "CA"};

static int load_crossings(Geography *g, const Csv *c, Error *err)
{
    const int ci = csv_column(c, "id", err), cu = csv_column(c, "us_port", err), ct = csv_column(c, "traffic_share", err);
    const int cs = csv_column(c, "us_state", err);
    if (ci < 0 || cu < 0 || ct < 0 || cs < 0)
        return CS_ERR_INPUT;
    g->n_crossings = c->n_rows;
    g->crossings = calloc((size_t)c->n_rows, sizeof(GeoCrossing));
    for (int r = 0; r < c->n_rows; r++) {
        GeoCrossing *x = &g->crossings[r];
        snprintf(x->id, sizeof x->id, "%s", csv_text(c, r, ci));
        snprintf(x->us_port, sizeof x->us_port, "%s", csv_text(c, r, cu));
        x->plaza = -1;
        if (!x->id[0])
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "id", "empty crossing id");
        for (int q = 0; q < r; q++)
            if (strcmp(g->crossings[q].id, x->id) == 0)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "id", "duplicate crossing id \"%s\"", x->id);
        if (csv_number(c, r, ct, &x->traffic_share, err))
            return CS_ERR_INPUT;
        x->us_state = -1;
        for (int u = 0; u < N_US_STATES; u++)
            if (strcmp(csv_text(c, r, cs), geography_us_state_codes[u]) == 0)
                x->us_state = u;
        if (x->us_state < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "us_state",
                             "unknown US border state \"%s\" (one of TX, AZ, NM, CA)", csv_text(c, r, cs));
    }
    return CS_OK;
}

static int flag(const Csv *c, int r, int col, unsigned char *out, Error *err)
{
    double v;
    if (csv_number(c, r, col, &v, err))
        return CS_ERR_INPUT;
    if (v != 0 && v != 1)
        return error_set(err, CS_ERR_INPUT, c->path, c->line[r], c->header[col], "flag must be 0 or 1, got %g", v);
    *out = (unsigned char)v;
    return CS_OK;
}

static int load_plazas(Geography *g, const Csv *c, Error *err)
{
    static const char *const cols[] = {"id",       "name",    "state",        "population", "lat",
                                       "lon",      "crossing", "seaport",     "poppy",      "cannabis",
                                       "avocado_lime", "pipeline", "tourist"};
    int col[13];
    for (int i = 0; i < 13; i++)
        if ((col[i] = csv_column(c, cols[i], err)) < 0)
            return CS_ERR_INPUT;
    g->n_plazas = c->n_rows;
    g->plazas = calloc((size_t)c->n_rows, sizeof(GeoPlaza));
    for (int r = 0; r < c->n_rows; r++) {
        GeoPlaza *p = &g->plazas[r];
        double id;
        if (csv_number(c, r, col[0], &id, err))
            return CS_ERR_INPUT;
        p->file_id = (int)id;
        if (find_plaza(g, p->file_id) != r)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "id", "duplicate plaza id %d", p->file_id);
        snprintf(p->name, sizeof p->name, "%s", csv_text(c, r, col[1]));
        p->state = find_state(g, csv_text(c, r, col[2]));
        if (p->state < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "state", "unknown state code \"%s\" (see states.csv)",
                             csv_text(c, r, col[2]));
        if (csv_number(c, r, col[3], &p->pop, err) || csv_number(c, r, col[4], &p->lat, err) ||
            csv_number(c, r, col[5], &p->lon, err))
            return CS_ERR_INPUT;
        if (p->lat < 14 || p->lat > 33 || p->lon < -118 || p->lon > -86)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "lat", "coordinates %.3f, %.3f are outside Mexico", p->lat,
                             p->lon);
        const char *xs = csv_text(c, r, col[6]);
        p->crossing = -1;
        if (*xs) {
            for (int x = 0; x < g->n_crossings; x++)
                if (strcmp(g->crossings[x].id, xs) == 0)
                    p->crossing = x;
            if (p->crossing < 0)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "crossing", "unknown crossing \"%s\" (see crossings.csv)", xs);
            if (g->crossings[p->crossing].plaza >= 0)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "crossing", "crossing \"%s\" given to two plazas", xs);
            g->crossings[p->crossing].plaza = r;
        }
        const char *sp = csv_text(c, r, col[7]);
        p->seaport = !*sp ? SEA_NONE : !strcmp(sp, "pacific") ? SEA_PACIFIC : !strcmp(sp, "gulf") ? SEA_GULF : (SeaportKind)-1;
        if ((int)p->seaport < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "seaport", "\"%s\": expected pacific, gulf or empty", sp);
        if (flag(c, r, col[8], &p->poppy, err) || flag(c, r, col[9], &p->cannabis, err) ||
            flag(c, r, col[10], &p->avocado_lime, err) || flag(c, r, col[11], &p->pipeline, err) ||
            flag(c, r, col[12], &p->tourist, err))
            return CS_ERR_INPUT;
    }
    for (int x = 0; x < g->n_crossings; x++)
        if (g->crossings[x].plaza < 0)
            return error_set(err, CS_ERR_INPUT, c->path, 0, "crossing", "no plaza is the Mexican side of crossing \"%s\"",
                             g->crossings[x].id);
    return CS_OK;
}

static int load_external(Geography *g, const Csv *c, Error *err)
{
    const int ci = csv_column(c, "id", err), cn = csv_column(c, "name", err), ck = csv_column(c, "kind", err),
              la = csv_column(c, "lat", err), lo = csv_column(c, "lon", err);
    if (ci < 0 || cn < 0 || ck < 0 || la < 0 || lo < 0)
        return CS_ERR_INPUT;
    g->n_external = c->n_rows;
    g->external = calloc((size_t)c->n_rows, sizeof(GeoExternal));
    static const char *const kinds[] = {"source", "transit", "precursor", "market"};
    for (int r = 0; r < c->n_rows; r++) {
        GeoExternal *e = &g->external[r];
        snprintf(e->id, sizeof e->id, "%s", csv_text(c, r, ci));
        snprintf(e->name, sizeof e->name, "%s", csv_text(c, r, cn));
        int k = -1;
        for (int i = 0; i < 4; i++)
            if (!strcmp(csv_text(c, r, ck), kinds[i]))
                k = i;
        if (k < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "kind", "\"%s\": expected source, transit, precursor or market",
                             csv_text(c, r, ck));
        e->kind = (ExternalKind)k;
        if (csv_number(c, r, la, &e->lat, err) || csv_number(c, r, lo, &e->lon, err))
            return CS_ERR_INPUT;
    }
    g->n_nodes = g->n_plazas + g->n_external;
    g->node_us = geography_external(g, "us");
    if (g->node_us < 0)
        return error_set(err, CS_ERR_INPUT, c->path, 0, "id", "no external node with id \"us\" (the US market)");
    return CS_OK;
}

/* A route endpoint: an external id or a plaza id from plazas.csv. */
static int route_node(const Geography *g, const char *s)
{
    const int e = geography_external(g, s);
    if (e >= 0)
        return e;
    char *end;
    const long id = strtol(s, &end, 10);
    return (*s && !*end) ? find_plaza(g, (int)id) : -1;
}

static int load_routes(Geography *g, const Csv *c, EdgeList *l, Error *err)
{
    const int cf = csv_column(c, "from", err), ct = csv_column(c, "to", err), cm = csv_column(c, "mode", err),
              cd = csv_column(c, "distance_km", err);
    if (cf < 0 || ct < 0 || cm < 0 || cd < 0)
        return CS_ERR_INPUT;
    for (int r = 0; r < c->n_rows; r++) {
        const int a = route_node(g, csv_text(c, r, cf)), b = route_node(g, csv_text(c, r, ct));
        if (a < 0 || b < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], a < 0 ? "from" : "to",
                             "unknown node \"%s\" (an id of external_nodes.csv or plazas.csv)", csv_text(c, r, a < 0 ? cf : ct));
        const char *mode = csv_text(c, r, cm);
        if (strcmp(mode, "maritime") && strcmp(mode, "land") && strcmp(mode, "air"))
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "mode", "\"%s\": expected maritime, land or air", mode);
        double km;
        if (csv_number(c, r, cd, &km, err))
            return CS_ERR_INPUT;
        /* Arrival at a seaport is inspected at the port; everything else outside Mexico is the transit zone. */
        /* Between external nodes: the transit zone. Landing in Mexico: the seaport when a ship
         * arrives at one, else Mexican domestic enforcement (coasts, airstrips, the southern border). */
        const EdgeClass cls = b >= g->n_plazas                                                       ? EC_TRANSIT_ZONE
                              : (g->plazas[b].seaport != SEA_NONE && !strcmp(mode, "maritime")) ? EC_SEAPORT
                                                                                                  : EC_DOMESTIC;
        add_edge(l, a, b, cls, km, -1);
    }
    return CS_OK;
}

static int load_orgs(Geography *g, const Csv *c, Error *err)
{
    static const char *const cols[] = {"id", "name", "parent", "home_state", "home_plazas", "members", "cash_usd",
                                       "cocaine_link", "precursor_link"};
    int col[9];
    for (int i = 0; i < 9; i++)
        if ((col[i] = csv_column(c, cols[i], err)) < 0)
            return CS_ERR_INPUT;
    g->n_orgs = c->n_rows;
    g->orgs = calloc((size_t)c->n_rows, sizeof(GeoOrg));
    for (int r = 0; r < c->n_rows; r++) {
        GeoOrg *o = &g->orgs[r];
        snprintf(o->id, sizeof o->id, "%s", csv_text(c, r, col[0]));
        snprintf(o->name, sizeof o->name, "%s", csv_text(c, r, col[1]));
        for (int q = 0; q < r; q++)
            if (!strcmp(g->orgs[q].id, o->id))
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "id", "duplicate organisation id \"%s\"", o->id);
        o->home_state = find_state(g, csv_text(c, r, col[3]));
        if (o->home_state < 0)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "home_state", "unknown state code \"%s\"", csv_text(c, r, col[3]));
        char buf[1024], *items[128];
        snprintf(buf, sizeof buf, "%s", csv_text(c, r, col[4]));
        const int n = split_list(buf, items, 128);
        o->plazas = malloc(sizeof(int) * (size_t)(n ? n : 1));
        for (int k = 0; k < n; k++) {
            const int p = route_node(g, items[k]);
            if (p < 0 || p >= g->n_plazas)
                return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "home_plazas", "unknown plaza id \"%s\"", items[k]);
            o->plazas[o->n_plazas++] = p;
        }
        double v;
        if (csv_number(c, r, col[5], &o->members, err) || csv_number(c, r, col[6], &o->cash, err) ||
            csv_number(c, r, col[7], &v, err))
            return CS_ERR_INPUT;
        o->cocaine_link = v != 0;
        if (csv_number(c, r, col[8], &v, err))
            return CS_ERR_INPUT;
        o->precursor_link = v != 0;
    }
    for (int r = 0; r < c->n_rows; r++) { /* parents may come later in the file */
        const char *pid = csv_text(c, r, col[2]);
        g->orgs[r].parent = -1;
        if (!*pid)
            continue;
        for (int q = 0; q < g->n_orgs; q++)
            if (!strcmp(g->orgs[q].id, pid))
                g->orgs[r].parent = q;
        if (g->orgs[r].parent < 0 || g->orgs[r].parent == r)
            return error_set(err, CS_ERR_INPUT, c->path, c->line[r], "parent", "unknown parent organisation \"%s\"", pid);
    }
    return CS_OK;
}

/* Derived road links between plazas (see the file comment). */
static void build_roads(Geography *g, EdgeList *l)
{
    const int P = g->n_plazas;
    for (int i = 0; i < P; i++) {
        int best[ROAD_K];
        double bd[ROAD_K];
        for (int k = 0; k < ROAD_K; k++)
            best[k] = -1, bd[k] = 1e30;
        for (int j = 0; j < P; j++) {
            if (j == i)
                continue;
            const int si = g->plazas[i].state, sj = g->plazas[j].state;
            int near = si == sj;
            for (int k = 0; k < g->states[si].n_nb && !near; k++)
                near = g->states[si].nb[k] == sj;
            if (!near)
                continue;
            const double d = km_between(g->plazas[i].lat, g->plazas[i].lon, g->plazas[j].lat, g->plazas[j].lon);
            for (int k = 0; k < ROAD_K; k++)
                if (d < bd[k]) {
                    for (int m = ROAD_K - 1; m > k; m--)
                        bd[m] = bd[m - 1], best[m] = best[m - 1];
                    bd[k] = d, best[k] = j;
                    break;
                }
        }
        for (int k = 0; k < ROAD_K; k++)
            if (best[k] >= 0) {
                add_edge(l, i, best[k], EC_DOMESTIC, bd[k] * ROAD_FACTOR, -1);
                add_edge(l, best[k], i, EC_DOMESTIC, bd[k] * ROAD_FACTOR, -1);
            }
    }
    /* Join components: union-find over the road links, then link closest pairs. */
    int *comp = malloc(sizeof(int) * (size_t)P);
    for (;;) {
        for (int i = 0; i < P; i++)
            comp[i] = i;
        for (int changed = 1; changed;) {
            changed = 0;
            for (int e = 0; e < l->n; e++) {
                const int a = l->e[e].from, b = l->e[e].to;
                if (a < P && b < P && comp[a] != comp[b]) {
                    const int m = comp[a] < comp[b] ? comp[a] : comp[b];
                    comp[a] = comp[b] = m;
                    changed = 1;
                }
            }
        }
        int bi = -1, bj = -1;
        double bdist = 1e30;
        for (int i = 0; i < P; i++)
            if (comp[i] == 0)
                for (int j = 0; j < P; j++)
                    if (comp[j] != 0) {
                        const double d = km_between(g->plazas[i].lat, g->plazas[i].lon, g->plazas[j].lat, g->plazas[j].lon);
                        if (d < bdist)
                            bdist = d, bi = i, bj = j;
                    }
        if (bi < 0)
            break;
        add_edge(l, bi, bj, EC_DOMESTIC, bdist * ROAD_FACTOR, -1);
        add_edge(l, bj, bi, EC_DOMESTIC, bdist * ROAD_FACTOR, -1);
    }
    free(comp);
    for (int x = 0; x < g->n_crossings; x++) {
        add_edge(l, g->crossings[x].plaza, g->node_us, EC_PORT_OF_ENTRY, 0.0, x);
        add_edge(l, g->crossings[x].plaza, g->node_us, EC_BETWEEN_PORTS, BETWEEN_PORTS_KM, x);
    }
}

static int cmp_edge(const void *a, const void *b)
{
    const GeoEdge *x = a, *y = b;
    if (x->from != y->from)
        return x->from - y->from;
    if (x->to != y->to)
        return x->to - y->to;
    return (int)x->cls - (int)y->cls;
}

int geography_parse(Geography *g, const GeoData *d, Error *err)
{
    memset(g, 0, sizeof *g);
    Csv c[F_ORGS + 1];
    memset(c, 0, sizeof c);
    int st = CS_OK;
    for (int i = 0; i <= F_ORGS && !st; i++)
        st = csv_parse(&c[i], d->text[i], d->label[i], err);
    EdgeList l = {0, 0, 0};
    if (!st)
        st = load_states(g, &c[F_STATES], err);
    if (!st)
        st = load_crossings(g, &c[F_CROSSINGS], err);
    if (!st)
        st = load_plazas(g, &c[F_PLAZAS], err);
    if (!st)
        st = load_external(g, &c[F_EXTERNAL], err);
    if (!st)
        st = load_routes(g, &c[F_ROUTES], &l, err);
    if (!st)
        st = load_orgs(g, &c[F_ORGS], err);
    for (int i = 0; i <= F_ORGS; i++)
        csv_free(&c[i]);
    if (st) {
        free(l.e);
        geography_free(g);
        return st;
    }
    build_roads(g, &l);
    qsort(l.e, (size_t)l.n, sizeof(GeoEdge), cmp_edge); /* deterministic order, then CSR offsets */
    g->edges = l.e;
    g->n_edges = l.n;
    g->crossing_labels = malloc(sizeof(char *) * (size_t)(g->n_crossings + 1));
    for (int x = 0; x < g->n_crossings; x++)
        g->crossing_labels[x] = g->crossings[x].id;
    g->org_labels = malloc(sizeof(char *) * (size_t)(g->n_orgs + 1));
    for (int o = 0; o < g->n_orgs; o++)
        g->org_labels[o] = g->orgs[o].id;
    g->state_labels = malloc(sizeof(char *) * (size_t)(g->n_states + 1));
    for (int i = 0; i < g->n_states; i++)
        g->state_labels[i] = g->states[i].code;
    g->out_start = calloc((size_t)g->n_nodes + 1, sizeof(int));
    for (int e = 0; e < l.n; e++)
        g->out_start[l.e[e].from + 1]++;
    for (int v = 0; v < g->n_nodes; v++)
        g->out_start[v + 1] += g->out_start[v];
    return CS_OK;
}

void geography_free(Geography *g)
{
    for (int i = 0; i < g->n_orgs; i++)
        free(g->orgs[i].plazas);
    free(g->orgs);
    free(g->states);
    free(g->plazas);
    free(g->crossings);
    free(g->external);
    free(g->edges);
    free(g->out_start);
    free(g->crossing_labels);
    free(g->org_labels);
    free(g->state_labels);
    memset(g, 0, sizeof *g);
}
