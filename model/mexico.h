/* mexico.h: Mexican state forces (model.md 4.10, Mexican part): federal and military deployment by
 * state, local police strength, the arrests and killings of members they make, and the state
 * populations the other mechanisms scale with. */
#ifndef CARTELSIM_MEXICO_H
#define CARTELSIM_MEXICO_H

#include <stdint.h>

struct World;
struct Error;

typedef struct Mexico {
    int n_states;
    double *pop;        /* [state] residents this year (linear between the 2000 and 2020 censuses, flat after) */
    double *troops;     /* [state] federal and military personnel deployed */
    double *per100k;    /* [state] deployed per 100,000 residents */
    double *police;     /* [state] local police strength, 1 = 2000 */
    double *hom_recent; /* [state] recent organised-crime homicides (smoothed weekly count) */
    double *hom_week;   /* [state] scratch: last week's organised-crime homicides */
    double *confront;   /* [plaza] deaths in confrontations with the forces this week (members and forces) */
    double arrested, killed; /* members arrested, members killed in confrontations, this week */
    double confront_total;   /* deaths in confrontations this week, all plazas */
} Mexico;

int mexico_init(struct World *w, struct Error *err);
/** @brief Populations, deployment by state (by recent homicides and population) and police strength. */
void mexico_step(struct World *w);
/** @brief Police strength and deployment by state, members arrested. */
void mexico_observe(const struct World *w, double *row);
void mexico_free(struct World *w);
/** @brief Arrests by local police and deployed forces, and deaths in confrontations with them, of
 *  the members in plaza k this week (two Poisson draws whoever holds it: common random numbers);
 *  returns the members lost. */
long mexico_incapacitate(struct World *w, int k);

#endif
