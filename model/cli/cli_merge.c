/* cli_merge.c: `cartelsim merge OUT.h5 PART.h5 ...`: join the shards of a run (cartelsim run -r A-B or
 * --shard I/N, or the partial file of an interrupted run) into the result file of the whole run.
 *
 * The parts must hold the same resolved scenario (/scenario/config, which includes the seed and
 * sim.replicates), be written by the same cartelsim (version and git revision) and cover every
 * replicate 0 .. sim.replicates-1 exactly once. The series and the /organisations and /events rows
 * are read back a replicate at a time into the spool of replicates (h5spool.h) and written by
 * h5out_write, the writer of `run`: the merged file is a whole run's file, dataset for dataset (its
 * /summary is computed from all replicates), written to a temporary file and renamed, and memory
 * holds one replicate whatever the number of replicates. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "dates.h"
#include "h5out.h"
#include "h5pack.h"
#include "h5spool.h"
#include "h5read.h"
#include "h5tables.h"
#include "metrics.h"
#include "rng.h"
#include "sim.h"
#include "summary.h"

/* What merge checks of each part. */
typedef struct Part {
    const char *path;
    hid_t file;
    char *config;
    char version[64], git[64], name[256], description[4096], variant[1024], policy[2048];
    long long seed, total, ticks;
    int n, *reps; /* its replicate indices, from the /replicate coordinate */
} Part;

static void help(void)
{
    puts("Usage: cartelsim merge OUT.h5 PART.h5 [PART.h5 ...] [-q]\n\n"
         "Join the shards of a run (cartelsim run -r A-B or --shard I/N, or the partial file an interrupted run\n"
         "left) into one result file, identical dataset by dataset to a run of all replicates on one machine.\n"
         "The parts must have the same resolved scenario, seed and cartelsim build, and together hold every\n"
         "replicate 0 .. sim.replicates-1 exactly once.\n\n"
         "Options:\n"
         "  -q, --quiet   no summary table\n"
         "  -h, --help    this help\n\n"
         "Exit status: 0 done, 1 read or write failed, 2 bad usage or parts that do not make one run.");
}

/* The first line where two texts differ (1-based), and that line of each (at most size - 1
 * characters; empty past the end), for the message. */
static int first_diff_line(const char *a, const char *b, char *la, char *lb, size_t size)
{
    int line = 1;
    const char *sa = a, *sb = b; /* starts of the current lines */
    for (; *a && *a == *b; a++, b++)
        if (*a == '\n') {
            line++;
            sa = a + 1, sb = b + 1;
        }
    snprintf(la, size, "%.*s", (int)strcspn(sa, "\n"), sa);
    snprintf(lb, size, "%.*s", (int)strcspn(sb, "\n"), sb);
    return line;
}

static int open_part(Part *p, Error *err)
{
    int st = h5read_open(p->path, &p->file, err);
    if (st)
        return err->status = CS_ERR_INPUT;
    if ((st = h5read_string(p->file, p->path, "scenario/config", &p->config, err)))
        return st;
    h5read_attr_text(p->file, "cartelsim_version", p->version, sizeof p->version);
    h5read_attr_text(p->file, "scenario_name", p->name, sizeof p->name);
    h5read_attr_text(p->file, "scenario_description", p->description, sizeof p->description);
    h5read_attr_text(p->file, "scenario_variant", p->variant, sizeof p->variant);
    h5read_attr_text(p->file, "policy_files", p->policy, sizeof p->policy);
    h5read_attr_llong(p->file, "seed", &p->seed);
    h5read_attr_llong(p->file, "ticks", &p->ticks);
    if (h5read_attr_llong(p->file, "replicates_total", &p->total) != 0)
        h5read_attr_llong(p->file, "replicates", &p->total); /* a file of an older cartelsim: a whole run */
    hid_t prov = H5Gopen2(p->file, "provenance", H5P_DEFAULT);
    if (prov >= 0) {
        h5read_attr_text(prov, "git_revision", p->git, sizeof p->git);
        H5Gclose(prov);
    }
    hsize_t d[2];
    void *buf = NULL;
    if ((st = h5read_array(p->file, p->path, "replicate", H5T_NATIVE_INT, &buf, d, err)))
        return st;
    p->reps = buf;
    p->n = (int)d[0];
    /* closed until its turn to be read: a merge of many parts keeps one part's file open at a time */
    h5read_close(p->file);
    p->file = H5I_INVALID_HID;
    return CS_OK;
}

/* Same run: scenario, seed, resolved parameters, cartelsim build. Returns CS_OK or CS_ERR_INPUT. */
static int check_same_run(const Part *a, const Part *b, Error *err)
{
    if (strcmp(a->name, b->name) != 0)
        return error_set(err, CS_ERR_INPUT, b->path, 0, "", "is a result of scenario '%s', %s of '%s': not parts of one run",
                         b->name, a->path, a->name);
    if (a->seed != b->seed)
        return error_set(err, CS_ERR_INPUT, b->path, 0, "", "has seed %lld, %s has seed %lld: not parts of one run", b->seed,
                         a->path, a->seed);
    if (strcmp(a->version, b->version) != 0 || strcmp(a->git, b->git) != 0)
        return error_set(err, CS_ERR_INPUT, b->path, 0, "",
                         "was written by cartelsim %s (git %s), %s by cartelsim %s (git %s): results of different builds "
                         "are not bit-identical, re-run the parts with one build",
                         b->version, b->git, a->path, a->version, a->git);
    if (strcmp(a->config, b->config) != 0) {
        char la[160], lb[160];
        const int line = first_diff_line(a->config, b->config, la, lb, sizeof la);
        return error_set(err, CS_ERR_INPUT, b->path, 0, "",
                         "has other parameters or timeline than %s: their /scenario/config differs from line %d ('%s' "
                         "here, '%s' there): not parts of one run",
                         a->path, line, lb, la);
    }
    if (strcmp(a->variant, b->variant) != 0)
        return error_set(err, CS_ERR_INPUT, b->path, 0, "",
                         "is labelled '%s', %s '%s': the same parameters reached another way (a scenario file against "
                         "--set), merged they would carry one label for both; make the parts the same way",
                         b->variant, a->path, a->variant);
    return CS_OK;
}

/* Every replicate 0 .. total-1 exactly once; owner[r] = the part that holds replicate r. */
static int check_coverage(const Part *parts, int n_parts, int total, int *owner, Error *err)
{
    for (int r = 0; r < total; r++)
        owner[r] = -1;
    for (int i = 0; i < n_parts; i++)
        for (int k = 0; k < parts[i].n; k++) {
            const int r = parts[i].reps[k];
            if (r < 0 || r >= total)
                return error_set(err, CS_ERR_INPUT, parts[i].path, 0, "", "holds replicate %d, outside the run's 0-%d", r,
                                 total - 1);
            if (owner[r] >= 0)
                return error_set(err, CS_ERR_INPUT, parts[i].path, 0, "",
                                 "holds replicate %d, which %s holds too: the parts overlap", r, parts[owner[r]].path);
            owner[r] = i;
        }
    for (int r = 0; r < total; r++)
        if (owner[r] < 0) {
            int e = r;
            while (e + 1 < total && owner[e + 1] < 0)
                e++;
            char which[48];
            if (e > r)
                snprintf(which, sizeof which, "replicates %d-%d", r, e);
            else
                snprintf(which, sizeof which, "replicate %d", r);
            return error_set(err, CS_ERR_INPUT, "", 0, "",
                             "the parts do not hold %s of the run's 0-%d: re-run them from any part "
                             "(cartelsim run --from %s -r %d-%d -o REST.h5: --from carries the scenario, its changes and "
                             "the seed) and merge again with REST.h5",
                             which, total - 1, parts[0].path, r, e);
        }
    return CS_OK;
}

/* Slice j of /series/<name> of a part ([1, T, k]) into out (T x k). */
static int read_slice(const Part *p, const char *name, int j, int T, int k, double *out, Error *err)
{
    char path[200];
    snprintf(path, sizeof path, "series/%s", name);
    hid_t ds = H5Dopen2(p->file, path, H5P_DEFAULT);
    hid_t fs = ds >= 0 ? H5Dget_space(ds) : H5I_INVALID_HID;
    const int rank = fs >= 0 ? H5Sget_simple_extent_ndims(fs) : -1;
    hsize_t dims[3] = {0, 0, 1};
    int st = CS_OK;
    if (rank < 2 || rank > 3 || H5Sget_simple_extent_dims(fs, dims, NULL) < 0 || dims[0] != (hsize_t)p->n ||
        dims[1] != (hsize_t)T || (rank == 3 ? dims[2] : 1) != (hsize_t)k)
        st = error_set(err, CS_ERR_INPUT, p->path, 0, name, "/series/%s is missing or has shape %llux%llux%llu, expected %dx%dx%d",
                       name, (unsigned long long)dims[0], (unsigned long long)dims[1], (unsigned long long)dims[2], p->n, T, k);
    const hsize_t start[3] = {(hsize_t)j, 0, 0}, count[3] = {1, (hsize_t)T, (hsize_t)k};
    hid_t ms = st ? H5I_INVALID_HID : H5Screate_simple(rank, count, NULL);
    if (!st && (ms < 0 || H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
                H5Dread(ds, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, out) < 0))
        st = error_set(err, CS_ERR_INPUT, p->path, 0, name, "cannot read replicate %d of /series/%s", p->reps[j], name);
    if (ms >= 0)
        H5Sclose(ms);
    if (fs >= 0)
        H5Sclose(fs);
    if (ds >= 0)
        H5Dclose(ds);
    return st;
}

/* The series of every part, a replicate at a time, into the spool (as `run` streams them), and the
 * key outcomes of each replicate into outcomes[replicate][N_OUTCOMES]: memory holds one replicate. */
static int read_series(const Part *parts, int n_parts, const Scenario *sc, H5Spool *spool, double *outcomes, Error *err)
{
    const MetricsLayout *L = &sc->layout;
    const size_t width = (size_t)metrics_row_width(L), T = (size_t)sc->n_ticks;
    int maxk = 1;
    for (int m = 0; m < N_METRICS; m++)
        maxk = metrics_width(L, (MetricId)m) > maxk ? metrics_width(L, (MetricId)m) : maxk;
    double *rows = malloc(sizeof(double) * T * width), *x = malloc(sizeof(double) * T * (size_t)maxk);
    int st = rows && x ? CS_OK : error_set(err, CS_ERR_RUNTIME, parts[0].path, 0, "", "out of memory for a replicate");
    for (int i = 0; i < n_parts && !st; i++)
        for (int j = 0; j < parts[i].n && !st; j++) {
            for (int m = 0; m < N_METRICS && !st; m++) {
                const int off = metrics_offset(L, (MetricId)m), k = metrics_width(L, (MetricId)m);
                st = read_slice(&parts[i], metrics_info[m].name, j, (int)T, k, x, err);
                for (size_t t = 0; t < T && !st; t++)
                    memcpy(rows + t * width + (size_t)off, x + t * (size_t)k, sizeof(double) * (size_t)k);
            }
            const int r = parts[i].reps[j];
            for (int k = 0; k < N_OUTCOMES && !st; k++)
                outcomes[(size_t)r * N_OUTCOMES + (size_t)k] = summary_outcome(sc, rows, 0, k);
            if (!st)
                st = h5spool_add(spool, r, rows, err);
        }
    free(x);
    free(rows);
    return st;
}

/* A table's columns (ints, doubles, char arrays), read whole. */
typedef struct Column {
    const char *name;
    hid_t type; /* H5T_NATIVE_INT, H5T_NATIVE_DOUBLE, or 0 for a char array */
    void *v;
    hsize_t dims[2];
} Column;

static int read_columns(const Part *p, const char *group, Column *c, int n, Error *err)
{
    for (int i = 0; i < n; i++) {
        char ds[128];
        snprintf(ds, sizeof ds, "%s/%s", group, c[i].name);
        const int st = h5read_array(p->file, p->path, ds, c[i].type, &c[i].v, c[i].dims, err);
        if (st)
            return st;
    }
    return CS_OK;
}

static void free_columns(Column *c, int n)
{
    for (int i = 0; i < n; i++) {
        free(c[i].v);
        c[i].v = NULL;
    }
}

/* Copy the text of row i of a char array column (NUL-padded) into buf. */
static void cell_text(const Column *c, hsize_t i, char *buf, size_t size)
{
    const size_t w = (size_t)c->dims[1];
    snprintf(buf, size, "%.*s", (int)(w < size ? w : size - 1), (const char *)c->v + i * w);
}

static int state_index(const Geography *geo, const char *code)
{
    for (int s = 0; code[0] && s < geo->n_states; s++)
        if (strcmp(geo->states[s].code, code) == 0)
            return s;
    return -1;
}

/* Count rows per replicate of a table's replicate column into counts[replicate] (+=). */
static int count_rows(const Part *p, const Column *rep, int total, int *counts, Error *err, const char *table)
{
    const int *r = rep->v;
    for (hsize_t i = 0; i < rep->dims[0]; i++) {
        if (r[i] < 0 || r[i] >= total)
            return error_set(err, CS_ERR_INPUT, p->path, 0, "", "/%s/replicate holds %d, outside the run", table, r[i]);
        counts[r[i]]++;
    }
    return CS_OK;
}

/* /organisations and /events of every part back into the replicates' histories. */
static int read_history(const Part *p, const Geography *geo, int total, SimHistory *h, Error *err)
{
    Column oc[] = {{"replicate", H5T_NATIVE_INT, 0, {0, 0}},      {"parent", H5T_NATIVE_INT, 0, {0, 0}},
                   {"lineage", H5T_NATIVE_INT, 0, {0, 0}},        {"born", H5T_NATIVE_INT, 0, {0, 0}},
                   {"died", H5T_NATIVE_INT, 0, {0, 0}},           {"cocaine_link", H5T_NATIVE_INT, 0, {0, 0}},
                   {"precursor_link", H5T_NATIVE_INT, 0, {0, 0}}, {"alive", H5T_NATIVE_INT, 0, {0, 0}},
                   {"members_start", H5T_NATIVE_DOUBLE, 0, {0, 0}}, {"members_peak", H5T_NATIVE_DOUBLE, 0, {0, 0}},
                   {"cash_start", H5T_NATIVE_DOUBLE, 0, {0, 0}},  {"members_end", H5T_NATIVE_DOUBLE, 0, {0, 0}},
                   {"id", 0, 0, {0, 0}},                          {"home_state", 0, 0, {0, 0}}};
    Column ec[] = {{"replicate", H5T_NATIVE_INT, 0, {0, 0}}, {"tick", H5T_NATIVE_INT, 0, {0, 0}},
                   {"organisation", H5T_NATIVE_INT, 0, {0, 0}}, {"other", H5T_NATIVE_INT, 0, {0, 0}},
                   {"value", H5T_NATIVE_DOUBLE, 0, {0, 0}},   {"kind", 0, 0, {0, 0}},
                   {"state", 0, 0, {0, 0}}};
    enum { NO = sizeof oc / sizeof oc[0], NE = sizeof ec / sizeof ec[0] };
    int st = read_columns(p, "organisations", oc, NO, err);
    if (!st)
        st = read_columns(p, "events", ec, NE, err);
    int *no = calloc((size_t)total, sizeof(int)), *ne = calloc((size_t)total, sizeof(int));
    if (!st && (!no || !ne))
        st = error_set(err, CS_ERR_RUNTIME, p->path, 0, "", "out of memory");
    if (!st)
        st = count_rows(p, &oc[0], total, no, err, "organisations");
    if (!st)
        st = count_rows(p, &ec[0], total, ne, err, "events");
    for (int r = 0; r < total && !st; r++) {
        if (!no[r] && !ne[r])
            continue;
        h[r].orgs = calloc((size_t)(no[r] ? no[r] : 1), sizeof(Org));
        h[r].events = calloc((size_t)(ne[r] ? ne[r] : 1), sizeof(OrgEvent));
        if (!h[r].orgs || !h[r].events)
            st = error_set(err, CS_ERR_RUNTIME, p->path, 0, "", "out of memory");
    }
    for (hsize_t i = 0; i < oc[0].dims[0] && !st; i++) {
        const int r = ((int *)oc[0].v)[i];
        Org *o = &h[r].orgs[h[r].n_orgs++];
        char code[16];
        cell_text(&oc[12], i, o->id, sizeof o->id);
        cell_text(&oc[13], i, code, sizeof code);
        o->home_state = state_index(geo, code);
        o->parent = ((int *)oc[1].v)[i];
        o->lineage = ((int *)oc[2].v)[i];
        o->born = ((int *)oc[3].v)[i];
        o->died = ((int *)oc[4].v)[i];
        o->cocaine_link_start = ((int *)oc[5].v)[i];
        o->precursor_link_start = ((int *)oc[6].v)[i];
        o->alive = ((int *)oc[7].v)[i];
        o->members_start = ((double *)oc[8].v)[i];
        o->members_peak = ((double *)oc[9].v)[i];
        o->cash_start = ((double *)oc[10].v)[i];
        o->members = (int64_t)((double *)oc[11].v)[i];
        if (o->home_state < 0)
            st = error_set(err, CS_ERR_INPUT, p->path, 0, "", "/organisations/home_state: unknown state '%s'", code);
    }
    for (hsize_t i = 0; i < ec[0].dims[0] && !st; i++) {
        const int r = ((int *)ec[0].v)[i];
        OrgEvent *e = &h[r].events[h[r].n_events++];
        char kind[32], code[16];
        cell_text(&ec[5], i, kind, sizeof kind);
        cell_text(&ec[6], i, code, sizeof code);
        e->tick = ((int *)ec[1].v)[i];
        e->org = ((int *)ec[2].v)[i];
        e->other = ((int *)ec[3].v)[i];
        e->value = ((double *)ec[4].v)[i];
        e->state = state_index(geo, code);
        e->kind = -1;
        for (int k = 0; k < N_EVENT_KINDS; k++)
            if (strcmp(orgs_event_names[k], kind) == 0)
                e->kind = k;
        if (e->kind < 0 || (code[0] && e->state < 0))
            st = error_set(err, CS_ERR_INPUT, p->path, 0, "", "/events: unknown kind '%s' or state '%s'", kind, code);
    }
    free(no);
    free(ne);
    free_columns(oc, NO);
    free_columns(ec, NE);
    return st;
}

/* Refuse an output that is one of the parts (the merge would replace its own input). */
static int check_output(const char *out, const Part *parts, int n_parts, Error *err)
{
    struct stat sb;
    if (stat(out, &sb) != 0)
        return CS_OK;
    if (!S_ISREG(sb.st_mode))
        return error_set(err, CS_ERR_INPUT, out, 0, "", "is not a regular file: the merged result is written only to a regular file or a new name");
    for (int i = 0; i < n_parts; i++) {
        struct stat pb;
        if (stat(parts[i].path, &pb) == 0 && pb.st_dev == sb.st_dev && pb.st_ino == sb.st_ino)
            return error_set(err, CS_ERR_INPUT, out, 0, "", "is one of the parts: the merge would replace its own input");
    }
    return CS_OK;
}

static volatile sig_atomic_t merge_stop = 0;

static void on_signal(int sig)
{
    merge_stop = sig;
}

int cli_merge(int argc, char **argv)
{
    static const struct option opts[] = {{"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int quiet = 0, c;
    optind = 1;
    argv[0] = "cartelsim merge";
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        if (c == 'q')
            quiet = 1;
        else if (c == 'h') {
            help();
            return 0;
        } else {
            fputs("Try 'cartelsim merge --help'.\n", stderr);
            return 2;
        }
    }
    if (argc - optind < 2) {
        fputs("Usage: cartelsim merge OUT.h5 PART.h5 [PART.h5 ...]\nTry 'cartelsim merge --help'.\n", stderr);
        return 2;
    }
    const char *out = argv[optind];
    const int n_parts = argc - optind - 1;
    Part *parts = calloc((size_t)n_parts, sizeof(Part));
    Error err;
    error_clear(&err);
    int st = parts ? CS_OK : error_set(&err, CS_ERR_RUNTIME, "", 0, "", "out of memory");
    for (int i = 0; i < n_parts && !st; i++) {
        parts[i].path = argv[optind + 1 + i];
        parts[i].file = H5I_INVALID_HID;
        st = open_part(&parts[i], &err);
        if (!st && i > 0)
            st = check_same_run(&parts[0], &parts[i], &err);
    }
    const int total = st ? 0 : (int)parts[0].total;
    int *owner = st ? NULL : calloc((size_t)(total > 0 ? total : 1), sizeof(int));
    if (!st && !owner)
        st = error_set(&err, CS_ERR_RUNTIME, "", 0, "", "out of memory");
    if (!st)
        st = check_coverage(parts, n_parts, total, owner, &err);
    if (!st)
        st = check_output(out, parts, n_parts, &err);
    Scenario sc;
    memset(&sc, 0, sizeof sc);
    int have_sc = 0;
    if (!st) {
        st = cli_load_scenario(&sc, NULL, parts[0].path, NULL, 0, &err);
        have_sc = 1;
        if (!st && (PV(&sc.base, P_SIM_REPLICATES) != total || sc.n_ticks != parts[0].ticks))
            st = error_set(&err, CS_ERR_INPUT, parts[0].path, 0, "sim.replicates",
                           "its scenario has %g replicates and %d weeks, its attributes %d and %lld",
                           PV(&sc.base, P_SIM_REPLICATES), sc.n_ticks, total, parts[0].ticks);
        if (!st) /* the merged run is streamed through a spool, as a run's results are */
            st = scenario_check_size(&sc, 1, 0, NULL, &err);
    }
    double *outcomes = NULL;
    SimHistory *history = NULL;
    H5Spool *spool = NULL;
    if (!st && (!(outcomes = malloc(sizeof(double) * (size_t)total * N_OUTCOMES)) ||
                !(history = calloc((size_t)total, sizeof(SimHistory)))))
        st = error_set(&err, CS_ERR_RUNTIME, out, 0, "", "out of memory for the outcomes of %d replicates", total);
    if (!st && !(spool = h5spool_create(out, &sc.layout, total, N_STATS, sc.n_ticks, &err)))
        st = err.status;
    /* one part at a time: its series and then its tables join the spool, and its file is closed, so
     * that memory holds one part's tables and one open file, not the whole run's */
    for (int i = 0; i < n_parts && !st; i++) {
        if (h5read_open(parts[i].path, &parts[i].file, &err))
            st = err.status = CS_ERR_INPUT;
        if (!st)
            st = read_series(&parts[i], 1, &sc, spool, outcomes, &err);
        if (!st && sc.has_geo)
            st = read_history(&parts[i], &sc.geo, total, history, &err);
        for (int j = 0; j < parts[i].n && !st && sc.has_geo; j++)
            st = h5tables_spool_history(spool, parts[i].reps[j], &history[parts[i].reps[j]], &err);
        h5read_close(parts[i].file);
        parts[i].file = H5I_INVALID_HID;
    }
    if (!st) {
        cli_on_signals(on_signal);
        char start[16];
        h5out_remove_stale(out);
        H5OutRun run = cli_result(&sc, out, total, spool, history, start);
        run.scenario_name = parts[0].name;
        run.scenario_description = parts[0].description;
        run.config_text = parts[0].config;
        run.scenario_variant = parts[0].variant;
        run.policy_files = parts[0].policy;
        run.stop = &merge_stop;
        run.replicates_total = total;
        run.n_threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
        st = h5out_write(&run, &err);
    }
    if (!st && !quiet) {
        snprintf(sc.variant, sizeof sc.variant, "%.*s", (int)sizeof sc.variant - 1, parts[0].variant);
        summary_print_table(stdout, &sc, outcomes);
        fprintf(stderr, "cartelsim: merged %d part%s (%d replicates) into %s\n", n_parts, n_parts == 1 ? "" : "s", total, out);
    }
    if (history)
        sim_history_free(history, total);
    free(history);
    h5spool_free(spool);
    free(outcomes);
    free(owner);
    if (have_sc)
        scenario_free(&sc);
    for (int i = 0; parts && i < n_parts; i++) {
        h5read_close(parts[i].file);
        free(parts[i].config);
        free(parts[i].reps);
    }
    free(parts);
    return st ? cli_report(&err) : 0;
}
