/* scenario_text.h: a scenario file's text with @include expanded and dotted names rewritten for
 * libconfig, plus the map from each expanded line back to its file and line (for messages). Used by
 * scenario.c; the rules are described in scenario_text.c. */
#ifndef CARTELSIM_SCENARIO_TEXT_H
#define CARTELSIM_SCENARIO_TEXT_H

#include <stddef.h>

#include "error.h"
#include "textfile.h"

/* Bounds of a scenario (with scenario files limited to TEXTFILE_SCENARIO_LIMIT bytes, textfile.h). */
#define SCENARIO_TEXT_MAX_DEPTH 32          /* nesting of groups and lists */
#define SCENARIO_TEXT_MAX_INCLUDE_DEPTH 16  /* @include within @include */
#define SCENARIO_TEXT_MAX_SETTINGS 2048     /* settings directly in one group (the root: over all files) */

typedef struct ScenarioText {
    char *buf; /* the expanded text (NULL when empty) */
    size_t len, cap;
    int n_lines, cap_lines;
    int *line_file; /* index into files[] */
    int *line_no;
    char **files;
    TextFileId *ids; /* identity of each file read (dev 0, ino 0 for a text given as a string) */
    int n_files;
    int n_includes;
} ScenarioText;

/** @brief Expand the scenario at path (its text is content, or read from path when content is NULL)
 *  into t, which is initialised here. On error fills err (file:line) and returns CS_ERR_INPUT; t must
 *  be freed (scenario_text_free) either way. */
int scenario_text_expand(ScenarioText *t, const char *path, const char *content, Error *err);

/** @brief Map a line of the expanded text (1-based) back to its file and line (0 when unknown). */
void scenario_text_where(const ScenarioText *t, int line, const char **file, int *fline);

/** @brief Release t's memory and reset it. */
void scenario_text_free(ScenarioText *t);

#endif
