/* orgs.c: the organisations core (see orgs.h). */
#include "orgs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

const char *const orgs_activity_names[N_ACTIVITIES] = {"trafficking", "synthetics", "retail",     "extortion",
                                                       "kidnapping",  "agri_rents", "fuel_theft", "migrant_smuggling"};
const char *const orgs_event_names[N_EVENT_KINDS] = {"birth",      "death",  "split",       "merger",
                                                     "succession", "arrest", "extradition", "killing",
                                                     "war",        "peace",  "link_lost",   "link_gained",
                                                     "designation", "us_strike", "adoption"};

/* Grow an array of `size`-byte items to hold one more; 0 when it cannot. */
static int grow(void **items, int *cap, int n, size_t size, int first)
{
    if (n < *cap)
        return 1;
    const int want = *cap ? 2 * *cap : first;
    void *p = realloc(*items, size * (size_t)want);
    if (!p)
        return 0;
    *items = p;
    *cap = want;
    return 1;
}

void orgs_event(Orgs *c, int tick, EventKind kind, int org, int other, int state, double value)
{
    if (!grow((void **)&c->events, &c->cap_events, c->n_events, sizeof(OrgEvent), 256)) {
        c->out_of_memory = 1;
        return;
    }
    c->events[c->n_events++] = (OrgEvent){tick, (int)kind, org, other, state, value};
}

int orgs_at_war(const Orgs *c, int a, int b)
{
    if (a < 0 || b < 0 || a == b)
        return 0;
    const Org *o = &c->org[a];
    for (int i = 0; i < o->n_enemies; i++)
        if (o->enemy[i] == b)
            return 1;
    return 0;
}

int orgs_related(const Orgs *c, int a, int b)
{
    if (a == b)
        return 1;
    if (a < 0 || b < 0)
        return 0;
    const Org *A = &c->org[a], *B = &c->org[b];
    return A->lineage == B->lineage || A->parent == b || B->parent == a || A->patron == b || B->patron == a;
}

int orgs_allied(const Orgs *c, int a, int b)
{
    return a == b || (orgs_related(c, a, b) && !orgs_at_war(c, a, b));
}

void orgs_war_start(Orgs *c, int tick, int a, int b)
{
    Org *A = &c->org[a], *B = &c->org[b];
    if (a == b || orgs_at_war(c, a, b) || A->n_enemies == MAX_ENEMIES || B->n_enemies == MAX_ENEMIES)
        return;
    if (!grow((void **)&c->wars, &c->cap_wars, c->n_wars, sizeof(War), 64)) {
        c->out_of_memory = 1;
        return;
    }
    A->enemy[A->n_enemies++] = b;
    B->enemy[B->n_enemies++] = a;
    c->wars[c->n_wars++] = (War){a, b, 0.0};
    c->wars_started++;
    orgs_event(c, tick, EV_WAR, a, b, -1, 0);
}

static void drop_enemy(Org *o, int e)
{
    for (int i = 0; i < o->n_enemies; i++)
        if (o->enemy[i] == e) {
            o->enemy[i] = o->enemy[--o->n_enemies];
            return;
        }
}

void orgs_war_end(Orgs *c, int i, int tick, int log)
{
    War *wr = &c->wars[i];
    drop_enemy(&c->org[wr->a], wr->b);
    drop_enemy(&c->org[wr->b], wr->a);
    if (log)
        orgs_event(c, tick, EV_PEACE, wr->a, wr->b, -1, wr->deaths);
    c->wars[i] = c->wars[--c->n_wars];
}

void orgs_war_deaths(Orgs *c, int a, int b, double deaths)
{
    for (int i = 0; i < c->n_wars; i++)
        if ((c->wars[i].a == a && c->wars[i].b == b) || (c->wars[i].a == b && c->wars[i].b == a))
            c->wars[i].deaths += deaths;
}

int orgs_new(Orgs *c, int parent, int tick, int home_state)
{
    if (c->n == c->cap)
        return -1;
    const int o = c->n++;
    Org *x = &c->org[o];
    memset(x, 0, sizeof *x);
    const Org *P = &c->org[parent];
    int k = 1;
    for (int i = 0; i < c->n - 1; i++) /* splinters are named after the parent: sinaloa.1, sinaloa.1.2, ... */
        if (c->org[i].parent == parent)
            k++;
    snprintf(x->id, sizeof x->id, "%.36s.%d", P->id, k);
    x->alive = 1;
    x->parent = parent;
    x->lineage = P->lineage;
    x->home_state = home_state;
    x->born = tick;
    x->died = -1;
    x->main_plaza = -1;
    x->patron = -1;
    return o;
}

void orgs_record_birth(Orgs *c, int o, double members, double cash)
{
    Org *x = &c->org[o];
    x->members_start = members;
    x->cash_start = cash;
    x->cocaine_link_start = x->cocaine_link;
    x->precursor_link_start = x->precursor_link;
}

int orgs_main_state(const World *w, int o)
{
    const Org *x = &w->orgs.org[o];
    return x->main_plaza >= 0 ? w->sc->geo.plazas[x->main_plaza].state : x->home_state;
}

/* An organisation ends: its wars end without peace events (an end, not a settlement). */
static void org_ends(Orgs *c, int o, int tick)
{
    Org *x = &c->org[o];
    x->alive = 0;
    x->died = tick;
    for (int a = 0; a < c->n; a++) /* its adopted groups are orphaned again */
        if (c->org[a].patron == o)
            c->org[a].patron = -1;
    for (int i = c->n_wars - 1; i >= 0; i--)
        if (c->wars[i].a == o || c->wars[i].b == o)
            orgs_war_end(c, i, tick, 0);
}

void orgs_tally(World *w)
{
    Orgs *c = &w->orgs;
    if (!c->stale)
        return;
    c->stale = 0;
    const Geography *g = &w->sc->geo;
    for (int o = 0; o < c->n; o++) {
        c->org[o].members = 0;
        c->org[o].n_plazas = 0;
        c->org[o].main_plaza = -1;
    }
    for (int k = 0; k < g->n_plazas; k++) {
        const int o = c->owner[k];
        if (o < 0)
            continue;
        if (c->plaza_members[k] <= 0) { /* an empty plaza is given up */
            c->plaza_members[k] = 0;
            c->owner[k] = -1;
            continue;
        }
        Org *x = &c->org[o];
        x->members += c->plaza_members[k];
        x->n_plazas++;
        if (x->main_plaza < 0 || c->plaza_members[k] > c->plaza_members[x->main_plaza])
            x->main_plaza = k;
    }
    const double min_members = PV(&w->p, P_ORG_MIN);
    for (int o = 0; o < c->n; o++) {
        Org *x = &c->org[o];
        if (!x->alive)
            continue;
        if (x->n_plazas == 0 || (double)x->members < min_members) {
            for (int k = 0; k < g->n_plazas; k++) /* the remnant disperses */
                if (c->owner[k] == o) {
                    c->owner[k] = -1;
                    c->ledger[MF_DISPERSED] -= c->plaza_members[k];
                    c->plaza_members[k] = 0;
                }
            org_ends(c, o, w->tick);
            orgs_event(c, w->tick, EV_DEATH, o, -1, x->home_state, (double)x->members);
            x->members = 0;
            x->n_plazas = 0;
            continue;
        }
        if ((double)x->members > x->members_peak)
            x->members_peak = (double)x->members;
    }
}

int64_t orgs_count_members(const World *w, int o)
{
    const Orgs *c = &w->orgs;
    int64_t m = 0;
    for (int k = 0; k < w->sc->geo.n_plazas; k++)
        if (c->owner[k] == o)
            m += c->plaza_members[k];
    return m;
}

void orgs_merge(World *w, int from, int into, int tick)
{
    Orgs *c = &w->orgs;
    const Geography *g = &w->sc->geo;
    Org *F = &c->org[from], *I = &c->org[into];
    int64_t moved = 0;
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] == from) {
            orgs_set_owner(c, k, into);
            moved += c->plaza_members[k];
        }
    I->cocaine_link |= F->cocaine_link;
    I->precursor_link |= F->precursor_link;
    if (F->main_plaza >= 0 && (I->main_plaza < 0 || c->plaza_members[F->main_plaza] > c->plaza_members[I->main_plaza]))
        I->main_plaza = F->main_plaza;
    orgs_event(c, tick, EV_MERGER, from, into, orgs_main_state(w, into), (double)moved);
    c->mergers++;
    org_ends(c, from, tick);
}

/* Split n members over plazas in proportion to their residents (largest remainders). */
static void spread_members(World *w, const int *plazas, int n, int64_t members)
{
    const Geography *g = &w->sc->geo;
    double total = 0;
    for (int i = 0; i < n; i++)
        total += g->plazas[plazas[i]].pop;
    int64_t given = 0;
    for (int i = 0; i < n; i++) {
        const int64_t m = (int64_t)floor((double)members * g->plazas[plazas[i]].pop / total);
        orgs_set_plaza(&w->orgs, plazas[i], w->orgs.owner[plazas[i]], m, MF_INITIAL);
        given += m;
    }
    for (int i = 0; given < members; i = (i + 1) % n, given++)
        orgs_add_members(&w->orgs, plazas[i], 1, MF_INITIAL);
}

int orgs_init(World *w, Error *err)
{
    const Geography *g = &w->sc->geo;
    const Params *p = &w->p;
    Orgs *c = &w->orgs;
    memset(c, 0, sizeof *c);
    c->cap = (int)PV(p, P_ORG_CAPACITY);
    if (c->cap < g->n_orgs)
        c->cap = g->n_orgs;
    c->org = calloc((size_t)c->cap, sizeof(Org));
    c->owner = malloc(sizeof(int) * (size_t)g->n_plazas);
    c->plaza_members = calloc((size_t)g->n_plazas, sizeof(int64_t));
    int *held = malloc(sizeof(int) * (size_t)(g->n_plazas > 0 ? g->n_plazas : 1));
    c->cell_scratch = calloc((size_t)c->cap * (size_t)(g->n_states > 0 ? g->n_states : 1), sizeof(int64_t));
    c->network_scratch = calloc((size_t)c->cap * (size_t)(g->n_states > 0 ? g->n_states : 1), 1);
    if (!c->org || !c->owner || !c->plaza_members || !held || !c->cell_scratch || !c->network_scratch) {
        free(held);
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for %d organisations", c->cap);
    }
    for (int i = 0; i < g->n_plazas; i++)
        c->owner[i] = -1;
    c->n = g->n_orgs;
    for (int o = 0; o < g->n_orgs; o++) {
        const GeoOrg *G = &g->orgs[o];
        Org *x = &c->org[o];
        snprintf(x->id, sizeof x->id, "%s", G->id);
        x->alive = 1;
        x->parent = G->parent;
        x->lineage = o; /* each organisation of 2000 founds a lineage; allies are its parent and children */
        x->home_state = G->home_state;
        x->died = -1;
        x->patron = -1;
        x->cocaine_link = x->cocaine_link_start = G->cocaine_link;
        x->precursor_link = x->precursor_link_start = G->precursor_link;
        int n = 0; /* first organisation listing a plaza holds it */
        for (int k = 0; k < G->n_plazas; k++)
            if (c->owner[G->plazas[k]] < 0) {
                orgs_set_owner(c, G->plazas[k], o);
                held[n++] = G->plazas[k];
            }
        if (n > 0)
            spread_members(w, held, n, (int64_t)llround(G->members * PV(p, P_ORG_MEMBERS_SCALE)));
        x->cash_start = G->cash;
    }
    free(held);
    orgs_tally(w);
    for (int o = 0; o < c->n; o++)
        c->org[o].members_start = (double)c->org[o].members;
    return CS_OK;
}

void orgs_step(World *w)
{
    w->orgs.mergers = w->orgs.wars_started = 0;
}

void orgs_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Orgs *c = &w->orgs;
    double members = 0;
    int active = 0, major = 0;
    const double major_size = PV(&w->p, P_ORG_MAJOR);
    for (int o = 0; o < c->n; o++) {
        const Org *x = &c->org[o];
        if (!x->alive)
            continue;
        active++;
        major += (double)x->members >= major_size;
        members += (double)x->members;
    }
    /* groups as the counts of cells do it: an organisation's presence in a state with enough members */
    int cells = 0, held = 0;
    const Geography *g = &w->sc->geo;
    const double cell = PV(&w->p, P_ORG_CELL);
    int64_t *acc = c->cell_scratch; /* set up once (orgs_init): the week's members by organisation and state */
    const size_t n_acc = (size_t)c->n * (size_t)g->n_states;
    memset(acc, 0, sizeof *acc * n_acc);
    for (int k = 0; k < g->n_plazas; k++)
        if (c->owner[k] >= 0) {
            acc[(size_t)c->owner[k] * (size_t)g->n_states + (size_t)g->plazas[k].state] += c->plaza_members[k];
            held++;
        }
    /* presence, as the state counts of the PGR, the Federal Police and the DEA map it: the states where
     * an organisation operates, holding a plaza itself or through the groups it adopted (cartels.c; the
     * counts of the CJNG's presence include its allies); the widest of all organisations and of those
     * born since the start */
    int widest = 0, widest_new = 0;
    unsigned char *net = c->network_scratch;
    memset(net, 0, (size_t)c->n * (size_t)g->n_states);
    double *by_state = row + metrics_offset(L, M_CELLS_STATE);
    const int n_by_state = metrics_width(L, M_CELLS_STATE) < g->n_states ? metrics_width(L, M_CELLS_STATE) : g->n_states;
    for (int st = 0; st < n_by_state; st++)
        by_state[st] = 0;
    for (int o = 0; o < c->n; o++) {
        int states = 0;
        for (int st = 0; st < g->n_states; st++) {
            const int64_t m = acc[(size_t)o * (size_t)g->n_states + (size_t)st];
            const int group = m > 0 && (double)m >= cell;
            states += group;
            if (group && st < n_by_state)
                by_state[st] += 1;
            if (m > 0) {
                net[(size_t)o * (size_t)g->n_states + (size_t)st] = 1;
                if (c->org[o].patron >= 0)
                    net[(size_t)c->org[o].patron * (size_t)g->n_states + (size_t)st] = 1;
            }
        }
        cells += states;
    }
    for (int o = 0; o < c->n; o++) {
        if (!c->org[o].alive)
            continue;
        int states = 0;
        for (int st = 0; st < g->n_states; st++)
            states += net[(size_t)o * (size_t)g->n_states + (size_t)st];
        if (states > widest)
            widest = states;
        if (c->org[o].born > 0 && states > widest_new)
            widest_new = states;
    }
    row[metrics_offset(L, M_CELLS)] = cells;
    row[metrics_offset(L, M_PLAZAS_HELD)] = held;
    row[metrics_offset(L, M_WIDEST)] = widest;
    row[metrics_offset(L, M_WIDEST_NEW)] = widest_new;
    row[metrics_offset(L, M_ORGS_ACTIVE)] = active;
    row[metrics_offset(L, M_ORGS_MAJOR)] = major;
    row[metrics_offset(L, M_MEMBERS)] = members;
    row[metrics_offset(L, M_MERGERS)] = c->mergers;
    row[metrics_offset(L, M_WARS)] = c->n_wars;
    row[metrics_offset(L, M_WARS_STARTED)] = c->wars_started;
}

void orgs_free(World *w)
{
    Orgs *c = &w->orgs;
    free(c->org);
    free(c->owner);
    free(c->plaza_members);
    free(c->wars);
    free(c->events);
    free(c->cell_scratch);
    free(c->network_scratch);
    memset(c, 0, sizeof *c);
}
