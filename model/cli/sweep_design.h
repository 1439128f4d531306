/* sweep_design.h: the points of a design of runs (sweep_design.c). */
#ifndef CARTELSIM_SWEEP_DESIGN_H
#define CARTELSIM_SWEEP_DESIGN_H

/** @brief One --param PATH=LO:HI of `cartelsim sweep --sobol | --lhs`. */
typedef struct SweepRange {
    const char *spec; /* as given */
    int id;           /* in params_info */
    double lo, hi;
} SweepRange;

/** @brief Parse and check PATH=LO:HI against the parameter table; 0, or 2 after a message naming it. */
int sweep_design_parse_range(const char *spec, SweepRange *r);
/** @brief n points in [0,1)^d, row by row: GSL's Sobol sequence, or a Latin hypercube seeded with
 *  seed; NULL (after a message) when out of memory. The caller frees. */
double *sweep_design_unit_points(int sobol, long n, int d, unsigned long seed);

#endif
