/* diversification.h: members' activities and the revenue of local crime (model.md 4.8). */
#ifndef CARTELSIM_DIVERSIFICATION_H
#define CARTELSIM_DIVERSIFICATION_H

struct World;
struct Params;
struct Rng;

/** @brief Re-allocate members among activities; credit local activities' revenue; count victims. */
void diversification_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);

#endif
