/* h5tables.c: the /organisations and /events tables of the result file, part of the writer
 * (h5out.c calls h5tables_write; layout in docs/output-format.md). One row per organisation ever
 * alive in each replicate, and one per event of each replicate, in order; every column is a
 * contiguous 1-D dataset on the table's row axis (tables may be empty).
 *
 * A replicate's rows come either from its history in memory or, in a streamed run, from the spool
 * (h5tables_spool_history stores them there as the replicate finishes), and they are written a block
 * of replicates at a time: neither the run nor the writer holds the whole table of 1,000 replicates. */
#include "h5tables.h"

#include <stdlib.h>
#include <string.h>

#include "h5spool.h"
#include "sim.h"

/* Rows as the spool stores them: fixed records without unset padding. */
typedef struct OrgRow {
    char id[sizeof(((Org *)0)->id)];
    int32_t index, parent, lineage, home_state, born, died, cocaine_link, precursor_link, alive, replicate;
    double members_start, members_peak, cash_start, members_end;
} OrgRow;

typedef struct EventRow {
    int32_t tick, kind, org, other, state, replicate;
    double value;
} EventRow;

enum { PART_ORGS, PART_EVENTS };
#define BLOCK_ROWS 65536 /* rows gathered before a block is written */

static void org_row(const Org *x, int index, OrgRow *o)
{
    memset(o, 0, sizeof *o);
    memcpy(o->id, x->id, sizeof o->id);
    o->id[sizeof o->id - 1] = '\0';
    o->index = index;
    o->parent = x->parent;
    o->lineage = x->lineage;
    o->home_state = x->home_state;
    o->born = x->born;
    o->died = x->alive ? -1 : x->died;
    o->cocaine_link = x->cocaine_link_start;
    o->precursor_link = x->precursor_link_start;
    o->alive = x->alive;
    o->members_start = x->members_start;
    o->members_peak = x->members_peak;
    o->cash_start = x->cash_start;
    o->members_end = x->alive ? (double)x->members : 0;
}

static void event_row(const OrgEvent *e, EventRow *o)
{
    memset(o, 0, sizeof *o);
    o->tick = e->tick;
    o->kind = e->kind;
    o->org = e->org;
    o->other = e->other;
    o->state = e->state;
    o->value = e->value;
}

int h5tables_spool_history(H5Spool *spool, int slice, SimHistory *h, Error *err)
{
    OrgRow *orgs = malloc(sizeof(OrgRow) * (size_t)(h->n_orgs > 0 ? h->n_orgs : 1));
    EventRow *events = malloc(sizeof(EventRow) * (size_t)(h->n_events > 0 ? h->n_events : 1));
    int st = orgs && events ? CS_OK : error_set(err, CS_ERR_RUNTIME, "", 0, "", "out of memory for a replicate's tables");
    for (int i = 0; !st && i < h->n_orgs; i++)
        org_row(&h->orgs[i], i, &orgs[i]);
    for (int i = 0; !st && i < h->n_events; i++)
        event_row(&h->events[i], &events[i]);
    if (!st)
        st = h5spool_add_blob(spool, slice, PART_ORGS, orgs, sizeof(OrgRow) * (size_t)h->n_orgs, err);
    if (!st)
        st = h5spool_add_blob(spool, slice, PART_EVENTS, events, sizeof(EventRow) * (size_t)h->n_events, err);
    free(orgs);
    free(events);
    if (!st) {
        free(h->orgs);
        free(h->events);
        h->orgs = NULL;
        h->events = NULL;
        h->spooled = 1;
    }
    return st;
}

/* Rows of slice r of the run (organisations when part is PART_ORGS, else events) appended at
 * buf[*n ..], growing buf. */
static int load(const H5OutRun *run, int r, int part, void **buf, size_t *cap, int *n, Error *err)
{
    const SimHistory *h = &run->history[r];
    const int k = part == PART_ORGS ? h->n_orgs : h->n_events;
    const size_t size = part == PART_ORGS ? sizeof(OrgRow) : sizeof(EventRow);
    if (k == 0)
        return CS_OK;
    if ((size_t)(*n + k) > *cap) {
        const size_t c = (size_t)(*n + k) + BLOCK_ROWS;
        void *b = realloc(*buf, c * size);
        if (!b)
            return error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory for a block of the tables");
        *buf = b;
        *cap = c;
    }
    unsigned char *at = (unsigned char *)*buf + (size_t)*n * size;
    if (h->spooled) {
        const int slice = run->spool_slice ? run->spool_slice[r] : r;
        if (h5spool_blob_size(run->spool, slice, part) != (size_t)k * size)
            return error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "the spool's tables of slice %d have the wrong size", slice);
        if (k > 0 && h5spool_blob(run->spool, slice, part, at, err))
            return err->status;
    } else
        for (int i = 0; i < k; i++) {
            if (part == PART_ORGS)
                org_row(&h->orgs[i], i, (OrgRow *)at + i);
            else
                event_row(&h->events[i], (EventRow *)at + i);
        }
    for (int i = 0; i < k; i++) {
        if (part == PART_ORGS)
            ((OrgRow *)at)[i].replicate = h5out_replicate(run, r);
        else
            ((EventRow *)at)[i].replicate = h5out_replicate(run, r);
    }
    *n += k;
    return CS_OK;
}

/* Texts of an organisation row: id, long name, home state. */
static const char *org_text(const H5OutRun *run, const OrgRow *o, int c)
{
    const Geography *geo = run->geo;
    return c == 0 ? o->id : c == 1 ? (o->index < geo->n_orgs ? geo->orgs[o->index].name : o->id) : geo->states[o->home_state].code;
}

/* Texts of an event row: kind, state. */
static const char *event_text(const H5OutRun *run, const EventRow *e, int c)
{
    return c == 0 ? orgs_event_names[e->kind] : e->state >= 0 ? run->geo->states[e->state].code : "";
}

/* A column of a table: its kind (text, int32, float64), its index among the row's values of that
 * kind (row_text, row_int, row_dbl), its name, long name and units. */
typedef struct Col {
    char type; /* 't', 'i', 'd' */
    int c;
    const char *name, *long_name, *units;
} Col;

typedef struct Table {
    const char *group, *axis, *axis_long;
    int part, n_cols;
    const Col *cols;
} Table;

static const char *row_text(const H5OutRun *run, const Table *t, const void *rows, int i, int c)
{
    return t->part == PART_ORGS ? org_text(run, (const OrgRow *)rows + i, c) : event_text(run, (const EventRow *)rows + i, c);
}

static int row_int(const Table *t, const void *rows, int i, int c)
{
    if (t->part == PART_ORGS) {
        const OrgRow *o = (const OrgRow *)rows + i;
        const int32_t v[9] = {o->replicate, o->index, o->parent, o->lineage, o->born, o->died, o->cocaine_link,
                              o->precursor_link, o->alive};
        return v[c];
    }
    const EventRow *e = (const EventRow *)rows + i;
    const int32_t v[4] = {e->replicate, e->tick, e->org, e->other};
    return v[c];
}

static double row_dbl(const H5OutRun *run, const Table *t, const void *rows, int i, int c)
{
    if (t->part == PART_ORGS) {
        const OrgRow *o = (const OrgRow *)rows + i;
        const double v[4] = {o->members_start, o->members_peak, o->cash_start, o->members_end};
        return v[c];
    }
    const EventRow *e = (const EventRow *)rows + i;
    return c == 0 ? (double)run->day0 + 7.0 * e->tick : e->value;
}

enum { MAX_COLS = 16 };

/* One table: pass 1 over the replicates gives the rows and the widths of the text columns, pass 2
 * writes them a block of replicates at a time. */
static int write_table(H5nc *ctx, hid_t file, const H5OutRun *run, const Table *t)
{
    Error *err = ctx->err;
    void *rows = NULL;
    size_t cap = 0;
    int n = 0, width[MAX_COLS], st = CS_OK;
    for (int c = 0; c < t->n_cols; c++)
        width[c] = 1;
    for (int r = 0; r < run->n_replicates && !st; r++) { /* pass 1 */
        int k = 0;
        st = load(run, r, t->part, &rows, &cap, &k, err);
        for (int i = 0; i < k && !st; i++)
            for (int c = 0; c < t->n_cols; c++)
                if (t->cols[c].type == 't') {
                    const int len = (int)strlen(row_text(run, t, rows, i, t->cols[c].c));
                    width[c] = len > width[c] ? len : width[c];
                }
        n += k;
    }
    hid_t g = st ? H5I_INVALID_HID : h5nc_create_group(ctx, file, t->group), ds[MAX_COLS];
    if (!st && g < 0)
        st = ctx->err->status;
    if (!st)
        st = h5nc_table_rows(ctx, g, t->axis, n, t->axis_long);
    for (int c = 0; c < MAX_COLS; c++)
        ds[c] = H5I_INVALID_HID;
    int w = 1;
    for (int c = 0; c < t->n_cols && !st; c++) {
        const Col *x = &t->cols[c];
        ds[c] = x->type == 't' ? h5nc_text_column_create(ctx, g, t->axis, x->name, width[c], n, x->long_name)
                               : h5nc_column_create(ctx, g, t->axis, x->name, x->type == 'i' ? H5T_STD_I32LE : H5T_IEEE_F64LE,
                                                    n, x->long_name, x->units);
        if (ds[c] < 0)
            st = ctx->err->status;
        w = x->type == 't' && width[c] > w ? width[c] : w;
    }
    /* pass 2: blocks of whole replicates */
    const char **text = NULL;
    char *scratch = NULL;
    int *iv = NULL;
    double *dv = NULL;
    size_t have = 0;
    int row0 = 0;
    for (int r = 0; r < run->n_replicates && !st;) {
        int k = 0;
        while (r < run->n_replicates && !st && k < BLOCK_ROWS)
            st = load(run, r++, t->part, &rows, &cap, &k, err);
        if (st || k == 0)
            continue;
        if ((size_t)k > have) {
            free(text), free(scratch), free(iv), free(dv);
            text = malloc(sizeof(char *) * (size_t)k);
            scratch = malloc((size_t)k * (size_t)w);
            iv = malloc(sizeof(int) * (size_t)k);
            dv = malloc(sizeof(double) * (size_t)k);
            have = (size_t)k;
            if (!text || !scratch || !iv || !dv) {
                st = error_set(err, CS_ERR_RUNTIME, run->path, 0, "", "out of memory for a block of the tables");
                break;
            }
        }
        for (int c = 0; c < t->n_cols && !st; c++) {
            const Col *x = &t->cols[c];
            if (x->type == 't') {
                for (int i = 0; i < k; i++)
                    text[i] = row_text(run, t, rows, i, x->c);
                st = h5nc_text_column_write(ctx, ds[c], width[c], row0, k, text, scratch);
            } else if (x->type == 'i') {
                for (int i = 0; i < k; i++)
                    iv[i] = row_int(t, rows, i, x->c);
                st = h5nc_column_write(ctx, ds[c], H5T_NATIVE_INT, row0, k, iv);
            } else {
                for (int i = 0; i < k; i++)
                    dv[i] = row_dbl(run, t, rows, i, x->c);
                st = h5nc_column_write(ctx, ds[c], H5T_NATIVE_DOUBLE, row0, k, dv);
            }
        }
        row0 += k;
    }
    for (int c = 0; c < MAX_COLS; c++)
        h5nc_close(ds[c]);
    free(text), free(scratch), free(iv), free(dv), free(rows);
    h5nc_close(g);
    return st;
}

/* /organisations: one row per organisation ever alive in each replicate (replicate, index within
 * it), with its parent and lineage, so that the genealogy of fragmentation can be drawn. */
static const Col org_cols[] = {
    {'t', 0, "id", "organisation id (splinters: parent id.k)", NULL},
    {'t', 1, "long_name", "organisation name", NULL},
    {'t', 2, "home_state", "home state (INEGI code)", NULL},
    {'i', 0, "replicate", "replicate of this row", NULL},
    {'i', 1, "index", "index of the organisation within its replicate (events refer to it)", NULL},
    {'i', 2, "parent", "index of the parent organisation in the same replicate (-1: none)", NULL},
    {'i', 3, "lineage", "index of the founding organisation of 2000 (the lineage axis of the series)", NULL},
    {'i', 4, "born", "tick of birth (0: present at the start)", NULL},
    {'i', 5, "died", "tick of death (-1: alive at the end)", NULL},
    {'i', 6, "cocaine_link", "1: bought from Andean cocaine suppliers at birth", NULL},
    {'i', 7, "precursor_link", "1: bought precursors from Asian brokers at birth", NULL},
    {'i', 8, "alive", "1: alive at the end of the run", NULL},
    {'d', 0, "members_start", "members at birth (or at the start)", "persons"},
    {'d', 1, "members_peak", "most members at any week's end", "persons"},
    {'d', 2, "cash_start", "cash at birth (or at the start)", "US$2010"},
    {'d', 3, "members_end", "members at the end of the run", "persons"},
};

/* /events: every birth, death, split, merger, succession, leader removal, war, peace and supplier
 * link change of every replicate, in order. */
static const Col event_cols[] = {
    {'t', 0, "kind", "birth, death, split, merger, succession, arrest, extradition, killing, war, peace, link_lost, link_gained", NULL},
    {'t', 1, "state", "state where it happened (INEGI code; empty: none)", NULL},
    {'i', 0, "replicate", "replicate", NULL},
    {'i', 1, "tick", "tick (week) of the event", NULL},
    {'d', 0, "time", "start of the week", H5NC_TIME_UNITS},
    {'i', 2, "organisation", "organisation (index within the replicate: /organisations/index)", NULL},
    {'i', 3, "other",
     "the other organisation: new faction (split), absorber (merger), parent (birth), enemy (war, peace); -1 none", NULL},
    {'d', 1, "value", "members involved (split, birth, merger, removal), war deaths (peace), link (0 cocaine, 1 precursor)",
     NULL},
};

int h5tables_write(H5nc *ctx, hid_t file, const H5OutRun *run)
{
    const Table orgs = {"organisations", "organisation", "row of the organisation table", PART_ORGS,
                        (int)(sizeof org_cols / sizeof org_cols[0]), org_cols};
    const Table events = {"events", "event", "row of the event table", PART_EVENTS,
                          (int)(sizeof event_cols / sizeof event_cols[0]), event_cols};
    const int st = write_table(ctx, file, run, &orgs);
    return st ? st : write_table(ctx, file, run, &events);
}
