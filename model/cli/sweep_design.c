/* sweep_design.c: the points of a design of runs for `cartelsim sweep --sobol | --lhs` (cli_sweep.c):
 * the --param PATH=LO:HI ranges, checked against the parameter table, and the unit-cube points of
 * GSL's Sobol sequence or of a seeded Latin hypercube. */
#include "sweep_design.h"

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"

int sweep_design_parse_range(const char *spec, SweepRange *r)
{
    const char *eq = strchr(spec, '='), *colon = eq ? strchr(eq, ':') : NULL;
    char path[200];
    if (!eq || !colon || (size_t)(eq - spec) >= sizeof path) {
        fprintf(stderr, "cartelsim sweep: --param %s: needs PATH=LO:HI (e.g. --param leadership.kingpin_intensity=0:2)\n",
                spec);
        return 2;
    }
    snprintf(path, sizeof path, "%.*s", (int)(eq - spec), spec);
    r->spec = spec;
    r->id = params_find(path);
    if (r->id < 0) {
        const char *s = params_suggest(path);
        fprintf(stderr, "cartelsim sweep: --param %s: unknown parameter %s%s%s%s\n", spec, path, s ? " (did you mean " : "",
                s ? s : "", s ? "?)" : "");
        return 2;
    }
    char *end;
    r->lo = strtod(eq + 1, &end);
    const int bad_lo = end != colon;
    r->hi = strtod(colon + 1, &end);
    const ParamInfo *pi = &params_info[r->id];
    if (bad_lo || *end || !(r->lo < r->hi) || !isfinite(r->lo) || !isfinite(r->hi)) {
        fprintf(stderr, "cartelsim sweep: --param %s: needs numbers LO < HI\n", spec);
        return 2;
    }
    if (pi->type == PT_DATE) {
        fprintf(stderr, "cartelsim sweep: --param %s: %s is a date; write a design file by hand for dates\n", spec, path);
        return 2;
    }
    if (r->lo < pi->min || r->hi > pi->max) {
        fprintf(stderr, "cartelsim sweep: --param %s: the range leaves %s's valid range [%g, %g] (%s)\n", spec, path, pi->min,
                pi->max, pi->unit);
        return 2;
    }
    return 0;
}

double *sweep_design_unit_points(int sobol, long n, int d, unsigned long seed)
{
    double *u = calloc((size_t)n * (size_t)d, sizeof(double));
    if (!u) {
        fputs("cartelsim sweep: out of memory\n", stderr);
        return NULL;
    }
    if (sobol) {
        gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d);
        if (!q) {
            free(u);
            fputs("cartelsim sweep: cannot set up the Sobol sequence\n", stderr);
            return NULL;
        }
        for (long i = 0; i < n; i++)
            gsl_qrng_get(q, u + (size_t)i * (size_t)d);
        gsl_qrng_free(q);
    } else { /* Latin hypercube: column j is a random permutation of the N strata, jittered in each */
        gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
        size_t *perm = malloc(sizeof(size_t) * (size_t)n);
        if (!g || !perm) {
            gsl_rng_free(g);
            free(perm);
            free(u);
            fputs("cartelsim sweep: out of memory\n", stderr);
            return NULL;
        }
        gsl_rng_set(g, seed);
        for (int j = 0; j < d; j++) {
            for (long i = 0; i < n; i++)
                perm[i] = (size_t)i;
            gsl_ran_shuffle(g, perm, (size_t)n, sizeof(size_t));
            for (long i = 0; i < n; i++)
                u[(size_t)i * (size_t)d + (size_t)j] = ((double)perm[i] + gsl_rng_uniform(g)) / (double)n;
        }
        gsl_rng_free(g);
        free(perm);
    }
    return u;
}
