/* atomic.c - temporary file + fsync + rename (see tt/atomic.h); gzip through a fopencookie stream. */
#include "tt/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static ssize_t
gz_write(void *cookie, const char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t chunk = n - done > (1u << 30) ? (1u << 30) : n - done;
        int w = gzwrite((gzFile)cookie, buf + done, (unsigned)chunk);
        if (w <= 0) {
            errno = EIO;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)w;
    }
    return (ssize_t)n;
}

static int
gz_close(void *cookie)
{
    int r = gzclose((gzFile)cookie);
    if (r != Z_OK) {
        if (r != Z_ERRNO)
            errno = EIO;
        return -1;
    }
    return 0;
}

static char *
dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Creates the temporary file "<dir>.<base>.tmp.XXXXXX" with mode 0666, so that the kernel applies the process
 * umask as for any ordinary file (never umask(): it is process-wide, and reading it with umask(0); umask(um)
 * from worker threads races and leaves files 0666). mkstemp would make the file 0600 and need a chmod. The
 * suffix comes from a process-wide counter, the thread's stack address and the clock; O_EXCL makes a clash a
 * retry, never a shared file. Returns the descriptor or -1 (errno set). */
static int
make_temp(char *tmp, size_t tl, size_t dirlen, const char *path, const char *base)
{
    static _Atomic unsigned long counter;
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long v = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 20) ^
                               ((unsigned long long)(uintptr_t)&ts << 7) ^
                               ((unsigned long long)getpid() << 32) ^ (++counter * 0x9E3779B97F4A7C15ull);
        char suf[7];
        for (int i = 0; i < 6; i++) {
            suf[i] = digits[v % 62];
            v /= 62;
        }
        suf[6] = 0;
        snprintf(tmp, tl, "%.*s.%s.tmp.%s", (int)dirlen, path, base, suf);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

enum { ATOMIC_BUF = 64 * 1024 };

static void
zero(tt_atomic *a)
{
    memset(a, 0, sizeof *a);
    a->fd = -1;
}

int
tt_atomic_open(tt_atomic *a, const char *path, tt_error *err)
{
    return tt_atomic_open_flags(a, path, 0, err);
}

int
tt_atomic_open_flags(tt_atomic *a, const char *path, int flags, tt_error *err)
{
    zero(a);
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t tl = strlen(path) + 16;
    char *tmp = malloc(tl);
    char *fin = dup_str(path);
    if (!tmp || !fin) {
        free(tmp);
        free(fin);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    int fd = make_temp(tmp, tl, dirlen, path, base);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(fin);
        if (err)
            err->sys_errno = e;
        tt_error_set(err, TT_EIO, "cannot create a temporary file for this file");
        return tt_error_at(err, path, 0, 0);
    }
    FILE *f = NULL;
    gzFile gz = NULL;
    if (flags & TT_ATOMIC_GZIP) {
        int fd2 = dup(fd);
        gz = fd2 >= 0 ? gzdopen(fd2, "wb6") : NULL;
        if (!gz && fd2 >= 0)
            close(fd2);
        if (gz) {
            cookie_io_functions_t io = {NULL, gz_write, NULL, gz_close};
            f = fopencookie(gz, "w", io);
            if (!f)
                gzclose(gz);
        }
    } else {
        int fd2 = dup(fd);
        f = fd2 >= 0 ? fdopen(fd2, "w") : NULL;
        if (!f && fd2 >= 0)
            close(fd2);
    }
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        free(fin);
        if (err)
            err->sys_errno = e;
        tt_error_set(err, TT_EIO, "cannot open a temporary file for this file");
        return tt_error_at(err, path, 0, 0);
    }
    /* a 64 KiB buffer, not stdio's 4 KiB: a 9 MB hits.tsv in 140 writes, not 2,100 (each a system call) */
    a->buf = malloc(ATOMIC_BUF);
    if (a->buf)
        setvbuf(f, a->buf, _IOFBF, ATOMIC_BUF);
    a->f = f;
    a->fd = fd;
    a->gz = gz;
    a->tmp = tmp;
    a->path = fin;
    a->flags = flags;
    return 0;
}

static void
sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *d = slash ? malloc((size_t)(slash - path) + 2) : NULL;
    if (slash && !d)
        return;
    if (d) {
        memcpy(d, path, (size_t)(slash - path) + 1);
        d[slash - path + 1] = 0;
    }
    int fd = open(d ? d : ".", O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(d);
}

int
tt_atomic_commit(tt_atomic *a, tt_error *err)
{
    if (!a->f)
        return tt_error_set(err, TT_EUSAGE, "commit of a file that is not open");
    int bad = ferror(a->f) != 0;
    int e = bad ? EIO : 0;
    if (fclose(a->f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    a->f = NULL;
    free(a->buf);
    a->buf = NULL;
    int staged = (a->flags & (TT_ATOMIC_STAGED | TT_ATOMIC_UNSYNCED)) != 0;
    if (!bad && staged) {
#ifdef SYNC_FILE_RANGE_WRITE
        (void)sync_file_range(a->fd, 0, 0, SYNC_FILE_RANGE_WRITE); /* a head start for tt_install_dir's fsync */
#endif
    } else if (!bad && fsync(a->fd) != 0) {
        bad = 1;
        e = errno;
    }
    if (close(a->fd) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    a->fd = -1;
    if (!bad && rename(a->tmp, a->path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        unlink(a->tmp);
        if (err)
            err->sys_errno = e;
        tt_error_set(err, TT_EIO, "cannot write this file");
        tt_error_at(err, a->path, 0, 0);
    } else if (!staged) {
        sync_dir(a->path);
    }
    free(a->tmp);
    free(a->path);
    zero(a);
    return bad ? TT_EIO : 0;
}

void
tt_atomic_writeback(tt_atomic *a)
{
    if (!a->f || fflush(a->f) != 0)
        return;
#ifdef SYNC_FILE_RANGE_WRITE
    (void)sync_file_range(a->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

void
tt_atomic_abort(tt_atomic *a)
{
    if (a->f)
        fclose(a->f);
    free(a->buf);
    if (a->fd >= 0 && a->tmp)
        close(a->fd);
    if (a->tmp)
        unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    zero(a);
}
