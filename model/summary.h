/* summary.h: the closing summary of a run (key outcomes, mean and 90 % interval over replicates). */
#ifndef CARTELSIM_SUMMARY_H
#define CARTELSIM_SUMMARY_H

#include <stdio.h>

#include "metrics.h"
#include "scenario.h"

/* The key outcomes (outcomes.def): how each is counted. */
typedef enum OutcomeHow {
    OC_FLOW, /* a weekly flow: total over the last full calendar year (the whole run when there is none) */
    OC_STOCK /* a stock: value at the last tick */
} OutcomeHow;

typedef enum OutcomeId {
#define OUTCOME(id, metric, label, how, divisor, unit) id,
#include "outcomes.def"
#undef OUTCOME
    N_OUTCOMES
} OutcomeId;

typedef struct OutcomeInfo {
    const char *id;    /* the OUTCOME id, e.g. "OC_OD_DEATHS" */
    MetricId metric;   /* its series (summed over an extra axis) */
    const char *label; /* as the summary table prints it (two leading spaces: part of the row above) */
    OutcomeHow how;
    double divisor;    /* the table shows value / divisor */
    const char *unit;  /* of the value shown ("/yr" appended for flows) */
} OutcomeInfo;

extern const OutcomeInfo summary_outcomes[N_OUTCOMES];

typedef struct SummaryStat {
    double mean, p05, p50, p95;
} SummaryStat;

/** @brief Mean and 5/50/95 % quantiles of n values (the array is sorted in place). */
SummaryStat summary_stat(double *values, int n);

/** @brief Calendar-year total of a weekly flow (all drugs for a drug series) for replicate r: each
 *  week counts with the share of its days in year y, so every year has 365 or 366 days' worth.
 *  data is laid out [replicate][tick][metrics_row_width()]. */
double summary_year_total(const Scenario *sc, const double *data, int r, int metric, int year);

/** @brief Key outcome k of replicate r (row r of data), as the summary table counts it, divided by
 *  its divisor (the value the table shows). */
double summary_outcome(const Scenario *sc, const double *data, int r, int k);

/** @brief Print the key-outcome table (summary_outcomes, in order) to f. */
void summary_print(FILE *f, const Scenario *sc, const double *data);
/** @brief The same from the outcomes already computed: table[replicate][k] = summary_outcome(.., r, k)
 *  (a streamed run computes them as each replicate finishes). */
void summary_print_table(FILE *f, const Scenario *sc, const double *table);

#endif
