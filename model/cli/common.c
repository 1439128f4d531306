/* common.c: helpers shared by the sub-commands: error reporting and scenario loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "h5read.h"

int cli_report(const Error *err)
{
    char buf[1400];
    error_format(err, buf, sizeof buf);
    fprintf(stderr, "cartelsim: %s\n", buf);
    return err->status ? err->status : CS_ERR_RUNTIME;
}

/* The data files: from the result file's copy for --from (when it has one), else from the data
 * directory of the scenario (scenario_data_dir). */
static int attach_data(Scenario *sc, const char *file, const char *from_h5, Error *err)
{
    if (from_h5) {
        Error e2;
        hid_t h5 = H5I_INVALID_HID;
        int have = h5read_open(from_h5, &h5, &e2) == CS_OK;
        for (int i = 0; i < GEO_N_FILES && have; i++) {
            char ds[128];
            snprintf(ds, sizeof ds, "scenario/data/%s", geography_file_names[i]);
            snprintf(sc->data.label[i], sizeof sc->data.label[i], "%s:/%s", from_h5, ds);
            have = h5read_string(h5, from_h5, ds, &sc->data.text[i], &e2) == CS_OK;
        }
        h5read_close(h5);
        if (have)
            return scenario_attach_data(sc, NULL, err);
        geography_data_free(&sc->data);
    }
    char dir[1024];
    scenario_data_dir(file, dir, sizeof dir);
    return scenario_attach_data(sc, dir, err);
}

int cli_load_scenario(Scenario *sc, const char *file, const char *from_h5, char **sets, int n_sets, Error *err)
{
    int st;
    if (from_h5) {
        char *text = NULL;
        st = h5read_config(from_h5, &text, err);
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
    if (!st)
        st = scenario_finalize(sc, err);
    return st ? st : attach_data(sc, file, from_h5, err);
}
