/* invariants.c: checks of a World after each week (see invariants.h). Reads the World and the row;
 * writes only the error record. */
#include "invariants.h"

#include <math.h>
#include <string.h>

#include "world.h"

/* Series units whose values cannot be negative: people, masses, guns, counts, money and prices. */
static int unit_non_negative(const char *u)
{
    static const char *const units[] = {"persons", "persons/week", "kg", "kg/week", "guns", "guns/week", "organisations",
                                        "groups", "events/week", "wars", "wars/week", "plazas/week", "US$2010",
                                        "US$2010/week", "US$2010/kg", "US$2010/g"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(u, units[i]) == 0)
            return 1;
    return 0;
}

static int check_series(const World *w, const double *row, Error *err)
{
    const MetricsLayout *L = &w->sc->layout;
    for (int m = 0; m < N_METRICS; m++) {
        const MetricInfo *mi = &metrics_info[m];
        /* Dimensionless series are non-negative; shares (and the HHI) are also at most 1, while an
         * index such as police strength (1 = 2000) may exceed 1. */
        const int dimensionless = strcmp(mi->units, "1") == 0;
        const int share = dimensionless && (strncmp(mi->long_name, "Share", 5) == 0 || strcmp(mi->name, "hhi") == 0);
        const int non_negative = dimensionless || unit_non_negative(mi->units);
        for (int k = 0; k < metrics_width(L, (MetricId)m); k++) {
            const double v = row[metrics_offset(L, (MetricId)m) + k];
            const char *why = !isfinite(v)                    ? "is not finite"
                              : non_negative && v < 0         ? "is negative"
                              : share && v > 1 + 1e-9         ? "is a share above 1"
                                                              : NULL;
            if (why)
                return error_set(err, CS_ERR_RUNTIME, "", 0, mi->name, "invariant: replicate %d, week %d: slot %d = %g %s (%s)",
                                 w->replicate, w->tick - 1, k, v, why, mi->units);
        }
    }
    return CS_OK;
}

static int check_orgs(const World *w, Error *err)
{
    const Orgs *c = &w->orgs;
    for (int o = 0; o < c->n; o++) {
        const Org *g = &c->org[o];
        const char *why = NULL;
        if (g->members < 0)
            why = "negative members";
        else if (w->finance.cash && w->finance.cash[o] < 0)
            why = "negative cash";
        else if (w->guns.guns && (w->guns.guns[o] < 0 || w->guns.aw[o] < 0))
            why = "negative guns";
        else if (w->guns.guns && w->guns.aw[o] > w->guns.guns[o])
            why = "more assault weapons than guns";
        else if (!c->stale && g->members != orgs_count_members(w, o)) /* a stale tally is recomputed when read */
            why = "members tally differs from the members counted over its plazas";
        if (why)
            return error_set(err, CS_ERR_RUNTIME, "", 0, "", "invariant: replicate %d, week %d: organisation %d (%s): %s",
                             w->replicate, w->tick - 1, o, g->id, why);
    }
    for (int k = 0; k < w->sc->geo.n_plazas; k++) {
        const int o = c->owner[k];
        if (c->plaza_members[k] < 0 || (o < 0 && c->plaza_members[k] != 0) ||
            (o >= 0 && (o >= c->n || (!c->stale && !c->org[o].alive))))
            return error_set(err, CS_ERR_RUNTIME, "", 0, "",
                             "invariant: replicate %d, week %d: plaza %d: %lld members held by %s", w->replicate, w->tick - 1, k,
                             (long long)c->plaza_members[k], o < 0 ? "no organisation" : "an organisation that is not active");
    }
    return CS_OK;
}

/* ---- conservation -------------------------------------------------------------------------- */

static int64_t sum64(const int64_t *v, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

void invariants_mark(const World *w, InvariantsMark *m)
{
    m->world = w->sc->has_geo && w->orgs.org;
    if (!m->world)
        return;
    m->members = sum64(w->orgs.plaza_members, w->sc->geo.n_plazas);
    m->guns = sum64(w->guns.guns, w->orgs.n);
    m->cash = sum64(w->finance.cash, w->orgs.n);
    memcpy(m->member_ledger, w->orgs.ledger, sizeof m->member_ledger);
    memcpy(m->gun_ledger, w->guns.ledger, sizeof m->gun_ledger);
    memcpy(m->cash_ledger, w->finance.ledger, sizeof m->cash_ledger);
    m->income_booked = w->finance.income_booked;
}

/* a and b agree to rounding: sums of the same doubles in another order */
static int near(double a, double b, double scale)
{
    return fabs(a - b) <= 1e-9 * fmax(fmax(fabs(a), fabs(b)), fmax(scale, 1.0));
}

static int broken(const World *w, Error *err, const char *key, const char *what, double was, double now)
{
    return error_set(err, CS_ERR_RUNTIME, "", 0, key, "invariant: replicate %d, week %d: %s (%.17g against %.17g)",
                     w->replicate, w->tick - 1, what, was, now);
}

static double at(const World *w, const double *row, MetricId id, int k)
{
    return row[metrics_offset(&w->sc->layout, id) + k];
}

/* People and drug mass, from the series: what users read conserves what the model holds. */
static int check_rows(const World *w, const double *row, const InvariantsMark *m, Error *err)
{
    for (int g = 0; g < N_DRUGS; g++) {
        const double users = at(w, row, M_USERS_LIGHT, g) + at(w, row, M_USERS_HEAVY, g) + at(w, row, M_IN_TREATMENT, g) +
                             at(w, row, M_RECOVERED, g);
        const double flows = at(w, row, M_INITIATIONS, g) - at(w, row, M_QUITS, g) - at(w, row, M_LASTING, g) -
                             at(w, row, M_OD_DEATHS, g);
        if (m->rows && !near(users - m->users[g], flows, users))
            return broken(w, err, "users_light", "US users (light, heavy, in treatment, recovered) changed by other than "
                          "initiations - quits - lasting recoveries - overdose deaths", users - m->users[g], flows);
    }
    if (!w->sc->has_geo)
        return CS_OK;
    for (int k = 0; k < N_PRODUCTS; k++) {
        const double produced = at(w, row, M_PRODUCED, k), delivered = at(w, row, M_DELIVERED, k);
        if (!near(produced, delivered + at(w, row, M_SEIZED, k), produced))
            return broken(w, err, "produced", "drug mass: produced differs from delivered + seized", produced,
                          delivered + at(w, row, M_SEIZED, k));
        const double stock = at(w, row, M_US_STOCK, k);
        const double flows = delivered + at(w, row, M_DOMESTIC, k) - at(w, row, M_CONSUMED, k);
        if (m->rows && !near(stock - m->us_stock[k], flows, stock))
            return broken(w, err, "us_stock", "drug mass: US stocks changed by other than delivered + domestic supply - "
                          "consumed", stock - m->us_stock[k], flows);
    }
    return CS_OK;
}

/* Members, guns and cash of the organisations: the stock against its ledger, the ledger's flows
 * against the series that report them. */
static int check_ledgers(const World *w, const double *row, const InvariantsMark *m, Error *err)
{
    const Orgs *c = &w->orgs;
    int64_t d[N_MEMBER_FLOWS], flows = 0;
    for (int f = 0; f < N_MEMBER_FLOWS; f++)
        flows += d[f] = c->ledger[f] - m->member_ledger[f];
    const int64_t members = sum64(c->plaza_members, w->sc->geo.n_plazas);
    if (members - m->members != flows)
        return broken(w, err, "members", "members changed by other than their ledger's flows", (double)(members - m->members),
                      (double)flows);
    if (d[MF_MOVED] != 0)
        return broken(w, err, "members", "members moved between plazas do not net to zero", (double)d[MF_MOVED], 0);
    if ((double)d[MF_RECRUITED] != at(w, row, M_RECRUITS, 0))
        return broken(w, err, "recruits", "members recruited differ from the recruits series", (double)d[MF_RECRUITED],
                      at(w, row, M_RECRUITS, 0));
    const double removed = at(w, row, M_MEMBERS_ARRESTED, 0) + at(w, row, M_MEMBERS_KILLED, 0);
    if ((double)-(d[MF_FORCES] + d[MF_FIGHTS]) != removed)
        return broken(w, err, "members_killed", "members arrested and killed differ from the series of arrests and killings",
                      (double)-(d[MF_FORCES] + d[MF_FIGHTS]), removed);
    if ((double)-d[MF_STRUCK] != at(w, row, M_US_STRIKE_MEMBERS, 0))
        return broken(w, err, "us_strike_members_killed", "members killed by strikes differ from their series",
                      (double)-d[MF_STRUCK], at(w, row, M_US_STRIKE_MEMBERS, 0));
    const Guns *G = &w->guns;
    const int64_t guns = sum64(G->guns, c->n);
    const int64_t gflows = sum64(G->ledger, N_GUN_FLOWS) - sum64(m->gun_ledger, N_GUN_FLOWS);
    if (guns - m->guns != gflows)
        return broken(w, err, "guns", "guns held changed by other than bought - worn - seized - lost", (double)(guns - m->guns),
                      (double)gflows);
    double trafficked = 0;
    for (int s = 0; s < N_GUN_SOURCES; s++)
        trafficked += at(w, row, M_GUNS_TRAFFICKED, s);
    if ((double)(G->ledger[GF_BOUGHT] - m->gun_ledger[GF_BOUGHT]) != trafficked)
        return broken(w, err, "guns_trafficked", "guns bought differ from the guns trafficked series",
                      (double)(G->ledger[GF_BOUGHT] - m->gun_ledger[GF_BOUGHT]), trafficked);
    if ((double)-(G->ledger[GF_SEIZED] - m->gun_ledger[GF_SEIZED]) != at(w, row, M_GUNS_SEIZED_FORCES, 0))
        return broken(w, err, "guns_seized_forces", "guns seized differ from their series",
                      (double)-(G->ledger[GF_SEIZED] - m->gun_ledger[GF_SEIZED]), at(w, row, M_GUNS_SEIZED_FORCES, 0));
    const Finance *F = &w->finance;
    const int64_t cash = sum64(F->cash, c->n);
    const int64_t cflows = sum64(F->ledger, N_CASH_FLOWS) - sum64(m->cash_ledger, N_CASH_FLOWS);
    if (cash - m->cash != cflows)
        return broken(w, err, "cash", "cash changed by other than booked - outflow - seized + forgiven", (double)(cash - m->cash),
                      (double)cflows);
    const double booked = F->income_booked - m->income_booked;
    if (m->rows && !near(booked, m->revenue, m->revenue))
        return broken(w, err, "revenue_by_activity", "income booked differs from last week's revenue", booked, m->revenue);
    return CS_OK;
}

int invariants_check(const World *w, const double *row, InvariantsMark *m, Error *err)
{
    int st = check_series(w, row, err);
    const int geo = w->sc->has_geo && w->orgs.org;
    if (!st && geo)
        st = check_orgs(w, err);
    if (!m)
        return st;
    if (!st)
        st = check_rows(w, row, m, err);
    if (!st && geo && m->world)
        st = check_ledgers(w, row, m, err);
    for (int g = 0; g < N_DRUGS; g++)
        m->users[g] = at(w, row, M_USERS_LIGHT, g) + at(w, row, M_USERS_HEAVY, g) + at(w, row, M_IN_TREATMENT, g) +
                      at(w, row, M_RECOVERED, g);
    if (w->sc->has_geo) {
        for (int k = 0; k < N_PRODUCTS; k++)
            m->us_stock[k] = at(w, row, M_US_STOCK, k);
        m->revenue = 0;
        for (int a = 0; a < N_ACTIVITIES; a++)
            m->revenue += at(w, row, M_REVENUE_ACTIVITY, a);
    }
    m->rows = 1;
    return st;
}
