/* textfile.h: whole text files into memory (scenario files, data files), bounded: only regular
 * files, at most a given size, opened without blocking (a FIFO or device is refused, never read). */
#ifndef CARTELSIM_TEXTFILE_H
#define CARTELSIM_TEXTFILE_H

#include <stddef.h>

/* Scenario and @include files: the largest accepted (16 MiB; real scenarios are a few KiB). */
#define TEXTFILE_SCENARIO_LIMIT ((size_t)16 << 20)
/* Data files (the CSV files of scenarios/data): the largest accepted (256 MiB). */
#define TEXTFILE_DATA_LIMIT ((size_t)256 << 20)

/* Failures other than an errno value (which are positive). */
enum { TEXTFILE_NOT_REGULAR = -1, TEXTFILE_TOO_BIG = -2 };

/** @brief Identity of a file read (device and inode), to recognise the same file by another path. */
typedef struct TextFileId {
    unsigned long long dev, ino;
} TextFileId;

/** @brief Read the regular file at path, at most limit bytes, into a NUL-terminated malloc'd string
 *  (*text, *len bytes; the text may hold NUL bytes of its own, which the caller checks). id, when not
 *  NULL, receives the file's identity. Returns 0, an errno value, TEXTFILE_NOT_REGULAR or
 *  TEXTFILE_TOO_BIG. */
int textfile_load(const char *path, size_t limit, char **text, size_t *len, TextFileId *id);

/** @brief What a textfile_load status means, e.g. "is a directory, not a file". */
const char *textfile_strerror(int status, size_t limit, char *buf, size_t size);

/** @brief The whole file (a regular file up to TEXTFILE_DATA_LIMIT) as a NUL-terminated malloc'd
 *  string, or NULL when unreadable. */
char *textfile_read(const char *path);

#endif
