/* export_cooc.c - co-occurrence: the cooc lines of the records summed per context, written as
 * cooc.<ctx>.tsv (with the association measures of tt/measures.h) and cooc.<ctx>.mtx (see tt/export.h). */
#include "export_priv.h"

#include "tt/measures.h"
#include "tt/num.h"

#include <stdlib.h>
#include <string.h>

int
ex_cooc_add(tt_exporter *ex, const tt_docres_line *ln, tt_error *err)
{
    size_t k = 0;
    while (k < ex->o.ncontexts && strcmp(ex->o.contexts[k].name, ln->f[0]) != 0)
        k++;
    if (k == ex->o.ncontexts)
        return 0;
    int64_t a = ex_concept_col(ex, ln, 1, err), b;
    if (a < 0 || (b = ex_concept_col(ex, ln, 2, err)) < 0)
        return err->code;
    double v;
    if (tt_num_parse_double(ln->f[3], ln->n[3], &v) || !(v >= 0))
        return ex_bad_line(err, ln, "bad co-occurrence value '%s'", ln->f[3]);
    uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);
    return tt_u64map_add(&ex->cooc[k], lo * ex->nc + hi, v) ? ex_oom(err) : 0;
}

typedef struct pairkey {
    uint64_t hi, lo;
    double v;
} pairkey;

static int
cmp_rowmajor(const void *a, const void *b)
{
    const pairkey *x = a, *y = b;
    if (x->hi != y->hi)
        return x->hi < y->hi ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The number of contexts of the kind (the N of the association measures). */
static double
ctx_n(const tt_exporter *ex, const tt_context *c)
{
    switch (c->kind) {
    case TT_CTX_SENTENCE: return ex->nsent;
    case TT_CTX_PARAGRAPH: return ex->npara;
    case TT_CTX_ARTICLE: return ex->nart;
    case TT_CTX_DOCUMENT: return ex->ndocs_ok;
    default: return ex->ntok;
    }
}

/* The non-zero pairs of map m in (lo, hi) key order; caller frees. NULL with *np = 0 when there are none;
 * TT_ENOMEM. */
static int
nonzero_pairs(const tt_exporter *ex, const tt_u64map *m, pairkey **out, size_t *np)
{
    int ok;
    uint64_t *keys = tt_u64map_keys(m, &ok);
    *out = NULL;
    *np = 0;
    if (!ok)
        return TT_ENOMEM;
    pairkey *p = m->n ? malloc(m->n * sizeof *p) : NULL;
    if (m->n && !p) {
        free(keys);
        return TT_ENOMEM;
    }
    for (size_t i = 0; i < m->n; i++) {
        double v = *tt_u64map_get(m, keys[i]);
        if (v == 0)
            continue;
        p[*np].lo = keys[i] / ex->nc;
        p[*np].hi = keys[i] % ex->nc;
        p[(*np)++].v = v;
    }
    free(keys);
    *out = p;
    return 0;
}

static int
cooc_tsv_line(const tt_exporter *ex, const tt_u64map *m, const pairkey *p, double n, tt_mm_field fld, tt_buf *b)
{
    const char *ia = ex->o.concepts[p->lo].id, *ib = ex->o.concepts[p->hi].id;
    double *fa = tt_u64map_get(m, p->lo * ex->nc + p->lo), *fb = tt_u64map_get(m, p->hi * ex->nc + p->hi);
    tt_assoc as;
    tt_assoc_compute(p->v, fa ? *fa : p->v, fb ? *fb : p->v, n, &as);
    return tt_buf_put_tsv(b, ia, strlen(ia)) || tt_buf_putc(b, '\t') || tt_buf_put_tsv(b, ib, strlen(ib)) ||
           tt_buf_putc(b, '\t') || tt_mm_value(b, fld, p->v) || tt_buf_putc(b, '\t') ||
           tt_num_put_fixed(b, as.pmi, 4) || tt_buf_putc(b, '\t') || tt_num_put_fixed(b, as.log_dice, 4) ||
           tt_buf_putc(b, '\t') || tt_num_put_fixed(b, as.t_score, 4) || tt_buf_putc(b, '\t') ||
           tt_num_put_fixed(b, as.g2, 4) || tt_buf_putc(b, '\n');
}

/* cooc.<ctx>.tsv: pairs in (lo, hi) order, written in pieces (a large lexicon's pairs need not sit in memory
 * twice). */
static int
write_cooc_tsv(tt_exporter *ex, size_t k, const pairkey *p, size_t np, tt_error *err)
{
    const tt_context *c = &ex->o.contexts[k];
    tt_mm_field fld = c->kind == TT_CTX_WINDOW_WEIGHTED ? TT_MM_REAL : TT_MM_INTEGER;
    tt_buf name = {0}, body = {0};
    tt_atomic a = {0};
    int rc = 0;
    if (tt_buf_printf(&name, "cooc.%s.tsv", c->name) ||
        tt_buf_puts(&body, "concept_a\tconcept_b\tcount\tpmi\tlog_dice\tt_score\tg2\n"))
        rc = ex_oom(err);
    double n = ctx_n(ex, c);
    for (size_t i = 0; i < np && !rc; i++) {
        if (cooc_tsv_line(ex, &ex->cooc[k], &p[i], n, fld, &body))
            rc = ex_oom(err);
        else
            rc = ex_flush_big(ex, &a, name.data, &body, err);
    }
    rc = ex_close_out(ex, &a, name.data, &body, rc, err);
    tt_buf_free(&name);
    tt_buf_free(&body);
    return rc;
}

/* cooc.<ctx>.mtx: lower triangle, row = hi >= col = lo, sorted by row then column (sorts p). */
static int
write_cooc_mtx(tt_exporter *ex, size_t k, pairkey *p, size_t np, tt_error *err)
{
    const tt_context *c = &ex->o.contexts[k];
    tt_mm_field fld = c->kind == TT_CTX_WINDOW_WEIGHTED ? TT_MM_REAL : TT_MM_INTEGER;
    if (np > 1)
        qsort(p, np, sizeof *p, cmp_rowmajor);
    tt_buf name = {0}, body = {0};
    int rc = 0;
    if (tt_buf_printf(&name, "cooc.%s.mtx", c->name))
        rc = ex_oom(err);
    for (size_t i = 0; i < np && !rc; i++)
        if (tt_mm_entry(&body, fld, p[i].hi + 1, p[i].lo + 1, p[i].v))
            rc = ex_oom(err);
    if (!rc)
        rc = ex_write_mtx(ex, name.data, fld, TT_MM_SYMMETRIC, ex->nc, ex->nc, np, NULL, &body,
                          "rows and columns = concepts.tsv, lower triangle", err);
    tt_buf_free(&name);
    tt_buf_free(&body);
    return rc;
}

int
ex_write_cooc(tt_exporter *ex, tt_error *err)
{
    for (size_t k = 0; k < ex->o.ncontexts; k++) {
        pairkey *p;
        size_t np;
        if (nonzero_pairs(ex, &ex->cooc[k], &p, &np))
            return ex_oom(err);
        int rc = write_cooc_tsv(ex, k, p, np, err);
        if (!rc)
            rc = write_cooc_mtx(ex, k, p, np, err);
        free(p);
        if (rc)
            return rc;
    }
    return 0;
}
