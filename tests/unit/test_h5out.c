/* test_h5out.c: the HDF5 result file writer (model/h5out.c).
 *
 * Usage: test_h5out OUTPUT.h5
 * Writes a synthetic run (2 replicates x 60 weekly ticks, every value a known function of replicate,
 * tick and row slot) to OUTPUT.h5 and checks, with the plain HDF5 API, that: no temporary file is
 * left; /series holds exactly the input values; /summary holds the hand-computed mean and quantiles;
 * time, root attributes and the parameter table are right; every axis of every dataset has a
 * dimension scale and every text attribute is fixed-length (netCDF-4 / Octave portability);
 * h5out_read_config returns the stored text. Also checks the failure paths: a missing directory, a
 * final path that is a directory (rename fails after a complete write) and unreadable inputs to
 * h5out_read_config all return CS_ERR_RUNTIME and leave no file behind. OUTPUT.h5 is left in place
 * for tests/cli/check_netcdf.py. Exit status 0 when every check passes. */
#define _POSIX_C_SOURCE 200809L

#include <hdf5.h>
#include <hdf5_hl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "h5out.h"
#include "h5pack.h"
#include "h5spool.h"
#include "metrics.h"
#include "params.h"

static int failures = 0;

#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n    ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

enum { R = 2, T = 60 };
#define DAY0 4443L /* 2012-03-01 is 4443 days after 2000-01-01 */
#define START_MONTH "2012-03"

static const char *CONFIG = "name = \"h5out-test\";\n"
                            "description = \"synthetic run for test_h5out\";\n"
                            "sim = { start = \"2012-03\"; end = \"2013-04\"; replicates = 2; seed = 77; };\n"
                            "# non-ASCII text survives: caf\xc3\xa9\n";

/* The synthetic value of row slot s of replicate r at tick t: exact in binary floating point, and
 * replicates differ by an amount that varies with t so that quantiles are non-trivial. */
static double value(int r, int t, int s)
{
    return 1000.0 * s + 2.0 * t + 0.25 * r * (1 + t % 5);
}

/* Open HDF5 objects (files, groups, datasets, attributes, named types) in all files. */
static long open_ids(void)
{
    return (long)H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

static MetricsLayout LAYOUT; /* metrics_layout_init(&LAYOUT, NULL) in main: one slot on the data axes */

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static double *make_data(int n_rep)
{
    const int W = metrics_row_width(&LAYOUT);
    double *d = malloc((size_t)n_rep * T * (size_t)W * sizeof *d);
    if (!d) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    for (int r = 0; r < n_rep; r++)
        for (int t = 0; t < T; t++)
            for (int s = 0; s < W; s++)
                d[((size_t)r * T + (size_t)t) * (size_t)W + (size_t)s] = value(r, t, s);
    return d;
}

static const char *const DATA_NAMES[2] = {"states.csv", "README.md"};
static const char *const DATA_TEXTS[2] = {"code,name\nSIN,Sinaloa\n", "# data\n"};

static H5OutRun make_run(const char *path, const Params *p, const double *data, int n_rep, const char *config)
{
    H5OutRun run = {path, "h5out-test", "synthetic run for test_h5out", config, p, 77UL, n_rep, T, DAY0, START_MONTH,
                    "mt19937", data, &LAYOUT, NULL, NULL, 2, DATA_NAMES, DATA_TEXTS, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL};
    return run;
}

/* Read a whole float64 dataset into a malloc'd array; returns NULL (and a failed CHECK) on error. */
static double *read_doubles(hid_t file, const char *name, int rank, const hsize_t *want)
{
    hid_t ds = H5Dopen2(file, name, H5P_DEFAULT);
    CHECK(ds >= 0, "cannot open %s", name);
    if (ds < 0)
        return NULL;
    hid_t space = H5Dget_space(ds);
    hsize_t dims[8] = {0};
    const int got = H5Sget_simple_extent_dims(space, dims, NULL);
    int ok = got == rank;
    size_t n = 1;
    for (int a = 0; ok && a < rank; a++) {
        ok = dims[a] == want[a];
        n *= (size_t)dims[a];
    }
    CHECK(ok, "%s: rank %d, shape [%llu, %llu, %llu], expected rank %d", name, got, (unsigned long long)dims[0],
          (unsigned long long)dims[1], (unsigned long long)dims[2], rank);
    double *v = ok ? malloc(n * sizeof *v) : NULL;
    if (v && H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0) {
        CHECK(0, "cannot read %s", name);
        free(v);
        v = NULL;
    }
    H5Sclose(space);
    H5Dclose(ds);
    return v;
}

static int read_int_attr(hid_t obj, const char *name)
{
    int v = -12345;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    CHECK(a >= 0 && H5Aread(a, H5T_NATIVE_INT, &v) >= 0, "cannot read attribute %s", name);
    if (a >= 0)
        H5Aclose(a);
    return v;
}

/* Fixed-length string attribute into buf ("" on failure, with a failed CHECK). */
static void read_text_attr(hid_t obj, const char *name, char *buf, size_t size)
{
    buf[0] = 0;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT), t = a >= 0 ? H5Aget_type(a) : -1;
    const int ok = t >= 0 && H5Tget_class(t) == H5T_STRING && !H5Tis_variable_str(t) && H5Tget_size(t) < size;
    CHECK(ok, "attribute %s is not a short fixed-length string", name);
    if (ok) {
        memset(buf, 0, size);
        CHECK(H5Aread(a, t, buf) >= 0, "cannot read attribute %s", name);
    }
    if (t >= 0)
        H5Tclose(t);
    if (a >= 0)
        H5Aclose(a);
}

/* ---- portability walk: every axis has a scale, every text attribute is fixed-length ------------ */

static herr_t check_attr_cb(hid_t obj, const char *name, const H5A_info_t *info, void *data)
{
    (void)info;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT), t = H5Aget_type(a);
    if (H5Tget_class(t) == H5T_STRING)
        CHECK(!H5Tis_variable_str(t), "%s: attribute %s is a variable-length string", (const char *)data, name);
    H5Tclose(t);
    H5Aclose(a);
    return 0;
}

static herr_t check_object_cb(hid_t loc, const char *name, const H5O_info_t *info, void *data)
{
    int *n_datasets = data;
    hid_t obj = H5Oopen(loc, name, H5P_DEFAULT);
    H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_NATIVE, NULL, check_attr_cb, (void *)name);
    if (info->type == H5O_TYPE_DATASET) {
        (*n_datasets)++;
        if (H5DSis_scale(obj) <= 0) {
            hid_t space = H5Dget_space(obj);
            const int rank = H5Sget_simple_extent_ndims(space);
            for (int a = 0; a < rank; a++)
                CHECK(H5DSget_num_scales(obj, (unsigned)a) == 1, "/%s: axis %d has %d dimension scales", name, a,
                      H5DSget_num_scales(obj, (unsigned)a));
            H5Sclose(space);
        }
    }
    H5Oclose(obj);
    return 0;
}

/* ---- the checks --------------------------------------------------------------------------------- */

static void check_series_and_summary(hid_t file, int n_rep)
{
    const int k_users = metrics_offset(&LAYOUT, M_USERS_HEAVY), k_cap = metrics_offset(&LAYOUT, M_TREAT_CAPACITY);
    const hsize_t s3[3] = {(hsize_t)n_rep, T, N_DRUGS}, s2[2] = {(hsize_t)n_rep, T};
    double *users = read_doubles(file, "series/users_heavy", 3, s3);
    double *cap = read_doubles(file, "series/treatment_capacity", 2, s2);
    int bad = 0;
    for (int r = 0; users && r < n_rep; r++)
        for (int t = 0; t < T; t++)
            for (int d = 0; d < N_DRUGS; d++)
                bad += users[((size_t)r * T + (size_t)t) * N_DRUGS + (size_t)d] != value(r, t, k_users + d);
    CHECK(users && bad == 0, "/series/users_heavy: %d values differ from the input", bad);
    if (users && n_rep > 1) /* one position spelled out: replicate 1, tick 17, opioids */
        CHECK(users[(1 * T + 17) * N_DRUGS + DRUG_OPIOIDS] == value(1, 17, k_users + DRUG_OPIOIDS),
              "users_heavy[1, 17, opioids] = %g", users[(1 * T + 17) * N_DRUGS + DRUG_OPIOIDS]);
    bad = 0;
    for (int r = 0; cap && r < n_rep; r++)
        for (int t = 0; t < T; t++)
            bad += cap[(size_t)r * T + (size_t)t] != value(r, t, k_cap);
    CHECK(cap && bad == 0, "/series/treatment_capacity: %d values differ from the input", bad);

    const hsize_t q3[3] = {4, T, N_DRUGS};
    double *sum = read_doubles(file, "summary/users_heavy", 3, q3);
    int bad_mean = 0, bad_q = 0;
    for (int t = 0; sum && t < T; t++)
        for (int d = 0; d < N_DRUGS; d++) {
            double lo = value(0, t, k_users + d), hi = lo, total = 0;
            for (int r = 0; r < n_rep; r++) {
                const double v = value(r, t, k_users + d);
                total += v;
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            const double mean = total / n_rep;
            const double *at = sum + (size_t)t * N_DRUGS + (size_t)d, plane = (double)T * N_DRUGS;
            bad_mean += at[0] != mean;
            /* with two replicates the q-quantile is lo + q (hi - lo) (linear interpolation) */
            const double q[3] = {0.05, 0.5, 0.95};
            for (int i = 0; i < 3; i++) {
                const double want = n_rep == 1 ? lo : lo + q[i] * (hi - lo);
                bad_q += fabs(at[(size_t)((i + 1) * plane)] - want) > 1e-12 * fabs(want);
            }
        }
    CHECK(sum && bad_mean == 0, "/summary/users_heavy: %d means differ from the hand-computed mean", bad_mean);
    CHECK(sum && bad_q == 0, "/summary/users_heavy: %d quantiles differ from the hand-computed ones", bad_q);
    free(users);
    free(cap);
    free(sum);
}

static void check_file(const char *path, int n_rep)
{
    hid_t file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    CHECK(file >= 0, "cannot open %s", path);
    if (file < 0)
        return;
    char buf[256];
    CHECK(read_int_attr(file, "complete") == 1, "root attribute complete is not 1");
    CHECK(read_int_attr(file, "replicates") == n_rep, "root attribute replicates");
    CHECK(read_int_attr(file, "ticks") == T, "root attribute ticks");
    read_text_attr(file, "start_date", buf, sizeof buf);
    CHECK(strcmp(buf, START_MONTH "-01") == 0, "start_date = '%s'", buf);
    read_text_attr(file, "Conventions", buf, sizeof buf);
    CHECK(strcmp(buf, "CF-1.8") == 0, "Conventions = '%s'", buf);
    read_text_attr(file, "tick_unit", buf, sizeof buf);
    CHECK(strcmp(buf, "week") == 0, "tick_unit = '%s'", buf);
    hid_t prov = H5Gopen2(file, "provenance", H5P_DEFAULT);
    CHECK(prov >= 0, "no /provenance group");
    if (prov >= 0) {
        read_text_attr(prov, "rng_type", buf, sizeof buf);
        CHECK(strcmp(buf, "mt19937") == 0, "/provenance rng_type = '%s'", buf);
        read_text_attr(prov, "hdf5_version", buf, sizeof buf);
        CHECK(buf[0] >= '1' && buf[0] <= '9', "/provenance hdf5_version = '%s'", buf);
        H5Gclose(prov);
    }

    const hsize_t st[1] = {T};
    for (int g = 0; g < 3; g++) {
        const char *names[3] = {"time", "series/time", "summary/time"};
        double *time = read_doubles(file, names[g], 1, st);
        int bad = 0;
        for (int t = 0; time && t < T; t++)
            bad += time[t] != (double)DAY0 + 7.0 * t;
        CHECK(time && bad == 0, "%s: %d values are not day0 + 7 t", names[g], bad);
        free(time);
    }
    const hsize_t sp[1] = {N_PARAMS};
    double *pv = read_doubles(file, "scenario/parameter_value", 1, sp);
    int bad = 0;
    for (int i = 0; pv && i < N_PARAMS; i++)
        bad += pv[i] != params_info[i].def;
    CHECK(pv && bad == 0, "/scenario/parameter_value: %d values differ from the input", bad);
    free(pv);

    check_series_and_summary(file, n_rep);

    int n_datasets = 0;
    CHECK(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_NATIVE, check_object_cb, &n_datasets, H5O_INFO_BASIC) >= 0,
          "cannot walk the file");
    CHECK(n_datasets > 2 * N_METRICS, "only %d datasets in the file", n_datasets);
    H5Fclose(file);
}

static void check_config(const char *path, const char *want)
{
    Error err;
    char *text = NULL;
    const long ids = open_ids();
    const int st = h5out_read_config(path, &text, &err);
    CHECK(open_ids() == ids, "h5out_read_config left %ld HDF5 objects open", open_ids() - ids);
    CHECK(st == CS_OK, "h5out_read_config(%s) failed: %s", path, err.msg);
    CHECK(text && strcmp(text, want) == 0, "config read back differs:\n%s", text ? text : "(null)");
    free(text);
    text = NULL;
    CHECK(h5out_read_text(path, "scenario/data/states.csv", &text, &err) == CS_OK && text &&
              strcmp(text, DATA_TEXTS[0]) == 0,
          "data file copy read back: %s", text ? text : err.msg);
    free(text);
    CHECK(open_ids() == ids, "h5out_read_text left HDF5 objects open");
}

/* A failed write returns CS_ERR_RUNTIME with the final path as err.file and leaves no temporary. */
static void check_failed_write(const H5OutRun *run, const char *what)
{
    Error err;
    char tmp[4200];
    h5out_tmp_path(run->path, tmp, sizeof tmp);
    const long ids = open_ids();
    const int st = h5out_write(run, &err);
    CHECK(open_ids() == ids, "%s: %ld HDF5 identifiers left open", what, open_ids() - ids);
    CHECK(st == CS_ERR_RUNTIME, "%s: h5out_write returned %d", what, st);
    CHECK(strcmp(err.file, run->path) == 0, "%s: err.file = '%s'", what, err.file);
    CHECK(err.msg[0] != 0, "%s: empty error message", what);
    CHECK(!exists(tmp), "%s: %s left behind", what, tmp);
    printf("  expected failure (%s): %s: %s\n", what, err.file, err.msg);
}

static void check_failures(const char *out, const H5OutRun *good)
{
    char path[4200];
    H5OutRun run = *good;

    snprintf(path, sizeof path, "%s.no-such-dir/out.h5", out);
    run.path = path;
    check_failed_write(&run, "missing directory");
    CHECK(!exists(path), "missing directory: %s exists", path);

    snprintf(path, sizeof path, "%s.isdir", out);
    CHECK(mkdir(path, 0755) == 0 || exists(path), "cannot make directory %s", path);
    run.path = path;
    check_failed_write(&run, "final path is a directory");
    rmdir(path);

    Error err;
    char *text = (char *)"untouched";
    snprintf(path, sizeof path, "%s.missing.h5", out);
    CHECK(h5out_read_config(path, &text, &err) == CS_ERR_RUNTIME && text == NULL, "read_config of a missing file");
    printf("  expected failure (missing file): %s: %s\n", err.file, err.msg);

    snprintf(path, sizeof path, "%s.txt", out);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("not hdf5\n", f);
        fclose(f);
    }
    CHECK(h5out_read_config(path, &text, &err) == CS_ERR_RUNTIME && text == NULL, "read_config of a text file");
    printf("  expected failure (text file): %s: %s\n", err.file, err.msg);
    remove(path);

    snprintf(path, sizeof path, "%s.other.h5", out);
    hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file >= 0)
        H5Fclose(file);
    CHECK(h5out_read_config(path, &text, &err) == CS_ERR_RUNTIME && text == NULL, "read_config of another HDF5 file");
    printf("  expected failure (other HDF5 file): %s: %s\n", err.file, err.msg);
    remove(path);
}

int main(int argc, char **argv)
{
    metrics_layout_init(&LAYOUT, NULL);
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT.h5\n", argv[0]);
        return 2;
    }
    const char *out = argv[1];
    char tmp[4200];
    h5out_tmp_path(out, tmp, sizeof tmp);
    Params p;
    for (int i = 0; i < N_PARAMS; i++)
        p.v[i] = params_info[i].def;

    /* A single replicate (every file has a replicate axis, even of length 1), then overwritten by
     * the two-replicate run: the rename replaces an existing file. */
    double *d1 = make_data(1), *d2 = make_data(R);
    Error err;
    H5OutRun run1 = make_run(out, &p, d1, 1, "one replicate\n");
    CHECK(h5out_write(&run1, &err) == CS_OK, "h5out_write (1 replicate) failed: %s", err.msg);
    check_file(out, 1);
    check_config(out, "one replicate\n");

    H5OutRun run = make_run(out, &p, d2, R, CONFIG);
    const long ids = open_ids();
    CHECK(h5out_write(&run, &err) == CS_OK, "h5out_write failed: %s", err.msg);
    CHECK(open_ids() == ids, "h5out_write left %ld HDF5 identifiers open", open_ids() - ids);
    CHECK(!exists(tmp), "%s left behind", tmp);
    CHECK(exists(out), "%s not written", out);
    check_file(out, R);
    check_config(out, CONFIG);

    check_failures(out, &run);

    /* The spool's summary gives each thread a scratch for the largest block of any metric: a
     * metric's block holds as many weeks as its own width allows (up to the run), so a narrow metric's
     * block can hold more values than the widest metric's (1,000 replicates of 2,401 weeks overflowed
     * a scratch sized by the widest metric). */
    for (int reps = 32; reps <= 1000; reps += 968) {
        H5OutRun big = run;
        big.n_ticks = 2401, big.n_replicates = reps;
        const size_t have = h5pack_block_values(&big);
        int short_of = 0;
        for (int m = 0; m < N_METRICS; m++) {
            const size_t k = (size_t)metrics_width(&LAYOUT, (MetricId)m), per_tick = k * (size_t)reps * sizeof(double);
            size_t b = H5PACK_BLOCK_BYTES / per_tick;
            b = b < 1 ? 1 : b > 2401 ? 2401 : b;
            short_of += b * k * (size_t)reps > have;
        }
        CHECK(short_of == 0, "%d replicates: the summary's scratch (%zu values) is short of %d metrics' blocks", reps, have,
              short_of);
    }
    /* Blobs of the spool (a replicate's table rows beside its series): stored deflated, read back as
     * they were, and absent ones have size 0. */
    {
        H5Spool *sp = h5spool_create(out, &LAYOUT, 3, 0, 10, &err);
        CHECK(sp != NULL, "h5spool_create failed: %s", err.msg);
        enum { NB = 100000 };
        unsigned char *a = malloc(NB), *b = malloc(NB);
        for (int i = 0; i < NB; i++)
            a[i] = (unsigned char)((i * 7919u) >> (i % 5));
        CHECK(sp && h5spool_add_blob(sp, 1, 1, a, NB, &err) == CS_OK, "h5spool_add_blob failed: %s", err.msg);
        CHECK(sp && h5spool_blob_size(sp, 1, 1) == NB && h5spool_blob_size(sp, 1, 0) == 0 &&
                  h5spool_blob_size(sp, 0, 1) == 0,
              "blob sizes wrong");
        CHECK(sp && h5spool_blob(sp, 1, 1, b, &err) == CS_OK && memcmp(a, b, NB) == 0, "blob not read back as written");
        CHECK(sp && h5spool_max_chunk(sp) == 0, "a blob counted as a chunk of series");
        h5spool_free(sp);
        free(a);
        free(b);
    }
    free(d1);
    free(d2);

    if (failures) {
        fprintf(stderr, "test_h5out: %d check(s) failed\n", failures);
        return 1;
    }
    printf("test_h5out: all checks passed (%s)\n", out);
    return 0;
}
