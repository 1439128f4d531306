/* demand.c: US consumer demand for cannabis, cocaine, opioids and methamphetamine (model.md 4.1).
 *
 * LHY initiation (Behrens et al. 1999, 2000): new light users per year
 *     I = (tau + s L exp(-q H / L)) x (1 - prevention reach x efficacy) x (p / p_ref)^init_elasticity,
 * drawn weekly as Poisson by inversion. Each user is an agent with competing risks per year:
 *     light:      quit a, escalate b, overdose od x light_ratio
 *     heavy:      quit g, seek treatment (or, while queued, give up waiting), overdose od
 *     treatment:  episode end 1/duration (completion or dropout), overdose od x treatment_ratio
 *     recovered:  relapse (completers relapse with probability relapse_prob, after Exp(relapse_rate))
 * Waiting times are exact: the next event of an agent is drawn from the total hazard of its state and
 * kept in a weekly calendar, so an agent costs nothing in the weeks between its events. The overdose
 * hazard moves every week with the fentanyl share and naloxone coverage; it is handled exactly by
 * thinning (Lewis & Shedler 1979): candidates are drawn at the bound od x fentanyl_rr and accepted with
 * probability (1 + (rr-1) f)(1 - coverage x efficacy) / rr. When a lever that enters a hazard changes,
 * every agent is rescheduled from that tick (exact by memorylessness). Treatment slots are shared by
 * the four drugs; seekers wait in one FIFO queue and are admitted at the end of the week. */
#include "demand.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

enum Event { EV_QUIT, EV_ESCALATE, EV_SEEK, EV_ABANDON, EV_OD, EV_TREAT_END, EV_RELAPSE, N_EVENTS };

/* Levers that enter an agent's hazards: a change in any of them reschedules every agent. */
static const int hazard_params[] = {P_DEM_A,        P_DEM_B,        P_DEM_G,       P_DEM_SEEK,
                                    P_DEM_OD_RATE,  P_DEM_OD_LIGHT, P_DEM_OD_TREAT, P_DEM_FENT_RR,
                                    P_DEM_TREAT_DURATION, P_DEM_QUEUE_ABANDON};

static int is_drug_param(int id)
{
    return id == P_DEM_A || id == P_DEM_B || id == P_DEM_G || id == P_DEM_SEEK || id == P_DEM_OD_RATE;
}

long demand_treatment_slots(const Params *p)
{
    return (long)floor(PV(p, P_DEM_TREAT_CAPACITY) / PV(p, P_SIM_AGENT_SCALE) + 1e-9);
}

/* ---- agent pool and calendar ------------------------------------------------------------------- */

static void *grow(void *ptr, uint32_t *cap, size_t elem)
{
    *cap = *cap ? 2 * *cap : 1024;
    void *q = realloc(ptr, (size_t)*cap * elem);
    if (!q) { /* the agent pool cannot grow mid-week: end the run with an error (no result is written yet) */
        fprintf(stderr, "cartelsim: out of memory for %u consumer agents or calendar entries; "
                        "try a coarser sim.agent_scale\n", *cap);
        exit(CS_ERR_RUNTIME);
    }
    return q;
}

/* How far ahead the agent slots of the calendar, the free list and the treatment queue are fetched:
 * their order is not memory order, and at 1 agent = 1 person the pool (about 28 million agents) is
 * far larger than the caches. */
#define AGENT_PREFETCH 32

static uint32_t agent_new(Demand *d, int drug, int state)
{
    uint32_t i;
    if (d->n_free) {
        i = d->free_list[--d->n_free];
        if (d->n_free >= AGENT_PREFETCH) /* the slots of the coming births are cold: fetch ahead */
            __builtin_prefetch(&d->agents[d->free_list[d->n_free - AGENT_PREFETCH]], 1);
    } else {
        if (d->n_agents == d->cap_agents)
            d->agents = grow(d->agents, &d->cap_agents, sizeof(Consumer));
        i = d->n_agents++;
        d->agents[i].version = 0;
    }
    Consumer *c = &d->agents[i];
    c->drug = (uint8_t)drug;
    c->state = (uint8_t)state;
    c->queued = 0;
    c->serial = ++d->next_serial;
    c->version++;
    d->count[drug][state]++;
    return i;
}

static void roster_remove(Demand *d, uint32_t i)
{
    const uint32_t pos = d->agents[i].roster, last = d->roster[--d->n_roster];
    d->roster[pos] = last;
    d->agents[last].roster = pos;
}

static void set_state(Demand *d, uint32_t i, int state)
{
    Consumer *c = &d->agents[i];
    if (c->state == US_TREAT)
        roster_remove(d, i);
    if (c->queued) {
        c->queued = 0;
        d->n_queued[c->drug]--;
    }
    d->count[c->drug][c->state]--;
    c->state = (uint8_t)state;
    if (state == US_NONE) {
        c->version++; /* invalidates calendar entries */
        c->serial = 0;
        if (d->n_free == d->cap_free)
            d->free_list = grow(d->free_list, &d->cap_free, sizeof(uint32_t));
        d->free_list[d->n_free++] = i;
        return;
    }
    d->count[c->drug][state]++;
    if (state == US_TREAT) {
        if (d->n_roster == d->cap_roster)
            d->roster = grow(d->roster, &d->cap_roster, sizeof(uint32_t));
        c->roster = d->n_roster;
        d->roster[d->n_roster++] = i;
    }
}

static void cal_push(Demand *d, uint32_t i)
{
    const Consumer *c = &d->agents[i];
    if (!(c->t_event < d->n_ticks))
        return; /* after the end of the run: never happens */
    Bucket *b = &d->cal[(int)c->t_event];
    if (b->n == b->cap)
        b->e = grow(b->e, &b->cap, sizeof(CalEntry));
    b->e[b->n++] = (CalEntry){i, c->version};
}

/* Competing risks of agent i from time t: draw the waiting time at the total rate and the event in
 * proportion to its rate (rates per week; the overdose rate is the thinning bound). */
static void schedule(Demand *d, const Params *p, Rng *rng, uint32_t i, double t)
{
    Consumer *c = &d->agents[i];
    const int g = c->drug;
    double rate[N_EVENTS] = {0};
    const double od_bound = PD(p, P_DEM_OD_RATE, g) * PV(p, P_DEM_FENT_RR);
    RngStream stream = RNG_USE;
    switch (c->state) {
    case US_LIGHT:
        rate[EV_QUIT] = PD(p, P_DEM_A, g);
        rate[EV_ESCALATE] = PD(p, P_DEM_B, g);
        rate[EV_OD] = od_bound * PV(p, P_DEM_OD_LIGHT);
        break;
    case US_HEAVY:
        rate[EV_QUIT] = PD(p, P_DEM_G, g);
        rate[EV_SEEK] = c->queued ? 0.0 : PD(p, P_DEM_SEEK, g);
        rate[EV_ABANDON] = c->queued ? PV(p, P_DEM_QUEUE_ABANDON) : 0.0;
        rate[EV_OD] = od_bound;
        break;
    case US_TREAT:
        rate[EV_TREAT_END] = WEEKS_PER_YEAR / PV(p, P_DEM_TREAT_DURATION);
        rate[EV_OD] = od_bound * PV(p, P_DEM_OD_TREAT);
        stream = RNG_TREATMENT;
        break;
    case US_RECOVERED: /* the relapse time is drawn once, at completion (see treatment_end) */
        return;
    }
    double total = 0;
    for (int e = 0; e < N_EVENTS; e++)
        total += rate[e];
    c->version++;
    if (!(total > 0)) {
        c->t_event = INFINITY;
        return;
    }
    c->t_event = t + rng_exponential(rng, stream, total / WEEKS_PER_YEAR);
    double u = rng_uniform(rng, stream) * total;
    int e = 0;
    while (e < N_EVENTS - 1 && (u >= rate[e] || rate[e] == 0)) {
        u -= rate[e];
        e++;
    }
    while (rate[e] == 0) /* rounding guard: fall back to the last event with a positive rate */
        e--;
    c->event = (uint8_t)e;
    cal_push(d, i);
}

/* ---- set-up ---------------------------------------------------------------------------------------- */

int demand_init(World *w, Error *err)
{
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    Demand *d = &w->demand;
    memset(d, 0, sizeof *d);
    d->n_ticks = w->n_ticks;
    d->cal = calloc((size_t)d->n_ticks + 1, sizeof(Bucket));
    if (!d->cal)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for the demand calendar (%d weeks)", d->n_ticks);
    const double scale = w->scale;
    long heavy[N_DRUGS];
    double weight[N_DRUGS], wsum = 0;
    for (int g = 0; g < N_DRUGS; g++) {
        const long nl = lround(PD(p, P_DEM_LIGHT0, g) / scale);
        heavy[g] = lround(PD(p, P_DEM_HEAVY0, g) / scale);
        for (long k = 0; k < nl; k++)
            agent_new(d, g, US_LIGHT);
        weight[g] = (double)heavy[g] * PD(p, P_DEM_SEEK, g);
        wsum += weight[g];
    }
    /* Initial occupancy: slots shared in proportion to heavy users x seeking rate (capped). */
    const long slots = demand_treatment_slots(p);
    for (int g = 0; g < N_DRUGS; g++) {
        long in_treat = wsum > 0 ? (long)floor((double)slots * weight[g] / wsum) : 0;
        if (in_treat > heavy[g])
            in_treat = heavy[g];
        for (long k = 0; k < heavy[g]; k++) {
            const uint32_t i = agent_new(d, g, US_HEAVY);
            if (k < in_treat)
                set_state(d, i, US_TREAT);
        }
    }
    for (uint32_t i = 0; i < d->n_agents; i++)
        schedule(d, p, rng, i, 0.0);
    d->legal_share = 0.0;
    return CS_OK;
}

void demand_free(World *w)
{
    Demand *d = &w->demand;
    for (int t = 0; d->cal && t <= d->n_ticks; t++)
        free(d->cal[t].e);
    free(d->cal);
    free(d->agents);
    free(d->free_list);
    free(d->queue);
    free(d->roster);
    memset(d, 0, sizeof *d);
}

/* ---- the weekly step ------------------------------------------------------------------------------ */

static void initiation(Demand *d, const Params *p, Rng *rng, int tick, double scale)
{
    const double prevention = 1.0 - PV(p, P_DEM_PREVENTION_REACH) * PV(p, P_DEM_PREVENTION_EFFICACY);
    for (int g = 0; g < N_DRUGS; g++) {
        const double L = (double)d->count[g][US_LIGHT] * scale;
        const double H = (double)(d->count[g][US_HEAVY]) * scale;
        const double contagion = L > 0 ? PD(p, P_DEM_S, g) * L * exp(-PD(p, P_DEM_Q, g) * H / L) : 0.0;
        const double price = d->price[g] / PD(p, P_DEM_PRICE_REF, g);
        const double per_year =
            (PD(p, P_DEM_TAU, g) + contagion) * prevention * pow(price, PD(p, P_DEM_INIT_ELASTICITY, g));
        const unsigned long n = rng_poisson_inv(rng, RNG_INITIATION, per_year / WEEKS_PER_YEAR / scale);
        for (unsigned long k = 0; k < n; k++) {
            const uint32_t i = agent_new(d, g, US_LIGHT);
            schedule(d, p, rng, i, tick + 0.5);
        }
        d->initiations[g] = (long)n;
    }
}

static void remove_agent(Demand *d, uint32_t i)
{
    set_state(d, i, US_NONE);
}

static void treatment_end(Demand *d, const Params *p, Rng *rng, uint32_t i)
{
    Consumer *c = &d->agents[i];
    const int g = c->drug;
    if (rng_uniform(rng, RNG_TREATMENT) >= PV(p, P_DEM_TREAT_COMPLETION)) {
        set_state(d, i, US_HEAVY); /* dropout */
        schedule(d, p, rng, i, c->t_event);
        return;
    }
    d->completions[g]++;
    if (rng_uniform(rng, RNG_TREATMENT) >= PV(p, P_DEM_RELAPSE_PROB)) {
        d->lasting[g]++;
        remove_agent(d, i); /* lasting recovery: leaves the user population */
        return;
    }
    set_state(d, i, US_RECOVERED);
    c->version++;
    c->event = EV_RELAPSE;
    c->t_event += rng_exponential(rng, RNG_TREATMENT, PV(p, P_DEM_RELAPSE_RATE) / WEEKS_PER_YEAR);
    cal_push(d, i);
}

static void overdose(Demand *d, const Params *p, Rng *rng, uint32_t i)
{
    Consumer *c = &d->agents[i];
    const int g = c->drug;
    const double rr = PV(p, P_DEM_FENT_RR), f = d->fentanyl[g];
    const double fent = 1.0 + (rr - 1.0) * f;
    const double naloxone = 1.0 - PV(p, P_DEM_NALOXONE_COVERAGE) * PV(p, P_DEM_NALOXONE_EFFICACY);
    if (rng_uniform(rng, RNG_OVERDOSE) * rr >= fent * naloxone) { /* thinned: not a death */
        schedule(d, p, rng, i, c->t_event);
        return;
    }
    d->od_deaths[g]++;
    if (rng_uniform(rng, RNG_OVERDOSE) * fent < fent - 1.0)
        d->od_deaths_fent[g]++; /* attributable to fentanyl: share (rr-1)f / (1+(rr-1)f) */
    remove_agent(d, i);
}

static void handle_event(Demand *d, const Params *p, Rng *rng, uint32_t i)
{
    Consumer *c = &d->agents[i];
    const int g = c->drug;
    switch (c->event) {
    case EV_QUIT:
        d->quits[g]++;
        remove_agent(d, i);
        break;
    case EV_ESCALATE:
        d->escalations[g]++;
        set_state(d, i, US_HEAVY);
        schedule(d, p, rng, i, c->t_event);
        break;
    case EV_SEEK:
        if (d->q_tail - d->q_head == d->q_cap || d->q_tail == d->q_cap) { /* compact or grow the queue */
            const uint32_t n = d->q_tail - d->q_head;
            if (n && d->q_head)
                memmove(d->queue, d->queue + d->q_head, n * sizeof(CalEntry));
            d->q_head = 0;
            d->q_tail = n;
            if (n == d->q_cap)
                d->queue = grow(d->queue, &d->q_cap, sizeof(CalEntry));
        }
        /* The ticket (kept in the roster field while waiting) validates the queue entry. */
        c->roster = ++d->next_ticket;
        d->queue[d->q_tail++] = (CalEntry){i, c->roster};
        c->queued = 1;
        d->n_queued[g]++;
        schedule(d, p, rng, i, c->t_event);
        break;
    case EV_ABANDON:
        c->queued = 0;
        d->n_queued[g]--;
        schedule(d, p, rng, i, c->t_event);
        break;
    case EV_OD:
        overdose(d, p, rng, i);
        break;
    case EV_TREAT_END:
        treatment_end(d, p, rng, i);
        break;
    case EV_RELAPSE:
        d->relapses[g]++;
        set_state(d, i, US_HEAVY);
        schedule(d, p, rng, i, c->t_event);
        break;
    }
}

/* Admit from the head of the queue while slots are free; discharge the excess after a capacity cut. */
static void treatment_admit(Demand *d, const Params *p, Rng *rng, int tick)
{
    const long slots = demand_treatment_slots(p);
    while ((long)d->n_roster > slots) {
        const uint32_t i = d->roster[d->n_roster - 1];
        set_state(d, i, US_HEAVY);
        schedule(d, p, rng, i, tick + 1.0);
    }
    while ((long)d->n_roster < slots && d->q_head < d->q_tail) {
        if (d->q_head + AGENT_PREFETCH < d->q_tail)
            __builtin_prefetch(&d->agents[d->queue[d->q_head + AGENT_PREFETCH].idx]);
        const CalEntry q = d->queue[d->q_head++];
        Consumer *c = &d->agents[q.idx];
        if (c->state != US_HEAVY || !c->queued || c->roster != q.version)
            continue; /* left the queue: gave up, quit, died */
        d->admissions[c->drug]++;
        set_state(d, q.idx, US_TREAT);
        schedule(d, p, rng, q.idx, tick + 1.0);
    }
}

void demand_step(World *w)
{
    const Params *p = &w->p;
    Rng *rng = &w->rng;
    const int tick = w->tick;
    Demand *d = &w->demand;
    memset(d->initiations, 0, sizeof d->initiations);
    memset(d->escalations, 0, sizeof d->escalations);
    memset(d->quits, 0, sizeof d->quits);
    memset(d->admissions, 0, sizeof d->admissions);
    memset(d->completions, 0, sizeof d->completions);
    memset(d->relapses, 0, sizeof d->relapses);
    memset(d->lasting, 0, sizeof d->lasting);
    memset(d->od_deaths, 0, sizeof d->od_deaths);
    memset(d->od_deaths_fent, 0, sizeof d->od_deaths_fent);

    /* Prices and the fentanyl share: the market's when it is endogenous, else the exogenous levers. */
    const int endo = (int)PV(p, P_MKT_ENDOGENOUS) && w->sc->has_geo;
    for (int g = 0; g < N_DRUGS; g++) {
        d->price[g] = endo ? w->market.retail[g] : PD(p, P_MKT_RETAIL_PRICE, g);
        d->fentanyl[g] = endo && g == DRUG_OPIOIDS ? w->market.fentanyl_share[g] : PD(p, P_MKT_FENTANYL_SHARE, g);
    }

    int resched = 0;
    for (size_t k = 0; k < sizeof hazard_params / sizeof hazard_params[0]; k++) {
        const int id = hazard_params[k];
        for (int g = 0; g < (is_drug_param(id) ? N_DRUGS : 1); g++)
            resched |= w->changed[id + g];
    }
    if (resched)
        for (uint32_t i = 0; i < d->n_agents; i++)
            if (d->agents[i].state != US_NONE && d->agents[i].state != US_RECOVERED)
                schedule(d, p, rng, i, tick);

    initiation(d, p, rng, tick, w->scale);

    Bucket *b = &d->cal[tick];
    for (uint32_t k = 0; k < b->n; k++) { /* b->n may grow: events later in the same week */
        if (k + AGENT_PREFETCH < b->n) /* the calendar is in time order, not memory order: fetch ahead */
            __builtin_prefetch(&d->agents[b->e[k + AGENT_PREFETCH].idx]);
        const CalEntry e = b->e[k];
        const Consumer *c = &d->agents[e.idx];
        if (c->version != e.version || c->state == US_NONE)
            continue;
        d->events++;
        handle_event(d, p, rng, e.idx);
    }
    free(b->e);
    b->e = NULL;
    b->n = b->cap = 0;

    treatment_admit(d, p, rng, tick);

    /* Regulated cannabis: the legal share approaches its target with time constant legal_ramp. */
    const double target = PV(p, P_DEM_CANNABIS_LEGAL_TARGET);
    d->legal_share += (target - d->legal_share) * (1.0 - exp(-1.0 / (PV(p, P_DEM_CANNABIS_LEGAL_RAMP) * WEEKS_PER_YEAR)));
    d->agent_weeks += (double)(d->n_agents - d->n_free);
}

double demand_weekly_kg(const World *w, const Params *p, int g, double price)
{
    const Demand *d = &w->demand;
    const double light = (double)d->count[g][US_LIGHT], heavy = (double)d->count[g][US_HEAVY];
    const double grams_per_year = (light + heavy * PD(p, P_DEM_HEAVY_RATIO, g)) * PD(p, P_DEM_LIGHT_GRAMS, g) * w->scale *
                                  pow(price / PD(p, P_DEM_PRICE_REF, g), PD(p, P_DEM_ELASTICITY, g));
    return grams_per_year / WEEKS_PER_YEAR / 1000.0;
}

void demand_observe(const World *w, double *row)
{
    const Demand *d = &w->demand;
    const Params *p = &w->p;
    const MetricsLayout *L = &w->sc->layout;
    const double s = w->scale;
    for (int g = 0; g < N_DRUGS; g++) {
        const double light = (double)d->count[g][US_LIGHT], heavy = (double)d->count[g][US_HEAVY];
        const double price = d->price[g];
        const double kg = demand_weekly_kg(w, p, g, price);
        const double spending = kg * 1000.0 * price;
        const double legal = g == DRUG_CANNABIS ? d->legal_share : 0.0;
        row[metrics_offset(L, M_USERS_LIGHT) + g] = light * s;
        row[metrics_offset(L, M_USERS_HEAVY) + g] = heavy * s;
        row[metrics_offset(L, M_IN_TREATMENT) + g] = (double)d->count[g][US_TREAT] * s;
        row[metrics_offset(L, M_TREAT_QUEUE) + g] = (double)d->n_queued[g] * s;
        row[metrics_offset(L, M_RECOVERED) + g] = (double)d->count[g][US_RECOVERED] * s;
        row[metrics_offset(L, M_INITIATIONS) + g] = (double)d->initiations[g] * s;
        row[metrics_offset(L, M_ESCALATIONS) + g] = (double)d->escalations[g] * s;
        row[metrics_offset(L, M_QUITS) + g] = (double)d->quits[g] * s;
        row[metrics_offset(L, M_ADMISSIONS) + g] = (double)d->admissions[g] * s;
        row[metrics_offset(L, M_COMPLETIONS) + g] = (double)d->completions[g] * s;
        row[metrics_offset(L, M_LASTING) + g] = (double)d->lasting[g] * s;
        row[metrics_offset(L, M_RELAPSES) + g] = (double)d->relapses[g] * s;
        row[metrics_offset(L, M_OD_DEATHS) + g] = (double)d->od_deaths[g] * s;
        row[metrics_offset(L, M_OD_DEATHS_FENT) + g] = (double)d->od_deaths_fent[g] * s;
        row[metrics_offset(L, M_CONSUMPTION) + g] = kg;
        row[metrics_offset(L, M_RETAIL_PRICE) + g] = price;
        row[metrics_offset(L, M_FENTANYL_SHARE) + g] = d->fentanyl[g];
        row[metrics_offset(L, M_SPENDING) + g] = spending;
        row[metrics_offset(L, M_ILLICIT_SPENDING) + g] = spending * (1.0 - legal);
    }
    row[metrics_offset(L, M_TREAT_CAPACITY)] = PV(p, P_DEM_TREAT_CAPACITY);
    row[metrics_offset(L, M_TREAT_OCCUPANCY)] = (double)d->n_roster * s;
    row[metrics_offset(L, M_NALOXONE)] = PV(p, P_DEM_NALOXONE_COVERAGE);
    row[metrics_offset(L, M_CANNABIS_LEGAL_SHARE)] = d->legal_share;
}
