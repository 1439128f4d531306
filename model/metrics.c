/* metrics.c: the output series table and its row layout. */
#include "metrics.h"

const char *const drug_names[N_DRUGS] = {DRUG_LABEL_0, DRUG_LABEL_1, DRUG_LABEL_2, DRUG_LABEL_3};

const MetricInfo metric_info[N_METRICS] = {
#define METRIC(id, name, dim, units, long_name) {name, dim, units, long_name},
#include "metrics.def"
#undef METRIC
};

const char *const metrics_dim_name[N_DIMS] = {"", "drug"};

int metrics_dim_width(MetricDim dim)
{
    return dim == DIM_DRUG ? N_DRUGS : 1;
}

int metrics_offset(MetricId m)
{
    int off = 0;
    for (int i = 0; i < (int)m; i++)
        off += metrics_dim_width(metric_info[i].dim);
    return off;
}

int metrics_row_width(void)
{
    return metrics_offset(N_METRICS);
}
