/* cli_params.c: `cartelsim params`: the parameter reference (text, or Markdown for docs/parameters.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "params.h"

int cli_params(int argc, char **argv)
{
    static const struct option opts[] = {{"markdown", no_argument, 0, 'm'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int markdown = 0, c;
    optind = 1;
    argv[0] = "cartelsim params";
    while ((c = getopt_long(argc, argv, "mh", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            markdown = 1;
            break;
        case 'h':
            puts("Usage: cartelsim params [--markdown] [PREFIX ...]\n\n"
                 "Print every parameter: path, default, range, unit, kind (setup or lever), meaning and source.\n"
                 "With prefixes, only the parameters whose path starts with one (e.g. `cartelsim params guns.`).\n"
                 "--markdown prints the table of docs/parameters.md.");
            return 0;
        default:
            fputs("Usage: cartelsim params [--markdown]\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        if (markdown) {
            fputs("cartelsim params: --markdown prints the whole reference (no prefixes)\n", stderr);
            return 2;
        }
        const int n = argc - optind;
        int found = 0;
        for (int i = 0; i < N_PARAMS; i++)
            for (int k = 0; k < n; k++)
                found |= strncmp(params_info[i].path, argv[optind + k], strlen(argv[optind + k])) == 0;
        if (!found) {
            fprintf(stderr, "cartelsim params: no parameter path starts with '%s'%s\n", argv[optind], n > 1 ? " (or the others)" : "");
            return 2;
        }
        params_print_matching(stdout, (const char *const *)(argv + optind), n);
        return 0;
    }
    params_print_reference(stdout, markdown);
    return 0;
}
