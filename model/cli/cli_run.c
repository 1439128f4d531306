/* cli_run.c: `cartelsim run`: run a scenario's replicates and write the HDF5 result file.
 * The file is written to OUT.h5.<pid>.tmp and renamed when complete (h5out.c). SIGINT, SIGTERM or
 * SIGHUP before the rename leave OUT.h5 as it was (the old result, or nothing), say so, and exit with
 * status 1; after the rename OUT.h5 is the new complete result, and the message says that. Outputs
 * that are not regular files (devices, FIFOs) and the run's own input files are refused. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dates.h"
#include "h5out.h"
#include "h5pack.h"
#include "h5read.h"
#include "h5spool.h"
#include "h5tables.h"
#include "metrics.h"
#include "rng.h"
#include "summary.h"

/* Set by the signal handler; the only file-scope mutable state, as a handler requires. */
static volatile sig_atomic_t stop_signal = 0;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static void help(void)
{
    puts("Usage: cartelsim run SCENARIO.cfg [options]\n"
         "       cartelsim run --from RESULT.h5 [options]\n\n"
         "Run every replicate of a scenario and write an HDF5 result file (docs/output-format.md).\n\n"
         "Options:\n"
         "  -o, --output FILE     result file (default results/<scenario name>.h5)\n"
         "  -r, --replicates N    number of replicates (same as --set sim.replicates=N)\n"
         "  -r, --replicates A-B  only replicates A to B (0-based, inclusive) of the run's sim.replicates: a\n"
         "                        shard, with the same random streams as in the whole run (cartelsim merge)\n"
         "      --shard I/N       the I-th of N equal shards of the run's replicates (I = 0 .. N-1)\n"
         "  -j, --jobs N          threads (default: all cores); results do not depend on it\n"
         "      --seed S          master seed (same as --set sim.seed=S)\n"
         "  -s, --set PATH=VALUE  override a parameter's base value, e.g. --set demand.treatment.capacity=2e6\n"
         "                        (refused for a lever the scenario's timeline sets: use the dated form)\n"
         "      --set YYYY-MM:PATH=VALUE\n"
         "                        change a lever from a month on (a policy change after the scenario's own),\n"
         "                        e.g. --set 2026-01:leadership.kingpin_intensity=2.0\n"
         "      --from FILE.h5    re-run the scenario stored in a result file, bit for bit (a shard: its replicates)\n"
         "  -q, --quiet           no progress bar or closing throughput line (only the name of an output\n"
         "                        the run chose itself, without -o)\n"
         "  -h, --help            this help\n\n"
         "Prints the key outcomes (mean and 5-95 % range over replicates) when done.\n"
         "Exit status: 0 done, 1 run or write failed or interrupted, 2 bad usage or input.");
}

/* Create the directories leading to path (mkdir -p of its parent). */
static int make_parent_dir(const char *path, Error *err)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return CS_OK;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            return error_set(err, CS_ERR_RUNTIME, dir, 0, "", "cannot create output directory: %s", strerror(errno));
        *p = '/';
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return error_set(err, CS_ERR_RUNTIME, dir, 0, "", "cannot create output directory: %s", strerror(errno));
    return CS_OK;
}

/* Fail before the run, not after it, when the output cannot be written or must not be replaced:
 * a directory, a device, FIFO or socket (the rename would replace it by a regular file), or one of
 * the files the run reads (the scenario, its includes, the --from result). */
static int check_output(const char *out, const Scenario *sc, const char *from, Error *err)
{
    struct stat sb;
    const size_t n = strlen(out);
    if (n == 0 || out[n - 1] == '/' || (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return error_set(err, CS_ERR_INPUT, out, 0, "", "-o needs a file name, not a directory (e.g. %s%sresult.h5)", out,
                         n && out[n - 1] == '/' ? "" : "/");
    if (stat(out, &sb) == 0) {
        if (!S_ISREG(sb.st_mode))
            return error_set(err, CS_ERR_INPUT, out, 0, "",
                             "is not a regular file (a device, FIFO or socket): a result replaces its output by a new file, "
                             "so it is written only to a regular file or a new name");
        for (int i = 0; i < sc->n_inputs; i++)
            if (sc->inputs[i].dev == (unsigned long long)sb.st_dev && sc->inputs[i].ino == (unsigned long long)sb.st_ino)
                return error_set(err, CS_ERR_INPUT, out, 0, "",
                                 "is the scenario file or a file it includes: the result would replace it (choose another -o)");
        struct stat fb;
        if (from && stat(from, &fb) == 0 && fb.st_dev == sb.st_dev && fb.st_ino == sb.st_ino)
            return error_set(err, CS_ERR_INPUT, out, 0, "", "is the result file given to --from: the re-run would replace it");
    }
    int st = make_parent_dir(out, err);
    if (st)
        return st;
    h5out_remove_stale(out);
    char tmp[1100];
    h5out_tmp_path(out, tmp, sizeof tmp);
    const int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return error_set(err, CS_ERR_RUNTIME, tmp, 0, "", "cannot write the output: %s", strerror(errno));
    close(fd);
    unlink(tmp);
    return CS_OK;
}

/* FNV-1a of the overrides: a default output name that differs when the overrides differ. */
static unsigned long overrides_hash(char **sets, int n)
{
    unsigned long h = 1469598103934665603UL;
    for (int i = 0; i < n; i++) {
        for (const char *c = sets[i]; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211UL;
        h = (h ^ 0xffu) * 1099511628211UL; /* separator */
    }
    return h;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static const char *signal_name(int sig)
{
    return sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "SIGINT";
}

/* Parse "A-B" (0 <= A <= B) into *a, *b; 1 when it is a range, 0 when it is not one (a count). */
static int parse_range(const char *s, long *a, long *b)
{
    char *end;
    if (!strchr(s, '-') || s[0] == '-')
        return 0;
    *a = strtol(s, &end, 10);
    if (end == s || *end != '-')
        return -1;
    const char *t = end + 1;
    *b = strtol(t, &end, 10);
    if (end == t || *end || *a < 0 || *b < *a)
        return -1;
    return 1;
}

/* The replicates a shard runs: A-B, or the I-th of N equal blocks of the n_total replicates. Returns
 * the count (a malloc'd list in *reps), 0 for a whole run (*reps NULL), or -2 after a message. */
static int shard_replicates(const char *range, const char *shard, int n_total, int **reps)
{
    *reps = NULL;
    long a = 0, b = -1;
    if (range && parse_range(range, &a, &b) == 1) {
        if (b >= n_total) {
            fprintf(stderr,
                    "cartelsim run: -r %s: replicate %ld is beyond the run's %d replicate%s (sim.replicates; a shard is part of "
                    "a run of sim.replicates replicates: set it with --set sim.replicates=N)\n",
                    range, b, n_total, n_total == 1 ? "" : "s");
            return -2;
        }
    } else if (shard) {
        char *end;
        const long i = strtol(shard, &end, 10);
        const long n = *end == '/' ? strtol(end + 1, &end, 10) : 0;
        if (*end || n < 1 || i < 0 || i >= n) {
            fprintf(stderr, "cartelsim run: --shard %s: needs I/N with N >= 1 and 0 <= I < N (e.g. --shard 0/4)\n", shard);
            return -2;
        }
        if (n > n_total) {
            fprintf(stderr, "cartelsim run: --shard %s: %ld shards of %d replicate%s would leave some empty (sim.replicates)\n",
                    shard, n, n_total, n_total == 1 ? "" : "s");
            return -2;
        }
        a = (long)((long long)i * n_total / n);
        b = (long)((long long)(i + 1) * n_total / n) - 1;
    } else
        return 0;
    const int count = (int)(b - a + 1);
    *reps = malloc(sizeof(int) * (size_t)count);
    if (!*reps) {
        fputs("cartelsim run: out of memory\n", stderr);
        return -2;
    }
    for (int k = 0; k < count; k++)
        (*reps)[k] = (int)a + k;
    return count;
}

/* The replicates of a shard file (fewer than its replicates_total), for --from: their count and a
 * malloc'd list in *reps; 0 for a whole run's file (or one that does not say). */
static int from_shard_replicates(const char *from, int n_total, int **reps)
{
    *reps = NULL;
    hid_t f = H5I_INVALID_HID;
    Error e;
    long long total = 0, n = 0;
    if (h5read_open(from, &f, &e) != CS_OK)
        return 0;
    int count = 0;
    if (h5read_attr_llong(f, "replicates_total", &total) == 0 && h5read_attr_llong(f, "replicates", &n) == 0 && n < total &&
        total == n_total) {
        hsize_t d[2];
        void *buf = NULL;
        if (h5read_array(f, from, "replicate", H5T_NATIVE_INT, &buf, d, &e) == CS_OK && (long long)d[0] == n) {
            *reps = buf;
            count = (int)n;
            for (int i = 0; i < count; i++)
                if ((*reps)[i] < 0 || (*reps)[i] >= n_total)
                    count = 0;
            if (!count) {
                free(*reps);
                *reps = NULL;
            }
        } else
            free(buf);
    }
    h5read_close(f);
    return count;
}

/* Name of the partial file of an interrupted run: results/x.h5 -> results/x.partial.h5. */
static void partial_path(const char *out, char *buf, size_t size)
{
    const size_t n = strlen(out);
    if (n > 3 && strcmp(out + n - 3, ".h5") == 0)
        snprintf(buf, size, "%.*s.partial.h5", (int)(n - 3), out);
    else
        snprintf(buf, size, "%s.partial", out);
}

/* After an interrupt: write the finished replicates (in order, from the spool) to the partial file,
 * marked partial = 1, which `cartelsim merge` completes. Prints what it kept and which replicates are
 * missing. Returns 1 when a partial file was written. */
static int write_partial(H5OutRun run, const int *reps, const unsigned char *finished, SimHistory *history, const char *out)
{
    const int n = run.n_replicates;
    int *kept = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1)), *slice = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1)), k = 0;
    if (!kept || !slice) {
        free(kept);
        free(slice);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        if (!finished[i])
            continue;
        if (k != i && history) {
            const SimHistory t = history[k];
            history[k] = history[i];
            history[i] = t;
        }
        slice[k] = i;
        kept[k++] = reps ? reps[i] : i;
    }
    run.spool_slice = slice;
    int ok = 0;
    if (k > 0) {
        char path[1100];
        partial_path(out, path, sizeof path);
        run.path = path;
        run.n_replicates = k;
        run.replicate_index = kept;
        run.partial = 1;
        run.stop = NULL; /* the finished replicates are worth the few seconds of writing */
        Error err;
        error_clear(&err);
        h5out_remove_stale(path);
        if (h5out_write(&run, &err) == CS_OK) {
            ok = 1;
            /* one pass over the runs of replicates not finished: their list ("-r 3-3, -r 5-31"), a
             * re-run command for each and the merge of them all */
            char missing[512] = "", runs[8192] = "", rest[4096] = "";
            const size_t lo = strlen(out);
            const int stem = (int)(lo > 3 && strcmp(out + lo - 3, ".h5") == 0 ? lo - 3 : lo); /* out without .h5 */
            for (int i = 0, j = 0; i < n; i++) {
                if (finished[i])
                    continue;
                int e = i;
                while (e + 1 < n && !finished[e + 1])
                    e++;
                const int a = reps ? reps[i] : i, b = reps ? reps[e] : e;
                size_t len = strlen(missing);
                if (len < sizeof missing - 40)
                    snprintf(missing + len, sizeof missing - len, "%s-r %d-%d", j++ ? ", " : "", a, b);
                len = strlen(runs);
                if (len < sizeof runs - 2400)
                    snprintf(runs + len, sizeof runs - len, "  cartelsim run --from %s -r %d-%d -o %.*s.rest%d-%d.h5\n", path,
                             a, b, stem, out, a, b);
                len = strlen(rest);
                if (len < sizeof rest - 1200)
                    snprintf(rest + len, sizeof rest - len, " %.*s.rest%d-%d.h5", stem, out, a, b);
                i = e;
            }
            fprintf(stderr,
                    "cartelsim: the %d replicate%s finished before the interrupt are in %s (partial = 1); the missing "
                    "ones (%s) re-run from it (--from carries the scenario, its changes and the seed), and merge joins "
                    "them:\n%s  cartelsim merge %s %s%s\n",
                    k, k == 1 ? "" : "s", path, missing, runs, out, path, rest);
        } else
            cli_report(&err);
    }
    free(kept);
    free(slice);
    return ok;
}

/* Where the runner hands each finished replicate: its series to the spool, its key outcomes to the
 * table of the summary printed at the end. */
typedef struct Stream {
    const Scenario *sc;
    H5Spool *spool;
    double *outcomes;     /* [replicate][N_OUTCOMES] */
    SimHistory *history;  /* [replicate]: the runner hands each replicate's organisations and events here */
} Stream;

static int stream_replicate(void *ctx, int i, const double *rows, Error *err)
{
    Stream *s = ctx;
    for (int k = 0; k < N_OUTCOMES; k++)
        s->outcomes[(size_t)i * N_OUTCOMES + (size_t)k] = summary_outcome(s->sc, rows, 0, k);
    int st = h5spool_add(s->spool, i, rows, err);
    if (!st && s->sc->has_geo && s->history) /* the tables' rows join the spool too: memory stays flat over replicates */
        st = h5tables_spool_history(s->spool, i, &s->history[i], err);
    return st;
}

static int interrupted(const char *out, int written)
{
    if (written)
        fprintf(stderr, "cartelsim: interrupted by %s after the result was complete: %s holds the new result\n",
                signal_name(stop_signal), out);
    else
        fprintf(stderr, "cartelsim: interrupted by %s: no result written%s%s%s\n", signal_name(stop_signal), out ? " to " : "",
                out ? out : "", out ? " (a result already there is untouched)" : "");
    return CS_ERR_RUNTIME;
}

int cli_run(int argc, char **argv)
{
    enum { OPT_SEED = 1000, OPT_FROM, OPT_SHARD };
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"replicates", required_argument, 0, 'r'},
        {"jobs", required_argument, 0, 'j'},   {"seed", required_argument, 0, OPT_SEED},
        {"set", required_argument, 0, 's'},    {"from", required_argument, 0, OPT_FROM},
        {"quiet", no_argument, 0, 'q'},        {"help", no_argument, 0, 'h'},
        {"shard", required_argument, 0, OPT_SHARD}, {0, 0, 0, 0}};
    char *sets[260];
    int n_sets = 0, jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), quiet = 0, c;
    const char *out = NULL, *from = NULL, *range = NULL, *shard = NULL;
    char rep_set[64] = "", seed_set[64] = "";
    optind = 1;
    argv[0] = "cartelsim run"; /* getopt's own messages name the command */
    while ((c = getopt_long(argc, argv, "o:r:j:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out = optarg;
            break;
        case 'r': {
            long a, b;
            const int kind = parse_range(optarg, &a, &b);
            if (kind < 0) {
                fprintf(stderr, "cartelsim run: -r %s: needs a count N or a range A-B with 0 <= A <= B\n", optarg);
                return 2;
            }
            if (kind == 1)
                range = optarg;
            else
                snprintf(rep_set, sizeof rep_set, "sim.replicates=%s", optarg);
            break;
        }
        case OPT_SHARD:
            shard = optarg;
            break;
        case OPT_SEED:
            snprintf(seed_set, sizeof seed_set, "sim.seed=%s", optarg);
            break;
        case 'j': {
            char *end;
            jobs = (int)strtol(optarg, &end, 10);
            if (*end || jobs < 1) {
                fprintf(stderr, "cartelsim run: -j needs a positive integer, got '%s'\n", optarg);
                return 2;
            }
            break;
        }
        case 's':
            if (n_sets < 256)
                sets[n_sets++] = optarg;
            break;
        case OPT_FROM:
            from = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            help();
            return 0;
        default:
            fputs("Try 'cartelsim run --help'.\n", stderr);
            return 2;
        }
    }
    if (range && shard) {
        fputs("cartelsim run: -r A-B and --shard I/N both choose the replicates: give one of them\n", stderr);
        return 2;
    }
    const char *file = optind < argc ? argv[optind] : NULL;
    if ((!file && !from) || (file && from) || optind < argc - 1) {
        fputs("Usage: cartelsim run SCENARIO.cfg [options]  or  cartelsim run --from RESULT.h5 [options]\n"
              "Try 'cartelsim run --help'.\n",
              stderr);
        return 2;
    }

    Scenario sc;
    Error err;
    error_clear(&err);
    int st0 = cli_load_scenario(&sc, file, from, sets, n_sets, &err);
    if (!st0 && rep_set[0])
        st0 = scenario_apply_override_from(&sc, rep_set, "-r", &err);
    if (!st0 && seed_set[0]) {
        st0 = scenario_apply_override_from(&sc, seed_set, "--seed", &err);
        if (n_sets < 256)
            sets[n_sets++] = seed_set; /* another seed is another result: part of the default name */
    }
    if (st0) {
        scenario_free(&sc);
        return cli_report(&err);
    }
    const int n_total = (int)PV(&sc.base, P_SIM_REPLICATES);
    int *reps = NULL;
    int n_shard = shard_replicates(range, shard, n_total, &reps);
    if (n_shard == 0 && from && !rep_set[0]) /* --from a shard re-runs that shard */
        n_shard = from_shard_replicates(from, n_total, &reps);
    if (n_shard < 0) {
        scenario_free(&sc);
        return 2;
    }
    { /* the memory the results need, with -r applied: a shard holds only its own replicates */
        sc.base.v[P_SIM_REPLICATES] = reps ? n_shard : n_total;
        st0 = scenario_check_size(&sc, 1, 0, NULL, &err);
        sc.base.v[P_SIM_REPLICATES] = n_total;
        if (st0) {
            free(reps);
            scenario_free(&sc);
            return cli_report(&err);
        }
    }
    /* A run with overrides is a variant of its scenario, named by what it changes (after what the
     * result given to --from had changed). */
    for (int i = 0; i < n_sets; i++) {
        const size_t len = strlen(sc.variant);
        snprintf(sc.variant + len, sizeof sc.variant - len, "%s--set %s", len ? ", " : "with ", sets[i]);
    }
    char default_out[300];
    if (!out) {
        /* Overrides never overwrite the plain scenario's result: the name carries their hash. */
        if (n_sets)
            snprintf(default_out, sizeof default_out, "results/%s-set%06lx.h5", sc.name, overrides_hash(sets, n_sets) & 0xffffff);
        else
            snprintf(default_out, sizeof default_out, "results/%s%s.h5", sc.name, from ? "-rerun" : "");
        if (reps) /* a shard: results/x-r8-15.h5 */
            snprintf(default_out + strlen(default_out) - 3, sizeof default_out - strlen(default_out) + 3, "-r%d-%d.h5",
                     reps[0], reps[n_shard - 1]);
        out = default_out;
    }
    if (check_output(out, &sc, from, &err)) {
        free(reps);
        scenario_free(&sc);
        return cli_report(&err);
    }

    cli_on_signals(on_signal);

    const int n_rep = reps ? n_shard : n_total;
    /* Replicates go to a spool on disk as they finish (h5spool.h): memory holds one per thread. */
    Stream stream = {&sc, h5spool_create(out, &sc.layout, n_rep, N_STATS, sc.n_ticks, &err),
                     malloc(sizeof(double) * (size_t)n_rep * N_OUTCOMES), NULL};
    if (!stream.spool || !stream.outcomes) {
        if (stream.spool && !stream.outcomes)
            error_set(&err, CS_ERR_RUNTIME, out, 0, "", "out of memory for the outcomes of %d replicates", n_rep);
        h5spool_free(stream.spool);
        free(stream.outcomes);
        free(reps);
        scenario_free(&sc);
        return cli_report(&err);
    }
    SimProgress prog = {0, 0};
    const double t0 = now_seconds();
    ProgressBar *bar = progress_start(&prog, !quiet && isatty(STDERR_FILENO));
    SimHistory *history = calloc((size_t)n_rep, sizeof(SimHistory));
    stream.history = history;
    unsigned char *finished = calloc((size_t)n_rep, 1);
    int st = sim_run_stream(&sc, reps, n_rep, finished, jobs, stream_replicate, &stream, history, &prog, &stop_signal, &err),
        written = 0;
    progress_stop(bar);
    const double t_run = now_seconds() - t0;
    char *config = scenario_config_text(&sc);
    {
        /* A bundle of policy files: name each file whose policy entries the run applies. */
        char policy_files[2048] = "";
        for (int i = 0; i < sc.n_changes; i++) {
            const PolicyChange *c = &sc.changes[i];
            const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
            if (c->history || strstr(policy_files, base))
                continue;
            const size_t len = strlen(policy_files);
            snprintf(policy_files + len, sizeof policy_files - len, "%s%s", len ? "; " : "", base);
        }
        char start[16];
        H5OutRun run = cli_result(&sc, out, n_rep, stream.spool, history, start);
        run.scenario_name = sc.name;
        run.scenario_description = sc.description;
        run.config_text = config;
        run.scenario_variant = sc.variant;
        run.policy_files = policy_files;
        run.stop = &stop_signal;
        run.replicate_index = reps;
        run.replicates_total = n_total;
        run.n_threads = jobs;
        if (st == CS_OK && !stop_signal) {
            st = h5out_write(&run, &err);
            written = st == CS_OK;
        }
        if (stop_signal && !written && finished && config)
            write_partial(run, reps, finished, sc.has_geo ? history : NULL, out);
    }
    free(config);
    free(finished);
    free(reps);
    sim_history_free(history, n_rep);
    free(history);
    h5spool_free(stream.spool);
    if (stop_signal) {
        free(stream.outcomes);
        scenario_free(&sc);
        return interrupted(out, written);
    }
    if (st) {
        free(stream.outcomes);
        scenario_free(&sc);
        return cli_report(&err);
    }
    if (n_rep != n_total) /* the table is over this shard's replicates */
        sc.base.v[P_SIM_REPLICATES] = n_rep;
    summary_print_table(stdout, &sc, stream.outcomes);
    if (!quiet)
        fprintf(stderr, "cartelsim: %d replicate%s x %d weeks in %.2f s on %d thread%s (%.0f replicate-weeks/s); wrote %s\n",
                n_rep, n_rep == 1 ? "" : "s", sc.n_ticks, t_run, jobs < n_rep ? jobs : n_rep,
                (jobs < n_rep ? jobs : n_rep) == 1 ? "" : "s", (double)n_rep * sc.n_ticks / (t_run > 0 ? t_run : 1e-9),
                out);
    else if (out == default_out) /* a name the run chose: the one line -q keeps */
        fprintf(stderr, "cartelsim: wrote %s\n", out);
    free(stream.outcomes);
    scenario_free(&sc);
    return 0;
}
