/* cartels.h: organisations, their territory and their history (model.md 4.5, with the state the
 * leadership, conflict, diversification and state-forces mechanisms share).
 *
 * An organisation holds plazas; each plaza has at most one controller, whose members stationed
 * there are an integer count (plaza_members). Members, cash (whole US$2010) and guns are integers so
 * that a split conserves them exactly. Organisations are born (splits, the organisations of 2000)
 * and die (absorbed, dissolved); slots are never reused, so an organisation's index is stable for
 * the whole run and indexes the /organisations table of the result. Every birth, death, split,
 * merger, leader removal, succession, war and peace is appended to the replicate's event log. */
#ifndef CARTELSIM_CARTELS_H
#define CARTELSIM_CARTELS_H

#include <stdint.h>

struct World;
struct Params;
struct Rng;

/* Activities members are allocated to (model.md 4.8). TRAFFIC earns the plant-based exports
 * (cocaine, heroin, cannabis), SYNTHETIC the methamphetamine and fentanyl exports. */
enum Activity { ACT_TRAFFIC, ACT_SYNTHETIC, ACT_RETAIL, ACT_EXTORTION, ACT_KIDNAPPING, ACT_AGRI, ACT_FUEL,
                ACT_MIGRANTS, N_ACTIVITIES };
extern const char *const activity_names[N_ACTIVITIES];

/* Homicide types (model.md 4.6). */
enum HomicideType { HOM_INTERCARTEL, HOM_EXECUTION, HOM_STATE, HOM_COLLATERAL, HOM_OTHER, N_HOMICIDE_TYPES };
extern const char *const homicide_type_names[N_HOMICIDE_TYPES];

/* Events of the /events table. */
typedef enum EventKind { EV_BIRTH, EV_DEATH, EV_SPLIT, EV_MERGER, EV_SUCCESSION, EV_ARREST, EV_EXTRADITION,
                         EV_KILLING, EV_WAR, EV_PEACE, EV_LINK_LOST, EV_LINK_GAINED, N_EVENT_KINDS } EventKind;
extern const char *const event_kind_names[N_EVENT_KINDS];

typedef struct OrgEvent {
    int tick, kind, org, other, state; /* other: organisation or -1; state: index or -1 */
    double value;                      /* members involved, or 0 */
} OrgEvent;

#define MAX_LIEUTENANTS 6
#define MAX_ENEMIES 16

/* A leader or lieutenant (model.md 4.7). Visibility grows with time in post and with the size of the
 * organisation; protection combines the organisation's bribes and the person's own guard. */
typedef struct Leader {
    double tenure;                    /* weeks in post */
    double guard;                     /* personal protection [0,1) */
    int jailed;                       /* 1: commands from a Mexican prison (leaders only) */
} Leader;

typedef struct Org {
    char id[48];
    int alive, parent, lineage, home_state, born, died;
    int64_t members, cash, arms;      /* members: sum of plaza_members over its plazas */
    int n_plazas;                     /* plazas controlled (tallied) */
    int main_plaza;                   /* the plaza with most members at the last tally, or -1 */
    double cohesion;                  /* [0,1] */
    double protection;                /* [0,1): bought with bribes (corruption) */
    int cocaine_link, precursor_link;
    Leader leader;
    int n_lieutenants;
    Leader lt[MAX_LIEUTENANTS];       /* each heads a faction (the factions of a split) */
    double share[N_ACTIVITIES];       /* members on each activity (sums to 1) */
    double revenue[N_ACTIVITIES];     /* this week, US$2010 */
    double smooth[N_ACTIVITIES];      /* weekly revenue by activity, smoothed over about a quarter */
    double traffic_fast, traffic_slow; /* smoothed trafficking revenue (squeeze signal) */
    double squeeze;                   /* [0,1]: loss of trafficking income, speeds diversification */
    double instability;               /* [0,1]: 1 at a leader's removal, fading (raises executions) */
    double members_start, members_peak, cash_start;
    int cocaine_link_start, precursor_link_start;
    int n_enemies, enemy[MAX_ENEMIES]; /* organisations at war with this one */
} Org;

typedef struct War {
    int a, b;
    double deaths;                    /* since the war began */
} War;

typedef struct Cartels {
    int n, cap;                 /* organisations ever (slots used), capacity */
    Org *org;
    int *owner;                 /* plaza -> controlling organisation, or -1 */
    int64_t *plaza_members;     /* plaza -> members of its controller there */
    double *plaza_homicides;    /* plaza -> homicides this week (all types but "other") */
    int n_wars, cap_wars;
    War *wars;
    int n_events, cap_events;
    OrgEvent *events;
    /* weekly tallies for the output */
    double homicides[N_HOMICIDE_TYPES];
    double *state_homicides;    /* [state] */
    double recruits, arrested, killed_state, killed_conflict;
    int leaders_arrested, leaders_extradited, leaders_killed, lieutenants_removed;
    int successions, splits, mergers, wars_started, attacks, plazas_taken;
    double extortion_victims, kidnapping_victims;
} Cartels;

/** @brief Organisations and territory of 2000 from the scenario's data. */
int cartels_init(struct World *w, const struct Params *p, struct Rng *rng);
/** @brief Income and costs, recruitment, incapacitation, corruption, expansion, absorption and links. */
void cartels_step(struct World *w, const struct Params *p, struct Rng *rng, int tick);
void cartels_observe(const struct World *w, double *row);
void cartels_free(struct World *w);
/** @brief 1 when a and b are of one lineage (an organisation of 2000 and its splinters) or one is the
 *  other's parent (the Gulf cartel and the Zetas in 2000). */
int cartels_related(const Cartels *c, int a, int b);
/** @brief 1 when a and b are the same organisation or related and not at war (allies pay no transit
 *  fees to each other and do not start wars on each other opportunistically). */
int cartels_allied(const Cartels *c, int a, int b);
/** @brief 1 when a and b are at war. */
int cartels_at_war(const Cartels *c, int a, int b);
/** @brief Append an event to the log. */
void cartels_event(Cartels *c, int tick, EventKind kind, int org, int other, int state, double value);
/** @brief Start a war between a and b (no-op when already at war); logs it. */
void cartels_war_start(Cartels *c, int tick, int a, int b);
/** @brief End war i of the war list (logs a peace event when log is set). */
void cartels_war_end(Cartels *c, int i, int tick, int log);
/** @brief New organisation slot (child of parent, same lineage); NULL when the capacity is reached. */
Org *cartels_new_org(Cartels *c, int parent, int tick);
/** @brief Recount members and plazas of every organisation from the plazas; dissolve organisations
 *  left without plazas or below cartels.min_members (their remaining members disperse). */
void cartels_tally(struct World *w, const struct Params *p, int tick);
/** @brief Merge organisation `from` into `into` (plazas, members, cash, guns); logs it. */
void cartels_merge(struct World *w, int from, int into, int tick);
/** @brief State of an organisation's plaza with most members at the last tally (its home state if it
 *  has none). */
int cartels_main_state(const struct World *w, int o);

#endif
