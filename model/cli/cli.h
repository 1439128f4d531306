/* cli.h: the cartelsim command's sub-commands (one file each) and shared helpers. */
#ifndef CARTELSIM_CLI_H
#define CARTELSIM_CLI_H

#include <signal.h>

#include "error.h"
#include "scenario.h"
#include "sim.h"

int cli_run(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_merge(int argc, char **argv);
int cli_sweep(int argc, char **argv);
int cli_params(int argc, char **argv);
int cli_outcomes(int argc, char **argv);
int cli_compare(int argc, char **argv);
int cli_export(int argc, char **argv);

#include <hdf5.h>
/** @brief Read /series/NAME of an open result file into a malloc'd [replicate][time][axis] array of
 *  doubles (caller frees); dims gets the three sizes (axis 1 for a series without an extra axis). */
int cli_read_series(hid_t file, const char *path, const char *name, double **data, int dims[3], Error *err);
/** @brief A series of cli_read_series over calendar years [y0, y1] for replicate r and one slot of its
 *  axis (slot < 0: summed over the axis). A flow (flow = 1) is its total, each week with its share of
 *  days in each year, year y weighted by (1 + rate)^-(y - y0); a stock is its mean over the weeks
 *  with most of their days in the window. start: the run's first month. */
double cli_window_value(int start, const double *x, const int dims[3], int r, int slot, int y0, int y1, int flow, double rate);

#include "h5run.h"
/** @brief The result of a streamed run of sc to `out` (run and merge): what comes from the scenario
 *  (parameters, seed, weeks, dates, data, layout) filled in, its n_rep replicates in `spool` with their
 *  histories; start receives the first month ("YYYY-MM") the result points to. The caller sets the
 *  names, texts, replicate index, totals, threads and stop flag. */
H5OutRun cli_result(const Scenario *sc, const char *out, int n_rep, struct H5Spool *spool, const SimHistory *history,
                    char start[16]);

/** @brief Catch SIGINT, SIGTERM and SIGHUP with handler (which sets the command's stop flag). */
void cli_on_signals(void (*handler)(int));

/** @brief Print an error record as "cartelsim: file:line: key: message" and return its status. */
int cli_report(const Error *err);

/** @brief Load a scenario file (or a result file's stored scenario with from_h5), apply --set
 *  overrides, finalize. Returns CS_OK or fills err. */
int cli_load_scenario(Scenario *sc, const char *file, const char *from_h5, char **sets, int n_sets, Error *err);

/* progress.c: a progress bar with ETA on stderr when it is a terminal. */
typedef struct ProgressBar ProgressBar;
ProgressBar *progress_start(SimProgress *p, int enabled);
void progress_stop(ProgressBar *bar);

#endif
