/* scenario_config.c: a resolved scenario written back as libconfig text that loads to the same run
 * (the copy of the scenario a result file carries; scenario.c reads it). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "scenario.h"

static void put_escaped(char **buf, size_t *len, size_t *cap, const char *s)
{
    for (; *s; s++) {
        if (*len + 8 > *cap)
            *buf = realloc(*buf, *cap *= 2);
        if (*s == '"' || *s == '\\')
            (*buf)[(*len)++] = '\\';
        if (*s == '\n') {
            (*buf)[(*len)++] = '\\';
            (*buf)[(*len)++] = 'n';
            continue;
        }
        const unsigned char b = (unsigned char)*s;
        if (b < 0x20 || b == 0x7f) { /* a control character read from an escape: written back as one */
            *len += (size_t)snprintf(*buf + *len, 8, "\\x%02x", b);
            continue;
        }
        (*buf)[(*len)++] = *s;
    }
    (*buf)[*len] = '\0';
}

static void appendf(char **buf, size_t *len, size_t *cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void appendf(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        const int n = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < *cap - *len) {
            *len += (size_t)n;
            return;
        }
        *buf = realloc(*buf, *cap *= 2);
    }
}

char *scenario_config_text(const Scenario *sc)
{
    size_t cap = 16384, len = 0;
    char *buf = malloc(cap);
    buf[0] = '\0';
    char v[64], m[16];
    appendf(&buf, &len, &cap, "# cartelsim resolved scenario: every parameter, defaults included.\n"
                              "# Re-run exactly with: cartelsim run --from <result file>.h5\n"
                              "name = \"");
    put_escaped(&buf, &len, &cap, sc->name);
    appendf(&buf, &len, &cap, "\";\ndescription = \"");
    put_escaped(&buf, &len, &cap, sc->description);
    appendf(&buf, &len, &cap, "\";\n\n");
    for (int i = 0; i < N_PARAMS; i++) {
        /* a parameter the timelines change says so on the line above its value, which then holds
         * only until the first change: a reader of the resolved baseline does not take a lever's
         * value of 2000 for the one of the year it looks at (the value's own line stays
         * `path = value;`, for scripts that read it) */
        int n = 0;
        for (int j = 0; j < sc->n_changes; j++)
            if (sc->changes[j].param == i)
                n++;
        if (n > 0) {
            appendf(&buf, &len, &cap, "# %s: then set by the timeline (%d change%s):", params_info[i].path, n,
                    n > 1 ? "s" : "");
            int shown = 0;
            for (int j = 0; j < sc->n_changes && shown < 4; j++)
                if (sc->changes[j].param == i) {
                    dates_format_month(sc->changes[j].month, m, sizeof m);
                    params_format_value(i, sc->changes[j].value, v, sizeof v);
                    appendf(&buf, &len, &cap, "%s %s %s", shown++ ? "," : "", m, v);
                }
            appendf(&buf, &len, &cap, "%s\n", n > shown ? ", ..." : "");
        }
        params_format_value(i, sc->base.v[i], v, sizeof v);
        appendf(&buf, &len, &cap, "%s = %s;\n", params_info[i].path, v);
    }
    for (int h = 1; h >= 0; h--) { /* history first, as it is read first */
        appendf(&buf, &len, &cap, "\n%s = (", h ? "history" : "policy");
        int n = 0;
        for (int i = 0; i < sc->n_changes; i++) {
            const PolicyChange *c = &sc->changes[i];
            if (c->history != h)
                continue;
            dates_format_month(c->month, m, sizeof m);
            params_format_value(c->param, c->value, v, sizeof v);
            appendf(&buf, &len, &cap, "%s\n  { at = \"%s\"; set = { %s = %s; }; }", n++ ? "," : "", m,
                    params_info[c->param].path, v);
        }
        appendf(&buf, &len, &cap, "\n);\n");
    }
    return buf;
}

