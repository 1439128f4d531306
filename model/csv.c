/* csv.c: strict CSV for cartelsim's data files (see csv.h). */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* Split a line in place at commas; returns the number of fields (at most max). */
static int split(char *line, char **out, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (n < max)
            out[n] = trim(p);
        n++;
        if (!comma)
            return n;
        p = comma + 1;
    }
}

int csv_parse(Csv *c, const char *text, const char *label, Error *err)
{
    memset(c, 0, sizeof *c);
    snprintf(c->path, sizeof c->path, "%s", label);
    c->text = strdup(text);
    char *p = c->text;
    int line_no = 0, cap = 0;
    while (*p) {
        char *eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        line_no++;
        char *line = trim(p);
        p = eol ? eol + 1 : p + strlen(p);
        if (!*line || *line == '#')
            continue;
        if (!c->header) {
            char *tmp[256];
            c->n_cols = split(line, tmp, 256);
            c->header = malloc(sizeof(char *) * (size_t)c->n_cols);
            memcpy(c->header, tmp, sizeof(char *) * (size_t)c->n_cols);
            continue;
        }
        if (c->n_rows == cap) {
            cap = cap ? 2 * cap : 64;
            c->cells = realloc(c->cells, sizeof(char **) * (size_t)cap);
            c->line = realloc(c->line, sizeof(int) * (size_t)cap);
        }
        char **row = malloc(sizeof(char *) * (size_t)c->n_cols);
        const int n = split(line, row, c->n_cols);
        c->cells[c->n_rows] = row;
        c->line[c->n_rows++] = line_no;
        if (n != c->n_cols)
            return error_set(err, CS_ERR_INPUT, label, line_no, "", "%d fields where the header has %d columns", n,
                             c->n_cols);
    }
    if (!c->header)
        return error_set(err, CS_ERR_INPUT, label, 0, "", "no header row");
    return CS_OK;
}

int csv_column(const Csv *c, const char *name, Error *err)
{
    for (int i = 0; i < c->n_cols; i++)
        if (strcmp(c->header[i], name) == 0)
            return i;
    error_set(err, CS_ERR_INPUT, c->path, 0, name, "missing column (the header must name it)");
    return -1;
}

const char *csv_text(const Csv *c, int row, int col)
{
    return c->cells[row][col];
}

int csv_number(const Csv *c, int row, int col, double *v, Error *err)
{
    const char *s = c->cells[row][col];
    char *end;
    *v = strtod(s, &end);
    if (!*s || *end)
        return error_set(err, CS_ERR_INPUT, c->path, c->line[row], c->header[col], "\"%s\" is not a number", s);
    return CS_OK;
}

void csv_free(Csv *c)
{
    for (int i = 0; i < c->n_rows; i++)
        free(c->cells[i]);
    free(c->cells);
    free(c->line);
    free(c->header);
    free(c->text);
    memset(c, 0, sizeof *c);
}
