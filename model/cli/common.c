/* common.c: helpers shared by the sub-commands: error reporting and scenario loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "h5out.h"

int cli_report(const Error *err)
{
    char buf[1400];
    error_format(err, buf, sizeof buf);
    fprintf(stderr, "cartelsim: %s\n", buf);
    return err->status ? err->status : CS_ERR_RUNTIME;
}

int cli_load_scenario(Scenario *sc, const char *file, const char *from_h5, char **sets, int n_sets, Error *err)
{
    int st;
    if (from_h5) {
        char *text = NULL;
        st = h5out_read_config(from_h5, &text, err);
        if (st) {
            memset(sc, 0, sizeof *sc);
            err->status = CS_ERR_INPUT;
            return CS_ERR_INPUT;
        }
        char label[600];
        snprintf(label, sizeof label, "%s:/scenario/config", from_h5);
        st = scenario_load_string(sc, text, label, err);
        free(text);
    } else
        st = scenario_load_file(sc, file, err);
    for (int i = 0; !st && i < n_sets; i++)
        st = scenario_apply_override(sc, sets[i], err);
    return st ? st : scenario_finalize(sc, err);
}
