/* cli_compare.c: `cartelsim compare BASE.h5 SCENARIO.h5 [...]`: the key outcomes (outcomes.def) of
 * scenarios against a base run of the same seed, as paired differences over replicates (common random
 * numbers), with a 90 % Student t interval of the mean difference, the relative change and the share
 * of replicates whose difference has the sign of the mean; a flag where the interval contains zero.
 * Flows count as their total per calendar year over the window (each week with its share of days in
 * the year), averaged over the window's years; stocks as their mean over the weeks of the window.
 * Files whose seeds, replicates, scales or start months differ, or that do not cover a window, are refused. */
#include <getopt.h>
#include <gsl/gsl_cdf.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "params.h"
#include "dates.h"
#include "h5read.h"
#include "metrics.h"
#include "summary.h"

#define USAGE                                                                                                     \
    "Usage: cartelsim compare BASE.h5 SCENARIO.h5 [SCENARIO.h5 ...] [--window YYYY-YYYY ...] [--outcomes NAME ...]\n" \
    "                         [--format text|markdown|csv|json]\n"
#define MAX_WINDOWS 16

typedef struct Run {
    const char *path;
    Scenario sc;
    hid_t file;
} Run;

static int open_run(Run *r, const char *path, Error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->file = H5I_INVALID_HID;
    int st = cli_load_scenario(&r->sc, NULL, path, NULL, 0, err);
    if (!st)
        st = h5read_open(path, &r->file, err);
    return st;
}

static void close_run(Run *r)
{
    h5read_close(r->file);
    scenario_free(&r->sc);
}

/* [replicate] value of outcome o in years [y0, y1] (flows: mean per year of their yearly totals). */
static int outcome_values(Run *r, const OutcomeInfo *o, int y0, int y1, double *out, Error *err)
{
    const MetricInfo *mi = &metrics_info[o->metric];
    double *x;
    int dims[3];
    int st = cli_read_series(r->file, r->path, mi->name, &x, dims, err);
    if (st)
        return st;
    const int start = (int)PV(&r->sc.base, P_SIM_START), flow = o->how == OC_FLOW;
    for (int rep = 0; rep < dims[0]; rep++)
        out[rep] = cli_window_value(start, x, dims, rep, -1, y0, y1, flow, 0) / (flow ? y1 - y0 + 1 : 1) / o->divisor;
    free(x);
    return st;
}

/* [replicate] discounted total of a weekly flow (summed over its axis) over years [y0, y1]: each
 * calendar year's total x (1 + rate)^-(year - y0). */
static int discounted_total(Run *r, MetricId m, int y0, int y1, double rate, double *out, Error *err)
{
    double *x;
    int dims[3];
    int st = cli_read_series(r->file, r->path, metrics_info[m].name, &x, dims, err);
    if (st)
        return st;
    const int start = (int)PV(&r->sc.base, P_SIM_START);
    for (int rep = 0; rep < dims[0]; rep++)
        out[rep] = cli_window_value(start, x, dims, rep, -1, y0, y1, 1, rate);
    free(x);
    return CS_OK;
}

/* The cost of a scenario against the base over a window, and what it buys: US$ per overdose death
 * averted, per homicide averted, per 1 % of cartel revenue removed (all discounted). The spending is
 * the same in every replicate (the levers are), so each ratio's interval is the cost over the
 * effect's 90 % interval; where that interval contains zero the ratio is not estimable. */
static int cost_rows(Run *base, Run *scen, int y0, int y1, int R, int format, int *first, Error *err)
{
    const double rate = PV(&scen->sc.base, P_COST_DISCOUNT);
    double *cb = malloc(sizeof(double) * (size_t)R * 2), *cs = cb ? cb + R : NULL;
    if (!cb)
        return error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory");
    int st = discounted_total(base, M_POLICY_COST, y0, y1, rate, cb, err);
    if (!st)
        st = discounted_total(scen, M_POLICY_COST, y0, y1, rate, cs, err);
    double cost = 0;
    for (int r = 0; !st && r < R; r++)
        cost += (cs[r] - cb[r]) / R;
    static const struct { MetricId m; const char *what; int percent; } per[] = {
        {M_OD_DEATHS, "per overdose death averted", 0}, {M_HOMICIDES_TOTAL, "per homicide averted", 0},
        {M_REVENUE, "per 1 % of cartel revenue removed", 1}};
    char win[16];
    snprintf(win, sizeof win, "%d-%d", y0, y1);
    if (!st) {
        if (format == 0)
            printf("%-24.24s %-9s cost against the base: %+.4g US$2010 (discounted at %.1f %% a year from %d)\n",
                   scen->sc.name, win, cost, 100 * rate, y0);
        else if (format == 1)
            printf("| %s | %s | cost against the base (US$2010, discounted at %.1f %%) | | %+.4g | | | | |\n", scen->sc.name, win,
                   100 * rate, cost);
        else if (format == 2)
            printf("\"%s\",%s,policy_cost,US$2010,,,%.10g,%.10g,%.10g,,,%d,0,\"%s\"\n", scen->sc.name, win, cost, cost, cost, R,
                   scen->sc.variant);
        else
            printf("%s  {\"scenario\": \"%s\", \"window\": \"%s\", \"outcome\": \"policy_cost\", \"unit\": \"US$2010\", "
                   "\"change\": %.10g, \"discount_rate\": %.4g}", *first ? "" : ",\n", scen->sc.name, win, cost, rate);
        *first = 0;
    }
    for (size_t i = 0; !st && i < sizeof per / sizeof per[0]; i++) {
        st = discounted_total(base, per[i].m, y0, y1, rate, cb, err);
        if (!st)
            st = discounted_total(scen, per[i].m, y0, y1, rate, cs, err);
        if (st)
            break;
        double md = 0, mb = 0, ss = 0;
        for (int r = 0; r < R; r++) {
            md += (cb[r] - cs[r]) / R; /* averted: base - scenario */
            mb += cb[r] / R;
        }
        for (int r = 0; r < R; r++)
            ss += (cb[r] - cs[r] - md) * (cb[r] - cs[r] - md);
        const double h = R > 1 ? gsl_cdf_tdist_Pinv(0.95, R - 1) * sqrt(ss / (R - 1) / R) : INFINITY;
        const double scale = per[i].percent && mb > 0 ? 100 / mb : 1; /* averted in % of the base's revenue */
        const double e = md * scale, lo = (md - h) * scale, hi = (md + h) * scale;
        /* a price per unit averted only where the whole interval averts and the scenario spends */
        const int contains_zero = !(lo > 0 || hi < 0), estimable = lo > 0 && cost > 0;
        const char *why = contains_zero ? "not estimable (the effect's interval contains zero)"
                          : hi < 0      ? "none averted (the scenario adds to them: its interval is above the base)"
                                        : "no price (the scenario costs nothing more than the base, or saves)";
        const double ratio = cost / e, r1 = cost / lo, r2 = cost / hi;
        const double rlo = fmin(r1, r2), rhi = fmax(r1, r2);
        if (format == 0) {
            if (estimable)
                printf("%-24.24s %-9s   US$ %s: %.4g (%.4g to %.4g)\n", scen->sc.name, win, per[i].what, ratio, rlo, rhi);
            else
                printf("%-24.24s %-9s   US$ %s: %s\n", scen->sc.name, win, per[i].what, why);
        } else if (format == 1) {
            if (estimable)
                printf("| %s | %s | US$ %s | | %.4g | | %.4g to %.4g | | |\n", scen->sc.name, win, per[i].what, ratio, rlo, rhi);
            else
                printf("| %s | %s | US$ %s | | %s | | | | %s |\n", scen->sc.name, win, per[i].what, why, contains_zero ? "n.s." : "");
        }
        else if (format == 2)
            printf("\"%s\",%s,cost %s,US$2010,,,%.10g,%.10g,%.10g,,,%d,%d,\"%s\"\n", scen->sc.name, win, per[i].what,
                   estimable ? ratio : NAN, estimable ? rlo : NAN, estimable ? rhi : NAN, R, contains_zero, scen->sc.variant);
        else
            printf(",\n  {\"scenario\": \"%s\", \"window\": \"%s\", \"outcome\": \"cost %s\", \"unit\": \"US$2010\", "
                   "\"change\": %.10g, \"low\": %.10g, \"high\": %.10g, \"estimable\": %s, \"note\": \"%s\"}", scen->sc.name,
                   win, per[i].what, estimable ? ratio : 0, estimable ? rlo : 0, estimable ? rhi : 0, estimable ? "true" : "false",
                   estimable ? "" : why);
    }
    free(cb);
    return st;
}

static const char *fmt_names[] = {"text", "markdown", "csv", "json"};

int cli_compare(int argc, char **argv)
{
    int windows[MAX_WINDOWS][2], n_windows = 0, format = 0;
    const char *only[N_OUTCOMES];
    int n_only = 0;
    static const struct option opts[] = {{"window", required_argument, NULL, 'w'}, {"outcomes", required_argument, NULL, 'O'},
                                         {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    argv[0] = "cartelsim compare";
    int c;
    while ((c = getopt_long(argc, argv, "w:O:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'w':
            if (n_windows == MAX_WINDOWS || sscanf(optarg, "%d-%d", &windows[n_windows][0], &windows[n_windows][1]) != 2 ||
                windows[n_windows][1] < windows[n_windows][0]) {
                fprintf(stderr, "cartelsim compare: --window needs YYYY-YYYY (at most %d), got '%s'\n", MAX_WINDOWS, optarg);
                return 2;
            }
            n_windows++;
            break;
        case 'O':
            for (char *tok = strtok(optarg, ","); tok && n_only < N_OUTCOMES; tok = strtok(NULL, ","))
                only[n_only++] = tok;
            break;
        case 'f':
            format = -1;
            for (int i = 0; i < 4; i++)
                if (!strcmp(optarg, fmt_names[i]))
                    format = i;
            if (format < 0) {
                fprintf(stderr, "cartelsim compare: --format is text, markdown, csv or json, got '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h':
            fputs(USAGE "\nThe key outcomes (`cartelsim outcomes`) of each SCENARIO.h5 against BASE.h5, run with the same\n"
                        "seed: for each window (default 2026-2030) the paired difference scenario - base per replicate,\n"
                        "its mean, a 90% Student t interval of the mean, the relative change, and the share of\n"
                        "replicates whose difference has the sign of the mean; \"n.s.\" where the interval contains zero.\n"
                        "Flows: total per calendar year, averaged over the window's years; stocks: mean over its weeks.\n"
                        "--outcomes takes the series names of key outcomes (`cartelsim outcomes` lists them; comma-\n"
                        "separated or repeated), e.g. homicides_total,members; other series are read from the files.\n"
                        "A scenario run with --set is listed with what it changed (its label: text and markdown before or\n"
                        "after the table, csv and json in a column \"variant\").\n"
                        "Then, per window, the scenario's cost against the base (the costs.* of its levers, discounted\n"
                        "at costs.discount_rate from the window's first year) and its price per overdose death averted,\n"
                        "per homicide averted and per 1 % of cartel revenue removed, where the effect's whole interval\n"
                        "averts and the scenario spends more (docs/model.md 3.15); otherwise it says why there is none.\n"
                        "Exit status: 0 done, 2 bad usage or files that do not pair (seeds, replicates, scale, start, period).\n",
                  stdout);
            return 0;
        default:
            fputs(USAGE, stderr);
            return 2;
        }
    }
    if (argc - optind < 2) {
        fputs(USAGE, stderr);
        return 2;
    }
    if (!n_windows)
        windows[0][0] = 2026, windows[0][1] = 2030, n_windows = 1;
    int selected[N_OUTCOMES], n_sel = 0;
    for (int k = 0; k < N_OUTCOMES; k++) {
        int want = !n_only;
        for (int i = 0; i < n_only; i++)
            want |= !strcmp(only[i], metrics_info[summary_outcomes[k].metric].name);
        if (want)
            selected[n_sel++] = k;
    }
    for (int i = 0; i < n_only; i++) {
        int known = 0;
        for (int k = 0; k < N_OUTCOMES; k++)
            known |= !strcmp(only[i], metrics_info[summary_outcomes[k].metric].name);
        if (!known) {
            const char *near = NULL;
            int best = 1000;
            for (int k = 0; k < N_OUTCOMES; k++) { /* the closest key outcome, or one whose name holds it */
                const char *name = metrics_info[summary_outcomes[k].metric].name;
                const int d = strstr(name, only[i]) ? 0 : params_edit_distance(only[i], name);
                if (d < best)
                    best = d, near = name;
            }
            const int limit = (int)strlen(only[i]) / 3 + 1;
            fprintf(stderr, "cartelsim compare: --outcomes: '%s' is not a key outcome%s%s%s (`cartelsim outcomes` lists them)\n",
                    only[i], near && best <= limit ? " (did you mean " : "", near && best <= limit ? near : "",
                    near && best <= limit ? "?)" : "");
            return 2;
        }
    }
    Error err;
    error_clear(&err);
    const int n_runs = argc - optind;
    Run *runs = calloc((size_t)n_runs, sizeof(Run));
    if (!runs)
        return cli_report(&(Error){CS_ERR_RUNTIME, "", 0, "", "out of memory"});
    int st = CS_OK, opened = 0;
    for (int i = 0; i < n_runs && !st; i++, opened++)
        st = open_run(&runs[i], argv[optind + i], &err);
    const Scenario *b = &runs[0].sc;
    for (int i = 1; i < n_runs && !st; i++) {
        const Scenario *s = &runs[i].sc;
        if (PV(&s->base, P_SIM_SEED) != PV(&b->base, P_SIM_SEED))
            st = error_set(&err, CS_ERR_INPUT, runs[i].path, 0, "sim.seed", "seed %.0f, but %s has %.0f: paired differences need the same seed",
                           PV(&s->base, P_SIM_SEED), runs[0].path, PV(&b->base, P_SIM_SEED));
        else if (PV(&s->base, P_SIM_REPLICATES) != PV(&b->base, P_SIM_REPLICATES))
            st = error_set(&err, CS_ERR_INPUT, runs[i].path, 0, "sim.replicates", "%.0f replicates, but %s has %.0f",
                           PV(&s->base, P_SIM_REPLICATES), runs[0].path, PV(&b->base, P_SIM_REPLICATES));
        else if (PV(&s->base, P_SIM_START) != PV(&b->base, P_SIM_START))
            st = error_set(&err, CS_ERR_INPUT, runs[i].path, 0, "sim.start", "starts in another month than %s", runs[0].path);
        else if (PV(&s->base, P_SIM_AGENT_SCALE) != PV(&b->base, P_SIM_AGENT_SCALE))
            st = error_set(&err, CS_ERR_INPUT, runs[i].path, 0, "sim.agent_scale",
                           "%g persons per agent, but %s has %g: at another scale the replicates draw other numbers, so "
                           "they do not pair; run both at one scale",
                           PV(&s->base, P_SIM_AGENT_SCALE), runs[0].path, PV(&b->base, P_SIM_AGENT_SCALE));
    }
    for (int i = 0; i < n_runs && !st; i++)
        for (int w = 0; w < n_windows && !st; w++) {
            const int s0 = (int)PV(&runs[i].sc.base, P_SIM_START), s1 = (int)PV(&runs[i].sc.base, P_SIM_END);
            if (windows[w][0] * 12 < s0 || windows[w][1] * 12 + 11 > s1)
                st = error_set(&err, CS_ERR_INPUT, runs[i].path, 0, "--window", "the run does not cover %d-%d", windows[w][0], windows[w][1]);
        }
    const int R = st ? 0 : (int)PV(&b->base, P_SIM_REPLICATES);
    double *a = malloc(sizeof(double) * (size_t)(R ? R : 1)), *v = malloc(sizeof(double) * (size_t)(R ? R : 1));
    if (!st && format == 0)
        printf("%-24s %-9s %-32s %-16s %14s %14s %9s %22s %6s\n", "scenario", "window", "outcome", "unit", "base", "change",
               "relative", "90% interval", "sign");
    if (!st && format == 1)
        puts("| scenario | window | outcome | base | change | relative | 90 % interval | same sign | |\n|---|---|---|---|---|---|---|---|---|");
    if (!st && format == 2)
        puts("scenario,window,outcome,unit,base,scenario_value,change,low,high,relative,same_sign,replicates,interval_contains_zero,"
             "variant");
    if (!st && format == 3)
        puts("[");
    int first = 1;
    for (int i = 1; i < n_runs && !st; i++)
        for (int w = 0; w < n_windows && !st; w++) {
            if (format == 0 && w == 0 && runs[i].sc.variant[0]) /* the text table's column holds the name only */
                printf("%-24.24s %s\n", runs[i].sc.name, runs[i].sc.variant);
            for (int j = 0; j < n_sel && !st; j++) {
                const OutcomeInfo *o = &summary_outcomes[selected[j]];
                st = outcome_values(&runs[0], o, windows[w][0], windows[w][1], a, &err);
                if (!st)
                    st = outcome_values(&runs[i], o, windows[w][0], windows[w][1], v, &err);
                if (st)
                    break;
                double mb = 0, md = 0, ss = 0, mv = 0;
                for (int r = 0; r < R; r++) {
                    mb += a[r] / R;
                    mv += v[r] / R;
                    md += (v[r] - a[r]) / R;
                }
                for (int r = 0; r < R; r++)
                    ss += (v[r] - a[r] - md) * (v[r] - a[r] - md);
                const double se = R > 1 ? sqrt(ss / (R - 1) / R) : INFINITY;
                const double h = R > 1 ? gsl_cdf_tdist_Pinv(0.95, R - 1) * se : INFINITY;
                int same = 0;
                for (int r = 0; r < R; r++)
                    same += (v[r] - a[r] > 0) == (md > 0) && v[r] != a[r];
                const double rel = mb != 0 ? md / fabs(mb) : NAN, share = R ? (double)same / R : 0;
                const int ns = md - h <= 0 && 0 <= md + h;
                char label[160], win[16], unit[64];
                snprintf(label, sizeof label, "%s", metrics_info[o->metric].name);
                snprintf(win, sizeof win, "%d-%d", windows[w][0], windows[w][1]);
                snprintf(unit, sizeof unit, "%s%s", o->unit, o->how == OC_FLOW ? "/yr" : "");
                const char *scen = runs[i].sc.name;
                if (format == 0)
                    printf("%-24.24s %-9s %-32.32s %-16.16s %14.6g %+14.6g %+8.1f%% [%+9.4g, %+9.4g] %5.0f%%%s\n", scen, win, label,
                           unit, mb, md, 100 * rel, md - h, md + h, 100 * share, ns ? "  n.s." : "");
                else if (format == 1)
                    printf("| %s | %s | %s (%s) | %.6g | %+.6g | %+.1f %% | %+.4g to %+.4g | %.0f %% | %s |\n", scen, win, label, unit, mb,
                           md, 100 * rel, md - h, md + h, 100 * share, ns ? "n.s." : "");
                else if (format == 2)
                    printf("\"%s\",%s,%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.4f,%d,%d,\"%s\"\n", scen, win, label, unit, mb, mv, md,
                           md - h, md + h, rel, share, R, ns, runs[i].sc.variant);
                else
                    printf("%s  {\"scenario\": \"%s\", \"window\": \"%s\", \"outcome\": \"%s\", \"unit\": \"%s\", \"base\": %.10g, "
                           "\"scenario_value\": %.10g, \"change\": %.10g, \"low\": %.10g, \"high\": %.10g, \"relative\": %.10g, "
                           "\"same_sign\": %.4f, \"replicates\": %d, \"interval_contains_zero\": %s, \"variant\": \"%s\"}",
                           first ? "" : ",\n", scen, win, label, unit, mb, mv, md, md - h, md + h, isfinite(rel) ? rel : 0, share, R,
                           ns ? "true" : "false", runs[i].sc.variant);
                first = 0;
            }
            if (!st)
                st = cost_rows(&runs[0], &runs[i], windows[w][0], windows[w][1], R, format, &first, &err);
        }
    if (!st && format == 3)
        puts("\n]");
    for (int i = 1; i < n_runs && !st && format == 1; i++)
        if (runs[i].sc.variant[0])
            printf("\n%s (%s): %s\n", runs[i].sc.name, runs[i].path, runs[i].sc.variant);
    if (!st && format == 0)
        printf("(paired over %d replicates, same seed; interval: Student t, 90%%; sign: share of replicates with the sign of "
               "the mean change)\n", R);
    free(a);
    free(v);
    for (int i = 0; i < opened; i++)
        close_run(&runs[i]);
    free(runs);
    return st ? cli_report(&err) : 0;
}
