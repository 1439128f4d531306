/* scenario_data.c: the data files of a scenario (scenarios/data/: states, plazas, routes, crossings,
 * organisations): where they are looked for, and their loading and checks against the parameters
 * that index them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int scenario_data_attach(Scenario *sc, const char *dir, Error *err)
{
    if (dir) {
        geography_data_free(&sc->data);
        const int st = geography_read_dir(&sc->data, dir, err);
        if (st)
            return st;
    }
    if (sc->has_geo)
        geography_free(&sc->geo);
    int st = geography_parse(&sc->geo, &sc->data, err);
    sc->has_geo = st == CS_OK;
    metrics_layout_init(&sc->layout, sc->has_geo ? &sc->geo : NULL);
    /* Parameters that index the data must fit it. */
    const int n_x = sc->has_geo ? sc->geo.n_crossings : 0;
    if (!st && PV(&sc->base, P_INT_FOCUS_CROSSING) >= n_x)
        st = error_set(err, CS_ERR_INPUT, sc->base_src[P_INT_FOCUS_CROSSING].file[0] ? sc->base_src[P_INT_FOCUS_CROSSING].file : sc->source,
                       sc->base_src[P_INT_FOCUS_CROSSING].line, "interdiction.focus.crossing",
                       "value %.0f is not a crossing: crossings.csv has rows 0 to %d", PV(&sc->base, P_INT_FOCUS_CROSSING), n_x - 1);
    const int n_o = sc->has_geo ? sc->geo.n_orgs : 0;
    for (int i = 0; !st && i < sc->n_changes; i++)
        if (sc->changes[i].param == P_LDR_FORCE_SPLIT && sc->changes[i].value >= n_o)
            st = error_set(err, CS_ERR_INPUT, sc->changes[i].file, sc->changes[i].line, "leadership.force_split",
                           "value %.0f is not an organisation: organisations.csv has rows 0 to %d", sc->changes[i].value, n_o - 1);
    for (int i = 0; !st && i < sc->n_changes; i++)
        if (sc->changes[i].param == P_INT_FOCUS_CROSSING && sc->changes[i].value >= n_x)
            st = error_set(err, CS_ERR_INPUT, sc->changes[i].file, sc->changes[i].line, "interdiction.focus.crossing",
                           "value %.0f is not a crossing: crossings.csv has rows 0 to %d", sc->changes[i].value, n_x - 1);
    return st;
}

#ifndef CARTELSIM_DATA_DIR
#define CARTELSIM_DATA_DIR "scenarios/data"
#endif

void scenario_data_dir(const char *scenario_path, char *buf, unsigned long size)
{
    const char *env = getenv("CARTELSIM_DATA");
    if (env && *env) {
        snprintf(buf, size, "%s", env);
        return;
    }
    const char *slash = scenario_path ? strrchr(scenario_path, '/') : NULL;
    if (scenario_path && slash)
        snprintf(buf, size, "%.*s/data", (int)(slash - scenario_path), scenario_path);
    else
        snprintf(buf, size, "data");
    char probe[1100];
    snprintf(probe, sizeof probe, "%s/%s", buf, geography_file_names[0]);
    FILE *f = fopen(probe, "r");
    if (f) {
        fclose(f);
        return;
    }
    snprintf(buf, size, "%s", CARTELSIM_DATA_DIR);
}

