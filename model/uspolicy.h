/* uspolicy.h: US-Mexico relations (model.md 3.19): the US government's levers against the
 * organisations and what they do to the relation with Mexico and with the organisations: terrorist
 * designation (sanctions, intelligence, hostility), US military strikes (targets, casualties, Mexico's
 * consent), the Mexican cooperation index, each organisation's hostility toward the US, retaliation
 * against US nationals and tourists, travel advisories and tourist arrivals, and tariffs tied to
 * fentanyl (China's and Mexico's cooperation on precursors and enforcement). */
#ifndef CARTELSIM_USPOLICY_H
#define CARTELSIM_USPOLICY_H

#include <stdint.h>

struct World;
struct Error;

/* Targets of a US strike. */
enum StrikeTarget { STRIKE_LEADER, STRIKE_LAB, STRIKE_PLAZA, N_STRIKE_TARGETS };

typedef struct UsPolicy {
    int cap;                     /* organisation slots (orgs.cap) */
    unsigned char *designated;   /* [org] 1: designated a foreign terrorist organisation */
    unsigned char *seen;         /* [org] 1: its hostility has been set up */
    unsigned char *struck;       /* [org] 1: a strike this week removes its leader (leadership.c reads it) */
    double *hostility;           /* [org] [0,1]: hostility toward the US */
    double *lab_damage;          /* [org] [0,1]: share of its synthetic production lost to strikes on labs */
    double cooperation;          /* [0,1]: Mexican cooperation (joint operations, extraditions, intelligence) */
    double china_stop;           /* share of precursor arrivals China stops at source (tariffs) */
    int n_states, n_plazas;
    double *incidents_year;      /* [state] retaliation incidents, smoothed over about a year (per year) */
    double *hom_year;            /* [state] homicides, smoothed over about a year (per week) */
    double *advisory;            /* [state] travel advisory level 1-4 */
    double *strike_members;      /* [plaza] members killed by strikes this week (conflict.c counts them) */
    double *strike_civilians;    /* [plaza] bystanders killed by strikes this week */
    double *incidents_state;     /* [state] retaliation incidents this week */
    int tourist_plazas_total;
    int *tourist_plazas;         /* [state] plazas flagged tourist */
    /* this week */
    double strikes, strikes_unconsented, strikes_target[N_STRIKE_TARGETS], strike_leaders_killed;
    double strike_members_total, strike_civilians_total, incidents, tourists, cash_seized;
} UsPolicy;

/** @brief Hostility of the organisations of 2000 (uspolicy.hostility.base), cooperation at its base. */
int uspolicy_init(struct World *w, struct Error *err);
/** @brief Designations, sanctions, cooperation, strikes, hostility, retaliation, advisories, tourists. */
void uspolicy_step(struct World *w);
/** @brief Hostility by lineage, cooperation, strikes and casualties, incidents, advisories, tourists. */
void uspolicy_observe(const struct World *w, double *row);
void uspolicy_free(struct World *w);

/** @brief Mexican cooperation index, 0..1 (1: full cooperation; uspolicy.cooperation.base: the
 *  cooperation of the record, at which the calibrated levers hold). */
double uspolicy_cooperation(const struct World *w);
/** @brief Factor on the levers that depend on Mexican cooperation (joint operations against leaders,
 *  extraditions, Mexican interdiction, precursor control): 1 + dependence x (cooperation / base - 1),
 *  exactly 1 at the base cooperation. */
double uspolicy_cooperation_factor(const struct World *w);
/** @brief Factor on the removal hazard of organisation o's leaders and lieutenants: cooperation and
 *  the intelligence that a terrorist designation brings. */
double uspolicy_leader_factor(const struct World *w, int o);
/** @brief Factor on member arrests in organisation o's plazas (a designation's intelligence). */
double uspolicy_member_factor(const struct World *w, int o);
/** @brief 1 when a US strike removes organisation o's leader this week. */
static inline int uspolicy_leader_struck(const UsPolicy *u, int o)
{
    return u->struck && o < u->cap && u->struck[o];
}
/** @brief Share [0,1] of organisation o's synthetic production lost to strikes on its laboratories. */
static inline double uspolicy_lab_damage(const UsPolicy *u, int o)
{
    return u->lab_damage && o < u->cap ? u->lab_damage[o] : 0.0;
}

#endif
