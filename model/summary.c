/* summary.c: key outcomes of a run, as the closing table of `cartelsim run`. */
#include "summary.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>

#include "dates.h"
#include "metrics.h"

SummaryStat summary_stat(double *v, int n)
{
    SummaryStat s = {0, 0, 0, 0};
    if (n <= 0)
        return s;
    gsl_sort(v, 1, (size_t)n);
    s.mean = gsl_stats_mean(v, 1, (size_t)n);
    s.p05 = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.05);
    s.p50 = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.50);
    s.p95 = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, 0.95);
    return s;
}

static double row_value(const double *row, int metric)
{
    const int off = metrics_offset((MetricId)metric), w = metrics_dim_width(metric_info[metric].dim);
    double sum = 0;
    for (int k = 0; k < w; k++)
        sum += row[off + k];
    return sum;
}

double summary_year_total(const Scenario *sc, const double *data, int r, int metric, int year)
{
    const int start = (int)PV(&sc->base, P_SIM_START), width = metrics_row_width();
    double sum = 0;
    for (int t = 0; t < sc->n_ticks; t++)
        if (dates_year_of_tick(start, t) == year)
            sum += row_value(data + ((size_t)r * (size_t)sc->n_ticks + (size_t)t) * (size_t)width, metric);
    return sum;
}

typedef struct Outcome {
    const char *label;
    int metric;
    int annual; /* 1: sum over the final year; 0: value at the last tick */
    double divisor;
    const char *unit;
} Outcome;

void summary_print(FILE *f, const Scenario *sc, const double *data)
{
    static const Outcome outcomes[] = {
        {"Overdose deaths", M_OD_DEATHS, 1, 1, "persons/yr"},
        {"  attributable to fentanyl", M_OD_DEATHS_FENT, 1, 1, "persons/yr"},
        {"Heavy users (not in treatment)", M_USERS_HEAVY, 0, 1, "persons"},
        {"Light users", M_USERS_LIGHT, 0, 1, "persons"},
        {"In treatment", M_IN_TREATMENT, 0, 1, "persons"},
        {"Waiting for treatment", M_TREAT_QUEUE, 0, 1, "persons"},
        {"Consumer spending, illicit", M_ILLICIT_SPENDING, 1, 1e9, "US$2010 bn/yr"},
        {"Initiations", M_INITIATIONS, 1, 1, "persons/yr"},
    };
    const int n_rep = (int)PV(&sc->base, P_SIM_REPLICATES), T = sc->n_ticks, width = metrics_row_width();
    const int start = (int)PV(&sc->base, P_SIM_START);
    const int year = dates_year_of_tick(start, T - 1);
    char end[16];
    dates_format_month((int)PV(&sc->base, P_SIM_END), end, sizeof end);
    double *v = malloc(sizeof(double) * (size_t)n_rep);
    fprintf(f, "\n%s: key outcomes, mean and 90%% interval over %d replicate%s (final year %d, end %s)\n", sc->name,
            n_rep, n_rep == 1 ? "" : "s", year, end);
    fprintf(f, "  %-34s %14s %14s %14s  %s\n", "outcome", "mean", "5%", "95%", "unit");
    for (size_t k = 0; k < sizeof outcomes / sizeof outcomes[0]; k++) {
        const Outcome *o = &outcomes[k];
        for (int r = 0; r < n_rep; r++)
            v[r] = (o->annual ? summary_year_total(sc, data, r, o->metric, year)
                              : row_value(data + ((size_t)r * (size_t)T + (size_t)(T - 1)) * (size_t)width, o->metric)) /
                   o->divisor;
        const SummaryStat s = summary_stat(v, n_rep);
        fprintf(f, "  %-34s %14.4g %14.4g %14.4g  %s\n", o->label, s.mean, s.p05, s.p95, o->unit);
    }
    free(v);
}
