/* rng.c: stream derivation and seeding (docs/reproducibility.md).
 *
 * GSL's mt19937 takes only a 32-bit seed through gsl_rng_set (seeds 2^32 apart give the same stream,
 * and 0 means 4357), so with thousands of (replicate, stream) pairs 32-bit seeds would collide by the
 * birthday bound. Instead each stream's whole 624-word state is filled from a SplitMix64 sequence
 * started at a 64-bit key of (seed, replicate, stream). The layout of GSL's mt19937 state
 * (unsigned long mt[624]; int mti) is checked against gsl_rng_size at run time. */
#include "rng.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <string.h>

const char *const rng_stream_names[N_RNG_STREAMS] = {"initiation", "use", "treatment", "overdose", "trafficking",
                                                      "interdiction", "members", "territory", "leaders", "conflict",
                                                      "guns", "deportation", "extradition", "uspolicy",
                                                      "adoption", "outreach"};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rng_stream_key(uint64_t seed, int replicate, int stream)
{
    uint64_t x = seed;
    uint64_t k = splitmix64(&x);
    x = k ^ ((uint64_t)(unsigned)replicate * 0xD1B54A32D192ED03ULL);
    k = splitmix64(&x);
    x = k ^ ((uint64_t)(unsigned)stream * 0x8CB92BA72F3D8DD7ULL);
    return splitmix64(&x);
}


int rng_init(Rng *r, uint64_t seed, int replicate, Error *err)
{
    memset(r, 0, sizeof *r);
    for (int s = 0; s < N_RNG_STREAMS; s++) {
        r->g[s] = gsl_rng_alloc(gsl_rng_mt19937);
        if (!r->g[s]) {
            rng_free(r);
            return error_set(err, CS_ERR_RUNTIME, "", 0, "", "cannot allocate random generator");
        }
        if (gsl_rng_size(r->g[s]) != sizeof(MtState)) {
            rng_free(r);
            return error_set(err, CS_ERR_RUNTIME, "", 0, "", "unexpected GSL mt19937 state layout (%zu bytes)",
                             gsl_rng_size(r->g[s]));
        }
        MtState *st = r->mt[s] = gsl_rng_state(r->g[s]);
        uint64_t x = rng_stream_key(seed, replicate, s);
        for (int i = 0; i < 624; i++)
            st->mt[i] = (unsigned long)(splitmix64(&x) & 0xffffffffUL);
        st->mt[0] |= 0x80000000UL; /* never the all-zero state */
        st->mti = 624;             /* regenerate the block at the first draw */
    }
    return CS_OK;
}

void rng_mt_refill(MtState *st)
{
    enum { N = 624, M = 397 };
    const unsigned long upper = 0x80000000UL, lower = 0x7fffffffUL, magic = 0x9908b0dfUL;
    unsigned long *const mt = st->mt;
    int kk;
    for (kk = 0; kk < N - M; kk++) {
        const unsigned long y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + M] ^ (y >> 1) ^ (magic & (0UL - (y & 1))); /* without a branch: vectorisable */
    }
    for (; kk < N - 1; kk++) {
        const unsigned long y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ (magic & (0UL - (y & 1)));
    }
    const unsigned long y = (mt[N - 1] & upper) | (mt[0] & lower);
    mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ (magic & (0UL - (y & 1)));
    st->mti = 0;
}

void rng_free(Rng *r)
{
    for (int s = 0; s < N_RNG_STREAMS; s++) {
        if (r->g[s])
            gsl_rng_free(r->g[s]);
        r->g[s] = NULL;
        r->mt[s] = NULL;
    }
}

/* Poisson(mu) quantile of u by summing the probabilities from 0 (mu below POISSON_SUM_MAX): the same
 * k as the walk below from GSL's cdf, whose values agree with these sums to about 1e-13 at these
 * means, unless u lies within POISSON_MARGIN of one of the two cdf values that decide; then (never
 * seen in practice) -1, and the caller takes the walk. The sum costs some tens of multiplications
 * where GSL's incomplete gamma function costs hundreds. */
#define POISSON_SUM_MAX 200.0
#define POISSON_MARGIN 1e-9
static long poisson_by_sum(double u, double mu)
{
    double p = exp(-mu), cdf = p;
    long k = 0;
    while (cdf < u) {
        if (!(p > 0) || k > 100000)
            return -1;
        k++;
        p *= mu / (double)k;
        cdf += p;
    }
    if (cdf - u <= POISSON_MARGIN || (k > 0 && u - (cdf - p) <= POISSON_MARGIN))
        return -1;
    return k;
}

unsigned long rng_poisson_inv(Rng *r, RngStream s, double mu)
{
    return rng_poisson_quantile(rng_uniform(r, s), mu);
}

unsigned long rng_poisson_quantile(double u, double mu)
{
    if (!(mu > 0))
        return 0;
    if (mu < POISSON_SUM_MAX) {
        const long k = poisson_by_sum(u, mu);
        if (k >= 0)
            return (unsigned long)k;
    }
    return rng_poisson_walk(u, mu);
}

unsigned long rng_poisson_walk(double u, double mu)
{
    if (!(mu > 0))
        return 0;
    /* Start near the mean and walk to the smallest k with P(X <= k) >= u. */
    unsigned long k = (unsigned long)floor(mu);
    double cdf = gsl_cdf_poisson_P((unsigned)k, mu);
    double pk = gsl_ran_poisson_pdf((unsigned)k, mu);
    if (cdf >= u) {
        while (k > 0 && cdf - pk >= u) {
            cdf -= pk;
            pk *= (double)k / mu;
            k--;
        }
        return k;
    }
    while (cdf < u) {
        k++;
        pk *= mu / (double)k;
        if (pk == 0.0)
            break;
        cdf += pk;
    }
    return k;
}
