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

int invariants_check(const World *w, const double *row, Error *err)
{
    int st = check_series(w, row, err);
    if (!st && w->sc->has_geo && w->orgs.org)
        st = check_orgs(w, err);
    return st;
}
