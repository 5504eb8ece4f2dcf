/* corpuswalk.c - the files of a corpus folder without a manifest, in a deterministic order, with
 * safe and unique doc_ids (see tt/corpuswalk.h). */
#include "tt/corpuswalk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tt/utf8.h"

typedef struct walk {
    tt_walk_file *v;
    size_t n, cap;
    tt_walk_warn_fn warn;
    void *ctx;
    const char *root;
} walk;

static void
warn(walk *w, const char *path, const char *why)
{
    if (!w->warn)
        return;
    tt_error e;
    tt_error_clear(&e);
    tt_error_set(&e, TT_EUSAGE, "%s", why); /* not TT_EIO: no errno to add */
    tt_error_at(&e, path, 0, 0);
    w->warn(w->ctx, &e);
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add(walk *w, const char *rel)
{
    if (tt_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v))
        return TT_ENOMEM;
    char *p = strdup(rel);
    if (!p)
        return TT_ENOMEM;
    w->v[w->n].path = p;
    w->v[w->n].doc_id = NULL;
    w->n++;
    return 0;
}

static int
walk_dir(walk *w, const char *rel, int depth, tt_error *err)
{
    tt_buf full = {0};
    if (tt_buf_printf(&full, "%s%s%s", w->root, *rel ? "/" : "", rel))
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    DIR *d = opendir(full.data);
    if (!d) {
        int e = errno;
        if (depth == 0) {
            err->sys_errno = e;
            tt_error_set(err, TT_EIO, "cannot open the corpus folder");
            tt_error_at(err, full.data, 0, 0);
            tt_buf_free(&full);
            return TT_EIO;
        }
        warn(w, full.data, "folder skipped: cannot open it");
        tt_buf_free(&full);
        return 0;
    }
    char **names = NULL;
    size_t nn = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (tt_grow((void **)&names, &cap, nn + 1, sizeof *names)) {
            rc = TT_ENOMEM;
            break;
        }
        if (!(names[nn] = strdup(e->d_name))) {
            rc = TT_ENOMEM;
            break;
        }
        nn++;
    }
    closedir(d);
    if (!rc && nn)
        qsort(names, nn, sizeof *names, cmp_name);
    tt_buf r = {0}, f = {0};
    for (size_t i = 0; i < nn && !rc; i++) {
        tt_buf_reset(&r);
        tt_buf_reset(&f);
        if (tt_buf_printf(&r, "%s%s%s", rel, *rel ? "/" : "", names[i]) ||
            tt_buf_printf(&f, "%s/%s", full.data, names[i])) {
            rc = TT_ENOMEM;
            break;
        }
        if (tt_utf8_check(names[i], strlen(names[i])) != strlen(names[i])) {
            warn(w, f.data,
                 "file skipped: its name is not UTF-8 (rename it, or list it in a manifest)");
            continue;
        }
        struct stat ls, st;
        if (lstat(f.data, &ls) != 0) {
            warn(w, f.data, "file skipped: cannot stat it");
            continue;
        }
        int link = S_ISLNK(ls.st_mode);
        if (stat(f.data, &st) != 0) {
            if (link) {
                warn(w, f.data, "file skipped: a broken symbolic link");
                continue;
            }
            st = ls;
        }
        if (S_ISDIR(st.st_mode)) {
            if (link)
                warn(w, f.data, "folder skipped: a symbolic link to a folder is not followed");
            else
                rc = walk_dir(w, r.data, depth + 1, err);
        } else if (S_ISREG(st.st_mode)) {
            rc = add(w, r.data);
        } else {
            warn(w, f.data, "file skipped: not a regular file");
        }
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    tt_buf_free(&r);
    tt_buf_free(&f);
    tt_buf_free(&full);
    return rc == TT_ENOMEM ? tt_error_set(err, TT_ENOMEM, "out of memory") : rc;
}

int
tt_corpus_doc_id(const char *path, tt_buf *out)
{
    size_t n = strlen(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bn = (size_t)(path + n - base);
    if (bn > 4 && !strcmp(base + bn - 3, ".gz")) {
        n -= 3;
        bn -= 3;
    }
    for (size_t i = bn; i > 1; i--)
        if (base[i - 1] == '.') {
            n -= bn - (i - 1);
            break;
        }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        int ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
        if (tt_buf_putc(out, ok ? (char)c : '_'))
            return TT_ENOMEM;
    }
    return 0;
}

static int
cmp_id(const void *a, const void *b)
{
    const tt_walk_file *x = *(tt_walk_file *const *)a, *y = *(tt_walk_file *const *)b;
    int c = strcmp(x->doc_id, y->doc_id);
    return c ? c : strcmp(x->path, y->path);
}

int
tt_corpus_walk(const char *dir, tt_walk_file **files, size_t *n, tt_walk_warn_fn wf, void *ctx,
               tt_error *err)
{
    *files = NULL;
    *n = 0;
    walk w = {.warn = wf, .ctx = ctx, .root = dir};
    int rc = walk_dir(&w, "", 0, err);
    tt_buf id = {0};
    for (size_t i = 0; i < w.n && !rc; i++) {
        tt_buf_reset(&id);
        if (tt_corpus_doc_id(w.v[i].path, &id) || !(w.v[i].doc_id = strdup(id.data ? id.data : "")))
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    /* unique: of the paths that give one id, the first in byte order keeps it, the next get ~2, ~3
     * ... (order[i - 1] may already carry a suffix: compare with the base id) */
    tt_walk_file **order = !rc && w.n ? malloc(w.n * sizeof *order) : NULL;
    if (!rc && w.n && !order)
        rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    for (size_t i = 0; i < w.n && !rc; i++)
        order[i] = &w.v[i];
    if (!rc && w.n)
        qsort(order, w.n, sizeof *order, cmp_id);
    for (size_t i = 1, k = 2; i < w.n && !rc; i++) {
        size_t bl = strlen(order[i]->doc_id);
        const char *prev = order[i - 1]->doc_id;
        int same = strncmp(prev, order[i]->doc_id, bl) == 0 && (prev[bl] == 0 || prev[bl] == '~');
        if (!same) {
            k = 2;
            continue;
        }
        for (;;) { /* a name like 'a~2' may exist already */
            tt_buf_reset(&id);
            if (tt_buf_printf(&id, "%s~%zu", order[i]->doc_id, k++)) {
                rc = tt_error_set(err, TT_ENOMEM, "out of memory");
                break;
            }
            int taken = 0;
            for (size_t j = 0; j < w.n && !taken; j++)
                taken = !strcmp(w.v[j].doc_id, id.data);
            if (!taken)
                break;
        }
        if (rc)
            break;
        char *nid = strdup(id.data);
        if (!nid) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        free(order[i]->doc_id);
        order[i]->doc_id = nid;
    }
    free(order);
    tt_buf_free(&id);
    if (rc) {
        tt_corpus_walk_free(w.v, w.n);
        return rc;
    }
    *files = w.v;
    *n = w.n;
    return 0;
}

void
tt_corpus_walk_free(tt_walk_file *files, size_t n)
{
    if (!files)
        return;
    for (size_t i = 0; i < n; i++) {
        free(files[i].path);
        free(files[i].doc_id);
    }
    free(files);
}
