/* mexico.h: Mexican state forces (model.md 4.10, Mexican part): federal and military deployment by
 * state, local police strength, and the state populations the other mechanisms scale with. */
#ifndef CARTELSIM_MEXICO_H
#define CARTELSIM_MEXICO_H

struct World;
struct Params;
struct Rng;

typedef struct Mexico {
    int n_states;
    double *pop;        /* [state] residents this year (linear between the 2000 and 2020 censuses, flat after) */
    double *troops;     /* [state] federal and military personnel deployed */
    double *per100k;    /* [state] deployed per 100,000 residents */
    double *police;     /* [state] local police strength, 1 = 2000 */
    double *hom_recent; /* [state] recent organised-crime homicides (smoothed weekly count) */
    double *hom_week;   /* [state] scratch: last week's organised-crime homicides */
} Mexico;

int mexico_init(struct World *w, const struct Params *p, struct Rng *rng);
/** @brief Populations, deployment by state (by recent homicides and population) and police strength. */
void mexico_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);
void mexico_observe(const struct World *w, double *row);
void mexico_free(struct World *w);

#endif
