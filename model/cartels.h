/* cartels.h: organisations and their territory (model.md 4.5). In this version territory is fixed
 * at its 2000 extent (scenarios/data/organisations.csv): each plaza has at most one controller, an
 * organisation and its parent or children are allies (no transit fees between them), and revenue is
 * credited to the organisation that delivered. Recruitment, conflict and fragmentation come later. */
#ifndef CARTELSIM_CARTELS_H
#define CARTELSIM_CARTELS_H

struct World;
struct Params;
struct Rng;

typedef struct Cartels {
    int n;          /* organisations */
    int *owner;     /* plaza -> controlling organisation, or -1 */
    int *family;    /* organisation -> its top ancestor (allies share one) */
    double *revenue; /* US$2010 this week, per organisation */
} Cartels;

/** @brief Territory of 2000 from the scenario's data. */
int cartels_init(struct World *w, const struct Params *p, struct Rng *rng);
/** @brief Clear the week's revenue (credited by trafficking). */
void cartels_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);
void cartels_observe(const struct World *w, double *row);
void cartels_free(struct World *w);
/** @brief 1 when a and b are the same organisation or allies. */
int cartels_allied(const Cartels *c, int a, int b);

#endif
