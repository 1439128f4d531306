/* cli_check.c: `cartelsim check`: validate a scenario and print it resolved (every parameter). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "dates.h"

int cli_check(int argc, char **argv)
{
    static const struct option opts[] = {{"set", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    char *sets[256];
    int n_sets = 0, c;
    optind = 1;
    argv[0] = "cartelsim check";
    while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (n_sets < 256)
                sets[n_sets++] = optarg;
            break;
        case 'h':
            puts("Usage: cartelsim check SCENARIO.cfg [--set [YYYY-MM:]path=value ...]\n\n"
                 "Validate a scenario file (unknown keys, types, ranges, dates, the policy timeline) and print\n"
                 "the resolved scenario: every parameter with its value, defaults included, and the timeline.\n"
                 "Exit status 0 when valid, 2 with file:line: key: message when not.");
            return 0;
        default:
            return 2;
        }
    }
    if (optind != argc - 1) {
        fputs("Usage: cartelsim check SCENARIO.cfg [--set path=value ...]\n", stderr);
        return 2;
    }
    Scenario sc;
    Error err;
    error_clear(&err);
    if (cli_load_scenario(&sc, argv[optind], NULL, sets, n_sets, &err) || scenario_check_size(&sc, 1, 0, NULL, &err)) {
        scenario_free(&sc);
        return cli_report(&err);
    }
    char *text = scenario_config_text(&sc);
    fputs(text, stdout);
    char a[16], b[16];
    dates_format_month((int)PV(&sc.base, P_SIM_START), a, sizeof a);
    dates_format_month((int)PV(&sc.base, P_SIM_END), b, sizeof b);
    fprintf(stdout, "\n# OK: %s, %s to %s (%d weekly ticks), %d replicates, %d policy changes\n", sc.name, a, b,
            sc.n_ticks, (int)PV(&sc.base, P_SIM_REPLICATES), sc.n_changes);
    RunSize size = {0, 0};
    scenario_check_size(&sc, 1, 1e300, &size, &err); /* the estimates (checked above) */
    fprintf(stdout, "# memory for the results: %.1f MiB (replicates streamed to disk as they finish: one per core); "
                    "disk for the result file: at least %.1f MiB (replicates x weeks x %d series, compressed)\n",
            size.memory / 1048576.0, size.disk / 1048576.0, metrics_row_width(&sc.layout));
    if (sc.has_geo)
        fprintf(stdout, "# data (%s and the files beside it): %d states, %d plazas, %d crossings, %d external nodes, %d route edges, %d organisations\n",
                sc.data.label[0], sc.geo.n_states, sc.geo.n_plazas, sc.geo.n_crossings, sc.geo.n_external, sc.geo.n_edges,
                sc.geo.n_orgs);
    free(text);
    scenario_free(&sc);
    return 0;
}
