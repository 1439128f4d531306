/* textfile.h: whole text files into memory (scenario files, data files). */
#ifndef CARTELSIM_TEXTFILE_H
#define CARTELSIM_TEXTFILE_H

/** @brief The whole file as a NUL-terminated malloc'd string, or NULL (errno set) when unreadable. */
char *textfile_read(const char *path);

#endif
