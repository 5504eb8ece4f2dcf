/* tsv.c - row-by-row reader of the output folder's TSV files, columns by name (see tt/tsv.h). */
#include "tt/tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "tt/num.h"

struct tt_tsv {
    gzFile f;
    char *path;
    tt_buf line;   /* the raw line */
    tt_buf fields; /* unescaped fields, each NUL-terminated */
    size_t *off;   /* offset of field i in fields */
    size_t ncols;
    char **names;
    size_t lineno;
};

int
tt_tsv_exists(const char *path)
{
    if (access(path, R_OK) == 0)
        return 1;
    size_t n = strlen(path);
    char *gz = malloc(n + 4);
    if (!gz)
        return 0;
    memcpy(gz, path, n);
    memcpy(gz + n, ".gz", 4);
    int ok = access(gz, R_OK) == 0;
    free(gz);
    return ok;
}

/* Reads one line into t->line without its newline. Returns 1, 0 at end of file, TT_EIO. */
static int
read_line(tt_tsv *t)
{
    char chunk[16384];
    tt_buf_reset(&t->line);
    int any = 0;
    while (gzgets(t->f, chunk, sizeof chunk)) {
        any = 1;
        size_t n = strlen(chunk);
        if (tt_buf_append(&t->line, chunk, n))
            return TT_ENOMEM;
        if (n && chunk[n - 1] == '\n') {
            t->line.data[--t->line.len] = 0;
            break;
        }
    }
    if (!any) {
        int e;
        gzerror(t->f, &e);
        return e == Z_OK || e == Z_BUF_ERROR ? 0 : TT_EIO;
    }
    if (t->line.len && t->line.data[t->line.len - 1] == '\r')
        t->line.data[--t->line.len] = 0;
    t->lineno++;
    return 1;
}

/* Splits t->line into unescaped fields; fills off[0..max) (missing fields point to an empty
 * string). */
static int
split(tt_tsv *t, size_t max, size_t *nf, tt_error *err)
{
    tt_buf_reset(&t->fields);
    if (tt_buf_putc(&t->fields, 0)) /* offset 0: the empty string */
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    const char *p = t->line.data ? t->line.data : "", *end = p + t->line.len;
    size_t k = 0;
    for (;;) {
        const char *q = memchr(p, '\t', (size_t)(end - p));
        if (!q)
            q = end;
        if (k < max) {
            t->off[k] = t->fields.len;
            int rc = tt_tsv_unescape(&t->fields, p, (size_t)(q - p));
            if (rc == TT_ESYNTAX) {
                tt_error_set(err, TT_ESYNTAX,
                             "bad escape in field %zu (a backslash is written \\\\)", k + 1);
                return tt_error_at(err, t->path, t->lineno, 0);
            }
            if (rc || tt_buf_putc(&t->fields, 0))
                return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
        k++;
        if (q == end)
            break;
        p = q + 1;
    }
    for (size_t i = k; i < max; i++)
        t->off[i] = 0;
    *nf = k;
    return 0;
}

int
tt_tsv_open(tt_tsv **out, const char *path, tt_error *err)
{
    *out = NULL;
    tt_tsv *t = calloc(1, sizeof *t);
    if (!t)
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    size_t n = strlen(path);
    t->path = malloc(n + 4);
    if (!t->path) {
        free(t);
        return tt_error_set(err, TT_ENOMEM, "out of memory");
    }
    memcpy(t->path, path, n + 1);
    if (access(path, F_OK) != 0)
        memcpy(t->path + n, ".gz", 4);
    t->f = gzopen(t->path, "rb");
    if (!t->f) {
        int e = errno;
        tt_error_set(err, TT_EIO, "cannot open");
        err->sys_errno = e;
        tt_error_at(err, path, 0, 0);
        tt_tsv_close(t);
        return TT_EIO;
    }
    gzbuffer(t->f, 1 << 16);
    int rc = read_line(t);
    if (rc <= 0) {
        if (rc == 0)
            tt_error_set(err, TT_ESYNTAX, "no header row");
        else
            tt_error_set(err, rc, rc == TT_ENOMEM ? "out of memory" : "cannot read");
        tt_error_at(err, t->path, 1, 0);
        tt_tsv_close(t);
        return rc ? rc : TT_ESYNTAX;
    }
    size_t cols = 1;
    for (size_t i = 0; i < t->line.len; i++)
        cols += t->line.data[i] == '\t';
    t->off = calloc(cols, sizeof *t->off);
    t->names = calloc(cols, sizeof *t->names);
    size_t nf = 0;
    if (!t->off || !t->names || (rc = split(t, cols, &nf, err))) {
        if (!rc)
            tt_error_set(err, TT_ENOMEM, "out of memory");
        tt_tsv_close(t);
        return rc ? rc : TT_ENOMEM;
    }
    t->ncols = cols;
    for (size_t i = 0; i < cols; i++)
        if (!(t->names[i] = strdup(t->fields.data + t->off[i]))) {
            tt_tsv_close(t);
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        }
    tt_buf_reset(&t->fields);
    *out = t;
    return 0;
}

int
tt_tsv_col(const tt_tsv *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcmp(t->names[i], name))
            return (int)i;
    return -1;
}

size_t
tt_tsv_ncols(const tt_tsv *t)
{
    return t->ncols;
}

const char *
tt_tsv_colname(const tt_tsv *t, size_t i)
{
    return i < t->ncols ? t->names[i] : "";
}

int
tt_tsv_next(tt_tsv *t, tt_error *err)
{
    int rc;
    do {
        rc = read_line(t);
        if (rc < 0) {
            tt_error_set(err, rc, rc == TT_ENOMEM ? "out of memory" : "cannot read");
            return tt_error_at(err, t->path, t->lineno + 1, 0);
        }
        if (rc == 0)
            return 0;
    } while (t->line.len == 0); /* a blank line (e.g. at the end) is no row */
    size_t nf;
    return (rc = split(t, t->ncols, &nf, err)) ? rc : 1;
}

const char *
tt_tsv_get(const tt_tsv *t, int i)
{
    if (i < 0 || (size_t)i >= t->ncols || !t->fields.data)
        return "";
    return t->fields.data + t->off[i];
}

double
tt_tsv_num(const tt_tsv *t, int i)
{
    const char *s = tt_tsv_get(t, i);
    double v = 0;
    return *s && tt_num_parse_double(s, strlen(s), &v) == 0 ? v : 0;
}

size_t
tt_tsv_line(const tt_tsv *t)
{
    return t->lineno;
}

void
tt_tsv_close(tt_tsv *t)
{
    if (!t)
        return;
    if (t->f)
        gzclose(t->f);
    for (size_t i = 0; t->names && i < t->ncols; i++)
        free(t->names[i]);
    free(t->names);
    free(t->off);
    free(t->path);
    tt_buf_free(&t->line);
    tt_buf_free(&t->fields);
    free(t);
}
