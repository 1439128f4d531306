/* leadership.h: leaders and lieutenants, their removal, succession and fragmentation, and the
 * cohesion of organisations (model.md 4.7). */
#ifndef CARTELSIM_LEADERSHIP_H
#define CARTELSIM_LEADERSHIP_H

#include <stdint.h>

struct World;
struct Error;
struct Params;

#define MAX_LIEUTENANTS 6

/* A leader or lieutenant. Visibility grows with time in post and with the size of the organisation;
 * protection combines the organisation's bribes and the person's own guard. */
typedef struct Leader {
    double tenure;                    /* weeks in post */
    double guard;                     /* personal protection [0,1) */
    int jailed;                       /* 1: commands from a Mexican prison (leaders only) */
} Leader;

/* Per organisation slot: its leader, lieutenants (each heads a faction) and cohesion (the instability
 * after a leader's removal is kept by the organisations core: orgs_instability). */
typedef struct Command {
    Leader leader;
    int n_lieutenants;
    Leader lt[MAX_LIEUTENANTS];
    double cohesion;                  /* [0,1] */
} Command;

typedef struct Leadership {
    int cap;                          /* organisation slots (orgs.cap) */
    Command *cmd;                     /* [org] */
    /* this week */
    int leaders_arrested, leaders_extradited, leaders_killed, lieutenants_removed, successions, splits;
    int breakaways;                   /* this week: orphaned cells that broke away (break_away) */
    int transferred;                  /* prisoners sent to the US at once (leadership.transfer) */
} Leadership;

/** @brief Leaders and lieutenants of the organisations of 2000 (leadership.tenure_2000 in post). */
int leadership_init(struct World *w, struct Error *err);
/** @brief Cohesion recovers and instability fades; leader and lieutenant removals; successions and
 *  splits. */
void leadership_step(struct World *w);
/** @brief Leaders arrested, extradited and killed, lieutenants removed, successions, splits. */
void leadership_observe(const struct World *w, double *row);
void leadership_free(struct World *w);

/** @brief Lieutenants (factions) of an organisation of this size (2..MAX_LIEUTENANTS). */
int leadership_lieutenants(const struct Params *p, int64_t members);
/** @brief Split organisation o into up to n_factions factions (see leadership.c); returns the number
 *  of factions made (below 2: no split happened). */
int leadership_split(struct World *w, int o, int n_factions);
/** @brief Orphaned cells after the removal of o's leader: each plaza of o in state s but its main plaza
 *  becomes a new local group with probability leadership.cell_breakaway (members, cash and guns in
 *  proportion, no supplier link). Returns the number of new groups. */
int leadership_break_away(struct World *w, int o, int s);
/** @brief Cohesion [0,1] of organisation o. */
static inline double leadership_cohesion(const Leadership *l, int o)
{
    return l->cmd[o].cohesion;
}

#endif
