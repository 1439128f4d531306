/* summary.h: the closing summary of a run (key outcomes, mean and 90 % interval over replicates). */
#ifndef CARTELSIM_SUMMARY_H
#define CARTELSIM_SUMMARY_H

#include <stdio.h>

#include "scenario.h"

typedef struct SummaryStat {
    double mean, p05, p50, p95;
} SummaryStat;

/** @brief Mean and 5/50/95 % quantiles of n values (the array is sorted in place). */
SummaryStat summary_stat(double *values, int n);

/** @brief Calendar-year total of a weekly flow (all drugs for a drug series) for replicate r: each
 *  week counts with the share of its days in year y, so every year has 365 or 366 days' worth.
 *  data is laid out [replicate][tick][metrics_row_width()]. */
double summary_year_total(const Scenario *sc, const double *data, int r, int metric, int year);

/** @brief Print the key-outcome table to f. */
void summary_print(FILE *f, const Scenario *sc, const double *data);

#endif
