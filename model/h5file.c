/* h5file.c: the result file's bytes on disk (see h5file.h). */
#define _GNU_SOURCE /* fallocate */
#include "h5file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Write the file image to the temporary file (created here, exclusively) and sync it to disk before
 * the rename makes it visible. Every failure (disk full, quota, I/O) is a message, never a crash. */
int h5file_write_image(Error *err, const char *path, const char *tmp, const unsigned char *image, size_t size, int *created)
{
    const int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot create %s: %s", tmp, strerror(errno));
    *created = 1;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = write(fd, image + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int e = n < 0 ? errno : ENOSPC;
            close(fd);
            return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write %s (%zu of %zu bytes written): %s", tmp, done, size,
                             strerror(e));
        }
        done += (size_t)n;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        const int e = errno;
        close(fd);
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot sync %s to disk: %s", tmp, strerror(e));
    }
    if (close(fd) != 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot close %s: %s", tmp, strerror(errno));
    return CS_OK;
}


int h5file_create(Error *err, const char *path, const char *tmp, int *fd, int *created)
{
    *fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (*fd < 0)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot create %s: %s", tmp, strerror(errno));
    *created = 1;
    return CS_OK;
}

int h5file_reserve(Error *err, const char *path, const char *tmp, int fd, uint64_t bytes)
{
    const double mb = (double)bytes / 1048576.0;
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY && (uint64_t)lim.rlim_cur < bytes)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write %s: the file may need %.1f MB, above this process's "
                         "file size limit (ulimit -f) of %.1f MB", tmp, mb, (double)lim.rlim_cur / 1048576.0);
    if (fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)bytes) == 0)
        return CS_OK;
    const int e = errno;
    if (e != EOPNOTSUPP && e != ENOSYS && e != EINVAL)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot reserve %.1f MB for %s: %s", mb, tmp, strerror(e));
    /* a file system without fallocate: the free space, checked once (another writer may still take it) */
    struct statvfs v;
    if (fstatvfs(fd, &v) == 0 && (uint64_t)v.f_bavail * (uint64_t)v.f_frsize < bytes)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot write %s: the file may need %.1f MB and %.1f MB are free",
                         tmp, mb, (double)v.f_bavail * (double)v.f_frsize / 1048576.0);
    return CS_OK;
}

int h5file_sync(Error *err, const char *path, const char *tmp, int fd)
{
    if (fsync(fd) != 0 && errno != EINVAL)
        return error_set(err, CS_ERR_RUNTIME, path, 0, "", "cannot sync %s to disk: %s", tmp, strerror(errno));
    return CS_OK;
}
