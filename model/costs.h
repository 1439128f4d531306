/* costs.h: what the levers cost (costs.def): the week's public spending on each lever, in US$2010. */
#ifndef CARTELSIM_COSTS_H
#define CARTELSIM_COSTS_H

struct World;
struct Error;

enum CostId {
#define COST(id, lever, cost, label) id,
#include "costs.def"
#undef COST
    N_COSTS
};
extern const char *const costs_lever_names[N_COSTS];

typedef struct Costs {
    double week[N_COSTS]; /* this week's spending by lever, US$2010 */
} Costs;

int costs_init(struct World *w, struct Error *err);
/** @brief This week's spending on each lever: its value x its yearly cost per unit / 52.18. */
void costs_step(struct World *w);
/** @brief Spending by lever. */
void costs_observe(const struct World *w, double *row);
void costs_free(struct World *w);

#endif
