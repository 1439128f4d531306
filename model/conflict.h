/* conflict.h: wars, contests for plazas and homicides (model.md 4.6). */
#ifndef CARTELSIM_CONFLICT_H
#define CARTELSIM_CONFLICT_H

struct World;
struct Params;
struct Rng;

/** @brief New wars, attacks and control changes, peace, executions, homicides by plaza and state. */
void conflict_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);

#endif
