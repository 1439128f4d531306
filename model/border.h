/* border.h: enforcement between ports of entry (barrier and Border Patrol), unauthorised crossings,
 * smugglers' fees, and the shift of drug loads toward the ports of entry (model.md 3.17). */
#ifndef CARTELSIM_BORDER_H
#define CARTELSIM_BORDER_H

struct World;
struct Error;

typedef struct Border {
    double crossings;                 /* persons/yr */
    double fee;                       /* US$2010 per crossing */
    double smuggling_factor;          /* migrant-smuggling takings relative to the calibration's (1) */
    double drug_factor;               /* seizure effort on drugs between ports relative to the calibration's (1) */
} Border;

/** @brief The calibration's level: every factor 1. */
int border_init(struct World *w, struct Error *err);
/** @brief Crossings, fee and the factors of this week's enforcement and deportees re-entering. */
void border_step(struct World *w);
/** @brief Crossings, fee, organisations' revenue from migrant smuggling. */
void border_observe(const struct World *w, double *row);
void border_free(struct World *w);

/** @brief Factor on the migrant-smuggling pool of a border-crossing plaza (diversification.c). */
static inline double border_smuggling_factor(const Border *b)
{
    return b->smuggling_factor;
}
/** @brief Factor on the drug-seizure effort between ports of entry (interdiction.c). */
static inline double border_drug_factor(const Border *b)
{
    return b->drug_factor;
}

#endif
