/* error.h: errors are values. Library functions return a status and fill an Error with the
 * file, line and key at fault; only the command's main prints and chooses the exit status. */
#ifndef CARTELSIM_ERROR_H
#define CARTELSIM_ERROR_H

enum {
    CS_OK = 0,
    CS_ERR_RUNTIME = 1, /* I/O failure, library failure, interruption: exit status 1 */
    CS_ERR_INPUT = 2    /* bad usage or bad input: exit status 2 */
};

typedef struct Error {
    int status;        /* CS_OK or one of the CS_ERR_* codes */
    char file[256];    /* file at fault, "" when none */
    int line;          /* line in that file, 0 when unknown */
    char key[128];     /* parameter or setting path at fault, "" when none */
    char msg[768];     /* what is wrong and, where it helps, what would be valid */
} Error;

/** @brief Reset an error record to "no error". */
void error_clear(Error *err);

/** @brief Fill err (status, file, line, key) with a printf-style message; returns status. */
int error_set(Error *err, int status, const char *file, int line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/** @brief Format "file:line: key: message" (parts omitted when empty) into buf. */
void error_format(const Error *err, char *buf, unsigned long size);

#endif
