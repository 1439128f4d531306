/* diversification.h: what members do: exports or local crime, and the revenue of local crime
 * (model.md 4.8). */
#ifndef CARTELSIM_DIVERSIFICATION_H
#define CARTELSIM_DIVERSIFICATION_H

#include "orgs.h"

struct World;
struct Error;

typedef struct Diversification {
    int cap;                          /* organisation slots (orgs.cap) */
    double (*share)[N_ACTIVITIES];    /* [org] members on each activity (sums to 1) */
    int *flagged;                     /* [org] scratch: holds a poppy or cannabis plaza */
    int *first;                       /* [org + 1] scratch: start of each organisation's plazas in `held` */
    int *held;                        /* [plaza] scratch: the plazas held, by organisation, each in plaza order */
    double extortion_victims, kidnapping_victims; /* this week */
    int n_states;
    double *victims_state;            /* [2 x state] this week: extortion, then kidnapping victims by state */
} Diversification;

/** @brief Activities of 2000: diversification.shares_2000.* (exports: plant-based, or synthetic for
 *  an organisation with only a precursor link). */
int diversification_init(struct World *w, struct Error *err);
/** @brief Re-allocate members among activities; credit local activities' revenue; count victims. */
void diversification_step(struct World *w);
/** @brief Extortion and kidnapping victims. */
void diversification_observe(const struct World *w, double *row);
void diversification_free(struct World *w);

/** @brief What plaza k offers a controller in local crime, all activities (US$2010/yr): the pools. */
double diversification_plaza_value(const struct World *w, int k);
/** @brief Share of organisation o's members on activity a. */
static inline double diversification_share(const Diversification *d, int o, int a)
{
    return d->share[o][a];
}
/** @brief A newborn faction starts with its parent's activities. */
void diversification_inherit(struct World *w, int parent, int child);

#endif
