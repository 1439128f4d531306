/* guns.h: the organisations' guns (model.md 4.9): purchases from the budget the books set aside,
 * depreciation, shares in splits and merges, and guns per member for the contests. */
#ifndef CARTELSIM_GUNS_H
#define CARTELSIM_GUNS_H

#include <stdint.h>

struct World;
struct Error;

typedef struct Guns {
    int cap;        /* organisation slots (orgs.cap) */
    int64_t *guns;  /* [org] guns held */
} Guns;

/** @brief The arsenals of 2000: guns.per_member x members. */
int guns_init(struct World *w, struct Error *err);
/** @brief Buy guns with the week's budget (finance.c) at guns.price; depreciation. */
void guns_step(struct World *w);
/** @brief Guns held by all organisations. */
void guns_observe(const struct World *w, double *row);
void guns_free(struct World *w);

/** @brief Guns per member of organisation o (0 without members). */
double guns_per_member(const struct World *w, int o);
/** @brief A faction takes its share fm/total of the parent's guns as they stood before the split
 *  began (guns0; whole guns, the remainder stays). */
void guns_split(struct World *w, int parent, int child, int64_t guns0, int64_t fm, int64_t total);
/** @brief Guns of `from` go to `into` (absorption). */
void guns_merge(struct World *w, int from, int into);

#endif
