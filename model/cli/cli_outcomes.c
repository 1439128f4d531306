/* cli_outcomes.c: `cartelsim outcomes`: the key outcomes of model/outcomes.def, the rows of the closing
 * table of `cartelsim run`, as text or JSON (read by analysis/sensitivity.py and
 * tests/cli/compare_scenarios.py, so that the list is declared once). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "metrics.h"
#include "summary.h"

#define USAGE "Usage: cartelsim outcomes [--json]\n"

/* The label without the indentation that marks a part of the outcome above it. */
static const char *bare_label(const OutcomeInfo *o)
{
    const char *s = o->label;
    while (*s == ' ')
        s++;
    return s;
}

/* Index of the outcome that o is a part of (the nearest unindented row above), or -1. */
static int part_of(int k)
{
    if (summary_outcomes[k].label[0] != ' ')
        return -1;
    for (int j = k - 1; j >= 0; j--)
        if (summary_outcomes[j].label[0] != ' ')
            return j;
    return -1;
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", (unsigned char)*s);
        else
            putchar(*s);
    }
    putchar('"');
}

static void print_json(void)
{
    puts("[");
    for (int k = 0; k < N_OUTCOMES; k++) {
        const OutcomeInfo *o = &summary_outcomes[k];
        const int parent = part_of(k);
        char title[256];
        if (parent >= 0)
            snprintf(title, sizeof title, "%s %s", bare_label(&summary_outcomes[parent]), bare_label(o));
        else
            snprintf(title, sizeof title, "%s", bare_label(o));
        fputs("  {\"id\": ", stdout);
        json_string(o->id);
        fputs(", \"series\": ", stdout);
        json_string(metrics_info[o->metric].name);
        fputs(", \"series_units\": ", stdout);
        json_string(metrics_info[o->metric].units);
        fputs(", \"how\": ", stdout);
        json_string(o->how == OC_FLOW ? "flow" : "stock");
        printf(", \"divisor\": %.17g, \"unit\": ", o->divisor);
        json_string(o->unit);
        fputs(", \"label\": ", stdout);
        json_string(bare_label(o));
        fputs(", \"title\": ", stdout);
        json_string(title);
        fputs(", \"part_of\": ", stdout);
        if (parent >= 0)
            json_string(metrics_info[summary_outcomes[parent].metric].name);
        else
            fputs("null", stdout);
        printf("}%s\n", k + 1 < N_OUTCOMES ? "," : "");
    }
    puts("]");
}

static void print_text(void)
{
    puts("Key outcomes (model/outcomes.def), in the order of the closing table of `cartelsim run`.\n"
         "flow: total over the last full calendar year; stock: value at the last tick; shown as value / divisor.");
    printf("  %-26s %-6s %10s  %-16s %s\n", "series", "how", "divisor", "unit", "label");
    for (int k = 0; k < N_OUTCOMES; k++) {
        const OutcomeInfo *o = &summary_outcomes[k];
        char unit[64];
        snprintf(unit, sizeof unit, "%s%s", o->unit, o->how == OC_FLOW ? "/yr" : "");
        printf("  %-26s %-6s %10g  %-16s %s\n", metrics_info[o->metric].name, o->how == OC_FLOW ? "flow" : "stock",
               o->divisor, unit, o->label);
    }
}

int cli_outcomes(int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, 0, 'j'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int json = 0, c;
    optind = 1;
    argv[0] = "cartelsim outcomes";
    while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'h':
            puts(USAGE "\n"
                 "Print the key outcomes that the closing table of `cartelsim run` shows (model/outcomes.def):\n"
                 "the series under /series of a result file, how it is counted (flow: total over the last full\n"
                 "calendar year; stock: value at the last tick), the divisor and unit of the value shown, and the\n"
                 "label. --json prints a JSON array of objects with the keys id, series, series_units, how,\n"
                 "divisor, unit, label, title (the label standing alone) and part_of (the series of the outcome a\n"
                 "row is a part of, or null).");
            return 0;
        default:
            fputs(USAGE, stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cartelsim outcomes: unexpected argument '%s'\n" USAGE, argv[optind]);
        return 2;
    }
    if (json)
        print_json();
    else
        print_text();
    return 0;
}
