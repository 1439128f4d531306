/* summary.c: key outcomes of a run (outcomes.def), as the closing table of `cartelsim run`. */
#include "summary.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static double row_value(const MetricsLayout *L, const double *row, int metric)
{
    const int off = metrics_offset(L, (MetricId)metric), w = metrics_width(L, (MetricId)metric);
    double sum = 0;
    for (int k = 0; k < w; k++)
        sum += row[off + k];
    return sum;
}

double summary_year_total(const Scenario *sc, const double *data, int r, int metric, int year)
{
    const int start = (int)PV(&sc->base, P_SIM_START), width = metrics_row_width(&sc->layout);
    double sum = 0;
    for (int t = 0; t < sc->n_ticks; t++) {
        const double share = dates_tick_share_of_year(start, t, year);
        if (share > 0)
            sum += share * row_value(&sc->layout, data + ((size_t)r * (size_t)sc->n_ticks + (size_t)t) * (size_t)width, metric);
    }
    return sum;
}

const OutcomeInfo summary_outcomes[N_OUTCOMES] = {
#define OUTCOME(id, metric, label, how, divisor, unit) {#id, metric, label, how, divisor, unit},
#include "outcomes.def"
#undef OUTCOME
};

/* Numbers for people: thousands separators for large values, three significant digits for small. */
static void fmt_num(double x, char *buf, size_t size)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "%g", x);
        return;
    }
    if (fabs(x) < 1000) {
        snprintf(buf, size, fabs(x) >= 100 ? "%.0f" : "%.3g", x);
        return;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", fabs(x));
    const int n = (int)strlen(digits);
    size_t k = 0;
    if (x < 0 && k + 1 < size)
        buf[k++] = '-';
    for (int i = 0; i < n && k + 2 < size; i++) {
        buf[k++] = digits[i];
        if ((n - 1 - i) % 3 == 0 && i < n - 1)
            buf[k++] = ',';
    }
    buf[k] = '\0';
}

double summary_outcome(const Scenario *sc, const double *data, int r, int k)
{
    const OutcomeInfo *o = &summary_outcomes[k];
    const int T = sc->n_ticks, width = metrics_row_width(&sc->layout);
    const int year = dates_last_full_year((int)PV(&sc->base, P_SIM_START), (int)PV(&sc->base, P_SIM_END));
    double x = 0;
    if (o->how == OC_FLOW && year >= 0)
        x = summary_year_total(sc, data, r, o->metric, year);
    else if (o->how == OC_FLOW)
        for (int t = 0; t < T; t++)
            x += row_value(&sc->layout, data + ((size_t)r * (size_t)T + (size_t)t) * (size_t)width, o->metric);
    else
        x = row_value(&sc->layout, data + ((size_t)r * (size_t)T + (size_t)(T - 1)) * (size_t)width, o->metric);
    return x / o->divisor;
}

void summary_print(FILE *f, const Scenario *sc, const double *data)
{
    const int n_rep = (int)PV(&sc->base, P_SIM_REPLICATES);
    double *table = malloc(sizeof(double) * (size_t)(n_rep > 0 ? n_rep : 1) * N_OUTCOMES);
    if (!table)
        return;
    for (int r = 0; r < n_rep; r++)
        for (int k = 0; k < N_OUTCOMES; k++)
            table[(size_t)r * N_OUTCOMES + (size_t)k] = summary_outcome(sc, data, r, k);
    summary_print_table(f, sc, table);
    free(table);
}

void summary_print_table(FILE *f, const Scenario *sc, const double *table)
{
    const int n_rep = (int)PV(&sc->base, P_SIM_REPLICATES);
    const int start = (int)PV(&sc->base, P_SIM_START), end = (int)PV(&sc->base, P_SIM_END);
    const int year = dates_last_full_year(start, end);
    char first[16], last[16], period[128];
    dates_format_month(start, first, sizeof first);
    dates_format_month(end, last, sizeof last);
    if (year >= 0)
        snprintf(period, sizeof period, "flows in %d, the last full year; stocks at %s", year, last);
    else
        snprintf(period, sizeof period, "flows over the whole run %s to %s; stocks at its end", first, last);
    double *v = malloc(sizeof(double) * (size_t)n_rep);
    fprintf(f, "\n%s%s%s: key outcomes, mean and 5-95 %% range over %d replicate%s\n(%s)\n", sc->name,
            sc->variant[0] ? " " : "", sc->variant, n_rep,
            n_rep == 1 ? "" : "s", period);
    fprintf(f, "  %-32s %14s %14s %14s  %s\n", "outcome", "mean", "5%", "95%", "unit");
    for (int k = 0; k < N_OUTCOMES; k++) {
        const OutcomeInfo *o = &summary_outcomes[k];
        const int annual = o->how == OC_FLOW;
        for (int r = 0; r < n_rep; r++)
            v[r] = table[(size_t)r * N_OUTCOMES + (size_t)k];
        const SummaryStat s = summary_stat(v, n_rep);
        char a[32], b[32], c[32];
        fmt_num(s.mean, a, sizeof a);
        fmt_num(s.p05, b, sizeof b);
        fmt_num(s.p95, c, sizeof c);
        fprintf(f, "  %-32s %14s %14s %14s  %s%s\n", o->label, a, b, c, o->unit,
                annual ? (year >= 0 ? "/yr" : " (whole run)") : "");
    }
    free(v);
}
