/* interdiction.h: interdiction forces (model.md 4.3): the seizure probability of a load on each edge
 * under the levers, the effort each class of forces puts on each edge, its re-allocation toward
 * recent seizures, and the seizures counted by class. */
#ifndef CARTELSIM_INTERDICTION_H
#define CARTELSIM_INTERDICTION_H

#include <stdint.h>

#include "drugs.h"
#include "geography.h"

struct World;
struct Error;

typedef struct Interdiction {
    int n_edges;
    double *effort;              /* [edge]: effort multiplier (mean at most 1 within a class) */
    double *hot;                 /* [edge]: seizures since the last re-allocation */
    int64_t seized_g[N_EDGE_CLASSES][N_PRODUCTS]; /* this week, grams */
} Interdiction;

int interdiction_init(struct World *w, struct Error *err);
/** @brief Every interdiction.adapt_weeks weeks, re-allocate each class's effort toward the edges
 *  with recent seizures; clear the week's seizure counts. */
void interdiction_step(struct World *w);
/** @brief Seizures by product, in all and by class. */
void interdiction_observe(const struct World *w, double *row);
void interdiction_free(struct World *w);

/** @brief Probability that a load of product k is seized on edge e under the current levers. */
double interdiction_seizure_prob(const struct World *w, int e, int k);
/** @brief A load of `grams` of product k was seized on edge e (of class cls). */
static inline void interdiction_seized(Interdiction *d, int e, int cls, int k, int64_t grams)
{
    d->hot[e] += 1;
    d->seized_g[cls][k] += grams;
}

#endif
