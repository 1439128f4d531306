/* h5file.h: the result file's bytes on disk: the temporary file of this process, the space a
 * streamed run's file needs reserved before HDF5 writes it, the sync before the rename. Every
 * failure (disk full, quota, file size limit, I/O) is a message naming the file, never a crash. */
#ifndef CARTELSIM_H5FILE_H
#define CARTELSIM_H5FILE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/** @brief Write a file image built in memory to tmp (created here, exclusively) and sync it. */
int h5file_write_image(Error *err, const char *path, const char *tmp, const unsigned char *image, size_t size, int *created);

/** @brief Create tmp exclusively for this process (*created = 1) and keep it open in *fd. */
int h5file_create(Error *err, const char *path, const char *tmp, int *fd, int *created);

/** @brief Reserve `bytes` of disk for the open file fd (its size unchanged) and check the process's
 *  file size limit, so that writes up to that size cannot fail for want of space. */
int h5file_reserve(Error *err, const char *path, const char *tmp, int fd, uint64_t bytes);

/** @brief fsync fd (the file complete before the rename makes it visible). */
int h5file_sync(Error *err, const char *path, const char *tmp, int fd);

#endif
