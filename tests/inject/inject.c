/* inject.c - an LD_PRELOAD fault-injection shim for the end-to-end tests (tests/cli/t410-inject.sh builds it:
 * cc -shared -fPIC -o inject.so tests/inject/inject.c -ldl).
 *
 * It makes the Nth call of one class of system or library call fail, the way a full disk, a failing device
 * or an exhausted heap would, so that every error path of the program runs for real:
 *
 *   INJECT=CLASS:N      the Nth call (1-based, all threads together) of CLASS fails, and (for write, fsync,
 *                       rename and open) every later call of it too, as on a disk that stays full;
 *                       malloc fails once (a transient shortage).
 *   INJECT_COUNT=FILE   at exit, append "CLASS CALLS" lines to FILE (how many calls a clean run makes, to
 *                       choose the range of N).
 *   INJECT_EACCES=TEXT  open() of a path containing TEXT fails with EACCES (an unreadable file, also as root,
 *                       where chmod 000 does not stop reads).
 *
 * Classes:
 *   write   write(2) to a descriptor > 2, and fwrite/fputs/fputc/putc/fprintf/vfprintf/fflush on a stream that
 *           is not stdout/stderr: fails with ENOSPC (a stdio stream also gets its error flag, as a real failed
 *           write sets it);
 *   fsync   fsync/fdatasync: EIO;
 *   rename  rename/renameat/renameat2: EIO;
 *   malloc  malloc/calloc/realloc called from the main program (not from libc, ICU or PCRE2 internals):
 *           returns NULL with ENOMEM;
 *   open    open/openat for writing or creating (O_WRONLY, O_RDWR or O_CREAT), and mkdir/mkstemp: ENOSPC.
 * Messages to stderr and stdout are never failed, so the program can always say what went wrong.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { C_WRITE, C_FSYNC, C_RENAME, C_MALLOC, C_OPEN, C_N };
static const char *const cname[C_N] = {"write", "fsync", "rename", "malloc", "open"};
static unsigned long counts[C_N];
static long fail_class = -1;
static unsigned long fail_at;
static const char *eacces_text;
static int ready;
static uintptr_t prog_lo, prog_hi; /* executable segment of the main program */

static int
phdr_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            prog_lo = info->dlpi_addr + ph->p_vaddr;
            prog_hi = prog_lo + ph->p_memsz;
        }
    }
    return 1; /* the first object is the main program */
}

__attribute__((constructor)) static void
inject_init(void)
{
    const char *s = getenv("INJECT");
    if (s && *s) {
        for (int c = 0; c < C_N; c++) {
            size_t l = strlen(cname[c]);
            if (strncmp(s, cname[c], l) == 0 && s[l] == ':') {
                fail_class = c;
                fail_at = strtoul(s + l + 1, NULL, 10);
            }
        }
    }
    eacces_text = getenv("INJECT_EACCES");
    dl_iterate_phdr(phdr_cb, NULL);
    ready = 1;
}

/* Does this call fail? Counts the call of class c. */
static int
hit(int c)
{
    if (!ready)
        return 0;
    unsigned long k = __atomic_add_fetch(&counts[c], 1, __ATOMIC_SEQ_CST);
    if (c != fail_class || fail_at == 0)
        return 0;
    return c == C_MALLOC ? k == fail_at : k >= fail_at;
}

static int
from_prog(const void *ret)
{
    return (uintptr_t)ret >= prog_lo && (uintptr_t)ret < prog_hi;
}

#define REAL(name)                                                                                            \
    static __typeof__(&name) real_##name;                                                                      \
    if (!real_##name)                                                                                          \
    real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

/* ---- malloc (glibc's own entry points avoid dlsym recursion) ---- */
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

void *
malloc(size_t n)
{
    if (from_prog(__builtin_return_address(0)) && hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    if (from_prog(__builtin_return_address(0)) && hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    if (from_prog(__builtin_return_address(0)) && hit(C_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

/* ---- writes ---- */
static int
std_stream(FILE *f)
{
    return f == stdout || f == stderr;
}

static void
set_err(FILE *f)
{
    f->_flags |= 0x20; /* glibc _IO_ERR_SEEN: ferror() is now true, as after a real failed write */
    errno = ENOSPC;
}

ssize_t
write(int fd, const void *p, size_t n)
{
    REAL(write);
    if (fd > 2 && hit(C_WRITE)) {
        errno = ENOSPC;
        return -1;
    }
    return real_write(fd, p, n);
}

size_t
fwrite(const void *p, size_t sz, size_t n, FILE *f)
{
    REAL(fwrite);
    if (!std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return 0;
    }
    return real_fwrite(p, sz, n, f);
}

int
fputs(const char *s, FILE *f)
{
    REAL(fputs);
    if (!std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return EOF;
    }
    return real_fputs(s, f);
}

int
fputc(int c, FILE *f)
{
    REAL(fputc);
    if (!std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return EOF;
    }
    return real_fputc(c, f);
}

int
putc(int c, FILE *f)
{
    REAL(putc);
    if (!std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return EOF;
    }
    return real_putc(c, f);
}

int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
    REAL(vfprintf);
    if (!std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return -1;
    }
    return real_vfprintf(f, fmt, ap);
}

int
fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int
fflush(FILE *f)
{
    REAL(fflush);
    if (f && !std_stream(f) && hit(C_WRITE)) {
        set_err(f);
        return EOF;
    }
    return real_fflush(f);
}

/* ---- fsync, rename ---- */
int
fsync(int fd)
{
    REAL(fsync);
    if (hit(C_FSYNC)) {
        errno = EIO;
        return -1;
    }
    return real_fsync(fd);
}

int
fdatasync(int fd)
{
    REAL(fdatasync);
    if (hit(C_FSYNC)) {
        errno = EIO;
        return -1;
    }
    return real_fdatasync(fd);
}

int
rename(const char *a, const char *b)
{
    REAL(rename);
    if (hit(C_RENAME)) {
        errno = EIO;
        return -1;
    }
    return real_rename(a, b);
}

int
renameat(int da, const char *a, int db, const char *b)
{
    REAL(renameat);
    if (hit(C_RENAME)) {
        errno = EIO;
        return -1;
    }
    return real_renameat(da, a, db, b);
}

int
renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
    REAL(renameat2);
    if (hit(C_RENAME)) {
        errno = EIO;
        return -1;
    }
    return real_renameat2(da, a, db, b, flags);
}

/* ---- open, mkdir, mkstemp ---- */
static int
open_fails(const char *path, int flags)
{
    if (eacces_text && *eacces_text && path && strstr(path, eacces_text)) {
        errno = EACCES;
        return 1;
    }
    if ((flags & (O_WRONLY | O_RDWR | O_CREAT)) && hit(C_OPEN)) {
        errno = ENOSPC;
        return 1;
    }
    return 0;
}

int
open(const char *path, int flags, ...)
{
    REAL(open);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    if (open_fails(path, flags))
        return -1;
    return real_open(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
    REAL(open64);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    if (open_fails(path, flags))
        return -1;
    return real_open64(path, flags, mode);
}

int
openat(int dir, const char *path, int flags, ...)
{
    REAL(openat);
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    if (open_fails(path, flags))
        return -1;
    return real_openat(dir, path, flags, mode);
}

FILE *
fopen(const char *path, const char *mode)
{
    REAL(fopen);
    int flags = strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+') ? O_WRONLY : 0;
    if (open_fails(path, flags))
        return NULL;
    return real_fopen(path, mode);
}

FILE *
fopen64(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int
mkdir(const char *path, mode_t mode)
{
    REAL(mkdir);
    if (hit(C_OPEN)) {
        errno = ENOSPC;
        return -1;
    }
    return real_mkdir(path, mode);
}

int
mkstemp(char *tmpl)
{
    REAL(mkstemp);
    if (hit(C_OPEN)) {
        errno = ENOSPC;
        return -1;
    }
    return real_mkstemp(tmpl);
}

__attribute__((destructor)) static void
inject_fini(void)
{
    const char *path = getenv("INJECT_COUNT");
    if (!path || !*path)
        return;
    REAL(open);
    REAL(write);
    int fd = real_open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0)
        return;
    char buf[256];
    int n = 0;
    for (int c = 0; c < C_N; c++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%s %lu\n", cname[c], counts[c]);
    (void)real_write(fd, buf, (size_t)n);
    close(fd);
}
