/* params.h: every cartelsim parameter, declared once in params.def (X-macro). Loading, range checks,
 * --set overrides, `cartelsim params`, docs/parameters.md and the copy stored in each output file are
 * generated from that one table. Values are held as doubles indexed by a generated enum; integer and
 * date parameters are exact in a double. */
#ifndef CARTELSIM_PARAMS_H
#define CARTELSIM_PARAMS_H

#include "drugs.h"
#include "error.h"

typedef enum ParamType { PT_REAL, PT_INT, PT_DATE } ParamType;

/* SETUP parameters fix the run (dates, scale, initial conditions); LEVER parameters may also be
 * changed by a scenario's policy timeline at a tick boundary. */
typedef enum ParamKind { PK_SETUP, PK_LEVER } ParamKind;

typedef enum ParamId {
#define PARAM(id, path, type, kind, def, lo, hi, unit, meaning, source) id,
#define DPARAM(id, group, suffix, type, kind, lo, hi, unit, meaning, d0, s0, d1, s1, d2, s2, d3, s3) \
    id, id##_D1, id##_D2, id##_D3,
#include "params.def"
#undef PARAM
#undef DPARAM
    N_PARAMS
} ParamId;

typedef struct ParamInfo {
    const char *path;    /* configuration path, e.g. "demand.treatment.capacity" */
    ParamType type;
    ParamKind kind;
    double def, min, max;
    const char *unit;    /* real units, e.g. "persons", "1/yr", "US$2010/g" */
    const char *meaning; /* one line */
    const char *source;  /* study and where verified; "assumption" or "fitted to ..." otherwise */
} ParamInfo;

extern const ParamInfo params_info[N_PARAMS];

typedef struct Params {
    double v[N_PARAMS];
} Params;

/** Value of parameter `id`. */
#define PV(p, id) ((p)->v[(id)])
/** Value of the per-drug parameter `id` for drug d (per-drug rows are consecutive by construction). */
#define PD(p, id, d) ((p)->v[(id) + (d)])

/** @brief Fill p with every parameter's default. */
void params_defaults(Params *p);

/** @brief A parameter's unit as error messages name it ("dimensionless" for "1"). */
const char *params_unit_label(const ParamInfo *pi);

/** @brief Index of the parameter with this path, or -1. */
int params_find(const char *path);

/** @brief Closest known path to an unknown one (for "did you mean"), or NULL when none is close. */
const char *params_suggest(const char *path);
/* Levenshtein distance of two short texts (1000 beyond 127 characters): for suggestions. */
int params_edit_distance(const char *a, const char *b);

/** @brief For a parameter that was removed: how to say the same now (a migration message), else NULL. */
const char *params_removed(const char *path);

/** @brief Check and store value v for parameter id; fills err (key, range, unit) when out of range
 *  or not an integer where one is required. file/line give the context for the message. */
int params_set_checked(Params *p, int id, double v, const char *file, int line, Error *err);

/** @brief Parse text (number, or "YYYY-MM" for dates) for parameter id into *v. */
int params_parse_value(int id, const char *text, double *v, const char *file, int line, Error *err);

/** @brief Format a parameter value as libconfig text (dates quoted, integers without a point,
 *  reals with 17 significant digits so they read back bit for bit). */
void params_format_value(int id, double v, char *buf, unsigned long size);

/** @brief Print the parameter reference: plain text, or Markdown (docs/parameters.md). */
void params_print_reference(void *stream, int markdown);
/** @brief The plain-text reference of the parameters whose path starts with one of the n prefixes. */
void params_print_matching(void *stream, const char *const *prefixes, int n);

#endif
