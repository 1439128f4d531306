/* main.c: the cartelsim command. Sub-commands: run, merge, sweep, check, params, outcomes, compare, export. Exit status: 0 success,
 * 1 runtime failure (I/O, interruption), 2 bad usage or bad input. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fputs("cartelsim " CARTELSIM_VERSION ": agent-based simulation of drug-market policy\n"
          "(US demand, trafficking and Mexican cartels).\n\n"
          "Usage:\n"
          "  cartelsim run SCENARIO.cfg [-o OUT.h5] [-r N] [-j N] [--seed S] [--set path=value ...]\n"
          "  cartelsim run --from RESULT.h5 [-o OUT.h5]    re-run a stored scenario exactly\n"
          "  cartelsim run SCENARIO.cfg -r A-B | --shard I/N [-o PART.h5]   a shard: some replicates of the run\n"
          "  cartelsim merge OUT.h5 PART.h5 ...            join shards into the result of the whole run\n"
          "  cartelsim sweep DESIGN.csv SCENARIO.cfg -o DIR [--local -j N]   one run per design point\n"
          "  cartelsim check SCENARIO.cfg [--set path=value ...]\n"
          "  cartelsim params [--markdown]\n"
          "  cartelsim compare BASE.h5 SCENARIO.h5 [...] [--window 2026-2030] [--format text|markdown|csv|json]\n"
          "  cartelsim outcomes [--json]                   the key outcomes of the run summary\n"
          "  cartelsim export RESULT.h5 --csv [-o PREFIX] [--series A,B] [--annual]   tidy and wide CSV tables\n"
          "  cartelsim --version | --help\n\n"
          "`cartelsim COMMAND --help` explains each command. Documentation: README.md and docs/.\n",
          f);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* every GSL status is checked where it matters */
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("cartelsim %s (git %s)\n", CARTELSIM_VERSION, CARTELSIM_GIT_REV);
        return 0;
    }
    if (!strcmp(cmd, "run"))
        return cli_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge"))
        return cli_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "sweep"))
        return cli_sweep(argc - 1, argv + 1);
    if (!strcmp(cmd, "check"))
        return cli_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "params"))
        return cli_params(argc - 1, argv + 1);
    if (!strcmp(cmd, "outcomes"))
        return cli_outcomes(argc - 1, argv + 1);
    if (!strcmp(cmd, "compare"))
        return cli_compare(argc - 1, argv + 1);
    if (!strcmp(cmd, "export"))
        return cli_export(argc - 1, argv + 1);
    fprintf(stderr, "cartelsim: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
