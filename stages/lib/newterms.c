/* newterms.c - newterms.tsv (tt/export.h): per group and period, the vocabulary terms whose rate
 * rose most against the group's previous period, tested with G2, that no lexicon entry matches
 * (discover_priv.h). */
#include <stdlib.h>
#include <string.h>

#include "tt/measures.h"
#include "tt/num.h"

#include "discover_priv.h"

typedef struct pgroup {
    size_t g;
    const char *keys; /* escaped key values joined by tabs */
    size_t keysn;
    const char *period;
    int64_t order; /* first year of the period; "<1991" comes before every year */
} pgroup;

static int
cmp_pgroup(const void *a, const void *b)
{
    const pgroup *x = a, *y = b;
    size_t m = x->keysn < y->keysn ? x->keysn : y->keysn;
    int r = memcmp(x->keys, y->keys, m);
    if (r || x->keysn != y->keysn)
        return r ? r : (x->keysn > y->keysn) - (x->keysn < y->keysn);
    return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct nrow {
    uint64_t term, a, b;
    tt_keyness k;
} nrow;

static int
cmp_nrow(const void *a, const void *b, void *arg)
{
    const nrow *x = a, *y = b;
    if (x->k.g2 != y->k.g2)
        return x->k.g2 > y->k.g2 ? -1 : 1;
    size_t xn, yn;
    const char *xs = tt_strmap_key(arg, x->term, &xn), *ys = tt_strmap_key(arg, y->term, &yn);
    size_t m = xn < yn ? xn : yn;
    int c = memcmp(xs, ys, m);
    return c ? c : (xn > yn) - (xn < yn);
}

/* One (group, period) against the group's previous period: its rows, sorted, into out. */
static int
write_block(tt_disc *d, const tt_strmap *terms, const tt_strmap *groups, const pgroup *cur,
            const pgroup *prev, const uint64_t *keys, size_t k0, size_t k1, nrow **rows,
            size_t *cap, tt_buf *out)
{
    double ta = (double)groups->val[cur->g][0], tb = (double)groups->val[prev->g][0];
    size_t n = 0;
    for (size_t i = k0; i < k1; i++) {
        uint64_t t = keys[i] >> 20;
        if (t >= d->nt || (d->t[t].flags & 2) || !(d->t[t].flags & 1))
            continue; /* a lexicon entry matches it, or not a discovery word */
        uint64_t a = tt_disc_nt_count(d, (size_t)t, cur->g),
                 b = tt_disc_nt_count(d, (size_t)t, prev->g);
        if ((double)a * tb <= (double)b * ta)
            continue; /* not rising: no test needed */
        tt_keyness k;
        tt_keyness_compute((double)a, (double)b, ta, tb, &k);
        if (!(k.log_ratio > 0) || !(k.p_value <= d->ntp))
            continue;
        if (n == *cap) {
            size_t c = *cap ? *cap * 2 : 1024;
            nrow *x = realloc(*rows, c * sizeof *x);
            if (!x)
                return TT_ENOMEM;
            *rows = x;
            *cap = c;
        }
        (*rows)[n++] = (nrow){t, a, b, k};
    }
    if (n > 1)
        qsort_r(*rows, n, sizeof **rows, cmp_nrow, (void *)terms);
    tt_buf form = {0};
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        const nrow *r = &(*rows)[i];
        size_t tn;
        const char *ts = tt_strmap_key(terms, r->term, &tn);
        tt_buf_reset(&form);
        if (tt_buf_puts(out, cur->period) || tt_buf_putc(out, '\t') ||
            tt_buf_append(out, cur->keys, cur->keysn) || tt_buf_putc(out, '\t') ||
            tt_buf_put_tsv(out, ts, tn) || tt_buf_putc(out, '\t') ||
            tt_disc_form_of(d, terms, r->term, &form) ||
            tt_buf_put_tsv(out, form.data ? form.data : "", form.len) || tt_buf_putc(out, '\t') ||
            tt_buf_put_u64(out, r->a) || tt_buf_putc(out, '\t') || tt_buf_put_u64(out, r->b) ||
            tt_buf_putc(out, '\t') || tt_num_put_fixed(out, r->k.log_ratio, 4) ||
            tt_buf_putc(out, '\t') || tt_num_put_fixed(out, r->k.g2, 4) || tt_buf_putc(out, '\t') ||
            tt_num_put_g(out, r->k.p_value, 6) || tt_buf_putc(out, '\n'))
            rc = TT_ENOMEM;
    }
    tt_buf_free(&form);
    return rc;
}

int
tt_disc_newterms(tt_disc *d, const tt_strmap *terms, const tt_strmap *groups,
                 const char (*keys)[64], size_t nkeys, tt_buf *out)
{
    int rc = tt_buf_puts(out, "period") ? TT_ENOMEM : 0;
    for (size_t i = 0; i < nkeys && !rc; i++)
        if (tt_buf_putc(out, '\t') || tt_buf_puts(out, keys[i]))
            rc = TT_ENOMEM;
    if (rc || tt_buf_puts(out, "\tterm\tform\tcount\tprev_count\tlog_ratio\tg2\tp_value\n"))
        return TT_ENOMEM;
    pgroup *pg = groups->n ? malloc(groups->n * sizeof *pg) : NULL;
    if (groups->n && !pg)
        return TT_ENOMEM;
    size_t np = 0;
    for (size_t g = 0; g < groups->n && g < ((size_t)1 << 20); g++) {
        size_t n;
        const char *s = tt_strmap_key(groups, g, &n);
        const char *tab = s + n;
        while (tab > s && tab[-1] != '\t')
            tab--;
        if (tab == s || tab == s + n) /* no period: not in any series */
            continue;
        pgroup *p = &pg[np++];
        p->g = g;
        p->keys = s;
        p->keysn = (size_t)(tab - 1 - s);
        p->period = tab;
        if (*tab == '<') {
            p->order = INT64_MIN;
        } else {
            p->order = 0;
            for (const char *c = tab; *c >= '0' && *c <= '9'; c++)
                p->order = p->order * 10 + (*c - '0');
        }
    }
    if (np > 1)
        qsort(pg, np, sizeof *pg, cmp_pgroup);
    /* the (term, group) pairs, grouped by period+group (in no particular order: the rows are sorted
     * after) */
    const tt_u64map *m = &d->nt_counts;
    size_t nk = m->n;
    for (size_t t = 0; t < d->nt; t++)
        nk += (d->t[t].ng[0] != 0) + (d->t[t].ng[1] != 0);
    size_t *start = calloc(groups->n + 1, sizeof *start);
    uint64_t *byg = nk ? malloc(nk * sizeof *byg) : NULL;
    size_t *fill = calloc(groups->n + 1, sizeof *fill);
    if (!start || (nk && !byg) || !fill)
        rc = TT_ENOMEM;
    for (int pass = 0; pass < 2 && !rc; pass++) { /* 0: count per group, 1: place */
        for (size_t t = 0; t < d->nt; t++)
            for (int i = 0; i < 2; i++) {
                size_t g = d->t[t].ng[i];
                if (!g-- || g >= groups->n)
                    continue;
                if (pass)
                    byg[start[g] + fill[g]++] = (uint64_t)t << 20 | g;
                else
                    start[g + 1]++;
            }
        for (size_t i = 0; i < m->cap; i++) {
            size_t g = (size_t)(m->keys[i] & 0xfffff);
            if (!m->used[i] || g >= groups->n)
                continue;
            if (pass)
                byg[start[g] + fill[g]++] = m->keys[i];
            else
                start[g + 1]++;
        }
        if (!pass)
            for (size_t g = 0; g < groups->n; g++)
                start[g + 1] += start[g];
    }
    nrow *rows = NULL;
    size_t cap = 0;
    for (size_t i = 1; i < np && !rc; i++) {
        const pgroup *cur = &pg[i], *prev = &pg[i - 1];
        if (cur->keysn != prev->keysn || memcmp(cur->keys, prev->keys, cur->keysn) != 0)
            continue; /* the first period of a group has no previous one */
        rc = write_block(d, terms, groups, cur, prev, byg, start[cur->g], start[cur->g + 1], &rows,
                         &cap, out);
    }
    free(rows);
    free(fill);
    free(byg);
    free(start);
    free(pg);
    return rc;
}
