/* geography.h: Mexico's states and plazas, the US land crossings, the route graph and the
 * organisations of 2000, loaded from scenarios/data/ (model.md sections 2-3; data sources in
 * scenarios/data/README.md). Read-only during a run and shared by all replicates. */
#ifndef CARTELSIM_GEOGRAPHY_H
#define CARTELSIM_GEOGRAPHY_H

#include "error.h"

#define GEO_MAX_NB 16

typedef enum SeaportKind { SEA_NONE, SEA_PACIFIC, SEA_GULF } SeaportKind;

/* Interdiction classes of route edges (model.md 4.3); budgets are set per class. */
typedef enum EdgeClass { EC_TRANSIT_ZONE, EC_SEAPORT, EC_PORT_OF_ENTRY, EC_BETWEEN_PORTS, EC_DOMESTIC, N_EDGE_CLASSES } EdgeClass;
extern const char *const geography_edge_class_names[N_EDGE_CLASSES];

typedef enum ExternalKind { EXT_SOURCE, EXT_TRANSIT, EXT_PRECURSOR, EXT_MARKET } ExternalKind;

typedef struct GeoState {
    char code[8], name[64];
    double pop2000, pop2020;
    double background;            /* homicides unrelated to organised crime against the national rate (1: the national rate) */
    int n_nb, nb[GEO_MAX_NB];
} GeoState;

typedef struct GeoPlaza {
    int file_id;                  /* id in plazas.csv */
    char name[64];
    int state;                    /* index into states */
    double pop, lat, lon;
    int crossing;                 /* index into crossings, or -1 */
    SeaportKind seaport;
    unsigned char poppy, cannabis, avocado_lime, pipeline, tourist;
} GeoPlaza;

/* US border states a crossing opens into (the source regions of guns, guns.c, add the rest of the US). */
enum UsState { US_TEXAS, US_ARIZONA, US_NEW_MEXICO, US_CALIFORNIA, N_US_STATES };
extern const char *const geography_us_state_codes[N_US_STATES]; /* "TX", "AZ", "NM", "CA" */

typedef struct GeoCrossing {
    char id[32], us_port[64];
    int plaza;                    /* index of the Mexican plaza of this crossing */
    int us_state;                 /* enum UsState */
    double traffic_share;
} GeoCrossing;

typedef struct GeoExternal {
    char id[32], name[64];
    ExternalKind kind;
    double lat, lon;
} GeoExternal;

/* Directed edge of the route graph. Nodes 0..n_plazas-1 are plazas, then the external nodes. */
typedef struct GeoEdge {
    int from, to;
    EdgeClass cls;
    double km;
    int crossing;                 /* for edges into the US market: the crossing, else -1 */
} GeoEdge;

typedef struct GeoOrg {
    char id[32], name[96];
    int parent;                   /* index of the parent organisation, or -1 */
    int home_state;
    int n_plazas, *plazas;        /* plaza indices controlled in 2000 */
    double members, cash;
    int cocaine_link, precursor_link;
} GeoOrg;

typedef struct Geography {
    int n_states, n_plazas, n_crossings, n_external, n_nodes, n_edges, n_orgs;
    GeoState *states;
    GeoPlaza *plazas;
    GeoCrossing *crossings;
    GeoExternal *external;
    GeoEdge *edges;
    int *out_start;               /* CSR: edges leaving node v are out_start[v] .. out_start[v+1]-1 */
    GeoOrg *orgs;
    const char **crossing_labels; /* crossing ids, for the output's crossing axis */
    const char **org_labels;      /* organisation ids, for the output's lineage axis */
    const char **state_labels;    /* state codes, for the output's state axis */
    int node_us;                  /* the US market node */
} Geography;

/* The data files, by name; their texts are kept so that a result file can carry them. */
#define GEO_N_FILES 7
extern const char *const geography_file_names[GEO_N_FILES];

typedef struct GeoData {
    char *text[GEO_N_FILES];
    char label[GEO_N_FILES][320];
} GeoData;

/** @brief Read the data files of directory dir into d. */
int geography_read_dir(GeoData *d, const char *dir, Error *err);
/** @brief Parse and validate data texts into g (errors name file, line and column). */
int geography_parse(Geography *g, const GeoData *d, Error *err);
/** @brief Index of a node by external id, or -1. */
int geography_external(const Geography *g, const char *id);
void geography_free(Geography *g);
void geography_data_free(GeoData *d);

#endif
