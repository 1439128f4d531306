/* guns.h: the organisations' guns (model.md 4.9): purchases from US and other sellers through the
 * crossings, the assault-weapon share set by US laws, inspection at the border, depreciation, guns
 * seized by the state forces and captured in fights, and the lethality guns give. */
#ifndef CARTELSIM_GUNS_H
#define CARTELSIM_GUNS_H

#include <stdint.h>

#include "geography.h"

struct World;
struct Error;

/* Where guns come from: the four US border states, the rest of the US, other sources. */
enum GunSource { GS_TEXAS, GS_ARIZONA, GS_NEW_MEXICO, GS_CALIFORNIA, GS_REST_OF_US, GS_OTHER, N_GUN_SOURCES };
extern const char *const guns_source_names[N_GUN_SOURCES];

/* Why guns held change (the ledger that invariants.c checks against the arsenals each week); moves
 * between organisations (captures, splits, absorptions) are not flows. */
enum GunFlow { GF_BOUGHT, GF_WORN, GF_SEIZED /* by the forces or US strikes */, GF_LOST /* in fights, not captured */,
               N_GUN_FLOWS };

typedef struct Guns {
    int cap;                      /* organisation slots (orgs.cap) */
    int64_t *guns;                /* [org] guns held */
    int64_t *aw;                  /* [org] of which assault weapons */
    int *nearest_crossing;        /* [plaza] the crossing nearest to it */
    /* this week */
    double trafficked[N_GUN_SOURCES]; /* guns delivered into Mexico, by source */
    double *via_crossing;         /* [crossing] US guns delivered through it */
    double seized_border, seized_forces, captured;
    int week;                     /* the week these counts are of (guns can be seized before guns_step runs) */
    int64_t ledger[N_GUN_FLOWS];  /* guns added (or removed, negative) by cause since the start */
} Guns;

/** @brief The arsenals of 2000: guns.per_member x members, guns.aw_share_2000 of them assault weapons. */
int guns_init(struct World *w, struct Error *err);
/** @brief Buy guns with the week's budget (finance.c) through a crossing; border inspection;
 *  depreciation. */
void guns_step(struct World *w);
/** @brief Guns held, trafficked by source and crossing, seized, assault-weapon share, guns by state. */
void guns_observe(const struct World *w, double *row);
void guns_free(struct World *w);

/** @brief Guns per member of organisation o (0 without members). */
double guns_per_member(const struct World *w, int o);
/** @brief Lethality of organisation o's fighters relative to an arsenal with the assault-weapon share
 *  of a banned market: (1 + aw_lethality x share) / (1 + aw_lethality x aw_share.ban). */
double guns_lethality(const struct World *w, int o);
/** @brief Members of o arrested or killed by the forces lose their guns (seized). */
void guns_seize(struct World *w, int o, int64_t members);
/** @brief Fighters of `loser` killed in an attack by `winner`'s side: their guns are lost, a share
 *  capture_share goes to the other side. */
void guns_capture(struct World *w, int loser, int winner, int64_t killed);
/** @brief A faction takes its share fm/total of the parent's guns as they stood before the split
 *  began (guns0, aw0; whole guns, the remainder stays). */
void guns_split(struct World *w, int parent, int child, int64_t guns0, int64_t aw0, int64_t fm, int64_t total);
/** @brief Guns of `from` go to `into` (absorption). */
void guns_merge(struct World *w, int from, int into);

#endif
