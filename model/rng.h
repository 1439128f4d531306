/* rng.h: reproducible random streams. Each replicate owns one GSL generator per stream; a stream
 * belongs to one mechanism (or one part of it), so changing a policy does not shift the random
 * numbers of unrelated mechanisms (common random numbers across scenarios). The generator state is
 * derived from (master seed, replicate, stream) only: never from thread or scheduling order, so the
 * same seed gives the same bits with any number of threads. Derivation: docs/reproducibility.md. */
#ifndef CARTELSIM_RNG_H
#define CARTELSIM_RNG_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

#include "error.h"

/* Stream ids enter the seed derivation: append new streams at the end, never reorder. */
typedef enum RngStream {
    RNG_INITIATION, /* demand: new users */
    RNG_USE,        /* demand: careers of users (escalation, quitting, seeking treatment) */
    RNG_TREATMENT,  /* demand: treatment episodes, completion, relapse */
    RNG_OVERDOSE,   /* demand: overdose candidates, thinning, fentanyl attribution */
    RNG_TRAFFICKING, /* trafficking: route choice of each load */
    RNG_INTERDICTION, /* interdiction: where, if anywhere, each load is seized */
    RNG_MEMBERS,      /* organisations: recruitment, arrests and deaths of members per plaza */
    RNG_TERRITORY,    /* organisations: expansion, absorption, new supplier links */
    RNG_LEADERS,      /* leadership: removals, succession, splits */
    RNG_CONFLICT,     /* conflict: wars, contests for plazas, executions */
    RNG_GUNS,         /* guns: seizures at the border */
    RNG_DEPORTATION,  /* deportation: offshoots founded abroad */
    RNG_EXTRADITION,  /* leadership: extraditions of leaders commanding from prison */
    RNG_USPOLICY,     /* US-Mexico relations: strikes, retaliation incidents */
    RNG_ADOPTION,     /* organisations: orphaned groups adopted by a rising patron */
    N_RNG_STREAMS
} RngStream;

extern const char *const rng_stream_names[N_RNG_STREAMS];

/** Name of the GSL generator type every stream uses (recorded in /provenance). */
#define RNG_TYPE_NAME "mt19937"

typedef struct Rng {
    gsl_rng *g[N_RNG_STREAMS];
    unsigned long long draws[N_RNG_STREAMS]; /* uniforms drawn per stream (tests, benchmark) */
} Rng;

/** @brief 64-bit key of (seed, replicate, stream): SplitMix64 chain, documented in docs/reproducibility.md. */
uint64_t rng_stream_key(uint64_t seed, int replicate, int stream);

/** @brief Allocate and seed every stream of a replicate. Returns CS_OK or CS_ERR_RUNTIME. */
int rng_init(Rng *r, uint64_t seed, int replicate, Error *err);

/** @brief Free the streams. */
void rng_free(Rng *r);

/** Uniform on (0,1) from a stream. */
static inline double rng_uniform(Rng *r, RngStream s)
{
    r->draws[s]++;
    return gsl_rng_uniform_pos(r->g[s]);
}

/** Exponential waiting time with the given rate (rate > 0). */
static inline double rng_exponential(Rng *r, RngStream s, double rate)
{
    return -log(rng_uniform(r, s)) / rate;
}

/** @brief Poisson(mu) by inversion of one uniform: every call uses exactly one draw, so a stream's
 *  sequence stays aligned between scenarios whose means differ (common random numbers). */
unsigned long rng_poisson_inv(Rng *r, RngStream s, double mu);

#endif
