/* metrics.c: the output series table and its row layout. */
#include "metrics.h"

#include <stddef.h>

#include "conflict.h"
#include "costs.h"
#include "guns.h"
#include "orgs.h"
#include "geography.h"


const MetricInfo metrics_info[N_METRICS] = {
#define METRIC(id, owner, name, dim, units, long_name) {name, dim, units, long_name, #owner},
#include "metrics.def"
#undef METRIC
};

const char *const metrics_dim_name[N_DIMS] = {"", "drug", "product", "interdiction_class", "crossing", "lineage",
                                             "state", "activity", "homicide_type", "gun_source", "lever"};

static const char *const no_label[1] = {"none"};

void metrics_layout_init(MetricsLayout *L, const Geography *g)
{
    L->size[DIM_NONE] = 1;
    L->labels[DIM_NONE] = NULL;
    L->size[DIM_DRUG] = N_DRUGS;
    L->labels[DIM_DRUG] = drugs_names;
    L->size[DIM_PRODUCT] = N_PRODUCTS;
    L->labels[DIM_PRODUCT] = drugs_product_names;
    L->size[DIM_CLASS] = N_EDGE_CLASSES;
    L->labels[DIM_CLASS] = geography_edge_class_names;
    L->size[DIM_CROSSING] = g && g->n_crossings ? g->n_crossings : 1;
    L->labels[DIM_CROSSING] = g && g->n_crossings ? g->crossing_labels : no_label;
    L->size[DIM_LINEAGE] = g && g->n_orgs ? g->n_orgs : 1;
    L->labels[DIM_LINEAGE] = g && g->n_orgs ? g->org_labels : no_label;
    L->size[DIM_STATE] = g && g->n_states ? g->n_states : 1;
    L->labels[DIM_STATE] = g && g->n_states ? g->state_labels : no_label;
    L->size[DIM_ACTIVITY] = N_ACTIVITIES;
    L->labels[DIM_ACTIVITY] = orgs_activity_names;
    L->size[DIM_HTYPE] = N_HOMICIDE_TYPES;
    L->labels[DIM_HTYPE] = conflict_homicide_names;
    L->size[DIM_GUN_SOURCE] = N_GUN_SOURCES;
    L->labels[DIM_GUN_SOURCE] = guns_source_names;
    L->size[DIM_LEVER] = N_COSTS;
    L->labels[DIM_LEVER] = costs_lever_names;
    int off = 0;
    for (int m = 0; m < N_METRICS; m++) {
        L->offset[m] = off;
        off += L->size[metrics_info[m].dim];
    }
    L->offset[N_METRICS] = off;
}
