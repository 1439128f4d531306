/* scenario_check.c: what a run needs in memory and on disk, checked before it starts (scenario.h). */
#include <stdlib.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "metrics.h"
#include "scenario.h"

/* The result file's compressed size is at least this share of its values' 8 bytes (measured: 0.38
 * for the baseline; a lower bound, so that a run is refused only when it cannot fit). */
#define DISK_SHARE_MIN 0.2

static double limit(const char *env_name, double given, double fallback)
{
    if (given > 0)
        return given;
    const char *env = getenv(env_name);
    if (env && *env)
        return strtod(env, NULL) * 1048576.0;
    return fallback;
}

int scenario_check_size(const Scenario *sc, int streamed, double limit_bytes, RunSize *size, Error *err)
{
    const double reps = PV(&sc->base, P_SIM_REPLICATES), ticks = sc->n_ticks, width = metrics_row_width(&sc->layout);
    const double row_set = 8.0 * ticks * width; /* one replicate's series */
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    /* streamed: a replicate per thread and the writer's blocks of the summary (4 statistics); held:
     * every replicate until written, and the summary */
    const double memory = streamed ? row_set * ((double)(cpus > 0 ? cpus : 1) + 4.0) + 32.0 * 1048576.0 * (double)(cpus > 0 ? cpus : 1)
                                   : row_set * (reps + 4.0);
    const double disk = DISK_SHARE_MIN * row_set * (reps + 4.0);
    if (size)
        *size = (RunSize){memory, disk};
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    const double have = limit("CARTELSIM_MEMORY_LIMIT_MB", limit_bytes, pages > 0 && page > 0 ? (double)pages * (double)page : 0);
    struct statvfs v;
    const double free_disk = statvfs(access("results", F_OK) == 0 ? "results" : ".", &v) == 0
                                 ? (double)v.f_bavail * (double)v.f_frsize : 0;
    const double room = limit("CARTELSIM_DISK_LIMIT_MB", limit_bytes > 0 ? 1e300 : 0, free_disk);
    const char *file = sc->base_src[P_SIM_REPLICATES].file[0] ? sc->base_src[P_SIM_REPLICATES].file : sc->source;
    if (have > 0 && memory > have)
        return error_set(err, CS_ERR_INPUT, file, sc->base_src[P_SIM_REPLICATES].line, "sim.replicates",
                         "%.0f replicates x %.0f weeks x %.0f series need %.1f GiB for the results, more than the %.1f GiB "
                         "of memory here (fewer replicates or a shorter run)",
                         reps, ticks, width, memory / 1073741824.0, have / 1073741824.0);
    if (room > 0 && disk > room)
        return error_set(err, CS_ERR_INPUT, file, sc->base_src[P_SIM_REPLICATES].line, "sim.replicates",
                         "%.0f replicates x %.0f weeks x %.0f series need at least %.1f GiB of disk for the result file, "
                         "more than the %.1f GiB free here (fewer replicates, a shorter run, or shards: --shard I/N)",
                         reps, ticks, width, disk / 1073741824.0, room / 1073741824.0);
    return CS_OK;
}
