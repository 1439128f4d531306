/* metrics.h: the output series table (metrics.def). Each tick of a replicate fills one row of
 * METRICS_ROW doubles; a series of dimension DIM_DRUG takes N_DRUGS consecutive slots of that row.
 * Adding a series is one line in metrics.def plus the observe code that fills it. */
#ifndef CARTELSIM_METRICS_H
#define CARTELSIM_METRICS_H

#include "drugs.h"

typedef enum MetricDim { DIM_NONE, DIM_DRUG, N_DIMS } MetricDim;

typedef enum MetricId {
#define METRIC(id, name, dim, units, long_name) id,
#include "metrics.def"
#undef METRIC
    N_METRICS
} MetricId;

typedef struct MetricInfo {
    const char *name;      /* dataset name under /series and /summary */
    MetricDim dim;
    const char *units;     /* CF-style units string */
    const char *long_name; /* one-line meaning */
} MetricInfo;

extern const MetricInfo metric_info[N_METRICS];

/** Slots a dimension takes in a row (1 or N_DRUGS). */
int metrics_dim_width(MetricDim dim);
/** Offset of metric m's first slot in a row. */
int metrics_offset(MetricId m);
/** Total slots in a row (all metrics). */
int metrics_row_width(void);

/** Axis names and labels of the extra dimensions, indexed by MetricDim (DIM_NONE has none). */
extern const char *const metrics_dim_name[N_DIMS];

#endif
