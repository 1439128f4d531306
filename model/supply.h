/* supply.h: production for the US market (model.md 4.2). */
#ifndef CARTELSIM_SUPPLY_H
#define CARTELSIM_SUPPLY_H

#include <stdint.h>

#include "drugs.h"

struct World;
struct Params;
struct Error;

typedef struct Supply {
    int n_orgs;                   /* organisation slots (cartels.max_organisations) */
    int64_t *org_g;               /* [org][product]: grams each organisation ships this week */
    int64_t produced_g[N_PRODUCTS];
    int *org_origin;              /* [org][product]: plaza node where its shipments start, or -1 */
    double *weight;               /* [org][product]: share of the product's shipments */
    double precursor_kg;          /* synthetic output the week's precursors allow (kg) */
    int n_poppy, n_cannabis;      /* growing plazas (fixed with the data) */
    int *scratch;                 /* [4][org]: growing plazas held, Pacific port, largest plaza */
} Supply;

int supply_init(struct World *w, struct Error *err);
/** @brief Decide this week's shipments per organisation and product (integer grams). */
void supply_step(struct World *w);
/** @brief Produced by product, precursor arrivals. */
void supply_observe(const struct World *w, double *row);
void supply_free(struct World *w);

/** @brief Weekly production capacity of a product (kg; fentanyl in fentanyl kg), levers applied. */
double supply_capacity_kg(const struct World *w, const struct Params *p, int product);

#endif
