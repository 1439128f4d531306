/* invariants.h: checks of a World after each week, read-only: what must hold whatever the
 * parameters. The runner (sim.c) calls invariants_check after every week in Debug builds (NDEBUG
 * undefined: `make test`'s sanitizer build); tests/unit/test_invariants.c calls it on a 2000-2100 run
 * in every build. It changes nothing, so results are the same with or without it. */
#ifndef CARTELSIM_INVARIANTS_H
#define CARTELSIM_INVARIANTS_H

#include "error.h"

struct World;

/** @brief Check the World and the week's metrics row just observed: every series finite; counts,
 *  masses, money, prices and dimensionless series non-negative (by the series' units), and shares
 *  (the series described as a share, and the HHI) at most 1; per
 *  organisation members, cash, guns and assault weapons non-negative, assault weapons at most the
 *  guns, the members tally equal to the members counted over its plazas; members on plazas
 *  non-negative and held only by active organisations. Returns CS_OK, or CS_ERR_RUNTIME with err
 *  naming the replicate, week and series or organisation at fault. */
int invariants_check(const struct World *w, const double *row, Error *err);

#endif
