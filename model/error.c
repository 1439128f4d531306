/* error.c: error records with file:line:key context (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(Error *err)
{
    memset(err, 0, sizeof *err);
}

int error_set(Error *err, int status, const char *file, int line, const char *key, const char *fmt, ...)
{
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    snprintf(err->key, sizeof err->key, "%s", key ? key : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return status;
}

void error_format(const Error *err, char *buf, unsigned long size)
{
    char where[400] = "";
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", err->file, err->line);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    if (err->key[0])
        snprintf(buf, size, "%s%s: %s", where, err->key, err->msg);
    else
        snprintf(buf, size, "%s%s", where, err->msg);
}
