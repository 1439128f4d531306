/* scenario_text.c: the preprocessor that runs before libconfig reads a scenario (see scenario_text.h).
 *
 * libconfig (1.5, Debian 12) neither accepts dots in setting names nor lets the caller resolve
 * @include, so this expands @include itself (relative to the including file, with cycle detection),
 * keeps a map from each line of the expanded text back to (file, line) for messages, and rewrites a
 * dotted setting name `a.b.c =` as `a*b*c =` ('*' is legal in libconfig names). Top-level names of
 * included files get a suffix `*-incN`, so that several files may each hold a `demand` group or a
 * `policy` list; the tree walk (scenario.c) drops components that start with '-'. */
#include "scenario_text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

/* ---- expanded text with a line map ------------------------------------------------------------ */

static void text_putc(ScenarioText *t, char c)
{
    if (t->len + 2 > t->cap) {
        t->cap = t->cap ? 2 * t->cap : 4096;
        t->buf = realloc(t->buf, t->cap);
    }
    t->buf[t->len++] = c;
    t->buf[t->len] = '\0';
}

static void text_puts(ScenarioText *t, const char *s)
{
    while (*s)
        text_putc(t, *s++);
}

static void text_add_line(ScenarioText *t, int file, int line)
{
    if (t->n_lines == t->cap_lines) {
        t->cap_lines = t->cap_lines ? 2 * t->cap_lines : 256;
        t->line_file = realloc(t->line_file, sizeof(int) * (size_t)t->cap_lines);
        t->line_no = realloc(t->line_no, sizeof(int) * (size_t)t->cap_lines);
    }
    t->line_file[t->n_lines] = file;
    t->line_no[t->n_lines] = line;
    t->n_lines++;
}

void scenario_text_free(ScenarioText *t)
{
    free(t->buf);
    free(t->line_file);
    free(t->line_no);
    for (int i = 0; i < t->n_files; i++)
        free(t->files[i]);
    free(t->files);
    memset(t, 0, sizeof *t);
}

void scenario_text_where(const ScenarioText *t, int line, const char **file, int *fline)
{
    if (line >= 1 && line <= t->n_lines) {
        *file = t->files[t->line_file[line - 1]];
        *fline = t->line_no[line - 1];
    } else {
        *file = t->n_files ? t->files[0] : "";
        *fline = 0;
    }
}

typedef struct ScanState {
    int in_block_comment;
    int depth; /* nesting of { ( [ */
} ScanState;

/* Copy one line of source into the expanded text, rewriting dotted names and suffixing top-level
 * names of included files. */
static void scan_line(ScenarioText *t, const char *s, ScanState *st, int included)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (st->in_block_comment) {
            if (s[i] == '*' && s[i + 1] == '/') {
                st->in_block_comment = 0;
                text_puts(t, "*/");
                i += 2;
            } else
                text_putc(t, s[i++]);
            continue;
        }
        const char c = s[i];
        if (c == '#' || (c == '/' && s[i + 1] == '/')) { /* line comment: copy rest */
            text_puts(t, s + i);
            return;
        }
        if (c == '/' && s[i + 1] == '*') {
            st->in_block_comment = 1;
            text_puts(t, "/*");
            i += 2;
            continue;
        }
        if (c == '"') { /* string literal with escapes */
            text_putc(t, s[i++]);
            while (i < n && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < n)
                    text_putc(t, s[i++]);
                text_putc(t, s[i++]);
            }
            if (i < n)
                text_putc(t, s[i++]);
            continue;
        }
        if (c == '{' || c == '(' || c == '[')
            st->depth++;
        if (c == '}' || c == ')' || c == ']')
            st->depth--;
        if (isalpha((unsigned char)c) || c == '*' || c == '_') {
            size_t j = i;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '-' || s[j] == '*' || s[j] == '.'))
                j++;
            size_t k = j;
            while (k < n && isspace((unsigned char)s[k]))
                k++;
            const int is_name = k < n && (s[k] == '=' || s[k] == ':');
            for (size_t m = i; m < j; m++)
                text_putc(t, (is_name && s[m] == '.') ? '*' : s[m]);
            if (is_name && included && st->depth == 0) {
                char suffix[32];
                snprintf(suffix, sizeof suffix, "*-inc%d", t->n_includes);
                text_puts(t, suffix);
            }
            i = j;
            continue;
        }
        text_putc(t, s[i++]);
    }
}

static int expand(ScenarioText *t, const char *path, const char *content, int depth, const char **stack, Error *err,
                  const char *from_file, int from_line)
{
    if (depth > 16)
        return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "@include nested too deeply (cycle?)");
    for (int d = 0; d < depth; d++)
        if (strcmp(stack[d], path) == 0)
            return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "@include \"%s\" includes itself", path);
    char *owned = NULL;
    if (!content) {
        owned = textfile_read(path);
        if (!owned) {
            if (from_file)
                return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "cannot read included file \"%s\"", path);
            return error_set(err, CS_ERR_INPUT, path, 0, "", "cannot read scenario file: %s", strerror(errno));
        }
        content = owned;
    }
    t->files = realloc(t->files, sizeof(char *) * (size_t)(t->n_files + 1));
    t->files[t->n_files] = strdup(path);
    const int file_idx = t->n_files++;
    stack[depth] = t->files[file_idx];
    const int included = depth > 0;
    const int inc_id = t->n_includes;
    ScanState st = {0, 0};
    int line_no = 0, status = CS_OK;
    const char *p = content;
    char *line = NULL;
    size_t line_cap = 0;
    while (*p && status == CS_OK) {
        const char *eol = strchr(p, '\n');
        const size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (n + 1 > line_cap)
            line = realloc(line, line_cap = n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        line_no++;
        const char *q = line;
        while (isspace((unsigned char)*q))
            q++;
        if (!st.in_block_comment && strncmp(q, "@include", 8) == 0) {
            const char *a = strchr(q, '"'), *b = a ? strchr(a + 1, '"') : NULL;
            if (!a || !b) {
                status = error_set(err, CS_ERR_INPUT, path, line_no, "", "malformed @include: expected @include \"file\"");
                break;
            }
            char inc[512], full[1024];
            snprintf(inc, sizeof inc, "%.*s", (int)(b - a - 1), a + 1);
            const char *slash = strrchr(path, '/');
            if (inc[0] == '/' || !slash)
                snprintf(full, sizeof full, "%s", inc);
            else
                snprintf(full, sizeof full, "%.*s/%s", (int)(slash - path), path, inc);
            t->n_includes++;
            status = expand(t, full, NULL, depth + 1, stack, err, path, line_no);
            t->n_includes = t->n_includes > inc_id ? t->n_includes : inc_id;
        } else {
            /* Suffix top-level names with this file's own include number. */
            const int saved = t->n_includes;
            t->n_includes = inc_id;
            scan_line(t, line, &st, included);
            t->n_includes = saved;
            text_putc(t, '\n');
            text_add_line(t, file_idx, line_no);
        }
        p = eol ? eol + 1 : p + n;
    }
    free(line);
    free(owned);
    return status;
}

int scenario_text_expand(ScenarioText *t, const char *path, const char *content, Error *err)
{
    memset(t, 0, sizeof *t);
    const char *stack[20];
    return expand(t, path, content, 0, stack, err, NULL, 0);
}
