/* demand.h: US consumer demand (docs/model.md section 4.1). */
#ifndef CARTELSIM_DEMAND_H
#define CARTELSIM_DEMAND_H

#include <stdint.h>

#include "drugs.h"

struct World;
struct Params;
struct Rng;
struct Error;

typedef enum UseState { US_LIGHT, US_HEAVY, US_TREAT, US_RECOVERED, N_USE_STATES, US_NONE = 255 } UseState;

/* One consumer agent stands for sim.agent_scale people. Events are kept in a calendar of weekly
 * buckets; an entry whose version no longer matches the agent's is stale and skipped. */
typedef struct Consumer {
    double t_event;   /* time of the next event, in weeks since the start of the run */
    uint32_t version; /* bumped at every reschedule */
    uint32_t serial;  /* unique per occupant of this slot (validates queue entries) */
    uint32_t roster;  /* position in the treatment roster in treatment; queue ticket while waiting */
    uint8_t drug, state, event, queued;
} Consumer;

typedef struct CalEntry {
    uint32_t idx, version;
} CalEntry;

typedef struct Bucket {
    CalEntry *e;
    uint32_t n, cap;
} Bucket;

typedef struct Demand {
    Consumer *agents;
    uint32_t n_agents, cap_agents;
    uint32_t *free_list;
    uint32_t n_free, cap_free;
    uint32_t next_serial;
    Bucket *cal;        /* one bucket per tick */
    int n_ticks;
    CalEntry *queue;    /* treatment waiting list (idx, ticket), FIFO */
    uint32_t next_ticket;
    uint32_t q_head, q_tail, q_cap;
    uint32_t *roster;   /* agents in treatment */
    uint32_t n_roster, cap_roster;
    long count[N_DRUGS][N_USE_STATES];
    long n_queued[N_DRUGS];
    double legal_share; /* cannabis bought from legal retail */
    double price[N_DRUGS];    /* retail price this week (exogenous lever or the market's) */
    double fentanyl[N_DRUGS]; /* fentanyl share of the supply this week */
    /* flows of the current week, in agents */
    long initiations[N_DRUGS], escalations[N_DRUGS], quits[N_DRUGS], admissions[N_DRUGS];
    long completions[N_DRUGS], lasting[N_DRUGS], relapses[N_DRUGS], od_deaths[N_DRUGS], od_deaths_fent[N_DRUGS];
    double agent_weeks; /* live agents summed over ticks (benchmark) */
    long events;        /* events processed (benchmark) */
} Demand;

/** @brief Create the 2000 population of users and the initial treatment occupancy. */
int demand_init(struct World *w, struct Error *err);
/** @brief One week: rescheduling after lever changes, initiation, events, treatment admissions. */
void demand_step(struct World *w);
/** @brief Fill this week's demand series in the metrics row. */
void demand_observe(const struct World *w, double *row);
/** @brief Release the demand state. */
void demand_free(struct World *w);

/** @brief Illicit and legal quantity demanded per week (kg) at retail price `price` (US$2010/g). */
double demand_weekly_kg(const struct World *w, const struct Params *p, int drug, double price);

/** @brief Treatment slots in agents for the current capacity. */
long demand_treatment_slots(const struct Params *p);

#endif
