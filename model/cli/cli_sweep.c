/* cli_sweep.c: `cartelsim sweep`: a design of runs (docs/cluster.md).
 *
 *   cartelsim sweep --sobol N | --lhs N --param PATH=LO:HI ... [--seed S] [-o DESIGN.csv]
 *       writes a design file: N points of GSL's Sobol sequence (gsl_qrng_sobol) or of a seeded Latin
 *       hypercube, scaled to the ranges given.
 *   cartelsim sweep DESIGN.csv SCENARIO.cfg [-o DIR] [-r N] [--seed S] [--local [-j N]]
 *       expands the design into one plain command per design point (cartelsim run SCENARIO --set
 *       PATH=VALUE ... -o DIR/point-K.h5), written to DIR/commands.txt (line K+1 = point K, for job
 *       arrays), DIR/manifest.csv and DIR/final.sh (the collection, for cluster/slurm/submit.sh and
 *       cluster/dask_submit.py); --local runs them here, N at a time, then collects.
 *   cartelsim sweep --collect DIR
 *       reads every point's result and writes DIR/results.csv: point, replicate, the design's
 *       parameters and the key outcomes (outcomes.def), one row per point and replicate.
 *
 * Every file is written to a temporary name and renamed. A point whose result file is already there
 * and complete is not run again by --local (a sweep resumes). */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "csv.h"
#include "h5read.h"
#include "metrics.h"
#include "summary.h"
#include "sweep_design.h"
#include "textfile.h"

#define SWEEP_MAX_PARAMS 64

static void help(void)
{
    puts("Usage: cartelsim sweep --sobol N | --lhs N --param PATH=LO:HI [--param ...] [--seed S] [-o DESIGN.csv]\n"
         "       cartelsim sweep DESIGN.csv SCENARIO.cfg [-o DIR] [-r N] [--seed S] [--set P=V ...] [--local [-j N]]\n"
         "       cartelsim sweep --collect DIR\n\n"
         "A design file is a CSV table: a header of parameter paths (YYYY-MM:path for a lever from that month,\n"
         "as --set YYYY-MM:path=value; an optional first column `point`), one\n"
         "row per design point, '#' comment lines (docs/cluster.md). The sweep writes one plain command per\n"
         "point to DIR/commands.txt (line K+1 is point K: a Slurm array task, a Dask task, a shell loop) and\n"
         "DIR/manifest.csv; --local runs them here, N at a time, and collects DIR/results.csv (point,\n"
         "replicate, parameters, key outcomes) for pandas and R.\n\n"
         "Options:\n"
         "      --sobol N         N points of the Sobol sequence (GSL gsl_qrng_sobol, up to 40 parameters)\n"
         "      --lhs N           N points of a Latin hypercube (one point per stratum of every range; --seed)\n"
         "      --param P=LO:HI   a parameter and its range (repeat; the order of the design's columns)\n"
         "  -o FILE|DIR           the design file (generation; default stdout) or the sweep directory\n"
         "                        (default results/sweep-<design name>)\n"
         "  -r, --replicates N    replicates of every run;  --seed S  master seed of every run (or of --lhs)\n"
         "  -s, --set PATH=VALUE  a parameter of every run (before the design's own columns)\n"
         "      --local           run the commands here;  -j N  that many at a time (default: all cores)\n"
         "      --collect DIR     write DIR/results.csv from the results of DIR/manifest.csv\n"
         "  -h, --help            this help\n\n"
         "Exit status: 0 done, 1 a run or a write failed, 2 bad usage or input.");
}

/* Write text to path through a temporary file and a rename. */
static int write_atomic(const char *path, const char *text, Error *err)
{
    char tmp[PATH_MAX + 64];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return error_set(err, CS_ERR_RUNTIME, tmp, 0, "", "cannot write: %s", strerror(errno));
    const size_t n = strlen(text);
    const int bad = fwrite(text, 1, n, f) != n;
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        const int e = errno;
        unlink(tmp);
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write: %s", strerror(e));
    }
    return CS_OK;
}

/* A growing string. */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

__attribute__((format(printf, 2, 3))) static void buf_add(Buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        const int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            return;
        if (b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        const size_t cap = (b->cap + (size_t)k + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            fputs("cartelsim sweep: out of memory\n", stderr);
            exit(1);
        }
        b->s = s;
        b->cap = cap;
    }
}

/* ---- design generation ---------------------------------------------------------------------- */

/* The design table: N rows of unit-cube points u[N][d] scaled to the ranges. */
static int generate(int sobol, long n, const SweepRange *rg, int d, unsigned long seed, const char *out)
{
    double *u = sweep_design_unit_points(sobol, n, d, seed);
    if (!u)
        return 1;
    Buf b = {0};
    buf_add(&b, "# cartelsim sweep design: %ld points of %s", n, sobol ? "the Sobol sequence (GSL gsl_qrng_sobol)" : "a Latin hypercube");
    if (!sobol)
        buf_add(&b, ", seed %lu", seed);
    buf_add(&b, "\npoint");
    for (int j = 0; j < d; j++)
        buf_add(&b, ",%s", params_info[rg[j].id].path);
    buf_add(&b, "\n");
    for (long i = 0; i < n; i++) {
        buf_add(&b, "%ld", i);
        for (int j = 0; j < d; j++) {
            double v = rg[j].lo + u[(size_t)i * (size_t)d + (size_t)j] * (rg[j].hi - rg[j].lo);
            if (params_info[rg[j].id].type == PT_INT)
                buf_add(&b, ",%.0f", floor(v));
            else
                buf_add(&b, ",%.17g", v);
        }
        buf_add(&b, "\n");
    }
    free(u);
    int st = 0;
    if (out) {
        Error err;
        error_clear(&err);
        if (write_atomic(out, b.s, &err))
            st = cli_report(&err);
    } else
        fputs(b.s, stdout);
    free(b.s);
    return st;
}

/* ---- expansion ------------------------------------------------------------------------------ */

typedef struct Design {
    char **sets; /* --set PATH=VALUE of every run (before the point's own) */
    int n_sets;
    Csv csv;
    const char *path;
    int point_col;          /* column of `point`, or -1 */
    int n_params, col[SWEEP_MAX_PARAMS], id[SWEEP_MAX_PARAMS];
} Design;

static int load_design(Design *d, const char *path, Error *err)
{
    char **sets = d->sets;
    const int n_sets = d->n_sets;
    memset(d, 0, sizeof *d);
    d->sets = sets;
    d->n_sets = n_sets;
    d->path = path;
    d->point_col = -1;
    char *text = textfile_read(path);
    if (!text)
        return error_set(err, CS_ERR_INPUT, path, 0, "", "cannot read the design file: %s", strerror(errno));
    int st = csv_parse(&d->csv, text, path, err);
    free(text);
    if (st)
        return err->status = CS_ERR_INPUT;
    for (int c = 0; c < d->csv.n_cols; c++) {
        const char *h = d->csv.header[c];
        if (strcmp(h, "point") == 0) {
            d->point_col = c;
            continue;
        }
        /* "YYYY-MM:path": the lever from that month on (as --set YYYY-MM:path=value), so that a design can
         * vary a lever that the scenario's policy timeline sets */
        const char *colon = strchr(h, ':');
        const int dated = colon && colon - h == 7 && h[4] == '-';
        const int id = params_find(dated ? colon + 1 : h);
        if (id < 0) {
            const char *s = params_suggest(dated ? colon + 1 : h);
            return error_set(err, CS_ERR_INPUT, path, 1, h, "unknown parameter in the header%s%s%s", s ? " (did you mean " : "",
                             s ? s : "", s ? "?)" : "");
        }
        if (d->n_params == SWEEP_MAX_PARAMS)
            return error_set(err, CS_ERR_INPUT, path, 1, h, "more than %d parameters", SWEEP_MAX_PARAMS);
        d->col[d->n_params] = c;
        d->id[d->n_params++] = id;
    }
    if (d->n_params == 0 || d->csv.n_rows == 0)
        return error_set(err, CS_ERR_INPUT, path, 1, "", "a design needs a header of parameter paths and at least one row");
    Params p;
    params_defaults(&p);
    for (int r = 0; r < d->csv.n_rows; r++) {
        if (d->point_col >= 0) {
            char *end;
            const char *t = csv_text(&d->csv, r, d->point_col);
            if (strtol(t, &end, 10) != r || *end)
                return error_set(err, CS_ERR_INPUT, path, d->csv.line[r], "point",
                                 "points are numbered 0, 1, 2, ... in order (found '%s' in row %d)", t, r);
        }
        for (int j = 0; j < d->n_params; j++) {
            double v;
            const char *t = csv_text(&d->csv, r, d->col[j]);
            if ((st = params_parse_value(d->id[j], t, &v, path, d->csv.line[r], err)) ||
                (st = params_set_checked(&p, d->id[j], v, path, d->csv.line[r], err)))
                return err->status = CS_ERR_INPUT;
        }
    }
    return CS_OK;
}

/* Single-quoted for the shell. */
static void quote(Buf *b, const char *s)
{
    buf_add(b, "'");
    for (; *s; s++)
        if (*s == '\'')
            buf_add(b, "'\\''");
        else
            buf_add(b, "%c", *s);
    buf_add(b, "'");
}

/* The argv of point k's command (strings owned by the design, the options, or `store`). */
static int point_argv(const Design *d, int k, const char *cs, const char *scenario, const char *out, const char *reps,
                      const char *seed, char **argv, char store[][256])
{
    int n = 0;
    argv[n++] = (char *)cs;
    argv[n++] = "run";
    argv[n++] = (char *)scenario;
    for (int j = 0; j < d->n_sets; j++) {
        argv[n++] = "--set";
        argv[n++] = d->sets[j];
    }
    for (int j = 0; j < d->n_params; j++) {
        snprintf(store[j], 256, "%s=%s", d->csv.header[d->col[j]], csv_text(&d->csv, k, d->col[j]));
        argv[n++] = "--set";
        argv[n++] = store[j];
    }
    if (reps) {
        argv[n++] = "-r";
        argv[n++] = (char *)reps;
    }
    if (seed) {
        argv[n++] = "--seed";
        argv[n++] = (char *)seed;
    }
    argv[n++] = "-o";
    argv[n++] = (char *)out;
    argv[n++] = "-q";
    argv[n] = NULL;
    return n;
}

static void point_output(const char *dir, int k, char *buf, size_t size)
{
    snprintf(buf, size, "%s/point-%04d.h5", dir, k);
}

/* Run the points' commands here, n_jobs at a time; points with a complete result are skipped. */
static int run_local(const Design *d, const char *cs, const char *scenario, const char *dir, const char *reps,
                     const char *seed, int n_jobs)
{
    const int n = d->csv.n_rows;
    int running = 0, failed = 0, done = 0, skipped = 0;
    pid_t *pid = calloc((size_t)n, sizeof(pid_t));
    if (!pid)
        return 1;
    for (int k = 0; k <= n; k++) {
        while (running > 0 && (running >= n_jobs || k == n)) {
            int status;
            const pid_t w = wait(&status);
            if (w < 0)
                break;
            running--;
            for (int i = 0; i < n; i++)
                if (pid[i] == w) {
                    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                        fprintf(stderr, "cartelsim sweep: point %d failed (exit status %d): see its command in %s/commands.txt\n",
                                i, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), dir);
                        failed++;
                    } else
                        done++;
                }
        }
        if (k == n)
            break;
        char out[PATH_MAX + 32];
        point_output(dir, k, out, sizeof out);
        hid_t f;
        Error e;
        if (h5read_open(out, &f, &e) == CS_OK) {
            h5read_close(f);
            skipped++;
            continue;
        }
        char *argv[4 * SWEEP_MAX_PARAMS + 16], store[SWEEP_MAX_PARAMS][256];
        int m = point_argv(d, k, cs, scenario, out, reps, seed, argv, store);
        argv[m++] = "-j";
        argv[m++] = "1";
        argv[m] = NULL;
        fflush(NULL);
        pid[k] = fork();
        if (pid[k] == 0) { /* the summary tables stay out of the way: the results are collected below */
            const int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, STDOUT_FILENO);
            execv(cs, argv);
            _exit(127);
        }
        if (pid[k] < 0) {
            failed++;
            continue;
        }
        running++;
    }
    free(pid);
    fprintf(stderr, "cartelsim sweep: %d point%s run, %d already done, %d failed\n", done, done == 1 ? "" : "s", skipped, failed);
    return failed ? 1 : 0;
}

/* ---- collection ----------------------------------------------------------------------------- */

/* DIR/results.csv from DIR/manifest.csv: point, replicate, the parameters, the key outcomes. */
static int collect(const char *dir)
{
    char mpath[PATH_MAX + 32];
    snprintf(mpath, sizeof mpath, "%s/manifest.csv", dir);
    Error err;
    error_clear(&err);
    char *text = textfile_read(mpath);
    if (!text) {
        fprintf(stderr, "cartelsim sweep: %s: cannot read the manifest: %s\n", mpath, strerror(errno));
        return 2;
    }
    Csv m;
    int st = csv_parse(&m, text, mpath, &err);
    free(text);
    if (st)
        return cli_report(&err);
    const int c_out = csv_column(&m, "output", &err);
    if (c_out < 0) {
        csv_free(&m);
        return cli_report(&err);
    }
    Buf b = {0};
    buf_add(&b, "point,replicate");
    const int n_par = c_out - 1; /* manifest columns: point, the parameters, output */
    for (int j = 1; j <= n_par; j++)
        buf_add(&b, ",%s", m.header[j]);
    for (int k = 0; k < N_OUTCOMES; k++) {
        char name[64];
        snprintf(name, sizeof name, "%s", summary_outcomes[k].id + 3); /* OC_OD_DEATHS -> od_deaths */
        for (char *c = name; *c; c++)
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
        buf_add(&b, ",%s", name);
    }
    buf_add(&b, "\n");
    for (int r = 0; r < m.n_rows && !st; r++) {
        const char *out = csv_text(&m, r, c_out);
        Scenario sc;
        st = cli_load_scenario(&sc, NULL, out, NULL, 0, &err);
        hid_t f = H5I_INVALID_HID;
        if (!st)
            st = h5read_open(out, &f, &err);
        const int n_rep = st ? 0 : (int)PV(&sc.base, P_SIM_REPLICATES), width = st ? 0 : metrics_row_width(&sc.layout);
        double *data = st ? NULL : calloc((size_t)n_rep * (size_t)sc.n_ticks * (size_t)width, sizeof(double));
        if (!st && !data)
            st = error_set(&err, CS_ERR_RUNTIME, out, 0, "", "out of memory");
        for (int k = 0; k < N_OUTCOMES && !st; k++) { /* only the outcomes' series */
            const int mt = summary_outcomes[k].metric, off = metrics_offset(&sc.layout, (MetricId)mt);
            double *x = NULL;
            int dims[3];
            if ((st = cli_read_series(f, out, metrics_info[mt].name, &x, dims, &err)))
                break;
            if (dims[0] != n_rep || dims[1] != sc.n_ticks)
                st = error_set(&err, CS_ERR_INPUT, out, 0, "", "holds %d replicates, expected %d (a shard? merge it first)",
                               dims[0], n_rep);
            for (int i = 0; i < dims[0] && !st; i++)
                for (int t = 0; t < dims[1]; t++)
                    memcpy(data + ((size_t)i * (size_t)sc.n_ticks + (size_t)t) * (size_t)width + (size_t)off,
                           x + ((size_t)i * (size_t)dims[1] + (size_t)t) * (size_t)dims[2], sizeof(double) * (size_t)dims[2]);
            free(x);
        }
        for (int i = 0; i < n_rep && !st; i++) {
            buf_add(&b, "%s,%d", csv_text(&m, r, 0), i);
            for (int j = 1; j <= n_par; j++)
                buf_add(&b, ",%s", csv_text(&m, r, j));
            for (int k = 0; k < N_OUTCOMES; k++)
                buf_add(&b, ",%.17g", summary_outcome(&sc, data, i, k));
            buf_add(&b, "\n");
        }
        free(data);
        h5read_close(f);
        scenario_free(&sc);
    }
    csv_free(&m);
    char rpath[PATH_MAX + 32];
    snprintf(rpath, sizeof rpath, "%s/results.csv", dir);
    if (!st)
        st = write_atomic(rpath, b.s, &err);
    free(b.s);
    if (st)
        return cli_report(&err);
    fprintf(stderr, "cartelsim sweep: wrote %s\n", rpath);
    return 0;
}

/* Write DIR/manifest.csv and DIR/commands.txt for the design. */
static int expand(const Design *d, const char *cs, const char *scenario, const char *dir, const char *reps, const char *seed,
                  Error *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return error_set(err, CS_ERR_RUNTIME, dir, 0, "", "cannot create the sweep directory: %s", strerror(errno));
    Buf man = {0}, cmd = {0};
    buf_add(&man, "point");
    for (int j = 0; j < d->n_params; j++)
        buf_add(&man, ",%s", d->csv.header[d->col[j]]);
    buf_add(&man, ",output\n");
    for (int k = 0; k < d->csv.n_rows; k++) {
        char out[PATH_MAX + 32], *argv[2 * SWEEP_MAX_PARAMS + 16], store[SWEEP_MAX_PARAMS][256];
        point_output(dir, k, out, sizeof out);
        point_argv(d, k, cs, scenario, out, reps, seed, argv, store);
        Buf line = {0};
        for (int i = 0; argv[i]; i++) {
            if (i)
                buf_add(&line, " ");
            quote(&line, argv[i]);
        }
        buf_add(&cmd, "%s\n", line.s);
        buf_add(&man, "%d", k);
        for (int j = 0; j < d->n_params; j++)
            buf_add(&man, ",%s", csv_text(&d->csv, k, d->col[j]));
        buf_add(&man, ",%s\n", out);
        free(line.s);
    }
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/commands.txt", dir);
    int st = write_atomic(path, cmd.s, err);
    snprintf(path, sizeof path, "%s/manifest.csv", dir);
    if (!st)
        st = write_atomic(path, man.s, err);
    Buf fin = {0}; /* the step after every point: cluster/slurm/submit.sh and cluster/dask_submit.py run it */
    quote(&fin, cs);
    buf_add(&fin, " sweep --collect ");
    quote(&fin, dir);
    buf_add(&fin, "\n");
    snprintf(path, sizeof path, "%s/final.sh", dir);
    if (!st)
        st = write_atomic(path, fin.s, err);
    free(fin.s);
    free(man.s);
    free(cmd.s);
    return st;
}

int cli_sweep(int argc, char **argv)
{
    enum { OPT_SOBOL = 1000, OPT_LHS, OPT_PARAM, OPT_SEED, OPT_LOCAL, OPT_COLLECT };
    static const struct option opts[] = {
        {"sobol", required_argument, 0, OPT_SOBOL}, {"lhs", required_argument, 0, OPT_LHS},
        {"param", required_argument, 0, OPT_PARAM}, {"seed", required_argument, 0, OPT_SEED},
        {"output", required_argument, 0, 'o'},      {"replicates", required_argument, 0, 'r'},
        {"local", no_argument, 0, OPT_LOCAL},       {"jobs", required_argument, 0, 'j'},
        {"collect", required_argument, 0, OPT_COLLECT}, {"help", no_argument, 0, 'h'},
        {"set", required_argument, 0, 's'},
        {0, 0, 0, 0}};
    long n_points = 0;
    int sobol = 0, lhs = 0, local = 0, jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), n_ranges = 0, c;
    const char *out = NULL, *seed = NULL, *reps = NULL, *collect_dir = NULL;
    SweepRange rg[SWEEP_MAX_PARAMS];
    char *common[SWEEP_MAX_PARAMS];
    int n_common = 0;
    optind = 1;
    argv[0] = "cartelsim sweep";
    while ((c = getopt_long(argc, argv, "o:r:j:s:h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case OPT_SOBOL:
        case OPT_LHS:
            n_points = strtol(optarg, &end, 10);
            if (*end || n_points < 1 || n_points > 10000000) {
                fprintf(stderr, "cartelsim sweep: --%s %s: needs a number of points from 1 to 10000000\n",
                        c == OPT_SOBOL ? "sobol" : "lhs", optarg);
                return 2;
            }
            sobol |= c == OPT_SOBOL;
            lhs |= c == OPT_LHS;
            break;
        case OPT_PARAM:
            if (n_ranges == SWEEP_MAX_PARAMS) {
                fprintf(stderr, "cartelsim sweep: more than %d --param\n", SWEEP_MAX_PARAMS);
                return 2;
            }
            if (sweep_design_parse_range(optarg, &rg[n_ranges++]))
                return 2;
            break;
        case OPT_SEED:
            strtoul(optarg, &end, 10);
            if (*end || optarg[0] == '-' || !optarg[0]) {
                fprintf(stderr, "cartelsim sweep: --seed %s: needs a non-negative integer\n", optarg);
                return 2;
            }
            seed = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'r':
            strtol(optarg, &end, 10);
            if (*end || !optarg[0]) {
                fprintf(stderr, "cartelsim sweep: -r %s: needs a number of replicates\n", optarg);
                return 2;
            }
            reps = optarg;
            break;
        case 'j':
            jobs = (int)strtol(optarg, &end, 10);
            if (*end || jobs < 1) {
                fprintf(stderr, "cartelsim sweep: -j needs a positive integer, got '%s'\n", optarg);
                return 2;
            }
            break;
        case OPT_LOCAL:
            local = 1;
            break;
        case 's':
            if (n_common == SWEEP_MAX_PARAMS) {
                fprintf(stderr, "cartelsim sweep: more than %d --set\n", SWEEP_MAX_PARAMS);
                return 2;
            }
            common[n_common++] = optarg;
            break;
        case OPT_COLLECT:
            collect_dir = optarg;
            break;
        case 'h':
            help();
            return 0;
        default:
            fputs("Try 'cartelsim sweep --help'.\n", stderr);
            return 2;
        }
    }
    if (sobol && lhs) {
        fputs("cartelsim sweep: --sobol and --lhs: choose one\n", stderr);
        return 2;
    }
    if (sobol || lhs) {
        if (n_ranges == 0 || optind < argc) {
            fputs("cartelsim sweep: a generated design needs --param PATH=LO:HI (and no other arguments)\n", stderr);
            return 2;
        }
        if (sobol && n_ranges > 40) {
            fputs("cartelsim sweep: --sobol: GSL's Sobol sequence has at most 40 dimensions\n", stderr);
            return 2;
        }
        return generate(sobol, n_points, rg, n_ranges, seed ? strtoul(seed, NULL, 10) : 1UL, out);
    }
    if (collect_dir)
        return optind < argc ? (fputs("cartelsim sweep: --collect takes only the directory\n", stderr), 2) : collect(collect_dir);
    if (argc - optind != 2) {
        fputs("Usage: cartelsim sweep DESIGN.csv SCENARIO.cfg [-o DIR] [--local [-j N]]\nTry 'cartelsim sweep --help'.\n",
              stderr);
        return 2;
    }
    const char *design_path = argv[optind], *scenario = argv[optind + 1];
    Error err;
    error_clear(&err);
    Design d;
    d.sets = common;
    d.n_sets = n_common;
    if (load_design(&d, design_path, &err)) {
        csv_free(&d.csv);
        return cli_report(&err);
    }
    Scenario sc; /* the scenario must load (and its first point apply) before any command is written */
    char *sets[2 * SWEEP_MAX_PARAMS], store[SWEEP_MAX_PARAMS][256];
    for (int j = 0; j < n_common; j++)
        sets[j] = common[j];
    for (int j = 0; j < d.n_params; j++) {
        snprintf(store[j], 256, "%s=%s", d.csv.header[d.col[j]], csv_text(&d.csv, 0, d.col[j]));
        sets[n_common + j] = store[j];
    }
    int st = cli_load_scenario(&sc, scenario, NULL, sets, n_common + d.n_params, &err);
    scenario_free(&sc);
    if (st) {
        csv_free(&d.csv);
        return cli_report(&err);
    }
    char dir[PATH_MAX], cs[4096];
    if (out)
        snprintf(dir, sizeof dir, "%s", out);
    else {
        const char *base = strrchr(design_path, '/') ? strrchr(design_path, '/') + 1 : design_path;
        const char *dot = strrchr(base, '.');
        mkdir("results", 0777);
        snprintf(dir, sizeof dir, "results/sweep-%.*s", dot ? (int)(dot - base) : (int)strlen(base), base);
    }
    const ssize_t n = readlink("/proc/self/exe", cs, sizeof cs - 1);
    cs[n > 0 ? n : 0] = '\0';
    if (n <= 0)
        snprintf(cs, sizeof cs, "cartelsim");
    /* Absolute paths: the commands run from any directory (a batch job's, a Dask worker's). */
    char abs_scenario[PATH_MAX], abs_dir[PATH_MAX];
    if (!realpath(scenario, abs_scenario))
        snprintf(abs_scenario, sizeof abs_scenario, "%s", scenario);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        csv_free(&d.csv);
        error_set(&err, CS_ERR_RUNTIME, dir, 0, "", "cannot create the sweep directory: %s", strerror(errno));
        return cli_report(&err);
    }
    if (!realpath(dir, abs_dir))
        snprintf(abs_dir, sizeof abs_dir, "%s", dir);
    scenario = abs_scenario;
    snprintf(dir, sizeof dir, "%s", abs_dir);
    st = expand(&d, cs, scenario, dir, reps, seed, &err);
    if (st) {
        csv_free(&d.csv);
        return cli_report(&err);
    }
    fprintf(stderr, "cartelsim sweep: %d point%s: %s/commands.txt and %s/manifest.csv\n", d.csv.n_rows,
            d.csv.n_rows == 1 ? "" : "s", dir, dir);
    if (local) {
        st = run_local(&d, cs, scenario, dir, reps, seed, jobs);
        if (!st)
            st = collect(dir);
    }
    csv_free(&d.csv);
    return st;
}
