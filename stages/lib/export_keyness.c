/* export_keyness.c - --compare A:B: the two groups of documents (each a "+"-joined list of key=value
 * conditions) and keyness.tsv, the concepts' keyness of A against B (measures in tt/measures.h). */
#include "export_priv.h"

#include "tt/measures.h"
#include "tt/num.h"

#include <stdlib.h>
#include <string.h>

static int
parse_conds(const char *s, size_t n, ex_cond *c, size_t *nc, tt_error *err)
{
    *nc = 0;
    const char *p = s, *end = s + n;
    while (p <= end) {
        const char *e = memchr(p, '+', (size_t)(end - p));
        if (!e)
            e = end;
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (!eq || eq == p || (size_t)(eq - p) >= sizeof c->key || *nc == EX_MAX_KEYS)
            return tt_error_set(err, TT_EUSAGE, "bad --compare side '%.*s' (want key=value)", (int)n, s);
        ex_cond *x = &c[(*nc)++];
        memcpy(x->key, p, (size_t)(eq - p));
        x->key[eq - p] = 0;
        size_t vl = (size_t)(e - eq - 1);
        x->val = malloc(vl + 1);
        if (!x->val)
            return ex_oom(err);
        memcpy(x->val, eq + 1, vl);
        x->val[vl] = 0;
        p = e + 1;
    }
    return 0;
}

int
ex_parse_compare(tt_exporter *ex, const char *s, tt_error *err)
{
    const char *colon = strchr(s, ':');
    if (!colon)
        return tt_error_set(err, TT_EUSAGE, "bad --compare '%s' (want A:B, e.g. country=KZ:country=UZ)", s);
    int rc = parse_conds(s, (size_t)(colon - s), ex->ca, &ex->nca, err);
    return rc ? rc : parse_conds(colon + 1, strlen(colon + 1), ex->cb, &ex->ncb, err);
}

void
ex_keyness_free(tt_exporter *ex)
{
    for (size_t i = 0; i < ex->nca; i++)
        free(ex->ca[i].val);
    for (size_t i = 0; i < ex->ncb; i++)
        free(ex->cb[i].val);
    free(ex->ka);
    free(ex->kb);
}

static int
conds_hold(tt_exporter *ex, const ex_cond *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t vn;
        const char *v = ex_key_value(ex, c[i].key, &vn);
        if (vn != strlen(c[i].val) || memcmp(v, c[i].val, vn) != 0)
            return 0;
    }
    return 1;
}

void
ex_keyness_begin_doc(tt_exporter *ex)
{
    ex->in_a = ex->nca && conds_hold(ex, ex->ca, ex->nca);
    ex->in_b = ex->ncb && conds_hold(ex, ex->cb, ex->ncb);
    if (ex->in_a)
        ex->ta += ex->tokens;
    if (ex->in_b)
        ex->tb += ex->tokens;
}

typedef struct krow {
    size_t col;
    tt_keyness k;
} krow;

static int
keyness_line(tt_exporter *ex, const krow *r, tt_buf *b)
{
    size_t c = r->col;
    const char *id = ex->o.concepts[c].id;
    const tt_keyness *k = &r->k;
    return tt_buf_put_tsv(b, id, strlen(id)) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, ex->ka[c]) ||
           tt_buf_putc(b, '\t') || tt_buf_put_u64(b, ex->kb[c]) || tt_buf_putc(b, '\t') ||
           ex_put_per10k(b, ex->ka[c], ex->ta) || tt_buf_putc(b, '\t') || ex_put_per10k(b, ex->kb[c], ex->tb) ||
           tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->g2, 4) || tt_buf_putc(b, '\t') ||
           tt_num_put_fixed(b, k->chi2, 4) || tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->log_ratio, 4) ||
           tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->pct_diff, 4) || tt_buf_putc(b, '\t') ||
           tt_num_put_g(b, k->p_value, 6) || tt_buf_putc(b, '\n');
}

int
ex_write_keyness(tt_exporter *ex, tt_error *err)
{
    if (!ex->nca)
        return 0;
    krow *r = malloc((ex->nc ? ex->nc : 1) * sizeof *r);
    if (!r)
        return ex_oom(err);
    for (size_t i = 0; i < ex->nc; i++) {
        r[i].col = i;
        tt_keyness_compute((double)ex->ka[i], (double)ex->kb[i], (double)ex->ta, (double)ex->tb, &r[i].k);
    }
    /* largest G2 first, ties in column order (insertion sort keeps it stable; nconcepts is small) */
    for (size_t i = 1; i < ex->nc; i++) {
        krow x = r[i];
        size_t j = i;
        while (j > 0 && r[j - 1].k.g2 < x.k.g2) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = x;
    }
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "concept_id\tcount_a\tcount_b\tper_10k_a\tper_10k_b\tg2\tchi2\tlog_ratio\tpct_diff\t"
                             "p_value\n")
                 ? ex_oom(err)
                 : 0;
    for (size_t i = 0; i < ex->nc && !rc; i++)
        if (keyness_line(ex, &r[i], &b))
            rc = ex_oom(err);
    free(r);
    tt_atomic a = {0};
    rc = ex_close_out(ex, &a, "keyness.tsv", &b, rc, err);
    tt_buf_free(&b);
    return rc;
}
