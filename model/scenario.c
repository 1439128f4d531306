/* scenario.c: reading scenario files. The text first goes through the @include preprocessor
 * (scenario_text.c); libconfig parses the result, and the walk here checks every setting against
 * the parameter table (model/params.def), fills the base parameters and the policy and history
 * timelines, and reports errors with the original file, line and key. Also: command-line
 * overrides and scenario_finalize (dates and timelines against the run). The resolved scenario as
 * libconfig text is written by scenario_config.c, the data files are found and loaded by
 * scenario_data.c. */
#include "scenario.h"

#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dates.h"
#include "scenario_text.h"

/* ---- walking the configuration tree ------------------------------------------------------------ */

typedef struct Walk {
    Scenario *sc;
    const ScenarioText *text;
    Error *err;
    int cap_changes;
} Walk;

static void where(const Walk *w, const config_setting_t *s, const char **file, int *line)
{
    scenario_text_where(w->text, config_setting_source_line(s), file, line);
}

/* Join a parent path and a libconfig name ('*'-separated parts, '-' parts dropped). */
static void join_path(char *out, size_t size, const char *prefix, const char *name)
{
    snprintf(out, size, "%s", prefix);
    char part[128];
    const char *p = name;
    while (*p) {
        const char *e = strchr(p, '*');
        const size_t n = e ? (size_t)(e - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        if (part[0] && part[0] != '-') {
            if (out[0])
                strncat(out, ".", size - strlen(out) - 1);
            strncat(out, part, size - strlen(out) - 1);
        }
        p = e ? e + 1 : p + n;
    }
}

static int is_prefix_of_param(const char *path)
{
    const size_t n = strlen(path);
    for (int i = 0; i < N_PARAMS; i++)
        if (strncmp(params_info[i].path, path, n) == 0 && params_info[i].path[n] == '.')
            return i;
    return -1;
}

static const char *type_word(int t)
{
    switch (t) {
    case CONFIG_TYPE_GROUP: return "a group";
    case CONFIG_TYPE_ARRAY: return "an array";
    case CONFIG_TYPE_LIST: return "a list";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "a boolean";
    case CONFIG_TYPE_FLOAT: return "a real number";
    default: return "an integer";
    }
}

/* Read one scalar setting into a value for parameter id. */
static int read_value(const Walk *w, const config_setting_t *s, int id, const char *path, double *v)
{
    const char *file;
    int line;
    where(w, s, &file, &line);
    const ParamInfo *pi = &params_info[id];
    const int t = config_setting_type(s);
    if (pi->type == PT_DATE) {
        if (t != CONFIG_TYPE_STRING)
            return error_set(w->err, CS_ERR_INPUT, file, line, path, "wrong type: expected a date string \"YYYY-MM\", got %s",
                             type_word(t));
        return params_parse_value(id, config_setting_get_string(s), v, file, line, w->err);
    }
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
        /* An integer parameter must hold the value exactly: one past the range is refused as written,
         * not after rounding to a double (beyond 2^53). */
        const long long x = config_setting_get_int64(s);
        if (pi->type == PT_INT && ((double)x > pi->max || (double)x < pi->min)) {
            char lo[48], hi[48];
            snprintf(lo, sizeof lo, "%.0f", pi->min);
            snprintf(hi, sizeof hi, "%.0f", pi->max);
            return error_set(w->err, CS_ERR_INPUT, file, line, path, "value %lld is %s the %s %s (%s; valid range %s to %s)", x,
                             (double)x > pi->max ? "above" : "below", (double)x > pi->max ? "maximum" : "minimum",
                             (double)x > pi->max ? hi : lo, params_unit_label(pi), lo, hi);
        }
        *v = (double)x;
    } else if (t == CONFIG_TYPE_FLOAT && pi->type == PT_REAL)
        *v = config_setting_get_float(s);
    else if (t == CONFIG_TYPE_FLOAT)
        return error_set(w->err, CS_ERR_INPUT, file, line, path, "wrong type: expected an integer (%s), got %s",
                         pi->unit, type_word(t));
    else
        return error_set(w->err, CS_ERR_INPUT, file, line, path, "wrong type: expected a number (%s), got %s",
                         pi->unit, type_word(t));
    return CS_OK;
}

static int unknown_key(const Walk *w, const config_setting_t *s, const char *path)
{
    const char *file;
    int line;
    where(w, s, &file, &line);
    const char *gone = params_removed(path);
    if (gone)
        return error_set(w->err, CS_ERR_INPUT, file, line, path, "%s", gone);
    const char *sug = params_suggest(path);
    if (sug)
        return error_set(w->err, CS_ERR_INPUT, file, line, path, "unknown parameter (did you mean %s?)", sug);
    return error_set(w->err, CS_ERR_INPUT, file, line, path,
                     "unknown parameter (`cartelsim params` lists them all)");
}

/* Walk a group of parameter settings; `change` non-NULL means inside a timeline entry. */
static int walk_params(Walk *w, const config_setting_t *g, const char *prefix, const PolicyChange *change)
{
    const int n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        char path[256];
        join_path(path, sizeof path, prefix, config_setting_name(s));
        const char *file;
        int line;
        where(w, s, &file, &line);
        if (config_setting_type(s) == CONFIG_TYPE_GROUP) {
            if (params_find(path) >= 0)
                return error_set(w->err, CS_ERR_INPUT, file, line, path, "wrong type: expected a value, got a group");
            const int st = walk_params(w, s, path, change);
            if (st)
                return st;
            continue;
        }
        const int id = params_find(path);
        if (id < 0) {
            const int child = is_prefix_of_param(path);
            if (child >= 0)
                return error_set(w->err, CS_ERR_INPUT, file, line, path,
                                 "is a group of parameters, not a value (e.g. %s)", params_info[child].path);
            return unknown_key(w, s, path);
        }
        double v;
        int st = read_value(w, s, id, path, &v);
        if (st)
            return st;
        if (!change) {
            st = params_set_checked(&w->sc->base, id, v, file, line, w->err);
            if (st)
                return st;
            snprintf(w->sc->base_src[id].file, sizeof w->sc->base_src[id].file, "%s", file);
            w->sc->base_src[id].line = line;
            continue;
        }
        if (params_info[id].kind != PK_LEVER)
            return error_set(w->err, CS_ERR_INPUT, file, line, path,
                             "is a set-up parameter and cannot change during a run (set it outside the timeline)");
        Params scratch;
        st = params_set_checked(&scratch, id, v, file, line, w->err);
        if (st)
            return st;
        Scenario *sc = w->sc;
        if (sc->n_changes == w->cap_changes) {
            w->cap_changes = w->cap_changes ? 2 * w->cap_changes : 32;
            sc->changes = realloc(sc->changes, sizeof(PolicyChange) * (size_t)w->cap_changes);
        }
        if (sc->n_changes >= SCENARIO_MAX_CHANGES)
            return error_set(w->err, CS_ERR_INPUT, file, line, path, "more than %d timeline changes in the scenario",
                             SCENARIO_MAX_CHANGES);
        PolicyChange *c = &sc->changes[sc->n_changes++];
        *c = *change;
        c->param = id;
        c->value = v;
        snprintf(c->file, sizeof c->file, "%s", file);
        c->line = line;
    }
    return CS_OK;
}

static int walk_timeline(Walk *w, const config_setting_t *list, const char *listname)
{
    const char *file;
    int line;
    where(w, list, &file, &line);
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return error_set(w->err, CS_ERR_INPUT, file, line, listname,
                         "wrong type: expected a list ( { at = \"YYYY-MM\"; set = { ... }; }, ... )");
    const int n = config_setting_length(list);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        where(w, e, &file, &line);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP)
            return error_set(w->err, CS_ERR_INPUT, file, line, listname,
                             "entry %d: expected a group { at = \"YYYY-MM\"; set = { ... }; }", i + 1);
        const config_setting_t *at = NULL, *set = NULL, *ramp = NULL;
        for (int j = 0; j < config_setting_length(e); j++) {
            const config_setting_t *s = config_setting_get_elem(e, (unsigned)j);
            char key[128];
            join_path(key, sizeof key, "", config_setting_name(s));
            if (strcmp(key, "at") == 0)
                at = s;
            else if (strcmp(key, "set") == 0)
                set = s;
            else if (strcmp(key, "ramp") == 0)
                ramp = s;
            else {
                where(w, s, &file, &line);
                return error_set(w->err, CS_ERR_INPUT, file, line, key,
                                 "unknown key in a %s entry (expected `at`, `set` and optionally `ramp`)", listname);
            }
        }
        if (!at || config_setting_type(at) != CONFIG_TYPE_STRING)
            return error_set(w->err, CS_ERR_INPUT, file, line, listname,
                             "entry %d: needs at = \"YYYY-MM\" (a date string)", i + 1);
        PolicyChange proto;
        memset(&proto, 0, sizeof proto);
        proto.history = strcmp(listname, "history") == 0;
        if (dates_parse_month(config_setting_get_string(at), &proto.month) != 0) {
            where(w, at, &file, &line);
            return error_set(w->err, CS_ERR_INPUT, file, line, "at", "bad date \"%s\": expected \"YYYY-MM\", e.g. \"2026-01\"",
                             config_setting_get_string(at));
        }
        if (!set || config_setting_type(set) != CONFIG_TYPE_GROUP)
            return error_set(w->err, CS_ERR_INPUT, file, line, listname, "entry %d: needs set = { parameter = value; ... }",
                             i + 1);
        if (ramp) { /* "3y" or "18m": reached linearly over that many months */
            const char *r = config_setting_type(ramp) == CONFIG_TYPE_STRING ? config_setting_get_string(ramp) : "";
            char unit = 0, extra = 0;
            int k = 0;
            if (sscanf(r, "%d%c%c", &k, &unit, &extra) != 2 || k < 1 || (unit != 'y' && unit != 'm') || k * (unit == 'y' ? 12 : 1) > 1200) {
                where(w, ramp, &file, &line);
                return error_set(w->err, CS_ERR_INPUT, file, line, "ramp",
                                 "bad ramp \"%s\": expected a duration such as \"3y\" or \"18m\" (1 month to 100 years)", r);
            }
            proto.ramp = k * (unit == 'y' ? 12 : 1);
        }
        const int st = walk_params(w, set, "", &proto);
        if (st)
            return st;
    }
    return CS_OK;
}

static void copy_string(char *dst, size_t size, const config_setting_t *s)
{
    snprintf(dst, size, "%s", config_setting_get_string(s));
}

static int walk_root(Walk *w, const config_setting_t *root)
{
    int have_name = 0, have_desc = 0;
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *raw = config_setting_name(s);
        const int from_include = strstr(raw, "*-inc") != NULL;
        char key[256];
        join_path(key, sizeof key, "", raw);
        const char *file;
        int line;
        where(w, s, &file, &line);
        if (strcmp(key, "name") == 0 || strcmp(key, "description") == 0) {
            if (config_setting_type(s) != CONFIG_TYPE_STRING)
                return error_set(w->err, CS_ERR_INPUT, file, line, key, "wrong type: expected a string");
            const int is_name = key[0] == 'n';
            /* The top file's name and description win over those of included files. */
            if (from_include && (is_name ? have_name : have_desc))
                continue;
            if (is_name) {
                /* The name makes the default output file results/<name>.h5: one plain file name. */
                const char *nm = config_setting_get_string(s);
                int bad = !nm[0] || nm[0] == '.' || strlen(nm) >= sizeof w->sc->name;
                for (const char *q = nm; *q && !bad; q++)
                    bad = *q == '/' || *q == '\\' || (unsigned char)*q < 0x20;
                if (bad)
                    return error_set(w->err, CS_ERR_INPUT, file, line, key,
                                     "\"%.60s\" is not a usable name: it names the result file results/<name>.h5, so it must be "
                                     "1 to %zu characters without '/', '\\' or control characters, not starting with '.'",
                                     nm, sizeof w->sc->name - 1);
                copy_string(w->sc->name, sizeof w->sc->name, s);
                have_name = !from_include ? 2 : 1;
            } else {
                copy_string(w->sc->description, sizeof w->sc->description, s);
                have_desc = !from_include ? 2 : 1;
            }
            continue;
        }
        if (strcmp(key, "policy") == 0 || strcmp(key, "history") == 0) {
            const int st = walk_timeline(w, s, key);
            if (st)
                return st;
            continue;
        }
        if (config_setting_type(s) == CONFIG_TYPE_GROUP) {
            const int st = walk_params(w, s, key, NULL);
            if (st)
                return st;
            continue;
        }
        /* A dotted top-level assignment such as demand.treatment.capacity = 2e6; */
        const int id = params_find(key);
        if (id < 0) {
            const int child = is_prefix_of_param(key);
            if (child >= 0)
                return error_set(w->err, CS_ERR_INPUT, file, line, key, "is a group of parameters, not a value (e.g. %s)",
                                 params_info[child].path);
            return unknown_key(w, s, key);
        }
        double v;
        int st = read_value(w, s, id, key, &v);
        if (!st)
            st = params_set_checked(&w->sc->base, id, v, file, line, w->err);
        if (st)
            return st;
        snprintf(w->sc->base_src[id].file, sizeof w->sc->base_src[id].file, "%s", file);
        w->sc->base_src[id].line = line;
    }
    return CS_OK;
}

/* The same line of the same file read again through another include (a bundle of scenarios that
 * each include baseline.cfg and so history.cfg) is one change, not several: an event of the history
 * (leadership.force_split, leadership.transfer) must happen once. Changes of one month are compared
 * after sorting pointers to them (n log n); the first of equal ones is kept, in place. */
static int dedupe_cmp(const void *x, const void *y)
{
    const PolicyChange *a = *(const PolicyChange *const *)x, *b = *(const PolicyChange *const *)y;
    if (a->param != b->param)
        return a->param < b->param ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    const int f = strcmp(a->file, b->file);
    if (f)
        return f;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    if (a->history != b->history)
        return a->history - b->history;
    if (a->ramp != b->ramp)
        return a->ramp - b->ramp;
    return a < b ? -1 : a > b; /* equal: the earlier first */
}

static void drop_repeated(Scenario *sc)
{
    const int n = sc->n_changes;
    const PolicyChange **ptr = malloc(sizeof *ptr * (size_t)(n > 0 ? n : 1));
    char *drop = calloc((size_t)(n > 0 ? n : 1), 1);
    if (!ptr || !drop) { /* no memory: keep every change (a repeated event then happens more than once) */
        free(ptr);
        free(drop);
        return;
    }
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && sc->changes[j].month == sc->changes[i].month)
            j++;
        for (int k = i; k < j; k++)
            ptr[k - i] = &sc->changes[k];
        qsort(ptr, (size_t)(j - i), sizeof *ptr, dedupe_cmp);
        for (int k = 1; k < j - i; k++) {
            const PolicyChange *a = ptr[k - 1], *b = ptr[k];
            if (a->line > 0 && a->param == b->param && a->line == b->line && !strcmp(a->file, b->file) &&
                a->value == b->value && a->history == b->history && a->ramp == b->ramp)
                drop[b - sc->changes] = 1;
        }
        i = j;
    }
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (!drop[i])
            sc->changes[kept++] = sc->changes[i];
    sc->n_changes = kept;
    free(ptr);
    free(drop);
}

/* Stable sort by month (file order kept within a month): a merge sort, n log n however long the
 * timeline; an already sorted timeline costs one pass. */
static void sort_changes(Scenario *sc)
{
    const int n = sc->n_changes;
    int sorted = 1;
    for (int i = 1; i < n && sorted; i++)
        sorted = sc->changes[i - 1].month <= sc->changes[i].month;
    if (sorted)
        return;
    PolicyChange *a = sc->changes, *b = malloc(sizeof(PolicyChange) * (size_t)n);
    if (!b) { /* no memory for the merge: insertion sort in place */
        for (int i = 1; i < n; i++) {
            PolicyChange c = a[i];
            int j = i - 1;
            while (j >= 0 && a[j].month > c.month) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = c;
        }
        return;
    }
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            const int mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = a[j].month < a[i].month ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        PolicyChange *tmp = a;
        a = b;
        b = tmp;
    }
    if (a != sc->changes) {
        memcpy(sc->changes, a, sizeof(PolicyChange) * (size_t)n);
        b = a;
    }
    free(b);
}

static int load(Scenario *sc, const char *label, const char *content, Error *err)
{
    memset(sc, 0, sizeof *sc);
    params_defaults(&sc->base);
    snprintf(sc->source, sizeof sc->source, "%s", label);
    ScenarioText t;
    int st = scenario_text_expand(&t, label, content, err);
    if (st) {
        scenario_text_free(&t);
        return st;
    }
    config_t cfg;
    config_init(&cfg);
    if (!config_read_string(&cfg, t.buf ? t.buf : "")) {
        const char *file;
        int line;
        scenario_text_where(&t, config_error_line(&cfg), &file, &line);
        const char *why = config_error_text(&cfg);
        const int syntax = why && strstr(why, "syntax error") != NULL;
        st = error_set(err, CS_ERR_INPUT, file, line, "", "%s%s", why ? why : "cannot parse",
                       syntax ? " (check `;` after each setting and matching braces)" : "");
    } else {
        Walk w = {sc, &t, err, 0};
        st = walk_root(&w, config_root_setting(&cfg));
    }
    config_destroy(&cfg);
    if (!st && t.n_files > 0 && (sc->inputs = malloc(sizeof(TextFileId) * (size_t)t.n_files)) != NULL) {
        for (int i = 0; i < t.n_files; i++)
            if (t.ids[i].dev || t.ids[i].ino)
                sc->inputs[sc->n_inputs++] = t.ids[i];
    }
    scenario_text_free(&t);
    if (st)
        return st;
    if (!sc->name[0]) { /* default name: the file's base name without extension */
        const char *b = strrchr(label, '/');
        b = b ? b + 1 : label;
        snprintf(sc->name, sizeof sc->name, "%s", b);
        char *dot = strrchr(sc->name, '.');
        if (dot)
            *dot = '\0';
    }
    sort_changes(sc);
    drop_repeated(sc);
    metrics_layout_init(&sc->layout, NULL);
    return CS_OK;
}

int scenario_load_file(Scenario *sc, const char *path, Error *err)
{
    return load(sc, path, NULL, err);
}

int scenario_load_string(Scenario *sc, const char *text, const char *label, Error *err)
{
    return load(sc, label, text, err);
}

int scenario_apply_override(Scenario *sc, const char *assignment, Error *err)
{
    return scenario_apply_override_from(sc, assignment, "--set", err);
}

int scenario_apply_override_from(Scenario *sc, const char *assignment, const char *origin, Error *err)
{
    /* "YYYY-MM:path=value" adds a policy change from that month; "path=value" sets the base value. */
    int month = -1;
    const char *colon = strchr(assignment, ':'), *eq0 = strchr(assignment, '=');
    if (colon && (!eq0 || colon < eq0)) {
        char when[32];
        snprintf(when, sizeof when, "%.*s", (int)(colon - assignment), assignment);
        if (dates_parse_month(when, &month))
            return error_set(err, CS_ERR_INPUT, origin, 0, assignment,
                             "expected --set YYYY-MM:path=value for a change from a date (got \"%s\")", when);
        assignment = colon + 1;
    }
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        return error_set(err, CS_ERR_INPUT, origin, 0, assignment, "expected --set path=value");
    char path[256], value[256];
    snprintf(path, sizeof path, "%.*s", (int)(eq - assignment), assignment);
    snprintf(value, sizeof value, "%s", eq + 1);
    const int id = params_find(path);
    if (id < 0) {
        if (params_removed(path))
            return error_set(err, CS_ERR_INPUT, origin, 0, path, "%s", params_removed(path));
        const char *sug = params_suggest(path);
        if (sug)
            return error_set(err, CS_ERR_INPUT, origin, 0, path, "unknown parameter (did you mean %s?)", sug);
        return error_set(err, CS_ERR_INPUT, origin, 0, path, "unknown parameter (`cartelsim params` lists them all)");
    }
    double v;
    int st = params_parse_value(id, value, &v, origin, 0, err);
    if (month >= 0) { /* a dated change: one more entry of the policy timeline */
        Params scratch;
        if (st || (st = params_set_checked(&scratch, id, v, origin, 0, err)))
            return st;
        if (params_info[id].kind != PK_LEVER)
            return error_set(err, CS_ERR_INPUT, origin, 0, path,
                             "is a set-up parameter and cannot change during a run (use --set %s=VALUE)", path);
        PolicyChange *grown = realloc(sc->changes, sizeof(PolicyChange) * (size_t)(sc->n_changes + 1));
        if (!grown)
            return error_set(err, CS_ERR_RUNTIME, origin, 0, path, "out of memory for a policy change");
        sc->changes = grown;
        PolicyChange *c = &sc->changes[sc->n_changes++];
        memset(c, 0, sizeof *c);
        c->month = month;
        c->param = id;
        c->value = v;
        snprintf(c->file, sizeof c->file, "%s", origin);
        sort_changes(sc); /* stable: after the file's own entries of that month, so it prevails */
        return CS_OK;
    }
    if (st || (st = params_set_checked(&sc->base, id, v, origin, 0, err)))
        return st;
    /* A base value that the timeline sets again would be overridden without a word: refuse it and say
     * how to change the lever from a date instead. */
    for (int i = 0; i < sc->n_changes; i++) {
        const PolicyChange *c = &sc->changes[i];
        if (c->param != id)
            continue;
        char m[16];
        dates_format_month(c->month, m, sizeof m);
        return error_set(err, CS_ERR_INPUT, origin, 0, path,
                         "the scenario's %s timeline sets it again at %s (%s:%d), which would override this value; "
                         "to change the lever from a date, use --set YYYY-MM:%s=%s (e.g. --set 2026-01:%s=%s)",
                         c->history ? "history" : "policy", m, c->file, c->line, path, value, path, value);
    }
    snprintf(sc->base_src[id].file, sizeof sc->base_src[id].file, "%s", origin);
    sc->base_src[id].line = 0;
    return CS_OK;
}

/* A ramp becomes one change a month: the value in force just before it (the base value, or the last
 * change before) moves linearly to the target over `ramp` months, the last step at the target. */
static int expand_ramps(Scenario *sc, Error *err)
{
    long long n_new = 0;
    for (int i = 0; i < sc->n_changes; i++)
        n_new += sc->changes[i].ramp > 1 ? sc->changes[i].ramp - 1 : 0;
    if (sc->n_changes + n_new > SCENARIO_MAX_CHANGES)
        return error_set(err, CS_ERR_INPUT, sc->source, 0, "ramp",
                         "the timelines' ramps make %lld monthly changes, more than the limit of %d", sc->n_changes + n_new,
                         SCENARIO_MAX_CHANGES);
    if (!n_new) {
        for (int i = 0; i < sc->n_changes; i++)
            sc->changes[i].ramp = 0;
        return CS_OK;
    }
    PolicyChange *out = malloc(sizeof(PolicyChange) * (size_t)(sc->n_changes + n_new));
    if (!out)
        return error_set(err, CS_ERR_RUNTIME, sc->source, 0, "ramp", "out of memory for the ramp's monthly changes");
    int n = 0;
    /* The value in force just before a month: the last change of an earlier month, else the base (the
     * changes are sorted by month, so one pass keeps it per parameter, updated when a month ends). */
    double before[N_PARAMS], latest[N_PARAMS];
    memcpy(before, sc->base.v, sizeof before);
    memcpy(latest, sc->base.v, sizeof latest);
    for (int i = 0; i < sc->n_changes; i++) {
        const PolicyChange *c = &sc->changes[i];
        if (i > 0 && sc->changes[i - 1].month < c->month)
            memcpy(before, latest, sizeof before);
        latest[c->param] = c->value;
        if (c->ramp <= 1) {
            out[n] = *c;
            out[n++].ramp = 0;
            continue;
        }
        const double v0 = before[c->param];
        for (int k = 1; k <= c->ramp; k++) {
            out[n] = *c;
            out[n].month = c->month + k - 1;
            out[n].value = v0 + (c->value - v0) * (double)k / (double)c->ramp;
            out[n++].ramp = k > 1 ? -1 : 0; /* -1: a later step of a ramp, dropped when past the run's end */
        }
    }
    free(sc->changes);
    sc->changes = out;
    sc->n_changes = n;
    sort_changes(sc);
    return CS_OK;
}

int scenario_finalize(Scenario *sc, Error *err)
{
    const int start = (int)PV(&sc->base, P_SIM_START), end = (int)PV(&sc->base, P_SIM_END);
    char a[16], b[16], c[16];
    dates_format_month(start, a, sizeof a);
    dates_format_month(end, b, sizeof b);
    if (end < start)
        return error_set(err, CS_ERR_INPUT, sc->base_src[P_SIM_END].file[0] ? sc->base_src[P_SIM_END].file : sc->source,
                         sc->base_src[P_SIM_END].line, "sim.end", "%s is before sim.start %s", b, a);
    sc->n_ticks = dates_n_ticks(start, end);
    int st = expand_ramps(sc, err);
    if (st)
        return st;
    int kept = 0;
    for (int i = 0; i < sc->n_changes; i++) {
        PolicyChange *ch = &sc->changes[i];
        if (ch->history && ch->month < start) { /* background before the run: part of the start */
            sc->base.v[ch->param] = ch->value;
            continue;
        }
        if ((ch->history || ch->ramp < 0) && ch->month > end)
            continue;
        if (ch->month < start || ch->month > end) {
            dates_format_month(ch->month, c, sizeof c);
            return error_set(err, CS_ERR_INPUT, ch->file, ch->line, params_info[ch->param].path,
                             "policy change at %s is outside the run (%s to %s)", c, a, b);
        }
        ch->tick = dates_tick_of_month(start, ch->month);
        ch->ramp = 0;
        sc->changes[kept++] = *ch;
    }
    sc->n_changes = kept;
    return CS_OK;
}

void scenario_free(Scenario *sc)
{
    if (sc->has_geo)
        geography_free(&sc->geo);
    sc->has_geo = 0;
    geography_data_free(&sc->data);
    free(sc->changes);
    sc->changes = NULL;
    sc->n_changes = 0;
    free(sc->inputs);
    sc->inputs = NULL;
    sc->n_inputs = 0;
}
