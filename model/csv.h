/* csv.h: a strict reader for the data files in scenarios/data/ (comma-separated, header row, '#'
 * comment lines, ';' separates list items inside a field, no quoting). Columns are found by header
 * name; every error names file, line and column. */
#ifndef CARTELSIM_CSV_H
#define CARTELSIM_CSV_H

#include "error.h"

typedef struct Csv {
    char path[256];
    char *text;        /* owned copy of the file, split in place */
    int n_cols;
    char **header;     /* n_cols names */
    int n_rows;
    char ***cells;     /* n_rows x n_cols */
    int *line;         /* source line of each row */
} Csv;

/** @brief Parse CSV text (label names it in messages). Fails on ragged rows or an empty header. */
int csv_parse(Csv *c, const char *text, const char *label, Error *err);
/** @brief Index of a required column, or an error naming the file and the missing column. */
int csv_column(const Csv *c, const char *name, Error *err);
/** @brief Cell as a number; error (file:line: column) when empty or not a number. */
int csv_number(const Csv *c, int row, int col, double *v, Error *err);
/** @brief Cell text ("" when empty). */
const char *csv_text(const Csv *c, int row, int col);
/** @brief Release a parsed file. */
void csv_free(Csv *c);

#endif
