/* costs.c: what the levers cost (see costs.h and costs.def). Spending follows the levers' values as
 * the timeline sets them, so it is the same in every replicate; a scenario's cost is its spending
 * minus the base run's (`cartelsim compare`, with discounting at costs.discount_rate). */
#include "costs.h"

#include <string.h>

#include "world.h"

const char *const costs_lever_names[N_COSTS] = {
#define COST(id, lever, cost, label) label,
#include "costs.def"
#undef COST
};

static const int lever_param[N_COSTS] = {
#define COST(id, lever, cost, label) lever,
#include "costs.def"
#undef COST
};
static const int cost_param[N_COSTS] = {
#define COST(id, lever, cost, label) cost,
#include "costs.def"
#undef COST
};

int costs_init(World *w, Error *err)
{
    (void)err;
    memset(&w->costs, 0, sizeof w->costs);
    return CS_OK;
}

void costs_step(World *w)
{
    for (int i = 0; i < N_COSTS; i++)
        w->costs.week[i] = PV(&w->p, lever_param[i]) * PV(&w->p, cost_param[i]) / WEEKS_PER_YEAR;
}

void costs_observe(const World *w, double *row)
{
    const int off = metrics_offset(&w->sc->layout, M_POLICY_COST);
    for (int i = 0; i < N_COSTS; i++)
        row[off + i] = w->costs.week[i];
}

void costs_free(World *w)
{
    memset(&w->costs, 0, sizeof w->costs);
}
