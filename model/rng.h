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
    RNG_OUTREACH,     /* organisations: cells sent to states far from home */
    N_RNG_STREAMS
} RngStream;

extern const char *const rng_stream_names[N_RNG_STREAMS];

/** Name of the GSL generator type every stream uses (recorded in /provenance). */
#define RNG_TYPE_NAME "mt19937"

/* GSL's mt19937 state (gsl/rng/mt.c: unsigned long mt[624]; int mti), checked against gsl_rng_size
 * by rng_init: the model draws its uniforms from it inline (rng_uniform), GSL's distributions through
 * the gsl_rng, both advancing the same state. */
typedef struct MtState {
    unsigned long mt[624];
    int mti;
} MtState;

typedef struct Rng {
    gsl_rng *g[N_RNG_STREAMS];
    MtState *mt[N_RNG_STREAMS];  /* the state of g[s] */
    unsigned long long draws[N_RNG_STREAMS]; /* uniforms drawn per stream (tests, benchmark) */
} Rng;

/** @brief 64-bit key of (seed, replicate, stream): SplitMix64 chain, documented in docs/reproducibility.md. */
uint64_t rng_stream_key(uint64_t seed, int replicate, int stream);

/** @brief Allocate and seed every stream of a replicate. Returns CS_OK or CS_ERR_RUNTIME. */
int rng_init(Rng *r, uint64_t seed, int replicate, Error *err);

/** @brief Free the streams. */
void rng_free(Rng *r);

/** @brief The next block of 624 words of the MT19937 state, as GSL's mt19937 makes it (rng.c). */
void rng_mt_refill(MtState *st);

/** The next 32-bit output of the Mersenne twister MT19937 (Matsumoto & Nishimura 1998), exactly
 *  as GSL's mt19937 computes it from the same state (tests/unit/test_rng.c compares them). */
static inline unsigned long rng_mt_next(MtState *st)
{
    if (__builtin_expect(st->mti >= 624, 0))
        rng_mt_refill(st);
    unsigned long k = st->mt[st->mti++]; /* tempering */
    k ^= k >> 11;
    k ^= (k << 7) & 0x9d2c5680UL;
    k ^= (k << 15) & 0xefc60000UL;
    k ^= k >> 18;
    return k;
}

/** Uniform on (0,1) from a stream: gsl_rng_uniform_pos of GSL's mt19937, without its two indirect calls. */
static inline double rng_uniform(Rng *r, RngStream s)
{
    r->draws[s]++;
    double x;
    do
        x = (double)rng_mt_next(r->mt[s]) / 4294967296.0;
    while (x == 0);
    return x;
}

/** Exponential waiting time with the given rate (rate > 0). */
static inline double rng_exponential(Rng *r, RngStream s, double rate)
{
    return -log(rng_uniform(r, s)) / rate;
}

/** @brief Poisson(mu) by inversion of one uniform: every call uses exactly one draw, so a stream's
 *  sequence stays aligned between scenarios whose means differ (common random numbers). */
unsigned long rng_poisson_inv(Rng *r, RngStream s, double mu);
/** @brief The Poisson(mu) quantile of a uniform drawn by the caller (rng_poisson_inv's method). */
unsigned long rng_poisson_quantile(double u, double mu);

/** @brief The Poisson(mu) quantile of u by a walk from GSL's cdf at floor(mu): rng_poisson_inv's
 *  reference, which it takes near a decision and for means of 200 and more (tests compare the two). */
unsigned long rng_poisson_walk(double u, double mu);

#endif
