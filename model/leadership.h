/* leadership.h: leaders, removals, succession and fragmentation (model.md 4.7). */
#ifndef CARTELSIM_LEADERSHIP_H
#define CARTELSIM_LEADERSHIP_H

#include <stdint.h>

struct World;
struct Params;
struct Rng;

/** @brief Leader and lieutenant removals; successions and splits. */
void leadership_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);
/** @brief Lieutenants (factions) of an organisation of this size (2..MAX_LIEUTENANTS). */
int leadership_lieutenants(const struct Params *p, int64_t members);
struct Org;
/** @brief A new leader with `tenure` weeks in post. */
void leadership_appoint(struct Org *x, const struct Params *p, double tenure);
/** @brief Fill the lieutenant posts for the organisation's size: newcomers get `tenure` weeks in
 *  post; the longest appointed stay when it shrinks. */
void leadership_staff(struct Org *x, const struct Params *p, double tenure);
/** @brief Split organisation o into up to n_factions factions (see leadership.c); returns the number
 *  of factions made (below 2: no split happened). */
int leadership_split(struct World *w, const struct Params *p, struct Rng *rng, int o, int n_factions, int tick);

#endif
