/* fs.c - the filesystem helpers of a run (see tt/fs.h): folder trees, parents, absolute paths, and the atomic
 * installation of a finished output folder. */
#include "tt/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

int
tt_rmtree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : TT_EIO;
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : TT_EIO;
}

int
tt_mkparents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return TT_EIO;
        *p = '/';
    }
    return 0;
}

int
tt_abspath(const char *p, char *out, size_t n)
{
    char buf[8192];
    if (p[0] == '/') {
        snprintf(buf, sizeof buf, "%s", p);
    } else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            return -1;
        snprintf(buf, sizeof buf, "%s/%s", cwd, p);
    }
    /* resolve the longest existing prefix with realpath, keep the rest */
    char *parts[512];
    size_t np = 0;
    for (char *t = strtok(buf, "/"); t && np < 512; t = strtok(NULL, "/")) {
        if (!strcmp(t, "."))
            continue;
        if (!strcmp(t, "..")) {
            if (np)
                np--;
            continue;
        }
        parts[np++] = t;
    }
    char cur[8192] = "";
    size_t k = 0;
    for (; k < np; k++) {
        char next[8192 + 8192], real[PATH_MAX];
        snprintf(next, sizeof next, "%s/%s", cur, parts[k]);
        if (!realpath(next, real))
            break;
        snprintf(cur, sizeof cur, "%s", strcmp(real, "/") ? real : "");
    }
    for (; k < np; k++) {
        size_t l = strlen(cur);
        snprintf(cur + l, sizeof cur - l, "/%s", parts[k]);
    }
    if (!cur[0])
        strcpy(cur, "/");
    if (strlen(cur) >= n)
        return -1;
    strcpy(out, cur);
    return 0;
}

/* fsync of the folder holding path, so that a rename into it survives a crash of the machine. */
static void
sync_parent(const char *path)
{
    char d[4200];
    snprintf(d, sizeof d, "%s", path);
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '/')
        d[--n] = 0;
    char *slash = strrchr(d, '/');
    if (!slash)
        snprintf(d, sizeof d, ".");
    else if (slash == d)
        d[1] = 0;
    else
        *slash = 0;
    int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

void
tt_clean_stale(const char *out)
{
    char dir[4096], base[1024];
    const char *slash = strrchr(out, '/');
    if (slash) {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - out), out);
        snprintf(base, sizeof base, "%s", slash + 1);
    } else {
        snprintf(dir, sizeof dir, ".");
        snprintf(base, sizeof base, "%s", out);
    }
    if (!dir[0])
        snprintf(dir, sizeof dir, "/");
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t bl = strlen(base);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, base, bl) != 0 || strncmp(e->d_name + bl, ".tmp-", 5) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + bl + 5, &end, 10);
        if (*end || pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours to remove: a live run, or not a name we make */
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        tt_rmtree(path);
    }
    closedir(d);
}

/* tt_sync_tree's walk (nftw's callback has no context): the entries below the folder, in the walk's order (a
 * folder after what it holds), or the first that could not be listed. */
typedef struct sync_entry_t {
    char *path;
    int dir;
    int err; /* errno of its fsync, 0 when done well */
} sync_entry_t;
static _Thread_local struct {
    sync_entry_t *e;
    size_t n, cap;
    int nomem;
} walk;

static int
list_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag != FTW_F && flag != FTW_DP && flag != FTW_D)
        return 0; /* a symbolic link or what cannot be read: nothing of ours to sync */
    if (walk.n == walk.cap) {
        size_t cap = walk.cap ? 2 * walk.cap : 32;
        sync_entry_t *e = realloc(walk.e, cap * sizeof *e);
        if (!e) {
            walk.nomem = 1;
            return 1;
        }
        walk.e = e;
        walk.cap = cap;
    }
    sync_entry_t *e = &walk.e[walk.n];
    e->dir = flag != FTW_F;
    e->err = 0;
    if (!(e->path = strdup(p))) {
        walk.nomem = 1;
        return 1;
    }
    walk.n++;
    return 0;
}

static int
sync_one(sync_entry_t *e)
{
    int fd = open(e->path, O_RDONLY | O_CLOEXEC | (e->dir ? O_DIRECTORY : 0));
    int bad = fd < 0 || fsync(fd) != 0;
    int x = errno;
    if (fd >= 0 && close(fd) != 0 && !bad) {
        bad = 1;
        x = errno;
    }
    e->err = bad ? (x ? x : EIO) : 0;
    return bad;
}

/* The files' fsyncs, several at once: each mostly waits for the disk, and the filesystem's journal commits the
 * ones that wait together in one go (an output folder of 15 files: 1.6 -> 1.1 ms on this VM's ext4). */
typedef struct sync_pool {
    sync_entry_t *e;
    size_t n, next; /* next: the next entry to take (atomic) */
} sync_pool;

static void *
sync_files(void *arg)
{
    sync_pool *p = arg;
    for (;;) {
        size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
        if (i >= p->n)
            return NULL;
        if (!p->e[i].dir)
            sync_one(&p->e[i]);
    }
}

#define SYNC_THREADS 4

int
tt_sync_tree(const char *dir, tt_error *err)
{
    walk.e = NULL;
    walk.n = walk.cap = 0;
    walk.nomem = 0;
    /* depth first: a folder after what it holds */
    int r = nftw(dir, list_entry, 16, FTW_DEPTH | FTW_PHYS);
    int walk_errno = errno;
    sync_entry_t *e = walk.e;
    size_t n = walk.n;
    walk.e = NULL;
    const char *bad = NULL;
    int bad_errno = 0;
    if (r != 0 && walk.nomem) {
        for (size_t i = 0; i < n; i++)
            free(e[i].path);
        free(e);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    if (r != 0) {
        bad = dir;
        bad_errno = walk_errno;
    } else {
        sync_pool pool = {e, n, 0};
        pthread_t th[SYNC_THREADS - 1];
        size_t nth = 0, nfiles = 0;
        for (size_t i = 0; i < n; i++)
            nfiles += !e[i].dir;
        while (nth + 1 < SYNC_THREADS && nth + 1 < nfiles && pthread_create(&th[nth], NULL, sync_files, &pool) == 0)
            nth++;
        sync_files(&pool); /* this thread too: without helpers, it does all */
        for (size_t t = 0; t < nth; t++)
            pthread_join(th[t], NULL);
        /* then the folders, in the walk's order (each after what it holds); the first failure reported is the
           first in that order, whichever thread met it */
        for (size_t i = 0; i < n; i++)
            if (e[i].dir)
                sync_one(&e[i]);
        for (size_t i = 0; i < n && !bad; i++)
            if (e[i].err) {
                bad = e[i].path;
                bad_errno = e[i].err;
            }
    }
    int rc = 0;
    if (bad) {
        if (err)
            err->sys_errno = bad_errno;
        tt_error_set(err, TT_EIO, "cannot write this file to disk (the disk may be full)");
        rc = tt_error_at(err, bad, 0, 0);
    }
    for (size_t i = 0; i < n; i++)
        free(e[i].path);
    free(e);
    return rc;
}

int
tt_make_staging(const char *out, char *tmp, size_t n, tt_error *err)
{
    tmp[0] = 0;
    if (tt_mkparents(out)) {
        tt_error_set(err, TT_EIO, "cannot create the output's parent folders");
        return tt_error_at(err, out, 0, 0);
    }
    tt_clean_stale(out);
    snprintf(tmp, n, "%s.tmp-%ld", out, (long)getpid());
    tt_rmtree(tmp);
    if (mkdir(tmp, 0777) != 0) {
        tt_error_set(err, TT_EIO, "cannot create the output folder");
        tt_error_at(err, tmp, 0, 0);
        tmp[0] = 0;
        return TT_EIO;
    }
    return 0;
}

int
tt_install_dir(const char *tmp, const char *out, tt_error *err)
{
    int rc = tt_sync_tree(tmp, err);
    if (rc)
        return rc;
    struct stat st;
    if (stat(out, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            tt_error_set(err, TT_EIO, "output exists and is not a folder");
            return tt_error_at(err, out, 0, 0);
        }
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
            tt_error_set(err, TT_EIO, "cannot swap the new output into place");
            return tt_error_at(err, out, 0, 0);
        }
        sync_parent(out);
        tt_rmtree(tmp); /* now holds the previous output */
        return 0;
    }
    if (rename(tmp, out) != 0) {
        tt_error_set(err, TT_EIO, "cannot rename the new output into place");
        return tt_error_at(err, out, 0, 0);
    }
    sync_parent(out);
    return 0;
}

