/* deportation.h: removals from the US and the offshoots that deportees with gang ties found abroad
 * (El Salvador, Honduras, Guatemala), their growth by recruitment and the transit service they give
 * their Mexican partners on the legs of the cocaine routes through Central America (model.md 3.16). */
#ifndef CARTELSIM_DEPORTATION_H
#define CARTELSIM_DEPORTATION_H

struct World;
struct Error;

/* Countries that receive deportees and where offshoots grow. */
enum dep_country { DEP_EL_SALVADOR, DEP_HONDURAS, DEP_GUATEMALA, N_DEP_COUNTRIES };
extern const char *const deportation_country_names[N_DEP_COUNTRIES];

/* Offshoots a country can hold (cliques of the gangs founded by deportees). */
#define DEP_MAX_OFFSHOOTS 16

/* An offshoot abroad: its country, members and the Mexican organisation it works for. */
typedef struct Offshoot {
    int country;
    double members;
    int partner;                      /* organisation slot, or -1 (none alive with a cocaine link) */
} Offshoot;

typedef struct Deportation {
    int n;                            /* offshoots founded so far (never removed) */
    Offshoot off[N_DEP_COUNTRIES * DEP_MAX_OFFSHOOTS];
    int node;                         /* the Central American transit node of the route graph, or -1 */
    int cap;                          /* organisation slots (orgs.cap) */
    double *cover;                    /* [org] seizure cover on the Central American legs, this week */
    /* this week */
    double deportees, deportees_gang;
} Deportation;

/** @brief No offshoots yet; finds the route graph's Central American node. */
int deportation_init(struct World *w, struct Error *err);
/** @brief Deportees arrive; deportees with gang ties found offshoots or join them; offshoots
 *  recruit; each works for the largest organisation with a cocaine link; the cover they give. */
void deportation_step(struct World *w);
/** @brief Deportees, those with gang ties, offshoots and their members. */
void deportation_observe(const struct World *w, double *row);
void deportation_free(struct World *w);

/** @brief Factor (0..1] on the seizure probability of organisation o's loads on edge e: below 1 on
 *  the legs into and out of Central America when o's offshoots abroad work for it. */
double deportation_transit_factor(const struct World *w, int o, int e);
/** @brief 1 when organisation o's offshoots abroad give it cover this week (some transit factor below 1). */
int deportation_covers(const struct World *w, int o);
/** @brief Deportees to Mexico this week (they may try to cross again: border.c). */
double deportation_to_mexico(const struct World *w);

#endif
