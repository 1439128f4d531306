/* conflict.h: wars, contests for plazas, executions and the homicide count (model.md 4.6). The state
 * of wars (who fights whom, deaths per war) is kept by the organisations core (orgs.h). */
#ifndef CARTELSIM_CONFLICT_H
#define CARTELSIM_CONFLICT_H

#include <stdint.h>

struct World;
struct Error;

/* Homicide types (model.md 4.6). */
enum HomicideType { HOM_INTERCARTEL, HOM_EXECUTION, HOM_STATE, HOM_COLLATERAL, HOM_OTHER, N_HOMICIDE_TYPES };
extern const char *const conflict_homicide_names[N_HOMICIDE_TYPES];

typedef struct Conflict {
    /* this week */
    double homicides[N_HOMICIDE_TYPES];
    double *plaza_homicides;    /* [plaza] all types but "other" (confrontations with the forces included) */
    double *state_homicides;    /* [state] all types */
    double *state_background;   /* [state] this week's homicides unrelated to organised crime (other) */
    double killed;              /* members killed in attacks */
    int attacks, plazas_taken;
    /* the assaults of outreach (conflict_assault, called by cartels.c before conflict_step), carried
     * into this week's count when conflict_step begins it */
    double carry_homicides[N_HOMICIDE_TYPES];
    double *carry_plaza;        /* [plaza] */
    double carry_killed;
    int carry_attacks, carry_taken;
    /* scratch, one entry per organisation slot */
    uint64_t *reach;            /* [org] bit mask of the states within reach */
    int *base;                  /* [org][state] largest plaza in the state, or -1 */
    int *target;                /* [org] the unrelated rival within reach it would attack, or -1 */
    double *ratio;              /* [org] strength ratio over that rival */
    double *str;                /* [org] strength of all its members this week */
    double *prize;              /* [org] scratch: worth of a rival's plazas within the attacker's reach */
    int *touched;               /* [org] scratch: rivals with plazas within reach, in plaza order */
    int *starting;              /* [org] scratch: the organisations that go to war this week, in order */
    double *worth;              /* [plaza] what holding it is worth to a rival: local takings + crossing rent */
    double *local_value;        /* [plaza] its local takings this week, as cartels.c values them (conflict_note_value) */
    double *raid_weight;        /* [plaza] max(worth, 1)^prize_focus: the share of raids it draws (this week) */
    int *state_first;           /* [state + 1] start of each state's plazas in state_plazas (fixed geography) */
    int *state_plazas;          /* [plaza] plaza indices by state, each state's in plaza order */
} Conflict;

int conflict_init(struct World *w, struct Error *err);
/** @brief The local value of plaza k this week (US$2010/yr: the pools of diversification.c), as
 *  cartels.c values it after recruitment: the part of a plaza's worth that is not a crossing's rent. */
static inline void conflict_note_value(Conflict *K, int k, double value)
{
    K->local_value[k] = value;
}
/** @brief New wars, attacks and control changes, peace, executions, homicides by plaza and state
 *  (with the deaths in confrontations with the forces, mexico.c, and the background). */
void conflict_step(struct World *w);
/** @brief Homicides by type, in all and by state; members killed; attacks; plazas taken. */
void conflict_observe(const struct World *w, double *row);
void conflict_free(struct World *w);
/** @brief Mean executions this week in plaza k by its controller (persons; 0 if uncontrolled), from
 *  this week's presence: the full wartime excess where an enemy can strike, execution_rear of it beyond. */
double conflict_execution_mean(const struct World *w, int k);
/** @brief Yearly rate at which organisation o goes to war with its target b, `ratio` times weaker
 *  (> 1), before the value of the trade: the strength term, conflict.splinter_rivalry for an
 *  organisation born during the run, and opportunism after b's leader's removal. */
double conflict_war_rate(const struct World *w, int o, int b, double ratio);

/** @brief Where organisation o sends an outreach cell of `cell` members (cartels.c), among the plazas
 *  of positive worth (conflict's, last week) in the states with present[s] == 0: the uncontrolled one
 *  of largest worth; when there is none (and assault > 0), the plaza held by an organisation
 *  unrelated to o of largest worth x the cell's Tullock share of strength against its garrison.
 *  -1 if none. */
int conflict_outreach_target(const struct World *w, int o, int64_t cell, const int *present, double assault);
/** @brief Outreach cell of `cell` members from o's plaza `from` assaults the held plaza `to`: a contest
 *  in which the plaza falls with `assault` x the cell's share of strength, deaths as in a raid; no war
 *  is declared (start_wars decides). u_win, u_deaths: the caller's uniforms. 1 if the plaza fell. */
int conflict_assault(struct World *w, int from, int to, int64_t cell, double assault, double u_win, double u_deaths);

#endif
