/* border.c: the border between ports of entry (model.md 3.17).
 *
 * Enforcement between ports E (border.enforcement: barrier and Border Patrol, 1 = the calibration's)
 * raises the smugglers' fee and deters crossings (Gathmann 2008: enforcement tripled, fees +30 %,
 * crossings -10 %):
 *     fee = fee_1 x E^fee_elasticity,   crossings = (crossings_1 + reentry_share x D_mx) x E^crossing_elasticity,
 * where D_mx are the deportees sent to Mexico a year (deportation.c), some of whom try again. The
 * organisations' takings from migrant smuggling in their border-crossing plazas (diversification.c)
 * scale with fee x crossings against the calibration's; the Border Patrol's seizure effort on drugs
 * between ports scales as E^drug_elasticity (interdiction.c), so loads move toward the ports of
 * entry through the traffickers' route learning (trafficking.c). At E = 1 with no extra deportees
 * every factor is exactly 1 (the baseline is unchanged). */
#include "border.h"

#include <math.h>
#include <string.h>

#include "world.h"

int border_init(World *w, Error *err)
{
    (void)err;
    Border *b = &w->border;
    memset(b, 0, sizeof *b);
    b->crossings = PV(&w->p, P_BOR_CROSSINGS);
    b->fee = PV(&w->p, P_BOR_FEE);
    b->smuggling_factor = b->drug_factor = 1.0;
    return CS_OK;
}

void border_step(World *w)
{
    Border *b = &w->border;
    const Params *p = &w->p;
    const double E = PV(p, P_BOR_ENFORCEMENT), base = PV(p, P_BOR_CROSSINGS), fee1 = PV(p, P_BOR_FEE);
    const double reentry = PV(p, P_BOR_REENTRY) * deportation_to_mexico(w) * WEEKS_PER_YEAR;
    b->fee = fee1 * pow(E, PV(p, P_BOR_FEE_ELAST));
    b->crossings = (base + reentry) * pow(E, PV(p, P_BOR_CROSS_ELAST));
    b->smuggling_factor = (fee1 > 0 ? b->fee / fee1 : 1.0) * (base > 0 ? b->crossings / base : 1.0);
    b->drug_factor = pow(E, PV(p, P_BOR_DRUG_ELAST));
}

void border_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Border *b = &w->border;
    const Finance *f = &w->finance;
    double revenue = 0;
    for (int o = 0; o < w->orgs.n; o++)
        revenue += f->revenue[o][ACT_MIGRANTS];
    row[metrics_offset(L, M_MIGRANT_CROSSINGS)] = b->crossings / WEEKS_PER_YEAR;
    row[metrics_offset(L, M_SMUGGLING_FEE)] = b->fee;
    row[metrics_offset(L, M_SMUGGLING_REVENUE)] = revenue;
}

void border_free(World *w)
{
    memset(&w->border, 0, sizeof w->border);
}
