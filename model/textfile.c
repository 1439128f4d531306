/* textfile.c: whole text files into memory, bounded (see textfile.h). */
#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int textfile_load(const char *path, size_t limit, char **text, size_t *len, TextFileId *id)
{
    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO without a writer must not wait; nothing but a regular file is read. */
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno ? errno : EIO;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        const int e = errno;
        close(fd);
        return e;
    }
    if (S_ISDIR(sb.st_mode)) {
        close(fd);
        return EISDIR;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return TEXTFILE_NOT_REGULAR;
    }
    if ((unsigned long long)sb.st_size > (unsigned long long)limit) {
        close(fd);
        return TEXTFILE_TOO_BIG;
    }
    if (id) {
        id->dev = (unsigned long long)sb.st_dev;
        id->ino = (unsigned long long)sb.st_ino;
    }
    /* Read to the end, which may differ from the size seen (a file being written), never past limit. */
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    char *s = malloc(cap + 1);
    if (!s) {
        close(fd);
        return ENOMEM;
    }
    for (;;) {
        if (n == cap) {
            if (cap > limit) {
                free(s);
                close(fd);
                return TEXTFILE_TOO_BIG;
            }
            char *g = realloc(s, 2 * cap + 1);
            if (!g) {
                free(s);
                close(fd);
                return ENOMEM;
            }
            s = g;
            cap *= 2;
        }
        const ssize_t r = read(fd, s + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            const int e = errno;
            free(s);
            close(fd);
            return e;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > limit) {
        free(s);
        return TEXTFILE_TOO_BIG;
    }
    s[n] = '\0';
    *text = s;
    *len = n;
    return 0;
}

const char *textfile_strerror(int status, size_t limit, char *buf, size_t size)
{
    if (status == EISDIR)
        snprintf(buf, size, "is a directory, not a file");
    else if (status == TEXTFILE_NOT_REGULAR)
        snprintf(buf, size, "is not a regular file (a FIFO, device or socket is not read)");
    else if (status == TEXTFILE_TOO_BIG)
        snprintf(buf, size, "is larger than the limit of %zu MiB", limit >> 20);
    else
        snprintf(buf, size, "%s", strerror(status));
    return buf;
}

char *textfile_read(const char *path)
{
    char *s;
    size_t n;
    const int st = textfile_load(path, TEXTFILE_DATA_LIMIT, &s, &n, NULL);
    if (st)
        errno = st > 0 ? st : EINVAL;
    return st ? NULL : s;
}
