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
    if (ex->in_a) {
        ex->ta += ex->tokens;
        ex->na++;
    }
    if (ex->in_b) {
        ex->tb += ex->tokens;
        ex->nb++;
    }
}

/* A row: a concept (col) or a term (term != NULL, kterms index ti) with its counts in A and B. */
typedef struct krow {
    size_t col;
    const char *term;
    size_t termn;
    uint64_t a, b;
    tt_keyness k;
} krow;

static int
keyness_line(tt_exporter *ex, const krow *r, tt_buf *b)
{
    const char *c = ex->o.compare, *colon = strchr(c, ':');
    const char *id = r->term ? "" : ex->o.concepts[r->col].id;
    const tt_keyness *k = &r->k;
    return tt_buf_put_tsv(b, c, (size_t)(colon - c)) || tt_buf_putc(b, '\t') ||
           tt_buf_put_tsv(b, colon + 1, strlen(colon + 1)) || tt_buf_putc(b, '\t') ||
           tt_buf_put_tsv(b, id, strlen(id)) || tt_buf_putc(b, '\t') ||
           (r->term && tt_buf_append(b, r->term, r->termn)) || tt_buf_putc(b, '\t') ||
           tt_buf_put_u64(b, r->a) || tt_buf_putc(b, '\t') || tt_buf_put_u64(b, r->b) || tt_buf_putc(b, '\t') ||
           ex_put_per10k(b, r->a, ex->ta) || tt_buf_putc(b, '\t') || ex_put_per10k(b, r->b, ex->tb) ||
           tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->g2, 4) || tt_buf_putc(b, '\t') ||
           tt_num_put_fixed(b, k->chi2, 4) || tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->log_ratio, 4) ||
           tt_buf_putc(b, '\t') || tt_num_put_fixed(b, k->pct_diff, 4) || tt_buf_putc(b, '\t') ||
           tt_num_put_g(b, k->p_value, 6) || tt_buf_putc(b, '\n');
}

/* Largest G2 first; ties in the order given (concepts: column order; terms: byte order). */
static int
cmp_krow(const void *x, const void *y)
{
    const krow *a = x, *b = y;
    if (a->k.g2 != b->k.g2)
        return a->k.g2 < b->k.g2 ? 1 : -1;
    return a->col < b->col ? -1 : a->col > b->col;
}

/* The terms of the vocabulary (those vocab.tsv kept: val[0] != 0 after ex_write_vocab) as rows. */
static krow *
term_rows(tt_exporter *ex, size_t *n)
{
    *n = 0;
    ex_sref *ks = ex_sorted_keys(&ex->kterms);
    krow *r = malloc((ex->kterms.n ? ex->kterms.n : 1) * sizeof *r);
    if ((ex->kterms.n && !ks) || !r) {
        free(ks);
        free(r);
        return NULL;
    }
    for (size_t i = 0; i < ex->kterms.n; i++) {
        int64_t t = tt_strmap_find(&ex->terms, ks[i].s, ks[i].n);
        if (t < 0 || ex->terms.val[t][0] == 0)
            continue; /* trimmed from the vocabulary */
        krow *x = &r[(*n)++];
        memset(x, 0, sizeof *x);
        x->col = i;
        x->term = ks[i].s;
        x->termn = ks[i].n;
        x->a = ex->kterms.val[ks[i].idx][0];
        x->b = ex->kterms.val[ks[i].idx][1];
        tt_keyness_compute((double)x->a, (double)x->b, (double)ex->ta, (double)ex->tb, &x->k);
    }
    free(ks); /* the key strings stay in the map */
    return r;
}

int
ex_write_keyness(tt_exporter *ex, tt_error *err)
{
    if (!ex->nca)
        return 0;
    if (!ex->ta || !ex->tb) { /* only the data can tell: every document of a side was skipped or empty */
        const char *c = ex->o.compare, *colon = strchr(c, ':');
        int a = !ex->ta;
        if (!(a ? ex->na : ex->nb)) /* (pipeline run checks this against the manifest before reading) */
            return tt_error_set(err, TT_EUSAGE, "--compare: no document is in group %s (%.*s)", a ? "a" : "b",
                                a ? (int)(colon - c) : (int)strlen(colon + 1), a ? c : colon + 1);
        return tt_error_set(err, TT_EUSAGE,
                            "--compare: group %s (%.*s) has no words: each of its documents was skipped or empty "
                            "(see docs.tsv status); a comparison with it would read as 'no difference'",
                            a ? "a" : "b", a ? (int)(colon - c) : (int)strlen(colon + 1), a ? c : colon + 1);
    }
    krow *r = malloc((ex->nc ? ex->nc : 1) * sizeof *r), *t = NULL;
    size_t nt = 0;
    if (!r || (ex->o.vocab && !(t = term_rows(ex, &nt)))) {
        free(r);
        return ex_oom(err);
    }
    for (size_t i = 0; i < ex->nc; i++) {
        memset(&r[i], 0, sizeof r[i]);
        r[i].col = i;
        r[i].a = ex->ka[i];
        r[i].b = ex->kb[i];
        tt_keyness_compute((double)ex->ka[i], (double)ex->kb[i], (double)ex->ta, (double)ex->tb, &r[i].k);
    }
    qsort(r, ex->nc, sizeof *r, cmp_krow);
    if (nt)
        qsort(t, nt, sizeof *t, cmp_krow);
    tt_buf b = {0};
    int rc = tt_buf_puts(&b, "group_a\tgroup_b\tconcept_id\tterm\tcount_a\tcount_b\tper_10k_a\tper_10k_b\tg2\t"
                             "chi2\tlog_ratio\tpct_diff\tp_value\n")
                 ? ex_oom(err)
                 : 0;
    tt_atomic a = {0};
    for (size_t i = 0; i < ex->nc + nt && !rc; i++) {
        if (keyness_line(ex, i < ex->nc ? &r[i] : &t[i - ex->nc], &b))
            rc = ex_oom(err);
        else
            rc = ex_flush_big(ex, &a, "keyness.tsv", &b, err);
    }
    free(r);
    free(t);
    rc = ex_close_out(ex, &a, "keyness.tsv", &b, rc, err);
    tt_buf_free(&b);
    return rc;
}
