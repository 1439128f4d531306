/* orgs.h: the organisations core (model.md 4.5): the registry of organisations, plaza ownership and
 * members per plaza, the tally, births, merges, the state of wars and the event log. Data and the
 * operations on them, no behaviour: the mechanisms (cartels, finance, guns, leadership, conflict,
 * diversification, mexico) decide what happens and change the territory only through these functions.
 *
 * An organisation holds plazas; each plaza has at most one controller, whose members stationed
 * there are an integer count (plaza_members). Organisations are born (the organisations of 2000,
 * splits) and die (absorbed, dissolved); slots are never reused, so an organisation's index is stable
 * for the whole run, indexes every mechanism's per-organisation state (arrays of orgs.cap entries)
 * and the /organisations table of the result. Every birth, death, split, merger, leader removal,
 * succession, war and peace is appended to the replicate's event log.
 *
 * The tally (members and plazas per organisation, the plaza with most members, dissolution) is
 * cached: every change of ownership or of members per plaza marks it stale, and orgs_tally
 * recomputes it only when stale. */
#ifndef CARTELSIM_ORGS_H
#define CARTELSIM_ORGS_H

#include <stdint.h>

struct World;
struct Error;

/* Activities members are allocated to (model.md 4.8). TRAFFIC earns the plant-based exports
 * (cocaine, heroin, cannabis), SYNTHETIC the methamphetamine and fentanyl exports. */
enum Activity { ACT_TRAFFIC, ACT_SYNTHETIC, ACT_RETAIL, ACT_EXTORTION, ACT_KIDNAPPING, ACT_AGRI, ACT_FUEL,
                ACT_MIGRANTS, N_ACTIVITIES };
extern const char *const orgs_activity_names[N_ACTIVITIES];

/* Events of the /events table. */
typedef enum EventKind { EV_BIRTH, EV_DEATH, EV_SPLIT, EV_MERGER, EV_SUCCESSION, EV_ARREST, EV_EXTRADITION,
                         EV_KILLING, EV_WAR, EV_PEACE, EV_LINK_LOST, EV_LINK_GAINED,
                         EV_DESIGNATION, EV_STRIKE, EV_ADOPTION, N_EVENT_KINDS } EventKind;
extern const char *const orgs_event_names[N_EVENT_KINDS];

typedef struct OrgEvent {
    int tick, kind, org, other, state; /* other: organisation or -1; state: index or -1 */
    double value;                      /* members involved, or 0 */
} OrgEvent;

#define MAX_ENEMIES 16

/* Why members on a plaza change (the ledger that invariants.c checks against the stock each week):
 * sources and sinks, and MF_MOVED for members moved between plazas or organisations, which nets to
 * zero within a week. */
typedef enum MemberFlow { MF_INITIAL, MF_RECRUITED, MF_FORCES /* arrested or killed by the state forces */,
                          MF_FIGHTS /* killed in fights */, MF_DESERTED, MF_STRUCK /* killed by US strikes */,
                          MF_DISPERSED /* left when their organisation dissolved or lost a plaza with nowhere to go */,
                          MF_MOVED, N_MEMBER_FLOWS } MemberFlow;

/* An organisation's record: identity, tally, supplier links, enemies and what the /organisations
 * table reports. The mechanisms keep their own per-organisation state (finance: cash; guns;
 * leadership: leaders, cohesion; diversification: activities). */
typedef struct Org {
    char id[48];
    int alive, parent, lineage, home_state, born, died;
    int patron;                       /* the organisation that adopted this group (cartels.c), or -1 */
    int64_t members;                  /* tally: sum of plaza_members over its plazas */
    int n_plazas;                     /* tally: plazas controlled */
    int main_plaza;                   /* tally: the plaza with most members, or -1 */
    int cocaine_link, precursor_link; /* suppliers: Andean cocaine, Asian precursors */
    int n_enemies, enemy[MAX_ENEMIES]; /* organisations at war with this one */
    double instability;               /* [0,1]: 1 at a leader's removal, fading (leadership.c sets it with
                                       * orgs_set_instability; conflict.c and diversification.c read it) */
    /* the /organisations table */
    double members_start, members_peak, cash_start;
    int cocaine_link_start, precursor_link_start;
} Org;

typedef struct War {
    int a, b;
    double deaths;                    /* since the war began */
} War;

typedef struct Orgs {
    int n, cap;                 /* organisations ever (slots used), capacity */
    Org *org;
    int *owner;                 /* plaza -> controlling organisation, or -1 (read; change with orgs_*) */
    int64_t *plaza_members;     /* plaza -> members of its controller there (read; change with orgs_*) */
    int stale;                  /* territory changed since the last tally */
    int n_wars, cap_wars;
    War *wars;
    int n_events, cap_events;
    OrgEvent *events;
    int out_of_memory;          /* the event log or war list could not grow */
    int64_t *cell_scratch;      /* [org][state] scratch of orgs_observe: members by organisation and state */
    unsigned char *network_scratch; /* [org][state] scratch of orgs_observe: it or a group it adopted holds a plaza there */
    int mergers, wars_started;  /* this week */
    int64_t ledger[N_MEMBER_FLOWS]; /* members added (or removed, negative) by cause since the start */
} Orgs;

/** @brief The organisations and territory of 2000 from the scenario's data (members scaled by
 *  cartels.members_scale, spread over their plazas by residents). */
int orgs_init(struct World *w, struct Error *err);
/** @brief Start of the week: the week's counts of mergers and wars begun. */
void orgs_step(struct World *w);
/** @brief Organisations active and major, members, wars, wars begun, mergers. */
void orgs_observe(const struct World *w, double *row);
void orgs_free(struct World *w);

/** @brief Recount members and plazas of every organisation from the plazas when the territory
 *  changed since the last tally; dissolve organisations left without plazas or below
 *  cartels.min_members (their remaining members disperse). */
void orgs_tally(struct World *w);
/** @brief Members of organisation o counted from its plazas now (without waiting for the tally). */
int64_t orgs_count_members(const struct World *w, int o);

/* Territory: every change marks the tally stale; every change of members is booked in the ledger
 * under its cause. */
static inline void orgs_add_members(Orgs *c, int k, int64_t delta, MemberFlow why)
{
    c->plaza_members[k] += delta;
    c->ledger[why] += delta;
    c->stale = 1;
}
static inline void orgs_set_plaza(Orgs *c, int k, int o, int64_t members, MemberFlow why)
{
    c->owner[k] = o;
    c->ledger[why] += members - c->plaza_members[k];
    c->plaza_members[k] = members;
    c->stale = 1;
}
static inline void orgs_set_owner(Orgs *c, int k, int o)
{
    c->owner[k] = o;
    c->stale = 1;
}

/** @brief 1 when a and b are of one lineage (an organisation of 2000 and its splinters) or one is the
 *  other's parent (the Gulf cartel and the Zetas in 2000). */
int orgs_related(const Orgs *c, int a, int b);
/** @brief 1 when a and b are the same organisation or related and not at war (allies pay no transit
 *  fees to each other and do not start wars on each other opportunistically). */
int orgs_allied(const Orgs *c, int a, int b);
/** @brief 1 when a and b are at war. */
int orgs_at_war(const Orgs *c, int a, int b);
/** @brief Append an event to the log. */
void orgs_event(Orgs *c, int tick, EventKind kind, int org, int other, int state, double value);
/** @brief Start a war between a and b (no-op when already at war); logs it. */
void orgs_war_start(Orgs *c, int tick, int a, int b);
/** @brief End war i of the war list (logs a peace event when log is set). */
void orgs_war_end(Orgs *c, int i, int tick, int log);
/** @brief Add deaths to the war between a and b, if they are at war. */
void orgs_war_deaths(Orgs *c, int a, int b, double deaths);
/** @brief New organisation slot (child of parent, same lineage, named after it, based in
 *  home_state); -1 when the capacity is reached. The mechanisms set up their own state of the newborn. */
int orgs_new(Orgs *c, int parent, int tick, int home_state);
/** @brief Supplier links of organisation o. */
/** @brief Instability [0,1] of organisation o after its leader's removal (leadership.c). */
static inline double orgs_instability(const Orgs *c, int o)
{
    return c->org[o].instability;
}
/** @brief Set it (leadership.c: 1 at a removal, fading over leadership.instability_time). */
static inline void orgs_set_instability(Orgs *c, int o, double v)
{
    c->org[o].instability = v;
}
/** @brief Group o is adopted by organisation p (an alliance: orgs_related holds; -1 ends it). */
static inline void orgs_set_patron(Orgs *c, int o, int p)
{
    c->org[o].patron = p;
}

static inline void orgs_set_links(Orgs *c, int o, int cocaine, int precursor)
{
    c->org[o].cocaine_link = cocaine;
    c->org[o].precursor_link = precursor;
}
/** @brief What the /organisations table reports of a newborn: members and cash at birth, its links. */
void orgs_record_birth(Orgs *c, int o, double members, double cash);
/** @brief Hand organisation `from`'s plazas, members and supplier links to `into`; `from` dies
 *  (logged as a merger). The mechanisms move their own state first (finance_merge, guns_merge). */
void orgs_merge(struct World *w, int from, int into, int tick);
/** @brief State of an organisation's plaza with most members at the last tally (its home state if it
 *  has none). */
int orgs_main_state(const struct World *w, int o);

#endif
