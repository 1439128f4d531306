/* cli_params.c: `cartelsim params`: the parameter reference (text, or Markdown for docs/parameters.md). */
#include <getopt.h>
#include <stdio.h>

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
            puts("Usage: cartelsim params [--markdown]\n\n"
                 "Print every parameter: path, default, range, unit, kind (setup or lever), meaning and source.\n"
                 "--markdown prints the table of docs/parameters.md.");
            return 0;
        default:
            fputs("Usage: cartelsim params [--markdown]\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cartelsim params: unexpected argument '%s'\nUsage: cartelsim params [--markdown]\n", argv[optind]);
        return 2;
    }
    params_print_reference(stdout, markdown);
    return 0;
}
