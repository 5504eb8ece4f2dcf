/* export_io.c - the exporter's file plumbing: output files (atomic, optionally gzip), scratch files that vanish
 * on a crash, sorted map keys and the .mtx file writer (see export_priv.h). */
#include "export_priv.h"

#include "tt/num.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
ex_oom(tt_error *err)
{
    return tt_error_set(err, TT_ENOMEM, "out of memory");
}

int
ex_bad_line(tt_error *err, const tt_docres_line *ln, const char *fmt, ...)
{
    if (!err)
        return TT_ESYNTAX;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = TT_ESYNTAX;
    return tt_error_at(err, NULL, ln->lineno, 0);
}

FILE *
ex_scratch_file(tt_exporter *ex, tt_error *err)
{
    size_t n = strlen(ex->o.dir) + 32;
    char *p = malloc(n);
    if (!p) {
        ex_oom(err);
        return NULL;
    }
    snprintf(p, n, "%s/.tt-export.XXXXXX", ex->o.dir);
    int fd = mkstemp(p);
    FILE *f = NULL;
    if (fd >= 0) {
        unlink(p);
        f = fdopen(fd, "w+");
        if (!f)
            close(fd);
    }
    if (!f) {
        tt_error_set(err, TT_EIO, "cannot create a temporary file in the output folder");
        tt_error_at(err, ex->o.dir, 0, 0);
    }
    free(p);
    return f;
}

int
ex_open_out(tt_exporter *ex, tt_atomic *a, const char *name, tt_error *err)
{
    tt_buf p = {0};
    if (tt_buf_printf(&p, "%s/%s%s", ex->o.dir, name, ex->sfx)) {
        tt_buf_free(&p);
        return ex_oom(err);
    }
    int rc = tt_atomic_open_flags(a, p.data, ex->aflags, err);
    tt_buf_free(&p);
    return rc;
}

/* Writes a C string (fwrite: the library writes files, never prints). */
int
ex_put_str(FILE *f, const char *s)
{
    size_t n = strlen(s);
    return fwrite(s, 1, n, f) == n ? 0 : -1;
}

int
ex_put_buf(FILE *f, const tt_buf *b, tt_error *err)
{
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len)
        return tt_error_set(err, TT_EIO, "write failed");
    return 0;
}

int
ex_write_header(tt_atomic *a, const char *const *cols, size_t n, tt_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (ex_put_str(a->f, cols[i]) < 0 || ex_put_str(a->f, i + 1 < n ? "\t" : "\n") < 0)
            return tt_error_set(err, TT_EIO, "write failed");
    return 0;
}

int
ex_copy_scratch(FILE *from, FILE *to, tt_error *err)
{
    char buf[65536];
    if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return tt_error_set(err, TT_EIO, "temporary file failed");
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            return tt_error_set(err, TT_EIO, "write failed");
    if (ferror(from))
        return tt_error_set(err, TT_EIO, "temporary file failed");
    return 0;
}

int
ex_commit(tt_atomic *a, const tt_buf *b, tt_error *err)
{
    int rc = b ? ex_put_buf(a->f, b, err) : 0;
    if (rc) {
        tt_atomic_abort(a);
        return rc;
    }
    return tt_atomic_commit(a, err);
}

int
ex_flush_big(tt_exporter *ex, tt_atomic *a, const char *name, tt_buf *b, tt_error *err)
{
    if (b->len <= (1u << 20))
        return 0;
    int rc = a->f ? 0 : ex_open_out(ex, a, name, err);
    if (!rc)
        rc = ex_put_buf(a->f, b, err);
    tt_buf_reset(b);
    return rc;
}

int
ex_close_out(tt_exporter *ex, tt_atomic *a, const char *name, tt_buf *b, int rc, tt_error *err)
{
    if (!rc && !a->f)
        rc = ex_open_out(ex, a, name, err);
    if (!rc)
        return ex_commit(a, b, err);
    tt_atomic_abort(a);
    return rc;
}

int
ex_write_mtx(tt_exporter *ex, const char *name, tt_mm_field field, tt_mm_symmetry sym, uint64_t rows,
             uint64_t cols, uint64_t nnz, FILE *body, const tt_buf *inline_body, const char *what, tt_error *err)
{
    tt_atomic a = {0};
    int rc = ex_open_out(ex, &a, name, err);
    if (rc)
        return rc;
    tt_buf h = {0};
    if (tt_mm_header(&h, field, sym, what, rows, cols, nnz))
        rc = ex_oom(err);
    else
        rc = ex_put_buf(a.f, &h, err);
    tt_buf_free(&h);
    if (!rc && body)
        rc = ex_copy_scratch(body, a.f, err);
    if (rc) {
        tt_atomic_abort(&a);
        return rc;
    }
    return ex_commit(&a, inline_body, err);
}

int
ex_put_per10k(tt_buf *b, uint64_t count, uint64_t tokens)
{
    return tt_num_put_fixed(b, tokens ? (double)count * 10000.0 / (double)tokens : 0.0, 4);
}

size_t
ex_split_tabs(char *s, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static int
cmp_sref(const void *a, const void *b)
{
    const ex_sref *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int r = memcmp(x->s, y->s, m);
    if (r)
        return r;
    return x->n < y->n ? -1 : x->n > y->n;
}

ex_sref *
ex_sorted_keys(const tt_strmap *m)
{
    if (!m->n)
        return NULL;
    ex_sref *r = malloc(m->n * sizeof *r);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->n; i++) {
        r[i].s = tt_strmap_key(m, i, &r[i].n);
        r[i].idx = i;
    }
    if (m->n > 1)
        qsort(r, m->n, sizeof *r, cmp_sref);
    return r;
}
