/* scenario_text.c: the preprocessor that runs before libconfig reads a scenario (see scenario_text.h).
 *
 * libconfig (1.5, Debian 12) neither accepts dots in setting names nor lets the caller resolve
 * @include, so this expands @include itself (relative to the including file, with cycle detection by
 * file identity), keeps a map from each line of the expanded text back to (file, line) for messages,
 * and rewrites a dotted setting name `a.b.c =` as `a*b*c =` ('*' is legal in libconfig names).
 * Top-level names of included files get a suffix `*-incN`, so that several files may each hold a
 * `demand` group or a `policy` list; the tree walk (scenario.c) drops components that start with '-'.
 *
 * It also refuses, with file, line and key, what libconfig 1.5 would read wrongly or silently:
 * NUL and control bytes, an unclosed block comment, string or bracket, a stray backslash, `nan` and
 * `inf`, the same parameter set twice in one file (whether spelt dotted or grouped), integers
 * outside the 64-bit range (those outside 32 bits get libconfig's `L` suffix, which 1.5 needs to
 * read them whole), nesting deeper than SCENARIO_TEXT_MAX_DEPTH and groups of more than
 * SCENARIO_TEXT_MAX_SETTINGS settings (libconfig searches a group for duplicates at every insertion,
 * so the bound keeps parsing linear in the file's length). Every step is one pass over the text. */
#include "scenario_text.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static void text_putn(ScenarioText *t, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        text_putc(t, s[i]);
}

static void text_puts(ScenarioText *t, const char *s)
{
    text_putn(t, s, strlen(s));
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
    free(t->ids);
    memset(t, 0, sizeof *t);
}

void scenario_text_where(const ScenarioText *t, int line, const char **file, int *fline)
{
    if (line >= 1 && line <= t->n_lines) {
        *file = t->files[t->line_file[line - 1]];
        *fline = t->line_no[line - 1];
    } else if (line > t->n_lines && t->n_lines > 0) { /* past the end: the last line read */
        *file = t->files[t->line_file[t->n_lines - 1]];
        *fline = t->line_no[t->n_lines - 1];
    } else {
        *file = t->n_files ? t->files[0] : "";
        *fline = 0;
    }
}

/* ---- settings seen: duplicates in one file, whatever the spelling ---------------------------- */

typedef struct Seen {
    char *key;
    int line;
} Seen;

typedef struct SeenSet {
    Seen *slots;
    size_t cap, n;
} SeenSet;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Insert key; returns the line of an earlier insertion of the same key, or 0. */
static int seen_insert(SeenSet *set, const char *key, int line)
{
    if (2 * (set->n + 1) > set->cap) {
        const size_t cap = set->cap ? 2 * set->cap : 1024;
        Seen *slots = calloc(cap, sizeof(Seen));
        if (!slots)
            return 0;
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i].key) {
                size_t j = hash_str(set->slots[i].key) & (cap - 1);
                while (slots[j].key)
                    j = (j + 1) & (cap - 1);
                slots[j] = set->slots[i];
            }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t j = hash_str(key) & (set->cap - 1);
    while (set->slots[j].key) {
        if (strcmp(set->slots[j].key, key) == 0)
            return set->slots[j].line;
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j].key = strdup(key);
    set->slots[j].line = line;
    set->n++;
    return 0;
}

static void seen_free(SeenSet *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i].key);
    free(set->slots);
    memset(set, 0, sizeof *set);
}

/* ---- the scanner --------------------------------------------------------------------------- */

typedef struct Frame {
    char path[256]; /* canonical dotted path of the group or list ("" for the root) */
    int list;       /* a list ( ) or array [ ]: elements without names */
    int elem;       /* next element number in a list */
    int count;      /* settings directly in this group */
    int line;       /* where it opened */
    char open;
} Frame;

/* One expansion: the text being built, the error record, what every file has set. */
typedef struct Expander {
    ScenarioText *t;
    Error *err;
    SeenSet seen;
    size_t total_bytes;
    int root_count; /* settings of the libconfig root, over all files (one group for libconfig) */
} Expander;

typedef struct ScanState {
    int in_block_comment, comment_line;
    int depth;
    Frame frames[SCENARIO_TEXT_MAX_DEPTH + 1];
    char pending[256]; /* canonical path of the last setting name, until its value ends */
    int have_pending;
} ScanState;

/* A setting name's canonical form: '*' as '.', parts that start with '-' dropped. */
static void canonical_join(char *out, size_t size, const char *prefix, const char *name, size_t n)
{
    snprintf(out, size, "%s", prefix);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && name[j] != '.' && name[j] != '*')
            j++;
        if (j > i && name[i] != '-') {
            const size_t len = strlen(out);
            snprintf(out + len, size - len, "%s%.*s", len ? "." : "", (int)(j - i), name + i);
        }
        i = j + 1;
    }
}

static const char *current_key(const ScanState *st)
{
    return st->have_pending ? st->pending : st->frames[st->depth].path;
}

/* A number token at s[i] (sign included): floats are copied, integers checked against the 64-bit
 * range and given libconfig's L suffix when they do not fit 32 bits. Returns the index after it, or
 * 0 after setting err. */
static size_t scan_number(Expander *x, const char *s, size_t i, size_t n, const ScanState *st, const char *path, int line_no)
{
    ScenarioText *t = x->t;
    size_t j = i;
    if (s[j] == '-' || s[j] == '+')
        j++;
    int hex = 0, is_float = 0;
    if (s[j] == '0' && (s[j + 1] == 'x' || s[j + 1] == 'X') && isxdigit((unsigned char)s[j + 2])) {
        hex = 1;
        j += 2;
        while (j < n && isxdigit((unsigned char)s[j]))
            j++;
    } else {
        while (j < n && isdigit((unsigned char)s[j]))
            j++;
        if (j < n && s[j] == '.') {
            is_float = 1;
            j++;
            while (j < n && isdigit((unsigned char)s[j]))
                j++;
        }
        if (j < n && (s[j] == 'e' || s[j] == 'E')) {
            size_t k = j + 1;
            if (k < n && (s[k] == '-' || s[k] == '+'))
                k++;
            if (k < n && isdigit((unsigned char)s[k])) {
                is_float = 1;
                j = k;
                while (j < n && isdigit((unsigned char)s[j]))
                    j++;
            }
        }
    }
    if (is_float) {
        text_putn(t, s + i, j - i);
        return j;
    }
    size_t suffix = 0;
    while (j + suffix < n && s[j + suffix] == 'L' && suffix < 2)
        suffix++;
    char num[128];
    if (j - i >= sizeof num) {
        error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st), "integer %.40s... is too long (outside the 64-bit range)",
                  s + i);
        return 0;
    }
    snprintf(num, sizeof num, "%.*s", (int)(j - i), s + i);
    errno = 0;
    char *end = NULL;
    int out_of_range;
    int fits32;
    if (hex && (num[0] == '-' || num[0] == '+')) { /* not a libconfig number: its own syntax error */
        text_putn(t, s + i, j + suffix - i);
        return j + suffix;
    }
    if (hex) { /* libconfig reads hex as unsigned; above INT64_MAX it would turn negative */
        const unsigned long long u = strtoull(num, &end, 16);
        out_of_range = errno == ERANGE || u > (unsigned long long)INT64_MAX;
        fits32 = u <= 0x7fffffffULL;
    } else {
        const long long v = strtoll(num, &end, 10);
        out_of_range = errno == ERANGE;
        fits32 = v >= INT32_MIN && v <= INT32_MAX;
    }
    if (out_of_range) {
        error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st),
                  "integer %s is outside the range of 64-bit integers (-9223372036854775808 to 9223372036854775807)", num);
        return 0;
    }
    text_putn(t, num, strlen(num));
    if (!suffix && !fits32)
        text_putc(t, 'L');
    text_putn(t, s + j, suffix);
    return j + suffix;
}

/* Open a group or list: a frame named by the pending setting, or an element of the enclosing list. */
static int open_frame(Expander *x, ScanState *st, char c, const char *path, int line_no)
{
    if (st->depth >= SCENARIO_TEXT_MAX_DEPTH)
        return error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st), "nested more than %d levels deep",
                         SCENARIO_TEXT_MAX_DEPTH);
    Frame *parent = &st->frames[st->depth], *f = &st->frames[st->depth + 1];
    char fpath[sizeof f->path];
    if (st->have_pending)
        snprintf(fpath, sizeof fpath, "%s", st->pending);
    else if (parent->list)
        snprintf(fpath, sizeof fpath, "%.240s[%d]", parent->path, parent->elem++);
    else
        snprintf(fpath, sizeof fpath, "%s", parent->path);
    memcpy(f->path, fpath, sizeof fpath);
    f->list = c != '{';
    f->elem = 0;
    f->count = 0;
    f->line = line_no;
    f->open = c;
    st->depth++;
    st->have_pending = 0;
    return CS_OK;
}

/* A setting name at the current depth: count it, check it was not set before in this file. */
static int add_name(Expander *x, ScanState *st, const char *name, size_t len, int is_group, int inc_id,
                    const char *path, int line_no)
{
    Frame *f = &st->frames[st->depth];
    canonical_join(st->pending, sizeof st->pending, f->path, name, len);
    st->have_pending = 1;
    int *count = st->depth == 0 ? &x->root_count : &f->count;
    if (++*count > SCENARIO_TEXT_MAX_SETTINGS)
        return error_set(x->err, CS_ERR_INPUT, path, line_no, st->pending,
                         "more than %d settings in one group (a scenario sets each parameter once)", SCENARIO_TEXT_MAX_SETTINGS);
    char key[600];
    if (is_group) /* groups may be reopened under another spelling; the same name twice is libconfig's error */
        snprintf(key, sizeof key, "G%d|%s|%.*s", inc_id, f->path, (int)len, name);
    else
        snprintf(key, sizeof key, "L%d|%s", inc_id, st->pending);
    const int first = seen_insert(&x->seen, key, line_no);
    if (first)
        return error_set(x->err, CS_ERR_INPUT, path, line_no, st->pending,
                         "set twice in this file (first at line %d); set each parameter once", first);
    return CS_OK;
}

/* Copy one line of source into the expanded text, rewriting dotted names, suffixing top-level names
 * of included files and checking what libconfig would misread. */
static int scan_line(Expander *x, const char *s, ScanState *st, int included, int inc_id, const char *path, int line_no)
{
    ScenarioText *t = x->t;
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
            return CS_OK;
        }
        if (c == '/' && s[i + 1] == '*') {
            st->in_block_comment = 1;
            st->comment_line = line_no;
            text_puts(t, "/*");
            i += 2;
            continue;
        }
        if (c == '"') { /* string literal with escapes, ending on its line */
            const size_t start = i;
            text_putc(t, s[i++]);
            while (i < n && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < n)
                    text_putc(t, s[i++]);
                text_putc(t, s[i++]);
            }
            if (i >= n)
                return error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st),
                                 "unterminated string (column %zu): a string ends with \" on the line it starts", start + 1);
            text_putc(t, s[i++]);
            continue;
        }
        if (c == '\\')
            return error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st),
                             "stray backslash (column %zu) outside a string", i + 1);
        if (c == '{' || c == '(' || c == '[') {
            const int e = open_frame(x, st, c, path, line_no);
            if (e)
                return e;
        }
        if (c == '}' || c == ')' || c == ']') {
            const char want = c == '}' ? '{' : c == ')' ? '(' : '[';
            if (st->depth == 0 || st->frames[st->depth].open != want)
                return error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st), "unmatched `%c` (column %zu)", c, i + 1);
            st->depth--;
            st->have_pending = 0;
        }
        if (c == ';' || c == ',')
            st->have_pending = 0;
        if (isdigit((unsigned char)c) || ((c == '-' || c == '+' || c == '.') && isdigit((unsigned char)s[i + 1])) ||
            ((c == '-' || c == '+') && s[i + 1] == '.' && isdigit((unsigned char)s[i + 2]))) {
            i = scan_number(x, s, i, n, st, path, line_no);
            if (!i)
                return x->err->status;
            continue;
        }
        if (isalpha((unsigned char)c) || c == '*' || c == '_') {
            size_t j = i;
            while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '-' || s[j] == '*' || s[j] == '.'))
                j++;
            size_t k = j;
            while (k < n && isspace((unsigned char)s[k]))
                k++;
            const int is_name = k < n && (s[k] == '=' || s[k] == ':');
            if (is_name) {
                size_t v = k + 1;
                while (v < n && isspace((unsigned char)s[v]))
                    v++;
                const int e = add_name(x, st, s + i, j - i, v < n && s[v] == '{', inc_id, path, line_no);
                if (e)
                    return e;
            } else if ((j - i == 3 && (strncasecmp(s + i, "nan", 3) == 0 || strncasecmp(s + i, "inf", 3) == 0)) ||
                       (j - i == 8 && strncasecmp(s + i, "infinity", 8) == 0)) {
                const int sign = i > 0 && (s[i - 1] == '-' || s[i - 1] == '+');
                return error_set(x->err, CS_ERR_INPUT, path, line_no, current_key(st),
                                 "%.*s is not a finite number (parameters take finite values within their range)",
                                 (int)(j - i + (size_t)sign), s + i - sign);
            }
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
    return CS_OK;
}

/* The first NUL or control byte (other than tab, CR, form feed and vertical tab), or n. */
static size_t first_bad_byte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const unsigned char b = (unsigned char)s[i];
        if ((b < 0x20 && b != '\n' && b != '\t' && b != '\r' && b != '\f' && b != '\v') || b == 0x7f)
            return i;
    }
    return n;
}

typedef struct IncludeStack {
    const char *path[SCENARIO_TEXT_MAX_INCLUDE_DEPTH + 2];
    TextFileId id[SCENARIO_TEXT_MAX_INCLUDE_DEPTH + 2];
    int has_id[SCENARIO_TEXT_MAX_INCLUDE_DEPTH + 2];
} IncludeStack;

static int expand(Expander *x, const char *path, const char *content, int depth, IncludeStack *stack,
                  const char *from_file, int from_line)
{
    ScenarioText *t = x->t;
    Error *err = x->err;
    if (depth > SCENARIO_TEXT_MAX_INCLUDE_DEPTH)
        return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "@include nested more than %d files deep",
                         SCENARIO_TEXT_MAX_INCLUDE_DEPTH);
    char *owned = NULL;
    size_t len = 0;
    TextFileId id = {0, 0};
    int has_id = 0;
    if (!content) {
        const int rs = textfile_load(path, TEXTFILE_SCENARIO_LIMIT, &owned, &len, &id);
        if (rs) {
            char why[160];
            textfile_strerror(rs, TEXTFILE_SCENARIO_LIMIT, why, sizeof why);
            if (from_file)
                return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "cannot read included file \"%s\": %s", path, why);
            return error_set(err, CS_ERR_INPUT, path, 0, "", "cannot read scenario file: %s", why);
        }
        has_id = 1;
        content = owned;
    } else
        len = strlen(content);
    for (int d = 0; d < depth; d++)
        if ((has_id && stack->has_id[d] && stack->id[d].dev == id.dev && stack->id[d].ino == id.ino) ||
            strcmp(stack->path[d], path) == 0) {
            free(owned);
            return error_set(err, CS_ERR_INPUT, from_file, from_line, "", "@include \"%s\" is %s itself (a cycle of includes)",
                             path, stack->path[d]);
        }
    x->total_bytes += len;
    if (x->total_bytes > TEXTFILE_SCENARIO_LIMIT) {
        free(owned);
        return error_set(err, CS_ERR_INPUT, from_file ? from_file : path, from_line, "",
                         "the scenario with its included files is larger than the limit of %zu MiB", TEXTFILE_SCENARIO_LIMIT >> 20);
    }
    const size_t bad = first_bad_byte(content, len);
    if (bad < len) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += content[i] == '\n';
        const int b = (unsigned char)content[bad];
        free(owned);
        return error_set(err, CS_ERR_INPUT, path, line, "", "%s byte 0x%02x: not a text file (a scenario is libconfig text)",
                         b ? "control" : "NUL", b);
    }
    t->files = realloc(t->files, sizeof(char *) * (size_t)(t->n_files + 1));
    t->files[t->n_files] = strdup(path);
    t->ids = realloc(t->ids, sizeof(TextFileId) * (size_t)(t->n_files + 1));
    t->ids[t->n_files] = id;
    const int file_idx = t->n_files++;
    stack->path[depth] = t->files[file_idx];
    stack->id[depth] = id;
    stack->has_id[depth] = has_id;
    const int included = depth > 0;
    const int inc_id = t->n_includes;
    ScanState *st = calloc(1, sizeof *st);
    if (!st) {
        free(owned);
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "out of memory");
    }
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
        if (!st->in_block_comment && strncmp(q, "@include", 8) == 0) {
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
            status = expand(x, full, NULL, depth + 1, stack, path, line_no);
            t->n_includes = t->n_includes > inc_id ? t->n_includes : inc_id;
        } else {
            /* Suffix top-level names with this file's own include number. */
            const int saved = t->n_includes;
            t->n_includes = inc_id;
            status = scan_line(x, line, st, included, inc_id, path, line_no);
            t->n_includes = saved;
            text_putc(t, '\n');
            text_add_line(t, file_idx, line_no);
        }
        p = eol ? eol + 1 : p + n;
    }
    if (status == CS_OK && st->in_block_comment)
        status = error_set(err, CS_ERR_INPUT, path, st->comment_line, "", "unclosed /* comment (opened here, no */ before the end of the file)");
    if (status == CS_OK && st->depth > 0) {
        const Frame *f = &st->frames[st->depth];
        status = error_set(err, CS_ERR_INPUT, path, f->line, f->path, "unclosed `%c` (opened here, not closed before the end of the file)",
                           f->open);
    }
    free(st);
    free(line);
    free(owned);
    return status;
}

int scenario_text_expand(ScenarioText *t, const char *path, const char *content, Error *err)
{
    memset(t, 0, sizeof *t);
    Expander x = {t, err, {NULL, 0, 0}, 0, 0};
    IncludeStack stack;
    memset(&stack, 0, sizeof stack);
    const int st = expand(&x, path, content, 0, &stack, NULL, 0);
    seen_free(&x.seen);
    return st;
}
