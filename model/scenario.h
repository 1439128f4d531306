/* scenario.h: scenario files (libconfig) -> validated base parameters plus a policy timeline.
 *
 * A scenario file holds `name`, `description`, parameter settings (nested groups
 * `demand = { treatment = { capacity = 1e6; }; };` or dotted names `demand.treatment.capacity = 1e6;`),
 * and timelines `policy = ( { at = "2026-01"; set = { ... }; } );`. `history` is a second timeline
 * list of the same form for shared background (the exogenous paths, the 2000-2025 replay): history
 * entries dated before sim.start are applied to the starting parameters and those after sim.end are
 * dropped, so a shortened or late-starting run still works; a `policy` entry outside the run is an
 * error (the change asked for would never happen). `@include "file"` is resolved relative to the including file; settings are read in
 * textual order and a later assignment overrides an earlier one, so `@include "baseline.cfg"` followed
 * by changes gives "the baseline, except ...". A timeline entry may carry `ramp = "3y"` (or "18m"):
 * its values are then reached linearly over that many months, from the values in force just before,
 * one step a month. Every error names file, line and key. */
#ifndef CARTELSIM_SCENARIO_H
#define CARTELSIM_SCENARIO_H

#include "error.h"
#include "geography.h"
#include "metrics.h"
#include "params.h"
#include "textfile.h"

/* Timeline changes a scenario may hold, ramps expanded (a month-by-month ramp of every lever over a
 * century is about 330,000; real scenarios hold a few hundred). */
#define SCENARIO_MAX_CHANGES 1000000

typedef struct PolicyChange {
    int month;   /* month index of `at` */
    int tick;    /* first tick on or after `at` (filled by scenario_finalize) */
    int param;   /* ParamId */
    double value;
    int history; /* from a `history` list: background, clipped to the run instead of an error */
    int ramp;    /* months over which the value is reached linearly from the one before (0: at once);
                    scenario_finalize expands a ramp into monthly changes */
    char file[256];
    int line;
} PolicyChange;

typedef struct Scenario {
    char name[128];
    char variant[512];      /* what a run changes beside the file ("with --set ..."; "" for the file as it is) */
    char description[2048];
    char source[512];       /* file the scenario came from */
    Params base;            /* parameters at the start of the run */
    struct {
        char file[200]; /* where each base parameter was last set ("" for defaults) */
        int line;
    } base_src[N_PARAMS];
    int n_changes;
    PolicyChange *changes;  /* sorted by month, stable (file order within a month) */
    int n_ticks;            /* filled by scenario_finalize */
    int has_geo;            /* geography loaded (scenario_data_attach) */
    GeoData data;           /* texts of the data files (stored in result files for --from) */
    Geography geo;          /* parsed and validated data, shared read-only by replicates */
    MetricsLayout layout;   /* the metrics row for this scenario's data */
    int n_inputs;           /* the scenario files read (the file and its includes), by identity */
    TextFileId *inputs;
} Scenario;

/** @brief Load and validate a scenario file. On error fills err (file:line:key) and returns CS_ERR_INPUT. */
int scenario_load_file(Scenario *sc, const char *path, Error *err);

/** @brief Load a scenario from text; label names it in messages (e.g. "results/x.h5:/scenario/config"). */
int scenario_load_string(Scenario *sc, const char *text, const char *label, Error *err);

/** @brief Apply a command-line override "path=value" to the base parameters. */
int scenario_apply_override(Scenario *sc, const char *assignment, Error *err);

/** @brief The same, naming the option it came from in messages (e.g. "--seed"). */
int scenario_apply_override_from(Scenario *sc, const char *assignment, const char *origin, Error *err);

/** @brief Check the whole scenario (dates, timeline inside the run) and compute ticks. */
int scenario_finalize(Scenario *sc, Error *err);

/* What a run needs (scenario_check.c). */
typedef struct RunSize {
    double memory;  /* bytes of memory for the results */
    double disk;    /* bytes of disk for the result file, at least (a lower bound of its compressed size) */
} RunSize;

/** @brief Check that the run fits: its results in memory against the machine's physical memory (or
 *  limit_bytes when not 0, else $CARTELSIM_MEMORY_LIMIT_MB when set) and its result file against the
 *  free disk where results go (results/ or the current directory, or $CARTELSIM_DISK_LIMIT_MB when
 *  set). streamed: replicates go to disk as they finish (cartelsim run), so memory holds one per
 *  thread; otherwise every replicate is held until written (merge). Call after scenario_data_attach;
 *  on failure the error names sim.replicates where it was set and what the run would need. *size (when
 *  not NULL) receives the estimates. */
int scenario_check_size(const Scenario *sc, int streamed, double limit_bytes, RunSize *size, Error *err);

/** @brief The resolved scenario as libconfig text that loads back to the same run (malloc'd). */
char *scenario_config_text(const Scenario *sc);

/** @brief Load and validate the data files (scenarios/data/) from dir, or from texts already in
 *  sc->data when dir is NULL (a result file's copy). Errors name file, line and column. */
int scenario_data_attach(Scenario *sc, const char *dir, Error *err);

/** @brief The data directory for a scenario file: $CARTELSIM_DATA, else "data" beside the file if it
 *  exists, else the source tree's scenarios/data (CARTELSIM_DATA_DIR at build time). */
void scenario_data_dir(const char *scenario_path, char *buf, unsigned long size);

/** @brief Release a scenario's memory. */
void scenario_free(Scenario *sc);

#endif
