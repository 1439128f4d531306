/* common.c: helpers shared by the sub-commands: error reporting, scenario loading, reading series. */
#include <hdf5.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rng.h"
#include "dates.h"
#include "h5read.h"

int cli_report(const Error *err)
{
    char buf[1400];
    error_format(err, buf, sizeof buf);
    fprintf(stderr, "cartelsim: %s\n", buf);
    return err->status ? err->status : CS_ERR_RUNTIME;
}

/* The data files (and, for --from, the result's variant label): from the result file's copy for --from
 * (when it has one), else from the data
 * directory of the scenario (scenario_data_dir). */
static int attach_data(Scenario *sc, const char *file, const char *from_h5, Error *err)
{
    if (from_h5) {
        Error e2;
        hid_t h5 = H5I_INVALID_HID;
        int have = h5read_open(from_h5, &h5, &e2) == CS_OK;
        if (have) /* the result's label of what its run changed ("with --set ..."): a re-run is the same variant */
            h5read_attr_text(h5, "scenario_variant", sc->variant, sizeof sc->variant);
        for (int i = 0; i < GEO_N_FILES && have; i++) {
            char ds[128];
            snprintf(ds, sizeof ds, "scenario/data/%s", geography_file_names[i]);
            snprintf(sc->data.label[i], sizeof sc->data.label[i], "%s:/%s", from_h5, ds);
            have = h5read_string(h5, from_h5, ds, &sc->data.text[i], &e2) == CS_OK;
        }
        h5read_close(h5);
        if (have)
            return scenario_data_attach(sc, NULL, err);
        geography_data_free(&sc->data);
    }
    char dir[1024];
    scenario_data_dir(file, dir, sizeof dir);
    return scenario_data_attach(sc, dir, err);
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

int cli_read_series(hid_t file, const char *path, const char *name, double **data, int dims[3], Error *err)
{
    char ds_name[160];
    snprintf(ds_name, sizeof ds_name, "series/%s", name);
    *data = NULL;
    dims[0] = dims[1] = dims[2] = 1;
    hid_t ds = H5Dopen2(file, ds_name, H5P_DEFAULT);
    if (ds < 0)
        return error_set(err, CS_ERR_INPUT, path, 0, name, "no /%s in this result file", ds_name);
    hid_t space = H5Dget_space(ds);
    hsize_t d[3] = {1, 1, 1};
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 2 || rank > 3) {
        H5Sclose(space);
        H5Dclose(ds);
        return error_set(err, CS_ERR_INPUT, path, 0, name, "/%s has rank %d (expected replicate, time[, axis])", ds_name, rank);
    }
    H5Sget_simple_extent_dims(space, d, NULL);
    H5Sclose(space);
    for (int i = 0; i < 3; i++)
        dims[i] = (int)d[i];
    const size_t n = (size_t)dims[0] * (size_t)dims[1] * (size_t)dims[2];
    *data = malloc(sizeof(double) * (n ? n : 1));
    int st = CS_OK;
    if (!*data || H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, *data) < 0) {
        free(*data);
        *data = NULL;
        st = error_set(err, CS_ERR_RUNTIME, path, 0, name, "cannot read /%s", ds_name);
    }
    H5Dclose(ds);
    return st;
}

double cli_window_value(int start, const double *x, const int dims[3], int r, int slot, int y0, int y1, int flow, double rate)
{
    double sum = 0, weeks = 0;
    for (int t = 0; t < dims[1]; t++) {
        const double *row = x + ((size_t)r * (size_t)dims[1] + (size_t)t) * (size_t)dims[2];
        double v = 0;
        if (slot >= 0)
            v = row[slot];
        else
            for (int k = 0; k < dims[2]; k++)
                v += row[k];
        if (flow) {
            for (int y = y0; y <= y1; y++)
                sum += v * dates_tick_share_of_year(start, t, y) * (rate != 0 ? pow(1 + rate, -(y - y0)) : 1.0);
        } else {
            double in = 0; /* a stock counts the weeks with most of their days in the window */
            for (int y = y0; y <= y1; y++)
                in += dates_tick_share_of_year(start, t, y);
            if (in > 0.5) {
                sum += v;
                weeks++;
            }
        }
    }
    return flow ? sum : (weeks > 0 ? sum / weeks : NAN);
}

H5OutRun cli_result(const Scenario *sc, const char *out, int n_rep, struct H5Spool *spool, const SimHistory *history,
                    char start[16])
{
    dates_format_month((int)PV(&sc->base, P_SIM_START), start, 16);
    H5OutRun run;
    memset(&run, 0, sizeof run);
    run.path = out;
    run.params = &sc->base;
    run.seed = (unsigned long)PV(&sc->base, P_SIM_SEED);
    run.n_replicates = n_rep;
    run.n_ticks = sc->n_ticks;
    run.day0 = dates_days_of_month((int)PV(&sc->base, P_SIM_START));
    run.start_month = start;
    run.rng_type = RNG_TYPE_NAME;
    run.layout = &sc->layout;
    run.geo = sc->has_geo ? &sc->geo : NULL;
    run.history = sc->has_geo ? history : NULL;
    run.n_data = sc->has_geo ? GEO_N_FILES : 0;
    run.data_names = geography_file_names;
    run.data_texts = (const char *const *)sc->data.text;
    run.spool = spool;
    return run;
}

void cli_on_signals(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
