/* cli_export.c: `cartelsim export FILE.h5 --csv [-o PREFIX] [--series NAME,...] [--annual]`: a result
 * file as two CSV tables that pandas and R's read.csv read without options:
 *   PREFIX-tidy.csv  one row per replicate, week (or year) and series slot:
 *                    run,replicate,seed,scenario,date,series,label,value,unit
 *   PREFIX-wide.csv  one row per replicate and week (or year), shaped like NetLogo BehaviorSpace's
 *                    table output: run,seed,<parameters that differ from their defaults>,step,date,
 *                    then one column per key outcome (outcomes.def; series summed over their axis).
 * Rows are sorted by replicate, time, series (metrics.def order) and label (axis order). With
 * --annual, flows are calendar-year totals (each week with its share of days in the year) and stocks
 * yearly means, and both tables name their time column `year` instead of `date`; without it, the
 * weekly values as stored. Both files are written to a temporary name
 * and renamed when complete. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dates.h"
#include "h5read.h"
#include "metrics.h"
#include "summary.h"

#define USAGE "Usage: cartelsim export RESULT.h5 --csv [-o PREFIX] [--series NAME[,NAME...]] [--annual]\n"

/* "YYYY-MM-DD" of a day counted from 2000-01-01 (proleptic Gregorian). */
static void format_day(long day, char *buf, size_t size) /* buf: at least 32 bytes */
{
    long z = day + 730425; /* days from 0000-03-01 to 2000-01-01 */
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    snprintf(buf, size, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

/* Is metric m a flow (a "/week" unit) rather than a stock? */
static int is_flow(int m)
{
    return strstr(metrics_info[m].units, "/week") != NULL;
}

/* CSV field: quoted when it holds a comma or a quote. */
static void field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

typedef struct Times {
    int n;          /* rows per replicate: weeks, or years with --annual */
    int first_year; /* --annual */
    int annual;
} Times;

/* Value of slot k of a series for replicate r at row i (a week, or a year). */
static double value_at(const Scenario *sc, const Times *tm, const double *x, const int dims[3], int r, int i, int k, int flow)
{
    if (!tm->annual)
        return x[((size_t)r * (size_t)dims[1] + (size_t)i) * (size_t)dims[2] + (size_t)k];
    const int year = tm->first_year + i;
    return cli_window_value((int)PV(&sc->base, P_SIM_START), x, dims, r, k, year, year, flow, 0);
}

static void row_date(const Scenario *sc, const Times *tm, int i, char *buf, size_t size)
{
    if (tm->annual)
        snprintf(buf, size, "%d", tm->first_year + i);
    else
        format_day(dates_days_of_month((int)PV(&sc->base, P_SIM_START)) + (long)DATES_TICK_DAYS * i, buf, size);
}

static int finish_file(FILE *f, const char *tmp, const char *path, Error *err)
{
    const int bad = ferror(f) | (fclose(f) != 0);
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write the file");
    }
    return CS_OK;
}

int cli_export(int argc, char **argv)
{
    const char *prefix = NULL;
    char *series_arg = NULL;
    int csv = 0, annual = 0;
    static const struct option opts[] = {{"csv", no_argument, NULL, 'c'},         {"series", required_argument, NULL, 's'},
                                         {"annual", no_argument, NULL, 'a'},      {"output", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    argv[0] = "cartelsim export";
    int c;
    while ((c = getopt_long(argc, argv, "cs:ao:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': csv = 1; break;
        case 's': series_arg = optarg; break;
        case 'a': annual = 1; break;
        case 'o': prefix = optarg; break;
        case 'h':
            fputs(USAGE "\nWrites PREFIX-tidy.csv (run,replicate,seed,scenario,date,series,label,value,unit: one row per\n"
                        "replicate, week and series slot) and PREFIX-wide.csv (BehaviorSpace-like: run,seed, the parameters\n"
                        "that differ from their defaults, step, date, one column per key outcome). PREFIX defaults to the\n"
                        "result file's name without .h5. --series chooses the series of the tidy table (default: those of\n"
                        "the key outcomes); --annual gives calendar-year totals of flows and yearly means of stocks,\n"
                        "in both tables under a column `year` instead of `date`.\n",
                  stdout);
            return 0;
        default:
            fputs(USAGE, stderr);
            return 2;
        }
    }
    if (argc - optind != 1 || !csv) {
        fputs(argc - optind != 1 ? USAGE : "cartelsim export: say --csv (the only format so far)\n" USAGE, stderr);
        return 2;
    }
    const char *path = argv[optind];
    char pre[512];
    if (!prefix) {
        snprintf(pre, sizeof pre, "%s", path);
        const size_t n = strlen(pre);
        if (n > 3 && !strcmp(pre + n - 3, ".h5"))
            pre[n - 3] = '\0';
        prefix = pre;
    }
    /* the series of the tidy table */
    int chosen[N_METRICS], n_chosen = 0;
    if (series_arg) {
        char *copy = strdup(series_arg);
        for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
            int m = -1;
            for (int i = 0; i < N_METRICS; i++)
                if (!strcmp(metrics_info[i].name, tok))
                    m = i;
            if (m < 0) {
                fprintf(stderr, "cartelsim export: --series: '%s' is not a series (`analysis/plot.py FILE --list` lists them)\n", tok);
                free(copy);
                return 2;
            }
            chosen[n_chosen++] = m;
        }
        free(copy);
    } else
        for (int k = 0; k < N_OUTCOMES; k++) {
            int seen = 0;
            for (int i = 0; i < n_chosen; i++)
                seen |= chosen[i] == (int)summary_outcomes[k].metric;
            if (!seen)
                chosen[n_chosen++] = summary_outcomes[k].metric;
        }
    for (int i = 1; i < n_chosen; i++) /* metrics.def order */
        for (int j = i; j > 0 && chosen[j - 1] > chosen[j]; j--) {
            const int t = chosen[j];
            chosen[j] = chosen[j - 1];
            chosen[j - 1] = t;
        }
    Error err;
    error_clear(&err);
    Scenario sc;
    int st = cli_load_scenario(&sc, NULL, path, NULL, 0, &err);
    hid_t file = H5I_INVALID_HID;
    if (!st)
        st = h5read_open(path, &file, &err);
    if (st) {
        scenario_free(&sc);
        return cli_report(&err);
    }
    const int R = (int)PV(&sc.base, P_SIM_REPLICATES);
    Times tm = {sc.n_ticks, 0, annual};
    if (annual) {
        const int y0 = (int)PV(&sc.base, P_SIM_START) / 12, y1 = (int)PV(&sc.base, P_SIM_END) / 12;
        tm.first_year = y0;
        tm.n = y1 - y0 + 1;
    }
    const unsigned long seed = (unsigned long)PV(&sc.base, P_SIM_SEED);
    char tidy[600], wide[600], tmp_tidy[620], tmp_wide[620], date[32];
    snprintf(tidy, sizeof tidy, "%s-tidy.csv", prefix);
    snprintf(wide, sizeof wide, "%s-wide.csv", prefix);
    snprintf(tmp_tidy, sizeof tmp_tidy, "%s.%ld.tmp", tidy, (long)getpid()); /* this process's own */
    snprintf(tmp_wide, sizeof tmp_wide, "%s.%ld.tmp", wide, (long)getpid());
    /* tidy */
    double *data[N_METRICS] = {0};
    int dims[N_METRICS][3];
    for (int i = 0; i < n_chosen && !st; i++)
        st = cli_read_series(file, path, metrics_info[chosen[i]].name, &data[i], dims[i], &err);
    FILE *f = st ? NULL : fopen(tmp_tidy, "w");
    if (!st && !f)
        st = error_set(&err, CS_ERR_RUNTIME, tidy, 0, "", "cannot create the file");
    if (!st) {
        fputs(annual ? "run,replicate,seed,scenario,year,series,label,value,unit\n" /* as the wide table */
                     : "run,replicate,seed,scenario,date,series,label,value,unit\n",
              f);
        for (int r = 0; r < R; r++)
            for (int t = 0; t < tm.n; t++) {
                row_date(&sc, &tm, t, date, sizeof date);
                for (int i = 0; i < n_chosen; i++) {
                    const int m = chosen[i], flow = is_flow(m);
                    const MetricDim dim = metrics_info[m].dim;
                    for (int k = 0; k < dims[i][2]; k++) {
                        fprintf(f, "%d,%d,%lu,", r + 1, r, seed);
                        field(f, sc.name);
                        fprintf(f, ",%s,%s,", date, metrics_info[m].name);
                        field(f, dim == DIM_NONE ? "" : sc.layout.labels[dim][k]);
                        fprintf(f, ",%.10g,", value_at(&sc, &tm, data[i], dims[i], r, t, k, flow));
                        char unit[64];
                        snprintf(unit, sizeof unit, "%s", metrics_info[m].units);
                        char *wk = strstr(unit, "/week");
                        if (annual && wk) /* a yearly total of a weekly flow */
                            snprintf(wk, sizeof unit - (size_t)(wk - unit), "/yr");
                        field(f, unit);
                        fputc('\n', f);
                    }
                }
            }
        st = finish_file(f, tmp_tidy, tidy, &err);
    }
    for (int i = 0; i < n_chosen; i++)
        free(data[i]);
    /* wide: the key outcomes */
    double *odata[N_OUTCOMES] = {0};
    int odims[N_OUTCOMES][3];
    for (int k = 0; k < N_OUTCOMES && !st; k++)
        st = cli_read_series(file, path, metrics_info[summary_outcomes[k].metric].name, &odata[k], odims[k], &err);
    f = st ? NULL : fopen(tmp_wide, "w");
    if (!st && !f)
        st = error_set(&err, CS_ERR_RUNTIME, wide, 0, "", "cannot create the file");
    if (!st) {
        int changed[N_PARAMS], n_changed = 0;
        for (int p = 0; p < N_PARAMS; p++)
            if (p != P_SIM_SEED && sc.base.v[p] != params_info[p].def)
                changed[n_changed++] = p;
        fputs("run,seed", f);
        for (int i = 0; i < n_changed; i++)
            fprintf(f, ",%s", params_info[changed[i]].path);
        fputs(annual ? ",step,year" : ",step,date", f);
        for (int k = 0; k < N_OUTCOMES; k++)
            fprintf(f, ",%s", metrics_info[summary_outcomes[k].metric].name);
        fputc('\n', f);
        for (int r = 0; r < R; r++)
            for (int t = 0; t < tm.n; t++) {
                row_date(&sc, &tm, t, date, sizeof date);
                fprintf(f, "%d,%lu", r + 1, seed);
                for (int i = 0; i < n_changed; i++) {
                    char v[64];
                    params_format_value(changed[i], sc.base.v[changed[i]], v, sizeof v);
                    fputc(',', f);
                    for (const char *q = v; *q; q++) /* dates come quoted: CSV wants them bare */
                        if (*q != '"')
                            fputc(*q, f);
                }
                fprintf(f, ",%d,%s", t, date);
                for (int k = 0; k < N_OUTCOMES; k++) {
                    double v = 0;
                    for (int j = 0; j < odims[k][2]; j++)
                        v += value_at(&sc, &tm, odata[k], odims[k], r, t, j, summary_outcomes[k].how == OC_FLOW);
                    fprintf(f, ",%.10g", v);
                }
                fputc('\n', f);
            }
        st = finish_file(f, tmp_wide, wide, &err);
    }
    for (int k = 0; k < N_OUTCOMES; k++)
        free(odata[k]);
    h5read_close(file);
    scenario_free(&sc);
    if (st)
        return cli_report(&err);
    fprintf(stderr, "cartelsim: wrote %s and %s\n", tidy, wide);
    return 0;
}
