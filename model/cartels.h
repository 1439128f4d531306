/* cartels.h: how organisations grow and hold territory (model.md 4.5): recruitment, expansion into
 * neighbouring plazas, absorption of small organisations and new supplier links. The registry of
 * organisations and plazas they change is the organisations core (orgs.h). */
#ifndef CARTELSIM_CARTELS_H
#define CARTELSIM_CARTELS_H

struct World;
struct Error;

typedef struct Cartels {
    double recruits;  /* this week */
} Cartels;

int cartels_init(struct World *w, struct Error *err);
/** @brief Recruitment (and, plaza by plaza, the state forces' arrests: mexico_incapacitate),
 *  expansion, absorption, supplier links. */
void cartels_step(struct World *w);
/** @brief Recruits. */
void cartels_observe(const struct World *w, double *row);
void cartels_free(struct World *w);

#endif
