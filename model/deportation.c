/* deportation.c: removals from the US and offshoots abroad (model.md 3.16).
 *
 * deportation.volume removals a year beyond those of the calibration's years arrive each week; the
 * shares of El Salvador, Honduras and Guatemala (DHS Yearbook) go there, and gang_share of them
 * have gang ties. In a country, the number of deportees with gang ties who found an offshoot this
 * week is Poisson(gang deportees x found_prob), drawn by inversion of one uniform per country and
 * week (common random numbers); a new offshoot starts with `founders` members. The other
 * deportees with gang ties join the country's offshoots in proportion to their members (none are
 * kept where there is none). Offshoots grow by local recruitment, logistic in the country's total:
 *     dm/dt = recruitment x m x (1 - M_country / capacity_country)
 * (capacities: UNODC 2012's MS-13 and Barrio 18 members per country), so a pulse of deportations
 * produces offshoots within a few years and tens of thousands of members within about a decade, as
 * the 1990s deportations did (the check: tests/unit/test_border.c). Each offshoot works for the
 * largest living organisation with a cocaine link (chosen at founding, again when its partner dies)
 * and gives it cover on the legs of the cocaine routes into and out of the Central American node:
 *     factor = 1 - cover x S / (S + half),  S = members of the offshoots working for it,
 * on the seizure probability of its loads there (trafficking.c). The registry keeps offshoots
 * abroad outside Mexico's geography; only their cover enters the route graph. */
#include "deportation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

const char *const deportation_country_names[N_DEP_COUNTRIES] = {"el_salvador", "honduras", "guatemala"};

static const int share_param[N_DEP_COUNTRIES] = {P_DEP_SHARE_SV, P_DEP_SHARE_HN, P_DEP_SHARE_GT};
static const int cap_param[N_DEP_COUNTRIES] = {P_DEP_CAP_SV, P_DEP_CAP_HN, P_DEP_CAP_GT};

int deportation_init(World *w, Error *err)
{
    Deportation *d = &w->deportation;
    memset(d, 0, sizeof *d);
    d->node = geography_external(&w->sc->geo, "central_america");
    d->cap = w->orgs.cap;
    d->cover = calloc((size_t)(d->cap > 0 ? d->cap : 1), sizeof *d->cover);
    if (!d->cover)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the offshoots abroad");
    return CS_OK;
}

/* The largest living organisation with a cocaine link, or -1. */
static int partner_for(const World *w)
{
    const Orgs *c = &w->orgs;
    int best = -1;
    for (int o = 0; o < c->n; o++)
        if (c->org[o].alive && c->org[o].cocaine_link && (best < 0 || c->org[o].members > c->org[best].members))
            best = o;
    return best;
}

void deportation_step(World *w)
{
    Deportation *d = &w->deportation;
    const Params *p = &w->p;
    const double per_week = 1.0 / WEEKS_PER_YEAR;
    const double volume = PV(p, P_DEP_VOLUME) * per_week;
    d->deportees = volume;
    d->deportees_gang = 0;
    double total[N_DEP_COUNTRIES] = {0};
    for (int i = 0; i < d->n; i++)
        total[d->off[i].country] += d->off[i].members;
    int partner = -2; /* found on first need */
    for (int k = 0; k < N_DEP_COUNTRIES; k++) {
        const double gang = volume * PV(p, share_param[k]) * PV(p, P_DEP_GANG_SHARE);
        d->deportees_gang += gang;
        /* one uniform per country and week, whatever the volume (common random numbers) */
        int founded = (int)rng_poisson_inv(&w->rng, RNG_DEPORTATION, gang * PV(p, P_DEP_FOUND));
        int here = 0;
        for (int i = 0; i < d->n; i++)
            here += d->off[i].country == k;
        const double joining = fmax(0.0, gang - founded);
        /* Joiners go to the offshoots there in proportion to their members (before this week's new ones). */
        for (int i = 0; i < d->n && total[k] > 0 && joining > 0; i++)
            if (d->off[i].country == k)
                d->off[i].members += joining * d->off[i].members / total[k];
        for (; founded > 0 && here < DEP_MAX_OFFSHOOTS; founded--, here++) {
            if (partner == -2)
                partner = partner_for(w);
            Offshoot *x = &d->off[d->n++];
            x->country = k;
            x->members = PV(p, P_DEP_FOUNDERS);
            x->partner = partner;
        }
    }
    /* Recruitment, logistic in each country's total. */
    for (int k = 0; k < N_DEP_COUNTRIES; k++)
        total[k] = 0;
    for (int i = 0; i < d->n; i++)
        total[d->off[i].country] += d->off[i].members;
    const double r = PV(p, P_DEP_RECRUIT) * per_week;
    for (int i = 0; i < d->n; i++) {
        Offshoot *x = &d->off[i];
        x->members = fmax(0.0, x->members * (1 + r * (1 - total[x->country] / PV(p, cap_param[x->country]))));
    }
    /* Partners and the cover they get. */
    memset(d->cover, 0, sizeof(double) * (size_t)d->cap);
    const Orgs *c = &w->orgs;
    for (int i = 0; i < d->n; i++) {
        Offshoot *x = &d->off[i];
        if (x->partner < 0 || !c->org[x->partner].alive || !c->org[x->partner].cocaine_link) {
            if (partner == -2)
                partner = partner_for(w);
            x->partner = partner;
        }
        if (x->partner >= 0)
            d->cover[x->partner] += x->members;
    }
    const double cover = PV(p, P_DEP_COVER), half = PV(p, P_DEP_COVER_HALF);
    for (int o = 0; o < c->n; o++)
        d->cover[o] = d->cover[o] > 0 ? cover * d->cover[o] / (d->cover[o] + half) : 0;
}

double deportation_transit_factor(const World *w, int o, int e)
{
    const Deportation *d = &w->deportation;
    if (d->node < 0 || d->cover[o] <= 0)
        return 1.0;
    const GeoEdge *E = &w->sc->geo.edges[e];
    return E->from == d->node || E->to == d->node ? 1.0 - d->cover[o] : 1.0;
}

int deportation_covers(const World *w, int o)
{
    return w->deportation.node >= 0 && w->deportation.cover[o] > 0;
}

double deportation_to_mexico(const World *w)
{
    const Params *p = &w->p;
    double abroad = 0;
    for (int k = 0; k < N_DEP_COUNTRIES; k++)
        abroad += PV(p, share_param[k]);
    return w->deportation.deportees * fmax(0.0, 1.0 - abroad);
}

void deportation_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Deportation *d = &w->deportation;
    double members = 0;
    for (int i = 0; i < d->n; i++)
        members += d->off[i].members;
    row[metrics_offset(L, M_DEPORTEES)] = d->deportees;
    row[metrics_offset(L, M_DEPORTEES_GANG)] = d->deportees_gang;
    row[metrics_offset(L, M_OFFSHOOTS)] = d->n;
    row[metrics_offset(L, M_OFFSHOOT_MEMBERS)] = members;
}

void deportation_free(World *w)
{
    free(w->deportation.cover);
    memset(&w->deportation, 0, sizeof w->deportation);
}
