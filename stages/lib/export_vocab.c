/* export_vocab.c - --vocab: the full vocabulary, vocab.tsv (term, df, cf, form after the trims, byte order) and
 * vocab.mtx (documents x terms); per-document rows are streamed to a scratch file and assembled at finish. */
#include "export_priv.h"

#include "tt/num.h"

#include <stdlib.h>
#include <string.h>

int
ex_vocab_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    uint64_t cnt, nsent, flags, fcnt;
    if (tt_num_parse_u64(ln->f[1], ln->n[1], &cnt))
        return ex_bad_line(err, ln, "bad count '%s'", ln->f[1]);
    if (tt_num_parse_u64(ln->f[2], ln->n[2], &nsent) || tt_num_parse_u64(ln->f[3], ln->n[3], &flags) ||
        tt_num_parse_u64(ln->f[5], ln->n[5], &fcnt))
        return ex_bad_line(err, ln, "bad sentence count, flags or form count '%s' '%s' '%s'", ln->f[2], ln->f[3],
                           ln->f[5]);
    if (!ex->o.vocab || !cnt)
        return 0;
    size_t idx;
    if (tt_strmap_intern(&ex->terms, ln->f[0], ln->n[0], &idx, NULL))
        return ex_oom(err);
    ex->terms.val[idx][0]++;
    ex->terms.val[idx][1] += cnt;
    if (tt_disc_vocab(ex->disc, idx, cnt, nsent, (unsigned)flags))
        return ex_oom(err);
    if (fcnt && tt_disc_form(ex->disc, idx, ln->f[4], ln->n[4], fcnt))
        return ex_oom(err);
    if (ex->in_a || ex->in_b) { /* keyness.tsv's term rows */
        size_t kidx; /* not idx: the scratch line below names the term by its ex->terms index */
        if (tt_strmap_intern(&ex->kterms, ln->f[0], ln->n[0], &kidx, NULL))
            return ex_oom(err);
        ex->kterms.val[kidx][0] += ex->in_a ? cnt : 0;
        ex->kterms.val[kidx][1] += ex->in_b ? cnt : 0;
    }
    tt_buf *b = &ex->line;
    tt_buf_reset(b);
    /* the scratch line names the term by its index in ex->terms (stable), so that finish need not look it up */
    if (tt_buf_put_u64(b, ex->row) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, (uint64_t)idx) ||
        tt_buf_putc(b, '\t') || tt_buf_put_u64(b, cnt) || tt_buf_putc(b, '\n'))
        return ex_oom(err);
    return ex_put_buf(ex->vtmp, b, err);
}

/* vocab.tsv, and the trims: from here on a term's val[0] is its column (1-based), 0 = trimmed. */
static int
write_terms(tt_exporter *ex, uint64_t *ncols, tt_error *err)
{
    tt_strmap *t = &ex->terms;
    ex_sref *s = ex_sorted_keys(t);
    if (t->n && !s)
        return ex_oom(err);
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "term\tdf\tcf\tform\n") ? ex_oom(err) : 0;
    *ncols = 0;
    for (size_t i = 0; i < t->n && !rc; i++) {
        uint64_t *v = t->val[s[i].idx];
        int keep = (!ex->o.vocab_min_df || v[0] >= ex->o.vocab_min_df) &&
                   (!ex->o.vocab_max_df || v[0] <= ex->o.vocab_max_df) &&
                   (!ex->o.vocab_min_tf || v[1] >= ex->o.vocab_min_tf);
        if (keep && (tt_buf_put_tsv(&b, s[i].s, s[i].n) || tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, v[0]) ||
                     tt_buf_putc(&b, '\t') || tt_buf_put_u64(&b, v[1]) || tt_buf_putc(&b, '\t') ||
                     ex_disc_put_form(ex, s[i].idx, &b)))
            rc = ex_oom(err);
        v[0] = keep ? ++*ncols : 0;
    }
    free(s);
    tt_atomic a = {0};
    rc = ex_close_out(ex, &a, "vocab.tsv", &b, rc, err);
    tt_buf_free(&b);
    return rc;
}

typedef struct vcell {
    uint64_t col, count;
} vcell;

typedef struct vrow {
    vcell *c;
    size_t n, cap;
    uint64_t row, nnz;
} vrow;

static int
cmp_vcell(const void *a, const void *b)
{
    const vcell *x = a, *y = b;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Writes the collected row, columns sorted, and empties it. */
static int
flush_vrow(FILE *out, vrow *r, tt_buf *b, tt_error *err)
{
    if (r->n > 1)
        qsort(r->c, r->n, sizeof *r->c, cmp_vcell);
    tt_buf_reset(b);
    for (size_t i = 0; i < r->n; i++)
        if (tt_mm_entry_u64(b, r->row, r->c[i].col, r->c[i].count))
            return ex_oom(err);
    r->nnz += r->n;
    r->n = 0;
    return ex_put_buf(out, b, err);
}

/* One scratch line (row, term index in ex->terms, count) into the current row; flushes the previous row first. */
static int
vocab_cell(tt_exporter *ex, FILE *body, vrow *r, char **f, tt_error *err)
{
    uint64_t row = strtoull(f[0], NULL, 10), ti = strtoull(f[1], NULL, 10), cnt = strtoull(f[2], NULL, 10);
    int rc;
    if (row != r->row) {
        if ((rc = flush_vrow(body, r, &ex->line, err)))
            return rc;
        r->row = row;
    }
    if (ti >= ex->terms.n)
        return tt_error_set(err, TT_EIO, "temporary file damaged");
    if (!ex->terms.val[ti][0])
        return 0; /* trimmed */
    if (tt_grow((void **)&r->c, &r->cap, r->n + 1, sizeof *r->c))
        return ex_oom(err);
    r->c[r->n].col = ex->terms.val[ti][0];
    r->c[r->n++].count = cnt;
    return 0;
}

/* The .mtx body, row by row with columns sorted, into the scratch file body. */
static int
vocab_body(tt_exporter *ex, FILE *body, uint64_t *nnz, tt_error *err)
{
    int rc = 0;
    if (fflush(ex->vtmp) != 0 || fseek(ex->vtmp, 0, SEEK_SET) != 0)
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    vrow r = {0};
    while (!rc && (len = getline(&line, &lcap, ex->vtmp)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = 0;
        char *f[3];
        if (ex_split_tabs(line, f, 3) != 3)
            rc = tt_error_set(err, TT_EIO, "temporary file damaged");
        else
            rc = vocab_cell(ex, body, &r, f, err);
    }
    if (!rc)
        rc = flush_vrow(body, &r, &ex->line, err);
    if (!rc && ferror(ex->vtmp))
        rc = tt_error_set(err, TT_EIO, "temporary file failed");
    *nnz = r.nnz;
    free(line);
    free(r.c);
    return rc;
}

int
ex_write_vocab(tt_exporter *ex, tt_error *err)
{
    if (!ex->o.vocab)
        return 0;
    uint64_t ncols = 0, nnz = 0;
    int rc = write_terms(ex, &ncols, err);
    if (rc)
        return rc;
    FILE *body = ex_scratch_file(ex, err);
    if (!body)
        return err->code;
    rc = vocab_body(ex, body, &nnz, err);
    if (!rc)
        rc = ex_write_mtx(ex, "vocab.mtx", TT_MM_INTEGER, TT_MM_GENERAL, ex->row, ncols, nnz, body, NULL,
                          "rows = docs.tsv, columns = vocab.tsv", err);
    fclose(body);
    return rc;
}
