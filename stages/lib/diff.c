/* diff.c - tt_export_diff: what changed between two output folders (`pipeline diff OLD NEW`, see tt/diff.h).
 * Reads the TSV files plainly or gzip-compressed (zlib reads both); values are compared in their escaped TSV
 * form, so they are written back without re-escaping. */
#include "tt/diff.h"

#include "tt/map.h"
#include "tt/num.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

typedef struct tsv {
    gzFile g;
    tt_buf line;
    char **f; /* the fields of the current line, as many as it has (no fixed limit) */
    size_t nf, capf;
    char path[PATH_MAX + 16];
} tsv;

static int
exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* Opens dir/name or dir/name.gz; returns 0, 1 when neither exists (and !required), or TT_EIO. */
static int
tsv_open(tsv *t, const char *dir, const char *name, int required, tt_error *err)
{
    memset(t, 0, sizeof *t);
    if ((size_t)snprintf(t->path, sizeof t->path, "%s/%s.gz", dir, name) >= sizeof t->path) {
        tt_error_set(err, TT_EUSAGE, "path too long");
        return tt_error_at(err, dir, 0, 0);
    }
    snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
    if (!exists(t->path))
        snprintf(t->path, sizeof t->path, "%s/%s.gz", dir, name);
    if (!exists(t->path)) {
        if (!required)
            return 1;
        snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
        tt_error_set(err, TT_EIO, "missing file");
        return tt_error_at(err, t->path, 0, 0);
    }
    t->g = gzopen(t->path, "rb");
    if (!t->g) {
        tt_error_set(err, TT_EIO, "cannot open");
        return tt_error_at(err, t->path, 0, 0);
    }
    return 0;
}

/* Next line split at tabs (fields point into t->line). Returns 1, 0 at the end, or a negative code. */
static int
tsv_next(tsv *t, tt_error *err)
{
    char buf[8192];
    tt_buf_reset(&t->line);
    for (;;) {
        if (!gzgets(t->g, buf, sizeof buf))
            break;
        size_t n = strlen(buf);
        if (tt_buf_append(&t->line, buf, n))
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        if (n && buf[n - 1] == '\n')
            break;
    }
    int e;
    gzerror(t->g, &e);
    if (e != Z_OK && e != Z_STREAM_END) {
        tt_error_set(err, TT_EIO, "cannot read");
        return tt_error_at(err, t->path, 0, 0);
    }
    if (!t->line.len)
        return 0;
    if (t->line.data[t->line.len - 1] == '\n')
        t->line.data[--t->line.len] = 0;
    size_t need = 1;
    for (size_t i = 0; i < t->line.len; i++)
        need += t->line.data[i] == '\t';
    if (need > t->capf) {
        char **nf = realloc(t->f, need * sizeof *nf);
        if (!nf)
            return tt_error_set(err, TT_ENOMEM, "out of memory");
        t->f = nf;
        t->capf = need;
    }
    t->nf = 0;
    char *p = t->line.data;
    t->f[t->nf++] = p;
    for (; *p; p++)
        if (*p == '\t') {
            *p = 0;
            t->f[t->nf++] = p + 1;
        }
    return 1;
}

static void
tsv_close(tsv *t)
{
    if (t->g)
        gzclose(t->g);
    tt_buf_free(&t->line);
    free(t->f);
    t->f = NULL;
    t->nf = t->capf = 0;
    t->g = NULL;
}

/* Reads the header and finds the columns names[0..n) (-1 when absent); required columns missing: TT_ESYNTAX. */
static int
tsv_header(tsv *t, const char *const *names, size_t n, int *col, tt_error *err)
{
    int rc = tsv_next(t, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        col[i] = -1;
        for (size_t k = 0; rc == 1 && k < t->nf; k++)
            if (strcmp(t->f[k], names[i]) == 0)
                col[i] = (int)k;
        if (col[i] < 0) {
            tt_error_set(err, TT_ESYNTAX, "no column '%s'", names[i]);
            return tt_error_at(err, t->path, 1, 0);
        }
    }
    return 0;
}

typedef struct side {
    tt_strmap docs;
    double tokens;
} side;

/* docs.tsv: doc_ids into s->docs, tokens summed; documents also go to `all` with bit `bit` in val[0]. */
static int
read_docs(const char *dir, tt_strmap *all, uint64_t bit, double *tokens, tt_error *err)
{
    tsv t;
    int col[2];
    static const char *const names[] = {"doc_id", "tokens"};
    int rc = tsv_open(&t, dir, "docs.tsv", 1, err);
    if (!rc)
        rc = tsv_header(&t, names, 2, col, err);
    while (!rc && (rc = tsv_next(&t, err)) == 1) {
        rc = 0;
        if (t.nf <= (size_t)col[0] || t.nf <= (size_t)col[1])
            continue;
        size_t idx;
        if (tt_strmap_intern(all, t.f[col[0]], strlen(t.f[col[0]]), &idx, NULL)) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        all->val[idx][0] |= bit;
        uint64_t tok;
        if (!tt_num_parse_u64(t.f[col[1]], strlen(t.f[col[1]]), &tok))
            *tokens += (double)tok;
    }
    tsv_close(&t);
    return rc < 0 ? rc : 0;
}

/* tf.tsv counts summed per concept into all->val[i][which]; concepts.tsv ids are added with 0. */
static int
read_tf(const char *dir, tt_strmap *all, int which, tt_error *err)
{
    tsv t;
    int col[2];
    static const char *const names[] = {"concept_id", "count"};
    size_t idx;
    int rc = tsv_open(&t, dir, "concepts.tsv", 0, err);
    if (rc == 0) {
        rc = tsv_header(&t, names, 1, col, err);
        while (!rc && (rc = tsv_next(&t, err)) == 1)
            rc = (t.nf > (size_t)col[0] && tt_strmap_intern(all, t.f[col[0]], strlen(t.f[col[0]]), &idx, NULL))
                     ? tt_error_set(err, TT_ENOMEM, "out of memory")
                     : 0;
        tsv_close(&t);
        if (rc < 0)
            return rc;
    } else if (rc < 0) {
        return rc;
    }
    rc = tsv_open(&t, dir, "tf.tsv", 1, err);
    if (!rc)
        rc = tsv_header(&t, names, 2, col, err);
    while (!rc && (rc = tsv_next(&t, err)) == 1) {
        rc = 0;
        if (t.nf <= (size_t)col[0] || t.nf <= (size_t)col[1])
            continue;
        uint64_t cnt;
        if (tt_num_parse_u64(t.f[col[1]], strlen(t.f[col[1]]), &cnt))
            continue;
        if (tt_strmap_intern(all, t.f[col[0]], strlen(t.f[col[0]]), &idx, NULL)) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        all->val[idx][which] += cnt;
    }
    tsv_close(&t);
    return rc < 0 ? rc : 0;
}

/* Distinct (concept_id, form) pairs of file (forms.tsv: form column; hits.tsv: surface) into all, bit in val[0]. */
static int
read_forms(const char *dir, const char *file, const char *formcol, tt_strmap *all, uint64_t bit, tt_error *err)
{
    tsv t;
    int col[2];
    const char *names[] = {"concept_id", formcol};
    tt_buf key = {0};
    int rc = tsv_open(&t, dir, file, 1, err);
    if (!rc)
        rc = tsv_header(&t, names, 2, col, err);
    while (!rc && (rc = tsv_next(&t, err)) == 1) {
        rc = 0;
        if (t.nf <= (size_t)col[0] || t.nf <= (size_t)col[1])
            continue;
        size_t idx;
        tt_buf_reset(&key);
        if (tt_buf_puts(&key, t.f[col[0]]) || tt_buf_putc(&key, '\t') || tt_buf_puts(&key, t.f[col[1]]) ||
            tt_strmap_intern(all, key.data, key.len, &idx, NULL)) {
            rc = tt_error_set(err, TT_ENOMEM, "out of memory");
            break;
        }
        all->val[idx][0] |= bit;
    }
    tsv_close(&t);
    tt_buf_free(&key);
    return rc < 0 ? rc : 0;
}

typedef struct ref {
    const char *s;
    size_t n, idx;
    double delta;
} ref;

static int
cmp_bytes(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int r = memcmp(x->s, y->s, m);
    return r ? r : (x->n < y->n ? -1 : x->n > y->n);
}

static int
cmp_delta(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->delta != y->delta)
        return x->delta > y->delta ? -1 : 1;
    return cmp_bytes(a, b);
}

static ref *
refs(const tt_strmap *m)
{
    ref *r = malloc((m->n ? m->n : 1) * sizeof *r);
    if (!r)
        return NULL;
    for (size_t i = 0; i < m->n; i++) {
        r[i].s = tt_strmap_key(m, i, &r[i].n);
        r[i].idx = i;
        r[i].delta = 0;
    }
    return r;
}

/* Writes rows "change \t a \t b \t c \t old \t new" for entries of m whose val[0] is exactly `bits`. */
static int
put_set(FILE *out, const tt_strmap *m, ref *r, uint64_t bits, const char *change, int doc)
{
    tt_buf b = {0};
    int rc = 0;
    for (size_t i = 0; i < m->n && !rc; i++) {
        if (m->val[r[i].idx][0] != bits)
            continue;
        /* documents: change, doc_id, 4 empty; forms: change, "", key (= concept \t form), 2 empty */
        if (tt_buf_puts(&b, change) || tt_buf_puts(&b, doc ? "\t" : "\t\t") || tt_buf_append(&b, r[i].s, r[i].n) ||
            tt_buf_puts(&b, doc ? "\t\t\t\t\n" : "\t\t\n"))
            rc = TT_ENOMEM;
        if (!rc && b.len > (1u << 16)) {
            rc = fwrite(b.data, 1, b.len, out) == b.len ? 0 : TT_EIO;
            tt_buf_reset(&b);
        }
    }
    if (!rc && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = TT_EIO;
    tt_buf_free(&b);
    return rc;
}

int
tt_export_diff(const char *old_dir, const char *new_dir, FILE *out, tt_error *err)
{
    tt_strmap docs = {0}, conc = {0}, forms = {0};
    double tok_old = 0, tok_new = 0;
    ref *r = NULL;
    tt_buf b = {0};
    int rc = read_docs(old_dir, &docs, 1, &tok_old, err);
    if (!rc)
        rc = read_docs(new_dir, &docs, 2, &tok_new, err);
    if (!rc)
        rc = read_tf(old_dir, &conc, 0, err);
    if (!rc)
        rc = read_tf(new_dir, &conc, 1, err);
    if (!rc) {
        char p1[1100], p2[1100], p3[1100], p4[1100];
        snprintf(p1, sizeof p1, "%s/forms.tsv", old_dir);
        snprintf(p2, sizeof p2, "%s/forms.tsv.gz", old_dir);
        snprintf(p3, sizeof p3, "%s/forms.tsv", new_dir);
        snprintf(p4, sizeof p4, "%s/forms.tsv.gz", new_dir);
        int both = (exists(p1) || exists(p2)) && (exists(p3) || exists(p4));
        const char *file = both ? "forms.tsv" : "hits.tsv", *col = both ? "form" : "surface";
        rc = read_forms(old_dir, file, col, &forms, 1, err);
        if (!rc)
            rc = read_forms(new_dir, file, col, &forms, 2, err);
    }
    if (rc)
        goto done;
    static const char head[] = "change\tdoc_id\tconcept_id\tform\told\tnew\n";
    if (fwrite(head, 1, sizeof head - 1, out) != sizeof head - 1)
        goto ioerr;
    if (!(r = refs(&docs)))
        goto nomem;
    if (docs.n > 1)
        qsort(r, docs.n, sizeof *r, cmp_bytes);
    if (put_set(out, &docs, r, 2, "doc_added", 1) || put_set(out, &docs, r, 1, "doc_removed", 1))
        goto ioerr;
    free(r);
    if (!(r = refs(&conc)))
        goto nomem;
    size_t nr = 0;
    for (size_t i = 0; i < conc.n; i++) {
        double ro = tok_old > 0 ? (double)conc.val[i][0] * 10000.0 / tok_old : 0;
        double rn = tok_new > 0 ? (double)conc.val[i][1] * 10000.0 / tok_new : 0;
        /* compare as written (4 decimals), so a change below the printed precision is no change */
        if (llround(ro * 10000.0) == llround(rn * 10000.0))
            continue;
        r[nr] = r[i];
        r[nr++].delta = fabs(rn - ro);
    }
    if (nr > 1)
        qsort(r, nr, sizeof *r, cmp_delta);
    for (size_t i = 0; i < nr; i++) {
        size_t k = r[i].idx;
        tt_buf_reset(&b);
        if (tt_buf_puts(&b, "rate\t\t") || tt_buf_append(&b, r[i].s, r[i].n) || tt_buf_puts(&b, "\t\t") ||
            tt_num_put_fixed(&b, tok_old > 0 ? (double)conc.val[k][0] * 10000.0 / tok_old : 0, 4) ||
            tt_buf_putc(&b, '\t') ||
            tt_num_put_fixed(&b, tok_new > 0 ? (double)conc.val[k][1] * 10000.0 / tok_new : 0, 4) ||
            tt_buf_putc(&b, '\n'))
            goto nomem;
        if (fwrite(b.data, 1, b.len, out) != b.len)
            goto ioerr;
    }
    free(r);
    if (!(r = refs(&forms)))
        goto nomem;
    if (forms.n > 1)
        qsort(r, forms.n, sizeof *r, cmp_bytes);
    if (put_set(out, &forms, r, 2, "form_added", 0) || put_set(out, &forms, r, 1, "form_removed", 0))
        goto ioerr;
    if (ferror(out))
        goto ioerr;
    goto done;
nomem:
    rc = tt_error_set(err, TT_ENOMEM, "out of memory");
    goto done;
ioerr:
    rc = tt_error_set(err, TT_EIO, "write failed");
done:
    free(r);
    tt_buf_free(&b);
    tt_strmap_free(&docs);
    tt_strmap_free(&conc);
    tt_strmap_free(&forms);
    return rc;
}
