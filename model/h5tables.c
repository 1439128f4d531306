/* h5tables.c: the /organisations and /events tables of the result file, part of the writer
 * (h5out.c calls h5tables_write; layout in docs/output-format.md). One row per organisation ever
 * alive in each replicate, and one per event of each replicate, in order; every column is a
 * contiguous 1-D dataset on the table's row axis (tables may be empty). */
#include "h5tables.h"

#include <stdlib.h>

#include "sim.h"

/* /organisations: one row per organisation ever alive in each replicate (replicate, index within
 * it), with its parent and lineage, so that the genealogy of fragmentation can be drawn. */
static int write_organisations(H5nc *ctx, hid_t file, const H5OutRun *run)
{
    const Geography *geo = run->geo;
    const SimHistory *h = run->history;
    int n = 0;
    for (int r = 0; r < run->n_replicates; r++)
        n += h[r].n_orgs;
    hid_t g = h5nc_create_group(ctx, file, "organisations");
    if (g < 0)
        return ctx->err->status;
    const size_t m = (size_t)(n > 0 ? n : 1);
    const char **ids = malloc(sizeof(char *) * m), **names = malloc(sizeof(char *) * m),
               **states = malloc(sizeof(char *) * m);
    int *col[9];
    for (int i = 0; i < 9; i++)
        col[i] = malloc(sizeof(int) * m);
    double *dcol[4];
    for (int i = 0; i < 4; i++)
        dcol[i] = malloc(sizeof(double) * m);
    int row = 0;
    for (int r = 0; r < run->n_replicates; r++)
        for (int o = 0; o < h[r].n_orgs; o++, row++) {
            const Org *x = &h[r].orgs[o];
            ids[row] = x->id;
            names[row] = o < geo->n_orgs ? geo->orgs[o].name : x->id;
            states[row] = geo->states[x->home_state].code;
            col[0][row] = h5out_replicate(run, r);
            col[1][row] = o;
            col[2][row] = x->parent;
            col[3][row] = x->lineage;
            col[4][row] = x->born;
            col[5][row] = x->alive ? -1 : x->died;
            col[6][row] = x->cocaine_link_start;
            col[7][row] = x->precursor_link_start;
            col[8][row] = x->alive;
            dcol[0][row] = x->members_start;
            dcol[1][row] = x->members_peak;
            dcol[2][row] = x->cash_start;
            dcol[3][row] = x->alive ? (double)x->members : 0;
        }
    static const char *const icol_name[9] = {"replicate", "index", "parent", "lineage", "born", "died", "cocaine_link",
                                             "precursor_link", "alive"};
    static const char *const icol_long[9] = {
        "replicate of this row", "index of the organisation within its replicate (events refer to it)",
        "index of the parent organisation in the same replicate (-1: none)",
        "index of the founding organisation of 2000 (the lineage axis of the series)",
        "tick of birth (0: present at the start)", "tick of death (-1: alive at the end)",
        "1: bought from Andean cocaine suppliers at birth", "1: bought precursors from Asian brokers at birth",
        "1: alive at the end of the run"};
    static const char *const dcol_name[4] = {"members_start", "members_peak", "cash_start", "members_end"};
    static const char *const dcol_long[4] = {"members at birth (or at the start)", "most members at any week's end",
                                             "cash at birth (or at the start)", "members at the end of the run"};
    static const char *const dcol_units[4] = {"persons", "persons", "US$2010", "persons"};
    int st = h5nc_table_rows(ctx, g, "organisation", n, "row of the organisation table");
    if (!st)
        st = h5nc_table_text_column(ctx, g, "organisation", "id", ids, n, "organisation id (splinters: parent id.k)");
    if (!st)
        st = h5nc_table_text_column(ctx, g, "organisation", "long_name", names, n, "organisation name");
    if (!st)
        st = h5nc_table_text_column(ctx, g, "organisation", "home_state", states, n, "home state (INEGI code)");
    for (int i = 0; i < 9 && !st; i++)
        st = h5nc_table_column(ctx, g, "organisation", icol_name[i], H5T_STD_I32LE, H5T_NATIVE_INT, col[i], n,
                               icol_long[i], NULL);
    for (int i = 0; i < 4 && !st; i++)
        st = h5nc_table_column(ctx, g, "organisation", dcol_name[i], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, dcol[i], n,
                               dcol_long[i], dcol_units[i]);
    free(ids);
    free(names);
    free(states);
    for (int i = 0; i < 9; i++)
        free(col[i]);
    for (int i = 0; i < 4; i++)
        free(dcol[i]);
    h5nc_close(g);
    return st;
}

/* /events: every birth, death, split, merger, succession, leader removal, war, peace and supplier
 * link change of every replicate, in order. */
static int write_events(H5nc *ctx, hid_t file, const H5OutRun *run)
{
    const Geography *geo = run->geo;
    const SimHistory *h = run->history;
    int n = 0;
    for (int r = 0; r < run->n_replicates; r++)
        n += h[r].n_events;
    hid_t g = h5nc_create_group(ctx, file, "events");
    if (g < 0)
        return ctx->err->status;
    const size_t m = (size_t)(n > 0 ? n : 1);
    const char **kind = malloc(sizeof(char *) * m), **state = malloc(sizeof(char *) * m);
    int *rep = malloc(sizeof(int) * m), *tick = malloc(sizeof(int) * m), *org = malloc(sizeof(int) * m),
        *other = malloc(sizeof(int) * m);
    double *time = malloc(sizeof(double) * m), *value = malloc(sizeof(double) * m);
    int row = 0;
    for (int r = 0; r < run->n_replicates; r++)
        for (int i = 0; i < h[r].n_events; i++, row++) {
            const OrgEvent *e = &h[r].events[i];
            kind[row] = orgs_event_names[e->kind];
            state[row] = e->state >= 0 ? geo->states[e->state].code : "";
            rep[row] = h5out_replicate(run, r);
            tick[row] = e->tick;
            org[row] = e->org;
            other[row] = e->other;
            time[row] = (double)run->day0 + 7.0 * e->tick;
            value[row] = e->value;
        }
    int st = h5nc_table_rows(ctx, g, "event", n, "row of the event table");
    if (!st)
        st = h5nc_table_text_column(ctx, g, "event", "kind", kind, n,
                                    "birth, death, split, merger, succession, arrest, extradition, killing, war, peace, link_lost, link_gained");
    if (!st)
        st = h5nc_table_text_column(ctx, g, "event", "state", state, n,
                                    "state where it happened (INEGI code; empty: none)");
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "replicate", H5T_STD_I32LE, H5T_NATIVE_INT, rep, n, "replicate", NULL);
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "tick", H5T_STD_I32LE, H5T_NATIVE_INT, tick, n,
                               "tick (week) of the event", NULL);
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "time", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, time, n, "start of the week",
                               H5NC_TIME_UNITS);
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "organisation", H5T_STD_I32LE, H5T_NATIVE_INT, org, n,
                               "organisation (index within the replicate: /organisations/index)", NULL);
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "other", H5T_STD_I32LE, H5T_NATIVE_INT, other, n,
                               "the other organisation: new faction (split), absorber (merger), parent (birth), "
                               "enemy (war, peace); -1 none",
                               NULL);
    if (!st)
        st = h5nc_table_column(ctx, g, "event", "value", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value, n,
                               "members involved (split, birth, merger, removal), war deaths (peace), "
                               "link (0 cocaine, 1 precursor)",
                               NULL);
    free(kind);
    free(state);
    free(rep);
    free(tick);
    free(org);
    free(other);
    free(time);
    free(value);
    h5nc_close(g);
    return st;
}

int h5tables_write(H5nc *ctx, hid_t file, const H5OutRun *run)
{
    const int st = write_organisations(ctx, file, run);
    return st ? st : write_events(ctx, file, run);
}
