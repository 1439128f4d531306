/* cartels.h: how organisations grow and hold territory (model.md 4.5): recruitment, expansion into
 * neighbouring plazas, outreach to far states, absorption of small organisations, adoption of
 * orphaned groups and new supplier links. The registry of
 * organisations and plazas they change is the organisations core (orgs.h). */
#ifndef CARTELSIM_CARTELS_H
#define CARTELSIM_CARTELS_H

struct World;
struct Error;

typedef struct Cartels {
    double recruits;  /* this week */
    double entries;   /* this week: uncontrolled plazas entered for their local takings */
    int *prize;       /* [state] scratch: the uncontrolled plaza of largest local value, -1 if none */
    double *value;    /* [plaza] scratch: its local value this week (diversification_plaza_value) */
    double adoptions; /* this week: groups adopted by a rising patron */
    double outreach;  /* this week: cells sent to a state where their organisation held no plaza */
    double assaults;  /* this week: of those, the cells that assaulted a held plaza */
    double *trend;    /* [organisation slot] exponential mean of its members over cartels.adoption.memory */
    int *reach;       /* [state] scratch: 1 for the states an orphaned group's patron may come from */
    double *means;    /* [organisation slot] scratch: finance_recruit_means this week (recruitment, entry) */
} Cartels;

int cartels_init(struct World *w, struct Error *err);
/** @brief Recruitment (and, plaza by plaza, the state forces' arrests: mexico_incapacitate),
 *  expansion, absorption, supplier links. */
void cartels_step(struct World *w);
/** @brief Recruits. */
void cartels_observe(const struct World *w, double *row);
void cartels_free(struct World *w);

#endif
