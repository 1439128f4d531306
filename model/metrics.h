/* metrics.h: the output series table (metrics.def) and the layout of a metrics row. Each tick of a
 * replicate fills one row; a series with an extra axis (drug, product, interdiction class, US
 * crossing, lineage, state, activity, homicide type) takes one slot per label. The sizes of the crossing,
 * lineage (organisations of 2000) and state axes come from the data files, so the layout is built per scenario (metrics_layout_init) and read
 * through it. Adding a series is one line in metrics.def (naming its owner) plus the owner's observe code that fills it. */
#ifndef CARTELSIM_METRICS_H
#define CARTELSIM_METRICS_H

#include "drugs.h"

struct Geography;

typedef enum MetricDim { DIM_NONE, DIM_DRUG, DIM_PRODUCT, DIM_CLASS, DIM_CROSSING, DIM_LINEAGE, DIM_STATE, DIM_ACTIVITY,
                         DIM_HTYPE, DIM_GUN_SOURCE, DIM_LEVER, N_DIMS } MetricDim;

typedef enum MetricId {
#define METRIC(id, owner, name, dim, units, long_name) id,
#include "metrics.def"
#undef METRIC
    N_METRICS
} MetricId;

typedef struct MetricInfo {
    const char *name;      /* dataset name under /series and /summary */
    MetricDim dim;
    const char *units;     /* CF-style units string */
    const char *long_name; /* one-line meaning */
    const char *owner;     /* the mechanism that writes it (mechanisms.def) */
} MetricInfo;

extern const MetricInfo metrics_info[N_METRICS];

/** Axis names of the extra dimensions, indexed by MetricDim ("" for DIM_NONE). */
extern const char *const metrics_dim_name[N_DIMS];

typedef struct MetricsLayout {
    int size[N_DIMS];                    /* slots per axis (DIM_NONE: 1) */
    const char *const *labels[N_DIMS];   /* labels per axis (DIM_NONE: NULL) */
    int offset[N_METRICS + 1];           /* first slot of each metric; offset[N_METRICS] = row width */
} MetricsLayout;

/** @brief Build the layout; g gives the crossing and organisation axes (NULL: one unnamed slot each). */
void metrics_layout_init(MetricsLayout *L, const struct Geography *g);

/** Offset of metric m's first slot in a row. */
static inline int metrics_offset(const MetricsLayout *L, MetricId m)
{
    return L->offset[m];
}
/** Total slots in a row. */
static inline int metrics_row_width(const MetricsLayout *L)
{
    return L->offset[N_METRICS];
}
/** Slots metric m takes. */
static inline int metrics_width(const MetricsLayout *L, MetricId m)
{
    return L->size[metrics_info[m].dim];
}

#endif
