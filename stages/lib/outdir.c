/* outdir.c - the output-folder and cache-folder guard: markers, emptiness, and overlap with the inputs (see
 * tt/outdir.h). */
#include "tt/outdir.h"

#include "tt/atomic.h"
#include "tt/fs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const marker_name[] = {TT_OUTPUT_MARKER, TT_CACHE_MARKER};
static const char *const marker_line[] = {"termtrace-output 1", "termtrace-cache 1"};
static const char *const marker_text[] = {
    "This folder was written by termtrace (pipeline run or merge, tt-export). The next run into it replaces\n"
    "it as a whole: keep nothing else here. termtrace refuses to replace a non-empty folder without this file.\n",
    "This folder is a termtrace document cache (pipeline run --cache). termtrace writes cache entries here and\n"
    "refuses to use a non-empty folder without this file as a cache.\n"};

/* Is a (absolute, normalized) inside b or equal to it? */
static int
within(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (n == 1 && b[0] == '/')
        return 1;
    return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == 0);
}

/* Does the marker file of this kind exist in dir with its first line? */
static int
has_marker(const char *dir, tt_dir_kind kind)
{
    size_t n = strlen(dir) + strlen(marker_name[kind]) + 2;
    char *p = malloc(n);
    if (!p)
        return 0;
    snprintf(p, n, "%s/%s", dir, marker_name[kind]);
    FILE *f = fopen(p, "r");
    free(p);
    if (!f)
        return 0;
    char line[64];
    int ok = fgets(line, sizeof line, f) && strncmp(line, marker_line[kind], strlen(marker_line[kind])) == 0 &&
             (line[strlen(marker_line[kind])] == '\n' || line[strlen(marker_line[kind])] == 0);
    fclose(f);
    return ok;
}

static int
is_hex2(const char *s)
{
    return strlen(s) == 2 && strchr("0123456789abcdef", s[0]) && strchr("0123456789abcdef", s[1]);
}

/* An unmarked cache of an older version: only two-hex-digit folders holding only *.docres files (and
 * temporary files of an interrupted write). */
static int
old_cache(const char *dir, DIR *d)
{
    struct dirent *e;
    int any = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!is_hex2(e->d_name))
            return 0;
        char sub[PATH_MAX];
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name) >= sizeof sub)
            return 0;
        DIR *s = opendir(sub);
        if (!s)
            return 0;
        struct dirent *f;
        int ok = 1;
        while (ok && (f = readdir(s))) {
            size_t l = strlen(f->d_name);
            if (!strcmp(f->d_name, ".") || !strcmp(f->d_name, ".."))
                continue;
            ok = (l > 7 && strcmp(f->d_name + l - 7, ".docres") == 0) || strstr(f->d_name, ".tmp.");
        }
        closedir(s);
        if (!ok)
            return 0;
        any = 1;
    }
    return any;
}

int
tt_dir_check(const char *dir, tt_dir_kind kind, const char *opt, const tt_dir_guard *guards, size_t nguards,
             tt_error *err)
{
    char howbuf[160];
    snprintf(howbuf, sizeof howbuf, "give %s a new or empty folder, or %s", opt,
             kind == TT_DIR_OUTPUT ? "one a previous run wrote" : "an existing termtrace cache");
    const char *role = kind == TT_DIR_OUTPUT ? "output" : "cache";
    char ad[PATH_MAX], ag[PATH_MAX];
    if (!dir || !dir[0])
        return tt_error_set(err, TT_EUSAGE, "%s needs a folder name", opt);
    if (tt_abspath(dir, ad, sizeof ad) != 0) {
        tt_error_set(err, TT_EUSAGE, "cannot resolve this path (too long, or the working folder is gone)");
        return tt_error_at(err, dir, 0, 0);
    }
    if (!strcmp(ad, "/")) {
        tt_error_set(err, TT_EUSAGE, "refusing to use the root folder as the %s folder; %s", role, howbuf);
        return tt_error_at(err, dir, 0, 0);
    }
    for (size_t i = 0; i < nguards; i++) {
        if (!guards[i].path || !guards[i].path[0] || tt_abspath(guards[i].path, ag, sizeof ag) != 0)
            continue;
        const char *rel = !strcmp(ad, ag)  ? "is"
                          : within(ag, ad) ? "contains"
                          : within(ad, ag) ? "lies inside"
                                           : NULL;
        if (rel) {
            tt_error_set(err, TT_EUSAGE, "refusing to use this folder as the %s folder: it %s the %s '%s'; %s", role,
                         rel, guards[i].what, guards[i].path, howbuf);
            return tt_error_at(err, dir, 0, 0);
        }
    }
    struct stat st;
    if (lstat(dir, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        if (err)
            err->sys_errno = errno;
        tt_error_set(err, TT_EIO, "cannot look at the %s folder", role);
        return tt_error_at(err, dir, 0, 0);
    }
    if (S_ISLNK(st.st_mode)) {
        tt_error_set(err, TT_EUSAGE, "refusing to use a symbolic link as the %s folder; give %s the folder it "
                                     "points to, or a new one", role, opt);
        return tt_error_at(err, dir, 0, 0);
    }
    if (!S_ISDIR(st.st_mode)) {
        tt_error_set(err, TT_EUSAGE, "refusing to replace this file: the %s must be a folder; %s", role, howbuf);
        return tt_error_at(err, dir, 0, 0);
    }
    if (has_marker(dir, kind))
        return 0;
    DIR *d = opendir(dir);
    if (!d) {
        if (err)
            err->sys_errno = errno;
        tt_error_set(err, TT_EIO, "cannot list the %s folder", role);
        return tt_error_at(err, dir, 0, 0);
    }
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            empty = 0;
    int legacy = 0;
    if (!empty && kind == TT_DIR_CACHE) {
        rewinddir(d);
        legacy = old_cache(dir, d);
    }
    closedir(d);
    if (empty || legacy)
        return 0;
    if (kind == TT_DIR_OUTPUT)
        tt_error_set(err, TT_EUSAGE,
                     "refusing to replace this folder: it is not empty and has no %s file, so termtrace did not "
                     "write it (a run replaces its output folder as a whole); %s (delete it yourself if it is an "
                     "output of an older version)",
                     TT_OUTPUT_MARKER, howbuf);
    else
        tt_error_set(err, TT_EUSAGE,
                     "refusing to use this folder as a cache: it is not empty and has no %s file; %s",
                     TT_CACHE_MARKER, howbuf);
    return tt_error_at(err, dir, 0, 0);
}

int
tt_dir_mark(const char *dir, tt_dir_kind kind, tt_error *err)
{
    size_t n = strlen(dir) + strlen(marker_name[kind]) + 2;
    char *p = malloc(n);
    if (!p)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    snprintf(p, n, "%s/%s", dir, marker_name[kind]);
    tt_atomic a = {0};
    /* an output folder is marked while it is a staging folder, before tt_install_dir */
    int rc = tt_atomic_open_flags(&a, p, kind == TT_DIR_OUTPUT ? TT_ATOMIC_STAGED : 0, err);
    free(p);
    if (rc)
        return rc;
    fprintf(a.f, "%s\n%s", marker_line[kind], marker_text[kind]);
    return tt_atomic_commit(&a, err);
}
