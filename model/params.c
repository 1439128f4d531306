/* params.c: the parameter table generated from params.def, and everything derived from it:
 * defaults, lookup by path, did-you-mean suggestions, range checks, value formatting and the
 * reference printed by `cartelsim params` (text or the Markdown of docs/parameters.md). */
#include "params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

_Static_assert(N_DRUGS == 4, "DPARAM expands to exactly one row per drug");

const ParamInfo params_info[N_PARAMS] = {
#define PARAM(id, path, type, kind, def, lo, hi, unit, meaning, source) \
    {path, type, kind, def, lo, hi, unit, meaning, source},
#define DPARAM(id, group, suffix, type, kind, lo, hi, unit, meaning, d0, s0, d1, s1, d2, s2, d3, s3) \
    {group "." DRUG_LABEL_0 "." suffix, type, kind, d0, lo, hi, unit, meaning, s0},                  \
    {group "." DRUG_LABEL_1 "." suffix, type, kind, d1, lo, hi, unit, meaning, s1},                  \
    {group "." DRUG_LABEL_2 "." suffix, type, kind, d2, lo, hi, unit, meaning, s2},                  \
    {group "." DRUG_LABEL_3 "." suffix, type, kind, d3, lo, hi, unit, meaning, s3},
#include "params.def"
#undef PARAM
#undef DPARAM
};

void params_defaults(Params *p)
{
    for (int i = 0; i < N_PARAMS; i++)
        p->v[i] = params_info[i].def;
}

int params_find(const char *path)
{
    for (int i = 0; i < N_PARAMS; i++)
        if (strcmp(params_info[i].path, path) == 0)
            return i;
    return -1;
}

/* Levenshtein distance, bounded to short strings (paths are < 64 characters). */
int params_edit_distance(const char *a, const char *b)
{
    const size_t la = strlen(a), lb = strlen(b);
    if (la > 127 || lb > 127)
        return 1000;
    int prev[128], cur[128];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            const int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            const int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof(int) * (lb + 1));
    }
    return prev[lb];
}

/* Parameters that were removed, and what replaces them. */
static const char *const removed[][2] = {
    {"supply.precursor.tariff",
     "removed: tariffs tied to fentanyl act through China's and Mexico's cooperation (uspolicy.tariff.china, "
     "uspolicy.tariff.mexico, docs/model.md 3.19); a plain cut of precursor arrivals is supply.precursor.control"},
};

const char *params_removed(const char *path)
{
    for (size_t i = 0; i < sizeof removed / sizeof removed[0]; i++)
        if (strcmp(path, removed[i][0]) == 0)
            return removed[i][1];
    return NULL;
}

const char *params_suggest(const char *path)
{
    int best = -1, best_d = 1000;
    for (int i = 0; i < N_PARAMS; i++) {
        const int d = params_edit_distance(path, params_info[i].path);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    /* Also match on the last component alone (a right name in the wrong group). */
    const char *leaf = strrchr(path, '.');
    leaf = leaf ? leaf + 1 : path;
    const int limit = (int)strlen(path) / 3 + 1;
    if (best >= 0 && best_d <= (limit > 6 ? 6 : limit))
        return params_info[best].path;
    for (int i = 0; i < N_PARAMS; i++) {
        const char *l = strrchr(params_info[i].path, '.');
        if (l && strcmp(l + 1, leaf) == 0)
            return params_info[i].path;
    }
    return NULL;
}

void params_format_value(int id, double v, char *buf, unsigned long size)
{
    switch (params_info[id].type) {
    case PT_DATE: {
        char m[16];
        dates_format_month((int)v, m, sizeof m);
        snprintf(buf, size, "\"%s\"", m);
        break;
    }
    case PT_INT:
        snprintf(buf, size, "%.0f", v);
        break;
    default: {
        /* Shortest of %.15g / %.17g that reads back to the same double. */
        snprintf(buf, size, "%.15g", v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, size, "%.17g", v);
        /* libconfig needs a point or exponent to read a float. */
        if (!strpbrk(buf, ".eEni"))
            strncat(buf, ".0", size - strlen(buf) - 1);
    }
    }
}

static void format_plain(int id, double v, char *buf, unsigned long size)
{
    if (params_info[id].type == PT_DATE)
        dates_format_month((int)v, buf, size);
    else if (params_info[id].type == PT_INT && v == floor(v))
        snprintf(buf, size, "%.0f", v);
    else if (params_info[id].type == PT_INT) /* not an integer: as given, e.g. 2.5, never rounded */
        snprintf(buf, size, "%.15g", v);
    else
        snprintf(buf, size, "%.6g", v);
}

const char *params_unit_label(const ParamInfo *pi)
{
    return strcmp(pi->unit, "1") ? pi->unit : "dimensionless";
}

int params_set_checked(Params *p, int id, double v, const char *file, int line, Error *err)
{
    const ParamInfo *pi = &params_info[id];
    char val[48], lo[48], hi[48];
    const char *unit = params_unit_label(pi);
    format_plain(id, v, val, sizeof val);
    format_plain(id, pi->min, lo, sizeof lo);
    format_plain(id, pi->max, hi, sizeof hi);
    if (!isfinite(v))
        return error_set(err, CS_ERR_INPUT, file, line, pi->path, "value is not a finite number");
    if (pi->type == PT_INT && v != floor(v))
        return error_set(err, CS_ERR_INPUT, file, line, pi->path, "value %s must be an integer (%s)", val, unit);
    if (v < pi->min)
        return error_set(err, CS_ERR_INPUT, file, line, pi->path, "value %s is below the minimum %s (%s; valid range %s to %s)",
                         val, lo, unit, lo, hi);
    if (v > pi->max)
        return error_set(err, CS_ERR_INPUT, file, line, pi->path, "value %s is above the maximum %s (%s; valid range %s to %s)",
                         val, hi, unit, lo, hi);
    p->v[id] = v;
    return CS_OK;
}

int params_parse_value(int id, const char *text, double *v, const char *file, int line, Error *err)
{
    const ParamInfo *pi = &params_info[id];
    if (pi->type == PT_DATE) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s", text);
        size_t n = strlen(buf);
        if (n >= 2 && buf[0] == '"' && buf[n - 1] == '"') { /* accept a quoted date */
            buf[n - 1] = '\0';
            memmove(buf, buf + 1, n - 1);
        }
        int m;
        if (dates_parse_month(buf, &m) != 0)
            return error_set(err, CS_ERR_INPUT, file, line, pi->path, "bad date \"%s\": expected \"YYYY-MM\", e.g. \"2026-01\"",
                             text);
        *v = m;
        return CS_OK;
    }
    char *end = NULL;
    const double x = strtod(text, &end);
    if (end == text || *end != '\0')
        return error_set(err, CS_ERR_INPUT, file, line, pi->path, "\"%s\" is not a number (%s, %s)", text,
                         pi->type == PT_INT ? "integer" : "real", params_unit_label(pi));
    *v = x;
    return CS_OK;
}

static const char *type_name(ParamType t)
{
    return t == PT_INT ? "integer" : t == PT_DATE ? "date" : "real";
}

/* Markdown table cells must not contain a bare '|'. */
static void md_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else
            fputc(*s, f);
    }
}

void params_print_reference(void *stream, int markdown)
{
    FILE *f = stream;
    char def[48], lo[48], hi[48];
    if (markdown) {
        fputs("# cartelsim parameter reference\n\n"
              "Generated by `cartelsim params --markdown` from `model/params.def`, the one declaration of every\n"
              "parameter; do not edit by hand (a test fails when this file is stale). Set values in a scenario\n"
              "file (`demand = { treatment = { capacity = 2.0e6; }; };`), on the command line\n"
              "(`--set demand.treatment.capacity=2.0e6`) or in a policy timeline (`lever` parameters only).\n"
              "Money is in constant 2010 US dollars; rates are per year unless the unit says otherwise.\n"
              "Sources marked *assumption* have no published value; docs/model.md says how each was chosen.\n",
              f);
        const char *group = "";
        for (int i = 0; i < N_PARAMS; i++) {
            const ParamInfo *pi = &params_info[i];
            const char *dot = strchr(pi->path, '.');
            const size_t glen = dot ? (size_t)(dot - pi->path) : strlen(pi->path);
            if (strncmp(group, pi->path, glen) != 0 || group[glen] != '.') {
                group = pi->path;
                fprintf(f, "\n## %.*s\n\n| parameter | kind | type | default | range | unit | meaning | source |\n"
                           "|---|---|---|---|---|---|---|---|\n",
                        (int)glen, pi->path);
            }
            format_plain(i, pi->def, def, sizeof def);
            format_plain(i, pi->min, lo, sizeof lo);
            format_plain(i, pi->max, hi, sizeof hi);
            fprintf(f, "| `%s` | %s | %s | %s | %s to %s | %s | ", pi->path, pi->kind == PK_LEVER ? "lever" : "setup",
                    type_name(pi->type), def, lo, hi, pi->unit);
            md_cell(f, pi->meaning);
            fputs(" | ", f);
            md_cell(f, pi->source);
            fputs(" |\n", f);
        }
        return;
    }
    params_print_matching(f, NULL, 0);
}

void params_print_matching(void *stream, const char *const *prefixes, int n)
{
    FILE *f = stream;
    char def[48], lo[48], hi[48];
    for (int i = 0; i < N_PARAMS; i++) {
        const ParamInfo *pi = &params_info[i];
        int match = n == 0;
        for (int k = 0; k < n && !match; k++)
            match = strncmp(pi->path, prefixes[k], strlen(prefixes[k])) == 0;
        if (!match)
            continue;
        format_plain(i, pi->def, def, sizeof def);
        format_plain(i, pi->min, lo, sizeof lo);
        format_plain(i, pi->max, hi, sizeof hi);
        fprintf(f, "%s = %s  [%s .. %s] %s  (%s, %s)\n    %s\n    source: %s\n", pi->path, def, lo, hi, pi->unit,
                type_name(pi->type), pi->kind == PK_LEVER ? "lever" : "setup", pi->meaning, pi->source);
    }
}
